//! What Annals remembers across restarts.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::theme::ThemeChoice;
use crate::model::list::ListSort;
use crate::model::manifest::Language;
use crate::model::query::Filter;
use crate::timeline::{Grouping, TimeView};

/// What is remembered across restarts (eframe persistence).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    pub dataset: Option<PathBuf>,
    pub recent: Vec<PathBuf>,
    pub view: Option<TimeView>,
    pub selected_id: Option<String>,
    pub filter: Filter,
    pub language: Language,
    pub theme: ThemeChoice,
    pub grouping: Grouping,
    pub show_list: bool,
    pub show_filters: bool,
    pub list_sort: ListSort,
    /// What F5 presents: a storyline (file name in `briefings/`), or the shown events.
    pub present: Option<String>,
    /// The folder the last export was written to, where the next one is suggested.
    pub export_folder: Option<PathBuf>,
}
