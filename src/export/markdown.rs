//! Markdown of the longer text fields (summaries, notes, descriptions), parsed once with
//! `pulldown-cmark` (CommonMark) and made safe in one place, [`events`], so that every output
//! shows the same paragraphs, lists, emphasis and links:
//!
//! - HTML through pulldown-cmark's own writer ([`to_html`]);
//! - Markdown again for the Markdown handout ([`to_markdown`]), normalised and safe;
//! - plain text for calendars and slides ([`to_plain_text`]);
//! - the window, whose small walker over the same events is `ui::markdown`.
//!
//! Safe means: raw HTML is shown as the text it is, never interpreted; only `http` and `https`
//! links are links (any other target is written as text after the link's words); images are
//! their alt text (a handout loads no outside file); headings become strong paragraphs (the
//! text sits under its event's own heading). No egui here.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::model::event::is_web_url;

/// The events of `text` as CommonMark reads it, made safe as the module says.
pub fn events(text: &str) -> Vec<Event<'_>> {
    let mut out: Vec<Event<'_>> = Vec::new();
    // A link that is not http(s): its target and where its words start in `out`.
    let mut unsafe_link: Option<(CowStr<'_>, usize)> = None;
    // Inside an HTML block: whether a line of it has been written.
    let mut html_block: Option<bool> = None;
    for event in Parser::new_ext(text, Options::empty()) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) if !is_web_url(&dest_url) => {
                unsafe_link = Some((dest_url, out.len()));
            }
            Event::End(TagEnd::Link) if unsafe_link.is_some() => {
                let Some((target, from)) = unsafe_link.take() else {
                    continue;
                };
                let words: String = out[from..]
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) | Event::Code(t) => Some(&**t),
                        _ => None,
                    })
                    .collect();
                if !target.is_empty() && words.trim() != target.trim() {
                    out.push(Event::Text(format!(" ({target})").into()));
                }
            }
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            Event::Start(Tag::Heading { .. }) => {
                out.push(Event::Start(Tag::Paragraph));
                out.push(Event::Start(Tag::Strong));
            }
            Event::End(TagEnd::Heading(_)) => {
                out.push(Event::End(TagEnd::Strong));
                out.push(Event::End(TagEnd::Paragraph));
            }
            Event::Start(Tag::HtmlBlock) => {
                html_block = Some(false);
                out.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::HtmlBlock) => {
                html_block = None;
                out.push(Event::End(TagEnd::Paragraph));
            }
            Event::Html(line) => {
                let line = line.trim_end_matches(['\n', '\r']).to_owned();
                if html_block == Some(true) {
                    out.push(Event::SoftBreak);
                }
                html_block = Some(true);
                out.push(Event::Text(line.into()));
            }
            Event::InlineHtml(html) => out.push(Event::Text(html)),
            Event::Rule => {}
            // Not enabled by the options, so never produced; kept out all the same.
            Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {}
            event => out.push(event),
        }
    }
    out
}

/// `events`, with `label` in bold opening the first paragraph ("**Note:** …"), or as a
/// paragraph of its own when the text does not start with one.
pub(crate) fn with_lead_in<'a>(label: &'a str, mut events: Vec<Event<'a>>) -> Vec<Event<'a>> {
    let lead = [
        Event::Start(Tag::Strong),
        Event::Text(label.into()),
        Event::End(TagEnd::Strong),
    ];
    if matches!(events.first(), Some(Event::Start(Tag::Paragraph))) {
        let mut inserted = lead.to_vec();
        inserted.push(Event::Text(" ".into()));
        events.splice(1..1, inserted);
    } else {
        let mut paragraph = vec![Event::Start(Tag::Paragraph)];
        paragraph.extend(lead);
        paragraph.push(Event::End(TagEnd::Paragraph));
        events.splice(0..0, paragraph);
    }
    events
}

/// HTML of safe events, by pulldown-cmark's writer (text and attributes escaped).
pub(crate) fn events_to_html<'a>(events: impl IntoIterator<Item = Event<'a>>) -> String {
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    out
}

/// `text` read as Markdown, written as an HTML fragment (`<p>`, `<ul>`, `<em>`, `<a href>`…).
pub fn to_html(text: &str) -> String {
    if is_plain_paragraph(text) {
        return format!("<p>{text}</p>\n");
    }
    events_to_html(events(text))
}

/// Whether `text` is one paragraph that Markdown leaves exactly as written: letters and digits
/// of any script, spaces and `, . ; : ? ' ( ) / -` only, one line, starting with a letter and
/// with no space at either end. Most summaries are; they skip the parser (a big export spent
/// most of its time there), and the tests check that the parser gives the same.
fn is_plain_paragraph(text: &str) -> bool {
    let allowed_ascii = |b: u8| {
        b.is_ascii_alphanumeric()
            || matches!(
                b,
                b' ' | b',' | b'.' | b';' | b':' | b'?' | b'\'' | b'(' | b')' | b'/' | b'-'
            )
    };
    text.chars().next().is_some_and(char::is_alphabetic)
        && !text.ends_with(' ')
        && !text.contains("  ")
        && text.bytes().all(|b| b >= 0x80 || allowed_ascii(b))
        && (text.is_ascii()
            || text
                .chars()
                .all(|c| c.is_alphanumeric() || (c.is_ascii() && allowed_ascii(c as u8))))
}

/// `text` read as Markdown and written again as Markdown: the same document, normalised,
/// without raw HTML or links other than http(s).
pub(crate) fn to_markdown(text: &str) -> String {
    events_to_markdown(events(text))
}

/// Plain text of `text`: paragraphs separated by a blank line, list items with "• " (or their
/// number), emphasis dropped, a link's words followed by its target when they differ.
pub fn to_plain_text(text: &str) -> String {
    if is_plain_paragraph(text) {
        return text.to_owned();
    }
    to_plain_text_parsed(text)
}

/// [`to_plain_text`] through the parser.
fn to_plain_text_parsed(text: &str) -> String {
    let mut out = String::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut link: Option<(String, usize)> = None;
    let mut blank_before = false;
    // Just after an item's marker: its first block goes on the marker's line.
    let mut fresh_item = false;
    let start_block = |out: &mut String, blank_before: &mut bool| {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        if *blank_before && !out.is_empty() {
            out.push('\n');
        }
        *blank_before = false;
    };
    for event in events(text) {
        match event {
            Event::Start(Tag::Paragraph | Tag::CodeBlock(_) | Tag::BlockQuote(_))
                if !fresh_item =>
            {
                start_block(&mut out, &mut blank_before);
            }
            Event::End(TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::BlockQuote(_)) => {
                blank_before = lists.is_empty();
            }
            Event::Start(Tag::List(first)) => {
                if lists.is_empty() {
                    start_block(&mut out, &mut blank_before);
                }
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                blank_before = lists.is_empty();
            }
            Event::Start(Tag::Item) => {
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str(&"  ".repeat(lists.len().saturating_sub(1)));
                match lists.last_mut() {
                    Some(Some(n)) => {
                        out.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => out.push_str("• "),
                }
                fresh_item = true;
                continue;
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some((dest_url.to_string(), out.len()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((target, from)) = link.take()
                    && out[from..].trim() != target.trim()
                {
                    out.push_str(&format!(" ({target})"));
                }
            }
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            _ => {}
        }
        fresh_item = false;
    }
    out.trim_end().to_owned()
}

/// What encloses the text being written: each adds its prefix to every line.
enum Container {
    Quote,
    /// A list item: the width of its marker, the marker while it is still to be written, and
    /// whether it holds paragraphs (a loose item, followed by a blank line).
    Item {
        width: usize,
        marker: Option<String>,
        loose: bool,
    },
}

/// Writes Markdown from safe events: the inverse of CommonMark's reading for the subset
/// [`events`] lets through.
struct MarkdownWriter {
    out: String,
    containers: Vec<Container>,
    /// Next number of each open list (`None`: a bullet list).
    lists: Vec<Option<u64>>,
    at_line_start: bool,
    blank_pending: bool,
    /// Text not written yet: consecutive text events are escaped as one, so that what
    /// depends on the start of a line ("1996." or "-") is seen whole.
    text: String,
    /// A code block being collected: its info string and text.
    code: Option<(String, String)>,
}

impl MarkdownWriter {
    fn prefix(&mut self, blank: bool) -> String {
        let mut prefix = String::new();
        for container in &mut self.containers {
            match container {
                Container::Quote => prefix.push_str("> "),
                Container::Item { width, marker, .. } => match marker.take() {
                    Some(m) if !blank => prefix.push_str(&m),
                    m => {
                        *marker = m;
                        prefix.push_str(&" ".repeat(*width));
                    }
                },
            }
        }
        if blank {
            prefix.truncate(prefix.trim_end().len());
        }
        prefix
    }

    fn end_line(&mut self) {
        self.flush_text();
        if !self.at_line_start {
            self.out.push('\n');
            self.at_line_start = true;
        }
    }

    /// Before a block: end the line, and leave a blank line after the block before it.
    fn start_block(&mut self) {
        self.end_line();
        if self.blank_pending && !self.out.is_empty() {
            let prefix = self.prefix(true);
            self.out.push_str(&prefix);
            self.out.push('\n');
        }
        self.blank_pending = false;
    }

    /// Raw Markdown (already escaped), after the line's prefix when at its start.
    fn write(&mut self, markdown: &str) {
        self.flush_text();
        self.write_raw(markdown);
    }

    fn write_raw(&mut self, markdown: &str) {
        if self.at_line_start {
            let prefix = self.prefix(false);
            self.out.push_str(&prefix);
            self.at_line_start = false;
        }
        self.out.push_str(markdown);
    }

    fn flush_text(&mut self) {
        if self.text.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.text).replace(['\n', '\r'], " ");
        let line_start = self.at_line_start;
        let text = if line_start { text.trim_start() } else { &text };
        self.write_raw(&escape_inline(text, line_start));
    }

    fn event(&mut self, event: Event<'_>) {
        if let Some((_, body)) = &mut self.code {
            match event {
                Event::Text(t) => body.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (info, body) = self.code.take().unwrap_or_default();
                    let fence = "`".repeat(longest_run(&body, '`').max(2) + 1);
                    self.write(&format!("{fence}{info}"));
                    for line in body.trim_end_matches('\n').split('\n') {
                        self.end_line();
                        self.write(line);
                    }
                    self.end_line();
                    self.write(&fence);
                    self.blank_pending = true;
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(Tag::Paragraph) => {
                self.start_block();
                if let Some(Container::Item { loose, .. }) = self.containers.last_mut() {
                    *loose = true;
                }
            }
            Event::End(TagEnd::Paragraph) => self.blank_pending = true,
            Event::Start(Tag::BlockQuote(_)) => {
                self.start_block();
                self.containers.push(Container::Quote);
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                self.end_line();
                self.containers.pop();
                self.blank_pending = true;
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                self.start_block();
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.replace(['`', '\n', '\r'], ""),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((info, String::new()));
            }
            Event::Start(Tag::List(first)) => {
                self.start_block();
                self.lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                self.lists.pop();
                self.blank_pending = true;
            }
            Event::Start(Tag::Item) => {
                self.start_block();
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "- ".to_owned(),
                };
                self.containers.push(Container::Item {
                    width: marker.chars().count(),
                    marker: Some(marker),
                    loose: false,
                });
            }
            Event::End(TagEnd::Item) => {
                self.end_line();
                if let Some(Container::Item { marker, loose, .. }) = self.containers.pop() {
                    if let Some(marker) = marker {
                        // An empty item: its marker alone.
                        let prefix = self.prefix(true);
                        self.out.push_str(&prefix);
                        self.out.push_str(marker.trim_end());
                        self.out.push('\n');
                    }
                    self.blank_pending = loose;
                }
            }
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => self.write("*"),
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => self.write("**"),
            Event::Start(Tag::Strikethrough) | Event::End(TagEnd::Strikethrough) => {
                self.write("~~");
            }
            Event::Start(Tag::Link { .. }) => self.write("["),
            Event::End(TagEnd::Link) => {}
            Event::Text(t) => self.text.push_str(&t),
            Event::Code(code) => {
                let code = code.replace(['\n', '\r'], " ");
                let fence = "`".repeat(longest_run(&code, '`') + 1);
                let pad = if code.starts_with('`') || code.ends_with('`') {
                    " "
                } else {
                    ""
                };
                self.write(&format!("{fence}{pad}{code}{pad}{fence}"));
            }
            Event::SoftBreak => self.end_line(),
            Event::HardBreak => {
                self.write("\\");
                self.end_line();
            }
            _ => {}
        }
    }
}

/// Markdown of safe events (see [`events`]).
pub(crate) fn events_to_markdown<'a>(events: impl IntoIterator<Item = Event<'a>>) -> String {
    let mut writer = MarkdownWriter {
        out: String::new(),
        containers: Vec::new(),
        lists: Vec::new(),
        at_line_start: true,
        blank_pending: false,
        text: String::new(),
        code: None,
    };
    // The closing part of a link needs its target, known at its start.
    let mut targets: Vec<String> = Vec::new();
    for event in events {
        match &event {
            Event::Start(Tag::Link { dest_url, .. }) => targets.push(link_destination(dest_url)),
            Event::End(TagEnd::Link) => {
                let target = targets.pop().unwrap_or_default();
                writer.write(&format!("]({target})"));
            }
            _ => {}
        }
        writer.event(event);
    }
    writer.end_line();
    writer.out.trim_end().to_owned()
}

/// A link target for Markdown: bare when it can be, else in `<…>` with what would end it
/// percent-encoded.
fn link_destination(url: &str) -> String {
    let url: String = url.chars().filter(|c| !c.is_control()).collect();
    if url.is_empty() || url.contains([' ', '(', ')', '<', '>', '\\']) {
        format!(
            "<{}>",
            url.replace('\\', "%5C")
                .replace('<', "%3C")
                .replace('>', "%3E")
        )
    } else {
        url
    }
}

fn longest_run(text: &str, c: char) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for x in text.chars() {
        run = if x == c { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// Text escaped for Markdown, so that it reads back as the same text: the characters that
/// open emphasis, code, links and raw HTML carry a backslash, and at the start of a line so
/// do those that would open a heading, a quote, a list or a break.
pub(crate) fn escape_inline(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '~' => true,
            // An entity such as `&amp;` would be decoded.
            '&' => chars[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
                .count()
                .checked_add(i + 1)
                .is_some_and(|end| end > i + 1 && chars.get(end) == Some(&';')),
            '#' | '>' | '-' | '+' | '=' if line_start && i == 0 => true,
            // "1996. " at the start of a line would begin a numbered list.
            '.' | ')' if line_start => i > 0 && chars[..i].iter().all(char::is_ascii_digit),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One line of plain text (a title, a caption, a place) for Markdown: line breaks and other
/// control characters become spaces, Markdown's own characters are escaped, so it can be put
/// after `## ` or between `*…*` without changing the document around it.
pub(crate) fn markdown_line(text: &str) -> String {
    let line: String = text
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut escaped = escape_inline(&line, true);
    // A heading's closing `#`s would be dropped.
    if escaped.ends_with('#') && !escaped.ends_with("\\#") {
        escaped.insert(escaped.len() - 1, '\\');
    }
    escaped
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// HTML of Markdown as any CommonMark reader makes it, raw HTML and every link included.
    pub(crate) fn commonmark_html(markdown: &str) -> String {
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, Parser::new(markdown));
        out
    }

    #[test]
    fn lists_emphasis_and_links_in_html() {
        let html = to_html(
            "First line\ncontinues.\n\n- one\n- *two* and **three**\n\nA [link](https://e.org).",
        );
        assert!(html.contains("<p>First line\ncontinues.</p>"), "{html}");
        assert!(
            html.contains(
                "<ul>\n<li>one</li>\n<li><em>two</em> and <strong>three</strong></li>\n</ul>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"https://e.org\">link</a>"),
            "{html}"
        );
        let nested = to_html("**strong *and emphasis* inside**\n\n1. a\n   - b\n2. c");
        assert!(
            nested.contains("<strong>strong <em>and emphasis</em> inside</strong>"),
            "{nested}"
        );
        assert!(
            nested.contains("<ol>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n<li>c</li>\n</ol>"),
            "{nested}"
        );
    }

    #[test]
    fn raw_html_and_other_links_are_inert_in_html() {
        let html = to_html(
            "<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)> [click](javascript:alert(1)) \
             [d](data:text/html,x) <javascript:alert(2)> ![pic](https://e.org/p.png)",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(!html.contains("href=\"data"), "{html}");
        assert!(html.contains("click (javascript:alert(1))"), "{html}");
        assert!(html.contains("javascript:alert(2)"), "{html}");
        assert!(html.contains("pic"), "the image's alt text: {html}");
        assert!(!html.contains("<a"), "{html}");
    }

    /// Markdown written back reads as the same document (its HTML is the same).
    fn round_trip(text: &str) -> String {
        let markdown = to_markdown(text);
        assert_eq!(to_html(&markdown), to_html(text), "{text:?} → {markdown:?}");
        markdown
    }

    #[test]
    fn markdown_round_trips() {
        assert_eq!(
            round_trip("First line\ncontinues.\n\n- one\n- *two*\n\nLast."),
            "First line\ncontinues.\n\n- one\n- *two*\n\nLast."
        );
        assert_eq!(
            round_trip("**strong _and emphasis_ inside** [a *b*](https://e.org/x_(y))"),
            "**strong *and emphasis* inside** [a *b*](<https://e.org/x_(y)>)"
        );
        round_trip(
            "1. a\n   - b\n   - c\n2. d\n\n> quoted\n> - item\n\n```rust\nlet x = 1;\n```\n",
        );
        round_trip("- loose\n\n- list\n\n  second paragraph\n\nafter");
        round_trip("7) seven\n8) eight");
        round_trip("`code with ` tick` and \\*stars\\* and 1996\\. and \\# and &amp;copy;");
        round_trip("a  \nhard break");
    }

    #[test]
    fn markdown_output_is_inert() {
        let markdown = to_markdown(
            "<div onclick=x>\nraw\n</div>\n\nSee [x](javascript:alert(1)) and [y](data:text/html,z) and <b>b</b>",
        );
        let html = commonmark_html(&markdown);
        assert!(!html.contains("<div"), "{markdown} → {html}");
        assert!(!html.contains("<b>"), "{markdown} → {html}");
        assert!(!html.contains("<a"), "{markdown} → {html}");
        assert!(html.contains("x (javascript:alert(1))"), "{html}");
    }

    #[test]
    fn one_line_fields_keep_their_place() {
        let title = markdown_line("Evil\n\n## injected <img src=x onerror=alert(1)> #");
        assert!(!title.contains('\n'));
        let doc = format!("## {title}\n\nbody");
        let html = commonmark_html(&doc);
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<h2>injected"), "{html}");
        assert_eq!(markdown_line("1996. A year"), "1996\\. A year");
        assert_eq!(
            markdown_line("Li Qiang's visit, 2024"),
            "Li Qiang's visit, 2024"
        );
    }

    #[test]
    fn plain_text_of_markdown() {
        assert_eq!(
            to_plain_text(
                "One *two*\nthree.\n\n- a [link](https://e.org)\n- [b](javascript:x)\n\n1. first\n2. second\n\nEnd <b>x</b>"
            ),
            "One two three.\n\n• a link (https://e.org)\n• b (javascript:x)\n\n1. first\n2. second\n\nEnd <b>x</b>"
        );
    }

    #[test]
    fn a_lead_in_opens_the_first_paragraph() {
        assert_eq!(
            events_to_html(with_lead_in("Note:", events("Two *words*."))),
            "<p><strong>Note:</strong> Two <em>words</em>.</p>\n"
        );
        assert_eq!(
            events_to_html(with_lead_in("Note:", events("- a"))),
            "<p><strong>Note:</strong></p>\n<ul>\n<li>a</li>\n</ul>\n"
        );
    }

    #[test]
    fn plain_paragraphs_skip_the_parser_and_come_out_the_same() {
        let mut rng = crate::generate::Rng::new(9);
        let alphabet: Vec<char> = "abcXYZ09 ,.;:?'()/-Жж中é".chars().collect();
        let mut texts: Vec<String> = vec![
            "A plain summary, with a comma; and (brackets) - dashes/slashes: ok?".into(),
            "Встреча в Москве".into(),
            "会谈".into(),
            "x".into(),
        ];
        for _ in 0..20_000 {
            let len = 1 + rng.below(24) as usize;
            texts.push((0..len).map(|_| *rng.pick(&alphabet)).collect());
        }
        let mut fast = 0;
        for text in &texts {
            if is_plain_paragraph(text) {
                fast += 1;
                assert_eq!(to_html(text), events_to_html(events(text)), "{text:?}");
                assert_eq!(to_plain_text(text), to_plain_text_parsed(text), "{text:?}");
            }
        }
        assert!(fast > 1_000, "{fast} plain texts");
    }
}
