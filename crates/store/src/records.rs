//! The records the HTTP server keeps beside the services: API keys, the audit log and problem
//! reports. The store keeps key hashes as given; it never hashes or sees a key itself.

use std::fmt;
use std::str::FromStr;

use crate::error::StoreError;

/// What an API key may do. Reads need no key; writes need an editor; the audit log needs an admin.
/// Declared in rising order of power, so `Admin > Editor`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Editor,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    /// Whether a key with this role may do what `needed` allows (an admin may edit).
    pub fn allows(self, needed: Role) -> bool {
        self >= needed
    }
}

impl FromStr for Role {
    type Err = StoreError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "editor" => Ok(Role::Editor),
            "admin" => Ok(Role::Admin),
            other => Err(StoreError::UnknownValue {
                column: "api_keys.role",
                value: other.to_owned(),
            }),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A key to create: its unique name, role and the hash string (e.g. argon2 PHC) of the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApiKey {
    pub name: String,
    pub role: Role,
    pub hash: String,
    /// The organisation whose services the key's holders act for (docs/referrals.md).
    pub organization_id: Option<String>,
}

/// A stored API key. Timestamps are RFC 3339, UTC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKey {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub hash: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
    pub organization_id: Option<String>,
}

/// Who makes a write, for its audit entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub key_name: String,
}

/// What a write did to a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    Create,
    Update,
    Delete,
    /// A problem report about the service was sent.
    Report,
    /// A problem report about the service changed status.
    ReportStatus,
    /// A referral to the service was sent.
    Referral,
    /// A referral to the service changed status.
    ReferralStatus,
    /// A navigator decided whether the service and another are one (merge or keep apart).
    DuplicateDecision,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Create => "create",
            AuditAction::Update => "update",
            AuditAction::Delete => "delete",
            AuditAction::Report => "report",
            AuditAction::ReportStatus => "report_status",
            AuditAction::Referral => "referral",
            AuditAction::ReferralStatus => "referral_status",
            AuditAction::DuplicateDecision => "duplicate_decision",
        }
    }
}

impl FromStr for AuditAction {
    type Err = StoreError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "create" => Ok(AuditAction::Create),
            "update" => Ok(AuditAction::Update),
            "delete" => Ok(AuditAction::Delete),
            "report" => Ok(AuditAction::Report),
            "report_status" => Ok(AuditAction::ReportStatus),
            "referral" => Ok(AuditAction::Referral),
            "referral_status" => Ok(AuditAction::ReferralStatus),
            "duplicate_decision" => Ok(AuditAction::DuplicateDecision),
            other => Err(StoreError::UnknownValue {
                column: "audit_log.action",
                value: other.to_owned(),
            }),
        }
    }
}

/// One audited write: the service document before and after (JSON text; `None` when absent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub key_name: String,
    pub action: AuditAction,
    pub service_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Whether a problem report still needs attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportStatus {
    Open,
    Closed,
}

impl ReportStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::Open => "open",
            ReportStatus::Closed => "closed",
        }
    }
}

impl FromStr for ReportStatus {
    type Err = StoreError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "open" => Ok(ReportStatus::Open),
            "closed" => Ok(ReportStatus::Closed),
            other => Err(StoreError::UnknownValue {
                column: "problem_reports.status",
                value: other.to_owned(),
            }),
        }
    }
}

/// A report that a service's record is wrong, from a member of the public or a practitioner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProblemReport {
    pub service_id: String,
    pub message: String,
    pub contact: Option<String>,
}

/// A stored problem report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemReport {
    pub id: i64,
    pub service_id: String,
    pub created_at: String,
    pub message: String,
    pub contact: Option<String>,
    pub status: ReportStatus,
}

/// Where a referral is in its loop (docs/referrals.md): `sent`, then `accepted` or `declined`,
/// then `attended` or `did_not_attend`; any status but `closed` may move to `closed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReferralStatus {
    Sent,
    Accepted,
    Declined,
    Attended,
    DidNotAttend,
    Closed,
}

impl ReferralStatus {
    pub const ALL: [ReferralStatus; 6] = [
        ReferralStatus::Sent,
        ReferralStatus::Accepted,
        ReferralStatus::Declined,
        ReferralStatus::Attended,
        ReferralStatus::DidNotAttend,
        ReferralStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReferralStatus::Sent => "sent",
            ReferralStatus::Accepted => "accepted",
            ReferralStatus::Declined => "declined",
            ReferralStatus::Attended => "attended",
            ReferralStatus::DidNotAttend => "did_not_attend",
            ReferralStatus::Closed => "closed",
        }
    }
}

impl FromStr for ReferralStatus {
    type Err = StoreError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ReferralStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| StoreError::UnknownValue {
                column: "referrals.status",
                value: s.to_owned(),
            })
    }
}
