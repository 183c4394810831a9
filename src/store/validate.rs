//! Checks across records: unique ids, references that resolve, series that add up.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::diagnostics::{Diagnostic, Location, SourceText, Suggester, did_you_mean};
use super::lex::{field_name_span, field_value_span, string_literal_span};
use super::parse::RecordOrigin;
use crate::model::dataset::chronological_cmp;
use crate::model::event::{Event, Status, is_web_url};
use crate::model::manifest::Manifest;
use crate::model::text::{Language, Text, Written};

/// The manifest's ids that records refer to, gathered once for every file's checks, and the
/// dataset folder that records' media paths are relative to.
pub struct ManifestIds<'a> {
    root: &'a std::path::Path,
    people: HashSet<&'a str>,
    places: HashSet<&'a str>,
    categories: HashSet<&'a str>,
    series: HashSet<&'a str>,
    /// The language of plain strings.
    language: Language,
}

impl<'a> ManifestIds<'a> {
    pub fn new(manifest: &'a Manifest, root: &'a std::path::Path) -> Self {
        Self {
            root,
            people: manifest.people.iter().map(|p| p.id.as_str()).collect(),
            places: manifest.places.iter().map(|p| p.id.as_str()).collect(),
            categories: manifest.categories.iter().map(|c| c.id.as_str()).collect(),
            series: manifest.series.iter().map(|s| s.id.as_str()).collect(),
            language: manifest.language,
        }
    }
}

/// The texts of the files read, for placing the problems found across records. A load drops
/// each file's text once its records are read and checked (a big dataset's text weighs as
/// much as its events); the few problems found afterwards read their file again, and go
/// without a place if it changed meanwhile.
pub struct Sources<'a> {
    texts: Vec<std::sync::OnceLock<Option<SourceText>>>,
    read: Box<dyn Fn(usize) -> Option<SourceText> + Sync + 'a>,
}

impl<'a> Sources<'a> {
    /// `count` files; `read(i)` gives file `i`'s text as it was read (or `None`).
    pub fn new(count: usize, read: impl Fn(usize) -> Option<SourceText> + Sync + 'a) -> Self {
        Self {
            texts: (0..count).map(|_| std::sync::OnceLock::new()).collect(),
            read: Box::new(read),
        }
    }

    /// Give file `i` the text `text` (already read).
    pub fn set(&mut self, i: usize, text: SourceText) {
        self.texts[i] = std::sync::OnceLock::from(Some(text));
    }

    pub fn get(&self, i: usize) -> Option<&SourceText> {
        self.texts.get(i)?.get_or_init(|| (self.read)(i)).as_ref()
    }

    /// The place of something in the record at `origin`, if its file can be read.
    fn locate(
        &self,
        origin: &RecordOrigin,
        place: impl FnOnce(&Locator<'_>) -> Location,
    ) -> Option<Location> {
        let src = self.get(origin.file)?;
        Some(place(&Locator {
            src,
            span: &origin.span,
        }))
    }
}

/// The manifest's own problems.
pub fn validate_manifest(manifest: &Manifest, src: Option<&SourceText>, out: &mut Vec<Diagnostic>) {
    check_manifest(manifest, src, out);
}

/// The problems of each record of one file on its own (against the manifest), placed in
/// `src`, the file's text; `events` are its records with their byte ranges.
pub fn validate_records(
    ids: &ManifestIds<'_>,
    events: &[(Event, std::ops::Range<usize>)],
    src: &SourceText,
    out: &mut Vec<Diagnostic>,
) {
    for (event, span) in events {
        check_record(ids, event, &Locator { src, span }, out);
    }
}

fn check_record(ids: &ManifestIds<'_>, e: &Event, at: &Locator<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(problem) = id_problem(&e.id) {
        out.push(Diagnostic::error(
            format!("the id \"{}\" {problem}", e.id),
            Some(at.field_value("id")),
        ));
    }
    if e.title.texts().all(|t| t.trim().is_empty()) {
        out.push(Diagnostic::error(
            "the title is empty",
            Some(at.field_value("title")),
        ));
    }
    check_ref(at, "kind", &e.kind, &ids.categories, "category", out);
    if let Some(place) = &e.place {
        check_ref(at, "place", place, &ids.places, "place", out);
    }
    for person in &e.participants {
        check_ref(at, "participants", person, &ids.people, "person", out);
    }
    if let Some(s) = &e.series {
        check_ref(at, "series", &s.id, &ids.series, "series", out);
        if s.ordinal == Some(0) {
            out.push(Diagnostic::error(
                "series ordinals count from 1",
                Some(at.field_value("series")),
            ));
        }
    }
    if e.sources.is_empty() {
        out.push(
            Diagnostic::warning(
                format!("event \"{}\" cites no source", e.id),
                Some(at.field_name_or_record("sources")),
            )
            .with_hint("add `sources: [(publisher: \"...\", url: \"https://...\")]`"),
        );
    }
    let language = ids.language;
    check_texts(at, language, "title", &e.title, false, out);
    check_texts(at, language, "summary", &e.summary, true, out);
    if let Some(note) = &e.note {
        check_texts(at, language, "note", note, true, out);
    }
    for tag in &e.tags {
        check_text(at, "tags", tag, false, out);
    }
    for media in &e.media {
        check_media(at, ids.root, language, media, out);
    }
    for source in &e.sources {
        check_text(at, "sources", &source.publisher, false, out);
        if let Some(title) = &source.title {
            check_texts(at, language, "sources", title, false, out);
        }
        if let Some(url) = &source.url
            && let Some(problem) = url_problem(url)
        {
            out.push(
                Diagnostic::error(
                    format!(
                        "the source link {} is not a valid address: {problem}",
                        crate::store::write::quote(url)
                    ),
                    Some(at.field_value("sources")),
                )
                .with_hint("write spaces as %20; an address is one unbroken line"),
            );
        } else if let Some(url) = &source.url
            && !is_web_url(url)
        {
            out.push(Diagnostic::warning(
                format!(
                    "the source link \"{url}\" is not an http(s) address; it will be shown as text, never opened"
                ),
                Some(at.value_in("sources", url)),
            ));
        }
    }
    if e.status == Status::Disputed
        && e.note
            .as_ref()
            .is_none_or(|n| n.texts().all(|t| t.trim().is_empty()))
    {
        out.push(
            Diagnostic::warning(
                format!("event \"{}\" is disputed but has no note saying how", e.id),
                Some(at.field_value("status")),
            )
            .with_hint("add `note: \"...\"` explaining how the sources differ"),
        );
    }
}

/// What concerns several records: unique ids, related events that exist, series that add
/// up. `sources` gives the files' texts to place the problems in.
pub fn validate_across(
    manifest: &Manifest,
    events: &[Event],
    origins: &[RecordOrigin],
    unread_ids: &[String],
    sources: &Sources<'_>,
    out: &mut Vec<Diagnostic>,
) {
    // Ids in order, each run of equal ids with its records in reading order: the first is
    // the one kept, the others are duplicates. A sort by an 8-byte prefix first, since
    // comparing whole ids through a million pointers is most of the cost.
    let prefix = crate::model::dataset::id_prefix;
    let mut by_id: Vec<(u64, u32)> = events
        .iter()
        .enumerate()
        .map(|(i, e)| (prefix(&e.id), i as u32))
        .collect();
    let id_of = |i: u32| &*events[i as usize].id;
    by_id.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| id_of(a.1).cmp(id_of(b.1)))
            .then(a.1.cmp(&b.1))
    });
    let field_value =
        |i: u32, field: &str| sources.locate(&origins[i as usize], |at| at.field_value(field));
    // (duplicate, first) pairs: in a run of equal ids the first in reading order comes first.
    let mut duplicates: Vec<(u32, u32)> = Vec::new();
    let mut run_first = None;
    for &(_, i) in &by_id {
        match run_first {
            Some(first) if id_of(first) == id_of(i) => duplicates.push((i, first)),
            _ => run_first = Some(i),
        }
    }
    duplicates.sort_unstable();
    for (dup, first) in duplicates {
        out.push(
            Diagnostic::error(
                format!(
                    "duplicate id \"{}\": another event already has it",
                    id_of(dup)
                ),
                field_value(dup, "id"),
            )
            .with_note_at("first used here", field_value(first, "id"))
            .with_hint("ids must be unique in a dataset; rename one of the two"),
        );
    }
    by_id.dedup_by(|b, a| id_of(a.1) == id_of(b.1));
    let known = |id: &str| {
        by_id
            .binary_search_by(|probe| {
                probe
                    .0
                    .cmp(&prefix(id))
                    .then_with(|| id_of(probe.1).cmp(id))
            })
            .is_ok()
    };

    // References to events need every id first.
    let unread: HashSet<&str> = unread_ids.iter().map(String::as_str).collect();
    // Built on the first unknown id only, and asked once per distinct unknown id.
    let mut suggester: Option<Suggester<'_>> = None;
    let mut suggestions: HashMap<&str, Option<&str>> = HashMap::new();
    for (event, origin) in events.iter().zip(origins) {
        for related in &event.related {
            let value_in = || sources.locate(origin, |at| at.value_in("related", related));
            if **related == *event.id {
                out.push(Diagnostic::warning(
                    "an event lists itself as related",
                    value_in(),
                ));
            } else if !known(related.as_str()) && !unread.contains(related.as_str()) {
                let mut d = Diagnostic::error(
                    format!("unknown event \"{related}\" in `related`"),
                    value_in(),
                );
                let best = *suggestions.entry(related.as_str()).or_insert_with(|| {
                    suggester
                        .get_or_insert_with(|| Suggester::new(by_id.iter().map(|&(_, i)| id_of(i))))
                        .suggest(related)
                });
                if let Some(best) = best {
                    d = d.with_hint(format!("did you mean \"{best}\"?"));
                }
                out.push(d);
            }
        }
    }

    check_series(manifest, events, origins, sources, out);
}

fn check_media(
    at: &Locator<'_>,
    root: &std::path::Path,
    language: Language,
    media: &crate::model::event::Media,
    out: &mut Vec<Diagnostic>,
) {
    use crate::model::event::{PICTURE_SIZE_CAP, PictureFormat};
    use std::io::Read as _;
    if let Some(caption) = &media.caption {
        check_texts(at, language, "media", caption, false, out);
    }
    for text in [&media.credit, &media.license].into_iter().flatten() {
        check_text(at, "media", text, false, out);
    }
    let file = media.file.trim();
    if file.is_empty() {
        out.push(Diagnostic::error(
            "a picture needs a `file`: a path in the dataset folder or an http(s) address",
            Some(at.field_value("media")),
        ));
        return;
    }
    let here = || Some(at.value_in("media", &media.file));
    if media.is_web() {
        if let Some(problem) = url_problem(file) {
            out.push(Diagnostic::error(
                format!("the picture's address is not valid: {problem}"),
                here(),
            ));
        }
        return;
    }
    let Some(path) = media.path_in(root) else {
        out.push(
            Diagnostic::error(
                format!(
                    "the picture {} is neither a file inside the dataset folder nor an http(s) address",
                    crate::store::write::quote(file)
                ),
                here(),
            )
            .with_hint("write a path relative to the dataset folder, such as \"media/photo.jpg\""),
        );
        return;
    };
    let meta = match std::fs::metadata(&path) {
        Ok(meta) if meta.is_file() => meta,
        Ok(_) => {
            out.push(Diagnostic::warning(
                format!("the picture \"{file}\" is not a file"),
                here(),
            ));
            return;
        }
        Err(_) => {
            out.push(
                Diagnostic::warning(format!("the picture \"{file}\" is missing"), here())
                    .with_hint(format!("put it at `{}`", path.display())),
            );
            return;
        }
    };
    if meta.len() > PICTURE_SIZE_CAP {
        out.push(
            Diagnostic::warning(
                format!(
                    "the picture \"{file}\" is {:.1} MB; pictures over {} MB are not shown",
                    meta.len() as f64 / 1e6,
                    PICTURE_SIZE_CAP / 1024 / 1024
                ),
                here(),
            )
            .with_hint("make it smaller (2,000 pixels across is plenty)"),
        );
        return;
    }
    let mut head = [0u8; 12];
    let read = std::fs::File::open(&path).and_then(|f| {
        let mut n = 0;
        let mut f = f.take(12);
        loop {
            match f.read(&mut head[n..])? {
                0 => return Ok(n),
                k => n += k,
            }
        }
    });
    match read {
        Ok(n) if PictureFormat::sniff(&head[..n]).is_some() => {}
        Ok(_) => out.push(
            Diagnostic::warning(
                format!("the picture \"{file}\" is not PNG, JPEG or WebP"),
                here(),
            )
            .with_hint("convert it to one of these formats"),
        ),
        Err(e) => out.push(Diagnostic::warning(
            format!("the picture \"{file}\" cannot be read: {e}"),
            here(),
        )),
    }
}

/// The first control character in `text` (line breaks allowed where `breaks_allowed`).
fn control_char(text: &str, breaks_allowed: bool) -> Option<char> {
    text.chars()
        .find(|&c| c.is_control() && !(breaks_allowed && matches!(c, '\n' | '\r' | '\t')))
}

/// Report a control character in a text field: invisible in the window, and a line break or
/// escape sequence in a title would break handouts, calendars and terminals alike.
fn check_text(
    at: &Locator<'_>,
    field: &str,
    text: &str,
    breaks_allowed: bool,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(c) = control_char(text, breaks_allowed) {
        let allowed = if breaks_allowed {
            " (line breaks are fine here)"
        } else {
            ""
        };
        out.push(
            Diagnostic::error(
                format!(
                    "`{field}` holds the control character U+{:04X}{allowed}",
                    c as u32
                ),
                Some(at.field_value(field)),
            )
            .with_hint("remove it; write the text on one line"),
        );
    }
}

/// [`check_text`] on each language of a record text; and, for a text written by language
/// that leaves out the dataset's default one, a warning: readers of the default language will
/// see another language's text, marked as such (the dataset's plain strings are all in the
/// default language, so a reader of it otherwise sees every text in it).
fn check_texts(
    at: &Locator<'_>,
    default: Language,
    field: &str,
    text: &Text,
    breaks_allowed: bool,
    out: &mut Vec<Diagnostic>,
) {
    for one in text.texts() {
        check_text(at, field, one, breaks_allowed, out);
    }
    if let Some(warning) = missing_default(text, default, field) {
        out.push(warning(at.field_value(field)));
    }
}

/// For a text written by language that leaves out the dataset's `default` one, the warning
/// of [`check_texts`] (for a storyline's title, captions and notes), to be placed.
fn missing_default(
    text: &Text,
    default: Language,
    field: &str,
) -> Option<impl FnOnce(Location) -> Diagnostic> {
    let Written::Map(map) = text.written() else {
        return None;
    };
    if map[default as usize].is_some() {
        return None;
    }
    let written: Vec<&str> = Language::ALL
        .iter()
        .zip(map)
        .filter(|(_, t)| t.is_some())
        .map(|(l, _)| l.code())
        .collect();
    let field = field.to_owned();
    Some(move |at: Location| {
        Diagnostic::warning(
            format!(
                "`{field}` is written in {} but not in `{}`, the dataset's language",
                written.join(", "),
                default.code()
            ),
            Some(at),
        )
        .with_hint(format!(
            "add `{}: \"...\"`; until then the {} text is shown, marked, in its place",
            default.code(),
            written.first().copied().unwrap_or_default()
        ))
    })
}

/// Why `url` cannot be an address: spaces or control characters in it.
fn url_problem(url: &str) -> Option<String> {
    if let Some(c) = url.chars().find(|c| c.is_control()) {
        return Some(format!("it holds the control character U+{:04X}", c as u32));
    }
    url.chars()
        .any(char::is_whitespace)
        .then(|| "it holds a space".to_owned())
}

/// Finds where a part of one record (its byte range in the file's text) is written.
struct Locator<'a> {
    src: &'a SourceText,
    span: &'a std::ops::Range<usize>,
}

impl Locator<'_> {
    fn record_text(&self) -> &str {
        &self.src.text[self.span.clone()]
    }

    fn absolute(&self, local: std::ops::Range<usize>) -> Location {
        let base = self.span.start;
        self.src.location(base + local.start..base + local.end)
    }

    fn record_start(&self) -> Location {
        let start = self.span.start;
        self.src.location(start..start + 1)
    }

    /// The value of a top-level field, or the record's start if the field is not written.
    fn field_value(&self, field: &str) -> Location {
        field_value_span(self.record_text(), field)
            .map_or_else(|| self.record_start(), |r| self.absolute(r))
    }

    fn field_name_or_record(&self, field: &str) -> Location {
        field_name_span(self.record_text(), field)
            .map_or_else(|| self.record_start(), |r| self.absolute(r))
    }

    /// The string literal `value` inside the value of `field`.
    fn value_in(&self, field: &str, value: &str) -> Location {
        let text = self.record_text();
        let Some(field_span) = field_value_span(text, field) else {
            return self.record_start();
        };
        match string_literal_span(&text[field_span.clone()], value) {
            Some(r) => self.absolute(field_span.start + r.start..field_span.start + r.end),
            None => self.absolute(field_span),
        }
    }
}

fn check_ref(
    at: &Locator<'_>,
    field: &str,
    value: &str,
    known: &HashSet<&str>,
    what: &str,
    out: &mut Vec<Diagnostic>,
) {
    if known.contains(value) {
        return;
    }
    let mut d = Diagnostic::error(
        format!("unknown {what} \"{value}\" in `{field}`: the manifest has no {what} with this id"),
        Some(at.value_in(field, value)),
    );
    match did_you_mean(value, known.iter().copied()) {
        Some(best) => d = d.with_hint(format!("did you mean \"{best}\"?")),
        None => d = d.with_hint(format!("add it to the manifest's list of {}", plural(what))),
    }
    out.push(d);
}

fn plural(what: &str) -> &str {
    match what {
        "person" => "people",
        "category" => "categories",
        "place" => "places",
        _ => what,
    }
}

/// Check a storyline against the dataset: every step shows an event or a window, every id it
/// names exists. Places each problem in the storyline's file.
pub(crate) fn validate_storyline(
    storyline: &crate::model::storyline::Storyline,
    dataset: &crate::model::Dataset,
    src: &SourceText,
    out: &mut Vec<Diagnostic>,
) {
    let text = &src.text;
    let whole = src.location(0..text.len().min(1));
    if storyline.steps.is_empty() {
        out.push(
            Diagnostic::warning("this storyline has no steps", Some(whole.clone()))
                .with_hint("add steps: [(event: \"an-event-id\", caption: \"…\")]"),
        );
        return;
    }
    // Where each step's record is written: the records of the `steps` list.
    let spans: Vec<std::ops::Range<usize>> = field_value_span(text, "steps")
        .and_then(|list| {
            let layout = super::lex::list_layout(&text[list.clone()]).ok()??;
            Some(
                layout
                    .records
                    .into_iter()
                    .map(|r| list.start + r.start..list.start + r.end)
                    .collect(),
            )
        })
        .unwrap_or_default();
    let manifest = &dataset.manifest;
    let default = dataset.language();
    if let Some(warning) = missing_default(&storyline.title, default, "title") {
        let at = field_value_span(text, "title").map_or(whole.clone(), |r| src.location(r));
        out.push(warning(at));
    }
    let mut suggester: Option<Suggester<'_>> = None;
    for (n, step) in storyline.steps.iter().enumerate() {
        let span = spans.get(n).cloned();
        let step_text = span.as_ref().map_or("", |r| &text[r.clone()]);
        let base = span.as_ref().map_or(0, |r| r.start);
        let at_value = |field: &str, value: Option<&str>| -> Location {
            let local = value
                .and_then(|v| string_literal_span(step_text, v))
                .or_else(|| field_value_span(step_text, field));
            match (local, &span) {
                (Some(r), _) => src.location(base + r.start..base + r.end),
                (None, Some(r)) => src.location(r.start..r.start + 1),
                (None, None) => whole.clone(),
            }
        };
        for (field, value) in [("caption", &step.caption), ("notes", &step.notes)] {
            if let Some(warning) = missing_default(value, default, field) {
                out.push(warning(at_value(field, None)));
            }
        }
        if step.event.is_none() && step.window.is_none() {
            out.push(
                Diagnostic::error(
                    format!(
                        "step {} shows nothing: give it an `event` or a `window`",
                        n + 1
                    ),
                    Some(at_value("caption", None)),
                )
                .with_hint("(event: \"hog-29\") or (window: \"2024-05/2024-08\")"),
            );
        }
        if let Some(id) = &step.event
            && dataset.index_of(id).is_none()
        {
            let mut d = Diagnostic::error(
                format!("step {}: unknown event \"{id}\"", n + 1),
                Some(at_value("event", Some(id))),
            );
            if let Some(best) = suggester
                .get_or_insert_with(|| Suggester::new(dataset.events().iter().map(|e| &*e.id)))
                .suggest(id)
            {
                d = d.with_hint(format!("did you mean `{best}`?"));
            }
            out.push(d);
        }
        let Some(filter) = &step.filter else {
            continue;
        };
        let known: [(&str, &[String], Vec<&str>); 4] = [
            (
                "category",
                &filter.categories,
                manifest.categories.iter().map(|c| c.id.as_str()).collect(),
            ),
            (
                "series",
                &filter.series,
                manifest.series.iter().map(|c| c.id.as_str()).collect(),
            ),
            (
                "person",
                &filter.participants,
                manifest.people.iter().map(|c| c.id.as_str()).collect(),
            ),
            (
                "country",
                &filter.countries,
                manifest.countries.iter().map(|c| c.code.as_str()).collect(),
            ),
        ];
        // Tags are free words; the others must be in the manifest.
        for (what, ids, valid) in known {
            for id in ids {
                if !valid.contains(&id.as_str()) {
                    let mut d = Diagnostic::error(
                        format!("step {}: unknown {what} \"{id}\" in the filter", n + 1),
                        Some(at_value("filter", Some(id))),
                    );
                    if let Some(best) = did_you_mean(id, valid.iter().copied()) {
                        d = d.with_hint(format!("did you mean `{best}`?"));
                    }
                    out.push(d);
                }
            }
        }
    }
}

fn id_problem(id: &str) -> Option<&'static str> {
    if id.is_empty() {
        Some("is empty")
    } else if id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Some("contains spaces; use letters, digits, `-` and `_`")
    } else {
        None
    }
}

fn check_manifest(manifest: &Manifest, src: Option<&SourceText>, out: &mut Vec<Diagnostic>) {
    let locate = |id: &str, nth: usize| -> Option<Location> {
        let src = src?;
        let mut offset = 0;
        let mut found = None;
        for _ in 0..=nth {
            let r = string_literal_span(&src.text[offset..], id)?;
            found = Some(offset + r.start..offset + r.end);
            offset += r.end;
        }
        found.map(|r| src.location(r))
    };
    if manifest.title.trim().is_empty() {
        out.push(Diagnostic::error(
            "the manifest's title is empty",
            locate("", 0),
        ));
    }
    let mut texts: Vec<(&str, bool)> =
        vec![(&manifest.title, false), (&manifest.description, true)];
    fn names(n: &crate::model::manifest::Names) -> [Option<&str>; 3] {
        [Some(n.en.as_str()), n.zh.as_deref(), n.ru.as_deref()]
    }
    for c in &manifest.countries {
        texts.extend(names(&c.name).into_iter().flatten().map(|t| (t, false)));
    }
    for p in &manifest.people {
        texts.extend(names(&p.name).into_iter().flatten().map(|t| (t, false)));
        texts.extend(p.role.as_deref().map(|t| (t, false)));
    }
    for p in &manifest.places {
        texts.extend(names(&p.name).into_iter().flatten().map(|t| (t, false)));
    }
    texts.extend(
        manifest
            .categories
            .iter()
            .map(|c| (c.label.as_str(), false)),
    );
    texts.extend(manifest.series.iter().map(|s| (s.title.as_str(), false)));
    texts.extend(
        manifest
            .series
            .iter()
            .filter_map(|s| s.item.as_deref())
            .map(|t| (t, false)),
    );
    texts.extend(manifest.periods.iter().map(|p| (p.title.as_str(), false)));
    for (text, breaks_allowed) in texts {
        if let Some(c) = control_char(text, breaks_allowed) {
            out.push(
                Diagnostic::error(
                    format!(
                        "the manifest's text {} holds the control character U+{:04X}",
                        crate::store::write::quote(text),
                        c as u32
                    ),
                    locate(text, 0),
                )
                .with_hint("remove it; write the text on one line"),
            );
        }
    }
    let lists: [(&str, Vec<&str>); 6] = [
        (
            "country",
            manifest.countries.iter().map(|c| c.code.as_str()).collect(),
        ),
        (
            "person",
            manifest.people.iter().map(|p| p.id.as_str()).collect(),
        ),
        (
            "place",
            manifest.places.iter().map(|p| p.id.as_str()).collect(),
        ),
        (
            "category",
            manifest.categories.iter().map(|c| c.id.as_str()).collect(),
        ),
        (
            "series",
            manifest.series.iter().map(|s| s.id.as_str()).collect(),
        ),
        (
            "period",
            manifest.periods.iter().map(|p| p.id.as_str()).collect(),
        ),
    ];
    for (what, ids) in &lists {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for id in ids {
            if let Some(problem) = id_problem(id) {
                out.push(Diagnostic::error(
                    format!("the {what} id \"{id}\" {problem}"),
                    locate(id, 0),
                ));
            }
            let count = seen.entry(id).or_insert(0);
            if *count > 0 {
                let mut d =
                    Diagnostic::error(format!("duplicate {what} id \"{id}\""), locate(id, *count));
                if let Some(first) = locate(id, 0) {
                    d = d.with_note("first used here", first);
                }
                out.push(d);
            }
            *count += 1;
        }
    }
    if !manifest.countries.is_empty() {
        let codes: HashSet<&str> = manifest.countries.iter().map(|c| c.code.as_str()).collect();
        let used = manifest
            .people
            .iter()
            .filter_map(|p| p.country.as_deref())
            .chain(manifest.places.iter().filter_map(|p| p.country.as_deref()));
        let mut reported = HashSet::new();
        for code in used {
            if !codes.contains(code) && reported.insert(code) {
                out.push(Diagnostic::error(
                    format!("unknown country \"{code}\": add it to the manifest's `countries`"),
                    locate(code, 0),
                ));
            }
        }
    }
}

/// Warnings for series whose ordinals have gaps, repeat, or run against time.
fn check_series(
    manifest: &Manifest,
    events: &[Event],
    origins: &[RecordOrigin],
    sources: &Sources<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let mut by_series: BTreeMap<&str, Vec<(u32, usize)>> = BTreeMap::new();
    for (i, event) in events.iter().enumerate() {
        if let Some(s) = &event.series
            && let Some(n) = s.ordinal
            && n > 0
        {
            by_series.entry(&s.id).or_default().push((n, i));
        }
    }
    for (series_id, mut members) in by_series {
        if !manifest.series.iter().any(|s| s.id == series_id) {
            continue;
        }
        members.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| chronological_cmp(&events[a.1], &events[b.1]))
        });
        let at = |i: usize| sources.locate(&origins[i], |at| at.field_value("series"));
        let mut missing: Vec<String> = Vec::new();
        for pair in members.windows(2) {
            let ((a, pa), (b, pb)) = (pair[0], pair[1]);
            if a == b {
                out.push(
                    Diagnostic::warning(
                        format!("two events are number {a} of series \"{series_id}\""),
                        at(pb),
                    )
                    .with_note_at("the other one", at(pa)),
                );
            } else {
                if b > a + 1 {
                    missing.push(if b == a + 2 {
                        (a + 1).to_string()
                    } else {
                        format!("{}–{}", a + 1, b - 1)
                    });
                }
                if events[pb].when.earliest_day() < events[pa].when.earliest_day() {
                    out.push(
                        Diagnostic::warning(
                            format!(
                                "number {b} of series \"{series_id}\" ({}) is dated before number {a} ({})",
                                events[pb].when.human(),
                                events[pa].when.human()
                            ),
                            at(pb),
                        )
                        .with_note_at(format!("number {a} is here"), at(pa)),
                    );
                }
            }
        }
        if !missing.is_empty() {
            out.push(Diagnostic::warning(
                format!(
                    "series \"{series_id}\" has no events numbered {} (gaps in its ordinals)",
                    missing.join(", ")
                ),
                at(members[0].1),
            ));
        }
    }
}
