//! The interface's words for what the pure layers name in English: a record's status, the
//! list's columns, the ways of grouping lanes, the theme, the filter's chips. The model keeps
//! its English labels (files, the command line); the window shows these.

use crate::i18n::{Language, tr};
use crate::model::dataset::Dataset;
use crate::model::date::Precision;
use crate::model::event::Event;
use crate::model::event::Status;
use crate::model::list::ListColumn;
use crate::model::manifest::ordinal_suffix;
use crate::model::query::{Filter, FilterChip};
use crate::timeline::Grouping;

/// "verified", "проверено", "已核实"…
pub(crate) fn status_label(status: Status, language: Language) -> String {
    let id = match status {
        Status::Verified => "status-verified",
        Status::SingleSource => "status-single-source",
        Status::Disputed => "status-disputed",
        Status::Unverified => "status-unverified",
    };
    tr(language, id)
}

/// A column's heading in the event list.
pub(crate) fn column_label(column: ListColumn, language: Language) -> String {
    let id = match column {
        ListColumn::Date => "column-date",
        ListColumn::Title => "column-title",
        ListColumn::Category => "column-category",
        ListColumn::Place => "column-place",
        ListColumn::Status => "column-status",
    };
    tr(language, id)
}

/// A way of grouping the timeline into lanes.
pub(crate) fn grouping_label(grouping: Grouping, language: Language) -> String {
    let id = match grouping {
        Grouping::None => "lanes-none",
        Grouping::Category => "lanes-category",
        Grouping::Series => "lanes-series",
        Grouping::Country => "lanes-country",
    };
    tr(language, id)
}

/// A removable chip of the filter: "hide Summit", "with 李强", "from 2014"…
pub(crate) fn chip_label(
    chip: &FilterChip,
    filter: &Filter,
    dataset: &Dataset,
    language: Language,
) -> String {
    match chip {
        FilterChip::Category(id) => {
            let name = dataset.category_label(id, language);
            crate::tr!(language, "chip-hide-category", name = name)
        }
        FilterChip::Participant(id) => {
            let name = dataset
                .person(id)
                .map_or(id.as_str(), |p| p.name.get(language));
            crate::tr!(language, "chip-participant", name = name)
        }
        FilterChip::Country(code) => {
            let name = dataset
                .manifest
                .countries
                .iter()
                .find(|c| &c.code == code)
                .map_or(code.as_str(), |c| c.name.get(language));
            crate::tr!(language, "chip-country", name = name)
        }
        FilterChip::Status(status) => crate::tr!(
            language,
            "chip-status",
            status = status_label(*status, language)
        ),
        FilterChip::Series(id) => {
            let name = dataset.series_title(id, language);
            crate::tr!(language, "chip-series", name = name)
        }
        FilterChip::Tag(tag) => format!("#{tag}"),
        FilterChip::From => crate::tr!(
            language,
            "chip-from",
            date = filter.from.as_deref().unwrap_or_default()
        ),
        FilterChip::Until => crate::tr!(
            language,
            "chip-until",
            date = filter.until.as_deref().unwrap_or_default()
        ),
    }
}

/// How precisely a date is known: "known to the day"…
pub(crate) fn precision_words(precision: Precision, language: Language) -> String {
    let id = match precision {
        Precision::Day => "precision-day",
        Precision::Month => "precision-month",
        Precision::Year => "precision-year",
    };
    tr(language, id)
}

/// An event's place in its series: "29th regular meeting", "第29次：regular meeting"…
pub(crate) fn series_label(dataset: &Dataset, event: &Event, language: Language) -> Option<String> {
    let series_ref = event.series.as_ref()?;
    let series = dataset.series(&series_ref.id)?;
    let title = dataset.text(&series.title, language).marked();
    Some(match (series_ref.ordinal, &series.item) {
        (Some(n), Some(item)) => crate::tr!(
            language,
            "series-nth-item",
            ordinal = series_ordinal(n, language),
            item = dataset.text(item, language).marked()
        ),
        (Some(n), None) => crate::tr!(
            language,
            "series-nth-in",
            ordinal = series_ordinal(n, language),
            series = title
        ),
        (None, _) => crate::tr!(language, "series-part-of", series = title),
    })
}

/// The ordinal of an event's place in its series: "29th" (English's suffixes are not a
/// plural rule Fluent selects on), "第29次", "№ 29".
pub(crate) fn series_ordinal(n: u32, language: Language) -> String {
    match language {
        Language::English => ordinal_suffix(n),
        _ => crate::tr!(language, "series-ordinal", n = n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::lanes::other_lane_title;

    #[test]
    fn every_status_and_grouping_has_words_in_every_language() {
        for language in Language::ALL {
            for status in Status::ALL {
                let id = status_label(status, language);
                assert!(!id.starts_with("status-"), "{language:?}: {id}");
            }
            for grouping in Grouping::ALL {
                assert!(!grouping_label(grouping, language).starts_with("lanes-"));
                assert!(!other_lane_title(grouping, language).starts_with("lane-other"));
            }
        }
    }
}
