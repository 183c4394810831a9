//! Fonts: egui's defaults first (so Latin and Cyrillic keep their look), then a bundled
//! subset of Noto Sans CJK SC as the fallback for Chinese.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// Name of the bundled Chinese font in egui's font table.
pub const CHINESE_FONT: &str = "noto-sans-sc-annals";

// The bundled subset of Noto Sans CJK SC, shared with the printed exports (one copy in the
// binary). `tests/fonts.rs` checks the dataset against the installed fonts.
use crate::export::fonts::CHINESE_FONT_BYTES;

/// egui's default fonts with the Chinese fallback appended to every family.
pub(crate) fn font_definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        CHINESE_FONT.to_owned(),
        Arc::new(FontData::from_static(CHINESE_FONT_BYTES)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push(CHINESE_FONT.to_owned());
    }
    fonts
}

/// Install the fonts, and make egui's small text readable: nothing below
/// [`super::theme::SMALL_TEXT`] points (egui's own small style is 9).
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
    ctx.all_styles_mut(|style| {
        style.text_styles.insert(
            egui::TextStyle::Small,
            egui::FontId::proportional(super::theme::SMALL_TEXT),
        );
    });
}
