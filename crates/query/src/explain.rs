//! Plain-English explanations, chip labels, and the canonical query a parse can be rebuilt from.

use crate::lexicon::Lexicon;
use crate::model::{AgeRange, Day, Open, ParsedQuery};
use signpost_domain::{Gender, vocab};
use signpost_geo::PlaceKind;

/// How a category reads inside a sentence ("Mentoring services", "immigration advice").
pub fn category_label(code: &str) -> String {
    let label = match code {
        "accommodation" => "housing",
        "employment" => "employment and training",
        "esol" => "ESOL (English classes)",
        "finance" => "money, benefits and debt",
        "mental-health" => "mental health",
        "substance-misuse" => "drugs and alcohol",
        "physical-health" => "physical health",
        "family" => "children and families",
        "domestic-abuse" => "domestic abuse",
        "womens-services" => "women's",
        "youth" => "young people's",
        "faith-support" => "faith and spiritual support",
        "immigration-advice" => "immigration advice",
        "legal-advice" => "legal advice",
        "disability-support" => "disability and communication",
        "racial-equality" => "racial equality",
        "community-group" => "community and cultural",
        "behaviour-programme" => "thinking and behaviour programme",
        "lgbtq" => "LGBTQ+",
        other => return other.replace('-', " "),
    };
    label.to_owned()
}

/// The faith as an adjective ("Sikh").
pub fn faith_label(code: &str) -> String {
    match code {
        "other" => "another".to_owned(),
        "no_religion" => "no".to_owned(),
        other => capitalise(other),
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// "a", "a and b", "a, b and c".
fn join(items: &[String], last_word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {last_word} {last}", init.join(", ")),
    }
}

pub fn open_label(open: &Open) -> String {
    match open {
        Open::Now { .. } => "open now".to_owned(),
        Open::At { day, time, days } => {
            let when = match (days.as_slice(), day) {
                (d, _) if d == [Day::Sat, Day::Sun] => Some("at weekends".to_owned()),
                (d, _) if d == [Day::Mon, Day::Tue, Day::Wed, Day::Thu, Day::Fri] => {
                    Some("on weekdays".to_owned())
                }
                ([], Some(day)) => Some(format!("on {}", day.name())),
                ([], None) => None,
                (d, _) => Some(format!(
                    "on {}",
                    join(
                        &d.iter().map(|d| d.name().to_owned()).collect::<Vec<_>>(),
                        "or"
                    )
                )),
            };
            let at = time.as_ref().map(|t| format!("at {t}"));
            let words: Vec<String> = when.into_iter().chain(at).collect();
            format!("open {}", words.join(" "))
        }
    }
}

/// "aged 16 to 25", "aged 50 and over", "aged under 25".
pub fn age_range_label(range: &AgeRange) -> String {
    match (range.min, range.max) {
        (Some(min), Some(max)) => format!("aged {min} to {max}"),
        (Some(min), None) => format!("aged {min} and over"),
        (None, Some(max)) => format!("aged under {}", max + 1),
        (None, None) => "any age".to_owned(),
    }
}

/// The chip value of a range: "16-25", "50-" (and over), "-24" (24 and under).
pub fn age_range_value(range: &AgeRange) -> String {
    let bound = |b: Option<u32>| b.map(|b| b.to_string()).unwrap_or_default();
    format!("{}-{}", bound(range.min), bound(range.max))
}

/// Who the query is for by age: the person's age, the range of ages, or both.
fn age_words(q: &ParsedQuery) -> Option<String> {
    let words: Vec<String> = q
        .age
        .map(|age| format!("aged {age}"))
        .into_iter()
        .chain(q.age_range.as_ref().map(age_range_label))
        .collect();
    (!words.is_empty()).then(|| words.join(" and "))
}

pub fn gender_label(gender: Gender) -> &'static str {
    match gender {
        Gender::Female => "for women",
        Gender::Male => "for men",
    }
}

/// The sentence a practitioner reads to check the parse. `typed_place`: the misspelling the place
/// was corrected from, said after the place. Words left in `text` only rank the results, and the
/// sentence ends by saying so.
pub fn explanation(
    q: &ParsedQuery,
    radius_label: Option<&str>,
    typed_place: Option<&str>,
) -> String {
    let lexicon = Lexicon::get();
    let categories: Vec<String> = q.categories.iter().map(|c| category_label(c)).collect();
    let mut sentence = match join(&categories, "and") {
        head if head.is_empty() => "Services".to_owned(),
        head => format!("{} services", capitalise(&head)),
    };
    if !q.faiths.is_empty() {
        let faiths: Vec<String> = q.faiths.iter().map(|f| faith_label(f)).collect();
        let faiths = join(&faiths, "or");
        if faiths == "no" {
            sentence.push_str(" that are secular");
        } else {
            sentence.push_str(&format!(" linked to {} faith", article(&faiths)));
        }
    }
    match (q.gender, age_words(q)) {
        (Some(gender), Some(ages)) => {
            sentence.push_str(&format!(" {} {ages}", gender_label(gender)));
        }
        (Some(gender), None) => sentence.push_str(&format!(" {}", gender_label(gender))),
        (None, Some(ages)) if q.age.is_some() => sentence.push_str(&format!(" for someone {ages}")),
        (None, Some(ages)) => sentence.push_str(&format!(" for people {ages}")),
        (None, None) => {}
    }
    if !q.languages.is_empty() {
        let names: Vec<String> = q
            .languages
            .iter()
            .map(|l| lexicon.language_name(l))
            .collect();
        sentence.push_str(&format!(" where staff speak {}", join(&names, "or")));
    }
    let mut clauses = Vec::new();
    if q.free == Some(true) {
        clauses.push("free of charge".to_owned());
    }
    if let Some(open) = &q.open {
        clauses.push(open_label(open));
    }
    let place = q.near.as_ref().map(|near| match typed_place {
        Some(typed) => format!("{} (you typed {typed})", near.label),
        None => near.label.clone(),
    });
    let radius = radius_label
        .map(str::to_owned)
        .or_else(|| q.radius_m.map(radius_words));
    match (radius, place) {
        (Some(r), Some(p)) => clauses.push(format!("within {r} of {p}")),
        (Some(r), None) => clauses.push(format!("within {r}")),
        (None, Some(p)) => clauses.push(format!("near {p}")),
        (None, None) => {}
    }
    let ranked_by = (!q.text.is_empty()).then_some(q.text.as_str());
    if sentence == "Services" && clauses.is_empty() {
        return match ranked_by {
            Some(words) => format!("All services, ranked by: {words}"),
            None => "All services".to_owned(),
        };
    }
    let bare = sentence == "Services";
    for (i, clause) in clauses.iter().enumerate() {
        sentence.push_str(if i == 0 && bare { " " } else { ", " });
        sentence.push_str(clause);
    }
    if let Some(words) = ranked_by {
        sentence.push_str(&format!("; also ranked by: {words}"));
    }
    sentence
}

/// A radius given in metres (by a flag or parameter) as a person would say it: "3 miles" when it
/// is a whole or half mile, "5 km" likewise in kilometres, else rounded metres.
fn radius_words(metres: f64) -> String {
    let tenths = |unit: f64| {
        let t = metres / unit * 10.0;
        ((t - t.round()).abs() < 1e-6).then(|| t.round() / 10.0)
    };
    match (tenths(signpost_geo::METRES_PER_MILE), tenths(1_000.0)) {
        (Some(miles), _) => {
            let plural = if (miles - 1.0).abs() < f64::EPSILON {
                ""
            } else {
                "s"
            };
            format!("{miles} mile{plural}")
        }
        (None, Some(km)) if metres >= 1_000.0 => format!("{km} km"),
        _ => format!("{} m", metres.round()),
    }
}

fn article(faith: &str) -> String {
    match faith {
        "another" | "no" => faith.to_owned(),
        other => format!("the {other}"),
    }
}

/// A query string that parses back to the same structured fields (without `text`): what the web
/// page sends when a chip is removed.
pub fn canonical_query(q: &ParsedQuery) -> String {
    let lexicon = Lexicon::get();
    let mut parts: Vec<String> = Vec::new();
    parts.extend(q.categories.iter().map(|c| c.replace('-', " ")));
    parts.extend(
        q.languages
            .iter()
            .map(|l| format!("speaks {}", lexicon.language_alias(l))),
    );
    parts.extend(q.faiths.iter().filter_map(|f| {
        vocab::faith(f).and_then(|faith| faith.synonyms.first().map(|s| (*s).to_owned()))
    }));
    if let Some(gender) = q.gender {
        parts.push(gender_label(gender).to_owned());
    }
    if let Some(age) = q.age {
        parts.push(format!("aged {age}"));
    }
    match q.age_range.map(|r| (r.min, r.max)) {
        Some((Some(min), Some(max))) => parts.push(format!("aged {min} to {max}")),
        Some((Some(min), None)) => parts.push(format!("over {min}s")),
        Some((None, Some(max))) => parts.push(format!("under {}s", max + 1)),
        Some((None, None)) | None => {}
    }
    if q.free == Some(true) {
        parts.push("free".to_owned());
    }
    if let Some(open) = &q.open {
        parts.push(canonical_open(open));
    }
    if let Some(radius) = q.radius_m {
        parts.push(format!("within {radius} m"));
    }
    if let Some(near) = &q.near {
        parts.push(match near.kind {
            PlaceKind::Point => format!("{:?},{:?}", near.lat, near.lon),
            _ => format!("near \"{}\"", near.label),
        });
    }
    parts.join(", ")
}

fn canonical_open(open: &Open) -> String {
    match open {
        Open::Now { .. } => "open now".to_owned(),
        Open::At { day, time, days } => {
            let mut words = vec!["open".to_owned()];
            let named: Vec<Day> = if days.is_empty() {
                day.iter().copied().collect()
            } else {
                days.clone()
            };
            words.extend(named.iter().map(|d| d.name().to_owned()));
            words.extend(time.iter().cloned());
            words.join(" ")
        }
    }
}

#[cfg(test)]
mod radius_words_tests {
    use super::radius_words;

    #[test]
    fn radii_read_in_the_unit_they_were_given_in() {
        assert_eq!(radius_words(4_828.032), "3 miles");
        assert_eq!(radius_words(1_609.344), "1 mile");
        assert_eq!(radius_words(5_000.0), "5 km");
        assert_eq!(radius_words(800.0), "800 m");
        assert_eq!(radius_words(1_234.5), "1235 m");
    }
}
