//! Merging three versions of a dataset file (base, ours, theirs) record by record, keyed by
//! id, as git's merge driver `annals merge-file` does; and reading back the conflicts it
//! leaves, so `annals check` and the window can report and resolve them.
//!
//! Pure text work: the tokenizer cuts each side into records (and records into top-level
//! fields); values are compared by their tokens, so layout and comments never count as a
//! change. The result is ours' text with theirs' changes spliced in, as saving does: every
//! other byte of ours stays as it was.
//!
//! A conflict is confined to its record: the record is written twice, between git's marker
//! lines, each version holding every change that did merge:
//!
//! ```text
//! <<<<<<< ours: merge conflict in record `hog-29`, field `summary`
//!     ( id: "hog-29", … summary: "ours", … ),
//! =======
//!     ( id: "hog-29", … summary: "theirs", … ),
//! >>>>>>> theirs
//! ```
//!
//! A conflict in a top-level field of the manifest or a storyline (`title`, `steps`) wraps
//! that field's line(s) the same way.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use super::diagnostics::{Diagnostic, SourceText};
use super::lex::{Token, TokenKind, list_layout, tokenize};
use super::save::{comma_after, line_indent};
use super::write::{INDENT, event_to_ron, unquote};
use crate::model::event::Event;

pub(crate) const OURS_MARKER: &str = "<<<<<<<";
pub(crate) const BASE_MARKER: &str = "|||||||";
pub(crate) const SEPARATOR: &str = "=======";
pub(crate) const THEIRS_MARKER: &str = ">>>>>>>";

/// One side of a merge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

impl Side {
    pub fn label(self) -> &'static str {
        match self {
            Side::Ours => "ours",
            Side::Theirs => "theirs",
        }
    }

    fn other(self) -> Side {
        match self {
            Side::Ours => Side::Theirs,
            Side::Theirs => Side::Ours,
        }
    }
}

/// What could not be merged.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Conflict {
    /// The record's id (or code); `None` for a top-level field of the manifest or a storyline.
    pub record: Option<String>,
    /// The fields changed differently on both sides.
    pub fields: Vec<String>,
    /// The side that deleted the record while the other changed it.
    pub deleted_by: Option<Side>,
}

impl Conflict {
    /// "merge conflict in record `hog-29`, field `summary`", as written on the marker line.
    pub fn describe(&self) -> String {
        let fields = |fields: &[String]| {
            let list: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
            format!(
                "field{} {}",
                if fields.len() == 1 { "" } else { "s" },
                list.join(", ")
            )
        };
        match (&self.record, self.deleted_by) {
            (Some(id), Some(side)) => format!(
                "merge conflict in record `{id}`: deleted by {}, changed by {}",
                side.label(),
                side.other().label()
            ),
            (Some(id), None) => {
                format!("merge conflict in record `{id}`, {}", fields(&self.fields))
            }
            (None, _) => format!("merge conflict in {}", fields(&self.fields)),
        }
    }

    /// [`Conflict::describe`] as words of `diagnostics.ftl`, for the window's languages (the
    /// marker line itself always says it in English).
    pub(crate) fn words(&self) -> super::diagnostics::Words {
        use super::diagnostics::words;
        let fields: Vec<String> = self.fields.iter().map(|f| format!("`{f}`")).collect();
        let (fields, count) = (fields.join(", "), self.fields.len());
        match (&self.record, self.deleted_by) {
            (Some(id), Some(side)) => words!(
                "diag-conflict-deleted",
                id = id,
                deleted_by = side.label(),
                changed_by = side.other().label()
            ),
            (Some(id), None) => words!(
                "diag-conflict-record",
                id = id,
                fields = fields,
                count = count
            ),
            (None, _) => words!("diag-conflict-fields", fields = fields, count = count),
        }
    }

    /// Read back what [`Conflict::describe`] wrote (`None` for other text, such as the
    /// markers of git's own line merge).
    pub fn parse(label: &str) -> Option<Conflict> {
        let rest = label.split_once("merge conflict in ")?.1;
        let backticked = |text: &str| -> Vec<String> {
            text.split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect()
        };
        if let Some(after) = rest.strip_prefix("record `") {
            let (id, tail) = after.split_once('`')?;
            let deleted_by = if tail.contains("deleted by ours") {
                Some(Side::Ours)
            } else if tail.contains("deleted by theirs") {
                Some(Side::Theirs)
            } else {
                None
            };
            Some(Conflict {
                record: Some(id.to_owned()),
                fields: backticked(tail),
                deleted_by,
            })
        } else {
            Some(Conflict {
                record: None,
                fields: backticked(rest),
                deleted_by: None,
            })
        }
    }
}

/// A merged text and what in it could not be merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeOutcome {
    pub text: String,
    pub conflicts: Vec<Conflict>,
}

/// Merge three versions of a dataset file: an event file (a list of records keyed by `id`),
/// the manifest (fields, with people, places, categories, series and periods keyed by `id`
/// and countries by `code`) or a storyline (fields; the steps as one value). `Err` says why a
/// file cannot be merged record by record (a side that does not read, duplicate or missing
/// ids, conflict markers already in it); the caller then merges lines.
pub fn merge_texts(base: &str, ours: &str, theirs: &str) -> Result<MergeOutcome, String> {
    let clean = |text: &str| MergeOutcome {
        text: text.to_owned(),
        conflicts: Vec::new(),
    };
    if ours == theirs || base == theirs {
        return Ok(clean(ours));
    }
    if base == ours {
        return Ok(clean(theirs));
    }
    for (name, text) in [("base", base), ("ours", ours), ("theirs", theirs)] {
        if !conflict_blocks(text).is_empty() {
            return Err(format!("{name} already holds conflict markers"));
        }
    }
    let shapes = [shape(base)?, shape(ours)?, shape(theirs)?];
    let (text, conflicts) = match shapes {
        [Shape::List | Shape::Empty, Shape::List, Shape::List] => {
            merge_list(base, ours, theirs, "id", true)?
        }
        [Shape::Record | Shape::Empty, Shape::Record, Shape::Record] => {
            let merged = merge_fields(
                Some(base).filter(|_| shapes[0] == Shape::Record),
                ours,
                theirs,
                true,
            )?;
            (merged.ours_version, merged.conflicts)
        }
        _ => {
            return Err("the sides are not all a list of records, or all one record".to_owned());
        }
    };
    Ok(MergeOutcome { text, conflicts })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Empty,
    List,
    Record,
}

/// Index of the first token after any inner attributes (`#![enable(implicit_some)]`).
fn skip_attributes(tokens: &[Token]) -> usize {
    let mut i = 0;
    while tokens.get(i).map(|t| t.kind) == Some(TokenKind::Punct(b'#')) {
        i += 1;
        if tokens.get(i).map(|t| t.kind) == Some(TokenKind::Punct(b'!')) {
            i += 1;
        }
        let mut depth = 0i32;
        while let Some(t) = tokens.get(i) {
            i += 1;
            match t.kind {
                TokenKind::Punct(b'[' | b'(' | b'{') => depth += 1,
                TokenKind::Punct(b']' | b')' | b'}') => {
                    depth -= 1;
                    if depth <= 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    i
}

fn shape(text: &str) -> Result<Shape, String> {
    let tokens = tokenize(text).map_err(|e| e.message)?;
    let i = skip_attributes(&tokens);
    Ok(match tokens.get(i).map(|t| t.kind) {
        None => Shape::Empty,
        Some(TokenKind::Punct(b'[')) => Shape::List,
        Some(TokenKind::Punct(b'(')) => Shape::Record,
        Some(TokenKind::Ident)
            if tokens.get(i + 1).map(|t| t.kind) == Some(TokenKind::Punct(b'(')) =>
        {
            Shape::Record
        }
        _ => return Err("neither a list of records nor one record".to_owned()),
    })
}

/// A value's tokens with layout, comments and trailing commas left out, written on one line
/// (`(id: "s", ordinal: 2)`): two texts that read the same have the same normal form.
pub(crate) fn normal_form(text: &str) -> String {
    let Ok(tokens) = tokenize(text) else {
        return text.trim().to_owned();
    };
    let mut out = String::with_capacity(text.len());
    for (i, tok) in tokens.iter().enumerate() {
        if tok.kind == TokenKind::Punct(b',')
            && matches!(
                tokens.get(i + 1).map(|t| t.kind),
                None | Some(TokenKind::Punct(b')' | b']' | b'}'))
            )
        {
            continue;
        }
        let after_open = out.ends_with(['(', '[', '{']);
        let closing = matches!(tok.kind, TokenKind::Punct(b',' | b':' | b')' | b']' | b'}'));
        if !out.is_empty() && !after_open && !closing {
            out.push(' ');
        }
        out.push_str(&text[tok.span.clone()]);
    }
    out
}

/// Whether `text` holds a comment (anything but blanks between its tokens).
fn has_comment(text: &str) -> bool {
    let Ok(tokens) = tokenize(text) else {
        return true;
    };
    let mut pos = 0;
    for tok in &tokens {
        if !text[pos..tok.span.start].trim().is_empty() {
            return true;
        }
        pos = tok.span.end;
    }
    !text[pos..].trim().is_empty()
}

/// A list's layout and its records' keys and spans.
type KeyedList = (super::lex::ListLayout, Vec<(String, Range<usize>)>);

/// The records of a list text with their keys; `Ok(None)` for a text with no list.
fn keyed_records(side: &str, text: &str, key: &str) -> Result<Option<KeyedList>, String> {
    let Some(layout) = list_layout(text).map_err(|e| format!("{side}: {}", e.message))? else {
        return Ok(None);
    };
    let mut seen = HashMap::new();
    let mut records = Vec::with_capacity(layout.records.len());
    for span in &layout.records {
        let record = &text[span.clone()];
        let id = super::lex::field_value_span(record, key)
            .and_then(|v| unquote(&record[v]))
            .ok_or_else(|| format!("{side}: a record without a readable `{key}`"))?;
        if seen.insert(id.clone(), ()).is_some() {
            return Err(format!("{side}: `{key}` \"{id}\" is written twice"));
        }
        records.push((id, span.clone()));
    }
    Ok(Some((layout, records)))
}

/// How one record comes out of a merge.
enum Resolved {
    /// As ours has it (or absent, if ours has no such record).
    Keep,
    /// This text, whose inner lines are indented by the given indent.
    Take(String, String),
    Delete,
    /// Two versions (either may be absent: deleted on that side), with their indent.
    Conflict {
        ours: Option<String>,
        theirs: Option<String>,
        indent: String,
        conflict: Conflict,
    },
}

/// `text`'s inner lines moved from indent `from` to `to`.
fn reindent(text: &str, from: &str, to: &str) -> String {
    if from == to {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            match line.strip_prefix(from) {
                Some(rest) => {
                    out.push_str(to);
                    out.push_str(rest);
                }
                None => out.push_str(line),
            }
        } else {
            out.push_str(line);
        }
    }
    out
}

/// An event record in the canonical layout (as saving writes a changed record), unless it
/// holds a comment or does not read as an event.
fn canonical_event(text: &str, indent: &str) -> String {
    if has_comment(text) {
        return text.to_owned();
    }
    match super::parse::ron_options().from_str::<Event>(text) {
        Ok(event) => event_to_ron(&event, indent),
        Err(_) => text.to_owned(),
    }
}

/// Three-way merge of one record of a list (`o` absent: a record ours does not have).
fn resolve_record(
    key: &str,
    b: Option<&str>,
    o: Option<(&str, &str)>,
    t: Option<(&str, &str)>,
    events: bool,
) -> Result<Resolved, String> {
    let nb = b.map(normal_form);
    let no = o.map(|(text, _)| normal_form(text));
    let nt = t.map(|(text, _)| normal_form(text));
    if no == nt || nb == nt {
        return Ok(Resolved::Keep);
    }
    if nb == no {
        return Ok(match t {
            None => Resolved::Delete,
            Some((text, indent)) => Resolved::Take(text.to_owned(), indent.to_owned()),
        });
    }
    let indent = o.or(t).map_or(INDENT, |(_, i)| i).to_owned();
    match (o, t) {
        (Some((o, oi)), Some((t, ti))) => {
            let t = reindent(t, ti, oi);
            let merged = merge_fields(b, o, &t, false)?;
            let finish = |text: &str| {
                if events {
                    canonical_event(text, oi)
                } else {
                    text.to_owned()
                }
            };
            match merged.theirs_version {
                None => Ok(Resolved::Take(finish(&merged.ours_version), oi.to_owned())),
                Some(theirs) => Ok(Resolved::Conflict {
                    ours: Some(finish(&merged.ours_version)),
                    theirs: Some(finish(&theirs)),
                    indent,
                    conflict: Conflict {
                        record: Some(key.to_owned()),
                        fields: merged.conflicted,
                        deleted_by: None,
                    },
                }),
            }
        }
        (o, t) => Ok(Resolved::Conflict {
            ours: o.map(|(text, i)| reindent(text, i, &indent)),
            theirs: t.map(|(text, i)| reindent(text, i, &indent)),
            indent,
            conflict: Conflict {
                record: Some(key.to_owned()),
                fields: Vec::new(),
                deleted_by: Some(if o.is_none() {
                    Side::Ours
                } else {
                    Side::Theirs
                }),
            },
        }),
    }
}

/// The marker lines around two versions of an item (each written with its comma), without
/// a line break at either end.
fn conflict_block(
    conflict: &Conflict,
    indent: &str,
    ours: Option<&str>,
    theirs: Option<&str>,
) -> String {
    let mut out = format!("{OURS_MARKER} ours: {}\n", conflict.describe());
    if let Some(ours) = ours {
        out.push_str(indent);
        out.push_str(ours);
        out.push_str(",\n");
    }
    out.push_str(SEPARATOR);
    out.push('\n');
    if let Some(theirs) = theirs {
        out.push_str(indent);
        out.push_str(theirs);
        out.push_str(",\n");
    }
    out.push_str(THEIRS_MARKER);
    out.push_str(" theirs");
    out
}

/// Where a new item goes after the item `span` of `text`: just past its comma (and a comment
/// on its line), or past its end with a comma to add.
fn after_item(text: &str, span: &Range<usize>) -> (usize, bool) {
    match comma_after(text, span.end) {
        Some(after) => {
            let line_end = text[after..].find('\n').map_or(text.len(), |i| after + i);
            let rest = text[after..line_end].trim();
            if rest.is_empty() || rest.starts_with("//") {
                (
                    line_end - usize::from(text[..line_end].ends_with('\r')),
                    false,
                )
            } else {
                (after, false)
            }
        }
        None => (span.end, true),
    }
}

/// The range an item takes with its comma: whole lines when it stands on lines of its own.
/// Also says whether it starts and ends a line.
fn item_lines(text: &str, span: &Range<usize>) -> (Range<usize>, bool, bool) {
    let mut start = span.start;
    let end = comma_after(text, span.end).unwrap_or(span.end);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let own_start = line_indent(text, start).is_some();
    if own_start {
        start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    }
    let own_end = text[end..line_end].trim().is_empty();
    let end = if own_end {
        line_end - usize::from(text[..line_end].ends_with('\r'))
    } else {
        end
    };
    (start..end, own_start, own_end)
}

/// Merge three list texts keyed by `key`; returns ours' text with the merge applied.
fn merge_list(
    base: &str,
    ours: &str,
    theirs: &str,
    key: &str,
    events: bool,
) -> Result<(String, Vec<Conflict>), String> {
    let base_records = keyed_records("base", base, key)?
        .map(|(_, r)| r)
        .unwrap_or_default();
    let Some((layout, ours_records)) = keyed_records("ours", ours, key)? else {
        return Err("ours holds no list".to_owned());
    };
    let theirs_records = keyed_records("theirs", theirs, key)?
        .map(|(_, r)| r)
        .unwrap_or_default();
    let b: HashMap<&str, &str> = base_records
        .iter()
        .map(|(k, s)| (k.as_str(), &base[s.clone()]))
        .collect();
    let o_index: HashMap<&str, usize> = ours_records
        .iter()
        .enumerate()
        .map(|(i, (k, _))| (k.as_str(), i))
        .collect();
    let t: HashMap<&str, (&str, &str)> = theirs_records
        .iter()
        .map(|(k, s)| {
            let indent = line_indent(theirs, s.start).unwrap_or(INDENT);
            (k.as_str(), (&theirs[s.clone()], indent))
        })
        .collect();
    let ours_indent = |span: &Range<usize>| line_indent(ours, span.start).unwrap_or(INDENT);

    let mut conflicts = Vec::new();
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut resolved = Vec::with_capacity(ours_records.len());
    for (k, span) in &ours_records {
        let indent = ours_indent(span);
        let r = resolve_record(
            k,
            b.get(k.as_str()).copied(),
            Some((&ours[span.clone()], indent)),
            t.get(k.as_str()).copied(),
            events,
        )?;
        match &r {
            Resolved::Keep => {}
            Resolved::Take(text, from) => {
                edits.push((span.clone(), reindent(text, from, indent)));
            }
            Resolved::Delete => {
                let (mut range, own_start, own_end) = item_lines(ours, span);
                if own_start && own_end {
                    // Its line ending goes too.
                    range.end = ours[range.end..]
                        .find('\n')
                        .map_or(ours.len(), |i| range.end + i + 1);
                }
                edits.push((range, String::new()));
            }
            Resolved::Conflict {
                ours: o,
                theirs: th,
                indent,
                conflict,
            } => {
                let (range, own_start, own_end) = item_lines(ours, span);
                let mut text = String::new();
                if !own_start {
                    text.push('\n');
                }
                text.push_str(&conflict_block(
                    conflict,
                    indent,
                    o.as_deref(),
                    th.as_deref(),
                ));
                if !own_end {
                    text.push('\n');
                    text.push_str(indent);
                }
                edits.push((range, text));
                conflicts.push(conflict.clone());
            }
        }
        resolved.push(r);
    }

    // Records ours does not have go where theirs put them: after the record theirs has
    // before them (skipping ours' own additions there, so ours' come first).
    let is_ours_addition = |i: usize| {
        !b.contains_key(ours_records[i].0.as_str()) && !t.contains_key(ours_records[i].0.as_str())
    };
    let mut insertions: BTreeMap<Option<usize>, Vec<String>> = BTreeMap::new();
    for (j, (k, _)) in theirs_records.iter().enumerate() {
        if o_index.contains_key(k.as_str()) {
            continue;
        }
        let r = resolve_record(
            k,
            b.get(k.as_str()).copied(),
            None,
            t.get(k.as_str()).copied(),
            events,
        )?;
        let mut anchor = theirs_records[..j].iter().rev().find_map(|(pk, _)| {
            o_index
                .get(pk.as_str())
                .copied()
                .filter(|&i| !matches!(resolved[i], Resolved::Delete))
        });
        loop {
            let next = anchor.map_or(0, |a| a + 1);
            if next < ours_records.len() && is_ours_addition(next) {
                anchor = Some(next);
            } else {
                break;
            }
        }
        let indent = anchor
            .or((!ours_records.is_empty()).then_some(0))
            .map_or(INDENT, |i| ours_indent(&ours_records[i].1));
        let piece = match r {
            Resolved::Keep | Resolved::Delete => continue,
            Resolved::Take(text, from) => format!("\n{indent}{},", reindent(&text, &from, indent)),
            Resolved::Conflict {
                ours: o,
                theirs: th,
                conflict,
                ..
            } => {
                conflicts.push(conflict.clone());
                format!(
                    "\n{}",
                    conflict_block(&conflict, indent, o.as_deref(), th.as_deref())
                )
            }
        };
        insertions.entry(anchor).or_default().push(piece);
    }
    for (anchor, pieces) in insertions {
        let (at, needs_comma) = match anchor {
            Some(i) => {
                let (at, needs_comma) = after_item(ours, &ours_records[i].1);
                (
                    at,
                    needs_comma && !matches!(resolved[i], Resolved::Conflict { .. }),
                )
            }
            None => (layout.open + 1, false),
        };
        let mut text = String::new();
        if needs_comma {
            text.push(',');
        }
        text.extend(pieces);
        if ours_records.is_empty() {
            text.push('\n');
        }
        edits.push((at..at, text));
    }
    Ok((splice(ours, edits), conflicts))
}

/// `text` with `edits` made (ranges do not overlap), new text taking its line endings.
fn splice(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(range, _)| (range.start, range.end));
    let crlf = super::parse::uses_crlf(text);
    let mut out = String::with_capacity(text.len() + 1024);
    let mut pos = 0;
    for (range, replacement) in edits {
        out.push_str(&text[pos..range.start.max(pos)]);
        if crlf {
            out.push_str(&replacement.replace("\r\n", "\n").replace('\n', "\r\n"));
        } else {
            out.push_str(&replacement);
        }
        pos = pos.max(range.end);
    }
    out.push_str(&text[pos..]);
    out
}

/// A top-level field of a record.
#[derive(Clone, Debug)]
struct Field {
    name: String,
    /// From its name to the end of its value.
    span: Range<usize>,
    value: Range<usize>,
}

/// The top-level fields of the record in `text` (attributes and comments may come first),
/// and where its closing `)` is.
fn fields_of(text: &str) -> Result<(Vec<Field>, usize), String> {
    let tokens = tokenize(text).map_err(|e| e.message)?;
    let mut i = skip_attributes(&tokens);
    if tokens.get(i).map(|t| t.kind) == Some(TokenKind::Ident) {
        i += 1;
    }
    if tokens.get(i).map(|t| t.kind) != Some(TokenKind::Punct(b'(')) {
        return Err("expected a record `( … )`".to_owned());
    }
    i += 1;
    let mut fields = Vec::new();
    let mut depth = 0i32;
    while let Some(tok) = tokens.get(i) {
        match tok.kind {
            TokenKind::Punct(b')') if depth == 0 => return Ok((fields, tok.span.start)),
            TokenKind::Ident
                if depth == 0
                    && tokens.get(i + 1).map(|t| t.kind) == Some(TokenKind::Punct(b':')) =>
            {
                let start = tokens
                    .get(i + 2)
                    .ok_or("the record ends after a field's name")?
                    .span
                    .start;
                let mut end = start;
                let mut d = 0i32;
                i += 2;
                while let Some(t) = tokens.get(i) {
                    match t.kind {
                        TokenKind::Punct(b'(' | b'[' | b'{') => d += 1,
                        TokenKind::Punct(b')' | b']' | b'}') => {
                            if d == 0 {
                                break;
                            }
                            d -= 1;
                        }
                        TokenKind::Punct(b',') if d == 0 => break,
                        _ => {}
                    }
                    end = t.span.end;
                    i += 1;
                }
                fields.push(Field {
                    name: text[tok.span.clone()].to_owned(),
                    span: tok.span.start..end,
                    value: start..end,
                });
                continue;
            }
            TokenKind::Punct(b'(' | b'[' | b'{') => depth += 1,
            TokenKind::Punct(b')' | b']' | b'}') => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    Err("the record is never closed with `)`".to_owned())
}

/// The lists of the manifest merged item by item, and the field that keys their items.
fn keyed_list_field(name: &str) -> Option<&'static str> {
    match name {
        "people" | "places" | "categories" | "series" | "periods" => Some("id"),
        "countries" => Some("code"),
        _ => None,
    }
}

struct FieldsMerged {
    /// Ours with every change that merged (and, at the top level, conflict blocks).
    ours_version: String,
    /// For a record in a list with conflicts: the same with theirs' values of those fields.
    theirs_version: Option<String>,
    conflicted: Vec<String>,
    /// Conflicts inside (the manifest's lists, top-level fields).
    conflicts: Vec<Conflict>,
}

enum FieldEdit {
    Set(String),
    Remove,
    /// Two versions of the field (`None`: not written on that side).
    Block(Option<String>, Option<String>),
}

/// Merge a record field by field. `top`: the record is a whole file (manifest, storyline),
/// whose lists of people etc. merge item by item and whose conflicts wrap the field.
fn merge_fields(
    base: Option<&str>,
    ours: &str,
    theirs: &str,
    top: bool,
) -> Result<FieldsMerged, String> {
    let (bf, _) = match base {
        Some(base) => fields_of(base).map_err(|e| format!("base: {e}"))?,
        None => (Vec::new(), 0),
    };
    let (of, close) = fields_of(ours).map_err(|e| format!("ours: {e}"))?;
    let (tf, _) = fields_of(theirs).map_err(|e| format!("theirs: {e}"))?;
    let base = base.unwrap_or("");
    let find = |fields: &[Field], text: &'_ str, name: &str| -> Option<String> {
        fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| text[f.value.clone()].to_owned())
    };
    let mut names: Vec<&str> = of.iter().map(|f| f.name.as_str()).collect();
    for f in &tf {
        if !names.contains(&f.name.as_str()) {
            names.push(&f.name);
        }
    }
    let mut edits: Vec<(String, FieldEdit)> = Vec::new();
    let mut theirs_edits: Vec<(String, FieldEdit)> = Vec::new();
    let mut conflicted = Vec::new();
    let mut conflicts = Vec::new();
    for name in names {
        let bv = find(&bf, base, name);
        let ov = find(&of, ours, name);
        let tv = find(&tf, theirs, name);
        let (nb, no, nt) = (
            bv.as_deref().map(normal_form),
            ov.as_deref().map(normal_form),
            tv.as_deref().map(normal_form),
        );
        if no == nt || nb == nt {
            continue;
        }
        let take_theirs = || match &tv {
            Some(v) => FieldEdit::Set(v.clone()),
            None => FieldEdit::Remove,
        };
        if nb == no {
            edits.push((name.to_owned(), take_theirs()));
            continue;
        }
        if top
            && let (Some(key), Some(o), Some(t)) = (keyed_list_field(name), &ov, &tv)
            && o.starts_with('[')
            && t.starts_with('[')
            && bv.as_deref().is_none_or(|b| b.starts_with('['))
        {
            let (text, inner) = merge_list(bv.as_deref().unwrap_or("[]"), o, t, key, false)
                .map_err(|e| format!("`{name}`: {e}"))?;
            edits.push((name.to_owned(), FieldEdit::Set(text)));
            conflicts.extend(inner);
            continue;
        }
        conflicted.push(name.to_owned());
        if top {
            conflicts.push(Conflict {
                record: None,
                fields: vec![name.to_owned()],
                deleted_by: None,
            });
            edits.push((name.to_owned(), FieldEdit::Block(ov.clone(), tv.clone())));
        } else {
            theirs_edits.push((name.to_owned(), take_theirs()));
        }
    }
    let ours_version = apply_field_edits(ours, &of, close, &edits);
    let theirs_version = (!theirs_edits.is_empty()).then(|| {
        edits.extend(theirs_edits);
        apply_field_edits(ours, &of, close, &edits)
    });
    Ok(FieldsMerged {
        ours_version,
        theirs_version,
        conflicted,
        conflicts,
    })
}

/// `record` (whose fields and closing `)` are given) with `edits` made; new fields go after
/// the last one, one a line when the record is written one field a line.
fn apply_field_edits(
    record: &str,
    fields: &[Field],
    close: usize,
    edits: &[(String, FieldEdit)],
) -> String {
    let multiline = fields
        .first()
        .is_some_and(|f| line_indent(record, f.span.start).is_some());
    let indent = fields
        .first()
        .and_then(|f| line_indent(record, f.span.start))
        .unwrap_or(INDENT);
    let mut out_edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut added = String::new();
    let line = |name: &str, value: &str| format!("{indent}{name}: {value},");
    for (name, edit) in edits {
        let field = fields.iter().find(|f| &f.name == name);
        match (edit, field) {
            (FieldEdit::Set(value), Some(f)) => out_edits.push((f.value.clone(), value.clone())),
            (FieldEdit::Set(value), None) => {
                if multiline {
                    added.push('\n');
                    added.push_str(&line(name, value));
                } else {
                    added.push_str(&format!(" {name}: {value},"));
                }
            }
            (FieldEdit::Remove, Some(f)) => {
                let (mut range, own_start, own_end) = item_lines(record, &f.span);
                if own_start && own_end {
                    range.end = record[range.end..]
                        .find('\n')
                        .map_or(record.len(), |i| range.end + i + 1);
                }
                out_edits.push((range, String::new()));
            }
            (FieldEdit::Remove, None) => {}
            (FieldEdit::Block(o, t), f) => {
                let conflict = Conflict {
                    record: None,
                    fields: vec![name.clone()],
                    deleted_by: None,
                };
                let o = o.as_ref().map(|v| format!("{name}: {v}"));
                let t = t.as_ref().map(|v| format!("{name}: {v}"));
                let block = conflict_block(&conflict, indent, o.as_deref(), t.as_deref());
                match f {
                    Some(f) => {
                        let (range, own_start, own_end) = item_lines(record, &f.span);
                        let mut text = String::new();
                        if !own_start {
                            text.push('\n');
                        }
                        text.push_str(&block);
                        if !own_end {
                            text.push('\n');
                        }
                        out_edits.push((range, text));
                    }
                    None => {
                        added.push('\n');
                        added.push_str(&block);
                    }
                }
            }
        }
    }
    if !added.is_empty() {
        match fields.last() {
            Some(last) => {
                let (at, needs_comma) = after_item(record, &last.span);
                let comma = if needs_comma { "," } else { "" };
                out_edits.push((at..at, format!("{comma}{added}")));
            }
            None => out_edits.push((close..close, format!("{}\n", added.trim_start_matches(' ')))),
        }
    }
    splice(record, out_edits)
}

/// One conflict left in a file: git's marker lines and the two versions between them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConflictBlock {
    /// From the start of the `<<<<<<<` line to the end of the `>>>>>>>` line (its line break
    /// included).
    pub span: Range<usize>,
    /// The `<<<<<<<` line, without its line break.
    pub marker: Range<usize>,
    /// Ours' lines (line breaks included), and theirs'.
    pub ours: Range<usize>,
    pub theirs: Range<usize>,
    /// What Annals wrote on the marker line, if it wrote it.
    pub conflict: Option<Conflict>,
}

/// A block being read: its marker line, where ours starts and ends, where theirs starts.
type OpenBlock = (Range<usize>, usize, Option<usize>, Option<usize>);

/// The conflict blocks of a text, in order. A block that is never closed runs to the end.
pub fn conflict_blocks(text: &str) -> Vec<ConflictBlock> {
    // Every file is asked on every load: memchr's vectorised search, not `str::contains`.
    if memchr::memmem::find(text.as_bytes(), OURS_MARKER.as_bytes()).is_none() {
        return Vec::new();
    }
    let mut blocks = Vec::new();
    // (marker line, ours start, ours end, theirs start)
    let mut open: Option<OpenBlock> = None;
    let mut pos = 0;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let next = (end + 1).min(text.len());
        let line = text[pos..end].trim_start();
        if line.starts_with(OURS_MARKER) && open.is_none() {
            let marker_end = end - usize::from(text[..end].ends_with('\r'));
            open = Some((pos..marker_end, next, None, None));
        } else if let Some((_, _, ours_end, theirs_start)) = &mut open {
            if line.starts_with(BASE_MARKER) && ours_end.is_none() {
                *ours_end = Some(pos);
            } else if line.starts_with(SEPARATOR) && theirs_start.is_none() {
                ours_end.get_or_insert(pos);
                *theirs_start = Some(next);
            } else if line.starts_with(THEIRS_MARKER) && theirs_start.is_some() {
                let (marker, ours_start, ours_end, theirs_start) = open.take().unwrap_or_default();
                let label = &text[marker.clone()];
                blocks.push(ConflictBlock {
                    span: marker.start..next,
                    conflict: Conflict::parse(label),
                    marker,
                    ours: ours_start..ours_end.unwrap_or(pos),
                    theirs: theirs_start.unwrap_or(pos)..pos,
                });
            }
        }
        pos = next;
    }
    if let Some((marker, ours_start, ours_end, theirs_start)) = open {
        let end = text.len();
        blocks.push(ConflictBlock {
            span: marker.start..end,
            conflict: Conflict::parse(&text[marker.clone()]),
            marker,
            ours: ours_start..ours_end.unwrap_or(end),
            theirs: theirs_start.unwrap_or(end)..end,
        });
    }
    blocks
}

/// `text` with its `index`-th conflict resolved to `side`: that side's lines kept, the
/// marker lines and the other side's lines removed. `None` if there is no such conflict.
pub fn resolve_conflict(text: &str, index: usize, side: Side) -> Option<String> {
    let block = conflict_blocks(text).into_iter().nth(index)?;
    let keep = match side {
        Side::Ours => block.ours.clone(),
        Side::Theirs => block.theirs.clone(),
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..block.span.start]);
    out.push_str(&text[keep]);
    out.push_str(&text[block.span.end..]);
    Some(out)
}

/// `text` with every conflict read as ours' version, for loading the rest of a file: the
/// marker lines and theirs' lines become blanks of the same length, so every position in
/// ours' lines is unchanged.
pub(crate) fn blank_conflicts(text: &str, blocks: &[ConflictBlock]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let mut blank = |range: Range<usize>| {
        for b in &mut bytes[range] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    };
    for block in blocks {
        blank(block.span.start..block.ours.start);
        blank(block.ours.end..block.span.end);
    }
    // Only whole UTF-8 characters were replaced, each byte by an ASCII blank.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The errors for the conflicts left in `src` (one a conflicting field), each placed at the
/// field's name in ours' version, or at the marker line.
pub(crate) fn conflict_diagnostics(src: &SourceText, blocks: &[ConflictBlock]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for block in blocks {
        let (first, _) = src.line_col(block.span.start);
        let (last, _) = src.line_col(block.span.end.saturating_sub(1).max(block.span.start));
        let hint = super::diagnostics::words!(
            "diag-conflict-hint",
            ours = OURS_MARKER,
            theirs = THEIRS_MARKER,
            first = first.to_string(),
            last = last.to_string()
        );
        let marker = || src.location(block.marker.start..block.marker.start + OURS_MARKER.len());
        match &block.conflict {
            Some(conflict) if conflict.deleted_by.is_none() && !conflict.fields.is_empty() => {
                for field in &conflict.fields {
                    let location = field_name_in(&src.text, block.ours.clone(), field)
                        .map_or_else(marker, |at| src.location(at));
                    let one = Conflict {
                        fields: vec![field.clone()],
                        ..conflict.clone()
                    };
                    out.push(
                        Diagnostic::error_of(one.words(), Some(location)).hint_of(hint.clone()),
                    );
                }
            }
            Some(conflict) => {
                out.push(Diagnostic::error_of(conflict.words(), Some(marker())).hint_of(hint));
            }
            None => out.push(
                Diagnostic::error_of(
                    super::diagnostics::words!(
                        "diag-line-merge-conflict",
                        first = first.to_string(),
                        last = last.to_string()
                    ),
                    Some(marker()),
                )
                .hint_of(hint),
            ),
        }
    }
    out
}

/// A conflict left in a file, for the window's "take ours / take theirs".
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FileConflict {
    pub path: std::path::PathBuf,
    /// Which conflict of the file, in order.
    pub index: usize,
    /// "merge conflict in record `hog-29`, field `summary`", or git's own label.
    pub label: String,
}

/// The conflicts left in the files that `diagnostics` report merge conflicts in.
pub(crate) fn conflicts_in(diagnostics: &[Diagnostic]) -> Vec<FileConflict> {
    let mut files: Vec<&std::path::Path> = diagnostics
        .iter()
        .filter(|d| d.message.starts_with("merge conflict"))
        .filter_map(|d| d.location.as_ref().map(|l| l.file.as_path()))
        .collect();
    files.dedup();
    files.sort();
    files.dedup();
    let mut out = Vec::new();
    for path in files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        for (index, block) in conflict_blocks(&text).into_iter().enumerate() {
            out.push(FileConflict {
                path: path.to_path_buf(),
                index,
                label: block.conflict.map_or_else(
                    || "merge conflict left by a line merge".to_owned(),
                    |c| c.describe(),
                ),
            });
        }
    }
    out
}

/// Resolve conflict `index` of the file at `path` to `side`, writing the file atomically.
pub(crate) fn take_side(path: &std::path::Path, index: usize, side: Side) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let resolved = resolve_conflict(&text, index, side)
        .ok_or_else(|| format!("{}: that conflict is no longer there", path.display()))?;
    super::atomic::write_atomic(path, resolved.as_bytes()).map_err(|e| e.to_string())
}

/// Where `field: ` is written in `text[range]` (the first such name at any depth).
fn field_name_in(text: &str, range: Range<usize>, field: &str) -> Option<Range<usize>> {
    let part = &text[range.clone()];
    let tokens = tokenize(part).ok()?;
    tokens.windows(2).find_map(|w| {
        (w[0].kind == TokenKind::Ident
            && w[1].kind == TokenKind::Punct(b':')
            && &part[w[0].span.clone()] == field)
            .then(|| range.start + w[0].span.start..range.start + w[0].span.end)
    })
}

/// A merge of whole lines, used when a side does not read as records and git is not at
/// hand: one side's text when only it changed, else both whole texts between markers.
pub fn whole_file_merge(base: &str, ours: &str, theirs: &str) -> MergeOutcome {
    let clean = |text: &str| MergeOutcome {
        text: text.to_owned(),
        conflicts: Vec::new(),
    };
    if ours == theirs || base == theirs {
        return clean(ours);
    }
    if base == ours {
        return clean(theirs);
    }
    let line = |t: &str| {
        if t.is_empty() || t.ends_with('\n') {
            t.to_owned()
        } else {
            format!("{t}\n")
        }
    };
    MergeOutcome {
        text: format!(
            "{OURS_MARKER} ours\n{}{SEPARATOR}\n{}{THEIRS_MARKER} theirs\n",
            line(ours),
            line(theirs)
        ),
        conflicts: vec![Conflict::default()],
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_conflicts_words_say_in_english_what_its_marker_line_says() {
        use crate::i18n::Language;
        let shapes = [
            Conflict {
                record: Some("hog-29".into()),
                fields: vec!["summary".into()],
                deleted_by: None,
            },
            Conflict {
                record: Some("hog-29".into()),
                fields: vec!["summary".into(), "note".into()],
                deleted_by: None,
            },
            Conflict {
                record: None,
                fields: vec!["title".into()],
                deleted_by: None,
            },
            Conflict {
                record: Some("hog-29".into()),
                fields: Vec::new(),
                deleted_by: Some(Side::Theirs),
            },
        ];
        for conflict in shapes {
            let words = conflict.words();
            assert_eq!(words.render(Language::English), conflict.describe());
            assert_ne!(words.render(Language::Russian), conflict.describe());
        }
    }

    use super::*;

    const BASE: &str = "// Visits.\n#![enable(implicit_some)]\n[\n    (\n        id: \"a\",\n        title: \"A\",\n        when: \"2024\",\n        kind: \"visit\",\n    ),\n    // b's comment\n    (\n        id: \"b\",\n        title: \"B\",\n        when: \"2025\",\n        kind: \"visit\",\n        summary: \"b\",\n    ),\n]\n";

    fn rec(id: &str, title: &str) -> String {
        format!(
            "    (\n        id: \"{id}\",\n        title: \"{title}\",\n        when: \"2026\",\n        kind: \"visit\",\n    ),\n"
        )
    }

    fn append(text: &str, record: &str) -> String {
        let at = text.rfind(']').unwrap();
        format!("{}{record}{}", &text[..at], &text[at..])
    }

    fn ids(text: &str) -> Vec<String> {
        keyed_records("t", text, "id")
            .unwrap()
            .unwrap()
            .1
            .into_iter()
            .map(|(k, _)| k)
            .collect()
    }

    #[test]
    fn appends_on_both_sides_keep_both_ours_first() {
        let ours = append(BASE, &rec("c", "C"));
        let theirs = append(BASE, &rec("d", "D"));
        let out = merge_texts(BASE, &ours, &theirs).unwrap();
        assert!(out.conflicts.is_empty());
        assert_eq!(ids(&out.text), ["a", "b", "c", "d"]);
        assert_eq!(out.text, append(&ours, &rec("d", "D")));
    }

    #[test]
    fn one_sided_changes_and_deletes_win() {
        let ours = BASE.replace("title: \"A\"", "title: \"A2\"");
        let theirs = BASE.replace(
            "    // b's comment\n    (\n        id: \"b\",\n        title: \"B\",\n        when: \"2025\",\n        kind: \"visit\",\n        summary: \"b\",\n    ),\n",
            "    // b's comment\n",
        );
        let out = merge_texts(BASE, &ours, &theirs).unwrap();
        assert!(out.conflicts.is_empty());
        assert_eq!(ids(&out.text), ["a"]);
        assert!(out.text.contains("A2"));
        assert!(out.text.contains("// b's comment"));
    }

    #[test]
    fn different_fields_merge_and_same_field_conflicts() {
        let ours = BASE.replace("title: \"B\"", "title: \"B ours\"");
        let theirs = BASE.replace("summary: \"b\"", "summary: \"b theirs\"");
        let out = merge_texts(BASE, &ours, &theirs).unwrap();
        assert!(out.conflicts.is_empty(), "{}", out.text);
        assert!(out.text.contains("B ours") && out.text.contains("b theirs"));
        assert!(list_layout(&out.text).is_ok());

        let theirs = theirs.replace("title: \"B\"", "title: \"B theirs\"");
        let out = merge_texts(BASE, &ours, &theirs).unwrap();
        assert_eq!(
            out.conflicts,
            [Conflict {
                record: Some("b".into()),
                fields: vec!["title".into()],
                deleted_by: None
            }]
        );
        let blocks = conflict_blocks(&out.text);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].conflict, Some(out.conflicts[0].clone()));
        // Both versions hold the change that merged.
        assert!(out.text[blocks[0].ours.clone()].contains("b theirs"));
        assert!(out.text[blocks[0].ours.clone()].contains("B ours"));
        assert!(out.text[blocks[0].theirs.clone()].contains("B theirs"));
        // Record a is untouched, outside the block.
        assert!(out.text[..blocks[0].span.start].contains("title: \"A\""));
        for side in [Side::Ours, Side::Theirs] {
            let resolved = resolve_conflict(&out.text, 0, side).unwrap();
            assert_eq!(ids(&resolved), ["a", "b"]);
            assert!(conflict_blocks(&resolved).is_empty());
        }
        let theirs_taken = resolve_conflict(&out.text, 0, Side::Theirs).unwrap();
        assert!(theirs_taken.contains("B theirs") && theirs_taken.contains("b theirs"));
        // Blanked, the file reads as ours' version at the same offsets.
        let blank = blank_conflicts(&out.text, &blocks);
        assert_eq!(blank.len(), out.text.len());
        assert_eq!(ids(&blank), ["a", "b"]);
    }

    #[test]
    fn delete_against_edit_is_a_conflict() {
        let ours = BASE.replace("title: \"A\"", "title: \"A2\"");
        let theirs = BASE.replace(
            "    (\n        id: \"a\",\n        title: \"A\",\n        when: \"2024\",\n        kind: \"visit\",\n    ),\n",
            "",
        );
        let out = merge_texts(BASE, &ours, &theirs).unwrap();
        assert_eq!(out.conflicts.len(), 1);
        assert_eq!(out.conflicts[0].deleted_by, Some(Side::Theirs));
        assert_eq!(
            ids(&resolve_conflict(&out.text, 0, Side::Theirs).unwrap()),
            ["b"]
        );
        assert_eq!(
            ids(&resolve_conflict(&out.text, 0, Side::Ours).unwrap()),
            ["a", "b"]
        );
        // The other way round.
        let out = merge_texts(BASE, &theirs, &ours).unwrap();
        assert_eq!(out.conflicts[0].deleted_by, Some(Side::Ours));
        assert_eq!(
            ids(&resolve_conflict(&out.text, 0, Side::Theirs).unwrap()),
            ["a", "b"]
        );
    }

    #[test]
    fn layout_is_not_a_change() {
        let ours = BASE.replace("    (\n        id: \"a\",\n        title: \"A\",\n        when: \"2024\",\n        kind: \"visit\",\n    ),", "    (id: \"a\", title: \"A\", when: \"2024\", kind: \"visit\"), // one line");
        let theirs = BASE.replace("title: \"A\"", "title: \"A theirs\"");
        let out = merge_texts(BASE, &ours, &theirs).unwrap();
        assert!(out.conflicts.is_empty());
        assert!(out.text.contains("A theirs"));
    }

    #[test]
    fn manifest_lists_merge_by_id() {
        let base = "(\n    title: \"T\",\n    people: [\n        (id: \"p1\", name: (en: \"One\")),\n    ],\n    places: [],\n)\n";
        let ours = base.replace("title: \"T\"", "title: \"T ours\"").replace(
            "(en: \"One\")),\n",
            "(en: \"One\")),\n        (id: \"p2\", name: (en: \"Two\")),\n",
        );
        let theirs = base.replace(
            "(en: \"One\")),\n",
            "(en: \"One\"), role: \"Premier\"),\n        (id: \"p3\", name: (en: \"Three\")),\n",
        );
        let out = merge_texts(base, &ours, &theirs).unwrap();
        assert!(out.conflicts.is_empty(), "{}", out.text);
        let m: crate::model::manifest::Manifest = super::super::parse::ron_options()
            .from_str(&out.text)
            .unwrap();
        let people: Vec<_> = m.people.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(people, ["p1", "p2", "p3"]);
        assert_eq!(m.people[0].role, Some("Premier".into()));
        assert_eq!(m.title, "T ours".into());
        // The title changed on both sides: a conflict on that field only.
        let theirs = theirs.replace("title: \"T\"", "title: \"T theirs\"");
        let out = merge_texts(base, &ours, &theirs).unwrap();
        assert_eq!(out.conflicts.len(), 1);
        assert_eq!(out.conflicts[0].fields, ["title"]);
        let taken = resolve_conflict(&out.text, 0, Side::Theirs).unwrap();
        let m: crate::model::manifest::Manifest =
            super::super::parse::ron_options().from_str(&taken).unwrap();
        assert_eq!(m.title, "T theirs".into());
        assert_eq!(m.people.len(), 3);
    }

    #[test]
    fn unreadable_sides_are_refused() {
        assert!(merge_texts(BASE, "[ (id: \"a\"", BASE.replace("A", "Z").as_str()).is_err());
        let dup = append(BASE, &rec("a", "again"));
        assert!(merge_texts(BASE, &dup, &BASE.replace("A", "Z")).is_err());
        let out = whole_file_merge("a\n", "b\n", "c\n");
        assert_eq!(out.text, "<<<<<<< ours\nb\n=======\nc\n>>>>>>> theirs\n");
    }

    #[test]
    fn conflict_labels_read_back() {
        for c in [
            Conflict {
                record: Some("hog-29".into()),
                fields: vec!["summary".into(), "title".into()],
                deleted_by: None,
            },
            Conflict {
                record: Some("x".into()),
                fields: vec![],
                deleted_by: Some(Side::Ours),
            },
            Conflict {
                record: None,
                fields: vec!["steps".into()],
                deleted_by: None,
            },
        ] {
            assert_eq!(
                Conflict::parse(&format!("<<<<<<< ours: {}", c.describe())),
                Some(c)
            );
        }
        assert_eq!(Conflict::parse("<<<<<<< HEAD"), None);
    }
}
