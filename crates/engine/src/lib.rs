//! Signpost's search engine: plans, filters and ranks a search across the tantivy text index
//! (`signpost-index`) and an in-memory R-tree of locations and service areas.
//!
//! The engine never touches the store. It is fed services ([`EngineBuilder::add`],
//! [`Engine::upsert`], [`Engine::remove`]) and answers with service ids, distances, scores,
//! reasons and facet counts; [`Engine::records`] reads a page of hits' served records (kept in
//! the index, confidential locations withheld).
//! [`Engine::bench`] answers the exact benchmark queries of docs/formats.md.
//!
//! Both modes read the entries (`entries`, `record`, `opening`, `area`) and the language and
//! category posting lists (`postings`). Search mode is `search`, `request` and the R-tree
//! (`spatial`); the benchmark mode is `bench/`, with its own word lists, id order and grid.

mod area;
mod bench;
mod confidential;
mod engine;
mod entries;
mod error;
mod opening;
mod order;
mod postings;
mod record;
mod request;
mod search;
mod spatial;

pub use bench::{BenchAnswer, BenchQuery};
pub use chrono::{DateTime, NaiveTime, Utc, Weekday};
pub use confidential::{district_centre, redacted, redacted_at};
pub use engine::{Engine, EngineBuilder, IndexBuilder, OpenedEngine};
pub use error::EngineError;
pub use opening::OpenAt;
pub use request::{
    AgeSpan, Counts, CountsAsked, DEFAULT_PER_PAGE, DEFAULT_RADIUS_M, Facets, MAX_PER_PAGE, Near,
    Plan, SearchHit, SearchRequest, SearchResponse, Toggle,
};
pub use signpost_geo::Point;
