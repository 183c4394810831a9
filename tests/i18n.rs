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
