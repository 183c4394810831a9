//! An installed binary: copied out of the source tree, run from an empty folder with an empty
//! home, it finds the bundled dataset inside itself and copies it into the user's data folder.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A home, a working folder and a copy of the built binary, all outside the source tree.
struct Install {
    root: tempfile::TempDir,
}

impl Install {
    fn new() -> Self {
        let root = tempfile::tempdir().unwrap();
        for folder in ["bin", "home", "cwd"] {
            std::fs::create_dir(root.path().join(folder)).unwrap();
        }
        // fs::copy keeps the permissions, so the copy is executable.
        std::fs::copy(env!("CARGO_BIN_EXE_annals"), root.path().join("bin/annals")).unwrap();
        Self { root }
    }

    fn home(&self) -> PathBuf {
        self.root.path().join("home")
    }

    /// Where the copy of the bundled dataset goes on Linux without `XDG_DATA_HOME`.
    fn dataset(&self) -> PathBuf {
        self.home()
            .join(".local/share/annals/datasets/china-russia")
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        run(
            &self.root.path().join("bin/annals"),
            &self.home(),
            self.root.path().join("cwd"),
            args,
        )
    }
}

fn run(exe: &Path, home: &Path, cwd: PathBuf, args: &[&str]) -> (i32, String, String) {
    let mut command = Command::new(exe);
    command
        .args(args)
        .current_dir(cwd)
        .env("HOME", home)
        .env_remove("XDG_DATA_HOME")
        .env_remove("CARGO_MANIFEST_DIR");
    let out = output(&mut command);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Run to the end. A binary just copied may not start at once ("text file busy": another
/// test's process, forked while the copy was open for writing, holds it until it execs).
fn output(command: &mut Command) -> std::process::Output {
    for _ in 0..100 {
        match command.output() {
            Err(e) if e.raw_os_error() == Some(26) => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            result => return result.expect("run annals"),
        }
    }
    panic!("the copied binary stays busy")
}

fn source_dataset() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/china-russia")
}

/// The `.ron` files under `dir`, as (relative path, contents), sorted.
fn ron_files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "ron") {
                let relative = path.strip_prefix(root).unwrap().to_path_buf();
                out.push((relative, std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[cfg(target_os = "linux")]
#[test]
fn an_installed_binary_copies_the_bundled_dataset_once_and_lists_it() {
    let install = Install::new();

    let (code, stdout, stderr) = install.run(&["--print-dataset-path"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.trim_end(), install.dataset().display().to_string());
    // Every file of the source tree's dataset, subfolders included, byte for byte.
    let copied = ron_files(&install.dataset());
    assert_eq!(copied, ron_files(&source_dataset()));
    assert!(copied.iter().any(|(p, _)| p == Path::new("manifest.ron")));
    assert!(copied.iter().any(|(p, _)| p.starts_with("briefings")));
    // Nothing was written in the working folder.
    assert_eq!(
        std::fs::read_dir(install.root.path().join("cwd"))
            .unwrap()
            .count(),
        0
    );

    // `list` without a path lists the copy, as the source tree's binary lists the original.
    let (code, listed, stderr) = install.run(&["list"]);
    assert_eq!(code, 0, "{stderr}");
    let (_, expected, _) = run(
        Path::new(env!("CARGO_BIN_EXE_annals")),
        &install.home(),
        PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        &["list", &source_dataset().display().to_string()],
    );
    assert!(listed.lines().count() > 10, "{listed}");
    assert_eq!(listed, expected);

    // The user's edits are kept: a second start never overwrites the copy.
    let manifest = install.dataset().join("manifest.ron");
    let mut edited = std::fs::read_to_string(&manifest).unwrap();
    edited.push_str("// my note\n");
    std::fs::write(&manifest, &edited).unwrap();
    let (code, stdout, stderr) = install.run(&["--print-dataset-path"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.trim_end(), install.dataset().display().to_string());
    assert_eq!(std::fs::read_to_string(&manifest).unwrap(), edited);
    let datasets: Vec<_> = std::fs::read_dir(install.dataset().parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        datasets,
        ["china-russia"],
        "no second copy, no temporary folder"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn the_copy_follows_xdg_data_home() {
    let install = Install::new();
    let xdg = install.root.path().join("xdg");
    let out = output(
        Command::new(install.root.path().join("bin/annals"))
            .arg("--print-dataset-path")
            .current_dir(install.root.path().join("cwd"))
            .env("HOME", install.home())
            .env("XDG_DATA_HOME", &xdg)
            .env_remove("CARGO_MANIFEST_DIR"),
    );
    let expected = xdg.join("annals/datasets/china-russia");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim_end(),
        expected.display().to_string()
    );
    assert!(expected.join("manifest.ron").is_file());
    assert!(!install.dataset().exists());
}

/// A developer's run (`cargo run`: the binary in the tree's target folder, or cargo naming the
/// package's folder when the target folder is elsewhere) opens the real files.
#[test]
fn run_from_its_source_tree_the_binary_opens_the_real_files() {
    let home = tempfile::tempdir().unwrap();
    let cwd = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_annals"))
        .arg("--print-dataset-path")
        .current_dir(cwd.path())
        .env("HOME", home.path())
        .env_remove("XDG_DATA_HOME")
        .env("CARGO_MANIFEST_DIR", env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        std::fs::canonicalize(String::from_utf8_lossy(&out.stdout).trim_end()).unwrap(),
        std::fs::canonicalize(source_dataset()).unwrap()
    );
    assert_eq!(
        std::fs::read_dir(home.path()).unwrap().count(),
        0,
        "no copy"
    );
}

#[test]
fn version_names_the_commit_when_the_build_knows_it() {
    let install = Install::new();
    let (code, stdout, _) = install.run(&["--version"]);
    assert_eq!(code, 0);
    let version = stdout.trim_end();
    let rest = version
        .strip_prefix(&format!("annals {}", env!("CARGO_PKG_VERSION")))
        .unwrap_or_else(|| panic!("{version}"));
    let head = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned());
    match (std::env::var("ANNALS_COMMIT"), head) {
        (Ok(commit), _) if !commit.trim().is_empty() => {
            assert_eq!(rest, format!(" ({})", commit.trim()));
        }
        (_, Some(head)) if Path::new(env!("CARGO_MANIFEST_DIR")).join(".git").exists() => {
            assert_eq!(rest, format!(" ({head})"));
        }
        _ => assert_eq!(rest, ""),
    }
}

/// What `cargo deb` installs exists, and the desktop entry names the icon and the window's
/// class (the app id eframe gives the window).
#[test]
fn the_package_files_are_there() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cargo_toml = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let deb = &cargo_toml[cargo_toml.find("[package.metadata.deb]").unwrap()..];
    let assets = &deb[deb.find("assets = [").unwrap()..];
    let assets = &assets[..assets.find("\n]").unwrap()];
    let mut icons = 0;
    for line in assets.lines().filter(|l| l.trim_start().starts_with("[\"")) {
        let fields: Vec<&str> = line.split('"').skip(1).step_by(2).collect();
        let (source, target) = (fields[0], fields[1]);
        if source != "target/release/annals" {
            assert!(root.join(source).is_file(), "{source} is missing");
        }
        if target.starts_with("usr/share/icons/hicolor/") {
            icons += 1;
            if let Some(size) = target.split('/').nth(4).and_then(|s| s.split_once('x')) {
                let png = std::fs::read(root.join(source)).unwrap();
                let decoder = png::Decoder::new(std::io::Cursor::new(png));
                let info = decoder.read_info().unwrap();
                let (w, h) = info.info().size();
                assert_eq!(
                    (w.to_string(), h.to_string()),
                    (size.0.into(), size.1.into())
                );
            }
        }
    }
    assert_eq!(icons, 8, "seven PNG sizes and the SVG");

    let desktop = std::fs::read_to_string(root.join("assets/annals.desktop")).unwrap();
    let entry = |key: &str| {
        desktop
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}=")))
            .unwrap_or_else(|| panic!("no {key}"))
            .to_owned()
    };
    assert_eq!(entry("Icon"), "annals");
    assert_eq!(entry("StartupWMClass"), annals::ui::APP_ID);
    assert!(entry("Exec").starts_with("annals "));
}

/// In the window, **Bundled dataset** opens the same dataset `--print-dataset-path` names: run
/// from the source tree (as tests are), the real files.
#[test]
fn the_dataset_menu_opens_the_bundled_dataset() {
    let dir = tempfile::tempdir().unwrap();
    annals::generate::generate(dir.path(), &annals::generate::GenerateOptions::new(5, 1)).unwrap();
    let ctx = egui::Context::default();
    let mut app = annals::ui::AnnalsApp::with_context(&ctx, dir.path().to_path_buf());
    app.apply(annals::ui::command::FileCommand::OpenBundled.into(), 0.0);
    assert_eq!(app.dataset_path(), annals::cli::bundled_dataset_path());
    assert!(app.dataset().is_some());
    assert!(app.notice().is_none());
}

/// The `[package.metadata.deb]` value of `key` (a one-line string) in Cargo.toml.
fn deb_field(key: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cargo_toml = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let deb = &cargo_toml[cargo_toml.find("[package.metadata.deb]").unwrap()..];
    let line = deb
        .lines()
        .find(|l| l.starts_with(&format!("{key} = \"")))
        .unwrap_or_else(|| panic!("no {key} in [package.metadata.deb]"));
    line[key.len() + 4..line.len() - 1].to_owned()
}

/// The libraries the window opens at run time (dlopen), which `$auto` cannot see since the
/// binary does not link them, and the Debian 12 package of each. Found in the sources of the
/// crates eframe 0.37 builds on (search them for `.so` when they are upgraded): winit 0.30
/// opens Xlib, Xlib-xcb, Xcursor and XInput2 through x11-dl (x11/xdisplay.rs) and libxcb
/// through x11rb's `dl-libxcb`; xkbcommon-dl opens libxkbcommon and its X11 part;
/// wayland-sys the Wayland client, cursor and egl libraries; glutin libEGL (egl/mod.rs) and
/// libGL for GLX (glx/mod.rs).
const OPENED_AT_RUN_TIME: [(&str, &str); 12] = [
    ("libX11.so.6", "libx11-6"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libXcursor.so.1", "libxcursor1"),
    ("libXi.so.6", "libxi6"),
    ("libxcb.so.1", "libxcb1"),
    ("libxkbcommon.so.0", "libxkbcommon0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libwayland-client.so.0", "libwayland-client0"),
    ("libwayland-cursor.so.0", "libwayland-cursor0"),
    ("libwayland-egl.so.1", "libwayland-egl1"),
    ("libEGL.so.1", "libegl1"),
    ("libGL.so.1", "libgl1"),
];

/// The package's `Depends` names every library the window opens at run time, so that it
/// works on a minimal desktop; its maintainer is not a placeholder address.
#[test]
fn the_package_depends_on_what_the_window_opens_and_names_no_placeholder() {
    let depends = deb_field("depends");
    let packages: Vec<&str> = depends
        .split(',')
        .flat_map(|alternatives| alternatives.split('|'))
        .map(|p| p.split_whitespace().next().unwrap_or(""))
        .collect();
    assert!(packages.contains(&"$auto"), "libc and the rest it links");
    for (library, package) in OPENED_AT_RUN_TIME {
        assert!(
            packages.contains(&package),
            "{library} is opened at run time: Depends needs {package} ({depends})"
        );
    }
    let maintainer = deb_field("maintainer");
    assert!(!maintainer.trim().is_empty());
    let lower = maintainer.to_ascii_lowercase();
    for placeholder in [
        ".example",
        ".invalid",
        ".test",
        ".localhost",
        "example.com",
        "example.org",
        "example.net",
        "noreply",
    ] {
        assert!(
            !lower.contains(placeholder),
            "the maintainer {maintainer:?} is a placeholder address"
        );
    }
    if let Some(open) = maintainer.find('<') {
        let address = &maintainer[open + 1..maintainer.rfind('>').expect("a closing >")];
        assert!(address.contains('@'), "{maintainer:?}");
    }
}

/// The package as `cargo deb` built it (CI builds it before the tests: see .ci/run): its
/// control fields say what Cargo.toml says and it holds the binary, the desktop entry, the
/// icons and the README. Without a built package (or without dpkg-deb) there is nothing
/// to look at, and the test says so.
#[test]
fn the_built_package_holds_its_files_and_dependencies() {
    // target/debian, beside the folder of the binary under test (target/debug).
    let target = Path::new(env!("CARGO_BIN_EXE_annals"))
        .parent()
        .and_then(Path::parent)
        .unwrap()
        .to_path_buf();
    let version = env!("CARGO_PKG_VERSION");
    let deb = std::fs::read_dir(target.join("debian"))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&format!("annals_{version}")) && n.ends_with(".deb"))
        })
        .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    let required = std::env::var_os("ANNALS_REQUIRE_DEB").is_some();
    let Some(deb) = deb else {
        assert!(
            !required,
            "ANNALS_REQUIRE_DEB is set but there is no annals_{version}_*.deb in {}",
            target.join("debian").display()
        );
        println!(
            "skipped: no annals_{version}_*.deb in {} (build one with `cargo deb`)",
            target.join("debian").display()
        );
        return;
    };
    let dpkg = |args: &[&str]| {
        Command::new("dpkg-deb")
            .args(args)
            .arg(&deb)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
    };
    let Some(control) = dpkg(&["--field"]) else {
        assert!(!required, "dpkg-deb cannot read {}", deb.display());
        println!("skipped: dpkg-deb cannot read {}", deb.display());
        return;
    };
    let field = |key: &str| {
        control
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}: ")))
            .unwrap_or_else(|| panic!("no {key} in {control}"))
            .to_owned()
    };
    assert_eq!(field("Package"), "annals");
    assert_eq!(field("Maintainer"), deb_field("maintainer"));
    let depends = field("Depends");
    assert!(depends.contains("libc6"), "$auto found libc: {depends}");
    for (_, package) in OPENED_AT_RUN_TIME {
        assert!(depends.contains(package), "{package} missing: {depends}");
    }
    let contents = dpkg(&["--contents"]).unwrap();
    for file in [
        "./usr/bin/annals",
        "./usr/share/applications/annals.desktop",
        "./usr/share/icons/hicolor/scalable/apps/annals.svg",
        "./usr/share/icons/hicolor/256x256/apps/annals.png",
        "./usr/share/doc/annals/README.md",
    ] {
        assert!(
            contents.contains(file),
            "{file} not in the package:\n{contents}"
        );
    }
}
