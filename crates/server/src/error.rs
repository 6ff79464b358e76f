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
use signpost_i18n::{Arg, Lang};

use crate::wire::Problem;

/// A problem `detail` the `api` catalogue words in every interface language (`detail-<what>`),
/// told by this stable value rather than by its English text. A response carries it as an
/// extension, so [`crate::language`] can give the detail in the request's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    KeyNotValid,
    KeyNeeded,
    BodyNotUtf8,
    ProfileNotUtf8,
    QueryNotUtf8,
    BodyTooLarge,
    BodyNotTaken,
    AddressTooLong,
    HeadersTooLarge,
    NotValidHere,
    TooSlow,
    NotAllowed,
    TooMany,
    Conflicts,
    NotReady,
    StoreOrIndexNotReady,
    SharedStoreUnreachable,
    NothingHere,
    Internal,
    /// An address that does not take this HTTP method.
    MethodNotTaken {
        method: String,
    },
    /// `/errors/{name}` for a name that is no error code.
    NoSuchErrorCode {
        name: String,
    },
}

impl Detail {
    /// The detail's message in the `api` catalogue.
    pub fn key(&self) -> &'static str {
        match self {
            Detail::KeyNotValid => "detail-key-not-valid",
            Detail::KeyNeeded => "detail-key-needed",
            Detail::BodyNotUtf8 => "detail-body-not-utf8",
            Detail::ProfileNotUtf8 => "detail-profile-not-utf8",
            Detail::QueryNotUtf8 => "detail-query-not-utf8",
            Detail::BodyTooLarge => "detail-body-too-large",
            Detail::BodyNotTaken => "detail-body-not-taken",
            Detail::AddressTooLong => "detail-address-too-long",
            Detail::HeadersTooLarge => "detail-headers-too-large",
            Detail::NotValidHere => "detail-not-valid-here",
            Detail::TooSlow => "detail-too-slow",
            Detail::NotAllowed => "detail-not-allowed",
            Detail::TooMany => "detail-too-many",
            Detail::Conflicts => "detail-conflicts",
            Detail::NotReady => "detail-not-ready",
            Detail::StoreOrIndexNotReady => "detail-store-or-index-not-ready",
            Detail::SharedStoreUnreachable => "detail-shared-store-unreachable",
            Detail::NothingHere => "detail-nothing-here",
            Detail::Internal => "detail-internal",
            Detail::MethodNotTaken { .. } => "detail-method-not-taken",
            Detail::NoSuchErrorCode { .. } => "detail-no-such-error-code",
        }
    }

    /// The detail in `lang` (English where its catalogue lacks it).
    pub fn text(&self, lang: Lang) -> String {
        let args: Vec<(&str, Arg)> = match self {
            Detail::MethodNotTaken { method } => vec![("method", method.as_str().into())],
            Detail::NoSuchErrorCode { name } => vec![("name", name.as_str().into())],
            _ => Vec::new(),
        };
        signpost_i18n::text_with(lang, self.key(), &args)
    }
}

/// An error as the API reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub code: Code,
    pub detail: String,
    /// "Did you mean" alternatives, best first.
    pub suggestions: Vec<String>,
    /// What `detail` says, when it is a catalogue sentence.
    pub said: Option<Detail>,
}

impl ApiError {
    pub fn new(code: Code, detail: impl Into<String>) -> ApiError {
        ApiError {
            code,
            detail: detail.into(),
            suggestions: Vec::new(),
            said: None,
        }
    }

    /// An error whose detail is a catalogue sentence, in English in the body as sent.
    pub fn said(code: Code, detail: Detail) -> ApiError {
        ApiError {
            said: Some(detail.clone()),
            ..ApiError::new(code, detail.text(Lang::En))
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
        ApiError::said(Code::Internal, Detail::Internal)
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
                ApiError::said(Code::StoreUnavailable, Detail::SharedStoreUnreachable)
            }
            other => ApiError::internal(&other),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self.problem()).unwrap_or_default();
        let mut response = (self.status(), body).into_response();
        if let Some(said) = self.said {
            response.extensions_mut().insert(said);
        }
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
        return ApiError::said(Code::PayloadTooLarge, Detail::BodyTooLarge);
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
                    ApiError::said(Code::PayloadTooLarge, Detail::BodyTooLarge)
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
            return Err(ApiError::said(Code::InvalidParameter, Detail::QueryNotUtf8));
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
    fn every_detail_is_worded_in_english_and_welsh_and_travels_with_the_response() {
        let details = [
            Detail::KeyNotValid,
            Detail::KeyNeeded,
            Detail::BodyNotUtf8,
            Detail::ProfileNotUtf8,
            Detail::QueryNotUtf8,
            Detail::BodyTooLarge,
            Detail::BodyNotTaken,
            Detail::AddressTooLong,
            Detail::HeadersTooLarge,
            Detail::NotValidHere,
            Detail::TooSlow,
            Detail::NotAllowed,
            Detail::TooMany,
            Detail::Conflicts,
            Detail::NotReady,
            Detail::StoreOrIndexNotReady,
            Detail::SharedStoreUnreachable,
            Detail::NothingHere,
            Detail::Internal,
            Detail::MethodNotTaken {
                method: "DELETE".to_owned(),
            },
            Detail::NoSuchErrorCode {
                name: "nope".to_owned(),
            },
        ];
        for detail in details {
            let english = detail.text(Lang::En);
            assert_ne!(english, detail.key(), "{detail:?} is in the catalogue");
            assert_ne!(detail.text(Lang::Cy), english, "{detail:?} in Welsh");
            let error = ApiError::said(Code::InvalidBody, detail.clone());
            assert_eq!(error.detail, english);
            let response = error.into_response();
            assert_eq!(response.extensions().get::<Detail>(), Some(&detail));
        }
    }

    #[test]
    fn internal_errors_hide_their_cause() {
        let error = ApiError::internal(&"UNIQUE constraint failed: services.id at db.rs:12");
        assert!(!error.detail.contains("UNIQUE"));
        assert_eq!(error.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
