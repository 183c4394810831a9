//! Pictures of records in the window: decoded on worker threads (never on the window's),
//! kept as textures while the dataset stays open, shown as thumbnails in the detail panel and
//! large, with caption and credit, in a window of their own.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use crate::i18n::tr;
use egui::{ColorImage, RichText, TextureHandle, TextureOptions, Ui};

use crate::export::picture::{Pixels, load};
use crate::model::event::Media;
use crate::model::manifest::Language;

/// Longer side of the decoded pictures, in pixels: large enough for the big view, small
/// enough that a dozen cost little memory.
const DECODED_SIDE: u32 = 1280;

/// Height of a thumbnail in the detail panel, in points.
const THUMBNAIL_HEIGHT: f32 = 84.0;

enum Slot {
    Loading,
    Ready(TextureHandle),
    Failed(String),
}

/// Decoded pictures by file, and the picture shown large.
pub struct Pictures {
    slots: HashMap<PathBuf, Slot>,
    sender: mpsc::Sender<(PathBuf, Result<Pixels, String>)>,
    receiver: mpsc::Receiver<(PathBuf, Result<Pixels, String>)>,
    /// The picture shown large: its file and what the record says of it.
    open: Option<(PathBuf, Media)>,
    /// The language of captions, and the dataset's own (captions not written in the first
    /// are shown in the second, marked), as the last thumbnails were drawn.
    pub languages: (Language, Language),
}

impl Default for Pictures {
    fn default() -> Self {
        let (sender, receiver) = mpsc::channel();
        Self {
            slots: HashMap::new(),
            sender,
            receiver,
            languages: Default::default(),
            open: None,
        }
    }
}

impl Pictures {
    /// Forget every picture (another dataset was opened, or the files were read again).
    pub fn clear(&mut self) {
        self.slots.clear();
        self.open = None;
    }

    /// Take in what the workers decoded.
    fn receive(&mut self, ctx: &egui::Context) {
        while let Ok((path, result)) = self.receiver.try_recv() {
            let slot = match result {
                Ok(pixels) => {
                    let image = ColorImage::from_rgba_unmultiplied(
                        [pixels.width as usize, pixels.height as usize],
                        &pixels.rgba,
                    );
                    Slot::Ready(ctx.load_texture(
                        path.display().to_string(),
                        image,
                        TextureOptions::LINEAR,
                    ))
                }
                Err(message) => Slot::Failed(message),
            };
            self.slots.insert(path, slot);
        }
    }

    /// The slot of `media`, starting its decoding on a worker thread the first time.
    fn slot(&mut self, ctx: &egui::Context, root: &Path, media: &Media) -> Option<&Slot> {
        let path = media.path_in(root)?;
        if !self.slots.contains_key(&path) {
            self.slots.insert(path.clone(), Slot::Loading);
            let sender = self.sender.clone();
            let (worker_root, worker_media, worker_ctx) =
                (root.to_path_buf(), media.clone(), ctx.clone());
            let worker_path = path.clone();
            let spawned = std::thread::Builder::new()
                .name("annals-picture".into())
                .spawn(move || {
                    let result = load(&worker_root, &worker_media, DECODED_SIDE);
                    let _ = sender.send((worker_path, result));
                    worker_ctx.request_repaint();
                });
            if let Err(e) = spawned {
                self.slots.insert(path, Slot::Failed(e.to_string()));
            }
        }
        self.slots.get(&media.path_in(root)?)
    }

    /// The texture of `media` when it is decoded; starts decoding it otherwise.
    pub fn ready(
        &mut self,
        ctx: &egui::Context,
        root: &Path,
        media: &Media,
    ) -> Option<TextureHandle> {
        self.receive(ctx);
        match self.slot(ctx, root, media)? {
            Slot::Ready(texture) => Some(texture.clone()),
            Slot::Loading | Slot::Failed(_) => None,
        }
    }

    /// The pictures of a record as a row of thumbnails (web addresses as links, never
    /// fetched); a click opens one large.
    pub fn thumbnails_ui(&mut self, ui: &mut Ui, root: &Path, media: &[Media]) {
        self.receive(ui.ctx());
        let language = super::lang(ui.ctx());
        ui.horizontal_wrapped(|ui| {
            for picture in media {
                if picture.is_web() {
                    let on_the_web = tr(language, "picture-web");
                    let caption = picture
                        .caption
                        .as_ref()
                        .map(|c| c.get(self.languages.0, self.languages.1).marked())
                        .filter(|c| !c.trim().is_empty());
                    let label = caption.as_deref().unwrap_or(&on_the_web);
                    ui.hyperlink_to(format!("🌐 {label}"), &*picture.file)
                        .on_hover_text(crate::tr!(
                            language,
                            "picture-not-downloaded",
                            file = &*picture.file
                        ));
                    continue;
                }
                let byline = picture.byline(self.languages.0, self.languages.1);
                match self.slot(ui.ctx(), root, picture) {
                    Some(Slot::Ready(texture)) => {
                        let size = texture.size_vec2();
                        let scale = THUMBNAIL_HEIGHT / size.y.max(1.0);
                        let image = egui::Image::new((texture.id(), size * scale))
                            .sense(egui::Sense::click());
                        let response = ui.add(image);
                        // Named for assistive technology by its alternative text, in the
                        // language at hand; by its file when it has none.
                        let name = picture
                            .alt
                            .as_ref()
                            .map(|alt| alt.get(self.languages.0, self.languages.1).marked())
                            .filter(|alt| !alt.trim().is_empty())
                            .unwrap_or_else(|| {
                                crate::tr!(language, "picture-name", file = &*picture.file)
                            });
                        response.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Image, true, &name)
                        });
                        let clicked = response.clicked();
                        let large = tr(language, "picture-click");
                        if byline.is_empty() {
                            response.on_hover_text(large);
                        } else {
                            response.on_hover_text(format!("{byline}\n{large}"));
                        }
                        if clicked && let Some(path) = picture.path_in(root) {
                            self.open = Some((path, picture.clone()));
                        }
                    }
                    Some(Slot::Loading) => {
                        ui.add_sized([THUMBNAIL_HEIGHT, THUMBNAIL_HEIGHT], egui::Spinner::new());
                    }
                    Some(Slot::Failed(message)) => {
                        ui.label(RichText::new(format!("⚠ {message}")).weak().small());
                    }
                    None => {
                        ui.label(RichText::new(format!("⚠ {}", picture.file)).weak().small());
                    }
                }
            }
        });
    }

    /// The picture opened from a thumbnail, large, with its caption, credit and licence.
    pub fn viewer_ui(&mut self, ctx: &egui::Context) {
        let Some((path, media)) = &self.open else {
            return;
        };
        let Some(Slot::Ready(texture)) = self.slots.get(path) else {
            self.open = None;
            return;
        };
        let mut open = true;
        let texture = texture.clone();
        egui::Window::new(tr(super::lang(ctx), "picture-window"))
            .id(egui::Id::unique("picture-viewer"))
            .open(&mut open)
            .collapsible(false)
            .resizable(true)
            .default_width(720.0)
            .show(ctx, |ui| {
                let size = texture.size_vec2();
                let room = ui.available_width().min(ctx.content_rect().width() * 0.8);
                let scale = (room / size.x).min(ctx.content_rect().height() * 0.7 / size.y);
                let image = ui.add(egui::Image::new((texture.id(), size * scale.min(1.0))));
                let (language, default) = self.languages;
                if let Some(alt) = media
                    .alt
                    .as_ref()
                    .map(|a| a.get(language, default).marked())
                {
                    image.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &alt));
                }
                if let Some(caption) = &media.caption {
                    let (language, default) = self.languages;
                    crate::ui::record_text::marked_label(
                        ui,
                        caption.get(language, default),
                        |t| t,
                        language,
                    );
                }
                let mut credit: Vec<&str> = Vec::new();
                credit.extend(media.credit.as_deref());
                credit.extend(media.license.as_deref());
                if !credit.is_empty() {
                    ui.label(RichText::new(credit.join(" · ")).weak().small());
                }
                ui.label(RichText::new(&*media.file).weak().small());
            });
        if !open {
            self.open = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::render::Headless;

    #[test]
    fn thumbnails_are_drawn_once_decoded_on_a_worker() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("media")).unwrap();
        let mut png = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut png, 200, 100);
            encoder.set_color(png::ColorType::Rgb);
            let mut writer = encoder.write_header().unwrap();
            let red: Vec<u8> = (0..200 * 100).flat_map(|_| [220u8, 20, 30]).collect();
            writer.write_image_data(&red).unwrap();
        }
        std::fs::write(dir.path().join("media/red.png"), png).unwrap();
        let media = vec![
            Media {
                caption: Some("Red".into()),
                ..Media::file("media/red.png")
            },
            Media::file("https://example.org/far.jpg"),
        ];
        let mut pictures = Pictures::default();
        let mut headless = Headless::new(false);
        let root = dir.path();
        let started = std::time::Instant::now();
        while pictures.ready(&headless.ctx, root, &media[0]).is_none() {
            assert!(started.elapsed().as_secs() < 10, "decoded in time");
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let picture = headless.render((400, 200), 1.0, egui::Color32::WHITE, |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                pictures.thumbnails_ui(ui, root, &media);
            });
        });
        // The thumbnail: 84 points high, twice as wide, in red.
        let red = picture
            .pixels
            .iter()
            .filter(|p| p.r() > 180 && p.g() < 80 && p.b() < 80)
            .count();
        assert!((150 * 80..=175 * 86).contains(&red), "{red} red pixels");
        if let Some(path) = std::env::var_os("ANNALS_SAVE_THUMBNAILS") {
            std::fs::write(path, picture.to_png().unwrap()).unwrap();
        }
    }
}
