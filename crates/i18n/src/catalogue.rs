//! The compiled-in Fluent catalogues and the formatting of one message.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::Lang;

/// Every catalogue file: `locales/<tag>/<area>.ftl`, one area per face.
pub(crate) const SOURCES: [(Lang, &str, &str); 16] = [
    (Lang::En, "web", include_str!("../locales/en/web.ftl")),
    (Lang::En, "api", include_str!("../locales/en/api.ftl")),
    (
        Lang::En,
        "reasons",
        include_str!("../locales/en/reasons.ftl"),
    ),
    (Lang::En, "names", include_str!("../locales/en/names.ftl")),
    (Lang::Cy, "web", include_str!("../locales/cy/web.ftl")),
    (Lang::Cy, "api", include_str!("../locales/cy/api.ftl")),
    (
        Lang::Cy,
        "reasons",
        include_str!("../locales/cy/reasons.ftl"),
    ),
    (Lang::Cy, "names", include_str!("../locales/cy/names.ftl")),
    (Lang::Ur, "web", include_str!("../locales/ur/web.ftl")),
    (Lang::Ur, "api", include_str!("../locales/ur/api.ftl")),
    (
        Lang::Ur,
        "reasons",
        include_str!("../locales/ur/reasons.ftl"),
    ),
    (Lang::Ur, "names", include_str!("../locales/ur/names.ftl")),
    (Lang::Ar, "web", include_str!("../locales/ar/web.ftl")),
    (Lang::Ar, "api", include_str!("../locales/ar/api.ftl")),
    (
        Lang::Ar,
        "reasons",
        include_str!("../locales/ar/reasons.ftl"),
    ),
    (Lang::Ar, "names", include_str!("../locales/ar/names.ftl")),
];

/// A Fluent variable's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Str(String),
    Num(f64),
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Str(value.to_owned())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Str(value)
    }
}

impl From<f64> for Arg {
    fn from(value: f64) -> Self {
        Arg::Num(value)
    }
}

impl From<usize> for Arg {
    fn from(value: usize) -> Self {
        Arg::Num(value as f64)
    }
}

impl From<u32> for Arg {
    fn from(value: u32) -> Self {
        Arg::Num(f64::from(value))
    }
}

impl From<u64> for Arg {
    fn from(value: u64) -> Self {
        Arg::Num(value as f64)
    }
}

impl From<i64> for Arg {
    fn from(value: i64) -> Self {
        Arg::Num(value as f64)
    }
}

type Bundle = FluentBundle<FluentResource>;

/// The message `key` in `lang`, falling back to English, then to the key itself.
pub fn text(lang: Lang, key: &str) -> String {
    format(lang, key, None)
}

/// [`text`] with Fluent variables (`{ $name }`).
pub fn text_with(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Str(s) => fluent_args.set(*name, FluentValue::from(s.as_str())),
            Arg::Num(n) => fluent_args.set(*name, FluentValue::from(*n)),
        }
    }
    format(lang, key, Some(&fluent_args))
}

/// The message keys `lang`'s own catalogues define, in file order (no fallback).
pub fn keys(lang: Lang) -> Vec<&'static str> {
    SOURCES
        .iter()
        .filter(|(l, _, _)| *l == lang)
        .flat_map(|(_, _, source)| message_ids(source))
        .collect()
}

/// The ids of a Fluent file's messages: lines that start with an identifier and `=`.
pub(crate) fn message_ids(source: &str) -> impl Iterator<Item = &str> {
    source.lines().filter_map(|line| {
        let (id, _) = line.split_once('=')?;
        let id = id.trim_end();
        let starts_with_letter = id.starts_with(|c: char| c.is_ascii_alphabetic());
        let is_identifier = id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        (starts_with_letter && is_identifier).then_some(id)
    })
}

fn format(lang: Lang, key: &str, args: Option<&FluentArgs>) -> String {
    [lang, Lang::En]
        .into_iter()
        .find_map(|l| message(l, key, args))
        .unwrap_or_else(|| key.to_owned())
}

/// The message `key` of `lang`'s own catalogues, without falling back.
pub(crate) fn message(lang: Lang, key: &str, args: Option<&FluentArgs>) -> Option<String> {
    format_in(bundle(lang), key, args)
}

fn format_in(bundle: &Bundle, key: &str, args: Option<&FluentArgs>) -> Option<String> {
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned(),
    )
}

fn bundle(lang: Lang) -> &'static Bundle {
    static BUNDLES: OnceLock<Vec<Bundle>> = OnceLock::new();
    let bundles = BUNDLES.get_or_init(|| Lang::all().iter().map(|l| build(*l)).collect());
    let index = Lang::all().iter().position(|l| *l == lang).unwrap_or(0);
    &bundles[index]
}

/// A language's bundle from its catalogue files. A file's syntax errors (which the tests forbid)
/// lose only the entries they touch.
pub(crate) fn build(lang: Lang) -> Bundle {
    let id: LanguageIdentifier = lang.tag().parse().unwrap_or_default();
    let mut bundle = Bundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    for (_, _, source) in SOURCES.iter().filter(|(l, _, _)| *l == lang) {
        let resource = FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(r, _)| r);
        bundle.add_resource_overriding(resource);
    }
    bundle
}

#[cfg(test)]
mod tests;
