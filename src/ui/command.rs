//! What the views ask the app to do. Views emit these; only the app changes state.

use crate::model::dataset::EventIndex;
use crate::timeline::TimeView;

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Select an event (or clear the selection) without moving the view.
    Select(Option<EventIndex>),
    /// Select an event and bring it into view with a short animation.
    SelectAndReveal(EventIndex),
    /// Jump to this view at once (mouse zoom and pan).
    SetView(TimeView),
    /// Fit every event in the window, animated.
    FitAll,
    /// Zoom to one event, animated, and select it.
    ZoomToEvent(EventIndex),
    /// Zoom to show these events, animated.
    ZoomToEvents(Vec<EventIndex>),
    /// Read the dataset from disk again.
    Reload,
}
