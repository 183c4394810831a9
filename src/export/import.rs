//! Importing TimelineJS data into a new dataset folder: its JSON format, and the CSV its
//! spreadsheet template exports (`Year, Month, Day, Time, End Year, End Month, End Day,
//! End Time, Display Date, Headline, Text, Media, Media Credit, Media Caption,
//! Media Thumbnail, Type, Group, Background`). Groups become categories, eras become periods,
//! media links become sources. Rows that cannot be converted are reported with the reason.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

use crate::model::date::{Bound, CalendarDate, EventDate};
use crate::model::event::{Event, Media, PictureFormat, Source, Status, Symbol};
use crate::store::write::{INDENT, event_file, quote};

/// One slide as read from either format.
#[derive(Clone, Debug, Default)]
struct Slide {
    /// "event 3" or "row 5": where it came from, for reports.
    origin: String,
    kind: SlideKind,
    start: [Option<String>; 3],
    end: [Option<String>; 3],
    headline: String,
    text: String,
    media_url: String,
    media_credit: String,
    media_caption: String,
    group: String,
    unique_id: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum SlideKind {
    #[default]
    Event,
    Title,
    Era,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub title: String,
    pub events: usize,
    pub categories: usize,
    pub periods: usize,
    /// Local pictures copied into the new dataset's `media/`.
    pub pictures: usize,
    /// Rows or slides not converted, each with the reason.
    pub skipped: Vec<String>,
}

/// The text of an HTML fragment: paragraphs and line breaks as new lines, tags dropped, the
/// common entities decoded.
pub(crate) fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close].trim().to_ascii_lowercase();
        if tag.starts_with("br") || tag == "/p" || tag == "/li" || tag == "/div" {
            out.push('\n');
        }
        // A list item stays one in the summary's Markdown.
        if tag == "li" || tag.starts_with("li ") {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str("- ");
        }
        if tag == "/p" {
            out.push('\n');
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    // At most one blank line in a row, no blanks at the ends.
    let mut text = String::new();
    let mut blank = 0;
    for line in decoded.lines().map(str::trim) {
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !text.is_empty() {
            text.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        text.push_str(line);
    }
    text
}

/// `base`, or `base-2`, `base-3`, … if `taken` has it already; then taken too.
fn unique(taken: &mut std::collections::HashSet<String>, base: String) -> String {
    if taken.insert(base.clone()) {
        return base;
    }
    let id = (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(id))
        .unwrap_or_default();
    taken.insert(id.clone());
    id
}

/// An id made of lowercase letters, digits and `-`.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let mut out: String = out.chars().take(60).collect();
    if out.is_empty() {
        out.push_str("event");
    }
    out
}

fn value_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn date_parts(v: Option<&Value>) -> [Option<String>; 3] {
    let get = |k: &str| value_text(v.and_then(|d| d.get(k)));
    [get("year"), get("month"), get("day")]
}

fn text_of(v: Option<&Value>, key: &str) -> String {
    value_text(v.and_then(|t| t.get(key))).unwrap_or_default()
}

fn slide_from_json(v: &Value, origin: String, kind: SlideKind) -> Slide {
    Slide {
        origin,
        kind,
        start: date_parts(v.get("start_date")),
        end: date_parts(v.get("end_date")),
        headline: text_of(v.get("text"), "headline"),
        text: text_of(v.get("text"), "text"),
        media_url: text_of(v.get("media"), "url"),
        media_credit: text_of(v.get("media"), "credit"),
        media_caption: text_of(v.get("media"), "caption"),
        group: value_text(v.get("group")).unwrap_or_default(),
        unique_id: value_text(v.get("unique_id")).unwrap_or_default(),
    }
}

fn slides_from_json(text: &str) -> Result<Vec<Slide>, String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| format!("not TimelineJS JSON: {e}"))?;
    let mut slides = Vec::new();
    if let Some(title) = doc.get("title") {
        slides.push(slide_from_json(
            title,
            "the title slide".into(),
            SlideKind::Title,
        ));
    }
    let events = doc
        .get("events")
        .and_then(Value::as_array)
        .ok_or("not TimelineJS JSON: there is no \"events\" list")?;
    for (i, v) in events.iter().enumerate() {
        slides.push(slide_from_json(
            v,
            format!("event {}", i + 1),
            SlideKind::Event,
        ));
    }
    for (i, v) in doc
        .get("eras")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        slides.push(slide_from_json(v, format!("era {}", i + 1), SlideKind::Era));
    }
    Ok(slides)
}

/// Records of a CSV text (RFC 4180, read by the `csv` crate: quoted fields may hold commas,
/// quotes as `""`, and line breaks), each with the line it starts on; blank lines are
/// skipped, a UTF-8 byte order mark is ignored. A quoted field still open at the end of the
/// text is an error rather than a last field swallowing every line after it.
pub(crate) fn csv_records(text: &str) -> Result<Vec<(usize, Vec<String>)>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut last_start = 0;
    // The line each record starts on, counted here from its byte offset: the reader's own line
    // count lags a line behind after a CRLF. Counted from the previous record on.
    let (mut counted_to, mut line) = (0, 1);
    for record in reader.records() {
        let record = record.map_err(|e| match e.position() {
            Some(p) => format!("line {}: {e}", p.line()),
            None => e.to_string(),
        })?;
        let mut start = record
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(text.len());
        // The offset may point at the end of the line before.
        start += text[start..].len() - text[start..].trim_start_matches(['\r', '\n']).len();
        line += line_breaks(&text[counted_to..start]);
        counted_to = start;
        last_start = start;
        records.push((line, record.iter().map(str::to_owned).collect()));
    }
    if let Some((line, _)) = records.last()
        && quote_left_open(&text[last_start.min(text.len())..])
    {
        return Err(format!("line {line}: a quoted field is never closed"));
    }
    Ok(records)
}

/// Line breaks in `text`: LF, CRLF or a lone CR.
fn line_breaks(text: &str) -> usize {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

/// Whether the last record of a CSV text (`record`, from its start to the end of the text)
/// ends inside a quoted field: a field opened by a quote whose quotes are not all paired.
fn quote_left_open(record: &str) -> bool {
    let mut quoted = false;
    let mut field_start = true;
    let mut chars = record.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if field_start => quoted = true,
            ',' | '\n' | '\r' if !quoted => {
                field_start = true;
                continue;
            }
            _ => {}
        }
        field_start = false;
    }
    quoted
}

fn slides_from_csv(text: &str) -> Result<Vec<Slide>, String> {
    let records = csv_records(text)?;
    let Some(((_, header), rows)) = records.split_first() else {
        return Err("the CSV file is empty".into());
    };
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let Some(headline_col) = column("Headline") else {
        return Err("the CSV file has no `Headline` column; is it the TimelineJS template?".into());
    };
    let Some(year_col) = column("Year") else {
        return Err("the CSV file has no `Year` column; is it the TimelineJS template?".into());
    };
    let cols = [
        Some(year_col),
        column("Month"),
        column("Day"),
        column("End Year"),
        column("End Month"),
        column("End Day"),
        column("Text"),
        column("Media"),
        column("Media Credit"),
        column("Type"),
        column("Group"),
        column("Media Caption"),
    ];
    let mut slides = Vec::new();
    for (line, row) in rows {
        let get = |col: Option<usize>| {
            col.and_then(|c| row.get(c))
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
        };
        if row.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let kind = match get(cols[9])
            .as_deref()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("title") => SlideKind::Title,
            Some("era") => SlideKind::Era,
            _ => SlideKind::Event,
        };
        slides.push(Slide {
            origin: format!("line {line}"),
            kind,
            start: [get(cols[0]), get(cols[1]), get(cols[2])],
            end: [get(cols[3]), get(cols[4]), get(cols[5])],
            headline: get(Some(headline_col)).unwrap_or_default(),
            text: get(cols[6]).unwrap_or_default(),
            media_url: get(cols[7]).unwrap_or_default(),
            media_credit: get(cols[8]).unwrap_or_default(),
            media_caption: get(cols[11]).unwrap_or_default(),
            group: get(cols[10]).unwrap_or_default(),
            unique_id: String::new(),
        });
    }
    Ok(slides)
}

fn calendar_date(parts: &[Option<String>; 3]) -> Result<Option<CalendarDate>, String> {
    let number = |s: &Option<String>, what: &str| -> Result<Option<i64>, String> {
        match s {
            None => Ok(None),
            Some(t) => t
                .parse::<f64>()
                .ok()
                .filter(|n| n.fract() == 0.0)
                .map(|n| Some(n as i64))
                .ok_or_else(|| format!("the {what} `{t}` is not a whole number")),
        }
    };
    let Some(year) = number(&parts[0], "year")? else {
        if parts[1].is_some() || parts[2].is_some() {
            return Err("a month or day without a year".into());
        }
        return Ok(None);
    };
    let month = number(&parts[1], "month")?;
    let day = number(&parts[2], "day")?;
    let year = i32::try_from(year).map_err(|_| format!("the year {year} is out of range"))?;
    let to_u32 = |n: Option<i64>| n.map(|n| u32::try_from(n).unwrap_or(0));
    CalendarDate::new(year, to_u32(month), to_u32(day)).map(Some)
}

fn event_date(slide: &Slide) -> Result<EventDate, String> {
    let start = calendar_date(&slide.start)?.ok_or("it has no start year")?;
    let end = calendar_date(&slide.end)?;
    match end {
        None => Ok(EventDate::Single(Bound::exact(start))),
        Some(end) if end.last_day() < start.first_day() => {
            Err("its end date comes before its start date".into())
        }
        Some(end) if end == start => Ok(EventDate::Single(Bound::exact(start))),
        Some(end) => Ok(EventDate::Span {
            start: Some(Bound::exact(start)),
            end: Some(Bound::exact(end)),
        }),
    }
}

const PALETTE: [&str; 10] = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf",
    "#bcbd22", "#7f7f7f",
];

/// The manifest and event file texts for `slides`, and what was done.
/// What an import writes: the manifest, the events, the report, and the pictures to copy
/// (the path the slide names, the path in the new dataset).
type Built = (String, String, ImportReport, Vec<(String, String)>);

fn build(slides: Vec<Slide>, fallback_title: &str) -> Built {
    let mut report = ImportReport::default();
    let mut pictures: Vec<(String, String)> = Vec::new();
    let mut title = fallback_title.to_owned();
    let mut description = String::new();
    let mut categories: BTreeMap<String, String> = BTreeMap::new(); // id → label
    let mut periods: Vec<(String, String, EventDate)> = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    // Ids taken so far, of events and of periods (each list's ids must differ).
    let mut ids = std::collections::HashSet::new();
    let mut period_ids = std::collections::HashSet::new();
    // Names taken in the new `media/` folder, so that two pictures of one name from
    // different folders are both kept.
    let mut picture_names = std::collections::HashSet::new();
    for slide in slides {
        match slide.kind {
            SlideKind::Title => {
                if !slide.headline.is_empty() {
                    title = html_to_text(&slide.headline);
                }
                description = html_to_text(&slide.text);
                continue;
            }
            SlideKind::Era => {
                let headline = html_to_text(&slide.headline);
                match event_date(&slide) {
                    Ok(when) => {
                        let id = unique(&mut period_ids, slug(&headline));
                        periods.push((id, headline, when));
                    }
                    Err(e) => report.skipped.push(format!("{}: {e}", slide.origin)),
                }
                continue;
            }
            SlideKind::Event => {}
        }
        let headline = html_to_text(&slide.headline);
        let text = html_to_text(&slide.text);
        let headline = if headline.is_empty() {
            text.split_whitespace()
                .take(8)
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            headline
        };
        if headline.is_empty() {
            report.skipped.push(format!(
                "{}: it has neither a headline nor a text",
                slide.origin
            ));
            continue;
        }
        let when = match event_date(&slide) {
            Ok(when) => when,
            Err(e) => {
                report
                    .skipped
                    .push(format!("{} (“{headline}”): {e}", slide.origin));
                continue;
            }
        };
        let (kind_id, kind_label) = if slide.group.is_empty() {
            ("event".to_owned(), "Event".to_owned())
        } else {
            (slug(&slide.group), slide.group.clone())
        };
        categories.entry(kind_id.clone()).or_insert(kind_label);
        let base = if slide.unique_id.is_empty() {
            slug(&headline)
        } else {
            slug(&slide.unique_id)
        };
        let id = unique(&mut ids, base);
        // A local file (a path, no scheme) is a picture, copied into the new dataset's
        // `media/` folder; a link (the usual case) is a source, as it always was.
        let local = !slide.media_url.is_empty() && !slide.media_url.contains(':');
        let mut media = Vec::new();
        if local {
            let name = std::path::Path::new(&slide.media_url)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let name = if picture_names.contains(&name) {
                // `photo.jpg` taken by another picture: `photo-2.jpg`, `photo-3.jpg`, …
                let path = std::path::Path::new(&name);
                let stem = path
                    .file_stem()
                    .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
                let ending = path
                    .extension()
                    .map_or_else(String::new, |x| format!(".{}", x.to_string_lossy()));
                (2..)
                    .map(|n| format!("{stem}-{n}{ending}"))
                    .find(|candidate| !picture_names.contains(candidate))
                    .unwrap_or_default()
            } else {
                name
            };
            picture_names.insert(name.clone());
            let file = format!("media/{name}");
            pictures.push((slide.media_url.clone(), file.clone()));
            let text = |t: &str| Some(html_to_text(t)).filter(|t| !t.is_empty());
            media.push(Media {
                caption: text(&slide.media_caption).map(Into::into),
                credit: text(&slide.media_credit).map(Into::into),
                ..Media::file(&file)
            });
        }
        let sources: Vec<Source> = (!slide.media_url.is_empty() && !local)
            .then(|| {
                let host = slide
                    .media_url
                    .split("://")
                    .nth(1)
                    .and_then(|rest| rest.split('/').next())
                    .unwrap_or("media")
                    .to_owned();
                let credit = html_to_text(&slide.media_credit);
                Source {
                    publisher: Symbol::new(if credit.is_empty() { &host } else { &credit }),
                    title: None,
                    url: Some(slide.media_url.as_str().into()),
                    published: None,
                }
            })
            .into_iter()
            .collect();
        events.push(Event {
            summary: text.into(),
            sources: sources.into(),
            media: media.into(),
            status: Status::Unverified,
            ..Event::new(&id, &headline, when, &kind_id)
        });
    }
    events.sort_by(crate::model::dataset::chronological_cmp);
    report.title = title.clone();
    report.events = events.len();
    report.categories = categories.len();
    report.periods = periods.len();

    let mut manifest = String::from("// Imported from TimelineJS by `annals import`.\n(\n");
    let _ = writeln!(manifest, "{INDENT}title: {},", quote(&title));
    if !description.is_empty() {
        let _ = writeln!(manifest, "{INDENT}description: {},", quote(&description));
    }
    let _ = writeln!(manifest, "{INDENT}categories: [");
    for (i, (id, label)) in categories.iter().enumerate() {
        let _ = writeln!(
            manifest,
            "{INDENT}{INDENT}(id: {}, label: {}, colour: \"{}\"),",
            quote(id),
            quote(label),
            PALETTE[i % PALETTE.len()]
        );
    }
    let _ = writeln!(manifest, "{INDENT}],");
    if !periods.is_empty() {
        let _ = writeln!(manifest, "{INDENT}periods: [");
        for (id, headline, when) in &periods {
            let _ = writeln!(
                manifest,
                "{INDENT}{INDENT}(id: {}, title: {}, when: {}),",
                quote(id),
                quote(headline),
                quote(&when.to_edtf())
            );
        }
        let _ = writeln!(manifest, "{INDENT}],");
    }
    manifest.push_str(")\n");
    let refs: Vec<&Event> = events.iter().collect();
    let events_text = format!(
        "// Imported from TimelineJS: the sources are the slides' media links; check each\n// record and set its status when it is verified.\n{}",
        event_file(&refs)
    );
    (manifest, events_text, report, pictures)
}

/// Import a TimelineJS JSON file or template CSV (told apart by the `.csv` ending or a
/// leading `{`) into a new dataset folder `out_dir` (created; an existing folder must be
/// empty, so nothing is overwritten).
pub fn import_timelinejs(file: &Path, out_dir: &Path) -> Result<ImportReport, String> {
    // Only a regular file, of at most 256 MiB: a FIFO or a device is refused, not waited on
    // or read without end.
    let bytes = crate::store::input::read_regular(file, crate::store::input::MAX_INPUT_BYTES)
        .map_err(|e| format!("cannot read `{}`: {e}", file.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("cannot read `{}`: it is not UTF-8 text", file.display()))?;
    // Spreadsheets and some editors on Windows start UTF-8 files with a byte order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let is_csv = file
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("csv"))
        || !text.trim_start().starts_with('{');
    let slides = if is_csv {
        slides_from_csv(text)?
    } else {
        slides_from_json(text)?
    };
    if out_dir.exists()
        && std::fs::read_dir(out_dir)
            .map_err(|e| format!("cannot open `{}`: {e}", out_dir.display()))?
            .next()
            .is_some()
    {
        return Err(format!(
            "`{}` is not empty; import into a new folder",
            out_dir.display()
        ));
    }
    let fallback = file.file_stem().map_or_else(
        || "Imported timeline".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let (manifest, events, mut report, pictures) = build(slides, &fallback);
    std::fs::create_dir_all(out_dir)
        .map_err(|e| format!("cannot create `{}`: {e}", out_dir.display()))?;
    for (name, text) in [("manifest.ron", manifest), ("events.ron", events)] {
        crate::store::save::write_atomic(&out_dir.join(name), text.as_bytes())
            .map_err(|e| e.to_string())?;
    }
    // Local pictures beside the imported file are copied in: only paths inside its folder,
    // and only PNG, JPEG and WebP files.
    // Links are followed and must stay inside that folder, as a dataset's pictures must.
    let folder = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    for (named, into) in pictures {
        let picture = crate::store::pictures::read_media(folder, &Media::file(&named))
            .ok()
            .filter(|bytes| PictureFormat::sniff(bytes).is_some());
        match picture {
            Some(bytes) => {
                let to = out_dir.join(&into);
                if let Some(parent) = to.parent() {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
                }
                crate::store::save::write_atomic(&to, &bytes).map_err(|e| e.to_string())?;
                report.pictures += 1;
            }
            None => report.skipped.push(format!(
                "the picture “{named}” is not a PNG, JPEG or WebP file beside the imported file; the record names it as {into}"
            )),
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_plain_text() {
        assert_eq!(
            html_to_text("<p>One &amp; two</p><p>Three<br>four</p>"),
            "One & two\n\nThree\nfour"
        );
        assert_eq!(html_to_text("a < b"), "a < b");
        assert_eq!(html_to_text("<b>unclosed"), "unclosed");
        assert_eq!(
            html_to_text("<p>Two:</p><ul><li>one</li><li>two</li></ul>"),
            "Two:\n\n- one\n- two"
        );
    }

    #[test]
    fn slugs_are_ids() {
        assert_eq!(
            slug("Putin's State Visit — 2024!"),
            "putin-s-state-visit-2024"
        );
        assert_eq!(slug("普京访华"), "普京访华");
        assert_eq!(slug("!!!"), "event");
    }

    #[test]
    fn csv_quotes_commas_and_line_breaks() {
        let text = "a,b,c\r\n\"x, y\",\"he said \"\"hi\"\"\",\"two\nlines\"\n\n1,,3";
        let records = csv_records(text).unwrap();
        assert_eq!(records.len(), 3);
        assert_eq!(records[1].0, 2);
        assert_eq!(records[1].1, ["x, y", "he said \"hi\"", "two\nlines"]);
        assert_eq!(records[2], (5, vec!["1".into(), "".into(), "3".into()]));
        assert!(csv_records("\"open").is_err());
        assert!(csv_records("a,b\n1,\"two\nlines, never closed\n3,4\n").is_err());
        // A quote inside an unquoted field is a character like any other.
        assert_eq!(
            csv_records("a,5\" tall\n").unwrap(),
            [(1, vec!["a".to_owned(), "5\" tall".to_owned()])]
        );
        // A byte order mark is not part of the first header.
        assert_eq!(
            csv_records("\u{feff}Year,Headline\n").unwrap()[0].1[0],
            "Year"
        );
    }

    /// Imports `text` written to a file named `name`; the report and the new dataset folder.
    fn import_text(name: &str, text: &str) -> (ImportReport, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        let report = import_timelinejs(&file, &dir.path().join("out")).unwrap();
        (report, dir)
    }

    #[test]
    fn a_byte_order_mark_is_accepted_in_json_and_csv() {
        let json = "\u{feff}{\"title\": {\"text\": {\"headline\": \"With a BOM\"}},\
                    \"events\": [{\"start_date\": {\"year\": 2024, \"month\": 5, \"day\": 16},\
                    \"text\": {\"headline\": \"State visit\"}}]}";
        let (report, _dir) = import_text("timeline.json", json);
        assert_eq!((report.title.as_str(), report.events), ("With a BOM", 1));
        // Without the `.json` ending the leading `{` still tells JSON from CSV.
        let (report, _dir) = import_text("timeline.txt", json);
        assert_eq!(report.events, 1);
        let csv = "\u{feff}Year,Month,Day,Headline,Group\r\n2024,5,16,State visit,Visits\r\n";
        let (report, dir) = import_text("sheet.csv", csv);
        assert_eq!((report.events, report.categories), (1, 1), "{report:?}");
        let manifest = std::fs::read_to_string(dir.path().join("out/manifest.ron")).unwrap();
        assert!(manifest.contains("\"Visits\""), "{manifest}");
    }

    #[test]
    fn dates_from_parts() {
        let slide = |start: [&str; 3], end: [&str; 3]| Slide {
            start: start.map(|s| (!s.is_empty()).then(|| s.to_owned())),
            end: end.map(|s| (!s.is_empty()).then(|| s.to_owned())),
            ..Slide::default()
        };
        let edtf = |s: &Slide| event_date(s).map(|d| d.to_edtf());
        assert_eq!(
            edtf(&slide(["2024", "5", "16"], ["", "", ""])).unwrap(),
            "2024-05-16"
        );
        assert_eq!(
            edtf(&slide(["2024", "5", "16"], ["2024", "5", "17"])).unwrap(),
            "2024-05-16/2024-05-17"
        );
        assert_eq!(
            edtf(&slide(["-43", "3", "15"], ["", "", ""])).unwrap(),
            "-0043-03-15"
        );
        assert!(edtf(&slide(["", "", ""], ["", "", ""])).is_err());
        assert!(edtf(&slide(["2024", "2", "30"], ["", "", ""])).is_err());
        assert!(edtf(&slide(["2024", "x", ""], ["", "", ""])).is_err());
        assert!(edtf(&slide(["2024", "5", ""], ["2023", "", ""])).is_err());
    }
}
