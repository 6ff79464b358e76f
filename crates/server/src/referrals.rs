//! `/api/v1/referrals` (docs/referrals.md): send a referral, move it along its loop, list and read
//! the referrals a key may see; and the purge of closed referrals past their retention period,
//! run when the server starts and daily.

use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use signpost_app::keys::Role;
use signpost_app::{Directory, ReferralQuery, Retention};
use utoipa::IntoParams;

use crate::auth::Caller;
use crate::error::{ApiError, ApiJson, ApiQuery};
use crate::state::AppState;
use crate::wire::{Problem, ReferralBody, ReferralList, ReferralMove, ReferralRecord};

/// How often the purge runs after the first, at start.
const PURGE_EVERY: Duration = Duration::from_secs(24 * 60 * 60);

/// `GET /api/v1/referrals` parameters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReferralParams {
    /// Only referrals to this service.
    pub service_id: Option<String>,
    /// Only referrals in this status.
    pub status: Option<String>,
}

/// Send a referral (editor or admin key).
#[utoipa::path(post, path = "/api/v1/referrals", tag = "referrals",
    request_body(content = ReferralBody, content_type = "application/json"),
    security(("api_key" = [])),
    responses(
        (status = 201, description = "Sent", body = ReferralRecord),
        (status = 400, description = "An unknown field, a bad code or case reference", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid key", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such service", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn send(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<ReferralBody>,
) -> Result<Response, ApiError> {
    let actor = caller.require(Role::Editor)?;
    let referral = state
        .directory()
        .referrals()
        .send(&actor, &body.into())
        .await?;
    let location = format!("/api/v1/referrals/{}", referral.id);
    let mut response = (StatusCode::CREATED, Json(ReferralRecord::from(referral))).into_response();
    if let Ok(value) = location.parse() {
        response.headers_mut().insert(header::LOCATION, value);
    }
    Ok(response)
}

/// Move a referral to its next status.
#[utoipa::path(patch, path = "/api/v1/referrals/{id}", tag = "referrals",
    params(("id" = String, Path, description = "The referral id")),
    request_body(content = ReferralMove, content_type = "application/json"),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "Moved", body = ReferralRecord),
        (status = 400, description = "An unknown field, status or reason", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid key", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No referral this key may see", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not an allowed move (the problem names the allowed ones)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn change(
    State(state): State<AppState>,
    Path(id): Path<String>,
    caller: Caller,
    ApiJson(body): ApiJson<ReferralMove>,
) -> Result<Json<ReferralRecord>, ApiError> {
    let actor = caller.require(Role::Editor)?;
    let referral = state
        .directory()
        .referrals()
        .change_status(&actor, &id, &body.status, body.reason.as_deref())
        .await?;
    Ok(Json(referral.into()))
}

/// The referrals this key may see, newest first.
#[utoipa::path(get, path = "/api/v1/referrals", tag = "referrals", params(ReferralParams),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "The referrals", body = ReferralList),
        (status = 400, description = "An unknown status", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid key", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(params): ApiQuery<ReferralParams>,
) -> Result<Json<ReferralList>, ApiError> {
    let actor = caller.require(Role::Editor)?;
    let query = ReferralQuery {
        service_id: params.service_id.filter(|s| !s.trim().is_empty()),
        status: params.status.filter(|s| !s.trim().is_empty()),
    };
    let referrals = state.directory().referrals().list(&actor, &query).await?;
    Ok(Json(ReferralList {
        referrals: referrals.into_iter().map(ReferralRecord::from).collect(),
    }))
}

/// One referral, when this key may see it.
#[utoipa::path(get, path = "/api/v1/referrals/{id}", tag = "referrals",
    params(("id" = String, Path, description = "The referral id")),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "The referral", body = ReferralRecord),
        (status = 401, description = "No valid key", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No referral this key may see", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get(
    State(state): State<AppState>,
    Path(id): Path<String>,
    caller: Caller,
) -> Result<Json<ReferralRecord>, ApiError> {
    let actor = caller.require(Role::Editor)?;
    let referral = state.directory().referrals().get(&actor, &id).await?;
    Ok(Json(referral.into()))
}

/// Purges closed referrals past `retention` now and then daily, for as long as the server runs.
pub fn spawn_purge(directory: Arc<Directory>, retention: Retention) {
    tokio::spawn(async move {
        let mut every_day = tokio::time::interval(PURGE_EVERY);
        loop {
            every_day.tick().await;
            if let Err(error) = directory.referrals().purge(retention).await {
                tracing::warn!(%error, "the referral retention purge failed");
            }
        }
    });
}
