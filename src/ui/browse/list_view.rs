//! The event list: a sortable table of the shown events, synced with the timeline's
//! selection. Rows are virtualised: only those on screen are built, so 100,000 rows scroll
//! as smoothly as ten.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::model::dataset::{Dataset, EventIndex};
use crate::model::manifest::Language;
use crate::ui::command::{BrowseCommand, Command, ViewCommand};
use crate::ui::theme;

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
    let mut table = TableBuilder::new(ui)
        .id_salt(scroll.id)
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(190.0).at_least(80.0).clip(true))
        .column(Column::initial(360.0).at_least(120.0).clip(true))
        .column(Column::initial(180.0).at_least(60.0).clip(true))
        .column(Column::initial(140.0).at_least(60.0).clip(true))
        .column(Column::remainder().at_least(70.0).clip(true))
        .min_scrolled_height(0.0);
    if scroll.to_top {
        table = table.vertical_scroll_offset(0.0);
    }
    if let Some(row) = scroll.to_row {
        table = table.scroll_to_row(row, Some(egui::Align::Center));
    }
    table
        .header(22.0, |mut header| {
            for column in ListColumn::ALL {
                header.col(|ui| {
                    let arrow = match (sort.column == column, sort.descending) {
                        (true, false) => " ⏶",
                        (true, true) => " ⏷",
                        (false, _) => "",
                    };
                    let text = RichText::new(format!("{}{arrow}", column.label())).strong();
                    if ui
                        .add(egui::Button::new(text).frame(false))
                        .on_hover_text("Sort by this column")
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
                row.col(|ui| {
                    ui.label(event.when.human());
                });
                row.col(|ui| {
                    if changed(&event.id) {
                        ui.label(RichText::new("●").color(ui.visuals().warn_fg_color))
                            .on_hover_text("changed since the last commit");
                    }
                    ui.label(&*event.title);
                });
                row.col(|ui| {
                    if let Some(category) = dataset.category(&event.kind) {
                        let (rect, _) =
                            ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                        ui.painter()
                            .rect_filled(rect, 2.0, theme::rgb(category.colour));
                        ui.label(&category.label);
                    } else {
                        ui.label(&*event.kind);
                    }
                });
                row.col(|ui| {
                    ui.label(place_name(dataset, index, language));
                });
                row.col(|ui| {
                    ui.label(
                        RichText::new(event.status.label())
                            .color(theme::status_colour(event.status)),
                    );
                });
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
