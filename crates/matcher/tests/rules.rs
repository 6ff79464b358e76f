//! One table per rule: a profile fragment, a service, and what the matcher must say.

mod common;

use common::{english, profile, run, service};
use serde_json::{Value, json};
use signpost_match::Status;

/// What a case expects: the service ruled out, or one criterion with this status and reason.
enum Expect {
    Excluded,
    Says(&'static str, Status, &'static str),
    Lacks(&'static str),
}

struct Case {
    name: &'static str,
    profile: &'static str,
    service: Value,
    distance_m: f64,
    expect: Expect,
}

fn case(name: &'static str, profile: &'static str, service: Value, expect: Expect) -> Case {
    Case {
        name,
        profile,
        service,
        distance_m: 1_000.0,
        expect,
    }
}

fn check(cases: Vec<Case>) {
    for case in cases {
        let person = profile(&["mentoring"], case.profile);
        let svc = service("s1", "o1", &["mentoring"], case.service);
        let outcome = run(&person, &[(&svc, case.distance_m)]);
        match case.expect {
            Expect::Excluded => {
                assert!(outcome.results.is_empty(), "{}: not excluded", case.name)
            }
            Expect::Says(criterion, status, reason) => {
                let result = outcome
                    .results
                    .first()
                    .unwrap_or_else(|| panic!("{}: excluded", case.name));
                let found = result.criteria.iter().find(|c| c.criterion == criterion);
                let found = found.unwrap_or_else(|| {
                    panic!("{}: no {criterion} in {:?}", case.name, result.criteria)
                });
                assert_eq!(
                    (found.status, english(&found.reason)),
                    (status, reason.to_owned()),
                    "{}",
                    case.name
                );
            }
            Expect::Lacks(criterion) => {
                let result = outcome.results.first().expect("eligible");
                assert!(
                    result.criteria.iter().all(|c| c.criterion != criterion),
                    "{}",
                    case.name
                );
            }
        }
    }
}

#[test]
fn needs_filter_by_category() {
    let person = profile(&["mentoring", "employment"], "");
    let mentoring = service("m", "o1", &["mentoring"], json!({}));
    let food = service("f", "o2", &["food"], json!({}));
    let both = service("b", "o3", &["employment", "mentoring"], json!({}));
    let outcome = run(
        &person,
        &[(&mentoring, 100.0), (&food, 100.0), (&both, 100.0)],
    );
    let ids: Vec<&str> = outcome
        .results
        .iter()
        .map(|r| r.service.id.as_str())
        .collect();
    assert_eq!(ids, vec!["b", "m"], "both needs rank first; food never");
    assert_eq!(
        english(&outcome.results[0].criteria[0].reason),
        "Mentoring and befriending (essential); Employment and training"
    );
}

#[test]
fn distance_is_a_limit_and_decays() {
    check(vec![
        Case {
            distance_m: 6_759.2,
            ..case(
                "within",
                r#""max_distance_m": 8046.72"#,
                json!({}),
                Expect::Says("distance", Status::Met, "4.2 miles, limit 5"),
            )
        },
        Case {
            distance_m: 8_100.0,
            ..case(
                "beyond",
                r#""max_distance_m": 8046.72"#,
                json!({}),
                Expect::Excluded,
            )
        },
        Case {
            distance_m: f64::NAN,
            ..case("unknown distance", "", json!({}), Expect::Excluded)
        },
        Case {
            distance_m: 1_700.0,
            ..case(
                "walking time",
                r#""max_travel": {"minutes": 20, "mode": "walk"}"#,
                json!({}),
                Expect::Excluded,
            )
        },
    ]);
    let person = profile(&["mentoring"], "");
    let (near, far) = (
        service("near", "o1", &["mentoring"], json!({})),
        service("far", "o2", &["mentoring"], json!({})),
    );
    let outcome = run(&person, &[(&far, 7_000.0), (&near, 500.0)]);
    assert_eq!(outcome.results[0].service.id, "near");
    assert!(outcome.results[0].score > outcome.results[1].score);
}

#[test]
fn languages_rank_preferred_then_spoken_then_interpreter() {
    const SYL_BEN: &str =
        r#""languages": {"speaks": ["syl", "ben"], "preferred": "syl", "interpreter_ok": true}"#;
    const NO_INTERPRETER: &str =
        r#""languages": {"speaks": ["syl", "ben"], "preferred": "syl", "interpreter_ok": false}"#;
    let speaking = |codes: &[&str]| {
        let langs: Vec<Value> = codes.iter().map(|c| json!({"id": c, "code": c})).collect();
        json!({"languages": langs})
    };
    check(vec![
        case(
            "preferred",
            SYL_BEN,
            speaking(&["eng", "syl"]),
            Expect::Says("language", Status::Met, "speaks Sylheti (preferred)"),
        ),
        case(
            "spoken",
            SYL_BEN,
            speaking(&["ben"]),
            Expect::Says("language", Status::Met, "speaks Bengali, not Sylheti"),
        ),
        case(
            "interpreter",
            SYL_BEN,
            speaking(&["urd"]),
            Expect::Says(
                "language",
                Status::Partly,
                "no shared language; needs an interpreter",
            ),
        ),
        case(
            "no interpreter",
            NO_INTERPRETER,
            speaking(&["urd"]),
            Expect::Excluded,
        ),
        case(
            "unlisted means English",
            NO_INTERPRETER,
            json!({}),
            Expect::Excluded,
        ),
        case(
            "iso 639-1 on the record",
            NO_INTERPRETER,
            speaking(&["bn"]),
            Expect::Says("language", Status::Met, "speaks Bengali, not Sylheti"),
        ),
        case(
            "English assumed",
            r#""languages": {"speaks": ["eng"]}"#,
            json!({}),
            Expect::Says(
                "language",
                Status::Met,
                "speaks English (assumed: no languages listed)",
            ),
        ),
        case(
            "no language asked",
            "",
            speaking(&["urd"]),
            Expect::Lacks("language"),
        ),
    ]);
    let person = profile(&["mentoring"], SYL_BEN);
    let svc = |id: &str, code: &str| service(id, id, &["mentoring"], speaking(&[code]));
    let (preferred, spoken, other) = (svc("p", "syl"), svc("s", "ben"), svc("o", "urd"));
    let outcome = run(
        &person,
        &[(&other, 10.0), (&spoken, 10.0), (&preferred, 10.0)],
    );
    let ids: Vec<&str> = outcome
        .results
        .iter()
        .map(|r| r.service.id.as_str())
        .collect();
    assert_eq!(ids, vec!["p", "s", "o"]);
}

#[test]
fn gender_served_is_a_hard_constraint_and_staff_gender_a_preference() {
    check(vec![
        case(
            "male-only for a woman",
            r#""gender": "female""#,
            json!({"gender": "male"}),
            Expect::Excluded,
        ),
        case(
            "women-only for a woman",
            r#""gender": "female""#,
            json!({"gender": "female"}),
            Expect::Says("gender", Status::Met, "for women only"),
        ),
        case(
            "open service",
            r#""gender": "male""#,
            json!({}),
            Expect::Says("gender", Status::Met, "open to everyone"),
        ),
        case(
            "gender not given",
            "",
            json!({"gender": "female"}),
            Expect::Says(
                "gender",
                Status::Partly,
                "for women only; the person's gender is not given",
            ),
        ),
        case(
            "prefers women staff, women's service",
            r#""gender": "female", "gender_preference": "female""#,
            json!({"gender": "female"}),
            Expect::Says("staff_gender", Status::Met, "a women's service"),
        ),
        case(
            "prefers men staff, open service",
            r#""gender_preference": "male""#,
            json!({}),
            Expect::Says(
                "staff_gender",
                Status::Partly,
                "staff gender not stated (men's preferred)",
            ),
        ),
    ]);
}

#[test]
fn age_limits_are_hard_constraints() {
    check(vec![
        case(
            "too old",
            r#""age": 26"#,
            json!({"minimum_age": 18, "maximum_age": 25}),
            Expect::Excluded,
        ),
        case(
            "too young",
            r#""age": 17"#,
            json!({"minimum_age": 18}),
            Expect::Excluded,
        ),
        case(
            "within",
            r#""age": 24"#,
            json!({"minimum_age": 18, "maximum_age": 25}),
            Expect::Says("age", Status::Met, "ages 18-25"),
        ),
        case(
            "no limit",
            r#""age": 70"#,
            json!({}),
            Expect::Says("age", Status::Met, "no age limit"),
        ),
        case(
            "age not given",
            "",
            json!({"maximum_age": 25}),
            Expect::Says("age", Status::Partly, "ages up to 25; age not given"),
        ),
    ]);
}

#[test]
fn faith_scores_only_when_wanted() {
    const WANTS: &str = r#""faith": {"code": "muslim", "wants_faith_service": true}"#;
    check(vec![
        case(
            "same faith",
            WANTS,
            json!({"faiths": ["muslim"]}),
            Expect::Says("faith", Status::Met, "Muslim faith service"),
        ),
        case(
            "other faith",
            WANTS,
            json!({"faiths": ["christian"]}),
            Expect::Says("faith", Status::Unmet, "Christian faith service"),
        ),
        case(
            "secular",
            WANTS,
            json!({}),
            Expect::Says("faith", Status::Partly, "not faith-based"),
        ),
        case(
            "not wanted",
            r#""faith": {"code": "muslim"}"#,
            json!({"faiths": ["christian"]}),
            Expect::Lacks("faith"),
        ),
    ]);
}

fn weekly(byday: &str, opens: &str, closes: &str) -> Value {
    json!({"schedules": [{"id": "sch", "freq": "WEEKLY", "byday": byday, "opens_at": opens, "closes_at": closes}]})
}

#[test]
fn availability_overlaps_the_persons_slots() {
    const MON_DAY: &str = r#""available": [{"day": "mon", "from": "09:00", "to": "17:00"}]"#;
    check(vec![
        case(
            "overlap",
            MON_DAY,
            weekly("MO,TH", "16:00", "18:00"),
            Expect::Says(
                "availability",
                Status::Met,
                "open Mondays 16:00 when available",
            ),
        ),
        case(
            "touching is not overlapping",
            MON_DAY,
            weekly("MO", "17:00", "19:00"),
            Expect::Says(
                "availability",
                Status::Unmet,
                "open Mondays 17:00; not when available",
            ),
        ),
        case(
            "no times",
            MON_DAY,
            json!({}),
            Expect::Says("availability", Status::Partly, "opening times not stated"),
        ),
        case(
            "day without times",
            MON_DAY,
            json!({"schedules": [{"id": "x", "freq": "WEEKLY", "byday": "MO"}]}),
            Expect::Says(
                "availability",
                Status::Partly,
                "open Mondays (times not stated)",
            ),
        ),
    ]);
}

#[test]
fn observances_flag_clashing_sessions() {
    const JUMMAH: &str = r#""faith": {"code": "muslim", "observance": ["friday_prayers"]}"#;
    check(vec![
        case(
            "only at Jummah",
            JUMMAH,
            weekly("FR", "13:00", "15:00"),
            Expect::Says(
                "observance",
                Status::Unmet,
                "meets Fridays 13:00 - clashes with Jummah",
            ),
        ),
        case(
            "another session",
            JUMMAH,
            weekly("TU,FR", "12:00", "13:00"),
            Expect::Says(
                "observance",
                Status::Partly,
                "meets Fridays 12:00 - clashes with Jummah; other sessions are free",
            ),
        ),
        case(
            "Friday evening",
            JUMMAH,
            weekly("FR", "18:00", "20:00"),
            Expect::Says("observance", Status::Met, "no session at Friday prayers"),
        ),
        case(
            "Friday, no times",
            JUMMAH,
            json!({"schedules": [{"id": "x", "freq": "WEEKLY", "byday": "FR"}]}),
            Expect::Says(
                "observance",
                Status::Partly,
                "meets Fridays (times not stated) - may clash with Jummah",
            ),
        ),
        case(
            "Shabbat",
            r#""faith": {"code": "jewish", "observance": ["shabbat"]}"#,
            weekly("SA", "10:00", "12:00"),
            Expect::Says(
                "observance",
                Status::Unmet,
                "meets Saturdays 10:00 - on Shabbat",
            ),
        ),
    ]);
}

#[test]
fn festival_days_in_the_window_down_rank_sessions() {
    // Eid al-Fitr is expected on Friday 20 March 2026 (Umm al-Qura).
    const EID: &str = r#""faith": {"code": "muslim", "observance": ["eid_al_fitr"]}, "dates": {"from": "2026-03-16", "to": "2026-03-29"}"#;
    const ALL: &str = r#""faith": {"code": "muslim", "observance": ["avoid_festivals"]}, "dates": {"from": "2026-03-16", "to": "2026-03-22"}"#;
    check(vec![
        case(
            "Fridays only, one is Eid",
            EID,
            weekly("FR", "10:00", "12:00"),
            Expect::Says(
                "festivals",
                Status::Partly,
                "meets on Eid al-Fitr, Fri 20 Mar (expected date); other dates are free",
            ),
        ),
        case(
            "week of Eid, Fridays only",
            ALL,
            weekly("FR", "10:00", "12:00"),
            Expect::Says(
                "festivals",
                Status::Unmet,
                "only meets on Eid al-Fitr, Fri 20 Mar (expected date)",
            ),
        ),
        case(
            "no Friday session",
            EID,
            weekly("MO", "10:00", "12:00"),
            Expect::Says(
                "festivals",
                Status::Met,
                "no session on Eid al-Fitr, Fri 20 Mar (expected date)",
            ),
        ),
        case(
            "no festival in the window",
            r#""faith": {"code": "sikh", "observance": ["avoid_festivals"]}, "dates": {"from": "2026-03-16", "to": "2026-03-29"}"#,
            weekly("FR", "10:00", "12:00"),
            Expect::Says(
                "festivals",
                Status::Met,
                "no festival days Mon 16 Mar - Sun 29 Mar",
            ),
        ),
        case(
            "beyond the calendar",
            r#""faith": {"code": "sikh", "observance": ["avoid_festivals"]}, "dates": {"from": "2031-03-16", "to": "2031-03-29"}"#,
            weekly("FR", "10:00", "12:00"),
            Expect::Says(
                "festivals",
                Status::Partly,
                "festival calendar covers 2025-2030 only (Sun 16 Mar - Sat 29 Mar)",
            ),
        ),
    ]);
}

#[test]
fn the_default_window_starts_today() {
    // today() is Monday 2 March 2026; Holi is expected on Wednesday 4 March 2026.
    let person = profile(
        &["mentoring"],
        r#""faith": {"code": "hindu", "observance": ["holi"]}"#,
    );
    let svc = service("s", "o", &["mentoring"], weekly("WE", "10:00", "11:00"));
    let outcome = run(&person, &[(&svc, 10.0)]);
    let festivals = outcome.results[0]
        .criteria
        .iter()
        .find(|c| c.criterion == "festivals")
        .expect("festivals criterion");
    assert_eq!(festivals.status, Status::Partly);
    let reason = english(&festivals.reason);
    assert!(reason.starts_with("meets on Holi, Wed 4 Mar"), "{reason}");
}

fn accessible(description: &str) -> Value {
    json!({"service_at_locations": [{"id": "sal", "location": {"id": "loc", "latitude": 52.5, "longitude": -1.9,
        "accessibility": [{"id": "acc", "description": description}]}}]})
}

#[test]
fn access_needs_read_what_the_record_states() {
    const WHEELCHAIR: &str = r#""access_needs": ["wheelchair"]"#;
    check(vec![
        case(
            "no access",
            WHEELCHAIR,
            accessible("First floor, no lift."),
            Expect::Excluded,
        ),
        case(
            "not accessible",
            WHEELCHAIR,
            accessible("Sorry: not wheelchair accessible"),
            Expect::Excluded,
        ),
        case(
            "step-free",
            WHEELCHAIR,
            accessible("Step-free entrance from the car park"),
            Expect::Says("access", Status::Met, "wheelchair access stated"),
        ),
        case(
            "silent",
            WHEELCHAIR,
            json!({}),
            Expect::Says("access", Status::Partly, "wheelchair access not stated"),
        ),
        case(
            "BSL language",
            r#""access_needs": ["bsl"]"#,
            json!({"languages": [{"id": "l", "code": "bfi"}]}),
            Expect::Says("access", Status::Met, "BSL stated"),
        ),
        case(
            "no BSL",
            r#""access_needs": ["bsl"]"#,
            json!({"eligibility_description": "No BSL interpreters at present."}),
            Expect::Excluded,
        ),
        case(
            "easy read",
            r#""access_needs": ["learning_disability"]"#,
            json!({"description": "Easy read leaflets and longer sessions."}),
            Expect::Says("access", Status::Met, "learning disability support stated"),
        ),
    ]);
}

#[test]
fn nrpf_reads_the_eligibility_text() {
    const NRPF: &str = r#""nrpf": true"#;
    let says = |text: &str| json!({"eligibility_description": text});
    check(vec![
        case(
            "excluded",
            NRPF,
            says("People with no recourse to public funds are not eligible."),
            Expect::Excluded,
        ),
        case(
            "housing benefit",
            NRPF,
            says("Residents must be eligible for Housing Benefit"),
            Expect::Excluded,
        ),
        case(
            "welcomed",
            NRPF,
            says("We support people with NRPF, whatever their immigration status."),
            Expect::Says(
                "nrpf",
                Status::Met,
                "open to people with no recourse to public funds",
            ),
        ),
        case(
            "silent",
            NRPF,
            says("Adults on probation in Walsall."),
            Expect::Says(
                "nrpf",
                Status::Partly,
                "does not say whether people with no recourse to public funds can use it",
            ),
        ),
        case(
            "not asked",
            "",
            says("People with no recourse to public funds are not eligible."),
            Expect::Lacks("nrpf"),
        ),
    ]);
}

#[test]
fn no_more_than_two_per_organisation_unless_nothing_else_fits() {
    let person = profile(&["mentoring"], "");
    let big: Vec<_> = (0..4)
        .map(|i| service(&format!("big{i}"), "big", &["mentoring"], json!({})))
        .collect();
    let small = service("small", "small", &["mentoring"], json!({}));
    let mut candidates: Vec<_> = big.iter().map(|s| (s, 100.0)).collect();
    candidates.push((&small, 5_000.0));
    let outcome = run(&person, &candidates);
    let ids: Vec<&str> = outcome
        .results
        .iter()
        .map(|r| r.service.id.as_str())
        .collect();
    assert_eq!(ids, vec!["big0", "big1", "small", "big2", "big3"]);

    let config = signpost_match::MatchConfig {
        limit: 3,
        ..Default::default()
    };
    let candidates: Vec<_> = candidates
        .iter()
        .map(|(service, distance_m)| signpost_match::Candidate {
            service,
            distance_m: *distance_m,
        })
        .collect();
    let top = signpost_match::match_services(&person, &candidates, &config, common::today());
    let ids: Vec<&str> = top.results.iter().map(|r| r.service.id.as_str()).collect();
    assert_eq!(ids, vec!["big0", "big1", "small"]);
}

#[test]
fn unmet_needs_say_what_ruled_services_out() {
    let person = profile(
        &["mentoring", "employment"],
        r#""languages": {"speaks": ["syl", "ben"], "preferred": "syl", "interpreter_ok": false}, "gender": "male""#,
    );
    let mentoring = service(
        "m",
        "o1",
        &["mentoring"],
        json!({"languages": [{"id": "l", "code": "syl"}]}),
    );
    let english_jobs = service(
        "e",
        "o2",
        &["employment"],
        json!({"languages": [{"id": "l", "code": "eng"}]}),
    );
    let far_jobs = service(
        "f",
        "o3",
        &["employment"],
        json!({"languages": [{"id": "l", "code": "ben"}]}),
    );
    let outcome = run(
        &person,
        &[
            (&mentoring, 100.0),
            (&english_jobs, 100.0),
            (&far_jobs, 90_000.0),
        ],
    );
    assert_eq!(outcome.results.len(), 1);
    assert_eq!(outcome.unmet_needs.len(), 1);
    assert_eq!(outcome.unmet_needs[0].category, "employment");
    assert_eq!(
        english(&outcome.unmet_needs[0].reason),
        "no employment and training service within 5 miles speaks Sylheti or Bengali"
    );

    let womens_jobs = service(
        "w",
        "o4",
        &["employment"],
        json!({"gender": "female", "languages": [{"id": "l", "code": "syl"}]}),
    );
    let outcome = run(&person, &[(&english_jobs, 100.0), (&womens_jobs, 100.0)]);
    assert_eq!(
        english(&outcome.unmet_needs[1].reason),
        "no employment and training service within 5 miles speaks Sylheti or Bengali and serves men"
    );
    assert_eq!(
        english(&outcome.unmet_needs[0].reason),
        "no mentoring and befriending service within 5 miles"
    );
}
