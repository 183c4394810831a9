//! Record text in several languages, end to end: both forms read by both readers, what
//! `check` says of a misspelt or missing language, `fmt` and saving, search, the exports, and
//! the window showing a text in the chosen language or the dataset's own with its marker.

mod common;
use common::*;

use std::path::Path;

use annals::cli::bundled_dataset_path;
use annals::export::{Format, Selection};
use annals::model::draft::Draft;
use annals::model::query::Search;
use annals::model::{Dataset, Language, Text};
use annals::store::save::{FileChanges, apply_changes};
use annals::store::{Severity, load_dataset};
use annals::ui::browse::detail_panel::DETAIL_PANEL_LABEL;
use annals::ui::command::{BrowseCommand, Command};
use egui_kittest::kittest::Queryable;

/// A scratch dataset: the bundled manifest and one events file with `events`.
fn dataset_with_events(events: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        bundled_dataset_path().join("manifest.ron"),
        dir.path().join("manifest.ron"),
    )
    .unwrap();
    std::fs::write(dir.path().join("events.ron"), events).unwrap();
    dir
}

/// A record in the usual shape, with `title` and `summary` written as given.
fn record(id: &str, title: &str, summary: &str) -> String {
    format!(
        "    (\n        id: \"{id}\",\n        title: {title},\n        when: \"2024-08-21\",\n        kind: \"regular-meeting\",\n        summary: {summary},\n        sources: [\n            (\n                publisher: \"TASS\",\n            ),\n        ],\n        status: verified,\n    ),\n"
    )
}

/// Rewrites record `id`'s summary in `file` of the dataset at `root` as its English text
/// alone, a plain string: the bundled dataset is written in three languages, and these tests
/// need a text that is missing in Chinese and Russian.
fn summary_in_english_only(root: &Path, file: &str, id: &str) {
    let text = read(root, file);
    let at = text.find(&format!("id: \"{id}\"")).unwrap();
    let start = at + text[at..].find("        summary: (\n").unwrap();
    let en = start + text[start..].find("en: \"").unwrap() + "en: ".len();
    let en_end = en + text[en..].find("\",\n").unwrap() + 1;
    let end = start + text[start..].find("        ),\n").unwrap() + "        ),\n".len();
    let english_only = format!(
        "{}        summary: {},\n{}",
        &text[..start],
        &text[en..en_end],
        &text[end..]
    );
    std::fs::write(root.join(file), english_only).unwrap();
}

fn loaded_ok(root: &Path) -> Dataset {
    let loaded = load_dataset(root);
    assert_eq!(loaded.error_count(), 0, "{:#?}", loaded.diagnostics);
    loaded.dataset.unwrap()
}

#[test]
fn both_forms_read_the_same_by_the_fast_reader_and_by_ron() {
    let events = format!(
        "[\n{}{}]\n",
        record(
            "a",
            "(en: \"Talks\", zh: \"会谈\", ru: \"Переговоры\")",
            "\"Plain, in English.\""
        ),
        record(
            "b",
            "\"Only English\"",
            "(ru: \"Только по-русски\", en: \"Both\")"
        ),
    );
    let usual = dataset_with_events(&events);
    // An attribute at the top is not the usual shape: the file goes to ron, record by record.
    let unusual = dataset_with_events(&format!("#![enable(implicit_some)]\n{events}"));
    assert!(annals::store::fast::parse_event_list(&events).is_some());
    assert!(
        annals::store::fast::parse_event_list(&format!("#![enable(implicit_some)]\n{events}"))
            .is_none()
    );
    let (fast, general) = (loaded_ok(usual.path()), loaded_ok(unusual.path()));
    assert_eq!(fast.events(), general.events());
    let a = fast.by_id("a").unwrap();
    assert_eq!(
        a.title.exactly(Language::Chinese, Language::English),
        Some("会谈")
    );
    assert_eq!(
        a.title.get(Language::Russian, fast.language()).text,
        "Переговоры"
    );
    let b = fast.by_id("b").unwrap();
    assert_eq!(b.title, Text::plain("Only English"));
    assert_eq!(
        b.summary.get(Language::English, fast.language()).text,
        "Both"
    );
    // The plain title counts as English, the manifest's language.
    assert_eq!(fast.language(), Language::English);
    let shown = b.title.get(Language::Chinese, fast.language());
    assert_eq!(
        (shown.text, shown.fallback),
        ("Only English", Some(Language::English))
    );
}

#[test]
fn check_points_at_a_misspelt_language_and_suggests_the_right_one() {
    let events = format!(
        "[\n{}]\n",
        record("a", "(en: \"Talks\", zn: \"会谈\")", "\"\"")
    );
    let dir = dataset_with_events(&events);
    let loaded = annals::store::load::check_dataset(dir.path()).loaded;
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let d = errors[0];
    assert!(d.message.contains("unknown language `zn`"), "{}", d.message);
    assert_eq!(d.hint.as_deref(), Some("did you mean `zh`?"));
    let at = d.location.as_ref().unwrap();
    // Line 4 of the file: `        title: (en: "Talks", zn: "会谈"),`, at `zn`.
    assert_eq!((at.line, at.col, at.len), (4, 30, 2), "{d}");
    assert!(
        d.to_string().starts_with(&format!(
            "{}:4:30: error: `title`: unknown language `zn`",
            dir.path().join("events.ron").display()
        )),
        "{d}"
    );
}

#[test]
fn an_empty_map_is_an_error_and_a_map_without_the_default_language_a_warning() {
    let dir = dataset_with_events(&format!("[\n{}]\n", record("a", "()", "\"\"")));
    let loaded = annals::store::load::check_dataset(dir.path()).loaded;
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.message.contains("at least one language")),
        "{:#?}",
        loaded.diagnostics
    );

    let dir = dataset_with_events(&format!(
        "[\n{}]\n",
        record("a", "(zh: \"会谈\", ru: \"Переговоры\")", "\"\"")
    ));
    let loaded = annals::store::load::check_dataset(dir.path()).loaded;
    assert_eq!(loaded.error_count(), 0, "{:#?}", loaded.diagnostics);
    let warning = loaded
        .diagnostics
        .iter()
        .find(|d| d.message.contains("not in `en`"))
        .unwrap_or_else(|| panic!("{:#?}", loaded.diagnostics));
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(warning.location.as_ref().unwrap().line, 4);
    // Readers of English see the Chinese title, marked.
    let dataset = loaded_ok(dir.path());
    let shown = dataset.text(&dataset.by_id("a").unwrap().title, Language::English);
    assert_eq!(shown.marked(), "会谈 [zh]");
}

#[test]
fn message_files_parse_and_the_marker_reads_the_same_in_every_language() {
    for (code, name, text) in annals::i18n::message_files() {
        if let Err((_, errors)) = fluent_syntax::parser::parse(*text) {
            panic!("{code}/{name}: {errors:?}");
        }
    }
    for language in Language::ALL {
        assert_eq!(
            annals::tr!(language, "text-fallback-marker", code = "en"),
            "[en]"
        );
    }
}

#[test]
fn fmt_writes_languages_in_order_and_a_second_run_changes_nothing() {
    let long =
        "A summary long enough that its three languages cannot stand on one line of the file";
    let events = format!(
        "[\n  // a comment between records stays\n{}]\n",
        record(
            "a",
            "( ru: \"Переговоры\" , en: \"Talks\",zh:\"会谈\" )",
            &format!("(zh: \"很长的摘要\", en: \"{long}\")")
        ),
    );
    let dir = dataset_with_events(&events);
    let path = dir.path().join("events.ron");
    let mut out = Vec::new();
    annals::cli::fmt(dir.path(), false, &mut out).unwrap();
    let once = std::fs::read_to_string(&path).unwrap();
    assert!(
        once.contains("        title: (en: \"Talks\", zh: \"会谈\", ru: \"Переговоры\"),\n"),
        "{once}"
    );
    assert!(
        once.contains(&format!(
            "        summary: (\n            en: \"{long}\",\n            zh: \"很长的摘要\",\n        ),\n"
        )),
        "{once}"
    );
    assert!(once.contains("// a comment between records stays"));
    let mut out = Vec::new();
    assert_eq!(annals::cli::fmt(dir.path(), true, &mut out).unwrap(), 0);
    annals::cli::fmt(dir.path(), false, &mut Vec::new()).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), once);
    // The same records as before.
    assert_eq!(
        loaded_ok(dir.path()).events(),
        loaded_ok(dataset_with_events(&events).path()).events()
    );
}

#[test]
fn saving_one_language_rewrites_that_text_and_nothing_else() {
    let root = bundled_dataset_path();
    let dataset = loaded_ok(&root);
    let text = std::fs::read_to_string(root.join("regular-meetings.ron")).unwrap();
    let before = dataset.by_id("hog-29").unwrap();
    // The Russian title, edited in the form.
    let mut draft = Draft::from_event(before, dataset.language());
    *draft.title.get_mut(Language::Russian) = "XXIX регулярная встреча".into();
    let (after, errors) = draft.apply(before, &dataset);
    assert!(errors.is_empty(), "{errors:?}");
    let mut changes = FileChanges::default();
    changes.replace.insert("hog-29", &after);
    let saved = apply_changes(&text, &changes).unwrap();
    let (old_lines, new_lines): (Vec<&str>, Vec<&str>) =
        (text.lines().collect(), saved.lines().collect());
    assert_eq!(old_lines.len(), new_lines.len());
    let changed: Vec<(&str, &str)> = old_lines
        .iter()
        .zip(&new_lines)
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (*a, *b))
        .collect();
    assert_eq!(
        changed,
        [(
            "            ru: \"29-я регулярная встреча глав правительств\",",
            "            ru: \"XXIX регулярная встреча\","
        )],
    );

    // A record written with a plain title stays plain while only English is filled in, and
    // takes the map form when another language is.
    let events = format!("[\n{}]\n", record("a", "\"Talks\"", "\"Held in Moscow.\""));
    let dir = dataset_with_events(&events);
    let scratch = loaded_ok(dir.path());
    let event = scratch.by_id("a").unwrap();
    let mut draft = Draft::from_event(event, scratch.language());
    *draft.title.get_mut(Language::English) = "Talks in Moscow".into();
    let (plain, _) = draft.apply(event, &scratch);
    let mut changes = FileChanges::default();
    changes.replace.insert("a", &plain);
    let saved = apply_changes(&events, &changes).unwrap();
    assert_eq!(saved, events.replace("\"Talks\"", "\"Talks in Moscow\""));
    *draft.title.get_mut(Language::Chinese) = "在莫斯科会谈".into();
    let (map, _) = draft.apply(event, &scratch);
    let mut changes = FileChanges::default();
    changes.replace.insert("a", &map);
    let saved = apply_changes(&events, &changes).unwrap();
    assert_eq!(
        saved,
        events.replace(
            "\"Talks\"",
            "(en: \"Talks in Moscow\", zh: \"在莫斯科会谈\")"
        )
    );
}

#[test]
fn search_finds_records_by_their_chinese_and_russian_titles() {
    let dataset = loaded_ok(&bundled_dataset_path());
    let found = |query: &str| -> Vec<String> {
        Search::new(query)
            .run_within(&dataset, 0..dataset.len())
            .into_iter()
            .map(|i| dataset.events()[i].id.to_string())
            .collect()
    };
    // Titles, summaries and notes are searched in every language: the 29th meeting and its
    // communique by their Chinese titles, and Li Qiang's visit, whose Chinese summary names
    // the 29th meeting.
    assert_eq!(
        found("第二十九次定期会晤"),
        [
            "li-qiang-visit-russia-2024",
            "hog-29",
            "joint-communique-29"
        ]
    );
    assert_eq!(found("喀山"), ["kazan-brics-2024"]);
    // The pipeline's opening, and the 2014 contract whose Russian summary names it.
    assert_eq!(
        found("Сила Сибири"),
        ["gas-contract-2014", "power-of-siberia-2019"]
    );
    assert_eq!(found("29-я регулярная"), ["hog-29"]);
    // The thirty regular meetings by their Russian titles, and Li Peng's visit of 1996, whose
    // Russian summary says the first regular meeting of the heads of government took place.
    let meetings: Vec<String> = dataset
        .events()
        .iter()
        .filter(|e| e.series.is_some())
        .map(|e| e.id.to_string())
        .collect();
    assert_eq!(meetings.len(), 30);
    let russian = found("регулярная встреча глав правительств");
    let others: Vec<&String> = russian.iter().filter(|id| !meetings.contains(id)).collect();
    assert_eq!(others, ["li-peng-moscow-1996"], "{russian:?}");
    assert!(meetings.iter().all(|m| russian.contains(m)));
    // In Chinese, every meeting and the records whose texts say 定期会晤 (the mechanism's
    // start, Li Peng's visit…) or whose participants' roles do (Putin co-chaired four as
    // prime minister); never a record that says it nowhere.
    let chinese = found("定期会晤");
    assert!(chinese.contains(&"li-peng-moscow-1996".to_owned()));
    assert!(chinese.contains(&"hog-mechanism-1996".to_owned()));
    assert!(meetings.iter().all(|m| chinese.contains(m)));
    for id in &chinese {
        let event = dataset.by_id(id).unwrap();
        let says = [&event.title, &event.summary]
            .into_iter()
            .chain(event.note.as_ref())
            .chain(event.sources.iter().filter_map(|s| s.title.as_ref()))
            .chain(
                event
                    .participants
                    .iter()
                    .filter_map(|p| dataset.person(p)?.role.as_ref()),
            )
            .any(|t| t.texts().any(|t| t.contains("定期会晤")));
        assert!(says, "{id} was found but none of its texts says 定期会晤");
    }
}

#[test]
fn exports_give_the_language_asked_for_or_the_default_text_marked() {
    // The bundled dataset, with the 29th meeting's summary written in English only.
    let (_dir, root) = scratch_copy();
    summary_in_english_only(&root, "regular-meetings.ron", "hog-29");
    let dataset = loaded_ok(&root);
    let hog29 = dataset.index_of("hog-29").unwrap();
    let selection = Selection::of_events(&dataset, [hog29]);
    let now = chrono::Utc::now();
    let text = |format, language| {
        annals::export::text(&dataset, &selection, format, language, now)
            .unwrap()
            .text
    };
    let markdown = text(Format::Markdown, Language::Russian);
    assert!(
        markdown.contains("## 1. 29-я регулярная встреча глав правительств"),
        "{markdown}"
    );
    // The summary is in English only: shown, with the marker.
    let summary = dataset.by_id("hog-29").unwrap().summary.to_string();
    let first_words: String = summary
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(markdown.contains(&first_words), "{markdown}");
    // Markdown escapes the brackets (they read "[en]") after the summary. The source's title,
    // written as one string, is the citation as published: never marked.
    assert!(
        markdown.contains("green development. \\[en\\]"),
        "{markdown}"
    );
    assert!(
        markdown.contains("“China, Russia eye closer all-round cooperation”"),
        "{markdown}"
    );
    assert_eq!(markdown.matches("\\[en\\]").count(), 1, "{markdown}");
    // With the bundled dataset as it is, every text of the 29th meeting is in Russian.
    let bundled = loaded_ok(&bundled_dataset_path());
    let bundled_selection = Selection::of_events(&bundled, [bundled.index_of("hog-29").unwrap()]);
    let russian = annals::export::text(
        &bundled,
        &bundled_selection,
        Format::Markdown,
        Language::Russian,
        now,
    )
    .unwrap()
    .text;
    assert!(russian.contains("Ли Цян и Михаил Мишустин"), "{russian}");
    assert!(!russian.contains("[en]"), "{russian}");
    let english = text(Format::Markdown, Language::English);
    assert!(english.contains("## 1. 29th regular meeting of heads of government"));
    assert!(
        !english.contains("[en]"),
        "nothing is marked in the default language"
    );
    let calendar = text(Format::Ics, Language::Chinese);
    assert!(
        calendar.contains("SUMMARY:中俄总理第二十九次定期会晤"),
        "{calendar}"
    );
    let json = text(Format::Timelinejs, Language::Chinese);
    assert!(json.contains("中俄总理第二十九次定期会晤"), "{json}");

    // A storyline's title and captions come in the language asked for.
    let loaded = load_dataset(&bundled_dataset_path());
    let story = Selection::of_loaded_in(&loaded, Some("summits-2024"), Language::Chinese).unwrap();
    assert_eq!(story.title, "2024年：峰会之年");
    assert!(
        story
            .items
            .iter()
            .any(|(_, c)| c.as_deref() == Some("普京在克里姆林宫会见李强。"))
    );
}

/// The app on `root`, showing records in `language`, with event `id` selected.
fn window_in(
    root: std::path::PathBuf,
    language: Language,
    id: &str,
) -> egui_kittest::Harness<'static, annals::ui::AnnalsApp> {
    let mut harness = harness_on(root);
    wait_while_reading(&mut harness, 10);
    harness
        .state_mut()
        .apply(Command::Browse(BrowseCommand::SetLanguage(language)), 0.0);
    let index = harness.state().dataset().unwrap().index_of(id).unwrap();
    harness
        .state_mut()
        .apply(Command::Browse(BrowseCommand::Select(Some(index))), 0.0);
    harness.run();
    harness
}

#[test]
fn the_window_shows_the_chosen_language_or_the_default_text_with_its_marker() {
    let events = format!(
        "[\n{}{}]\n",
        record(
            "a",
            "(en: \"Talks\", zh: \"会谈\", ru: \"Переговоры\")",
            "\"Written in English only.\""
        ),
        record("b", "\"Only in English\"", "\"\""),
    );
    let dir = dataset_with_events(&events);
    let harness = window_in(dir.path().to_path_buf(), Language::Chinese, "a");
    let panel_name = annals::i18n::tr(Language::Chinese, "detail-panel");
    let panel = harness.get_by_label(&panel_name);
    // The title in Chinese, unmarked; the summary in English, marked.
    panel.get_by_label("会谈");
    panel.get_by_label("Written in English only.");

    assert!(
        panel.query_by_label("[en]").is_some(),
        "the summary's marker"
    );
    // The list: the translated title as it is, the other one marked.
    let mut harness = harness;
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    harness.run();
    harness.get_by_label("Only in English [en]");
    assert!(harness.query_all_by_label("会谈").count() >= 1);

    let harness = window_in(dir.path().to_path_buf(), Language::Russian, "b");
    let panel_name = annals::i18n::tr(Language::Russian, "detail-panel");
    let panel = harness.get_by_label(&panel_name);
    panel.get_by_label("Only in English [en]");
    let harness = window_in(dir.path().to_path_buf(), Language::English, "b");
    let panel = harness.get_by_label(DETAIL_PANEL_LABEL);
    panel.get_by_label("Only in English");
    assert!(panel.query_by_label("Only in English [en]").is_none());
}

fn type_into(
    harness: &mut egui_kittest::Harness<'_, annals::ui::AnnalsApp>,
    label: &str,
    text: &str,
) {
    harness.get_by_label(label).click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label(label).type_text(text);
    harness.run();
}

#[test]
fn the_editor_has_a_field_per_language_marks_missing_ones_and_undo_takes_an_edit_back() {
    let (_dir, root) = scratch_copy();
    summary_in_english_only(&root, "regular-meetings.ron", "hog-29");
    let mut harness = window_in(root.clone(), Language::English, "hog-29");
    harness.key_press(egui::Key::E);
    harness.run();
    harness.get_by_label(annals::ui::edit::form::EDITOR_LABEL);
    let zh_title = |h: &egui_kittest::Harness<'_, annals::ui::AnnalsApp>| {
        let dataset = h.state().dataset().unwrap();
        let event = dataset.by_id("hog-29").unwrap();
        event
            .title
            .exactly(Language::Chinese, dataset.language())
            .unwrap_or_default()
            .to_owned()
    };
    // The dataset's language first, then the others, named apart.
    for label in [
        "Edit title",
        "Edit title (zh)",
        "Edit title (ru)",
        "Edit summary (ru)",
    ] {
        harness.get_by_label(label);
    }
    // The summary is in English only: its Chinese and Russian fields are marked.
    assert!(harness.query_all_by_label("missing").count() >= 2);
    assert_eq!(zh_title(&harness), "中俄总理第二十九次定期会晤");

    type_into(&mut harness, "Edit title (zh)", "第29次会晤");
    assert_eq!(zh_title(&harness), "第29次会晤");
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(zh_title(&harness), "中俄总理第二十九次定期会晤");
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    harness.run();
    assert_eq!(zh_title(&harness), "第29次会晤");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    let saved = read(&root, "regular-meetings.ron");
    assert!(
        saved.contains("            zh: \"第29次会晤\",\n"),
        "{saved}"
    );
}

#[test]
fn a_presentation_shows_the_storyline_in_the_chosen_language() {
    use annals::ui::command::PresentCommand;
    let (_dir, root) = scratch_copy();
    summary_in_english_only(&root, "relations.ron", "trade-2023");
    let mut harness = window_in(root, Language::Russian, "hog-29");
    harness.state_mut().apply(
        Command::Present(PresentCommand::Start(Some("summits-2024".into()))),
        0.0,
    );
    harness.run();
    let card_name = annals::i18n::tr(Language::Russian, "present-card");
    let card = harness.get_by_label(&card_name).rect();
    let on_card = |text: &str| {
        harness
            .query_all_by_label(text)
            .any(|n| card.contains_rect(n.rect()))
    };
    // The first step: its event's title and its caption in Russian; the summary, written in
    // English only, with its marker.
    assert!(on_card(
        "Товарооборот в 2023 году: около 240 млрд долларов США"
    ));
    assert!(on_card(
        "Фон: в 2023 году товарооборот достиг около 240 млрд долларов США."
    ));
    let summary = harness
        .state()
        .dataset()
        .unwrap()
        .by_id("trade-2023")
        .unwrap()
        .summary
        .to_string();
    let marked = harness
        .query_all_by_label_contains(" [en]")
        .filter(|n| card.contains_rect(n.rect()))
        .count();
    assert!(marked >= 1, "the English summary is marked: {summary}");
}

#[test]
fn a_storyline_text_without_the_default_language_is_a_warning_at_its_place() {
    let dir = dataset_with_events(&format!("[\n{}]\n", record("a", "\"Talks\"", "\"\"")));
    std::fs::create_dir(dir.path().join("briefings")).unwrap();
    std::fs::write(
        dir.path().join("briefings/talks.ron"),
        "(\n    title: (en: \"Talks\", zh: \"会谈\"),\n    steps: [\n        (event: \"a\", caption: (ru: \"Переговоры\")),\n    ],\n)\n",
    )
    .unwrap();
    let loaded = load_dataset(dir.path());
    let warnings: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning && d.message.contains("not in `en`"))
        .collect();
    assert_eq!(warnings.len(), 1, "{:#?}", loaded.diagnostics);
    assert!(
        warnings[0]
            .message
            .starts_with("`caption` is written in ru")
    );
    assert_eq!(warnings[0].location.as_ref().unwrap().line, 4);
}

#[path = "common/trilingual.rs"]
mod trilingual;

/// A scratch dataset: the trilingual manifest with `edit` applied, its events and storyline.
fn trilingual_with(edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = trilingual::trilingual();
    std::fs::write(dir.path().join("manifest.ron"), edit(trilingual::MANIFEST)).unwrap();
    dir
}

#[test]
fn manifest_and_storyline_texts_read_in_three_languages_and_check_is_quiet() {
    let dir = trilingual::trilingual();
    let loaded = load_dataset(dir.path());
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let dataset = loaded.dataset.as_ref().unwrap();
    let (zh, ru, en) = (Language::Chinese, Language::Russian, Language::English);
    assert_eq!(dataset.title_in(zh), "睦邻合作");
    assert_eq!(dataset.title_in(ru), "Соседи за работой");
    assert_eq!(dataset.title_in(en), "Neighbours at work");
    let manifest = &dataset.manifest;
    assert_eq!(
        dataset.text(&manifest.description, ru).text,
        "Небольшая летопись встреч."
    );
    assert_eq!(dataset.category_label("regular-meeting", zh), "定期会晤");
    // A label written once, in the dataset's language: the marker elsewhere.
    assert_eq!(dataset.category_label("agreement", ru), "Treaties [en]");
    assert_eq!(dataset.category_label("agreement", en), "Treaties");
    assert_eq!(
        dataset.series_title("hog-regular", ru),
        "Встречи глав правительств"
    );
    let series = dataset.series("hog-regular").unwrap();
    assert_eq!(
        series.item.as_ref().unwrap().exactly(zh, en),
        Some("定期会晤")
    );
    assert_eq!(dataset.text(&manifest.periods[0].title, zh).text, "文化年");
    let li = dataset.person("li-qiang").unwrap();
    assert_eq!(
        dataset.text(li.role.as_ref().unwrap(), ru).text,
        "Премьер Госсовета КНР"
    );
    let picture = &dataset.by_id("hog-29").unwrap().media[0];
    assert_eq!(
        picture.alt_text(zh, en).as_deref(),
        Some("长桌两侧的两国代表团")
    );
    let (_, story) = loaded.storyline("two-meetings").unwrap();
    assert_eq!(
        dataset.text(&story.description, zh).text,
        "从一次会晤到下一次。"
    );
    // The plain form still reads, as the dataset's language.
    let plain = trilingual_with(|m| {
        m.replace(
            "title: (en: \"Neighbours at work\", zh: \"睦邻合作\", ru: \"Соседи за работой\")",
            "title: \"Neighbours at work\"",
        )
    });
    let dataset = loaded_ok(plain.path());
    assert_eq!(dataset.manifest.title, Text::plain("Neighbours at work"));
    assert_eq!(dataset.title_in(zh), "Neighbours at work [en]");
}

#[test]
fn check_points_at_a_misspelt_empty_or_default_less_manifest_text() {
    // A misspelt language in a category's label: where it is, and what was meant.
    let dir = trilingual_with(|m| m.replace("zh: \"访问与峰会\"", "zn: \"访问与峰会\""));
    let loaded = annals::store::load::check_dataset(dir.path()).loaded;
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let d = errors[0];
    assert!(
        d.message.starts_with("`label`: unknown language `zn`"),
        "{}",
        d.message
    );
    assert_eq!(d.hint.as_deref(), Some("did you mean `zh`?"));
    let at = d.location.as_ref().unwrap();
    let line = trilingual::MANIFEST
        .lines()
        .position(|l| l.contains("访问与峰会"))
        .unwrap()
        + 1;
    let col = trilingual::MANIFEST
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("zh: \"访")
        .unwrap()
        + 1;
    assert_eq!((at.line, at.col, at.len), (line, col, 2), "{d}");

    // An empty map: an error.
    let dir = trilingual_with(|m| m.replace("label: \"Treaties\"", "label: ()"));
    let loaded = annals::store::load::check_dataset(dir.path()).loaded;
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.message.contains("at least one language")),
        "{:#?}",
        loaded.diagnostics
    );

    // A role, a series item and a storyline's description without English, a picture's
    // alternative text too: warnings, each where the text is written.
    let dir = trilingual_with(|m| {
        m.replace(
            "role: \"Chairman of the Government\"",
            "role: (ru: \"Председатель Правительства\")",
        )
        .replace(
            "item: (en: \"regular meeting\", zh: \"定期会晤\", ru: \"регулярная встреча\")",
            "item: (zh: \"定期会晤\")",
        )
    });
    std::fs::write(
        dir.path().join("briefings/two-meetings.ron"),
        trilingual::STORYLINE.replace(
            "description: (en: \"From one meeting to the next.\", ",
            "description: (",
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("events.ron"),
        trilingual::EVENTS.replace("alt: (en: \"Two delegations at a long table\", ", "alt: ("),
    )
    .unwrap();
    let loaded = load_dataset(dir.path());
    assert_eq!(loaded.error_count(), 0, "{:#?}", loaded.diagnostics);
    let warning = |field: &str| {
        loaded
            .diagnostics
            .iter()
            .find(|d| d.message.starts_with(&format!("`{field}` is written in")))
            .unwrap_or_else(|| panic!("{field}: {:#?}", loaded.diagnostics))
    };
    let line_of = |d: &annals::store::Diagnostic| d.location.as_ref().unwrap().line;
    let manifest = std::fs::read_to_string(dir.path().join("manifest.ron")).unwrap();
    let line_in =
        |text: &str, needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    assert_eq!(line_of(warning("role")), line_in(&manifest, "Председатель"));
    assert!(
        warning("role")
            .message
            .contains("written in ru but not in `en`")
    );
    assert_eq!(line_of(warning("item")), line_in(&manifest, "item: (zh:"));
    assert_eq!(
        line_of(warning("description")),
        line_in(trilingual::STORYLINE, "description:")
    );
    assert_eq!(
        line_of(warning("media")),
        line_in(trilingual::EVENTS, "media: [")
    );
    // Readers of English see the Russian role, marked.
    let dataset = loaded.dataset.as_ref().unwrap();
    let role = dataset
        .person("mikhail-mishustin")
        .unwrap()
        .role
        .as_ref()
        .unwrap();
    assert_eq!(
        dataset.text(role, Language::English).marked(),
        "Председатель Правительства [ru]"
    );
}

#[test]
fn fmt_leaves_the_manifest_as_written_and_writes_alt_texts_in_order() {
    let dir = trilingual::trilingual();
    let events = dir.path().join("events.ron");
    // A picture written by hand in another order, on one line.
    let messy = trilingual::EVENTS.replace(
        "caption: (en: \"The talks\", zh: \"会谈现场\", ru: \"Переговоры\"),",
        "caption: ( ru: \"Переговоры\" , en: \"The talks\",zh:\"会谈现场\" ),",
    );
    std::fs::write(&events, &messy).unwrap();
    let before = loaded_ok(dir.path());
    annals::cli::fmt(dir.path(), false, &mut Vec::new()).unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("manifest.ron")).unwrap(),
        trilingual::MANIFEST
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("briefings/two-meetings.ron")).unwrap(),
        trilingual::STORYLINE
    );
    let once = std::fs::read_to_string(&events).unwrap();
    // A picture's fields one a line when they do not fit on one, languages in order.
    assert!(
        once.contains("                caption: (en: \"The talks\", zh: \"会谈现场\", ru: \"Переговоры\"),\n                alt: (en: \"Two delegations at a long table\", zh: \"长桌两侧的两国代表团\", ru: \"Две делегации за длинным столом\"),\n"),
        "{once}"
    );
    assert_eq!(
        annals::cli::fmt(dir.path(), true, &mut Vec::new()).unwrap(),
        0
    );
    annals::cli::fmt(dir.path(), false, &mut Vec::new()).unwrap();
    assert_eq!(std::fs::read_to_string(&events).unwrap(), once);
    assert_eq!(loaded_ok(dir.path()).events(), before.events());
}

#[test]
fn an_alt_text_edited_in_one_language_is_saved_and_reads_back() {
    let dir = trilingual::trilingual();
    let dataset = loaded_ok(dir.path());
    let before = dataset.by_id("hog-29").unwrap();
    let mut draft = Draft::from_event(before, dataset.language());
    *draft.media[0].alt.get_mut(Language::Russian) = "Делегации за столом".into();
    *draft.media[0].caption.get_mut(Language::Chinese) = String::new();
    let (after, errors) = draft.apply(before, &dataset);
    assert!(errors.is_empty(), "{errors:?}");
    let mut changes = FileChanges::default();
    changes.replace.insert("hog-29", &after);
    let text = std::fs::read_to_string(dir.path().join("events.ron")).unwrap();
    let saved = apply_changes(&text, &changes).unwrap();
    // The other records keep their bytes.
    let tail = &text[text.find("        id: \"visit-2024\"").unwrap()..];
    assert!(saved.ends_with(tail));
    std::fs::write(dir.path().join("events.ron"), &saved).unwrap();
    let again = loaded_ok(dir.path());
    let picture = &again.by_id("hog-29").unwrap().media[0];
    let alt = picture.alt.as_ref().unwrap();
    assert_eq!(
        alt.exactly(Language::Russian, Language::English),
        Some("Делегации за столом")
    );
    assert_eq!(
        alt.exactly(Language::Chinese, Language::English),
        Some("长桌两侧的两国代表团")
    );
    let caption = picture.caption.as_ref().unwrap();
    assert_eq!(caption.exactly(Language::Chinese, Language::English), None);
    assert_eq!(again.by_id("hog-29").unwrap(), &after);
}

#[test]
fn the_window_in_chinese_and_russian_speaks_the_datasets_own_translations() {
    let dir = trilingual::trilingual();
    let root = dir.path().to_path_buf();
    for (language, title, lane, other_lane, series, role, fallback) in [
        (
            Language::Chinese,
            "睦邻合作",
            "定期会晤",
            "访问与峰会",
            "第29次：定期会晤",
            "国务院总理",
            "Chairman of the Government [en]",
        ),
        (
            Language::Russian,
            "Соседи за работой",
            "Регулярная встреча",
            "Визит или саммит",
            "№ 29: регулярная встреча",
            "Премьер Госсовета КНР",
            "Chairman of the Government [en]",
        ),
    ] {
        let mut harness = window_in(root.clone(), language, "hog-29");
        harness.run();
        assert_eq!(
            harness.state().window_title(),
            format!("Annals — {title}"),
            "{language:?}"
        );
        // The lanes, by their headers' names; the one label left in English, marked.
        for name in [lane, other_lane, "Treaties [en]"] {
            assert!(
                harness.query_all_by_label(name).count() >= 1,
                "{language:?}: no lane {name}"
            );
        }
        assert!(
            harness
                .query_all_by_label("Regular meeting")
                .next()
                .is_none()
        );
        // The detail panel: the place in the series, the roles.
        let panel_name = annals::i18n::tr(language, "detail-panel");
        let panel = harness.get_by_label(&panel_name);
        panel.get_by_label(series);
        panel.get_by_label(role);
        panel.get_by_label(fallback);
        // The picture, named by its alternative text in that language once decoded.
        let alt = if language == Language::Chinese {
            "长桌两侧的两国代表团"
        } else {
            "Две делегации за длинным столом"
        };
        assert!(
            step_until(&mut harness, |h| h.query_by_label(alt).is_some()),
            "{language:?}: the thumbnail named {alt}"
        );
        // The filter panel's categories.
        harness.key_press_modifiers(
            egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT),
            egui::Key::F,
        );
        harness.run();
        assert!(
            harness.query_all_by_label(other_lane).count() >= 2,
            "{language:?}"
        );
        assert!(
            harness
                .query_all_by_label("Visit or summit")
                .next()
                .is_none()
        );
    }
}

#[test]
fn the_editor_has_a_field_per_language_for_a_pictures_caption_and_alt_text() {
    let dir = trilingual::trilingual();
    let root = dir.path().to_path_buf();
    let mut harness = window_in(root.clone(), Language::English, "hog-29");
    harness.key_press(egui::Key::E);
    harness.run();
    let alt_in = |h: &egui_kittest::Harness<'_, annals::ui::AnnalsApp>, language| {
        let dataset = h.state().dataset().unwrap();
        let picture = &dataset.by_id("hog-29").unwrap().media[0];
        picture
            .alt
            .as_ref()
            .and_then(|t| t.exactly(language, dataset.language()))
            .unwrap_or_default()
            .to_owned()
    };
    for label in [
        "Edit picture 1 caption",
        "Edit picture 1 caption (zh)",
        "Edit picture 1 alternative text",
        "Edit picture 1 alternative text (ru)",
    ] {
        harness.get_by_label(label);
    }
    // Below the fold of the form: scrolled to first.
    harness
        .get_by_label("Edit picture 1 alternative text (ru)")
        .scroll_to_me();
    harness.run();
    type_into(
        &mut harness,
        "Edit picture 1 alternative text (ru)",
        "Делегации",
    );
    assert_eq!(alt_in(&harness, Language::Russian), "Делегации");
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(
        alt_in(&harness, Language::Russian),
        "Две делегации за длинным столом"
    );
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    let saved = read(&root, "events.ron");
    assert!(saved.contains("ru: \"Делегации\""), "{saved}");
    assert!(saved.contains("zh: \"长桌两侧的两国代表团\""), "{saved}");
}

#[test]
fn the_status_bar_counts_the_texts_lacking_the_language_and_walks_them() {
    let events = format!(
        "[\n{}{}]\n",
        record(
            "a",
            "(en: \"Talks\", zh: \"会谈\", ru: \"Переговоры\")",
            "\"Written in English only.\""
        ),
        record("b", "\"Only in English\"", "\"\""),
    );
    let dir = dataset_with_events(&events);
    // What `annals translations` finds lacking Chinese, counted through the same walker.
    let root = dir.path();
    let default = annals::store::translations::default_language(root);
    let (mut texts, mut lacking, mut lacking_in_events) = (0, 0, 0);
    for (path, kind) in annals::store::translations::dataset_files(root).unwrap() {
        let file = annals::store::translations::walk_file(&path, kind).unwrap();
        for spot in &file.texts.spots {
            texts += 1;
            if !spot.has(Language::Chinese, default) {
                lacking += 1;
                if kind == annals::store::translations::FileKind::Events {
                    lacking_in_events += 1;
                }
            }
        }
    }
    assert_eq!(lacking_in_events, 2, "a's summary and b's title");

    let mut harness = window_in(root.to_path_buf(), Language::Chinese, "a");
    harness
        .state_mut()
        .apply(Command::Browse(BrowseCommand::Select(None)), 0.0);
    harness.run();
    let label = annals::tr!(
        Language::Chinese,
        "status-untranslated",
        count = lacking,
        texts = texts,
        language = "中文"
    );
    // Each click: the next event lacking a Chinese text, its details open; then the manifest.
    let mut seen = Vec::new();
    for _ in 0..2 {
        harness.get_by_label(&label).click();
        harness.run();
        let app = harness.state();
        let index = app.selected().expect("an event is selected");
        let event = app.dataset().unwrap().event(index).unwrap();
        let lacks_chinese = [&event.title, &event.summary]
            .iter()
            .any(|t| !t.is_empty() && t.exactly(Language::Chinese, default).is_none());
        assert!(lacks_chinese, "{} has every text in Chinese", event.id);
        assert!(
            app.notice().unwrap().contains(&*event.id),
            "{:?}",
            app.notice()
        );
        assert!(
            harness
                .query_by_label(&annals::i18n::tr(Language::Chinese, "detail-panel"))
                .is_some()
        );
        seen.push(event.id.to_string());
    }
    seen.sort();
    assert_eq!(seen, ["a", "b"]);
    if lacking > lacking_in_events {
        harness.get_by_label(&label).click();
        harness.run();
        let notice = harness.state().notice().unwrap().to_owned();
        assert!(notice.starts_with("manifest.ron:"), "{notice}");
    }

    // In the dataset's own language there is nothing to say.
    harness.state_mut().apply(
        Command::Browse(BrowseCommand::SetLanguage(Language::English)),
        0.0,
    );
    harness.run();
    assert!(harness.query_by_label_contains("lack").is_none());
}
