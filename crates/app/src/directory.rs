//! [`Directory`]: the store and the search index kept in step, with the gazetteer beside them.
//!
//! Architecture invariant: every write goes through here, one at a time. A write marks the index
//! stale on disk, commits the store (with its audit entry, in the same transaction), updates the
//! index, then clears the mark; a crash in between leaves the mark, and the next open rebuilds
//! the index from the store. The store is the truth; the index can always be rebuilt from it.

use std::path::{Path, PathBuf};

use signpost_domain::Service;
use signpost_domain::validate::{normalise, validate};
use signpost_engine::{BenchAnswer, BenchQuery, Engine, EngineBuilder, OpenedEngine};
use signpost_geo::Gazetteer;
use signpost_store::{Sequence, Store, Written};
use tokio::sync::{Mutex, watch};
use tracing::{info, warn};

use crate::code::Code;
use crate::confidential;
use crate::error::{AppError, Result};
use crate::in_use::InUse;
use crate::keys::Actor;
use crate::replica::{FollowerHealth, SequenceFile};
use crate::withdrawn::{index_services, is_searchable};

/// The index folder inside the data directory.
pub const INDEX_DIR: &str = "index";
/// Present while a write is between the store and the index (or after one failed there).
pub const STALE_MARK: &str = "index.stale";
/// Services read from the store at a time when the index is rebuilt.
const REBUILD_CHUNK: usize = 1_000;

/// How to open a [`Directory`].
#[derive(Debug, Clone)]
pub struct OpenOptions {
    /// Holds the search index, and the SQLite store unless `database_url` is given.
    pub db_dir: PathBuf,
    /// `postgres://...`: use PostgreSQL as the store.
    pub database_url: Option<String>,
    /// With `database_url`: a schema (which must exist) to put first on the search path.
    pub postgres_schema: Option<String>,
    /// Load the bundled demonstration directory when the store is empty.
    pub load_demo: bool,
    /// Make the store when there is none (`serve`, `import`). Without it a SQLite store must
    /// already be in `db_dir` (else [`AppError::NoStore`], and nothing is created), and with
    /// PostgreSQL the data directory is made only for a search index built there.
    pub create: bool,
}

impl OpenOptions {
    pub fn new(db_dir: impl Into<PathBuf>, database_url: Option<&str>) -> OpenOptions {
        OpenOptions {
            db_dir: db_dir.into(),
            database_url: database_url.map(str::to_owned),
            postgres_schema: None,
            load_demo: true,
            create: true,
        }
    }

    /// Options that open only a store that already exists, for commands that read it.
    pub fn existing(db_dir: impl Into<PathBuf>, database_url: Option<&str>) -> OpenOptions {
        OpenOptions {
            load_demo: false,
            create: false,
            ..OpenOptions::new(db_dir, database_url)
        }
    }
}

/// What a single-service write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Created,
    Updated,
}

/// The directory: one per process, shared as `Arc<Directory>`.
pub struct Directory {
    pub(crate) store: Store,
    pub(crate) engine: Engine,
    pub(crate) places: &'static Gazetteer,
    db_dir: PathBuf,
    pub(crate) writes: Mutex<()>,
    /// Months unchecked after which a record is stale (`crate::freshness`).
    pub(crate) stale_after_months: std::sync::atomic::AtomicU32,
    /// The last change of the store's log the index has applied (`crate::replica`).
    pub(crate) applied: watch::Sender<Sequence>,
    /// Held while anything is put in the index, so changes go in in sequence order.
    pub(crate) index_turn: Mutex<()>,
    pub(crate) health: FollowerHealth,
    /// Tells `signpost check --repair` in another process that this directory is open.
    _in_use: InUse,
}

impl std::fmt::Debug for Directory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Directory")
            .field("db_dir", &self.db_dir)
            .finish_non_exhaustive()
    }
}

impl Directory {
    /// The data directory (the index, the SQLite store, the secret key file).
    pub(crate) fn data_dir(&self) -> &Path {
        &self.db_dir
    }

    /// Opens the store (SQLite under `db_dir`, or PostgreSQL at `database_url`), loads the demo
    /// directory into an empty store, and opens the index, rebuilding it when missing or stale.
    pub async fn open(db_dir: &Path, database_url: Option<&str>) -> Result<Directory> {
        Directory::open_with(&OpenOptions::new(db_dir, database_url)).await
    }

    pub async fn open_with(options: &OpenOptions) -> Result<Directory> {
        let db_dir = options.db_dir.clone();
        let config = crate::storage::store_config(options)?;
        let store = Store::open(&config).await?;
        let places = Gazetteer::bundled().map_err(|e| AppError::Places(e.to_string()))?;
        if options.load_demo && store.count().await? == 0 {
            let demo = crate::demo::services()?;
            store.upsert_services(&demo).await?;
            info!(
                services = demo.len(),
                "loaded the demonstration directory into an empty store"
            );
        }
        let in_use = InUse::hold(&db_dir)?;
        let (engine, applied) = open_following(&store, &db_dir).await?;
        let directory = Directory {
            store,
            engine,
            places,
            db_dir,
            writes: Mutex::new(()),
            stale_after_months: std::sync::atomic::AtomicU32::new(
                crate::freshness::DEFAULT_STALE_AFTER_MONTHS,
            ),
            applied: watch::Sender::new(applied),
            index_turn: Mutex::new(()),
            health: FollowerHealth::default(),
            _in_use: in_use,
        };
        directory.catch_up().await?;
        Ok(directory)
    }

    /// Answers a benchmark query (docs/formats.md) exactly, from the index alone.
    pub fn bench(&self, query: &BenchQuery) -> Result<BenchAnswer> {
        Ok(self.engine.bench(query)?)
    }

    /// The gazetteer the directory resolves places with.
    pub fn places(&self) -> &'static Gazetteer {
        self.places
    }

    /// How many services the store holds.
    pub async fn count(&self) -> Result<u64> {
        Ok(self.store.count().await?)
    }

    /// The figures an operator watches: services stored, active, searchable and indexed, whether
    /// the index is marked stale, the last import and each source's last harvest.
    pub async fn gauges(&self) -> Result<crate::gauges::Gauges> {
        Ok(crate::gauges::Gauges {
            stored: self.store.count().await?,
            active: self.store.count_active().await?,
            searchable: self.store.count_searchable().await?,
            indexed: u64::try_from(self.engine.len()?).unwrap_or(u64::MAX),
            index_stale: StaleMark::in_dir(&self.db_dir).exists(),
            last_import: crate::gauges::last_import(&self.db_dir),
            harvests: crate::gauges::last_harvests(&self.db_dir),
        })
    }

    /// Whether the store answers and the index is open; a replica ([`Directory::follow`]) must
    /// also have reached the store and applied its whole change log at the follower's last look.
    pub async fn is_ready(&self) -> bool {
        match self.follower_ready() {
            Some(ready) => ready && self.engine.len().is_ok(),
            None => self.store.count().await.is_ok() && self.engine.len().is_ok(),
        }
    }

    /// One service by id, its confidential locations withheld (`crate::confidential`).
    pub async fn service(&self, id: &str) -> Result<Service> {
        self.store
            .service(id)
            .await?
            .map(confidential::redacted)
            .ok_or_else(|| AppError::rejected(Code::NotFound, format!("no service with id {id:?}")))
    }

    /// Adds a new service (`conflict` when its id is taken); searchable as soon as this returns.
    pub async fn create_service(&self, service: Service, actor: &Actor) -> Result<Service> {
        let service = checked(service)?;
        let _one_writer = self.writes.lock().await;
        if self.store.service(&service.id).await?.is_some() {
            return Err(AppError::rejected(
                Code::Conflict,
                format!(
                    "a service with id {:?} exists; PUT /api/v1/services/{{id}} replaces it",
                    service.id
                ),
            ));
        }
        self.write_one(&service, actor).await?;
        Ok(confidential::redacted(service))
    }

    /// Replaces the service with this id (`not_found` when there is none); the body's id, when
    /// given, must be the same.
    pub async fn replace_service(
        &self,
        id: &str,
        mut service: Service,
        actor: &Actor,
    ) -> Result<Service> {
        if service.id.is_empty() {
            service.id = id.to_owned();
        }
        if service.id != id {
            return Err(AppError::rejected(
                Code::InvalidBody,
                format!(
                    "the body's id {:?} is not the id in the path {id:?}",
                    service.id
                ),
            ));
        }
        let mut service = checked(service)?;
        let _one_writer = self.writes.lock().await;
        let Some(stored) = self.store.service(id).await? else {
            return Err(AppError::rejected(
                Code::NotFound,
                format!("no service with id {id:?}"),
            ));
        };
        confidential::restore_withheld(&mut service, &stored);
        self.write_one(&service, actor).await?;
        Ok(confidential::redacted(service))
    }

    /// Adds or replaces one service, whichever it is.
    pub async fn save_service(&self, service: Service, actor: &Actor) -> Result<(Saved, Service)> {
        let mut service = checked(service)?;
        let _one_writer = self.writes.lock().await;
        if let Some(stored) = self.store.service(&service.id).await? {
            confidential::restore_withheld(&mut service, &stored);
        }
        let saved = self.write_one(&service, actor).await?;
        Ok((saved, confidential::redacted(service)))
    }

    /// Deletes a service (`not_found` when there is none), from search at once.
    pub async fn delete_service(&self, id: &str, actor: &Actor) -> Result<()> {
        let _one_writer = self.writes.lock().await;
        self.mark_stale()?;
        let removed = self
            .store
            .delete_service_audited(id, Some(&store_actor(actor)))
            .await?;
        if let Some(sequence) = removed {
            self.apply_own(sequence, |engine| Ok(engine.remove(id).map(drop)?))
                .await?;
        }
        self.clear_stale()?;
        if removed.is_some() {
            Ok(())
        } else {
            Err(AppError::rejected(
                Code::NotFound,
                format!("no service with id {id:?}"),
            ))
        }
    }

    /// Writes many services at once for `actor` (the API's bulk import): all or nothing, each
    /// with its audit entry, searchable when the call returns.
    pub async fn import_as(&self, services: Vec<Service>, actor: &Actor) -> Result<usize> {
        let written = self.write_many(services, Some(actor)).await;
        let counted = written.as_ref().map(|n| *n as u64).map_err(|_| ());
        crate::gauges::record_import(
            &self.db_dir,
            &crate::gauges::ImportOutcome::now(crate::gauges::ImportSource::Api, counted),
        );
        written
    }

    /// Adds or replaces many services, all or none: a bad record rejects the whole batch, naming
    /// its index and every problem, and nothing changes. Not audited: for the operator loading a
    /// directory (demo data, seeds, benchmarks); API callers go through [`Directory::import_as`].
    pub async fn import(&self, services: Vec<Service>) -> Result<usize> {
        self.write_many(services, None).await
    }

    async fn write_many(&self, services: Vec<Service>, actor: Option<&Actor>) -> Result<usize> {
        let services = checked_all(services)?;
        let _one_writer = self.writes.lock().await;
        self.mark_stale()?;
        let sequence = match actor {
            Some(actor) => {
                self.store
                    .upsert_services_audited(&services, &store_actor(actor))
                    .await?
            }
            None => self.store.upsert_services(&services).await?,
        };
        self.apply_own(sequence, |engine| index_services(engine, &services))
            .await?;
        self.clear_stale()?;
        info!(services = services.len(), "imported");
        Ok(services.len())
    }

    pub(crate) async fn write_one(&self, service: &Service, actor: &Actor) -> Result<Saved> {
        self.mark_stale()?;
        let (written, sequence) = self
            .store
            .save_service(service, Some(&store_actor(actor)))
            .await?;
        self.apply_own(sequence, |engine| {
            index_services(engine, std::slice::from_ref(service))
        })
        .await?;
        self.clear_stale()?;
        Ok(match written {
            Written::Created => Saved::Created,
            Written::Updated => Saved::Updated,
        })
    }

    fn mark_stale(&self) -> Result<()> {
        StaleMark::in_dir(&self.db_dir).set("a write was between the store and the index")
    }

    fn clear_stale(&self) -> Result<()> {
        StaleMark::in_dir(&self.db_dir).clear()
    }
}

/// The store's record of who wrote.
pub(crate) fn store_actor(actor: &Actor) -> signpost_store::Actor {
    signpost_store::Actor {
        key_name: actor.name.clone(),
    }
}

/// A normalised service with no problems, or `invalid_body` listing them.
fn checked(mut service: Service) -> Result<Service> {
    normalise(&mut service);
    let problems = validate(&service, "");
    if problems.is_empty() {
        Ok(service)
    } else {
        Err(invalid_records(
            problems.iter().map(ToString::to_string).collect(),
        ))
    }
}

fn checked_all(services: Vec<Service>) -> Result<Vec<Service>> {
    let mut problems = Vec::new();
    let mut out = Vec::with_capacity(services.len());
    for (index, mut service) in services.into_iter().enumerate() {
        normalise(&mut service);
        problems.extend(
            validate(&service, &format!("/{index}"))
                .iter()
                .map(ToString::to_string),
        );
        out.push(service);
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(invalid_records(problems))
    }
}

fn invalid_records(problems: Vec<String>) -> AppError {
    let shown: Vec<&str> = problems.iter().take(20).map(String::as_str).collect();
    let more = problems.len().saturating_sub(shown.len());
    let tail = if more > 0 {
        format!(" (and {more} more)")
    } else {
        String::new()
    };
    AppError::rejected(
        Code::InvalidBody,
        format!(
            "the record is not valid HSDS for Signpost: {}{tail}",
            shown.join("; ")
        ),
    )
}

/// Opens the index and finds the last change of the store's log it has applied. On PostgreSQL an
/// index whose [`SequenceFile`] the log still continues from is kept, whatever its size: the
/// changes after it are applied next ([`Directory::catch_up`]). Otherwise the index is opened as
/// [`open_engine`] does, and holds everything up to the log's last change when it was opened.
async fn open_following(store: &Store, db_dir: &Path) -> Result<(Engine, Sequence)> {
    let span = store.change_span().await?;
    let file = SequenceFile::in_dir(db_dir);
    let recorded = file.read();
    let resumable = recorded
        .filter(|applied| matches!(store, Store::Postgres(_)) && span.continues_from(*applied));
    let (engine, rebuilt) = open_engine(store, db_dir, resumable.is_some()).await?;
    let applied = match resumable {
        Some(applied) if !rebuilt => applied,
        _ => span.last,
    };
    if recorded != Some(applied) {
        file.write(applied)?;
    }
    Ok((engine, applied))
}

/// Opens the index, rebuilding it from the store when it is missing, of an older format, marked
/// stale, unreadable, or (unless `any_size`) holding a different number of services than the
/// store's searchable ones; whether it was rebuilt.
async fn open_engine(store: &Store, db_dir: &Path, any_size: bool) -> Result<(Engine, bool)> {
    let index_dir = db_dir.join(INDEX_DIR);
    let stale = StaleMark::in_dir(db_dir);
    let reason = if stale.exists() {
        stale.reason()
    } else {
        match Engine::open(&index_dir) {
            Ok(OpenedEngine::Ready(engine)) => {
                if any_size {
                    return Ok((*engine, false));
                }
                let (indexed, stored) = (engine.len()?, store.count_searchable().await?);
                if u64::try_from(indexed).unwrap_or(u64::MAX) == stored {
                    return Ok((*engine, false));
                }
                format!("the index holds {indexed} services and the store {stored} searchable ones")
            }
            Ok(OpenedEngine::RebuildNeeded { reason }) => reason,
            Err(unreadable) => format!("the index cannot be read ({unreadable})"),
        }
    };
    warn!(%reason, "rebuilding the search index from the store");
    let engine = rebuild_engine(store, &index_dir).await?;
    if stale.exists() {
        stale.clear()?;
    }
    Ok((engine, true))
}

/// A new index in `index_dir` holding every searchable service of the store, read a chunk at a
/// time.
pub(crate) async fn rebuild_engine(store: &Store, index_dir: &Path) -> Result<Engine> {
    let mut builder = EngineBuilder::new(index_dir)?;
    let mut chunks = store.chunks(REBUILD_CHUNK);
    while let Some(chunk) = chunks.next().await? {
        for service in chunk.iter().filter(|s| is_searchable(s)) {
            builder.add(service)?;
        }
    }
    Ok(builder.finish()?)
}

/// The file [`STALE_MARK`] in a data directory: present while a write is between the store and
/// the index, or after a write the index has not seen; the next open then rebuilds the index.
pub(crate) struct StaleMark {
    path: PathBuf,
}

impl StaleMark {
    pub(crate) fn in_dir(db_dir: &Path) -> StaleMark {
        StaleMark {
            path: db_dir.join(STALE_MARK),
        }
    }

    pub(crate) fn exists(&self) -> bool {
        self.path.exists()
    }

    /// Leaves the mark, saying `why` (the data directory is made if need be).
    pub(crate) fn set(&self, why: &str) -> Result<()> {
        if let Some(db_dir) = self.path.parent() {
            std::fs::create_dir_all(db_dir).map_err(|source| {
                AppError::io(format!("cannot create {}", db_dir.display()), source)
            })?;
        }
        std::fs::write(&self.path, format!("{why}\n"))
            .map_err(|source| AppError::io(format!("cannot write {}", self.path.display()), source))
    }

    pub(crate) fn clear(&self) -> Result<()> {
        std::fs::remove_file(&self.path).map_err(|source| {
            AppError::io(format!("cannot remove {}", self.path.display()), source)
        })
    }

    /// Why the mark is there: what the writer that left it said (`signpost import` says so),
    /// else an interrupted write.
    pub(crate) fn reason(&self) -> String {
        match std::fs::read_to_string(&self.path) {
            Ok(said) if !said.trim().is_empty() => said.trim().to_owned(),
            _ => "a write did not finish".to_owned(),
        }
    }
}
