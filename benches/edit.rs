//! Editing big datasets: one change applied to the model (and undone), with the same dates
//! or a new date, one change saved
//! (spliced into its file and written atomically), and a whole presentation slide drawn on the
//! CPU. Run: `cargo bench --bench edit` (sizes: `ANNALS_BENCH_SIZES`, default 10,000 and 100,000).

mod common;

use std::hint::black_box;

use annals::store::load_dataset;
use annals::store::session::{Edit, EditSession};
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
    slide(&mut c);
    c.final_summary();
}
