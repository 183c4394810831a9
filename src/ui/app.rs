//! The application: owns the loaded dataset and the view state, runs the panels, and applies
//! the commands they emit.

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, RichText, Ui};

use super::command::Command;
use super::detail_panel::detail_panel_ui;
use super::diagnostics_view::diagnostics_ui;
use super::fonts;
use super::timeline_view::{TimelineInput, TimelineStyle, TitleWidths, timeline_ui};
use crate::model::dataset::{Dataset, EventIndex};
use crate::model::date::year_label;
use crate::store::{Loaded, load_dataset};
use crate::timeline::{Grouping, Lanes, TimeView};

/// How long animated jumps take, in seconds.
const JUMP_SECONDS: f64 = 0.3;
/// Share of the window kept free around fitted content, on each side.
const FIT_MARGIN: f64 = 0.04;

/// A smooth move of the view from one window of time to another.
#[derive(Clone, Copy, Debug)]
struct ViewAnimation {
    from: TimeView,
    to: TimeView,
    start_time: f64,
}

impl ViewAnimation {
    /// The view at `now`, and whether the animation is over.
    fn at(&self, now: f64) -> (TimeView, bool) {
        let t = ((now - self.start_time) / JUMP_SECONDS).clamp(0.0, 1.0);
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
    grouping: Grouping,
    /// Lanes of the current dataset under `grouping`; rebuilt when either changes.
    lanes: Option<Lanes>,
    title_widths: TitleWidths,
    show_warnings: bool,
    style: TimelineStyle,
    /// Width of the timeline canvas in the last frame, in points.
    canvas_width: Option<f32>,
    /// Last title sent to the window, so it is only sent when it changes.
    window_title: String,
}

impl AnnalsApp {
    /// Create the app for eframe: install fonts and load the dataset at `path`.
    pub fn new(cc: &eframe::CreationContext<'_>, path: PathBuf) -> Self {
        Self::with_context(&cc.egui_ctx, path)
    }

    /// Create the app on an existing egui context (tests, benchmarks).
    pub fn with_context(ctx: &egui::Context, path: PathBuf) -> Self {
        fonts::install(ctx);
        let loaded = load_dataset(&path);
        let mut app = Self {
            dataset_path: path,
            loaded,
            view: TimeView::default(),
            animation: None,
            selected: None,
            details_open: false,
            grouping: Grouping::default(),
            lanes: None,
            title_widths: TitleWidths::default(),
            show_warnings: false,
            style: TimelineStyle::default(),
            window_title: String::new(),
            canvas_width: None,
        };
        if let Some(view) = app.fitted_view() {
            app.view = view;
        }
        app.rebuild_lanes();
        app
    }

    fn rebuild_lanes(&mut self) {
        self.lanes = self
            .loaded
            .dataset
            .as_ref()
            .map(|d| Lanes::build(d, self.grouping, |_| true));
        self.title_widths.clear();
    }

    pub fn grouping(&self) -> Grouping {
        self.grouping
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
        self.animation = Some(ViewAnimation {
            from: self.view,
            to,
            start_time: now,
        });
    }

    /// Change state as `command` says. `now` is egui's clock, for animations.
    pub fn apply(&mut self, command: Command, now: f64) {
        match command {
            Command::Select(selection) => {
                self.selected = selection;
                self.details_open = selection.is_some();
            }
            Command::ShowDetails(open) => self.details_open = open,
            Command::SetGrouping(grouping) => {
                if grouping != self.grouping {
                    self.grouping = grouping;
                    self.rebuild_lanes();
                }
            }
            Command::AnimateTo(view) => self.animate_to(view, now),
            Command::ZoomBy(factor) => {
                let current = self.view();
                let anchor = self
                    .selected
                    .and_then(|i| self.dataset()?.event(i))
                    .map(|e| {
                        let (a, b) = event_days(e);
                        (a + b) / 2.0
                    })
                    .filter(|&d| d >= current.start_day && d <= current.end_day())
                    .unwrap_or_else(|| current.center_day());
                self.animate_to(current.zoomed_around(anchor, factor), now);
            }
            Command::SelectAndReveal(index) => {
                self.selected = Some(index);
                if let Some(event) = self.dataset().and_then(|d| d.event(index)) {
                    let (first, last) = event_days(event);
                    let target = self.view().keeping_in_view(first, last, 0.1);
                    if target != self.view {
                        self.animate_to(target, now);
                    }
                }
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
            Command::CanvasWidth(width) => {
                // When the canvas narrows or widens (the detail panel opens, the window is
                // resized), keep the scale and the left edge: nothing on screen jumps, so a
                // double-click whose first click opened the panel still lands on its event.
                if let Some(old) = self.canvas_width
                    && old > 1.0
                    && (old - width).abs() > 0.5
                {
                    let scale = f64::from(width / old);
                    let rescale = |v: TimeView| TimeView::new(v.start_day, v.span_days * scale);
                    self.view = rescale(self.view);
                    if let Some(animation) = &mut self.animation {
                        animation.from = rescale(animation.from);
                        animation.to = rescale(animation.to);
                    }
                }
                self.canvas_width = Some(width);
            }
            Command::Reload => self.reload(),
        }
    }

    /// Read the dataset again, keeping the selection (by id) and the view.
    pub fn reload(&mut self) {
        let selected_id = self
            .selected
            .and_then(|i| self.dataset()?.event(i))
            .map(|e| e.id.clone());
        let had_data = self.dataset().is_some();
        self.loaded = load_dataset(&self.dataset_path);
        self.selected = selected_id.and_then(|id| self.dataset()?.index_of(&id));
        self.rebuild_lanes();
        if !had_data && let Some(view) = self.fitted_view() {
            self.view = view;
        }
    }

    /// Keyboard shortcuts of the timeline.
    fn shortcuts(&self, ctx: &egui::Context) -> Vec<Command> {
        let mut commands = Vec::new();
        if ctx.egui_wants_keyboard_input() {
            return commands;
        }
        let Some(dataset) = self.dataset() else {
            if ctx.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::R)) {
                commands.push(Command::Reload);
            }
            return commands;
        };
        let last = dataset.len().checked_sub(1);
        ctx.input_mut(|i| {
            if i.consume_key(Modifiers::COMMAND, Key::R) {
                commands.push(Command::Reload);
            }
            if i.consume_key(Modifiers::NONE, Key::F) {
                commands.push(Command::FitAll);
            }
            if i.consume_key(Modifiers::NONE, Key::Escape) {
                commands.push(Command::Select(None));
            }
            if i.consume_key(Modifiers::NONE, Key::Enter) && self.selected.is_some() {
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
            let step = |forward: bool| match (self.selected, forward) {
                (Some(s), true) => dataset.next(s),
                (Some(s), false) => dataset.previous(s),
                (None, true) => (!dataset.is_empty()).then_some(0),
                (None, false) => last,
            };
            // Shifted arrows first: a plain-arrow shortcut would also match them.
            if i.consume_key(Modifiers::SHIFT, Key::ArrowRight)
                && let Some(next) = self.selected.and_then(|s| dataset.next_in_series(s))
            {
                commands.push(Command::SelectAndReveal(next));
            }
            if i.consume_key(Modifiers::SHIFT, Key::ArrowLeft)
                && let Some(prev) = self.selected.and_then(|s| dataset.previous_in_series(s))
            {
                commands.push(Command::SelectAndReveal(prev));
            }
            if i.consume_key(Modifiers::NONE, Key::ArrowRight)
                && let Some(next) = step(true)
            {
                commands.push(Command::SelectAndReveal(next));
            }
            if i.consume_key(Modifiers::NONE, Key::ArrowLeft)
                && let Some(prev) = step(false)
            {
                commands.push(Command::SelectAndReveal(prev));
            }
            if i.consume_key(Modifiers::NONE, Key::Home) && !dataset.is_empty() {
                commands.push(Command::SelectAndReveal(0));
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
            ui.separator();
            match self.dataset() {
                Some(dataset) => {
                    ui.label(&dataset.manifest.title);
                }
                None => {
                    ui.label(self.dataset_path.display().to_string());
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
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
                    ui.label(RichText::new(format!("{} events{span}", dataset.len())).weak());
                }
                if ui
                    .button("⟳ Reload")
                    .on_hover_text("Read the dataset from disk again (Ctrl+R)")
                    .clicked()
                {
                    commands.push(Command::Reload);
                }
                if self.dataset().is_some() {
                    if ui
                        .button("Fit")
                        .on_hover_text("Show every event (F)")
                        .clicked()
                    {
                        commands.push(Command::FitAll);
                    }
                    let mut grouping = self.grouping;
                    egui::ComboBox::from_id_salt("grouping")
                        .selected_text(format!("Lanes: {}", grouping.label()))
                        .show_ui(ui, |ui| {
                            for g in Grouping::ALL {
                                ui.selectable_value(&mut grouping, g, g.label());
                            }
                        })
                        .response
                        .on_hover_text("Group events into lanes")
                        .widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Lanes")
                        });
                    if grouping != self.grouping {
                        commands.push(Command::SetGrouping(grouping));
                    }
                }
            });
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
                RichText::new("Wheel: zoom · Drag: pan · Click: details · ←/→: previous/next · +/−: zoom · F: fit all · Esc: clear")
                    .weak()
                    .small(),
            );
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
        diagnostics_ui(ui, &self.loaded.diagnostics);
        commands
    }

    /// One frame of the whole UI. Public so tests and benchmarks can drive it on any `Ui`.
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let now = ctx.input(|i| i.time);
        if let Some(animation) = self.animation {
            let (view, done) = animation.at(now);
            self.view = view;
            if done {
                self.animation = None;
            } else {
                ctx.request_repaint();
            }
        }

        let mut commands = self.shortcuts(&ctx);
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
        match self.loaded.dataset.as_ref() {
            None => {
                egui::CentralPanel::default()
                    .show(ui, |ui| commands.extend(self.failed_load_ui(ui)));
            }
            Some(dataset) => {
                if let Some(selected) = self.selected.filter(|_| self.details_open) {
                    egui::Panel::right("details")
                        .resizable(true)
                        .default_size(380.0)
                        .min_size(260.0)
                        .show(ui, |ui| {
                            commands.extend(detail_panel_ui(ui, dataset, selected))
                        });
                }
                if let Some(lanes) = &self.lanes {
                    let input = TimelineInput {
                        dataset,
                        lanes,
                        view: &self.view,
                        selected: self.selected,
                        style: &self.style,
                    };
                    let widths = &mut self.title_widths;
                    egui::CentralPanel::no_frame().show(ui, |ui| {
                        commands.extend(timeline_ui(ui, &input, widths));
                    });
                }
            }
        }
        for command in commands {
            self.apply(command, now);
        }
        if self.animation.is_some() {
            ctx.request_repaint();
        }
    }
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
        self.frame_ui(ui);
        let title = match self.dataset() {
            Some(d) => format!("Annals — {}", d.manifest.title),
            None => "Annals — dataset has errors".to_owned(),
        };
        if title != self.window_title {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }
}
