//! The layers hold by test, not by habit: the pure core knows nothing of the window, and no
//! two modules of `src/` import each other, directly or round a longer circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The text of a file without its comments (a doc comment may well name egui).
fn code_of(text: &str) -> String {
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_pure_layers_name_no_window_crate() {
    let mut checked = 0;
    for layer in ["model", "store", "timeline", "export"] {
        let mut files = Vec::new();
        rust_files(&src().join(layer), &mut files);
        for file in files {
            let code = code_of(&std::fs::read_to_string(&file).unwrap());
            for word in code.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
                assert!(
                    !matches!(
                        word,
                        "egui" | "eframe" | "rfd" | "egui_extras" | "egui_kittest"
                    ),
                    "{} names `{word}`: model/, store/, timeline/ and export/ know nothing of the window",
                    file.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 30, "only {checked} files found");
}

/// Module path of a file under `src/` ("ui::browse::search", "crate" for lib.rs).
fn module_of(file: &Path) -> String {
    let rel = file.strip_prefix(src()).unwrap().with_extension("");
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let mut name = parts.join("::");
    if let Some(parent) = name.strip_suffix("::mod") {
        name = parent.to_owned();
    }
    if name == "lib" {
        "crate".to_owned()
    } else {
        name
    }
}

/// The module a path used in `from` names: the longest known module it starts with.
fn resolve(from: &str, path: &str, modules: &BTreeSet<String>) -> Option<String> {
    let mut parts: Vec<&str> = path.split("::").collect();
    let mut base: Vec<&str> = match parts.first() {
        Some(&"crate") => {
            parts.remove(0);
            Vec::new()
        }
        Some(&"super") => {
            let mut base: Vec<&str> = from.split("::").collect();
            while parts.first() == Some(&"super") {
                parts.remove(0);
                base.pop();
            }
            base
        }
        Some(&"self") => {
            parts.remove(0);
            from.split("::").collect()
        }
        _ => return None,
    };
    if base == ["crate"] {
        base.clear();
    }
    (1..=parts.len()).rev().find_map(|n| {
        let candidate = base
            .iter()
            .chain(&parts[..n])
            .copied()
            .collect::<Vec<_>>()
            .join("::");
        modules.contains(&candidate).then_some(candidate)
    })
}

#[test]
fn no_import_circles() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let texts: BTreeMap<String, String> = files
        .iter()
        .filter(|f| !f.ends_with("main.rs"))
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            // Unit tests may reach anywhere.
            let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
            (module_of(f), code_of(code))
        })
        .collect();
    let modules: BTreeSet<String> = texts.keys().cloned().collect();
    let mut edges: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (module, code) in &texts {
        let out = edges.entry(module).or_default();
        let mut rest = code.as_str();
        while let Some(at) = rest.find(['c', 's']) {
            let tail = &rest[at..];
            let starts = ["crate::", "super::", "self::"]
                .iter()
                .any(|p| tail.starts_with(p));
            let boundary = at == 0
                || !rest[..at]
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
            if starts && boundary {
                let end = tail
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                    .unwrap_or(tail.len());
                let path = tail[..end].trim_end_matches(':');
                if let Some(target) = resolve(module, path, &modules)
                    // A child naming its parent is how Rust modules extend their parent.
                    && !module.starts_with(&format!("{target}::"))
                    && target != *module
                    && target != "crate"
                {
                    out.insert(target);
                }
                rest = &tail[end.max(1)..];
            } else {
                rest = &tail[1..];
            }
        }
    }
    // A depth-first search for a path back to where it started.
    fn reaches(
        from: &str,
        to: &str,
        edges: &BTreeMap<&str, BTreeSet<String>>,
        seen: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> bool {
        for next in edges.get(from).into_iter().flatten() {
            path.push(next.clone());
            if next == to || (seen.insert(next.clone()) && reaches(next, to, edges, seen, path)) {
                return true;
            }
            path.pop();
        }
        false
    }
    for module in &modules {
        let mut path = vec![module.clone()];
        let found = reaches(module, module, &edges, &mut BTreeSet::new(), &mut path);
        assert!(!found, "import circle: {}", path.join(" → "));
    }
    assert!(
        edges.values().map(BTreeSet::len).sum::<usize>() > 50,
        "the graph was read"
    );
}
