//! Problems found in a dataset, reported the way compilers do: `path:line:col: error: …`,
//! then the offending line and a caret under the spot.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

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
    /// The whole line, without its line ending.
    pub line_text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Where; `None` for problems of a whole folder.
    pub location: Option<Location>,
    /// A suggestion: "did you mean `participants`?".
    pub hint: Option<String>,
    /// Other places that matter (the first definition of a duplicate id).
    pub notes: Vec<(String, Location)>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>, location: Option<Location>) -> Self {
        Self {
            severity: Severity::Error,
            message: message.into(),
            location,
            hint: None,
            notes: Vec::new(),
        }
    }

    pub fn warning(message: impl Into<String>, location: Option<Location>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(message, location)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_note(mut self, message: impl Into<String>, location: Location) -> Self {
        self.notes.push((message.into(), location));
        self
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
    match location {
        Some(l) => format!(
            "{}:{}:{}: {label}: {message}",
            l.file.display(),
            l.line,
            l.col
        ),
        None => format!("{label}: {message}"),
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.headline())?;
        if let Some(location) = &self.location {
            write_snippet(f, location)?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = hint: {hint}")?;
        }
        for (message, location) in &self.notes {
            writeln!(f, "{}", headline("note", message, Some(location)))?;
            write_snippet(f, location)?;
        }
        Ok(())
    }
}

fn write_snippet(f: &mut fmt::Formatter<'_>, l: &Location) -> fmt::Result {
    let number = l.line.to_string();
    let gutter = " ".repeat(number.len());
    writeln!(f, "{gutter} |")?;
    writeln!(f, "{number} | {}", l.line_text)?;
    writeln!(f, "{gutter} | {}", caret_line(&l.line_text, l.col, l.len))
}

/// Spaces (and the line's own tabs) up to column `col`, then `len` carets, wide characters
/// counted twice so the caret sits under the spot in a terminal.
pub fn caret_line(line: &str, col: usize, len: usize) -> String {
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

/// A file's text with its line starts, to turn byte offsets into locations.
#[derive(Clone, Debug)]
pub struct SourceText {
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceText {
    pub fn new(path: impl AsRef<Path>, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            path: path.as_ref().to_path_buf(),
            text,
            line_starts,
        }
    }

    /// 1-based (line, column in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }

    /// Byte offset of a 1-based (line, column) pair, clamped to the text.
    pub fn offset(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
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
        let line_text = self.line_text_at(self.line_starts[line - 1]).to_owned();
        let end = self.floor_char_boundary(range.end.clamp(range.start, self.text.len()));
        let start = self.floor_char_boundary(range.start.min(self.text.len()));
        let len = self.text[start..end]
            .chars()
            .take_while(|&c| c != '\n')
            .count();
        Location {
            file: self.path.clone(),
            line,
            col,
            len: len.max(1),
            line_text,
        }
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut row = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            row[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(row[j] + 1);
        }
        prev = row;
    }
    prev[b.len()]
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
            caret_line(&loc.line_text, loc.col, 1),
            format!("{}^", " ".repeat(15))
        );
        assert_eq!(src.offset(1, 14), at);
        assert_eq!(src.line_col(src.text.len()), (1, 19));
    }

    #[test]
    fn suggestions_for_typos_only() {
        let fields = ["participants", "place", "summary"];
        assert_eq!(did_you_mean("participant", fields), Some("participants"));
        assert_eq!(did_you_mean("sumary", fields), Some("summary"));
        assert_eq!(did_you_mean("colour", fields), None);
    }
}
