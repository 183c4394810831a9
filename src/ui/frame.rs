//! The main window's layout: the top bar, banners, the panels around the timeline and the
//! timeline itself. Each feature draws its own part; this only places them.

use std::path::Path;

use egui::{RichText, Ui};

use super::AnnalsApp;
use super::browse::detail_panel::{RecordGit, detail_panel_ui};
use super::browse::filter_panel::filter_panel_ui;
use super::browse::list_view::{ListScroll, list_view_ui};
use super::command::{BrowseCommand, Command};
use super::diagnostics_view::{diagnostics_ui, merge_conflicts_ui};
use super::timeline_view::{TimelineInput, timeline_ui};
use super::top_bar::top_bar_ui;
use crate::model::dataset::EventIndex;

/// One frame of the main window (outside presentation mode); returns its commands.
pub(crate) fn window_ui(app: &mut AnnalsApp, ui: &mut Ui, now: f64) -> Vec<Command> {
    let ctx = ui.ctx().clone();
    let mut commands = Vec::new();
    egui::Panel::top("top_bar").show(ui, |ui| commands.extend(top_bar_ui(app, ui)));
    egui::Panel::bottom("status_bar").show(ui, |ui| commands.extend(app.status_bar_ui(ui)));
    if app.data.loading.is_some() {
        egui::Panel::top("loading").show(ui, |ui| commands.extend(app.loading_ui(ui)));
    }
    if app.chrome.show_warnings && app.dataset().is_some() {
        egui::Panel::bottom("warnings")
            .resizable(true)
            .default_size(160.0)
            .show(ui, |ui| {
                diagnostics_ui(ui, &app.data.loaded.diagnostics, app.prefs.language);
            });
    }
    let opacity = app.notice_opacity(now);
    if let Some(notice) = app.notice.clone()
        && !app.dialogs.open_path.is_open()
    {
        egui::Panel::top("notice").show(ui, |ui| {
            ui.horizontal(|ui| {
                let colour = ui.visuals().warn_fg_color.gamma_multiply(opacity);
                ui.label(RichText::new(format!("ℹ {notice}")).color(colour));
                let dismiss = ui
                    .small_button("×")
                    .on_hover_text(super::t(ui, "notice-dismiss"));
                let name = super::t_attr(ui, "notice-dismiss", "name");
                dismiss.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
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
                    RichText::new(crate::tr!(
                        super::lang(ui.ctx()),
                        "reload-problems",
                        count = problems.len()
                    ))
                    .color(ui.visuals().error_fg_color)
                    .strong(),
                );
                commands.extend(merge_conflicts_ui(ui, &app.data.merge_conflicts));
                diagnostics_ui(ui, problems, app.prefs.language);
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
    // Side panels take at most a share of the window, so the timeline keeps room between
    // them in a small window.
    let window_width = ui.available_width();
    let share = |fraction: f32, min: f32| (window_width * fraction).max(min);
    if editing {
        egui::Panel::right("details")
            .resizable(true)
            .default_size(380.0)
            .min_size(300.0)
            .max_size(share(0.45, 300.0))
            .show(ui, |ui| commands.extend(app.editor_panel_ui(ui)));
    }
    prepare_git(app);
    let Some(dataset) = app.data.loaded.dataset.as_ref() else {
        if app.data.loading.is_some() {
            // The first dataset is still being read (the bar above shows how far).
            egui::CentralPanel::default().show(ui, |ui| {
                ui.centered_and_justified(|ui| ui.heading(super::t(ui, "loading-first")));
            });
        } else {
            egui::CentralPanel::default().show(ui, |ui| commands.extend(app.failed_load_ui(ui)));
        }
        return commands;
    };
    let language = app.prefs.language;
    if app.prefs.show_filters {
        let filter = &app.prefs.filter;
        egui::Panel::left("filters")
            .resizable(true)
            .default_size(230.0)
            .min_size(180.0)
            .max_size(share(0.3, 180.0))
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
            .max_size(share(0.45, 260.0))
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
    let to_top = std::mem::take(&mut app.browse.search.scroll_to_top);
    let search = &app.browse.search;
    if app.prefs.show_list || search.is_active() {
        let pending = std::mem::take(&mut app.browse.list_scroll_pending);
        let rows: &[EventIndex] = if search.is_active() {
            &search.rows
        } else {
            app.browse.list_rows()
        };
        let scroll = ListScroll {
            // The matches keep their own scroll position, apart from the list's.
            id: if search.is_active() {
                "search-matches"
            } else {
                "event-list"
            },
            to_row: pending
                .then(|| app.selected.and_then(|s| rows.iter().position(|&r| r == s)))
                .flatten(),
            to_top,
        };
        let heading = search.is_active().then(|| {
            crate::tr!(
                language,
                "search-matches",
                count = rows.len(),
                text = search.text.trim()
            )
        });
        let (selected, sort) = (app.selected, app.prefs.list_sort);
        let git = &app.data.git;
        // At most half the window's height, so the timeline keeps room for its lanes.
        let max_height = (ui.available_height() * 0.45).max(80.0);
        egui::Panel::bottom("list")
            .resizable(true)
            .default_size(220.0)
            .min_size(80.0)
            .max_size(max_height)
            .show(ui, |ui| {
                // The panel keeps the height it was given however few rows there are (it
                // would otherwise shrink to them and remember that, a search without
                // matches leaving the next one's list a row high).
                ui.set_min_height(ui.available_height());
                ui.scope_builder(
                    egui::UiBuilder::new().accessibility_label(super::t(ui, "event-list")),
                    |ui| {
                        if let Some(heading) = &heading {
                            ui.add(egui::Label::new(RichText::new(heading).strong()).truncate());
                        }
                        commands.extend(list_view_ui(
                            ui,
                            dataset,
                            rows,
                            selected,
                            sort,
                            language,
                            scroll,
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
            .texts
            .get(file)
            .and_then(|texts| texts.get(id))
            .map(String::as_str),
    })
}
