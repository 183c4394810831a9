//! Exports of a set of events: a handout (Markdown, self-contained HTML, PDF), the timeline
//! as vector graphics (SVG, PDF poster), a PDF deck of a storyline, TimelineJS JSON for the
//! web, and iCalendar. Pure functions from the model to text and bytes; no egui, no files.
//! Importing TimelineJS files is in [`import`].

pub mod card;
pub mod fonts;
pub mod handout;
pub mod import;
pub mod markdown;
pub mod pdf;
pub mod picture;
pub mod scene;
pub mod svg;

pub use handout::{Handout, handout_html, handout_html_with_pictures, handout_markdown};

use std::fmt::Write as _;

use serde_json::json;

use crate::model::dataset::{Dataset, EventIndex};
use crate::model::date::{Bound, CalendarDate, EventDate, Precision, ymd_of_day};
use crate::model::event::{Source, is_web_url};
use crate::model::manifest::Language;

/// What to export: a title and events in the order they should appear, each with an optional
/// caption (a storyline step's).
#[derive(Clone, Debug)]
pub struct Selection {
    pub title: String,
    pub description: String,
    pub items: Vec<(EventIndex, Option<String>)>,
    /// A storyline's steps, when the selection is a storyline's (a PDF deck shows them);
    /// otherwise a deck has one step per event.
    pub steps: Option<Vec<crate::model::storyline::ShownStep>>,
}

impl Selection {
    /// Every event in `indices`, in that order, under the dataset's title (in its own
    /// language).
    pub fn of_events(dataset: &Dataset, indices: impl IntoIterator<Item = EventIndex>) -> Self {
        Self::of_events_in(dataset, indices, dataset.language())
    }

    /// [`Self::of_events`], the dataset's title and description in `language` (or the
    /// dataset's own, marked `[en]`).
    pub fn of_events_in(
        dataset: &Dataset,
        indices: impl IntoIterator<Item = EventIndex>,
        language: Language,
    ) -> Self {
        Self {
            title: dataset.title_in(language),
            description: dataset
                .text(&dataset.manifest.description, language)
                .marked(),
            items: indices.into_iter().map(|i| (i, None)).collect(),
            steps: None,
        }
    }

    /// The events an export covers: a storyline's (its steps' events, and the events in its
    /// windows), or every event; a storyline's title and captions in the dataset's language.
    pub fn of_loaded(
        loaded: &crate::store::Loaded,
        storyline: Option<&str>,
    ) -> Result<Selection, String> {
        let language = loaded
            .dataset
            .as_ref()
            .map_or(Language::English, Dataset::language);
        Self::of_loaded_in(loaded, storyline, language)
    }

    /// [`Self::of_loaded`], a storyline's title and captions in `language` (or the dataset's
    /// own, marked `[en]`).
    pub fn of_loaded_in(
        loaded: &crate::store::Loaded,
        storyline: Option<&str>,
        language: Language,
    ) -> Result<Selection, String> {
        let dataset = loaded.dataset.as_ref().ok_or("the dataset has errors")?;
        let Some(name) = storyline else {
            return Ok(Selection::of_events_in(dataset, 0..dataset.len(), language));
        };
        let (_, story) = loaded.storyline(name).ok_or_else(|| {
            let known = loaded.storyline_names();
            format!(
                "no storyline `{name}` in briefings/ (there are: {})",
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    known.join(", ")
                }
            )
        })?;
        let mut items = Vec::new();
        let steps = story.resolve(dataset);
        for step in &steps {
            let caption = || dataset.text(&step.caption, language).marked();
            let shown = step.filter.as_ref().map(|f| f.mask(dataset));
            let passes = |i: usize| shown.as_ref().is_none_or(|m| m[i]);
            match (step.event, step.window) {
                (Some(i), _) => items.push((i, Some(caption()))),
                (None, Some((a, b))) => {
                    let mut first = true;
                    for i in dataset.in_window(a, b).into_iter().filter(|&i| passes(i)) {
                        let caption = first.then(caption);
                        first = false;
                        items.push((i, caption));
                    }
                }
                (None, None) => {}
            }
        }
        Ok(Selection {
            title: dataset.text(&story.title, language).marked(),
            description: dataset.text(&story.description, language).marked(),
            items,
            steps: Some(steps),
        })
    }
}

/// The formats of an export: the picture (drawn in `ui::render`) and the text formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The timeline as a picture (with `--storyline`: one picture per step, into a folder).
    Png,
    /// A handout in Markdown.
    Markdown,
    /// A handout as one self-contained HTML file.
    Html,
    /// TimelineJS JSON, to publish the same events on the web.
    Timelinejs,
    /// iCalendar: one all-day event per event.
    Ics,
    /// The timeline as vector graphics (SVG), with real text.
    Svg,
    /// PDF: a handout, a poster of the timeline or a deck of a storyline (`--pdf`).
    Pdf,
}

impl Format {
    /// The usual file ending.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Timelinejs => "json",
            Format::Ics => "ics",
            Format::Svg => "svg",
            Format::Pdf => "pdf",
        }
    }
}

/// A text export, and what it had to leave out (events before year 1 in a calendar).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextExport {
    pub text: String,
    pub left_out: Vec<String>,
}

/// The selection in a text format: the one pipeline the command line and the window share.
/// Pictures ([`Format::Png`]) are drawn by the window's painter, not here.
pub fn text(
    dataset: &Dataset,
    selection: &Selection,
    format: Format,
    language: Language,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<TextExport, String> {
    let mut bytes = Vec::new();
    let left_out = write_text(dataset, selection, format, language, now, &mut bytes)
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8(bytes).map_err(|e| e.to_string())?;
    Ok(TextExport { text, left_out })
}

/// [`text`], written to `out` as it is made: TimelineJS and iCalendar event by event (in
/// blocks made on two threads), so that memory does not grow with the number of events.
/// Returns what had to be left out.
pub fn write_text(
    dataset: &Dataset,
    selection: &Selection,
    format: Format,
    language: Language,
    now: chrono::DateTime<chrono::Utc>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<Vec<String>> {
    match format {
        Format::Markdown => {
            out.write_all(handout_markdown(dataset, selection, language).as_bytes())?;
        }
        Format::Html => {
            out.write_all(handout_html(dataset, selection, language).as_bytes())?;
        }
        Format::Timelinejs => {
            write_timelinejs(dataset, selection, language, out)?;
        }
        Format::Ics => return write_icalendar(dataset, selection, language, now, out),
        Format::Svg => {
            let scene = pdf::timeline_scene(dataset, selection, (1600.0, 900.0), language);
            out.write_all(svg::to_svg(&scene, &selection.title, language.code()).as_bytes())?;
        }
        Format::Png | Format::Pdf => {
            return Err(std::io::Error::other(format!(
                "{format:?} is not a text format"
            )));
        }
    }
    Ok(Vec::new())
}

/// Make `render(item)` for every item, in blocks shared between this thread and a second one,
/// and hand the results to `write` in the items' order. Memory holds one block at a time.
pub fn render_in_order<T: Sync, R: Send>(
    items: &[T],
    render: impl Fn(&T) -> R + Sync,
    mut write: impl FnMut(R) -> std::io::Result<()>,
) -> std::io::Result<()> {
    const BLOCK: usize = 4096;
    if items.len() <= BLOCK {
        for item in items {
            write(render(item))?;
        }
        return Ok(());
    }
    let render = &render;
    for block in items.chunks(2 * BLOCK) {
        let (first, second) = block.split_at(block.len().min(BLOCK));
        let (first, second): (Vec<R>, Vec<R>) = std::thread::scope(|scope| {
            let other = scope.spawn(move || second.iter().map(render).collect::<Vec<R>>());
            let first: Vec<R> = first.iter().map(render).collect();
            let second = other
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (first, second)
        });
        for result in first.into_iter().chain(second) {
            write(result)?;
        }
    }
    Ok(())
}

/// `value` as serde_json writes it pretty, its lines after the first indented by `indent`
/// (its place inside an enclosing document).
fn write_pretty(
    out: &mut dyn std::io::Write,
    value: &serde_json::Value,
    indent: &str,
) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(std::io::Error::other)?;
    out.write_all(indented(&text, indent).as_bytes())
}

/// Lines after the first of `text` indented by `indent` (JSON strings hold no line breaks).
fn indented(text: &str, indent: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
            out.push_str(indent);
        }
        out.push_str(line);
    }
    out
}

/// The TimelineJS document of [`timelinejs_in`], written as `serde_json::to_string_pretty` would
/// write it (keys in order) and a line break, one slide at a time.
fn write_timelinejs(
    dataset: &Dataset,
    selection: &Selection,
    language: Language,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    out.write_all(b"{\n  \"eras\": ")?;
    write_pretty(
        out,
        &serde_json::Value::Array(timelinejs_eras(dataset, language)),
        "  ",
    )?;
    out.write_all(b",\n  \"events\": [")?;
    let mut first = true;
    render_in_order(
        &selection.items,
        |(index, caption)| {
            timelinejs_slide(dataset, *index, caption.as_deref(), language).map(|slide| {
                serde_json::to_string_pretty(&slide).map(|text| indented(&text, "    "))
            })
        },
        |slide| {
            let Some(slide) = slide else {
                return Ok(());
            };
            let slide = slide.map_err(std::io::Error::other)?;
            out.write_all(if first { b"\n    " } else { b",\n    " })?;
            first = false;
            out.write_all(slide.as_bytes())
        },
    )?;
    out.write_all(if first { b"]" } else { b"\n  ]" })?;
    out.write_all(b",\n  \"title\": ")?;
    write_pretty(out, &timelinejs_title(selection), "  ")?;
    out.write_all(b"\n}\n")
}

/// What an export writes, and what it had to leave out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub bytes: Vec<u8>,
    pub left_out: Vec<String>,
}

/// How a vector or PDF export is made.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    pub language: Language,
    /// Size of an SVG drawing, in points.
    pub size: (u32, u32),
    pub pdf: pdf::PdfOptions,
    /// The dataset folder, where the records' pictures are (none: pictures are named only).
    pub root: Option<std::path::PathBuf>,
}

/// The selection in any format but PNG: the one pipeline the command line and the window
/// share (text formats through [`text`]).
pub fn bytes(
    dataset: &Dataset,
    selection: &Selection,
    format: Format,
    options: &Options,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Written, String> {
    match format {
        Format::Svg => {
            let size = (options.size.0 as f32, options.size.1 as f32);
            let scene = pdf::timeline_scene(dataset, selection, size, options.language);
            Ok(Written {
                bytes: svg::to_svg(&scene, &selection.title, options.language.code()).into_bytes(),
                left_out: Vec::new(),
            })
        }
        Format::Pdf => {
            let mut pdf_options = options.pdf.clone();
            if pdf_options.generated.is_empty() {
                pdf_options.generated = now.format("%Y-%m-%d").to_string();
            }
            Ok(Written {
                bytes: pdf::pdf(
                    dataset,
                    selection,
                    &pdf_options,
                    options.language,
                    options.root.as_deref(),
                )?,
                left_out: Vec::new(),
            })
        }
        Format::Html => Ok(Written {
            bytes: handout_html_with_pictures(
                dataset,
                selection,
                options.language,
                options.root.as_deref(),
            )
            .into_bytes(),
            left_out: Vec::new(),
        }),
        _ => text(dataset, selection, format, options.language, now).map(|t| Written {
            bytes: t.text.into_bytes(),
            left_out: t.left_out,
        }),
    }
}

/// "1920x1080" → (1920, 1080).
pub fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let (w, h) = text
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| format!("`{text}` is not a size like 1920x1080"))?;
    let parse = |s: &str| {
        s.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (16..=8192).contains(n))
    };
    match (parse(w), parse(h)) {
        (Some(w), Some(h)) => Ok((w, h)),
        _ => Err(format!(
            "`{text}`: width and height must be 16 to 8192 pixels"
        )),
    }
}

/// The record as one paragraph for pasting into a note: title, date, place, participants,
/// summary, status, then the numbered sources.
pub fn event_citation(dataset: &Dataset, index: EventIndex, language: Language) -> String {
    let Some(event) = dataset.event(index) else {
        return String::new();
    };
    let mut out = format!(
        "{} ({}",
        dataset.text(&event.title, language).marked(),
        event.when.display(language)
    );
    if let Some(place) = dataset.place_name(event, language) {
        out.push_str(&format!(", {place}"));
    }
    out.push_str(").");
    let people = dataset.participant_names(event, language);
    if !people.is_empty() {
        out.push(' ');
        out.push_str(&crate::tr!(
            language,
            "export-citation-with",
            people = people.join(", ")
        ));
    }
    let summary = dataset.text(&event.summary, language).marked();
    let summary = summary.split_whitespace().collect::<Vec<_>>().join(" ");
    if !summary.is_empty() {
        out.push(' ');
        out.push_str(&summary);
    }
    out.push_str(&format!(" [{}]", card::status_word(event.status, language)));
    if let Some(note) = &event.note {
        out.push(' ');
        out.push_str(&card::note_line(
            &dataset.text(note, language).marked(),
            language,
        ));
    }
    for (n, source) in event.sources.iter().enumerate() {
        out.push_str(&format!(
            " ({}) {}.",
            n + 1,
            source_citation(dataset, source, language)
        ));
    }
    out
}

/// "Xinhua, “Title”, 22 August 2024, https://…", the date in `language`, the title in it
/// when written in it.
pub(crate) fn source_citation(dataset: &Dataset, source: &Source, language: Language) -> String {
    let mut out = source.publisher.to_string();
    if let Some(title) = source.title_in(language, dataset.language()) {
        let _ = write!(out, ", “{}”", title.marked());
    }
    if let Some(published) = &source.published {
        let _ = write!(out, ", {}", published.display(language));
    }
    if let Some(url) = &source.url {
        let _ = write!(out, ", {url}");
    }
    out
}

/// Text for HTML: `<`, `>`, `&` and quotes escaped.
pub(crate) fn html_escape(text: &str) -> String {
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
    timelinejs_in(dataset, selection, dataset.language())
}

/// [`timelinejs`] with its fixed words ("Note:", "Sources:") and the records' texts in
/// `language` (texts not written in it in the dataset's own, marked).
pub fn timelinejs_in(
    dataset: &Dataset,
    selection: &Selection,
    language: Language,
) -> serde_json::Value {
    let events: Vec<serde_json::Value> = selection
        .items
        .iter()
        .filter_map(|(i, caption)| timelinejs_slide(dataset, *i, caption.as_deref(), language))
        .collect();
    json!({
        "title": timelinejs_title(selection),
        "events": events,
        "eras": timelinejs_eras(dataset, language),
    })
}

fn timelinejs_title(selection: &Selection) -> serde_json::Value {
    json!({"text": {
        "headline": html_escape(&selection.title),
        "text": markdown::to_html(&selection.description),
    }})
}

/// The manifest's periods as TimelineJS eras, their titles in `language`.
fn timelinejs_eras(dataset: &Dataset, language: Language) -> Vec<serde_json::Value> {
    dataset
        .manifest
        .periods
        .iter()
        .filter_map(|p| {
            let start = p.when.start_bound()?;
            let end = p.when.end_bound()?;
            Some(json!({
                "start_date": tljs_date(start.date, None),
                "end_date": tljs_date(end.date, None),
                "text": {"headline": html_escape(&dataset.text(&p.title, language).marked())},
            }))
        })
        .collect()
}

/// One event's slide (`None` for an event without a known day to start it on).
fn timelinejs_slide(
    dataset: &Dataset,
    index: EventIndex,
    caption: Option<&str>,
    language: Language,
) -> Option<serde_json::Value> {
    let text_of = |text: &crate::model::Text| dataset.text(text, language).marked();
    let event = dataset.event(index)?;
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
    if let Some(caption) = caption.filter(|c| !c.trim().is_empty()) {
        let _ = write!(text, "<p><em>{}</em></p>", html_escape(caption.trim()));
    }
    text.push_str(&markdown::to_html(&text_of(&event.summary)));
    if let Some(note) = event
        .note
        .as_ref()
        .map(text_of)
        .filter(|n| !n.trim().is_empty())
    {
        text.push_str(&markdown::events_to_html(markdown::with_lead_in(
            &crate::i18n::tr(language, "export-note"),
            markdown::events(&note),
        )));
    }
    if !event.sources.is_empty() {
        let items: Vec<String> = event
            .sources
            .iter()
            .map(|s| {
                format!(
                    "<li>{}</li>",
                    html_escape(&source_citation(dataset, s, language))
                )
            })
            .collect();
        let _ = write!(
            text,
            "<p>{}</p><ol>{}</ol>",
            html_escape(&crate::i18n::tr(language, "export-sources-colon")),
            items.join("")
        );
    }
    slide.insert(
        "text".into(),
        json!({"headline": html_escape(&text_of(&event.title)), "text": text}),
    );
    if let Some(category) = dataset.category(&event.kind) {
        slide.insert("group".into(), json!(text_of(&category.label)));
    }
    // The first picture (a path relative to the dataset, or an address), else the first web
    // source, as TimelineJS's media.
    if let Some(picture) = event.media.first() {
        let mut credit: Vec<&str> = Vec::new();
        credit.extend(picture.credit.as_deref());
        credit.extend(picture.license.as_deref());
        let mut media = json!({
            "url": &*picture.file,
            "caption": html_escape(&picture.caption.as_ref().map(text_of).unwrap_or_default()),
            "credit": html_escape(&credit.join(", ")),
        });
        if let Some(alt) = picture.alt.as_ref().map(text_of) {
            media["alt"] = json!(alt);
        }
        slide.insert("media".into(), media);
    } else if let Some(url) = event
        .sources
        .iter()
        .find_map(|s| s.url.as_deref().filter(|u| is_web_url(u)))
    {
        slide.insert("media".into(), json!({"url": url, "credit": ""}));
    }
    Some(serde_json::Value::Object(slide))
}

/// iCalendar TEXT (RFC 5545, 3.3.11): `\\`, `;`, `,` and line breaks (LF, CRLF or a lone
/// CR, and the Unicode line and paragraph separators) escaped; every other control character
/// but the tab removed, as TEXT may not hold them, so no value can end its line early.
fn ics_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    ics_escape_into(&mut out, text);
    out
}

/// [`ics_escape`], appended to `out`.
fn ics_escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    // Runs of ordinary text are copied whole; a character is looked at only where its first
    // byte may need care (ASCII specials and controls, and the leads of U+0080–U+009F, U+0085
    // and U+2028/U+2029).
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !(b < 0x20 || matches!(b, b'\\' | b';' | b',' | 0x7F | 0xC2 | 0xE2)) {
            i += 1;
            continue;
        }
        out.push_str(&text[run..i]);
        let c = text[i..].chars().next().unwrap_or_default();
        let next = i + c.len_utf8();
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if bytes.get(next) == Some(&b'\n') => {}
            '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push_str("\\n"),
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
        i = next;
        run = next;
    }
    out.push_str(&text[run..]);
}

/// A TEXT property `NAME:value` (the value escaped) as one folded content line; `line` is a
/// buffer reused from one property to the next.
fn ics_text_property(out: &mut String, line: &mut String, name: &str, value: &str) {
    line.clear();
    line.push_str(name);
    line.push(':');
    ics_escape_into(line, value);
    ics_line(out, line);
}

/// An iCalendar value that is not TEXT (a URI): control characters removed, nothing else
/// changed (a URI has no escapes in iCalendar).
fn ics_uri(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

/// One content line, folded at 75 octets (never inside a character), ending in CRLF.
fn ics_line(out: &mut String, line: &str) {
    // The first line holds 75 octets, the next ones a space and 74.
    let (mut rest, mut limit) = (line, 75);
    while rest.len() > limit {
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = 74;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

fn ics_day(day: i64) -> Option<String> {
    let (y, m, d) = ymd_of_day(day)?;
    (1..=9999)
        .contains(&y)
        .then(|| format!("{y:04}{m:02}{d:02}"))
}

/// What a summary should say about a date an all-day calendar entry cannot express.
fn ics_date_note(when: &EventDate, language: Language) -> Option<String> {
    let mut notes = Vec::new();
    if when.is_uncertain() {
        notes.push(crate::i18n::tr(language, "export-ics-uncertain"));
    }
    if when.is_approximate() {
        notes.push(crate::i18n::tr(language, "export-ics-approximate"));
    }
    let bounds = [when.start_bound(), when.end_bound()];
    if bounds
        .iter()
        .flatten()
        .any(|b: &Bound| b.date.precision() != Precision::Day)
    {
        notes.push(crate::tr!(
            language,
            "export-ics-days-unknown",
            date = when.human()
        ));
    }
    match when {
        EventDate::Span { end: None, .. } => {
            notes.push(crate::tr!(
                language,
                "export-ics-under-way",
                date = when.human()
            ));
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
#[cfg(test)]
pub(crate) fn icalendar(
    dataset: &Dataset,
    selection: &Selection,
    language: Language,
    stamp: chrono::DateTime<chrono::Utc>,
) -> (String, Vec<String>) {
    let mut out = Vec::new();
    let skipped = write_icalendar(dataset, selection, language, stamp, &mut out)
        .expect("writing to memory does not fail");
    (
        String::from_utf8(out).expect("the calendar is UTF-8"),
        skipped,
    )
}

/// [`icalendar`], written to `out` event by event.
fn write_icalendar(
    dataset: &Dataset,
    selection: &Selection,
    language: Language,
    stamp: chrono::DateTime<chrono::Utc>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<Vec<String>> {
    let mut head = String::new();
    ics_line(&mut head, "BEGIN:VCALENDAR");
    ics_line(&mut head, "VERSION:2.0");
    ics_line(&mut head, "PRODID:-//Annals//Annals timeline//EN");
    ics_line(&mut head, "CALSCALE:GREGORIAN");
    ics_line(
        &mut head,
        &format!("X-WR-CALNAME:{}", ics_escape(&selection.title)),
    );
    out.write_all(head.as_bytes())?;
    let dtstamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    let mut skipped = Vec::new();
    render_in_order(
        &selection.items,
        |(index, caption)| ics_event(dataset, *index, caption.as_deref(), language, &dtstamp),
        |vevent| {
            match vevent {
                Some(Ok(vevent)) => out.write_all(vevent.as_bytes())?,
                Some(Err(left_out)) => skipped.push(left_out),
                None => {}
            }
            Ok(())
        },
    )?;
    let mut tail = String::new();
    ics_line(&mut tail, "END:VCALENDAR");
    out.write_all(tail.as_bytes())?;
    Ok(skipped)
}

/// One event's VEVENT, or why it cannot be written (`None`: no such event).
fn ics_event(
    dataset: &Dataset,
    index: EventIndex,
    caption: Option<&str>,
    language: Language,
    dtstamp: &str,
) -> Option<Result<String, String>> {
    let event = dataset.event(index)?;
    let first = event.when.known_start().or(event.when.known_end());
    let last = event.when.known_end().or(event.when.known_start());
    let (Some(start), Some(end)) = (first.and_then(ics_day), last.and_then(|d| ics_day(d + 1)))
    else {
        return Some(Err(format!(
            "{}: {} cannot be written in iCalendar",
            event.id,
            event.when.human()
        )));
    };
    let text_of = |text: &crate::model::Text| dataset.text(text, language).marked();
    let mut summary = text_of(&event.title);
    if let Some(note) = ics_date_note(&event.when, language) {
        let _ = write!(summary, " ({note})");
    }
    let mut description = String::new();
    if let Some(caption) = caption {
        let _ = writeln!(description, "{caption}\n");
    }
    // Calendars show plain text: the Markdown of summary and note as words.
    description.push_str(&markdown::to_plain_text(&text_of(&event.summary)));
    if let Some(note) = &event.note {
        let _ = write!(
            description,
            "\n\n{}",
            card::note_line(&markdown::to_plain_text(&text_of(note)), language)
        );
    }
    for (k, source) in event.sources.iter().enumerate() {
        let _ = write!(
            description,
            "\n[{}] {}",
            k + 1,
            source_citation(dataset, source, language)
        );
    }
    let mut out = String::with_capacity(512 + description.len());
    // Each line made in one buffer, then folded into `out` (a million events are written).
    let mut line = String::with_capacity(128 + description.len());
    ics_line(&mut out, "BEGIN:VEVENT");
    line.push_str("UID:");
    ics_escape_into(&mut line, &event.id);
    line.push_str("@annals");
    ics_line(&mut out, &line);
    for (name, value) in [
        ("DTSTAMP:", dtstamp),
        ("DTSTART;VALUE=DATE:", start.as_str()),
        ("DTEND;VALUE=DATE:", end.as_str()),
    ] {
        line.clear();
        line.push_str(name);
        line.push_str(value);
        ics_line(&mut out, &line);
    }
    ics_text_property(&mut out, &mut line, "SUMMARY", &summary);
    if !description.trim().is_empty() {
        ics_text_property(&mut out, &mut line, "DESCRIPTION", description.trim());
    }
    if let Some(place) = event.place.as_deref().and_then(|p| dataset.place(p)) {
        ics_text_property(&mut out, &mut line, "LOCATION", place.name.get(language));
    }
    if let Some(category) = dataset.category(&event.kind) {
        let label = dataset.text(&category.label, language).marked();
        ics_text_property(&mut out, &mut line, "CATEGORIES", &label);
    }
    if let Some(url) = event
        .sources
        .iter()
        .find_map(|s| s.url.as_deref().filter(|u| is_web_url(u)))
    {
        ics_line(&mut out, &format!("URL:{}", ics_uri(url.trim())));
    }
    ics_line(&mut out, "END:VEVENT");
    Some(Ok(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::event::{Event, Symbol};
    use crate::model::manifest::Language as CitationLanguage;
    use crate::model::manifest::Manifest;

    /// A dataset of one event made by `edit` from a plain one, and all its events selected.
    fn one_event(edit: impl FnOnce(&mut Event)) -> (Dataset, Selection) {
        let mut event = Event::new(
            "e1",
            "An event",
            EventDate::parse("2024-05-16").unwrap(),
            "visit",
        );
        edit(&mut event);
        let dataset = Dataset::new(Manifest::default(), vec![event]);
        let selection = Selection::of_events(&dataset, 0..dataset.len());
        (dataset, selection)
    }

    fn source(url: &str) -> Source {
        Source {
            publisher: Symbol::new("Pub"),
            title: None,
            url: Some(url.into()),
            published: None,
        }
    }

    fn ics(dataset: &Dataset, selection: &Selection) -> String {
        let stamp = chrono::DateTime::from_timestamp(0, 0).unwrap();
        icalendar(dataset, selection, Language::English, stamp).0
    }

    /// The content lines of an iCalendar text, checked for bare line breaks and unfolded.
    fn ics_lines(text: &str) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        for raw in text.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(!raw.contains(['\r', '\n']), "bare line break in {raw:?}");
            assert!(
                !raw.chars().any(|c| c.is_control() && c != '\t'),
                "control character in {raw:?}"
            );
            assert!(raw.len() <= 75, "{raw:?}");
            match raw.strip_prefix(' ') {
                Some(rest) => lines.last_mut().unwrap().push_str(rest),
                None => lines.push(raw.to_owned()),
            }
        }
        lines
    }

    #[test]
    fn line_breaks_in_any_ics_field_cannot_forge_events() {
        let forged =
            "\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:forged\r\nEND:VEVENT\r\nBEGIN:VEVENT";
        let (dataset, selection) = one_event(|e| {
            e.title = format!("Title\rX{forged}").into();
            e.summary = format!("Summary\rwith a lone CR{forged}").into();
            e.note = Some(format!("Note{forged}").into());
            e.sources = vec![
                Source {
                    title: Some(format!("T\u{0}\u{7}\u{1b}{forged}").into()),
                    ..source(&format!("https://e.org/x{forged}"))
                },
                Source {
                    publisher: Symbol::new(&format!("P{forged}")),
                    ..source("https://e.org/y")
                },
            ]
            .into();
        });
        let text = ics(&dataset, &selection);
        let lines = ics_lines(&text);
        let begins = lines.iter().filter(|l| *l == "BEGIN:VEVENT").count();
        let ends = lines.iter().filter(|l| *l == "END:VEVENT").count();
        assert_eq!((begins, ends), (1, 1), "{text}");
        assert!(!lines.iter().any(|l| l.starts_with("SUMMARY:forged")));
        let url = lines.iter().find(|l| l.starts_with("URL:")).unwrap();
        assert_eq!(
            url,
            "URL:https://e.org/xEND:VEVENTBEGIN:VEVENTSUMMARY:forgedEND:VEVENTBEGIN:VEVENT"
        );
        let summary = lines.iter().find(|l| l.starts_with("SUMMARY:")).unwrap();
        assert!(
            summary.starts_with("SUMMARY:Title\\nX\\nEND:VEVENT\\n"),
            "{summary}"
        );
        let description = lines
            .iter()
            .find(|l| l.starts_with("DESCRIPTION:"))
            .unwrap();
        // Summary and note are Markdown, so their line breaks are spaces in the calendar.
        assert!(
            description.contains("Summary with a lone CR END:VEVENT BEGIN:VEVENT"),
            "{description}"
        );
        assert!(description.contains("“T\\nEND:VEVENT\\n"), "{description}");
    }

    /// The escaping and folding as first written, a character at a time.
    fn ics_escape_by_char(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => out.push_str("\\\\"),
                ';' => out.push_str("\\;"),
                ',' => out.push_str("\\,"),
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push_str("\\n"),
                '\t' => out.push(c),
                c if c.is_control() => {}
                c => out.push(c),
            }
        }
        out
    }

    fn ics_line_by_char(out: &mut String, line: &str) {
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

    #[test]
    fn escaping_and_folding_by_runs_match_a_character_at_a_time() {
        let mut rng = crate::generate::Rng::new(3);
        let alphabet: Vec<char> =
            "ab ;,\\\r\n\t\u{0}\u{7f}\u{85}\u{9f}\u{a0}é李\u{2028}\u{2029}\u{2027}😀"
                .chars()
                .collect();
        for _ in 0..20_000 {
            let len = rng.below(200) as usize;
            let text: String = (0..len).map(|_| *rng.pick(&alphabet)).collect();
            assert_eq!(ics_escape(&text), ics_escape_by_char(&text), "{text:?}");
            let (mut a, mut b) = (String::new(), String::new());
            ics_line(&mut a, &text);
            ics_line_by_char(&mut b, &text);
            assert_eq!(a, b, "{text:?}");
        }
    }

    #[test]
    fn ics_text_escapes_and_folds() {
        assert_eq!(
            ics_escape("a;b,c\\d\r\ne\rf\ng\th\u{2028}"),
            "a\\;b\\,c\\\\d\\ne\\nf\\ng\th\\n"
        );
        assert_eq!(ics_uri("https://e.org/\r\n\u{0}x"), "https://e.org/x");
        let mut out = String::new();
        ics_line(&mut out, &format!("DESCRIPTION:{}", "李".repeat(40)));
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{line}");
        }
    }

    #[test]
    fn timelinejs_headlines_are_html_escaped() {
        let (mut dataset, selection) = one_event(|e| {
            e.title = "<img src=x onerror=alert(1)> & more".into();
            e.summary = "- one\n- *two*\n\n<script>x</script>".into();
        });
        dataset.manifest.title = "<b>Title</b>".into();
        let doc = timelinejs(
            &dataset,
            &Selection {
                title: dataset.manifest.title.to_string(),
                ..selection
            },
        );
        let slide = &doc["events"][0]["text"];
        assert_eq!(
            slide["headline"],
            "&lt;img src=x onerror=alert(1)&gt; &amp; more"
        );
        assert_eq!(doc["title"]["text"]["headline"], "&lt;b&gt;Title&lt;/b&gt;");
        let text = slide["text"].as_str().unwrap();
        assert!(
            text.contains("<ul>\n<li>one</li>\n<li><em>two</em></li>\n</ul>"),
            "{text}"
        );
        assert!(text.contains("&lt;script&gt;"), "{text}");
        assert!(!text.contains("<script"), "{text}");
    }

    const MARKDOWN_SUMMARY: &str = "Before the list:\n\n- **strong *and emphasis***\n- a [link](https://e.org/a)\n- [bad](javascript:alert(1)) and [data](data:text/html,x)\n\n<img src=x onerror=alert(1)>";

    #[test]
    fn handouts_show_lists_emphasis_and_links_and_nothing_active() {
        let (dataset, selection) = one_event(|e| {
            e.title = "Line\n## Forged heading <script>x</script>".into();
            e.summary = MARKDOWN_SUMMARY.into();
            e.note = Some("Sources differ:\n\n1. one\n2. *two*".into());
        });
        let html = handout_html(&dataset, &selection, Language::English);
        assert!(html.contains("<p>Before the list:</p>\n<ul>\n"), "{html}");
        assert!(
            !html.contains("<p>- "),
            "a list, not a paragraph of dashes: {html}"
        );
        assert!(
            html.contains("<li><strong>strong <em>and emphasis</em></strong></li>"),
            "{html}"
        );
        assert!(
            html.contains("<li>a <a href=\"https://e.org/a\">link</a></li>"),
            "{html}"
        );
        assert!(
            html.contains("bad (javascript:alert(1)) and data (data:text/html,x)"),
            "{html}"
        );
        assert!(!html.contains("href=\"javascript") && !html.contains("href=\"data"));
        assert!(
            !html.contains("<img") && !html.contains("<script"),
            "{html}"
        );
        assert!(html.contains("<div class=\"note\">\n<p><strong>Note:</strong> Sources differ:</p>\n<ol>\n<li>one</li>\n<li><em>two</em></li>\n</ol>\n</div>"), "{html}");

        let markdown = handout_markdown(&dataset, &selection, Language::English);
        assert!(
            markdown.contains("## 1. Line ## Forged heading \\<script>x\\</script>\n"),
            "the title stays one line of text: {markdown}"
        );
        assert!(
            markdown.contains(
                "Before the list:\n\n- **strong *and emphasis***\n- a [link](https://e.org/a)\n"
            ),
            "{markdown}"
        );
        assert!(
            markdown.contains("> **Note:** Sources differ:\n>\n> 1. one\n> 2. *two*\n"),
            "{markdown}"
        );
        // Read back as Markdown, the handout has no raw HTML and no other links.
        let read = markdown::tests::commonmark_html(&markdown);
        for active in [
            "<img",
            "<script",
            "href=\"javascript",
            "href=\"data",
            "<h2>Forged",
        ] {
            assert!(!read.contains(active), "{active} in {read}");
        }
        assert_eq!(read.matches("<h2>").count(), 1, "{read}");
        assert!(
            read.contains("<li>a <a href=\"https://e.org/a\">link</a></li>"),
            "{read}"
        );
        assert!(read.contains("bad (javascript:alert(1))"), "{read}");
    }

    #[test]
    fn markdown_handout_sources_are_text_or_web_links() {
        let (dataset, selection) = one_event(|e| {
            e.sources = vec![
                source("https://e.org/a_b"),
                source("javascript:alert(1)"),
                Source {
                    publisher: Symbol::new("<b>P</b>"),
                    ..source("data:text/html,<script>x</script>")
                },
            ]
            .into();
        });
        let markdown = handout_markdown(&dataset, &selection, Language::English);
        assert!(
            markdown.contains("1. Pub, <https://e.org/a_b>\n"),
            "{markdown}"
        );
        let read = markdown::tests::commonmark_html(&markdown);
        assert!(read.contains("<a href=\"https://e.org/a_b\">"), "{read}");
        assert_eq!(read.matches("<a ").count(), 1, "{read}");
        assert!(!read.contains("<b>") && !read.contains("<script"), "{read}");
    }

    #[test]
    fn citation_is_one_paragraph_with_numbered_sources() {
        let ds = crate::testing::bundled_dataset();
        let i = ds.index_of("hog-29").unwrap();
        let text = event_citation(&ds, i, CitationLanguage::English);
        assert!(
            text.starts_with("29th regular meeting of heads of government (21 August 2024, Moscow). With Li Qiang, Mikhail Mishustin. Li Qiang and Mikhail Mishustin co-chair"),
            "{text}"
        );
        assert!(text.contains("[verified]"));
        assert!(text.contains(
            "(1) Xinhua, “China, Russia eye closer all-round cooperation”, 22 August 2024."
        ));
        assert!(text.ends_with("(3) TASS, https://tass.com/politics/1830785."));
        assert!(!text.contains('\n'));
        let russian = event_citation(&ds, i, CitationLanguage::Russian);
        assert!(
            russian.contains("(21 августа 2024 г., Москва). Участники: Ли Цян, Михаил Мишустин."),
            "{russian}"
        );
        assert!(russian.contains("[проверено]"), "{russian}");
    }

    #[test]
    fn streamed_exports_match_the_whole_document() {
        // More events than one block, so that both threads write.
        let dir = tempfile::tempdir().unwrap();
        crate::generate::generate(dir.path(), &crate::generate::GenerateOptions::new(9_000, 4))
            .unwrap();
        let loaded = crate::store::load_dataset(dir.path());
        let bundled = crate::testing::bundled_dataset();
        let generated = loaded.dataset.unwrap();
        let stamp = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        for dataset in [&bundled, &generated] {
            let selection = Selection::of_events(dataset, 0..dataset.len());
            let streamed = text(
                dataset,
                &selection,
                Format::Timelinejs,
                Language::English,
                stamp,
            )
            .unwrap()
            .text;
            let whole =
                serde_json::to_string_pretty(&timelinejs(dataset, &selection)).unwrap() + "\n";
            assert_eq!(streamed, whole);
            let calendar = text(dataset, &selection, Format::Ics, Language::English, stamp)
                .unwrap()
                .text;
            let uids: Vec<&str> = calendar
                .split("\r\n")
                .filter_map(|l| l.strip_prefix("UID:"))
                .collect();
            let expected: Vec<String> = dataset
                .events()
                .iter()
                .map(|e| format!("{}@annals", e.id))
                .collect();
            assert_eq!(uids, expected, "every event once, in order");
        }
    }
}
