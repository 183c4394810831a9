//! The bundled dataset, compiled into the binary, and the copies of it written into the
//! user's data folder, so an installed binary opens (and edits) it without the source tree.
//!
//! No egui and no knowledge of where the data folder is: callers pass the folder that holds
//! the copies (see `cli::user_datasets_dir`).

use std::path::{Path, PathBuf};

use crate::store::save::{WriteError, write_atomic};

// `FILES`: every file of data/china-russia when the binary was built (see build.rs).
include!(concat!(env!("OUT_DIR"), "/bundled_files.rs"));

/// The name of the bundled dataset's folder (and of its copy in the data folder).
pub const NAME: &str = "china-russia";

/// The bundled files: path relative to the dataset folder (with `/`), and contents.
pub fn files() -> &'static [(&'static str, &'static [u8])] {
    FILES
}

/// A copy of the bundled dataset in the data folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct UserCopy {
    /// The dataset folder.
    pub path: PathBuf,
    /// Written just now (`false`: it was there already and was left as it was).
    pub written: bool,
}

/// Why a copy could not be written.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CopyError {
    #[error("{}: {message}", path.display())]
    Io { path: PathBuf, message: String },
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("{}: no free name for another copy", folder.display())]
    NoFreeName { folder: PathBuf },
}

/// The user's copy, `datasets_dir/china-russia`, written from the bundled files the first
/// time. A folder already there is used as it is, never overwritten, whatever it holds now
/// (the user may have edited, added or deleted files).
pub(crate) fn ensure_copy(datasets_dir: &Path) -> Result<UserCopy, CopyError> {
    let path = datasets_dir.join(NAME);
    if path.exists() {
        return Ok(UserCopy {
            path,
            written: false,
        });
    }
    // Another instance may win the race: then its copy is the copy.
    let written = write_copy(&path, files())?;
    Ok(UserCopy { path, written })
}

/// A fresh copy of the bundled dataset beside the existing ones, under the first free name
/// of `china-russia`, `china-russia-2`, `china-russia-3`, …; nothing existing is touched.
pub(crate) fn restore_copy(datasets_dir: &Path) -> Result<PathBuf, CopyError> {
    restore_files(datasets_dir, files())
}

fn restore_files(datasets_dir: &Path, files: &[(&str, &[u8])]) -> Result<PathBuf, CopyError> {
    for n in 1..10_000 {
        let path = match n {
            1 => datasets_dir.join(NAME),
            n => datasets_dir.join(format!("{NAME}-{n}")),
        };
        if !path.exists() && write_copy(&path, files)? {
            return Ok(path);
        }
    }
    Err(CopyError::NoFreeName {
        folder: datasets_dir.to_path_buf(),
    })
}

/// Write `files` as a new dataset folder `target`. The files go, each written atomically,
/// into a hidden temporary folder beside `target`, which is then renamed to `target`: a crash
/// leaves no half copy under the real name (which would then never be completed, as an
/// existing copy is never overwritten). Returns `false`, writing nothing, if `target`
/// appeared in the meantime.
fn write_copy(target: &Path, files: &[(&str, &[u8])]) -> Result<bool, CopyError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |e: std::io::Error| CopyError::Io {
            path,
            message: e.to_string(),
        }
    };
    let folder = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map_or_else(|| NAME.into(), |n| n.to_string_lossy());
    std::fs::create_dir_all(folder).map_err(io(folder))?;
    let temp = folder.join(format!(".{name}.{}.annals-tmp", std::process::id()));
    if temp.exists() {
        // Left by a crash of a process with the same id.
        std::fs::remove_dir_all(&temp).map_err(io(&temp))?;
    }
    let result = (|| {
        for (relative, bytes) in files {
            let path = relative
                .split('/')
                .fold(temp.clone(), |path, part| path.join(part));
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(io(parent))?;
            }
            write_atomic(&path, bytes)?;
        }
        if target.exists() {
            return Ok(false);
        }
        std::fs::rename(&temp, target).map_err(io(target))?;
        Ok(true)
    })();
    if !matches!(result, Ok(true)) {
        let _ = std::fs::remove_dir_all(&temp);
    }
    match result {
        // Renaming onto a folder that appeared just before fails; that folder is the copy.
        Err(CopyError::Io { .. }) if target.exists() => Ok(false),
        result => result,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file under `dir`, as (relative path with `/`, contents), sorted.
    fn read_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
        fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(root, &path, out);
                } else {
                    let relative = path.strip_prefix(root).unwrap();
                    let relative = relative
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/");
                    out.push((relative, std::fs::read(&path).unwrap()));
                }
            }
        }
        let mut out = Vec::new();
        walk(dir, dir, &mut out);
        out.sort();
        out
    }

    fn embedded() -> Vec<(String, Vec<u8>)> {
        files()
            .iter()
            .map(|(p, b)| ((*p).to_owned(), b.to_vec()))
            .collect()
    }

    #[test]
    fn the_embedded_files_are_the_source_trees_files() {
        let source = read_tree(&crate::paths::bundled_dataset_path());
        let source: Vec<_> = source
            .into_iter()
            .filter(|(p, _)| !p.split('/').any(|part| part.starts_with('.')))
            .filter(|(p, _)| [".ron", ".md", ".txt"].iter().any(|e| p.ends_with(e)))
            .collect();
        assert_eq!(embedded(), source);
        assert!(files().iter().any(|(p, _)| *p == "manifest.ron"));
        assert!(
            files().iter().any(|(p, _)| p.starts_with("briefings/")),
            "subfolders are embedded too"
        );
    }

    #[test]
    fn the_first_copy_is_written_whole_and_loads() {
        let home = tempfile::tempdir().unwrap();
        let datasets = home.path().join("share/annals/datasets");
        let copy = ensure_copy(&datasets).unwrap();
        assert_eq!(
            copy,
            UserCopy {
                path: datasets.join("china-russia"),
                written: true
            }
        );
        assert_eq!(read_tree(&copy.path), embedded());
        // No temporary folder is left beside it.
        let names: Vec<_> = std::fs::read_dir(&datasets)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["china-russia"]);
        let loaded = crate::store::load_dataset(&copy.path);
        assert_eq!(loaded.error_count(), 0);
        assert!(!loaded.dataset.unwrap().is_empty());
    }

    #[test]
    fn an_existing_copy_is_never_overwritten() {
        let home = tempfile::tempdir().unwrap();
        let first = ensure_copy(home.path()).unwrap();
        let manifest = first.path.join("manifest.ron");
        std::fs::write(&manifest, "// mine\n").unwrap();
        let events = files()
            .iter()
            .find(|(p, _)| *p != "manifest.ron" && !p.contains('/'))
            .unwrap()
            .0;
        std::fs::remove_file(first.path.join(events)).unwrap();

        let again = ensure_copy(home.path()).unwrap();
        assert_eq!(again.path, first.path);
        assert!(!again.written);
        assert_eq!(std::fs::read_to_string(&manifest).unwrap(), "// mine\n");
        assert!(!first.path.join(events).exists(), "nothing is put back");
    }

    #[test]
    fn restoring_writes_a_fresh_copy_beside_the_others() {
        let home = tempfile::tempdir().unwrap();
        let first = ensure_copy(home.path()).unwrap().path;
        std::fs::write(first.join("manifest.ron"), "// mine\n").unwrap();

        let second = restore_copy(home.path()).unwrap();
        assert_eq!(second, home.path().join("china-russia-2"));
        assert_eq!(read_tree(&second), embedded());
        let third = restore_copy(home.path()).unwrap();
        assert_eq!(third, home.path().join("china-russia-3"));
        assert_eq!(
            std::fs::read_to_string(first.join("manifest.ron")).unwrap(),
            "// mine\n"
        );
        // With the first copy gone, restoring writes it again under its own name.
        std::fs::remove_dir_all(&first).unwrap();
        assert_eq!(restore_copy(home.path()).unwrap(), first);
        assert_eq!(read_tree(&first), embedded());
    }

    #[test]
    fn a_copy_that_cannot_be_written_says_where_and_leaves_nothing() {
        let home = tempfile::tempdir().unwrap();
        // The data folder is a file: nothing can be created under it.
        let blocked = home.path().join("datasets");
        std::fs::write(&blocked, "").unwrap();
        let error = ensure_copy(&blocked).unwrap_err().to_string();
        assert!(error.contains("datasets"), "{error}");
        // A temporary folder whose rename cannot happen is removed again.
        let datasets = home.path().join("ok");
        let files: &[(&str, &[u8])] = &[("manifest.ron", b"()"), ("a/b.ron", b"[]")];
        assert!(write_copy(&datasets.join("x"), files).unwrap());
        assert!(!write_copy(&datasets.join("x"), files).unwrap());
        assert_eq!(read_tree(&datasets.join("x")).len(), 2);
        let names: Vec<_> = std::fs::read_dir(&datasets)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["x"]);
    }
}
