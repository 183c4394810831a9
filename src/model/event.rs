//! One curated event record, as written in a dataset's event files.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::date::EventDate;
use super::text::{Language, Shown, Text};

/// A short identifier or label that many records repeat (a category, a place, a person, a
/// publisher, a tag). Equal symbols read on one thread share one allocation, so a million
/// events naming the same ten categories hold ten strings, not a million.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Symbol(Arc<str>);

impl Symbol {
    pub fn new(text: &str) -> Self {
        thread_local! {
            static SYMBOLS: std::cell::RefCell<std::collections::HashSet<Arc<str>, std::hash::BuildHasherDefault<ShortHasher>>> = Default::default();
        }
        SYMBOLS.with(|symbols| {
            let mut symbols = symbols.borrow_mut();
            match symbols.get(text) {
                Some(shared) => Symbol(shared.clone()),
                None => {
                    let shared: Arc<str> = Arc::from(text);
                    symbols.insert(shared.clone());
                    Symbol(shared)
                }
            }
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Symbol {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Symbol {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Symbol {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Symbol {
    fn from(text: &str) -> Self {
        Symbol::new(text)
    }
}

impl PartialEq<str> for Symbol {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Symbol {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl std::fmt::Debug for Symbol {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::fmt::Display for Symbol {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Symbol {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Symbol {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Symbol;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Symbol, E> {
                Ok(Symbol::new(v))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// A hasher for the short strings of the symbol table (a million events ask it several
/// million times while loading): 8 bytes at a time, multiply and rotate. Not for keys an
/// adversary chooses, which a dataset's labels are not.
#[derive(Default)]
struct ShortHasher(u64);

impl std::hash::Hasher for ShortHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
        }
        let mut tail = [0u8; 8];
        tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(tail)).wrapping_mul(K);
    }

    fn write_u8(&mut self, byte: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn finish(&self) -> u64 {
        // hashbrown takes its groups from the top bits: fold the low bits in.
        self.0 ^ (self.0 >> 29)
    }
}

/// How far a record's facts are established.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
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
    pub(crate) const ALL: [Status; 4] = [
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
    pub id: Symbol,
    /// Position in the series, counted from 1.
    #[serde(default)]
    pub ordinal: Option<u32>,
}

/// Where a fact comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Who published it ("Xinhua", "TASS").
    pub publisher: Symbol,
    /// The article's title, when known: as published (a plain string, in whatever language the
    /// source is written), or given by language. See [`Source::title_in`].
    #[serde(default)]
    pub title: Option<Text>,
    /// Where to read it.
    #[serde(default)]
    pub url: Option<Box<str>>,
    /// When it was published, at the precision known.
    #[serde(default)]
    pub published: Option<EventDate>,
}

impl Source {
    /// The title to show in `language`. A title written as one plain string is a citation,
    /// the headline as the source published it (a Chinese agency's title in Chinese): it is
    /// shown as it is and never marked as a text missing in `language`. A title written by
    /// language is a text like any other: the language asked for, or the default language's
    /// text marked as the fallback.
    pub fn title_in(&self, language: Language, default: Language) -> Option<Shown<'_>> {
        let title = self.title.as_ref()?;
        let shown = title.get(language, default);
        Some(if title.is_map() {
            shown
        } else {
            Shown {
                fallback: None,
                ..shown
            }
        })
    }

    /// True for URLs that a browser may be asked to open (`http` and `https` only).
    pub(crate) fn has_web_url(&self) -> bool {
        self.url.as_deref().is_some_and(is_web_url)
    }
}

/// Only `http://` and `https://` links are ever treated as links.
pub(crate) fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")) && url.len() > 8
}

/// A picture of an event: a file in the dataset folder (a path relative to it, such as
/// `media/2024-05-16-beijing.jpg`), or an http(s) address, which is kept as a link and never
/// fetched. Files are read only to be shown; the loader checks that they exist, are PNG,
/// JPEG or WebP and are not too large, without decoding them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Media {
    pub file: Box<str>,
    #[serde(default)]
    pub caption: Option<Text>,
    /// What the picture shows, for readers who cannot see it: the image's alternative text in
    /// HTML and its name for assistive technology in the window (the caption stands in when
    /// there is none).
    #[serde(default)]
    pub alt: Option<Text>,
    /// Who made it ("Photo: Xinhua / Li Tao").
    #[serde(default)]
    pub credit: Option<Box<str>>,
    /// Under what terms it may be shown ("CC BY 4.0").
    #[serde(default)]
    pub license: Option<Box<str>>,
}

impl Media {
    /// A picture file with no caption, credit or licence.
    pub fn file(file: &str) -> Self {
        Self {
            file: file.into(),
            caption: None,
            alt: None,
            credit: None,
            license: None,
        }
    }

    /// An http(s) address rather than a file of the dataset.
    pub fn is_web(&self) -> bool {
        is_web_url(&self.file)
    }

    /// The file inside `root` (the dataset folder), when `file` is a path that stays inside
    /// it: relative, without `..`; `None` for addresses and for paths that leave the folder.
    pub fn path_in(&self, root: &std::path::Path) -> Option<std::path::PathBuf> {
        use std::path::Component;
        let file = self.file.trim();
        if file.is_empty() || file.contains(':') {
            return None;
        }
        let path = std::path::Path::new(file);
        path.components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
            .then(|| root.join(path))
    }

    /// What the picture shows, in `language` (or the dataset's `default` one, marked
    /// ` [en]`): its alternative text, else its caption; `None` when it has neither.
    pub fn alt_text(&self, language: Language, default: Language) -> Option<String> {
        [self.alt.as_ref(), self.caption.as_ref()]
            .into_iter()
            .flatten()
            .map(|t| t.get(language, default))
            .find(|shown| !shown.text.trim().is_empty())
            .map(|shown| {
                crate::model::text::Shown {
                    text: shown.text.trim(),
                    fallback: shown.fallback,
                }
                .marked()
            })
    }

    /// Caption, credit and licence in one line ("The talks. Photo: Xinhua (CC BY 4.0)"), the
    /// caption in `language` (or the dataset's `default` one, marked ` [en]`).
    pub fn byline(&self, language: Language, default: Language) -> String {
        let mut out = String::new();
        if let Some(caption) = self
            .caption
            .as_ref()
            .map(|c| c.get(language, default))
            .filter(|c| !c.text.trim().is_empty())
        {
            out.push_str(caption.text.trim());
            if let Some(fallback) = caption.fallback {
                out.push_str(" [");
                out.push_str(fallback.code());
                out.push(']');
            }
        }
        let credit = [self.credit.as_deref(), self.license.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>();
        if !credit.is_empty() {
            if !out.is_empty() {
                out.push_str(" — ");
            }
            out.push_str(&credit.join(", "));
        }
        out
    }
}

/// The picture formats Annals shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PictureFormat {
    Png,
    Jpeg,
    Webp,
}

impl PictureFormat {
    /// The format of a file from its first bytes (12 are enough), whatever its name says.
    pub fn sniff(head: &[u8]) -> Option<Self> {
        if head.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if head.starts_with(&[0xff, 0xd8, 0xff]) {
            Some(Self::Jpeg)
        } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
            Some(Self::Webp)
        } else {
            None
        }
    }

    /// The usual file ending.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Jpeg => "jpg",
            Self::Webp => "webp",
        }
    }

    /// The MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Webp => "image/webp",
        }
    }
}

/// Pictures larger than this are not shown (`check` says so): 20 MiB.
pub const PICTURE_SIZE_CAP: u64 = 20 * 1024 * 1024;

/// One event record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Unique within the dataset; other records refer to it.
    pub id: Box<str>,
    pub title: Text,
    /// EDTF text such as `"2024-05-16/2024-05-17"`.
    pub when: EventDate,
    /// Id of a category in the manifest.
    pub kind: Symbol,
    /// Id of a place in the manifest.
    #[serde(default)]
    pub place: Option<Symbol>,
    /// Ids of people in the manifest.
    #[serde(default)]
    pub participants: Box<[Symbol]>,
    /// What happened, in the dataset's own words.
    #[serde(default)]
    pub summary: Text,
    #[serde(default)]
    pub sources: Box<[Source]>,
    /// Pictures, the first one shown on the presentation card.
    #[serde(default)]
    pub media: Box<[Media]>,
    #[serde(default)]
    pub status: Status,
    /// Anything a reader must know: how sources disagree, what is uncertain.
    #[serde(default)]
    pub note: Option<Text>,
    #[serde(default)]
    pub series: Option<SeriesRef>,
    /// Ids of other events.
    #[serde(default)]
    pub related: Box<[Symbol]>,
    #[serde(default)]
    pub tags: Box<[Symbol]>,
}

impl Event {
    /// An event with only the fields every record must have; the rest empty or default.
    pub fn new(id: &str, title: &str, when: EventDate, kind: &str) -> Self {
        Self {
            id: id.into(),
            title: title.into(),
            when,
            kind: Symbol::new(kind),
            place: None,
            participants: Box::default(),
            summary: Text::default(),
            sources: Box::default(),
            media: Box::default(),
            status: Status::default(),
            note: None,
            series: None,
            related: Box::default(),
            tags: Box::default(),
        }
    }
}

/// The fields an event may have, in the order of [`Event`], for diagnostics and hints.
pub(crate) const EVENT_FIELDS: &[&str] = &[
    "id",
    "title",
    "when",
    "kind",
    "place",
    "participants",
    "summary",
    "sources",
    "media",
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
