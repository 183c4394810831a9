//! The event editor: a form over every field of a record. What is typed lives in a
//! [`Draft`]; every change that reads correctly is sent to the app as an edit of the model
//! (so the timeline follows as you type, and Ctrl+Z undoes it); a field that does not read
//! (a date like "2024-13") shows why under it and keeps the last good value in the model.

use egui::{RichText, Ui};

use crate::model::dataset::Dataset;
use crate::model::date::EventDate;
pub use crate::model::draft::{Draft, DraftMedia, DraftSource, DraftText, FieldErrors};
use crate::model::event::Status;
use crate::model::manifest::Language;
use crate::ui::actions::{Action, shortcut_text, tooltip};
use crate::ui::command::{Command, EditCommand};
use crate::ui::words::status_label;
use crate::ui::{lang, t, t_attr};
use crate::{i18n::tr, tr};

/// Name of the form in the accessibility tree, in English (the message `form-editor`).
pub const EDITOR_LABEL: &str = "Event editor";

/// What happened in the form this frame.
struct Changes {
    /// The field typed into (for grouping keystrokes into one undo step), if any.
    typed: Option<&'static str>,
    /// Something else changed (a choice, a button).
    other: bool,
}

/// A text field for the message `label`: named for assistive technology by its `.name`
/// ("Edit title"), showing the message `hint` while empty.
fn labelled_text(
    ui: &mut Ui,
    label: &str,
    text: &mut String,
    multiline: bool,
    hint: &str,
) -> egui::Response {
    // Room for the scroll bar on the right.
    let width = (ui.available_width() - 12.0).max(80.0);
    let name = t_attr(ui, label, "name");
    labelled_text_of_width(ui, (label, &name), text, multiline, &t(ui, hint), width)
}

/// A text field `width` points wide (in a grid, whose cells would otherwise take the width
/// of the whole grid, and grow it frame after frame), kept apart from others by `key` (the
/// same in every language) and named `name`.
fn labelled_text_of_width(
    ui: &mut Ui,
    (key, name): (&str, &str),
    text: &mut String,
    multiline: bool,
    hint: &str,
    width: f32,
) -> egui::Response {
    let edit = if multiline {
        egui::TextEdit::multiline(text).desired_rows(3)
    } else {
        egui::TextEdit::singleline(text)
    };
    let response = ui.add(
        edit.hint_text(hint)
            .desired_width(width)
            .id_salt(("editor", key)),
    );
    // Named apart from the heading above it ("Title" vs "Edit title").
    response.widget_info(move || egui::WidgetInfo::labeled(egui::Role::TextInput, true, name));
    response
}

/// Width of the column that names a language beside its field in the editor, in points.
const LANGUAGE_COLUMN: f32 = 96.0;

/// One field per language for a record text (title, summary, note): the dataset's own
/// language's field as before ("Edit title"), then one compact row for each other language
/// ("Edit title (zh)"): its name, a "missing" mark when it is empty while another language
/// has text (readers of that language then see the dataset's text instead, marked), and a field of one line that grows as it is
/// typed in. The returned response is the first field's, `changed` when any of them changed.
fn multilingual_text(
    ui: &mut Ui,
    label: &str,
    text: &mut DraftText,
    multiline: bool,
    hint: &str,
    (default, language): (Language, Language),
) -> egui::Response {
    let mut response = labelled_text(ui, label, text.get_mut(default), multiline, hint);
    let mut changed = response.changed();
    // A text written in no language is simply not there: nothing to mark missing.
    let written = !text.is_blank();
    for other in Language::ALL.into_iter().filter(|&l| l != default) {
        ui.horizontal(|ui| {
            // The language and its mark in a column of their own, so the fields line up.
            let column = egui::vec2(LANGUAGE_COLUMN, ui.spacing().interact_size.y);
            let layout = egui::Layout::left_to_right(egui::Align::Center);
            ui.allocate_ui_with_layout(column, layout, |ui| {
                ui.set_min_width(LANGUAGE_COLUMN);
                let name = ui.label(RichText::new(other.endonym()).small().weak());
                name.on_hover_text(tr!(
                    language,
                    "text-field-language",
                    field = tr(language, label),
                    language = other.endonym()
                ));
                if written && text.get(other).trim().is_empty() {
                    ui.label(
                        RichText::new(tr(language, "text-missing"))
                            .small()
                            .italics()
                            .color(ui.visuals().warn_fg_color),
                    )
                    .on_hover_text(tr!(
                        language,
                        "text-missing-tooltip",
                        language = other.endonym(),
                        default = default.endonym()
                    ));
                }
            });
            let field = format!("{label} ({})", other.code());
            let width = (ui.available_width() - 12.0).max(80.0);
            let edit = if multiline {
                egui::TextEdit::multiline(text.get_mut(other)).desired_rows(1)
            } else {
                egui::TextEdit::singleline(text.get_mut(other))
            };
            let edited = ui.add(
                edit.desired_width(width)
                    .id_salt(("editor", field.as_str())),
            );
            // "Edit title (zh)": the field's own name and the language's code.
            let name_of = format!("{} ({})", t_attr(ui, label, "name"), other.code());
            edited.widget_info(move || {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, &name_of)
            });
            changed |= edited.changed();
        });
    }
    if changed {
        response.mark_changed();
    }
    response
}

fn error_line(ui: &mut Ui, message: Option<&str>) {
    if let Some(message) = message {
        ui.label(
            RichText::new(format!("⚠ {message}"))
                .color(ui.visuals().error_fg_color)
                .small(),
        );
    }
}

/// A drop-down for the message `name` (its `.name` names it for assistive technology).
fn combo(
    ui: &mut Ui,
    name: &str,
    value: &mut String,
    options: &[(String, String)],
    allow_none: bool,
) -> bool {
    let width = ui.available_width().min(280.0);
    combo_of_width(ui, name, value, options, allow_none, width)
}

/// The name for assistive technology of the drop-down or field of message `id`.
fn name_of(ui: &Ui, id: &str) -> String {
    t_attr(ui, id, "name")
}

/// [`combo`] `width` points wide; a long choice is cut with "…" (shown whole in the list).
fn combo_of_width(
    ui: &mut Ui,
    name: &str,
    value: &mut String,
    options: &[(String, String)],
    allow_none: bool,
    width: f32,
) -> bool {
    let shown = options
        .iter()
        .find(|(id, _)| id == value)
        .map_or_else(|| "—".to_owned(), |(_, label)| label.clone());
    let before = value.clone();
    let accessible = name_of(ui, name);
    // Cut where its own width ends, not at the end of the row it stands in.
    ui.scope(|ui| {
        ui.set_max_width(width);
        egui::ComboBox::from_id_salt(("editor-combo", name))
            .selected_text(shown)
            .width(width)
            .truncate()
            .show_ui(ui, |ui| {
                if allow_none {
                    ui.selectable_value(value, String::new(), "—");
                }
                for (id, label) in options {
                    ui.selectable_value(value, id.clone(), label);
                }
            })
            .response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &accessible));
    });
    *value != before
}

/// A field's heading, the message `id`.
fn heading(ui: &mut Ui, id: &str) {
    ui.add_space(6.0);
    ui.label(RichText::new(t(ui, id)).small().strong().weak());
}

/// The form for `draft`'s event. `files` are the event files (index, name) and `file` the
/// one the event is saved in. Returns commands: edits, a move to another file, duplicate,
/// delete, close.
pub(crate) fn editor_ui(
    ui: &mut Ui,
    (dataset, root): (&Dataset, &std::path::Path),
    draft: &mut Draft,
    (files, file): (&[(usize, String)], Option<usize>),
    language: Language,
    focus_title: bool,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(base) = dataset.by_id(&draft.target).cloned() else {
        return commands;
    };
    let mut changes = Changes {
        typed: None,
        other: false,
    };
    let (_, errors) = draft.apply(&base, dataset);
    let editor_name = t(ui, "form-editor");
    ui.scope_builder(
        egui::UiBuilder::new().accessibility_label(editor_name),
        |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new(t(ui, "form-heading")).heading().strong());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button(t(ui, "form-done"))
                        .on_hover_text(crate::tr!(
                            lang(ui.ctx()),
                            "form-done-tooltip",
                            close = shortcut_text(ui.ctx(), Action::Escape),
                            save = shortcut_text(ui.ctx(), Action::Save)
                        ))
                        .clicked()
                    {
                        commands.push(Command::Edit(EditCommand::SetEditing(false)));
                    }
                });
            });
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.spacing_mut().item_spacing.y = 4.0;
                    if !files.is_empty() {
                        heading(ui, "form-file-heading");
                        let mut chosen = file.map(|f| f.to_string()).unwrap_or_default();
                        let options: Vec<(String, String)> = files
                            .iter()
                            .map(|(i, name)| (i.to_string(), name.clone()))
                            .collect();
                        if combo(ui, "form-file", &mut chosen, &options, false)
                            && let Ok(to) = chosen.parse::<usize>()
                        {
                            commands.push(Command::Edit(EditCommand::MoveToFile(
                                base.id.to_string(),
                                to,
                            )));
                        }
                    }
                    heading(ui, "form-id");
                    if labelled_text(ui, "form-id", &mut draft.id, false, "form-id-hint").changed()
                    {
                        changes.typed = Some("id");
                    }
                    error_line(ui, errors.get("id").map(|e| e.text(language)).as_deref());
                    heading(ui, "form-title");
                    let languages = (dataset.language(), language);
                    let title = multilingual_text(
                        ui,
                        "form-title",
                        &mut draft.title,
                        false,
                        "form-title-hint",
                        languages,
                    );
                    if focus_title {
                        title.request_focus();
                    }
                    if title.changed() {
                        changes.typed = Some("title");
                    }
                    error_line(ui, errors.get("title").map(|e| e.text(language)).as_deref());
                    heading(ui, "form-date-heading");
                    if labelled_text(ui, "form-date", &mut draft.when, false, "form-date-hint")
                        .changed()
                    {
                        changes.typed = Some("when");
                    }
                    match EventDate::parse(draft.when.trim()) {
                        Ok(when) => {
                            ui.label(
                                RichText::new(format!("= {}", when.display(language))).strong(),
                            );
                        }
                        Err(e) => error_line(ui, Some(&e.text(language))),
                    }
                    ui.label(RichText::new(t(ui, "form-date-help")).weak().small());

                    heading(ui, "form-kind");
                    let categories: Vec<(String, String)> = dataset
                        .manifest
                        .categories
                        .iter()
                        .map(|c| (c.id.clone(), dataset.text(&c.label, language).marked()))
                        .collect();
                    changes.other |= combo(ui, "form-kind", &mut draft.kind, &categories, false);
                    heading(ui, "form-place");
                    let places: Vec<(String, String)> = dataset
                        .manifest
                        .places
                        .iter()
                        .map(|p| (p.id.clone(), p.name.get(language).to_owned()))
                        .collect();
                    changes.other |= combo(ui, "form-place", &mut draft.place, &places, true);

                    heading(ui, "form-participants");
                    let people: Vec<(String, String)> = dataset
                        .manifest
                        .people
                        .iter()
                        .map(|p| (p.id.clone(), p.name.get(language).to_owned()))
                        .collect();
                    ui.horizontal_wrapped(|ui| {
                        let mut remove = None;
                        for (i, id) in draft.participants.iter().enumerate() {
                            let name = people
                                .iter()
                                .find(|(p, _)| p == id)
                                .map_or(id.as_str(), |(_, n)| n.as_str());
                            if ui
                                .button(format!("{name}  ×"))
                                .on_hover_text(t(ui, "form-participant-remove"))
                                .clicked()
                            {
                                remove = Some(i);
                            }
                        }
                        if let Some(i) = remove {
                            draft.participants.remove(i);
                            changes.other = true;
                        }
                    });
                    let addable: Vec<(String, String)> = people
                        .iter()
                        .filter(|(id, _)| !draft.participants.contains(id))
                        .cloned()
                        .collect();
                    let mut add = String::new();
                    if !addable.is_empty()
                        && combo(ui, "form-participant-add", &mut add, &addable, true)
                        && !add.is_empty()
                    {
                        draft.participants.push(add);
                        changes.other = true;
                    }

                    heading(ui, "form-summary-heading");
                    if multilingual_text(
                        ui,
                        "form-summary",
                        &mut draft.summary,
                        true,
                        "form-summary-hint",
                        languages,
                    )
                    .changed()
                    {
                        changes.typed = Some("summary");
                    }

                    heading(ui, "form-sources");
                    let mut remove = None;
                    for (n, source) in draft.sources.iter_mut().enumerate() {
                        egui::Frame::group(ui.style()).show(ui, |ui| {
                            if numbered_card_header(ui, n) {
                                remove = Some(n);
                            }
                            let mut fields = vec![CardField::plain(
                                "form-source-publisher",
                                &mut source.publisher,
                                "Xinhua, TASS…",
                            )];
                            fields.extend(CardField::by_language(
                                "form-source-title",
                                &mut source.title,
                                "form-source-title-hint",
                                languages.0,
                            ));
                            fields.push(CardField::plain(
                                "form-source-url",
                                &mut source.url,
                                "form-source-url-hint",
                            ));
                            fields.push(CardField::plain(
                                "form-source-published",
                                &mut source.published,
                                "form-source-published-hint",
                            ));
                            if card_fields_ui(
                                ui,
                                ("source-grid", "form-source-name"),
                                n,
                                fields,
                                languages.0,
                            ) {
                                changes.typed = Some("sources");
                            }
                        });
                    }
                    if let Some(n) = remove {
                        draft.sources.remove(n);
                        changes.other = true;
                    }
                    for (_, message) in errors.0.iter().filter(|(f, _)| *f == "sources") {
                        error_line(ui, Some(&message.text(language)));
                    }
                    if ui.button(t(ui, "form-source-add")).clicked() {
                        draft.sources.push(DraftSource {
                            publisher: t(ui, "form-source-publisher"),
                            ..DraftSource::default()
                        });
                        changes.other = true;
                    }

                    heading(ui, "form-pictures");
                    let mut remove = None;
                    for (n, picture) in draft.media.iter_mut().enumerate() {
                        egui::Frame::group(ui.style()).show(ui, |ui| {
                            if numbered_card_header(ui, n) {
                                remove = Some(n);
                            }
                            let DraftMedia {
                                file,
                                caption,
                                alt,
                                credit,
                                license,
                            } = picture;
                            let mut fields = vec![CardField::plain(
                                "form-picture-file",
                                file,
                                "form-picture-file-hint",
                            )];
                            fields.extend(CardField::by_language(
                                "form-picture-caption",
                                caption,
                                "form-picture-caption-hint",
                                languages.0,
                            ));
                            fields.extend(CardField::by_language(
                                "form-picture-alt",
                                alt,
                                "form-picture-alt-hint",
                                languages.0,
                            ));
                            fields.push(CardField::plain(
                                "form-picture-credit",
                                credit,
                                "form-picture-credit-hint",
                            ));
                            fields.push(CardField::plain(
                                "form-picture-licence",
                                license,
                                "form-picture-licence-hint",
                            ));
                            if card_fields_ui(
                                ui,
                                ("picture-grid", "form-picture-name"),
                                n,
                                fields,
                                languages.0,
                            ) {
                                changes.typed = Some("media");
                            }
                        });
                    }
                    if let Some(n) = remove {
                        draft.media.remove(n);
                        changes.other = true;
                    }
                    for (_, message) in errors.0.iter().filter(|(f, _)| *f == "media") {
                        error_line(ui, Some(&message.text(language)));
                    }
                    if ui
                        .button(t(ui, "form-picture-add"))
                        .on_hover_text(t_attr(ui, "form-picture-add", "tooltip"))
                        .clicked()
                        && let Some(chosen) = rfd::FileDialog::new()
                            .add_filter(t(ui, "form-pictures"), &["png", "jpg", "jpeg", "webp"])
                            .pick_file()
                    {
                        let failed = egui::Id::unique("add-picture-failed");
                        match crate::store::pictures::copy_into_dataset(root, &chosen) {
                            Ok(file) => {
                                draft.media.push(DraftMedia {
                                    file,
                                    ..DraftMedia::default()
                                });
                                changes.other = true;
                                ui.data_mut(|d| {
                                    d.remove::<String>(failed);
                                });
                            }
                            Err(message) => ui.data_mut(|d| {
                                d.insert_temp(failed, message);
                            }),
                        }
                    }
                    // Why the last picture chosen could not be added, until one is.
                    let failed: Option<String> =
                        ui.data(|d| d.get_temp(egui::Id::unique("add-picture-failed")));
                    error_line(ui, failed.as_deref());

                    heading(ui, "form-status");
                    let statuses: Vec<(String, String)> = Status::ALL
                        .iter()
                        .map(|s| (s.label().to_owned(), status_label(*s, language)))
                        .collect();
                    let mut status = draft.status.label().to_owned();
                    if combo(ui, "form-status", &mut status, &statuses, false)
                        && let Some(s) = Status::ALL.iter().find(|s| s.label() == status)
                    {
                        draft.status = *s;
                        changes.other = true;
                    }
                    heading(ui, "form-note-heading");
                    if multilingual_text(
                        ui,
                        "form-note",
                        &mut draft.note,
                        true,
                        "form-note-hint",
                        languages,
                    )
                    .changed()
                    {
                        changes.typed = Some("note");
                    }

                    heading(ui, "form-series");
                    let series: Vec<(String, String)> = dataset
                        .manifest
                        .series
                        .iter()
                        .map(|s| (s.id.clone(), dataset.text(&s.title, language).marked()))
                        .collect();
                    ui.horizontal(|ui| {
                        // Room beside it for "No." and the number.
                        let width = (ui.available_width() - 100.0).clamp(80.0, 280.0);
                        changes.other |= combo_of_width(
                            ui,
                            "form-series",
                            &mut draft.series,
                            &series,
                            true,
                            width,
                        );
                        if !draft.series.is_empty() {
                            ui.label(t(ui, "form-ordinal"));
                            let response = ui.add(
                                egui::TextEdit::singleline(&mut draft.ordinal)
                                    .desired_width(48.0)
                                    .id_salt(("editor", "ordinal")),
                            );
                            let name = name_of(ui, "form-ordinal");
                            response.widget_info(|| {
                                egui::WidgetInfo::labeled(egui::Role::TextInput, true, &name)
                            });
                            if response.changed() {
                                changes.typed = Some("ordinal");
                            }
                        }
                    });
                    error_line(
                        ui,
                        errors.get("ordinal").map(|e| e.text(language)).as_deref(),
                    );

                    heading(ui, "form-related");
                    ui.horizontal_wrapped(|ui| {
                        let mut remove = None;
                        for (i, id) in draft.related.iter().enumerate() {
                            let title = dataset
                                .by_id(id)
                                .map_or(id.as_str(), |e| dataset.text(&e.title, language).text);
                            if ui
                                .button(format!("{title}  ×"))
                                .on_hover_text(crate::tr!(
                                    lang(ui.ctx()),
                                    "form-related-remove",
                                    id = id
                                ))
                                .clicked()
                            {
                                remove = Some(i);
                            }
                        }
                        if let Some(i) = remove {
                            draft.related.remove(i);
                            changes.other = true;
                        }
                    });
                    ui.horizontal(|ui| {
                        let response = ui.add(
                            egui::TextEdit::singleline(&mut draft.related_input)
                                .hint_text(t(ui, "form-related-hint"))
                                .desired_width(180.0)
                                .id_salt(("editor", "related")),
                        );
                        let name = name_of(ui, "form-related-hint");
                        response.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::TextInput, true, &name)
                        });
                        let id = draft.related_input.trim().to_owned();
                        let known = dataset.by_id(&id).is_some() && id != *base.id;
                        let entered =
                            response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                        if !id.is_empty() && !known {
                            ui.label(RichText::new(t(ui, "form-related-unknown")).weak().small());
                        }
                        if ui
                            .add_enabled(known, egui::Button::new(t(ui, "form-related-link")))
                            .clicked()
                            || (entered && known)
                        {
                            if !draft.related.contains(&id) {
                                draft.related.push(id);
                                changes.other = true;
                            }
                            draft.related_input.clear();
                        }
                    });

                    heading(ui, "form-tags-heading");
                    if labelled_text(ui, "form-tags", &mut draft.tags, false, "form-tags-hint")
                        .changed()
                    {
                        changes.typed = Some("tags");
                    }

                    ui.add_space(10.0);
                    ui.horizontal(|ui| {
                        if ui
                            .button(t(ui, "form-duplicate"))
                            .on_hover_text(tooltip(ui.ctx(), Action::Duplicate))
                            .clicked()
                        {
                            commands.push(Command::Edit(EditCommand::DuplicateEvent));
                        }
                        if ui
                            .button(
                                RichText::new(t(ui, "form-delete"))
                                    .color(ui.visuals().error_fg_color),
                            )
                            .on_hover_text(tooltip(ui.ctx(), Action::Delete))
                            .clicked()
                        {
                            commands.push(Command::Edit(EditCommand::AskDelete(true)));
                        }
                    });
                    ui.label(
                        RichText::new(crate::tr!(
                            lang(ui.ctx()),
                            "form-live",
                            undo = shortcut_text(ui.ctx(), Action::Undo),
                            save = shortcut_text(ui.ctx(), Action::Save)
                        ))
                        .weak()
                        .small(),
                    );
                });
        },
    );
    if changes.typed.is_some() || (changes.other && draft.apply(&base, dataset).0 != base) {
        commands.push(Command::Edit(EditCommand::EditEvent {
            target: base.id.to_string(),
            draft: Box::new(draft.clone()),
            typing: if changes.other { None } else { changes.typed },
        }));
    }
    commands
}

/// One field of a card (a source, a picture): the message of its name, its text, the
/// message of its hint, and the language it holds when it is one of a text's languages
/// other than the dataset's own (that field is named "… (zh)" and has no hint).
struct CardField<'a> {
    message: &'static str,
    text: &'a mut String,
    hint: &'static str,
    language: Option<Language>,
    /// Some language of the text has words: an empty field of another one is then marked
    /// missing (a text written in no language is simply not there).
    written: bool,
}

impl<'a> CardField<'a> {
    fn plain(message: &'static str, text: &'a mut String, hint: &'static str) -> Self {
        Self {
            message,
            text,
            hint,
            language: None,
            written: false,
        }
    }

    /// A record text's fields: the dataset's `default` language first, as a plain field,
    /// then one field for each other language.
    fn by_language(
        message: &'static str,
        text: &'a mut DraftText,
        hint: &'static str,
        default: Language,
    ) -> Vec<Self> {
        let mut fields: Vec<Option<Self>> = Vec::new();
        let written = !text.is_blank();
        let [en, zh, ru] = &mut text.0;
        for (language, text) in Language::ALL.into_iter().zip([en, zh, ru]) {
            let field = Self {
                message,
                text,
                hint,
                language: (language != default).then_some(language),
                written,
            };
            if language == default {
                fields.insert(0, Some(field));
            } else {
                fields.push(Some(field));
            }
        }
        fields.into_iter().flatten().collect()
    }
}

/// The fields of card `n` (a source, a picture): each field's name beside a text field, in
/// a grid whose names' column is as wide as the widest name; `name` is the message that
/// names each field for assistive technology ("Edit source 1 title", and "… (zh)" for a
/// text's other languages, marked "missing" while empty). True if one was typed into.
fn card_fields_ui(
    ui: &mut Ui,
    (grid, name): (&str, &str),
    n: usize,
    fields: Vec<CardField<'_>>,
    default: Language,
) -> bool {
    let language = lang(ui.ctx());
    let label_of = |ui: &Ui, field: &CardField<'_>| match field.language {
        None => t(ui, field.message),
        Some(other) => format!("{} ({})", t(ui, field.message), other.code()),
    };
    let names = fields
        .iter()
        .map(|field| {
            let text = RichText::new(label_of(ui, field)).small();
            egui::WidgetText::from(text)
                .into_galley(
                    ui,
                    Some(egui::TextWrapMode::Extend),
                    f32::INFINITY,
                    egui::TextStyle::Small,
                )
                .size()
                .x
        })
        .fold(0.0, f32::max);
    let width = (ui.available_width() - names - 6.0 - 12.0).max(80.0);
    let mut typed = false;
    egui::Grid::new((grid, n))
        .num_columns(2)
        .spacing([6.0, 4.0])
        .show(ui, |ui| {
            for field in fields {
                let label = label_of(ui, &field);
                let CardField {
                    message,
                    text,
                    hint,
                    language: other,
                    written,
                } = field;
                match other {
                    Some(other) if written && text.trim().is_empty() => {
                        ui.label(
                            RichText::new(label)
                                .small()
                                .italics()
                                .color(ui.visuals().warn_fg_color),
                        )
                        .on_hover_text(tr!(
                            language,
                            "text-missing-tooltip",
                            language = other.endonym(),
                            default = default.endonym()
                        ));
                    }
                    _ => {
                        ui.label(RichText::new(label).small().weak());
                    }
                }
                let code = other.map_or("", Language::code);
                let key = format!("{message}-{code}-{n}");
                let mut field_name = card_field_name(ui, name, n, message);
                let hint = match other {
                    None => t(ui, hint),
                    Some(other) => {
                        field_name = format!("{field_name} ({})", other.code());
                        String::new()
                    }
                };
                typed |= labelled_text_of_width(ui, (&key, &field_name), text, false, &hint, width)
                    .changed();
                ui.end_row();
            }
        });
    typed
}

fn card_field_name(ui: &Ui, message: &str, n: usize, field: &str) -> String {
    crate::tr!(
        lang(ui.ctx()),
        message,
        n = n + 1,
        field = t_attr(ui, field, "name")
    )
}

/// The first line of a numbered card (a source, a picture): "n." and a Remove button at the
/// right. True when Remove was clicked.
fn numbered_card_header(ui: &mut egui::Ui, n: usize) -> bool {
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("{}.", n + 1)).strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.small_button(t(ui, "form-card-remove")).clicked()
        })
        .inner
    })
    .inner
}
