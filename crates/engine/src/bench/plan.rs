//! Answering a §5 query: the plan (posting lists, grid or, as the baseline, tantivy), then the
//! hits in §5 order.

use std::collections::BinaryHeap;

use signpost_geo::{Point, hav_of_distance, haversine_m};

use super::query::{Constraints, Resolved};
use super::scan::scan_grid;
use super::{BenchAnswer, BenchQuery, Hit};
use crate::engine::{Engine, State};
use crate::error::EngineError;
use crate::order::by_distance;
use crate::request::Plan;

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
                    let near = state.bench.grid.near(centre, hav_of_distance(radius));
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
            let near = state.bench.grid.near(centre, hav_of_distance(ring));
            let (hits, _) = scan_grid(constraints, state, centre, None, near, keep);
            let farthest = hits.last().and_then(|h| h.0);
            if hits.len() == keep && farthest.is_some_and(|d| d <= ring) {
                return (hits, total);
            }
        }
    }
    let near = state.bench.grid.near(centre, f64::INFINITY);
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
    let order = &state.bench.id_order;
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
