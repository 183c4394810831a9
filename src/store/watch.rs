//! Watching a dataset folder for edits made in a text editor, so the app can reload them.
//! The folder is watched rather than each file, so editors that save by writing a new file
//! and renaming it over the old one are seen like any other save.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

/// How long the files must be quiet before a change is reported.
pub(crate) const QUIET: Duration = Duration::from_millis(250);

/// A watch on one dataset folder; dropping it stops watching (and its thread ends).
pub(crate) struct DatasetWatcher {
    _watcher: RecommendedWatcher,
    /// The `.ron` files of each batch of changes.
    changes: mpsc::Receiver<Vec<PathBuf>>,
}

/// Whether an event of this kind means the file's contents may have changed. Reading a file
/// is not a change: on Linux every open is reported, and counting them would make each load
/// (which opens every file) report a change, and reload, forever.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

impl DatasetWatcher {
    /// Watch `folder` (and its `briefings/`). `wake` is called, on the watcher's own thread,
    /// after each batch of changes to `.ron` files (the app asks for a repaint there): a batch
    /// is reported once the files have been quiet for [`QUIET`].
    pub fn new(folder: &Path, wake: impl Fn() + Send + 'static) -> Result<Self, String> {
        let fail = |e: notify::Error| format!("cannot watch `{}`: {e}", folder.display());
        let (tx, changes) = mpsc::channel();
        let (raw_tx, raw) = mpsc::channel::<notify::Result<notify::Event>>();
        let mut watcher = notify::recommended_watcher(raw_tx).map_err(fail)?;
        watcher
            .watch(folder, RecursiveMode::NonRecursive)
            .map_err(fail)?;
        // Storylines live one level down.
        let briefings = folder.join(super::load::BRIEFINGS_DIR);
        if briefings.is_dir() {
            let _ = watcher.watch(&briefings, RecursiveMode::NonRecursive);
        }
        std::thread::spawn(move || {
            let mut pending: Vec<PathBuf> = Vec::new();
            loop {
                let wait = if pending.is_empty() {
                    Duration::from_secs(3600)
                } else {
                    QUIET
                };
                match raw.recv_timeout(wait) {
                    Ok(Ok(event)) if is_change(&event.kind) => pending.extend(
                        event
                            .paths
                            .into_iter()
                            .filter(|p| p.extension().is_some_and(|x| x == "ron")),
                    ),
                    Ok(_) => {}
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        if pending.is_empty() {
                            continue;
                        }
                        pending.sort();
                        pending.dedup();
                        if tx.send(std::mem::take(&mut pending)).is_err() {
                            break;
                        }
                        wake();
                    }
                    // The watcher was dropped.
                    Err(mpsc::RecvTimeoutError::Disconnected) => break,
                }
            }
        });
        Ok(Self {
            _watcher: watcher,
            changes,
        })
    }

    /// Whether `.ron` files changed since the last call.
    pub(crate) fn take_changes(&self) -> bool {
        !self.take_changed_paths().is_empty()
    }

    /// The `.ron` files that changed since the last call (each once).
    pub(crate) fn take_changed_paths(&self) -> Vec<PathBuf> {
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
        // Reading a dataset file is not a change, nor is a change to another kind of file: a
        // change to a second dataset file after both is reported alone.
        let other = dir.path().join("other.ron");
        std::fs::write(&other, "[]").unwrap();
        assert_eq!(next_report(&watcher), std::slice::from_ref(&other));
        let _ = std::fs::read(&events).unwrap();
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        std::fs::write(&other, "[ ]").unwrap();
        assert_eq!(
            next_report(&watcher),
            std::slice::from_ref(&other),
            "reads and other files are ignored"
        );
    }
}
