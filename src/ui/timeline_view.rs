//! The horizontal timeline: axis, events, and the mouse interaction on them. Paints from the
//! model and the pure layout; changes nothing itself, it returns [`Command`]s.

use egui::{
    Align2, Color32, CornerRadius, FontId, Pos2, Rect, Role, Sense, Stroke, StrokeKind, Ui, Vec2,
    WidgetInfo,
};

use super::command::Command;
use super::theme;
use crate::model::dataset::{Dataset, EventIndex};
use crate::model::date::Precision;
use crate::model::event::Event;
use crate::timeline::{LayoutItem, LayoutParams, TimeView, layout, ruler};

/// Sizes of the timeline, in points.
#[derive(Clone, Copy, Debug)]
pub struct TimelineStyle {
    /// Height of the time axis (both rows of labels).
    pub axis_height: f32,
    /// Height of one row of events.
    pub row_height: f32,
    /// Height of a span's bar.
    pub bar_height: f32,
    /// Diameter of a point event's marker.
    pub marker_size: f32,
    /// Minimum distance between minor tick labels.
    pub min_tick_spacing: f32,
    /// Share of the scroll delta turned into zoom, per point scrolled.
    pub zoom_per_scroll_point: f32,
}

impl Default for TimelineStyle {
    fn default() -> Self {
        Self {
            axis_height: 46.0,
            row_height: 26.0,
            bar_height: 14.0,
            marker_size: 12.0,
            min_tick_spacing: 64.0,
            zoom_per_scroll_point: 0.003,
        }
    }
}

/// Draw the timeline for `view` into the remaining space of `ui`; returns what the user asked for.
pub fn timeline_ui(
    ui: &mut Ui,
    dataset: &Dataset,
    view: &TimeView,
    selected: Option<EventIndex>,
    style: &TimelineStyle,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let rect = ui.available_rect_before_wrap();
    let canvas = ui.allocate_rect(rect, Sense::click_and_drag());
    let width = f64::from(rect.width());
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals().clone();
    painter.rect_filled(rect, 0.0, visuals.extreme_bg_color);

    // Background interaction first: events drawn afterwards sit on top and win clicks.
    if canvas.dragged() && canvas.drag_delta().x != 0.0 {
        commands.push(Command::SetView(
            view.panned_by_px(f64::from(canvas.drag_delta().x), width),
        ));
    }
    if canvas.double_clicked() {
        commands.push(Command::FitAll);
    } else if canvas.clicked() {
        commands.push(Command::Select(None));
    }
    if let Some(pointer) = canvas.hover_pos() {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
        let factor = f64::from(zoom) * f64::from((scroll.y * style.zoom_per_scroll_point).exp());
        let mut next = *view;
        if (factor - 1.0).abs() > 1e-6 {
            let anchor = view.x_to_day(f64::from(pointer.x - rect.left()), width);
            next = next.zoomed_around(anchor, factor);
        }
        if scroll.x != 0.0 {
            next = next.panned_by_px(f64::from(scroll.x), width);
        }
        if next != *view {
            commands.push(Command::SetView(next));
        }
    }

    let axis_rect = Rect::from_min_size(rect.min, Vec2::new(rect.width(), style.axis_height));
    axis_ui(&painter, axis_rect, rect, view, style, &visuals);

    let events_top = axis_rect.bottom() + 8.0;
    let max_rows = ((rect.bottom() - events_top - 4.0) / style.row_height)
        .floor()
        .max(1.0) as usize;
    let params = LayoutParams {
        width_px: rect.width(),
        max_rows,
        marker_px: style.marker_size,
        gap_px: 6.0,
        label_pad_px: 5.0,
    };
    let font = FontId::proportional(13.0);
    let title_width = |event: &Event| {
        painter
            .layout_no_wrap(display_title(event), font.clone(), Color32::WHITE)
            .size()
            .x
    };
    let layout = layout(dataset, view, &params, |i| {
        dataset.event(i).map_or(0.0, title_width)
    });

    for item in &layout.items {
        let Some(event) = dataset.event(item.event) else {
            continue;
        };
        let row_top = events_top + item.row as f32 * style.row_height;
        let geometry = ItemGeometry::new(item, rect.left(), row_top, style);
        let id = ui.scope_id().with(("timeline-event", event.id.as_str()));
        let hit = geometry.hit_rect(title_width(event)).intersect(rect);
        let response = ui.interact(hit, id, Sense::click());
        response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &event.title));
        let is_selected = selected == Some(item.event);
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
        );
        if response.double_clicked() {
            commands.push(Command::ZoomToEvent(item.event));
        } else if response.clicked() {
            commands.push(Command::Select(Some(item.event)));
        }
        response.on_hover_ui(|ui| hover_card_ui(ui, dataset, event));
    }

    for group in &layout.overflow {
        let pos = Pos2::new(rect.left() + group.x, rect.bottom() - 12.0);
        let text = format!("+{}", group.events.len());
        let galley = painter.layout_no_wrap(
            text.clone(),
            FontId::proportional(11.0),
            visuals.strong_text_color(),
        );
        let badge = Rect::from_center_size(pos, galley.size() + Vec2::new(8.0, 4.0));
        let response = ui.interact(
            badge,
            ui.scope_id().with(("overflow", group.events[0])),
            Sense::click(),
        );
        response.widget_info(|| {
            WidgetInfo::labeled(
                Role::Button,
                true,
                format!("{} more events", group.events.len()),
            )
        });
        painter.rect_filled(badge, 6.0, visuals.widgets.inactive.bg_fill);
        painter.galley(
            badge.center() - galley.size() / 2.0,
            galley,
            visuals.strong_text_color(),
        );
        if response.clicked() {
            commands.push(Command::ZoomToEvents(group.events.clone()));
        }
        response.on_hover_text(format!(
            "{text} events not shown at this zoom: click to zoom in"
        ));
    }
    commands
}

/// The title as drawn: with "c." for approximate dates, so the qualifier is visible.
fn display_title(event: &Event) -> String {
    if event.when.is_approximate() {
        format!("c. {}", event.title)
    } else {
        event.title.clone()
    }
}

struct ItemGeometry {
    mark: Rect,
    row: Rect,
    label_pos: Option<Pos2>,
}

impl ItemGeometry {
    fn new(item: &LayoutItem, left: f32, row_top: f32, style: &TimelineStyle) -> Self {
        let row = Rect::from_min_max(
            Pos2::new(left + item.x0, row_top),
            Pos2::new(left + item.x1, row_top + style.row_height),
        );
        let cy = row.center().y;
        let mark = if item.is_point {
            Rect::from_center_size(
                Pos2::new(row.center().x, cy),
                Vec2::splat(style.marker_size),
            )
        } else {
            Rect::from_min_max(
                Pos2::new(row.left(), cy - style.bar_height / 2.0),
                Pos2::new(row.right(), cy + style.bar_height / 2.0),
            )
        };
        Self {
            mark,
            row,
            label_pos: item.label_x.map(|x| Pos2::new(left + x, cy)),
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
    painter: &egui::Painter,
    dataset: &Dataset,
    event: &Event,
    item: &LayoutItem,
    g: &ItemGeometry,
    is_selected: bool,
    is_hovered: bool,
    font: &FontId,
    visuals: &egui::Visuals,
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
            painter.circle_stroke(c, r + 3.5, Stroke::new(2.0, visuals.selection.stroke.color));
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
        let inside_bar = !item.is_point && g.mark.contains(pos);
        let text_colour = if inside_bar {
            theme::text_on(fill)
        } else if is_selected {
            visuals.strong_text_color()
        } else {
            visuals.text_color()
        };
        let galley = painter.layout_no_wrap(display_title(event), font.clone(), text_colour);
        let top_left = Pos2::new(pos.x, pos.y - galley.size().y / 2.0);
        painter.galley(top_left, galley, text_colour);
    }
}

fn dashed_rect(painter: &egui::Painter, rect: Rect, stroke: Stroke) {
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

/// The time axis: faint lines across the whole canvas, minor labels and major (context) labels.
fn axis_ui(
    painter: &egui::Painter,
    axis: Rect,
    canvas: Rect,
    view: &TimeView,
    style: &TimelineStyle,
    visuals: &egui::Visuals,
) {
    let width = f64::from(axis.width());
    let ruler = ruler(view, width, f64::from(style.min_tick_spacing));
    painter.rect_filled(axis, 0.0, visuals.faint_bg_color);
    let line = visuals.widgets.noninteractive.bg_stroke.color;
    let minor_font = FontId::proportional(12.0);
    let major_font = FontId::proportional(13.0);
    let x_of = |day: f64| axis.left() + view.day_to_x(day, width) as f32;
    for tick in &ruler.minor {
        let x = x_of(tick.day);
        painter.vline(
            x,
            axis.bottom() - 8.0..=canvas.bottom(),
            Stroke::new(1.0, line.gamma_multiply(0.6)),
        );
        if ruler.major.iter().any(|m| (m.day - tick.day).abs() < 1e-9) {
            continue; // the major row already names this instant
        }
        painter.text(
            Pos2::new(x + 3.0, axis.bottom() - 4.0),
            Align2::LEFT_BOTTOM,
            &tick.label,
            minor_font.clone(),
            visuals.text_color(),
        );
    }
    // Major labels stick to the left edge while their period is on screen, like a sticky header.
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
        if !sticky && x + 4.0 + w + 8.0 > next_x {
            continue; // the period is too narrow on screen for its label
        }
        let label_x = if sticky {
            (axis.left() + 4.0).min(next_x - w - 8.0)
        } else {
            x + 4.0
        };
        painter.galley(
            Pos2::new(label_x, axis.top() + 4.0),
            galley,
            visuals.strong_text_color(),
        );
    }
    painter.hline(axis.x_range(), axis.bottom(), Stroke::new(1.0, line));
}

/// Tooltip: title, date, place.
fn hover_card_ui(ui: &mut Ui, dataset: &Dataset, event: &Event) {
    ui.strong(&event.title);
    ui.label(event.when.human());
    if let Some(place) = event.place.as_deref().and_then(|p| dataset.place(p)) {
        ui.label(&place.name.en);
    }
}
