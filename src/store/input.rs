//! Reading a file someone named (a dataset's file, a file to import, a picture): only a
//! regular file is read, and at most a size cap of it. A FIFO, a device (`/dev/zero`), a
//! socket or a folder is refused before it is opened, so nothing hangs on a pipe nobody writes
//! to nor reads an endless device into memory; a file that grows past the cap while it is
//! read is refused too. Every reader of such files goes through [`read_regular`] (or
//! [`open_regular`] for the first bytes of one).

use std::fs;
use std::io::Read as _;
use std::path::Path;

/// Files larger than this are refused rather than read into memory: 256 MiB (a dataset's file,
/// a TimelineJS file to import).
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// What a path names when it is not a regular file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Folder,
    Fifo,
    Device,
    Socket,
    Other,
}

impl Kind {
    /// The kind of `file_type`, which is not a regular file.
    pub fn of(file_type: &fs::FileType) -> Self {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt as _;
            if file_type.is_fifo() {
                return Self::Fifo;
            }
            if file_type.is_char_device() || file_type.is_block_device() {
                return Self::Device;
            }
            if file_type.is_socket() {
                return Self::Socket;
            }
        }
        if file_type.is_dir() {
            Self::Folder
        } else {
            Self::Other
        }
    }

    /// "a FIFO (named pipe)", in English (the command line's words).
    pub fn describe(self) -> &'static str {
        match self {
            Self::Folder => "a folder",
            Self::Fifo => "a FIFO (named pipe)",
            Self::Device => "a device",
            Self::Socket => "a socket",
            Self::Other => "not a regular file",
        }
    }
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// The system's reason (missing, no permission, a link loop…).
    Io(std::io::Error),
    /// Not a regular file: never opened (or, if it became one between the look and the
    /// opening, opened without waiting and not read).
    NotAFile(Kind),
    /// `size` bytes, over the cap.
    TooLarge { size: u64, cap: u64 },
    /// It grew past the cap while it was read.
    Grew { cap: u64 },
}

impl ReadError {
    /// Whether the file does not exist (or is a link to nothing).
    pub fn is_missing(&self) -> bool {
        matches!(self, Self::Io(e) if e.kind() == std::io::ErrorKind::NotFound)
    }
}

/// `bytes` in MiB as a person reads it: "257" or "20.5".
pub fn mib(bytes: u64) -> String {
    let value = bytes as f64 / (1024.0 * 1024.0);
    if value.fract() == 0.0 || value >= 100.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Io(e) => write!(f, "{}", super::atomic::describe_io(e)),
            Self::NotAFile(kind) => write!(
                f,
                "it is {}, not a file; only regular files are read",
                kind.describe()
            ),
            Self::TooLarge { size, cap } => write!(
                f,
                "it is {} MiB; files over {} MiB are not read",
                mib(*size),
                mib(*cap)
            ),
            Self::Grew { cap } => write!(
                f,
                "it grew past {} MiB while being read; files over that are not read",
                mib(*cap)
            ),
        }
    }
}

impl std::error::Error for ReadError {}

/// Open `path` for reading if it is a regular file (links followed), with its size. What is
/// not a regular file is refused from its metadata before it is opened; the opening itself
/// never waits (a FIFO put in its place meanwhile is opened without blocking, seen, and
/// refused).
pub fn open_regular(path: &Path) -> Result<(fs::File, u64), ReadError> {
    let meta = fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(Kind::of(&meta.file_type())));
    }
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // No effect on a regular file's reads; keeps a FIFO's opening from waiting.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(Kind::of(&meta.file_type())));
    }
    Ok((file, meta.len()))
}

/// The bytes of the regular file at `path`, at most `cap` of them (see [`open_regular`]).
/// Reads at most one byte past the cap, whatever the file does meanwhile.
pub fn read_regular(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let (file, size) = open_regular(path)?;
    if size > cap {
        return Err(ReadError::TooLarge { size, cap });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::Grew { cap });
    }
    Ok(bytes)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_are_read_and_never_past_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.json");
        fs::write(&file, b"0123456789").unwrap();
        assert_eq!(read_regular(&file, 10).unwrap(), b"0123456789");
        assert!(matches!(
            read_regular(&file, 9),
            Err(ReadError::TooLarge { size: 10, cap: 9 })
        ));
        // A link to a regular file is followed.
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert_eq!(read_regular(&link, 10).unwrap().len(), 10);
        // An endless device and a folder are refused without being read.
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), MAX_INPUT_BYTES),
            Err(ReadError::NotAFile(Kind::Device))
        ));
        assert!(matches!(
            read_regular(dir.path(), MAX_INPUT_BYTES),
            Err(ReadError::NotAFile(Kind::Folder))
        ));
        // A FIFO nobody writes to: refused at once, not waited on.
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        if made {
            let start = std::time::Instant::now();
            let err = read_regular(&fifo, MAX_INPUT_BYTES).unwrap_err();
            assert!(matches!(err, ReadError::NotAFile(Kind::Fifo)), "{err}");
            assert!(start.elapsed().as_secs() < 2);
            assert_eq!(
                err.to_string(),
                "it is a FIFO (named pipe), not a file; only regular files are read"
            );
        }
        let missing = read_regular(&dir.path().join("nope"), 10).unwrap_err();
        assert!(missing.is_missing());
        assert_eq!(mib(257 * 1024 * 1024), "257");
        assert_eq!(mib(21 * 1024 * 1024 + 512 * 1024), "21.5");
    }
}
