//! Vector exports read back: the SVG parses as XML, holds every drawn title as text, and puts
//! every event exactly where the pure layout (`timeline/`) does; PDFs parse, embed their
//! fonts as subsets, carry an outline and metadata, and hold the text of every event.

#[path = "common/pdf.rs"]
mod pdf;
use pdf::{first_page_size, pdf_text};

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use annals::export::fonts::FontSet;
use annals::export::pdf::{PdfKind, PdfOptions};
use annals::export::scene::print_style;
use annals::export::{Format, Options, Selection, bytes};
use annals::model::Dataset;
use annals::model::manifest::Language;
use annals::timeline::canvas::{display_title, place_item, place_lanes};
use annals::timeline::{Grouping, Lanes, TimeView, layout_lanes};

fn bundled() -> annals::store::Loaded {
    annals::store::load_dataset(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/china-russia"
    )))
}

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap()
}

fn options(size: (u32, u32), pdf: PdfOptions) -> Options {
    Options {
        language: Language::English,
        size,
        pdf,
        root: None,
    }
}

/// A point in points.
type Point = (f32, f32);

/// Attribute values, the texts and the event groups of an SVG, read with an XML parser.
struct ReadSvg {
    /// `data-event` → (data-x and data-y, centre of its first mark shape).
    events: BTreeMap<String, (Point, Point)>,
    texts: Vec<String>,
    root: BTreeMap<String, String>,
}

fn read_svg(svg: &str) -> ReadSvg {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut events = BTreeMap::new();
    let mut texts = Vec::new();
    let mut root = BTreeMap::new();
    let mut open_event: Option<(String, (f32, f32))> = None;
    let mut in_text = false;
    let mut text = String::new();
    loop {
        let event = reader.read_event().expect("the SVG is well-formed XML");
        let attrs = |e: &quick_xml::events::BytesStart<'_>| -> BTreeMap<String, String> {
            e.attributes()
                .map(|a| {
                    let a = a.expect("attribute");
                    (
                        String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .expect("value")
                            .into_owned(),
                    )
                })
                .collect()
        };
        let num = |m: &BTreeMap<String, String>, k: &str| -> f32 { m[k].parse().unwrap() };
        match event {
            Event::Start(e) if e.name().as_ref() == b"svg" => root = attrs(&e),
            Event::Start(e) if e.name().as_ref() == b"g" => {
                let a = attrs(&e);
                if let Some(id) = a.get("data-event") {
                    open_event = Some((id.clone(), (num(&a, "data-x"), num(&a, "data-y"))));
                }
            }
            Event::Start(e) if e.name().as_ref() == b"text" => {
                in_text = true;
                text.clear();
            }
            Event::Empty(e) if open_event.is_some() => {
                let a = attrs(&e);
                let centre = match e.name().as_ref() {
                    b"circle" => Some((num(&a, "cx"), num(&a, "cy"))),
                    b"rect" => Some((
                        num(&a, "x") + num(&a, "width") / 2.0,
                        num(&a, "y") + num(&a, "height") / 2.0,
                    )),
                    _ => None,
                };
                if let (Some(centre), Some((id, data))) = (centre, open_event.take()) {
                    events.insert(id, (data, centre));
                }
            }
            Event::Text(t) if in_text => text.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) if in_text => text.push(match &*r.decode().unwrap() {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "#39" => '\'',
                other => panic!("unexpected entity {other}"),
            }),
            Event::End(e) if e.name().as_ref() == b"text" => {
                in_text = false;
                texts.push(text.clone());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    ReadSvg {
        events,
        texts,
        root,
    }
}

/// Where the pure layout puts each event's mark on a drawing `size` points large: the same
/// functions as the window, called here on their own.
fn layout_centres(dataset: &Dataset, size: (f32, f32)) -> BTreeMap<String, (f32, f32)> {
    let fonts = FontSet::standard();
    let style = print_style();
    let lanes = Lanes::build(dataset, Grouping::Category, |_| true);
    let (first, last) = dataset.extent().unwrap();
    let view = TimeView::fit(first, last, 0.04);
    let left = style.header_width;
    let width = size.0 - left;
    let events_top = style.axis_height;
    let rows = style.total_rows(size.1 - events_top, lanes.lanes.len());
    let laid = layout_lanes(
        dataset,
        &lanes.lanes,
        &view,
        &style.layout_params(width),
        rows,
        |i| {
            fonts.width(
                &display_title(&dataset.events()[i], dataset, dataset.language()),
                style.title_size,
            )
        },
    );
    let mut out = BTreeMap::new();
    for ((layout, _), place) in laid.iter().zip(place_lanes(&laid, events_top, &style)) {
        for item in &layout.items {
            let mark = place_item(item, left, place.rows_top, &style).mark;
            out.insert(dataset.events()[item.event].id.to_string(), mark.centre());
        }
    }
    out
}

#[test]
fn the_svg_puts_every_event_where_the_layout_does() {
    let loaded = bundled();
    let dataset = loaded.dataset.as_ref().unwrap();
    let selection = Selection::of_events(dataset, 0..dataset.len());
    for size in [(1600, 900), (900, 500), (3000, 1400)] {
        let written = bytes(
            dataset,
            &selection,
            Format::Svg,
            &options(size, PdfOptions::default()),
            now(),
        )
        .unwrap();
        let svg = String::from_utf8(written.bytes).unwrap();
        let read = read_svg(&svg);
        assert_eq!(read.root["viewBox"], format!("0 0 {} {}", size.0, size.1));
        let expected = layout_centres(dataset, (size.0 as f32, size.1 as f32));
        assert!(expected.len() >= 20, "{size:?}: {} events", expected.len());
        assert_eq!(
            read.events.keys().collect::<BTreeSet<_>>(),
            expected.keys().collect::<BTreeSet<_>>(),
            "{size:?}: the same events are drawn"
        );
        for (id, &(x, y)) in &expected {
            let ((dx, dy), (sx, sy)) = read.events[id];
            for (got, want) in [(dx, x), (dy, y), (sx, x), (sy, y)] {
                assert!(
                    (got - want).abs() < 0.02,
                    "{id} at {size:?}: {got} ≠ {want}"
                );
            }
        }
        // Titles are text, not outlines.
        let texts: BTreeSet<&str> = read.texts.iter().map(String::as_str).collect();
        assert!(texts.contains("Treaty of Good-Neighbourliness and Friendly Cooperation"));
        assert!(
            texts.contains("Regular meeting of heads of gover…")
                || size.0 < 1000
                || texts.iter().any(|t| t.starts_with("Regular meeting"))
        );
    }
}

#[test]
fn svg_text_is_escaped() {
    let loaded = bundled();
    let mut dataset = loaded.dataset.clone().unwrap();
    let hostile = "<script>alert(1)</script> & \"quotes\" \u{1b}[31m";
    let mut events = dataset.events().to_vec();
    events[0].title = hostile.into();
    dataset = Dataset::new(dataset.manifest.clone(), events);
    let selection = Selection::of_events(&dataset, 0..dataset.len());
    let svg = String::from_utf8(
        bytes(
            &dataset,
            &selection,
            Format::Svg,
            &options((4000, 900), PdfOptions::default()),
            now(),
        )
        .unwrap()
        .bytes,
    )
    .unwrap();
    assert!(!svg.contains("<script"), "raw markup in the SVG");
    let read = read_svg(&svg);
    assert!(
        read.texts
            .iter()
            .any(|t| t == "<script>alert(1)</script> & \"quotes\" [31m"),
        "{:?}",
        read.texts
    );
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Names of the fonts the PDF embeds, each checked to carry its font program.
fn embedded_fonts(doc: &lopdf::Document) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else {
            continue;
        };
        if dict.get(b"Type").and_then(lopdf::Object::as_name).ok() != Some(b"FontDescriptor") {
            continue;
        }
        let name =
            String::from_utf8_lossy(dict.get(b"FontName").unwrap().as_name().unwrap()).into_owned();
        assert!(
            [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
                .iter()
                .any(|k| dict.has(k)),
            "{name} is not embedded"
        );
        names.insert(name);
    }
    names
}

/// The titles of the outline's top-level bookmarks.
fn outline_titles(doc: &lopdf::Document) -> Vec<String> {
    let catalog = doc.catalog().unwrap();
    let outlines = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let mut titles = Vec::new();
    let mut next = outlines
        .get(b"First")
        .ok()
        .map(|o| o.as_reference().unwrap());
    while let Some(id) = next {
        let item = doc.get_dictionary(id).unwrap();
        let title = item.get(b"Title").unwrap().as_str().unwrap();
        titles.push(
            lopdf::decode_text_string(&lopdf::Object::String(
                title.to_vec(),
                lopdf::StringFormat::Literal,
            ))
            .unwrap(),
        );
        next = item.get(b"Next").ok().map(|o| o.as_reference().unwrap());
    }
    titles
}

fn info(doc: &lopdf::Document, key: &[u8]) -> String {
    let info = doc
        .get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
        .unwrap();
    lopdf::decode_text_string(info.get(key).unwrap()).unwrap()
}

#[test]
fn the_handout_pdf_reads_back_with_every_event_fonts_outline_and_metadata() {
    let loaded = bundled();
    let dataset = loaded.dataset.as_ref().unwrap();
    let selection = Selection::of_events(dataset, 0..dataset.len());
    for language in [Language::English, Language::Chinese, Language::Russian] {
        let written = bytes(
            dataset,
            &selection,
            Format::Pdf,
            &Options {
                language,
                ..options((1600, 900), PdfOptions::default())
            },
            now(),
        )
        .unwrap();
        let doc = lopdf::Document::load_mem(&written.bytes).expect("the PDF parses");
        let pages = doc.get_pages().len();
        assert!(pages >= 8, "{pages} pages");
        let fonts = embedded_fonts(&doc);
        // Subsets: six capital letters and a plus before the name.
        assert!(
            fonts.iter().all(|f| f.len() > 7 && f.as_bytes()[6] == b'+'),
            "{fonts:?}"
        );
        assert!(fonts.iter().any(|f| f.contains("Ubuntu")), "{fonts:?}");
        assert!(fonts.iter().any(|f| f.contains("NotoSansCJK")), "{fonts:?}");
        let text = pdf_text(&doc);
        // Every title, in the language of the handout (the bundled ones are in all three).
        for event in dataset.events() {
            let title = dataset.text(&event.title, language).text;
            assert!(text.contains(&squeeze(title)), "{title} missing");
        }
        // Names in the language asked for, Chinese and Cyrillic included.
        let li_qiang = match language {
            Language::English => "LiQiang",
            Language::Chinese => "李强",
            Language::Russian => "ЛиЦян",
        };
        assert!(text.contains(li_qiang), "{language:?}: {li_qiang}");
        // The handout's own words and its years in that language too (the PDF's text comes
        // without its spaces).
        let (count, generated, sources) = match language {
            Language::English => (
                "56events,1949–2025.",
                "Generatedon2025-06-15byAnnals.",
                "Sources",
            ),
            Language::Chinese => (
                "共56个事件，1949年至2025年。",
                "由Annals于2025-06-15生成。",
                "来源",
            ),
            Language::Russian => (
                "56событий(1949–2025гг.).",
                "СоздановAnnals2025-06-15.",
                "Источники",
            ),
        };
        assert!(text.contains(count), "{language:?}: {count}");
        assert!(text.contains(generated), "{language:?}: {generated}");
        let outline = outline_titles(&doc);
        assert_eq!(
            outline.len(),
            dataset.len() + 1,
            "one bookmark per event, and the sources"
        );
        let first = dataset.text(&dataset.events()[0].title, language).text;
        assert_eq!(outline[0], format!("1. {first}"));
        assert_eq!(outline.last().unwrap(), sources);
        assert_eq!(info(&doc, b"Title"), dataset.manifest.title.to_string());
        let catalog = doc.catalog().unwrap();
        assert_eq!(
            lopdf::decode_text_string(catalog.get(b"Lang").unwrap()).unwrap(),
            language.code()
        );
        // The sources' web addresses are links.
        let links: BTreeSet<String> = doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"Subtype").and_then(lopdf::Object::as_name).ok() == Some(b"Link"))
            .filter_map(|d| {
                let action = match d.get(b"A").ok()? {
                    lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok()?,
                    lopdf::Object::Dictionary(action) => action,
                    _ => return None,
                };
                lopdf::decode_text_string(action.get(b"URI").ok()?).ok()
            })
            .collect();
        assert!(
            links.contains("https://tass.com/politics/1830785"),
            "{links:?}"
        );
        assert!(links.iter().all(|l| l.starts_with("http")), "{links:?}");
        // Every page but the first has the running header; every page its number.
        assert!(text.contains(&format!("1/{pages}")) && text.contains(&format!("{pages}/{pages}")));
    }
}

#[test]
fn posters_are_one_large_page_or_tiles_with_crop_marks() {
    let loaded = bundled();
    let dataset = loaded.dataset.as_ref().unwrap();
    let selection = Selection::of_events(dataset, 0..dataset.len());
    let poster = |page: &str, tiles: &str| {
        let pdf = annals::export::pdf::options(
            PdfKind::Poster,
            Some(page),
            Some(annals::export::pdf::Orientation::Landscape),
            10.0,
            tiles,
            false,
        )
        .unwrap();
        let written = bytes(
            dataset,
            &selection,
            Format::Pdf,
            &options((0, 0), pdf),
            now(),
        )
        .unwrap();
        lopdf::Document::load_mem(&written.bytes).unwrap()
    };
    let one = poster("A1", "1x1");
    assert_eq!(one.get_pages().len(), 1);
    let (width, _) = first_page_size(&one);
    assert!((width - 841.0 * 72.0 / 25.4).abs() < 1.0, "{width}");
    let text = pdf_text(&one);
    assert!(text.contains("TreatyofGood-NeighbourlinessandFriendlyCooperation"));
    let outline = outline_titles(&one);
    assert!(outline.len() >= 40, "{} bookmarks", outline.len());

    let tiled = poster("A4", "2x2");
    assert_eq!(tiled.get_pages().len(), 4);
    // Every event drawn once is bookmarked once, on the page it is on.
    let outline = outline_titles(&tiled);
    assert_eq!(outline.iter().collect::<BTreeSet<_>>().len(), outline.len());
}

#[test]
fn a_deck_has_a_page_per_step_and_notes_pages_when_asked() {
    let loaded = bundled();
    let dataset = loaded.dataset.as_ref().unwrap();
    let selection = Selection::of_loaded(&loaded, Some("regular-meetings")).unwrap();
    let steps = selection.steps.as_ref().unwrap();
    let with_notes = steps.iter().filter(|s| !s.notes.is_empty()).count();
    for notes in [false, true] {
        let pdf =
            annals::export::pdf::options(PdfKind::Deck, None, None, 10.0, "1x1", notes).unwrap();
        let written = bytes(
            dataset,
            &selection,
            Format::Pdf,
            &options((0, 0), pdf),
            now(),
        )
        .unwrap();
        let doc = lopdf::Document::load_mem(&written.bytes).unwrap();
        let expected = steps.len() + if notes { with_notes } else { 0 };
        assert_eq!(doc.get_pages().len(), expected);
        let (w, h) = first_page_size(&doc);
        assert!((w / h - 16.0 / 9.0).abs() < 0.01, "{w}×{h}");
        assert_eq!(outline_titles(&doc).len(), steps.len());
        let text = pdf_text(&doc);
        assert!(text.contains("1/13") || text.contains(&format!("1/{}", steps.len())));
        assert!(!text.contains("PageDown"), "no key hints on paper");
    }
}
