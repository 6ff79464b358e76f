//! What an operator watches about a directory (`/metrics`, docs/api.md): how many services
//! the store holds and how many are active, how far the search index is behind the store, and how
//! the last import went. The last import is kept in a small file in the data directory
//! ([`LAST_IMPORT_FILE`]), so a server reports an import that `signpost import` ran beside it.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use tracing::warn;

/// The file in the data directory that holds the last import's [`ImportOutcome`].
pub const LAST_IMPORT_FILE: &str = "last-import.json";

/// The directory's figures at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Gauges {
    /// Services the store holds.
    pub stored: u64,
    /// Services the store holds whose HSDS `status` is `active`.
    pub active: u64,
    /// Services the search index holds.
    pub indexed: u64,
    /// Whether a write was left between the store and the index (the next open rebuilds it).
    pub index_stale: bool,
    /// How the last import into this data directory went, when there has been one.
    pub last_import: Option<ImportOutcome>,
}

impl Gauges {
    /// How many services the index is away from the store (0 when they are in step).
    pub fn index_lag(&self) -> u64 {
        self.stored.abs_diff(self.indexed)
    }
}

/// Who ran an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportSource {
    /// `signpost import`.
    Cli,
    /// `POST /api/v1/services/import`.
    Api,
}

impl ImportSource {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportSource::Cli => "cli",
            ImportSource::Api => "api",
        }
    }
}

/// How one import ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOutcome {
    /// When it ended, in seconds since the Unix epoch.
    pub finished_at: u64,
    pub source: ImportSource,
    /// Whether the store took it (an import is all or nothing).
    pub ok: bool,
    /// Services written (0 when it failed).
    pub services: u64,
}

impl ImportOutcome {
    /// An import that ends now.
    pub fn now(source: ImportSource, result: Result<u64, ()>) -> ImportOutcome {
        let finished_at = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs());
        ImportOutcome {
            finished_at,
            source,
            ok: result.is_ok(),
            services: result.unwrap_or(0),
        }
    }
}

/// Keeps `outcome` as the data directory's last import. Written beside and renamed into place, so
/// a reader sees the old outcome or the new one; a failure (a full disk) is logged, not raised:
/// the import itself has already succeeded or failed on its own account.
pub fn record_import(db_dir: &Path, outcome: &ImportOutcome) {
    let path = db_dir.join(LAST_IMPORT_FILE);
    let partial = db_dir.join(format!("{LAST_IMPORT_FILE}.partial"));
    let written = serde_json::to_vec(outcome)
        .map_err(std::io::Error::other)
        .and_then(|bytes| std::fs::write(&partial, bytes))
        .and_then(|()| std::fs::rename(&partial, &path));
    if let Err(error) = written {
        warn!(%error, "cannot record the import's outcome for /metrics");
    }
}

/// The data directory's last import, when one was recorded and can be read.
pub fn last_import(db_dir: &Path) -> Option<ImportOutcome> {
    let bytes = std::fs::read(db_dir.join(LAST_IMPORT_FILE)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outcome_survives_the_file() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(last_import(dir.path()), None);
        let outcome = ImportOutcome::now(ImportSource::Cli, Ok(42));
        record_import(dir.path(), &outcome);
        assert_eq!(last_import(dir.path()), Some(outcome));
        let failed = ImportOutcome::now(ImportSource::Api, Err(()));
        record_import(dir.path(), &failed);
        let read = last_import(dir.path()).unwrap();
        assert!(!read.ok);
        assert_eq!(read.services, 0);
        assert_eq!(read.source, ImportSource::Api);
    }

    #[test]
    fn a_garbled_file_is_no_outcome() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(LAST_IMPORT_FILE), b"{not json").unwrap();
        assert_eq!(last_import(dir.path()), None);
    }

    #[test]
    fn lag_is_the_distance_either_way() {
        let gauges = Gauges {
            stored: 10,
            active: 9,
            indexed: 12,
            index_stale: false,
            last_import: None,
        };
        assert_eq!(gauges.index_lag(), 2);
    }
}
