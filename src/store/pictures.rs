//! Pictures brought into a dataset: a file chosen in the editor is copied into the dataset's
//! `media/` folder (atomically, never over a different file), and the record names it there.

use std::path::Path;

use crate::model::event::{PICTURE_SIZE_CAP, PictureFormat};

/// The folder of a dataset that holds its pictures.
pub const MEDIA_DIR: &str = "media";

/// Copy the picture at `from` into `root/media/` and return the path the record should name
/// (`media/NAME`). The file must be PNG, JPEG or WebP (told by its bytes) and at most the
/// size cap. A file of the same name and the same bytes is reused; one with other bytes is
/// kept, and the copy takes a new name (`NAME-2.jpg`, …).
pub fn copy_into_dataset(root: &Path, from: &Path) -> Result<String, String> {
    let size = std::fs::metadata(from)
        .map_err(|e| format!("cannot read `{}`: {e}", from.display()))?
        .len();
    if size > PICTURE_SIZE_CAP {
        return Err(format!(
            "`{}` is {:.1} MB; pictures over {} MB are not shown",
            from.display(),
            size as f64 / 1e6,
            PICTURE_SIZE_CAP / 1024 / 1024
        ));
    }
    let bytes =
        std::fs::read(from).map_err(|e| format!("cannot read `{}`: {e}", from.display()))?;
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
        match std::fs::read(&to) {
            Ok(existing) if existing == bytes => return Ok(format!("{MEDIA_DIR}/{name}")),
            Ok(_) => continue,
            Err(_) if to.exists() => continue,
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
