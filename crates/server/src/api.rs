//! Signpost's own JSON API under `/api/v1`: search, parse, match, service writes and the audit log.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::Value;
use signpost_app::keys::Role;
use signpost_app::{Code, Profile, SearchInput, SearchOutput};
use signpost_domain::Service;
use utoipa::IntoParams;

use crate::auth::Caller;
use crate::error::{ApiBody, ApiError, ApiJson, ApiQuery, Detail};
use crate::language;
use crate::paging::PageRequest;
use crate::state::AppState;
use crate::wire::{
    AuditPage, ImportBody, Imported, MatchAnswer, MatchProfile, ParsedQuery, Problem, SearchAnswer,
    ServiceRecord,
};

/// The most audit entries one request returns.
const MAX_AUDIT_LIMIT: u64 = 1_000;

/// `GET /api/v1/search` parameters. Explicit parameters override what `q` says.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Free text, e.g. "Bengali-speaking mentoring within 3 miles of WS1 1AA".
    pub q: Option<String>,
    /// A place name or postcode to search around.
    pub near: Option<String>,
    /// Latitude (WGS84) to search around; needs `lon`.
    pub lat: Option<f64>,
    /// Longitude (WGS84) to search around; needs `lat`.
    pub lon: Option<f64>,
    /// A number with a unit: `800m`, `5km`, `3mi`; a bare number is metres.
    pub radius: Option<String>,
    /// ISO 639-3 language codes, comma-separated.
    pub lang: Option<String>,
    /// Category codes, comma-separated.
    pub category: Option<String>,
    /// Faith codes, comma-separated.
    pub faith: Option<String>,
    /// Only services open now (Europe/London).
    pub open_now: Option<bool>,
    /// Page number, from 1.
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Results a page (default 20; larger values are capped at 100).
    #[param(minimum = 1)]
    pub per_page: Option<i64>,
    /// The interface language (`en`, `cy`, ...): each hit's `translation` is its name and
    /// description in it, when the record has them; before `Accept-Language`.
    pub ui: Option<String>,
}

fn given(value: Option<&String>) -> Option<String> {
    value
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

impl SearchParams {
    fn into_input(self) -> Result<SearchInput, ApiError> {
        let page = PageRequest::new(self.page, self.per_page)?;
        let list = |value: Option<&String>| given(value).into_iter().collect::<Vec<_>>();
        Ok(SearchInput {
            q: self.q.clone().unwrap_or_default(),
            near: given(self.near.as_ref()),
            lat: self.lat,
            lon: self.lon,
            radius: given(self.radius.as_ref()),
            languages: list(self.lang.as_ref()),
            categories: list(self.category.as_ref()),
            faiths: list(self.faith.as_ref()),
            open_now: self.open_now.unwrap_or(false),
            page: page.page as usize,
            per_page: page.per_page as usize,
        })
    }
}

/// Search the directory.
#[utoipa::path(get, path = "/api/v1/search", tag = "signpost", params(SearchParams),
    responses(
        (status = 200, description = "Ranked results with reasons and facet counts; when nothing is found, suggestions", body = SearchAnswer),
        (status = 400, description = "A parameter is not valid (or the query string is not UTF-8 text)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn search(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> Result<Response, ApiError> {
    let lang = language::negotiated(params.ui.as_deref(), &headers);
    let input = params.into_input()?;
    let mut output = state.directory().search(&input).await?;
    words_in_language(lang, &mut output.query);
    search_json(&output, lang)
}

/// A parse's explanation and chip labels in the interface language (its codes unchanged).
fn words_in_language(lang: signpost_i18n::Lang, parsed: &mut signpost_app::ParsedQuery) {
    parsed.explanation = signpost_app::query::explanation_in(lang, parsed);
    for chip in &mut parsed.understood {
        chip.label = signpost_app::query::chip_label_in(lang, chip);
    }
}

/// Bytes reserved for a search response besides its results, and for each result.
const RESERVED_BASE: usize = 4 * 1024;
const RESERVED_PER_RESULT: usize = 3 * 1024;

/// A search as JSON in the interface language `lang` (reasons, and records' own text where they
/// have it), written into one buffer sized for its page of full records (axum's `Json` starts
/// at 128 bytes and doubles, copying a 40 KB page several times).
fn search_json(output: &SearchOutput, lang: signpost_i18n::Lang) -> Result<Response, ApiError> {
    let mut body = Vec::with_capacity(RESERVED_BASE + RESERVED_PER_RESULT * output.results.len());
    let answer = SearchAnswer::in_ui(output, lang).in_language(language::record_language(lang));
    serde_json::to_writer(&mut body, &answer).map_err(|e| ApiError::internal(&e))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// `GET /api/v1/parse` parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ParseParams {
    /// The free-text query to understand.
    pub q: Option<String>,
    /// The interface language of the `explanation` and chip labels (`en`, `cy`); before
    /// `Accept-Language`.
    pub ui: Option<String>,
}

/// How a free-text query is understood (never fails).
#[utoipa::path(get, path = "/api/v1/parse", tag = "signpost", params(ParseParams),
    responses(
        (status = 200, description = "The parsed query", body = ParsedQuery),
        (status = 400, description = "The query is too long", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn parse(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<ParseParams>,
) -> Result<Json<ParsedQuery>, ApiError> {
    let lang = language::negotiated(params.ui.as_deref(), &headers);
    let q = params.q.unwrap_or_default();
    if q.chars().count() > signpost_app::search::MAX_QUERY_CHARS {
        return Err(ApiError::new(
            Code::InvalidParameter,
            format!(
                "q is longer than {} characters",
                signpost_app::search::MAX_QUERY_CHARS
            ),
        ));
    }
    let mut parsed = state.directory().parse(&q);
    words_in_language(lang, &mut parsed);
    Ok(Json(ParsedQuery::from(&parsed)))
}

/// `POST /api/v1/match` parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MatchParams {
    /// The interface language of the reasons (`en`, `cy`); before `Accept-Language`.
    pub ui: Option<String>,
}

/// Match one person's needs (a profile) to services; nothing about the person is stored or logged.
#[utoipa::path(post, path = "/api/v1/match", tag = "signpost", params(MatchParams),
    request_body(content = MatchProfile, description = "A match profile (docs/match.md)", content_type = "application/json"),
    responses(
        (status = 200, description = "Ranked services with reasons, and unmet needs", body = MatchAnswer),
        (status = 400, description = "The profile is not valid", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is over 256 KiB", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn match_person(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<MatchParams>,
    ApiBody(body): ApiBody,
) -> Result<Response, ApiError> {
    let lang = language::negotiated(params.ui.as_deref(), &headers);
    let text = std::str::from_utf8(&body)
        .map_err(|_| ApiError::said(Code::InvalidBody, Detail::ProfileNotUtf8))?;
    let profile =
        Profile::from_json(text).map_err(|e| ApiError::new(Code::InvalidBody, e.to_string()))?;
    let outcome = state
        .directory()
        .match_person(&profile, |outcome| {
            Json(MatchAnswer::in_ui(outcome, lang)).into_response()
        })
        .await?;
    Ok(outcome)
}

/// One service (HSDS 3.0, fully nested).
#[utoipa::path(get, path = "/api/v1/services/{id}", tag = "signpost",
    params(("id" = String, Path, description = "The service id")),
    responses(
        (status = 200, description = "The service", body = ServiceRecord),
        (status = 404, description = "No such service", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_service(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ServiceRecord>, ApiError> {
    let service = state.directory().service(&id).await?;
    Ok(Json(ServiceRecord(service)))
}

/// Add a service (editor key). It is searchable as soon as this returns.
#[utoipa::path(post, path = "/api/v1/services", tag = "signpost",
    request_body(content = ServiceRecord, description = "An HSDS 3.0 service", content_type = "application/json"),
    security(("api_key" = [])),
    responses(
        (status = 201, description = "Created", body = ServiceRecord),
        (status = 400, description = "Not a valid service", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key's role may not write", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The id is taken", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is over 256 KiB", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_service(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(service): ApiJson<Service>,
) -> Result<Response, ApiError> {
    let actor = caller.require(Role::Editor)?;
    let service = state.directory().create_service(service, &actor).await?;
    let location = format!("/api/v1/services/{}", service.id);
    let mut response = (StatusCode::CREATED, Json(ServiceRecord(service))).into_response();
    if let Ok(value) = location.parse() {
        response.headers_mut().insert(header::LOCATION, value);
    }
    Ok(response)
}

/// Replace a service (editor key).
#[utoipa::path(put, path = "/api/v1/services/{id}", tag = "signpost",
    params(("id" = String, Path, description = "The service id")),
    request_body(content = ServiceRecord, description = "The whole HSDS 3.0 service", content_type = "application/json"),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "Replaced", body = ServiceRecord),
        (status = 400, description = "Not a valid service", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key's role may not write", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such service", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is over 256 KiB", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn replace_service(
    State(state): State<AppState>,
    Path(id): Path<String>,
    caller: Caller,
    ApiJson(service): ApiJson<Service>,
) -> Result<Json<ServiceRecord>, ApiError> {
    let actor = caller.require(Role::Editor)?;
    let service = state
        .directory()
        .replace_service(&id, service, &actor)
        .await?;
    Ok(Json(ServiceRecord(service)))
}

/// Delete a service (editor key).
#[utoipa::path(delete, path = "/api/v1/services/{id}", tag = "signpost",
    params(("id" = String, Path, description = "The service id")),
    security(("api_key" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No valid key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key's role may not write", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such service", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete_service(
    State(state): State<AppState>,
    Path(id): Path<String>,
    caller: Caller,
) -> Result<StatusCode, ApiError> {
    let actor = caller.require(Role::Editor)?;
    state.directory().delete_service(&id, &actor).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Import services (editor key), all or nothing: HSDS 3.0 JSON (one service, an array, or an
/// ORUK page `{"contents": [...]}`) or NDJSON (`Content-Type: application/x-ndjson`).
#[utoipa::path(post, path = "/api/v1/services/import", tag = "signpost",
    request_body(content = ImportBody, description = "HSDS JSON or NDJSON of services", content_type = "application/json"),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "Every service was written", body = Imported),
        (status = 400, description = "A record is not valid; nothing was written", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key's role may not write", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is over 8 MiB", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn import(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiBody(body): ApiBody,
) -> Result<Json<Imported>, ApiError> {
    let actor = caller.require(Role::Editor)?;
    let services = read_services(&headers, &body)?;
    let imported = state.directory().import_as(services, &actor).await?;
    Ok(Json(Imported { imported }))
}

/// Services from an import body, by content type (NDJSON) or shape (JSON).
pub fn read_services(headers: &HeaderMap, body: &[u8]) -> Result<Vec<Service>, ApiError> {
    let text = std::str::from_utf8(body)
        .map_err(|_| ApiError::said(Code::InvalidBody, Detail::BodyNotUtf8))?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if content_type.contains("ndjson") || content_type.contains("jsonl") {
        return text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(i, line)| {
                serde_json::from_str(line)
                    .map_err(|e| ApiError::new(Code::InvalidBody, format!("line {}: {e}", i + 1)))
            })
            .collect();
    }
    let value: Value =
        serde_json::from_str(text).map_err(|e| ApiError::new(Code::InvalidBody, e.to_string()))?;
    let records = match value {
        Value::Array(items) => items,
        Value::Object(mut object) if object.contains_key("contents") => {
            match object.remove("contents") {
                Some(Value::Array(items)) => items,
                _ => {
                    return Err(ApiError::new(
                        Code::InvalidBody,
                        "contents must be an array of services",
                    ));
                }
            }
        }
        single @ Value::Object(_) => vec![single],
        _ => {
            return Err(ApiError::new(
                Code::InvalidBody,
                "the body must be a service, an array of services or {\"contents\": [...]}",
            ));
        }
    };
    records
        .into_iter()
        .enumerate()
        .map(|(i, record)| {
            serde_json::from_value(record)
                .map_err(|e| ApiError::new(Code::InvalidBody, format!("record {i}: {e}")))
        })
        .collect()
}

/// `GET /api/v1/audit` parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// Only the writes to this service.
    pub service_id: Option<String>,
    /// How many entries, newest first (default 100, at most 1000).
    pub limit: Option<u64>,
}

/// The audit log of writes (admin key).
#[utoipa::path(get, path = "/api/v1/audit", tag = "signpost", params(AuditParams),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "Audit entries, newest first", body = AuditPage),
        (status = 401, description = "No valid key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin key", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn audit(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(params): ApiQuery<AuditParams>,
) -> Result<Response, ApiError> {
    caller.require(Role::Admin)?;
    let limit = params.limit.unwrap_or(100).clamp(1, MAX_AUDIT_LIMIT);
    let records = state
        .directory()
        .audit(params.service_id.as_deref(), limit)
        .await?;
    Ok(Json(AuditPage::new(&records)).into_response())
}
