//! The Open Referral UK (HSDS-UK 3.0) read API: `/`, `/services`, `/taxonomies`,
//! `/taxonomy_terms` and `/service_at_locations`, each listed in pages and by id, with responses
//! valid against the ORUK 3.0 schemas (see [`crate::oruk_view`]).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use serde::Deserialize;
use serde_json::{Value, json};
use signpost_app::{Code, ServiceAtLocationRecord, ServiceListing};
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

/// `GET /services` filters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ServiceParams {
    /// Full-text search: the directory's word search (stemmed, ranked), as in the search box.
    pub text: Option<String>,
    /// The same as `text` (the ORUK name of the parameter).
    pub search: Option<String>,
    /// Services carrying this taxonomy term (its id, in either form).
    pub taxonomy_term_id: Option<String>,
    /// With `proximity`: the point to measure from; alone (without `text`): services with a
    /// location in this postcode, sector or district.
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

/// `GET /services`: services in pages, filtered.
#[utoipa::path(get, path = "/services", tag = "oruk", params(ServiceParams),
    responses(
        (status = 200, description = "A page of services", body = Paged<OrukRecord>),
        (status = 400, description = "A parameter is not valid", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn services(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<ServiceParams>,
) -> Result<Json<Paged<OrukRecord>>, ApiError> {
    let page = PageRequest::new(params.page, params.per_page)?;
    let text = nonempty(params.text.as_deref().or(params.search.as_deref()));
    let term = match nonempty(params.taxonomy_term_id.as_deref()) {
        Some(presented) => Some(find_term(&state, &presented).await?.ok_or_else(|| {
            ApiError::new(
                Code::InvalidParameter,
                format!("no taxonomy term {presented:?} is used in this directory"),
            )
        })?),
        None => None,
    };
    let listing = ServiceListing {
        text,
        taxonomy_term: term,
        postcode: nonempty(params.postcode.as_deref()),
        proximity: nonempty(params.proximity.as_deref()),
        page: page.page,
        per_page: page.per_page,
    };
    let listed = state.directory().list_services(&listing).await?;
    let contents = listed
        .items
        .iter()
        .map(service_json)
        .map(OrukRecord)
        .collect();
    Ok(Json(Paged::new(page, listed.total, contents)))
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
    let service = state.directory().service(&id).await?;
    Ok(Json(OrukRecord(service_json(&service))))
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

/// `GET /service_at_locations`: every service at each of its locations.
#[utoipa::path(get, path = "/service_at_locations", tag = "oruk", params(PageParams),
    responses(
        (status = 200, description = "A page of services at locations", body = Paged<OrukRecord>),
        (status = 400, description = "A parameter is not valid", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn service_at_locations(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<PageParams>,
) -> Result<Json<Paged<OrukRecord>>, ApiError> {
    let page = PageRequest::new(params.page, params.per_page)?;
    let listed = state
        .directory()
        .list_service_at_locations(page.page, page.per_page)
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

fn service_json(service: &Service) -> Value {
    to_oruk(serde_json::to_value(service).unwrap_or(Value::Null))
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
    use crate::oruk_view::oruk_id;

    #[test]
    fn oruk_ids_of_a_service_at_location_are_uuids() {
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
        assert_eq!(json["id"], json!(oruk_id("sal1")));
        assert_eq!(json["service_id"], json!(oruk_id("s1")));
        assert_eq!(json["location_id"], json!(oruk_id("loc1")));
        assert_eq!(json["name"], json!("Mentors"));
        assert_eq!(json["status"], json!("active"));
        assert_eq!(json["service"]["id"], json!(oruk_id("s1")));
    }
}
