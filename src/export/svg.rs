//! A [`Scene`] as SVG: one element per shape, text as real `<text>` (selectable, searchable),
//! each event a group carrying its id and a tooltip. Sizes are in points (1 user unit = 1 pt).

use std::fmt::Write as _;

use super::fonts::FontSet;
use super::html_escape;
use super::scene::{Colour, Pen, Scene, Shape};

/// The font families of the printed exports, for SVG viewers (the PDF embeds them).
const FONT_FAMILY: &str =
    "Ubuntu, 'Ubuntu Light', 'Noto Sans CJK SC', 'Noto Sans SC', 'Noto Sans', sans-serif";

fn num(x: f32) -> String {
    let r = (x * 100.0).round() / 100.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

fn paint(attr: &str, colour: Colour, out: &mut String) {
    let _ = write!(out, " {attr}=\"{}\"", colour.hex());
    if colour.alpha < 1.0 {
        let _ = write!(out, " {attr}-opacity=\"{}\"", num(colour.alpha.max(0.0)));
    }
}

fn fill(colour: Option<Colour>, out: &mut String) {
    match colour {
        Some(c) => paint("fill", c, out),
        None => out.push_str(" fill=\"none\""),
    }
}

fn stroke(pen: Option<Pen>, out: &mut String) {
    if let Some(pen) = pen {
        paint("stroke", pen.colour, out);
        let _ = write!(out, " stroke-width=\"{}\"", num(pen.width));
        if let Some([dash, gap]) = pen.dash {
            let _ = write!(out, " stroke-dasharray=\"{} {}\"", num(dash), num(gap));
        }
    }
}

/// The scene as a standalone SVG document titled `title`, in `language` (a BCP 47 tag).
pub fn to_svg(scene: &Scene, title: &str, language: &str) -> String {
    let fonts = FontSet::standard();
    let mut out = String::with_capacity(scene.shapes.len() * 120 + 1024);
    let _ = writeln!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}pt\" height=\"{h}pt\" viewBox=\"0 0 {w} {h}\" xml:lang=\"{lang}\" font-family=\"{FONT_FAMILY}\">",
        w = num(scene.width),
        h = num(scene.height),
        lang = html_escape(language),
    );
    let _ = writeln!(out, "<title>{}</title>", html_escape(title));
    if let Some(background) = scene.background {
        out.push_str("<rect width=\"100%\" height=\"100%\"");
        fill(Some(background), &mut out);
        out.push_str("/>\n");
    }
    for shape in &scene.shapes {
        match shape {
            Shape::Rect {
                area,
                radius,
                fill: f,
                pen,
            } => {
                let _ = write!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
                    num(area.x0),
                    num(area.y0),
                    num(area.width().max(0.0)),
                    num(area.height().max(0.0))
                );
                if *radius > 0.0 {
                    let _ = write!(out, " rx=\"{}\"", num(*radius));
                }
                fill(*f, &mut out);
                stroke(*pen, &mut out);
                out.push_str("/>\n");
            }
            Shape::Circle {
                centre,
                radius,
                fill: f,
                pen,
            } => {
                let _ = write!(
                    out,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"",
                    num(centre.0),
                    num(centre.1),
                    num(*radius)
                );
                fill(*f, &mut out);
                stroke(*pen, &mut out);
                out.push_str("/>\n");
            }
            Shape::Line { from, to, pen } => {
                let _ = write!(
                    out,
                    "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"",
                    num(from.0),
                    num(from.1),
                    num(to.0),
                    num(to.1)
                );
                stroke(Some(*pen), &mut out);
                out.push_str("/>\n");
            }
            Shape::Text {
                x,
                baseline,
                size,
                colour,
                text,
                bold,
            } => {
                let _ = write!(
                    out,
                    "<text x=\"{}\" y=\"{}\" font-size=\"{}\"",
                    num(*x),
                    num(*baseline),
                    num(*size)
                );
                if *bold {
                    out.push_str(" font-weight=\"bold\"");
                }
                // The width the layout measured with Annals' fonts: a viewer with other
                // fonts fits the text to it, so titles keep their places.
                let width = fonts.width(text, *size);
                if width > 0.0 {
                    let _ = write!(
                        out,
                        " textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\"",
                        num(width)
                    );
                }
                paint("fill", *colour, &mut out);
                let _ = writeln!(out, " xml:space=\"preserve\">{}</text>", xml_text(text));
            }
            Shape::Link { .. } => {}
            Shape::Image { area, jpeg } => {
                let _ = writeln!(
                    out,
                    "<image x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" href=\"data:image/jpeg;base64,{}\"/>",
                    num(area.x0),
                    num(area.y0),
                    num(area.width()),
                    num(area.height()),
                    super::handout::base64_encode(jpeg)
                );
            }
            Shape::BeginEvent { id, title, mark } => {
                let (cx, cy) = mark.centre();
                let _ = writeln!(
                    out,
                    "<g class=\"event\" data-event=\"{}\" data-x=\"{}\" data-y=\"{}\"><title>{}</title>",
                    html_escape(id),
                    num(cx),
                    num(cy),
                    xml_text(title)
                );
            }
            Shape::EndEvent => out.push_str("</g>\n"),
        }
    }
    out.push_str("</svg>\n");
    out
}

/// Text for XML: escaped, and without the control characters XML 1.0 cannot hold.
fn xml_text(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|&c| !c.is_control() || c == '\t')
        .collect();
    html_escape(&clean)
}
