//! Diagnostics in the window follow the interface's language; `annals check` stays English.
//! Files of the broken corpus (`tests/bad/`) are loaded with the bundled manifest and each
//! diagnostic is rendered in Chinese and Russian: the words change, the place, the quoted line
//! and the caret do not.

use std::path::Path;

use annals::cli::bundled_dataset_path;
use annals::i18n::Language;
use annals::store::{Diagnostic, load_dataset};

/// The diagnostics of a dataset made of the bundled manifest and `tests/bad/NAME`.
fn diagnostics_of(name: &str) -> Vec<Diagnostic> {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/bad")
            .join(name),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        bundled_dataset_path().join("manifest.ron"),
        dir.path().join("manifest.ron"),
    )
    .unwrap();
    std::fs::write(dir.path().join("events.ron"), &text).unwrap();
    load_dataset(dir.path()).diagnostics
}

/// The first error of `name`, rendered in `language`.
fn first_error(name: &str, language: Language) -> String {
    diagnostics_of(name)
        .iter()
        .find(|d| d.is_error())
        .unwrap_or_else(|| panic!("{name}: no error"))
        .render_in(language)
}

#[test]
fn english_is_exactly_what_check_prints() {
    for name in ["unknown-field.ron", "duplicate-id.ron", "bad-status.ron"] {
        for d in diagnostics_of(name) {
            assert_eq!(d.render_in(Language::English), d.to_string());
            assert_eq!(d.message_in(Language::English), d.message);
        }
    }
}

#[test]
fn unknown_field_with_did_you_mean() {
    let zh = first_error("unknown-field.ron", Language::Chinese);
    assert!(
        zh.contains(": 错误: 事件中有未知字段 `participant`；可用字段："),
        "{zh}"
    );
    assert!(zh.contains("= 提示: 是不是 `participants`？"), "{zh}");
    let ru = first_error("unknown-field.ron", Language::Russian);
    assert!(
        ru.contains(": ошибка: неизвестное поле `participant` в событии; допустимые поля:"),
        "{ru}"
    );
    assert!(
        ru.contains("= подсказка: может быть, `participants`?"),
        "{ru}"
    );
    // The place, the quoted line and the caret are the same in every language.
    let en = first_error("unknown-field.ron", Language::English);
    let tail = |text: &str| text.lines().skip(1).take(3).collect::<Vec<_>>().join("\n");
    assert_eq!(tail(&zh), tail(&en));
    assert_eq!(tail(&ru), tail(&en));
    assert!(zh.contains("events.ron:5:9:"), "{zh}");
}

#[test]
fn missing_field_and_unknown_reference() {
    let ru = first_error("missing-title.ron", Language::Russian);
    assert!(ru.contains("в событии нет поля `title`"), "{ru}");
    assert!(ru.contains("добавьте в эту запись `title: ...,`"), "{ru}");
    let zh = first_error("missing-title.ron", Language::Chinese);
    assert!(zh.contains("事件缺少字段 `title`"), "{zh}");

    let ru = first_error("unknown-person.ron", Language::Russian);
    assert!(
        ru.contains("неизвестный человек «li-qian» в `participants`: в манифесте нет человека с таким идентификатором"),
        "{ru}"
    );
    assert!(ru.contains("может быть, «li-qiang»?"), "{ru}");
    let zh = first_error("unknown-person.ron", Language::Chinese);
    assert!(
        zh.contains("`participants` 中有未知的人物“li-qian”"),
        "{zh}"
    );
}

#[test]
fn duplicates_translate_their_note_too() {
    let ru = first_error("duplicate-id.ron", Language::Russian);
    assert!(
        ru.contains("повторяющийся идентификатор «a»: он уже есть у другого события"),
        "{ru}"
    );
    assert!(ru.contains(": примечание: впервые здесь"), "{ru}");
    let zh = first_error("duplicate-id.ron", Language::Chinese);
    assert!(zh.contains("ID“a”重复"), "{zh}");
    assert!(zh.contains(": 注: 首次使用于此"), "{zh}");
}

#[test]
fn every_diagnostic_of_the_corpus_has_words() {
    // Every diagnostic of the corpus comes from the message files, dates' reasons included.
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad");
    for entry in std::fs::read_dir(corpus).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        for d in diagnostics_of(&name) {
            assert!(d.words.is_some(), "{name}: {} has no words", d.message);
            assert_ne!(d.message_in(Language::Russian), d.message, "{name}");
        }
    }
}

#[test]
fn the_shape_of_a_file_in_other_languages() {
    let zh = first_error("unclosed-string.ron", Language::Chinese);
    assert!(zh.contains("此字符串没有用 `\"` 结束"), "{zh}");
    let ru = first_error("stray-hash.ron", Language::Russian);
    assert!(ru.contains("этот `#` не начинает атрибут"), "{ru}");
    assert!(
        ru.contains("атрибут пишется так: `#![enable(implicit_some)]`"),
        "{ru}"
    );
}

#[test]
fn dates_explain_themselves_in_every_language() {
    let ru = first_error("impossible-day.ron", Language::Russian);
    assert!(ru.contains(": ошибка: недопустимая дата \"2023-02-29\": дня 29 не существует: в феврале 2023 года 28 дней (2023 — не високосный год)"), "{ru}");
    let zh = first_error("month-13.ron", Language::Chinese);
    assert!(zh.contains("没有 13 月（月份为 01 到 12）"), "{zh}");
    let ru = first_error("span-backwards.ron", Language::Russian);
    assert!(ru.contains("промежуток кончается ("), "{ru}");
}

#[test]
fn a_manifest_colour_in_russian() {
    let manifest = std::fs::read_to_string(bundled_dataset_path().join("manifest.ron")).unwrap();
    let colour = manifest
        .find("\"#")
        .map(|at| &manifest[at..at + 9])
        .expect("the bundled manifest has colours");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("manifest.ron"),
        manifest.replacen(colour, "\"#12345\"", 1),
    )
    .unwrap();
    let loaded = load_dataset(dir.path());
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.message.starts_with("invalid colour"))
        .expect("the colour is refused");
    assert_eq!(
        d.message,
        "invalid colour \"#12345\": write it as \"#rrggbb\""
    );
    assert_eq!(
        d.message_in(Language::Russian),
        "недопустимый цвет \"#12345\": пишите его как \"#rrggbb\""
    );
}

#[test]
fn a_missing_comma_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        bundled_dataset_path().join("manifest.ron"),
        dir.path().join("manifest.ron"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("events.ron"),
        "[\n    (id: \"a\", title: \"T\" when: \"2024\", kind: \"visit\"),\n]\n",
    )
    .unwrap();
    let loaded = load_dataset(dir.path());
    let d = loaded.diagnostics.iter().find(|d| d.is_error()).unwrap();
    assert_eq!(d.message, "expected comma");
    assert_eq!(d.message_in(Language::Chinese), "此处应为逗号");
}
