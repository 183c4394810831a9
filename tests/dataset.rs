//! The bundled dataset (`data/china-russia`) as a record: every regular meeting of the heads of
//! government once, in order; every event sourced; statuses that match their sources; people
//! named in English, Chinese and Russian; storylines that check.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use annals::model::Status;
use annals::model::dataset::Dataset;
use annals::store::{Loaded, load_dataset};

/// The series of regular meetings of the Chinese and Russian heads of government.
const REGULAR_MEETINGS: &str = "hog-regular";
/// How many regular meetings have been held: the 1st in December 1996, the 30th in November 2025.
const MEETINGS: u32 = 30;

/// Official sites: a source whose URL is on one of these hosts (or a subdomain of one) counts
/// as an authoritative official source, enough on its own to call an event verified.
const OFFICIAL_HOSTS: &[&str] = &[
    // Chinese government and ministries: gov.cn covers fmprc.gov.cn, mfa.gov.cn (with the
    // embassies' pages under mfa.gov.cn/ce/), english.gov.cn and china-office.gov.cn.
    "gov.cn",
    // Chinese embassies' and consulates' own sites of the time (lt.china-embassy.org, ...).
    "china-embassy.org",
    "chineseembassy.org",
    "china-consulate.org",
    // Government of the Russian Federation, with archive.government.ru and the 2008–2012
    // prime minister's site archive.premier.gov.ru.
    "government.ru",
    "premier.gov.ru",
    // President of Russia (kremlin.ru, en.kremlin.ru, en.special.kremlin.ru).
    "kremlin.ru",
    // Russian foreign ministry.
    "mid.ru",
];

fn bundled() -> Loaded {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/china-russia");
    load_dataset(&path)
}

fn dataset() -> Dataset {
    let loaded = bundled();
    assert_eq!(loaded.error_count(), 0, "{:#?}", loaded.diagnostics);
    loaded.dataset.expect("the bundled dataset loads")
}

/// The host of an http(s) URL, lower-case, without port or user.
fn host(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then(|| host.to_owned())
}

fn is_official(url: &str) -> bool {
    host(url).is_some_and(|h| {
        OFFICIAL_HOSTS
            .iter()
            .any(|o| h == *o || h.ends_with(&format!(".{o}")))
    })
}

#[test]
fn official_hosts_are_recognised_by_host_not_by_text() {
    assert!(is_official(
        "https://www.fmprc.gov.cn/mfa_eng/200011/t20001122_557283.html"
    ));
    assert!(is_official("http://archive.premier.gov.ru/eng/visits/"));
    assert!(is_official("http://m.government.ru/en/news/29986/"));
    assert!(is_official("https://en.special.kremlin.ru/events/"));
    assert!(is_official("http://lt.china-embassy.org/eng/xwdt/"));
    assert!(!is_official("https://tass.com/politics/1830785"));
    assert!(!is_official("https://notgovernment.ru/"));
    assert!(!is_official("https://example.com/government.ru"));
    assert!(!is_official("ftp://government.ru/"));
}

#[test]
fn the_bundled_dataset_checks_without_errors_or_warnings() {
    let loaded = bundled();
    assert_eq!(loaded.error_count(), 0, "{:#?}", loaded.diagnostics);
    assert_eq!(loaded.warning_count(), 0, "{:#?}", loaded.diagnostics);
}

#[test]
fn the_regular_meetings_are_numbered_1_to_30_once_each_in_date_order() {
    let ds = dataset();
    let mut by_ordinal: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
    for event in ds.events() {
        if let Some(series) = event.series.as_ref().filter(|s| s.id == REGULAR_MEETINGS) {
            let ordinal = series
                .ordinal
                .unwrap_or_else(|| panic!("{} has no ordinal", event.id));
            by_ordinal.entry(ordinal).or_default().push(&event.id);
        }
    }
    let ordinals: Vec<u32> = by_ordinal.keys().copied().collect();
    assert_eq!(ordinals, (1..=MEETINGS).collect::<Vec<_>>());
    for (ordinal, ids) in &by_ordinal {
        assert_eq!(ids.len(), 1, "number {ordinal} is held by {ids:?}");
    }

    // In chronological order the ordinals count up, and every meeting is later than the last.
    let members = ds.series_events(REGULAR_MEETINGS);
    assert_eq!(members.len(), MEETINGS as usize);
    let meetings: Vec<_> = members.iter().map(|&i| &ds.events()[i]).collect();
    for (k, event) in meetings.iter().enumerate() {
        let ordinal = event.series.as_ref().unwrap().ordinal.unwrap();
        assert_eq!(ordinal as usize, k + 1, "{} is out of order", event.id);
        assert_eq!(
            *event.id,
            format!("hog-{ordinal:02}"),
            "id follows the ordinal"
        );
    }
    for pair in meetings.windows(2) {
        assert!(
            pair[0].when.latest_day() < pair[1].when.earliest_day(),
            "{} ({}) is not before {} ({})",
            pair[0].id,
            pair[0].when.human(),
            pair[1].id,
            pair[1].when.human()
        );
    }
}

#[test]
fn every_regular_meeting_has_a_place_and_both_heads_of_government() {
    let ds = dataset();
    for &i in ds.series_events(REGULAR_MEETINGS) {
        let event = &ds.events()[i];
        assert!(event.place.is_some(), "{} has no place", event.id);
        let countries: Vec<&str> = event
            .participants
            .iter()
            .map(|p| {
                ds.person(p)
                    .and_then(|p| p.country.as_deref())
                    .unwrap_or_else(|| panic!("{}: {p} has no country", event.id))
            })
            .collect();
        assert_eq!(
            countries,
            ["CN", "RU"],
            "{}: one head of government each",
            event.id
        );
        assert!(
            !event.summary.to_string().trim().is_empty(),
            "{} says what came of it",
            event.id
        );
    }
}

#[test]
fn every_event_cites_a_source() {
    let ds = dataset();
    for event in ds.events() {
        assert!(!event.sources.is_empty(), "{} cites no source", event.id);
        for source in &event.sources {
            assert!(!source.publisher.trim().is_empty(), "{}", event.id);
            if let Some(url) = source.url.as_deref() {
                assert!(
                    host(url).is_some(),
                    "{}: {url} is not an http(s) link",
                    event.id
                );
            }
        }
    }
}

#[test]
fn every_verified_event_has_two_sources_or_an_official_one() {
    let ds = dataset();
    for event in ds.events().iter().filter(|e| e.status == Status::Verified) {
        let official = event
            .sources
            .iter()
            .filter_map(|s| s.url.as_deref())
            .any(is_official);
        assert!(
            event.sources.len() >= 2 || official,
            "{} is verified on one non-official source",
            event.id
        );
    }
}

#[test]
fn every_disputed_event_says_how_in_a_note() {
    let ds = dataset();
    let mut disputed = 0;
    for event in ds.events().iter().filter(|e| e.status == Status::Disputed) {
        disputed += 1;
        assert!(
            event
                .note
                .as_ref()
                .is_some_and(|n| !n.to_string().trim().is_empty()),
            "{} is disputed without a note",
            event.id
        );
    }
    assert!(disputed > 0);
    // The 27th meeting: 5 December (Russian government, TASS) or 7 December (Xinhua).
    let hog27 = ds.by_id("hog-27").unwrap();
    assert_eq!(hog27.status, Status::Disputed);
    let note = hog27.note.as_ref().unwrap().to_string();
    assert!(
        note.contains("5 December") && note.contains("7 December"),
        "{note}"
    );
    assert!(hog27.sources.len() >= 2);
}

#[test]
fn every_person_has_names_in_english_chinese_and_russian() {
    let ds = dataset();
    assert!(!ds.manifest.people.is_empty());
    for person in &ds.manifest.people {
        let name = &person.name;
        assert!(!name.en.trim().is_empty(), "{}", person.id);
        for (language, text) in [("zh", &name.zh), ("ru", &name.ru)] {
            assert!(
                text.as_deref().is_some_and(|t| !t.trim().is_empty()),
                "{} has no {language} name",
                person.id
            );
        }
        assert!(
            person
                .role
                .as_ref()
                .is_some_and(|r| !r.to_string().trim().is_empty()),
            "{} has no role",
            person.id
        );
    }
}

#[test]
fn the_storylines_check_and_name_only_events_that_exist() {
    let loaded = bundled();
    let ds = loaded.dataset.as_ref().expect("the bundled dataset loads");
    let names: Vec<&str> = loaded.storylines.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "partnership-to-no-limits",
            "regular-meetings",
            "summits-2024"
        ]
    );
    for (name, story) in &loaded.storylines {
        assert!(!story.steps.is_empty(), "{name}");
        for step in &story.steps {
            if let Some(id) = &step.event {
                assert!(ds.by_id(id).is_some(), "{name}: unknown event {id}");
            }
            assert!(
                !step.caption.to_string().trim().is_empty(),
                "{name}: a step without a caption"
            );
        }
    }
}
