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
        out.contains("data/china-russia: 56 events in 4 files"),
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
    assert_eq!(code, 0, "the bundled dataset has no warnings: {out}");
    // A dataset whose only problem is a gap in a series' numbering.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "data/china-russia/manifest.ron",
        dir.path().join("manifest.ron"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("events.ron"),
        "[\n    (id: \"a\", title: \"A\", when: \"2023\", kind: \"regular-meeting\", sources: [(publisher: \"P\")], series: (id: \"hog-regular\", ordinal: 1)),\n    (id: \"b\", title: \"B\", when: \"2024\", kind: \"regular-meeting\", sources: [(publisher: \"P\")], series: (id: \"hog-regular\", ordinal: 4)),\n]\n",
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    assert_eq!(annals(&["check", path]).0, 0, "warnings alone pass");
    let (code, out, _) = annals(&["check", "--deny-warnings", path]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("warning: series \"hog-regular\" has no events numbered 2–3"),
        "{out}"
    );
}

#[test]
fn list_prints_events_in_chronological_order() {
    let (code, out, _) = annals(&["list", "data/china-russia"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 56);
    assert!(
        lines[0].starts_with("1949-10-02") && lines[0].contains("2 October 1949"),
        "{}",
        lines[0]
    );
    assert!(lines[4].starts_with("1996-12-27?") && lines[4].contains("27 December 1996 (?)"));
    let first_2024 = lines.iter().position(|l| l.starts_with("2024")).unwrap();
    let first_2025 = lines.iter().position(|l| l.starts_with("2025")).unwrap();
    assert!(
        lines[first_2024..first_2025]
            .iter()
            .all(|l| l.starts_with("2024"))
    );
    assert!(lines[first_2025..].iter().all(|l| l.starts_with("2025")));
    assert!(lines.last().unwrap().contains("[hog-30]"));
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
        (Some(56), Some(0))
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

/// Lines of an iCalendar text, unfolded (a line starting with a space continues the last).
fn ics_lines(text: &str) -> Vec<String> {
    assert!(text.ends_with("\r\n"));
    let mut lines: Vec<String> = Vec::new();
    for raw in text.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(!raw.contains('\n'), "bare newline in {raw:?}");
        assert!(raw.len() <= 75, "line longer than 75 octets: {raw:?}");
        match raw.strip_prefix(' ') {
            Some(rest) => lines.last_mut().unwrap().push_str(rest),
            None => lines.push(raw.to_owned()),
        }
    }
    lines
}

#[test]
fn ics_export_parses_back_with_all_day_events_and_exclusive_ends() {
    let (code, out, _) = annals(&["export", "--format", "ics", "data/china-russia"]);
    assert_eq!(code, 0);
    let lines = ics_lines(&out);
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    let mut events: Vec<std::collections::HashMap<String, String>> = Vec::new();
    for line in &lines {
        match line.as_str() {
            "BEGIN:VEVENT" => events.push(Default::default()),
            "END:VEVENT" => {}
            _ => {
                if let Some(event) = events.last_mut() {
                    let (name, value) = line.split_once(':').unwrap();
                    event.insert(name.to_owned(), value.to_owned());
                }
            }
        }
    }
    assert_eq!(events.len(), 56);
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y%m%d").unwrap();
    for e in &events {
        let start = day(&e["DTSTART;VALUE=DATE"]);
        let end = day(&e["DTEND;VALUE=DATE"]);
        assert!(end > start, "{e:?}");
        assert!(e["UID"].ends_with("@annals"));
    }
    let by_uid = |uid: &str| {
        events
            .iter()
            .find(|e| e["UID"] == format!("{uid}@annals"))
            .unwrap()
    };
    let hog29 = by_uid("hog-29");
    assert_eq!(hog29["DTSTART;VALUE=DATE"], "20240821");
    assert_eq!(
        hog29["DTEND;VALUE=DATE"], "20240822",
        "DTEND is the day after"
    );
    assert_eq!(hog29["LOCATION"], "Moscow");
    let visit = by_uid("putin-state-visit-2024");
    assert_eq!(visit["DTEND;VALUE=DATE"], "20240518");
    assert!(by_uid("hog-01")["SUMMARY"].contains("date uncertain"));
    let trade = by_uid("trade-2023");
    assert_eq!(trade["DTSTART;VALUE=DATE"], "20230101");
    assert_eq!(trade["DTEND;VALUE=DATE"], "20240101");
    assert!(
        trade["SUMMARY"].contains("exact days not known"),
        "{trade:?}"
    );
    // Text is escaped: commas and semicolons carry a backslash.
    assert!(visit["DESCRIPTION"].contains("\\,"));
}

#[test]
fn timelinejs_export_has_every_event_with_date_objects_and_groups() {
    let (code, out, _) = annals(&["export", "--format", "timelinejs", "data/china-russia"]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let events = doc["events"].as_array().unwrap();
    assert_eq!(events.len(), 56);
    assert!(
        doc["title"]["text"]["headline"]
            .as_str()
            .unwrap()
            .contains("China")
    );
    for e in events {
        assert!(e["start_date"]["year"].is_i64(), "{e}");
        assert!(!e["text"]["headline"].as_str().unwrap().is_empty());
        assert!(e["group"].is_string());
        assert!(e["unique_id"].is_string());
    }
    let find = |id: &str| events.iter().find(|e| e["unique_id"] == id).unwrap();
    let visit = find("putin-state-visit-2024");
    assert_eq!(visit["start_date"]["month"], 5);
    assert_eq!(visit["start_date"]["day"], 16);
    assert_eq!(visit["end_date"]["day"], 17);
    assert_eq!(visit["group"], "Visit or summit");
    let uncertain = find("hog-01");
    assert_eq!(
        uncertain["start_date"]["display_date"],
        "27 December 1996 (?)"
    );
    assert!(find("trade-2023")["start_date"].get("month").is_none());
    assert_eq!(doc["eras"].as_array().unwrap().len(), 1);
}

#[test]
fn handouts_hold_every_event_and_every_source() {
    let dataset = annals::store::load_dataset(std::path::Path::new("data/china-russia"))
        .dataset
        .unwrap();
    let (code, html, _) = annals(&["export", "--format", "html", "data/china-russia"]);
    assert_eq!(code, 0);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        !html.contains("<script") && !html.contains("src=\""),
        "self-contained"
    );
    let (_, markdown, _) = annals(&["export", "--format", "markdown", "data/china-russia"]);
    // The text a browser shows: entities decoded here, independently of the exporter.
    let shown = html
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    for event in dataset.events() {
        assert!(html.contains(&format!("<section id=\"{}\">", event.id)));
        assert!(
            shown.contains(&event.title.to_string()),
            "{} in the HTML",
            event.title
        );
        assert!(
            markdown.contains(&event.title.to_string()),
            "{} in the Markdown",
            event.title
        );
        for source in &event.sources {
            assert!(shown.contains(&*source.publisher), "{}", source.publisher);
            assert!(markdown.contains(&*source.publisher));
            if let Some(url) = source.url.as_deref() {
                assert!(shown.contains(&format!("href=\"{url}\"")), "{url}");
            }
        }
    }
    assert!(markdown.starts_with("# China"));
    assert!(markdown.contains("## Sources\n\n1. "));
    assert!(markdown.contains("Sources: [1]"));
}

#[test]
fn a_storyline_exports_its_steps_with_captions() {
    let (code, out, _) = annals(&[
        "export",
        "--format",
        "markdown",
        "--storyline",
        "regular-meetings",
        "data/china-russia",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("# Thirty years of regular meetings\n"));
    assert!(out.contains("*The 29th regular meeting, Moscow, 21 August 2024.*"));
    let (code, out, _) = annals(&[
        "export",
        "--format",
        "markdown",
        "--storyline",
        "nope",
        "data/china-russia",
    ]);
    assert_eq!(code, 1);
    assert!(out.contains("no storyline `nope`"), "{out}");
}

#[test]
fn timelinejs_import_then_export_keeps_headlines_dates_and_groups() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.json");
    let (code, _, _) = annals(&[
        "export",
        "--format",
        "timelinejs",
        "data/china-russia",
        "--out",
        first.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let imported = dir.path().join("imported");
    let (code, out, _) = annals(&[
        "import",
        "timelinejs",
        first.to_str().unwrap(),
        imported.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("56 events"), "{out}");
    assert!(out.contains("check: 0 errors"), "{out}");
    let (code, again, _) = annals(&[
        "export",
        "--format",
        "timelinejs",
        imported.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let key = |doc: &serde_json::Value| {
        let mut rows: Vec<String> = doc["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let date = |d: &serde_json::Value| {
                    format!(
                        "{}-{}-{}",
                        d["year"],
                        d.get("month").unwrap_or(&0.into()),
                        d.get("day").unwrap_or(&0.into())
                    )
                };
                format!(
                    "{} | {} | {} | {}",
                    e["text"]["headline"],
                    date(&e["start_date"]),
                    e.get("end_date").map(date).unwrap_or_default(),
                    e["group"]
                )
            })
            .collect();
        rows.sort();
        rows
    };
    let original: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&first).unwrap()).unwrap();
    let round: serde_json::Value = serde_json::from_str(&again).unwrap();
    assert_eq!(key(&original), key(&round));
    // Importing over a folder that has files in it is refused.
    let (code, out, _) = annals(&[
        "import",
        "timelinejs",
        first.to_str().unwrap(),
        imported.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(out.contains("not empty"), "{out}");
}

#[test]
fn the_csv_template_imports_and_bad_rows_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("sheet.csv");
    std::fs::write(
        &csv,
        "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n\
         ,,,,,,,,,Relations at a glance,\"A test, with commas\",,,,,title,,\n\
         2024,5,16,,2024,5,17,,,State visit,\"Two days in Beijing and Harbin.\",https://example.org/a,Example News,,,,Visits,\n\
         2024,8,21,,,,,,,Regular meeting,,,,,,,Meetings,\n\
         ,,,,,,,,,No year here,,,,,,,Meetings,\n\
         2024,2,30,,,,,,,Impossible day,,,,,,,Meetings,\n\
         2024,1,1,,2025,12,31,,,Years of Culture,,,,,,era,,\n",
    )
    .unwrap();
    let out_dir = dir.path().join("imported");
    let (code, out, _) = annals(&[
        "import",
        "timelinejs",
        csv.to_str().unwrap(),
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("“Relations at a glance”, 2 events, 2 categories, 1 period"),
        "{out}"
    );
    assert!(
        out.contains("not converted: line 5 (“No year here”): it has no start year"),
        "{out}"
    );
    assert!(
        out.contains("not converted: line 6 (“Impossible day”)"),
        "{out}"
    );
    let loaded = annals::store::load_dataset(&out_dir);
    assert_eq!(loaded.error_count(), 0, "{:#?}", loaded.diagnostics);
    let dataset = loaded.dataset.unwrap();
    let visit = dataset.by_id("state-visit").unwrap();
    assert_eq!(visit.when.to_edtf(), "2024-05-16/2024-05-17");
    assert_eq!(&*visit.sources[0].publisher, "Example News");
    assert_eq!(dataset.manifest.periods.len(), 1);
}

#[test]
fn png_export_draws_the_timeline_and_a_slide_per_step() {
    let dir = tempfile::tempdir().unwrap();
    let view = dir.path().join("view.png");
    let (code, out, _) = annals(&[
        "export",
        "--format",
        "png",
        "--size",
        "640x360",
        "--out",
        view.to_str().unwrap(),
        "data/china-russia",
    ]);
    assert_eq!(code, 0, "{out}");
    let decode = |path: &std::path::Path| {
        let decoder =
            png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        buf.truncate(info.buffer_size());
        (info.width, info.height, buf)
    };
    let (w, h, pixels) = decode(&view);
    assert_eq!((w, h), (640, 360));
    let colours: std::collections::HashSet<&[u8]> = pixels.chunks(3).collect();
    assert!(
        colours.len() > 50,
        "a drawing, not a blank: {} colours",
        colours.len()
    );

    let slides = dir.path().join("slides");
    let (code, out, _) = annals(&[
        "export",
        "--format",
        "png",
        "--storyline",
        "regular-meetings",
        "--size",
        "480x270",
        "--out",
        slides.to_str().unwrap(),
        "data/china-russia",
    ]);
    assert_eq!(code, 0, "{out}");
    let files: Vec<_> = out.lines().collect();
    assert_eq!(files.len(), 13, "{out}");
    assert!(files[0].ends_with("step-01.png"));
    let first = decode(std::path::Path::new(files[0]));
    let second = decode(std::path::Path::new(files[1]));
    assert_eq!((first.0, first.1), (480, 270));
    assert_ne!(first.2, second.2, "each step is its own picture");
}

#[test]
fn ics_export_lists_events_before_year_one_as_left_out() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("manifest.ron"),
        "(title: \"T\", categories: [(id: \"visit\", label: \"Visit\", colour: \"#123456\")])",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("events.ron"),
        "[\n    (id: \"ides\", title: \"The Ides of March\", when: \"-0043-03-15\", kind: \"visit\", sources: [(publisher: \"P\")]),\n    (id: \"later\", title: \"Later\", when: \"2024-05-16\", kind: \"visit\", sources: [(publisher: \"P\")]),\n]\n",
    )
    .unwrap();
    let (code, out, err) = annals(&["export", "--format", "ics", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let lines = ics_lines(&out);
    assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 1);
    assert!(lines.iter().any(|l| l == "UID:later@annals"));
    assert!(!out.contains("Ides"), "not in the calendar");
    assert!(
        err.contains("left out ides: 15 March 44 BCE cannot be written in iCalendar"),
        "and said so: {err}"
    );
}

#[test]
fn export_writes_svg_and_every_kind_of_pdf_and_refuses_bad_pages() {
    let dir = tempfile::tempdir().unwrap();
    let out = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    let (code, stdout, _) = annals(&[
        "export",
        "--format",
        "svg",
        "--size",
        "1200x700",
        "--out",
        &out("t.svg"),
        "data/china-russia",
    ]);
    assert_eq!(code, 0, "{stdout}");
    let svg = std::fs::read_to_string(out("t.svg")).unwrap();
    assert!(svg.contains("viewBox=\"0 0 1200 700\""), "{}", &svg[..300]);
    assert!(svg.contains("data-event=\"hog-29\""));
    for args in [
        vec!["--pdf", "handout", "--page", "Letter"],
        vec![
            "--pdf",
            "poster",
            "--page",
            "A2",
            "--orientation",
            "portrait",
        ],
        vec!["--pdf", "poster", "--tiles", "2x1", "--margin", "8"],
        vec!["--pdf", "deck", "--storyline", "summits-2024", "--notes"],
    ] {
        let file = out("x.pdf");
        let mut all = vec!["export", "--format", "pdf", "--out", &file];
        all.extend(args.iter().copied());
        all.push("data/china-russia");
        let (code, stdout, stderr) = annals(&all);
        assert_eq!(code, 0, "{args:?}: {stdout}{stderr}");
        let bytes = std::fs::read(&file).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "{args:?}");
        assert!(bytes.len() > 10_000, "{args:?}");
    }
    let (code, _, stderr) = annals(&[
        "export",
        "--format",
        "pdf",
        "--page",
        "B7",
        "--out",
        &out("y.pdf"),
        "data/china-russia",
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("`B7` is not a page size"), "{stderr}");
    let (code, stdout, _) = annals(&["export", "--format", "pdf", "data/china-russia"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("a PDF needs --out FILE.pdf"), "{stdout}");
}

#[test]
fn import_makes_ids_unique_so_the_new_dataset_checks() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("timeline.json");
    // Two eras and three slides sharing a headline, and two pictures sharing a name.
    let era = |year: i32| {
        serde_json::json!({
            "start_date": {"year": year}, "end_date": {"year": year + 4},
            "text": {"headline": "Cold war"},
        })
    };
    let slide = |year: i32, media: &str| {
        serde_json::json!({
            "start_date": {"year": year},
            "text": {"headline": "Summit"},
            "media": {"url": media},
        })
    };
    std::fs::create_dir_all(dir.path().join("a")).unwrap();
    std::fs::create_dir_all(dir.path().join("b")).unwrap();
    let png_a = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', 1];
    let png_b = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', 2];
    std::fs::write(dir.path().join("a/photo.png"), png_a).unwrap();
    std::fs::write(dir.path().join("b/photo.png"), png_b).unwrap();
    let doc = serde_json::json!({
        "events": [slide(1990, "a/photo.png"), slide(1991, "b/photo.png"), slide(1992, "")],
        "eras": [era(1950), era(1960), era(1970)],
    });
    std::fs::write(&json, doc.to_string()).unwrap();
    let out_dir = dir.path().join("imported");
    let (code, out, _) = annals(&[
        "import",
        "timelinejs",
        json.to_str().unwrap(),
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("3 events, 1 category, 3 periods"), "{out}");
    assert!(out.contains("check: 0 errors"), "{out}");
    let (code, checked, _) = annals(&["check", out_dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{checked}");
    let dataset = annals::store::load_dataset(&out_dir).dataset.unwrap();
    let periods: Vec<&str> = dataset
        .manifest
        .periods
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(periods, ["cold-war", "cold-war-2", "cold-war-3"]);
    let ids: Vec<&str> = dataset.events().iter().map(|e| &*e.id).collect();
    assert_eq!(ids, ["summit", "summit-2", "summit-3"]);
    // Both pictures kept, under two names.
    assert_eq!(
        std::fs::read(out_dir.join("media/photo.png")).unwrap(),
        png_a
    );
    assert_eq!(
        std::fs::read(out_dir.join("media/photo-2.png")).unwrap(),
        png_b
    );
    assert_eq!(
        &*dataset.by_id("summit-2").unwrap().media[0].file,
        "media/photo-2.png"
    );
}

/// One exit-code scheme (README, "Command line"): 0 done, 1 failed (the dataset's errors, a
/// check that found something, a file that cannot be read or written), 2 a wrong command
/// line. The same failure gives the same code whatever the format.
#[test]
fn the_same_failure_exits_with_the_same_code_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    // A folder that does not exist: no format can write there.
    let out = dir.path().join("no-such-folder/out");
    for format in ["png", "svg", "pdf", "html", "markdown", "timelinejs", "ics"] {
        let (code, stdout, stderr) = annals(&[
            "export",
            "--format",
            format,
            "--out",
            out.to_str().unwrap(),
            "data/china-russia",
        ]);
        assert_eq!(code, 1, "{format}: {stdout}{stderr}");
        assert!(
            stdout.contains(&format!("annals: cannot write `{}`", out.display())),
            "{format}: {stdout}{stderr}"
        );
    }
    // The dataset's errors: 1, for check and export alike.
    let bad = dataset_with_a_typo();
    let bad = bad.path().to_str().unwrap();
    assert_eq!(annals(&["check", bad]).0, 1);
    assert_eq!(annals(&["export", "--format", "ics", bad]).0, 1);
    // A wrong command line: 2, whether clap or Annals finds it.
    assert_eq!(
        annals(&["export", "--format", "gif", "data/china-russia"]).0,
        2
    );
    assert_eq!(
        annals(&["check", "--no-such-option", "data/china-russia"]).0,
        2
    );
    let (code, _, stderr) = annals(&[
        "export",
        "--format",
        "pdf",
        "--tiles",
        "0x0",
        "--out",
        out.to_str().unwrap(),
        "data/china-russia",
    ]);
    assert_eq!(code, 2, "{stderr}");
}

/// A small dataset with texts missing in some languages, in the manifest, an event file and
/// a storyline.
fn dataset_with_gaps() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("manifest.ron"),
        "(\n    title: (en: \"Gaps\", zh: \"缺口\"),\n    language: \"en\",\n    categories: [(id: \"visit\", label: \"Visit\", colour: \"#336699\")],\n)\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("events.ron"),
        "[\n    (\n        id: \"a\",\n        title: (en: \"Talks\", zh: \"会谈\", ru: \"Переговоры\"),\n        when: \"2024\",\n        kind: \"visit\",\n        summary: \"Only English\",\n        sources: [(publisher: \"P\", title: (en: \"Report\", ru: \"Доклад\"))],\n    ),\n]\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("briefings")).unwrap();
    std::fs::write(
        dir.path().join("briefings/story.ron"),
        "(title: (en: \"S\", zh: \"故事\", ru: \"История\"), steps: [(event: \"a\", caption: \"Look\")])\n",
    )
    .unwrap();
    dir
}

#[test]
fn translations_lists_every_missing_text_where_it_is_written() {
    let dir = dataset_with_gaps();
    let root = dir.path().to_str().unwrap();
    let (code, out, err) = annals(&["translations", root]);
    assert_eq!(code, 1, "{out}{err}");
    let lines: Vec<&str> = out.lines().collect();
    let at = |file: &str| dir.path().join(file).display().to_string();
    assert_eq!(
        lines,
        [
            format!("{}:2:12: title lacks ru: \"Gaps\"", at("manifest.ron")),
            format!(
                "{}:4:39: categories.label (visit) lacks zh, ru: \"Visit\"",
                at("manifest.ron")
            ),
            format!(
                "{}:7:18: summary (a) lacks zh, ru: \"Only English\"",
                at("events.ron")
            ),
            format!(
                "{}:8:43: sources.title (a) lacks zh: \"Report\"",
                at("events.ron")
            ),
            format!(
                "{}:1:75: steps.caption lacks zh, ru: \"Look\"",
                at("briefings/story.ron")
            ),
            format!(
                "{root}: 5 of 7 texts lack a language; en: 7 of 7 texts, zh: 3 of 7, ru: 3 of 7"
            ),
        ]
    );

    // One language only.
    let (code, out, _) = annals(&["translations", "--lang", "ru", root]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 5, "four texts and the summary: {out}");
    assert!(!out.contains("sources.title"), "{out}");

    // JSON for tools.
    let (code, out, _) = annals(&["translations", "--format", "json", "--lang", "zh", root]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).expect("one JSON object");
    let missing = report["missing"].as_array().unwrap();
    assert_eq!(missing.len(), 4);
    assert_eq!(missing[2]["file"], at("events.ron"));
    assert_eq!(
        (&missing[2]["line"], &missing[2]["column"]),
        (&serde_json::json!(8), &serde_json::json!(43))
    );
    assert_eq!(missing[2]["field"], "sources.title");
    assert_eq!(missing[2]["record"], "a");
    assert_eq!(missing[2]["missing"], serde_json::json!(["zh"]));
    assert_eq!(missing[2]["text"], "Report");
    assert_eq!(report["coverage"]["texts"], 7);
    assert_eq!(report["coverage"]["have"]["zh"], 3);
    assert_eq!(report["complete"], false);

    // `check` ends with the same coverage.
    let (_, out, _) = annals(&["check", root]);
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with(&format!("{root}: en: 7 of 7 texts, zh: 3 of 7, ru: 3 of 7")),
        "{out}"
    );

    // Complete: exit code 0. Not a dataset: 1, with the reason; a wrong option: 2.
    let (code, out, _) = annals(&["translations", "--lang", "en", root]);
    assert_eq!((code, out.lines().count()), (0, 1), "{out}");
    let (code, _, err) = annals(&["translations", "/no/such/folder"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("/no/such/folder"), "{err}");
    let (code, _, _) = annals(&["translations", "--lang", "fr", root]);
    assert_eq!(code, 2, "a usage error");
}

#[test]
fn check_reports_the_bundled_dataset_coverage() {
    let (_, out, _) = annals(&["check", "data/china-russia"]);
    let last = out.lines().last().unwrap();
    assert!(
        last.starts_with("data/china-russia: en: ")
            && last.contains(", zh: ")
            && last.contains(", ru: "),
        "{out}"
    );
    let (_, json, _) = annals(&["check", "--format", "json", "data/china-russia"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["translations"]["default"], "en");
    assert!(report["translations"]["texts"].as_u64().unwrap() > 200);
}

/// `check` counts the events' texts as it read them, without walking the event files again:
/// its coverage is the walk's, text for text, on a dataset with gaps, a pictures' dataset, the
/// bundled one and a generated one (whose texts are all plain English).
#[test]
fn checks_coverage_counted_from_the_records_is_the_walks() {
    use annals::store::translations::{coverage_with_events, dataset_coverage};
    let gaps = dataset_with_gaps();
    let generated = tempfile::tempdir().unwrap();
    let (code, out, err) = annals(&[
        "generate",
        "--events",
        "3000",
        generated.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let bundled = std::path::PathBuf::from("data/china-russia");
    for root in [gaps.path(), generated.path(), bundled.as_path()] {
        let loaded = annals::store::load_dataset(root);
        let dataset = loaded.dataset.expect("the dataset loads");
        let walked = dataset_coverage(root).unwrap();
        let counted = coverage_with_events(root, dataset.events()).unwrap();
        assert_eq!(counted.0, walked.0, "{}", root.display());
        assert_eq!(counted.1, walked.1, "{}", root.display());
        assert!(walked.1.texts > 0);
        assert!(walked.2.is_empty() && counted.2.is_empty());
    }
    // And what check prints is that count.
    let (_, out, _) = annals(&["check", gaps.path().to_str().unwrap()]);
    assert!(
        out.contains("en: 7 of 7 texts, zh: 3 of 7, ru: 3 of 7"),
        "{out}"
    );
}

/// The ids at the end of `annals list` lines.
fn listed_ids(out: &str) -> Vec<String> {
    out.lines()
        .map(|l| {
            let open = l.rfind('[').unwrap();
            l[open + 1..l.len() - 1].to_owned()
        })
        .collect()
}

#[test]
fn list_searches_and_filters_as_the_window_does() {
    let dataset = annals::store::load_dataset(std::path::Path::new("data/china-russia"))
        .dataset
        .unwrap();
    let ids_of = |found: Vec<usize>| -> Vec<String> {
        found
            .into_iter()
            .map(|i| dataset.events()[i].id.to_string())
            .collect()
    };
    // The search: the same events as the model's search, in the same order.
    let (code, out, err) = annals(&["list", "--search", "li qiang", "data/china-russia"]);
    assert_eq!(code, 0, "{err}");
    let listed = listed_ids(&out);
    let expected = ids_of(annals::model::query::Search::new("li qiang").run(&dataset));
    assert_eq!(listed, expected);
    assert!(listed.contains(&"hog-29".to_owned()));
    assert!(
        !listed.contains(&"hog-27".to_owned()),
        "Li Keqiang is not Li Qiang"
    );

    // Filters: a category and a person, as the window's filter has them.
    let (code, out, _) = annals(&[
        "list",
        "--category",
        "regular-meeting",
        "--participant",
        "li-qiang",
        "data/china-russia",
    ]);
    assert_eq!(code, 0);
    let mut filter = annals::model::query::Filter::default();
    filter.participants.insert("li-qiang".into());
    filter.hidden_categories = dataset
        .manifest
        .categories
        .iter()
        .map(|c| c.id.clone())
        .filter(|id| id != "regular-meeting")
        .collect();
    let expected: Vec<String> = dataset
        .events()
        .iter()
        .filter(|e| filter.matches(&dataset, e))
        .map(|e| e.id.to_string())
        .collect();
    assert_eq!(listed_ids(&out), expected);
    assert_eq!(expected, ["hog-28", "hog-29", "hog-30"]);

    // Search and filter together, titles in Chinese; Cyrillic search.
    let (code, out, _) = annals(&[
        "list",
        "--search",
        "Мишустин",
        "--category",
        "regular-meeting",
        "--lang",
        "zh",
        "data/china-russia",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("[hog-29]"), "{out}");
    assert!(out.contains("第二十九次"), "{out}");
    assert!(
        out.contains("2024年8月21日"),
        "the date in Chinese too: {out}"
    );
    assert!(!out.contains("[hog-18]"), "{out}");

    // An unknown id says what there is.
    let (code, out, err) = annals(&["list", "--category", "visits", "data/china-russia"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.contains("no category `visits`") && err.contains("did you mean `visit`?"),
        "{err}"
    );
}
