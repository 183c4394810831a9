//! Search as the user types, on generated datasets: "treaty" typed one letter at a time.
//! For each keystroke, the whole search the window runs today (the previous matches searched
//! again while the text only grows, as the window does), the first slice of a sliced search
//! (`SearchRun::advance` with an 8 ms deadline: what a window that searches while it draws
//! waits before its next frame), and the real window's keystroke: `SetSearch` applied and
//! the next frame drawn, then the frames it draws until every match is shown (the window
//! searches a few milliseconds a frame).
//!
//! Run: `cargo bench --bench search` (`ANNALS_BENCH_SIZES`, default 100,000 and 1,000,000).

mod common;

use std::time::{Duration, Instant};

use annals::model::query::{Search, SearchRun};
use annals::ui::AnnalsApp;
use annals::ui::command::{BrowseCommand, Command};

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 900.0),
        )),
        ..Default::default()
    }
}

fn frame(ctx: &egui::Context, app: &mut AnnalsApp) {
    let mut output = ctx.run_ui(input(), |ui| app.frame_ui(ui));
    // No painter takes the textures: dropped on purpose (a debug build checks it).
    output.textures_delta.clear();
    std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point).len());
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let sizes = match std::env::var("ANNALS_BENCH_SIZES") {
        Ok(_) => common::sizes(),
        Err(_) => vec![100_000, 1_000_000],
    };
    let query = "treaty";
    println!(
        "| events | typed | matches | whole search | first 8 ms slice (share looked at) | slices to finish | window: keystroke + frame | slowest frame after | frames until all shown, time |"
    );
    println!("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
    for n in sizes {
        let dir = common::dataset_dir(n);
        let ctx = egui::Context::default();
        let mut app = AnnalsApp::with_context(&ctx, dir);
        frame(&ctx, &mut app);
        let dataset = app.dataset().expect("dataset").clone();
        let mut previous: Option<(Search, Vec<usize>)> = None;
        for end in 1..=query.len() {
            let typed = &query[..end];
            let search = Search::new(typed);
            // What the window searches: the previous matches while the text only grows.
            let candidates: Vec<usize> = match &previous {
                Some((last, found)) if last.is_narrowed_by(&search) => found.clone(),
                _ => (0..dataset.len()).collect(),
            };
            let start = Instant::now();
            let found = search.run_within(&dataset, candidates.iter().copied());
            let whole = start.elapsed();

            let mut run = SearchRun::new(search.clone(), &dataset, candidates);
            let start = Instant::now();
            run.advance(&dataset, start + Duration::from_millis(8));
            let first = start.elapsed();
            let share = run.progress();
            let mut slices = 1;
            while !run.advance(&dataset, Instant::now() + Duration::from_millis(8)) {
                slices += 1;
            }
            assert_eq!(run.found(), found.as_slice());

            let start = Instant::now();
            app.apply(
                Command::Browse(BrowseCommand::SetSearch(typed.to_owned())),
                0.0,
            );
            frame(&ctx, &mut app);
            let window = start.elapsed();
            // The frames that follow, until every match is shown.
            let (mut frames, mut slowest) = (1, Duration::ZERO);
            let all = Instant::now();
            while app.search_results().len() < found.len() && frames < 10_000 {
                let start = Instant::now();
                frame(&ctx, &mut app);
                slowest = slowest.max(start.elapsed());
                frames += 1;
            }
            let all = window + all.elapsed();
            assert_eq!(app.search_results(), found.as_slice());
            println!(
                "| {n} | {typed} | {} | {:.1} ms | {:.1} ms ({:.0} %) | {slices} | {:.1} ms | {:.1} ms | {frames}, {:.0} ms |",
                found.len(),
                ms(whole),
                ms(first),
                share * 100.0,
                ms(window),
                ms(slowest),
                ms(all)
            );
            previous = Some((search, found));
        }
    }
}
