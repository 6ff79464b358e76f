//! API keys and the audit log, through the directory.
//!
//! A stored key hash is `<key id>:<argon2 PHC string>`: the public id finds the one hash to check,
//! so a wrong key costs one argon2 check, not one per stored key.

use signpost_store::{ApiKey, NewApiKey, Store};

use crate::code::Code;
use crate::directory::Directory;
use crate::error::{AppError, Result};
use crate::keys::{self, Actor, Role};

/// A key as just made: `key` is shown once and never kept.
#[derive(Debug, Clone)]
pub struct CreatedKey {
    pub name: String,
    pub role: Role,
    pub key: String,
}

/// A key as listed (never the key or its hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    pub name: String,
    pub role: Role,
    pub created_at: String,
    pub revoked_at: Option<String>,
    /// The organisation the key acts for, if it is scoped to one.
    pub organization_id: Option<String>,
}

/// One audited write (interfaces: key name, time, action, service id, before and after).
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRecord {
    pub id: i64,
    pub at: String,
    pub key_name: String,
    pub action: &'static str,
    pub service_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// Keys and the audit log over the store alone: what `signpost keys` and `signpost audit` use, so
/// they work beside a running server (which holds the search index open for writing).
#[derive(Debug, Clone, Copy)]
pub struct Access<'s> {
    store: &'s Store,
}

impl<'s> Access<'s> {
    pub fn new(store: &'s Store) -> Access<'s> {
        Access { store }
    }

    /// Makes a key with a unique name; the returned `key` is the only time it is seen.
    pub async fn create_key(&self, role: Role, name: &str) -> Result<CreatedKey> {
        self.create_key_for(role, name, None).await
    }

    /// As [`Access::create_key`], the key scoped to an organisation when one is given: its
    /// holders act for that organisation's services (docs/referrals.md).
    pub async fn create_key_for(
        &self,
        role: Role,
        name: &str,
        organization_id: Option<&str>,
    ) -> Result<CreatedKey> {
        let organization_id = organization_id.map(str::trim).filter(|o| !o.is_empty());
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 200 {
            return Err(AppError::rejected(
                Code::InvalidParameter,
                "a key needs a name of 1 to 200 characters",
            ));
        }
        if self.store.api_keys().await?.iter().any(|k| k.name == name) {
            return Err(AppError::rejected(
                Code::Conflict,
                format!("a key named {name:?} exists"),
            ));
        }
        let key = tokio::task::spawn_blocking(keys::generate)
            .await
            .map_err(|e| AppError::Task(e.to_string()))?
            .map_err(|e| AppError::Task(e.to_string()))?;
        self.store
            .create_api_key(&NewApiKey {
                name: name.to_owned(),
                role,
                hash: format!("{}:{}", key.id, key.hash),
                organization_id: organization_id.map(str::to_owned),
            })
            .await?;
        Ok(CreatedKey {
            name: name.to_owned(),
            role,
            key: key.plain,
        })
    }

    /// Who a presented key belongs to; `None` for a malformed, unknown, revoked or wrong key.
    pub async fn authenticate(&self, presented: &str) -> Result<Option<Actor>> {
        let Ok(key_id) = keys::key_id(presented) else {
            return Ok(None);
        };
        let Some((stored, hash)) = self.active_key(key_id).await? else {
            return Ok(None);
        };
        let presented = presented.to_owned();
        let matches = tokio::task::spawn_blocking(move || keys::verify(&presented, &hash))
            .await
            .map_err(|e| AppError::Task(e.to_string()))?;
        Ok(matches.then(|| Actor {
            key_id: key_id.to_owned(),
            name: stored.name,
            role: stored.role,
        }))
    }

    /// Whether the key with this id is still active (not revoked): one store read and no hash
    /// check, for a caller that checked the presented key itself earlier.
    pub async fn key_is_active(&self, key_id: &str) -> Result<bool> {
        Ok(self.active_key(key_id).await?.is_some())
    }

    /// The active key with this public id, and its argon2 hash (the stored hash less its
    /// `<key id>:` prefix).
    async fn active_key(&self, key_id: &str) -> Result<Option<(ApiKey, String)>> {
        let prefix = format!("{key_id}:");
        Ok(self
            .store
            .active_api_keys()
            .await?
            .into_iter()
            .find_map(|key| {
                let hash = key.hash.strip_prefix(&prefix)?.to_owned();
                Some((key, hash))
            }))
    }

    /// Every key, revoked ones included (names, roles and dates only).
    pub async fn keys(&self) -> Result<Vec<KeyInfo>> {
        Ok(self
            .store
            .api_keys()
            .await?
            .into_iter()
            .map(key_info)
            .collect())
    }

    /// Revokes the key with this name (`not_found` when there is no such active key).
    pub async fn revoke_key(&self, name: &str) -> Result<()> {
        if self.store.revoke_api_key(name).await? {
            Ok(())
        } else {
            Err(AppError::rejected(
                Code::NotFound,
                format!("no active key named {name:?}"),
            ))
        }
    }

    /// The latest audited writes, newest first, of one service or of all.
    pub async fn audit(&self, service_id: Option<&str>, limit: u64) -> Result<Vec<AuditRecord>> {
        let entries = self.store.audit_log(service_id, limit).await?;
        Ok(entries
            .into_iter()
            .map(|e| AuditRecord {
                id: e.id,
                at: e.at,
                key_name: e.key_name,
                action: e.action.as_str(),
                service_id: e.service_id,
                before: e.before.and_then(|t| serde_json::from_str(&t).ok()),
                after: e.after.and_then(|t| serde_json::from_str(&t).ok()),
            })
            .collect())
    }
}

impl Directory {
    /// Keys and the audit log of this directory's store.
    pub fn access(&self) -> Access<'_> {
        Access::new(&self.store)
    }

    /// See [`Access::create_key`].
    pub async fn create_key(&self, role: Role, name: &str) -> Result<CreatedKey> {
        self.access().create_key(role, name).await
    }

    /// See [`Access::authenticate`].
    pub async fn authenticate(&self, presented: &str) -> Result<Option<Actor>> {
        self.access().authenticate(presented).await
    }

    /// See [`Access::key_is_active`].
    pub async fn key_is_active(&self, key_id: &str) -> Result<bool> {
        self.access().key_is_active(key_id).await
    }

    /// See [`Access::keys`].
    pub async fn keys(&self) -> Result<Vec<KeyInfo>> {
        self.access().keys().await
    }

    /// See [`Access::revoke_key`].
    pub async fn revoke_key(&self, name: &str) -> Result<()> {
        self.access().revoke_key(name).await
    }

    /// See [`Access::audit`].
    pub async fn audit(&self, service_id: Option<&str>, limit: u64) -> Result<Vec<AuditRecord>> {
        self.access().audit(service_id, limit).await
    }
}

fn key_info(key: ApiKey) -> KeyInfo {
    KeyInfo {
        name: key.name,
        role: key.role,
        created_at: key.created_at,
        revoked_at: key.revoked_at,
        organization_id: key.organization_id,
    }
}
