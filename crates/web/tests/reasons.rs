//! Why a result fits, in the page's language: a results page's reasons and a shortlist's "why
//! this fits" are Welsh on Welsh pages and Urdu on Urdu ones, and stay English by default.

use std::sync::Arc;

use axum::Router;
use axum::http::StatusCode;
use signpost_app::Directory;
use signpost_domain::reason::Reason;
use signpost_i18n::{Lang, reason_text, text};

mod support;
use support::{Page, get_page};

const QUERY: &str = "Bengali-speaking mentoring within 3 miles of WS1 1AA";

async fn site() -> (Router, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let directory = Arc::new(Directory::open(dir.path(), None).await.expect("directory"));
    (signpost_web::routes(directory), dir)
}

fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

async fn search(router: &Router, ui: &str) -> Page {
    let page = get_page(router, &format!("/search?q={}{ui}", encode(QUERY)), "").await;
    assert_eq!(page.status, StatusCode::OK);
    page
}

fn speaks_bengali(lang: Lang) -> String {
    reason_text(
        lang,
        &Reason::Speaks {
            language: "ben".into(),
        },
    )
}

/// The reasons listed under the results (`<ul class="why">`), in page order.
fn reasons_on(page: &Page) -> Vec<String> {
    page.body
        .split(r#"<ul class="why">"#)
        .skip(1)
        .filter_map(|list| list.split("</ul>").next())
        .flat_map(|list| list.split("<li>").skip(1))
        .filter_map(|item| item.split("</li>").next())
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn a_welsh_results_page_gives_welsh_reasons() {
    let (router, _dir) = site().await;
    let welsh = search(&router, "&ui=cy").await;
    let reasons = reasons_on(&welsh);
    assert!(!reasons.is_empty(), "reasons are listed");
    assert!(
        reasons.contains(&"yn siarad Bengaleg".to_owned()),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.ends_with(" milltir o ardal WS1 1AA")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .all(|r| !r.starts_with("speaks ") && !r.contains(" miles from ")),
        "no English reason on a Welsh page: {reasons:?}"
    );
}

#[tokio::test]
async fn an_english_results_page_keeps_its_english_reasons() {
    let (router, _dir) = site().await;
    let reasons = reasons_on(&search(&router, "").await);
    assert!(reasons.contains(&speaks_bengali(Lang::En)), "{reasons:?}");
    assert!(
        reasons.iter().any(|r| r.ends_with(" miles from WS1 1AA")),
        "{reasons:?}"
    );
}

#[tokio::test]
async fn a_shortlist_from_a_search_says_why_each_service_fits_in_urdu() {
    let (router, _dir) = site().await;
    let results = search(&router, "").await;
    assert!(
        results
            .body
            .contains(r#"<input type="hidden" name="q" value=""#),
        "the shortlist form carries the search"
    );
    let id = support::attribute_after(&results.body, r#"name="ids" value=""#);
    let uri = format!("/shortlist?ids={}&q={}&ui=ur", encode(&id), encode(QUERY));
    let list = get_page(&router, &uri, "").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains(r#"dir="rtl""#));
    assert!(
        list.body.contains(&text(Lang::Ur, "hit-why-this-fits")),
        "the heading is Urdu"
    );
    let reasons = reasons_on(&list);
    assert!(reasons.contains(&speaks_bengali(Lang::Ur)), "{reasons:?}");
    assert!(
        reasons.iter().any(|r| r.starts_with("WS1 1AA سے ")),
        "{reasons:?}"
    );
    assert!(
        !list.body.contains(&speaks_bengali(Lang::En)),
        "no English reason"
    );
}

#[tokio::test]
async fn a_shortlist_without_a_search_lists_no_reasons() {
    let (router, _dir) = site().await;
    let results = search(&router, "").await;
    let id = support::attribute_after(&results.body, r#"name="ids" value=""#);
    let list = get_page(&router, &format!("/shortlist?ids={}", encode(&id)), "").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(reasons_on(&list).is_empty());
    assert!(!list.body.contains(&text(Lang::En, "hit-why-this-fits")));
}
