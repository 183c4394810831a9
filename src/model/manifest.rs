//! A dataset's manifest: its title and the people, places, categories and series that
//! event records refer to by id.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::date::EventDate;
use super::text::Text;

/// A name in the languages Annals shows. English is required; the others fall back to it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Names {
    pub en: String,
    #[serde(default)]
    pub zh: Option<String>,
    #[serde(default)]
    pub ru: Option<String>,
}

pub use crate::i18n::Language;

impl Names {
    /// The name in `language`, or the English one where that is missing.
    pub fn get(&self, language: Language) -> &str {
        let other = match language {
            Language::English => None,
            Language::Chinese => self.zh.as_deref(),
            Language::Russian => self.ru.as_deref(),
        };
        other.unwrap_or(&self.en)
    }

    /// The native form for a country code ("CN" → Chinese, "RU" → Russian), if recorded.
    pub fn native(&self, country: Option<&str>) -> Option<&str> {
        match country? {
            "CN" => self.zh.as_deref(),
            "RU" => self.ru.as_deref(),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code ("CN").
    pub code: String,
    pub name: Names,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    pub name: Names,
    /// Office held in the period the dataset covers; a text, in one or several languages.
    #[serde(default)]
    pub role: Option<Text>,
    /// Country code; decides which name is the native one.
    #[serde(default)]
    pub country: Option<String>,
}

impl Person {
    /// The name in the person's own language, if it differs from English.
    pub(crate) fn native_name(&self) -> Option<&str> {
        self.name.native(self.country.as_deref())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub id: String,
    pub name: Names,
    /// Country code.
    #[serde(default)]
    pub country: Option<String>,
}

/// An sRGB colour, written `"#rrggbb"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub [u8; 3]);

impl Rgb {
    pub fn parse(text: &str) -> Result<Self, String> {
        let hex = text
            .strip_prefix('#')
            .filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| format!("invalid colour \"{text}\": write it as \"#rrggbb\""))?;
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
        Ok(Rgb([byte(0), byte(2), byte(4)]))
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

impl Serialize for Rgb {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Rgb::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    /// The lane's and the filter's name for it, in one or several languages.
    pub label: Text,
    pub colour: Rgb,
}

/// A run of numbered events, such as the regular meetings of heads of government.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    pub id: String,
    pub title: Text,
    /// What one item is called, for "29th regular meeting" ("第29次：定期会晤").
    #[serde(default)]
    pub item: Option<Text>,
}

/// An era or period drawn as a labelled band behind the events (the Years of Culture).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub id: String,
    pub title: Text,
    pub when: EventDate,
    /// Band colour; a neutral tint when absent.
    #[serde(default)]
    pub colour: Option<Rgb>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The dataset's title: the window's title, the exports' heading.
    pub title: Text,
    /// The language of the records' plain strings (`language: "en"`); English when absent.
    /// Text written by language, `(en: "…", zh: "…")`, may give others beside it.
    #[serde(default, with = "super::text::language_code")]
    pub language: Language,
    #[serde(default)]
    pub description: Text,
    #[serde(default)]
    pub countries: Vec<Country>,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub places: Vec<Place>,
    #[serde(default)]
    pub categories: Vec<Category>,
    #[serde(default)]
    pub series: Vec<Series>,
    #[serde(default)]
    pub periods: Vec<Period>,
}

/// "1st", "2nd", "3rd", "11th", "29th".
pub(crate) fn ordinal_suffix(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fall_back_to_english() {
        let n = Names {
            en: "Li Qiang".into(),
            zh: Some("李强".into()),
            ru: None,
        };
        assert_eq!(n.get(Language::Chinese), "李强");
        assert_eq!(n.get(Language::Russian), "Li Qiang");
        assert_eq!(n.native(Some("CN")), Some("李强"));
        assert_eq!(n.native(Some("RU")), None);
    }

    #[test]
    fn colours_parse_and_print() {
        assert_eq!(Rgb::parse("#c0392B").unwrap(), Rgb([0xc0, 0x39, 0x2b]));
        assert_eq!(Rgb([1, 2, 255]).to_string(), "#0102ff");
        assert!(Rgb::parse("red").unwrap_err().contains("#rrggbb"));
        assert!(Rgb::parse("#12345").is_err());
        assert!(Rgb::parse("#12345é").is_err());
    }

    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 29, 101, 111]
            .into_iter()
            .map(ordinal_suffix)
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "29th",
                "101st", "111th"
            ]
        );
    }
}
