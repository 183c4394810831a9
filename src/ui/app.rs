//! The application: the features (browsing, editing, presenting, dialogs), the open dataset,
//! the view of time, and the plumbing between them. Views emit commands; [`AnnalsApp::apply`]
//! hands each family of commands to the feature that owns the state it changes. What a user
//! would expect to find again after a restart is kept in [`Preferences`].

use std::path::Path;

use egui::{RichText, Ui};

use super::actions::{self, Action, Scope};
use super::command::{
    BrowseCommand, Command, EditCommand, FileCommand, PresentCommand, ViewCommand,
};
use super::frame;
use super::view::JUMP_SECONDS;
pub use super::{AnnalsApp, Chrome};
use crate::model::dataset::{Dataset, EventIndex};
use crate::model::query::Filter;
use crate::store::{Diagnostic, Loaded};
use crate::timeline::{Grouping, Lanes, TimeView};

/// How long news ("Saved …", "Wrote …") stays on screen, in seconds; the last one fades.
pub const NOTICE_SECONDS: f64 = 6.0;

/// Share of the window kept free around fitted content, on each side.
const FIT_MARGIN: f64 = 0.04;

pub use super::prefs::Preferences;

impl AnnalsApp {
    /// Recompute what browsing derives from the dataset, the filter and the grouping.
    pub(crate) fn refresh(&mut self) {
        self.browse
            .refresh(self.data.loaded.dataset.as_ref(), &self.prefs);
    }

    pub fn grouping(&self) -> Grouping {
        self.prefs.grouping
    }

    pub fn preferences(&self) -> &Preferences {
        &self.prefs
    }

    pub fn filter(&self) -> &Filter {
        &self.prefs.filter
    }

    /// Events shown after filtering, chronological.
    pub(crate) fn shown_events(&self) -> impl Iterator<Item = EventIndex> + '_ {
        self.browse.shown_events()
    }

    /// The lanes the timeline shows (only events that pass the filter).
    pub fn lanes(&self) -> Option<&Lanes> {
        self.browse.lanes()
    }

    /// Rows of the list, in their displayed order.
    pub fn list_rows(&self) -> &[EventIndex] {
        self.browse.list_rows()
    }

    /// Events matching the search among those shown.
    pub fn search_results(&self) -> &[EventIndex] {
        &self.browse.search.results
    }

    /// How many reports of changed files the folder watcher has delivered and the app has
    /// handled (its own saves included): tests wait on it to know a change was seen.
    pub fn watcher_reports(&self) -> usize {
        self.data.watcher_reports
    }

    /// How many git commands the worker behind the history and the change marks has run,
    /// as of its last answer: tests check that a dataset outside git costs one.
    pub fn git_runs(&self) -> usize {
        self.data.git.git_runs()
    }

    /// Whether git's answers about every file of the open dataset have arrived.
    pub fn git_answered(&self) -> bool {
        self.data.git.answered()
    }

    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// Show `message` as news: it fades after [`NOTICE_SECONDS`] (problems are set as
    /// `notice` directly and stay until dealt with).
    pub(crate) fn inform(&mut self, message: String) {
        let now = self.ctx.input(|i| i.time);
        self.notice_fades = Some((message.clone(), now + NOTICE_SECONDS));
        self.notice = Some(message);
    }

    /// How visible the notice is now (1 until its last second, then fading to 0); drops it
    /// once it has faded.
    pub(crate) fn notice_opacity(&mut self, now: f64) -> f32 {
        let Some((message, until)) = &self.notice_fades else {
            return 1.0;
        };
        if self.notice.as_ref() != Some(message) {
            self.notice_fades = None; // replaced by another message
            return 1.0;
        }
        let left = until - now;
        if left <= 0.0 {
            self.notice = None;
            self.notice_fades = None;
            return 0.0;
        }
        // Wake up when the fading starts, then every frame while it fades.
        let wake = if left > 1.0 { left - 1.0 } else { 1.0 / 30.0 };
        self.ctx
            .request_repaint_after(std::time::Duration::from_secs_f64(wake));
        left.min(1.0) as f32
    }

    pub fn dataset(&self) -> Option<&Dataset> {
        self.data.loaded.dataset.as_ref()
    }

    pub fn loaded(&self) -> &Loaded {
        &self.data.loaded
    }

    /// Whether a dataset is being read on the worker.
    pub fn is_loading(&self) -> bool {
        self.data.loading.is_some()
    }

    pub fn selected(&self) -> Option<EventIndex> {
        self.selected
    }

    /// The view the timeline shows now (the end point of any running animation).
    pub fn view(&self) -> TimeView {
        self.view.target()
    }

    pub fn dataset_path(&self) -> &Path {
        &self.data.path
    }

    /// The title last given to the window ("Annals — …", the dataset's title in the
    /// interface's language).
    pub fn window_title(&self) -> &str {
        &self.chrome.window_title
    }

    /// Errors found in the files on disk while the last good version is shown.
    pub fn reload_problems(&self) -> &[Diagnostic] {
        &self.data.reload_problems
    }

    pub(crate) fn fitted_view(&self) -> Option<TimeView> {
        let (first, last) = self.dataset()?.extent()?;
        Some(TimeView::fit(first, last, FIT_MARGIN))
    }

    /// The middle of the selected event's days, if something is selected.
    fn selected_middle_day(&self) -> Option<f64> {
        let event = self.dataset()?.event(self.selected?)?;
        let (first, last) = crate::timeline::scale::event_days(event);
        Some((first + last) / 2.0)
    }

    /// Change state as `command` says. `now` is egui's clock, for animations.
    pub fn apply(&mut self, command: Command, now: f64) {
        match command {
            Command::View(command) => self.apply_view(command, now),
            Command::Browse(command) => self.apply_browse(command, now),
            Command::Edit(command) => self.apply_edit(command),
            Command::Present(command) => self.apply_present(command, now),
            Command::Files(command) => self.apply_files(command),
        }
    }

    /// Apply a command about the view of time.
    pub(crate) fn apply_view(&mut self, command: ViewCommand, now: f64) {
        match command {
            ViewCommand::SetView(view) => self.view.set(view),
            ViewCommand::AnimateTo(view) => self.view.animate(view, now, JUMP_SECONDS),
            ViewCommand::FitAll => {
                if let Some(view) = self.fitted_view() {
                    self.view.animate(view, now, JUMP_SECONDS);
                    self.view.mark_fitted(true);
                }
            }
            ViewCommand::ZoomToEvent(index) => {
                self.selected = Some(index);
                self.details_open = true;
                self.browse.list_scroll_pending = true;
                if let Some(event) = self.dataset().and_then(|d| d.event(index)) {
                    let (first, last) = crate::timeline::scale::event_days(event);
                    // Show the event with room around it: at least a week across.
                    let span = ((last - first) * 3.0).max(7.0);
                    let center = (first + last) / 2.0;
                    let view = TimeView::new(center - span / 2.0, span);
                    self.view.animate(view, now, JUMP_SECONDS);
                }
            }
            ViewCommand::ZoomToRange(first, last) => {
                if first.is_finite() && last.is_finite() {
                    // A little room around the range; never narrower than a day.
                    let span = ((last - first) * 1.2).max(1.0);
                    let center = (first + last) / 2.0;
                    let view = TimeView::new(center - span / 2.0, span);
                    self.view.animate(view, now, JUMP_SECONDS);
                }
            }
            ViewCommand::ZoomBy(factor) => {
                let current = self.view.target();
                let anchor = self
                    .selected_middle_day()
                    .filter(|&d| d >= current.start_day && d <= current.end_day())
                    .unwrap_or_else(|| current.center_day());
                let view = current.zoomed_around(anchor, factor);
                self.view.animate(view, now, JUMP_SECONDS);
            }
        }
    }

    /// The commands of this frame's shortcuts (see the action table).
    fn shortcuts(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let typing = ctx.egui_wants_keyboard_input();
        let mut pressed = ctx.input_mut(|i| {
            let mut pressed = Vec::new();
            if self.data.loading.is_some() {
                pressed.extend(actions::pressed(i, Scope::Loading));
            }
            pressed.extend(actions::pressed(i, Scope::Window));
            // Undo and redo act on the records; in the search box they are the box's own.
            if self.is_editing() || !typing {
                pressed.extend(actions::pressed(i, Scope::Records));
            }
            pressed
        });
        if !typing && self.dataset().is_some() {
            pressed.extend(ctx.input_mut(|i| actions::pressed(i, Scope::Browse)));
        }
        pressed
            .into_iter()
            .filter_map(|action| self.command_for(action))
            .collect()
    }

    /// What `action` does now, if anything.
    fn command_for(&self, action: Action) -> Option<Command> {
        let selected = self.selected;
        let dataset = self.dataset();
        let reveal =
            |index: Option<EventIndex>| index.map(|i| BrowseCommand::SelectAndReveal(i).into());
        let needs_selection = |command: Command| selected.map(|_| command);
        match action {
            Action::Save => Some(EditCommand::Save.into()),
            Action::Present => {
                // F5 presents what was presented last, if that storyline is still there.
                let story = self
                    .prefs
                    .present
                    .clone()
                    .filter(|name| self.data.loaded.storyline(name).is_some());
                Some(PresentCommand::Start(story).into())
            }
            Action::Undo => Some(EditCommand::Undo.into()),
            Action::Redo => Some(EditCommand::Redo.into()),
            Action::NewEvent => Some(EditCommand::NewEvent.into()),
            Action::Duplicate => Some(EditCommand::DuplicateEvent.into()),
            Action::Reload => Some(FileCommand::Reload.into()),
            Action::OpenPath => Some(FileCommand::AskOpenPath(String::new()).into()),
            Action::ToggleFilters => Some(BrowseCommand::ToggleFilters.into()),
            Action::Search => Some(BrowseCommand::FocusSearch.into()),
            Action::ToggleList => Some(BrowseCommand::ToggleList.into()),
            Action::NextLanguage => {
                let all = crate::i18n::Language::ALL;
                let at = all.iter().position(|&l| l == self.prefs.language);
                let next = all[at.map_or(0, |i| (i + 1) % all.len())];
                Some(BrowseCommand::SetLanguage(next).into())
            }
            Action::Fit => Some(ViewCommand::FitAll.into()),
            Action::Escape => Some(if self.is_editing() {
                EditCommand::SetEditing(false).into()
            } else {
                BrowseCommand::Select(None).into()
            }),
            Action::Edit => needs_selection(EditCommand::SetEditing(true).into()),
            Action::Delete => needs_selection(EditCommand::AskDelete(true).into()),
            Action::ShowDetails => needs_selection(BrowseCommand::ShowDetails(true).into()),
            Action::ZoomIn => Some(ViewCommand::ZoomBy(2.0).into()),
            Action::ZoomOut => Some(ViewCommand::ZoomBy(0.5).into()),
            Action::NextInSeries => {
                reveal(dataset.zip(selected).and_then(|(d, s)| d.next_in_series(s)))
            }
            Action::PreviousInSeries => reveal(
                dataset
                    .zip(selected)
                    .and_then(|(d, s)| d.previous_in_series(s)),
            ),
            Action::Next => reveal(self.browse.step_shown(selected, true)),
            Action::Previous => reveal(self.browse.step_shown(selected, false)),
            Action::First => reveal(self.browse.step_shown(None, true)),
            Action::Last => reveal(self.browse.step_shown(None, false)),
            Action::CancelLoad => Some(FileCommand::CancelLoad.into()),
            // The search box and presentation mode read their own keys.
            Action::NextMatch
            | Action::PreviousMatch
            | Action::StepNext
            | Action::StepBack
            | Action::FirstStep
            | Action::LastStep
            | Action::PresenterView
            | Action::EndPresentation => None,
        }
    }

    /// One frame of the whole UI. Public so tests and benchmarks can drive it on any `Ui`.
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let now = ctx.input(|i| i.time);
        super::set_lang(&ctx, self.prefs.language);
        if self.chrome.theme_applied != Some(self.prefs.theme) {
            ctx.set_theme(self.prefs.theme.preference());
            self.chrome.theme_applied = Some(self.prefs.theme);
        }
        if self.view.tick(now) {
            ctx.request_repaint();
        }
        self.poll_loading();
        self.data.untranslated.poll();
        if self
            .data
            .watcher
            .as_ref()
            .is_some_and(crate::store::watch::DatasetWatcher::take_changes)
        {
            self.data.watcher_reports += 1;
            self.on_files_changed();
        }
        self.sync_draft();
        // A search under way looks on for a few milliseconds a frame.
        if let Some(dataset) = self.data.loaded.dataset.as_ref()
            && self.browse.search.advance(dataset, &self.prefs)
        {
            ctx.request_repaint();
        }
        let commands = if self.present.current.is_some() {
            let mut commands = self.presentation_keys(&ctx);
            commands.extend(self.presentation_frame(ui));
            commands
        } else {
            let mut commands = self.shortcuts(&ctx);
            // Folders or files dropped on the window open that dataset.
            let dropped =
                ctx.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_path_buf()));
            if let Some(path) = dropped {
                commands.push(FileCommand::Open(path).into());
            }
            commands.extend(frame::window_ui(self, ui, now));
            commands
        };
        self.edit.focus_moved_to(ctx.memory(egui::Memory::focused));
        for command in commands {
            self.apply(command, now);
        }
        if self.view.is_animating() {
            ctx.request_repaint();
        }
    }

    /// The timeline's canvas was measured this frame.
    pub(crate) fn canvas_measured(&mut self, canvas: (f32, f32), now: f64) {
        let day = self.selected_middle_day();
        let window_width = self.ctx.content_rect().width();
        self.view.canvas_measured(canvas, window_width, day, now);
    }

    /// Preferences as they should be saved now.
    fn preferences_to_save(&self) -> Preferences {
        let mut prefs = self.prefs.clone();
        prefs.view = Some(self.view());
        prefs.selected_id = self
            .selected
            .and_then(|i| self.dataset()?.event(i))
            .map(|e| e.id.to_string());
        prefs
    }

    /// A picture of the timeline as it is now (view, filters, selection, lanes, search),
    /// without the rest of the window, at `size` pixels.
    pub fn render_view(&self, size: (u32, u32)) -> Option<super::render::Picture> {
        let dark = self.ctx.theme() == egui::Theme::Dark;
        super::render::timeline_picture(
            &super::render::TimelineScene {
                dataset: self.dataset()?,
                lanes: self.lanes()?,
                view: self.view(),
                selected: self.selected,
                matches: &self.browse.search.set,
                language: self.prefs.language,
                style: &self.chrome.style,
            },
            size,
            dark,
        )
    }

    /// The status bar: warnings, the texts lacking the interface's language, the keys' hints,
    /// the dataset's size.
    pub(crate) fn status_bar_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.horizontal(|ui| {
            let warnings = self.data.loaded.warning_count();
            if warnings > 0 {
                let text = crate::tr!(super::lang(ui.ctx()), "status-warnings", count = warnings);
                if ui
                    .selectable_label(self.chrome.show_warnings, text)
                    .clicked()
                {
                    self.chrome.show_warnings = !self.chrome.show_warnings;
                }
            } else {
                ui.label(RichText::new(super::t(ui, "status-no-problems")).weak());
            }
            commands.extend(self.untranslated_ui(ui));
            ui.separator();
            // The dataset's size at the right end first; the hints get the room left between,
            // cut with "…" rather than run under it.
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some(dataset) = self.dataset() {
                    let span = dataset
                        .extent()
                        .and_then(|(a, b)| {
                            let year = |d| crate::model::date::ymd_of_day(d).map(|(y, _, _)| y);
                            let years = crate::model::date_display::years_display;
                            Some(format!(
                                " · {}",
                                years(self.prefs.language, year(a)?, year(b)?)
                            ))
                        })
                        .unwrap_or_default();
                    let events =
                        crate::tr!(super::lang(ui.ctx()), "events-count", count = dataset.len());
                    ui.label(RichText::new(format!("{events}{span}")).weak());
                }
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    let hints = crate::tr!(
                        super::lang(ui.ctx()),
                        "status-hints",
                        keys = actions::status_hints(ui.ctx())
                    );
                    // Cut short, the whole text shows on hover.
                    ui.add(
                        egui::Label::new(
                            RichText::new(hints).weak().size(super::theme::SMALL_TEXT),
                        )
                        .truncate(),
                    );
                });
            });
        });
        commands
    }

    /// "12 texts lack 中文" when the interface's language is not the dataset's own and some
    /// texts lack it; a click walks them.
    fn untranslated_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let language = self.prefs.language;
        let untranslated = &self.data.untranslated;
        let count = untranslated.missing(language);
        if self.dataset().is_none() || language == untranslated.default_language() || count == 0 {
            return Vec::new();
        }
        ui.separator();
        let text = crate::tr!(
            language,
            "status-untranslated",
            count = count,
            texts = untranslated.texts(),
            language = language.endonym()
        );
        let clicked = ui
            .selectable_label(false, text)
            .on_hover_text(crate::i18n::tr_attr(
                language,
                "status-untranslated",
                "tooltip",
            ))
            .clicked();
        if !clicked {
            return Vec::new();
        }
        let selected = self.selected;
        let Some(dataset) = self.data.loaded.dataset.as_ref() else {
            return Vec::new();
        };
        let Some(stop) = self
            .data
            .untranslated
            .next(language, dataset, selected)
            .cloned()
        else {
            return Vec::new();
        };
        match stop {
            super::untranslated::Stop::Event { id, fields } => {
                self.inform(crate::tr!(
                    language,
                    "untranslated-event",
                    id = id.to_string(),
                    fields = fields.join(", "),
                    language = language.endonym()
                ));
                match self.dataset().and_then(|d| d.index_of(&id)) {
                    Some(index) => vec![
                        BrowseCommand::SelectAndReveal(index).into(),
                        BrowseCommand::ShowDetails(true).into(),
                    ],
                    None => Vec::new(),
                }
            }
            super::untranslated::Stop::Elsewhere {
                place,
                field,
                owner,
            } => {
                let field = match owner {
                    Some(owner) => format!("{field} ({owner})"),
                    None => field.to_owned(),
                };
                self.inform(crate::tr!(
                    language,
                    "untranslated-elsewhere",
                    place = place,
                    field = field,
                    language = language.endonym()
                ));
                Vec::new()
            }
        }
    }
}

impl eframe::App for AnnalsApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        if ui.ctx().input(|i| i.viewport().close_requested()) {
            // The presentation's zoom is not to be remembered as the window's.
            if self.present.current.is_some() {
                let now = ui.ctx().input(|i| i.time);
                self.apply(PresentCommand::End.into(), now);
            }
            if !self.on_close_requested() {
                ui.ctx()
                    .send_viewport_cmd(egui::ViewportCommand::CancelClose);
            }
        }
        self.frame_ui(ui);
        let dirty = if self.is_dirty() { " ●" } else { "" };
        let language = self.prefs.language;
        let title = match self.dataset() {
            Some(d) => format!("Annals — {}{dirty}", d.title_in(language)),
            None => format!(
                "Annals — {}",
                crate::i18n::tr(language, "window-title-errors")
            ),
        };
        if title != self.chrome.window_title {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.chrome.window_title = title;
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.preferences_to_save());
    }
}
