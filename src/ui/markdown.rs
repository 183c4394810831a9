//! Basic Markdown for the longer text fields: paragraphs, `*emphasis*`, `**strong**`,
//! `- lists` and `[links](https://…)`. Parsing is pure and tested; `markdown_ui` paints.

use egui::{RichText, Ui};

use crate::model::event::is_web_url;

/// A run of text with its style.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Span {
    Text(String),
    Emphasis(String),
    Strong(String),
    /// Link text and target.
    Link(String, String),
}

/// A paragraph or a list item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Span>),
    Item(Vec<Span>),
}

/// Split `text` into blocks: blank lines separate paragraphs; lines starting with `- ` or
/// `* ` are list items; other lines join the paragraph they are in.
pub fn parse(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph = String::new();
    let flush = |paragraph: &mut String, blocks: &mut Vec<Block>| {
        if !paragraph.trim().is_empty() {
            blocks.push(Block::Paragraph(spans(paragraph.trim())));
        }
        paragraph.clear();
    };
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(item) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
        {
            flush(&mut paragraph, &mut blocks);
            blocks.push(Block::Item(spans(item.trim())));
        } else if trimmed.is_empty() {
            flush(&mut paragraph, &mut blocks);
        } else {
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(trimmed);
        }
    }
    flush(&mut paragraph, &mut blocks);
    blocks
}

/// Inline styles of one block.
pub fn spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    let push_plain = |plain: &mut String, out: &mut Vec<Span>| {
        if !plain.is_empty() {
            out.push(Span::Text(std::mem::take(plain)));
        }
    };
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("**")
            && let Some(end) = after.find("**")
            && end > 0
        {
            push_plain(&mut plain, &mut out);
            out.push(Span::Strong(after[..end].to_owned()));
            rest = &after[end + 2..];
            continue;
        }
        if (c == '*' || c == '_')
            && let Some(end) = rest[1..].find(c)
            && end > 0
            && !rest[1..].starts_with(' ')
        {
            push_plain(&mut plain, &mut out);
            out.push(Span::Emphasis(rest[1..1 + end].to_owned()));
            rest = &rest[2 + end..];
            continue;
        }
        if c == '['
            && let Some(close) = rest.find("](")
            && let Some(end) = rest[close + 2..].find(')')
        {
            push_plain(&mut plain, &mut out);
            let label = &rest[1..close];
            let target = &rest[close + 2..close + 2 + end];
            out.push(Span::Link(label.to_owned(), target.to_owned()));
            rest = &rest[close + 3 + end..];
            continue;
        }
        plain.push(c);
        rest = &rest[c.len_utf8()..];
    }
    push_plain(&mut plain, &mut out);
    out
}

/// Paint `text` as Markdown. Links open only when they are http(s); others show as text.
pub fn markdown_ui(ui: &mut Ui, text: &str) {
    for block in parse(text) {
        let (spans, bullet) = match &block {
            Block::Paragraph(spans) => (spans, false),
            Block::Item(spans) => (spans, true),
        };
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 0.0;
            if bullet {
                ui.label("  •  ");
            }
            for span in spans {
                match span {
                    Span::Text(t) => {
                        ui.label(t);
                    }
                    Span::Emphasis(t) => {
                        ui.label(RichText::new(t).italics());
                    }
                    Span::Strong(t) => {
                        ui.label(RichText::new(t).strong());
                    }
                    Span::Link(label, target) if is_web_url(target) => {
                        ui.hyperlink_to(label, target);
                    }
                    Span::Link(label, target) => {
                        ui.label(format!("{label} ({target})"));
                    }
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_lists() {
        let blocks = parse("First line\ncontinues.\n\n- one\n- *two*\n\nLast.");
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph(vec![Span::Text("First line continues.".into())]),
                Block::Item(vec![Span::Text("one".into())]),
                Block::Item(vec![Span::Emphasis("two".into())]),
                Block::Paragraph(vec![Span::Text("Last.".into())]),
            ]
        );
    }

    #[test]
    fn inline_styles_and_links() {
        assert_eq!(
            spans("a **b** _c_ [d](https://e.org) f"),
            vec![
                Span::Text("a ".into()),
                Span::Strong("b".into()),
                Span::Text(" ".into()),
                Span::Emphasis("c".into()),
                Span::Text(" ".into()),
                Span::Link("d".into(), "https://e.org".into()),
                Span::Text(" f".into()),
            ]
        );
        // Unclosed markers and lone stars stay as text.
        assert_eq!(
            spans("2 * 3 = 6 and **open"),
            vec![Span::Text("2 * 3 = 6 and **open".into())]
        );
        assert_eq!(spans("26.3 % more"), vec![Span::Text("26.3 % more".into())]);
        assert_eq!(
            spans("李强 *强调*"),
            vec![Span::Text("李强 ".into()), Span::Emphasis("强调".into())]
        );
    }
}
