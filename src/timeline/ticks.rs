//! Calendar-aware ticks for the time axis: a minor row at the finest unit whose labels fit
//! (years, months, days or hours) and a major row giving context ("2024", "May 2024"), in
//! the language of the interface ("8月" / "авг." under "2024年" / "2024").

use std::fmt::Write as _;

use crate::i18n::Language;
use crate::model::date::{CalendarDate, DayNumber, day_number, is_leap_year, ymd_of_day};
use crate::model::date_display::{
    month_alone, push_axis_year, push_month_short, width_in_chars, year_display,
};

use super::scale::TimeView;

/// A tick step on the calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TickUnit {
    Years(i32),
    Months(u32),
    /// Weeks starting on Mondays.
    Weeks,
    Days(u32),
    Hours(u32),
    Minutes(u32),
}

impl TickUnit {
    /// Finest to coarsest candidates.
    pub(crate) const LADDER: [TickUnit; 24] = [
        TickUnit::Minutes(5),
        TickUnit::Minutes(10),
        TickUnit::Minutes(15),
        TickUnit::Minutes(30),
        TickUnit::Hours(1),
        TickUnit::Hours(3),
        TickUnit::Hours(6),
        TickUnit::Hours(12),
        TickUnit::Days(1),
        TickUnit::Days(2),
        TickUnit::Weeks,
        TickUnit::Months(1),
        TickUnit::Months(3),
        TickUnit::Months(6),
        TickUnit::Years(1),
        TickUnit::Years(2),
        TickUnit::Years(5),
        TickUnit::Years(10),
        TickUnit::Years(20),
        TickUnit::Years(50),
        TickUnit::Years(100),
        TickUnit::Years(200),
        TickUnit::Years(500),
        TickUnit::Years(1000),
    ];

    /// Typical length of one step, in days.
    pub(crate) fn nominal_days(self) -> f64 {
        match self {
            TickUnit::Years(n) => f64::from(n) * 365.2425,
            TickUnit::Months(n) => f64::from(n) * 30.436_875,
            TickUnit::Weeks => 7.0,
            TickUnit::Days(n) => f64::from(n),
            TickUnit::Hours(n) => f64::from(n) / 24.0,
            TickUnit::Minutes(n) => f64::from(n) / 1440.0,
        }
    }

    /// The unit that gives context above this one.
    pub(crate) fn major(self) -> TickUnit {
        match self {
            TickUnit::Hours(_) | TickUnit::Minutes(_) => TickUnit::Days(1),
            TickUnit::Days(_) | TickUnit::Weeks => TickUnit::Months(1),
            TickUnit::Months(_) => TickUnit::Years(1),
            TickUnit::Years(n) if n < 10 => TickUnit::Years(10),
            TickUnit::Years(n) if n < 100 => TickUnit::Years(100),
            TickUnit::Years(n) if n < 1000 => TickUnit::Years(1000),
            TickUnit::Years(_) => TickUnit::Years(10_000),
        }
    }

    /// The longest minor label this unit can have in `years`, in average Latin characters
    /// (a CJK character counts two: see [`width_in_chars`]).
    fn label_chars(self, years: (i32, i32), language: Language) -> usize {
        let wide = |latin: usize, chinese: usize, russian: usize| match language {
            Language::English => latin,
            Language::Chinese => chinese,
            Language::Russian => russian,
        };
        match self {
            TickUnit::Years(n) => {
                let width = |year: i32| width_in_chars(&years_label(n, year, language));
                width(years.0).max(width(years.1))
            }
            // "Q4", "4季度", "III кв."
            TickUnit::Months(3) => wide(2, 5, 7),
            // "Aug", "12月", "сент." at most
            TickUnit::Months(_) => wide(3, 4, 5),
            // "27", "27日"
            TickUnit::Weeks | TickUnit::Days(_) => wide(2, 4, 2),
            TickUnit::Hours(_) | TickUnit::Minutes(_) => 5,
        }
    }
}

/// One tick: where it is and what it says.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Fractional day number of the tick's instant.
    pub day: f64,
    pub label: String,
}

/// A grid line: finer units fade in as they get room.
#[derive(Clone, Debug, PartialEq)]
pub struct TickLine {
    pub day: f64,
    /// 0 (invisible) to 1 (as strong as a labelled tick).
    pub strength: f32,
}

/// Both rows of the time axis, and the grid lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Ruler {
    pub unit: TickUnit,
    pub minor: Vec<Tick>,
    pub major: Vec<Tick>,
    /// Lines of the labelled unit (strength 1) and of up to two finer units fading in.
    pub lines: Vec<TickLine>,
}

/// Lines closer than this are not drawn at all.
const FADE_START_PX: f64 = 8.0;

/// Ticks for `view` drawn `width_px` wide: minor labels at least `min_spacing_px` apart and
/// never closer than their own width (`char_px` a character) plus a gap; labels in `language`.
pub fn ruler(
    view: &TimeView,
    width_px: f64,
    min_spacing_px: f64,
    char_px: f64,
    language: Language,
) -> Ruler {
    let days_per_px = view.days_per_px(width_px);
    let year_at = |day: f64| ymd_of_day(day.floor() as DayNumber).map_or(0, |(y, _, _)| y);
    let years = (year_at(view.start_day), year_at(view.end_day()));
    let position = TickUnit::LADDER
        .iter()
        .position(|u| {
            let spacing = u.nominal_days() / days_per_px;
            spacing >= min_spacing_px
                && spacing >= u.label_chars(years, language) as f64 * char_px + 12.0
        })
        .unwrap_or(TickUnit::LADDER.len() - 1);
    let unit = TickUnit::LADDER[position];
    let (from, to) = (view.start_day, view.end_day());
    let minor = ticks(unit, from, to, false, language);
    let mut lines: Vec<TickLine> = Vec::new();
    for finer in TickUnit::LADDER[..position].iter().rev().take(2) {
        let spacing = finer.nominal_days() / days_per_px;
        if spacing < FADE_START_PX {
            break;
        }
        let strength =
            ((spacing - FADE_START_PX) / (min_spacing_px - FADE_START_PX)).clamp(0.0, 1.0) as f32;
        lines.extend(
            tick_days(*finer, from, to)
                .into_iter()
                .map(|day| TickLine { day, strength }),
        );
    }
    lines.extend(minor.iter().map(|t| TickLine {
        day: t.day,
        strength: 1.0,
    }));
    let major_unit = unit.major();
    if major_unit == TickUnit::Years(10_000) {
        // Millennia need no context above them ("10000 BCE" over "1 CE" says nothing).
        return Ruler {
            unit,
            minor,
            major: Vec::new(),
            lines,
        };
    }
    // The major row also names the period the left edge is in, so context is never missing.
    let mut major = ticks(major_unit, from, to, true, language);
    let first_major = floor_to_unit(major_unit, from);
    if major.first().is_none_or(|t| t.day > from + 1e-9)
        && let Some(day) = first_major
    {
        major.insert(
            0,
            Tick {
                day: day as f64,
                label: major_label(major_unit, day, language),
            },
        );
    }
    Ruler {
        unit,
        minor,
        major,
        lines,
    }
}

/// The instants of `unit` in `[from, to)`, without labels.
fn tick_days(unit: TickUnit, from: f64, to: f64) -> Vec<f64> {
    ticks(unit, from, to, false, Language::English)
        .into_iter()
        .map(|t| t.day)
        .collect()
}

/// The boundaries of `unit` within `[from, to)`.
pub(crate) fn ticks(
    unit: TickUnit,
    from: f64,
    to: f64,
    major: bool,
    language: Language,
) -> Vec<Tick> {
    const MAX_TICKS: usize = 4000;
    let mut out = Vec::new();
    let first_day = from.floor() as DayNumber - 1;
    let Some((y0, m0, _)) = ymd_of_day(first_day) else {
        return out;
    };
    let label = |day: DayNumber, minute: u32| -> String {
        if major {
            major_label(unit, day, language)
        } else {
            minor_label(unit, day, minute, language)
        }
    };
    match unit {
        TickUnit::Years(n) => {
            let mut round = y0.div_euclid(n) * n - n;
            while out.len() < MAX_TICKS && round < 262_000 {
                if round == 0 && n > 1 && n < 10 {
                    // Year 1 would stand less than a step from year n (one year from year 2):
                    // its label, longest in Chinese ("公元1年"), could run into the next one.
                    round += n;
                    continue;
                }
                let day = day_number(tick_year(round, n), 1, 1);
                if day as f64 >= to {
                    break;
                }
                if day as f64 >= from {
                    out.push(Tick {
                        day: day as f64,
                        label: label(day, 0),
                    });
                }
                round += n;
            }
        }
        TickUnit::Months(n) => {
            let (mut year, mut month) = (y0, m0 - (m0 - 1) % n);
            while out.len() < MAX_TICKS {
                let day = day_number(year, month, 1);
                if day as f64 >= to {
                    break;
                }
                if day as f64 >= from {
                    out.push(Tick {
                        day: day as f64,
                        label: label(day, 0),
                    });
                }
                month += n;
                if month > 12 {
                    month -= 12;
                    year += 1;
                }
            }
        }
        TickUnit::Days(n) => {
            let mut day = first_day;
            while out.len() < MAX_TICKS && (day as f64) < to {
                if let Some((y, m, d)) = ymd_of_day(day) {
                    let month_len = days_in(y, m);
                    // Steps restart at each month's 1st; a last step closer than `n` days to
                    // the next 1st is dropped so labels keep their spacing.
                    let on_step = (d - 1) % n == 0 && d + n - 1 <= month_len;
                    if on_step && day as f64 >= from {
                        out.push(Tick {
                            day: day as f64,
                            label: label(day, 0),
                        });
                    }
                }
                day += 1;
            }
        }
        TickUnit::Weeks => {
            // chrono's day 1 (0001-01-01) is a Monday.
            let mut day = first_day - (first_day - 1).rem_euclid(7);
            while out.len() < MAX_TICKS && (day as f64) < to {
                if day as f64 >= from {
                    out.push(Tick {
                        day: day as f64,
                        label: label(day, 0),
                    });
                }
                day += 7;
            }
        }
        TickUnit::Hours(_) | TickUnit::Minutes(_) => {
            let step = match unit {
                TickUnit::Hours(n) => n * 60,
                TickUnit::Minutes(n) => n,
                _ => unreachable!(),
            };
            let mut day = first_day;
            'days: while (day as f64) < to {
                for minute in (0..1440).step_by(step as usize) {
                    let at = day as f64 + f64::from(minute) / 1440.0;
                    if at >= to || out.len() >= MAX_TICKS {
                        break 'days;
                    }
                    if at >= from {
                        out.push(Tick {
                            day: at,
                            label: label(day, minute),
                        });
                    }
                }
                day += 1;
            }
        }
    }
    out
}

/// The year a tick of `Years(n)` stands on for the multiple `round` of n (astronomical).
/// Before the common era, round numbers are counted the historians' way, so the ticks read
/// "300 BCE, 200 BCE, 100 BCE, 1 CE, 100": astronomical −299, −199, −99, then 1 CE (there is
/// no year zero in labels).
fn tick_year(round: i32, n: i32) -> i32 {
    match round {
        _ if n == 1 => round,
        r if r > 0 => r,
        0 => 1,
        r => r + 1,
    }
}

fn days_in(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Start of the `unit` period containing `day` (for Years(n): the year that is a multiple of n).
fn floor_to_unit(unit: TickUnit, day: f64) -> Option<DayNumber> {
    let (y, m, d) = ymd_of_day(day.floor() as DayNumber)?;
    Some(match unit {
        TickUnit::Years(n) => {
            let round = y.div_euclid(n) * n;
            let year = tick_year(round, n);
            day_number(
                if year > y {
                    tick_year(round - n, n)
                } else {
                    year
                },
                1,
                1,
            )
        }
        TickUnit::Months(_) => day_number(y, m, 1),
        TickUnit::Weeks | TickUnit::Days(_) | TickUnit::Hours(_) | TickUnit::Minutes(_) => {
            day_number(y, m, d)
        }
    })
}

fn minor_label(unit: TickUnit, day: DayNumber, minute: u32, language: Language) -> String {
    let Some((y, m, d)) = ymd_of_day(day) else {
        return String::new();
    };
    let mut out = String::with_capacity(16);
    match unit {
        TickUnit::Years(n) => push_years_label(&mut out, n, y, language),
        TickUnit::Months(3) => {
            let quarter = (m - 1) / 3 + 1;
            let _ = match language {
                Language::English => write!(out, "Q{quarter}"),
                Language::Chinese => write!(out, "{quarter}季度"),
                // Russian counts quarters in Roman numerals: "III кв."
                Language::Russian => {
                    write!(
                        out,
                        "{} кв.",
                        ["I", "II", "III", "IV"][quarter as usize - 1]
                    )
                }
            };
        }
        TickUnit::Months(_) => push_month_short(&mut out, language, m),
        TickUnit::Weeks | TickUnit::Days(_) => {
            let _ = write!(out, "{d}");
            if language == Language::Chinese {
                out.push('日');
            }
        }
        TickUnit::Hours(_) | TickUnit::Minutes(_) => {
            let _ = write!(out, "{:02}:{:02}", minute / 60, minute % 60);
        }
    }
    out
}

/// A year on a ruler of `n`-year steps: among round numbers of BCE years, year 1 reads
/// "1 CE", not a bare "1".
fn push_years_label(out: &mut String, n: i32, year: i32, language: Language) {
    push_axis_year(out, language, year, n > 1 && year == 1);
}

fn years_label(n: i32, year: i32, language: Language) -> String {
    let mut out = String::with_capacity(16);
    push_years_label(&mut out, n, year, language);
    out
}

/// The context row: "2024" / "2024年"; "May 2024" / "2024年5月" / "Май 2024 г."; a day as
/// dates show it.
fn major_label(unit: TickUnit, day: DayNumber, language: Language) -> String {
    let Some((y, m, d)) = ymd_of_day(day) else {
        return String::new();
    };
    let date = |month, day| {
        CalendarDate::new(y, month, day).map_or_else(|_| String::new(), |c| c.display(language))
    };
    match unit {
        TickUnit::Years(n) => years_label(n, y, language),
        // A heading: the Russian month in the nominative, capitalised as the locale writes it.
        TickUnit::Months(_) if language == Language::Russian => {
            format!("{} {}", month_alone(language, m), year_display(language, y))
        }
        TickUnit::Months(_) => date(Some(m), None),
        TickUnit::Weeks | TickUnit::Days(_) | TickUnit::Hours(_) | TickUnit::Minutes(_) => {
            date(Some(m), Some(d))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHAR_PX: f64 = 7.0;

    fn view_of(first: &str, last: &str) -> TimeView {
        let a = crate::model::EventDate::parse(first).unwrap();
        let b = crate::model::EventDate::parse(last).unwrap();
        TimeView::fit(a.earliest_day(), b.latest_day(), 0.0)
    }

    #[test]
    fn unit_follows_zoom() {
        let width = 1600.0;
        let unit = |a, b, w| ruler(&view_of(a, b), w, 60.0, CHAR_PX, Language::English).unit;
        assert_eq!(unit("-7000", "2500", width), TickUnit::Years(500));
        assert_eq!(unit("-7000", "2500", 800.0), TickUnit::Years(1000));
        assert_eq!(unit("1000", "3000", width), TickUnit::Years(100));
        assert_eq!(unit("1949", "2025", width), TickUnit::Years(5));
        assert_eq!(unit("2020", "2024", width), TickUnit::Months(3));
        assert_eq!(unit("2024", "2024", width), TickUnit::Months(1));
        assert_eq!(unit("2024-04", "2024-06", width), TickUnit::Weeks);
        assert_eq!(unit("2024-05", "2024-05", width), TickUnit::Days(2));
        assert_eq!(unit("2024-05", "2024-05", 2000.0), TickUnit::Days(1));
        assert_eq!(unit("2024-05-16", "2024-05-16", width), TickUnit::Hours(1));
    }

    /// Every zoom from 10,000 years to one hour, in every language: minor labels (at 7 px a
    /// Latin character, 14 px a CJK one) never overlap, stay inside the view, and are in
    /// order; the major row is never empty.
    #[test]
    fn labels_never_overlap_at_any_zoom() {
        let width = 1200.0;
        let center = crate::model::date::day_number(-500, 6, 1) as f64;
        for language in Language::ALL {
            let mut span = crate::timeline::scale::MAX_SPAN_DAYS;
            while span >= crate::timeline::scale::MIN_SPAN_DAYS {
                for center in [center, 739_000.3, 1.5] {
                    let v = TimeView::new(center - span / 2.0, span);
                    let r = ruler(&v, width, 60.0, CHAR_PX, language);
                    let xs: Vec<(f64, f64)> = r
                        .minor
                        .iter()
                        .map(|t| {
                            let x = v.day_to_x(t.day, width);
                            (x, x + width_in_chars(&t.label) as f64 * CHAR_PX)
                        })
                        .collect();
                    for w in xs.windows(2) {
                        assert!(
                            w[0].1 + 4.0 <= w[1].0,
                            "{language:?}: overlap at span {span}: {:?}",
                            r.minor
                        );
                    }
                    assert!(
                        r.minor
                            .iter()
                            .all(|t| t.day >= v.start_day && t.day < v.end_day())
                    );
                    assert!(r.minor.iter().all(|t| !t.label.is_empty()));
                    // Context above every unit but millennia.
                    assert_eq!(
                        r.major.is_empty(),
                        r.unit == TickUnit::Years(1000),
                        "{language:?}: span {span}"
                    );
                    assert!(r.lines.iter().all(|l| (0.0..=1.0).contains(&l.strength)));
                }
                span /= 1.7;
            }
        }
    }

    /// The axis in Chinese and Russian: months as "8月" / "авг.", the year above them, days,
    /// quarters and centuries before the common era in each language's words.
    #[test]
    fn labels_in_chinese_and_russian() {
        let labels =
            |ticks: &[Tick]| -> Vec<String> { ticks.iter().map(|t| t.label.clone()).collect() };
        let year = view_of("2024-01", "2024-12");
        let zh = ruler(&year, 1600.0, 60.0, CHAR_PX, Language::Chinese);
        assert_eq!(zh.unit, TickUnit::Months(1));
        assert_eq!(
            labels(&zh.minor),
            [
                "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月",
                "12月"
            ]
        );
        assert_eq!(labels(&zh.major), ["2024年"]);
        let ru = ruler(&year, 1600.0, 60.0, CHAR_PX, Language::Russian);
        assert_eq!(
            labels(&ru.minor),
            [
                "янв.", "фев.", "мар.", "апр.", "май", "июн.", "июл.", "авг.", "сен.", "окт.",
                "ноя.", "дек."
            ]
        );
        assert_eq!(labels(&ru.major), ["2024"]);

        let q = |language| {
            labels(&ticks(
                TickUnit::Months(3),
                year.start_day,
                year.end_day(),
                false,
                language,
            ))
        };
        assert_eq!(q(Language::Chinese), ["1季度", "2季度", "3季度", "4季度"]);
        assert_eq!(
            q(Language::Russian),
            ["I кв.", "II кв.", "III кв.", "IV кв."]
        );

        // Days under their month: "16日" under "2024年5月", "16" under "Май 2024 г.".
        let may = view_of("2024-05", "2024-05");
        let zh = ruler(&may, 2000.0, 60.0, CHAR_PX, Language::Chinese);
        assert!(zh.minor.iter().any(|t| t.label == "16日"), "{:?}", zh.minor);
        assert!(
            zh.major.iter().any(|t| t.label == "2024年5月"),
            "{:?}",
            zh.major
        );
        let ru = ruler(&may, 2000.0, 60.0, CHAR_PX, Language::Russian);
        assert!(ru.minor.iter().any(|t| t.label == "16"), "{:?}", ru.minor);
        assert!(
            ru.major.iter().any(|t| t.label == "Май 2024 г."),
            "{:?}",
            ru.major
        );
        // Hours under their day: "2024年5月16日", "16 мая 2024 г.".
        let day = view_of("2024-05-16", "2024-05-16");
        let zh = ruler(&day, 1600.0, 60.0, CHAR_PX, Language::Chinese);
        assert_eq!(zh.major[0].label, "2024年5月16日");
        let ru = ruler(&day, 1600.0, 60.0, CHAR_PX, Language::Russian);
        assert_eq!(ru.major[0].label, "16 мая 2024 г.");

        let centuries = view_of("-0300", "0300");
        let c = |language| {
            labels(&ticks(
                TickUnit::Years(100),
                centuries.start_day,
                centuries.end_day(),
                false,
                language,
            ))
        };
        assert_eq!(
            c(Language::Chinese),
            [
                "公元前300年",
                "公元前200年",
                "公元前100年",
                "公元1年",
                "100年",
                "200年",
                "300年"
            ]
        );
        assert_eq!(
            c(Language::Russian),
            [
                "300 до н. э.",
                "200 до н. э.",
                "100 до н. э.",
                "1 н. э.",
                "100",
                "200",
                "300"
            ]
        );
    }

    /// Wider labels ask for coarser steps: Chinese years ("2024年") need more room than
    /// English ones, so at the same zoom their step is never finer.
    #[test]
    fn wide_labels_take_coarser_steps() {
        let rank = |u: TickUnit| TickUnit::LADDER.iter().position(|&l| l == u);
        let mut coarser_somewhere = false;
        let mut span = 30.0;
        while span < 2_000_000.0 {
            let v = TimeView::new(739_000.0 - span / 2.0, span);
            let en = ruler(&v, 700.0, 40.0, CHAR_PX, Language::English).unit;
            for language in [Language::Chinese, Language::Russian] {
                let other = ruler(&v, 700.0, 40.0, CHAR_PX, language).unit;
                assert!(
                    rank(other) >= rank(en),
                    "{language:?} at {span}: {other:?} < {en:?}"
                );
                coarser_somewhere |= rank(other) > rank(en);
            }
            span *= 1.3;
        }
        assert!(coarser_somewhere);
    }

    #[test]
    fn fully_zoomed_in_the_axis_shows_minutes() {
        // An hour across the narrowest canvas: several labelled ticks, in minutes.
        let v = TimeView::new(
            738_000.0 + 10.0 / 24.0,
            crate::timeline::scale::MIN_SPAN_DAYS,
        );
        for width in [300.0, 800.0, 1600.0] {
            let r = ruler(&v, width, 60.0, CHAR_PX, Language::English);
            assert!(r.minor.len() >= 2, "{width}: {:?}", r.minor);
            assert!(matches!(r.unit, TickUnit::Minutes(_)), "{:?}", r.unit);
        }
        let r = ruler(&v, 1600.0, 60.0, CHAR_PX, Language::English);
        assert_eq!(r.minor[1].label, "10:05", "{:?}", r.minor);
        assert!(r.major[0].label.ends_with("2021"), "{:?}", r.major);
    }

    #[test]
    fn finer_lines_fade_in_with_spacing() {
        let width = 1000.0;
        // Zooming in on a year: week lines appear faint, then stronger.
        let year = view_of("2024", "2024");
        let far = ruler(&year, width, 60.0, CHAR_PX, Language::English);
        let near = ruler(
            &year.zoomed_around(year.center_day(), 1.6),
            width,
            60.0,
            CHAR_PX,
            Language::English,
        );
        let weekly = |r: &Ruler| {
            r.lines
                .iter()
                .filter(|l| l.strength < 1.0)
                .map(|l| l.strength)
                .fold(0.0f32, f32::max)
        };
        assert!(weekly(&far) > 0.0, "week lines visible");
        assert!(weekly(&near) > weekly(&far), "and stronger when zoomed in");
    }

    #[test]
    fn months_weeks_and_days_fall_on_calendar_boundaries() {
        let v = view_of("2024-01", "2024-12");
        let r = ruler(&v, 1600.0, 60.0, CHAR_PX, Language::English);
        let labels: Vec<&str> = r.minor.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
            ]
        );
        assert_eq!(r.minor[2].day, day_number(2024, 3, 1) as f64);
        assert_eq!(r.major[0].label, "2024");

        let q = ticks(
            TickUnit::Months(3),
            v.start_day,
            v.end_day(),
            false,
            Language::English,
        );
        let labels: Vec<&str> = q.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["Q1", "Q2", "Q3", "Q4"]);

        // Weeks start on Mondays: 6 May 2024 was a Monday.
        let may = view_of("2024-05", "2024-05");
        let w = ticks(
            TickUnit::Weeks,
            may.start_day,
            may.end_day(),
            false,
            Language::English,
        );
        let labels: Vec<&str> = w.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["6", "13", "20", "27"]);

        // A leap February: day ticks run 1..=29 and then March 1.
        let feb = view_of("2024-02", "2024-02");
        let days = ticks(
            TickUnit::Days(1),
            feb.start_day,
            feb.end_day(),
            false,
            Language::English,
        );
        let labels: Vec<&str> = days.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels.first(), Some(&"1"));
        assert!(labels.contains(&"29"));
        let major = ruler(&feb, 1600.0, 60.0, CHAR_PX, Language::English).major;
        assert!(major.iter().any(|t| t.label == "February 2024"));
        let feb23 = view_of("2023-02", "2023-02");
        let days = ticks(
            TickUnit::Days(1),
            feb23.start_day,
            feb23.end_day(),
            false,
            Language::English,
        );
        assert!(!days.iter().any(|t| t.label == "29"));
        // Two-day steps restart on the 1st and skip the 31st, which would crowd it.
        let jan = view_of("2024-01", "2024-01");
        let two = ticks(
            TickUnit::Days(2),
            jan.start_day,
            jan.end_day() + 3.0,
            false,
            Language::English,
        );
        let labels: Vec<&str> = two.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(&labels[labels.len() - 3..], ["29", "1", "3"]);
    }

    #[test]
    fn years_around_the_era_boundary_skip_year_zero_in_labels() {
        let v = view_of("-0003", "0002");
        let t = ticks(
            TickUnit::Years(1),
            v.start_day,
            v.end_day(),
            false,
            Language::English,
        );
        let labels: Vec<&str> = t.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["4 BCE", "3 BCE", "2 BCE", "1 BCE", "1", "2"]);
        let centuries = view_of("-0300", "0300");
        let t = ticks(
            TickUnit::Years(100),
            centuries.start_day,
            centuries.end_day(),
            false,
            Language::English,
        );
        let labels: Vec<&str> = t.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(
            labels,
            ["300 BCE", "200 BCE", "100 BCE", "1 CE", "100", "200", "300"]
        );
    }

    #[test]
    fn hours_are_labelled_on_the_clock() {
        let v = view_of("2024-05-16", "2024-05-16");
        let t = ticks(
            TickUnit::Hours(6),
            v.start_day,
            v.end_day(),
            false,
            Language::English,
        );
        let labels: Vec<&str> = t.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["00:00", "06:00", "12:00", "18:00"]);
        let r = ruler(&v, 1600.0, 60.0, CHAR_PX, Language::English);
        assert_eq!(r.major[0].label, "16 May 2024");
    }
}
