//! The benchmark mode (docs/formats.md): exact words, radius, language and category, answered
//! exactly, ordered by distance then id (with a point) or by id.
//!
//! Beside what search mode keeps, it reads its own structures ([`BenchIndex`]): posting lists of
//! the §5 words, each service's rank in id order and a grid of every location with exact per-cell
//! distance bounds. [`Engine::bench`] picks the cheaper plan; every plan gives the same answer.

mod grid;
mod id_order;
mod plan;
mod query;
mod scan;

use serde::{Deserialize, Serialize};

use crate::entries::{Entries, Entry};
use crate::postings::Postings;
use grid::Grid;
use id_order::IdOrder;

/// One line of a §5 queries file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchQuery {
    pub id: String,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    #[serde(default)]
    pub radius_m: Option<f64>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub category: Option<String>,
    /// The most hits returned; `None` returns them all.
    #[serde(default)]
    pub k: Option<usize>,
}

/// The exact §5 answer to a [`BenchQuery`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchAnswer {
    /// Service ids in §5 order, at most `k`.
    pub hits: Vec<String>,
    /// Metres to each hit's nearest location, for point queries (same order as `hits`).
    pub dist: Vec<f64>,
    /// Every hit before the `k` cap.
    pub total: usize,
}

/// One hit before ordering: metres to its nearest location (`None` without one) and its ordinal.
type Hit = (Option<f64>, u32);

/// What only the benchmark mode reads, kept in step with the entries by the engine.
#[derive(Debug, Default)]
pub(crate) struct BenchIndex {
    /// The locations of every live service, in cells.
    grid: Grid,
    /// Word number to the services whose name or description has that §5 word.
    word_postings: Postings,
    /// Every live service in id order.
    id_order: IdOrder,
}

impl BenchIndex {
    /// Builds everything from the live entries (the word lists in ordinal order, so each grows at
    /// its end).
    pub(crate) fn bulk(entries: &Entries) -> BenchIndex {
        let mut word_postings = Postings::default();
        for (ord, entry) in entries.live() {
            word_postings.add_all(ord, entry.words);
        }
        word_postings.densify(entries.ordinals());
        BenchIndex {
            grid: Grid::bulk(entries.live()),
            word_postings,
            id_order: IdOrder::rebuild(entries),
        }
    }

    /// Puts the live entry of `ord` in the word lists and the grid (its place in the id order is
    /// [`BenchIndex::arrived`]'s).
    pub(crate) fn add(&mut self, ord: u32, entry: &Entry) {
        self.word_postings.add_all(ord, entry.words);
        self.grid.insert(ord, entry);
    }

    /// Takes the entry of `ord` out of the word lists and the grid.
    pub(crate) fn remove(&mut self, ord: u32, entry: &Entry) {
        self.word_postings.remove_all(ord, entry.words);
        self.grid.remove(ord, entry);
    }

    /// Places newly live ordinals in the id order: one by one, or all again when they are many.
    pub(crate) fn arrived(&mut self, ords: &[u32], entries: &Entries) {
        if ords.len() > REORDER_ALL_ABOVE {
            self.id_order = IdOrder::rebuild(entries);
        } else {
            for &ord in ords {
                self.id_order.insert(ord, entries);
            }
        }
    }

    /// Forgets an ordinal that is no longer live.
    pub(crate) fn departed(&mut self, ord: u32) {
        self.id_order.remove(ord);
    }

    /// Where a live ordinal's id comes in id order (search mode breaks ties by it).
    pub(crate) fn id_rank(&self, ord: u32) -> u32 {
        self.id_order.rank(ord)
    }
}

/// Above this many new services in one write, the id order is rebuilt rather than patched.
const REORDER_ALL_ABOVE: usize = 1_000;
