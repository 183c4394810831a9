//! Saving without losing anything: a file is rewritten by splicing only the records that
//! changed into its original text (every other byte stays as it was), and written
//! atomically (a temporary file in the same folder, flushed and synced, renamed over the old
//! one), so a crash at any point leaves the old file or the new one, whole.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::lex::{Lexer, ListLayout, TokenKind, list_layout};
use super::write::{INDENT, event_to_ron, unquote};
use crate::model::event::Event;

pub use super::parse::fingerprint;

/// One record found in a file's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordText {
    /// Its `id`, if it has a readable one.
    pub id: Option<String>,
    /// From its `(` to its `)`.
    pub span: Range<usize>,
}

/// Where an event file's list and records are, read once and used for every change to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FileIndex {
    /// `None` for a file with no list yet (empty, or only comments).
    layout: Option<ListLayout>,
    /// The records in the order they are written.
    pub records: Vec<RecordText>,
}

impl FileIndex {
    pub fn of(text: &str) -> Result<Self, String> {
        let layout = list_layout(text).map_err(|e| e.message)?;
        let records = layout
            .iter()
            .flat_map(|l| l.records.iter())
            .map(|span| RecordText {
                id: record_id(&text[span.clone()]),
                span: span.clone(),
            })
            .collect();
        Ok(Self { layout, records })
    }
}

/// The records of an event file in the order they are written.
pub fn records_of(text: &str) -> Result<Vec<RecordText>, String> {
    Ok(FileIndex::of(text)?.records)
}

/// The `id` written in a record's text, read with the tokenizer (without parsing the record).
fn record_id(record: &str) -> Option<String> {
    let mut depth = 0i32;
    let mut tokens = Lexer::new(record);
    while let Some(Ok(token)) = tokens.next() {
        match token.kind {
            TokenKind::Punct(b'(' | b'[' | b'{') => depth += 1,
            TokenKind::Punct(b')' | b']' | b'}') => depth -= 1,
            TokenKind::Ident if depth == 1 && &record[token.span.clone()] == "id" => {
                let colon = tokens.next()?.ok()?;
                if colon.kind != TokenKind::Punct(b':') {
                    continue;
                }
                let value = tokens.next()?.ok()?;
                let literal = &record[value.span];
                return match literal.strip_prefix('"').and_then(|l| l.strip_suffix('"')) {
                    Some(plain) if !plain.contains('\\') => Some(plain.to_owned()),
                    _ => unquote(literal),
                };
            }
            _ => {}
        }
    }
    None
}

/// What to do to one file: records to replace or remove (by the id written in the file) and
/// records to add at its end.
#[derive(Debug, Default)]
pub struct FileChanges<'a> {
    pub replace: HashMap<&'a str, &'a Event>,
    pub remove: Vec<&'a str>,
    pub append: Vec<&'a Event>,
}

impl FileChanges<'_> {
    pub fn is_empty(&self) -> bool {
        self.replace.is_empty() && self.remove.is_empty() && self.append.is_empty()
    }
}

/// The whitespace between the start of the line holding `at` and `at`, if only whitespace
/// comes before it on that line.
pub(super) fn line_indent(text: &str, at: usize) -> Option<&str> {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..at];
    before
        .chars()
        .all(|c| c == ' ' || c == '\t')
        .then_some(before)
}

/// Offset just past the comma that follows a record ending at `end`, if one does (only blanks
/// and comments may come between).
pub(super) fn comma_after(text: &str, end: usize) -> Option<usize> {
    let mut lexer = Lexer::new(&text[end..]);
    match lexer.next() {
        Some(Ok(tok)) if tok.kind == TokenKind::Punct(b',') => Some(end + tok.span.end),
        _ => None,
    }
}

/// `text` with `changes` made, touching nothing else. Replaced records keep their place and
/// indentation; removed records take their comma and, when they stood on lines of their own,
/// those lines with them; added records go after the last one, before the closing `]`.
pub fn apply_changes(text: &str, changes: &FileChanges<'_>) -> Result<String, String> {
    if changes.is_empty() {
        return Ok(text.to_owned());
    }
    Ok(apply_indexed(text, &FileIndex::of(text)?, changes))
}

/// [`apply_changes`] on a text already indexed (`index` must be [`FileIndex::of`] `text`).
pub(crate) fn apply_indexed(text: &str, index: &FileIndex, changes: &FileChanges<'_>) -> String {
    if changes.is_empty() {
        return text.to_owned();
    }
    let Some(layout) = &index.layout else {
        // Empty or only comments: keep them, then the new list.
        let mut out = text.to_owned();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&super::write::event_file(&changes.append));
        return out;
    };
    let records = &index.records;
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for record in records {
        let Some(id) = record.id.as_deref() else {
            continue;
        };
        if let Some(event) = changes.replace.get(id) {
            let indent = line_indent(text, record.span.start).unwrap_or(INDENT);
            edits.push((record.span.clone(), event_to_ron(event, indent)));
        } else if changes.remove.contains(&id) {
            let mut start = record.span.start;
            let mut end = comma_after(text, record.span.end).unwrap_or(record.span.end);
            // A record on lines of its own goes with its lines; otherwise only its text.
            let rest_of_line = text[end..].find('\n').map_or(text.len(), |i| end + i);
            if line_indent(text, start).is_some() && text[end..rest_of_line].trim().is_empty() {
                start = text[..start].rfind('\n').map_or(0, |i| i + 1);
                end = (rest_of_line + 1).min(text.len());
            }
            edits.push((start..end, String::new()));
        }
    }
    if !changes.append.is_empty() {
        let removed = |r: &RecordText| {
            r.id.as_deref()
                .is_some_and(|id| changes.remove.contains(&id))
        };
        let (at, indent, needs_comma) = match records.iter().rev().find(|r| !removed(r)) {
            Some(last) => {
                let indent = line_indent(text, last.span.start).unwrap_or(INDENT);
                match comma_after(text, last.span.end) {
                    Some(after) => {
                        // A comment on the same line stays with the record it follows.
                        let line_end = text[after..].find('\n').map_or(text.len(), |i| after + i);
                        let rest = text[after..line_end].trim();
                        let at = if rest.is_empty() || rest.starts_with("//") {
                            // Before the line ending, `\r\n` included.
                            line_end - usize::from(text[..line_end].ends_with('\r'))
                        } else {
                            after
                        };
                        (at, indent, false)
                    }
                    None => (last.span.end, indent, true),
                }
            }
            None => (layout.open + 1, INDENT, false),
        };
        let mut added = String::new();
        if needs_comma {
            added.push(',');
        }
        for event in &changes.append {
            added.push('\n');
            added.push_str(indent);
            added.push_str(&event_to_ron(event, indent));
            added.push(',');
        }
        if records.iter().all(removed) {
            added.push('\n');
        }
        edits.push((at..at, added));
    }
    edits.sort_by_key(|(range, _)| (range.start, range.end));
    let mut out = String::with_capacity(text.len() + 1024);
    let mut pos = 0;
    // Written records take the file's line endings.
    let crlf = super::parse::uses_crlf(text);
    for (range, replacement) in edits {
        out.push_str(&text[pos..range.start]);
        if crlf {
            out.push_str(&replacement.replace('\n', "\r\n"));
        } else {
            out.push_str(&replacement);
        }
        pos = range.end;
    }
    out.push_str(&text[pos..]);
    out
}

pub use super::atomic::{WriteError, WriteStep, write_atomic, write_atomic_until};

/// Where to put a copy of `path` that would otherwise be overwritten: beside it, named with
/// the time, ending in `.theirs` so the loader does not read it as part of the dataset.
pub(crate) fn aside_path(path: &Path, stamp: &str) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy());
    path.with_file_name(format!("{name}.{stamp}.theirs"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EventDate;
    use crate::store::atomic::describe_io;
    use std::fs;

    const FILE: &str = "// Visits.\n#![enable(implicit_some)]\n[\n    // The first.\n    (\n        id: \"a\",\n        title: \"A\",\n        when: \"2024\",\n        kind: \"visit\",\n    ),\n\n    (id: \"b\", title: \"B\", when: \"2025\", kind: \"visit\"), // b's comment\n    (\n        id: \"c\",\n        title: \"C\",\n        when: \"2026\",\n        kind: \"visit\",\n    ),\n    // trailing comment\n]\n// after\n";

    fn event(id: &str, title: &str) -> Event {
        Event::new(id, title, EventDate::parse("2024-05-16").unwrap(), "visit")
    }

    #[test]
    fn windows_line_endings_survive_a_save() {
        let crlf = FILE.replace('\n', "\r\n");
        let changed = event("a", "A changed");
        let new = event("d", "D");
        let mut changes = FileChanges::default();
        changes.replace.insert("a", &changed);
        changes.remove.push("b");
        changes.append.push(&new);
        let out = apply_changes(&crlf, &changes).unwrap();
        assert!(!out.replace("\r\n", "").contains(['\n', '\r']), "{out:?}");
        // The same edits on the LF file give the same text, line endings aside.
        let lf = apply_changes(FILE, &changes).unwrap();
        assert_eq!(out, lf.replace('\n', "\r\n"));
        assert_eq!(records_of(&out).unwrap().len(), 3);
    }

    #[test]
    fn finds_records_and_their_ids() {
        let ids: Vec<_> = records_of(FILE)
            .unwrap()
            .into_iter()
            .map(|r| r.id.unwrap())
            .collect();
        assert_eq!(ids, ["a", "b", "c"]);
    }

    #[test]
    fn ids_are_read_at_the_top_level_and_unescaped() {
        let text = "[(series: (id: \"s\"), id: \"real\"), (id: \"q\\\"uote\"), (title: \"none\")]";
        let ids: Vec<Option<String>> = records_of(text)
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(ids, [Some("real".into()), Some("q\"uote".into()), None]);
    }

    #[test]
    fn no_changes_is_the_same_text() {
        assert_eq!(apply_changes(FILE, &FileChanges::default()).unwrap(), FILE);
    }

    #[test]
    fn replacing_touches_only_that_record() {
        let new = event("c", "C changed");
        let mut changes = FileChanges::default();
        changes.replace.insert("c", &new);
        let out = apply_changes(FILE, &changes).unwrap();
        let c = records_of(FILE).unwrap()[2].span.clone();
        assert_eq!(out[..c.start], FILE[..c.start]);
        assert!(out.ends_with(&FILE[c.end..]));
        assert!(out.contains("title: \"C changed\""));
        assert!(out.contains("\n    (\n        id: \"c\",\n"));
    }

    #[test]
    fn removing_takes_the_record_lines_and_keeps_comments() {
        let mut changes = FileChanges::default();
        changes.remove.push("a");
        let out = apply_changes(FILE, &changes).unwrap();
        assert_eq!(
            out,
            FILE.replace(
                "    (\n        id: \"a\",\n        title: \"A\",\n        when: \"2024\",\n        kind: \"visit\",\n    ),\n",
                ""
            )
        );
        let mut changes = FileChanges::default();
        changes.remove.push("b");
        let out = apply_changes(FILE, &changes).unwrap();
        // b shares its line with a comment: only its text and comma go.
        assert!(out.contains("\n     // b's comment\n"));
        assert!(!out.contains("\"B\""));
    }

    #[test]
    fn appending_goes_before_the_closing_bracket() {
        let new = event("d", "D");
        let mut changes = FileChanges::default();
        changes.append.push(&new);
        let out = apply_changes(FILE, &changes).unwrap();
        let close = FILE.rfind("    // trailing comment").unwrap();
        let inserted_at = FILE[..close].rfind("),").unwrap() + 2;
        assert_eq!(out[..inserted_at], FILE[..inserted_at]);
        assert!(out[inserted_at..].starts_with("\n    (\n        id: \"d\","));
        assert!(out.ends_with(&FILE[inserted_at..]));
        assert_eq!(records_of(&out).unwrap().len(), 4);
    }

    #[test]
    fn appending_without_a_trailing_comma_or_to_empty_files() {
        let new = event("d", "D");
        let mut changes = FileChanges::default();
        changes.append.push(&new);
        let out = apply_changes(
            "[(id: \"x\", title: \"X\", when: \"1\", kind: \"k\")]",
            &changes,
        )
        .unwrap();
        assert_eq!(records_of(&out).unwrap().len(), 2);
        let out = apply_changes("// nothing yet\n[]\n", &changes).unwrap();
        assert!(out.starts_with("// nothing yet\n[\n    (\n"));
        assert_eq!(records_of(&out).unwrap().len(), 1);
        let out = apply_changes("// only a comment\n", &changes).unwrap();
        assert!(out.starts_with("// only a comment\n[\n"));
        assert_eq!(records_of(&out).unwrap().len(), 1);
    }

    #[test]
    fn remove_the_last_record_and_append_in_one_go() {
        let new = event("d", "D");
        let mut changes = FileChanges::default();
        changes.remove.push("c");
        changes.append.push(&new);
        let out = apply_changes(FILE, &changes).unwrap();
        let ids: Vec<_> = records_of(&out)
            .unwrap()
            .into_iter()
            .map(|r| r.id.unwrap())
            .collect();
        assert_eq!(ids, ["a", "b", "d"]);
        assert!(out.contains("// b's comment\n    (\n        id: \"d\","));
        assert!(out.contains("    ),\n    // trailing comment\n]\n// after\n"));
        // Everything removed, then one added.
        let mut changes = FileChanges::default();
        changes.remove.extend(["a", "b", "c"]);
        changes.append.push(&new);
        let out = apply_changes(FILE, &changes).unwrap();
        assert_eq!(records_of(&out).unwrap().len(), 1);
        assert!(out.starts_with("// Visits.\n#![enable(implicit_some)]\n[\n    (\n"));
        assert!(out.contains("// The first.") && out.contains("// trailing comment"));
    }

    #[test]
    fn atomic_write_leaves_old_or_new_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("events.ron");
        fs::write(&path, "old").unwrap();
        for step in [
            WriteStep::TempCreated,
            WriteStep::TempWritten,
            WriteStep::TempSynced,
        ] {
            write_atomic_until(&path, b"new text", Some(step)).unwrap();
            assert_eq!(fs::read_to_string(&path).unwrap(), "old", "{step:?}");
            // What a crash leaves beside it is never read as part of the dataset.
            for entry in fs::read_dir(dir.path()).unwrap() {
                let name = entry.unwrap().file_name().into_string().unwrap();
                assert!(name == "events.ron" || name.starts_with('.'), "{name}");
                assert!(name == "events.ron" || !name.ends_with(".ron"), "{name}");
            }
        }
        write_atomic(&path, b"new text").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new text");
    }

    #[cfg(unix)]
    #[test]
    fn read_only_files_are_refused_and_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("events.ron");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        let err = write_atomic(&path, b"new").unwrap_err();
        assert!(matches!(err, WriteError::ReadOnly(_)), "{err}");
        assert!(err.to_string().contains("read-only"));
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        // Permissions of a writable file survive the rename.
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"new").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[test]
    fn full_disks_and_refusals_are_named_plainly() {
        use std::io::{Error, ErrorKind};
        assert_eq!(
            describe_io(&Error::from(ErrorKind::StorageFull)),
            "the disk is full"
        );
        assert_eq!(
            describe_io(&Error::from(ErrorKind::PermissionDenied)),
            "permission denied"
        );
        assert_eq!(
            describe_io(&Error::from(ErrorKind::ReadOnlyFilesystem)),
            "the file system is read-only"
        );
    }

    #[test]
    fn a_missing_folder_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gone").join("events.ron");
        let err = write_atomic(&path, b"x").unwrap_err();
        assert!(err.to_string().contains("cannot write"), "{err}");
    }
}
