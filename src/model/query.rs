//! Finding events: text search across every language a record carries, and filters by
//! category, participant, country, status, series, tag and date range. Pure: the UI keeps a
//! [`Filter`] and a search string and asks which events match.

use std::collections::{BTreeSet, HashSet};

use serde::{Deserialize, Serialize};

use super::dataset::{Dataset, EventIndex};
use super::date::{DayNumber, EventDate};
use super::event::{Event, Status};
use super::manifest::Names;
use super::text::Text;

/// Lower-case `text` and strip the accents of Latin and Cyrillic letters, so that "Mishustin",
/// "MISHUSTIN" and "Mišustin" compare equal and "Ё" matches "Е". Other scripts pass through.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        for lower in c.to_lowercase() {
            out.push(fold_accent(lower));
        }
    }
    out
}

/// The base letter of an accented lower-case Latin or Cyrillic letter.
fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' => 's',
        'ţ' | 'ť' | 'ŧ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => {
            'u'
        }
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'ё' => 'е',
        'й' => 'и',
        _ => c,
    }
}

/// Whether `c` belongs to a script written without spaces between words (Chinese, and the
/// Japanese kana beside it): there a query matches anywhere in a text, not only at the start
/// of a word.
fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'   // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}' // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK Unified Ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK Compatibility Ideographs
        | '\u{20000}'..='\u{2FA1F}' // CJK Extensions B–F and supplements
    )
}

/// Whether `c` is part of a word for the start-of-word rule: a letter or digit of a spaced
/// script (Latin, Cyrillic…). A Chinese character before a Latin word does not hide its start.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_unspaced_script(c)
}

/// One part of a query: a word, or a quoted phrase, normalised.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Term {
    /// Lower-case, accents folded; a phrase's spaces are single spaces.
    text: String,
    /// Matches anywhere (it has Chinese in it), rather than at the start of a word.
    anywhere: bool,
}

impl Term {
    fn new(text: String) -> Self {
        let anywhere = text.chars().any(is_unspaced_script);
        Self { text, anywhere }
    }

    /// Whether every text this term finds is also found by `self` (`narrower` was typed on).
    fn is_narrowed_by(&self, narrower: &Term) -> bool {
        if self.anywhere {
            narrower.text.contains(self.text.as_str())
        } else {
            !narrower.anywhere && narrower.text.starts_with(self.text.as_str())
        }
    }

    /// Whether the term is in `field` (ignoring case and accents): at the start of one of its
    /// words, or anywhere for a term in Chinese.
    fn is_in(&self, field: &str) -> bool {
        field_contains(field, &self.text, !self.anywhere)
    }
}

/// A text search, prepared once and run against many events.
///
/// A query is words and quoted phrases (`"li qiang"`, “…” or «…»). In Latin and Cyrillic text
/// each word must be the start of a word of the event (so «Путин» finds «Путина», and
/// `li qiang` does not find Li Keqiang), ignoring case, accents and ё/е; a phrase must appear
/// as written, its first word at the start of a word. Words with Chinese characters match
/// anywhere. Every word or phrase must be in some field, in any language of it, in any order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Search {
    terms: Vec<Term>,
}

/// The opening quote marks a phrase may start with, and the mark that ends each.
const QUOTES: &[(char, char)] = &[('"', '"'), ('“', '”'), ('«', '»'), ('„', '“'), ('「', '」')];

impl Search {
    /// Words and quoted phrases, matched in any order; an empty query matches everything.
    pub fn new(query: &str) -> Self {
        let query = normalize(query);
        let mut terms = Vec::new();
        let mut rest = query.as_str();
        loop {
            rest = rest.trim_start();
            let Some(first) = rest.chars().next() else {
                break;
            };
            if let Some(&(open, close)) = QUOTES.iter().find(|(open, _)| *open == first) {
                let inside = &rest[open.len_utf8()..];
                // An unclosed quote runs to the end.
                let (phrase, after) = inside.find(close).map_or((inside, ""), |at| {
                    (&inside[..at], &inside[at + close.len_utf8()..])
                });
                let phrase = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
                if !phrase.is_empty() {
                    terms.push(Term::new(phrase));
                }
                rest = after;
            } else {
                let end = rest
                    .find(|c: char| c.is_whitespace() || QUOTES.iter().any(|q| q.0 == c))
                    .unwrap_or(rest.len());
                let end = end.max(first.len_utf8());
                // Punctuation around a word ("li,", "(putin)") is not part of it.
                let word = &rest[..end];
                let trimmed = word.trim_matches(|c: char| !c.is_alphanumeric());
                let word = if trimmed.is_empty() { word } else { trimmed };
                terms.push(Term::new(word.to_owned()));
                rest = &rest[end..];
            }
        }
        Self { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether the event matches: title, summary, note, tags, sources, and the names of its
    /// place and participants in every language recorded. Each word must appear in some field.
    pub fn matches(&self, dataset: &Dataset, event: &Event) -> bool {
        self.terms
            .iter()
            .all(|term| for_each_field(dataset, event, |field| term.is_in(field)))
    }

    /// Indices of the matching events among `candidates` (chronological in, chronological out).
    /// The manifest's people and places are matched once, not once per event that names them.
    pub fn run_within(
        &self,
        dataset: &Dataset,
        candidates: impl IntoIterator<Item = EventIndex>,
    ) -> Vec<EventIndex> {
        if self.terms.is_empty() {
            return Vec::new();
        }
        let names = self.matching_names(dataset);
        candidates
            .into_iter()
            .filter(|&i| self.event_matches(dataset, &names, i))
            .collect()
    }

    /// Whether event `i` has every term in one of its fields, or names a person or place
    /// whose names have it (`names`, per term).
    fn event_matches(
        &self,
        dataset: &Dataset,
        names: &[(HashSet<String>, HashSet<String>)],
        i: EventIndex,
    ) -> bool {
        dataset.event(i).is_some_and(|e| {
            self.terms
                .iter()
                .zip(names)
                .all(|(term, (people, places))| {
                    own_fields(e, |field| term.is_in(field))
                        || e.place.as_deref().is_some_and(|p| places.contains(p))
                        || e.participants.iter().any(|p| people.contains(&**p))
                })
        })
    }

    /// For each term, the ids of the manifest's people and places whose names have it.
    fn matching_names(&self, dataset: &Dataset) -> Vec<(HashSet<String>, HashSet<String>)> {
        self.terms
            .iter()
            .map(|term| {
                let people = dataset
                    .manifest
                    .people
                    .iter()
                    .filter(|p| {
                        names(&p.name).into_iter().flatten().any(|n| term.is_in(n))
                            || p.role
                                .as_ref()
                                .is_some_and(|r| r.texts().any(|r| term.is_in(r)))
                    })
                    .map(|p| p.id.clone())
                    .collect();
                let places = dataset
                    .manifest
                    .places
                    .iter()
                    .filter(|p| names(&p.name).into_iter().flatten().any(|n| term.is_in(n)))
                    .map(|p| p.id.clone())
                    .collect();
                (people, places)
            })
            .collect()
    }

    /// Indices of the matching events, chronological.
    pub fn run(&self, dataset: &Dataset) -> Vec<EventIndex> {
        self.run_within(dataset, 0..dataset.len())
    }

    /// True when `narrower` can only find a subset of what `self` finds (each of our terms
    /// is the start of one of its terms, or inside it for Chinese), so a search can continue
    /// from the previous results as the user types more.
    pub fn is_narrowed_by(&self, narrower: &Search) -> bool {
        !self.terms.is_empty()
            && self
                .terms
                .iter()
                .all(|t| narrower.terms.iter().any(|n| t.is_narrowed_by(n)))
    }
}

/// A search under way, done a slice at a time so that a window stays responsive while a
/// million events are looked through: [`SearchRun::advance`] works until a deadline and keeps
/// its place; the matches found so far are there to show (chronological, as found).
pub struct SearchRun {
    search: Search,
    /// Per word, the ids of the people and places whose names have it.
    names: Vec<(HashSet<String>, HashSet<String>)>,
    candidates: Vec<EventIndex>,
    /// How many of `candidates` have been looked at.
    done: usize,
    found: Vec<EventIndex>,
}

impl SearchRun {
    /// Start looking for `search` among `candidates` (chronological).
    pub fn new(search: Search, dataset: &Dataset, candidates: Vec<EventIndex>) -> Self {
        let names = search.matching_names(dataset);
        let candidates = if search.is_empty() {
            Vec::new()
        } else {
            candidates
        };
        Self {
            search,
            names,
            candidates,
            done: 0,
            found: Vec::new(),
        }
    }

    pub fn search(&self) -> &Search {
        &self.search
    }

    /// The matches found so far, chronological.
    pub fn found(&self) -> &[EventIndex] {
        &self.found
    }

    /// Take the matches (when the run is over).
    pub fn into_found(self) -> Vec<EventIndex> {
        self.found
    }

    /// What a narrower search must look through: the matches so far and the candidates not
    /// looked at yet, chronological.
    pub fn into_candidates_left(self) -> Vec<EventIndex> {
        let mut left = self.found;
        left.extend_from_slice(&self.candidates[self.done..]);
        left
    }

    pub fn is_done(&self) -> bool {
        self.done == self.candidates.len()
    }

    /// Share of the candidates looked at, from 0 to 1.
    pub fn progress(&self) -> f32 {
        if self.candidates.is_empty() {
            1.0
        } else {
            self.done as f32 / self.candidates.len() as f32
        }
    }

    /// Look on until `deadline` (checked every 1,024 events) or the end; true once done. On
    /// the calling thread only: a second thread would make the window's frame wait whenever
    /// another program holds the other core.
    pub fn advance(&mut self, dataset: &Dataset, deadline: std::time::Instant) -> bool {
        const SLICE: usize = 1024;
        while self.done < self.candidates.len() {
            let end = (self.done + SLICE).min(self.candidates.len());
            for &i in &self.candidates[self.done..end] {
                if self.search.event_matches(dataset, &self.names, i) {
                    self.found.push(i);
                }
            }
            self.done = end;
            if std::time::Instant::now() >= deadline {
                break;
            }
        }
        self.is_done()
    }
}

/// A name in every language it is recorded in.
fn names(n: &Names) -> [Option<&str>; 3] {
    [Some(n.en.as_str()), n.zh.as_deref(), n.ru.as_deref()]
}

/// Call `test` on the event's own text fields (not the names it refers to) until it returns true.
fn own_fields(event: &Event, mut test: impl FnMut(&str) -> bool) -> bool {
    // Every language of a text is searched, whichever one the window shows.
    event.title.texts().any(&mut test)
        || event.summary.texts().any(&mut test)
        || event.note.iter().flat_map(Text::texts).any(&mut test)
        || test(&event.id)
        || event.tags.iter().any(|t| test(t))
        || event
            .sources
            .iter()
            .any(|s| test(&s.publisher) || s.title.iter().flat_map(Text::texts).any(&mut test))
}

/// Call `test` on each searchable field of `event` until it returns true.
fn for_each_field(dataset: &Dataset, event: &Event, mut test: impl FnMut(&str) -> bool) -> bool {
    if own_fields(event, &mut test) {
        return true;
    }
    if let Some(place) = event.place.as_deref().and_then(|p| dataset.place(p))
        && names(&place.name).into_iter().flatten().any(&mut test)
    {
        return true;
    }
    event
        .participants
        .iter()
        .filter_map(|p| dataset.person(p))
        .any(|person| {
            names(&person.name).into_iter().flatten().any(&mut test)
                || person
                    .role
                    .as_ref()
                    .is_some_and(|r| r.texts().any(&mut test))
        })
}

/// Whether `field` contains the normalised `term`, ignoring case and accents, without
/// building a normalised copy of the field; with `word_start`, only where a word of the field
/// starts (the character before is not a letter or digit). A space in `term` (a phrase)
/// matches any one space character.
fn field_contains(field: &str, term: &str, word_start: bool) -> bool {
    if term.is_empty() {
        return true;
    }
    if field.is_ascii() {
        // A normalised term that is still not ASCII (Chinese, Cyrillic) cannot be in it.
        if !term.is_ascii() {
            return false;
        }
        let (f, w) = (field.as_bytes(), term.as_bytes());
        if f.len() < w.len() {
            return false;
        }
        // Candidates where the first letter is, in either case (a vectorised scan), then the
        // rest compared.
        let last_start = f.len() - w.len();
        let (lower, upper) = (w[0].to_ascii_lowercase(), w[0].to_ascii_uppercase());
        return memchr::memchr2_iter(lower, upper, &f[..=last_start]).any(|at| {
            (!word_start || at == 0 || !f[at - 1].is_ascii_alphanumeric())
                && f[at + 1..at + w.len()].iter().zip(&w[1..]).all(|(a, b)| {
                    a.eq_ignore_ascii_case(b) || (*b == b' ' && a.is_ascii_whitespace())
                })
        });
    }
    let fold = |c: char| fold_accent(c.to_lowercase().next().unwrap_or(c));
    let first = term.chars().next().unwrap_or_default();
    let mut before: Option<char> = None;
    field.char_indices().any(|(start, c)| {
        let previous = before.replace(c);
        fold(c) == first && (!word_start || !previous.is_some_and(is_word_char)) && {
            let mut rest = field[start..].chars();
            term.chars().all(|w| {
                rest.next()
                    .is_some_and(|c| fold(c) == w || (w == ' ' && c.is_whitespace()))
            })
        }
    })
}

/// Which events to show. Empty sets mean "no restriction"; `hidden_categories` hides.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Category ids switched off in the legend.
    pub hidden_categories: BTreeSet<String>,
    /// Show only events with at least one of these people.
    pub participants: BTreeSet<String>,
    /// Show only events in one of these countries (place's, else a participant's).
    pub countries: BTreeSet<String>,
    /// Show only events with one of these statuses.
    pub statuses: BTreeSet<Status>,
    /// Show only events in one of these series.
    pub series: BTreeSet<String>,
    /// Show only events with at least one of these tags.
    pub tags: BTreeSet<String>,
    /// Show only events overlapping these dates (EDTF text, either end optional).
    pub from: Option<String>,
    pub until: Option<String>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// The date range as days, ignoring bounds that do not parse.
    fn day_range(&self) -> (Option<DayNumber>, Option<DayNumber>) {
        let parse = |t: &Option<String>| t.as_deref().and_then(|t| EventDate::parse(t.trim()).ok());
        (
            parse(&self.from).map(|d| d.earliest_day()),
            parse(&self.until).map(|d| d.latest_day()),
        )
    }

    /// Whether `event` passes every active filter.
    pub fn matches(&self, dataset: &Dataset, event: &Event) -> bool {
        if self.hidden_categories.contains(&*event.kind) {
            return false;
        }
        if !self.participants.is_empty()
            && !event
                .participants
                .iter()
                .any(|p| self.participants.contains(&**p))
        {
            return false;
        }
        if !self.countries.is_empty()
            && !self
                .event_countries(dataset, event)
                .any(|c| self.countries.contains(c))
        {
            return false;
        }
        if !self.statuses.is_empty() && !self.statuses.contains(&event.status) {
            return false;
        }
        if !self.series.is_empty()
            && !event
                .series
                .as_ref()
                .is_some_and(|s| self.series.contains(&*s.id))
        {
            return false;
        }
        if !self.tags.is_empty() && !event.tags.iter().any(|t| self.tags.contains(&**t)) {
            return false;
        }
        let (from, until) = self.day_range();
        if from.is_some_and(|from| event.when.latest_day() < from) {
            return false;
        }
        if until.is_some_and(|until| event.when.earliest_day() > until) {
            return false;
        }
        true
    }

    /// Every country an event touches: its place's and its participants'.
    fn event_countries<'a>(
        &self,
        dataset: &'a Dataset,
        event: &'a Event,
    ) -> impl Iterator<Item = &'a str> {
        let place = event
            .place
            .as_deref()
            .and_then(|p| dataset.place(p)?.country.as_deref());
        let people = event
            .participants
            .iter()
            .filter_map(|p| dataset.person(p)?.country.as_deref());
        place.into_iter().chain(people)
    }

    /// A mask of the events that pass, indexed like [`Dataset::events`].
    pub(crate) fn mask(&self, dataset: &Dataset) -> Vec<bool> {
        if self.is_empty() {
            return vec![true; dataset.len()];
        }
        dataset
            .events()
            .iter()
            .map(|e| self.matches(dataset, e))
            .collect()
    }

    /// One short description per active restriction, for removable chips.
    pub fn chips(&self, dataset: &Dataset) -> Vec<(FilterChip, String)> {
        let mut chips = Vec::new();
        for id in &self.hidden_categories {
            let label = dataset.category_label(id, dataset.language());
            chips.push((FilterChip::Category(id.clone()), format!("hide {label}")));
        }
        for id in &self.participants {
            let label = dataset
                .person(id)
                .map_or(id.as_str(), |p| p.name.en.as_str());
            chips.push((FilterChip::Participant(id.clone()), format!("with {label}")));
        }
        for code in &self.countries {
            let label = dataset
                .manifest
                .countries
                .iter()
                .find(|c| &c.code == code)
                .map_or(code.as_str(), |c| c.name.en.as_str());
            chips.push((FilterChip::Country(code.clone()), format!("in {label}")));
        }
        for status in &self.statuses {
            chips.push((
                FilterChip::Status(*status),
                format!("{} only", status.label()),
            ));
        }
        for id in &self.series {
            let label = dataset.series_title(id, dataset.language());
            chips.push((FilterChip::Series(id.clone()), format!("series: {label}")));
        }
        for tag in &self.tags {
            chips.push((FilterChip::Tag(tag.clone()), format!("#{tag}")));
        }
        if let Some(from) = &self.from {
            chips.push((FilterChip::From, format!("from {from}")));
        }
        if let Some(until) = &self.until {
            chips.push((FilterChip::Until, format!("until {until}")));
        }
        chips
    }

    /// Remove one restriction.
    pub fn remove(&mut self, chip: &FilterChip) {
        match chip {
            FilterChip::Category(id) => {
                self.hidden_categories.remove(id);
            }
            FilterChip::Participant(id) => {
                self.participants.remove(id);
            }
            FilterChip::Country(code) => {
                self.countries.remove(code);
            }
            FilterChip::Status(status) => {
                self.statuses.remove(status);
            }
            FilterChip::Series(id) => {
                self.series.remove(id);
            }
            FilterChip::Tag(tag) => {
                self.tags.remove(tag);
            }
            FilterChip::From => self.from = None,
            FilterChip::Until => self.until = None,
        }
    }
}

/// One active restriction of a [`Filter`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilterChip {
    Category(String),
    Participant(String),
    Country(String),
    Status(Status),
    Series(String),
    Tag(String),
    From,
    Until,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Dataset {
        crate::testing::bundled_dataset()
    }

    fn ids(ds: &Dataset, found: &[EventIndex]) -> Vec<String> {
        found
            .iter()
            .map(|&i| ds.events()[i].id.to_string())
            .collect()
    }

    #[test]
    fn normalisation_folds_case_and_accents() {
        assert_eq!(normalize("Mišustin ÉTÉ"), "misustin ete");
        assert_eq!(normalize("Ёлка ЙОД"), "елка иод");
        assert_eq!(normalize("李强"), "李强");
        let word = |f: &str, w: &str| field_contains(f, w, true);
        assert!(word("China–Russia Years", "russia"));
        assert!(word("Mišustin", "misustin"));
        assert!(word("Москва", "моск"));
        assert!(word("ПЁТР", "петр"));
        assert!(!word("Mishustin", "putin"));
        // Only at the start of a word, in both scripts, ASCII or not.
        assert!(!word("Li Keqiang", "qiang"));
        assert!(!word("Li Keqiang, Moscow", "qiang"));
        assert!(word("Li Kéqiang, Moscow", "keqiang"));
        assert!(word("визит Путина в Китай", "путин"));
        assert!(!word("визит Путина в Китай", "утин"));
        assert!(word("Санкт-Петербург", "петербург"));
        assert!(word("Xi’s visit", "visit"));
        // Anywhere, for Chinese (the caller asks for no word start).
        assert!(field_contains("中俄总理定期会晤", "定期", false));
        // A phrase's space matches any one space character.
        assert!(word("Li\nQiang", "li qiang"));
    }

    #[test]
    fn queries_split_into_words_and_phrases() {
        let terms = |q: &str| {
            Search::new(q)
                .terms
                .into_iter()
                .map(|t| (t.text, t.anywhere))
                .collect::<Vec<_>>()
        };
        let t = |s: &str, anywhere| (s.to_owned(), anywhere);
        assert_eq!(terms("Li  QIANG"), [t("li", false), t("qiang", false)]);
        assert_eq!(
            terms("\"Li   Qiang\" moscow"),
            [t("li qiang", false), t("moscow", false)]
        );
        assert_eq!(terms("«Ли Цян»"), [t("ли цян", false)]);
        assert_eq!(terms("“li qiang”"), [t("li qiang", false)]);
        assert_eq!(terms("李强 会晤"), [t("李强", true), t("会晤", true)]);
        assert_eq!(terms("(putin), li"), [t("putin", false), t("li", false)]);
        assert_eq!(terms("\"unclosed phrase"), [t("unclosed phrase", false)]);
        assert_eq!(terms("\"\" "), []);
    }

    /// Queries in three scripts, with events each must find and events it must not.
    #[test]
    fn queries_in_three_scripts_find_what_they_should() {
        let ds = bundled();
        let table: &[(&str, &[&str], &[&str])] = &[
            // Latin: each word at the start of a word; "li qiang" is not Li Keqiang.
            (
                "li qiang",
                &["hog-28", "hog-29", "hog-30"],
                &["hog-18", "hog-27"],
            ),
            (
                "\"li qiang\"",
                &["hog-28", "hog-29", "hog-30"],
                &["hog-18", "hog-27"],
            ),
            ("keqiang", &["hog-18", "hog-27"], &["hog-28", "hog-29"]),
            ("qiang", &["hog-29"], &["hog-18", "hog-27"]),
            ("MISHUSTIN", &["hog-29", "hog-25"], &["hog-18"]),
            ("móscow", &["hog-29"], &["hog-18"]),
            // A phrase as written: its words in that order, together.
            (
                "\"outline of the investment\"",
                &["investment-outline-2024"],
                &["hog-29"],
            ),
            ("investment outline", &["investment-outline-2024"], &[]),
            ("\"investment outline\"", &[], &["investment-outline-2024"]),
            // Cyrillic: «Путин» is the start of «Путина»; ё is е.
            ("Мишустин", &["hog-29", "hog-25"], &["hog-18"]),
            ("ли цян", &["hog-28", "hog-29"], &["hog-18", "hog-27"]),
            ("кэцян", &["hog-18", "hog-27"], &["hog-29"]),
            ("цян", &["hog-29"], &["hog-18"]),
            ("партнерство стратегического", &["partnership-1996"], &[]),
            ("астана", &["astana-2024"], &["hog-29"]),
            ("стана", &[], &["astana-2024"]),
            ("ПЕКИН", &["putin-state-visit-2024"], &[]),
            // Chinese: anywhere in the text.
            (
                "李强",
                &["hog-28", "hog-29", "hog-30"],
                &["hog-18", "hog-27"],
            ),
            ("克强", &["hog-18", "hog-27"], &["hog-29"]),
            ("米舒斯京", &["hog-29", "hog-25"], &["hog-18"]),
            ("舒斯", &["hog-29"], &["hog-18"]),
        ];
        for (query, must, must_not) in table {
            let found = ids(&ds, &Search::new(query).run(&ds));
            for id in *must {
                assert!(ds.by_id(id).is_some(), "{id} is not in the dataset");
                assert!(
                    found.iter().any(|f| f == id),
                    "{query:?} must find {id}: {found:?}"
                );
            }
            for id in *must_not {
                assert!(ds.by_id(id).is_some(), "{id} is not in the dataset");
                assert!(
                    !found.iter().any(|f| f == id),
                    "{query:?} must not find {id}"
                );
            }
            if must.is_empty() {
                assert!(found.is_empty(), "{query:?} found {found:?}");
            }
        }
    }

    #[test]
    fn search_finds_people_by_any_of_their_names() {
        let ds = bundled();
        // Mishustin rather than Li Qiang: the words "li" and "qiang" are both in "Li Keqiang".
        let english = Search::new("mishustin").run(&ds);
        let chinese = Search::new("米舒斯京").run(&ds);
        let russian = Search::new("Мишустин").run(&ds);
        assert!(!english.is_empty());
        assert_eq!(english, chinese);
        assert_eq!(english, russian);
        assert!(ids(&ds, &english).contains(&"hog-29".to_owned()));
        // Places by native name, accent-insensitive text, several words in any order.
        assert!(ids(&ds, &Search::new("астана").run(&ds)).contains(&"astana-2024".to_owned()));
        assert_eq!(
            ids(&ds, &Search::new("MOSCOW investment OUTLINE").run(&ds)),
            ["investment-outline-2024"]
        );
        assert!(Search::new("").run(&ds).is_empty());
        assert!(Search::new("no such thing anywhere").run(&ds).is_empty());
    }

    #[test]
    fn typing_more_narrows_the_search() {
        let ds = bundled();
        let broad = Search::new("li");
        let narrow = Search::new("li qiang");
        assert!(broad.is_narrowed_by(&narrow));
        assert!(!narrow.is_narrowed_by(&broad));
        assert!(!Search::new("").is_narrowed_by(&narrow));
        let from_all = narrow.run(&ds);
        let from_previous = narrow.run_within(&ds, broad.run(&ds));
        assert_eq!(from_all, from_previous);
    }

    #[test]
    fn filters_combine_and_chips_remove_them() {
        let ds = bundled();
        let count = |f: &Filter| f.mask(&ds).iter().filter(|&&b| b).count();
        let mut f = Filter::default();
        assert_eq!(count(&f), ds.len());
        f.statuses.insert(Status::Verified);
        let verified = count(&f);
        assert!(verified < ds.len() && verified > 0);
        f.hidden_categories.insert("visit".into());
        assert!(count(&f) < verified);
        f.countries.insert("KZ".into());
        assert_eq!(count(&f), 0, "Astana events are visits, which are hidden");
        f.remove(&FilterChip::Category("visit".into()));
        assert_eq!(count(&f), 2);
        f.countries.clear();
        f.participants.insert("xi-jinping".into());
        f.from = Some("2024-06".into());
        assert_eq!(
            count(&f),
            4,
            "Astana meeting, SCO summit, Kazan and the 2025 state visit"
        );
        f.until = Some("2024-07-03".into());
        assert_eq!(count(&f), 2);
        f.until = Some("2024-06-30".into());
        assert_eq!(count(&f), 0);
        let chips = f.chips(&ds);
        assert_eq!(chips.len(), 4);
        for (chip, _) in chips {
            f.remove(&chip);
        }
        assert!(f.is_empty());
        let mut tags = Filter::default();
        tags.tags.insert("75th-anniversary".into());
        assert_eq!(count(&tags), 2);
        let mut series = Filter::default();
        series.series.insert("hog-regular".into());
        assert_eq!(count(&series), 30);
    }

    #[test]
    fn the_first_letter_scan_finds_what_every_window_finds() {
        let naive = |f: &str, w: &str| {
            f.as_bytes()
                .windows(w.len())
                .any(|window| window.eq_ignore_ascii_case(w.as_bytes()))
        };
        let naive_word_start = |f: &str, w: &str| {
            let f = f.as_bytes();
            f.windows(w.len()).enumerate().any(|(at, window)| {
                (at == 0 || !f[at - 1].is_ascii_alphanumeric())
                    && window.eq_ignore_ascii_case(w.as_bytes())
            })
        };
        let mut rng = crate::generate::Rng::new(8);
        let alphabet = b"abAB -c";
        for _ in 0..20_000 {
            let f: String = (0..rng.below(30))
                .map(|_| *rng.pick(alphabet) as char)
                .collect();
            let w: String = (0..1 + rng.below(4))
                .map(|_| (*rng.pick(alphabet) as char).to_ascii_lowercase())
                .collect();
            assert_eq!(field_contains(&f, &w, false), naive(&f, &w), "{f:?} {w:?}");
            assert_eq!(
                field_contains(&f, &w, true),
                naive_word_start(&f, &w),
                "{f:?} {w:?}"
            );
        }
    }

    #[test]
    fn a_search_run_in_slices_finds_what_a_whole_run_finds() {
        let dir = tempfile::tempdir().unwrap();
        crate::generate::generate(dir.path(), &crate::generate::GenerateOptions::new(5_000, 6))
            .unwrap();
        let dataset = crate::store::load_dataset(dir.path()).dataset.unwrap();
        for query in ["treaty", "me", "wang li", "Ivan", "伟", "Москва", "zzz", ""] {
            let search = Search::new(query);
            let whole = search.run(&dataset);
            let mut run = SearchRun::new(search, &dataset, (0..dataset.len()).collect());
            let mut slices = 0;
            // A deadline already past: one slice of 1,024 events each time.
            while !run.advance(&dataset, std::time::Instant::now()) {
                slices += 1;
                assert!(run.found().windows(2).all(|w| w[0] < w[1]));
            }
            assert_eq!(run.found(), whole.as_slice(), "{query}");
            assert!(query.is_empty() || slices >= 4, "{query}: {slices} slices");
        }
    }
}
