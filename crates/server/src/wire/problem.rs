//! The RFC 9457 problem+json body every error is sent as.

use serde::Serialize;
use signpost_app::Code;

/// Where a code's documentation page lives on the serving host: `/errors/{code}`.
pub fn type_reference(code: Code) -> String {
    format!("/errors/{}", code.as_str())
}

/// The problem+json body.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A URI reference to the code's documentation page, relative to this server
    /// (`/errors/invalid_radius`, as RFC 9457 §3.1.1 allows).
    #[serde(rename = "type")]
    pub type_uri: String,
    pub title: &'static str,
    pub status: u16,
    pub detail: String,
    /// The stable error code (`invalid_radius`, `unknown_language`, ...).
    pub code: &'static str,
    /// "Did you mean" alternatives, best first (absent when there are none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<String>,
}

impl Problem {
    /// The problem of a code, with what went wrong this time.
    pub fn new(code: Code, detail: &str, suggestions: &[String]) -> Problem {
        Problem {
            type_uri: type_reference(code),
            title: code.title(),
            status: code.http_status(),
            detail: detail.to_owned(),
            code: code.as_str(),
            suggestions: suggestions.to_vec(),
        }
    }
}
