//! Every character of the bundled dataset and of the interface's message files
//! (`assets/i18n`) has a glyph in the fonts the app installs: egui's own fonts for Latin,
//! Cyrillic and symbols, the bundled Noto Sans CJK SC subset for Chinese.
//! When this fails after a change to the dataset or the messages, rebuild the subset
//! (`python3 assets/fonts/tools/make_font_subset.py`, see README "Fonts").

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use annals::ui::fonts;
use egui::{FontFamily, FontId};

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Every non-ASCII character of every file of data/china-russia, with the first file using it.
fn dataset_chars() -> BTreeMap<char, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/china-russia");
    let mut files = Vec::new();
    files_under(&root, &mut files);
    files.sort();
    assert!(
        files.iter().any(|f| f.ends_with("manifest.ron"))
            && files
                .iter()
                .any(|f| f.components().any(|c| c.as_os_str() == "briefings")),
        "the dataset and its briefings are read: {files:?}"
    );
    chars_of(&root, &files)
}

/// Every non-ASCII character of the message files under assets/i18n, with the first file.
fn message_chars() -> BTreeMap<char, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/i18n");
    let mut files = Vec::new();
    files_under(&root, &mut files);
    files.retain(|f| f.extension().is_some_and(|x| x == "ftl"));
    files.sort();
    for language in ["en", "zh", "ru"] {
        assert!(
            files
                .iter()
                .any(|f| f.parent().unwrap().ends_with(language)),
            "the {language} messages are read: {files:?}"
        );
    }
    chars_of(&root, &files)
}

fn chars_of(root: &Path, files: &[PathBuf]) -> BTreeMap<char, String> {
    let mut chars = BTreeMap::new();
    for file in files {
        let text =
            std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let name = file.strip_prefix(root).unwrap().display().to_string();
        for c in text.chars().filter(|c| !c.is_ascii()) {
            chars.entry(c).or_insert_with(|| name.clone());
        }
    }
    chars
}

/// A context with the fonts the app installs, after the first pass (which loads them).
fn context_with_app_fonts() -> egui::Context {
    let ctx = egui::Context::default();
    fonts::install(&ctx);
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear(); // no renderer to hand the font atlas to
    ctx
}

#[test]
fn every_character_of_the_bundled_dataset_has_a_glyph() {
    let chars = dataset_chars();
    // Chinese, Cyrillic and typographic punctuation are all there, so the check means something.
    for c in ['朱', '镕', '聞', 'Д', '–'] {
        assert!(
            chars.contains_key(&c),
            "the dataset no longer uses {c:?}; pick another sample"
        );
    }

    assert_every_glyph(&chars, "the dataset");
}

#[test]
fn every_character_of_the_message_files_has_a_glyph() {
    let chars = message_chars();
    // The window's Chinese and Russian words and its symbols are there.
    for c in ['数', '据', 'Д', 'ё', '…', '📂'] {
        assert!(
            chars.contains_key(&c),
            "the messages no longer use {c:?}; pick another sample"
        );
    }
    assert_every_glyph(&chars, "the message files");
}

/// Each of `chars` (and the file it comes from) has a glyph in both font families.
fn assert_every_glyph(chars: &BTreeMap<char, String>, what: &str) {
    let ctx = context_with_app_fonts();
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let font = FontId::new(14.0, family.clone());
        let missing: BTreeSet<String> = ctx.fonts_mut(|f| {
            chars
                .iter()
                .filter(|&(&c, _)| !f.has_glyph(&font, c))
                .map(|(c, file)| format!("{c} (U+{:04X}, {file})", *c as u32))
                .collect()
        });
        assert!(
            missing.is_empty(),
            "{family:?}: {} character(s) of {what} have no glyph in the installed fonts \
             (rebuild assets/fonts/NotoSansSC-Annals.otf, see README \"Fonts\"): {}",
            missing.len(),
            missing.into_iter().collect::<Vec<_>>().join(", ")
        );
    }
}

#[test]
fn chinese_comes_from_the_bundled_subset_and_latin_from_egui() {
    let ctx = context_with_app_fonts();
    ctx.fonts_mut(|f| {
        let table = f.characters(&FontFamily::Proportional);
        for c in ['朱', '镕', '基', '聞', '總', '會', '機'] {
            let first = table.get(&c).and_then(|names| names.first());
            assert_eq!(first.map(String::as_str), Some(fonts::CHINESE_FONT), "{c}");
        }
        for c in ['A', 'Д'] {
            let first = table.get(&c).and_then(|names| names.first());
            assert_ne!(first.map(String::as_str), Some(fonts::CHINESE_FONT), "{c}");
            assert!(first.is_some(), "{c}");
        }
    });
}
