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

thread_local! {
    /// How many git commands this thread has started (what the worker's tests count).
    static GIT_RUNS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A git command run in `dir` (counted in [`GIT_RUNS`]: every git command here starts so).
fn git(dir: &Path) -> Command {
    GIT_RUNS.with(|runs| runs.set(runs.get() + 1));
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
    let top = work_tree(file.parent()?)?;
    in_work_tree(&top, &file)
}

/// The top folder of the git work tree the folder `dir` is in (`git rev-parse`); `None`
/// outside one (or without git).
fn work_tree(dir: &Path) -> Option<PathBuf> {
    let top = git_output(dir, &["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(String::from_utf8(top).ok()?.trim());
    Some(std::fs::canonicalize(&top).unwrap_or(top))
}

/// `file` (with its links followed) in the work tree `top`, if it is inside it.
fn in_work_tree(top: &Path, file: &Path) -> Option<RepoFile> {
    let rel = file.strip_prefix(top).ok()?;
    let path = rel
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect::<Option<Vec<_>>>()?
        .join("/");
    Some(RepoFile {
        top: top.to_path_buf(),
        path,
    })
}

/// The git work tree of each dataset folder asked about, found once (one `git rev-parse`
/// per folder, however many files it holds) and kept until the dataset is opened or read
/// again: outside git, the refreshes after saves run no git at all.
#[derive(Debug, Default)]
pub(crate) struct WorkTrees {
    tops: HashMap<PathBuf, Option<PathBuf>>,
}

impl WorkTrees {
    /// Where `file` sits in its work tree, asking git only about a folder not seen before.
    fn repo_file(&mut self, file: &Path) -> Option<RepoFile> {
        let file = std::fs::canonicalize(file).ok()?;
        let dir = file.parent()?;
        let top = self
            .tops
            .entry(dir.to_path_buf())
            .or_insert_with(|| work_tree(dir))
            .clone()?;
        in_work_tree(&top, &file)
    }

    /// Forget every answer (the dataset was opened or read again: it may have been put in, or
    /// taken out of, a work tree).
    fn forget(&mut self) {
        self.tops.clear();
    }
}

/// Git's answers for many files of one work tree at once (one command each, not one a file):
/// which git ignores, which differ from HEAD, which it tracks.
struct TreeFacts {
    head: Option<String>,
    ignored: HashSet<String>,
    differ: HashSet<String>,
    tracked: HashSet<String>,
}

impl TreeFacts {
    fn of(top: &Path, paths: &[&str]) -> Self {
        let head = git_output(top, &["rev-parse", "--verify", "-q", "HEAD"])
            .and_then(|out| String::from_utf8(out).ok())
            .map(|h| h.trim().to_owned());
        let names = |out: Option<Vec<u8>>| -> HashSet<String> {
            out.map(|out| {
                out.split(|&b| b == 0)
                    .filter(|name| !name.is_empty())
                    .map(|name| String::from_utf8_lossy(name).into_owned())
                    .collect()
            })
            .unwrap_or_default()
        };
        let ignored = names(check_ignore(top, paths));
        let differ = match &head {
            Some(head) => names(git_output(
                top,
                &["diff", "--name-only", "-z", "--no-renames", head, "--"],
            )),
            None => HashSet::new(),
        };
        let tracked = names(git_output(top, &["ls-files", "-z", "--"]));
        Self {
            head,
            ignored,
            differ,
            tracked,
        }
    }
}

/// Which of `paths` (from the work tree's top) git ignores: one `git check-ignore --stdin`.
fn check_ignore(top: &Path, paths: &[&str]) -> Option<Vec<u8>> {
    let mut child = git(top)
        .args(["check-ignore", "-z", "--stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let input: Vec<u8> = paths
        .iter()
        .flat_map(|p| p.bytes().chain(std::iter::once(0)))
        .collect();
    // Written on another thread so that neither pipe fills up while the other waits.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let mut out = Vec::new();
    let read = child.stdout.take()?.read_to_end(&mut out);
    let _ = writer.join();
    let _ = child.wait();
    read.ok().map(|_| out)
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
#[cfg(test)]
fn changed_in(repo: &RepoFile, text: &str) -> HashSet<String> {
    changed_from(head(repo).and_then(|h| text_at(repo, &h)), text)
}

/// Ids of the records of `text` that differ from the file's `committed_text` (`None`: not
/// committed, every record is new).
fn changed_from(committed_text: Option<String>, text: &str) -> HashSet<String> {
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
    /// The status of `path` now (see [`statuses`]).
    #[cfg(test)]
    fn of(path: &Path) -> Self {
        statuses(
            &mut WorkTrees::default(),
            std::slice::from_ref(&path.to_path_buf()),
        )
        .pop()
        .map(|(_, status)| status)
        .unwrap_or_default()
    }
}

/// The status of each of `files` now. Outside git nothing is run but one `git rev-parse` for
/// each folder `trees` does not know yet, and the files are not even read: a dataset of
/// 50,000 files outside git costs nothing here, however often it is refreshed (the records'
/// texts were once kept, as much memory again as the dataset). In a work tree, a handful of
/// git commands serve every file (which git ignores, which differ from HEAD, which it
/// tracks), and only a file that differs from HEAD has its committed text read.
fn statuses(trees: &mut WorkTrees, files: &[PathBuf]) -> Vec<(PathBuf, FileStatus)> {
    let repos: Vec<Option<RepoFile>> = files.iter().map(|f| trees.repo_file(f)).collect();
    let mut facts: HashMap<PathBuf, TreeFacts> = HashMap::new();
    let mut by_top: HashMap<&Path, Vec<&str>> = HashMap::new();
    for repo in repos.iter().flatten() {
        by_top.entry(&repo.top).or_default().push(&repo.path);
    }
    for (top, paths) in by_top {
        facts.insert(top.to_path_buf(), TreeFacts::of(top, &paths));
    }
    files
        .iter()
        .zip(repos)
        .map(|(path, repo)| {
            let status = repo
                .and_then(|repo| Some((facts.get(&repo.top)?, repo)))
                // A file git ignores (a dataset generated under `target/`, say) is not part
                // of the repository: no marks, and none of the work below, which would
                // compete with the window for a core while it opens a big dataset.
                .filter(|(facts, repo)| !facts.ignored.contains(&repo.path))
                .map_or_else(FileStatus::default, |(facts, repo)| {
                    let text = std::fs::read_to_string(path).unwrap_or_default();
                    let changed = match &facts.head {
                        // Not committed (yet): every record is new.
                        _ if !facts.tracked.contains(&repo.path) => changed_from(None, &text),
                        // As committed: no record differs.
                        Some(_) if !facts.differ.contains(&repo.path) => HashSet::new(),
                        Some(head) => changed_from(text_at(&repo, head), &text),
                        None => changed_from(None, &text),
                    };
                    let ids = records_of(&text)
                        .map(|records| records.into_iter().filter_map(|r| r.id).collect())
                        .unwrap_or_default();
                    FileStatus {
                        ids,
                        changed: Some(changed),
                    }
                });
            (path.clone(), status)
        })
        .collect()
}

enum Request {
    /// The status of each of these files (a dataset's event files).
    Status(Vec<PathBuf>),
    History(PathBuf),
    /// The dataset was opened or read again: ask git afresh which work tree it is in.
    Reopened,
}

enum Answer {
    /// One answer for every file asked about together (one wake of the window).
    Status(Vec<(PathBuf, FileStatus)>),
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
    /// The event files of the dataset asked about last: answers about other files (of a
    /// dataset opened before) are dropped as they arrive.
    current: HashSet<PathBuf>,
    /// Status requests sent and not answered yet.
    status_pending: usize,
    /// How many git commands the worker has started so far.
    git_runs: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl HistoryWorker {
    /// Start the worker; `wake` is called on its thread after each answer.
    pub fn new(wake: impl Fn() + Send + 'static) -> Self {
        let (requests, rx) = std::sync::mpsc::channel::<Request>();
        let (tx, answers) = std::sync::mpsc::channel();
        let git_runs = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let worker_git_runs = std::sync::Arc::clone(&git_runs);
        let spawned = std::thread::Builder::new()
            .name("annals-history".into())
            .spawn(move || {
                let mut cache: HashMap<(PathBuf, String), FileHistory> = HashMap::new();
                let mut trees = WorkTrees::default();
                while let Ok(request) = rx.recv() {
                    let answer = match request {
                        Request::Reopened => {
                            trees.forget();
                            continue;
                        }
                        Request::Status(files) => Answer::Status(statuses(&mut trees, &files)),
                        Request::History(path) => {
                            let history = trees.repo_file(&path).and_then(|repo| {
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
                    worker_git_runs.store(
                        GIT_RUNS.with(std::cell::Cell::get),
                        std::sync::atomic::Ordering::Relaxed,
                    );
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
            current: HashSet::new(),
            status_pending: 0,
            git_runs,
        }
    }

    /// The dataset was opened or read again: the next refresh asks git which work tree it
    /// is in, once; until then every refresh (after a save) reuses the answer.
    pub(crate) fn reopened(&mut self) {
        let _ = self.requests.send(Request::Reopened);
    }

    /// Whether every status asked for has arrived.
    pub(crate) fn answered(&self) -> bool {
        self.status_pending == 0
    }

    /// Keep what git said of the files asked about last only (see [`Self::refresh`]).
    pub(crate) fn forget_other_files(&mut self) {
        let current = &self.current;
        self.status.retain(|path, _| current.contains(path));
        self.texts.retain(|path, _| current.contains(path));
    }

    /// How many git commands the worker has run, as of its last answer.
    pub(crate) fn git_runs(&self) -> usize {
        self.git_runs.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Read `files` again (after a load, a reload or a save): their records now, what
    /// changed since the last commit; histories already shown are asked for again (cheap
    /// while HEAD stays the same).
    pub(crate) fn refresh(&mut self, files: &[PathBuf]) {
        self.current = files.iter().cloned().collect();
        self.status.retain(|path, _| self.current.contains(path));
        self.texts.retain(|path, _| self.current.contains(path));
        if self.requests.send(Request::Status(files.to_vec())).is_ok() {
            self.status_pending += 1;
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
                Answer::Status(statuses) => {
                    self.status_pending = self.status_pending.saturating_sub(1);
                    for (path, status) in statuses {
                        if self.current.contains(&path) {
                            self.status.insert(path, status);
                        }
                    }
                }
                Answer::History(path, history, texts) => {
                    self.pending.remove(&path);
                    if self.current.contains(&path) {
                        self.texts.insert(path.clone(), texts);
                    }
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

    /// Outside git, a dataset of many files is asked about once: one `git rev-parse` for its
    /// folder, none for its files nor for any later refresh (after a save) until the dataset
    /// is opened or read again; and one answer, so the window is woken once, not per file.
    #[test]
    fn outside_git_a_big_dataset_asks_git_once_and_wakes_the_window_once() {
        let dir = tempfile::tempdir().unwrap();
        if repo_file(&dir.path().join("x")).is_some() || work_tree(dir.path()).is_some() {
            return; // the system's temporary folder is in a work tree: not this case
        }
        let files: Vec<PathBuf> = (0..2_000)
            .map(|i| {
                let file = dir.path().join(format!("events-{i:04}.ron"));
                fs::write(&file, format!("[\n{}]\n", record(&format!("e{i}"), "T"))).unwrap();
                file
            })
            .collect();
        let wakes = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = std::sync::Arc::clone(&wakes);
        let mut worker = HistoryWorker::new(move || {
            counted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
        let answered = |worker: &mut HistoryWorker, n: usize| {
            let start = std::time::Instant::now();
            while wakes.load(std::sync::atomic::Ordering::Relaxed) < n {
                assert!(start.elapsed().as_secs() < 60, "no answer");
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            worker.poll();
        };
        worker.reopened();
        worker.refresh(&files);
        answered(&mut worker, 1);
        assert_eq!(worker.status.len(), files.len());
        assert!(!worker.in_git(&files[0]));
        assert_eq!(worker.git_runs(), 1, "one rev-parse for the folder");
        // Saves refresh again: no git at all.
        for round in 0..3 {
            worker.refresh(&files);
            answered(&mut worker, 2 + round);
        }
        assert_eq!(worker.git_runs(), 1);
        assert_eq!(
            wakes.load(std::sync::atomic::Ordering::Relaxed),
            4,
            "one wake a refresh"
        );
        // Opened or read again: asked again, once.
        worker.reopened();
        worker.refresh(&files);
        answered(&mut worker, 5);
        assert_eq!(worker.git_runs(), 2);
        // Answers about another dataset's files are not kept.
        worker.refresh(&files[..10]);
        answered(&mut worker, 6);
        assert_eq!(worker.status.len(), 10);
    }

    /// In a work tree, the status of many files costs a few git commands, not one a file.
    #[test]
    fn in_git_many_files_cost_a_few_git_commands() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        git_in(root, &["init", "-q"]);
        git_in(root, &["config", "user.name", "Ann Alyst"]);
        git_in(root, &["config", "user.email", "ann@example.org"]);
        let files: Vec<PathBuf> = (0..200)
            .map(|i| {
                let file = root.join(format!("events-{i:03}.ron"));
                fs::write(&file, format!("[\n{}]\n", record(&format!("e{i}"), "T"))).unwrap();
                file
            })
            .collect();
        git_in(root, &["add", "."]);
        git_in(root, &["commit", "-q", "-m", "all"]);
        // One file edited, one new.
        fs::write(
            &files[7],
            format!("[\n{}{}]\n", record("e7", "Changed"), record("new", "N")),
        )
        .unwrap();
        let extra = root.join("events-new.ron");
        fs::write(&extra, format!("[\n{}]\n", record("brand-new", "B"))).unwrap();
        let mut all = files.clone();
        all.push(extra.clone());
        let before = GIT_RUNS.with(std::cell::Cell::get);
        let found = statuses(&mut WorkTrees::default(), &all);
        let runs = GIT_RUNS.with(std::cell::Cell::get) - before;
        // rev-parse of the folder, HEAD, check-ignore, diff, ls-files, and the committed
        // text of the one changed file (`git show`).
        assert_eq!(runs, 6, "git commands for {} files", all.len());
        let of = |file: &Path| &found.iter().find(|(p, _)| p == file).unwrap().1;
        assert_eq!(
            of(&files[7]).changed,
            Some(HashSet::from(["e7".to_owned(), "new".to_owned()]))
        );
        assert_eq!(of(&files[8]).changed, Some(HashSet::new()));
        assert!(of(&files[8]).ids.contains("e8"));
        assert_eq!(
            of(&extra).changed,
            Some(HashSet::from(["brand-new".to_owned()]))
        );
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
