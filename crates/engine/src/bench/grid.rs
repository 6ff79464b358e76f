//! Every location in the cells of a [`CellGrid`], for the §5 queries that meet many services:
//! cells wholly inside the circle are counted without measuring a distance, cells wholly outside
//! are skipped, and cells are visited nearest first so that distances are measured only while a
//! cell could still hold one of the `k` nearest. The geometry (which cell, which cells cover a
//! circle, how far a cell can be) is `signpost_geo`'s; this keeps the locations, changing with
//! every write.

use std::collections::BinaryHeap;

use hashbrown::HashMap;
use signpost_geo::{Cell, CellGrid, HAV_MARGIN, Point};

use crate::entries::Entry;

/// 0.02° cells from (0°, 0°): about 2.2 km of latitude; 1.4 km of longitude at 51°N.
const CELLS: CellGrid = CellGrid::new(Point::new(0.0, 0.0), 0.02, 0.02);

/// One location of service `ord`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Located {
    pub point: Point,
    pub ord: u32,
}

/// The locations in one cell: of services with one location, and of services with several
/// (which may be met in more than one cell).
#[derive(Debug, Default)]
pub(crate) struct CellLocations {
    pub single: Vec<Located>,
    pub shared: Vec<Located>,
}

/// Invariant: holds every location of every live service exactly once, in the cell its
/// coordinates fall in, under `shared` exactly when its service has more than one location.
#[derive(Debug, Default)]
pub(crate) struct Grid {
    cells: HashMap<Cell, CellLocations>,
}

/// A cell near a query point, with bounds on how far its locations are (in haversine space).
/// Ordered so that a `BinaryHeap` hands out the nearest first.
pub(crate) struct Near<'g> {
    pub cell: &'g CellLocations,
    pub h_min: f64,
    pub h_max: f64,
}

impl PartialEq for Near<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Near<'_> {}

impl Ord for Near<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other.h_min.total_cmp(&self.h_min)
    }
}

impl PartialOrd for Near<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Grid {
    pub(crate) fn bulk<'a>(entries: impl Iterator<Item = (u32, Entry<'a>)>) -> Grid {
        let mut grid = Grid::default();
        for (ord, entry) in entries {
            grid.insert(ord, &entry);
        }
        for cell in grid.cells.values_mut() {
            cell.single.shrink_to_fit();
            cell.shared.shrink_to_fit();
        }
        grid
    }

    pub(crate) fn insert(&mut self, ord: u32, entry: &Entry) {
        let shared = entry.points.len() > 1;
        for &point in entry.points {
            let cell = self.cells.entry(CELLS.cell(point)).or_default();
            let list = if shared {
                &mut cell.shared
            } else {
                &mut cell.single
            };
            list.push(Located { point, ord });
        }
    }

    pub(crate) fn remove(&mut self, ord: u32, entry: &Entry) {
        for &point in entry.points {
            let at = CELLS.cell(point);
            let Some(cell) = self.cells.get_mut(&at) else {
                continue;
            };
            for list in [&mut cell.single, &mut cell.shared] {
                if let Some(i) = list.iter().position(|l| l.ord == ord && l.point == point) {
                    list.swap_remove(i);
                    break;
                }
            }
            if cell.single.is_empty() && cell.shared.is_empty() {
                self.cells.remove(&at);
            }
        }
    }

    /// Every cell that may hold a location with `hav(d / R) <= h_limit` of `centre`, to be
    /// popped nearest first (a heap, so a scan that stops early sorts only what it takes). The
    /// cells covering the circle are looked up when they are fewer than the cells there are.
    pub(crate) fn near(&self, centre: Point, h_limit: f64) -> BinaryHeap<Near<'_>> {
        fn bounded<'g>(
            centre: Point,
            h_limit: f64,
            (&cell, located): (&Cell, &'g CellLocations),
        ) -> Option<Near<'g>> {
            let (h_min, h_max) = CELLS.hav_bounds(centre, cell);
            (h_min - HAV_MARGIN <= h_limit).then_some(Near {
                cell: located,
                h_min,
                h_max,
            })
        }
        let covering = CELLS
            .covering(centre, h_limit)
            .filter(|block| block.len() < self.cells.len());
        let near: Vec<Near> = match covering {
            Some(block) => block
                .cells()
                .filter_map(|cell| self.cells.get_key_value(&cell))
                .filter_map(|found| bounded(centre, h_limit, found))
                .collect(),
            None => self
                .cells
                .iter()
                .filter_map(|found| bounded(centre, h_limit, found))
                .collect(),
        };
        BinaryHeap::from(near)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::collection::vec;
    use proptest::prelude::*;
    use signpost_geo::{hav_of_distance, haversine_m};

    fn entry(points: &[Point]) -> Entry<'_> {
        Entry {
            id: "service",
            points,
            areas: &[],
            languages: &[],
            categories: &[],
            faiths: &[],
            gender: None,
            minimum_age: None,
            maximum_age: None,
            free: false,
            confidential: false,
            openings: &[],
            words: &[],
        }
    }

    proptest! {
        #[test]
        fn near_offers_every_location_in_reach_and_none_removed(
            services in vec(vec((50.0..53.0f64, -3.0..1.0f64), 1..4), 1..60),
            removed in vec(any::<bool>(), 60),
            lat in 49.5..53.5f64, lon in -3.5..1.5f64, radius_m in 100.0..60_000.0f64,
        ) {
            let services: Vec<Vec<Point>> = services
                .into_iter()
                .map(|points| points.into_iter().map(|(lat, lon)| Point::new(lat, lon)).collect())
                .collect();
            let ords = (0u32..).zip(&services);
            let mut grid = Grid::bulk(ords.clone().map(|(ord, points)| (ord, entry(points))));
            for (ord, points) in ords.clone().filter(|(ord, _)| removed[*ord as usize]) {
                grid.remove(ord, &entry(points));
            }
            let centre = Point::new(lat, lon);
            let offered: Vec<u32> = grid
                .near(centre, hav_of_distance(radius_m))
                .into_iter()
                .flat_map(|near| near.cell.single.iter().chain(&near.cell.shared).map(|l| l.ord))
                .collect();
            for (ord, points) in ords {
                let in_reach = points.iter().any(|&p| haversine_m(centre, p) <= radius_m);
                let gone = removed[ord as usize];
                prop_assert!(!gone || !offered.contains(&ord), "removed {ord} offered");
                prop_assert!(gone || !in_reach || offered.contains(&ord), "{ord} missed");
            }
        }
    }
}
