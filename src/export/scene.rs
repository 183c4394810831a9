//! Vector drawings: rectangles, circles, lines and runs of text in points, which the SVG and
//! PDF writers turn into their own syntax; and the timeline drawn as such a drawing from the
//! pure layout (`timeline::layout`, `timeline::canvas`), exactly where the window puts each
//! thing. Pure: no window, no files.

use std::collections::BTreeMap;

use super::fonts::FontSet;
use crate::i18n::Language;
use crate::model::dataset::{Dataset, EventIndex};
use crate::model::date::Precision;
use crate::timeline::canvas::{
    Area, compact_count, display_title, place_cluster, place_item, place_lanes,
};
use crate::timeline::{Grouping, LaneLayout, Lanes, TimeView, TimelineStyle, layout_lanes, ruler};

/// An sRGB colour and its opacity (0 to 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Colour {
    pub rgb: [u8; 3],
    pub alpha: f32,
}

impl Colour {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self {
            rgb: [r, g, b],
            alpha: 1.0,
        }
    }

    /// The same colour, `alpha` times as opaque.
    pub fn faded(self, alpha: f32) -> Self {
        Self {
            alpha: self.alpha * alpha,
            ..self
        }
    }

    /// This colour laid over an opaque `under`.
    pub fn over(self, under: Colour) -> Colour {
        let mix = |a: u8, b: u8| {
            (f32::from(a) * self.alpha + f32::from(b) * (1.0 - self.alpha)).round() as u8
        };
        Colour::rgb(
            mix(self.rgb[0], under.rgb[0]),
            mix(self.rgb[1], under.rgb[1]),
            mix(self.rgb[2], under.rgb[2]),
        )
    }

    /// Black or white, whichever reads better on this (opaque) colour.
    pub fn text_on(self) -> Colour {
        let [r, g, b] = self.rgb.map(f32::from);
        if 0.299 * r + 0.587 * g + 0.114 * b > 150.0 {
            Colour::rgb(0, 0, 0)
        } else {
            Colour::rgb(255, 255, 255)
        }
    }

    /// `#rrggbb`.
    pub fn hex(self) -> String {
        let [r, g, b] = self.rgb;
        format!("#{r:02x}{g:02x}{b:02x}")
    }
}

/// How a line is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pen {
    pub width: f32,
    pub colour: Colour,
    /// Dash and gap lengths, for a dashed line.
    pub dash: Option<[f32; 2]>,
}

impl Pen {
    pub fn new(width: f32, colour: Colour) -> Self {
        Self {
            width,
            colour,
            dash: None,
        }
    }
}

/// One thing drawn, in points from the drawing's top left.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Rect {
        area: Area,
        radius: f32,
        fill: Option<Colour>,
        pen: Option<Pen>,
    },
    Circle {
        centre: (f32, f32),
        radius: f32,
        fill: Option<Colour>,
        pen: Option<Pen>,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        pen: Pen,
    },
    /// One line of text starting at `x`, its baseline at `baseline`.
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        colour: Colour,
        text: String,
        bold: bool,
    },
    /// A link to a web address over `area` (PDF only; the text under it is drawn apart).
    Link {
        area: Area,
        url: String,
    },
    /// A picture (JPEG) filling `area`.
    Image {
        area: Area,
        jpeg: std::sync::Arc<[u8]>,
    },
    /// The shapes up to the matching [`Shape::EndEvent`] draw one event: its id, title and
    /// mark (for SVG groups, tooltips and tests).
    BeginEvent {
        id: String,
        title: String,
        mark: Area,
    },
    EndEvent,
}

impl Shape {
    pub fn text(x: f32, baseline: f32, size: f32, colour: Colour, text: impl Into<String>) -> Self {
        Shape::Text {
            x,
            baseline,
            size,
            colour,
            text: text.into(),
            bold: false,
        }
    }

    pub fn fill(area: Area, colour: Colour) -> Self {
        Shape::Rect {
            area,
            radius: 0.0,
            fill: Some(colour),
            pen: None,
        }
    }

    pub fn line(from: (f32, f32), to: (f32, f32), pen: Pen) -> Self {
        Shape::Line { from, to, pen }
    }
}

impl Shape {
    /// Where the shape draws (text generously: its width is not known here); `None` for the
    /// event markers, which draw nothing.
    pub fn bounds(&self) -> Option<Area> {
        let around = |(x, y): (f32, f32), r: f32| Area {
            x0: x - r,
            y0: y - r,
            x1: x + r,
            y1: y + r,
        };
        match self {
            Shape::Rect { area, .. } | Shape::Image { area, .. } | Shape::Link { area, .. } => {
                Some(*area)
            }
            Shape::Circle { centre, radius, .. } => Some(around(*centre, *radius)),
            Shape::Line { from, to, .. } => Some(Area {
                x0: from.0.min(to.0),
                y0: from.1.min(to.1),
                x1: from.0.max(to.0),
                y1: from.1.max(to.1),
            }),
            Shape::Text {
                x,
                baseline,
                size,
                text,
                ..
            } => Some(Area {
                x0: *x,
                y0: baseline - size,
                x1: x + size * text.chars().count() as f32,
                y1: baseline + size * 0.3,
            }),
            Shape::BeginEvent { .. } | Shape::EndEvent => None,
        }
    }

    /// The shape scaled by `scale` around the origin, then moved by `offset`.
    pub fn transformed(&self, scale: f32, offset: (f32, f32)) -> Shape {
        let (dx, dy) = offset;
        let point = |(x, y): (f32, f32)| (x * scale + dx, y * scale + dy);
        let area = |a: &Area| Area {
            x0: a.x0 * scale + dx,
            y0: a.y0 * scale + dy,
            x1: a.x1 * scale + dx,
            y1: a.y1 * scale + dy,
        };
        let pen = |p: &Pen| Pen {
            width: p.width * scale,
            dash: p.dash.map(|d| d.map(|x| x * scale)),
            ..*p
        };
        match self {
            Shape::Rect {
                area: a,
                radius,
                fill,
                pen: p,
            } => Shape::Rect {
                area: area(a),
                radius: radius * scale,
                fill: *fill,
                pen: p.as_ref().map(pen),
            },
            Shape::Circle {
                centre,
                radius,
                fill,
                pen: p,
            } => Shape::Circle {
                centre: point(*centre),
                radius: radius * scale,
                fill: *fill,
                pen: p.as_ref().map(pen),
            },
            Shape::Line { from, to, pen: p } => Shape::Line {
                from: point(*from),
                to: point(*to),
                pen: pen(p),
            },
            Shape::Text {
                x,
                baseline,
                size,
                colour,
                text,
                bold,
            } => Shape::Text {
                x: x * scale + dx,
                baseline: baseline * scale + dy,
                size: size * scale,
                colour: *colour,
                text: text.clone(),
                bold: *bold,
            },
            Shape::Link { area: a, url } => Shape::Link {
                area: area(a),
                url: url.clone(),
            },
            Shape::Image { area: a, jpeg } => Shape::Image {
                area: area(a),
                jpeg: jpeg.clone(),
            },
            Shape::BeginEvent { id, title, mark } => Shape::BeginEvent {
                id: id.clone(),
                title: title.clone(),
                mark: area(mark),
            },
            Shape::EndEvent => Shape::EndEvent,
        }
    }
}

/// A drawing: its size in points and what is drawn, in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    pub width: f32,
    pub height: f32,
    pub background: Option<Colour>,
    pub shapes: Vec<Shape>,
}

/// The colours of a printed timeline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub background: Colour,
    /// Behind the events.
    pub canvas: Colour,
    /// The axis and the lane headers.
    pub faint: Colour,
    pub line: Colour,
    pub text: Colour,
    pub strong: Colour,
    pub weak: Colour,
    /// Events whose category has no colour.
    pub unknown: Colour,
}

impl Palette {
    /// Black on white, for paper.
    pub const LIGHT: Palette = Palette {
        background: Colour::rgb(255, 255, 255),
        canvas: Colour::rgb(255, 255, 255),
        faint: Colour::rgb(244, 244, 244),
        line: Colour::rgb(190, 190, 190),
        text: Colour::rgb(50, 50, 50),
        strong: Colour::rgb(0, 0, 0),
        weak: Colour::rgb(120, 120, 120),
        unknown: Colour::rgb(128, 128, 128),
    };

    /// Presentation mode's high-contrast colours.
    pub const DARK: Palette = Palette {
        background: Colour::rgb(14, 17, 22),
        canvas: Colour::rgb(10, 12, 16),
        faint: Colour::rgb(26, 31, 40),
        line: Colour::rgb(80, 86, 96),
        text: Colour::rgb(200, 205, 212),
        strong: Colour::rgb(245, 245, 245),
        weak: Colour::rgb(140, 147, 158),
        unknown: Colour::rgb(128, 128, 128),
    };
}

/// What a drawing of the timeline shows, and where.
#[derive(Clone, Copy, Debug)]
pub struct TimelineDrawing<'a> {
    pub dataset: &'a Dataset,
    pub lanes: &'a Lanes,
    pub view: TimeView,
    pub style: TimelineStyle,
    pub palette: Palette,
    /// Where on the page: lane headers (when there are lanes), axis and lanes.
    pub area: Area,
    /// The language of the time axis's labels and of the events' titles.
    pub language: Language,
}

/// The timeline's parts on a drawing: where the canvas is (the time axis and the lanes,
/// without the headers) and what the layout placed in each lane.
#[derive(Clone, Debug)]
pub struct DrawnTimeline {
    pub canvas: Area,
    pub laid: Vec<(LaneLayout, usize)>,
}

/// The style of printed timelines: the window's sizes, titles left out rather than cut, no
/// overview strip (it is for moving about).
pub fn print_style() -> TimelineStyle {
    TimelineStyle {
        overview_height: 0.0,
        clip_titles: false,
        ..TimelineStyle::default()
    }
}

/// Draw the timeline into `out`, as the window draws it (`ui::timeline_view`): axis, period
/// bands, lane headers, series lines, events and clusters. Titles are measured with `fonts`.
pub fn draw_timeline(
    drawing: &TimelineDrawing<'_>,
    fonts: &FontSet,
    out: &mut Vec<Shape>,
) -> DrawnTimeline {
    let TimelineDrawing {
        dataset,
        lanes,
        view,
        style,
        palette,
        area,
        language,
    } = *drawing;
    let header_width = if lanes.grouping == Grouping::None {
        0.0
    } else {
        style.header_width
    };
    let canvas = Area {
        x0: area.x0 + header_width,
        y0: area.y0,
        x1: area.x1,
        y1: area.y1 - style.overview_height,
    };
    let axis = Area {
        y1: canvas.y0 + style.axis_height,
        ..canvas
    };
    let events = Area {
        y0: axis.y1,
        ..canvas
    };
    out.push(Shape::fill(area, palette.background));
    out.push(Shape::fill(canvas, palette.canvas));
    draw_axis(drawing, axis, canvas, fonts, out);
    draw_periods(dataset, (&view, language), events, &palette, fonts, out);

    let total_rows = style.total_rows(events.height(), lanes.lanes.len());
    let params = style.layout_params(canvas.width());
    let laid = layout_lanes(dataset, &lanes.lanes, &view, &params, total_rows, |i| {
        dataset.event(i).map_or(0.0, |e| {
            fonts.width(&display_title(e, dataset, language), style.title_size)
        })
    });
    let places = place_lanes(&laid, events.y0, &style);

    // Lane headers, then the series lines under the events.
    let mut centres: BTreeMap<EventIndex, (usize, (f32, f32))> = BTreeMap::new();
    for (k, (((layout, _), lane), place)) in laid.iter().zip(&lanes.lanes).zip(&places).enumerate()
    {
        if header_width > 0.0 {
            let header = Area {
                x0: area.x0,
                y0: place.top,
                x1: area.x0 + header_width,
                y1: (place.top + place.height).min(events.y1),
            };
            let title = lanes.title_in(lane, dataset, language);
            draw_lane_header(
                header,
                canvas.x1,
                (lane, &title, language),
                layout.visible,
                &palette,
                fonts,
                out,
            );
        }
        for item in &layout.items {
            let mark = place_item(item, canvas.x0, place.rows_top, &style).mark;
            centres.insert(item.event, (k, mark.centre()));
        }
    }
    let series_pen = Pen::new(1.0, palette.weak.faded(0.45));
    for (&index, &(lane, from)) in &centres {
        if let Some(next) = dataset.next_in_series(index)
            && let Some(&(next_lane, to)) = centres.get(&next)
            && next_lane == lane
        {
            out.push(Shape::line(from, to, series_pen));
        }
    }

    let title_baseline = |cy: f32| cy + text_middle(fonts, style.title_size);
    for (((layout, _), lane), place) in laid.iter().zip(&lanes.lanes).zip(&places) {
        for item in &layout.items {
            let Some(event) = dataset.event(item.event) else {
                continue;
            };
            let p = place_item(item, canvas.x0, place.rows_top, &style);
            let title = display_title(event, dataset, language);
            out.push(Shape::BeginEvent {
                id: event.id.to_string(),
                title: title.clone(),
                mark: p.mark,
            });
            let colour = dataset.category(&event.kind).map_or(palette.unknown, |c| {
                Colour::rgb(c.colour.0[0], c.colour.0[1], c.colour.0[2])
            });
            let fill = if event.when.precision() == Precision::Day {
                colour
            } else {
                colour.faded(0.45)
            };
            let uncertain = event.when.is_uncertain() || event.when.is_approximate();
            if item.is_point {
                let radius = p.mark.width() / 2.0 - 1.0;
                out.push(if uncertain {
                    Shape::Circle {
                        centre: p.mark.centre(),
                        radius,
                        fill: Some(palette.canvas),
                        pen: Some(Pen::new(2.0, colour)),
                    }
                } else {
                    Shape::Circle {
                        centre: p.mark.centre(),
                        radius,
                        fill: Some(fill),
                        pen: Some(Pen::new(1.0, colour)),
                    }
                });
            } else {
                // A bar running off the canvas stops at its edge (the window clips it there).
                let bar = Area {
                    x0: p.mark.x0.max(canvas.x0 - 1.0),
                    x1: p.mark.x1.min(canvas.x1 + 1.0),
                    ..p.mark
                };
                out.push(Shape::Rect {
                    area: bar,
                    radius: 3.0,
                    fill: Some(fill),
                    pen: Some(Pen::new(1.0, colour)),
                });
                if uncertain {
                    out.push(Shape::Rect {
                        area: bar,
                        radius: 0.0,
                        fill: None,
                        pen: Some(Pen {
                            dash: Some([4.0, 3.0]),
                            ..Pen::new(1.5, palette.strong)
                        }),
                    });
                }
            }
            if let Some((x, cy)) = p.label {
                let inside = !item.is_point && x >= p.mark.x0 && x <= p.mark.x1;
                let text_colour = if inside {
                    fill.over(palette.canvas).text_on()
                } else {
                    palette.text
                };
                out.push(Shape::text(
                    x,
                    title_baseline(cy),
                    style.title_size,
                    text_colour,
                    title,
                ));
            }
            out.push(Shape::EndEvent);
        }
        let colour = lane
            .colour
            .map_or(palette.faint, |[r, g, b]| Colour::rgb(r, g, b));
        let busiest = layout
            .clusters
            .iter()
            .map(|c| c.count)
            .max()
            .unwrap_or(1)
            .max(2) as f32;
        for c in &layout.clusters {
            let block = place_cluster(c.x0, c.x1, c.row, canvas.x0, place.rows_top, &style);
            let strength = 0.2 + 0.7 * ((c.count as f32).ln_1p() / busiest.ln_1p());
            let fill = colour.faded(strength);
            out.push(Shape::fill(block, fill));
            let text = compact_count(c.count);
            let w = fonts.width(&text, 11.0);
            if w + 2.0 <= block.width() {
                let (cx, cy) = block.centre();
                out.push(Shape::text(
                    cx - w / 2.0,
                    cy + text_middle(fonts, 11.0),
                    11.0,
                    fill.over(palette.canvas).text_on(),
                    text,
                ));
            }
        }
    }
    DrawnTimeline { canvas, laid }
}

/// The timeline drawn into `drawing.area` at the largest scale between `min_scale` and
/// `max_scale` at which every event has its own mark with its title beside it and no lane
/// has rows it does not use (or at `min_scale` when none does): the zoom of posters and of
/// the handout's timeline, so titles are as large as the room allows. Returns the shapes,
/// the scale, and the height used (the lanes' rows; the rest of the area is left empty).
pub fn fitted_timeline(
    drawing: &TimelineDrawing<'_>,
    fonts: &FontSet,
    (min_scale, max_scale): (f32, f32),
) -> (Vec<Shape>, f32, f32) {
    let area = drawing.area;
    let at_height = |scale: f32, height: f32| {
        let design = TimelineDrawing {
            area: Area {
                x0: 0.0,
                y0: 0.0,
                x1: area.width() / scale,
                y1: height,
            },
            ..*drawing
        };
        let mut shapes = Vec::new();
        let drawn = draw_timeline(&design, fonts, &mut shapes);
        (shapes, drawn)
    };
    let at = |scale: f32| at_height(scale, area.height() / scale);
    // Best: every title drawn; else at least every event its own mark and no lane with rows
    // it leaves empty.
    let compact = |drawn: &DrawnTimeline| {
        drawn
            .laid
            .iter()
            .all(|(l, rows)| l.clusters.is_empty() && l.rows_used.max(1) == *rows)
    };
    let titled = |drawn: &DrawnTimeline| {
        compact(drawn)
            && drawn
                .laid
                .iter()
                .all(|(l, _)| l.items.iter().all(|i| i.label_x.is_some()))
    };
    let largest = |fits: &dyn Fn(&DrawnTimeline) -> bool| -> Option<f32> {
        if !fits(&at(min_scale).1) {
            return None;
        }
        let (mut low, mut high) = (min_scale, max_scale);
        if fits(&at(high).1) {
            return Some(high);
        }
        while high - low > 0.01 {
            let mid = (low + high) / 2.0;
            if fits(&at(mid).1) {
                low = mid;
            } else {
                high = mid;
            }
        }
        Some(low)
    };
    let low = largest(&titled)
        .or_else(|| largest(&compact))
        .unwrap_or(min_scale);
    let scale = low;
    let (_, drawn) = at(scale);
    let style = &drawing.style;
    // The lanes' rows and a little room: drawn again that high, so nothing is left empty.
    let used = style.axis_height
        + style.overview_height
        + drawn
            .laid
            .iter()
            .map(|(_, rows)| *rows as f32 * style.row_height + 2.0 * style.lane_padding)
            .sum::<f32>()
        + 2.0;
    let used = used.min(area.height() / scale);
    let (shapes, _) = at_height(scale, used);
    let used = used * scale;
    let shapes = shapes
        .iter()
        .map(|s| s.transformed(scale, (area.x0, area.y0)))
        .collect();
    (shapes, scale, used)
}

/// From a line's middle down to its baseline, for text of `size` points.
pub fn text_middle(fonts: &FontSet, size: f32) -> f32 {
    let face = fonts.faces.first();
    let (ascent, descent) = face.map_or((0.8, -0.2), |f| (f.ascent, f.descent));
    (ascent + descent) / 2.0 * size
}

fn draw_axis(
    drawing: &TimelineDrawing<'_>,
    axis: Area,
    canvas: Area,
    fonts: &FontSet,
    out: &mut Vec<Shape>,
) {
    let TimelineDrawing {
        view,
        style,
        palette,
        language,
        ..
    } = drawing;
    let width = f64::from(axis.width());
    let (minor_size, major_size) = (12.0, 13.0);
    let char_px = f64::from(fonts.width("0123456789", minor_size)) / 10.0 * 1.15;
    let ruler = ruler(
        view,
        width,
        f64::from(style.min_tick_spacing),
        char_px,
        *language,
    );
    out.push(Shape::fill(axis, palette.faint));
    let x_of = |day: f64| axis.x0 + view.day_to_x(day, width) as f32;
    for tick in &ruler.lines {
        let x = x_of(tick.day);
        out.push(Shape::line(
            (x, axis.y1 - 6.0),
            (x, canvas.y1),
            Pen::new(1.0, palette.line.faded(0.55 * tick.strength)),
        ));
    }
    let mut last_end = f32::NEG_INFINITY;
    for tick in &ruler.minor {
        if ruler.major.iter().any(|m| (m.day - tick.day).abs() < 1e-9) {
            continue;
        }
        let x = x_of(tick.day) + 3.0;
        let w = fonts.width(&tick.label, minor_size);
        if x < last_end + 6.0 || x + w > axis.x1 - 2.0 {
            continue;
        }
        out.push(Shape::text(
            x,
            axis.y1 - 4.0 - 0.3 * minor_size,
            minor_size,
            palette.text,
            tick.label.clone(),
        ));
        last_end = x + w;
    }
    let mut last_major_end = f32::NEG_INFINITY;
    for (i, tick) in ruler.major.iter().enumerate() {
        let x = x_of(tick.day);
        if x >= axis.x0 {
            out.push(Shape::line(
                (x, axis.y0),
                (x, canvas.y1),
                Pen::new(1.0, palette.line),
            ));
        }
        let next_x = ruler
            .major
            .get(i + 1)
            .map_or(f32::INFINITY, |t| x_of(t.day));
        let w = fonts.width(&tick.label, major_size);
        let sticky = x < axis.x0 + 4.0;
        let label_x = if sticky {
            (axis.x0 + 4.0).min(next_x - w - 8.0)
        } else {
            x + 4.0
        };
        if (!sticky && x + 4.0 + w + 8.0 > next_x)
            || label_x < last_major_end + 8.0
            || label_x + w > axis.x1 - 2.0
        {
            continue;
        }
        out.push(Shape::Text {
            x: label_x,
            baseline: axis.y0 + 4.0 + fonts.ascent(major_size),
            size: major_size,
            colour: palette.strong,
            text: tick.label.clone(),
            bold: true,
        });
        last_major_end = label_x + w;
    }
    out.push(Shape::line(
        (axis.x0, axis.y1),
        (axis.x1, axis.y1),
        Pen::new(1.0, palette.line),
    ));
}

fn draw_periods(
    dataset: &Dataset,
    (view, language): (&TimeView, Language),
    area: Area,
    palette: &Palette,
    fonts: &FontSet,
    out: &mut Vec<Shape>,
) {
    let width = f64::from(area.width());
    for period in &dataset.manifest.periods {
        let a = period.when.earliest_day() as f64;
        let b = period.when.latest_day() as f64 + 1.0;
        if b < view.start_day || a > view.end_day() {
            continue;
        }
        let x0 = (area.x0 + view.day_to_x(a, width) as f32).max(area.x0);
        let x1 = (area.x0 + view.day_to_x(b, width) as f32).min(area.x1);
        let colour = period
            .colour
            .map_or(palette.faint, |c| Colour::rgb(c.0[0], c.0[1], c.0[2]));
        out.push(Shape::fill(Area { x0, x1, ..area }, colour.faded(0.10)));
        for x in [x0, x1] {
            out.push(Shape::line(
                (x, area.y0),
                (x, area.y1),
                Pen::new(1.0, colour.faded(0.35)),
            ));
        }
        let title = dataset.text(&period.title, language).marked();
        let w = fonts.width(&title, 11.0);
        if w + 8.0 <= x1 - x0 {
            out.push(Shape::text(
                x0 + 4.0,
                area.y1 - 3.0 + fonts.faces[0].descent * 11.0,
                11.0,
                colour,
                title,
            ));
        }
    }
}

fn draw_lane_header(
    header: Area,
    right: f32,
    (lane, title, language): (&crate::timeline::Lane, &str, Language),
    visible: usize,
    palette: &Palette,
    fonts: &FontSet,
    out: &mut Vec<Shape>,
) {
    out.push(Shape::fill(header, palette.faint));
    out.push(Shape::line(
        (header.x0, header.y1),
        (right, header.y1),
        Pen::new(1.0, palette.line),
    ));
    let mut x = header.x0 + 8.0;
    if let Some([r, g, b]) = lane.colour {
        out.push(Shape::Rect {
            area: Area {
                x0: x,
                y0: header.y0 + 9.0,
                x1: x + 10.0,
                y1: header.y0 + 19.0,
            },
            radius: 2.0,
            fill: Some(Colour::rgb(r, g, b)),
            pen: None,
        });
        x += 16.0;
    }
    let size = 12.5;
    // Cut to fit, its fallback marker kept whole.
    let (text, marker) = crate::model::text::split_marker(title);
    let room = header.x1 - x - 6.0 - fonts.width(marker, size);
    let title = format!("{}{marker}", fonts.truncate(text, size, room));
    out.push(Shape::Text {
        x,
        baseline: header.y0 + 6.0 + fonts.ascent(size),
        size,
        colour: palette.strong,
        text: title,
        bold: true,
    });
    if header.height() > 36.0 {
        out.push(Shape::text(
            x,
            header.y0 + 22.0 + fonts.ascent(11.0),
            11.0,
            palette.weak,
            crate::tr!(
                language,
                "lane-in-view",
                visible = visible,
                count = lane.members.len()
            ),
        ));
    }
}

/// The events of a drawing, in the order drawn: id and mark.
pub fn event_marks(shapes: &[Shape]) -> Vec<(&str, Area)> {
    shapes
        .iter()
        .filter_map(|s| match s {
            Shape::BeginEvent { id, mark, .. } => Some((id.as_str(), *mark)),
            _ => None,
        })
        .collect()
}
