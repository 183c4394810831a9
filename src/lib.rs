//! Annals: a desktop timeline viewer for hand-curated histories of events.
//!
//! Data flows one way: `store` reads RON files into a `model::Dataset`, `timeline` turns the
//! model and a view into geometry, and `ui` paints it with egui and emits commands.
//! `model`, `store` and `timeline` know nothing of egui.

pub mod bundled;
pub mod cli;
pub mod export;
pub mod generate;
pub mod i18n;
pub mod model;
pub mod paths;
pub mod store;
pub mod timeline;
pub mod ui;

#[cfg(test)]
pub(crate) mod testing;

/// The application id: the window's class (`StartupWMClass` in `assets/annals.desktop`) and
/// the name of the folder eframe keeps the settings in (`~/.local/share/annals`).
pub const APP_ID: &str = "annals";
