//! The interface's message files: every message exists in English, Chinese and Russian, with
//! the same attributes and the same variables, and every file parses.

use std::collections::{BTreeMap, BTreeSet};

use annals::i18n::{Language, message_files};
use fluent_syntax::ast;

/// Message id → (attribute names, variable names), for one language.
type Messages = BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)>;

fn variables_of(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            variables_in(expression, out);
        }
    }
}

fn variables_in(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                variables_of(&variant.value, out);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => variables_in(expression, out),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_variables(a, out);
            }
            for a in &arguments.named {
                inline_variables(&a.value, out);
            }
        }
        _ => {}
    }
}

fn messages(code: &str) -> (Messages, BTreeSet<String>) {
    let mut messages = Messages::new();
    let mut files = BTreeSet::new();
    for (language, name, text) in message_files() {
        if *language != code {
            continue;
        }
        files.insert((*name).to_owned());
        let resource = fluent_syntax::parser::parse(*text)
            .unwrap_or_else(|(_, errors)| panic!("{code}/{name} does not parse: {errors:?}"));
        for entry in &resource.body {
            if let ast::Entry::Message(message) = entry {
                let mut variables = BTreeSet::new();
                if let Some(value) = &message.value {
                    variables_of(value, &mut variables);
                }
                let mut attributes = BTreeSet::new();
                for attribute in &message.attributes {
                    attributes.insert(attribute.id.name.to_owned());
                    variables_of(&attribute.value, &mut variables);
                }
                let previous = messages.insert(message.id.name.to_owned(), (attributes, variables));
                assert!(
                    previous.is_none(),
                    "{code}/{name}: `{}` defined twice",
                    message.id.name
                );
            }
        }
    }
    (messages, files)
}

#[test]
fn every_message_is_in_every_language_with_the_same_variables() {
    let (english, english_files) = messages("en");
    assert!(
        english.len() > 300,
        "only {} English messages",
        english.len()
    );
    for language in [Language::Chinese, Language::Russian] {
        let code = language.code();
        let (other, files) = messages(code);
        assert_eq!(files, english_files, "{code}/ has other files than en/");
        let missing: Vec<_> = english.keys().filter(|k| !other.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{code}/ lacks {missing:?}");
        let extra: Vec<_> = other.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(
            extra.is_empty(),
            "{code}/ has messages English lacks: {extra:?}"
        );
        for (id, (attributes, variables)) in &english {
            let (their_attributes, their_variables) = &other[id];
            assert_eq!(attributes, their_attributes, "{code}: attributes of `{id}`");
            assert_eq!(variables, their_variables, "{code}: variables of `{id}`");
        }
    }
}

#[test]
fn no_message_says_one_events() {
    // A count variable must go through a plural selector wherever the language has one.
    for language in [Language::English, Language::Russian] {
        for n in [1u32, 2, 5, 21] {
            let text = annals::tr!(language, "events-count", count = n);
            assert!(!text.starts_with("1 events"), "{text}");
            if language == Language::Russian {
                let expected = match n {
                    1 | 21 => "событие",
                    2 => "события",
                    _ => "событий",
                };
                assert!(text.ends_with(expected), "{n}: {text}");
            }
        }
    }
}

/// Whether `pattern` chooses its words by `$count` and has a `[one]` form.
fn selects_one_by_count(pattern: &ast::Pattern<&str>) -> bool {
    pattern.elements.iter().any(|element| match element {
        ast::PatternElement::Placeable {
            expression: ast::Expression::Select { selector, variants },
        } => {
            matches!(selector, ast::InlineExpression::VariableReference { id } if id.name == "count")
                && variants.iter().any(|v| {
                    matches!(&v.key, ast::VariantKey::Identifier { name } if *name == "one")
                })
        }
        _ => false,
    })
}

#[test]
fn russian_one_forms_read_right_for_21_and_31() {
    // The numbers CLDR puts in `one` besides 1: the same noun form, the number not hard-coded.
    let mut checked = 0;
    for (language, name, text) in message_files() {
        if *language != "ru" {
            continue;
        }
        let resource = fluent_syntax::parser::parse(*text).unwrap();
        for entry in &resource.body {
            let ast::Entry::Message(message) = entry else {
                continue;
            };
            let Some(value) = &message.value else {
                continue;
            };
            if !selects_one_by_count(value) {
                continue;
            }
            let mut variables = BTreeSet::new();
            variables_of(value, &mut variables);
            let id = message.id.name;
            let say = |n: u32| {
                let args: Vec<(&str, annals::i18n::Arg<'_>)> = variables
                    .iter()
                    .map(|v| {
                        let arg = if v == "count" {
                            annals::i18n::Arg::from(n)
                        } else {
                            annals::i18n::Arg::from("X")
                        };
                        (v.as_str(), arg)
                    })
                    .collect();
                annals::i18n::tr_with(Language::Russian, id, &args)
            };
            let one = say(1);
            for n in [21, 31] {
                let text = say(n);
                // Where the count is written, it is the count, not a "1" written in.
                assert!(
                    !one.contains('1') || text.contains(&n.to_string()),
                    "ru/{name} `{id}` with {n}: {text}"
                );
                assert_eq!(
                    text.replace(&n.to_string(), "1"),
                    one,
                    "ru/{name} `{id}` with {n} reads otherwise than with 1"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} messages checked");

    // Counts through the layer the window uses, and a month's days through the date checker.
    for (n, noun) in [
        (21u32, "событие"),
        (31, "событие"),
        (22, "события"),
        (25, "событий"),
    ] {
        let text = annals::tr!(Language::Russian, "events-count", count = n);
        assert!(text.ends_with(&format!("{n} {noun}")), "{text}");
    }
    let days = |date: &str| {
        annals::model::EventDate::parse(date)
            .unwrap_err()
            .text(Language::Russian)
    };
    let january = days("2025-01-32");
    assert!(january.ends_with("в январе 2025 года 31 день"), "{january}");
    let april = days("2025-04-31");
    assert!(april.ends_with("в апреле 2025 года 30 дней"), "{april}");
    let february = days("2025-02-29");
    assert!(february.contains("28 дней"), "{february}");
    // English says the number as before.
    let english = annals::model::EventDate::parse("2025-01-32")
        .unwrap_err()
        .text(Language::English);
    assert!(english.contains("January 2025 has 31 days"), "{english}");
}
