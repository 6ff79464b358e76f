//! The referral pages in-process (docs/referrals.md): a practitioner refers from a service page,
//! the service's editor accepts it from its own session, forms need the session's CSRF token, and
//! another organisation's editor cannot open the referral.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use signpost_app::Directory;
use signpost_app::keys::Role;
use tower::ServiceExt;

/// The demo's Bengali and Sylheti Peer Mentoring, and the organisation that runs it.
const SERVICE: &str = "5f4913e1-d22e-55f0-bb23-cf328de7c9e5";
const ORGANIZATION: &str = "fa6853da-099f-5ea4-a790-01bd04d7c534";

struct Page {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

async fn send(router: &Router, request: Request<Body>) -> Page {
    let response = router.clone().oneshot(request).await.expect("response");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    Page {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

async fn get_page(router: &Router, uri: &str, cookie: &str) -> Page {
    let request = Request::get(uri)
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, cookie);
    send(router, request.body(Body::empty()).expect("request")).await
}

async fn post_form(router: &Router, uri: &str, cookie: &str, fields: &[(&str, &str)]) -> Page {
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    let request = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, cookie);
    send(router, request.body(Body::from(body)).expect("request")).await
}

fn attribute_after(body: &str, prefix: &str) -> String {
    let start = body
        .find(prefix)
        .unwrap_or_else(|| panic!("{prefix} in {body}"))
        + prefix.len();
    body[start..].split('"').next().expect("value").to_owned()
}

/// Signs in with a new editor key scoped to `organization`; the cookie and CSRF token.
async fn sign_in(
    directory: &Directory,
    router: &Router,
    name: &str,
    organization: &str,
) -> (String, String) {
    let key = directory
        .access()
        .create_key_for(Role::Editor, name, Some(organization))
        .await
        .expect("key")
        .key;
    let body: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("key", &key)
        .finish();
    let request = Request::post("/navigator/sign-in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .expect("request");
    let page = send(router, request).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let cookie = page.headers[header::SET_COOKIE]
        .to_str()
        .expect("text")
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    let dashboard = get_page(router, "/navigator", &cookie).await;
    assert!(dashboard.body.contains(r#"href="/navigator/referrals""#));
    let csrf = attribute_after(&dashboard.body, r#"name="csrf" value=""#);
    (cookie, csrf)
}

#[tokio::test]
async fn a_practitioner_refers_and_the_service_accepts_on_its_own_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let directory = Arc::new(Directory::open(dir.path(), None).await.expect("directory"));
    let router = signpost_web::routes(directory.clone());
    let (team, team_csrf) = sign_in(
        &directory,
        &router,
        "Walsall probation",
        "probation-walsall",
    )
    .await;
    let (inbox, inbox_csrf) = sign_in(&directory, &router, "Mentoring inbox", ORGANIZATION).await;
    let (elsewhere, _) = sign_in(&directory, &router, "Elsewhere", "another-organization").await;

    let service_page = get_page(&router, &format!("/services/{SERVICE}"), &team).await;
    let refer = format!("/navigator/referrals/new?service={SERVICE}");
    assert!(
        service_page.body.contains(&refer.replace('&', "&amp;")),
        "a Refer link"
    );
    let form = get_page(&router, &refer, &team).await;
    assert_eq!(form.status, StatusCode::OK);
    for label in [
        "Case reference",
        "Bangladeshi",
        "Asian, Asian British or Asian Welsh",
        "Not stated",
        "25-34",
    ] {
        assert!(form.body.contains(label), "{label}");
    }
    let fields = [
        ("service_id", SERVICE),
        ("case_ref", "WSL-0042"),
        ("needs", "mentoring"),
        ("ethnic_group", "asian-bangladeshi"),
        ("religion", "muslim"),
        ("main_language", "syl"),
        ("sex", ""),
        ("age_band", "25-34"),
    ];
    let forged = post_form(
        &router,
        "/navigator/referrals",
        &team,
        &[fields.as_slice(), &[("csrf", "forged")]].concat(),
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let bad_language = post_form(
        &router,
        "/navigator/referrals",
        &team,
        &[
            ("csrf", team_csrf.as_str()),
            ("service_id", SERVICE),
            ("case_ref", "WSL-0042"),
            ("main_language", "zzz"),
        ],
    )
    .await;
    assert_eq!(bad_language.status, StatusCode::BAD_REQUEST);
    assert!(bad_language.body.contains("There is a problem"));
    assert!(
        bad_language.body.contains(r#"value="WSL-0042""#),
        "what was typed is kept"
    );

    let sent = post_form(
        &router,
        "/navigator/referrals",
        &team,
        &[fields.as_slice(), &[("csrf", team_csrf.as_str())]].concat(),
    )
    .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let location = sent.headers[header::LOCATION]
        .to_str()
        .expect("text")
        .to_owned();
    assert!(location.starts_with("/navigator/referrals/ref_"));

    let listed = get_page(&router, "/navigator/referrals?status=sent", &inbox).await;
    assert!(listed.body.contains("WSL-0042"), "in the service's inbox");
    let shown = get_page(&router, &location, &inbox).await;
    assert!(shown.body.contains("Accept") && shown.body.contains("Decline"));
    assert!(
        shown.body.contains("Service full"),
        "a decline asks for its reason"
    );
    assert_eq!(
        get_page(&router, &location, &elsewhere).await.status,
        StatusCode::NOT_FOUND
    );

    let status = format!("{location}/status");
    let forged = post_form(
        &router,
        &status,
        &inbox,
        &[("csrf", "forged"), ("status", "accepted")],
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let accepted = post_form(
        &router,
        &status,
        &inbox,
        &[("csrf", inbox_csrf.as_str()), ("status", "accepted")],
    )
    .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER);
    let shown = get_page(&router, &location, &team).await;
    assert!(shown.body.contains("Accepted"));
    let again = post_form(
        &router,
        &status,
        &inbox,
        &[("csrf", inbox_csrf.as_str()), ("status", "accepted")],
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let attended = post_form(
        &router,
        &status,
        &inbox,
        &[("csrf", inbox_csrf.as_str()), ("status", "attended")],
    )
    .await;
    assert_eq!(attended.status, StatusCode::SEE_OTHER);
    let closed = post_form(
        &router,
        &status,
        &team,
        &[("csrf", team_csrf.as_str()), ("status", "closed")],
    )
    .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);
    assert!(
        get_page(&router, &location, &team)
            .await
            .body
            .contains("Closed")
    );
}
