//! The real app, driven through AccessKit as a person would drive it.

use std::path::PathBuf;

use annals::cli::bundled_dataset_path;
use annals::ui::AnnalsApp;
use annals::ui::detail_panel::DETAIL_PANEL_LABEL;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness_on(path: PathBuf) -> Harness<'static, AnnalsApp> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_eframe(move |cc| AnnalsApp::new(cc, path))
}

#[test]
fn clicking_an_event_shows_its_details_with_names_in_three_scripts() {
    let mut harness = harness_on(bundled_dataset_path());
    assert!(harness.state().dataset().is_some(), "bundled dataset loads");
    assert!(
        harness.query_by_label(DETAIL_PANEL_LABEL).is_none(),
        "no panel before a click"
    );

    let title = "29th regular meeting of heads of government";
    harness.get_by_label(title).click();
    harness.run();

    let selected = harness
        .state()
        .selected()
        .expect("the click selected an event");
    let dataset = harness.state().dataset().unwrap();
    assert_eq!(dataset.event(selected).unwrap().id, "hog-29");

    let panel = harness.get_by_label(DETAIL_PANEL_LABEL);
    panel.get_by_label(title);
    panel.get_by_label("21 August 2024");
    // English names with the native form beside them; the harness fails on missing glyphs,
    // so this also proves the Chinese and Cyrillic text can be drawn.
    panel.get_by_label("Li Qiang");
    panel.get_by_label("李强");
    panel.get_by_label("Mikhail Mishustin");
    panel.get_by_label("Михаил Мишустин");
    panel.get_by_label("Moscow");
    panel.get_by_label("Москва");
    panel.get_by_label("https://tass.com/politics/1830785");
}

#[test]
fn keyboard_moves_the_selection_in_time_and_escape_clears_it() {
    let mut harness = harness_on(bundled_dataset_path());
    harness
        .get_by_label("28th regular meeting of heads of government")
        .click();
    harness.run();
    let first = harness.state().selected().unwrap();

    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    assert_eq!(harness.state().selected(), Some(first + 1));

    harness.key_press(egui::Key::ArrowLeft);
    harness.key_press(egui::Key::ArrowLeft);
    harness.run();
    assert_eq!(harness.state().selected(), Some(first - 1));

    // Shift+→ follows the series: 28th → 29th regular meeting.
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::ArrowRight);
    harness.run();
    let dataset = harness.state().dataset().unwrap();
    assert_eq!(
        dataset
            .event(harness.state().selected().unwrap())
            .unwrap()
            .id,
        "hog-29"
    );

    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(harness.state().selected(), None);
    assert!(harness.query_by_label(DETAIL_PANEL_LABEL).is_none());
}

#[test]
fn wheel_zooms_around_the_pointer_and_f_fits_everything_again() {
    let mut harness = harness_on(bundled_dataset_path());
    let fitted = harness.state().view();
    let pointer = egui::pos2(900.0, 500.0);
    harness.hover_at(pointer);
    harness.run();
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 200.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run();
    let zoomed = harness.state().view();
    assert!(
        zoomed.span_days < fitted.span_days * 0.9,
        "{zoomed:?} vs {fitted:?}"
    );

    harness.key_press(egui::Key::F);
    harness.run();
    let refit = harness.state().view();
    assert!((refit.span_days - fitted.span_days).abs() < 1e-6 * fitted.span_days);
}

#[test]
fn a_broken_dataset_opens_a_window_that_lists_the_problems() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        bundled_dataset_path().join("manifest.ron"),
        dir.path().join("manifest.ron"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("events.ron"),
        "[\n    (id: \"x\", title: \"T\", when: \"2024-13\", kind: \"visit\"),\n]\n",
    )
    .unwrap();
    let mut harness = harness_on(dir.path().to_path_buf());
    harness.run();
    assert!(harness.state().dataset().is_none());
    harness.get_by_label("This dataset could not be loaded");
    harness.get_by_label_contains("month 13 does not exist");

    // Fixing the file and reloading shows the data.
    std::fs::write(
        dir.path().join("events.ron"),
        "[\n    (id: \"x\", title: \"Fixed\", when: \"2024-12\", kind: \"visit\", sources: [(publisher: \"P\")]),\n]\n",
    )
    .unwrap();
    harness.get_by_label("⟳ Reload (Ctrl+R)").click();
    harness.run();
    assert_eq!(harness.state().dataset().map(|d| d.len()), Some(1));
    harness.get_by_label("Fixed");
}
