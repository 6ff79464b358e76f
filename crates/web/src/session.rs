//! Navigators' sessions: signing in with an API key makes a random session id, sent as an
//! `HttpOnly; SameSite=Strict` cookie, and a random CSRF token that every navigator form carries.
//! Sessions live in memory only and end after [`SESSION_LENGTH`] or on signing out; the API key
//! itself is never kept.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::HeaderMap;
use rand_core::{OsRng, RngCore};
use signpost_app::keys::Actor;

use crate::ui::cookie_value;

pub const COOKIE: &str = "signpost_session";
pub const SESSION_LENGTH: Duration = Duration::from_secs(8 * 60 * 60);
const TOKEN_BYTES: usize = 32;

/// A signed-in navigator, as a page sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Navigator {
    pub actor: Actor,
    pub csrf: String,
}

struct Session {
    navigator: Navigator,
    expires: Instant,
}

/// Every live session, by id.
#[derive(Default)]
pub struct Sessions {
    live: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    /// Starts a session; returns its id (for the cookie).
    pub fn start(&self, actor: Actor) -> String {
        let id = random_token();
        let navigator = Navigator {
            actor,
            csrf: random_token(),
        };
        let now = Instant::now();
        let mut live = self
            .live
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        live.retain(|_, session| session.expires > now);
        live.insert(
            id.clone(),
            Session {
                navigator,
                expires: now + SESSION_LENGTH,
            },
        );
        id
    }

    /// The navigator of the request's session cookie, if it is live.
    pub fn navigator(&self, headers: &HeaderMap) -> Option<Navigator> {
        let id = session_id(headers)?;
        let live = self
            .live
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        live.get(id)
            .filter(|session| session.expires > Instant::now())
            .map(|session| session.navigator.clone())
    }

    /// Ends the request's session.
    pub fn end(&self, headers: &HeaderMap) {
        if let Some(id) = session_id(headers) {
            let mut live = self
                .live
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            live.remove(id);
        }
    }
}

/// The `Set-Cookie` value for a new session.
pub fn cookie_for(id: &str) -> String {
    format!(
        "{COOKIE}={id}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}",
        SESSION_LENGTH.as_secs()
    )
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn expired_cookie() -> String {
    format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")
}

/// Whether a submitted CSRF token is the session's (compared in constant time).
pub fn csrf_matches(navigator: &Navigator, submitted: &str) -> bool {
    let (a, b) = (navigator.csrf.as_bytes(), submitted.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn session_id(headers: &HeaderMap) -> Option<&str> {
    cookie_value(headers, COOKIE).filter(|value| !value.is_empty())
}

fn random_token() -> String {
    let mut bytes = [0u8; TOKEN_BYTES];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use signpost_app::keys::Role;

    fn actor() -> Actor {
        Actor {
            key_id: "k1".into(),
            name: "Walsall navigator".into(),
            role: Role::Editor,
        }
    }

    fn cookie_headers(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            axum::http::header::COOKIE,
            HeaderValue::from_str(value).expect("header"),
        );
        headers
    }

    #[test]
    fn a_started_session_is_found_by_its_cookie_and_ends() {
        let sessions = Sessions::default();
        let id = sessions.start(actor());
        let headers = cookie_headers(&format!("theme=dark; {COOKIE}={id}"));
        let navigator = sessions.navigator(&headers).expect("signed in");
        assert_eq!(navigator.actor, actor());
        assert_eq!(navigator.csrf.len(), TOKEN_BYTES * 2);
        assert_ne!(navigator.csrf, id);
        sessions.end(&headers);
        assert_eq!(sessions.navigator(&headers), None);
    }

    #[test]
    fn unknown_or_missing_cookies_are_not_sessions() {
        let sessions = Sessions::default();
        sessions.start(actor());
        assert_eq!(
            sessions.navigator(&cookie_headers(&format!("{COOKIE}=forged"))),
            None
        );
        assert_eq!(
            sessions.navigator(&cookie_headers(&format!("{COOKIE}="))),
            None
        );
        assert_eq!(sessions.navigator(&HeaderMap::new()), None);
    }

    #[test]
    fn csrf_tokens_must_match_exactly() {
        let navigator = Navigator {
            actor: actor(),
            csrf: "abc123".into(),
        };
        assert!(csrf_matches(&navigator, "abc123"));
        assert!(!csrf_matches(&navigator, "abc124"));
        assert!(!csrf_matches(&navigator, "abc12"));
        assert!(!csrf_matches(&navigator, ""));
    }

    #[test]
    fn cookies_are_http_only_and_same_site() {
        let cookie = cookie_for("x");
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
        assert!(expired_cookie().contains("Max-Age=0"));
    }
}
