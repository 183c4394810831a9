//! What a presentation card says about a storyline step, line by line: the words only (the
//! window and the slides choose sizes and colours), so every painter tells the same thing.

use super::markdown::to_plain_text;
use crate::model::EventDate;
use crate::model::dataset::Dataset;
use crate::model::date::{Bound, CalendarDate};
use crate::model::event::Status;
use crate::model::manifest::Language;
use crate::model::storyline::ShownStep;

/// One line of a card, by what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CardLine {
    Title(String),
    /// The date in words, saying when it is uncertain.
    Date(String),
    /// Place and people.
    Facts(String),
    /// Shown only when the event is not verified.
    Status(Status),
    Caption(String),
    /// The summary's words (Markdown made plain, lists as bullets).
    Summary(String),
    Note(String),
    /// The publishers.
    Sources(String),
    /// A step without an event: its caption (or "Overview") as the title.
    Overview(String),
}

/// The card of `step`: title, date, place and people, status when it is not verified, the
/// caption, the summary, the note, the sources; for a window of time, its caption and dates.
pub(crate) fn card_lines(dataset: &Dataset, step: &ShownStep, language: Language) -> Vec<CardLine> {
    let mut out = Vec::new();
    let text = |t: &crate::model::Text| dataset.text(t, language).marked();
    let caption = text(&step.caption);
    let caption = caption.trim();
    let Some(event) = step.event.and_then(|i| dataset.event(i)) else {
        out.push(CardLine::Overview(if caption.is_empty() {
            crate::i18n::tr(language, "export-overview")
        } else {
            caption.to_owned()
        }));
        if let Some((a, b)) = step.window
            && let (Some(first), Some(last)) = (
                CalendarDate::from_day_number(a),
                CalendarDate::from_day_number(b),
            )
        {
            let words = EventDate::Span {
                start: Some(Bound::exact(first)),
                end: Some(Bound::exact(last)),
            }
            .display(language);
            out.push(CardLine::Date(words));
        }
        return out;
    };
    out.push(CardLine::Title(text(&event.title)));
    let mut when = event.when.display(language);
    if event.when.is_uncertain() {
        when = crate::tr!(language, "date-uncertain", date = when.as_str());
    }
    out.push(CardLine::Date(when));
    let facts = dataset.place_and_participants(event, language);
    if !facts.is_empty() {
        out.push(CardLine::Facts(facts.join(" · ")));
    }
    if event.status != Status::Verified {
        out.push(CardLine::Status(event.status));
    }
    if !caption.is_empty() {
        out.push(CardLine::Caption(caption.to_owned()));
    }
    let summary = to_plain_text(&text(&event.summary));
    if !summary.is_empty() {
        out.push(CardLine::Summary(summary));
    }
    if let Some(note) = event
        .note
        .as_ref()
        .map(text)
        .filter(|n| !n.trim().is_empty())
    {
        out.push(CardLine::Note(to_plain_text(&note)));
    }
    if !event.sources.is_empty() {
        let publishers: Vec<&str> = event.sources.iter().map(|s| s.publisher.as_str()).collect();
        out.push(CardLine::Sources(publishers.join("; ")));
    }
    out
}

/// "Status: disputed" in `language`.
pub(crate) fn status_line(status: Status, language: Language) -> String {
    crate::tr!(
        language,
        "export-status-line",
        status = status_word(status, language)
    )
}

/// A record's status as one word or two in `language`: "disputed", "спорно".
pub(crate) fn status_word(status: Status, language: Language) -> String {
    let id = match status {
        Status::Verified => "export-status-verified",
        Status::SingleSource => "export-status-single-source",
        Status::Disputed => "export-status-disputed",
        Status::Unverified => "export-status-unverified",
    };
    crate::i18n::tr(language, id)
}

/// "Note: …" in `language`.
pub(crate) fn note_line(text: &str, language: Language) -> String {
    crate::tr!(language, "export-note-line", text = text)
}

/// "Sources: …" in `language`.
pub(crate) fn sources_line(text: &str, language: Language) -> String {
    crate::tr!(language, "export-sources-line", text = text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_says_what_the_record_says() {
        let ds = crate::testing::bundled_dataset();
        let step = ShownStep {
            event: ds.index_of("hog-27"),
            window: None,
            filter: None,
            caption: "  The disputed one.  ".into(),
            notes: crate::model::Text::default(),
        };
        let lines = card_lines(&ds, &step, Language::English);
        let event = ds.by_id("hog-27").unwrap();
        assert_eq!(
            lines[0],
            CardLine::Title(ds.text(&event.title, Language::English).marked())
        );
        assert!(matches!(&lines[1], CardLine::Date(d) if d.ends_with("— date uncertain")));
        assert!(lines.contains(&CardLine::Status(Status::Disputed)));
        assert!(lines.contains(&CardLine::Caption("The disputed one.".into())));
        assert!(lines.iter().any(|l| matches!(l, CardLine::Note(_))));
        // A window of time: its caption and its dates.
        let window = ShownStep {
            event: None,
            window: Some((738_000, 738_100)),
            filter: None,
            caption: crate::model::Text::default(),
            notes: crate::model::Text::default(),
        };
        let lines = card_lines(&ds, &window, Language::English);
        assert_eq!(lines[0], CardLine::Overview("Overview".into()));
        assert!(matches!(&lines[1], CardLine::Date(_)));
    }

    #[test]
    fn a_summarys_list_is_bulleted_on_the_card() {
        let ds = crate::testing::bundled_dataset();
        let step = ShownStep {
            event: ds.index_of("hog-29"),
            window: None,
            filter: None,
            caption: crate::model::Text::default(),
            notes: crate::model::Text::default(),
        };
        let lines = card_lines(&ds, &step, Language::English);
        let summary = lines
            .iter()
            .find_map(|l| match l {
                CardLine::Summary(s) => Some(s.as_str()),
                _ => None,
            })
            .unwrap();
        assert!(
            summary.contains("call for:\n\n• a better structure of cooperation;\n• "),
            "{summary}"
        );
        assert!(!summary.contains("\n- "), "{summary}");
    }
}
