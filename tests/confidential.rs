//! Confidential locations end to end (docs/formats.md, "Confidential locations"; issue 25): a
//! refuge whose location is marked `signpost-safety` / `confidential-location`, at a known point,
//! street and postcode (tests/data/confidential.ndjson), is found by search and match but its
//! point, street and postcode appear in no answer of the real binary: CLI search and export, the
//! JSON API, the ORUK API, the pages (results with their map, the service page, the shortlist, its
//! print view and CSV), nor the server's debug log. Only `export --include-confidential` keeps them.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

#[path = "cli_support.rs"]
mod support;

#[path = "http_support.rs"]
mod http;

use http::{Response, Server, http, post_form, send_json};
use serde_json::{Value, json};
use std::path::Path;
use support::*;
use tempfile::TempDir;

const REFUGE: &str = "cf-refuge";
/// What must never be shown: the street (also the location's name), the postcode in both its
/// forms, the point to 3 decimals, and the other free text of the location.
const SECRETS: [&str; 7] = [
    "Larkspur",
    "WS1 4NE",
    "WS14NE",
    "52.565",
    "-1.994",
    "Bus 529",
    "Side door",
];
const METRES_PER_MILE: f64 = 1_609.344;

fn fixture() -> std::path::PathBuf {
    data_file("confidential.ndjson")
}

fn assert_nothing_leaks(what: &str, bytes: &[u8]) {
    for secret in SECRETS {
        assert!(
            !contains_text(bytes, secret),
            "{what} shows {secret:?}: {}",
            String::from_utf8_lossy(bytes)
        );
    }
}

fn store_with_fixture() -> TempDir {
    let dir = TempDir::new().unwrap();
    import(dir.path(), &[&fixture()]);
    dir
}

/// Each search hit of the refuge has a distance of whole miles and an "about" reason.
fn assert_refuge_hit_is_rounded(search: &Value) {
    let hit = search["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["service"]["id"] == REFUGE)
        .unwrap_or_else(|| panic!("the refuge is found: {search}"));
    let miles = hit["distance_m"].as_f64().unwrap() / METRES_PER_MILE;
    assert!((miles - miles.round()).abs() < 1e-9, "{miles} miles");
    let why: Vec<&str> = hit["why"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(
        why.iter()
            .any(|w| w.ends_with("mile away") || w.ends_with("miles away")),
        "{why:?}"
    );
}

/// `signpost keys create`: the key printed once, named after its role.
fn create_key(db: &Path, role: &str) -> String {
    http::create_key(db, role, role)
}

#[test]
fn cli_search_finds_the_refuge_without_its_place() {
    let db = store_with_fixture();
    let json = run_ok(&[
        "search",
        "--db",
        path_str(db.path()),
        "--json",
        "domestic abuse within 5 miles of Walsall",
    ]);
    assert_nothing_leaks("signpost search --json", &json);
    assert_refuge_hit_is_rounded(&json_stdout(&json));
    let table = run_ok(&[
        "search",
        "--db",
        path_str(db.path()),
        "domestic abuse within 5 miles of Walsall",
    ]);
    assert_nothing_leaks("signpost search", &table);
    assert!(contains_text(&table, "Safe Haven"));
}

#[test]
fn the_hidden_point_is_not_where_search_looks() {
    let db = store_with_fixture();
    let near_hidden_point = run_ok(&[
        "search",
        "--db",
        path_str(db.path()),
        "--json",
        "--near",
        "52.56571,-1.99431",
        "--radius",
        "500m",
        "domestic abuse",
    ]);
    let found = json_stdout(&near_hidden_point);
    assert!(
        found["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["service"]["id"] != REFUGE),
        "a search 500 m around the hidden point must not find the refuge: {found}"
    );
}

#[test]
fn export_withholds_unless_asked_to_include() {
    let db = store_with_fixture();
    for format in ["ndjson", "hsds-json", "csv"] {
        let withheld = export(db.path(), format);
        assert_nothing_leaks(&format!("export --format {format}"), &withheld);
        assert!(contains_text(&withheld, "Safe Haven"), "{format}");
        let whole = run_ok(&[
            "export",
            "--db",
            path_str(db.path()),
            "--format",
            format,
            "--include-confidential",
        ]);
        for kept in ["Larkspur", "WS1 4NE", "52.56571"] {
            assert!(
                contains_text(&whole, kept),
                "--include-confidential {format} keeps {kept}"
            );
        }
    }
}

#[test]
fn no_answer_page_or_log_of_the_server_shows_the_refuges_place() {
    let db = store_with_fixture();
    let editor_key = create_key(db.path(), "editor");
    let logs = TempDir::new().unwrap();
    let mut server = Server::start(db.path(), logs.path(), "debug");
    let port = server.port;

    let search = get(
        port,
        "/api/v1/search?q=domestic%20abuse%20within%205%20miles%20of%20Walsall",
    );
    assert_nothing_leaks("/api/v1/search", &search);
    assert_refuge_hit_is_rounded(&serde_json::from_slice(&search).unwrap());

    let matched = post(
        port,
        "/api/v1/match",
        &json!({"needs": [{"category": "domestic-abuse", "essential": true}],
                "home": {"postcode": "WS1 1AA"}, "max_distance_m": 8046}),
    );
    assert_nothing_leaks("/api/v1/match", &matched);
    assert!(
        contains_text(&matched, REFUGE),
        "the match finds the refuge"
    );

    for path in [
        "/api/v1/services/cf-refuge",
        "/services",
        "/services?text=refuge",
        "/services/cf-refuge",
        "/service_at_locations",
        "/service_at_locations/cf-refuge-sal",
    ] {
        assert_nothing_leaks(path, &get(port, path));
    }
    for path in [
        "/search?q=domestic%20abuse%20within%205%20miles%20of%20Walsall",
        "/services/cf-refuge",
        "/shortlist?ids=cf-refuge,cf-advice",
        "/shortlist.csv?ids=cf-refuge,cf-advice",
    ] {
        assert_nothing_leaks(path, &get_page(port, path));
    }
    let results = get_page(
        port,
        "/search?q=domestic%20abuse%20within%205%20miles%20of%20Walsall",
    );
    assert!(
        contains_text(&results, "Safe Haven"),
        "the results page lists the refuge"
    );
    assert!(contains_text(&results, "<svg"), "beside a map");
    let page = get_page(port, "/services/cf-refuge");
    assert!(
        contains_text(&page, "Safe Haven"),
        "the service page shows the refuge"
    );
    assert!(contains_text(&page, "0121 496 0001"), "and how to reach it");

    let cookie = sign_in(port, &editor_key);
    let opened = http::get_page(port, "/navigator/services/cf-refuge/edit", Some(&cookie));
    assert_eq!(opened.status, 200, "the editor opens: {}", opened.text());
    let editor = opened.body;
    assert!(
        contains_text(&editor, "Safe Haven"),
        "the editor shows the refuge"
    );
    assert_nothing_leaks("the editor page of an editor", &editor);

    let refuge_row = get(port, "/service_at_locations/cf-refuge-sal");
    assert!(contains_text(&refuge_row, "cf-refuge-sal"));

    assert!(server.terminate().success(), "the server stops cleanly");
    for log in ["stdout.log", "stderr.log"] {
        let bytes = std::fs::read(logs.path().join(log)).unwrap();
        assert_nothing_leaks(log, &bytes);
    }
}

fn get(port: u16, path: &str) -> Vec<u8> {
    ok_body(
        "GET",
        path,
        request(port, "GET", path, &[("Accept", "application/json")]),
    )
}

/// A page, as a browser asks for it.
fn get_page(port: u16, path: &str) -> Vec<u8> {
    ok_body("GET", path, http::get_page(port, path, None))
}

fn post(port: u16, path: &str, body: &Value) -> Vec<u8> {
    ok_body("POST", path, send_json(port, "POST", path, None, body))
}

fn request(port: u16, method: &str, path: &str, headers: &[(&str, &str)]) -> Response {
    http(port, method, path, headers, b"").unwrap_or_else(|e| panic!("{method} {path}: {e}"))
}

/// The body of a 200.
fn ok_body(method: &str, path: &str, response: Response) -> Vec<u8> {
    assert_eq!(
        response.status,
        200,
        "{method} {path}: {:?}\n{}",
        response.headers,
        response.text()
    );
    response.body
}

/// Signs a navigator in with `key` and answers the session cookie (`name=value`).
fn sign_in(port: u16, key: &str) -> String {
    let response = post_form(port, "/navigator/sign-in", None, &[("key", key)]);
    response
        .headers_named("set-cookie")
        .first()
        .map(|cookie| cookie.split(';').next().unwrap_or_default().to_owned())
        .unwrap_or_else(|| {
            panic!(
                "a session cookie: {} {:?}",
                response.status, response.headers
            )
        })
}
