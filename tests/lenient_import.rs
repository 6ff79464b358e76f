//! `signpost import --lenient` end to end: the UK profile's own example service (placeholders:
//! latitude 100, longitude 101, a GeoJSON extent of "extent") is refused by a strict import and
//! kept by a lenient one with those values set aside, stored as data problems of the service and
//! replaced when it is imported again (docs/cli.md, "Lenient import"; issue 23).
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

#[path = "cli_support.rs"]
mod support;

#[path = "http_support.rs"]
mod http;

use http::{Server, get};
use serde_json::{Value, json};
use support::*;
use tempfile::TempDir;

const EXAMPLE_ID: &str = "ac148810-d857-441c-9679-408f346de14b";

fn lenient_import(db: &std::path::Path, file: &std::path::Path) -> Value {
    let out = run_ok(&[
        "import",
        "--db",
        path_str(db),
        "--lenient",
        "--json",
        path_str(file),
    ]);
    json_stdout(&out)
}

fn set_aside_paths(report: &Value) -> Vec<&str> {
    report["set_aside"]
        .as_array()
        .unwrap()
        .iter()
        .map(|problem| problem["path"].as_str().unwrap())
        .collect()
}

#[test]
fn the_uk_profile_example_is_refused_strictly_and_kept_leniently() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    let example = data_file("oruk-example-service.json");

    let strict = run(&["import", "--db", path_str(&db), path_str(&example)]);
    let message = assert_one_line_error(&strict, "a strict import of placeholders");
    assert!(message.contains("100 is outside -90..90"), "{message}");

    let report = lenient_import(&db, &example);
    assert_eq!(report["records"], 1);
    let paths = set_aside_paths(&report);
    for expected in [
        "/service_at_locations/0/location/latitude",
        "/service_at_locations/0/location/longitude",
        "/service_areas/0/extent",
    ] {
        assert!(paths.contains(&expected), "{expected} not in {paths:?}");
    }
    assert_eq!(report["set_aside_count"], paths.len());
    let extent = report["set_aside"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"] == "/service_areas/0/extent")
        .unwrap();
    assert_eq!(extent["value"], "extent");
    assert_eq!(extent["service_id"], EXAMPLE_ID);

    let stored = exported_services(&db);
    assert_eq!(stored.len(), 1);
    let location = &stored[0]["service_at_locations"][0]["location"];
    assert!(location.get("latitude").is_none() && location.get("longitude").is_none());
    assert_eq!(location["name"], "MyCity Civic Center");
    assert!(stored[0]["service_areas"][0].get("extent").is_none());
    assert_eq!(stored[0]["name"], "Community Counselling");

    let found = run_ok(&["search", "--db", path_str(&db), "community", "--json"]);
    assert_eq!(
        json_stdout(&found)["results"][0]["service"]["id"],
        EXAMPLE_ID
    );
}

#[test]
fn a_bad_identity_rejects_the_file_and_reimporting_replaces_data_problems() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    let placeholders = work.path().join("placeholders.ndjson");
    let good = json!({"id": "s1", "name": "Mentoring", "minimum_age": "eighteen",
        "service_at_locations": [{"id": "sal", "location": {"id": "loc", "latitude": 52.5, "longitude": 500}}]});
    let nameless = json!({"id": "s2", "name": ""});
    std::fs::write(&placeholders, format!("{good}\n{nameless}\n")).unwrap();
    let refused = run(&[
        "import",
        "--db",
        path_str(&db),
        "--lenient",
        path_str(&placeholders),
    ]);
    let message = assert_one_line_error(&refused, "a service without a name");
    assert!(message.contains("line 2: /name"), "{message}");

    std::fs::write(&placeholders, format!("{good}\n")).unwrap();
    let report = lenient_import(&db, &placeholders);
    assert_eq!(
        set_aside_paths(&report),
        vec![
            "/minimum_age",
            "/service_at_locations/0/location/longitude",
            "/service_at_locations/0/location/latitude",
        ]
    );

    let logs = TempDir::new().unwrap();
    let mut server = Server::start(&db, logs.path(), "warn");
    let listed = get(server.port, "/api/v1/services/s1/data-problems");
    assert_eq!(listed.status, 200, "{}", listed.text());
    let listed = listed.json();
    assert_eq!(listed["data_problems"][0]["path"], "/minimum_age");
    assert_eq!(listed["data_problems"][0]["value"], "eighteen");
    assert_eq!(listed["data_problems"].as_array().unwrap().len(), 3);
    assert_eq!(
        get(server.port, "/api/v1/services/nobody/data-problems").status,
        404
    );
    server.terminate();

    let fixed = work.path().join("fixed.ndjson");
    std::fs::write(
        &fixed,
        format!("{}\n", json!({"id": "s1", "name": "Mentoring"})),
    )
    .unwrap();
    let report = lenient_import(&db, &fixed);
    assert_eq!(report["set_aside_count"], 0);
    let mut server = Server::start(&db, logs.path(), "warn");
    let listed = get(server.port, "/api/v1/services/s1/data-problems").json();
    assert_eq!(
        listed["data_problems"],
        json!([]),
        "re-importing replaced them"
    );
    server.terminate();
}
