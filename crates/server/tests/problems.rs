//! Whole problem+json bodies of failing requests, snapshot-tested through the router, and the
//! documentation page each problem's `type` refers to.

mod common;

use common::{TestApp, get, json_call, with_body};
use serde_json::{Value, json};
use signpost_app::Code;
use signpost_server::Limits;

/// The problem body of a reply, after checking it is one and its `type` is the code's page.
fn body_of(reply: &common::Reply) -> Value {
    assert_eq!(
        reply.content_type, "application/problem+json",
        "{}",
        reply.text
    );
    let body = reply.json();
    let code = body["code"].as_str().expect("a code");
    assert_eq!(body["type"], json!(format!("/errors/{code}")));
    body
}

#[tokio::test]
async fn problem_bodies_of_failing_requests() {
    let test = TestApp::new().await;
    let router = test.router();
    let bad_radius = get(&router, "/api/v1/search?near=WS1%201AA&radius=-1km").await;
    insta::assert_json_snapshot!("invalid_radius", body_of(&bad_radius));
    let unknown_language = get(&router, "/api/v1/search?lang=beng").await;
    insta::assert_json_snapshot!("unknown_language", body_of(&unknown_language));
    let not_found = get(&router, "/api/v1/services/no-such-service").await;
    insta::assert_json_snapshot!("not_found", body_of(&not_found));
    let unauthorized = json_call(&router, "POST", "/api/v1/services", None, &json!({})).await;
    insta::assert_json_snapshot!("unauthorized", body_of(&unauthorized));
    let invalid_body = with_body(
        &router,
        "POST",
        "/api/v1/services",
        Some(&test.editor_key),
        "application/json",
        "{\"id\": ".to_owned(),
    )
    .await;
    insta::assert_json_snapshot!("invalid_body", body_of(&invalid_body));
    let small = test.router_with(Limits {
        rate_per_minute: 0,
        max_import_bytes: 64,
        ..Limits::default()
    });
    let too_large = with_body(
        &small,
        "POST",
        "/api/v1/services/import",
        Some(&test.editor_key),
        "application/json",
        json!([{"id": "x".repeat(200)}]).to_string(),
    )
    .await;
    insta::assert_json_snapshot!("payload_too_large", body_of(&too_large));
}

#[tokio::test]
async fn every_code_has_a_page_and_the_index_links_them_all() {
    let test = TestApp::new().await;
    let router = test.router();
    let index = get(&router, "/errors").await;
    assert_eq!(index.status.as_u16(), 200);
    assert!(
        index.content_type.starts_with("text/html"),
        "{}",
        index.content_type
    );
    for code in Code::ALL {
        let href = format!("/errors/{}", code.as_str());
        assert!(index.text.contains(&format!("href=\"{href}\"")), "{href}");
        let page = get(&router, &href).await;
        assert_eq!(page.status.as_u16(), 200, "{href}");
        assert!(page.content_type.starts_with("text/html"));
        assert!(page.text.contains(code.title()), "{href}");
    }
}

#[tokio::test]
async fn an_unknown_code_is_a_not_found_problem() {
    let test = TestApp::new().await;
    let reply = get(&test.router(), "/errors/no_such_code").await;
    let body = reply.problem(404, "not_found");
    assert!(
        body["detail"]
            .as_str()
            .is_some_and(|d| d.contains("no_such_code"))
    );
}

#[tokio::test]
async fn a_problems_type_leads_to_its_page() {
    let test = TestApp::new().await;
    let router = test.router();
    let problem = get(&router, "/api/v1/search?faith=jedi")
        .await
        .problem(400, "unknown_faith");
    let page = get(&router, problem["type"].as_str().expect("type")).await;
    assert_eq!(page.status.as_u16(), 200);
    assert!(page.text.contains(Code::UnknownFaith.description()));
}

#[tokio::test]
async fn a_code_s_page_is_in_the_asked_language() {
    let test = TestApp::new().await;
    let router = test.router();
    let page = get(&router, "/errors/invalid_radius?ui=cy").await;
    assert_eq!(page.status.as_u16(), 200);
    assert!(page.text.contains(r#"<html lang="cy""#), "{}", page.text);
    assert!(
        page.text.contains("Nid yw&#39;r radiws yn ddilys")
            || page.text.contains("Nid yw'r radiws yn ddilys"),
        "{}",
        page.text
    );
    assert!(page.text.contains("<code>invalid_radius</code>"));
    assert!(
        page.text.contains("Rhif positif yw radiws"),
        "{}",
        page.text
    );
    assert!(!page.text.contains(Code::InvalidRadius.description()));
    let index = get(&router, "/errors?ui=cy").await;
    assert!(index.text.contains("Heb ei ganfod"), "{}", index.text);
}

#[tokio::test]
async fn an_unknown_code_s_problem_is_welsh_when_asked_and_keeps_its_code() {
    let test = TestApp::new().await;
    let reply = get(&test.router(), "/errors/no_such_code?ui=cy").await;
    let body = reply.problem(404, "not_found");
    assert_eq!(body["title"], "Heb ei ganfod");
    assert_eq!(
        body["detail"],
        "nid oes cod gwall \"no_such_code\"; mae /errors yn eu rhestru i gyd"
    );
    let english = get(&test.router(), "/errors/no_such_code").await;
    assert_eq!(
        english.problem(404, "not_found")["detail"],
        "there is no error code \"no_such_code\"; /errors lists them all"
    );
}

#[tokio::test]
async fn the_search_api_s_problems_read_in_urdu_and_arabic() {
    let test = TestApp::new().await;
    let router = test.router();
    let urdu = get(&router, "/api/v1/search?lang=beng&ui=ur")
        .await
        .problem(400, "unknown_language");
    assert_eq!(urdu["title"], "زبان کا کوڈ معلوم نہیں ہے");
    let arabic = get(&router, "/api/v1/nowhere?ui=ar")
        .await
        .problem(404, "not_found");
    assert_eq!(arabic["title"], "غير موجود");
    assert_eq!(
        arabic["detail"],
        "لا يوجد شيء في هذا العنوان؛ راجع /api/openapi.json"
    );
}
