//! Watching a dataset folder for edits made in a text editor, so the app can reload them.
//! The folder is watched rather than each file, so editors that save by writing a new file
//! and renaming it over the old one are seen like any other save.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

/// How long the files must be quiet before a change is reported.
pub const QUIET: Duration = Duration::from_millis(250);

/// A watch on one dataset folder; dropping it stops watching.
pub struct DatasetWatcher {
    _debouncer: Debouncer<RecommendedWatcher>,
    changes: mpsc::Receiver<()>,
}

impl DatasetWatcher {
    /// Watch `folder` (and its `briefings/`). `wake` is called, on the watcher's own thread, after each batch of
    /// changes to `.ron` files (the app asks for a repaint there).
    pub fn new(folder: &Path, wake: impl Fn() + Send + 'static) -> Result<Self, String> {
        let (tx, changes) = mpsc::channel();
        let mut debouncer = new_debouncer(QUIET, move |result: DebounceEventResult| {
            let ron_changed = result.is_ok_and(|events| {
                events
                    .iter()
                    .any(|e| e.path.extension().is_some_and(|x| x == "ron"))
            });
            if ron_changed {
                let _ = tx.send(());
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
        let mut any = false;
        while self.changes.try_recv().is_ok() {
            any = true;
        }
        any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    fn wait_for(watcher: &DatasetWatcher) -> bool {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if watcher.take_changes() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    #[test]
    fn sees_writes_and_rename_over_but_not_other_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("events.ron"), "[]").unwrap();
        let watcher = DatasetWatcher::new(dir.path(), || {}).unwrap();
        std::fs::write(dir.path().join("events.ron"), "[ ]").unwrap();
        assert!(wait_for(&watcher), "a plain write");
        // An editor saving by rename: write a temporary file, move it over the original.
        std::fs::write(dir.path().join(".events.tmp"), "[  ]").unwrap();
        std::fs::rename(
            dir.path().join(".events.tmp"),
            dir.path().join("events.ron"),
        )
        .unwrap();
        assert!(wait_for(&watcher), "a rename over the file");
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        std::thread::sleep(QUIET * 3);
        assert!(!watcher.take_changes(), "other files are ignored");
    }
}
