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
                t.replacen("en: \"Prime Minister of Russia; co-chaired regular meetings 25–30 (2020–2025)\"", "en: \"Chairman of the Government of Russia\"", 1)
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
fn comments_from_both_branches_survive_a_merge() {
    let (_dir, root) = repo();
    let file = "regular-meetings.ron";
    let merge = branches(
        &root,
        |r| {
            // Theirs: only comments, one inside hog-29 and one between two records.
            edit(r, file, |t| {
                t.replacen(
                    "        id: \"hog-29\",\n",
                    "        id: \"hog-29\", // THEIRS beside the id\n",
                    1,
                )
                .replacen(
                    "    (\n        id: \"li-peng-moscow-1996\",",
                    "    // THEIRS between records\n    (\n        id: \"li-peng-moscow-1996\",",
                    1,
                )
            });
        },
        |r| {
            // Ours: hog-29's summary, and a comment of our own in it.
            edit(r, file, |t| {
                t.replacen(
                    "Li Qiang and Mikhail Mishustin co-chair the meeting in Moscow.",
                    "OURS.",
                    1,
                )
                .replacen(
                    "        id: \"hog-29\",\n",
                    "        id: \"hog-29\",\n        // OURS above the title\n",
                    1,
                )
            });
        },
    );
    assert!(merge.status.success(), "{merge:?}");
    let text = fs::read_to_string(root.join("data").join(file)).unwrap();
    for kept in [
        "id: \"hog-29\", // THEIRS beside the id\n        // OURS above the title\n",
        "    // THEIRS between records\n    (\n        id: \"li-peng-moscow-1996\",",
        "OURS.",
    ] {
        assert!(text.contains(kept), "{kept}");
    }
    let (ok, report) = check(&root);
    assert!(ok, "{report}");
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

/// A property test of the merge driver: random edits on both sides of a list file, comments
/// included (added, removed, edited, moved; above and beside records and fields, at the end
/// of a record or of the list, at the top of the file), merged by `merge_texts` and by an
/// independent model of "who changed what" written here.
mod comments_property {
    use std::collections::{BTreeMap, BTreeSet};

    use annals::store::merge::{Side, conflict_blocks, merge_texts, resolve_conflict};
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    #[derive(Clone, Debug, Default, PartialEq)]
    struct Field {
        lead: Vec<String>,
        value: String,
        trail: Option<String>,
    }

    #[derive(Clone, Debug, Default, PartialEq)]
    struct Rec {
        lead: Vec<String>,
        fields: Vec<(String, Field)>,
        foot: Vec<String>,
        trail: Option<String>,
    }

    #[derive(Clone, Debug, Default, PartialEq)]
    struct File {
        header: Vec<String>,
        records: Vec<(String, Rec)>,
        foot: Vec<String>,
    }

    fn render(f: &File) -> String {
        let mut s = String::new();
        let trail = |c: &Option<String>| c.as_ref().map_or(String::new(), |c| format!(" // {c}"));
        for c in &f.header {
            s.push_str(&format!("// {c}\n"));
        }
        s.push_str("#![enable(implicit_some)]\n[\n");
        for (_, r) in &f.records {
            for c in &r.lead {
                s.push_str(&format!("    // {c}\n"));
            }
            s.push_str("    (\n");
            for (name, field) in &r.fields {
                for c in &field.lead {
                    s.push_str(&format!("        // {c}\n"));
                }
                s.push_str(&format!(
                    "        {name}: {},{}\n",
                    field.value,
                    trail(&field.trail)
                ));
            }
            for c in &r.foot {
                s.push_str(&format!("        // {c}\n"));
            }
            s.push_str(&format!("    ),{}\n", trail(&r.trail)));
        }
        for c in &f.foot {
            s.push_str(&format!("    // {c}\n"));
        }
        s.push_str("]\n");
        s
    }

    /// Read back a text in the layout `render` writes (a merge's result must be in it).
    fn parse(text: &str) -> Result<File, String> {
        let mut file = File::default();
        let mut lines = text.lines();
        let mut next = || lines.next().ok_or("the text ends too early");
        let trail = |rest: &str| -> Result<Option<String>, String> {
            if rest.is_empty() {
                Ok(None)
            } else {
                rest.strip_prefix(" // ")
                    .map(|c| Some(c.to_owned()))
                    .ok_or_else(|| format!("not a comment: {rest:?}"))
            }
        };
        loop {
            let line = next()?;
            if line == "#![enable(implicit_some)]" {
                break;
            }
            let c = line
                .strip_prefix("// ")
                .ok_or(format!("header: {line:?}"))?;
            file.header.push(c.to_owned());
        }
        if next()? != "[" {
            return Err("no `[`".into());
        }
        let mut pending = Vec::new();
        loop {
            let line = next()?;
            if let Some(c) = line.strip_prefix("    // ") {
                pending.push(c.to_owned());
                continue;
            }
            if line == "]" {
                file.foot = std::mem::take(&mut pending);
                break;
            }
            if line != "    (" {
                return Err(format!("expected a record: {line:?}"));
            }
            let mut rec = Rec {
                lead: std::mem::take(&mut pending),
                ..Rec::default()
            };
            let mut inner = Vec::new();
            loop {
                let line = next()?;
                if let Some(c) = line.strip_prefix("        // ") {
                    inner.push(c.to_owned());
                } else if let Some(rest) = line.strip_prefix("    ),") {
                    rec.foot = std::mem::take(&mut inner);
                    rec.trail = trail(rest)?;
                    break;
                } else {
                    let body = line
                        .strip_prefix("        ")
                        .ok_or(format!("field: {line:?}"))?;
                    let (name, rest) = body.split_once(": ").ok_or(format!("field: {line:?}"))?;
                    let (value, rest) = rest.split_once(',').ok_or(format!("field: {line:?}"))?;
                    rec.fields.push((
                        name.to_owned(),
                        Field {
                            lead: std::mem::take(&mut inner),
                            value: value.to_owned(),
                            trail: trail(rest)?,
                        },
                    ));
                }
            }
            let id = rec
                .fields
                .iter()
                .find(|(n, _)| n == "id")
                .map(|(_, f)| f.value.trim_matches('"').to_owned())
                .ok_or("a record without an id")?;
            file.records.push((id, rec));
        }
        if lines.next().is_some() {
            return Err("text after the list".into());
        }
        Ok(file)
    }

    /// Where a comment can be: the Vec ones hold any number, the Option ones one.
    #[derive(Clone, Copy, Debug)]
    enum Slot {
        Header,
        Foot,
        Lead(usize),
        Trail(usize),
        RecFoot(usize),
        FieldLead(usize, usize),
        FieldTrail(usize, usize),
    }

    fn slots(f: &File) -> Vec<Slot> {
        let mut out = vec![Slot::Header, Slot::Foot];
        for (i, (_, r)) in f.records.iter().enumerate() {
            out.extend([Slot::Lead(i), Slot::Trail(i), Slot::RecFoot(i)]);
            for j in 0..r.fields.len() {
                out.extend([Slot::FieldLead(i, j), Slot::FieldTrail(i, j)]);
            }
        }
        out
    }

    enum SlotRef<'a> {
        Many(&'a mut Vec<String>),
        One(&'a mut Option<String>),
    }

    fn slot(f: &mut File, s: Slot) -> SlotRef<'_> {
        match s {
            Slot::Header => SlotRef::Many(&mut f.header),
            Slot::Foot => SlotRef::Many(&mut f.foot),
            Slot::Lead(i) => SlotRef::Many(&mut f.records[i].1.lead),
            Slot::Trail(i) => SlotRef::One(&mut f.records[i].1.trail),
            Slot::RecFoot(i) => SlotRef::Many(&mut f.records[i].1.foot),
            Slot::FieldLead(i, j) => SlotRef::Many(&mut f.records[i].1.fields[j].1.lead),
            Slot::FieldTrail(i, j) => SlotRef::One(&mut f.records[i].1.fields[j].1.trail),
        }
    }

    /// Every comment: its slot and its place in that slot.
    fn comments(f: &mut File) -> Vec<(Slot, usize)> {
        let mut out = Vec::new();
        for s in slots(f) {
            match slot(f, s) {
                SlotRef::Many(v) => out.extend((0..v.len()).map(|k| (s, k))),
                SlotRef::One(o) => out.extend(o.iter().map(|_| (s, 0))),
            }
        }
        out
    }

    fn all_comments(f: &File) -> Vec<String> {
        let mut f = f.clone();
        let mut out = Vec::new();
        for (s, k) in comments(&mut f.clone()) {
            match slot(&mut f, s) {
                SlotRef::Many(v) => out.push(v[k].clone()),
                SlotRef::One(o) => out.push(o.clone().unwrap_or_default()),
            }
        }
        out
    }

    fn take_comment(f: &mut File, (s, k): (Slot, usize)) -> String {
        match slot(f, s) {
            SlotRef::Many(v) => v.remove(k),
            SlotRef::One(o) => o.take().unwrap_or_default(),
        }
    }

    fn put_comment(f: &mut File, s: Slot, at: usize, text: String) {
        match slot(f, s) {
            SlotRef::Many(v) => v.insert(at % (v.len() + 1), text),
            SlotRef::One(o) => *o = Some(text),
        }
    }

    /// One random edit: (what, and three numbers that pick where and how).
    type Op = (u8, u16, u16, u8);

    const NAMES: [&str; 5] = ["a", "b", "c", "d", "e"];

    fn apply(f: &mut File, (what, x, y, z): Op, tag: &str, n: &mut u32) {
        let (x, y) = (usize::from(x), usize::from(y));
        let mut new_comment = |z: u8| {
            *n += 1;
            // Now and then a text both sides may write, to make equal edits happen.
            if z.is_multiple_of(4) {
                format!("note {}", z % 3)
            } else {
                format!("{tag} {n}")
            }
        };
        let value = |z: u8| format!("\"v{}\"", z % 4);
        let records = f.records.len();
        match what % 9 {
            0 if records > 0 => {
                let r = &mut f.records[x % records].1;
                if r.fields.len() > 1 {
                    let j = 1 + y % (r.fields.len() - 1);
                    r.fields[j].1.value = value(z);
                }
            }
            1 if records > 0 => {
                let r = &mut f.records[x % records].1;
                let name = NAMES[y % NAMES.len()];
                if !r.fields.iter().any(|(n, _)| n == name) {
                    let at = 1 + usize::from(z) % r.fields.len();
                    let field = Field {
                        lead: if z.is_multiple_of(3) {
                            vec![new_comment(z / 3)]
                        } else {
                            Vec::new()
                        },
                        value: value(z),
                        trail: None,
                    };
                    r.fields.insert(at, (name.to_owned(), field));
                }
            }
            2 if records > 0 => {
                let r = &mut f.records[x % records].1;
                if r.fields.len() > 1 {
                    r.fields.remove(1 + y % (r.fields.len() - 1));
                }
            }
            3 => {
                let id = format!("n{}", y % 3);
                if !f.records.iter().any(|(k, _)| *k == id) {
                    let rec = Rec {
                        lead: if z.is_multiple_of(2) {
                            vec![new_comment(z / 2)]
                        } else {
                            Vec::new()
                        },
                        fields: vec![
                            (
                                "id".to_owned(),
                                Field {
                                    value: format!("\"{id}\""),
                                    ..Field::default()
                                },
                            ),
                            (
                                "a".to_owned(),
                                Field {
                                    value: value(z),
                                    ..Field::default()
                                },
                            ),
                        ],
                        ..Rec::default()
                    };
                    f.records.insert(x % (records + 1), (id, rec));
                }
            }
            4 if records > 0 => {
                f.records.remove(x % records);
            }
            5 => {
                let all = slots(f);
                let s = all[y % all.len()];
                let text = new_comment(z);
                put_comment(f, s, x, text);
            }
            6..=8 => {
                let all = comments(f);
                if all.is_empty() {
                    return;
                }
                let c = all[x % all.len()];
                let old = take_comment(f, c);
                match what % 9 {
                    // Moved elsewhere.
                    7 => {
                        let all = slots(f);
                        put_comment(f, all[y % all.len()], usize::from(z), old);
                    }
                    // Edited in place.
                    8 => {
                        let text = new_comment(z);
                        put_comment(f, c.0, c.1, text);
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    fn base_file() -> File {
        let rec = |id: &str, fields: &[&str]| {
            let mut all = vec![(
                "id".to_owned(),
                Field {
                    value: format!("\"{id}\""),
                    ..Field::default()
                },
            )];
            for (k, name) in fields.iter().enumerate() {
                all.push((
                    (*name).to_owned(),
                    Field {
                        value: format!("\"v{k}\""),
                        ..Field::default()
                    },
                ));
            }
            (
                id.to_owned(),
                Rec {
                    fields: all,
                    ..Rec::default()
                },
            )
        };
        File {
            header: vec!["Events.".to_owned()],
            records: vec![
                rec("r0", &["a", "b"]),
                rec("r1", &["a", "c"]),
                rec("r2", &["b"]),
            ],
            foot: Vec::new(),
        }
    }

    /// The model's merge of one piece: `Ok` one value, `Err` both sides' (a conflict).
    fn m3<T: PartialEq + Clone>(b: &T, o: &T, t: &T) -> Result<T, (T, T)> {
        if o == t || b == t {
            Ok(o.clone())
        } else if b == o {
            Ok(t.clone())
        } else {
            Err((o.clone(), t.clone()))
        }
    }

    /// Both versions of a piece, and whether they conflict.
    fn split<T: Clone>(r: Result<T, (T, T)>, conflict: &mut bool) -> (T, T) {
        match r {
            Ok(x) => (x.clone(), x),
            Err(pair) => {
                *conflict = true;
                pair
            }
        }
    }

    /// Keys in ours' order, then theirs' others.
    fn keys<'a, T>(o: &'a [(String, T)], t: &'a [(String, T)]) -> Vec<&'a str> {
        let mut out: Vec<&str> = o.iter().map(|(k, _)| k.as_str()).collect();
        for (k, _) in t {
            if !out.contains(&k.as_str()) {
                out.push(k);
            }
        }
        out
    }

    fn get<'a, T>(v: &'a [(String, T)], k: &str) -> Option<&'a T> {
        v.iter().find(|(key, _)| key == k).map(|(_, x)| x)
    }

    /// A keyed thing present or not on each side: merged, both versions, conflict?
    fn keyed<T: PartialEq + Clone + Default>(
        b: Option<&T>,
        o: Option<&T>,
        t: Option<&T>,
        both_changed: impl Fn(&T, &T, &T, &mut bool) -> (T, T),
    ) -> (Option<T>, Option<T>, bool) {
        match m3(&b, &o, &t) {
            Ok(x) => (x.cloned(), x.cloned(), false),
            Err((Some(o), Some(t))) => {
                let mut conflict = false;
                let (vo, vt) = both_changed(&b.cloned().unwrap_or_default(), o, t, &mut conflict);
                (Some(vo), Some(vt), conflict)
            }
            Err((o, t)) => (o.cloned(), t.cloned(), true),
        }
    }

    fn merge_field(b: &Field, o: &Field, t: &Field, conflict: &mut bool) -> (Field, Field) {
        let (lo, lt) = split(m3(&b.lead, &o.lead, &t.lead), conflict);
        // A value no base has differs from every value.
        let bv = if b.value.is_empty() {
            "\u{0}".to_owned()
        } else {
            b.value.clone()
        };
        let (vo, vt) = split(m3(&bv, &o.value, &t.value), conflict);
        let (to, tt) = split(m3(&b.trail, &o.trail, &t.trail), conflict);
        (
            Field {
                lead: lo,
                value: vo,
                trail: to,
            },
            Field {
                lead: lt,
                value: vt,
                trail: tt,
            },
        )
    }

    fn merge_rec(b: &Rec, o: &Rec, t: &Rec, conflict: &mut bool) -> (Rec, Rec) {
        let (lo, lt) = split(m3(&b.lead, &o.lead, &t.lead), conflict);
        let (fo, ft) = split(m3(&b.foot, &o.foot, &t.foot), conflict);
        let (to, tt) = split(m3(&b.trail, &o.trail, &t.trail), conflict);
        let (mut fields_o, mut fields_t) = (Vec::new(), Vec::new());
        for k in keys(&o.fields, &t.fields) {
            let (vo, vt, c) = keyed(
                get(&b.fields, k),
                get(&o.fields, k),
                get(&t.fields, k),
                merge_field,
            );
            *conflict |= c;
            fields_o.extend(vo.map(|f| (k.to_owned(), f)));
            fields_t.extend(vt.map(|f| (k.to_owned(), f)));
        }
        (
            Rec {
                lead: lo,
                fields: fields_o,
                foot: fo,
                trail: to,
            },
            Rec {
                lead: lt,
                fields: fields_t,
                foot: ft,
                trail: tt,
            },
        )
    }

    /// The model's merge: each side's version (equal when clean) and what conflicts (`None`:
    /// the comments at the top or the end of the file).
    fn oracle(b: &File, o: &File, t: &File) -> (File, File, BTreeSet<Option<String>>) {
        let mut conflicts = BTreeSet::new();
        let mut c = false;
        let (ho, ht) = split(m3(&b.header, &o.header, &t.header), &mut c);
        let mut c2 = false;
        let (fo, ft) = split(m3(&b.foot, &o.foot, &t.foot), &mut c2);
        if c || c2 {
            conflicts.insert(None);
        }
        let (mut ro, mut rt) = (Vec::new(), Vec::new());
        for k in keys(&o.records, &t.records) {
            let (vo, vt, c) = keyed(
                get(&b.records, k),
                get(&o.records, k),
                get(&t.records, k),
                merge_rec,
            );
            if c {
                conflicts.insert(Some(k.to_owned()));
            }
            ro.extend(vo.map(|r| (k.to_owned(), r)));
            rt.extend(vt.map(|r| (k.to_owned(), r)));
        }
        (
            File {
                header: ho,
                records: ro,
                foot: fo,
            },
            File {
                header: ht,
                records: rt,
                foot: ft,
            },
            conflicts,
        )
    }

    /// Records and fields in key order (the merge keeps ours' order and puts theirs'
    /// additions beside their neighbours; that is checked on its own).
    fn sorted(mut f: File) -> File {
        f.records.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, r) in &mut f.records {
            r.fields.sort_by(|a, b| a.0.cmp(&b.0));
        }
        f
    }

    /// `text` with every conflict resolved to `side`.
    fn resolve_all(mut text: String, side: Side) -> String {
        while !conflict_blocks(&text).is_empty() {
            text = resolve_conflict(&text, 0, side).unwrap();
        }
        text
    }

    /// Whether the keys of `sub` that `of` has come in `of`'s order.
    fn keeps_order<T, U>(of: &[(String, T)], out: &[(String, U)]) -> bool {
        let mine: Vec<&String> = out
            .iter()
            .map(|(k, _)| k)
            .filter(|k| of.iter().any(|(o, _)| o == *k))
            .collect();
        let theirs: Vec<&String> = of
            .iter()
            .map(|(k, _)| k)
            .filter(|k| mine.contains(k))
            .collect();
        mine == theirs
    }

    #[derive(Default)]
    struct Tally {
        clean: usize,
        conflicts: usize,
        comments_expected: usize,
        comments_lost: usize,
    }

    /// Multiset difference: how many of `expected` are missing from `found`.
    fn missing(expected: &[String], found: &[String]) -> usize {
        let mut left: BTreeMap<&str, usize> = BTreeMap::new();
        for c in found {
            *left.entry(c).or_default() += 1;
        }
        expected
            .iter()
            .filter(|c| match left.get_mut(c.as_str()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .count()
    }

    fn one_case(
        (base_ops, ours_ops, theirs_ops): &(Vec<Op>, Vec<Op>, Vec<Op>),
        tally: &mut Tally,
    ) -> Result<(), TestCaseError> {
        let mut n = 0;
        let mut base = base_file();
        for op in base_ops {
            apply(&mut base, *op, "base", &mut n);
        }
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        for op in ours_ops {
            apply(&mut ours, *op, "ours", &mut n);
        }
        for op in theirs_ops {
            apply(&mut theirs, *op, "theirs", &mut n);
        }
        let texts = [render(&base), render(&ours), render(&theirs)];
        let out = merge_texts(&texts[0], &texts[1], &texts[2])
            .map_err(|e| TestCaseError::fail(format!("refused: {e}")))?;
        let (want_o, want_t, want_conflicts) = oracle(&base, &ours, &theirs);
        let got: BTreeSet<Option<String>> =
            out.conflicts.iter().map(|c| c.record.clone()).collect();
        prop_assert_eq!(&got, &want_conflicts, "conflicts\n{}", out.text);
        prop_assert_eq!(
            out.conflicts.is_empty(),
            conflict_blocks(&out.text).is_empty()
        );
        for (side, want) in [(Side::Ours, &want_o), (Side::Theirs, &want_t)] {
            let text = resolve_all(out.text.clone(), side);
            let file = parse(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            // Records come in ours' order (in theirs' when theirs is taken whole).
            prop_assert!(
                keeps_order(&ours.records, &file.records)
                    || keeps_order(&theirs.records, &file.records),
                "record order\n{}",
                text
            );
            // A record's fields come in ours' order, or in theirs' when theirs' record is
            // taken whole (a field removed and written again elsewhere moves).
            for (id, rec) in &file.records {
                let in_order = |side: &File| {
                    get(&side.records, id).is_none_or(|r| keeps_order(&r.fields, &rec.fields))
                };
                prop_assert!(
                    in_order(&ours) || in_order(&theirs),
                    "field order\n{}",
                    text
                );
            }
            // Counted once for a clean merge (both resolutions are the text itself).
            if side == Side::Ours || !out.conflicts.is_empty() {
                let (want, found) = (all_comments(want), all_comments(&file));
                tally.comments_expected += want.len();
                tally.comments_lost += missing(&want, &found);
            }
            prop_assert_eq!(sorted(file), sorted(want.clone()), "{:?}\n{}", side, text);
        }
        if out.conflicts.is_empty() {
            tally.clean += 1;
        } else {
            tally.conflicts += 1;
        }
        Ok(())
    }

    #[test]
    fn random_edits_with_comments_merge_as_the_model_says() {
        let cases = std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(256);
        let mut runner = TestRunner::new(Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        });
        let op = (0u8..9, any::<u16>(), any::<u16>(), any::<u8>());
        let ops = |max: usize| prop::collection::vec(op.clone(), 0..max);
        let strategy = (ops(6), ops(5), ops(5));
        let tally = std::cell::RefCell::new(Tally::default());
        runner
            .run(&strategy, |case| one_case(&case, &mut tally.borrow_mut()))
            .unwrap();
        let t = tally.into_inner();
        println!(
            "{} merges: {} clean, {} with conflicts reported; {} comments expected (in each clean result, and in both resolutions of each conflict), {} lost",
            t.clean + t.conflicts,
            t.clean,
            t.conflicts,
            t.comments_expected,
            t.comments_lost
        );
        assert_eq!(t.comments_lost, 0);
        assert!(t.clean > 0 && t.conflicts > 0, "both kinds happen");
    }
}
