//! The application: owns the loaded dataset and the view state, runs the panels, and applies
//! the commands they emit. What a user would expect to find again after a restart (dataset,
//! view, selection, filters, language, theme, list and panels) is kept in [`Preferences`].

mod editing;
mod export;
mod present;

pub use export::ExportRequest;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, RichText, Ui};
use serde::{Deserialize, Serialize};

use super::command::Command;
use super::detail_panel::detail_panel_ui;
use super::diagnostics_view::{diagnostics_ui, merge_conflicts_ui};
use super::editor::Draft;
use super::filter_panel::filter_panel_ui;
use super::fonts;
use super::list_view::{ListSort, list_view_ui, sort_rows};
use super::timeline_view::{TimelineInput, TimelineStyle, TitleWidths, timeline_ui};
use crate::model::dataset::{Dataset, EventIndex};
use crate::model::date::year_label;
use crate::model::manifest::Language;
use crate::model::query::{Filter, Search};
use crate::store::session::EditSession;
use crate::store::watch::DatasetWatcher;
use crate::store::{Diagnostic, Loaded, load_dataset};
use crate::timeline::{Grouping, Lanes, TimeView};

/// How long animated jumps take, in seconds.
const JUMP_SECONDS: f64 = 0.3;
/// Share of the window kept free around fitted content, on each side.
const FIT_MARGIN: f64 = 0.04;
/// How many recently opened datasets are remembered.
const RECENT_MAX: usize = 8;

pub use super::theme::ThemeChoice;

fn language_label(language: Language) -> &'static str {
    match language {
        Language::English => "English",
        Language::Chinese => "中文",
        Language::Russian => "Русский",
    }
}

/// What is remembered across restarts (eframe persistence).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    pub dataset: Option<PathBuf>,
    pub recent: Vec<PathBuf>,
    pub view: Option<TimeView>,
    pub selected_id: Option<String>,
    pub filter: Filter,
    pub language: Language,
    pub theme: ThemeChoice,
    pub grouping: Grouping,
    pub show_list: bool,
    pub show_filters: bool,
    pub list_sort: ListSort,
    /// What F5 presents: a storyline (file name in `briefings/`), or the shown events.
    pub present: Option<String>,
}

/// A smooth move of the view from one window of time to another.
#[derive(Clone, Copy, Debug)]
struct ViewAnimation {
    from: TimeView,
    to: TimeView,
    start_time: f64,
    /// Seconds.
    duration: f64,
}

impl ViewAnimation {
    /// The view at `now`, and whether the animation is over.
    fn at(&self, now: f64) -> (TimeView, bool) {
        let t = ((now - self.start_time) / self.duration).clamp(0.0, 1.0);
        if t >= 1.0 {
            return (self.to, true);
        }
        let eased = 1.0 - (1.0 - t).powi(3); // ease-out cubic
        (self.from.lerp(&self.to, eased), false)
    }
}

pub struct AnnalsApp {
    dataset_path: PathBuf,
    loaded: Loaded,
    view: TimeView,
    animation: Option<ViewAnimation>,
    selected: Option<EventIndex>,
    /// The detail panel is shown (when something is selected).
    details_open: bool,
    prefs: Preferences,
    /// Which events pass the filter, indexed like the dataset's events.
    shown: Vec<bool>,
    shown_count: usize,
    /// Lanes of the shown events under the chosen grouping; rebuilt when either changes.
    lanes: Option<Lanes>,
    /// Rows of the list: shown events, sorted.
    list_rows: Vec<EventIndex>,
    /// Scroll the list to the selection on the next frame.
    list_scroll_pending: bool,
    search_text: String,
    /// Shown events matching the search, chronological.
    search_results: Vec<EventIndex>,
    /// The same, in the list's order.
    search_rows: Vec<EventIndex>,
    search_set: HashSet<EventIndex>,
    /// The search that produced `search_results`.
    last_search: Search,
    focus_search: bool,
    /// Text of the "open a path" window, when it is open.
    open_path: Option<String>,
    /// A message for the user (a dataset that could not be found, a dialog that failed).
    notice: Option<String>,
    title_widths: TitleWidths,
    show_warnings: bool,
    style: TimelineStyle,
    /// Left and right edge of the timeline canvas in the last frame, in points.
    canvas_span: Option<(f32, f32)>,
    /// Reports of changed files handled so far (the app's own saves included).
    watcher_reports: usize,
    /// Until this time (and for at least a few frames), canvas measurements are taken as
    /// they come without rescaling the view: leaving a presentation changes the zoom factor,
    /// the window's size and the panels over several frames, and the view restored then must
    /// stay exactly as it was.
    canvas_settling: (u8, f64),
    /// Last title sent to the window, so it is only sent when it changes.
    window_title: String,
    theme_applied: Option<ThemeChoice>,
    /// Watches the dataset folder for edits made outside (a text editor).
    watcher: Option<DatasetWatcher>,
    /// Errors of the files on disk while the last good version stays on screen.
    reload_problems: Vec<Diagnostic>,
    /// Edits and their history, from the first edit on.
    session: Option<EditSession>,
    /// The editor form is open for the selection.
    editing: bool,
    /// What the form shows, when it is open.
    draft: Option<Draft>,
    /// The text field being typed into, and the id its event had when typing began: the
    /// keystrokes of one run are one undo step.
    typing_run: Option<(&'static str, String)>,
    focus_title: bool,
    /// The widget that had the keyboard focus in the last frame.
    last_focus: Option<egui::Id>,
    confirm_delete: bool,
    /// Files changed on disk under unsaved edits.
    conflicts: Vec<PathBuf>,
    /// Histories and "changed since the last commit" from git, computed on a worker.
    git: crate::store::history::HistoryWorker,
    /// Merge conflicts left in the files, to take one side of.
    merge_conflicts: Vec<crate::store::merge::FileConflict>,
    close_asked: bool,
    allow_close: bool,
    presentation: Option<present::Presentation>,
    /// The export window, when open.
    export_request: Option<ExportRequest>,
    /// The import window, when open: (file, new folder).
    import_request: Option<(String, String)>,
    /// Title widths at the presentation's text size.
    present_widths: TitleWidths,
    present_style: TimelineStyle,
    ctx: egui::Context,
}

impl AnnalsApp {
    /// Create the app for eframe: fonts, remembered preferences, and the dataset at `path`
    /// (or the last one opened, or the bundled one).
    pub fn new(cc: &eframe::CreationContext<'_>, path: Option<PathBuf>) -> Self {
        let prefs: Preferences = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        Self::with_preferences(&cc.egui_ctx, path, prefs)
    }

    /// Create the app on an existing egui context with default preferences (tests, benchmarks).
    pub fn with_context(ctx: &egui::Context, path: PathBuf) -> Self {
        Self::with_preferences(ctx, Some(path), Preferences::default())
    }

    /// Create the app with the given preferences. A path given explicitly wins; otherwise the
    /// remembered dataset is reopened, and if it has gone missing the bundled one is opened
    /// with a message saying so.
    pub fn with_preferences(
        ctx: &egui::Context,
        path: Option<PathBuf>,
        prefs: Preferences,
    ) -> Self {
        fonts::install(ctx);
        let mut notice = None;
        let explicit = path.is_some();
        let path = match path.or_else(|| prefs.dataset.clone()) {
            Some(p) if p.exists() => p,
            Some(missing) => {
                notice = Some(format!(
                    "{} was not found; the bundled dataset is open instead.",
                    missing.display()
                ));
                Self::bundled_or_notice(&mut notice)
            }
            None => Self::bundled_or_notice(&mut notice),
        };
        let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        let same_dataset = !explicit || prefs.dataset.as_deref() == Some(canonical.as_path());
        let loaded = load_dataset(&path);
        let mut app = Self {
            dataset_path: path,
            loaded,
            view: TimeView::default(),
            animation: None,
            selected: None,
            details_open: false,
            prefs,
            shown: Vec::new(),
            shown_count: 0,
            lanes: None,
            list_rows: Vec::new(),
            list_scroll_pending: false,
            search_text: String::new(),
            search_results: Vec::new(),
            search_rows: Vec::new(),
            search_set: HashSet::new(),
            last_search: Search::default(),
            focus_search: false,
            open_path: None,
            notice,
            title_widths: TitleWidths::default(),
            show_warnings: false,
            style: TimelineStyle::default(),
            window_title: String::new(),
            canvas_span: None,
            watcher_reports: 0,
            canvas_settling: (0, f64::NEG_INFINITY),
            theme_applied: None,
            watcher: None,
            reload_problems: Vec::new(),
            session: None,
            editing: false,
            draft: None,
            typing_run: None,
            focus_title: false,
            last_focus: None,
            confirm_delete: false,
            conflicts: Vec::new(),
            git: {
                let ctx = ctx.clone();
                crate::store::history::HistoryWorker::new(move || ctx.request_repaint())
            },
            merge_conflicts: Vec::new(),
            close_asked: false,
            allow_close: false,
            presentation: None,
            export_request: None,
            import_request: None,
            present_widths: TitleWidths::default(),
            present_style: super::presentation::timeline_style(),
            ctx: ctx.clone(),
        };
        app.watch();
        match (same_dataset, app.prefs.view) {
            (true, Some(view)) if app.dataset().is_some() => app.view = view,
            _ => {
                if let Some(view) = app.fitted_view() {
                    app.view = view;
                }
            }
        }
        if same_dataset {
            app.selected = app
                .prefs
                .selected_id
                .clone()
                .and_then(|id| app.dataset()?.index_of(&id));
        } else {
            app.prefs.filter = Filter::default();
        }
        app.remember_dataset();
        app.refresh();
        app
    }

    /// Start watching the open dataset's folder; a change wakes the UI, which reloads.
    fn watch(&mut self) {
        self.git_refresh();
        let ctx = self.ctx.clone();
        let folder = self.loaded.root.clone();
        self.watcher = match DatasetWatcher::new(&folder, move || ctx.request_repaint()) {
            Ok(watcher) => Some(watcher),
            Err(message) => {
                self.notice = Some(format!("{message}; use Reload (Ctrl+R) after editing."));
                None
            }
        };
    }

    /// Ask git again which records changed since the last commit (and their histories), and
    /// find the merge conflicts the diagnostics report.
    pub(super) fn git_refresh(&mut self) {
        let files: Vec<PathBuf> = self
            .loaded
            .files
            .iter()
            .filter(|f| {
                f.file_name()
                    .is_none_or(|n| n != crate::store::load::MANIFEST_FILE)
            })
            .cloned()
            .collect();
        self.git.refresh(&files);
        self.forget_other_files_git();
        let mut diagnostics = self.loaded.diagnostics.clone();
        diagnostics.extend(self.reload_problems.iter().cloned());
        self.merge_conflicts = crate::store::merge::conflicts_in(&diagnostics);
    }

    /// Keep what git said of the open dataset's files only: a dataset opened before (whose
    /// answers may still arrive) holds records with the same ids, and its history and its
    /// changes since the last commit are not this one's.
    fn forget_other_files_git(&mut self) {
        let files = &self.loaded.files;
        self.git.status.retain(|path, _| files.contains(path));
    }

    fn remember_dataset(&mut self) {
        // Absolute, so that it is found again whatever folder Annals is started from.
        let path =
            std::fs::canonicalize(&self.dataset_path).unwrap_or_else(|_| self.dataset_path.clone());
        self.prefs.recent.retain(|p| p != &path);
        self.prefs.recent.insert(0, path.clone());
        self.prefs.recent.truncate(RECENT_MAX);
        self.prefs.dataset = Some(path);
    }

    /// Recompute everything derived from the dataset, the filter and the grouping.
    fn refresh(&mut self) {
        let Some(dataset) = self.loaded.dataset.as_ref() else {
            self.lanes = None;
            self.shown.clear();
            self.list_rows.clear();
            self.search_results.clear();
            self.search_set.clear();
            return;
        };
        self.shown = self.prefs.filter.mask(dataset);
        self.shown_count = self.shown.iter().filter(|&&s| s).count();
        let shown = &self.shown;
        self.lanes = Some(Lanes::build(dataset, self.prefs.grouping, |i| shown[i]));
        self.list_rows = (0..dataset.len()).filter(|&i| shown[i]).collect();
        sort_rows(
            dataset,
            &mut self.list_rows,
            self.prefs.list_sort,
            self.prefs.language,
        );
        self.run_search(false);
    }

    /// Order the list (and the listed search matches) again after the sort or the names'
    /// language changed; nothing else depends on them.
    fn resort_lists(&mut self) {
        let Some(dataset) = self.loaded.dataset.as_ref() else {
            return;
        };
        let (sort, language) = (self.prefs.list_sort, self.prefs.language);
        sort_rows(dataset, &mut self.list_rows, sort, language);
        sort_rows(dataset, &mut self.search_rows, sort, language);
    }

    /// Search the shown events again. `narrowing`: the new text only adds to the previous one,
    /// so the previous results are searched instead of every event (typing stays quick on big
    /// datasets).
    fn run_search(&mut self, narrowing: bool) {
        let Some(dataset) = self.loaded.dataset.as_ref() else {
            return;
        };
        let search = Search::new(&self.search_text);
        let shown = &self.shown;
        let candidates: Vec<EventIndex> = if narrowing && self.last_search.is_narrowed_by(&search) {
            std::mem::take(&mut self.search_results)
        } else {
            (0..dataset.len()).filter(|&i| shown[i]).collect()
        };
        self.search_results = search.run_within(dataset, candidates);
        self.last_search = search;
        self.search_set = self.search_results.iter().copied().collect();
        self.search_rows = self.search_results.clone();
        sort_rows(
            dataset,
            &mut self.search_rows,
            self.prefs.list_sort,
            self.prefs.language,
        );
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
    pub fn shown_events(&self) -> impl Iterator<Item = EventIndex> + '_ {
        self.shown
            .iter()
            .enumerate()
            .filter(|(_, s)| **s)
            .map(|(i, _)| i)
    }

    /// The lanes the timeline shows (only events that pass the filter).
    pub fn lanes(&self) -> Option<&Lanes> {
        self.lanes.as_ref()
    }

    /// Rows of the list, in their displayed order.
    pub fn list_rows(&self) -> &[EventIndex] {
        &self.list_rows
    }

    /// Events matching the search among those shown.
    pub fn search_results(&self) -> &[EventIndex] {
        &self.search_results
    }

    /// How many reports of changed files the folder watcher has delivered and the app has
    /// handled (its own saves included): tests wait on it to know a change was seen.
    pub fn watcher_reports(&self) -> usize {
        self.watcher_reports
    }

    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// Whether the detail panel is showing.
    pub fn details_open(&self) -> bool {
        self.details_open && self.selected.is_some()
    }

    pub fn dataset(&self) -> Option<&Dataset> {
        self.loaded.dataset.as_ref()
    }

    pub fn loaded(&self) -> &Loaded {
        &self.loaded
    }

    pub fn selected(&self) -> Option<EventIndex> {
        self.selected
    }

    /// The view the timeline shows now (the end point of any running animation).
    pub fn view(&self) -> TimeView {
        self.animation.map_or(self.view, |a| a.to)
    }

    pub fn dataset_path(&self) -> &Path {
        &self.dataset_path
    }

    fn fitted_view(&self) -> Option<TimeView> {
        let (first, last) = self.dataset()?.extent()?;
        Some(TimeView::fit(first, last, FIT_MARGIN))
    }

    fn animate_to(&mut self, to: TimeView, now: f64) {
        self.animate_for(to, now, JUMP_SECONDS);
    }

    fn animate_for(&mut self, to: TimeView, now: f64, seconds: f64) {
        self.animation = Some(ViewAnimation {
            from: self.view,
            to,
            start_time: now,
            duration: seconds,
        });
    }

    /// The middle of the selected event's days, if something is selected.
    fn selected_middle_day(&self) -> Option<f64> {
        let (first, last) = event_days(self.dataset()?.event(self.selected?)?);
        Some((first + last) / 2.0)
    }

    fn reveal(&mut self, index: EventIndex, now: f64) {
        if let Some(event) = self.dataset().and_then(|d| d.event(index)) {
            let (first, last) = event_days(event);
            let target = self.view().keeping_in_view(first, last, 0.1);
            if target != self.view {
                self.animate_to(target, now);
            }
        }
    }

    /// Change state as `command` says. `now` is egui's clock, for animations.
    pub fn apply(&mut self, command: Command, now: f64) {
        match command {
            Command::Select(selection) => {
                if selection != self.selected {
                    self.list_scroll_pending = true;
                }
                self.selected = selection;
                self.details_open = selection.is_some();
            }
            Command::ShowDetails(open) => self.details_open = open,
            Command::SetGrouping(grouping) => {
                if grouping != self.prefs.grouping {
                    self.prefs.grouping = grouping;
                    self.refresh();
                }
            }
            Command::AnimateTo(view) => self.animate_to(view, now),
            Command::ZoomBy(factor) => {
                let current = self.view();
                let anchor = self
                    .selected_middle_day()
                    .filter(|&d| d >= current.start_day && d <= current.end_day())
                    .unwrap_or_else(|| current.center_day());
                self.animate_to(current.zoomed_around(anchor, factor), now);
            }
            Command::SelectAndReveal(index) => {
                if Some(index) != self.selected {
                    self.list_scroll_pending = true;
                }
                self.selected = Some(index);
                self.reveal(index, now);
            }
            Command::SetView(view) => {
                self.animation = None;
                self.view = view;
            }
            Command::FitAll => {
                if let Some(view) = self.fitted_view() {
                    self.animate_to(view, now);
                }
            }
            Command::ZoomToEvent(index) => {
                self.selected = Some(index);
                self.details_open = true;
                self.list_scroll_pending = true;
                if let Some(event) = self.dataset().and_then(|d| d.event(index)) {
                    let (first, last) = event_days(event);
                    // Show the event with room around it: at least a week across.
                    let span = ((last - first) * 3.0).max(7.0);
                    let center = (first + last) / 2.0;
                    self.animate_to(TimeView::new(center - span / 2.0, span), now);
                }
            }
            Command::ZoomToRange(first, last) => {
                if first.is_finite() && last.is_finite() {
                    // A little room around the range; never narrower than a day.
                    let span = ((last - first) * 1.2).max(1.0);
                    let center = (first + last) / 2.0;
                    self.animate_to(TimeView::new(center - span / 2.0, span), now);
                }
            }
            Command::CanvasSpan(left, right) if self.presentation.is_some() => {
                // The steps' views are set in days and fit any canvas.
                self.canvas_span = Some((left, right));
            }
            Command::CanvasSpan(left, right)
                if self.canvas_settling.0 > 0 || now < self.canvas_settling.1 =>
            {
                self.canvas_settling.0 = self.canvas_settling.0.saturating_sub(1);
                self.canvas_span = Some((left, right));
            }
            Command::CanvasSpan(left, right) => {
                // When a panel opens or closes beside the canvas, keep the scale and the edge
                // that did not move: nothing on screen jumps (so a double-click whose first
                // click opened the detail panel still lands on its event), and the panel
                // covers the part of time on its side. A window resize keeps the centre.
                if let Some((old_left, old_right)) = self.canvas_span
                    && old_right - old_left > 1.0
                    && ((old_left - left).abs() > 0.5 || (old_right - right).abs() > 0.5)
                {
                    let scale = f64::from((right - left) / (old_right - old_left));
                    let anchor = if (old_left - left).abs() <= 0.5 {
                        0.0
                    } else if (old_right - right).abs() <= 0.5 {
                        1.0
                    } else {
                        0.5
                    };
                    let rescale = |v: TimeView| {
                        let span = v.span_days * scale;
                        let fixed = v.start_day + v.span_days * anchor;
                        TimeView::new(fixed - span * anchor, span)
                    };
                    let before = self.view;
                    self.view = rescale(self.view);
                    if let Some(animation) = &mut self.animation {
                        animation.from = rescale(animation.from);
                        animation.to = rescale(animation.to);
                    }
                    // The selection stays on screen: if the panel now covers it, slide the
                    // view (same scale) just enough to show it near that edge.
                    if self.animation.is_none()
                        && let Some(day) = self.selected_middle_day()
                        && day >= before.start_day
                        && day <= before.end_day()
                    {
                        let v = self.view;
                        if day > v.end_day() - v.span_days * 0.05 {
                            self.view = TimeView::new(day - v.span_days * 0.85, v.span_days);
                        } else if day < v.start_day + v.span_days * 0.05 {
                            self.view = TimeView::new(day - v.span_days * 0.15, v.span_days);
                        }
                    }
                }
                self.canvas_span = Some((left, right));
            }
            Command::SetFilter(filter) => {
                self.prefs.filter = filter;
                self.refresh();
                if self
                    .selected
                    .is_some_and(|i| !self.shown.get(i).copied().unwrap_or(false))
                {
                    self.selected = None;
                }
            }
            Command::SetSearch(text) => {
                self.search_text = text;
                self.run_search(true);
            }
            Command::SearchStep(forward) => {
                if let Some(next) = self.search_step(forward) {
                    self.selected = Some(next);
                    self.list_scroll_pending = true;
                    self.reveal(next, now);
                }
            }
            Command::SetLanguage(language) => {
                self.prefs.language = language;
                self.resort_lists();
            }
            Command::SetTheme(theme) => self.prefs.theme = theme,
            Command::ToggleList => self.prefs.show_list = !self.prefs.show_list,
            Command::ToggleFilters => self.prefs.show_filters = !self.prefs.show_filters,
            Command::SortList(sort) => {
                self.prefs.list_sort = sort;
                self.resort_lists();
            }
            Command::Open(path) => {
                if !self.refused_while_dirty("opening another dataset") {
                    self.open(path);
                }
            }
            Command::OpenBundled | Command::RestoreBundled => {
                if !self.refused_while_dirty("opening another dataset") {
                    let restore = command == Command::RestoreBundled;
                    let path = if restore {
                        crate::paths::restore_bundled_dataset()
                    } else {
                        crate::paths::default_dataset_path()
                    };
                    match path {
                        Ok(path) => {
                            self.open(path);
                            if restore {
                                self.notice = Some(format!(
                                    "A fresh copy of the bundled dataset is open: {}",
                                    self.dataset_path.display()
                                ));
                            }
                        }
                        Err(message) => self.notice = Some(message),
                    }
                }
            }
            Command::AskOpenPath(text) => self.open_path = text,
            Command::TakeMergeSide(path, index, side) => {
                match crate::store::merge::take_side(&path, index, side) {
                    Ok(()) => self.reload(),
                    Err(message) => self.notice = Some(message),
                }
            }
            Command::Reload => {
                if !self.refused_while_dirty("reloading") {
                    self.session = None;
                    self.reload();
                }
            }
            command @ (Command::Present(_)
            | Command::PresentGo(_)
            | Command::EndPresentation
            | Command::TogglePresenterView) => self.apply_present(command, now),
            Command::AskExport(request) => self.export_request = request,
            Command::AskImport(request) => self.import_request = request,
            Command::Import(file, folder) => self.import(&file, &folder),
            Command::Export(request) => match self.run_export(&request) {
                Ok(message) => {
                    self.export_request = None;
                    self.notice = Some(message);
                }
                Err(message) => self.notice = Some(format!("Not exported: {message}")),
            },
            other => self.apply_edit(other),
        }
    }

    /// The next (or previous) search result after the selection, wrapping around.
    fn search_step(&self, forward: bool) -> Option<EventIndex> {
        let results = &self.search_results;
        if results.is_empty() {
            return None;
        }
        let pos = match self.selected {
            Some(s) if forward => results.partition_point(|&r| r <= s),
            Some(s) => results
                .partition_point(|&r| r < s)
                .checked_sub(1)
                .unwrap_or(results.len() - 1),
            None if forward => 0,
            None => results.len() - 1,
        };
        results.get(pos).or(results.first()).copied()
    }

    /// The bundled dataset to open by default; if it cannot be copied into the data folder,
    /// the reason goes into `notice` (and the missing path opens, showing the error).
    fn bundled_or_notice(notice: &mut Option<String>) -> PathBuf {
        crate::paths::default_dataset_path().unwrap_or_else(|message| {
            *notice = Some(message);
            crate::paths::bundled_dataset_path()
        })
    }

    /// Open another dataset (a folder, or a file in one).
    pub fn open(&mut self, path: PathBuf) {
        let path = if path.is_file() {
            path.parent().map_or(path.clone(), Path::to_path_buf)
        } else {
            path
        };
        if !path.exists() {
            self.notice = Some(format!("{} does not exist.", path.display()));
            return;
        }
        self.dataset_path = path;
        self.loaded = load_dataset(&self.dataset_path);
        self.session = None;
        self.editing = false;
        self.draft = None;
        self.conflicts.clear();
        self.title_widths.clear();
        self.selected = None;
        self.details_open = false;
        self.animation = None;
        self.open_path = None;
        self.notice = None;
        self.prefs.filter = Filter::default();
        self.reload_problems.clear();
        if let Some(view) = self.fitted_view() {
            self.view = view;
        }
        self.remember_dataset();
        self.watch();
        self.refresh();
    }

    /// Errors found in the files on disk while the last good version is shown.
    pub fn reload_problems(&self) -> &[Diagnostic] {
        &self.reload_problems
    }

    /// Read the dataset again, keeping the selection (by id) and the view. If the files now
    /// have errors and a good version is on screen, that version stays and the errors are
    /// listed in a banner until the files are fixed.
    pub fn reload(&mut self) {
        let fresh = load_dataset(&self.dataset_path);
        if fresh.dataset.is_none() && self.dataset().is_some() {
            self.reload_problems = fresh
                .diagnostics
                .into_iter()
                .filter(Diagnostic::is_error)
                .collect();
            self.git_refresh();
            return;
        }
        self.reload_problems.clear();
        let selected_id = self
            .selected
            .and_then(|i| self.dataset()?.event(i))
            .map(|e| e.id.clone());
        let had_data = self.dataset().is_some();
        self.loaded = fresh;
        self.title_widths.clear();
        self.selected = selected_id.and_then(|id| self.dataset()?.index_of(&id));
        self.refresh();
        self.git_refresh();
        if !had_data && let Some(view) = self.fitted_view() {
            self.view = view;
        }
        self.presentation_reloaded();
    }

    /// The shown event after (or before) `from` in time.
    fn step_shown(&self, from: Option<EventIndex>, forward: bool) -> Option<EventIndex> {
        let n = self.shown.len();
        let is_shown = |i: usize| self.shown.get(i).copied().unwrap_or(false);
        match (from, forward) {
            (Some(s), true) => (s + 1..n).find(|&i| is_shown(i)),
            (Some(s), false) => (0..s).rev().find(|&i| is_shown(i)),
            (None, true) => (0..n).find(|&i| is_shown(i)),
            (None, false) => (0..n).rev().find(|&i| is_shown(i)),
        }
    }

    /// Keyboard shortcuts of the window.
    fn shortcuts(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut commands = Vec::new();
        let editing = self.is_editing();
        let typing = ctx.egui_wants_keyboard_input();
        // F5 presents what was presented last, if that storyline is still there.
        let present = self
            .prefs
            .present
            .clone()
            .filter(|name| self.loaded.storylines.iter().any(|(n, _)| n == name));
        ctx.input_mut(|i| {
            if i.consume_key(Modifiers::COMMAND, Key::S) {
                commands.push(Command::Save);
            }
            if i.consume_key(Modifiers::NONE, Key::F5) {
                commands.push(Command::Present(present.clone()));
            }
            // Undo and redo act on the records; in the search box they are the box's own.
            if editing || !typing {
                if i.consume_key(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z) {
                    commands.push(Command::Redo);
                }
                if i.consume_key(Modifiers::COMMAND, Key::Z) {
                    commands.push(Command::Undo);
                }
                if i.consume_key(Modifiers::COMMAND, Key::Y) {
                    commands.push(Command::Redo);
                }
            }
            if i.consume_key(Modifiers::COMMAND, Key::N) {
                commands.push(Command::NewEvent);
            }
            if i.consume_key(Modifiers::COMMAND, Key::D) {
                commands.push(Command::DuplicateEvent);
            }
            if i.consume_key(Modifiers::COMMAND, Key::R) {
                commands.push(Command::Reload);
            }
            if i.consume_key(Modifiers::COMMAND, Key::O) {
                commands.push(Command::AskOpenPath(Some(String::new())));
            }
            // Shifted first: Ctrl+F would also match Ctrl+Shift+F.
            if i.consume_key(Modifiers::COMMAND | Modifiers::SHIFT, Key::F) {
                commands.push(Command::ToggleFilters);
            }
            if i.consume_key(Modifiers::COMMAND, Key::F) {
                self.focus_search = true;
            }
            if i.consume_key(Modifiers::COMMAND, Key::L) {
                commands.push(Command::ToggleList);
            }
        });
        if ctx.egui_wants_keyboard_input() || self.dataset().is_none() {
            return commands;
        }
        let selected = self.selected;
        let (series_next, series_prev) = match (self.dataset(), selected) {
            (Some(d), Some(s)) => (d.next_in_series(s), d.previous_in_series(s)),
            _ => (None, None),
        };
        let next = self.step_shown(selected, true);
        let prev = self.step_shown(selected, false);
        let first = self.step_shown(None, true);
        let last = self.step_shown(None, false);
        ctx.input_mut(|i| {
            if i.consume_key(Modifiers::NONE, Key::F) {
                commands.push(Command::FitAll);
            }
            if i.consume_key(Modifiers::NONE, Key::Escape) {
                commands.push(if editing {
                    Command::SetEditing(false)
                } else {
                    Command::Select(None)
                });
            }
            if i.consume_key(Modifiers::NONE, Key::E) && selected.is_some() {
                commands.push(Command::SetEditing(true));
            }
            if i.consume_key(Modifiers::NONE, Key::Delete) && selected.is_some() {
                commands.push(Command::AskDelete(true));
            }
            if i.consume_key(Modifiers::NONE, Key::Enter) && selected.is_some() {
                commands.push(Command::ShowDetails(true));
            }
            // `+` arrives as Plus or, unshifted, as Equals on most keyboards.
            if i.consume_key(Modifiers::NONE, Key::Plus)
                || i.consume_key(Modifiers::NONE, Key::Equals)
            {
                commands.push(Command::ZoomBy(2.0));
            }
            if i.consume_key(Modifiers::NONE, Key::Minus) {
                commands.push(Command::ZoomBy(0.5));
            }
            // Shifted arrows first: a plain-arrow shortcut would also match them.
            if i.consume_key(Modifiers::SHIFT, Key::ArrowRight)
                && let Some(next) = series_next
            {
                commands.push(Command::SelectAndReveal(next));
            }
            if i.consume_key(Modifiers::SHIFT, Key::ArrowLeft)
                && let Some(prev) = series_prev
            {
                commands.push(Command::SelectAndReveal(prev));
            }
            if i.consume_key(Modifiers::NONE, Key::ArrowRight)
                && let Some(next) = next
            {
                commands.push(Command::SelectAndReveal(next));
            }
            if i.consume_key(Modifiers::NONE, Key::ArrowLeft)
                && let Some(prev) = prev
            {
                commands.push(Command::SelectAndReveal(prev));
            }
            if i.consume_key(Modifiers::NONE, Key::Home)
                && let Some(first) = first
            {
                commands.push(Command::SelectAndReveal(first));
            }
            if i.consume_key(Modifiers::NONE, Key::End)
                && let Some(last) = last
            {
                commands.push(Command::SelectAndReveal(last));
            }
        });
        commands
    }

    fn top_bar_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.horizontal(|ui| {
            ui.label(RichText::new("Annals").strong());
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
                        Some(path) => commands.push(Command::Open(path)),
                        // No answer: cancelled, or no dialog service here; typing a path always works.
                        None => commands.push(Command::AskOpenPath(Some(String::new()))),
                    }
                }
                if ui.button("Open path…  (Ctrl+O)").clicked() {
                    ui.close();
                    commands.push(Command::AskOpenPath(Some(
                        self.dataset_path.display().to_string(),
                    )));
                }
                if ui.button("Bundled dataset").clicked() {
                    ui.close();
                    commands.push(Command::OpenBundled);
                }
                if ui
                    .button("Restore the bundled dataset")
                    .on_hover_text(
                        "A fresh copy of the bundled dataset, beside yours (which is kept)",
                    )
                    .clicked()
                {
                    ui.close();
                    commands.push(Command::RestoreBundled);
                }
                if ui
                    .button("Import from TimelineJS…")
                    .on_hover_text(
                        "A new dataset from a TimelineJS JSON file or its spreadsheet's CSV",
                    )
                    .clicked()
                {
                    ui.close();
                    commands.push(Command::AskImport(Some(Default::default())));
                }
                ui.separator();
                ui.label(RichText::new("Recent").weak());
                for path in self.prefs.recent.clone() {
                    if ui.button(path.display().to_string()).clicked() {
                        ui.close();
                        commands.push(Command::Open(path));
                    }
                }
            });
            if self.dataset().is_some() {
                commands.extend(self.edit_menu_ui(ui));
                commands.extend(self.present_menu_ui(ui));
                commands.extend(self.export_menu_ui(ui));
            }
            ui.separator();
            match self.dataset() {
                Some(dataset) => {
                    // Truncated, so the search box and the view controls keep their room.
                    let room = if self.is_dirty() { 90.0 } else { 200.0 };
                    ui.scope(|ui| {
                        ui.set_max_width(room);
                        ui.add(egui::Label::new(&dataset.manifest.title).truncate())
                            .on_hover_text(&dataset.manifest.title);
                    });
                    if self.is_dirty() {
                        ui.label(
                            RichText::new("● unsaved")
                                .color(ui.visuals().warn_fg_color)
                                .strong(),
                        )
                        .on_hover_text("Edits not yet written to the files: Ctrl+S saves");
                        if ui
                            .button("💾 Save")
                            .on_hover_text("Save (Ctrl+S)")
                            .clicked()
                        {
                            commands.push(Command::Save);
                        }
                    }
                }
                None => {
                    ui.label(self.dataset_path.display().to_string());
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button("⟳ Reload")
                    .on_hover_text("Read the dataset from disk again (Ctrl+R)")
                    .clicked()
                {
                    commands.push(Command::Reload);
                }
                if let Some(theme) = choice_ui(
                    ui,
                    ("Theme", "Light, dark, or as the system"),
                    self.prefs.theme,
                    ThemeChoice::ALL.map(|t| (t, t.label())),
                    |t| t.label().to_owned(),
                ) {
                    commands.push(Command::SetTheme(theme));
                }
                let languages = [Language::English, Language::Chinese, Language::Russian];
                if let Some(language) = choice_ui(
                    ui,
                    ("Names", "Language of people's and places' names"),
                    self.prefs.language,
                    languages.map(|l| (l, language_label(l))),
                    |l| format!("Names: {}", language_label(l)),
                ) {
                    commands.push(Command::SetLanguage(language));
                }
                if self.dataset().is_some() {
                    if ui
                        .button("Fit")
                        .on_hover_text("Show every event (F)")
                        .clicked()
                    {
                        commands.push(Command::FitAll);
                    }
                    if let Some(grouping) = choice_ui(
                        ui,
                        ("Lanes", "Group events into lanes"),
                        self.prefs.grouping,
                        Grouping::ALL.map(|g| (g, g.label())),
                        |g| format!("Lanes: {}", g.label()),
                    ) {
                        commands.push(Command::SetGrouping(grouping));
                    }
                    if ui
                        .selectable_label(self.prefs.show_list, "☰ List")
                        .on_hover_text("Show the event list (Ctrl+L)")
                        .clicked()
                    {
                        commands.push(Command::ToggleList);
                    }
                    if ui
                        .selectable_label(self.prefs.show_filters, "Filters")
                        .on_hover_text("Show the filters (Ctrl+Shift+F)")
                        .clicked()
                    {
                        commands.push(Command::ToggleFilters);
                    }
                    commands.extend(self.search_ui(ui));
                }
            });
        });
        commands
    }

    fn search_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let mut text = self.search_text.clone();
        let count = if text.trim().is_empty() {
            String::new()
        } else {
            format!("{} found", self.search_results.len())
        };
        ui.label(RichText::new(count).weak());
        let response = ui.add(
            egui::TextEdit::singleline(&mut text)
                .id_salt("search")
                .hint_text("🔍 Search (Ctrl+F)")
                .desired_width(200.0),
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Search"));
        if self.focus_search {
            response.request_focus();
            self.focus_search = false;
        }
        if response.changed() {
            commands.push(Command::SetSearch(text));
        }
        if response.has_focus() {
            let (down, up) = ui.input_mut(|i| {
                (
                    i.consume_key(Modifiers::NONE, Key::ArrowDown),
                    i.consume_key(Modifiers::NONE, Key::ArrowUp),
                )
            });
            if down {
                commands.push(Command::SearchStep(true));
            }
            if up {
                commands.push(Command::SearchStep(false));
            }
        }
        // Enter in a single-line field ends editing; step to the next result then.
        if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            commands.push(Command::SearchStep(true));
            response.request_focus();
        }
        commands
    }

    /// "12 of 18 events shown", the active filters as removable chips, and "Clear all".
    fn filter_chips_ui(&self, ui: &mut Ui, dataset: &Dataset) -> Vec<Command> {
        let mut commands = Vec::new();
        let chips = self.prefs.filter.chips(dataset);
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!(
                    "{} of {} events shown",
                    self.shown_count,
                    dataset.len()
                ))
                .strong(),
            );
            for (chip, label) in chips {
                if ui
                    .button(format!("{label}  ×"))
                    .on_hover_text("Remove this filter")
                    .clicked()
                {
                    let mut filter = self.prefs.filter.clone();
                    filter.remove(&chip);
                    commands.push(Command::SetFilter(filter));
                }
            }
            if ui.button("Clear all filters").clicked() {
                commands.push(Command::SetFilter(Filter::default()));
            }
        });
        commands
    }

    fn status_bar_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let warnings = self.loaded.warning_count();
            if warnings > 0 {
                let text = format!("⚠ {warnings} warning{}", if warnings == 1 { "" } else { "s" });
                if ui.selectable_label(self.show_warnings, text).clicked() {
                    self.show_warnings = !self.show_warnings;
                }
            } else {
                ui.label(RichText::new("✔ no problems found").weak());
            }
            ui.separator();
            ui.label(
                RichText::new(
                    "Wheel: zoom · Drag: pan · Click: details · ←/→: previous/next · +/−: zoom · F: fit all · Ctrl+F: search · E: edit · Ctrl+N: new · Ctrl+S: save · Esc: clear",
                )
                .weak()
                .small(),
            );
            if let Some(dataset) = self.dataset() {
                let span = dataset
                    .extent()
                    .and_then(|(a, b)| {
                        let year = |d| {
                            crate::model::date::ymd_of_day(d).map(|(y, _, _)| year_label(y))
                        };
                        Some(format!(" · {}–{}", year(a)?, year(b)?))
                    })
                    .unwrap_or_default();
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.label(RichText::new(format!("{} events{span}", dataset.len())).weak());
                });
            }
        });
    }

    fn failed_load_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.heading("This dataset could not be loaded");
        ui.label(format!(
            "{} — {} error{}, {} warning{}. Fix the files and reload; nothing has been changed on disk.",
            self.dataset_path.display(),
            self.loaded.error_count(),
            if self.loaded.error_count() == 1 { "" } else { "s" },
            self.loaded.warning_count(),
            if self.loaded.warning_count() == 1 { "" } else { "s" },
        ));
        if ui.button("⟳ Reload (Ctrl+R)").clicked() {
            commands.push(Command::Reload);
        }
        ui.separator();
        commands.extend(merge_conflicts_ui(ui, &self.merge_conflicts));
        diagnostics_ui(ui, &self.loaded.diagnostics);
        commands
    }

    /// The window for typing a dataset path (where no file dialog is available, or by choice).
    fn open_path_ui(&self, ctx: &egui::Context) -> Vec<Command> {
        let mut commands = Vec::new();
        let Some(text) = &self.open_path else {
            return commands;
        };
        let mut text = text.clone();
        let mut open = true;
        egui::Window::new("Open a dataset")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 80.0))
            .show(ctx, |ui| {
                ui.label("Path of a dataset folder (or of a file in it):");
                let response = ui.add(egui::TextEdit::singleline(&mut text).desired_width(420.0));
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Dataset path")
                });
                let entered = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                ui.horizontal(|ui| {
                    if ui.button("Open").clicked() || entered {
                        commands.push(Command::Open(PathBuf::from(text.trim())));
                    }
                    if ui.button("Cancel").clicked() {
                        commands.push(Command::AskOpenPath(None));
                    }
                });
                if let Some(notice) = &self.notice {
                    ui.label(RichText::new(notice).color(ui.visuals().warn_fg_color));
                }
            });
        if !open {
            commands.push(Command::AskOpenPath(None));
        } else if Some(&text) != self.open_path.as_ref() && commands.is_empty() {
            commands.push(Command::AskOpenPath(Some(text)));
        }
        commands
    }

    /// One frame of the whole UI. Public so tests and benchmarks can drive it on any `Ui`.
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let now = ctx.input(|i| i.time);
        if self.theme_applied != Some(self.prefs.theme) {
            ctx.set_theme(self.prefs.theme.preference());
            self.theme_applied = Some(self.prefs.theme);
        }
        if let Some(animation) = self.animation {
            let (view, done) = animation.at(now);
            self.view = view;
            if done {
                self.animation = None;
            } else {
                ctx.request_repaint();
            }
        }

        if self
            .watcher
            .as_ref()
            .is_some_and(DatasetWatcher::take_changes)
        {
            self.watcher_reports += 1;
            self.on_files_changed();
        }
        self.sync_draft();
        if self.presentation.is_some() {
            let mut commands = self.presentation_keys(&ctx);
            commands.extend(self.presentation_frame(ui));
            for command in commands {
                self.apply(command, now);
            }
            if self.animation.is_some() {
                ctx.request_repaint();
            }
            return;
        }
        let mut commands = self.shortcuts(&ctx);
        // Folders or files dropped on the window open that dataset.
        let dropped = ctx.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_path_buf()));
        if let Some(path) = dropped {
            commands.push(Command::Open(path));
        }
        egui::Panel::top("top_bar").show(ui, |ui| {
            commands.extend(self.top_bar_ui(ui));
        });
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_bar_ui(ui));
        if self.show_warnings && self.dataset().is_some() {
            egui::Panel::bottom("warnings")
                .resizable(true)
                .default_size(160.0)
                .show(ui, |ui| diagnostics_ui(ui, &self.loaded.diagnostics));
        }
        if let Some(notice) = self.notice.clone()
            && self.open_path.is_none()
        {
            egui::Panel::top("notice").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(format!("ℹ {notice}")).color(ui.visuals().warn_fg_color),
                    );
                    if ui.small_button("×").clicked() {
                        self.notice = None;
                    }
                });
            });
        }
        if !self.reload_problems.is_empty() {
            egui::Panel::top("reload_problems")
                .resizable(true)
                .default_size(160.0)
                .show(ui, |ui| {
                    ui.label(
                        RichText::new(format!(
                            "⚠ The files now have {} error{}; the last good version stays on screen. Fix them and the view updates by itself.",
                            self.reload_problems.len(),
                            if self.reload_problems.len() == 1 { "" } else { "s" }
                        ))
                        .color(ui.visuals().error_fg_color)
                        .strong(),
                    );
                    commands.extend(merge_conflicts_ui(ui, &self.merge_conflicts));
                    diagnostics_ui(ui, &self.reload_problems);
                });
        }
        if !self.conflicts.is_empty() {
            egui::Panel::top("conflicts").show(ui, |ui| {
                commands.extend(self.conflict_banner_ui(ui));
            });
        }
        commands.extend(self.open_path_ui(&ctx));
        commands.extend(self.editing_dialogs_ui(&ctx));
        commands.extend(self.export_window_ui(&ctx));
        commands.extend(self.import_window_ui(&ctx));
        // The editor takes the detail panel's place (same id, so it keeps its width).
        let editing = self.is_editing() && self.draft.is_some() && self.loaded.dataset.is_some();
        if editing {
            egui::Panel::right("details")
                .resizable(true)
                .default_size(380.0)
                .min_size(300.0)
                .show(ui, |ui| commands.extend(self.editor_panel_ui(ui)));
        }
        // What git knows of the selected record (asked for on a worker when first shown).
        if self.git.poll() {
            self.forget_other_files_git();
        }
        let selected_id = self
            .selected
            .and_then(|i| self.dataset()?.event(i))
            .map(|e| e.id.to_string());
        let git_file = selected_id
            .as_deref()
            .and_then(|id| self.git.file_of(id))
            .filter(|f| self.git.in_git(f))
            .map(Path::to_path_buf);
        if let Some(file) = &git_file {
            self.git.ensure_history(file);
        }
        let record_git = git_file
            .as_deref()
            .zip(selected_id.as_deref())
            .map(|(file, id)| super::detail_panel::RecordGit {
                changed: self.git.changed(file, id),
                history: self.git.history(file, id),
                current: self
                    .git
                    .status
                    .get(file)
                    .and_then(|s| s.current.get(id))
                    .map(String::as_str),
            });
        match self.loaded.dataset.as_ref() {
            None => {
                egui::CentralPanel::default()
                    .show(ui, |ui| commands.extend(self.failed_load_ui(ui)));
            }
            Some(dataset) => {
                let language = self.prefs.language;
                if self.prefs.show_filters {
                    let filter = &self.prefs.filter;
                    egui::Panel::left("filters")
                        .resizable(true)
                        .default_size(230.0)
                        .min_size(180.0)
                        .show(ui, |ui| {
                            if let Some(new) = filter_panel_ui(ui, dataset, filter, language) {
                                commands.push(Command::SetFilter(new));
                            }
                        });
                }
                if let Some(selected) = self.selected.filter(|_| self.details_open && !editing) {
                    egui::Panel::right("details")
                        .resizable(true)
                        .default_size(380.0)
                        .min_size(260.0)
                        .show(ui, |ui| {
                            commands.extend(detail_panel_ui(
                                ui,
                                dataset,
                                selected,
                                language,
                                record_git.as_ref(),
                            ))
                        });
                }
                // While searching, the list shows the matches (and opens by itself).
                let searching = !self.search_text.trim().is_empty();
                if self.prefs.show_list || searching {
                    let pending = std::mem::take(&mut self.list_scroll_pending);
                    let rows: &[EventIndex] = if searching {
                        &self.search_rows
                    } else {
                        &self.list_rows
                    };
                    let scroll_to = pending
                        .then(|| {
                            self.selected
                                .and_then(|s| rows.iter().position(|&r| r == s))
                        })
                        .flatten();
                    let heading = searching.then(|| {
                        format!(
                            "{} match{} for “{}” (↓/↑ or Enter in the search box step through them)",
                            rows.len(),
                            if rows.len() == 1 { "" } else { "es" },
                            self.search_text.trim()
                        )
                    });
                    let (selected, sort) = (self.selected, self.prefs.list_sort);
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
                                        &|id: &str| self.git.changed_anywhere(id),
                                    ));
                                },
                            );
                        });
                }
                if !self.prefs.filter.is_empty() {
                    egui::Panel::top("filter_chips").show(ui, |ui| {
                        commands.extend(self.filter_chips_ui(ui, dataset));
                    });
                }
                if let Some(lanes) = &self.lanes {
                    let input = TimelineInput {
                        dataset,
                        lanes,
                        view: &self.view,
                        selected: self.selected,
                        matches: (!self.search_set.is_empty()).then_some(&self.search_set),
                        language,
                        style: &self.style,
                    };
                    let widths = &mut self.title_widths;
                    egui::CentralPanel::no_frame().show(ui, |ui| {
                        commands.extend(timeline_ui(ui, &input, widths));
                    });
                }
            }
        }
        // Typing in a field ends when the focus moves: the next typing is a new undo step.
        let focused = ctx.memory(|m| m.focused());
        if focused != self.last_focus {
            self.last_focus = focused;
            self.typing_run = None;
        }
        for command in commands {
            self.apply(command, now);
        }
        if self.animation.is_some() {
            ctx.request_repaint();
        }
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
}

/// A drop-down choice named `name` for assistive technology; returns the new value if the
/// user picked another one.
fn choice_ui<T: Copy + PartialEq, const N: usize>(
    ui: &mut Ui,
    (name, hover): (&str, &str),
    current: T,
    options: [(T, &str); N],
    shown: impl Fn(T) -> String,
) -> Option<T> {
    let mut chosen = current;
    egui::ComboBox::from_id_salt(name)
        .selected_text(shown(current))
        .show_ui(ui, |ui| {
            for (value, label) in options {
                ui.selectable_value(&mut chosen, value, label);
            }
        })
        .response
        .on_hover_text(hover)
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, name));
    (chosen != current).then_some(chosen)
}

/// First and last (exclusive) day an event covers, open ends cut to its known end.
fn event_days(event: &crate::model::Event) -> (f64, f64) {
    let start = event
        .when
        .known_start()
        .or(event.when.known_end())
        .unwrap_or(0);
    let end = event
        .when
        .known_end()
        .or(event.when.known_start())
        .unwrap_or(start);
    (start as f64, end as f64 + 1.0)
}

impl eframe::App for AnnalsApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        if ui.ctx().input(|i| i.viewport().close_requested()) {
            // The presentation's zoom is not to be remembered as the window's.
            if self.presentation.is_some() {
                let now = ui.ctx().input(|i| i.time);
                self.apply(Command::EndPresentation, now);
            }
            if !self.on_close_requested() {
                ui.ctx()
                    .send_viewport_cmd(egui::ViewportCommand::CancelClose);
            }
        }
        self.frame_ui(ui);
        let dirty = if self.is_dirty() { " ●" } else { "" };
        let title = match self.dataset() {
            Some(d) => format!("Annals — {}{dirty}", d.manifest.title),
            None => "Annals — dataset has errors".to_owned(),
        };
        if title != self.window_title {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.preferences_to_save());
    }
}
