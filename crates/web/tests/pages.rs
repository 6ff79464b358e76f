//! Handler tests: the pages in-process (`oneshot`, no socket) over a SQLite directory holding the
//! demonstration data, asserting the HTML that matters.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::routing::get;
use signpost_app::Directory;
use signpost_app::keys::Role;

mod support;
use support::{Page, send};

const QUERY: &str = "Bengali-speaking mentoring within 3 miles of WS1 1AA";

struct Site {
    router: Router,
    directory: Arc<Directory>,
    key: String,
    _dir: tempfile::TempDir,
}

async fn site() -> Site {
    let dir = tempfile::tempdir().expect("temp dir");
    let directory = Arc::new(Directory::open(dir.path(), None).await.expect("directory"));
    let key = directory
        .create_key(Role::Editor, "tests")
        .await
        .expect("key")
        .key;
    Site {
        router: signpost_web::routes(directory.clone()),
        directory,
        key,
        _dir: dir,
    }
}

fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

async fn get_page(router: &Router, uri: &str, cookie: Option<&str>) -> Page {
    let mut request = Request::get(uri).header(header::ACCEPT, "text/html");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    send(router, request.body(Body::empty()).expect("request")).await
}

async fn post_form(
    router: &Router,
    uri: &str,
    cookie: Option<&str>,
    fields: &[(&str, &str)],
) -> Page {
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    let mut request =
        Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    send(router, request.body(Body::from(body)).expect("request")).await
}

/// Signs in; returns the cookie and the session's CSRF token.
async fn sign_in(site: &Site) -> (String, String) {
    let page = post_form(
        &site.router,
        "/navigator/sign-in",
        None,
        &[("key", &site.key)],
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let set_cookie = page
        .headers
        .get(header::SET_COOKIE)
        .expect("cookie")
        .to_str()
        .expect("text");
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Strict"),
        "{set_cookie}"
    );
    let cookie = set_cookie.split(';').next().expect("pair").to_owned();
    let dashboard = get_page(&site.router, "/navigator", Some(&cookie)).await;
    let csrf = attribute_after(&dashboard.body, r#"name="csrf" value=""#);
    (cookie, csrf)
}

fn attribute_after(body: &str, prefix: &str) -> String {
    let start = body
        .find(prefix)
        .unwrap_or_else(|| panic!("{prefix} in {body}"))
        + prefix.len();
    body[start..].split('"').next().expect("value").to_owned()
}

async fn first_result_id(site: &Site) -> String {
    let page = get_page(&site.router, &format!("/search?q={}", encode(QUERY)), None).await;
    attribute_after(&page.body, r#"name="ids" value=""#)
}

#[tokio::test]
async fn home_has_one_labelled_search_box_and_examples() {
    let site = site().await;
    let page = get_page(&site.router, "/", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(r#"<label for="q">"#));
    assert_eq!(page.body.matches(r#"name="q""#).count(), 1);
    assert!(page.body.contains(QUERY));
    assert!(page.body.contains(r##"href="#main""##), "skip link");
    assert!(
        page.body.contains("Contains OS data"),
        "attribution in the footer"
    );
}

#[tokio::test]
async fn results_show_chips_reasons_languages_map_and_filters() {
    let site = site().await;
    let page = get_page(&site.router, &format!("/search?q={}", encode(QUERY)), None).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(
        body.contains("services found") || body.contains("1 service found"),
        "{body}"
    );
    assert!(
        body.contains(r#"class="chip""#) && body.contains("Remove: "),
        "chips"
    );
    assert!(
        body.contains(r#"<span lang="bn">বাংলা</span>"#),
        "Bengali in its own script"
    );
    assert!(body.contains("Demonstration data"));
    assert!(
        body.contains("<svg") && body.contains(r#"class="pin""#),
        "map with pins"
    );
    assert!(
        body.contains(r#"class="boundary""#),
        "local authority outline"
    );
    assert!(
        body.contains("Filter results") && body.contains("Within 1 mile"),
        "filters"
    );
    assert!(body.contains("Last verified") && body.contains("Source: Signpost demonstration data"));
    assert!(body.contains(r#"class="why""#), "why it matched");
}

#[tokio::test]
async fn a_chip_links_to_the_search_without_it() {
    let site = site().await;
    let page = get_page(&site.router, &format!("/search?q={}", encode(QUERY)), None).await;
    let marker = r#"aria-label="Remove: "#;
    let at = page.body.find(marker).expect("a chip");
    let chip_start = page.body[..at].rfind("<a").expect("chip link");
    let href = attribute_after(&page.body[chip_start..], r#"href=""#).replace("&amp;", "&");
    let next = get_page(&site.router, &href, None).await;
    assert_eq!(next.status, StatusCode::OK);
    let chips_before = page.body.matches(marker).count();
    assert_eq!(
        next.body.matches(marker).count(),
        chips_before - 1,
        "{href}"
    );
}

#[tokio::test]
async fn words_used_only_for_ranking_have_a_chip_that_removes_them() {
    let site = site().await;
    let query = "Muslim mentoring for young men in Tower Hamlets";
    let page = get_page(&site.router, &format!("/search?q={}", encode(query)), None).await;
    let marker = r#"aria-label="Remove: ranked by: young""#;
    let at = page
        .body
        .find(marker)
        .expect("a chip for the ranking words");
    assert!(page.body.contains("also ranked by: young"), "explanation");
    let chip_start = page.body[..at].rfind("<a").expect("chip link");
    let href = attribute_after(&page.body[chip_start..], r#"href=""#).replace("&amp;", "&");
    let next = get_page(&site.router, &href, None).await;
    assert_eq!(next.status, StatusCode::OK);
    assert!(!next.body.contains("ranked by: young"), "{href}");
    assert!(
        next.body.contains("Remove: men") || next.body.contains("Remove: for men"),
        "the understood parts stay: {href}"
    );
}

#[tokio::test]
async fn typed_markup_is_escaped() {
    let site = site().await;
    let page = get_page(
        &site.router,
        &format!(
            "/search?q={}",
            encode("<script>alert(1)</script> mentoring")
        ),
        None,
    )
    .await;
    assert!(!page.body.contains("<script>alert(1)"));
    assert!(page.body.contains("&lt;script&gt;"));
}

#[tokio::test]
async fn no_results_suggests_a_wider_area_and_fewer_filters() {
    let site = site().await;
    let q = "Yiddish-speaking mentoring within 1 mile of WS1 1AA";
    let page = get_page(&site.router, &format!("/search?q={}", encode(q)), None).await;
    assert!(page.body.contains("No services found"));
    assert!(page.body.contains("Search a wider area"));
    assert!(page.body.contains("Search without"));
    let try_list = &page.body[page.body.find("<h2>Try</h2>").expect("a Try list")..];
    let offered: Vec<(String, usize)> = try_list
        .split("<a href=\"")
        .skip(1)
        .filter_map(|link| {
            let (href, rest) = link.split_once('"')?;
            let after = &rest[rest.find("</a>")? + 5..];
            let count = after.strip_prefix('(')?.split(' ').next()?;
            let count = if count == "No" {
                0
            } else {
                count.parse().ok()?
            };
            Some((href.replace("&amp;", "&"), count))
        })
        .collect();
    assert!(offered.len() >= 3, "{offered:?}");
    for (href, count) in offered {
        let next = get_page(&site.router, &href, None).await;
        assert_eq!(found_on(&next.body), count, "{href}");
    }
}

#[tokio::test]
async fn a_search_that_is_not_utf8_is_refused_with_the_error_page() {
    let site = site().await;
    let page = get_page(&site.router, "/search?q=%FF%FE", None).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("invalid_parameter"), "{}", page.body);
    assert!(!page.body.contains("services found"));
}

/// The services a results page says it found (its heading).
fn found_on(body: &str) -> usize {
    let heading = attribute_after(body, "<h1>");
    let heading = heading.split('<').next().unwrap_or_default();
    heading
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// The links of the filters panel with the count each shows: (href, label, count).
fn counted_links(body: &str) -> Vec<(String, String, usize)> {
    let panel = &body[body.find("Filter results").expect("filters panel")..];
    panel
        .split("<a href=\"")
        .skip(1)
        .filter_map(|link| {
            let (href, rest) = link.split_once('"')?;
            let text = &rest[1..rest.find("</a>")?];
            let (label, count) = text.rsplit_once(" (")?;
            let count = count.strip_suffix(')')?.parse().ok()?;
            Some((href.replace("&amp;", "&"), label.to_owned(), count))
        })
        .collect()
}

#[tokio::test]
async fn every_filter_count_is_what_its_link_finds() {
    let site = site().await;
    for q in [
        QUERY,
        "mentoring near WS1 1AA",
        "advice in Walsall",
        "food within 2 miles of Birmingham",
        "Punjabi Leicester",
    ] {
        let page = get_page(&site.router, &format!("/search?q={}", encode(q)), None).await;
        assert!(found_on(&page.body) > 0, "{q}");
        let links = counted_links(&page.body);
        assert!(
            links.iter().any(|(_, label, _)| label == "Within 10 miles"),
            "{q}: {links:?}"
        );
        assert!(
            links.iter().any(|(_, label, _)| label == "Free of charge"),
            "{q}: {links:?}"
        );
        // "Open now" may change between two requests at a minute's turn; the engine's own
        // tests check it with a fixed moment.
        for (href, label, count) in links.iter().filter(|(_, label, _)| label != "Open now") {
            let next = get_page(&site.router, href, None).await;
            assert_eq!(found_on(&next.body), *count, "{q}: {label} ({href})");
        }
    }
}

#[tokio::test]
async fn an_empty_search_goes_home() {
    let site = site().await;
    let page = get_page(&site.router, "/search?q=+", None).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn detail_pages_and_missing_services() {
    let site = site().await;
    let id = first_result_id(&site).await;
    let page = get_page(&site.router, &format!("/services/{id}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Report a problem"));
    assert!(
        !page.body.contains("Edit this service"),
        "editing needs a navigator"
    );
    let missing = get_page(&site.router, "/services/nope", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn shortlists_print_share_and_download() {
    let site = site().await;
    let page = get_page(&site.router, &format!("/search?q={}", encode(QUERY)), None).await;
    let ids: Vec<String> = page
        .body
        .match_indices(r#"name="ids" value=""#)
        .take(2)
        .map(|(at, _)| attribute_after(&page.body[at..], r#"value=""#))
        .collect();
    assert_eq!(ids.len(), 2);
    let query = format!("ids={}&ids={}&ids=unknown", ids[0], ids[1]);
    let list = get_page(&site.router, &format!("/shortlist?{query}"), None).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.body.matches(r#"<li class="result">"#).count(), 2);
    assert!(
        list.body
            .contains("1 of the services in this link are no longer listed")
    );
    assert!(
        list.body
            .contains(&format!("/shortlist?ids={},{}", ids[0], ids[1])),
        "share link"
    );
    assert!(list.body.contains("data-print"));
    let csv = get_page(&site.router, &format!("/shortlist.csv?{query}"), None).await;
    assert_eq!(
        csv.headers.get(header::CONTENT_TYPE).expect("type"),
        "text/csv; charset=utf-8"
    );
    assert_eq!(csv.body.lines().count(), 3);
    let empty = get_page(&site.router, "/shortlist", None).await;
    assert!(empty.body.contains("Your shortlist is empty"));
}

#[tokio::test]
async fn a_wrong_key_does_not_sign_in() {
    let site = site().await;
    let page = post_form(
        &site.router,
        "/navigator/sign-in",
        None,
        &[("key", "sp_000000000000_00")],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(page.body.contains("not recognised"));
    assert!(page.headers.get(header::SET_COOKIE).is_none());
    let dashboard = get_page(&site.router, "/navigator", None).await;
    assert_eq!(dashboard.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_revoked_key_ends_its_session_at_the_next_request() {
    let site = site().await;
    let (cookie, _) = sign_in(&site).await;
    site.directory.revoke_key("tests").await.expect("revoked");
    let page = get_page(&site.router, "/navigator", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        page.headers.get(header::LOCATION).expect("location"),
        "/navigator/sign-in"
    );
}

#[tokio::test]
async fn navigators_edit_and_verify_with_the_csrf_token_only() {
    let site = site().await;
    let id = first_result_id(&site).await;
    let (cookie, csrf) = sign_in(&site).await;
    let detail = get_page(&site.router, &format!("/services/{id}"), Some(&cookie)).await;
    assert!(
        detail.body.contains("Edit this service") && detail.body.contains("Mark as verified today")
    );
    let edit_uri = format!("/navigator/services/{id}/edit");
    let form = get_page(&site.router, &edit_uri, Some(&cookie)).await;
    assert_eq!(form.status, StatusCode::OK);
    let fields = [
        ("name", "Renamed mentoring"),
        ("languages", "eng, ben"),
        ("category", "mentoring"),
        ("opening", "TU,TH 09:30-12:00"),
        ("verified", "on"),
    ];
    let forged = post_form(
        &site.router,
        &edit_uri,
        Some(&cookie),
        &[fields.as_slice(), &[("csrf", "forged")]].concat(),
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_ne!(
        site.directory.service(&id).await.expect("service").name,
        "Renamed mentoring"
    );
    let saved = post_form(
        &site.router,
        &edit_uri,
        Some(&cookie),
        &[fields.as_slice(), &[("csrf", csrf.as_str())]].concat(),
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let service = site.directory.service(&id).await.expect("service");
    assert_eq!(service.name, "Renamed mentoring");
    assert_eq!(service.language_codes(), ["eng", "ben"]);
    assert_eq!(service.schedules.len(), 1);
    assert_eq!(service.schedules[0].byday.as_deref(), Some("TU,TH"));
    assert_eq!(
        service.assured_date.as_deref(),
        Some(chrono_today().as_str())
    );
    let bad = post_form(
        &site.router,
        &edit_uri,
        Some(&cookie),
        &[
            ("csrf", csrf.as_str()),
            ("name", ""),
            ("languages", "klingonish"),
        ],
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("Enter the service") && bad.body.contains("klingonish"));
}

fn chrono_today() -> String {
    signpost_app::freshness::london_today()
        .format("%Y-%m-%d")
        .to_string()
}

#[tokio::test]
async fn navigators_add_services_that_are_searchable_at_once() {
    let site = site().await;
    let (cookie, csrf) = sign_in(&site).await;
    let page = post_form(
        &site.router,
        "/navigator/services/new",
        Some(&cookie),
        &[
            ("csrf", &csrf),
            ("name", "Zebrafish homework club"),
            ("languages", "ben"),
            ("category", "education"),
            ("postcode", "WS1 1AA"),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let found = get_page(
        &site.router,
        &format!("/search?q={}", encode("zebrafish near WS1 1AA")),
        None,
    )
    .await;
    assert!(
        found.body.contains("Zebrafish homework club"),
        "{}",
        found.body
    );
}

#[tokio::test]
async fn anyone_reports_a_problem_and_navigators_close_it() {
    let site = site().await;
    let id = first_result_id(&site).await;
    let empty = post_form(
        &site.router,
        &format!("/services/{id}/report"),
        None,
        &[("message", " ")],
    )
    .await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    let sent = post_form(
        &site.router,
        &format!("/services/{id}/report"),
        None,
        &[("message", "Moved to Tuesdays")],
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK);
    assert!(sent.body.contains("Thank you"));
    let before = site.directory.service(&id).await.expect("service");
    let (cookie, csrf) = sign_in(&site).await;
    let queue = get_page(&site.router, "/navigator/reports", Some(&cookie)).await;
    assert!(queue.body.contains("Moved to Tuesdays"));
    let report_id = attribute_after(&queue.body, r#"action="/navigator/reports/"#);
    let report_id = report_id.trim_end_matches("/close");
    let closed = post_form(
        &site.router,
        &format!("/navigator/reports/{report_id}/close"),
        Some(&cookie),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);
    let queue = get_page(&site.router, "/navigator/reports", Some(&cookie)).await;
    assert!(!queue.body.contains("Moved to Tuesdays"));
    assert_eq!(
        site.directory.service(&id).await.expect("service"),
        before,
        "reports change nothing"
    );
}

#[tokio::test]
async fn with_pages_sends_browsers_to_pages_and_everything_else_to_the_api() {
    let site = site().await;
    let api: Router = Router::new()
        .route("/", get(|| async { "api root" }))
        .route("/services/{id}", get(|| async { "api service" }));
    let app = signpost_web::with_pages(api, site.directory.clone());
    let json = send(
        &app,
        Request::get("/")
            .header(header::ACCEPT, "application/json")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(json.body, "api root");
    let html = get_page(&app, "/", None).await;
    assert!(html.body.contains("<!DOCTYPE html>"));
    let oruk = send(
        &app,
        Request::get("/services/x")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(oruk.body, "api service");
    let search = send(
        &app,
        Request::get(format!("/search?q={}", encode(QUERY)))
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert!(search.body.contains("services found"));
}

#[tokio::test]
async fn layers_around_with_pages_reach_pages_and_api_alike() {
    let site = site().await;
    let api: Router = Router::new().route("/healthz", get(|| async { "ok" }));
    let app =
        signpost_web::with_pages(api, site.directory.clone()).layer(axum::middleware::from_fn(
            |request: axum::extract::Request, next: axum::middleware::Next| async move {
                let mut response = next.run(request).await;
                response
                    .headers_mut()
                    .insert("x-layered", axum::http::HeaderValue::from_static("yes"));
                response
            },
        ));
    for uri in ["/healthz", "/about"] {
        let page = get_page(&app, uri, None).await;
        assert_eq!(
            page.headers.get("x-layered").map(|v| v.as_bytes()),
            Some(&b"yes"[..]),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn assets_are_served_from_the_binary() {
    let site = site().await;
    let css = get_page(&site.router, "/assets/site.css", None).await;
    assert_eq!(
        css.headers.get(header::CONTENT_TYPE).expect("type"),
        "text/css; charset=utf-8"
    );
    assert!(css.body.contains("@media print"));
    let js = get_page(&site.router, "/assets/site.js", None).await;
    assert!(js.body.contains("signpost-shortlist"));
}

#[tokio::test]
async fn long_result_lists_are_paged() {
    let site = site().await;
    let first = get_page(&site.router, "/search?q=Walsall", None).await;
    assert!(
        first.body.contains(r#"aria-current="page""#),
        "{}",
        first.body
    );
    assert!(first.body.contains(">Next page<"));
    assert_eq!(first.body.matches(r#"<li class="result">"#).count(), 10);
    let second = get_page(&site.router, "/search?q=Walsall&page=2", None).await;
    assert!(second.body.contains(">Previous page<"));
    assert!(second.body.contains(r#"<ol class="results" start="11""#));
    let nonsense = get_page(&site.router, "/search?q=Walsall&page=abc", None).await;
    assert_eq!(
        nonsense.status,
        StatusCode::OK,
        "a bad page number shows page 1"
    );
}
