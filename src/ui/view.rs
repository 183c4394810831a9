//! The window of time on screen: where it is, where it is moving to, and how it follows the
//! canvas when panels come and go. The math lives in `timeline::scale`; this holds the state.

use crate::timeline::{CanvasChange, TimeView, keeping_day_inside};

/// How long animated jumps take, in seconds.
pub(crate) const JUMP_SECONDS: f64 = 0.3;

/// A smooth move of the view from one window of time to another.
#[derive(Clone, Copy, Debug)]
struct Animation {
    from: TimeView,
    to: TimeView,
    start_time: f64,
    /// Seconds.
    duration: f64,
}

impl Animation {
    /// The view at `now`, and whether the animation is over.
    fn at(&self, now: f64) -> (TimeView, bool) {
        let t = ((now - self.start_time) / self.duration).clamp(0.0, 1.0);
        if t >= 1.0 {
            return (self.to, true);
        }
        let eased = 1.0 - (1.0 - t).powi(3); // ease-out cubic
        (self.from.lerp(&self.to, eased), false)
    }
}

/// The view and its motion.
#[derive(Debug, Default)]
pub(crate) struct ViewState {
    /// What is drawn this frame.
    shown: TimeView,
    animation: Option<Animation>,
    /// Left and right edge of the timeline canvas in the last frame, in points.
    canvas: Option<(f32, f32)>,
    /// Canvas measurements to take as they come without following them (a count of frames,
    /// and a time before which the same holds): leaving a presentation changes the zoom
    /// factor, the window's size and the panels over several frames, and the view restored
    /// then must stay exactly as it was.
    settling: (u8, f64),
    /// The view shows everything (F, or at start): it stays so while the window is resized,
    /// until the user moves it.
    fitted: bool,
    /// Width of the window in the last frame, in points, to tell a resize from a panel.
    window_width: Option<f32>,
}

impl ViewState {
    /// What is drawn this frame (mid-animation, the view on the way).
    pub fn shown(&self) -> TimeView {
        self.shown
    }

    /// The view the timeline is showing or moving to (the end of any animation).
    pub fn target(&self) -> TimeView {
        self.animation.map_or(self.shown, |a| a.to)
    }

    pub(crate) fn is_animating(&self) -> bool {
        self.animation.is_some()
    }

    /// Jump at once.
    pub fn set(&mut self, view: TimeView) {
        self.animation = None;
        self.shown = view;
        self.fitted = false;
    }

    /// Whether the view shows everything, and keeps doing so while the window is resized.
    pub(crate) fn is_fitted(&self) -> bool {
        self.fitted
    }

    /// The view (set or moving to) shows everything: see [`Self::is_fitted`].
    pub(crate) fn mark_fitted(&mut self, fitted: bool) {
        self.fitted = fitted;
    }

    /// Move to `to` over `seconds`, starting now from what is shown.
    pub(crate) fn animate(&mut self, to: TimeView, now: f64, seconds: f64) {
        self.fitted = false;
        self.animation = Some(Animation {
            from: self.shown,
            to,
            start_time: now,
            duration: seconds,
        });
    }

    /// Advance the animation to `now`; true while it is still running.
    pub fn tick(&mut self, now: f64) -> bool {
        let Some(animation) = self.animation else {
            return false;
        };
        let (view, done) = animation.at(now);
        self.shown = view;
        if done {
            self.animation = None;
        }
        !done
    }

    /// Forget the canvas's size and take the next few measurements as they come (after a
    /// presentation, whose zoom factor and window size change over a few frames).
    pub(crate) fn settle_canvas(&mut self, now: f64) {
        self.canvas = None;
        self.settling = (3, now + 1.0);
    }

    /// The canvas now spans `left..right`: follow it as [`CanvasChange`] says, and if the
    /// selection (`selected_day`) was in view and a panel now covers it, slide the view just
    /// enough to show it.
    /// A fitted view stays fitted when the window is resized (the same days across the new
    /// width); a panel opening or closing keeps the scale as said.
    pub(crate) fn canvas_measured(
        &mut self,
        (left, right): (f32, f32),
        window_width: f32,
        selected_day: Option<f64>,
        now: f64,
    ) {
        let resized = self
            .window_width
            .replace(window_width)
            .is_some_and(|old| (old - window_width).abs() > 0.5);
        let old = self.canvas.replace((left, right));
        if self.fitted && resized {
            return;
        }
        if self.settling.0 > 0 || now < self.settling.1 {
            self.settling.0 = self.settling.0.saturating_sub(1);
            return;
        }
        let Some(change) = old.and_then(|old| CanvasChange::between(old, (left, right))) else {
            return;
        };
        self.fitted = false;
        let before = self.shown;
        self.shown = change.apply(self.shown);
        if let Some(animation) = &mut self.animation {
            animation.from = change.apply(animation.from);
            animation.to = change.apply(animation.to);
        } else if let Some(day) = selected_day
            && day >= before.start_day
            && day <= before.end_day()
        {
            self.shown = keeping_day_inside(self.shown, day);
        }
    }
}
