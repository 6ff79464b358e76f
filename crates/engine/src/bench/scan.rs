//! The grid scan of a point query: cells nearest first, each counted whole when it lies inside
//! the circle and cannot hold one of the `k` nearest, measured otherwise.

use std::cell::RefCell;
use std::collections::BinaryHeap;

use signpost_geo::{HAV_MARGIN, Point, hav_of_distance, haversine_m};

use super::Hit;
use super::grid::Near;
use super::query::Constraints;
use crate::engine::State;

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
pub(super) fn scan_grid(
    constraints: &Constraints,
    state: &State,
    centre: Point,
    radius_m: Option<f64>,
    mut near: BinaryHeap<Near>,
    keep: usize,
) -> (Vec<Hit>, usize) {
    let h_radius = radius_m.map_or(f64::INFINITY, hav_of_distance);
    let beyond = |d: f64| radius_m.is_some_and(|r| d > r);
    let unconstrained = constraints.lists.is_empty();
    let mut best: BinaryHeap<Nearest> = BinaryHeap::new();
    let mut total = 0;
    SEEN.with_borrow_mut(|seen| {
        seen.start(state.entries.ordinals());
        while let Some(near) = near.pop() {
            let inside = near.h_max + HAV_MARGIN <= h_radius;
            let measure = keep > 0
                && best.peek().is_none_or(|worst| {
                    best.len() < keep || near.h_min - HAV_MARGIN <= hav_of_distance(worst.distance)
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
                        let rank = state.bench.id_order.rank(located.ord);
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
                    let rank = state.bench.id_order.rank(located.ord);
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
