//! Reasons in the interface language: a search's `why` and a match's criteria and unmet needs are
//! English by default (as the API has always answered) and Welsh with `?ui=cy` or
//! `Accept-Language: cy`; codes and field names stay the same.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use serde_json::{Value, json};

const SEARCH: &str =
    "/api/v1/search?q=Bengali-speaking%20mentoring%20within%203%20miles%20of%20WS1%201AA";

fn why(body: &Value) -> Vec<String> {
    body["results"][0]["why"]
        .as_array()
        .expect("why")
        .iter()
        .map(|w| w.as_str().expect("text").to_owned())
        .collect()
}

fn profile() -> Value {
    json!({
        "needs": [{"category": "mentoring", "essential": true}, {"category": "employment"}],
        "languages": {"speaks": ["syl", "ben"], "preferred": "syl", "interpreter_ok": false},
        "home": {"postcode": "WS1 1AA"},
        "max_distance_m": 8046
    })
}

fn criterion<'a>(body: &'a Value, name: &str) -> &'a Value {
    body["results"][0]["criteria"]
        .as_array()
        .expect("criteria")
        .iter()
        .find(|c| c["criterion"] == name)
        .unwrap_or_else(|| panic!("no {name} criterion in {body}"))
}

#[tokio::test]
async fn search_reasons_are_english_by_default_and_welsh_when_asked() {
    let test = TestApp::new().await;
    let router = test.router();
    let english = get(&router, SEARCH).await;
    assert_eq!(english.status, StatusCode::OK, "{}", english.text);
    let reasons = why(&english.json());
    assert_eq!(reasons[0], "speaks Bengali");
    assert!(reasons[2].ends_with(" miles from WS1 1AA"), "{reasons:?}");

    let welsh = get(&router, &format!("{SEARCH}&ui=cy")).await.json();
    let welsh_reasons = why(&welsh);
    assert_eq!(welsh_reasons[0], "yn siarad Bengaleg");
    assert!(
        welsh_reasons[2].ends_with(" milltir o ardal WS1 1AA"),
        "{welsh_reasons:?}"
    );
    assert_eq!(
        reasons[2].split(' ').next(),
        welsh_reasons[2].split(' ').next(),
        "the same distance in miles"
    );
    assert_eq!(
        welsh["query"]["languages"],
        json!(["ben"]),
        "codes unchanged"
    );

    let by_header = send(
        &router,
        Request::get(SEARCH)
            .header(header::ACCEPT_LANGUAGE, "cy-GB, en;q=0.5")
            .body(Body::empty())
            .expect("request"),
    )
    .await
    .json();
    assert_eq!(why(&by_header), welsh_reasons);
}

#[tokio::test]
async fn match_reasons_are_english_by_default_and_welsh_when_asked() {
    let test = TestApp::new().await;
    let router = test.router();
    let english = json_call(&router, "POST", "/api/v1/match", None, &profile()).await;
    assert_eq!(english.status, StatusCode::OK, "{}", english.text);
    let english = english.json();
    assert_eq!(
        criterion(&english, "language")["reason"],
        json!("speaks Sylheti (preferred)")
    );
    let gap = english["unmet_needs"][0]["reason"]
        .as_str()
        .expect("reason");
    assert!(gap.starts_with("no employment"), "{gap}");

    let welsh = json_call(&router, "POST", "/api/v1/match?ui=cy", None, &profile()).await;
    assert_eq!(welsh.status, StatusCode::OK, "{}", welsh.text);
    let welsh = welsh.json();
    let language = criterion(&welsh, "language");
    assert_eq!(language["status"], json!("met"), "codes unchanged");
    let reason = language["reason"].as_str().expect("reason");
    assert!(
        reason.starts_with("yn siarad ") && reason.ends_with(" (yr iaith a ffefrir)"),
        "{reason}"
    );
    let distance = criterion(&welsh, "distance")["reason"]
        .as_str()
        .expect("reason");
    assert!(distance.contains(" milltir, terfyn 5"), "{distance}");
    assert_eq!(welsh["unmet_needs"][0]["category"], json!("employment"));
    let gap = welsh["unmet_needs"][0]["reason"].as_str().expect("reason");
    assert!(
        gap.starts_with("dim gwasanaeth ") && gap.contains(" o fewn 5 milltir"),
        "{gap}"
    );
}
