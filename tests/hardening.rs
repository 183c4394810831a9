//! Input that once lost, clobbered or hid data, run through the command line as a user would:
//! each test here failed before its fix.

use std::fs;
use std::path::Path;
use std::process::Command;

const MANIFEST: &str = "(\n    title: \"Test\",\n    categories: [(id: \"visit\", label: \"Visit\", colour: \"#1f77b4\")],\n)\n";

fn event(id: &str, when: &str) -> String {
    format!(
        "    (\n        id: \"{id}\",\n        title: \"Event {id}\",\n        when: \"{when}\",\n        kind: \"visit\",\n        sources: [(publisher: \"P\")],\n    ),\n"
    )
}

fn events_file(ids: &[(&str, &str)]) -> String {
    let mut text = String::from("[\n");
    for (id, when) in ids {
        text.push_str(&event(id, when));
    }
    text.push_str("]\n");
    text
}

/// A dataset folder holding the test manifest and `files` (name, text).
fn dataset(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("manifest.ron"), MANIFEST).unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn annals(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(args)
        .output()
        .expect("run annals");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn check(dir: &Path) -> (i32, String) {
    let (code, out, _) = annals(&["check", dir.to_str().unwrap()]);
    (code, out)
}

fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".annals-tmp"))
        .collect()
}

// ---- Writing files ----------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn export_follows_a_symlink_and_keeps_it() {
    let data = dataset(&[("events.ron", &events_file(&[("a", "2024")]))]);
    let out = tempfile::tempdir().unwrap();
    let real = out.path().join("real.html");
    let link = out.path().join("handout.html");
    fs::write(&real, "old").unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let (code, text, err) = annals(&[
        "export",
        "--format",
        "html",
        "--out",
        link.to_str().unwrap(),
        data.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{text}{err}");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(fs::read_to_string(&real).unwrap().contains("Event a"));
}

#[cfg(unix)]
#[test]
fn export_to_dev_null_and_to_a_device_node_leaves_them_devices() {
    use std::os::unix::fs::FileTypeExt as _;
    let data = dataset(&[("events.ron", &events_file(&[("a", "2024")]))]);
    let (code, text, err) = annals(&[
        "export",
        "--format",
        "ics",
        "--out",
        "/dev/null",
        data.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{text}{err}");
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    // A device node of our own where the test may make one (as root).
    let dir = tempfile::tempdir().unwrap();
    let node = dir.path().join("null");
    let made = Command::new("mknod")
        .arg(&node)
        .args(["c", "1", "3"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if made {
        let (code, text, err) = annals(&[
            "export",
            "--format",
            "markdown",
            "--out",
            node.to_str().unwrap(),
            data.path().to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{text}{err}");
        assert!(fs::metadata(&node).unwrap().file_type().is_char_device());
        assert!(temp_files(dir.path()).is_empty());
    }
}

#[cfg(unix)]
#[test]
fn export_into_a_fifo_writes_through_it() {
    let data = dataset(&[("events.ron", &events_file(&[("a", "2024")]))]);
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(&fifo).unwrap())
    };
    let (code, text, err) = annals(&[
        "export",
        "--format",
        "markdown",
        "--out",
        fifo.to_str().unwrap(),
        data.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{text}{err}");
    assert!(reader.join().unwrap().contains("Event a"));
    use std::os::unix::fs::FileTypeExt as _;
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

/// Files in the layout `fmt` would change: one-line records.
fn messy_dataset(files: usize) -> tempfile::TempDir {
    let mut texts = Vec::new();
    for f in 0..files {
        let mut text = String::from("// Hand-written.\n[\n");
        for i in 0..200 {
            text.push_str(&format!(
                "  (id: \"e{f}-{i}\", title: \"E {i}\", when: \"20{:02}\", kind: \"visit\", sources: [(publisher: \"P\")]), // note {i}\n",
                i % 90
            ));
        }
        text.push_str("]\n");
        texts.push((format!("events-{f}.ron"), text));
    }
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    dataset(&refs)
}

#[test]
fn a_killed_fmt_leaves_no_temporary_file_after_the_next_run() {
    let mut rng = 0x2545_f491_4f6c_dd1d_u64;
    for round in 0..12 {
        let data = messy_dataset(6);
        let path = data.path().to_str().unwrap().to_owned();
        let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
            .args(["fmt", &path])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        std::thread::sleep(std::time::Duration::from_micros(rng % 40_000));
        let _ = child.kill();
        let _ = child.wait();
        // Whatever the kill left, the next run finishes the job and clears it.
        let (code, out, err) = annals(&["fmt", &path]);
        assert_eq!(code, 0, "round {round}: {out}{err}");
        assert!(temp_files(data.path()).is_empty(), "round {round}");
        let (code, out, _) = annals(&["fmt", "--check", &path]);
        assert_eq!(code, 0, "round {round}: {out}");
        let (code, out) = check(data.path());
        assert_eq!(code, 0, "{out}");
        assert!(out.contains("1200 events"), "{out}");
    }
}

#[test]
fn a_stale_temporary_file_is_removed_by_fmt() {
    let data = messy_dataset(1);
    fs::write(data.path().join(".events-0.ron.annals-tmp"), "half").unwrap();
    let (code, out, _) = annals(&["fmt", data.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(temp_files(data.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn fmt_counts_only_files_it_wrote_and_fails_when_one_cannot_be_written() {
    use std::os::unix::fs::PermissionsExt as _;
    let data = messy_dataset(2);
    let locked = data.path().join("events-1.ron");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o444)).unwrap();
    let before = fs::read_to_string(&locked).unwrap();
    let (code, out, _) = annals(&["fmt", data.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("1 file changed"), "{out}");
    assert!(out.contains("events-1.ron: error:"), "{out}");
    assert_eq!(fs::read_to_string(&locked).unwrap(), before);
}

#[test]
fn generate_refuses_a_folder_that_is_not_empty() {
    let data = dataset(&[("events.ron", &events_file(&[("a", "2024")]))]);
    let (code, out, err) = annals(&["generate", "--events", "10", data.path().to_str().unwrap()]);
    assert_ne!(code, 0, "{out}");
    assert!(err.contains("not empty"), "{err}");
    assert_eq!(
        fs::read_to_string(data.path().join("manifest.ron")).unwrap(),
        MANIFEST
    );
}

// ---- Reading files ----------------------------------------------------------------------

#[test]
fn a_stray_hash_at_the_top_is_an_error_not_an_empty_file() {
    for prefix in ["#", "#!", "# [", "#![enable(implicit_some)"] {
        let text = format!("{prefix}\n{}", events_file(&[("a", "2024")]));
        let data = dataset(&[("events.ron", &text)]);
        let (code, out) = check(data.path());
        assert_eq!(code, 1, "{prefix}: {out}");
        assert!(out.contains("events.ron:1:1: error:"), "{prefix}: {out}");
    }
}

#[test]
fn a_byte_order_mark_is_accepted_everywhere() {
    let data = dataset(&[(
        "events.ron",
        &format!("\u{feff}{}", events_file(&[("a", "2024")])),
    )]);
    fs::write(
        data.path().join("manifest.ron"),
        format!("\u{feff}{MANIFEST}"),
    )
    .unwrap();
    fs::create_dir(data.path().join("briefings")).unwrap();
    fs::write(
        data.path().join("briefings/story.ron"),
        "\u{feff}(title: \"S\", steps: [(event: \"a\")])\n",
    )
    .unwrap();
    let (code, out) = check(data.path());
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("1 event in 2 files, 1 storyline, 0 warnings"),
        "{out}"
    );
    // fmt keeps the mark (and rewrites the records).
    let (code, out, _) = annals(&["fmt", data.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 file changed"), "{out}");
    let written = fs::read_to_string(data.path().join("events.ron")).unwrap();
    assert!(written.starts_with("\u{feff}[\n"), "{written:?}");
    assert_eq!(check(data.path()).0, 0);
    // A mistake on the first line is placed in columns that ignore the mark.
    let text = "\u{feff}[(id: \"a\", title: \"A\", when: \"2024\", kind: \"visit\", x: 1)]";
    fs::write(data.path().join("events.ron"), text).unwrap();
    let (code, out) = check(data.path());
    assert_eq!(code, 1);
    let col = text.find("x: 1").unwrap() - 3 + 1;
    assert!(
        out.contains(&format!("events.ron:1:{col}: error: unknown field `x`")),
        "{out}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_name_that_is_not_utf8_is_reported() {
    use std::os::unix::ffi::OsStrExt as _;
    let data = dataset(&[("events.ron", &events_file(&[("a", "2024")]))]);
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.ron");
    if fs::write(data.path().join(name), events_file(&[("b", "2025")])).is_err() {
        return; // a file system that refuses such names cannot have the problem
    }
    let (code, out) = check(data.path());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("caf\u{fffd}.ron"), "{out}");
    assert!(out.contains("not valid UTF-8"), "{out}");
}

#[cfg(unix)]
#[test]
fn only_regular_files_are_read_and_links_out_are_named() {
    use std::os::unix::fs::symlink;
    let data = dataset(&[("events.ron", &events_file(&[("a", "2024")]))]);
    let root = data.path();
    assert!(
        Command::new("mkfifo")
            .arg(root.join("pipe.ron"))
            .status()
            .unwrap()
            .success()
    );
    symlink("/dev/zero", root.join("zero.ron")).unwrap();
    symlink("loop.ron", root.join("loop.ron")).unwrap();
    symlink(".", root.join("folder.ron")).unwrap();
    let (code, out) = check(root);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("pipe.ron` is a FIFO (named pipe), not a file"),
        "{out}"
    );
    assert!(out.contains("zero.ron` is a device, not a file"), "{out}");
    assert!(out.contains("loop.ron`"), "{out}");
    assert!(out.contains("folder.ron` is a folder, not a file"), "{out}");

    // A link to a file outside the dataset: read, with a warning naming its target.
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("shared.ron");
    fs::write(&target, events_file(&[("b", "2025")])).unwrap();
    let data = dataset(&[("events.ron", &events_file(&[("a", "2024")]))]);
    symlink(&target, data.path().join("shared.ron")).unwrap();
    let (code, out) = check(data.path());
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("2 events"), "{out}");
    assert!(out.contains("outside the dataset folder"), "{out}");
    assert!(
        out.contains(&fs::canonicalize(&target).unwrap().display().to_string()),
        "{out}"
    );
}

#[test]
fn a_bad_date_does_not_also_break_references_to_its_record() {
    let text = "[\n    (id: \"a\", title: \"A\", when: \"2023-02-30\", kind: \"visit\", sources: [(publisher: \"P\")]),\n    (id: \"b\", title: \"B\", when: \"2024\", kind: \"visit\", related: [\"a\"], sources: [(publisher: \"P\")]),\n]\n";
    let data = dataset(&[("events.ron", text)]);
    let (code, out) = check(data.path());
    assert_eq!(code, 1);
    assert!(out.contains("1 error"), "{out}");
    assert!(!out.contains("unknown event"), "{out}");
}

// ---- Output a person or a program reads ---------------------------------------------------

#[test]
fn control_characters_and_broken_links_are_errors_and_never_reach_the_terminal() {
    let text = "[\n    (\n        id: \"a\",\n        title: \"Red \\u{1b}[31malert\\u{7}\",\n        when: \"2024\",\n        kind: \"visit\",\n        summary: \"Two\\nlines are fine here.\",\n        sources: [(publisher: \"P\", url: \"https://example.org/a\\r\\nEND:VEVENT\")],\n    ),\n]\n";
    let data = dataset(&[("events.ron", text)]);
    let (code, out) = check(data.path());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("`title` holds the control character U+001B"),
        "{out}"
    );
    assert!(out.contains("is not a valid address"), "{out}");
    assert!(out.contains("2 errors"), "{out}");
    assert!(!out.bytes().any(|b| b == 0x1b || b == 0x07), "{out:?}");
    // A space in an address is as bad.
    let text = events_file(&[("a", "2024")]).replace(
        "(publisher: \"P\")",
        "(publisher: \"P\", url: \"https://example.org/a b\")",
    );
    let data = dataset(&[("events.ron", &text)]);
    let (code, out) = check(data.path());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("it holds a space"), "{out}");
}

// ---- Costs that stay linear --------------------------------------------------------------

#[test]
fn a_long_one_line_file_is_quoted_in_windows() {
    // 2,000 events on one 450 KB line, each with an unknown field.
    let mut line = String::from("[");
    for i in 0..2_000 {
        line.push_str(&format!(
            "(id: \"e{i}\", title: \"{}\", when: \"2024\", kind: \"visit\", oops: 1),",
            "x".repeat(160)
        ));
    }
    line.push(']');
    let data = dataset(&[("events.ron", &line)]);
    let (code, out) = check(data.path());
    assert_eq!(code, 1);
    assert!(out.contains("2000 errors"), "{}", &out[out.len() - 200..]);
    assert!(out.len() < 1_500_000, "{} bytes of output", out.len());
    // Every column still exact: the last error's column is where its `oops` is.
    let last = line.rfind("oops").unwrap() + 1;
    assert!(out.contains(&format!("events.ron:1:{last}: error: unknown field `oops`")));
}

#[test]
fn hints_for_many_unknown_ids_stay_cheap_and_right() {
    // Ids renamed in one file: every reference to them is unknown, and the hint finds the
    // new name when it is one edit away.
    let mut a = String::from("[\n");
    let mut b = String::from("[\n");
    for i in 0..3_000 {
        a.push_str(&event(&format!("event-{i:05}x"), "2024"));
        b.push_str(&format!(
            "    (id: \"ref-{i}\", title: \"R\", when: \"2025\", kind: \"visit\", related: [\"event-{i:05}\"], sources: [(publisher: \"P\")]),\n"
        ));
    }
    a.push_str("]\n");
    b.push_str("]\n");
    let data = dataset(&[("a.ron", &a), ("b.ron", &b)]);
    let (code, out) = check(data.path());
    assert_eq!(code, 1);
    assert!(out.contains("3000 errors"), "{}", &out[out.len() - 300..]);
    assert!(
        out.contains("did you mean \"event-00042x\"?"),
        "hint missing"
    );
}

// ---- Formatting --------------------------------------------------------------------------

#[test]
fn fmt_keeps_a_comment_before_a_comma_and_windows_line_endings() {
    let text = "[\r\n    (id: \"a\", title: \"A\", when: \"2024\", kind: \"visit\", sources: [(publisher: \"P\")]) /* c */ ,\r\n    (id: \"b\", title: \"B\", when: \"2025\", kind: \"visit\", sources: [(publisher: \"P\")]),\r\n]\r\n";
    let data = dataset(&[("events.ron", text)]);
    let (_, before, _) = annals(&["list", data.path().to_str().unwrap()]);
    let (code, out, _) = annals(&["fmt", data.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    let written = fs::read_to_string(data.path().join("events.ron")).unwrap();
    assert!(written.contains("/* c */"), "{written}");
    assert!(!written.replace("\r\n", "").contains('\n'), "{written:?}");
    assert_eq!(check(data.path()).0, 0);
    let (_, after, _) = annals(&["list", data.path().to_str().unwrap()]);
    assert_eq!(before, after);
}

#[test]
fn a_file_over_the_size_cap_is_refused_with_a_message() {
    let data = dataset(&[("events.ron", &events_file(&[("a", "2024")]))]);
    // A sparse file: 257 MiB on paper, nothing on disk.
    let huge = fs::File::create(data.path().join("huge.ron")).unwrap();
    huge.set_len(257 * 1024 * 1024).unwrap();
    let (code, out) = check(data.path());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("huge.ron` is 257 MiB; files over 256 MiB are not read"),
        "{out}"
    );
}

// ---- Files that never end, and pipes nobody opens ---------------------------------------

/// `annals ARGS`, killed if it takes longer than `secs` (then the code is -1 and `err`
/// says so): a test of something that once hung must not hang the test suite.
fn annals_within(args: &[&str], secs: u64) -> (i32, String, String) {
    use std::io::Read as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run annals");
    let started = std::time::Instant::now();
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code().unwrap_or(-1);
        }
        if started.elapsed().as_secs() >= secs {
            let _ = child.kill();
            let _ = child.wait();
            return (-1, String::new(), format!("still running after {secs} s"));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let (mut out, mut err) = (String::new(), String::new());
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (code, out, err)
}

#[cfg(unix)]
fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(unix)]
#[test]
fn import_refuses_a_fifo_a_device_and_a_file_over_the_cap_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("timeline.json");
    let huge = dir.path().join("huge.json");
    // Sparse: 257 MiB on paper, nothing on disk.
    fs::File::create(&huge)
        .unwrap()
        .set_len(257 * 1024 * 1024)
        .unwrap();
    let mut cases = vec![
        (
            Path::new("/dev/zero").to_path_buf(),
            "is a device, not a file",
        ),
        (huge, "it is 257 MiB; files over 256 MiB are not read"),
        (dir.path().to_path_buf(), "is a folder, not a file"),
    ];
    if mkfifo(&fifo) {
        cases.push((fifo, "is a FIFO (named pipe), not a file"));
    }
    for (n, (input, expected)) in cases.into_iter().enumerate() {
        let out_dir = dir.path().join(format!("out-{n}"));
        let started = std::time::Instant::now();
        let (code, out, err) = annals_within(
            &[
                "import",
                "timelinejs",
                input.to_str().unwrap(),
                out_dir.to_str().unwrap(),
            ],
            30,
        );
        assert_eq!(code, 1, "{}: {out}{err}", input.display());
        assert!(out.contains(expected), "{}: {out}", input.display());
        assert!(
            out.contains(&format!("cannot read `{}`", input.display())),
            "{out}"
        );
        assert!(started.elapsed().as_secs() < 10, "{}", input.display());
        assert!(!out_dir.exists(), "nothing is created");
    }
}

#[cfg(unix)]
#[test]
fn export_into_a_fifo_nobody_reads_fails_with_a_message_in_every_format() {
    let data = dataset(&[("events.ron", &events_file(&[("a", "2024")]))]);
    let dir = tempfile::tempdir().unwrap();
    let formats = ["png", "svg", "pdf", "html", "markdown", "timelinejs", "ics"];
    let runs: Vec<_> = formats
        .into_iter()
        .map(|format| {
            let fifo = dir.path().join(format!("pipe-{format}"));
            assert!(mkfifo(&fifo));
            let data = data.path().to_str().unwrap().to_owned();
            std::thread::spawn(move || {
                let fifo = fifo.to_str().unwrap().to_owned();
                annals_within(&["export", "--format", format, "--out", &fifo, &data], 60)
            })
        })
        .collect();
    for (format, run) in formats.iter().zip(runs) {
        let (code, out, err) = run.join().unwrap();
        assert_eq!(code, 1, "{format}: {out}{err}");
        assert!(
            out.contains("no program read from it within 5 s"),
            "{format}: {out}{err}"
        );
    }
}

// ---- Messages about the manifest ---------------------------------------------------------

#[test]
fn a_manifest_value_written_with_an_escape_is_placed_and_quoted_short() {
    let data = dataset(&[("events.ron", &events_file(&[("a", "2024")]))]);
    fs::write(
        data.path().join("manifest.ron"),
        MANIFEST.replace("\"Test\"", "\"kaz\\nan\""),
    )
    .unwrap();
    let (code, out) = check(data.path());
    assert_eq!(code, 1, "{out}");
    let manifest = data.path().join("manifest.ron");
    assert!(
        out.contains(&format!(
            "{}:2:12: error: the manifest's text \"kaz\\nan\" holds the control character U+000A",
            manifest.display()
        )),
        "{out}"
    );
    // A 900 KB title: placed the same way, and quoted cut, not whole.
    let long = format!("{}\\n{}", "x".repeat(450_000), "y".repeat(450_000));
    fs::write(
        data.path().join("manifest.ron"),
        MANIFEST.replace("\"Test\"", &format!("\"{long}\"")),
    )
    .unwrap();
    let (code, out) = check(data.path());
    assert_eq!(code, 1);
    assert!(out.len() < 4_000, "{} bytes of output", out.len());
    assert!(
        out.contains(&format!(
            "{}:2:12: error: the manifest's text \"{}…\" holds the control character U+000A",
            manifest.display(),
            "x".repeat(100)
        )),
        "{}",
        &out[..out.len().min(2_000)]
    );
}

/// `--out /dev/stdout` into a pipe (as `annals … | gzip` has it): the link names no path
/// (`pipe:[…]`), so the pipe is written to through it, not taken for a missing file.
#[cfg(unix)]
#[test]
fn export_to_dev_stdout_through_a_pipe_writes_into_the_pipe() {
    let data = dataset(&[("events.ron", &events_file(&[("a", "2024")]))]);
    for format in ["ics", "svg"] {
        let (code, out, err) = annals_within(
            &[
                "export",
                "--format",
                format,
                "--out",
                "/dev/stdout",
                data.path().to_str().unwrap(),
            ],
            60,
        );
        assert_eq!(code, 0, "{format}: {out}{err}");
        assert!(
            out.contains("BEGIN:VCALENDAR") || out.contains("<svg"),
            "{format}: {out}"
        );
    }
}
