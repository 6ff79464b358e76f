//! Proposed duplicates ([`signpost_dedupe`]) and navigators' decisions on them. Nothing is merged
//! unless a navigator says so: a merge keeps one record (it lists the merged ids in
//! `merged_from`) and makes the other inactive with a pointer to it (`merged_into`), each write
//! audited; a pair kept apart is never proposed again. Each merged record keeps its own
//! provenance, so the kept service's sources are its own and those of its `merged_from` records.

use std::collections::HashSet;

use serde_json::Value;
use signpost_domain::Service;
use signpost_store::Store;

pub use signpost_dedupe::Candidate;
pub use signpost_store::{DuplicateDecision, Verdict};

use crate::code::Code;
use crate::confidential;
use crate::directory::{Directory, store_actor};
use crate::error::{AppError, Result};
use crate::keys::Actor;
use crate::storage::Storage;

/// Services read from the store at a time when looking for duplicates.
const READ_CHUNK: usize = 5_000;
/// The extension member of a merged (inactive) record naming the record kept.
pub const MERGED_INTO: &str = "merged_into";
/// The extension member of a kept record listing the ids merged into it.
pub const MERGED_FROM: &str = "merged_from";

/// A navigator's decision on a proposed pair; `keep` (one of `a`, `b`) only with a merge, and
/// when absent the more complete record is kept (then the one written first, then the lower id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub a: String,
    pub b: String,
    pub verdict: Verdict,
    pub keep: Option<String>,
}

impl Directory {
    /// The active services' probable duplicates not yet decided on, highest score first.
    pub async fn duplicates(&self) -> Result<Vec<Candidate>> {
        proposed(&self.store).await
    }

    /// Every decision taken, oldest first.
    pub async fn duplicate_decisions(&self) -> Result<Vec<DuplicateDecision>> {
        Ok(self.store.duplicate_decisions().await?)
    }

    /// Records a navigator's decision; a merge first makes the other record inactive, pointing
    /// to the kept one, and adds it to the kept one's `merged_from` (both writes audited and
    /// searchable at once).
    pub async fn decide_duplicate(
        &self,
        decision: &Decision,
        actor: &Actor,
    ) -> Result<DuplicateDecision> {
        let _one_writer = self.writes.lock().await;
        let (a, b) = self.pair(decision).await?;
        let kept = match decision.verdict {
            Verdict::KeepApart => None,
            Verdict::Merge => Some(self.merge(a, b, decision.keep.as_deref(), actor).await?),
        };
        Ok(self
            .store
            .record_duplicate_decision(
                &decision.a,
                &decision.b,
                decision.verdict,
                kept.as_deref(),
                &store_actor(actor),
            )
            .await?)
    }

    async fn pair(&self, decision: &Decision) -> Result<(Service, Service)> {
        if decision.a == decision.b {
            return Err(AppError::rejected(
                Code::InvalidBody,
                "a and b are the same service",
            ));
        }
        if let Some(keep) = &decision.keep
            && (decision.verdict != Verdict::Merge || (*keep != decision.a && *keep != decision.b))
        {
            return Err(AppError::rejected(
                Code::InvalidBody,
                format!("keep {keep:?} must be a or b, and only with \"merge\""),
            ));
        }
        Ok((
            self.stored(&decision.a).await?,
            self.stored(&decision.b).await?,
        ))
    }

    async fn stored(&self, id: &str) -> Result<Service> {
        let service = self.store.service(id).await?.ok_or_else(|| {
            AppError::rejected(Code::NotFound, format!("no service with id {id:?}"))
        })?;
        if service.extra.contains_key(MERGED_INTO) {
            return Err(AppError::rejected(
                Code::Conflict,
                format!("service {id:?} has already been merged into another"),
            ));
        }
        Ok(service)
    }

    /// Keeps one record, makes the other inactive pointing to it; the kept id.
    async fn merge(
        &self,
        a: Service,
        b: Service,
        keep: Option<&str>,
        actor: &Actor,
    ) -> Result<String> {
        let keep_a = match keep {
            Some(id) => id == a.id,
            None => self.first_is_kept_by_default(&a, &b).await?,
        };
        let (mut kept, mut merged) = if keep_a { (a, b) } else { (b, a) };
        let mut merged_ids = merged_from(&kept);
        merged_ids.push(merged.id.clone());
        merged_ids.extend(merged_from(&merged));
        kept.extra.insert(
            MERGED_FROM.to_owned(),
            Value::from(merged_ids.into_iter().map(Value::from).collect::<Vec<_>>()),
        );
        merged.status = "inactive".to_owned();
        merged
            .extra
            .insert(MERGED_INTO.to_owned(), Value::from(kept.id.clone()));
        self.write_one(&merged, actor).await?;
        self.write_one(&kept, actor).await?;
        Ok(kept.id)
    }

    /// The more complete record, then the one last written earlier, then the lower id.
    async fn first_is_kept_by_default(&self, a: &Service, b: &Service) -> Result<bool> {
        let (fa, fb) = (filled_values(a), filled_values(b));
        if fa != fb {
            return Ok(fa > fb);
        }
        let times = self.store.last_modified(&[&a.id, &b.id]).await?;
        let (ta, tb) = (times.get(&a.id), times.get(&b.id));
        Ok(if ta == tb { a.id < b.id } else { ta < tb })
    }
}

impl Storage {
    /// The active services' probable duplicates not yet decided on, highest score first.
    pub async fn duplicates(&self) -> Result<Vec<Candidate>> {
        proposed(self.store()).await
    }

    /// Every decision taken, oldest first.
    pub async fn duplicate_decisions(&self) -> Result<Vec<DuplicateDecision>> {
        Ok(self.store().duplicate_decisions().await?)
    }
}

/// The active services' candidates less the pairs decided on; confidential locations take no
/// part (they are withheld before scoring).
async fn proposed(store: &Store) -> Result<Vec<Candidate>> {
    let decided: HashSet<(String, String)> = store
        .duplicate_decisions()
        .await?
        .into_iter()
        .map(|d| (d.a, d.b))
        .collect();
    let mut chunks = store.chunks(READ_CHUNK);
    let mut services = Vec::new();
    while let Some(chunk) = chunks.next().await? {
        services.extend(
            chunk
                .into_iter()
                .filter(|s| s.status == "active")
                .map(confidential::redacted),
        );
    }
    Ok(signpost_dedupe::find_duplicates(&services)
        .into_iter()
        .filter(|c| !decided.contains(&(c.a.clone(), c.b.clone())))
        .collect())
}

fn merged_from(service: &Service) -> Vec<String> {
    service
        .extra
        .get(MERGED_FROM)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

/// How many values a record holds (strings, numbers and booleans, nested ones included).
fn filled_values(service: &Service) -> usize {
    fn count(value: &Value) -> usize {
        match value {
            Value::Null => 0,
            Value::String(s) if s.is_empty() => 0,
            Value::Array(items) => items.iter().map(count).sum(),
            Value::Object(members) => members.values().map(count).sum(),
            _ => 1,
        }
    }
    serde_json::to_value(service).map_or(0, |v| count(&v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_with_more_values_is_more_complete() {
        let bare = Service {
            id: "a".into(),
            name: "Food bank".into(),
            ..Service::default()
        };
        let fuller = Service {
            description: Some("Food parcels".into()),
            ..bare.clone()
        };
        assert!(filled_values(&fuller) > filled_values(&bare));
    }
}
