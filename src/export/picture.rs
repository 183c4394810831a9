//! Pictures of records, decoded for showing and printing: read (at most the size cap),
//! decoded (PNG, JPEG or WebP, told by their first bytes), and made smaller. Used off the
//! window's thread for thumbnails, and by the handouts and decks. Pure apart from reading the
//! file: no window.

use std::path::Path;

use crate::model::event::{Media, PictureFormat};

/// A decoded picture: RGBA pixels, row by row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

/// The picture `media` names in the dataset folder `root`, decoded and made at most
/// `max_side` pixels on its longer side. Web addresses are never fetched: they are an error
/// here, as are files that are missing, too large, not PNG, JPEG or WebP, not regular files,
/// or reached through a link that leads out of the dataset folder (never read).
pub fn load(root: &Path, media: &Media, max_side: u32) -> Result<Pixels, String> {
    let bytes = crate::store::pictures::read_media(root, media)?;
    decode(&bytes, max_side).map_err(|e| format!("“{}”: {e}", media.file))
}

/// PNG, JPEG or WebP bytes decoded and made at most `max_side` pixels on the longer side.
pub fn decode(bytes: &[u8], max_side: u32) -> Result<Pixels, String> {
    let format = match PictureFormat::sniff(bytes) {
        Some(PictureFormat::Png) => image::ImageFormat::Png,
        Some(PictureFormat::Jpeg) => image::ImageFormat::Jpeg,
        Some(PictureFormat::Webp) => image::ImageFormat::WebP,
        None => return Err("not a PNG, JPEG or WebP picture".into()),
    };
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    // Refuse pictures whose pixels alone would take more than 512 MB.
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let picture = reader.decode().map_err(|e| e.to_string())?;
    let picture = if picture.width().max(picture.height()) > max_side {
        picture.thumbnail(max_side, max_side)
    } else {
        picture
    };
    let rgba = picture.to_rgba8();
    Ok(Pixels {
        width: rgba.width(),
        height: rgba.height(),
        rgba: rgba.into_raw(),
    })
}

impl Pixels {
    /// As JPEG (quality 82, on white where it was transparent), for handouts.
    pub fn to_jpeg(&self) -> Result<Vec<u8>, String> {
        let rgb: Vec<u8> = self
            .rgba
            .chunks_exact(4)
            .flat_map(|p| {
                let a = u16::from(p[3]);
                let over = |c: u8| ((u16::from(c) * a + 255 * (255 - a)) / 255) as u8;
                [over(p[0]), over(p[1]), over(p[2])]
            })
            .collect();
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82)
            .encode(
                &rgb,
                self.width,
                self.height,
                image::ExtendedColorType::Rgb8,
            )
            .map_err(|e| e.to_string())?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let pixels: Vec<u8> = (0..w * h)
            .flat_map(|i| [(i % 256) as u8, 50, 200])
            .collect();
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(&pixels, w, h, image::ExtendedColorType::Rgb8)
            .unwrap();
        out
    }

    use image::ImageEncoder as _;

    #[test]
    fn pictures_decode_shrink_and_reencode() {
        let big = decode(&png(300, 120), 100).unwrap();
        assert_eq!((big.width, big.height), (100, 40));
        assert_eq!(big.rgba.len(), 100 * 40 * 4);
        let small = decode(&png(30, 20), 100).unwrap();
        assert_eq!((small.width, small.height), (30, 20));
        let jpeg = small.to_jpeg().unwrap();
        assert_eq!(PictureFormat::sniff(&jpeg), Some(PictureFormat::Jpeg));
        let back = decode(&jpeg, 100).unwrap();
        assert_eq!((back.width, back.height), (30, 20));
        assert!(decode(b"GIF89a....", 100).is_err());
        assert!(
            decode(&png(30, 20)[..40], 100).is_err(),
            "a cut file is an error"
        );
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.png"), png(8, 8)).unwrap();
        assert!(load(dir.path(), &Media::file("a.png"), 64).is_ok());
        assert!(load(dir.path(), &Media::file("https://e.org/a.png"), 64).is_err());
        assert!(load(dir.path(), &Media::file("../a.png"), 64).is_err());
    }
}
