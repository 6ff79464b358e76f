//! `signpost match` end to end, and its privacy promise (issue 10): a profile's distinctive
//! values never reach the store's files or the logs, even at `RUST_LOG=trace`, and the
//! navigator's free-text reference never appears anywhere, not even on standard output.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

#[path = "cli_support.rs"]
mod support;

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use support::*;
use tempfile::TempDir;

const REFERENCE: &str = "Zebedee Quillfeather 7731";
/// A real Walsall postcode that no demo record carries (checked before the match runs).
const HOME: &str = "WS1 1AA";

fn profile() -> Value {
    json!({
        "needs": [{ "category": "mentoring", "essential": true }, { "category": "employment" }],
        "languages": { "speaks": ["syl", "ben"], "preferred": "syl", "interpreter_ok": true },
        "faith": { "code": "muslim", "observance": ["friday_prayers"] },
        "gender_preference": "male",
        "age": 37,
        "home": { "postcode": HOME },
        "max_distance_m": 8046,
        "reference": REFERENCE
    })
}

/// Everything that would identify the person if it leaked: the reference, parts of it, the home.
fn secrets() -> Vec<&'static str> {
    vec![REFERENCE, "Quillfeather", "Zebedee", HOME, "WS11AA"]
}

fn write_profile(dir: &Path, name: &str, profile: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec_pretty(profile).unwrap()).unwrap();
    path
}

fn demo_store(work: &TempDir) -> PathBuf {
    let db = work.path().join("db");
    import(&db, &[&demo_services()]);
    db
}

fn traced_match(db: &Path, profile: &Path, json: bool) -> std::process::Output {
    let mut args = vec![
        "match",
        "--db",
        path_str(db),
        "--profile",
        path_str(profile),
    ];
    if json {
        args.push("--json");
    }
    signpost()
        .env("RUST_LOG", "trace")
        .args(&args)
        .output()
        .unwrap()
}

#[test]
fn a_match_leaves_no_trace_of_the_person_in_the_store_or_the_logs() {
    let work = TempDir::new().unwrap();
    let db = demo_store(&work);
    // Opening the store once first (building the index) so the test below sees the state a
    // match leaves, and checking that the secrets are not there already, which would make the
    // check meaningless.
    run_ok(&[
        "search",
        "--db",
        path_str(&db),
        "mentoring",
        "--near",
        "Walsall",
    ]);
    assert_no_file_holds(&db, &secrets());
    let profile = write_profile(work.path(), "person.json", &profile());

    for json in [true, false] {
        let output = traced_match(&db, &profile, json);
        assert_success(&output, &["match", "--profile"]);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("TRACE") || stderr.contains("DEBUG"),
            "RUST_LOG=trace should log something"
        );
        for secret in secrets() {
            assert!(
                !contains_text(stderr.as_bytes(), secret),
                "the logs hold {secret:?}"
            );
        }
        for secret in ["Quillfeather", "Zebedee"] {
            assert!(
                !contains_text(stdout.as_bytes(), secret),
                "standard output holds {secret:?}"
            );
        }
        if json {
            let outcome = json_stdout(&output.stdout);
            let results = outcome["results"].as_array().expect("a results array");
            assert!(
                !results.is_empty(),
                "the demo directory has mentoring near WS1 1AA: {outcome}"
            );
            assert!(
                results[0]["criteria"]
                    .as_array()
                    .is_some_and(|c| !c.is_empty())
            );
        }
    }
    assert_no_file_holds(&db, &secrets());
}

#[test]
fn an_unknown_profile_field_is_a_one_line_error_naming_it() {
    let work = TempDir::new().unwrap();
    let db = demo_store(&work);
    let mut typo = profile();
    typo["max_distanse_m"] = json!(8046);
    let file = write_profile(work.path(), "typo.json", &typo);
    let line = assert_one_line_error(&traced_match(&db, &file, true), "top-level typo");
    assert!(line.contains("max_distanse_m"), "{line}");

    let mut nested = profile();
    nested["home"]["street"] = json!("Quillfeather Lane");
    let file = write_profile(work.path(), "nested.json", &nested);
    let output = signpost()
        .args(["match", "--db", path_str(&db), "--profile", path_str(&file)])
        .output()
        .unwrap();
    let line = assert_one_line_error(&output, "nested typo");
    assert!(line.contains("street"), "{line}");
    assert!(
        !line.contains("Quillfeather"),
        "the error repeats a value the navigator typed: {line}"
    );
}

#[test]
fn errors_about_a_profile_do_not_repeat_what_was_typed() {
    let work = TempDir::new().unwrap();
    let db = demo_store(&work);
    let mut language = profile();
    language["languages"]["speaks"] = json!(["quillfeather"]);
    let mut home = profile();
    home["home"] = json!({ "postcode": "ZQ7 7QZ" });
    for (name, bad, typed) in [
        ("language.json", language, "quillfeather"),
        ("home.json", home, "ZQ7 7QZ"),
    ] {
        let file = write_profile(work.path(), name, &bad);
        let output = traced_match(&db, &file, false);
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(!output.status.success(), "{name} should be rejected");
        assert!(
            stderr
                .lines()
                .last()
                .is_some_and(|l| l.starts_with("error: ")),
            "{name}: {stderr}"
        );
        assert!(
            !contains_text(stderr.as_bytes(), typed),
            "{name}: stderr repeats {typed:?}"
        );
        assert!(
            !contains_text(stderr.as_bytes(), "Quillfeather"),
            "{name}: stderr holds the reference"
        );
    }
    assert_no_file_holds(&db, &["ZQ7 7QZ", "quillfeather"]);
}
