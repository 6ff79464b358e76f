//! `/api/v1/duplicates`: proposed duplicate pairs and navigators' decisions on them.

use serde::{Deserialize, Serialize};
use signpost_app::duplicates::{Candidate, Decision, DuplicateDecision, Verdict};
use signpost_i18n::Lang;
use utoipa::ToSchema;

/// Two services that are probably one, `a` < `b`.
#[derive(Debug, Serialize, ToSchema)]
pub struct DuplicatePair {
    pub a: String,
    pub b: String,
    /// 0.0 (unlike) to 1.0 (certainly the same).
    pub score: f64,
    /// Why, most telling first ("same charity number 1101234", "same phone 01214960103"), in the
    /// interface language asked for (English unless `?ui=` or `Accept-Language` says otherwise).
    pub reasons: Vec<String>,
}

impl DuplicatePair {
    /// The pair with its reasons worded in `lang`.
    pub fn in_language(c: Candidate, lang: Lang) -> DuplicatePair {
        DuplicatePair {
            reasons: c.reasons.iter().map(|r| r.text(lang)).collect(),
            a: c.a,
            b: c.b,
            score: c.score,
        }
    }
}

/// The pairs still to decide on (highest score first) and the decisions taken (oldest first).
#[derive(Debug, Serialize, ToSchema)]
pub struct DuplicateList {
    pub pairs: Vec<DuplicatePair>,
    pub decisions: Vec<DuplicateDecisionRecord>,
}

/// What the navigator decided: `merge` or `keep-apart`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionKind {
    Merge,
    KeepApart,
}

/// `POST /api/v1/duplicates/decisions`: `keep` (a or b) only with `merge`; without it the more
/// complete record is kept.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DuplicateDecisionBody {
    pub a: String,
    pub b: String,
    pub decision: DecisionKind,
    #[serde(default)]
    pub keep: Option<String>,
}

impl From<DuplicateDecisionBody> for Decision {
    fn from(body: DuplicateDecisionBody) -> Decision {
        Decision {
            a: body.a,
            b: body.b,
            verdict: match body.decision {
                DecisionKind::Merge => Verdict::Merge,
                DecisionKind::KeepApart => Verdict::KeepApart,
            },
            keep: body.keep,
        }
    }
}

/// A stored decision on the pair `a` < `b`.
#[derive(Debug, Serialize, ToSchema)]
pub struct DuplicateDecisionRecord {
    pub a: String,
    pub b: String,
    pub decision: DecisionKind,
    /// The id a merge kept (the other is now inactive, its `merged_into` naming this one).
    pub kept: Option<String>,
    /// The name of the key that decided.
    pub by: String,
    /// RFC 3339, UTC.
    pub decided_at: String,
}

impl From<DuplicateDecision> for DuplicateDecisionRecord {
    fn from(d: DuplicateDecision) -> DuplicateDecisionRecord {
        DuplicateDecisionRecord {
            a: d.a,
            b: d.b,
            decision: match d.verdict {
                Verdict::Merge => DecisionKind::Merge,
                Verdict::KeepApart => DecisionKind::KeepApart,
            },
            kept: d.kept,
            by: d.key_name,
            decided_at: d.decided_at,
        }
    }
}
