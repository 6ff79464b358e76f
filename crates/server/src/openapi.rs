//! The OpenAPI 3.1 document, generated from the handlers' annotations and types.

use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::wire::{
    AuditPage, ImportBody, Imported, MatchAnswer, MatchProfile, OrukMeta, OrukRecord, ParsedQuery,
    Problem, ReferralBody, ReferralList, ReferralMove, ReferralRecord, SearchAnswer, ServiceRecord,
    Status,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Signpost",
        description = "A directory of services run by and for ethnic-minority and faith communities, for probation practitioners (Open Referral UK / HSDS 3.0). Errors are RFC 9457 problem+json with a stable `code`; their `type` is the code's page on this server, `/errors/{code}`. Pages hold at most 100 items: a larger `per_page` is capped."
    ),
    paths(
        crate::api::search,
        crate::api::parse,
        crate::api::match_person,
        crate::api::get_service,
        crate::api::create_service,
        crate::api::replace_service,
        crate::api::delete_service,
        crate::api::import,
        crate::api::audit,
        crate::duplicates::list,
        crate::duplicates::decide,
        crate::duplicates::mark_checked,
        crate::data_problems::list,
        crate::referrals::send,
        crate::referrals::list,
        crate::referrals::get,
        crate::referrals::change,
        crate::oruk::meta,
        crate::oruk::services,
        crate::oruk::service,
        crate::oruk::taxonomies,
        crate::oruk::taxonomy,
        crate::oruk::taxonomy_terms,
        crate::oruk::taxonomy_term,
        crate::oruk::service_at_locations,
        crate::oruk::service_at_location,
        crate::healthz,
        crate::readyz,
        crate::metrics,
        crate::error_pages::index,
        crate::error_pages::page,
        document,
    ),
    components(schemas(
        Problem,
        Imported,
        ImportBody,
        SearchAnswer,
        ParsedQuery,
        MatchProfile,
        MatchAnswer,
        ServiceRecord,
        AuditPage,
        ReferralBody,
        ReferralMove,
        ReferralRecord,
        ReferralList,
        OrukMeta,
        OrukRecord,
        Status,
    )),
    modifiers(&BearerKeys),
    tags(
        (name = "signpost", description = "Search, parse, match and edit the directory"),
        (name = "referrals", description = "Closed-loop referrals to services (docs/referrals.md)"),
        (name = "oruk", description = "The Open Referral UK (HSDS-UK 3.0) read API"),
        (name = "operations", description = "Health, readiness, metrics and this document"),
    )
)]
pub struct ApiDoc;

struct BearerKeys;

impl Modify for BearerKeys {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("An API key made with `signpost keys create`"))
                    .build(),
            ),
        );
    }
}

/// `GET /api/openapi.json`: this document.
#[utoipa::path(get, path = "/api/openapi.json", tag = "operations",
    responses((status = 200, description = "The OpenAPI 3.1 document", body = Object)))]
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
