//! Working as a team, seen in the window: the history of a record from git, the records
//! changed since the last commit, and merge conflicts resolved with Take ours / Take theirs.
//! Each test builds a temporary repository with the `git` command and drives the real app
//! through AccessKit, asserting on what a person sees.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use annals::cli::bundled_dataset_path;
use annals::ui::AnnalsApp;
use annals::ui::Preferences;
use annals::ui::browse::detail_panel::DETAIL_PANEL_LABEL;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

const ANNALS: &str = env!("CARGO_BIN_EXE_annals");
const MEETING: &str = "29th regular meeting of heads of government";
const MEETINGS_FILE: &str = "regular-meetings.ron";
const CHANGED: &str = "● changed since the last commit";

fn harness_on(path: PathBuf) -> Harness<'static, AnnalsApp> {
    Harness::builder()
        // Tall enough for the History section under a meeting's sources and related events.
        .with_size(egui::vec2(1400.0, 1200.0))
        .with_max_steps(24)
        // In English whatever the machine's locale: widgets are found by their English labels.
        .build_eframe(move |cc| {
            AnnalsApp::with_preferences(&cc.egui_ctx, Some(path), Preferences::default())
        })
}

/// `git` in `dir`, ignoring the system's and the user's settings; commits get `date`.
fn git_at(dir: &Path, date: Option<&str>, args: &[&str]) -> String {
    let mut command = Command::new("git");
    command
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir);
    if let Some(date) = date {
        command
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date);
    }
    let out = command.output().expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn git(dir: &Path, args: &[&str]) -> String {
    git_at(dir, None, args)
}

/// Commit everything in `dir` as Ann Alyst at `date` (`2025-01-02T10:00:00+00:00`).
fn commit(dir: &Path, date: &str, message: &str) {
    git(dir, &["add", "-A", "."]);
    git_at(dir, Some(date), &["commit", "-q", "-m", message]);
}

/// A copy of the bundled dataset (manifest, event files, storylines) in `dir/data`.
fn copy_bundled(dir: &Path) -> PathBuf {
    let data = dir.join("data");
    let bundled = bundled_dataset_path();
    for sub in ["", "briefings"] {
        fs::create_dir_all(data.join(sub)).unwrap();
        for entry in fs::read_dir(bundled.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "ron") {
                fs::copy(&path, data.join(sub).join(path.file_name().unwrap())).unwrap();
            }
        }
    }
    data
}

/// A new repository (with a user set locally) holding a copy of the bundled dataset,
/// committed once. Returns the folder that holds it and the dataset folder.
fn repo_with_dataset() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = copy_bundled(dir.path());
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["config", "user.name", "Ann Alyst"]);
    git(dir.path(), &["config", "user.email", "ann@example.org"]);
    commit(
        dir.path(),
        "2025-01-02T10:00:00+00:00",
        "Add the China-Russia dataset",
    );
    (dir, data)
}

/// `text` with record `id`'s one-line `field` set to the string `value`.
fn with_field(text: &str, id: &str, field: &str, value: &str) -> String {
    let record = text
        .find(&format!("id: \"{id}\","))
        .unwrap_or_else(|| panic!("record {id}"));
    let start = record
        + text[record..]
            .find(&format!("\n        {field}: "))
            .unwrap_or_else(|| panic!("{id} has a {field}"))
        + 1;
    let line_end = start + text[start..].find('\n').unwrap();
    // A text written by language spans lines, up to the `),` that closes its map.
    let end = if text[start..line_end].ends_with('(') {
        let close = "\n        ),";
        line_end + text[line_end..].find(close).unwrap() + close.len()
    } else {
        line_end
    };
    format!(
        "{}        {field}: \"{value}\",{}",
        &text[..start],
        &text[end..]
    )
}

fn set_field(file: &Path, id: &str, field: &str, value: &str) {
    let text = fs::read_to_string(file).unwrap();
    fs::write(file, with_field(&text, id, field, value)).unwrap();
}

/// Run frames until `done` holds (git is asked on a worker thread, files are watched on
/// another), or give up after 20 s.
fn step_until(
    harness: &mut Harness<'_, AnnalsApp>,
    done: impl Fn(&Harness<'_, AnnalsApp>) -> bool,
) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        harness.step();
        if done(harness) {
            harness.run();
            return true;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    false
}

/// Whether the detail panel shows a text holding `label`.
fn in_panel(harness: &Harness<'_, AnnalsApp>, label: &str) -> bool {
    harness
        .query_by_label(DETAIL_PANEL_LABEL)
        .is_some_and(|panel| panel.query_all_by_label_contains(label).next().is_some())
}

/// Select the 29th meeting by clicking it on the timeline: not in the panel, and above the
/// list (at the bottom of the window) when that is shown.
fn select_meeting(harness: &mut Harness<'_, AnnalsApp>) {
    let in_panel: Vec<_> = harness
        .query_by_label(DETAIL_PANEL_LABEL)
        .map(|panel| {
            panel
                .query_all_by_label(MEETING)
                .map(|m| m.accesskit_node().id())
                .collect()
        })
        .unwrap_or_default();
    harness
        .query_all_by_label(MEETING)
        .filter(|n| !in_panel.contains(&n.accesskit_node().id()))
        .min_by(|a, b| a.rect().min.y.total_cmp(&b.rect().min.y))
        .expect("the 29th meeting on the timeline")
        .click();
    harness.run();
    harness
        .get_by_label(DETAIL_PANEL_LABEL)
        .get_by_label(MEETING);
}

/// Whether two nodes sit on one line of the screen.
fn same_line(a: egui::Rect, b: egui::Rect) -> bool {
    a.center().y > b.min.y && a.center().y < b.max.y
}

#[test]
fn history_lists_the_commits_that_changed_the_record_newest_first_and_compares_a_version() {
    let (dir, data) = repo_with_dataset();
    let root = dir.path();
    let meetings = data.join(MEETINGS_FILE);
    set_field(&meetings, "hog-29", "summary", "The first revision.");
    commit(root, "2025-01-03T10:00:00+00:00", "Revise the 29th meeting");
    // Another record only: not in the 29th meeting's history.
    set_field(&meetings, "hog-28", "summary", "Another record revised.");
    commit(root, "2025-01-04T10:00:00+00:00", "Revise the 28th meeting");
    // A comment inside the record and a layout change: the record reads the same.
    let text = fs::read_to_string(&meetings).unwrap().replace(
        "        id: \"hog-29\",\n",
        "        // Checked against TASS.\n        id:   \"hog-29\" ,\n",
    );
    fs::write(&meetings, text).unwrap();
    commit(
        root,
        "2025-01-05T10:00:00+00:00",
        "Comment on the 29th meeting",
    );
    // A change in another file: not in this file's history at all.
    set_field(
        &data.join("relations.ron"),
        "partnership-1996",
        "summary",
        "Elsewhere.",
    );
    commit(root, "2025-01-06T10:00:00+00:00", "Revise the partnership");
    let text = fs::read_to_string(&meetings).unwrap().replace(
        "summary: \"The first revision.\"",
        "summary: \"The second revision.\"",
    );
    fs::write(&meetings, text).unwrap();
    commit(
        root,
        "2025-01-07T10:00:00+00:00",
        "Revise the 29th meeting again",
    );

    let mut harness = harness_on(data);
    select_meeting(&mut harness);
    assert!(
        step_until(&mut harness, |h| in_panel(h, "History (3)")),
        "the History section counts the three commits that changed the record"
    );
    assert!(
        !in_panel(&harness, CHANGED),
        "nothing changed since the last commit"
    );
    harness.get_by_label("History (3)").click();
    harness.run();

    let panel = harness.get_by_label(DETAIL_PANEL_LABEL);
    let entries: Vec<(String, egui::Rect)> = panel
        .query_all_by_label_contains(" · Ann Alyst — ")
        .map(|node| {
            (
                node.accesskit_node().label().unwrap_or_default(),
                node.rect(),
            )
        })
        .collect();
    let labels: Vec<&str> = entries.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        [
            "2025-01-07 10:00 · Ann Alyst — Revise the 29th meeting again",
            "2025-01-03 10:00 · Ann Alyst — Revise the 29th meeting",
            "2025-01-02 10:00 · Ann Alyst — Add the China-Russia dataset",
        ],
        "exactly the commits that changed the record"
    );
    assert!(
        entries.windows(2).all(|w| w[0].1.min.y < w[1].1.min.y),
        "newest first, from the top down: {entries:?}"
    );

    // The version of the first revision, beside today's.
    let entry = panel.get_by_label("2025-01-03 10:00 · Ann Alyst — Revise the 29th meeting");
    entry.scroll_to_me();
    harness.run();
    harness
        .get_by_label("2025-01-03 10:00 · Ann Alyst — Revise the 29th meeting")
        .click();
    harness.run();
    let panel = harness.get_by_label(DETAIL_PANEL_LABEL);
    let header = panel.get_by_label("that version");
    header.scroll_to_me();
    harness.run();
    let panel = harness.get_by_label(DETAIL_PANEL_LABEL);
    let (then_header, today_header) = (
        panel.get_by_label("that version").rect(),
        panel.get_by_label("today").rect(),
    );
    assert!(same_line(then_header, today_header) && then_header.max.x <= today_header.min.x);
    let field = panel
        .query_all_by_label("summary")
        .map(|n| n.rect())
        .find(|r| r.min.y > then_header.max.y)
        .expect("a summary row under the header");
    let then = panel.get_by_label("\"The first revision.\"").rect();
    let today = panel.get_by_label("\"The second revision.\"").rect();
    assert!(
        same_line(field, then) && same_line(field, today),
        "{field:?} {then:?} {today:?}"
    );
    assert!(then.min.x >= then_header.min.x - 1.0 && then.max.x <= today.min.x);
    assert!(today.min.x >= today_header.min.x - 1.0);
    // Fields that did not change are shown once on each side, the same.
    assert_eq!(panel.query_all_by_label("\"hog-29\"").count(), 2);

    // Clicking the commit again closes the comparison.
    harness
        .get_by_label("2025-01-03 10:00 · Ann Alyst — Revise the 29th meeting")
        .click();
    harness.run();
    assert!(harness.query_by_label("that version").is_none());
}

#[test]
fn a_record_edited_since_the_last_commit_is_marked_in_the_panel_and_the_list() {
    let (dir, data) = repo_with_dataset();
    let mut harness = harness_on(data.clone());
    harness.get_by_label("☰ List").click();
    harness.run();
    select_meeting(&mut harness);
    // The History section shows once git has answered for the file: nothing is marked yet.
    assert!(step_until(&mut harness, |h| in_panel(h, "History (1)")));
    assert!(!in_panel(&harness, CHANGED));
    assert!(
        harness
            .get_by_label("Event list")
            .query_by_label("●")
            .is_none()
    );

    // Edited on disk (in a text editor, say): the window reloads and asks git again.
    set_field(
        &data.join(MEETINGS_FILE),
        "hog-29",
        "summary",
        "Edited, not committed.",
    );
    assert!(
        step_until(&mut harness, |h| in_panel(h, CHANGED)),
        "the panel says the record changed since the last commit"
    );
    let list = harness.get_by_label("Event list");
    let marks: Vec<egui::Rect> = list.query_all_by_label("●").map(|n| n.rect()).collect();
    assert_eq!(marks.len(), 1, "one record is marked in the list");
    let row = list.get_by_label(MEETING).rect();
    assert!(
        same_line(marks[0], row) && marks[0].max.x <= row.min.x,
        "the ● is before the 29th meeting's title: {marks:?} {row:?}"
    );
    assert_eq!(
        list.get_by_label("●")
            .accesskit_node()
            .description()
            .unwrap_or_default(),
        "changed since the last commit"
    );
    // Still one commit in its history: the edit is not committed.
    assert!(in_panel(&harness, "History (1)"));
    assert!(in_panel(&harness, "Edited, not committed."));

    // Committed and reloaded: the mark goes, the history grows.
    commit(
        dir.path(),
        "2025-01-03T10:00:00+00:00",
        "Edit the 29th meeting",
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::R);
    // (An answer asked for just before the commit may arrive first: wait for the end state.)
    assert!(
        step_until(&mut harness, |h| in_panel(h, "History (2)")
            && !in_panel(h, CHANGED)
            && h.get_by_label("Event list").query_by_label("●").is_none()),
        "after the commit: two commits in the history, no mark in the panel or the list"
    );
}

/// Three versions of the meetings file, merged by `annals merge-file` as git runs it: the
/// 29th and the 28th meetings' summaries changed differently on both sides.
fn conflicted_meetings(data: &Path) -> String {
    let meetings = data.join(MEETINGS_FILE);
    let base = fs::read_to_string(&meetings).unwrap();
    let ours = with_field(&base, "hog-29", "summary", "Our wording.");
    let ours = with_field(&ours, "hog-28", "summary", "Our account of the 28th.");
    let theirs = with_field(&base, "hog-29", "summary", "Their wording.");
    let theirs = with_field(&theirs, "hog-28", "summary", "Their account of the 28th.");
    let scratch = tempfile::tempdir().unwrap();
    let [b, o, t] = ["base", "ours", "theirs"].map(|n| scratch.path().join(n));
    fs::write(&b, &base).unwrap();
    fs::write(&o, &ours).unwrap();
    fs::write(&t, &theirs).unwrap();
    let out = Command::new(ANNALS)
        .args(["merge-file"])
        .args([&b, &o, &t])
        .args(["--path", MEETINGS_FILE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "conflicts: {out:?}");
    let merged = fs::read_to_string(&o).unwrap();
    assert!(merged.contains("<<<<<<< ours: merge conflict in record `hog-29`, field `summary`"));
    merged
}

fn has_markers(text: &str) -> bool {
    text.lines().any(|l| {
        ["<<<<<<<", "=======", ">>>>>>>"]
            .iter()
            .any(|m| l.trim_start().starts_with(m))
    })
}

/// The Take … button on the line of the banner that names `record`.
fn take_button<'h>(
    harness: &'h Harness<'_, AnnalsApp>,
    record: &str,
    side: &'h str,
) -> egui_kittest::Node<'h> {
    let line = harness
        .get_by_label_contains(&format!(
            "{MEETINGS_FILE}: merge conflict in record `{record}`"
        ))
        .rect();
    harness
        .query_all_by_label(side)
        .find(|b| same_line(b.rect(), line))
        .unwrap_or_else(|| panic!("{side} beside the conflict in {record}"))
}

#[test]
fn a_file_with_merge_conflicts_opens_with_them_listed_and_take_theirs_resolves_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = copy_bundled(dir.path());
    let merged = conflicted_meetings(&data);
    fs::write(data.join(MEETINGS_FILE), &merged).unwrap();

    let mut harness = harness_on(data.clone());
    assert!(
        harness.state().dataset().is_none(),
        "conflicts stop the load"
    );
    harness.get_by_label("This dataset could not be loaded");
    harness.get_by_label(&format!(
        "⚠ {MEETINGS_FILE}: merge conflict in record `hog-28`, field `summary`"
    ));
    harness.get_by_label(&format!(
        "⚠ {MEETINGS_FILE}: merge conflict in record `hog-29`, field `summary`"
    ));
    assert_eq!(harness.query_all_by_label("Take theirs").count(), 2);
    assert_eq!(harness.query_all_by_label("Take ours").count(), 2);

    // Their wording of the 29th meeting: one conflict is left, the file still does not load.
    take_button(&harness, "hog-29", "Take theirs").click();
    harness.run();
    let text = fs::read_to_string(data.join(MEETINGS_FILE)).unwrap();
    assert!(text.contains("summary: \"Their wording.\""));
    assert!(!text.contains("Our wording."));
    assert!(
        harness
            .query_all_by_label_contains("merge conflict in record `hog-29`")
            .next()
            .is_none()
    );
    assert_eq!(harness.query_all_by_label("Take theirs").count(), 1);
    assert!(harness.state().dataset().is_none());

    // Ours for the 28th: no markers left, the dataset loads with each side's value.
    take_button(&harness, "hog-28", "Take ours").click();
    harness.run();
    let text = fs::read_to_string(data.join(MEETINGS_FILE)).unwrap();
    assert!(!has_markers(&text), "{text}");
    assert!(text.contains("summary: \"Our account of the 28th.\""));
    assert!(!text.contains("Their account of the 28th."));
    assert!(
        harness
            .query_by_label("This dataset could not be loaded")
            .is_none()
    );
    assert!(harness.query_by_label("Take theirs").is_none());
    assert!(harness.state().dataset().is_some(), "the dataset loads");
    select_meeting(&mut harness);
    assert!(in_panel(&harness, "Their wording."));
    let loaded = annals::store::load_dataset(&data);
    assert!(loaded.dataset.is_some(), "{:?}", loaded.diagnostics);
}

#[test]
fn a_merge_conflict_arriving_while_open_is_in_the_banner_and_take_theirs_resolves_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = copy_bundled(dir.path());
    let merged = conflicted_meetings(&data);
    let mut harness = harness_on(data.clone());
    select_meeting(&mut harness);

    // A merge in a terminal writes the conflicts: the last good version stays on screen.
    fs::write(data.join(MEETINGS_FILE), &merged).unwrap();
    assert!(
        step_until(&mut harness, |h| h
            .query_all_by_label_contains("merge conflict in record `hog-29`")
            .next()
            .is_some()),
        "the banner lists the conflicts"
    );
    harness.get_by_label_contains(
        "The files now have 2 errors; the last good version stays on screen",
    );
    assert!(harness.state().dataset().is_some());

    take_button(&harness, "hog-29", "Take theirs").click();
    harness.run();
    take_button(&harness, "hog-28", "Take theirs").click();
    harness.run();
    let text = fs::read_to_string(data.join(MEETINGS_FILE)).unwrap();
    assert!(!has_markers(&text), "{text}");
    assert!(
        step_until(&mut harness, |h| h
            .query_by_label_contains("The files now have")
            .is_none()),
        "the banner goes once the conflicts are resolved"
    );
    assert!(harness.query_by_label("Take theirs").is_none());
    assert!(
        in_panel(&harness, "Their wording."),
        "the selection is kept, with their value"
    );
    let dataset = harness.state().dataset().unwrap();
    assert_eq!(
        dataset.by_id("hog-28").unwrap().summary.to_string(),
        "Their account of the 28th."
    );
}

#[test]
fn outside_git_there_is_no_history_section_and_no_error() {
    // First in git: the section is there once git has answered.
    let (dir, data) = repo_with_dataset();
    let mut harness = harness_on(data.clone());
    harness.get_by_label("☰ List").click();
    harness.run();
    select_meeting(&mut harness);
    assert!(step_until(&mut harness, |h| in_panel(h, "History (1)")));

    // The repository goes (the folder is copied elsewhere, say): after a reload git answers
    // that the files are in no work tree, and the section goes with nothing in its place.
    fs::rename(dir.path().join(".git"), dir.path().join("not-git")).unwrap();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::R);
    assert!(
        step_until(&mut harness, |h| !in_panel(h, "History")),
        "no History section outside git"
    );
    assert!(!in_panel(&harness, "reading git"));
    assert!(!in_panel(&harness, CHANGED));
    assert!(
        in_panel(&harness, "21 August 2024"),
        "the rest of the panel is there"
    );
    assert!(
        harness
            .get_by_label("Event list")
            .query_by_label("●")
            .is_none()
    );
    assert_eq!(harness.state().notice(), None);
    assert!(harness.state().reload_problems().is_empty());
    assert!(harness.state().loaded().diagnostics.is_empty());
}

#[test]
fn opening_another_dataset_with_the_same_ids_shows_its_own_git_state() {
    // A: a clone with the 29th meeting edited since its last commit.
    let (a_dir, a) = repo_with_dataset();
    set_field(&a.join(MEETINGS_FILE), "hog-29", "summary", "Edited in A.");
    // B: another clone, clean, with its own history.
    let (b_dir, b) = repo_with_dataset();
    set_field(&b.join(MEETINGS_FILE), "hog-29", "summary", "Revised in B.");
    commit(
        b_dir.path(),
        "2025-01-08T10:00:00+00:00",
        "Revise the meeting in B",
    );

    let mut harness = harness_on(a);
    harness.get_by_label("☰ List").click();
    harness.run();
    select_meeting(&mut harness);
    assert!(step_until(&mut harness, |h| in_panel(h, CHANGED)));
    harness.get_by_label("Event list").get_by_label("●");

    harness.state_mut().open(b.clone());
    harness.run();
    // Half a second on, so that the next click on the same spot is not a double-click.
    harness.run_steps(40);
    select_meeting(&mut harness);
    assert!(
        step_until(&mut harness, |h| in_panel(h, "History (2)")),
        "B's history, not A's"
    );
    harness.get_by_label("History (2)").click();
    harness.run();
    assert!(in_panel(&harness, "Revise the meeting in B"));
    assert!(
        !in_panel(&harness, CHANGED),
        "A's uncommitted edit is not B's"
    );
    assert!(
        harness
            .get_by_label("Event list")
            .query_by_label("●")
            .is_none()
    );
    drop(a_dir);
}
