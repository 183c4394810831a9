//! Shared by the benchmarks: generated datasets, cached under `target/bench-data`.

#![allow(dead_code)]

use std::path::PathBuf;

use annals::generate::{GENERATOR_VERSION, GenerateOptions, generate};

/// Sizes to measure: `ANNALS_BENCH_SIZES=1000,10000` overrides the default four.
pub fn sizes() -> Vec<usize> {
    std::env::var("ANNALS_BENCH_SIZES").ok().map_or_else(
        || vec![1_000, 10_000, 100_000, 1_000_000],
        |s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
    )
}

/// A generated dataset of `n` events (seed 1), written once and reused until the generator
/// changes (its version is in the folder's name).
pub fn dataset_dir(n: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-data")
        .join(format!("n{n}-s1-g{GENERATOR_VERSION}"));
    let done = dir.join(".complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        generate(&dir, &GenerateOptions::new(n, 1)).expect("generate benchmark dataset");
        std::fs::write(&done, b"").expect("mark dataset complete");
    }
    dir
}

/// The vis-timeline comparison items (`anchor-vis/items.js`, seed 1) as a dataset folder,
/// written once under `target/bench-data` and reused until the port's output changes.
pub fn anchor_dir(n: usize) -> PathBuf {
    use annals::generate::anchor::{ANCHOR_VERSION, make_items, write_dataset};
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-data")
        .join(format!("anchor-n{n}-s1-v{ANCHOR_VERSION}"));
    let done = dir.join(".complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        write_dataset(&dir, &make_items(n, 1)).expect("write the anchor dataset");
        std::fs::write(&done, b"").expect("mark dataset complete");
    }
    dir
}
