//! Watching a dataset folder for edits made in a text editor, so the app can reload them.
//! The folder is watched rather than each file, so editors that save by writing a new file
//! and renaming it over the old one are seen like any other save.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

/// How long the files must be quiet before a change is reported.
pub const QUIET: Duration = Duration::from_millis(250);

/// A watch on one dataset folder; dropping it stops watching.
pub struct DatasetWatcher {
    _debouncer: Debouncer<RecommendedWatcher>,
    /// The `.ron` files of each batch of changes.
    changes: mpsc::Receiver<Vec<PathBuf>>,
}

impl DatasetWatcher {
    /// Watch `folder` (and its `briefings/`). `wake` is called, on the watcher's own thread, after each batch of
    /// changes to `.ron` files (the app asks for a repaint there).
    pub fn new(folder: &Path, wake: impl Fn() + Send + 'static) -> Result<Self, String> {
        let (tx, changes) = mpsc::channel();
        let mut debouncer = new_debouncer(QUIET, move |result: DebounceEventResult| {
            let changed: Vec<PathBuf> = result
                .map(|events| {
                    events
                        .into_iter()
                        .filter(|e| e.path.extension().is_some_and(|x| x == "ron"))
                        .map(|e| e.path)
                        .collect()
                })
                .unwrap_or_default();
            if !changed.is_empty() {
                let _ = tx.send(changed);
                wake();
            }
        })
        .map_err(|e| format!("cannot watch `{}`: {e}", folder.display()))?;
        debouncer
            .watcher()
            .watch(folder, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch `{}`: {e}", folder.display()))?;
        // Storylines live one level down.
        let briefings = folder.join(super::load::BRIEFINGS_DIR);
        if briefings.is_dir() {
            let _ = debouncer
                .watcher()
                .watch(&briefings, RecursiveMode::NonRecursive);
        }
        Ok(Self {
            _debouncer: debouncer,
            changes,
        })
    }

    /// Whether `.ron` files changed since the last call.
    pub fn take_changes(&self) -> bool {
        !self.take_changed_paths().is_empty()
    }

    /// The `.ron` files that changed since the last call (each once).
    pub fn take_changed_paths(&self) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = self.changes.try_iter().flatten().collect();
        paths.sort();
        paths.dedup();
        paths
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    /// The files of the next report, waiting up to 5 s for one.
    fn next_report(watcher: &DatasetWatcher) -> Vec<PathBuf> {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            let paths = watcher.take_changed_paths();
            if !paths.is_empty() {
                return paths;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Vec::new()
    }

    #[test]
    fn sees_writes_and_rename_over_but_not_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let events = dir.path().join("events.ron");
        std::fs::write(&events, "[]").unwrap();
        let watcher = DatasetWatcher::new(dir.path(), || {}).unwrap();
        std::fs::write(&events, "[ ]").unwrap();
        assert_eq!(
            next_report(&watcher),
            std::slice::from_ref(&events),
            "a plain write"
        );
        // An editor saving by rename: write a temporary file, move it over the original.
        std::fs::write(dir.path().join(".events.tmp"), "[  ]").unwrap();
        std::fs::rename(dir.path().join(".events.tmp"), &events).unwrap();
        assert_eq!(
            next_report(&watcher),
            std::slice::from_ref(&events),
            "a rename over the file"
        );
        // Another file changes, then a dataset file: the report that proves the watcher saw
        // both names the dataset file alone.
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        std::fs::write(&events, "[   ]").unwrap();
        assert_eq!(next_report(&watcher), [events], "other files are ignored");
    }
}
