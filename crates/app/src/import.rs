//! `signpost import`: a file into the store, all or nothing, with the search index kept honest.
//!
//! An import writes the store outside a running [`crate::Directory`], so it leaves the stale mark
//! that makes the next open rebuild the index from the store. Into an empty store it does better:
//! the index is built in the same pass over the file (into `index.building`, beside the store's
//! transaction), committed while the store writes its last rows, and swapped in once the store
//! has committed, so the next open only loads it.
//! Whatever fails on the index side leaves the mark, and the rebuild, behind: the store is the
//! truth. A file that is rejected leaves the store, the index and the mark as they were.

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use signpost_domain::Service;
use signpost_engine::IndexBuilder;
use signpost_store::Store;
use signpost_store::import::{self as store_import, Feed, ImportOptions, ImportSummary, Progress};
use tracing::{info, warn};

use crate::directory::{INDEX_DIR, StaleMark};
use crate::error::Result;
use crate::gauges::{ImportOutcome, ImportSource, record_import};
use crate::withdrawn::is_searchable;

/// Where an index is built before it replaces [`INDEX_DIR`].
pub const BUILDING_DIR: &str = "index.building";

/// What the mark says when an import left it.
const IMPORT_MARK: &str = "signpost import changed the store";

/// Whether an import builds the search index as it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexBuild {
    /// When the store is empty, build the index in the same pass (else leave the mark).
    IntoEmptyStore,
    /// Write the store only and leave the mark: the index is rebuilt at the next open. The import
    /// itself is then faster (the index's CPU is spent at the open instead).
    Deferred,
}

/// Imports `path` into `store`, whose data directory (where the index lives) is `db_dir`.
pub async fn import_file(
    store: &Store,
    db_dir: &Path,
    path: &Path,
    options: &ImportOptions,
    index: IndexBuild,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportSummary> {
    if options.dry_run {
        return Ok(store_import::import_file(store, path, options, progress).await?);
    }
    let imported = import_into_store(store, db_dir, path, options, index, progress).await;
    let counted = imported
        .as_ref()
        .map(|summary| summary.records)
        .map_err(|_| ());
    record_import(db_dir, &ImportOutcome::now(ImportSource::Cli, counted));
    imported
}

/// [`import_file`] of a file that is not a dry run.
async fn import_into_store(
    store: &Store,
    db_dir: &Path,
    path: &Path,
    options: &ImportOptions,
    index: IndexBuild,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportSummary> {
    let mark = StaleMark::in_dir(db_dir);
    let was_marked = mark.exists();
    mark.set(IMPORT_MARK)?;
    let build_now = index == IndexBuild::IntoEmptyStore && store.count().await? == 0;
    let building = build_now.then(|| start_building(db_dir)).flatten();
    let feed = building.as_ref().map(Building::feed);
    let imported = store_import::import_file_feeding(store, path, options, progress, feed).await;
    match imported {
        Ok(summary) => {
            info!(
                services = summary.records,
                "the store has committed the import"
            );
            if let Some(services) = building.and_then(|building| building.commit()) {
                swap_in(services, db_dir, &mark);
            }
            Ok(summary)
        }
        Err(rejected) => {
            if let Some(building) = building {
                building.discard();
            }
            remove_building(db_dir);
            if !was_marked {
                mark.clear()?;
            }
            Err(rejected.into())
        }
    }
}

/// The index being built from the services an import writes, shared with the thread that
/// checks them (which holds a clone as the import's [`Feed`]). A failure drops it: the index is
/// then rebuilt at the next open.
struct Building(Arc<Mutex<Stage>>);

/// How far the index being built has got.
enum Stage {
    Adding(Box<IndexBuilder>),
    /// Committed (not yet in place), holding this many services.
    Committed(u32),
    Dropped,
}

impl Stage {
    /// Commits an index still taking services; a failure drops it.
    fn commit(self) -> Stage {
        match self {
            Stage::Adding(builder) => match builder.finish() {
                Ok(services) => Stage::Committed(services),
                Err(error) => {
                    warn!(%error, "cannot commit the search index; the next open rebuilds it");
                    Stage::Dropped
                }
            },
            other => other,
        }
    }
}

fn start_building(db_dir: &Path) -> Option<Building> {
    match IndexBuilder::new(&db_dir.join(BUILDING_DIR)) {
        Ok(builder) => Some(Building(Arc::new(Mutex::new(Stage::Adding(Box::new(
            builder,
        )))))),
        Err(error) => {
            warn!(%error, "cannot build the search index during the import; the next open rebuilds it");
            None
        }
    }
}

impl Building {
    fn feed(&self) -> Box<dyn Feed> {
        Box::new(Building(Arc::clone(&self.0)))
    }

    /// Commits the index unless that was done already (by the checking thread at the end of the
    /// file, or here once the import has returned); how many services it holds, unless it failed.
    fn commit(&self) -> Option<u32> {
        let mut stage = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        *stage = std::mem::replace(&mut *stage, Stage::Dropped).commit();
        match *stage {
            Stage::Committed(services) => Some(services),
            Stage::Adding(_) | Stage::Dropped => None,
        }
    }

    /// Drops the index, committed or not, closing its files before they are removed.
    fn discard(self) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Stage::Dropped;
    }
}

impl Feed for Building {
    /// Adds a searchable service to the index being built; a withdrawn one is only stored.
    fn service(&mut self, service: &Service, document: &str) {
        if !is_searchable(service) {
            return;
        }
        let mut stage = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Stage::Adding(builder) = &mut *stage
            && let Err(error) = builder.add(service, document)
        {
            warn!(%error, "stopped building the search index; the next open rebuilds it");
            *stage = Stage::Dropped;
        }
    }

    /// The index is committed here, while the store is still writing its last rows.
    fn file_read(&mut self) {
        let _committed = self.commit();
    }
}

/// Puts the committed index in place of the old one, then clears the mark. On any failure the
/// mark stays and the next open rebuilds the index from the store.
fn swap_in(services: u32, db_dir: &Path, mark: &StaleMark) {
    let index = db_dir.join(INDEX_DIR);
    let swapped = if index.exists() {
        std::fs::remove_dir_all(&index).map_err(|e| e.to_string())
    } else {
        Ok(())
    }
    .and_then(|()| std::fs::rename(db_dir.join(BUILDING_DIR), &index).map_err(|e| e.to_string()))
    .and_then(|()| mark.clear().map_err(|e| e.to_string()));
    match swapped {
        Ok(()) => info!(services, "search index built during the import"),
        Err(error) => {
            warn!(%error, "the search index built during the import was not kept; the next open rebuilds it");
            remove_building(db_dir);
        }
    }
}

fn remove_building(db_dir: &Path) {
    let building = db_dir.join(BUILDING_DIR);
    if building.exists()
        && let Err(error) = std::fs::remove_dir_all(&building)
    {
        warn!(%error, path = %building.display(), "cannot remove an unfinished index");
    }
}
