//! PDF: handouts, posters and decks. Each kind is composed here as pages of vector
//! [`Scene`]s with an outline, from the same pieces as the other exports (the timeline from
//! `timeline::layout`, the handout's content from [`Handout`], a deck card's words from
//! [`super::card`]); [`write`] turns them into PDF with `krilla`, which embeds the fonts as
//! subsets (OpenType and CFF) so the text is real, selectable and searchable text on a
//! machine without them. Pure apart from krilla: no window, no files.

use krilla::Document as PdfDocument;
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect as PdfRect};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::{PageLabel, PageSettings};
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};

use super::fonts::FontSet;
use super::handout::Handout;
use super::markdown::to_plain_text;
use super::scene::{
    Colour, Palette, Pen, Scene, Shape, TimelineDrawing, draw_timeline, event_marks,
    fitted_timeline, print_style,
};
use super::{Selection, source_citation};
use crate::model::dataset::Dataset;
use crate::model::manifest::Language;
use crate::model::storyline::{ShownStep, steps_of_events};
use crate::timeline::canvas::Area;
use crate::timeline::scale::step_view;
use crate::timeline::{Grouping, Lanes, TimeView, TimelineStyle};

/// Points in a millimetre.
const PT_PER_MM: f32 = 72.0 / 25.4;

/// The kinds of PDF.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum PdfKind {
    /// A title page, the timeline across the page, then every event with its sources.
    #[default]
    Handout,
    /// The whole range on one large page, or tiled across pages with crop marks.
    Poster,
    /// One 16:9 page per storyline step, as presentation mode shows it.
    Deck,
}

/// Page size, orientation, margins and what each kind adds.
#[derive(Clone, Debug, PartialEq)]
pub struct PdfOptions {
    pub kind: PdfKind,
    /// Width and height in millimetres, orientation applied.
    pub page_mm: (f32, f32),
    pub margin_mm: f32,
    /// A poster tiled across this many pages (columns, rows); (1, 1) is one page.
    pub tiles: (u32, u32),
    /// A deck's presenter notes on a second page after each step that has some.
    pub notes: bool,
    /// The date printed on a handout's title page ("2025-01-31").
    pub generated: String,
}

impl Default for PdfOptions {
    fn default() -> Self {
        Self {
            kind: PdfKind::Handout,
            page_mm: (210.0, 297.0),
            margin_mm: 15.0,
            tiles: (1, 1),
            notes: false,
            generated: String::new(),
        }
    }
}

/// Which way round a page is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Orientation {
    Portrait,
    Landscape,
}

/// "A4", "Letter", "A3", "A2", "A1", "A5", "Legal" or "WxH" in millimetres ("297x420",
/// "297x420mm"), turned to `orientation` when one is given (else as written; a named size is
/// portrait).
pub fn parse_page(text: &str, orientation: Option<Orientation>) -> Result<(f32, f32), String> {
    let t = text.trim().to_ascii_lowercase();
    let (w, h) = match t.as_str() {
        "a5" => (148.0, 210.0),
        "a4" => (210.0, 297.0),
        "a3" => (297.0, 420.0),
        "a2" => (420.0, 594.0),
        "a1" => (594.0, 841.0),
        "a0" => (841.0, 1189.0),
        "letter" => (215.9, 279.4),
        "legal" => (215.9, 355.6),
        "tabloid" => (279.4, 431.8),
        _ => {
            let size = t.strip_suffix("mm").unwrap_or(&t);
            let (w, h) = size.split_once(['x', '×']).ok_or_else(|| {
                format!(
                    "`{text}` is not a page size: A4, Letter, A3, A2, A1 or WxH in mm (210x297)"
                )
            })?;
            let parse = |s: &str| {
                s.trim()
                    .parse::<f32>()
                    .ok()
                    .filter(|n| (50.0..=5000.0).contains(n))
            };
            match (parse(w), parse(h)) {
                (Some(w), Some(h)) => (w, h),
                _ => {
                    return Err(format!("`{text}`: width and height must be 50 to 5000 mm"));
                }
            }
        }
    };
    Ok(match orientation {
        Some(Orientation::Portrait) => (w.min(h), w.max(h)),
        Some(Orientation::Landscape) => (w.max(h), w.min(h)),
        None => (w, h),
    })
}

/// PDF options from what a person typed (the command line, the Export window): page size by name or in mm, orientation, margins in
/// mm, tiles of a poster ("2x2"), a deck's notes.
pub fn options(
    kind: PdfKind,
    page: Option<&str>,
    orientation: Option<Orientation>,
    margin_mm: f32,
    tiles: &str,
    notes: bool,
) -> Result<PdfOptions, String> {
    let (default_page, default_orientation) = match kind {
        PdfKind::Handout => ("A4", Orientation::Portrait),
        PdfKind::Poster => ("A3", Orientation::Landscape),
        PdfKind::Deck => ("338.7x190.5", Orientation::Landscape),
    };
    let page_mm = parse_page(
        page.unwrap_or(default_page),
        Some(orientation.unwrap_or(default_orientation)),
    )?;
    if !(0.0..=100.0).contains(&margin_mm) {
        return Err(format!("--margin {margin_mm}: margins are 0 to 100 mm"));
    }
    if margin_mm * 2.0 >= page_mm.0.min(page_mm.1) * 0.8 {
        return Err(format!("--margin {margin_mm}: no room left on the page"));
    }
    let (cols, rows) = tiles
        .split_once(['x', 'X', '×'])
        .and_then(|(c, r)| Some((c.trim().parse::<u32>().ok()?, r.trim().parse::<u32>().ok()?)))
        .filter(|&(c, r)| (1..=20).contains(&c) && (1..=20).contains(&r))
        .ok_or_else(|| format!("--tiles `{tiles}`: columns x rows, 1 to 20 each (2x2)"))?;
    Ok(PdfOptions {
        kind,
        page_mm,
        margin_mm,
        tiles: (cols, rows),
        notes,
        generated: String::new(),
    })
}

/// A bookmark of the outline: its title, page (from 0) and height on the page in points.
#[derive(Clone, Debug, PartialEq)]
pub struct Bookmark {
    pub title: String,
    pub page: usize,
    pub y: f32,
}

/// A PDF before it is written: its pages as drawings, its outline and what it says about
/// itself.
#[derive(Clone, Debug, Default)]
pub struct Pages {
    pub title: String,
    pub description: String,
    /// BCP 47.
    pub language: String,
    pub pages: Vec<Scene>,
    pub outline: Vec<Bookmark>,
    /// Crop marks are drawn on every page at these insets (points), for tiled posters.
    pub crop_marks: Option<f32>,
}

/// The PDF of `options.kind` for the selection.
pub fn pdf(
    dataset: &Dataset,
    selection: &Selection,
    options: &PdfOptions,
    language: Language,
    root: Option<&std::path::Path>,
) -> Result<Vec<u8>, String> {
    let fonts = FontSet::standard();
    let pages = match options.kind {
        PdfKind::Handout => handout(dataset, selection, options, language, fonts, root),
        PdfKind::Poster => poster(dataset, selection, options, language, fonts),
        PdfKind::Deck => deck(dataset, selection, options, language, fonts, root),
    };
    write(&pages, fonts)
}

fn page_size(options: &PdfOptions) -> (f32, f32) {
    (options.page_mm.0 * PT_PER_MM, options.page_mm.1 * PT_PER_MM)
}

/// Lanes of the selected events, and a view fitting them.
fn selected_lanes(dataset: &Dataset, selection: &Selection) -> (Lanes, TimeView) {
    let mut include = vec![false; dataset.len()];
    for (i, _) in &selection.items {
        if let Some(slot) = include.get_mut(*i) {
            *slot = true;
        }
    }
    let lanes = Lanes::build(dataset, Grouping::default(), |i| include[i]);
    // Known days only, as the window's "fit everything": an open end does not stretch the
    // drawing to the end of time.
    let days = selection
        .items
        .iter()
        .filter_map(|(i, _)| dataset.event(*i))
        .flat_map(|e| {
            [
                e.when.known_start().or(e.when.known_end()),
                e.when.known_end().or(e.when.known_start()),
            ]
        })
        .flatten();
    let (first, last) = days.fold((i64::MAX, i64::MIN), |(a, b), d| (a.min(d), b.max(d)));
    let view = if first <= last {
        TimeView::fit(first, last, 0.04)
    } else {
        TimeView::default()
    };
    (lanes, view)
}

/// The timeline of the selection as one drawing `size` points large (the SVG export).
pub fn timeline_scene(
    dataset: &Dataset,
    selection: &Selection,
    size: (f32, f32),
    language: Language,
) -> Scene {
    let (lanes, view) = selected_lanes(dataset, selection);
    let mut shapes = Vec::new();
    draw_timeline(
        &TimelineDrawing {
            dataset,
            lanes: &lanes,
            view,
            style: print_style(),
            palette: Palette::LIGHT,
            language,
            area: Area {
                x0: 0.0,
                y0: 0.0,
                x1: size.0,
                y1: size.1,
            },
        },
        FontSet::standard(),
        &mut shapes,
    );
    Scene {
        width: size.0,
        height: size.1,
        background: Some(Palette::LIGHT.background),
        shapes,
    }
}

/// Lines of text going down a page, starting new pages as they fill.
struct Flow<'a> {
    fonts: &'a FontSet,
    size: (f32, f32),
    margin: f32,
    /// Room kept at the top of each new page for the running header.
    top: f32,
    pages: Vec<Scene>,
    y: f32,
}

impl<'a> Flow<'a> {
    fn new(fonts: &'a FontSet, size: (f32, f32), margin: f32, top: f32) -> Self {
        Self {
            fonts,
            size,
            margin,
            top,
            pages: Vec::new(),
            y: f32::INFINITY,
        }
    }

    fn width(&self) -> f32 {
        self.size.0 - 2.0 * self.margin
    }

    fn bottom(&self) -> f32 {
        self.size.1 - self.margin - 18.0
    }

    fn new_page(&mut self) {
        self.pages.push(Scene {
            width: self.size.0,
            height: self.size.1,
            background: None,
            shapes: Vec::new(),
        });
        self.y = self.margin + self.top;
    }

    /// Make sure `height` points fit on this page.
    fn room(&mut self, height: f32) {
        if self.y + height > self.bottom() {
            self.new_page();
        }
    }

    fn push(&mut self, shape: Shape) {
        if self.pages.is_empty() {
            self.new_page();
        }
        self.pages.last_mut().expect("a page").shapes.push(shape);
    }

    /// A paragraph, wrapped, `indent` points in; returns the page and top of its first line.
    fn paragraph(
        &mut self,
        text: &str,
        size: f32,
        colour: Colour,
        bold: bool,
        indent: f32,
    ) -> (usize, f32) {
        let line_height = size * 1.35;
        let lines = self.fonts.wrap(text, size, self.width() - indent);
        self.room(line_height);
        let start = (self.pages.len() - 1, self.y);
        for line in lines {
            self.room(line_height);
            let baseline = self.y + self.fonts.ascent(size);
            let x = self.margin + indent;
            self.push(Shape::Text {
                x,
                baseline,
                size,
                colour,
                text: line,
                bold,
            });
            self.y += line_height;
        }
        start
    }

    /// A paragraph whose every line links to the web address `url`.
    fn linked_paragraph(&mut self, text: &str, size: f32, colour: Colour, url: &str) {
        let line_height = size * 1.35;
        let lines = self.fonts.wrap(text, size, self.width());
        for line in lines {
            self.room(line_height);
            let x = self.margin;
            let width = self.fonts.width(&line, size);
            self.push(Shape::Link {
                area: Area {
                    x0: x,
                    y0: self.y,
                    x1: x + width,
                    y1: self.y + line_height,
                },
                url: url.to_owned(),
            });
            self.push(Shape::text(
                x,
                self.y + self.fonts.ascent(size),
                size,
                colour,
                line,
            ));
            self.y += line_height;
        }
    }

    fn gap(&mut self, points: f32) {
        self.y += points;
    }
}

const INK: Colour = Colour::rgb(20, 20, 20);
const SOFT: Colour = Colour::rgb(85, 85, 85);
const ACCENT: Colour = Colour::rgb(199, 124, 2);

/// The handout: a title page (title, description, date range, generation date, and the
/// timeline across the page), then every event in order (date, place, participants, status,
/// caption, summary, note, numbered sources), then the sources; a running header with the
/// title and page numbers.
pub(crate) fn handout(
    dataset: &Dataset,
    selection: &Selection,
    options: &PdfOptions,
    language: Language,
    fonts: &FontSet,
    root: Option<&std::path::Path>,
) -> Pages {
    let content = Handout::new(dataset, selection, language);
    let size = page_size(options);
    let margin = options.margin_mm * PT_PER_MM;
    let mut flow = Flow::new(fonts, size, margin, 22.0);
    let mut outline = Vec::new();

    // The title page.
    flow.new_page();
    flow.y = margin;
    flow.paragraph(&content.title, 24.0, INK, true, 0.0);
    flow.gap(6.0);
    if !content.description.is_empty() {
        flow.paragraph(&to_plain_text(&content.description), 11.0, SOFT, false, 0.0);
        flow.gap(4.0);
    }
    flow.paragraph(&content.count, 11.0, SOFT, false, 0.0);
    if !options.generated.is_empty() {
        flow.paragraph(
            &crate::tr!(language, "export-generated", date = &options.generated),
            9.5,
            SOFT,
            false,
            0.0,
        );
    }
    flow.gap(12.0);
    // The timeline across the page, as large as the room allows.
    let room = flow.bottom() - flow.y;
    if room >= 160.0 {
        let (lanes, view) = selected_lanes(dataset, selection);
        let style = TimelineStyle {
            header_width: 150.0,
            ..print_style()
        };
        let area = Area {
            x0: margin,
            y0: flow.y,
            x1: size.0 - margin,
            y1: flow.y + room,
        };
        let (shapes, _, used) = fitted_timeline(
            &TimelineDrawing {
                dataset,
                lanes: &lanes,
                view,
                style,
                palette: Palette::LIGHT,
                language,
                area,
            },
            fonts,
            (0.45, 1.0),
        );
        for shape in shapes {
            flow.push(shape);
        }
        flow.push(Shape::Rect {
            area: Area {
                y1: area.y0 + used,
                ..area
            },
            radius: 0.0,
            fill: None,
            pen: Some(Pen::new(0.75, Palette::LIGHT.line)),
        });
    }

    // The events.
    flow.new_page();
    for item in &content.items {
        // The pictures, read first: a heading is never left alone at the foot of a page,
        // nor parted from its first picture.
        let max = (flow.width() * 0.6, 220.0);
        let pictures: Vec<_> = item
            .event
            .media
            .iter()
            .map(|media| {
                let fitted = (!media.is_web())
                    .then_some(root)
                    .flatten()
                    .and_then(|root| picture_fitted(root, media, max));
                (media, fitted)
            })
            .collect();
        let first_picture = pictures
            .iter()
            .find_map(|(_, fitted)| fitted.as_ref().map(|(_, (_, h))| h + 16.0))
            .unwrap_or(0.0);
        flow.room(14.0 * 1.35 + 2.0 * 10.5 * 1.35 + first_picture.max(10.5 * 1.35));
        let heading = format!("{}. {}", item.number, item.title);
        let (page, y) = flow.paragraph(&heading, 14.0, INK, true, 0.0);
        outline.push(Bookmark {
            title: heading,
            page,
            y,
        });
        let mut facts = item.when.clone();
        for fact in &item.facts {
            facts.push_str(" · ");
            facts.push_str(fact);
        }
        flow.paragraph(&facts, 10.0, ACCENT, false, 0.0);
        if let Some(caption) = item.caption {
            flow.paragraph(caption, 10.5, SOFT, false, 0.0);
        }
        for (media, fitted) in pictures {
            if media.is_web() {
                let url = media.file.trim();
                let text = crate::tr!(language, "export-picture", what = url);
                flow.linked_paragraph(&text, 9.0, SOFT, url);
                continue;
            }
            let Some((jpeg, (w, h))) = fitted else {
                continue;
            };
            flow.gap(3.0);
            flow.room(h + 14.0);
            flow.push(Shape::Image {
                area: Area {
                    x0: margin,
                    y0: flow.y,
                    x1: margin + w,
                    y1: flow.y + h,
                },
                jpeg,
            });
            flow.y += h + 2.0;
            let byline = media.byline(content.language, content.default);
            if !byline.is_empty() {
                flow.paragraph(&byline, 8.5, SOFT, false, 0.0);
            }
            flow.gap(3.0);
        }
        if !item.summary.is_empty() {
            flow.gap(2.0);
            flow.paragraph(&to_plain_text(&item.summary), 10.5, INK, false, 0.0);
        }
        if let Some(note) = &item.note {
            flow.gap(3.0);
            let (page, top) = flow.paragraph(
                &super::card::note_line(&to_plain_text(note), language),
                9.5,
                SOFT,
                false,
                10.0,
            );
            // A bar beside the note, on the page where it starts.
            if page == flow.pages.len() - 1 {
                let x = margin + 3.0;
                flow.pages[page].shapes.push(Shape::line(
                    (x, top),
                    (x, flow.y - 2.0),
                    Pen::new(2.0, ACCENT),
                ));
            }
        }
        if !item.sources.is_empty() {
            let refs: Vec<String> = item.sources.iter().map(|k| format!("[{k}]")).collect();
            flow.paragraph(
                &super::card::sources_line(&refs.join(" "), language),
                9.0,
                SOFT,
                false,
                0.0,
            );
        }
        flow.gap(10.0);
    }
    if !content.sources.is_empty() {
        flow.room(60.0);
        let heading = crate::i18n::tr(language, "export-sources");
        let (page, y) = flow.paragraph(&heading, 14.0, INK, true, 0.0);
        outline.push(Bookmark {
            title: heading,
            page,
            y,
        });
        flow.gap(4.0);
        for (k, source) in content.sources.iter().enumerate() {
            let text = format!("{}. {}", k + 1, source_citation(dataset, source, language));
            // Only http(s) addresses become links, as everywhere.
            match source
                .url
                .as_deref()
                .map(str::trim)
                .filter(|u| crate::model::event::is_web_url(u) && !u.contains(char::is_whitespace))
            {
                Some(url) => flow.linked_paragraph(&text, 9.0, INK, url),
                None => {
                    flow.paragraph(&text, 9.0, INK, false, 0.0);
                }
            }
            flow.gap(2.0);
        }
    }

    // Running header and page numbers (not on the title page's header).
    let count = flow.pages.len();
    for (n, page) in flow.pages.iter_mut().enumerate() {
        if n > 0 {
            let header = fonts.truncate(&content.title, 8.5, size.0 - 2.0 * margin);
            page.shapes.push(Shape::text(
                margin,
                margin + fonts.ascent(8.5),
                8.5,
                SOFT,
                header,
            ));
            page.shapes.push(Shape::line(
                (margin, margin + 14.0),
                (size.0 - margin, margin + 14.0),
                Pen::new(0.5, Palette::LIGHT.line),
            ));
        }
        let number = crate::tr!(language, "export-page", page = n + 1, count = count);
        let w = fonts.width(&number, 8.5);
        page.shapes.push(Shape::text(
            (size.0 - w) / 2.0,
            size.1 - margin + 4.0,
            8.5,
            SOFT,
            number,
        ));
    }
    Pages {
        title: content.title.clone(),
        description: to_plain_text(&content.description),
        language: language.code().into(),
        pages: flow.pages,
        outline,
        crop_marks: None,
    }
}

/// A picture as JPEG, and its size in points.
type Fitted = (std::sync::Arc<[u8]>, (f32, f32));

/// A picture of the dataset as JPEG, and its size in points fitting `max` (width, height),
/// never larger than 0.75 pt a pixel; `None` when it cannot be read.
fn picture_fitted(
    root: &std::path::Path,
    media: &crate::model::event::Media,
    max: (f32, f32),
) -> Option<Fitted> {
    let pixels = super::picture::load(root, media, super::handout::HANDOUT_PICTURE_SIDE).ok()?;
    let jpeg = pixels.to_jpeg().ok()?;
    let (w, h) = (pixels.width as f32, pixels.height as f32);
    let scale = (max.0 / w).min(max.1 / h).min(0.75);
    Some((jpeg.into(), (w * scale, h * scale)))
}

/// The poster: the whole range of the selection on one large page, or drawn across
/// `options.tiles` pages (each with crop marks at its margins, to be trimmed and joined).
/// Sizes are the window's, in points: titles are 13 pt on paper.
pub(crate) fn poster(
    dataset: &Dataset,
    selection: &Selection,
    options: &PdfOptions,
    language: Language,
    fonts: &FontSet,
) -> Pages {
    let page = page_size(options);
    let margin = options.margin_mm * PT_PER_MM;
    let (cols, rows) = (options.tiles.0.max(1), options.tiles.1.max(1));
    // The printable part of each page, joined into one drawing.
    let inner = (page.0 - 2.0 * margin, page.1 - 2.0 * margin);
    let whole = (inner.0 * cols as f32, inner.1 * rows as f32);
    let (lanes, view) = selected_lanes(dataset, selection);
    let mut shapes = Vec::new();
    let title_size = 28.0;
    shapes.push(Shape::Text {
        x: 0.0,
        baseline: fonts.ascent(title_size),
        size: title_size,
        colour: INK,
        text: selection.title.clone(),
        bold: true,
    });
    let top = title_size * 1.6;
    // Titles as large as the page allows (13 pt at scale 1), never below 6 pt.
    let (timeline, _, _) = fitted_timeline(
        &TimelineDrawing {
            dataset,
            lanes: &lanes,
            view,
            style: print_style(),
            palette: Palette::LIGHT,
            language,
            area: Area {
                x0: 0.0,
                y0: top,
                x1: whole.0,
                y1: whole.1,
            },
        },
        fonts,
        (0.45, 3.0),
    );
    shapes.extend(timeline);
    let outline: Vec<(String, (f32, f32))> = shapes
        .iter()
        .filter_map(|s| match s {
            Shape::BeginEvent { title, mark, .. } => Some((title.clone(), mark.centre())),
            _ => None,
        })
        .collect();
    let mut pages = Vec::new();
    let mut bookmarks = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            let (dx, dy) = (c as f32 * inner.0, r as f32 * inner.1);
            let tile = Area {
                x0: dx,
                y0: dy,
                x1: dx + inner.0,
                y1: dy + inner.1,
            };
            let index = pages.len();
            for (title, (x, y)) in &outline {
                if *x >= tile.x0 && *x < tile.x1 && *y >= tile.y0 && *y < tile.y1 {
                    bookmarks.push(Bookmark {
                        title: title.clone(),
                        page: index,
                        y: y - dy + margin - 10.0,
                    });
                }
            }
            pages.push(Scene {
                width: page.0,
                height: page.1,
                background: None,
                shapes: tile_of(&shapes, tile, (margin - dx, margin - dy)),
            });
        }
    }
    Pages {
        title: selection.title.clone(),
        description: to_plain_text(&selection.description),
        language: language.code().into(),
        pages,
        outline: bookmarks,
        crop_marks: (cols * rows > 1).then_some(margin),
    }
}

/// The shapes of `shapes` that reach into `tile`, moved by `offset` (text and marks that
/// straddle a tile's edge are on both tiles; each page clips to its printable area).
fn tile_of(shapes: &[Shape], tile: Area, offset: (f32, f32)) -> Vec<Shape> {
    let meets = |a: Area| a.x1 >= tile.x0 && a.x0 <= tile.x1 && a.y1 >= tile.y0 && a.y0 <= tile.y1;
    let mut out: Vec<Shape> = Vec::new();
    for shape in shapes {
        let keep = match shape {
            Shape::BeginEvent { .. } => true,
            // Events with nothing on this tile are dropped.
            Shape::EndEvent => {
                if matches!(out.last(), Some(Shape::BeginEvent { .. })) {
                    out.pop();
                    continue;
                }
                true
            }
            other => other.bounds().is_some_and(meets),
        };
        if keep {
            out.push(shape.transformed(1.0, offset));
        }
    }
    out
}

/// The deck: one 16:9 page per step (a storyline's, or one per event), laid out as
/// presentation mode lays out its 1280×720-point screen, without the key hints; with
/// `options.notes`, each step with notes is followed by a page of them.
pub(crate) fn deck(
    dataset: &Dataset,
    selection: &Selection,
    options: &PdfOptions,
    language: Language,
    fonts: &FontSet,
    root: Option<&std::path::Path>,
) -> Pages {
    use super::card::{CardLine, card_lines, note_line, sources_line, status_line};
    let steps: Vec<ShownStep> = match &selection.steps {
        Some(steps) => steps.clone(),
        None => steps_of_events(selection.items.iter().map(|(i, _)| *i)),
    };
    let size = (1280.0, 720.0);
    let palette = Palette::DARK;
    let text = Colour::rgb(245, 245, 245);
    let soft = Colour::rgb(200, 205, 212);
    let faint = Colour::rgb(140, 147, 158);
    let accent = Colour::rgb(255, 196, 84);
    let style = TimelineStyle {
        row_height: 30.0,
        bar_height: 16.0,
        marker_size: 14.0,
        title_size: 15.0,
        header_width: 180.0,
        ..print_style()
    };
    let margin = 24.0;
    let mut pages = Vec::new();
    let mut outline = Vec::new();
    for (index, step) in steps.iter().enumerate() {
        let mut shapes = Vec::new();
        shapes.push(Shape::text(
            margin,
            20.0 + super::scene::text_middle(fonts, 16.0),
            16.0,
            soft,
            selection.title.clone(),
        ));
        let progress = format!("{} / {}", index + 1, steps.len());
        let w = fonts.width(&progress, 14.0);
        shapes.push(Shape::text(
            size.0 - margin - w,
            size.1 - 22.0 + super::scene::text_middle(fonts, 14.0),
            14.0,
            faint,
            progress,
        ));
        let card_width = (size.0 * 0.4_f32).clamp(360.0, 620.0);
        let card = Area {
            x0: size.0 - card_width - margin,
            y0: 56.0,
            x1: size.0 - margin,
            y1: size.1 - 48.0,
        };
        // The timeline: the step's filter, its view.
        let mask = step.filter.clone().unwrap_or_default().mask(dataset);
        let lanes = Lanes::build(dataset, Grouping::default(), |i| mask[i]);
        let view = step_view(dataset, step).unwrap_or_default();
        draw_timeline(
            &TimelineDrawing {
                dataset,
                lanes: &lanes,
                view,
                style,
                palette,
                language,
                area: Area {
                    x0: margin,
                    y0: 48.0,
                    x1: card.x0 - margin,
                    y1: size.1 - 44.0,
                },
            },
            fonts,
            &mut shapes,
        );
        // The selected event's ring.
        if let Some(id) = step
            .event
            .and_then(|i| dataset.event(i))
            .map(|e| e.id.to_string())
            && let Some((_, mark)) = event_marks(&shapes).into_iter().find(|(m, _)| *m == id)
        {
            let ring = Area {
                x0: mark.x0 - 3.0,
                y0: mark.y0 - 3.0,
                x1: mark.x1 + 3.0,
                y1: mark.y1 + 3.0,
            };
            shapes.push(Shape::Rect {
                area: ring,
                radius: 4.0,
                fill: None,
                pen: Some(Pen::new(2.0, accent)),
            });
        }
        shapes.push(Shape::Rect {
            area: card,
            radius: 10.0,
            fill: Some(Colour::rgb(26, 31, 40)),
            pen: Some(Pen::new(1.0, faint.faded(0.4))),
        });
        // The card's lines, at presentation mode's sizes, smaller until they fit.
        let lines: Vec<(String, f32, Colour, f32, bool)> = card_lines(dataset, step, language)
            .into_iter()
            .map(|line| match line {
                CardLine::Title(t) => (t, 30.0, text, 0.0, true),
                CardLine::Date(t) => (t, 20.0, accent, 8.0, false),
                CardLine::Facts(t) => (t, 16.0, soft, 6.0, false),
                CardLine::Status(s) => (status_line(s, language), 14.0, accent, 6.0, false),
                CardLine::Caption(t) => (t, 20.0, text, 18.0, false),
                CardLine::Summary(t) => (t, 15.0, soft, 14.0, false),
                CardLine::Note(t) => (note_line(&t, language), 13.0, faint, 10.0, false),
                CardLine::Sources(t) => (sources_line(&t, language), 12.5, faint, 14.0, false),
                CardLine::Overview(t) => (t, 28.0, text, 0.0, true),
            })
            .collect();
        let inner = Area {
            x0: card.x0 + 24.0,
            y0: card.y0 + 24.0,
            x1: card.x1 - 24.0,
            y1: card.y1 - 24.0,
        };
        let mut scale = 1.0f32;
        let (laid, text_height) = loop {
            let mut y = 0.0;
            let mut out = Vec::new();
            for (t, size, colour, gap, bold) in &lines {
                y += gap * scale;
                let s = size * scale;
                for line in fonts.wrap(t, s, inner.width()) {
                    out.push(Shape::Text {
                        x: inner.x0,
                        baseline: inner.y0 + y + fonts.ascent(s),
                        size: s,
                        colour: *colour,
                        text: line,
                        bold: *bold,
                    });
                    y += s * 1.3;
                }
            }
            if y <= inner.height() || scale <= 0.55 {
                break (out, y);
            }
            scale -= 0.05;
        };
        shapes.extend(laid);
        // The event's first picture under the card's text, where there is room.
        let picture = step
            .event
            .and_then(|i| dataset.event(i))
            .and_then(|e| e.media.iter().find(|m| !m.is_web()));
        let room = inner.height() - text_height - 16.0 - 20.0;
        if let (Some(media), Some(root)) = (picture, root)
            && room >= 90.0
            && let Some((jpeg, (w, h))) =
                picture_fitted(root, media, (inner.width(), room.min(260.0)))
        {
            let top = inner.y0 + text_height + 16.0;
            shapes.push(Shape::Image {
                area: Area {
                    x0: inner.x0,
                    y0: top,
                    x1: inner.x0 + w,
                    y1: top + h,
                },
                jpeg,
            });
            let byline = fonts.truncate(
                &media.byline(language, dataset.language()),
                11.0,
                inner.width(),
            );
            shapes.push(Shape::text(
                inner.x0,
                top + h + 4.0 + fonts.ascent(11.0),
                11.0,
                faint,
                byline,
            ));
        }
        let title = lines.first().map_or_else(
            || crate::tr!(language, "export-step", step = index + 1),
            |l| l.0.clone(),
        );
        outline.push(Bookmark {
            title: format!("{}. {title}", index + 1),
            page: pages.len(),
            y: 0.0,
        });
        pages.push(Scene {
            width: size.0,
            height: size.1,
            background: Some(palette.background),
            shapes,
        });
        let notes = dataset.text(&step.notes, language).marked();
        if options.notes && !notes.trim().is_empty() {
            let mut shapes = vec![Shape::Text {
                x: 48.0,
                baseline: 60.0 + fonts.ascent(22.0),
                size: 22.0,
                colour: INK,
                text: crate::tr!(
                    language,
                    "export-notes-for-step",
                    step = index + 1,
                    title = title.as_str()
                ),
                bold: true,
            }];
            let mut y = 110.0;
            for line in fonts.wrap(notes.trim(), 18.0, size.0 - 96.0) {
                shapes.push(Shape::text(48.0, y + fonts.ascent(18.0), 18.0, INK, line));
                y += 18.0 * 1.4;
            }
            pages.push(Scene {
                width: size.0,
                height: size.1,
                background: Some(Colour::rgb(255, 255, 255)),
                shapes,
            });
        }
    }
    // Laid out on presentation mode's 1280×720 points, then scaled to the page's width
    // (16:9 whatever the page's height).
    let width = page_size(options).0.max(page_size(options).1);
    let scale = width / size.0;
    let pages = pages
        .into_iter()
        .map(|page| Scene {
            width: size.0 * scale,
            height: size.1 * scale,
            background: page.background,
            shapes: page
                .shapes
                .iter()
                .map(|s| s.transformed(scale, (0.0, 0.0)))
                .collect(),
        })
        .collect();
    Pages {
        title: selection.title.clone(),
        description: to_plain_text(&selection.description),
        language: language.code().into(),
        pages,
        outline,
        crop_marks: None,
    }
}

fn pdf_colour(c: Colour) -> (rgb::Color, NormalizedF32) {
    (
        rgb::Color::new(c.rgb[0], c.rgb[1], c.rgb[2]),
        NormalizedF32::new(c.alpha.clamp(0.0, 1.0)).unwrap_or(NormalizedF32::ONE),
    )
}

fn pdf_fill(c: Colour) -> Fill {
    let (colour, opacity) = pdf_colour(c);
    Fill {
        paint: colour.into(),
        opacity,
        rule: Default::default(),
    }
}

fn pdf_stroke(pen: Pen) -> Stroke {
    let (colour, opacity) = pdf_colour(pen.colour);
    Stroke {
        paint: colour.into(),
        width: pen.width,
        opacity,
        dash: pen.dash.map(|[a, b]| StrokeDash {
            array: vec![a, b],
            offset: 0.0,
        }),
        ..Default::default()
    }
}

/// A rectangle with rounded corners (`radius` 0: square).
fn rect_path(a: Area, radius: f32) -> Option<krilla::geom::Path> {
    let mut pb = PathBuilder::new();
    let r = radius.min(a.width() / 2.0).min(a.height() / 2.0).max(0.0);
    if r <= 0.0 {
        pb.push_rect(PdfRect::from_ltrb(a.x0, a.y0, a.x1, a.y1.max(a.y0 + 0.01))?);
        return pb.finish();
    }
    // Bézier circle constant.
    let k = 0.552_284_8 * r;
    pb.move_to(a.x0 + r, a.y0);
    pb.line_to(a.x1 - r, a.y0);
    pb.cubic_to(a.x1 - r + k, a.y0, a.x1, a.y0 + r - k, a.x1, a.y0 + r);
    pb.line_to(a.x1, a.y1 - r);
    pb.cubic_to(a.x1, a.y1 - r + k, a.x1 - r + k, a.y1, a.x1 - r, a.y1);
    pb.line_to(a.x0 + r, a.y1);
    pb.cubic_to(a.x0 + r - k, a.y1, a.x0, a.y1 - r + k, a.x0, a.y1 - r);
    pb.line_to(a.x0, a.y0 + r);
    pb.cubic_to(a.x0, a.y0 + r - k, a.x0 + r - k, a.y0, a.x0 + r, a.y0);
    pb.close();
    pb.finish()
}

fn circle_path(centre: (f32, f32), r: f32) -> Option<krilla::geom::Path> {
    let (cx, cy) = centre;
    rect_path(
        Area {
            x0: cx - r,
            y0: cy - r,
            x1: cx + r,
            y1: cy + r,
        },
        r,
    )
}

fn draw_filled(
    surface: &mut Surface<'_>,
    path: Option<krilla::geom::Path>,
    fill: Option<Colour>,
    pen: Option<Pen>,
) {
    let Some(path) = path else {
        return;
    };
    surface.set_fill(fill.map(pdf_fill));
    surface.set_stroke(pen.map(pdf_stroke));
    if fill.is_some() || pen.is_some() {
        surface.draw_path(&path);
    }
}

#[allow(clippy::too_many_arguments)]
fn draw_text(
    surface: &mut Surface<'_>,
    fonts: &FontSet,
    pdf_fonts: &[Font],
    (x, baseline): (f32, f32),
    size: f32,
    colour: Colour,
    text: &str,
    bold: bool,
) {
    surface.set_fill(Some(pdf_fill(colour)));
    // Bold from the one weight there is: the glyphs outlined a little as well as filled.
    surface.set_stroke(bold.then(|| pdf_stroke(Pen::new(size * 0.035, colour))));
    let mut x = x;
    for run in fonts.shape(text) {
        let glyphs: Vec<KrillaGlyph> = run
            .glyphs
            .iter()
            .map(|g| {
                KrillaGlyph::new(
                    GlyphId::new(g.id),
                    g.advance,
                    0.0,
                    0.0,
                    0.0,
                    g.range.clone(),
                    None,
                )
            })
            .collect();
        surface.draw_glyphs(
            Point::from_xy(x, baseline),
            &glyphs,
            pdf_fonts[run.face].clone(),
            &text[run.range.clone()],
            size,
            false,
        );
        x += run.advance() * size;
    }
}

fn draw_scene(surface: &mut Surface<'_>, scene: &Scene, fonts: &FontSet, pdf_fonts: &[Font]) {
    if let Some(background) = scene.background {
        draw_filled(
            surface,
            rect_path(
                Area {
                    x0: 0.0,
                    y0: 0.0,
                    x1: scene.width,
                    y1: scene.height,
                },
                0.0,
            ),
            Some(background),
            None,
        );
    }
    for shape in &scene.shapes {
        match shape {
            Shape::Rect {
                area,
                radius,
                fill,
                pen,
            } => draw_filled(surface, rect_path(*area, *radius), *fill, *pen),
            Shape::Circle {
                centre,
                radius,
                fill,
                pen,
            } => draw_filled(surface, circle_path(*centre, *radius), *fill, *pen),
            Shape::Line { from, to, pen } => {
                let mut pb = PathBuilder::new();
                pb.move_to(from.0, from.1);
                pb.line_to(to.0, to.1);
                if let Some(path) = pb.finish() {
                    surface.set_fill(None);
                    surface.set_stroke(Some(pdf_stroke(*pen)));
                    surface.draw_path(&path);
                }
            }
            Shape::Text {
                x,
                baseline,
                size,
                colour,
                text,
                bold,
            } => draw_text(
                surface,
                fonts,
                pdf_fonts,
                (*x, *baseline),
                *size,
                *colour,
                text,
                *bold,
            ),
            Shape::Image { area, jpeg } => {
                if let Ok(image) = krilla::image::Image::from_jpeg(jpeg.to_vec().into(), true)
                    && let Some(size) = krilla::geom::Size::from_wh(area.width(), area.height())
                {
                    surface
                        .push_transform(&krilla::geom::Transform::from_translate(area.x0, area.y0));
                    surface.draw_image(image, size);
                    surface.pop();
                }
            }
            Shape::Link { .. } | Shape::BeginEvent { .. } | Shape::EndEvent => {}
        }
    }
}

/// Crop marks at the corners of the area `inset` points in from the page's edges.
fn crop_marks(surface: &mut Surface<'_>, size: (f32, f32), inset: f32) {
    let pen = Pen::new(0.5, Colour::rgb(0, 0, 0));
    let len = (inset * 0.7).min(20.0);
    let mut line = |a: (f32, f32), b: (f32, f32)| {
        let mut pb = PathBuilder::new();
        pb.move_to(a.0, a.1);
        pb.line_to(b.0, b.1);
        if let Some(path) = pb.finish() {
            surface.set_fill(None);
            surface.set_stroke(Some(pdf_stroke(pen)));
            surface.draw_path(&path);
        }
    };
    for x in [inset, size.0 - inset] {
        for (y, toward) in [(0.0, len), (size.1, size.1 - len)] {
            line((x, y), (x, toward));
        }
    }
    for y in [inset, size.1 - inset] {
        for (x, toward) in [(0.0, len), (size.0, size.0 - len)] {
            line((x, y), (toward, y));
        }
    }
}

/// Write `pages` as PDF: fonts embedded as subsets, the outline, metadata (title,
/// description, language), page labels.
pub fn write(pages: &Pages, fonts: &FontSet) -> Result<Vec<u8>, String> {
    let mut document = PdfDocument::new();
    let pdf_fonts: Vec<Font> = fonts
        .faces
        .iter()
        .map(|face| {
            Font::new(face.bytes.into(), 0)
                .ok_or_else(|| format!("font {} does not read", face.family))
        })
        .collect::<Result<_, _>>()?;
    for (n, scene) in pages.pages.iter().enumerate() {
        let settings = PageSettings::from_wh(scene.width, scene.height)
            .ok_or("a page has no size")?
            .with_page_label(PageLabel::new(
                Some(krilla::page::NumberingStyle::Arabic),
                None,
                u32::try_from(n + 1)
                    .ok()
                    .and_then(std::num::NonZeroU32::new),
            ));
        let mut page = document.start_page_with(settings);
        for shape in &scene.shapes {
            if let Shape::Link { area, url } = shape
                && let Some(rect) = PdfRect::from_ltrb(area.x0, area.y0, area.x1, area.y1)
            {
                page.add_annotation(
                    krilla::annotation::LinkAnnotation::new(
                        rect,
                        krilla::annotation::Target::Action(krilla::action::Action::Link(
                            krilla::action::LinkAction::new(url.clone()),
                        )),
                    )
                    .into(),
                );
            }
        }
        let mut surface = page.surface();
        if let Some(inset) = pages.crop_marks {
            // The drawing stays inside the area between the marks.
            if let Some(clip) = rect_path(
                Area {
                    x0: inset,
                    y0: inset,
                    x1: scene.width - inset,
                    y1: scene.height - inset,
                },
                0.0,
            ) {
                surface.push_clip_path(&clip, &krilla::paint::FillRule::NonZero);
                draw_scene(&mut surface, scene, fonts, &pdf_fonts);
                surface.pop();
            }
            crop_marks(&mut surface, (scene.width, scene.height), inset);
        } else {
            draw_scene(&mut surface, scene, fonts, &pdf_fonts);
        }
        surface.finish();
        page.finish();
    }
    let mut outline = Outline::new();
    for mark in &pages.outline {
        outline.push_child(OutlineNode::new(
            mark.title.clone(),
            XyzDestination::new(mark.page, Point::from_xy(0.0, mark.y.max(0.0))),
        ));
    }
    document.set_outline(outline);
    let now = chrono::Utc::now();
    let mut metadata = Metadata::new()
        .title(pages.title.clone())
        .language(pages.language.clone())
        .creator("Annals".into())
        .producer("Annals (krilla)".into());
    {
        use chrono::{Datelike, Timelike};
        if let Ok(year) = u16::try_from(now.year()) {
            metadata = metadata.creation_date(
                DateTime::new(year)
                    .month(now.month() as u8)
                    .day(now.day() as u8)
                    .hour(now.hour() as u8)
                    .minute(now.minute() as u8)
                    .second(now.second() as u8)
                    .utc_offset_hour(0),
            );
        }
    }
    if !pages.description.is_empty() {
        metadata = metadata.description(pages.description.clone());
    }
    document.set_metadata(metadata);
    document
        .finish()
        .map_err(|e| format!("the PDF could not be written: {e:?}"))
}
