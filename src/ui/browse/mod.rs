//! Browsing: which events the filters let through, their lanes, the event list, the search,
//! and the detail panel. [`Browse`] owns what is derived from the dataset and the filters;
//! the selection and the preferences it follows belong to the app.

pub mod detail_panel;
pub mod filter_panel;
pub mod list_view;
pub mod search;

use egui::{RichText, Ui};

use self::search::SearchBox;
use super::AnnalsApp;
use super::command::{BrowseCommand, Command, ViewCommand};
use super::prefs::Preferences;
use crate::model::dataset::{Dataset, EventIndex};
use crate::model::list::sort_rows;
use crate::model::query::Filter;
use crate::timeline::Lanes;

/// What the timeline, the list and the search show, derived from the dataset, the filter, the
/// grouping and the list's order; rebuilt when one of them changes.
#[derive(Default)]
pub struct Browse {
    /// Which events pass the filter, indexed like the dataset's events.
    shown: Vec<bool>,
    shown_count: usize,
    /// Lanes of the shown events under the chosen grouping.
    lanes: Option<Lanes>,
    /// Rows of the list: shown events, sorted.
    list_rows: Vec<EventIndex>,
    /// Scroll the list to the selection on the next frame.
    pub list_scroll_pending: bool,
    pub search: SearchBox,
    /// Pictures of records, decoded for the detail panel.
    pub pictures: crate::ui::pictures::Pictures,
}

impl Browse {
    /// Recompute everything derived from the dataset, the filter and the grouping.
    pub(crate) fn refresh(&mut self, dataset: Option<&Dataset>, prefs: &Preferences) {
        let Some(dataset) = dataset else {
            self.lanes = None;
            self.shown.clear();
            self.shown_count = 0;
            self.list_rows.clear();
            self.search.clear_results();
            return;
        };
        self.shown = prefs.filter.mask(dataset);
        self.shown_count = self.shown.iter().filter(|&&s| s).count();
        let shown = &self.shown;
        self.lanes = Some(Lanes::build(dataset, prefs.grouping, |i| shown[i]));
        self.list_rows = (0..dataset.len()).filter(|&i| shown[i]).collect();
        sort_rows(
            dataset,
            &mut self.list_rows,
            prefs.list_sort,
            prefs.language,
        );
        self.search.run(dataset, &self.shown, prefs, false);
    }

    /// Order the list (and the listed search matches) again after the sort or the names'
    /// language changed; nothing else depends on them.
    pub(crate) fn resort(&mut self, dataset: Option<&Dataset>, prefs: &Preferences) {
        let Some(dataset) = dataset else {
            return;
        };
        sort_rows(
            dataset,
            &mut self.list_rows,
            prefs.list_sort,
            prefs.language,
        );
        self.search.resort(dataset, prefs);
    }

    /// Search for `text` among the shown events.
    pub(crate) fn set_search(
        &mut self,
        text: String,
        dataset: Option<&Dataset>,
        prefs: &Preferences,
    ) {
        self.search.text = text;
        self.search.scroll_to_top = true;
        if let Some(dataset) = dataset {
            self.search.run(dataset, &self.shown, prefs, true);
        }
    }

    pub(crate) fn is_shown(&self, index: EventIndex) -> bool {
        self.shown.get(index).copied().unwrap_or(false)
    }

    /// Events shown after filtering, chronological.
    pub(crate) fn shown_events(&self) -> impl Iterator<Item = EventIndex> + '_ {
        self.shown
            .iter()
            .enumerate()
            .filter(|(_, s)| **s)
            .map(|(i, _)| i)
    }

    pub(crate) fn shown_count(&self) -> usize {
        self.shown_count
    }

    pub fn lanes(&self) -> Option<&Lanes> {
        self.lanes.as_ref()
    }

    pub fn list_rows(&self) -> &[EventIndex] {
        &self.list_rows
    }

    /// The shown event after (or before) `from` in time; from nothing, the first (or last).
    pub(crate) fn step_shown(&self, from: Option<EventIndex>, forward: bool) -> Option<EventIndex> {
        let n = self.shown.len();
        match (from, forward) {
            (Some(s), true) => (s + 1..n).find(|&i| self.is_shown(i)),
            (Some(s), false) => (0..s).rev().find(|&i| self.is_shown(i)),
            (None, true) => (0..n).find(|&i| self.is_shown(i)),
            (None, false) => (0..n).rev().find(|&i| self.is_shown(i)),
        }
    }

    /// "12 of 18 events shown", the active filters as removable chips, and "Clear all".
    pub(crate) fn filter_chips_ui(
        &self,
        ui: &mut Ui,
        dataset: &Dataset,
        filter: &Filter,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.horizontal_wrapped(|ui| {
            // Each chip on one line, never broken into a column of letters.
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            let language = super::lang(ui.ctx());
            ui.label(
                RichText::new(crate::tr!(
                    language,
                    "filter-shown-of",
                    shown = self.shown_count,
                    count = dataset.len()
                ))
                .strong(),
            );
            for (chip, _) in filter.chips(dataset) {
                let label = super::words::chip_label(&chip, filter, dataset, language);
                if ui
                    .button(format!("{label}  ×"))
                    .on_hover_text(super::t(ui, "filter-chip-remove"))
                    .clicked()
                {
                    let mut filter = filter.clone();
                    filter.remove(&chip);
                    commands.push(BrowseCommand::SetFilter(filter).into());
                }
            }
            if ui.button(super::t(ui, "filter-clear-all")).clicked() {
                commands.push(BrowseCommand::SetFilter(Filter::default()).into());
            }
        });
        commands
    }
}

impl AnnalsApp {
    /// Apply a browsing command.
    pub(super) fn apply_browse(&mut self, command: BrowseCommand, now: f64) {
        match command {
            BrowseCommand::Select(selection) => {
                if selection != self.selected {
                    self.browse.list_scroll_pending = true;
                }
                self.selected = selection;
                self.details_open = selection.is_some();
            }
            BrowseCommand::SelectAndReveal(index) => {
                if Some(index) != self.selected {
                    self.browse.list_scroll_pending = true;
                }
                self.selected = Some(index);
                self.reveal(index, now);
            }
            BrowseCommand::ShowDetails(open) => self.details_open = open,
            BrowseCommand::SetGrouping(grouping) => {
                if grouping != self.prefs.grouping {
                    self.prefs.grouping = grouping;
                    self.refresh();
                }
            }
            BrowseCommand::SetFilter(filter) => {
                self.prefs.filter = filter;
                self.refresh();
                if self.selected.is_some_and(|i| !self.browse.is_shown(i)) {
                    self.selected = None;
                }
            }
            BrowseCommand::SetSearch(text) => {
                self.browse
                    .set_search(text, self.data.loaded.dataset.as_ref(), &self.prefs);
            }
            BrowseCommand::SearchStep(forward) => {
                if let Some(next) = self.browse.search.step(self.selected, forward) {
                    self.selected = Some(next);
                    self.browse.list_scroll_pending = true;
                    self.reveal(next, now);
                }
            }
            BrowseCommand::FocusSearch => self.browse.search.focus = true,
            BrowseCommand::SetLanguage(language) => {
                self.prefs.language = language;
                // The whole window speaks it from the next frame on, drawn at once.
                super::set_lang(&self.ctx, language);
                self.ctx.request_repaint();
                self.browse
                    .resort(self.data.loaded.dataset.as_ref(), &self.prefs);
            }
            BrowseCommand::SetTheme(theme) => self.prefs.theme = theme,
            BrowseCommand::ToggleList => self.prefs.show_list = !self.prefs.show_list,
            BrowseCommand::ToggleFilters => self.prefs.show_filters = !self.prefs.show_filters,
            BrowseCommand::SortList(sort) => {
                self.prefs.list_sort = sort;
                self.browse
                    .resort(self.data.loaded.dataset.as_ref(), &self.prefs);
            }
        }
    }

    /// Select `index` and bring it into view.
    pub(super) fn reveal(&mut self, index: EventIndex, now: f64) {
        if let Some(event) = self.dataset().and_then(|d| d.event(index)) {
            let (first, last) = crate::timeline::scale::event_days(event);
            let target = self.view.target().keeping_in_view(first, last, 0.1);
            if target != self.view.shown() {
                self.apply_view(ViewCommand::AnimateTo(target), now);
            }
        }
    }
}
