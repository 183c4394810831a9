//! The filter panel: a category legend with colours and checkboxes, then status, series,
//! countries, participants, tags and a date range. It edits a copy of the filter and returns
//! it when something changed.

use egui::{RichText, ScrollArea, Ui};

use crate::i18n::{tr, tr_attr};
use crate::model::dataset::Dataset;
use crate::model::date::EventDate;
use crate::model::event::Status;
use crate::model::manifest::Language;
use crate::model::query::Filter;
use crate::ui::theme;
use crate::ui::words::status_label;

/// Name of the panel in the accessibility tree, in English (the message `filter-panel`).
pub const FILTER_PANEL_LABEL: &str = "Filter panel";

/// Show the filter controls; returns the new filter when the user changed it.
pub(crate) fn filter_panel_ui(
    ui: &mut Ui,
    dataset: &Dataset,
    filter: &Filter,
    language: Language,
) -> Option<Filter> {
    let mut edited = filter.clone();
    ui.scope_builder(
        egui::UiBuilder::new().accessibility_label(tr(language, "filter-panel")),
        |ui| {
            ui.horizontal(|ui| {
                ui.heading(tr(language, "filter-heading"));
                if !filter.is_empty() && ui.button(tr(language, "filter-clear")).clicked() {
                    edited = Filter::default();
                }
            });
            ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    section(ui, &tr(language, "filter-categories"));
                    for category in &dataset.manifest.categories {
                        let mut shown = !edited.hidden_categories.contains(&category.id);
                        ui.horizontal(|ui| {
                            // A long name wraps beside its swatch instead of widening the
                            // panel's contents past the panel.
                            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
                            let (rect, _) = ui
                                .allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                            ui.painter()
                                .rect_filled(rect, 2.0, theme::rgb(category.colour));
                            let label = dataset.text(&category.label, language).marked();
                            if ui.checkbox(&mut shown, label).changed() {
                                if shown {
                                    edited.hidden_categories.remove(&category.id);
                                } else {
                                    edited.hidden_categories.insert(category.id.clone());
                                }
                            }
                        });
                    }

                    section(ui, &tr(language, "filter-status"));
                    for status in Status::ALL {
                        let mut on = edited.statuses.contains(&status);
                        let label = crate::tr!(
                            language,
                            "chip-status",
                            status = status_label(status, language)
                        );
                        if ui.checkbox(&mut on, label).changed() {
                            toggle(&mut edited.statuses, status, on);
                        }
                    }

                    if !dataset.manifest.series.is_empty() {
                        section(ui, &tr(language, "filter-series"));
                        for series in &dataset.manifest.series {
                            let mut on = edited.series.contains(&series.id);
                            let title = dataset.text(&series.title, language).marked();
                            if ui.checkbox(&mut on, title).changed() {
                                toggle(&mut edited.series, series.id.clone(), on);
                            }
                        }
                    }

                    if !dataset.manifest.countries.is_empty() {
                        section(ui, &tr(language, "filter-country"));
                        ui.horizontal_wrapped(|ui| {
                            for country in &dataset.manifest.countries {
                                let mut on = edited.countries.contains(&country.code);
                                if ui.checkbox(&mut on, country.name.get(language)).changed() {
                                    toggle(&mut edited.countries, country.code.clone(), on);
                                }
                            }
                        });
                    }

                    if !dataset.manifest.people.is_empty() {
                        section(ui, &tr(language, "filter-participants"));
                        ScrollArea::vertical()
                            .id_salt("participants")
                            .max_height(160.0)
                            .show(ui, |ui| {
                                for person in &dataset.manifest.people {
                                    let mut on = edited.participants.contains(&person.id);
                                    if ui.checkbox(&mut on, person.name.get(language)).changed() {
                                        toggle(&mut edited.participants, person.id.clone(), on);
                                    }
                                }
                            });
                    }

                    let tags = all_tags(dataset);
                    if !tags.is_empty() {
                        section(ui, &tr(language, "filter-tags"));
                        ui.horizontal_wrapped(|ui| {
                            for tag in tags.iter().take(60) {
                                let mut on = edited.tags.contains(tag);
                                if ui.checkbox(&mut on, format!("#{tag}")).changed() {
                                    toggle(&mut edited.tags, tag.clone(), on);
                                }
                            }
                        });
                    }

                    section(ui, &tr(language, "filter-dates"));
                    date_field(ui, "filter-from", &mut edited.from);
                    date_field(ui, "filter-until", &mut edited.until);
                });
        },
    );
    (edited != *filter).then_some(edited)
}

fn section(ui: &mut Ui, title: &str) {
    ui.add_space(6.0);
    ui.label(RichText::new(title).strong());
}

fn toggle<T: Ord>(set: &mut std::collections::BTreeSet<T>, value: T, on: bool) {
    if on {
        set.insert(value);
    } else {
        set.remove(&value);
    }
}

/// Tags used in the dataset, sorted, without repeats (at most a few hundred are scanned).
fn all_tags(dataset: &Dataset) -> Vec<String> {
    let mut tags: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for event in dataset.events().iter().take(200_000) {
        for tag in &event.tags {
            if tags.len() < 500 {
                tags.insert(tag.to_string());
            }
        }
    }
    tags.into_iter().collect()
}

/// An EDTF text field with its meaning (or its error) shown live; `message` names its label
/// (and, as `.name`, its name for assistive technology).
fn date_field(ui: &mut Ui, message: &str, value: &mut Option<String>) {
    let language = crate::ui::lang(ui.ctx());
    let name = tr_attr(language, message, "name");
    ui.horizontal(|ui| {
        ui.label(tr(language, message));
        let mut text = value.clone().unwrap_or_default();
        let response = ui.add(
            egui::TextEdit::singleline(&mut text)
                .hint_text(tr(language, "filter-date-hint"))
                .desired_width(110.0),
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &name));
        if response.changed() {
            *value = (!text.trim().is_empty()).then(|| text.trim().to_owned());
        }
        if let Some(text) = value.as_deref() {
            match EventDate::parse(text) {
                Ok(date) => ui.label(RichText::new(date.display(language)).weak()),
                Err(e) => ui.label(
                    RichText::new(e.text(language))
                        .color(ui.visuals().error_fg_color)
                        .small(),
                ),
            };
        }
    });
}
