//! The fonts of printed exports (SVG and PDF): the window's own faces, so print and screen
//! measure text alike. egui's Ubuntu Light (Latin, Greek, Cyrillic; Ubuntu Font Licence 1.0,
//! which allows embedding in documents) from `epaint_default_fonts`, then the bundled subset
//! of Noto Sans CJK SC for Chinese (SIL OFL 1.1). Text is cut into runs by the first face
//! that has each character, and measured with the faces' advance widths (no shaping beyond
//! that: Latin, Cyrillic and Chinese need none). Pure: no window.

use std::ops::Range;
use std::sync::OnceLock;

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// Every character of GB 2312, CJK punctuation and every other character the bundled dataset
/// uses, cut from Noto Sans CJK SC (see `assets/fonts/tools/make_font_subset.py`; licence in
/// `assets/fonts/OFL.txt`). The window uses the same bytes.
pub static CHINESE_FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Annals.otf");

/// One face of the set.
#[derive(Debug)]
pub struct Face {
    /// A short name (for SVG's font-family and for messages).
    pub family: &'static str,
    pub bytes: &'static [u8],
    /// Ascender and descender (negative), in ems.
    pub ascent: f32,
    pub descent: f32,
    units_per_em: f32,
}

impl Face {
    fn new(family: &'static str, bytes: &'static [u8]) -> Option<Self> {
        let font = FontRef::new(bytes).ok()?;
        let metrics = font.metrics(Size::unscaled(), LocationRef::default());
        let upem = f32::from(metrics.units_per_em);
        Some(Self {
            family,
            bytes,
            ascent: metrics.ascent / upem,
            descent: metrics.descent / upem,
            units_per_em: upem,
        })
    }

    fn font(&self) -> FontRef<'static> {
        FontRef::new(self.bytes).expect("checked when the face was made")
    }
}

/// A glyph of a run: its id in the run's face, its advance in ems, and the bytes of the text
/// it stands for.
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    pub id: u32,
    pub advance: f32,
    pub range: Range<usize>,
}

/// Consecutive characters drawn with one face.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// Index into [`FontSet::faces`].
    pub face: usize,
    /// Byte range of the run in the text.
    pub range: Range<usize>,
    /// Glyph ranges are relative to the run's text.
    pub glyphs: Vec<Glyph>,
}

impl Run {
    /// Width in ems.
    pub fn advance(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }
}

/// The faces in fallback order.
#[derive(Debug)]
pub struct FontSet {
    pub faces: Vec<Face>,
}

impl FontSet {
    /// The set every printed export uses.
    pub fn standard() -> &'static FontSet {
        static SET: OnceLock<FontSet> = OnceLock::new();
        SET.get_or_init(|| FontSet {
            faces: [
                ("Ubuntu", epaint_default_fonts::UBUNTU_LIGHT),
                ("Noto Sans CJK SC", CHINESE_FONT_BYTES),
            ]
            .into_iter()
            .filter_map(|(family, bytes)| Face::new(family, bytes))
            .collect(),
        })
    }

    /// `text` cut into runs, each with the first face that has its characters (the first
    /// face when none has one: its "missing" glyph).
    pub fn shape(&self, text: &str) -> Vec<Run> {
        let fonts: Vec<FontRef<'static>> = self.faces.iter().map(Face::font).collect();
        let charmaps: Vec<_> = fonts.iter().map(MetadataProvider::charmap).collect();
        let metrics: Vec<_> = fonts
            .iter()
            .map(|f| f.glyph_metrics(Size::unscaled(), LocationRef::default()))
            .collect();
        let mut runs: Vec<Run> = Vec::new();
        for (at, c) in text.char_indices() {
            let end = at + c.len_utf8();
            let (face, id) = charmaps
                .iter()
                .enumerate()
                .find_map(|(k, map)| map.map(c).map(|g| (k, g)))
                .unwrap_or((0, skrifa::GlyphId::NOTDEF));
            let advance =
                metrics[face].advance_width(id).unwrap_or(0.0) / self.faces[face].units_per_em;
            match runs.last_mut() {
                Some(run) if run.face == face => {
                    run.glyphs.push(Glyph {
                        id: id.to_u32(),
                        advance,
                        range: at - run.range.start..end - run.range.start,
                    });
                    run.range.end = end;
                }
                _ => runs.push(Run {
                    face,
                    range: at..end,
                    glyphs: vec![Glyph {
                        id: id.to_u32(),
                        advance,
                        range: 0..c.len_utf8(),
                    }],
                }),
            }
        }
        runs
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        self.shape(text).iter().map(Run::advance).sum::<f32>() * size
    }

    /// Ascender of the first face at `size` points (from the baseline up).
    pub fn ascent(&self, size: f32) -> f32 {
        self.faces.first().map_or(0.8, |f| f.ascent) * size
    }

    /// `text` cut to at most `max_width` points, with "…" where it was cut.
    pub fn truncate(&self, text: &str, size: f32, max_width: f32) -> String {
        if self.width(text, size) <= max_width {
            return text.to_owned();
        }
        let ellipsis = self.width("…", size);
        let mut out = String::new();
        let mut width = 0.0;
        for c in text.chars() {
            let w = self.width(c.encode_utf8(&mut [0; 4]), size);
            if width + w + ellipsis > max_width {
                break;
            }
            width += w;
            out.push(c);
        }
        format!("{}…", out.trim_end())
    }

    /// `text` broken into lines at most `max_width` points wide: at spaces, and between any
    /// two Chinese characters; a word longer than a line is cut where it must be. Line breaks
    /// in the text are kept.
    pub fn wrap(&self, text: &str, size: f32, max_width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            let mut line_width = 0.0;
            for word in break_points(paragraph) {
                let w = self.width(word, size);
                if line_width + w <= max_width || line.trim().is_empty() && w <= max_width {
                    line.push_str(word);
                    line_width += w;
                    continue;
                }
                if !line.trim().is_empty() {
                    lines.push(line.trim_end().to_owned());
                }
                line = String::new();
                line_width = 0.0;
                let word = word.trim_start();
                if self.width(word, size) <= max_width {
                    line.push_str(word);
                    line_width = self.width(word, size);
                    continue;
                }
                // A word wider than the line: cut it character by character.
                for c in word.chars() {
                    let cw = self.width(c.encode_utf8(&mut [0; 4]), size);
                    if line_width + cw > max_width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_width = 0.0;
                    }
                    line.push(c);
                    line_width += cw;
                }
            }
            lines.push(line.trim_end().to_owned());
        }
        lines
    }
}

/// Pieces of `text` a line may break after: a word with the spaces before it, or one
/// Chinese (or Japanese, Korean) character.
fn break_points(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut in_word = false;
    for (at, c) in text.char_indices() {
        if is_wide(c) {
            if at > start {
                pieces.push(&text[start..at]);
            }
            pieces.push(&text[at..at + c.len_utf8()]);
            start = at + c.len_utf8();
            in_word = false;
        } else if c == ' ' {
            if in_word {
                pieces.push(&text[start..at]);
                start = at;
                in_word = false;
            }
        } else {
            in_word = true;
        }
    }
    if start < text.len() {
        pieces.push(&text[start..]);
    }
    pieces
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_cyrillic_and_chinese_each_find_a_face() {
        let fonts = FontSet::standard();
        assert_eq!(fonts.faces.len(), 2);
        let runs = fonts.shape("Li Qiang, Ли Цян, 李强");
        assert_eq!(runs.len(), 2, "{runs:?}");
        assert_eq!(runs[0].face, 0);
        assert_eq!(runs[1].face, 1);
        assert!(runs.iter().flat_map(|r| &r.glyphs).all(|g| g.id != 0));
        assert!(fonts.width("Moscow", 10.0) > 20.0);
        assert!(fonts.width("Moscow", 20.0) > 1.9 * fonts.width("Moscow", 10.0));
    }

    #[test]
    fn lines_wrap_at_spaces_and_between_chinese_characters() {
        let fonts = FontSet::standard();
        let text = "The quick brown fox jumps over the lazy dog again and again";
        let lines = fonts.wrap(text, 10.0, 80.0);
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(fonts.width(line, 10.0) <= 80.0, "{line}");
        }
        assert_eq!(lines.join(" "), text);
        let chinese = fonts.wrap("中华人民共和国和俄罗斯联邦睦邻友好合作条约", 10.0, 50.0);
        assert!(chinese.len() >= 4, "{chinese:?}");
        let url = "98. Sputnik (Kremlin statement), 17 March 2023, https://sputniknews.com/20230317/xi-to-pay-state-visit-to-russia-on-march-20-22-at-putins-invitation-kremlin-1108494002.html";
        for width in [300.0, 510.0] {
            let lines = fonts.wrap(url, 9.0, width);
            for line in &lines {
                assert!(fonts.width(line, 9.0) <= width, "{line} in {lines:?}");
            }
        }
        assert_eq!(
            fonts.truncate("Regular meetings", 10.0, 1000.0),
            "Regular meetings"
        );
        let cut = fonts.truncate("Regular meetings of heads of government", 10.0, 60.0);
        assert!(
            cut.ends_with('…') && fonts.width(&cut, 10.0) <= 60.0,
            "{cut}"
        );
    }
}
