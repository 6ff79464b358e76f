//! Golden explanations for a few realistic (invented) people against a small demonstration
//! directory (`tests/data/`). The people and services are not real.

use chrono::NaiveDate;
use signpost_domain::Service;
use signpost_geo::{Point, describe_distance, haversine_m};
use signpost_i18n::{Lang, reason_text};
use signpost_match::{Candidate, MatchConfig, MatchOutcome, Profile, Status, match_services};
use std::fmt::Write;

/// Unit postcode centroids from ONS NSPL May 2025 (shared/data/postcodes), standing in for the
/// gazetteer the app uses.
fn home_point(phrase: &str) -> Point {
    match phrase {
        "WS1 1AA" => Point::new(52.58601, -1.98128),
        "B21 9QS" => Point::new(52.50562, -1.94105),
        "B11 1AA" => Point::new(52.45952, -1.87138),
        other => panic!("no test point for {other}"),
    }
}

fn directory() -> Vec<Service> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/directory.json"
    ))
    .expect("directory fixture");
    serde_json::from_str(&text).expect("valid HSDS services")
}

fn read_person(name: &str) -> (String, Profile) {
    let path = format!(
        "{}/tests/data/people/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).expect("person fixture");
    let profile = Profile::from_json(&text).expect("valid profile");
    (text, profile)
}

fn render(outcome: &MatchOutcome<'_>) -> String {
    let mut out = String::new();
    for (rank, result) in outcome.results.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. {} ({}) score {:.2}",
            rank + 1,
            result.service.id,
            describe_distance(result.distance_m),
            result.score
        );
        for c in &result.criteria {
            let status = match c.status {
                Status::Met => "met",
                Status::Partly => "partly",
                Status::Unmet => "unmet",
            };
            let reason = reason_text(Lang::En, &c.reason);
            let _ = writeln!(out, "   {status:<6} {:<13} {reason}", c.criterion);
        }
    }
    for gap in &outcome.unmet_needs {
        let reason = reason_text(Lang::En, &gap.reason);
        let _ = writeln!(out, "gap: {}: {reason}", gap.category);
    }
    out
}

fn match_person(name: &str) -> String {
    let (text, profile) = read_person(name);
    let directory = directory();
    let home = home_point(profile.home().phrase().expect("postcode"));
    let candidates: Vec<Candidate<'_>> = directory
        .iter()
        .map(|service| Candidate {
            service,
            distance_m: service
                .points()
                .iter()
                .map(|p| haversine_m(home, Point::new(p.lat, p.lon)))
                .fold(f64::INFINITY, f64::min),
        })
        .collect();
    let today = NaiveDate::from_ymd_opt(2026, 11, 2).expect("date");
    let outcome = match_services(&profile, &candidates, &MatchConfig::default(), today);
    let shown = format!("{outcome:?}");
    let reference: serde_json::Value = serde_json::from_str(&text).expect("json");
    let reference = reference["reference"]
        .as_str()
        .expect("fixture has a reference");
    assert!(
        !shown.contains(reference),
        "the reference leaked into the output"
    );
    render(&outcome)
}

#[test]
fn sylheti_speaking_man_needing_mentoring_and_work() {
    insta::assert_snapshot!(match_person("sylheti-mentoring"));
}

#[test]
fn punjabi_speaking_woman_needing_domestic_abuse_support() {
    insta::assert_snapshot!(match_person("punjabi-womens-support"));
}

#[test]
fn polish_man_with_no_recourse_to_public_funds_needing_housing() {
    insta::assert_snapshot!(match_person("polish-housing-nrpf"));
}

#[test]
fn every_result_explains_the_need_first() {
    let (_, profile) = read_person("sylheti-mentoring");
    let directory = directory();
    let candidates = [Candidate {
        service: &directory[0],
        distance_m: 1_200.0,
    }];
    let today = NaiveDate::from_ymd_opt(2026, 11, 2).expect("date");
    let outcome = match_services(&profile, &candidates, &MatchConfig::default(), today);
    let result = &outcome.results[0];
    assert_eq!(result.service.id, "walsall-peer-mentors");
    assert_eq!(result.distance_m, 1_200.0);
    assert_eq!(result.criteria[0].criterion, "need");
    assert_eq!(result.criteria[0].status, Status::Met);
    assert_eq!(outcome.unmet_needs[0].category, "employment");
}
