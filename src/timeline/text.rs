//! Widths of titles for the layout, without laying the text out: the width of a string is
//! the sum of its characters' advances, each character measured once (by the painter, through
//! a callback) and kept in a table. A view that brings hundreds of new titles into sight then
//! costs a table look-up a character, not a shaping pass a title; only the titles actually
//! drawn are shaped, by the painter, when they are drawn.
//!
//! The sum leaves out kerning and the painter's rounding to pixels; [`TextWidths::width`]
//! adds [`KERNING_ALLOWANCE`] so that a title never comes out wider than the room the layout
//! gave it (a test compares with egui's own layout of every title of the benchmark datasets).

use std::collections::HashMap;

use crate::model::dataset::EventIndex;

/// Added to every measured width, in points: more than the kerning and pixel rounding that a
/// sum of advances leaves out on titles of up to a few hundred characters.
pub const KERNING_ALLOWANCE: f32 = 1.0;

/// Advances of characters in one font, measured once each.
#[derive(Clone, Debug, Default)]
pub struct CharWidths {
    /// ASCII advances; NaN where not measured yet.
    ascii: Vec<f32>,
    other: HashMap<char, f32>,
}

impl CharWidths {
    pub fn clear(&mut self) {
        self.ascii.clear();
        self.other.clear();
    }

    /// Advance of `c`, from the table or measured now by `measure`.
    pub fn advance(&mut self, c: char, measure: &mut impl FnMut(char) -> f32) -> f32 {
        if c.is_ascii() {
            if self.ascii.is_empty() {
                self.ascii = vec![f32::NAN; 128];
            }
            let slot = &mut self.ascii[c as usize];
            if slot.is_nan() {
                *slot = measure(c);
            }
            *slot
        } else {
            *self.other.entry(c).or_insert_with(|| measure(c))
        }
    }

    /// Sum of the advances of the characters of `text` (no allowance).
    pub fn sum(&mut self, text: &str, measure: &mut impl FnMut(char) -> f32) -> f32 {
        text.chars().map(|c| self.advance(c, measure)).sum()
    }
}

/// Widths of the titles of a dataset's events in one font, measured when first asked for and
/// kept until [`TextWidths::reset`] (a change of dataset, of font or of scale).
#[derive(Clone, Debug, Default)]
pub struct TextWidths {
    widths: Vec<f32>,
    chars: CharWidths,
    /// What the widths were measured for: font size and pixels per point, as bits.
    key: (u32, u32),
}

impl TextWidths {
    /// Forget every width (events changed); the advances of characters stay.
    pub fn clear(&mut self) {
        self.widths.clear();
    }

    /// Forget everything if the font size, the scale or the number of events changed.
    pub fn reset_if_changed(&mut self, events: usize, font_size: f32, pixels_per_point: f32) {
        let key = (font_size.to_bits(), pixels_per_point.to_bits());
        if key != self.key {
            self.key = key;
            self.chars.clear();
            self.widths.clear();
        }
        if self.widths.len() != events {
            self.widths.clear();
            self.widths.resize(events, f32::NAN);
        }
    }

    /// Width of event `index`'s title, made of `parts` (a prefix such as "c. ", the title, and
    /// a marker such as " [en]" when the title is in another language than the one asked for),
    /// measured now if not known yet. `measure` gives a character's advance in points.
    pub fn width<'a>(
        &mut self,
        index: EventIndex,
        parts: impl FnOnce() -> [&'a str; 3],
        mut measure: impl FnMut(char) -> f32,
    ) -> f32 {
        if index >= self.widths.len() {
            self.widths.resize(index + 1, f32::NAN);
        }
        if self.widths[index].is_nan() {
            let sum = parts()
                .into_iter()
                .map(|part| self.chars.sum(part, &mut measure))
                .sum::<f32>();
            self.widths[index] = if sum > 0.0 {
                sum + KERNING_ALLOWANCE
            } else {
                0.0
            };
        }
        self.widths[index]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_character_is_measured_once() {
        let asked = std::cell::RefCell::new(Vec::new());
        let measure = |c: char| {
            asked.borrow_mut().push(c);
            if c == '中' { 13.0 } else { 7.0 }
        };
        let mut widths = TextWidths::default();
        widths.reset_if_changed(3, 13.0, 1.0);
        let k = KERNING_ALLOWANCE;
        assert_eq!(widths.width(0, || ["", "abca", ""], measure), 28.0 + k);
        assert_eq!(
            widths.width(1, || ["c. ", "中a", ""], measure),
            7.0 * 4.0 + 13.0 + k
        );
        assert_eq!(widths.width(2, || ["", "", ""], measure), 0.0);
        // Known widths are not measured again, nor their characters.
        assert_eq!(widths.width(0, || unreachable!(), measure), 28.0 + k);
        assert_eq!(*asked.borrow(), ['a', 'b', 'c', '.', ' ', '中']);
        // Another font size starts again.
        widths.reset_if_changed(3, 14.0, 1.0);
        widths.width(0, || ["", "a", ""], measure);
        assert_eq!(asked.borrow().len(), 7);
    }
}
