//! The engine: the text index on disk plus the in-memory entries and R-tree, kept in step.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

use signpost_domain::Service;
use signpost_index::{Opened, TextIndex};
use tracing::info;

use crate::error::EngineError;
use crate::grid::Grid;
use crate::id_order::IdOrder;
use crate::postings::Postings;
use crate::record::{Entry, Record, Vocabulary};
use crate::spatial::SpatialIndex;

/// Everything a search reads besides the text index.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// Indexed by ordinal; `None` for a removed service.
    pub entries: Vec<Option<Entry>>,
    pub by_id: HashMap<Box<str>, u32>,
    pub vocabulary: Vocabulary,
    pub spatial: SpatialIndex,
    /// The same locations again, in cells, for the exact §5 queries.
    pub grid: Grid,
    /// Word number to the services whose name or description has that §5 word.
    pub word_postings: Postings,
    /// Code number to the services speaking that language.
    pub language_postings: Postings,
    /// Code number to the services in that category.
    pub category_postings: Postings,
    pub id_order: IdOrder,
}

/// Above this many new services in one write, the id order is rebuilt rather than patched.
const REORDER_ALL_ABOVE: usize = 1_000;

impl State {
    pub(crate) fn entry(&self, ord: u32) -> Option<&Entry> {
        self.entries.get(ord as usize).and_then(Option::as_ref)
    }

    pub(crate) fn live(&self) -> impl Iterator<Item = (u32, &Entry)> + Clone {
        self.entries
            .iter()
            .enumerate()
            .filter_map(|(ord, e)| Some((u32::try_from(ord).ok()?, e.as_ref()?)))
    }

    /// The ordinal for `id`: its old one when known, else the next free one.
    fn ordinal_for(&mut self, id: &str) -> Result<u32, EngineError> {
        if let Some(&ord) = self.by_id.get(id) {
            return Ok(ord);
        }
        let ord = u32::try_from(self.entries.len()).map_err(|_| EngineError::Full)?;
        self.entries.push(None);
        self.by_id.insert(id.into(), ord);
        Ok(ord)
    }

    /// Puts an entry in place, returning the one it replaced (posting lists, R-tree, grid and
    /// id order are the caller's to update, or [`State::finish_bulk`]'s).
    fn put(&mut self, ord: u32, record: &Record) -> Option<Entry> {
        let entry = Entry::new(record, &mut self.vocabulary);
        self.entries
            .get_mut(ord as usize)
            .and_then(|slot| slot.replace(entry))
    }

    /// Puts the entry of `ord` in the posting lists.
    fn index(&mut self, ord: u32) {
        let Some(Some(entry)) = self.entries.get(ord as usize) else {
            return;
        };
        self.word_postings.add_all(ord, &entry.words);
        self.language_postings.add_all(ord, &entry.languages);
        self.category_postings.add_all(ord, &entry.categories);
    }

    /// Takes an entry out of the posting lists.
    fn unindex(&mut self, ord: u32, entry: &Entry) {
        self.word_postings.remove_all(ord, &entry.words);
        self.language_postings.remove_all(ord, &entry.languages);
        self.category_postings.remove_all(ord, &entry.categories);
    }

    /// After a bulk load: the posting lists (built in ordinal order, so each grows at its end),
    /// the R-tree, the grid and the id order.
    fn finish_bulk(&mut self) {
        self.word_postings = Postings::default();
        self.language_postings = Postings::default();
        self.category_postings = Postings::default();
        for ord in 0..self.entries.len() {
            if let Ok(ord) = u32::try_from(ord) {
                self.index(ord);
            }
        }
        self.spatial = SpatialIndex::bulk(self.live());
        self.grid = Grid::bulk(self.live());
        self.id_order = IdOrder::rebuild(&self.entries);
        let universe = self.entries.len();
        self.word_postings.densify(universe);
        self.language_postings.densify(universe);
        self.category_postings.densify(universe);
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
        let record = Record::from_service(service);
        let ord = self.state.ordinal_for(&service.id)?;
        self.text
            .upsert(ord, service, &serde_json::to_vec(&record)?)?;
        self.state.put(ord, &record);
        Ok(())
    }

    /// Commits the text index and builds the R-tree.
    pub fn finish(mut self) -> Result<Engine, EngineError> {
        self.text.commit()?;
        self.state.finish_bulk();
        info!(services = self.state.by_id.len(), "search engine built");
        Ok(Engine {
            text: self.text,
            state: RwLock::new(self.state),
        })
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
        let mut unreadable = None;
        text.each_stored_record(|ord, bytes| {
            if unreadable.is_some() {
                return;
            }
            match serde_json::from_slice::<Record>(bytes) {
                Ok(record) => {
                    let slot = ord as usize;
                    if state.entries.len() <= slot {
                        state.entries.resize_with(slot + 1, || None);
                    }
                    state.by_id.insert(record.id.as_str().into(), ord);
                    state.put(ord, &record);
                }
                Err(e) => unreadable = Some(e),
            }
        })?;
        if let Some(e) = unreadable {
            return Err(e.into());
        }
        state.finish_bulk();
        info!(services = state.by_id.len(), "search engine reopened");
        Ok(OpenedEngine::Ready(Box::new(Engine {
            text,
            state: RwLock::new(state),
        })))
    }

    /// How many services the engine holds.
    pub fn len(&self) -> Result<usize, EngineError> {
        Ok(self.read()?.by_id.len())
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
        let mut changed = Vec::with_capacity(services.len());
        for service in services {
            let record = Record::from_service(service);
            let ord = state.ordinal_for(&service.id)?;
            self.text
                .upsert(ord, service, &serde_json::to_vec(&record)?)?;
            changed.push((ord, record));
        }
        self.text.commit()?;
        let mut arrived = Vec::new();
        for (ord, record) in changed {
            match state.put(ord, &record) {
                Some(old) => {
                    state.spatial.remove(ord, &old);
                    state.grid.remove(ord, &old);
                    state.unindex(ord, &old);
                }
                None => arrived.push(ord),
            }
            state.index(ord);
            let State {
                entries,
                spatial,
                grid,
                ..
            } = &mut *state;
            if let Some(Some(entry)) = entries.get(ord as usize) {
                spatial.insert(ord, entry);
                grid.insert(ord, entry);
            }
        }
        if arrived.len() > REORDER_ALL_ABOVE {
            state.id_order = IdOrder::rebuild(&state.entries);
        } else {
            let State {
                entries, id_order, ..
            } = &mut *state;
            for ord in arrived {
                id_order.insert(ord, entries);
            }
        }
        Ok(())
    }

    /// Removes a service by id; `false` when it was not there. Visible to the next search.
    pub fn remove(&self, id: &str) -> Result<bool, EngineError> {
        let mut state = self.write()?;
        let Some(ord) = state.by_id.remove(id) else {
            return Ok(false);
        };
        self.text.remove(id)?;
        self.text.commit()?;
        if let Some(old) = state.entries.get_mut(ord as usize).and_then(Option::take) {
            state.spatial.remove(ord, &old);
            state.grid.remove(ord, &old);
            state.unindex(ord, &old);
            state.id_order.remove(ord);
        }
        Ok(true)
    }

    pub(crate) fn read(&self) -> Result<RwLockReadGuard<'_, State>, EngineError> {
        self.state.read().map_err(|_| EngineError::Poisoned)
    }

    fn write(&self) -> Result<RwLockWriteGuard<'_, State>, EngineError> {
        self.state.write().map_err(|_| EngineError::Poisoned)
    }
}
