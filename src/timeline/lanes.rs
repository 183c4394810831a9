//! Lanes (tracks): events grouped by category, series, country, or not at all, each lane with
//! its own chronological index so that only what is visible is touched.

use serde::{Deserialize, Serialize};

use crate::i18n::Language;
use crate::model::dataset::{Dataset, EventIndex};
use crate::model::date::DayNumber;
use crate::model::interval_index::IntervalIndex;

/// How events are grouped into lanes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Grouping {
    /// One lane for everything.
    None,
    /// A lane for each category, in the manifest's order.
    #[default]
    Category,
    /// A lane for each series, and one for events in none.
    Series,
    /// A lane for each country (the place's, else the first participant's).
    Country,
}

impl Grouping {
    pub(crate) const ALL: [Grouping; 4] = [
        Grouping::None,
        Grouping::Category,
        Grouping::Series,
        Grouping::Country,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Grouping::None => "No lanes",
            Grouping::Category => "Category",
            Grouping::Series => "Series",
            Grouping::Country => "Country",
        }
    }
}

/// One lane: its events in chronological order and an index over them.
#[derive(Clone, Debug)]
pub struct Lane {
    /// Category id, series id or country code; empty for "other".
    pub key: String,
    /// Header text, in the dataset's own language ([`Lanes::title_in`] gives it in another).
    pub title: String,
    /// Colour hint (the category's), as `[r, g, b]`.
    pub colour: Option<[u8; 3]>,
    /// Events of the lane, chronological (ascending dataset index).
    pub members: Vec<EventIndex>,
    /// Earliest day of each member.
    starts: Vec<DayNumber>,
    /// Latest day of each member, sorted (not in member order): for counting in O(log n).
    ends_sorted: Vec<DayNumber>,
    index: IntervalIndex,
}

impl Lane {
    fn new(
        key: String,
        title: String,
        colour: Option<[u8; 3]>,
        members: Vec<EventIndex>,
        dataset: &Dataset,
    ) -> Self {
        let ranges: Vec<(DayNumber, DayNumber)> =
            members.iter().map(|&i| dataset.days(i)).collect();
        let mut ends_sorted: Vec<DayNumber> = ranges.iter().map(|r| r.1).collect();
        ends_sorted.sort_unstable();
        Self {
            key,
            title,
            colour,
            ends_sorted,
            starts: ranges.iter().map(|r| r.0).collect(),
            index: IntervalIndex::new(&ranges),
            members,
        }
    }

    /// Members overlapping the inclusive window of days, chronological. O(log n + k).
    pub(crate) fn in_window(&self, from: DayNumber, to: DayNumber) -> Vec<EventIndex> {
        self.index
            .overlapping(from, to)
            .into_iter()
            .map(|pos| self.members[pos])
            .collect()
    }

    /// Members that start within the inclusive days `[from, to]`, chronological. O(log n).
    pub(crate) fn starting_in(&self, from: DayNumber, to: DayNumber) -> &[EventIndex] {
        let a = self.starts.partition_point(|&s| s < from);
        let b = self.starts.partition_point(|&s| s <= to);
        &self.members[a..b.max(a)]
    }

    /// How many members start in `[from, to)` (fractional days). O(log n).
    pub(crate) fn count_starting_in(&self, from: f64, to: f64) -> usize {
        let a = self.starts.partition_point(|&s| (s as f64) < from);
        let b = self.starts.partition_point(|&s| (s as f64) < to);
        b.saturating_sub(a)
    }

    /// How many members started before `day` and are still going on then. O(log n): those
    /// that started before it, less those that also ended before it.
    pub(crate) fn count_ongoing_at(&self, day: DayNumber) -> usize {
        let started = self.starts.partition_point(|&s| s < day);
        let ended = self.ends_sorted.partition_point(|&e| e < day);
        started - ended
    }
}

/// The lanes of a dataset under one grouping, and which events they include.
#[derive(Clone, Debug)]
pub struct Lanes {
    pub grouping: Grouping,
    pub lanes: Vec<Lane>,
}

impl Lanes {
    /// Group the events for which `include` is true. Lanes with no events are left out,
    /// except that there is always at least one lane.
    pub fn build(
        dataset: &Dataset,
        grouping: Grouping,
        include: impl Fn(EventIndex) -> bool,
    ) -> Self {
        let manifest = &dataset.manifest;
        let own = |text: &crate::model::Text| text.default_text(dataset.language()).to_owned();
        // (key, title, colour) of each possible lane, in display order; the last is "other".
        let mut keys: Vec<(String, String, Option<[u8; 3]>)> = match grouping {
            Grouping::None => vec![],
            Grouping::Category => manifest
                .categories
                .iter()
                .map(|c| (c.id.clone(), own(&c.label), Some(c.colour.0)))
                .collect(),
            Grouping::Series => manifest
                .series
                .iter()
                .map(|s| (s.id.clone(), own(&s.title), None))
                .collect(),
            Grouping::Country => manifest
                .countries
                .iter()
                .map(|c| (c.code.clone(), c.name.en.clone(), None))
                .collect(),
        };
        let other_title = match grouping {
            Grouping::None => "All events",
            Grouping::Category => "Other",
            Grouping::Series => "Not in a series",
            Grouping::Country => "No country",
        };
        keys.push((String::new(), other_title.to_owned(), None));
        let mut members: Vec<Vec<EventIndex>> = vec![Vec::new(); keys.len()];
        let other = keys.len() - 1;
        for (i, event) in dataset.events().iter().enumerate() {
            if !include(i) {
                continue;
            }
            let key: Option<&str> = match grouping {
                Grouping::None => None,
                Grouping::Category => Some(&*event.kind),
                Grouping::Series => event.series.as_ref().map(|s| s.id.as_str()),
                Grouping::Country => dataset.event_country(event),
            };
            let lane = key
                .and_then(|k| keys.iter().position(|(id, _, _)| id == k))
                .unwrap_or(other);
            members[lane].push(i);
        }
        let mut lanes: Vec<Lane> = keys
            .into_iter()
            .zip(members)
            .filter(|(_, m)| !m.is_empty())
            .map(|((key, title, colour), m)| Lane::new(key, title, colour, m, dataset))
            .collect();
        if lanes.is_empty() {
            lanes.push(Lane::new(
                String::new(),
                other_title.to_owned(),
                None,
                Vec::new(),
                dataset,
            ));
        }
        Self { grouping, lanes }
    }

    /// The title of `lane` (one of these lanes) in `language`: a category's label or a
    /// series' title as the dataset writes it in that language (its own, marked ` [en]`,
    /// where it has none), a country's name, or the name of the lane of events that fit no
    /// other one, in the interface's words.
    pub fn title_in(&self, lane: &Lane, dataset: &Dataset, language: Language) -> String {
        if lane.key.is_empty() {
            return other_lane_title(self.grouping, language);
        }
        let manifest = &dataset.manifest;
        let found = match self.grouping {
            Grouping::None => None,
            Grouping::Category => dataset
                .category(&lane.key)
                .map(|c| dataset.text(&c.label, language).marked()),
            Grouping::Series => dataset
                .series(&lane.key)
                .map(|s| dataset.text(&s.title, language).marked()),
            Grouping::Country => manifest
                .countries
                .iter()
                .find(|c| c.code == lane.key)
                .map(|c| c.name.get(language).to_owned()),
        };
        found.unwrap_or_else(|| lane.title.clone())
    }

    /// Total number of events in all lanes.
    pub(crate) fn event_count(&self) -> usize {
        self.lanes.iter().map(|l| l.members.len()).sum()
    }
}

/// The title of the lane of events that fit no other one, in `language`.
pub(crate) fn other_lane_title(grouping: Grouping, language: Language) -> String {
    let id = match grouping {
        Grouping::None => "lane-other-none",
        Grouping::Category => "lane-other-category",
        Grouping::Series => "lane-other-series",
        Grouping::Country => "lane-other-country",
    };
    crate::i18n::tr(language, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Dataset {
        crate::testing::bundled_dataset()
    }

    #[test]
    fn every_event_is_in_exactly_one_lane_under_every_grouping() {
        let ds = bundled();
        for grouping in Grouping::ALL {
            let lanes = Lanes::build(&ds, grouping, |_| true);
            let mut all: Vec<EventIndex> =
                lanes.lanes.iter().flat_map(|l| l.members.clone()).collect();
            all.sort_unstable();
            assert_eq!(all, (0..ds.len()).collect::<Vec<_>>(), "{grouping:?}");
            for lane in &lanes.lanes {
                assert!(
                    lane.members.windows(2).all(|w| w[0] < w[1]),
                    "chronological"
                );
            }
        }
    }

    #[test]
    fn lanes_follow_the_manifest_and_the_filter() {
        let ds = bundled();
        let lanes = Lanes::build(&ds, Grouping::Category, |_| true);
        let titles: Vec<&str> = lanes.lanes.iter().map(|l| l.title.as_str()).collect();
        assert_eq!(titles[0], "Regular meeting of heads of government");
        assert_eq!(lanes.lanes[0].members.len(), 30);
        let series = Lanes::build(&ds, Grouping::Series, |_| true);
        assert_eq!(series.lanes.len(), 2);
        assert_eq!(series.lanes[1].title, "Not in a series");
        let countries = Lanes::build(&ds, Grouping::Country, |_| true);
        assert!(
            countries
                .lanes
                .iter()
                .any(|l| l.key == "KZ" && l.members.len() == 2)
        );
        let only_first = Lanes::build(&ds, Grouping::Category, |i| i == 0);
        assert_eq!(only_first.event_count(), 1);
        assert_eq!(only_first.lanes.len(), 1);
    }

    #[test]
    fn counts_by_binary_search() {
        let ds = bundled();
        let lanes = Lanes::build(&ds, Grouping::None, |_| true);
        let lane = &lanes.lanes[0];
        let day = |s: &str| crate::model::EventDate::parse(s).unwrap().earliest_day() as f64;
        assert_eq!(lane.count_starting_in(day("2024"), day("2025")), 11);
        assert_eq!(lane.count_starting_in(f64::MIN, f64::MAX), ds.len());
        // The Years of Culture (2024–2025) are under way in mid-2025.
        assert_eq!(lane.count_ongoing_at(day("2025-06-01") as i64), 1);
        // Agrees with the interval index at every day of the data.
        for d in (day("1949") as i64..day("2026") as i64).step_by(17) {
            let from_index = lane
                .in_window(d, d)
                .into_iter()
                .filter(|&i| ds.events()[i].when.earliest_day() < d)
                .count();
            assert_eq!(lane.count_ongoing_at(d), from_index, "day {d}");
        }
    }
}
