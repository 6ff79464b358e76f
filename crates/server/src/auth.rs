//! Bearer API keys: reads are open; writes need a key whose role allows them.
//!
//! Checking an argon2 hash is slow by design, so a key that checked out is remembered (in this
//! process only) for a minute; a wrong key is never remembered. A remembered key is still looked up
//! in the store on every request (by its id, without the hash check), so a key revoked by any
//! process, `signpost keys revoke` included, is refused from the next request on.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use signpost_app::Code;
use signpost_app::keys::{Actor, Role};

use crate::error::{ApiError, Detail};
use crate::state::AppState;

const REMEMBER_FOR: Duration = Duration::from_secs(60);
const REMEMBER_AT_MOST: usize = 1_000;

/// The key in an `Authorization: Bearer <key>` header.
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// Keys that recently checked out.
#[derive(Debug, Default)]
pub struct KeyCache {
    known: Mutex<HashMap<String, (Actor, Instant)>>,
}

impl KeyCache {
    pub fn new() -> KeyCache {
        KeyCache::default()
    }

    fn lookup(&self, key: &str, now: Instant) -> Option<Actor> {
        let known = self
            .known
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        known
            .get(key)
            .filter(|(_, checked)| now.saturating_duration_since(*checked) < REMEMBER_FOR)
            .map(|(actor, _)| actor.clone())
    }

    /// The id of a key that recently checked out (for rate limits per key).
    pub fn known_key_id(&self, key: &str) -> Option<String> {
        self.lookup(key, Instant::now()).map(|actor| actor.key_id)
    }

    fn forget(&self, key: &str) {
        self.known
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(key);
    }

    fn remember(&self, key: &str, actor: &Actor, now: Instant) {
        let mut known = self
            .known
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if known.len() >= REMEMBER_AT_MOST {
            known.retain(|_, (_, checked)| now.saturating_duration_since(*checked) < REMEMBER_FOR);
        }
        if known.len() < REMEMBER_AT_MOST {
            known.insert(key.to_owned(), (actor.clone(), now));
        }
    }
}

/// A request made with a valid key.
#[derive(Debug, Clone)]
pub struct Caller(pub Actor);

impl Caller {
    /// The caller, if its role allows what `needed` allows; else `forbidden`.
    pub fn require(self, needed: Role) -> Result<Actor, ApiError> {
        if self.0.role.allows(needed) {
            Ok(self.0)
        } else {
            Err(ApiError::new(
                Code::Forbidden,
                format!(
                    "this needs a key with the {} role; this key is {}",
                    needed.as_str(),
                    self.0.role.as_str()
                ),
            ))
        }
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Caller, ApiError> {
        let key = bearer_token(&parts.headers)
            .ok_or_else(|| ApiError::said(Code::Unauthorized, Detail::KeyNeeded))?;
        let now = Instant::now();
        if let Some(actor) = state.keys().lookup(key, now) {
            if state.directory().key_is_active(&actor.key_id).await? {
                return Ok(Caller(actor));
            }
            state.keys().forget(key);
            return Err(invalid_key());
        }
        let actor = state
            .directory()
            .authenticate(key)
            .await?
            .ok_or_else(invalid_key)?;
        state.keys().remember(key, &actor, now);
        Ok(Caller(actor))
    }
}

/// A key that is malformed, unknown, wrong or revoked: all one answer, so none is told apart.
fn invalid_key() -> ApiError {
    ApiError::said(Code::Unauthorized, Detail::KeyNotValid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(value).expect("header"),
        );
        headers
    }

    #[test]
    fn reads_bearer_tokens_only() {
        assert_eq!(bearer_token(&headers("Bearer sp_1")), Some("sp_1"));
        assert_eq!(bearer_token(&headers("bearer  sp_1 ")), Some("sp_1"));
        assert_eq!(bearer_token(&headers("Basic dXNlcjpwdw==")), None);
        assert_eq!(bearer_token(&headers("Bearer ")), None);
        assert_eq!(bearer_token(&HeaderMap::new()), None);
    }

    #[test]
    fn remembered_keys_expire() {
        let cache = KeyCache::new();
        let actor = Actor {
            key_id: "k1".into(),
            name: "Walsall navigator".into(),
            role: Role::Editor,
        };
        let now = Instant::now();
        cache.remember("sp_x", &actor, now);
        assert_eq!(cache.lookup("sp_x", now), Some(actor));
        assert_eq!(cache.lookup("sp_y", now), None);
        assert_eq!(cache.lookup("sp_x", now + REMEMBER_FOR), None);
        cache.forget("sp_x");
        assert_eq!(cache.lookup("sp_x", now), None);
    }

    #[test]
    fn roles_gate_callers() {
        let editor = Caller(Actor {
            key_id: "k1".into(),
            name: "n".into(),
            role: Role::Editor,
        });
        assert!(editor.clone().require(Role::Editor).is_ok());
        let refused = editor.require(Role::Admin).expect_err("admin only");
        assert_eq!(refused.code, Code::Forbidden);
    }
}
