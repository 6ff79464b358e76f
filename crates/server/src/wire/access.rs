//! The answer to `GET /api/v1/audit` and `signpost audit --json`: audited writes, newest first.

use serde::Serialize;
use serde_json::Value;
use signpost_app::AuditRecord;
use utoipa::ToSchema;

/// A page of the audit log.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditPage<'a> {
    pub entries: Vec<AuditEntry<'a>>,
}

/// One audited write: who, when, what, and the record before and after.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntry<'a> {
    pub id: i64,
    /// When it was written (RFC 3339, UTC).
    pub at: &'a str,
    /// The name of the API key that wrote it.
    pub key_name: &'a str,
    /// `create`, `update`, `delete`, `report` or `report_status`.
    pub action: &'static str,
    pub service_id: &'a str,
    /// The service before the write (null for a creation).
    #[schema(value_type = Option<Object>)]
    pub before: Option<&'a Value>,
    /// The service after the write (null for a deletion).
    #[schema(value_type = Option<Object>)]
    pub after: Option<&'a Value>,
}

impl<'a> From<&'a AuditRecord> for AuditEntry<'a> {
    fn from(record: &'a AuditRecord) -> AuditEntry<'a> {
        AuditEntry {
            id: record.id,
            at: &record.at,
            key_name: &record.key_name,
            action: record.action,
            service_id: &record.service_id,
            before: record.before.as_ref(),
            after: record.after.as_ref(),
        }
    }
}

impl<'a> AuditPage<'a> {
    /// The page of these records, in their order.
    pub fn new(records: &'a [AuditRecord]) -> AuditPage<'a> {
        AuditPage {
            entries: records.iter().map(AuditEntry::from).collect(),
        }
    }
}
