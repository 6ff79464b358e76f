//! The Open Referral UK (HSDS-UK 3.0) read API: `/`, `/services`, `/taxonomies`,
//! `/taxonomy_terms` and `/service_at_locations`, each listed in pages and by id, with responses
//! valid against the ORUK 3.0 schemas (see [`crate::oruk_view`]).

use std::sync::Arc;

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use serde::Deserialize;
use serde_json::{Value, json};
use signpost_app::listing::LISTING_CHUNK;
use signpost_app::oruk_filter;
use signpost_app::{
    Code, Directory, ListedService, RecordFilter, ServiceAtLocationRecord, ServiceListing,
};
use signpost_domain::{Service, TaxonomyTerm};
use utoipa::IntoParams;

use crate::error::{ApiError, ApiQuery};
use crate::oruk_view::{names, taxonomy_json, term_json, to_oruk};
use crate::paging::{PageRequest, Paged};
use crate::state::AppState;
use crate::wire::{OrukMeta, OrukRecord, Problem};

/// Where the UK profile of HSDS is published.
const PROFILE_URL: &str = "https://github.com/OpenReferralUK/uk-profile";

/// `GET /` (API meta information).
#[utoipa::path(get, path = "/", tag = "oruk",
    responses((status = 200, description = "The HSDS version and profile of this API", body = OrukMeta)))]
pub async fn meta(headers: HeaderMap) -> Json<OrukMeta> {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        })
        .unwrap_or("localhost");
    Json(OrukMeta {
        version: "HSDS-UK-3.0",
        profile: PROFILE_URL,
        openapi_url: format!("http://{host}/api/openapi.json"),
    })
}

/// Paging parameters of every ORUK list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Page number, from 1.
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Items a page (default 20; larger values are capped at 100).
    #[param(minimum = 1)]
    pub per_page: Option<i64>,
}

/// `GET /services` filters, as the ORUK 3.0 definition names and defines them (docs/oruk.md).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ServiceParams {
    /// Full-text search: the directory's word search (stemmed, ranked), as in the search box.
    pub search: Option<String>,
    /// The same as `search`.
    pub text: Option<String>,
    /// Services carrying this taxonomy term (its id, in either form).
    pub taxonomy_term_id: Option<String>,
    /// Services carrying any term of this taxonomy (its id, in either form).
    pub taxonomy_id: Option<String>,
    /// Services this organisation provides.
    pub organization_id: Option<String>,
    /// Services whose own minimum age is at least this.
    pub minimum_age: Option<f64>,
    /// Services whose own maximum age is at most this.
    pub maximum_age: Option<f64>,
    /// Services with a schedule opening at or after this time (`09:30` or `09:30:00`).
    pub start_time: Option<String>,
    /// Services with a schedule closing at or before this time.
    pub end_time: Option<String>,
    /// Services with a schedule on this day (`MO` or `Monday`).
    pub day: Option<String>,
    /// Services last modified at or after this date-time (RFC 3339) or date.
    pub modified_after: Option<String>,
    /// `true`: every matching service, as just its `id` and `last_modified`, in one page.
    pub minimal: Option<bool>,
    /// `json` (the default) or `ndjson`: every matching service, one a line, not paged.
    pub format: Option<String>,
    /// Alone: services whose service area holds the postcode, or with a location in it (a
    /// postcode, sector or district). With `proximity`: the point to measure from.
    pub postcode: Option<String>,
    /// Metres from the postcode's centre (a unit such as `5km` or `3mi` may be given).
    pub proximity: Option<String>,
    /// Page number, from 1.
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Items a page (default 20; larger values are capped at 100).
    #[param(minimum = 1)]
    pub per_page: Option<i64>,
}

/// What `format` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Ndjson,
}

fn format_of(value: Option<&str>) -> Result<Format, ApiError> {
    match value.map(str::trim) {
        None | Some("") | Some("json") => Ok(Format::Json),
        Some("ndjson") => Ok(Format::Ndjson),
        Some(other) => Err(ApiError::new(
            Code::InvalidParameter,
            format!("format must be json or ndjson, not {other:?}"),
        )),
    }
}

/// `GET /services`: services in pages, filtered; every match as NDJSON with `format=ndjson`, or
/// as ids and modification times with `minimal=true`.
#[utoipa::path(get, path = "/services", tag = "oruk", params(ServiceParams),
    responses(
        (status = 200, description = "A page of services (or, with format=ndjson, every matching service, one a line)",
            content((Paged<OrukRecord> = "application/json"), (OrukRecord = "application/x-ndjson"))),
        (status = 400, description = "A parameter is not valid", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn services(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<ServiceParams>,
) -> Result<Response, ApiError> {
    let page = PageRequest::new(params.page, params.per_page)?;
    let format = format_of(params.format.as_deref())?;
    let listing = ServiceListing {
        text: nonempty(params.text.as_deref().or(params.search.as_deref())),
        filter: record_filter(&state, &params).await?,
        postcode: nonempty(params.postcode.as_deref()),
        proximity: nonempty(params.proximity.as_deref()),
        page: page.page,
        per_page: page.per_page,
    };
    let directory = state.directory();
    if format == Format::Ndjson {
        let ids = directory.matching_service_ids(&listing).await?;
        return Ok(ndjson(Arc::clone(directory), ids));
    }
    if params.minimal == Some(true) {
        let ids = directory.matching_service_ids(&listing).await?;
        let contents = minimal_records(directory, &ids).await?;
        let everything = PageRequest {
            page: 1,
            per_page: u32::try_from(contents.len().max(1)).unwrap_or(u32::MAX),
        };
        return Ok(Json(Paged::new(everything, ids.len() as u64, contents)).into_response());
    }
    let listed = directory.list_services(&listing).await?;
    let contents = listed
        .items
        .iter()
        .map(listed_json)
        .map(OrukRecord)
        .collect();
    Ok(Json(Paged::new(page, listed.total, contents)).into_response())
}

/// The record filters of a listing, checked; taxonomy and term ids in either form.
async fn record_filter(state: &AppState, params: &ServiceParams) -> Result<RecordFilter, ApiError> {
    let terms = all_terms(state).await?;
    let own_term = |presented: String| {
        terms
            .iter()
            .find(|t| names(&presented, &t.id))
            .map_or(presented, |t| t.id.clone())
    };
    let own_taxonomy = |presented: String| {
        terms
            .iter()
            .filter_map(|t| t.taxonomy.as_ref())
            .find(|own| names(&presented, own))
            .map_or(presented, Clone::clone)
    };
    let time = |name: &str, value: &Option<String>| {
        nonempty(value.as_deref())
            .map(|text| oruk_filter::parse_time(name, &text))
            .transpose()
    };
    Ok(RecordFilter {
        taxonomy_term_id: nonempty(params.taxonomy_term_id.as_deref()).map(own_term),
        taxonomy_id: nonempty(params.taxonomy_id.as_deref()).map(own_taxonomy),
        organization_id: nonempty(params.organization_id.as_deref()),
        minimum_age: finite("minimum_age", params.minimum_age)?,
        maximum_age: finite("maximum_age", params.maximum_age)?,
        start_time: time("start_time", &params.start_time)?,
        end_time: time("end_time", &params.end_time)?,
        day: nonempty(params.day.as_deref())
            .map(|day| oruk_filter::parse_day(&day))
            .transpose()?,
        modified_after: nonempty(params.modified_after.as_deref())
            .map(|since| oruk_filter::parse_modified_after(&since))
            .transpose()?,
    })
}

fn finite(name: &str, value: Option<f64>) -> Result<Option<f64>, ApiError> {
    match value {
        Some(number) if !number.is_finite() => Err(ApiError::new(
            Code::InvalidParameter,
            format!("{name} must be a number"),
        )),
        other => Ok(other),
    }
}

/// Services streamed as NDJSON, a chunk of records read from the store at a time.
fn ndjson(directory: Arc<Directory>, ids: Vec<String>) -> Response {
    let chunks: Vec<Vec<String>> = ids.chunks(LISTING_CHUNK).map(<[String]>::to_vec).collect();
    let lines = futures_util::stream::iter(chunks).then(move |chunk| {
        let directory = Arc::clone(&directory);
        async move {
            let listed = directory.listed_services(&chunk).await?;
            let mut text = String::new();
            for service in &listed {
                text.push_str(&listed_json(service).to_string());
                text.push('\n');
            }
            Ok::<_, signpost_app::AppError>(text)
        }
    });
    ([(header::CONTENT_TYPE, NDJSON)], Body::from_stream(lines)).into_response()
}

/// The NDJSON media type.
const NDJSON: &str = "application/x-ndjson";

/// `minimal=true`: each service as its id and when it was last modified.
async fn minimal_records(
    directory: &Directory,
    ids: &[String],
) -> Result<Vec<OrukRecord>, ApiError> {
    let mut records = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(LISTING_CHUNK) {
        for listed in directory.listed_services(chunk).await? {
            let mut record = json!({"id": listed.service.id});
            if let Some(time) = listed.last_modified {
                record["last_modified"] = json!(time);
            }
            records.push(OrukRecord(record));
        }
    }
    Ok(records)
}

/// `GET /services/{id}`: one fully nested service.
#[utoipa::path(get, path = "/services/{id}", tag = "oruk",
    params(("id" = String, Path, description = "The service id")),
    responses(
        (status = 200, description = "The service", body = OrukRecord),
        (status = 404, description = "No such service", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn service(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<OrukRecord>, ApiError> {
    let directory = state.directory();
    let service = directory.service(&id).await?;
    let last_modified = directory.last_modified(&service.id).await?;
    Ok(Json(OrukRecord(listed_json(&ListedService {
        service,
        last_modified,
    }))))
}

/// `GET /taxonomies`: the taxonomies of the terms the directory uses.
#[utoipa::path(get, path = "/taxonomies", tag = "oruk", params(PageParams),
    responses(
        (status = 200, description = "A page of taxonomies", body = Paged<OrukRecord>),
        (status = 400, description = "A parameter is not valid", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn taxonomies(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<PageParams>,
) -> Result<Json<Paged<OrukRecord>>, ApiError> {
    let page = PageRequest::new(params.page, params.per_page)?;
    let all = taxonomy_ids(&state).await?;
    let contents = page
        .slice(&all)
        .iter()
        .map(|id| OrukRecord(taxonomy_json(id)))
        .collect();
    Ok(Json(Paged::new(page, all.len() as u64, contents)))
}

/// `GET /taxonomies/{id}`.
#[utoipa::path(get, path = "/taxonomies/{id}", tag = "oruk",
    params(("id" = String, Path, description = "The taxonomy id")),
    responses(
        (status = 200, description = "The taxonomy", body = OrukRecord),
        (status = 404, description = "No such taxonomy", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn taxonomy(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<OrukRecord>, ApiError> {
    let all = taxonomy_ids(&state).await?;
    all.iter()
        .find(|own| names(&id, own))
        .map(|own| Json(OrukRecord(taxonomy_json(own))))
        .ok_or_else(|| ApiError::not_found("taxonomy", &id))
}

/// `GET /taxonomy_terms`: the terms the directory's services use.
#[utoipa::path(get, path = "/taxonomy_terms", tag = "oruk", params(PageParams),
    responses(
        (status = 200, description = "A page of taxonomy terms", body = Paged<OrukRecord>),
        (status = 400, description = "A parameter is not valid", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn taxonomy_terms(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<PageParams>,
) -> Result<Json<Paged<OrukRecord>>, ApiError> {
    let page = PageRequest::new(params.page, params.per_page)?;
    let all = all_terms(&state).await?;
    let contents = page
        .slice(&all)
        .iter()
        .map(|term| OrukRecord(term_json(term)))
        .collect();
    Ok(Json(Paged::new(page, all.len() as u64, contents)))
}

/// `GET /taxonomy_terms/{id}`.
#[utoipa::path(get, path = "/taxonomy_terms/{id}", tag = "oruk",
    params(("id" = String, Path, description = "The taxonomy term id")),
    responses(
        (status = 200, description = "The taxonomy term", body = OrukRecord),
        (status = 404, description = "No such term", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn taxonomy_term(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<OrukRecord>, ApiError> {
    find_term(&state, &id)
        .await?
        .map(|term| Json(OrukRecord(term_json(&term))))
        .ok_or_else(|| ApiError::not_found("taxonomy term", &id))
}

/// `GET /service_at_locations` filters: those of `/services` that the ORUK 3.0 definition lists
/// for it, meaning the same.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ServiceAtLocationParams {
    /// Full-text search, as `/services` `search`.
    pub search: Option<String>,
    /// Services carrying this taxonomy term (its id, in either form).
    pub taxonomy_term_id: Option<String>,
    /// Services carrying any term of this taxonomy (its id, in either form).
    pub taxonomy_id: Option<String>,
    /// Services this organisation provides.
    pub organization_id: Option<String>,
    /// Services whose own minimum age is at least this.
    pub minimum_age: Option<f64>,
    /// Services whose own maximum age is at most this.
    pub maximum_age: Option<f64>,
    /// Services with a schedule opening at or after this time.
    pub start_time: Option<String>,
    /// Services with a schedule closing at or before this time.
    pub end_time: Option<String>,
    /// Services with a schedule on this day.
    pub day: Option<String>,
    /// Services last modified at or after this date-time.
    pub modified_after: Option<String>,
    /// Alone: services whose service area holds the postcode, or with a location in it. With
    /// `proximity`: the point to measure from.
    pub postcode: Option<String>,
    /// Metres from the postcode's centre: only the locations within it.
    pub proximity: Option<String>,
    /// Page number, from 1.
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Items a page (default 20; larger values are capped at 100).
    #[param(minimum = 1)]
    pub per_page: Option<i64>,
}

impl From<ServiceAtLocationParams> for ServiceParams {
    fn from(p: ServiceAtLocationParams) -> ServiceParams {
        ServiceParams {
            search: p.search,
            text: None,
            taxonomy_term_id: p.taxonomy_term_id,
            taxonomy_id: p.taxonomy_id,
            organization_id: p.organization_id,
            minimum_age: p.minimum_age,
            maximum_age: p.maximum_age,
            start_time: p.start_time,
            end_time: p.end_time,
            day: p.day,
            modified_after: p.modified_after,
            minimal: None,
            format: None,
            postcode: p.postcode,
            proximity: p.proximity,
            page: p.page,
            per_page: p.per_page,
        }
    }
}

/// `GET /service_at_locations`: the matching services at each of their locations.
#[utoipa::path(get, path = "/service_at_locations", tag = "oruk", params(ServiceAtLocationParams),
    responses(
        (status = 200, description = "A page of services at locations", body = Paged<OrukRecord>),
        (status = 400, description = "A parameter is not valid", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn service_at_locations(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<ServiceAtLocationParams>,
) -> Result<Json<Paged<OrukRecord>>, ApiError> {
    let params = ServiceParams::from(params);
    let page = PageRequest::new(params.page, params.per_page)?;
    let listing = ServiceListing {
        text: nonempty(params.search.as_deref()),
        filter: record_filter(&state, &params).await?,
        postcode: nonempty(params.postcode.as_deref()),
        proximity: nonempty(params.proximity.as_deref()),
        page: page.page,
        per_page: page.per_page,
    };
    let listed = state
        .directory()
        .list_service_at_locations(&listing)
        .await?;
    let contents = listed
        .items
        .iter()
        .map(|(record, service)| OrukRecord(service_at_location_json(record, service)))
        .collect();
    Ok(Json(Paged::new(page, listed.total, contents)))
}

/// `GET /service_at_locations/{id}`: the service at one location, carrying the service's `name`
/// and `status` too (the ORUK validator reads it with the service schema).
#[utoipa::path(get, path = "/service_at_locations/{id}", tag = "oruk",
    params(("id" = String, Path, description = "The service_at_location id")),
    responses(
        (status = 200, description = "The service at the location", body = OrukRecord),
        (status = 404, description = "No such service_at_location", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn service_at_location(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<OrukRecord>, ApiError> {
    let (record, service) = state.directory().service_at_location(&id).await?;
    Ok(Json(OrukRecord(service_at_location_json(
        &record, &service,
    ))))
}

/// A service as ORUK serves it, with `last_modified` from the store's time of its last write.
fn listed_json(listed: &ListedService) -> Value {
    let mut json = serde_json::to_value(&listed.service).unwrap_or(Value::Null);
    if let (Value::Object(object), Some(time)) = (&mut json, &listed.last_modified) {
        object.insert("last_modified".to_owned(), json!(time));
    }
    to_oruk(json)
}

fn service_at_location_json(record: &ServiceAtLocationRecord, service: &Service) -> Value {
    let sal = &record.service_at_location;
    let mut json = serde_json::to_value(sal).unwrap_or(Value::Null);
    if let Value::Object(object) = &mut json {
        object.insert("service_id".to_owned(), json!(record.service_id));
        if let Some(location) = &sal.location {
            object.insert("location_id".to_owned(), json!(location.id));
        }
        object.insert("name".to_owned(), json!(service.name));
        object.insert("status".to_owned(), json!(service.status));
        let mut summary = json!({"id": service.id, "name": service.name, "status": service.status});
        if let Some(organization) = &service.organization {
            summary["organization"] = serde_json::to_value(organization).unwrap_or(Value::Null);
        }
        object.insert("service".to_owned(), summary);
    }
    to_oruk(json)
}

async fn all_terms(state: &AppState) -> Result<Vec<TaxonomyTerm>, ApiError> {
    state
        .directory()
        .taxonomy_terms()
        .await
        .map_err(ApiError::from)
}

async fn find_term(state: &AppState, presented: &str) -> Result<Option<TaxonomyTerm>, ApiError> {
    Ok(all_terms(state)
        .await?
        .into_iter()
        .find(|t| names(presented, &t.id)))
}

/// The distinct taxonomies of the terms in use, in order.
async fn taxonomy_ids(state: &AppState) -> Result<Vec<String>, ApiError> {
    let mut ids: Vec<String> = all_terms(state)
        .await?
        .into_iter()
        .filter_map(|t| t.taxonomy)
        .collect();
    ids.sort();
    ids.dedup();
    Ok(ids)
}

fn nonempty(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_a_service_at_location_are_served_as_given() {
        let service: Service = serde_json::from_value(json!({
            "id": "s1", "name": "Mentors", "status": "active",
            "service_at_locations": [{"id": "sal1", "location": {"id": "loc1", "location_type": "physical"}}]
        }))
        .expect("service");
        let record = ServiceAtLocationRecord {
            service_id: "s1".into(),
            service_at_location: service.service_at_locations[0].clone(),
        };
        let json = service_at_location_json(&record, &service);
        assert_eq!(json["id"], json!("sal1"));
        assert_eq!(json["service_id"], json!("s1"));
        assert_eq!(json["location_id"], json!("loc1"));
        assert_eq!(json["name"], json!("Mentors"));
        assert_eq!(json["status"], json!("active"));
        assert_eq!(json["service"]["id"], json!("s1"));
    }
}
