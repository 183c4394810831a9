//! Where Annals finds and keeps things: the bundled dataset's source tree, the user's copy of
//! it, and the data folder beside the settings. Used by the command line and the window alike.

use std::path::{Path, PathBuf};

/// Where the bundled dataset lives, relative to the repository root.
pub const BUNDLED_DATASET: &str = "data/china-russia";

/// The bundled dataset's source: `data/china-russia` in the source tree this binary was built
/// from. It exists only where that tree does (developers' runs, tests, benchmarks); an
/// installed binary opens [`default_dataset_path`] instead.
pub fn bundled_dataset_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(BUNDLED_DATASET)
}

/// The dataset to open when none is given or remembered. Run from its source tree (`cargo
/// run`, tests) the binary opens `data/china-russia` itself, so developers edit the real
/// files; installed, it opens the user's copy of the bundled dataset in
/// [`user_datasets_dir`], written from the copy compiled into the binary on first use and
/// never overwritten after.
pub fn default_dataset_path() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().ok();
    // `cargo run` and `cargo test` tell the program its package's folder, wherever the
    // target folder is.
    let run_by_cargo_for = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    if let Some(path) = developer_dataset(
        exe.as_deref(),
        run_by_cargo_for.as_deref(),
        Path::new(env!("CARGO_MANIFEST_DIR")),
    ) {
        return Ok(path);
    }
    let datasets = user_datasets_dir()
        .ok_or("no data folder for the bundled dataset (is HOME set?)".to_owned())?;
    crate::bundled::ensure_copy(&datasets)
        .map(|copy| copy.path)
        .map_err(|e| format!("the bundled dataset could not be copied: {e}"))
}

/// "Restore the bundled dataset": a fresh copy from the binary, written beside the user's
/// copy (`china-russia-2`, …), whose path is returned; nothing existing is touched.
pub fn restore_bundled_dataset() -> Result<PathBuf, String> {
    let datasets = user_datasets_dir()
        .ok_or("no data folder for the bundled dataset (is HOME set?)".to_owned())?;
    crate::bundled::restore_copy(&datasets)
        .map_err(|e| format!("the bundled dataset could not be restored: {e}"))
}

/// Where copies of the bundled dataset go: `datasets/` in the app's data folder, beside the
/// settings eframe keeps there (`~/.local/share/annals` on Linux, or under `XDG_DATA_HOME`;
/// `~/Library/Application Support/annals` on macOS; `%APPDATA%\annals\data` on Windows).
pub fn user_datasets_dir() -> Option<PathBuf> {
    eframe::storage_dir(crate::APP_ID).map(|dir| dir.join("datasets"))
}

/// `data/china-russia` of the source tree at `manifest_dir` (where the binary was built), when
/// the folder is there and the binary runs as a developer's: the executable is inside that
/// tree (`target/…`), or cargo runs it for that package (`run_by_cargo_for`, cargo's
/// `CARGO_MANIFEST_DIR` at run time, as with a `CARGO_TARGET_DIR` elsewhere).
fn developer_dataset(
    exe: Option<&Path>,
    run_by_cargo_for: Option<&Path>,
    manifest_dir: &Path,
) -> Option<PathBuf> {
    let tree = std::fs::canonicalize(manifest_dir).ok()?;
    let inside = |path: Option<&Path>| {
        path.and_then(|p| std::fs::canonicalize(p).ok())
            .is_some_and(|p| p.starts_with(&tree))
    };
    let dataset = manifest_dir.join(BUNDLED_DATASET);
    ((inside(exe) || inside(run_by_cargo_for)) && dataset.is_dir()).then_some(dataset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_tree_is_used_only_by_a_developers_binary() {
        let tree = Path::new(env!("CARGO_MANIFEST_DIR"));
        let inside = tree.join("Cargo.toml");
        let dataset = Some(tree.join(BUNDLED_DATASET));
        assert_eq!(developer_dataset(Some(&inside), None, tree), dataset);
        let elsewhere = tempfile::tempdir().unwrap();
        let exe = elsewhere.path().join("annals");
        std::fs::write(&exe, "").unwrap();
        assert_eq!(developer_dataset(Some(&exe), None, tree), None);
        // Run by cargo with the target folder elsewhere.
        assert_eq!(developer_dataset(Some(&exe), Some(tree), tree), dataset);
        let other = Some(elsewhere.path());
        assert_eq!(developer_dataset(Some(&exe), other, tree), None);
        // A tree without the dataset (a source tree moved or trimmed) is not used.
        assert_eq!(developer_dataset(Some(&exe), other, elsewhere.path()), None);
        assert_eq!(developer_dataset(None, None, tree), None);
    }
}
