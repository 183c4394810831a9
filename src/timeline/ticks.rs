//! Calendar-aware ticks for the time axis: a minor row at the finest unit whose labels fit
//! (years, months, days or hours) and a major row giving context ("2024", "May 2024").

use crate::model::date::{DayNumber, day_number, is_leap_year, month_name, year_label, ymd_of_day};

use super::scale::TimeView;

/// A tick step on the calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TickUnit {
    Years(i32),
    Months(u32),
    Days(u32),
    Hours(u32),
}

impl TickUnit {
    /// Finest to coarsest candidates.
    const LADDER: [TickUnit; 19] = [
        TickUnit::Hours(1),
        TickUnit::Hours(3),
        TickUnit::Hours(6),
        TickUnit::Hours(12),
        TickUnit::Days(1),
        TickUnit::Days(2),
        TickUnit::Days(5),
        TickUnit::Days(10),
        TickUnit::Months(1),
        TickUnit::Months(3),
        TickUnit::Months(6),
        TickUnit::Years(1),
        TickUnit::Years(2),
        TickUnit::Years(5),
        TickUnit::Years(10),
        TickUnit::Years(50),
        TickUnit::Years(100),
        TickUnit::Years(500),
        TickUnit::Years(1000),
    ];

    /// Typical length of one step, in days.
    pub fn nominal_days(self) -> f64 {
        match self {
            TickUnit::Years(n) => f64::from(n) * 365.2425,
            TickUnit::Months(n) => f64::from(n) * 30.436_875,
            TickUnit::Days(n) => f64::from(n),
            TickUnit::Hours(n) => f64::from(n) / 24.0,
        }
    }

    /// The unit that gives context above this one.
    pub fn major(self) -> TickUnit {
        match self {
            TickUnit::Hours(_) => TickUnit::Days(1),
            TickUnit::Days(_) => TickUnit::Months(1),
            TickUnit::Months(_) => TickUnit::Years(1),
            TickUnit::Years(n) if n < 10 => TickUnit::Years(10),
            TickUnit::Years(n) if n < 100 => TickUnit::Years(100),
            TickUnit::Years(_) => TickUnit::Years(1000),
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

/// Both rows of the time axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Ruler {
    pub unit: TickUnit,
    pub minor: Vec<Tick>,
    pub major: Vec<Tick>,
}

/// Ticks for `view` drawn `width_px` wide, with minor ticks at least `min_spacing_px` apart.
pub fn ruler(view: &TimeView, width_px: f64, min_spacing_px: f64) -> Ruler {
    let days_per_px = view.days_per_px(width_px);
    let unit = TickUnit::LADDER
        .into_iter()
        .find(|u| u.nominal_days() / days_per_px >= min_spacing_px)
        .unwrap_or(TickUnit::Years(1000));
    let (from, to) = (view.start_day, view.end_day());
    let minor = ticks(unit, from, to, false);
    let major_unit = unit.major();
    // The major row also names the period the left edge is in, so context is never missing.
    let mut major = ticks(major_unit, from, to, true);
    let first_major = floor_to_unit(major_unit, from);
    if major.first().is_none_or(|t| t.day > from + 1e-9)
        && let Some(day) = first_major
    {
        major.insert(
            0,
            Tick {
                day: day as f64,
                label: major_label(major_unit, day),
            },
        );
    }
    Ruler { unit, minor, major }
}

/// The boundaries of `unit` within `[from, to)`.
pub fn ticks(unit: TickUnit, from: f64, to: f64, major: bool) -> Vec<Tick> {
    const MAX_TICKS: usize = 4000;
    let mut out = Vec::new();
    let first_day = from.floor() as DayNumber - 1;
    let Some((y0, m0, _)) = ymd_of_day(first_day) else {
        return out;
    };
    let label = |day: DayNumber, hour: u32| -> String {
        if major {
            major_label(unit, day)
        } else {
            minor_label(unit, day, hour)
        }
    };
    match unit {
        TickUnit::Years(n) => {
            let mut year = y0.div_euclid(n) * n;
            while out.len() < MAX_TICKS {
                let day = day_number(year, 1, 1);
                if year > 262_000 || day as f64 >= to {
                    break;
                }
                if day as f64 >= from {
                    out.push(Tick {
                        day: day as f64,
                        label: label(day, 0),
                    });
                }
                year += n;
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
        TickUnit::Hours(n) => {
            let mut day = first_day;
            'days: while (day as f64) < to {
                for hour in (0..24).step_by(n as usize) {
                    let at = day as f64 + f64::from(hour) / 24.0;
                    if at >= to || out.len() >= MAX_TICKS {
                        break 'days;
                    }
                    if at >= from {
                        out.push(Tick {
                            day: at,
                            label: label(day, hour),
                        });
                    }
                }
                day += 1;
            }
        }
    }
    out
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
        TickUnit::Years(n) => day_number(y.div_euclid(n) * n, 1, 1),
        TickUnit::Months(_) => day_number(y, m, 1),
        TickUnit::Days(_) | TickUnit::Hours(_) => day_number(y, m, d),
    })
}

fn minor_label(unit: TickUnit, day: DayNumber, hour: u32) -> String {
    let Some((y, m, d)) = ymd_of_day(day) else {
        return String::new();
    };
    match unit {
        TickUnit::Years(_) => year_label(y),
        TickUnit::Months(_) => month_name(m)[..3].to_owned(),
        TickUnit::Days(_) => d.to_string(),
        TickUnit::Hours(_) => format!("{hour:02}:00"),
    }
}

fn major_label(unit: TickUnit, day: DayNumber) -> String {
    let Some((y, m, d)) = ymd_of_day(day) else {
        return String::new();
    };
    match unit {
        TickUnit::Years(1) => year_label(y),
        TickUnit::Years(_) => year_label(y),
        TickUnit::Months(_) => format!("{} {}", month_name(m), year_label(y)),
        TickUnit::Days(_) | TickUnit::Hours(_) => {
            format!("{d} {} {}", month_name(m), year_label(y))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view_of(first: &str, last: &str) -> TimeView {
        let a = crate::model::EventDate::parse(first).unwrap();
        let b = crate::model::EventDate::parse(last).unwrap();
        TimeView::fit(a.earliest_day(), b.latest_day(), 0.0)
    }

    #[test]
    fn unit_follows_zoom() {
        let width = 1600.0;
        assert!(matches!(
            ruler(&view_of("1000", "3000"), width, 60.0).unit,
            TickUnit::Years(100)
        ));
        assert!(matches!(
            ruler(&view_of("1949", "2025"), width, 60.0).unit,
            TickUnit::Years(5)
        ));
        assert_eq!(
            ruler(&view_of("2024", "2024"), width, 60.0).unit,
            TickUnit::Months(1)
        );
        assert_eq!(
            ruler(&view_of("2024-05", "2024-05"), width, 60.0).unit,
            TickUnit::Days(2)
        );
        assert_eq!(
            ruler(&view_of("2024-05", "2024-05"), 2000.0, 60.0).unit,
            TickUnit::Days(1)
        );
        assert_eq!(
            ruler(&view_of("2024-05-16", "2024-05-16"), width, 60.0).unit,
            TickUnit::Hours(1)
        );
    }

    #[test]
    fn ticks_are_spaced_at_least_the_minimum_and_ordered() {
        for (a, b) in [
            ("-0500", "2500"),
            ("1949", "2025"),
            ("2023-11", "2024-09"),
            ("2024-02", "2024-03"),
            ("2024-05-16", "2024-05-17"),
        ] {
            let v = view_of(a, b);
            let width = 1200.0;
            let r = ruler(&v, width, 60.0);
            let xs: Vec<f64> = r.minor.iter().map(|t| v.day_to_x(t.day, width)).collect();
            assert!(!xs.is_empty(), "{a}..{b}");
            for w in xs.windows(2) {
                // Month lengths vary: allow the shortest month against the nominal one.
                assert!(
                    w[1] - w[0] >= 60.0 * 28.0 / 30.44 - 1e-6,
                    "{a}..{b}: {xs:?}"
                );
            }
            assert!(
                r.minor
                    .iter()
                    .all(|t| t.day >= v.start_day && t.day < v.end_day())
            );
            assert!(!r.major.is_empty());
        }
    }

    #[test]
    fn months_and_days_fall_on_calendar_boundaries() {
        let v = view_of("2024-01", "2024-12");
        let r = ruler(&v, 1600.0, 60.0);
        let labels: Vec<&str> = r.minor.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
            ]
        );
        assert_eq!(r.minor[2].day, day_number(2024, 3, 1) as f64);
        assert_eq!(r.major[0].label, "2024");

        // A leap February: day ticks run 1..=29 and then March 1.
        let feb = view_of("2024-02", "2024-02");
        let days = ticks(TickUnit::Days(1), feb.start_day, feb.end_day(), false);
        let labels: Vec<&str> = days.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels.first(), Some(&"1"));
        assert!(labels.contains(&"29"));
        let major = ruler(&feb, 1600.0, 60.0).major;
        assert!(major.iter().any(|t| t.label == "February 2024"));
        let feb23 = view_of("2023-02", "2023-02");
        let days = ticks(TickUnit::Days(1), feb23.start_day, feb23.end_day(), false);
        assert!(!days.iter().any(|t| t.label == "29"));
    }

    #[test]
    fn years_around_the_era_boundary_skip_year_zero_in_labels() {
        let v = view_of("-0003", "0002");
        let t = ticks(TickUnit::Years(1), v.start_day, v.end_day(), false);
        let labels: Vec<&str> = t.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["4 BCE", "3 BCE", "2 BCE", "1 BCE", "1", "2"]);
    }

    #[test]
    fn hours_are_labelled_on_the_clock() {
        let v = view_of("2024-05-16", "2024-05-16");
        let t = ticks(TickUnit::Hours(6), v.start_day, v.end_day(), false);
        let labels: Vec<&str> = t.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["00:00", "06:00", "12:00", "18:00"]);
    }
}
