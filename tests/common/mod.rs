//! What the UI tests share: the harness on a dataset, scratch copies to edit, and waiting
//! for what happens on other threads (the folder watcher, the loading worker, git).

#![allow(dead_code)] // each test file uses its own share of these

use std::path::{Path, PathBuf};

use annals::cli::bundled_dataset_path;
use annals::ui::AnnalsApp;
use annals::ui::Preferences;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The real app on the dataset at `path`, in a 1400×900 window.
pub fn harness_on(path: PathBuf) -> Harness<'static, AnnalsApp> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        // The folder watcher asks for a repaint when files change (the app's own saves too);
        // one arriving during `run` costs a few more frames before it settles.
        .with_max_steps(24)
        // In English whatever the machine's locale: widgets are found by their English labels.
        .build_eframe(move |cc| {
            AnnalsApp::with_preferences(&cc.egui_ctx, Some(path), Preferences::default())
        })
}

/// A copy of the bundled dataset (its storylines included) in a scratch folder, to edit.
pub fn scratch_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("china-russia");
    for sub in ["", "briefings"] {
        std::fs::create_dir_all(root.join(sub)).unwrap();
        for entry in std::fs::read_dir(bundled_dataset_path().join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "ron") {
                std::fs::copy(&path, root.join(sub).join(path.file_name().unwrap())).unwrap();
            }
        }
    }
    (dir, root)
}

pub fn read(root: &Path, name: &str) -> String {
    std::fs::read_to_string(root.join(name)).unwrap()
}

/// Run frames until `done` holds (other threads are at work), or give up after 10 s.
pub fn step_until(
    harness: &mut Harness<'_, AnnalsApp>,
    done: impl Fn(&Harness<'_, AnnalsApp>) -> bool,
) -> bool {
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(10) {
        harness.step();
        if done(harness) {
            harness.run();
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    false
}

/// Run frames while a dataset is being read on the worker (at most `seconds`).
pub fn wait_while_reading(harness: &mut Harness<'_, AnnalsApp>, seconds: u64) {
    let start = std::time::Instant::now();
    while harness.state().is_loading() && start.elapsed().as_secs() < seconds {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    harness.run();
}

/// Open the filters, the list and the last event's details.
pub fn open_every_panel(harness: &mut Harness<'_, AnnalsApp>) {
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT),
        egui::Key::F,
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    harness.run();
    harness.key_press(egui::Key::End);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
}

/// Ask for `path` in the typed-path window (Ctrl+O), as a user does, up to the Enter that
/// opens it; the caller lets the frames run as its test needs.
pub fn type_dataset_path(harness: &mut Harness<'_, AnnalsApp>, path: &Path) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    harness.run();
    harness.get_by_label("Dataset path").click();
    harness.run();
    harness
        .get_by_label("Dataset path")
        .type_text(path.to_str().unwrap());
    harness.key_press(egui::Key::Enter);
}
