//! What can go wrong with the text index.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("text index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("text index: cannot open: {0}")]
    Open(String),
    #[error("text index: {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("text index: stored documents: {0}")]
    Store(#[from] std::io::Error),
    #[error("text index: a document has no ordinal")]
    MissingOrdinal,
    #[error("text index: a writer panicked earlier; reopen the index")]
    Poisoned,
}

impl IndexError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> IndexError {
        IndexError::Io {
            path: path.to_owned(),
            source,
        }
    }
}
