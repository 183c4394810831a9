//! The detail panel: everything the record says about the selected event.

use egui::{Color32, CornerRadius, Frame, Margin, RichText, ScrollArea, Stroke, Ui, UiBuilder};

use crate::i18n::{tr, tr_attr};
use crate::model::dataset::{Dataset, EventIndex};
use crate::model::event::Source;
use crate::model::manifest::Language;
use crate::store::history::{RecordChange, record_fields};
use crate::ui::actions::Action;
use crate::ui::command::{BrowseCommand, Command, EditCommand};
use crate::ui::markdown::markdown_ui;
use crate::ui::record_text::{marked_label, marked_text, marker, marker_tooltip};
use crate::ui::theme;
use crate::ui::words::{precision_words, series_label, series_ordinal, status_label};

/// Name of the panel in the accessibility tree, in English (the message `detail-panel`).
pub const DETAIL_PANEL_LABEL: &str = "Event details";

/// What git knows of the shown record (only for a dataset in a git work tree).
pub(crate) struct RecordGit<'a> {
    /// The record differs from the last commit.
    pub changed: bool,
    /// The commits that changed it, newest first; `None` while they are being found.
    pub history: Option<&'a [RecordChange]>,
    /// The record's text in the file now.
    pub current: Option<&'a str>,
}

/// Show event `index`; returns a command when the user follows a link to another event or
/// closes the panel.
pub(crate) fn detail_panel_ui(
    ui: &mut Ui,
    dataset: &Dataset,
    index: EventIndex,
    language: Language,
    git: Option<&RecordGit<'_>>,
    (root, pictures): (&std::path::Path, &mut crate::ui::pictures::Pictures),
) -> Option<Command> {
    let event = dataset.event(index)?;
    let mut command = None;
    ui.scope_builder(
        UiBuilder::new().accessibility_label(tr(language, "detail-panel")),
        |ui| {
            ui.horizontal(|ui| {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                    if ui
                        .small_button("×")
                        .on_hover_text(tr(language, "detail-close"))
                        .clicked()
                    {
                        command = Some(Command::Browse(BrowseCommand::ShowDetails(false)));
                    }
                    if ui
                        .small_button(tr(language, "detail-edit"))
                        .on_hover_text(crate::ui::actions::tooltip(ui.ctx(), Action::Edit))
                        .clicked()
                    {
                        command = Some(Command::Edit(EditCommand::SetEditing(true)));
                    }
                    ui.with_layout(
                        egui::Layout::left_to_right(egui::Align::Min).with_main_wrap(true),
                        |ui| {
                            let title = dataset.text(&event.title, language);
                            let label = marked_text(ui, title, |t| t.heading().strong(), language);
                            let response = ui.add(egui::Label::new(label).wrap());
                            if let Some(shown) = title.fallback {
                                response.on_hover_text(marker_tooltip(language, shown));
                            }
                        },
                    );
                });
            });
            ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.spacing_mut().item_spacing.y = 6.0;
                    // When, and how well it is known.
                    let mut when = event.when.display(language);
                    if event.when.is_uncertain() {
                        when = crate::tr!(language, "date-uncertain", date = when.as_str());
                    }
                    ui.label(RichText::new(when).size(16.0));
                    let precision = precision_words(event.when.precision(), language);
                    ui.label(RichText::new(precision).weak().small());

                    ui.horizontal_wrapped(|ui| {
                        let status = status_label(event.status, language);
                        status_badge(ui, &status, theme::status_colour(event.status));
                        if let Some(category) = dataset.category(&event.kind) {
                            let (rect, _) = ui
                                .allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                            ui.painter()
                                .rect_filled(rect, 2.0, theme::rgb(category.colour));
                            ui.label(dataset.text(&category.label, language).marked());
                        }
                    });
                    if git.is_some_and(|g| g.changed) {
                        ui.label(
                            RichText::new(format!("● {}", tr(language, "list-changed")))
                                .color(ui.visuals().warn_fg_color)
                                .small(),
                        );
                    }

                    if let Some(label) = series_label(dataset, event, language) {
                        ui.horizontal_wrapped(|ui| {
                            if let Some(prev) = dataset.previous_in_series(index) {
                                let text = series_chip(dataset, prev, false, language);
                                if ui
                                    .button(text)
                                    .on_hover_text(crate::ui::actions::tooltip(
                                        ui.ctx(),
                                        Action::PreviousInSeries,
                                    ))
                                    .clicked()
                                {
                                    command =
                                        Some(Command::Browse(BrowseCommand::SelectAndReveal(prev)));
                                }
                            }
                            ui.label(RichText::new(label).strong());
                            if let Some(next) = dataset.next_in_series(index) {
                                let text = series_chip(dataset, next, true, language);
                                if ui
                                    .button(text)
                                    .on_hover_text(crate::ui::actions::tooltip(
                                        ui.ctx(),
                                        Action::NextInSeries,
                                    ))
                                    .clicked()
                                {
                                    command =
                                        Some(Command::Browse(BrowseCommand::SelectAndReveal(next)));
                                }
                            }
                        });
                    }

                    ui.separator();
                    if let Some(place) = event.place.as_deref().and_then(|p| dataset.place(p)) {
                        field_heading(ui, &tr(language, "detail-place"));
                        ui.horizontal_wrapped(|ui| {
                            let shown = place.name.get(language);
                            ui.label(shown);
                            if let Some(native) = place.name.native(place.country.as_deref())
                                && native != shown
                            {
                                ui.label(RichText::new(native).weak());
                            }
                        });
                    }
                    if !event.participants.is_empty() {
                        field_heading(ui, &tr(language, "detail-participants"));
                        for id in &event.participants {
                            match dataset.person(id) {
                                Some(person) => {
                                    ui.horizontal_wrapped(|ui| {
                                        let shown = person.name.get(language);
                                        ui.label(RichText::new(shown).strong());
                                        if let Some(native) = person.native_name()
                                            && native != shown
                                        {
                                            ui.label(native);
                                        }
                                        if let Some(role) = &person.role {
                                            let role = dataset.text(role, language).marked();
                                            ui.label(RichText::new(role).weak());
                                        }
                                    });
                                }
                                None => {
                                    ui.label(&**id);
                                }
                            }
                        }
                    }
                    if !event.summary.is_empty() {
                        field_heading(ui, &tr(language, "detail-summary"));
                        let summary = dataset.text(&event.summary, language);
                        markdown_ui(ui, summary.text);
                        fallback_marker_ui(ui, summary, language);
                    }
                    if !event.media.is_empty() {
                        field_heading(ui, &tr(language, "detail-pictures"));
                        pictures.languages = (language, dataset.language());
                        pictures.thumbnails_ui(ui, root, &event.media);
                    }
                    if let Some(note) = event
                        .note
                        .as_ref()
                        .map(|n| dataset.text(n, language))
                        .filter(|n| !n.text.trim().is_empty())
                    {
                        Frame::new()
                            .fill(theme::status_colour(event.status).gamma_multiply(0.12))
                            .stroke(Stroke::new(
                                1.0,
                                theme::status_colour(event.status).gamma_multiply(0.5),
                            ))
                            .corner_radius(CornerRadius::same(4))
                            .inner_margin(Margin::same(8))
                            .show(ui, |ui| {
                                ui.label(RichText::new(tr(language, "detail-note")).strong());
                                markdown_ui(ui, note.text);
                                fallback_marker_ui(ui, note, language);
                            });
                    }
                    if !event.sources.is_empty() {
                        field_heading(ui, &tr(language, "detail-sources"));
                        for (n, source) in event.sources.iter().enumerate() {
                            source_ui(ui, n + 1, source, dataset, language);
                        }
                    }
                    if !event.related.is_empty() {
                        field_heading(ui, &tr(language, "detail-related"));
                        ui.horizontal_wrapped(|ui| {
                            for id in &event.related {
                                if let Some(other) = dataset.index_of(id)
                                    && let Some(e) = dataset.event(other)
                                    && ui
                                        .button(dataset.text(&e.title, language).marked())
                                        .on_hover_text(e.when.display(language))
                                        .clicked()
                                {
                                    command = Some(Command::Browse(
                                        BrowseCommand::SelectAndReveal(other),
                                    ));
                                }
                            }
                        });
                    }
                    if !event.tags.is_empty() {
                        field_heading(ui, &tr(language, "detail-tags"));
                        ui.horizontal_wrapped(|ui| {
                            for tag in &event.tags {
                                ui.label(RichText::new(format!("#{tag}")).weak());
                            }
                        });
                    }
                    ui.add_space(8.0);
                    if ui
                        .button(tr(language, "detail-copy"))
                        .on_hover_text(tr_attr(language, "detail-copy", "tooltip"))
                        .clicked()
                    {
                        ui.ctx().copy_text(citation(dataset, index, language));
                    }
                    ui.label(
                        RichText::new(format!("id: {}", event.id))
                            .weak()
                            .small()
                            .monospace(),
                    );
                    if let Some(git) = git {
                        history_ui(ui, &event.id, git);
                    }
                });
        },
    );
    command
}

pub use crate::export::event_citation as citation;

fn series_chip(dataset: &Dataset, index: EventIndex, next: bool, language: Language) -> String {
    let event = dataset.event(index);
    let ordinal = event
        .and_then(|e| e.series.as_ref())
        .and_then(|s| s.ordinal)
        .map(|n| series_ordinal(n, language));
    match (next, ordinal) {
        (true, Some(o)) => format!("{o} →"),
        (false, Some(o)) => format!("← {o}"),
        (true, None) => format!("{} →", tr(language, "detail-series-next")),
        (false, None) => format!("← {}", tr(language, "detail-series-previous")),
    }
}

fn field_heading(ui: &mut Ui, text: &str) {
    ui.add_space(4.0);
    ui.label(RichText::new(text).small().strong().weak());
}

fn status_badge(ui: &mut Ui, text: &str, colour: Color32) {
    Frame::new()
        .fill(colour)
        .corner_radius(CornerRadius::same(8))
        .inner_margin(Margin::symmetric(8, 2))
        .show(ui, |ui| {
            ui.label(
                RichText::new(text)
                    .color(theme::text_on(colour))
                    .small()
                    .strong(),
            );
        });
}

/// After a text drawn on its own (Markdown), the marker saying it is in another language.
fn fallback_marker_ui(ui: &mut Ui, shown: crate::model::Shown<'_>, language: Language) {
    if let Some(fallback) = shown.fallback {
        ui.label(RichText::new(marker(language, fallback)).small().weak())
            .on_hover_text(marker_tooltip(language, fallback));
    }
}

/// "1. Publisher — Title (22 August 2024)" with the link when it is http(s).
fn source_ui(ui: &mut Ui, number: usize, source: &Source, dataset: &Dataset, language: Language) {
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{number}."));
        ui.label(RichText::new(&*source.publisher).strong());
        if let Some(title) = source.title_in(language, dataset.language()) {
            marked_label(
                ui,
                crate::model::Shown {
                    text: &format!("— {}", title.text),
                    ..title
                },
                |t| t,
                language,
            );
        }
        if let Some(published) = &source.published {
            ui.label(RichText::new(format!("({})", published.display(language))).weak());
        }
    });
    if let Some(url) = &source.url {
        // Indented as a block: a long address wraps inside the indent, on its own first line.
        ui.horizontal(|ui| {
            ui.add_space(16.0);
            ui.vertical(|ui| source_url_ui(ui, source, url));
        });
    }
}

/// A source's address: a link when it is http(s), else the text and a warning.
fn source_url_ui(ui: &mut Ui, source: &Source, url: &str) {
    if source.has_web_url() {
        ui.add(egui::Hyperlink::from_label_and_url(RichText::new(url), url))
            .on_hover_text(crate::ui::t(ui, "detail-open-link"));
    } else {
        ui.label(RichText::new(url).monospace());
        ui.label(
            RichText::new(crate::ui::t(ui, "detail-not-web-link"))
                .color(theme::status_colour(crate::model::Status::Disputed)),
        )
        .on_hover_text(crate::ui::t_attr(ui, "detail-not-web-link", "tooltip"));
    }
}

/// The record's history: the commits that changed it, newest first; a click shows that
/// version's fields beside today's.
fn history_ui(ui: &mut Ui, id: &str, git: &RecordGit<'_>) {
    let language = crate::ui::lang(ui.ctx());
    let title = match git.history {
        Some(changes) => crate::tr!(language, "history-title", count = changes.len()),
        None => tr(language, "history-reading"),
    };
    egui::CollapsingHeader::new(title)
        .id_salt(("history", id))
        .show(ui, |ui| {
            let Some(changes) = git.history else {
                ui.spinner();
                return;
            };
            if changes.is_empty() {
                ui.label(RichText::new(tr(language, "history-none")).weak());
            }
            let open_id = ui.make_persistent_id(("history-open", id));
            // Stored as an `Option<String>` (closed is `None`), so read back as one: temp
            // data is keyed by its type too.
            let mut open: Option<String> =
                ui.data(|d| d.get_temp::<Option<String>>(open_id)).flatten();
            for change in changes {
                let commit = &change.commit;
                let short = &commit.id[..commit.id.len().min(8)];
                let deleted = if change.text.is_none() {
                    tr(language, "history-deleted")
                } else {
                    String::new()
                };
                let text = format!(
                    "{} · {} — {}{deleted}",
                    commit.date, commit.author, commit.message
                );
                let is_open = open.as_deref() == Some(commit.id.as_str());
                if ui
                    .selectable_label(is_open, text)
                    .on_hover_text(crate::tr!(language, "history-commit", commit = short))
                    .clicked()
                {
                    open = (!is_open).then(|| commit.id.clone());
                }
                if is_open {
                    compare_ui(ui, change.text.as_deref(), git.current);
                }
            }
            ui.data_mut(|d| d.insert_temp(open_id, open));
        });
}

/// Two versions of a record, field by field; fields that differ stand out.
fn compare_ui(ui: &mut Ui, then: Option<&str>, now: Option<&str>) {
    let then = then.map(record_fields).unwrap_or_default();
    let now = now.map(record_fields).unwrap_or_default();
    let mut names: Vec<&str> = now.iter().map(|(n, _)| n.as_str()).collect();
    for (n, _) in &then {
        if !names.contains(&n.as_str()) {
            names.push(n);
        }
    }
    let value = |fields: &[(String, String)], name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map_or_else(|| "—".to_owned(), |(_, v)| v.clone())
    };
    egui::Grid::new(ui.make_persistent_id("history-compare"))
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            ui.label(RichText::new(crate::ui::t(ui, "history-field")).strong());
            ui.label(RichText::new(crate::ui::t(ui, "history-then")).strong());
            ui.label(RichText::new(crate::ui::t(ui, "history-today")).strong());
            ui.end_row();
            for name in names {
                let (a, b) = (value(&then, name), value(&now, name));
                let differs = a != b;
                let cell = |text: String| {
                    let text = RichText::new(text).monospace().small();
                    if differs { text.strong() } else { text.weak() }
                };
                ui.label(RichText::new(name).small());
                ui.add(egui::Label::new(cell(a)).wrap());
                ui.add(egui::Label::new(cell(b)).wrap());
                ui.end_row();
            }
        });
}
