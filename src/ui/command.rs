//! What the views ask the app to do. Views emit these; only the app changes state.

use crate::model::dataset::EventIndex;
use std::path::PathBuf;

use super::app::ThemeChoice;
use super::list_view::ListSort;
use crate::model::manifest::Language;
use crate::model::query::Filter;
use crate::timeline::{Grouping, TimeView};

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Select an event (opening its details) or clear the selection, without moving the view.
    Select(Option<EventIndex>),
    /// Select an event and bring it into view with a short animation; the detail panel stays
    /// as it is.
    SelectAndReveal(EventIndex),
    /// Jump to this view at once (mouse zoom and pan).
    SetView(TimeView),
    /// Move to this view with a short animation.
    AnimateTo(TimeView),
    /// Fit every event in the window, animated.
    FitAll,
    /// Zoom to one event, animated, and select it.
    ZoomToEvent(EventIndex),
    /// Zoom to show these days (fractional day numbers), animated.
    ZoomToRange(f64, f64),
    /// Zoom in (factor > 1) or out around the selection, or the centre, animated.
    ZoomBy(f64),
    /// Show or hide the detail panel of the selection.
    ShowDetails(bool),
    /// Group the lanes differently.
    SetGrouping(Grouping),
    /// The timeline's canvas now spans these x coordinates, left and right, in points (sent
    /// every frame; acted on when it changes).
    CanvasSpan(f32, f32),
    /// Show only the events this filter lets through.
    SetFilter(Filter),
    /// Search for this text.
    SetSearch(String),
    /// Select the next (`true`) or previous search result and bring it into view.
    SearchStep(bool),
    /// Show names in this language.
    SetLanguage(Language),
    SetTheme(ThemeChoice),
    /// Show or hide the event list.
    ToggleList,
    /// Show or hide the filter panel.
    ToggleFilters,
    /// Sort the event list.
    SortList(ListSort),
    /// Open another dataset (a folder, or a file in one).
    Open(PathBuf),
    /// Show the "open a path" window with this text, or close it (`None`).
    AskOpenPath(Option<String>),
    /// Read the dataset from disk again.
    Reload,
}
