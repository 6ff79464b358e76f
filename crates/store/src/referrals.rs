//! Referrals as rows: sending one (with its audit entry), reading them through a filter, moving
//! one to its next status (with its audit entry), and emptying the personal columns of closed
//! referrals past their retention period. The store never sees the equality fields in the clear:
//! the app seals them before they arrive here (docs/referrals.md).

use sqlx::QueryBuilder;

use crate::error::Result;
use crate::open::{Store, now, on_backend};
use crate::records::{Actor, AuditAction, ReferralStatus};

/// A referral to store: every column the sender gives; the status is `sent`, the time now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReferralRow {
    pub id: String,
    pub service_id: String,
    pub organization_id: Option<String>,
    pub team: String,
    pub sent_by: String,
    pub case_ref: String,
    /// The needs as JSON text (an array of category codes).
    pub needs: String,
    /// The sealed equality fields, when any were given.
    pub equality: Option<Vec<u8>>,
}

/// A stored referral. Timestamps are RFC 3339, UTC; `case_ref` and `needs` are `None` once the
/// referral was purged (`purged_at`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralRow {
    pub id: String,
    pub service_id: String,
    pub organization_id: Option<String>,
    pub team: String,
    pub sent_by: String,
    pub case_ref: Option<String>,
    pub needs: Option<String>,
    pub equality: Option<Vec<u8>>,
    pub status: ReferralStatus,
    pub reason: Option<String>,
    pub sent_at: String,
    pub accepted_at: Option<String>,
    pub declined_at: Option<String>,
    pub attended_at: Option<String>,
    pub did_not_attend_at: Option<String>,
    pub closed_at: Option<String>,
    pub purged_at: Option<String>,
}

/// Which referrals to read. `visible_to` keeps those a scope may see: sent by the team, or sent
/// to the organisation; `None` reads all. Sent times are compared as RFC 3339 text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReferralFilter {
    pub visible_to: Option<ReferralScope>,
    pub service_id: Option<String>,
    pub status: Option<ReferralStatus>,
    pub sent_from: Option<String>,
    pub sent_before: Option<String>,
}

/// The referrals one caller may see: those its team sent and those sent to its organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralScope {
    pub team: String,
    pub organization_id: Option<String>,
}

const COLUMNS: &str = "SELECT id, service_id, organization_id, team, sent_by, case_ref, needs, \
     equality, status, reason, sent_at, accepted_at, declined_at, attended_at, did_not_attend_at, \
     closed_at, purged_at FROM referrals";

/// The audit entry of a referral's change: `after` holds its id, status and reason, nothing else.
const AUDIT_REFERRAL: &str = "INSERT INTO audit_log (at, key_name, action, service_id, before, after) \
     VALUES ($1, $2, $3, $4, NULL, $5)";

impl Store {
    /// Stores a sent referral with its audit entry (`by` is who sent it), in one transaction.
    pub async fn insert_referral(&self, row: &NewReferralRow, by: &Actor) -> Result<ReferralRow> {
        let sent_at = now();
        on_backend!(self, pool => {
            let mut tx = pool.begin().await?;
            sqlx::query(
                "INSERT INTO referrals (id, service_id, organization_id, team, sent_by, case_ref, \
                 needs, equality, status, sent_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(&row.id)
            .bind(&row.service_id)
            .bind(&row.organization_id)
            .bind(&row.team)
            .bind(&row.sent_by)
            .bind(&row.case_ref)
            .bind(&row.needs)
            .bind(&row.equality)
            .bind(ReferralStatus::Sent.as_str())
            .bind(&sent_at)
            .execute(&mut *tx)
            .await?;
            sqlx::query(AUDIT_REFERRAL)
                .bind(&sent_at)
                .bind(&by.key_name)
                .bind(AuditAction::Referral.as_str())
                .bind(&row.service_id)
                .bind(referral_state(&row.id, ReferralStatus::Sent, None))
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        });
        Ok(ReferralRow {
            id: row.id.clone(),
            service_id: row.service_id.clone(),
            organization_id: row.organization_id.clone(),
            team: row.team.clone(),
            sent_by: row.sent_by.clone(),
            case_ref: Some(row.case_ref.clone()),
            needs: Some(row.needs.clone()),
            equality: row.equality.clone(),
            status: ReferralStatus::Sent,
            reason: None,
            sent_at,
            accepted_at: None,
            declined_at: None,
            attended_at: None,
            did_not_attend_at: None,
            closed_at: None,
            purged_at: None,
        })
    }

    /// The referral with this id.
    pub async fn referral(&self, id: &str) -> Result<Option<ReferralRow>> {
        let row: Option<ReferralTuple> = on_backend!(self, pool => {
            let mut query = QueryBuilder::new(COLUMNS);
            query.push(" WHERE id = ");
            query.push_bind(id);
            query.build_query_as().fetch_optional(pool).await?
        });
        row.map(row_from_tuple).transpose()
    }

    /// The referrals the filter keeps, newest first.
    pub async fn referrals(&self, filter: &ReferralFilter) -> Result<Vec<ReferralRow>> {
        let rows: Vec<ReferralTuple> = on_backend!(self, pool => {
            let mut query = QueryBuilder::new(COLUMNS);
            query.push(" WHERE 1 = 1");
            if let Some(scope) = &filter.visible_to {
                query.push(" AND (team = ");
                query.push_bind(scope.team.clone());
                if let Some(organization_id) = &scope.organization_id {
                    query.push(" OR organization_id = ");
                    query.push_bind(organization_id.clone());
                }
                query.push(")");
            }
            if let Some(service_id) = &filter.service_id {
                query.push(" AND service_id = ");
                query.push_bind(service_id.clone());
            }
            if let Some(status) = filter.status {
                query.push(" AND status = ");
                query.push_bind(status.as_str());
            }
            if let Some(from) = &filter.sent_from {
                query.push(" AND sent_at >= ");
                query.push_bind(from.clone());
            }
            if let Some(before) = &filter.sent_before {
                query.push(" AND sent_at < ");
                query.push_bind(before.clone());
            }
            query.push(" ORDER BY sent_at DESC, id");
            query.build_query_as().fetch_all(pool).await?
        });
        rows.into_iter().map(row_from_tuple).collect()
    }

    /// Moves a referral from status `from` to `to` (stamping `to`'s time, and keeping `reason`
    /// when given) with its audit entry, in one transaction. `None` when the referral is not in
    /// status `from` (any more): the caller reads it again to say why.
    pub async fn move_referral(
        &self,
        id: &str,
        from: ReferralStatus,
        to: ReferralStatus,
        reason: Option<&str>,
        by: &Actor,
    ) -> Result<Option<ReferralRow>> {
        let at = now();
        let moved = on_backend!(self, pool => {
            let mut tx = pool.begin().await?;
            let service_id: Option<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(move_statement(to)))
                .bind(to.as_str())
                .bind(reason)
                .bind(&at)
                .bind(id)
                .bind(from.as_str())
                .fetch_optional(&mut *tx)
                .await?;
            let Some(service_id) = service_id else {
                // Ended here, not when dropped: the UPDATE holds SQLite's write lock until then.
                tx.rollback().await?;
                return Ok(None);
            };
            sqlx::query(AUDIT_REFERRAL)
                .bind(&at)
                .bind(&by.key_name)
                .bind(AuditAction::ReferralStatus.as_str())
                .bind(&service_id)
                .bind(referral_state(id, to, reason))
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            true
        });
        if moved {
            self.referral(id).await
        } else {
            Ok(None)
        }
    }

    /// Empties `case_ref` and `needs` of the closed referrals closed before `closed_before`
    /// (RFC 3339) that still hold them; how many were purged.
    pub async fn purge_referrals(&self, closed_before: &str) -> Result<u64> {
        let at = now();
        let purged = on_backend!(self, pool => {
            sqlx::query(
                "UPDATE referrals SET case_ref = NULL, needs = NULL, purged_at = $1 \
                 WHERE status = 'closed' AND closed_at < $2 AND purged_at IS NULL",
            )
            .bind(&at)
            .bind(closed_before)
            .execute(pool)
            .await?
            .rows_affected()
        });
        Ok(purged)
    }

    /// The organisation the active key with this name is scoped to, if any.
    pub async fn api_key_organization(&self, key_name: &str) -> Result<Option<String>> {
        let organization: Option<Option<String>> = on_backend!(self, pool => {
            sqlx::query_scalar(
                "SELECT organization_id FROM api_keys WHERE name = $1 AND revoked_at IS NULL",
            )
            .bind(key_name)
            .fetch_optional(pool)
            .await?
        });
        Ok(organization.flatten())
    }
}

/// The UPDATE of one move: the status, the reason (kept when not given) and the new status's time,
/// in the column named after the status (`accepted_at`, `did_not_attend_at`, ...; the name comes
/// from the closed set of statuses, never from input).
fn move_statement(to: ReferralStatus) -> String {
    format!(
        "UPDATE referrals SET status = $1, reason = COALESCE($2, reason), {}_at = $3 \
         WHERE id = $4 AND status = $5 RETURNING service_id",
        to.as_str()
    )
}

/// A referral's id, status and reason as the audit log's JSON text.
fn referral_state(id: &str, status: ReferralStatus, reason: Option<&str>) -> String {
    let mut state = serde_json::json!({ "referral": id, "status": status.as_str() });
    if let Some(reason) = reason {
        state["reason"] = serde_json::Value::from(reason);
    }
    state.to_string()
}

/// A row as read, before its status is parsed.
#[derive(sqlx::FromRow)]
struct ReferralTuple {
    id: String,
    service_id: String,
    organization_id: Option<String>,
    team: String,
    sent_by: String,
    case_ref: Option<String>,
    needs: Option<String>,
    equality: Option<Vec<u8>>,
    status: String,
    reason: Option<String>,
    sent_at: String,
    accepted_at: Option<String>,
    declined_at: Option<String>,
    attended_at: Option<String>,
    did_not_attend_at: Option<String>,
    closed_at: Option<String>,
    purged_at: Option<String>,
}

fn row_from_tuple(row: ReferralTuple) -> Result<ReferralRow> {
    Ok(ReferralRow {
        status: row.status.parse()?,
        id: row.id,
        service_id: row.service_id,
        organization_id: row.organization_id,
        team: row.team,
        sent_by: row.sent_by,
        case_ref: row.case_ref,
        needs: row.needs,
        equality: row.equality,
        reason: row.reason,
        sent_at: row.sent_at,
        accepted_at: row.accepted_at,
        declined_at: row.declined_at,
        attended_at: row.attended_at,
        did_not_attend_at: row.did_not_attend_at,
        closed_at: row.closed_at,
        purged_at: row.purged_at,
    })
}
