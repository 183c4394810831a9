//! Checks across records: unique ids, references that resolve, series that add up.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::diagnostics::{Diagnostic, Location, SourceText, Suggester, Words, did_you_mean, words};
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
        out.push(Diagnostic::error_of(
            words!(
                "diag-bad-id",
                what = "event",
                id = &*e.id,
                problem = problem
            ),
            Some(at.field_value("id")),
        ));
    }
    if e.title.texts().all(|t| t.trim().is_empty()) {
        out.push(Diagnostic::error_of(
            words!("diag-title-empty"),
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
            out.push(Diagnostic::error_of(
                words!("diag-ordinal-zero"),
                Some(at.field_value("series")),
            ));
        }
    }
    if e.sources.is_empty() {
        out.push(
            Diagnostic::warning_of(
                words!("diag-no-source", id = &*e.id),
                Some(at.field_name_or_record("sources")),
            )
            .hint_of(words!("diag-no-source-hint")),
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
                Diagnostic::error_of(
                    words!(
                        "diag-bad-source-link",
                        url = crate::store::write::quote(url),
                        problem = problem
                    ),
                    Some(at.field_value("sources")),
                )
                .hint_of(words!("diag-bad-source-link-hint")),
            );
        } else if let Some(url) = &source.url
            && !is_web_url(url)
        {
            out.push(Diagnostic::warning_of(
                words!("diag-source-not-web", url = url),
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
            Diagnostic::warning_of(
                words!("diag-disputed-no-note", id = &*e.id),
                Some(at.field_value("status")),
            )
            .hint_of(words!("diag-disputed-no-note-hint")),
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
            Diagnostic::error_of(
                words!("diag-duplicate-event-id", id = id_of(dup)),
                field_value(dup, "id"),
            )
            .note_at_of(words!("diag-first-used-here"), field_value(first, "id"))
            .hint_of(words!("diag-duplicate-event-id-hint")),
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
                out.push(Diagnostic::warning_of(
                    words!("diag-related-to-itself"),
                    value_in(),
                ));
            } else if !known(related.as_str()) && !unread.contains(related.as_str()) {
                let mut d = Diagnostic::error_of(
                    words!("diag-unknown-related", id = related.as_str()),
                    value_in(),
                );
                let best = *suggestions.entry(related.as_str()).or_insert_with(|| {
                    suggester
                        .get_or_insert_with(|| Suggester::new(by_id.iter().map(|&(_, i)| id_of(i))))
                        .suggest(related)
                });
                if let Some(best) = best {
                    d = d.hint_of(words!("diag-did-you-mean-quoted", name = best));
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
    for text in [&media.caption, &media.alt].into_iter().flatten() {
        check_texts(at, language, "media", text, false, out);
    }
    for text in [&media.credit, &media.license].into_iter().flatten() {
        check_text(at, "media", text, false, out);
    }
    let file = media.file.trim();
    if file.is_empty() {
        out.push(Diagnostic::error_of(
            words!("diag-picture-no-file"),
            Some(at.field_value("media")),
        ));
        return;
    }
    let here = || Some(at.value_in("media", &media.file));
    if media.is_web() {
        if let Some(problem) = url_problem(file) {
            out.push(Diagnostic::error_of(
                words!("diag-picture-bad-address", problem = problem),
                here(),
            ));
        }
        return;
    }
    use super::pictures::{MediaPathError, media_file};
    let path = match media_file(root, media) {
        Ok(path) => path,
        Err(MediaPathError::NotInFolder) => {
            out.push(
                Diagnostic::error_of(
                    words!(
                        "diag-picture-outside",
                        file = crate::store::write::quote(file)
                    ),
                    here(),
                )
                .hint_of(words!("diag-picture-outside-hint")),
            );
            return;
        }
        Err(MediaPathError::Outside(target)) => {
            out.push(
                Diagnostic::error_of(
                    words!(
                        "diag-picture-link-outside",
                        file = crate::store::diagnostics::quote_value(file),
                        target = target.display().to_string()
                    ),
                    here(),
                )
                .hint_of(words!("diag-picture-link-outside-hint")),
            );
            return;
        }
        Err(MediaPathError::Missing(path)) => {
            out.push(
                Diagnostic::warning_of(words!("diag-picture-missing", file = file), here())
                    .hint_of(words!(
                        "diag-picture-missing-hint",
                        path = path.display().to_string()
                    )),
            );
            return;
        }
        Err(MediaPathError::Unreadable(e)) => {
            out.push(Diagnostic::warning_of(
                words!(
                    "diag-picture-unreadable",
                    file = file,
                    reason = e.to_string()
                ),
                here(),
            ));
            return;
        }
    };
    // Opened only if it is a regular file (never waiting on a FIFO), and only its first bytes
    // read: a picture is never decoded here.
    let (file_handle, size) = match super::input::open_regular(&path) {
        Ok(opened) => opened,
        Err(super::input::ReadError::NotAFile(_)) => {
            out.push(Diagnostic::warning_of(
                words!("diag-picture-not-a-file", file = file),
                here(),
            ));
            return;
        }
        Err(e) => {
            out.push(Diagnostic::warning_of(
                words!(
                    "diag-picture-unreadable",
                    file = file,
                    reason = e.to_string()
                ),
                here(),
            ));
            return;
        }
    };
    if size > PICTURE_SIZE_CAP {
        out.push(
            Diagnostic::warning_of(
                words!(
                    "diag-picture-too-large",
                    file = file,
                    size = format!("{:.1}", size as f64 / 1e6),
                    cap = (PICTURE_SIZE_CAP / 1024 / 1024).to_string()
                ),
                here(),
            )
            .hint_of(words!("diag-picture-too-large-hint")),
        );
        return;
    }
    let mut head = [0u8; 12];
    let read = {
        let mut n = 0;
        let mut f = file_handle.take(12);
        loop {
            match f.read(&mut head[n..]) {
                Ok(0) => break Ok(n),
                Ok(k) => n += k,
                Err(e) => break Err(e),
            }
        }
    };
    match read {
        Ok(n) if PictureFormat::sniff(&head[..n]).is_some() => {}
        Ok(_) => out.push(
            Diagnostic::warning_of(words!("diag-picture-format", file = file), here())
                .hint_of(words!("diag-picture-format-hint")),
        ),
        Err(e) => out.push(Diagnostic::warning_of(
            words!(
                "diag-picture-unreadable",
                file = file,
                reason = e.to_string()
            ),
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
        let id = if breaks_allowed {
            "diag-control-char-breaks-fine"
        } else {
            "diag-control-char"
        };
        out.push(
            Diagnostic::error_of(
                words!(id, field = field, code = format!("{:04X}", c as u32)),
                Some(at.field_value(field)),
            )
            .hint_of(words!("diag-control-char-hint")),
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
        out.push(warning(Some(at.field_value(field))));
    }
}

/// For a text written by language that leaves out the dataset's `default` one, the warning
/// of [`check_texts`] (for a storyline's title, captions and notes), to be placed.
fn missing_default(
    text: &Text,
    default: Language,
    field: &str,
) -> Option<impl FnOnce(Option<Location>) -> Diagnostic> {
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
    Some(move |at: Option<Location>| {
        Diagnostic::warning_of(
            words!(
                "diag-text-missing-default",
                field = field.as_str(),
                written = written.join(", "),
                default = default.code()
            ),
            at,
        )
        .hint_of(words!(
            "diag-text-missing-default-hint",
            default = default.code(),
            first = written.first().copied().unwrap_or_default()
        ))
    })
}

/// Where the string literal `value` is first written as (one language of) the value of a
/// field named `field` in `text` (a whole file): the same words may stand in several fields
/// of a manifest (a category's label and a series' item).
fn text_in_field(text: &str, field: &str, value: &str) -> Option<std::ops::Range<usize>> {
    use super::lex::TokenKind;
    let tokens = super::lex::tokenize(text).ok()?;
    let is_code =
        |t: &super::lex::Token| crate::model::text::LANGUAGE_CODES.contains(&&text[t.span.clone()]);
    tokens.iter().enumerate().find_map(|(k, token)| {
        let literal = &text[token.span.clone()];
        if token.kind != TokenKind::Str
            || literal.len() < 2
            || !literal.starts_with('"')
            || &literal[1..literal.len() - 1] != value
        {
            return None;
        }
        // The nearest `name:` before it that is not a language's code names its field.
        let named = tokens[..k].windows(2).rev().find_map(|pair| {
            (pair[0].kind == TokenKind::Ident
                && pair[1].kind == TokenKind::Punct(b':')
                && !is_code(&pair[0]))
            .then(|| &text[pair[0].span.clone()])
        })?;
        (named == field).then(|| token.span.clone())
    })
}

/// Why `url` cannot be an address: spaces or control characters in it.
fn url_problem(url: &str) -> Option<Words> {
    if let Some(c) = url.chars().find(|c| c.is_control()) {
        return Some(words!(
            "diag-url-control-char",
            code = format!("{:04X}", c as u32)
        ));
    }
    url.chars()
        .any(char::is_whitespace)
        .then(|| words!("diag-url-space"))
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
    let mut d = Diagnostic::error_of(
        words!("diag-unknown-ref", what = what, id = value, field = field),
        Some(at.value_in(field, value)),
    );
    match did_you_mean(value, known.iter().copied()) {
        Some(best) => d = d.hint_of(words!("diag-did-you-mean-quoted", name = best)),
        None => d = d.hint_of(words!("diag-add-to-manifest", what = what)),
    }
    out.push(d);
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
            Diagnostic::warning_of(words!("diag-storyline-no-steps"), Some(whole.clone()))
                .hint_of(words!("diag-storyline-no-steps-hint")),
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
    for (field, value) in [
        ("title", &storyline.title),
        ("description", &storyline.description),
    ] {
        if let Some(warning) = missing_default(value, default, field) {
            let at = field_value_span(text, field).map_or(whole.clone(), |r| src.location(r));
            out.push(warning(Some(at)));
        }
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
                out.push(warning(Some(at_value(field, None))));
            }
        }
        if step.event.is_none() && step.window.is_none() {
            out.push(
                Diagnostic::error_of(
                    words!("diag-step-empty", step = (n + 1).to_string()),
                    Some(at_value("caption", None)),
                )
                .hint_of(words!("diag-step-empty-hint")),
            );
        }
        if let Some(id) = &step.event
            && dataset.index_of(id).is_none()
        {
            let mut d = Diagnostic::error_of(
                words!(
                    "diag-step-unknown-event",
                    step = (n + 1).to_string(),
                    id = id.as_str()
                ),
                Some(at_value("event", Some(id))),
            );
            if let Some(best) = suggester
                .get_or_insert_with(|| Suggester::new(dataset.events().iter().map(|e| &*e.id)))
                .suggest(id)
            {
                d = d.hint_of(words!("diag-did-you-mean-code", name = best));
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
                    let mut d = Diagnostic::error_of(
                        words!(
                            "diag-step-unknown-in-filter",
                            step = (n + 1).to_string(),
                            what = what,
                            id = id.as_str()
                        ),
                        Some(at_value("filter", Some(id))),
                    );
                    if let Some(best) = did_you_mean(id, valid.iter().copied()) {
                        d = d.hint_of(words!("diag-did-you-mean-code", name = best));
                    }
                    out.push(d);
                }
            }
        }
    }
}

fn id_problem(id: &str) -> Option<Words> {
    if id.is_empty() {
        Some(words!("diag-id-empty"))
    } else if id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Some(words!("diag-id-spaces"))
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
    if manifest.title.texts().all(|t| t.trim().is_empty()) {
        out.push(Diagnostic::error_of(
            words!("diag-manifest-title-empty"),
            locate("", 0),
        ));
    }
    // The texts a reader sees, each in one or several languages: (field, text, whether line
    // breaks are fine in it).
    let mut record_texts: Vec<(&str, &Text, bool)> = vec![
        ("title", &manifest.title, false),
        ("description", &manifest.description, true),
    ];
    for p in &manifest.people {
        record_texts.extend(p.role.as_ref().map(|t| ("role", t, false)));
    }
    for c in &manifest.categories {
        record_texts.push(("label", &c.label, false));
    }
    for s in &manifest.series {
        record_texts.push(("title", &s.title, false));
        record_texts.extend(s.item.as_ref().map(|t| ("item", t, false)));
    }
    for p in &manifest.periods {
        record_texts.push(("title", &p.title, false));
    }
    let mut texts: Vec<(&str, bool)> = Vec::new();
    for (field, text, breaks_allowed) in &record_texts {
        texts.extend(text.texts().map(|t| (t, *breaks_allowed)));
        if let Some(warning) = missing_default(text, manifest.language, field) {
            let first = text.texts().next().unwrap_or_default();
            let at = src.and_then(|src| {
                let r = text_in_field(&src.text, field, first)?;
                Some(src.location(r))
            });
            out.push(warning(at.or_else(|| locate(first, 0))));
        }
    }
    fn names(n: &crate::model::manifest::Names) -> [Option<&str>; 3] {
        [Some(n.en.as_str()), n.zh.as_deref(), n.ru.as_deref()]
    }
    for c in &manifest.countries {
        texts.extend(names(&c.name).into_iter().flatten().map(|t| (t, false)));
    }
    for p in &manifest.people {
        texts.extend(names(&p.name).into_iter().flatten().map(|t| (t, false)));
    }
    for p in &manifest.places {
        texts.extend(names(&p.name).into_iter().flatten().map(|t| (t, false)));
    }
    for (text, breaks_allowed) in texts {
        if let Some(c) = control_char(text, breaks_allowed) {
            out.push(
                Diagnostic::error_of(
                    words!(
                        "diag-manifest-control-char",
                        text = crate::store::diagnostics::quote_value(text),
                        code = format!("{:04X}", c as u32)
                    ),
                    locate(text, 0),
                )
                .hint_of(words!("diag-control-char-hint")),
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
                out.push(Diagnostic::error_of(
                    words!("diag-bad-id", what = *what, id = *id, problem = problem),
                    locate(id, 0),
                ));
            }
            let count = seen.entry(id).or_insert(0);
            if *count > 0 {
                let mut d = Diagnostic::error_of(
                    words!("diag-duplicate-id", what = *what, id = *id),
                    locate(id, *count),
                );
                if let Some(first) = locate(id, 0) {
                    d = d.note_of(words!("diag-first-used-here"), first);
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
                out.push(Diagnostic::error_of(
                    words!("diag-unknown-country", code = code),
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
                    Diagnostic::warning_of(
                        words!(
                            "diag-series-same-number",
                            number = a.to_string(),
                            series = series_id
                        ),
                        at(pb),
                    )
                    .note_at_of(words!("diag-the-other-one"), at(pa)),
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
                        Diagnostic::warning_of(
                            words!(
                                "diag-series-out-of-order",
                                number = b.to_string(),
                                series = series_id,
                                date = events[pb].when.human(),
                                earlier = a.to_string(),
                                earlier_date = events[pa].when.human()
                            ),
                            at(pb),
                        )
                        .note_at_of(
                            words!("diag-number-is-here", number = a.to_string()),
                            at(pa),
                        ),
                    );
                }
            }
        }
        if !missing.is_empty() {
            out.push(Diagnostic::warning_of(
                words!(
                    "diag-series-gaps",
                    series = series_id,
                    numbers = missing.join(", ")
                ),
                at(members[0].1),
            ));
        }
    }
}
