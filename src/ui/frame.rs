//! The main window's layout: the top bar, banners, the panels around the timeline and the
//! timeline itself. Each feature draws its own part; this only places them.

use std::path::Path;

use egui::{RichText, Ui};

use super::AnnalsApp;
use super::actions::{self, Action};
use super::browse::detail_panel::{RecordGit, detail_panel_ui};
use super::browse::filter_panel::filter_panel_ui;
use super::browse::list_view::list_view_ui;
use super::command::{BrowseCommand, Command, EditCommand, FileCommand, ViewCommand};
use super::diagnostics_view::{diagnostics_ui, merge_conflicts_ui};
use super::theme::ThemeChoice;
use super::timeline_view::{TimelineInput, timeline_ui};
use super::widgets::{choice_ui, language_label};
use crate::model::dataset::EventIndex;
use crate::model::manifest::Language;
use crate::timeline::Grouping;

/// One frame of the main window (outside presentation mode); returns its commands.
pub(crate) fn window_ui(app: &mut AnnalsApp, ui: &mut Ui, now: f64) -> Vec<Command> {
    let ctx = ui.ctx().clone();
    let mut commands = Vec::new();
    egui::Panel::top("top_bar").show(ui, |ui| commands.extend(top_bar_ui(app, ui)));
    egui::Panel::bottom("status_bar").show(ui, |ui| app.status_bar_ui(ui));
    if app.data.loading.is_some() {
        egui::Panel::top("loading").show(ui, |ui| commands.extend(app.loading_ui(ui)));
    }
    if app.chrome.show_warnings && app.dataset().is_some() {
        egui::Panel::bottom("warnings")
            .resizable(true)
            .default_size(160.0)
            .show(ui, |ui| diagnostics_ui(ui, &app.data.loaded.diagnostics));
    }
    if let Some(notice) = app.notice.clone()
        && !app.dialogs.open_path.is_open()
    {
        egui::Panel::top("notice").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("ℹ {notice}")).color(ui.visuals().warn_fg_color));
                let dismiss = ui.small_button("×").on_hover_text("Dismiss this message");
                dismiss.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::Button, true, "Dismiss the message")
                });
                if dismiss.clicked() {
                    app.notice = None;
                }
            });
        });
    }
    if !app.data.reload_problems.is_empty() {
        let problems = &app.data.reload_problems;
        egui::Panel::top("reload_problems")
            .resizable(true)
            .default_size(160.0)
            .show(ui, |ui| {
                ui.label(
                    RichText::new(format!(
                        "⚠ The files now have {} error{}; the last good version stays on screen. Fix them and the view updates by itself.",
                        problems.len(),
                        if problems.len() == 1 { "" } else { "s" }
                    ))
                    .color(ui.visuals().error_fg_color)
                    .strong(),
                );
                commands.extend(merge_conflicts_ui(ui, &app.data.merge_conflicts));
                diagnostics_ui(ui, problems);
            });
    }
    if !app.edit.conflicts.is_empty() {
        egui::Panel::top("conflicts").show(ui, |ui| commands.extend(app.conflict_banner_ui(ui)));
    }
    let notice = app.notice.clone();
    commands.extend(app.dialogs.ui(&ctx, notice.as_deref()));
    commands.extend(app.editing_dialogs_ui(&ctx));
    app.browse.pictures.viewer_ui(&ctx);
    // The editor takes the detail panel's place (same id, so it keeps its width).
    let editing = app.is_editing() && app.edit.draft.is_some() && app.dataset().is_some();
    if editing {
        egui::Panel::right("details")
            .resizable(true)
            .default_size(380.0)
            .min_size(300.0)
            .show(ui, |ui| commands.extend(app.editor_panel_ui(ui)));
    }
    prepare_git(app);
    let Some(dataset) = app.data.loaded.dataset.as_ref() else {
        egui::CentralPanel::default().show(ui, |ui| commands.extend(app.failed_load_ui(ui)));
        return commands;
    };
    let language = app.prefs.language;
    if app.prefs.show_filters {
        let filter = &app.prefs.filter;
        egui::Panel::left("filters")
            .resizable(true)
            .default_size(230.0)
            .min_size(180.0)
            .show(ui, |ui| {
                if let Some(new) = filter_panel_ui(ui, dataset, filter, language) {
                    commands.push(BrowseCommand::SetFilter(new).into());
                }
            });
    }
    if let Some(selected) = app.selected.filter(|_| app.details_open && !editing) {
        egui::Panel::right("details")
            .resizable(true)
            .default_size(380.0)
            .min_size(260.0)
            .show(ui, |ui| {
                let git = dataset
                    .event(selected)
                    .and_then(|e| record_git(&app.data.git, &e.id));
                commands.extend(detail_panel_ui(
                    ui,
                    dataset,
                    selected,
                    language,
                    git.as_ref(),
                    (&app.data.loaded.root, &mut app.browse.pictures),
                ));
            });
    }
    // While searching, the list shows the matches (and opens by itself).
    let search = &app.browse.search;
    if app.prefs.show_list || search.is_active() {
        let pending = std::mem::take(&mut app.browse.list_scroll_pending);
        let rows: &[EventIndex] = if search.is_active() {
            &search.rows
        } else {
            app.browse.list_rows()
        };
        let scroll_to = pending
            .then(|| app.selected.and_then(|s| rows.iter().position(|&r| r == s)))
            .flatten();
        let heading = search.is_active().then(|| {
            format!(
                "{} match{} for “{}” (↓/↑ or Enter in the search box step through them)",
                rows.len(),
                if rows.len() == 1 { "" } else { "es" },
                search.text.trim()
            )
        });
        let (selected, sort) = (app.selected, app.prefs.list_sort);
        let git = &app.data.git;
        egui::Panel::bottom("list")
            .resizable(true)
            .default_size(220.0)
            .min_size(80.0)
            .show(ui, |ui| {
                ui.scope_builder(
                    egui::UiBuilder::new().accessibility_label("Event list"),
                    |ui| {
                        if let Some(heading) = &heading {
                            ui.label(RichText::new(heading).strong());
                        }
                        commands.extend(list_view_ui(
                            ui,
                            dataset,
                            rows,
                            selected,
                            sort,
                            language,
                            scroll_to,
                            &|id: &str| git.changed_anywhere(id),
                        ));
                    },
                );
            });
    }
    if !app.prefs.filter.is_empty() {
        egui::Panel::top("filter_chips").show(ui, |ui| {
            commands.extend(app.browse.filter_chips_ui(ui, dataset, &app.prefs.filter));
        });
    }
    let mut canvas = None;
    if let Some(lanes) = app.browse.lanes() {
        let view = app.view.shown();
        let input = TimelineInput {
            dataset,
            lanes,
            view: &view,
            selected: app.selected,
            matches: (!app.browse.search.set.is_empty()).then_some(&app.browse.search.set),
            language,
            style: &app.chrome.style,
        };
        let widths = &mut app.chrome.title_widths;
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let output = timeline_ui(ui, &input, widths);
            commands.extend(output.commands);
            canvas = Some(output.canvas);
        });
    }
    if let Some(canvas) = canvas {
        app.canvas_measured(canvas, now);
    }
    commands
}

/// Ask git (on its worker) about the selected record's file, and take in its answers.
fn prepare_git(app: &mut AnnalsApp) {
    if app.data.git.poll() {
        app.forget_other_files_git();
    }
    let Some(id) = app
        .selected
        .and_then(|i| app.dataset()?.event(i))
        .map(|e| e.id.to_string())
    else {
        return;
    };
    let git = &mut app.data.git;
    if let Some(file) = git
        .file_of(&id)
        .filter(|f| git.in_git(f))
        .map(Path::to_path_buf)
    {
        git.ensure_history(&file);
    }
}

/// What git knows of record `id`, if its file is in a git work tree.
fn record_git<'a>(
    git: &'a crate::store::history::HistoryWorker,
    id: &str,
) -> Option<RecordGit<'a>> {
    let file = git.file_of(id).filter(|f| git.in_git(f))?;
    Some(RecordGit {
        changed: git.changed(file, id),
        history: git.history(file, id),
        current: git
            .status
            .get(file)
            .and_then(|s| s.current.get(id))
            .map(String::as_str),
    })
}

/// The top bar: menus, the dataset's title, the unsaved marker, search and view controls.
fn top_bar_ui(app: &mut AnnalsApp, ui: &mut Ui) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        ui.label(RichText::new("Annals").strong());
        commands.extend(dataset_menu_ui(app, ui));
        if app.dataset().is_some() {
            commands.extend(app.edit_menu_ui(ui));
            commands.extend(app.present_menu_ui(ui));
            commands.extend(app.export_menu_ui(ui));
        }
        ui.separator();
        let dirty = app.is_dirty();
        match app.dataset() {
            Some(dataset) => {
                // Truncated, so the search box and the view controls keep their room.
                let room = if dirty { 90.0 } else { 200.0 };
                ui.scope(|ui| {
                    ui.set_max_width(room);
                    ui.add(egui::Label::new(&dataset.manifest.title).truncate())
                        .on_hover_text(&dataset.manifest.title);
                });
                if dirty {
                    ui.label(
                        RichText::new("● unsaved")
                            .color(ui.visuals().warn_fg_color)
                            .strong(),
                    )
                    .on_hover_text(format!(
                        "Edits not yet written to the files: {} saves",
                        actions::shortcut_text(ui.ctx(), Action::Save)
                    ));
                    if ui
                        .button("💾 Save")
                        .on_hover_text(actions::tooltip(ui.ctx(), Action::Save))
                        .clicked()
                    {
                        commands.push(EditCommand::Save.into());
                    }
                }
            }
            None => {
                ui.label(app.data.path.display().to_string());
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            commands.extend(view_controls_ui(app, ui));
        });
    });
    commands
}

/// The 📂 Dataset menu.
fn dataset_menu_ui(app: &AnnalsApp, ui: &mut Ui) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.menu_button("📂 Dataset", |ui| {
        if ui
            .button("Open folder…")
            .on_hover_text("Choose a dataset folder")
            .clicked()
        {
            ui.close();
            match rfd::FileDialog::new()
                .set_title("Open a dataset folder")
                .pick_folder()
            {
                Some(path) => commands.push(FileCommand::Open(path).into()),
                // No answer: cancelled, or no dialog service here; typing a path always works.
                None => commands.push(FileCommand::AskOpenPath(String::new()).into()),
            }
        }
        let path = app.data.path.display().to_string();
        if super::widgets::action_button(ui, Action::OpenPath, Some("Open path…"), true) {
            commands.push(FileCommand::AskOpenPath(path).into());
        }
        if ui.button("Bundled dataset").clicked() {
            ui.close();
            commands.push(FileCommand::OpenBundled.into());
        }
        if ui
            .button("Restore the bundled dataset")
            .on_hover_text("A fresh copy of the bundled dataset, beside yours (which is kept)")
            .clicked()
        {
            ui.close();
            commands.push(FileCommand::RestoreBundled.into());
        }
        if ui
            .button("Import from TimelineJS…")
            .on_hover_text("A new dataset from a TimelineJS JSON file or its spreadsheet's CSV")
            .clicked()
        {
            ui.close();
            commands.push(FileCommand::AskImport.into());
        }
        ui.separator();
        ui.label(RichText::new("Recent").weak());
        for path in &app.prefs.recent {
            if ui.button(path.display().to_string()).clicked() {
                ui.close();
                commands.push(FileCommand::Open(path.clone()).into());
            }
        }
    });
    commands
}

/// Right-hand side of the top bar: reload, theme, names, fit, lanes, list, filters, search.
fn view_controls_ui(app: &mut AnnalsApp, ui: &mut Ui) -> Vec<Command> {
    let mut commands = Vec::new();
    if ui
        .button("⟳ Reload")
        .on_hover_text(actions::tooltip(ui.ctx(), Action::Reload))
        .clicked()
    {
        commands.push(FileCommand::Reload.into());
    }
    if let Some(theme) = choice_ui(
        ui,
        ("Theme", "Light, dark, or as the system"),
        app.prefs.theme,
        ThemeChoice::ALL.map(|t| (t, t.label())),
        |t| t.label().to_owned(),
    ) {
        commands.push(BrowseCommand::SetTheme(theme).into());
    }
    let languages = [Language::English, Language::Chinese, Language::Russian];
    if let Some(language) = choice_ui(
        ui,
        ("Names", "Language of people's and places' names"),
        app.prefs.language,
        languages.map(|l| (l, language_label(l))),
        |l| format!("Names: {}", language_label(l)),
    ) {
        commands.push(BrowseCommand::SetLanguage(language).into());
    }
    if app.dataset().is_none() {
        return commands;
    }
    if ui
        .button("Fit")
        .on_hover_text(actions::tooltip(ui.ctx(), Action::Fit))
        .clicked()
    {
        commands.push(ViewCommand::FitAll.into());
    }
    if let Some(grouping) = choice_ui(
        ui,
        ("Lanes", "Group events into lanes"),
        app.prefs.grouping,
        Grouping::ALL.map(|g| (g, g.label())),
        |g| format!("Lanes: {}", g.label()),
    ) {
        commands.push(BrowseCommand::SetGrouping(grouping).into());
    }
    if ui
        .selectable_label(app.prefs.show_list, "☰ List")
        .on_hover_text(actions::tooltip(ui.ctx(), Action::ToggleList))
        .clicked()
    {
        commands.push(BrowseCommand::ToggleList.into());
    }
    if ui
        .selectable_label(app.prefs.show_filters, "Filters")
        .on_hover_text(actions::tooltip(ui.ctx(), Action::ToggleFilters))
        .clicked()
    {
        commands.push(BrowseCommand::ToggleFilters.into());
    }
    commands.extend(app.browse.search.ui(ui));
    commands
}
