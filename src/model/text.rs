//! Record text in one or several languages: an event's title, summary and note, a source's
//! title, a picture's caption, a storyline's title, captions and presenter notes.
//!
//! In a file, a text is either a plain string, which is in the dataset's default language
//! (the manifest's `language`, English when it names none), or a map of languages:
//!
//! ```ron
//! title: "29th regular meeting of heads of government",
//! title: (en: "29th regular meeting", zh: "第二十九次定期会晤", ru: "29-я регулярная встреча"),
//! ```
//!
//! A reader asks for the text in a language and gets it, or the default language's text with
//! the language it is really in, so the window and the exports can mark it ([`Shown`]).
//!
//! ## How it is stored
//!
//! A million events are held in memory, and nearly every text of them is a plain string. A
//! [`Text`] is therefore one `Box<str>`, 16 bytes and one allocation, exactly what a plain
//! string cost before. The rare text in several languages is packed into the same box behind
//! a leading U+0001 (a control character `check` refuses in record text, so no real text
//! starts with it; a plain string that does anyway is packed too, so nothing is misread):
//!
//! ```text
//! \u{1} <plain len>,<en len>,<zh len>,<ru len>; <plain><en><zh><ru>
//! ```
//!
//! Lengths are in bytes, in decimal; a length of 0 means "not written". Only the accessors
//! below read this; reading a plain text costs one byte comparison.

use std::fmt;

use serde::{Deserialize, Serialize};

pub use crate::i18n::Language;

/// The first character of a packed text.
const PACKED: char = '\u{1}';

/// Slots of a packed text: the plain string, then each language in [`Language::ALL`] order.
const SLOTS: usize = 4;

/// The language codes a text map may use, in the order they are written.
pub const LANGUAGE_CODES: &[&str] = &["en", "zh", "ru"];

/// A record's text in one or several languages. See the module's notes.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Box<str>);

/// A text as asked for in a language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown<'a> {
    pub text: &'a str,
    /// `Some(language)` when the text is not in the language asked for but in this one (a
    /// fallback, to be marked); `None` when it is in the language asked for.
    pub fallback: Option<Language>,
}

impl Shown<'_> {
    /// `text`, followed by ` [en]` when it is a fallback: the marker of plain-text exports,
    /// pictures and the timeline.
    pub fn marked(&self) -> String {
        // Built by hand rather than with `format!`: the timeline makes one for each title it
        // draws, every frame.
        let suffix = marker_suffix(self.fallback);
        let mut out = String::with_capacity(self.text.len() + suffix.len());
        out.push_str(self.text);
        out.push_str(suffix);
        out
    }
}

/// What follows a text shown in `fallback` instead of the language asked for: " [en]", or
/// nothing when it is not a fallback.
pub fn marker_suffix(fallback: Option<Language>) -> &'static str {
    match fallback {
        None => "",
        Some(Language::English) => " [en]",
        Some(Language::Chinese) => " [zh]",
        Some(Language::Russian) => " [ru]",
    }
}

/// `shown` split into its text and the fallback marker at its end (" [en]"), so that a
/// label cut to fit its room can keep the marker whole: `("Treaties", " [en]")`.
pub fn split_marker(shown: &str) -> (&str, &str) {
    Language::ALL
        .into_iter()
        .map(|l| marker_suffix(Some(l)))
        .find_map(|suffix| {
            shown
                .strip_suffix(suffix)
                .map(|text| (text, &shown[text.len()..]))
        })
        .unwrap_or((shown, ""))
}

/// A text as written in a file: a plain string, or a map of languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written<'a> {
    Plain(&'a str),
    /// Each language's text, in [`Language::ALL`] order; `None` where not written.
    Map([Option<&'a str>; 3]),
}

impl Text {
    /// A plain string, in the dataset's default language.
    pub fn plain(text: &str) -> Self {
        if text.starts_with(PACKED) {
            Self::pack([Some(text), None, None, None])
        } else {
            Self(text.into())
        }
    }

    /// A map of languages; empty texts count as not written. With nothing written at all it
    /// is an empty plain text.
    pub fn map<'a>(entries: impl IntoIterator<Item = (Language, &'a str)>) -> Self {
        let mut slots = [None; SLOTS];
        for (language, text) in entries {
            if !text.is_empty() {
                slots[1 + language as usize] = Some(text);
            }
        }
        if slots.iter().all(Option::is_none) {
            return Self::default();
        }
        Self::pack(slots)
    }

    /// The text a form holds, one string per language: a plain string when only `default`
    /// is filled in (or nothing), the map form otherwise. Each text is trimmed at its end.
    pub fn from_fields(fields: &[String; 3], default: Language) -> Self {
        let trimmed = fields.each_ref().map(|t| t.trim_end());
        let others_empty = Language::ALL
            .iter()
            .all(|&l| l == default || trimmed[l as usize].is_empty());
        if others_empty {
            Self::plain(trimmed[default as usize])
        } else {
            Self::map(Language::ALL.into_iter().zip(trimmed))
        }
    }

    fn pack(slots: [Option<&str>; SLOTS]) -> Self {
        use std::fmt::Write as _;
        let total: usize = slots.iter().flatten().map(|s| s.len()).sum();
        let mut out = String::with_capacity(total + 16);
        out.push(PACKED);
        for (k, slot) in slots.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            let _ = write!(out, "{}", slot.map_or(0, str::len));
        }
        out.push(';');
        for slot in slots.iter().flatten() {
            out.push_str(slot);
        }
        Self(out.into_boxed_str())
    }

    /// The slots of a packed text, `None` for a plain one.
    fn slots(&self) -> Option<[Option<&str>; SLOTS]> {
        let rest = self.0.strip_prefix(PACKED)?;
        let (header, mut body) = rest.split_once(';')?;
        let mut slots = [None; SLOTS];
        for (slot, len) in slots.iter_mut().zip(header.split(',')) {
            let len: usize = len.parse().ok()?;
            if len > 0 {
                let (text, after) = body.split_at_checked(len)?;
                *slot = Some(text);
                body = after;
            }
        }
        Some(slots)
    }

    /// How the text is written: a plain string or a map.
    pub fn written(&self) -> Written<'_> {
        match self.slots() {
            None => Written::Plain(&self.0),
            Some([Some(plain), ..]) => Written::Plain(plain),
            Some([None, en, zh, ru]) => Written::Map([en, zh, ru]),
        }
    }

    /// True when written as a map of languages.
    pub fn is_map(&self) -> bool {
        matches!(self.written(), Written::Map(_))
    }

    /// Each language's text, a plain string counting as `default`'s.
    pub fn by_language(&self, default: Language) -> [Option<&str>; 3] {
        match self.written() {
            Written::Plain(text) => {
                let mut out = [None; 3];
                if !text.is_empty() {
                    out[default as usize] = Some(text);
                }
                out
            }
            Written::Map(map) => map,
        }
    }

    /// The text in `language`, or else in `default`, or else in the first language that has
    /// one; with the language it is really in when that is not `language`.
    pub fn get(&self, language: Language, default: Language) -> Shown<'_> {
        if !self.0.starts_with(PACKED) {
            return Shown {
                text: &self.0,
                fallback: (language != default && !self.0.is_empty()).then_some(default),
            };
        }
        let texts = self.by_language(default);
        if let Some(text) = texts[language as usize] {
            return Shown {
                text,
                fallback: None,
            };
        }
        std::iter::once(default)
            .chain(Language::ALL)
            .find_map(|l| texts[l as usize].map(|text| (l, text)))
            .map_or(
                Shown {
                    text: "",
                    fallback: None,
                },
                |(l, text)| Shown {
                    text,
                    fallback: Some(l),
                },
            )
    }

    /// The text in `language` only, without falling back.
    pub fn exactly(&self, language: Language, default: Language) -> Option<&str> {
        self.by_language(default)[language as usize]
    }

    /// The text in the default language (or, when it has none, the first one written).
    pub fn default_text(&self, default: Language) -> &str {
        self.get(default, default).text
    }

    /// Every text it holds, in every language (for searching).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        let (plain, map) = match self.written() {
            Written::Plain(text) => (Some(text), [None; 3]),
            Written::Map(map) => (None, map),
        };
        plain.into_iter().chain(map.into_iter().flatten())
    }

    /// True when no language has any text.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Bytes of text held, in every language.
    pub fn len(&self) -> usize {
        self.texts().map(str::len).sum()
    }

    /// The text with `suffix` after each language's string (" (copy)").
    pub fn with_suffix(&self, suffix: &str) -> Self {
        match self.written() {
            Written::Plain(text) => Self::plain(&format!("{text}{suffix}")),
            Written::Map(map) => {
                let texts = map.map(|t| t.map(|t| format!("{t}{suffix}")));
                Self::map(
                    Language::ALL
                        .into_iter()
                        .zip(&texts)
                        .filter_map(|(l, t)| t.as_deref().map(|t| (l, t))),
                )
            }
        }
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Self::plain(text)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        if text.starts_with(PACKED) {
            Self::plain(&text)
        } else {
            Self(text.into_boxed_str())
        }
    }
}

/// The text in the first language written (a plain string first, then en, zh, ru): for
/// messages and tests. The window and the exports choose a language with [`Text::get`].
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.texts().next().unwrap_or_default())
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.written() {
            Written::Plain(text) => fmt::Debug::fmt(text, f),
            Written::Map(map) => {
                let mut m = f.debug_map();
                for (code, text) in LANGUAGE_CODES.iter().zip(map) {
                    if let Some(text) = text {
                        m.entry(code, &text);
                    }
                }
                m.finish()
            }
        }
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        match self.written() {
            Written::Plain(text) => serializer.serialize_str(text),
            Written::Map(map) => {
                let mut out = serializer.serialize_map(Some(map.iter().flatten().count()))?;
                for (code, text) in LANGUAGE_CODES.iter().zip(map) {
                    if let Some(text) = text {
                        out.serialize_entry(code, text)?;
                    }
                }
                out.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, or texts by language such as (en: \"…\", zh: \"…\")")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::plain(v))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text::from(v))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Text, E> {
                Err(E::custom(EMPTY_MAP))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut texts: [Option<String>; 3] = Default::default();
                let mut any = false;
                while let Some(key) = map.next_key::<LanguageKey>()? {
                    let slot = &mut texts[key.0 as usize];
                    if slot.is_some() {
                        return Err(serde::de::Error::duplicate_field(key.0.code()));
                    }
                    *slot = Some(map.next_value()?);
                    any = true;
                }
                if !any {
                    return Err(serde::de::Error::custom(EMPTY_MAP));
                }
                Ok(Text::map(
                    Language::ALL
                        .into_iter()
                        .zip(texts.iter())
                        .filter_map(|(l, t)| t.as_deref().map(|t| (l, t))),
                ))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The error for `()` where a text is expected.
pub const EMPTY_MAP: &str =
    "a text written by language needs at least one language: (en: \"…\", zh: \"…\", ru: \"…\")";

/// A key of a text map: `en`, `zh` or `ru`.
struct LanguageKey(Language);

impl<'de> Deserialize<'de> for LanguageKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = LanguageKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a language: en, zh or ru")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<LanguageKey, E> {
                Language::from_code(v)
                    .map(LanguageKey)
                    .ok_or_else(|| E::unknown_field(v, LANGUAGE_CODES))
            }
        }
        deserializer.deserialize_identifier(Visitor)
    }
}

/// The language code someone most likely meant by `key` (`zn`, `cn`, `chinese`, `rus`,
/// `en-GB`…), for "did you mean".
pub fn suggest_language(key: &str) -> Option<&'static str> {
    let lower = key.to_ascii_lowercase();
    if let Some(language) = Language::from_locale(&lower) {
        return Some(language.code());
    }
    let by_name = match lower.as_str() {
        "english" | "eng" | "gb" | "uk" | "us" | "英文" | "英语" | "английский" => {
            Some(Language::English)
        }
        "chinese" | "zho" | "chi" | "cn" | "ch" | "cmn" | "中文" | "汉语" | "китайский" => {
            Some(Language::Chinese)
        }
        "russian" | "rus" | "俄文" | "俄语" | "русский" => Some(Language::Russian),
        _ => None,
    };
    if let Some(language) = by_name {
        return Some(language.code());
    }
    // One letter off: prefer the code sharing the first letter (`zn` is `zh`, not `en`).
    let mut chars = lower.chars();
    let (first, count) = (chars.next()?, lower.chars().count());
    if count > 3 {
        return None;
    }
    let close = |code: &str| strsim::levenshtein(&lower, code) <= 1;
    LANGUAGE_CODES
        .iter()
        .copied()
        .find(|code| code.starts_with(first) && close(code))
        .or_else(|| LANGUAGE_CODES.iter().copied().find(|code| close(code)))
}

/// Serde for a language written by its code (`language: "zh"`), as the manifest names the
/// dataset's default language.
pub mod language_code {
    use super::{LANGUAGE_CODES, Language, suggest_language};

    pub fn serialize<S: serde::Serializer>(l: &Language, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(l.code())
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Language, D::Error> {
        let code: String = serde::Deserialize::deserialize(d)?;
        Language::from_code(&code).ok_or_else(|| {
            let hint = suggest_language(&code)
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default();
            serde::de::Error::custom(format!(
                "unknown language `{code}`: Annals reads {}{hint}",
                LANGUAGE_CODES.join(", ")
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: Language = Language::English;
    const ZH: Language = Language::Chinese;
    const RU: Language = Language::Russian;

    fn read(ron_text: &str) -> Result<Text, ron::error::SpannedError> {
        crate::store::parse::ron_options().from_str(ron_text)
    }

    #[test]
    fn a_plain_text_costs_a_box_of_str() {
        assert_eq!(std::mem::size_of::<Text>(), std::mem::size_of::<Box<str>>());
        assert_eq!(std::mem::size_of::<Option<Text>>(), 16);
        let plain = Text::plain("Li Qiang visits Moscow");
        assert_eq!(plain.0.len(), "Li Qiang visits Moscow".len());
        assert_eq!(plain.written(), Written::Plain("Li Qiang visits Moscow"));
    }

    #[test]
    fn both_forms_read() {
        assert_eq!(read("\"plain\"").unwrap(), Text::plain("plain"));
        let map = read("(zh: \"中文\", en: \"English\")").unwrap();
        assert_eq!(
            map.written(),
            Written::Map([Some("English"), Some("中文"), None])
        );
        assert_eq!(
            read("(ru: \"Русский\",)").unwrap().exactly(RU, EN),
            Some("Русский")
        );
    }

    #[test]
    fn bad_maps_are_refused() {
        let err = read("(zn: \"中文\")").unwrap_err();
        assert!(
            matches!(&err.code, ron::error::Error::NoSuchStructField { found, .. } if found == "zn"),
            "{err}"
        );
        assert!(read("()").unwrap_err().to_string().contains("at least one"));
        assert!(read("(en: \"a\", en: \"b\")").is_err());
        assert!(read("(en: 1)").is_err());
    }

    #[test]
    fn a_language_falls_back_to_the_default_then_to_any() {
        let map = Text::map([(EN, "Summit"), (RU, "Саммит")]);
        assert_eq!(
            map.get(RU, EN),
            Shown {
                text: "Саммит",
                fallback: None
            }
        );
        assert_eq!(
            map.get(ZH, EN),
            Shown {
                text: "Summit",
                fallback: Some(EN)
            }
        );
        assert_eq!(
            map.get(ZH, RU),
            Shown {
                text: "Саммит",
                fallback: Some(RU)
            }
        );
        let only_zh = Text::map([(ZH, "峰会")]);
        assert_eq!(
            only_zh.get(EN, EN),
            Shown {
                text: "峰会",
                fallback: Some(ZH)
            }
        );
        let plain = Text::plain("Summit");
        assert_eq!(plain.get(EN, EN).fallback, None);
        assert_eq!(
            plain.get(ZH, EN),
            Shown {
                text: "Summit",
                fallback: Some(EN)
            }
        );
        assert_eq!(plain.get(EN, RU).fallback, Some(RU));
        assert_eq!(Text::default().get(ZH, EN).fallback, None);
        assert_eq!(map.get(ZH, EN).marked(), "Summit [en]");
    }

    #[test]
    fn a_marker_is_split_from_its_text() {
        assert_eq!(split_marker("Treaties [en]"), ("Treaties", " [en]"));
        assert_eq!(split_marker("条约 [zh]"), ("条约", " [zh]"));
        assert_eq!(split_marker("Treaties"), ("Treaties", ""));
        assert_eq!(split_marker("[en]"), ("[en]", ""));
    }

    #[test]
    fn every_language_is_searchable() {
        let map = Text::map([(EN, "Summit"), (ZH, "峰会"), (RU, "Саммит")]);
        assert_eq!(
            map.texts().collect::<Vec<_>>(),
            ["Summit", "峰会", "Саммит"]
        );
        assert_eq!(map.len(), "Summit峰会Саммит".len());
    }

    #[test]
    fn a_plain_text_starting_with_the_packing_mark_is_kept_as_written() {
        let odd = "\u{1}3,0,0,0;abc";
        let text = Text::plain(odd);
        assert_eq!(text.written(), Written::Plain(odd));
        assert_eq!(Text::from(odd.to_owned()), text);
        assert_eq!(text.get(ZH, EN).text, odd);
    }

    #[test]
    fn forms_give_a_plain_string_when_only_the_default_is_filled() {
        let fields = ["Summit ".to_owned(), String::new(), String::new()];
        assert_eq!(Text::from_fields(&fields, EN), Text::plain("Summit"));
        let fields = ["Summit".to_owned(), "峰会".to_owned(), String::new()];
        assert!(Text::from_fields(&fields, EN).is_map());
        let fields = [String::new(), String::new(), String::new()];
        assert!(Text::from_fields(&fields, EN).is_empty());
        // The default language empty, another one filled: a map.
        let fields = [String::new(), "峰会".to_owned(), String::new()];
        assert_eq!(
            Text::from_fields(&fields, EN).written(),
            Written::Map([None, Some("峰会"), None])
        );
    }

    #[test]
    fn both_forms_go_through_json_and_back() {
        for text in [
            Text::plain("Summit"),
            Text::map([(EN, "Summit"), (RU, "Саммит")]),
        ] {
            let json = serde_json::to_string(&text).unwrap();
            assert_eq!(serde_json::from_str::<Text>(&json).unwrap(), text, "{json}");
        }
    }

    #[test]
    fn the_manifest_names_its_language_by_code() {
        let read = |text: &str| {
            crate::store::parse::ron_options().from_str::<crate::model::Manifest>(text)
        };
        assert_eq!(read("(title: \"T\")").unwrap().language, EN);
        assert_eq!(
            read("(title: \"T\", language: \"ru\")").unwrap().language,
            RU
        );
        let err = read("(title: \"T\", language: \"zn\")")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("unknown language `zn`") && err.contains("did you mean `zh`?"),
            "{err}"
        );
    }

    #[test]
    fn language_keys_are_suggested() {
        for (typed, meant) in [
            ("zn", "zh"),
            ("cn", "zh"),
            ("zh-CN", "zh"),
            ("chinese", "zh"),
            ("eng", "en"),
            ("EN", "en"),
            ("rus", "ru"),
            ("ry", "ru"),
            ("ez", "en"),
        ] {
            assert_eq!(suggest_language(typed), Some(meant), "{typed}");
        }
        assert_eq!(suggest_language("french"), None);
        assert_eq!(suggest_language("xx"), None);
    }
}
