//! The referral pages in-process (docs/referrals.md): a practitioner refers from a service page,
//! the service's editor accepts it from its own session, forms need the session's CSRF token, and
//! another organisation's editor cannot open the referral.

use std::sync::Arc;

use axum::Router;
use axum::http::{StatusCode, header};
use signpost_app::Directory;
use signpost_app::keys::Role;

mod support;
use support::{get_page, post_form};

/// The demo's Bengali and Sylheti Peer Mentoring, and the organisation that runs it.
const SERVICE: &str = "5f4913e1-d22e-55f0-bb23-cf328de7c9e5";
const ORGANIZATION: &str = "fa6853da-099f-5ea4-a790-01bd04d7c534";

/// Signs in as an editor of `organization`; editors see the referrals link on their dashboard.
async fn sign_in(
    directory: &Directory,
    router: &Router,
    name: &str,
    organization: &str,
) -> (String, String) {
    let (cookie, csrf) =
        support::sign_in(directory, router, Role::Editor, name, Some(organization)).await;
    let dashboard = get_page(router, "/navigator", &cookie).await;
    assert!(dashboard.body.contains(r#"href="/navigator/referrals""#));
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
