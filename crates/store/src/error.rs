//! The store's error type.

use thiserror::Error;

/// Why a store operation failed.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("cannot connect to PostgreSQL at {target}: {cause}")]
    Connect { target: String, cause: String },
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("cannot create the store directory {path}: {source}")]
    Directory {
        path: String,
        source: std::io::Error,
    },
    #[error("stored service {id} is not a readable HSDS document: {source}")]
    CorruptDocument {
        id: String,
        source: serde_json::Error,
    },
    #[error("cannot encode service {id} as JSON: {source}")]
    Encode {
        id: String,
        source: serde_json::Error,
    },
    #[error("{0}")]
    Maintenance(String),
    #[error("stored value {value:?} in {column} is not one Signpost knows")]
    UnknownValue { column: &'static str, value: String },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
