//! `annals fmt`: event files in the canonical layout, comments kept.
//!
//! Each record is written as [`event_to_ron`] writes it, four spaces in. Comments between
//! records stay where they are (re-indented; a comment after a record's comma stays on that
//! line), runs of blank lines become one. A record with a comment inside it is left exactly as
//! written, since moving its fields around could separate the comment from what it is about.
//! Text before the list (attributes, a heading comment) and after it is kept as it is.

use super::lex::{Lexer, TokenKind, list_layout};
use super::parse::ron_options;
use super::write::{INDENT, push_event_ron};
use crate::model::event::Event;

/// A file's text in the canonical layout, with notes on what was left as written.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Formatted {
    pub text: String,
    pub notes: Vec<String>,
}

/// Whether `text` (a record) has a comment anywhere outside its strings.
fn has_comment(text: &str) -> bool {
    let mut pos = 0;
    for token in Lexer::new(text) {
        let Ok(token) = token else { return true };
        if text[pos..token.span.start].contains('/') {
            return true;
        }
        pos = token.span.end;
    }
    text[pos..].contains('/')
}

/// Write the blanks and comments between two records (or a record and a bracket).
/// `first_line_follows_item`: the gap's first line continues the line of a record's comma.
fn push_gap(out: &mut impl Sink, gap: &str, first_line_follows_item: bool) {
    // The comma after a record is written by the caller: take it out of the gap, wherever it
    // stands among the comments (`(…) /* c */ ,` has its comment first).
    let without_comma;
    let gap = match Lexer::new(gap).next() {
        Some(Ok(token)) if token.kind == TokenKind::Punct(b',') => {
            without_comma = format!("{}{}", &gap[..token.span.start], &gap[token.span.end..]);
            without_comma.as_str()
        }
        _ => gap,
    };
    let mut lines = gap.split('\n');
    if first_line_follows_item && let Some(first) = lines.next() {
        let first = first.trim();
        if !first.is_empty() {
            out.push(' ');
            out.push_str(first);
        }
    }
    let mut pending_blank = false;
    let mut wrote_any = false;
    let rest: Vec<&str> = lines.collect();
    for (i, line) in rest.iter().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            // The last piece is the indentation before the next record, not a blank line.
            if i + 1 < rest.len() && (wrote_any || first_line_follows_item) {
                pending_blank = true;
            }
            continue;
        }
        if pending_blank {
            out.push('\n');
            pending_blank = false;
        }
        out.push('\n');
        out.push_str(INDENT);
        out.push_str(line);
        wrote_any = true;
    }
    if pending_blank && (wrote_any || first_line_follows_item) {
        out.push('\n');
    }
}

/// Where a formatted file goes: a new text, or a comparison with the file as it stands
/// (`fmt --check` only needs to know whether anything would change).
trait Sink {
    fn push_str(&mut self, text: &str);
    fn push(&mut self, c: char) {
        self.push_str(c.encode_utf8(&mut [0; 4]));
    }
    /// True once the output can no longer equal the file: the rest need not be made.
    fn differs(&self) -> bool {
        false
    }
}

impl Sink for String {
    fn push_str(&mut self, text: &str) {
        String::push_str(self, text);
    }
    fn push(&mut self, c: char) {
        String::push(self, c);
    }
}

/// The formatted text compared with `original` as it is made, piece by piece.
struct Compare<'a> {
    original: &'a [u8],
    matched: usize,
    differs: bool,
}

impl Sink for Compare<'_> {
    fn push_str(&mut self, text: &str) {
        if self.differs {
            return;
        }
        let end = self.matched + text.len();
        if self.original.get(self.matched..end) == Some(text.as_bytes()) {
            self.matched = end;
        } else {
            self.differs = true;
        }
    }
    fn differs(&self) -> bool {
        self.differs
    }
}

/// Format one event file. Errors if the file cannot be read as a list of events (run
/// `annals check` for the details).
pub(crate) fn format_event_file(text: &str) -> Result<Formatted, String> {
    // A file with Windows line endings keeps them: format with `\n`, then put `\r\n` back.
    if uses_crlf(text) {
        let formatted = format_lf(&text.replace("\r\n", "\n"))?;
        return Ok(Formatted {
            text: formatted.text.replace('\n', "\r\n"),
            notes: formatted.notes,
        });
    }
    format_lf(text)
}

/// Whether `text`, a file the loader has just read, is already in the canonical layout (what
/// [`format_event_file`] would leave unchanged), with the same notes, without making the new
/// text: the comparison stops at the first difference, and records after it are only looked
/// at for comments. `fast` holds its records when the fast reader read them, `None` when it
/// could not (`annals fmt --check` checks and compares while the text is at hand, reading and
/// parsing it once).
pub(crate) fn is_canonical_read(
    text: &str,
    fast: Option<&super::fast::NotedList>,
) -> Result<(bool, Vec<String>), String> {
    if uses_crlf(text) {
        // Rare: made whole and compared, since `\r\n` and bare `\n` may be mixed.
        let formatted = format_event_file(text)?;
        return Ok((formatted.text == text, formatted.notes));
    }
    let mut compare = Compare {
        original: text.as_bytes(),
        matched: 0,
        differs: false,
    };
    let notes = format_into(text, fast, &mut compare)?;
    let same = !compare.differs && compare.matched == text.len();
    Ok((same, notes))
}

pub use super::parse::uses_crlf;

fn format_lf(text: &str) -> Result<Formatted, String> {
    format_lf_with(text, true)
}

fn format_lf_with(text: &str, fast_reader: bool) -> Result<Formatted, String> {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // Files of the usual shape are read in one pass, records and all; the rest are tokenized,
    // and each record read by ron.
    let fast = fast_reader
        .then(|| super::fast::parse_event_list_noting_comments(text))
        .flatten();
    let notes = format_into(text, fast.as_ref(), &mut out)?;
    Ok(Formatted { text: out, notes })
}

/// Write `text` in the canonical layout into `out`, with its records as the fast reader read
/// them (`fast`), or else cut out by the tokenizer and read by ron; the notes on what was left
/// as written.
fn format_into(
    text: &str,
    fast: Option<&super::fast::NotedList>,
    out: &mut impl Sink,
) -> Result<Vec<String>, String> {
    let mut notes = Vec::new();
    let layout = match fast {
        Some(list) => super::lex::ListLayout {
            open: list.open,
            close: list.close,
            records: list
                .records
                .iter()
                .map(|(_, span, _)| span.clone())
                .collect(),
        },
        None => match list_layout(text).map_err(|e| e.message)? {
            Some(layout) => layout,
            None => {
                out.push_str(text);
                return Ok(notes);
            }
        },
    };
    out.push_str(&text[..=layout.open]);
    let mut prev_end = layout.open + 1;
    let mut after_item = false;
    // One buffer for every record's new text.
    let mut record_text = String::new();
    for (k, span) in layout.records.iter().enumerate() {
        let commented = match fast {
            Some(list) => list.records[k].2,
            None => has_comment(&text[span.clone()]),
        };
        if commented {
            let line = text[..span.start].matches('\n').count() + 1;
            notes.push(format!(
                "line {line}: a record with comments inside is left as written"
            ));
        }
        if out.differs() {
            // Only the notes are still wanted.
            continue;
        }
        push_gap(out, &text[prev_end..span.start], after_item);
        let record = &text[span.clone()];
        out.push('\n');
        out.push_str(INDENT);
        if commented {
            out.push_str(record);
        } else {
            record_text.clear();
            match fast {
                Some(list) => push_event_ron(&mut record_text, &list.records[k].0, INDENT),
                None => {
                    let event: Event = ron_options()
                        .from_str(record)
                        .map_err(|e| format!("a record does not read as an event: {e}"))?;
                    push_event_ron(&mut record_text, &event, INDENT);
                }
            }
            out.push_str(&record_text);
        }
        out.push(',');
        prev_end = span.end;
        after_item = true;
    }
    if !out.differs() {
        push_gap(out, &text[prev_end..layout.close], after_item);
        out.push('\n');
        out.push_str(&text[layout.close..]);
    }
    Ok(notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MESSY: &str = "// Heading.\n[\n  // First comment.\n  (id: \"a\", kind: \"visit\", when: \"2024\", title: \"A\"), // same line\n\n\n\n      (\n id: \"b\",\n title: \"B\",\n when: \"2025\",\n // why 2025\n kind: \"visit\",\n ),\n  // Closing remark.\n]\n// After.\n";

    #[test]
    fn canonical_layout_keeps_every_comment() {
        let out = format_event_file(MESSY).unwrap();
        let expected = "// Heading.\n[\n    // First comment.\n    (\n        id: \"a\",\n        title: \"A\",\n        when: \"2024\",\n        kind: \"visit\",\n    ), // same line\n\n    (\n id: \"b\",\n title: \"B\",\n when: \"2025\",\n // why 2025\n kind: \"visit\",\n ),\n    // Closing remark.\n]\n// After.\n";
        assert_eq!(out.text, expected);
        assert_eq!(out.notes.len(), 1);
        assert!(out.notes[0].starts_with("line 8:"), "{:?}", out.notes);
    }

    #[test]
    fn formatting_twice_changes_nothing_more() {
        let once = format_event_file(MESSY).unwrap().text;
        assert_eq!(format_event_file(&once).unwrap().text, once);
    }

    #[test]
    fn a_comment_before_a_records_comma_stays_and_the_file_still_reads() {
        let text = "[\n    (id: \"a\", title: \"A\", when: \"2024\", kind: \"visit\") /* c */ ,\n    (id: \"b\", title: \"B\", when: \"2025\", kind: \"visit\") // d\n    ,\n]\n";
        let out = format_event_file(text).unwrap().text;
        assert!(out.contains("    ), /* c */\n"), "{out}");
        assert!(out.contains("    ), // d\n"), "{out}");
        let layout = list_layout(&out).unwrap().unwrap();
        assert_eq!(layout.records.len(), 2, "{out}");
        for r in layout.records {
            ron_options().from_str::<Event>(&out[r]).unwrap();
        }
        assert_eq!(format_event_file(&out).unwrap().text, out);
    }

    /// [`is_canonical_read`] of a file read on its own.
    fn is_canonical(text: &str) -> Result<(bool, Vec<String>), String> {
        let fast = super::super::fast::parse_event_list_noting_comments(text);
        is_canonical_read(text, fast.as_ref())
    }

    #[test]
    fn windows_line_endings_are_kept() {
        let crlf = MESSY.replace('\n', "\r\n");
        let out = format_event_file(&crlf).unwrap().text;
        assert_eq!(
            out,
            format_event_file(MESSY).unwrap().text.replace('\n', "\r\n")
        );
        assert!(!out.replace("\r\n", "").contains('\n'), "no bare line feed");
    }

    #[test]
    fn empty_lists_and_files() {
        assert_eq!(format_event_file("").unwrap().text, "");
        assert_eq!(format_event_file("// none\n").unwrap().text, "// none\n");
        assert_eq!(format_event_file("[]\n").unwrap().text, "[\n]\n");
        assert!(format_event_file("[(id: 1)]").is_err());
        assert!(format_event_file("[(").is_err());
    }

    #[test]
    fn comments_that_mention_brackets_or_urls_inside_strings_are_fine() {
        let text = "[\n    (\n        id: \"a\",\n        title: \"http://x//y\",\n        when: \"2024\",\n        kind: \"visit\",\n    ),\n]\n";
        let out = format_event_file(text).unwrap();
        assert!(out.notes.is_empty(), "{:?}", out.notes);
        assert_eq!(out.text, text);
    }

    #[test]
    fn the_fast_reader_formats_as_the_tokenizer_and_ron_do() {
        let generated = tempfile::tempdir().unwrap();
        crate::generate::generate(
            generated.path(),
            &crate::generate::GenerateOptions::new(500, 2),
        )
        .unwrap();
        let mut texts: Vec<String> = vec![
            MESSY.to_owned(),
            "// [a] heading\n[ /* c */ (id: \"a\", title: \"T\", when: \"2024\", kind: \"k\") , ] // ] end\n"
                .to_owned(),
        ];
        for dir in [
            generated.path().to_path_buf(),
            crate::paths::bundled_dataset_path(),
        ] {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|x| x == "ron")
                    && path.file_name().is_some_and(|n| n != "manifest.ron")
                {
                    texts.push(std::fs::read_to_string(path).unwrap());
                }
            }
        }
        let mut fast = 0;
        let mut canonical = 0;
        for text in &texts {
            // The check's comparison says what formatting would do, with the same notes, on
            // the file as written and on its canonical form.
            let formatted = format_event_file(text).unwrap();
            for candidate in [text.as_str(), formatted.text.as_str()] {
                let made = format_event_file(candidate).unwrap();
                let (same, notes) = is_canonical(candidate).unwrap();
                assert_eq!(same, made.text == candidate, "{candidate}");
                assert_eq!(notes, made.notes, "{candidate}");
                canonical += usize::from(same);
            }
            let crlf = text.replace('\n', "\r\n");
            assert_eq!(
                is_canonical(&crlf).unwrap().0,
                format_event_file(&crlf).unwrap().text == crlf
            );
            fast += usize::from(super::super::fast::parse_event_list(text).is_some());
            assert_eq!(
                format_lf_with(text, true),
                format_lf_with(text, false),
                "{text}"
            );
        }
        assert!(fast >= 3, "{fast} files read fast");
        assert!(
            canonical >= texts.len(),
            "{canonical} canonical of {}",
            2 * texts.len()
        );
    }
}
