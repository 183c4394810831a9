//! Small widgets the features share.

use egui::Ui;

use super::actions::{Action, def_of, shortcut_text};
use crate::i18n::Language;

/// A drop-down choice named `name` for assistive technology (kept apart from others by
/// `salt`, the same in every language); returns its button and the new value if the user
/// picked another one.
pub(crate) fn choice_ui<T: Copy + PartialEq, const N: usize>(
    ui: &mut Ui,
    (salt, name, hover): (&str, &str, &str),
    current: T,
    options: [(T, &str); N],
    shown: impl Fn(T) -> String,
) -> (egui::Response, Option<T>) {
    let mut chosen = current;
    let response = egui::ComboBox::from_id_salt(salt)
        .selected_text(shown(current))
        .show_ui(ui, |ui| {
            for (value, label) in options {
                ui.selectable_value(&mut chosen, value, label);
            }
        })
        .response
        .on_hover_text(hover);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, name));
    (response, (chosen != current).then_some(chosen))
}

/// A menu entry for `action` with its shortcut beside it; `label` overrides the table's.
/// True when clicked (the menu closes).
pub(crate) fn action_button(
    ui: &mut Ui,
    action: Action,
    label: Option<&str>,
    enabled: bool,
) -> bool {
    let text = label.map_or_else(
        || def_of(action).label(super::lang(ui.ctx())),
        str::to_owned,
    );
    let button = egui::Button::new(text).shortcut_text(shortcut_text(ui.ctx(), action));
    let clicked = ui.add_enabled(enabled, button).clicked();
    if clicked {
        ui.close();
    }
    clicked
}

/// A language as its own speakers write it.
pub(crate) fn language_label(language: Language) -> &'static str {
    language.endonym()
}

/// The file name of `path` (or the whole path if it has none), for messages.
pub fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
