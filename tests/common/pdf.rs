//! Reading exported PDFs back: the text of every page through the fonts' ToUnicode maps, as
//! a reader's search finds it, and the size of the first page. Shared by tests/vector.rs,
//! tests/export_lang.rs and tests/ui.rs (`#[path = "common/pdf.rs"] mod pdf;`).

#![allow(dead_code)] // each test file uses its own share of these

use std::collections::BTreeMap;

/// The code → text map of a font's ToUnicode CMap (`bfchar` and `bfrange` entries).
pub fn to_unicode(doc: &lopdf::Document, font: &lopdf::Dictionary) -> BTreeMap<u32, String> {
    let mut map = BTreeMap::new();
    let Ok(reference) = font.get(b"ToUnicode").and_then(lopdf::Object::as_reference) else {
        return map;
    };
    let stream = doc.get_object(reference).unwrap().as_stream().unwrap();
    let text = String::from_utf8_lossy(&stream.decompressed_content().unwrap()).into_owned();
    let hex = |h: &str| u32::from_str_radix(h.trim_matches(['<', '>']), 16).unwrap();
    let utf16 = |h: &str| {
        let h = h.trim_matches(['<', '>']);
        let units: Vec<u16> = (0..h.len())
            .step_by(4)
            .map(|i| u16::from_str_radix(&h[i..i + 4], 16).unwrap())
            .collect();
        String::from_utf16(&units).unwrap()
    };
    let mut section = "";
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            [_, "beginbfchar"] => section = "char",
            [_, "beginbfrange"] => section = "range",
            ["endbfchar"] | ["endbfrange"] => section = "",
            [code, target] if section == "char" => {
                map.insert(hex(code), utf16(target));
            }
            [from, to, target] if section == "range" && target.starts_with('<') => {
                let first = utf16(target).chars().next().unwrap() as u32;
                for (k, code) in (hex(from)..=hex(to)).enumerate() {
                    map.insert(code, char::from_u32(first + k as u32).unwrap().to_string());
                }
            }
            _ => {}
        }
    }
    map
}

/// Text of every page as the fonts' ToUnicode maps say, whitespace removed (lines wrap
/// anywhere): what a reader's search finds.
pub fn pdf_text(doc: &lopdf::Document) -> String {
    let mut out = String::new();
    for (_, page) in doc.get_pages() {
        let fonts: BTreeMap<Vec<u8>, BTreeMap<u32, String>> = doc
            .get_page_fonts(page)
            .unwrap()
            .into_iter()
            .map(|(name, font)| (name, to_unicode(doc, font)))
            .collect();
        let content =
            lopdf::content::Content::decode(&doc.get_page_content(page).unwrap()).unwrap();
        let mut current: Option<&BTreeMap<u32, String>> = None;
        let mut show = |bytes: &[u8], map: Option<&BTreeMap<u32, String>>| {
            for pair in bytes.chunks(2) {
                let code = pair.iter().fold(0u32, |a, &b| a << 8 | u32::from(b));
                if let Some(text) = map.and_then(|m| m.get(&code)) {
                    out.push_str(text);
                }
            }
        };
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => current = fonts.get(op.operands[0].as_name().unwrap()),
                "Tj" => show(op.operands[0].as_str().unwrap(), current),
                "TJ" => {
                    for part in op.operands[0].as_array().unwrap() {
                        if let Ok(bytes) = part.as_str() {
                            show(bytes, current);
                        }
                    }
                }
                _ => {}
            }
        }
        out.push('\n');
    }
    out.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Width and height of the first page.
pub fn first_page_size(doc: &lopdf::Document) -> (f32, f32) {
    let page = doc
        .get_dictionary(*doc.get_pages().values().next().unwrap())
        .unwrap();
    let media: Vec<f32> = page
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_float().unwrap())
        .collect();
    (media[2] - media[0], media[3] - media[1])
}
