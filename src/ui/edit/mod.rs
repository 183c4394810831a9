//! Editing: the session of edits and its history, the form, the commands that change records,
//! saving, conflicts with changes made on disk, and asking before losing anything.
//! [`Editing`] owns that state.

pub mod form;

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::model::date::EventDate;
use crate::model::draft::Draft;
use crate::model::event::Event;
use crate::store::session::{
    Edit, EditSession, SessionError, change_with_references, delete_with_references,
};
use crate::ui::AnnalsApp;
use crate::ui::actions::Action;
use crate::ui::command::{Command, EditCommand};
use crate::ui::widgets::{action_button, file_name};
use crate::ui::{lang, t, t_attr};
use form::editor_ui;

/// `base`, or `base-2`, `base-3`… whichever no event has yet.
fn unique_id(dataset: &crate::model::Dataset, base: &str) -> String {
    if dataset.index_of(base).is_none() {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| dataset.index_of(id).is_none())
        .unwrap_or_else(|| base.to_owned())
}

/// The edits, the form, and the questions that guard against losing them.
#[derive(Default)]
pub struct Editing {
    /// Edits and their history, from the first edit on.
    pub session: Option<EditSession>,
    /// The editor form is open for the selection.
    pub form_open: bool,
    /// What the form shows, when it is open.
    pub draft: Option<Draft>,
    /// The text field being typed into, and the id its event had when typing began: the
    /// keystrokes of one run are one undo step.
    pub typing_run: Option<(&'static str, String)>,
    pub focus_title: bool,
    /// The widget that had the keyboard focus in the last frame.
    pub last_focus: Option<egui::Id>,
    pub confirm_delete: bool,
    /// Files changed on disk under unsaved edits.
    pub conflicts: Vec<PathBuf>,
    /// "Save before closing?" is showing.
    pub close_asked: bool,
    /// The window may close (the question was answered).
    pub allow_close: bool,
}

impl Editing {
    /// Drop the session and the form (another dataset is open).
    pub(crate) fn close_session(&mut self) {
        self.session = None;
        self.form_open = false;
        self.draft = None;
        self.typing_run = None;
        self.conflicts.clear();
    }

    /// Typing in a field ends when the focus moves: the next typing is a new undo step.
    pub(crate) fn focus_moved_to(&mut self, focused: Option<egui::Id>) {
        if focused != self.last_focus {
            self.last_focus = focused;
            self.typing_run = None;
        }
    }
}

impl AnnalsApp {
    /// Whether there are edits not written to the files.
    pub fn is_dirty(&self) -> bool {
        self.edit
            .session
            .as_ref()
            .is_some_and(EditSession::is_dirty)
    }

    /// With unsaved edits, say so (message `refusal`, which names what cannot be done yet)
    /// and return true (the caller does nothing); false when there are none.
    pub(crate) fn refused_while_dirty(&mut self, refusal: &str) -> bool {
        if self.is_dirty() {
            let save = crate::ui::actions::shortcut_text(&self.ctx, Action::Save);
            self.notice = Some(crate::tr!(self.prefs.language, refusal, keys = save));
        }
        self.is_dirty()
    }

    /// Whether the editor form is open.
    pub(crate) fn is_editing(&self) -> bool {
        self.edit.form_open && self.selected.is_some()
    }

    /// Files changed on disk while there were unsaved edits, waiting for the user's choice.
    pub fn conflicts(&self) -> &[PathBuf] {
        &self.edit.conflicts
    }

    /// The window is being closed: true if it may close now; otherwise the question "save
    /// before closing?" is shown and the close must be cancelled.
    pub(crate) fn on_close_requested(&mut self) -> bool {
        if self.edit.allow_close || !self.is_dirty() {
            return true;
        }
        self.edit.close_asked = true;
        false
    }

    /// Start the session at the first edit. If the files changed since loading, they are
    /// reloaded instead and the user is told to make the edit again.
    fn ensure_session(&mut self) -> bool {
        if self.edit.session.is_some() {
            return true;
        }
        if !self.data.reload_problems.is_empty() {
            self.notice = Some(crate::i18n::tr(self.prefs.language, "edit-files-broken"));
            return false;
        }
        match EditSession::open(&self.data.loaded) {
            Ok(session) => {
                self.edit.session = Some(session);
                true
            }
            Err(SessionError::Changed(path)) => {
                self.reload();
                self.notice = Some(crate::tr!(
                    self.prefs.language,
                    "edit-reloaded-first",
                    file = file_name(&path)
                ));
                false
            }
            Err(e) => {
                self.notice = Some(crate::tr!(
                    self.prefs.language,
                    "edit-cannot",
                    reason = e.to_string()
                ));
                false
            }
        }
    }

    /// Run `change` on the session and the model, then select `select` (by id) and rebuild
    /// what depends on the events.
    fn change_model(
        &mut self,
        select: Option<String>,
        change: impl FnOnce(&mut EditSession, &mut crate::model::Dataset),
    ) {
        if !self.ensure_session() {
            return;
        }
        let (Some(session), Some(dataset)) = (
            self.edit.session.as_mut(),
            self.data.loaded.dataset.as_mut(),
        ) else {
            return;
        };
        change(session, dataset);
        self.chrome.title_widths.clear();
        self.refresh();
        self.selected = select.and_then(|id| self.dataset()?.index_of(&id));
        self.browse.list_scroll_pending = true;
    }

    fn selected_event(&self) -> Option<Event> {
        self.selected
            .and_then(|i| self.dataset()?.event(i))
            .cloned()
    }

    /// Make the form show the model's version of the selected event (after undo, redo, or a
    /// change of selection).
    pub(crate) fn sync_draft(&mut self) {
        let Some(event) = self.selected_event().filter(|_| self.edit.form_open) else {
            self.edit.draft = None;
            return;
        };
        if self
            .edit
            .draft
            .as_ref()
            .is_none_or(|d| d.target != *event.id)
        {
            let default = self
                .dataset()
                .map_or_else(Default::default, crate::model::Dataset::language);
            self.edit.draft = Some(Draft::from_event(&event, default));
            self.edit.typing_run = None;
        }
    }

    fn reset_draft(&mut self) {
        self.edit.draft = None;
        self.edit.typing_run = None;
        self.sync_draft();
    }

    /// Apply an editing command.
    pub(crate) fn apply_edit(&mut self, command: EditCommand) {
        match command {
            EditCommand::SetEditing(on) => {
                // The session starts with the form, so it can show which file holds the event.
                self.edit.form_open = on && self.selected.is_some() && self.ensure_session();
                if self.edit.form_open {
                    self.details_open = true;
                }
                self.reset_draft();
            }
            EditCommand::EditEvent {
                target,
                draft,
                typing,
            } => {
                let amend = typing.is_some()
                    && self
                        .edit
                        .typing_run
                        .as_ref()
                        .is_some_and(|(field, _)| Some(*field) == typing);
                let start_id = match (&self.edit.typing_run, amend) {
                    (Some((_, start)), true) => start.clone(),
                    _ => target.clone(),
                };
                // Built from the event as it was before this run of typing, so a field
                // left unreadable keeps its value from then, not a half-typed one.
                let mut new_id: Option<String> = None;
                let mut build = |dataset: &crate::model::Dataset| {
                    let Some(before) = dataset.by_id(&start_id).cloned() else {
                        return Vec::new();
                    };
                    let (after, _) = draft.apply(&before, dataset);
                    new_id = Some(after.id.to_string());
                    if after == before {
                        Vec::new()
                    } else {
                        change_with_references(dataset, before, after)
                    }
                };
                let mut pushed = false;
                self.change_model(None, |session, dataset| {
                    pushed = if amend {
                        session.amend_last(dataset, build)
                    } else {
                        let edits = build(dataset);
                        session.apply(dataset, edits)
                    };
                });
                let id = new_id.or(Some(target));
                self.selected = id.as_ref().and_then(|id| self.dataset()?.index_of(id));
                if let (Some(form), Some(id)) = (&mut self.edit.draft, id) {
                    form.target = id;
                }
                self.edit.typing_run = match (pushed, typing) {
                    (true, Some(field)) => Some((field, start_id)),
                    _ => None,
                };
            }
            EditCommand::MoveToFile(id, file) => {
                self.edit.typing_run = None;
                self.change_model(Some(id.clone()), |session, dataset| {
                    if let Some(event) = dataset.by_id(&id).cloned()
                        && session.file_of(&id) != Some(file)
                    {
                        session.apply(dataset, vec![Edit::move_to(event, file)]);
                    }
                });
            }
            EditCommand::NewEvent => self.new_event(None),
            EditCommand::DuplicateEvent => {
                if let Some(original) = self.selected_event() {
                    self.new_event(Some(original));
                }
            }
            EditCommand::AskDelete(ask) => {
                self.edit.confirm_delete = ask && self.selected.is_some();
            }
            EditCommand::DeleteSelected => {
                self.edit.confirm_delete = false;
                let Some(event) = self.selected_event() else {
                    return;
                };
                let next = self
                    .selected
                    .and_then(|i| {
                        self.browse
                            .step_shown(Some(i), true)
                            .or(self.browse.step_shown(Some(i), false))
                    })
                    .and_then(|i| Some(self.dataset()?.event(i)?.id.to_string()));
                self.edit.form_open = false;
                self.change_model(next, |session, dataset| {
                    let edits = delete_with_references(dataset, event);
                    session.apply(dataset, edits);
                });
                self.details_open = self.selected.is_some();
                self.reset_draft();
            }
            EditCommand::Undo | EditCommand::Redo => {
                let redo = command == EditCommand::Redo;
                let keep = self.selected_event().map(|e| e.id.to_string());
                if self.edit.session.is_none() {
                    return;
                }
                self.change_model(keep, |session, dataset| {
                    if redo {
                        session.redo_last(dataset);
                    } else {
                        session.undo_last(dataset);
                    }
                });
                self.reset_draft();
            }
            EditCommand::Save => self.save(),
            EditCommand::ResolveConflict(keep_mine) => self.resolve_conflict(keep_mine),
            EditCommand::CloseAnswer(answer) => {
                self.edit.close_asked = false;
                match answer {
                    Some(true) => {
                        self.save();
                        if !self.is_dirty() {
                            self.edit.allow_close = true;
                            self.ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                        }
                    }
                    Some(false) => {
                        self.edit.allow_close = true;
                        self.ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                    None => {}
                }
            }
        }
    }

    /// Add a new event (a copy of `original`, or a blank one near the selection) and open it
    /// in the form.
    fn new_event(&mut self, original: Option<Event>) {
        let Some(dataset) = self.dataset() else {
            return;
        };
        let near = self.selected_event();
        let event = match original {
            Some(original) => Event {
                id: unique_id(dataset, &format!("{}-copy", original.id)).into(),
                title: original.title.with_suffix(" (copy)"),
                ..original
            },
            None => {
                let Some(kind) = near.as_ref().map(|e| e.kind.clone()).or_else(|| {
                    dataset
                        .manifest
                        .categories
                        .first()
                        .map(|c| c.id.as_str().into())
                }) else {
                    self.notice = Some(crate::i18n::tr(self.prefs.language, "edit-no-categories"));
                    return;
                };
                let today = chrono::Local::now().date_naive();
                use chrono::Datelike;
                let when = near
                    .as_ref()
                    .map(|e| e.when)
                    .or_else(|| EventDate::day(today.year(), today.month(), today.day()).ok());
                let Some(when) = when else { return };
                Event::new(&unique_id(dataset, "new-event"), "New event", when, &kind)
            }
        };
        let id = event.id.to_string();
        // The new record goes in the file of the event it was made from or next to, else in
        // the file of the latest event.
        let neighbour = near
            .map(|e| e.id.to_string())
            .or_else(|| dataset.events().last().map(|e| e.id.to_string()));
        if !self.ensure_session() {
            return;
        }
        let file = self.edit.session.as_ref().and_then(|s| {
            neighbour
                .and_then(|n| s.file_of(&n))
                .or_else(|| s.event_files().next().map(|(i, _)| i))
        });
        let Some(file) = file else { return };
        self.change_model(Some(id), |session, dataset| {
            session.apply(dataset, vec![Edit::add(event, file)]);
        });
        self.edit.form_open = true;
        self.details_open = true;
        self.edit.focus_title = true;
        self.reset_draft();
        if let Some(index) = self.selected {
            let now = self.ctx.input(|i| i.time);
            self.reveal(index, now);
        }
    }

    /// Write the edits; report what happened.
    fn save(&mut self) {
        self.edit.typing_run = None;
        let (Some(session), Some(dataset)) = (
            self.edit.session.as_mut(),
            self.data.loaded.dataset.as_ref(),
        ) else {
            self.inform(crate::i18n::tr(self.prefs.language, "save-nothing"));
            return;
        };
        let language = self.prefs.language;
        let report = session.save(dataset);
        let written: Vec<String> = report.written.iter().map(|p| file_name(p)).collect();
        let mut message = match written.len() {
            0 if report.is_complete() => crate::i18n::tr(language, "save-already"),
            0 => String::new(),
            _ => crate::tr!(language, "save-done", files = written.join(", ")),
        };
        if !report.errors.is_empty() {
            message.push(' ');
            message.push_str(&crate::tr!(
                language,
                "save-failed",
                reason = report.errors.join("; ")
            ));
        }
        if !report.conflicts.is_empty() {
            self.edit.conflicts = report.conflicts.clone();
            message.push(' ');
            message.push_str(&crate::i18n::tr(language, "save-conflicts"));
        }
        if let Some(draft) = &self.edit.draft
            && let Some(base) = self.dataset().and_then(|d| d.by_id(&draft.target))
            && let Some(dataset) = self.dataset()
        {
            let (_, errors) = draft.apply(base, dataset);
            if !errors.is_empty() {
                message.push(' ');
                message.push_str(&crate::i18n::tr(language, "save-unreadable-fields"));
            }
        }
        let message = message.trim().to_owned();
        // News when all went well; a problem stays until it is dealt with.
        if report.errors.is_empty() && report.conflicts.is_empty() {
            self.inform(message);
        } else {
            self.notice = Some(message);
        }
        if !report.written.is_empty() {
            self.check_saved_files();
        }
    }

    /// Read the files back after a save to refresh the warnings, and show errors if the
    /// saved data does not check (say, a series ordinal typed into the wrong event).
    /// The watcher saw `.ron` files change. Without unsaved edits, reload (unless the change
    /// is the app's own save). With unsaved edits, never reload over them: list the files as
    /// conflicts for the user to decide.
    pub(crate) fn on_files_changed(&mut self) {
        let Some(session) = &self.edit.session else {
            self.reload();
            return;
        };
        let changed = session.changed_on_disk();
        if changed.is_empty() {
            return; // Our own save.
        }
        if session.is_dirty() {
            self.edit.conflicts = changed;
        } else {
            self.edit.session = None;
            self.reset_draft();
            self.reload();
        }
    }

    fn resolve_conflict(&mut self, keep_mine: bool) {
        if !keep_mine {
            self.edit.session = None;
            self.edit.conflicts.clear();
            self.reset_draft();
            self.reload();
            self.inform(crate::i18n::tr(self.prefs.language, "conflict-reloaded"));
            return;
        }
        let (Some(session), Some(dataset)) = (
            self.edit.session.as_mut(),
            self.data.loaded.dataset.as_ref(),
        ) else {
            return;
        };
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
        match session.keep_mine(dataset, &stamp) {
            Ok((asides, report)) => {
                self.edit.conflicts.clear();
                let asides: Vec<String> = asides.iter().map(|p| file_name(p)).collect();
                let language = self.prefs.language;
                self.notice = Some(if report.is_complete() {
                    crate::tr!(language, "conflict-kept", files = asides.join(", "))
                } else {
                    crate::tr!(
                        language,
                        "conflict-kept-unsaved",
                        files = asides.join(", "),
                        reason = report.errors.join("; ")
                    )
                });
                self.check_saved_files();
            }
            Err(e) => {
                self.notice = Some(crate::tr!(
                    self.prefs.language,
                    "conflict-aside-failed",
                    reason = e.to_string()
                ));
            }
        }
    }

    /// The form in the right-hand panel.
    pub(crate) fn editor_panel_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let (Some(dataset), Some(draft)) =
            (self.data.loaded.dataset.as_ref(), self.edit.draft.as_mut())
        else {
            return Vec::new();
        };
        let (files, file) = match &self.edit.session {
            Some(session) => (
                session
                    .event_files()
                    .map(|(i, p)| (i, file_name(p)))
                    .collect::<Vec<_>>(),
                session.file_of(&draft.target),
            ),
            None => (Vec::new(), None),
        };
        let focus_title = std::mem::take(&mut self.edit.focus_title);
        editor_ui(
            ui,
            (dataset, &self.data.loaded.root),
            draft,
            (&files, file),
            self.prefs.language,
            focus_title,
        )
    }

    /// Banners and questions: unsaved changes, conflicts, delete and close confirmations.
    pub(crate) fn editing_dialogs_ui(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut commands = Vec::new();
        if self.edit.confirm_delete
            && let Some(event) = self.selected_event()
        {
            let referring = self.dataset().map_or(0, |d| {
                d.events()
                    .iter()
                    .filter(|e| e.related.iter().any(|r| *r == *event.id))
                    .count()
            });
            let title = self.dataset().map_or_else(String::new, |d| {
                d.text(&event.title, self.prefs.language).marked()
            });
            let modal = egui::Modal::new(egui::Id::unique("confirm-delete")).show(ctx, |ui| {
                ui.set_max_width(420.0);
                ui.heading(t(ui, "delete-heading"));
                ui.label(RichText::new(&title).strong());
                ui.label(event.when.display(self.prefs.language));
                if referring > 0 {
                    ui.label(crate::tr!(
                        lang(ui.ctx()),
                        "delete-links",
                        count = referring
                    ));
                }
                let undo = crate::ui::actions::shortcut_text(ui.ctx(), Action::Undo);
                ui.label(
                    RichText::new(crate::tr!(lang(ui.ctx()), "delete-undo", keys = undo)).weak(),
                );
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    if ui
                        .button(
                            RichText::new(t(ui, "delete-confirm"))
                                .color(ui.visuals().error_fg_color),
                        )
                        .clicked()
                    {
                        commands.push(Command::Edit(EditCommand::DeleteSelected));
                    }
                    if ui.button(t(ui, "button-cancel")).clicked() {
                        commands.push(Command::Edit(EditCommand::AskDelete(false)));
                    }
                });
            });
            if modal.should_close() && commands.is_empty() {
                commands.push(Command::Edit(EditCommand::AskDelete(false)));
            }
        }
        if self.edit.close_asked {
            let modal = egui::Modal::new(egui::Id::unique("confirm-close")).show(ctx, |ui| {
                ui.set_max_width(420.0);
                ui.heading(t(ui, "close-heading"));
                ui.label(t(ui, "close-body"));
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    if ui.button(t(ui, "close-save")).clicked() {
                        commands.push(Command::Edit(EditCommand::CloseAnswer(Some(true))));
                    }
                    if ui.button(t(ui, "close-discard")).clicked() {
                        commands.push(Command::Edit(EditCommand::CloseAnswer(Some(false))));
                    }
                    if ui.button(t(ui, "button-cancel")).clicked() {
                        commands.push(Command::Edit(EditCommand::CloseAnswer(None)));
                    }
                });
            });
            if modal.should_close() && commands.is_empty() {
                commands.push(Command::Edit(EditCommand::CloseAnswer(None)));
            }
        }
        commands
    }

    /// The conflict banner, when files changed on disk under unsaved edits.
    pub(crate) fn conflict_banner_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let names: Vec<String> = self.edit.conflicts.iter().map(|p| file_name(p)).collect();
        ui.label(
            RichText::new(crate::tr!(
                lang(ui.ctx()),
                "conflict-banner",
                files = names.join(", ")
            ))
            .color(ui.visuals().warn_fg_color)
            .strong(),
        );
        ui.horizontal(|ui| {
            if ui
                .button(t(ui, "conflict-keep-mine"))
                .on_hover_text(t_attr(ui, "conflict-keep-mine", "tooltip"))
                .clicked()
            {
                commands.push(Command::Edit(EditCommand::ResolveConflict(true)));
            }
            if ui
                .button(t(ui, "conflict-reload-theirs"))
                .on_hover_text(t_attr(ui, "conflict-reload-theirs", "tooltip"))
                .clicked()
            {
                commands.push(Command::Edit(EditCommand::ResolveConflict(false)));
            }
        });
        commands
    }

    /// The Edit menu: new, duplicate, delete, undo, redo, save (labels and keys from the
    /// action table).
    pub(crate) fn edit_menu_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let selected = self.selected.is_some();
        let (can_undo, can_redo) = self
            .edit
            .session
            .as_ref()
            .map_or((false, false), |s| (s.can_undo(), s.can_redo()));
        ui.menu_button(t(ui, "menu-edit"), |ui| {
            let items: [(Action, Option<&str>, bool, EditCommand); 8] = [
                (
                    Action::Edit,
                    Some("edit-menu-edit"),
                    selected,
                    EditCommand::SetEditing(true),
                ),
                (
                    Action::NewEvent,
                    Some("edit-menu-new"),
                    true,
                    EditCommand::NewEvent,
                ),
                (
                    Action::Duplicate,
                    Some("edit-menu-duplicate"),
                    selected,
                    EditCommand::DuplicateEvent,
                ),
                (
                    Action::Delete,
                    Some("edit-menu-delete"),
                    selected,
                    EditCommand::AskDelete(true),
                ),
                (Action::Undo, None, can_undo, EditCommand::Undo),
                (Action::Redo, None, can_redo, EditCommand::Redo),
                (
                    Action::Save,
                    Some("edit-menu-save"),
                    self.is_dirty(),
                    EditCommand::Save,
                ),
                (
                    Action::Escape,
                    Some("edit-menu-done"),
                    self.is_editing(),
                    EditCommand::SetEditing(false),
                ),
            ];
            for (n, (action, label, enabled, command)) in items.into_iter().enumerate() {
                if n == 4 || n == 6 {
                    ui.separator();
                }
                let label = label.map(|id| t(ui, id));
                if action_button(ui, action, label.as_deref(), enabled) {
                    commands.push(command.into());
                }
            }
        });
        commands
    }
}
