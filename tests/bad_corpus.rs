//! The corpus of broken files in `tests/bad/`: each file's first line says the exact
//! diagnostic it must produce, `// expect: LINE:COL: message`. Each is loaded as the events file
//! of a dataset with the bundled manifest.

use std::path::Path;

use annals::cli::bundled_dataset_path;
use annals::store::load_dataset;

#[test]
fn every_broken_file_gets_its_exact_diagnostic() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad");
    let mut files: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 14, "every file of the corpus is found");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let expect = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("// expect: "))
            .unwrap_or_else(|| {
                panic!(
                    "{}: first line must be `// expect: LINE:COL: message`",
                    file.display()
                )
            });
        let mut parts = expect.splitn(3, ':');
        let line: usize = parts.next().unwrap().parse().unwrap();
        let col: usize = parts.next().unwrap().parse().unwrap();
        let message = parts.next().unwrap().trim();

        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            bundled_dataset_path().join("manifest.ron"),
            dir.path().join("manifest.ron"),
        )
        .unwrap();
        std::fs::write(dir.path().join("events.ron"), &text).unwrap();
        let loaded = load_dataset(dir.path());
        assert!(
            loaded.dataset.is_none(),
            "{}: must not load",
            file.display()
        );
        let found = loaded
            .diagnostics
            .iter()
            .find(|d| d.is_error() && d.message.starts_with(message));
        let Some(d) = found else {
            panic!(
                "{}: no error starting with {message:?}; got:\n{}",
                file.display(),
                loaded
                    .diagnostics
                    .iter()
                    .map(std::string::ToString::to_string)
                    .collect::<String>()
            );
        };
        let at = d.location.as_ref().expect("a location");
        assert_eq!(
            (at.line, at.col),
            (line, col),
            "{}: {}",
            file.display(),
            d.message
        );
    }
}
