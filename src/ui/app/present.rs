//! Presentation mode in the app: entering and leaving it, stepping, the keys, and the
//! presenter's second window.

use egui::{Key, Modifiers, Ui};

use super::AnnalsApp;
use crate::model::query::Filter;
use crate::model::storyline::{ShownStep, steps_of_events};
use crate::timeline::TimeView;
use crate::ui::command::Command;
use crate::ui::presentation::{DESIGN_HEIGHT, PresentInput, presentation_ui, presenter_ui};

/// How long the move from one step to the next takes, in seconds.
pub const STEP_SECONDS: f64 = 0.6;

/// A presentation under way.
pub struct Presentation {
    /// The storyline presented (file name), or `None` for the shown events.
    pub storyline: Option<String>,
    pub title: String,
    pub steps: Vec<ShownStep>,
    pub index: usize,
    /// egui time when it started, for the presenter's clock.
    pub started_at: f64,
    /// What to put back when it ends.
    filter_before: Filter,
    view_before: TimeView,
    selected_before: Option<usize>,
    zoom_before: f32,
    /// The presenter's window is open.
    pub presenter: bool,
    /// Id of the current step's event (indices change when the files do).
    event_id: Option<String>,
}

/// Keys that go to the next step (presentation clickers send PageDown) and to the previous.
const NEXT_KEYS: [Key; 4] = [Key::ArrowRight, Key::Space, Key::PageDown, Key::ArrowDown];
const BACK_KEYS: [Key; 3] = [Key::ArrowLeft, Key::PageUp, Key::ArrowUp];

/// Consume the next/back keys pressed this frame (in the audience's or the presenter's
/// window); every press counts. The step they lead to from `index`, as a command.
fn step_keys(input: &mut egui::InputState, index: usize, last: isize) -> Option<Command> {
    let mut presses = |keys: &[Key]| {
        let mut n = 0isize;
        for &key in keys {
            while input.consume_key(Modifiers::NONE, key) {
                n += 1;
            }
        }
        n
    };
    let moved = presses(&NEXT_KEYS) - presses(&BACK_KEYS);
    (moved != 0).then(|| Command::PresentGo((index as isize + moved).clamp(0, last.max(0))))
}

impl AnnalsApp {
    /// The presentation under way, if any.
    pub fn presentation(&self) -> Option<&Presentation> {
        self.presentation.as_ref()
    }

    /// Names of the dataset's storylines (file names) with their titles.
    pub fn storylines(&self) -> Vec<(String, String)> {
        self.loaded
            .storylines
            .iter()
            .map(|(name, s)| (name.clone(), s.title.clone()))
            .collect()
    }

    pub(super) fn apply_present(&mut self, command: Command, now: f64) {
        match command {
            Command::Present(storyline) => self.start_presentation(storyline, now),
            Command::PresentGo(index) => self.go_to_step(index, now),
            Command::EndPresentation => self.end_presentation(now),
            Command::TogglePresenterView => {
                if let Some(p) = &mut self.presentation {
                    p.presenter = !p.presenter;
                }
            }
            _ => {}
        }
    }

    fn start_presentation(&mut self, storyline: Option<String>, now: f64) {
        let Some(dataset) = self.dataset() else {
            return;
        };
        let (title, steps) = match &storyline {
            Some(name) => match self.loaded.storylines.iter().find(|(n, _)| n == name) {
                Some((_, story)) => (story.title.clone(), story.resolve(dataset)),
                None => {
                    self.notice = Some(format!("There is no storyline “{name}” any more."));
                    return;
                }
            },
            None => (
                dataset.manifest.title.clone(),
                steps_of_events(self.shown_events()),
            ),
        };
        if steps.is_empty() {
            self.notice = Some("Nothing to present: no events are shown.".into());
            return;
        }
        self.prefs.present = storyline.clone();
        self.editing = false;
        self.draft = None;
        self.presentation = Some(Presentation {
            storyline: storyline.clone(),
            title,
            steps,
            index: 0,
            started_at: now,
            filter_before: self.prefs.filter.clone(),
            view_before: self.view(),
            selected_before: self.selected,
            zoom_before: self.ctx.zoom_factor(),
            presenter: false,
            event_id: None,
        });
        self.present_widths.clear();
        self.ctx
            .send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        self.go_to_step(0, now);
    }

    /// The files changed during a presentation: look its steps up again in the new data
    /// (a storyline that no longer checks out keeps its old steps' positions where it can),
    /// staying on the same step.
    pub(super) fn presentation_reloaded(&mut self) {
        let Some(dataset) = self.loaded.dataset.as_ref() else {
            return;
        };
        let Some(p) = &self.presentation else {
            return;
        };
        let steps: Vec<ShownStep> = match &p.storyline {
            Some(name) => self
                .loaded
                .storylines
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, s)| s.resolve(dataset))
                .unwrap_or_default(),
            None => steps_of_events(self.shown_events()),
        };
        if steps.is_empty() {
            // Nothing left to show: leave the presentation rather than show stale steps.
            let now = self.ctx.input(|i| i.time);
            self.end_presentation(now);
            return;
        }
        let Some(p) = &mut self.presentation else {
            return;
        };
        // Stay on the event that was on screen if it is still a step, else on the same number.
        let same_event = p.event_id.as_deref().and_then(|id| {
            let index = dataset.index_of(id)?;
            steps.iter().position(|s| s.event == Some(index))
        });
        p.index = same_event.unwrap_or(p.index).min(steps.len() - 1);
        p.steps = steps;
        let index = p.index as isize;
        let now = self.ctx.input(|i| i.time);
        self.go_to_step(index, now);
    }

    fn end_presentation(&mut self, now: f64) {
        let Some(p) = self.presentation.take() else {
            return;
        };
        self.ctx
            .send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        self.ctx.set_zoom_factor(p.zoom_before);
        if self.prefs.filter != p.filter_before {
            self.prefs.filter = p.filter_before;
            self.refresh();
        }
        // Back where the audience's tour started, with the last step's event selected.
        let last = p.steps.get(p.index).and_then(|s| s.event);
        self.selected = last.or(p.selected_before);
        self.details_open = self.selected.is_some();
        self.canvas_span = None;
        self.canvas_settling = (3, now + 1.0);
        self.animate_to(p.view_before, now);
    }

    /// Go to step `index` (clamped to the steps there are).
    fn go_to_step(&mut self, index: isize, now: f64) {
        let Some(p) = &mut self.presentation else {
            return;
        };
        let index = index.clamp(0, p.steps.len() as isize - 1) as usize;
        p.index = index;
        let step = p.steps[index].clone();
        p.event_id = step
            .event
            .and_then(|i| self.loaded.dataset.as_ref()?.event(i))
            .map(|e| e.id.to_string());
        let filter = step
            .filter
            .clone()
            .unwrap_or_else(|| p.filter_before.clone());
        if filter != self.prefs.filter {
            self.prefs.filter = filter;
            self.refresh();
        }
        self.selected = step.event;
        self.list_scroll_pending = true;
        if let Some(view) = self.step_view(&step) {
            self.animate_for(view, now, STEP_SECONDS);
        }
    }

    /// The window of time a step shows: its window with a margin, or its event with room
    /// around it for the neighbours.
    fn step_view(&self, step: &ShownStep) -> Option<TimeView> {
        let (first, last) = match (step.window, step.event) {
            (Some((a, b)), _) => (a as f64, b as f64 + 1.0),
            (None, Some(i)) => super::event_days(self.dataset()?.event(i)?),
            (None, None) => return None,
        };
        let span = if step.window.is_some() {
            (last - first) * 1.15
        } else {
            ((last - first) * 4.0).max(240.0)
        };
        // A window is centred; an event sits a third of the way in, so its title has room
        // on its right.
        let center = (first + last) / 2.0;
        let start = if step.window.is_some() {
            center - span / 2.0
        } else {
            center - span / 3.0
        };
        Some(TimeView::new(start, span.max(1.0)))
    }

    /// Keys of presentation mode; clickers send PageUp and PageDown.
    pub(super) fn presentation_keys(&self, ctx: &egui::Context) -> Vec<Command> {
        let Some(p) = &self.presentation else {
            return Vec::new();
        };
        let last = p.steps.len() as isize - 1;
        let mut commands = Vec::new();
        ctx.input_mut(|input| {
            commands.extend(step_keys(input, p.index, last));
            if input.consume_key(Modifiers::NONE, Key::Home) {
                commands.push(Command::PresentGo(0));
            }
            if input.consume_key(Modifiers::NONE, Key::End) {
                commands.push(Command::PresentGo(last));
            }
            if input.consume_key(Modifiers::NONE, Key::P) {
                commands.push(Command::TogglePresenterView);
            }
            if input.consume_key(Modifiers::NONE, Key::Escape)
                || input.consume_key(Modifiers::NONE, Key::F5)
            {
                commands.push(Command::EndPresentation);
            }
        });
        commands
    }

    /// The whole window in presentation mode (and the presenter's window, when open).
    pub(super) fn presentation_frame(&mut self, ui: &mut Ui) -> Vec<Command> {
        let ctx = ui.ctx().clone();
        // Lay out for a 720-point-high screen whatever the real one is.
        let physical_height = ctx.content_rect().height() * ctx.pixels_per_point();
        let zoom = (physical_height / DESIGN_HEIGHT * ctx.zoom_factor() / ctx.pixels_per_point())
            .clamp(0.5, 4.0);
        if (zoom - ctx.zoom_factor()).abs() > 0.01 {
            ctx.set_zoom_factor(zoom);
        }
        let mut commands = Vec::new();
        let (Some(p), Some(dataset), Some(lanes)) = (
            self.presentation.as_ref(),
            self.loaded.dataset.as_ref(),
            self.lanes.as_ref(),
        ) else {
            return commands;
        };
        let step = &p.steps[p.index];
        let input = PresentInput {
            dataset,
            lanes,
            view: &self.view,
            step,
            index: p.index,
            count: p.steps.len(),
            title: &p.title,
            language: self.prefs.language,
            style: &self.present_style,
        };
        let widths = &mut self.present_widths;
        egui::CentralPanel::no_frame().show(ui, |ui| {
            commands.extend(presentation_ui(ui, &input, widths));
        });
        if p.presenter {
            let now = ctx.input(|i| i.time);
            let (steps, index, started) = (&p.steps, p.index, p.started_at);
            let last = steps.len() as isize - 1;
            ctx.show_viewport_immediate(
                egui::ViewportId::from_hash_of("annals-presenter"),
                egui::ViewportBuilder::default()
                    .with_title("Annals — presenter view")
                    .with_inner_size([760.0, 520.0]),
                |ui, _class| {
                    egui::CentralPanel::default().show(ui, |ui| {
                        commands.extend(presenter_ui(ui, dataset, steps, index, now - started));
                    });
                    ui.input_mut(|input| {
                        if input.viewport().close_requested() {
                            commands.push(Command::TogglePresenterView);
                        }
                        commands.extend(step_keys(input, index, last));
                        if input.consume_key(Modifiers::NONE, Key::Escape) {
                            commands.push(Command::EndPresentation);
                        }
                    });
                },
            );
            // The clock ticks.
            ctx.request_repaint_after(std::time::Duration::from_millis(500));
        }
        commands
    }

    /// The "▶ Present" menu of the top bar.
    pub(super) fn present_menu_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let stories = self.storylines();
        ui.menu_button("▶ Present", |ui| {
            let shown = format!("Shown events, in time order ({})", self.shown_count);
            if ui
                .add(
                    egui::Button::new(shown).shortcut_text(if self.prefs.present.is_none() {
                        "F5"
                    } else {
                        ""
                    }),
                )
                .clicked()
            {
                ui.close();
                commands.push(Command::Present(None));
            }
            if !stories.is_empty() {
                ui.separator();
                ui.label(egui::RichText::new("Storylines (briefings/)").weak());
            }
            for (name, title) in stories {
                let key = if self.prefs.present.as_deref() == Some(name.as_str()) {
                    "F5"
                } else {
                    ""
                };
                if ui
                    .add(egui::Button::new(title).shortcut_text(key))
                    .on_hover_text(format!("briefings/{name}.ron"))
                    .clicked()
                {
                    ui.close();
                    commands.push(Command::Present(Some(name)));
                }
            }
        });
        commands
    }
}

impl AnnalsApp {
    /// A picture of the timeline as it is now (view, filters, selection, lanes), without the
    /// rest of the window, at `size` pixels.
    pub fn render_view(&self, size: (u32, u32)) -> Option<crate::ui::render::Picture> {
        let dataset = self.dataset()?;
        let lanes = self.lanes()?;
        let dark = self.ctx.theme() == egui::Theme::Dark;
        let mut headless = crate::ui::render::Headless::new(dark);
        let background = headless.ctx.global_style().visuals.panel_fill;
        let view = self.view();
        let mut widths = crate::ui::timeline_view::TitleWidths::default();
        let matches = self.search_set.clone();
        let input = crate::ui::timeline_view::TimelineInput {
            dataset,
            lanes,
            view: &view,
            selected: self.selected,
            matches: (!matches.is_empty()).then_some(&matches),
            language: self.prefs.language,
            style: &self.style,
        };
        Some(headless.render(
            size,
            crate::ui::render::pixels_per_point_for(size.1),
            background,
            |ui| {
                egui::CentralPanel::default().show(ui, |ui| {
                    crate::ui::timeline_view::timeline_ui(ui, &input, &mut widths);
                });
            },
        ))
    }

    /// Jump to the end of the running animation (for pictures).
    pub fn finish_animation(&mut self) {
        if let Some(animation) = self.animation.take() {
            self.view = animation.to;
        }
    }
}
