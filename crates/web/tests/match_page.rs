//! Handler tests for "Match a person": the page in-process (`oneshot`) over a SQLite directory
//! holding the demonstration data; the person's details must come back only in the page itself.

use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use signpost_app::Directory;

mod support;
use support::{Page, send};

async fn site() -> (Router, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let directory = Arc::new(Directory::open(dir.path(), None).await.expect("directory"));
    (signpost_web::routes(directory), dir)
}

async fn post_match(router: &Router, fields: &[(&str, &str)]) -> Page {
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    let request = Request::post("/match")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .expect("request");
    send(router, request).await
}

fn person(postcode: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("need", "mentoring"),
        ("essential-mentoring", "on"),
        ("speaks", "syl, ben"),
        ("preferred", "syl"),
        ("interpreter_ok", "on"),
        ("age", "34"),
        ("postcode", postcode),
        ("miles", "5"),
    ]
}

fn assert_private(page: &Page) {
    assert_eq!(
        page.headers
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    assert!(page.headers.get(header::SET_COOKIE).is_none());
    assert!(page.headers.get(header::LOCATION).is_none());
}

#[tokio::test]
async fn the_form_lists_needs_languages_faith_and_access_with_labels() {
    let (router, _dir) = site().await;
    let request = Request::get("/match")
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())
        .expect("request");
    let page = send(&router, request).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_private(&page);
    let body = &page.body;
    assert!(
        body.contains(r#"<form method="post" action="/match""#),
        "{body}"
    );
    for expected in [
        r#"name="need" value="mentoring""#,
        r#"name="essential-mentoring""#,
        r#"<label for="speaks">"#,
        r#"<label for="preferred">"#,
        r#"name="interpreter_ok" checked"#,
        r#"value="friday_prayers""#,
        r#"<label for="gender_preference">"#,
        r#"<label for="age">"#,
        r#"<label for="postcode">"#,
        r#"<label for="miles">"#,
        r#"value="wheelchair""#,
        r#"name="nrpf""#,
        "<legend>What help does the person need?</legend>",
        r#"<a href="/match">Match a person</a>"#,
    ] {
        assert!(body.contains(expected), "missing {expected}");
    }
    assert!(!body.contains("There is a problem"));
}

#[tokio::test]
async fn a_person_near_ws1_gets_explained_results_and_the_form_back() {
    let (router, _dir) = site().await;
    let page = post_match(&router, &person("WS1 1AA")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_private(&page);
    let body = &page.body;
    assert!(body.contains("Services that fit"), "{body}");
    assert!(
        body.contains("Bengali and Sylheti Peer Mentoring"),
        "a known demo service"
    );
    assert!(body.contains("speaks Sylheti (preferred)"), "{body}");
    assert!(body.contains(r#"<a href="/services/"#), "a linked service");
    assert!(body.contains("need: met"), "{body}");
    assert!(body.contains("criterion--met"));
    assert!(body.contains("language: met"), "{body}");
    assert!(body.contains("Sylheti"), "{body}");
    assert!(
        body.contains(r#"name="postcode" value="WS1 1AA""#),
        "form re-filled"
    );
    assert!(body.contains(r#"name="need" value="mentoring" checked"#));
    assert!(body.contains(r#"name="essential-mentoring" checked"#));
    assert!(body.contains(r#"value="syl, ben""#));
}

#[tokio::test]
async fn an_unknown_postcode_is_shown_as_a_problem_with_the_form_kept() {
    let (router, _dir) = site().await;
    let page = post_match(&router, &person("ZZ99 9ZZ")).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert_private(&page);
    assert!(page.body.contains("There is a problem"), "{}", page.body);
    assert!(
        page.body
            .contains(r##"<a href="#postcode">The home postcode was not found"##)
    );
    assert!(
        page.body
            .contains(r#"name="need" value="mentoring" checked"#)
    );
    assert!(!page.body.contains("Services that fit"));
}

#[tokio::test]
async fn nothing_ticked_and_bad_numbers_are_problems_not_failures() {
    let (router, _dir) = site().await;
    let page = post_match(&router, &[("postcode", "WS1 1AA")]).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("Tick at least one kind of help"));
    let mut fields = person("WS1 1AA");
    fields.push(("age", "forty"));
    fields.retain(|(k, v)| *k != "age" || *v == "forty");
    let page = post_match(&router, &fields).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("whole number of years"));
    let mut fields = person("WS1 1AA");
    fields.push(("speaks", "notalanguage"));
    fields.retain(|(k, v)| *k != "speaks" || *v == "notalanguage");
    let page = post_match(&router, &fields).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", page.body);
    assert!(page.body.contains("There is a problem"));
    assert!(!page.body.contains("Services that fit"));
}

/// A writer the test's log subscriber appends to.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log buffer").extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_persons_details_never_reach_the_logs() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let (router, _dir) = site().await;
    tracing::info!("capture check");
    let distinctive_language = "Qzxwvutsr";
    let mut fields = person("WS1 1AA");
    fields.push(("preferred", distinctive_language));
    fields.retain(|(k, v)| *k != "preferred" || *v == distinctive_language);
    let rejected = post_match(&router, &fields).await;
    assert_eq!(rejected.status, StatusCode::BAD_REQUEST);
    let found = post_match(&router, &person("WS1 1AA")).await;
    assert_eq!(found.status, StatusCode::OK);
    let unknown = post_match(&router, &person("ZZ99 9ZZ")).await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    let logs = String::from_utf8_lossy(&captured.0.lock().expect("log buffer")).into_owned();
    assert!(logs.contains("capture check"), "the capture works: {logs}");
    for value in [
        distinctive_language,
        "WS1 1AA",
        "ZZ99 9ZZ",
        "ZZ99",
        "syl, ben",
    ] {
        assert!(!logs.contains(value), "{value} logged: {logs}");
    }
}
