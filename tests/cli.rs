//! The command line, run as a user runs it.

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

/// The bundled manifest and one event with `participant` for `participants` (line 2, column 56).
fn dataset_with_a_typo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "data/china-russia/manifest.ron",
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

#[test]
fn check_passes_on_the_bundled_dataset() {
    let (code, out, _) = annals(&["check", "data/china-russia"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 error") || !out.contains("error:"), "{out}");
    assert!(
        out.contains("data/china-russia: 18 events in 4 files"),
        "{out}"
    );
}

#[test]
fn check_reports_errors_compiler_style_and_fails() {
    let dir = dataset_with_a_typo();
    let path = dir.path().to_str().unwrap();
    let (code, out, _) = annals(&["check", path]);
    assert_eq!(code, 1);
    let events = dir.path().join("events.ron");
    assert!(
        out.contains(&format!(
            "{}:2:56: error: unknown field `participant`",
            events.display()
        )),
        "{out}"
    );
    assert!(out.contains("2 |     (id: \"a\""), "{out}");
    assert!(
        out.contains("= hint: did you mean `participants`?"),
        "{out}"
    );
    assert!(out.contains("1 error"), "{out}");
}

#[test]
fn deny_warnings_turns_warnings_into_failure() {
    let (code, out, _) = annals(&["check", "--deny-warnings", "data/china-russia"]);
    assert_eq!(
        code, 1,
        "the bundled dataset has a warning for its series gap: {out}"
    );
    assert!(
        out.contains("warning: series \"hog-regular\" has no events numbered 2–26"),
        "{out}"
    );
}

#[test]
fn list_prints_events_in_chronological_order() {
    let (code, out, _) = annals(&["list", "data/china-russia"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 18);
    assert!(
        lines[0].starts_with("1949-10-02") && lines[0].contains("2 October 1949"),
        "{}",
        lines[0]
    );
    assert!(lines[3].starts_with("1996-12-27?") && lines[3].contains("27 December 1996 (?)"));
    let first_2024 = lines.iter().position(|l| l.starts_with("2024")).unwrap();
    assert!(lines[first_2024..].iter().all(|l| l.starts_with("2024")));
    assert!(
        lines
            .last()
            .unwrap()
            .contains("[li-qiang-putin-kremlin-2024]")
    );
}

#[test]
fn list_of_a_broken_dataset_prints_diagnostics_to_stderr() {
    let (code, out, err) = annals(&["list", "/no/such/folder"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("cannot open dataset folder"), "{err}");
}

#[test]
fn check_speaks_json_for_tools() {
    let dir = dataset_with_a_typo();
    let (code, out, _) = annals(&["check", "--format", "json", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).expect("one JSON object");
    assert_eq!(report["errors"], 1);
    assert_eq!(report["ok"], false);
    let d = &report["diagnostics"][0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["location"]["line"], 2);
    assert_eq!(d["location"]["column"], 56);
    assert_eq!(d["hint"], "did you mean `participants`?");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("unknown field `participant`")
    );

    let (code, out, _) = annals(&["check", "--format", "json", "data/china-russia"]);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (report["events"].as_u64(), report["warnings"].as_u64()),
        (Some(18), Some(1))
    );
}

#[test]
fn fmt_check_passes_on_the_bundled_dataset() {
    let (code, out, _) = annals(&["fmt", "--check", "data/china-russia"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 files would change"), "{out}");
}

#[test]
fn fmt_puts_files_in_the_canonical_layout_keeping_comments_and_data() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "data/china-russia/manifest.ron",
        dir.path().join("manifest.ron"),
    )
    .unwrap();
    let messy = "// Heading comment.\n[\n  // About a.\n  (kind: \"visit\", id: \"a\", when: \"2024\", title: \"A\", status: single_source), // a\n\n\n  (id: \"b\", title: \"B\", when: \"2025\",\n   kind: \"visit\", tags: [\"x\"],),\n]\n";
    let events = dir.path().join("events.ron");
    std::fs::write(&events, messy).unwrap();
    let path = dir.path().to_str().unwrap();
    let before = annals::store::load_dataset(dir.path()).dataset.unwrap();

    let (code, out, _) = annals(&["fmt", "--check", path]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("events.ron: not in the canonical layout"),
        "{out}"
    );
    assert_eq!(
        std::fs::read_to_string(&events).unwrap(),
        messy,
        "--check writes nothing"
    );

    let (code, out, _) = annals(&["fmt", path]);
    assert_eq!(code, 0, "{out}");
    let text = std::fs::read_to_string(&events).unwrap();
    for comment in ["// Heading comment.", "    // About a.", "), // a\n"] {
        assert!(text.contains(comment), "{comment:?} in\n{text}");
    }
    assert!(
        text.contains("    (\n        id: \"a\",\n        title: \"A\",\n"),
        "{text}"
    );
    let after = annals::store::load_dataset(dir.path()).dataset.unwrap();
    assert_eq!(before.events(), after.events());
    assert_eq!(annals(&["fmt", "--check", path]).0, 0);
}

#[test]
fn fmt_leaves_a_dataset_with_errors_alone() {
    let dir = dataset_with_a_typo();
    let events = dir.path().join("events.ron");
    let before = std::fs::read_to_string(&events).unwrap();
    let (code, out, _) = annals(&["fmt", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.contains("unknown field `participant`"), "{out}");
    assert!(out.contains("nothing was changed"), "{out}");
    assert_eq!(std::fs::read_to_string(&events).unwrap(), before);
}
