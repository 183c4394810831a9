//! Writing a file so that nothing is lost or clobbered, whatever the path names.
//!
//! The rule for every file Annals writes (saves, `fmt`, exports, imports, `generate`):
//! - a regular file (or a path that does not exist yet) is replaced atomically: a temporary
//!   file beside it, `.NAME.annals-tmp`, written, flushed and synced, then renamed over it (and
//!   the folder synced), keeping the old file's permissions;
//! - a symbolic link is followed (through any number of links) and its final target is
//!   replaced that way; the link itself stays a link;
//! - anything else (a device such as `/dev/null`, a FIFO, `/dev/stdout`) is written to
//!   directly, never renamed over; a FIFO only once a program reads from it (waiting at most
//!   [`FIFO_READER_WAIT`], then refused with a message, instead of hanging);
//! - a folder is refused.
//!
//! Temporary files left by a crash are never read as data (their names start with a dot and
//! do not end in `.ron`), and [`remove_stale_temp_files`] clears them on the next save or `fmt`
//! in that folder.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The ending of every temporary file Annals writes.
pub(crate) const TEMP_SUFFIX: &str = ".annals-tmp";

/// Why a file could not be written. The edits stay in memory whatever happens.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("`{0}` is read-only; make it writable or save the changes elsewhere")]
    ReadOnly(PathBuf),
    #[error("cannot write `{path}`: {message}")]
    Io { path: PathBuf, message: String },
}

/// Steps of an atomic write, for tests that stop it part-way as a crash would.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteStep {
    TempCreated,
    TempWritten,
    TempSynced,
    Renamed,
}

/// The temporary file used while replacing `target`: `.NAME.annals-tmp` in the same folder.
pub(crate) fn temp_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy());
    target.with_file_name(format!(".{name}{TEMP_SUFFIX}"))
}

/// Remove the temporary files a killed write left in `folder`. Returns how many were removed.
pub(crate) fn remove_stale_temp_files(folder: &Path) -> usize {
    let Ok(entries) = fs::read_dir(folder) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with('.') && name.ends_with(TEMP_SUFFIX)
        })
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

/// What a path names once links are followed.
#[derive(Debug)]
enum Target {
    /// A regular file, or nothing yet: replace it atomically.
    File(PathBuf, Option<fs::Metadata>),
    /// A device, FIFO or socket: write to it directly.
    Special(PathBuf),
}

/// Follow `path` through symbolic links to what it finally names.
fn resolve(path: &Path) -> Result<Target, WriteError> {
    let fail = |message: String| WriteError::Io {
        path: path.to_path_buf(),
        message,
    };
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        let meta = match fs::symlink_metadata(&current) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Target::File(current, None));
            }
            Err(e) => return Err(fail(describe_io(&e))),
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            // A link to a pipe or a device, such as `/dev/stdout` or a shell's `>(…)`
            // (`/dev/fd/63`): the system's links under /proc name no path (`pipe:[…]`), so
            // the link itself is what is opened and written to.
            if fs::metadata(&current).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
                return Ok(Target::Special(current));
            }
            let link = fs::read_link(&current).map_err(|e| fail(describe_io(&e)))?;
            current = match current.parent() {
                Some(parent) if link.is_relative() => parent.join(link),
                _ => link,
            };
        } else if kind.is_dir() {
            return Err(fail(if current == path {
                "it is a folder".to_owned()
            } else {
                format!("it leads to the folder `{}`", current.display())
            }));
        } else if kind.is_file() {
            return Ok(Target::File(current, Some(meta)));
        } else {
            return Ok(Target::Special(current));
        }
    }
    Err(fail("too many symbolic links in a row".to_owned()))
}

/// Write `bytes` to `path` by the rule in this module's documentation. On any failure the
/// temporary file is removed and `path` is untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_atomic_until(path, bytes, None)
}

/// [`write_atomic`] of what `write` writes, as it writes it (through a buffer): for exports
/// too big to be held in memory whole.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    write_atomic_by(path, write, None)
}

/// [`write_atomic`], stopping after `stop_after` as if the process had been killed there
/// (leaving whatever a crash would leave). For tests.
pub fn write_atomic_until(
    path: &Path,
    bytes: &[u8],
    stop_after: Option<WriteStep>,
) -> Result<(), WriteError> {
    write_atomic_by(path, |w| w.write_all(bytes), stop_after)
}

fn write_atomic_by(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    stop_after: Option<WriteStep>,
) -> Result<(), WriteError> {
    let (target, old) = match resolve(path)? {
        Target::Special(device) => return write_in_place(path, &device, write),
        Target::File(target, old) => (target, old),
    };
    let io = |e: std::io::Error| WriteError::Io {
        path: path.to_path_buf(),
        message: describe_io(&e),
    };
    if old.as_ref().is_some_and(|m| m.permissions().readonly()) {
        return Err(WriteError::ReadOnly(path.to_path_buf()));
    }
    let folder = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let temp = temp_path(&target);
    let stop = |step| stop_after == Some(step);
    let result = (|| {
        // A temporary file left by a crash is stale: start afresh.
        let _ = fs::remove_file(&temp);
        let file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(io)?;
        if stop(WriteStep::TempCreated) {
            return Ok(false);
        }
        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, file);
        write(&mut buffered).map_err(io)?;
        let file = buffered.into_inner().map_err(|e| io(e.into_error()))?;
        if stop(WriteStep::TempWritten) {
            return Ok(false);
        }
        if let Some(meta) = &old {
            fs::set_permissions(&temp, meta.permissions()).map_err(io)?;
        }
        file.sync_all().map_err(io)?;
        if stop(WriteStep::TempSynced) {
            return Ok(false);
        }
        fs::rename(&temp, &target).map_err(io)?;
        // The rename itself is made durable by syncing the folder (where the OS allows it).
        if let Ok(dir) = fs::File::open(folder) {
            let _ = dir.sync_all();
        }
        Ok(true)
    })();
    match result {
        Ok(_) => Ok(()),
        Err(e) => {
            let _ = fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// [`write_atomic`] of many files at once, each as safe as alone: every temporary file is
/// written first, then all are synced together (on several threads, so the file system
/// commits them in a few journal transactions instead of one or two each), then each is
/// renamed over its file, then each folder synced once. Formatting ten thousand small files
/// took a minute of waiting for the disk one file at a time. Results in `files` order.
pub fn write_atomic_many(files: &[(PathBuf, Vec<u8>)]) -> Vec<Result<(), WriteError>> {
    struct Pending {
        index: usize,
        temp: PathBuf,
        target: PathBuf,
        file: fs::File,
    }
    let mut results: Vec<Result<(), WriteError>> = (0..files.len()).map(|_| Ok(())).collect();
    let mut pending: Vec<Pending> = Vec::new();
    for (index, (path, bytes)) in files.iter().enumerate() {
        let io = |e: std::io::Error| WriteError::Io {
            path: path.clone(),
            message: describe_io(&e),
        };
        let prepared = (|| {
            let (target, old) = match resolve(path)? {
                Target::Special(device) => {
                    write_in_place(path, &device, |w| w.write_all(bytes))?;
                    return Ok(None);
                }
                Target::File(target, old) => (target, old),
            };
            if old.as_ref().is_some_and(|m| m.permissions().readonly()) {
                return Err(WriteError::ReadOnly(path.clone()));
            }
            let temp = temp_path(&target);
            let _ = fs::remove_file(&temp);
            let mut file = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&temp)
                .map_err(io)?;
            let written = file.write_all(bytes).and_then(|()| {
                old.as_ref().map_or(Ok(()), |meta| {
                    fs::set_permissions(&temp, meta.permissions())
                })
            });
            if let Err(e) = written {
                let _ = fs::remove_file(&temp);
                return Err(io(e));
            }
            Ok(Some(Pending {
                index,
                temp,
                target,
                file,
            }))
        })();
        match prepared {
            Ok(Some(p)) => pending.push(p),
            Ok(None) => {}
            Err(e) => results[index] = Err(e),
        }
    }
    // Sync on several threads: a sync mostly waits on the disk.
    let synced: Vec<std::io::Result<()>> = {
        let threads = pending.len().clamp(1, 16);
        let per = pending.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            let handles: Vec<_> = pending
                .chunks(per)
                .map(|chunk| {
                    scope.spawn(move || chunk.iter().map(|p| p.file.sync_all()).collect::<Vec<_>>())
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    };
    let mut folders: Vec<PathBuf> = Vec::new();
    for (p, sync) in pending.into_iter().zip(synced) {
        let path = &files[p.index].0;
        let io = |e: std::io::Error| WriteError::Io {
            path: path.clone(),
            message: describe_io(&e),
        };
        drop(p.file);
        if let Err(e) = sync.and_then(|()| fs::rename(&p.temp, &p.target)) {
            let _ = fs::remove_file(&p.temp);
            results[p.index] = Err(io(e));
            continue;
        }
        let folder = p
            .target
            .parent()
            .filter(|f| !f.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        if !folders.contains(&folder) {
            folders.push(folder);
        }
    }
    // The renames made durable, once a folder.
    for folder in folders {
        if let Ok(dir) = fs::File::open(&folder) {
            let _ = dir.sync_all();
        }
    }
    results
}

/// Write to a device or FIFO as it is: it cannot be replaced, and renaming over it would
/// destroy it.
fn write_in_place(
    path: &Path,
    device: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let io = |e: std::io::Error| WriteError::Io {
        path: path.to_path_buf(),
        message: describe_io(&e),
    };
    let file = open_in_place(device).map_err(io)?;
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, file);
    write(&mut buffered).map_err(io)?;
    buffered.flush().map_err(io)
}

/// How long a write into a FIFO waits for a program to read from it before giving up.
pub const FIFO_READER_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Open a device or FIFO for writing. A FIFO nobody reads from would block the opening for
/// ever: it is opened without waiting, again every few milliseconds for up to
/// [`FIFO_READER_WAIT`], and refused with a message if no reader came.
fn open_in_place(device: &Path) -> std::io::Result<fs::File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{FileTypeExt as _, OpenOptionsExt as _};
        if fs::metadata(device).is_ok_and(|m| m.file_type().is_fifo()) {
            let started = std::time::Instant::now();
            loop {
                let probe = fs::OpenOptions::new()
                    .write(true)
                    .custom_flags(libc::O_NONBLOCK)
                    .open(device);
                match probe {
                    // A reader is there: open it again as usual (at once, since it is), so
                    // that writes wait for the reader rather than fail; then let the probe go.
                    Ok(probe) => {
                        let file = fs::OpenOptions::new().write(true).open(device);
                        drop(probe);
                        return file;
                    }
                    Err(e) if e.raw_os_error() == Some(libc::ENXIO) => {
                        if started.elapsed() >= FIFO_READER_WAIT {
                            return Err(std::io::Error::other(format!(
                                "it is a FIFO (named pipe) and no program read from it within {} s",
                                FIFO_READER_WAIT.as_secs()
                            )));
                        }
                        std::thread::sleep(std::time::Duration::from_millis(10));
                    }
                    Err(e) => return Err(e),
                }
            }
        }
    }
    fs::OpenOptions::new().write(true).open(device)
}

pub(crate) fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::StorageFull => "the disk is full".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".to_owned(),
        _ => e.to_string(),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::FileTypeExt as _;

    #[test]
    fn temporary_files_say_what_they_are() {
        assert_eq!(
            temp_path(Path::new("data/visits-2024.ron")),
            Path::new("data/.visits-2024.ron.annals-tmp")
        );
    }

    #[test]
    fn a_symlink_is_followed_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.ron");
        let link = dir.path().join("link.ron");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink("real.ron", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        // A chain of links, and a dangling one: the final target is written.
        let chain = dir.path().join("chain.ron");
        std::os::unix::fs::symlink(&link, &chain).unwrap();
        write_atomic(&chain, b"newer").unwrap();
        assert_eq!(fs::read_to_string(&real).unwrap(), "newer");
        let dangling = dir.path().join("dangling.ron");
        std::os::unix::fs::symlink("later.ron", &dangling).unwrap();
        write_atomic(&dangling, b"born").unwrap();
        assert!(
            fs::symlink_metadata(&dangling)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("later.ron")).unwrap(),
            "born"
        );
    }

    #[test]
    fn a_fifo_is_written_to_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(status.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(&fifo).unwrap())
        };
        write_atomic(&fifo, b"through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(remove_stale_temp_files(dir.path()), 0);
    }

    #[test]
    fn a_device_is_written_to_not_replaced() {
        // /dev/null itself, and (as root, where mknod works) a device node made for the test.
        write_atomic(Path::new("/dev/null"), b"gone").unwrap();
        assert!(
            fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
        let dir = tempfile::tempdir().unwrap();
        let node = dir.path().join("null");
        let made = std::process::Command::new("mknod")
            .arg(&node)
            .args(["c", "1", "3"])
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if made {
            write_atomic(&node, b"gone").unwrap();
            assert!(fs::metadata(&node).unwrap().file_type().is_char_device());
        }
    }

    #[test]
    fn a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomic(dir.path(), b"x").unwrap_err();
        assert!(err.to_string().contains("folder"), "{err}");
    }

    #[test]
    fn stale_temporary_files_are_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("events.ron");
        fs::write(&path, "old").unwrap();
        write_atomic_until(&path, b"new", Some(WriteStep::TempWritten)).unwrap();
        let temp = temp_path(&path);
        assert!(temp.exists());
        // The next write replaces it; a sweep removes any left.
        write_atomic(&path, b"new").unwrap();
        assert!(!temp.exists());
        fs::write(&temp, "half").unwrap();
        fs::write(dir.path().join(".other.ron.4242.annals-tmp"), "half").unwrap();
        assert_eq!(remove_stale_temp_files(dir.path()), 2);
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn many_files_at_once_are_each_replaced_or_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.ron");
        let b = dir.path().join("b.ron");
        let read_only = dir.path().join("ro.ron");
        let link = dir.path().join("link.ron");
        fs::write(&a, "old a").unwrap();
        fs::write(&read_only, "kept").unwrap();
        let mut perms = fs::metadata(&read_only).unwrap().permissions();
        perms.set_readonly(true);
        fs::set_permissions(&read_only, perms).unwrap();
        std::os::unix::fs::symlink("a.ron", &link).unwrap();
        let results = write_atomic_many(&[
            (a.clone(), b"new a".to_vec()),
            (b.clone(), b"new b".to_vec()),
            (read_only.clone(), b"lost".to_vec()),
            (dir.path().join("no-such-folder/c.ron"), b"c".to_vec()),
        ]);
        assert!(results[0].is_ok() && results[1].is_ok());
        assert!(matches!(results[2], Err(WriteError::ReadOnly(_))));
        assert!(results[3].is_err());
        assert_eq!(fs::read_to_string(&link).unwrap(), "new a");
        assert_eq!(fs::read_to_string(&b).unwrap(), "new b");
        assert_eq!(fs::read_to_string(&read_only).unwrap(), "kept");
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            !names.iter().any(|n| n.ends_with(TEMP_SUFFIX)),
            "no temporary file left: {names:?}"
        );
    }
}
