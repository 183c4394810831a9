//! What the views ask the app to do. Views emit these; only the app changes state.
//!
//! Commands come in families, one for each part of the app that owns the state they change:
//! the view of time, browsing (selection, search, filters, list, look), editing, presenting,
//! and files (opening, reloading, exports, imports). The app hands each family to one
//! exhaustive `match`, so a new command that nothing handles does not compile.

use std::path::PathBuf;

use super::theme::ThemeChoice;
use crate::model::dataset::EventIndex;
use crate::model::draft::Draft;
use crate::model::list::ListSort;
use crate::model::manifest::Language;
use crate::model::query::Filter;
use crate::timeline::{Grouping, TimeView};

/// What the export window is filling in.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRequest {
    pub format: crate::export::Format,
    /// For slides: the storyline (file name in `briefings/`).
    pub storyline: Option<String>,
    /// Where to write: a file, or a folder for slides.
    pub path: String,
    /// Picture size, as typed ("1920x1080").
    pub size: String,
    /// Which PDF, for a PDF.
    pub pdf: crate::export::pdf::PdfKind,
    /// Page size of a PDF, as typed ("A4", "A3", "420x297").
    pub page: String,
    /// Which way round a handout's or poster's pages are.
    pub orientation: crate::export::pdf::Orientation,
    /// Margins of a PDF in millimetres, as typed.
    pub margin: String,
    /// A deck adds a page of presenter notes after each step.
    pub notes: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    View(ViewCommand),
    Browse(BrowseCommand),
    Edit(EditCommand),
    Present(PresentCommand),
    Files(FileCommand),
}

/// The window of time shown.
#[derive(Clone, Debug, PartialEq)]
pub enum ViewCommand {
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
}

/// Selection, search, filters, the list and the look.
#[derive(Clone, Debug, PartialEq)]
pub enum BrowseCommand {
    /// Select an event (opening its details) or clear the selection, without moving the view.
    Select(Option<EventIndex>),
    /// Select an event and bring it into view with a short animation; the detail panel stays
    /// as it is.
    SelectAndReveal(EventIndex),
    /// Show or hide the detail panel of the selection.
    ShowDetails(bool),
    /// Group the lanes differently.
    SetGrouping(Grouping),
    /// Show only the events this filter lets through.
    SetFilter(Filter),
    /// Search for this text.
    SetSearch(String),
    /// Select the next (`true`) or previous search result and bring it into view.
    SearchStep(bool),
    /// Put the keyboard in the search box.
    FocusSearch,
    /// Speak this language: the interface, names, dates and records.
    SetLanguage(Language),
    SetTheme(ThemeChoice),
    /// Show or hide the event list.
    ToggleList,
    /// Show or hide the filter panel.
    ToggleFilters,
    /// Sort the event list.
    SortList(ListSort),
}

/// Changes to the records, saving, and what to do with files changed underneath.
#[derive(Clone, Debug, PartialEq)]
pub enum EditCommand {
    /// Open (`true`) or close the editor form for the selected event.
    SetEditing(bool),
    /// Make the event with id `target` what the form says (the fields that read). `typing`
    /// names the text field typed into: keystrokes in one field in a row are one undo step,
    /// and a field left unreadable keeps the value it had before the typing began.
    EditEvent {
        target: String,
        draft: Box<Draft>,
        typing: Option<&'static str>,
    },
    /// Save the event with this id in another of the dataset's files.
    MoveToFile(String, usize),
    /// Add a new event near the selection (or today) and edit it.
    NewEvent,
    /// Add a copy of the selected event and edit it.
    DuplicateEvent,
    /// Ask to delete the selected event (`true`), or stop asking.
    AskDelete(bool),
    /// Delete the selected event (and the links to it from other events).
    DeleteSelected,
    Undo,
    Redo,
    /// Write the edits to the dataset's files.
    Save,
    /// Files changed on disk while there were unsaved edits: keep mine (`true`: theirs is
    /// copied aside, mine is written) or reload theirs (mine is dropped).
    ResolveConflict(bool),
    /// Answer to "save before closing?": save and close, close without saving, or stay
    /// (`None`).
    CloseAnswer(Option<bool>),
}

/// Presentation mode.
#[derive(Clone, Debug, PartialEq)]
pub enum PresentCommand {
    /// Start presenting a storyline (by file name), or the shown events in time order.
    Start(Option<String>),
    /// Go to this step of the presentation (clamped to the steps there are).
    Go(isize),
    End,
    /// Open or close the presenter's window.
    TogglePresenterView,
}

/// Datasets, exports and imports.
#[derive(Clone, Debug, PartialEq)]
pub enum FileCommand {
    /// Open another dataset (a folder, or a file in one).
    Open(PathBuf),
    /// Open the bundled dataset: the source tree's own when run from it, else the user's copy
    /// (written from the binary on first use).
    OpenBundled,
    /// Write a fresh copy of the bundled dataset beside the user's copy, and open it.
    RestoreBundled,
    /// Show the "open a path" window, starting with this text.
    AskOpenPath(String),
    /// Read the dataset from disk again.
    Reload,
    /// Stop reading a dataset (the one on screen stays).
    CancelLoad,
    /// Show the export window with this request.
    AskExport(ExportRequest),
    /// Write an export.
    Export(ExportRequest),
    /// Show the import window.
    AskImport,
    /// Import a TimelineJS file into a new dataset folder, and open it.
    Import(PathBuf, PathBuf),
    /// Resolve a merge conflict left in a file (its path, which conflict) to one side.
    TakeMergeSide(PathBuf, usize, crate::store::merge::Side),
}

macro_rules! family {
    ($family:ident, $variant:ident) => {
        impl From<$family> for Command {
            fn from(command: $family) -> Self {
                Command::$variant(command)
            }
        }
    };
}
family!(ViewCommand, View);
family!(BrowseCommand, Browse);
family!(EditCommand, Edit);
family!(PresentCommand, Present);
family!(FileCommand, Files);
