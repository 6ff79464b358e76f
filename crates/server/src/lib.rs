//! Signpost's HTTP service (axum): the JSON API of docs/api.md, the Open Referral UK read API,
//! the web pages (`signpost-web`), health, readiness and Prometheus metrics, and the OpenAPI 3.1 document generated from the
//! handlers. Every error is RFC 9457 `application/problem+json` with a stable code whose `type`
//! refers to the code's page on this server (`/errors/{code}`); the JSON shapes are [`wire`]'s.
//!
//! Reads are open; writes need `Authorization: Bearer <key>` with an editor (or admin) role. Every
//! request passes security headers, CORS, a per-client rate limit, a timeout and a body limit.
//! Build the router with [`app`] (tests drive it with `tower::ServiceExt::oneshot`), or run it
//! with [`serve`], which finishes in-flight requests on Ctrl-C or SIGTERM.
//!
//! ```no_run
//! # async fn run() -> Result<(), signpost_server::ServeError> {
//! let config = signpost_server::ServerConfig::new("signpost-data");
//! signpost_server::serve(config).await
//! # }
//! ```

pub mod api;
pub mod auth;
pub mod config;
pub mod data_problems;
pub mod duplicates;
pub mod error;
pub mod error_pages;
pub mod forwarded;
pub mod language;
pub mod layers;
pub mod limits;
pub mod listener;
pub mod metrics;
pub mod openapi;
pub mod oruk;
pub mod oruk_view;
pub mod paging;
pub mod referrals;
pub mod sequence;
pub mod state;
pub mod wire;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{StatusCode, header};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use signpost_app::{AppError, Code, Directory};
use tokio::net::TcpListener;

pub use config::{Limits, ServerConfig};
pub use error::ApiError;
pub use state::AppState;

/// The server could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot open the directory: {0}")]
    Directory(#[from] AppError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("the server stopped: {0}")]
    Io(#[from] std::io::Error),
}

/// The whole service: the web pages in front of the API, ORUK API, health, metrics and OpenAPI,
/// with every layer (body limits, error bodies, rate limit, timeout, CORS, security headers)
/// around both.
pub fn app(state: AppState, cors_origins: &[String]) -> Router {
    let limits = *state.limits();
    let api = routes(&limits)
        .route_layer(from_fn_with_state(state.clone(), layers::record_metrics))
        .fallback(unmatched)
        .with_state(state.clone());
    let metrics = from_fn_with_state(state.clone(), layers::record_metrics);
    let measured = move |pages: Router| pages.route_layer(metrics);
    signpost_web::with_wrapped_pages(api, state.directory().clone(), measured)
        .layer(DefaultBodyLimit::max(limits.max_body_bytes))
        .layer(from_fn(layers::error_bodies))
        .layer(from_fn(language::problems_in_language))
        .layer(from_fn_with_state(
            state.clone(),
            sequence::read_your_writes,
        ))
        .layer(from_fn_with_state(state.clone(), layers::rate_limit))
        .layer(from_fn_with_state(state.clone(), layers::timeout))
        .layer(layers::cors(cors_origins))
        .layer(from_fn(layers::security_headers))
}

/// Every API route; the bulk import takes bodies up to `max_import_bytes`, every other route up to
/// `max_body_bytes` (the layer around the whole service).
fn routes(limits: &Limits) -> Router<AppState> {
    Router::new()
        .route("/api/v1/search", get(api::search))
        .route("/api/v1/parse", get(api::parse))
        .route("/api/v1/match", axum::routing::post(api::match_person))
        .route("/api/v1/services", axum::routing::post(api::create_service))
        .route(
            "/api/v1/services/import",
            axum::routing::post(api::import).layer(DefaultBodyLimit::max(limits.max_import_bytes)),
        )
        .route(
            "/api/v1/services/{id}",
            get(api::get_service)
                .put(api::replace_service)
                .delete(api::delete_service),
        )
        .route("/api/v1/audit", get(api::audit))
        .route("/api/v1/duplicates", get(duplicates::list))
        .route(
            "/api/v1/duplicates/decisions",
            axum::routing::post(duplicates::decide),
        )
        .route(
            "/api/v1/services/{id}/checked",
            axum::routing::post(duplicates::mark_checked),
        )
        .route(
            "/api/v1/services/{id}/data-problems",
            get(data_problems::list),
        )
        .route(
            "/api/v1/referrals",
            get(referrals::list).post(referrals::send),
        )
        .route(
            "/api/v1/referrals/{id}",
            get(referrals::get).patch(referrals::change),
        )
        .route("/", get(oruk::meta))
        .route("/services", get(oruk::services))
        .route("/services/{id}", get(oruk::service))
        .route("/taxonomies", get(oruk::taxonomies))
        .route("/taxonomies/{id}", get(oruk::taxonomy))
        .route("/taxonomy_terms", get(oruk::taxonomy_terms))
        .route("/taxonomy_terms/{id}", get(oruk::taxonomy_term))
        .route("/service_at_locations", get(oruk::service_at_locations))
        .route("/service_at_locations/{id}", get(oruk::service_at_location))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .route("/api/openapi.json", get(openapi::document))
        .route(
            "/errors",
            get(error_pages::index).layer(from_fn(signpost_web::choose_language)),
        )
        .route(
            "/errors/{code}",
            get(error_pages::page).layer(from_fn(signpost_web::choose_language)),
        )
}

/// Opens the directory and serves until Ctrl-C or SIGTERM, then finishes in-flight requests.
pub async fn serve(config: ServerConfig) -> Result<(), ServeError> {
    let directory =
        Arc::new(Directory::open(&config.db_dir, config.database_url.as_deref()).await?);
    referrals::spawn_purge(directory.clone(), config.referral_retention);
    directory.follow();
    directory.set_stale_after(config.stale_after_months);
    signpost_app::harvest::schedule(
        directory.clone(),
        config.harvests.clone(),
        config.harvest_every,
    );
    let state = AppState::behind_proxies(directory, config.limits, config.trusted_proxies);
    let listener = TcpListener::bind(config.addr)
        .await
        .map_err(|source| ServeError::Bind {
            addr: config.addr,
            source,
        })?;
    tracing::info!(addr = %config.addr, "signpost is listening");
    serve_on(
        listener,
        app(state, &config.cors_origins),
        shutdown_signal(),
    )
    .await
}

/// Serves a router on a bound listener until `shutdown` completes, then finishes in-flight requests.
/// The requests hyper refuses before the router sees them (an address over 64 KB, headers over its
/// buffer, malformed HTTP) are answered with a problem body too ([`listener`]).
pub async fn serve_on(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    axum::serve(
        listener::ProblemListener::new(listener),
        router.into_make_service_with_connect_info::<listener::ClientAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await?;
    tracing::info!("signpost stopped");
    Ok(())
}

/// Completes on Ctrl-C or (on Unix) SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// `GET /healthz`: the process is alive.
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "Alive", body = wire::Status)))]
pub async fn healthz() -> axum::Json<wire::Status> {
    axum::Json(wire::Status { status: "ok" })
}

/// `GET /readyz`: the store answers and the index is open.
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses(
        (status = 200, description = "Ready", body = wire::Status),
        (status = 503, description = "Not ready", body = wire::Problem, content_type = "application/problem+json"),
    ))]
pub async fn readyz(State(state): State<AppState>) -> Result<axum::Json<wire::Status>, ApiError> {
    if state.directory().is_ready().await {
        Ok(axum::Json(wire::Status { status: "ready" }))
    } else {
        Err(ApiError::said(
            Code::Unavailable,
            error::Detail::StoreOrIndexNotReady,
        ))
    }
}

/// `GET /metrics`: Prometheus text.
#[utoipa::path(get, path = "/metrics", tag = "operations",
    responses((status = 200, description = "Prometheus text exposition", body = String, content_type = "text/plain")))]
pub async fn metrics(State(state): State<AppState>) -> Response {
    let mut text = state.metrics().render();
    match state.directory().gauges().await {
        Ok(gauges) => text.push_str(&metrics::render_directory(&gauges)),
        Err(error) => tracing::warn!(%error, "cannot read the directory's gauges for /metrics"),
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
        .into_response()
}

async fn unmatched(State(state): State<AppState>, method: axum::http::Method) -> ApiError {
    state.metrics().record(
        method.as_str(),
        metrics::UNMATCHED_ROUTE,
        StatusCode::NOT_FOUND.as_u16(),
        std::time::Duration::ZERO,
    );
    ApiError::said(Code::NotFound, error::Detail::NothingHere)
}
