//! The referrals' JSON (docs/referrals.md): what `POST` and `PATCH /api/v1/referrals` take, and
//! the referral they and the reads answer with. Bodies refuse unknown fields, so nothing
//! identifying (a name, a date of birth, free text) can slip in.

use serde::{Deserialize, Serialize};
use signpost_app::{Equality, NewReferral, Referral};
use utoipa::ToSchema;

/// A referral to send.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferralBody {
    /// The id of the service referred to.
    pub service_id: String,
    /// The team's own case reference for the person (never a name), 1 to 64 characters.
    #[schema(example = "WSL-0042")]
    pub case_ref: String,
    /// What the person needs: Signpost category codes.
    #[serde(default)]
    #[schema(example = json!(["mentoring"]))]
    pub needs: Vec<String>,
    /// Optional equality monitoring fields; encrypted at rest.
    #[serde(default)]
    pub equality: EqualityFields,
}

/// The equality monitoring fields, each optional (codes of docs/referrals.md).
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EqualityFields {
    /// Census 2021 ethnic group, e.g. `asian-bangladeshi`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethnic_group: Option<String>,
    /// A faith code, `none` or `not-stated`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub religion: Option<String>,
    /// ISO 639-3 code of the main language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub main_language: Option<String>,
    /// `female` or `male`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<String>,
    /// `18-24`, `25-34`, `35-49`, `50-64` or `65+`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_band: Option<String>,
}

/// A move of a referral to its next status.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferralMove {
    /// `accepted`, `declined`, `attended`, `did_not_attend` or `closed`.
    pub status: String,
    /// With `declined` only: `not-eligible`, `full`, `no-contact`, `person-declined` or `other`.
    #[serde(default)]
    pub reason: Option<String>,
}

/// A referral and where it is in its loop. Times are RFC 3339, UTC.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReferralRecord {
    pub id: String,
    pub service_id: String,
    /// The organisation running the service when it was sent.
    pub organization_id: Option<String>,
    /// Who sent it: `organization:<id>` or `key:<name>`.
    pub team: String,
    /// The name of the key that sent it.
    pub sent_by: String,
    /// Null once the closed referral has passed its retention period.
    pub case_ref: Option<String>,
    pub needs: Vec<String>,
    pub equality: EqualityFields,
    /// `sent`, `accepted`, `declined`, `attended`, `did_not_attend` or `closed`.
    pub status: &'static str,
    /// Why it was declined.
    pub reason: Option<String>,
    pub sent_at: String,
    pub accepted_at: Option<String>,
    pub declined_at: Option<String>,
    pub attended_at: Option<String>,
    pub did_not_attend_at: Option<String>,
    pub closed_at: Option<String>,
    /// When its case reference and needs were removed (retention).
    pub purged_at: Option<String>,
    /// The statuses this key may move it to next.
    pub next: Vec<&'static str>,
}

/// Referrals, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReferralList {
    pub referrals: Vec<ReferralRecord>,
}

impl From<ReferralBody> for NewReferral {
    fn from(body: ReferralBody) -> NewReferral {
        NewReferral {
            service_id: body.service_id,
            case_ref: body.case_ref,
            needs: body.needs,
            equality: body.equality.into(),
        }
    }
}

impl From<EqualityFields> for Equality {
    fn from(fields: EqualityFields) -> Equality {
        Equality {
            ethnic_group: fields.ethnic_group,
            religion: fields.religion,
            main_language: fields.main_language,
            sex: fields.sex,
            age_band: fields.age_band,
        }
    }
}

impl From<Equality> for EqualityFields {
    fn from(equality: Equality) -> EqualityFields {
        EqualityFields {
            ethnic_group: equality.ethnic_group,
            religion: equality.religion,
            main_language: equality.main_language,
            sex: equality.sex,
            age_band: equality.age_band,
        }
    }
}

impl From<Referral> for ReferralRecord {
    fn from(referral: Referral) -> ReferralRecord {
        ReferralRecord {
            id: referral.id,
            service_id: referral.service_id,
            organization_id: referral.organization_id,
            team: referral.team,
            sent_by: referral.sent_by,
            case_ref: referral.case_ref,
            needs: referral.needs,
            equality: referral.equality.into(),
            status: referral.status.as_str(),
            reason: referral.reason,
            sent_at: referral.sent_at,
            accepted_at: referral.accepted_at,
            declined_at: referral.declined_at,
            attended_at: referral.attended_at,
            did_not_attend_at: referral.did_not_attend_at,
            closed_at: referral.closed_at,
            purged_at: referral.purged_at,
            next: referral.next.iter().map(|s| s.as_str()).collect(),
        }
    }
}
