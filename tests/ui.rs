//! The real app, driven through AccessKit as a person would drive it.

use std::path::PathBuf;

use annals::cli::bundled_dataset_path;
use annals::ui::AnnalsApp;
use annals::ui::detail_panel::DETAIL_PANEL_LABEL;
use annals::ui::timeline_view::CANVAS_LABEL;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// Id of the selected event.
fn selected_id(harness: &Harness<'_, AnnalsApp>) -> Option<String> {
    let index = harness.state().selected()?;
    Some(harness.state().dataset()?.event(index)?.id.to_string())
}

/// A scratch dataset: the bundled manifest and one events file with `events`.
fn dataset_with_events(events: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        bundled_dataset_path().join("manifest.ron"),
        dir.path().join("manifest.ron"),
    )
    .unwrap();
    std::fs::write(dir.path().join("events.ron"), events).unwrap();
    dir
}

fn harness_on(path: PathBuf) -> Harness<'static, AnnalsApp> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        // The folder watcher asks for a repaint when files change (the app's own saves too);
        // one arriving during `run` costs a few more frames before it settles.
        .with_max_steps(24)
        .build_eframe(move |cc| AnnalsApp::new(cc, Some(path)))
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
    assert_eq!(&*dataset.event(selected).unwrap().id, "hog-29");

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
    assert_eq!(selected_id(&harness).as_deref(), Some("hog-29"));

    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(harness.state().selected(), None);
    assert!(harness.query_by_label(DETAIL_PANEL_LABEL).is_none());
}

/// The timeline canvas as assistive technology sees it.
fn canvas(harness: &Harness<'_, AnnalsApp>) -> egui::Rect {
    harness.get_by_label(CANVAS_LABEL).rect()
}

/// Left edge and width of the timeline canvas.
fn canvas_x(harness: &Harness<'_, AnnalsApp>) -> (f32, f64) {
    let rect = canvas(harness);
    (rect.left(), f64::from(rect.width()))
}

/// A point in empty space: low in the canvas, below the lanes' events.
fn empty_space(harness: &Harness<'_, AnnalsApp>, dx: f32) -> egui::Pos2 {
    let rect = canvas(harness);
    egui::pos2(rect.center().x + dx, rect.bottom() - 20.0)
}

#[test]
fn wheel_zooms_around_the_pointer_and_f_fits_everything_again() {
    let mut harness = harness_on(bundled_dataset_path());
    let fitted = harness.state().view();
    let (left, width) = canvas_x(&harness);
    let pointer = canvas(&harness).center() + egui::vec2(100.0, 0.0);
    let day_under_pointer = fitted.x_to_day(f64::from(pointer.x - left), width);
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
    let still_under = zoomed.x_to_day(f64::from(pointer.x - left), width);
    assert!(
        (still_under - day_under_pointer).abs() < 1e-6 * fitted.span_days,
        "the time under the pointer stays put: {day_under_pointer} vs {still_under}"
    );

    harness.key_press(egui::Key::F);
    harness.run();
    let refit = harness.state().view();
    assert!((refit.span_days - fitted.span_days).abs() < 1e-6 * fitted.span_days);
}

#[test]
fn a_broken_dataset_opens_a_window_that_lists_the_problems() {
    let dir = dataset_with_events(
        "[\n    (id: \"x\", title: \"T\", when: \"2024-13\", kind: \"visit\"),\n]\n",
    );
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

#[test]
fn dragging_pans_by_the_distance_moved() {
    let mut harness = harness_on(bundled_dataset_path());
    let before = harness.state().view();
    let (_, width) = canvas_x(&harness);
    // Empty space in the lower part of the canvas.
    let start = empty_space(&harness, 0.0);
    harness.hover_at(start);
    harness.event(egui::Event::PointerButton {
        pos: start,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    harness.step();
    for dx in [-20.0, -60.0, -100.0] {
        harness.hover_at(start + egui::vec2(dx, 0.0));
        harness.step();
    }
    harness.event(egui::Event::PointerButton {
        pos: start + egui::vec2(-100.0, 0.0),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run();
    let after = harness.state().view();
    let moved_days = after.start_day - before.start_day;
    let expected = 100.0 * before.days_per_px(width);
    assert!(
        (moved_days - expected).abs() < 1e-6 * before.span_days,
        "{moved_days} vs {expected}"
    );
    assert_eq!(after.span_days, before.span_days);
    assert_eq!(harness.state().selected(), None, "a drag is not a click");
}

#[test]
fn enter_reopens_the_detail_panel_and_plus_minus_zoom() {
    let mut harness = harness_on(bundled_dataset_path());
    harness
        .get_by_label("28th regular meeting of heads of government")
        .click();
    harness.run();
    assert!(harness.state().details_open());
    harness.get_by_label("×").click();
    harness.run();
    assert!(!harness.state().details_open());
    assert!(
        harness.state().selected().is_some(),
        "closing the panel keeps the selection"
    );
    assert!(harness.query_by_label(DETAIL_PANEL_LABEL).is_none());
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(harness.state().details_open());
    harness.get_by_label(DETAIL_PANEL_LABEL);

    let before = harness.state().view().span_days;
    harness.key_press(egui::Key::Plus);
    harness.run();
    let zoomed = harness.state().view().span_days;
    assert!(
        (zoomed - before / 2.0).abs() < 1e-6 * before,
        "{zoomed} vs {before}"
    );
    harness.key_press(egui::Key::Minus);
    harness.run();
    assert!((harness.state().view().span_days - before).abs() < 1e-6 * before);
}

#[test]
fn lanes_can_be_grouped_by_country() {
    let mut harness = harness_on(bundled_dataset_path());
    harness.get_by_label("Lanes").click();
    harness.run();
    harness.get_by_label("Country").click();
    harness.run();
    assert_eq!(
        harness.state().grouping(),
        annals::timeline::Grouping::Country
    );
    // Events are still on screen and clickable after regrouping. Seen in 2024: across all
    // of 1949–2025 the Kazakhstan lane shares the rows with busier lanes and shows its two
    // events as one cluster.
    let year = annals::model::EventDate::parse("2024").unwrap();
    let (first, last) = (year.earliest_day() as f64, year.latest_day() as f64 + 1.0);
    harness.state_mut().apply(
        annals::ui::command::Command::SetView(annals::timeline::TimeView::new(first, last - first)),
        0.0,
    );
    harness.run();
    harness
        .get_by_label("Xi Jinping and Vladimir Putin meet in Astana")
        .click();
    harness.run();
    assert_eq!(selected_id(&harness).as_deref(), Some("astana-2024"));
}

#[test]
fn dense_data_shows_clusters_and_clicking_one_zooms_in() {
    let dir = tempfile::tempdir().unwrap();
    annals::generate::generate(
        dir.path(),
        &annals::generate::GenerateOptions::new(20_000, 3),
    )
    .unwrap();
    let mut harness = harness_on(dir.path().to_path_buf());
    let before = harness.state().view();
    let lanes: Vec<String> = harness
        .query_all_by_label_contains(" clusters: ")
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .collect();
    assert!(
        !lanes.is_empty(),
        "fitted 20,000 events are summarised in clusters"
    );
    let label = lanes[0].clone();
    harness.get_by_label(&label).click();
    harness.run();
    let after = harness.state().view();
    assert!(after.span_days < before.span_days / 5.0, "{after:?}");
}

#[test]
fn the_overview_window_drags_the_view() {
    let mut harness = harness_on(bundled_dataset_path());
    // Zoom in first so the window is smaller than the strip.
    for _ in 0..3 {
        harness.key_press(egui::Key::Plus);
        harness.run();
    }
    let before = harness.state().view();
    let overview = harness.get_by_label("Overview");
    let rect = overview.rect();
    let canvas = canvas(&harness);
    assert!(
        rect.top() >= canvas.bottom() - 1.0 && rect.width() >= canvas.width(),
        "the strip runs under the whole canvas: {rect:?} {canvas:?}"
    );
    // Grab the middle of the window rectangle and drag it left by 50 points.
    let full = annals::timeline::overview::overview_view(
        harness.state().dataset().unwrap().extent(),
        &before,
    );
    let width = f64::from(rect.width());
    let x = rect.left() + full.day_to_x(before.center_day(), width) as f32;
    let y = rect.center().y;
    harness.hover_at(egui::pos2(x, y));
    harness.event(egui::Event::PointerButton {
        pos: egui::pos2(x, y),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    harness.step();
    for dx in [10.0, 30.0, 50.0] {
        harness.hover_at(egui::pos2(x - dx, y));
        harness.step();
    }
    harness.event(egui::Event::PointerButton {
        pos: egui::pos2(x - 50.0, y),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run();
    let after = harness.state().view();
    let expected = -50.0 * full.days_per_px(width);
    assert!(
        ((after.start_day - before.start_day) - expected).abs() < 0.01 * before.span_days,
        "{before:?} → {after:?}"
    );
    assert!((after.span_days - before.span_days).abs() < 1e-9 * before.span_days);
}

fn double_click(harness: &Harness<'_, AnnalsApp>, pos: egui::Pos2) {
    harness.hover_at(pos);
    for _ in 0..2 {
        for pressed in [true, false] {
            harness.event(egui::Event::PointerButton {
                pos,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::NONE,
            });
        }
    }
}

#[test]
fn double_clicks_zoom_to_an_event_and_back_out_to_everything() {
    // Frames 1/60 s apart, as on a real screen: the harness runs one frame for each event,
    // and a double-click must fit within egui's 0.3 s.
    let path = bundled_dataset_path();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(120)
        .build_eframe(move |cc| AnnalsApp::new(cc, Some(path)));
    let fitted = harness.state().view();
    let centre = harness
        .get_by_label("Premier Li Peng visits Moscow")
        .rect()
        .left_center()
        + egui::vec2(6.0, 0.0);
    double_click(&harness, centre);
    harness.run();
    let zoomed = harness.state().view();
    assert!(
        zoomed.span_days < 30.0,
        "zoomed to the three-day visit: {zoomed:?}"
    );
    let dataset = harness.state().dataset().unwrap();
    let selected = dataset.event(harness.state().selected().unwrap()).unwrap();
    assert_eq!(&*selected.id, "li-peng-moscow-1996");

    double_click(&harness, empty_space(&harness, 0.0));
    harness.run();
    let refit = harness.state().view();
    assert!((refit.span_days - fitted.span_days).abs() < 1e-6 * fitted.span_days);
}

fn ids_of(harness: &Harness<'_, AnnalsApp>, indices: &[usize]) -> Vec<String> {
    let dataset = harness.state().dataset().unwrap();
    indices
        .iter()
        .map(|&i| dataset.events()[i].id.to_string())
        .collect()
}

fn search_for(harness: &mut Harness<'_, AnnalsApp>, text: &str) -> Vec<String> {
    // Ctrl+F focuses the search box; select what is there and type over it.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Search").type_text(text);
    harness.run();
    let results = harness.state().search_results().to_vec();
    ids_of(harness, &results)
}

#[test]
fn search_finds_the_same_events_by_chinese_russian_and_english_names() {
    let mut harness = harness_on(bundled_dataset_path());
    // Mishustin rather than Li Qiang: the words "li" and "qiang" are both in "Li Keqiang".
    let chinese = search_for(&mut harness, "米舒斯京");
    assert!(chinese.contains(&"hog-29".to_owned()), "{chinese:?}");
    let russian = search_for(&mut harness, "Мишустин");
    let english = search_for(&mut harness, "mishustin");
    assert_eq!(chinese, russian);
    assert_eq!(chinese, english);
    harness.get_by_label_contains(&format!("{} found", english.len()));
    // The matches are listed, in the event list that opens by itself while searching.
    let list = harness.get_by_label("Event list");
    list.get_by_label_contains(&format!("{} matches for “mishustin”", english.len()));
    list.get_by_label("29th regular meeting of heads of government");
    assert!(
        list.query_by_label("SCO summit in Astana").is_none(),
        "only matches are listed"
    );

    // ↓ in the search box steps through the results, selecting and revealing each.
    harness.get_by_label("Search").focus();
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    let first = harness.state().selected().unwrap();
    assert_eq!(ids_of(&harness, &[first])[0], english[0]);
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    let second = harness.state().selected().unwrap();
    assert_eq!(ids_of(&harness, &[second])[0], english[1]);
}

#[test]
fn hiding_a_category_removes_its_events_from_timeline_and_list() {
    let mut harness = harness_on(bundled_dataset_path());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::F,
    );
    harness.run();
    // The first row of the list (rows off screen are not built).
    let title = "The PRC and the USSR establish diplomatic relations";
    let list = harness.get_by_label("Event list");
    list.get_by_label(title);
    let on_timeline = |harness: &Harness<'_, AnnalsApp>| {
        let lanes = harness.state().lanes().unwrap();
        let dataset = harness.state().dataset().unwrap();
        lanes
            .lanes
            .iter()
            .flat_map(|l| l.members.iter())
            .filter(|&&i| dataset.events()[i].kind == "diplomacy")
            .count()
    };
    assert_eq!(on_timeline(&harness), 5);

    harness
        .get_by_label(annals::ui::filter_panel::FILTER_PANEL_LABEL)
        .get_by_label("Diplomatic milestone")
        .click();
    harness.run();
    assert!(
        harness.query_by_label(title).is_none(),
        "gone from the list"
    );
    assert_eq!(on_timeline(&harness), 0, "gone from the timeline");
    assert_eq!(harness.state().list_rows().len(), 51);
    harness.get_by_label_contains("51 of 56 events shown");
    harness.get_by_label("hide Diplomatic milestone  ×").click();
    harness.run();
    assert_eq!(harness.state().list_rows().len(), 56);
    assert_eq!(on_timeline(&harness), 5);
}

#[test]
fn selection_is_shared_by_the_list_and_the_timeline() {
    let mut harness = harness_on(bundled_dataset_path());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    harness.run();
    // A row of the list selects on the timeline...
    let list = harness.get_by_label("Event list");
    list.get_by_label("The PRC and the USSR establish diplomatic relations")
        .click();
    harness.run();
    let selected = harness.state().selected().unwrap();
    assert_eq!(
        ids_of(&harness, &[selected])[0],
        "diplomatic-relations-1949"
    );
    // ...and selecting on the timeline (End: the last event) selects the row, scrolled into
    // view (rows off screen are not built at all).
    let title = "30th regular meeting of heads of government";
    let list = harness.get_by_label("Event list");
    assert!(
        list.query_by_label(title).is_none(),
        "the last row starts off screen"
    );
    harness.key_press(egui::Key::End);
    harness.run();
    let selected = harness.state().selected().unwrap();
    assert_eq!(ids_of(&harness, &[selected])[0], "hog-30");
    let list = harness.get_by_label("Event list");
    list.get_by_label(title);
}

#[test]
fn only_web_links_are_ever_opened() {
    let dir = dataset_with_events(
        r#"[(
            id: "x", title: "Linked", when: "2024-05-16", kind: "visit",
            sources: [
                (publisher: "Bad", url: "javascript:alert(1)"),
                (publisher: "Local", url: "file:///etc/passwd"),
                (publisher: "Good", url: "https://tass.com/politics/1830785"),
            ],
        )]"#,
    );
    let mut harness = harness_on(dir.path().to_path_buf());
    harness.get_by_label("Linked").click();
    harness.run();
    let opened = |harness: &Harness<'_, AnnalsApp>| {
        harness
            .output()
            .platform_output
            .commands
            .iter()
            .filter(|c| matches!(c, egui::OutputCommand::OpenUrl(_)))
            .count()
    };
    for bad in ["javascript:alert(1)", "file:///etc/passwd"] {
        harness.get_by_label(bad).click();
        harness.step();
        assert_eq!(opened(&harness), 0, "{bad} must not be opened");
    }
    assert_eq!(
        harness
            .query_all_by_label_contains("not an http(s) link")
            .count(),
        2
    );
    harness
        .get_by_label("https://tass.com/politics/1830785")
        .click();
    harness.step();
    assert_eq!(opened(&harness), 1, "the https link opens");
}

#[test]
fn names_follow_the_language_switch() {
    let mut harness = harness_on(bundled_dataset_path());
    harness
        .get_by_label("29th regular meeting of heads of government")
        .click();
    harness.run();
    harness.get_by_label("Names").click();
    harness.run();
    harness.get_by_label("Русский").click();
    harness.run();
    let panel = harness.get_by_label(DETAIL_PANEL_LABEL);
    panel.get_by_label("Ли Цян");
    panel.get_by_label("Москва");
    assert!(
        panel.query_by_label("Li Qiang").is_none(),
        "the Russian name replaces the English one"
    );
    // Li Qiang's native (Chinese) name stays beside it.
    panel.get_by_label("李强");
}

#[test]
fn preferences_restore_the_session_and_a_missing_dataset_falls_back() {
    use annals::ui::app::{Preferences, ThemeChoice};
    let ctx = egui::Context::default();
    let bundled = bundled_dataset_path();
    let mut prefs = Preferences {
        dataset: Some(bundled.clone()),
        view: Some(annals::timeline::TimeView::new(738_000.0, 400.0)),
        selected_id: Some("hog-28".into()),
        language: annals::model::Language::Chinese,
        theme: ThemeChoice::Light,
        show_list: true,
        ..Preferences::default()
    };
    prefs
        .filter
        .statuses
        .insert(annals::model::Status::Verified);
    let app = AnnalsApp::with_preferences(&ctx, None, prefs.clone());
    assert_eq!(app.dataset_path(), bundled.as_path());
    assert_eq!(app.view(), prefs.view.unwrap());
    let dataset = app.dataset().unwrap();
    assert_eq!(
        &*dataset.event(app.selected().unwrap()).unwrap().id,
        "hog-28"
    );
    assert_eq!(app.filter(), &prefs.filter);
    assert!(app.shown_events().count() < dataset.len());
    assert!(app.notice().is_none());

    // Saved preferences round-trip through RON, as eframe stores them.
    let text = ron::to_string(&prefs).unwrap();
    let back: Preferences = ron::from_str(&text).unwrap();
    assert_eq!(back.selected_id.as_deref(), Some("hog-28"));
    assert_eq!(back.theme, ThemeChoice::Light);

    // A dataset that has gone missing: the bundled one opens, with a message, no crash.
    let gone = Preferences {
        dataset: Some("/no/longer/here".into()),
        ..prefs
    };
    let app = AnnalsApp::with_preferences(&ctx, None, gone);
    assert_eq!(app.dataset_path(), bundled.as_path());
    assert!(
        app.notice()
            .unwrap()
            .contains("/no/longer/here was not found")
    );
    assert!(app.dataset().is_some());
}

#[test]
fn a_folder_dropped_on_the_window_opens() {
    let dir = tempfile::tempdir().unwrap();
    annals::generate::generate(dir.path(), &annals::generate::GenerateOptions::new(50, 9)).unwrap();
    let mut harness = harness_on(bundled_dataset_path());
    /// A folder dropped from a file manager, as the windowing layer hands it to egui.
    #[derive(Debug)]
    struct DroppedFolder(std::path::PathBuf);
    impl egui::DroppedFile for DroppedFolder {
        fn path(&self) -> &std::path::Path {
            &self.0
        }
        fn bytes(&self) -> Result<Vec<u8>, String> {
            Err("a folder has no bytes".into())
        }
    }
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedFolder(dir.path().to_path_buf())));
    harness.run();
    assert_eq!(harness.state().dataset_path(), dir.path());
    assert_eq!(harness.state().dataset().unwrap().len(), 50);
    // Remembered as absolute paths, found again from any working folder.
    let canonical = std::fs::canonicalize(dir.path()).unwrap();
    let recent = &harness.state().preferences().recent;
    assert_eq!(recent.first(), Some(&canonical));
    assert!(recent.iter().all(|p| p.is_absolute()), "{recent:?}");
}

#[test]
fn panels_keep_the_scale_and_the_edge_away_from_them() {
    let mut harness = harness_on(bundled_dataset_path());
    let before = harness.state().view();
    // The filter panel opens on the left: the right edge of time stays where it was.
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::F,
    );
    harness.run();
    let with_filters = harness.state().view();
    assert!((with_filters.end_day() - before.end_day()).abs() < 1e-6 * before.span_days);
    assert!(with_filters.span_days < before.span_days);
    // The detail panel opens on the right: the left edge stays.
    harness
        .get_by_label("Premier Li Peng visits Moscow")
        .click();
    harness.run();
    let with_details = harness.state().view();
    assert!(harness.state().details_open());
    assert!((with_details.start_day - with_filters.start_day).abs() < 1e-6 * before.span_days);
    assert!(with_details.span_days < with_filters.span_days);

    // An event that the opening panel would cover: the view slides to keep it in sight.
    harness.get_by_label("×").click();
    harness.run();
    let title = "Li Qiang meets Vladimir Putin in the Kremlin";
    harness.get_all_by_label(title).next().unwrap().click();
    harness.run();
    let view = harness.state().view();
    let dataset = harness.state().dataset().unwrap();
    let day = dataset
        .by_id("li-qiang-putin-kremlin-2024")
        .unwrap()
        .when
        .earliest_day() as f64;
    assert!(
        day > view.start_day && day < view.end_day(),
        "{view:?} hides day {day}"
    );
    assert!(harness.state().details_open());
    assert_eq!(
        harness.query_all_by_label(title).count(),
        2,
        "on the timeline and in the panel"
    );
}

/// Run frames until `done` holds (the file watcher works on its own thread), or give up.
fn step_until(harness: &mut Harness<'_, AnnalsApp>, done: impl Fn(&AnnalsApp) -> bool) -> bool {
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(10) {
        harness.step();
        if done(harness.state()) {
            harness.run();
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    false
}

#[test]
fn hand_edits_reload_by_themselves_and_errors_keep_the_last_good_data() {
    let good = "[\n    (id: \"a\", title: \"First version\", when: \"2024-05\", kind: \"visit\", sources: [(publisher: \"P\")]),\n]\n";
    let dir = dataset_with_events(good);
    let events = dir.path().join("events.ron");
    let mut harness = harness_on(dir.path().to_path_buf());
    harness.get_by_label("First version");

    // A typo: the last good data stays, and a banner shows where the problem is.
    std::fs::write(&events, good.replace("2024-05", "2024-13")).unwrap();
    assert!(
        step_until(&mut harness, |app| !app.reload_problems().is_empty()),
        "the broken save is seen"
    );
    harness.get_by_label("First version");
    harness.get_by_label_contains("the last good version stays on screen");
    harness.get_by_label_contains("events.ron:2:45: error: invalid date \"2024-13\"");

    // Fixed, saved the way many editors do (a new file renamed over the old one).
    let tmp = dir.path().join(".events.ron.tmp");
    std::fs::write(&tmp, good.replace("First version", "Second version")).unwrap();
    std::fs::rename(&tmp, &events).unwrap();
    assert!(
        step_until(&mut harness, |app| app.reload_problems().is_empty()
            && app
                .dataset()
                .is_some_and(|d| &*d.events()[0].title == "Second version")),
        "the fix is picked up and the banner goes"
    );
    harness.get_by_label("Second version");
    assert!(
        harness
            .query_by_label_contains("the last good version stays on screen")
            .is_none()
    );
}

/// A copy of the bundled dataset in a scratch folder, to edit.
fn scratch_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("china-russia");
    std::fs::create_dir(&root).unwrap();
    for entry in std::fs::read_dir(bundled_dataset_path()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "ron") {
            std::fs::copy(&path, root.join(path.file_name().unwrap())).unwrap();
        }
    }
    (dir, root)
}

/// Click a text field of the form, select its text and type over it.
fn type_into(harness: &mut Harness<'_, AnnalsApp>, label: &str, text: &str) {
    harness.get_by_label(label).click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label(label).type_text(text);
    harness.run();
}

fn read(root: &std::path::Path, name: &str) -> String {
    std::fs::read_to_string(root.join(name)).unwrap()
}

#[test]
fn editing_title_and_date_in_the_form_then_saving_writes_the_file() {
    let (_dir, root) = scratch_copy();
    let untouched = read(&root, "visits-2024.ron");
    let mut harness = harness_on(root.clone());
    harness
        .get_by_label("29th regular meeting of heads of government")
        .click();
    harness.run();
    harness.key_press(egui::Key::E);
    harness.run();
    assert!(harness.state().is_editing());
    harness.get_by_label(annals::ui::editor::EDITOR_LABEL);

    type_into(&mut harness, "Edit title", "29th meeting (edited)");
    type_into(&mut harness, "Edit date", "2024-08-21/2024-08-22");
    harness.get_by_label("= 21–22 August 2024");
    let dataset = harness.state().dataset().unwrap();
    let event = dataset.by_id("hog-29").unwrap();
    assert_eq!(&*event.title, "29th meeting (edited)");
    assert_eq!(event.when.to_edtf(), "2024-08-21/2024-08-22");
    assert!(harness.state().is_dirty());
    harness.get_by_label("● unsaved");

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    assert!(
        !harness.state().is_dirty(),
        "{:?}",
        harness.state().notice()
    );
    let saved = read(&root, "regular-meetings.ron");
    assert!(
        saved.contains("title: \"29th meeting (edited)\""),
        "{saved}"
    );
    assert!(saved.contains("when: \"2024-08-21/2024-08-22\""), "{saved}");
    assert_eq!(read(&root, "visits-2024.ron"), untouched);
    let reloaded = annals::store::load_dataset(&root);
    assert_eq!(reloaded.error_count(), 0);
    // The watcher sees the app's own save: that is not a change to reload (which would
    // drop the undo history). Wait until its report has been handled, then check.
    assert!(
        step_until(&mut harness, |app| app.watcher_reports() >= 1),
        "the watcher reports the app's own save"
    );
    assert!(harness.state().conflicts().is_empty());
    assert!(harness.state().reload_problems().is_empty());

    // Undo takes back the date (one step for all the keystrokes), then the title.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    let event = harness
        .state()
        .dataset()
        .unwrap()
        .by_id("hog-29")
        .unwrap()
        .clone();
    assert_eq!(event.when.to_edtf(), "2024-08-21");
    assert_eq!(&*event.title, "29th meeting (edited)");
    assert!(harness.state().is_dirty());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    let event = harness
        .state()
        .dataset()
        .unwrap()
        .by_id("hog-29")
        .unwrap()
        .clone();
    assert_eq!(&*event.title, "29th regular meeting of heads of government");
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    harness.run();
    let event = harness
        .state()
        .dataset()
        .unwrap()
        .by_id("hog-29")
        .unwrap()
        .clone();
    assert_eq!(&*event.title, "29th meeting (edited)");
}

#[test]
fn a_date_that_does_not_read_is_explained_and_not_applied() {
    let (_dir, root) = scratch_copy();
    let mut harness = harness_on(root);
    harness
        .get_by_label("29th regular meeting of heads of government")
        .click();
    harness.run();
    harness.key_press(egui::Key::E);
    harness.run();
    // Typed key by key, "2024-02-30" reads as 2024 and as February 2024 on the way; left
    // unreadable, the date is what it was before the typing began.
    type_into(&mut harness, "Edit date", "2024-02-30");
    assert!(
        harness
            .query_by_label_contains("invalid date \"2024-02-30\"")
            .is_some()
    );
    let event = harness
        .state()
        .dataset()
        .unwrap()
        .by_id("hog-29")
        .unwrap()
        .clone();
    assert_eq!(event.when.to_edtf(), "2024-08-21");
    assert!(!harness.state().is_dirty());
    // Fixed, it applies.
    harness.key_press(egui::Key::Backspace);
    harness.key_press(egui::Key::Backspace);
    harness.get_by_label("Edit date").type_text("29");
    harness.run();
    let event = harness
        .state()
        .dataset()
        .unwrap()
        .by_id("hog-29")
        .unwrap()
        .clone();
    assert_eq!(event.when.to_edtf(), "2024-02-29");
    assert!(harness.state().is_dirty());
    // Another field, then back: a new run of typing. Key by key, "2023" reads on the way,
    // "2023-0" does not; the date stays 2024-02-29.
    harness.get_by_label("Edit title").click();
    harness.run();
    harness.get_by_label("Edit date").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    for c in "2023-0".chars() {
        harness.get_by_label("Edit date").type_text(&c.to_string());
        harness.run();
    }
    let event = harness
        .state()
        .dataset()
        .unwrap()
        .by_id("hog-29")
        .unwrap()
        .clone();
    assert_eq!(event.when.to_edtf(), "2024-02-29");
    // One undo takes back the whole first run of typing.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    let event = harness
        .state()
        .dataset()
        .unwrap()
        .by_id("hog-29")
        .unwrap()
        .clone();
    assert_eq!(event.when.to_edtf(), "2024-08-21");
    assert!(!harness.state().is_dirty());
}

#[test]
fn new_duplicate_and_delete_with_confirmation_and_undo() {
    let (_dir, root) = scratch_copy();
    let mut harness = harness_on(root.clone());
    let count = harness.state().dataset().unwrap().len();
    harness
        .get_by_label("Xi Jinping and Vladimir Putin meet in Astana")
        .click();
    harness.run();

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    harness.run();
    assert_eq!(harness.state().dataset().unwrap().len(), count + 1);
    assert_eq!(selected_id(&harness).as_deref(), Some("new-event"));
    assert!(harness.state().is_editing());
    // The title field has the focus: typing names the new event.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("Edit title")
        .type_text("A new meeting");
    harness.run();
    let new = harness
        .state()
        .dataset()
        .unwrap()
        .by_id("new-event")
        .unwrap()
        .clone();
    assert_eq!(&*new.title, "A new meeting");

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::D);
    harness.run();
    assert_eq!(selected_id(&harness).as_deref(), Some("new-event-copy"));
    assert_eq!(harness.state().dataset().unwrap().len(), count + 2);

    // Delete asks first; Cancel keeps the event.
    harness.get_by_label("Delete…").click();
    harness.run();
    harness.get_by_label("Delete this event?");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(harness.state().dataset().unwrap().len(), count + 2);
    harness.get_by_label("Delete…").click();
    harness.run();
    harness.get_by_label("Delete").click();
    harness.run();
    assert_eq!(harness.state().dataset().unwrap().len(), count + 1);
    assert!(
        harness
            .state()
            .dataset()
            .unwrap()
            .by_id("new-event-copy")
            .is_none()
    );

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    let visits = read(&root, "visits-2024.ron");
    assert!(visits.contains("title: \"A new meeting\""), "{visits}");
    assert!(!visits.contains("new-event-copy"));

    // Undo the delete: the copy comes back, and is unsaved again.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert!(
        harness
            .state()
            .dataset()
            .unwrap()
            .by_id("new-event-copy")
            .is_some()
    );
    assert!(harness.state().is_dirty());
}

#[test]
fn a_file_changed_on_disk_under_unsaved_edits_is_a_conflict_resolved_without_loss() {
    let (_dir, root) = scratch_copy();
    let mut harness = harness_on(root.clone());
    harness
        .get_by_label("29th regular meeting of heads of government")
        .click();
    harness.run();
    harness.key_press(egui::Key::E);
    harness.run();
    type_into(&mut harness, "Edit title", "Mine");
    let theirs = read(&root, "regular-meetings.ron").replacen("[", "// Their comment.\n[", 1);
    std::fs::write(root.join("regular-meetings.ron"), &theirs).unwrap();
    assert!(
        step_until(&mut harness, |app| !app.conflicts().is_empty()),
        "the change on disk is noticed"
    );
    assert_eq!(
        read(&root, "regular-meetings.ron"),
        theirs,
        "nothing overwritten"
    );
    assert_eq!(
        &*harness
            .state()
            .dataset()
            .unwrap()
            .by_id("hog-29")
            .unwrap()
            .title,
        "Mine",
        "mine kept"
    );
    harness.get_by_label("Keep mine").click();
    harness.run();
    assert!(harness.state().conflicts().is_empty());
    assert!(!harness.state().is_dirty());
    let aside: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".theirs"))
        .collect();
    assert_eq!(aside.len(), 1, "their version kept aside");
    assert_eq!(std::fs::read_to_string(&aside[0]).unwrap(), theirs);
    assert!(read(&root, "regular-meetings.ron").contains("title: \"Mine\""));
}

#[test]
fn f5_presents_the_shown_events_pagedown_steps_and_escape_leaves() {
    let mut harness = harness_on(bundled_dataset_path());
    harness.key_press(egui::Key::F5);
    harness.run();
    let p = harness
        .state()
        .presentation()
        .expect("F5 starts presenting");
    assert_eq!((p.index, p.steps.len()), (0, 56));
    harness.get_by_label(annals::ui::presentation::CARD_LABEL);
    harness.get_by_label("1 / 56");
    assert_eq!(
        selected_id(&harness).as_deref(),
        Some("diplomatic-relations-1949")
    );
    // The card shows the event in large type (the timeline may show its title too).
    assert!(
        harness
            .query_all_by_label("The PRC and the USSR establish diplomatic relations")
            .count()
            >= 1
    );

    harness.key_press(egui::Key::PageDown);
    harness.run();
    assert_eq!(harness.state().presentation().unwrap().index, 1);
    assert_eq!(selected_id(&harness).as_deref(), Some("hog-mechanism-1996"));
    harness.get_by_label("2 / 56");
    harness.key_press(egui::Key::Space);
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    assert_eq!(harness.state().presentation().unwrap().index, 3);
    harness.key_press(egui::Key::PageUp);
    harness.run();
    assert_eq!(harness.state().presentation().unwrap().index, 2);
    harness.key_press(egui::Key::End);
    harness.run();
    harness.get_by_label("56 / 56");
    harness.key_press(egui::Key::PageDown);
    harness.run();
    assert_eq!(
        harness.state().presentation().unwrap().index,
        55,
        "stays on the last"
    );
    harness.key_press(egui::Key::Home);
    harness.run();
    assert_eq!(harness.state().presentation().unwrap().index, 0);

    // P opens the presenter's window: this step's notes, the next step, the time.
    harness.key_press(egui::Key::P);
    harness.run();
    assert!(harness.state().presentation().unwrap().presenter);
    harness.get_by_label("Step 1 of 56");
    harness.get_by_label("(no notes for this step)");
    harness.get_by_label("Regular meetings of heads of government begin");
    harness.get_by_label("Next →").click();
    harness.run();
    assert_eq!(harness.state().presentation().unwrap().index, 1);
    harness.key_press(egui::Key::P);
    harness.run();
    assert!(!harness.state().presentation().unwrap().presenter);

    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.state().presentation().is_none());
    harness.get_by_label("▶ Present");
}

#[test]
fn a_storyline_from_the_present_menu_applies_its_steps_filters_and_restores_them() {
    let mut harness = harness_on(bundled_dataset_path());
    // A filter of the user's own before presenting (verified only): restored afterwards.
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::F,
    );
    harness.run();
    harness.get_by_label("verified only").click();
    harness.run();
    let before = harness.state().filter().clone();
    assert!(!before.is_empty());
    harness.get_by_label("▶ Present").click();
    harness.run();
    harness
        .get_by_label_contains("Thirty years of regular meetings")
        .click();
    harness.run();
    let p = harness
        .state()
        .presentation()
        .expect("presenting the storyline");
    assert_eq!(p.steps.len(), 13);
    harness
        .get_by_label("In 1996 the two governments agree that their heads will meet every year.");
    for _ in 0..3 {
        harness.key_press(egui::Key::PageDown);
    }
    harness.run();
    // Step 4 shows a window of time with only the regular meetings.
    assert_eq!(harness.state().presentation().unwrap().index, 3);
    assert!(!harness.state().filter().is_empty());
    assert_eq!(harness.state().shown_events().count(), 30);
    harness
        .get_by_label("1998–2003: six meetings, in Moscow, Beijing, St Petersburg and Shanghai.");
    harness.key_press(egui::Key::PageDown);
    harness.run();
    assert_eq!(
        harness.state().filter(),
        &before,
        "the next step has no filter of its own: the user's applies"
    );
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.state().presentation().is_none());
    assert_eq!(harness.state().filter(), &before, "restored");
    harness.get_by_label_contains(&format!(
        "{} of 56 events shown",
        harness.state().shown_events().count()
    ));
    // F5 now presents that storyline again.
    harness.key_press(egui::Key::F5);
    harness.run();
    assert_eq!(harness.state().presentation().unwrap().steps.len(), 13);
}

#[test]
fn exporting_from_the_window_writes_the_shown_events() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_on(bundled_dataset_path());
    // Only the verified events.
    let mut filter = harness.state().filter().clone();
    filter.statuses.insert(annals::model::Status::Verified);
    harness
        .state_mut()
        .apply(annals::ui::command::Command::SetFilter(filter), 0.0);
    harness.run();
    let shown = harness.state().shown_events().count();
    assert!(shown < 56);

    harness.get_by_label("📤 Export").click();
    harness.run();
    harness
        .get_by_label("Handout (HTML, one self-contained file)…")
        .click();
    harness.run();
    let html = dir.path().join("out").join("handout.html");
    type_into(&mut harness, "Export path", html.to_str().unwrap());
    harness.get_by_label("Export").click();
    harness.run();
    let text = std::fs::read_to_string(&html).unwrap();
    assert_eq!(text.matches("<section id=").count(), shown);
    assert!(
        harness.state().export_request().is_none(),
        "the window closes"
    );
    assert!(
        harness
            .state()
            .notice()
            .unwrap()
            .contains(&format!("{shown} events"))
    );

    harness.get_by_label("📤 Export").click();
    harness.run();
    harness
        .get_by_label("Picture of the timeline (PNG)…")
        .click();
    harness.run();
    let png = dir.path().join("view.png");
    type_into(&mut harness, "Export path", png.to_str().unwrap());
    type_into(&mut harness, "Picture size", "320x180");
    harness.get_by_label("Export").click();
    harness.run();
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let info = decoder.read_info().unwrap();
    assert_eq!((info.info().width, info.info().height), (320, 180));
}

#[test]
fn files_changing_during_a_presentation_update_its_steps() {
    let (_dir, root) = scratch_copy();
    let mut harness = harness_on(root.clone());
    harness.key_press(egui::Key::F5);
    harness.key_press(egui::Key::End);
    harness.run();
    assert_eq!(harness.state().presentation().unwrap().index, 55);
    let last_id = selected_id(&harness).unwrap();
    // Someone adds an event to a file while the briefing runs.
    let path = root.join("relations.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    let added = annals::model::Event::new(
        "trade-2024",
        "Two-way trade in 2024",
        annals::model::EventDate::parse("2024").unwrap(),
        "trade",
    );
    let mut changes = annals::store::save::FileChanges::default();
    changes.append.push(&added);
    let text = annals::store::save::apply_changes(&text, &changes).unwrap();
    std::fs::write(&path, text).unwrap();
    assert_eq!(annals::store::load_dataset(&root).error_count(), 0);
    assert!(
        step_until(&mut harness, |app| app
            .presentation()
            .is_some_and(|p| p.steps.len() == 57)),
        "the steps follow the files"
    );
    // Still on the same event, which is now one step further.
    let p = harness.state().presentation().unwrap();
    assert_eq!(p.index, 56);
    assert_eq!(selected_id(&harness).as_deref(), Some(last_id.as_str()));
    harness.get_by_label("57 / 57");
}

#[test]
fn importing_a_timelinejs_file_from_the_window_opens_the_new_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let loaded = annals::store::load_dataset(&bundled_dataset_path());
    let dataset = loaded.dataset.unwrap();
    let json = annals::export::timelinejs(
        &dataset,
        &annals::export::Selection::of_events(&dataset, 0..dataset.len()),
    );
    let file = dir.path().join("timeline.json");
    std::fs::write(&file, json.to_string()).unwrap();
    let folder = dir.path().join("imported");

    let mut harness = harness_on(bundled_dataset_path());
    harness.get_by_label("📂 Dataset").click();
    harness.run();
    harness.get_by_label("Import from TimelineJS…").click();
    harness.run();
    type_into(&mut harness, "Import file", file.to_str().unwrap());
    type_into(&mut harness, "New dataset folder", folder.to_str().unwrap());
    harness.get_by_label("Import and open").click();
    harness.run();
    assert_eq!(harness.state().dataset().map(|d| d.len()), Some(56));
    assert!(harness.state().dataset_path().ends_with("imported"));
    assert!(
        harness
            .state()
            .notice()
            .is_some_and(|n| n.starts_with("Imported 56 events"))
    );
}
