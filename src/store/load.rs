//! Reading a dataset folder: every `.ron` file in it, each record parsed on its own so that
//! one mistake does not hide the next, every problem reported with its place.

use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde::de::DeserializeOwned;

use super::diagnostics::{Diagnostic, SourceText, WordArg, Words, did_you_mean, words};
use super::lex::{LayoutError, TokenKind, list_layout, tokenize};
pub use super::parse::{BRIEFINGS_DIR, MANIFEST_FILE, RecordOrigin, ron_options};
use super::validate::{ManifestIds, Sources, validate_across, validate_manifest, validate_records};
use crate::model::dataset::Dataset;
use crate::model::event::{EVENT_FIELDS, Event};
use crate::model::manifest::Manifest;
use crate::model::storyline::{STEP_FIELDS, Storyline};

/// Files larger than this are refused rather than read into memory.
pub(crate) const MAX_FILE_BYTES: u64 = super::input::MAX_INPUT_BYTES;

/// The outcome of loading: the dataset if there were no errors, and every diagnostic.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The dataset folder.
    pub root: PathBuf,
    /// `None` when any error was found.
    pub dataset: Option<Dataset>,
    pub diagnostics: Vec<Diagnostic>,
    /// The `.ron` files read, in name order (manifest first).
    pub files: Vec<PathBuf>,
    /// Size and modification time of each of `files` just before it was read, to notice
    /// later that it changed on disk.
    pub stamps: Vec<FileStamp>,
    /// The storylines of `briefings/` that check out, by file name without `.ron`, in name
    /// order. Read only when the dataset itself loads.
    pub storylines: Vec<(String, Storyline)>,
}

/// What a file held when it was read: its size and a fingerprint of its bytes, to tell later
/// whether it changed on disk (a change that keeps the size and the modification second is
/// still a change).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    pub len: u64,
    /// [`super::parse::fingerprint`] of the bytes read.
    pub hash: u64,
}

impl FileStamp {
    /// The stamp of `bytes` as read from a file.
    pub(crate) fn of_bytes(bytes: &[u8]) -> FileStamp {
        FileStamp {
            len: bytes.len() as u64,
            hash: super::parse::fingerprint(bytes),
        }
    }
}

impl Loaded {
    /// The storyline named `name` (its file name without `.ron`, or its title), with its
    /// file name.
    pub fn storyline(&self, name: &str) -> Option<(&str, &Storyline)> {
        self.storylines
            .iter()
            .find(|(n, s)| n == name || s.title.texts().any(|t| t == name))
            .map(|(n, s)| (n.as_str(), s))
    }

    /// The file names of the storylines that check out, for messages.
    pub(crate) fn storyline_names(&self) -> Vec<&str> {
        self.storylines.iter().map(|(n, _)| n.as_str()).collect()
    }

    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }
}

/// How far a load has got, shared with the thread that started it (to show progress), and
/// its way to ask the load to stop.
#[derive(Debug, Default)]
pub struct LoadProgress {
    pub files_total: AtomicUsize,
    pub files_read: AtomicUsize,
    pub events_parsed: AtomicUsize,
    cancel: AtomicBool,
}

impl LoadProgress {
    /// Ask the load to stop; it does between files.
    pub(crate) fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub(crate) fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// (files read, files in all, events parsed so far).
    pub fn snapshot(&self) -> (usize, usize, usize) {
        (
            self.files_read.load(Ordering::Relaxed),
            self.files_total.load(Ordering::Relaxed),
            self.events_parsed.load(Ordering::Relaxed),
        )
    }
}

/// The bytes of the `.ron` files of the dataset at `path` (a quick look at their sizes, to
/// decide whether reading them is worth a progress bar).
pub(crate) fn dataset_bytes(path: &Path) -> u64 {
    let root = if path.is_file() {
        path.parent().unwrap_or(Path::new("."))
    } else {
        path
    };
    fs::read_dir(root).map_or(0, |entries| {
        entries
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".ron"))
            .filter_map(|e| e.metadata().ok())
            .map(|m| m.len())
            .sum()
    })
}

/// Load the dataset at `path`: a dataset folder, or any file inside one.
pub fn load_dataset(path: &Path) -> Loaded {
    load_dataset_with(path, &LoadProgress::default()).unwrap_or_default()
}

/// [`load_dataset`], reporting its progress in `progress`; `None` if it was cancelled there.
pub fn load_dataset_with(path: &Path, progress: &LoadProgress) -> Option<Loaded> {
    load(path, progress, true, false).map(|checked| checked.loaded)
}

/// Read and check the dataset at `path` for its diagnostics and files only (`annals fmt`):
/// the events are not indexed into a dataset, unless storylines need one to be checked.
pub fn check_dataset(path: &Path) -> Checked {
    load(path, &LoadProgress::default(), false, false).unwrap_or_default()
}

/// What [`check_dataset`] found.
#[derive(Default)]
pub struct Checked {
    pub loaded: Loaded,
    /// Each event file read, and whether it is in the canonical layout, when asked.
    pub layouts: Vec<(PathBuf, LayoutCheck)>,
    /// The events read, not indexed. Handed over rather than freed: a command that ends
    /// right after need not give back a million records one allocation at a time.
    pub events: Vec<crate::model::event::Event>,
    /// The language of the records' plain texts, as the manifest names it.
    pub language: crate::i18n::Language,
}

/// Whether an event file is in the canonical layout, and the notes on records left as written
/// (see `store::format`); an error if it does not read as a list of events.
pub type LayoutCheck = Result<(bool, Vec<String>), String>;

/// [`check_dataset`], also telling of each event file read whether `annals fmt` would leave it
/// as it is (`annals fmt --check`): compared while its text and records are at hand, so each
/// file is read and parsed once.
pub fn check_dataset_layouts(path: &Path) -> Checked {
    load(path, &LoadProgress::default(), false, true).unwrap_or_default()
}

fn load(path: &Path, progress: &LoadProgress, index: bool, layouts: bool) -> Option<Checked> {
    let root = if path.is_file() {
        path.parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    } else {
        path.to_path_buf()
    };
    let mut loaded = Loaded {
        root: root.clone(),
        ..Loaded::default()
    };
    let names = match list_ron_files(&root, &mut loaded.diagnostics) {
        Ok(names) => names,
        Err(message) => {
            loaded.diagnostics.push(Diagnostic::error_of(message, None));
            return Some(Checked {
                loaded,
                ..Checked::default()
            });
        }
    };
    progress.files_total.store(names.len(), Ordering::Relaxed);
    if !names.iter().any(|n| n == MANIFEST_FILE) {
        loaded.diagnostics.push(
            Diagnostic::error_of(
                words!(
                    "diag-no-manifest",
                    manifest = MANIFEST_FILE,
                    folder = root.display().to_string()
                ),
                None,
            )
            .hint_of(words!("diag-no-manifest-hint")),
        );
        return Some(Checked {
            loaded,
            ..Checked::default()
        });
    }

    // The manifest first: each event file is checked against it as soon as it is parsed,
    // while its text is at hand, and the text is then dropped (a big dataset's text weighs as
    // much as its events). The event files are independent: read, parsed and checked on every
    // core, then merged in name order.
    let no_events = std::sync::Mutex::default();
    let manifest_file = read_and_parse(&root, MANIFEST_FILE, 0, None, &no_events, false);
    let manifest = manifest_file.manifest;
    let ids = manifest.as_ref().map(|m| ManifestIds::new(m, &root));
    let event_names: Vec<String> = names
        .iter()
        .filter(|n| *n != MANIFEST_FILE)
        .cloned()
        .collect();
    progress.files_read.fetch_add(1, Ordering::Relaxed);
    let (files, mut events) =
        read_and_parse_all(&root, &event_names, ids.as_ref(), progress, layouts)?;
    loaded.diagnostics.extend(manifest_file.diagnostics);
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut stamps: Vec<FileStamp> = Vec::new();
    let mut manifest_src = None;
    if let Some(src) = manifest_file.source {
        paths.push(src.path.clone());
        stamps.push(manifest_file.stamp);
        manifest_src = Some(src);
    }
    let mut unread_ids: Vec<String> = Vec::new();
    let mut record_problems: Vec<Diagnostic> = Vec::new();
    // Where each event file is in `loaded.files` (files that could not be read are not).
    let mut file_index: Vec<usize> = Vec::with_capacity(files.len());
    let mut layout_checks = Vec::new();
    for file in files {
        loaded.diagnostics.extend(file.diagnostics);
        record_problems.extend(file.record_problems);
        unread_ids.extend(file.unread_ids);
        file_index.push(paths.len());
        if let Some(path) = file.path {
            if let Some(layout) = file.layout {
                layout_checks.push((path.clone(), layout));
            }
            paths.push(path);
            stamps.push(file.stamp);
        }
    }
    for origin in &mut events.origins {
        origin.file = file_index[origin.file];
    }
    events.put_in_reading_order();
    loaded.files = paths;
    loaded.stamps = stamps;

    if let Some(manifest) = &manifest {
        validate_manifest(manifest, manifest_src.as_ref(), &mut loaded.diagnostics);
        loaded.diagnostics.append(&mut record_problems);
        // Problems across records are rare: their files are read again to place them.
        let (files, stamps) = (&loaded.files, &loaded.stamps);
        let mut sources = Sources::new(files.len(), |i| {
            let (text, stamp) = read_text(&files[i]).ok()?;
            (stamp == stamps[i]).then(|| SourceText::new(&files[i], text))
        });
        if let Some(src) = manifest_src {
            sources.set(0, src);
        }
        validate_across(
            manifest,
            &events.events,
            &events.origins,
            &unread_ids,
            &sources,
            &mut loaded.diagnostics,
        );
    }
    let language = manifest.as_ref().map(|m| m.language).unwrap_or_default();
    let storylines_to_check = root.join(BRIEFINGS_DIR).is_dir();
    if manifest.is_some()
        && !loaded.diagnostics.iter().any(Diagnostic::is_error)
        && (index || storylines_to_check)
    {
        loaded.dataset = manifest.map(|m| Dataset::new(m, std::mem::take(&mut events.events)));
    }
    if let Some(dataset) = &loaded.dataset {
        loaded.storylines = load_storylines(&root, dataset, &mut loaded.diagnostics);
    }
    release_free_memory();
    Some(Checked {
        loaded,
        layouts: layout_checks,
        events: events.events,
        language,
    })
}

/// Read and check the storylines in `root/briefings`. Problems are reported like any other
/// (errors make `annals check` fail) but do not stop the dataset from loading; a storyline
/// with errors is left out.
fn load_storylines(
    root: &Path,
    dataset: &Dataset,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, Storyline)> {
    let folder = root.join(BRIEFINGS_DIR);
    if !folder.is_dir() {
        return Vec::new();
    }
    let names = match list_ron_files(&folder, diagnostics) {
        Ok(names) => names,
        Err(message) => {
            diagnostics.push(Diagnostic::error_of(message, None));
            return Vec::new();
        }
    };
    let mut storylines = Vec::new();
    for name in names {
        let path = folder.join(&name);
        let src = match read_text(&path) {
            Ok((text, _)) => SourceText::new(&path, take_conflicts(&path, text, diagnostics)),
            Err(d) => {
                diagnostics.push(*d);
                continue;
            }
        };
        let before = diagnostics.iter().filter(|d| d.is_error()).count();
        let Some(storyline) = parse_record::<Storyline>(
            &src,
            super::lex::bom_len(&src.text)..src.text.len(),
            STEP_FIELDS,
            diagnostics,
        ) else {
            continue;
        };
        super::validate::validate_storyline(&storyline, dataset, &src, diagnostics);
        if diagnostics.iter().filter(|d| d.is_error()).count() == before {
            storylines.push((name.trim_end_matches(".ron").to_owned(), storyline));
        }
    }
    storylines
}

/// Parsing leaves many small freed blocks between the ones the dataset keeps; hand the
/// whole free pages among them back to the operating system (glibc keeps them otherwise).
#[allow(unsafe_code)]
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> i32;
        }
        // SAFETY: malloc_trim only releases memory that is free; it takes no pointers.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// What reading, parsing and checking one file gave.
struct ParsedFile {
    /// The file's path, `None` if it could not be read.
    path: Option<PathBuf>,
    /// The text, kept only for the manifest (its checks come later).
    source: Option<SourceText>,
    stamp: FileStamp,
    manifest: Option<Manifest>,
    /// Ids of records that did not read as events (each has an error of its own).
    unread_ids: Vec<String>,
    /// Problems of reading and parsing.
    diagnostics: Vec<Diagnostic>,
    /// Problems of the records read, each on its own (checked against the manifest).
    record_problems: Vec<Diagnostic>,
    /// Whether the file is in the canonical layout, when asked (`annals fmt --check`).
    layout: Option<LayoutCheck>,
}

/// The events of every file, as they were parsed (file after file as the workers finish
/// them), with where each was read. Both workers append to the same two lists, so the events
/// are never held twice (once by file, once all together) on their way to the dataset.
#[derive(Default)]
struct ParsedEvents {
    events: Vec<Event>,
    /// Where each event was read; `file` counts event files in name order until the merge.
    origins: Vec<RecordOrigin>,
}

impl ParsedEvents {
    /// Put the events in reading order (files in name order, records in file order), in place.
    fn put_in_reading_order(&mut self) {
        let mut order: Vec<u32> = (0..self.events.len() as u32).collect();
        let origins = &self.origins;
        order.sort_unstable_by_key(|&i| {
            let o = &origins[i as usize];
            (o.file, o.span.start)
        });
        let (events, origins) = (&mut self.events, &mut self.origins);
        crate::model::dataset::permute_by_swaps(order, |a, b| {
            events.swap(a, b);
            origins.swap(a, b);
        });
    }
}

/// Read and parse `name` (the manifest, or event file number `number` whose records are then
/// checked against `ids`, the manifest's, if it read, and added to `sink`). Only the manifest
/// keeps its text.
fn read_and_parse(
    root: &Path,
    name: &str,
    number: usize,
    ids: Option<&ManifestIds<'_>>,
    sink: &std::sync::Mutex<ParsedEvents>,
    layout: bool,
) -> ParsedFile {
    let path = root.join(name);
    let mut file = ParsedFile {
        path: None,
        source: None,
        stamp: FileStamp::of_bytes(b""),
        manifest: None,
        unread_ids: Vec::new(),
        diagnostics: Vec::new(),
        record_problems: Vec::new(),
        layout: None,
    };
    match read_text(&path) {
        Ok((text, stamp)) => {
            file.stamp = stamp;
            let text = take_conflicts(&path, text, &mut file.diagnostics);
            let src = SourceText::new(&path, text);
            file.path = Some(path);
            if name == MANIFEST_FILE {
                file.manifest = parse_manifest(&src, &mut file.diagnostics);
                file.source = Some(src);
                return file;
            }
            // The usual shape is read in one pass; anything else takes the general path.
            let fast = if layout {
                // With where each record's comments are, to compare with the canonical layout.
                let list = super::fast::parse_event_list_noting_comments(&src.text);
                file.layout = Some(super::format::is_canonical_read(&src.text, list.as_ref()));
                list.map(|list| {
                    list.records
                        .into_iter()
                        .map(|(event, span, _)| (event, span))
                        .collect()
                })
            } else {
                super::fast::parse_event_list(&src.text)
            };
            let events = fast.unwrap_or_else(|| {
                let mut events = Vec::new();
                parse_event_file(
                    &src,
                    &mut events,
                    &mut file.unread_ids,
                    &mut file.diagnostics,
                );
                events
            });
            if let Some(ids) = ids {
                validate_records(ids, &events, &src, &mut file.record_problems);
            }
            drop(src);
            let mut sink = sink
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            sink.events.reserve(events.len());
            sink.origins.reserve(events.len());
            for (event, span) in events {
                sink.events.push(event);
                sink.origins.push(RecordOrigin { file: number, span });
            }
        }
        Err(diagnostic) => file.diagnostics.push(*diagnostic),
    }
    file
}

/// Report the merge conflicts left in a file's text (`annals merge-file` confines each to its
/// record) and return the text to parse: each conflict read as ours' version, at the same
/// positions, so the rest of the file is still checked.
fn take_conflicts(path: &Path, text: String, diagnostics: &mut Vec<Diagnostic>) -> String {
    let blocks = super::merge::conflict_blocks(&text);
    if blocks.is_empty() {
        return text;
    }
    let blanked = super::merge::blank_conflicts(&text, &blocks);
    let src = SourceText::new(path, text);
    diagnostics.extend(super::merge::conflict_diagnostics(&src, &blocks));
    blanked
}

/// Read and parse `names` on as many threads as there are cores; results in `names` order,
/// or `None` if `progress` was cancelled.
fn read_and_parse_all(
    root: &Path,
    names: &[String],
    ids: Option<&ManifestIds<'_>>,
    progress: &LoadProgress,
    layouts: bool,
) -> Option<(Vec<ParsedFile>, ParsedEvents)> {
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(names.len())
        .max(1);
    let sink = std::sync::Mutex::new(ParsedEvents::default());
    let read_one = |i: usize| {
        let file = read_and_parse(root, &names[i], i, ids, &sink, layouts);
        progress.files_read.fetch_add(1, Ordering::Relaxed);
        let parsed = sink.lock().map_or(0, |s| s.events.len());
        progress.events_parsed.store(parsed, Ordering::Relaxed);
        file
    };
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            if progress.is_cancelled() {
                break;
            }
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= names.len() {
                break;
            }
            done.push((i, read_one(i)));
        }
        done
    };
    let mut results: Vec<(usize, ParsedFile)> = if workers == 1 {
        work()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers).map(|_| scope.spawn(work)).collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    };
    if progress.is_cancelled() {
        return None;
    }
    results.sort_by_key(|(i, _)| *i);
    let events = sink
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    Some((results.into_iter().map(|(_, file)| file).collect(), events))
}

/// `.ron` files directly in `root`, manifest first, the rest by name. Only regular files are
/// read (links are followed); every other `.ron` entry is reported, never skipped in silence
/// and never opened: a FIFO would hang the reader, a device or a link loop never end.
pub(crate) fn list_ron_files(
    root: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<String>, Words> {
    let entries = fs::read_dir(root).map_err(|e| {
        words!(
            "diag-cannot-open-folder",
            folder = root.display().to_string(),
            reason = e.to_string()
        )
    })?;
    let canonical_root = fs::canonicalize(root).ok();
    let mut names: Vec<String> = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let os_name = entry.file_name();
        let lossy = os_name.to_string_lossy();
        if !lossy.ends_with(".ron") || lossy.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Some(name) = os_name.to_str() else {
            diagnostics.push(
                Diagnostic::error_of(
                    words!(
                        "diag-file-name-not-utf8",
                        path = root.join(&*lossy).display().to_string()
                    ),
                    None,
                )
                .hint_of(words!("diag-file-name-not-utf8-hint")),
            );
            continue;
        };
        let meta = match fs::metadata(&path) {
            Ok(meta) => meta,
            Err(e) => {
                diagnostics.push(Diagnostic::error_of(
                    words!(
                        "diag-cannot-read",
                        path = path.display().to_string(),
                        reason = describe_read_error(&e)
                    ),
                    None,
                ));
                continue;
            }
        };
        if !meta.is_file() {
            let what = describe_kind(super::input::Kind::of(&meta.file_type()));
            diagnostics.push(
                Diagnostic::error_of(
                    words!(
                        "diag-not-a-file",
                        path = path.display().to_string(),
                        what = what
                    ),
                    None,
                )
                .hint_of(words!("diag-not-a-file-hint")),
            );
            continue;
        }
        let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
        if is_link
            && let (Some(root), Ok(target)) = (&canonical_root, fs::canonicalize(&path))
            && !target.starts_with(root)
        {
            diagnostics.push(Diagnostic::warning_of(
                words!(
                    "diag-link-outside",
                    path = path.display().to_string(),
                    target = target.display().to_string()
                ),
                None,
            ));
        }
        names.push(name.to_owned());
    }
    names.sort_by(|a, b| (a != MANIFEST_FILE, a).cmp(&(b != MANIFEST_FILE, b)));
    Ok(names)
}

/// "a folder", "a FIFO (named pipe)", … for what a path names.
fn describe_kind(kind: super::input::Kind) -> Words {
    use super::input::Kind;
    match kind {
        Kind::Fifo => words!("diag-kind-fifo"),
        Kind::Device => words!("diag-kind-device"),
        Kind::Socket => words!("diag-kind-socket"),
        Kind::Folder => words!("diag-kind-folder"),
        Kind::Other => words!("diag-kind-other"),
    }
}

/// Why a file cannot be read: the system's words, except for a dangling link.
fn describe_read_error(e: &std::io::Error) -> WordArg {
    // ELOOP has no stable ErrorKind name on every toolchain; its text says it well enough.
    if e.kind() == std::io::ErrorKind::NotFound {
        words!("diag-dangling-link").into()
    } else {
        e.to_string().into()
    }
}

/// Read a file as UTF-8 text, refusing huge and binary files with a clear message.
fn read_text(path: &Path) -> Result<(String, FileStamp), Box<Diagnostic>> {
    use super::input::ReadError;
    let fail = |words: Words| Box::new(Diagnostic::error_of(words, None));
    let shown = || path.display().to_string();
    let bytes = super::input::read_regular(path, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::Io(e) => fail(words!(
            "diag-cannot-read",
            path = shown(),
            reason = e.to_string()
        )),
        ReadError::NotAFile(kind) => fail(words!(
            "diag-not-a-file",
            path = shown(),
            what = describe_kind(kind)
        )),
        ReadError::TooLarge { size, cap } => fail(words!(
            "diag-file-too-large",
            path = shown(),
            size = (size / (1024 * 1024)).to_string(),
            cap = (cap / (1024 * 1024)).to_string()
        )),
        ReadError::Grew { cap } => fail(words!(
            "diag-file-grew",
            path = shown(),
            cap = (cap / (1024 * 1024)).to_string()
        )),
    })?;
    let stamp = FileStamp::of_bytes(&bytes);
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let before = String::from_utf8_lossy(&bytes[..valid]).into_owned();
        let src = SourceText::new(path, before);
        let location = src.location(valid..valid);
        Box::new(
            Diagnostic::error_of(
                words!(
                    "diag-not-utf8",
                    byte = format!("0x{:02x}", bytes[valid]),
                    offset = valid.to_string()
                ),
                Some(location),
            )
            .hint_of(words!("diag-not-utf8-hint")),
        )
    })?;
    Ok((text, stamp))
}

fn parse_manifest(src: &SourceText, diagnostics: &mut Vec<Diagnostic>) -> Option<Manifest> {
    let bom = super::lex::bom_len(&src.text);
    if src.text[bom..].trim().is_empty() {
        diagnostics.push(
            Diagnostic::error_of(words!("diag-manifest-empty"), Some(src.location(0..0)))
                .hint_of(words!("diag-manifest-empty-hint")),
        );
        return None;
    }
    parse_record::<Manifest>(src, bom..src.text.len(), &[], diagnostics)
}

fn parse_event_file(
    src: &SourceText,
    events: &mut Vec<(Event, Range<usize>)>,
    unread_ids: &mut Vec<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let layout = match list_layout(&src.text) {
        Ok(Some(layout)) => layout,
        Ok(None) => {
            diagnostics.push(Diagnostic::warning_of(
                words!("diag-no-events"),
                Some(src.location(0..0)),
            ));
            return;
        }
        Err(LayoutError { at, key, args, .. }) => {
            let words = Words {
                id: key,
                args: args.into_iter().map(|(n, v)| (n, v.into())).collect(),
            };
            diagnostics.push(Diagnostic::error_of(words, Some(src.location(at))));
            return;
        }
    };
    if layout.records.is_empty() {
        diagnostics.push(Diagnostic::warning_of(
            words!("diag-no-events"),
            Some(src.location(layout.open..layout.close + 1)),
        ));
    }
    events.reserve(layout.records.len());
    for span in layout.records {
        if let Some(event) = parse_record::<Event>(src, span.clone(), EVENT_FIELDS, diagnostics) {
            events.push((event, span));
        } else if let Some(id) = super::lex::field_value_span(&src.text[span.clone()], "id")
            .and_then(|r| {
                super::write::unquote(&src.text[span.start + r.start..span.start + r.end])
            })
        {
            // The record has an error of its own; others that refer to it should not get one.
            unread_ids.push(id);
        }
    }
}

/// Parse the text of one record; on failure, push a diagnostic placed in the whole file.
fn parse_record<T: DeserializeOwned>(
    src: &SourceText,
    span: Range<usize>,
    fields: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    let text = &src.text[span.clone()];
    match ron_options().from_str::<T>(text) {
        Ok(value) => Some(value),
        Err(err) => {
            diagnostics.push(ron_diagnostic(src, span, &err, fields));
            None
        }
    }
}

/// Turn a ron error inside a record (whose text starts at `span.start`) into a diagnostic.
fn ron_diagnostic(
    src: &SourceText,
    span: Range<usize>,
    err: &ron::error::SpannedError,
    event_fields: &[&str],
) -> Diagnostic {
    let record = SourceText::new("", src.text[span.clone()].to_owned());
    let start = span.start + record.offset(err.span.start.line, err.span.start.col);
    let end = span.start + record.offset(err.span.end.line, err.span.end.col);
    let (mut start, end) = (start.min(end), start.max(end));
    // ron may point at the blank before a value: point at the value itself.
    while start < end && matches!(src.text.as_bytes().get(start), Some(b' ' | b'\t')) {
        start += 1;
    }
    // ron points inside a string value; underline the whole literal, quotes included.
    if start > 0 && src.text.as_bytes()[start - 1] == b'"' && src.text[start..end].ends_with('"') {
        start -= 1;
    }
    let location = src.location(start..end.max(start + 1));
    let field = field_before(&src.text[span.start..start.max(span.start)]);
    let with_field = |message: Words| match field {
        Some(f) => words!("diag-in-field", field = f, message = message),
        None => message,
    };
    use ron::error::Error as E;
    match &err.code {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } if *expected == crate::model::text::LANGUAGE_CODES => {
            let key_start = src.text[start..end.max(start)]
                .find(found.as_str())
                .map_or(start, |i| start + i);
            // The field is the one whose value the map is: before the `(` that opens it.
            let before = &src.text[span.start..key_start.max(span.start)];
            let field = map_open(before).and_then(|open| field_before(&before[..open]));
            let codes = expected.join(", ");
            let words = match field {
                Some(field) => words!(
                    "diag-text-unknown-language-in",
                    field = field,
                    found = found.as_str(),
                    codes = codes
                ),
                None => words!(
                    "diag-text-unknown-language",
                    found = found.as_str(),
                    codes = codes
                ),
            };
            let mut d = Diagnostic::error_of(
                words,
                Some(src.location(key_start..key_start + found.len().max(1))),
            );
            if let Some(best) = crate::model::text::suggest_language(found) {
                d = d.hint_of(words!("diag-did-you-mean-code", name = best));
            }
            d
        }
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let what = outer.as_deref().map_or("record".to_owned(), struct_key);
            let field_start = src.text[start..end.max(start)]
                .find(found.as_str())
                .map_or(start, |i| start + i);
            let mut d = Diagnostic::error_of(
                words!(
                    "diag-unknown-field",
                    found = found,
                    what = what,
                    fields = expected.join(", ")
                ),
                Some(src.location(field_start..field_start + found.len())),
            );
            let candidates = if expected.is_empty() {
                event_fields
            } else {
                expected
            };
            if let Some(best) = did_you_mean(found, candidates.iter().copied()) {
                d = d.hint_of(words!("diag-did-you-mean-code", name = best));
            }
            d
        }
        E::MissingStructField { field, outer } => {
            let what = outer.as_deref().map_or("record".to_owned(), struct_key);
            let record_start = src.location(span.start..span.start + 1);
            Diagnostic::error_of(
                words!("diag-missing-field", what = what, field = field),
                Some(record_start),
            )
            .hint_of(words!("diag-missing-field-hint", field = field))
        }
        E::NoSuchEnumVariant {
            expected, found, ..
        } => {
            let mut d = Diagnostic::error_of(
                words!(
                    "diag-not-one-of",
                    found = found,
                    choices = expected.join(", ")
                ),
                Some(location),
            );
            if let Some(best) = did_you_mean(found, expected.iter().copied()) {
                d = d.hint_of(words!("diag-did-you-mean-code", name = best));
            }
            d
        }
        E::DuplicateStructField { field, .. } => {
            Diagnostic::error_of(words!("diag-field-twice", field = *field), Some(location))
        }
        E::Message(message) => match date_words(&src.text[start..end], message)
            .or_else(|| colour_words(&src.text[start..end], message))
        {
            Some(words) => Diagnostic::error_of(words, Some(location)),
            None => Diagnostic::error(message.clone(), Some(location)),
        },
        E::ExpectedString | E::ExpectedStringEnd => {
            let d =
                Diagnostic::error_of(with_field(words!("diag-expected-string")), Some(location));
            match field {
                Some("when" | "published") => d.hint_of(words!("diag-dates-are-text")),
                _ => d,
            }
        }
        E::ExpectedArray => {
            Diagnostic::error_of(with_field(words!("diag-expected-list")), Some(location))
                .hint_of(words!("diag-expected-list-hint"))
        }
        E::ExpectedInteger | E::IntegerOutOfBounds => {
            Diagnostic::error_of(with_field(words!("diag-expected-number")), Some(location))
        }
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => {
            Diagnostic::error_of(with_field(words!("diag-expected-record")), Some(location))
        }
        E::ExceededRecursionLimit => {
            Diagnostic::error_of(words!("diag-nested-too-deeply"), Some(location))
        }
        other => {
            // ron's own words, said in ours where we have them (and they say the same).
            let english = lowercase_first(&other.to_string());
            match ron_words(other)
                .filter(|words| words.render(crate::i18n::Language::English) == english)
            {
                Some(words) => Diagnostic::error_of(words, Some(location)),
                None => Diagnostic::error(english, Some(location)),
            }
        }
    }
}

/// The message of `diagnostics.ftl` for one of ron's common errors.
fn ron_words(error: &ron::error::Error) -> Option<Words> {
    use ron::error::Error as E;
    let id = match error {
        E::Eof => "diag-ron-eof",
        E::ExpectedArrayEnd => "diag-ron-expected-array-end",
        E::ExpectedComma => "diag-ron-expected-comma",
        E::ExpectedOptionEnd | E::ExpectedStructLikeEnd => "diag-ron-expected-paren-end",
        E::ExpectedMapColon => "diag-ron-expected-colon",
        E::ExpectedMapEnd => "diag-ron-expected-map-end",
        E::ExpectedIdentifier => "diag-ron-expected-identifier",
        E::ExpectedBoolean => "diag-ron-expected-boolean",
        E::TrailingCharacters => "diag-ron-trailing",
        E::UnclosedBlockComment => "diag-ron-unclosed-comment",
        _ => return None,
    };
    Some(words!(id))
}

/// Where the innermost `(` still open at the end of `before` is.
fn map_open(before: &str) -> Option<usize> {
    let tokens = tokenize(before).ok()?;
    let mut depth = 0usize;
    for token in tokens.iter().rev() {
        match token.kind {
            TokenKind::Punct(b')' | b']') => depth += 1,
            TokenKind::Punct(b'(' | b'[') if depth == 0 => return Some(token.span.start),
            TokenKind::Punct(b'(' | b'[') => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The name of the field whose value starts at the end of `before` (the text of a record up
/// to an error): the last `name:` written before it.
fn field_before(before: &str) -> Option<&str> {
    let tokens = tokenize(before).ok()?;
    tokens.windows(2).rev().find_map(|pair| {
        (pair[0].kind == TokenKind::Ident && pair[1].kind == TokenKind::Punct(b':'))
            .then(|| &before[pair[0].span.clone()])
    })
}

/// The words of a date's error when `message` is the one the date `literal` (quoted, as
/// written) gives: ron passes on only its text.
fn date_words(literal: &str, message: &str) -> Option<Words> {
    let text = super::write::unquote(literal)?;
    let error = crate::model::EventDate::parse(&text).err()?;
    if error.to_string() != message {
        return None;
    }
    let why = &error.why;
    let args = why
        .args
        .iter()
        .map(|(name, value)| {
            let value = match value {
                crate::model::date::DateArg::Text(text) => WordArg::Text(text.clone()),
                crate::model::date::DateArg::Number(n) => WordArg::Count(*n),
            };
            (*name, value)
        })
        .collect();
    let reason = Words { id: why.key, args };
    let reason = match why.side {
        Some(side) => words!("diag-date-side", side = side, reason = reason),
        None => reason,
    };
    Some(words!(
        "diag-invalid-date",
        input = error.input.as_str(),
        reason = reason
    ))
}

/// The words of a colour's error (model/manifest.rs) when `message` is the one the colour
/// `literal` gives.
fn colour_words(literal: &str, message: &str) -> Option<Words> {
    let text = super::write::unquote(literal)?;
    let words = words!("diag-bad-colour", text = text.as_str());
    (words.render(crate::i18n::Language::English) == message).then_some(words)
}

/// The key the message files choose a record's name by (`$what` in `diag-unknown-field`):
/// `event`, `series-ref`, …; another record is known by its lower-case type name.
fn struct_key(name: &str) -> String {
    match name {
        "Event" => "event".to_owned(),
        "Manifest" => "manifest".to_owned(),
        "SeriesRef" => "series-ref".to_owned(),
        "Source" => "source".to_owned(),
        "Names" => "names".to_owned(),
        "Storyline" => "storyline".to_owned(),
        "Step" => "step".to_owned(),
        "StepFilter" => "step-filter".to_owned(),
        other => other.to_lowercase(),
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rons_errors_in_our_words_say_what_ron_says() {
        use ron::error::Error as E;
        for error in [
            E::Eof,
            E::ExpectedArrayEnd,
            E::ExpectedComma,
            E::ExpectedOptionEnd,
            E::ExpectedStructLikeEnd,
            E::ExpectedMapColon,
            E::ExpectedMapEnd,
            E::ExpectedIdentifier,
            E::ExpectedBoolean,
            E::TrailingCharacters,
            E::UnclosedBlockComment,
        ] {
            let words = ron_words(&error).unwrap();
            assert_eq!(
                words.render(crate::i18n::Language::English),
                lowercase_first(&error.to_string())
            );
        }
    }
}
