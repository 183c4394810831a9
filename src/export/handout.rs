//! Handouts: what a handout says is gathered once into a [`Handout`] (title, the events with
//! their date, facts, caption, summary, note and numbered sources, then the sources), and
//! each format only writes it: Markdown and self-contained HTML here, and any later one (a
//! PDF drawn by a painter) from the same value. Summaries and notes are Markdown, read by
//! [`super::markdown`], so lists, emphasis and links come out alike in both formats, and
//! raw HTML and links other than http(s) come out inert.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::markdown::{self, markdown_line};
use super::{Selection, html_escape, source_citation};
use crate::model::dataset::Dataset;
use crate::model::date::ymd_of_day;
use crate::model::date_display::years_display;
use crate::model::event::{Event, Source, is_web_url};
use crate::model::manifest::Language;

/// The content of a handout, in order, ready to be written in any format.
#[derive(Clone, Debug)]
pub struct Handout<'a> {
    pub title: String,
    /// Markdown.
    pub description: String,
    /// "18 events, 1949–2024."
    pub count: String,
    pub items: Vec<HandoutItem<'a>>,
    /// Every source cited, numbered from 1 in order of first citation.
    pub sources: Vec<&'a Source>,
    /// The language of the handout's own words (headings, labels), its dates, names and
    /// records' texts, and the dataset's own (for texts not written in that one, shown
    /// marked `[en]`).
    pub language: Language,
    pub default: Language,
}

impl Handout<'_> {
    /// A record text in the handout's language, marked when it falls back.
    pub fn text(&self, text: &crate::model::Text) -> String {
        text.get(self.language, self.default).marked()
    }
}

/// One event of a handout.
#[derive(Clone, Debug)]
pub struct HandoutItem<'a> {
    /// From 1.
    pub number: usize,
    pub event: &'a Event,
    /// The title in the handout's language (or marked, in the dataset's).
    pub title: String,
    /// The date in words.
    pub when: String,
    /// Place, participants, status.
    pub facts: Vec<String>,
    /// A storyline step's caption (plain text).
    pub caption: Option<&'a str>,
    /// Markdown; may be empty.
    pub summary: String,
    /// Markdown.
    pub note: Option<String>,
    /// Numbers into [`Handout::sources`].
    pub sources: Vec<usize>,
}

impl<'a> Handout<'a> {
    pub fn new(dataset: &'a Dataset, selection: &'a Selection, language: Language) -> Self {
        let mut sources: Vec<&Source> = Vec::new();
        let mut numbers: HashMap<String, usize> = HashMap::new();
        let mut items = Vec::new();
        for (index, caption) in &selection.items {
            let Some(event) = dataset.event(*index) else {
                continue;
            };
            let cited = event
                .sources
                .iter()
                .map(|s| {
                    *numbers
                        .entry(source_citation(dataset, s, language))
                        .or_insert_with(|| {
                            sources.push(s);
                            sources.len()
                        })
                })
                .collect();
            let mut facts = dataset.place_and_participants(event, language);
            facts.push(super::card::status_word(event.status, language));
            let text = |t: &crate::model::Text| dataset.text(t, language).marked();
            items.push(HandoutItem {
                number: items.len() + 1,
                event,
                title: text(&event.title),
                when: event.when.display(language),
                facts,
                caption: caption.as_deref().map(str::trim).filter(|c| !c.is_empty()),
                summary: text(&event.summary).trim().to_owned(),
                note: event
                    .note
                    .as_ref()
                    .map(|n| text(n).trim().to_owned())
                    .filter(|n| !n.is_empty()),
                sources: cited,
            });
        }
        let count = selection.items.len();
        Self {
            title: selection.title.trim().to_owned(),
            description: selection.description.trim().to_owned(),
            count: match date_range_words(dataset, selection, language) {
                years if years.is_empty() => crate::tr!(language, "export-count", count = count),
                years => crate::tr!(language, "export-count-years", count = count, years = years),
            },
            items,
            sources,
            language,
            default: dataset.language(),
        }
    }
}

fn date_range_words(dataset: &Dataset, selection: &Selection, language: Language) -> String {
    let days: Vec<i64> = selection
        .items
        .iter()
        .filter_map(|(i, _)| dataset.event(*i))
        .flat_map(|e| [e.when.known_start(), e.when.known_end()])
        .flatten()
        .collect();
    let year = |d: i64| ymd_of_day(d).map(|(y, _, _)| y);
    match (days.iter().min(), days.iter().max()) {
        (Some(&a), Some(&b)) => match (year(a), year(b)) {
            (Some(a), Some(b)) => years_display(language, a, b),
            _ => String::new(),
        },
        _ => String::new(),
    }
}

/// A handout in Markdown: title, the events in order (date, place, participants, status,
/// caption, summary, note, citation numbers), then the numbered sources.
pub fn handout_markdown(dataset: &Dataset, selection: &Selection, language: Language) -> String {
    let handout = Handout::new(dataset, selection, language);
    let mut out = format!("# {}\n\n", markdown_line(&handout.title));
    if !handout.description.is_empty() {
        let _ = writeln!(out, "{}\n", markdown::to_markdown(&handout.description));
    }
    let _ = writeln!(out, "{}\n", markdown_line(&handout.count));
    for item in &handout.items {
        let _ = writeln!(out, "## {}. {}\n", item.number, markdown_line(&item.title));
        let mut line = format!("**{}**", markdown_line(&item.when));
        for fact in &item.facts {
            let _ = write!(line, " · {}", markdown_line(fact));
        }
        let _ = writeln!(out, "{line}\n");
        if let Some(caption) = item.caption {
            let _ = writeln!(out, "*{}*\n", markdown_line(caption));
        }
        if !item.summary.is_empty() {
            let _ = writeln!(out, "{}\n", markdown::to_markdown(&item.summary));
        }
        if let Some(note) = &item.note {
            let lead_in = crate::i18n::tr(language, "export-note");
            let note = markdown::events_to_markdown(markdown::with_lead_in(
                &lead_in,
                markdown::events(note),
            ));
            for line in note.lines() {
                let _ = writeln!(out, "{}", format!("> {line}").trim_end());
            }
            out.push('\n');
        }
        if !item.sources.is_empty() {
            let refs: Vec<String> = item.sources.iter().map(|k| format!("[{k}]")).collect();
            let _ = writeln!(
                out,
                "{}\n",
                crate::tr!(language, "export-sources-line", text = refs.join(" "))
            );
        }
    }
    if !handout.sources.is_empty() {
        let _ = writeln!(out, "## {}\n", crate::i18n::tr(language, "export-sources"));
        for (k, source) in handout.sources.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", k + 1, source_markdown(&handout, source));
        }
        out.push('\n');
    }
    out
}

/// A source for the Markdown handout: its citation as text, a web address as a link.
fn source_markdown(handout: &Handout<'_>, source: &Source) -> String {
    let language = handout.language;
    let mut out = markdown_line(&source.publisher);
    if let Some(title) = source.title_in(language, handout.default) {
        let _ = write!(out, ", “{}”", markdown_line(&title.marked()));
    }
    if let Some(published) = &source.published {
        let _ = write!(out, ", {}", markdown_line(&published.display(language)));
    }
    if let Some(url) = &source.url {
        let clean: String = url.trim().chars().filter(|c| !c.is_control()).collect();
        if is_web_url(&clean) && !clean.contains([' ', '<', '>']) {
            let _ = write!(out, ", <{clean}>");
        } else {
            let _ = write!(out, ", {}", markdown_line(url));
        }
    }
    out
}

const HTML_STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Sans CJK SC',sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1d1d1f;background:#fff}\
h1{font-size:1.8rem;margin-bottom:.2rem}.meta{color:#555}section{border-top:1px solid #ddd;padding:.6rem 0}\
h2{font-size:1.2rem;margin:.4rem 0}.when{font-weight:600}.facts{color:#444}.caption{font-style:italic}\
.note{border-left:3px solid #c77c02;padding-left:.6rem;color:#333}.note p{margin:.3rem 0}.refs{font-size:.9rem;color:#555}\
ol.sources{font-size:.9rem}figure{margin:.6rem 0}figure img{max-width:100%;height:auto;display:block}figcaption{font-size:.85rem;color:#555}@media print{body{margin:0;max-width:none}a{color:inherit}}";

/// One picture of a record in the HTML handout: embedded from the dataset folder, or a link
/// when it is on the web, with its caption, credit and licence.
fn picture_html(
    handout: &Handout<'_>,
    media: &crate::model::event::Media,
    root: Option<&std::path::Path>,
) -> String {
    let language = handout.language;
    let byline = media.byline(handout.language, handout.default);
    let caption = if byline.is_empty() {
        String::new()
    } else {
        format!("<figcaption>{}</figcaption>", html_escape(&byline))
    };
    // Its alternative text (else its caption), in the handout's language.
    let alt = html_escape(
        &media
            .alt_text(handout.language, handout.default)
            .unwrap_or_default(),
    );
    if media.is_web() {
        let url = html_escape(media.file.trim());
        return format!(
            "<figure><a href=\"{url}\">{}</a>{caption}</figure>\n",
            html_escape(&crate::tr!(
                language,
                "export-picture",
                what = if alt.is_empty() { url.clone() } else { alt }
            ))
        );
    }
    let embedded = root.and_then(|root| {
        let pixels = super::picture::load(root, media, HANDOUT_PICTURE_SIDE).ok()?;
        pixels.to_jpeg().ok()
    });
    match embedded {
        Some(jpeg) => format!(
            "<figure><img src=\"data:image/jpeg;base64,{}\" alt=\"{alt}\">{caption}</figure>\n",
            base64_encode(&jpeg)
        ),
        None => format!(
            "<figure><em>{}</em>{caption}</figure>\n",
            html_escape(&crate::tr!(
                language,
                "export-picture-not-found",
                file = &*media.file
            ))
        ),
    }
}

/// Standard base64 with padding (RFC 4648), for pictures inside HTML.
pub(crate) fn base64_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A self-contained HTML handout (inline style, no scripts, no outside files): the same
/// content as [`handout_markdown`]. Only http(s) addresses become links.
pub fn handout_html(dataset: &Dataset, selection: &Selection, language: Language) -> String {
    handout_html_with_pictures(dataset, selection, language, None)
}

/// Longer side of the pictures a handout embeds, in pixels.
pub const HANDOUT_PICTURE_SIDE: u32 = 900;

/// The HTML handout, with the records' pictures from the dataset folder `root` embedded
/// (made at most 900 pixels across, as JPEG, inside the file, which stays self-contained);
/// pictures on the web are links, never fetched. Without `root`, pictures are named only.
pub fn handout_html_with_pictures(
    dataset: &Dataset,
    selection: &Selection,
    language: Language,
    root: Option<&std::path::Path>,
) -> String {
    let handout = Handout::new(dataset, selection, language);
    let title = html_escape(&handout.title);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>{HTML_STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n",
        language.code()
    );
    if !handout.description.is_empty() {
        let _ = write!(
            out,
            "<div class=\"meta\">\n{}</div>\n",
            markdown::to_html(&handout.description)
        );
    }
    let _ = writeln!(out, "<p class=\"meta\">{}</p>", html_escape(&handout.count));
    for item in &handout.items {
        let _ = writeln!(
            out,
            "<section id=\"{}\">\n<h2>{}. {}</h2>",
            html_escape(&item.event.id),
            item.number,
            html_escape(&item.title)
        );
        let facts: Vec<String> = item.facts.iter().map(|f| html_escape(f)).collect();
        let _ = writeln!(
            out,
            "<p><span class=\"when\">{}</span> <span class=\"facts\">· {}</span></p>",
            html_escape(&item.when),
            facts.join(" · ")
        );
        if let Some(caption) = item.caption {
            let _ = writeln!(out, "<p class=\"caption\">{}</p>", html_escape(caption));
        }
        for media in &item.event.media {
            out.push_str(&picture_html(&handout, media, root));
        }
        if !item.summary.is_empty() {
            out.push_str(&markdown::to_html(&item.summary));
        }
        if let Some(note) = &item.note {
            let _ = write!(
                out,
                "<div class=\"note\">\n{}</div>\n",
                markdown::events_to_html(markdown::with_lead_in(
                    &crate::i18n::tr(language, "export-note"),
                    markdown::events(note)
                ))
            );
        }
        if !item.sources.is_empty() {
            let refs: Vec<String> = item
                .sources
                .iter()
                .map(|k| format!("<a href=\"#source-{k}\">[{k}]</a>"))
                .collect();
            // The references are markup; the label around them is escaped text.
            let line = crate::tr!(language, "export-sources-line", text = "\u{0}");
            let (before, after) = line.split_once('\u{0}').unwrap_or((&line, ""));
            let _ = writeln!(
                out,
                "<p class=\"refs\">{}{}{}</p>",
                html_escape(before),
                refs.join(" "),
                html_escape(after)
            );
        }
        out.push_str("</section>\n");
    }
    if !handout.sources.is_empty() {
        let _ = writeln!(
            out,
            "<h2>{}</h2>\n<ol class=\"sources\">",
            html_escape(&crate::i18n::tr(language, "export-sources"))
        );
        for (k, source) in handout.sources.iter().enumerate() {
            let mut item = format!("<strong>{}</strong>", html_escape(&source.publisher));
            if let Some(t) = source.title_in(handout.language, handout.default) {
                let _ = write!(item, ", “{}”", html_escape(&t.marked()));
            }
            if let Some(p) = &source.published {
                let _ = write!(item, ", {}", html_escape(&p.display(handout.language)));
            }
            if let Some(url) = &source.url {
                if is_web_url(url) {
                    let url = html_escape(url);
                    let _ = write!(item, ", <a href=\"{url}\">{url}</a>");
                } else {
                    let _ = write!(item, ", {}", html_escape(url));
                }
            }
            let _ = writeln!(out, "<li id=\"source-{}\">{item}</li>", k + 1);
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}
