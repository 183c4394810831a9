//! Pure view math: time ↔ pixels, zoom around a point, calendar-aware ticks, lanes, row
//! packing and clustering, the overview strip. Unit-tested without a window; knows nothing
//! of egui.

pub mod canvas;
pub mod lanes;
pub mod layout;
pub mod overview;
pub mod scale;
pub mod text;
pub mod ticks;

pub use canvas::TimelineStyle;
pub use lanes::{Grouping, Lane, Lanes};
pub use layout::{
    Cluster, LaneLayout, LayoutItem, LayoutParams, layout_lane, layout_lanes, layout_lanes_in,
};
pub use scale::{CanvasChange, TimeView, keeping_day_inside};
pub use text::{CharWidths, TextWidths};
pub use ticks::{Ruler, Tick, TickUnit, ruler};
