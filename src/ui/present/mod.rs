//! Presenting: entering and leaving presentation mode, stepping, the keys, the slide and the
//! presenter's second window. [`Presenting`] owns the presentation under way.

pub mod slide;

use egui::Ui;

use crate::model::query::Filter;
use crate::model::storyline::{ShownStep, steps_of_events};
use crate::timeline::TimeView;
use crate::ui::AnnalsApp;
use crate::ui::actions::{self, Action, Scope};
use crate::ui::command::{Command, PresentCommand};
use crate::ui::timeline_view::{TimelineStyle, TitleWidths};
use slide::{DESIGN_HEIGHT, PresentInput, presentation_ui, presenter_ui};

/// How long the move from one step to the next takes, in seconds.
pub(crate) const STEP_SECONDS: f64 = 0.6;

/// A presentation under way.
pub struct Presentation {
    /// The storyline presented (file name), or `None` for the shown events.
    pub storyline: Option<String>,
    /// The storyline's title in every language it is written in, shown in the one at hand.
    pub title: crate::model::Text,
    /// What the storyline is about, for the presenter (the dataset's description when the
    /// shown events are presented).
    pub description: crate::model::Text,
    pub steps: Vec<ShownStep>,
    pub index: usize,
    /// egui time when it started, for the presenter's clock.
    pub started_at: f64,
    /// What to put back when it ends.
    filter_before: Filter,
    view_before: TimeView,
    /// The view before showed everything (and is to keep doing so when the window resizes).
    fitted_before: bool,
    selected_before: Option<usize>,
    zoom_before: f32,
    /// The presenter's window is open.
    pub presenter: bool,
    /// Id of the current step's event (indices change when the files do).
    event_id: Option<String>,
}

/// The presentation under way, and what its timeline is drawn with.
pub(crate) struct Presenting {
    pub current: Option<Presentation>,
    /// Title widths at the presentation's text size.
    pub widths: TitleWidths,
    pub style: TimelineStyle,
}

impl Default for Presenting {
    fn default() -> Self {
        Self {
            current: None,
            widths: TitleWidths::default(),
            style: slide::timeline_style(),
        }
    }
}

/// The commands of this frame's presses of the presentation's keys (every press counts),
/// from step `index` of `count`.
fn step_commands(input: &mut egui::InputState, index: usize, count: usize) -> Vec<Command> {
    let last = count as isize - 1;
    let mut target = index as isize;
    let mut commands = Vec::new();
    for action in actions::pressed(input, Scope::Present) {
        match action {
            Action::StepNext => target += 1,
            Action::StepBack => target -= 1,
            Action::FirstStep => target = 0,
            Action::LastStep => target = last,
            Action::PresenterView => commands.push(PresentCommand::TogglePresenterView.into()),
            _ => commands.push(PresentCommand::End.into()),
        }
    }
    if target != index as isize {
        commands.insert(0, PresentCommand::Go(target.clamp(0, last.max(0))).into());
    }
    commands
}

pub(crate) use crate::timeline::scale::step_view;

impl AnnalsApp {
    /// The presentation under way, if any.
    pub fn presentation(&self) -> Option<&Presentation> {
        self.present.current.as_ref()
    }

    /// Names of the dataset's storylines (file names) with their titles, in the language at
    /// hand (or the dataset's own, marked).
    pub fn storylines(&self) -> Vec<(String, String)> {
        let default = self
            .data
            .loaded
            .dataset
            .as_ref()
            .map_or_else(Default::default, crate::model::Dataset::language);
        self.data
            .loaded
            .storylines
            .iter()
            .map(|(name, s)| {
                let title = s.title.get(self.prefs.language, default).marked();
                (name.clone(), title)
            })
            .collect()
    }

    /// Apply a presentation command.
    pub(crate) fn apply_present(&mut self, command: PresentCommand, now: f64) {
        match command {
            PresentCommand::Start(storyline) => self.start_presentation(storyline, now),
            PresentCommand::Go(index) => self.go_to_step(index, now),
            PresentCommand::End => self.end_presentation(now),
            PresentCommand::TogglePresenterView => {
                if let Some(p) = &mut self.present.current {
                    p.presenter = !p.presenter;
                }
            }
        }
    }

    fn start_presentation(&mut self, storyline: Option<String>, now: f64) {
        let Some(dataset) = self.dataset() else {
            return;
        };
        let (title, description, steps) = match &storyline {
            Some(name) => match self.data.loaded.storyline(name) {
                Some((_, story)) => (
                    story.title.clone(),
                    story.description.clone(),
                    story.resolve(dataset),
                ),
                None => {
                    self.notice = Some(crate::tr!(
                        self.prefs.language,
                        "present-no-such-storyline",
                        name = name
                    ));
                    return;
                }
            },
            None => (
                dataset.manifest.title.clone(),
                dataset.manifest.description.clone(),
                steps_of_events(self.shown_events()),
            ),
        };
        if steps.is_empty() {
            self.notice = Some(crate::i18n::tr(self.prefs.language, "present-nothing"));
            return;
        }
        self.prefs.present = storyline.clone();
        self.edit.form_open = false;
        self.edit.draft = None;
        self.present.current = Some(Presentation {
            storyline: storyline.clone(),
            title,
            description,
            steps,
            index: 0,
            started_at: now,
            filter_before: self.prefs.filter.clone(),
            view_before: self.view.target(),
            fitted_before: self.view.is_fitted(),
            selected_before: self.selected,
            zoom_before: self.ctx.zoom_factor(),
            presenter: false,
            event_id: None,
        });
        self.present.widths.clear();
        self.ctx
            .send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        self.go_to_step(0, now);
    }

    /// The files changed during a presentation: look its steps up again in the new data
    /// (a storyline that no longer checks out keeps its old steps' positions where it can),
    /// staying on the same step.
    pub(crate) fn presentation_reloaded(&mut self) {
        let Some(dataset) = self.data.loaded.dataset.as_ref() else {
            return;
        };
        let Some(p) = &self.present.current else {
            return;
        };
        let steps: Vec<ShownStep> = match &p.storyline {
            Some(name) => self
                .data
                .loaded
                .storyline(name)
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
        let Some(p) = &mut self.present.current else {
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
        let Some(p) = self.present.current.take() else {
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
        self.view.settle_canvas(now);
        self.view
            .animate(p.view_before, now, crate::ui::view::JUMP_SECONDS);
        self.view.mark_fitted(p.fitted_before);
    }

    /// Go to step `index` (clamped to the steps there are).
    fn go_to_step(&mut self, index: isize, now: f64) {
        let Some(p) = &mut self.present.current else {
            return;
        };
        let index = index.clamp(0, p.steps.len() as isize - 1) as usize;
        p.index = index;
        let step = p.steps[index].clone();
        p.event_id = step
            .event
            .and_then(|i| self.data.loaded.dataset.as_ref()?.event(i))
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
        self.browse.list_scroll_pending = true;
        if let Some(view) = self.dataset().and_then(|d| step_view(d, &step)) {
            self.view.animate(view, now, STEP_SECONDS);
        }
    }

    /// Keys of presentation mode; clickers send PageUp and PageDown.
    pub(crate) fn presentation_keys(&self, ctx: &egui::Context) -> Vec<Command> {
        let Some(p) = &self.present.current else {
            return Vec::new();
        };
        ctx.input_mut(|input| step_commands(input, p.index, p.steps.len()))
    }

    /// The whole window in presentation mode (and the presenter's window, when open).
    pub(crate) fn presentation_frame(&mut self, ui: &mut Ui) -> Vec<Command> {
        let ctx = ui.ctx().clone();
        // Lay out for a 720-point-high screen whatever the real one is.
        let physical_height = ctx.content_rect().height() * ctx.pixels_per_point();
        let zoom = (physical_height / DESIGN_HEIGHT * ctx.zoom_factor() / ctx.pixels_per_point())
            .clamp(0.5, 4.0);
        if (zoom - ctx.zoom_factor()).abs() > 0.01 {
            ctx.set_zoom_factor(zoom);
        }
        let mut commands = Vec::new();
        // The step's event's first picture, on the card once decoded.
        let media = self
            .present
            .current
            .as_ref()
            .and_then(|p| p.steps.get(p.index)?.event)
            .and_then(|i| self.data.loaded.dataset.as_ref()?.event(i))
            .and_then(|e| e.media.iter().find(|m| !m.is_web()).cloned());
        let picture = media.and_then(|m| {
            let texture = self
                .browse
                .pictures
                .ready(&ctx, &self.data.loaded.root, &m)?;
            let default = self.data.loaded.dataset.as_ref()?.language();
            Some((texture, m.byline(self.prefs.language, default)))
        });
        let (Some(p), Some(dataset), Some(lanes)) = (
            self.present.current.as_ref(),
            self.data.loaded.dataset.as_ref(),
            self.browse.lanes(),
        ) else {
            return commands;
        };
        let step = &p.steps[p.index];
        let title = dataset.text(&p.title, self.prefs.language).marked();
        let input = PresentInput {
            dataset,
            lanes,
            view: &self.view.shown(),
            step,
            index: p.index,
            count: p.steps.len(),
            title: &title,
            language: self.prefs.language,
            style: &self.present.style,
            key_hints: true,
            picture: picture.as_ref().map(|(t, b)| (t, b.as_str())),
        };
        let widths = &mut self.present.widths;
        egui::CentralPanel::no_frame().show(ui, |ui| {
            commands.extend(presentation_ui(ui, &input, widths));
        });
        if p.presenter {
            let language = self.prefs.language;
            let now = ctx.input(|i| i.time);
            let (steps, index, started) = (&p.steps, p.index, p.started_at);
            ctx.show_viewport_immediate(
                egui::ViewportId::from_hash_of("annals-presenter"),
                egui::ViewportBuilder::default()
                    .with_title(crate::i18n::tr(language, "present-presenter-title"))
                    .with_inner_size([760.0, 520.0]),
                |ui, _class| {
                    egui::CentralPanel::default().show(ui, |ui| {
                        commands.extend(presenter_ui(
                            ui,
                            (dataset, language),
                            &p.description,
                            (steps, index),
                            now - started,
                        ));
                    });
                    ui.input_mut(|input| {
                        if input.viewport().close_requested() {
                            commands.push(Command::Present(PresentCommand::TogglePresenterView));
                        }
                        commands.extend(step_commands(input, index, steps.len()));
                    });
                },
            );
            // The clock ticks.
            ctx.request_repaint_after(std::time::Duration::from_millis(500));
        }
        commands
    }

    /// The "▶ Present" menu of the top bar.
    pub(crate) fn present_menu_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let stories = self.storylines();
        let f5 = actions::shortcut_text(ui.ctx(), Action::Present);
        ui.menu_button(crate::ui::t(ui, "menu-present"), |ui| {
            let shown = crate::tr!(
                crate::ui::lang(ui.ctx()),
                "present-shown",
                count = self.browse.shown_count()
            );
            if ui
                .add(
                    egui::Button::new(shown).shortcut_text(if self.prefs.present.is_none() {
                        f5.as_str()
                    } else {
                        ""
                    }),
                )
                .clicked()
            {
                ui.close();
                commands.push(Command::Present(PresentCommand::Start(None)));
            }
            if !stories.is_empty() {
                ui.separator();
                ui.label(egui::RichText::new(crate::ui::t(ui, "present-storylines")).weak());
            }
            for (name, title) in stories {
                let key = if self.prefs.present.as_deref() == Some(name.as_str()) {
                    f5.as_str()
                } else {
                    ""
                };
                // What it is about, in the language at hand, and where it is written.
                let mut hover = format!("briefings/{name}.ron");
                if let (Some((_, story)), Some(dataset)) =
                    (self.data.loaded.storyline(&name), self.dataset())
                    && !story.description.is_empty()
                {
                    let about = dataset.text(&story.description, self.prefs.language);
                    hover = format!("{}\n\n{hover}", about.marked());
                }
                if ui
                    .add(egui::Button::new(title).shortcut_text(key))
                    .on_hover_text(hover)
                    .clicked()
                {
                    ui.close();
                    commands.push(Command::Present(PresentCommand::Start(Some(name))));
                }
            }
        });
        commands
    }
}
