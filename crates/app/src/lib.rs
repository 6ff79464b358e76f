//! The Signpost directory: the one place that keeps the store, the search engine, the gazetteer,
//! the query parser and the matcher in step, used alike by the HTTP server and the CLI.
//!
//! [`Directory::open`] opens the store (SQLite under the data directory, or PostgreSQL), loads the
//! demonstration directory into an empty store and opens (or rebuilds) the search index beside it.
//! Searches parse free text and lay explicit parameters over it; writes go to the store and the
//! index in one step, so a new service is searchable as soon as the write returns.
//!
//! ```
//! use signpost_app::keys;
//! let key = keys::generate().unwrap();
//! assert!(keys::verify(&key.plain, &key.hash));
//! ```

pub mod access;
pub mod code;
pub mod confidential;
mod data_problems;
mod demo;
pub mod directory;
pub mod duplicates;
pub mod equality;
pub mod error;
pub mod freshness;
pub mod gauges;
pub mod harvest;
pub mod import;
mod in_use;
pub mod keys;
pub mod listing;
pub mod maintenance;
mod matching;
pub mod oruk_filter;
pub mod referrals;
pub mod replica;
mod reports;
pub mod resolve;
pub mod search;
pub mod storage;
pub mod suggest;
mod withdrawn;

pub use access::{Access, AuditRecord, CreatedKey, KeyInfo};
pub use code::Code;
pub use confidential::Confidential;
pub use directory::{Directory, OpenOptions, Saved};
pub use error::{AppError, Rejection};
pub use gauges::{Gauges, HarvestOutcome, ImportOutcome, ImportSource};
pub use listing::{Listed, ListedService, RecordFilter, ServiceListing};
pub use maintenance::{BackupSummary, CheckLine, CheckReport, RestoreSummary};
pub use referrals::{
    DeclinedFull, Equality, EqualityField, EqualityTally, EqualityWait, NewReferral, Referral,
    ReferralQuery, ReferralStatus, Retention,
};
pub use reports::PUBLIC_REPORTER;
pub use search::{SearchInput, SearchOutput, SearchResult};
pub use signpost_engine::{BenchAnswer, BenchQuery, Near as SearchNear, SearchRequest};
pub use signpost_geo::Point;
pub use signpost_match::{MatchOutcome, Profile, ProfileError};
pub use signpost_query::ParsedQuery;
pub use signpost_store::import::{Format, ImportOptions, ImportSummary, Progress};
pub use signpost_store::{
    DataProblem, NewProblemReport, ProblemReport, ReportStatus, ServiceAtLocationRecord,
};
pub use storage::Storage;
pub use suggest::Suggestion;

/// The parts of a parsed query (docs/parsed-query.md), for the faces that show them.
pub mod query {
    pub use signpost_query::{
        Day, Near, Open, ParsedQuery, Understood, UnderstoodKind, chip_label_in, explanation_in,
    };
}
