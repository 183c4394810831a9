//! Pictures of the real window, rendered by wgpu on Mesa's CPU Vulkan driver (`lavapipe`,
//! `apt-get install mesa-vulkan-drivers`) and compared with `tests/snapshots/*.png` at the
//! threshold egui's own snapshot tests use (egui_kittest's default). After an intended change:
//! `UPDATE_SNAPSHOTS=1 cargo test --test snapshots`, then look at the pictures.
//!
//! The main window on the bundled dataset at three sizes, dark and light; a presentation
//! slide; the editor with a date that does not read; the window while a big dataset is read.

mod common;

use std::path::PathBuf;

use annals::cli::bundled_dataset_path;
use annals::ui::AnnalsApp;
use annals::ui::app::Preferences;
use annals::ui::theme::ThemeChoice;
use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, SnapshotResults};

fn harness(size: (f32, f32), theme: ThemeChoice) -> Harness<'static, AnnalsApp> {
    harness_on(bundled_dataset_path(), size, theme)
}

fn harness_on(path: PathBuf, size: (f32, f32), theme: ThemeChoice) -> Harness<'static, AnnalsApp> {
    let prefs = Preferences {
        theme,
        ..Preferences::default()
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(size.0, size.1))
        .with_max_steps(24)
        .wgpu()
        .build_eframe(move |cc| AnnalsApp::with_preferences(&cc.egui_ctx, Some(path), prefs));
    harness.run();
    harness
}

fn theme_name(theme: ThemeChoice) -> &'static str {
    match theme {
        ThemeChoice::Light => "light",
        _ => "dark",
    }
}

#[test]
fn the_main_window_at_three_sizes_dark_and_light() {
    // One set of results for the six harnesses, reported together.
    let mut results = SnapshotResults::new();
    for (w, h) in [(800.0, 500.0), (1280.0, 720.0), (1920.0, 1080.0)] {
        for theme in [ThemeChoice::Dark, ThemeChoice::Light] {
            let mut harness = harness((w, h), theme);
            harness.snapshot(format!("main-{w}x{h}-{}", theme_name(theme)));
            results.extend_harness(&mut harness);
        }
    }
}

#[test]
fn a_presentation_slide() {
    let mut harness = harness((1280.0, 720.0), ThemeChoice::Dark);
    harness.key_press(egui::Key::F5);
    harness.run();
    for _ in 0..9 {
        harness.key_press(egui::Key::PageDown);
    }
    // The step's move has ended.
    for _ in 0..4 {
        harness.run();
    }
    harness.get_by_label("10 / 56");
    harness.snapshot("presentation-1280x720");
}

#[test]
fn the_editor_with_a_date_that_does_not_read() {
    let mut harness = harness((1280.0, 720.0), ThemeChoice::Dark);
    harness.key_press(egui::Key::End);
    harness.run();
    harness.key_press(egui::Key::E);
    harness.run();
    harness.get_by_label("Edit date").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Edit date").type_text("2025-11-31");
    harness.run();
    harness.get_by_label_contains("day 31 does not exist");
    harness.snapshot("editor-date-error-1280x720");
}

#[test]
fn the_window_while_a_big_dataset_is_read() {
    let dir = tempfile::tempdir().unwrap();
    annals::generate::generate(
        dir.path(),
        &annals::generate::GenerateOptions::new(100_000, 5),
    )
    .unwrap();
    let mut harness = harness((1280.0, 720.0), ThemeChoice::Dark);
    common::type_dataset_path(&mut harness, dir.path());
    harness.step();
    harness.step();
    assert!(harness.state().is_loading(), "read on a worker");
    // How far the reading has gone, and the scratch folder's name, change from run to run:
    // the row from the bar to the window's edge (its words, and Cancel after them) is masked.
    let bar = harness.get_by_label("Reading the dataset").rect();
    let row = egui::Rect::from_min_max(
        egui::pos2(bar.left(), bar.top() - 4.0),
        egui::pos2(1280.0, bar.bottom() + 4.0),
    );
    assert!(row.contains_rect(harness.get_by_label("Cancel").rect()));
    harness.mask(row);
    harness.snapshot("loading-1280x720");
    harness.key_press(egui::Key::Escape);
    harness.run();
}

#[test]
fn the_window_in_chinese_and_russian_at_the_small_size() {
    // The longest words (Russian) and the CJK font, with the filters, the list and an
    // event's details open beside the timeline.
    let mut results = SnapshotResults::new();
    for language in [
        annals::i18n::Language::Chinese,
        annals::i18n::Language::Russian,
    ] {
        let prefs = Preferences {
            language,
            show_list: true,
            show_filters: true,
            ..Preferences::default()
        };
        let path = bundled_dataset_path();
        let mut harness = Harness::builder()
            .with_size(egui::vec2(800.0, 500.0))
            .with_max_steps(24)
            .wgpu()
            .build_eframe(move |cc| AnnalsApp::with_preferences(&cc.egui_ctx, Some(path), prefs));
        harness.run();
        harness.key_press(egui::Key::End);
        harness.run();
        harness.key_press(egui::Key::Enter);
        harness.run();
        harness.snapshot(format!("main-800x500-{}", language.code()));
        results.extend_harness(&mut harness);
    }
}
