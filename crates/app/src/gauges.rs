//! What an operator watches about a directory (`/metrics`, docs/api.md): how many services
//! the store holds and how many are active, how far the search index is behind the store, and how
//! the last import went. The last import is kept in a small file in the data directory
//! ([`LAST_IMPORT_FILE`]), so a server reports an import that `signpost import` ran beside it;
//! the last harvest of each source likewise ([`LAST_HARVESTS_FILE`]), whether `signpost harvest`
//! or a server's schedule ran it.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use tracing::warn;

/// The file in the data directory that holds the last import's [`ImportOutcome`].
pub const LAST_IMPORT_FILE: &str = "last-import.json";
/// The file in the data directory that holds each source's last [`HarvestOutcome`].
pub const LAST_HARVESTS_FILE: &str = "last-harvests.json";

/// The directory's figures at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Gauges {
    /// Services the store holds.
    pub stored: u64,
    /// Services the store holds whose HSDS `status` is `active`.
    pub active: u64,
    /// Services the search index should hold: all but the withdrawn (`crate::withdrawn`).
    pub searchable: u64,
    /// Services the search index holds.
    pub indexed: u64,
    /// Whether a write was left between the store and the index (the next open rebuilds it).
    pub index_stale: bool,
    /// How the last import into this data directory went, when there has been one.
    pub last_import: Option<ImportOutcome>,
    /// Each source's last harvest, by source name.
    pub harvests: Vec<HarvestOutcome>,
}

impl Gauges {
    /// How many services the index is away from the store's searchable ones (0 when in step).
    pub fn index_lag(&self) -> u64 {
        self.searchable.abs_diff(self.indexed)
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
        ImportOutcome {
            finished_at: unix_now(),
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

/// How one source's last harvest ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HarvestOutcome {
    /// The source's name (its provenance name: by default the feed's host).
    pub source: String,
    /// When it ended, in seconds since the Unix epoch.
    pub finished_at: u64,
    /// Whether the store took it (a harvest is all or nothing).
    pub ok: bool,
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub withdrawn: u64,
    pub set_aside: u64,
    /// Why it failed (the address and what went wrong), when it did.
    pub error: Option<String>,
}

impl HarvestOutcome {
    /// A harvest of `source` that ends now.
    pub fn now(
        source: &str,
        result: &Result<crate::harvest::HarvestSummary, crate::AppError>,
    ) -> HarvestOutcome {
        let counts = result.as_ref().ok();
        let count = |pick: fn(&crate::harvest::HarvestSummary) -> u64| counts.map_or(0, pick);
        HarvestOutcome {
            source: source.to_owned(),
            finished_at: unix_now(),
            ok: result.is_ok(),
            new: count(|s| s.new),
            updated: count(|s| s.updated),
            unchanged: count(|s| s.unchanged),
            withdrawn: count(|s| s.withdrawn),
            set_aside: count(|s| u64::try_from(s.set_aside.len()).unwrap_or(u64::MAX)),
            error: result.as_ref().err().map(ToString::to_string),
        }
    }
}

/// Keeps `outcome` as its source's last harvest beside the other sources' (written beside and
/// renamed into place; a failure is logged, not raised, as for imports).
pub fn record_harvest(db_dir: &Path, outcome: &HarvestOutcome) {
    let mut outcomes = last_harvests(db_dir);
    outcomes.retain(|kept| kept.source != outcome.source);
    outcomes.push(outcome.clone());
    outcomes.sort_by(|a, b| a.source.cmp(&b.source));
    let path = db_dir.join(LAST_HARVESTS_FILE);
    let partial = db_dir.join(format!("{LAST_HARVESTS_FILE}.partial"));
    let written = serde_json::to_vec(&outcomes)
        .map_err(std::io::Error::other)
        .and_then(|bytes| std::fs::write(&partial, bytes))
        .and_then(|()| std::fs::rename(&partial, &path));
    if let Err(error) = written {
        warn!(%error, "cannot record the harvest's outcome for /metrics");
    }
}

/// Each source's last harvest, by source name (none when none was recorded or it cannot be read).
pub fn last_harvests(db_dir: &Path) -> Vec<HarvestOutcome> {
    std::fs::read(db_dir.join(LAST_HARVESTS_FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
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
    fn each_source_keeps_its_last_harvest() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(last_harvests(dir.path()), Vec::new());
        let failed: Result<crate::harvest::HarvestSummary, crate::AppError> = Err(
            crate::AppError::Harvest("http://b.example/services: 500".into()),
        );
        record_harvest(dir.path(), &HarvestOutcome::now("b.example", &failed));
        let first = HarvestOutcome::now("a.example", &failed);
        record_harvest(dir.path(), &first);
        let ok = crate::harvest::HarvestSummary {
            source: "b.example".into(),
            harvested_at: "2026-12-07T00:00:00Z".into(),
            new: 3,
            updated: 1,
            unchanged: 0,
            withdrawn: 2,
            set_aside: Vec::new(),
        };
        record_harvest(dir.path(), &HarvestOutcome::now("b.example", &Ok(ok)));
        let kept = last_harvests(dir.path());
        assert_eq!(kept.len(), 2);
        assert_eq!(kept[0], first);
        assert!(!kept[0].ok && kept[0].error.as_deref().unwrap().contains("500"));
        assert!(kept[1].ok && kept[1].error.is_none());
        assert_eq!((kept[1].new, kept[1].withdrawn), (3, 2));
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
            stored: 14,
            active: 9,
            searchable: 10,
            indexed: 12,
            index_stale: false,
            last_import: None,
            harvests: Vec::new(),
        };
        assert_eq!(gauges.index_lag(), 2);
    }
}
