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

#[path = "common/trilingual.rs"]
mod trilingual;

/// `annals export` of `root` in `lang`, written to `out` (or given back when `out` is `None`).
fn export_of(
    root: &std::path::Path,
    lang: &str,
    args: &[&str],
    out: Option<&std::path::Path>,
) -> String {
    let mut all = vec!["export", root.to_str().unwrap(), "--lang", lang];
    all.extend(args);
    if let Some(out) = out {
        all.extend(["--out", out.to_str().unwrap()]);
    }
    let (code, stdout, err) = annals(&all);
    assert_eq!(code, 0, "{all:?}: {stdout}{err}");
    stdout
}

#[test]
fn exports_of_a_translated_dataset_carry_no_english_label() {
    let dir = trilingual::trilingual();
    let root = dir.path();
    let out = tempfile::tempdir().unwrap();
    let files = out.path();
    for (lang, title, lane, period, count_word) in [
        ("zh", "睦邻合作", "定期会晤", "文化年", "可见"),
        (
            "ru",
            "Соседи за работой",
            "Регулярная встреча",
            "Годы культуры",
            "видно",
        ),
    ] {
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        let no_english = |what: &str, text: &str, squeezed: bool| {
            for english in trilingual::TRANSLATED_ENGLISH {
                let english = if squeezed {
                    squeeze(english)
                } else {
                    (*english).to_owned()
                };
                assert!(
                    !text.contains(&english),
                    "{lang} {what}: `{english}` in\n{text}"
                );
            }
            let in_view = if squeezed { "inview" } else { "in view" };
            assert!(!text.contains(in_view), "{lang} {what}: `in view`");
        };
        // The text exports.
        let markdown = export_of(root, lang, &["--format", "markdown"], None);
        assert!(markdown.starts_with(&format!("# {title}\n")), "{markdown}");
        no_english("Markdown", &markdown, false);
        let html = export_of(root, lang, &["--format", "html"], None);
        no_english("HTML", &html, false);
        let alt = if lang == "zh" {
            "长桌两侧的两国代表团"
        } else {
            "Две делегации за длинным столом"
        };
        assert!(html.contains(&format!("alt=\"{alt}\"")), "{html}");
        let calendar = export_of(root, lang, &["--format", "ics"], None);
        no_english("iCalendar", &calendar, false);
        assert!(
            calendar.contains(&format!("X-WR-CALNAME:{title}")),
            "{calendar}"
        );
        assert!(
            calendar.contains(&format!("CATEGORIES:{lane}")),
            "{calendar}"
        );
        let json = export_of(root, lang, &["--format", "timelinejs"], None);
        no_english("TimelineJS", &json, false);
        assert!(json.contains(period) && json.contains(alt), "{json}");
        let story = export_of(
            root,
            lang,
            &["--format", "markdown", "--storyline", "two-meetings"],
            None,
        );
        no_english("storyline handout", &story, false);
        // The drawings: the SVG's text, the PDFs' text read back.
        let svg = export_of(root, lang, &["--format", "svg", "--size", "1600x900"], None);
        no_english("SVG", &svg, false);
        for expected in [title, lane, period, "Treaties [en]"] {
            assert!(svg.contains(expected), "{lang} SVG: no {expected}");
        }
        for (kind, extra) in [
            ("handout", vec![]),
            ("poster", vec![]),
            ("deck", vec!["--storyline", "two-meetings", "--notes"]),
        ] {
            let file = files.join(format!("{kind}-{lang}.pdf"));
            let mut args = vec!["--format", "pdf", "--pdf", kind];
            args.extend(extra);
            export_of(root, lang, &args, Some(&file));
            let text = pdf_text(&lopdf::Document::load(&file).unwrap());
            no_english(kind, &text, true);
            // The timeline drawn in the handout and the poster: lane names and counts (the
            // period's name where its band has room for it: on the poster).
            let mut expected = vec![lane, count_word, "Treaties [en]"];
            match kind {
                "handout" => expected.push(title),
                "poster" => expected.push(period),
                _ => expected = vec![],
            }
            for expected in expected {
                assert!(
                    text.contains(&squeeze(expected)),
                    "{lang} {kind}: no {expected}\n{text}"
                );
            }
        }
        let deck =
            pdf_text(&lopdf::Document::load(files.join(format!("deck-{lang}.pdf"))).unwrap());
        let story_title = if lang == "zh" {
            "两次会晤"
        } else {
            "Двевстречи"
        };
        assert!(deck.contains(story_title), "{lang} deck: {deck}");
    }
}
