//! One full headless frame of the real app (`Context::run_ui` + tessellate) in a 1600×900
//! window: everything fitted, zoomed to one year, zoomed to one day, and while panning.
//! Run: `cargo bench --bench frame`.

mod common;

use std::hint::black_box;

use annals::timeline::TimeView;
use annals::ui::AnnalsApp;
use annals::ui::command::{Command, ViewCommand};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 900.0),
        )),
        ..Default::default()
    }
}

fn frame(ctx: &egui::Context, app: &mut AnnalsApp) -> usize {
    let output = ctx.run_ui(input(), |ui| app.frame_ui(ui));
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    primitives.len()
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    for n in common::sizes() {
        let ctx = egui::Context::default();
        let mut app = AnnalsApp::with_context(&ctx, common::dataset_dir(n));
        let fitted = app.view();
        // One year and one day around the busiest part of the data (its last tenth).
        let centre = fitted.start_day + fitted.span_days * 0.9;
        let views = [
            ("fitted", fitted),
            ("year", TimeView::new(centre - 182.6, 365.25)),
            ("day", TimeView::new(centre.floor(), 1.0)),
        ];
        for (name, view) in views {
            app.apply(Command::View(ViewCommand::SetView(view)), 0.0);
            for _ in 0..3 {
                frame(&ctx, &mut app); // fonts, caches
            }
            group.bench_with_input(BenchmarkId::new(name, n), &n, |b, _| {
                b.iter(|| black_box(frame(&ctx, &mut app)));
            });
        }
        // Panning at one-year zoom: the view moves 5 px each frame, back and forth.
        let year = views[1].1;
        app.apply(Command::View(ViewCommand::SetView(year)), 0.0);
        let mut step = 0u64;
        group.bench_with_input(BenchmarkId::new("pan", n), &n, |b, _| {
            b.iter(|| {
                step += 1;
                let dx = if (step / 50).is_multiple_of(2) {
                    5.0
                } else {
                    -5.0
                };
                let next = app.view().panned_by_px(dx, 1600.0);
                app.apply(Command::View(ViewCommand::SetView(next)), 0.0);
                black_box(frame(&ctx, &mut app))
            });
        });
    }
    group.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);
