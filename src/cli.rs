//! The command line's work, kept here so it can be tested without spawning the binary.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::store::{Diagnostic, load_dataset};

/// Where the bundled dataset lives, relative to the repository root.
pub const BUNDLED_DATASET: &str = "data/china-russia";

/// The bundled dataset: `data/china-russia` under the current folder, or else the copy in
/// the source tree this binary was built from.
pub fn bundled_dataset_path() -> PathBuf {
    let local = PathBuf::from(BUNDLED_DATASET);
    if local.is_dir() {
        local
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(BUNDLED_DATASET)
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
    let loaded = load_dataset(path);
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
        let report = serde_json::json!({
            "path": path.display().to_string(),
            "events": loaded.dataset.as_ref().map_or(0, |d| d.len()),
            "errors": loaded.error_count(),
            "warnings": loaded.warning_count(),
            "ok": !failed,
            "diagnostics": diagnostics,
        });
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&report).map_err(io::Error::other)?
        )?;
        return Ok(i32::from(failed));
    }
    print_diagnostics(&loaded.diagnostics, out)?;
    let (errors, warnings) = (loaded.error_count(), loaded.warning_count());
    let events = loaded.dataset.as_ref().map_or(0, |d| d.len());
    if errors == 0 {
        writeln!(
            out,
            "{}: {events} events in {} files, {} warning{}",
            path.display(),
            loaded.files.len(),
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
    Ok(i32::from(failed))
}

/// `annals list`: the events in chronological order, one a line. Diagnostics go to `err`.
pub fn list(path: &Path, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
    let loaded = load_dataset(path);
    let Some(dataset) = &loaded.dataset else {
        print_diagnostics(&loaded.diagnostics, err)?;
        writeln!(
            err,
            "{}: not listed because of the errors above",
            path.display()
        )?;
        return Ok(1);
    };
    for event in dataset.events() {
        writeln!(
            out,
            "{:<23} {:<36} {}  [{}]",
            event.when.to_edtf(),
            event.when.human(),
            event.title,
            event.id
        )?;
    }
    Ok(0)
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
    let loaded = load_dataset(path);
    if loaded.error_count() > 0 {
        let errors: Vec<Diagnostic> = loaded
            .diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        print_diagnostics(&errors, out)?;
        writeln!(
            out,
            "{}: not formatted because of the errors above; nothing was changed",
            path.display()
        )?;
        return Ok(1);
    }
    let mut changed = 0;
    let mut failed = false;
    for file in &loaded.files {
        if file
            .file_name()
            .is_some_and(|n| n == crate::store::load::MANIFEST_FILE)
        {
            continue;
        }
        let text = std::fs::read_to_string(file)?;
        let formatted = match crate::store::format::format_event_file(&text) {
            Ok(formatted) => formatted,
            Err(message) => {
                writeln!(out, "{}: error: {message}", file.display())?;
                failed = true;
                continue;
            }
        };
        for note in &formatted.notes {
            writeln!(out, "{}: note: {note}", file.display())?;
        }
        if formatted.text == text {
            continue;
        }
        changed += 1;
        if check {
            writeln!(out, "{}: not in the canonical layout", file.display())?;
        } else {
            match crate::store::save::write_atomic(file, formatted.text.as_bytes()) {
                Ok(()) => writeln!(out, "{}: formatted", file.display())?,
                Err(e) => {
                    writeln!(out, "{}: error: {e}", file.display())?;
                    failed = true;
                }
            }
        }
    }
    let verb = if check { "would change" } else { "changed" };
    writeln!(
        out,
        "{}: {changed} file{} {verb} (the manifest is kept as written)",
        path.display(),
        if changed == 1 { "" } else { "s" }
    )?;
    Ok(i32::from(failed || (check && changed > 0)))
}
