//! One pair's score and reasons.

use signpost_geo::haversine_m;
use strsim::jaro_winkler;

use crate::Candidate;
use crate::normalise::postcode_display;
use crate::profile::Profile;
use crate::reason::Reason;

/// Names at least this alike (0–1, see [`name_similarity`]) are needed for a pair.
pub const NAME_THRESHOLD: f64 = 0.8;
/// Locations this close (metres) count as one place.
pub const NEAR_METRES: f64 = 100.0;
/// Pairs scoring below this are not proposed.
const MIN_SCORE: f64 = 0.5;

const NAME_WEIGHT: f64 = 0.35;
const PLACE_WEIGHT: f64 = 0.2;
const PHONE_WEIGHT: f64 = 0.2;
const EMAIL_WEIGHT: f64 = 0.15;
const WEB_WEIGHT: f64 = 0.15;
const REGISTRATION_WEIGHT: f64 = 0.15;
/// Both organisations registered, under different numbers: probably two organisations.
const DIFFERENT_REGISTRATION_PENALTY: f64 = 0.2;

/// The pair as a candidate when the two are probably one service: names alike and at least one
/// concrete thing in common (place, phone, e-mail or web address). Symmetric in its arguments.
pub fn score_pair(a: &Profile, b: &Profile) -> Option<Candidate> {
    let name = name_similarity(&a.tokens, &b.tokens);
    if name < NAME_THRESHOLD || a.id == b.id {
        return None;
    }
    let mut score = NAME_WEIGHT * name;
    let mut reasons = Vec::new();
    let registrations = registration_evidence(a, b);
    score += registrations.0;
    reasons.extend(registrations.1);
    reasons.push(if name >= 1.0 {
        Reason::SameName
    } else {
        Reason::NamesAlike { similarity: name }
    });
    let concrete = [
        place_evidence(a, b),
        shared(&a.phones, &b.phones)
            .map(|p| (PHONE_WEIGHT, Reason::SamePhone { phone: p.clone() })),
        shared(&a.emails, &b.emails)
            .map(|e| (EMAIL_WEIGHT, Reason::SameEmail { email: e.clone() })),
        shared(&a.webs, &b.webs).map(|w| {
            let address = w.clone();
            (WEB_WEIGHT, Reason::SameWebAddress { address })
        }),
    ];
    let mut any_concrete = false;
    for (weight, reason) in concrete.into_iter().flatten() {
        any_concrete = true;
        score += weight;
        reasons.push(reason);
    }
    let score = (score.clamp(0.0, 1.0) * 100.0).round() / 100.0;
    (any_concrete && score >= MIN_SCORE).then(|| {
        let (a, b) = ordered(&a.id, &b.id);
        Candidate {
            a: a.to_owned(),
            b: b.to_owned(),
            score,
            reasons,
        }
    })
}

fn ordered<'a>(x: &'a str, y: &'a str) -> (&'a str, &'a str) {
    if x <= y { (x, y) } else { (y, x) }
}

/// How alike two names are, 0–1: each word's best Jaro-Winkler match among the other name's
/// words, averaged, in both directions, then the mean of the two (so word order does not count,
/// and a shared first word does not make "Walsall Food Bank" like "Walsall Mentoring").
pub fn name_similarity(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    (best_matches(a, b) + best_matches(b, a)) / 2.0
}

fn best_matches(from: &[String], to: &[String]) -> f64 {
    let total: f64 = from
        .iter()
        .map(|word| {
            to.iter()
                .map(|other| word_similarity(word, other))
                .fold(0.0, f64::max)
        })
        .sum();
    total / from.len() as f64
}

/// Jaro-Winkler taken both ways round, so the measure is symmetric whatever the algorithm's
/// matching order.
fn word_similarity(x: &str, y: &str) -> f64 {
    jaro_winkler(x, y).max(jaro_winkler(y, x))
}

/// The first value (in sorted order) both lists hold.
fn shared<'a>(a: &'a [String], b: &[String]) -> Option<&'a String> {
    a.iter().find(|value| b.contains(value))
}

fn place_evidence(a: &Profile, b: &Profile) -> Option<(f64, Reason)> {
    if let Some(postcode) = shared(&a.postcodes, &b.postcodes) {
        let postcode = postcode_display(postcode);
        return Some((PLACE_WEIGHT, Reason::SamePostcode { postcode }));
    }
    let nearest = a
        .points
        .iter()
        .flat_map(|p| b.points.iter().map(move |q| haversine_m(*p, *q)))
        .fold(f64::INFINITY, f64::min);
    (nearest <= NEAR_METRES).then_some((PLACE_WEIGHT, Reason::Near { metres: nearest }))
}

/// A shared registration adds weight; both registered of one kind under different numbers takes
/// weight away (two organisations with alike service names).
fn registration_evidence(a: &Profile, b: &Profile) -> (f64, Option<Reason>) {
    if let Some((registry, number)) = a.registrations.iter().find(|r| b.registrations.contains(r)) {
        let same = Reason::SameRegistration {
            registry: *registry,
            number: number.clone(),
        };
        return (REGISTRATION_WEIGHT, Some(same));
    }
    let different = a
        .registrations
        .iter()
        .find(|(registry, _)| b.registrations.iter().any(|(other, _)| other == registry));
    match different {
        Some((registry, _)) => (
            -DIFFERENT_REGISTRATION_PENALTY,
            Some(Reason::DifferentRegistrations {
                registry: *registry,
            }),
        ),
        None => (0.0, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::name_tokens;
    use crate::reason::Registry;
    use proptest::prelude::*;
    use signpost_geo::Point;
    use signpost_i18n::Lang;

    fn profile(id: &str, name: &str) -> Profile {
        Profile {
            id: id.to_owned(),
            tokens: name_tokens(name),
            registrations: Vec::new(),
            postcodes: Vec::new(),
            points: Vec::new(),
            phones: Vec::new(),
            emails: Vec::new(),
            webs: Vec::new(),
        }
    }

    fn charity(mut p: Profile, number: &str) -> Profile {
        p.registrations.push((Registry::Charity, number.to_owned()));
        p
    }

    fn english(pair: &Candidate) -> Vec<String> {
        pair.reasons.iter().map(|r| r.text(Lang::En)).collect()
    }

    fn phone(mut p: Profile, number: &str) -> Profile {
        p.phones.push(number.to_owned());
        p
    }

    #[test]
    fn names_alike_with_a_shared_phone_make_a_pair() {
        let a = phone(
            charity(profile("b", "Walsall Youth Mentoring"), "1101234"),
            "01214960103",
        );
        let b = phone(
            charity(profile("a", "Youth Mentoring (Walsall) Ltd"), "1101234"),
            "01214960103",
        );
        let pair = score_pair(&a, &b).unwrap();
        assert_eq!((pair.a.as_str(), pair.b.as_str()), ("a", "b"));
        assert_eq!(
            english(&pair),
            [
                "same charity number 1101234",
                "same name",
                "same phone 01214960103"
            ]
        );
        assert_eq!(pair.score, 0.7);
    }

    #[test]
    fn one_charitys_two_services_are_not_a_pair() {
        let a = phone(
            charity(profile("a", "Walsall Food Bank"), "1101234"),
            "01214960103",
        );
        let b = phone(
            charity(profile("b", "Walsall Mentoring"), "1101234"),
            "01214960103",
        );
        assert!(name_similarity(&a.tokens, &b.tokens) < NAME_THRESHOLD);
        assert_eq!(score_pair(&a, &b), None);
    }

    #[test]
    fn a_charity_number_and_a_name_without_a_place_or_contact_are_not_a_pair() {
        let a = charity(profile("a", "Citizens Advice"), "1101234");
        let b = charity(profile("b", "Citizens Advice"), "1101234");
        assert_eq!(score_pair(&a, &b), None);
    }

    #[test]
    fn locations_within_a_hundred_metres_count_as_one_place() {
        let mut a = profile("a", "Food Bank");
        let mut b = profile("b", "The Food Bank");
        a.points.push(Point::new(52.5860, -1.9820));
        b.points.push(Point::new(52.5865, -1.9820));
        let pair = score_pair(&a, &b).unwrap();
        assert_eq!(english(&pair), ["same name", "locations 56 m apart"]);
        assert_eq!(pair.reasons[0], Reason::SameName);
        b.points[0] = Point::new(52.5880, -1.9820);
        assert_eq!(score_pair(&a, &b), None);
    }

    #[test]
    fn different_charity_numbers_weigh_against() {
        let a = phone(charity(profile("a", "Advice Drop-in"), "1"), "01214960103");
        let b = phone(charity(profile("b", "Advice drop in"), "2"), "01214960103");
        assert_eq!(score_pair(&a, &b), None);
    }

    fn arbitrary_profile() -> impl Strategy<Value = Profile> {
        let words = prop::sample::select(vec![
            "walsall",
            "food",
            "bank",
            "youth",
            "mentor",
            "mentoring",
            "advice",
            "centre",
        ]);
        (
            "[a-d]",
            prop::collection::vec(words, 0..4),
            prop::option::of(prop::sample::select(vec!["1", "2"])),
            prop::option::of(prop::sample::select(vec!["0121", "0122"])),
            prop::option::of((52.0f64..52.002, -2.0f64..-1.998)),
            prop::option::of(prop::sample::select(vec!["x@y.org", "z@y.org"])),
        )
            .prop_map(|(id, words, number, tel, point, email)| {
                let mut p = profile(&id, &words.join(" "));
                p.registrations
                    .extend(number.map(|n| (Registry::Charity, n.to_owned())));
                p.phones.extend(tel.map(str::to_owned));
                p.points
                    .extend(point.map(|(lat, lon)| Point::new(lat, lon)));
                p.emails.extend(email.map(str::to_owned));
                p
            })
    }

    proptest! {
        #[test]
        fn scores_are_symmetric_and_between_zero_and_one(a in arbitrary_profile(), b in arbitrary_profile()) {
            let forward = score_pair(&a, &b);
            prop_assert_eq!(&forward, &score_pair(&b, &a));
            if let Some(pair) = forward {
                prop_assert!((0.0..=1.0).contains(&pair.score));
                prop_assert!(pair.a < pair.b);
            }
        }
    }
}
