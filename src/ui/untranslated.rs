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

/// What the files say: the stops of the walk for each language.
struct Walked {
    default: Language,
    /// How many texts there are in all.
    texts: usize,
    stops: [Vec<Stop>; 3],
    missing: [usize; 3],
}

/// A place in the walk: an event with the fields lacking the language (in the order of the
/// files, as `annals translations` lists them), then each text elsewhere (the manifest, the
/// storylines, a record without an id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    Event {
        id: Box<str>,
        fields: Vec<&'static str>,
    },
    Elsewhere {
        /// `file:line:col`, the file relative to the dataset folder.
        place: String,
        field: &'static str,
        /// The id of the record it is in (a category, a person), if any.
        owner: Option<String>,
    },
}

/// The texts lacking each language, and where the walk is.
#[derive(Default)]
pub struct Untranslated {
    default: Language,
    texts: usize,
    /// Per language, in the files' order.
    stops: [Vec<Stop>; 3],
    /// Per language: how many texts lack it.
    missing: [usize; 3],
    /// The stop shown last, per language.
    at: [Option<usize>; 3],
    pending: Option<mpsc::Receiver<Walked>>,
}

/// Datasets whose files weigh less than this are walked at once (a few milliseconds): the
/// size below which the window reads a dataset at once too.
const WALK_AT_ONCE_BYTES: u64 = 2 * 1024 * 1024;

impl Untranslated {
    /// Walk the files of the dataset at `root` again (at once when small, else on a worker
    /// whose result [`Self::poll`] takes in).
    pub fn refresh(&mut self, root: &Path, dataset: Option<&Dataset>, ctx: &egui::Context) {
        if dataset.is_none() {
            *self = Self::default();
            return;
        }
        let root = root.to_path_buf();
        if crate::store::load::dataset_bytes(&root) < WALK_AT_ONCE_BYTES {
            self.take(walk(&root));
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
    pub fn poll(&mut self) {
        let Some(receiver) = &self.pending else {
            return;
        };
        match receiver.try_recv() {
            Ok(walked) => self.take(walked),
            Err(mpsc::TryRecvError::Empty) => {}
            Err(mpsc::TryRecvError::Disconnected) => self.pending = None,
        }
    }

    fn take(&mut self, walked: Walked) {
        *self = Self {
            default: walked.default,
            texts: walked.texts,
            stops: walked.stops,
            missing: walked.missing,
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

    /// The next stop of the walk for `language`: the stop after the selected event's (when
    /// the walk was left for another event), else after the last one shown, round.
    pub fn next(
        &mut self,
        language: Language,
        dataset: &Dataset,
        selected: Option<EventIndex>,
    ) -> Option<&Stop> {
        let l = language as usize;
        let stops = &self.stops[l];
        if stops.is_empty() {
            return None;
        }
        let selected_id = selected.and_then(|i| dataset.event(i)).map(|e| &*e.id);
        let on_walk = self.at[l]
            .and_then(|at| stops.get(at))
            .is_some_and(|stop| match stop {
                Stop::Event { id, .. } => Some(&**id) == selected_id,
                Stop::Elsewhere { .. } => true,
            });
        let from = match self.at[l] {
            Some(at) if on_walk => Some(at),
            _ => selected_id.and_then(|selected| {
                stops
                    .iter()
                    .position(|s| matches!(s, Stop::Event { id, .. } if &**id == selected))
            }),
        };
        let next = from.map_or(0, |at| (at + 1) % stops.len());
        self.at[l] = Some(next);
        stops.get(next)
    }
}

/// Walk every file of the dataset at `root` for the texts lacking each language.
fn walk(root: &Path) -> Walked {
    let default = translations::default_language(root);
    let mut walked = Walked {
        default,
        texts: 0,
        stops: Default::default(),
        missing: [0; 3],
    };
    let Ok(files) = translations::dataset_files(root) else {
        return walked;
    };
    // Texts outside events come after the events.
    let mut elsewhere: [Vec<Stop>; 3] = Default::default();
    for (path, kind) in files {
        let Ok(file) = translations::walk_file(&path, kind) else {
            continue;
        };
        let text = &file.source.text;
        let shown: PathBuf = path
            .strip_prefix(root)
            .map_or(path.clone(), Path::to_path_buf);
        for spot in &file.texts.spots {
            walked.texts += 1;
            let owner = spot.owner_id(text);
            for language in Language::ALL {
                if spot.has(language, default) {
                    continue;
                }
                let l = language as usize;
                walked.missing[l] += 1;
                let stops = &mut walked.stops[l];
                match (kind, &owner) {
                    (FileKind::Events, Some(id)) => match stops.last_mut() {
                        // The same record's next field.
                        Some(Stop::Event { id: last, fields }) if **last == **id => {
                            if !fields.contains(&spot.field) {
                                fields.push(spot.field);
                            }
                        }
                        _ => stops.push(Stop::Event {
                            id: id.as_str().into(),
                            fields: vec![spot.field],
                        }),
                    },
                    _ => {
                        let (line, col) = file.line_col(spot);
                        elsewhere[l].push(Stop::Elsewhere {
                            place: format!("{}:{line}:{col}", shown.display()),
                            field: spot.field,
                            owner: owner.clone(),
                        });
                    }
                }
            }
        }
    }
    for (stops, elsewhere) in walked.stops.iter_mut().zip(elsewhere) {
        stops.extend(elsewhere);
    }
    walked
}
