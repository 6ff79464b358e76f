//! The JSON API in-process: search, parse, match, writes with keys and roles, limits and the
//! operational endpoints. Every bad input is a 4xx problem+json and changes nothing.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use serde_json::{Value, json};
use signpost_server::Limits;

fn new_service(id: &str, name: &str) -> Value {
    json!({
        "id": id, "name": name, "status": "active",
        "description": "Advice on housing for people leaving prison, in Somali.",
        "languages": [{"id": "aa11bb22-cc33-4d44-8e55-ff6677889900", "code": "som"}],
        "attributes": [{"id": "bb22cc33-dd44-4e55-8f66-778899001122", "taxonomy_term": {
            "id": "signpost-category:accommodation", "code": "accommodation", "name": "Accommodation",
            "description": "Accommodation", "taxonomy": "signpost-category"}}],
        "service_at_locations": [{"id": "cc33dd44-ee55-4f66-8a77-889900112233", "location": {
            "id": "dd44ee55-ff66-4a77-8b88-990011223344", "location_type": "physical",
            "latitude": 52.5840, "longitude": -1.9790}}]
    })
}

fn result_ids(body: &Value) -> Vec<String> {
    body["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["service"]["id"].as_str().expect("id").to_owned())
        .collect()
}

#[tokio::test]
async fn search_understands_text_and_parameters_override_it() {
    let test = TestApp::new().await;
    let router = test.router();
    let reply = get(
        &router,
        "/api/v1/search?q=Bengali-speaking%20mentoring%20within%203%20miles%20of%20WS1%201AA",
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let body = reply.json();
    assert_eq!(body["query"]["languages"], json!(["ben"]));
    assert_eq!(body["query"]["categories"], json!(["mentoring"]));
    assert_eq!(body["query"]["near"]["kind"], json!("postcode"));
    assert_eq!(result_ids(&body), vec![MENTORING_ID]);
    assert_eq!(body["total"], json!(1));
    assert_eq!(
        (body["page"].clone(), body["per_page"].clone()),
        (json!(1), json!(20))
    );
    let first = &body["results"][0];
    assert!(
        first["distance_m"]
            .as_f64()
            .is_some_and(|d| d > 0.0 && d < 4_828.032)
    );
    assert!(first["why"].as_array().is_some_and(|w| !w.is_empty()));
    assert_eq!(body["facets"]["languages"]["ben"], json!(1));

    let overridden = get(&router, "/api/v1/search?q=Bengali%20mentoring%20in%20Walsall&lang=pol&category=employment&near=Birmingham&radius=10km").await;
    assert_eq!(overridden.status, StatusCode::OK, "{}", overridden.text);
    let body = overridden.json();
    assert_eq!(body["query"]["languages"], json!(["pol"]));
    assert_eq!(body["query"]["categories"], json!(["employment"]));
    assert_eq!(body["query"]["radius_m"], json!(10_000.0));
    assert_eq!(result_ids(&body), vec![EMPLOYMENT_ID]);

    let by_point = get(
        &router,
        "/api/v1/search?lat=52.5797&lon=-1.9860&radius=500m",
    )
    .await
    .json();
    assert_eq!(result_ids(&by_point), vec![MENTORING_ID]);
}

#[tokio::test]
async fn bad_search_parameters_are_clear_problems() {
    let test = TestApp::new().await;
    let router = test.router();
    let unknown_language = get(&router, "/api/v1/search?lang=beng")
        .await
        .problem(400, "unknown_language");
    assert!(
        unknown_language["suggestions"]
            .as_array()
            .is_some_and(|s| s.contains(&json!("ben")))
    );
    let unknown_category = get(&router, "/api/v1/search?category=mentorin")
        .await
        .problem(400, "unknown_category");
    assert!(
        unknown_category["suggestions"]
            .as_array()
            .is_some_and(|s| s.contains(&json!("mentoring")))
    );
    get(&router, "/api/v1/search?faith=jedi")
        .await
        .problem(400, "unknown_faith");
    get(&router, "/api/v1/search?near=WS1%201AA&radius=-1km")
        .await
        .problem(400, "invalid_radius");
    get(&router, "/api/v1/search?near=WS1%201AA&radius=5%20furlongs")
        .await
        .problem(400, "invalid_radius");
    get(&router, "/api/v1/search?near=ZZ99%209ZZ")
        .await
        .problem(400, "invalid_postcode");
    get(&router, "/api/v1/search?near=Atlantisville")
        .await
        .problem(400, "unknown_place");
    get(&router, "/api/v1/search?lat=abc&lon=1")
        .await
        .problem(400, "invalid_parameter");
    get(&router, "/api/v1/search?lat=91&lon=1")
        .await
        .problem(400, "invalid_parameter");
    get(&router, "/api/v1/search?lat=52.5")
        .await
        .problem(400, "invalid_parameter");
    get(&router, "/api/v1/search?page=0")
        .await
        .problem(400, "invalid_parameter");
    get(&router, "/api/v1/search?per_page=-3")
        .await
        .problem(400, "invalid_parameter");
    get(&router, "/api/v1/search?open_now=perhaps")
        .await
        .problem(400, "invalid_parameter");
    get(&router, "/api/v1/search?q=a&q=b")
        .await
        .problem(400, "invalid_parameter");
    let long = "a".repeat(600);
    get(&router, &format!("/api/v1/search?q={long}"))
        .await
        .problem(400, "invalid_parameter");
}

#[tokio::test]
async fn huge_pages_are_capped_and_injection_strings_are_only_text() {
    let test = TestApp::new().await;
    let router = test.router();
    let capped = get(&router, "/api/v1/search?per_page=1000000").await;
    assert_eq!(capped.status, StatusCode::OK, "{}", capped.text);
    assert_eq!(capped.json()["per_page"], json!(100));
    let before = test.count().await;
    for q in [
        "%27%3B%20DROP%20TABLE%20services%3B%20--",
        "%22%20OR%201%3D1%20--",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "%25%25%25%00",
    ] {
        let reply = get(&router, &format!("/api/v1/search?q={q}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{q}: {}", reply.text);
        assert!(
            reply.content_type.starts_with("application/json"),
            "never served as HTML"
        );
        assert_eq!(reply.headers["x-content-type-options"], "nosniff");
        assert!(
            reply.json()["query"]["input"].is_string(),
            "the input comes back as a JSON string"
        );
    }
    let oruk = get(&router, "/services?text=%27%20OR%20%271%27%3D%271").await;
    assert_eq!(oruk.status, StatusCode::OK, "{}", oruk.text);
    assert_eq!(oruk.json()["total_items"], json!(0));
    assert_eq!(test.count().await, before);
}

#[tokio::test]
async fn parse_shows_how_a_query_is_understood() {
    let test = TestApp::new().await;
    let body = get(
        &test.router(),
        "/api/v1/parse?q=Polish%20employment%20near%20WS1%201AA",
    )
    .await
    .json();
    assert_eq!(body["input"], json!("Polish employment near WS1 1AA"));
    assert_eq!(body["languages"], json!(["pol"]));
    assert_eq!(body["categories"], json!(["employment"]));
    assert!(body["explanation"].as_str().is_some_and(|e| !e.is_empty()));
}

#[tokio::test]
async fn writes_need_an_editor_key_and_show_in_search_at_once() {
    let test = TestApp::new().await;
    let router = test.router();
    let id = "ee55ff66-0077-4188-8299-aabbccddeeff";
    let service = new_service(id, "Somali housing advice");

    json_call(&router, "POST", "/api/v1/services", None, &service)
        .await
        .problem(401, "unauthorized");
    let wrong = "sp_000000000000_000000000000000000000000000000000000000000000000";
    json_call(&router, "POST", "/api/v1/services", Some(wrong), &service)
        .await
        .problem(401, "unauthorized");
    json_call(
        &router,
        "POST",
        "/api/v1/services",
        Some("not-a-key"),
        &service,
    )
    .await
    .problem(401, "unauthorized");
    assert_eq!(test.count().await, 3, "nothing changed");

    let created = json_call(
        &router,
        "POST",
        "/api/v1/services",
        Some(&test.editor_key),
        &service,
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    assert_eq!(
        created.headers[header::LOCATION],
        format!("/api/v1/services/{id}")
    );
    let found = get(&router, "/api/v1/search?q=housing&lang=som")
        .await
        .json();
    assert_eq!(result_ids(&found), vec![id], "searchable at once");
    json_call(
        &router,
        "POST",
        "/api/v1/services",
        Some(&test.editor_key),
        &service,
    )
    .await
    .problem(409, "conflict");

    let mut renamed = service.clone();
    renamed["name"] = json!("Somali housing and tenancy advice");
    let replaced = json_call(
        &router,
        "PUT",
        &format!("/api/v1/services/{id}"),
        Some(&test.editor_key),
        &renamed,
    )
    .await;
    assert_eq!(replaced.status, StatusCode::OK, "{}", replaced.text);
    let found = get(&router, "/api/v1/search?q=tenancy").await.json();
    assert_eq!(result_ids(&found), vec![id]);
    json_call(
        &router,
        "PUT",
        "/api/v1/services/no-such-id",
        Some(&test.editor_key),
        &new_service("no-such-id", "x"),
    )
    .await
    .problem(404, "not_found");
    json_call(
        &router,
        "PUT",
        &format!("/api/v1/services/{id}"),
        Some(&test.editor_key),
        &new_service("other", "x"),
    )
    .await
    .problem(400, "invalid_body");

    let delete = |key: Option<String>| {
        let router = router.clone();
        async move {
            let mut request = Request::delete(format!("/api/v1/services/{id}"));
            if let Some(key) = key {
                request = request.header(header::AUTHORIZATION, format!("Bearer {key}"));
            }
            send(&router, request.body(Body::empty()).expect("request")).await
        }
    };
    delete(None).await.problem(401, "unauthorized");
    assert_eq!(
        delete(Some(test.editor_key.clone())).await.status,
        StatusCode::NO_CONTENT
    );
    delete(Some(test.editor_key.clone()))
        .await
        .problem(404, "not_found");
    let gone = get(&router, "/api/v1/search?q=tenancy").await.json();
    assert!(result_ids(&gone).is_empty(), "gone from search at once");
    assert_eq!(test.count().await, 3);
}

#[tokio::test]
async fn invalid_bodies_change_nothing() {
    let test = TestApp::new().await;
    let router = test.router();
    let key = Some(test.editor_key.as_str());
    for body in ["{not json", "[]", "\"a string\"", "{\"name\": \"no id\"}"] {
        with_body(
            &router,
            "POST",
            "/api/v1/services",
            key,
            "application/json",
            body.to_owned(),
        )
        .await
        .problem(400, "invalid_body");
    }
    let mut bad_language = new_service("ff66aa77-1188-4299-8300-bbccddeeff00", "Bad language");
    bad_language["languages"][0]["code"] = json!("klingon");
    json_call(&router, "POST", "/api/v1/services", key, &bad_language)
        .await
        .problem(400, "invalid_body");
    with_body(
        &router,
        "POST",
        "/api/v1/services",
        key,
        "text/plain",
        new_service("x", "y").to_string(),
    )
    .await
    .problem(400, "invalid_body");
    assert_eq!(test.count().await, 3);
}

#[tokio::test]
async fn import_is_all_or_nothing() {
    let test = TestApp::new().await;
    let router = test.router();
    let key = Some(test.editor_key.as_str());
    let one = new_service("a0000000-0000-4000-8000-000000000001", "Somali housing one");
    let two = new_service("a0000000-0000-4000-8000-000000000002", "Somali housing two");
    let mut bad = new_service("a0000000-0000-4000-8000-000000000003", "Bad");
    bad["service_at_locations"][0]["location"]["latitude"] = json!(123.0);

    let ndjson = format!("{one}\n{bad}\n");
    with_body(
        &router,
        "POST",
        "/api/v1/services/import",
        key,
        "application/x-ndjson",
        ndjson,
    )
    .await
    .problem(400, "invalid_body");
    assert_eq!(test.count().await, 3, "nothing from a rejected import");

    with_body(
        &router,
        "POST",
        "/api/v1/services/import",
        None,
        "application/json",
        json!([one]).to_string(),
    )
    .await
    .problem(401, "unauthorized");

    let ndjson = format!("{one}\n\n{two}\n");
    let reply = with_body(
        &router,
        "POST",
        "/api/v1/services/import",
        key,
        "application/x-ndjson",
        ndjson,
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json(), json!({"imported": 2}));
    let page = json!({"contents": [one, two]});
    let again = json_call(&router, "POST", "/api/v1/services/import", key, &page).await;
    assert_eq!(
        again.json(),
        json!({"imported": 2}),
        "re-import updates in place"
    );
    assert_eq!(test.count().await, 5);
    let found = get(&router, "/api/v1/search?q=somali%20housing&per_page=10")
        .await
        .json();
    assert_eq!(found["total"], json!(2));
}

#[tokio::test]
async fn a_bulk_import_is_audited_service_by_service() {
    let test = TestApp::new().await;
    let router = test.router();
    let key = Some(test.editor_key.as_str());
    let ids = [
        "c0000000-0000-4000-8000-000000000001",
        "c0000000-0000-4000-8000-000000000002",
    ];
    let page =
        json!({"contents": [new_service(ids[0], "Bulk one"), new_service(ids[1], "Bulk two")]});
    for _ in 0..2 {
        let reply = json_call(&router, "POST", "/api/v1/services/import", key, &page).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    }
    let request = Request::get("/api/v1/audit?limit=50")
        .header(header::AUTHORIZATION, format!("Bearer {}", test.admin_key))
        .body(Body::empty())
        .expect("request");
    let entries = send(&router, request).await.json();
    for id in ids {
        let mine: Vec<&Value> = entries["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .filter(|e| e["service_id"] == json!(id))
            .collect();
        let mut actions: Vec<&str> = mine.iter().filter_map(|e| e["action"].as_str()).collect();
        actions.sort_unstable();
        assert_eq!(actions, ["create", "update"], "{id}");
        for entry in &mine {
            assert_eq!(entry["key_name"], json!("Walsall navigator"));
            assert_eq!(entry["after"]["id"], json!(id));
        }
        let update = mine
            .iter()
            .find(|e| e["action"] == json!("update"))
            .expect("update");
        assert_eq!(
            update["before"]["id"],
            json!(id),
            "the update keeps what was there"
        );
    }
}

#[tokio::test]
async fn the_audit_log_is_for_admins() {
    let test = TestApp::new().await;
    let router = test.router();
    let id = "b0000000-0000-4000-8000-000000000001";
    let created = json_call(
        &router,
        "POST",
        "/api/v1/services",
        Some(&test.editor_key),
        &new_service(id, "Audited"),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED);
    let audit = |key: String| {
        let router = router.clone();
        async move {
            let request = Request::get("/api/v1/audit?limit=10")
                .header(header::AUTHORIZATION, format!("Bearer {key}"))
                .body(Body::empty())
                .expect("request");
            send(&router, request).await
        }
    };
    audit(test.editor_key.clone())
        .await
        .problem(403, "forbidden");
    get(&router, "/api/v1/audit")
        .await
        .problem(401, "unauthorized");
    let entries = audit(test.admin_key.clone()).await.json();
    let first = &entries["entries"][0];
    assert_eq!(first["service_id"], json!(id));
    assert_eq!(first["action"], json!("create"));
    assert_eq!(first["key_name"], json!("Walsall navigator"));
    assert_eq!(first["after"]["name"], json!("Audited"));
    assert_eq!(first["before"], Value::Null);
    assert!(
        !entries.to_string().contains(&test.editor_key),
        "keys never appear"
    );
}

#[tokio::test]
async fn match_ranks_services_for_a_profile() {
    let test = TestApp::new().await;
    let router = test.router();
    let profile = json!({
        "needs": [{"category": "mentoring", "essential": true}, {"category": "employment"}],
        "languages": {"speaks": ["syl", "ben"], "preferred": "syl", "interpreter_ok": false},
        "home": {"postcode": "WS1 1AA"},
        "max_distance_m": 8046,
        "reference": "case 123"
    });
    let reply = json_call(&router, "POST", "/api/v1/match", None, &profile).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let body = reply.json();
    let first = &body["results"][0];
    assert_eq!(first["service"]["id"], json!(MENTORING_ID));
    assert!(first["distance_m"].is_number() && first["score"].is_number());
    assert_eq!(first["criteria"][0]["criterion"], json!("need"));
    assert_eq!(first["criteria"][0]["status"], json!("met"));
    assert!(first["criteria"][0]["reason"].is_string());
    assert_eq!(first["criteria"][0].as_object().map(|o| o.len()), Some(3));
    assert_eq!(body["unmet_needs"][0]["category"], json!("employment"));
    assert!(body["unmet_needs"][0]["reason"].is_string());
    assert!(
        !reply.text.contains("case 123"),
        "the reference is never echoed"
    );

    let typo = json!({"needs": [{"category": "mentoring"}], "home": {"postcode": "WS1 1AA"}, "langauges": {}});
    json_call(&router, "POST", "/api/v1/match", None, &typo)
        .await
        .problem(400, "invalid_body");
    let nowhere = json!({"needs": [{"category": "mentoring"}], "home": {"postcode": "ZZ99 9ZZ"}});
    let problem = json_call(&router, "POST", "/api/v1/match", None, &nowhere)
        .await
        .problem(400, "invalid_postcode");
    assert!(
        !problem.to_string().contains("ZZ99"),
        "the home is not repeated back"
    );
}

#[tokio::test]
async fn operations_endpoints_and_metrics_never_carry_query_text() {
    let test = TestApp::new().await;
    let router = test.router();
    assert_eq!(
        get(&router, "/healthz").await.json(),
        json!({"status": "ok"})
    );
    assert_eq!(
        get(&router, "/readyz").await.json(),
        json!({"status": "ready"})
    );
    get(&router, "/api/v1/search?q=secretword").await;
    get(&router, "/services/no-such-service").await;
    get(&router, "/no/such/path")
        .await
        .problem(404, "not_found");
    let metrics = get(&router, "/metrics").await;
    assert!(metrics.content_type.starts_with("text/plain"));
    assert!(
        metrics.text.contains(
            "signpost_http_requests_total{method=\"GET\",route=\"/api/v1/search\",status=\"200\"} 1"
        ),
        "{}",
        metrics.text
    );
    assert!(
        metrics
            .text
            .contains("route=\"/services/{id}\",status=\"404\"} 1"),
        "{}",
        metrics.text
    );
    assert!(
        metrics
            .text
            .contains("route=\"unmatched\",status=\"404\"} 1"),
        "{}",
        metrics.text
    );
    assert!(
        metrics
            .text
            .contains("signpost_http_request_duration_seconds_bucket")
    );
    assert!(!metrics.text.contains("secretword"));
    assert!(!metrics.text.contains("no-such-service"));
}

#[tokio::test]
async fn security_headers_and_cors() {
    let test = TestApp::new().await;
    let router = test.router();
    let reply = get(&router, "/healthz").await;
    assert_eq!(reply.headers["x-content-type-options"], "nosniff");
    assert_eq!(reply.headers["x-frame-options"], "DENY");
    assert!(reply.headers.contains_key("content-security-policy"));
    let preflight = Request::builder()
        .method("OPTIONS")
        .uri("/api/v1/services")
        .header(header::ORIGIN, "https://council.example")
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .body(Body::empty())
        .expect("request");
    let allowed = send(&router, preflight).await;
    assert_eq!(
        allowed.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "https://council.example"
    );
    let other = Request::get("/healthz")
        .header(header::ORIGIN, "https://elsewhere.example")
        .body(Body::empty())
        .expect("request");
    assert!(
        !send(&router, other)
            .await
            .headers
            .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN)
    );
}

#[tokio::test]
async fn rate_limits_and_body_limits() {
    let test = TestApp::new().await;
    let limited = test.router_with(Limits {
        rate_per_minute: 2,
        ..Limits::default()
    });
    assert_eq!(
        get(&limited, "/api/v1/parse?q=x").await.status,
        StatusCode::OK
    );
    assert_eq!(
        get(&limited, "/api/v1/parse?q=x").await.status,
        StatusCode::OK
    );
    let refused = get(&limited, "/api/v1/parse?q=x").await;
    refused.problem(429, "rate_limited");
    assert_eq!(refused.headers[header::RETRY_AFTER], "30");

    let small = test.router_with(Limits {
        rate_per_minute: 0,
        max_body_bytes: 256,
        max_import_bytes: 256,
        ..Limits::default()
    });
    let big = new_service("c0000000-0000-4000-8000-000000000001", &"x".repeat(1_000));
    json_call(
        &small,
        "POST",
        "/api/v1/services",
        Some(&test.editor_key),
        &big,
    )
    .await
    .problem(413, "payload_too_large");
    with_body(
        &small,
        "POST",
        "/api/v1/services/import",
        Some(&test.editor_key),
        "application/json",
        json!([big]).to_string(),
    )
    .await
    .problem(413, "payload_too_large");
    assert_eq!(test.count().await, 3);
}

#[tokio::test]
async fn the_openapi_document_is_3_1_and_covers_every_route() {
    let test = TestApp::new().await;
    let doc = get(&test.router(), "/api/openapi.json").await.json();
    assert!(
        doc["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1")),
        "{}",
        doc["openapi"]
    );
    for path in [
        "/api/v1/search",
        "/api/v1/parse",
        "/api/v1/match",
        "/api/v1/services",
        "/api/v1/services/{id}",
        "/api/v1/services/import",
        "/api/v1/audit",
        "/",
        "/services",
        "/services/{id}",
        "/taxonomies",
        "/taxonomies/{id}",
        "/taxonomy_terms",
        "/taxonomy_terms/{id}",
        "/service_at_locations",
        "/service_at_locations/{id}",
        "/healthz",
        "/readyz",
        "/metrics",
        "/api/openapi.json",
        "/errors",
        "/errors/{code}",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
    assert!(doc["components"]["securitySchemes"]["api_key"].is_object());
    for (path, schema) in body_schemas(&doc) {
        assert!(
            schema.as_object().is_some_and(|s| !s.is_empty()),
            "{path}: a body has no schema"
        );
    }
    let search = &doc["components"]["schemas"]["SearchAnswer"]["properties"];
    assert!(search["results"].is_object() && search["facets"].is_object());
}

/// Every request and response body schema of the document, with the path it belongs to.
fn body_schemas(doc: &Value) -> Vec<(String, Value)> {
    let mut found = Vec::new();
    for (path, operations) in doc["paths"].as_object().expect("paths") {
        for operation in operations.as_object().expect("operations").values() {
            let responses = operation["responses"].as_object().into_iter().flatten();
            let bodies = responses
                .map(|(_, response)| response)
                .chain(std::iter::once(&operation["requestBody"]));
            for body in bodies {
                for media in body["content"].as_object().into_iter().flatten() {
                    found.push((path.clone(), media.1["schema"].clone()));
                }
            }
        }
    }
    found
}

#[tokio::test]
async fn browsers_get_the_web_pages_and_clients_the_json() {
    let test = TestApp::new().await;
    let router = test.router();
    let page = send(
        &router,
        Request::get("/")
            .header(header::ACCEPT, "text/html")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.content_type.starts_with("text/html"),
        "{}",
        page.content_type
    );
    assert_eq!(
        page.headers["x-content-type-options"], "nosniff",
        "layers cover the pages too"
    );
    let meta = get(&router, "/").await;
    assert_eq!(meta.json()["version"], json!("HSDS-UK-3.0"));
}

#[tokio::test]
async fn a_search_explains_itself_in_the_interface_language() {
    let test = TestApp::new().await;
    let router = test.router();
    let q = "free%20mentoring%20within%203%20miles%20of%20WS1%201AA";
    let explanation = |reply: &Reply| -> String {
        let body: Value = serde_json::from_str(&reply.text).expect("json");
        body["query"]["explanation"]
            .as_str()
            .expect("explanation")
            .to_owned()
    };
    let welsh = get(&router, &format!("/api/v1/search?q={q}&ui=cy")).await;
    assert_eq!(welsh.status, StatusCode::OK, "{}", welsh.text);
    let welsh = explanation(&welsh);
    assert!(
        welsh.starts_with("Gwasanaethau mentora, am ddim, o fewn 3 milltir i ardal"),
        "{welsh}"
    );
    let asked = send(
        &router,
        Request::get(format!("/api/v1/search?q={q}"))
            .header(header::ACCEPT_LANGUAGE, "cy-GB, en;q=0.5")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(explanation(&asked), welsh);
    let parsed = get(&router, &format!("/api/v1/parse?q={q}&ui=cy")).await;
    let parsed: Value = serde_json::from_str(&parsed.text).expect("json");
    assert_eq!(parsed["explanation"].as_str(), Some(welsh.as_str()));
    let labels: Vec<&str> = parsed["understood"]
        .as_array()
        .expect("understood")
        .iter()
        .filter_map(|chip| chip["label"].as_str())
        .collect();
    assert!(
        labels.contains(&"mentora") && labels.contains(&"am ddim"),
        "{labels:?}"
    );
    let english = get(&router, &format!("/api/v1/search?q={q}")).await;
    assert!(
        explanation(&english).starts_with("Mentoring services, free of charge, within 3 miles of"),
        "{}",
        explanation(&english)
    );
}
