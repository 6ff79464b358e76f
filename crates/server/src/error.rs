//! RFC 9457 problem details with Signpost's stable codes (body: [`crate::wire::Problem`]), the
//! conversion of every app error into one, and extractors whose rejections are problems too.
//! Internal causes are logged, never sent.

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use signpost_app::{AppError, Code};

use crate::wire::Problem;

/// An error as the API reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub code: Code,
    pub detail: String,
    /// "Did you mean" alternatives, best first.
    pub suggestions: Vec<String>,
}

impl ApiError {
    pub fn new(code: Code, detail: impl Into<String>) -> ApiError {
        ApiError {
            code,
            detail: detail.into(),
            suggestions: Vec::new(),
        }
    }

    pub fn with_suggestions(mut self, suggestions: Vec<String>) -> ApiError {
        self.suggestions = suggestions;
        self
    }

    pub fn not_found(what: &str, id: &str) -> ApiError {
        ApiError::new(Code::NotFound, format!("no {what} with id {id:?}"))
    }

    /// An internal fault: the cause goes to the log, the client sees only that it happened.
    pub fn internal(cause: &dyn std::fmt::Display) -> ApiError {
        tracing::error!(%cause, "internal error");
        ApiError::new(
            Code::Internal,
            "something went wrong on our side; it has been logged",
        )
    }

    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    pub fn problem(&self) -> Problem {
        Problem::new(self.code, &self.detail, &self.suggestions)
    }
}

/// A directory error as the API reports it: the client's rejection, or an internal fault whose
/// cause is logged and not sent.
impl From<AppError> for ApiError {
    fn from(error: AppError) -> ApiError {
        match error {
            AppError::Rejected(rejection) => ApiError::new(rejection.code, rejection.message)
                .with_suggestions(rejection.suggestions),
            unreachable if unreachable.code() == Code::StoreUnavailable => {
                tracing::warn!(cause = %unreachable, "the store cannot be reached");
                ApiError::new(
                    Code::StoreUnavailable,
                    "the shared store cannot be reached just now; try again in a few seconds",
                )
            }
            other => ApiError::internal(&other),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self.problem()).unwrap_or_default();
        let mut response = (self.status(), body).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if self.code == Code::Unauthorized {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// `axum::Json` whose rejections are problems (`invalid_body`, `payload_too_large`).
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(json_rejection(&rejection)),
        }
    }
}

impl<T: Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

fn json_rejection(rejection: &JsonRejection) -> ApiError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return ApiError::new(
            Code::PayloadTooLarge,
            "the request body is larger than allowed",
        );
    }
    ApiError::new(Code::InvalidBody, rejection.body_text())
}

/// A raw request body whose rejections are problems (`payload_too_large`, `invalid_body`).
#[derive(Debug, Clone, Default)]
pub struct ApiBody(pub Bytes);

impl<S> FromRequest<S> for ApiBody
where
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        Bytes::from_request(req, state)
            .await
            .map(ApiBody)
            .map_err(|rejection: BytesRejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::new(
                        Code::PayloadTooLarge,
                        "the request body is larger than allowed",
                    )
                } else {
                    ApiError::new(Code::InvalidBody, rejection.body_text())
                }
            })
    }
}

/// `axum::extract::Query` whose rejections are `invalid_parameter` problems. A query string whose
/// percent-decoded bytes are not UTF-8 (`q=%FF%FE`) is refused too: axum would read it as
/// replacement characters, which no parameter means.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        if !signpost_web::query_is_utf8(parts.uri.query()) {
            return Err(ApiError::new(
                Code::InvalidParameter,
                "the query string is not UTF-8 text once percent-decoded",
            ));
        }
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(value)| ApiQuery(value))
            .map_err(|rejection: QueryRejection| {
                ApiError::new(Code::InvalidParameter, rejection.body_text())
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_type_is_the_codes_page_and_status_matches() {
        for code in Code::ALL {
            let problem = ApiError::new(code, "x").problem();
            assert_eq!(problem.type_uri, format!("/errors/{}", code.as_str()));
            assert_eq!(problem.status, code.http_status());
            assert_eq!(problem.code, code.as_str());
        }
    }

    #[test]
    fn internal_errors_hide_their_cause() {
        let error = ApiError::internal(&"UNIQUE constraint failed: services.id at db.rs:12");
        assert!(!error.detail.contains("UNIQUE"));
        assert_eq!(error.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
