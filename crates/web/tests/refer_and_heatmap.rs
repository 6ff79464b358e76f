//! "Refer" from search results, the shortlist and match results (signed-in navigators only; no
//! case details in any URL), and the admin's equality heatmap (admins only) in-process
//! (docs/referrals.md, docs/equality.md).

use std::sync::Arc;

use axum::Router;
use axum::http::{StatusCode, header};
use signpost_app::Directory;
use signpost_app::keys::Role;

mod support;
use support::{get_page, post_form, sign_in};

/// The demo's Bengali and Sylheti Peer Mentoring, and the organisation that runs it.
const SERVICE: &str = "5f4913e1-d22e-55f0-bb23-cf328de7c9e5";
const ORGANIZATION: &str = "fa6853da-099f-5ea4-a790-01bd04d7c534";
const REFER: &str = "/navigator/referrals/new?service=";

/// Every `href` and `action` of a page.
fn urls(body: &str) -> Vec<&str> {
    ["href=\"", "action=\""]
        .iter()
        .flat_map(|prefix| body.split(prefix).skip(1))
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

async fn open() -> (tempfile::TempDir, Arc<Directory>, Router) {
    let dir = tempfile::tempdir().expect("temp dir");
    let directory = Arc::new(Directory::open(dir.path(), None).await.expect("directory"));
    let router = signpost_web::routes(directory.clone());
    (dir, directory, router)
}

fn person() -> Vec<(&'static str, &'static str)> {
    vec![
        ("need", "mentoring"),
        ("need", "employment"),
        ("speaks", "syl, ben"),
        ("interpreter_ok", "on"),
        ("postcode", "WS1 1AA"),
        ("miles", "5"),
    ]
}

#[tokio::test]
async fn refer_links_show_for_navigators_only_and_carry_only_the_service() {
    let (_dir, directory, router) = open().await;
    let (team, csrf) = sign_in(
        &directory,
        &router,
        Role::Editor,
        "Walsall probation",
        Some("probation-walsall"),
    )
    .await;
    let search = "/search?q=mentoring+in+Walsall";
    let shortlist = format!("/shortlist?ids={SERVICE}");

    for uri in [search, &shortlist] {
        let anonymous = get_page(&router, uri, "").await;
        assert_eq!(anonymous.status, StatusCode::OK, "{uri}");
        assert!(
            !anonymous.body.contains(REFER),
            "{uri}: no Refer for anyone"
        );
        let signed_in = get_page(&router, uri, &team).await;
        assert!(
            signed_in.body.contains(&format!("{REFER}{SERVICE}")),
            "{uri}: a Refer link to the service"
        );
    }

    let anonymous = post_form(&router, "/match", "", &person()).await;
    assert!(anonymous.body.contains("Services that fit"));
    assert!(
        !anonymous
            .body
            .contains(r#"action="/navigator/referrals/new""#)
    );
    let matched = post_form(&router, "/match", &team, &person()).await;
    assert!(
        matched
            .body
            .contains(r#"action="/navigator/referrals/new""#)
    );
    assert!(matched.body.contains(r#"name="needs" value="mentoring""#));
    for url in urls(&matched.body) {
        assert!(!url.contains("mentoring") && !url.contains("WS1"), "{url}");
    }

    // The match's Refer button opens the form with the profile's needs ticked.
    let form = post_form(
        &router,
        "/navigator/referrals/new",
        &team,
        &[
            ("csrf", &csrf),
            ("service_id", SERVICE),
            ("needs", "mentoring"),
            ("needs", "employment"),
        ],
    )
    .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body
            .contains(r#"value="mentoring" id="need-mentoring" checked"#)
    );
    assert!(
        form.body
            .contains(r#"value="employment" id="need-employment" checked"#)
    );
    assert!(
        !form
            .body
            .contains(r#"value="accommodation" id="need-accommodation" checked"#)
    );
    let forged = post_form(
        &router,
        "/navigator/referrals/new",
        &team,
        &[("csrf", "forged"), ("service_id", SERVICE)],
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);

    // A sent referral's case reference appears in no URL of the pages that list it.
    let sent = post_form(
        &router,
        "/navigator/referrals",
        &team,
        &[
            ("csrf", &csrf),
            ("service_id", SERVICE),
            ("case_ref", "WSL-0042"),
            ("needs", "mentoring"),
        ],
    )
    .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let location = sent.headers[header::LOCATION].to_str().expect("text");
    assert!(!location.contains("WSL"), "{location}");
    for uri in ["/navigator/referrals", location] {
        let page = get_page(&router, uri, &team).await;
        assert!(page.body.contains("WSL-0042"), "{uri}");
        for url in urls(&page.body) {
            assert!(!url.contains("WSL"), "{uri}: {url}");
        }
    }
}

/// Sends `count` referrals from `team` for one ethnic group; accepts `accepted` of them from
/// `inbox` (the service's editor).
async fn referrals_for(
    router: &Router,
    (team, csrf): &(String, String),
    (inbox, inbox_csrf): &(String, String),
    group: &str,
    count: usize,
    accepted: usize,
) {
    for i in 0..count {
        let case_ref = format!("{group}-{i}");
        let sent = post_form(
            router,
            "/navigator/referrals",
            team,
            &[
                ("csrf", csrf),
                ("service_id", SERVICE),
                ("case_ref", &case_ref),
                ("needs", "mentoring"),
                ("ethnic_group", group),
            ],
        )
        .await;
        let location = sent.headers[header::LOCATION].to_str().expect("text");
        if i < accepted {
            let moved = post_form(
                router,
                &format!("{location}/status"),
                inbox,
                &[("csrf", inbox_csrf), ("status", "accepted")],
            )
            .await;
            assert_eq!(moved.status, StatusCode::SEE_OTHER);
        }
    }
}

#[tokio::test]
async fn the_heatmap_is_for_admins_with_rates_waits_and_suppression() {
    let (_dir, directory, router) = open().await;
    let team = sign_in(
        &directory,
        &router,
        Role::Editor,
        "Walsall probation",
        Some("probation-walsall"),
    )
    .await;
    let inbox = sign_in(
        &directory,
        &router,
        Role::Editor,
        "Inbox",
        Some(ORGANIZATION),
    )
    .await;
    let (admin, admin_csrf) = sign_in(&directory, &router, Role::Admin, "Admin", None).await;

    referrals_for(&router, &team, &inbox, "white-british", 10, 5).await;
    referrals_for(&router, &team, &inbox, "asian-bangladeshi", 8, 6).await;
    referrals_for(&router, &team, &inbox, "black-african", 3, 3).await;

    let editor = get_page(&router, "/navigator/equality", &team.0).await;
    assert_eq!(editor.status, StatusCode::FORBIDDEN);
    let anonymous = get_page(&router, "/navigator/equality", "").await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    let dashboard = get_page(&router, "/navigator", &admin).await;
    assert!(dashboard.body.contains(r#"href="/navigator/equality""#));

    // Per referral: accepted 6 of 8 against 5 of 10 is an RRI of 1.5; 3 referrals are suppressed.
    let page = get_page(&router, "/navigator/equality", &admin).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("<strong>1.50</strong>"), "{}", page.body);
    assert!(page.body.contains("6 of 8"));
    assert!(!page.body.contains("3 of 3"), "small counts are not shown");
    assert!(page.body.contains("heat-suppressed"));
    assert!(page.body.contains("Median wait to accepted"));
    assert!(
        !page.body.contains(" style="),
        "no inline style under the CSP"
    );

    // On a caseload pasted in (not stored): referred 8 of 40 against 10 of 100 is an RRI of 2.
    let caseload = "group,count\nwhite-british,100\nasian-bangladeshi,40\nblack-african,30\n";
    let fields = [
        ("csrf", admin_csrf.as_str()),
        ("reference", "white-british"),
        ("caseload", caseload),
    ];
    let page = post_form(&router, "/navigator/equality", &admin, &fields).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("<strong>2.00</strong>"), "{}", page.body);
    assert!(page.body.contains("8 of 40"));

    // A date range with no referrals, and a date that is not a date.
    let empty = get_page(&router, "/navigator/equality?to=2000-01-01", &admin).await;
    assert!(
        empty
            .body
            .contains("No referrals were sent in this period.")
    );
    let bad = get_page(&router, "/navigator/equality?from=yesterday", &admin).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("From must be a date"));
}
