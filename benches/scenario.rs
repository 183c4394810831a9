//! The vis-timeline comparison scenario (`anchor-vis/README.md`) on the same items, in a
//! 1600×900 window: open the data with 1900–2026 in view (load and first frame); put a
//! 10-year window at 1900 and move it in 30 equal jumps until its right edge is at
//! 2026-01-01; then jump to one year and to one day centred on 1962-07-02. Each figure is the
//! first frame after the change (`Context::run_ui` and tessellation of the real app, nothing
//! drawn before at that place), the one a user waits for.
//!
//! Run: `cargo bench --bench scenario`. `ANNALS_BENCH_SIZES=1000,10000` picks sizes,
//! `ANNALS_SCENARIO_RUNS=3` how many times the whole scenario runs (a fresh app each time),
//! `ANNALS_SCENARIO_VERBOSE=1` prints every frame, `ANNALS_SCENARIO_GENERATED=1` runs it on
//! `annals generate`'s datasets instead.

mod common;

use std::time::{Duration, Instant};

use annals::model::date::day_number;
use annals::timeline::TimeView;
use annals::ui::AnnalsApp;
use annals::ui::command::{Command, ViewCommand};

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 900.0),
        )),
        ..Default::default()
    }
}

/// Time this thread has run on a CPU, to tell a slow frame from a preempted one on a busy
/// machine.
#[allow(unsafe_code)]
fn thread_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to write.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0;
    if ok {
        Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
    } else {
        Duration::ZERO
    }
}

/// One frame: its wall-clock time and the time the thread was on a CPU.
#[derive(Clone, Copy)]
struct Frame {
    wall: Duration,
    cpu: Duration,
}

fn frame(ctx: &egui::Context, app: &mut AnnalsApp) -> Frame {
    let cpu = thread_cpu();
    let start = Instant::now();
    let output = ctx.run_ui(input(), |ui| app.frame_ui(ui));
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    std::hint::black_box(primitives.len());
    Frame {
        wall: start.elapsed(),
        cpu: thread_cpu().saturating_sub(cpu),
    }
}

/// The figures of one run of the scenario.
struct Run {
    load: Duration,
    open: Duration,
    pans: Vec<Frame>,
    year: Frame,
    day: Frame,
}

fn run(n: usize, verbose: bool, generated: bool) -> Run {
    let dir = if generated {
        common::dataset_dir(n)
    } else {
        common::anchor_dir(n)
    };
    let start = Instant::now();
    let ctx = egui::Context::default();
    let mut app = AnnalsApp::with_context(&ctx, dir);
    let load = start.elapsed();
    let d1900 = day_number(1900, 1, 1) as f64;
    let d2026 = day_number(2026, 1, 1) as f64;
    app.apply(
        Command::View(ViewCommand::SetView(TimeView::new(d1900, d2026 - d1900))),
        0.0,
    );
    frame(&ctx, &mut app);
    let open = start.elapsed();

    let span = day_number(1910, 1, 1) as f64 - d1900;
    let last_start = d2026 - span;
    let mut pans = Vec::new();
    for k in 0..=30 {
        let view = TimeView::new(d1900 + (last_start - d1900) * f64::from(k) / 30.0, span);
        app.apply(Command::View(ViewCommand::SetView(view)), 0.0);
        let t = frame(&ctx, &mut app);
        if verbose {
            println!(
                "  n={n} pan {k:2}: {:.2} ms (on a CPU {:.2} ms)",
                ms(t.wall),
                ms(t.cpu)
            );
        }
        pans.push(t);
    }
    let centre = day_number(1962, 7, 2) as f64 + 0.5;
    app.apply(
        Command::View(ViewCommand::SetView(TimeView::new(
            centre - 182.625,
            365.25,
        ))),
        0.0,
    );
    let year = frame(&ctx, &mut app);
    app.apply(
        Command::View(ViewCommand::SetView(TimeView::new(centre - 0.5, 1.0))),
        0.0,
    );
    let day = frame(&ctx, &mut app);
    if verbose {
        println!(
            "  n={n} load {:.0} ms, open {:.0} ms, year {:.2} ms, day {:.2} ms",
            ms(load),
            ms(open),
            ms(year.wall),
            ms(day.wall)
        );
    }
    Run {
        load,
        open,
        pans,
        year,
        day,
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

fn main() {
    let runs: usize = std::env::var("ANNALS_SCENARIO_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let verbose = std::env::var_os("ANNALS_SCENARIO_VERBOSE").is_some();
    // The same scenario on `annals generate`'s datasets (1700–2030, longer records).
    let generated = std::env::var_os("ANNALS_SCENARIO_GENERATED").is_some();
    println!(
        "| items | load | open to first frame | frame after each pan jump, median (max) | jump to 1 year | jump to 1 day | worst frame after a jump: wall clock / on a CPU |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for n in common::sizes() {
        if generated {
            common::dataset_dir(n);
        } else {
            common::anchor_dir(n);
        }
        let results: Vec<Run> = (0..runs.max(1))
            .map(|_| run(n, verbose, generated))
            .collect();
        // Medians over the runs; the pan column's maximum and the worst frame over all runs.
        let med = |f: &dyn Fn(&Run) -> f64| median(results.iter().map(f).collect());
        let all_pans: Vec<f64> = results
            .iter()
            .flat_map(|r| r.pans.iter().map(|f| ms(f.wall)))
            .collect();
        let pan_max = all_pans.iter().copied().fold(0.0, f64::max);
        // The worst frame after a jump over every run: its wall-clock time, and the most time
        // any of those frames spent on a CPU (far less than the wall-clock time when the
        // machine was busy with something else and preempted the frame).
        let frames = || {
            results
                .iter()
                .flat_map(|r| r.pans.iter().chain([&r.year, &r.day]))
        };
        let worst_wall = frames().map(|f| f.wall).max().unwrap_or_default();
        let worst_cpu = frames().map(|f| f.cpu).max().unwrap_or_default();
        println!(
            "| {n} | {:.0} ms | {:.0} ms | {:.2} ms ({:.2} ms) | {:.2} ms | {:.2} ms | {:.2} ms / {:.2} ms |",
            med(&|r| ms(r.load)),
            med(&|r| ms(r.open)),
            median(all_pans.clone()),
            pan_max,
            med(&|r| ms(r.year.wall)),
            med(&|r| ms(r.day.wall)),
            ms(worst_wall),
            ms(worst_cpu),
        );
    }
}
