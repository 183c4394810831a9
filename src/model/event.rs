//! One curated event record, as written in a dataset's event files.

use serde::{Deserialize, Serialize};

use super::date::EventDate;

/// How far a record's facts are established.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Confirmed by independent sources.
    Verified,
    /// Rests on one source only.
    SingleSource,
    /// Sources disagree; the record's note says how.
    Disputed,
    /// Not checked yet.
    #[default]
    Unverified,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Verified,
        Status::SingleSource,
        Status::Disputed,
        Status::Unverified,
    ];

    /// "verified", "single-source", "disputed", "unverified".
    pub fn label(self) -> &'static str {
        match self {
            Status::Verified => "verified",
            Status::SingleSource => "single-source",
            Status::Disputed => "disputed",
            Status::Unverified => "unverified",
        }
    }
}

/// A place in a series, such as the 29th regular meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesRef {
    /// Id of a series in the manifest.
    pub id: String,
    /// Position in the series, counted from 1.
    #[serde(default)]
    pub ordinal: Option<u32>,
}

/// Where a fact comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Who published it ("Xinhua", "TASS").
    pub publisher: String,
    /// The article's title, when known.
    #[serde(default)]
    pub title: Option<String>,
    /// Where to read it.
    #[serde(default)]
    pub url: Option<String>,
    /// When it was published, at the precision known.
    #[serde(default)]
    pub published: Option<EventDate>,
}

impl Source {
    /// True for URLs that a browser may be asked to open (`http` and `https` only).
    pub fn has_web_url(&self) -> bool {
        self.url.as_deref().is_some_and(is_web_url)
    }
}

/// Only `http://` and `https://` links are ever treated as links.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")) && url.len() > 8
}

/// One event record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Unique within the dataset; other records refer to it.
    pub id: String,
    pub title: String,
    /// EDTF text such as `"2024-05-16/2024-05-17"`.
    pub when: EventDate,
    /// Id of a category in the manifest.
    pub kind: String,
    /// Id of a place in the manifest.
    #[serde(default)]
    pub place: Option<String>,
    /// Ids of people in the manifest.
    #[serde(default)]
    pub participants: Vec<String>,
    /// What happened, in the dataset's own words.
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub status: Status,
    /// Anything a reader must know: how sources disagree, what is uncertain.
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub series: Option<SeriesRef>,
    /// Ids of other events.
    #[serde(default)]
    pub related: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// The fields an event may have, in the order of [`Event`], for diagnostics and hints.
pub const EVENT_FIELDS: &[&str] = &[
    "id",
    "title",
    "when",
    "kind",
    "place",
    "participants",
    "summary",
    "sources",
    "status",
    "note",
    "series",
    "related",
    "tags",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_are_web_urls() {
        assert!(is_web_url("https://tass.com/politics/1830785"));
        assert!(is_web_url("HTTP://example.org/a"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("file:///etc/passwd"));
        assert!(!is_web_url("https://"));
        assert!(!is_web_url("ftp://example.org"));
    }
}
