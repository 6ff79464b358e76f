//! Benchmark queries (interfaces.md §5): exact words, radius, language and category, answered
//! exactly, ordered by distance then id (with a point) or by id.

use serde::{Deserialize, Serialize};
use signpost_geo::{Point, haversine_m};
use signpost_index::exact_terms;

use crate::engine::{Engine, State};
use crate::error::EngineError;
use crate::record::Entry;
use crate::request::Plan;

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

/// A §5 query resolved against the vocabulary; `None` when something asked for is unknown, so
/// nothing can match.
struct Resolved {
    words: Vec<String>,
    word_ids: Vec<u32>,
    language: Option<u32>,
    category: Option<u32>,
    centre: Option<Point>,
    radius_m: Option<f64>,
}

impl Resolved {
    fn new(query: &BenchQuery, state: &State) -> Option<Resolved> {
        let words = exact_terms(query.text.as_deref().unwrap_or_default());
        let word_ids = words
            .iter()
            .map(|w| state.vocabulary.words.get(w))
            .collect::<Option<Vec<u32>>>()?;
        let code = |c: &Option<String>| match c {
            Some(code) => state.vocabulary.codes.get(code).map(Some),
            None => Some(None),
        };
        Some(Resolved {
            language: code(&query.language)?,
            category: code(&query.category)?,
            centre: query
                .lat
                .zip(query.lon)
                .map(|(lat, lon)| Point::new(lat, lon)),
            radius_m: query.radius_m,
            words,
            word_ids,
        })
    }

    fn passes_filters(&self, entry: &Entry) -> bool {
        self.language.is_none_or(|l| entry.languages.contains(&l))
            && self.category.is_none_or(|c| entry.categories.contains(&c))
    }

    fn nearest(&self, entry: &Entry) -> Option<f64> {
        let centre = self.centre?;
        entry
            .points
            .iter()
            .map(|&p| haversine_m(centre, p))
            .min_by(f64::total_cmp)
    }

    fn within(&self, entry: &Entry) -> bool {
        match (self.centre, self.radius_m) {
            (Some(_), Some(radius)) => self.nearest(entry).is_some_and(|d| d <= radius),
            _ => true,
        }
    }

    fn has_words(&self, entry: &Entry) -> bool {
        self.word_ids.iter().all(|&w| entry.has_word(w))
    }

    fn matches(&self, entry: &Entry) -> bool {
        self.has_words(entry) && self.passes_filters(entry) && self.within(entry)
    }
}

impl Engine {
    /// Answers a §5 query exactly, choosing the cheaper plan.
    pub fn bench(&self, query: &BenchQuery) -> Result<BenchAnswer, EngineError> {
        self.bench_with_plan(query, None)
    }

    /// Answers a §5 query exactly with the plan forced, for tests that check plans agree and for
    /// the benchmark's baseline: `Some(Plan::GeoFirst)` or `Some(Plan::TextFirst)` apply to queries
    /// with text, a point and a radius; `Some(Plan::NoPlace)` is the naive baseline (text only, or
    /// every service, then the distance and filter checks).
    pub fn bench_with_plan(
        &self,
        query: &BenchQuery,
        forced: Option<Plan>,
    ) -> Result<BenchAnswer, EngineError> {
        let state = self.read()?;
        let Some(resolved) = Resolved::new(query, &state) else {
            return Ok(BenchAnswer {
                hits: Vec::new(),
                dist: Vec::new(),
                total: 0,
            });
        };
        let ords = match self.bench_plan(&resolved, &state, forced)? {
            Plan::GeoFirst | Plan::NoText => geo_candidates(&resolved, &state),
            Plan::TextFirst => self.text.exact_match(&resolved.words, &|ord: u32| {
                state
                    .entry(ord)
                    .is_some_and(|e| resolved.passes_filters(e) && resolved.within(e))
            })?,
            Plan::NoPlace if resolved.words.is_empty() => state.live().map(|(o, _)| o).collect(),
            Plan::NoPlace => self.text.exact_match(&resolved.words, &|ord: u32| {
                state.entry(ord).is_some_and(|e| resolved.passes_filters(e))
            })?,
        };
        Ok(answer(&resolved, &state, ords, query.k))
    }

    fn bench_plan(
        &self,
        resolved: &Resolved,
        state: &State,
        forced: Option<Plan>,
    ) -> Result<Plan, EngineError> {
        let (Some(centre), Some(radius)) = (resolved.centre, resolved.radius_m) else {
            return Ok(Plan::NoPlace);
        };
        if forced == Some(Plan::NoPlace) {
            return Ok(Plan::NoPlace);
        }
        if resolved.words.is_empty() {
            return Ok(Plan::NoText);
        }
        if let Some(plan @ (Plan::GeoFirst | Plan::TextFirst)) = forced {
            return Ok(plan);
        }
        let mut text_estimate = u64::MAX;
        for word in &resolved.words {
            text_estimate = text_estimate.min(self.text.exact_word_frequency(word)?);
        }
        let cap = usize::try_from(text_estimate)
            .unwrap_or(usize::MAX)
            .saturating_add(1);
        let geo_estimate = state.spatial.count_near(centre, radius, cap);
        Ok(if geo_estimate < cap {
            Plan::GeoFirst
        } else {
            Plan::TextFirst
        })
    }
}

/// Every service with a location in the box around the circle, each once.
fn geo_candidates(resolved: &Resolved, state: &State) -> Vec<u32> {
    let (Some(centre), Some(radius)) = (resolved.centre, resolved.radius_m) else {
        return Vec::new();
    };
    let mut ords: Vec<u32> = state.spatial.near(centre, radius).collect();
    ords.sort_unstable();
    ords.dedup();
    ords
}

/// Checks every candidate exactly, orders the hits as §5 says and applies `k`.
fn answer(resolved: &Resolved, state: &State, ords: Vec<u32>, k: Option<usize>) -> BenchAnswer {
    let mut hits: Vec<(Option<f64>, &str)> = ords
        .into_iter()
        .filter_map(|ord| state.entry(ord))
        .filter(|entry| resolved.matches(entry))
        .map(|entry| (resolved.nearest(entry), &*entry.id))
        .collect();
    let order = |a: &(Option<f64>, &str), b: &(Option<f64>, &str)| {
        by_distance(a.0, b.0).then_with(|| a.1.cmp(b.1))
    };
    let total = hits.len();
    let keep = k.unwrap_or(total).min(total);
    if keep > 0 && keep < total {
        hits.select_nth_unstable_by(keep - 1, order);
    }
    hits.truncate(keep);
    hits.sort_unstable_by(order);
    BenchAnswer {
        dist: hits.iter().filter_map(|h| h.0).collect(),
        hits: hits.into_iter().map(|h| h.1.to_owned()).collect(),
        total,
    }
}

/// Nearer first; services without a location after every located one.
pub(crate) fn by_distance(a: Option<f64>, b: Option<f64>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.total_cmp(&b),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}
