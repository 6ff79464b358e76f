//! Middleware around every route: metrics, error bodies, rate limits, timeouts, security headers
//! and CORS.
//!
//! An error is a problem+json body, except that a browser asking for a page (an `Accept` with
//! `text/html` and without `application/json`, on a page's address) gets an HTML page.

use std::time::Instant;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::header::{self, HeaderName};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use signpost_app::Code;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::auth::bearer_token;
use crate::error::{ApiError, Detail};
use crate::listener::ClientAddr;
use crate::metrics::UNMATCHED_ROUTE;
use crate::state::AppState;

/// Addresses a rate limit never refuses: health checks and metrics scrapes.
const UNLIMITED: [&str; 3] = ["/healthz", "/readyz", "/metrics"];

/// The most of a plain-text error body kept as a problem's `detail`.
const MAX_DETAIL_BYTES: usize = 1024;

/// Records the request in the metrics under its route template.
pub async fn record_metrics(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or(UNMATCHED_ROUTE, MatchedPath::as_str)
        .to_owned();
    let response = next.run(request).await;
    state.metrics().record(
        &method,
        &route,
        response.status().as_u16(),
        started.elapsed(),
    );
    response
}

/// Refuses a client that is over its allowance with 429 `rate_limited` and `Retry-After` (an HTML
/// page to a browser asking for a page); health checks and metrics are never refused.
pub async fn rate_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if UNLIMITED.contains(&request.uri().path()) {
        return next.run(request).await;
    }
    let client = client_id(&state, &request);
    match state.limiter().check(&client, Instant::now()) {
        Ok(()) => next.run(request).await,
        Err(retry) => {
            let mut response = error_response(
                ApiError::new(
                    Code::RateLimited,
                    format!("too many requests; try again in {} s", retry.seconds),
                ),
                wants_page(&request),
            );
            if let Ok(value) = HeaderValue::from_str(&retry.seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            response
        }
    }
}

/// The client a request counts against: its key when the key is known good, else its address
/// (as a trusted proxy forwarded it, when it came through one).
fn client_id(state: &AppState, request: &Request) -> String {
    if let Some(key_id) =
        bearer_token(request.headers()).and_then(|key| state.keys().known_key_id(key))
    {
        return format!("key:{key_id}");
    }
    request
        .extensions()
        .get::<ConnectInfo<ClientAddr>>()
        .map_or_else(
            || "ip:unknown".to_owned(),
            |ConnectInfo(ClientAddr(peer))| {
                let client = state.trusted_proxies().client(peer.ip(), request.headers());
                format!("ip:{client}")
            },
        )
}

/// Gives every error without a body of its own (axum's 404 and 405, a body limit's 413, a
/// plain-text rejection) a problem+json body, or an HTML page for a browser asking for a page.
/// Headers such as `Allow` and `Retry-After` are kept.
pub async fn error_bodies(request: Request, next: Next) -> Response {
    let page = wants_page(&request);
    let method = request.method().clone();
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    if content_type.starts_with("application/problem+json") || content_type.starts_with("text/html")
    {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = if content_type.starts_with("text/plain") {
        axum::body::to_bytes(body, MAX_DETAIL_BYTES)
            .await
            .map(|bytes| String::from_utf8_lossy(&bytes).trim().to_owned())
            .unwrap_or_default()
    } else {
        String::new()
    };
    let mut replaced = error_response(problem_for(status, &method, text), page);
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            replaced
                .headers_mut()
                .entry(name)
                .or_insert_with(|| value.clone());
        }
    }
    replaced
}

/// The problem of an error that came without a body, from its status: the text it came with, or
/// the catalogue's sentence for its status.
fn problem_for(status: StatusCode, method: &Method, text: String) -> ApiError {
    let (code, default) = match status {
        StatusCode::NOT_FOUND => (Code::NotFound, Detail::NothingHere),
        StatusCode::METHOD_NOT_ALLOWED => (
            Code::MethodNotAllowed,
            Detail::MethodNotTaken {
                method: method.to_string(),
            },
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (Code::PayloadTooLarge, Detail::BodyTooLarge),
        StatusCode::URI_TOO_LONG => (Code::UriTooLong, Detail::AddressTooLong),
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => {
            (Code::HeadersTooLarge, Detail::HeadersTooLarge)
        }
        StatusCode::UNAUTHORIZED => (Code::Unauthorized, Detail::KeyNeeded),
        StatusCode::FORBIDDEN => (Code::Forbidden, Detail::NotAllowed),
        StatusCode::TOO_MANY_REQUESTS => (Code::RateLimited, Detail::TooMany),
        StatusCode::CONFLICT => (Code::Conflict, Detail::Conflicts),
        StatusCode::UNSUPPORTED_MEDIA_TYPE | StatusCode::UNPROCESSABLE_ENTITY => {
            (Code::InvalidBody, Detail::BodyNotTaken)
        }
        StatusCode::REQUEST_TIMEOUT | StatusCode::GATEWAY_TIMEOUT => {
            (Code::Timeout, Detail::TooSlow)
        }
        StatusCode::SERVICE_UNAVAILABLE => (Code::Unavailable, Detail::NotReady),
        s if s.is_client_error() => (Code::InvalidParameter, Detail::NotValidHere),
        _ => {
            tracing::error!(%status, %text, "an error response without a body");
            return ApiError::said(Code::Internal, Detail::Internal);
        }
    };
    if text.is_empty() {
        ApiError::said(code, default)
    } else {
        ApiError::new(code, text)
    }
}

/// Whether a request is a browser's for a page: it accepts HTML, not JSON, at a page's address.
pub fn wants_page(request: &Request) -> bool {
    let accept = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let html = accept.contains("text/html") && !accept.contains("json");
    html && signpost_web::is_page_request(request.method(), request.uri().path(), html)
}

/// An error answer: the web pages' own error page (status, `detail`, the code and a link to its
/// page) or a problem+json body.
fn error_response(problem: ApiError, page: bool) -> Response {
    if page {
        signpost_web::WebError::refused(problem.code, sentence(&problem.detail)).into_response()
    } else {
        problem.into_response()
    }
}

/// A detail as a sentence: a capital first letter and a full stop.
fn sentence(detail: &str) -> String {
    let mut chars = detail.chars();
    let mut text: String = chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if !text.ends_with('.') {
        text.push('.');
    }
    text
}

/// Answers `timeout` (504) when a request takes longer than allowed.
pub async fn timeout(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let limit = state.limits().request_timeout;
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::new(
            Code::Timeout,
            format!("the request took longer than {} s", limit.as_secs_f64()),
        )
        .into_response(),
    }
}

/// Headers every response carries.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let fixed: [(HeaderName, &'static str); 5] = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
        ),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    for (name, value) in fixed {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    response
}

/// CORS for the configured origins (`*` for any); reads from anywhere, writes with a key.
pub fn cors(origins: &[String]) -> CorsLayer {
    let allow_origin = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()))
    };
    CorsLayer::new()
        .allow_origin(allow_origin)
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            crate::sequence::MIN_SEQUENCE,
        ])
        .expose_headers([crate::sequence::SEQUENCE, crate::sequence::BEHIND])
}
