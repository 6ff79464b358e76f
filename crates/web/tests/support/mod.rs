//! Helpers for the web crate's in-process page tests: a request through the router, the page it
//! answers, form posts, and signing in with a new key. Each test file includes it with
//! `mod support;` and uses only some of it.
#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use signpost_app::Directory;
use signpost_app::keys::Role;
use tower::ServiceExt;

pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

pub async fn send(router: &Router, request: Request<Body>) -> Page {
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

/// `GET uri` as a browser asks for a page, with the session `cookie` (none when empty).
pub async fn get_page(router: &Router, uri: &str, cookie: &str) -> Page {
    let mut request = Request::get(uri).header(header::ACCEPT, "text/html");
    if !cookie.is_empty() {
        request = request.header(header::COOKIE, cookie);
    }
    send(router, request.body(Body::empty()).expect("request")).await
}

/// A form posted to `uri` with the session `cookie` (none when empty).
pub async fn post_form(router: &Router, uri: &str, cookie: &str, fields: &[(&str, &str)]) -> Page {
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    let mut request =
        Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if !cookie.is_empty() {
        request = request.header(header::COOKIE, cookie);
    }
    send(router, request.body(Body::from(body)).expect("request")).await
}

/// The attribute value that follows `prefix` (which ends with the opening quote).
pub fn attribute_after(body: &str, prefix: &str) -> String {
    let start = body
        .find(prefix)
        .unwrap_or_else(|| panic!("{prefix} in {body}"))
        + prefix.len();
    body[start..].split('"').next().expect("value").to_owned()
}

/// Signs in with a new key of `role` (for `organization` when given): the session cookie and the
/// session's CSRF token.
pub async fn sign_in(
    directory: &Directory,
    router: &Router,
    role: Role,
    name: &str,
    organization: Option<&str>,
) -> (String, String) {
    let key = directory
        .access()
        .create_key_for(role, name, organization)
        .await
        .expect("key")
        .key;
    let page = post_form(router, "/navigator/sign-in", "", &[("key", &key)]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let cookie = page.headers[header::SET_COOKIE]
        .to_str()
        .expect("text")
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    let dashboard = get_page(router, "/navigator", &cookie).await;
    let csrf = attribute_after(&dashboard.body, r#"name="csrf" value=""#);
    (cookie, csrf)
}
