//! Pure view math: time ↔ pixels, zoom around a point, calendar-aware ticks, row packing.
//! Unit-tested without a window; knows nothing of egui.

pub mod layout;
pub mod scale;
pub mod ticks;

pub use layout::{Layout, LayoutItem, LayoutParams, layout};
pub use scale::TimeView;
pub use ticks::{Ruler, Tick, TickUnit, ruler};
