//! What the event editor's form holds: every field as typed, and the rules that turn it into
//! an event (the fields that read) and a list of problems (those that do not). No egui: the
//! form in `ui/edit` only shows a [`Draft`] and sends it back.

use crate::model::dataset::Dataset;
use crate::model::date::EventDate;
use crate::model::event::{Event, Media, SeriesRef, Source, Status, Symbol};
use crate::model::text::{Language, Text};

/// A text of a record as typed, one field per language ([`Language::ALL`] order). A plain
/// string of the file fills the dataset's default language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftText(pub [String; 3]);

impl DraftText {
    pub fn of(text: &Text, default: Language) -> Self {
        Self(
            text.by_language(default)
                .map(|t| t.unwrap_or_default().to_owned()),
        )
    }

    fn of_optional(text: Option<&Text>, default: Language) -> Self {
        text.map_or_else(Self::default, |t| Self::of(t, default))
    }

    /// The field of `language`.
    pub fn get_mut(&mut self, language: Language) -> &mut String {
        &mut self.0[language as usize]
    }

    pub fn get(&self, language: Language) -> &str {
        &self.0[language as usize]
    }

    /// True when no language has any text but blanks.
    pub fn is_blank(&self) -> bool {
        self.0.iter().all(|t| t.trim().is_empty())
    }

    /// The text to store: a plain string when only the default language is filled in.
    pub fn to_text(&self, default: Language) -> Text {
        Text::from_fields(&self.0.each_ref().map(|t| t.trim().to_owned()), default)
    }

    /// [`Self::to_text`], `None` when nothing is filled in.
    fn to_optional(&self, default: Language) -> Option<Text> {
        (!self.is_blank()).then(|| self.to_text(default))
    }
}

/// The text of one source as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftSource {
    pub publisher: String,
    pub title: DraftText,
    pub url: String,
    pub published: String,
}

/// One picture as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftMedia {
    pub file: String,
    pub caption: DraftText,
    /// The alternative text: what the picture shows, for readers who cannot see it.
    pub alt: DraftText,
    pub credit: String,
    pub license: String,
}

/// The form's fields as typed, for the event with id `target`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    /// Id of the event in the model this draft edits.
    pub target: String,
    pub id: String,
    pub title: DraftText,
    pub when: String,
    pub kind: String,
    pub place: String,
    pub participants: Vec<String>,
    pub summary: DraftText,
    pub sources: Vec<DraftSource>,
    pub media: Vec<DraftMedia>,
    pub status: Status,
    pub note: DraftText,
    pub series: String,
    pub ordinal: String,
    pub related: Vec<String>,
    pub tags: String,
    /// The id typed in the "add related event" box.
    pub related_input: String,
}

/// Problems of fields that do not read, by field name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<(&'static str, FieldError)>);

/// Why a field of the form does not read: a message of `assets/i18n/*/ui-edit.ftl` and its
/// variables, said in the window's language by [`FieldError::text`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldError {
    pub message: &'static str,
    pub args: Vec<(&'static str, String)>,
    /// A date that does not read: its reason, given to `message` as `$reason` in the
    /// language it is said in (as the filter panel says it).
    pub date: Option<crate::model::date::DateError>,
}

impl FieldError {
    fn new(message: &'static str, args: &[(&'static str, String)]) -> Self {
        Self {
            message,
            args: args.to_vec(),
            date: None,
        }
    }

    /// The problem in `language`'s words.
    pub fn text(&self, language: crate::i18n::Language) -> String {
        let reason = self.date.as_ref().map(|e| e.text(language));
        let args: Vec<(&str, crate::i18n::Arg<'_>)> = self
            .args
            .iter()
            .map(|(name, value)| (*name, crate::i18n::Arg::from(value)))
            .chain(reason.iter().map(|r| ("reason", crate::i18n::Arg::from(r))))
            .collect();
        crate::i18n::tr_with(language, self.message, &args)
    }
}

impl FieldErrors {
    pub fn get(&self, field: &str) -> Option<&FieldError> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, e)| e)
    }

    fn push(
        &mut self,
        field: &'static str,
        message: &'static str,
        args: &[(&'static str, String)],
    ) {
        self.0.push((field, FieldError::new(message, args)));
    }

    /// A date that does not read, said in the window's language when shown.
    fn push_date(
        &mut self,
        field: &'static str,
        message: &'static str,
        args: &[(&'static str, String)],
        error: crate::model::date::DateError,
    ) {
        let mut e = FieldError::new(message, args);
        e.date = Some(error);
        self.0.push((field, e));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn optional(text: &str) -> Option<Box<str>> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.into())
}

impl Draft {
    /// The draft of `event`, whose plain strings are in the dataset's `default` language.
    pub fn from_event(event: &Event, default: Language) -> Self {
        Self {
            target: event.id.to_string(),
            id: event.id.to_string(),
            title: DraftText::of(&event.title, default),
            when: event.when.to_edtf(),
            kind: event.kind.to_string(),
            place: event.place.as_deref().unwrap_or_default().to_owned(),
            participants: event
                .participants
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            summary: DraftText::of(&event.summary, default),
            sources: event
                .sources
                .iter()
                .map(|s| DraftSource {
                    publisher: s.publisher.to_string(),
                    title: DraftText::of_optional(s.title.as_ref(), default),
                    url: s.url.as_deref().unwrap_or_default().to_owned(),
                    published: s
                        .published
                        .as_ref()
                        .map(EventDate::to_edtf)
                        .unwrap_or_default(),
                })
                .collect(),
            media: event
                .media
                .iter()
                .map(|m| DraftMedia {
                    file: m.file.to_string(),
                    caption: DraftText::of_optional(m.caption.as_ref(), default),
                    alt: DraftText::of_optional(m.alt.as_ref(), default),
                    credit: m.credit.as_deref().unwrap_or_default().to_owned(),
                    license: m.license.as_deref().unwrap_or_default().to_owned(),
                })
                .collect(),
            status: event.status,
            note: DraftText::of_optional(event.note.as_ref(), default),
            series: event
                .series
                .as_ref()
                .map(|s| s.id.to_string())
                .unwrap_or_default(),
            ordinal: event
                .series
                .as_ref()
                .and_then(|s| s.ordinal)
                .map(|n| n.to_string())
                .unwrap_or_default(),
            related: event
                .related
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            tags: event
                .tags
                .iter()
                .map(super::event::Symbol::as_str)
                .collect::<Vec<_>>()
                .join(", "),
            related_input: String::new(),
        }
    }

    /// `base` with every field of the draft that reads correctly, and the problems of those
    /// that do not (those keep `base`'s value).
    pub fn apply(&self, base: &Event, dataset: &Dataset) -> (Event, FieldErrors) {
        let mut event = base.clone();
        let mut errors = FieldErrors::default();
        let default = dataset.language();
        let id = self.id.trim();
        if id.is_empty() {
            errors.push("id", "draft-id-needed", &[]);
        } else if id.chars().any(|c| c.is_whitespace() || c == '"') {
            errors.push("id", "draft-id-spaces", &[]);
        } else if id != &*base.id && dataset.index_of(id).is_some() {
            errors.push("id", "draft-id-taken", &[("id", id.to_owned())]);
        } else {
            event.id = id.into();
        }
        if self.title.is_blank() {
            errors.push("title", "draft-title-needed", &[]);
        } else {
            event.title = self.title.to_text(default);
        }
        match EventDate::parse(self.when.trim()) {
            Ok(when) => event.when = when,
            Err(e) => errors.push_date("when", "draft-date", &[], e),
        }
        if dataset.category(&self.kind).is_some() {
            event.kind = Symbol::new(&self.kind);
        }
        event.place = optional(&self.place).map(|p| Symbol::new(&p));
        event.participants = self.participants.iter().map(|p| Symbol::new(p)).collect();
        event.summary = Text::from_fields(&self.summary.0, default);
        let mut sources = Vec::new();
        for (n, s) in self.sources.iter().enumerate() {
            let published = match optional(&s.published) {
                None => None,
                Some(text) => match EventDate::parse(&text) {
                    Ok(date) => Some(date),
                    Err(e) => {
                        errors.push_date(
                            "sources",
                            "draft-source-date",
                            &[("n", (n + 1).to_string())],
                            e,
                        );
                        base.sources.get(n).and_then(|old| old.published)
                    }
                },
            };
            if s.publisher.trim().is_empty() {
                errors.push(
                    "sources",
                    "draft-source-publisher",
                    &[("n", (n + 1).to_string())],
                );
                if let Some(old) = base.sources.get(n) {
                    sources.push(old.clone());
                }
                continue;
            }
            sources.push(Source {
                publisher: Symbol::new(s.publisher.trim()),
                title: s.title.to_optional(default),
                url: optional(&s.url),
                published,
            });
        }
        event.sources = sources.into();
        let mut media = Vec::new();
        for (n, m) in self.media.iter().enumerate() {
            if m.file.trim().is_empty() {
                errors.push("media", "draft-picture-file", &[("n", (n + 1).to_string())]);
                if let Some(old) = base.media.get(n) {
                    media.push(old.clone());
                }
                continue;
            }
            media.push(Media {
                file: m.file.trim().into(),
                caption: m.caption.to_optional(default),
                alt: m.alt.to_optional(default),
                credit: optional(&m.credit),
                license: optional(&m.license),
            });
        }
        event.media = media.into();
        event.status = self.status;
        event.note = self.note.to_optional(default);
        event.series = match optional(&self.series) {
            None => None,
            Some(id) => {
                let ordinal = match self.ordinal.trim() {
                    "" => None,
                    text => match text.parse::<u32>() {
                        Ok(n) if n > 0 => Some(n),
                        _ => {
                            errors.push("ordinal", "draft-ordinal", &[]);
                            base.series.as_ref().and_then(|s| s.ordinal)
                        }
                    },
                };
                Some(SeriesRef {
                    id: Symbol::new(&id),
                    ordinal,
                })
            }
        };
        event.related = self.related.iter().map(|r| Symbol::new(r)).collect();
        event.tags = self
            .tags
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(Symbol::new)
            .collect();
        (event, errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> crate::model::Dataset {
        crate::testing::bundled_dataset()
    }

    #[test]
    fn a_draft_of_an_event_gives_the_event_back() {
        let ds = bundled();
        for event in ds.events() {
            let (back, errors) = Draft::from_event(event, ds.language()).apply(event, &ds);
            assert!(errors.is_empty(), "{}: {errors:?}", event.id);
            assert_eq!(&back, event);
        }
    }

    #[test]
    fn fields_that_do_not_read_keep_the_old_value_and_say_why() {
        let ds = bundled();
        let event = ds.by_id("hog-29").unwrap();
        let mut draft = Draft::from_event(event, ds.language());
        draft.when = "2024-13-01".into();
        *draft.title.get_mut(Language::English) = "New title".into();
        draft.id = "hog-28".into();
        draft.ordinal = "zero".into();
        draft.sources[0].published = "someday".into();
        let (back, errors) = draft.apply(event, &ds);
        assert_eq!(
            back.title.exactly(Language::English, ds.language()),
            Some("New title")
        );
        assert_eq!(back.when, event.when);
        assert_eq!(back.id, event.id);
        assert_eq!(back.series, event.series);
        assert_eq!(back.sources[0].published, event.sources[0].published);
        assert!(errors.get("when").is_some());
        let english = |field| {
            errors
                .get(field)
                .unwrap()
                .text(crate::i18n::Language::English)
        };
        assert!(english("id").contains("already has the id"));
        assert!(errors.get("ordinal").is_some());
        assert!(english("sources").starts_with("source 1:"));
        let russian = errors
            .get("id")
            .unwrap()
            .text(crate::i18n::Language::Russian);
        assert!(russian.contains("идентификатор"), "{russian}");
        // Date errors in the window's language, as the filter panel says them.
        let date = |field, language| errors.get(field).unwrap().text(language);
        assert!(
            date("when", Language::English).starts_with("invalid date \"2024-13-01\""),
            "{}",
            date("when", Language::English)
        );
        let zh = date("when", Language::Chinese);
        assert!(zh.starts_with("无效日期 \"2024-13-01\""), "{zh}");
        assert!(!zh.contains("month"), "{zh}");
        let ru = date("sources", Language::Russian);
        assert!(ru.starts_with("источник 1: недопустимая дата"), "{ru}");
    }

    #[test]
    fn pictures_are_edited_added_and_removed() {
        let ds = bundled();
        let event = ds.by_id("hog-29").unwrap();
        let mut draft = Draft::from_event(event, ds.language());
        draft.media.push(DraftMedia {
            file: " media/a.jpg ".into(),
            caption: DraftText(["The talks".into(), String::new(), String::new()]),
            alt: DraftText([
                "Two delegations at a long table".into(),
                "长桌两侧的两国代表团".into(),
                String::new(),
            ]),
            ..DraftMedia::default()
        });
        draft.media.push(DraftMedia::default());
        let (back, errors) = draft.apply(event, &ds);
        assert_eq!(back.media.len(), 1);
        assert_eq!(&*back.media[0].file, "media/a.jpg");
        assert_eq!(back.media[0].caption, Some(Text::plain("The talks")));
        assert_eq!(back.media[0].credit, None);
        let alt = back.media[0].alt.as_ref().unwrap();
        assert_eq!(
            alt.exactly(Language::Chinese, ds.language()),
            Some("长桌两侧的两国代表团")
        );
        assert_eq!(
            back.media[0].alt_text(Language::Russian, ds.language()),
            Some("Two delegations at a long table [en]".to_owned())
        );
        let media = errors.get("media").unwrap();
        assert!(
            media
                .text(crate::i18n::Language::English)
                .starts_with("picture 2:")
        );
        let again = Draft::from_event(&back, ds.language());
        assert_eq!(again.media[0].file, "media/a.jpg");
        assert_eq!(
            again.media[0].alt.get(Language::Chinese),
            "长桌两侧的两国代表团"
        );
        assert_eq!(again.apply(&back, &ds).0, back);
        let mut removed = again.clone();
        removed.media.clear();
        assert!(removed.apply(&back, &ds).0.media.is_empty());
    }

    #[test]
    fn tags_and_optional_fields_are_tidied() {
        let ds = bundled();
        let event = ds.by_id("hog-29").unwrap();
        let mut draft = Draft::from_event(event, ds.language());
        draft.tags = " a, , b ,".into();
        *draft.note.get_mut(Language::English) = "   ".into();
        draft.place = String::new();
        let (back, errors) = draft.apply(event, &ds);
        assert!(errors.is_empty());
        assert_eq!(
            back.tags
                .iter()
                .map(super::super::event::Symbol::as_str)
                .collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert_eq!(back.note, None);
        assert_eq!(back.place, None);
    }
}
