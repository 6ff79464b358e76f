//! What can go wrong in the directory: a rejected input (with its stable [`Code`] and "did you
//! mean" suggestions), or a fault of the store, the index or the machine.

use crate::code::Code;

/// A client's input the directory will not act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub code: Code,
    pub message: String,
    /// Close alternatives to what was given, best first.
    pub suggestions: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{}", .0.message)]
    Rejected(Rejection),
    #[error(transparent)]
    Store(#[from] signpost_store::StoreError),
    #[error(transparent)]
    Engine(#[from] signpost_engine::EngineError),
    #[error(transparent)]
    Import(#[from] signpost_store::import::ImportError),
    #[error(transparent)]
    Export(#[from] signpost_store::export::ExportError),
    #[error(
        "no Signpost data directory at {} (signpost import or serve creates one)",
        db_dir.display()
    )]
    NoStore { db_dir: std::path::PathBuf },
    #[error("the gazetteer cannot be loaded: {0}")]
    Places(String),
    #[error("the demonstration directory cannot be read: {0}")]
    Demo(String),
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
    /// `signpost check`, `backup` or `restore` will not go on, and says why.
    #[error("{0}")]
    Maintenance(String),
    #[error("a background task failed: {0}")]
    Task(String),
    /// `signpost harvest` could not fetch or read a page or record (the URL and why).
    #[error("{0}")]
    Harvest(String),
    /// The secret key that seals referrals' equality fields is missing, unreadable or wrong.
    #[error("{0}")]
    SecretKey(String),
}

impl AppError {
    pub fn rejected(code: Code, message: impl Into<String>) -> AppError {
        AppError::Rejected(Rejection {
            code,
            message: message.into(),
            suggestions: Vec::new(),
        })
    }

    pub fn rejected_with(
        code: Code,
        message: impl Into<String>,
        suggestions: Vec<String>,
    ) -> AppError {
        AppError::Rejected(Rejection {
            code,
            message: message.into(),
            suggestions,
        })
    }

    /// A failed file operation, with what was being done.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> AppError {
        AppError::Io {
            context: context.into(),
            source,
        }
    }

    /// The stable code: the rejection's, `store_unavailable` when the store cannot be reached,
    /// else `internal`.
    pub fn code(&self) -> Code {
        match self {
            AppError::Rejected(rejection) => rejection.code,
            AppError::Store(store) if store.is_unreachable() => Code::StoreUnavailable,
            _ => Code::Internal,
        }
    }

    /// The rejection, when the error is the client's.
    pub fn rejection(&self) -> Option<&Rejection> {
        match self {
            AppError::Rejected(rejection) => Some(rejection),
            _ => None,
        }
    }
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;
