//! The window's layout at small sizes: every control of the top bar, the panels and the
//! timeline is walked at the smallest window size (and the top bar at every width from there
//! to a wide screen), and no two interactive widgets may overlap. A widget is what
//! AccessKit calls interactive (a button, a box, a link…) and where egui lets the pointer at
//! it: its rectangle clipped to what is visible of it.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;

use annals::cli::bundled_dataset_path;
use annals::i18n::{Language, tr};
use annals::ui::Preferences;
use annals::ui::browse::detail_panel::DETAIL_PANEL_LABEL;
use annals::ui::{AnnalsApp, MIN_WINDOW_SIZE};
use common::open_every_panel;
use egui::accesskit::Role;
use egui::{LayerId, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};

fn harness_at(path: PathBuf, size: egui::Vec2) -> Harness<'static, AnnalsApp> {
    Harness::builder()
        .with_size(size)
        .with_max_steps(24)
        // In English whatever the machine's locale: widgets are found by their English labels.
        .build_eframe(move |cc| {
            AnnalsApp::with_preferences(&cc.egui_ctx, Some(path), Preferences::default())
        })
}

fn min_size() -> egui::Vec2 {
    egui::Vec2::from(MIN_WINDOW_SIZE)
}

/// Roles a person clicks, types into or drags.
fn is_interactive(role: Role) -> bool {
    matches!(
        role,
        Role::Button
            | Role::DefaultButton
            | Role::CheckBox
            | Role::RadioButton
            | Role::ComboBox
            | Role::TextInput
            | Role::MultilineTextInput
            | Role::SearchInput
            | Role::Link
            | Role::Slider
            | Role::SpinButton
            | Role::Tab
            | Role::MenuItem
            | Role::MenuItemCheckBox
            | Role::MenuItemRadio
    )
}

/// One interactive widget as the last frame placed it.
#[derive(Debug)]
struct Widget {
    name: String,
    layer: LayerId,
    /// Where the pointer reaches it (clipped to what is visible).
    rect: Rect,
    /// The whole widget, where it would be without clipping.
    full: Rect,
}

/// Every interactive widget the last frame drew, with its visible rectangle.
fn widgets(harness: &Harness<'_, AnnalsApp>, with_labels: bool) -> Vec<Widget> {
    let mut named: HashMap<u64, String> = HashMap::new();
    let wanted = |role: Role| is_interactive(role) || (with_labels && role == Role::Label);
    for node in harness.query_all(By::new().predicate(|n| wanted(n.role()))) {
        let node = node.accesskit_node();
        let name = format!(
            "{:?} “{}”",
            node.role(),
            node.label().or_else(|| node.value()).unwrap_or_default()
        );
        named.insert(node.locate().0.0, name);
    }
    harness.ctx.viewport(|vp| {
        let mut out = Vec::new();
        for (layer, rects) in vp.prev_pass.widgets.layers() {
            for w in rects {
                if !w.enabled || !w.visible || !(with_labels || w.sense.interactive()) {
                    continue;
                }
                let Some(name) = named.get(&w.id.value()) else {
                    continue;
                };
                let rect = w.interact_rect;
                if rect.width() < 1.0 || rect.height() < 1.0 {
                    continue; // scrolled out of sight
                }
                out.push(Widget {
                    name: name.clone(),
                    layer: *layer,
                    rect,
                    full: w.rect,
                });
            }
        }
        out
    })
}

/// Pairs of widgets of one layer whose rectangles share more than a sliver (`slack`
/// points each way); a widget wholly inside another (a button on a clickable row) is not an
/// overlap.
fn overlaps(widgets: &[Widget]) -> Vec<String> {
    let slack = 1.0;
    let mut found = Vec::new();
    for (i, a) in widgets.iter().enumerate() {
        for b in &widgets[i + 1..] {
            if a.layer != b.layer {
                continue;
            }
            let common = a.rect.intersect(b.rect);
            if common.width() <= slack || common.height() <= slack {
                continue;
            }
            if a.rect.contains_rect(b.rect) || b.rect.contains_rect(a.rect) {
                continue;
            }
            found.push(format!(
                "{} at {:?} overlaps {} at {:?}",
                a.name, a.rect, b.name, b.rect
            ));
        }
    }
    found
}

/// No widget is cut at the side of what holds it (content wider than its panel, which then
/// spills over its neighbour); cut at the top or bottom is a scrolled list.
fn cut_sideways(widgets: &[Widget]) -> Vec<String> {
    widgets
        .iter()
        .filter(|w| w.full.width() - w.rect.width() > 2.0)
        .map(|w| format!("{} is cut sideways: {:?} of {:?}", w.name, w.rect, w.full))
        .collect()
}

/// Every interactive widget lies inside the window.
fn outside(harness: &Harness<'_, AnnalsApp>, widgets: &[Widget]) -> Vec<String> {
    let screen = harness.ctx.content_rect();
    widgets
        .iter()
        .filter(|w| !screen.expand(0.5).contains_rect(w.rect))
        .map(|w| format!("{} at {:?} is outside {screen:?}", w.name, w.rect))
        .collect()
}

/// [`assert_tidy`] at every width from the smallest window to 1920 points, `step` apart.
fn tidy_from_smallest_to_widest(harness: &mut Harness<'_, AnnalsApp>, step: f32, state: &str) {
    let mut width = min_size().x;
    while width <= 1920.0 {
        harness.set_size(egui::vec2(width, 700.0));
        harness.run();
        assert_tidy(harness, &format!("{state} at {width} wide"));
        width += step;
    }
}

fn assert_tidy(harness: &Harness<'_, AnnalsApp>, state: &str) {
    let widgets = widgets(harness, true);
    assert!(
        widgets.len() > 5,
        "{state}: the walk found the widgets ({widgets:?})"
    );
    let mut problems = overlaps(&widgets);
    problems.extend(outside(harness, &widgets));
    problems.extend(cut_sideways(&widgets));
    assert!(
        problems.is_empty(),
        "{state}, at {:?}:\n{}",
        harness.ctx.content_rect().size(),
        problems.join("\n")
    );
}

/// The top bar holds `label` itself, or its "More" menu does.
fn reachable(harness: &mut Harness<'_, AnnalsApp>, label: &str) -> bool {
    if harness.query_by_label(label).is_some() {
        return true;
    }
    let Some(more) = harness.query_by_label(annals::ui::top_bar::MORE_LABEL) else {
        return false;
    };
    more.click();
    harness.run();
    let found = harness.query_by_label_contains(label).is_some();
    // Closed again by a second click on its button.
    harness
        .get_by_label(annals::ui::top_bar::MORE_LABEL)
        .click();
    harness.run();
    found
}

#[test]
fn the_top_bar_never_overlaps_from_the_smallest_window_to_a_wide_screen() {
    let mut harness = harness_at(bundled_dataset_path(), min_size());
    tidy_from_smallest_to_widest(&mut harness, 37.0, "top bar");
    // And while a search shows its count and an edit is unsaved.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    harness.get_by_label("Search").type_text("li qiang");
    harness.run();
    let found = harness.state().search_results().len();
    assert!(found > 0);
    harness.get_by_label(&format!("{found} found"));
    tidy_from_smallest_to_widest(&mut harness, 53.0, "top bar with a search");
}

#[test]
fn every_control_is_reachable_in_the_smallest_window() {
    let mut harness = harness_at(bundled_dataset_path(), min_size());
    for label in [
        "📂 Dataset",
        "✏ Edit",
        "▶ Present",
        "📤 Export",
        "Fit",
        "Filters",
        "☰ List",
        "Search",
        "Reload",
        "Lanes",
        "Language",
        "Theme",
    ] {
        assert!(reachable(&mut harness, label), "{label} cannot be reached");
    }
}

#[test]
fn nothing_overlaps_in_the_smallest_window_with_every_panel_open() {
    let mut harness = harness_at(bundled_dataset_path(), min_size());
    harness.run();
    assert_tidy(&harness, "at start");

    // The filters and the list.
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT),
        egui::Key::F,
    );
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    harness.run();
    assert_tidy(&harness, "filters and list");

    // An event's details beside them, from the keyboard.
    harness.key_press(egui::Key::End);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(harness.query_by_label(DETAIL_PANEL_LABEL).is_some());
    assert_tidy(&harness, "filters, list and details");

    // A filter, so its chips show above the timeline.
    harness.get_by_label("verified only").click();
    harness.run();
    assert_tidy(&harness, "with a filter's chips");

    // A search: the count beside the box, the list of matches.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    harness.get_by_label("Search").type_text("moscow");
    harness.run();
    assert_tidy(&harness, "searching");
}

#[test]
fn nothing_overlaps_in_the_smallest_window_while_editing() {
    let mut harness = harness_at(bundled_dataset_path(), min_size());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    harness.run();
    // The editor in the details' place, with an unsaved edit (● unsaved and 💾 Save).
    harness.key_press(egui::Key::End);
    harness.run();
    harness.key_press(egui::Key::E);
    harness.run();
    harness.get_by_label("Edit title").click();
    harness.run();
    harness.get_by_label("Edit title").type_text(" (edited)");
    harness.run();
    harness.get_by_label("● unsaved");
    assert_tidy(&harness, "editing");
}

#[test]
fn every_menu_of_the_top_bar_fits_the_smallest_window() {
    let mut harness = harness_at(bundled_dataset_path(), min_size());
    harness.run();
    for label in [
        "📂 Dataset",
        "✏ Edit",
        "▶ Present",
        "📤 Export",
        annals::ui::top_bar::MORE_LABEL,
    ] {
        let Some(button) = harness.query_by_label(label) else {
            continue; // in the » menu at this size
        };
        button.click();
        harness.run();
        assert_tidy(&harness, &format!("the {label} menu open"));
        harness.get_by_label(label).click();
        harness.run();
    }
}

/// The sizes of every text the last frame painted, with the text.
fn text_sizes(harness: &Harness<'_, AnnalsApp>) -> Vec<(f32, String)> {
    fn walk(shape: &egui::Shape, out: &mut Vec<(f32, String)>) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            egui::Shape::Text(t) => {
                for section in &t.galley.job.sections {
                    let range = section.byte_range.start.0..section.byte_range.end.0;
                    let text = &t.galley.job.text[range];
                    if !text.trim().is_empty() {
                        out.push((section.format.font_id.size, text.to_owned()));
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

fn assert_readable(harness: &Harness<'_, AnnalsApp>, state: &str) {
    let sizes = text_sizes(harness);
    assert!(sizes.len() > 10, "{state}: texts found");
    let small: Vec<_> = sizes.iter().filter(|(size, _)| *size < 11.0).collect();
    assert!(small.is_empty(), "{state}: text below 11 points: {small:?}");
}

#[test]
fn no_text_is_smaller_than_11_points() {
    let mut harness = harness_at(bundled_dataset_path(), egui::vec2(1400.0, 900.0));
    open_every_panel(&mut harness);
    assert!(harness.query_by_label(DETAIL_PANEL_LABEL).is_some());
    assert_readable(&harness, "filters, list, details and the status bar");
    // The editor with a date that does not read: its error and the reminder of the forms.
    harness.key_press(egui::Key::E);
    harness.run();
    harness.get_by_label("Edit date").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Edit date").type_text("2024-02-30");
    harness.run();
    assert_readable(&harness, "the editor with a date error");
}

/// The app in `language` at `size`.
fn harness_in(language: Language, size: egui::Vec2) -> Harness<'static, AnnalsApp> {
    let path = bundled_dataset_path();
    let prefs = Preferences {
        language,
        ..Preferences::default()
    };
    Harness::builder()
        .with_size(size)
        .with_max_steps(24)
        .build_eframe(move |cc| AnnalsApp::with_preferences(&cc.egui_ctx, Some(path), prefs))
}

/// Russian runs about a third longer than English, Chinese much shorter but taller glyphs:
/// both fit the smallest window with every panel open, searching and editing.
#[test]
fn nothing_overlaps_in_chinese_and_russian_in_the_smallest_window() {
    for language in [Language::Chinese, Language::Russian] {
        let mut harness = harness_in(language, min_size());
        harness.run();
        assert_tidy(&harness, &format!("{language:?} at start"));
        open_every_panel(&mut harness);
        assert!(
            harness
                .query_by_label(&tr(language, "detail-panel"))
                .is_some()
        );
        assert_tidy(
            &harness,
            &format!("{language:?}: filters, list and details"),
        );
        let verified = annals::tr!(
            language,
            "chip-status",
            status = tr(language, "status-verified")
        );
        harness.get_by_label(&verified).click();
        harness.run();
        assert_tidy(&harness, &format!("{language:?}: with a filter's chips"));
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
        harness.run();
        harness
            .get_by_label(&tr(language, "search-box"))
            .type_text("moscow");
        harness.run();
        assert_tidy(&harness, &format!("{language:?}: searching"));
        for width in [min_size().x, 800.0, 1000.0, 1280.0] {
            harness.set_size(egui::vec2(width, min_size().y));
            harness.run();
            assert_tidy(
                &harness,
                &format!("{language:?}: searching at {width} wide"),
            );
        }
    }
}

#[test]
fn nothing_overlaps_in_chinese_and_russian_while_editing() {
    for language in [Language::Chinese, Language::Russian] {
        let mut harness = harness_in(language, min_size());
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
        harness.run();
        harness.key_press(egui::Key::End);
        harness.run();
        harness.key_press(egui::Key::E);
        harness.run();
        let title = annals::i18n::tr_attr(language, "form-title", "name");
        harness.get_by_label(&title).click();
        harness.run();
        harness.get_by_label(&title).type_text(" (1)");
        harness.run();
        harness.get_by_label(&tr(language, "bar-unsaved"));
        assert_tidy(&harness, &format!("{language:?}: editing"));
    }
}

#[test]
fn the_top_bar_never_overlaps_in_chinese_and_russian() {
    for language in [Language::Chinese, Language::Russian] {
        let mut harness = harness_in(language, min_size());
        tidy_from_smallest_to_widest(&mut harness, 41.0, &format!("{language:?}: top bar"));
    }
}

#[test]
fn every_control_is_reachable_in_chinese_and_russian_in_the_smallest_window() {
    for language in [Language::Chinese, Language::Russian] {
        let mut harness = harness_in(language, min_size());
        harness.run();
        for id in [
            "menu-dataset",
            "menu-edit",
            "menu-present",
            "menu-export",
            "bar-fit",
            "bar-filters",
            "bar-list",
            "search-box",
            "more-reload",
            "lanes-menu",
            "language-menu",
            "theme-menu",
        ] {
            let label = tr(language, id);
            assert!(
                reachable_in(&mut harness, language, &label),
                "{language:?}: {label} cannot be reached"
            );
        }
    }
}

/// [`reachable`] in a window speaking `language` (its » menu has that language's name).
fn reachable_in(harness: &mut Harness<'_, AnnalsApp>, language: Language, label: &str) -> bool {
    if harness.query_by_label(label).is_some() {
        return true;
    }
    let more = tr(language, "more-menu");
    let Some(button) = harness.query_by_label(&more) else {
        return false;
    };
    button.click();
    harness.run();
    let found = harness.query_by_label_contains(label).is_some();
    harness.get_by_label(&more).click();
    harness.run();
    found
}

/// Widths measured in one language are not trusted in another: switching at a narrow width
/// moves into the » menu what the longer words no longer leave room for.
#[test]
fn switching_language_in_a_narrow_window_keeps_the_bar_tidy() {
    let mut harness = harness_in(Language::English, egui::vec2(800.0, 500.0));
    harness.run();
    assert_tidy(&harness, "English at 800 wide");
    for language in [Language::Chinese, Language::Russian, Language::English] {
        harness.key_press_modifiers(
            egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT),
            egui::Key::L,
        );
        harness.run();
        assert_eq!(harness.state().preferences().language, language);
        assert_tidy(&harness, &format!("switched to {language:?} at 800 wide"));
    }
}
