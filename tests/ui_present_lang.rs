//! A presentation and its presenter view in Chinese and in Russian, at the smallest window
//! size: the chrome (the Present menu, the card's labels, the presenter's labels and
//! buttons) comes out in that language, and none of it overlaps or leaves the window.

use std::path::PathBuf;

use annals::cli::bundled_dataset_path;
use annals::i18n::{Language, tr};
use annals::model::event::Status;
use annals::ui::{AnnalsApp, MIN_WINDOW_SIZE, Preferences};
use egui::Rect;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};

fn harness_in(language: Language, path: PathBuf) -> Harness<'static, AnnalsApp> {
    Harness::builder()
        .with_size(egui::Vec2::from(MIN_WINDOW_SIZE))
        .with_max_steps(24)
        .build_eframe(move |cc| {
            AnnalsApp::with_preferences(
                &cc.egui_ctx,
                Some(path),
                Preferences {
                    language,
                    ..Preferences::default()
                },
            )
        })
}

/// Labels and buttons whose names satisfy `wanted`, with where they are.
fn nodes(harness: &Harness<'_, AnnalsApp>, wanted: impl Fn(&str) -> bool) -> Vec<(String, Rect)> {
    harness
        .query_all(By::new().predicate(|n| matches!(n.role(), Role::Label | Role::Button)))
        .filter_map(|n| {
            let node = n.accesskit_node();
            let name = node.label().or_else(|| node.value()).unwrap_or_default();
            wanted(&name).then(|| (name, n.rect()))
        })
        .collect()
}

/// Pairs of `nodes` sharing more than a sliver.
fn overlaps(nodes: &[(String, Rect)]) -> Vec<String> {
    let mut found = Vec::new();
    for (i, (a, ra)) in nodes.iter().enumerate() {
        for (b, rb) in &nodes[i + 1..] {
            let common = ra.intersect(*rb);
            if common.width() > 1.0 && common.height() > 1.0 {
                found.push(format!("“{a}” at {ra:?} overlaps “{b}” at {rb:?}"));
            }
        }
    }
    found
}

fn present_storyline_and_open_the_presenter_view(language: Language) {
    let loaded = annals::store::load_dataset(&bundled_dataset_path());
    let dataset = loaded.dataset.as_ref().unwrap();
    let (_, story) = loaded.storyline("regular-meetings").unwrap();
    let steps = story.resolve(dataset);
    let first = dataset.event(steps[0].event.unwrap()).unwrap();

    let mut harness = harness_in(language, bundled_dataset_path());
    // The Present menu, in the language.
    harness.get_by_label(&tr(language, "menu-present")).click();
    harness.run();
    harness.get_by_label_contains(&annals::tr!(
        language,
        "present-shown",
        count = dataset.len()
    ));
    harness.get_by_label(&tr(language, "present-storylines"));
    harness
        .get_by_label_contains(dataset.text(&story.title, language).text)
        .click();
    harness.run();

    // The slide: progress, and the card's labels in the language.
    let count = steps.len();
    harness.get_by_label(&format!("1 / {count}"));
    let card = harness.get_by_label(&tr(language, "present-card")).rect();
    let window = harness.ctx.content_rect();
    let on_card = nodes(&harness, |_| true)
        .into_iter()
        .filter(|(_, r)| card.contains_rect(*r))
        .collect::<Vec<_>>();
    assert!(
        on_card
            .iter()
            .any(|(t, _)| t == dataset.text(&first.title, language).text),
        "{on_card:?}"
    );
    if !first.sources.is_empty() {
        let prefix = annals::tr!(language, "export-sources-line", text = "");
        assert!(
            on_card
                .iter()
                .any(|(t, _)| t.starts_with(prefix.trim_end())),
            "{language:?}: the card's sources line: {on_card:?}"
        );
        assert!(!on_card.iter().any(|(t, _)| t.starts_with("Sources:")));
    }
    if first.status != Status::Verified {
        let prefix = annals::tr!(language, "export-status-line", status = "");
        assert!(
            on_card
                .iter()
                .any(|(t, _)| t.starts_with(prefix.trim_end()))
        );
    }
    // Nothing of the slide's chrome overlaps, and all of it is in the window.
    let mut chrome = on_card.clone();
    chrome.extend(nodes(&harness, |t| t == format!("1 / {count}")));
    let problems = overlaps(&chrome);
    assert!(
        problems.is_empty(),
        "{language:?}:\n{}",
        problems.join("\n")
    );
    for (name, rect) in &chrome {
        assert!(
            card.contains_rect(*rect) || !card.intersects(*rect),
            "{name}"
        );
        assert!(
            window.expand(0.5).contains_rect(*rect),
            "{name} at {rect:?}"
        );
    }

    // The presenter's window: its labels and buttons in the language, none overlapping.
    harness.key_press(egui::Key::P);
    harness.run();
    let step_of = annals::tr!(language, "present-step-of", step = 1, count = count);
    harness.get_by_label(&step_of);
    let words = [
        tr(language, "present-now"),
        tr(language, "present-notes"),
        tr(language, "present-next"),
        tr(language, "present-next-button"),
        tr(language, "present-back-button"),
    ];
    for word in &words {
        harness.get_by_label(word);
    }
    assert!(harness.query_by_label("Next →").is_none());
    assert!(harness.query_by_label("Step 1 of 13").is_none());
    let mut presenter = nodes(&harness, |t| t == step_of || words.iter().any(|w| w == t));
    let notes = dataset.text(&steps[0].notes, language).marked();
    presenter.extend(nodes(&harness, |t| t == notes.trim()));
    assert!(presenter.len() > words.len(), "{presenter:?}");
    let problems = overlaps(&presenter);
    assert!(
        problems.is_empty(),
        "{language:?}:\n{}",
        problems.join("\n")
    );

    // Its Next button steps on, and the step count follows.
    harness
        .get_by_label(&tr(language, "present-next-button"))
        .click();
    harness.run();
    harness.get_by_label(&annals::tr!(
        language,
        "present-step-of",
        step = 2,
        count = count
    ));
    harness.get_by_label(&format!("2 / {count}"));
}

#[test]
fn a_presentation_in_chinese() {
    present_storyline_and_open_the_presenter_view(Language::Chinese);
}

#[test]
fn a_presentation_in_russian() {
    present_storyline_and_open_the_presenter_view(Language::Russian);
}
