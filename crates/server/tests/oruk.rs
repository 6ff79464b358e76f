//! The Open Referral UK read API, every response checked against the ORUK 3.0 OpenAPI schemas
//! (`../shared/spec/oruk/openapi.json`) with `format`s enforced, as the ORUK validator does.

mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::{Value, json};
use signpost_server::oruk_view::oruk_id;

const ORUK_OPENAPI: &str = "../../../shared/spec/oruk/openapi.json";

/// Validates instances against the 200 response schema of one ORUK operation.
struct OrukSchema {
    validator: jsonschema::Validator,
}

impl OrukSchema {
    fn of(path: &str) -> OrukSchema {
        let text = std::fs::read_to_string(ORUK_OPENAPI)
            .expect("the ORUK OpenAPI document (shared/spec/oruk)");
        let mut root: Value = serde_json::from_str(&text).expect("JSON");
        let response =
            root["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
                .clone();
        assert!(response.is_object(), "{path} has a 200 schema");
        // The whole document is the root resource, so "#/components/..." references resolve.
        root["allOf"] = json!([response]);
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&root)
            .expect("schema builds");
        OrukSchema { validator }
    }

    fn check(&self, what: &str, instance: &Value) {
        let errors: Vec<String> = self
            .validator
            .iter_errors(instance)
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect();
        assert!(
            errors.is_empty(),
            "{what} is not valid ORUK: {errors:#?}\n{instance}"
        );
    }
}

fn ids(page: &Value) -> Vec<String> {
    page["contents"]
        .as_array()
        .expect("contents")
        .iter()
        .map(|c| c["id"].as_str().expect("id").to_owned())
        .collect()
}

#[tokio::test]
async fn the_meta_endpoint_names_the_uk_profile() {
    let test = TestApp::new().await;
    let body = get(&test.router(), "/").await.json();
    assert_eq!(body["version"], json!("HSDS-UK-3.0"));
    OrukSchema::of("/").check("GET /", &body);
}

#[tokio::test]
async fn services_page_with_page_alone_and_with_per_page() {
    let test = TestApp::new().await;
    let router = test.router();
    let list_schema = OrukSchema::of("/services");
    let all = get(&router, "/services?page=1").await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.text);
    let all = all.json();
    list_schema.check("GET /services?page=1", &all);
    assert_eq!(all["total_items"], json!(3));
    assert_eq!(all["total_pages"], json!(1));
    assert_eq!(
        (
            all["first_page"].clone(),
            all["last_page"].clone(),
            all["empty"].clone()
        ),
        (json!(true), json!(true), json!(false))
    );

    let second = get(&router, "/services?page=2&per_page=2").await.json();
    list_schema.check("GET /services?page=2&per_page=2", &second);
    assert_eq!(
        (
            second["total_pages"].clone(),
            second["page_number"].clone(),
            second["size"].clone()
        ),
        (json!(2), json!(2), json!(1))
    );
    assert_eq!(second["last_page"], json!(true));
    let beyond = get(&router, "/services?page=9").await.json();
    assert_eq!(
        (beyond["empty"].clone(), beyond["size"].clone()),
        (json!(true), json!(0))
    );
    get(&router, "/services?page=0")
        .await
        .problem(400, "invalid_parameter");
    get(&router, "/services?per_page=lots")
        .await
        .problem(400, "invalid_parameter");
    assert_eq!(
        get(&router, "/services?per_page=99999").await.json()["size"],
        json!(3)
    );

    let one = OrukSchema::of("/services/{id}");
    for id in ids(&all) {
        let service = get(&router, &format!("/services/{id}")).await;
        assert_eq!(service.status, StatusCode::OK, "{}", service.text);
        one.check(&format!("GET /services/{id}"), &service.json());
    }
    get(&router, "/services/no-such-id")
        .await
        .problem(404, "not_found");
}

#[tokio::test]
async fn services_filter_by_text_term_postcode_and_proximity() {
    let test = TestApp::new().await;
    let router = test.router();
    assert_eq!(
        ids(&get(&router, "/services?text=polish").await.json()),
        vec![EMPLOYMENT_ID]
    );
    assert_eq!(
        ids(&get(&router, "/services?search=punjabi").await.json()),
        vec![COUNSELLING_ID]
    );
    let by_code = get(
        &router,
        "/services?taxonomy_term_id=signpost-category:mentoring",
    )
    .await
    .json();
    assert_eq!(ids(&by_code), vec![MENTORING_ID]);
    let by_uuid = get(
        &router,
        &format!(
            "/services?taxonomy_term_id={}",
            oruk_id("signpost-category:mentoring")
        ),
    )
    .await
    .json();
    assert_eq!(ids(&by_uuid), vec![MENTORING_ID]);
    let unknown_term = get(&router, "/services?taxonomy_term_id=nothing")
        .await
        .json();
    assert_eq!(unknown_term["total_items"], json!(0), "{unknown_term}");
    assert_eq!(
        ids(&get(&router, "/services?postcode=WS1").await.json()),
        vec![MENTORING_ID]
    );
    let near = get(&router, "/services?postcode=WS1%201AA&proximity=3000").await;
    assert_eq!(near.status, StatusCode::OK, "{}", near.text);
    let near = near.json();
    OrukSchema::of("/services").check("proximity", &near);
    let mut found = ids(&near);
    found.sort();
    let mut expected = vec![MENTORING_ID.to_owned(), COUNSELLING_ID.to_owned()];
    expected.sort();
    assert_eq!(found, expected);
    get(&router, "/services?proximity=3000")
        .await
        .problem(400, "invalid_parameter");
    get(&router, "/services?postcode=WS1%201AA&proximity=-5")
        .await
        .problem(400, "invalid_radius");
}

#[tokio::test]
async fn taxonomies_and_terms_list_and_resolve_by_id() {
    let test = TestApp::new().await;
    let router = test.router();
    let terms = get(&router, "/taxonomy_terms?page=1").await.json();
    OrukSchema::of("/taxonomy_terms").check("GET /taxonomy_terms", &terms);
    assert_eq!(terms["total_items"], json!(5), "{terms}");
    let term_schema = OrukSchema::of("/taxonomy_terms/{id}");
    for id in ids(&terms) {
        let term = get(&router, &format!("/taxonomy_terms/{id}")).await;
        assert_eq!(term.status, StatusCode::OK, "{}", term.text);
        term_schema.check("GET /taxonomy_terms/{id}", &term.json());
    }
    let by_own_id = get(&router, "/taxonomy_terms/signpost-category:mentoring")
        .await
        .json();
    assert_eq!(
        by_own_id["id"],
        json!(oruk_id("signpost-category:mentoring"))
    );

    let taxonomies = get(&router, "/taxonomies?page=1&per_page=10").await.json();
    OrukSchema::of("/taxonomies").check("GET /taxonomies", &taxonomies);
    assert_eq!(
        taxonomies["total_items"],
        json!(3),
        "category, faith and gender are used"
    );
    let taxonomy_schema = OrukSchema::of("/taxonomies/{id}");
    for id in ids(&taxonomies) {
        let taxonomy = get(&router, &format!("/taxonomies/{id}")).await;
        assert_eq!(taxonomy.status, StatusCode::OK, "{}", taxonomy.text);
        taxonomy_schema.check("GET /taxonomies/{id}", &taxonomy.json());
    }
    get(&router, "/taxonomies/none")
        .await
        .problem(404, "not_found");
    get(&router, "/taxonomy_terms/none")
        .await
        .problem(404, "not_found");
}

#[tokio::test]
async fn services_at_locations_carry_the_service_name_and_status() {
    let test = TestApp::new().await;
    let router = test.router();
    let list = get(&router, "/service_at_locations?page=1").await.json();
    OrukSchema::of("/service_at_locations").check("GET /service_at_locations", &list);
    assert_eq!(list["total_items"], json!(3));
    let one = OrukSchema::of("/service_at_locations/{id}");
    for id in ids(&list) {
        let reply = get(&router, &format!("/service_at_locations/{id}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        let body = reply.json();
        one.check("GET /service_at_locations/{id}", &body);
        assert!(body["name"].is_string() && body["status"].is_string());
    }
    get(&router, "/service_at_locations/none")
        .await
        .problem(404, "not_found");
}

#[tokio::test]
async fn the_demo_directory_is_valid_oruk() {
    let dir = tempfile::tempdir().expect("temp dir");
    let directory = signpost_app::Directory::open(dir.path(), None)
        .await
        .expect("opens with the demo");
    let router = signpost_server::app(
        signpost_server::AppState::new(
            std::sync::Arc::new(directory),
            signpost_server::Limits::default(),
        ),
        &[],
    );
    let list_schema = OrukSchema::of("/services");
    let one = OrukSchema::of("/services/{id}");
    let first = get(&router, "/services?page=1&per_page=100").await.json();
    let pages = first["total_pages"].as_u64().expect("pages");
    assert!(first["total_items"].as_u64().is_some_and(|n| n >= 20));
    for page in 1..=pages {
        let listed = get(&router, &format!("/services?page={page}&per_page=100"))
            .await
            .json();
        list_schema.check("demo page", &listed);
        for id in ids(&listed) {
            one.check(&id, &get(&router, &format!("/services/{id}")).await.json());
        }
    }
}
