//! [`Storage`]: a directory's store opened on its own, without the search index, for the jobs
//! that read or write the whole store (import, export, keys, the audit log, gap reports). It takes
//! no lock on the index, so these jobs run beside a server serving the same data directory.

use std::io::Write;
use std::path::{Path, PathBuf};

use signpost_domain::Service;
use signpost_store::import::{Format, ImportOptions, ImportSummary, Progress};
use signpost_store::{SQLITE_FILE, Store, StoreConfig};

use crate::access::Access;
use crate::confidential::Confidential;
use crate::directory::OpenOptions;
use crate::error::{AppError, Result};
use crate::import::IndexBuild;

/// Services read from the store at a time when every service is loaded.
const READ_CHUNK: usize = 5_000;

/// The store of a data directory (SQLite under it, or PostgreSQL), with the data directory beside
/// it for the index an import may build.
#[derive(Debug)]
pub struct Storage {
    store: Store,
    db_dir: PathBuf,
}

impl Storage {
    /// Opens the store the options name (the data directory is created when `create` is set).
    pub async fn open(location: &OpenOptions) -> Result<Storage> {
        Ok(Storage {
            store: Store::open(&store_config(location)?).await?,
            db_dir: location.db_dir.clone(),
        })
    }

    /// Opens the store for `signpost import`: SQLite gets the single connection a bulk import needs.
    pub async fn open_for_import(location: &OpenOptions) -> Result<Storage> {
        Ok(Storage {
            store: Store::open_for_import(&store_config(location)?).await?,
            db_dir: location.db_dir.clone(),
        })
    }

    /// The store itself, for the app's own modules.
    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    /// The data directory (the index, the SQLite store, the secret key file).
    pub(crate) fn data_dir(&self) -> &Path {
        &self.db_dir
    }

    /// API keys and the audit log.
    pub fn access(&self) -> Access<'_> {
        Access::new(&self.store)
    }

    /// How many services the store holds.
    pub async fn count(&self) -> Result<u64> {
        Ok(self.store.count().await?)
    }

    /// One file into the store, all or nothing, keeping the index honest (see [`crate::import`]).
    pub async fn import_file(
        &self,
        path: &Path,
        options: &ImportOptions,
        index: IndexBuild,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ImportSummary> {
        crate::import::import_file(&self.store, &self.db_dir, path, options, index, progress).await
    }

    /// Harvests another directory's ORUK API into the store, all or nothing (see
    /// [`crate::harvest`]).
    pub async fn harvest(
        &self,
        options: &crate::harvest::HarvestOptions,
    ) -> Result<crate::harvest::HarvestSummary> {
        crate::harvest::harvest(&self.store, &self.db_dir, options).await
    }

    /// Writes every service to `out` in `format`, its confidential locations withheld unless
    /// `confidential` includes them; how many were written.
    pub async fn export(
        &self,
        format: Format,
        confidential: Confidential,
        out: &mut dyn Write,
    ) -> Result<u64> {
        let prepare = move |service| confidential.apply(service);
        Ok(signpost_store::export::export_prepared(&self.store, format, out, &prepare).await?)
    }

    /// Every service, in id order, each confidential location withheld and standing at its
    /// district's centre (`confidential::placed`); `loaded` hears the running count after each
    /// chunk.
    pub async fn all_services(&self, loaded: &mut dyn FnMut(u64)) -> Result<Vec<Service>> {
        let mut chunks = self.store.chunks(READ_CHUNK);
        let mut services = Vec::new();
        while let Some(chunk) = chunks.next().await? {
            services.extend(chunk.into_iter().map(crate::confidential::placed));
            loaded(services.len() as u64);
        }
        Ok(services)
    }
}

/// The store a directory's options name. With `create` the data directory is created (it holds
/// the index, and the SQLite file unless a database URL is given); without it a SQLite store must
/// already be there, and nothing is created.
pub(crate) fn store_config(location: &OpenOptions) -> Result<StoreConfig> {
    let db_dir = &location.db_dir;
    if location.create {
        std::fs::create_dir_all(db_dir).map_err(|source| {
            AppError::io(format!("cannot create {}", db_dir.display()), source)
        })?;
    } else if location.database_url.is_none() && !db_dir.join(SQLITE_FILE).is_file() {
        return Err(AppError::NoStore {
            db_dir: db_dir.clone(),
        });
    }
    Ok(match &location.database_url {
        Some(url) => StoreConfig::Postgres {
            url: url.clone(),
            schema: location.postgres_schema.clone(),
        },
        None => StoreConfig::Sqlite {
            dir: db_dir.clone(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn existing_options_name_a_missing_or_empty_folder_and_create_nothing() {
        let work = tempfile::tempdir().expect("temp dir");
        let missing = work.path().join("mistyped/path");
        let error = store_config(&OpenOptions::existing(&missing, None)).expect_err("no store");
        assert!(matches!(&error, AppError::NoStore { db_dir } if *db_dir == missing));
        assert!(!work.path().join("mistyped").exists());
        let empty = work.path().join("empty");
        std::fs::create_dir(&empty).expect("folder");
        assert!(store_config(&OpenOptions::existing(&empty, None)).is_err());
        assert_eq!(std::fs::read_dir(&empty).expect("folder").count(), 0);
    }

    #[test]
    fn with_postgres_existing_options_leave_the_index_folder_alone() {
        let work = tempfile::tempdir().expect("temp dir");
        let index = work.path().join("index");
        let url = "postgres://postgres@127.0.0.1:5432/test";
        let config = store_config(&OpenOptions::existing(&index, Some(url))).expect("a config");
        assert!(matches!(config, StoreConfig::Postgres { .. }));
        assert!(!index.exists());
        store_config(&OpenOptions::new(&index, Some(url))).expect("a config");
        assert!(index.is_dir());
    }
}
