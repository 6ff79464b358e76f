//! What a page can fail with, shown as a plain HTML page with the right status.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::html;
use signpost_app::{AppError, Code};
use tracing::error;

use crate::layout;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Forbidden(String),
    #[error(transparent)]
    Internal(AppError),
}

impl From<AppError> for WebError {
    fn from(error: AppError) -> WebError {
        match error.rejection() {
            Some(rejection) if rejection.code == Code::NotFound => {
                WebError::NotFound(rejection.message.clone())
            }
            Some(rejection) => WebError::BadRequest(rejection.message.clone()),
            None => WebError::Internal(error),
        }
    }
}

impl From<signpost_store::StoreError> for WebError {
    fn from(error: signpost_store::StoreError) -> WebError {
        WebError::Internal(AppError::from(error))
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, title, detail) = match &self {
            WebError::NotFound(detail) => (StatusCode::NOT_FOUND, "Page not found", detail.clone()),
            WebError::BadRequest(detail) => (
                StatusCode::BAD_REQUEST,
                "There is a problem",
                detail.clone(),
            ),
            WebError::Forbidden(detail) => {
                (StatusCode::FORBIDDEN, "You cannot do that", detail.clone())
            }
            WebError::Internal(cause) => {
                error!(%cause, "page failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Sorry, there is a problem with the service",
                    "Try again later.".to_owned(),
                )
            }
        };
        let body = html! {
            h1 { (title) }
            p { (detail) }
            p { a href="/" { "Start a new search" } }
        };
        (status, layout::page(title, None, body)).into_response()
    }
}
