//! Pictures of a dataset: where a record's picture is once links are followed (only inside
//! the dataset folder), and a file chosen in the editor copied into the dataset's `media/`
//! folder (atomically, never over a different file), for the record to name it there.

use std::path::{Path, PathBuf};

use super::input::{ReadError, read_regular};
use crate::model::event::{Media, PICTURE_SIZE_CAP, PictureFormat};

/// The folder of a dataset that holds its pictures.
pub const MEDIA_DIR: &str = "media";

/// Why a record's picture is not a file of the dataset to read.
#[derive(Debug)]
pub enum MediaPathError {
    /// An address, or a path that leaves the folder as written (absolute, `..`).
    NotInFolder,
    /// Nothing there (or a link to nothing); the path it would be at.
    Missing(PathBuf),
    /// A link (of the file or of a folder on its way) leads out of the dataset folder: to
    /// this file.
    Outside(PathBuf),
    /// The system's reason (a link loop, no permission).
    Unreadable(std::io::Error),
}

/// The file the picture `media` names in the dataset folder `root`, with every link followed,
/// when it stays inside `root` (itself with its links followed): the only pictures Annals reads.
/// A link under `media/` to a file elsewhere is refused, so that neither the window nor an
/// export ever reads, shows or embeds a file from outside the dataset.
pub fn media_file(root: &Path, media: &Media) -> Result<PathBuf, MediaPathError> {
    let path = media.path_in(root).ok_or(MediaPathError::NotInFolder)?;
    let real = match std::fs::canonicalize(&path) {
        Ok(real) => real,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(MediaPathError::Missing(path));
        }
        Err(e) => return Err(MediaPathError::Unreadable(e)),
    };
    let root = if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    };
    let root = std::fs::canonicalize(root).map_err(MediaPathError::Unreadable)?;
    if real.starts_with(&root) {
        Ok(real)
    } else {
        Err(MediaPathError::Outside(real))
    }
}

/// The bytes of the picture `media` names in `root` (see [`media_file`]): a regular file of
/// at most [`PICTURE_SIZE_CAP`], read as such. The error is said in English.
pub fn read_media(root: &Path, media: &Media) -> Result<Vec<u8>, String> {
    let path = media_file(root, media).map_err(|e| match e {
        MediaPathError::NotInFolder => format!("“{}” is not a file of the dataset", media.file),
        MediaPathError::Missing(_) => format!("“{}” is missing", media.file),
        MediaPathError::Outside(target) => format!(
            "“{}” leads outside the dataset folder (to `{}`) and is not read",
            media.file,
            target.display()
        ),
        MediaPathError::Unreadable(e) => format!("“{}”: {e}", media.file),
    })?;
    read_regular(&path, PICTURE_SIZE_CAP).map_err(|e| format!("“{}”: {e}", media.file))
}

/// Copy the picture at `from` into `root/media/` and return the path the record should name
/// (`media/NAME`). The file must be PNG, JPEG or WebP (told by its bytes) and at most the
/// size cap. A file of the same name and the same bytes is reused; one with other bytes is
/// kept, and the copy takes a new name (`NAME-2.jpg`, …).
pub fn copy_into_dataset(root: &Path, from: &Path) -> Result<String, String> {
    let bytes = read_regular(from, PICTURE_SIZE_CAP).map_err(|e| match e {
        ReadError::TooLarge { size, .. } => format!(
            "`{}` is {:.1} MB; pictures over {} MB are not shown",
            from.display(),
            size as f64 / 1e6,
            PICTURE_SIZE_CAP / 1024 / 1024
        ),
        e => format!("cannot read `{}`: {e}", from.display()),
    })?;
    let format = PictureFormat::sniff(&bytes)
        .ok_or_else(|| format!("`{}` is not a PNG, JPEG or WebP picture", from.display()))?;
    // A plain name: letters, digits, - and _ kept, the rest as -, the format's ending.
    let stem: String = from
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_matches('-');
    let stem = if stem.is_empty() { "picture" } else { stem };
    let folder = root.join(MEDIA_DIR);
    std::fs::create_dir_all(&folder)
        .map_err(|e| format!("cannot create `{}`: {e}", folder.display()))?;
    for n in 1.. {
        let name = if n == 1 {
            format!("{stem}.{}", format.extension())
        } else {
            format!("{stem}-{n}.{}", format.extension())
        };
        let to = folder.join(&name);
        // Only a regular file of that name is compared (a link, a FIFO… keeps its name).
        let taken = std::fs::symlink_metadata(&to).ok();
        if taken.as_ref().is_some_and(|m| !m.is_file()) {
            continue;
        }
        match read_regular(&to, PICTURE_SIZE_CAP) {
            Ok(existing) if existing == bytes => return Ok(format!("{MEDIA_DIR}/{name}")),
            Ok(_) => continue,
            Err(_) if taken.is_some() => continue,
            Err(_) => {
                super::save::write_atomic(&to, &bytes).map_err(|e| e.to_string())?;
                return Ok(format!("{MEDIA_DIR}/{name}"));
            }
        }
    }
    unreachable!("some name is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_copied_into_media_without_overwriting() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("set");
        std::fs::create_dir_all(&root).unwrap();
        let jpeg_a = [0xff, 0xd8, 0xff, 0xe0, 1, 2, 3];
        let jpeg_b = [0xff, 0xd8, 0xff, 0xe0, 4, 5, 6];
        let a = dir.path().join("Talks in Beijing.JPEG");
        std::fs::write(&a, jpeg_a).unwrap();
        assert_eq!(
            copy_into_dataset(&root, &a).unwrap(),
            "media/Talks-in-Beijing.jpg"
        );
        // The same bytes again: the same file.
        assert_eq!(
            copy_into_dataset(&root, &a).unwrap(),
            "media/Talks-in-Beijing.jpg"
        );
        // Other bytes under the same name: a new name, the old file untouched.
        let other = dir.path().join("other");
        std::fs::create_dir_all(&other).unwrap();
        let b = other.join("Talks in Beijing.jpg");
        std::fs::write(&b, jpeg_b).unwrap();
        assert_eq!(
            copy_into_dataset(&root, &b).unwrap(),
            "media/Talks-in-Beijing-2.jpg"
        );
        assert_eq!(
            std::fs::read(root.join("media/Talks-in-Beijing.jpg")).unwrap(),
            jpeg_a
        );
        let text = dir.path().join("notes.png");
        std::fs::write(&text, "hello").unwrap();
        assert!(
            copy_into_dataset(&root, &text)
                .unwrap_err()
                .contains("not a PNG, JPEG or WebP")
        );
    }
}
