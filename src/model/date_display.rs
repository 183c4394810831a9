//! Dates for people, in each language of the interface.
//!
//! | date (EDTF)             | English                  | 中文                   | Русский                        |
//! |-------------------------|--------------------------|------------------------|--------------------------------|
//! | `2024-08-21`            | 21 August 2024           | 2024年8月21日          | 21 августа 2024 г.             |
//! | `2024-08`               | August 2024              | 2024年8月              | август 2024 г.                 |
//! | `2024`                  | 2024                     | 2024年                 | 2024 г.                        |
//! | `2024-05-16/2024-05-17` | 16–17 May 2024           | 2024年5月16日至17日    | 16–17 мая 2024 г.              |
//! | `1996~`                 | c. 1996                  | 约1996年               | ок. 1996 г.                    |
//! | `1996-12-27?`           | 27 December 1996 (?)     | 1996年12月27日（存疑） | 27 декабря 1996 г. (под вопросом) |
//! | `2024/..`               | from 2024                | 自2024年起             | с 2024 г.                      |
//! | `-0043`                 | 44 BCE                   | 公元前44年             | 44 г. до н. э.                 |
//!
//! English is [`EventDate::human`] itself: the command line and the diagnostics stay English
//! and keep their words.
//!
//! Month names, and in Russian their grammatical case, come from the GNU C library's locale
//! data (the `pure-rust-locales` crate, which chrono's `unstable-locales` feature reads too;
//! chrono only hands out the genitive `MON`, not the nominative `ALT_MON`, so Annals reads the
//! crate directly): Russian `MON` is the genitive of a full date ("21 августа"), `ALT_MON` the
//! nominative of a month alone ("август"), `AB_ALT_MON` the axis's short form ("авг");
//! Chinese `ABMON` is "8月".
//!
//! The rest is grammar, kept here in code rather than in Fluent files: where the year goes,
//! that Chinese writes 年/月/日 after each number and 至 between the ends of a span, that
//! Russian abbreviates "year" after the number (г., гг. for several) and puts a month in the
//! genitive after a day or after "с"/"до". The few words (c., 约, ок., the era names, the
//! uncertainty) belong to these patterns, and the time axis formats a label per tick on every
//! frame, where a Fluent call would build its arguments each time.

use std::fmt::Write as _;

use pure_rust_locales::{en_US, ru_RU, zh_CN};

use super::date::{Bound, CalendarDate, EventDate, Precision};
use crate::i18n::Language;

/// The name of a month (1-based) as it stands inside a full date: "August", "8月", "августа"
/// (Russian genitive).
pub fn month_in_date(language: Language, month: u32) -> &'static str {
    let i = month_index(month);
    match language {
        Language::English => en_US::LC_TIME::MON[i],
        Language::Chinese => zh_CN::LC_TIME::ABMON[i],
        Language::Russian => ru_RU::LC_TIME::MON[i],
    }
}

/// The name of a month standing alone, as the locale data writes it: "August", "8月",
/// "Август" (Russian nominative, capitalised as a heading; in running text it is lower case).
pub fn month_alone(language: Language, month: u32) -> &'static str {
    let i = month_index(month);
    match language {
        Language::English => en_US::LC_TIME::MON[i],
        Language::Chinese => zh_CN::LC_TIME::ABMON[i],
        Language::Russian => ru_RU::LC_TIME::ALT_MON.unwrap_or(ru_RU::LC_TIME::MON)[i],
    }
}

/// The short name of a month for the time axis, written into `out`: "Aug", "8月", "авг."
/// (a Russian short form takes a full stop when it cuts the word: "май" stays "май").
pub fn push_month_short(out: &mut String, language: Language, month: u32) {
    let i = month_index(month);
    match language {
        Language::English => out.push_str(en_US::LC_TIME::ABMON[i]),
        Language::Chinese => out.push_str(zh_CN::LC_TIME::ABMON[i]),
        Language::Russian => {
            let short = ru_RU::LC_TIME::AB_ALT_MON.unwrap_or(ru_RU::LC_TIME::ABMON)[i];
            out.push_str(short);
            let full = month_alone(language, month);
            if short.chars().count() < full.chars().count() {
                out.push('.');
            }
        }
    }
}

fn month_index(month: u32) -> usize {
    (month as usize).clamp(1, 12) - 1
}

/// A year alone, as dates show it: "2024", "44 BCE" / "2024年", "公元前44年" /
/// "2024 г.", "44 г. до н. э.".
pub fn year_display(language: Language, year: i32) -> String {
    match language {
        Language::English => super::date::year_label(year),
        Language::Chinese => {
            let mut out = String::with_capacity(16);
            zh::year(&mut out, year, false);
            out
        }
        Language::Russian => {
            let mut out = String::with_capacity(24);
            ru::year(&mut out, year, Era::Bce, false);
            out
        }
    }
}

/// The years from `first` to `last` (astronomical), as a span of years: "1949–2025" /
/// "1949年至2025年" / "1949–2025 гг."; one year when they are the same.
pub fn years_display(language: Language, first: i32, last: i32) -> String {
    let year = |y| CalendarDate::new(y, None, None).ok().map(Bound::exact);
    match (year(first), year(last)) {
        (Some(a), _) if first == last => EventDate::Single(a).display(language),
        (Some(a), Some(b)) => EventDate::Span {
            start: Some(a),
            end: Some(b),
        }
        .display(language),
        _ => String::new(),
    }
}

/// A year as the time axis labels it, written into `out`: "2024", "44 BCE", "1 CE" /
/// "2024年", "公元前44年", "公元1年" / "2024", "44 до н. э.", "1 н. э.". Russian axes write the
/// bare number, as printed charts do; `mark_ce` names the era of a year of the common era
/// (year 1 among round BCE years).
pub fn push_axis_year(out: &mut String, language: Language, year: i32, mark_ce: bool) {
    let number = if year <= 0 {
        1 - i64::from(year)
    } else {
        i64::from(year)
    };
    match language {
        Language::English => {
            let _ = write!(out, "{number}");
            if year <= 0 {
                out.push_str(" BCE");
            } else if mark_ce {
                out.push_str(" CE");
            }
        }
        Language::Chinese => zh::year(out, year, mark_ce),
        Language::Russian => {
            let _ = write!(out, "{number}");
            if year <= 0 {
                out.push_str(" до н. э.");
            } else if mark_ce {
                out.push_str(" н. э.");
            }
        }
    }
}

/// How many average Latin characters wide a label is: CJK ideographs and full-width forms
/// take about two.
pub fn width_in_chars(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

/// East Asian wide characters: ideographs, kana, Hangul, full-width forms and CJK punctuation.
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

impl CalendarDate {
    /// The date in `language`: "21 August 2024" / "2024年8月21日" / "21 августа 2024 г.".
    pub fn display(self, language: Language) -> String {
        match language {
            Language::English => self.human(),
            Language::Chinese => {
                let mut out = String::with_capacity(24);
                zh::date(&mut out, self, false);
                out
            }
            Language::Russian => {
                let mut out = String::with_capacity(32);
                ru::date(&mut out, self, Case::Nominative, false);
                out
            }
        }
    }
}

/// The word before an approximate date (or a title with one): "c. ", "约", "ок. ".
pub fn about(language: Language) -> &'static str {
    match language {
        Language::English => "c. ",
        Language::Chinese => "约",
        Language::Russian => "ок. ",
    }
}

impl Bound {
    /// The date with its qualifiers in `language`: "c. 1996 (?)" / "约1996年（存疑）" /
    /// "ок. 1996 г. (под вопросом)".
    pub fn display(self, language: Language) -> String {
        match language {
            Language::English => self.human(),
            Language::Chinese => {
                let mut out = String::with_capacity(32);
                zh::bound(&mut out, self);
                out
            }
            Language::Russian => {
                let mut out = String::with_capacity(40);
                ru::bound(&mut out, self, Case::Nominative);
                out
            }
        }
    }
}

impl EventDate {
    /// When an event happened, in `language`: "16–17 May 2024" / "2024年5月16日至17日" /
    /// "16–17 мая 2024 г.". English is [`EventDate::human`].
    pub fn display(&self, language: Language) -> String {
        match language {
            Language::English => self.human(),
            Language::Chinese => zh::event(self),
            Language::Russian => ru::event(self),
        }
    }
}

/// Whether a year before the common era is marked (always) and one of the common era too
/// (only beside a BCE year, as in "2 BCE – 1 CE").
#[derive(Clone, Copy, PartialEq, Eq)]
enum Era {
    Bce,
    BothEras,
}

/// Russian: a month alone is nominative ("август 2024 г."), after "с" or "до" genitive
/// ("до августа 2024 г."). Chinese and English have no case.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    Nominative,
    Genitive,
}

fn crosses_era(a: CalendarDate, b: CalendarDate) -> bool {
    (a.year() <= 0) != (b.year() <= 0)
}

/// Chinese: numbers followed by 年, 月, 日; 公元前 before years BCE; 至 between the ends of
/// a span, which leaves out what the end shares with the start.
mod zh {
    use super::{Bound, CalendarDate, EventDate, Precision, crosses_era, month_in_date};
    use crate::i18n::Language;
    use std::fmt::Write as _;

    /// "2024年", "公元前44年", with `mark_ce` "公元1年".
    pub(super) fn year(out: &mut String, year: i32, mark_ce: bool) {
        if year <= 0 {
            let _ = write!(out, "公元前{}年", 1 - i64::from(year));
        } else if mark_ce {
            let _ = write!(out, "公元{year}年");
        } else {
            let _ = write!(out, "{year}年");
        }
    }

    fn month(out: &mut String, month: u32) {
        out.push_str(month_in_date(Language::Chinese, month));
    }

    pub(super) fn date(out: &mut String, d: CalendarDate, mark_ce: bool) {
        year(out, d.year(), mark_ce);
        if let Some(m) = d.month() {
            month(out, m);
        }
        if let Some(day) = d.day() {
            let _ = write!(out, "{day}日");
        }
    }

    pub(super) fn bound(out: &mut String, b: Bound) {
        if b.qualifier.approximate {
            out.push_str(super::about(Language::Chinese));
        }
        date(out, b.date, false);
        if b.qualifier.uncertain {
            out.push_str("（存疑）");
        }
    }

    pub(super) fn event(when: &EventDate) -> String {
        let mut out = String::with_capacity(40);
        match *when {
            EventDate::Single(b) => bound(&mut out, b),
            EventDate::Span {
                start: Some(s),
                end: None,
            } => {
                out.push('自');
                bound(&mut out, s);
                out.push('起');
            }
            EventDate::Span {
                start: None,
                end: Some(e),
            } => {
                out.push('至');
                bound(&mut out, e);
            }
            EventDate::Span {
                start: Some(s),
                end: Some(e),
            } => span(&mut out, s, e),
            EventDate::Span {
                start: None,
                end: None,
            } => out.push_str("时间不详"),
        }
        out
    }

    fn span(out: &mut String, s: Bound, e: Bound) {
        if !s.qualifier.is_none() || !e.qualifier.is_none() {
            bound(out, s);
            out.push('至');
            bound(out, e);
            return;
        }
        let (a, b) = (s.date, e.date);
        if a == b {
            date(out, a, false);
            return;
        }
        let same_year = a.year() == b.year();
        match (a.precision(), b.precision(), b.month(), b.day()) {
            (Precision::Day, Precision::Day, Some(bm), Some(bd)) if same_year => {
                date(out, a, false);
                out.push('至');
                if a.month() != Some(bm) {
                    month(out, bm);
                }
                let _ = write!(out, "{bd}日");
            }
            (Precision::Month, Precision::Month, Some(bm), _) if same_year => {
                date(out, a, false);
                out.push('至');
                month(out, bm);
            }
            _ => {
                let mark_ce = crosses_era(a, b);
                date(out, a, mark_ce);
                out.push('至');
                date(out, b, mark_ce);
            }
        }
    }
}

/// Russian: "21 августа 2024 г." (day and genitive month), "август 2024 г." (nominative),
/// "2024 г.", "2024–2025 гг.", "44 г. до н. э.", spans with an en dash.
mod ru {
    use super::crosses_era;
    use super::{Bound, CalendarDate, Case, Era, EventDate, Precision, month_alone, month_in_date};
    use crate::i18n::Language;
    use std::fmt::Write as _;

    /// The number of a year (BCE counted back from 1).
    fn number(out: &mut String, year: i32) {
        let n = if year <= 0 {
            1 - i64::from(year)
        } else {
            i64::from(year)
        };
        let _ = write!(out, "{n}");
    }

    /// What follows the number: "г." (or "гг." for several years) and the era when marked.
    fn year_words(out: &mut String, year: i32, era: Era, plural: bool) {
        out.push_str(if plural { " гг." } else { " г." });
        if year <= 0 {
            out.push_str(" до н. э.");
        } else if era == Era::BothEras {
            out.push_str(" н. э.");
        }
    }

    pub(super) fn year(out: &mut String, year: i32, era: Era, plural: bool) {
        number(out, year);
        year_words(out, year, era, plural);
    }

    /// A month standing alone in running text, lower case: "август", or "августа" after a
    /// preposition that asks for the genitive.
    fn month_word(out: &mut String, month: u32, case: Case) {
        let word = match case {
            Case::Nominative => month_alone(Language::Russian, month),
            Case::Genitive => month_in_date(Language::Russian, month),
        };
        out.extend(word.chars().flat_map(char::to_lowercase));
    }

    pub(super) fn date(out: &mut String, d: CalendarDate, case: Case, mark_ce: bool) {
        let era = if mark_ce { Era::BothEras } else { Era::Bce };
        match (d.month(), d.day()) {
            (Some(m), Some(day)) => {
                let _ = write!(out, "{day} {} ", month_in_date(Language::Russian, m));
            }
            (Some(m), None) => {
                month_word(out, m, case);
                out.push(' ');
            }
            _ => {}
        }
        year(out, d.year(), era, false);
    }

    pub(super) fn bound(out: &mut String, b: Bound, case: Case) {
        // "около" asks for the genitive: "ок. марта 1996 г.".
        let case = if b.qualifier.approximate {
            out.push_str(super::about(Language::Russian));
            Case::Genitive
        } else {
            case
        };
        date(out, b.date, case, false);
        if b.qualifier.uncertain {
            out.push_str(" (под вопросом)");
        }
    }

    pub(super) fn event(when: &EventDate) -> String {
        let mut out = String::with_capacity(48);
        match *when {
            EventDate::Single(b) => bound(&mut out, b, Case::Nominative),
            EventDate::Span {
                start: Some(s),
                end: None,
            } => {
                out.push_str("с ");
                bound(&mut out, s, Case::Genitive);
            }
            EventDate::Span {
                start: None,
                end: Some(e),
            } => {
                out.push_str("до ");
                bound(&mut out, e, Case::Genitive);
            }
            EventDate::Span {
                start: Some(s),
                end: Some(e),
            } => span(&mut out, s, e),
            EventDate::Span {
                start: None,
                end: None,
            } => out.push_str("время неизвестно"),
        }
        out
    }

    fn span(out: &mut String, s: Bound, e: Bound) {
        if !s.qualifier.is_none() || !e.qualifier.is_none() {
            bound(out, s, Case::Nominative);
            out.push_str(" – ");
            bound(out, e, Case::Nominative);
            return;
        }
        let (a, b) = (s.date, e.date);
        if a == b {
            date(out, a, Case::Nominative, false);
            return;
        }
        let same_year = a.year() == b.year();
        let cross = crosses_era(a, b);
        match (a.precision(), b.precision()) {
            (Precision::Day, Precision::Day) if same_year => {
                let (am, bm) = (a.month().unwrap_or(1), b.month().unwrap_or(1));
                let (ad, bd) = (a.day().unwrap_or(1), b.day().unwrap_or(1));
                if am == bm {
                    let _ = write!(out, "{ad}–{bd} {} ", month_in_date(Language::Russian, am));
                } else {
                    let _ = write!(
                        out,
                        "{ad} {} – {bd} {} ",
                        month_in_date(Language::Russian, am),
                        month_in_date(Language::Russian, bm)
                    );
                }
                year(out, a.year(), Era::Bce, false);
            }
            (Precision::Month, Precision::Month) if same_year => {
                month_word(out, a.month().unwrap_or(1), Case::Nominative);
                out.push('–');
                month_word(out, b.month().unwrap_or(1), Case::Nominative);
                out.push(' ');
                year(out, a.year(), Era::Bce, false);
            }
            (Precision::Year, Precision::Year) if !cross => {
                // "2024–2025 гг.", "100–44 гг. до н. э."
                number(out, a.year());
                out.push('–');
                number(out, b.year());
                year_words(out, b.year(), Era::Bce, true);
            }
            _ => {
                date(out, a, Case::Nominative, cross);
                out.push_str(" – ");
                date(out, b, Case::Nominative, cross);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> EventDate {
        EventDate::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    /// Every precision, span shape, qualifier, open end and era, in the three languages.
    #[test]
    fn date_display_table() {
        let table = [
            // (EDTF, English, Chinese, Russian)
            (
                "2024-08-21",
                "21 August 2024",
                "2024年8月21日",
                "21 августа 2024 г.",
            ),
            ("2024-08", "August 2024", "2024年8月", "август 2024 г."),
            ("2024", "2024", "2024年", "2024 г."),
            (
                "2024-05-16/2024-05-17",
                "16–17 May 2024",
                "2024年5月16日至17日",
                "16–17 мая 2024 г.",
            ),
            (
                "2024-05-30/2024-06-02",
                "30 May – 2 June 2024",
                "2024年5月30日至6月2日",
                "30 мая – 2 июня 2024 г.",
            ),
            (
                "2023-12-30/2024-01-02",
                "30 December 2023 – 2 January 2024",
                "2023年12月30日至2024年1月2日",
                "30 декабря 2023 г. – 2 января 2024 г.",
            ),
            (
                "2024-05/2024-06",
                "May–June 2024",
                "2024年5月至6月",
                "май–июнь 2024 г.",
            ),
            (
                "2023-11/2024-02",
                "November 2023 – February 2024",
                "2023年11月至2024年2月",
                "ноябрь 2023 г. – февраль 2024 г.",
            ),
            ("2024/2025", "2024–2025", "2024年至2025年", "2024–2025 гг."),
            (
                "2024-05/2025",
                "May 2024 – 2025",
                "2024年5月至2025年",
                "май 2024 г. – 2025 г.",
            ),
            ("1996~", "c. 1996", "约1996年", "ок. 1996 г."),
            (
                "1996-03~",
                "c. March 1996",
                "约1996年3月",
                "ок. марта 1996 г.",
            ),
            (
                "1996-12-27?",
                "27 December 1996 (?)",
                "1996年12月27日（存疑）",
                "27 декабря 1996 г. (под вопросом)",
            ),
            (
                "1996%",
                "c. 1996 (?)",
                "约1996年（存疑）",
                "ок. 1996 г. (под вопросом)",
            ),
            (
                "1996-12-26?/1996-12-28",
                "26 December 1996 (?) – 28 December 1996",
                "1996年12月26日（存疑）至1996年12月28日",
                "26 декабря 1996 г. (под вопросом) – 28 декабря 1996 г.",
            ),
            ("2024/..", "from 2024", "自2024年起", "с 2024 г."),
            (
                "2024-08/..",
                "from August 2024",
                "自2024年8月起",
                "с августа 2024 г.",
            ),
            (
                "2024-08-21/..",
                "from 21 August 2024",
                "自2024年8月21日起",
                "с 21 августа 2024 г.",
            ),
            (
                "../2024-03",
                "until March 2024",
                "至2024年3月",
                "до марта 2024 г.",
            ),
            ("../1996~", "until c. 1996", "至约1996年", "до ок. 1996 г."),
            ("-0043", "44 BCE", "公元前44年", "44 г. до н. э."),
            (
                "-0043-03-15",
                "15 March 44 BCE",
                "公元前44年3月15日",
                "15 марта 44 г. до н. э.",
            ),
            (
                "-0043-03",
                "March 44 BCE",
                "公元前44年3月",
                "март 44 г. до н. э.",
            ),
            (
                "-0099/-0043",
                "100 BCE–44 BCE",
                "公元前100年至公元前44年",
                "100–44 гг. до н. э.",
            ),
            ("0000", "1 BCE", "公元前1年", "1 г. до н. э."),
            ("0001", "1", "1年", "1 г."),
            (
                "-0001/0001",
                "2 BCE – 1 CE",
                "公元前2年至公元1年",
                "2 г. до н. э. – 1 г. н. э.",
            ),
            (
                "-0001-12-30/0001-01-02",
                "30 December 2 BCE – 2 January 1 CE",
                "公元前2年12月30日至公元1年1月2日",
                "30 декабря 2 г. до н. э. – 2 января 1 г. н. э.",
            ),
            (
                "2024-05-16/2024-05-16",
                "16 May 2024",
                "2024年5月16日",
                "16 мая 2024 г.",
            ),
            (
                "2000-02-29",
                "29 February 2000",
                "2000年2月29日",
                "29 февраля 2000 г.",
            ),
        ];
        for (text, en, zh, ru) in table {
            let date = parse(text);
            assert_eq!(
                date.display(Language::English),
                en,
                "English form of {text}"
            );
            assert_eq!(date.display(Language::English), date.human(), "{text}");
            assert_eq!(
                date.display(Language::Chinese),
                zh,
                "Chinese form of {text}"
            );
            assert_eq!(
                date.display(Language::Russian),
                ru,
                "Russian form of {text}"
            );
        }
    }

    #[test]
    fn both_open_ends_say_the_time_is_unknown() {
        let unknown = EventDate::Span {
            start: None,
            end: None,
        };
        assert_eq!(unknown.display(Language::English), "at an unknown time");
        assert_eq!(unknown.display(Language::Chinese), "时间不详");
        assert_eq!(unknown.display(Language::Russian), "время неизвестно");
    }

    /// The locale data gives every month in both Russian cases and the Chinese digit form.
    #[test]
    fn month_names_come_in_each_case() {
        let ru_genitive: Vec<&str> = (1..=12)
            .map(|m| month_in_date(Language::Russian, m))
            .collect();
        assert_eq!(
            ru_genitive,
            [
                "января",
                "февраля",
                "марта",
                "апреля",
                "мая",
                "июня",
                "июля",
                "августа",
                "сентября",
                "октября",
                "ноября",
                "декабря"
            ]
        );
        let ru_alone: Vec<&str> = (1..=12)
            .map(|m| month_alone(Language::Russian, m))
            .collect();
        assert_eq!(ru_alone[4], "Май");
        assert_eq!(ru_alone[7], "Август");
        let short = |language, m| {
            let mut s = String::new();
            push_month_short(&mut s, language, m);
            s
        };
        assert_eq!(short(Language::Russian, 8), "авг.");
        assert_eq!(short(Language::Russian, 5), "май");
        assert_eq!(short(Language::Chinese, 8), "8月");
        assert_eq!(short(Language::Chinese, 12), "12月");
        assert_eq!(short(Language::English, 8), "Aug");
        assert_eq!(month_in_date(Language::English, 1), "January");
        for m in 1..=12 {
            assert_eq!(month_in_date(Language::Chinese, m), format!("{m}月"));
        }
    }

    #[test]
    fn single_dates_and_years() {
        let day = CalendarDate::new(2024, Some(8), Some(21)).unwrap();
        assert_eq!(day.display(Language::Russian), "21 августа 2024 г.");
        let month = CalendarDate::new(2024, Some(8), None).unwrap();
        assert_eq!(month.display(Language::Chinese), "2024年8月");
        assert_eq!(year_display(Language::Russian, -43), "44 г. до н. э.");
        assert_eq!(year_display(Language::Chinese, 1996), "1996年");
        assert_eq!(year_display(Language::English, 0), "1 BCE");
        let mut axis = String::new();
        push_axis_year(&mut axis, Language::Russian, -299, false);
        assert_eq!(axis, "300 до н. э.");
        assert_eq!(width_in_chars("2024年"), 6);
        assert_eq!(years_display(Language::English, 1949, 2025), "1949–2025");
        assert_eq!(
            years_display(Language::Chinese, 1949, 2025),
            "1949年至2025年"
        );
        assert_eq!(
            years_display(Language::Russian, 1949, 2025),
            "1949–2025 гг."
        );
        assert_eq!(years_display(Language::Russian, 2024, 2024), "2024 г.");
        assert_eq!(width_in_chars("авг."), 4);
    }
}
