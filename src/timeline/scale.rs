//! The visible window of time and its mapping to pixels. Pure math, in `f64` days so that
//! hours stay exact even when a view spans millennia.

use serde::{Deserialize, Serialize};

use crate::model::date::DayNumber;

/// Narrowest view: about one hour across the window.
pub(crate) const MIN_SPAN_DAYS: f64 = 1.0 / 24.0;
/// Widest view: about 10,000 years across the window.
pub(crate) const MAX_SPAN_DAYS: f64 = 10_000.0 * 365.2425;
/// Views stay within these days (roughly 12,000 BCE to 12,000 CE).
const LIMIT_DAYS: f64 = 12_000.0 * 365.2425;

/// The visible window: `start_day .. start_day + span_days`. A day number `d` covers
/// `[d, d + 1)`, so an event on one day is drawn from `d` to `d + 1`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeView {
    /// Left edge, in days (chrono's day numbers, fractional).
    pub start_day: f64,
    /// Width of the window in days.
    pub span_days: f64,
}

impl Default for TimeView {
    fn default() -> Self {
        // 2000–2030, a harmless view until a dataset is fitted.
        Self::new(730_120.0, 30.0 * 365.2425)
    }
}

impl TimeView {
    /// A view clamped to the zoom and range limits.
    pub fn new(start_day: f64, span_days: f64) -> Self {
        let span_days = if span_days.is_finite() {
            span_days.clamp(MIN_SPAN_DAYS, MAX_SPAN_DAYS)
        } else {
            MAX_SPAN_DAYS
        };
        let start_day = if start_day.is_finite() {
            start_day
        } else {
            0.0
        };
        let start_day = start_day.clamp(-LIMIT_DAYS, LIMIT_DAYS - span_days);
        Self {
            start_day,
            span_days,
        }
    }

    /// A view showing the inclusive days `first..=last` with a margin of `margin` (a fraction
    /// of the span) on each side.
    pub fn fit(first: DayNumber, last: DayNumber, margin: f64) -> Self {
        let (first, last) = (first.min(last) as f64, first.max(last) as f64 + 1.0);
        let content = (last - first).max(MIN_SPAN_DAYS);
        let span = content * (1.0 + 2.0 * margin);
        let center = (first + last) / 2.0;
        Self::new(center - span / 2.0, span)
    }

    pub fn end_day(&self) -> f64 {
        self.start_day + self.span_days
    }

    pub fn center_day(&self) -> f64 {
        self.start_day + self.span_days / 2.0
    }

    /// Pixels from the left edge of a `width_px` wide view to `day`.
    pub fn day_to_x(&self, day: f64, width_px: f64) -> f64 {
        (day - self.start_day) / self.span_days * width_px
    }

    /// The day at `x_px` pixels from the left edge.
    pub fn x_to_day(&self, x_px: f64, width_px: f64) -> f64 {
        self.start_day + x_px / width_px.max(1.0) * self.span_days
    }

    /// Days per pixel.
    pub fn days_per_px(&self, width_px: f64) -> f64 {
        self.span_days / width_px.max(1.0)
    }

    /// Zoom by `factor` (> 1 zooms in) keeping `anchor_day` at the same pixel.
    pub(crate) fn zoomed_around(&self, anchor_day: f64, factor: f64) -> Self {
        if !(factor.is_finite() && factor > 0.0) {
            return *self;
        }
        let span = (self.span_days / factor).clamp(MIN_SPAN_DAYS, MAX_SPAN_DAYS);
        let fraction = (anchor_day - self.start_day) / self.span_days;
        Self::new(anchor_day - fraction * span, span)
    }

    /// Move the content by `dx_px` pixels (dragging right shows earlier times).
    pub fn panned_by_px(&self, dx_px: f64, width_px: f64) -> Self {
        Self::new(
            self.start_day - dx_px * self.days_per_px(width_px),
            self.span_days,
        )
    }

    /// The same zoom, centred on `day`.
    pub(crate) fn centered_on(&self, day: f64) -> Self {
        Self::new(day - self.span_days / 2.0, self.span_days)
    }

    /// Shift the view, at the same zoom, just enough that `first..last` days are inside it
    /// with `margin_fraction` of the span to spare; if they are wider than that, zoom out
    /// until they fit (a year-only event reached at day zoom is shown whole).
    pub(crate) fn keeping_in_view(&self, first: f64, last: f64, margin_fraction: f64) -> Self {
        let margin = self.span_days * margin_fraction;
        if last - first > self.span_days - 2.0 * margin {
            let span = (last - first) / (1.0 - 2.0 * margin_fraction).max(0.1);
            return Self::new((first + last) / 2.0 - span / 2.0, span);
        }
        if first < self.start_day + margin {
            Self::new(first - margin, self.span_days)
        } else if last > self.end_day() - margin {
            Self::new(last + margin - self.span_days, self.span_days)
        } else {
            *self
        }
    }

    /// Interpolate towards `target` (`t` in 0..=1): the centre moves linearly, the zoom
    /// geometrically, so a long jump does not feel like it speeds up.
    pub(crate) fn lerp(&self, target: &Self, t: f64) -> Self {
        let t = t.clamp(0.0, 1.0);
        let span = (self.span_days.ln() * (1.0 - t) + target.span_days.ln() * t).exp();
        let center = self.center_day() + (target.center_day() - self.center_day()) * t;
        Self::new(center - span / 2.0, span)
    }
}

/// How the view follows a change of the canvas's width: when a panel opens or closes beside
/// it, the scale and the edge that did not move stay, so nothing on screen jumps and the
/// panel covers the part of time on its side; a change of both edges (a window resize) keeps
/// the centre.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CanvasChange {
    /// New width over old width.
    scale: f64,
    /// Which point of the view stays put: 0 its start, 1 its end, 0.5 its centre.
    anchor: f64,
}

impl CanvasChange {
    /// The change from the canvas spanning `old` (left, right, in points) to `new`; `None`
    /// when nothing moved by more than half a point (or the old canvas had no width).
    pub fn between(old: (f32, f32), new: (f32, f32)) -> Option<Self> {
        let ((old_left, old_right), (left, right)) = (old, new);
        let moved = |a: f32, b: f32| (a - b).abs() > 0.5;
        if old_right - old_left <= 1.0 || !(moved(old_left, left) || moved(old_right, right)) {
            return None;
        }
        let anchor = if !moved(old_left, left) {
            0.0
        } else if !moved(old_right, right) {
            1.0
        } else {
            0.5
        };
        Some(Self {
            scale: f64::from((right - left) / (old_right - old_left)),
            anchor,
        })
    }

    /// `view` on the new canvas.
    pub fn apply(self, view: TimeView) -> TimeView {
        let span = view.span_days * self.scale;
        let fixed = view.start_day + view.span_days * self.anchor;
        TimeView::new(fixed - span * self.anchor, span)
    }
}

/// `view` slid (same scale) just enough that `day`, which was in view before, shows near the
/// edge it went past; unchanged if it is still well inside.
pub fn keeping_day_inside(view: TimeView, day: f64) -> TimeView {
    if day > view.end_day() - view.span_days * 0.05 {
        TimeView::new(day - view.span_days * 0.85, view.span_days)
    } else if day < view.start_day + view.span_days * 0.05 {
        TimeView::new(day - view.span_days * 0.15, view.span_days)
    } else {
        view
    }
}

/// First and last (exclusive) day an event covers, as fractional day numbers; open ends are
/// cut to the end that is known.
pub(crate) fn event_days(event: &crate::model::Event) -> (f64, f64) {
    let start = event
        .when
        .known_start()
        .or(event.when.known_end())
        .unwrap_or(0);
    let end = event
        .when
        .known_end()
        .or(event.when.known_start())
        .unwrap_or(start);
    (start as f64, end as f64 + 1.0)
}

/// The window of time a step shows: its window with a margin, or its event with room
/// around it for the neighbours.
pub fn step_view(
    dataset: &crate::model::Dataset,
    step: &crate::model::storyline::ShownStep,
) -> Option<TimeView> {
    let (first, last) = match (step.window, step.event) {
        (Some((a, b)), _) => (a as f64, b as f64 + 1.0),
        (None, Some(i)) => event_days(dataset.event(i)?),
        (None, None) => return None,
    };
    let span = if step.window.is_some() {
        (last - first) * 1.15
    } else {
        ((last - first) * 4.0).max(240.0)
    };
    // A window is centred; an event sits a third of the way in, so its title has room
    // on its right.
    let center = (first + last) / 2.0;
    let start = if step.window.is_some() {
        center - span / 2.0
    } else {
        center - span / 3.0
    };
    Some(TimeView::new(start, span.max(1.0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fit_covers_the_range_with_margins() {
        let v = TimeView::fit(100, 199, 0.05);
        assert!(v.start_day < 100.0 && v.end_day() > 200.0);
        assert!((v.span_days - 110.0).abs() < 1e-9);
        let single = TimeView::fit(5, 5, 0.0);
        assert!(single.start_day <= 5.0 && single.end_day() >= 6.0);
    }

    #[test]
    fn zoom_is_limited() {
        let v = TimeView::new(0.0, 10.0);
        assert_eq!(v.zoomed_around(5.0, 1e9).span_days, MIN_SPAN_DAYS);
        assert_eq!(v.zoomed_around(5.0, 1e-12).span_days, MAX_SPAN_DAYS);
        assert_eq!(v.zoomed_around(5.0, f64::NAN), v);
    }

    proptest! {
        #[test]
        fn zoom_keeps_the_time_under_the_cursor(
            start in -1.0e6f64..1.0e6,
            span in 1.0f64..1.0e5,
            fraction in 0.0f64..1.0,
            factor in 0.2f64..5.0,
        ) {
            let width = 1600.0;
            let v = TimeView::new(start, span);
            let x = fraction * width;
            let anchor = v.x_to_day(x, width);
            let z = v.zoomed_around(anchor, factor);
            prop_assert!((z.x_to_day(x, width) - anchor).abs() < 1e-6 * span.max(1.0));
            prop_assert!((z.span_days - span / factor).abs() < 1e-9 * span);
        }

        #[test]
        fn pan_moves_content_with_the_pointer(start in -1.0e5f64..1.0e5, span in 1.0f64..1.0e4, dx in -800.0f64..800.0) {
            let width = 1000.0;
            let v = TimeView::new(start, span);
            let day = v.x_to_day(300.0, width);
            let p = v.panned_by_px(dx, width);
            prop_assert!((p.day_to_x(day, width) - (300.0 + dx)).abs() < 1e-6);
        }
    }

    #[test]
    fn lerp_ends_at_the_target() {
        let a = TimeView::new(0.0, 10.0);
        let b = TimeView::new(1000.0, 1.0);
        let start = a.lerp(&b, 0.0);
        assert!(
            (start.start_day - a.start_day).abs() < 1e-9
                && (start.span_days - a.span_days).abs() < 1e-9
        );
        let end = a.lerp(&b, 1.0);
        assert!(
            (end.start_day - b.start_day).abs() < 1e-9
                && (end.span_days - b.span_days).abs() < 1e-9
        );
    }

    #[test]
    fn keeping_in_view_moves_only_when_needed() {
        let v = TimeView::new(0.0, 100.0);
        assert_eq!(v.keeping_in_view(40.0, 41.0, 0.1), v);
        let moved = v.keeping_in_view(150.0, 151.0, 0.1);
        assert!(moved.end_day() >= 161.0 - 1e-9 && moved.span_days == 100.0);
        // Wider than the view: zoomed out to show it whole, with the margin.
        let year = v.keeping_in_view(1000.0, 1365.0, 0.1);
        assert!(year.start_day <= 1000.0 - 0.09 * year.span_days && year.end_day() >= 1365.0);
        assert!((year.span_days - 365.0 / 0.8).abs() < 1e-6);
    }

    #[test]
    fn a_panel_keeps_the_scale_and_the_edge_that_did_not_move() {
        let view = TimeView::new(100.0, 50.0);
        // The right edge moves in by 100 of 1000 points: the start stays, a tenth less time.
        let change = CanvasChange::between((0.0, 1000.0), (0.0, 900.0)).unwrap();
        let v = change.apply(view);
        assert!((v.start_day - 100.0).abs() < 1e-5 && (v.span_days - 45.0).abs() < 1e-5);
        // The left edge moves: the end stays.
        let change = CanvasChange::between((0.0, 1000.0), (100.0, 1000.0)).unwrap();
        let v = change.apply(view);
        assert!((v.end_day() - 150.0).abs() < 1e-5 && (v.span_days - 45.0).abs() < 1e-5);
        // Both move (a resize): the centre stays.
        let change = CanvasChange::between((0.0, 1000.0), (50.0, 550.0)).unwrap();
        let v = change.apply(view);
        assert!((v.center_day() - 125.0).abs() < 1e-5 && (v.span_days - 25.0).abs() < 1e-5);
        // Less than half a point is no change.
        assert_eq!(CanvasChange::between((0.0, 1000.0), (0.2, 1000.3)), None);
        assert_eq!(CanvasChange::between((0.0, 0.5), (0.0, 900.0)), None);
    }

    #[test]
    fn a_day_pushed_past_an_edge_is_brought_back() {
        let view = TimeView::new(0.0, 100.0);
        assert_eq!(keeping_day_inside(view, 50.0), view);
        let v = keeping_day_inside(view, 99.0);
        assert!((v.start_day - 14.0).abs() < 1e-9 && v.span_days == 100.0);
        let v = keeping_day_inside(view, 1.0);
        assert!((v.start_day + 14.0).abs() < 1e-9);
    }
}
