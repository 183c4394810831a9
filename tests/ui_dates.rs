//! Dates in the window follow the language of the interface: the detail panel (the date,
//! how well it is known, the uncertainty) and the event list, in Chinese and Russian.

use annals::cli::bundled_dataset_path;
use annals::model::Language;
use annals::ui::AnnalsApp;
use annals::ui::app::Preferences;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The app on the bundled dataset in `language`, with `id` selected and the list open.
fn harness_in(language: Language, id: &str) -> Harness<'static, AnnalsApp> {
    let prefs = Preferences {
        dataset: Some(bundled_dataset_path()),
        selected_id: Some(id.into()),
        language,
        show_list: true,
        ..Preferences::default()
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(24)
        .build_eframe(move |cc| AnnalsApp::with_preferences(&cc.egui_ctx, None, prefs));
    // Enter shows the remembered selection's details.
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness
}

#[test]
fn the_detail_panel_and_the_list_write_dates_in_chinese_and_russian() {
    let cases = [
        (
            Language::Chinese,
            "2024年8月21日",
            "精确到日",
            "2022年12月5日（存疑）",
        ),
        (
            Language::Russian,
            "21 августа 2024 г.",
            "с точностью до дня",
            "5 декабря 2022 г. (под вопросом)",
        ),
    ];
    for (language, day, precision, uncertain) in cases {
        let harness = harness_in(language, "hog-29");
        let panel_name = annals::i18n::tr(language, "detail-panel");
        let panel = harness.get_by_label(&panel_name);
        panel.get_by_label(day);
        panel.get_by_label(&annals::i18n::tr(language, "precision-day"));
        assert!(annals::i18n::tr(language, "precision-day").contains(precision));
        assert!(
            panel.query_by_label("21 August 2024").is_none(),
            "{language:?}: no English date left in the panel"
        );
        // The list's row of the same event (and any other that day) says the same date.
        let list_name = annals::i18n::tr(language, "event-list");
        let list = harness.get_by_label(&list_name);
        assert!(
            list.query_all_by_label(day).count() >= 1,
            "{language:?}: the list shows {day}"
        );

        // An uncertain date says so in the language, once.
        let harness = harness_in(language, "hog-27");
        let panel_name = annals::i18n::tr(language, "detail-panel");
        let panel = harness.get_by_label(&panel_name);
        panel.get_by_label(uncertain);
        assert!(panel.query_by_label_contains("uncertain").is_none());
    }
}
