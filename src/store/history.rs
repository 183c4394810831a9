//! A record's history in git: the commits that changed it, found from the record's text in
//! each version of its file (a blame of the record, not of the file), and which records
//! differ from the last commit. Through the `git` command line: no library to build, and
//! two processes per file whatever the number of commits (`git log`, then one
//! `git cat-file --batch` for every version). Outside a repository, or without git, every
//! function answers `None` and nothing else happens.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::merge::normal_form;
use super::save::records_of;

/// One commit, as the history shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commit {
    pub id: String,
    pub author: String,
    /// `YYYY-MM-DD HH:MM`, the author's date in their time zone.
    pub date: String,
    /// The first line of the message.
    pub message: String,
}

/// A commit that changed a record, and the record as it was after it (`None`: deleted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordChange {
    pub commit: Commit,
    pub text: Option<String>,
}

/// Every record's history in one file, computed once for a given HEAD.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileHistory {
    /// The HEAD it was computed at.
    pub head: String,
    /// By record id: the commits that changed it, newest first.
    pub records: HashMap<String, Vec<RecordChange>>,
}

impl FileHistory {
    pub fn of(&self, id: &str) -> &[RecordChange] {
        self.records.get(id).map_or(&[], Vec::as_slice)
    }
}

/// A file inside a git work tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RepoFile {
    /// The work tree's top folder.
    pub top: PathBuf,
    /// The file's path from there, with `/`.
    pub path: String,
}

fn git(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(dir)
        .stdin(Stdio::null())
        .stderr(Stdio::null());
    command
}

fn git_output(dir: &Path, args: &[&str]) -> Option<Vec<u8>> {
    let out = git(dir).args(args).output().ok()?;
    out.status.success().then_some(out.stdout)
}

/// Where `file` sits in its git work tree; `None` outside one (or without git).
pub(crate) fn repo_file(file: &Path) -> Option<RepoFile> {
    let file = std::fs::canonicalize(file).ok()?;
    let dir = file.parent()?;
    let top = git_output(dir, &["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(String::from_utf8(top).ok()?.trim());
    let top = std::fs::canonicalize(&top).unwrap_or(top);
    let rel = file.strip_prefix(&top).ok()?;
    let path = rel
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect::<Option<Vec<_>>>()?
        .join("/");
    Some(RepoFile { top, path })
}

/// Whether git ignores the file (`.gitignore` and the like).
fn is_ignored(repo: &RepoFile) -> bool {
    git(&repo.top)
        .args(["check-ignore", "-q", "--", &repo.path])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// The commit HEAD names; `None` in a repository without commits.
pub fn head(repo: &RepoFile) -> Option<String> {
    let out = git_output(&repo.top, &["rev-parse", "--verify", "-q", "HEAD"])?;
    Some(String::from_utf8(out).ok()?.trim().to_owned())
}

/// The file's text at `rev` (`None` if it is not in that commit).
pub(crate) fn text_at(repo: &RepoFile, rev: &str) -> Option<String> {
    let out = git_output(&repo.top, &["show", &format!("{rev}:{}", repo.path)])?;
    String::from_utf8(out).ok()
}

/// Each record of a file's text as written, by id (a text that does not read: none).
fn record_texts(text: &str) -> HashMap<String, String> {
    let Ok(records) = records_of(text) else {
        return HashMap::new();
    };
    records
        .into_iter()
        .filter_map(|r| Some((r.id?, text[r.span].to_owned())))
        .collect()
}

/// Normal form of each record of a file's text, by id (a text that does not read: none).
fn record_forms(text: &str) -> HashMap<String, String> {
    record_texts(text)
        .into_iter()
        .map(|(id, raw)| (id, normal_form(&raw)))
        .collect()
}

/// Ids of the records of `text` (the file's text now) that differ from the last commit,
/// layout and comments aside: changed, or new.
fn changed_in(repo: &RepoFile, text: &str) -> HashSet<String> {
    let committed_text = head(repo).and_then(|h| text_at(repo, &h));
    // The usual file is as committed: nothing to compare record by record.
    if committed_text.as_deref() == Some(text) {
        return HashSet::new();
    }
    let committed = committed_text.map(|t| record_forms(&t)).unwrap_or_default();
    record_forms(text)
        .into_iter()
        .filter(|(id, form)| committed.get(id) != Some(form))
        .map(|(id, _)| id)
        .collect()
}

/// The history of every record of `file`, from the commits that touched it. `None` outside
/// git or in a repository without commits.
pub fn file_history(file: &Path) -> Option<FileHistory> {
    let repo = repo_file(file)?;
    let head = head(&repo)?;
    // Newest first; fields separated by US, commits by RS.
    let log = git_output(
        &repo.top,
        &[
            "log",
            "--format=%x1e%H%x1f%an%x1f%ad%x1f%s",
            "--date=format:%Y-%m-%d %H:%M",
            &head,
            "--",
            &repo.path,
        ],
    )?;
    let log = String::from_utf8_lossy(&log);
    let commits: Vec<Commit> = log
        .split('\x1e')
        .filter_map(|entry| {
            let mut parts = entry.trim_end_matches('\n').split('\x1f');
            Some(Commit {
                id: parts.next()?.to_owned(),
                author: parts.next()?.to_owned(),
                date: parts.next()?.to_owned(),
                message: parts.next().unwrap_or("").to_owned(),
            })
        })
        .collect();
    let versions = versions(&repo, &commits)?;
    let mut records: HashMap<String, Vec<RecordChange>> = HashMap::new();
    let mut previous: HashMap<String, (String, String)> = HashMap::new();
    let mut previous_blob: Option<String> = None;
    // Oldest first, comparing each version with the one before.
    for (commit, version) in commits.iter().zip(versions).rev() {
        let (blob, text) = match version {
            Some((blob, text)) => (Some(blob), text),
            None => (None, String::new()),
        };
        if blob.is_some() && blob == previous_blob {
            continue;
        }
        previous_blob = blob;
        let mut now = HashMap::with_capacity(previous.len());
        if let Ok(found) = records_of(&text) {
            for r in found {
                let Some(id) = r.id else { continue };
                let raw = &text[r.span];
                // Same bytes as before: same record, no need to normalise.
                let entry = match previous.remove(&id) {
                    Some((form, old_raw)) if old_raw == raw => (form, old_raw),
                    Some((form, _)) => {
                        let new = normal_form(raw);
                        if new != form {
                            change(&mut records, &id, commit, Some(raw));
                        }
                        (new, raw.to_owned())
                    }
                    None => {
                        change(&mut records, &id, commit, Some(raw));
                        (normal_form(raw), raw.to_owned())
                    }
                };
                now.insert(id, entry);
            }
        }
        for id in previous.into_keys() {
            change(&mut records, &id, commit, None);
        }
        previous = now;
    }
    for changes in records.values_mut() {
        changes.reverse();
    }
    Some(FileHistory { head, records })
}

fn change(
    records: &mut HashMap<String, Vec<RecordChange>>,
    id: &str,
    commit: &Commit,
    text: Option<&str>,
) {
    records
        .entry(id.to_owned())
        .or_default()
        .push(RecordChange {
            commit: commit.clone(),
            text: text.map(str::to_owned),
        });
}

/// The file's blob and text in each commit (`None` where it is absent), read through one
/// `git cat-file --batch`.
fn versions(repo: &RepoFile, commits: &[Commit]) -> Option<Vec<Option<(String, String)>>> {
    let mut child = git(&repo.top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let requests: String = commits
        .iter()
        .map(|c| format!("{}:{}\n", c.id, repo.path))
        .collect();
    // Written on another thread so that neither pipe fills up while the other waits.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(requests.as_bytes());
    });
    let mut out = BufReader::new(child.stdout.take()?);
    let mut versions = Vec::with_capacity(commits.len());
    let mut header = String::new();
    for _ in commits {
        header.clear();
        if out.read_line(&mut header).ok()? == 0 {
            break;
        }
        let mut parts = header.split_whitespace();
        let (Some(blob), Some(kind), Some(size)) = (parts.next(), parts.next(), parts.next())
        else {
            // "<object> missing": not in this commit.
            versions.push(None);
            continue;
        };
        let size: usize = size.parse().ok()?;
        let mut bytes = vec![0; size + 1];
        out.read_exact(&mut bytes).ok()?;
        bytes.pop();
        versions.push((kind == "blob").then(|| {
            (
                blob.to_owned(),
                String::from_utf8_lossy(&bytes).into_owned(),
            )
        }));
    }
    let _ = writer.join();
    let _ = child.wait();
    (versions.len() == commits.len()).then_some(versions)
}

/// The top-level fields of a record's text, as `(name, value)` written on one line each,
/// for showing two versions side by side.
pub(crate) fn record_fields(text: &str) -> Vec<(String, String)> {
    let Ok(tokens) = super::lex::tokenize(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut depth = 0;
    for (i, tok) in tokens.iter().enumerate() {
        match tok.kind {
            super::lex::TokenKind::Punct(b'(' | b'[' | b'{') => depth += 1,
            super::lex::TokenKind::Punct(b')' | b']' | b'}') => depth -= 1,
            super::lex::TokenKind::Ident
                if depth == 1
                    && tokens.get(i + 1).map(|t| t.kind)
                        == Some(super::lex::TokenKind::Punct(b':')) =>
            {
                let name = &text[tok.span.clone()];
                if let Some(value) = super::lex::field_value_span(text, name) {
                    out.push((name.to_owned(), normal_form(&text[value])));
                }
            }
            _ => {}
        }
    }
    out
}

/// What the window knows of one event file in a git work tree: the ids of its records now,
/// and which differ from the last commit (`None` outside git, where nothing else is kept:
/// the file is not even read).
#[derive(Clone, Debug, Default)]
pub(crate) struct FileStatus {
    pub ids: HashSet<String>,
    pub changed: Option<HashSet<String>>,
}

impl FileStatus {
    /// The status of `path` now. Outside git only a `git rev-parse` is run: a dataset of a
    /// million records outside git costs nothing here (the records' texts were once kept,
    /// as much memory again as the dataset).
    fn of(path: &Path) -> Self {
        // A file git ignores (a dataset generated under `target/`, say) is not part of the
        // repository: no marks, and none of the work below, which would compete with the
        // window for a core while it opens a big dataset.
        let repo = match repo_file(path) {
            Some(repo) if !is_ignored(&repo) => repo,
            _ => return Self::default(),
        };
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let changed = Some(changed_in(&repo, &text));
        let ids = records_of(&text)
            .map(|records| records.into_iter().filter_map(|r| r.id).collect())
            .unwrap_or_default();
        Self { ids, changed }
    }
}

enum Request {
    Status(PathBuf),
    History(PathBuf),
}

enum Answer {
    Status(PathBuf, FileStatus),
    /// A file's history, and its records' texts now (to compare an old version with).
    History(PathBuf, Option<FileHistory>, HashMap<String, String>),
}

/// Histories and "changed since the last commit", computed on a worker thread and kept (a
/// history until HEAD changes). The window asks; answers arrive later, and `wake` asks it
/// to look.
pub(crate) struct HistoryWorker {
    requests: std::sync::mpsc::Sender<Request>,
    answers: std::sync::mpsc::Receiver<Answer>,
    pub status: HashMap<PathBuf, FileStatus>,
    /// `None` once answered outside git.
    pub histories: HashMap<PathBuf, Option<FileHistory>>,
    /// The records' texts now, by id, of the files whose history was asked for.
    pub texts: HashMap<PathBuf, HashMap<String, String>>,
    pending: HashSet<PathBuf>,
}

impl HistoryWorker {
    /// Start the worker; `wake` is called on its thread after each answer.
    pub fn new(wake: impl Fn() + Send + 'static) -> Self {
        let (requests, rx) = std::sync::mpsc::channel::<Request>();
        let (tx, answers) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("annals-history".into())
            .spawn(move || {
                let mut cache: HashMap<(PathBuf, String), FileHistory> = HashMap::new();
                while let Ok(request) = rx.recv() {
                    let answer = match request {
                        Request::Status(path) => {
                            let status = FileStatus::of(&path);
                            Answer::Status(path, status)
                        }
                        Request::History(path) => {
                            let history = repo_file(&path).and_then(|repo| {
                                let key = (path.clone(), head(&repo)?);
                                if let Some(h) = cache.get(&key) {
                                    return Some(h.clone());
                                }
                                let h = file_history(&path)?;
                                cache.insert(key, h.clone());
                                Some(h)
                            });
                            let texts = if history.is_some() {
                                let text = std::fs::read_to_string(&path).unwrap_or_default();
                                record_texts(&text)
                            } else {
                                HashMap::new()
                            };
                            Answer::History(path, history, texts)
                        }
                    };
                    if tx.send(answer).is_err() {
                        break;
                    }
                    wake();
                }
            });
        // Without a worker nothing is ever answered, and nothing is shown.
        drop(spawned);
        Self {
            requests,
            answers,
            status: HashMap::new(),
            histories: HashMap::new(),
            texts: HashMap::new(),
            pending: HashSet::new(),
        }
    }

    /// Read `files` again (after a load, a reload or a save): their records now, what
    /// changed since the last commit; histories already shown are asked for again (cheap
    /// while HEAD stays the same).
    pub(crate) fn refresh(&mut self, files: &[PathBuf]) {
        for file in files {
            let _ = self.requests.send(Request::Status(file.clone()));
        }
        let shown: Vec<PathBuf> = self.histories.keys().cloned().collect();
        for file in shown {
            let _ = self.requests.send(Request::History(file));
        }
    }

    /// Ask for the history of `file` unless it is known or asked for already.
    pub(crate) fn ensure_history(&mut self, file: &Path) {
        if !self.histories.contains_key(file) && self.pending.insert(file.to_path_buf()) {
            let _ = self.requests.send(Request::History(file.to_path_buf()));
        }
    }

    /// Take the answers that arrived; true if any did.
    pub(crate) fn poll(&mut self) -> bool {
        let mut any = false;
        while let Ok(answer) = self.answers.try_recv() {
            match answer {
                Answer::Status(path, status) => {
                    self.status.insert(path, status);
                }
                Answer::History(path, history, texts) => {
                    self.pending.remove(&path);
                    self.texts.insert(path.clone(), texts);
                    self.histories.insert(path, history);
                }
            }
            any = true;
        }
        any
    }

    /// The file that holds record `id` now, as far as known.
    pub fn file_of(&self, id: &str) -> Option<&Path> {
        self.status
            .iter()
            .find(|(_, s)| s.ids.contains(id))
            .map(|(p, _)| p.as_path())
    }

    /// The history of record `id` in `file`: `None` while it is being computed or outside
    /// git (see [`Self::in_git`]).
    pub fn history(&self, file: &Path, id: &str) -> Option<&[RecordChange]> {
        self.histories.get(file)?.as_ref().map(|h| h.of(id))
    }

    /// Whether `file` is known to be in a git work tree.
    pub(crate) fn in_git(&self, file: &Path) -> bool {
        self.status.get(file).is_some_and(|s| s.changed.is_some())
    }

    /// Whether record `id` of `file` differs from the last commit (false if unknown).
    pub fn changed(&self, file: &Path, id: &str) -> bool {
        self.status
            .get(file)
            .and_then(|s| s.changed.as_ref())
            .is_some_and(|c| c.contains(id))
    }

    /// Whether record `id` (in whichever file) differs from the last commit.
    pub(crate) fn changed_anywhere(&self, id: &str) -> bool {
        self.status
            .values()
            .any(|s| s.changed.as_ref().is_some_and(|c| c.contains(id)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn git_in(dir: &Path, args: &[&str]) {
        let ok = Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", dir)
            .output()
            .unwrap()
            .status
            .success();
        assert!(ok, "git {args:?}");
    }

    /// [`changed_in`] of `file`; `None` outside git.
    fn changed_since_commit(file: &Path, text: &str) -> Option<HashSet<String>> {
        repo_file(file).map(|repo| changed_in(&repo, text))
    }

    fn record(id: &str, title: &str) -> String {
        format!(
            "    (\n        id: \"{id}\",\n        title: \"{title}\",\n        when: \"2024\",\n        kind: \"visit\",\n    ),\n"
        )
    }

    #[test]
    fn a_record_changed_in_3_of_5_commits_lists_those_3() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        git_in(root, &["init", "-q"]);
        git_in(root, &["config", "user.name", "Ann Alyst"]);
        git_in(root, &["config", "user.email", "ann@example.org"]);
        let file = root.join("events.ron");
        let steps = [
            // 1: x created (a change), y created.
            (
                format!("[\n{}{}]\n", record("x", "X1"), record("y", "Y1")),
                "one",
            ),
            // 2: only y changes.
            (
                format!("[\n{}{}]\n", record("x", "X1"), record("y", "Y2")),
                "two",
            ),
            // 3: x changes.
            (
                format!("[\n{}{}]\n", record("x", "X3"), record("y", "Y2")),
                "three",
            ),
            // 4: a comment and x's layout only: no change to x.
            (
                format!(
                    "// comment\n[\n    (id: \"x\", title: \"X3\", when: \"2024\", kind: \"visit\"),\n{}]\n",
                    record("y", "Y2")
                ),
                "four",
            ),
            // 5: x changes.
            (
                format!("[\n{}{}]\n", record("x", "X5"), record("y", "Y2")),
                "five",
            ),
        ];
        for (text, message) in &steps {
            fs::write(&file, text).unwrap();
            git_in(root, &["add", "."]);
            git_in(root, &["commit", "-q", "-m", message]);
        }
        let history = file_history(&file).unwrap();
        let messages: Vec<&str> = history
            .of("x")
            .iter()
            .map(|c| c.commit.message.as_str())
            .collect();
        assert_eq!(messages, ["five", "three", "one"]);
        assert!(history.of("x")[0].text.as_deref().unwrap().contains("X5"));
        assert_eq!(history.of("x")[0].commit.author, "Ann Alyst");
        let messages: Vec<&str> = history
            .of("y")
            .iter()
            .map(|c| c.commit.message.as_str())
            .collect();
        assert_eq!(messages, ["two", "one"]);

        // Nothing changed since the last commit; then y is edited and z added.
        assert_eq!(
            changed_since_commit(&file, &steps[4].0),
            Some(HashSet::new())
        );
        let now = format!(
            "[\n{}{}{}]\n",
            record("x", "X5"),
            record("y", "Y6"),
            record("z", "Z")
        );
        let changed = changed_since_commit(&file, &now).unwrap();
        assert_eq!(changed, HashSet::from(["y".to_owned(), "z".to_owned()]));

        // The worker gives the same answers.
        fs::write(&file, &now).unwrap();
        let mut worker = HistoryWorker::new(|| {});
        worker.refresh(std::slice::from_ref(&file));
        worker.ensure_history(&file);
        let start = std::time::Instant::now();
        while worker.status.is_empty() || worker.histories.is_empty() {
            assert!(start.elapsed().as_secs() < 30);
            std::thread::sleep(std::time::Duration::from_millis(5));
            worker.poll();
        }
        assert_eq!(worker.history(&file, "x").unwrap().len(), 3);
        assert!(worker.changed(&file, "y") && !worker.changed(&file, "x"));
        assert_eq!(worker.file_of("z"), Some(file.as_path()));
        assert!(worker.in_git(&file));
    }

    #[test]
    fn outside_git_there_is_no_history_and_no_error() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("events.ron");
        fs::write(&file, "[]\n").unwrap();
        // A temporary folder is not inside a repository (unless the system's is).
        if repo_file(&file).is_none() {
            assert_eq!(file_history(&file), None);
            assert_eq!(changed_since_commit(&file, "[]"), None);
        }
    }

    #[test]
    fn files_git_ignores_get_no_marks_and_tracked_ones_do() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        git_in(root, &["init", "-q"]);
        git_in(root, &["config", "user.name", "Ann Alyst"]);
        git_in(root, &["config", "user.email", "ann@example.org"]);
        fs::write(root.join(".gitignore"), "generated/\n").unwrap();
        let tracked = root.join("events.ron");
        fs::write(&tracked, format!("[\n{}]\n", record("a", "A"))).unwrap();
        git_in(root, &["add", "."]);
        git_in(root, &["commit", "-q", "-m", "one record"]);
        fs::write(
            &tracked,
            format!("[\n{}{}]\n", record("a", "A"), record("b", "B")),
        )
        .unwrap();
        fs::create_dir(root.join("generated")).unwrap();
        let ignored = root.join("generated/events.ron");
        fs::write(&ignored, format!("[\n{}]\n", record("c", "C"))).unwrap();

        let status = FileStatus::of(&tracked);
        assert_eq!(
            status.changed,
            Some(HashSet::from(["b".to_owned()])),
            "only the new record is marked"
        );
        assert!(status.ids.contains("a") && status.ids.contains("b"));
        let status = FileStatus::of(&ignored);
        assert_eq!(status.changed, None);
        assert!(status.ids.is_empty());
    }

    #[test]
    fn fields_side_by_side() {
        let fields =
            record_fields("(id: \"x\", series: (id: \"s\", ordinal: 2), tags: [\"a\",\n \"b\",])");
        assert_eq!(
            fields,
            [
                ("id".to_owned(), "\"x\"".to_owned()),
                ("series".to_owned(), "(id: \"s\", ordinal: 2)".to_owned()),
                ("tags".to_owned(), "[\"a\", \"b\"]".to_owned()),
            ]
        );
    }
}
