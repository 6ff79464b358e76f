//! Properties of the whole match over generated people and directories.

mod common;

use common::{run, service};
use proptest::prelude::*;
use serde_json::{Value, json};
use signpost_domain::Service;
use signpost_match::Profile;
use std::collections::BTreeSet;

const CATEGORIES: [&str; 4] = ["mentoring", "employment", "accommodation", "food"];
const LANGUAGES: [&str; 4] = ["syl", "ben", "eng", "urd"];
const ACCESS_TEXTS: [&str; 4] = [
    "",
    "Step-free access and an accessible toilet",
    "Upstairs, no lift",
    "BSL interpreter on request",
];
const ELIGIBILITY_TEXTS: [&str; 3] = [
    "",
    "People with no recourse to public funds are not eligible",
    "Open to all, including people with NRPF",
];

fn pick<'a>(mask: u8, from: &[&'a str]) -> Vec<&'a str> {
    from.iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, c)| *c)
        .collect()
}

prop_compose! {
    fn arb_service(id: usize)(
        categories in 1u8..16,
        languages in 0u8..16,
        gender in 0u8..3,
        min_age in prop::option::of(14u8..30),
        span in prop::option::of(0u8..40),
        access in 0usize..ACCESS_TEXTS.len(),
        eligibility in 0usize..ELIGIBILITY_TEXTS.len(),
        org in 0u8..3,
        distance in 0.0f64..15_000.0,
        byday in prop::sample::select(vec!["MO", "FR", "SA", "MO,FR"]),
        opens in 8u8..20,
    ) -> (Service, f64) {
        let categories = pick(categories, &CATEGORIES);
        let mut extra = json!({
            "languages": pick(languages, &LANGUAGES).iter().map(|c| json!({"id": c, "code": c})).collect::<Vec<_>>(),
            "eligibility_description": ELIGIBILITY_TEXTS[eligibility],
            "service_at_locations": [{"id": "sal", "location": {"id": "loc", "latitude": 52.5, "longitude": -1.9,
                "accessibility": [{"id": "a", "description": ACCESS_TEXTS[access]}]}}],
            "schedules": [{"id": "sch", "freq": "WEEKLY", "byday": byday,
                           "opens_at": format!("{opens:02}:00"), "closes_at": format!("{:02}:30", opens + 1)}],
        });
        if gender > 0 {
            extra["gender"] = json!(if gender == 1 { "female" } else { "male" });
        }
        if let Some(min) = min_age {
            extra["minimum_age"] = json!(min);
            if let Some(span) = span {
                extra["maximum_age"] = json!(min + span);
            }
        }
        (service(&format!("s{id}"), &format!("o{org}"), &categories, extra), distance)
    }
}

fn arb_directory() -> impl Strategy<Value = Vec<(Service, f64)>> {
    prop::collection::vec(0usize..1, 0..12).prop_flat_map(|slots| {
        slots
            .iter()
            .enumerate()
            .map(|(i, _)| arb_service(i))
            .collect::<Vec<_>>()
    })
}

/// Soft parts of a profile (never rule a service out).
fn arb_soft_fields() -> impl Strategy<Value = Vec<String>> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(vec!["female", "male"]),
    )
        .prop_map(|(languages, faith, available, staff)| {
            let mut fields = Vec::new();
            if languages {
                fields.push(r#""languages": {"speaks": ["syl", "ben"], "preferred": "syl"}"#.to_owned());
            }
            if faith {
                fields.push(
                    r#""faith": {"code": "muslim", "observance": ["friday_prayers", "avoid_festivals"], "wants_faith_service": true}"#
                        .to_owned(),
                );
            }
            if available {
                fields.push(r#""available": [{"day": "mon", "from": "09:00", "to": "13:00"}]"#.to_owned());
            }
            fields.push(format!(r#""gender_preference": "{staff}""#));
            fields
        })
}

/// One hard constraint a navigator might add.
fn arb_hard_field() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(r#""languages": {"speaks": ["syl", "ben"], "preferred": "syl", "interpreter_ok": false}"#.to_owned()),
        Just(r#""gender": "female""#.to_owned()),
        Just(r#""gender": "male""#.to_owned()),
        (14u8..70).prop_map(|age| format!(r#""age": {age}"#)),
        Just(r#""access_needs": ["wheelchair"]"#.to_owned()),
        Just(r#""access_needs": ["bsl"]"#.to_owned()),
        Just(r#""nrpf": true"#.to_owned()),
        // Tighter than the 5-mile default, so it only ever narrows.
        (100.0f64..8_000.0).prop_map(|m| format!(r#""max_distance_m": {m}"#)),
    ]
}

fn profile_of(needs: &[&str], fields: &[String], reference: &str) -> Profile {
    let needs: Vec<String> = needs
        .iter()
        .map(|c| format!(r#"{{"category": "{c}"}}"#))
        .collect();
    let mut parts = vec![
        format!(r#""needs": [{}]"#, needs.join(", ")),
        r#""home": {"postcode": "WS1 1AA"}"#.to_owned(),
        format!(r#""reference": {}"#, Value::String(reference.to_owned())),
    ];
    parts.extend(fields.iter().cloned());
    let text = format!("{{{}}}", parts.join(", "));
    Profile::from_json(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn result_ids(profile: &Profile, directory: &[(Service, f64)]) -> BTreeSet<String> {
    let candidates: Vec<(&Service, f64)> = directory.iter().map(|(s, d)| (s, *d)).collect();
    run(profile, &candidates)
        .results
        .iter()
        .map(|r| r.service.id.clone())
        .collect()
}

fn arb_needs() -> impl Strategy<Value = Vec<&'static str>> {
    prop::sample::subsequence(
        vec!["mentoring", "employment", "accommodation", "food"],
        1..=4,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn adding_a_hard_constraint_never_adds_results(
        directory in arb_directory(),
        needs in arb_needs(),
        soft in arb_soft_fields(),
        hard in arb_hard_field(),
    ) {
        let base: Vec<String> = soft
            .iter()
            .filter(|f| !(hard.starts_with(r#""languages""#) && f.starts_with(r#""languages""#)))
            .cloned()
            .collect();
        let mut stricter = base.clone();
        stricter.push(hard);
        let before = result_ids(&profile_of(&needs, &base, "r"), &directory);
        let after = result_ids(&profile_of(&needs, &stricter, "r"), &directory);
        prop_assert!(after.is_subset(&before), "{after:?} not within {before:?}");
    }

    #[test]
    fn loosening_the_distance_never_removes_a_result(
        directory in arb_directory(),
        needs in arb_needs(),
        soft in arb_soft_fields(),
        near in 100.0f64..10_000.0,
        extra in 0.0f64..10_000.0,
    ) {
        let with_limit = |m: f64| {
            let mut fields = soft.clone();
            fields.push(format!(r#""max_distance_m": {m}"#));
            result_ids(&profile_of(&needs, &fields, "r"), &directory)
        };
        let tight = with_limit(near);
        let loose = with_limit(near + extra);
        prop_assert!(tight.is_subset(&loose), "{tight:?} not within {loose:?}");
    }

    #[test]
    fn the_output_never_contains_the_reference(
        directory in arb_directory(),
        needs in arb_needs(),
        soft in arb_soft_fields(),
        hard in arb_hard_field(),
        reference in "REF[A-Za-z0-9 ]{6,30}",
    ) {
        let mut fields = soft;
        if !hard.starts_with(r#""languages""#) {
            fields.push(hard);
        }
        let profile = profile_of(&needs, &fields, &reference);
        let candidates: Vec<(&Service, f64)> = directory.iter().map(|(s, d)| (s, *d)).collect();
        let output = format!("{:?}", run(&profile, &candidates));
        prop_assert!(!output.contains(&reference));
        let shown = format!("{profile:?}");
        prop_assert!(!shown.contains(&reference));
    }
}
