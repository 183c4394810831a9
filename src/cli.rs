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

/// `annals check`: print every diagnostic, then a summary. Returns the exit code:
/// 0 clean, 1 errors (or warnings with `deny_warnings`).
pub fn check(path: &Path, deny_warnings: bool, out: &mut dyn Write) -> io::Result<i32> {
    let loaded = load_dataset(path);
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
    Ok(i32::from(errors > 0 || (deny_warnings && warnings > 0)))
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
