//! The event list's order: which column it is sorted by, and the sorting itself. No egui.

use serde::{Deserialize, Serialize};

use crate::model::dataset::{Dataset, EventIndex};
use crate::model::manifest::Language;

/// Columns the list can be sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ListColumn {
    #[default]
    Date,
    Title,
    Category,
    Place,
    Status,
}

impl ListColumn {
    pub(crate) const ALL: [ListColumn; 5] = [
        ListColumn::Date,
        ListColumn::Title,
        ListColumn::Category,
        ListColumn::Place,
        ListColumn::Status,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ListColumn::Date => "Date",
            ListColumn::Title => "Title",
            ListColumn::Category => "Category",
            ListColumn::Place => "Place",
            ListColumn::Status => "Status",
        }
    }
}

/// How the list is sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListSort {
    pub column: ListColumn,
    pub descending: bool,
}

/// Order `rows` (chronological indices) as `sort` says; ties keep chronological order.
pub fn sort_rows(dataset: &Dataset, rows: &mut [EventIndex], sort: ListSort, language: Language) {
    let key = |i: EventIndex| -> String {
        let Some(e) = dataset.event(i) else {
            return String::new();
        };
        match sort.column {
            ListColumn::Date => String::new(),
            ListColumn::Title => e
                .title
                .get(language, dataset.language())
                .text
                .to_lowercase(),
            ListColumn::Category => dataset.category_label(&e.kind, language),
            ListColumn::Place => place_name(dataset, i, language),
            ListColumn::Status => e.status.label().to_owned(),
        }
    };
    if sort.column != ListColumn::Date {
        rows.sort_by_cached_key(|&i| (key(i), i));
    } else {
        rows.sort_unstable();
    }
    if sort.descending {
        rows.reverse();
    }
}

pub fn place_name(dataset: &Dataset, index: EventIndex, language: Language) -> String {
    dataset
        .event(index)
        .and_then(|e| dataset.place_name(e, language))
        .map_or_else(String::new, str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorting_by_each_column() {
        let ds = crate::testing::bundled_dataset();
        let all: Vec<EventIndex> = (0..ds.len()).collect();
        let mut rows = all.clone();
        sort_rows(&ds, &mut rows, ListSort::default(), Language::English);
        assert_eq!(rows, all, "date order is chronological order");
        sort_rows(
            &ds,
            &mut rows,
            ListSort {
                column: ListColumn::Date,
                descending: true,
            },
            Language::English,
        );
        assert_eq!(rows.first(), Some(&(ds.len() - 1)));
        sort_rows(
            &ds,
            &mut rows,
            ListSort {
                column: ListColumn::Title,
                descending: false,
            },
            Language::English,
        );
        let titles: Vec<String> = rows
            .iter()
            .map(|&i| {
                ds.events()[i]
                    .title
                    .default_text(ds.language())
                    .to_lowercase()
            })
            .collect();
        assert!(titles.windows(2).all(|w| w[0] <= w[1]));
        sort_rows(
            &ds,
            &mut rows,
            ListSort {
                column: ListColumn::Status,
                descending: false,
            },
            Language::English,
        );
        assert_eq!(ds.events()[rows[0]].status.label(), "disputed");
    }
}
