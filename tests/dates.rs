//! Dates in exports follow the language asked for: a handout's events and sources, its
//! range of years, and the citation copied for a note. The command line stays English.

use annals::cli::bundled_dataset_path;
use annals::export::{Handout, Selection, event_citation, handout_html, handout_markdown};
use annals::model::{Dataset, Language};

fn bundled() -> Dataset {
    annals::store::load_dataset(&bundled_dataset_path())
        .dataset
        .expect("the bundled dataset loads")
}

#[test]
fn handouts_and_citations_write_dates_in_the_language() {
    let dataset = bundled();
    let ids = ["hog-27", "hog-29"];
    let indices: Vec<_> = ids.iter().map(|id| dataset.index_of(id).unwrap()).collect();
    let selection = Selection::of_events(&dataset, indices.iter().copied());
    let cases = [
        (
            Language::English,
            ["5 December 2022 (?)", "21 August 2024"],
            "22 August 2024",
            "2022–2024",
        ),
        (
            Language::Chinese,
            ["2022年12月5日（存疑）", "2024年8月21日"],
            "2024年8月22日",
            "2022年至2024年",
        ),
        (
            Language::Russian,
            ["5 декабря 2022 г. (под вопросом)", "21 августа 2024 г."],
            "22 августа 2024 г.",
            "2022–2024 гг.",
        ),
    ];
    for (language, whens, published, years) in cases {
        let handout = Handout::new(&dataset, &selection, language);
        let shown: Vec<&str> = handout.items.iter().map(|i| i.when.as_str()).collect();
        assert_eq!(shown, whens, "{language:?}");
        assert!(
            handout.count.contains(years),
            "{language:?}: {}",
            handout.count
        );
        let markdown = handout_markdown(&dataset, &selection, language);
        assert!(markdown.contains(published), "{language:?}: {markdown}");
        let html = handout_html(&dataset, &selection, language);
        assert!(html.contains(published), "{language:?}");
        let citation = event_citation(&dataset, indices[1], language);
        assert!(citation.contains(&format!("({}, ", whens[1])), "{citation}");
        assert!(citation.contains(published), "{citation}");
        if language != Language::English {
            assert!(
                !markdown.contains("August 2024"),
                "{language:?}: {markdown}"
            );
        }
    }
}

#[test]
fn the_command_line_lists_dates_in_english() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(["list"])
        .arg(bundled_dataset_path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("21 August 2024"), "{text}");
    assert!(!text.contains("августа") && !text.contains("年8月"));
}
