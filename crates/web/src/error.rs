//! What a page can fail with, shown as an HTML page with the status and the stable code the API
//! would report (linked to the code's page, `/errors/{code}`); and those code pages themselves.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::{Markup, html};
use signpost_app::{AppError, Code};
use tracing::error;

use crate::layout;
use crate::ui::{t, t_with};

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// The request cannot be done as asked; `code` says why, as the API would.
    #[error("{detail}")]
    Refused { code: Code, detail: String },
    /// A fault on the server's side: logged, never shown.
    #[error(transparent)]
    Internal(AppError),
}

impl WebError {
    pub fn refused(code: Code, detail: impl Into<String>) -> WebError {
        WebError::Refused {
            code,
            detail: detail.into(),
        }
    }
}

impl From<AppError> for WebError {
    fn from(error: AppError) -> WebError {
        match error.rejection() {
            Some(rejection) => WebError::refused(rejection.code, rejection.message.clone()),
            None if error.code() == Code::StoreUnavailable => WebError::refused(
                Code::StoreUnavailable,
                "the shared store cannot be reached just now; try again in a few seconds",
            ),
            None => WebError::Internal(error),
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (code, detail) = match self {
            WebError::Refused { code, detail } => (code, detail),
            WebError::Internal(cause) => {
                error!(%cause, "page failed");
                (Code::Internal, t("error-try-later"))
            }
        };
        let title = page_title(code);
        let body = html! {
            h1 { (title) }
            p { (detail) }
            p { (t("error-code")) " " a href=(code_href(code)) { code { (code.as_str()) } } }
            p { a href="/" { (t("error-new-search")) } }
        };
        let status =
            StatusCode::from_u16(code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, layout::page(&title, None, body)).into_response()
    }
}

/// The heading of a failed page, in the words of its kind of failure.
fn page_title(code: Code) -> String {
    let key = match code {
        Code::NotFound => "error-not-found",
        Code::Forbidden | Code::Unauthorized => "error-forbidden",
        _ if code.http_status() >= 500 => "error-server",
        _ => "error-problem",
    };
    t(key)
}

fn code_href(code: Code) -> String {
    format!("/errors/{}", code.as_str())
}

/// `/errors/{code}`: what one code means, for the people who meet it.
pub fn code_page(code: Code) -> Html<String> {
    let body = html! {
        p { a href="/errors" { (t("error-codes-all")) } }
        h1 { code { (code.as_str()) } }
        p.lead { (code_title(code)) }
        p { (t_with("error-codes-status", &[("status", u32::from(code.http_status()).into())])) }
        p { (code_description(code)) }
    };
    layout::page(code.as_str(), None, body)
}

/// What a code means and what to do about it, in the page's language (`error-description-<code>`
/// in the `web` catalogue; the code's own description in English).
fn code_description(code: Code) -> String {
    t(&format!(
        "error-description-{}",
        code.as_str().replace('_', "-")
    ))
}

/// `/errors`: every code Signpost reports, with its status and title.
pub fn code_index() -> Html<String> {
    layout::page(&t("error-codes-heading"), None, code_table())
}

/// A code's title in the page's language: the API's problem title (`problem-<code>` in the `api`
/// catalogue), which is the code's own English title in English.
fn code_title(code: Code) -> String {
    t(&format!("problem-{}", code.as_str().replace('_', "-")))
}

fn code_table() -> Markup {
    html! {
        h1 { (t("error-codes-heading")) }
        p { (t("error-codes-intro")) }
        table {
            thead { tr { th { (t("error-codes-code")) } th { (t("error-codes-status-heading")) } th { (t("error-codes-meaning")) } } }
            tbody {
                @for code in Code::ALL {
                    tr {
                        td { a href=(code_href(code)) { code { (code.as_str()) } } }
                        td { (code.http_status()) }
                        td { (code_title(code)) }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn page_of(error: WebError) -> (StatusCode, String) {
        let response = error.into_response();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .expect("body");
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    #[tokio::test]
    async fn a_rejection_keeps_its_code_status_and_link() {
        let rejected = AppError::rejected(Code::UnknownLanguage, "\"xx\" is not a language");
        let (status, body) = page_of(WebError::from(rejected)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("There is a problem"), "{body}");
        assert!(body.contains("href=\"/errors/unknown_language\""), "{body}");
        let (status, body) = page_of(WebError::refused(Code::NotFound, "no such service")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(body.contains("Page not found") && body.contains("/errors/not_found"));
    }

    #[tokio::test]
    async fn an_internal_fault_hides_its_cause() {
        let fault = AppError::Task("disk on fire".to_owned());
        let (status, body) = page_of(WebError::Internal(fault)).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!body.contains("disk on fire"));
        assert!(body.contains("/errors/internal"));
    }

    #[test]
    fn the_index_links_every_code() {
        let Html(index) = code_index();
        for code in Code::ALL {
            assert!(
                index.contains(&format!("href=\"/errors/{}\"", code.as_str())),
                "{code}"
            );
        }
        let Html(page) = code_page(Code::InvalidRadius);
        assert!(page.contains(Code::InvalidRadius.description()));
    }

    #[test]
    fn every_code_is_described_in_english_as_the_code_says_and_in_welsh() {
        for code in Code::ALL {
            let key = format!("error-description-{}", code.as_str().replace('_', "-"));
            assert_eq!(code_description(code), code.description(), "{key}");
            let welsh = signpost_i18n::text(signpost_i18n::Lang::Cy, &key);
            assert_ne!(welsh, code.description(), "{key} in Welsh");
        }
    }
}
