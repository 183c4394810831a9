//! The paths where a user could lose work, each driven through the real window as a person
//! would: the window's close button, the menus and keys that open or reload, files changing
//! on disk, the remembered session, and leaving a presentation.

mod common;
use common::*;

use std::path::{Path, PathBuf};

use annals::cli::bundled_dataset_path;
use annals::ui::AnnalsApp;
use annals::ui::Preferences;
use egui::{ViewportCommand, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const MEETING: &str = "29th regular meeting of heads of government";

/// Select the 29th meeting, open the form and type a new title: an unsaved edit.
fn edit_title(harness: &mut Harness<'_, AnnalsApp>, title: &str) {
    harness.get_by_label(MEETING).click();
    harness.run();
    harness.key_press(egui::Key::E);
    harness.run();
    harness.get_by_label("Edit title").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Edit title").type_text(title);
    harness.run();
    harness.get_by_label("● unsaved");
}

/// Press the window's close button, as the windowing layer reports it. Returns whether the
/// app cancelled the close (so the window stays open).
fn press_close_button(harness: &mut Harness<'_, AnnalsApp>) -> bool {
    harness
        .input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    harness.step();
    let cancelled = harness
        .output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .is_some_and(|v| v.commands.contains(&ViewportCommand::CancelClose));
    harness.run();
    cancelled
}

#[test]
fn closing_without_edits_just_closes() {
    let (_dir, root) = scratch_copy();
    let mut harness = harness_on(root);
    assert!(!press_close_button(&mut harness));
    assert!(harness.query_by_label("Save your changes?").is_none());
}

#[test]
fn closing_with_unsaved_edits_then_cancel_keeps_the_window_and_the_edits() {
    let (_dir, root) = scratch_copy();
    let before = read(&root, "regular-meetings.ron");
    let mut harness = harness_on(root.clone());
    edit_title(&mut harness, "Kept in memory");
    assert!(press_close_button(&mut harness), "the close is held back");
    harness.get_by_label("Save your changes?");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label("Save your changes?").is_none());
    harness.get_by_label("● unsaved");
    harness.get_by_label("Kept in memory");
    assert_eq!(read(&root, "regular-meetings.ron"), before);
    // Asked again next time.
    assert!(press_close_button(&mut harness));
    harness.get_by_label("Save your changes?");
}

#[test]
fn save_and_close_writes_the_edits_then_lets_the_window_close() {
    let (_dir, root) = scratch_copy();
    let mut harness = harness_on(root.clone());
    edit_title(&mut harness, "Saved on the way out");
    assert!(press_close_button(&mut harness));
    harness.get_by_label("Save and close").click();
    harness.run();
    assert!(read(&root, "regular-meetings.ron").contains("en: \"Saved on the way out\""));
    assert!(
        !press_close_button(&mut harness),
        "nothing is held back any more"
    );
}

#[test]
fn close_without_saving_leaves_the_files_and_lets_the_window_close() {
    let (_dir, root) = scratch_copy();
    let before = read(&root, "regular-meetings.ron");
    let mut harness = harness_on(root.clone());
    edit_title(&mut harness, "Dropped");
    assert!(press_close_button(&mut harness));
    harness.get_by_label("Close without saving").click();
    harness.run();
    assert_eq!(read(&root, "regular-meetings.ron"), before);
    assert!(!press_close_button(&mut harness));
}

const REFUSED: &str = "You have unsaved edits: save them (Ctrl+S) or undo them before";

/// The dataset on screen is still the edited one.
fn still_editing(harness: &Harness<'_, AnnalsApp>, root: &Path) {
    assert_eq!(harness.state().dataset_path(), root);
    let title = &harness
        .state()
        .dataset()
        .unwrap()
        .by_id("hog-29")
        .unwrap()
        .title;
    assert_eq!(title.to_string(), "Not yet saved");
    harness.get_by_label("● unsaved");
}

#[test]
fn opening_or_reloading_is_refused_while_edits_are_unsaved() {
    let (_dir, root) = scratch_copy();
    let other = tempfile::tempdir().unwrap();
    annals::generate::generate(other.path(), &annals::generate::GenerateOptions::new(20, 4))
        .unwrap();
    let mut harness = harness_on(root.clone());
    edit_title(&mut harness, "Not yet saved");
    harness.key_press(egui::Key::Escape); // close the form; the edit stays

    // Each attempt starts with no message on screen, so each refusal is seen anew.
    let dismiss = |harness: &mut Harness<'_, AnnalsApp>| {
        harness.get_by_label("Dismiss the message").click();
        harness.run();
        assert!(harness.query_by_label_contains(REFUSED).is_none());
    };

    // The Dataset menu: the bundled dataset.
    harness.get_by_label_contains("Dataset").click();
    harness.run();
    harness.get_by_label("Bundled dataset").click();
    harness.run();
    harness.get_by_label_contains(REFUSED);
    still_editing(&harness, &root);

    // Ctrl+O, a typed path.
    dismiss(&mut harness);
    type_dataset_path(&mut harness, other.path());
    harness.run();
    harness.get_by_label_contains(REFUSED);
    still_editing(&harness, &root);
    harness.get_by_label("Cancel").click();
    harness.run();

    // Ctrl+R.
    dismiss(&mut harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::R);
    harness.run();
    harness.get_by_label_contains(&format!("{REFUSED} reloading"));
    still_editing(&harness, &root);

    // A folder dropped on the window.
    dismiss(&mut harness);
    #[derive(Debug)]
    struct DroppedFolder(PathBuf);
    impl egui::DroppedFile for DroppedFolder {
        fn path(&self) -> &Path {
            &self.0
        }
        fn bytes(&self) -> Result<Vec<u8>, String> {
            Err("a folder has no bytes".into())
        }
    }
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedFolder(
            other.path().to_path_buf(),
        )));
    harness.run();
    harness.get_by_label_contains(REFUSED);
    still_editing(&harness, &root);

    // The watcher: a change on disk is a conflict to resolve, not a reload.
    let theirs = read(&root, "relations.ron").replacen("[", "// Theirs.\n[", 1);
    std::fs::write(root.join("relations.ron"), &theirs).unwrap();
    assert!(step_until(&mut harness, |h| !h
        .state()
        .conflicts()
        .is_empty()));
    still_editing(&harness, &root);
    harness.get_by_label("Reload theirs");
}

#[test]
fn reload_theirs_drops_mine_and_shows_their_version() {
    let (_dir, root) = scratch_copy();
    let mut harness = harness_on(root.clone());
    edit_title(&mut harness, "Mine");
    let theirs = read(&root, "regular-meetings.ron").replace(MEETING, "Their title");
    std::fs::write(root.join("regular-meetings.ron"), &theirs).unwrap();
    assert!(step_until(&mut harness, |h| !h
        .state()
        .conflicts()
        .is_empty()));
    harness.get_by_label("Reload theirs").click();
    harness.run();
    harness.get_by_label_contains("your unsaved edits were dropped");
    assert!(harness.query_by_label_contains("unsaved edits:").is_none());
    assert!(!harness.state().is_dirty());
    assert!(
        harness
            .state()
            .dataset()
            .unwrap()
            .by_id("hog-29")
            .unwrap()
            .title
            .to_string()
            == "Their title"
    );
    assert_eq!(
        read(&root, "regular-meetings.ron"),
        theirs,
        "their file untouched"
    );
}

#[test]
fn a_save_with_a_conflict_in_one_file_still_writes_the_others() {
    let (_dir, root) = scratch_copy();
    let mut harness = harness_on(root.clone());
    // Two edits in two files: the 29th meeting (regular-meetings.ron) and a 2024 visit.
    edit_title(&mut harness, "Edited meeting");
    harness.key_press(egui::Key::Escape);
    harness.run();
    let visit = harness
        .state()
        .dataset()
        .unwrap()
        .by_id("putin-state-visit-2024")
        .map(|e| e.title.to_string())
        .expect("the 2024 state visit is in the bundled dataset");
    // Find it through search, then edit it from its detail panel.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    harness.get_by_label("Search").type_text(&visit);
    // Enter steps through the matches in time order until the visit is the one shown.
    let shown = |h: &Harness<'_, AnnalsApp>| {
        h.state()
            .selected()
            .and_then(|i| h.state().dataset()?.event(i))
            .is_some_and(|e| e.id.as_ref() == "putin-state-visit-2024")
    };
    for _ in 0..10 {
        if shown(&harness) {
            break;
        }
        harness.key_press(egui::Key::Enter);
        harness.run();
    }
    assert!(shown(&harness), "search reaches the visit");
    // The detail panel's button (the menu of the same name is at the top left).
    let buttons: Vec<_> = harness.query_all_by_label("✏ Edit").collect();
    assert_eq!(buttons.len(), 2, "the menu and the detail panel's button");
    let panel_button = buttons
        .into_iter()
        .max_by(|a, b| a.rect().min.x.total_cmp(&b.rect().min.x))
        .unwrap();
    panel_button.click();
    harness.run();
    harness.get_by_label("Edit title").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Edit title").type_text("Edited visit");
    harness.run();
    assert_eq!(
        harness
            .state()
            .dataset()
            .unwrap()
            .by_id("putin-state-visit-2024")
            .unwrap()
            .title
            .to_string(),
        "Edited visit"
    );

    // Someone else changes the meetings' file; then Ctrl+S.
    let theirs = read(&root, "regular-meetings.ron").replacen("[", "// Theirs.\n[", 1);
    std::fs::write(root.join("regular-meetings.ron"), &theirs).unwrap();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    assert!(read(&root, "visits-2024.ron").contains("en: \"Edited visit\""));
    assert_eq!(read(&root, "regular-meetings.ron"), theirs);
    harness.get_by_label("Keep mine");
    assert!(
        harness.state().is_dirty(),
        "the meeting's edit is still to save"
    );
}

/// Views are equal to within a thousandth of a day.
fn assert_same_view(a: annals::timeline::TimeView, b: annals::timeline::TimeView) {
    assert!(
        (a.start_day - b.start_day).abs() < 1e-3 && (a.span_days - b.span_days).abs() < 1e-3,
        "{a:?} != {b:?}"
    );
}

/// Run frames until the view stops moving (animations last well under a second).
fn settle(harness: &mut Harness<'_, AnnalsApp>) {
    for _ in 0..6 {
        harness.run();
    }
}

#[test]
fn leaving_a_presentation_restores_the_filters_the_view_and_selects_the_last_step() {
    let mut harness = harness_on(bundled_dataset_path());
    // A filter (verified only, from the filter panel), a zoomed view around a selection.
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::F,
    );
    harness.run();
    harness.get_by_label("verified only").click();
    harness.run();
    let filter = harness.state().filter().clone();
    assert!(!filter.is_empty());
    harness.get_by_label(MEETING).click();
    harness.run();
    harness.key_press(egui::Key::Plus);
    harness.key_press(egui::Key::Plus);
    settle(&mut harness);
    let view = harness.state().view();
    let fitted = {
        let d = harness.state().dataset().unwrap();
        d.events().len()
    };
    assert!(fitted > 0);

    for round in 0..3 {
        harness.key_press(egui::Key::F5);
        settle(&mut harness);
        assert!(harness.state().presentation().is_some(), "round {round}");
        harness.key_press(egui::Key::PageDown);
        harness.key_press(egui::Key::PageDown);
        settle(&mut harness);
        let last_step_event = harness
            .state()
            .presentation()
            .and_then(|p| p.steps[p.index].event)
            .expect("a step with an event");
        harness.key_press(egui::Key::Escape);
        settle(&mut harness);
        assert!(harness.state().presentation().is_none());
        assert_eq!(
            harness.state().filter(),
            &filter,
            "round {round}: the filter"
        );
        assert_same_view(harness.state().view(), view);
        assert_eq!(
            harness.state().selected(),
            Some(last_step_event),
            "round {round}"
        );
    }
}

/// Settings kept in memory, as eframe's storage keeps them on disk.
#[derive(Default)]
struct MemoryStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

/// Pick `option` from the drop-down named `name` in the top bar.
fn choose(harness: &mut Harness<'_, AnnalsApp>, name: &str, option: &str) {
    harness.get_by_label(name).click();
    harness.run();
    harness.get_by_label(option).click();
    harness.run();
}

#[test]
fn every_remembered_setting_is_written_and_read_back() {
    use annals::ui::{app::Preferences, theme::ThemeChoice};
    let mut harness = harness_on(bundled_dataset_path());
    // Change each setting the way a user does.
    choose(&mut harness, "Theme", "Light");
    choose(&mut harness, "Lanes", "Country");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::F,
    );
    harness.run();
    harness.get_by_label("verified only").click();
    harness.run();
    harness.get_by_label("Title").click(); // sort the list by title
    harness.run();
    harness.get_by_label("▶ Present").click();
    harness.run();
    harness
        .get_by_label_contains("2024: a year of summits")
        .click();
    settle(&mut harness);
    harness.key_press(egui::Key::Escape);
    settle(&mut harness);
    harness.key_press(egui::Key::Minus);
    settle(&mut harness);
    // Last: from here on the window speaks Russian.
    choose(&mut harness, "Language", "Русский");
    let selected = harness
        .state()
        .selected()
        .expect("the last step's event is selected");
    let view = harness.state().view();

    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    let saved: Preferences =
        eframe::get_value(&storage, eframe::APP_KEY).expect("the settings are written");
    assert_eq!(saved.language, annals::model::Language::Russian);
    assert_eq!(saved.theme, ThemeChoice::Light);
    assert_eq!(saved.grouping, annals::timeline::lanes::Grouping::Country);
    assert!(saved.show_list && saved.show_filters);
    assert!(
        saved
            .filter
            .statuses
            .contains(&annals::model::Status::Verified)
    );
    assert_eq!(
        saved.list_sort.column,
        annals::model::list::ListColumn::Title
    );
    assert_eq!(saved.present.as_deref(), Some("summits-2024"));
    let selected_id = harness
        .state()
        .dataset()
        .unwrap()
        .event(selected)
        .unwrap()
        .id
        .to_string();
    assert_eq!(saved.selected_id.as_deref(), Some(selected_id.as_str()));
    assert_same_view(saved.view.unwrap(), view);
    let canonical = std::fs::canonicalize(bundled_dataset_path()).unwrap();
    assert_eq!(saved.dataset.as_deref(), Some(canonical.as_path()));

    // A new start with these settings is the same session, and saves the same settings.
    let ctx = egui::Context::default();
    let mut again = AnnalsApp::with_preferences(&ctx, None, saved.clone());
    assert_eq!(again.selected(), Some(selected));
    assert_same_view(again.view(), view);
    assert_eq!(again.filter(), &saved.filter);
    assert_eq!(again.grouping(), saved.grouping);
    let mut storage_again = MemoryStorage::default();
    eframe::App::save(&mut again, &mut storage_again);
    assert_eq!(
        storage_again.0, storage.0,
        "the same settings, byte for byte"
    );
}

#[test]
fn news_fades_and_problems_stay() {
    let (_dir, root) = scratch_copy();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(24)
        .with_step_dt(0.25)
        // In English whatever the machine's locale: widgets are found by their English labels.
        .build_eframe(move |cc| {
            AnnalsApp::with_preferences(&cc.egui_ctx, Some(root), Preferences::default())
        });
    edit_title(&mut harness, "Saved, then gone");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    let saved = harness.state().notice().unwrap_or_default().to_owned();
    assert!(saved.starts_with("Saved "), "{saved}");
    // A few seconds later the news has gone by itself.
    for _ in 0..40 {
        harness.step();
    }
    assert_eq!(harness.state().notice(), None);
    assert!(harness.query_by_label_contains(&saved).is_none());

    // A problem stays until it is dealt with: reloading with unsaved edits is refused.
    harness.get_by_label("Edit title").click();
    harness.run();
    harness.get_by_label("Edit title").type_text(" again");
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::R);
    harness.run();
    let refused = harness.state().notice().unwrap_or_default().to_owned();
    assert!(refused.contains("unsaved edits"), "{refused}");
    for _ in 0..40 {
        harness.step();
    }
    assert_eq!(harness.state().notice(), Some(refused.as_str()));
}
