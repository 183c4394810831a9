//! `annals check` on datasets with many mistakes: the costs must stay close to a clean check
//! ("did you mean" hints through an index, long lines quoted in windows). Run:
//! `cargo bench --bench check` (sizes from `ANNALS_BENCH_SIZES`, default 100,000 only here).

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use annals::generate::GENERATOR_VERSION;
use criterion::{BenchmarkId, Criterion, criterion_group};

/// A copy of the generated dataset of `n` events with one change, made once.
fn variant(n: usize, name: &str, change: impl FnOnce(&Path)) -> PathBuf {
    let base = common::dataset_dir(n);
    prepared(
        &base.with_file_name(format!("n{n}-s1-g{GENERATOR_VERSION}-{name}")),
        |dir| {
            for entry in fs::read_dir(&base).expect("dataset").filter_map(Result::ok) {
                if entry.file_name().to_string_lossy().ends_with(".ron") {
                    fs::copy(entry.path(), dir.join(entry.file_name())).expect("copy");
                }
            }
            change(dir);
        },
    )
}

/// The folder `dir`, filled by `make` once (a marker file says it is complete).
fn prepared(dir: &Path, make: impl FnOnce(&Path)) -> PathBuf {
    let done = dir.join(".complete");
    if !done.exists() {
        let _ = fs::remove_dir_all(dir);
        fs::create_dir_all(dir).expect("bench folder");
        make(dir);
        fs::write(&done, b"").expect("mark complete");
    }
    dir.to_path_buf()
}

fn check(path: &Path) -> i32 {
    annals::cli::check(path, false, &mut std::io::sink()).expect("check runs")
}

fn bench(c: &mut Criterion) {
    let sizes =
        std::env::var("ANNALS_BENCH_SIZES").map_or_else(|_| vec![100_000], |_| common::sizes());
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for n in sizes {
        let clean = common::dataset_dir(n);
        // 100 events relating to ids that do not exist (each one edit from a real one).
        let unknown = variant(n, "unknown-related", |dir| {
            let mut text = String::from("[\n");
            for i in 0..100 {
                text.push_str(&format!(
                    "    (id: \"typo{i}\", title: \"T\", when: \"2024\", kind: \"{}\", related: [\"ev{}x\"], sources: [(publisher: \"P\")]),\n",
                    first_category(dir),
                    i * 7
                ));
            }
            text.push_str("]\n");
            fs::write(dir.join("typos.ron"), text).expect("write typos");
        });
        // Every id of the first file renamed: all references to them become unknown.
        let renamed = variant(n, "renamed-ids", |dir| {
            let file = dir.join("events-0001.ron");
            let text = fs::read_to_string(&file).expect("read");
            fs::write(&file, text.replace("id: \"ev", "id: \"evr")).expect("write");
        });
        for (name, dir) in [
            ("clean", &clean),
            ("100-unknown-related", &unknown),
            ("one-file-renamed", &renamed),
        ] {
            group.bench_with_input(BenchmarkId::new(name, n), dir, |b, dir| {
                b.iter(|| check(dir));
            });
        }
    }
    // 2,000 events on one line of about 900 KB, each with an unknown field.
    let long_dir = common::dataset_dir(1_000).with_file_name("one-long-line");
    let long = prepared(&long_dir, |dir| {
        fs::write(
            dir.join("manifest.ron"),
            "(title: \"T\", categories: [(id: \"visit\", label: \"Visit\", colour: \"#123456\")])",
        )
        .expect("manifest");
        let mut line = String::from("[");
        for i in 0..2_000 {
            line.push_str(&format!(
                "(id: \"e{i}\", title: \"{}\", when: \"2024\", kind: \"visit\", oops: 1),",
                "x".repeat(380)
            ));
        }
        line.push(']');
        fs::write(dir.join("events.ron"), line).expect("events");
    });
    group.bench_function("one-line-900KB-2000-errors", |b| b.iter(|| check(&long)));
    group.finish();
}

/// A category id of the generated manifest.
fn first_category(dir: &Path) -> String {
    let manifest = fs::read_to_string(dir.join("manifest.ron")).unwrap_or_default();
    let at = manifest.find("categories").unwrap_or(0);
    manifest[at..]
        .split("id: \"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or("visit")
        .to_owned()
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
