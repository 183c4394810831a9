//! egui only: paints the model and the pure layout, and turns input into [`command::Command`]s.

pub mod actions;
pub mod app;
pub mod browse;
pub mod command;
pub mod diagnostics_view;
pub mod dialogs;
pub mod edit;
pub mod files;
pub mod fonts;
pub mod frame;
pub mod markdown;
pub mod present;
pub mod render;
pub mod theme;
pub mod timeline_view;
pub mod view;
pub mod widgets;

use std::path::PathBuf;

pub use app::AnnalsApp;

pub use crate::APP_ID;

/// The application icon (window and taskbar), drawn in `assets/icon/annals.svg`.
const ICON_PNG: &[u8] = include_bytes!("../../assets/icon/annals-256.png");

/// Open the window on the dataset at `path` (by default the one open last time, else the
/// bundled one). A dataset with errors still opens, showing them.
pub fn run_native(path: Option<PathBuf>) -> eframe::Result {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Annals")
        .with_app_id(APP_ID)
        .with_inner_size([1400.0, 860.0])
        .with_min_inner_size([720.0, 420.0]);
    match eframe::icon_data::from_png_bytes(ICON_PNG) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(e) => eprintln!("annals: the icon could not be read: {e}"),
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "Annals",
        options,
        Box::new(move |cc| Ok(Box::new(AnnalsApp::new(cc, path)))),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_icon_decodes() {
        let icon = eframe::icon_data::from_png_bytes(super::ICON_PNG).unwrap();
        assert_eq!((icon.width, icon.height), (256, 256));
        assert!(
            icon.rgba.chunks(4).any(|p| p[3] == 0),
            "transparent corners"
        );
    }
}
