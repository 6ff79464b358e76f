//! What a page can fail with, shown as an HTML page with the status and the stable code the API
//! would report (linked to the code's page, `/errors/{code}`); and those code pages themselves.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::{Markup, html};
use signpost_app::{AppError, Code};
use tracing::error;

use crate::layout;

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
                (Code::Internal, "Try again later.".to_owned())
            }
        };
        let title = page_title(code);
        let body = html! {
            h1 { (title) }
            p { (detail) }
            p { "Error code: " a href=(code_href(code)) { code { (code.as_str()) } } }
            p { a href="/" { "Start a new search" } }
        };
        let status =
            StatusCode::from_u16(code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, layout::page(title, None, body)).into_response()
    }
}

/// The heading of a failed page, in the words of its kind of failure.
fn page_title(code: Code) -> &'static str {
    match code {
        Code::NotFound => "Page not found",
        Code::Forbidden | Code::Unauthorized => "You cannot do that",
        _ if code.http_status() >= 500 => "Sorry, there is a problem with the service",
        _ => "There is a problem",
    }
}

fn code_href(code: Code) -> String {
    format!("/errors/{}", code.as_str())
}

/// `/errors/{code}`: what one code means, for the people who meet it.
pub fn code_page(code: Code) -> Html<String> {
    let body = html! {
        p { a href="/errors" { "All error codes" } }
        h1 { code { (code.as_str()) } }
        p.lead { (code.title()) }
        p { "Sent with HTTP status " (code.http_status()) "." }
        p { (code.description()) }
    };
    layout::page(code.as_str(), None, body)
}

/// `/errors`: every code Signpost reports, with its status and title.
pub fn code_index() -> Html<String> {
    layout::page("Error codes", None, code_table())
}

fn code_table() -> Markup {
    html! {
        h1 { "Error codes" }
        p { "Every error Signpost's API reports is an RFC 9457 problem whose " code { "code" }
            " is one of these, and whose " code { "type" } " links to its page here." }
        table {
            thead { tr { th { "Code" } th { "Status" } th { "Meaning" } } }
            tbody {
                @for code in Code::ALL {
                    tr {
                        td { a href=(code_href(code)) { code { (code.as_str()) } } }
                        td { (code.http_status()) }
                        td { (code.title()) }
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
}
