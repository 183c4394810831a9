//! The status bar's count of texts that lack the interface's language, and the walk through
//! them: each click selects the next event with such a text and opens its details, or names
//! the file and line of a manifest or storyline text. The texts are found in the files by
//! `store::translations`, as `annals translations` finds them; a big dataset's files are
//! walked on a worker thread.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use crate::i18n::Language;
use crate::model::dataset::{Dataset, EventIndex};
use crate::store::translations::{self, FileKind};

/// One text lacking a language, as the walker found it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Found {
    /// The event's id, for a text of an event file.
    event: Option<String>,
    /// `file:line:col` (the file relative to the dataset folder).
    place: String,
    field: &'static str,
    /// The record's id where it is not an event (a category, a person).
    owner: Option<String>,
    /// Which languages it lacks, in [`Language::ALL`] order.
    lacks: [bool; 3],
}

/// What the files say, before event ids are turned into indices.
struct Walked {
    default: Language,
    found: Vec<Found>,
    /// How many texts there are in all.
    texts: usize,
}

/// A place in the walk: an event with the fields lacking the language, or a text elsewhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    Event {
        index: EventIndex,
        fields: Vec<&'static str>,
    },
    Elsewhere {
        place: String,
        field: &'static str,
        owner: Option<String>,
    },
}

/// The texts lacking each language, and where the walk is.
#[derive(Default)]
pub struct Untranslated {
    default: Language,
    texts: usize,
    /// Per language: the events (chronological, each once) then the texts elsewhere.
    stops: [Vec<Stop>; 3],
    /// Per language: how many texts lack it.
    missing: [usize; 3],
    /// The stop shown last, per language.
    at: [Option<usize>; 3],
    pending: Option<mpsc::Receiver<Walked>>,
}

/// Datasets whose files weigh less than this are walked at once (a few milliseconds).
const WALK_AT_ONCE_BYTES: u64 = super::files::READ_AT_ONCE_BYTES;

impl Untranslated {
    /// Walk the files of the dataset at `root` again (at once when small, else on a worker
    /// whose result [`Self::poll`] takes in).
    pub fn refresh(&mut self, root: &Path, dataset: Option<&Dataset>, ctx: &egui::Context) {
        let Some(dataset) = dataset else {
            *self = Self::default();
            return;
        };
        let root = root.to_path_buf();
        if crate::store::load::dataset_bytes(&root) < WALK_AT_ONCE_BYTES {
            self.pending = None;
            self.take(walk(&root), dataset);
            return;
        }
        let (sender, receiver) = mpsc::channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let _ = sender.send(walk(&root));
            ctx.request_repaint();
        });
        self.pending = Some(receiver);
    }

    /// Take in a walk that finished on the worker.
    pub fn poll(&mut self, dataset: Option<&Dataset>) {
        let Some(receiver) = &self.pending else {
            return;
        };
        match receiver.try_recv() {
            Ok(walked) => {
                self.pending = None;
                if let Some(dataset) = dataset {
                    self.take(walked, dataset);
                }
            }
            Err(mpsc::TryRecvError::Empty) => {}
            Err(mpsc::TryRecvError::Disconnected) => self.pending = None,
        }
    }

    fn take(&mut self, walked: Walked, dataset: &Dataset) {
        let mut stops: [Vec<Stop>; 3] = Default::default();
        let mut missing = [0; 3];
        for language in Language::ALL {
            let l = language as usize;
            let mut events: Vec<(EventIndex, &'static str)> = Vec::new();
            let mut elsewhere = Vec::new();
            for found in walked.found.iter().filter(|f| f.lacks[l]) {
                missing[l] += 1;
                match found.event.as_deref().and_then(|id| dataset.index_of(id)) {
                    Some(index) => events.push((index, found.field)),
                    None => elsewhere.push(Stop::Elsewhere {
                        place: found.place.clone(),
                        field: found.field,
                        owner: found.owner.clone().or_else(|| found.event.clone()),
                    }),
                }
            }
            events.sort_by_key(|(i, _)| *i);
            for (index, field) in events {
                match stops[l].last_mut() {
                    Some(Stop::Event { index: last, fields }) if *last == index => {
                        if !fields.contains(&field) {
                            fields.push(field);
                        }
                    }
                    _ => stops[l].push(Stop::Event {
                        index,
                        fields: vec![field],
                    }),
                }
            }
            stops[l].extend(elsewhere);
        }
        *self = Self {
            default: walked.default,
            texts: walked.texts,
            stops,
            missing,
            at: [None; 3],
            pending: None,
        };
    }

    /// How many texts lack `language`.
    pub fn missing(&self, language: Language) -> usize {
        self.missing[language as usize]
    }

    /// How many texts there are in all.
    pub fn texts(&self) -> usize {
        self.texts
    }

    /// The dataset's own language, as its manifest names it.
    pub fn default_language(&self) -> Language {
        self.default
    }

    /// The next stop of the walk for `language`: the first event after `selected` (when the
    /// walk was left for another event), else the stop after the last one shown, round.
    pub fn next(&mut self, language: Language, selected: Option<EventIndex>) -> Option<&Stop> {
        let l = language as usize;
        let stops = &self.stops[l];
        if stops.is_empty() {
            return None;
        }
        let on_walk = self.at[l].and_then(|at| stops.get(at)).is_some_and(|stop| match stop {
            Stop::Event { index, .. } => Some(*index) == selected,
            Stop::Elsewhere { .. } => true,
        });
        let next = match (self.at[l], selected) {
            (Some(at), _) if on_walk => (at + 1) % stops.len(),
            (_, Some(selected)) => stops
                .iter()
                .position(|s| matches!(s, Stop::Event { index, .. } if *index > selected))
                .unwrap_or(0),
            _ => 0,
        };
        self.at[l] = Some(next);
        stops.get(next)
    }
}

/// Walk every file of the dataset at `root` for the texts lacking a language.
fn walk(root: &Path) -> Walked {
    let default = translations::default_language(root);
    let mut walked = Walked {
        default,
        found: Vec::new(),
        texts: 0,
    };
    let Ok(files) = translations::dataset_files(root) else {
        return walked;
    };
    for (path, kind) in files {
        let Ok(file) = translations::walk_file(&path, kind) else {
            continue;
        };
        let text = &file.source.text;
        let shown: PathBuf = path.strip_prefix(root).map_or(path.clone(), Path::to_path_buf);
        for spot in &file.texts.spots {
            walked.texts += 1;
            let lacks = Language::ALL.map(|l| !spot.has(l, default));
            if !lacks.contains(&true) {
                continue;
            }
            let (line, col) = file.line_col(spot);
            let owner = spot.owner_id(text);
            let (event, owner) = if kind == FileKind::Events {
                (owner, None)
            } else {
                (None, owner)
            };
            walked.found.push(Found {
                event,
                place: format!("{}:{line}:{col}", shown.display()),
                field: spot.field,
                owner,
                lacks,
            });
        }
    }
    walked
}
