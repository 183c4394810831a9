//! The in-memory model: a manifest and its events in chronological order, with the
//! lookups the views need.

use std::cmp::Ordering;
use std::collections::HashMap;

use super::date::{DayNumber, OPEN_END_DAY, OPEN_START_DAY};
use super::event::{Event, Symbol};
use super::interval_index::IntervalIndex;
use super::manifest::{Category, Manifest, Person, Place, Series};

/// Position of an event in chronological order (index into [`Dataset::events`]).
pub type EventIndex = usize;

/// The total chronological order of events: earliest day, precision, then id.
pub fn chronological_cmp(a: &Event, b: &Event) -> Ordering {
    a.when
        .chronological_cmp(&b.when)
        .then_with(|| a.id.cmp(&b.id))
}

/// A loaded, checked dataset.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    pub manifest: Manifest,
    events: Vec<Event>,
    /// Each event's first and last day (open ends as the far-away sentinels), worked out once
    /// from its date: the views ask for them again and again.
    days: Vec<(i32, i32)>,
    /// Event indices sorted by id, for lookups by binary search (4 bytes an event).
    by_id: Vec<u32>,
    /// First and last known day of all events.
    extent: Option<(DayNumber, DayNumber)>,
    /// Built when first asked (the views use their lanes' own indexes): loading and editing
    /// do not pay for it.
    index: std::sync::OnceLock<IntervalIndex>,
    /// For each series id, its events in chronological order.
    series_members: HashMap<Symbol, Vec<EventIndex>>,
    /// For each event, its position in its series' `series_members` (`u32::MAX`: none).
    series_position: Vec<u32>,
}

impl Dataset {
    /// Build the model; events are put in chronological order. Ids should be unique (the
    /// loader reports duplicates); if not, lookups by id find the first in time.
    pub fn new(manifest: Manifest, events: Vec<Event>) -> Self {
        let mut events = events;
        sort_chronologically(&mut events);
        events.shrink_to_fit();
        // Two independent indexes: for a big dataset, the one by id on a second thread.
        let (by_id, (days, extent, series_members, series_position)) = if events.len() < 50_000 {
            (ids_sorted(&events), time_indexes(&events))
        } else {
            std::thread::scope(|scope| {
                let by_id = scope.spawn(|| ids_sorted(&events));
                let rest = time_indexes(&events);
                let by_id = by_id.join().unwrap_or_else(|_| ids_sorted(&events));
                (by_id, rest)
            })
        };
        Self {
            manifest,
            index: std::sync::OnceLock::new(),
            events,
            days,
            by_id,
            extent,
            series_members,
            series_position,
        }
    }

    /// Remove the events with the ids in `remove` (one each) and add `add`, then put
    /// everything in order again. Indices change; look events up by id afterwards.
    pub(crate) fn change_events(&mut self, remove: &[&str], mut add: Vec<Event>) {
        // The usual edit (a title, a summary, a source) keeps the id, the dates and the
        // series: nothing that orders or indexes the events changes, so replace in place.
        if let ([id], [new]) = (remove, add.as_slice())
            && **id == *new.id
            && let Some(i) = self.index_of(id)
            && self.events[i].when == new.when
            && self.events[i].series == new.series
        {
            self.events[i] = add.pop().expect("one event");
            return;
        }
        // One event replaced by one (an edit of its date, series or id, or that undone):
        // moved to its new place, the indexes shifted, rather than everything sorted again.
        if let ([id], [_]) = (remove, add.as_slice())
            && let Some(i) = self.index_of(id)
            && self.by_id(&add[0].id).is_none_or(|e| *e.id == **id)
        {
            self.move_one(i, add.pop().expect("one event"));
            return;
        }
        let manifest = std::mem::take(&mut self.manifest);
        let mut events = std::mem::take(&mut self.events);
        let mut remove: Vec<&str> = remove.to_vec();
        events.retain(|e| match remove.iter().position(|r| *r == &*e.id) {
            Some(i) => {
                remove.swap_remove(i);
                false
            }
            None => true,
        });
        events.extend(add);
        *self = Dataset::new(manifest, events);
    }

    /// Replace event `i` by `event` (whose id no other event has), at its place in time.
    /// O(n) in moves of indices, no sort.
    fn move_one(&mut self, i: EventIndex, event: Event) {
        let id_changed = self.events[i].id != event.id;
        self.events.remove(i);
        self.days.remove(i);
        let key = |e: &Event| (e.when.earliest_day(), e.when.precision());
        let new_key = key(&event);
        let j = self
            .events
            .partition_point(|e| (key(e), &e.id) < (new_key, &event.id));
        self.days.insert(j, day_range(&event));
        self.events.insert(j, event);
        // Where each old index is now.
        let moved = |k: usize| -> usize {
            if k == i {
                return j;
            }
            let k = k - usize::from(k > i);
            k + usize::from(k >= j)
        };
        for slot in &mut self.by_id {
            *slot = moved(*slot as usize) as u32;
        }
        if id_changed {
            // Its place among the ids changes too.
            let from = self
                .by_id
                .iter()
                .position(|&k| k as usize == j)
                .expect("the moved event is indexed");
            self.by_id.remove(from);
            let id = &self.events[j].id;
            let at = self.by_id.partition_point(|&k| {
                let other = &self.events[k as usize].id;
                (other, k as usize) < (id, j)
            });
            self.by_id.insert(at, j as u32);
        }
        self.extent = compute_extent(&self.days);
        self.index = std::sync::OnceLock::new();
        let (series_members, series_position) = series_indexes(&self.events);
        self.series_members = series_members;
        self.series_position = series_position;
    }

    /// All events, in chronological order.
    /// The language of the records' plain strings (the manifest's `language`).
    pub fn language(&self) -> super::manifest::Language {
        self.manifest.language
    }

    /// `text` in `language`, or in the dataset's default one (marked as a fallback).
    pub fn text<'a>(
        &self,
        text: &'a super::text::Text,
        language: super::manifest::Language,
    ) -> super::text::Shown<'a> {
        text.get(language, self.manifest.language)
    }

    /// The dataset's title in `language`, marked ` [en]` when it is only in the default one.
    pub fn title_in(&self, language: super::manifest::Language) -> String {
        self.text(&self.manifest.title, language).marked()
    }

    /// The label of category `id` in `language` (marked when it falls back), or the id
    /// itself for a category the manifest does not list.
    pub fn category_label(&self, id: &str, language: super::manifest::Language) -> String {
        self.category(id)
            .map_or_else(|| id.to_owned(), |c| self.text(&c.label, language).marked())
    }

    /// The title of series `id` in `language` (marked when it falls back), or the id itself.
    pub fn series_title(&self, id: &str, language: super::manifest::Language) -> String {
        self.series(id)
            .map_or_else(|| id.to_owned(), |s| self.text(&s.title, language).marked())
    }

    pub fn events(&self) -> &[Event] {
        &self.events
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    pub fn event(&self, index: EventIndex) -> Option<&Event> {
        self.events.get(index)
    }

    pub fn index_of(&self, id: &str) -> Option<EventIndex> {
        let pos = self
            .by_id
            .partition_point(|&i| &*self.events[i as usize].id < id);
        let &i = self.by_id.get(pos)?;
        (&*self.events[i as usize].id == id).then_some(i as usize)
    }

    pub fn by_id(&self, id: &str) -> Option<&Event> {
        self.index_of(id).map(|i| &self.events[i])
    }

    /// Events overlapping the inclusive window of days, in chronological order.
    /// O(log n + k) for k results.
    pub fn in_window(&self, from: DayNumber, to: DayNumber) -> Vec<EventIndex> {
        self.index
            .get_or_init(|| {
                let ranges: Vec<(DayNumber, DayNumber)> = self
                    .days
                    .iter()
                    .map(|&(a, b)| (a.into(), b.into()))
                    .collect();
                IntervalIndex::new(&ranges)
            })
            .overlapping(from, to)
    }

    /// The first and last day of event `index` (its date's `earliest_day` and `latest_day`,
    /// worked out once).
    pub fn days(&self, index: EventIndex) -> (DayNumber, DayNumber) {
        self.days
            .get(index)
            .map_or((0, 0), |&(a, b)| (a.into(), b.into()))
    }

    /// The event before `index` in time.
    pub fn previous(&self, index: EventIndex) -> Option<EventIndex> {
        index.checked_sub(1).filter(|&i| i < self.events.len())
    }

    /// The event after `index` in time.
    pub fn next(&self, index: EventIndex) -> Option<EventIndex> {
        Some(index + 1).filter(|&i| i < self.events.len())
    }

    /// The event before `index` in time within the same series.
    pub fn previous_in_series(&self, index: EventIndex) -> Option<EventIndex> {
        let (members, pos) = self.series_slot(index)?;
        members.get(pos.checked_sub(1)?).copied()
    }

    /// The event after `index` in time within the same series.
    pub fn next_in_series(&self, index: EventIndex) -> Option<EventIndex> {
        let (members, pos) = self.series_slot(index)?;
        members.get(pos + 1).copied()
    }

    fn series_slot(&self, index: EventIndex) -> Option<(&Vec<EventIndex>, usize)> {
        let pos = *self.series_position.get(index)?;
        if pos == u32::MAX {
            return None;
        }
        let pos = pos as usize;
        let id = &self.events[index].series.as_ref()?.id;
        Some((self.series_members.get(id)?, pos))
    }

    /// The series' events in chronological order.
    pub fn series_events(&self, series_id: &str) -> &[EventIndex] {
        self.series_members
            .get(series_id)
            .map_or(&[], |members| members.as_slice())
    }

    /// First and last known day of all events (open ends ignored), if any event has one.
    pub fn extent(&self) -> Option<(DayNumber, DayNumber)> {
        self.extent
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.manifest.people.iter().find(|p| p.id == id)
    }

    pub fn place(&self, id: &str) -> Option<&Place> {
        self.manifest.places.iter().find(|p| p.id == id)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.manifest.categories.iter().find(|c| c.id == id)
    }

    /// The country an event belongs to: its place's, else its first participant's that has one.
    pub(crate) fn event_country<'a>(&'a self, event: &'a Event) -> Option<&'a str> {
        event
            .place
            .as_deref()
            .and_then(|p| self.place(p)?.country.as_deref())
            .or_else(|| {
                event
                    .participants
                    .iter()
                    .find_map(|p| self.person(p)?.country.as_deref())
            })
    }

    /// The name of the event's place in `language`, if the manifest knows the place.
    pub fn place_name(&self, event: &Event, language: super::manifest::Language) -> Option<&str> {
        event
            .place
            .as_deref()
            .and_then(|p| self.place(p))
            .map(|p| p.name.get(language))
    }

    /// The names of the event's participants that the manifest knows, in `language`.
    pub(crate) fn participant_names(
        &self,
        event: &Event,
        language: super::manifest::Language,
    ) -> Vec<&str> {
        event
            .participants
            .iter()
            .filter_map(|p| self.person(p))
            .map(|p| p.name.get(language))
            .collect()
    }

    /// Where and with whom, for a line under an event's title: the place's name and the
    /// participants' names joined by commas, each when known.
    pub(crate) fn place_and_participants(
        &self,
        event: &Event,
        language: super::manifest::Language,
    ) -> Vec<String> {
        let people = self.participant_names(event, language);
        self.place_name(event, language)
            .map(str::to_owned)
            .into_iter()
            .chain((!people.is_empty()).then(|| people.join(", ")))
            .collect()
    }

    pub fn series(&self, id: &str) -> Option<&Series> {
        self.manifest.series.iter().find(|s| s.id == id)
    }
}

/// Put `events` in chronological order (earliest day, precision, then id). Files are usually
/// written in that order already: checked first, in one pass, and left alone then.
pub(crate) fn sort_chronologically(events: &mut [Event]) {
    let key = |e: &Event| (e.when.earliest_day(), e.when.precision());
    if events
        .windows(2)
        .all(|w| (key(&w[0]), &w[0].id) <= (key(&w[1]), &w[1].id))
    {
        return;
    }
    // Sort by precomputed keys (the date arithmetic is done once an event, not once a
    // comparison), falling back to ids; then move the events into that order.
    let keys: Vec<(DayNumber, super::date::Precision)> = events.iter().map(key).collect();
    let mut order: Vec<u32> = (0..events.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| {
        let (a, b) = (a as usize, b as usize);
        keys[a]
            .cmp(&keys[b])
            .then_with(|| events[a].id.cmp(&events[b].id))
    });
    drop(keys);
    permute_in_place(events, order);
}

/// What is known of events in chronological order besides their ids: their days, the
/// extent, each series' members and each event's place in its series.
#[allow(clippy::type_complexity)]
fn time_indexes(
    events: &[Event],
) -> (
    Vec<(i32, i32)>,
    Option<(DayNumber, DayNumber)>,
    HashMap<Symbol, Vec<EventIndex>>,
    Vec<u32>,
) {
    let days: Vec<(i32, i32)> = events.iter().map(day_range).collect();
    let extent = compute_extent(&days);
    let (series_members, series_position) = series_indexes(events);
    (days, extent, series_members, series_position)
}

/// Each series' members in chronological order, and each event's place in its series.
fn series_indexes(events: &[Event]) -> (HashMap<Symbol, Vec<EventIndex>>, Vec<u32>) {
    let mut series_members: HashMap<Symbol, Vec<EventIndex>> = HashMap::new();
    let mut series_position = vec![u32::MAX; events.len()];
    for (i, e) in events.iter().enumerate() {
        if let Some(series) = &e.series {
            let members = series_members.entry(series.id.clone()).or_default();
            series_position[i] = members.len() as u32;
            members.push(i);
        }
    }
    (series_members, series_position)
}

/// An event's first and last day in 32 bits (dates span ±10 million days).
fn day_range(event: &Event) -> (i32, i32) {
    let clamp = |d: DayNumber| d.clamp(i32::MIN.into(), i32::MAX.into()) as i32;
    (
        clamp(event.when.earliest_day()),
        clamp(event.when.latest_day()),
    )
}

/// Event indices sorted by id; among equal ids the first in time comes first (and is the one
/// found). Sorted by each id's first 8 bytes, then the whole id: most comparisons then touch
/// no string, where comparing through a million pointers was most of the cost.
fn ids_sorted(events: &[Event]) -> Vec<u32> {
    let mut keyed: Vec<(u64, u32)> = events
        .iter()
        .enumerate()
        .map(|(i, e)| (id_prefix(&e.id), i as u32))
        .collect();
    let id = |i: u32| &*events[i as usize].id;
    keyed.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| id(a.1).cmp(id(b.1)))
            .then(a.1.cmp(&b.1))
    });
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// The first 8 bytes of an id as a number that orders like the id.
pub(crate) fn id_prefix(id: &str) -> u64 {
    let mut key = [0u8; 8];
    let n = id.len().min(8);
    key[..n].copy_from_slice(&id.as_bytes()[..n]);
    u64::from_be_bytes(key)
}

/// Reorder `items` so that `items[k]` becomes the old `items[order[k]]`, by following the
/// permutation's cycles with swaps: no second copy of the events.
fn permute_in_place<T>(items: &mut [T], order: Vec<u32>) {
    permute_by_swaps(order, |a, b| items.swap(a, b));
}

/// Apply the permutation `order` (position `k` takes the old item `order[k]`) by calling
/// `swap` along its cycles; for reordering several lists alike, without copies.
pub(crate) fn permute_by_swaps(mut order: Vec<u32>, mut swap: impl FnMut(usize, usize)) {
    for start in 0..order.len() {
        let mut k = start;
        while order[k] as usize != start {
            let from = order[k] as usize;
            swap(k, from);
            order[k] = k as u32;
            k = from;
        }
        order[k] = k as u32;
    }
}

/// The first and last known day of events with these days: an open start counts by its end,
/// an open end by its start.
fn compute_extent(days: &[(i32, i32)]) -> Option<(DayNumber, DayNumber)> {
    let known = |d: i32| {
        let d = DayNumber::from(d);
        (d > OPEN_START_DAY && d < OPEN_END_DAY).then_some(d)
    };
    let first = days
        .iter()
        .filter_map(|&(a, b)| known(a).or(known(b)))
        .min()?;
    let last = days
        .iter()
        .filter_map(|&(a, b)| known(b).or(known(a)))
        .max()?;
    Some((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::EventDate;
    use crate::model::event::{SeriesRef, Status};

    fn event(id: &str, when: &str, series: Option<(&str, u32)>) -> Event {
        Event {
            id: id.into(),
            title: id.into(),
            when: EventDate::parse(when).unwrap(),
            kind: "k".into(),
            place: None,
            participants: Box::default(),
            summary: crate::model::Text::default(),
            sources: Box::default(),
            media: Box::default(),
            status: Status::Verified,
            note: None,
            series: series.map(|(id, n)| SeriesRef {
                id: id.into(),
                ordinal: Some(n),
            }),
            related: Box::default(),
            tags: Box::default(),
        }
    }

    fn sample() -> Dataset {
        Dataset::new(
            Manifest::default(),
            vec![
                event("c", "2024-08-21", Some(("s", 29))),
                event("b", "2023-12-19", Some(("s", 28))),
                event("y", "2024", None),
                event("m", "2024-05", None),
                event("d", "2024-05-01", None),
                event("a", "1996-12-27?", Some(("s", 1))),
                event("open", "2024/..", None),
            ],
        )
    }

    #[test]
    fn events_are_in_chronological_order() {
        let ds = sample();
        let ids: Vec<&str> = ds.events().iter().map(|e| &*e.id).collect();
        assert_eq!(ids, ["a", "b", "open", "y", "d", "m", "c"]);
    }

    #[test]
    fn neighbours_in_time_and_in_series() {
        let ds = sample();
        let c = ds.index_of("c").unwrap();
        let b = ds.index_of("b").unwrap();
        let a = ds.index_of("a").unwrap();
        assert_eq!(ds.previous_in_series(c), Some(b));
        assert_eq!(ds.previous_in_series(b), Some(a));
        assert_eq!(ds.previous_in_series(a), None);
        assert_eq!(ds.next_in_series(a), Some(b));
        assert_eq!(ds.next_in_series(c), None);
        assert_eq!(ds.previous(0), None);
        assert_eq!(ds.next(ds.len() - 1), None);
        assert_eq!(ds.next(a), Some(a + 1));
        let y = ds.index_of("y").unwrap();
        assert_eq!(ds.next_in_series(y), None);
    }

    #[test]
    fn window_query_finds_overlaps_including_open_ends() {
        let ds = sample();
        let day = |s: &str| EventDate::parse(s).unwrap().earliest_day();
        let found: Vec<&str> = ds
            .in_window(day("2024-05-10"), day("2024-05-20"))
            .into_iter()
            .map(|i| &*ds.events()[i].id)
            .collect();
        assert_eq!(found, ["open", "y", "m"]);
        let far: Vec<&str> = ds
            .in_window(day("2100"), day("2101"))
            .into_iter()
            .map(|i| &*ds.events()[i].id)
            .collect();
        assert_eq!(far, ["open"]);
        assert_eq!(ds.extent(), Some((day("1996-12-27"), day("2024-12-31"))));
    }

    #[test]
    fn permutation_in_place_matches_a_copy() {
        let items: Vec<u32> = (0..50).map(|i| i * 7 % 50).collect();
        let mut order: Vec<u32> = (0..50).collect();
        order.sort_by_key(|&i| items[i as usize]);
        let expected: Vec<u32> = order.iter().map(|&i| items[i as usize]).collect();
        let mut permuted = items.clone();
        permute_in_place(&mut permuted, order);
        assert_eq!(permuted, expected);
    }

    #[test]
    fn lookup_by_id_finds_every_event_and_nothing_else() {
        let ds = sample();
        for (i, e) in ds.events().iter().enumerate() {
            assert_eq!(ds.index_of(&e.id), Some(i));
        }
        assert_eq!(ds.index_of("nope"), None);
        assert_eq!(ds.index_of(""), None);
        assert_eq!(ds.index_of("zzzz"), None);
    }

    #[test]
    fn one_event_moved_is_where_a_rebuild_puts_it() {
        let base = sample();
        let mut rng = crate::generate::Rng::new(11);
        let dates = [
            "1990",
            "1996-12-27?",
            "2023-12-19",
            "2024",
            "2024-05",
            "2024-05-01",
            "2024/..",
            "2030-01-01",
            "0001-01-01",
        ];
        for _ in 0..300 {
            let mut ds = base.clone();
            for _ in 0..4 {
                let victim = ds.events()[rng.below(ds.len() as u64) as usize].clone();
                let mut changed = victim.clone();
                changed.when =
                    EventDate::parse(dates[rng.below(dates.len() as u64) as usize]).unwrap();
                if rng.chance(0.3) {
                    changed.id = format!("{}-x", victim.id).into();
                }
                if rng.chance(0.3) {
                    changed.series = None;
                }
                ds.change_events(&[&victim.id], vec![changed]);
                let rebuilt = Dataset::new(ds.manifest.clone(), ds.events().to_vec());
                let ids = |d: &Dataset| {
                    d.events()
                        .iter()
                        .map(|e| e.id.to_string())
                        .collect::<Vec<_>>()
                };
                assert_eq!(ids(&ds), ids(&rebuilt));
                assert_eq!(ds.by_id, rebuilt.by_id);
                assert_eq!(ds.extent, rebuilt.extent);
                assert_eq!(ds.days, rebuilt.days);
                assert_eq!(ds.series_position, rebuilt.series_position);
                assert_eq!(ds.series_members, rebuilt.series_members);
                assert_eq!(
                    ds.in_window(-1_000_000, 1_000_000),
                    rebuilt.in_window(-1_000_000, 1_000_000)
                );
                for e in ds.events() {
                    assert_eq!(ds.by_id(&e.id).map(|f| &f.id), Some(&e.id));
                }
            }
        }
    }
}
