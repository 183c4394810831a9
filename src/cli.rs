//! The command line's work, kept here so it can be tested without spawning the binary.

use crate::store::map_on_two_threads;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::i18n::Language;
use crate::store::load::Checked;
use crate::store::translations::{self, Coverage};
use crate::store::{Diagnostic, Loaded};

/// Load the dataset for a command that exits when done: the dataset is never freed (the
/// process ends just after, and freeing a million events one by one costs half a second).
fn load_dataset(path: &Path) -> std::mem::ManuallyDrop<Loaded> {
    std::mem::ManuallyDrop::new(crate::store::load_dataset(path))
}

/// [`load_dataset`] without the indexes a window needs (`check`, `list`, `fmt`), with each
/// event file compared with its canonical layout when `layouts` (`fmt --check`); never freed.
fn check_dataset(path: &Path, layouts: bool) -> std::mem::ManuallyDrop<Checked> {
    std::mem::ManuallyDrop::new(if layouts {
        crate::store::load::check_dataset_layouts(path)
    } else {
        crate::store::load::check_dataset(path)
    })
}

pub mod team;

pub use crate::paths::{
    BUNDLED_DATASET, bundled_dataset_path, default_dataset_path, restore_bundled_dataset,
    user_datasets_dir,
};

/// Exit code of a command that did what was asked.
pub const EXIT_OK: i32 = 0;
/// Exit code of a command that ran and failed: the dataset has errors, a check found
/// something (`check`, `fmt --check`, conflicts left by `merge-file`), or what was asked could
/// not be done (a file that cannot be read or written, an import or export refused); a
/// message says which. Whatever the format, the same failure gives the same code.
pub const EXIT_FAILED: i32 = 1;
/// Exit code of a command line that is wrong: an unknown command or option, or a value that
/// is not understood (`--page B7`); the same code clap gives its own usage errors.
pub const EXIT_USAGE: i32 = 2;

/// `annals --print-dataset-path`: the dataset opened by default (copying the bundled one on
/// first use), on one line.
pub fn print_dataset_path(out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
    match default_dataset_path() {
        Ok(path) => writeln!(out, "{}", path.display()).map(|()| EXIT_OK),
        Err(message) => writeln!(err, "annals: {message}").map(|()| EXIT_FAILED),
    }
}

/// How `annals check` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Compiler-style text: `path:line:col: error: …`, the line, a caret.
    #[default]
    Text,
    /// One JSON object, for editors and other tools.
    Json,
}

/// `annals check`: print every diagnostic, then a summary. Returns the exit code:
/// 0 clean, 1 errors (or warnings with `deny_warnings`).
pub fn check(path: &Path, deny_warnings: bool, out: &mut dyn Write) -> io::Result<i32> {
    check_as(path, deny_warnings, CheckFormat::Text, out)
}

/// `annals check --format …`.
pub fn check_as(
    path: &Path,
    deny_warnings: bool,
    format: CheckFormat,
    out: &mut dyn Write,
) -> io::Result<i32> {
    // Storylines still get a dataset to be checked against.
    let checked = check_dataset(path, false);
    let loaded = &checked.loaded;
    // How many events a clean dataset holds (none are counted when it has errors).
    let event_count = match &loaded.dataset {
        Some(dataset) => dataset.len(),
        None if loaded.error_count() == 0 => checked.events.len(),
        None => 0,
    };
    let failed = loaded.error_count() > 0 || (deny_warnings && loaded.warning_count() > 0);
    if format == CheckFormat::Json {
        let location = |l: &crate::store::diagnostics::Location| {
            serde_json::json!({
                "file": l.file.display().to_string(),
                "line": l.line,
                "column": l.col,
                "length": l.len,
                "line_text": l.line_text,
            })
        };
        let diagnostics: Vec<serde_json::Value> = loaded
            .diagnostics
            .iter()
            .map(|d| {
                serde_json::json!({
                    "severity": d.severity.label(),
                    "message": d.message,
                    "location": d.location.as_ref().map(location),
                    "hint": d.hint,
                    "notes": d.notes.iter().map(|(message, l)| serde_json::json!({
                        "message": message,
                        "location": location(l),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let mut report = serde_json::json!({
            "path": path.display().to_string(),
            "events": event_count,
            "errors": loaded.error_count(),
            "warnings": loaded.warning_count(),
            "ok": !failed,
            "diagnostics": diagnostics,
        });
        if let Some((default, coverage)) = text_coverage(&checked) {
            report["translations"] = coverage_json(default, &coverage);
        }
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&report).map_err(io::Error::other)?
        )?;
        return Ok(i32::from(failed));
    }
    print_diagnostics(&loaded.diagnostics, out)?;
    let (errors, warnings) = (loaded.error_count(), loaded.warning_count());
    let events = event_count;
    if errors == 0 {
        let storylines = match loaded.storylines.len() {
            0 => String::new(),
            1 => ", 1 storyline".to_owned(),
            n => format!(", {n} storylines"),
        };
        writeln!(
            out,
            "{}: {events} event{} in {} file{}{storylines}, {} warning{}",
            path.display(),
            if events == 1 { "" } else { "s" },
            loaded.files.len(),
            if loaded.files.len() == 1 { "" } else { "s" },
            warnings,
            if warnings == 1 { "" } else { "s" }
        )?;
    } else {
        writeln!(
            out,
            "{}: {errors} error{}, {warnings} warning{}",
            path.display(),
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        )?;
    }
    // Last, how far the texts are translated.
    if let Some((default, coverage)) = text_coverage(&checked) {
        let lacking = Language::ALL.iter().any(|&l| coverage.missing(l) > 0);
        writeln!(
            out,
            "{}: {}{}",
            path.display(),
            coverage.summary(default),
            if lacking {
                format!(
                    " (`annals translations {}` lists what is missing)",
                    path.display()
                )
            } else {
                String::new()
            }
        )?;
    }
    Ok(i32::from(failed))
}

/// How many reader-visible texts the dataset `check` read has in each language, with its
/// default language; `None` when it has no texts or its files cannot be listed. The events
/// are counted as read; only the manifest and the storylines are walked in their files.
fn text_coverage(checked: &crate::store::load::Checked) -> Option<(Language, Coverage)> {
    let events = match &checked.loaded.dataset {
        Some(dataset) => dataset.events(),
        None => &checked.events,
    };
    let (default, coverage, _) =
        translations::coverage_with_events(&checked.loaded.root, events).ok()?;
    (coverage.texts > 0).then_some((default, coverage))
}

fn coverage_json(default: Language, coverage: &Coverage) -> serde_json::Value {
    let mut languages = serde_json::Map::new();
    for l in Language::ALL {
        languages.insert(l.code().to_owned(), coverage.have[l as usize].into());
    }
    serde_json::json!({
        "default": default.code(),
        "texts": coverage.texts,
        "have": languages,
    })
}

/// Texts quoted in a list are cut to this many characters.
const QUOTE_CHARS: usize = 60;

/// `text` on one line (controls escaped), cut to [`QUOTE_CHARS`] with "…".
fn quote_short(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let escaped = crate::store::diagnostics::escape_controls(&one_line);
    let mut chars = escaped.chars();
    let cut: String = chars.by_ref().take(QUOTE_CHARS).collect();
    if chars.next().is_some() {
        format!("{}…", cut.trim_end())
    } else {
        cut
    }
}

/// `annals translations`: every reader-visible text that lacks a language (`only`: that
/// one; else any), as `file:line:col: field (record) lacks zh, ru: "text…"`, then the
/// coverage. Exit code 0 when nothing is missing, 1 when something is or the dataset cannot
/// be read (as every command fails with 1; 2 is for a command line not understood).
pub fn translations_report(
    path: &Path,
    only: Option<Language>,
    format: CheckFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    let root = if path.is_file() {
        path.parent().unwrap_or(Path::new(".")).to_path_buf()
    } else {
        path.to_path_buf()
    };
    let files = match translations::dataset_files(&root) {
        Ok(files)
            if files
                .iter()
                .any(|(_, k)| *k == translations::FileKind::Manifest) =>
        {
            files
        }
        Ok(_) => {
            writeln!(
                err,
                "annals: {}: no {} here: not a dataset folder",
                root.display(),
                crate::store::load::MANIFEST_FILE
            )?;
            return Ok(1);
        }
        Err(message) => {
            writeln!(err, "annals: {message}")?;
            return Ok(1);
        }
    };
    let languages: Vec<Language> = match only {
        Some(l) => vec![l],
        None => Language::ALL.to_vec(),
    };
    let default = translations::default_language(&root);
    let mut coverage = Coverage::default();
    let mut unreadable = false;
    let mut missing_count = 0usize;
    let mut json_missing = Vec::new();
    let mut buffered = io::BufWriter::new(out);
    for (file, kind) in &files {
        let walked = match translations::walk_file(file, *kind) {
            Ok(walked) => walked,
            Err(message) => {
                writeln!(err, "annals: {message}")?;
                unreadable = true;
                continue;
            }
        };
        coverage.add_file(&walked.texts, default);
        let text = &walked.source.text;
        for spot in &walked.texts.spots {
            let lacking: Vec<Language> = languages
                .iter()
                .copied()
                .filter(|&l| !spot.has(l, default))
                .collect();
            if lacking.is_empty() {
                continue;
            }
            missing_count += 1;
            let (line, col) = walked.line_col(spot);
            let (written_in, source_text) = spot.source_text(text, default);
            let record = spot.owner_id(text);
            let codes: Vec<&str> = lacking.iter().map(|l| l.code()).collect();
            if format == CheckFormat::Json {
                json_missing.push(serde_json::json!({
                    "file": file.display().to_string(),
                    "line": line,
                    "column": col,
                    "field": spot.field,
                    "record": record,
                    "missing": codes,
                    "text": source_text,
                    "text_language": written_in.code(),
                }));
                continue;
            }
            let record = record
                .map(|id| format!(" ({})", crate::store::diagnostics::escape_controls(&id)))
                .unwrap_or_default();
            let marker = if written_in == default {
                String::new()
            } else {
                format!("[{}] ", written_in.code())
            };
            writeln!(
                buffered,
                "{}:{line}:{col}: {}{record} lacks {}: {marker}\"{}\"",
                file.display(),
                spot.field,
                codes.join(", "),
                quote_short(&source_text)
            )?;
        }
    }
    if format == CheckFormat::Json {
        let report = serde_json::json!({
            "path": path.display().to_string(),
            "languages": languages.iter().map(|l| l.code()).collect::<Vec<_>>(),
            "missing": json_missing,
            "coverage": coverage_json(default, &coverage),
            "complete": missing_count == 0 && !unreadable,
        });
        writeln!(
            buffered,
            "{}",
            serde_json::to_string_pretty(&report).map_err(io::Error::other)?
        )?;
    } else {
        let lack = match only {
            Some(l) => format!("lack {}", l.code()),
            None => "lack a language".to_owned(),
        };
        writeln!(
            buffered,
            "{}: {missing_count} of {} text{} {lack}; {}",
            path.display(),
            coverage.texts,
            if coverage.texts == 1 { "" } else { "s" },
            coverage.summary(default)
        )?;
    }
    buffered.flush()?;
    Ok(i32::from(unreadable || missing_count > 0))
}

/// What `annals list` shows: the window's search and filters, and the titles' language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListOptions {
    /// The search box's text, matched as the window matches it.
    pub search: Option<String>,
    /// Only events of these categories (ids).
    pub categories: Vec<String>,
    /// Only events with one of these people (ids).
    pub participants: Vec<String>,
    /// The dates and titles in this language (a title missing in it in the dataset's own
    /// language, marked).
    pub language: Option<Language>,
}

impl ListOptions {
    fn filters(&self) -> bool {
        self.search.as_deref().is_some_and(|s| !s.trim().is_empty())
            || !self.categories.is_empty()
            || !self.participants.is_empty()
    }
}

/// `annals list`: the events in chronological order, one a line. Diagnostics go to `err`.
pub fn list(path: &Path, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
    list_with(path, &ListOptions::default(), out, err)
}

/// `annals list` with a search, filters and a language: the events the window would show for
/// the same search and filters (through the same [`crate::model::query`] code).
pub fn list_with(
    path: &Path,
    options: &ListOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    // Checked as for `check`, then only put in order; a search or filters need the dataset
    // itself (its people, places and categories), read once with its indexes.
    // Never freed, as `check_dataset`'s: the process ends just after.
    let mut checked = std::mem::ManuallyDrop::new(if options.filters() {
        Checked {
            loaded: crate::store::load_dataset(path),
            ..Checked::default()
        }
    } else {
        crate::store::load::check_dataset(path)
    });
    if checked.loaded.error_count() > 0 {
        print_diagnostics(&checked.loaded.diagnostics, err)?;
        writeln!(
            err,
            "{}: not listed because of the errors above",
            path.display()
        )?;
        return Ok(1);
    }
    let default = checked
        .loaded
        .dataset
        .as_ref()
        .map_or(checked.language, crate::model::Dataset::language);
    let mut chosen: Option<Vec<crate::model::dataset::EventIndex>> = None;
    let events: &[crate::model::event::Event] = match &checked.loaded.dataset {
        Some(dataset) if options.filters() => {
            match list_filter(dataset, options) {
                Ok(filter) => {
                    let shown = dataset
                        .events()
                        .iter()
                        .enumerate()
                        .filter(|(_, e)| filter.matches(dataset, e))
                        .map(|(i, _)| i);
                    let search = options.search.as_deref().filter(|s| !s.trim().is_empty());
                    chosen = Some(match search {
                        Some(text) => {
                            crate::model::query::Search::new(text).run_within(dataset, shown)
                        }
                        None => shown.collect(),
                    });
                }
                Err(message) => {
                    writeln!(err, "annals: {message}")?;
                    return Ok(1);
                }
            }
            dataset.events()
        }
        // Made to check the storylines: already in order.
        Some(dataset) => dataset.events(),
        None => {
            crate::model::dataset::sort_chronologically(&mut checked.events);
            &checked.events
        }
    };
    let language = options.language;
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let line = |event: &crate::model::event::Event| {
        // Titles are checked for control characters, but a terminal is never sent one.
        let escape = crate::store::diagnostics::escape_controls;
        // With `--lang`, the title and the date in that language.
        let (title, when) = match language {
            Some(language) => (
                event.title.get(language, default).marked(),
                event.when.display(language),
            ),
            None => (
                event.title.default_text(default).to_owned(),
                event.when.human(),
            ),
        };
        // Padded by the width a terminal gives it: a Chinese character takes two columns.
        let pad = 36usize.saturating_sub(crate::model::date_display::width_in_chars(&when));
        format!(
            "{:<23} {when}{:pad$} {}  [{}]\n",
            event.when.to_edtf(),
            "",
            escape(&title),
            escape(&event.id)
        )
    };
    match chosen {
        Some(chosen) => {
            for i in chosen {
                out.write_all(line(&events[i]).as_bytes())?;
            }
        }
        // Lines made in blocks on two threads, written in order.
        None => {
            crate::export::render_in_order(events, line, |text| out.write_all(text.as_bytes()))?;
        }
    }
    out.flush()?;
    Ok(0)
}

/// The window's filter for `annals list --category … --participant …`; an unknown id is an
/// error that names the ids there are.
fn list_filter(
    dataset: &crate::model::Dataset,
    options: &ListOptions,
) -> Result<crate::model::query::Filter, String> {
    let manifest = &dataset.manifest;
    let unknown = |what: &str, id: &str, known: Vec<&str>| {
        let hint = crate::store::diagnostics::did_you_mean(id, known.iter().copied()).map_or_else(
            || format!(" (there are: {})", known.join(", ")),
            |s| format!("; did you mean `{s}`?"),
        );
        format!("no {what} `{id}` in the manifest{hint}")
    };
    for id in &options.categories {
        if dataset.category(id).is_none() {
            let known = manifest.categories.iter().map(|c| c.id.as_str()).collect();
            return Err(unknown("category", id, known));
        }
    }
    for id in &options.participants {
        if dataset.person(id).is_none() {
            let known = manifest.people.iter().map(|p| p.id.as_str()).collect();
            return Err(unknown("person", id, known));
        }
    }
    // The categories asked for are the ones not hidden, as the window's legend has it.
    let hidden_categories = if options.categories.is_empty() {
        Default::default()
    } else {
        manifest
            .categories
            .iter()
            .map(|c| c.id.clone())
            .filter(|id| !options.categories.contains(id))
            .collect()
    };
    Ok(crate::model::query::Filter {
        hidden_categories,
        participants: options.participants.iter().cloned().collect(),
        ..Default::default()
    })
}

fn print_diagnostics(diagnostics: &[Diagnostic], out: &mut dyn Write) -> io::Result<()> {
    for d in diagnostics {
        writeln!(out, "{d}")?;
    }
    Ok(())
}

/// `annals fmt`: put every event file of the dataset in the canonical layout, keeping
/// comments. With `check`, only report which files would change (exit code 1 if any).
/// A dataset with errors is not touched.
pub fn fmt(path: &Path, check: bool, out: &mut dyn Write) -> io::Result<i32> {
    // Checked (nothing is touched if it has errors): only the files are needed. A check
    // compares each file with its canonical layout as it is read, parsing it once.
    let checked = check_dataset(path, check);
    let (loaded, layouts) = (&checked.loaded, &checked.layouts);
    if loaded.error_count() > 0 {
        let errors: Vec<Diagnostic> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        print_diagnostics(&errors, out)?;
        writeln!(
            out,
            "{}: not formatted because of the errors above; nothing was changed",
            path.display()
        )?;
        return Ok(1);
    }
    if check {
        return fmt_check_report(path, layouts, out);
    }
    // What a killed `fmt` or save left behind.
    crate::store::atomic::remove_stale_temp_files(&loaded.root);
    let files: Vec<&PathBuf> = loaded
        .files
        .iter()
        .filter(|f| {
            f.file_name()
                .is_none_or(|n| n != crate::store::load::MANIFEST_FILE)
        })
        .collect();
    let mut changed = 0;
    let mut failed = false;
    // In batches of up to 256 files and 32 MB (memory holds one batch's formatted texts),
    // each formatted on two threads, and the changed
    // files of a batch written together (synced at once, not one after another).
    let mut batches: Vec<&[&PathBuf]> = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for (i, file) in files.iter().enumerate() {
        bytes += std::fs::metadata(file).map_or(0, |m| m.len());
        let full = bytes >= 32 << 20;
        if i + 1 - start == 256 || full || i + 1 == files.len() {
            batches.push(&files[start..=i]);
            (start, bytes) = (i + 1, 0);
        }
    }
    for batch in batches {
        let formatted = map_on_two_threads(batch, |file| {
            let text = std::fs::read_to_string(file)?;
            Ok::<_, io::Error>(match crate::store::format::format_event_file(&text) {
                Ok(mut formatted) => {
                    let same = formatted.text == text;
                    if same {
                        formatted.text = String::new();
                    }
                    Ok((formatted, same))
                }
                Err(message) => Err(message),
            })
        });
        // What to say about each file, in order, and the texts to write.
        let mut messages: Vec<Vec<String>> = Vec::with_capacity(batch.len());
        let mut writes: Vec<(PathBuf, Vec<u8>)> = Vec::new();
        let mut written_by: Vec<usize> = Vec::new();
        for (k, (file, result)) in batch.iter().zip(formatted).enumerate() {
            let mut said = Vec::new();
            match result? {
                Err(message) => {
                    said.push(format!("{}: error: {message}", file.display()));
                    failed = true;
                }
                Ok((formatted, same)) => {
                    for note in &formatted.notes {
                        said.push(format!("{}: note: {note}", file.display()));
                    }
                    if !same {
                        writes.push(((*file).clone(), formatted.text.into_bytes()));
                        written_by.push(k);
                    }
                }
            }
            messages.push(said);
        }
        let results = crate::store::atomic::write_atomic_many(&writes);
        for ((k, (file, _)), result) in written_by.into_iter().zip(&writes).zip(results) {
            messages[k].push(match result {
                Ok(()) => {
                    changed += 1;
                    format!("{}: formatted", file.display())
                }
                Err(e) => {
                    failed = true;
                    format!("{}: error: {e}", file.display())
                }
            });
        }
        for line in messages.iter().flatten() {
            writeln!(out, "{line}")?;
        }
    }
    writeln!(
        out,
        "{}: {changed} file{} changed (the manifest is kept as written)",
        path.display(),
        if changed == 1 { "" } else { "s" }
    )?;
    Ok(i32::from(failed))
}

/// What `annals fmt --check` says of each event file, and its exit code (1 if any would
/// change or could not be read).
fn fmt_check_report(
    path: &Path,
    layouts: &[(PathBuf, crate::store::load::LayoutCheck)],
    out: &mut dyn Write,
) -> io::Result<i32> {
    let mut changed = 0;
    let mut failed = false;
    for (file, layout) in layouts {
        match layout {
            Err(message) => {
                writeln!(out, "{}: error: {message}", file.display())?;
                failed = true;
            }
            Ok((same, notes)) => {
                for note in notes {
                    writeln!(out, "{}: note: {note}", file.display())?;
                }
                if !same {
                    changed += 1;
                    writeln!(out, "{}: not in the canonical layout", file.display())?;
                }
            }
        }
    }
    writeln!(
        out,
        "{}: {changed} file{} would change (the manifest is kept as written)",
        path.display(),
        if changed == 1 { "" } else { "s" }
    )?;
    Ok(i32::from(failed || changed > 0))
}

pub use crate::export::Format as ExportFormat;
pub use crate::export::pdf::{Orientation, PdfKind, PdfOptions};

/// How `annals export` draws: picture size (an SVG's in points) and the PDF's options.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportOptions {
    pub size: (u32, u32),
    pub pdf: PdfOptions,
    /// The language of handouts', slides' and pictures' words (`--lang`).
    pub language: crate::i18n::Language,
}

/// `--lang`: the language of an export's own words (headings, labels) and of names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportLanguage {
    /// English
    #[default]
    En,
    /// Simplified Chinese
    Zh,
    /// Russian
    Ru,
}

impl From<ExportLanguage> for crate::i18n::Language {
    fn from(language: ExportLanguage) -> Self {
        match language {
            ExportLanguage::En => crate::i18n::Language::English,
            ExportLanguage::Zh => crate::i18n::Language::Chinese,
            ExportLanguage::Ru => crate::i18n::Language::Russian,
        }
    }
}

pub use crate::export::pdf::options as pdf_options;

/// `annals export` with the default PDF options.
pub fn export(
    path: &Path,
    format: ExportFormat,
    storyline: Option<&str>,
    out_path: Option<&Path>,
    size: (u32, u32),
    out: &mut dyn Write,
) -> io::Result<i32> {
    let options = ExportOptions {
        size,
        pdf: PdfOptions::default(),
        language: crate::i18n::Language::English,
    };
    export_with(path, format, storyline, out_path, &options, out)
}

/// `annals export`: the dataset (or one storyline) as a handout, TimelineJS, iCalendar,
/// SVG, PDF or pictures. Text goes to `out_path`, or to `out` when there is none; pictures
/// and PDFs need a path.
pub fn export_with(
    path: &Path,
    format: ExportFormat,
    storyline: Option<&str>,
    out_path: Option<&Path>,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<i32> {
    let size = options.size;
    let loaded = load_dataset(path);
    let Some(dataset) = loaded.dataset.as_ref() else {
        print_diagnostics(&loaded.diagnostics, out)?;
        writeln!(
            out,
            "{}: not exported because of the errors above",
            path.display()
        )?;
        return Ok(1);
    };
    // A storyline's title, description and captions in the language asked for.
    let of_loaded = crate::export::Selection::of_loaded_in;
    let selection = match of_loaded(&loaded, storyline, options.language) {
        Ok(selection) => selection,
        Err(message) => {
            writeln!(out, "annals: {message}")?;
            return Ok(1);
        }
    };
    if format == ExportFormat::Png {
        let Some(out_path) = out_path else {
            writeln!(
                out,
                "annals: a picture needs --out FILE.png (or a folder with --storyline)"
            )?;
            return Ok(1);
        };
        let written = match storyline {
            Some(name) => {
                crate::ui::render::write_slides(&loaded, name, out_path, size, options.language)
            }
            None => {
                crate::ui::render::write_timeline_picture(dataset, out_path, size, options.language)
            }
        };
        return match written {
            Ok(written) => {
                for file in written {
                    writeln!(out, "{}", file.display())?;
                }
                Ok(0)
            }
            Err(message) => {
                writeln!(out, "annals: {message}")?;
                Ok(1)
            }
        };
    }
    if format == ExportFormat::Pdf && out_path.is_none() {
        writeln!(out, "annals: a PDF needs --out FILE.pdf")?;
        return Ok(1);
    }
    let language = options.language;
    let now = chrono::Utc::now();
    if matches!(
        format,
        ExportFormat::Svg | ExportFormat::Pdf | ExportFormat::Html
    ) {
        // Drawings and the HTML handout (pictures embedded) are made whole, then written.
        let export_options = crate::export::Options {
            language,
            size: options.size,
            pdf: options.pdf.clone(),
            root: Some(loaded.root.clone()),
        };
        let written = match crate::export::bytes(dataset, &selection, format, &export_options, now)
        {
            Ok(written) => written,
            Err(message) => {
                writeln!(out, "annals: {message}")?;
                return Ok(1);
            }
        };
        for left_out in &written.left_out {
            eprintln!("annals: left out {left_out}");
        }
        let text = written.bytes;
        match out_path {
            Some(file) => {
                if let Err(e) = crate::store::save::write_atomic(file, &text) {
                    writeln!(out, "annals: {e}")?;
                    return Ok(1);
                }
                writeln!(
                    out,
                    "{}: {} event{}",
                    file.display(),
                    selection.items.len(),
                    if selection.items.len() == 1 { "" } else { "s" }
                )?;
            }
            None => out.write_all(&text)?,
        }
        return Ok(0);
    }
    // Written as it is made: a million events' TimelineJS or calendar is never held whole.
    let mut left_out = Vec::new();
    let mut write = |w: &mut dyn Write| {
        left_out = crate::export::write_text(dataset, &selection, format, language, now, w)?;
        Ok(())
    };
    match out_path {
        Some(file) => {
            if let Err(e) = crate::store::atomic::write_atomic_with(file, &mut write) {
                writeln!(out, "annals: {e}")?;
                return Ok(1);
            }
        }
        None => {
            let mut buffered = io::BufWriter::with_capacity(1 << 16, &mut *out);
            write(&mut buffered)?;
            buffered.flush()?;
        }
    }
    for left_out in &left_out {
        eprintln!("annals: left out {left_out}");
    }
    if let Some(file) = out_path {
        writeln!(
            out,
            "{}: {} event{}",
            file.display(),
            selection.items.len(),
            if selection.items.len() == 1 { "" } else { "s" }
        )?;
    }
    Ok(0)
}

/// `annals import timelinejs FILE OUT_DIR`.
pub fn import_timelinejs(file: &Path, out_dir: &Path, out: &mut dyn Write) -> io::Result<i32> {
    match crate::export::import::import_timelinejs(file, out_dir) {
        Ok(report) => {
            writeln!(
                out,
                "{}: “{}”, {} event{}, {} categor{}, {} period{}",
                out_dir.display(),
                report.title,
                report.events,
                if report.events == 1 { "" } else { "s" },
                report.categories,
                if report.categories == 1 { "y" } else { "ies" },
                report.periods,
                if report.periods == 1 { "" } else { "s" },
            )?;
            if report.pictures > 0 {
                writeln!(
                    out,
                    "{} picture{} copied into media/",
                    report.pictures,
                    if report.pictures == 1 { "" } else { "s" }
                )?;
            }
            for skipped in &report.skipped {
                writeln!(out, "not converted: {skipped}")?;
            }
            let loaded = load_dataset(out_dir);
            writeln!(
                out,
                "check: {} error{}, {} warning{} (run `annals check {}` for the details)",
                loaded.error_count(),
                if loaded.error_count() == 1 { "" } else { "s" },
                loaded.warning_count(),
                if loaded.warning_count() == 1 { "" } else { "s" },
                out_dir.display()
            )?;
            Ok(i32::from(loaded.error_count() > 0))
        }
        Err(message) => {
            writeln!(out, "annals: {message}")?;
            Ok(1)
        }
    }
}

pub use crate::export::parse_size;
