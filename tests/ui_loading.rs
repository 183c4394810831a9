//! Opening a big dataset: it is read on a worker, the window shows progress and keeps
//! answering, the dataset on screen stays until the new one is ready, and Cancel keeps it.

mod common;
use common::*;

use std::path::PathBuf;
use std::sync::OnceLock;

use annals::cli::bundled_dataset_path;
use annals::ui::AnnalsApp;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const EVENTS: usize = 100_000;

/// A generated dataset of 100,000 events, made once for the tests of this file.
fn big_dataset() -> PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        annals::generate::generate(
            dir.path(),
            &annals::generate::GenerateOptions::new(EVENTS, 5),
        )
        .unwrap();
        dir
    })
    .path()
    .to_path_buf()
}

fn harness() -> Harness<'static, AnnalsApp> {
    harness_on(bundled_dataset_path())
}

/// Ask for `path` through the typed-path window, as a user does.
fn open(harness: &mut Harness<'_, AnnalsApp>, path: &std::path::Path) {
    type_dataset_path(harness, path);
    harness.step();
}

#[test]
fn a_big_dataset_opens_with_progress_and_the_window_keeps_answering() {
    let big = big_dataset();
    let mut harness = harness();
    let bundled_title = harness.state().dataset().unwrap().manifest.title.clone();
    open(&mut harness, &big);
    // Within a frame: the progress bar, and still the bundled dataset on screen.
    harness.step();
    assert!(harness.state().is_loading(), "read on a worker");
    harness.get_by_label("Reading the dataset");
    assert_eq!(
        harness.state().dataset().unwrap().manifest.title,
        bundled_title
    );
    // The window answers meanwhile: the list opens and closes.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    harness.step();
    harness.get_by_label("Event list");
    // Then the new dataset replaces it, and the bar goes.
    wait_while_reading(&mut harness, 120);
    assert!(!harness.state().is_loading());
    assert_eq!(harness.state().dataset().unwrap().len(), EVENTS);
    assert!(harness.query_by_label("Reading the dataset").is_none());
    assert_eq!(harness.state().dataset_path(), big);
}

#[test]
fn cancelling_keeps_the_dataset_on_screen() {
    let big = big_dataset();
    let mut harness = harness();
    let before = harness.state().dataset().unwrap().len();
    open(&mut harness, &big);
    harness.step();
    assert!(harness.state().is_loading());
    // Esc stops the reading (the Cancel button does the same).
    harness.key_press(egui::Key::Escape);
    let start = std::time::Instant::now();
    while harness.state().is_loading() && start.elapsed().as_secs() < 60 {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
    assert!(!harness.state().is_loading());
    assert_eq!(harness.state().dataset().unwrap().len(), before);
    assert_eq!(harness.state().dataset_path(), bundled_dataset_path());
    harness.get_by_label_contains("Stopped reading");
}

#[test]
fn the_window_opens_at_once_on_a_big_dataset_and_fills_in_when_it_is_read() {
    let big = big_dataset();
    let mut harness = harness_on(big.clone());
    harness.step();
    harness.get_by_label("Reading the dataset…");
    harness.get_by_label("Reading the dataset");
    wait_while_reading(&mut harness, 120);
    assert_eq!(harness.state().dataset().unwrap().len(), EVENTS);
    assert!(harness.query_by_label("Reading the dataset…").is_none());
    harness.get_by_label_contains(&format!("{EVENTS} events"));
}

/// A dataset of thousands of files outside git: git is asked once which work tree it is in
/// each time the dataset is read (opened, reloaded), not once a file, and the window settles
/// (no frame is asked for once the answer is in): idle means idle.
#[test]
fn many_files_outside_git_ask_git_once_and_the_window_goes_idle() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    if std::process::Command::new("git")
        .args(["-C", root.to_str().unwrap(), "rev-parse", "--show-toplevel"])
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return; // the temporary folder is in a work tree: not this case
    }
    std::fs::write(
        root.join("manifest.ron"),
        "(title: \"Many files\", categories: [(id: \"visit\", label: \"Visit\", colour: \"#1f77b4\")])\n",
    )
    .unwrap();
    const FILES: usize = 3_000;
    for i in 0..FILES {
        std::fs::write(
            root.join(format!("events-{i:05}.ron")),
            format!(
                "[(id: \"e{i}\", title: \"Event {i}\", when: \"{}\", kind: \"visit\", sources: [(publisher: \"P\")])]\n",
                1900 + i % 120
            ),
        )
        .unwrap();
    }
    let mut harness = harness_on(root.to_path_buf());
    wait_while_reading(&mut harness, 60);
    assert_eq!(harness.state().dataset().unwrap().len(), FILES);
    assert!(step_until(&mut harness, |h| h.state().git_answered()));
    // Settled: `run` stops once no frame is asked for (it fails after its step limit).
    harness.run();
    assert_eq!(
        harness.state().git_runs(),
        1,
        "one git command for the dataset"
    );
    // Each reload asks git once more, for the dataset, not for each of its files.
    for _ in 0..2 {
        harness
            .state_mut()
            .apply(annals::ui::command::FileCommand::Reload.into(), 0.0);
        wait_while_reading(&mut harness, 60);
        assert!(step_until(&mut harness, |h| h.state().git_answered()));
        harness.run();
    }
    assert_eq!(harness.state().git_runs(), 3);
    // Idle frames ask nothing.
    for _ in 0..10 {
        harness.step();
    }
    assert_eq!(harness.state().git_runs(), 3);
}
