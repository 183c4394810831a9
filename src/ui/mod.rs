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
pub mod pictures;
pub mod prefs;
pub mod present;
pub mod record_text;
pub mod render;
pub mod theme;
pub mod timeline_view;
pub mod top_bar;
pub mod untranslated;
pub mod view;
pub mod widgets;
pub(crate) mod words;

use std::path::PathBuf;

use self::browse::Browse;
use self::dialogs::Dialogs;
use self::edit::Editing;
use self::files::Data;
use self::present::Presenting;
use self::theme::ThemeChoice;
use self::timeline_view::{TimelineStyle, TitleWidths};
use self::view::ViewState;
use crate::model::dataset::EventIndex;
use crate::model::query::Filter;
use crate::store::{Loaded, load_dataset};
pub use prefs::Preferences;

pub use crate::APP_ID;
use crate::i18n::Language;

/// The interface's language, as the app set it for this frame (English until it has). Kept
/// in egui's memory so that every widget can read it from its `Ui` without each function
/// taking it; the app sets it from its preferences at the start of every frame.
pub(crate) fn lang(ctx: &egui::Context) -> Language {
    ctx.data(|d| d.get_temp::<Language>(language_id()))
        .unwrap_or_default()
}

/// Make `language` the interface's language from now on (see [`lang`]).
pub(crate) fn set_lang(ctx: &egui::Context, language: Language) {
    ctx.data_mut(|d| d.insert_temp(language_id(), language));
}

/// The message `id` in the interface's language (see [`lang`]).
pub(crate) fn t(ui: &egui::Ui, id: &str) -> String {
    crate::i18n::tr(lang(ui.ctx()), id)
}

/// The attribute `attribute` of message `id` in the interface's language: a tooltip.
pub(crate) fn t_attr(ui: &egui::Ui, id: &str, attribute: &str) -> String {
    crate::i18n::tr_attr(lang(ui.ctx()), id, attribute)
}

fn language_id() -> egui::Id {
    egui::Id::unique("annals-interface-language")
}

/// The application icon (window and taskbar), drawn in `assets/icon/annals.svg`.
const ICON_PNG: &[u8] = include_bytes!("../../assets/icon/annals-256.png");

/// The smallest the window can be made, in points: the top bar, the panels and the timeline
/// all fit without overlapping down to this size (`tests/ui_layout.rs` walks them there).
pub const MIN_WINDOW_SIZE: [f32; 2] = [720.0, 440.0];

/// Open the window on the dataset at `path` (by default the one open last time, else the
/// bundled one). A dataset with errors still opens, showing them.
pub fn run_native(path: Option<PathBuf>) -> eframe::Result {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Annals")
        .with_app_id(APP_ID)
        .with_inner_size([1400.0, 860.0])
        .with_min_inner_size(MIN_WINDOW_SIZE);
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

/// The window's own bits: how the timeline is drawn, and what was last sent to the window.
#[derive(Default)]
pub struct Chrome {
    pub style: TimelineStyle,
    pub title_widths: TitleWidths,
    pub show_warnings: bool,
    /// Last title sent to the window, so it is only sent when it changes.
    pub window_title: String,
    pub theme_applied: Option<ThemeChoice>,
}

pub struct AnnalsApp {
    pub(crate) ctx: egui::Context,
    pub(crate) data: Data,
    pub(crate) prefs: Preferences,
    pub(crate) selected: Option<EventIndex>,
    /// The detail panel is shown (when something is selected).
    pub(crate) details_open: bool,
    /// A message for the user (a dataset that could not be found, a dialog that failed).
    pub(crate) notice: Option<String>,
    /// When the notice is only news ("Saved …"): that message and when it is gone (egui's
    /// clock). A problem has none: it stays until it is dismissed or dealt with.
    pub(crate) notice_fades: Option<(String, f64)>,
    pub(crate) view: ViewState,
    pub(crate) browse: Browse,
    pub(crate) edit: Editing,
    pub(crate) present: Presenting,
    pub(crate) dialogs: Dialogs,
    pub(crate) chrome: Chrome,
}

impl AnnalsApp {
    /// Create the app for eframe: fonts, remembered preferences, and the dataset at `path`
    /// (or the last one opened, or the bundled one).
    pub fn new(cc: &eframe::CreationContext<'_>, path: Option<PathBuf>) -> Self {
        // The first start speaks the system's language; later ones the language last chosen.
        let prefs: Preferences = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_else(|| Preferences {
                language: crate::i18n::Language::from_system(),
                ..Preferences::default()
            });
        Self::with_preferences(&cc.egui_ctx, path, prefs)
    }

    /// Create the app on an existing egui context with default preferences (tests, benchmarks).
    /// The dataset is read before this returns, whatever its size.
    pub fn with_context(ctx: &egui::Context, path: PathBuf) -> Self {
        Self::build(ctx, Some(path), Preferences::default(), false)
    }

    /// Create the app with the given preferences. A path given explicitly wins; otherwise the
    /// remembered dataset is reopened, and if it has gone missing the bundled one is opened
    /// with a message saying so.
    pub fn with_preferences(
        ctx: &egui::Context,
        path: Option<PathBuf>,
        prefs: Preferences,
    ) -> Self {
        Self::build(ctx, path, prefs, true)
    }

    /// [`Self::with_preferences`]; `in_background`: a big dataset is read on the worker while
    /// the window shows progress (the window's way), else before this returns.
    fn build(
        ctx: &egui::Context,
        path: Option<PathBuf>,
        prefs: Preferences,
        in_background: bool,
    ) -> Self {
        self::fonts::install(ctx);
        let mut notice = None;
        let explicit = path.is_some();
        let path = match path.or_else(|| prefs.dataset.clone()) {
            Some(p) if p.exists() => p,
            Some(missing) => {
                notice = Some(crate::tr!(
                    prefs.language,
                    "files-not-found-bundled",
                    path = missing.display().to_string()
                ));
                Self::bundled_or_notice(&mut notice)
            }
            None => Self::bundled_or_notice(&mut notice),
        };
        let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        let same_dataset = !explicit || prefs.dataset.as_deref() == Some(canonical.as_path());
        // A big dataset is read on a worker: the window opens at once and shows progress.
        let big =
            in_background && crate::store::load::dataset_bytes(&path) >= files::READ_AT_ONCE_BYTES;
        let loaded = if big {
            Loaded {
                root: path.clone(),
                ..Loaded::default()
            }
        } else {
            load_dataset(&path)
        };
        let mut app = Self {
            ctx: ctx.clone(),
            data: Data::new(path.clone(), loaded, ctx),
            prefs,
            selected: None,
            details_open: false,
            notice,
            notice_fades: None,
            view: ViewState::default(),
            browse: Browse::default(),
            edit: Editing::default(),
            present: Presenting::default(),
            dialogs: Dialogs::default(),
            chrome: Chrome::default(),
        };
        app.watch();
        app.remember_dataset();
        if big {
            app.data
                .start_loading(path, files::LoadPurpose::Start { same_dataset }, ctx);
            app.refresh();
        } else {
            app.restore_session(same_dataset);
        }
        app
    }

    /// Put back the remembered view and selection (when the dataset is the one they belong
    /// to), or fit everything and clear the filter (for another dataset).
    pub(crate) fn restore_session(&mut self, same_dataset: bool) {
        match (same_dataset, self.prefs.view) {
            (true, Some(view)) if self.dataset().is_some() => self.view.set(view),
            _ => {
                if let Some(view) = self.fitted_view() {
                    self.view.set(view);
                    self.view.mark_fitted(true);
                }
            }
        }
        if same_dataset {
            self.selected = self
                .prefs
                .selected_id
                .clone()
                .and_then(|id| self.dataset()?.index_of(&id));
            // The list shows the remembered selection when it opens.
            self.browse.list_scroll_pending = self.selected.is_some();
        } else {
            self.prefs.filter = Filter::default();
        }
        self.refresh();
    }
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
