//! The window lists a dataset's problems in the interface's language, compiler style, with the
//! same place as `annals check` (which stays English).

use annals::cli::bundled_dataset_path;
use annals::i18n::Language;
use annals::ui::{AnnalsApp, Preferences};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// The bundled manifest and one event with `participant` for `participants`.
fn broken_dataset() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        bundled_dataset_path().join("manifest.ron"),
        dir.path().join("manifest.ron"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("events.ron"),
        "[\n    (id: \"a\", title: \"T\", when: \"2024\", kind: \"visit\", participant: []),\n]\n",
    )
    .unwrap();
    dir
}

fn window_in(language: Language, dir: &tempfile::TempDir) -> Harness<'static, AnnalsApp> {
    let path = dir.path().to_path_buf();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
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
        });
    harness.run();
    harness
}

#[test]
fn the_problems_of_a_dataset_in_russian_and_chinese() {
    let dir = broken_dataset();
    let place = format!("{}:2:56:", dir.path().join("events.ron").display());

    let harness = window_in(Language::Russian, &dir);
    let headline = harness.get_by_label_contains("неизвестное поле `participant` в событии");
    let node = headline.accesskit_node();
    let text = node.label().or_else(|| node.value()).unwrap_or_default();
    assert!(text.starts_with(&format!("{place} ошибка: ")), "{text}");
    harness.get_by_label_contains("= подсказка: может быть, `participants`?");
    assert!(harness.query_by_label_contains("unknown field").is_none());

    let harness = window_in(Language::Chinese, &dir);
    harness.get_by_label_contains(&format!("{place} 错误: 事件中有未知字段 `participant`"));
    harness.get_by_label_contains("= 提示: 是不是 `participants`？");

    let harness = window_in(Language::English, &dir);
    harness.get_by_label_contains(&format!(
        "{place} error: unknown field `participant` in an event"
    ));
}
