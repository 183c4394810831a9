//! An editing session over a loaded dataset: edits as undoable commands applied to the model,
//! where each record lives, and saving back only what changed.
//!
//! A session starts at the first edit. It reads the dataset's files once more (refusing if
//! they changed since loading), and from then on remembers each file's text as the base that
//! saves are spliced into, and what it believes is on disk, so that a file changed underneath
//! is never overwritten without the user's say.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::load::{FileStamp, Loaded, MANIFEST_FILE, ron_options};
use super::save::{
    FileChanges, FileIndex, WriteError, apply_indexed, aside_path, fingerprint, records_of,
    write_atomic,
};
use crate::model::dataset::Dataset;
use crate::model::event::{Event, Symbol};

/// Where a record lives: a file of the session, and the id it has in that file's text
/// (`None` for a record not saved yet).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Home {
    pub file: usize,
    pub original: Option<Box<str>>,
}

/// One change to one event: add (`before` is `None`), delete (`after` is `None`), or change.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub before: Option<Event>,
    pub after: Option<Event>,
    /// Where the record should live after the edit, if not where it was: the file chosen for
    /// a new record, or another file to move it to.
    pub place: Option<Home>,
    /// Where the record lived before the edit; filled in when the edit is applied.
    applied_from: Option<Home>,
}

impl Edit {
    pub fn add(event: Event, file: usize) -> Self {
        Self {
            before: None,
            after: Some(event),
            place: Some(Home {
                file,
                original: None,
            }),
            applied_from: None,
        }
    }

    pub fn delete(event: Event) -> Self {
        Self {
            before: Some(event),
            after: None,
            place: None,
            applied_from: None,
        }
    }

    pub fn change(before: Event, after: Event) -> Self {
        Self {
            before: Some(before),
            after: Some(after),
            place: None,
            applied_from: None,
        }
    }

    /// Keep the event as it is, but save it in another file.
    pub fn move_to(event: Event, file: usize) -> Self {
        Self {
            place: Some(Home {
                file,
                original: None,
            }),
            ..Self::change(event.clone(), event)
        }
    }

    /// The edit that undoes this one (which must have been applied).
    fn inverse(&self) -> Edit {
        let place = match (&self.before, &self.after) {
            // Undoing a delete puts the record back where it was.
            (Some(_), None) => self.applied_from.clone(),
            // Undoing a move moves it back.
            (Some(_), Some(_)) if self.place.is_some() => self.applied_from.clone(),
            _ => None,
        };
        Edit {
            before: self.after.clone(),
            after: self.before.clone(),
            place,
            applied_from: None,
        }
    }
}

/// The edits that change `before` into `after`, and, if its id changes, every other event's
/// `related` list that names it (so the dataset stays consistent).
pub fn change_with_references(dataset: &Dataset, before: Event, after: Event) -> Vec<Edit> {
    let mut edits = Vec::new();
    if before.id != after.id {
        edits.extend(edit_references(dataset, &before.id, |related| {
            related
                .iter()
                .map(|r| {
                    if *r == *before.id {
                        Symbol::new(&after.id)
                    } else {
                        r.clone()
                    }
                })
                .collect()
        }));
    }
    edits.insert(0, Edit::change(before, after));
    edits
}

/// The edits that delete `event` and take its id out of other events' `related` lists.
pub fn delete_with_references(dataset: &Dataset, event: Event) -> Vec<Edit> {
    let mut edits = edit_references(dataset, &event.id, |related| {
        related
            .iter()
            .filter(|r| **r != *event.id)
            .cloned()
            .collect()
    });
    edits.push(Edit::delete(event));
    edits
}

/// Events other than `id` whose `related` names `id`, with `related` rewritten by `rewrite`.
fn edit_references(
    dataset: &Dataset,
    id: &str,
    rewrite: impl Fn(&[Symbol]) -> Box<[Symbol]>,
) -> Vec<Edit> {
    dataset
        .events()
        .iter()
        .filter(|e| &*e.id != id && e.related.iter().any(|r| r == id))
        .map(|e| {
            let mut after = e.clone();
            after.related = rewrite(&e.related);
            Edit::change(e.clone(), after)
        })
        .collect()
}

/// A dataset file as the session knows it.
#[derive(Clone, Debug)]
pub struct Document {
    pub path: PathBuf,
    /// The text that saves are spliced into: as loaded, or as last saved.
    pub text: String,
    /// Fingerprint of what should be on disk now.
    pub on_disk: u64,
    /// Holds events (every file but the manifest).
    pub holds_events: bool,
}

/// Why a session could not start.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("`{0}` changed on disk since it was loaded; reload before editing")]
    Changed(PathBuf),
    #[error("cannot read `{path}`: {message}")]
    Read { path: PathBuf, message: String },
}

/// What a save did.
#[derive(Debug, Default)]
pub struct SaveReport {
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Files not written because they changed on disk since the session read them.
    pub conflicts: Vec<PathBuf>,
    /// Files that could not be written; their edits stay in memory.
    pub errors: Vec<String>,
}

impl SaveReport {
    pub fn is_complete(&self) -> bool {
        self.conflicts.is_empty() && self.errors.is_empty()
    }
}

/// Edits of one dataset, their history, and how to write them back.
#[derive(Debug)]
pub struct EditSession {
    pub documents: Vec<Document>,
    homes: HashMap<Box<str>, Home>,
    /// Records (file, id in the file) changed since their file was last written.
    touched: HashSet<(usize, Box<str>)>,
    undo: Vec<Vec<Edit>>,
    redo: Vec<Vec<Edit>>,
    /// Length of `undo` when the files last matched the model (`None`: never again).
    saved_depth: Option<usize>,
}

impl EditSession {
    /// Start editing what `loaded` read. Fails if a file changed since it was read.
    pub fn open(loaded: &Loaded) -> Result<Self, SessionError> {
        let mut documents = Vec::new();
        let mut homes = HashMap::new();
        for (i, path) in loaded.files.iter().enumerate() {
            let read = |message: String| SessionError::Read {
                path: path.clone(),
                message,
            };
            let bytes = super::input::read_regular(path, super::input::MAX_INPUT_BYTES)
                .map_err(|e| read(e.to_string()))?;
            let text = String::from_utf8(bytes).map_err(|e| read(e.to_string()))?;
            // The bytes themselves, not the size and time: another writer may keep both.
            if Some(FileStamp::of_bytes(text.as_bytes())) != loaded.stamps.get(i).copied() {
                return Err(SessionError::Changed(path.clone()));
            }
            let holds_events = path.file_name().is_none_or(|n| n != MANIFEST_FILE);
            if holds_events {
                let file = documents.len();
                for record in records_of(&text).map_err(|message| SessionError::Read {
                    path: path.clone(),
                    message,
                })? {
                    if let Some(id) = record.id {
                        let original: Box<str> = id.into();
                        homes.entry(original.clone()).or_insert(Home {
                            file,
                            original: Some(original),
                        });
                    }
                }
            }
            documents.push(Document {
                path: path.clone(),
                on_disk: fingerprint(text.as_bytes()),
                text,
                holds_events,
            });
        }
        if !documents.iter().any(|d| d.holds_events) {
            // Somewhere for new events to go.
            let path = loaded.root.join("events.ron");
            documents.push(Document {
                path,
                text: String::new(),
                on_disk: fingerprint(b""),
                holds_events: true,
            });
        }
        Ok(Self {
            documents,
            homes,
            touched: HashSet::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            saved_depth: Some(0),
        })
    }

    /// Whether the model differs from the files (edits since the last save).
    pub fn is_dirty(&self) -> bool {
        self.saved_depth != Some(self.undo.len())
    }

    pub(crate) fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Files that can hold events, as (index, path).
    pub fn event_files(&self) -> impl Iterator<Item = (usize, &Path)> {
        self.documents
            .iter()
            .enumerate()
            .filter(|(_, d)| d.holds_events)
            .map(|(i, d)| (i, d.path.as_path()))
    }

    /// The file an event is (or will be) saved in.
    pub fn file_of(&self, id: &str) -> Option<usize> {
        self.homes.get(id).map(|h| h.file)
    }

    /// Apply `edits` as one undoable step; false if there were none.
    pub fn apply(&mut self, dataset: &mut Dataset, edits: Vec<Edit>) -> bool {
        if edits.is_empty() {
            return false;
        }
        let applied = self.run(dataset, edits);
        self.undo.push(applied);
        if self
            .saved_depth
            .is_some_and(|depth| depth >= self.undo.len())
        {
            // The saved state was in the redo history, which this edit replaces.
            self.saved_depth = None;
        }
        self.redo.clear();
        true
    }

    /// Replace the last step by the edits `build` makes from the model as it was before that
    /// step (typing more into the same field stays one step). After a save the last step is
    /// kept and a new one begins. Returns whether a step is now on top (false when the
    /// edits came to nothing, say when the typing went back to the original text).
    pub fn amend_last(
        &mut self,
        dataset: &mut Dataset,
        build: impl FnOnce(&Dataset) -> Vec<Edit>,
    ) -> bool {
        if self.saved_depth != Some(self.undo.len()) && self.undo_last(dataset) {
            self.redo.pop();
        }
        let edits = build(dataset);
        self.apply(dataset, edits)
    }

    /// Undo the last step; false if there is none.
    pub fn undo_last(&mut self, dataset: &mut Dataset) -> bool {
        let Some(step) = self.undo.pop() else {
            return false;
        };
        let applied = self.run_inverse(dataset, &step);
        self.redo.push(applied);
        true
    }

    /// Redo the last undone step; false if there is none.
    pub fn redo_last(&mut self, dataset: &mut Dataset) -> bool {
        let Some(step) = self.redo.pop() else {
            return false;
        };
        let applied = self.run_inverse(dataset, &step);
        self.undo.push(applied);
        true
    }

    /// Apply what undoes `step` (its edits' inverses, last first).
    fn run_inverse(&mut self, dataset: &mut Dataset, step: &[Edit]) -> Vec<Edit> {
        let inverse = step.iter().rev().map(Edit::inverse).collect();
        self.run(dataset, inverse)
    }

    /// Apply edits to the homes and the model; returns them with where each record was.
    fn run(&mut self, dataset: &mut Dataset, mut edits: Vec<Edit>) -> Vec<Edit> {
        let mut removed: Vec<Box<str>> = Vec::new();
        let mut added: Vec<Event> = Vec::new();
        for edit in &mut edits {
            let from = edit.before.as_ref().and_then(|b| self.homes.remove(&b.id));
            if let Some(Home {
                file,
                original: Some(original),
            }) = &from
            {
                self.touched.insert((*file, original.clone()));
            }
            if let Some(after) = &edit.after {
                let home = edit.place.clone().or_else(|| from.clone()).unwrap_or(Home {
                    file: self.default_file(),
                    original: None,
                });
                if let Some(original) = &home.original {
                    self.touched.insert((home.file, original.clone()));
                }
                self.homes.insert(after.id.clone(), home);
            }
            edit.applied_from = from;
            if let Some(before) = &edit.before {
                removed.push(before.id.clone());
            }
            if let Some(after) = &edit.after {
                added.push(after.clone());
            }
        }
        let removed: Vec<&str> = removed.iter().map(|id| &**id).collect();
        dataset.change_events(&removed, added);
        edits
    }

    fn default_file(&self) -> usize {
        self.event_files().next().map_or(0, |(i, _)| i)
    }

    /// The changes to write into document `file` to make it match `dataset`.
    fn changes_for<'a>(
        &'a self,
        file: usize,
        dataset: &'a Dataset,
        index: &FileIndex,
    ) -> FileChanges<'a> {
        let doc = &self.documents[file];
        let mut changes = FileChanges::default();
        let by_id: HashMap<&str, &str> = index
            .records
            .iter()
            .filter_map(|r| Some((r.id.as_deref()?, &doc.text[r.span.clone()])))
            .collect();
        let record_text = |id: &str| by_id.get(id).copied();
        // Current events of this file, by the id their record has in the text.
        let mut living: HashMap<&str, &Event> = HashMap::new();
        let mut new: Vec<&Event> = Vec::new();
        for (id, home) in &self.homes {
            if home.file != file {
                continue;
            }
            let Some(event) = dataset.by_id(id) else {
                continue;
            };
            match &home.original {
                Some(original) if record_text(original).is_some() => {
                    living.insert(original, event);
                }
                // New, or its record is gone from the text (saved away before an undo).
                _ => new.push(event),
            }
        }
        for (touched_file, original) in &self.touched {
            if *touched_file != file {
                continue;
            }
            let Some(text) = record_text(original) else {
                continue;
            };
            match living.get(&**original) {
                None => changes.remove.push(original),
                Some(event) => {
                    let same = ron_options()
                        .from_str::<Event>(text)
                        .is_ok_and(|old| &old == *event);
                    if !same {
                        changes.replace.insert(original, event);
                    }
                }
            }
        }
        new.sort_by(|a, b| crate::model::dataset::chronological_cmp(a, b));
        changes.append = new;
        changes
    }

    /// Write every file whose records changed. A file changed on disk since the session read
    /// it is not written (it is listed as a conflict); a file that cannot be written is
    /// listed with the reason. Either way the edits stay in memory.
    pub fn save(&mut self, dataset: &Dataset) -> SaveReport {
        self.save_files(dataset, &[])
    }

    /// [`EditSession::save`], also writing the files in `force` even if nothing in them
    /// changed (to put the session's version back over another).
    fn save_files(&mut self, dataset: &Dataset, force: &[usize]) -> SaveReport {
        let mut report = SaveReport::default();
        // What a killed save or `fmt` left behind in the dataset's folder.
        let folders: HashSet<&Path> = self
            .documents
            .iter()
            .filter_map(|d| d.path.parent())
            .collect();
        for folder in folders {
            super::atomic::remove_stale_temp_files(folder);
        }
        // Only files with touched or new records can have changes; the others are not read.
        let mut busy: HashSet<usize> = self.touched.iter().map(|(f, _)| *f).collect();
        busy.extend(
            self.homes
                .values()
                .filter(|h| h.original.is_none())
                .map(|h| h.file),
        );
        busy.extend(force);
        for file in 0..self.documents.len() {
            if !busy.contains(&file) {
                continue;
            }
            let doc = &self.documents[file];
            // The file's text is tokenized once: to find its records' changes and to splice.
            let index = if doc.holds_events {
                match FileIndex::of(&doc.text) {
                    Ok(index) => Some(index),
                    Err(message) => {
                        report
                            .errors
                            .push(format!("`{}`: {message}", doc.path.display()));
                        continue;
                    }
                }
            } else {
                None
            };
            let changes = index
                .as_ref()
                .map_or_else(FileChanges::default, |i| self.changes_for(file, dataset, i));
            let forced = force.contains(&file);
            if changes.is_empty() && !forced {
                self.touched.retain(|(f, _)| *f != file);
                continue;
            }
            let new_text = match &index {
                Some(index) => apply_indexed(&doc.text, index, &changes),
                None => doc.text.clone(),
            };
            if current_fingerprint(&doc.path) != doc.on_disk {
                report.conflicts.push(doc.path.clone());
                continue;
            }
            if let Err(e) = write_atomic(&doc.path, new_text.as_bytes()) {
                report.errors.push(e.to_string());
                continue;
            }
            drop(changes);
            let doc = &mut self.documents[file];
            doc.on_disk = fingerprint(new_text.as_bytes());
            doc.text = new_text;
            report.written.push(doc.path.clone());
            self.touched.retain(|(f, _)| *f != file);
            for (id, home) in &mut self.homes {
                if home.file == file {
                    home.original = Some(id.clone());
                }
            }
        }
        if report.is_complete() {
            self.saved_depth = Some(self.undo.len());
        }
        report
    }

    /// Files whose contents on disk are not what the session last read or wrote.
    pub fn changed_on_disk(&self) -> Vec<PathBuf> {
        self.documents
            .iter()
            .filter(|d| current_fingerprint(&d.path) != d.on_disk)
            .map(|d| d.path.clone())
            .collect()
    }

    /// Resolve conflicts in favour of the session: copy each file changed on disk to a file
    /// beside it (named with `stamp`), then write the session's version over it. Returns the
    /// copies made.
    pub fn keep_mine(
        &mut self,
        dataset: &Dataset,
        stamp: &str,
    ) -> Result<(Vec<PathBuf>, SaveReport), WriteError> {
        let mut asides = Vec::new();
        let mut force = Vec::new();
        for (i, doc) in self.documents.iter_mut().enumerate() {
            let current = super::input::read_regular(&doc.path, super::input::MAX_INPUT_BYTES).ok();
            let theirs = current.as_deref().map_or(fingerprint(b""), fingerprint);
            if theirs == doc.on_disk {
                continue;
            }
            if let Some(bytes) = &current {
                let aside = aside_path(&doc.path, stamp);
                write_atomic(&aside, bytes)?;
                asides.push(aside);
            }
            doc.on_disk = theirs;
            force.push(i);
        }
        let report = self.save_files(dataset, &force);
        Ok((asides, report))
    }
}

fn current_fingerprint(path: &Path) -> u64 {
    super::input::read_regular(path, super::input::MAX_INPUT_BYTES)
        .map_or(fingerprint(b""), |bytes| fingerprint(&bytes))
}
