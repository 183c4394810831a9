//! The timeline: time axis, lanes of events, period bands, series connectors, clusters and
//! the overview strip, with the mouse interaction on them. Paints from the model and the
//! pure layout; changes nothing itself, it returns [`Command`]s.

use std::collections::HashSet;
use std::sync::Arc;

use egui::{
    Align2, Color32, CornerRadius, FontId, Painter, Pos2, Rect, Role, Sense, Stroke, StrokeKind,
    Ui, Vec2, WidgetInfo,
};

use super::command::{BrowseCommand, Command, ViewCommand};
use super::theme;
use crate::model::dataset::{Dataset, EventIndex};
use crate::model::date::Precision;
use crate::model::event::Event;
use crate::model::manifest::Language;
use crate::timeline::canvas::{
    Area, compact_count, display_title, place_cluster, place_item, place_lanes,
};
use crate::timeline::overview::{OverviewGrip, drag_window, histogram, overview_view};
use crate::timeline::{
    Cluster, Grouping, LaneLayout, Lanes, LayoutItem, LayoutParams, TimeView, layout_lanes_in,
    ruler,
};

pub use crate::timeline::TimelineStyle;
use crate::timeline::canvas::RING_REACH;

/// What a timeline remembers from frame to frame: the widths of event titles for the layout,
/// kept while the font and its scale stay the same (measured without shaping:
/// `timeline::TextWidths` sums each character's advance, each character asked of egui once,
/// so titles coming into view cost no text layout until they are drawn), and the rows each
/// lane was given.
#[derive(Default)]
pub struct TitleWidths {
    widths: crate::timeline::TextWidths,
    lane_rows: Option<LaneRows>,
    /// The language the widths were measured in.
    language: Language,
}

/// The rows each lane was given, and for which lanes, canvas and zoom: lanes keep their
/// heights while the view pans (and while it zooms, until the zoom settles), so nothing
/// below a lane jumps as events come and go at the edges.
struct LaneRows {
    lanes: u64,
    width: f32,
    total_rows: usize,
    /// The span of the view they were shared for, and the span of the last frame.
    span_days: f64,
    last_span_days: f64,
    rows: Vec<usize>,
}

/// A fingerprint of the lanes: their grouping, names and sizes.
fn lanes_fingerprint(lanes: &Lanes) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    lanes.grouping.hash(&mut hasher);
    for lane in &lanes.lanes {
        lane.key.hash(&mut hasher);
        lane.members.len().hash(&mut hasher);
        lane.members.first().hash(&mut hasher);
        lane.members.last().hash(&mut hasher);
    }
    hasher.finish()
}

impl TitleWidths {
    /// The rows to keep for each lane, if the last ones still hold: the same lanes, canvas
    /// and number of rows, and the same zoom or one still changing. Returns whether the view
    /// is zooming (the rows are shared again once it settles).
    fn kept_rows(
        &mut self,
        lanes: &Lanes,
        width: f32,
        total_rows: usize,
        span_days: f64,
    ) -> (Option<Vec<usize>>, bool) {
        let fingerprint = lanes_fingerprint(lanes);
        let Some(memo) = &mut self.lane_rows else {
            return (None, false);
        };
        let zooming = memo.last_span_days != span_days;
        memo.last_span_days = span_days;
        let same = memo.lanes == fingerprint
            && (memo.width - width).abs() < 0.5
            && memo.total_rows == total_rows
            && (memo.span_days == span_days || zooming);
        (same.then(|| memo.rows.clone()), zooming)
    }

    fn keep_rows(
        &mut self,
        lanes: &Lanes,
        width: f32,
        total_rows: usize,
        span_days: f64,
        rows: Vec<usize>,
    ) {
        self.lane_rows = Some(LaneRows {
            lanes: lanes_fingerprint(lanes),
            width,
            total_rows,
            span_days,
            last_span_days: span_days,
            rows,
        });
    }
}

impl TitleWidths {
    pub fn clear(&mut self) {
        self.widths.clear();
        self.lane_rows = None;
    }

    /// Titles are measured in `language` from now on (forgetting widths of another one).
    fn set_language(&mut self, language: Language) {
        if language != self.language {
            self.language = language;
            self.clear();
        }
    }

    fn get(
        &mut self,
        painter: &Painter,
        dataset: &Dataset,
        index: EventIndex,
        font: &FontId,
    ) -> f32 {
        let widths = &mut self.widths;
        widths.reset_if_changed(dataset.len(), font.size, painter.pixels_per_point());
        let Some(event) = dataset.event(index) else {
            return 0.0;
        };
        // The parts of `display_title`, without building it.
        let prefix = if event.when.is_approximate() {
            "c. "
        } else {
            ""
        };
        let language = self.language;
        widths.width(
            index,
            || {
                let title = dataset.text(&event.title, language);
                [
                    prefix,
                    title.text,
                    crate::model::text::marker_suffix(title.fallback),
                ]
            },
            |c| painter.fonts_mut(|f| f.glyph_width(font, c)),
        )
    }
}

/// What the timeline needs to draw one frame.
pub struct TimelineInput<'a> {
    pub dataset: &'a Dataset,
    pub lanes: &'a Lanes,
    pub view: &'a TimeView,
    pub selected: Option<EventIndex>,
    /// Search matches, outlined on the timeline.
    pub matches: Option<&'a HashSet<EventIndex>>,
    /// Language of names in tooltips and of the time axis.
    pub language: Language,
    pub style: &'a TimelineStyle,
}

/// Draw the timeline into the remaining space of `ui`; returns what the user asked for.
/// What assistive technology (and the UI tests) call the timeline's canvas: the time axis and
/// the lanes of events, without the lane headers and the overview strip.
pub const CANVAS_LABEL: &str = "Timeline canvas";

/// What a frame of the timeline gives back: the commands of the user's clicks and drags, and
/// where the canvas is (left and right edge, in points), for the view to follow.
pub struct TimelineOutput {
    pub commands: Vec<Command>,
    pub canvas: (f32, f32),
}

pub fn timeline_ui(
    ui: &mut Ui,
    input: &TimelineInput<'_>,
    widths: &mut TitleWidths,
) -> TimelineOutput {
    let TimelineInput {
        dataset,
        lanes,
        view,
        selected,
        matches,
        language,
        style,
    } = *input;
    widths.set_language(language);
    let mut commands = Vec::new();
    let full = ui.available_rect_before_wrap();
    let visuals = ui.visuals().clone();
    // Lane names take at most a quarter of a narrow timeline.
    let header_width = if lanes.grouping == Grouping::None {
        0.0
    } else {
        style.header_width.min((full.width() * 0.25).round())
    };
    let overview_rect = Rect::from_min_max(
        Pos2::new(full.left(), full.bottom() - style.overview_height),
        full.max,
    );
    let canvas = Rect::from_min_max(
        Pos2::new(full.left() + header_width, full.top()),
        Pos2::new(full.right(), overview_rect.top()),
    );
    let axis_rect = Rect::from_min_size(canvas.min, Vec2::new(canvas.width(), style.axis_height));
    let events_rect = Rect::from_min_max(Pos2::new(canvas.left(), axis_rect.bottom()), canvas.max);
    let width = f64::from(canvas.width().max(1.0));

    // A fixed id: the canvas stays the same widget when panels around it come and go, so a
    // double-click whose first click closed the detail panel is still a double-click.
    // An opaque base under everything: egui's faint fills are additive (see-through) in the
    // light theme, and the window behind a frameless panel is black.
    ui.painter_at(full)
        .rect_filled(full, 0.0, visuals.panel_fill);
    let background = ui.interact(
        canvas,
        ui.scope_id().with("timeline-canvas"),
        Sense::click_and_drag(),
    );
    let canvas_name = crate::ui::t(ui, "timeline-canvas");
    background.widget_info(|| WidgetInfo::labeled(Role::Canvas, true, &canvas_name));
    ui.advance_cursor_after_rect(canvas);
    let painter = ui.painter_at(canvas);
    painter.rect_filled(canvas, 0.0, visuals.extreme_bg_color);

    // Background interaction first: events drawn afterwards sit on top and win clicks.
    if background.dragged() && background.drag_delta().x != 0.0 {
        commands.push(Command::View(ViewCommand::SetView(
            view.panned_by_px(f64::from(background.drag_delta().x), width),
        )));
    }
    if background.double_clicked() {
        commands.push(Command::View(ViewCommand::FitAll));
    } else if background.clicked() {
        commands.push(Command::Browse(BrowseCommand::Select(None)));
    }
    if let Some(pointer) = background.hover_pos() {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
        let factor = f64::from(zoom) * f64::from((scroll.y * style.zoom_per_scroll_point).exp());
        let mut next = *view;
        if (factor - 1.0).abs() > 1e-6 {
            let anchor = view.x_to_day(f64::from(pointer.x - canvas.left()), width);
            next = next.zoomed_around(anchor, factor);
        }
        if scroll.x != 0.0 {
            next = next.panned_by_px(f64::from(scroll.x), width);
        }
        if next != *view {
            commands.push(Command::View(ViewCommand::SetView(next)));
        }
    }

    axis_ui(&painter, axis_rect, canvas, view, style, &visuals, language);
    periods_ui(ui, &painter, dataset, view, events_rect, &visuals, language);

    // Lanes share the rows of the event area.
    let lane_count = lanes.lanes.len();
    let total_rows = style.total_rows(events_rect.height(), lane_count);
    let params = LayoutParams {
        first: selected,
        ..style.layout_params(canvas.width())
    };
    let font = FontId::proportional(style.title_size);
    let (kept, zooming) = widths.kept_rows(lanes, canvas.width(), total_rows, view.span_days);
    if zooming {
        // One more frame: the first with the same zoom as the last shares the rows again.
        ui.ctx().request_repaint();
    }
    let laid = layout_lanes_in(
        dataset,
        &lanes.lanes,
        view,
        &params,
        total_rows,
        kept.as_deref(),
        |i| widths.get(&painter, dataset, i, &font),
    );
    if kept.is_none() {
        let rows = laid.iter().map(|(_, rows)| *rows).collect();
        widths.keep_rows(lanes, canvas.width(), total_rows, view.span_days, rows);
    }

    // Each row's items from left to right, with what they cover (mark and title), for the
    // series connectors.
    let mut rows_of_items: Vec<Vec<RowItem>> = Vec::new();
    let places = place_lanes(&laid, events_rect.top(), style);
    let mut placed: Vec<(&LaneLayout, f32)> = Vec::with_capacity(laid.len());
    for (((layout, rows), lane), place) in laid.iter().zip(&lanes.lanes).zip(&places) {
        let lane_rect = Rect::from_min_max(
            Pos2::new(full.left(), place.top),
            Pos2::new(
                canvas.right(),
                (place.top + place.height).min(events_rect.bottom()),
            ),
        );
        if header_width > 0.0 && lane_rect.is_positive() {
            let visible = style.lane_counts.then_some(layout.visible);
            let title = lanes.title_in(lane, dataset, input.language);
            lane_header_ui(
                ui,
                lane_rect,
                header_width,
                (lane, &title),
                visible,
                &visuals,
            );
        }
        let rows_top = place.rows_top;
        let first_row = rows_of_items.len();
        rows_of_items.resize_with(first_row + (*rows).max(1), Vec::new);
        for item in &layout.items {
            let (mut left, mut right) = (item.x0, item.x1);
            if let Some(x) = item.label_x {
                let w = widths.get(&painter, dataset, item.event, &font);
                (left, right) = (left.min(x), right.max(x + w));
            }
            if let Some(row) = rows_of_items.get_mut(first_row + item.row) {
                row.push(RowItem {
                    event: item.event,
                    cy: rows_top + (item.row as f32 + 0.5) * style.row_height,
                    left: canvas.left() + left,
                    right: canvas.left() + right,
                });
            }
        }
        placed.push((layout, place.rows_top));
    }

    series_connectors(&painter, dataset, &mut rows_of_items, &visuals);

    for ((layout, rows_top), lane) in placed.iter().zip(&lanes.lanes) {
        for item in &layout.items {
            let Some(event) = dataset.event(item.event) else {
                continue;
            };
            let geometry = ItemGeometry::new(item, canvas.left(), *rows_top, style);
            let id = ui.scope_id().with(("timeline-event", item.event));
            let hit = geometry
                .hit_rect(widths.get(&painter, dataset, item.event, &font))
                .intersect(events_rect);
            if !hit.is_positive() {
                continue; // below the last row the window has room for
            }
            let response = ui.interact(hit, id, Sense::click());
            let is_selected = selected == Some(item.event);
            // The selection's mark, as assistive technology (and the tests) read it.
            response.widget_info(|| {
                WidgetInfo::selected(
                    Role::Button,
                    true,
                    is_selected,
                    dataset.text(&event.title, language).text,
                )
            });
            if matches.is_some_and(|m| m.contains(&item.event)) {
                // Search match: a bright outline around the mark.
                let ring = geometry.mark.expand(RING_REACH - 2.0);
                painter.rect_stroke(
                    ring,
                    5,
                    Stroke::new(2.0, SEARCH_HIGHLIGHT),
                    StrokeKind::Outside,
                );
            }
            paint_item(
                &painter,
                dataset,
                event,
                item,
                &geometry,
                is_selected,
                response.hovered(),
                &font,
                &visuals,
                language,
            );
            if response.double_clicked() {
                commands.push(Command::View(ViewCommand::ZoomToEvent(item.event)));
            } else if response.clicked() {
                commands.push(Command::Browse(BrowseCommand::Select(Some(item.event))));
            }
            response.on_hover_ui(|ui| hover_card_ui(ui, dataset, event, language));
        }
        let colour = lane
            .colour
            .map_or(visuals.widgets.inactive.bg_fill, |[r, g, b]| {
                Color32::from_rgb(r, g, b)
            });
        if let Some(command) = clusters_ui(
            ui,
            &painter,
            &layout.clusters,
            (canvas.left(), *rows_top),
            events_rect,
            style,
            colour,
            (lane, &lanes.title_in(lane, dataset, input.language)),
            &visuals,
        ) {
            commands.push(command);
        }
    }

    if let Some(command) = overview_ui(ui, overview_rect, dataset, lanes, view, &visuals) {
        commands.push(command);
    }
    TimelineOutput {
        commands,
        canvas: (canvas.left(), canvas.right()),
    }
}

fn lane_header_ui(
    ui: &Ui,
    lane_rect: Rect,
    width: f32,
    (lane, name): (&crate::timeline::Lane, &str),
    visible: Option<usize>,
    visuals: &egui::Visuals,
) {
    let language = crate::ui::lang(ui.ctx());
    let header = Rect::from_min_size(lane_rect.min, Vec2::new(width, lane_rect.height()));
    let painter = ui.painter_at(header);
    painter.rect_filled(header, 0.0, visuals.faint_bg_color);
    painter.hline(
        lane_rect.x_range(),
        lane_rect.bottom(),
        Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
    );
    let mut x = header.left() + 8.0;
    if let Some([r, g, b]) = lane.colour {
        let swatch = Rect::from_min_size(Pos2::new(x, header.top() + 9.0), Vec2::splat(10.0));
        painter.rect_filled(swatch, 2.0, Color32::from_rgb(r, g, b));
        x += 16.0;
    }
    // Cut to fit, its fallback marker (" [en]") kept whole after it, muted.
    let (text, marker) = crate::model::text::split_marker(name);
    let marker = (!marker.is_empty()).then(|| {
        painter.layout_no_wrap(
            marker.to_owned(),
            FontId::proportional(11.0),
            visuals.weak_text_color(),
        )
    });
    let text_width = header.right() - x - 6.0 - marker.as_ref().map_or(0.0, |m| m.size().x);
    let title = egui::text::LayoutJob {
        wrap: egui::text::TextWrapping::truncate_at_width(text_width),
        ..egui::text::LayoutJob::simple_singleline(
            text.to_owned(),
            FontId::proportional(12.5),
            visuals.strong_text_color(),
        )
    };
    let galley = painter.layout_job(title);
    let title_end = x + galley.size().x;
    let title_height = galley.size().y;
    painter.galley(
        Pos2::new(x, header.top() + 6.0),
        galley,
        visuals.strong_text_color(),
    );
    if let Some(marker) = marker {
        let pos = Pos2::new(
            title_end,
            header.top() + 6.0 + title_height - marker.size().y,
        );
        painter.galley(pos, marker, visuals.weak_text_color());
    }
    if let Some(visible) = visible
        && header.height() > 36.0
    {
        painter.text(
            Pos2::new(x, header.top() + 22.0),
            Align2::LEFT_TOP,
            crate::tr!(
                language,
                "lane-in-view",
                visible = visible,
                count = lane.members.len()
            ),
            FontId::proportional(11.0),
            visuals.weak_text_color(),
        );
    }
    let response = ui.interact(
        header,
        ui.scope_id().with(("lane-header", &lane.key)),
        Sense::hover(),
    );
    // The lane's name, as assistive technology (and the tests) read it.
    response.widget_info(|| WidgetInfo::labeled(Role::Label, true, name));
    response.on_hover_text(format!(
        "{name} — {}",
        crate::tr!(language, "events-count", count = lane.members.len())
    ));
}

/// Labelled background bands for the dataset's periods.
fn periods_ui(
    ui: &Ui,
    painter: &Painter,
    dataset: &Dataset,
    view: &TimeView,
    area: Rect,
    visuals: &egui::Visuals,
    language: Language,
) {
    let width = f64::from(area.width());
    for period in &dataset.manifest.periods {
        let a = period.when.earliest_day() as f64;
        let b = period.when.latest_day() as f64 + 1.0;
        if b < view.start_day || a > view.end_day() {
            continue;
        }
        let x0 = (area.left() + view.day_to_x(a, width) as f32).max(area.left());
        let x1 = (area.left() + view.day_to_x(b, width) as f32).min(area.right());
        let band = Rect::from_min_max(Pos2::new(x0, area.top()), Pos2::new(x1, area.bottom()));
        let colour = period
            .colour
            .map_or(visuals.widgets.inactive.bg_fill, theme::rgb);
        painter.rect_filled(band, 0.0, colour.gamma_multiply(0.10));
        painter.vline(
            x0,
            area.y_range(),
            Stroke::new(1.0, colour.gamma_multiply(0.35)),
        );
        painter.vline(
            x1,
            area.y_range(),
            Stroke::new(1.0, colour.gamma_multiply(0.35)),
        );
        let title = dataset.text(&period.title, language).marked();
        let galley = painter.layout_no_wrap(title.clone(), FontId::proportional(11.0), colour);
        if galley.size().x + 8.0 <= band.width() {
            let pos = Pos2::new(x0 + 4.0, area.bottom() - galley.size().y - 3.0);
            let label_rect = Rect::from_min_size(pos, galley.size());
            painter.galley(pos, galley, colour);
            ui.interact(
                label_rect,
                ui.scope_id().with(("period", &period.id)),
                Sense::hover(),
            )
            .on_hover_text(format!("{title} ({})", period.when.display(language)));
        }
    }
}

/// An item of a row, as the series connectors see it.
struct RowItem {
    event: EventIndex,
    cy: f32,
    /// Left and right edge of its mark and title together.
    left: f32,
    right: f32,
}

/// Thin level lines joining members of a series that are neighbours in a row: from the end
/// of one's title to the start of the next one's mark, so a line never runs through a title
/// nor zig-zags between rows.
fn series_connectors(
    painter: &Painter,
    dataset: &Dataset,
    rows: &mut [Vec<RowItem>],
    visuals: &egui::Visuals,
) {
    let stroke = Stroke::new(1.0, visuals.weak_text_color().gamma_multiply(0.45));
    let series_of = |i: EventIndex| {
        dataset
            .event(i)
            .and_then(|e| e.series.as_ref())
            .map(|s| &s.id)
    };
    for row in rows {
        row.sort_by(|a, b| a.left.total_cmp(&b.left));
        for pair in row.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let Some(series) = series_of(a.event) else {
                continue;
            };
            if series_of(b.event) != Some(series) {
                continue;
            }
            // A little clear of both ends.
            let (from, to) = (a.right + 3.0, b.left - 3.0);
            if to - from >= 4.0 {
                painter.line_segment([Pos2::new(from, a.cy), Pos2::new(to, b.cy)], stroke);
            }
        }
    }
}

struct ItemGeometry {
    mark: Rect,
    row: Rect,
    label_pos: Option<Pos2>,
}

impl ItemGeometry {
    fn new(item: &LayoutItem, left: f32, rows_top: f32, style: &TimelineStyle) -> Self {
        let place = place_item(item, left, rows_top, style);
        let rect = |a: Area| Rect::from_min_max(Pos2::new(a.x0, a.y0), Pos2::new(a.x1, a.y1));
        Self {
            mark: rect(place.mark),
            row: rect(place.row),
            label_pos: place.label.map(|(x, y)| Pos2::new(x, y)),
        }
    }

    /// The clickable area: the mark and, when drawn, its title (`title_width` wide).
    fn hit_rect(&self, title_width: f32) -> Rect {
        let hit = self.mark.expand2(Vec2::new(2.0, 4.0));
        match self.label_pos {
            Some(pos) => hit.union(Rect::from_min_max(
                Pos2::new(pos.x, self.row.top() + 3.0),
                Pos2::new(pos.x + title_width, self.row.bottom() - 3.0),
            )),
            None => hit,
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn paint_item(
    painter: &Painter,
    dataset: &Dataset,
    event: &Event,
    item: &LayoutItem,
    g: &ItemGeometry,
    is_selected: bool,
    is_hovered: bool,
    font: &FontId,
    visuals: &egui::Visuals,
    language: Language,
) {
    let colour = dataset
        .category(&event.kind)
        .map_or(theme::UNKNOWN_CATEGORY, |c| theme::rgb(c.colour));
    // Reduced precision (a month, a year) is drawn faded: the event is somewhere in there.
    let exact = event.when.precision() == Precision::Day;
    let fill = if exact {
        colour
    } else {
        colour.gamma_multiply(0.45)
    };
    let outline = Stroke::new(1.0, colour);
    let uncertain = event.when.is_uncertain() || event.when.is_approximate();
    if item.is_point {
        let c = g.mark.center();
        let r = g.mark.width() / 2.0 - 1.0 + if is_hovered { 1.5 } else { 0.0 };
        if uncertain {
            // Hollow for uncertain or approximate days.
            painter.circle(c, r, visuals.extreme_bg_color, Stroke::new(2.0, colour));
        } else {
            painter.circle(c, r, fill, outline);
        }
        if is_selected {
            // Within RING_REACH of the mark's edge: 2 points and half the stroke beyond.
            let ring = g.mark.width() / 2.0 + 2.0;
            painter.circle_stroke(c, ring, Stroke::new(2.0, visuals.selection.stroke.color));
        }
    } else {
        let bar = g.mark;
        painter.rect(
            bar,
            CornerRadius::same(3),
            fill,
            outline,
            StrokeKind::Inside,
        );
        if uncertain {
            dashed_rect(painter, bar, Stroke::new(1.5, visuals.strong_text_color()));
        }
        if is_hovered {
            painter.rect_stroke(
                bar,
                3,
                Stroke::new(1.5, visuals.strong_text_color()),
                StrokeKind::Outside,
            );
        }
        if is_selected {
            painter.rect_stroke(
                bar.expand(2.0),
                4,
                Stroke::new(2.0, visuals.selection.stroke.color),
                StrokeKind::Outside,
            );
        }
    }
    if let Some(pos) = g.label_pos {
        let galley = painter.layout_no_wrap(
            display_title(event, dataset, language),
            font.clone(),
            Color32::PLACEHOLDER,
        );
        // On the bar only when the whole title is (the selection's may run past its end).
        let inside_bar =
            !item.is_point && g.mark.contains(pos) && pos.x + galley.size().x <= g.mark.right();
        let text_colour = if inside_bar {
            // The colour the fill shows over the background, faded or not.
            theme::text_on(theme::over(fill, visuals.extreme_bg_color))
        } else if is_selected {
            visuals.strong_text_color()
        } else {
            visuals.text_color()
        };
        let top_left = Pos2::new(pos.x, pos.y - galley.size().y / 2.0);
        painter.galley(top_left, galley, text_colour);
    }
}

fn dashed_rect(painter: &Painter, rect: Rect, stroke: Stroke) {
    let corners = [
        rect.left_top(),
        rect.right_top(),
        rect.right_bottom(),
        rect.left_bottom(),
        rect.left_top(),
    ];
    for pair in corners.windows(2) {
        painter.extend(egui::Shape::dashed_line(
            &[pair[0], pair[1]],
            stroke,
            4.0,
            3.0,
        ));
    }
}

/// Clusters of a lane: blocks with their counts; clicking one zooms in to its events.
/// A lane with many clusters is one widget (hit-tested here) so that a dense frame costs the
/// same few widgets whatever the size of the dataset.
#[allow(clippy::too_many_arguments)]
fn clusters_ui(
    ui: &Ui,
    painter: &Painter,
    clusters: &[Cluster],
    (left, rows_top): (f32, f32),
    area: Rect,
    style: &TimelineStyle,
    colour: Color32,
    (lane, lane_title): (&crate::timeline::Lane, &str),
    visuals: &egui::Visuals,
) -> Option<Command> {
    const MAX_SINGLE_WIDGETS: usize = 12;
    // Only the clusters in rows the window has room for.
    let below = |c: &Cluster| rows_top + c.row as f32 * style.row_height + 3.0 >= area.bottom();
    let clusters: Vec<Cluster> = clusters.iter().filter(|c| !below(c)).cloned().collect();
    let clusters = clusters.as_slice();
    if clusters.is_empty() {
        return None;
    }
    let rect_of = |c: &Cluster| {
        let a = place_cluster(c.x0, c.x1, c.row, left, rows_top, style);
        Rect::from_min_max(Pos2::new(a.x0, a.y0), Pos2::new(a.x1, a.y1)).intersect(area)
    };
    // Shade by density relative to the lane's busiest cluster (log scale), so dense and sparse
    // stretches stay distinguishable at every zoom.
    let busiest = clusters.iter().map(|c| c.count).max().unwrap_or(1).max(2) as f32;
    let strength = |c: &Cluster| 0.2 + 0.7 * ((c.count as f32).ln_1p() / busiest.ln_1p());
    // Square corners, one mesh for all the blocks, no outline unless hovered; diagonal
    // stripes over them, which no event's mark has, so a long cluster never reads as a span.
    let mut mesh = egui::Mesh::default();
    for c in clusters {
        mesh.add_colored_rect(rect_of(c), colour.gamma_multiply(strength(c)));
    }
    painter.add(mesh);
    let font = FontId::proportional(11.0);
    for c in clusters {
        let rect = rect_of(c);
        let shown = theme::over(colour.gamma_multiply(strength(c)), visuals.extreme_bg_color);
        let text_colour = theme::text_on(shown);
        hatch(
            painter,
            rect,
            Stroke::new(1.0, text_colour.gamma_multiply(0.3)),
        );
        let text = compact_count(c.count);
        // About 6 points a character at this size: skip the layout where it cannot fit.
        if text.len() as f32 * 6.0 + 4.0 > rect.width() {
            continue;
        }
        let galley = painter.layout_no_wrap(text, font.clone(), text_colour);
        if galley.size().x + 4.0 <= rect.width() {
            // On a plain patch, so the stripes do not cut the digits.
            let at = rect.center() - galley.size() / 2.0;
            let patch = Rect::from_min_size(at, galley.size()).expand2(Vec2::new(2.0, 0.0));
            painter.rect_filled(patch.intersect(rect), 0.0, shown);
            painter.galley(at, galley, text_colour);
        }
    }

    let language = crate::ui::lang(ui.ctx());
    let describe = |c: &Cluster| crate::tr!(language, "events-count", count = c.count);
    if clusters.len() <= MAX_SINGLE_WIDGETS {
        let mut command = None;
        for (k, c) in clusters.iter().enumerate() {
            let rect = rect_of(c);
            let response = ui.interact(
                rect,
                ui.scope_id().with(("cluster", &lane.key, k)),
                Sense::click(),
            );
            let label = describe(c);
            response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
            if response.hovered() {
                painter.rect_stroke(
                    rect,
                    0.0,
                    Stroke::new(1.5, visuals.strong_text_color()),
                    StrokeKind::Inside,
                );
            }
            if response.clicked() {
                command = Some(Command::View(ViewCommand::ZoomToRange(
                    c.from_day, c.to_day,
                )));
            }
            response.on_hover_text(crate::tr!(language, "cluster-zoom", events = label));
        }
        return command;
    }
    let area = clusters.iter().map(rect_of).reduce(egui::Rect::union)?;
    let response = ui.interact(
        area,
        ui.scope_id().with(("clusters", &lane.key)),
        Sense::click(),
    );
    let total: usize = clusters.iter().map(|c| c.count).sum();
    let label = crate::tr!(
        language,
        "clusters-name",
        events = crate::tr!(language, "events-count", count = total),
        clusters = clusters.len(),
        lane = lane_title
    );
    response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
    let pointer = response.hover_pos().or(response.interact_pointer_pos());
    let under = pointer.and_then(|p| clusters.iter().find(|c| rect_of(c).contains(p)));
    let under = under.or_else(|| {
        // Activated without a pointer (assistive technology): the middle cluster.
        response.clicked().then(|| &clusters[clusters.len() / 2])
    });
    let c = under?;
    painter.rect_stroke(
        rect_of(c),
        0.0,
        Stroke::new(1.5, visuals.strong_text_color()),
        StrokeKind::Inside,
    );
    let clicked = response.clicked();
    response.on_hover_text(crate::tr!(language, "cluster-zoom", events = describe(c)));
    clicked.then_some(Command::View(ViewCommand::ZoomToRange(
        c.from_day, c.to_day,
    )))
}

/// Diagonal stripes over `rect`, 6 points apart, drawn only inside it.
fn hatch(painter: &Painter, rect: Rect, stroke: Stroke) {
    const SPACING: f32 = 6.0;
    let h = rect.height();
    let mut x0 = rect.left() - h;
    while x0 < rect.right() {
        // The stripe rises from (x0, bottom) at 45°: its part with left <= x <= right.
        let t0 = (rect.left() - x0).max(0.0);
        let t1 = (rect.right() - x0).min(h);
        if t0 < t1 {
            painter.line_segment(
                [
                    Pos2::new(x0 + t0, rect.bottom() - t0),
                    Pos2::new(x0 + t1, rect.bottom() - t1),
                ],
                stroke,
            );
        }
        x0 += SPACING;
    }
}

/// The time axis: grid lines that fade in with room, minor labels, and major (context) labels
/// that stick to the left edge while their period is on screen.
fn axis_ui(
    painter: &Painter,
    axis: Rect,
    canvas: Rect,
    view: &TimeView,
    style: &TimelineStyle,
    visuals: &egui::Visuals,
    language: Language,
) {
    let width = f64::from(axis.width());
    let minor_font = FontId::proportional(12.0);
    let major_font = FontId::proportional(13.0);
    // Average character width of the label font, for the ruler's spacing rule.
    let char_px = f64::from(
        painter
            .layout_no_wrap("0123456789".into(), minor_font.clone(), Color32::WHITE)
            .size()
            .x,
    ) / 10.0
        * 1.15;
    let ruler = ruler(
        view,
        width,
        f64::from(style.min_tick_spacing),
        char_px,
        language,
    );
    painter.rect_filled(axis, 0.0, visuals.faint_bg_color);
    let line = visuals.widgets.noninteractive.bg_stroke.color;
    let x_of = |day: f64| axis.left() + view.day_to_x(day, width) as f32;
    for tick in &ruler.lines {
        let x = x_of(tick.day);
        painter.vline(
            x,
            axis.bottom() - 6.0..=canvas.bottom(),
            Stroke::new(1.0, line.gamma_multiply(0.55 * tick.strength)),
        );
    }
    let mut last_end = f32::NEG_INFINITY;
    for tick in &ruler.minor {
        if ruler.major.iter().any(|m| (m.day - tick.day).abs() < 1e-9) {
            continue; // the major row already names this instant
        }
        let x = x_of(tick.day) + 3.0;
        let galley =
            painter.layout_no_wrap(tick.label.clone(), minor_font.clone(), visuals.text_color());
        let w = galley.size().x;
        // Never overlap the previous label, never clip at the right edge.
        if x < last_end + 6.0 || x + w > axis.right() - 2.0 {
            continue;
        }
        painter.galley(
            Pos2::new(x, axis.bottom() - 4.0 - galley.size().y),
            galley,
            visuals.text_color(),
        );
        last_end = x + w;
    }
    let mut last_major_end = f32::NEG_INFINITY;
    for (i, tick) in ruler.major.iter().enumerate() {
        let x = x_of(tick.day);
        if x >= axis.left() {
            painter.vline(x, axis.top()..=canvas.bottom(), Stroke::new(1.0, line));
        }
        let next_x = ruler
            .major
            .get(i + 1)
            .map_or(f32::INFINITY, |t| x_of(t.day));
        let galley = painter.layout_no_wrap(
            tick.label.clone(),
            major_font.clone(),
            visuals.strong_text_color(),
        );
        let w = galley.size().x;
        let sticky = x < axis.left() + 4.0;
        let label_x = if sticky {
            (axis.left() + 4.0).min(next_x - w - 8.0)
        } else {
            x + 4.0
        };
        if (!sticky && x + 4.0 + w + 8.0 > next_x)
            || label_x < last_major_end + 8.0
            || label_x + w > axis.right() - 2.0
        {
            continue; // no room in its period, or it would clip at the edge
        }
        painter.galley(
            Pos2::new(label_x, axis.top() + 4.0),
            galley,
            visuals.strong_text_color(),
        );
        last_major_end = label_x + w;
    }
    painter.hline(axis.x_range(), axis.bottom(), Stroke::new(1.0, line));
}

/// What the overview histogram was counted for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct HistogramKey {
    start_bits: u64,
    span_bits: u64,
    columns: usize,
    events: usize,
    grouping: Grouping,
}

/// The whole dataset as a histogram, with the visible window as a draggable rectangle.
fn overview_ui(
    ui: &mut Ui,
    rect: Rect,
    dataset: &Dataset,
    lanes: &Lanes,
    view: &TimeView,
    visuals: &egui::Visuals,
) -> Option<Command> {
    let full = overview_view(dataset.extent(), view);
    let width = f64::from(rect.width());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, visuals.faint_bg_color);
    painter.hline(
        rect.x_range(),
        rect.top(),
        Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
    );

    let columns = (rect.width() / 2.0).max(1.0) as usize;
    let key = ui.scope_id().with("overview-histogram");
    let cache_key = HistogramKey {
        start_bits: full.start_day.to_bits(),
        span_bits: full.span_days.to_bits(),
        columns,
        events: lanes.event_count(),
        grouping: lanes.grouping,
    };
    // Recounted only when the strip's range, size or the lanes change.
    let counts: Arc<Vec<usize>> =
        ui.data_mut(
            |d| match d.get_temp::<(HistogramKey, Arc<Vec<usize>>)>(key) {
                Some((k, counts)) if k == cache_key => counts,
                _ => {
                    let counts = Arc::new(histogram(lanes, &full, columns));
                    d.insert_temp(key, (cache_key, counts.clone()));
                    counts
                }
            },
        );
    let max = counts.iter().copied().max().unwrap_or(0).max(1) as f32;
    let bar_colour = visuals.widgets.active.bg_fill.gamma_multiply(0.9);
    // One mesh for all the columns: a single shape however many columns have events.
    let mut mesh = egui::Mesh::default();
    for (c, &n) in counts.iter().enumerate() {
        if n == 0 {
            continue;
        }
        // Square root so that single events still show beside dense years.
        let h = (n as f32 / max).sqrt() * (rect.height() - 8.0);
        let x = rect.left() + c as f32 * 2.0;
        mesh.add_colored_rect(
            Rect::from_min_max(
                Pos2::new(x, rect.bottom() - 2.0 - h.max(1.5)),
                Pos2::new(x + 1.6, rect.bottom() - 2.0),
            ),
            bar_colour,
        );
    }
    painter.add(mesh);

    let x0 = rect.left() + full.day_to_x(view.start_day, width) as f32;
    let x1 = rect.left() + full.day_to_x(view.end_day(), width) as f32;
    let window = Rect::from_min_max(
        Pos2::new(x0, rect.top() + 2.0),
        Pos2::new(x1.max(x0 + 3.0), rect.bottom() - 2.0),
    );
    painter.rect(
        window,
        CornerRadius::same(2),
        visuals.selection.bg_fill.gamma_multiply(0.25),
        Stroke::new(1.5, visuals.selection.stroke.color),
        StrokeKind::Inside,
    );

    let response = ui.interact(
        rect,
        ui.scope_id().with("overview"),
        Sense::click_and_drag(),
    );
    let name = crate::ui::t(ui, "overview");
    response.widget_info(|| WidgetInfo::labeled(Role::Slider, true, &name));
    let grip_id = ui.scope_id().with("overview-grip");
    let pointer_x = response
        .interact_pointer_pos()
        .or(response.hover_pos())
        .map(|p| p.x);
    let grip_at = |x: f32| {
        if (x - window.left()).abs() <= 5.0 {
            OverviewGrip::Start
        } else if (x - window.right()).abs() <= 5.0 {
            OverviewGrip::End
        } else {
            OverviewGrip::Body
        }
    };
    if let Some(x) = response.hover_pos().map(|p| p.x) {
        let icon = match grip_at(x) {
            OverviewGrip::Start | OverviewGrip::End => egui::CursorIcon::ResizeHorizontal,
            OverviewGrip::Body if x >= window.left() && x <= window.right() => {
                egui::CursorIcon::Grab
            }
            OverviewGrip::Body => egui::CursorIcon::PointingHand,
        };
        ui.ctx().set_cursor_icon(icon);
    }
    if response.drag_started()
        && let Some(x) = pointer_x
    {
        ui.data_mut(|d| d.insert_temp(grip_id, grip_at(x)));
    }
    if response.dragged() {
        let grip = ui
            .data(|d| d.get_temp::<OverviewGrip>(grip_id))
            .unwrap_or(OverviewGrip::Body);
        let delta_days = f64::from(response.drag_delta().x) * full.days_per_px(width);
        if delta_days != 0.0 {
            return Some(Command::View(ViewCommand::SetView(drag_window(
                view, grip, delta_days,
            ))));
        }
    }
    if response.clicked()
        && let Some(x) = pointer_x
    {
        // A click outside the window centres the view there, animated.
        let day = full.x_to_day(f64::from(x - rect.left()), width);
        return Some(Command::View(ViewCommand::AnimateTo(view.centered_on(day))));
    }
    None
}

/// Tooltip: title, date, place.
fn hover_card_ui(ui: &mut Ui, dataset: &Dataset, event: &Event, language: Language) {
    crate::ui::record_text::marked_label(
        ui,
        dataset.text(&event.title, language),
        egui::RichText::strong,
        language,
    );
    ui.label(event.when.display(language));
    if let Some(place) = event.place.as_deref().and_then(|p| dataset.place(p)) {
        ui.label(place.name.get(language));
    }
}

/// Outline of search matches: amber, readable on light and dark backgrounds.
const SEARCH_HIGHLIGHT: Color32 = Color32::from_rgb(0xff, 0xb3, 0x00);
