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
use crate::{i18n::tr, tr};

/// Name of the form in the accessibility tree.
pub const EDITOR_LABEL: &str = "Event editor";

/// What happened in the form this frame.
struct Changes {
    /// The field typed into (for grouping keystrokes into one undo step), if any.
    typed: Option<&'static str>,
    /// Something else changed (a choice, a button).
    other: bool,
}

fn labelled_text(
    ui: &mut Ui,
    label: &str,
    text: &mut String,
    multiline: bool,
    hint: &str,
) -> egui::Response {
    // Room for the scroll bar on the right.
    let width = (ui.available_width() - 12.0).max(80.0);
    labelled_text_of_width(ui, label, text, multiline, hint, width)
}

/// [`labelled_text`] `width` points wide (in a grid, whose cells would otherwise take the
/// width of the whole grid, and grow it frame after frame).
fn labelled_text_of_width(
    ui: &mut Ui,
    label: &str,
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
            .id_salt(("editor", label)),
    );
    // Named apart from the heading above it ("Title" vs "Edit title").
    let name = format!("Edit {}", label.to_lowercase());
    response.widget_info(move || egui::WidgetInfo::labeled(egui::Role::TextInput, true, &name));
    response
}

/// Width of the column that names a language beside its field in the editor, in points.
const LANGUAGE_COLUMN: f32 = 96.0;

/// One field per language for a record text (title, summary, note): the dataset's own
/// language's field as before ("Edit title"), then one compact row for each other language
/// ("Edit title (zh)"): its name, a "missing" mark when it is empty (readers of that language
/// then see the dataset's text instead, marked), and a field of one line that grows as it is
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
                    field = label,
                    language = other.endonym()
                ));
                if text.get(other).trim().is_empty() {
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
            let name_of = format!("Edit {}", field.to_lowercase());
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
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, name));
    });
    *value != before
}

fn heading(ui: &mut Ui, text: &str) {
    ui.add_space(6.0);
    ui.label(RichText::new(text).small().strong().weak());
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
    ui.scope_builder(egui::UiBuilder::new().accessibility_label(EDITOR_LABEL), |ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new("Edit event").heading().strong());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button("Done")
                    .on_hover_text(format!(
                        "Close the form ({}); the edits stay, {} saves them",
                        shortcut_text(ui.ctx(), Action::Escape),
                        shortcut_text(ui.ctx(), Action::Save)
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
                    heading(ui, "Saved in file");
                    let mut chosen = file.map(|f| f.to_string()).unwrap_or_default();
                    let options: Vec<(String, String)> = files
                        .iter()
                        .map(|(i, name)| (i.to_string(), name.clone()))
                        .collect();
                    if combo(ui, "File", &mut chosen, &options, false)
                        && let Ok(to) = chosen.parse::<usize>()
                    {
                        commands.push(Command::Edit(EditCommand::MoveToFile(base.id.to_string(), to)));
                    }
                }
                heading(ui, "Id");
                if labelled_text(ui, "Id", &mut draft.id, false, "unique-id").changed() {
                    changes.typed = Some("id");
                }
                error_line(ui, errors.get("id"));
                heading(ui, "Title");
                let languages = (dataset.language(), language);
                let title = multilingual_text(
                    ui,
                    "Title",
                    &mut draft.title,
                    false,
                    "What happened",
                    languages,
                );
                if focus_title {
                    title.request_focus();
                }
                if title.changed() {
                    changes.typed = Some("title");
                }
                error_line(ui, errors.get("title"));
                heading(ui, "Date (EDTF)");
                if labelled_text(ui, "Date", &mut draft.when, false, "2024-05-16/2024-05-17")
                    .changed()
                {
                    changes.typed = Some("when");
                }
                match EventDate::parse(draft.when.trim()) {
                    Ok(when) => {
                        ui.label(RichText::new(format!("= {}", when.human())).strong());
                    }
                    Err(e) => error_line(ui, Some(&e.to_string())),
                }
                ui.label(
                    RichText::new(
                        "2024-05-16 a day · 2024-05 a month · 1996-12-27? uncertain · 1996~ about · 2024/2025 a span · 2014/.. open end",
                    )
                    .weak()
                    .small(),
                );

                heading(ui, "Kind");
                let categories: Vec<(String, String)> = dataset
                    .manifest
                    .categories
                    .iter()
                    .map(|c| (c.id.clone(), c.label.clone()))
                    .collect();
                changes.other |= combo(ui, "Kind", &mut draft.kind, &categories, false);
                heading(ui, "Place");
                let places: Vec<(String, String)> = dataset
                    .manifest
                    .places
                    .iter()
                    .map(|p| (p.id.clone(), p.name.get(language).to_owned()))
                    .collect();
                changes.other |= combo(ui, "Place", &mut draft.place, &places, true);

                heading(ui, "Participants");
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
                            .on_hover_text("Remove this participant")
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
                    && combo(ui, "Add participant", &mut add, &addable, true)
                    && !add.is_empty()
                {
                    draft.participants.push(add);
                    changes.other = true;
                }

                heading(ui, "Summary (Markdown)");
                if multilingual_text(
                    ui,
                    "Summary",
                    &mut draft.summary,
                    true,
                    "What happened, in our own words",
                    languages,
                )
                .changed()
                {
                    changes.typed = Some("summary");
                }

                heading(ui, "Sources");
                let mut remove = None;
                for (n, source) in draft.sources.iter_mut().enumerate() {
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        if numbered_card_header(ui, n) {
                            remove = Some(n);
                        }
                        let fields: [(&str, &mut String, &str); 4] = [
                            ("Publisher", &mut source.publisher, "Xinhua, TASS…"),
                            // In the dataset's language; others written in the file are kept.
                            ("Title", source.title.get_mut(languages.0), "the article's title"),
                            ("URL", &mut source.url, "https://…"),
                            ("Published", &mut source.published, "2024-08-22"),
                        ];
                        // The names' column is as wide as the widest name.
                        let names = fields
                            .iter()
                            .map(|(field, _, _)| {
                                let text = RichText::new(*field).small();
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
                        egui::Grid::new(("source-grid", n))
                            .num_columns(2)
                            .spacing([6.0, 4.0])
                            .show(ui, |ui| {
                                for (field, text, hint) in fields {
                                    ui.label(RichText::new(field).small().weak());
                                    let label = format!("Source {} {field}", n + 1);
                                    if labelled_text_of_width(ui, &label, text, false, hint, width)
                                        .changed()
                                    {
                                        changes.typed = Some("sources");
                                    }
                                    ui.end_row();
                                }
                            });
                    });
                }
                if let Some(n) = remove {
                    draft.sources.remove(n);
                    changes.other = true;
                }
                for (_, message) in errors.0.iter().filter(|(f, _)| *f == "sources") {
                    error_line(ui, Some(message));
                }
                if ui.button("+ Add source").clicked() {
                    draft.sources.push(DraftSource {
                        publisher: "Publisher".into(),
                        ..DraftSource::default()
                    });
                    changes.other = true;
                }

                heading(ui, "Pictures");
                let mut remove = None;
                for (n, picture) in draft.media.iter_mut().enumerate() {
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        if numbered_card_header(ui, n) {
                            remove = Some(n);
                        }
                        let fields: [(&str, &mut String, &str); 4] = [
                            ("File", &mut picture.file, "media/photo.jpg or https://…"),
                            ("Caption", picture.caption.get_mut(languages.0), "what it shows"),
                            ("Credit", &mut picture.credit, "Photo: …"),
                            ("Licence", &mut picture.license, "CC BY 4.0…"),
                        ];
                        egui::Grid::new(("picture-grid", n))
                            .num_columns(2)
                            .spacing([6.0, 4.0])
                            .show(ui, |ui| {
                                for (field, text, hint) in fields {
                                    ui.label(RichText::new(field).small().weak());
                                    let label = format!("Picture {} {field}", n + 1);
                                    if labelled_text(ui, &label, text, false, hint).changed() {
                                        changes.typed = Some("media");
                                    }
                                    ui.end_row();
                                }
                            });
                    });
                }
                if let Some(n) = remove {
                    draft.media.remove(n);
                    changes.other = true;
                }
                for (_, message) in errors.0.iter().filter(|(f, _)| *f == "media") {
                    error_line(ui, Some(message));
                }
                if ui
                    .button("+ Add picture…")
                    .on_hover_text("Choose a PNG, JPEG or WebP file: it is copied into the dataset's media/ folder")
                    .clicked()
                    && let Some(chosen) = rfd::FileDialog::new()
                        .add_filter("Pictures", &["png", "jpg", "jpeg", "webp"])
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

                heading(ui, "Status");
                let statuses: Vec<(String, String)> = Status::ALL
                    .iter()
                    .map(|s| (s.label().to_owned(), s.label().to_owned()))
                    .collect();
                let mut status = draft.status.label().to_owned();
                if combo(ui, "Status", &mut status, &statuses, false)
                    && let Some(s) = Status::ALL.iter().find(|s| s.label() == status)
                {
                    draft.status = *s;
                    changes.other = true;
                }
                heading(ui, "Note (Markdown)");
                if multilingual_text(
                    ui,
                    "Note",
                    &mut draft.note,
                    true,
                    "How sources disagree, what is uncertain",
                    languages,
                )
                .changed()
                {
                    changes.typed = Some("note");
                }

                heading(ui, "Series");
                let series: Vec<(String, String)> = dataset
                    .manifest
                    .series
                    .iter()
                    .map(|s| (s.id.clone(), s.title.clone()))
                    .collect();
                ui.horizontal(|ui| {
                    // Room beside it for "No." and the number.
                    let width = (ui.available_width() - 100.0).clamp(80.0, 280.0);
                    changes.other |=
                        combo_of_width(ui, "Series", &mut draft.series, &series, true, width);
                    if !draft.series.is_empty() {
                        ui.label("No.");
                        let response = ui.add(
                            egui::TextEdit::singleline(&mut draft.ordinal)
                                .desired_width(48.0)
                                .id_salt(("editor", "ordinal")),
                        );
                        response.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Ordinal")
                        });
                        if response.changed() {
                            changes.typed = Some("ordinal");
                        }
                    }
                });
                error_line(ui, errors.get("ordinal"));

                heading(ui, "Related events");
                ui.horizontal_wrapped(|ui| {
                    let mut remove = None;
                    for (i, id) in draft.related.iter().enumerate() {
                        let title = dataset
                            .by_id(id)
                            .map_or(id.as_str(), |e| dataset.text(&e.title, language).text);
                        if ui
                            .button(format!("{title}  ×"))
                            .on_hover_text(format!("{id}: remove this link"))
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
                            .hint_text("id of another event")
                            .desired_width(180.0)
                            .id_salt(("editor", "related")),
                    );
                    response.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Related id")
                    });
                    let id = draft.related_input.trim().to_owned();
                    let known = dataset.by_id(&id).is_some() && id != *base.id;
                    let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if !id.is_empty() && !known {
                        ui.label(RichText::new("no such event").weak().small());
                    }
                    if ui.add_enabled(known, egui::Button::new("Link")).clicked() || (entered && known) {
                        if !draft.related.contains(&id) {
                            draft.related.push(id);
                            changes.other = true;
                        }
                        draft.related_input.clear();
                    }
                });

                heading(ui, "Tags (comma separated)");
                if labelled_text(ui, "Tags", &mut draft.tags, false, "state-visit, energy").changed() {
                    changes.typed = Some("tags");
                }

                ui.add_space(10.0);
                ui.horizontal(|ui| {
                    if ui
                        .button("Duplicate")
                        .on_hover_text(tooltip(ui.ctx(), Action::Duplicate))
                        .clicked()
                    {
                        commands.push(Command::Edit(EditCommand::DuplicateEvent));
                    }
                    if ui
                        .button(RichText::new("Delete…").color(ui.visuals().error_fg_color))
                        .on_hover_text(tooltip(ui.ctx(), Action::Delete))
                        .clicked()
                    {
                        commands.push(Command::Edit(EditCommand::AskDelete(true)));
                    }
                });
                ui.label(
                    RichText::new(format!(
                        "Changes apply as you type; {} undoes, {} saves.",
                        shortcut_text(ui.ctx(), Action::Undo),
                        shortcut_text(ui.ctx(), Action::Save)
                    ))
                    .weak()
                    .small(),
                );
            });
    });
    if changes.typed.is_some() || (changes.other && draft.apply(&base, dataset).0 != base) {
        commands.push(Command::Edit(EditCommand::EditEvent {
            target: base.id.to_string(),
            draft: Box::new(draft.clone()),
            typing: if changes.other { None } else { changes.typed },
        }));
    }
    commands
}

/// The first line of a numbered card (a source, a picture): "n." and a Remove button at the
/// right. True when Remove was clicked.
fn numbered_card_header(ui: &mut egui::Ui, n: usize) -> bool {
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("{}.", n + 1)).strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.small_button("Remove").clicked()
        })
        .inner
    })
    .inner
}
