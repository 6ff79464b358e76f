//! Signpost's store of HSDS services, and their import and export.
//!
//! One [`Store`] API over two backends: embedded SQLite (a file under `--db DIR`, WAL) and
//! PostgreSQL. Each service is kept as its full HSDS JSON document (lossless), beside the columns
//! and child tables (taxonomy terms, service_at_locations) the Open Referral UK API filters on.
//! The schema comes from the numbered sqlx migrations in `migrations/`, run on open. The store
//! also keeps API key hashes, the audit log and problem reports for the HTTP server.
//!
//! [`import`] loads HSDS JSON, NDJSON or CSV files all-or-nothing in one transaction, streaming;
//! [`export`] writes everything back out in id order.
//!
//! ```no_run
//! # async fn demo() -> Result<(), signpost_store::StoreError> {
//! use signpost_store::{Store, StoreConfig};
//! let store = Store::open(&StoreConfig::Sqlite { dir: "signpost-data".into() }).await?;
//! println!("{} services", store.count().await?);
//! # Ok(()) }
//! ```

mod admin;
mod bulk;
pub mod changes;
pub mod csv_format;
mod data_problems;
mod duplicates;
pub mod error;
pub mod export;
pub mod import;
pub mod maintenance;
mod open;
mod pg_copy;
pub mod records;
mod referrals;
mod rows;
mod services;

pub use bulk::{ServiceWriter, WRITE_BATCH};
pub use changes::{Change, ChangeListener, LogSpan, Sequence, Touched};
pub use data_problems::DataProblem;
pub use duplicates::{DuplicateDecision, Verdict};
pub use error::StoreError;
pub use maintenance::{
    DocumentScan, FileInspection, Migrations, inspect_sqlite_file, sqlite_in_use,
};
pub use open::{SQLITE_FILE, Store, StoreConfig};
pub use records::{
    Actor, ApiKey, AuditAction, AuditEntry, NewApiKey, NewProblemReport, ProblemReport,
    ReferralStatus, ReportStatus, Role,
};
pub use referrals::{NewReferralRow, ReferralFilter, ReferralRow, ReferralScope};
pub use rows::compact_postcode;
pub use services::{ServiceAtLocationRecord, ServiceChunks, ServiceFilter, ServicePage, Written};
