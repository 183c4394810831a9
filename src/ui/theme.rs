//! Colours and sizes shared by the views.

use egui::Color32;
use serde::{Deserialize, Serialize};

use crate::model::event::Status;
use crate::model::manifest::Rgb;

pub(crate) fn rgb(colour: Rgb) -> Color32 {
    let [r, g, b] = colour.0;
    Color32::from_rgb(r, g, b)
}

/// The smallest text the window draws, in points: notes, hints and counts (egui's own "small"
/// style is 9 points, too small to read at the default scale).
pub(crate) const SMALL_TEXT: f32 = 11.0;

/// Colour for events whose category is missing from the manifest.
pub(crate) const UNKNOWN_CATEGORY: Color32 = Color32::from_rgb(0x88, 0x88, 0x88);

/// Badge colours for a status.
pub(crate) fn status_colour(status: Status) -> Color32 {
    match status {
        Status::Verified => Color32::from_rgb(0x2e, 0x7d, 0x32),
        Status::SingleSource => Color32::from_rgb(0xb2, 0x6a, 0x00),
        Status::Disputed => Color32::from_rgb(0xc6, 0x28, 0x28),
        Status::Unverified => Color32::from_rgb(0x61, 0x61, 0x61),
    }
}

/// What `colour` (premultiplied, perhaps see-through) shows as over an opaque `background`.
pub(crate) fn over(colour: Color32, background: Color32) -> Color32 {
    let keep = 1.0 - f32::from(colour.a()) / 255.0;
    let mix = |c: u8, b: u8| (f32::from(c) + f32::from(b) * keep).round().min(255.0) as u8;
    Color32::from_rgb(
        mix(colour.r(), background.r()),
        mix(colour.g(), background.g()),
        mix(colour.b(), background.b()),
    )
}

/// Black or white, whichever reads better on `background`.
pub(crate) fn text_on(background: Color32) -> Color32 {
    let [r, g, b, _] = background.to_array();
    let luma = 0.299 * f32::from(r) + 0.587 * f32::from(g) + 0.114 * f32::from(b);
    if luma > 150.0 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// Light, dark, or whatever the system uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub(crate) const ALL: [ThemeChoice; 3] =
        [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    /// Its name in the theme menu, in `language`.
    pub fn label(self, language: crate::i18n::Language) -> String {
        let id = match self {
            ThemeChoice::System => "theme-system",
            ThemeChoice::Light => "theme-light",
            ThemeChoice::Dark => "theme-dark",
        };
        crate::i18n::tr(language, id)
    }

    pub(crate) fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        }
    }
}
