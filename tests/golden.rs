//! Golden pictures of the timeline, drawn by the CPU renderer the PNG export uses (no window, no
//! GPU), and checks of the painted shapes where a picture is too coarse.
//!
//! Pictures: the bundled dataset at 1280×720 and 800×500, and a small dataset written here
//! that shows every drawing rule of the README (faded month and year bars, hollow and dashed
//! uncertain marks, "c." titles, series connectors, a period band, search outlines, clusters).
//! Each is compared with `tests/golden/NAME.png`: a pixel is the same when no channel differs
//! by more than [`CHANNEL_TOLERANCE`], and at most [`DIFFERING_SHARE`] of the pixels may
//! differ. On a failure the new picture and a diff (differing pixels in red) are written to
//! `target/golden-diff/`. `UPDATE_GOLDEN=1 cargo test --test golden` writes the pictures into
//! `tests/golden/` instead of comparing.
//!
//! Every view is fixed in days and nothing drawn depends on the clock, so the pictures do not
//! change from one day (or run) to the next.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use annals::cli::bundled_dataset_path;
use annals::model::date::day_number;
use annals::timeline::TimeView;
use annals::ui::AnnalsApp;
use annals::ui::command::{BrowseCommand, Command, ViewCommand};
use annals::ui::render::{Headless, Picture, pixels_per_point_for};
use annals::ui::timeline_view::{TimelineInput, TimelineStyle, TitleWidths, timeline_ui};
use egui::epaint::{ClippedShape, Shape};
use egui::{Color32, Pos2, Rect};

/// A channel difference up to this much counts as the same colour.
const CHANNEL_TOLERANCE: u8 = 8;
/// The share of pixels that may differ beyond the tolerance (0.5 %).
const DIFFERING_SHARE: f64 = 0.005;

// ---------------------------------------------------------------------------------------------
// Comparing pictures

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// `target/golden-diff` (beside `target/tmp`, wherever the target folder is).
fn diff_dir() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).join("golden-diff")
}

fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| !v.is_empty() && v != "0")
}

fn read_png(path: &Path) -> Result<Picture, String> {
    let file = fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let decoder = png::Decoder::new(std::io::BufReader::new(file));
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let mut buf = vec![0; reader.output_buffer_size().ok_or("PNG too large")?];
    let info = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
    buf.truncate(info.buffer_size());
    if info.bit_depth != png::BitDepth::Eight {
        return Err(format!("{}: not 8 bits a channel", path.display()));
    }
    let channels = match info.color_type {
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        other => {
            return Err(format!(
                "{}: unexpected colour type {other:?}",
                path.display()
            ));
        }
    };
    Ok(Picture {
        width: info.width,
        height: info.height,
        pixels: buf
            .chunks_exact(channels)
            .map(|p| Color32::from_rgb(p[0], p[1], p[2]))
            .collect(),
    })
}

fn write_png(path: &Path, picture: &Picture) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, picture.to_png().unwrap()).unwrap();
}

fn channels_close(a: Color32, b: Color32) -> bool {
    let close = |x: u8, y: u8| x.abs_diff(y) <= CHANNEL_TOLERANCE;
    close(a.r(), b.r()) && close(a.g(), b.g()) && close(a.b(), b.b())
}

/// The expected picture, faded, with the pixels that differ in red.
fn diff_picture(expected: &Picture, actual: &Picture) -> Picture {
    let pixels = expected
        .pixels
        .iter()
        .zip(&actual.pixels)
        .map(|(&e, &a)| {
            if channels_close(e, a) {
                let grey = ((u16::from(e.r()) + u16::from(e.g()) + u16::from(e.b())) / 3) as u8;
                let faded = 160 + grey / 3;
                Color32::from_rgb(faded, faded, faded)
            } else {
                Color32::from_rgb(230, 0, 0)
            }
        })
        .collect();
    Picture {
        width: expected.width,
        height: expected.height,
        pixels,
    }
}

/// Compare `actual` with `tests/golden/NAME.png` (or write it there with `UPDATE_GOLDEN=1`).
fn check_golden(name: &str, actual: &Picture) {
    let golden = golden_dir().join(format!("{name}.png"));
    if updating() {
        write_png(&golden, actual);
        eprintln!("golden picture written: {}", golden.display());
        return;
    }
    let diffs = diff_dir();
    let actual_path = diffs.join(format!("{name}.actual.png"));
    let expected = match read_png(&golden) {
        Ok(picture) => picture,
        Err(e) => {
            write_png(&actual_path, actual);
            panic!(
                "no golden picture {name} ({e}); the picture drawn now is {}; \
                 run `UPDATE_GOLDEN=1 cargo test --test golden` to accept it",
                actual_path.display()
            );
        }
    };
    if (expected.width, expected.height) != (actual.width, actual.height) {
        write_png(&actual_path, actual);
        panic!(
            "{name}: the golden picture is {}×{}, the picture drawn now {}×{} ({})",
            expected.width,
            expected.height,
            actual.width,
            actual.height,
            actual_path.display()
        );
    }
    let differing = expected
        .pixels
        .iter()
        .zip(&actual.pixels)
        .filter(|(e, a)| !channels_close(**e, **a))
        .count();
    let total = expected.pixels.len();
    let share = differing as f64 / total as f64;
    if share > DIFFERING_SHARE {
        let diff_path = diffs.join(format!("{name}.diff.png"));
        write_png(&actual_path, actual);
        write_png(&diff_path, &diff_picture(&expected, actual));
        panic!(
            "{name}: {differing} of {total} pixels ({:.2} %) differ from {} by more than {} in \
             a channel (at most {:.2} % may); the picture drawn now is {}, the differences \
             (red) are in {}; if the change is intended, run \
             `UPDATE_GOLDEN=1 cargo test --test golden`",
            share * 100.0,
            golden.display(),
            CHANNEL_TOLERANCE,
            DIFFERING_SHARE * 100.0,
            actual_path.display(),
            diff_path.display(),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// What is drawn

fn day(year: i32, month: u32, day: u32) -> f64 {
    day_number(year, month, day) as f64
}

/// A fixed view from the first day of `from` to the first day of `to` (year, month).
fn view(from: (i32, u32), to: (i32, u32)) -> TimeView {
    let start = day(from.0, from.1, 1);
    TimeView::new(start, day(to.0, to.1, 1) - start)
}

/// The app on `path` at `view`, in the light theme (as `annals export --format png` draws) or
/// the dark one.
fn app_on(path: PathBuf, view: TimeView, dark: bool) -> AnnalsApp {
    let ctx = egui::Context::default();
    ctx.set_theme(if dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    });
    let mut app = AnnalsApp::with_context(&ctx, path);
    assert!(app.dataset().is_some(), "{:#?}", app.loaded().diagnostics);
    app.apply(Command::View(ViewCommand::SetView(view)), 0.0);
    app
}

/// The bundled dataset from 1944 to 2030: every event, 1949 to 2025.
fn bundled_app() -> AnnalsApp {
    app_on(bundled_dataset_path(), view((1944, 1), (2030, 1)), false)
}

const RULES_MANIFEST: &str = r##"// Every drawing rule of the README, a lane or two each.
(
    title: "Drawing rules",
    categories: [
        (id: "series", label: "A series (connectors)", colour: "#1f77b4"),
        (id: "uncertain", label: "Uncertain (?)", colour: "#d62728"),
        (id: "approximate", label: "Approximate (~)", colour: "#9467bd"),
        (id: "precision", label: "Months and years", colour: "#2ca02c"),
        (id: "dense", label: "Dense (clusters)", colour: "#8c564b"),
    ],
    series: [(id: "talks", title: "Rounds of talks", item: "round")],
    periods: [
        (id: "exchanges", title: "Year of Exchanges", when: "2024-03/2024-10", colour: "#ff7f0e"),
    ],
)
"##;

/// The events of the rules dataset but the dense ones, as records in its list.
const RULES_EVENTS: &str = r#"
    // A series: five rounds joined by a thin line.
    (id: "talks-1", title: "1st round of talks", when: "2022-11-15", kind: "series", series: (id: "talks", ordinal: 1)),
    (id: "talks-2", title: "2nd round", when: "2023-05-10", kind: "series", series: (id: "talks", ordinal: 2)),
    (id: "talks-3", title: "3rd round", when: "2023-11-20", kind: "series", series: (id: "talks", ordinal: 3)),
    (id: "talks-4", title: "4th round", when: "2024-06-05", kind: "series", series: (id: "talks", ordinal: 4)),
    (id: "talks-5", title: "5th round", when: "2025-01-20", kind: "series", series: (id: "talks", ordinal: 5)),
    // Uncertain: a hollow dot and a dashed bar, beside an exact day and an exact span.
    (id: "exact-span", title: "Exhibition", when: "2022-12-01/2023-01-31", kind: "uncertain"),
    (id: "exact-day", title: "Trade forum in Harbin", when: "2023-03-14", kind: "uncertain"),
    (id: "uncertain-span", title: "Tour, dates uncertain", when: "2023-08-01?/2023-10-31", kind: "uncertain"),
    (id: "uncertain-day", title: "Visit on an uncertain day", when: "2024-05-16?", kind: "uncertain"),
    // Approximate: "c." before the title, drawn like an uncertain date.
    (id: "approximate-day", title: "Border survey", when: "2023-04-20~", kind: "approximate"),
    (id: "approximate-year", title: "Youth forum founded", when: "2024~", kind: "approximate"),
    // Known to the month or the year: faded bars over the whole month or year.
    (id: "year", title: "Annual report of 2023", when: "2023", kind: "precision"),
    (id: "month", title: "Signed in February", when: "2024-02", kind: "precision"),
    (id: "month-2", title: "Published in September", when: "2024-09", kind: "precision"),
"#;

/// How many dense events there are: more than the rows could show one by one.
const DENSE_COUNT: usize = 640;

/// Dense events: `DENSE_COUNT` press notes from March to August 2023, most of them early.
fn dense_events() -> Vec<(String, String)> {
    let first = chrono::NaiveDate::from_ymd_opt(2023, 3, 1).unwrap();
    (0..DENSE_COUNT)
        .map(|k| {
            let offset = (k * k / 2200) as u64; // 0 ..= 186 days
            let date = first + chrono::Days::new(offset);
            (date.to_string(), format!("Press note {}", k + 1))
        })
        .collect()
}

/// The search typed in the rules picture: outlines two events ("Trade forum in Harbin" and
/// "Youth forum founded").
const RULES_SEARCH: &str = "forum";

fn rules_dataset() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("manifest.ron"), RULES_MANIFEST).unwrap();
    let mut events = format!("[{RULES_EVENTS}    // Dense: more than the rows can show.\n");
    for (k, (when, title)) in dense_events().into_iter().enumerate() {
        events.push_str(&format!(
            "    (id: \"dense-{k}\", title: \"{title}\", when: \"{when}\", kind: \"dense\"),\n"
        ));
    }
    events.push_str("]\n");
    fs::write(dir.path().join("events.ron"), events).unwrap();
    dir
}

/// The rules dataset from October 2022 to April 2025, with the search typed.
fn rules_app(dir: &Path, dark: bool) -> AnnalsApp {
    let mut app = app_on(dir.to_path_buf(), view((2022, 10), (2025, 4)), dark);
    app.apply(
        Command::Browse(BrowseCommand::SetSearch(RULES_SEARCH.into())),
        0.0,
    );
    assert_eq!(app.search_results().len(), 2, "the search finds two events");
    app
}

fn picture(app: &AnnalsApp, size: (u32, u32)) -> Picture {
    app.render_view(size).expect("a dataset to draw")
}

#[test]
fn bundled_dataset_at_1280x720() {
    check_golden("bundled-1280x720", &picture(&bundled_app(), (1280, 720)));
}

#[test]
fn bundled_dataset_at_800x500() {
    check_golden("bundled-800x500", &picture(&bundled_app(), (800, 500)));
}

#[test]
fn every_drawing_rule() {
    let dir = rules_dataset();
    check_golden(
        "rules-1280x720",
        &picture(&rules_app(dir.path(), false), (1280, 720)),
    );
}

#[test]
fn every_drawing_rule_in_the_dark() {
    let dir = rules_dataset();
    let app = rules_app(dir.path(), true);
    check_golden("rules-dark-800x500", &picture(&app, (800, 500)));
}

// ---------------------------------------------------------------------------------------------
// The painted shapes, where a picture is too coarse

/// What the timeline of `app` paints at `size`, as [`AnnalsApp::render_view`] draws it (light
/// theme), nested lists flattened; and the visuals it was painted with.
fn timeline_shapes(app: &AnnalsApp, size: (u32, u32)) -> (Vec<Shape>, egui::Visuals) {
    let mut headless = Headless::new(false);
    let visuals = headless.ctx.global_style().visuals.clone();
    let view = app.view();
    let style = TimelineStyle::default();
    let matches: HashSet<usize> = app.search_results().iter().copied().collect();
    let input = TimelineInput {
        dataset: app.dataset().unwrap(),
        lanes: app.lanes().unwrap(),
        view: &view,
        selected: app.selected(),
        matches: (!matches.is_empty()).then_some(&matches),
        language: app.preferences().language,
        style: &style,
    };
    let mut widths = TitleWidths::default();
    let clipped = headless.shapes(size, pixels_per_point_for(size.1), |ui| {
        egui::CentralPanel::default().show(ui, |ui| {
            timeline_ui(ui, &input, &mut widths);
        });
    });
    fn flatten(shape: Shape, out: &mut Vec<Shape>) {
        match shape {
            Shape::Vec(shapes) => shapes.into_iter().for_each(|s| flatten(s, out)),
            other => out.push(other),
        }
    }
    let mut shapes = Vec::new();
    for ClippedShape { shape, .. } in clipped {
        flatten(shape, &mut shapes);
    }
    (shapes, visuals)
}

/// A painted text: its string, where it is, and its size.
struct Text {
    text: String,
    rect: Rect,
    size: f32,
}

fn texts(shapes: &[Shape]) -> Vec<Text> {
    shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text(t) => Some(Text {
                text: t.galley.text().to_owned(),
                rect: t.galley.rect.translate(t.pos.to_vec2()),
                size: t
                    .galley
                    .job
                    .sections
                    .first()
                    .map_or(0.0, |s| s.format.font_id.size),
            }),
            _ => None,
        })
        .collect()
}

fn text_rect(shapes: &[Shape], text: &str) -> Rect {
    let all = texts(shapes);
    let found: Vec<&Text> = all.iter().filter(|t| t.text == text).collect();
    assert_eq!(
        found.len(),
        1,
        "one text {text:?} painted; the texts are {:?}",
        all.iter().map(|t| &t.text).collect::<Vec<_>>()
    );
    found[0].rect
}

/// An event's mark: a dot or a bar.
#[derive(Debug)]
enum Mark {
    Dot(egui::epaint::CircleShape),
    Bar(egui::epaint::RectShape),
}

impl Mark {
    fn rect(&self) -> Rect {
        match self {
            Mark::Dot(c) => Rect::from_center_size(c.center, egui::Vec2::splat(2.0 * c.radius)),
            Mark::Bar(r) => r.rect,
        }
    }
}

/// The mark of the event whose title is painted at `title`: in the same row, and the nearest
/// to the title (a title goes inside its bar, or beside its mark).
fn mark_of(shapes: &[Shape], title: Rect) -> Mark {
    let style = TimelineStyle::default();
    let candidates = shapes.iter().filter_map(|s| match s {
        Shape::Circle(c) if c.fill.a() > 0 => Some(Mark::Dot(*c)),
        Shape::Rect(r) if r.fill.a() > 0 && r.rect.height() <= style.bar_height + 0.5 => {
            Some(Mark::Bar(r.clone()))
        }
        _ => None,
    });
    let gap = |m: &Mark| {
        let r = m.rect();
        (r.left() - title.right())
            .max(title.left() - r.right())
            .max(0.0)
    };
    candidates
        .filter(|m| (m.rect().center().y - title.center().y).abs() < 1.5)
        .min_by(|a, b| gap(a).total_cmp(&gap(b)))
        .filter(|m| gap(m) < 12.0)
        .unwrap_or_else(|| panic!("no mark beside the title at {title:?}"))
}

fn dot(mark: Mark) -> egui::epaint::CircleShape {
    match mark {
        Mark::Dot(c) => c,
        Mark::Bar(r) => panic!("a dot expected, a bar found: {r:?}"),
    }
}

fn bar(mark: Mark) -> egui::epaint::RectShape {
    match mark {
        Mark::Bar(r) => r,
        Mark::Dot(c) => panic!("a bar expected, a dot found: {c:?}"),
    }
}

fn category_colour(hex: u32) -> Color32 {
    Color32::from_rgb((hex >> 16) as u8, (hex >> 8) as u8, hex as u8)
}

/// Line segments lying on the outline of `rect`, with the side each is on.
fn segments_on_outline(shapes: &[Shape], rect: Rect) -> Vec<(char, f32)> {
    let near = |a: f32, b: f32| (a - b).abs() < 0.5;
    shapes
        .iter()
        .filter_map(|s| match s {
            Shape::LineSegment { points: [a, b], .. } => {
                let side = if near(a.y, rect.top()) && near(b.y, rect.top()) {
                    't'
                } else if near(a.y, rect.bottom()) && near(b.y, rect.bottom()) {
                    'b'
                } else if near(a.x, rect.left()) && near(b.x, rect.left()) {
                    'l'
                } else if near(a.x, rect.right()) && near(b.x, rect.right()) {
                    'r'
                } else {
                    return None;
                };
                let inside = |p: &Pos2| rect.expand(0.5).contains(*p);
                (inside(a) && inside(b)).then_some((side, a.distance(*b)))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn the_shapes_follow_every_drawing_rule() {
    let dir = rules_dataset();
    let app = rules_app(dir.path(), false);
    let (shapes, visuals) = timeline_shapes(&app, (1280, 720));
    let red = category_colour(0xd62728);
    let purple = category_colour(0x9467bd);
    let green = category_colour(0x2ca02c);
    let blue = category_colour(0x1f77b4);

    // A point event is a dot in its category's colour; an uncertain day is a hollow dot: the
    // canvas' colour inside a ring of the category's colour.
    let exact = dot(mark_of(
        &shapes,
        text_rect(&shapes, "Trade forum in Harbin"),
    ));
    assert_eq!(exact.fill, red);
    let uncertain = dot(mark_of(
        &shapes,
        text_rect(&shapes, "Visit on an uncertain day"),
    ));
    assert_eq!(
        uncertain.fill, visuals.extreme_bg_color,
        "hollow: {uncertain:?}"
    );
    assert_eq!(uncertain.stroke.color, red);
    assert!(uncertain.stroke.width >= 1.5, "{uncertain:?}");

    // A span is a bar; an uncertain span's bar has a dashed outline: many short segments on
    // each of its four sides, with gaps between them.
    let exact_span = bar(mark_of(&shapes, text_rect(&shapes, "Exhibition")));
    assert_eq!(exact_span.fill, red);
    assert!(segments_on_outline(&shapes, exact_span.rect).is_empty());
    let dashed = bar(mark_of(
        &shapes,
        text_rect(&shapes, "Tour, dates uncertain"),
    ));
    assert_eq!(dashed.fill, red, "known to the day: not faded");
    let dashes = segments_on_outline(&shapes, dashed.rect);
    assert!(dashes.len() >= 12, "{} dashes", dashes.len());
    for side in ['t', 'b', 'l', 'r'] {
        assert!(
            dashes.iter().any(|(s, _)| *s == side),
            "dashes on side {side}"
        );
    }
    let drawn: f32 = dashes.iter().map(|(_, length)| length).sum();
    let perimeter = 2.0 * (dashed.rect.width() + dashed.rect.height());
    assert!(
        drawn < 0.8 * perimeter,
        "gaps between the dashes: {drawn} of {perimeter}"
    );

    // Approximate dates: "c." before the title, and drawn as uncertain ones (hollow, dashed).
    let approximate_day = text_rect(&shapes, "c. Border survey");
    assert_eq!(
        dot(mark_of(&shapes, approximate_day)).fill,
        visuals.extreme_bg_color
    );
    let approximate_year = bar(mark_of(
        &shapes,
        text_rect(&shapes, "c. Youth forum founded"),
    ));
    assert!(!segments_on_outline(&shapes, approximate_year.rect).is_empty());
    let all = texts(&shapes);
    let with_c: Vec<&str> = all
        .iter()
        .map(|t| t.text.as_str())
        .filter(|t| t.starts_with("c. "))
        .collect();
    assert_eq!(with_c, ["c. Border survey", "c. Youth forum founded"]);
    assert!(!all.iter().any(|t| t.text == "Border survey"));

    // Known to the month or the year: a faded bar over the whole month or year.
    let faded = green.gamma_multiply(0.45);
    let month = bar(mark_of(&shapes, text_rect(&shapes, "Signed in February")));
    let year = bar(mark_of(
        &shapes,
        text_rect(&shapes, "Annual report of 2023"),
    ));
    assert_eq!((month.fill, year.fill), (faded, faded));
    assert_eq!(approximate_year.fill, purple.gamma_multiply(0.45));
    let ratio = year.rect.width() / month.rect.width();
    assert!(
        (ratio - 365.0 / 29.0).abs() < 0.3,
        "2023 is {ratio} times as wide as February 2024"
    );

    // Members of a series are joined by thin level lines: five rounds in a row, four lines,
    // each from the end of one round's title to the next round's dot (never through a title).
    let rounds: Vec<Pos2> = shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Circle(c) if c.fill == blue => Some(c.center),
            _ => None,
        })
        .collect();
    assert_eq!(rounds.len(), 5);
    let connector = visuals.weak_text_color().gamma_multiply(0.45);
    let links: Vec<[Pos2; 2]> = shapes
        .iter()
        .filter_map(|s| match s {
            Shape::LineSegment { points, stroke } if stroke.color == connector => Some(*points),
            _ => None,
        })
        .collect();
    assert_eq!(links.len(), 4, "{links:?}");
    let mut xs: Vec<f32> = rounds.iter().map(|p| p.x).collect();
    xs.sort_by(f32::total_cmp);
    let mut links = links;
    links.sort_by(|a, b| a[0].x.total_cmp(&b[0].x));
    for (link, pair) in links.iter().zip(xs.windows(2)) {
        let [a, b] = link;
        assert!(
            (a.y - b.y).abs() < 0.01 && (a.y - rounds[0].y).abs() < 0.01,
            "{link:?}"
        );
        assert!(pair[0] < a.x && b.x < pair[1], "{link:?} between {pair:?}");
        for text in &all {
            let crosses = text.rect.x_range().intersects(egui::Rangef::new(a.x, b.x))
                && text.rect.y_range().contains(a.y);
            assert!(!crosses, "{link:?} runs through “{}”", text.text);
        }
    }

    // A period from the manifest is a labelled band behind the events, over its months.
    let orange = category_colour(0xff7f0e);
    let band = shapes
        .iter()
        .find_map(|s| match s {
            Shape::Rect(r) if r.fill == orange.gamma_multiply(0.10) => Some(r.rect),
            _ => None,
        })
        .expect("the period's band");
    let label = text_rect(&shapes, "Year of Exchanges");
    assert!(band.contains_rect(label.shrink(0.5)));
    let band_months = band.width() / month.rect.width() * 29.0;
    assert!(
        (band_months - 245.0).abs() < 5.0,
        "March to October 2024 is 245 days, not {band_months}"
    );
    assert!(band.height() > 400.0, "behind every lane: {band:?}");

    // Search matches are outlined in amber: the two events found, nothing else.
    let amber = Color32::from_rgb(0xff, 0xb3, 0x00);
    let outlines: Vec<Rect> = shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Rect(r) if r.stroke.color == amber => Some(r.rect),
            _ => None,
        })
        .collect();
    assert_eq!(outlines.len(), 2, "{outlines:?}");
    assert!(outlines.iter().any(|o| o.contains(exact.center)));
    assert!(
        outlines
            .iter()
            .any(|o| o.contains_rect(approximate_year.rect))
    );

    // Dense events are gathered into clusters whose counts ("+94") add up to the events they
    // gather; none of them is drawn one by one. Clusters are striped, as no mark is.
    let brown = category_colour(0x8c564b);
    assert!(
        !shapes
            .iter()
            .any(|s| matches!(s, Shape::Circle(c) if c.fill == brown))
    );
    let counts: Vec<usize> = all
        .iter()
        .filter(|t| t.size == 11.0)
        .filter_map(|t| t.text.strip_prefix('+')?.parse().ok())
        .collect();
    assert!(counts.len() >= 4, "several clusters: {counts:?}");
    assert_eq!(counts.iter().sum::<usize>(), DENSE_COUNT, "{counts:?}");
    let diagonals = shapes
        .iter()
        .filter(|s| {
            matches!(s, Shape::LineSegment { points: [a, b], .. }
                if (a.x - b.x).abs() > 0.5 && ((a.x - b.x).abs() - (a.y - b.y).abs()).abs() < 0.01)
        })
        .count();
    assert!(diagonals >= 4 * counts.len(), "{diagonals} stripes");
}

#[test]
fn rings_around_marks_keep_clear_of_every_title() {
    let dir = rules_dataset();
    let mut app = rules_app(dir.path(), false);
    // The selection's ring too, on a dot with a title beside it and a neighbour before it.
    let harbin = app.dataset().unwrap().index_of("exact-day").unwrap();
    app.apply(Command::Browse(BrowseCommand::Select(Some(harbin))), 0.0);
    let (shapes, visuals) = timeline_shapes(&app, (1280, 720));
    let amber = Color32::from_rgb(0xff, 0xb3, 0x00);
    // Each ring as the band its stroke paints.
    let mut rings: Vec<(Rect, Rect)> = shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Rect(r) if r.stroke.color == amber => {
                Some((r.rect, r.rect.expand(r.stroke.width)))
            }
            _ => None,
        })
        .collect();
    rings.extend(shapes.iter().filter_map(|s| match s {
        Shape::Circle(c) if c.stroke.color == visuals.selection.stroke.color => {
            let outer = c.radius + c.stroke.width / 2.0;
            let inner = c.radius - c.stroke.width / 2.0;
            Some((
                Rect::from_center_size(c.center, egui::Vec2::splat(2.0 * inner)),
                Rect::from_center_size(c.center, egui::Vec2::splat(2.0 * outer)),
            ))
        }
        _ => None,
    }));
    assert_eq!(rings.len(), 3, "two search matches and the selection");
    for text in texts(&shapes) {
        for (inner, outer) in &rings {
            if inner.contains_rect(text.rect) {
                continue; // a title inside its outlined bar
            }
            assert!(
                !text.rect.intersects(*outer),
                "“{}” at {:?} runs under a ring at {outer:?}",
                text.text,
                text.rect
            );
        }
    }
}

#[test]
fn no_title_is_cut_at_the_edge_of_a_narrow_timeline() {
    let app = bundled_app();
    for size in [(640, 400), (800, 500), (1280, 720)] {
        let (shapes, _) = timeline_shapes(&app, size);
        let right = size.0 as f32 / pixels_per_point_for(size.1);
        for text in texts(&shapes) {
            assert!(
                text.rect.right() <= right + 0.5,
                "“{}” runs past the edge at {size:?}: {:?}",
                text.text,
                text.rect
            );
        }
    }
}
