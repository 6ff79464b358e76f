//! The JSON the API sends, owned here: plain serde structs with OpenAPI schemas, each built from
//! the app's types by a `From` impl. The CLI's `--json` output prints the same structs, so one
//! shape serves both. Errors are [`Problem`]s whose `type` is the code's page, `/errors/{code}`.

mod access;
mod data_problems;
mod duplicates;
mod matching;
mod operations;
mod problem;
mod query;
mod referrals;
mod search;

pub use access::{AuditEntry, AuditPage};
pub use data_problems::{DataProblem, DataProblemList};
pub use duplicates::{
    DecisionKind, DuplicateDecisionBody, DuplicateDecisionRecord, DuplicateList, DuplicatePair,
};
pub use matching::{MatchAnswer, MatchProfile, MatchedService, UnmetNeed};
pub use operations::{ImportBody, Imported, OrukMeta, OrukRecord, ServiceRecord, Status};
pub use problem::Problem;
pub use query::{Near, Open, ParsedQuery, Understood};
pub use referrals::{EqualityFields, ReferralBody, ReferralList, ReferralMove, ReferralRecord};
pub use search::{Facets, SearchAnswer, SearchHit, SearchSuggestion, ShownTranslation};
