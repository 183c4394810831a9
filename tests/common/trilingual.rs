//! A small dataset whose every reader-visible text is written in English, Chinese and Russian
//! (the manifest's title, description, category labels, series, period, roles; the records;
//! a picture's caption and alternative text; a storyline), but one category label
//! ("Treaties") and one role left in English only, to see the fallback marker where a
//! text is missing.

#![allow(dead_code)] // each test file uses its own share of these

use std::path::Path;

pub const MANIFEST: &str = r##"// A manifest in three languages.
(
    title: (en: "Neighbours at work", zh: "睦邻合作", ru: "Соседи за работой"),
    language: "en",
    description: (
        en: "A small record of meetings.",
        zh: "一份关于会晤的小记录。",
        ru: "Небольшая летопись встреч.",
    ),
    countries: [
        (code: "CN", name: (en: "China", zh: "中国", ru: "Китай")),
        (code: "RU", name: (en: "Russia", zh: "俄罗斯", ru: "Россия")),
    ],
    people: [
        (
            id: "li-qiang",
            name: (en: "Li Qiang", zh: "李强", ru: "Ли Цян"),
            role: (en: "Premier of the State Council", zh: "国务院总理", ru: "Премьер Госсовета КНР"),
            country: "CN",
        ),
        (
            id: "mikhail-mishustin",
            name: (en: "Mikhail Mishustin", zh: "米舒斯京", ru: "Михаил Мишустин"),
            role: "Chairman of the Government",
            country: "RU",
        ),
    ],
    places: [(id: "moscow", name: (en: "Moscow", zh: "莫斯科", ru: "Москва"), country: "RU")],
    categories: [
        (id: "regular-meeting", label: (en: "Regular meeting", zh: "定期会晤", ru: "Регулярная встреча"), colour: "#c0392b"),
        (id: "visit", label: (en: "Visit or summit", zh: "访问与峰会", ru: "Визит или саммит"), colour: "#2e86c1"),
        (id: "agreement", label: "Treaties", colour: "#27ae60"),
    ],
    series: [
        (
            id: "hog-regular",
            title: (en: "Meetings of heads of government", zh: "总理定期会晤", ru: "Встречи глав правительств"),
            item: (en: "regular meeting", zh: "定期会晤", ru: "регулярная встреча"),
        ),
    ],
    periods: [
        (id: "culture", title: (en: "Years of Culture", zh: "文化年", ru: "Годы культуры"), when: "2014/2025", colour: "#8e44ad"),
    ],
)
"##;

pub const EVENTS: &str = r#"[
    (
        id: "hog-28",
        title: (en: "28th regular meeting", zh: "第二十八次定期会晤", ru: "28-я регулярная встреча"),
        when: "2023-12-20",
        kind: "regular-meeting",
        place: "moscow",
        participants: ["li-qiang", "mikhail-mishustin"],
        summary: (en: "Talks in Moscow.", zh: "在莫斯科会谈。", ru: "Переговоры в Москве."),
        sources: [(publisher: "TASS", title: (en: "Talks", zh: "会谈", ru: "Переговоры"))],
        status: verified,
        series: (id: "hog-regular", ordinal: 28),
    ),
    (
        id: "hog-29",
        title: (en: "29th regular meeting", zh: "第二十九次定期会晤", ru: "29-я регулярная встреча"),
        when: "2024-08-21",
        kind: "regular-meeting",
        place: "moscow",
        participants: ["li-qiang", "mikhail-mishustin"],
        summary: (en: "Talks in Moscow again.", zh: "再次在莫斯科会谈。", ru: "Снова переговоры в Москве."),
        sources: [(publisher: "TASS")],
        media: [
            (
                file: "media/talks.png",
                caption: (en: "The talks", zh: "会谈现场", ru: "Переговоры"),
                alt: (en: "Two delegations at a long table", zh: "长桌两侧的两国代表团", ru: "Две делегации за длинным столом"),
            ),
        ],
        status: verified,
        series: (id: "hog-regular", ordinal: 29),
    ),
    (
        id: "visit-2024",
        title: (en: "State visit", zh: "国事访问", ru: "Государственный визит"),
        when: "2024-05-16",
        kind: "visit",
        place: "moscow",
        summary: (en: "A visit.", zh: "一次访问。", ru: "Визит."),
        sources: [(publisher: "Xinhua")],
        status: verified,
    ),
    (
        id: "treaty-2001",
        title: (en: "Treaty signed", zh: "签署条约", ru: "Подписан договор"),
        when: "2001-07-16",
        kind: "agreement",
        sources: [(publisher: "Xinhua")],
        status: verified,
    ),
]
"#;

pub const STORYLINE: &str = r#"(
    title: (en: "Two meetings", zh: "两次会晤", ru: "Две встречи"),
    description: (en: "From one meeting to the next.", zh: "从一次会晤到下一次。", ru: "От встречи к встрече."),
    steps: [
        (event: "hog-28", caption: (en: "The first", zh: "第一次", ru: "Первая"), notes: (en: "Say why.", zh: "说明原因。", ru: "Объясните почему.")),
        (event: "hog-29", caption: (en: "The second", zh: "第二次", ru: "Вторая"), notes: (en: "Then this.", zh: "然后讲这个。", ru: "Затем это.")),
    ],
)
"#;

/// A 2×2 PNG, made by hand (a picture file for the record's `media`).
fn tiny_png() -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, 2, 2);
        encoder.set_color(png::ColorType::Rgb);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&[200u8; 12]).unwrap();
    }
    out
}

/// The dataset written into `root`.
pub fn write_trilingual(root: &Path) {
    std::fs::create_dir_all(root.join("briefings")).unwrap();
    std::fs::create_dir_all(root.join("media")).unwrap();
    std::fs::write(root.join("manifest.ron"), MANIFEST).unwrap();
    std::fs::write(root.join("events.ron"), EVENTS).unwrap();
    std::fs::write(root.join("briefings/two-meetings.ron"), STORYLINE).unwrap();
    std::fs::write(root.join("media/talks.png"), tiny_png()).unwrap();
}

/// The dataset in a scratch folder.
pub fn trilingual() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_trilingual(dir.path());
    dir
}

/// The English labels of the manifest that have a translation: none of them may reach a
/// reader of Chinese or Russian.
pub const TRANSLATED_ENGLISH: &[&str] = &[
    "Neighbours at work",
    "A small record of meetings",
    "Premier of the State Council",
    "Regular meeting",
    "Visit or summit",
    "Meetings of heads of government",
    "regular meeting",
    "Years of Culture",
    "Two meetings",
    "From one meeting to the next",
    "Two delegations",
];
