use std::collections::BTreeSet;

use super::*;

/// Key prefixes every right-to-left catalogue translates: the search page, its results and the
/// printable shortlist (with the layout around them), the reasons a result gives (`hit-`), and
/// the titles and catalogue details of the problems the search API answers with.
const RTL_REQUIRED_PREFIXES: [&str; 7] = [
    "layout-",
    "search-",
    "results-",
    "shortlist-",
    "hit-",
    "problem-",
    "detail-",
];

fn key_set(lang: Lang) -> BTreeSet<&'static str> {
    keys(lang).into_iter().collect()
}

/// The keys of `english` that `other` lacks.
fn missing<'a>(english: &BTreeSet<&'a str>, other: &BTreeSet<&'a str>) -> Vec<&'a str> {
    english.difference(other).copied().collect()
}

#[test]
fn every_catalogue_parses_without_errors_or_duplicates() {
    for (lang, area, source) in SOURCES {
        if let Err((_, errors)) = FluentResource::try_new(source.to_owned()) {
            panic!("{}/{area}.ftl: {errors:?}", lang.tag());
        }
    }
    for lang in Lang::all() {
        let all = keys(*lang);
        let unique: BTreeSet<_> = all.iter().collect();
        assert_eq!(all.len(), unique.len(), "{} has a key twice", lang.tag());
        let mut bundle = Bundle::new_concurrent(Vec::new());
        for (_, _, source) in SOURCES.iter().filter(|(l, _, _)| l == lang) {
            let resource = FluentResource::try_new((*source).to_owned()).expect("parses");
            assert!(bundle.add_resource(resource).is_ok(), "{}", lang.tag());
        }
    }
}

#[test]
fn welsh_has_every_english_key() {
    let missing_in_welsh = missing(&key_set(Lang::En), &key_set(Lang::Cy));
    assert!(
        missing_in_welsh.is_empty(),
        "missing in cy: {missing_in_welsh:?}"
    );
}

#[test]
fn right_to_left_catalogues_cover_the_search_results_and_shortlist() {
    let required: Vec<_> = keys(Lang::En)
        .into_iter()
        .filter(|k| RTL_REQUIRED_PREFIXES.iter().any(|p| k.starts_with(p)))
        .collect();
    assert!(required.len() > 30, "the required keys were found");
    for lang in [Lang::Ur, Lang::Ar] {
        let own = key_set(lang);
        let absent: Vec<_> = required.iter().filter(|k| !own.contains(*k)).collect();
        assert!(absent.is_empty(), "missing in {}: {absent:?}", lang.tag());
    }
}

#[test]
fn no_catalogue_has_a_key_english_lacks() {
    let english = key_set(Lang::En);
    for lang in Lang::all() {
        let extra: Vec<_> = key_set(*lang).difference(&english).copied().collect();
        assert!(extra.is_empty(), "{} only: {extra:?}", lang.tag());
    }
}

#[test]
fn the_coverage_check_catches_a_missing_key() {
    let english: BTreeSet<_> = message_ids("a = A\nb = B { $n }\n-term = T\n").collect();
    let welsh: BTreeSet<_> = message_ids("a = A\n# b = comment\n").collect();
    assert_eq!(missing(&english, &welsh), ["b"]);
}

#[test]
fn a_missing_key_falls_back_to_english_then_to_the_key() {
    let english = key_set(Lang::En);
    let urdu = key_set(Lang::Ur);
    let untranslated = missing(&english, &urdu);
    for key in &untranslated {
        assert_eq!(text(Lang::Ur, key), text(Lang::En, key), "{key}");
    }
    assert_eq!(text(Lang::Cy, "no-such-key"), "no-such-key");
}

/// Every variable a catalogue uses, so each message can be formatted with all of them set.
fn every_variable() -> Vec<(&'static str, Arg)> {
    let names: BTreeSet<&str> = SOURCES
        .iter()
        .flat_map(|(_, _, source)| source.split('$').skip(1))
        .map(|rest| {
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .filter(|name| !name.is_empty())
        .collect();
    names.into_iter().map(|n| (n, Arg::Num(3.0))).collect()
}

#[test]
fn every_message_formats_without_fluent_errors_or_isolation_marks() {
    let mut args = FluentArgs::new();
    for (name, _) in every_variable() {
        args.set(name, FluentValue::from(3.0));
    }
    for lang in Lang::all() {
        let bundle = build(*lang);
        for key in keys(*lang) {
            let message = bundle.get_message(key).expect("message");
            let pattern = message.value().expect("a message has a value");
            let mut errors = Vec::new();
            let out = bundle.format_pattern(pattern, Some(&args), &mut errors);
            assert!(errors.is_empty(), "{}:{key}: {errors:?}", lang.tag());
            assert!(!out.trim().is_empty(), "{}:{key} is empty", lang.tag());
            assert!(
                !out.contains(['\u{2068}', '\u{2069}']),
                "{}:{key} has isolation marks",
                lang.tag()
            );
        }
    }
}

#[test]
fn welsh_plurals_use_their_own_forms() {
    let count = |n: usize| text_with(Lang::Cy, "results-count", &[("count", Arg::from(n))]);
    assert_eq!(count(1), "1 gwasanaeth");
    assert_eq!(count(2), "2 wasanaeth");
    assert_eq!(count(3), "3 gwasanaeth");
    assert_eq!(count(7), "7 gwasanaeth");
    assert_eq!(
        text_with(Lang::En, "results-count", &[("count", Arg::from(1usize))]),
        "1 service"
    );
    assert_eq!(
        text_with(Lang::En, "results-count", &[("count", Arg::from(12usize))]),
        "12 services"
    );
}

#[test]
fn the_bundles_are_shared_between_threads() {
    let welsh = std::thread::spawn(|| text(Lang::Cy, "layout-skip"))
        .join()
        .expect("thread");
    assert_eq!(welsh, text(Lang::Cy, "layout-skip"));
    assert_ne!(welsh, text(Lang::En, "layout-skip"));
}
