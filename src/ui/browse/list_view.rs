//! The event list: a sortable table of the shown events, synced with the timeline's
//! selection. Rows are virtualised: only those on screen are built, so 100,000 rows scroll
//! as smoothly as ten.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::i18n::tr;
use crate::model::dataset::{Dataset, EventIndex};
use crate::model::manifest::Language;
use crate::ui::command::{BrowseCommand, Command, ViewCommand};
use crate::ui::theme;
use crate::ui::words::{column_label, status_label};

pub use crate::model::list::{ListColumn, ListSort, place_name, sort_rows};

/// How the table is shown: under which name its scroll position is kept, the row to bring
/// into view, and whether to start again at the top (a new search's matches).
#[derive(Clone, Copy, Debug)]
pub(crate) struct ListScroll {
    pub id: &'static str,
    pub to_row: Option<usize>,
    pub to_top: bool,
}

/// The table. `rows` are already filtered and sorted; `changed` says which records differ
/// from the last commit (marked ●).
#[allow(clippy::too_many_arguments)]
pub(crate) fn list_view_ui(
    ui: &mut Ui,
    dataset: &Dataset,
    rows: &[EventIndex],
    selected: Option<EventIndex>,
    sort: ListSort,
    language: Language,
    scroll: ListScroll,
    changed: &dyn Fn(&str) -> bool,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let row_height = 20.0;
    // Cells are plain text: a click anywhere on a row selects the row, not the text.
    ui.style_mut().interaction.selectable_labels = false;
    // A cell too narrow for its text ends in "…" (the whole text shows on hover).
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    // The columns the width has room for (the date and the title always), each at a share
    // of the width, so the table never runs out of its panel (sized again every frame: widths
    // kept from a wider window would).
    let width = ui.available_width();
    let columns: Vec<ListColumn> = ListColumn::ALL
        .into_iter()
        .filter(|c| match c {
            ListColumn::Date | ListColumn::Title => true,
            ListColumn::Category => width >= 480.0,
            ListColumn::Status => width >= 600.0,
            ListColumn::Place => width >= 720.0,
        })
        .collect();
    let mut table = TableBuilder::new(ui)
        .id_salt(scroll.id)
        .striped(true)
        .resizable(false)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
    for column in &columns {
        let share = |fraction: f32, least: f32| {
            Column::initial((width * fraction).max(least))
                .at_least(least)
                .clip(true)
        };
        table = table.column(match column {
            // Narrow enough for the narrowest list (three panels in the smallest window).
            ListColumn::Date => share(0.18, 50.0).at_most(200.0),
            ListColumn::Title => Column::remainder().at_least(60.0).clip(true),
            ListColumn::Category => share(0.18, 60.0),
            ListColumn::Place => share(0.14, 60.0),
            ListColumn::Status => share(0.1, 70.0),
        });
    }
    table = table.min_scrolled_height(0.0);
    if scroll.to_top {
        table = table.vertical_scroll_offset(0.0);
    }
    if let Some(row) = scroll.to_row {
        table = table.scroll_to_row(row, Some(egui::Align::Center));
    }
    table
        .header(22.0, |mut header| {
            for &column in &columns {
                header.col(|ui| {
                    let arrow = match (sort.column == column, sort.descending) {
                        (true, false) => " ⏶",
                        (true, true) => " ⏷",
                        (false, _) => "",
                    };
                    let label = column_label(column, language);
                    let text = RichText::new(format!("{label}{arrow}")).strong();
                    if ui
                        .add(egui::Button::new(text).frame(false))
                        .on_hover_text(tr(language, "list-sort"))
                        .clicked()
                    {
                        let descending = sort.column == column && !sort.descending;
                        commands.push(Command::Browse(BrowseCommand::SortList(ListSort {
                            column,
                            descending,
                        })));
                    }
                });
            }
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut row| {
                let index = rows[row.index()];
                let Some(event) = dataset.event(index) else {
                    return;
                };
                row.set_selected(selected == Some(index));
                for column in &columns {
                    row.col(|ui| match column {
                        ListColumn::Date => {
                            ui.label(event.when.display(language));
                        }
                        ListColumn::Title => {
                            if changed(&event.id) {
                                ui.label(RichText::new("●").color(ui.visuals().warn_fg_color))
                                    .on_hover_text(tr(language, "list-changed"));
                            }
                            crate::ui::record_text::marked_label(
                                ui,
                                dataset.text(&event.title, language),
                                |t| t,
                                language,
                            );
                        }
                        ListColumn::Category => {
                            if let Some(category) = dataset.category(&event.kind) {
                                let (rect, _) = ui.allocate_exact_size(
                                    egui::vec2(10.0, 10.0),
                                    egui::Sense::hover(),
                                );
                                ui.painter()
                                    .rect_filled(rect, 2.0, theme::rgb(category.colour));
                                ui.label(dataset.text(&category.label, language).marked());
                            } else {
                                ui.label(&*event.kind);
                            }
                        }
                        ListColumn::Place => {
                            ui.label(place_name(dataset, index, language));
                        }
                        ListColumn::Status => {
                            ui.label(
                                RichText::new(status_label(event.status, language))
                                    .color(theme::status_colour(event.status)),
                            );
                        }
                    });
                }
                let response = row.response();
                if response.double_clicked() {
                    commands.push(Command::View(ViewCommand::ZoomToEvent(index)));
                } else if response.clicked() {
                    commands.push(Command::Browse(BrowseCommand::Select(Some(index))));
                    commands.push(Command::Browse(BrowseCommand::SelectAndReveal(index)));
                }
            });
        });
    commands
}
