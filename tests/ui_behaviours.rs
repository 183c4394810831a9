//! Behaviours README promises, each checked as a user meets it: what the detail panel shows
//! after a key, what survives a reload, what search finds.

mod common;
use common::*;

use annals::cli::bundled_dataset_path;
use annals::model::{Dataset, Event, Status};
use annals::ui::AnnalsApp;
use annals::ui::browse::detail_panel::DETAIL_PANEL_LABEL;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn dataset(harness: &Harness<'_, AnnalsApp>) -> Dataset {
    harness.state().dataset().unwrap().clone()
}

fn by_id(dataset: &Dataset, id: &str) -> Event {
    dataset.by_id(id).unwrap().clone()
}

/// The detail panel is open and shows `title`.
fn panel_shows(harness: &Harness<'_, AnnalsApp>, title: &str) {
    let panel = harness.get_by_label(DETAIL_PANEL_LABEL);
    assert!(
        panel.query_by_label(title).is_some(),
        "the detail panel should show “{title}”"
    );
}

fn press(harness: &mut Harness<'_, AnnalsApp>, modifiers: egui::Modifiers, key: egui::Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

fn settle(harness: &mut Harness<'_, AnnalsApp>) {
    for _ in 0..6 {
        harness.run();
    }
}

const NONE: egui::Modifiers = egui::Modifiers::NONE;

#[test]
fn the_selection_and_the_view_survive_reloads() {
    let (_dir, root) = scratch_copy();
    let mut harness = harness_on(root.clone());
    let data = dataset(&harness);
    let meeting = by_id(&data, "hog-28");
    harness.get_by_label(&meeting.title.to_string()).click();
    harness.run();
    press(&mut harness, NONE, egui::Key::Plus);
    settle(&mut harness);
    let view = harness.state().view();

    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::R);
    panel_shows(&harness, &meeting.title.to_string());
    assert_eq!(harness.state().view(), view);

    // A hand edit elsewhere, reloaded by the watcher.
    let file = root.join("relations.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("// A hand-written note.\n{text}")).unwrap();
    assert!(step_until(&mut harness, |h| h.state().watcher_reports() >= 1));
    panel_shows(&harness, &meeting.title.to_string());
    assert_eq!(harness.state().view(), view);
}

#[test]
fn arrows_skip_the_events_the_filters_hide() {
    let mut harness = harness_on(bundled_dataset_path());
    press(
        &mut harness,
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::F,
    );
    harness.get_by_label("verified only").click();
    harness.run();
    let data = dataset(&harness);
    // Verified events in time order, from the model.
    let events = data.events();
    let verified: Vec<&Event> = events
        .iter()
        .filter(|e| e.status == Status::Verified)
        .collect();
    // A verified event whose next event in time is hidden by the filter.
    let at = (1..verified.len() - 1)
        .find(|&i| {
            let all_at = events.iter().position(|e| e.id == verified[i].id).unwrap();
            events[all_at + 1].status != Status::Verified
        })
        .expect("a verified event followed by a hidden one");
    // Select it from the list (its title may be left out on the crowded timeline).
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::L);
    harness
        .query_all_by_label(&verified[at].title.to_string())
        .next()
        .expect("listed")
        .click();
    harness.run();
    panel_shows(&harness, &verified[at].title.to_string());
    press(&mut harness, NONE, egui::Key::ArrowRight);
    panel_shows(&harness, &verified[at + 1].title.to_string());
    press(&mut harness, NONE, egui::Key::ArrowLeft);
    press(&mut harness, NONE, egui::Key::ArrowLeft);
    panel_shows(&harness, &verified[at - 1].title.to_string());
    // Home and End: the first and the last shown event.
    press(&mut harness, NONE, egui::Key::End);
    panel_shows(&harness, &verified.last().unwrap().title.to_string());
    press(&mut harness, NONE, egui::Key::Home);
    panel_shows(&harness, &verified[0].title.to_string());
}

#[test]
fn shift_arrows_follow_the_series_both_ways() {
    let mut harness = harness_on(bundled_dataset_path());
    let data = dataset(&harness);
    harness
        .get_by_label(&by_id(&data, "hog-29").title.to_string())
        .click();
    harness.run();
    press(&mut harness, egui::Modifiers::SHIFT, egui::Key::ArrowLeft);
    panel_shows(&harness, &by_id(&data, "hog-28").title.to_string());
    press(&mut harness, egui::Modifiers::SHIFT, egui::Key::ArrowLeft);
    panel_shows(&harness, &by_id(&data, "hog-27").title.to_string());
    press(&mut harness, egui::Modifiers::SHIFT, egui::Key::ArrowRight);
    panel_shows(&harness, &by_id(&data, "hog-28").title.to_string());
}

#[test]
fn ctrl_n_with_nothing_selected_adds_an_event_dated_today_in_the_latest_events_file() {
    let (_dir, root) = scratch_copy();
    let mut harness = harness_on(root.clone());
    let data = dataset(&harness);
    let latest = data.events().last().unwrap().id.to_string();
    let latest_file = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            std::fs::read_to_string(p).is_ok_and(|t| t.contains(&format!("id: \"{latest}\"")))
        })
        .expect("the latest event's file");
    assert_eq!(harness.state().selected(), None);
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::N);
    let today = chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(
        harness.get_by_label("Edit date").value().as_deref(),
        Some(today.as_str())
    );
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::S);
    let written = std::fs::read_to_string(&latest_file).unwrap();
    assert!(
        written.contains("id: \"new-event\"") && written.contains(&format!("when: \"{today}\"")),
        "{}",
        latest_file.display()
    );
}

#[test]
fn ctrl_y_redoes_and_the_delete_key_asks_first() {
    let (_dir, root) = scratch_copy();
    let mut harness = harness_on(root);
    let data = dataset(&harness);
    let meeting = by_id(&data, "hog-29");
    harness.get_by_label(&meeting.title.to_string()).click();
    harness.run();
    press(&mut harness, NONE, egui::Key::E);
    harness.get_by_label("Edit title").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Edit title").type_text("Renamed");
    harness.run();
    press(&mut harness, NONE, egui::Key::Escape); // leave the form; the edit stays
    panel_shows(&harness, "Renamed");
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    panel_shows(&harness, &meeting.title.to_string());
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::Y);
    panel_shows(&harness, "Renamed");

    let count = dataset(&harness).len();
    press(&mut harness, NONE, egui::Key::Delete);
    harness.get_by_label("Delete this event?");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(
        dataset(&harness).len(),
        count,
        "nothing deleted without a yes"
    );
    panel_shows(&harness, "Renamed");
}

#[test]
fn storyline_files_are_watched() {
    let (_dir, root) = scratch_copy();
    let mut harness = harness_on(root.clone());
    let file = root.join("briefings/summits-2024.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    // The title's English text, the first of its languages.
    let title = text
        .split("en: \"")
        .nth(1)
        .and_then(|t| t.split('"').next())
        .unwrap()
        .to_owned();
    std::fs::write(&file, text.replacen(&title, "Summits, retitled", 1)).unwrap();
    assert!(step_until(&mut harness, |h| h.state().watcher_reports() >= 1));
    harness.get_by_label("▶ Present").click();
    harness.run();
    harness.get_by_label_contains("Summits, retitled");
    assert!(harness.query_by_label_contains(&title).is_none());
}

/// Ids of the events the search box finds for `text`.
fn search(harness: &mut Harness<'_, AnnalsApp>, text: &str) -> Vec<String> {
    press(harness, egui::Modifiers::COMMAND, egui::Key::F);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Search").type_text(text);
    harness.run();
    let data = dataset(harness);
    harness
        .state()
        .search_results()
        .iter()
        .map(|&i| data.event(i).unwrap().id.to_string())
        .collect()
}

#[test]
fn search_looks_at_tags_sources_and_notes() {
    let (_dir, root) = scratch_copy();
    // One event with a word in each of those fields, and nowhere else.
    let file = root.join("relations.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    let extra = "[\n    (\n        id: \"probe\",\n        title: \"A probe\",\n        when: \"2001-01-01\",\n        kind: \"diplomacy\",\n        summary: \"Nothing to find here.\",\n        sources: [(publisher: \"Quillpress\", title: \"Vellum\")],\n        note: \"Zephyrine.\",\n        tags: [\"obsidian\"],\n    ),\n";
    std::fs::write(&file, text.replacen("[\n", extra, 1)).unwrap();
    let mut harness = harness_on(root.clone());
    assert!(
        harness.state().dataset().is_some(),
        "{:?}",
        harness.state().loaded().diagnostics
    );
    for word in ["obsidian", "Quillpress", "vellum", "zephyrine"] {
        assert_eq!(search(&mut harness, word), ["probe"], "{word}");
    }
}

/// The event list's rows (the matches while searching), where they are on screen: from its
/// column headers down to the status bar.
fn list_rect(harness: &Harness<'_, AnnalsApp>) -> egui::Rect {
    let header = harness.get_by_label_contains("Title").rect();
    let status = harness.get_by_label_contains("no problems found").rect();
    egui::Rect::from_min_max(
        egui::pos2(0.0, header.bottom()),
        egui::pos2(10_000.0, status.top()),
    )
}

#[test]
fn a_search_without_matches_leaves_the_next_ones_list_whole() {
    let mut harness = harness_on(bundled_dataset_path());
    assert!(search(&mut harness, "qqqzzz").is_empty());
    settle(&mut harness);
    let found = search(&mut harness, "moscow");
    assert!(found.len() > 5);
    settle(&mut harness);
    let list = list_rect(&harness);
    assert!(
        list.height() > 150.0,
        "the matches' list is whole: {list:?}"
    );
    // The first match (the list is sorted by date) is in sight, not scrolled away.
    let data = dataset(&harness);
    let first = &data.by_id(&found[0]).unwrap().title.to_string();
    let in_list = harness
        .query_all_by_label(first)
        .any(|n| list.contains(n.rect().center()));
    assert!(in_list, "“{first}” is in sight at the top of the matches");

    // Without a search, Ctrl+L shows the list at its own height too.
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::F);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.run();
    assert!(harness.state().search_results().is_empty());
    harness.key_press(egui::Key::Escape);
    harness.run();
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::L);
    settle(&mut harness);
    assert!(
        list_rect(&harness).height() > 150.0,
        "{:?}",
        list_rect(&harness)
    );
}

#[test]
fn a_fitted_view_stays_fitted_while_the_window_is_resized() {
    let mut harness = harness_on(bundled_dataset_path());
    let fitted = harness.state().view();
    for width in [900.0, 1900.0, 1400.0] {
        harness.set_size(egui::vec2(width, 900.0));
        settle(&mut harness);
        let view = harness.state().view();
        assert!(
            (view.start_day - fitted.start_day).abs() < 1e-6
                && (view.span_days - fitted.span_days).abs() < 1e-6,
            "at {width}: {view:?}, fitted {fitted:?}"
        );
    }
    // Once the user zooms, a resize keeps the scale instead.
    press(&mut harness, NONE, egui::Key::Plus);
    settle(&mut harness);
    let zoomed = harness.state().view();
    harness.set_size(egui::vec2(900.0, 900.0));
    settle(&mut harness);
    let after = harness.state().view();
    assert!(
        after.span_days < zoomed.span_days * 0.8,
        "{after:?} {zoomed:?}"
    );
    // F fits again, and the fit holds through the next resize.
    press(&mut harness, NONE, egui::Key::F);
    settle(&mut harness);
    let fitted = harness.state().view();
    harness.set_size(egui::vec2(1400.0, 900.0));
    settle(&mut harness);
    assert!((harness.state().view().span_days - fitted.span_days).abs() < 1e-6);
}

/// The lanes' names on the timeline, with where their headers are.
fn lane_headers(harness: &Harness<'_, AnnalsApp>) -> Vec<(String, egui::Rect)> {
    use egui_kittest::kittest::NodeT;
    let canvas = harness.get_by_label(annals::ui::timeline_view::CANVAS_LABEL);
    canvas
        .parent()
        .unwrap()
        .children()
        .filter(|n| n.accesskit_node().role() == egui::accesskit::Role::Label)
        .map(|n| (n.accesskit_node().label().unwrap_or_default(), n.rect()))
        .collect()
}

#[test]
fn lanes_keep_their_heights_while_the_view_pans() {
    let mut harness = harness_on(bundled_dataset_path());
    // Zoomed in on the last years, then panned back across the decades in steps.
    press(&mut harness, NONE, egui::Key::End);
    for _ in 0..2 {
        press(&mut harness, NONE, egui::Key::Plus);
    }
    settle(&mut harness);
    let before = lane_headers(&harness);
    assert!(before.len() >= 4, "{before:?}");
    let canvas = harness
        .get_by_label(annals::ui::timeline_view::CANVAS_LABEL)
        .rect();
    let start_day = harness.state().view().start_day;
    for _ in 0..12 {
        harness.hover_at(canvas.center());
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(150.0, 0.0),
            modifiers: NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        harness.run();
        assert_eq!(lane_headers(&harness), before, "lanes moved while panning");
    }
    assert!(
        harness.state().view().start_day < start_day - 3650.0,
        "the view panned back a decade or more"
    );
}

#[test]
fn a_long_source_address_wraps_inside_its_indent() {
    let mut harness = harness_on(bundled_dataset_path());
    let data = dataset(&harness);
    let index = data.index_of("hog-23").unwrap();
    harness.state_mut().apply(
        annals::ui::command::Command::Browse(annals::ui::command::BrowseCommand::Select(Some(
            index,
        ))),
        0.0,
    );
    harness.run();
    let panel = harness.get_by_label(DETAIL_PANEL_LABEL);
    let url = "https://www.agenzianova.com/a/5bdff96119ed04.02332359/2161906/2018-11-05/cina-russia-premier-medvedev-oggi-a-shangai-previsto-incontro-con-presidente-xi";
    let link = panel.get_by_label(url).rect();
    let numbers: Vec<egui::Rect> = panel
        .query_all_by_label("1.")
        .chain(panel.query_all_by_label("2."))
        .chain(panel.query_all_by_label("3."))
        .map(|n| n.rect())
        .collect();
    // The source's line just above the link.
    let number = numbers
        .iter()
        .filter(|r| r.bottom() <= link.top() + 1.0)
        .max_by(|a, b| a.bottom().total_cmp(&b.bottom()))
        .unwrap();
    assert!(link.left() >= number.left() + 14.0, "{link:?} {number:?}");
    assert!(
        link.top() - number.bottom() < 8.0,
        "no empty line: {link:?} {number:?}"
    );
    assert!(link.height() > 20.0, "the address wraps: {link:?}");
}

#[test]
fn down_steps_through_the_matches_however_the_search_box_got_the_keyboard() {
    for through_accesskit in [false, true] {
        let mut harness = harness_on(bundled_dataset_path());
        if through_accesskit {
            harness.get_by_label("Search").focus();
        } else {
            press(&mut harness, egui::Modifiers::COMMAND, egui::Key::F);
        }
        harness.run();
        harness.get_by_label("Search").type_text("moscow");
        harness.run();
        let results = harness.state().search_results().to_vec();
        assert!(results.len() > 3);
        for (n, expected) in results.iter().take(3).enumerate() {
            harness.key_press(egui::Key::ArrowDown);
            harness.run();
            assert_eq!(
                harness.state().selected(),
                Some(*expected),
                "↓ number {}, through AccessKit: {through_accesskit}",
                n + 1
            );
        }
    }
}
