//! `/errors` and `/errors/{code}`: the documentation page of every stable error code, which each
//! problem's `type` refers to (`/errors/invalid_radius`, relative to the serving host).

use axum::extract::Path;
use axum::response::Html;
use signpost_app::Code;

use crate::error::{ApiError, Detail};
use crate::wire::Problem;

/// `GET /errors`: every error code, with its status and title.
#[utoipa::path(get, path = "/errors", tag = "operations",
    responses((status = 200, description = "The list of error codes", body = String, content_type = "text/html")))]
pub async fn index() -> Html<String> {
    signpost_web::code_index()
}

/// `GET /errors/{code}`: what one error code means and what to do about it.
#[utoipa::path(get, path = "/errors/{code}", tag = "operations",
    params(("code" = String, Path, description = "An error code, e.g. invalid_radius")),
    responses(
        (status = 200, description = "The code's page", body = String, content_type = "text/html"),
        (status = 404, description = "No such code", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn page(Path(name): Path<String>) -> Result<Html<String>, ApiError> {
    Code::from_name(&name)
        .map(signpost_web::code_page)
        .ok_or_else(|| ApiError::said(Code::NotFound, Detail::NoSuchErrorCode { name }))
}
