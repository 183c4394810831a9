//! Working as a team through git: `annals merge-file` as git's merge driver (set up with
//! `annals git-setup`), in temporary repositories made with the `git` command.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use annals::cli::bundled_dataset_path;
use annals::store::load_dataset;
use annals::store::merge::{Side, conflict_blocks, resolve_conflict};

const ANNALS: &str = env!("CARGO_BIN_EXE_annals");

fn run(dir: &Path, program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .unwrap_or_else(|e| panic!("{program} {args:?}: {e}"))
}

fn git(dir: &Path, args: &[&str]) -> Output {
    let out = run(dir, "git", args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A repository holding a copy of the bundled dataset in `data/`, committed on `main`, with
/// the merge driver set up by `annals git-setup`.
fn repo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let data = root.join("data");
    fs::create_dir_all(data.join("briefings")).unwrap();
    let bundled = bundled_dataset_path();
    for sub in ["", "briefings"] {
        for entry in fs::read_dir(bundled.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "ron") {
                fs::copy(&path, data.join(sub).join(path.file_name().unwrap())).unwrap();
            }
        }
    }
    git(&root, &["init", "-q", "-b", "main"]);
    git(&root, &["config", "user.name", "Ann Alyst"]);
    git(&root, &["config", "user.email", "ann@example.org"]);
    let setup = run(&root, ANNALS, &["git-setup", "data"]);
    assert!(setup.status.success(), "{setup:?}");
    assert_eq!(
        fs::read_to_string(data.join(".gitattributes")).unwrap(),
        "*.ron merge=annals\n"
    );
    git(&root, &["add", "."]);
    git(&root, &["commit", "-q", "-m", "dataset"]);
    (dir, root)
}

fn edit(root: &Path, file: &str, f: impl FnOnce(String) -> String) {
    let path = root.join("data").join(file);
    let text = fs::read_to_string(&path).unwrap();
    let new = f(text.clone());
    assert_ne!(new, text, "the edit changes {file}");
    fs::write(path, new).unwrap();
}

/// On a new branch `theirs`, then on `main`, make one commit each; then merge `theirs`
/// into `main`. Returns git merge's output.
fn branches(root: &Path, theirs: impl FnOnce(&Path), ours: impl FnOnce(&Path)) -> Output {
    git(root, &["checkout", "-q", "-b", "theirs"]);
    theirs(root);
    git(root, &["commit", "-q", "-am", "theirs"]);
    git(root, &["checkout", "-q", "main"]);
    ours(root);
    git(root, &["commit", "-q", "-am", "ours"]);
    run(root, "git", &["merge", "-q", "--no-edit", "theirs"])
}

fn event(id: &str, title: &str, when: &str) -> String {
    format!(
        "    (\n        id: \"{id}\",\n        title: \"{title}\",\n        when: \"{when}\",\n        kind: \"visit\",\n        place: \"moscow\",\n        summary: \"Added on a branch.\",\n        sources: [(publisher: \"TASS\")],\n    ),\n"
    )
}

fn append(text: String, record: &str) -> String {
    let at = text.rfind(']').unwrap();
    format!("{}{record}{}", &text[..at], &text[at..])
}

fn check(root: &Path) -> (bool, String) {
    let out = run(root, ANNALS, &["check", "data"]);
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn ids(root: &Path, file: &str) -> Vec<String> {
    let text = fs::read_to_string(root.join("data").join(file)).unwrap();
    annals::store::save::records_of(&text)
        .unwrap()
        .into_iter()
        .map(|r| r.id.unwrap())
        .collect()
}

#[test]
fn appends_on_two_branches_merge_cleanly() {
    let (_dir, root) = repo();
    let before = ids(&root, "visits-2024.ron");
    let merge = branches(
        &root,
        |r| {
            edit(r, "visits-2024.ron", |t| {
                append(t, &event("theirs-visit", "Theirs", "2024-10-01"))
            });
        },
        |r| {
            edit(r, "visits-2024.ron", |t| {
                append(t, &event("ours-visit", "Ours", "2024-09-01"))
            });
        },
    );
    assert!(merge.status.success(), "{merge:?}");
    let mut expected = before;
    expected.extend(["ours-visit".to_owned(), "theirs-visit".to_owned()]);
    assert_eq!(ids(&root, "visits-2024.ron"), expected);
    let (ok, report) = check(&root);
    assert!(ok, "{report}");
    // A line merge would have conflicted at the closing `]`: the driver did the work.
    git(&root, &["diff", "--quiet", "HEAD"]);
}

#[test]
fn edits_of_different_fields_of_one_record_merge() {
    let (_dir, root) = repo();
    let merge = branches(
        &root,
        |r| {
            edit(r, "regular-meetings.ron", |t| {
                t.replacen(
                    "Li Qiang and Mikhail Mishustin co-chair the meeting in Moscow.",
                    "THEIR SUMMARY.",
                    1,
                )
            });
        },
        |r| {
            edit(r, "regular-meetings.ron", |t| {
                t.replacen(
                    "en: \"29th regular meeting of heads of government\"",
                    "en: \"29th meeting (ours)\"",
                    1,
                )
            });
        },
    );
    assert!(merge.status.success(), "{merge:?}");
    let text = fs::read_to_string(root.join("data/regular-meetings.ron")).unwrap();
    assert!(text.contains("THEIR SUMMARY.") && text.contains("29th meeting (ours)"));
    let (ok, report) = check(&root);
    assert!(ok, "{report}");
    let loaded = load_dataset(&root.join("data"));
    let hog = loaded.dataset.unwrap();
    let hog = hog
        .events()
        .iter()
        .find(|e| &*e.id == "hog-29")
        .unwrap()
        .clone();
    assert_eq!(hog.title.to_string(), "29th meeting (ours)");
    assert!(hog.summary.to_string().starts_with("THEIR SUMMARY."));
}

#[test]
fn a_real_conflict_stays_in_its_record_and_check_reports_it() {
    let (_dir, root) = repo();
    let merge = branches(
        &root,
        |r| {
            edit(r, "regular-meetings.ron", |t| {
                let t = t.replacen(
                    "Li Qiang and Mikhail Mishustin co-chair the meeting in Moscow.",
                    "THEIRS.",
                    1,
                );
                append(t, &event("theirs-visit", "Theirs", "2024-10-01"))
            });
        },
        |r| {
            edit(r, "regular-meetings.ron", |t| {
                t.replacen(
                    "Li Qiang and Mikhail Mishustin co-chair the meeting in Moscow.",
                    "OURS.",
                    1,
                )
            });
        },
    );
    assert!(!merge.status.success(), "the merge stops on the conflict");
    let path = root.join("data/regular-meetings.ron");
    let text = fs::read_to_string(&path).unwrap();
    let blocks = conflict_blocks(&text);
    assert_eq!(blocks.len(), 1, "{text}");
    // The block holds hog-29 twice and nothing else.
    let block = &text[blocks[0].span.clone()];
    assert_eq!(block.matches("\n        id: ").count(), 2, "{block}");
    assert_eq!(block.matches("id: \"hog-29\"").count(), 2, "{block}");
    assert!(block.contains("OURS.") && block.contains("THEIRS."));
    assert!(
        text.contains("id: \"theirs-visit\""),
        "theirs' addition merged"
    );
    let line = text[..blocks[0].span.start].lines().count() + 1;

    let (ok, report) = check(&root);
    assert!(!ok);
    let summary_line = line
        + text[blocks[0].span.clone()]
            .lines()
            .position(|l| l.trim_start().starts_with("summary:"))
            .unwrap();
    let expected = format!(
        "data/regular-meetings.ron:{summary_line}:9: error: merge conflict in record `hog-29`, field `summary`"
    );
    assert!(report.contains(&expected), "{expected}\n{report}");
    assert!(report.contains("1 error"), "only the conflict: {report}");

    // Take theirs: the file checks and holds theirs' summary.
    fs::write(&path, resolve_conflict(&text, 0, Side::Theirs).unwrap()).unwrap();
    let (ok, report) = check(&root);
    assert!(ok, "{report}");
    assert!(fs::read_to_string(&path).unwrap().contains("THEIRS."));
}

#[test]
fn deletion_against_edit_is_a_conflict_on_that_record() {
    let (_dir, root) = repo();
    let record_of = |t: &str, id: &str| {
        let r = annals::store::save::records_of(t).unwrap();
        r.into_iter()
            .find(|r| r.id.as_deref() == Some(id))
            .unwrap()
            .span
    };
    let merge = branches(
        &root,
        |r| {
            edit(r, "visits-2024.ron", |t| {
                let span = record_of(&t, "astana-2024");
                let end = t[span.end..].find('\n').unwrap() + span.end + 1;
                let start = t[..span.start].rfind('\n').unwrap() + 1;
                format!("{}{}", &t[..start], &t[end..])
            });
        },
        |r| {
            edit(r, "visits-2024.ron", |t| {
                t.replacen(
                    "id: \"astana-2024\",\n        title: (\n            en: \"",
                    "id: \"astana-2024\",\n        title: (\n            en: \"EDITED ",
                    1,
                )
            });
        },
    );
    assert!(!merge.status.success());
    let (ok, report) = check(&root);
    assert!(!ok);
    assert!(
        report.contains(
            "error: merge conflict in record `astana-2024`: deleted by theirs, changed by ours"
        ),
        "{report}"
    );
    let path = root.join("data/visits-2024.ron");
    let text = fs::read_to_string(&path).unwrap();
    let theirs = resolve_conflict(&text, 0, Side::Theirs).unwrap();
    assert!(
        !annals::store::save::records_of(&theirs)
            .unwrap()
            .iter()
            .any(|r| r.id.as_deref() == Some("astana-2024"))
    );
    fs::write(&path, resolve_conflict(&text, 0, Side::Ours).unwrap()).unwrap();
    assert!(ids(&root, "visits-2024.ron").contains(&"astana-2024".to_owned()));
    let (ok, report) = check(&root);
    assert!(ok, "{report}");
    assert!(fs::read_to_string(&path).unwrap().contains("EDITED "));
}

#[test]
fn manifest_changes_on_both_sides_merge() {
    let (_dir, root) = repo();
    let merge = branches(
        &root,
        |r| {
            edit(r, "manifest.ron", |t| {
                t.replacen("(id: \"harbin\", name: (en: \"Harbin\",", "(id: \"harbin\", name: (en: \"Harbin City\",", 1)
                    .replacen("    places: [\n", "    places: [\n        (id: \"nanjing\", name: (en: \"Nanjing\"), country: \"CN\"),\n", 1)
            });
        },
        |r| {
            edit(r, "manifest.ron", |t| {
                t.replacen("role: \"Prime Minister of Russia; co-chaired regular meetings 25–30 (2020–2025)\"", "role: \"Chairman of the Government of Russia\"", 1)
                    .replacen("(id: \"astana\", name: (en: \"Astana\", zh: \"阿斯塔纳\", ru: \"Астана\"), country: \"KZ\"),\n", "(id: \"astana\", name: (en: \"Astana\", zh: \"阿斯塔纳\", ru: \"Астана\"), country: \"KZ\"),\n        (id: \"novosibirsk\", name: (en: \"Novosibirsk\"), country: \"RU\"),\n", 1)
            });
        },
    );
    assert!(merge.status.success(), "{merge:?}");
    let (ok, report) = check(&root);
    assert!(ok, "{report}");
    let dataset = load_dataset(&root.join("data")).dataset.unwrap();
    let m = &dataset.manifest;
    let place = |id: &str| {
        m.places
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name.en.clone())
    };
    assert_eq!(place("harbin").as_deref(), Some("Harbin City"));
    assert_eq!(place("nanjing").as_deref(), Some("Nanjing"));
    assert_eq!(place("novosibirsk").as_deref(), Some("Novosibirsk"));
    let mishustin = m
        .people
        .iter()
        .find(|p| p.id == "mikhail-mishustin")
        .unwrap();
    assert_eq!(
        mishustin
            .role
            .as_ref()
            .map(|r| r.default_text(annals::model::Language::English)),
        Some("Chairman of the Government of Russia")
    );
    let text = fs::read_to_string(root.join("data/manifest.ron")).unwrap();
    assert!(
        text.starts_with("// Manifest of the bundled China–Russia dataset."),
        "comments kept"
    );
}

#[test]
fn storyline_steps_changed_on_both_sides_conflict_on_steps() {
    let (_dir, root) = repo();
    let file = "briefings/regular-meetings.ron";
    let merge = branches(
        &root,
        |r| {
            edit(r, file, |t| {
                t.replacen(
                    "caption: (\n                en: \"",
                    "caption: (\n                en: \"Theirs: ",
                    1,
                )
            });
        },
        |r| {
            edit(r, file, |t| {
                t.replacen(
                    "caption: (\n                en: \"",
                    "caption: (\n                en: \"Ours: ",
                    1,
                )
                .replacen(
                    "title: (\n        en: \"",
                    "title: (\n        en: \"Ours: ",
                    1,
                )
            });
        },
    );
    assert!(!merge.status.success());
    let (ok, report) = check(&root);
    assert!(!ok);
    assert!(
        report.contains("error: merge conflict in field `steps`"),
        "{report}"
    );
    let text = fs::read_to_string(root.join("data").join(file)).unwrap();
    let blocks = conflict_blocks(&text);
    assert_eq!(blocks.len(), 1);
    assert!(
        !text[blocks[0].span.clone()].contains("title: \"Ours"),
        "the title merged outside the block"
    );
}

#[test]
fn a_file_that_does_not_parse_falls_back_to_a_line_merge() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        fs::write(&path, text).unwrap();
        path
    };
    let base = write(
        "base",
        "[\n    (id: \"a\"),\n    (id: \"m\"),\n    (id: \"n\"),\n    (id: \"b\"),\n]\n",
    );
    let ours = write(
        "ours",
        "[\n    (id: \"a\", x: 1),\n    (id: \"m\"),\n    (id: \"n\"),\n    (id: \"b\"),\n]\n",
    );
    let theirs = write(
        "theirs",
        "[\n    (id: \"a\"),\n    (id: \"m\"),\n    (id: \"n\"),\n    (id: \"b\" oops\n]\n",
    );
    let out = run(
        dir.path(),
        ANNALS,
        &[
            "merge-file",
            base.to_str().unwrap(),
            ours.to_str().unwrap(),
            theirs.to_str().unwrap(),
            "--path",
            "events.ron",
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("events.ron does not read as records on every side"),
        "{err}"
    );
    assert!(err.contains("merged line by line"), "{err}");
    assert_eq!(out.status.code(), Some(0), "separate lines merge: {err}");
    assert_eq!(
        fs::read_to_string(&ours).unwrap(),
        "[\n    (id: \"a\", x: 1),\n    (id: \"m\"),\n    (id: \"n\"),\n    (id: \"b\" oops\n]\n"
    );
}

#[test]
fn git_setup_outside_a_repository_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), ANNALS, &["git-setup", "."]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("not in a git repository"));
}

/// Figures in a debug build (`cargo test --test merge figures -- --ignored --nocapture`):
/// merging two 10,000-event files, and the history of a record in 1,000 commits.
#[test]
#[ignore]
fn figures() {
    #[path = "../benches/merge.rs"]
    #[allow(dead_code)]
    mod bench;
    let (base, ours, theirs) = bench::versions(10_000);
    let start = std::time::Instant::now();
    let out = annals::store::merge::merge_texts(&base, &ours, &theirs).unwrap();
    println!(
        "merge of two 10,000-event files ({} KB each): {:.0} ms, {} conflicts",
        ours.len() / 1024,
        start.elapsed().as_secs_f64() * 1000.0,
        out.conflicts.len()
    );
    assert!(out.conflicts.is_empty());

    // 1,000 commits of a 200-record file, one record changed in each; r-000 in every 10th.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q"]);
    let mut stream = String::new();
    let titles = |n: usize| -> Vec<String> { (0..200).map(|i| format!("T{i}-{n}")).collect() };
    let mut current = titles(0);
    for c in 0..1000 {
        let changed = if c % 10 == 0 { 0 } else { 1 + c % 199 };
        current[changed] = format!("T{changed}-{c}");
        let mut text = String::from("[\n");
        for (i, t) in current.iter().enumerate() {
            text.push_str(&format!(
                "    (\n        id: \"r-{i:03}\",\n        title: \"{t}\",\n        when: \"2024\",\n        kind: \"visit\",\n    ),\n"
            ));
        }
        text.push_str("]\n");
        let message = format!("commit {c}");
        stream.push_str(&format!(
            "commit refs/heads/main\ncommitter Ann <ann@example.org> {} +0000\ndata {}\n{message}\n",
            1_700_000_000 + c * 60,
            message.len()
        ));
        stream.push_str(&format!(
            "M 100644 inline events.ron\ndata {}\n{text}\n",
            text.len()
        ));
    }
    let mut child = Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(root)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), stream.as_bytes()).unwrap();
    assert!(child.wait().unwrap().success());
    git(root, &["checkout", "-q", "main"]);
    let file = root.join("events.ron");
    let start = std::time::Instant::now();
    let history = annals::store::history::file_history(&file).unwrap();
    println!(
        "history in a repository of 1,000 commits (200 records): {:.0} ms, r-000 changed in {} commits",
        start.elapsed().as_secs_f64() * 1000.0,
        history.of("r-000").len()
    );
    assert_eq!(history.of("r-000").len(), 100);
}
