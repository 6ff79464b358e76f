//! Middleware around every route: metrics, rate limits, timeouts, security headers and CORS.

use std::net::SocketAddr;
use std::time::Instant;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::header::{self, HeaderName};
use axum::http::{HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use signpost_app::Code;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::auth::bearer_token;
use crate::error::ApiError;
use crate::metrics::UNMATCHED_ROUTE;
use crate::state::AppState;

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

/// Refuses a client that is over its allowance with 429 `rate_limited` and `Retry-After`.
pub async fn rate_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let client = client_id(&state, &request);
    match state.limiter().check(&client, Instant::now()) {
        Ok(()) => next.run(request).await,
        Err(retry) => {
            let mut response = ApiError::new(
                Code::RateLimited,
                format!("too many requests; try again in {} s", retry.seconds),
            )
            .into_response();
            if let Ok(value) = HeaderValue::from_str(&retry.seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            response
        }
    }
}

/// The client a request counts against: its key when the key is known good, else its address.
fn client_id(state: &AppState, request: &Request) -> String {
    if let Some(key_id) =
        bearer_token(request.headers()).and_then(|key| state.keys().known_key_id(key))
    {
        return format!("key:{key_id}");
    }
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(
            || "ip:unknown".to_owned(),
            |ConnectInfo(addr)| format!("ip:{}", addr.ip()),
        )
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
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
}
