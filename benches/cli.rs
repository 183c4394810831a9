//! The command line at scale: `check`, `list`, `export --format timelinejs` and `ics`,
//! `fmt --check` of a generated dataset, and `fmt` of a dataset of 10,000 one-event files
//! written on one line each (every file changes). Each command runs as the real binary, in a
//! child process of its own, for its wall-clock time, its CPU time and its peak memory.
//!
//! Run: `cargo bench --bench cli` (`ANNALS_BENCH_SIZES`, default 1,000,000).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Peak resident memory of the children waited for, and their CPU seconds (user + system).
#[allow(unsafe_code)]
fn children_usage() -> (u64, f64) {
    // SAFETY: getrusage writes into the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: a valid pointer to a rusage.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &raw mut usage) };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    (
        usage.ru_maxrss as u64 * 1024,
        secs(usage.ru_utime) + secs(usage.ru_stime),
    )
}

/// In a child of this bench (so its peak memory is its own): run `annals ARGS`, print the
/// figures on one line.
fn measure_child(args: &[String]) {
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run annals");
    let wall = start.elapsed().as_secs_f64();
    let (peak, cpu) = children_usage();
    println!(
        "{wall:.2} s | {cpu:.2} s | {:.0} MB | exit {}",
        peak as f64 / 1e6,
        status.code().unwrap_or(-1)
    );
}

fn measure(what: &str, events: usize, args: &[&str]) {
    let out = Command::new(std::env::current_exe().expect("bench executable"))
        .env("ANNALS_CLI_CHILD", args.join("\u{1f}"))
        .output()
        .expect("run the measuring child");
    let line = String::from_utf8_lossy(&out.stdout);
    println!("| `{what}` | {events} | {} |", line.trim());
}

/// 10,000 one-event files (from the generated 10,000-event dataset), each record on one line:
/// `fmt` rewrites every one of them.
fn small_files(dir: &Path) {
    let source = common::dataset_dir(10_000);
    std::fs::create_dir_all(dir).expect("folder");
    std::fs::copy(source.join("manifest.ron"), dir.join("manifest.ron")).expect("manifest");
    let text = std::fs::read_to_string(source.join("events-0001.ron")).expect("events");
    let layout = annals::store::lex::list_layout(&text)
        .expect("layout")
        .expect("records");
    for (k, span) in layout.records.iter().enumerate() {
        let one_line: Vec<&str> = text[span.clone()].lines().map(str::trim).collect();
        std::fs::write(
            dir.join(format!("e{k:05}.ron")),
            format!("[{}]\n", one_line.join(" ")),
        )
        .expect("write");
    }
}

/// A copy of the dataset folder's files (not its subfolders).
fn copy_dataset(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("make the copy's folder");
    for entry in std::fs::read_dir(from).expect("read the dataset folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().expect("a file name")))
                .expect("copy a dataset file");
        }
    }
}

fn main() {
    if let Ok(args) = std::env::var("ANNALS_CLI_CHILD") {
        let args: Vec<String> = args.split('\u{1f}').map(str::to_owned).collect();
        measure_child(&args);
        return;
    }
    let sizes = match std::env::var("ANNALS_BENCH_SIZES") {
        Ok(_) => common::sizes(),
        Err(_) => vec![1_000_000],
    };
    let out = tempfile::tempdir().expect("temp dir");
    let file = |name: &str| out.path().join(name).display().to_string();
    println!("| command | events | wall clock | CPU (user + system) | peak memory | |");
    println!("|---|---:|---:|---:|---:|---|");
    for n in sizes {
        let dir = common::dataset_dir(n).display().to_string();
        measure("check", n, &["check", &dir]);
        measure("list", n, &["list", &dir]);
        measure(
            "export --format timelinejs",
            n,
            &[
                "export",
                "--format",
                "timelinejs",
                &dir,
                "-o",
                &file("t.json"),
            ],
        );
        measure(
            "export --format ics",
            n,
            &["export", "--format", "ics", &dir, "-o", &file("t.ics")],
        );
        measure(
            "fmt --check (every file out of the canonical layout)",
            n,
            &["fmt", "--check", &dir],
        );
        // The usual case in CI: every file already canonical, so each is compared whole.
        let canonical = out.path().join(format!("canonical-{n}"));
        copy_dataset(Path::new(&dir), &canonical);
        let canonical = canonical.display().to_string();
        let formatted = Command::new(env!("CARGO_BIN_EXE_annals"))
            .args(["fmt", &canonical])
            .output()
            .expect("run annals fmt");
        assert!(formatted.status.success(), "fmt of the copy failed");
        measure(
            "fmt --check (every file canonical)",
            n,
            &["fmt", "--check", &canonical],
        );
    }
    let small: PathBuf = out.path().join("small");
    small_files(&small);
    let small = small.display().to_string();
    measure("fmt (10,000 files of one event)", 10_000, &["fmt", &small]);
}
