//! Merging three versions of a dataset file (base, ours, theirs) record by record, keyed by
//! id, as git's merge driver `annals merge-file` does; and reading back the conflicts it
//! leaves, so `annals check` and the window can report and resolve them.
//!
//! Pure text work. The tokenizer cuts each side's list into records and each record into its
//! top-level fields; every record and every field takes the comments that belong to it: the
//! comment lines above it and a comment after its comma on the same line. What remains is the
//! list's (or record's) head, from the start to the opening bracket's line, and its foot, from
//! the last record to the end: the comments there belong to the list.
//!
//! **Comments are data.** Each piece (head, foot, a record with its comments, a field with
//! its comments) is compared by its words: its tokens and its comments, so a comment added,
//! removed, edited or moved is a change, while layout (blanks, line breaks, indentation, a
//! trailing comma) is not, and one side running `fmt` conflicts with nothing. Then, piece by
//! piece: changed on one side only, that side's text is taken; changed the same way on both,
//! ours'; changed differently on both, a record (or a field of a file) merges part by part:
//! the comment lines above it, the comment beside it and the record itself (field by field,
//! each field with its own comments) each go to the side that changed them, and a part both
//! sides changed differently is a conflict. A record deleted on one side and changed
//! (comments included) on the other is a conflict. So a clean merge holds every comment that
//! neither side removed and every comment a side added, and applies every removal; nothing
//! is dropped without a conflict saying where.
//!
//! The result is ours' text with the merge spliced in, as saving does: every piece that
//! comes from ours keeps its bytes.
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
//! that field's line(s) the same way. Comments that belong to no field (a record's, or the
//! file's head or foot) changed differently on both sides are named [`COMMENTS`]: "merge
//! conflict in record `hog-29`, field `(comments)`", or "in field `(comments)`" around the
//! file's head or foot.

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
    // What comes from theirs takes ours' line endings.
    let crlf = super::parse::uses_crlf(ours);
    let nl = if crlf { "\r\n" } else { "\n" };
    let theirs_eol;
    let theirs = if crlf != super::parse::uses_crlf(theirs) || (!crlf && theirs.contains("\r\n")) {
        let lf = theirs.replace("\r\n", "\n");
        theirs_eol = if crlf { lf.replace('\n', "\r\n") } else { lf };
        theirs_eol.as_str()
    } else {
        theirs
    };
    let (text, conflicts) = match shapes {
        [Shape::List | Shape::Empty, Shape::List, Shape::List] => merge_list(
            Some(base).filter(|_| shapes[0] == Shape::List),
            ours,
            theirs,
            "id",
            true,
            nl,
        )?,
        [Shape::Record | Shape::Empty, Shape::Record, Shape::Record] => merge_record(
            Some(base).filter(|_| shapes[0] == Shape::Record),
            ours,
            theirs,
            true,
            nl,
        )?
        .wrapped(nl),
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

/// The name a conflict gives to comments that belong to no field: those written before a
/// list's first record or after its last one, before or after a record, or between a
/// record's brackets and its first or last field.
pub const COMMENTS: &str = "(comments)";

/// A list or a record cut into pieces that cover its whole text, in order: `head` (for a file,
/// its comments and attributes; the opening bracket and the rest of its line when that is
/// blank or a comment), the units, and `foot` (what follows the last unit: comment lines,
/// the closing bracket, the rest of the text).
struct Cut {
    head: Range<usize>,
    units: Vec<Unit>,
    foot: Range<usize>,
}

/// One record of a list, or one field of a record, with the text around it that belongs to
/// it: `lead`, the comment and blank lines above it and the indentation of its first line;
/// `item`, the record (or `name: value`); `tail`, its comma and the rest of its line when
/// that is blank or a comment, line break included.
struct Unit {
    key: String,
    lead: Range<usize>,
    item: Range<usize>,
    /// The field's value (for a record of a list: the record).
    value: Range<usize>,
    tail: Range<usize>,
}

/// `at`, or just past the end of its line when the rest of that line is blank or a line
/// comment.
fn past_line_rest(text: &str, at: usize) -> usize {
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
    let rest = text[at..line_end].trim();
    if rest.is_empty() || rest.starts_with("//") {
        line_end
    } else {
        at
    }
}

/// Cut `text`, whose opening bracket ends at `open_end`, around its `items` (key, item,
/// value), which are in order.
fn cut(text: &str, open_end: usize, items: Vec<(String, Range<usize>, Range<usize>)>) -> Cut {
    let head_end = past_line_rest(text, open_end);
    let mut pos = head_end;
    let mut units = Vec::with_capacity(items.len());
    for (key, item, value) in items {
        let after = comma_after(text, item.end).unwrap_or(item.end);
        let end = past_line_rest(text, after);
        units.push(Unit {
            key,
            lead: pos..item.start,
            tail: item.end..end,
            item,
            value,
        });
        pos = end;
    }
    Cut {
        head: 0..head_end,
        units,
        foot: pos..text.len(),
    }
}

/// A list text cut into its records (keyed by `key`); `Ok(None)` for a text with no list.
fn cut_list(side: &str, text: &str, key: &str) -> Result<Option<Cut>, String> {
    Ok(keyed_records(side, text, key)?.map(|(layout, records)| {
        let items = records
            .into_iter()
            .map(|(k, span)| (k, span.clone(), span))
            .collect();
        cut(text, layout.open + 1, items)
    }))
}

/// A record's text cut into its top-level fields (keyed by name).
fn cut_record(side: &str, text: &str) -> Result<Cut, String> {
    let (fields, open_end) = fields_of(text).map_err(|e| format!("{side}: {e}"))?;
    let mut seen = std::collections::HashSet::new();
    let mut items = Vec::with_capacity(fields.len());
    for f in fields {
        if !seen.insert(f.name.clone()) {
            return Err(format!("{side}: field `{}` is written twice", f.name));
        }
        items.push((f.name, f.span, f.value));
    }
    Ok(cut(text, open_end, items))
}

/// What a merge compares in `src[range]`: its tokens and its comments, in order. Layout
/// (blanks, line breaks, indentation) does not count, nor a comma that only closes a list or
/// a record (`(a: 1,)` reads as `(a: 1)`); a comment's words do, and whether it starts its
/// own line (a comment beside a field is not the same as one on the line below it).
fn words(src: &str, range: Range<usize>) -> Vec<&str> {
    fn comments<'a>(src: &'a str, gap: Range<usize>, out: &mut Vec<&'a str>) {
        for c in super::lex::comments_in(&src[gap.clone()]) {
            let start = gap.start + c.start;
            if line_indent(src, start).is_some() {
                out.push("\n");
            }
            out.push(src[start..gap.start + c.end].trim_end());
        }
    }
    let text = &src[range.clone()];
    let Ok(tokens) = tokenize(text) else {
        return vec![text.trim()];
    };
    let mut out = Vec::with_capacity(tokens.len());
    let mut pos = range.start;
    for (i, tok) in tokens.iter().enumerate() {
        comments(src, pos..range.start + tok.span.start, &mut out);
        pos = range.start + tok.span.end;
        if tok.kind == TokenKind::Punct(b',')
            && matches!(
                tokens.get(i + 1).map(|t| t.kind),
                None | Some(TokenKind::Punct(b')' | b']' | b'}'))
            )
        {
            continue;
        }
        out.push(&text[tok.span.clone()]);
    }
    comments(src, pos..range.end, &mut out);
    out
}

/// [`words`] without its comments: what a piece that no base has (a file or a record added
/// on both sides) is compared against, so that a comment one side added there is that
/// side's change.
fn without_comments(words: Vec<&str>) -> Vec<&str> {
    words
        .into_iter()
        .filter(|w| *w != "\n" && !w.starts_with("//") && !w.starts_with("/*"))
        .collect()
}

/// Whether a unit's tail holds its comma.
fn has_comma(tail: &str) -> bool {
    tokenize(tail).is_ok_and(|t| t.iter().any(|t| t.kind == TokenKind::Punct(b',')))
}

/// Who changed a piece, given what base, ours and theirs compare as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pick {
    /// Nobody, ours only, or both the same way: ours.
    Ours,
    /// Theirs only.
    Theirs,
    /// Both, differently.
    Both,
}

fn pick<T: PartialEq>(b: &T, o: &T, t: &T) -> Pick {
    if o == t || b == t {
        Pick::Ours
    } else if b == o {
        Pick::Theirs
    } else {
        Pick::Both
    }
}

/// A piece of a merged list or record: one text, or two versions and their conflict.
enum Merged<T> {
    Same(T),
    Both(T, T, Conflict),
}

impl<T> Merged<T> {
    fn conflict(&self) -> Option<&Conflict> {
        match self {
            Merged::Same(_) => None,
            Merged::Both(_, _, c) => Some(c),
        }
    }

    fn side(&self, side: Side) -> &T {
        match (self, side) {
            (Merged::Same(x), _) | (Merged::Both(x, _, _), Side::Ours) => x,
            (Merged::Both(_, x, _), Side::Theirs) => x,
        }
    }
}

/// A unit's text as it goes into the result.
#[derive(Clone)]
struct UnitText {
    lead: String,
    item: String,
    tail: String,
    /// Its lead starts a line.
    starts_line: bool,
}

impl UnitText {
    fn of(text: &str, unit: &Unit) -> Self {
        UnitText {
            lead: text[unit.lead.clone()].to_owned(),
            item: text[unit.item.clone()].to_owned(),
            tail: text[unit.tail.clone()].to_owned(),
            starts_line: unit.lead.start == 0 || text[..unit.lead.start].ends_with('\n'),
        }
    }

    /// Its lines moved from indent `from` to `to`.
    fn reindented(self, from: &str, to: &str) -> Self {
        if from == to {
            return self;
        }
        let lead = if self.starts_line {
            reindent(&format!("\n{}", self.lead), from, to)[1..].to_owned()
        } else {
            reindent(&self.lead, from, to)
        };
        UnitText {
            lead,
            item: reindent(&self.item, from, to),
            ..self
        }
    }

    /// Written after `out`, with a comma after the item if `comma` and it has none.
    fn push_to(&self, out: &mut String, comma: bool, nl: &str) {
        if self.starts_line && !out.is_empty() && !out.ends_with('\n') {
            out.push_str(nl);
        }
        out.push_str(&self.lead);
        out.push_str(&self.item);
        if comma && !has_comma(&self.tail) {
            out.push(',');
        }
        out.push_str(&self.tail);
    }
}

/// A list or a record merged: its pieces in the order they are written.
struct Pieces {
    head: Merged<String>,
    units: Vec<Merged<Option<UnitText>>>,
    foot: Merged<String>,
    /// Conflicts already written inside the pieces (a list of the manifest merged record by
    /// record).
    inner: Vec<Conflict>,
}

/// Two versions of a conflict between git's marker lines, starting on a line of its own
/// and ending with a line break.
fn push_block(
    out: &mut String,
    conflict: &Conflict,
    ours: Option<&str>,
    theirs: Option<&str>,
    nl: &str,
) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(nl);
    }
    out.push_str(OURS_MARKER);
    out.push_str(" ours: ");
    out.push_str(&conflict.describe());
    out.push_str(nl);
    for (version, marker) in [(ours, SEPARATOR), (theirs, THEIRS_MARKER)] {
        if let Some(text) = version {
            out.push_str(text);
            if !text.ends_with('\n') {
                out.push_str(nl);
            }
        }
        out.push_str(marker);
        if marker == THEIRS_MARKER {
            out.push_str(" theirs");
        }
        out.push_str(nl);
    }
}

impl Pieces {
    /// The text of one side's version: every piece that merged, and that side's version of
    /// each conflicting one.
    fn version(&self, side: Side, nl: &str) -> String {
        let mut out = self.head.side(side).clone();
        let units: Vec<&UnitText> = self
            .units
            .iter()
            .filter_map(|u| u.side(side).as_ref())
            .collect();
        for (i, u) in units.iter().enumerate() {
            u.push_to(&mut out, i + 1 < units.len(), nl);
        }
        out.push_str(self.foot.side(side));
        out
    }

    /// The names of the conflicting pieces (fields, or [`COMMENTS`]), each once.
    fn conflicted(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        let all = (self.head.conflict().into_iter())
            .chain(self.units.iter().filter_map(Merged::conflict))
            .chain(self.foot.conflict());
        for c in all {
            for f in &c.fields {
                if !names.contains(f) {
                    names.push(f.clone());
                }
            }
        }
        names
    }

    /// One text, each conflicting piece written twice between marker lines.
    fn wrapped(self, nl: &str) -> (String, Vec<Conflict>) {
        let Pieces {
            head,
            units,
            foot,
            inner,
        } = self;
        let mut out = String::new();
        let mut conflicts = inner;
        let gap =
            |piece: Merged<String>, out: &mut String, conflicts: &mut Vec<Conflict>| match piece {
                Merged::Same(text) => out.push_str(&text),
                Merged::Both(o, t, c) => {
                    push_block(out, &c, Some(&o), Some(&t), nl);
                    conflicts.push(c);
                }
            };
        gap(head, &mut out, &mut conflicts);
        let last = units
            .iter()
            .rposition(|u| !matches!(u, Merged::Same(None)))
            .unwrap_or(0);
        for (i, unit) in units.into_iter().enumerate() {
            match unit {
                Merged::Same(None) => {}
                Merged::Same(Some(u)) => u.push_to(&mut out, i < last, nl),
                Merged::Both(o, t, c) => {
                    let text = |u: Option<UnitText>| {
                        u.map(|u| {
                            let mut s = String::new();
                            u.push_to(&mut s, true, nl);
                            s
                        })
                    };
                    push_block(&mut out, &c, text(o).as_deref(), text(t).as_deref(), nl);
                    conflicts.push(c);
                }
            }
        }
        gap(foot, &mut out, &mut conflicts);
        (out, conflicts)
    }
}

/// What is being merged: the records of a list (of events, whose records merged on both
/// sides are written in the canonical layout), or the fields of a record (a whole file's:
/// the manifest's lists merge record by record and conflicts are written around a field).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    List { events: bool },
    Record { top: bool },
}

impl Level {
    fn unit_conflict(self, key: &str, fields: Vec<String>, deleted_by: Option<Side>) -> Conflict {
        match self {
            Level::List { .. } => Conflict {
                record: Some(key.to_owned()),
                fields,
                deleted_by,
            },
            Level::Record { .. } => Conflict {
                record: None,
                fields: vec![key.to_owned()],
                deleted_by: None,
            },
        }
    }
}

fn comments_conflict() -> Conflict {
    Conflict {
        record: None,
        fields: vec![COMMENTS.to_owned()],
        deleted_by: None,
    }
}

/// One side's text and its cut.
type CutText<'a> = (&'a str, &'a Cut);

/// Three-way merge of a list or a record, piece by piece. The result has ours' pieces in
/// ours' order, theirs' additions after the piece theirs has before them.
fn merge_cut(
    b: Option<CutText<'_>>,
    (ours, oc): CutText<'_>,
    (theirs, tc): CutText<'_>,
    level: Level,
    nl: &str,
) -> Result<Pieces, String> {
    let base = b.map_or("", |(text, _)| text);
    let gap = |range: fn(&Cut) -> Range<usize>| {
        let (ow, tw) = (words(ours, range(oc)), words(theirs, range(tc)));
        let bw = match b {
            Some((text, c)) => words(text, range(c)),
            None => without_comments(ow.clone()),
        };
        let (o, t) = (&ours[range(oc)], &theirs[range(tc)]);
        match pick(&bw, &ow, &tw) {
            Pick::Ours => Merged::Same(o.to_owned()),
            Pick::Theirs => Merged::Same(t.to_owned()),
            Pick::Both => Merged::Both(o.to_owned(), t.to_owned(), comments_conflict()),
        }
    };
    let head = gap(|c| c.head.clone());
    let foot = gap(|c| c.foot.clone());

    let b_units: HashMap<&str, &Unit> = b
        .map(|(_, c)| c.units.iter().map(|u| (u.key.as_str(), u)).collect())
        .unwrap_or_default();
    let t_units: HashMap<&str, &Unit> = tc.units.iter().map(|u| (u.key.as_str(), u)).collect();
    let o_index: HashMap<&str, usize> = oc
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.key.as_str(), i))
        .collect();
    let ours_indent = |u: &Unit| line_indent(ours, u.item.start).unwrap_or(INDENT);
    let mut inner = Vec::new();
    let mut resolved = Vec::with_capacity(oc.units.len());
    for u in &oc.units {
        let k = u.key.as_str();
        resolved.push(resolve_unit(
            k,
            b_units.get(k).map(|x| (base, *x)),
            Some((ours, u)),
            t_units.get(k).map(|x| (theirs, *x)),
            ours_indent(u),
            level,
            nl,
            &mut inner,
        )?);
    }

    // Units ours does not have go where theirs put them: after the unit theirs has before
    // them (past ours' own additions there, so that ours' come first).
    let is_ours_addition = |i: usize| {
        !b_units.contains_key(oc.units[i].key.as_str())
            && !t_units.contains_key(oc.units[i].key.as_str())
    };
    let mut insertions: BTreeMap<Option<usize>, Vec<Merged<Option<UnitText>>>> = BTreeMap::new();
    for (j, tu) in tc.units.iter().enumerate() {
        let k = tu.key.as_str();
        if o_index.contains_key(k) {
            continue;
        }
        let mut anchor = tc.units[..j].iter().rev().find_map(|p| {
            o_index
                .get(p.key.as_str())
                .copied()
                .filter(|&i| !matches!(resolved[i], Merged::Same(None)))
        });
        loop {
            let next = anchor.map_or(0, |a| a + 1);
            if next < oc.units.len() && is_ours_addition(next) {
                anchor = Some(next);
            } else {
                break;
            }
        }
        let to = anchor.or((!oc.units.is_empty()).then_some(0)).map_or_else(
            || line_indent(theirs, tu.item.start).unwrap_or(INDENT),
            |i| ours_indent(&oc.units[i]),
        );
        let r = resolve_unit(
            k,
            b_units.get(k).map(|x| (base, *x)),
            None,
            Some((theirs, tu)),
            to,
            level,
            nl,
            &mut inner,
        )?;
        if !matches!(r, Merged::Same(None)) {
            insertions.entry(anchor).or_default().push(r);
        }
    }
    let mut units = insertions.remove(&None).unwrap_or_default();
    for (i, r) in resolved.into_iter().enumerate() {
        units.push(r);
        units.extend(insertions.remove(&Some(i)).unwrap_or_default());
    }
    Ok(Pieces {
        head,
        units,
        foot,
        inner,
    })
}

/// Three-way merge of one unit (`None`: the side does not have it). Theirs' text moves to
/// indent `to` (in a list).
#[allow(clippy::too_many_arguments)]
fn resolve_unit(
    key: &str,
    b: Option<(&str, &Unit)>,
    o: Option<(&str, &Unit)>,
    t: Option<(&str, &Unit)>,
    to: &str,
    level: Level,
    nl: &str,
    inner: &mut Vec<Conflict>,
) -> Result<Merged<Option<UnitText>>, String> {
    type Words<'a> = (Vec<&'a str>, Vec<&'a str>, Vec<&'a str>);
    fn words_of<'a>(side: Option<(&'a str, &Unit)>) -> Option<Words<'a>> {
        side.map(|(text, u)| {
            (
                words(text, u.lead.clone()),
                words(text, u.item.clone()),
                words(text, u.tail.clone()),
            )
        })
    }
    let (wb, wo, wt) = (words_of(b), words_of(o), words_of(t));
    let ours_text = |(text, u): (&str, &Unit)| UnitText::of(text, u);
    let theirs_text = |(text, u): (&str, &Unit)| {
        let from = line_indent(text, u.item.start).unwrap_or(INDENT);
        let to = if matches!(level, Level::List { .. }) {
            to
        } else {
            from
        };
        UnitText::of(text, u).reindented(from, to)
    };
    match pick(&wb, &wo, &wt) {
        Pick::Ours => return Ok(Merged::Same(o.map(ours_text))),
        Pick::Theirs => return Ok(Merged::Same(t.map(theirs_text))),
        Pick::Both => {}
    }
    let (Some(os), Some(ts), Some(wo), Some(wt)) = (o, t, wo, wt) else {
        let deleted_by = if o.is_none() {
            Side::Ours
        } else {
            Side::Theirs
        };
        return Ok(Merged::Both(
            o.map(ours_text),
            t.map(theirs_text),
            level.unit_conflict(key, Vec::new(), Some(deleted_by)),
        ));
    };
    // Changed on both sides: its comments above and beside it, and the item, each merge on
    // their own.
    let (ou, tu) = (ours_text(os), theirs_text(ts));
    let (bl, bi, bt) = match wb {
        Some((l, i, t)) => (l, Some(i), t),
        None => (Vec::new(), None, Vec::new()),
    };
    let part = |p: Pick, o: &String, t: &String| match p {
        Pick::Ours => (o.clone(), o.clone()),
        Pick::Theirs => (t.clone(), t.clone()),
        Pick::Both => (o.clone(), t.clone()),
    };
    let (lead_pick, tail_pick) = (pick(&bl, &wo.0, &wt.0), pick(&bt, &wo.2, &wt.2));
    let comments_conflict = lead_pick == Pick::Both || tail_pick == Pick::Both;
    let (lead_o, lead_t) = part(lead_pick, &ou.lead, &tu.lead);
    let (tail_o, tail_t) = part(tail_pick, &ou.tail, &tu.tail);
    let mut item_inner = Vec::new();
    let (item_o, item_t, mut names) = match pick(&bi, &Some(wo.1), &Some(wt.1)) {
        Pick::Ours => (ou.item.clone(), ou.item.clone(), Vec::new()),
        Pick::Theirs => (tu.item.clone(), tu.item.clone(), Vec::new()),
        Pick::Both => {
            let b_item = b.map(|(text, u)| &text[u.item.clone()]);
            let b_value = b.map(|(text, u)| &text[u.value.clone()]);
            merge_item(
                key,
                (b_item, b_value),
                os,
                (&tu.item, &ts.0[ts.1.value.clone()]),
                level,
                nl,
                &mut item_inner,
            )?
        }
    };
    if names.is_empty() && !comments_conflict {
        inner.extend(item_inner);
        return Ok(Merged::Same(Some(UnitText {
            lead: lead_o,
            item: item_o,
            tail: tail_o,
            starts_line: ou.starts_line,
        })));
    }
    // A conflict: a list merged inside the item (with conflicts of its own) is not written
    // inside another conflict; the item is then written as each side has it.
    let (item_o, item_t) = if item_inner.is_empty() {
        (item_o, item_t)
    } else {
        (ou.item.clone(), tu.item.clone())
    };
    if comments_conflict && !names.iter().any(|n| n == COMMENTS) {
        names.push(COMMENTS.to_owned());
    }
    let conflict = level.unit_conflict(key, names, None);
    Ok(Merged::Both(
        Some(UnitText {
            lead: lead_o,
            item: item_o,
            tail: tail_o,
            starts_line: ou.starts_line,
        }),
        Some(UnitText {
            lead: lead_t,
            item: item_t,
            tail: tail_t,
            starts_line: ou.starts_line,
        }),
        conflict,
    ))
}

/// An item changed on both sides: a record of a list merged field by field; a field of the
/// manifest that is a list of records merged record by record; any other field: a conflict.
/// Returns ours' and theirs' versions and the names of what conflicts (none: one text).
fn merge_item(
    key: &str,
    (b_item, b_value): (Option<&str>, Option<&str>),
    (ours, ou): (&str, &Unit),
    (t_item, t_value): (&str, &str),
    level: Level,
    nl: &str,
    inner: &mut Vec<Conflict>,
) -> Result<(String, String, Vec<String>), String> {
    let o_item = &ours[ou.item.clone()];
    match level {
        Level::List { events } => {
            let pieces = merge_record(b_item, o_item, t_item, false, nl)?;
            let names = pieces.conflicted();
            let indent = line_indent(ours, ou.item.start).unwrap_or(INDENT);
            let finish = |text: String| {
                if events {
                    canonical_event(&text, indent)
                } else {
                    text
                }
            };
            let o = finish(pieces.version(Side::Ours, nl));
            let t = if names.is_empty() {
                o.clone()
            } else {
                finish(pieces.version(Side::Theirs, nl))
            };
            Ok((o, t, names))
        }
        Level::Record { top } => {
            let o_value = &ours[ou.value.clone()];
            if top
                && let Some(list_key) = keyed_list_field(key)
                && o_value.starts_with('[')
                && t_value.starts_with('[')
                && b_value.is_none_or(|b| b.starts_with('['))
            {
                let (value, conflicts) = merge_list(b_value, o_value, t_value, list_key, false, nl)
                    .map_err(|e| format!("`{key}`: {e}"))?;
                inner.extend(conflicts);
                let item = format!("{}{value}", &ours[ou.item.start..ou.value.start]);
                return Ok((item.clone(), item, Vec::new()));
            }
            Ok((o_item.to_owned(), t_item.to_owned(), vec![key.to_owned()]))
        }
    }
}

/// Merge three list texts keyed by `key` (`base` absent: no list in base); ours' text with
/// the merge applied, and its conflicts.
fn merge_list(
    base: Option<&str>,
    ours: &str,
    theirs: &str,
    key: &str,
    events: bool,
    nl: &str,
) -> Result<(String, Vec<Conflict>), String> {
    let bc = match base {
        Some(text) => cut_list("base", text, key)?,
        None => None,
    };
    let oc = cut_list("ours", ours, key)?.ok_or("ours holds no list")?;
    let tc = cut_list("theirs", theirs, key)?.ok_or("theirs holds no list")?;
    let pieces = merge_cut(
        base.zip(bc.as_ref()),
        (ours, &oc),
        (theirs, &tc),
        Level::List { events },
        nl,
    )?;
    Ok(pieces.wrapped(nl))
}

/// Merge three versions of a record field by field. `top`: the record is a whole file
/// (manifest, storyline), whose lists of people etc. merge record by record.
fn merge_record(
    base: Option<&str>,
    ours: &str,
    theirs: &str,
    top: bool,
    nl: &str,
) -> Result<Pieces, String> {
    let bc = base.map(|text| cut_record("base", text)).transpose()?;
    let oc = cut_record("ours", ours)?;
    let tc = cut_record("theirs", theirs)?;
    merge_cut(
        base.zip(bc.as_ref()),
        (ours, &oc),
        (theirs, &tc),
        Level::Record { top },
        nl,
    )
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

/// A top-level field of a record.
#[derive(Clone, Debug)]
struct Field {
    name: String,
    /// From its name to the end of its value.
    span: Range<usize>,
    value: Range<usize>,
}

/// The top-level fields of the record in `text` (attributes and comments may come first),
/// and where its opening `(` ends.
fn fields_of(text: &str) -> Result<(Vec<Field>, usize), String> {
    let tokens = tokenize(text).map_err(|e| e.message)?;
    let mut i = skip_attributes(&tokens);
    if tokens.get(i).map(|t| t.kind) == Some(TokenKind::Ident) {
        i += 1;
    }
    let open_end = match tokens.get(i) {
        Some(t) if t.kind == TokenKind::Punct(b'(') => t.span.end,
        _ => return Err("expected a record `( … )`".to_owned()),
    };
    i += 1;
    let mut fields = Vec::new();
    let mut depth = 0i32;
    while let Some(tok) = tokens.get(i) {
        match tok.kind {
            TokenKind::Punct(b')') if depth == 0 => return Ok((fields, open_end)),
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
    fn manifest_comments_merge_like_records() {
        let base = "// The manifest.\n(\n    title: \"T\",\n    people: [\n        (id: \"p1\", name: (en: \"One\")),\n        (id: \"p2\", name: (en: \"Two\")),\n    ],\n)\n";
        // Theirs comments on p1 and on the title; ours changes p1 and adds to the list's end.
        let theirs = base
            .replace(
                "        (id: \"p1\"",
                "        // Born 1959.\n        (id: \"p1\"",
            )
            .replace("title: \"T\",", "title: \"T\", // working title");
        let ours = base.replace("(en: \"One\"))", "(en: \"One\"), role: \"Premier\")").replace(
            "(en: \"Two\")),\n",
            "(en: \"Two\")),\n        // Added by ours.\n        (id: \"p3\", name: (en: \"Three\")),\n",
        );
        let out = merge_texts(base, &ours, &theirs).unwrap();
        assert!(out.conflicts.is_empty(), "{}", out.text);
        for kept in [
            "// The manifest.\n",
            "title: \"T\", // working title\n",
            "        // Born 1959.\n        (id: \"p1\", name: (en: \"One\"), role: \"Premier\"),\n",
            "        // Added by ours.\n        (id: \"p3\"",
        ] {
            assert!(out.text.contains(kept), "{kept}\n{}", out.text);
        }
        let m: crate::model::manifest::Manifest = super::super::parse::ron_options()
            .from_str(&out.text)
            .unwrap();
        assert_eq!(m.people.len(), 3);
        // The title's comment written differently on both sides: a conflict on `title`.
        let ours = base.replace("title: \"T\",", "title: \"T\", // final title");
        let out = merge_texts(base, &ours, &theirs).unwrap();
        assert_eq!(out.conflicts.len(), 1, "{}", out.text);
        assert_eq!(out.conflicts[0].fields, ["title"]);
        let taken = resolve_conflict(&out.text, 0, Side::Theirs).unwrap();
        assert!(taken.contains("// working title") && taken.contains("// Born 1959."));
        assert!(!taken.contains("// final title"));
    }

    #[test]
    fn unreadable_sides_are_refused() {
        assert!(merge_texts(BASE, "[ (id: \"a\"", BASE.replace("A", "Z").as_str()).is_err());
        let dup = append(BASE, &rec("a", "again"));
        assert!(merge_texts(BASE, &dup, &BASE.replace("A", "Z")).is_err());
        let out = whole_file_merge("a\n", "b\n", "c\n");
        assert_eq!(out.text, "<<<<<<< ours\nb\n=======\nc\n>>>>>>> theirs\n");
    }

    /// A merge with no conflict.
    fn clean(base: &str, ours: &str, theirs: &str) -> String {
        let out = merge_texts(base, ours, theirs).unwrap();
        assert!(
            out.conflicts.is_empty(),
            "{:?}\n{}",
            out.conflicts,
            out.text
        );
        assert!(list_layout(&out.text).is_ok(), "{}", out.text);
        out.text
    }

    #[test]
    fn a_comment_added_inside_a_record_the_other_side_changed_is_kept() {
        let commented = BASE.replace(
            "        summary: \"b\",\n",
            "        // Checked against TASS.\n        summary: \"b\", // short\n",
        );
        let retitled = BASE.replace("title: \"B\"", "title: \"B2\"");
        for (ours, theirs) in [(&commented, &retitled), (&retitled, &commented)] {
            let text = clean(BASE, ours, theirs);
            assert!(
                text.contains(
                    "        // Checked against TASS.\n        summary: \"b\", // short\n"
                ),
                "{text}"
            );
            assert!(text.contains("title: \"B2\""), "{text}");
            assert!(text.contains("// b's comment") && text.starts_with("// Visits."));
        }
    }

    #[test]
    fn a_comment_only_change_on_theirs_is_carried_into_the_result() {
        let ours = BASE.replace("title: \"A\"", "title: \"A2\"");
        // Added inside a record, removed between records, edited at the top.
        let theirs = BASE
            .replace(
                "        when: \"2025\",\n",
                "        when: \"2025\", // or 2026?\n",
            )
            .replace("    // b's comment\n", "")
            .replace("// Visits.", "// Visits abroad.");
        let text = clean(BASE, &ours, &theirs);
        assert!(text.contains("when: \"2025\", // or 2026?"), "{text}");
        assert!(!text.contains("b's comment"), "{text}");
        assert!(
            text.starts_with("// Visits abroad.\n") && text.contains("A2"),
            "{text}"
        );
        // The other way round: ours' comment changes stay, theirs' value change comes in.
        let text = clean(BASE, &theirs, &ours);
        assert!(text.contains("when: \"2025\", // or 2026?") && text.contains("A2"));
        assert!(!text.contains("b's comment") && text.starts_with("// Visits abroad.\n"));
    }

    #[test]
    fn a_comment_moved_between_records_moves() {
        let theirs = BASE.replace("    // b's comment\n", "").replace(
            "[\n    (\n        id: \"a\"",
            "[\n    // b's comment\n    (\n        id: \"a\"",
        );
        let ours = append(BASE, &rec("c", "C"));
        let text = clean(BASE, &ours, &theirs);
        assert_eq!(text.matches("// b's comment").count(), 1, "{text}");
        assert!(
            text.find("// b's comment") < text.find("id: \"a\""),
            "{text}"
        );
        assert_eq!(ids(&text), ["a", "b", "c"]);
        // Moved to the end of the list, while ours changed b.
        let theirs = BASE
            .replace("    // b's comment\n", "")
            .replace("    ),\n]\n", "    ),\n    // b's comment\n]\n");
        let ours = BASE.replace("summary: \"b\"", "summary: \"b2\"");
        let text = clean(BASE, &ours, &theirs);
        assert!(text.ends_with("    // b's comment\n]\n"), "{text}");
        assert_eq!(text.matches("// b's comment").count(), 1, "{text}");
        assert!(text.contains("b2"));
    }

    #[test]
    fn comments_changed_differently_on_both_sides_conflict() {
        // The comment above a record.
        let ours = BASE.replace("// b's comment", "// b, ours");
        let theirs = BASE.replace("// b's comment", "// b, theirs");
        let out = merge_texts(BASE, &ours, &theirs).unwrap();
        assert_eq!(
            out.conflicts,
            [Conflict {
                record: Some("b".into()),
                fields: vec![COMMENTS.into()],
                deleted_by: None,
            }]
        );
        assert!(
            resolve_conflict(&out.text, 0, Side::Ours)
                .unwrap()
                .contains("// b, ours")
        );
        assert!(
            resolve_conflict(&out.text, 0, Side::Theirs)
                .unwrap()
                .contains("// b, theirs")
        );
        // A field's comment on one side, its value on the other: both kept.
        let ours = BASE.replace("summary: \"b\",", "summary: \"b\", // ours");
        let theirs = BASE.replace("summary: \"b\",", "summary: \"b theirs\",");
        let text = clean(BASE, &ours, &theirs);
        assert!(text.contains("summary: \"b theirs\", // ours"), "{text}");
        // The same field's comment, differently: a conflict on that field.
        let theirs = BASE.replace("summary: \"b\",", "summary: \"b\", // theirs");
        let out = merge_texts(BASE, &ours, &theirs).unwrap();
        assert_eq!(out.conflicts.len(), 1);
        assert_eq!(out.conflicts[0].fields, ["summary"]);
        // The same comment added on both sides: no conflict, written once.
        let text = clean(BASE, &ours, &ours.replace("title: \"A\"", "title: \"A2\""));
        assert_eq!(text.matches("// ours").count(), 1, "{text}");
        // The file's first comment.
        let out = merge_texts(
            BASE,
            &BASE.replace("// Visits.", "// Ours."),
            &BASE.replace("// Visits.", "// Theirs."),
        )
        .unwrap();
        assert_eq!(out.conflicts, [comments_conflict()]);
        let blocks = conflict_blocks(&out.text);
        assert_eq!(blocks.len(), 1);
        assert_eq!(ids(&blank_conflicts(&out.text, &blocks)), ["a", "b"]);
        let theirs = resolve_conflict(&out.text, 0, Side::Theirs).unwrap();
        assert_eq!(theirs, BASE.replace("// Visits.", "// Theirs."));
    }

    #[test]
    fn a_record_deleted_on_one_side_whose_comment_changed_on_the_other_conflicts() {
        let ours = BASE.replace("// b's comment", "// b matters");
        let theirs = BASE.replace(
            "    // b's comment\n    (\n        id: \"b\",\n        title: \"B\",\n        when: \"2025\",\n        kind: \"visit\",\n        summary: \"b\",\n    ),\n",
            "",
        );
        let out = merge_texts(BASE, &ours, &theirs).unwrap();
        assert_eq!(out.conflicts.len(), 1);
        assert_eq!(out.conflicts[0].deleted_by, Some(Side::Theirs));
        assert_eq!(
            ids(&resolve_conflict(&out.text, 0, Side::Theirs).unwrap()),
            ["a"]
        );
        let kept = resolve_conflict(&out.text, 0, Side::Ours).unwrap();
        assert!(kept.contains("// b matters"));
        // Deleted with its comment while the other side left it alone: gone, comment too.
        let text = clean(
            BASE,
            &BASE.replace("title: \"A\"", "title: \"A2\""),
            &theirs,
        );
        assert!(!text.contains("b's comment") && ids(&text) == ["a"]);
    }

    #[test]
    fn a_comment_inside_a_value_is_part_of_its_field() {
        let base = "[\n    (\n        id: \"a\",\n        sources: [\n            (publisher: \"TASS\"),\n        ],\n        title: \"A\",\n    ),\n]\n";
        let ours = base.replace(
            "(publisher: \"TASS\"),",
            "(publisher: \"TASS\"), // front page",
        );
        let theirs = base.replace("title: \"A\"", "title: \"A2\"");
        let text = clean(base, &ours, &theirs);
        assert!(
            text.contains("// front page") && text.contains("A2"),
            "{text}"
        );
        let theirs = base.replace("\"TASS\"", "\"Xinhua\"");
        let out = merge_texts(base, &ours, &theirs).unwrap();
        assert_eq!(out.conflicts.len(), 1, "{}", out.text);
        assert_eq!(out.conflicts[0].fields, ["sources"]);
    }

    #[test]
    fn theirs_comments_take_ours_line_endings() {
        let crlf = |t: &str| t.replace('\n', "\r\n");
        let ours = crlf(&BASE.replace("title: \"A\"", "title: \"A2\""));
        let theirs = BASE.replace("summary: \"b\",", "// why\n        summary: \"b\",");
        let text = clean(&crlf(BASE), &ours, &theirs);
        assert!(text.contains("// why\r\n"), "{text:?}");
        assert!(!text.replace("\r\n", "").contains('\n'), "{text:?}");
    }

    #[test]
    fn records_written_on_one_line_merge_too() {
        let base = "[(id: \"a\", x: 1), (id: \"b\", x: 2)]";
        let ours = "[(id: \"a\", x: 1, /* ours */ y: 3), (id: \"b\", x: 2), (id: \"c\")]";
        let theirs = "[(id: \"a\", x: 5), (id: \"b\", x: 2) /* theirs */, (id: \"d\")]";
        let text = clean(base, ours, theirs);
        assert_eq!(ids(&text), ["a", "b", "c", "d"]);
        assert!(
            text.contains("/* ours */") && text.contains("/* theirs */"),
            "{text}"
        );
        assert!(text.contains("x: 5") && text.contains("y: 3"), "{text}");
        // A conflict on one line still reads as ours' version.
        let theirs = "[(id: \"a\", x: 1, /* theirs */ y: 4), (id: \"b\", x: 2)]";
        let out = merge_texts(base, ours, theirs).unwrap();
        assert_eq!(out.conflicts.len(), 1, "{}", out.text);
        let blocks = conflict_blocks(&out.text);
        assert_eq!(ids(&blank_conflicts(&out.text, &blocks)), ["a", "b", "c"]);
        let taken = resolve_conflict(&out.text, 0, Side::Theirs).unwrap();
        assert!(
            taken.contains("/* theirs */ y: 4") && !taken.contains("ours"),
            "{taken}"
        );
        assert_eq!(ids(&taken), ["a", "b", "c"]);
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
