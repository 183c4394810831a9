//! Loading datasets: the bundled one, broken ones, and hostile files. Nothing may panic;
//! every problem is reported with its place.

use std::fs;
use std::path::Path;

use annals::cli::bundled_dataset_path;
use annals::model::dataset::chronological_cmp;
use annals::store::{Diagnostic, Loaded, Severity, load_dataset};

const MANIFEST: &str = r##"(
    title: "Test",
    people: [(id: "li-qiang", name: (en: "Li Qiang", zh: "李强", ru: "Ли Цян"), country: "CN")],
    places: [(id: "moscow", name: (en: "Moscow"))],
    categories: [(id: "visit", label: "Visit", colour: "#d62728")],
    series: [(id: "hog", title: "Meetings", item: "meeting")],
)"##;

fn dataset_with(events: &str) -> (tempfile::TempDir, Loaded) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("manifest.ron"), MANIFEST).unwrap();
    fs::write(dir.path().join("events.ron"), events).unwrap();
    let loaded = load_dataset(dir.path());
    (dir, loaded)
}

fn errors(loaded: &Loaded) -> Vec<&Diagnostic> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

fn at(d: &Diagnostic) -> (usize, usize) {
    let l = d.location.as_ref().expect("diagnostic has a location");
    (l.line, l.col)
}

#[test]
fn bundled_dataset_loads_clean_and_in_order() {
    let loaded = load_dataset(&bundled_dataset_path());
    assert_eq!(loaded.error_count(), 0, "{:#?}", loaded.diagnostics);
    let ds = loaded.dataset.expect("dataset");
    for pair in ds.events().windows(2) {
        assert_eq!(
            chronological_cmp(&pair[0], &pair[1]),
            std::cmp::Ordering::Less
        );
    }
    for id in [
        "hog-mechanism-1996",
        "hog-01",
        "hog-27",
        "hog-28",
        "hog-29",
        "putin-state-visit-2024",
        "years-of-culture-opening",
        "astana-2024",
        "li-qiang-putin-kremlin-2024",
        "joint-communique-29",
        "investment-outline-2024",
        "diplomatic-relations-1949",
        "trade-2013",
        "trade-2023",
    ] {
        let e = ds.by_id(id).unwrap_or_else(|| panic!("missing {id}"));
        assert!(!e.sources.is_empty(), "{id} cites a source");
    }
    assert_eq!(ds.by_id("hog-01").unwrap().when.to_edtf(), "1996-12-27?");
    assert_eq!(
        ds.by_id("putin-state-visit-2024").unwrap().when.human(),
        "16–17 May 2024"
    );
    let relations = ds.by_id("diplomatic-relations-1949").unwrap();
    assert!(
        relations
            .note
            .as_ref()
            .unwrap()
            .to_string()
            .contains("3 October")
    );
    // Series neighbours: 28th ↔ 29th.
    let hog28 = ds.index_of("hog-28").unwrap();
    assert_eq!(ds.next_in_series(hog28), ds.index_of("hog-29"));
    assert_eq!(ds.previous_in_series(hog28), ds.index_of("hog-27"));
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let (_dir, loaded) = dataset_with(
        r#"[
    (id: "a", title: "Bad date", when: "2023-02-29", kind: "visit"),
    (id: "b", title: "Typo", when: "2024", kind: "visit", participant: ["li-qiang"]),
    (id: "c", title: "Refs", when: "2024", kind: "vist", place: "mosow", participants: ["li-qiang", "nobody"], related: ["zzz"], series: (id: "hogg", ordinal: 3)),
    (id: "c", title: "Duplicate", when: "2024", kind: "visit", sources: [(publisher: "P")]),
]
"#,
    );
    assert!(loaded.dataset.is_none());
    let errs = errors(&loaded);
    let find = |needle: &str| {
        errs.iter()
            .find(|d| d.message.contains(needle))
            .unwrap_or_else(|| panic!("no error containing {needle:?} in {errs:#?}"))
    };
    let date = find("invalid date \"2023-02-29\"");
    assert_eq!(at(date), (2, 40));
    assert!(date.message.contains("February 2023 has 28 days"));

    let field = find("unknown field `participant`");
    assert_eq!(at(field), (3, 59));
    assert_eq!(field.hint.as_deref(), Some("did you mean `participants`?"));
    assert!(
        field.message.contains("participants, summary"),
        "lists the valid fields"
    );

    assert_eq!(at(find("unknown category \"vist\"")), (4, 50));
    assert_eq!(
        find("unknown category \"vist\"").hint.as_deref(),
        Some("did you mean \"visit\"?")
    );
    assert_eq!(at(find("unknown place \"mosow\"")), (4, 65));
    assert_eq!(at(find("unknown person \"nobody\"")), (4, 101));
    assert_eq!(at(find("unknown event \"zzz\"")), (4, 122));
    assert_eq!(at(find("unknown series \"hogg\"")), (4, 143));

    let dup = find("duplicate id \"c\"");
    assert_eq!(at(dup), (5, 10));
    assert_eq!(dup.notes.len(), 1, "points at the first use too");
    assert_eq!((dup.notes[0].1.line, dup.notes[0].1.col), (4, 10));
    assert_eq!(errs.len(), 8, "{errs:#?}");
}

#[test]
fn rendered_diagnostic_has_path_line_column_snippet_and_caret() {
    let (dir, loaded) =
        dataset_with("[\n    (id: \"a\", title: \"T\", when: \"2024-13\", kind: \"visit\"),\n]\n");
    let text = errors(&loaded)[0].to_string();
    let path = dir.path().join("events.ron");
    let expected = format!(
        "{}:2:33: error: invalid date \"2024-13\": month 13 does not exist (months are 01 to 12)\n  |\n2 |     (id: \"a\", title: \"T\", when: \"2024-13\", kind: \"visit\"),\n  |                                 ^^^^^^^^^\n",
        path.display()
    );
    assert_eq!(text, expected);
}

#[test]
fn warnings_do_not_stop_the_load() {
    let (_dir, loaded) = dataset_with(
        r#"[
    (id: "m1", title: "First", when: "2020", kind: "visit", series: (id: "hog", ordinal: 1), sources: [(publisher: "P", url: "javascript:alert(1)")]),
    (id: "m4", title: "Fourth", when: "2019", kind: "visit", series: (id: "hog", ordinal: 4), sources: [(publisher: "P")]),
    (id: "none", title: "No source", when: "2021", kind: "visit", status: disputed),
]"#,
    );
    assert_eq!(loaded.error_count(), 0, "{:#?}", loaded.diagnostics);
    assert!(loaded.dataset.is_some());
    let messages: Vec<&str> = loaded
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    let has = |needle: &str| {
        assert!(
            messages.iter().any(|m| m.contains(needle)),
            "{needle:?} not in {messages:#?}"
        );
    };
    has("event \"none\" cites no source");
    has("has no events numbered 2–3");
    has("number 4 of series \"hog\" (2019) is dated before number 1 (2020)");
    has("\"javascript:alert(1)\" is not an http(s) address");
    has("disputed but has no note");
}

#[test]
fn hostile_files_never_panic_and_say_what_is_wrong() {
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", b"".to_vec(), "holds no events"),
        (
            "only comments",
            b"// nothing yet\n/* still nothing */".to_vec(),
            "holds no events",
        ),
        ("empty list", b"[]".to_vec(), "holds no events"),
        (
            "truncated",
            br#"[ (id: "a", title: "T", when: "2024""#.to_vec(),
            "never closed",
        ),
        (
            "truncated string",
            br#"[ (id: "a", title: "T"#.to_vec(),
            "string is never closed",
        ),
        (
            "binary",
            vec![
                0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0xff, 0xfe,
            ],
            "not UTF-8 text",
        ),
        (
            "nul bytes",
            b"[\0\0\0]".to_vec(),
            "1:2: error: expected a record `( ... )`",
        ),
        (
            "not a list",
            br#"(id: "a")"#.to_vec(),
            "expected a list of events",
        ),
        (
            "wrong type for a string",
            br#"[(id: 5, title: "T", when: "2024", kind: "visit")]"#.to_vec(),
            "`id`: expected a string",
        ),
        (
            "wrong type for a list",
            br#"[(id: "a", title: "T", when: "2024", kind: "visit", participants: "li-qiang")]"#
                .to_vec(),
            "`participants`: expected a list",
        ),
        (
            "wrong type for a date",
            br#"[(id: "a", title: "T", when: 2024, kind: "visit")]"#.to_vec(),
            "`when`: expected a string",
        ),
        (
            "deep nesting",
            format!("[{}]", "[".repeat(100_000)).into_bytes(),
            "never closed",
        ),
        (
            "deep nesting closed",
            format!("[({}{})]", "[".repeat(5_000), "]".repeat(5_000)).into_bytes(),
            "1:3: error: expected identifier",
        ),
        ("unbalanced", b"[ (id: \"a\"] ]".to_vec(), "expected `)`"),
        ("stray closer", b"[ ) ]".to_vec(), "nothing here is open"),
        (
            "garbage after",
            b"[] trailing".to_vec(),
            "after the end of the list",
        ),
        (
            "unicode garbage",
            "[ (李强: «ü», 😀) ]".as_bytes().to_vec(),
            "1:4: error: unknown field `李强` in an event",
        ),
    ];
    for (name, bytes, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("manifest.ron"), MANIFEST).unwrap();
        fs::write(dir.path().join("events.ron"), &bytes).unwrap();
        let loaded = load_dataset(dir.path());
        let all: String = loaded
            .diagnostics
            .iter()
            .map(std::string::ToString::to_string)
            .collect();
        assert!(!loaded.diagnostics.is_empty(), "{name}: no diagnostic");
        assert!(
            all.contains(expected),
            "{name}: expected {expected:?} in\n{all}"
        );
    }
}

#[test]
fn a_huge_file_is_read_or_refused_cleanly() {
    // 20,000 valid events in one 3 MB file load fine.
    let mut text = String::from("[\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "    (id: \"e{i}\", title: \"Event {i}\", when: \"{}-{:02}-{:02}\", kind: \"visit\", sources: [(publisher: \"P\")]),\n",
            1900 + i % 120,
            1 + i % 12,
            1 + i % 28
        ));
    }
    text.push(']');
    let (_dir, loaded) = dataset_with(&text);
    assert_eq!(loaded.error_count(), 0);
    assert_eq!(loaded.dataset.unwrap().len(), 20_000);

    // A long single line of garbage gives one error, not a crash or a flood.
    let (_dir, loaded) = dataset_with(&"x".repeat(5_000_000));
    assert_eq!(loaded.error_count(), 1);
}

#[test]
fn manifest_problems_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("events.ron"), "[]").unwrap();
    let loaded = load_dataset(dir.path());
    assert!(loaded.diagnostics[0].message.contains("no manifest.ron"));

    fs::write(
        dir.path().join("manifest.ron"),
        "(title: \"T\", categories: [(id: \"a\", label: \"A\", colour: \"red\"), (id: \"a\", label: \"B\", colour: \"#000000\")])",
    )
    .unwrap();
    let loaded = load_dataset(dir.path());
    let text: String = loaded
        .diagnostics
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
    assert!(text.contains("invalid colour \"red\""), "{text}");

    fs::write(
        dir.path().join("manifest.ron"),
        "(title: \"T\", categories: [(id: \"a\", label: \"A\", colour: \"#ff0000\"), (id: \"a\", label: \"B\", colour: \"#000000\")])",
    )
    .unwrap();
    let loaded = load_dataset(dir.path());
    let dup = loaded
        .diagnostics
        .iter()
        .find(|d| d.message.contains("duplicate category id \"a\""))
        .unwrap();
    assert_eq!(at(dup), (1, 74));

    let missing = load_dataset(Path::new("/definitely/not/here"));
    assert!(
        missing.diagnostics[0]
            .message
            .contains("cannot open dataset folder")
    );
}

#[test]
fn a_file_inside_the_folder_opens_the_folder() {
    let loaded = load_dataset(&bundled_dataset_path().join("manifest.ron"));
    assert!(loaded.dataset.is_some());
}

#[test]
fn storylines_are_read_from_briefings_and_checked() {
    let loaded = load_dataset(&bundled_dataset_path());
    assert_eq!(loaded.error_count(), 0, "{:#?}", loaded.diagnostics);
    let names: Vec<&str> = loaded.storylines.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "partnership-to-no-limits",
            "regular-meetings",
            "summits-2024"
        ]
    );
    let steps = loaded.storylines[0]
        .1
        .resolve(loaded.dataset.as_ref().unwrap());
    assert_eq!(steps.len(), loaded.storylines[0].1.steps.len());

    let (dir, _) = dataset_with(
        "[(id: \"a\", title: \"A\", when: \"2024\", kind: \"visit\", sources: [(publisher: \"P\")])]",
    );
    let briefings = dir.path().join("briefings");
    fs::create_dir(&briefings).unwrap();
    fs::write(
        briefings.join("good.ron"),
        "(title: \"Good\", steps: [(event: \"a\", caption: \"c\")])",
    )
    .unwrap();
    fs::write(
        briefings.join("refs.ron"),
        "(\n    title: \"Refs\",\n    steps: [\n        (event: \"b\"),\n        (caption: \"nothing\"),\n        (window: \"2024\", filter: (categories: [\"visits\"])),\n    ],\n)\n",
    )
    .unwrap();
    fs::write(
        briefings.join("typo.ron"),
        "(title: \"Typo\", steps: [(event: \"a\", captoin: \"c\")])",
    )
    .unwrap();
    let loaded = load_dataset(dir.path());
    assert!(
        loaded.dataset.is_some(),
        "storyline problems do not stop the data"
    );
    let names: Vec<&str> = loaded.storylines.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["good"], "storylines with errors are left out");
    let errors = errors(&loaded);
    let find = |text: &str| {
        errors
            .iter()
            .find(|d| d.message.contains(text))
            .unwrap_or_else(|| panic!("no error with {text:?} in {errors:#?}"))
    };
    let unknown = find("step 1: unknown event \"b\"");
    assert_eq!(at(unknown), (4, 17));
    assert_eq!(unknown.hint.as_deref(), Some("did you mean `a`?"));
    assert_eq!(at(find("step 2 shows nothing")), (5, 19));
    let category = find("step 3: unknown category \"visits\"");
    assert_eq!(at(category), (6, 48));
    assert_eq!(category.hint.as_deref(), Some("did you mean `visit`?"));
    let typo = find("unknown field `captoin`");
    assert_eq!(typo.hint.as_deref(), Some("did you mean `caption`?"));
    assert!(
        typo.location
            .as_ref()
            .unwrap()
            .file
            .ends_with("briefings/typo.ron")
    );
}
