//! Issue 25's limits and errors through the router: body limits per route, a body on every error
//! (HTML for a browser asking for a page), rate limits that spare health checks, and a key that
//! stops working as soon as it is revoked.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use serde_json::{Value, json};
use signpost_server::Limits;
use signpost_synth::{SynthConfig, services};

const TEN_MB: usize = 10 * 1024 * 1024;
const BROWSER: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

fn service_with_description(id: &str, description: String) -> Value {
    json!({"id": id, "name": "Oversized service", "status": "active", "description": description})
}

async fn browser_get(router: &axum::Router, uri: &str) -> Reply {
    send(
        router,
        Request::get(uri)
            .header(header::ACCEPT, BROWSER)
            .body(Body::empty())
            .expect("request"),
    )
    .await
}

#[tokio::test]
async fn ten_megabyte_bodies_are_refused_on_every_write_and_match_and_nothing_is_stored() {
    let test = TestApp::new().await;
    let router = test.router();
    let before = get(&router, &format!("/api/v1/services/{MENTORING_ID}"))
        .await
        .json();
    let big = service_with_description(MENTORING_ID, "x".repeat(TEN_MB));
    let fresh =
        service_with_description("d0000000-0000-4000-8000-000000000001", "x".repeat(TEN_MB));
    let calls = [
        ("POST", "/api/v1/services".to_owned(), fresh.to_string()),
        (
            "PUT",
            format!("/api/v1/services/{MENTORING_ID}"),
            big.to_string(),
        ),
        (
            "POST",
            "/api/v1/services/import".to_owned(),
            json!([fresh]).to_string(),
        ),
        (
            "POST",
            "/api/v1/match".to_owned(),
            json!({"needs": [{"category": "mentoring"}], "notes": "x".repeat(TEN_MB)}).to_string(),
        ),
    ];
    for (method, uri, body) in calls {
        let reply = with_body(
            &router,
            method,
            &uri,
            Some(&test.editor_key),
            "application/json",
            body,
        )
        .await;
        reply.problem(413, "payload_too_large");
    }
    assert_eq!(test.count().await, 3);
    assert_eq!(
        get(&router, &format!("/api/v1/services/{MENTORING_ID}"))
            .await
            .json(),
        before
    );
}

#[tokio::test]
async fn a_thousand_service_import_fits_its_limit_and_one_service_fits_its_own() {
    let test = TestApp::new().await;
    let router = test.router();
    let all: Vec<_> = services(SynthConfig {
        count: 1_000,
        seed: 25,
    })
    .collect();
    let body = serde_json::to_string_pretty(&all).expect("json");
    assert!(
        body.len() < Limits::default().max_import_bytes / 2,
        "{}",
        body.len()
    );
    let imported = with_body(
        &router,
        "POST",
        "/api/v1/services/import",
        Some(&test.editor_key),
        "application/json",
        body,
    )
    .await;
    assert_eq!(imported.status, StatusCode::OK, "{}", imported.text);
    assert_eq!(imported.json()["imported"], 1_000);

    let long = service_with_description(
        "d0000000-0000-4000-8000-000000000002",
        "Long description. ".repeat(5_000),
    );
    let created = json_call(
        &router,
        "POST",
        "/api/v1/services",
        Some(&test.editor_key),
        &long,
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
}

#[tokio::test]
async fn every_error_has_a_problem_body_or_for_a_browser_a_page() {
    let test = TestApp::new().await;
    let router = test.router();
    for uri in [
        "/assets/nope.css",
        "/assets/../../etc/passwd",
        "/assets/%2e%2e/%2e%2e/etc/passwd",
        "/no/such/address",
        "/api/v1/nothing",
        "/services/x/y/z",
    ] {
        get(&router, uri).await.problem(404, "not_found");
    }
    for (method, uri) in [
        ("DELETE", "/api/v1/search"),
        ("GET", "/api/v1/services/import"),
        ("PATCH", "/api/v1/services/x"),
        ("PUT", "/healthz"),
    ] {
        let reply = send(
            &router,
            Request::builder()
                .method(method)
                .uri(uri)
                .body(Body::empty())
                .expect("request"),
        )
        .await;
        let body = reply.problem(405, "method_not_allowed");
        assert!(body["detail"].as_str().is_some_and(|d| d.contains(method)));
        assert!(reply.headers.contains_key(header::ALLOW), "{method} {uri}");
    }

    let page = browser_get(&router, "/assets/nope.css").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(
        page.content_type.starts_with("text/html"),
        "{}",
        page.content_type
    );
    assert!(page.text.contains("not_found") && page.text.contains("<h1>"));
    let wrong_method = send(
        &router,
        Request::delete("/search")
            .header(header::ACCEPT, BROWSER)
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(wrong_method.content_type.starts_with("text/html"));
    assert!(wrong_method.headers.contains_key(header::ALLOW));
    browser_get(&router, "/api/v1/nothing")
        .await
        .problem(404, "not_found");
    browser_get(&router, "/services/x/y/z")
        .await
        .problem(404, "not_found");
}

#[tokio::test]
async fn rate_limits_spare_health_checks_and_answer_a_browser_with_a_page() {
    let test = TestApp::new().await;
    let limited = test.router_with(Limits {
        rate_per_minute: 2,
        ..Limits::default()
    });
    for _ in 0..2 {
        assert_eq!(
            get(&limited, "/api/v1/parse?q=x").await.status,
            StatusCode::OK
        );
    }
    for _ in 0..10 {
        for uri in ["/healthz", "/readyz", "/metrics"] {
            assert_eq!(get(&limited, uri).await.status, StatusCode::OK, "{uri}");
        }
    }
    let api = get(&limited, "/api/v1/parse?q=x").await;
    api.problem(429, "rate_limited");
    assert!(api.headers.contains_key(header::RETRY_AFTER));
    let page = browser_get(&limited, "/search?q=mentoring").await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        page.content_type.starts_with("text/html"),
        "{}",
        page.content_type
    );
    assert!(page.headers.contains_key(header::RETRY_AFTER));
    assert!(
        page.text.contains("Too many requests; try again in"),
        "{}",
        page.text
    );
    browser_get(&limited, "/services")
        .await
        .problem(429, "rate_limited");
}

#[tokio::test]
async fn a_revoked_key_cannot_write_from_the_next_request_on() {
    let test = TestApp::new().await;
    let router = test.router();
    let renamed = |name: &str| {
        let mut service = seeded_mentoring();
        service["name"] = json!(name);
        service
    };
    let first = renamed("Written while the key is valid");
    let uri = format!("/api/v1/services/{MENTORING_ID}");
    let written = json_call(&router, "PUT", &uri, Some(&test.editor_key), &first).await;
    assert_eq!(written.status, StatusCode::OK, "{}", written.text);
    test.directory
        .revoke_key("Walsall navigator")
        .await
        .expect("revoked");
    let refused = json_call(
        &router,
        "PUT",
        &uri,
        Some(&test.editor_key),
        &renamed("Written after revocation"),
    )
    .await;
    refused.problem(401, "unauthorized");
    assert_eq!(
        get(&router, &uri).await.json()["name"],
        "Written while the key is valid"
    );
}

fn seeded_mentoring() -> Value {
    let service = seed_services()
        .into_iter()
        .find(|s| s.id == MENTORING_ID)
        .expect("seeded");
    serde_json::to_value(service).expect("json")
}
