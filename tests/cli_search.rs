//! `signpost search` and `signpost parse` end to end on the demonstration directory
//! (docs/cli.md and docs/parsed-query.md, issue 6).
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

#[path = "cli_support.rs"]
mod support;

use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::Path;
use support::*;
use tempfile::TempDir;

/// Three miles in metres, as §3 writes it.
const THREE_MILES_M: f64 = 4828.032;
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Great-circle distance (haversine), written out here so the test does not trust the product's.
fn haversine_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * a.sqrt().asin()
}

fn codes(list: &Value) -> Vec<&str> {
    list.as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item["code"].as_str())
                .collect()
        })
        .unwrap_or_default()
}

fn locations(service: &Value) -> Vec<&Value> {
    service["service_at_locations"]
        .as_array()
        .map(|sals| {
            sals.iter()
                .map(|sal| &sal["location"])
                .filter(|l| l["latitude"].is_number())
                .collect()
        })
        .unwrap_or_default()
}

fn speaks_bengali(service: &Value) -> bool {
    codes(&service["languages"]).contains(&"ben")
        || locations(service)
            .iter()
            .any(|l| codes(&l["languages"]).contains(&"ben"))
}

fn has_category(service: &Value, code: &str) -> bool {
    service["attributes"].as_array().is_some_and(|attributes| {
        attributes.iter().any(|a| {
            a["taxonomy_term"]["taxonomy"] == "signpost-category"
                && a["taxonomy_term"]["code"] == code
        })
    })
}

fn nearest_location_m(service: &Value, lat: f64, lon: f64) -> Option<f64> {
    locations(service)
        .iter()
        .map(|l| {
            haversine_m(
                lat,
                lon,
                l["latitude"].as_f64().unwrap(),
                l["longitude"].as_f64().unwrap(),
            )
        })
        .min_by(f64::total_cmp)
}

fn demo_store(work: &TempDir) -> std::path::PathBuf {
    let db = work.path().join("db");
    import(&db, &[&demo_services()]);
    db
}

fn search_json(db: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["search", "--db", path_str(db)];
    args.extend_from_slice(extra);
    args.push("--json");
    json_stdout(&run_ok(&args))
}

#[test]
fn bengali_mentoring_near_ws1_1aa_is_found_within_three_miles_with_reasons() {
    let work = TempDir::new().unwrap();
    let db = demo_store(&work);
    let output = search_json(
        &db,
        &[
            "mentoring",
            "--near",
            "WS1 1AA",
            "--radius",
            "3mi",
            "--lang",
            "ben",
            "--limit",
            "100",
        ],
    );
    let query = &output["query"];
    assert_eq!(query["languages"], json!(["ben"]));
    assert_eq!(query["categories"], json!(["mentoring"]));
    assert_eq!(query["near"]["kind"], "postcode");
    assert_eq!(query["radius_m"], json!(THREE_MILES_M));
    let (lat, lon) = (
        query["near"]["lat"].as_f64().unwrap(),
        query["near"]["lon"].as_f64().unwrap(),
    );
    assert!(
        (lat - 52.58).abs() < 0.01 && (lon + 1.98).abs() < 0.01,
        "WS1 1AA is in Walsall: {lat},{lon}"
    );
    assert_eq!(output["relaxed"], false, "every word should match");

    let results = output["results"].as_array().unwrap();
    assert!(
        results.len() >= 2,
        "at least two services, got {}",
        results.len()
    );
    assert_eq!(
        output["total"],
        results.len(),
        "all results fit in one page of 100"
    );
    for result in results {
        let service = &result["service"];
        let name = service["name"].as_str().unwrap();
        let distance = result["distance_m"]
            .as_f64()
            .unwrap_or_else(|| panic!("{name} has no distance"));
        assert!(distance <= THREE_MILES_M, "{name} is {distance} m away");
        if let Some(nearest) = nearest_location_m(service, lat, lon) {
            assert!(
                (nearest - distance).abs() < 0.5,
                "{name}: distance_m {distance}, nearest location {nearest}"
            );
        }
        assert!(speaks_bengali(service), "{name} does not speak Bengali");
        assert!(
            has_category(service, "mentoring"),
            "{name} is not mentoring"
        );
        let why = result["why"].as_array().unwrap();
        assert!(!why.is_empty(), "{name} has no reasons");
        assert!(
            why.iter().any(|w| w.as_str().unwrap().contains("Bengali")),
            "{name}: {why:?}"
        );
    }
}

#[test]
fn the_search_finds_every_demo_service_an_independent_scan_finds() {
    let work = TempDir::new().unwrap();
    let db = demo_store(&work);
    let output = search_json(
        &db,
        &[
            "mentoring",
            "--near",
            "WS1 1AA",
            "--radius",
            "3mi",
            "--lang",
            "ben",
            "--limit",
            "100",
        ],
    );
    let (lat, lon) = (
        output["query"]["near"]["lat"].as_f64().unwrap(),
        output["query"]["near"]["lon"].as_f64().unwrap(),
    );
    let found: BTreeSet<&str> = output["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["service"]["id"].as_str().unwrap())
        .collect();
    let demo = std::fs::read_to_string(demo_services()).unwrap();
    let scanned: BTreeSet<String> = demo
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .filter(|s| codes(&s["languages"]).contains(&"ben") && has_category(s, "mentoring"))
        .filter(|s| nearest_location_m(s, lat, lon).is_some_and(|d| d <= THREE_MILES_M))
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        scanned.len() >= 2,
        "the demo directory should have Bengali mentoring near WS1 1AA"
    );
    let missing: Vec<&String> = scanned
        .iter()
        .filter(|id| !found.contains(id.as_str()))
        .collect();
    assert!(missing.is_empty(), "the search missed {missing:?}");
}

#[test]
fn the_human_table_lists_the_services_with_reasons() {
    let work = TempDir::new().unwrap();
    let db = demo_store(&work);
    let stdout = run_ok(&[
        "search",
        "--db",
        path_str(&db),
        "Bengali-speaking mentoring within 3 miles of WS1 1AA",
    ]);
    let table = String::from_utf8(stdout).unwrap();
    assert!(table.contains("found"), "{table}");
    assert!(
        table.contains("  1. ") && table.contains("  2. "),
        "at least two ranked lines: {table}"
    );
    assert!(table.contains("Bengali"), "{table}");
}

#[test]
fn parse_gives_the_section_3_fields() {
    let parsed = json_stdout(&run_ok(&[
        "parse",
        "Bengali-speaking mentoring within 3 miles of WS1 1AA",
        "--json",
    ]));
    assert_eq!(
        parsed["input"],
        "Bengali-speaking mentoring within 3 miles of WS1 1AA"
    );
    assert_eq!(parsed["text"], "");
    assert_eq!(parsed["languages"], json!(["ben"]));
    assert_eq!(parsed["categories"], json!(["mentoring"]));
    assert_eq!(parsed["faiths"], json!([]));
    assert_eq!(parsed["near"]["kind"], "postcode");
    assert_eq!(parsed["near"]["label"], "WS1 1AA");
    assert!((parsed["near"]["lat"].as_f64().unwrap() - 52.58).abs() < 0.01);
    assert!((parsed["near"]["lon"].as_f64().unwrap() + 1.98).abs() < 0.01);
    assert_eq!(parsed["radius_m"], json!(THREE_MILES_M));
    for absent in ["gender", "age", "open", "free"] {
        assert_eq!(parsed[absent], Value::Null, "{absent}");
    }
    assert!(
        parsed["explanation"]
            .as_str()
            .is_some_and(|e| e.contains("Bengali") && e.contains("WS1 1AA"))
    );
}

#[test]
fn parse_needs_no_store() {
    let work = TempDir::new().unwrap();
    let output = signpost()
        .current_dir(work.path())
        .args(["parse", "halal food bank in Leicester"])
        .output()
        .unwrap();
    assert_success(&output, &["parse"]);
    assert!(
        std::fs::read_dir(work.path()).unwrap().next().is_none(),
        "parse must not create a store"
    );
}

#[test]
fn bad_search_flags_are_one_line_errors() {
    let work = TempDir::new().unwrap();
    let db = demo_store(&work);
    let cases: [(&[&str], &str); 6] = [
        (&["--lang", "ebn"], "ebn"),
        (&["--radius=-3km"], "-3km"),
        (&["--radius", "three miles"], "three miles"),
        (
            &["--near", "Nowhere-on-the-Marsh Xyzzy"],
            "Nowhere-on-the-Marsh Xyzzy",
        ),
        (&["--near", "ZZ9 9ZZ"], "ZZ9 9ZZ"),
        (&["--category", "astrology"], "astrology"),
    ];
    for (flags, named) in cases {
        let mut args = vec!["search", "--db", path_str(&db), "mentoring"];
        args.extend_from_slice(flags);
        let line = assert_one_line_error(&run(&args), &format!("{flags:?}"));
        assert!(
            line.contains(named),
            "{flags:?}: the error should name {named:?}: {line}"
        );
    }
}

#[test]
fn a_negative_radius_written_after_a_space_is_a_one_line_error() {
    // As a practitioner types it: `--radius -3km`, not `--radius=-3km`.
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    import(&db, &[&demo_services()]);
    let output = run(&[
        "search",
        "--db",
        path_str(&db),
        "mentoring",
        "--near",
        "WS1 1AA",
        "--radius",
        "-3km",
    ]);
    let line = assert_one_line_error(&output, "--radius -3km");
    assert!(
        line.contains("-3km"),
        "the error should name the radius: {line}"
    );
}

/// A single file into an empty store builds the index in the same pass, so the next search only
/// loads it; with `--defer-index`, or several files, that search rebuilds it from the store.
/// Either way the same services are found.
#[test]
fn an_import_leaves_a_ready_index_or_one_to_rebuild_and_finds_the_same() {
    let work = TempDir::new().unwrap();
    let demo = demo_services();
    let mut answers = Vec::new();
    let cases: [(&str, &[&str], bool); 3] = [
        ("one file", &[], false),
        ("deferred", &["--defer-index"], true),
        ("two files", &[path_str(&demo)], true),
    ];
    for (name, extra, left_stale) in cases {
        let db = work.path().join(name);
        let mut args = vec!["import", "--db", path_str(&db), path_str(&demo)];
        args.extend_from_slice(extra);
        run_ok(&args);
        let mark = db.join("index.stale");
        assert_eq!(mark.exists(), left_stale, "{name}: the stale mark");
        assert!(!db.join("index.building").exists(), "{name}");
        answers.push(search_json(
            &db,
            &["mentoring", "--near", "WS1 1AA", "--radius", "3mi"],
        ));
        assert!(!mark.exists(), "{name}: the search left a current index");
    }
    assert!(
        !answers[0]["results"]
            .as_array()
            .expect("results")
            .is_empty(),
        "{answers:?}"
    );
    assert_eq!(answers[0], answers[1]);
    assert_eq!(answers[0], answers[2]);
}

#[test]
fn nothing_found_prints_what_to_try_and_words_rank_without_emptying() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    import(&db, &[&data_file("search_words.ndjson")]);
    let printed = String::from_utf8(run_ok(&[
        "search",
        "--db",
        path_str(&db),
        "Urdu mentoring within 1 mile of WS1 1AA",
    ]))
    .unwrap();
    assert!(printed.contains("0 found"), "{printed}");
    assert!(printed.contains("Try:"), "{printed}");
    assert!(
        printed.contains("Search a wider area") && printed.contains("(1 found)"),
        "{printed}"
    );
    let json = search_json(&db, &["Urdu mentoring within 1 mile of WS1 1AA"]);
    assert_eq!(json["suggestions"][0]["total"], 1);
    let ranked = search_json(&db, &["Bengali mentoring for young zebras near WS1 1AA"]);
    assert_eq!(ranked["total"], 2);
    assert_eq!(ranked["results"][0]["service"]["id"], "test-young-men");
    assert!(ranked.get("suggestions").is_none());
}

#[test]
fn services_matching_every_word_come_before_partial_matches_on_the_demo() {
    let work = TempDir::new().unwrap();
    let db = demo_store(&work);
    let output = search_json(&db, &["Pakistani women's group Bradford", "--limit", "100"]);
    let results = output["results"].as_array().unwrap();
    assert!(!results.is_empty(), "{output}");
    let unmatched: Vec<usize> = results
        .iter()
        .map(|r| r["unmatched_words"].as_array().unwrap().len())
        .collect();
    assert!(unmatched.is_sorted(), "more words first: {unmatched:?}");
    for result in results {
        let partial = !result["unmatched_words"].as_array().unwrap().is_empty();
        let labelled = result["why"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().starts_with("matches "));
        assert_eq!(partial, labelled, "{result}");
    }
}
