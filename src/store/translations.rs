//! Which record texts lack a language: every text a reader sees (titles, summaries, notes,
//! captions, labels…), found in the files as written, whether it is a plain string (in the
//! dataset's default language) or a map `(en: "…", zh: "…", ru: "…")`, with its exact place.
//!
//! The walk reads the tokens of [`super::lex`], not the parsed model, so that a position is
//! where the text is written, and a field counts whatever type the model gives it. It never
//! fails on what the loader would refuse (an unknown field, a wrong type): such a file is
//! walked as far as its tokens make sense, and `check` says what is wrong with it.

use super::map_on_two_threads;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::diagnostics::SourceText;
use super::lex::{LexError, Lexer, Token, TokenKind};
use super::parse::{BRIEFINGS_DIR, MANIFEST_FILE};
use crate::i18n::Language;
use crate::model::Text;
use crate::model::event::Event;

/// What a file of a dataset holds: its kind decides which of its fields are reader-visible.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Manifest,
    Events,
    Storyline,
}

impl FileKind {
    /// The reader-visible text fields: `(parent, field)`, the parent being the field the
    /// record sits in ("" at the top of the file or of a list's record). Lists are passed
    /// through: `sources: [(title: …)]` is `("sources", "title")`.
    fn fields(self) -> &'static [(&'static str, &'static str)] {
        match self {
            FileKind::Manifest => &[
                ("", "title"),
                ("", "description"),
                ("categories", "label"),
                ("series", "title"),
                ("series", "item"),
                ("periods", "title"),
                ("people", "role"),
            ],
            FileKind::Events => &[
                ("", "title"),
                ("", "summary"),
                ("", "note"),
                ("sources", "title"),
                ("media", "caption"),
                ("media", "alt"),
            ],
            FileKind::Storyline => &[
                ("", "title"),
                ("", "description"),
                ("steps", "caption"),
                ("steps", "notes"),
            ],
        }
    }
}

/// One reader-visible text as written in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextSpot {
    /// The field: `title`, or `sources.title`, `categories.label`.
    pub field: &'static str,
    /// The string literal of the record's `id` the text belongs to (the nearest record
    /// around it that has one: an event, a category, a person), if any.
    pub owner: Option<Range<usize>>,
    /// Byte offset where the value starts (its string, or the `(` of its map).
    pub at: usize,
    /// A plain string's literal: it is in the dataset's default language.
    pub plain: Option<Range<usize>>,
    /// Each language's literal in a map, in [`Language::ALL`] order (empty ones left out).
    pub map: [Option<Range<usize>>; 3],
}

impl TextSpot {
    /// The literal of the text in `language`, a plain string counting as `default`'s.
    pub fn literal(&self, language: Language, default: Language) -> Option<Range<usize>> {
        match &self.plain {
            Some(plain) => (language == default).then(|| plain.clone()),
            None => self.map[language as usize].clone(),
        }
    }

    pub fn has(&self, language: Language, default: Language) -> bool {
        self.literal(language, default).is_some()
    }

    /// The text a translator starts from, decoded: the default language's, else the first
    /// written (with its language).
    pub fn source_text(&self, file: &str, default: Language) -> (Language, String) {
        std::iter::once(default)
            .chain(Language::ALL)
            .find_map(|l| self.literal(l, default).map(|r| (l, decode(&file[r]))))
            .unwrap_or((default, String::new()))
    }

    /// The record's id, decoded.
    pub fn owner_id(&self, file: &str) -> Option<String> {
        self.owner.clone().map(|r| decode(&file[r]))
    }
}

/// What [`walk`] finds in a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileTexts {
    pub spots: Vec<TextSpot>,
    /// The manifest's `language`, when the file is a manifest that names one.
    pub language: Option<Language>,
}

/// The text of a string literal (`"…"` with its escapes, or a raw string).
pub fn decode(literal: &str) -> String {
    ron::from_str::<String>(literal).unwrap_or_else(|_| {
        literal
            .trim_start_matches(['r', 'b', '#'])
            .trim_matches(['"', '#'])
            .to_owned()
    })
}

/// Whether a string literal holds no text.
fn is_empty_literal(literal: &str) -> bool {
    if literal.starts_with('"') {
        literal.len() <= 2
    } else {
        decode(literal).is_empty()
    }
}

/// Find every reader-visible text of a file of `kind`.
pub fn walk(text: &str, kind: FileKind) -> Result<FileTexts, LexError> {
    let mut walker = Walker {
        text,
        tokens: Lexer::new(text).peekable(),
        fields: kind.fields(),
        manifest: kind == FileKind::Manifest,
        out: FileTexts::default(),
    };
    // Inner attributes (`#![enable(implicit_some)]`) are skipped as any token would be.
    while let Some(token) = walker.next()? {
        walker.value_from(token, Some(""), 0)?;
    }
    Ok(walker.out)
}

/// Deeper than this, a file is not walked further (nothing Annals writes nests so deep).
const MAX_DEPTH: usize = 64;

struct Walker<'t> {
    text: &'t str,
    tokens: std::iter::Peekable<Lexer<'t>>,
    fields: &'static [(&'static str, &'static str)],
    manifest: bool,
    out: FileTexts,
}

impl Walker<'_> {
    fn next(&mut self) -> Result<Option<Token>, LexError> {
        self.tokens.next().transpose()
    }

    fn peek_is(&mut self, kind: TokenKind) -> bool {
        matches!(self.tokens.peek(), Some(Ok(t)) if t.kind == kind)
    }

    /// A value whose first token is `first`. `parent`: the field it is the value of, when a
    /// text field may be inside it (`None`: nothing to find there).
    fn value_from(
        &mut self,
        first: Token,
        parent: Option<&'static str>,
        depth: usize,
    ) -> Result<(), LexError> {
        if depth > MAX_DEPTH {
            return Ok(());
        }
        match first.kind {
            TokenKind::Punct(b'(') => self.parenthesised(parent, depth + 1),
            TokenKind::Punct(b'[') => self.until_close(b']', parent, depth + 1),
            TokenKind::Punct(b'{') => self.until_close(b'}', None, depth + 1),
            // `Some(…)`, a named struct `Name(…)`, an enum variant.
            TokenKind::Ident if self.peek_is(TokenKind::Punct(b'(')) => {
                self.next()?;
                self.parenthesised(parent, depth + 1)
            }
            _ => Ok(()),
        }
    }

    /// The values of a list or map until its closing `close` (its opening already read).
    fn until_close(
        &mut self,
        close: u8,
        parent: Option<&'static str>,
        depth: usize,
    ) -> Result<(), LexError> {
        while let Some(token) = self.next()? {
            match token.kind {
                TokenKind::Punct(c) if c == close => return Ok(()),
                TokenKind::Punct(b')' | b']' | b'}') => return Ok(()),
                TokenKind::Punct(b',' | b':') => {}
                _ if depth > MAX_DEPTH => {}
                _ => self.value_from(token, parent, depth)?,
            }
        }
        Ok(())
    }

    /// A struct or tuple after its `(`: the fields of a record, where texts and ids are.
    fn parenthesised(
        &mut self,
        parent: Option<&'static str>,
        depth: usize,
    ) -> Result<(), LexError> {
        let first_spot = self.out.spots.len();
        let mut id: Option<Range<usize>> = None;
        while let Some(token) = self.next()? {
            match token.kind {
                TokenKind::Punct(b')' | b']' | b'}') => break,
                TokenKind::Punct(b',') => {}
                TokenKind::Ident if self.peek_is(TokenKind::Punct(b':')) => {
                    self.next()?;
                    let name = &self.text[token.span.clone()];
                    let Some(value) = self.next()? else {
                        break;
                    };
                    if name == "id" {
                        if value.kind == TokenKind::Str {
                            id = Some(value.span);
                        } else {
                            self.value_from(value, None, depth)?;
                        }
                        continue;
                    }
                    if self.manifest && parent == Some("") && depth == 1 && name == "language" {
                        if value.kind == TokenKind::Str {
                            let code = decode(&self.text[value.span.clone()]);
                            self.out.language = Language::from_code(&code);
                        }
                        continue;
                    }
                    match parent.and_then(|p| self.child(p, name)) {
                        Some(Child::Text(field)) => self.text_value(value, field, depth)?,
                        Some(Child::Parent(inner)) => self.value_from(value, Some(inner), depth)?,
                        None => self.value_from(value, None, depth)?,
                    }
                }
                _ if depth > MAX_DEPTH => {}
                // A tuple's element, or a record of a list written without its field.
                _ => self.value_from(token, parent, depth)?,
            }
        }
        if let Some(id) = id {
            for spot in &mut self.out.spots[first_spot..] {
                spot.owner.get_or_insert_with(|| id.clone());
            }
        }
        Ok(())
    }

    /// What field `name` is inside `parent`: a text, the parent of texts, or neither.
    fn child(&self, parent: &str, name: &str) -> Option<Child> {
        let fields = self.fields;
        if let Some(&(p, n)) = fields.iter().find(|(p, n)| *p == parent && *n == name) {
            let full = FULL_NAMES
                .iter()
                .find(|(fp, fnm, _)| *fp == p && *fnm == n)
                .map_or(n, |(_, _, full)| full);
            return Some(Child::Text(full));
        }
        if parent.is_empty() {
            return fields
                .iter()
                .find(|(p, _)| *p == name)
                .map(|(p, _)| Child::Parent(p));
        }
        None
    }

    /// The value of a text field, whose first token is `first`.
    fn text_value(
        &mut self,
        first: Token,
        field: &'static str,
        depth: usize,
    ) -> Result<(), LexError> {
        let mut spot = TextSpot {
            field,
            owner: None,
            at: first.span.start,
            plain: None,
            map: [None, None, None],
        };
        match first.kind {
            TokenKind::Str => {
                // A source's title written as one string is the citation as published (a
                // Chinese agency's headline in Chinese), shown as it is in every language:
                // nothing to translate. Written by language, it is a text like the others.
                if field == PLAIN_IS_CITATION {
                    return Ok(());
                }
                if !is_empty_literal(&self.text[first.span.clone()]) {
                    spot.plain = Some(first.span);
                }
            }
            TokenKind::Ident if &self.text[first.span.clone()] == "Some" => {
                if self.peek_is(TokenKind::Punct(b'(')) {
                    self.next()?;
                    if let Some(inner) = self.next()? {
                        self.text_value(inner, field, depth)?;
                    }
                    // The `)` of `Some(…)`.
                    self.until_close(b')', None, depth)?;
                }
                return Ok(());
            }
            TokenKind::Punct(b'(') => {
                // `(en: "…", zh: "…")`: each language's string.
                while let Some(token) = self.next()? {
                    match token.kind {
                        TokenKind::Punct(b')' | b']' | b'}') => break,
                        TokenKind::Punct(b',') => {}
                        TokenKind::Ident if self.peek_is(TokenKind::Punct(b':')) => {
                            self.next()?;
                            let Some(value) = self.next()? else {
                                break;
                            };
                            let language = Language::from_code(&self.text[token.span.clone()]);
                            match (language, value.kind) {
                                (Some(language), TokenKind::Str) => {
                                    if !is_empty_literal(&self.text[value.span.clone()]) {
                                        spot.map[language as usize] = Some(value.span);
                                    }
                                }
                                _ => self.value_from(value, None, depth)?,
                            }
                        }
                        _ => self.value_from(token, None, depth + 1)?,
                    }
                }
            }
            _ => return self.value_from(first, None, depth),
        }
        if spot.plain.is_some() || spot.map.iter().any(Option::is_some) {
            self.out.spots.push(spot);
        }
        Ok(())
    }
}

/// The field whose plain strings are citations, not texts to translate.
const PLAIN_IS_CITATION: &str = "sources.title";

/// A field inside a record: a text, or a field whose records hold texts.
enum Child {
    Text(&'static str),
    Parent(&'static str),
}

/// The names of nested text fields as reported: `(parent, field, name)`.
const FULL_NAMES: &[(&str, &str, &str)] = &[
    ("categories", "label", "categories.label"),
    ("series", "title", "series.title"),
    ("series", "item", "series.item"),
    ("periods", "title", "periods.title"),
    ("people", "role", "people.role"),
    ("sources", "title", "sources.title"),
    ("media", "caption", "media.caption"),
    ("media", "alt", "media.alt"),
    ("steps", "caption", "steps.caption"),
    ("steps", "notes", "steps.notes"),
];

/// How many texts there are, and how many of them each language has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    pub texts: usize,
    /// Per language, in [`Language::ALL`] order.
    pub have: [usize; 3],
}

impl Coverage {
    pub fn add_file(&mut self, texts: &FileTexts, default: Language) {
        for spot in &texts.spots {
            self.texts += 1;
            for language in Language::ALL {
                if spot.has(language, default) {
                    self.have[language as usize] += 1;
                }
            }
        }
    }

    /// Adds one text as read into the model, counted as [`walk`] counts it in its file: a
    /// text with no words in any language is not one.
    fn add_text(&mut self, text: &Text, default: Language) {
        let by_language = text.by_language(default);
        let has = by_language.map(|t| t.is_some_and(|t| !t.is_empty()));
        if has.contains(&true) {
            self.texts += 1;
            for (count, has) in self.have.iter_mut().zip(has) {
                *count += usize::from(has);
            }
        }
    }

    /// Adds the texts of `events` as they were read, without reading their files again: the
    /// same count as walking the files (a source's title written as one string is a citation,
    /// not counted), at the cost of looking at texts already in memory.
    pub fn add_events<'a>(
        &mut self,
        events: impl IntoIterator<Item = &'a Event>,
        default: Language,
    ) {
        for event in events {
            self.add_text(&event.title, default);
            self.add_text(&event.summary, default);
            if let Some(note) = &event.note {
                self.add_text(note, default);
            }
            for title in event.sources.iter().filter_map(|s| s.title.as_ref()) {
                if title.is_map() {
                    self.add_text(title, default);
                }
            }
            for media in &event.media {
                for text in [&media.caption, &media.alt].into_iter().flatten() {
                    self.add_text(text, default);
                }
            }
        }
    }

    pub fn add(&mut self, other: Coverage) {
        self.texts += other.texts;
        for (a, b) in self.have.iter_mut().zip(other.have) {
            *a += b;
        }
    }

    /// How many texts lack `language`.
    pub fn missing(&self, language: Language) -> usize {
        self.texts - self.have[language as usize]
    }

    /// "en: 236 of 236 texts, zh: 230 of 236, ru: 122 of 236", the default language first.
    pub fn summary(&self, default: Language) -> String {
        std::iter::once(default)
            .chain(Language::ALL.into_iter().filter(|&l| l != default))
            .enumerate()
            .map(|(k, l)| {
                let texts = if k == 0 { " texts" } else { "" };
                format!(
                    "{}: {} of {}{texts}",
                    l.code(),
                    self.have[l as usize],
                    self.texts
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The files of the dataset at `root` whose texts count, in order: the manifest, the event
/// files, the storylines of `briefings/`. Files that cannot be listed are left to `check`.
pub fn dataset_files(root: &Path) -> Result<Vec<(PathBuf, FileKind)>, String> {
    let mut ignored = Vec::new();
    let names = super::load::list_ron_files(root, &mut ignored)
        .map_err(|words| words.render(Language::English))?;
    let mut files: Vec<(PathBuf, FileKind)> = names
        .into_iter()
        .map(|name| {
            let kind = if name == MANIFEST_FILE {
                FileKind::Manifest
            } else {
                FileKind::Events
            };
            (root.join(name), kind)
        })
        .collect();
    let briefings = root.join(BRIEFINGS_DIR);
    if briefings.is_dir()
        && let Ok(names) = super::load::list_ron_files(&briefings, &mut ignored)
    {
        files.extend(
            names
                .into_iter()
                .map(|name| (briefings.join(name), FileKind::Storyline)),
        );
    }
    Ok(files)
}

/// One file's texts with the file itself, to place and quote them.
pub struct WalkedFile {
    pub source: SourceText,
    pub kind: FileKind,
    pub texts: FileTexts,
}

impl WalkedFile {
    /// 1-based line and column (in characters) of `spot`.
    pub fn line_col(&self, spot: &TextSpot) -> (usize, usize) {
        self.source.line_col(spot.at)
    }
}

/// Read and walk one file.
pub fn walk_file(path: &Path, kind: FileKind) -> Result<WalkedFile, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let texts = walk(&text, kind).map_err(|e| {
        let source = SourceText::new(path, text.clone());
        let (line, col) = source.line_col(e.at);
        format!("{}:{line}:{col}: {}", path.display(), e.message)
    })?;
    Ok(WalkedFile {
        source: SourceText::new(path, text),
        kind,
        texts,
    })
}

/// The dataset's default language, as its manifest names it (English when it names none or
/// cannot be read).
pub fn default_language(root: &Path) -> Language {
    walk_file(&root.join(MANIFEST_FILE), FileKind::Manifest)
        .ok()
        .and_then(|f| f.texts.language)
        .unwrap_or_default()
}

/// The coverage of the dataset at `root` by language, each file walked on one of two
/// threads; with the files that could not be walked (the reasons).
pub fn dataset_coverage(root: &Path) -> io::Result<(Language, Coverage, Vec<String>)> {
    let files = dataset_files(root).map_err(io::Error::other)?;
    let default = default_language(root);
    let results = map_on_two_threads(&files, |(path, kind)| {
        walk_file(path, *kind).map(|walked| {
            let mut coverage = Coverage::default();
            coverage.add_file(&walked.texts, default);
            coverage
        })
    });
    let mut coverage = Coverage::default();
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(c) => coverage.add(c),
            Err(message) => problems.push(message),
        }
    }
    Ok((default, coverage, problems))
}

/// [`dataset_coverage`] of a dataset whose events were just read (by `check`): the manifest
/// and the storylines are walked in their files, the events counted from `events`, so the
/// event files, nearly all of a big dataset, are not read a second time.
pub fn coverage_with_events<'a>(
    root: &Path,
    events: impl IntoIterator<Item = &'a Event>,
) -> io::Result<(Language, Coverage, Vec<String>)> {
    let files: Vec<_> = dataset_files(root)
        .map_err(io::Error::other)?
        .into_iter()
        .filter(|(_, kind)| *kind != FileKind::Events)
        .collect();
    let default = default_language(root);
    let mut coverage = Coverage::default();
    let mut problems = Vec::new();
    for (path, kind) in &files {
        match walk_file(path, *kind) {
            Ok(walked) => coverage.add_file(&walked.texts, default),
            Err(message) => problems.push(message),
        }
    }
    coverage.add_events(events, default);
    Ok((default, coverage, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: Language = Language::English;
    const ZH: Language = Language::Chinese;
    const RU: Language = Language::Russian;

    fn fields(texts: &FileTexts, text: &str) -> Vec<(String, Option<String>, [bool; 3])> {
        texts
            .spots
            .iter()
            .map(|s| {
                (
                    s.field.to_owned(),
                    s.owner_id(text),
                    Language::ALL.map(|l| s.has(l, EN)),
                )
            })
            .collect()
    }

    #[test]
    fn event_texts_are_found_in_both_forms_with_their_records() {
        let text = r##"#![enable(implicit_some)]
// A comment with title: "not a text"
[
    (
        title: (en: "Talks", zh: "会谈", ru: ""),
        id: "a",
        when: "2024",
        summary: "Plain",
        series: (id: "s", ordinal: 2),
        sources: [(publisher: "P", title: "Citation"), (publisher: "Q", title: (zh: "标题"))],
        media: [(file: "m.jpg", caption: (ru: "Подпись"), alt: Some("Alt"))],
        note: Some((zh: "注")),
        tags: ["title"],
    ),
    (id: "b", title: r#"Raw "quoted""#, summary: ""),
]
"##;
        let texts = walk(text, FileKind::Events).unwrap();
        let t = |f: &str, o: &str, h: [bool; 3]| (f.to_owned(), Some(o.to_owned()), h);
        assert_eq!(
            fields(&texts, text),
            [
                t("title", "a", [true, true, false]),
                t("summary", "a", [true, false, false]),
                t("sources.title", "a", [false, true, false]),
                t("media.caption", "a", [false, false, true]),
                t("media.alt", "a", [true, false, false]),
                t("note", "a", [false, true, false]),
                t("title", "b", [true, false, false]),
            ]
        );
        assert_eq!(texts.language, None);
        // Positions: where the value starts.
        let title = &texts.spots[0];
        assert!(text[title.at..].starts_with("(en: \"Talks\""));
        assert_eq!(title.source_text(text, ZH), (ZH, "会谈".to_owned()));
        assert_eq!(title.source_text(text, RU), (EN, "Talks".to_owned()));
        assert_eq!(
            texts.spots[6].source_text(text, EN).1,
            "Raw \"quoted\"",
            "raw strings decoded"
        );
        let mut coverage = Coverage::default();
        coverage.add_file(&texts, EN);
        // A source's title as one string is a citation, not a text: not counted.
        assert_eq!(coverage.texts, 7);
        assert_eq!(coverage.have, [4, 3, 1]);
        assert_eq!(coverage.missing(RU), 6);
        assert_eq!(
            coverage.summary(EN),
            "en: 4 of 7 texts, zh: 3 of 7, ru: 1 of 7"
        );
        assert_eq!(
            coverage.summary(RU),
            "ru: 1 of 7 texts, en: 4 of 7, zh: 3 of 7"
        );
    }

    #[test]
    fn manifest_and_storyline_texts_are_found() {
        let manifest = r##"(
    title: (en: "T", zh: "标题"),
    description: "D",
    language: "zh",
    people: [(id: "p", name: (en: "P", zh: "人"), role: "Premier")],
    places: [(id: "x", name: (en: "X"))],
    categories: [(id: "visit", label: (en: "Visit", zh: "访问", ru: "Визит"), colour: "#000000")],
    series: [(id: "s", title: "Series", item: "meeting")],
    periods: [(id: "p1", title: "Years", when: "2024")],
)"##;
        let texts = walk(manifest, FileKind::Manifest).unwrap();
        assert_eq!(texts.language, Some(ZH));
        let got: Vec<(&str, Option<String>)> = texts
            .spots
            .iter()
            .map(|s| (s.field, s.owner_id(manifest)))
            .collect();
        assert_eq!(
            got,
            [
                ("title", None),
                ("description", None),
                ("people.role", Some("p".to_owned())),
                ("categories.label", Some("visit".to_owned())),
                ("series.title", Some("s".to_owned())),
                ("series.item", Some("s".to_owned())),
                ("periods.title", Some("p1".to_owned())),
            ]
        );
        // Plain strings are in the default language the manifest names.
        assert!(texts.spots[1].has(ZH, ZH) && !texts.spots[1].has(EN, ZH));

        let storyline = r#"(
    title: "S",
    description: (en: "D", ru: "Д"),
    steps: [
        (event: "a", caption: "C", notes: "N"),
        (window: "2024", filter: (categories: ["title"])),
    ],
)"#;
        let texts = walk(storyline, FileKind::Storyline).unwrap();
        let got: Vec<&str> = texts.spots.iter().map(|s| s.field).collect();
        assert_eq!(
            got,
            ["title", "description", "steps.caption", "steps.notes"]
        );
    }

    #[test]
    fn broken_files_are_walked_as_far_as_they_go() {
        assert!(walk("[ (id: \"a\", title: \"unclosed", FileKind::Events).is_err());
        let texts = walk("[ (id: \"a\", title: \"T\", summary: ", FileKind::Events).unwrap();
        assert_eq!(texts.spots.len(), 1);
        let texts = walk(
            "[ (id: \"a\", title: 3, summary: [\"x\"]) ]",
            FileKind::Events,
        )
        .unwrap();
        assert!(texts.spots.is_empty());
        let deep = format!("[{}]", "(".repeat(200));
        assert!(walk(&deep, FileKind::Events).is_ok());
    }
}
