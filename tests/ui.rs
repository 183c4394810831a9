//! The real app, driven through AccessKit as a person would drive it: widgets are found by
//! their labels, the pointer goes where AccessKit says a widget is, and what is checked is
//! what the window shows (the detail panel, the list's rows, the counts and labels).

mod common;
use common::*;
#[path = "common/pdf.rs"]
mod pdf;
use pdf::first_page_size;

use std::path::PathBuf;

use annals::cli::bundled_dataset_path;
use annals::i18n::{Language, tr};
use annals::model::{Dataset, Status};
use annals::ui::AnnalsApp;
use annals::ui::Preferences;
use annals::ui::browse::detail_panel::DETAIL_PANEL_LABEL;
use annals::ui::present::slide::CARD_LABEL;
use annals::ui::timeline_view::CANVAS_LABEL;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::{Harness, Node};

/// The bundled dataset, read from disk: what the tests expect to see (titles, counts).
fn bundled() -> Dataset {
    annals::store::load_dataset(&bundled_dataset_path())
        .dataset
        .expect("the bundled dataset loads")
}

/// Title of the event `id` in `dataset`.
fn title(dataset: &Dataset, id: &str) -> String {
    dataset.by_id(id).unwrap().title.to_string()
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

/// The text a node shows: a label keeps it in its value, other widgets in their label.
fn text_of(node: &Node<'_>) -> String {
    let node = node.accesskit_node();
    let text = if node.role() == Role::Label {
        node.value()
    } else {
        node.label()
    };
    text.unwrap_or_default()
}

/// The detail panel is open and shows `title`.
fn panel_shows(harness: &Harness<'_, AnnalsApp>, title: &str) {
    let panel = harness
        .query_by_label(DETAIL_PANEL_LABEL)
        .unwrap_or_else(|| panic!("the detail panel should be open, showing “{title}”"));
    assert!(
        panel.query_by_label(title).is_some(),
        "the detail panel should show “{title}”"
    );
}

fn no_panel(harness: &Harness<'_, AnnalsApp>) -> bool {
    harness.query_by_label(DETAIL_PANEL_LABEL).is_none()
}

/// What the timeline draws over its canvas, as AccessKit nodes beside the canvas's own:
/// lane names (labels), events and clusters (buttons).
fn timeline_nodes(harness: &Harness<'_, AnnalsApp>, role: Role) -> Vec<(String, egui::Rect)> {
    let canvas = harness.get_by_label(CANVAS_LABEL);
    canvas
        .parent()
        .expect("the canvas sits in the timeline's area")
        .children()
        .filter(|n| n.accesskit_node().role() == role)
        .map(|n| (text_of(&n), n.rect()))
        .collect()
}

/// Titles of the events (and the clusters' descriptions) the timeline draws.
fn on_timeline(harness: &Harness<'_, AnnalsApp>) -> Vec<String> {
    timeline_nodes(harness, Role::Button)
        .into_iter()
        .map(|(text, _)| text)
        .collect()
}

/// Names of the timeline's lanes, top to bottom.
fn lane_names(harness: &Harness<'_, AnnalsApp>) -> Vec<String> {
    timeline_nodes(harness, Role::Label)
        .into_iter()
        .map(|(text, _)| text)
        .collect()
}

/// How many events the timeline draws in the lane named `lane`: one for each event's button,
/// and a cluster's count for each cluster ("2 events", "310 events in 12 clusters: …").
fn drawn_in_lane(harness: &Harness<'_, AnnalsApp>, lane: &str) -> usize {
    let Some((_, lane)) = timeline_nodes(harness, Role::Label)
        .into_iter()
        .find(|(name, _)| name == lane)
    else {
        return 0;
    };
    timeline_nodes(harness, Role::Button)
        .iter()
        .filter(|(_, rect)| lane.y_range().contains(rect.center().y))
        .map(|(text, _)| {
            let cluster = text.split_once(" events").and_then(|(count, rest)| {
                (rest.is_empty() || rest.starts_with(" in ")).then(|| count.parse().ok())?
            });
            cluster.unwrap_or(1)
        })
        .sum()
}

/// The events the timeline marks as selected (AccessKit reads the mark as "pressed").
fn marked_selected(harness: &Harness<'_, AnnalsApp>) -> Vec<String> {
    let canvas = harness.get_by_label(CANVAS_LABEL);
    canvas
        .parent()
        .unwrap()
        .children()
        .filter(|n| n.accesskit_node().toggled() == Some(egui::accesskit::Toggled::True))
        .map(|n| text_of(&n))
        .collect()
}

/// The rows the event list has built (those on screen), top to bottom, each as its cells'
/// texts: date, title, category, place, status.
fn list_rows(harness: &Harness<'_, AnnalsApp>) -> Vec<Vec<String>> {
    let list = harness.get_by_label("Event list");
    // The header is a row of buttons (one per column, to sort by it); the cells are labels.
    let header_bottom = list
        .get_all_by_role(Role::Button)
        .map(|b| b.rect().bottom())
        .fold(f32::MIN, f32::max);
    let mut cells: Vec<(f32, f32, String)> = list
        .query_all_by_role(Role::Label)
        .filter(|n| n.rect().top() >= header_bottom)
        .map(|n| (n.rect().center().y, n.rect().left(), text_of(&n)))
        // The mark of a record changed since the last commit, before its title.
        .filter(|(_, _, text)| text != "●")
        .collect();
    cells.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut rows: Vec<(f32, Vec<String>)> = Vec::new();
    for (y, _, text) in cells {
        match rows.last_mut() {
            Some((row_y, row)) if (*row_y - y).abs() < 1.0 => row.push(text),
            _ => rows.push((y, vec![text])),
        }
    }
    rows.into_iter().map(|(_, row)| row).collect()
}

/// Titles of the list's rows on screen, top to bottom.
fn list_titles(harness: &Harness<'_, AnnalsApp>) -> Vec<String> {
    list_rows(harness)
        .into_iter()
        .map(|r| r[1].clone())
        .collect()
}

/// The one row of the list titled `title`.
fn list_row(harness: &Harness<'_, AnnalsApp>, title: &str) -> Vec<String> {
    let rows: Vec<_> = list_rows(harness)
        .into_iter()
        .filter(|r| r[1] == title)
        .collect();
    assert_eq!(
        rows.len(),
        1,
        "one row titled “{title}” on screen: {rows:?}"
    );
    rows[0].clone()
}

/// How many events the open dataset has, as the status bar says ("56 events · 1949–2025",
/// "1 event · 2024").
fn events_in_dataset(harness: &Harness<'_, AnnalsApp>) -> usize {
    let counts: Vec<usize> = harness
        .query_all_by_role(Role::Label)
        .filter_map(|n| {
            let text = text_of(&n);
            // "56 events · …", or "1 event · …" (or "56 个事件 · …", "56 событий · …").
            let (count, rest) = text.split_once(' ')?;
            ["event", "个事件", "событ"]
                .iter()
                .any(|w| rest.starts_with(w))
                .then(|| count.parse().ok())?
        })
        .collect();
    assert_eq!(counts.len(), 1, "one count in the status bar: {counts:?}");
    counts[0]
}

/// The presentation card shows `text` (a block of text within the card's bounds).
fn card_shows(harness: &Harness<'_, AnnalsApp>, text: &str) {
    let card = harness.get_by_label(CARD_LABEL).rect();
    assert!(
        harness
            .query_all_by_label(text)
            .any(|n| card.contains_rect(n.rect())),
        "the card should show “{text}”"
    );
}

/// The folders under "Recent" in the Dataset menu, newest (the open one) first.
fn recent_datasets(harness: &mut Harness<'_, AnnalsApp>) -> Vec<String> {
    recent_datasets_in(harness, Language::English)
}

/// [`recent_datasets`] in a window speaking `language`.
fn recent_datasets_in(harness: &mut Harness<'_, AnnalsApp>, language: Language) -> Vec<String> {
    let menu = tr(language, "menu-dataset");
    let recent_label = tr(language, "dataset-recent");
    harness.get_by_label(&menu).click();
    harness.run();
    let recent = harness.get_by_label(&recent_label);
    let below = recent.rect().bottom();
    let entries = recent
        .parent()
        .expect("the menu")
        .children()
        .filter(|n| n.accesskit_node().role() == Role::Button && n.rect().top() >= below)
        .map(|n| text_of(&n))
        .collect();
    harness.get_by_label(&menu).click();
    harness.run();
    assert!(
        harness.query_by_label(&recent_label).is_none(),
        "the menu closed"
    );
    entries
}

/// The visible window of time. What the axis shows (tick labels over a row of context) is
/// hard to read back exactly, so the zoom and pan tests take the view's numbers from the
/// app: exact spans and the time under the pointer have no other readable form.
fn view(harness: &Harness<'_, AnnalsApp>) -> annals::timeline::TimeView {
    harness.state().view()
}

fn press(harness: &mut Harness<'_, AnnalsApp>, key: egui::Key) {
    harness.key_press(key);
    harness.run();
}

fn press_with(harness: &mut Harness<'_, AnnalsApp>, modifiers: egui::Modifiers, key: egui::Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

const CTRL_SHIFT: egui::Modifiers = egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT);

/// Ctrl+Shift+F, then "verified only": the filter a briefing uses.
fn show_verified_only(harness: &mut Harness<'_, AnnalsApp>) {
    press_with(harness, CTRL_SHIFT, egui::Key::F);
    harness.get_by_label("verified only").click();
    harness.run();
}

/// How many of the bundled events are verified.
fn verified_count() -> usize {
    bundled()
        .events()
        .iter()
        .filter(|e| e.status == Status::Verified)
        .count()
}

#[test]
fn clicking_an_event_shows_its_details_with_names_in_three_scripts() {
    let mut harness = harness_on(bundled_dataset_path());
    assert_eq!(events_in_dataset(&harness), 56, "the bundled dataset loads");
    assert!(no_panel(&harness), "no panel before a click");

    let title = "29th regular meeting of heads of government";
    harness.get_by_label(title).click();
    harness.run();

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
    let data = bundled();
    let at = data
        .events()
        .iter()
        .position(|e| &*e.id == "hog-28")
        .unwrap();
    let in_time = |i: usize| data.events()[i].title.to_string();
    let mut harness = harness_on(bundled_dataset_path());
    harness.get_by_label(&in_time(at)).click();
    harness.run();
    panel_shows(&harness, &in_time(at));

    press(&mut harness, egui::Key::ArrowRight);
    panel_shows(&harness, &in_time(at + 1));

    harness.key_press(egui::Key::ArrowLeft);
    press(&mut harness, egui::Key::ArrowLeft);
    panel_shows(&harness, &in_time(at - 1));

    // Shift+→ follows the series: 28th → 29th regular meeting.
    press(&mut harness, egui::Key::ArrowRight);
    panel_shows(&harness, &in_time(at));
    press_with(&mut harness, egui::Modifiers::SHIFT, egui::Key::ArrowRight);
    panel_shows(&harness, &title(&data, "hog-29"));
    assert_eq!(marked_selected(&harness), [title(&data, "hog-29")]);

    press(&mut harness, egui::Key::Escape);
    assert!(no_panel(&harness));
    assert_eq!(marked_selected(&harness), Vec::<String>::new());
    // Cleared, not just hidden: Enter, which reopens the panel of a selection, shows none.
    press(&mut harness, egui::Key::Enter);
    assert!(no_panel(&harness), "nothing is selected any more");
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

/// A click of the primary button at `pos`.
fn click_at(harness: &Harness<'_, AnnalsApp>, pos: egui::Pos2) {
    harness.hover_at(pos);
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
}

/// The first and the last event in time are both on the timeline.
fn shows_everything(harness: &Harness<'_, AnnalsApp>) -> bool {
    let data = bundled();
    let drawn = on_timeline(harness);
    [data.events().first(), data.events().last()]
        .iter()
        .all(|e| drawn.contains(&e.unwrap().title.to_string()))
}

#[test]
fn wheel_zooms_around_the_pointer_and_f_fits_everything_again() {
    let mut harness = harness_on(bundled_dataset_path());
    assert!(shows_everything(&harness));
    let fitted = view(&harness);
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
    let zoomed = view(&harness);
    assert!(
        zoomed.span_days < fitted.span_days * 0.9,
        "{zoomed:?} vs {fitted:?}"
    );
    let still_under = zoomed.x_to_day(f64::from(pointer.x - left), width);
    assert!(
        (still_under - day_under_pointer).abs() < 1e-6 * fitted.span_days,
        "the time under the pointer stays put: {day_under_pointer} vs {still_under}"
    );
    assert!(
        !shows_everything(&harness),
        "zoomed in, 1949 is out of sight"
    );

    press(&mut harness, egui::Key::F);
    let refit = view(&harness);
    assert!((refit.span_days - fitted.span_days).abs() < 1e-6 * fitted.span_days);
    assert!(shows_everything(&harness));
}

#[test]
fn a_broken_dataset_opens_a_window_that_lists_the_problems() {
    let dir = dataset_with_events(
        "[\n    (id: \"x\", title: \"T\", when: \"2024-13\", kind: \"visit\"),\n]\n",
    );
    let mut harness = harness_on(dir.path().to_path_buf());
    harness.run();
    harness.get_by_label("This dataset could not be loaded");
    harness.get_by_label_contains("month 13 does not exist");
    assert!(
        harness.query_by_label(CANVAS_LABEL).is_none(),
        "no timeline without data"
    );

    // Fixing the file and reloading shows the data.
    std::fs::write(
        dir.path().join("events.ron"),
        "[\n    (id: \"x\", title: \"Fixed\", when: \"2024-12\", kind: \"visit\", sources: [(publisher: \"P\")]),\n]\n",
    )
    .unwrap();
    harness.get_by_label("⟳ Reload (Ctrl+R)").click();
    harness.run();
    assert!(
        harness
            .query_by_label("This dataset could not be loaded")
            .is_none()
    );
    assert_eq!(events_in_dataset(&harness), 1);
    assert_eq!(on_timeline(&harness), ["Fixed"]);
}

#[test]
fn dragging_pans_by_the_distance_moved() {
    let mut harness = harness_on(bundled_dataset_path());
    // A selection, which a click on empty space would clear.
    let title = "Premier Li Peng visits Moscow";
    harness.get_by_label(title).click();
    harness.run();
    let before = view(&harness);
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
    let after = view(&harness);
    let moved_days = after.start_day - before.start_day;
    let expected = 100.0 * before.days_per_px(width);
    assert!(
        (moved_days - expected).abs() < 1e-6 * before.span_days,
        "{moved_days} vs {expected}"
    );
    assert_eq!(after.span_days, before.span_days);
    panel_shows(&harness, title); // a drag is not a click
    assert_eq!(marked_selected(&harness), [title]);
}

#[test]
fn enter_reopens_the_detail_panel_and_plus_minus_zoom() {
    let title = "28th regular meeting of heads of government";
    let mut harness = harness_on(bundled_dataset_path());
    harness.get_by_label(title).click();
    harness.run();
    panel_shows(&harness, title);
    harness.get_by_label("×").click();
    harness.run();
    assert!(no_panel(&harness));
    // Closing the panel keeps the selection: Enter shows the same event again.
    press(&mut harness, egui::Key::Enter);
    panel_shows(&harness, title);

    let before = view(&harness).span_days;
    press(&mut harness, egui::Key::Plus);
    let zoomed = view(&harness).span_days;
    assert!(
        (zoomed - before / 2.0).abs() < 1e-6 * before,
        "{zoomed} vs {before}"
    );
    press(&mut harness, egui::Key::Minus);
    assert!((view(&harness).span_days - before).abs() < 1e-6 * before);
}

#[test]
fn lanes_can_be_grouped_by_country() {
    let mut harness = harness_on(bundled_dataset_path());
    assert_eq!(
        lane_names(&harness),
        [
            "Regular meeting of heads of government",
            "Visit or summit",
            "Agreement or document",
            "Diplomatic milestone",
            "Culture and exchanges",
            "Trade figure",
        ],
        "by category at first"
    );
    harness.get_by_label("Lanes").click();
    harness.run();
    harness.get_by_label("Country").click();
    harness.run();
    assert_eq!(
        harness.get_by_label("Lanes").value().as_deref(),
        Some("Lanes: Country")
    );
    assert_eq!(
        lane_names(&harness),
        ["China", "Russia", "Kazakhstan", "No country"]
    );
    // Events are still on screen and clickable after regrouping. Across all of 1949–2025
    // the Kazakhstan lane gets the rows the busier lanes leave, and shows its two events one
    // by one.
    let lanes = timeline_nodes(&harness, Role::Label);
    let kazakhstan = lanes
        .iter()
        .find(|(name, _)| name == "Kazakhstan")
        .unwrap()
        .1;
    let mut in_lane: Vec<String> = timeline_nodes(&harness, Role::Button)
        .into_iter()
        .filter(|(_, rect)| kazakhstan.y_range().contains(rect.center().y))
        .map(|(name, _)| name)
        .collect();
    in_lane.sort();
    assert_eq!(
        in_lane,
        [
            "SCO summit in Astana",
            "Xi Jinping and Vladimir Putin meet in Astana"
        ]
    );
    let title = "Xi Jinping and Vladimir Putin meet in Astana";
    harness.get_by_label(title).click();
    harness.run();
    panel_shows(&harness, title);
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
    // 13 MB of files: read on the worker while the window shows progress.
    harness.get_by_label("Reading the dataset");
    wait_while_reading(&mut harness, 60);
    let before = view(&harness);
    // Fitted, every lane summarises its events in clusters (one button for them all, as
    // there are many), and together they hold all 20,000.
    let lanes = lane_names(&harness);
    let drawn = on_timeline(&harness);
    assert_eq!(drawn.len(), lanes.len(), "{drawn:?}");
    assert!(
        drawn.iter().all(|t| t.contains(" clusters: ")),
        "no event drawn on its own: {drawn:?}"
    );
    let in_clusters: usize = lanes.iter().map(|l| drawn_in_lane(&harness, l)).sum();
    assert_eq!(in_clusters, 20_000);
    harness.get_by_label(&drawn[0]).click();
    harness.run();
    let after = view(&harness);
    assert!(after.span_days < before.span_days / 5.0, "{after:?}");
}

#[test]
fn the_overview_window_drags_the_view() {
    let mut harness = harness_on(bundled_dataset_path());
    // Zoom in first so the window is smaller than the strip.
    for _ in 0..3 {
        press(&mut harness, egui::Key::Plus);
    }
    let before = view(&harness);
    let overview = harness.get_by_label("Overview");
    let rect = overview.rect();
    let canvas = canvas(&harness);
    assert!(
        rect.top() >= canvas.bottom() - 1.0 && rect.width() >= canvas.width(),
        "the strip runs under the whole canvas: {rect:?} {canvas:?}"
    );
    // Grab the middle of the window rectangle and drag it left by 50 points. The rectangle
    // has no node of its own: where it is drawn follows from the strip's node, the whole
    // dataset's extent, and the view.
    let full = annals::timeline::overview::overview_view(bundled().extent(), &before);
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
    let after = view(&harness);
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
        // In English whatever the machine's locale: widgets are found by their English labels.
        .build_eframe(move |cc| {
            AnnalsApp::with_preferences(&cc.egui_ctx, Some(path), Preferences::default())
        });
    let fitted = view(&harness);
    let title = "Premier Li Peng visits Moscow";
    let centre = harness.get_by_label(title).rect().left_center() + egui::vec2(6.0, 0.0);
    double_click(&harness, centre);
    harness.run();
    let zoomed = view(&harness);
    assert!(
        zoomed.span_days < 30.0,
        "zoomed to the three-day visit: {zoomed:?}"
    );
    panel_shows(&harness, title);
    assert!(on_timeline(&harness).contains(&title.to_owned()));
    assert!(!shows_everything(&harness));

    double_click(&harness, empty_space(&harness, 0.0));
    harness.run();
    let refit = view(&harness);
    assert!((refit.span_days - fitted.span_days).abs() < 1e-6 * fitted.span_days);
    assert!(shows_everything(&harness));
}

/// Search for `text` (Ctrl+F, then type over what the box holds): the titles the event list
/// shows, having checked they are as many as the count beside the box and the list's heading
/// say.
fn search_for(harness: &mut Harness<'_, AnnalsApp>, text: &str) -> Vec<String> {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Search").type_text(text);
    harness.run();
    let titles = list_titles(harness);
    let n = titles.len();
    harness.get_by_label(&format!("{n} found"));
    harness
        .get_by_label("Event list")
        .get_by_label_contains(&format!("{n} matches for “{text}”"));
    titles
}

#[test]
fn search_finds_the_same_events_by_chinese_russian_and_english_names() {
    let mut harness = harness_on(bundled_dataset_path());
    // Mishustin rather than Li Qiang: the words "li" and "qiang" are both in "Li Keqiang".
    // Found, the matches are listed, in the event list that opens by itself while searching.
    let chinese = search_for(&mut harness, "米舒斯京");
    let russian = search_for(&mut harness, "Мишустин");
    let english = search_for(&mut harness, "mishustin");
    // The six meetings he co-chaired (25th–30th) and two documents signed at the 29th.
    assert_eq!(english.len(), 8, "{english:?}");
    assert!(english.contains(&"29th regular meeting of heads of government".to_owned()));
    assert!(
        !english.contains(&"SCO summit in Astana".to_owned()),
        "only matches are listed"
    );
    assert_eq!(chinese, english);
    assert_eq!(russian, english);

    // Zoomed in on the years around 1987, none of the matches is in sight. ↓ in the search
    // box steps through them, selecting and revealing each.
    click_at(&harness, empty_space(&harness, 0.0));
    harness.run();
    for _ in 0..3 {
        press(&mut harness, egui::Key::Plus);
    }
    let drawn = on_timeline(&harness);
    assert!(english.iter().all(|t| !drawn.contains(t)), "{drawn:?}");
    press_with(&mut harness, egui::Modifiers::COMMAND, egui::Key::F);
    press(&mut harness, egui::Key::ArrowDown);
    assert_eq!(marked_selected(&harness), [english[0].clone()]);
    press(&mut harness, egui::Key::ArrowDown);
    assert_eq!(marked_selected(&harness), [english[1].clone()]);
}

#[test]
fn hiding_a_category_removes_its_events_from_timeline_and_list() {
    let data = bundled();
    let milestones: Vec<String> = data
        .events()
        .iter()
        .filter(|e| &*e.kind == "diplomacy")
        .map(|e| e.title.to_string())
        .collect();
    assert_eq!(milestones.len(), 5);
    let lane = "Diplomatic milestone";
    let mut harness = harness_on(bundled_dataset_path());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    press_with(&mut harness, CTRL_SHIFT, egui::Key::F);
    // Everything in view again beside the panels (they keep the scale).
    press(&mut harness, egui::Key::F);
    // The first row of the list (rows off screen are not built).
    let first = "The PRC and the USSR establish diplomatic relations";
    assert_eq!(list_titles(&harness)[0], first);
    assert_eq!(
        drawn_in_lane(&harness, lane),
        5,
        "in their lane, some maybe as a cluster"
    );

    harness
        .get_by_label(annals::ui::browse::filter_panel::FILTER_PANEL_LABEL)
        .get_by_label("Diplomatic milestone")
        .click();
    harness.run();
    assert!(
        !list_titles(&harness).contains(&first.to_owned()),
        "gone from the list"
    );
    assert!(
        !lane_names(&harness).contains(&lane.to_owned()),
        "their lane goes"
    );
    assert!(
        on_timeline(&harness)
            .iter()
            .all(|t| !milestones.contains(t)),
        "gone from the timeline"
    );
    harness.get_by_label("51 of 56 events shown");

    harness.get_by_label("hide Diplomatic milestone  ×").click();
    harness.run();
    assert!(
        harness.query_by_label_contains("events shown").is_none(),
        "no filter left, nothing hidden"
    );
    assert_eq!(list_titles(&harness)[0], first);
    assert_eq!(drawn_in_lane(&harness, lane), 5);
}

#[test]
fn selection_is_shared_by_the_list_and_the_timeline() {
    let mut harness = harness_on(bundled_dataset_path());
    press_with(&mut harness, egui::Modifiers::COMMAND, egui::Key::L);
    // A row of the list selects on the timeline...
    let first = "The PRC and the USSR establish diplomatic relations";
    let list = harness.get_by_label("Event list");
    list.get_by_label(first).click();
    harness.run();
    panel_shows(&harness, first);
    assert_eq!(marked_selected(&harness), [first]);
    // ...and selecting on the timeline (End: the last event) selects the row, scrolled into
    // view (rows off screen are not built at all).
    let last = "30th regular meeting of heads of government";
    assert!(
        !list_titles(&harness).contains(&last.to_owned()),
        "the last row starts off screen"
    );
    press(&mut harness, egui::Key::End);
    panel_shows(&harness, last);
    assert_eq!(marked_selected(&harness), [last]);
    assert!(list_titles(&harness).contains(&last.to_owned()));
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
fn the_language_menu_switches_the_window_and_the_names() {
    let mut harness = harness_on(bundled_dataset_path());
    harness
        .get_by_label("29th regular meeting of heads of government")
        .click();
    harness.run();
    harness.get_by_label("Language").click();
    harness.run();
    harness.get_by_label("Русский").click();
    harness.run();
    // At once, without a restart: the bar and the panels speak Russian.
    assert_eq!(harness.state().preferences().language, Language::Russian);
    harness.get_by_label("📂 Данные");
    harness.get_by_label("☰ Список");
    let panel = harness.get_by_label("Сведения о событии");
    panel.get_by_label("Участники");
    panel.get_by_label("Ли Цян");
    panel.get_by_label("Москва");
    assert!(
        panel.query_by_label("Li Qiang").is_none(),
        "the Russian name replaces the English one"
    );
    // Li Qiang's native (Chinese) name stays beside it.
    panel.get_by_label("李强");
}

/// The app as it starts with remembered `prefs` and no path on the command line.
fn harness_with(prefs: annals::ui::app::Preferences) -> Harness<'static, AnnalsApp> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(24)
        .build_eframe(move |cc| AnnalsApp::with_preferences(&cc.egui_ctx, None, prefs))
}

#[test]
fn preferences_restore_the_session_and_a_missing_dataset_falls_back() {
    use annals::ui::{app::Preferences, theme::ThemeChoice};
    let bundled_path = bundled_dataset_path();
    let data = bundled();
    let mut prefs = Preferences {
        dataset: Some(bundled_path.clone()),
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
    let mut harness = harness_with(prefs.clone());
    // The whole window speaks the remembered language.
    let zh = |id: &str| tr(Language::Chinese, id);
    let canonical = std::fs::canonicalize(&bundled_path).unwrap();
    assert_eq!(
        recent_datasets_in(&mut harness, Language::Chinese)[0],
        canonical.display().to_string(),
        "the remembered dataset is open"
    );
    assert_eq!(events_in_dataset(&harness), data.len());
    // The exact window of time remembered (the axis shows it only as rounded tick labels).
    assert_eq!(view(&harness), prefs.view.unwrap());
    // The selection (Enter shows its details), in the remembered language, and the list.
    press(&mut harness, egui::Key::Enter);
    let hog28 = &data.by_id("hog-28").unwrap().title;
    let panel_label = zh("detail-panel");
    let panel = harness.get_by_label(&panel_label);
    panel.get_by_label(data.text(hog28, annals::model::Language::Chinese).text);
    panel.get_by_label("李强");
    assert_eq!(
        harness
            .get_by_label(&zh("language-menu"))
            .value()
            .as_deref(),
        Some("🌐 中文")
    );
    harness.get_by_label(&zh("event-list"));
    // The filter, as its chip and its count.
    harness.get_by_label("仅已核实  ×");
    harness.get_by_label(&format!("显示 {} / 56 个事件", verified_count()));
    assert_eq!(
        harness.get_by_label(&zh("theme-menu")).value().as_deref(),
        Some("浅色")
    );
    assert!(!harness.ctx.global_style().visuals.dark_mode, "drawn light");
    assert!(
        harness.query_by_label_contains("ℹ").is_none(),
        "no message when all is found"
    );

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
    let mut harness = harness_with(gone);
    harness.get_by_label("ℹ 找不到 /no/longer/here；已改为打开内置数据集。");
    assert_eq!(
        recent_datasets_in(&mut harness, Language::Chinese)[0],
        canonical.display().to_string()
    );
    assert_eq!(events_in_dataset(&harness), data.len());
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
    assert_eq!(events_in_dataset(&harness), 50);
    // Remembered as absolute paths, found again from any working folder: the dropped folder
    // first (it is the one open), then the bundled dataset opened before it.
    let absolute = |p: PathBuf| std::fs::canonicalize(p).unwrap().display().to_string();
    assert_eq!(
        recent_datasets(&mut harness),
        [
            absolute(dir.path().to_path_buf()),
            absolute(bundled_dataset_path())
        ]
    );
}

#[test]
fn panels_keep_the_scale_and_the_edge_away_from_them() {
    let mut harness = harness_on(bundled_dataset_path());
    let before = view(&harness);
    // The filter panel opens on the left: the right edge of time stays where it was.
    press_with(&mut harness, CTRL_SHIFT, egui::Key::F);
    let with_filters = view(&harness);
    assert!((with_filters.end_day() - before.end_day()).abs() < 1e-6 * before.span_days);
    assert!(with_filters.span_days < before.span_days);
    // The detail panel opens on the right: the left edge stays.
    let title = "Premier Li Peng visits Moscow";
    harness.get_by_label(title).click();
    harness.run();
    panel_shows(&harness, title);
    let with_details = view(&harness);
    assert!((with_details.start_day - with_filters.start_day).abs() < 1e-6 * before.span_days);
    assert!(with_details.span_days < with_filters.span_days);

    // An event that the opening panel would cover: the view slides to keep it in sight.
    harness.get_by_label("×").click();
    harness.run();
    let title = "Li Qiang meets Vladimir Putin in the Kremlin";
    harness.get_all_by_label(title).next().unwrap().click();
    harness.run();
    panel_shows(&harness, title);
    let canvas = canvas(&harness);
    let on_canvas: Vec<_> = timeline_nodes(&harness, Role::Button)
        .into_iter()
        .filter(|(t, rect)| t == title && canvas.contains(rect.center()))
        .collect();
    assert_eq!(on_canvas.len(), 1, "in sight beside the panel: {canvas:?}");
    assert_eq!(
        harness.query_all_by_label(title).count(),
        2,
        "on the timeline and in the panel"
    );
}

#[test]
fn hand_edits_reload_by_themselves_and_errors_keep_the_last_good_data() {
    let good = "[\n    (id: \"a\", title: \"First version\", when: \"2024-05\", kind: \"visit\", sources: [(publisher: \"P\")]),\n]\n";
    let dir = dataset_with_events(good);
    let events = dir.path().join("events.ron");
    let mut harness = harness_on(dir.path().to_path_buf());
    assert_eq!(on_timeline(&harness), ["First version"]);

    // A typo: the last good data stays, and a banner shows where the problem is.
    std::fs::write(&events, good.replace("2024-05", "2024-13")).unwrap();
    let banner = "the last good version stays on screen";
    assert!(
        step_until(&mut harness, |h| h
            .query_by_label_contains(banner)
            .is_some()),
        "the broken save is seen"
    );
    assert_eq!(on_timeline(&harness), ["First version"]);
    harness.get_by_label_contains("events.ron:2:45: error: invalid date \"2024-13\"");

    // Fixed, saved the way many editors do (a new file renamed over the old one).
    let tmp = dir.path().join(".events.ron.tmp");
    std::fs::write(&tmp, good.replace("First version", "Second version")).unwrap();
    std::fs::rename(&tmp, &events).unwrap();
    assert!(
        step_until(&mut harness, |h| h
            .query_by_label_contains(banner)
            .is_none()
            && on_timeline(h) == ["Second version"]),
        "the fix is picked up and the banner goes"
    );
}

/// Click a text field of the form, select its text and type over it.
/// Open the export window for the Export menu's entry `entry`.
fn open_export(harness: &mut Harness<'_, AnnalsApp>, entry: &str) {
    harness.get_by_label("📤 Export").click();
    harness.run();
    harness.get_by_label(entry).click();
    harness.run();
}

fn type_into(harness: &mut Harness<'_, AnnalsApp>, label: &str, text: &str) {
    // The form is longer than the window: bring the field into view first.
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label(label).type_text(text);
    harness.run();
}

fn unsaved(harness: &Harness<'_, AnnalsApp>) -> bool {
    harness.query_by_label("● unsaved").is_some()
}

/// The date the event list gives the event titled `title`: what the dataset holds now.
fn listed_date(harness: &Harness<'_, AnnalsApp>, title: &str) -> String {
    list_row(harness, title)[0].clone()
}

#[test]
fn editing_title_and_date_in_the_form_then_saving_writes_the_file() {
    let (_dir, root) = scratch_copy();
    let untouched = read(&root, "visits-2024.ron");
    let mut harness = harness_on(root.clone());
    // The list shows what the dataset holds, while the form shows what is typed.
    press_with(&mut harness, egui::Modifiers::COMMAND, egui::Key::L);
    let original = "29th regular meeting of heads of government";
    harness.get_by_label(original).click();
    harness.run();
    press(&mut harness, egui::Key::E);
    harness.get_by_label(annals::ui::edit::form::EDITOR_LABEL);
    assert!(!unsaved(&harness));

    let edited = "29th meeting (edited)";
    type_into(&mut harness, "Edit title", edited);
    type_into(&mut harness, "Edit date", "2024-08-21/2024-08-22");
    harness.get_by_label("= 21–22 August 2024");
    assert_eq!(listed_date(&harness, edited), "21–22 August 2024");
    assert!(on_timeline(&harness).contains(&edited.to_owned()));
    assert!(unsaved(&harness));

    press_with(&mut harness, egui::Modifiers::COMMAND, egui::Key::S);
    assert!(!unsaved(&harness), "saved");
    let saved = read(&root, "regular-meetings.ron");
    assert!(saved.contains("en: \"29th meeting (edited)\""), "{saved}");
    assert!(saved.contains("when: \"2024-08-21/2024-08-22\""), "{saved}");
    assert_eq!(read(&root, "visits-2024.ron"), untouched);
    let reloaded = annals::store::load_dataset(&root);
    assert_eq!(reloaded.error_count(), 0);
    // The watcher sees the app's own save: that is not a change to reload (which would
    // drop the undo history). Wait until its report has been handled, then check. Nothing
    // on screen marks that moment, so the wait reads the app's count of handled reports
    // (at least one: a save may reach the watcher as more than one report).
    assert!(
        step_until(&mut harness, |h| h.state().watcher_reports() >= 1),
        "the watcher reports the app's own save"
    );
    assert!(harness.query_by_label("Keep mine").is_none(), "no conflict");
    assert!(
        harness
            .query_by_label_contains("the last good version stays on screen")
            .is_none(),
        "no reload problem"
    );

    // Undo takes back the date (one step for all the keystrokes), then the title.
    press_with(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(listed_date(&harness, edited), "21 August 2024");
    assert!(unsaved(&harness));
    press_with(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(listed_date(&harness, original), "21 August 2024");
    assert!(!list_titles(&harness).contains(&edited.to_owned()));
    press_with(&mut harness, CTRL_SHIFT, egui::Key::Z);
    assert_eq!(listed_date(&harness, edited), "21 August 2024");
}

#[test]
fn a_date_that_does_not_read_is_explained_and_not_applied() {
    let (_dir, root) = scratch_copy();
    let mut harness = harness_on(root);
    press_with(&mut harness, egui::Modifiers::COMMAND, egui::Key::L);
    let meeting = "29th regular meeting of heads of government";
    harness.get_by_label(meeting).click();
    harness.run();
    press(&mut harness, egui::Key::E);
    // Typed key by key, "2024-02-30" reads as 2024 and as February 2024 on the way; left
    // unreadable, the date is what it was before the typing began.
    type_into(&mut harness, "Edit date", "2024-02-30");
    harness.get_by_label_contains("invalid date \"2024-02-30\"");
    assert_eq!(listed_date(&harness, meeting), "21 August 2024");
    assert!(!unsaved(&harness));
    // Fixed, it applies.
    harness.key_press(egui::Key::Backspace);
    harness.key_press(egui::Key::Backspace);
    harness.get_by_label("Edit date").type_text("29");
    harness.run();
    assert_eq!(listed_date(&harness, meeting), "29 February 2024");
    assert!(unsaved(&harness));
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
    assert_eq!(listed_date(&harness, meeting), "29 February 2024");
    // One undo takes back the whole first run of typing.
    press_with(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(listed_date(&harness, meeting), "21 August 2024");
    assert!(!unsaved(&harness));
}

#[test]
fn new_duplicate_and_delete_with_confirmation_and_undo() {
    let (_dir, root) = scratch_copy();
    let mut harness = harness_on(root.clone());
    press_with(&mut harness, egui::Modifiers::COMMAND, egui::Key::L);
    let count = events_in_dataset(&harness);
    harness
        .get_by_label("Xi Jinping and Vladimir Putin meet in Astana")
        .click();
    harness.run();
    let named = "A new meeting";
    let copy = "A new meeting (copy)";
    let rows_named = |harness: &Harness<'_, AnnalsApp>, title: &str| {
        list_titles(harness).iter().filter(|t| *t == title).count()
    };
    let edit_id = |harness: &Harness<'_, AnnalsApp>| harness.get_by_label("Edit id").value();

    press_with(&mut harness, egui::Modifiers::COMMAND, egui::Key::N);
    assert_eq!(events_in_dataset(&harness), count + 1);
    // The form opens on the new event.
    assert_eq!(edit_id(&harness).as_deref(), Some("new-event"));
    // The title field has the focus: typing names the new event.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Edit title").type_text(named);
    harness.run();
    assert_eq!(rows_named(&harness, named), 1);

    press_with(&mut harness, egui::Modifiers::COMMAND, egui::Key::D);
    assert_eq!(edit_id(&harness).as_deref(), Some("new-event-copy"));
    assert_eq!(events_in_dataset(&harness), count + 2);
    assert_eq!(
        (rows_named(&harness, named), rows_named(&harness, copy)),
        (1, 1),
        "the event and its copy"
    );

    // Delete asks first; Cancel keeps the event.
    // The form is long: bring its Delete button into view first, as a user scrolls to it.
    harness.get_by_label("Delete…").scroll_to_me();
    harness.run();
    harness.get_by_label("Delete…").click();
    harness.run();
    harness.get_by_label("Delete this event?");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(events_in_dataset(&harness), count + 2);
    assert_eq!(edit_id(&harness).as_deref(), Some("new-event-copy"));
    // The form is long: bring its Delete button into view first, as a user scrolls to it.
    harness.get_by_label("Delete…").scroll_to_me();
    harness.run();
    harness.get_by_label("Delete…").click();
    harness.run();
    harness.get_by_label("Delete").click();
    harness.run();
    assert_eq!(events_in_dataset(&harness), count + 1);
    assert_eq!(
        (rows_named(&harness, named), rows_named(&harness, copy)),
        (1, 0),
        "the copy is gone"
    );

    press_with(&mut harness, egui::Modifiers::COMMAND, egui::Key::S);
    let visits = read(&root, "visits-2024.ron");
    assert!(visits.contains("title: \"A new meeting\""), "{visits}");
    assert!(!visits.contains("new-event-copy"));
    assert!(!unsaved(&harness));

    // Undo the delete: the copy comes back, and is unsaved again.
    press_with(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(events_in_dataset(&harness), count + 2);
    assert_eq!(
        (rows_named(&harness, named), rows_named(&harness, copy)),
        (1, 1)
    );
    assert!(unsaved(&harness));
}

#[test]
fn a_file_changed_on_disk_under_unsaved_edits_is_a_conflict_resolved_without_loss() {
    let (_dir, root) = scratch_copy();
    let mut harness = harness_on(root.clone());
    harness
        .get_by_label("29th regular meeting of heads of government")
        .click();
    harness.run();
    press(&mut harness, egui::Key::E);
    type_into(&mut harness, "Edit title", "Mine");
    let theirs = read(&root, "regular-meetings.ron").replacen("[", "// Their comment.\n[", 1);
    std::fs::write(root.join("regular-meetings.ron"), &theirs).unwrap();
    assert!(
        step_until(&mut harness, |h| h.query_by_label("Keep mine").is_some()),
        "the change on disk is noticed"
    );
    assert_eq!(
        read(&root, "regular-meetings.ron"),
        theirs,
        "nothing overwritten"
    );
    assert!(
        on_timeline(&harness).contains(&"Mine".to_owned()),
        "mine kept"
    );
    assert!(unsaved(&harness));
    harness.get_by_label("Keep mine").click();
    harness.run();
    assert!(harness.query_by_label("Keep mine").is_none(), "resolved");
    assert!(!unsaved(&harness), "mine saved");
    let aside: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".theirs"))
        .collect();
    assert_eq!(aside.len(), 1, "their version kept aside");
    assert_eq!(std::fs::read_to_string(&aside[0]).unwrap(), theirs);
    assert!(read(&root, "regular-meetings.ron").contains("en: \"Mine\""));
    assert!(on_timeline(&harness).contains(&"Mine".to_owned()));
}

#[test]
fn f5_presents_the_shown_events_pagedown_steps_and_escape_leaves() {
    let data = bundled();
    let in_time = |i: usize| data.events()[i].title.to_string();
    let mut harness = harness_on(bundled_dataset_path());
    press(&mut harness, egui::Key::F5);
    // With no filter, every event is a step, in time order.
    harness.get_by_label("1 / 56");
    card_shows(&harness, &in_time(0));
    // The card shows the event in large type; the timeline beside it draws it too.
    assert_eq!(harness.query_all_by_label(&in_time(0)).count(), 2);

    press(&mut harness, egui::Key::PageDown);
    harness.get_by_label("2 / 56");
    card_shows(&harness, &in_time(1));
    harness.key_press(egui::Key::Space);
    press(&mut harness, egui::Key::ArrowRight);
    harness.get_by_label("4 / 56");
    card_shows(&harness, &in_time(3));
    press(&mut harness, egui::Key::PageUp);
    harness.get_by_label("3 / 56");
    card_shows(&harness, &in_time(2));
    press(&mut harness, egui::Key::End);
    harness.get_by_label("56 / 56");
    card_shows(&harness, &in_time(55));
    press(&mut harness, egui::Key::PageDown);
    harness.get_by_label("56 / 56"); // stays on the last
    press(&mut harness, egui::Key::Home);
    harness.get_by_label("1 / 56");

    // P opens the presenter's window: this step's notes, the next step, the time.
    press(&mut harness, egui::Key::P);
    harness.get_by_label("Step 1 of 56");
    harness.get_by_label("(no notes for this step)");
    harness.get_by_label(&in_time(1));
    harness.get_by_label("Next →").click();
    harness.run();
    harness.get_by_label("Step 2 of 56");
    harness.get_by_label("2 / 56");
    press(&mut harness, egui::Key::P);
    assert!(harness.query_by_label("Step 2 of 56").is_none(), "closed");

    press(&mut harness, egui::Key::Escape);
    assert!(harness.query_by_label(CARD_LABEL).is_none());
    assert!(harness.query_by_label("2 / 56").is_none());
    harness.get_by_label("▶ Present");

    // With a filter, only the events it shows.
    show_verified_only(&mut harness);
    let first_verified = data
        .events()
        .iter()
        .find(|e| e.status == Status::Verified)
        .unwrap();
    press(&mut harness, egui::Key::F5);
    harness.get_by_label(&format!("1 / {}", verified_count()));
    card_shows(&harness, &first_verified.title.to_string());
}

#[test]
fn a_storyline_from_the_present_menu_applies_its_steps_filters_and_restores_them() {
    let mut harness = harness_on(bundled_dataset_path());
    // A filter of the user's own before presenting (verified only): restored afterwards.
    show_verified_only(&mut harness);
    let shown = format!("{} of 56 events shown", verified_count());
    harness.get_by_label(&shown);
    harness.get_by_label("verified only  ×");
    let before = harness.state().filter().clone();
    harness.get_by_label("▶ Present").click();
    harness.run();
    harness
        .get_by_label_contains("Thirty years of regular meetings")
        .click();
    harness.run();
    harness.get_by_label("1 / 13");
    card_shows(
        &harness,
        "In 1996 the two governments agree that their heads will meet every year.",
    );
    for _ in 0..3 {
        harness.key_press(egui::Key::PageDown);
    }
    harness.run();
    // Step 4 shows a window of time with only the regular meetings: the six of 1998–2003,
    // and not the treaty of 2001 among them.
    harness.get_by_label("4 / 13");
    card_shows(
        &harness,
        "1998–2003: six meetings, in Moscow, Beijing, St Petersburg and Shanghai.",
    );
    let meetings: Vec<String> = ["3rd", "4th", "5th", "6th", "7th", "8th"]
        .iter()
        .map(|n| format!("{n} regular meeting of heads of government"))
        .collect();
    assert_eq!(on_timeline(&harness), meetings);
    press(&mut harness, egui::Key::PageDown);
    harness.get_by_label("5 / 13");
    // This step's window holds its one event, and a presentation shows no chips or counts:
    // which filter applies is read from the app.
    assert_eq!(
        harness.state().filter(),
        &before,
        "the next step has no filter of its own: the user's applies"
    );
    press(&mut harness, egui::Key::Escape);
    assert!(harness.query_by_label(CARD_LABEL).is_none());
    // Restored: the chip and the count.
    harness.get_by_label("verified only  ×");
    harness.get_by_label(&shown);
    // F5 now presents that storyline again.
    press(&mut harness, egui::Key::F5);
    harness.get_by_label("1 / 13");
    card_shows(
        &harness,
        "In 1996 the two governments agree that their heads will meet every year.",
    );
}

#[test]
fn exporting_from_the_window_writes_the_shown_events() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_on(bundled_dataset_path());
    // Only the verified events.
    show_verified_only(&mut harness);
    let shown = verified_count();
    assert!(shown < 56);
    harness.get_by_label(&format!("{shown} of 56 events shown"));

    open_export(&mut harness, "Handout (HTML, one self-contained file)…");
    // The first export is suggested beside the dataset's files.
    let suggested = harness
        .get_by_label("Export path")
        .accesskit_node()
        .value()
        .unwrap_or_default();
    assert!(
        std::path::Path::new(&suggested).starts_with(bundled_dataset_path()),
        "{suggested}"
    );
    let html = dir.path().join("out").join("handout.html");
    type_into(&mut harness, "Export path", html.to_str().unwrap());
    harness.get_by_label("Export").click();
    harness.run();
    let text = std::fs::read_to_string(&html).unwrap();
    assert_eq!(text.matches("<section id=").count(), shown);
    assert!(
        harness.query_by_label("Export path").is_none(),
        "the window closes"
    );
    harness.get_by_label(&format!(
        "ℹ Wrote the handout of {shown} events to {}.",
        html.display()
    ));

    open_export(&mut harness, "Picture of the timeline (PNG)…");
    // The next one where the last one went.
    let suggested = harness
        .get_by_label("Export path")
        .accesskit_node()
        .value()
        .unwrap_or_default();
    assert!(
        std::path::Path::new(&suggested).starts_with(dir.path().join("out")),
        "{suggested}"
    );
    let png = dir.path().join("view.png");
    type_into(&mut harness, "Export path", png.to_str().unwrap());
    type_into(&mut harness, "Picture size", "320x180");
    harness.get_by_label("Export").click();
    harness.run();
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let info = decoder.read_info().unwrap();
    assert_eq!((info.info().width, info.info().height), (320, 180));

    // A PDF poster of the shown events on the page size typed, and the SVG.
    open_export(&mut harness, "Poster of the timeline (PDF, A3 to A1)…");
    let pdf = dir.path().join("poster.pdf");
    type_into(&mut harness, "Export path", pdf.to_str().unwrap());
    type_into(&mut harness, "Page size", "A2");
    harness.get_by_label("Export").click();
    harness.run();
    let (width, _) = first_page_size(&lopdf::Document::load(&pdf).unwrap());
    assert!(
        (width - 594.0 * 72.0 / 25.4).abs() < 1.0,
        "A2 landscape: {width}"
    );
    // The same poster upright, with its orientation and margins chosen in the window.
    open_export(&mut harness, "Poster of the timeline (PDF, A3 to A1)…");
    let upright = dir.path().join("poster-upright.pdf");
    type_into(&mut harness, "Export path", upright.to_str().unwrap());
    type_into(&mut harness, "Page size", "A2");
    harness.get_by_label("Portrait").click();
    type_into(&mut harness, "Margins", "25");
    harness.get_by_label("Export").click();
    harness.run();
    let (width, _) = first_page_size(&lopdf::Document::load(&upright).unwrap());
    assert!(
        (width - 420.0 * 72.0 / 25.4).abs() < 1.0,
        "A2 portrait: {width}"
    );
    open_export(&mut harness, "Timeline as vector graphics (SVG)…");
    let svg = dir.path().join("timeline.svg");
    type_into(&mut harness, "Export path", svg.to_str().unwrap());
    harness.get_by_label("Export").click();
    harness.run();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert_eq!(text.matches("<g class=\"event\"").count(), shown);
}

#[test]
fn files_changing_during_a_presentation_update_its_steps() {
    let (_dir, root) = scratch_copy();
    let last = bundled().events().last().unwrap().title.to_string();
    let mut harness = harness_on(root.clone());
    harness.key_press(egui::Key::F5);
    press(&mut harness, egui::Key::End);
    harness.get_by_label("56 / 56");
    card_shows(&harness, &last);
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
    // Still on the same event, which is now one step further.
    assert!(
        step_until(&mut harness, |h| h.query_by_label("57 / 57").is_some()),
        "the steps follow the files"
    );
    card_shows(&harness, &last);
}

#[test]
fn importing_a_timelinejs_file_from_the_window_opens_the_new_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let dataset = bundled();
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
    harness.get_by_label(&format!("ℹ Imported 56 events into {}.", folder.display()));
    // The new folder is the one open, with every event.
    let open = recent_datasets(&mut harness)[0].clone();
    assert_eq!(
        open,
        std::fs::canonicalize(&folder)
            .unwrap()
            .display()
            .to_string()
    );
    assert_eq!(events_in_dataset(&harness), 56);
}

#[test]
fn pictures_show_as_thumbnails_decoded_off_the_window_thread_and_open_large() {
    let dir = dataset_with_events(
        r#"[
    (
        id: "a",
        title: "An event with pictures",
        when: "2024-05-16",
        kind: "visit",
        sources: [(publisher: "P")],
        media: [
            (file: "media/talks.png", caption: "The talks", credit: "Photo: P", license: "CC BY 4.0"),
            (file: "https://example.org/far.jpg", caption: "Elsewhere"),
        ],
    ),
]
"#,
    );
    std::fs::create_dir_all(dir.path().join("media")).unwrap();
    let mut png = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png, 160, 90);
        encoder.set_color(png::ColorType::Rgb);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&vec![90u8; 160 * 90 * 3]).unwrap();
    }
    std::fs::write(dir.path().join("media/talks.png"), png).unwrap();
    let mut harness = harness_on(dir.path().to_path_buf());
    harness.get_by_label("An event with pictures").click();
    harness.run();
    panel_shows(&harness, "An event with pictures");
    assert!(
        step_until(&mut harness, |h| h
            .query_by_label("Picture: media/talks.png")
            .is_some()),
        "the thumbnail appears once decoded"
    );
    // The web picture is a link, never fetched.
    harness.get_by_label("🌐 Elsewhere");
    harness.get_by_label("Picture: media/talks.png").click();
    harness.run();
    harness.get_by_label("The talks");
    harness.get_by_label("Photo: P · CC BY 4.0");

    // The editor holds the pictures: a caption typed is saved in the record.
    harness
        .get_by_label(DETAIL_PANEL_LABEL)
        .get_by_label("✏ Edit")
        .click();
    harness.run();
    type_into(
        &mut harness,
        "Edit picture 1 caption",
        "The talks in Beijing",
    );
    press_with(&mut harness, egui::Modifiers::COMMAND, egui::Key::S);
    let text = std::fs::read_to_string(dir.path().join("events.ron")).unwrap();
    assert!(
        text.contains("                file: \"media/talks.png\",\n                caption: \"The talks in Beijing\",\n"),
        "{text}"
    );
    assert!(text.contains("(file: \"https://example.org/far.jpg\", caption: \"Elsewhere\"),"));
}

#[test]
fn the_list_shows_a_selection_remembered_from_the_last_session() {
    let data = bundled();
    let prefs = annals::ui::app::Preferences {
        dataset: Some(bundled_dataset_path()),
        selected_id: Some("hog-29".into()),
        show_list: true,
        ..annals::ui::app::Preferences::default()
    };
    let mut harness = harness_with(prefs);
    harness.run();
    let titles = list_titles(&harness);
    assert!(
        titles.contains(&title(&data, "hog-29")),
        "the remembered selection is in sight in the list: {titles:?}"
    );
}
