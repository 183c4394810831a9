//! egui only: paints the model and the pure layout, and turns input into [`command::Command`]s.

pub mod app;
pub mod command;
pub mod detail_panel;
pub mod diagnostics_view;
pub mod editor;
pub mod filter_panel;
pub mod fonts;
pub mod list_view;
pub mod markdown;
pub mod presentation;
pub mod render;
pub mod theme;
pub mod timeline_view;

use std::path::PathBuf;

pub use app::AnnalsApp;

/// Open the window on the dataset at `path` (by default the one open last time, else the
/// bundled one). A dataset with errors still opens, showing them.
pub fn run_native(path: Option<PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Annals")
            .with_app_id("annals")
            .with_inner_size([1400.0, 860.0])
            .with_min_inner_size([720.0, 420.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Annals",
        options,
        Box::new(move |cc| Ok(Box::new(AnnalsApp::new(cc, path)))),
    )
}
