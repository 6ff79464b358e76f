//! What can go wrong in the engine.

use signpost_index::IndexError;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error("search engine: a stored record cannot be read: {0}")]
    Record(#[from] postcard::Error),
    #[error("search engine: a stored document cannot be read or written: {0}")]
    Document(#[from] serde_json::Error),
    #[error("search engine: a writer panicked earlier; reopen the engine")]
    Poisoned,
    #[error("search engine: more than 4,294,967,295 services")]
    Full,
    #[error("search engine: {0}")]
    BadRequest(String),
}
