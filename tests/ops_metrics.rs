//! `GET /metrics` end to end (docs/api.md, "Operations"): the directory's gauges (services stored,
//! active and indexed, the index's lag and stale mark), the last import's outcome whichever
//! process ran it, and request latency per route template, where neither an id nor a query string
//! ever becomes a label.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

#[path = "cli_support.rs"]
mod support;

#[path = "http_support.rs"]
mod http;

use http::{Server, create_key, get, get_page, send_json};
use serde_json::json;
use support::{demo_services, path_str, run, run_ok};
use tempfile::TempDir;

/// The value of the sample `name` (with its labels, exactly) in Prometheus text.
fn sample(text: &str, name: &str) -> Option<f64> {
    text.lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
}

#[test]
fn metrics_report_the_directory_the_last_import_and_latency_by_route_template() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("data");
    run_ok(&["import", "--db", path_str(&db), path_str(&demo_services())]);
    let demo = std::fs::read_to_string(demo_services())
        .unwrap()
        .lines()
        .count() as f64;
    let mut server = Server::start(&db, dir.path(), "info");
    let port = server.port;

    let text = get(port, "/metrics").text();
    assert_eq!(sample(&text, "signpost_services"), Some(demo), "{text}");
    assert_eq!(sample(&text, "signpost_services_active"), Some(demo));
    assert_eq!(sample(&text, "signpost_services_indexed"), Some(demo));
    assert_eq!(sample(&text, "signpost_index_lag_services"), Some(0.0));
    assert_eq!(sample(&text, "signpost_index_stale"), Some(0.0));
    assert_eq!(
        sample(&text, "signpost_last_import_success{source=\"cli\"}"),
        Some(1.0)
    );
    assert_eq!(
        sample(&text, "signpost_last_import_services{source=\"cli\"}"),
        Some(demo)
    );
    assert!(
        sample(
            &text,
            "signpost_last_import_timestamp_seconds{source=\"cli\"}"
        )
        .unwrap()
            > 1.7e9
    );

    let secret_query = "Zebedee%20Quillfeather%20housing%20near%20WS2%209AD";
    assert_eq!(
        get(port, &format!("/api/v1/search?q={secret_query}")).status,
        200
    );
    let first: serde_json::Value = serde_json::from_str(
        std::fs::read_to_string(demo_services())
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    let service = first["id"].as_str().unwrap();
    assert_eq!(
        get(port, &format!("/api/v1/services/{service}?x=Quillfeather")).status,
        200
    );
    assert_eq!(
        get_page(port, &format!("/search?q={secret_query}"), None).status,
        200
    );
    assert_eq!(
        get_page(port, &format!("/services/{service}"), None).status,
        200
    );
    let key = create_key(&db, "editor", "Metrics importer");
    let refused = send_json(
        port,
        "POST",
        "/api/v1/services/import",
        Some(&key),
        &json!([{ "id": "x", "name": "Invalid", "service_at_locations": [{ "id": "s", "location": {
            "id": "l", "location_type": "physical", "latitude": 500.0, "longitude": -1.0 } }] }]),
    );
    assert_eq!(refused.status, 400, "{}", refused.text());

    let text = get(port, "/metrics").text();
    for route in [
        "/api/v1/search",
        "/api/v1/services/{id}",
        "/search",
        "/services/{id}",
    ] {
        let count = format!(
            "signpost_http_request_duration_seconds_count{{method=\"GET\",route=\"{route}\"}}"
        );
        assert!(
            sample(&text, &count).is_some_and(|n| n >= 1.0),
            "no latency for {route}: {text}"
        );
    }
    for leaked in ["Quillfeather", "Zebedee", "WS2", service, "q="] {
        assert!(!text.contains(leaked), "{leaked:?} reached a metrics label");
    }
    assert_eq!(
        sample(&text, "signpost_last_import_success{source=\"api\"}"),
        Some(0.0)
    );
    assert_eq!(
        sample(&text, "signpost_last_import_services{source=\"api\"}"),
        Some(0.0)
    );
    server.stop();

    let rejected = dir.path().join("bad.ndjson");
    std::fs::write(&rejected, "{\"id\":\"no-name\"}\n").unwrap();
    assert!(
        !run(&["import", "--db", path_str(&db), path_str(&rejected)])
            .status
            .success()
    );
    let server = Server::start(&db, dir.path(), "info");
    let text = get(server.port, "/metrics").text();
    assert_eq!(
        sample(&text, "signpost_last_import_success{source=\"cli\"}"),
        Some(0.0),
        "{text}"
    );
}
