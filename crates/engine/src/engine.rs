//! The engine: the text index on disk plus the in-memory entries, R-tree and posting lists,
//! and the benchmark mode's own structures, kept in step.

use std::path::Path;
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

use signpost_domain::Service;
use signpost_index::{Opened, Prepared, Stored, TextIndex};
use tracing::info;

use crate::bench::BenchIndex;
use crate::confidential::{served_document, served_json};
use crate::entries::{Entries, Entry};
use crate::error::EngineError;
use crate::postings::Postings;
use crate::record::{Record, Vocabulary};
use crate::spatial::SpatialIndex;

/// Everything a search reads besides the text index.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// Indexed by ordinal, with the ordinal of each id.
    pub entries: Entries,
    pub vocabulary: Vocabulary,
    pub spatial: SpatialIndex,
    /// Code number to the services speaking that language.
    pub language_postings: Postings,
    /// Code number to the services in that category.
    pub category_postings: Postings,
    /// Code number to the services of that faith.
    pub faith_postings: Postings,
    /// What only the exact §5 queries read.
    pub bench: BenchIndex,
}

impl State {
    pub(crate) fn entry(&self, ord: u32) -> Option<Entry<'_>> {
        self.entries.get(ord)
    }

    pub(crate) fn live(&self) -> impl Iterator<Item = (u32, Entry<'_>)> + Clone {
        self.entries.live()
    }

    /// Puts the live entry of `ord` in the code lists, the R-tree and the benchmark structures.
    fn index(&mut self, ord: u32) {
        let Some(entry) = self.entries.get(ord) else {
            return;
        };
        self.language_postings.add_all(ord, entry.languages);
        self.category_postings.add_all(ord, entry.categories);
        self.faith_postings.add_all(ord, entry.faiths);
        self.spatial.insert(ord, &entry);
        self.bench.add(ord, &entry);
    }

    /// Takes the live entry of `ord` out of the code lists, the R-tree and the benchmark
    /// structures.
    fn unindex(&mut self, ord: u32) {
        let Some(entry) = self.entries.get(ord) else {
            return;
        };
        self.language_postings.remove_all(ord, entry.languages);
        self.category_postings.remove_all(ord, entry.categories);
        self.faith_postings.remove_all(ord, entry.faiths);
        self.spatial.remove(ord, &entry);
        self.bench.remove(ord, &entry);
    }

    /// After a bulk load: the code lists (built in ordinal order, so each grows at its end), the
    /// R-tree and the benchmark structures.
    fn finish_bulk(&mut self) {
        self.entries.shrink_to_fit();
        let mut language_postings = Postings::default();
        let mut category_postings = Postings::default();
        let mut faith_postings = Postings::default();
        for (ord, entry) in self.entries.live() {
            language_postings.add_all(ord, entry.languages);
            category_postings.add_all(ord, entry.categories);
            faith_postings.add_all(ord, entry.faiths);
        }
        let universe = self.entries.ordinals();
        language_postings.densify(universe);
        category_postings.densify(universe);
        faith_postings.densify(universe);
        self.language_postings = language_postings;
        self.category_postings = category_postings;
        self.faith_postings = faith_postings;
        self.spatial = SpatialIndex::bulk(self.live());
        self.bench = BenchIndex::bulk(&self.entries);
    }
}

/// Builds a new engine from scratch: add every service, then [`EngineBuilder::finish`].
pub struct EngineBuilder {
    text: TextIndex,
    state: State,
}

impl EngineBuilder {
    /// Starts a new, empty index in `index_dir`, replacing any index there.
    pub fn new(index_dir: &Path) -> Result<EngineBuilder, EngineError> {
        Ok(EngineBuilder {
            text: TextIndex::create(index_dir)?,
            state: State::default(),
        })
    }

    /// Adds a service (a later service with the same id replaces an earlier one).
    pub fn add(&mut self, service: &Service) -> Result<(), EngineError> {
        let prepared = Prepared::new(service);
        let record = Record::from_prepared(&prepared);
        let State {
            entries,
            vocabulary,
            ..
        } = &mut self.state;
        let repeated = entries.ordinal(&service.id).is_some();
        let ord = entries.ordinal_for(&service.id)?;
        let (record_bytes, document) = (record.encode()?, served_document(service)?);
        let stored = Stored {
            record: &record_bytes,
            document: &document,
        };
        if repeated {
            self.text.upsert(ord, &prepared, stored)?;
        } else {
            self.text.add_new(ord, &prepared, stored)?;
        }
        entries.put(ord, &record, vocabulary)?;
        Ok(())
    }

    /// Commits the text index and builds the R-tree.
    pub fn finish(mut self) -> Result<Engine, EngineError> {
        self.text.commit()?;
        self.state.finish_bulk();
        info!(
            services = self.state.entries.live_count(),
            "search engine built"
        );
        Ok(Engine {
            text: self.text,
            state: RwLock::new(self.state),
        })
    }
}

/// Builds only the text index, with the records [`Engine::open`] rebuilds the in-memory state
/// from, of services known to be distinct (as a file import into an empty store guarantees).
/// Cheaper than an [`EngineBuilder`], which also builds that state: for building an index
/// beside a write that is not going to search it.
pub struct IndexBuilder {
    text: TextIndex,
    added: u32,
}

impl IndexBuilder {
    /// Starts a new, empty index in `index_dir`, replacing any index there.
    pub fn new(index_dir: &Path) -> Result<IndexBuilder, EngineError> {
        Ok(IndexBuilder {
            text: TextIndex::create(index_dir)?,
            added: 0,
        })
    }

    /// Adds a service whose id no earlier service had; `json` is its JSON text (as the store
    /// keeps it), served as it is unless a location must be withheld.
    pub fn add(&mut self, service: &Service, json: &str) -> Result<(), EngineError> {
        let prepared = Prepared::new(service);
        let record = Record::from_prepared(&prepared).encode()?;
        let document = served_json(service, json)?;
        let stored = Stored {
            record: &record,
            document: &document,
        };
        self.text.add_new(self.added, &prepared, stored)?;
        self.added = self.added.checked_add(1).ok_or(EngineError::Full)?;
        Ok(())
    }

    /// Commits the index; returns how many services it holds.
    pub fn finish(self) -> Result<u32, EngineError> {
        self.text.commit()?;
        Ok(self.added)
    }
}

/// What [`Engine::open`] found.
pub enum OpenedEngine {
    Ready(Box<Engine>),
    /// No index, or one of an older format: feed every service to an [`EngineBuilder`].
    RebuildNeeded {
        reason: String,
    },
}

/// The search engine. `Send + Sync`: share it as `Arc<Engine>`; searches run concurrently and
/// writes (which take `&self`) are serialised and visible to the next search.
pub struct Engine {
    pub(crate) text: TextIndex,
    state: RwLock<State>,
}

impl Engine {
    /// Reopens the index in `index_dir` and rebuilds the in-memory entries and R-tree from the
    /// records stored in it.
    pub fn open(index_dir: &Path) -> Result<OpenedEngine, EngineError> {
        let text = match TextIndex::open(index_dir)? {
            Opened::Ready(text) => *text,
            Opened::RebuildNeeded { reason } => return Ok(OpenedEngine::RebuildNeeded { reason }),
        };
        let mut state = State::default();
        let mut failed = None;
        state
            .entries
            .reserve(usize::try_from(text.len()).unwrap_or(0));
        text.each_stored_record(|ord, stored| {
            if failed.is_some() {
                return;
            }
            let put = Record::decode(stored).and_then(|record| {
                state.entries.register(ord, &record.id)?;
                state.entries.put(ord, &record, &mut state.vocabulary)
            });
            if let Err(e) = put {
                failed = Some(e);
            }
        })?;
        if let Some(e) = failed {
            return Err(e);
        }
        state.finish_bulk();
        info!(
            services = state.entries.live_count(),
            "search engine reopened"
        );
        Ok(OpenedEngine::Ready(Box::new(Engine {
            text,
            state: RwLock::new(state),
        })))
    }

    /// How many services the engine holds.
    pub fn len(&self) -> Result<usize, EngineError> {
        Ok(self.read()?.entries.live_count())
    }

    /// The ids of every service the engine holds, in no particular order.
    pub fn ids(&self) -> Result<Vec<String>, EngineError> {
        Ok(self
            .read()?
            .live()
            .map(|(_, entry)| entry.id.to_owned())
            .collect())
    }

    /// The served records (confidential locations withheld) of the services with these ids, in
    /// the order of `ids`, each as it was last put in the index; ids the index does not hold are
    /// left out. Read from the index alone: no store is needed.
    pub fn records(&self, ids: &[&str]) -> Result<Vec<Service>, EngineError> {
        let mut records = Vec::with_capacity(ids.len());
        for document in self.text.documents(ids)?.into_iter().flatten() {
            records.push(serde_json::from_slice(&document)?);
        }
        Ok(records)
    }

    /// Takes the writer lock of the index in `index_dir`, or `None` when another process (a
    /// server that has written, an import) holds it. Nothing writes the index while it is held.
    pub fn lock_writer(
        index_dir: &Path,
    ) -> Result<Option<signpost_index::WriterLock>, EngineError> {
        Ok(signpost_index::lock_writer(index_dir)?)
    }

    /// Whether the engine holds no service.
    pub fn is_empty(&self) -> Result<bool, EngineError> {
        Ok(self.len()? == 0)
    }

    /// Adds or replaces one service; visible to the next search.
    pub fn upsert(&self, service: &Service) -> Result<(), EngineError> {
        self.upsert_many(std::slice::from_ref(service))
    }

    /// Adds or replaces many services with one commit; visible to the next search.
    pub fn upsert_many(&self, services: &[Service]) -> Result<(), EngineError> {
        let mut state = self.write()?;
        let prepared: Vec<Prepared> = services.iter().map(Prepared::new).collect();
        let mut changed = Vec::with_capacity(services.len());
        for one in &prepared {
            let record = Record::from_prepared(one);
            let ord = state.entries.ordinal_for(&record.id)?;
            let document = served_document(one.service())?;
            let stored = Stored {
                record: &record.encode()?,
                document: &document,
            };
            self.text.upsert(ord, one, stored)?;
            changed.push((ord, record));
        }
        self.text.commit()?;
        let mut arrived = Vec::new();
        for (ord, record) in changed {
            state.unindex(ord);
            let State {
                entries,
                vocabulary,
                ..
            } = &mut *state;
            if !entries.put(ord, &record, vocabulary)? {
                arrived.push(ord);
            }
            state.index(ord);
        }
        let State { entries, bench, .. } = &mut *state;
        bench.arrived(&arrived, entries);
        Ok(())
    }

    /// Removes a service by id; `false` when it was not there. Visible to the next search.
    pub fn remove(&self, id: &str) -> Result<bool, EngineError> {
        let mut state = self.write()?;
        let Some(ord) = state.entries.ordinal(id) else {
            return Ok(false);
        };
        self.text.remove(id)?;
        self.text.commit()?;
        state.unindex(ord);
        state.bench.departed(ord);
        state.entries.remove(id);
        Ok(true)
    }

    pub(crate) fn read(&self) -> Result<RwLockReadGuard<'_, State>, EngineError> {
        self.state.read().map_err(|_| EngineError::Poisoned)
    }

    fn write(&self) -> Result<RwLockWriteGuard<'_, State>, EngineError> {
        self.state.write().map_err(|_| EngineError::Poisoned)
    }
}
