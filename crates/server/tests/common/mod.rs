//! A small directory in a temporary folder, its keys, and helpers to call the router in-process.
//! Each test binary uses some of the helpers, hence `dead_code` is allowed here.
#![allow(dead_code)]

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use signpost_app::keys::Role;
use signpost_app::{Directory, OpenOptions};
use signpost_domain::Service;
use signpost_server::{AppState, Limits, app};
use tower::ServiceExt;

pub const MENTORING_ID: &str = "3f1c2a4e-7b5d-4c1a-9e2f-0a1b2c3d4e5f";
pub const COUNSELLING_ID: &str = "8a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d";
pub const EMPLOYMENT_ID: &str = "c0ffee00-1234-4abc-9def-0123456789ab";

fn attribute(id: &str, taxonomy: &str, code: &str, name: &str) -> Value {
    json!({"id": id, "taxonomy_term": {"id": format!("{taxonomy}:{code}"), "code": code, "name": name,
           "description": name, "taxonomy": taxonomy}})
}

/// Three services around Walsall and Birmingham.
pub fn seed_services() -> Vec<Service> {
    let records = vec![
        json!({
            "id": MENTORING_ID, "name": "Bengali and Sylheti peer mentoring", "status": "active",
            "description": "Mentoring for people on probation from mentors who speak Bengali and Sylheti.",
            "url": "https://example.org/mentoring", "email": "mentoring@example.org",
            "organization": {"id": "0b5e1c3a-2d4f-4e6a-8b7c-9d0e1f2a3b4c", "name": "Walsall Bangladeshi Association"},
            "languages": [{"id": "6f1a2b3c-4d5e-4f6a-8b9c-0d1e2f3a4b5c", "code": "ben"}, {"id": "7a1b2c3d-4e5f-4a6b-8c9d-0e1f2a3b4c5d", "code": "syl"}],
            "attributes": [attribute("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "signpost-category", "mentoring", "Mentoring and befriending")],
            "service_at_locations": [{"id": "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f", "location": {
                "id": "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a", "location_type": "physical", "name": "Caldmore Centre",
                "latitude": 52.5797, "longitude": -1.9860,
                "addresses": [{"id": "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b", "address_1": "1 Caldmore Road", "city": "Walsall",
                               "state_province": "West Midlands", "postal_code": "WS1 3RH", "country": "GB", "address_type": "physical"}]}}]
        }),
        json!({
            "id": COUNSELLING_ID, "name": "Punjabi women's counselling", "status": "active",
            "description": "Counselling for women, in Punjabi and Urdu.",
            "languages": [{"id": "4f5a6b7c-8d9e-4f0a-8b1c-2d3e4f5a6b7c", "code": "pan"}, {"id": "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d", "code": "urd"}],
            "attributes": [attribute("6b7c8d9e-0f1a-4b2c-8d3e-4f5a6b7c8d9e", "signpost-category", "mental-health", "Mental health"),
                           attribute("7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f", "signpost-gender", "female", "For women"),
                           attribute("8d9e0f1a-2b3c-4d4e-8f5a-6b7c8d9e0f1a", "signpost-faith", "sikh", "Sikh")],
            "service_at_locations": [{"id": "9e0f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b", "location": {
                "id": "0f1a2b3c-4d5e-4f6a-8b7c-8d9e0f1a2b3c", "location_type": "physical",
                "latitude": 52.5862, "longitude": -1.9829}}]
        }),
        json!({
            "id": EMPLOYMENT_ID, "name": "Polish employment support", "status": "active",
            "description": "Help finding work, CVs and interviews, in Polish.",
            "languages": [{"id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e", "code": "pol"}],
            "attributes": [attribute("2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6f", "signpost-category", "employment", "Employment")],
            "service_at_locations": [{"id": "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6a", "location": {
                "id": "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7b", "location_type": "physical",
                "latitude": 52.4796, "longitude": -1.9026}}]
        }),
    ];
    records
        .into_iter()
        .map(|r| serde_json::from_value(r).expect("seed service"))
        .collect()
}

/// A seeded directory in a temporary folder, with an editor and an admin key.
pub struct TestApp {
    pub directory: Arc<Directory>,
    pub editor_key: String,
    pub admin_key: String,
    _dir: tempfile::TempDir,
}

impl TestApp {
    pub async fn new() -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let options = OpenOptions {
            load_demo: false,
            ..OpenOptions::new(dir.path(), None)
        };
        let directory = Directory::open_with(&options)
            .await
            .expect("directory opens");
        directory.import(seed_services()).await.expect("seeded");
        let editor_key = directory
            .create_key(Role::Editor, "Walsall navigator")
            .await
            .expect("editor")
            .key;
        let admin_key = directory
            .create_key(Role::Admin, "Signpost admin")
            .await
            .expect("admin")
            .key;
        TestApp {
            directory: Arc::new(directory),
            editor_key,
            admin_key,
            _dir: dir,
        }
    }

    pub fn router(&self) -> Router {
        self.router_with(Limits {
            rate_per_minute: 0,
            ..Limits::default()
        })
    }

    pub fn router_with(&self, limits: Limits) -> Router {
        app(
            AppState::new(self.directory.clone(), limits),
            &["https://council.example".to_owned()],
        )
    }

    pub async fn count(&self) -> u64 {
        self.directory.count().await.expect("count")
    }
}

/// A finished response: status, content type, headers and body.
pub struct Reply {
    pub status: StatusCode,
    pub content_type: String,
    pub headers: axum::http::HeaderMap,
    pub text: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    /// Asserts a problem+json reply with this status and code, and returns its body.
    pub fn problem(&self, status: u16, code: &str) -> Value {
        assert_eq!(self.status.as_u16(), status, "{}", self.text);
        assert_eq!(
            self.content_type, "application/problem+json",
            "{}",
            self.text
        );
        let body = self.json();
        assert_eq!(body["code"], json!(code), "{body}");
        assert_eq!(body["status"], json!(status));
        assert!(
            body["type"]
                .as_str()
                .is_some_and(|t| t.ends_with(&format!("/{code}")))
        );
        assert!(body["detail"].is_string());
        body
    }
}

pub async fn send(router: &Router, request: Request<Body>) -> Reply {
    let response = router.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    Reply {
        status,
        content_type,
        headers,
        text: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

pub async fn get(router: &Router, uri: &str) -> Reply {
    send(
        router,
        Request::get(uri).body(Body::empty()).expect("request"),
    )
    .await
}

pub async fn with_body(
    router: &Router,
    method: &str,
    uri: &str,
    key: Option<&str>,
    content_type: &str,
    body: String,
) -> Reply {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::CONTENT_TYPE, content_type);
    if let Some(key) = key {
        request = request.header(header::AUTHORIZATION, format!("Bearer {key}"));
    }
    send(router, request.body(Body::from(body)).expect("request")).await
}

pub async fn json_call(
    router: &Router,
    method: &str,
    uri: &str,
    key: Option<&str>,
    body: &Value,
) -> Reply {
    with_body(
        router,
        method,
        uri,
        key,
        "application/json",
        body.to_string(),
    )
    .await
}
