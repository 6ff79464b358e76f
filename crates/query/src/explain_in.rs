//! A parse's explanation in an interface language other than English, built from the structured
//! fields and the `explain-*` messages of the i18n `api` catalogue. English keeps the sentence
//! `explain.rs` wrote; a language whose catalogue has no `explain-*` messages gets it too, rather
//! than a sentence half in English. Codes, place names and the words typed stay as they are.

use signpost_domain::Gender;
use signpost_i18n::{Arg, Lang, NameKind, keys, name_of, text, text_with};

use crate::model::{AgeRange, Day, Open, ParsedQuery, Understood, UnderstoodKind};

/// The explanation of `q` in `lang`.
pub fn explanation_in(lang: Lang, q: &ParsedQuery) -> String {
    if lang == Lang::En || !keys(lang).contains(&"explain-services") {
        return q.explanation.clone();
    }
    let words = Words(lang);
    let mut sentence = words.head(q);
    for part in [words.faiths(q), words.audience(q), words.languages(q)]
        .into_iter()
        .flatten()
    {
        sentence.push(' ');
        sentence.push_str(&part);
    }
    let clauses: Vec<String> = [
        (q.free == Some(true)).then(|| words.text("explain-free")),
        q.open.as_ref().map(|open| words.open(open)),
        words.place(q),
    ]
    .into_iter()
    .flatten()
    .collect();
    let ranked_by = (!q.text.is_empty()).then_some(q.text.as_str());
    let bare = sentence == words.text("explain-services");
    if bare && clauses.is_empty() {
        return match ranked_by {
            Some(typed) => words.with("explain-all-ranked", &[("words", typed.into())]),
            None => words.text("explain-all"),
        };
    }
    for (i, clause) in clauses.iter().enumerate() {
        sentence.push_str(if i == 0 && bare { " " } else { ", " });
        sentence.push_str(clause);
    }
    if let Some(typed) = ranked_by {
        sentence.push_str(&words.with("explain-also-ranked", &[("words", typed.into())]));
    }
    sentence
}

/// A chip's label in `lang`: its category, language, faith, place, distance, gender or "free" in
/// the explanation's words; ages and opening times, and every English chip, keep their label.
pub fn chip_label_in(lang: Lang, chip: &Understood) -> String {
    if lang == Lang::En || !keys(lang).contains(&"explain-services") {
        return chip.label.clone();
    }
    let words = Words(lang);
    let value = chip.value.as_str();
    match chip.kind {
        UnderstoodKind::Category => words.word("explain-category", value),
        UnderstoodKind::Language => words.with(
            "explain-speaks",
            &[("languages", words.language(value).into())],
        ),
        UnderstoodKind::Faith => words.word("explain-faith", value),
        UnderstoodKind::Near => words.with("explain-near", &[("place", value.into())]),
        UnderstoodKind::Radius => match value.parse::<f64>() {
            Ok(metres) => words.with("explain-within", &[("radius", words.radius(metres).into())]),
            Err(_) => chip.label.clone(),
        },
        UnderstoodKind::Gender if value == "female" => words.text("explain-for-women"),
        UnderstoodKind::Gender if value == "male" => words.text("explain-for-men"),
        UnderstoodKind::Free => words.text("explain-free"),
        _ => chip.label.clone(),
    }
}

/// The catalogue's words in one language.
struct Words(Lang);

impl Words {
    fn text(&self, key: &str) -> String {
        text(self.0, key)
    }

    fn with(&self, key: &str, args: &[(&str, Arg)]) -> String {
        text_with(self.0, key, args)
    }

    /// A code's word (`<prefix>-<code>`), or the code itself where the catalogue has none.
    fn word(&self, prefix: &str, code: &str) -> String {
        let key = format!("{prefix}-{code}");
        let word = self.text(&key);
        if word == key {
            code.replace(['-', '_'], " ")
        } else {
            word
        }
    }

    /// A language's name in this language ("Bengaleg"), from the `names` catalogue.
    fn language(&self, code: &str) -> String {
        name_of(self.0, NameKind::Language, code)
    }

    /// "a", "a and b", "a, b and c", with Welsh's "ac" before a vowel and the aspirate
    /// mutation after "a" (c, p, t to ch, ph, th).
    fn and_list(&self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => {
                let (and, last) = self.after_and(last);
                format!("{} {and} {last}", init.join(", "))
            }
        }
    }

    fn after_and(&self, next: &str) -> (String, String) {
        let and = self.text("explain-and");
        if self.0 != Lang::Cy {
            return (and, next.to_owned());
        }
        let first = next.chars().next().unwrap_or(' ');
        if "aeiouwyâêîôûŵŷAEIOUWY".contains(first) {
            return ("ac".to_owned(), next.to_owned());
        }
        let mutated = match first {
            'c' | 'p' | 't' => format!("{first}h{}", &next[1..]),
            _ => next.to_owned(),
        };
        (and, mutated)
    }

    fn head(&self, q: &ParsedQuery) -> String {
        if q.categories.is_empty() {
            return self.text("explain-services");
        }
        let categories: Vec<String> = q
            .categories
            .iter()
            .map(|c| self.word("explain-category", c))
            .collect();
        self.with(
            "explain-services-of",
            &[("categories", self.and_list(&categories).into())],
        )
    }

    fn faiths(&self, q: &ParsedQuery) -> Option<String> {
        match q.faiths.as_slice() {
            [] => None,
            [only] if only == "no_religion" => Some(self.text("explain-secular")),
            faiths => {
                let names: Vec<String> = faiths
                    .iter()
                    .map(|f| self.word("explain-faith", f))
                    .collect();
                Some(self.with("explain-faiths", &[("faiths", names.join(", ").into())]))
            }
        }
    }

    fn audience(&self, q: &ParsedQuery) -> Option<String> {
        let ages: Vec<String> = q
            .age
            .map(|age| self.with("explain-aged", &[("age", age.into())]))
            .into_iter()
            .chain(q.age_range.as_ref().map(|range| self.age_range(range)))
            .collect();
        let ages = (!ages.is_empty()).then(|| self.and_list(&ages));
        let who = match (q.gender, &ages) {
            (Some(Gender::Female), _) => self.text("explain-for-women"),
            (Some(Gender::Male), _) => self.text("explain-for-men"),
            (None, Some(_)) if q.age.is_some() => self.text("explain-for-someone"),
            (None, Some(_)) => self.text("explain-for-people"),
            (None, None) => return None,
        };
        Some(match ages {
            Some(ages) => format!("{who} {ages}"),
            None => who,
        })
    }

    fn age_range(&self, range: &AgeRange) -> String {
        match (range.min, range.max) {
            (Some(min), Some(max)) => self.with(
                "explain-aged-between",
                &[("min", min.into()), ("max", max.into())],
            ),
            (Some(min), None) => self.with("explain-aged-over", &[("min", min.into())]),
            (None, Some(max)) => self.with("explain-aged-under", &[("max", (max + 1).into())]),
            (None, None) => String::new(),
        }
    }

    fn languages(&self, q: &ParsedQuery) -> Option<String> {
        if q.languages.is_empty() {
            return None;
        }
        let names: Vec<String> = q.languages.iter().map(|l| self.language(l)).collect();
        Some(self.with("explain-speaks", &[("languages", names.join(", ").into())]))
    }

    fn open(&self, open: &Open) -> String {
        let Open::At { day, time, days } = open else {
            return self.text("explain-open-now");
        };
        let weekdays = [Day::Mon, Day::Tue, Day::Wed, Day::Thu, Day::Fri];
        let when = match (days.as_slice(), day) {
            (d, _) if d == [Day::Sat, Day::Sun] => Some(self.text("explain-weekends")),
            (d, _) if d == weekdays => Some(self.text("explain-weekdays")),
            ([], Some(day)) => Some(self.on_days(&[*day])),
            ([], None) => None,
            (d, _) => Some(self.on_days(d)),
        };
        let at = time
            .as_ref()
            .map(|t| self.with("explain-at-time", &[("time", t.as_str().into())]));
        std::iter::once(self.text("explain-open"))
            .chain(when)
            .chain(at)
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn on_days(&self, days: &[Day]) -> String {
        let names: Vec<String> = days
            .iter()
            .map(|d| self.word("explain-day", &d.name()[..3].to_ascii_lowercase()))
            .collect();
        self.with("explain-on-days", &[("days", names.join(", ").into())])
    }

    fn place(&self, q: &ParsedQuery) -> Option<String> {
        let place = q.near.as_ref().map(|near| near.label.as_str());
        let radius = q.radius_m.map(|metres| self.radius(metres));
        Some(match (radius, place) {
            (Some(r), Some(p)) => self.with(
                "explain-within-near",
                &[("radius", r.into()), ("place", p.into())],
            ),
            (Some(r), None) => self.with("explain-within", &[("radius", r.into())]),
            (None, Some(p)) => self.with("explain-near", &[("place", p.into())]),
            (None, None) => return None,
        })
    }

    /// Whole or half miles in words; any other distance in kilometres or metres, as in English.
    fn radius(&self, metres: f64) -> String {
        let miles = metres / signpost_geo::METRES_PER_MILE;
        let halves = miles * 2.0;
        if (halves - halves.round()).abs() < 1e-6 {
            return self.with("explain-miles", &[("miles", (halves.round() / 2.0).into())]);
        }
        if metres >= 1_000.0 && ((metres / 100.0) - (metres / 100.0).round()).abs() < 1e-6 {
            return format!("{} km", (metres / 100.0).round() / 10.0);
        }
        format!("{} m", metres.round())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(input: &str) -> ParsedQuery {
        let places = signpost_geo::Gazetteer::bundled().expect("the bundled gazetteer loads");
        crate::parse(input, places)
    }

    #[test]
    fn chips_read_in_welsh_and_keep_their_english_labels_in_english() {
        let q = parsed("free Bengali-speaking mentoring for women within 3 miles of WS1 1AA");
        let welsh: Vec<String> = q
            .understood
            .iter()
            .map(|c| chip_label_in(Lang::Cy, c))
            .collect();
        for expected in ["mentora", "am ddim", "i fenywod", "o fewn 3 milltir"] {
            assert!(
                welsh.iter().any(|l| l == expected),
                "{expected} in {welsh:?}"
            );
        }
        assert!(
            welsh
                .iter()
                .any(|l| l.starts_with("lle mae'r staff yn siarad")),
            "{welsh:?}"
        );
        for chip in &q.understood {
            assert_eq!(chip_label_in(Lang::En, chip), chip.label);
        }
    }

    #[test]
    fn english_keeps_the_parser_s_sentence() {
        let q = parsed("Bengali-speaking mentoring within 3 miles of WS1 1AA");
        assert_eq!(explanation_in(Lang::En, &q), q.explanation);
    }

    #[test]
    fn a_language_without_explanation_messages_gets_the_english_sentence() {
        let q = parsed("mentoring");
        assert_eq!(explanation_in(Lang::Ur, &q), q.explanation);
    }

    #[test]
    fn welsh_says_the_categories_languages_and_distance() {
        let q = parsed("Bengali-speaking mentoring within 3 miles of WS1 1AA");
        let welsh = explanation_in(Lang::Cy, &q);
        assert!(
            welsh.starts_with("Gwasanaethau mentora lle mae'r staff yn siarad Bengaleg"),
            "{welsh}"
        );
        assert!(welsh.contains("o fewn 3 milltir i ardal"), "{welsh}");
    }

    #[test]
    fn welsh_joins_with_ac_and_the_aspirate_mutation() {
        let words = Words(Lang::Cy);
        let list = |items: &[&str]| {
            words.and_list(&items.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
        };
        assert_eq!(list(&["tai", "cyflogaeth"]), "tai a chyflogaeth");
        assert_eq!(list(&["mentora", "addysg"]), "mentora ac addysg");
        assert_eq!(list(&["tai", "bwyd", "mentora"]), "tai, bwyd a mentora");
    }

    #[test]
    fn welsh_counts_miles_with_the_mutation_after_one_and_two() {
        let words = Words(Lang::Cy);
        assert_eq!(words.radius(signpost_geo::METRES_PER_MILE), "1 filltir");
        assert_eq!(
            words.radius(2.0 * signpost_geo::METRES_PER_MILE),
            "2 filltir"
        );
        assert_eq!(
            words.radius(5.0 * signpost_geo::METRES_PER_MILE),
            "5 milltir"
        );
        assert_eq!(words.radius(800.0), "800 m");
    }

    #[test]
    fn everything_else_reads_in_welsh_too() {
        let q = parsed("free housing for women over 50s open on Saturday near Cardiff");
        let welsh = explanation_in(Lang::Cy, &q);
        assert!(
            welsh.starts_with("Gwasanaethau tai i fenywod 50 oed a hŷn"),
            "{welsh}"
        );
        assert!(welsh.contains("am ddim"), "{welsh}");
        assert!(welsh.contains("ar agor ar ddydd Sadwrn"), "{welsh}");
        assert_eq!(explanation_in(Lang::Cy, &parsed("")), "Pob gwasanaeth");
    }
}
