//! The window in Chinese and in Russian: the main window (bar, filters, list, details, status
//! bar) and the editor speak the chosen language, and none of the interface's English words
//! is left on screen. (How it all fits at the smallest size is in `ui_layout.rs`.)

mod common;

use std::collections::BTreeSet;

use annals::cli::bundled_dataset_path;
use annals::i18n::{Language, message_files, tr};
use annals::ui::{AnnalsApp, Preferences};
use common::open_every_panel;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn harness_in(language: Language) -> Harness<'static, AnnalsApp> {
    let path = bundled_dataset_path();
    let prefs = Preferences {
        language,
        ..Preferences::default()
    };
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(24)
        .build_eframe(move |cc| AnnalsApp::with_preferences(&cc.egui_ctx, Some(path), prefs))
}

/// Every text on screen: the accessibility tree's labels and values, and every painted text.
fn texts_on_screen(harness: &Harness<'_, AnnalsApp>) -> BTreeSet<String> {
    fn walk(shape: &egui::Shape, out: &mut BTreeSet<String>) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            egui::Shape::Text(t) => {
                out.insert(t.galley.job.text.trim().to_owned());
            }
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    for node in harness.query_all(egui_kittest::kittest::By::new().predicate(|_| true)) {
        let node = node.accesskit_node();
        out.extend(node.label().map(|t| t.trim().to_owned()));
        out.extend(node.value().map(|t| t.trim().to_owned()));
    }
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

/// The window's English words (the messages of `common.ftl` and `ui-*.ftl` without
/// variables) that `language` says otherwise: none of them may be on screen in `language`.
fn english_words_translated_in(language: Language) -> Vec<(String, String)> {
    let mut words = Vec::new();
    for (code, name, text) in message_files() {
        if *code != "en" || !(name.starts_with("ui-") || *name == "common.ftl") {
            continue;
        }
        for line in text.lines() {
            let Some((id, value)) = line.split_once(" = ") else {
                continue;
            };
            if id.starts_with([' ', '#']) || value.contains('{') || value.trim().is_empty() {
                continue;
            }
            let english = tr(Language::English, id);
            if english.trim() != tr(language, id).trim() && english.trim().len() > 2 {
                words.push((id.to_owned(), english.trim().to_owned()));
            }
        }
    }
    assert!(words.len() > 100, "the English messages were read");
    words
}

fn assert_no_english_left(harness: &Harness<'_, AnnalsApp>, language: Language, state: &str) {
    let shown = texts_on_screen(harness);
    let left: Vec<String> = english_words_translated_in(language)
        .into_iter()
        // A key's name beside a menu entry ("Delete") is the key's, as printed on it.
        .filter(|(_, english)| shown.contains(english) && egui::Key::from_name(english).is_none())
        .map(|(id, english)| format!("{id}: “{english}”"))
        .collect();
    assert!(
        left.is_empty(),
        "{language:?}, {state}: English left on screen:\n{}",
        left.join("\n")
    );
}

/// Something on screen is labelled `label` (a word may name two things: the bar's Filters
/// and the panel's heading).
fn shows(harness: &Harness<'_, AnnalsApp>, label: &str) {
    assert!(
        harness.query_all_by_label(label).next().is_some(),
        "“{label}” should be on screen"
    );
}

#[test]
fn the_main_window_speaks_chinese() {
    let mut harness = harness_in(Language::Chinese);
    open_every_panel(&mut harness);
    for label in [
        "📂 数据集",
        "✏ 编辑",
        "▶ 演示",
        "📤 导出",
        "☰ 列表",
        "筛选",
        "全览",
        "⟳ 重新读取",
        "语言",
        "主题",
        "泳道",
        "筛选面板",
        "事件详情",
        "事件列表",
        "✔ 未发现问题",
    ] {
        shows(&harness, label);
    }
    // Headings of the panels, and a plural-free count in the status bar.
    shows(&harness, "类别");
    shows(&harness, "参与者");
    shows(&harness, "来源");
    harness.get_by_label_contains("56 个事件");
    assert_no_english_left(&harness, Language::Chinese, "main window");
}

#[test]
fn the_main_window_speaks_russian_with_its_plurals() {
    let mut harness = harness_in(Language::Russian);
    open_every_panel(&mut harness);
    for label in [
        "📂 Данные",
        "✏ Правка",
        "▶ Показ",
        "📤 Экспорт",
        "☰ Список",
        "Фильтры",
        "Всё",
        "⟳ Перечитать",
        "Язык",
        "Тема",
        "Дорожки",
        "Панель фильтров",
        "Сведения о событии",
        "Список событий",
        "✔ проблем не найдено",
    ] {
        shows(&harness, label);
    }
    shows(&harness, "Участники");
    shows(&harness, "Источники");
    // 56 takes the "many" form: событий.
    harness.get_by_label_contains("56 событий");
    // A filter: its chip and "shown of" count, in Russian.
    harness.get_by_label("только «проверено»").click();
    harness.run();
    harness.get_by_label("только «проверено»  ×");
    harness.get_by_label_contains("показано ");
    assert_no_english_left(&harness, Language::Russian, "main window with a filter");
}

/// The editor on the last event, with its menu open.
fn open_editor(harness: &mut Harness<'_, AnnalsApp>) {
    harness.key_press(egui::Key::End);
    harness.run();
    harness.key_press(egui::Key::E);
    harness.run();
}

#[test]
fn the_editor_speaks_chinese() {
    let mut harness = harness_in(Language::Chinese);
    open_editor(&mut harness);
    harness.get_by_label("事件编辑器");
    for label in ["完成", "创建副本", "删除…", "+ 添加来源", "+ 添加图片…"] {
        harness.get_by_label(label);
    }
    for field in ["编辑标题", "编辑日期", "编辑摘要", "编辑备注", "编辑标签"] {
        harness.get_by_label(field);
    }
    harness.get_by_label("日期（EDTF）");
    harness.get_by_label("相关事件");
    assert_no_english_left(&harness, Language::Chinese, "the editor");
    // Typing makes an unsaved edit: the bar says so in Chinese.
    harness.get_by_label("编辑标题").click();
    harness.run();
    harness.get_by_label("编辑标题").type_text("（改）");
    harness.run();
    harness.get_by_label("● 未保存");
    harness.get_by_label("💾 保存");
    // The Edit menu, its entries from the messages, its keys beside them.
    harness.get_by_label("✏ 编辑").click();
    harness.run();
    for entry in [
        "编辑事件",
        "新建事件",
        "创建事件副本",
        "删除事件…",
        "撤销",
        "重做",
        "结束编辑",
    ] {
        assert!(
            harness.query_all_by_label_contains(entry).next().is_some(),
            "the Edit menu should offer “{entry}”"
        );
    }
    assert_no_english_left(&harness, Language::Chinese, "the editor with its menu open");
}

#[test]
fn the_editor_speaks_russian() {
    let mut harness = harness_in(Language::Russian);
    open_editor(&mut harness);
    harness.get_by_label("Редактор событий");
    for label in [
        "Готово",
        "Дублировать",
        "Удалить…",
        "+ Добавить источник",
        "+ Добавить изображение…",
    ] {
        shows(&harness, label);
    }
    for field in [
        "Изменить название",
        "Изменить дату",
        "Изменить описание",
        "Изменить примечание",
        "Изменить метки",
    ] {
        harness.get_by_label(field);
    }
    harness.get_by_label("Связанные события");
    assert_no_english_left(&harness, Language::Russian, "the editor");
    // Delete asks first, in Russian.
    harness.key_press(egui::Key::Delete);
    harness.run();
    harness.get_by_label("Удалить это событие?");
    harness.get_by_label("Отмена");
    assert_no_english_left(&harness, Language::Russian, "asking before a delete");
    harness.get_by_label("Отмена").click();
    harness.run();
    // A field that does not read says why in Russian.
    // Emptied in every language (the bundled titles are written in all three).
    for field in [
        "Изменить название",
        "Изменить название (zh)",
        "Изменить название (ru)",
    ] {
        harness.get_by_label(field).click();
        harness.run();
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        harness.key_press(egui::Key::Backspace);
        harness.run();
    }
    harness.get_by_label_contains("нужно название");
    assert_no_english_left(&harness, Language::Russian, "a title left empty");
}

#[test]
fn switching_back_to_english_takes_every_word_back() {
    let mut harness = harness_in(Language::Russian);
    open_every_panel(&mut harness);
    // Ctrl+Shift+L goes round the languages: Russian, then English.
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT),
        egui::Key::L,
    );
    harness.run();
    assert_eq!(harness.state().preferences().language, Language::English);
    harness.get_by_label("📂 Dataset");
    harness.get_by_label("Event details");
    assert!(harness.query_by_label("📂 Данные").is_none());
    harness.get_by_label_contains("56 events");
    // The check for English left behind sees the English words when they are there.
    let shown = texts_on_screen(&harness);
    let english = english_words_translated_in(Language::Russian);
    let found = english.iter().filter(|(_, w)| shown.contains(w)).count();
    assert!(found > 20, "only {found} English words seen in English");
}

/// Texts on screen that carry the fallback marker of a record text shown in another language.
fn marked_texts(harness: &Harness<'_, AnnalsApp>) -> Vec<String> {
    texts_on_screen(harness)
        .into_iter()
        .filter(|text| text.contains("[en]") || text.contains("[zh]") || text.contains("[ru]"))
        .collect()
}

/// The bundled dataset is written in three languages: in Chinese and in Russian, neither the
/// first screen (window title, lanes, periods, list) nor the details of the first and the last
/// event show a text marked as shown in another language.
#[test]
fn the_bundled_dataset_shows_no_fallback_marker_in_chinese_or_russian() {
    for language in [Language::Chinese, Language::Russian] {
        let mut harness = harness_in(language);
        open_every_panel(&mut harness);
        let marked = marked_texts(&harness);
        assert!(
            marked.is_empty(),
            "{language:?}, last event: marked texts:\n{}",
            marked.join("\n")
        );
        harness.key_press(egui::Key::Home);
        harness.run();
        harness.key_press(egui::Key::Enter);
        harness.run();
        let marked = marked_texts(&harness);
        assert!(
            marked.is_empty(),
            "{language:?}, first event: marked texts:\n{}",
            marked.join("\n")
        );
        // The texts on screen are really the dataset's own: the window says its title.
        let dataset = annals::store::load_dataset(&bundled_dataset_path())
            .dataset
            .expect("the bundled dataset loads");
        let title = dataset.title_in(language);
        assert!(!title.contains("[en]"), "{language:?}: {title}");
        assert!(
            texts_on_screen(&harness).iter().any(|t| t.contains(&title)),
            "{language:?}: the dataset's title “{title}” is on screen"
        );
    }
}
