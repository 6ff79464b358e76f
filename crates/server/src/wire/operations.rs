//! Small answers: health and readiness, import counts, the ORUK meta document, and the records
//! sent as they are kept (HSDS 3.0 services, ORUK views of them).

use serde::Serialize;
use serde_json::Value;
use signpost_domain::Service;
use utoipa::ToSchema;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{AnyOfBuilder, ArrayBuilder, ObjectBuilder, Schema, Type};

/// `{"status": "ok"}` from `/healthz`, `{"status": "ready"}` from `/readyz`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub struct Status {
    pub status: &'static str,
}

/// How many services an import wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub struct Imported {
    pub imported: usize,
}

/// `GET /`: the HSDS version and profile of the ORUK API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct OrukMeta {
    /// `HSDS-UK-3.0`.
    pub version: &'static str,
    /// Where the UK profile of HSDS is published.
    pub profile: &'static str,
    /// This API's OpenAPI document.
    pub openapi_url: String,
}

/// One HSDS 3.0 service, fully nested, as it is kept.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[serde(transparent)]
#[schema(value_type = Object)]
pub struct ServiceRecord(pub Service);

/// One record of the ORUK read API (a service, taxonomy, term or service at a location), shaped
/// to the ORUK 3.0 schemas by `crate::oruk_view`.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[serde(transparent)]
#[schema(value_type = Object)]
pub struct OrukRecord(pub Value);

/// The request body of `POST /api/v1/services/import`: one HSDS 3.0 service, an array of them, or
/// an ORUK page `{"contents": [...]}` (or NDJSON, one service a line). A schema only: the server
/// reads the body by its shape.
pub struct ImportBody;

impl utoipa::PartialSchema for ImportBody {
    fn schema() -> RefOr<Schema> {
        AnyOfBuilder::new()
            .item(ObjectBuilder::new().schema_type(Type::Object))
            .item(ArrayBuilder::new().items(ObjectBuilder::new().schema_type(Type::Object)))
            .description(Some(
                "One service, an array of services, or an ORUK page {\"contents\": [...]}",
            ))
            .into()
    }
}

impl ToSchema for ImportBody {}
