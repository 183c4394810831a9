//! Dates as hand editors write them: a subset of EDTF (ISO 8601-2, levels 0 and 1).
//!
//! | written                   | meaning                              | shown as               |
//! |---------------------------|--------------------------------------|------------------------|
//! | `2024-08-21`              | a day                                | 21 August 2024         |
//! | `2023-12`                 | a month, day unknown                 | December 2023          |
//! | `1996`                    | a year                               | 1996                   |
//! | `2024-05-16/2024-05-17`   | a span, both ends inclusive          | 16–17 May 2024         |
//! | `1996-12-27?`             | uncertain                            | 27 December 1996 (?)   |
//! | `1996~`                   | approximate                          | c. 1996                |
//! | `1996%`                   | uncertain and approximate            | c. 1996 (?)            |
//! | `2024/..`, `../2024`      | open end, open start                 | from 2024, until 2024  |
//! | `-0043-03-15`             | astronomical year −43 = 44 BCE       | 15 March 44 BCE        |
//!
//! Every date covers a range of whole days, `earliest_day()..=latest_day()`, counted as
//! [`DayNumber`]s (chrono's days from the common era: 0001-01-01 is day 1).

use std::cmp::Ordering;
use std::fmt;

use chrono::{Datelike, NaiveDate};

/// Days from the common era, as chrono counts them: 0001-01-01 is 1, 0000-12-31 is 0.
pub type DayNumber = i64;

/// The earliest day of a date with an open start (`../2024`): before any real date.
pub(crate) const OPEN_START_DAY: DayNumber = -10_000_000;
/// The latest day of a date with an open end (`2024/..`): after any real date.
pub(crate) const OPEN_END_DAY: DayNumber = 10_000_000;

/// Years written with four digits: -9999 ..= 9999 (astronomical numbering).
pub(crate) const MIN_YEAR: i32 = -9999;
/// See [`MIN_YEAR`].
pub(crate) const MAX_YEAR: i32 = 9999;

/// English name of a month, 1-based.
pub(crate) fn month_name(month: u32) -> &'static str {
    // The GNU C library's locale data, as for the other languages (model::date_display).
    pure_rust_locales::en_US::LC_TIME::MON[(month as usize).clamp(1, 12) - 1]
}

/// A year for people: astronomical year 0 is "1 BCE", −43 is "44 BCE", 2024 is "2024".
pub(crate) fn year_label(year: i32) -> String {
    if year <= 0 {
        format!("{} BCE", 1 - i64::from(year))
    } else {
        year.to_string()
    }
}

/// How much of a calendar date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    Day,
    Month,
    Year,
}

/// EDTF level-1 qualifiers of one date: `?` uncertain, `~` approximate, `%` both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Qualifier {
    pub uncertain: bool,
    pub approximate: bool,
}

impl Qualifier {
    pub const NONE: Self = Self {
        uncertain: false,
        approximate: false,
    };

    fn suffix(self) -> &'static str {
        match (self.uncertain, self.approximate) {
            (false, false) => "",
            (true, false) => "?",
            (false, true) => "~",
            (true, true) => "%",
        }
    }

    pub fn is_none(self) -> bool {
        self == Self::NONE
    }
}

/// A calendar date known to the day, the month or only the year. Always a real date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CalendarDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

impl CalendarDate {
    /// A checked date; `day` needs `month`.
    pub fn new(year: i32, month: Option<u32>, day: Option<u32>) -> Result<Self, String> {
        Self::checked(year, month, day).map_err(|why| why.english())
    }

    /// [`Self::new`], saying why in words of the message files.
    fn checked(year: i32, month: Option<u32>, day: Option<u32>) -> Result<Self, DateReason> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(DateReason::new(
                "diag-date-year-range",
                vec![
                    ("year", arg(year)),
                    ("min", arg(MIN_YEAR)),
                    ("max", arg(MAX_YEAR)),
                ],
            ));
        }
        if let Some(month) = month
            && !(1..=12).contains(&month)
        {
            return Err(DateReason::new(
                "diag-date-no-month",
                vec![("month", arg(format!("{month:02}")))],
            ));
        }
        if let Some(day) = day {
            let Some(month) = month else {
                return Err(DateReason::new("diag-date-day-needs-month", Vec::new()));
            };
            // The real (proleptic Gregorian) calendar decides, through chrono.
            if NaiveDate::from_ymd_opt(year, month, day).is_none() {
                let key = if month == 2 && day == 29 {
                    "diag-date-no-day-leap"
                } else {
                    "diag-date-no-day"
                };
                return Err(DateReason::new(
                    key,
                    vec![
                        ("day", arg(format!("{day:02}"))),
                        ("month", DateArg::Number(i64::from(month))),
                        ("year", arg(year_label(year))),
                        // A number, so that the languages that have plurals choose the form.
                        (
                            "days",
                            DateArg::Number(i64::from(days_in_month(year, month))),
                        ),
                    ],
                ));
            }
        }
        Ok(Self {
            year,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }

    /// A day-precision date from chrono's day number.
    pub(crate) fn from_day_number(day: DayNumber) -> Option<Self> {
        let date = NaiveDate::from_num_days_from_ce_opt(i32::try_from(day).ok()?)?;
        Self::new(date.year(), Some(date.month()), Some(date.day())).ok()
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> Option<u32> {
        self.month.map(u32::from)
    }

    pub fn day(self) -> Option<u32> {
        self.day.map(u32::from)
    }

    pub fn precision(self) -> Precision {
        match (self.month, self.day) {
            (_, Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            (None, None) => Precision::Year,
        }
    }

    /// First day this date can mean.
    pub fn first_day(self) -> DayNumber {
        day_number(
            self.year,
            self.month().unwrap_or(1),
            self.day().unwrap_or(1),
        )
    }

    /// Last day this date can mean.
    pub fn last_day(self) -> DayNumber {
        let month = self.month().unwrap_or(12);
        let day = self
            .day()
            .unwrap_or_else(|| days_in_month(self.year, month));
        day_number(self.year, month, day)
    }

    /// "19 December 2023", "December 2023", "2024", "44 BCE".
    pub fn human(self) -> String {
        let year = year_label(self.year);
        match (self.month(), self.day()) {
            (Some(m), Some(d)) => format!("{d} {} {year}", month_name(m)),
            (Some(m), None) => format!("{} {year}", month_name(m)),
            _ => year,
        }
    }

    fn write_edtf(self, out: &mut String) {
        // Digits pushed by hand: `fmt` writes every event's date (a million at a time), and
        // formatting machinery was a tenth of its work.
        if self.year < 0 {
            out.push('-');
        }
        push_padded(out, self.year.unsigned_abs(), 4);
        if let Some(m) = self.month {
            out.push('-');
            push_padded(out, u32::from(m), 2);
        }
        if let Some(d) = self.day {
            out.push('-');
            push_padded(out, u32::from(d), 2);
        }
    }
}

/// `n` in decimal, with leading zeros up to `width` digits.
fn push_padded(out: &mut String, mut n: u32, width: usize) {
    let mut digits = [0u8; 10];
    let mut len = 0;
    loop {
        digits[len] = b'0' + (n % 10) as u8;
        len += 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for _ in len..width {
        out.push('0');
    }
    for &d in digits[..len].iter().rev() {
        out.push(char::from(d));
    }
}

/// One end of a span, or a single date, with its qualifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Bound {
    pub date: CalendarDate,
    pub qualifier: Qualifier,
}

impl Bound {
    pub fn exact(date: CalendarDate) -> Self {
        Self {
            date,
            qualifier: Qualifier::NONE,
        }
    }

    /// "c. 1996", "27 December 1996 (?)", "c. 1996 (?)".
    pub fn human(self) -> String {
        qualified(self.date.human(), self.qualifier)
    }

    fn write_edtf(self, out: &mut String) {
        self.date.write_edtf(out);
        out.push_str(self.qualifier.suffix());
    }
}

fn qualified(text: String, qualifier: Qualifier) -> String {
    let text = if qualifier.approximate {
        format!("c. {text}")
    } else {
        text
    };
    if qualifier.uncertain {
        format!("{text} (?)")
    } else {
        text
    }
}

/// When an event happened: one (possibly reduced or qualified) date, or an inclusive span
/// whose start or end may be open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventDate {
    Single(Bound),
    /// At least one end is `Some`; `None` is an open end (`..`).
    Span {
        start: Option<Bound>,
        end: Option<Bound>,
    },
}

/// A date string that is not one we understand, with the reason.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid date \"{input}\": {reason}")]
pub struct DateError {
    pub input: String,
    /// In English, rendered from `why`.
    pub reason: String,
    /// The reason as a message of `diagnostics.ftl`, for other languages.
    pub why: DateReason,
}

/// Why a date is not understood: a message id of `diagnostics.ftl` (`diag-date-…`) and its
/// variables, and which end of a span it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateReason {
    pub key: &'static str,
    pub args: Vec<(&'static str, DateArg)>,
    /// `Some("start")` or `Some("end")` for a problem with one end of a span.
    pub side: Option<&'static str>,
}

/// A variable of a [`DateReason`]: a text, or a number (a month chooses its name by it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateArg {
    Text(String),
    Number(i64),
}

impl DateError {
    /// The whole message in `language`: "invalid date "2024-02-30": …", as `check` says it
    /// in English.
    pub fn text(&self, language: crate::i18n::Language) -> String {
        crate::tr!(
            language,
            "diag-invalid-date",
            input = self.input.as_str(),
            reason = self.why.text(language)
        )
    }
}

impl DateReason {
    fn new(key: &'static str, args: Vec<(&'static str, DateArg)>) -> Self {
        Self {
            key,
            args,
            side: None,
        }
    }

    /// The reason in English, as `annals check` prints it.
    pub fn english(&self) -> String {
        self.text(crate::i18n::Language::English)
    }

    /// The reason in `language` (the window's date fields say it in the interface's).
    pub fn text(&self, language: crate::i18n::Language) -> String {
        use crate::i18n::{Arg, tr_with};
        let args: Vec<(&str, Arg<'_>)> = self
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    DateArg::Text(text) => Arg::from(text),
                    DateArg::Number(n) => Arg::from(*n),
                };
                (*name, value)
            })
            .collect();
        let reason = tr_with(language, self.key, &args);
        match self.side {
            Some(side) => tr_with(
                language,
                "diag-date-side",
                &[("side", Arg::from(side)), ("reason", Arg::from(reason))],
            ),
            None => reason,
        }
    }
}

fn arg(value: impl ToString) -> DateArg {
    DateArg::Text(value.to_string())
}

impl EventDate {
    /// Parse the EDTF subset described in the module documentation.
    pub fn parse(input: &str) -> Result<Self, DateError> {
        let fail = |why: DateReason| DateError {
            input: input.to_owned(),
            reason: why.english(),
            why,
        };
        let simple = |key| fail(DateReason::new(key, Vec::new()));
        let on = |side| {
            move |mut why: DateReason| {
                why.side = Some(side);
                fail(why)
            }
        };
        if input.is_empty() {
            return Err(simple("diag-date-empty"));
        }
        if input.trim() != input {
            return Err(simple("diag-date-spaces"));
        }
        let Some((left, right)) = input.split_once('/') else {
            return parse_bound(input).map(EventDate::Single).map_err(fail);
        };
        if right.contains('/') {
            return Err(simple("diag-date-one-slash"));
        }
        let start = match left {
            ".." => None,
            "" => return Err(simple("diag-date-no-start")),
            text => Some(parse_bound(text).map_err(on("start"))?),
        };
        let end = match right {
            ".." => None,
            "" => return Err(simple("diag-date-no-end")),
            text => Some(parse_bound(text).map_err(on("end"))?),
        };
        match (start, end) {
            (None, None) => Err(simple("diag-date-no-known-end")),
            (Some(s), Some(e)) if e.date.last_day() < s.date.first_day() => {
                Err(fail(DateReason::new(
                    "diag-date-backwards",
                    vec![("end", arg(e.date.human())), ("start", arg(s.date.human()))],
                )))
            }
            _ => Ok(EventDate::Span { start, end }),
        }
    }

    /// A single day.
    pub fn day(year: i32, month: u32, day: u32) -> Result<Self, String> {
        CalendarDate::new(year, Some(month), Some(day)).map(|d| EventDate::Single(Bound::exact(d)))
    }

    /// The EDTF text, as written in records: parsing it gives this date back.
    pub fn to_edtf(&self) -> String {
        let mut out = String::with_capacity(24);
        match *self {
            EventDate::Single(b) => b.write_edtf(&mut out),
            EventDate::Span { start, end } => {
                match start {
                    Some(b) => b.write_edtf(&mut out),
                    None => out.push_str(".."),
                }
                out.push('/');
                match end {
                    Some(b) => b.write_edtf(&mut out),
                    None => out.push_str(".."),
                }
            }
        }
        out
    }

    /// First day the date can mean; [`OPEN_START_DAY`] for an open start.
    pub fn earliest_day(&self) -> DayNumber {
        match self {
            EventDate::Single(b) => b.date.first_day(),
            EventDate::Span { start: Some(b), .. } => b.date.first_day(),
            EventDate::Span { start: None, .. } => OPEN_START_DAY,
        }
    }

    /// Last day the date can mean; [`OPEN_END_DAY`] for an open end.
    pub fn latest_day(&self) -> DayNumber {
        match self {
            EventDate::Single(b) => b.date.last_day(),
            EventDate::Span { end: Some(b), .. } => b.date.last_day(),
            EventDate::Span { end: None, .. } => OPEN_END_DAY,
        }
    }

    /// Known first day: like [`Self::earliest_day`] but `None` for an open start.
    pub(crate) fn known_start(&self) -> Option<DayNumber> {
        self.start_bound().map(|b| b.date.first_day())
    }

    /// Known last day: like [`Self::latest_day`] but `None` for an open end.
    pub(crate) fn known_end(&self) -> Option<DayNumber> {
        self.end_bound().map(|b| b.date.last_day())
    }

    pub(crate) fn start_bound(&self) -> Option<Bound> {
        match *self {
            EventDate::Single(b) => Some(b),
            EventDate::Span { start, .. } => start,
        }
    }

    pub(crate) fn end_bound(&self) -> Option<Bound> {
        match *self {
            EventDate::Single(b) => Some(b),
            EventDate::Span { end, .. } => end,
        }
    }

    /// The precision used for ordering: that of the start (or of the end when the start is open).
    pub fn precision(&self) -> Precision {
        self.start_bound()
            .or_else(|| self.end_bound())
            .map_or(Precision::Year, |b| b.date.precision())
    }

    /// True when a span was written (`a/b`), even if both ends fall on one day.
    pub(crate) fn is_span(&self) -> bool {
        matches!(self, EventDate::Span { .. })
    }

    /// True when any part is uncertain (`?` or `%`).
    pub(crate) fn is_uncertain(&self) -> bool {
        self.bounds().any(|b| b.qualifier.uncertain)
    }

    /// True when any part is approximate (`~` or `%`).
    pub fn is_approximate(&self) -> bool {
        self.bounds().any(|b| b.qualifier.approximate)
    }

    fn bounds(&self) -> impl Iterator<Item = Bound> {
        let (a, b) = match *self {
            EventDate::Single(b) => (Some(b), None),
            EventDate::Span { start, end } => (start, end),
        };
        a.into_iter().chain(b)
    }

    /// Chronological order of dates: earliest day, then precision (a day before its month
    /// before its year). Events add their id to make the order total.
    pub fn chronological_cmp(&self, other: &Self) -> Ordering {
        self.earliest_day()
            .cmp(&other.earliest_day())
            .then(self.precision().cmp(&other.precision()))
    }

    /// The date in words: "16–17 May 2024", "c. 1996", "from 2024".
    pub fn human(&self) -> String {
        match *self {
            EventDate::Single(b) => b.human(),
            EventDate::Span {
                start: Some(s),
                end: None,
            } => format!("from {}", s.human()),
            EventDate::Span {
                start: None,
                end: Some(e),
            } => format!("until {}", e.human()),
            EventDate::Span {
                start: Some(s),
                end: Some(e),
            } => human_span(s, e),
            EventDate::Span {
                start: None,
                end: None,
            } => "at an unknown time".to_owned(),
        }
    }
}

/// Two known ends in words, sharing what they have in common ("16–17 May 2024").
fn human_span(s: Bound, e: Bound) -> String {
    if !s.qualifier.is_none() || !e.qualifier.is_none() {
        return format!("{} – {}", s.human(), e.human());
    }
    let (a, b) = (s.date, e.date);
    if a == b {
        return a.human();
    }
    let crosses_era = (a.year <= 0) != (b.year <= 0);
    let year_end = |y: i32| {
        if crosses_era {
            format!("{} CE", year_label(y))
        } else {
            year_label(y)
        }
    };
    match (a.precision(), b.precision()) {
        (Precision::Day, Precision::Day) => {
            let (am, bm) = (a.month().unwrap_or(1), b.month().unwrap_or(1));
            let (ad, bd) = (a.day().unwrap_or(1), b.day().unwrap_or(1));
            if a.year == b.year && am == bm {
                format!("{ad}–{bd} {} {}", month_name(am), year_label(a.year))
            } else if a.year == b.year {
                format!(
                    "{ad} {} – {bd} {} {}",
                    month_name(am),
                    month_name(bm),
                    year_label(a.year)
                )
            } else {
                format!(
                    "{} – {bd} {} {}",
                    a.human(),
                    month_name(bm),
                    year_end(b.year)
                )
            }
        }
        (Precision::Month, Precision::Month) if a.year == b.year => format!(
            "{}–{} {}",
            month_name(a.month().unwrap_or(1)),
            month_name(b.month().unwrap_or(1)),
            year_label(a.year)
        ),
        (Precision::Year, Precision::Year) if crosses_era => {
            format!("{} – {}", year_label(a.year), year_end(b.year))
        }
        (Precision::Year, Precision::Year) => {
            format!("{}–{}", year_label(a.year), year_label(b.year))
        }
        _ => format!("{} – {}", a.human(), b.human()),
    }
}

impl fmt::Display for EventDate {
    /// The EDTF text (see [`EventDate::to_edtf`]); use [`EventDate::human`] for people.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_edtf())
    }
}

impl std::str::FromStr for EventDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl serde::Serialize for EventDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_edtf())
    }
}

impl<'de> serde::Deserialize<'de> for EventDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = EventDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a date string such as \"2024\", \"2024-05\" or \"2024-05-16/2024-05-17\"",
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<EventDate, E> {
                EventDate::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// Parse one date with an optional qualifier suffix: `2024`, `2024-05`, `2024-05-16`, `1996~`.
fn parse_bound(text: &str) -> Result<Bound, DateReason> {
    let (body, qualifier) = match text.as_bytes().last() {
        Some(b'?') => (
            &text[..text.len() - 1],
            Qualifier {
                uncertain: true,
                approximate: false,
            },
        ),
        Some(b'~') => (
            &text[..text.len() - 1],
            Qualifier {
                uncertain: false,
                approximate: true,
            },
        ),
        Some(b'%') => (
            &text[..text.len() - 1],
            Qualifier {
                uncertain: true,
                approximate: true,
            },
        ),
        _ => (text, Qualifier::NONE),
    };
    let shape = || DateReason::new("diag-date-shape", Vec::new());
    let (negative, digits) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let mut parts = digits.split('-');
    let year_text = parts.next().unwrap_or_default();
    let month_text = parts.next();
    let day_text = parts.next();
    if parts.next().is_some() {
        return Err(shape());
    }
    let number = |part: &str, width: usize, what: &str| -> Result<u32, DateReason> {
        if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DateReason::new(
                "diag-date-digits",
                vec![("what", arg(what)), ("width", arg(width))],
            ));
        }
        part.parse::<u32>().map_err(|_| shape())
    };
    let year = number(year_text, 4, "year")? as i32;
    if negative && year == 0 {
        return Err(DateReason::new("diag-date-year-zero", Vec::new()));
    }
    let year = if negative { -year } else { year };
    let month = month_text.map(|m| number(m, 2, "month")).transpose()?;
    let day = day_text.map(|d| number(d, 2, "day")).transpose()?;
    let date = CalendarDate::checked(year, month, day)?;
    Ok(Bound { date, qualifier })
}

/// Days in a month, from chrono's calendar.
fn days_in_month(year: i32, month: u32) -> u32 {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    match (
        NaiveDate::from_ymd_opt(year, month, 1),
        NaiveDate::from_ymd_opt(next_year, next_month, 1),
    ) {
        (Some(first), Some(next)) => (next - first).num_days() as u32,
        _ => 31,
    }
}

/// Proleptic Gregorian leap years (astronomical numbering, so year 0 is a leap year).
pub(crate) fn is_leap_year(year: i32) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// chrono's day number of a checked calendar date.
pub fn day_number(year: i32, month: u32, day: u32) -> DayNumber {
    NaiveDate::from_ymd_opt(year, month, day).map_or(0, |d| DayNumber::from(d.num_days_from_ce()))
}

/// The calendar date (year, month, day) of a day number, if chrono can represent it.
pub(crate) fn ymd_of_day(day: DayNumber) -> Option<(i32, u32, u32)> {
    let date = NaiveDate::from_num_days_from_ce_opt(i32::try_from(day).ok()?)?;
    Some((date.year(), date.month(), date.day()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> EventDate {
        EventDate::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn parse_and_print_table() {
        let table = [
            ("2023-12-19", "19 December 2023", Precision::Day),
            ("2023-12", "December 2023", Precision::Month),
            ("2024", "2024", Precision::Year),
            ("2024-05-16/2024-05-17", "16–17 May 2024", Precision::Day),
            (
                "2024-05-30/2024-06-02",
                "30 May – 2 June 2024",
                Precision::Day,
            ),
            (
                "2023-12-30/2024-01-02",
                "30 December 2023 – 2 January 2024",
                Precision::Day,
            ),
            ("2024-05/2024-06", "May–June 2024", Precision::Month),
            ("2024/2025", "2024–2025", Precision::Year),
            ("1996~", "c. 1996", Precision::Year),
            ("1996-12-27?", "27 December 1996 (?)", Precision::Day),
            ("1996%", "c. 1996 (?)", Precision::Year),
            ("2024/..", "from 2024", Precision::Year),
            ("../2024-03", "until March 2024", Precision::Month),
            ("-0043", "44 BCE", Precision::Year),
            ("-0043-03-15", "15 March 44 BCE", Precision::Day),
            ("0000", "1 BCE", Precision::Year),
            ("0001", "1", Precision::Year),
            ("-0001/0001", "2 BCE – 1 CE", Precision::Year),
            (
                "1996-12-26?/1996-12-28",
                "26 December 1996 (?) – 28 December 1996",
                Precision::Day,
            ),
            ("2024-05-16/2024-05-16", "16 May 2024", Precision::Day),
            ("2000-02-29", "29 February 2000", Precision::Day),
        ];
        for (text, human, precision) in table {
            let date = parse(text);
            assert_eq!(date.human(), human, "human form of {text}");
            assert_eq!(date.to_edtf(), text, "EDTF form of {text}");
            assert_eq!(date.precision(), precision, "precision of {text}");
        }
    }

    #[test]
    fn invalid_inputs_name_the_string_and_the_problem() {
        let table = [
            (
                "2023-02-29",
                "day 29 does not exist: February 2023 has 28 days (2023 is not a leap year)",
            ),
            ("1900-02-29", "1900 is not a leap year"),
            ("2024-13", "month 13 does not exist"),
            ("2024-00", "month 00 does not exist"),
            ("2024-04-31", "April 2024 has 30 days"),
            ("2024-04-00", "day 00 does not exist"),
            ("24", "the year must be 4 digits"),
            ("2024-5", "the month must be 2 digits"),
            ("2024-05-1", "the day must be 2 digits"),
            ("2024-05-16-01", "expected YYYY"),
            ("", "the date is empty"),
            (" 2024", "remove the spaces"),
            ("2024/2023", "the span ends (2023) before it starts (2024)"),
            ("../..", "at least one known end"),
            ("2024/", "the end of the span is missing"),
            ("/2024", "the start of the span is missing"),
            ("2024/2025/2026", "exactly one `/`"),
            ("-0000", "year zero is written 0000"),
            ("abcd", "the year must be 4 digits"),
            ("2024??", "the year must be 4 digits"),
            ("May 2024", "the year must be 4 digits"),
            ("2024-05-16/2024-13", "end: month 13 does not exist"),
        ];
        for (text, reason) in table {
            let err = EventDate::parse(text).expect_err(text);
            assert_eq!(err.input, text);
            assert!(
                err.to_string().contains(reason),
                "error for {text:?} was {err}, expected it to contain {reason:?}"
            );
            assert!(
                err.to_string()
                    .starts_with(&format!("invalid date \"{text}\""))
            );
        }
    }

    #[test]
    fn earliest_and_latest_days() {
        let d = |y, m, d| day_number(y, m, d);
        assert_eq!(parse("2024").earliest_day(), d(2024, 1, 1));
        assert_eq!(parse("2024").latest_day(), d(2024, 12, 31));
        assert_eq!(parse("2024-02").latest_day(), d(2024, 2, 29));
        assert_eq!(parse("2023-02").latest_day(), d(2023, 2, 28));
        assert_eq!(parse("2024-05-16/2024-05-17").latest_day(), d(2024, 5, 17));
        assert_eq!(parse("2024/..").latest_day(), OPEN_END_DAY);
        assert_eq!(parse("../2024").earliest_day(), OPEN_START_DAY);
        assert_eq!(parse("0001-01-01").earliest_day(), 1);
        assert_eq!(parse("0000-12-31").earliest_day(), 0);
        assert!(parse("-9999").earliest_day() > OPEN_START_DAY);
        assert!(parse("9999").latest_day() < OPEN_END_DAY);
    }

    #[test]
    fn order_is_day_then_month_then_year() {
        let mut dates = [parse("2024"), parse("2024-01"), parse("2024-01-01")];
        dates.sort_by(EventDate::chronological_cmp);
        let printed: Vec<String> = dates.iter().map(EventDate::to_edtf).collect();
        assert_eq!(printed, ["2024-01-01", "2024-01", "2024"]);
        assert_eq!(
            parse("-0043").chronological_cmp(&parse("0000")),
            Ordering::Less,
            "44 BCE comes before 1 BCE"
        );
    }

    #[test]
    fn serde_round_trip_through_ron_string() {
        let date = parse("2024-05-16/2024-05-17");
        let text = ron::to_string(&date).unwrap();
        assert_eq!(text, "\"2024-05-16/2024-05-17\"");
        let back: EventDate = ron::from_str(&text).unwrap();
        assert_eq!(back, date);
        let err = ron::from_str::<EventDate>("\"2023-02-29\"").unwrap_err();
        assert!(
            err.to_string().contains("February 2023 has 28 days"),
            "{err}"
        );
    }
}
