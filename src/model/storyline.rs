//! Storylines: an ordered walk through a dataset for a briefing. Each step shows an event (or a
//! window of time), optionally with filters, a caption for the audience and notes for the
//! presenter. Written by hand as RON files in the dataset's `briefings/` folder:
//!
//! ```ron
//! (
//!     title: "Heads of government, 1996–2024",
//!     steps: [
//!         (event: "hog-01", caption: "Where the regular meetings began"),
//!         (window: "2024-05/2024-08", filter: (categories: ["visit"]), caption: "A busy 2024",
//!          notes: "Mention the 75th anniversary."),
//!     ],
//! )
//! ```

use std::collections::BTreeSet;

use serde::Deserialize;

use super::dataset::{Dataset, EventIndex};
use super::date::{DayNumber, EventDate};
use super::event::Status;
use super::query::Filter;
use super::text::Text;

/// Which events a step shows; every list is optional and empty means "any".
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepFilter {
    /// Only events of these categories.
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub status: Vec<Status>,
    #[serde(default)]
    pub series: Vec<String>,
    #[serde(default)]
    pub participants: Vec<String>,
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

impl StepFilter {
    /// The same restriction as the app's filter.
    pub(crate) fn to_filter(&self, dataset: &Dataset) -> Filter {
        let set = |v: &[String]| v.iter().cloned().collect::<BTreeSet<String>>();
        let hidden_categories = if self.categories.is_empty() {
            BTreeSet::new()
        } else {
            dataset
                .manifest
                .categories
                .iter()
                .map(|c| c.id.clone())
                .filter(|id| !self.categories.contains(id))
                .collect()
        };
        Filter {
            hidden_categories,
            participants: set(&self.participants),
            countries: set(&self.countries),
            statuses: self.status.iter().copied().collect(),
            series: set(&self.series),
            tags: set(&self.tags),
            from: None,
            until: None,
        }
    }
}

/// One step as written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Id of the event to show.
    #[serde(default)]
    pub event: Option<String>,
    /// A window of time to show (EDTF), instead of or around the event.
    #[serde(default)]
    pub window: Option<EventDate>,
    #[serde(default)]
    pub filter: Option<StepFilter>,
    /// What the audience reads beside the event.
    #[serde(default)]
    pub caption: Text,
    /// What only the presenter sees.
    #[serde(default)]
    pub notes: Text,
}

/// A storyline file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Storyline {
    pub title: Text,
    #[serde(default)]
    pub description: Text,
    pub steps: Vec<Step>,
}

/// The fields of a step, for hints.
pub(crate) const STEP_FIELDS: &[&str] = &["event", "window", "filter", "caption", "notes"];

/// A step ready to show: the event's index, the days to fit, the filter to apply.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownStep {
    pub event: Option<EventIndex>,
    /// First and last day to show, when the step names a window.
    pub window: Option<(DayNumber, DayNumber)>,
    pub filter: Option<Filter>,
    pub caption: Text,
    pub notes: Text,
}

impl Storyline {
    /// The steps with their events looked up; steps naming an unknown event keep only their
    /// window (the loader reports such steps).
    pub fn resolve(&self, dataset: &Dataset) -> Vec<ShownStep> {
        self.steps
            .iter()
            .map(|step| ShownStep {
                event: step.event.as_deref().and_then(|id| dataset.index_of(id)),
                window: step.window.map(|w| (w.earliest_day(), w.latest_day())),
                filter: step.filter.as_ref().map(|f| f.to_filter(dataset)),
                caption: step.caption.clone(),
                notes: step.notes.clone(),
            })
            .filter(|s| s.event.is_some() || s.window.is_some())
            .collect()
    }
}

/// Without a storyline: one step per event, in chronological order, captioned by nothing
/// (the card shows the event's own summary).
pub(crate) fn steps_of_events(events: impl IntoIterator<Item = EventIndex>) -> Vec<ShownStep> {
    events
        .into_iter()
        .map(|i| ShownStep {
            event: Some(i),
            window: None,
            filter: None,
            caption: Text::default(),
            notes: Text::default(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_and_steps_resolve_against_the_dataset() {
        let ds = crate::testing::bundled_dataset();
        let storyline: Storyline = crate::store::load::ron_options()
            .from_str(
                r#"(title: "T", steps: [
                (event: "hog-29", caption: "c", notes: "n"),
                (window: "2024-05/2024-08", filter: (categories: ["visit"], status: [verified])),
                (event: "no-such-event"),
            ])"#,
            )
            .unwrap();
        let steps = storyline.resolve(&ds);
        assert_eq!(steps.len(), 2);
        assert_eq!(steps[0].event, ds.index_of("hog-29"));
        assert_eq!(steps[0].notes, Text::plain("n"));
        let filter = steps[1].filter.as_ref().unwrap();
        let mask = filter.mask(&ds);
        for (event, shown) in ds.events().iter().zip(mask) {
            assert_eq!(
                shown,
                &*event.kind == "visit" && event.status == Status::Verified,
                "{}",
                event.id
            );
        }
        let (a, b) = steps[1].window.unwrap();
        assert!(a < b);
    }
}
