//! Markdown of the longer text fields in the window: a small walker over the safe
//! pulldown-cmark events of [`crate::export::markdown::events`] (the same reading the HTML
//! and Markdown handouts use), turned into lines of styled runs ([`lines`], pure and tested)
//! that [`markdown_ui`] paints. Links open only when they are http(s); any other target was
//! already turned into text by the reading.

use egui::{RichText, Ui};
use pulldown_cmark::{Event, Tag, TagEnd};

use crate::export::markdown::events;

/// A run of text in one style.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub italics: bool,
    pub strong: bool,
    pub code: bool,
    /// An http(s) target.
    pub link: Option<String>,
}

/// One painted line: a paragraph, a list item's text, or a line of code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line {
    /// How many lists and quotes it sits in.
    pub indent: usize,
    /// "•" or "3." before a list item's first line.
    pub marker: Option<String>,
    pub quoted: bool,
    pub runs: Vec<Run>,
}

/// The lines of `text` read as Markdown: blank lines separate paragraphs (a paragraph's
/// lines join with spaces), list items carry their bullet or number, nested lists indent.
pub fn lines(text: &str) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut current = Line::default();
    let mut style = Run::default();
    let mut emphasis = 0_usize;
    let mut strong = 0_usize;
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut quotes = 0_usize;
    let mut code_block = false;
    let flush = |out: &mut Vec<Line>, current: &mut Line, indent: usize, quoted: bool| {
        if !current.runs.is_empty() || current.marker.is_some() {
            out.push(std::mem::take(current));
        }
        current.indent = indent;
        current.quoted = quoted;
    };
    let push = |current: &mut Line, run: Run| {
        if run.text.is_empty() {
            return;
        }
        match current.runs.last_mut() {
            Some(last)
                if (last.italics, last.strong, last.code, &last.link)
                    == (run.italics, run.strong, run.code, &run.link) =>
            {
                last.text.push_str(&run.text);
            }
            _ => current.runs.push(run),
        }
    };
    for event in events(text) {
        let indent = lists.len() + quotes;
        match event {
            // A loose item's first paragraph stays on the marker's line.
            Event::Start(Tag::Paragraph)
                if !(current.marker.is_some() && current.runs.is_empty()) =>
            {
                flush(&mut out, &mut current, indent, quotes > 0);
            }
            Event::End(TagEnd::Paragraph) => flush(&mut out, &mut current, indent, quotes > 0),
            Event::Start(Tag::BlockQuote(_)) => {
                flush(&mut out, &mut current, indent + 1, true);
                quotes += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                quotes -= 1;
                flush(&mut out, &mut current, indent - 1, quotes > 0);
            }
            Event::Start(Tag::List(first)) => {
                flush(&mut out, &mut current, indent + 1, quotes > 0);
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                flush(&mut out, &mut current, indent - 1, quotes > 0);
            }
            Event::Start(Tag::Item) => {
                flush(&mut out, &mut current, indent, quotes > 0);
                current.marker = Some(match lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}.", *n - 1)
                    }
                    _ => "•".to_owned(),
                });
            }
            Event::End(TagEnd::Item) => flush(&mut out, &mut current, indent, quotes > 0),
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut out, &mut current, indent, quotes > 0);
                code_block = true;
            }
            Event::End(TagEnd::CodeBlock) => {
                code_block = false;
                flush(&mut out, &mut current, indent, quotes > 0);
            }
            Event::Start(Tag::Emphasis) => emphasis += 1,
            Event::End(TagEnd::Emphasis) => emphasis = emphasis.saturating_sub(1),
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => style.link = Some(dest_url.into_string()),
            Event::End(TagEnd::Link) => style.link = None,
            Event::Text(t) if code_block => {
                for (i, line) in t.trim_end_matches('\n').split('\n').enumerate() {
                    if i > 0 {
                        flush(&mut out, &mut current, indent, quotes > 0);
                    }
                    push(
                        &mut current,
                        Run {
                            text: line.to_owned(),
                            code: true,
                            ..Run::default()
                        },
                    );
                }
            }
            Event::Text(t) => push(
                &mut current,
                Run {
                    text: t.to_string(),
                    italics: emphasis > 0,
                    strong: strong > 0,
                    code: false,
                    link: style.link.clone(),
                },
            ),
            Event::Code(t) => push(
                &mut current,
                Run {
                    text: t.to_string(),
                    italics: emphasis > 0,
                    strong: strong > 0,
                    code: true,
                    link: style.link.clone(),
                },
            ),
            Event::SoftBreak => push(
                &mut current,
                Run {
                    text: " ".into(),
                    italics: emphasis > 0,
                    strong: strong > 0,
                    code: false,
                    link: style.link.clone(),
                },
            ),
            Event::HardBreak => flush(&mut out, &mut current, indent, quotes > 0),
            _ => {}
        }
    }
    flush(&mut out, &mut current, 0, false);
    out
}

/// Paint `text` as Markdown.
pub(crate) fn markdown_ui(ui: &mut Ui, text: &str) {
    for line in lines(text) {
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 0.0;
            if line.indent > 0 {
                ui.add_space(14.0 * line.indent as f32);
            }
            if line.quoted {
                ui.label(RichText::new("▍ ").weak());
            }
            if let Some(marker) = &line.marker {
                ui.label(format!("{marker}  "));
            }
            for run in &line.runs {
                let mut text = RichText::new(&run.text);
                if run.italics {
                    text = text.italics();
                }
                if run.strong {
                    text = text.strong();
                }
                if run.code {
                    text = text.code();
                }
                match &run.link {
                    Some(target) => {
                        ui.hyperlink_to(text, target).on_hover_text(target);
                    }
                    None => {
                        ui.label(text);
                    }
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Run {
        Run {
            text: text.into(),
            ..Run::default()
        }
    }

    #[test]
    fn paragraphs_and_lists() {
        let bullet = |text: Run| Line {
            indent: 1,
            marker: Some("•".into()),
            runs: vec![text],
            ..Line::default()
        };
        assert_eq!(
            lines("First line\ncontinues.\n\n- one\n- *two*\n\nLast."),
            vec![
                Line {
                    runs: vec![run("First line continues.")],
                    ..Line::default()
                },
                bullet(run("one")),
                bullet(Run {
                    italics: true,
                    ..run("two")
                }),
                Line {
                    runs: vec![run("Last.")],
                    ..Line::default()
                },
            ]
        );
        let nested = lines("1. a\n   - b\n2. c\n\n- loose\n\n- list");
        let shape: Vec<(usize, Option<&str>, &str)> = nested
            .iter()
            .map(|l| (l.indent, l.marker.as_deref(), l.runs[0].text.as_str()))
            .collect();
        assert_eq!(
            shape,
            [
                (1, Some("1."), "a"),
                (2, Some("•"), "b"),
                (1, Some("2."), "c"),
                (1, Some("•"), "loose"),
                (1, Some("•"), "list"),
            ]
        );
    }

    #[test]
    fn nested_emphasis_and_links() {
        let line = &lines("a **b *c* d** [e *f*](https://e.org) [g](javascript:x) 2 * 3")[0];
        let runs: Vec<(&str, bool, bool, Option<&str>)> = line
            .runs
            .iter()
            .map(|r| (r.text.as_str(), r.italics, r.strong, r.link.as_deref()))
            .collect();
        assert_eq!(
            runs,
            [
                ("a ", false, false, None),
                ("b ", false, true, None),
                ("c", true, true, None),
                (" d", false, true, None),
                (" ", false, false, None),
                ("e ", false, false, Some("https://e.org")),
                ("f", true, false, Some("https://e.org")),
                (" g (javascript:x) 2 * 3", false, false, None),
            ]
        );
        assert_eq!(
            lines("李强 *强调* <b>raw</b>")[0].runs,
            vec![
                run("李强 "),
                Run {
                    italics: true,
                    ..run("强调")
                },
                run(" <b>raw</b>"),
            ]
        );
        assert_eq!(lines("26.3 % more")[0].runs, vec![run("26.3 % more")]);
    }
}
