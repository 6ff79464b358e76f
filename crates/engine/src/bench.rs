//! Benchmark queries (interfaces.md §5): exact words, radius, language and category, answered
//! exactly, ordered by distance then id (with a point) or by id.

use std::cell::RefCell;
use std::collections::BinaryHeap;

use serde::{Deserialize, Serialize};
use signpost_geo::{Point, haversine_m};
use signpost_index::exact_terms;

use crate::engine::{Engine, State};
use crate::entries::Entry;
use crate::error::EngineError;
use crate::grid::{self, H_MARGIN, h_of_distance};
use crate::postings::Posting;
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
    /// the benchmark's baseline: `Some(Plan::GeoFirst)` (grid first) or
    /// `Some(Plan::TextFirst)` (posting lists first) apply to queries with a point;
    /// `Some(Plan::NoPlace)` is the naive baseline (tantivy text only, or every service, then the
    /// distance and filter checks).
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
        if forced == Some(Plan::NoPlace) {
            return self.naive(&resolved, &state, query.k);
        }
        let constraints = Constraints::new(&resolved, &state);
        let Some(centre) = resolved.centre else {
            return Ok(by_id(&constraints, &state, query.k));
        };
        let plan = match forced {
            Some(plan) => plan,
            None if resolved.radius_m.is_none()
                && constraints.estimate(&state) <= LISTS_FIRST_MAX =>
            {
                Plan::TextFirst
            }
            None => Plan::GeoFirst,
        };
        let (hits, total) = match plan {
            Plan::TextFirst | Plan::NoPlace => {
                let hits = within_by_lists(&constraints, &state, centre, resolved.radius_m);
                let total = hits.len();
                (hits, total)
            }
            Plan::GeoFirst | Plan::NoText => match resolved.radius_m {
                Some(radius) => {
                    let near = state.grid.near(centre, h_of_distance(radius));
                    let located: usize = near
                        .iter()
                        .map(|n| n.cell.single.len() + n.cell.shared.len())
                        .sum();
                    if forced.is_none()
                        && constraints.estimate(&state).saturating_mul(GRID_COST) < located
                    {
                        let hits = within_by_lists(&constraints, &state, centre, Some(radius));
                        let total = hits.len();
                        (hits, total)
                    } else {
                        let keep = query.k.unwrap_or(usize::MAX);
                        scan_grid(&constraints, &state, centre, Some(radius), near, keep)
                    }
                }
                None => nearest_by_grid(&constraints, &state, centre, query.k),
            },
        };
        Ok(top_by_distance(&state, hits, total, query.k))
    }

    /// The naive baseline: tantivy text only (or every service), then every check per candidate.
    fn naive(
        &self,
        resolved: &Resolved,
        state: &State,
        k: Option<usize>,
    ) -> Result<BenchAnswer, EngineError> {
        let ords = if resolved.words.is_empty() {
            state.live().map(|(o, _)| o).collect()
        } else {
            self.text.exact_match(&resolved.words, &|ord: u32| {
                state
                    .entry(ord)
                    .is_some_and(|e| resolved.passes_filters(&e))
            })?
        };
        Ok(answer(resolved, state, ords, k))
    }
}

/// Without a radius: the `k` nearest from the grid, looking first within each ring in turn
/// (enough when the ring holds `k` matches), then everywhere; services with no location (after
/// every located one) come from the posting lists when the located ones fall short of `k`.
fn nearest_by_grid(
    constraints: &Constraints,
    state: &State,
    centre: Point,
    k: Option<usize>,
) -> (Vec<Hit>, usize) {
    let keep = k.unwrap_or(usize::MAX);
    let total = constraints.count(state);
    if keep > 0 && keep < usize::MAX {
        for ring in RINGS_M {
            let near = state.grid.near(centre, h_of_distance(ring));
            let (hits, _) = scan_grid(constraints, state, centre, None, near, keep);
            let farthest = hits.last().and_then(|h| h.0);
            if hits.len() == keep && farthest.is_some_and(|d| d <= ring) {
                return (hits, total);
            }
        }
    }
    let near = state.grid.near(centre, f64::INFINITY);
    let (hits, _) = scan_grid(constraints, state, centre, None, near, keep);
    if hits.len() < keep && total > hits.len() {
        let hits = within_by_lists(constraints, state, centre, None);
        let total = hits.len();
        return (hits, total);
    }
    (hits, total)
}

/// Up to this many services admitted by the words and filters, a point query without a radius
/// measures the distance to each of them rather than visiting the grid.
const LISTS_FIRST_MAX: usize = 4_096;
/// Measuring a service found from the posting lists (its entry, then a distance per location)
/// costs about this many grid locations (a few bit tests each, and a distance near the point).
const GRID_COST: usize = 8;
/// The rings a point query without a radius looks within before looking everywhere, in metres.
const RINGS_M: [f64; 4] = [5_000.0, 20_000.0, 80_000.0, 320_000.0];

/// One of the nearest hits so far, ordered by distance then id (by rank).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Nearest {
    distance: f64,
    rank: u32,
    ord: u32,
}

impl Eq for Nearest {}

impl Ord for Nearest {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.distance
            .total_cmp(&other.distance)
            .then_with(|| self.rank.cmp(&other.rank))
    }
}

impl PartialOrd for Nearest {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Keeps the `keep` least.
fn offer(best: &mut BinaryHeap<Nearest>, keep: usize, candidate: Nearest) {
    if best.len() < keep {
        best.push(candidate);
    } else if let Some(mut worst) = best.peek_mut()
        && candidate < *worst
    {
        *worst = candidate;
    }
}

/// Services with several locations already counted by the running scan (one scratch bitset
/// per thread, cleared after each scan, so no query allocates one).
#[derive(Default)]
struct Seen {
    bits: Vec<u64>,
    marked: Vec<u32>,
}

impl Seen {
    fn start(&mut self, universe: usize) {
        let words = universe.div_ceil(64);
        if self.bits.len() < words {
            self.bits.resize(words, 0);
        }
    }

    /// Marks `ord`, answering whether it was already marked.
    fn mark(&mut self, ord: u32) -> bool {
        let Some(word) = self.bits.get_mut(ord as usize / 64) else {
            return false;
        };
        let bit = 1 << (ord % 64);
        let was = *word & bit != 0;
        if !was {
            *word |= bit;
            self.marked.push(ord);
        }
        was
    }

    fn clear(&mut self) {
        if self.marked.len() > self.bits.len() / 8 {
            self.bits.fill(0);
        } else {
            for &ord in &self.marked {
                if let Some(word) = self.bits.get_mut(ord as usize / 64) {
                    *word = 0;
                }
            }
        }
        self.marked.clear();
    }
}

thread_local! {
    static SEEN: RefCell<Seen> = RefCell::new(Seen::default());
}

/// Keeps the `keep` nearest matching located services within the radius and, with a radius,
/// counts them all, visiting the cells nearest first: a cell wholly inside the circle is only
/// counted once it cannot hold one of the nearest, and distances are measured only where they
/// can matter. Without a radius the count is left to the caller and the scan stops at the first
/// cell that cannot hold one of the nearest (every later cell is farther).
fn scan_grid(
    constraints: &Constraints,
    state: &State,
    centre: Point,
    radius_m: Option<f64>,
    mut near: BinaryHeap<grid::Near>,
    keep: usize,
) -> (Vec<Hit>, usize) {
    let h_radius = radius_m.map_or(f64::INFINITY, h_of_distance);
    let beyond = |d: f64| radius_m.is_some_and(|r| d > r);
    let unconstrained = constraints.lists.is_empty();
    let mut best: BinaryHeap<Nearest> = BinaryHeap::new();
    let mut total = 0;
    SEEN.with_borrow_mut(|seen| {
        seen.start(state.entries.ordinals());
        while let Some(near) = near.pop() {
            let inside = near.h_max + H_MARGIN <= h_radius;
            let measure = keep > 0
                && best.peek().is_none_or(|worst| {
                    best.len() < keep || near.h_min - H_MARGIN <= h_of_distance(worst.distance)
                });
            if radius_m.is_none() && !measure {
                break;
            }
            let cell = near.cell;
            if inside && !measure {
                total += if unconstrained {
                    cell.single.len()
                } else {
                    cell.single
                        .iter()
                        .filter(|l| constraints.admits(l.ord))
                        .count()
                };
            } else {
                for located in &cell.single {
                    if !constraints.admits(located.ord) {
                        continue;
                    }
                    let distance = haversine_m(centre, located.point);
                    if beyond(distance) {
                        continue;
                    }
                    total += 1;
                    if measure {
                        let rank = state.id_order.rank(located.ord);
                        offer(
                            &mut best,
                            keep,
                            Nearest {
                                distance,
                                rank,
                                ord: located.ord,
                            },
                        );
                    }
                }
            }
            for located in &cell.shared {
                if !constraints.admits(located.ord)
                    || (!inside && beyond(haversine_m(centre, located.point)))
                    || seen.mark(located.ord)
                {
                    continue;
                }
                total += 1;
                if measure && let Some(entry) = state.entry(located.ord) {
                    let distance = entry
                        .points
                        .iter()
                        .map(|&p| haversine_m(centre, p))
                        .fold(f64::INFINITY, f64::min);
                    let rank = state.id_order.rank(located.ord);
                    offer(
                        &mut best,
                        keep,
                        Nearest {
                            distance,
                            rank,
                            ord: located.ord,
                        },
                    );
                }
            }
        }
        seen.clear();
    });
    let hits = best
        .into_sorted_vec()
        .into_iter()
        .map(|n| (Some(n.distance), n.ord))
        .collect();
    (hits, total)
}

/// The posting lists a query's words, language and category ask for, shortest first; a service
/// matches when it is in every one (every live service when there are none).
struct Constraints<'s> {
    lists: Vec<&'s Posting>,
}

impl<'s> Constraints<'s> {
    fn new(resolved: &Resolved, state: &'s State) -> Constraints<'s> {
        let mut lists: Vec<&Posting> = resolved
            .word_ids
            .iter()
            .map(|&w| state.word_postings.get(w))
            .collect();
        lists.extend(resolved.language.map(|l| state.language_postings.get(l)));
        lists.extend(resolved.category.map(|c| state.category_postings.get(c)));
        lists.sort_by_key(|l| l.len());
        Constraints { lists }
    }

    fn admits(&self, ord: u32) -> bool {
        self.lists.iter().all(|l| l.contains(ord))
    }

    /// At least as many services as match: the shortest list's length.
    fn estimate(&self, state: &State) -> usize {
        self.lists
            .first()
            .map_or_else(|| state.id_order.sorted().len(), |l| l.len())
    }

    /// Calls `found` with every matching ordinal, in ascending order when there is a list.
    fn for_each_match(&self, state: &State, mut found: impl FnMut(u32)) {
        match self.lists.split_first() {
            Some((shortest, rest)) => {
                for &ord in shortest.ords() {
                    if rest.iter().all(|l| l.contains(ord)) {
                        found(ord);
                    }
                }
            }
            None => state.id_order.sorted().iter().for_each(|&ord| found(ord)),
        }
    }

    fn count(&self, state: &State) -> usize {
        match self.lists.as_slice() {
            [] => state.id_order.sorted().len(),
            [only] => only.len(),
            _ => {
                let mut count = 0;
                self.for_each_match(state, |_| count += 1);
                count
            }
        }
    }
}

/// One hit before ordering: metres to its nearest location (`None` without one) and its ordinal.
type Hit = (Option<f64>, u32);

/// Every matching service (within `radius_m` when given), found from the posting lists, with its
/// nearest distance.
fn within_by_lists(
    constraints: &Constraints,
    state: &State,
    centre: Point,
    radius_m: Option<f64>,
) -> Vec<Hit> {
    let mut hits = Vec::new();
    constraints.for_each_match(state, |ord| {
        let Some(entry) = state.entry(ord) else {
            return;
        };
        let nearest = entry
            .points
            .iter()
            .map(|&p| haversine_m(centre, p))
            .min_by(f64::total_cmp);
        let inside = match radius_m {
            Some(radius) => nearest.is_some_and(|d| d <= radius),
            None => true,
        };
        if inside {
            hits.push((nearest, ord));
        }
    });
    hits
}

/// Without a point: the first `k` matching services by id (plain byte order), by rank.
fn by_id(constraints: &Constraints, state: &State, k: Option<usize>) -> BenchAnswer {
    let order = &state.id_order;
    let keep = k.unwrap_or(usize::MAX);
    let (ords, total): (Vec<u32>, usize) = if constraints.lists.is_empty() {
        let sorted = order.sorted();
        (sorted.iter().take(keep).copied().collect(), sorted.len())
    } else {
        let mut best: BinaryHeap<(u32, u32)> = BinaryHeap::new();
        let mut total = 0;
        constraints.for_each_match(state, |ord| {
            total += 1;
            let rank = order.rank(ord);
            if best.len() < keep {
                best.push((rank, ord));
            } else if let Some(mut worst) = best.peek_mut()
                && rank < worst.0
            {
                *worst = (rank, ord);
            }
        });
        (
            best.into_sorted_vec().into_iter().map(|(_, o)| o).collect(),
            total,
        )
    };
    BenchAnswer {
        hits: ords
            .into_iter()
            .filter_map(|o| state.entry(o))
            .map(|e| e.id.to_string())
            .collect(),
        dist: Vec::new(),
        total,
    }
}

/// The first `k` hits by distance then id, with `total` as the count before the cap.
fn top_by_distance(
    state: &State,
    mut hits: Vec<Hit>,
    total: usize,
    k: Option<usize>,
) -> BenchAnswer {
    let id = |ord: u32| state.entry(ord).map_or("", |e| e.id);
    let order = |a: &Hit, b: &Hit| by_distance(a.0, b.0).then_with(|| id(a.1).cmp(id(b.1)));
    let keep = k.unwrap_or(hits.len()).min(hits.len());
    if keep > 0 && keep < hits.len() {
        hits.select_nth_unstable_by(keep - 1, order);
    }
    hits.truncate(keep);
    hits.sort_unstable_by(order);
    BenchAnswer {
        dist: hits.iter().filter_map(|h| h.0).collect(),
        hits: hits.into_iter().map(|h| id(h.1).to_owned()).collect(),
        total,
    }
}

/// Checks every candidate exactly, orders the hits as §5 says and applies `k`.
fn answer(resolved: &Resolved, state: &State, ords: Vec<u32>, k: Option<usize>) -> BenchAnswer {
    let hits: Vec<Hit> = ords
        .into_iter()
        .filter_map(|ord| Some((ord, state.entry(ord)?)))
        .filter(|(_, entry)| resolved.matches(entry))
        .map(|(ord, entry)| (resolved.nearest(&entry), ord))
        .collect();
    let total = hits.len();
    top_by_distance(state, hits, total, k)
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
