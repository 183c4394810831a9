//! Seeded random tests over whole datasets: a careless edit never loses an event without an
//! error, and `fmt` never turns a dataset that checks into one that does not.

use std::fs;
use std::path::{Path, PathBuf};

use annals::store::load_dataset;

/// A small, fast, seeded generator (xorshift64*), so every failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Every `.ron` file of a dataset folder (manifest, events, storylines), relative paths.
fn ron_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for folder in [PathBuf::new(), PathBuf::from("briefings")] {
        let Ok(entries) = fs::read_dir(root.join(&folder)) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".ron") {
                files.push(folder.join(name));
            }
        }
    }
    files.sort();
    files
}

/// One careless edit of `bytes`: a byte changed, inserted or deleted, or a line deleted,
/// doubled or swapped with the next.
fn mutate(bytes: &mut Vec<u8>, rng: &mut Rng) {
    const SHARP: &[u8] = b"()[]{},:#!/*\"\\\n ;-0123456789azAZ_\t\r";
    let at = rng.below(bytes.len());
    let line_start = |b: &[u8], at: usize| {
        b[..at]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |i| i + 1)
    };
    let line_end = |b: &[u8], at: usize| {
        b[at..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(b.len(), |i| at + i + 1)
    };
    match rng.below(7) {
        0 => bytes[at] = *rng.pick(SHARP),
        1 => bytes[at] = (rng.next() & 0xff) as u8,
        2 => bytes.insert(at, *rng.pick(SHARP)),
        3 => {
            let n = 1 + rng.below(3);
            bytes.drain(at..(at + n).min(bytes.len()));
        }
        4 => {
            let (s, e) = (line_start(bytes, at), line_end(bytes, at));
            bytes.drain(s..e);
        }
        5 => {
            let (s, e) = (line_start(bytes, at), line_end(bytes, at));
            let line = bytes[s..e].to_vec();
            bytes.splice(s..s, line);
        }
        _ => {
            let (s, e) = (line_start(bytes, at), line_end(bytes, at));
            if e < bytes.len() {
                let e2 = line_end(bytes, e);
                let (first, second) = (bytes[s..e].to_vec(), bytes[e..e2].to_vec());
                bytes.splice(s..e2, second.into_iter().chain(first));
            }
        }
    }
}

#[test]
fn careless_edits_of_the_bundled_dataset_never_lose_an_event_in_silence() {
    let original = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/china-russia");
    let clean = load_dataset(&original);
    assert_eq!(clean.error_count(), 0, "{:#?}", clean.diagnostics);
    let events = clean.dataset.as_ref().unwrap().len();
    let files = ron_files(&original);
    let texts: Vec<Vec<u8>> = files
        .iter()
        .map(|f| fs::read(original.join(f)).unwrap())
        .collect();

    let work = tempfile::tempdir().unwrap();
    fs::create_dir(work.path().join("briefings")).unwrap();
    for (file, text) in files.iter().zip(&texts) {
        fs::write(work.path().join(file), text).unwrap();
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut loaded_same, mut failed) = (0, 0);
    for case in 0..3_000 {
        let which = rng.below(files.len());
        let mut bytes = texts[which].clone();
        for _ in 0..1 + rng.below(3) {
            if !bytes.is_empty() {
                mutate(&mut bytes, &mut rng);
            }
        }
        let path = work.path().join(&files[which]);
        fs::write(&path, &bytes).unwrap();
        let loaded = load_dataset(work.path());
        let replay = || {
            format!(
                "case {case}, {}:\n{}",
                files[which].display(),
                String::from_utf8_lossy(&bytes)
            )
        };
        if loaded.error_count() == 0 {
            let dataset = loaded.dataset.as_ref().expect("no errors, so a dataset");
            assert_eq!(
                dataset.len(),
                events,
                "an event went missing without an error: {}",
                replay()
            );
            loaded_same += 1;
        } else {
            assert!(
                loaded
                    .diagnostics
                    .iter()
                    .any(|d| d.is_error() && d.location.is_some()),
                "errors without a place: {:#?}\n{}",
                loaded.diagnostics,
                replay()
            );
            failed += 1;
        }
        fs::write(&path, &texts[which]).unwrap();
    }
    // Both outcomes are exercised (edits inside comments and strings load).
    assert!(
        loaded_same > 50 && failed > 500,
        "{loaded_same} loaded, {failed} failed"
    );
}

/// A random event file that checks: records in varied layouts.
fn random_events(rng: &mut Rng, file: usize, count: usize) -> String {
    let titles = [
        "Visit",
        "Talks — переговоры",
        "会谈 in \\\"Beijing\\\"",
        "A, B (and C)",
        "x // y /* z */",
    ];
    let whens = [
        "2024",
        "2024-05",
        "2024-05-16",
        "1996-12-27?",
        "1996~",
        "2024-05-16/2024-05-17",
        "2014/..",
        "-0043-03-15",
    ];
    let mut text = String::from("[\n");
    for i in 0..count {
        let mut fields = vec![
            format!("id: \"f{file}-e{i}\""),
            format!("title: \"{}\"", rng.pick(&titles)),
            format!("when: \"{}\"", rng.pick(&whens)),
            "kind: \"visit\"".to_owned(),
        ];
        if rng.below(2) == 0 {
            fields.push("summary: \"Line one.\\nLine two.\"".to_owned());
        }
        if rng.below(2) == 0 {
            fields.push(
                "sources: [(publisher: \"P\", url: \"https://example.org/a?b=c\")]".to_owned(),
            );
        }
        if rng.below(3) == 0 {
            fields.push("tags: [\"t1\", \"t2\"]".to_owned());
        }
        if rng.below(3) == 0 {
            fields.push("status: single_source".to_owned());
        }
        // Any field order, on one line or several.
        for _ in 0..fields.len() {
            let (a, b) = (rng.below(fields.len()), rng.below(fields.len()));
            fields.swap(a, b);
        }
        let sep = if rng.below(2) == 0 {
            ", "
        } else {
            ",\n        "
        };
        text.push_str(&format!("    ({}),\n", fields.join(sep)));
    }
    text.push_str("]\n");
    text
}

/// `text` with comments and blank lines put at random boundaries between tokens.
fn sprinkle(text: &str, rng: &mut Rng) -> String {
    let tokens = annals::store::lex::tokenize(text).unwrap();
    let mut out = String::new();
    let mut pos = 0;
    for token in tokens {
        out.push_str(&text[pos..token.span.start]);
        match rng.below(12) {
            0 => out.push_str(" /* note */ "),
            1 => out.push_str(" // remark\n"),
            2 => out.push_str("\n\n\n"),
            3 => out.push_str("\n    // a heading\n"),
            _ => {}
        }
        out.push_str(&text[token.span.clone()]);
        pos = token.span.end;
    }
    out.push_str(&text[pos..]);
    out
}

fn run(f: impl FnOnce(&mut Vec<u8>) -> std::io::Result<i32>) -> (i32, String) {
    let mut out = Vec::new();
    let code = f(&mut out).unwrap();
    (code, String::from_utf8(out).unwrap())
}

#[test]
fn fmt_keeps_every_dataset_checking_and_listing_the_same() {
    let mut rng = Rng(0x51_7cc1_b727_220a);
    for case in 0..150 {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(
            root.join("manifest.ron"),
            "(title: \"T\", categories: [(id: \"visit\", label: \"Visit\", colour: \"#123456\")])",
        )
        .unwrap();
        for file in 0..1 + rng.below(3) {
            let count = 1 + rng.below(6);
            let text = sprinkle(&random_events(&mut rng, file, count), &mut rng);
            let text = if rng.below(4) == 0 {
                text.replace('\n', "\r\n")
            } else {
                text
            };
            fs::write(root.join(format!("events-{file}.ron")), text).unwrap();
        }
        let (code, before) = run(|o| annals::cli::list(root, o, &mut std::io::sink()));
        assert_eq!(
            code,
            0,
            "case {case}: the input must check: {:#?}",
            load_dataset(root).diagnostics
        );

        // `fmt --check` (which compares while checking) names exactly the files `fmt` rewrites.
        let (check_code, checked) = run(|o| annals::cli::fmt(root, true, o));
        let (code, out) = run(|o| annals::cli::fmt(root, false, o));
        assert_eq!(code, 0, "case {case}: {out}");
        let named = |text: &str, what: &str| -> Vec<String> {
            text.lines()
                .filter_map(|l| l.strip_suffix(what))
                .map(str::to_owned)
                .collect()
        };
        let would = named(&checked, ": not in the canonical layout");
        assert_eq!(would, named(&out, ": formatted"), "case {case}: {checked}");
        assert_eq!(check_code, i32::from(!would.is_empty()), "case {case}");
        let (code, checked) = run(|o| annals::cli::fmt(root, true, o));
        assert_eq!(code, 0, "case {case}: {checked}");
        assert!(
            checked.contains(": 0 files would change"),
            "case {case}: {checked}"
        );
        let loaded = load_dataset(root);
        assert_eq!(
            loaded.error_count(),
            0,
            "case {case}: {:#?}",
            loaded.diagnostics
        );
        let (_, after) = run(|o| annals::cli::list(root, o, &mut std::io::sink()));
        assert_eq!(before, after, "case {case}");

        let snapshot: Vec<Vec<u8>> = ron_files(root)
            .iter()
            .map(|f| fs::read(root.join(f)).unwrap())
            .collect();
        let (code, out) = run(|o| annals::cli::fmt(root, false, o));
        assert_eq!(code, 0, "case {case}: {out}");
        assert!(out.contains(": 0 files changed"), "case {case}: {out}");
        let again: Vec<Vec<u8>> = ron_files(root)
            .iter()
            .map(|f| fs::read(root.join(f)).unwrap())
            .collect();
        assert_eq!(snapshot, again, "case {case}");
    }
}
