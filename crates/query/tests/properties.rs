//! Properties of the parser over arbitrary text: it never panics, its chips point into the input,
//! its text is made of the input's own words, and it is idempotent on its own structure.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

mod common;

use common::TestPlaces;
use proptest::prelude::*;
use signpost_query::{ParsedQuery, UnderstoodKind, canonical_query, parse};

/// The structured fields, which re-parsing the canonical query must reproduce exactly.
fn structure(q: &ParsedQuery) -> serde_json::Value {
    serde_json::json!([
        q.categories,
        q.languages,
        q.faiths,
        q.near,
        q.radius_m,
        q.gender.map(|g| g.code()),
        q.age,
        q.age_range,
        q.open,
        q.free
    ])
}

/// Words that mean nothing to the parser, used to check that text passes through untouched.
const PLAIN_WORDS: &[&str] = &[
    "zorbing", "quixotic", "blue", "hat", "kettle", "xyzzy", "plinth",
];

/// Phrases the parser understands, to build structured queries from.
const PHRASES: &[&str] = &[
    "Bengali",
    "speaks Urdu",
    "Polish speaker",
    "mosque",
    "gurdwara",
    "church-based",
    "mentoring",
    "ESOL",
    "DV",
    "NRPF advice",
    "MH",
    "female",
    "for men",
    "17 year old",
    "free",
    "open now",
    "Friday evening",
    "weekend",
    "after 6pm",
    "within 3 miles",
    "5 mins walk",
    "near WS1 1AA",
    "B6",
    "in Walsall",
    "52.58,-1.98",
    "Sylheti",
    "Farsi",
    "Dari",
    "Sorani",
    "Patois",
    "langar",
    "imam",
    "housing",
    "women's centre",
    "English-speaking",
    "english classes",
    "Newport",
    "temple",
    "Sikh temple",
    "near me",
    "Temple Street",
    "polish my CV",
    "mentorng",
    "Bengli",
    "over 50s",
    "under 25s",
    "aged 16-25",
    "he is 24",
    "16 to 25 year olds",
    "Arabic interpreter",
    "women's refuge",
];

fn check_chips(input: &str, q: &ParsedQuery) -> Result<(), TestCaseError> {
    prop_assert_eq!(&q.input, input);
    for chip in &q.understood {
        prop_assert_eq!(
            input.get(chip.span[0]..chip.span[1]),
            Some(chip.matched.as_str())
        );
    }
    Ok(())
}

fn check_text_words(input: &str, q: &ParsedQuery) -> Result<(), TestCaseError> {
    let mut rest = input;
    for word in q.text.split([' ', '-']).filter(|w| !w.is_empty()) {
        let found = rest.find(word);
        prop_assert!(
            found.is_some(),
            "text word {word:?} not in order in {input:?}"
        );
        rest = &rest[found.unwrap_or(0) + word.len()..];
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn never_panics_on_any_text(input in "\\PC{0,200}") {
        let q = parse(&input, &TestPlaces);
        check_chips(&input, &q)?;
        check_text_words(&input, &q)?;
    }

    #[test]
    fn never_panics_on_odd_unicode(input in "[\\u{0}-\\u{10FFFF}]{0,80}") {
        let q = parse(&input, &TestPlaces);
        check_chips(&input, &q)?;
    }

    #[test]
    fn reparsing_the_canonical_query_gives_the_same_structure(
        picks in proptest::collection::vec(0..PHRASES.len(), 0..6),
    ) {
        let input = picks.iter().map(|&i| PHRASES[i]).collect::<Vec<_>>().join(" ");
        let q = parse(&input, &TestPlaces);
        let again = parse(&canonical_query(&q), &TestPlaces);
        prop_assert_eq!(structure(&again), structure(&q), "input {:?}, canonical {:?}", input, canonical_query(&q));
        prop_assert_eq!(again.text, "");
    }

    #[test]
    fn reparsing_the_text_alone_understands_nothing_new(
        picks in proptest::collection::vec(0..PHRASES.len(), 0..5),
        words in proptest::collection::vec(0..PLAIN_WORDS.len(), 0..4),
    ) {
        let mut parts: Vec<&str> = picks.iter().map(|&i| PHRASES[i]).collect();
        parts.extend(words.iter().map(|&i| PLAIN_WORDS[i]));
        let input = parts.join(" ");
        let q = parse(&input, &TestPlaces);
        let again = parse(&q.text, &TestPlaces);
        // Bare place names are only looked for while no place is known, so with a place already
        // taken another town's name stays as text; anything else found again is a bug.
        let unexpected: Vec<_> = again
            .understood
            .iter()
            .filter(|chip| !(chip.kind == UnderstoodKind::Near && q.near.is_some()))
            .collect();
        prop_assert!(unexpected.is_empty(), "{:?} left {:?}, which reads as {:?}", input, q.text, unexpected);
        if unexpected.is_empty() && again.understood.is_empty() {
            prop_assert_eq!(again.text, q.text);
        }
    }

    #[test]
    fn plain_words_pass_through_as_text(
        picks in proptest::collection::vec(0..PHRASES.len(), 0..5),
        word in 0..PLAIN_WORDS.len(),
    ) {
        let mut input = picks.iter().map(|&i| PHRASES[i]).collect::<Vec<_>>().join(", ");
        input.push_str(", ");
        input.push_str(PLAIN_WORDS[word]);
        let q = parse(&input, &TestPlaces);
        prop_assert!(q.text.split(' ').any(|w| w == PLAIN_WORDS[word]), "{:?} gave text {:?}", input, q.text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn age_ranges_read_back_as_typed(min in 0u32..=120, span in 0u32..=40, n in 10u32..=120) {
        let max = (min + span).min(120);
        let range = parse(&format!("aged {min}-{max}"), &TestPlaces).age_range.unwrap();
        prop_assert_eq!((range.min, range.max), (Some(min), Some(max)));
        let over = parse(&format!("mentoring for over {n}s"), &TestPlaces);
        prop_assert_eq!(over.age_range.map(|r| (r.min, r.max)), Some((Some(n), None)));
        prop_assert_eq!(over.text, "");
        let chip = over.understood.iter().find(|c| c.kind == UnderstoodKind::AgeRange);
        prop_assert_eq!(chip.map(|c| c.value.clone()), Some(format!("{n}-")));
        let under = parse(&format!("under-{n}s"), &TestPlaces);
        prop_assert_eq!(under.age_range.map(|r| (r.min, r.max)), Some((None, Some(n - 1))));
        let person = parse(&format!("she's {min}"), &TestPlaces);
        prop_assert_eq!((person.age, person.age_range), (Some(min), None));
    }
}

#[test]
fn ten_kilobytes_of_text_is_fine() {
    let input = "Bengali mentoring near WS1 1AA with 😀 and ∑ and \u{202E} ".repeat(200);
    assert!(input.len() > 10_000);
    let q = parse(&input, &TestPlaces);
    assert_eq!(q.languages, ["ben"]);
    let long_word = "a".repeat(10_000);
    assert_eq!(parse(&long_word, &TestPlaces).text, long_word);
}

#[test]
fn the_json_round_trips() {
    let q = parse(
        "Friday evening Bengali women within 2 miles of B6 free aged 30",
        &TestPlaces,
    );
    let json = serde_json::to_string(&q).unwrap();
    let back: ParsedQuery = serde_json::from_str(&json).unwrap();
    assert_eq!(back, q);
    let now = parse("open now", &TestPlaces);
    let back: ParsedQuery = serde_json::from_str(&serde_json::to_string(&now).unwrap()).unwrap();
    assert_eq!(back, now);
}

#[test]
fn canonical_language_names_read_back_as_their_code() {
    for (code, alias) in signpost_query::language_aliases() {
        let q = parse(&format!("speaks {alias}"), &TestPlaces);
        assert_eq!(q.languages, [code], "{alias}");
    }
}
