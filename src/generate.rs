//! Synthetic datasets for benchmarks and stress tests: valid, reproducible from a seed, and
//! shaped like real curated histories (mostly days, some months and years, spans, uncertain
//! and approximate dates, a few open ends; series with ordinals; titles and summaries of
//! varied length; names in three scripts).

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use crate::model::date::{CalendarDate, day_number, ymd_of_day};

pub mod anchor;

/// The generator's version: raise it whenever a change would generate different data, so
/// caches of generated datasets (the benchmarks' `target/bench-data`) are made again.
pub const GENERATOR_VERSION: u32 = 2;

/// Events written to each generated file.
pub(crate) const EVENTS_PER_FILE: usize = 10_000;

/// A small, fast, reproducible random number generator (SplitMix64).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// True with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "meeting",
    "talks",
    "agreement",
    "visit",
    "summit",
    "forum",
    "commission",
    "trade",
    "energy",
    "pipeline",
    "railway",
    "bridge",
    "exhibition",
    "festival",
    "treaty",
    "protocol",
    "delegation",
    "consultations",
    "exchange",
    "cooperation",
    "investment",
    "memorandum",
    "declaration",
    "border",
    "river",
    "culture",
    "science",
    "education",
    "youth",
    "tourism",
    "finance",
    "customs",
    "agriculture",
    "aviation",
    "space",
    "health",
    "statement",
    "anniversary",
    "conference",
    "dialogue",
    "committee",
    "session",
    "partnership",
    "programme",
    "plan",
];
const GIVEN: &[(&str, &str, &str)] = &[
    ("Wei", "伟", "Вэй"),
    ("Fang", "芳", "Фан"),
    ("Lei", "磊", "Лэй"),
    ("Jing", "静", "Цзин"),
    ("Ivan", "伊万", "Иван"),
    ("Olga", "奥尔加", "Ольга"),
    ("Pavel", "帕维尔", "Павел"),
    ("Anna", "安娜", "Анна"),
    ("Hua", "华", "Хуа"),
    ("Ming", "明", "Мин"),
];
const FAMILY: &[(&str, &str, &str)] = &[
    ("Wang", "王", "Ван"),
    ("Li", "李", "Ли"),
    ("Zhang", "张", "Чжан"),
    ("Liu", "刘", "Лю"),
    ("Ivanov", "伊万诺夫", "Иванов"),
    ("Petrova", "彼得罗娃", "Петрова"),
    ("Sokolov", "索科洛夫", "Соколов"),
    ("Chen", "陈", "Чэнь"),
    ("Zhao", "赵", "Чжао"),
    ("Orlova", "奥尔洛娃", "Орлова"),
];
const COUNTRIES: &[(&str, &str, &str, &str)] = &[
    ("CN", "China", "中国", "Китай"),
    ("RU", "Russia", "俄罗斯", "Россия"),
    ("KZ", "Kazakhstan", "哈萨克斯坦", "Казахстан"),
    ("MN", "Mongolia", "蒙古国", "Монголия"),
    ("IN", "India", "印度", "Индия"),
];
const CATEGORIES: &[(&str, &str, &str)] = &[
    ("meeting", "Meeting", "#1f77b4"),
    ("visit", "Visit or summit", "#d62728"),
    ("agreement", "Agreement", "#2ca02c"),
    ("diplomacy", "Diplomatic milestone", "#9467bd"),
    ("culture", "Culture", "#ff7f0e"),
    ("trade", "Trade", "#8c564b"),
    ("science", "Science", "#17becf"),
    ("security", "Security", "#7f7f7f"),
];

/// Shape of a generated dataset.
#[derive(Clone, Copy, Debug)]
pub struct GenerateOptions {
    pub events: usize,
    pub seed: u64,
    /// First and last year of the events.
    pub years: (i32, i32),
}

impl GenerateOptions {
    pub fn new(events: usize, seed: u64) -> Self {
        Self {
            events,
            seed,
            years: (1700, 2030),
        }
    }
}

const PEOPLE: usize = 400;
const PLACES: usize = 150;
const SERIES: usize = 25;

/// Write a dataset folder at `out_dir`: `manifest.ron` and `events-NNNN.ron` files.
/// A folder that holds anything is refused, so an existing dataset is never overwritten.
pub fn generate(out_dir: &Path, options: &GenerateOptions) -> io::Result<()> {
    if fs::read_dir(out_dir).is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "`{}` is not empty; generate into a new folder",
                out_dir.display()
            ),
        ));
    }
    fs::create_dir_all(out_dir)?;
    let write = |path: &Path, text: &str| {
        crate::store::save::write_atomic(path, text.as_bytes()).map_err(io::Error::other)
    };
    let mut rng = Rng::new(options.seed);
    write(&out_dir.join("manifest.ron"), &manifest(&mut rng))?;

    let first = day_number(options.years.0, 1, 1);
    let last = day_number(options.years.1, 12, 31);
    // Days first, sorted, so series ordinals follow time.
    let mut days: Vec<i64> = (0..options.events)
        .map(|_| {
            // Denser towards the present: square a uniform sample.
            let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
            first + ((1.0 - u * u) * (last - first) as f64) as i64
        })
        .collect();
    days.sort_unstable();
    let mut next_ordinal = [0u32; SERIES];

    let mut text = String::with_capacity(EVENTS_PER_FILE * 700);
    for (chunk_index, chunk) in days.chunks(EVENTS_PER_FILE).enumerate() {
        text.clear();
        text.push_str("// Generated by `annals generate`; synthetic data for benchmarks.\n[\n");
        for (i, &day) in chunk.iter().enumerate() {
            let n = chunk_index * EVENTS_PER_FILE + i;
            write_event(&mut text, &mut rng, n, day, last, &mut next_ordinal);
        }
        text.push_str("]\n");
        write(
            &out_dir.join(format!("events-{:04}.ron", chunk_index + 1)),
            &text,
        )?;
    }
    Ok(())
}

fn manifest(rng: &mut Rng) -> String {
    let mut m =
        String::from("// Generated by `annals generate`.\n(\n    title: \"Synthetic history\",\n");
    m.push_str("    description: \"A generated dataset for benchmarks and stress tests.\",\n    countries: [\n");
    for (code, en, zh, ru) in COUNTRIES {
        let _ = writeln!(
            m,
            "        (code: \"{code}\", name: (en: \"{en}\", zh: \"{zh}\", ru: \"{ru}\")),"
        );
    }
    m.push_str("    ],\n    people: [\n");
    for p in 0..PEOPLE {
        let g = rng.pick(GIVEN);
        let f = rng.pick(FAMILY);
        let country = COUNTRIES[p % 2].0;
        let _ = writeln!(
            m,
            "        (id: \"p{p}\", name: (en: \"{} {} {p}\", zh: \"{}{}{p}\", ru: \"{} {} {p}\"), role: \"Official\", country: \"{country}\"),",
            g.0, f.0, f.1, g.1, g.2, f.2
        );
    }
    m.push_str("    ],\n    places: [\n");
    for p in 0..PLACES {
        let country = rng.pick(COUNTRIES).0;
        let _ = writeln!(
            m,
            "        (id: \"pl{p}\", name: (en: \"Place {p}\", zh: \"地点{p}\", ru: \"Место {p}\"), country: \"{country}\"),"
        );
    }
    m.push_str("    ],\n    categories: [\n");
    for (id, label, colour) in CATEGORIES {
        let _ = writeln!(
            m,
            "        (id: \"{id}\", label: \"{label}\", colour: \"{colour}\"),"
        );
    }
    m.push_str("    ],\n    series: [\n");
    for s in 0..SERIES {
        let _ = writeln!(
            m,
            "        (id: \"s{s}\", title: \"Series {s}\", item: \"session\"),"
        );
    }
    m.push_str("    ],\n)\n");
    m
}

fn words(rng: &mut Rng, min: usize, max: usize, out: &mut String) {
    let n = min + rng.below((max - min + 1) as u64) as usize;
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        let word: &&str = rng.pick(WORDS);
        out.push_str(word);
    }
}

fn edtf(day: i64, precision: u64) -> String {
    let Some((y, m, d)) = ymd_of_day(day) else {
        return "2000".to_owned();
    };
    let date = match precision {
        0 => CalendarDate::new(y, Some(m), Some(d)),
        1 => CalendarDate::new(y, Some(m), None),
        _ => CalendarDate::new(y, None, None),
    };
    let date = date.expect("a real date");
    crate::model::date::EventDate::Single(crate::model::date::Bound::exact(date)).to_edtf()
}

fn write_event(
    out: &mut String,
    rng: &mut Rng,
    n: usize,
    day: i64,
    last_day: i64,
    ordinals: &mut [u32; SERIES],
) {
    // One event in ten belongs to a series; those are dated to the day so that ordinals and
    // dates agree. The rest: 75 % days, 12 % months, 6 % years, 7 % spans of days.
    let series = rng.chance(0.1).then(|| rng.below(SERIES as u64) as usize);
    let roll = if series.is_some() { 0 } else { rng.below(100) };
    let mut when = match roll {
        0..75 => edtf(day, 0),
        75..87 => edtf(day, 1),
        87..93 => edtf(day, 2),
        _ => {
            let end = (day + 1 + rng.below(20) as i64).min(last_day);
            // Open ends mark things still under way: only recent events get them.
            if day > last_day - 40 * 365 && rng.chance(0.02) {
                format!("{}/..", edtf(day, 0))
            } else {
                format!("{}/{}", edtf(day, 0), edtf(end, 0))
            }
        }
    };
    if !when.contains('/') {
        match rng.below(100) {
            0..3 => when.push('?'),
            3..5 => when.push('~'),
            _ => {}
        }
    }
    let (category, _, _) = *rng.pick(CATEGORIES);
    let _ = write!(out, "    (\n        id: \"ev{n}\",\n        title: \"");
    let mut title = String::new();
    words(rng, 2, 9, &mut title);
    let mut chars = title.chars();
    if let Some(c) = chars.next() {
        out.extend(c.to_uppercase());
        out.push_str(chars.as_str());
    }
    let _ = write!(
        out,
        " {n}\",\n        when: \"{when}\",\n        kind: \"{category}\",\n"
    );
    if rng.chance(0.8) {
        let _ = writeln!(out, "        place: \"pl{}\",", rng.below(PLACES as u64));
    }
    let people = rng.below(5);
    if people > 0 {
        out.push_str("        participants: [");
        for i in 0..people {
            if i > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "\"p{}\"", rng.below(PEOPLE as u64));
        }
        out.push_str("],\n");
    }
    out.push_str("        summary: \"");
    words(rng, 6, 50, out);
    out.push_str(".\",\n        sources: [");
    for i in 0..1 + rng.below(2) {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(
            out,
            "(publisher: \"Agency {}\", url: \"https://example.org/{n}/{i}\", published: \"{}\")",
            rng.below(30),
            edtf(day + rng.below(5) as i64, 0)
        );
    }
    out.push_str("],\n");
    let status = [
        "verified",
        "verified",
        "verified",
        "single_source",
        "unverified",
    ][rng.below(5) as usize];
    let _ = writeln!(out, "        status: {status},");
    if let Some(s) = series {
        ordinals[s] += 1;
        let _ = writeln!(
            out,
            "        series: (id: \"s{s}\", ordinal: {}),",
            ordinals[s]
        );
    }
    if n > 0 && rng.chance(0.1) {
        let _ = writeln!(out, "        related: [\"ev{}\"],", rng.below(n as u64));
    }
    if rng.chance(0.3) {
        let _ = writeln!(out, "        tags: [\"{}\"],", rng.pick(WORDS));
    }
    out.push_str("    ),\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_of_output_comes_with_a_new_version() {
        // If this fails, the generator now writes other data: raise GENERATOR_VERSION (so the
        // benchmarks' cached datasets are made again) and record the new fingerprint here.
        let dir = tempfile::tempdir().unwrap();
        generate(dir.path(), &GenerateOptions::new(1_500, 1)).unwrap();
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        let mut all = Vec::new();
        for name in names {
            all.extend(fs::read(dir.path().join(name)).unwrap());
        }
        // FNV-1a: a fingerprint that no toolchain change can move.
        let fingerprint = all.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        assert_eq!(
            (GENERATOR_VERSION, fingerprint),
            (2, 12_001_534_564_609_015_359),
            "fingerprint {fingerprint}"
        );
    }

    #[test]
    fn generated_datasets_are_valid_and_reproducible() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let options = GenerateOptions::new(2_500, 7);
        generate(a.path(), &options).unwrap();
        generate(b.path(), &options).unwrap();
        let text = |dir: &Path| fs::read_to_string(dir.join("events-0001.ron")).unwrap();
        assert_eq!(text(a.path()), text(b.path()));

        let loaded = crate::store::load_dataset(a.path());
        assert_eq!(loaded.error_count(), 0, "{}", loaded.diagnostics[0]);
        let dataset = loaded.dataset.unwrap();
        assert_eq!(dataset.len(), 2_500);
        let spans = dataset.events().iter().filter(|e| e.when.is_span()).count();
        let months = dataset
            .events()
            .iter()
            .filter(|e| e.when.precision() == crate::model::date::Precision::Month)
            .count();
        assert!(
            spans > 50 && months > 100,
            "a mix of shapes: {spans} spans, {months} months"
        );
    }
}
