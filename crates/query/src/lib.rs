//! Natural-language query understanding for Signpost: turns what a practitioner types
//! ("female Punjabi-speaking counsellor in Walsall open Friday evening") into the structured
//! query of docs/parsed-query.md, with a plain-English explanation, removable chips and notes.
//!
//! Pure: no IO, no index, no database. Places come through [`signpost_geo::PlaceLookup`].
//! [`parse`] never fails and never panics: whatever it does not understand stays in `text`.
//!
//! ```
//! use signpost_geo::{Place, PlaceKind, PlaceLookup};
//! struct OnePostcode;
//! impl PlaceLookup for OnePostcode {
//!     fn lookup(&self, phrase: &str) -> Option<Place> {
//!         (phrase.eq_ignore_ascii_case("ws1 1aa")).then(|| Place {
//!             kind: PlaceKind::Postcode, label: "WS1 1AA".into(), lat: 52.58, lon: -1.98,
//!             lad_code: None, note: None,
//!         })
//!     }
//!     fn suggest(&self, _: &str) -> Vec<String> { Vec::new() }
//! }
//! let q = signpost_query::parse("Bengali-speaking mentoring within 3 miles of WS1 1AA", &OnePostcode);
//! assert_eq!(q.languages, ["ben"]);
//! assert_eq!(q.categories, ["mentoring"]);
//! assert_eq!(q.radius_m, Some(4828.032));
//! assert_eq!(q.text, "");
//! assert_eq!(q.explanation, "Mentoring services where staff speak Bengali, within 3 miles of WS1 1AA");
//! ```

mod explain;
mod explain_in;
mod lexicon;
mod model;
mod numbers;
mod parser;
mod tokens;

pub use explain::canonical_query;
pub use explain_in::{chip_label_in, explanation_in};

/// The plain-English sentence for a query whose fields were changed after parsing (explicit
/// parameters laid over the words), so the explanation says what is actually searched.
pub fn explain(query: &ParsedQuery) -> String {
    explain::explanation(query, None, None)
}
pub use model::{AgeRange, Day, Near, Open, ParsedQuery, Understood, UnderstoodKind};
pub use numbers::{WALK_METRES_PER_MINUTE, WALKING_DISTANCE_M};

use explain::{
    age_range_label, age_range_value, category_label, faith_label, gender_label, open_label,
};
use parser::{Analysis, Part, Value};
use signpost_domain::Gender;
use signpost_geo::PlaceLookup;

/// Every language code the parser can return from the bundled alias table, with a name that
/// reads back as that code (`("ben", "Bengali")`), sorted by code.
pub fn language_aliases() -> Vec<(&'static str, &'static str)> {
    lexicon::Lexicon::get().all_language_aliases()
}

/// The language a name means as the search box reads it: an English name ("Bengali",
/// "Bangla"), the language's own name ("বাংলা", "Cymraeg", "اردو") or a near spelling of one
/// ("Bengalli"). `None` when the text is not one language name and nothing else.
pub fn language_named(name: &str) -> Option<String> {
    let query = parse(name, &NoPlaces);
    let only_a_language = query.languages.len() == 1
        && query.text.trim().is_empty()
        && query.categories.is_empty()
        && query.faiths.is_empty()
        && query.near.is_none();
    only_a_language.then(|| query.languages[0].clone())
}

/// A place table that knows no place, for reading a phrase that must not name one.
struct NoPlaces;

impl PlaceLookup for NoPlaces {
    fn lookup(&self, _phrase: &str) -> Option<signpost_geo::Place> {
        None
    }

    fn suggest(&self, _phrase: &str) -> Vec<String> {
        Vec::new()
    }
}

/// Understands a free-text query. Never fails: unknown words stay in `text`, and anything the
/// parser had to choose or could not resolve is said in `notes`.
pub fn parse(input: &str, places: &dyn PlaceLookup) -> ParsedQuery {
    let analysis = parser::analyse(input, places);
    let mut query = ParsedQuery {
        input: input.to_owned(),
        text: text_of(&analysis),
        categories: Vec::new(),
        languages: Vec::new(),
        faiths: Vec::new(),
        near: None,
        radius_m: None,
        gender: None,
        age: None,
        age_range: None,
        open: None,
        free: None,
        explanation: String::new(),
        understood: Vec::new(),
        notes: analysis.notes.clone(),
    };
    let mut radius_label = None;
    let has_strong_faith = analysis
        .parts
        .iter()
        .any(|p| matches!(p.value, Value::Faith { weak: false, .. }));
    for part in &analysis.parts {
        if let Value::Radius { label, .. } = &part.value {
            radius_label.get_or_insert(label.clone());
        }
        if matches!(part.value, Value::Faith { weak: true, .. }) && has_strong_faith {
            continue;
        }
        fill(&mut query, &part.value);
        query.understood.push(chip(input, &analysis, part));
    }
    query.understood.sort_by_key(|chip| chip.span[0]);
    query.gender = gender_of(&analysis.parts, &mut query.notes);
    query.open = open_of(&analysis.parts, &mut query.notes);
    if query.radius_m.is_some() && query.near.is_none() {
        query.notes.push(
            "a distance was given without a place: add a postcode or town to search around"
                .to_owned(),
        );
    }
    query.explanation = explain::explanation(
        &query,
        radius_label.as_deref(),
        analysis.typed_place.as_deref(),
    );
    query
}

fn push_unique(list: &mut Vec<String>, code: &str) {
    if !list.iter().any(|c| c == code) {
        list.push(code.to_owned());
    }
}

fn fill(query: &mut ParsedQuery, value: &Value) {
    match value {
        Value::Category(code) => push_unique(&mut query.categories, code),
        Value::Language(code) => push_unique(&mut query.languages, code),
        Value::Faith { code, .. } => push_unique(&mut query.faiths, code),
        Value::Near(place) => query.near = Some(place.into()),
        Value::Radius { metres, .. } => query.radius_m = Some(*metres),
        Value::Age(age) => query.age = Some(*age),
        Value::AgeRange(range) => query.age_range = Some(*range),
        Value::Free => query.free = Some(true),
        Value::Gender(_) | Value::OpenNow | Value::Day(_) | Value::Days(_) | Value::Time(_) => {}
    }
}

/// Women, men, or nobody in particular when both were asked for.
fn gender_of(parts: &[Part], notes: &mut Vec<String>) -> Option<Gender> {
    let mut genders = parts.iter().filter_map(|p| match p.value {
        Value::Gender(g) => Some(g),
        _ => None,
    });
    let first = genders.next()?;
    if genders.any(|g| g != first) {
        notes
            .push("both women and men were mentioned, so services for anyone are shown".to_owned());
        return None;
    }
    Some(first)
}

/// "open now" wins over days and times; otherwise the days in the order given and the first time.
fn open_of(parts: &[Part], notes: &mut Vec<String>) -> Option<Open> {
    let mut days: Vec<model::Day> = Vec::new();
    let mut time: Option<String> = None;
    let mut now = false;
    for part in parts {
        match &part.value {
            Value::OpenNow => now = true,
            Value::Day(day) => days.push(*day),
            Value::Days(group) => days.extend(group.iter().copied()),
            Value::Time(t) => {
                if time.is_some() {
                    notes.push(format!("{t}: only one time can be used; kept the first"));
                }
                time.get_or_insert(t.clone());
            }
            _ => {}
        }
    }
    let mut seen = Vec::new();
    days.retain(|d| {
        let new = !seen.contains(d);
        seen.push(*d);
        new
    });
    if now {
        if !days.is_empty() || time.is_some() {
            notes.push("\"open now\" was used; the days and times given were not".to_owned());
        }
        return Some(Open::Now { now: true });
    }
    if days.is_empty() && time.is_none() {
        return None;
    }
    let day = days.first().copied();
    if days.len() == 1 {
        days.clear();
    }
    Some(Open::At { day, time, days })
}

fn chip(input: &str, analysis: &Analysis, part: &Part) -> Understood {
    let start = analysis.tokens[part.first].start;
    let end = analysis.tokens[part.last].end;
    let (kind, value, label) = describe(&part.value);
    Understood {
        kind,
        value,
        label,
        matched: input.get(start..end).unwrap_or_default().to_owned(),
        span: [start, end],
    }
}

fn describe(value: &Value) -> (UnderstoodKind, String, String) {
    let lexicon = lexicon::Lexicon::get();
    match value {
        Value::Category(code) => (
            UnderstoodKind::Category,
            (*code).to_owned(),
            category_label(code),
        ),
        Value::Language(code) => (
            UnderstoodKind::Language,
            (*code).to_owned(),
            format!("speaks {}", lexicon.language_name(code)),
        ),
        Value::Faith { code, .. } => (
            UnderstoodKind::Faith,
            (*code).to_owned(),
            format!("{} faith", faith_label(code)),
        ),
        Value::Near(place) => (
            UnderstoodKind::Near,
            place.label.clone(),
            format!("near {}", place.label),
        ),
        Value::Radius { metres, label } => (
            UnderstoodKind::Radius,
            metres.to_string(),
            format!("within {label}"),
        ),
        Value::Gender(gender) => (
            UnderstoodKind::Gender,
            gender.code().to_owned(),
            gender_label(*gender).to_owned(),
        ),
        Value::Age(age) => (UnderstoodKind::Age, age.to_string(), format!("aged {age}")),
        Value::AgeRange(range) => (
            UnderstoodKind::AgeRange,
            age_range_value(range),
            age_range_label(range),
        ),
        Value::OpenNow => (
            UnderstoodKind::Open,
            "now".to_owned(),
            "open now".to_owned(),
        ),
        Value::Day(day) => (
            UnderstoodKind::Open,
            day.code().to_owned(),
            open_label(&Open::At {
                day: Some(*day),
                time: None,
                days: Vec::new(),
            }),
        ),
        Value::Days(days) => (
            UnderstoodKind::Open,
            days.iter().map(|d| d.code()).collect::<Vec<_>>().join(","),
            open_label(&Open::At {
                day: days.first().copied(),
                time: None,
                days: days.to_vec(),
            }),
        ),
        Value::Time(time) => (
            UnderstoodKind::Open,
            time.clone(),
            open_label(&Open::At {
                day: None,
                time: Some(time.clone()),
                days: Vec::new(),
            }),
        ),
        Value::Free => (UnderstoodKind::Free, "true".to_owned(), "free".to_owned()),
    }
}

/// The text words in order, hyphenated words kept whole ("ex-offenders").
fn text_of(analysis: &Analysis) -> String {
    let mut text = String::new();
    let mut previous: Option<usize> = None;
    for &i in &analysis.text_tokens {
        let token = &analysis.tokens[i];
        if let Some(p) = previous {
            text.push_str(if p + 1 == i && token.hyphenated() {
                "-"
            } else {
                " "
            });
        }
        text.push_str(&token.raw);
        previous = Some(i);
    }
    text
}

#[cfg(test)]
mod language_name_tests {
    use super::language_named;

    #[test]
    fn names_and_endonyms_read_as_their_code() {
        for (name, code) in [
            ("Bengali", "ben"),
            ("bangla", "ben"),
            ("বাংলা", "ben"),
            ("Cymraeg", "cym"),
            ("Welsh", "cym"),
            ("اردو", "urd"),
            ("British Sign Language", "bfi"),
        ] {
            assert_eq!(language_named(name).as_deref(), Some(code), "{name}");
        }
    }

    #[test]
    fn anything_more_or_other_than_one_language_is_none() {
        assert_eq!(language_named("Bengali mentoring"), None);
        assert_eq!(language_named("zzzzz"), None);
        assert_eq!(language_named(""), None);
    }
}
