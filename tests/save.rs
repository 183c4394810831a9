//! Saving edits back: only the changed records' bytes change, comments survive, writes are
//! atomic, and files changed underneath are never overwritten silently.

use std::fs;
use std::path::{Path, PathBuf};

use annals::cli::bundled_dataset_path;
use annals::model::{Dataset, Event, EventDate};
use annals::store::load_dataset;
use annals::store::save::records_of;
use annals::store::session::{
    Edit, EditSession, SessionError, change_with_references, delete_with_references,
};

/// A copy of the bundled dataset in a scratch folder.
fn scratch() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("china-russia");
    fs::create_dir(&root).unwrap();
    for entry in fs::read_dir(bundled_dataset_path()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "ron") {
            fs::copy(&path, root.join(path.file_name().unwrap())).unwrap();
        }
    }
    (dir, root)
}

/// Every `.ron` file of a folder with its text.
fn snapshot(root: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn comments(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|l| l.find("//").map(|i| l[i..].trim_end()))
        .collect()
}

fn open(root: &Path) -> (Dataset, EditSession) {
    let loaded = load_dataset(root);
    assert_eq!(loaded.error_count(), 0, "{:#?}", loaded.diagnostics);
    let session = EditSession::open(&loaded).unwrap();
    (loaded.dataset.unwrap(), session)
}

fn event(dataset: &Dataset, id: &str) -> Event {
    dataset.by_id(id).unwrap().clone()
}

fn reload_event(root: &Path, id: &str) -> Option<Event> {
    let loaded = load_dataset(root);
    assert_eq!(loaded.error_count(), 0, "{:#?}", loaded.diagnostics);
    loaded.dataset.unwrap().by_id(id).cloned()
}

#[test]
fn saving_without_edits_or_after_undoing_them_changes_no_byte() {
    let (_dir, root) = scratch();
    let before = snapshot(&root);
    let (mut dataset, mut session) = open(&root);
    let report = session.save(&dataset);
    assert!(report.written.is_empty() && report.is_complete());
    assert_eq!(snapshot(&root), before);

    let old = event(&dataset, "astana-2024");
    let mut new = old.clone();
    new.title = "Changed".into();
    session.apply(&mut dataset, vec![Edit::change(old, new)]);
    assert!(session.is_dirty());
    session.undo_last(&mut dataset);
    assert!(!session.is_dirty());
    let report = session.save(&dataset);
    assert!(report.written.is_empty(), "{report:?}");
    assert_eq!(snapshot(&root), before);
}

#[test]
fn one_field_edit_rewrites_only_that_record() {
    let (_dir, root) = scratch();
    let before = snapshot(&root);
    let (mut dataset, mut session) = open(&root);
    let old = event(&dataset, "astana-2024");
    let mut new = old.clone();
    new.title = "SCO summit in Astana (edited)".into();
    new.when = EventDate::parse("2024-07-03/2024-07-04").unwrap();
    session.apply(&mut dataset, vec![Edit::change(old, new.clone())]);
    let report = session.save(&dataset);
    assert!(report.is_complete(), "{report:?}");
    assert_eq!(report.written.len(), 1);
    assert!(!session.is_dirty());

    let after = snapshot(&root);
    for ((name, old_text), (_, new_text)) in before.iter().zip(&after) {
        if name != "visits-2024.ron" {
            assert_eq!(old_text, new_text, "{name} must not change");
            continue;
        }
        let span = records_of(old_text)
            .unwrap()
            .into_iter()
            .find(|r| r.id.as_deref() == Some("astana-2024"))
            .unwrap()
            .span;
        let tail = &old_text[span.end..];
        assert!(new_text.starts_with(&old_text[..span.start]));
        assert!(new_text.ends_with(tail));
        let middle = &new_text[span.start..new_text.len() - tail.len()];
        assert!(middle.contains("title: \"SCO summit in Astana (edited)\""));
        assert!(middle.contains("when: \"2024-07-03/2024-07-04\""));
        assert_eq!(comments(old_text), comments(new_text));
    }
    assert_eq!(reload_event(&root, "astana-2024"), Some(new));
}

#[test]
fn add_and_delete_keep_comments_and_everything_else() {
    let (_dir, root) = scratch();
    let before = snapshot(&root);
    let (mut dataset, mut session) = open(&root);
    let relations = session
        .event_files()
        .find(|(_, p)| p.ends_with("relations.ron"))
        .unwrap()
        .0;
    let mut added = event(&dataset, "trade-2023");
    added.id = "trade-2024".into();
    added.title = "Trade in 2024".into();
    added.when = EventDate::parse("2024").unwrap();
    session.apply(&mut dataset, vec![Edit::add(added, relations)]);
    let deleted = event(&dataset, "trade-2013");
    let edits = delete_with_references(&dataset, deleted);
    assert!(edits.len() > 1, "trade-2013 is named by other events");
    session.apply(&mut dataset, edits);
    assert!(
        dataset
            .events()
            .iter()
            .all(|e| e.related.iter().all(|r| r != "trade-2013"))
    );
    assert!(session.save(&dataset).is_complete());

    let after = snapshot(&root);
    for ((name, old_text), (_, new_text)) in before.iter().zip(&after) {
        assert_eq!(comments(old_text), comments(new_text), "{name}");
        if name != "relations.ron" {
            assert_eq!(old_text, new_text, "{name} must not change");
        }
    }
    let text = &after.iter().find(|(n, _)| n == "relations.ron").unwrap().1;
    let ids: Vec<String> = records_of(text)
        .unwrap()
        .into_iter()
        .filter_map(|r| r.id)
        .collect();
    assert_eq!(ids.last().map(String::as_str), Some("trade-2024"));
    assert!(!ids.iter().any(|id| id == "trade-2013"));
    assert_eq!(
        reload_event(&root, "trade-2024"),
        Some(event(&dataset, "trade-2024"))
    );
    assert_eq!(reload_event(&root, "trade-2013"), None);

    // Undo both and save: every record is back, the comments are where they were.
    session.undo_last(&mut dataset);
    session.undo_last(&mut dataset);
    assert!(session.save(&dataset).is_complete());
    let restored = snapshot(&root);
    let old = &before.iter().find(|(n, _)| n == "relations.ron").unwrap().1;
    let new = &restored
        .iter()
        .find(|(n, _)| n == "relations.ron")
        .unwrap()
        .1;
    // The deleted record comes back at the end of its file, the rest is untouched.
    assert_eq!(comments(old), comments(new));
    assert!(reload_event(&root, "trade-2013").is_some());
    assert!(reload_event(&root, "trade-2024").is_none());
}

#[test]
fn renaming_then_undoing_after_a_save_leaves_one_record() {
    let (_dir, root) = scratch();
    let (mut dataset, mut session) = open(&root);
    let old = event(&dataset, "hog-29");
    let mut renamed = old.clone();
    renamed.id = "hog-29-renamed".into();
    let edits = change_with_references(&dataset, old, renamed);
    assert!(edits.len() > 1, "hog-29 is named by other events");
    session.apply(&mut dataset, edits);
    assert!(session.save(&dataset).is_complete());
    assert!(reload_event(&root, "hog-29").is_none());
    session.undo_last(&mut dataset);
    assert!(session.is_dirty());
    assert!(session.save(&dataset).is_complete());
    assert!(reload_event(&root, "hog-29").is_some());
    assert!(reload_event(&root, "hog-29-renamed").is_none());
    session.redo_last(&mut dataset);
    assert!(session.save(&dataset).is_complete());
    assert!(reload_event(&root, "hog-29").is_none());
    assert!(reload_event(&root, "hog-29-renamed").is_some());
}

#[test]
fn undo_and_redo_walk_the_history_and_track_the_saved_point() {
    let (_dir, root) = scratch();
    let (mut dataset, mut session) = open(&root);
    let original = event(&dataset, "hog-28");
    let mut titles = Vec::new();
    for i in 0..5 {
        let before = event(&dataset, "hog-28");
        let mut after = before.clone();
        after.title = format!("Title {i}").into();
        titles.push(after.title.clone());
        session.apply(&mut dataset, vec![Edit::change(before, after)]);
    }
    assert_eq!(event(&dataset, "hog-28").title, titles[4]);
    for i in (0..4).rev() {
        assert!(session.undo_last(&mut dataset));
        assert_eq!(event(&dataset, "hog-28").title, titles[i]);
    }
    assert!(session.undo_last(&mut dataset));
    assert_eq!(event(&dataset, "hog-28"), original);
    assert!(!session.is_dirty());
    assert!(!session.undo_last(&mut dataset));
    assert!(session.redo_last(&mut dataset));
    assert_eq!(event(&dataset, "hog-28").title, titles[0]);
    // A new edit after an undo drops the redo history.
    let before = event(&dataset, "hog-28");
    let mut after = before.clone();
    after.title = "Branch".into();
    session.apply(&mut dataset, vec![Edit::change(before, after)]);
    assert!(!session.can_redo());
    // Amending the last step replaces it: one undo goes back past both typings.
    let mut typed = event(&dataset, "hog-28");
    typed.title = "Branch, amended".into();
    let start = {
        session.undo_last(&mut dataset);
        let start = event(&dataset, "hog-28");
        session.redo_last(&mut dataset);
        start
    };
    session.amend_last(&mut dataset, |dataset| {
        vec![Edit::change(
            dataset.by_id("hog-28").unwrap().clone(),
            typed,
        )]
    });
    assert_eq!(
        event(&dataset, "hog-28").title.to_string(),
        "Branch, amended"
    );
    session.undo_last(&mut dataset);
    assert_eq!(event(&dataset, "hog-28"), start);
}

#[test]
fn a_file_changed_underneath_is_not_overwritten() {
    let (_dir, root) = scratch();
    let (mut dataset, mut session) = open(&root);
    let old = event(&dataset, "astana-2024");
    let mut new = old.clone();
    new.title = "Mine".into();
    session.apply(&mut dataset, vec![Edit::change(old, new)]);

    let path = root.join("visits-2024.ron");
    let theirs = fs::read_to_string(&path)
        .unwrap()
        .replace("// High-level", "// Their comment. High-level");
    fs::write(&path, &theirs).unwrap();
    assert_eq!(session.changed_on_disk(), vec![path.clone()]);

    let report = session.save(&dataset);
    assert_eq!(report.conflicts, vec![path.clone()]);
    assert!(report.written.is_empty());
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs, "theirs stays");
    assert!(session.is_dirty(), "mine stays in memory");

    let (asides, report) = session.keep_mine(&dataset, "20261127-120000").unwrap();
    assert!(report.is_complete(), "{report:?}");
    assert_eq!(asides.len(), 1);
    assert!(asides[0].ends_with("visits-2024.ron.20261127-120000.theirs"));
    assert_eq!(fs::read_to_string(&asides[0]).unwrap(), theirs);
    let mine = fs::read_to_string(&path).unwrap();
    assert!(mine.contains("title: \"Mine\"") && !mine.contains("Their comment"));
    assert!(!session.is_dirty());
    assert!(session.changed_on_disk().is_empty());
    // The copy aside is not part of the dataset.
    assert_eq!(load_dataset(&root).error_count(), 0);
}

#[test]
fn a_session_refuses_to_start_on_files_changed_since_loading() {
    let (_dir, root) = scratch();
    let loaded = load_dataset(&root);
    fs::write(root.join("relations.ron"), "[]\n// a change, and longer\n").unwrap();
    match EditSession::open(&loaded) {
        Err(SessionError::Changed(path)) => assert!(path.ends_with("relations.ron")),
        other => panic!("expected a change to be seen, got {other:?}"),
    }
}

#[cfg(unix)]
#[test]
fn read_only_files_give_an_error_and_keep_the_edits() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, root) = scratch();
    let (mut dataset, mut session) = open(&root);
    let path = root.join("regular-meetings.ron");
    let before = fs::read_to_string(&path).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let old = event(&dataset, "hog-28");
    let mut new = old.clone();
    new.title = "Edited".into();
    session.apply(&mut dataset, vec![Edit::change(old, new)]);
    let report = session.save(&dataset);
    assert_eq!(report.errors.len(), 1, "{report:?}");
    assert!(report.errors[0].contains("read-only"), "{report:?}");
    assert!(session.is_dirty());
    assert_eq!(event(&dataset, "hog-28").title.to_string(), "Edited");
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
    // Made writable again, the same session saves.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    assert!(session.save(&dataset).is_complete());
    assert_eq!(
        reload_event(&root, "hog-28").map(|e| e.title),
        Some("Edited".into())
    );
}

#[test]
fn moving_a_record_to_another_file_and_back() {
    let (_dir, root) = scratch();
    let (mut dataset, mut session) = open(&root);
    let relations = session
        .event_files()
        .find(|(_, p)| p.ends_with("relations.ron"))
        .unwrap()
        .0;
    let moved = event(&dataset, "astana-2024");
    session.apply(&mut dataset, vec![Edit::move_to(moved, relations)]);
    assert_eq!(session.file_of("astana-2024"), Some(relations));
    assert!(session.save(&dataset).is_complete());
    let ids_in = |name: &str| -> Vec<String> {
        records_of(&fs::read_to_string(root.join(name)).unwrap())
            .unwrap()
            .into_iter()
            .filter_map(|r| r.id)
            .collect()
    };
    assert!(ids_in("relations.ron").contains(&"astana-2024".to_owned()));
    assert!(!ids_in("visits-2024.ron").contains(&"astana-2024".to_owned()));
    session.undo_last(&mut dataset);
    assert!(session.save(&dataset).is_complete());
    assert!(!ids_in("relations.ron").contains(&"astana-2024".to_owned()));
    assert!(ids_in("visits-2024.ron").contains(&"astana-2024".to_owned()));
    assert_eq!(load_dataset(&root).error_count(), 0);
}

/// Write `text` over `path` keeping its size and its modification time, as a tool that
/// rewrites a file in place within the same second might.
fn write_keeping_size_and_time(path: &Path, text: &str) {
    let before = fs::metadata(path).unwrap();
    assert_eq!(before.len(), text.len() as u64, "same size");
    fs::write(path, text).unwrap();
    let file = fs::File::options().write(true).open(path).unwrap();
    file.set_modified(before.modified().unwrap()).unwrap();
    let after = fs::metadata(path).unwrap();
    assert_eq!(
        (after.len(), after.modified().unwrap()),
        (before.len(), before.modified().unwrap())
    );
}

#[test]
fn a_change_of_the_same_size_and_second_is_still_seen() {
    let (_dir, root) = scratch();
    let path = root.join("relations.ron");
    let original = fs::read_to_string(&path).unwrap();
    // One letter changed: same size, and the time put back.
    let theirs = original
        .replacen("title: \"", "title: \"X", 1)
        .replacen("\",\n", ",\n", 0);
    let theirs = {
        let at = theirs.find("title: \"X").unwrap() + 9;
        format!("{}{}", &theirs[..at], &theirs[at + 1..])
    };
    assert_eq!(theirs.len(), original.len());
    assert_ne!(theirs, original);

    // Between loading and the first edit: the session refuses to start on stale data.
    let loaded = load_dataset(&root);
    write_keeping_size_and_time(&path, &theirs);
    match EditSession::open(&loaded) {
        Err(SessionError::Changed(changed)) => assert_eq!(changed, path),
        other => panic!("expected the change to be seen, got {other:?}"),
    }

    // Between the first edit and saving: a conflict, and their file is not overwritten.
    fs::write(&path, &original).unwrap();
    let (mut dataset, mut session) = open(&root);
    let id = records_of(&original).unwrap()[0].id.clone().unwrap();
    let old = event(&dataset, &id);
    let mut new = old.clone();
    new.title = "Mine".into();
    session.apply(&mut dataset, vec![Edit::change(old, new)]);
    write_keeping_size_and_time(&path, &theirs);
    assert_eq!(session.changed_on_disk(), vec![path.clone()]);
    let report = session.save(&dataset);
    assert_eq!(report.conflicts, vec![path.clone()]);
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
}

/// The byte range of the record with `id` in a file in the canonical layout, found by its
/// lines alone (not by the tokenizer the saver uses): from the line `    (` before its id
/// to the line `    ),` after it.
fn record_lines(text: &str, id: &str) -> std::ops::Range<usize> {
    let at = text
        .find(&format!("id: \"{id}\""))
        .expect("the id is in the file");
    let start = text[..at].rfind("\n    (\n").expect("record start") + 1;
    let end = at + text[at..].find("\n    ),\n").expect("record end") + "\n    ),\n".len();
    start..end
}

#[test]
fn a_save_leaves_every_other_record_and_comment_byte_for_byte() {
    let (_dir, root) = scratch();
    let path = root.join("regular-meetings.ron");
    let original = fs::read_to_string(&path).unwrap();
    // Comments between records, inside the changed file.
    let ids: Vec<String> = records_of(&original)
        .unwrap()
        .into_iter()
        .filter_map(|r| r.id)
        .collect();
    assert!(ids.len() > 10);
    let mut text = original.clone();
    for id in [&ids[2], &ids[5], &ids[9]] {
        let at = record_lines(&text, id).start;
        text.insert_str(at, &format!("    // About {id}: /* kept */ (not code)\n\n"));
    }
    fs::write(&path, &text).unwrap();

    let (mut dataset, mut session) = open(&root);
    let target = &ids[5];
    let old = event(&dataset, target);
    let mut new = old.clone();
    new.title = "A new title".into();
    new.summary = "A new summary.".into();
    session.apply(&mut dataset, vec![Edit::change(old, new)]);
    assert!(session.save(&dataset).is_complete());

    let saved = fs::read_to_string(&path).unwrap();
    let before = record_lines(&text, target);
    let after = record_lines(&saved, target);
    assert_eq!(
        saved[..after.start],
        text[..before.start],
        "everything before the record"
    );
    assert_eq!(
        saved[after.end..],
        text[before.end..],
        "everything after the record"
    );
    assert!(saved[after.clone()].contains("A new title"));
    for id in [&ids[2], &ids[5], &ids[9]] {
        assert!(saved.contains(&format!("    // About {id}: /* kept */ (not code)\n\n")));
    }
}
