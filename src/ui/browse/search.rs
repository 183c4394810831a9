//! The search box: what is typed, the matches among the shown events, and stepping through
//! them. Typing stays here; only the text and the steps become commands.

use std::collections::HashSet;

use egui::{RichText, Ui};

use crate::model::dataset::{Dataset, EventIndex};
use crate::model::list::sort_rows;
use crate::model::query::{Search, SearchRun};
use crate::ui::actions::{self, Action, Scope};
use crate::ui::command::{BrowseCommand, Command};
use crate::ui::prefs::Preferences;

/// How long a frame searches while a search is under way: with the rest of the frame, a
/// keystroke stays within a 60 Hz frame on a million events.
pub const SLICE_MS: u64 = 6;

/// The search and its results.
#[derive(Default)]
pub struct SearchBox {
    pub text: String,
    /// Shown events matching the search, chronological.
    pub results: Vec<EventIndex>,
    /// The same, in the list's order.
    pub rows: Vec<EventIndex>,
    pub set: HashSet<EventIndex>,
    /// The search that produced `results`.
    last: Search,
    /// A search still looking through the events: it goes on for a few milliseconds each
    /// frame ([`SearchBox::advance`]), its matches shown as they are found, so typing never
    /// waits for a million events to be looked through.
    pending: Option<SearchRun>,
    /// Put the keyboard in the box on the next frame.
    pub focus: bool,
    /// The matches changed: the list of them starts again at the top on the next frame.
    pub scroll_to_top: bool,
}

impl SearchBox {
    pub(crate) fn is_active(&self) -> bool {
        !self.text.trim().is_empty()
    }

    pub(crate) fn clear_results(&mut self) {
        self.results.clear();
        self.rows.clear();
        self.set.clear();
        self.pending = None;
    }

    /// Search the shown events again. `narrowing`: the new text only adds to the previous one,
    /// so the previous results (and what the previous search had not looked at yet) are
    /// searched instead of every event.
    pub fn run(&mut self, dataset: &Dataset, shown: &[bool], prefs: &Preferences, narrowing: bool) {
        let search = Search::new(&self.text);
        let candidates: Vec<EventIndex> = match self.pending.take() {
            Some(run) if narrowing && run.search().is_narrowed_by(&search) => {
                run.into_candidates_left()
            }
            None if narrowing && self.last.is_narrowed_by(&search) => {
                std::mem::take(&mut self.results)
            }
            _ => (0..dataset.len())
                .filter(|&i| shown.get(i).copied().unwrap_or(false))
                .collect(),
        };
        self.results.clear();
        self.rows.clear();
        self.set.clear();
        let few = candidates.len() <= 20_000;
        self.pending = Some(SearchRun::new(search, dataset, candidates));
        // A few events are searched at once; more, a slice a frame from the next frame on
        // (the keystroke's own frame does the first slice).
        if few {
            self.advance(dataset, prefs);
        }
    }

    /// Look on for [`SLICE_MS`] if a search is under way, and show what it found; true
    /// while it is not over (ask for another frame).
    pub fn advance(&mut self, dataset: &Dataset, prefs: &Preferences) -> bool {
        let Some(run) = self.pending.as_mut() else {
            return false;
        };
        let done = run.advance(
            dataset,
            std::time::Instant::now() + std::time::Duration::from_millis(SLICE_MS),
        );
        let new = &run.found()[self.results.len()..];
        self.set.extend(new.iter().copied());
        self.results.extend_from_slice(new);
        if done {
            let run = self.pending.take().expect("a search under way");
            self.last = run.search().clone();
            self.rows = self.results.clone();
            sort_rows(dataset, &mut self.rows, prefs.list_sort, prefs.language);
        } else {
            // In the meantime the list shows the matches in time order.
            self.rows
                .extend_from_slice(&self.results[self.rows.len()..]);
        }
        !done
    }

    pub(crate) fn resort(&mut self, dataset: &Dataset, prefs: &Preferences) {
        sort_rows(dataset, &mut self.rows, prefs.list_sort, prefs.language);
    }

    /// The next (or previous) result after `selected`, wrapping around.
    pub fn step(&self, selected: Option<EventIndex>, forward: bool) -> Option<EventIndex> {
        let results = &self.results;
        if results.is_empty() {
            return None;
        }
        let pos = match selected {
            Some(s) if forward => results.partition_point(|&r| r <= s),
            Some(s) => results
                .partition_point(|&r| r < s)
                .checked_sub(1)
                .unwrap_or(results.len() - 1),
            None if forward => 0,
            None => results.len() - 1,
        };
        results.get(pos).or(results.first()).copied()
    }

    /// The box, `width` points wide, with the number found to its left. Drawn in a
    /// right-to-left layout: the box comes first, so it stays put when the count appears.
    pub fn ui(&mut self, ui: &mut Ui, width: f32) -> Vec<Command> {
        let mut commands = Vec::new();
        let mut text = self.text.clone();
        let language = crate::ui::lang(ui.ctx());
        let hint = crate::tr!(
            language,
            "search-hint",
            keys = actions::shortcut_text(ui.ctx(), Action::Search)
        );
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .id_salt("search")
                    .hint_text(hint)
                    // The width of the text; the frame adds its margin on each side.
                    .desired_width(width - 8.0),
            )
            // How words, phrases and Chinese are matched.
            .on_hover_text(crate::i18n::tr_attr(language, "search-box", "tooltip"));
        if self.is_active() {
            ui.label(RichText::new(found_text(language, self.results.len())).weak());
        }
        let name = crate::i18n::tr(language, "search-box");
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &name));
        if std::mem::take(&mut self.focus) {
            response.request_focus();
        }
        if response.changed() {
            commands.push(BrowseCommand::SetSearch(text).into());
        }
        // Enter in a single-line field ends editing: it counts as "next" then, and the box
        // keeps the keyboard.
        let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if response.has_focus() || entered {
            let pressed = ui.input_mut(|i| actions::pressed(i, Scope::SearchBox));
            if entered {
                response.request_focus();
                if pressed.is_empty() {
                    commands.push(BrowseCommand::SearchStep(true).into());
                }
            }
            for action in pressed {
                let forward = action != Action::PreviousMatch;
                commands.push(BrowseCommand::SearchStep(forward).into());
            }
        }
        commands
    }
}

/// "12 found", beside the search box (and measured by the top bar).
pub(crate) fn found_text(language: crate::i18n::Language, count: usize) -> String {
    crate::tr!(language, "search-found", count = count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_arrive_over_frames_and_typing_on_narrows_what_is_left() {
        let dir = tempfile::tempdir().unwrap();
        crate::generate::generate(
            dir.path(),
            &crate::generate::GenerateOptions::new(40_000, 3),
        )
        .unwrap();
        let dataset = crate::store::load_dataset(dir.path()).dataset.unwrap();
        let shown = vec![true; dataset.len()];
        let prefs = Preferences::default();
        let mut search = SearchBox {
            text: "t".into(),
            ..SearchBox::default()
        };
        search.run(&dataset, &shown, &prefs, true);
        // Typed on before the first search is over: the second one starts from what the
        // first found and what it had not looked at yet.
        search.text = "tre".into();
        search.run(&dataset, &shown, &prefs, true);
        let mut frames = 1;
        while search.advance(&dataset, &prefs) {
            frames += 1;
            assert!(search.results.windows(2).all(|w| w[0] < w[1]));
            assert_eq!(search.rows.len(), search.results.len());
        }
        let whole = Search::new("tre").run(&dataset);
        assert_eq!(search.results, whole);
        assert_eq!(search.set.len(), whole.len());
        assert!(frames >= 1);
        assert!(!search.advance(&dataset, &prefs), "nothing left to do");
    }
}
