//! Read-your-writes across replicas (docs/replicas.md). A write's answer carries
//! `Signpost-Sequence: N`, the change log's sequence this replica has applied (at least the
//! write's own); a page's redirect after a form post sets it in a short-lived cookie instead. A
//! read that sends `Signpost-Min-Sequence: N` (or the cookie) waits up to [`PATIENCE`] for this
//! replica to apply N, then answers whatever happened, with `Signpost-Sequence` and, when still
//! behind, `Signpost-Sequence-Behind: <how many changes>`.

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use signpost_web::cookie_value;

use crate::state::AppState;

/// The sequence a replica has applied, on write answers and waited reads.
pub const SEQUENCE: HeaderName = HeaderName::from_static("signpost-sequence");
/// The sequence a read wants applied before it is answered.
pub const MIN_SEQUENCE: HeaderName = HeaderName::from_static("signpost-min-sequence");
/// How many changes a read that waited its fill is answered behind.
pub const BEHIND: HeaderName = HeaderName::from_static("signpost-sequence-behind");
/// The cookie a page's redirect after a write carries the sequence in (a number, nothing else).
pub const COOKIE: &str = "signpost_sequence";

/// How long a read waits for the sequence it asked for.
pub const PATIENCE: Duration = Duration::from_secs(2);

/// How long the browser keeps the cookie: the next page or two after a save.
const COOKIE_SECONDS: u32 = 60;

/// The middleware: waits for reads that ask, marks the answers of writes.
pub async fn read_your_writes(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let directory = state.directory().clone();
    let reads = matches!(*request.method(), Method::GET | Method::HEAD);
    let wanted = reads.then(|| wanted(request.headers())).flatten();
    let behind = match wanted {
        Some(wanted) => {
            let applied = directory.wait_for_sequence(wanted, PATIENCE).await;
            Some(wanted.saturating_sub(applied))
        }
        None => None,
    };
    let mut response = next.run(request).await;
    let status = response.status();
    let wrote = !reads && (status.is_success() || status.is_redirection());
    if !wrote && behind.is_none() {
        return response;
    }
    let sequence = directory.sequence();
    let headers = response.headers_mut();
    headers.insert(SEQUENCE, HeaderValue::from(sequence));
    if let Some(behind) = behind.filter(|behind| *behind > 0) {
        headers.insert(BEHIND, HeaderValue::from(behind));
    }
    if wrote && status.is_redirection() {
        headers.append(header::SET_COOKIE, cookie(sequence));
    }
    response
}

/// The sequence a read asked for: the header's, else the cookie's.
fn wanted(headers: &HeaderMap) -> Option<u64> {
    let from_header = headers
        .get(MIN_SEQUENCE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse().ok());
    from_header.or_else(|| cookie_value(headers, COOKIE).and_then(|value| value.parse().ok()))
}

fn cookie(sequence: u64) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{COOKIE}={sequence}; Path=/; HttpOnly; SameSite=Strict; Max-Age={COOKIE_SECONDS}"
    ))
    .unwrap_or(HeaderValue::from_static("signpost_sequence=0; Path=/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                HeaderName::from_bytes(name.as_bytes()).expect("a name"),
                HeaderValue::from_str(value).expect("a value"),
            );
        }
        map
    }

    #[test]
    fn the_header_is_read_before_the_cookie() {
        assert_eq!(wanted(&headers(&[])), None);
        assert_eq!(
            wanted(&headers(&[("signpost-min-sequence", " 42 ")])),
            Some(42)
        );
        assert_eq!(
            wanted(&headers(&[("cookie", "session=abc; signpost_sequence=7")])),
            Some(7)
        );
        assert_eq!(
            wanted(&headers(&[
                ("signpost-min-sequence", "9"),
                ("cookie", "signpost_sequence=7")
            ])),
            Some(9)
        );
        assert_eq!(wanted(&headers(&[("signpost-min-sequence", "soon")])), None);
    }

    #[test]
    fn the_cookie_holds_only_the_number() {
        let value = cookie(12);
        let text = value.to_str().expect("text");
        assert!(text.starts_with("signpost_sequence=12; "), "{text}");
        assert!(text.contains("HttpOnly") && text.contains("SameSite=Strict"));
    }
}
