//! `/api/v1/referrals` in-process (docs/referrals.md): keys, unknown fields, bad codes, the moves
//! and their 409s, who sees what, and the OpenAPI document.

mod common;

use common::{TestApp, get, json_call, send};
use serde_json::{Value, json};
use signpost_app::keys::Role;
use signpost_domain::Service;

const SERVICE: &str = "referral-svc";

fn service() -> Service {
    serde_json::from_value(json!({
        "id": SERVICE, "name": "Sylheti mentoring", "status": "active", "organization_id": "org-a",
        "attributes": [{"id": "rs-a", "taxonomy_term": {"id": "signpost-category:mentoring",
            "code": "mentoring", "name": "Mentoring", "description": "Mentoring",
            "taxonomy": "signpost-category"}}]
    }))
    .expect("service")
}

struct Keys {
    practitioner: String,
    inbox: String,
    elsewhere: String,
}

async fn setup() -> (TestApp, Keys) {
    let app = TestApp::new().await;
    app.directory.import(vec![service()]).await.expect("seeded");
    let key = |name: &'static str, organization: &'static str| {
        let directory = app.directory.clone();
        async move {
            directory
                .access()
                .create_key_for(Role::Editor, name, Some(organization))
                .await
                .expect("key")
                .key
        }
    };
    let keys = Keys {
        practitioner: key("Walsall probation", "probation-walsall").await,
        inbox: key("Service inbox", "org-a").await,
        elsewhere: key("Another service", "org-b").await,
    };
    (app, keys)
}

fn body() -> Value {
    json!({"service_id": SERVICE, "case_ref": "WSL-0042", "needs": ["mentoring"],
           "equality": {"ethnic_group": "asian-bangladeshi", "religion": "muslim",
                        "main_language": "syl", "sex": "male", "age_band": "25-34"}})
}

#[tokio::test]
async fn every_referral_address_needs_a_key() {
    let (app, _) = setup().await;
    let router = app.router();
    get(&router, "/api/v1/referrals")
        .await
        .problem(401, "unauthorized");
    get(&router, "/api/v1/referrals/ref_0011223344556677")
        .await
        .problem(401, "unauthorized");
    json_call(&router, "POST", "/api/v1/referrals", None, &body())
        .await
        .problem(401, "unauthorized");
    json_call(
        &router,
        "PATCH",
        "/api/v1/referrals/ref_0011223344556677",
        None,
        &json!({"status": "accepted"}),
    )
    .await
    .problem(401, "unauthorized");
}

#[tokio::test]
async fn unknown_fields_and_bad_codes_are_400_with_the_allowed_values() {
    let (app, keys) = setup().await;
    let router = app.router();
    let key = Some(keys.practitioner.as_str());
    let mut named = body();
    named["name"] = json!("Abdul Rahman");
    let problem = json_call(&router, "POST", "/api/v1/referrals", key, &named)
        .await
        .problem(400, "invalid_body");
    assert!(problem["detail"].as_str().expect("detail").contains("name"));
    let mut born = body();
    born["equality"]["date_of_birth"] = json!("1990-01-01");
    json_call(&router, "POST", "/api/v1/referrals", key, &born)
        .await
        .problem(400, "invalid_body");
    let mut band = body();
    band["equality"]["age_band"] = json!("25-35");
    let problem = json_call(&router, "POST", "/api/v1/referrals", key, &band)
        .await
        .problem(400, "invalid_body");
    let detail = problem["detail"].as_str().expect("detail");
    assert!(
        detail.contains("18-24, 25-34, 35-49, 50-64, 65+"),
        "{detail}"
    );
    assert_eq!(problem["suggestions"][0], json!("25-34"));
    assert!(
        app.directory
            .audit(None, 10)
            .await
            .expect("audit")
            .is_empty(),
        "nothing was sent"
    );
}

#[tokio::test]
async fn a_referral_goes_round_its_loop_and_wrong_moves_are_409() {
    let (app, keys) = setup().await;
    let router = app.router();
    let sent = json_call(
        &router,
        "POST",
        "/api/v1/referrals",
        Some(&keys.practitioner),
        &body(),
    )
    .await;
    assert_eq!(sent.status, 201, "{}", sent.text);
    let referral = sent.json();
    let id = referral["id"].as_str().expect("an id").to_owned();
    let path = format!("/api/v1/referrals/{id}");
    assert_eq!(
        sent.headers.get("location").expect("Location"),
        path.as_str()
    );
    assert_eq!(referral["status"], json!("sent"));
    assert_eq!(
        referral["equality"]["ethnic_group"],
        json!("asian-bangladeshi")
    );
    assert!(referral["sent_at"].is_string());
    assert_eq!(referral["next"], json!(["closed"]));

    let patch = |key: &str, change: Value| {
        let router = router.clone();
        let path = path.clone();
        let key = key.to_owned();
        async move { json_call(&router, "PATCH", &path, Some(&key), &change).await }
    };
    let wrong = patch(&keys.inbox, json!({"status": "attended"}))
        .await
        .problem(409, "invalid_referral_move");
    assert_eq!(
        wrong["suggestions"],
        json!(["accepted", "declined", "closed"])
    );
    patch(&keys.inbox, json!({"status": "accepted", "note": "x"}))
        .await
        .problem(400, "invalid_body");
    patch(&keys.inbox, json!({"status": "declined"}))
        .await
        .problem(400, "invalid_body");
    patch(&keys.elsewhere, json!({"status": "accepted"}))
        .await
        .problem(404, "not_found");
    let accepted = patch(&keys.inbox, json!({"status": "accepted"})).await;
    assert_eq!(accepted.status, 200, "{}", accepted.text);
    assert!(accepted.json()["accepted_at"].is_string());
    let attended = patch(&keys.inbox, json!({"status": "did_not_attend"})).await;
    assert_eq!(attended.json()["status"], json!("did_not_attend"));
    let closed = patch(&keys.practitioner, json!({"status": "closed"})).await;
    assert_eq!(closed.json()["status"], json!("closed"));
    patch(&keys.inbox, json!({"status": "accepted"}))
        .await
        .problem(409, "invalid_referral_move");

    let by_key = |key: &str, uri: &str| {
        let mut request = axum::http::Request::get(uri);
        request = request.header("authorization", format!("Bearer {key}"));
        send(
            &router,
            request.body(axum::body::Body::empty()).expect("request"),
        )
    };
    by_key(&keys.elsewhere, &path)
        .await
        .problem(404, "not_found");
    let listed = by_key(&keys.inbox, "/api/v1/referrals?status=closed").await;
    assert_eq!(listed.status, 200, "{}", listed.text);
    assert_eq!(listed.json()["referrals"][0]["id"], json!(id));
    let none = by_key(&keys.elsewhere, "/api/v1/referrals").await.json();
    assert_eq!(none["referrals"], json!([]));
    by_key(&keys.inbox, "/api/v1/referrals?status=lost")
        .await
        .problem(400, "invalid_body");
}

#[tokio::test]
async fn the_openapi_document_has_the_referral_operations() {
    let app = TestApp::new().await;
    let document = get(&app.router(), "/api/openapi.json").await.json();
    let paths = &document["paths"];
    assert!(paths["/api/v1/referrals"]["post"].is_object());
    assert!(paths["/api/v1/referrals"]["get"].is_object());
    assert!(paths["/api/v1/referrals/{id}"]["get"].is_object());
    assert!(paths["/api/v1/referrals/{id}"]["patch"].is_object());
    assert!(document["components"]["schemas"]["ReferralBody"].is_object());
}

#[tokio::test]
async fn the_purge_runs_as_soon_as_it_is_spawned() {
    let (app, keys) = setup().await;
    let router = app.router();
    let sent = json_call(
        &router,
        "POST",
        "/api/v1/referrals",
        Some(&keys.practitioner),
        &body(),
    )
    .await
    .json();
    let path = format!("/api/v1/referrals/{}", sent["id"].as_str().expect("id"));
    let closed = json!({"status": "closed"});
    json_call(&router, "PATCH", &path, Some(&keys.practitioner), &closed).await;
    signpost_server::referrals::spawn_purge(
        app.directory.clone(),
        signpost_app::Retention::Days(0),
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let request = axum::http::Request::get(path.as_str())
            .header("authorization", format!("Bearer {}", keys.inbox))
            .body(axum::body::Body::empty())
            .expect("request");
        let referral = send(&router, request).await.json();
        if referral["purged_at"].is_string() {
            assert_eq!(referral["case_ref"], Value::Null);
            assert_eq!(referral["needs"], json!([]));
            assert_eq!(
                referral["equality"]["ethnic_group"],
                json!("asian-bangladeshi")
            );
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "not purged: {referral}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
