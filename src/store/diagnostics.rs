//! Problems found in a dataset, reported the way compilers do: `path:line:col: error: …`,
//! then the offending line and a caret under the spot.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::i18n::Language;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A spot in a file: 1-based line and column (columns count characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
    /// How many characters to underline (at least 1).
    pub len: usize,
    /// The line as quoted under the message, without its line ending: the whole line, or
    /// for a long one a window around the spot with "…" where it was cut; control characters
    /// are shown escaped (`\u{1b}`) so that nothing reaches a terminal as a command.
    pub line_text: String,
    /// The column in `line_text` where the spot is (equal to `col` when nothing was cut or
    /// escaped before it).
    pub caret_col: usize,
}

/// A message of the files under `assets/i18n/` (`diagnostics.ftl`) with its variables: the
/// words of a diagnostic in any language. English is rendered from the same message, so
/// `annals check` and the window say the same thing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Words {
    pub id: &'static str,
    pub args: Vec<(&'static str, WordArg)>,
}

/// A variable of [`Words`]: a text (names, ids, paths), a count (chooses the plural form),
/// or a phrase of its own rendered in the same language (the field a message is about).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WordArg {
    Text(String),
    Count(i64),
    Words(Box<Words>),
}

impl From<String> for WordArg {
    fn from(text: String) -> Self {
        WordArg::Text(text)
    }
}

impl From<&str> for WordArg {
    fn from(text: &str) -> Self {
        WordArg::Text(text.to_owned())
    }
}

impl From<&&str> for WordArg {
    fn from(text: &&str) -> Self {
        WordArg::Text((*text).to_owned())
    }
}

impl From<&Box<str>> for WordArg {
    fn from(text: &Box<str>) -> Self {
        WordArg::Text(text.to_string())
    }
}

impl From<&String> for WordArg {
    fn from(text: &String) -> Self {
        WordArg::Text(text.clone())
    }
}

impl From<Words> for WordArg {
    fn from(words: Words) -> Self {
        WordArg::Words(Box::new(words))
    }
}

impl From<usize> for WordArg {
    fn from(n: usize) -> Self {
        WordArg::Count(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u32> for WordArg {
    fn from(n: u32) -> Self {
        WordArg::Count(i64::from(n))
    }
}

impl From<u64> for WordArg {
    fn from(n: u64) -> Self {
        WordArg::Count(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl Words {
    /// The message in `language` (English where the language lacks it).
    pub fn render(&self, language: Language) -> String {
        let args: Vec<(&str, crate::i18n::Arg<'_>)> = self
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    WordArg::Text(text) => crate::i18n::Arg::Text(text.as_str().into()),
                    #[allow(clippy::cast_precision_loss)]
                    WordArg::Count(n) => crate::i18n::Arg::Number(*n as f64),
                    WordArg::Words(words) => crate::i18n::Arg::Text(words.render(language).into()),
                };
                (*name, value)
            })
            .collect();
        crate::i18n::tr_with(language, self.id, &args)
    }
}

/// `words!("diag-id", name = value, …)`: a [`Words`] with its variables.
macro_rules! words {
    ($id:expr) => {
        $crate::store::diagnostics::Words { id: $id, args: Vec::new() }
    };
    ($id:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::store::diagnostics::Words {
            id: $id,
            args: vec![$((stringify!($name), $crate::store::diagnostics::WordArg::from($value))),+],
        }
    };
}
pub(crate) use words;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The message in English, as `annals check` prints it.
    pub message: String,
    /// Where; `None` for problems of a whole folder.
    pub location: Option<Location>,
    /// A suggestion: "did you mean `participants`?".
    pub hint: Option<String>,
    /// Other places that matter (the first definition of a duplicate id).
    pub notes: Vec<(String, Location)>,
    /// The message as words of the message files, for other languages; `None` for text
    /// that comes from elsewhere (an operating system's error) and stays as it is.
    pub words: Option<Words>,
    /// The hint's words, likewise.
    pub hint_words: Option<Words>,
    /// The notes' words, one for each note.
    pub note_words: Vec<Option<Words>>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>, location: Option<Location>) -> Self {
        Self {
            severity: Severity::Error,
            message: message.into(),
            location,
            hint: None,
            notes: Vec::new(),
            words: None,
            hint_words: None,
            note_words: Vec::new(),
        }
    }

    /// An error in words of the message files; its English text is rendered from them.
    pub fn error_of(words: Words, location: Option<Location>) -> Self {
        Self {
            words: Some(words.clone()),
            ..Self::error(words.render(Language::English), location)
        }
    }

    /// A warning in words of the message files.
    pub fn warning_of(words: Words, location: Option<Location>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error_of(words, location)
        }
    }

    pub(crate) fn hint_of(mut self, words: Words) -> Self {
        self.hint = Some(words.render(Language::English));
        self.hint_words = Some(words);
        self
    }

    pub(crate) fn note_of(mut self, words: Words, location: Location) -> Self {
        self.notes.push((words.render(Language::English), location));
        self.note_words.resize(self.notes.len() - 1, None);
        self.note_words.push(Some(words));
        self
    }

    /// A note in words where its place is known; none otherwise.
    pub(crate) fn note_at_of(self, words: Words, location: Option<Location>) -> Self {
        match location {
            Some(location) => self.note_of(words, location),
            None => self,
        }
    }

    /// The message in `language`: from its words, or as written when it has none.
    pub fn message_in(&self, language: Language) -> String {
        match &self.words {
            Some(words) if language != Language::English => words.render(language),
            _ => self.message.clone(),
        }
    }

    /// The hint in `language`.
    pub fn hint_in(&self, language: Language) -> Option<String> {
        match &self.hint_words {
            Some(words) if language != Language::English => Some(words.render(language)),
            _ => self.hint.clone(),
        }
    }

    /// `path:line:col: error: message` with the label and message in `language`.
    pub fn headline_in(&self, language: Language) -> String {
        headline(
            &severity_label(self.severity.label(), language),
            &self.message_in(language),
            self.location.as_ref(),
        )
    }

    /// The whole diagnostic as [`Display`](fmt::Display) writes it, its words in `language`:
    /// the quoted line, the caret and `file:line:col` stay as they are. In English it is the
    /// very text `annals check` prints.
    pub fn render_in(&self, language: Language) -> String {
        if language == Language::English {
            return self.to_string();
        }
        use std::fmt::Write as _;
        let mut out = String::new();
        let _ = writeln!(out, "{}", self.headline_in(language));
        if let Some(location) = &self.location {
            out.push_str(&snippet(location));
        }
        if let Some(hint) = self.hint_in(language) {
            let label = severity_label("hint", language);
            let _ = writeln!(out, "  = {label}: {}", escape_controls(&hint));
        }
        let note_label = severity_label("note", language);
        for (i, (message, location)) in self.notes.iter().enumerate() {
            let message = match self.note_words.get(i) {
                Some(Some(words)) => words.render(language),
                _ => message.clone(),
            };
            let _ = writeln!(out, "{}", headline(&note_label, &message, Some(location)));
            out.push_str(&snippet(location));
        }
        out
    }

    pub fn warning(message: impl Into<String>, location: Option<Location>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(message, location)
        }
    }

    #[cfg(test)]
    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self.hint_words = None;
        self
    }

    pub(crate) fn with_note(mut self, message: impl Into<String>, location: Location) -> Self {
        self.notes.push((message.into(), location));
        self.note_words.resize(self.notes.len(), None);
        self
    }

    /// A note where its place is known; none otherwise.
    pub fn with_note_at(self, message: impl Into<String>, location: Option<Location>) -> Self {
        match location {
            Some(location) => self.with_note(message, location),
            None => self,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col: error: message` (or `path: error: message` without a line).
    pub fn headline(&self) -> String {
        headline(self.severity.label(), &self.message, self.location.as_ref())
    }
}

fn headline(label: &str, message: &str, location: Option<&Location>) -> String {
    let message = escape_controls(message);
    match location {
        Some(l) => format!(
            "{}:{}:{}: {label}: {message}",
            escape_controls(&l.file.display().to_string()),
            l.line,
            l.col
        ),
        None => format!("{label}: {message}"),
    }
}

/// `text` with every control character other than a tab written as an escape (`\u{1b}`,
/// `\n`), for output read in a terminal: an escape sequence in a record must never reach
/// the terminal as a command, nor a line break forge a line of output.
pub(crate) fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\t') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    std::borrow::Cow::Owned(out)
}

/// Push `c`, escaped if it is a control character other than a tab; returns how many
/// characters were pushed.
fn push_escaped(out: &mut String, c: char) -> usize {
    use std::fmt::Write as _;
    match c {
        '\t' => out.push('\t'),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c if c.is_control() => {
            let before = out.len();
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
            return out.len() - before;
        }
        c => out.push(c),
    }
    match c {
        '\n' | '\r' => 2,
        _ => 1,
    }
}

/// `text` as a RON string literal for a message (`"kaz\nan"`, control characters escaped),
/// cut after as many characters as a long line is quoted after its spot ([`QUOTE_AFTER`]),
/// with "…" where it is cut: a 900 KB title is never copied whole into a message.
pub(crate) fn quote_value(text: &str) -> String {
    match text.char_indices().nth(QUOTE_AFTER) {
        None => crate::store::write::quote(text),
        Some((cut, _)) => {
            let mut out = crate::store::write::quote(&text[..cut]);
            out.insert(out.len() - 1, '…');
            out
        }
    }
}

/// Characters quoted before the spot of a long line, and at most after it.
const QUOTE_BEFORE: usize = 60;
const QUOTE_AFTER: usize = 100;

/// The part of `line` to quote for a spot at byte `spot` of it: the whole line when it is
/// short, else a window around the spot with "…" at each cut end; control characters
/// escaped. Returns the text and the spot's column in it. Costs the window, not the line.
fn quote_line(line: &str, spot: usize) -> (String, usize) {
    let spot = spot.min(line.len());
    let from = if line.len() > (QUOTE_BEFORE + QUOTE_AFTER) * 4 {
        line[..spot]
            .char_indices()
            .rev()
            .take(QUOTE_BEFORE)
            .last()
            .map_or(spot, |(i, _)| i)
    } else {
        0
    };
    let mut out = String::new();
    let mut caret_col = 1;
    if from > 0 {
        out.push('…');
        caret_col += 1;
    }
    let mut after = 0;
    let long = line.len() > (QUOTE_BEFORE + QUOTE_AFTER) * 4;
    for (i, c) in line[from..].char_indices() {
        let at = from + i;
        if at >= spot {
            if long && after == QUOTE_AFTER {
                out.push('…');
                break;
            }
            after += 1;
            push_escaped(&mut out, c);
        } else {
            caret_col += push_escaped(&mut out, c);
        }
    }
    (out, caret_col)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.headline())?;
        if let Some(location) = &self.location {
            write_snippet(f, location)?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = hint: {}", escape_controls(hint))?;
        }
        for (message, location) in &self.notes {
            writeln!(f, "{}", headline("note", message, Some(location)))?;
            write_snippet(f, location)?;
        }
        Ok(())
    }
}

/// "error", "warning", "note", "hint" in `language`; English is always the CLI's word.
fn severity_label(label: &str, language: Language) -> String {
    if language == Language::English {
        return label.to_owned();
    }
    let id = match label {
        "error" => "diag-label-error",
        "warning" => "diag-label-warning",
        "note" => "diag-label-note",
        _ => "diag-label-hint",
    };
    crate::i18n::tr(language, id)
}

/// The quoted line and its caret, as [`write_snippet`] writes them.
fn snippet(l: &Location) -> String {
    struct Snippet<'a>(&'a Location);
    impl fmt::Display for Snippet<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write_snippet(f, self.0)
        }
    }
    Snippet(l).to_string()
}

fn write_snippet(f: &mut fmt::Formatter<'_>, l: &Location) -> fmt::Result {
    let number = l.line.to_string();
    let gutter = " ".repeat(number.len());
    writeln!(f, "{gutter} |")?;
    writeln!(f, "{number} | {}", l.line_text)?;
    writeln!(
        f,
        "{gutter} | {}",
        caret_line(&l.line_text, l.caret_col, l.len)
    )
}

/// Spaces (and the line's own tabs) up to column `col`, then `len` carets, wide characters
/// counted twice so the caret sits under the spot in a terminal.
pub(crate) fn caret_line(line: &str, col: usize, len: usize) -> String {
    let mut out = String::new();
    for c in line.chars().take(col.saturating_sub(1)) {
        if c == '\t' {
            out.push('\t');
        } else {
            out.push_str(&" ".repeat(display_width(c)));
        }
    }
    let marked: usize = line
        .chars()
        .skip(col.saturating_sub(1))
        .take(len.max(1))
        .map(display_width)
        .sum();
    out.push_str(&"^".repeat(marked.max(1)));
    out
}

/// Terminal columns a character takes: 2 for East Asian wide characters, else 1.
fn display_width(c: char) -> usize {
    let wide = matches!(u32::from(c),
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    if wide { 2 } else { 1 }
}

/// A file's text with its line starts, to turn byte offsets into locations. The line starts
/// are found when a location is first asked for: most files never need one.
#[derive(Clone, Debug)]
pub struct SourceText {
    pub path: PathBuf,
    pub text: String,
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl SourceText {
    pub fn new(path: impl AsRef<Path>, text: String) -> Self {
        Self {
            path: path.as_ref().to_path_buf(),
            text,
            line_starts: std::sync::OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            // A byte order mark is not part of the first line.
            std::iter::once(super::lex::bom_len(&self.text))
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// 1-based (line, column in characters) of a byte offset.
    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self
            .floor_char_boundary(offset.min(self.text.len()))
            .max(self.line_starts()[0]);
        let line = self.line_starts().partition_point(|&s| s <= offset);
        let start = self.line_starts()[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }

    /// Byte offset of a 1-based (line, column) pair, clamped to the text.
    pub fn offset(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts().get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let line_text = self.line_text_at(start);
        let in_line = line_text
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i);
        start + in_line
    }

    fn line_text_at(&self, start: usize) -> &str {
        let rest = &self.text[start..];
        let end = rest.find('\n').unwrap_or(rest.len());
        rest[..end].strip_suffix('\r').unwrap_or(&rest[..end])
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// The location of a byte range; the underline stops at the end of the first line.
    pub fn location(&self, range: Range<usize>) -> Location {
        let (line, col) = self.line_col(range.start);
        let line_start = self.line_starts()[line - 1];
        let spot = self
            .floor_char_boundary(range.start.min(self.text.len()))
            .max(line_start);
        let (line_text, caret_col) = quote_line(self.line_text_at(line_start), spot - line_start);
        let end = self.floor_char_boundary(range.end.clamp(range.start, self.text.len()));
        let start = self
            .floor_char_boundary(range.start.min(self.text.len()))
            .max(self.line_starts()[0]);
        let end = end.max(start);
        let len = self.text[start..end]
            .chars()
            .take_while(|&c| c != '\n')
            .take(QUOTE_AFTER)
            .count();
        Location {
            file: self.path.clone(),
            line,
            col,
            len: len.max(1),
            line_text,
            caret_col,
        }
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo. For a
/// handful of candidates (field names, a manifest's lists); many words against a large set
/// go through a [`Suggester`].
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = typo_limit(word);
    candidates
        .into_iter()
        .map(|c| (distance_within(word, c, limit), c))
        .filter_map(|(d, c)| d.map(|d| (d, c)))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// How many edits a typo of `word` may have: a third of its length, at least one.
fn typo_limit(word: &str) -> usize {
    (word.chars().count() / 3).max(1)
}

/// The Levenshtein distance (strsim's) of `a` and `b` if it is at most `limit`; the lengths
/// alone rule most candidates out without computing it.
fn distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.abs_diff(lb) > limit {
        return None;
    }
    let d = strsim::levenshtein(a, b);
    (d <= limit).then_some(d)
}

/// "Did you mean" over a large set of names (every event id of a dataset), at a cost that
/// stays linear: the names are indexed once by their one-character deletions, so a typo
/// within one edit (or a transposition) is found by a few look-ups instead of a comparison
/// with every name. Small sets are compared directly, with the full typo limit.
pub(crate) struct Suggester<'a> {
    names: Vec<&'a str>,
    /// (hash of a name or one of its one-deletion variants, index into `names`), sorted.
    index: Vec<(u64, u32)>,
}

impl<'a> Suggester<'a> {
    /// Above this many names, look-ups go through the deletion index.
    const DIRECT: usize = 2_000;

    pub fn new(names: impl IntoIterator<Item = &'a str>) -> Self {
        let names: Vec<&str> = names.into_iter().collect();
        let mut index = Vec::new();
        if names.len() > Self::DIRECT {
            index.reserve(names.len() * 12);
            for (i, name) in names.iter().enumerate() {
                let i = u32::try_from(i).unwrap_or(u32::MAX);
                for_each_variant(name, |h| index.push((h, i)));
            }
            index.sort_unstable();
            index.dedup();
        }
        Self { names, index }
    }

    /// The closest name to `word`, if it is likely a typo of it.
    pub(crate) fn suggest(&self, word: &str) -> Option<&'a str> {
        if self.names.len() <= Self::DIRECT {
            return did_you_mean(word, self.names.iter().copied());
        }
        let mut candidates: Vec<u32> = Vec::new();
        for_each_variant(word, |h| {
            let from = self.index.partition_point(|&(k, _)| k < h);
            candidates.extend(
                self.index[from..]
                    .iter()
                    .take_while(|&&(k, _)| k == h)
                    .map(|&(_, i)| i),
            );
        });
        candidates.sort_unstable();
        candidates.dedup();
        did_you_mean(
            word,
            candidates
                .into_iter()
                .filter_map(|i| self.names.get(i as usize).copied()),
        )
    }
}

/// Call `f` with the hash of `name` and of each string made by deleting one of its characters.
fn for_each_variant(name: &str, mut f: impl FnMut(u64)) {
    use std::hash::{BuildHasher as _, Hasher as _};
    let state =
        std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default();
    let hash = |parts: [&str; 2]| {
        let mut h = state.build_hasher();
        h.write(parts[0].as_bytes());
        h.write(parts[1].as_bytes());
        h.write_u8(0xff);
        h.finish()
    };
    f(hash([name, ""]));
    for (at, c) in name.char_indices() {
        f(hash([&name[..at], &name[at + c.len_utf8()..]]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_a_compiler() {
        let src = SourceText::new(
            "data/x/events.ron",
            "[\n    (participant: [\"li\"]),\n]\n".into(),
        );
        let at = src.text.find("participant").unwrap();
        let d = Diagnostic::error(
            "unknown field `participant`",
            Some(src.location(at..at + 11)),
        )
        .with_hint("did you mean `participants`?");
        assert_eq!(
            d.to_string(),
            "data/x/events.ron:2:6: error: unknown field `participant`\n  |\n2 |     (participant: [\"li\"]),\n  |      ^^^^^^^^^^^\n  = hint: did you mean `participants`?\n"
        );
    }

    #[test]
    fn columns_count_characters_and_carets_count_width() {
        let src = SourceText::new("f.ron", "(name: \"李强\", x: 1)".into());
        let at = src.text.find("x:").unwrap();
        let loc = src.location(at..at + 1);
        assert_eq!((loc.line, loc.col), (1, 14));
        // 13 characters before the spot, two of them wide.
        assert_eq!(
            caret_line(&loc.line_text, loc.caret_col, 1),
            format!("{}^", " ".repeat(15))
        );
        assert_eq!(src.offset(1, 14), at);
        assert_eq!(src.line_col(src.text.len()), (1, 19));
    }

    #[test]
    fn long_lines_are_quoted_around_the_spot() {
        let line = format!("[{}(id: 1, wrong: 2),]", "(id: 0),".repeat(20_000));
        let src = SourceText::new("f.ron", line.clone());
        let at = line.find("wrong").unwrap();
        let loc = src.location(at..at + 5);
        // The column is exact; the quote is a window with cut ends marked.
        assert_eq!((loc.line, loc.col), (1, at + 1));
        assert!(loc.line_text.len() < 400, "{}", loc.line_text.len());
        assert!(loc.line_text.starts_with('…') && loc.line_text.ends_with("),]"));
        let caret = caret_line(&loc.line_text, loc.caret_col, loc.len);
        let under = caret.find('^').unwrap();
        assert_eq!(&loc.line_text[under + 2..under + 7], "wrong"); // "…" is 3 bytes, 1 column
        let shown = Diagnostic::error("x", Some(loc)).to_string();
        assert!(shown.len() < 1_000, "{}", shown.len());
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let src = SourceText::new("f.ron", "(title: \"\u{1b}[31mred\u{7}\", x: 1)".into());
        let at = src.text.find("x:").unwrap();
        let loc = src.location(at..at + 1);
        let shown = Diagnostic::error("unknown \u{1b}[2J", Some(loc.clone()))
            .with_hint("\u{1b}]0;title\u{7}")
            .to_string();
        assert!(
            !shown.chars().any(|c| c.is_control() && c != '\n'),
            "{shown:?}"
        );
        assert!(shown.contains("\\u{1b}[31mred\\u{7}"), "{shown}");
        // The caret still sits under `x`, after the escapes.
        let caret = caret_line(&loc.line_text, loc.caret_col, 1);
        assert_eq!(&loc.line_text[caret.find('^').unwrap()..][..2], "x:");
    }

    #[test]
    fn suggestions_for_typos_only() {
        let fields = ["participants", "place", "summary"];
        assert_eq!(did_you_mean("participant", fields), Some("participants"));
        assert_eq!(did_you_mean("sumary", fields), Some("summary"));
        assert_eq!(did_you_mean("colour", fields), None);
    }

    #[test]
    fn a_large_set_finds_one_edit_typos_through_its_index() {
        let names: Vec<String> = (0..10_000).map(|i| format!("event-{i:05}")).collect();
        let suggester = Suggester::new(names.iter().map(String::as_str));
        assert!(!suggester.index.is_empty());
        // A deletion, an insertion, a substitution and a transposition of one name.
        assert_eq!(suggester.suggest("event-0123"), Some("event-00123"));
        assert_eq!(suggester.suggest("event-001234"), Some("event-00123"));
        assert_eq!(suggester.suggest("evant-04321"), Some("event-04321"));
        assert_eq!(suggester.suggest("evetn-04321"), Some("event-04321"));
        assert_eq!(suggester.suggest("something-else"), None);
        // Small sets keep the full limit of a third of the length.
        let small = Suggester::new(["participants", "summary"]);
        assert_eq!(small.suggest("partcpants"), Some("participants"));
    }
}
