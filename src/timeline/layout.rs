//! Where each visible event goes: its horizontal extent in pixels, its lane and row, and
//! whether its title fits beside it; where events are too dense to show one by one, clusters
//! with a count. Pure: the UI measures titles and paints the result.
//!
//! Work is bounded by what is visible: a lane with more visible events than it has room for
//! is summarised by counting events per pixel bucket with binary searches, never touching
//! the events themselves.

use crate::model::dataset::{Dataset, EventIndex};

use super::lanes::Lane;
use super::scale::TimeView;

/// Sizes that shape the layout, in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutParams {
    /// Width of the drawing area.
    pub width_px: f32,
    /// Width of a point event's marker; spans narrower than this are drawn as points.
    pub marker_px: f32,
    /// Space kept free between neighbours in a row.
    pub gap_px: f32,
    /// Space between a mark and its title.
    pub label_pad_px: f32,
    /// Width of one cluster bucket where events are too dense to draw one by one.
    pub cluster_px: f32,
    /// A title that fits on neither side may run off the right edge (cut there); otherwise
    /// it is left out (the window and presentation mode show nothing cut).
    pub clip_titles: bool,
    /// The event whose title is placed before any other's (the selection): when it is drawn
    /// on its own and its title fits on the canvas, the title is shown, and its neighbours'
    /// titles take the room left.
    pub first: Option<EventIndex>,
}

impl Default for LayoutParams {
    fn default() -> Self {
        Self {
            width_px: 1000.0,
            marker_px: 12.0,
            gap_px: 6.0,
            label_pad_px: 4.0,
            cluster_px: 28.0,
            clip_titles: false,
            first: None,
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
    /// Row within its lane, counted from the top.
    pub row: usize,
    /// Drawn as a marker rather than a bar.
    pub is_point: bool,
    /// Where the title starts, when it is drawn; `None` when it did not fit (shown on hover).
    pub label_x: Option<f32>,
}

/// Events shown as one mark with a count.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    pub x0: f32,
    pub x1: f32,
    pub row: usize,
    pub count: usize,
    /// Days to zoom to when the cluster is clicked.
    pub from_day: f64,
    pub to_day: f64,
}

/// The layout of one lane.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LaneLayout {
    pub items: Vec<LayoutItem>,
    pub clusters: Vec<Cluster>,
    /// Rows holding at least one item or cluster.
    pub rows_used: usize,
    /// Events of the lane that overlap the view: `items.len()` plus the clusters' counts.
    pub visible: usize,
}

/// Lay out every lane in `total_rows` rows, sharing them by need (each lane at least one).
/// Returns each lane's layout and the rows given to it.
pub fn layout_lanes(
    dataset: &Dataset,
    lanes: &[Lane],
    view: &TimeView,
    params: &LayoutParams,
    total_rows: usize,
    label_width: impl FnMut(EventIndex) -> f32,
) -> Vec<(LaneLayout, usize)> {
    layout_lanes_in(dataset, lanes, view, params, total_rows, None, label_width)
}

/// [`layout_lanes`], or with each lane's rows given (`rows`, one a lane, as an earlier call
/// shared them): while the view pans, the lanes keep their heights and lay out within them.
pub fn layout_lanes_in(
    dataset: &Dataset,
    lanes: &[Lane],
    view: &TimeView,
    params: &LayoutParams,
    total_rows: usize,
    rows: Option<&[usize]>,
    mut label_width: impl FnMut(EventIndex) -> f32,
) -> Vec<(LaneLayout, usize)> {
    let total_rows = total_rows.max(lanes.len()).max(1);
    let fair_rows = (2 * total_rows / lanes.len().max(1)).clamp(1, total_rows);
    if let Some(rows) = rows.filter(|r| r.len() == lanes.len()) {
        return lanes
            .iter()
            .zip(rows)
            .map(|(lane, &rows)| {
                let rows = rows.max(1);
                let layout = layout_lane_within(
                    dataset,
                    lane,
                    view,
                    params,
                    rows,
                    fair_rows,
                    &mut label_width,
                );
                (layout, rows)
            })
            .collect();
    }
    // First pass: what each lane would use with all the rows to itself. A lane is summarised
    // as clusters when its visible events would not fit twice its fair share of rows, so the
    // work of a frame stays bounded by the room on screen, not by the size of the dataset.
    let first: Vec<LaneLayout> = lanes
        .iter()
        .map(|lane| {
            layout_lane_within(
                dataset,
                lane,
                view,
                params,
                total_rows,
                fair_rows,
                &mut label_width,
            )
        })
        .collect();
    let wanted: Vec<usize> = first.iter().map(|l| l.rows_used.max(1)).collect();
    let sum: usize = wanted.iter().sum();
    if sum <= total_rows {
        // Spare rows go to the lanes in order, so a lane's height is stable while panning.
        return first.into_iter().zip(wanted).collect();
    }
    let mut shares = share_rows(&wanted, total_rows);
    // The lane of the first event (the selection) keeps two rows when it wants them: in one
    // row, neighbours that touch merge into a cluster, and the selection would be in it.
    let holds_first = |layout: &LaneLayout| {
        params
            .first
            .is_some_and(|f| layout.items.iter().any(|it| it.event == f))
    };
    if let Some(lane) = first.iter().position(holds_first)
        && shares[lane] < 2
        && wanted[lane] >= 2
        && let Some(giver) = (0..shares.len())
            .filter(|&i| i != lane)
            .max_by_key(|&i| shares[i])
            .filter(|&i| shares[i] > 1)
    {
        shares[giver] -= 1;
        shares[lane] += 1;
    }
    let mut relayout = |lane: &Lane, rows: usize| {
        layout_lane_within(
            dataset,
            lane,
            view,
            params,
            rows,
            fair_rows,
            &mut label_width,
        )
    };
    let mut laid: Vec<(LaneLayout, usize)> = first
        .into_iter()
        .zip(lanes)
        .zip(&shares)
        .map(|((layout, lane), &rows)| {
            if layout.rows_used <= rows {
                (layout, rows)
            } else {
                (relayout(lane, rows), rows)
            }
        })
        .collect();
    // A lane laid out in fewer rows often needs fewer still (its titles give way before its
    // marks do): the rows it leaves go once more to the lanes short of their wish, and every
    // lane keeps only the rows it uses.
    let freed: usize = laid
        .iter()
        .map(|(layout, rows)| rows - layout.rows_used.clamp(1, *rows))
        .sum();
    if freed > 0 {
        let mut short: Vec<usize> = (0..laid.len())
            .filter(|&i| laid[i].1 < wanted[i] && !laid[i].0.clusters.is_empty())
            .collect();
        // At least a row each: the neediest first when there are not enough.
        short.sort_by_key(|&i| std::cmp::Reverse(wanted[i] - laid[i].1));
        short.truncate(freed);
        let deficits: Vec<usize> = short.iter().map(|&i| wanted[i] - laid[i].1).collect();
        let extra = share_rows(&deficits, freed);
        for (&i, &more) in short.iter().zip(&extra) {
            let rows = laid[i].1 + more;
            laid[i] = (relayout(&lanes[i], rows), rows);
        }
    }
    laid.into_iter()
        .map(|(layout, rows)| {
            let used = layout.rows_used.clamp(1, rows);
            (layout, used)
        })
        .collect()
}

/// Split `total` rows in proportion to `wanted`, each at least 1, never more than wanted.
pub(crate) fn share_rows(wanted: &[usize], total: usize) -> Vec<usize> {
    let sum: usize = wanted.iter().sum();
    if sum <= total {
        return wanted.to_vec();
    }
    let spare = total.saturating_sub(wanted.len());
    let extra_wanted: usize = wanted.iter().map(|w| w - 1).sum();
    let mut shares: Vec<usize> = wanted
        .iter()
        .map(|&w| 1 + (w - 1) * spare / extra_wanted.max(1))
        .collect();
    // Hand out what rounding left over, largest wants first.
    let mut left = total.saturating_sub(shares.iter().sum());
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(wanted[i]));
    for i in order.into_iter().cycle().take(wanted.len() * 2) {
        if left == 0 {
            break;
        }
        if shares[i] < wanted[i] {
            shares[i] += 1;
            left -= 1;
        }
    }
    shares
}

/// Lay out one lane in at most `max_rows` rows.
pub fn layout_lane(
    dataset: &Dataset,
    lane: &Lane,
    view: &TimeView,
    params: &LayoutParams,
    max_rows: usize,
    label_width: &mut impl FnMut(EventIndex) -> f32,
) -> LaneLayout {
    layout_lane_within(dataset, lane, view, params, max_rows, max_rows, label_width)
}

/// Lay out one lane in at most `max_rows` rows, as clusters if its visible events could not
/// each have a place in `dense_rows` rows.
fn layout_lane_within(
    dataset: &Dataset,
    lane: &Lane,
    view: &TimeView,
    params: &LayoutParams,
    max_rows: usize,
    dense_rows: usize,
    label_width: &mut impl FnMut(EventIndex) -> f32,
) -> LaneLayout {
    let max_rows = max_rows.max(1);
    let dense_rows = dense_rows.max(1);
    let from = view.start_day.floor() as i64;
    let starting = lane.count_starting_in(view.start_day.floor(), view.end_day());
    let ongoing = lane.count_ongoing_at(from);
    let visible = starting + ongoing;
    let capacity = dense_rows as f32 * params.width_px / (params.marker_px + params.gap_px);
    if visible as f32 > capacity {
        return dense_layout(lane, view, params, ongoing, visible);
    }
    let to = view.end_day().ceil() as i64;
    // Events already under way when the view starts are drawn one by one only while each can
    // have a row; beyond that they are one count at the left edge, so that many long or
    // open-ended events cost no more than their number, found by binary search.
    if ongoing <= max_rows {
        let marks = marks(dataset, lane.in_window(from, to), view, params, label_width);
        let mut out = sparse_layout(&marks, view, params, max_rows, dataset);
        out.visible = marks.len();
        return out;
    }
    if max_rows == 1 {
        return dense_layout(lane, view, params, ongoing, visible);
    }
    let starting = lane.starting_in(from, to).to_vec();
    let marks = marks(dataset, starting, view, params, label_width);
    let mut out = sparse_layout(&marks, view, params, max_rows - 1, dataset);
    out.clusters.push(Cluster {
        x0: 0.0,
        x1: params.cluster_px.min(params.width_px),
        row: max_rows - 1,
        count: ongoing,
        from_day: view.start_day - view.span_days * 2.0,
        to_day: view.end_day(),
    });
    out.rows_used = max_rows;
    out.visible = marks.len() + ongoing;
    out
}

/// Too many events to draw one by one: one row of clusters, one per bucket of `cluster_px`,
/// aligned to a fixed grid of days so they do not shimmer while panning.
fn dense_layout(
    lane: &Lane,
    view: &TimeView,
    params: &LayoutParams,
    ongoing: usize,
    visible: usize,
) -> LaneLayout {
    let width = f64::from(params.width_px);
    let bucket_days = view.days_per_px(width) * f64::from(params.cluster_px);
    let mut clusters: Vec<Cluster> = Vec::new();
    let first_bucket = (view.start_day.floor() / bucket_days).floor() as i64;
    let mut k = first_bucket;
    loop {
        let a = (k as f64 * bucket_days).max(view.start_day.floor());
        let b = (k + 1) as f64 * bucket_days;
        if a >= view.end_day() {
            break;
        }
        let b_clamped = b.min(view.end_day());
        let mut count = lane.count_starting_in(a, b_clamped);
        let mut from_day = a;
        if k == first_bucket && ongoing > 0 {
            // Events under way since before the view join the first bucket.
            count += ongoing;
            from_day = view.start_day - view.span_days;
        }
        if count > 0 {
            let x0 = view.day_to_x(a, width) as f32;
            let x1 = view.day_to_x(b_clamped, width) as f32;
            clusters.push(Cluster {
                x0: x0.max(0.0),
                x1: x1.min(params.width_px),
                row: 0,
                count,
                from_day,
                to_day: b_clamped,
            });
        }
        k += 1;
    }
    LaneLayout {
        items: Vec::new(),
        rows_used: usize::from(!clusters.is_empty()),
        clusters,
        visible,
    }
}

fn marks(
    dataset: &Dataset,
    visible: Vec<EventIndex>,
    view: &TimeView,
    params: &LayoutParams,
    label_width: &mut impl FnMut(EventIndex) -> f32,
) -> Vec<Mark> {
    let width = f64::from(params.width_px);
    let margin = params.marker_px * 2.0;
    visible
        .into_iter()
        .filter_map(|index| {
            dataset.event(index)?;
            let (earliest, latest) = dataset.days(index);
            let (earliest, latest_excl) = (earliest as f64, latest as f64 + 1.0);
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
        .collect()
}

/// Individual marks packed into rows. If they do not all fit, the last row holds clusters of
/// the ones left over.
fn sparse_layout(
    marks: &[Mark],
    view: &TimeView,
    params: &LayoutParams,
    max_rows: usize,
    dataset: &Dataset,
) -> LaneLayout {
    let pad = params.label_pad_px;
    if max_rows == 1 {
        return single_row_layout(marks, params, dataset);
    }
    // Events that cover most of the view (long spans, open ends) are packed after the short
    // ones: otherwise a few of them take every row and push the rest into a cluster.
    let long = |m: &Mark| m.x1 - m.x0 > params.width_px * 0.5;
    let reordered: Vec<Mark> = marks
        .iter()
        .filter(|m| !long(m))
        .chain(marks.iter().filter(|m| long(m)))
        .cloned()
        .collect();
    let marks = reordered.as_slice();
    let first = params
        .first
        .and_then(|e| marks.iter().position(|m| m.index == e));
    // First try: every title beside its mark (inside a wide bar, else right, else left).
    // If that needs more rows than there are, pack the marks alone (the first one with its
    // title) and give the other titles only the room left between neighbours in the row.
    let preferred: Vec<Option<Side>> = marks
        .iter()
        .map(|m| m.sides(params).into_iter().next())
        .collect();
    let with_titles = pack(marks, params, max_rows, None, |i| {
        marks[i].extent(preferred[i], pad)
    });
    let all_placed = with_titles.1.is_empty();
    let (rows, overflow) = if all_placed {
        with_titles
    } else {
        let bare = |i: usize| {
            if Some(i) == first {
                marks[i].extent(preferred[i], pad)
            } else {
                (marks[i].x0, marks[i].x1)
            }
        };
        let mut packed = pack(marks, params, max_rows, None, bare);
        if !packed.1.is_empty() {
            // Keep the last row for the clusters of what does not fit.
            packed = pack(marks, params, max_rows - 1, None, bare);
        }
        if let Some(f) = first
            && packed.1.contains(&f)
        {
            // The first one did not find a row in time order: it goes first.
            packed = pack(marks, params, max_rows - 1, first, bare);
        }
        packed
    };
    let rows_for_items = rows.iter().map(|&(_, row)| row + 1).max().unwrap_or(0);

    // Choose each title's side left to right in each row, so titles never meet; the first
    // one's title is already placed, the others keep clear of it.
    let mut by_row: Vec<Vec<usize>> = vec![Vec::new(); rows_for_items];
    for &(m, row) in &rows {
        by_row[row].push(m);
    }
    for members in &mut by_row {
        members.sort_by(|&a, &b| marks[a].x0.total_cmp(&marks[b].x0));
    }
    let mut side_of: Vec<Option<Side>> = vec![None; marks.len()];
    if let Some(f) = first {
        side_of[f] = preferred[f];
    }
    for members in &by_row {
        let mut occupied_end = f32::NEG_INFINITY;
        for (k, &m) in members.iter().enumerate() {
            let mark = &marks[m];
            let next_start = members.get(k + 1).map_or(f32::INFINITY, |&n| {
                if Some(n) == first {
                    marks[n].extent(side_of[n], pad).0
                } else {
                    marks[n].x0
                }
            });
            let side = if all_placed || Some(m) == first {
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

    let items = rows
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

    // Left-over marks, merged into clusters that do not overlap, in the row after the items.
    let cluster_row = rows_for_items.min(max_rows - 1);
    let mut clusters: Vec<Cluster> = Vec::new();
    // Long marks left over are counted in the first cluster (at the left edge); the short ones
    // are grouped by where they are.
    let (long_left, mut overflow): (Vec<usize>, Vec<usize>) = overflow
        .into_iter()
        .partition(|&m| marks[m].x1 - marks[m].x0 > params.width_px * 0.5);
    let middle = |m: usize| marks[m].x0 + marks[m].x1;
    overflow.sort_by(|&a, &b| middle(a).total_cmp(&middle(b)));
    // Each in the bucket of `cluster_px` its middle falls in, on a grid of days (as in a
    // dense lane), so a run of left-over marks reads as counts along the row, not as one long
    // block, and the buckets do not shimmer while panning.
    let width = f64::from(params.width_px);
    let bucket_days = view.days_per_px(width) * f64::from(params.cluster_px);
    let mut last_bucket = None;
    for m in overflow {
        let mark = &marks[m];
        let when = &dataset.events()[mark.index].when;
        let (from_day, to_day) = (when.earliest_day() as f64, when.latest_day() as f64 + 1.0);
        let middle = view.x_to_day(f64::from(mark.x0 + mark.x1) / 2.0, width);
        let bucket = (middle / bucket_days).floor();
        match clusters.last_mut() {
            Some(c) if last_bucket == Some(bucket) => {
                c.count += 1;
                c.from_day = c.from_day.min(from_day);
                c.to_day = c.to_day.max(to_day);
            }
            _ => {
                let x_of = |day: f64| view.day_to_x(day, width) as f32;
                let x0 = x_of(bucket * bucket_days).max(0.0);
                let x1 = x_of((bucket + 1.0) * bucket_days).min(params.width_px);
                clusters.push(Cluster {
                    x0,
                    x1: x1.max(x0 + 1.0),
                    row: cluster_row,
                    count: 1,
                    from_day,
                    to_day,
                });
                last_bucket = Some(bucket);
            }
        }
    }
    if !long_left.is_empty() {
        let days = |m: usize| {
            let when = &dataset.events()[marks[m].index].when;
            (when.earliest_day() as f64, when.latest_day() as f64 + 1.0)
        };
        let from_day = long_left
            .iter()
            .map(|&m| days(m).0)
            .fold(f64::INFINITY, f64::min);
        let to_day = long_left
            .iter()
            .map(|&m| days(m).1)
            .fold(f64::NEG_INFINITY, f64::max);
        match clusters.first_mut() {
            Some(first) if first.x0 < params.cluster_px + params.gap_px => {
                first.x0 = first.x0.min(0.0);
                first.count += long_left.len();
                first.from_day = first.from_day.min(from_day);
                first.to_day = first.to_day.max(to_day);
            }
            _ => clusters.insert(
                0,
                Cluster {
                    x0: 0.0,
                    x1: params.cluster_px * 0.75,
                    row: cluster_row,
                    count: long_left.len(),
                    from_day,
                    to_day,
                },
            ),
        }
    }
    LaneLayout {
        items,
        rows_used: if clusters.is_empty() {
            rows_for_items
        } else {
            cluster_row + 1
        },
        clusters,
        visible: marks.len(),
    }
}

/// One row: marks that would touch a neighbour merge with it into a cluster; titles only
/// where they fit before the next mark.
fn single_row_layout(marks: &[Mark], params: &LayoutParams, dataset: &Dataset) -> LaneLayout {
    enum Block {
        Item(usize),
        Cluster(Cluster),
    }
    let days = |m: &Mark| {
        let when = &dataset.events()[m.index].when;
        (when.earliest_day() as f64, when.latest_day() as f64 + 1.0)
    };
    let mut blocks: Vec<Block> = Vec::new();
    for (i, mark) in marks.iter().enumerate() {
        let last_end = match blocks.last() {
            Some(Block::Item(j)) => marks[*j].x1,
            Some(Block::Cluster(c)) => c.x1,
            None => f32::NEG_INFINITY,
        };
        if mark.x0 >= last_end + params.gap_px {
            blocks.push(Block::Item(i));
            continue;
        }
        let (from_day, to_day) = days(mark);
        match blocks.last_mut() {
            Some(Block::Cluster(c)) => {
                c.x1 = c.x1.max(mark.x1);
                c.count += 1;
                c.from_day = c.from_day.min(from_day);
                c.to_day = c.to_day.max(to_day);
            }
            Some(last @ Block::Item(_)) => {
                let Block::Item(j) = *last else {
                    unreachable!()
                };
                let (a, b) = days(&marks[j]);
                *last = Block::Cluster(Cluster {
                    x0: marks[j].x0,
                    x1: marks[j]
                        .x1
                        .max(mark.x1)
                        .max(marks[j].x0 + params.cluster_px * 0.75),
                    row: 0,
                    count: 2,
                    from_day: a.min(from_day),
                    to_day: b.max(to_day),
                });
            }
            None => unreachable!("a first mark always starts a block"),
        }
    }
    let mut items = Vec::new();
    let mut clusters = Vec::new();
    let pad = params.label_pad_px;
    let start_of = |block: &Block| match block {
        Block::Item(j) => marks[*j].x0,
        Block::Cluster(c) => c.x0,
    };
    let end_of = |block: &Block| match block {
        Block::Item(j) => marks[*j].x1,
        Block::Cluster(c) => c.x1,
    };
    // The first event's title is placed before the others', between its neighbours' marks.
    let first = blocks
        .iter()
        .position(|b| matches!(b, Block::Item(i) if params.first == Some(marks[*i].index)));
    let first_side = first.and_then(|k| {
        let Block::Item(i) = blocks[k] else {
            return None;
        };
        let mark = &marks[i];
        let before = k
            .checked_sub(1)
            .map_or(f32::NEG_INFINITY, |j| end_of(&blocks[j]));
        let after = blocks.get(k + 1).map_or(f32::INFINITY, start_of);
        mark.sides(params).into_iter().find(|&side| {
            let (a, b) = mark.label_span(side, pad);
            a >= before + params.gap_px && b + params.gap_px <= after
        })
    });
    // The others' titles, left to right, each clear of what is before it and of the next mark
    // (or of the first event's title).
    let mut occupied_end = f32::NEG_INFINITY;
    for (k, block) in blocks.iter().enumerate() {
        match block {
            Block::Cluster(c) => {
                clusters.push(c.clone());
                occupied_end = c.x1;
            }
            Block::Item(i) => {
                let mark = &marks[*i];
                let next_start = match blocks.get(k + 1) {
                    Some(Block::Item(j)) if first == Some(k + 1) => {
                        marks[*j].extent(first_side, pad).0
                    }
                    Some(next) => start_of(next),
                    None => f32::INFINITY,
                };
                let side = if first == Some(k) {
                    first_side
                } else {
                    mark.sides(params).into_iter().find(|&side| {
                        let (a, b) = mark.label_span(side, pad);
                        a >= occupied_end + params.gap_px && b + params.gap_px <= next_start
                    })
                };
                occupied_end = mark.extent(side, pad).1;
                items.push(LayoutItem {
                    event: mark.index,
                    x0: mark.x0,
                    x1: mark.x1,
                    row: 0,
                    is_point: mark.is_point,
                    label_x: side.map(|s| mark.label_span(s, pad).0),
                });
            }
        }
    }
    LaneLayout {
        rows_used: usize::from(!marks.is_empty()),
        items,
        clusters,
        visible: marks.len(),
    }
}

/// Where a title sits relative to its mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Inside,
    Right,
    Left,
}

#[derive(Clone)]
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
    /// screen, left if it does; right as the last resort when cutting is allowed (it will be
    /// clipped at the edge). The first event's title may also start inside its bar and run
    /// past its end, when neither side has room.
    fn sides(&self, params: &LayoutParams) -> Vec<Side> {
        let pad = params.label_pad_px;
        let mut sides = Vec::with_capacity(3);
        let visible_bar = self.x1.min(params.width_px) - self.x0.max(0.0);
        if !self.is_point && visible_bar >= self.text + 2.0 * pad {
            sides.push(Side::Inside);
        }
        // A title starts on the canvas: one beside a mark off its left edge would be cut.
        let right_fits = self.x1 + pad >= 0.0 && self.x1 + pad + self.text <= params.width_px;
        let left_fits = self.x0 - pad - self.text >= 0.0;
        if right_fits {
            sides.push(Side::Right);
        }
        if left_fits {
            sides.push(Side::Left);
        }
        if !right_fits && !left_fits {
            let over_bar = self.x0.max(0.0) + pad + self.text <= params.width_px;
            if params.first == Some(self.index) && !self.is_point && over_bar {
                sides.push(Side::Inside);
            } else if params.clip_titles {
                sides.push(Side::Right);
            }
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
/// occupies `extent(i)`. Returns (mark, row) pairs and the marks left over. With `first`,
/// that mark takes the first row alone before the others are packed in time order around it
/// (only before it, in its row).
fn pack(
    marks: &[Mark],
    params: &LayoutParams,
    max_rows: usize,
    first: Option<usize>,
    extent: impl Fn(usize) -> (f32, f32),
) -> (Vec<(usize, usize)>, Vec<usize>) {
    let mut row_ends: Vec<f32> = Vec::new();
    let mut placed = Vec::with_capacity(marks.len());
    let mut overflow = Vec::new();
    // The span the first mark holds in row 0, which the others keep clear of.
    let mut held: Option<(f32, f32)> = None;
    if let Some(f) = first.filter(|_| max_rows > 0) {
        held = Some(extent(f));
        row_ends.push(f32::NEG_INFINITY);
        placed.push((f, 0));
    }
    for m in 0..marks.len() {
        if Some(m) == first {
            continue;
        }
        let (start, end) = extent(m);
        let clear_of_held = |row: usize| {
            row != 0
                || held.is_none_or(|(a, b)| end + params.gap_px <= a || start >= b + params.gap_px)
        };
        let free = row_ends
            .iter()
            .enumerate()
            .position(|(row, &e)| e + params.gap_px <= start && clear_of_held(row));
        let row = match free {
            Some(row) => Some(row),
            None if row_ends.len() < max_rows => {
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
    use crate::timeline::lanes::{Grouping, Lanes};

    fn dataset(dates: &[&str]) -> Dataset {
        let events = dates
            .iter()
            .enumerate()
            .map(|(i, d)| Event {
                id: format!("e{i:05}").into(),
                title: format!("Event {i}").into(),
                when: EventDate::parse(d).unwrap(),
                kind: "k".into(),
                place: None,
                participants: Box::default(),
                summary: crate::model::Text::default(),
                sources: Box::default(),
                media: Box::default(),
                status: Status::Verified,
                note: None,
                series: None,
                related: Box::default(),
                tags: Box::default(),
            })
            .collect();
        Dataset::new(Manifest::default(), events)
    }

    fn one_lane(ds: &Dataset) -> Lane {
        Lanes::build(ds, Grouping::None, |_| true).lanes.remove(0)
    }

    fn fitted(ds: &Dataset, margin: f64) -> TimeView {
        let (a, b) = ds.extent().unwrap();
        TimeView::fit(a, b, margin)
    }

    fn no_overlaps(layout: &LaneLayout, params: &LayoutParams, label: f32) {
        // (row, start, end, is_cluster): items keep a gap from everything; dense clusters may
        // touch each other but never overlap.
        let mut boxes: Vec<(usize, f32, f32, bool)> = layout
            .items
            .iter()
            .map(|it| match it.label_x {
                Some(lx) => (it.row, it.x0.min(lx), it.x1.max(lx + label), false),
                None => (it.row, it.x0, it.x1, false),
            })
            .collect();
        boxes.extend(layout.clusters.iter().map(|c| (c.row, c.x0, c.x1, true)));
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                if a.0 != b.0 {
                    continue;
                }
                let (first, second) = if a.1 <= b.1 { (a, b) } else { (b, a) };
                let gap = if a.3 && b.3 { 0.0 } else { params.gap_px };
                assert!(first.2 + gap <= second.1 + 1e-3, "{a:?} overlaps {b:?}");
            }
        }
    }

    const DATES: [&str; 10] = [
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

    #[test]
    fn nothing_overlaps_and_every_event_is_accounted_for() {
        let ds = dataset(&DATES);
        let lane = one_lane(&ds);
        let params = LayoutParams {
            width_px: 800.0,
            ..LayoutParams::default()
        };
        let view = fitted(&ds, 0.05);
        for rows in 1..12 {
            let l = layout_lane(&ds, &lane, &view, &params, rows, &mut |_| 60.0);
            no_overlaps(&l, &params, 60.0);
            let clustered: usize = l.clusters.iter().map(|c| c.count).sum();
            assert_eq!(l.items.len() + clustered, DATES.len(), "{rows} rows");
            assert_eq!(l.visible, DATES.len());
            assert!(l.rows_used <= rows);
        }
        let roomy = layout_lane(&ds, &lane, &view, &params, 20, &mut |_| 60.0);
        assert_eq!(roomy.items.len(), DATES.len());
        assert!(roomy.clusters.is_empty());
    }

    #[test]
    fn titles_near_the_right_edge_go_to_the_left() {
        let ds = dataset(&["2000", "2024-12-30"]);
        let lane = one_lane(&ds);
        let view = fitted(&ds, 0.0);
        let params = LayoutParams {
            width_px: 800.0,
            ..LayoutParams::default()
        };
        // In a lane of several rows, and in a lane of one.
        for rows in [4, 1] {
            let l = layout_lane(&ds, &lane, &view, &params, rows, &mut |_| 120.0);
            let last = l.items.iter().find(|it| it.event == 1).unwrap();
            let lx = last.label_x.unwrap();
            assert!(lx + 120.0 <= last.x0, "title left of the mark");
            assert!(lx >= 0.0);
            no_overlaps(&l, &params, 120.0);
        }
    }

    #[test]
    fn titles_with_no_room_are_cut_or_left_out_as_asked() {
        // One event in the middle of a narrow canvas: its title fits on neither side.
        let ds = dataset(&["2000", "2024-06-15", "2048"]);
        let lane = one_lane(&ds);
        let view = fitted(&ds, 0.0);
        for clip in [true, false] {
            let params = LayoutParams {
                width_px: 300.0,
                clip_titles: clip,
                ..LayoutParams::default()
            };
            let l = layout_lane(&ds, &lane, &view, &params, 4, &mut |_| 200.0);
            let middle = l.items.iter().find(|it| it.event == 1).unwrap();
            match middle.label_x {
                Some(x) => {
                    assert!(clip, "a title is only cut when cutting is allowed");
                    assert!(x + 200.0 > params.width_px);
                }
                None => assert!(!clip, "with cutting allowed the title is drawn (cut)"),
            }
        }
    }

    #[test]
    fn the_first_event_gets_its_title_before_its_neighbours() {
        // Ten events a month apart: with two rows, most titles must be left out. (In a lane
        // of one row, a title never covers a neighbour's mark: it shows where there is room.)
        let dates: Vec<String> = (1..=10).map(|m| format!("2024-{m:02}-15")).collect();
        let refs: Vec<&str> = dates.iter().map(String::as_str).collect();
        let ds = dataset(&refs);
        let lane = one_lane(&ds);
        let view = fitted(&ds, 0.05);
        for rows in [2, 3] {
            for chosen in 0..10 {
                let params = LayoutParams {
                    width_px: 800.0,
                    first: Some(chosen),
                    ..LayoutParams::default()
                };
                let l = layout_lane(&ds, &lane, &view, &params, rows, &mut |_| 150.0);
                no_overlaps(&l, &params, 150.0);
                let item = l.items.iter().find(|it| it.event == chosen);
                let item = item.unwrap_or_else(|| panic!("{chosen} drawn on its own, {rows} rows"));
                let x = item
                    .label_x
                    .unwrap_or_else(|| panic!("{chosen} titled, {rows} rows"));
                assert!(x >= 0.0 && x + 150.0 <= 800.0, "not cut");
                let clustered: usize = l.clusters.iter().map(|c| c.count).sum();
                assert_eq!(l.items.len() + clustered, 10);
            }
        }
    }

    #[test]
    fn titles_start_and_end_on_the_canvas_while_marks_leave_it() {
        let ds = dataset(&DATES);
        let lane = one_lane(&ds);
        let params = LayoutParams {
            width_px: 600.0,
            ..LayoutParams::default()
        };
        let fitted = fitted(&ds, 0.05);
        for step in -40..40 {
            let view = fitted.panned_by_px(f64::from(step) * 7.0, 600.0);
            for rows in [1, 3, 8] {
                let l = layout_lane(&ds, &lane, &view, &params, rows, &mut |_| 90.0);
                for item in &l.items {
                    if let Some(x) = item.label_x {
                        assert!(x >= 0.0 && x + 90.0 <= 600.0, "{step}: {item:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn left_over_marks_are_counted_by_place_not_in_one_long_block() {
        // 150 days of one year, two a day on some: more than three rows hold.
        let dates: Vec<String> = (0..300)
            .map(|i| {
                let day = 1 + (i * 7) % 360;
                let (m, d) = (1 + (day - 1) / 30, 1 + (day - 1) % 28);
                format!("2024-{m:02}-{d:02}")
            })
            .collect();
        let refs: Vec<&str> = dates.iter().map(String::as_str).collect();
        let ds = dataset(&refs);
        let lane = one_lane(&ds);
        let view = fitted(&ds, 0.02);
        let params = LayoutParams {
            width_px: 900.0,
            ..LayoutParams::default()
        };
        let l = layout_lane(&ds, &lane, &view, &params, 3, &mut |_| 80.0);
        assert!(l.clusters.len() > 5, "{:?}", l.clusters);
        for c in &l.clusters {
            assert!(c.x1 - c.x0 <= params.cluster_px + 0.5, "{c:?}");
        }
        no_overlaps(&l, &params, 80.0);
        let clustered: usize = l.clusters.iter().map(|c| c.count).sum();
        assert_eq!(l.items.len() + clustered, 300);
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
        let lane = one_lane(&ds);
        let params = LayoutParams::default();
        let view = fitted(&ds, 0.05);
        let a = layout_lane(&ds, &lane, &view, &params, 3, &mut |i| 40.0 + i as f32);
        let b = layout_lane(&ds, &lane, &view, &params, 3, &mut |i| 40.0 + i as f32);
        assert_eq!(a, b);
    }

    #[test]
    fn only_visible_events_are_laid_out_and_spans_become_bars() {
        let ds = dataset(&["1990", "2024-01-01/2024-12-31", "2050"]);
        let lane = one_lane(&ds);
        let year = EventDate::parse("2024").unwrap();
        let view = TimeView::fit(year.earliest_day(), year.latest_day(), 0.1);
        let l = layout_lane(&ds, &lane, &view, &LayoutParams::default(), 4, &mut |_| {
            50.0
        });
        assert_eq!(l.items.len(), 1);
        let item = &l.items[0];
        assert!(!item.is_point && item.x1 - item.x0 > 700.0);
        assert!(
            item.label_x.unwrap() > item.x0,
            "title drawn inside the bar"
        );
    }

    #[test]
    fn dense_lanes_become_clusters_whose_counts_add_up() {
        // 5,000 events over ten years, one open-ended span from before the view.
        let mut dates: Vec<String> = (0..5_000)
            .map(|i| format!("{}-{:02}-{:02}", 2000 + i % 10, 1 + i % 12, 1 + i % 28))
            .collect();
        dates.push("1990/..".into());
        let refs: Vec<&str> = dates.iter().map(String::as_str).collect();
        let ds = dataset(&refs);
        let lane = one_lane(&ds);
        let view = TimeView::fit(
            EventDate::parse("2000").unwrap().earliest_day(),
            EventDate::parse("2009").unwrap().latest_day(),
            0.0,
        );
        let params = LayoutParams {
            width_px: 1000.0,
            ..LayoutParams::default()
        };
        let mut measured = 0;
        let l = layout_lane(&ds, &lane, &view, &params, 3, &mut |_| {
            measured += 1;
            50.0
        });
        assert!(l.items.is_empty(), "too dense for single events");
        assert_eq!(measured, 0, "dense lanes do not touch individual events");
        let total: usize = l.clusters.iter().map(|c| c.count).sum();
        assert_eq!(total, 5_001);
        assert_eq!(l.visible, 5_001);
        assert!(l.clusters.len() <= 1 + (1000.0 / params.cluster_px) as usize + 1);
        no_overlaps(&l, &params, 0.0);
    }

    /// `open` events running since the 1950s, the dated `days`, and a view of February 2024.
    fn february_with_open_ends(open: usize, days: &[String]) -> (Dataset, Lane, TimeView) {
        let mut dates: Vec<String> = (0..open).map(|i| format!("19{:02}/..", 50 + i)).collect();
        dates.extend(days.iter().cloned());
        let refs: Vec<&str> = dates.iter().map(String::as_str).collect();
        let ds = dataset(&refs);
        let lane = one_lane(&ds);
        let feb = EventDate::parse("2024-02").unwrap();
        (
            ds,
            lane,
            TimeView::fit(feb.earliest_day(), feb.latest_day(), 0.02),
        )
    }

    #[test]
    fn long_spans_do_not_crowd_out_short_events() {
        let days: Vec<String> = (1..=28).map(|d| format!("2024-02-{d:02}")).collect();
        let (ds, lane, view) = february_with_open_ends(5, &days);
        let params = LayoutParams {
            width_px: 1200.0,
            ..LayoutParams::default()
        };
        let l = layout_lane(&ds, &lane, &view, &params, 4, &mut |_| 40.0);
        no_overlaps(&l, &params, 40.0);
        let short_shown = l.items.iter().filter(|it| it.x1 - it.x0 < 600.0).count();
        assert_eq!(short_shown, 28, "every day of February has its own mark");
        let clustered: usize = l.clusters.iter().map(|c| c.count).sum();
        assert_eq!(l.items.len() + clustered, 33);
    }

    #[test]
    fn many_events_under_way_are_counted_not_drawn() {
        // Twenty open-ended events from before the view, and a few days in it.
        let days = ["2024-02-05", "2024-02-10", "2024-02-20"].map(String::from);
        let (ds, lane, view) = february_with_open_ends(20, &days);
        let params = LayoutParams {
            width_px: 1000.0,
            ..LayoutParams::default()
        };
        let mut measured = Vec::new();
        let l = layout_lane(&ds, &lane, &view, &params, 4, &mut |i| {
            measured.push(i);
            40.0
        });
        assert_eq!(
            measured.len(),
            3,
            "only the events starting in view are laid out"
        );
        assert_eq!(l.items.len(), 3);
        let ongoing = l.clusters.iter().find(|c| c.x0 == 0.0).unwrap();
        assert_eq!(ongoing.count, 20);
        assert_eq!(l.visible, 23);
        no_overlaps(&l, &params, 40.0);
        // With rows for each of them, they are drawn one by one instead.
        let l = layout_lane(&ds, &lane, &view, &params, 30, &mut |_| 40.0);
        assert_eq!(l.items.len(), 23);
    }

    #[test]
    fn rows_are_shared_by_need() {
        assert_eq!(share_rows(&[2, 3], 10), vec![2, 3]);
        let s = share_rows(&[10, 1, 30], 12);
        assert_eq!(s.iter().sum::<usize>(), 12);
        assert!(
            s.iter()
                .zip([10, 1, 30])
                .all(|(&got, want)| got >= 1 && got <= want),
            "{s:?}"
        );
        assert!(s[2] > s[0] && s[0] >= s[1]);
        let tight = share_rows(&[5, 5, 5], 3);
        assert_eq!(tight, vec![1, 1, 1]);
    }

    #[test]
    fn lanes_share_the_rows_of_the_view() {
        let ds = dataset(&DATES);
        let lanes = vec![one_lane(&ds), one_lane(&ds)];
        let view = fitted(&ds, 0.05);
        let params = LayoutParams {
            width_px: 800.0,
            ..LayoutParams::default()
        };
        let laid = layout_lanes(&ds, &lanes, &view, &params, 6, |_| 60.0);
        let rows: usize = laid.iter().map(|(_, r)| r).sum();
        assert!(rows <= 6);
        for (l, r) in &laid {
            assert!(l.rows_used <= *r);
            let clustered: usize = l.clusters.iter().map(|c| c.count).sum();
            assert_eq!(l.items.len() + clustered, DATES.len());
        }
    }

    #[test]
    fn no_lane_keeps_rows_it_leaves_empty() {
        // The bundled dataset's regular meetings want a row each for their titles; cut to a
        // share, they fall back to two rows of bare marks, and the rows they no longer use go
        // to lanes that would otherwise be gathered into clusters.
        let ds = crate::testing::bundled_dataset();
        let lanes = Lanes::build(&ds, Grouping::Category, |_| true);
        let view = fitted(&ds, 0.04);
        for width in [640.0, 800.0, 1120.0] {
            let params = LayoutParams {
                width_px: width,
                ..LayoutParams::default()
            };
            for total in 6..40 {
                let laid = layout_lanes(&ds, &lanes.lanes, &view, &params, total, |i| {
                    8.0 * ds.events()[i].title.to_string().chars().count() as f32
                });
                let given: usize = laid.iter().map(|(_, r)| r).sum();
                assert!(given <= total.max(lanes.lanes.len()), "{width} {total}");
                for (l, rows) in &laid {
                    assert_eq!(l.rows_used.max(1), *rows, "{width} px, {total} rows");
                }
            }
        }
    }
}
