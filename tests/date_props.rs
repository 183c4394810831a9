//! Properties of the date model: printing then parsing gives the same date, and the
//! chronological order is a total order consistent with earliest days.

use std::cmp::Ordering;

use annals::model::date::{Bound, CalendarDate, EventDate, Qualifier};
use proptest::prelude::*;

fn calendar_date() -> impl Strategy<Value = CalendarDate> {
    (
        -9999i32..=9999,
        prop::option::of(1u32..=12),
        1u32..=31,
        any::<bool>(),
    )
        .prop_filter_map("a real calendar date", |(year, month, day, with_day)| {
            let day = (with_day && month.is_some()).then_some(day);
            CalendarDate::new(year, month, day).ok()
        })
}

fn bound() -> impl Strategy<Value = Bound> {
    (calendar_date(), any::<bool>(), any::<bool>()).prop_map(|(date, uncertain, approximate)| {
        Bound {
            date,
            qualifier: Qualifier {
                uncertain,
                approximate,
            },
        }
    })
}

fn event_date() -> impl Strategy<Value = EventDate> {
    prop_oneof![
        bound().prop_map(EventDate::Single),
        (bound(), bound()).prop_map(|(a, b)| {
            let (start, end) = if a.date.first_day() <= b.date.first_day() {
                (a, b)
            } else {
                (b, a)
            };
            // Keep spans valid: the end may not finish before the start begins.
            let end = if end.date.last_day() < start.date.first_day() {
                start
            } else {
                end
            };
            EventDate::Span {
                start: Some(start),
                end: Some(end),
            }
        }),
        bound().prop_map(|b| EventDate::Span {
            start: Some(b),
            end: None
        }),
        bound().prop_map(|b| EventDate::Span {
            start: None,
            end: Some(b)
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn print_then_parse_is_the_identity(date in event_date()) {
        let text = date.to_edtf();
        let parsed = EventDate::parse(&text);
        prop_assert_eq!(parsed, Ok(date), "{}", text);
    }

    #[test]
    fn parse_then_print_is_the_identity_on_canonical_text(date in event_date()) {
        let text = date.to_edtf();
        prop_assert_eq!(EventDate::parse(&text).unwrap().to_edtf(), text);
    }

    #[test]
    fn earliest_never_after_latest(date in event_date()) {
        prop_assert!(date.earliest_day() <= date.latest_day());
        prop_assert!(!date.human().is_empty());
    }

    #[test]
    fn order_is_consistent_with_earliest_days(a in event_date(), b in event_date()) {
        let ord = a.chronological_cmp(&b);
        if a.earliest_day() < b.earliest_day() {
            prop_assert_eq!(ord, Ordering::Less);
        }
        if a.earliest_day() > b.earliest_day() {
            prop_assert_eq!(ord, Ordering::Greater);
        }
        prop_assert_eq!(ord.reverse(), b.chronological_cmp(&a), "antisymmetric");
    }

    #[test]
    fn order_is_transitive(a in event_date(), b in event_date(), c in event_date()) {
        // For every ordering of the three: x ≤ y and y ≤ z give x ≤ z, and x < y and y < z
        // give x < z (checked on the comparison itself, not on a sorted list).
        let v = [a, b, c];
        for (i, j, k) in [(0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)] {
            let (x, y, z) = (&v[i], &v[j], &v[k]);
            let (xy, yz, xz) = (x.chronological_cmp(y), y.chronological_cmp(z), x.chronological_cmp(z));
            if xy != Ordering::Greater && yz != Ordering::Greater {
                prop_assert_ne!(xz, Ordering::Greater, "{:?} {:?} {:?}", x, y, z);
            }
            if xy == Ordering::Less && yz == Ordering::Less {
                prop_assert_eq!(xz, Ordering::Less, "{:?} {:?} {:?}", x, y, z);
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,40}") {
        let _ = EventDate::parse(&text);
    }

    #[test]
    fn date_like_text_never_panics(text in "-?[0-9]{1,5}(-[0-9]{1,3}){0,3}[?~%]?(/(\\.\\.|-?[0-9]{4}(-[0-9]{2}){0,2}))?") {
        if let Ok(date) = EventDate::parse(&text) {
            prop_assert_eq!(EventDate::parse(&date.to_edtf()), Ok(date));
        }
    }
}
