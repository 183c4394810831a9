//! `annals merge-file` (git's merge driver for dataset files) and `annals git-setup`.

use std::io::{self, Write};
use std::path::Path;
use std::process::Command;

use crate::store::merge::{MergeOutcome, merge_texts, whole_file_merge};

/// The line `git-setup` writes in `.gitattributes`.
pub const GITATTRIBUTES_LINE: &str = "*.ron merge=annals";

/// `annals merge-file BASE OURS THEIRS [--path NAME]`: merge record by record and write the
/// result over OURS, as git expects of a merge driver. Returns 0 when clean, 1 when conflicts
/// are left in the file. A file that does not read as records on every side is merged line
/// by line (by `git merge-file`, or as whole files without git) and `err` says so.
pub fn merge_file(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    name: Option<&str>,
    err: &mut dyn Write,
) -> io::Result<i32> {
    let name = name.map_or_else(|| ours.display().to_string(), str::to_owned);
    let read = |path: &Path| -> io::Result<String> {
        match std::fs::read(path) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("`{}` is not UTF-8 text", path.display()),
                )
            }),
            // A side where the file does not exist (added on one side) is empty.
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(String::new()),
            Err(e) => Err(e),
        }
    };
    let texts = (read(base), read(ours), read(theirs));
    let (Ok(b), Ok(o), Ok(t)) = texts else {
        writeln!(
            err,
            "annals merge-file: {name}: not text; merged line by line"
        )?;
        return line_merge(base, ours, theirs, None, err);
    };
    match merge_texts(&b, &o, &t) {
        Ok(outcome) => {
            crate::store::save::write_atomic(ours, outcome.text.as_bytes())
                .map_err(|e| io::Error::other(e.to_string()))?;
            for conflict in &outcome.conflicts {
                writeln!(err, "annals merge-file: {name}: {}", conflict.describe())?;
            }
            Ok(i32::from(!outcome.conflicts.is_empty()))
        }
        Err(reason) => {
            writeln!(
                err,
                "annals merge-file: {name} does not read as records on every side ({reason}); merged line by line"
            )?;
            line_merge(base, ours, theirs, Some((&b, &o, &t)), err)
        }
    }
}

/// `git merge-file` over OURS; without git, [`whole_file_merge`].
fn line_merge(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    texts: Option<(&str, &str, &str)>,
    err: &mut dyn Write,
) -> io::Result<i32> {
    let status = Command::new("git")
        .args(["merge-file", "-L", "ours", "-L", "base", "-L", "theirs"])
        .arg(ours)
        .arg(base)
        .arg(theirs)
        .status();
    match status {
        Ok(status) => Ok(match status.code() {
            Some(0) => 0,
            // Conflicts, or git stopped by a signal: the merge failed either way.
            _ => crate::cli::EXIT_FAILED,
        }),
        Err(e) => {
            let Some((b, o, t)) = texts else {
                writeln!(err, "annals merge-file: cannot run git ({e})")?;
                return Ok(crate::cli::EXIT_FAILED);
            };
            let MergeOutcome { text, conflicts } = whole_file_merge(b, o, t);
            crate::store::save::write_atomic(ours, text.as_bytes())
                .map_err(|e| io::Error::other(e.to_string()))?;
            Ok(i32::from(!conflicts.is_empty()))
        }
    }
}

/// `annals git-setup [DIR]`: make git merge the dataset's `.ron` files with `annals
/// merge-file`: the `.gitattributes` line in DIR and the driver in the repository's local
/// configuration (`.git/config`, which git does not share: each clone runs this once).
pub fn git_setup(dir: &Path, out: &mut dyn Write) -> io::Result<i32> {
    let git = |args: &[&str]| Command::new("git").arg("-C").arg(dir).args(args).output();
    let top = match git(&["rev-parse", "--show-toplevel"]) {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).trim().to_owned(),
        Ok(_) => {
            writeln!(
                out,
                "{}: not in a git repository; run `git init` there first",
                dir.display()
            )?;
            return Ok(1);
        }
        Err(e) => {
            writeln!(out, "annals git-setup: cannot run git ({e})")?;
            return Ok(1);
        }
    };
    let attributes = dir.join(".gitattributes");
    let existing = std::fs::read_to_string(&attributes).unwrap_or_default();
    if !existing.lines().any(|l| l.trim() == GITATTRIBUTES_LINE) {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(GITATTRIBUTES_LINE);
        text.push('\n');
        crate::store::save::write_atomic(&attributes, text.as_bytes())
            .map_err(|e| io::Error::other(e.to_string()))?;
    }
    let exe = std::env::current_exe()?;
    let exe = exe.display().to_string().replace('\'', "'\\''");
    let driver = format!("'{exe}' merge-file %O %A %B --path %P");
    for (key, value) in [
        ("merge.annals.name", "Annals: merge dataset records by id"),
        ("merge.annals.driver", driver.as_str()),
    ] {
        let status = git(&["config", "--local", key, value])?;
        if !status.status.success() {
            writeln!(out, "annals git-setup: `git config {key}` failed")?;
            return Ok(1);
        }
    }
    writeln!(
        out,
        "{}: `{GITATTRIBUTES_LINE}` in .gitattributes; merge driver set in {top}/.git/config",
        attributes.display()
    )?;
    writeln!(
        out,
        "commit .gitattributes; everyone else runs `annals git-setup` once in their clone"
    )?;
    Ok(0)
}
