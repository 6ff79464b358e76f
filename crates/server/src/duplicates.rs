//! `/api/v1/duplicates` (docs/api.md): the probable duplicates for navigators to decide on, and
//! their decisions (merge or keep apart); `/api/v1/services/{id}/checked`: a person checked a
//! record today. Editor or admin keys only.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use serde::Deserialize;
use signpost_app::keys::Role;
use utoipa::IntoParams;

use crate::auth::Caller;
use crate::error::{ApiError, ApiJson, ApiQuery};
use crate::language;
use crate::state::AppState;
use crate::wire::{
    DuplicateDecisionBody, DuplicateDecisionRecord, DuplicateList, DuplicatePair, Problem,
    ServiceRecord,
};

/// `GET /api/v1/duplicates` parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DuplicatesParams {
    /// The interface language of the pairs' `reasons` (`en`, `cy`); before `Accept-Language`.
    pub ui: Option<String>,
}

/// The pairs of services that are probably one, not yet decided on, and the decisions taken
/// (editor or admin key).
#[utoipa::path(get, path = "/api/v1/duplicates", tag = "signpost", params(DuplicatesParams),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "Pairs (highest score first) and decisions (oldest first)", body = DuplicateList),
        (status = 401, description = "No valid key", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(params): ApiQuery<DuplicatesParams>,
    headers: HeaderMap,
) -> Result<Json<DuplicateList>, ApiError> {
    caller.require(Role::Editor)?;
    let lang = language::negotiated(params.ui.as_deref(), &headers);
    let directory = state.directory();
    let pairs = directory.duplicates().await?;
    let decisions = directory.duplicate_decisions().await?;
    Ok(Json(DuplicateList {
        pairs: pairs
            .into_iter()
            .map(|pair| DuplicatePair::in_language(pair, lang))
            .collect(),
        decisions: decisions.into_iter().map(Into::into).collect(),
    }))
}

/// Merge a pair (one kept, the other made inactive and pointing to it) or keep it apart (never
/// proposed again); audited on both services (editor or admin key).
#[utoipa::path(post, path = "/api/v1/duplicates/decisions", tag = "signpost",
    request_body(content = DuplicateDecisionBody, content_type = "application/json"),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "The decision as stored", body = DuplicateDecisionRecord),
        (status = 400, description = "An unknown field, a and b the same, or keep not one of them", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid key", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such service", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A service has already been merged into another", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn decide(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<DuplicateDecisionBody>,
) -> Result<Json<DuplicateDecisionRecord>, ApiError> {
    let actor = caller.require(Role::Editor)?;
    let decision = state
        .directory()
        .decide_duplicate(&body.into(), &actor)
        .await?;
    Ok(Json(decision.into()))
}

/// Record that a person checked the service today: sets its `assured_date` (editor or admin key).
#[utoipa::path(post, path = "/api/v1/services/{id}/checked", tag = "signpost",
    params(("id" = String, Path, description = "The service id")),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "The service with today's assured_date", body = ServiceRecord),
        (status = 401, description = "No valid key", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such service", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn mark_checked(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<ServiceRecord>, ApiError> {
    let actor = caller.require(Role::Editor)?;
    let service = state.directory().mark_checked(&id, &actor).await?;
    Ok(Json(ServiceRecord(service)))
}
