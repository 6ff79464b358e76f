//! Navigators' decisions on proposed duplicate services: merge (one kept, the other made
//! inactive by the caller) or keep apart (never proposed again). Each decision is written with an
//! audit entry for both services, in one transaction.

use std::fmt;
use std::str::FromStr;

use crate::error::{Result, StoreError};
use crate::open::{Store, now, on_backend};
use crate::records::{Actor, AuditAction};

/// What a navigator decided about a proposed pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// The same service: one record kept, the other inactive and pointing to it.
    Merge,
    /// Two services: never proposed again.
    KeepApart,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Merge => "merge",
            Verdict::KeepApart => "keep-apart",
        }
    }
}

impl FromStr for Verdict {
    type Err = StoreError;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "merge" => Ok(Verdict::Merge),
            "keep-apart" => Ok(Verdict::KeepApart),
            other => Err(StoreError::UnknownValue {
                column: "duplicate_decisions.decision",
                value: other.to_owned(),
            }),
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A stored decision on the pair `a` < `b`; `kept` is the id a merge kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateDecision {
    pub a: String,
    pub b: String,
    pub verdict: Verdict,
    pub kept: Option<String>,
    pub key_name: String,
    pub decided_at: String,
}

impl Store {
    /// Every decision, oldest first.
    pub async fn duplicate_decisions(&self) -> Result<Vec<DuplicateDecision>> {
        let rows: Vec<DecisionTuple> = on_backend!(self, pool => {
            sqlx::query_as(
                "SELECT a, b, decision, kept, key_name, decided_at FROM duplicate_decisions \
                 ORDER BY decided_at, a, b",
            )
            .fetch_all(pool)
            .await?
        });
        rows.into_iter().map(decision_from_tuple).collect()
    }

    /// Stores a decision on a pair (the ids in either order; a later decision on the same pair
    /// replaces it) with an audit entry for each service, in one transaction.
    pub async fn record_duplicate_decision(
        &self,
        x: &str,
        y: &str,
        verdict: Verdict,
        kept: Option<&str>,
        by: &Actor,
    ) -> Result<DuplicateDecision> {
        let (a, b) = if x <= y { (x, y) } else { (y, x) };
        let decided_at = now();
        let state = serde_json::json!({
            "duplicate_of": [a, b], "decision": verdict.as_str(), "kept": kept,
        })
        .to_string();
        on_backend!(self, pool => {
            let mut tx = pool.begin().await?;
            sqlx::query("DELETE FROM duplicate_decisions WHERE a = $1 AND b = $2")
                .bind(a)
                .bind(b)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO duplicate_decisions (a, b, decision, kept, key_name, decided_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(a)
            .bind(b)
            .bind(verdict.as_str())
            .bind(kept)
            .bind(&by.key_name)
            .bind(&decided_at)
            .execute(&mut *tx)
            .await?;
            for service_id in [a, b] {
                sqlx::query(
                    "INSERT INTO audit_log (at, key_name, action, service_id, before, after) \
                     VALUES ($1, $2, $3, $4, NULL, $5)",
                )
                .bind(&decided_at)
                .bind(&by.key_name)
                .bind(AuditAction::DuplicateDecision.as_str())
                .bind(service_id)
                .bind(&state)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        });
        Ok(DuplicateDecision {
            a: a.to_owned(),
            b: b.to_owned(),
            verdict,
            kept: kept.map(str::to_owned),
            key_name: by.key_name.clone(),
            decided_at,
        })
    }
}

type DecisionTuple = (String, String, String, Option<String>, String, String);

fn decision_from_tuple(
    (a, b, decision, kept, key_name, decided_at): DecisionTuple,
) -> Result<DuplicateDecision> {
    Ok(DuplicateDecision {
        a,
        b,
        verdict: decision.parse()?,
        kept,
        key_name,
        decided_at,
    })
}
