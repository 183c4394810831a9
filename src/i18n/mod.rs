//! The interface's words in English, Chinese and Russian.
//!
//! Every user-facing string of the window, the presentation and the exported handouts is a
//! message in a Fluent file under `assets/i18n/LANG/` (`en`, `zh`, `ru`); build.rs embeds
//! every `.ftl` file found there, so a new file needs no change in the code. Plurals follow
//! Fluent's (CLDR's) rules: Russian has `one`, `few` and `many`, Chinese only `other`.
//!
//! ```text
//! tr(Language::Russian, "events-count")            // no variables
//! tr!(language, "events-count", count = 5)         // "5 событий"
//! ```
//!
//! A message missing in a language falls back to English, and a message missing in English
//! too shows its id, so a slip is visible instead of silent; `tests/i18n.rs` makes sure no
//! file lacks a message or a variable another one has.
//!
//! This module knows nothing of the window: `model`, `export` and `ui` all use it.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

mod files {
    include!(concat!(env!("OUT_DIR"), "/i18n_files.rs"));
}

/// The languages of the interface, of names and of multilingual record text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Language {
    #[default]
    English,
    Chinese,
    Russian,
}

impl Language {
    /// Every language, in menu order.
    pub const ALL: [Language; 3] = [Language::English, Language::Chinese, Language::Russian];

    /// The code used in files and on the command line: `en`, `zh`, `ru`.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Chinese => "zh",
            Language::Russian => "ru",
        }
    }

    /// The language of a code (`en`, `zh`, `ru`), as written in records and `--lang`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's own name, as its menu shows it: "English", "中文", "Русский".
    pub fn endonym(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Chinese => "中文",
            Language::Russian => "Русский",
        }
    }

    /// The language a locale such as `ru-RU`, `zh_CN.UTF-8` or `zh-Hant-TW` asks for, if
    /// Annals has it.
    pub fn from_locale(locale: &str) -> Option<Self> {
        let primary = locale
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        Self::from_code(&primary)
    }

    /// The system's language when Annals has it, English otherwise.
    pub fn from_system() -> Self {
        sys_locale::get_locales()
            .find_map(|l| Self::from_locale(&l))
            .unwrap_or_default()
    }

    fn index(self) -> usize {
        self as usize
    }
}

type Bundle = FluentBundle<FluentResource>;

/// The three bundles, built on first use from the embedded files.
fn bundles() -> &'static [Bundle; 3] {
    static BUNDLES: OnceLock<[Bundle; 3]> = OnceLock::new();
    BUNDLES.get_or_init(|| Language::ALL.map(bundle_of))
}

fn bundle_of(language: Language) -> Bundle {
    let id: LanguageIdentifier = language.code().parse().expect("a valid language code");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks around variables would show as boxes in the window's fonts.
    bundle.set_use_isolating(false);
    for (code, name, text) in files::FTL {
        if *code != language.code() {
            continue;
        }
        let resource = match FluentResource::try_new((*text).to_owned()) {
            Ok(resource) => resource,
            // tests/i18n.rs parses every file; a broken one still gives its good messages.
            Err((resource, errors)) => {
                eprintln!(
                    "annals: {code}/{name}: {} Fluent syntax errors",
                    errors.len()
                );
                resource
            }
        };
        if let Err(errors) = bundle.add_resource(resource) {
            eprintln!(
                "annals: {code}/{name}: {} messages defined twice",
                errors.len()
            );
        }
    }
    bundle
}

/// The embedded message files as `(language code, file name, text)`, for tests and tools.
pub fn message_files() -> &'static [(&'static str, &'static str, &'static str)] {
    files::FTL
}

/// A value for a message's variable: a number (chooses the plural form) or a text.
pub enum Arg<'a> {
    Number(f64),
    Text(std::borrow::Cow<'a, str>),
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_arg!(u8, u16, u32, u64, usize, i32, i64, f32, f64);

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(text.into())
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(text: &'a String) -> Self {
        Arg::Text(text.as_str().into())
    }
}

impl From<String> for Arg<'_> {
    fn from(text: String) -> Self {
        Arg::Text(text.into())
    }
}

/// The message `id` in `language`, without variables.
pub fn tr(language: Language, id: &str) -> String {
    tr_with(language, id, &[])
}

/// The message `id` in `language` with its variables. Falls back to English, then to `id`.
pub fn tr_with(language: Language, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        let value = match value {
            Arg::Number(n) => FluentValue::from(*n),
            Arg::Text(t) => FluentValue::from(t.as_ref()),
        };
        fluent_args.set(*name, value);
    }
    let args = (!args.is_empty()).then_some(&fluent_args);
    format_first(language, id, None, args).unwrap_or_else(|| id.to_owned())
}

/// An attribute of a message (`id.attribute` in the file), such as a button's tooltip.
pub fn tr_attr(language: Language, id: &str, attribute: &str) -> String {
    format_first(language, id, Some(attribute), None).unwrap_or_else(|| format!("{id}.{attribute}"))
}

/// The message `id` (or its `attribute`) in `language`, else in English; `None` if neither
/// has it.
fn format_first(
    language: Language,
    id: &str,
    attribute: Option<&str>,
    args: Option<&FluentArgs<'_>>,
) -> Option<String> {
    [language, Language::English]
        .into_iter()
        .find_map(|language| {
            let bundle = &bundles()[language.index()];
            let message = bundle.get_message(id)?;
            let pattern = match attribute {
                None => message.value()?,
                Some(attribute) => message.get_attribute(attribute)?.value(),
            };
            let mut errors = Vec::new();
            Some(
                bundle
                    .format_pattern(pattern, args, &mut errors)
                    .into_owned(),
            )
        })
}

/// True if `language`'s own files define `id` (no fallback), for tests and the editor.
pub fn has_message(language: Language, id: &str) -> bool {
    bundles()[language.index()].has_message(id)
}

/// `tr!(language, "id")` or `tr!(language, "id", name = value, …)`: a message with variables.
#[macro_export]
macro_rules! tr {
    ($language:expr, $id:expr) => {
        $crate::i18n::tr($language, $id)
    };
    ($language:expr, $id:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::tr_with(
            $language,
            $id,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_pick_a_language() {
        assert_eq!(Language::from_locale("ru-RU"), Some(Language::Russian));
        assert_eq!(
            Language::from_locale("zh_CN.UTF-8"),
            Some(Language::Chinese)
        );
        assert_eq!(Language::from_locale("zh-Hant-TW"), Some(Language::Chinese));
        assert_eq!(Language::from_locale("en_GB"), Some(Language::English));
        assert_eq!(Language::from_locale("de-DE"), None);
        assert_eq!(Language::from_locale(""), None);
    }

    #[test]
    fn russian_plurals_follow_cldr() {
        let ru = |n: u32| tr!(Language::Russian, "events-count", count = n);
        assert_eq!(ru(1), "1 событие");
        assert_eq!(ru(2), "2 события");
        assert_eq!(ru(5), "5 событий");
        assert_eq!(ru(21), "21 событие");
        assert_eq!(ru(11), "11 событий");
        assert_eq!(tr!(Language::English, "events-count", count = 1), "1 event");
        assert_eq!(
            tr!(Language::English, "events-count", count = 0),
            "0 events"
        );
        assert_eq!(
            tr!(Language::Chinese, "events-count", count = 3),
            "3 个事件"
        );
    }

    #[test]
    fn a_missing_message_shows_its_id() {
        assert_eq!(tr(Language::Chinese, "no-such-message"), "no-such-message");
    }
}
