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
    /// A value PostgreSQL cannot store (its text cannot hold U+0000).
    #[error("{owner} cannot be stored in PostgreSQL: its {column} {reason}")]
    NotStorable {
        owner: String,
        column: &'static str,
        reason: &'static str,
    },
}

impl StoreError {
    /// Whether the store could not be reached (refused, lost or timed-out connections, a
    /// connection the server ended): a fault that passes when the database comes back.
    pub fn is_unreachable(&self) -> bool {
        match self {
            StoreError::Connect { .. } => true,
            StoreError::Database(error) => unreachable_database(error),
            _ => false,
        }
    }
}

fn unreachable_database(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        // SQLSTATE classes 08 (connection exception) and 57 (operator intervention: the server
        // shutting down, or the connection terminated by an administrator).
        sqlx::Error::Database(database) => database
            .code()
            .is_some_and(|code| code.starts_with("08") || code.starts_with("57")),
        _ => false,
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
