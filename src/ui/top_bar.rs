//! The top bar: the menus on the left, the dataset's title, and the search and view controls on
//! the right. Below a width, the least used controls move into a "»" menu at the right end
//! (the theme first, the presentation menu last), the title gives up its room, and the search
//! box narrows, so that nothing overlaps at any window size down to the minimum
//! ([`super::MIN_WINDOW_SIZE`]).

use std::collections::HashMap;

use egui::{RichText, TextStyle, TextWrapMode, Ui, WidgetText};

use super::AnnalsApp;
use super::actions::{self, Action};
use super::command::{BrowseCommand, Command, EditCommand, FileCommand, ViewCommand};
use super::theme::ThemeChoice;
use super::widgets::{action_button, choice_ui, language_label};
use super::words::grouping_label;
use super::{lang, t, t_attr};
use crate::i18n::{Language, tr};
use crate::timeline::Grouping;

/// The overflow menu's name for assistive technology, in English (the message `more-menu`).
pub const MORE_LABEL: &str = "More";

/// What the bar can hold, beyond the dataset menu, the edit menu, List, Filters and search,
/// which always stay.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Item {
    /// The word "Annals" (the window's title says it too).
    Brand,
    Present,
    Export,
    Fit,
    Lanes,
    /// The language of the interface.
    Language,
    Theme,
    Reload,
    /// The "»" menu itself.
    More,
    Dataset,
    Edit,
    List,
    Filters,
    Unsaved,
    Save,
    Count,
}

/// Items that leave the bar as it narrows, the first to go first. Brand is only hidden; the
/// others move into the "»" menu.
const GIVE_WAY: [Item; 8] = [
    Item::Theme,
    Item::Language,
    Item::Reload,
    Item::Brand,
    Item::Lanes,
    Item::Export,
    Item::Present,
    Item::Fit,
];

/// The search box's width: it narrows to `MIN` before anything moves into the menu, and the
/// title gets what is left beyond `MAX`.
const SEARCH_WIDTH_MIN: f32 = 120.0;
const SEARCH_WIDTH_MAX: f32 = 200.0;
/// The title is left out when it would get less than this; it gets up to `FIRST` before the
/// search box grows.
const TITLE_WIDTH_MIN: f32 = 48.0;
const TITLE_WIDTH_FIRST: f32 = 110.0;

/// What this frame's bar holds.
struct Plan {
    /// Items moved out of the bar (into the "»" menu, or hidden for Brand).
    away: Vec<Item>,
    search_width: f32,
    /// Room for the dataset's title (or path); 0 leaves it out.
    title_width: f32,
}

impl Plan {
    fn shows(&self, item: Item) -> bool {
        !self.away.contains(&item)
    }
}

/// Widths of the bar's items as last drawn (the estimate from their text until then), kept
/// in egui's memory so that an item that measured wider than its estimate is counted so.
/// They belong to one language: another one's words have other widths.
#[derive(Clone, Default)]
struct Measured(Language, HashMap<Item, f32>);

fn measured_id() -> egui::Id {
    egui::Id::unique("annals-top-bar-widths")
}

fn remember_width(ui: &Ui, item: Item, response: &egui::Response) {
    let width = response.rect.width();
    let language = lang(ui.ctx());
    ui.data_mut(|d| {
        let measured = d.get_temp_mut_or_default::<Measured>(measured_id());
        if measured.0 != language {
            *measured = Measured(language, HashMap::new());
        }
        measured.1.insert(item, width);
    });
}

fn text_width(ui: &Ui, text: impl Into<WidgetText>, style: TextStyle) -> f32 {
    text.into()
        .into_galley(ui, Some(TextWrapMode::Extend), f32::INFINITY, style)
        .size()
        .x
}

fn button_width(ui: &Ui, text: &str) -> f32 {
    text_width(ui, text, TextStyle::Button) + 2.0 * ui.spacing().button_padding.x
}

fn combo_width(ui: &Ui, text: &str) -> f32 {
    let s = ui.spacing();
    (button_width(ui, text) + s.icon_spacing + s.icon_width).max(s.combo_width)
}

fn theme_text(ui: &Ui, theme: ThemeChoice) -> String {
    theme.label(lang(ui.ctx()))
}

/// The language combo's text: the language as its speakers write it, behind a globe.
fn language_text(language: Language) -> String {
    format!("🌐 {}", language_label(language))
}

fn lanes_text(ui: &Ui, grouping: Grouping) -> String {
    let language = lang(ui.ctx());
    crate::tr!(
        language,
        "lanes-choice",
        lanes = grouping_label(grouping, language)
    )
}

fn count_text(app: &AnnalsApp, language: Language) -> Option<String> {
    let search = &app.browse.search;
    search
        .is_active()
        .then(|| super::browse::search::found_text(language, search.results.len()))
}

/// Decide what fits in `available` points.
fn plan(app: &AnnalsApp, ui: &Ui, available: f32) -> Plan {
    let has_dataset = app.dataset().is_some();
    let dirty = app.is_dirty();
    let spacing = ui.spacing().item_spacing.x;
    let language = lang(ui.ctx());
    let learned = ui
        .data(|d| d.get_temp::<Measured>(measured_id()))
        .filter(|m| m.0 == language)
        .unwrap_or_default();
    let prefs = &app.prefs;
    // Estimates from the words of the interface's language (Russian's are a third longer).
    let estimate = |item: Item| -> f32 {
        match item {
            Item::Brand => text_width(ui, RichText::new("Annals").strong(), TextStyle::Body),
            Item::Dataset => button_width(ui, &t(ui, "menu-dataset")),
            Item::Edit => button_width(ui, &t(ui, "menu-edit")),
            Item::Present => button_width(ui, &t(ui, "menu-present")),
            Item::Export => button_width(ui, &t(ui, "menu-export")),
            Item::Unsaved => text_width(
                ui,
                RichText::new(t(ui, "bar-unsaved")).strong(),
                TextStyle::Body,
            ),
            Item::Save => button_width(ui, &t(ui, "bar-save")),
            Item::Reload => button_width(ui, &t(ui, "bar-reload")),
            Item::Theme => combo_width(ui, &theme_text(ui, prefs.theme)),
            Item::Language => combo_width(ui, &language_text(prefs.language)),
            Item::Fit => button_width(ui, &t(ui, "bar-fit")),
            Item::Lanes => combo_width(ui, &lanes_text(ui, prefs.grouping)),
            Item::List => button_width(ui, &t(ui, "bar-list")),
            Item::Filters => button_width(ui, &t(ui, "bar-filters")),
            Item::More => button_width(ui, "»"),
            Item::Count => {
                count_text(app, language).map_or(0.0, |t| text_width(ui, t, TextStyle::Body))
            }
        }
    };
    let width = |item: Item| -> f32 {
        let measured = learned.1.get(&item).copied().unwrap_or(0.0);
        // The count's text changes with every search: its estimate is always fresh.
        let w = if item == Item::Count {
            estimate(item)
        } else {
            estimate(item).max(measured)
        };
        // A widget's width plus the space after it.
        w.ceil() + spacing
    };
    let mut items = vec![
        Item::Brand,
        Item::Dataset,
        Item::Reload,
        Item::Theme,
        Item::Language,
    ];
    if has_dataset {
        items.extend([
            Item::Edit,
            Item::Present,
            Item::Export,
            Item::Fit,
            Item::Lanes,
            Item::List,
            Item::Filters,
        ]);
        if count_text(app, language).is_some() {
            items.push(Item::Count);
        }
    }
    if dirty {
        items.extend([Item::Unsaved, Item::Save]);
    }
    // The separator after the menus, and a little slack for rounding.
    let fixed = 6.0 + spacing + 4.0;
    let search = if has_dataset {
        SEARCH_WIDTH_MIN + spacing
    } else {
        0.0
    };
    let needed = |away: &[Item]| -> f32 {
        let more = if away.iter().any(|&i| i != Item::Brand) {
            width(Item::More)
        } else {
            0.0
        };
        items
            .iter()
            .filter(|i| !away.contains(i))
            .map(|&i| width(i))
            .sum::<f32>()
            + more
            + fixed
            + search
    };
    let mut away = Vec::new();
    for item in GIVE_WAY {
        if needed(&away) <= available {
            break;
        }
        if items.contains(&item) {
            away.push(item);
        }
    }
    // What is left goes to the title first (enough to recognise it), then to the search box,
    // then to the rest of the title.
    let mut spare = (available - needed(&away) - spacing).max(0.0);
    let title_max = if dirty { 160.0 } else { 220.0 };
    let mut title = if spare >= TITLE_WIDTH_MIN {
        spare.min(TITLE_WIDTH_FIRST)
    } else {
        0.0
    };
    spare -= title;
    let search_width = if has_dataset {
        let extra = spare.min(SEARCH_WIDTH_MAX - SEARCH_WIDTH_MIN);
        spare -= extra;
        SEARCH_WIDTH_MIN + extra
    } else {
        0.0
    };
    if title > 0.0 {
        title += spare.min(title_max - title);
    }
    Plan {
        away,
        search_width,
        title_width: title,
    }
}

/// The top bar: menus, the dataset's title, the unsaved marker, search and view controls.
pub(crate) fn top_bar_ui(app: &mut AnnalsApp, ui: &mut Ui) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        let plan = plan(app, ui, ui.available_width());
        if plan.shows(Item::Brand) {
            let r = ui.label(RichText::new("Annals").strong());
            remember_width(ui, Item::Brand, &r);
        }
        commands.extend(dataset_menu_ui(app, ui));
        if app.dataset().is_some() {
            commands.extend(app.edit_menu_ui(ui));
            if plan.shows(Item::Present) {
                commands.extend(app.present_menu_ui(ui));
            }
            if plan.shows(Item::Export) {
                commands.extend(app.export_menu_ui(ui));
            }
        }
        ui.separator();
        let dirty = app.is_dirty();
        let title = match app.dataset() {
            Some(dataset) => dataset.title_in(lang(ui.ctx())),
            None => app.data.path.display().to_string(),
        };
        if plan.title_width > 0.0 {
            // Truncated, so the search box and the view controls keep their room.
            ui.scope(|ui| {
                ui.set_max_width(plan.title_width);
                ui.add(egui::Label::new(&title).truncate())
                    .on_hover_text(&title);
            });
        }
        if dirty {
            let r = ui
                .label(
                    RichText::new(t(ui, "bar-unsaved"))
                        .color(ui.visuals().warn_fg_color)
                        .strong(),
                )
                .on_hover_text(crate::tr!(
                    lang(ui.ctx()),
                    "bar-unsaved-tooltip",
                    keys = actions::shortcut_text(ui.ctx(), Action::Save)
                ));
            remember_width(ui, Item::Unsaved, &r);
            let r = ui
                .button(t(ui, "bar-save"))
                .on_hover_text(actions::tooltip(ui.ctx(), Action::Save));
            remember_width(ui, Item::Save, &r);
            if r.clicked() {
                commands.push(EditCommand::Save.into());
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            commands.extend(view_controls_ui(app, ui, &plan));
        });
    });
    commands
}

/// The 📂 Dataset menu.
fn dataset_menu_ui(app: &AnnalsApp, ui: &mut Ui) -> Vec<Command> {
    let mut commands = Vec::new();
    let response = ui.menu_button(t(ui, "menu-dataset"), |ui| {
        if ui
            .button(t(ui, "dataset-open-folder"))
            .on_hover_text(t_attr(ui, "dataset-open-folder", "tooltip"))
            .clicked()
        {
            ui.close();
            match rfd::FileDialog::new()
                .set_title(t_attr(ui, "dataset-open-folder", "title"))
                .pick_folder()
            {
                Some(path) => commands.push(FileCommand::Open(path).into()),
                // No answer: cancelled, or no dialog service here; typing a path always works.
                None => commands.push(FileCommand::AskOpenPath(String::new()).into()),
            }
        }
        let path = app.data.path.display().to_string();
        if action_button(
            ui,
            Action::OpenPath,
            Some(&t(ui, "dataset-open-path")),
            true,
        ) {
            commands.push(FileCommand::AskOpenPath(path).into());
        }
        if ui.button(t(ui, "dataset-bundled")).clicked() {
            ui.close();
            commands.push(FileCommand::OpenBundled.into());
        }
        if ui
            .button(t(ui, "dataset-restore"))
            .on_hover_text(t_attr(ui, "dataset-restore", "tooltip"))
            .clicked()
        {
            ui.close();
            commands.push(FileCommand::RestoreBundled.into());
        }
        if ui
            .button(t(ui, "dataset-import"))
            .on_hover_text(t_attr(ui, "dataset-import", "tooltip"))
            .clicked()
        {
            ui.close();
            commands.push(FileCommand::AskImport.into());
        }
        ui.separator();
        ui.label(RichText::new(t(ui, "dataset-recent")).weak());
        for path in &app.prefs.recent {
            if ui.button(path.display().to_string()).clicked() {
                ui.close();
                commands.push(FileCommand::Open(path.clone()).into());
            }
        }
    });
    remember_width(ui, Item::Dataset, &response.response);
    commands
}

/// Right-hand side of the top bar, right to left: the "»" menu when something moved into it,
/// reload, theme, language, fit, lanes, list, filters, search.
fn view_controls_ui(app: &mut AnnalsApp, ui: &mut Ui, plan: &Plan) -> Vec<Command> {
    let mut commands = Vec::new();
    let moved: Vec<Item> = plan
        .away
        .iter()
        .copied()
        .filter(|&i| i != Item::Brand)
        .collect();
    if !moved.is_empty() {
        commands.extend(more_menu_ui(app, ui, &moved));
    }
    if plan.shows(Item::Reload) {
        let r = ui
            .button(t(ui, "bar-reload"))
            .on_hover_text(actions::tooltip(ui.ctx(), Action::Reload));
        remember_width(ui, Item::Reload, &r);
        if r.clicked() {
            commands.push(FileCommand::Reload.into());
        }
    }
    let language = lang(ui.ctx());
    if plan.shows(Item::Theme) {
        let labels = ThemeChoice::ALL.map(|t| t.label(language));
        let (r, theme) = choice_ui(
            ui,
            (
                "theme",
                &t(ui, "theme-menu"),
                &t_attr(ui, "theme-menu", "tooltip"),
            ),
            app.prefs.theme,
            std::array::from_fn::<_, 3, _>(|i| (ThemeChoice::ALL[i], labels[i].as_str())),
            |theme| theme.label(language),
        );
        remember_width(ui, Item::Theme, &r);
        if let Some(theme) = theme {
            commands.push(BrowseCommand::SetTheme(theme).into());
        }
    }
    if plan.shows(Item::Language) {
        let (r, language) = choice_ui(
            ui,
            (
                "language",
                &t(ui, "language-menu"),
                &t_attr(ui, "language-menu", "tooltip"),
            ),
            app.prefs.language,
            Language::ALL.map(|l| (l, language_label(l))),
            language_text,
        );
        remember_width(ui, Item::Language, &r);
        if let Some(language) = language {
            commands.push(BrowseCommand::SetLanguage(language).into());
        }
    }
    if app.dataset().is_none() {
        return commands;
    }
    if plan.shows(Item::Fit) {
        let r = ui
            .button(t(ui, "bar-fit"))
            .on_hover_text(actions::tooltip(ui.ctx(), Action::Fit));
        remember_width(ui, Item::Fit, &r);
        if r.clicked() {
            commands.push(ViewCommand::FitAll.into());
        }
    }
    if plan.shows(Item::Lanes) {
        let labels = Grouping::ALL.map(|g| grouping_label(g, language));
        let (r, grouping) = choice_ui(
            ui,
            (
                "lanes",
                &t(ui, "lanes-menu"),
                &t_attr(ui, "lanes-menu", "tooltip"),
            ),
            app.prefs.grouping,
            std::array::from_fn::<_, 4, _>(|i| (Grouping::ALL[i], labels[i].as_str())),
            |g| {
                crate::tr!(
                    language,
                    "lanes-choice",
                    lanes = grouping_label(g, language)
                )
            },
        );
        remember_width(ui, Item::Lanes, &r);
        if let Some(grouping) = grouping {
            commands.push(BrowseCommand::SetGrouping(grouping).into());
        }
    }
    let r = ui
        .selectable_label(app.prefs.show_list, t(ui, "bar-list"))
        .on_hover_text(actions::tooltip(ui.ctx(), Action::ToggleList));
    remember_width(ui, Item::List, &r);
    if r.clicked() {
        commands.push(BrowseCommand::ToggleList.into());
    }
    let r = ui
        .selectable_label(app.prefs.show_filters, t(ui, "bar-filters"))
        .on_hover_text(actions::tooltip(ui.ctx(), Action::ToggleFilters));
    remember_width(ui, Item::Filters, &r);
    if r.clicked() {
        commands.push(BrowseCommand::ToggleFilters.into());
    }
    commands.extend(app.browse.search.ui(ui, plan.search_width));
    commands
}

/// The "»" menu: what did not fit in the bar, most used first.
fn more_menu_ui(app: &AnnalsApp, ui: &mut Ui, moved: &[Item]) -> Vec<Command> {
    let mut commands = Vec::new();
    let has = |item| moved.contains(&item);
    let language = lang(ui.ctx());
    let response = ui.menu_button("»", |ui| {
        if has(Item::Present) {
            commands.extend(app.present_menu_ui(ui));
        }
        if has(Item::Export) {
            commands.extend(app.export_menu_ui(ui));
        }
        if has(Item::Fit) && action_button(ui, Action::Fit, Some(&t(ui, "bar-fit")), true) {
            commands.push(ViewCommand::FitAll.into());
        }
        let lanes = Grouping::ALL.map(|g| grouping_label(g, language));
        if has(Item::Lanes)
            && let Some(g) = radio_menu(
                ui,
                &lanes_text(ui, app.prefs.grouping),
                app.prefs.grouping,
                std::array::from_fn::<_, 4, _>(|i| (Grouping::ALL[i], lanes[i].as_str())),
            )
        {
            commands.push(BrowseCommand::SetGrouping(g).into());
        }
        if has(Item::Reload) && action_button(ui, Action::Reload, Some(&t(ui, "bar-reload")), true)
        {
            commands.push(FileCommand::Reload.into());
        }
        if has(Item::Language)
            && let Some(l) = radio_menu(
                ui,
                &crate::tr!(
                    language,
                    "language-choice",
                    language = language_label(app.prefs.language)
                ),
                app.prefs.language,
                Language::ALL.map(|l| (l, language_label(l))),
            )
        {
            commands.push(BrowseCommand::SetLanguage(l).into());
        }
        let themes = ThemeChoice::ALL.map(|t| t.label(language));
        if has(Item::Theme)
            && let Some(t) = radio_menu(
                ui,
                &crate::tr!(
                    language,
                    "theme-choice",
                    theme = app.prefs.theme.label(language)
                ),
                app.prefs.theme,
                std::array::from_fn::<_, 3, _>(|i| (ThemeChoice::ALL[i], themes[i].as_str())),
            )
        {
            commands.push(BrowseCommand::SetTheme(t).into());
        }
    });
    let names: Vec<String> = moved
        .iter()
        .map(|i| {
            let id = match i {
                Item::Present => "more-present",
                Item::Export => "more-export",
                Item::Fit => "more-fit",
                Item::Lanes => "more-lanes",
                Item::Reload => "more-reload",
                Item::Language => "more-language",
                _ => "more-theme",
            };
            tr(language, id)
        })
        .collect();
    let response = response.response;
    let name = tr(language, "more-menu");
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
    let response = response.on_hover_text(crate::tr!(
        language,
        "more-tooltip",
        items = names.join(", ")
    ));
    remember_width(ui, Item::More, &response);
    commands
}

/// A submenu of choices, the current one marked; the new value if another was picked.
fn radio_menu<T: Copy + PartialEq, const N: usize>(
    ui: &mut Ui,
    title: &str,
    current: T,
    options: [(T, &str); N],
) -> Option<T> {
    let mut chosen = None;
    ui.menu_button(title, |ui| {
        for (value, label) in options {
            if ui.radio(current == value, label).clicked() {
                chosen = Some(value);
                ui.close();
            }
        }
    });
    chosen.filter(|&c| c != current)
}
