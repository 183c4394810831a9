//! Where each visible event goes: its horizontal extent in pixels, its row, and whether its
//! title fits beside it. Pure: the UI measures titles and paints the result.

use crate::model::dataset::{Dataset, EventIndex};

use super::scale::TimeView;

/// Sizes that shape the layout, in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutParams {
    /// Width of the drawing area.
    pub width_px: f32,
    /// Rows available for events.
    pub max_rows: usize,
    /// Width of a point event's marker; spans narrower than this are drawn as points.
    pub marker_px: f32,
    /// Space kept free between neighbours in a row.
    pub gap_px: f32,
    /// Space between a marker and its title.
    pub label_pad_px: f32,
}

impl Default for LayoutParams {
    fn default() -> Self {
        Self {
            width_px: 1000.0,
            max_rows: 12,
            marker_px: 12.0,
            gap_px: 6.0,
            label_pad_px: 4.0,
        }
    }
}

/// One event placed on the canvas.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutItem {
    pub event: EventIndex,
    /// Left and right edge of the mark (marker or bar), from the left of the area.
    pub x0: f32,
    pub x1: f32,
    /// Row, counted from the top of the event area.
    pub row: usize,
    /// Drawn as a marker rather than a bar.
    pub is_point: bool,
    /// Where the title starts, when it is drawn; `None` when it did not fit (shown on hover).
    pub label_x: Option<f32>,
}

/// Events that found no row, gathered by position so the UI can show "+N".
#[derive(Clone, Debug, PartialEq)]
pub struct Overflow {
    pub x: f32,
    pub events: Vec<EventIndex>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub items: Vec<LayoutItem>,
    pub overflow: Vec<Overflow>,
    /// Number of rows holding at least one item.
    pub rows_used: usize,
}

/// Lay out the events visible in `view`. `label_width(i)` gives the width of event `i`'s title.
pub fn layout(
    dataset: &Dataset,
    view: &TimeView,
    params: &LayoutParams,
    mut label_width: impl FnMut(EventIndex) -> f32,
) -> Layout {
    let width = f64::from(params.width_px);
    let visible = dataset.in_window(
        view.start_day.floor() as i64 - 1,
        view.end_day().ceil() as i64,
    );
    let margin = params.marker_px * 2.0;
    let pad = params.label_pad_px;
    let marks: Vec<Mark> = visible
        .into_iter()
        .filter_map(|index| {
            let event = dataset.event(index)?;
            let earliest = event.when.earliest_day() as f64;
            let latest_excl = event.when.latest_day() as f64 + 1.0;
            let x0 = (view.day_to_x(earliest, width) as f32).max(-margin);
            let x1 = (view.day_to_x(latest_excl, width) as f32).min(params.width_px + margin);
            let is_point = x1 - x0 < params.marker_px;
            let (x0, x1) = if is_point {
                let c = (x0 + x1) / 2.0;
                (c - params.marker_px / 2.0, c + params.marker_px / 2.0)
            } else {
                (x0, x1)
            };
            Some(Mark {
                index,
                x0,
                x1,
                is_point,
                text: label_width(index),
            })
        })
        .collect();

    // First try: every title beside its mark (inside a wide bar, else right, else left).
    // If that needs more rows than there are, pack the marks alone and give titles only the
    // room left between neighbours in the row.
    let preferred: Vec<Option<Side>> = marks
        .iter()
        .map(|m| m.sides(params).into_iter().next())
        .collect();
    let with_titles = pack(&marks, params, |i| marks[i].extent(preferred[i], pad));
    let all_placed = with_titles.1.is_empty();
    let (rows, overflow) = if all_placed {
        with_titles
    } else {
        pack(&marks, params, |i| (marks[i].x0, marks[i].x1))
    };
    let rows_used = rows.iter().map(|&(_, row)| row + 1).max().unwrap_or(0);

    // Choose each title's side left to right in each row, so titles never meet.
    let mut by_row: Vec<Vec<usize>> = vec![Vec::new(); rows_used];
    for &(m, row) in &rows {
        by_row[row].push(m);
    }
    let mut side_of: Vec<Option<Side>> = vec![None; marks.len()];
    for members in &by_row {
        let mut occupied_end = f32::NEG_INFINITY;
        for (k, &m) in members.iter().enumerate() {
            let mark = &marks[m];
            let next_start = members.get(k + 1).map_or(f32::INFINITY, |&n| marks[n].x0);
            let side = if all_placed {
                preferred[m]
            } else {
                mark.sides(params).into_iter().find(|&side| {
                    let (a, b) = mark.label_span(side, pad);
                    a >= occupied_end + params.gap_px && b + params.gap_px <= next_start
                })
            };
            side_of[m] = side;
            occupied_end = mark.extent(side, pad).1;
        }
    }

    let mut out = Layout {
        rows_used,
        ..Layout::default()
    };
    out.items = rows
        .iter()
        .map(|&(m, row)| {
            let mark = &marks[m];
            LayoutItem {
                event: mark.index,
                x0: mark.x0,
                x1: mark.x1,
                row,
                is_point: mark.is_point,
                label_x: side_of[m].map(|side| mark.label_span(side, pad).0),
            }
        })
        .collect();
    for m in overflow {
        let mark = &marks[m];
        let x = (mark.x0 + mark.x1) / 2.0;
        match out.overflow.last_mut() {
            Some(group) if x - group.x < params.marker_px * 2.0 => group.events.push(mark.index),
            _ => out.overflow.push(Overflow {
                x,
                events: vec![mark.index],
            }),
        }
    }
    out
}

/// Where a title sits relative to its mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Inside,
    Right,
    Left,
}

struct Mark {
    index: EventIndex,
    x0: f32,
    x1: f32,
    is_point: bool,
    /// Width of the title.
    text: f32,
}

impl Mark {
    /// Sides the title may take, best first: inside a bar wide enough, right if it stays on
    /// screen, left if it does; right as the last resort (it will be clipped at the edge).
    fn sides(&self, params: &LayoutParams) -> Vec<Side> {
        let pad = params.label_pad_px;
        let mut sides = Vec::with_capacity(3);
        let visible_bar = self.x1.min(params.width_px) - self.x0.max(0.0);
        if !self.is_point && visible_bar >= self.text + 2.0 * pad {
            sides.push(Side::Inside);
        }
        let right_fits = self.x1 + pad + self.text <= params.width_px;
        let left_fits = self.x0 - pad - self.text >= 0.0;
        if right_fits {
            sides.push(Side::Right);
        }
        if left_fits {
            sides.push(Side::Left);
        }
        if !right_fits && !left_fits {
            sides.push(Side::Right);
        }
        sides
    }

    /// Start and end of the title for a side.
    fn label_span(&self, side: Side, pad: f32) -> (f32, f32) {
        match side {
            Side::Inside => {
                let start = self.x0.max(0.0) + pad;
                (start, start + self.text)
            }
            Side::Right => (self.x1 + pad, self.x1 + pad + self.text),
            Side::Left => (self.x0 - pad - self.text, self.x0 - pad),
        }
    }

    /// Horizontal extent of the mark with its title on `side` (or alone).
    fn extent(&self, side: Option<Side>, pad: f32) -> (f32, f32) {
        match side {
            Some(side) => {
                let (a, b) = self.label_span(side, pad);
                (self.x0.min(a), self.x1.max(b))
            }
            None => (self.x0, self.x1),
        }
    }
}

/// First-fit packing of marks (in chronological order) into at most `max_rows` rows; mark `i`
/// occupies `extent(i)`. Returns (mark, row) pairs in mark order and the marks left over.
fn pack(
    marks: &[Mark],
    params: &LayoutParams,
    extent: impl Fn(usize) -> (f32, f32),
) -> (Vec<(usize, usize)>, Vec<usize>) {
    let mut row_ends: Vec<f32> = Vec::new();
    let mut placed = Vec::with_capacity(marks.len());
    let mut overflow = Vec::new();
    for m in 0..marks.len() {
        let (start, end) = extent(m);
        let free = row_ends.iter().position(|&e| e + params.gap_px <= start);
        let row = match free {
            Some(row) => Some(row),
            None if row_ends.len() < params.max_rows => {
                row_ends.push(f32::NEG_INFINITY);
                Some(row_ends.len() - 1)
            }
            None => None,
        };
        match row {
            Some(row) => {
                // Row ends only grow, so nothing placed later can reach back into an item.
                row_ends[row] = row_ends[row].max(end);
                placed.push((m, row));
            }
            None => overflow.push(m),
        }
    }
    (placed, overflow)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::EventDate;
    use crate::model::event::{Event, Status};
    use crate::model::manifest::Manifest;

    fn dataset(dates: &[&str]) -> Dataset {
        let events = dates
            .iter()
            .enumerate()
            .map(|(i, d)| Event {
                id: format!("e{i:03}"),
                title: format!("Event {i}"),
                when: EventDate::parse(d).unwrap(),
                kind: "k".into(),
                place: None,
                participants: vec![],
                summary: String::new(),
                sources: vec![],
                status: Status::Verified,
                note: None,
                series: None,
                related: vec![],
                tags: vec![],
            })
            .collect();
        Dataset::new(Manifest::default(), events)
    }

    fn no_overlaps(layout: &Layout, params: &LayoutParams, label: f32) {
        for (i, a) in layout.items.iter().enumerate() {
            for b in &layout.items[i + 1..] {
                if a.row != b.row {
                    continue;
                }
                let extent = |it: &LayoutItem| match it.label_x {
                    Some(lx) => (it.x0.min(lx), it.x1.max(lx + label)),
                    None => (it.x0, it.x1),
                };
                let (ea, eb) = (extent(a), extent(b));
                let (first, second) = if ea.0 <= eb.0 { (ea, eb) } else { (eb, ea) };
                assert!(
                    first.1 + params.gap_px <= second.0 + 1e-3,
                    "{a:?} overlaps {b:?}"
                );
            }
        }
    }

    #[test]
    fn items_in_one_row_never_overlap_and_everything_is_accounted_for() {
        let dates = [
            "2024-05-16/2024-05-17",
            "2024-05-16",
            "2024-07-03",
            "2024-08-20/2024-08-22",
            "2024-08-21",
            "2024-08-21",
            "2024-08-21",
            "2024",
            "2023-12-19",
            "2024-05",
        ];
        let ds = dataset(&dates);
        let params = LayoutParams {
            width_px: 800.0,
            max_rows: 4,
            ..LayoutParams::default()
        };
        let view = TimeView::fit(ds.extent().unwrap().0, ds.extent().unwrap().1, 0.05);
        let l = layout(&ds, &view, &params, |_| 60.0);
        no_overlaps(&l, &params, 60.0);
        let hidden: usize = l.overflow.iter().map(|o| o.events.len()).sum();
        assert_eq!(l.items.len() + hidden, dates.len());
        assert!(l.rows_used <= 4);
        // With rows to spare, every event gets a row.
        let roomy = LayoutParams {
            max_rows: 20,
            ..params
        };
        let l = layout(&ds, &view, &roomy, |_| 60.0);
        assert_eq!(l.items.len(), dates.len());
        assert!(l.overflow.is_empty());
        no_overlaps(&l, &roomy, 60.0);
    }

    #[test]
    fn titles_near_the_right_edge_go_to_the_left() {
        let ds = dataset(&["2000", "2024-12-30"]);
        let view = TimeView::fit(ds.extent().unwrap().0, ds.extent().unwrap().1, 0.0);
        let params = LayoutParams {
            width_px: 800.0,
            ..LayoutParams::default()
        };
        let l = layout(&ds, &view, &params, |_| 120.0);
        let last = l.items.iter().find(|it| it.event == 1).unwrap();
        let lx = last.label_x.unwrap();
        assert!(lx + 120.0 <= last.x0, "title left of the mark");
        assert!(lx >= 0.0);
        no_overlaps(&l, &params, 120.0);
    }

    #[test]
    fn layout_is_stable() {
        let ds = dataset(&[
            "2024-01",
            "2024-01-05",
            "2024-02",
            "2024-03-01/2024-04-30",
            "2024",
        ]);
        let params = LayoutParams::default();
        let view = TimeView::fit(ds.extent().unwrap().0, ds.extent().unwrap().1, 0.05);
        let a = layout(&ds, &view, &params, |i| 40.0 + i as f32);
        let b = layout(&ds, &view, &params, |i| 40.0 + i as f32);
        assert_eq!(a, b);
    }

    #[test]
    fn only_visible_events_are_laid_out_and_spans_become_bars() {
        let ds = dataset(&["1990", "2024-01-01/2024-12-31", "2050"]);
        let view = TimeView::fit(
            EventDate::parse("2024").unwrap().earliest_day(),
            EventDate::parse("2024").unwrap().latest_day(),
            0.1,
        );
        let l = layout(&ds, &view, &LayoutParams::default(), |_| 50.0);
        assert_eq!(l.items.len(), 1);
        let item = &l.items[0];
        assert!(!item.is_point && item.x1 - item.x0 > 700.0);
        assert!(
            item.label_x.unwrap() > item.x0,
            "title drawn inside the bar"
        );
    }
}
