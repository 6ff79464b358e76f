//! What the store keeps for the HTTP server besides services: API keys (hashes and roles), the
//! audit log (written with each audited service write, read here) and problem reports.

use sqlx::QueryBuilder;

use crate::error::Result;
use crate::open::{Store, now, on_backend};
use crate::records::{
    Actor, ApiKey, AuditAction, AuditEntry, NewApiKey, NewProblemReport, ProblemReport,
    ReportStatus,
};

impl Store {
    /// Stores a new API key (its name must be unique).
    pub async fn create_api_key(&self, key: &NewApiKey) -> Result<ApiKey> {
        let created_at = now();
        let id: i64 = on_backend!(self, pool => {
            sqlx::query_scalar(
                "INSERT INTO api_keys (name, role, hash, created_at, organization_id) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(&key.name)
            .bind(key.role.as_str())
            .bind(&key.hash)
            .bind(&created_at)
            .bind(&key.organization_id)
            .fetch_one(pool)
            .await?
        });
        Ok(ApiKey {
            id,
            name: key.name.clone(),
            role: key.role,
            hash: key.hash.clone(),
            created_at,
            revoked_at: None,
            organization_id: key.organization_id.clone(),
        })
    }

    /// Every API key, revoked ones included, in creation order.
    pub async fn api_keys(&self) -> Result<Vec<ApiKey>> {
        let rows: Vec<KeyTuple> = on_backend!(self, pool => {
            sqlx::query_as(
                "SELECT id, name, role, hash, created_at, revoked_at, organization_id FROM api_keys \
                 ORDER BY id",
            )
            .fetch_all(pool)
            .await?
        });
        rows.into_iter().map(key_from_tuple).collect()
    }

    /// The keys that are not revoked, for checking a presented key against their hashes.
    pub async fn active_api_keys(&self) -> Result<Vec<ApiKey>> {
        Ok(self
            .api_keys()
            .await?
            .into_iter()
            .filter(|k| k.revoked_at.is_none())
            .collect())
    }

    /// Revokes the key with this name; whether an active key was revoked.
    pub async fn revoke_api_key(&self, name: &str) -> Result<bool> {
        let at = now();
        let affected = on_backend!(self, pool => {
            sqlx::query("UPDATE api_keys SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL")
                .bind(&at)
                .bind(name)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(affected > 0)
    }

    /// The latest audit entries, newest first, of one service or of all.
    pub async fn audit_log(&self, service_id: Option<&str>, limit: u64) -> Result<Vec<AuditEntry>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows: Vec<AuditTuple> = on_backend!(self, pool => {
            let mut query = QueryBuilder::new(
                "SELECT id, at, key_name, action, service_id, before, after FROM audit_log",
            );
            if let Some(service_id) = service_id {
                query.push(" WHERE service_id = ");
                query.push_bind(service_id);
            }
            query.push(" ORDER BY id DESC LIMIT ");
            query.push_bind(limit);
            query.build_query_as().fetch_all(pool).await?
        });
        rows.into_iter().map(audit_from_tuple).collect()
    }

    /// Stores a new (open) problem report with its audit entry (`by` is who sent it), in one
    /// transaction. The entry names the report and its status, never its message or contact.
    pub async fn create_problem_report(
        &self,
        report: &NewProblemReport,
        by: &Actor,
    ) -> Result<ProblemReport> {
        let created_at = now();
        let id: i64 = on_backend!(self, pool => {
            let mut tx = pool.begin().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO problem_reports (service_id, created_at, message, contact, status) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(&report.service_id)
            .bind(&created_at)
            .bind(&report.message)
            .bind(&report.contact)
            .bind(ReportStatus::Open.as_str())
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(AUDIT_REPORT)
                .bind(&created_at)
                .bind(&by.key_name)
                .bind(AuditAction::Report.as_str())
                .bind(&report.service_id)
                .bind(report_state(id, ReportStatus::Open))
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            id
        });
        Ok(ProblemReport {
            id,
            service_id: report.service_id.clone(),
            created_at,
            message: report.message.clone(),
            contact: report.contact.clone(),
            status: ReportStatus::Open,
        })
    }

    /// Problem reports, oldest first, all or only those with a status.
    pub async fn problem_reports(
        &self,
        status: Option<ReportStatus>,
    ) -> Result<Vec<ProblemReport>> {
        let rows: Vec<ReportTuple> = on_backend!(self, pool => {
            let mut query = QueryBuilder::new(
                "SELECT id, service_id, created_at, message, contact, status FROM problem_reports",
            );
            if let Some(status) = status {
                query.push(" WHERE status = ");
                query.push_bind(status.as_str());
            }
            query.push(" ORDER BY id");
            query.build_query_as().fetch_all(pool).await?
        });
        rows.into_iter().map(report_from_tuple).collect()
    }

    /// Sets a report's status with its audit entry (`by` is who changed it), in one transaction;
    /// whether the report exists.
    pub async fn set_problem_report_status(
        &self,
        id: i64,
        status: ReportStatus,
        by: &Actor,
    ) -> Result<bool> {
        let at = now();
        on_backend!(self, pool => {
            let mut tx = pool.begin().await?;
            let service_id: Option<String> = sqlx::query_scalar(
                "UPDATE problem_reports SET status = $1 WHERE id = $2 RETURNING service_id",
            )
            .bind(status.as_str())
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(service_id) = service_id else {
                // Ended here, not when dropped: the UPDATE holds SQLite's write lock until then.
                tx.rollback().await?;
                return Ok(false);
            };
            sqlx::query(AUDIT_REPORT)
                .bind(&at)
                .bind(&by.key_name)
                .bind(AuditAction::ReportStatus.as_str())
                .bind(&service_id)
                .bind(report_state(id, status))
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(true)
        })
    }
}

/// The audit entry of a problem report's change: `after` holds the report's id and status.
const AUDIT_REPORT: &str = "INSERT INTO audit_log (at, key_name, action, service_id, before, after) \
     VALUES ($1, $2, $3, $4, NULL, $5)";

/// A report's id and status as the audit log's JSON text.
fn report_state(id: i64, status: ReportStatus) -> String {
    serde_json::json!({ "problem_report": id, "status": status.as_str() }).to_string()
}

type KeyTuple = (
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
);

fn key_from_tuple(
    (id, name, role, hash, created_at, revoked_at, organization_id): KeyTuple,
) -> Result<ApiKey> {
    Ok(ApiKey {
        id,
        name,
        role: role.parse()?,
        hash,
        created_at,
        revoked_at,
        organization_id,
    })
}

type AuditTuple = (
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
);

fn audit_from_tuple(
    (id, at, key_name, action, service_id, before, after): AuditTuple,
) -> Result<AuditEntry> {
    Ok(AuditEntry {
        id,
        at,
        key_name,
        action: action.parse()?,
        service_id,
        before,
        after,
    })
}

type ReportTuple = (i64, String, String, String, Option<String>, String);

fn report_from_tuple(
    (id, service_id, created_at, message, contact, status): ReportTuple,
) -> Result<ProblemReport> {
    Ok(ProblemReport {
        id,
        service_id,
        created_at,
        message,
        contact,
        status: status.parse()?,
    })
}
