//! The vis-timeline comparison items (`../shared/anchor-vis/items.js`), ported exactly: the
//! same `(n, seed)` gives the same items, and [`to_json`] writes the bytes `dump-items.mjs`
//! writes (a test checks their SHA-256 against the figures given there). [`write_dataset`]
//! turns them into a dataset folder: one category a group (lanes by category are vis-timeline's
//! groups), points as days, ranges as spans with inclusive ends.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use crate::model::date::{DayNumber, day_number, ymd_of_day};

/// Raise whenever [`write_dataset`] would write other files (caches are keyed by it).
pub const ANCHOR_VERSION: u32 = 1;

/// Days from 1900-01-01 to 2026-01-01 (exclusive): the years 1900 to 2025. (`items.js`'s
/// comment says 46020; the value it computes, and uses, is 46021.)
pub const SPAN_DAYS: u32 = 46_021;
/// vis-timeline's groups.
pub const GROUPS: u32 = 8;
const WORDS: [&str; 22] = [
    "treaty",
    "summit",
    "visit",
    "accord",
    "talks",
    "border",
    "trade",
    "envoy",
    "council",
    "pact",
    "mission",
    "forum",
    "dialogue",
    "charter",
    "protocol",
    "congress",
    "exchange",
    "railway",
    "pipeline",
    "memorandum",
    "delegation",
    "commission",
];

/// Day number of 1900-01-01, the first day items may start on.
pub fn span_start() -> DayNumber {
    day_number(1900, 1, 1)
}

/// mulberry32, as `items.js` writes it: floats in `[0, 1)`.
pub struct Mulberry32(u32);

impl Mulberry32 {
    pub fn new(seed: u32) -> Self {
        Self(seed)
    }

    pub fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x6D2B_79F5);
        let mut t = self.0;
        t = (t ^ (t >> 15)).wrapping_mul(t | 1);
        t ^= t.wrapping_add((t ^ (t >> 7)).wrapping_mul(t | 61));
        f64::from(t ^ (t >> 14)) / 4_294_967_296.0
    }

    /// `Math.floor(rnd() * n)`.
    fn below(&mut self, n: u32) -> u32 {
        (self.next_f64() * f64::from(n)).floor() as u32
    }
}

/// One item: a point (one day) or a range of `days` days.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub id: u32,
    pub group: u32,
    pub content: String,
    /// Days after 1900-01-01.
    pub start: u32,
    /// A range's length in days (its exclusive end is `start + days`); `None` for a point.
    pub days: Option<u32>,
}

/// `makeItems(n, seed)`.
pub fn make_items(n: usize, seed: u32) -> Vec<Item> {
    let mut rnd = Mulberry32::new(seed);
    (0..n as u32)
        .map(|i| {
            let is_range = i % 10 < 3;
            let days = is_range.then(|| 1 + rnd.below(730));
            let start = rnd.below(SPAN_DAYS - days.unwrap_or(0));
            let group = rnd.below(GROUPS);
            let len = 10 + rnd.below(31) as usize;
            let mut content = format!("#{i}");
            while content.len() < len {
                content.push(' ');
                content.push_str(WORDS[rnd.below(WORDS.len() as u32) as usize]);
            }
            content.truncate(len);
            if content.ends_with(' ') {
                content.pop();
                content.push('.');
            }
            Item {
                id: i,
                group,
                content,
                start,
                days,
            }
        })
        .collect()
}

/// `YYYY-MM-DD` of a day counted from 1900-01-01.
fn ymd(offset: u32) -> String {
    let (y, m, d) = ymd_of_day(span_start() + DayNumber::from(offset)).expect("a day after 1900");
    format!("{y:04}-{m:02}-{d:02}")
}

/// The text `node dump-items.mjs n seed` writes (compact JSON and a line break).
pub fn to_json(items: &[Item], seed: u32) -> String {
    let mut out = String::with_capacity(items.len() * 120 + 256);
    let _ = write!(
        out,
        r#"{{"n":{},"seed":{seed},"span":{{"start":"1900-01-01","end":"2026-01-01"}},"groups":["#,
        items.len()
    );
    for g in 0..GROUPS {
        let comma = if g > 0 { "," } else { "" };
        let _ = write!(out, r#"{comma}{{"id":{g},"content":"Group {}"}}"#, g + 1);
    }
    out.push_str(r#"],"items":["#);
    for (k, it) in items.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        // The titles are ASCII letters, digits, '#', '.' and spaces: nothing to escape.
        let kind = if it.days.is_some() { "range" } else { "point" };
        let _ = write!(
            out,
            r#"{{"id":{},"group":{},"type":"{kind}","content":"{}","start":"{}""#,
            it.id,
            it.group,
            it.content,
            ymd(it.start)
        );
        if let Some(days) = it.days {
            let _ = write!(out, r#","end":"{}""#, ymd(it.start + days));
        }
        out.push('}');
    }
    out.push_str("]}\n");
    out
}

/// Events a file, as `annals generate` writes them.
const EVENTS_PER_FILE: usize = 10_000;

const COLOURS: [&str; GROUPS as usize] = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f",
];

/// Write `items` as a dataset folder (which must be empty or absent): a manifest with one
/// category a group ("Group 1"…"Group 8") and event files of 10,000 records. Each record
/// cites one source so that the check has nothing to say.
pub fn write_dataset(out_dir: &Path, items: &[Item]) -> io::Result<()> {
    if std::fs::read_dir(out_dir).is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("`{}` is not empty", out_dir.display()),
        ));
    }
    std::fs::create_dir_all(out_dir)?;
    let write = |path: &Path, text: &str| {
        crate::store::save::write_atomic(path, text.as_bytes()).map_err(io::Error::other)
    };
    let mut manifest = String::from(
        "// The vis-timeline comparison items (anchor-vis/items.js).\n(\n    title: \"vis-timeline anchor\",\n    categories: [\n",
    );
    for g in 0..GROUPS {
        let _ = writeln!(
            manifest,
            "        (id: \"group-{g}\", label: \"Group {}\", colour: \"{}\"),",
            g + 1,
            COLOURS[g as usize]
        );
    }
    manifest.push_str("    ],\n)\n");
    write(&out_dir.join("manifest.ron"), &manifest)?;
    let mut text = String::with_capacity(EVENTS_PER_FILE * 160);
    for (chunk_index, chunk) in items.chunks(EVENTS_PER_FILE).enumerate() {
        text.clear();
        text.push_str("[\n");
        for it in chunk {
            let when = match it.days {
                None => ymd(it.start),
                // Inclusive end: the last day of the range.
                Some(days) => format!("{}/{}", ymd(it.start), ymd(it.start + days - 1)),
            };
            let _ = writeln!(
                text,
                "    (id: \"item-{}\", title: \"{}\", when: \"{when}\", kind: \"group-{}\", sources: [(publisher: \"anchor\")]),",
                it.id, it.content, it.group
            );
        }
        text.push_str("]\n");
        write(
            &out_dir.join(format!("items-{:04}.ron", chunk_index + 1)),
            &text,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SHA-256 (FIPS 180-4), enough to compare with `dump-items.mjs`.
    fn sha256(data: &[u8]) -> String {
        const K: [u32; 64] = [
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
            0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
            0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
            0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
            0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
            0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
            0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
            0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
            0xc67178f2,
        ];
        let mut h: [u32; 8] = [
            0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
            0x5be0cd19,
        ];
        let mut msg = data.to_vec();
        msg.push(0x80);
        while msg.len() % 64 != 56 {
            msg.push(0);
        }
        msg.extend_from_slice(&((data.len() as u64) * 8).to_be_bytes());
        for block in msg.chunks(64) {
            let mut w = [0u32; 64];
            for (i, word) in block.chunks(4).enumerate() {
                w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
            }
            for i in 16..64 {
                let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
                let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
                w[i] = w[i - 16]
                    .wrapping_add(s0)
                    .wrapping_add(w[i - 7])
                    .wrapping_add(s1);
            }
            let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
            for i in 0..64 {
                let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
                let ch = (e & f) ^ (!e & g);
                let t1 = hh
                    .wrapping_add(s1)
                    .wrapping_add(ch)
                    .wrapping_add(K[i])
                    .wrapping_add(w[i]);
                let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
                let maj = (a & b) ^ (a & c) ^ (b & c);
                let t2 = s0.wrapping_add(maj);
                hh = g;
                g = f;
                f = e;
                e = d.wrapping_add(t1);
                d = c;
                c = b;
                b = a;
                a = t1.wrapping_add(t2);
            }
            for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
                *x = x.wrapping_add(y);
            }
        }
        h.iter().map(|x| format!("{x:08x}")).collect()
    }

    #[test]
    fn sha256_is_right() {
        assert_eq!(
            sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            sha256(&[b'a'; 1000]),
            "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"
        );
    }

    #[test]
    fn the_port_writes_what_dump_items_writes() {
        // The SHA-256 figures given in anchor-vis/README.md for `node dump-items.mjs N`.
        for (n, expected) in [
            (
                1_000,
                "106ff3546307c7027e97e66ab2794f7ae229c4281a3d96c6870ccd923a9ce5a6",
            ),
            (
                10_000,
                "b99685f149c669600aa1cbf51eac18a85116e82dd766bd735c8551627e8011cd",
            ),
            (
                100_000,
                "19c153d6d7ccb0aad4e227736c1d8523de1ec90f3b58518c36d5c43f025ced56",
            ),
        ] {
            assert_eq!(
                sha256(to_json(&make_items(n, 1), 1).as_bytes()),
                expected,
                "n = {n}"
            );
        }
    }

    #[test]
    fn the_dataset_loads_cleanly_with_every_item() {
        let dir = tempfile::tempdir().unwrap();
        let items = make_items(2_000, 1);
        write_dataset(dir.path(), &items).unwrap();
        let loaded = crate::store::load_dataset(dir.path());
        assert!(loaded.diagnostics.is_empty(), "{}", loaded.diagnostics[0]);
        let dataset = loaded.dataset.unwrap();
        assert_eq!(dataset.len(), 2_000);
        let e = dataset.by_id("item-0").unwrap();
        assert_eq!(e.title.to_string(), items[0].content);
        let first = span_start() + DayNumber::from(items[0].start);
        let days = items[0].days.unwrap();
        assert_eq!(
            (e.when.earliest_day(), e.when.latest_day()),
            (first, first + DayNumber::from(days) - 1)
        );
        assert_eq!(dataset.manifest.categories.len(), GROUPS as usize);
    }
}
