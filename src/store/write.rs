//! Writing records back as RON text, in the layout the bundled files use: one field a line,
//! fields in the order of [`crate::model::event::EVENT_FIELDS`], empty and default fields
//! left out, short lists of names on one line. [`event_to_ron`] is the canonical layout that
//! saving a changed record and `annals fmt` both write.

use std::fmt::Write as _;

use crate::model::event::{Event, Media, Source, Status, Symbol};
use crate::model::text::{LANGUAGE_CODES, Text, Written};

/// One level of indentation.
pub(crate) const INDENT: &str = "    ";

/// A RON string literal for `text`, quotes included.
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_quoted(&mut out, text);
    out
}

/// [`quote`], appended to `out`.
pub fn push_quoted(out: &mut String, text: &str) {
    out.push('"');
    // Runs of ordinary characters are copied whole; only `"`, `\\`, ASCII controls and the
    // leads of U+0080–U+009F (the other controls) are looked at one by one.
    let bytes = text.as_bytes();
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        if !(b < 0x20 || matches!(b, b'"' | b'\\' | 0x7F | 0xC2)) {
            i += 1;
            continue;
        }
        out.push_str(&text[run..i]);
        let c = text[i..].chars().next().unwrap_or_default();
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
        i += c.len_utf8();
        run = i;
    }
    out.push_str(&text[run..]);
    out.push('"');
}

/// The value of a RON string literal (`"a\"b"` → `a"b`); `None` if it is not one.
pub(crate) fn unquote(literal: &str) -> Option<String> {
    ron::from_str::<String>(literal).ok()
}

fn status_ident(status: Status) -> &'static str {
    match status {
        Status::Verified => "verified",
        Status::SingleSource => "single_source",
        Status::Disputed => "disputed",
        Status::Unverified => "unverified",
    }
}

/// `indent` `name: "value",` and a line break.
fn push_field(out: &mut String, indent: &str, name: &str, value: &str) {
    out.push_str(indent);
    out.push_str(name);
    out.push_str(": ");
    push_quoted(out, value);
    out.push_str(",\n");
}

/// A record text as RON: a string literal, or `(en: "…", zh: "…", ru: "…")` with the
/// languages in that order.
pub(crate) fn push_text(out: &mut String, text: &Text) {
    match text.written() {
        Written::Plain(plain) => push_quoted(out, plain),
        Written::Map(map) => {
            out.push('(');
            for (k, (code, value)) in LANGUAGE_CODES
                .iter()
                .zip(map)
                .filter_map(|(c, v)| v.map(|v| (c, v)))
                .enumerate()
            {
                if k > 0 {
                    out.push_str(", ");
                }
                out.push_str(code);
                out.push_str(": ");
                push_quoted(out, value);
            }
            out.push(')');
        }
    }
}

/// `indent` `name: text,` and a line break; a map of languages that does not fit in 100
/// columns goes one language a line.
fn push_text_field(out: &mut String, indent: &str, name: &str, text: &Text) {
    let Written::Map(map) = text.written() else {
        if let Written::Plain(plain) = text.written() {
            push_field(out, indent, name, plain);
        }
        return;
    };
    let start = out.len();
    out.push_str(indent);
    out.push_str(name);
    out.push_str(": ");
    push_text(out, text);
    out.push_str(",\n");
    if out[start..].chars().count() <= 101 {
        return;
    }
    out.truncate(start);
    let _ = writeln!(out, "{indent}{name}: (");
    let inner = format!("{indent}{INDENT}");
    for (code, value) in LANGUAGE_CODES.iter().zip(map) {
        if let Some(value) = value {
            push_field(out, &inner, code, value);
        }
    }
    let _ = writeln!(out, "{indent}),");
}

/// Lines of `field: value,` for a list of names: on one line while it stays short, else one
/// name a line.
fn push_symbols(out: &mut String, indent: &str, field: &str, items: &[Symbol]) {
    if items.is_empty() {
        return;
    }
    let mut one_line = String::from("[");
    for (k, item) in items.iter().enumerate() {
        if k > 0 {
            one_line.push_str(", ");
        }
        push_quoted(&mut one_line, item);
    }
    one_line.push(']');
    if indent.len() + field.len() + one_line.len() + 3 <= 100 {
        out.push_str(indent);
        out.push_str(field);
        out.push_str(": ");
        out.push_str(&one_line);
        out.push_str(",\n");
    } else {
        let _ = writeln!(out, "{indent}{field}: [");
        for item in items {
            out.push_str(indent);
            out.push_str(INDENT);
            push_quoted(out, item);
            out.push_str(",\n");
        }
        let _ = writeln!(out, "{indent}],");
    }
}

fn push_source(out: &mut String, indent: &str, source: &Source) {
    let inner = format!("{indent}{INDENT}");
    out.push_str(indent);
    out.push_str("(\n");
    push_field(out, &inner, "publisher", &source.publisher);
    if let Some(title) = &source.title {
        push_text_field(out, &inner, "title", title);
    }
    if let Some(url) = &source.url {
        push_field(out, &inner, "url", url);
    }
    if let Some(published) = &source.published {
        push_field(out, &inner, "published", &published.to_edtf());
    }
    out.push_str(indent);
    out.push_str("),\n");
}

fn push_media(out: &mut String, indent: &str, media: &Media) {
    let mut fields = vec![format!("file: {}", quote(&media.file))];
    for (name, text) in [("caption", &media.caption), ("alt", &media.alt)] {
        if let Some(text) = text {
            let mut value = String::new();
            push_text(&mut value, text);
            fields.push(format!("{name}: {value}"));
        }
    }
    for (name, value) in [("credit", &media.credit), ("license", &media.license)] {
        if let Some(value) = value {
            fields.push(format!("{name}: {}", quote(value)));
        }
    }
    let one_line = format!("{indent}({}),", fields.join(", "));
    if one_line.chars().count() <= 100 {
        let _ = writeln!(out, "{one_line}");
    } else {
        let inner = format!("{indent}{INDENT}");
        let _ = writeln!(out, "{indent}(");
        for field in fields {
            let _ = writeln!(out, "{inner}{field},");
        }
        let _ = writeln!(out, "{indent}),");
    }
}

/// The record of `event` as RON text starting with `(` and ending with `)` (no comma), its
/// inner lines indented by `indent` plus one level, so it can be put where a record started at
/// column `indent.len()`.
pub fn event_to_ron(event: &Event, indent: &str) -> String {
    let mut out = String::with_capacity(
        256 + event.title.len() + event.summary.len() + event.note.as_ref().map_or(0, Text::len),
    );
    push_event_ron(&mut out, event, indent);
    out
}

/// [`event_to_ron`] appended to `out` (`fmt` reuses one buffer for a file's records).
pub(crate) fn push_event_ron(out: &mut String, event: &Event, indent: &str) {
    let i = format!("{indent}{INDENT}");
    out.push_str("(\n");
    push_field(out, &i, "id", &event.id);
    push_text_field(out, &i, "title", &event.title);
    push_field(out, &i, "when", &event.when.to_edtf());
    push_field(out, &i, "kind", &event.kind);
    if let Some(place) = &event.place {
        push_field(out, &i, "place", place);
    }
    push_symbols(out, &i, "participants", &event.participants);
    if !event.summary.is_empty() {
        push_text_field(out, &i, "summary", &event.summary);
    }
    if !event.sources.is_empty() {
        out.push_str(&i);
        out.push_str("sources: [\n");
        let deeper = format!("{i}{INDENT}");
        for source in &event.sources {
            push_source(out, &deeper, source);
        }
        out.push_str(&i);
        out.push_str("],\n");
    }
    if !event.media.is_empty() {
        let _ = writeln!(out, "{i}media: [");
        let deeper = format!("{i}{INDENT}");
        for media in &event.media {
            push_media(out, &deeper, media);
        }
        let _ = writeln!(out, "{i}],");
    }
    if event.status != Status::default() {
        out.push_str(&i);
        out.push_str("status: ");
        out.push_str(status_ident(event.status));
        out.push_str(",\n");
    }
    if let Some(note) = &event.note {
        push_text_field(out, &i, "note", note);
    }
    if let Some(series) = &event.series {
        out.push_str(&i);
        out.push_str("series: (id: ");
        push_quoted(out, &series.id);
        if let Some(n) = series.ordinal {
            let _ = write!(out, ", ordinal: {n}");
        }
        out.push_str("),\n");
    }
    push_symbols(out, &i, "related", &event.related);
    push_symbols(out, &i, "tags", &event.tags);
    out.push_str(indent);
    out.push(')');
}

/// A whole event file holding `events`, in the canonical layout.
pub(crate) fn event_file(events: &[&Event]) -> String {
    let mut out = String::from("[\n");
    for event in events {
        out.push_str(INDENT);
        out.push_str(&event_to_ron(event, INDENT));
        out.push_str(",\n");
    }
    out.push_str("]\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EventDate;
    use crate::model::event::SeriesRef;
    use crate::model::text::Language;

    fn parse(text: &str) -> Event {
        ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(text)
            .unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    fn sample() -> Event {
        Event {
            id: "a-\"quoted\"-id".into(),
            title: "Putin's visit — Путин, 普京\n\tsecond line \\ backslash".into(),
            when: EventDate::parse("1996-12-27?/1996-12-28").unwrap(),
            kind: "visit".into(),
            place: Some("beijing".into()),
            participants: vec!["xi-jinping".into(), "vladimir-putin".into()].into(),
            summary: "A summary with a bell \u{7}.".into(),
            sources: vec![Source {
                publisher: "Xinhua".into(),
                title: Some("T".into()),
                url: Some("https://example.org/a?b=c".into()),
                published: Some(EventDate::parse("2024-05").unwrap()),
            }]
            .into(),
            media: vec![
                Media {
                    caption: Some("The talks, \"in\" Beijing".into()),
                    credit: Some("Photo: Xinhua".into()),
                    license: Some("CC BY 4.0".into()),
                    ..Media::file("media/2024-05-16-beijing.jpg")
                },
                Media::file("https://example.org/picture.png"),
                Media {
                    caption: Some("A caption long enough that the picture is written over several lines of its own".into()),
                    ..Media::file("media/b.webp")
                },
                Media {
                    alt: Some(Text::map([(Language::English, "Two men at a table"), (Language::Chinese, "两人在桌旁")])),
                    ..Media::file("media/c.png")
                },
            ]
            .into(),
            status: Status::SingleSource,
            note: Some(Text::map([(Language::English, "n"), (Language::Russian, "н \"q\"")])),
            series: Some(SeriesRef {
                id: "hog-regular".into(),
                ordinal: Some(29),
            }),
            related: vec!["x".into()].into(),
            tags: vec!["t1".into(), "t2".into()].into(),
        }
    }

    #[test]
    fn written_records_read_back_equal() {
        let event = sample();
        assert_eq!(parse(&event_to_ron(&event, "")), event);
        assert_eq!(parse(&event_to_ron(&event, "        ")), event);
        let bare = Event {
            place: None,
            participants: Box::default(),
            summary: "".into(),
            sources: Box::default(),
            media: Box::default(),
            status: Status::Unverified,
            note: None,
            series: Some(SeriesRef {
                id: "s".into(),
                ordinal: None,
            }),
            related: Box::default(),
            tags: Box::default(),
            ..sample()
        };
        let text = event_to_ron(&bare, "");
        assert_eq!(parse(&text), bare);
        for absent in [
            "place",
            "participants",
            "summary",
            "sources",
            "media",
            "status",
            "note",
        ] {
            assert!(!text.contains(&format!("{absent}:")), "{absent} in {text}");
        }
    }

    #[test]
    fn layout_matches_the_hand_written_files() {
        let text = event_to_ron(&sample(), "    ");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "(");
        assert_eq!(lines[1], "        id: \"a-\\\"quoted\\\"-id\",");
        assert!(lines.contains(&"        participants: [\"xi-jinping\", \"vladimir-putin\"],"));
        assert!(lines.contains(&"        series: (id: \"hog-regular\", ordinal: 29),"));
        assert!(lines.contains(&"            (") && lines.contains(&"            ),"));
        assert_eq!(*lines.last().unwrap(), "    )");
    }

    #[test]
    fn texts_by_language_are_written_in_order_on_one_line_or_one_a_line() {
        let mut event = sample();
        event.title = Text::map([
            (Language::Russian, "Визит"),
            (Language::English, "Visit"),
            (Language::Chinese, "访问"),
        ]);
        event.summary = Text::map([
            (
                Language::English,
                "A summary long enough that the three languages cannot stand on one line",
            ),
            (Language::Chinese, "一段很长的摘要"),
        ]);
        let text = event_to_ron(&event, "    ");
        assert!(
            text.contains("\n        title: (en: \"Visit\", zh: \"访问\", ru: \"Визит\"),\n"),
            "{text}"
        );
        assert!(
            text.contains("\n        summary: (\n            en: \"A summary long"),
            "{text}"
        );
        assert!(
            text.contains("\n            zh: \"一段很长的摘要\",\n        ),\n"),
            "{text}"
        );
        assert!(
            text.contains("note: (en: \"n\", ru: \"н \\\"q\\\"\"),"),
            "{text}"
        );
        assert_eq!(parse(&text), event);
        // Written again, the same text.
        assert_eq!(event_to_ron(&parse(&text), "    "), text);
    }

    #[test]
    fn long_name_lists_go_one_a_line() {
        let mut event = sample();
        event.tags = (0..12)
            .map(|i| Symbol::new(&format!("tag-number-{i}")))
            .collect();
        let text = event_to_ron(&event, "");
        assert!(text.contains("    tags: [\n        \"tag-number-0\",\n"));
        assert_eq!(parse(&text), event);
    }

    #[test]
    fn quoting_round_trips() {
        for s in [
            "",
            "plain",
            "q\"q",
            "back\\slash",
            "ctl\u{1}\u{7f}",
            "中文 русский",
        ] {
            assert_eq!(unquote(&quote(s)).as_deref(), Some(s));
        }
        assert_eq!(unquote("not a literal"), None);
    }

    #[test]
    fn quoting_by_runs_matches_a_character_at_a_time() {
        let by_char = |text: &str| {
            let mut out = String::from("\"");
            for c in text.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    c if c.is_control() => {
                        let _ = write!(out, "\\u{{{:x}}}", c as u32);
                    }
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        };
        let mut rng = crate::generate::Rng::new(5);
        let alphabet: Vec<char> = "ab \"\\\n\r\t\u{0}\u{7f}\u{80}\u{85}\u{9f}\u{a0}é¢李😀"
            .chars()
            .collect();
        for _ in 0..20_000 {
            let len = rng.below(40) as usize;
            let text: String = (0..len).map(|_| *rng.pick(&alphabet)).collect();
            assert_eq!(quote(&text), by_char(&text), "{text:?}");
        }
    }
}
