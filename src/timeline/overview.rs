//! The overview strip under the timeline: the whole dataset at a glance, with the visible
//! window as a rectangle that can be dragged and resized.

use super::lanes::Lanes;
use super::scale::{MIN_SPAN_DAYS, TimeView};
use crate::model::date::DayNumber;

/// What the overview shows: the dataset's extent and the current view, with a margin.
pub fn overview_view(extent: Option<(DayNumber, DayNumber)>, current: &TimeView) -> TimeView {
    let (mut first, mut last) = match extent {
        Some((a, b)) => (a as f64, b as f64 + 1.0),
        None => (current.start_day, current.end_day()),
    };
    first = first.min(current.start_day);
    last = last.max(current.end_day());
    let margin = (last - first) * 0.02;
    TimeView::new(first - margin, (last - first) + 2.0 * margin)
}

/// Number of events starting in each of `columns` equal slices of `view`, over all lanes.
/// O(lanes × columns × log n): independent of how many events there are.
pub(crate) fn histogram(lanes: &Lanes, view: &TimeView, columns: usize) -> Vec<usize> {
    let step = view.span_days / columns.max(1) as f64;
    (0..columns)
        .map(|c| {
            let a = view.start_day + c as f64 * step;
            lanes
                .lanes
                .iter()
                .map(|lane| lane.count_starting_in(a, a + step))
                .sum()
        })
        .collect()
}

/// Which part of the window rectangle is being dragged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OverviewGrip {
    /// The body: move the window.
    Body,
    /// The left edge: change the start, keep the end.
    Start,
    /// The right edge: change the end, keep the start.
    End,
}

/// The view after dragging `grip` by `delta_days` on the overview.
pub(crate) fn drag_window(view: &TimeView, grip: OverviewGrip, delta_days: f64) -> TimeView {
    match grip {
        OverviewGrip::Body => TimeView::new(view.start_day + delta_days, view.span_days),
        OverviewGrip::Start => {
            let end = view.end_day();
            let start = (view.start_day + delta_days).min(end - MIN_SPAN_DAYS);
            TimeView::new(start, end - start)
        }
        OverviewGrip::End => {
            let end = (view.end_day() + delta_days).max(view.start_day + MIN_SPAN_DAYS);
            TimeView::new(view.start_day, end - view.start_day)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::lanes::Grouping;

    #[test]
    fn histogram_counts_every_event_once() {
        let ds = crate::testing::bundled_dataset();
        let lanes = Lanes::build(&ds, Grouping::Category, |_| true);
        let view = overview_view(
            ds.extent(),
            &TimeView::fit(ds.extent().unwrap().0, ds.extent().unwrap().1, 0.0),
        );
        let h = histogram(&lanes, &view, 300);
        assert_eq!(h.len(), 300);
        assert_eq!(h.iter().sum::<usize>(), ds.len());
    }

    #[test]
    fn overview_covers_data_and_view() {
        let view = TimeView::new(1000.0, 10.0);
        let o = overview_view(Some((0, 100)), &view);
        assert!(o.start_day < 0.0 && o.end_day() > 1010.0);
    }

    #[test]
    fn dragging_edges_resizes_and_the_body_moves() {
        let v = TimeView::new(100.0, 50.0);
        let moved = drag_window(&v, OverviewGrip::Body, 10.0);
        assert_eq!((moved.start_day, moved.span_days), (110.0, 50.0));
        let wider = drag_window(&v, OverviewGrip::Start, -20.0);
        assert_eq!((wider.start_day, wider.end_day()), (80.0, 150.0));
        let narrower = drag_window(&v, OverviewGrip::End, -30.0);
        assert_eq!((narrower.start_day, narrower.end_day()), (100.0, 120.0));
        let crossed = drag_window(&v, OverviewGrip::Start, 500.0);
        assert!(crossed.span_days >= MIN_SPAN_DAYS && crossed.end_day() <= 150.0 + 1e-9);
    }
}
