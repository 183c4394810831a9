//! Pictures without a window or a GPU: egui draws a frame into a headless context, its
//! tessellated triangles are filled on the CPU (with the font atlas as texture), and the result
//! is written as PNG. The same code paints the window and the pictures, so an exported slide
//! looks like the screen.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use egui::TexturesDelta;
use egui::epaint::{ClippedPrimitive, Primitive, TextureId};
use egui::{Color32, Context, Pos2, Rect, Ui, Vec2};

use super::present::slide::{DESIGN_HEIGHT, PresentInput, presentation_ui};
use super::timeline_view::{TimelineInput, TimelineStyle, TitleWidths, timeline_ui};
use crate::model::dataset::{Dataset, EventIndex};
use crate::model::manifest::Language;
use crate::timeline::{Grouping, Lanes, TimeView};

/// An RGBA picture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picture {
    pub width: u32,
    pub height: u32,
    /// Row by row, top to bottom; opaque.
    pub pixels: Vec<Color32>,
}

impl Picture {
    pub fn pixel(&self, x: u32, y: u32) -> Color32 {
        self.pixels[(y * self.width + x) as usize]
    }

    /// Encode as PNG.
    pub fn to_png(&self) -> Result<Vec<u8>, String> {
        let mut bytes = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut bytes, self.width, self.height);
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
            let data: Vec<u8> = self
                .pixels
                .iter()
                .flat_map(|c| [c.r(), c.g(), c.b()])
                .collect();
            writer.write_image_data(&data).map_err(|e| e.to_string())?;
        }
        Ok(bytes)
    }
}

/// The textures egui asked for, kept up to date from each frame's deltas.
#[derive(Default)]
struct Textures {
    images: HashMap<TextureId, ([usize; 2], Vec<Color32>)>,
}

impl Textures {
    fn apply(&mut self, delta: &TexturesDelta) {
        for (id, deltas) in &delta.set {
            for d in deltas {
                let egui::ImageData::Color(image) = &d.image;
                match d.pos {
                    None => {
                        self.images.insert(*id, (image.size, image.pixels.clone()));
                    }
                    Some([x0, y0]) => {
                        let Some((size, pixels)) = self.images.get_mut(id) else {
                            continue;
                        };
                        for y in 0..image.size[1] {
                            for x in 0..image.size[0] {
                                let (tx, ty) = (x0 + x, y0 + y);
                                if tx < size[0] && ty < size[1] {
                                    pixels[ty * size[0] + tx] = image.pixels[y * image.size[0] + x];
                                }
                            }
                        }
                    }
                }
            }
        }
        for id in &delta.free {
            self.images.remove(id);
        }
    }

    /// Bilinear sample at normalised coordinates; white where there is no texture.
    fn sample(&self, id: TextureId, u: f32, v: f32) -> [f32; 4] {
        let Some((size, pixels)) = self.images.get(&id) else {
            return [255.0; 4];
        };
        let (w, h) = (size[0], size[1]);
        if w == 0 || h == 0 {
            return [255.0; 4];
        }
        let x = (u * w as f32 - 0.5).clamp(0.0, (w - 1) as f32);
        let y = (v * h as f32 - 0.5).clamp(0.0, (h - 1) as f32);
        let (x0, y0) = (x.floor() as usize, y.floor() as usize);
        let (x1, y1) = ((x0 + 1).min(w - 1), (y0 + 1).min(h - 1));
        let (fx, fy) = (x - x0 as f32, y - y0 as f32);
        let at = |x: usize, y: usize| pixels[y * w + x].to_array();
        let (a, b, c, d) = (at(x0, y0), at(x1, y0), at(x0, y1), at(x1, y1));
        let mut out = [0.0; 4];
        for k in 0..4 {
            let top = f32::from(a[k]) * (1.0 - fx) + f32::from(b[k]) * fx;
            let bottom = f32::from(c[k]) * (1.0 - fx) + f32::from(d[k]) * fx;
            out[k] = top * (1.0 - fy) + bottom * fy;
        }
        out
    }
}

/// Fill the triangles of `primitives` over `background`. Colours are premultiplied sRGB and
/// blended as egui's own renderers blend them.
fn rasterize(
    primitives: &[ClippedPrimitive],
    textures: &Textures,
    (width, height): (u32, u32),
    pixels_per_point: f32,
    background: Color32,
) -> Picture {
    let mut canvas: Vec<[f32; 4]> =
        vec![background.to_array().map(f32::from); (width * height) as usize];
    for clipped in primitives {
        let Primitive::Mesh(mesh) = &clipped.primitive else {
            continue;
        };
        let clip = Rect::from_min_max(
            (clipped.clip_rect.min.to_vec2() * pixels_per_point).to_pos2(),
            (clipped.clip_rect.max.to_vec2() * pixels_per_point).to_pos2(),
        )
        .intersect(Rect::from_min_size(
            Pos2::ZERO,
            Vec2::new(width as f32, height as f32),
        ));
        if clip.width() <= 0.0 || clip.height() <= 0.0 {
            continue;
        }
        for tri in mesh.indices.chunks_exact(3) {
            let v = [
                &mesh.vertices[tri[0] as usize],
                &mesh.vertices[tri[1] as usize],
                &mesh.vertices[tri[2] as usize],
            ];
            let p = v.map(|v| v.pos.to_vec2() * pixels_per_point);
            let area =
                (p[1].x - p[0].x) * (p[2].y - p[0].y) - (p[2].x - p[0].x) * (p[1].y - p[0].y);
            if area.abs() < 1e-6 {
                continue;
            }
            let min_x = p
                .iter()
                .map(|p| p.x)
                .fold(f32::INFINITY, f32::min)
                .max(clip.min.x);
            let max_x = p
                .iter()
                .map(|p| p.x)
                .fold(f32::NEG_INFINITY, f32::max)
                .min(clip.max.x);
            let min_y = p
                .iter()
                .map(|p| p.y)
                .fold(f32::INFINITY, f32::min)
                .max(clip.min.y);
            let max_y = p
                .iter()
                .map(|p| p.y)
                .fold(f32::NEG_INFINITY, f32::max)
                .min(clip.max.y);
            if min_x >= max_x || min_y >= max_y {
                continue;
            }
            let colours = v.map(|v| v.color.to_array().map(f32::from));
            let textured = !v.iter().all(|v| v.uv == egui::epaint::WHITE_UV);
            for y in (min_y.floor() as u32)..(max_y.ceil() as u32).min(height) {
                let py = y as f32 + 0.5;
                if py < min_y || py > max_y {
                    continue;
                }
                for x in (min_x.floor() as u32)..(max_x.ceil() as u32).min(width) {
                    let px = x as f32 + 0.5;
                    if px < min_x || px > max_x {
                        continue;
                    }
                    let edge =
                        |a: Vec2, b: Vec2| (b.x - a.x) * (py - a.y) - (b.y - a.y) * (px - a.x);
                    let w0 = edge(p[1], p[2]) / area;
                    let w1 = edge(p[2], p[0]) / area;
                    let w2 = edge(p[0], p[1]) / area;
                    if w0 < -1e-4 || w1 < -1e-4 || w2 < -1e-4 {
                        continue;
                    }
                    let mut src = [0.0f32; 4];
                    for (k, s) in src.iter_mut().enumerate() {
                        *s = colours[0][k] * w0 + colours[1][k] * w1 + colours[2][k] * w2;
                    }
                    if textured {
                        let u = v[0].uv.x * w0 + v[1].uv.x * w1 + v[2].uv.x * w2;
                        let t = v[0].uv.y * w0 + v[1].uv.y * w1 + v[2].uv.y * w2;
                        let texel = textures.sample(mesh.texture_id, u, t);
                        for k in 0..4 {
                            src[k] *= texel[k] / 255.0;
                        }
                    }
                    let dst = &mut canvas[(y * width + x) as usize];
                    let keep = 1.0 - src[3] / 255.0;
                    for k in 0..4 {
                        dst[k] = src[k] + dst[k] * keep;
                    }
                }
            }
        }
    }
    Picture {
        width,
        height,
        pixels: canvas
            .into_iter()
            .map(|c| {
                let [r, g, b, _] = c.map(|x| x.round().clamp(0.0, 255.0) as u8);
                Color32::from_rgb(r, g, b)
            })
            .collect(),
    }
}

/// A headless egui context and the textures it has sent so far (egui sends the font atlas
/// once, then only what changes, so one context keeps one texture store).
pub struct Headless {
    pub ctx: Context,
    textures: Textures,
}

impl Headless {
    /// A fresh context with Annals' fonts, dark or light.
    pub fn new(dark: bool) -> Self {
        Self {
            ctx: headless_context(dark),
            textures: Textures::default(),
        }
    }

    /// Draw with `draw` at `size` pixels and `pixels_per_point`, and fill the result. A few
    /// frames are run so that sizes measured in one frame are used in the next, as on screen.
    pub fn render(
        &mut self,
        size: (u32, u32),
        pixels_per_point: f32,
        background: Color32,
        draw: impl FnMut(&mut Ui),
    ) -> Picture {
        render_with(
            &self.ctx,
            &mut self.textures,
            size,
            pixels_per_point,
            background,
            draw,
        )
    }

    /// Run `draw` for the same frames as [`Self::render`] and return the shapes the last frame
    /// painted, before tessellation: for tests that check what is drawn (a circle's fill, a
    /// text) where a picture would be too coarse.
    pub fn shapes(
        &mut self,
        size: (u32, u32),
        pixels_per_point: f32,
        draw: impl FnMut(&mut Ui),
    ) -> Vec<egui::epaint::ClippedShape> {
        run_frames(&self.ctx, &mut self.textures, size, pixels_per_point, draw)
            .map(|out| out.shapes)
            .unwrap_or_default()
    }
}

fn render_with(
    ctx: &Context,
    textures: &mut Textures,
    size: (u32, u32),
    pixels_per_point: f32,
    background: Color32,
    draw: impl FnMut(&mut Ui),
) -> Picture {
    let Some(out) = run_frames(ctx, textures, size, pixels_per_point, draw) else {
        return Picture {
            width: size.0,
            height: size.1,
            pixels: vec![background; (size.0 * size.1) as usize],
        };
    };
    let primitives = ctx.tessellate(out.shapes, out.pixels_per_point);
    rasterize(
        &primitives,
        textures,
        size,
        out.pixels_per_point,
        background,
    )
}

/// Run a few frames of `draw` (so that sizes measured in one frame are used in the next, as on
/// screen), keeping `textures` up to date; returns the last frame's output.
fn run_frames(
    ctx: &Context,
    textures: &mut Textures,
    size: (u32, u32),
    pixels_per_point: f32,
    mut draw: impl FnMut(&mut Ui),
) -> Option<egui::FullOutput> {
    let points = Vec2::new(size.0 as f32, size.1 as f32) / pixels_per_point;
    let mut input = egui::RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, points)),
        max_texture_side: Some(8192),
        ..Default::default()
    };
    input
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .native_pixels_per_point = Some(pixels_per_point);
    let mut output = None;
    for frame in 0..3 {
        input.time = Some(frame as f64 * 10.0);
        let mut out = ctx.run_ui(input.clone(), |ui| draw(ui));
        textures.apply(&out.textures_delta);
        out.textures_delta.clear();
        output = Some(out);
    }
    output
}

/// A fresh headless context with Annals' fonts and the given look.
fn headless_context(dark: bool) -> Context {
    let ctx = Context::default();
    super::fonts::install(&ctx);
    ctx.set_theme(if dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    });
    ctx
}

/// How many pixels a point is in pictures of `height` pixels: the layout is that of a
/// 720-point-high screen.
pub fn pixels_per_point_for(height: u32) -> f32 {
    (height as f32 / DESIGN_HEIGHT).max(0.5)
}

/// What a picture of the timeline shows.
pub(crate) struct TimelineScene<'a> {
    pub dataset: &'a Dataset,
    pub lanes: &'a Lanes,
    pub view: TimeView,
    pub selected: Option<EventIndex>,
    pub matches: &'a std::collections::HashSet<EventIndex>,
    pub language: Language,
    pub style: &'a TimelineStyle,
}

/// A picture of the timeline alone (no panels), at `size` pixels, dark or light.
pub(crate) fn timeline_picture(
    scene: &TimelineScene<'_>,
    size: (u32, u32),
    dark: bool,
) -> Option<Picture> {
    let mut headless = Headless::new(dark);
    let background = headless.ctx.global_style().visuals.panel_fill;
    let mut widths = TitleWidths::default();
    Some(
        headless.render(size, pixels_per_point_for(size.1), background, |ui| {
            timeline_scene_ui(ui, scene, &mut widths);
        }),
    )
}

/// What a picture of the timeline draws: the timeline as in the window, without the window's
/// counts of what is in view.
fn timeline_scene_ui(ui: &mut Ui, scene: &TimelineScene<'_>, widths: &mut TitleWidths) {
    let style = TimelineStyle {
        lane_counts: false,
        ..*scene.style
    };
    let input = TimelineInput {
        dataset: scene.dataset,
        lanes: scene.lanes,
        view: &scene.view,
        selected: scene.selected,
        matches: (!scene.matches.is_empty()).then_some(scene.matches),
        language: scene.language,
        style: &style,
    };
    egui::CentralPanel::default().show(ui, |ui| {
        timeline_ui(ui, &input, widths);
    });
}

/// `annals export --format png` of a whole dataset: every event, fitted, in the light theme,
/// written to `out`; names in `language`.
pub fn write_timeline_picture(
    dataset: &Dataset,
    out: &Path,
    size: (u32, u32),
    language: Language,
) -> Result<Vec<PathBuf>, String> {
    let lanes = Lanes::build(dataset, Grouping::default(), |_| true);
    let (first, last) = dataset.extent().ok_or("nothing to draw")?;
    let scene = TimelineScene {
        dataset,
        lanes: &lanes,
        view: TimeView::fit(first, last, 0.04),
        selected: None,
        matches: &std::collections::HashSet::new(),
        language,
        style: &TimelineStyle::default(),
    };
    let picture = timeline_picture(&scene, size, false).ok_or("nothing to draw")?;
    write_png(out, &picture)?;
    Ok(vec![out.to_path_buf()])
}

fn write_png(path: &Path, picture: &Picture) -> Result<(), String> {
    let bytes = picture.to_png()?;
    crate::store::save::write_atomic(path, &bytes).map_err(|e| e.to_string())
}

/// The slides of storyline `name` (as presentation mode shows them), one picture per step,
/// their words in `language`.
pub fn slides(
    loaded: &crate::store::Loaded,
    name: &str,
    size: (u32, u32),
    language: Language,
) -> Result<Vec<Picture>, String> {
    let dataset = loaded.dataset.as_ref().ok_or("the dataset has errors")?;
    let (_, story) = loaded
        .storyline(name)
        .ok_or_else(|| format!("no storyline `{name}` in briefings/"))?;
    let steps = story.resolve(dataset);
    let mut headless = Headless::new(true);
    // A slide for a deck: without the window's counts of what is in view, nor its keys.
    let style = TimelineStyle {
        lane_counts: false,
        ..super::present::slide::timeline_style()
    };
    let mut widths = TitleWidths::default();
    let background = super::present::slide::colours::BACKGROUND;
    let mut pictures = Vec::with_capacity(steps.len());
    for (index, step) in steps.iter().enumerate() {
        let filter = step.filter.clone().unwrap_or_default();
        let mask = filter.mask(dataset);
        let lanes = Lanes::build(dataset, Grouping::default(), |i| mask[i]);
        let view = super::present::step_view(dataset, step).unwrap_or_default();
        // The event's first picture, decoded here and now (no window to wait on).
        let picture = step
            .event
            .and_then(|i| dataset.event(i))
            .and_then(|e| e.media.iter().find(|m| !m.is_web()))
            .and_then(|m| {
                let pixels = crate::export::picture::load(&loaded.root, m, 1280).ok()?;
                let image = egui::ColorImage::from_rgba_unmultiplied(
                    [pixels.width as usize, pixels.height as usize],
                    &pixels.rgba,
                );
                let texture =
                    headless
                        .ctx
                        .load_texture(&*m.file, image, egui::TextureOptions::LINEAR);
                Some((texture, m.byline(language, dataset.language())))
            });
        let story_title = dataset.text(&story.title, language).marked();
        let input = PresentInput {
            dataset,
            lanes: &lanes,
            view: &view,
            step,
            index,
            count: steps.len(),
            title: &story_title,
            language,
            style: &style,
            key_hints: false,
            picture: picture.as_ref().map(|(t, b)| (t, b.as_str())),
        };
        pictures.push(
            headless.render(size, pixels_per_point_for(size.1), background, |ui| {
                egui::CentralPanel::no_frame().show(ui, |ui| {
                    presentation_ui(ui, &input, &mut widths);
                });
            }),
        );
    }
    Ok(pictures)
}

/// `annals export --format png --storyline NAME`: the slides into the folder `out`
/// (`step-01.png`, …). Returns the files written.
pub(crate) fn write_slides(
    loaded: &crate::store::Loaded,
    name: &str,
    out: &Path,
    size: (u32, u32),
    language: Language,
) -> Result<Vec<PathBuf>, String> {
    let pictures = slides(loaded, name, size, language)?;
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create `{}`: {e}", out.display()))?;
    let mut written = Vec::new();
    for (step, picture) in pictures.iter().enumerate() {
        let path = out.join(format!("step-{:02}.png", step + 1));
        write_png(&path, picture)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text a frame of `draw` paints.
    fn texts(draw: impl FnMut(&mut Ui)) -> Vec<String> {
        placed_texts(draw).into_iter().map(|(t, _)| t).collect()
    }

    /// Every text a frame of `draw` paints, with where it starts.
    pub(super) fn placed_texts(draw: impl FnMut(&mut Ui)) -> Vec<(String, Pos2)> {
        let mut headless = Headless::new(true);
        let mut out = Vec::new();
        let mut shapes: Vec<egui::Shape> = headless
            .shapes((1280, 720), 1.0, draw)
            .into_iter()
            .map(|c| c.shape)
            .collect();
        while let Some(shape) = shapes.pop() {
            match shape {
                egui::Shape::Vec(inner) => shapes.extend(inner),
                egui::Shape::Text(t) => out.push((t.galley.text().to_owned(), t.pos)),
                _ => {}
            }
        }
        out
    }

    /// A picture of the timeline in Chinese names its lanes and periods as the dataset writes
    /// them in Chinese, and marks the one label written in English only.
    #[test]
    fn pictures_name_lanes_and_periods_in_the_language_asked_for() {
        let manifest: crate::model::Manifest = crate::store::parse::ron_options()
            .from_str(
                r##"(
                    title: (en: "Neighbours", zh: "睦邻"),
                    categories: [
                        (id: "meeting", label: (en: "Regular meeting", zh: "定期会晤"), colour: "#c0392b"),
                        (id: "treaty", label: "Treaties", colour: "#27ae60"),
                    ],
                    periods: [(id: "culture", title: (en: "Years of Culture", zh: "文化年"), when: "2010/2020")],
                )"##,
            )
            .unwrap();
        let events = [
            ("a", "2001", "treaty"),
            ("b", "2012", "meeting"),
            ("c", "2024", "meeting"),
        ]
        .map(|(id, when, kind)| {
            crate::model::Event::new(id, id, crate::model::EventDate::parse(when).unwrap(), kind)
        });
        let dataset = Dataset::new(manifest, events.into());
        let lanes = Lanes::build(&dataset, Grouping::default(), |_| true);
        let (first, last) = dataset.extent().unwrap();
        for (language, lane, period, english) in [
            (
                Language::Chinese,
                "定期会晤",
                "文化年",
                ["Regular meeting", "Years of Culture"],
            ),
            (
                Language::English,
                "Regular meeting",
                "Years of Culture",
                ["定期会晤", "文化年"],
            ),
        ] {
            let scene = TimelineScene {
                dataset: &dataset,
                lanes: &lanes,
                view: TimeView::fit(first, last, 0.04),
                selected: None,
                matches: &std::collections::HashSet::new(),
                language,
                style: &TimelineStyle::default(),
            };
            let mut widths = TitleWidths::default();
            let picture = texts(|ui| timeline_scene_ui(ui, &scene, &mut widths));
            for expected in [lane, period] {
                assert!(
                    picture.iter().any(|t| t == expected),
                    "{language:?}: {picture:?}"
                );
            }
            for word in english {
                assert!(
                    !picture.iter().any(|t| t.contains(word)),
                    "{language:?}: {picture:?}"
                );
            }
            // The label written in English only: marked in Chinese, the marker drawn after it.
            assert!(picture.iter().any(|t| t == "Treaties"), "{picture:?}");
            let marked = picture.iter().any(|t| t == " [en]");
            assert_eq!(marked, language != Language::English, "{picture:?}");
        }
    }

    /// Pictures and slides are for a document or a deck: the window's counts of what is in
    /// view and the presentation's keys stay in the window.
    #[test]
    fn pictures_and_slides_carry_no_window_chrome() {
        let loaded = crate::store::load_dataset(&crate::paths::bundled_dataset_path());
        let dataset = loaded.dataset.as_ref().unwrap();
        let lanes = Lanes::build(dataset, Grouping::default(), |_| true);
        let (first, last) = dataset.extent().unwrap();
        let style = TimelineStyle::default();
        assert!(style.lane_counts, "the window counts what is in view");
        let scene = TimelineScene {
            dataset,
            lanes: &lanes,
            view: TimeView::fit(first, last, 0.04),
            selected: None,
            matches: &std::collections::HashSet::new(),
            language: Language::English,
            style: &style,
        };
        let mut widths = TitleWidths::default();
        let picture = texts(|ui| timeline_scene_ui(ui, &scene, &mut widths));
        assert!(picture.iter().any(|t| t.contains("Regular meeting")));
        assert!(
            !picture.iter().any(|t| t.contains("in view")),
            "{picture:?}"
        );

        // A slide: the same as on screen but the keys' reminder.
        let pictures = slides(&loaded, "regular-meetings", (1280, 720), Language::English).unwrap();
        let background = super::super::present::slide::colours::BACKGROUND;
        let slide = &pictures[0];
        // Where the reminder would be: the bottom left, under the timeline.
        for y in 690..706 {
            for x in 24..700 {
                assert_eq!(slide.pixel(x, y), background, "at {x},{y}");
            }
        }
    }
}

/// The slides of every storyline of the bundled dataset name their step's event on the
/// timeline, beside the card, wherever the slide's timeline has room for its title.
#[cfg(test)]
#[test]
fn every_slide_names_its_event_on_the_timeline() {
    use super::present::slide::{card_rect, timeline_style};
    let loaded = crate::store::load_dataset(&crate::paths::bundled_dataset_path());
    let dataset = loaded.dataset.as_ref().unwrap();
    let style = timeline_style();
    let full = Rect::from_min_size(Pos2::ZERO, Vec2::new(1280.0, DESIGN_HEIGHT));
    let card = card_rect(full);
    let mut stories: Vec<(String, Vec<crate::model::storyline::ShownStep>)> = loaded
        .storylines
        .iter()
        .map(|(name, story)| (name.clone(), story.resolve(dataset)))
        .collect();
    stories.push((
        "shown events".into(),
        crate::model::storyline::steps_of_events(0..dataset.len()),
    ));
    for (name, steps) in &stories {
        for (index, step) in steps.iter().enumerate() {
            let Some(event) = step.event.and_then(|i| dataset.event(i)) else {
                continue;
            };
            let filter = step.filter.clone().unwrap_or_default();
            let mask = filter.mask(dataset);
            let lanes = Lanes::build(dataset, Grouping::default(), |i| mask[i]);
            let view = super::present::step_view(dataset, step).unwrap_or_default();
            let input = PresentInput {
                dataset,
                lanes: &lanes,
                view: &view,
                step,
                index,
                count: steps.len(),
                title: name,
                language: Language::English,
                style: &style,
                key_hints: false,
                picture: None,
            };
            let mut widths = TitleWidths::default();
            let texts = tests::placed_texts(|ui| {
                egui::CentralPanel::no_frame().show(ui, |ui| {
                    presentation_ui(ui, &input, &mut widths);
                });
            });
            let title = dataset.text(&event.title, Language::English).marked();
            assert!(
                texts
                    .iter()
                    .any(|(t, pos)| t.ends_with(&title) && pos.x < card.left()),
                "{name}, step {}: “{title}” is not named on the timeline",
                index + 1
            );
        }
    }
}
