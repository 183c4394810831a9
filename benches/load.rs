//! Load (parse + validate + index) of generated datasets, and the memory a loaded dataset
//! keeps. Run: `cargo bench --bench load`.

mod common;

use std::hint::black_box;
use std::process::Command;

use annals::store::load_dataset;
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group};

/// Resident and peak memory of this process, in bytes (Linux).
fn memory() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))?
            .split_whitespace()
            .nth(1)?
            .parse::<u64>()
            .ok()
            .map(|kb| kb * 1024)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// In a child process (so nothing else is in its heap): load `n` events and report the
/// resident memory the loaded dataset adds, and the peak during loading.
fn child_measure(n: usize) {
    let dir = common::dataset_dir(n);
    let (before, _) = memory().unwrap_or_default();
    let loaded = load_dataset(&dir);
    let dataset = loaded.dataset.expect("generated dataset loads");
    let (after, peak) = memory().unwrap_or_default();
    println!(
        "memory n={n}: resident {:.0} bytes/event after load ({:.1} MiB), peak {:.0} bytes/event",
        (after.saturating_sub(before)) as f64 / n as f64,
        (after.saturating_sub(before)) as f64 / 1048576.0,
        (peak.saturating_sub(before)) as f64 / n as f64,
    );
    black_box(dataset);
}

fn report_memory() {
    let exe = std::env::current_exe().expect("bench executable");
    for n in common::sizes() {
        common::dataset_dir(n);
        let out = Command::new(&exe)
            .env("ANNALS_MEMORY_CHILD", n.to_string())
            .output()
            .expect("run memory child");
        print!("{}", String::from_utf8_lossy(&out.stdout));
    }
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for n in common::sizes() {
        let dir = common::dataset_dir(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &dir, |b, dir| {
            // Freeing the dataset afterwards is not part of loading it: drop outside the timing.
            b.iter_batched(
                || (),
                |()| {
                    let loaded = load_dataset(dir);
                    assert!(loaded.dataset.is_some());
                    loaded
                },
                BatchSize::PerIteration,
            );
        });
    }
    group.finish();
}

criterion_group!(benches, load);

fn main() {
    if let Ok(n) = std::env::var("ANNALS_MEMORY_CHILD") {
        child_measure(n.parse().expect("size"));
        return;
    }
    report_memory();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
