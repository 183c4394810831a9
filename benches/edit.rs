//! Editing big datasets: one change applied to the model (and undone), with the same dates
//! or a new date, one change saved
//! (spliced into its file and written atomically), and a whole presentation slide drawn on the
//! CPU; and a keystroke in the editor's date field through the window (model, views and the
//! next frame). Run: `cargo bench --bench edit` (sizes: `ANNALS_BENCH_SIZES`, default 10,000 and 100,000).

mod common;

use std::hint::black_box;

use annals::model::draft::Draft;
use annals::store::load_dataset;
use annals::store::session::{Edit, EditSession};
use annals::ui::AnnalsApp;
use annals::ui::command::{BrowseCommand, Command, EditCommand};
use criterion::{BenchmarkId, Criterion};

fn sizes() -> Vec<usize> {
    match std::env::var("ANNALS_BENCH_SIZES") {
        Ok(_) => common::sizes(),
        Err(_) => vec![10_000, 100_000],
    }
}

/// A writable copy of the generated dataset of `n` events.
fn scratch(n: usize) -> tempfile::TempDir {
    let source = common::dataset_dir(n);
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(&source).expect("bench data") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|x| x == "ron") {
            std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
        }
    }
    dir
}

fn edit(c: &mut Criterion) {
    let mut group = c.benchmark_group("edit");
    group.sample_size(10);
    for n in sizes() {
        let dir = scratch(n);
        let loaded = load_dataset(dir.path());
        let mut session = EditSession::open(&loaded).expect("session");
        let mut dataset = loaded.dataset.expect("dataset");
        let target = dataset.events()[dataset.len() / 2].id.to_string();
        // One field changed and the change undone: two rebuilds of the model.
        group.bench_function(BenchmarkId::new("apply_and_undo", n), |b| {
            b.iter(|| {
                let before = dataset.by_id(&target).expect("event").clone();
                let mut after = before.clone();
                after.title = format!("{} (edited)", before.title).into();
                session.apply(&mut dataset, vec![Edit::change(before, after)]);
                session.undo_last(&mut dataset);
                black_box(dataset.len())
            });
        });
        // A new date: the model is put in order and indexed again.
        group.bench_function(BenchmarkId::new("apply_and_undo_date", n), |b| {
            b.iter(|| {
                let before = dataset.by_id(&target).expect("event").clone();
                let mut after = before.clone();
                after.when = annals::model::EventDate::parse("1900-01-01").expect("date");
                session.apply(&mut dataset, vec![Edit::change(before, after)]);
                session.undo_last(&mut dataset);
                black_box(dataset.len())
            });
        });
        // One change saved: the file holding it is spliced and written atomically.
        let mut counter = 0u64;
        group.bench_function(BenchmarkId::new("save_one_change", n), |b| {
            b.iter(|| {
                counter += 1;
                let before = dataset.by_id(&target).expect("event").clone();
                let mut after = before.clone();
                after.title = format!("Edited {counter}").into();
                session.apply(&mut dataset, vec![Edit::change(before, after)]);
                let report = session.save(&dataset);
                assert!(report.is_complete() && report.written.len() == 1);
            });
        });
    }
    group.finish();
}

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
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

/// A keystroke in the date field of the editor, as the window handles it: the form's draft
/// with the new date applied to the model (the typing run's previous step undone, the new one
/// applied), the views refreshed, and the next frame drawn. The date goes back and forth
/// between two years, so every keystroke moves the event across the dataset.
fn keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke");
    group.sample_size(20);
    for n in sizes() {
        let dir = scratch(n);
        let ctx = egui::Context::default();
        let mut app = AnnalsApp::with_context(&ctx, dir.path().to_path_buf());
        frame(&ctx, &mut app);
        let middle = app.dataset().expect("dataset").len() / 2;
        app.apply(Command::Browse(BrowseCommand::Select(Some(middle))), 0.0);
        app.apply(Command::Edit(EditCommand::SetEditing(true)), 0.0);
        for _ in 0..3 {
            frame(&ctx, &mut app);
        }
        let mut step = 0u32;
        group.bench_function(BenchmarkId::new("date", n), |b| {
            b.iter(|| {
                step += 1;
                let index = app.selected().expect("selected");
                let event = app.dataset().expect("dataset").events()[index].clone();
                let mut draft = Draft::from_event(&event, annals::model::Language::English);
                draft.when = if step.is_multiple_of(2) {
                    "1750-03-0"
                } else {
                    "2020-03-0"
                }
                .to_owned()
                    + &(1 + step % 9).to_string();
                app.apply(
                    Command::Edit(EditCommand::EditEvent {
                        target: event.id.to_string(),
                        draft: Box::new(draft),
                        typing: Some("when"),
                    }),
                    0.0,
                );
                black_box(frame(&ctx, &mut app))
            });
        });
    }
    group.finish();
}

fn slide(c: &mut Criterion) {
    let loaded = load_dataset(&annals::cli::bundled_dataset_path());
    let out = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("picture");
    group.sample_size(10);
    group.bench_function("timeline_1920x1080", |b| {
        b.iter(|| {
            let files = annals::ui::render::write_timeline_picture(
                loaded.dataset.as_ref().expect("the bundled dataset loads"),
                &out.path().join("view.png"),
                (1920, 1080),
                annals::i18n::Language::English,
            )
            .expect("picture");
            black_box(files)
        });
    });
    group.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    edit(&mut c);
    keystroke(&mut c);
    slide(&mut c);
    c.final_summary();
}
