//! The pages in the interface languages: chosen by `?ui=`, the `signpost_ui` cookie or
//! `Accept-Language`; `<html lang dir>` set; no English catalogue text left on a Welsh page;
//! right-to-left Urdu with English only where its catalogue has no message.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use signpost_app::Directory;
use signpost_app::keys::Role;
use signpost_i18n::{Lang, keys, text};

mod support;
use support::{Page, send};

const QUERY: &str = "Bengali-speaking mentoring within 3 miles of WS1 1AA";

struct Site {
    router: Router,
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
        router: signpost_web::routes(directory),
        key,
        _dir: dir,
    }
}

fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

async fn get_with(router: &Router, uri: &str, headers: &[(header::HeaderName, &str)]) -> Page {
    let mut request = Request::get(uri).header(header::ACCEPT, "text/html");
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    send(router, request.body(Body::empty()).expect("request")).await
}

async fn get(router: &Router, uri: &str) -> Page {
    get_with(router, uri, &[]).await
}

fn value_after(body: &str, prefix: &str) -> String {
    let start = body
        .find(prefix)
        .unwrap_or_else(|| panic!("{prefix} in {body}"))
        + prefix.len();
    body[start..].split('"').next().expect("value").to_owned()
}

/// English catalogue messages of some length, without variables, that Welsh words differently:
/// none of them may be left on a Welsh page as an element's text or an attribute (records' own
/// words, such as a source named "Signpost demonstration data", may contain them). The
/// `explain-*` words of a search's explanation are left out: some are also codes ("interpreting").
fn english_only_texts() -> Vec<String> {
    keys(Lang::En)
        .into_iter()
        .filter(|key| !key.starts_with("explain-"))
        .map(|key| (text(Lang::En, key), text(Lang::Cy, key)))
        .filter(|(en, cy)| en != cy && en.len() >= 12 && !en.contains('{'))
        .map(|(en, _)| en.replace('"', "&quot;"))
        .collect()
}

fn assert_welsh(page: &Page, uri: &str) {
    assert!(
        page.body.contains(r#"<html lang="cy" dir="ltr">"#),
        "{uri}: {}",
        &page.body[..page.body.len().min(300)]
    );
    for english in english_only_texts() {
        let as_markup = [
            format!(">{english}<"),
            format!(">{english} "),
            format!(" {english}<"),
            format!("\"{english}\""),
        ];
        assert!(
            !as_markup.iter().any(|m| page.body.contains(m)),
            "{uri} still says {english:?}"
        );
    }
}

#[tokio::test]
async fn every_page_renders_in_welsh_without_english_catalogue_text() {
    let site = site().await;
    let search = get(&site.router, &format!("/search?q={}&ui=cy", encode(QUERY))).await;
    assert_eq!(search.status, StatusCode::OK);
    assert_welsh(&search, "/search");
    assert!(
        search.body.contains("Hidlo&#39;r canlyniadau")
            || search.body.contains("Hidlo'r canlyniadau")
    );
    assert!(
        search
            .body
            .contains("Gwasanaethau mentora lle mae&#39;r staff yn siarad Bengaleg")
            || search
                .body
                .contains("Gwasanaethau mentora lle mae'r staff yn siarad Bengaleg"),
        "the explanation is Welsh"
    );
    assert!(
        search.body.contains(">mentora<") || search.body.contains(">mentora "),
        "the chips are Welsh"
    );
    let id = value_after(&search.body, r#"name="ids" value=""#);
    let pages = [
        "/?ui=cy".to_owned(),
        format!("/services/{id}?ui=cy"),
        format!("/services/{id}/report?ui=cy"),
        format!("/shortlist?ids={id}&ui=cy"),
        "/shortlist?ui=cy".to_owned(),
        "/about?ui=cy".to_owned(),
        "/match?ui=cy".to_owned(),
        "/navigator/sign-in?ui=cy".to_owned(),
        format!("/search?q={}&ui=cy", encode("mentoring near ZZ99 9ZZ")),
    ];
    for uri in &pages {
        let page = get(&site.router, uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert_welsh(&page, uri);
    }
    let missing = get(&site.router, "/services/nope?ui=cy").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_welsh(&missing, "/services/nope");
    assert!(
        missing.body.contains("Heb ddod o hyd i&#39;r dudalen")
            || missing.body.contains("Heb ddod o hyd i'r dudalen")
    );
}

#[tokio::test]
async fn languages_categories_and_faiths_are_named_in_welsh_on_welsh_pages() {
    let site = site().await;
    let search = get(&site.router, &format!("/search?q={}&ui=cy", encode(QUERY))).await;
    for welsh in [
        r#"Bengaleg (<span lang="bn">বাংলা</span>)"#,
        "Mentora a chyfeillio",
        "staff yn siarad Bengaleg",
    ] {
        assert!(search.body.contains(welsh), "{welsh} on the Welsh search");
    }
    assert!(!search.body.contains("Mentoring and befriending"));
    let facets = get(&site.router, "/search?q=food&ui=cy").await;
    assert!(facets.body.contains(">Bwyd a hanfodion<"), "category facet");
    let english = get(&site.router, &format!("/search?q={}", encode(QUERY))).await;
    assert!(
        english
            .body
            .contains(r#"Bengali (<span lang="bn">বাংলা</span>)"#)
    );
    let matching = get(&site.router, "/match?ui=cy").await;
    for welsh in ["Llety a thai", ">Mwslim<", ">Dim crefydd<"] {
        assert!(
            matching.body.contains(welsh),
            "{welsh} on the Welsh match form"
        );
    }
}

#[tokio::test]
async fn a_navigator_works_in_welsh() {
    let site = site().await;
    let signed_in = send(
        &site.router,
        Request::post("/navigator/sign-in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("key={}", site.key)))
            .expect("request"),
    )
    .await;
    let session = signed_in
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .expect("session cookie")
        .to_owned();
    let cookies = format!("{session}; signpost_ui=cy");
    for uri in [
        "/navigator",
        "/navigator/reports",
        "/navigator/queue",
        "/navigator/services/new",
    ] {
        let page = get_with(&site.router, uri, &[(header::COOKIE, cookies.as_str())]).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert_welsh(&page, uri);
    }
}

#[tokio::test]
async fn a_sign_in_form_and_a_refused_report_are_welsh_too() {
    let site = site().await;
    let form = get(&site.router, "/navigator/sign-in?ui=cy").await;
    assert!(form.body.contains(r#"<html lang="cy""#));
    let search = get(&site.router, &format!("/search?q={}", encode(QUERY))).await;
    let id = value_after(&search.body, r#"name="ids" value=""#);
    let refused = send(
        &site.router,
        Request::post(format!("/services/{id}/report"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, "signpost_ui=cy")
            .body(Body::from("message=&contact="))
            .expect("request"),
    )
    .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(
        refused
            .body
            .contains(&text(Lang::Cy, "report-error-empty").replace('\'', "&#39;"))
            || refused.body.contains(&text(Lang::Cy, "report-error-empty"))
    );
    assert!(!site.key.is_empty());
}

#[tokio::test]
async fn the_query_sets_the_cookie_which_beats_the_browser_language() {
    let site = site().await;
    let chosen = get(&site.router, "/about?ui=cy").await;
    let cookie = chosen
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .expect("language cookie");
    assert!(
        cookie.starts_with("signpost_ui=cy;") && cookie.contains("Path=/"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().expect("pair");
    let next = get_with(
        &site.router,
        "/about",
        &[(header::COOKIE, pair), (header::ACCEPT_LANGUAGE, "ar")],
    )
    .await;
    assert!(next.body.contains(r#"<html lang="cy" dir="ltr">"#));
    assert!(
        next.headers.get(header::SET_COOKIE).is_none(),
        "only ?ui= sets it"
    );
    let browser = get_with(
        &site.router,
        "/about",
        &[(header::ACCEPT_LANGUAGE, "fr, cy-GB;q=0.8")],
    )
    .await;
    assert!(browser.body.contains(r#"<html lang="cy""#));
    let english = get(&site.router, "/about").await;
    assert!(english.body.contains(r#"<html lang="en" dir="ltr">"#));
}

#[tokio::test]
async fn every_page_offers_the_switch_to_the_same_page_in_each_language() {
    let site = site().await;
    let page = get(&site.router, &format!("/search?q={}&ui=cy", encode(QUERY))).await;
    let switch = &page.body[page.body.find("language-switch").expect("switch")..];
    for lang in Lang::all() {
        let href = format!("ui={}", lang.tag());
        assert!(switch.contains(&href), "{href}");
        assert!(switch.contains(lang.endonym()));
    }
    assert!(
        switch.contains(r#"href="/search?q=Bengali-speaking"#),
        "{switch}"
    );
}

#[tokio::test]
async fn urdu_runs_right_to_left_and_falls_back_to_english_where_untranslated() {
    let site = site().await;
    let search = get(&site.router, &format!("/search?q={}&ui=ur", encode(QUERY))).await;
    assert!(search.body.contains(r#"<html lang="ur" dir="rtl">"#));
    assert!(search.body.contains(&text(Lang::Ur, "results-filters")));
    let id = value_after(&search.body, r#"name="ids" value=""#);
    let report = get(&site.router, &format!("/services/{id}/report?ui=ur")).await;
    assert!(report.body.contains(r#"<html lang="ur" dir="rtl">"#));
    assert!(
        report.body.contains(&text(Lang::En, "report-intro")),
        "no Urdu message: the English one"
    );
}

#[tokio::test]
async fn a_shortlist_handed_over_in_urdu_keeps_its_language_in_the_link() {
    let site = site().await;
    let search = get(&site.router, &format!("/search?q={}", encode(QUERY))).await;
    let id = value_after(&search.body, r#"name="ids" value=""#);
    let list = get(&site.router, &format!("/shortlist?ids={id}&ui=ur")).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains(r#"dir="rtl""#));
    for key in [
        "shortlist-heading",
        "shortlist-print",
        "service-opening-times",
    ] {
        assert!(list.body.contains(&text(Lang::Ur, key)), "{key}");
    }
    let share = value_after(
        &list.body,
        r#"id="share-link" type="text" readonly value=""#,
    );
    assert!(
        share.ends_with("&amp;ui=ur") || share.ends_with("&ui=ur"),
        "{share}"
    );
}

#[tokio::test]
async fn a_record_with_a_welsh_name_shows_it_on_welsh_pages_only() {
    let site = site().await;
    let id = "bf663912-3581-5ba1-9c52-510e3dcd7cff";
    let welsh = get(&site.router, &format!("/services/{id}?ui=cy")).await;
    assert!(
        welsh
            .body
            .contains("Cymorth Iechyd Meddwl yn Gymraeg ac yn Saesneg")
    );
    let list = get(&site.router, &format!("/shortlist?ids={id}&ui=cy")).await;
    assert!(
        list.body
            .contains("Cymorth Iechyd Meddwl yn Gymraeg ac yn Saesneg")
    );
    let english = get(&site.router, &format!("/services/{id}")).await;
    assert!(
        english
            .body
            .contains("Mental Health Support in Welsh and English")
    );
    assert!(!english.body.contains("Cymorth Iechyd Meddwl"));
}

/// The demo's Bengali and Sylheti Peer Mentoring.
const REFERRED_SERVICE: &str = "5f4913e1-d22e-55f0-bb23-cf328de7c9e5";

/// Signs in with a new key of `role`; the session and Welsh language cookies, and the CSRF token.
async fn sign_in_in_welsh(
    directory: &Directory,
    router: &Router,
    role: Role,
    organization: Option<&str>,
) -> (String, String) {
    let key = directory
        .access()
        .create_key_for(role, &format!("{role:?} tests"), organization)
        .await
        .expect("key")
        .key;
    let signed_in = send(
        router,
        Request::post("/navigator/sign-in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("key={key}")))
            .expect("request"),
    )
    .await;
    let session = signed_in
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .expect("session cookie")
        .to_owned();
    let cookies = format!("{session}; signpost_ui=cy");
    let dashboard = get_with(router, "/navigator", &[(header::COOKIE, cookies.as_str())]).await;
    let csrf = value_after(&dashboard.body, r#"name="csrf" value=""#);
    (cookies, csrf)
}

#[tokio::test]
async fn referrals_and_the_equality_heatmap_are_welsh() {
    let dir = tempfile::tempdir().expect("temp dir");
    let directory = Arc::new(Directory::open(dir.path(), None).await.expect("directory"));
    let router = signpost_web::routes(directory.clone());
    let (team, csrf) =
        sign_in_in_welsh(&directory, &router, Role::Editor, Some("probation-walsall")).await;
    let form = get_with(
        &router,
        &format!("/navigator/referrals/new?service={REFERRED_SERVICE}"),
        &[(header::COOKIE, team.as_str())],
    )
    .await;
    assert_eq!(form.status, StatusCode::OK);
    assert_welsh(&form, "the Refer form");
    assert!(form.body.contains(&text(Lang::Cy, "ethnic-white-british")));
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("csrf", csrf.as_str()),
            ("service_id", REFERRED_SERVICE),
            ("case_ref", "WSL-0042"),
            ("needs", "mentoring"),
            ("ethnic_group", "white-british"),
        ])
        .finish();
    let sent = send(
        &router,
        Request::post("/navigator/referrals")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, team.as_str())
            .body(Body::from(body))
            .expect("request"),
    )
    .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let location = sent.headers[header::LOCATION]
        .to_str()
        .expect("text")
        .to_owned();
    for uri in ["/navigator/referrals", location.as_str()] {
        let page = get_with(&router, uri, &[(header::COOKIE, team.as_str())]).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert_welsh(&page, uri);
        assert!(page.body.contains(&text(Lang::Cy, "referral-status-sent")));
    }
    let (admin, _) = sign_in_in_welsh(&directory, &router, Role::Admin, None).await;
    let heatmap = get_with(
        &router,
        "/navigator/equality",
        &[(header::COOKIE, admin.as_str())],
    )
    .await;
    assert_eq!(heatmap.status, StatusCode::OK);
    assert_welsh(&heatmap, "/navigator/equality");
    assert!(
        heatmap
            .body
            .contains(&text(Lang::Cy, "equality-wait-attended"))
    );
    let bad = get_with(
        &router,
        "/navigator/equality?from=yesterday",
        &[(header::COOKIE, admin.as_str())],
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(
        bad.body.contains("O: rhaid iddo fod yn ddyddiad"),
        "{}",
        bad.body
    );
}
