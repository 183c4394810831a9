//! A fast reader for event files written the usual way: a list of records whose fields are
//! strings, lists of strings, the status, a series and sources, with comments anywhere.
//! It reads such a file in one pass over its bytes, several times faster than tokenizing it
//! and handing each record to `ron`, and gives the same events and record spans.
//!
//! Anything it is not sure to read exactly as `ron` does (an attribute, a raw string, an
//! escape other than `\" \\ \' \n \r \t \0`, `Some(…)`, a named struct, a number that is not
//! plain digits, a field written twice or missing, a date that does not read, an empty list,
//! non-ASCII outside strings…) makes it give up on the whole file, which is then read by the
//! general path (`lex::list_layout` and `ron`), with its diagnostics. A test runs both paths
//! on the same records and checks that they agree.

use std::ops::Range;

use crate::model::date::EventDate;
use crate::model::event::{Event, SeriesRef, Source, Status, Symbol};
use crate::model::text::{Language, Text};

/// Events of an event file with the byte range of each record, or `None` when the file is
/// not in the shape read here (read it with the general path then).
pub fn parse_event_list(text: &str) -> Option<Vec<(Event, Range<usize>)>> {
    let mut events = Vec::new();
    parse_list(text, |event, span, _| events.push((event, span)))?;
    Some(events)
}

/// A list read by [`parse_event_list_noting_comments`].
pub struct NotedList {
    /// Byte offsets of the list's `[` and `]`.
    pub open: usize,
    pub close: usize,
    /// Each record's event, byte range, and whether a comment is inside it.
    pub records: Vec<(Event, Range<usize>, bool)>,
}

/// [`parse_event_list`], with where the list opens and closes and whether each record has a
/// comment inside it (`annals fmt` leaves those as written).
pub fn parse_event_list_noting_comments(text: &str) -> Option<NotedList> {
    let mut records = Vec::new();
    let (open, close) = parse_list(text, |event, span, commented| {
        records.push((event, span, commented));
    })?;
    Some(NotedList {
        open,
        close,
        records,
    })
}

/// Read the list, handing each record to `each` (what it was handed is to be thrown away
/// if this gives `None`); the offsets of its `[` and `]`.
fn parse_list(
    text: &str,
    mut each: impl FnMut(Event, Range<usize>, bool),
) -> Option<(usize, usize)> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        i: 0,
        comments: false,
    };
    p.ws()?;
    let open = p.i;
    p.expect(b'[')?;
    let mut any = false;
    let mut close;
    loop {
        p.ws()?;
        close = p.i;
        if p.eat(b']') {
            break;
        }
        let start = p.i;
        p.comments = false;
        let event = p.event()?;
        each(event, start..p.i, p.comments);
        any = true;
        p.ws()?;
        if !p.eat(b',') {
            close = p.i;
            p.expect(b']')?;
            break;
        }
    }
    p.ws()?;
    // Nothing after the list; an empty list is left to the general path (it warns).
    (p.i == p.bytes.len() && any).then_some((open, close))
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    i: usize,
    /// A comment was skipped (since this was last set to false).
    comments: bool,
}

/// Which fields of a record have been read, to refuse one written twice.
#[derive(Default)]
struct Seen(u32);

impl Seen {
    fn first(&mut self, bit: u32) -> Option<()> {
        let mask = 1 << bit;
        if self.0 & mask != 0 {
            return None;
        }
        self.0 |= mask;
        Some(())
    }
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        self.eat(c).then_some(())
    }

    /// Skip spaces, line breaks and comments (a block comment holding another is left to the
    /// general path).
    fn ws(&mut self) -> Option<()> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.i += 1,
                Some(b'/') => match self.bytes.get(self.i + 1) {
                    Some(b'/') => {
                        self.comments = true;
                        self.i = memchr::memchr(b'\n', &self.bytes[self.i..])
                            .map_or(self.bytes.len(), |k| self.i + k);
                    }
                    Some(b'*') => {
                        self.comments = true;
                        let body = &self.text[self.i + 2..];
                        let end = body.find("*/")?;
                        if body[..end].contains("/*") {
                            return None;
                        }
                        self.i += 2 + end + 2;
                    }
                    _ => return None,
                },
                _ => return Some(()),
            }
        }
    }

    fn ident(&mut self) -> Option<&'a str> {
        let start = self.i;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            self.i += 1;
        }
        let word = &self.text[start..self.i];
        (!word.is_empty() && !word.as_bytes()[0].is_ascii_digit()).then_some(word)
    }

    /// A string literal `"…"`, borrowed when it has no escapes.
    fn string(&mut self) -> Option<std::borrow::Cow<'a, str>> {
        self.expect(b'"')?;
        let start = self.i;
        let rest = &self.bytes[start..];
        let end = memchr::memchr2(b'"', b'\\', rest)?;
        if rest[end] == b'"' {
            self.i = start + end + 1;
            return Some(std::borrow::Cow::Borrowed(&self.text[start..start + end]));
        }
        let mut out = String::with_capacity(end + 16);
        let mut i = start;
        loop {
            let k = memchr::memchr2(b'"', b'\\', &self.bytes[i..])?;
            out.push_str(&self.text[i..i + k]);
            i += k;
            if self.bytes[i] == b'"' {
                self.i = i + 1;
                return Some(std::borrow::Cow::Owned(out));
            }
            out.push(match self.bytes.get(i + 1)? {
                b'"' => '"',
                b'\\' => '\\',
                b'\'' => '\'',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'0' => '\0',
                _ => return None,
            });
            i += 2;
        }
    }

    fn boxed(&mut self) -> Option<Box<str>> {
        Some(self.string()?.into())
    }

    /// A record text: a string, or `(en: "…", zh: "…", ru: "…")` with at least one language,
    /// each at most once (anything else is left to ron, which says what is wrong).
    fn text(&mut self) -> Option<Text> {
        if self.peek() != Some(b'(') {
            return Some(match self.string()? {
                std::borrow::Cow::Borrowed(s) => Text::plain(s),
                std::borrow::Cow::Owned(s) => Text::from(s),
            });
        }
        let mut texts: [Option<std::borrow::Cow<'a, str>>; 3] = Default::default();
        self.fields(|p, name| {
            let slot = &mut texts[Language::from_code(name)? as usize];
            if slot.is_some() {
                return None;
            }
            *slot = Some(p.string()?);
            Some(())
        })?;
        if texts.iter().all(Option::is_none) {
            return None;
        }
        Some(Text::map(
            Language::ALL
                .into_iter()
                .zip(texts.iter())
                .filter_map(|(l, t)| t.as_deref().map(|t| (l, t))),
        ))
    }

    fn symbol(&mut self) -> Option<Symbol> {
        Some(Symbol::new(&self.string()?))
    }

    fn date(&mut self) -> Option<EventDate> {
        EventDate::parse(&self.string()?).ok()
    }

    /// `None`, or the value itself (implicit `Some`).
    fn option<T>(&mut self, value: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.bytes[self.i..].starts_with(b"None") {
            self.i += 4;
            if self
                .peek()
                .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
            {
                return None;
            }
            return Some(None);
        }
        value(self).map(Some)
    }

    /// `[a, b, …]` with an optional trailing comma.
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Box<[T]>> {
        self.expect(b'[')?;
        let mut items = Vec::new();
        loop {
            self.ws()?;
            if self.eat(b']') {
                break;
            }
            items.push(item(self)?);
            self.ws()?;
            if !self.eat(b',') {
                self.expect(b']')?;
                break;
            }
        }
        Some(items.into_boxed_slice())
    }

    /// `(name: value, …)`: calls `field` with each name, after its colon; `field` reads the
    /// value. A trailing comma is allowed.
    fn fields(&mut self, mut field: impl FnMut(&mut Self, &str) -> Option<()>) -> Option<()> {
        self.expect(b'(')?;
        loop {
            self.ws()?;
            if self.eat(b')') {
                return Some(());
            }
            let name = self.ident()?;
            self.ws()?;
            self.expect(b':')?;
            self.ws()?;
            field(self, name)?;
            self.ws()?;
            if !self.eat(b',') {
                return self.expect(b')');
            }
        }
    }

    fn event(&mut self) -> Option<Event> {
        let mut seen = Seen::default();
        let (mut id, mut title, mut when, mut kind) = (None, None, None, None);
        let (mut place, mut participants, mut summary, mut sources) =
            (None, Box::default(), Text::default(), Box::default());
        let (mut status, mut note, mut series, mut related, mut tags) = (
            Status::default(),
            None,
            None,
            Box::default(),
            Box::default(),
        );
        self.fields(|p, name| {
            match name {
                "id" => {
                    seen.first(0)?;
                    id = Some(p.boxed()?);
                }
                "title" => {
                    seen.first(1)?;
                    title = Some(p.text()?);
                }
                "when" => {
                    seen.first(2)?;
                    when = Some(p.date()?);
                }
                "kind" => {
                    seen.first(3)?;
                    kind = Some(p.symbol()?);
                }
                "place" => {
                    seen.first(4)?;
                    place = p.option(Self::symbol)?;
                }
                "participants" => {
                    seen.first(5)?;
                    participants = p.list(Self::symbol)?;
                }
                "summary" => {
                    seen.first(6)?;
                    summary = p.text()?;
                }
                "sources" => {
                    seen.first(7)?;
                    sources = p.list(Self::source)?;
                }
                "status" => {
                    seen.first(8)?;
                    status = match p.ident()? {
                        "verified" => Status::Verified,
                        "single_source" => Status::SingleSource,
                        "disputed" => Status::Disputed,
                        "unverified" => Status::Unverified,
                        _ => return None,
                    };
                }
                "note" => {
                    seen.first(9)?;
                    note = p.option(Self::text)?;
                }
                "series" => {
                    seen.first(10)?;
                    series = p.option(Self::series)?;
                }
                "related" => {
                    seen.first(11)?;
                    related = p.list(Self::symbol)?;
                }
                "tags" => {
                    seen.first(12)?;
                    tags = p.list(Self::symbol)?;
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(Event {
            // A record with pictures is read by the general path (`media` gives up above).
            media: Box::default(),
            id: id?,
            title: title?,
            when: when?,
            kind: kind?,
            place,
            participants,
            summary,
            sources,
            status,
            note,
            series,
            related,
            tags,
        })
    }

    fn source(&mut self) -> Option<Source> {
        let mut seen = Seen::default();
        let mut publisher = None;
        let (mut title, mut url, mut published) = (None, None, None);
        self.fields(|p, name| {
            match name {
                "publisher" => {
                    seen.first(0)?;
                    publisher = Some(p.symbol()?);
                }
                "title" => {
                    seen.first(1)?;
                    title = p.option(Self::text)?;
                }
                "url" => {
                    seen.first(2)?;
                    url = p.option(Self::boxed)?;
                }
                "published" => {
                    seen.first(3)?;
                    published = p.option(Self::date)?;
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(Source {
            publisher: publisher?,
            title,
            url,
            published,
        })
    }

    fn series(&mut self) -> Option<SeriesRef> {
        let mut seen = Seen::default();
        let (mut id, mut ordinal) = (None, None);
        self.fields(|p, name| {
            match name {
                "id" => {
                    seen.first(0)?;
                    id = Some(p.symbol()?);
                }
                "ordinal" => {
                    seen.first(1)?;
                    ordinal = p.option(Self::number)?;
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(SeriesRef { id: id?, ordinal })
    }

    /// Plain decimal digits (no sign, no leading zero, no `_`, no other base) that fit a u32.
    fn number(&mut self) -> Option<u32> {
        let start = self.i;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.i += 1;
        }
        let digits = &self.text[start..self.i];
        if digits.is_empty()
            || (digits.len() > 1 && digits.starts_with('0'))
            || self
                .peek()
                .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
        {
            return None;
        }
        digits.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::lex::list_layout;
    use crate::store::parse::ron_options;

    /// Both paths on `text`: when the fast one reads it, the general one must read every
    /// record to the same event, with the same spans; when the general one fails anywhere,
    /// the fast one must give up.
    fn agree(text: &str) -> bool {
        let general: Option<Vec<(Event, Range<usize>)>> = (|| {
            let layout = list_layout(text).ok()??;
            layout
                .records
                .into_iter()
                .map(|span| {
                    ron_options()
                        .from_str::<Event>(&text[span.clone()])
                        .ok()
                        .map(|e| (e, span))
                })
                .collect()
        })();
        match parse_event_list(text) {
            Some(fast) => {
                assert_eq!(Some(&fast), general.as_ref(), "{text}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn reads_what_ron_reads_and_gives_up_on_the_rest() {
        let read = [
            "[(id: \"a\", title: \"T\", when: \"2024\", kind: \"k\")]",
            "// c\n[\n  // c\n  (id: \"a\", /* c */ title: \"T \\\"q\\\" \\\\ \\n\", when: \"2024-05-16/2024-05-17\", kind: \"k\",),\n]\n// end",
            "[(id: \"a\", title: \"Ünïcode 中文\", when: \"1996~\", kind: \"k\", place: None, note: \"n\", series: (id: \"s\", ordinal: 29), sources: [(publisher: \"P\", url: \"https://x\", published: \"2024-05\"), (publisher: \"Q\", title: None)], status: single_source, tags: [\"t\", \"u\",], related: [], participants: [\"p\"])]",
            "[(id: \"a\", title: \"T\", when: \"2024\", kind: \"k\", series: None, summary: \"line\nbreak\")]",
            "[(id: \"a\", title: (en: \"T\", zh: \"中\\\"文\", ru: \"Т\",), when: \"2024\", kind: \"k\", note: (ru: \"н\"), sources: [(publisher: \"P\", title: ( zh: \"标题\" /* c */ ))])]",
        ];
        for text in read {
            assert!(agree(text), "the fast path reads {text}");
        }
        let left = [
            "[]",
            "#![enable(implicit_some)]\n[(id: \"a\", title: \"T\", when: \"2024\", kind: \"k\")]",
            "[(id: \"a\", title: \"T\", when: \"2024\", kind: \"k\", place: Some(\"p\"))]",
            "[(id: \"a\", title: r\"T\", when: \"2024\", kind: \"k\")]",
            "[(id: \"a\", title: \"\\u{41}\", when: \"2024\", kind: \"k\")]",
            "[Event(id: \"a\", title: \"T\", when: \"2024\", kind: \"k\")]",
            "[(id: \"a\", id: \"b\", title: \"T\", when: \"2024\", kind: \"k\")]",
            "[(id: \"a\", when: \"2024\", kind: \"k\")]",
            "[(id: \"a\", title: \"T\", when: \"2024-13\", kind: \"k\")]",
            "[(id: \"a\", title: \"T\", when: \"2024\", kind: \"k\", status: Verified)]",
            "[(id: \"a\", title: \"T\", when: \"2024\", kind: \"k\", series: (id: \"s\", ordinal: 0x1d))]",
            "[(id: \"a\", title: \"T\", when: \"2024\", kind: \"k\", extra: 1)]",
            "[(id: \"a\", title: \"T\", when: \"2024\", kind: \"k\")] x",
            "[(id: \"a\", title: \"T\", when: \"2024\", kind: \"k\") /* /* nested */ */]",
            "\u{feff}[(id: \"a\", title: \"T\", when: \"2024\", kind: \"k\")]",
            "[(id: \"a\", title: (zn: \"T\"), when: \"2024\", kind: \"k\")]",
            "[(id: \"a\", title: (), when: \"2024\", kind: \"k\")]",
            "[(id: \"a\", title: (en: \"T\", en: \"U\"), when: \"2024\", kind: \"k\")]",
            "[(id: \"a\", title: (en: Some(\"T\")), when: \"2024\", kind: \"k\")]",
        ];
        for text in left {
            assert!(!agree(text), "the fast path leaves {text} to ron");
        }
    }

    #[test]
    fn agrees_with_ron_on_real_files_and_on_every_cut_and_swap_of_them() {
        let generated = tempfile::tempdir().unwrap();
        crate::generate::generate(
            generated.path(),
            &crate::generate::GenerateOptions::new(300, 5),
        )
        .unwrap();
        let mut files: Vec<String> = Vec::new();
        for dir in [
            generated.path().to_path_buf(),
            crate::paths::bundled_dataset_path(),
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad"),
        ] {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|x| x == "ron")
                    && path.file_name().is_some_and(|n| n != "manifest.ron")
                {
                    files.push(std::fs::read_to_string(path).unwrap());
                }
            }
        }
        let mut fast = 0;
        for text in &files {
            fast += usize::from(agree(text));
            // Small files whole, with a byte cut out or doubled at many places; big ones
            // record by record.
            let Ok(Some(layout)) = list_layout(text) else {
                continue;
            };
            for span in layout.records.iter().take(40) {
                let record = format!("[{}]", &text[span.clone()]);
                agree(&record);
                let bytes = record.as_bytes();
                for at in (1..bytes.len() - 1).step_by(3) {
                    for edited in [
                        [&bytes[..at], &bytes[at + 1..]].concat(),
                        [&bytes[..=at], &bytes[at..]].concat(),
                    ] {
                        if let Ok(edited) = String::from_utf8(edited) {
                            agree(&edited);
                        }
                    }
                }
            }
        }
        assert!(fast >= 2, "the usual files take the fast path ({fast})");
    }
}
