//! Pictures in records: `check` reports a missing file, an unsupported format, a file over
//! the size cap and a path leaving the dataset folder at the file's place in the record; web
//! addresses are kept as links; the loader reads only a file's first bytes; the canonical
//! writer and `fmt` keep every picture.

use std::path::Path;

use annals::model::Language;
use annals::model::event::{Media, PictureFormat};

/// A small PNG of `w`×`h` pixels, made here.
pub fn png_bytes(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        let data: Vec<u8> = (0..w * h)
            .flat_map(|i| [(i % 251) as u8, 120, (i / w % 200) as u8])
            .collect();
        writer.write_image_data(&data).unwrap();
    }
    out
}

const EVENTS: &str = r#"[
    (
        id: "a",
        title: "With pictures",
        when: "2024-05-16",
        kind: "visit",
        sources: [(publisher: "P")],
        media: [
            (file: "media/ok.png", caption: "The talks", credit: "Photo: P", license: "CC BY 4.0"),
            (file: "https://example.org/picture.jpg", caption: "On the web"),
            (file: "media/missing.jpg"),
            (file: "media/notes.jpg"),
            (file: "media/huge.png"),
            (file: "../outside.png"),
            (file: "javascript:alert(1)"),
        ],
    ),
]
"#;

fn dataset() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("set");
    std::fs::create_dir_all(root.join("media")).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/china-russia/manifest.ron"),
        root.join("manifest.ron"),
    )
    .unwrap();
    std::fs::write(root.join("events.ron"), EVENTS).unwrap();
    std::fs::write(root.join("media/ok.png"), png_bytes(40, 30)).unwrap();
    std::fs::write(root.join("media/notes.jpg"), "not a picture at all").unwrap();
    // Over the cap, and never read in full: a PNG header, then a hole.
    let huge = std::fs::File::create(root.join("media/huge.png")).unwrap();
    huge.set_len(21 * 1024 * 1024).unwrap();
    std::fs::write(dir.path().join("outside.png"), png_bytes(4, 4)).unwrap();
    dir
}

#[test]
fn check_reports_each_bad_picture_where_it_is_written() {
    let dir = dataset();
    let root = dir.path().join("set");
    let loaded = annals::store::load_dataset(&root);
    let messages: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    let all = messages.join("\n");
    let events = root.join("events.ron");
    let at = |line: usize, col: usize| format!("{}:{line}:{col}:", events.display());
    assert!(
        all.contains(&format!(
            "{} warning: the picture \"media/missing.jpg\" is missing",
            at(11, 20)
        )),
        "{all}"
    );
    assert!(
        all.contains(&format!(
            "{} warning: the picture \"media/notes.jpg\" is not PNG, JPEG or WebP",
            at(12, 20)
        )),
        "{all}"
    );
    assert!(
        all.contains(&format!(
            "{} warning: the picture \"media/huge.png\" is 22.0 MB; pictures over 20 MB are not shown",
            at(13, 20)
        )),
        "{all}"
    );
    assert!(
        all.contains(&format!(
            "{} error: the picture \"../outside.png\" is neither a file inside the dataset folder nor an http(s) address",
            at(14, 20)
        )),
        "{all}"
    );
    assert!(
        all.contains(&format!(
            "{} error: the picture \"javascript:alert(1)\" is neither",
            at(15, 20)
        )),
        "{all}"
    );
    assert!(!all.contains("ok.png"), "{all}");
    assert!(!all.contains("example.org"), "{all}");
    assert_eq!(loaded.error_count(), 2, "{all}");
}

#[test]
fn pictures_survive_writing_and_fmt() {
    let dir = dataset();
    let root = dir.path().join("set");
    // Without the two bad paths the dataset loads (missing pictures are warnings).
    let text = EVENTS
        .replace("            (file: \"../outside.png\"),\n", "")
        .replace("            (file: \"javascript:alert(1)\"),\n", "");
    std::fs::write(root.join("events.ron"), &text).unwrap();
    let loaded = annals::store::load_dataset(&root);
    assert_eq!(loaded.error_count(), 0);
    let dataset = loaded.dataset.unwrap();
    let media = &dataset.events()[0].media;
    assert_eq!(media.len(), 5);
    assert_eq!(
        media[0],
        Media {
            caption: Some("The talks".into()),
            credit: Some("Photo: P".into()),
            license: Some("CC BY 4.0".into()),
            ..Media::file("media/ok.png")
        }
    );
    assert!(media[1].is_web() && !media[0].is_web());
    assert_eq!(
        media[0].byline(Language::English, Language::English),
        "The talks — Photo: P, CC BY 4.0"
    );
    assert_eq!(media[0].path_in(&root).unwrap(), root.join("media/ok.png"));
    let mut out = Vec::new();
    assert_eq!(annals::cli::fmt(&root, false, &mut out).unwrap(), 0);
    let formatted = std::fs::read_to_string(root.join("events.ron")).unwrap();
    assert!(
        formatted.contains("        media: [\n            (file: \"media/ok.png\", caption: \"The talks\", credit: \"Photo: P\", license: \"CC BY 4.0\"),\n"),
        "{formatted}"
    );
    let again = annals::store::load_dataset(&root).dataset.unwrap();
    assert_eq!(again.events()[0].media, dataset.events()[0].media);
}

#[test]
fn formats_are_told_by_their_first_bytes() {
    assert_eq!(
        PictureFormat::sniff(&png_bytes(2, 2)),
        Some(PictureFormat::Png)
    );
    assert_eq!(
        PictureFormat::sniff(&[0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
        Some(PictureFormat::Jpeg)
    );
    assert_eq!(
        PictureFormat::sniff(b"RIFF\x10\0\0\0WEBPVP8 "),
        Some(PictureFormat::Webp)
    );
    assert_eq!(PictureFormat::sniff(b"GIF89a"), None);
    assert_eq!(PictureFormat::sniff(b""), None);
}

#[test]
fn timelinejs_writes_pictures_as_media_and_reads_local_ones_back_as_pictures() {
    let dir = dataset();
    let root = dir.path().join("set");
    let text = EVENTS
        .replace("            (file: \"../outside.png\"),\n", "")
        .replace("            (file: \"javascript:alert(1)\"),\n", "");
    std::fs::write(root.join("events.ron"), &text).unwrap();
    let dataset = annals::store::load_dataset(&root).dataset.unwrap();
    let selection = annals::export::Selection::of_events(&dataset, 0..dataset.len());
    let json = annals::export::timelinejs(&dataset, &selection);
    let media = &json["events"][0]["media"];
    assert_eq!(media["url"], "media/ok.png");
    assert_eq!(media["caption"], "The talks");
    assert_eq!(media["credit"], "Photo: P, CC BY 4.0");
    // Published beside the dataset's pictures, then imported again.
    let file = root.join("timeline.json");
    std::fs::write(&file, serde_json::to_string(&json).unwrap()).unwrap();
    let out = dir.path().join("imported");
    let report = annals::export::import::import_timelinejs(&file, &out).unwrap();
    assert_eq!(report.pictures, 1, "{:?}", report.skipped);
    assert_eq!(
        std::fs::read(out.join("media/ok.png")).unwrap(),
        std::fs::read(root.join("media/ok.png")).unwrap()
    );
    let imported = annals::store::load_dataset(&out);
    assert_eq!(imported.error_count(), 0);
    let imported = imported.dataset.unwrap();
    let event = &imported.events()[0];
    assert_eq!(event.media.len(), 1);
    assert_eq!(event.media[0].file.as_ref(), "media/ok.png");
    assert_eq!(
        event.media[0]
            .caption
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("The talks")
    );
    assert_eq!(
        event.media[0].credit.as_deref(),
        Some("Photo: P, CC BY 4.0")
    );
    assert!(event.sources.is_empty(), "a picture is not a source");
    // A slide naming a file outside the imported file's folder copies nothing.
    let json = serde_json::json!({"events": [{
        "start_date": {"year": 2024},
        "text": {"headline": "H"},
        "media": {"url": "../outside.png"},
    }]});
    std::fs::write(&file, json.to_string()).unwrap();
    let out = dir.path().join("imported-2");
    let report = annals::export::import::import_timelinejs(&file, &out).unwrap();
    assert_eq!(report.pictures, 0);
    assert!(
        report.skipped[0].contains("“../outside.png”"),
        "{:?}",
        report.skipped
    );
    assert!(!out.join("media").exists());
}

#[test]
fn handouts_and_decks_carry_the_pictures() {
    use annals::export::{Format, Options, Selection, bytes};
    let dir = dataset();
    let root = dir.path().join("set");
    let text = EVENTS
        .replace("            (file: \"../outside.png\"),\n", "")
        .replace("            (file: \"javascript:alert(1)\"),\n", "");
    std::fs::write(root.join("events.ron"), &text).unwrap();
    let dataset = annals::store::load_dataset(&root).dataset.unwrap();
    let selection = Selection::of_events(&dataset, 0..dataset.len());
    let now = chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap();
    let options = |kind| Options {
        language: annals::model::manifest::Language::English,
        size: (800, 450),
        pdf: annals::export::pdf::options(kind, None, None, 15.0, "1x1", false).unwrap(),
        root: Some(root.clone()),
    };
    let html = String::from_utf8(
        bytes(
            &dataset,
            &selection,
            Format::Html,
            &options(annals::export::pdf::PdfKind::Handout),
            now,
        )
        .unwrap()
        .bytes,
    )
    .unwrap();
    // The one readable picture embedded, made smaller, as JPEG; the web one a link; the
    // missing and broken ones named.
    assert_eq!(
        html.matches("<img src=\"data:image/jpeg;base64,").count(),
        1,
        "{html}"
    );
    assert!(html.contains("<figcaption>The talks — Photo: P, CC BY 4.0</figcaption>"));
    assert!(html.contains("<a href=\"https://example.org/picture.jpg\">Picture: On the web</a>"));
    assert!(html.contains("Picture media/missing.jpg, not found"));
    for kind in [
        annals::export::pdf::PdfKind::Handout,
        annals::export::pdf::PdfKind::Deck,
    ] {
        let pdf = bytes(&dataset, &selection, Format::Pdf, &options(kind), now).unwrap();
        let doc = lopdf::Document::load_mem(&pdf.bytes).unwrap();
        let images = doc
            .objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .filter(|s| {
                s.dict.get(b"Subtype").and_then(lopdf::Object::as_name).ok() == Some(b"Image")
            })
            .count();
        assert_eq!(images, 1, "{kind:?}");
    }
}

/// Line and column (from 1) of the first `needle` in `text`.
fn line_col(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let col = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

/// A link under `media/` that leads out of the dataset (to a picture, or a folder of them) is
/// an error of `check` at the record's place, and neither an export nor the window's loader
/// reads what it leads to; a link that stays inside the dataset is a picture like any other.
#[cfg(unix)]
#[test]
fn a_link_out_of_the_dataset_is_refused_and_never_read() {
    use std::os::unix::fs::symlink;
    let dir = dataset();
    let root = dir.path().join("set");
    let outside = dir.path().join("outside.png");
    symlink(&outside, root.join("media/secret.png")).unwrap();
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("a.png"), png_bytes(6, 6)).unwrap();
    symlink(&elsewhere, root.join("media/elsewhere")).unwrap();
    std::fs::create_dir(root.join("shared")).unwrap();
    std::fs::write(root.join("shared/inside.png"), png_bytes(5, 5)).unwrap();
    symlink("../shared/inside.png", root.join("media/inside.png")).unwrap();
    let text = r#"[
    (
        id: "a",
        title: "Links",
        when: "2024-05-16",
        kind: "visit",
        sources: [(publisher: "P")],
        media: [
            (file: "media/inside.png"),
            (file: "media/secret.png"),
            (file: "media/elsewhere/a.png"),
        ],
    ),
]
"#;
    std::fs::write(root.join("events.ron"), text).unwrap();
    let loaded = annals::store::load_dataset(&root);
    let all: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    let all = all.join("\n");
    let events = root.join("events.ron");
    for (file, target) in [
        ("media/secret.png", outside.clone()),
        ("media/elsewhere/a.png", elsewhere.join("a.png")),
    ] {
        let (line, col) = line_col(text, &format!("\"{file}\""));
        assert!(
            all.contains(&format!(
                "{}:{line}:{col}: error: the picture \"{file}\" leads outside the dataset folder, to `{}`",
                events.display(),
                std::fs::canonicalize(&target).unwrap().display()
            )),
            "{all}"
        );
    }
    assert!(!all.contains("inside.png"), "{all}");
    assert_eq!(loaded.error_count(), 2, "{all}");
    assert!(loaded.dataset.is_none());
    // The command line says the same and fails.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(["check", root.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("leads outside the dataset folder"));

    // The loader the window and the exports share never reads it, even if the link is made
    // after the check.
    let inside = Media::file("media/inside.png");
    assert!(annals::export::picture::load(&root, &inside, 64).is_ok());
    for file in ["media/secret.png", "media/elsewhere/a.png"] {
        let error = annals::export::picture::load(&root, &Media::file(file), 64).unwrap_err();
        assert!(
            error.contains("leads outside the dataset folder"),
            "{error}"
        );
    }
    std::fs::write(
        root.join("events.ron"),
        text.replace("            (file: \"media/secret.png\"),\n", "")
            .replace("            (file: \"media/elsewhere/a.png\"),\n", ""),
    )
    .unwrap();
    let dataset = annals::store::load_dataset(&root).dataset.unwrap();
    std::fs::remove_file(root.join("media/inside.png")).unwrap();
    symlink(&outside, root.join("media/inside.png")).unwrap();
    use annals::export::{Format, Options, Selection, bytes};
    let selection = Selection::of_events(&dataset, 0..dataset.len());
    let html = bytes(
        &dataset,
        &selection,
        Format::Html,
        &Options {
            language: annals::model::manifest::Language::English,
            size: (800, 450),
            pdf: annals::export::pdf::PdfOptions::default(),
            root: Some(root.clone()),
        },
        chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap(),
    )
    .unwrap();
    let html = String::from_utf8(html.bytes).unwrap();
    assert!(
        !html.contains("data:image"),
        "the outside picture is not embedded"
    );
    assert!(
        html.contains("Picture media/inside.png, not found"),
        "{html}"
    );
}
