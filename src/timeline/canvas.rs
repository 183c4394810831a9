//! Where the parts of the timeline go on its canvas: the time axis, the lanes and their rows,
//! and each event's mark and title, in points from the canvas's top left. Pure: the window
//! (egui), the PNG pictures, the SVG and the PDF all place things with these functions, so
//! they agree on what goes where.

use super::layout::{LaneLayout, LayoutItem, LayoutParams};
use crate::model::Language;
use crate::model::dataset::Dataset;
use crate::model::event::Event;

/// An event's title as the timeline draws it: in `language` (or the dataset's own, followed
/// by its code in brackets, "[en]"), with "c." / "约" / "ок." before it when the date is
/// approximate (as the dates say it), so the qualifier is visible.
pub fn display_title(event: &Event, dataset: &Dataset, language: Language) -> String {
    let title = dataset.text(&event.title, language);
    if event.when.is_approximate() {
        let suffix = crate::model::text::marker_suffix(title.fallback);
        let about = crate::model::date_display::about(language);
        let mut out = String::with_capacity(about.len() + title.text.len() + suffix.len());
        out.push_str(about);
        out.push_str(title.text);
        out.push_str(suffix);
        out
    } else {
        title.marked()
    }
}

/// Sizes of the timeline, in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimelineStyle {
    /// Height of the time axis (both rows of labels).
    pub axis_height: f32,
    /// Height of one row of events.
    pub row_height: f32,
    /// Space above and below each lane's rows.
    pub lane_padding: f32,
    /// Width of the lane headers on the left.
    pub header_width: f32,
    /// Height of the overview strip at the bottom.
    pub overview_height: f32,
    /// Height of a span's bar.
    pub bar_height: f32,
    /// Diameter of a point event's marker.
    pub marker_size: f32,
    /// Minimum distance between minor tick labels.
    pub min_tick_spacing: f32,
    /// Zoom factor per point scrolled is `exp(this)`.
    pub zoom_per_scroll_point: f32,
    /// Size of event titles.
    pub title_size: f32,
    /// Let titles with no room run off the right edge (cut) rather than leave them out (never
    /// in the window, the pictures or the slides: README promises titles are not cut).
    pub clip_titles: bool,
    /// Lane headers say how many of their events are in view ("4 of 9 in view"): in the
    /// window, not in pictures.
    pub lane_counts: bool,
}

/// How far the rings around a mark (a search match's outline, the selection) reach beyond
/// it, stroke included, in points: titles keep clear of them.
pub const RING_REACH: f32 = 4.0;

impl Default for TimelineStyle {
    fn default() -> Self {
        Self {
            axis_height: 46.0,
            row_height: 24.0,
            lane_padding: 4.0,
            header_width: 150.0,
            overview_height: 40.0,
            bar_height: 14.0,
            marker_size: 12.0,
            min_tick_spacing: 64.0,
            zoom_per_scroll_point: 0.003,
            title_size: 13.0,
            clip_titles: false,
            lane_counts: true,
        }
    }
}

impl TimelineStyle {
    /// The layout's sizes for a canvas `width` points wide.
    pub fn layout_params(&self, width: f32) -> LayoutParams {
        // Titles keep clear of the rings drawn around marks, their own and their neighbours'.
        LayoutParams {
            width_px: width,
            marker_px: self.marker_size,
            gap_px: RING_REACH + 3.0,
            label_pad_px: RING_REACH + 2.0,
            // Room for a count such as "+4.2k".
            cluster_px: 34.0,
            clip_titles: self.clip_titles,
            first: None,
        }
    }

    /// How many rows of events fit in `height` points shared by `lanes` lanes (each at
    /// least one).
    pub fn total_rows(&self, height: f32, lanes: usize) -> usize {
        let usable = height - lanes as f32 * 2.0 * self.lane_padding;
        (usable / self.row_height).floor().max(lanes as f32) as usize
    }
}

/// A rectangle in points: left, top, right, bottom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Area {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Area {
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }

    pub fn centre(&self) -> (f32, f32) {
        ((self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0)
    }
}

/// Where one lane goes, from the top of the event area downwards.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LanePlace {
    /// Top of the lane (its header's top).
    pub top: f32,
    /// Height of the lane: its rows and the padding above and below.
    pub height: f32,
    /// Top of its first row.
    pub rows_top: f32,
}

/// The lanes laid out by [`super::layout_lanes`] one under the other from `top`.
pub fn place_lanes(
    laid: &[(LaneLayout, usize)],
    top: f32,
    style: &TimelineStyle,
) -> Vec<LanePlace> {
    let mut lane_top = top;
    laid.iter()
        .map(|(_, rows)| {
            let height = *rows as f32 * style.row_height + 2.0 * style.lane_padding;
            let place = LanePlace {
                top: lane_top,
                height,
                rows_top: lane_top + style.lane_padding,
            };
            lane_top += height;
            place
        })
        .collect()
}

/// Where an event's mark and title go.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ItemPlace {
    /// The whole row slot of the item, its mark's width.
    pub row: Area,
    /// The marker (a square holding the dot) or the bar.
    pub mark: Area,
    /// Left end of the title and the middle of its line, when the title is drawn.
    pub label: Option<(f32, f32)>,
}

/// Where `item` goes on a canvas whose left edge is at `left`, in the row starting at
/// `rows_top` (its lane's [`LanePlace::rows_top`]).
pub fn place_item(item: &LayoutItem, left: f32, rows_top: f32, style: &TimelineStyle) -> ItemPlace {
    let row_top = rows_top + item.row as f32 * style.row_height;
    let row = Area {
        x0: left + item.x0,
        y0: row_top,
        x1: left + item.x1,
        y1: row_top + style.row_height,
    };
    let (cx, cy) = row.centre();
    let mark = if item.is_point {
        let r = style.marker_size / 2.0;
        Area {
            x0: cx - r,
            y0: cy - r,
            x1: cx + r,
            y1: cy + r,
        }
    } else {
        Area {
            x0: row.x0,
            y0: cy - style.bar_height / 2.0,
            x1: row.x1,
            y1: cy + style.bar_height / 2.0,
        }
    };
    ItemPlace {
        row,
        mark,
        label: item.label_x.map(|x| (left + x, cy)),
    }
}

/// Where a cluster block of row `row` goes (inset from its row slot).
pub fn place_cluster(
    x0: f32,
    x1: f32,
    row: usize,
    left: f32,
    rows_top: f32,
    style: &TimelineStyle,
) -> Area {
    let row_top = rows_top + row as f32 * style.row_height;
    Area {
        x0: left + x0,
        y0: row_top + 3.0,
        x1: left + x1 - 1.0,
        y1: row_top + style.row_height - 3.0,
    }
}

/// "+7", "+312", "+4.2k", "+37k", "+1.2M": short enough for a cluster block, and read as
/// "this many more" (a bare "1" or "2020" could be a date).
pub fn compact_count(n: usize) -> String {
    match n {
        0..1000 => format!("+{n}"),
        1000..10_000 => format!("+{:.1}k", n as f64 / 1000.0),
        10_000..1_000_000 => format!("+{}k", n / 1000),
        _ => format!("+{:.1}M", n as f64 / 1e6),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_stack_and_marks_sit_in_the_middle_of_their_rows() {
        let style = TimelineStyle::default();
        let laid = vec![(LaneLayout::default(), 2), (LaneLayout::default(), 1)];
        let places = place_lanes(&laid, 100.0, &style);
        assert_eq!(places[0].top, 100.0);
        assert_eq!(places[0].rows_top, 104.0);
        assert_eq!(places[1].top, 100.0 + 2.0 * 24.0 + 8.0);
        let item = LayoutItem {
            event: 0,
            x0: 10.0,
            x1: 22.0,
            row: 1,
            is_point: true,
            label_x: Some(27.0),
        };
        let p = place_item(&item, 150.0, 104.0, &style);
        assert_eq!(p.mark.centre(), (166.0, 104.0 + 24.0 * 1.5));
        assert_eq!(p.label, Some((177.0, 140.0)));
        assert_eq!(style.total_rows(500.0, 3), 19);
    }
}

#[cfg(test)]
mod title_tests {
    use super::*;
    use crate::model::date::EventDate;
    use crate::model::manifest::Manifest;

    #[test]
    fn an_approximate_date_is_said_before_the_title_in_each_language() {
        let event = Event::new("a", "Talks", EventDate::parse("1996~").unwrap(), "visit");
        let dataset = Dataset::new(Manifest::default(), vec![event]);
        let event = &dataset.events()[0];
        assert_eq!(
            display_title(event, &dataset, Language::English),
            "c. Talks"
        );
        assert_eq!(
            display_title(event, &dataset, Language::Chinese),
            "约Talks [en]"
        );
        assert_eq!(
            display_title(event, &dataset, Language::Russian),
            "ок. Talks [en]"
        );
    }
}
