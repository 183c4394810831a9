//! `annals export --lang`: handouts, PDFs and the other exports say their own words
//! (headings, labels, counts, page numbers) in the language asked for; English by default;
//! an unknown language is refused with the list of choices.

#[path = "common/pdf.rs"]
mod pdf;
use pdf::pdf_text;

use std::process::Command;

fn annals(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run annals");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn export(format: &str, lang: Option<&str>) -> String {
    let mut args = vec!["export", "data/china-russia", "--format", format];
    if let Some(lang) = lang {
        args.extend(["--lang", lang]);
    }
    let (code, out, err) = annals(&args);
    assert_eq!(code, 0, "{err}");
    out
}

#[test]
fn markdown_handouts_in_three_languages() {
    let en = export("markdown", None);
    assert_eq!(en, export("markdown", Some("en")), "English is the default");
    assert!(en.contains("56 events, 1949–2025.\n"), "{en}");
    assert!(en.contains("\n## Sources\n"));
    assert!(en.contains("> **Note:** "));

    let ru = export("markdown", Some("ru"));
    assert!(ru.contains("56 событий (1949–2025 гг.).\n"), "{ru}");
    assert!(ru.contains("\n## Источники\n"));
    assert!(ru.contains("> **Примечание:** "));
    assert!(ru.contains("Источники: [1]"));
    assert!(ru.contains(" · спорное"), "a status in Russian");
    assert!(!ru.contains("## Sources") && !ru.contains("Note:"));

    let zh = export("markdown", Some("zh"));
    assert!(zh.contains("共 56 个事件，1949年至2025年。"), "{zh}");
    assert!(zh.contains("\n## 来源\n"));
    assert!(zh.contains("来源：[1]"));
    assert!(zh.contains("李强"), "names follow the language too");
}

#[test]
fn html_handouts_say_their_language() {
    let en = export("html", None);
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("<h2>Sources</h2>"));

    let zh = export("html", Some("zh"));
    assert!(zh.contains("<html lang=\"zh\">"), "{}", &zh[..200]);
    assert!(zh.contains("<h2>来源</h2>"));
    assert!(zh.contains("<p class=\"refs\">来源：<a href=\"#source-1\">[1]</a>"));
    assert!(zh.contains("<strong>注：</strong>"));

    let ru = export("html", Some("ru"));
    assert!(ru.contains("<html lang=\"ru\">"));
    assert!(ru.contains("<h2>Источники</h2>"));
    assert!(ru.contains("<p class=\"meta\">56 событий (1949–2025 гг.).</p>"));
}

#[test]
fn calendars_and_timelinejs_follow_too() {
    let ru = export("timelinejs", Some("ru"));
    assert!(ru.contains("<p>Источники:</p>"), "TimelineJS in Russian");
    assert!(!ru.contains("<p>Sources:</p>"));
    let zh = export("ics", Some("zh"));
    assert!(zh.contains("注："), "iCalendar notes in Chinese");
}

#[test]
fn an_unknown_language_is_refused_with_the_choices() {
    let (code, out, err) = annals(&[
        "export",
        "data/china-russia",
        "--format",
        "markdown",
        "--lang",
        "xx",
    ]);
    assert_eq!(code, 2, "{out}");
    assert!(out.is_empty());
    assert!(err.contains("'xx'"), "{err}");
    assert!(err.contains("[possible values: en, zh, ru]"), "{err}");
}

#[test]
fn pdf_handouts_and_decks_in_chinese_and_russian() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, sources, count, page_word) in [
        (
            "zh",
            "来源：[1]",
            "共56个事件，1949年至2025年。",
            "第1步备注",
        ),
        (
            "ru",
            "Источники:[1]",
            "56событий(1949–2025гг.).",
            "Заметкикшагу1",
        ),
    ] {
        let file = dir.path().join(format!("handout-{lang}.pdf"));
        let (code, out, err) = annals(&[
            "export",
            "data/china-russia",
            "--format",
            "pdf",
            "--lang",
            lang,
            "--out",
            file.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{out}{err}");
        let doc = lopdf::Document::load(&file).unwrap();
        let text = pdf_text(&doc);
        assert!(text.contains(count), "{lang}: {count}");
        assert!(text.contains(sources), "{lang}: {sources}");
        let catalog = doc.catalog().unwrap();
        assert_eq!(
            lopdf::decode_text_string(catalog.get(b"Lang").unwrap()).unwrap(),
            lang
        );
        if lang == "zh" {
            assert!(
                font_names(&doc).iter().any(|f| f.contains("NotoSansCJK")),
                "Chinese through the bundled CJK font"
            );
        }

        // A deck with presenter notes: the notes pages' headings.
        let deck = dir.path().join(format!("deck-{lang}.pdf"));
        let (code, out, err) = annals(&[
            "export",
            "data/china-russia",
            "--format",
            "pdf",
            "--pdf",
            "deck",
            "--storyline",
            "regular-meetings",
            "--notes",
            "--lang",
            lang,
            "--out",
            deck.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{out}{err}");
        let text = pdf_text(&lopdf::Document::load(&deck).unwrap());
        // The storyline's steps have presenter notes: their pages are headed in `lang`.
        assert!(text.contains(page_word), "{lang}: notes pages in {lang}");
        assert!(!text.contains("Notesforstep"), "{lang}: no English heading");
        assert!(!text.contains("Sources:"), "{lang}: no English label");
    }
}

/// The base names of the fonts the PDF embeds.
fn font_names(doc: &lopdf::Document) -> Vec<String> {
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(lopdf::Object::as_name).ok() == Some(b"FontDescriptor"))
        .filter_map(|d| d.get(b"FontName").ok()?.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect()
}
