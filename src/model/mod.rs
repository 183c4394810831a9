//! Pure data and rules: dates, events, the chronological index, queries. No UI, no files.

pub mod dataset;
pub mod date;
pub mod date_display;
pub mod draft;
pub mod event;
pub mod interval_index;
pub mod list;
pub mod manifest;
pub mod query;
pub mod storyline;
pub mod text;

pub use dataset::{Dataset, EventIndex};
pub use date::{DayNumber, EventDate};
pub use event::{Event, Source, Status};
pub use manifest::{Language, Manifest};
pub use text::{Shown, Text};
