//! Exports of a set of events: a handout (Markdown, self-contained HTML), TimelineJS JSON for
//! the web, and iCalendar. Pure functions from the model to text; no egui, no files.
//! Importing TimelineJS files is in [`import`].

pub mod import;

use std::collections::HashMap;
use std::fmt::Write as _;

use serde_json::json;

use crate::model::dataset::{Dataset, EventIndex};
use crate::model::date::{Bound, CalendarDate, EventDate, Precision, ymd_of_day};
use crate::model::event::{Event, Source, is_web_url};
use crate::model::manifest::Language;

/// What to export: a title and events in the order they should appear, each with an optional
/// caption (a storyline step's).
#[derive(Clone, Debug)]
pub struct Selection {
    pub title: String,
    pub description: String,
    pub items: Vec<(EventIndex, Option<String>)>,
}

impl Selection {
    /// Every event in `indices`, in that order, under the dataset's title.
    pub fn of_events(dataset: &Dataset, indices: impl IntoIterator<Item = EventIndex>) -> Self {
        Self {
            title: dataset.manifest.title.clone(),
            description: dataset.manifest.description.clone(),
            items: indices.into_iter().map(|i| (i, None)).collect(),
        }
    }
}

/// The sources of the selection, numbered in order of first citation; equal sources share a
/// number. Returns the list and, for each item, its sources' numbers.
fn number_sources<'a>(
    dataset: &'a Dataset,
    selection: &Selection,
) -> (Vec<&'a Source>, Vec<Vec<usize>>) {
    let mut list: Vec<&Source> = Vec::new();
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let per_item = selection
        .items
        .iter()
        .map(|(i, _)| {
            dataset
                .event(*i)
                .map(|e| {
                    e.sources
                        .iter()
                        .map(|s| {
                            *numbers.entry(source_citation(s)).or_insert_with(|| {
                                list.push(s);
                                list.len()
                            })
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();
    (list, per_item)
}

/// "Xinhua, “Title”, 22 August 2024, https://…"
pub fn source_citation(source: &Source) -> String {
    let mut out = source.publisher.to_string();
    if let Some(title) = &source.title {
        let _ = write!(out, ", “{title}”");
    }
    if let Some(published) = &source.published {
        let _ = write!(out, ", {}", published.human());
    }
    if let Some(url) = &source.url {
        let _ = write!(out, ", {url}");
    }
    out
}

/// Place, participants and status of an event, for the line under its title.
fn facts_line(dataset: &Dataset, event: &Event, language: Language) -> Vec<String> {
    let mut facts = dataset.place_and_participants(event, language);
    facts.push(event.status.label().to_owned());
    facts
}

fn date_range_words(dataset: &Dataset, selection: &Selection) -> String {
    let days: Vec<i64> = selection
        .items
        .iter()
        .filter_map(|(i, _)| dataset.event(*i))
        .flat_map(|e| [e.when.known_start(), e.when.known_end()])
        .flatten()
        .collect();
    let year = |d: i64| ymd_of_day(d).map(|(y, _, _)| crate::model::date::year_label(y));
    match (days.iter().min(), days.iter().max()) {
        (Some(&a), Some(&b)) => match (year(a), year(b)) {
            (Some(a), Some(b)) if a == b => format!(", {a}"),
            (Some(a), Some(b)) => format!(", {a}–{b}"),
            _ => String::new(),
        },
        _ => String::new(),
    }
}

/// A handout in Markdown: title, the events in order (date, place, participants, status,
/// caption, summary, note, citation numbers), then the numbered sources.
pub fn handout_markdown(dataset: &Dataset, selection: &Selection, language: Language) -> String {
    let (sources, cited) = number_sources(dataset, selection);
    let mut out = format!("# {}\n\n", selection.title.trim());
    if !selection.description.trim().is_empty() {
        let _ = writeln!(out, "{}\n", selection.description.trim());
    }
    let count = selection.items.len();
    let _ = writeln!(
        out,
        "{count} event{}{}.\n",
        if count == 1 { "" } else { "s" },
        date_range_words(dataset, selection)
    );
    for (n, ((index, caption), numbers)) in selection.items.iter().zip(&cited).enumerate() {
        let Some(event) = dataset.event(*index) else {
            continue;
        };
        let _ = writeln!(out, "## {}. {}\n", n + 1, event.title);
        let mut line = format!("**{}**", event.when.human());
        for fact in facts_line(dataset, event, language) {
            let _ = write!(line, " · {fact}");
        }
        let _ = writeln!(out, "{line}\n");
        if let Some(caption) = caption.as_deref().filter(|c| !c.trim().is_empty()) {
            let _ = writeln!(out, "*{}*\n", caption.trim());
        }
        if !event.summary.trim().is_empty() {
            let _ = writeln!(out, "{}\n", event.summary.trim());
        }
        if let Some(note) = event.note.as_deref().filter(|n| !n.trim().is_empty()) {
            let _ = writeln!(out, "> Note: {}\n", note.trim());
        }
        if !numbers.is_empty() {
            let refs: Vec<String> = numbers.iter().map(|k| format!("[{k}]")).collect();
            let _ = writeln!(out, "Sources: {}\n", refs.join(" "));
        }
    }
    if !sources.is_empty() {
        out.push_str("## Sources\n\n");
        for (k, source) in sources.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", k + 1, source_citation(source));
        }
        out.push('\n');
    }
    out
}

/// Text for HTML: `<`, `>`, `&` and quotes escaped.
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Paragraphs of a text (blank lines between them) as `<p>` elements.
fn html_paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", html_escape(p).replace('\n', "<br>")))
        .collect::<Vec<_>>()
        .join("\n")
}

const HTML_STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Sans CJK SC',sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1d1d1f;background:#fff}\
h1{font-size:1.8rem;margin-bottom:.2rem}.meta{color:#555}section{border-top:1px solid #ddd;padding:.6rem 0}\
h2{font-size:1.2rem;margin:.4rem 0}.when{font-weight:600}.facts{color:#444}.caption{font-style:italic}\
.note{border-left:3px solid #c77c02;padding-left:.6rem;color:#333}.refs{font-size:.9rem;color:#555}\
ol.sources{font-size:.9rem}@media print{body{margin:0;max-width:none}a{color:inherit}}";

/// A self-contained HTML handout (inline style, no scripts, no outside files): the same
/// content as [`handout_markdown`]. Only http(s) sources become links.
pub fn handout_html(dataset: &Dataset, selection: &Selection, language: Language) -> String {
    let (sources, cited) = number_sources(dataset, selection);
    let title = html_escape(selection.title.trim());
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>{HTML_STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n"
    );
    if !selection.description.trim().is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"meta\">{}</p>",
            html_escape(selection.description.trim())
        );
    }
    let count = selection.items.len();
    let _ = writeln!(
        out,
        "<p class=\"meta\">{count} event{}{}.</p>",
        if count == 1 { "" } else { "s" },
        html_escape(&date_range_words(dataset, selection))
    );
    for (n, ((index, caption), numbers)) in selection.items.iter().zip(&cited).enumerate() {
        let Some(event) = dataset.event(*index) else {
            continue;
        };
        let _ = writeln!(
            out,
            "<section id=\"{}\">\n<h2>{}. {}</h2>",
            html_escape(&event.id),
            n + 1,
            html_escape(&event.title)
        );
        let facts: Vec<String> = facts_line(dataset, event, language)
            .iter()
            .map(|f| html_escape(f))
            .collect();
        let _ = writeln!(
            out,
            "<p><span class=\"when\">{}</span> <span class=\"facts\">· {}</span></p>",
            html_escape(&event.when.human()),
            facts.join(" · ")
        );
        if let Some(caption) = caption.as_deref().filter(|c| !c.trim().is_empty()) {
            let _ = writeln!(
                out,
                "<p class=\"caption\">{}</p>",
                html_escape(caption.trim())
            );
        }
        if !event.summary.trim().is_empty() {
            let _ = writeln!(out, "{}", html_paragraphs(&event.summary));
        }
        if let Some(note) = event.note.as_deref().filter(|n| !n.trim().is_empty()) {
            let _ = writeln!(
                out,
                "<p class=\"note\"><strong>Note:</strong> {}</p>",
                html_escape(note.trim())
            );
        }
        if !numbers.is_empty() {
            let refs: Vec<String> = numbers
                .iter()
                .map(|k| format!("<a href=\"#source-{k}\">[{k}]</a>"))
                .collect();
            let _ = writeln!(out, "<p class=\"refs\">Sources: {}</p>", refs.join(" "));
        }
        out.push_str("</section>\n");
    }
    if !sources.is_empty() {
        out.push_str("<h2>Sources</h2>\n<ol class=\"sources\">\n");
        for (k, source) in sources.iter().enumerate() {
            let mut item = format!("<strong>{}</strong>", html_escape(&source.publisher));
            if let Some(t) = &source.title {
                let _ = write!(item, ", “{}”", html_escape(t));
            }
            if let Some(p) = &source.published {
                let _ = write!(item, ", {}", html_escape(&p.human()));
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

/// A TimelineJS date object: year, and month and day when known.
fn tljs_date(date: CalendarDate, display: Option<String>) -> serde_json::Value {
    let mut object = serde_json::Map::new();
    object.insert("year".into(), json!(date.year()));
    if let Some(m) = date.month() {
        object.insert("month".into(), json!(m));
    }
    if let Some(d) = date.day() {
        object.insert("day".into(), json!(d));
    }
    if let Some(display) = display {
        object.insert("display_date".into(), json!(display));
    }
    serde_json::Value::Object(object)
}

/// The date as words when TimelineJS cannot say it with its date objects (uncertain,
/// approximate, open ends).
fn needs_display(when: &EventDate) -> Option<String> {
    let open = matches!(
        when,
        EventDate::Span { start: None, .. } | EventDate::Span { end: None, .. }
    );
    (when.is_uncertain() || when.is_approximate() || open).then(|| when.human())
}

/// A TimelineJS JSON document: a title slide, one slide per event (start and end date
/// objects, headline, text with the sources, group = category label, unique_id = event id),
/// and the manifest's periods as eras.
pub fn timelinejs(dataset: &Dataset, selection: &Selection) -> serde_json::Value {
    let events: Vec<serde_json::Value> = selection
        .items
        .iter()
        .filter_map(|(i, caption)| {
            let event = dataset.event(*i)?;
            let start = event.when.start_bound().or(event.when.end_bound())?;
            let display = needs_display(&event.when);
            let mut slide = serde_json::Map::new();
            slide.insert("unique_id".into(), json!(&*event.id));
            slide.insert("start_date".into(), tljs_date(start.date, display.clone()));
            if let Some(end) = event.when.end_bound()
                && event.when.is_span()
                && event.when.start_bound().is_some()
            {
                slide.insert("end_date".into(), tljs_date(end.date, None));
            }
            let mut text = String::new();
            if let Some(caption) = caption.as_deref().filter(|c| !c.trim().is_empty()) {
                let _ = write!(text, "<p><em>{}</em></p>", html_escape(caption.trim()));
            }
            text.push_str(&html_paragraphs(&event.summary));
            if let Some(note) = &event.note {
                let _ = write!(text, "<p>Note: {}</p>", html_escape(note));
            }
            if !event.sources.is_empty() {
                let items: Vec<String> = event
                    .sources
                    .iter()
                    .map(|s| format!("<li>{}</li>", html_escape(&source_citation(s))))
                    .collect();
                let _ = write!(text, "<p>Sources:</p><ol>{}</ol>", items.join(""));
            }
            slide.insert(
                "text".into(),
                json!({"headline": &*event.title, "text": text}),
            );
            if let Some(category) = dataset.category(&event.kind) {
                slide.insert("group".into(), json!(category.label));
            }
            if let Some(url) = event
                .sources
                .iter()
                .find_map(|s| s.url.as_deref().filter(|u| is_web_url(u)))
            {
                slide.insert("media".into(), json!({"url": url, "credit": ""}));
            }
            Some(serde_json::Value::Object(slide))
        })
        .collect();
    let eras: Vec<serde_json::Value> = dataset
        .manifest
        .periods
        .iter()
        .filter_map(|p| {
            let start = p.when.start_bound()?;
            let end = p.when.end_bound()?;
            Some(json!({
                "start_date": tljs_date(start.date, None),
                "end_date": tljs_date(end.date, None),
                "text": {"headline": p.title},
            }))
        })
        .collect();
    json!({
        "title": {"text": {
            "headline": selection.title,
            "text": html_paragraphs(&selection.description),
        }},
        "events": events,
        "eras": eras,
    })
}

/// iCalendar text: `\`, `;`, `,` and newlines escaped.
fn ics_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded at 75 octets (never inside a character), ending in CRLF.
fn ics_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

fn ics_day(day: i64) -> Option<String> {
    let (y, m, d) = ymd_of_day(day)?;
    (1..=9999)
        .contains(&y)
        .then(|| format!("{y:04}{m:02}{d:02}"))
}

/// What a summary should say about a date an all-day calendar entry cannot express.
fn ics_date_note(when: &EventDate) -> Option<String> {
    let mut notes = Vec::new();
    if when.is_uncertain() {
        notes.push("date uncertain".to_owned());
    }
    if when.is_approximate() {
        notes.push("date approximate".to_owned());
    }
    let bounds = [when.start_bound(), when.end_bound()];
    if bounds
        .iter()
        .flatten()
        .any(|b: &Bound| b.date.precision() != Precision::Day)
    {
        notes.push(format!("{}; exact days not known", when.human()));
    }
    match when {
        EventDate::Span { end: None, .. } => {
            notes.push(format!("{}, still under way", when.human()))
        }
        EventDate::Span { start: None, .. } => notes.push(when.human()),
        _ => {}
    }
    (!notes.is_empty()).then(|| notes.join("; "))
}

/// The selection as an iCalendar file: one all-day VEVENT per event, DTEND the day after the
/// last day (exclusive, as RFC 5545 says), uncertain or approximate dates and dates known
/// only to the month or year said in the summary. Events before year 1 cannot be written and
/// are listed in the second value.
pub fn icalendar(
    dataset: &Dataset,
    selection: &Selection,
    language: Language,
    stamp: chrono::DateTime<chrono::Utc>,
) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut skipped = Vec::new();
    ics_line(&mut out, "BEGIN:VCALENDAR");
    ics_line(&mut out, "VERSION:2.0");
    ics_line(&mut out, "PRODID:-//Annals//Annals timeline//EN");
    ics_line(&mut out, "CALSCALE:GREGORIAN");
    ics_line(
        &mut out,
        &format!("X-WR-CALNAME:{}", ics_escape(&selection.title)),
    );
    let dtstamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    for (index, caption) in &selection.items {
        let Some(event) = dataset.event(*index) else {
            continue;
        };
        let first = event.when.known_start().or(event.when.known_end());
        let last = event.when.known_end().or(event.when.known_start());
        let (Some(start), Some(end)) = (first.and_then(ics_day), last.and_then(|d| ics_day(d + 1)))
        else {
            skipped.push(format!(
                "{}: {} cannot be written in iCalendar",
                event.id,
                event.when.human()
            ));
            continue;
        };
        let mut summary = event.title.to_string();
        if let Some(note) = ics_date_note(&event.when) {
            let _ = write!(summary, " ({note})");
        }
        let mut description = String::new();
        if let Some(caption) = caption {
            let _ = writeln!(description, "{caption}\n");
        }
        description.push_str(event.summary.trim());
        if let Some(note) = &event.note {
            let _ = write!(description, "\n\nNote: {note}");
        }
        for (k, source) in event.sources.iter().enumerate() {
            let _ = write!(description, "\n[{}] {}", k + 1, source_citation(source));
        }
        ics_line(&mut out, "BEGIN:VEVENT");
        ics_line(&mut out, &format!("UID:{}@annals", ics_escape(&event.id)));
        ics_line(&mut out, &format!("DTSTAMP:{dtstamp}"));
        ics_line(&mut out, &format!("DTSTART;VALUE=DATE:{start}"));
        ics_line(&mut out, &format!("DTEND;VALUE=DATE:{end}"));
        ics_line(&mut out, &format!("SUMMARY:{}", ics_escape(&summary)));
        if !description.trim().is_empty() {
            ics_line(
                &mut out,
                &format!("DESCRIPTION:{}", ics_escape(description.trim())),
            );
        }
        if let Some(place) = event.place.as_deref().and_then(|p| dataset.place(p)) {
            ics_line(
                &mut out,
                &format!("LOCATION:{}", ics_escape(place.name.get(language))),
            );
        }
        if let Some(category) = dataset.category(&event.kind) {
            ics_line(
                &mut out,
                &format!("CATEGORIES:{}", ics_escape(&category.label)),
            );
        }
        if let Some(url) = event
            .sources
            .iter()
            .find_map(|s| s.url.as_deref().filter(|u| is_web_url(u)))
        {
            ics_line(&mut out, &format!("URL:{url}"));
        }
        ics_line(&mut out, "END:VEVENT");
    }
    ics_line(&mut out, "END:VCALENDAR");
    (out, skipped)
}
