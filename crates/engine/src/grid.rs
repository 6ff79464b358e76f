//! A grid of latitude/longitude cells over every location, for the §5 queries that meet many
//! services: cells wholly inside the circle are counted without measuring a distance, cells
//! wholly outside are skipped, and cells are visited nearest first so that distances are measured
//! only while a cell could still hold one of the `k` nearest.
//!
//! Distances are compared in haversine space (`h = sin²(d / 2R)`, which grows with `d`), with a
//! margin far wider than floating-point error, so a cell is called inside (or outside) only when
//! every location in it is surely within (or beyond) the exact `haversine_m` test.

use std::collections::BinaryHeap;

use hashbrown::HashMap;
use signpost_geo::{EARTH_RADIUS_M, Point};

use crate::entries::Entry;

/// Cell side in degrees (about 2.2 km of latitude; 1.4 km of longitude at 51°N).
const CELL_DEGREES: f64 = 0.02;
/// Widens each cell's bounds so rounding can never leave one of its locations outside them.
const CELL_MARGIN_DEGREES: f64 = 1e-7;
/// Slack on every comparison in haversine space (its rounding error is around 1e-16).
pub(crate) const H_MARGIN: f64 = 1e-12;

/// One location of service `ord`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Located {
    pub point: Point,
    pub ord: u32,
}

/// The locations in one cell: of services with one location, and of services with several
/// (which may be met in more than one cell).
#[derive(Debug, Default)]
pub(crate) struct Cell {
    pub single: Vec<Located>,
    pub shared: Vec<Located>,
}

/// Invariant: holds every location of every live service exactly once, in the cell its
/// coordinates fall in, under `shared` exactly when its service has more than one location.
#[derive(Debug, Default)]
pub(crate) struct Grid {
    cells: HashMap<(i32, i32), Cell>,
}

/// A cell near a query point, with bounds on how far its locations are (in haversine space).
/// Ordered so that a `BinaryHeap` hands out the nearest first.
pub(crate) struct Near<'g> {
    pub cell: &'g Cell,
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

fn key(point: Point) -> (i32, i32) {
    (
        (point.lat / CELL_DEGREES).floor() as i32,
        (point.lon / CELL_DEGREES).floor() as i32,
    )
}

/// `sin²(x / 2)`, the haversine of an angle in radians.
fn hav(angle: f64) -> f64 {
    (angle / 2.0).sin().powi(2)
}

/// The haversine-space value of a distance; anything past half the sphere is beyond every
/// location.
pub(crate) fn h_of_distance(metres: f64) -> f64 {
    let angle = metres / EARTH_RADIUS_M;
    if angle >= std::f64::consts::PI {
        f64::INFINITY
    } else {
        hav(angle)
    }
}

/// Shortest angle in degrees from `value` to the interval `[low, high]` of longitudes, going
/// either way round (0..=180).
fn longitude_gap(value: f64, low: f64, high: f64) -> f64 {
    if (low..=high).contains(&value) {
        return 0.0;
    }
    let east = (low - value).rem_euclid(360.0);
    let west = (value - high).rem_euclid(360.0);
    east.min(west).min(180.0)
}

/// Farthest angle in degrees from `value` to any longitude in `[low, high]` (0..=180).
fn longitude_reach(value: f64, low: f64, high: f64) -> f64 {
    let wrap = |d: f64| {
        let d = d.rem_euclid(360.0);
        d.min(360.0 - d)
    };
    if high - low >= 180.0 {
        return 180.0;
    }
    wrap(value - low).max(wrap(value - high)).min(180.0)
}

/// Lower and upper bounds on `hav(d / R)` from `centre` to any point of the cell: the haversine
/// formula `hav(Δφ) + cos φ1 cos φ2 hav(Δλ)` with each term bounded over the cell.
fn bounds(centre: Point, key: (i32, i32)) -> (f64, f64) {
    let south = f64::from(key.0) * CELL_DEGREES - CELL_MARGIN_DEGREES;
    let north = f64::from(key.0 + 1) * CELL_DEGREES + CELL_MARGIN_DEGREES;
    let west = f64::from(key.1) * CELL_DEGREES - CELL_MARGIN_DEGREES;
    let east = f64::from(key.1 + 1) * CELL_DEGREES + CELL_MARGIN_DEGREES;
    let lat_gap = if centre.lat < south {
        south - centre.lat
    } else if centre.lat > north {
        centre.lat - north
    } else {
        0.0
    };
    let lat_reach = (centre.lat - south).abs().max((north - centre.lat).abs());
    let cos_centre = centre.lat.to_radians().cos().max(0.0);
    let (cos_south, cos_north) = (
        south.clamp(-90.0, 90.0).to_radians().cos().max(0.0),
        north.clamp(-90.0, 90.0).to_radians().cos().max(0.0),
    );
    let cos_least = cos_south.min(cos_north);
    let cos_most = if south <= 0.0 && north >= 0.0 {
        1.0
    } else {
        cos_south.max(cos_north)
    };
    let h_min = hav(lat_gap.to_radians())
        + cos_centre * cos_least * hav(longitude_gap(centre.lon, west, east).to_radians());
    let h_max = hav(lat_reach.min(180.0).to_radians())
        + cos_centre * cos_most * hav(longitude_reach(centre.lon, west, east).to_radians());
    (h_min, h_max.min(1.0))
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
            let cell = self.cells.entry(key(point)).or_default();
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
            let at = key(point);
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
    /// popped nearest first (a heap, so a scan that stops early sorts only what it takes).
    pub(crate) fn near(&self, centre: Point, h_limit: f64) -> BinaryHeap<Near<'_>> {
        fn bounded<'g>(
            centre: Point,
            h_limit: f64,
            (&key, cell): (&(i32, i32), &'g Cell),
        ) -> Option<Near<'g>> {
            let (h_min, h_max) = bounds(centre, key);
            (h_min - H_MARGIN <= h_limit).then_some(Near { cell, h_min, h_max })
        }
        let near: Vec<Near> = match self.key_box(centre, h_limit) {
            Some((rows, columns)) => rows
                .flat_map(|row| columns.clone().map(move |column| (row, column)))
                .filter_map(|key| self.cells.get_key_value(&key))
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

    /// The rows and columns of cells that can hold a location within `h_limit` of `centre`,
    /// when they are fewer than the cells there are; `None` means look at every cell.
    fn key_box(
        &self,
        centre: Point,
        h_limit: f64,
    ) -> Option<(std::ops::RangeInclusive<i32>, std::ops::RangeInclusive<i32>)> {
        let h = h_limit + H_MARGIN;
        if h.is_nan() || h >= 1.0 {
            return None;
        }
        let half_angle = h.sqrt().asin();
        let dlat = (2.0 * half_angle).to_degrees() + CELL_MARGIN_DEGREES;
        let (south, north) = (centre.lat - dlat, centre.lat + dlat);
        if south <= -90.0 || north >= 90.0 {
            return None;
        }
        let cos_extreme = south.abs().max(north.abs()).to_radians().cos();
        let ratio = half_angle.sin() / cos_extreme;
        if ratio.is_nan() || ratio >= 1.0 {
            return None;
        }
        let dlon = (2.0 * ratio.asin()).to_degrees() + CELL_MARGIN_DEGREES;
        let (west, east) = (centre.lon - dlon, centre.lon + dlon);
        if west <= -180.0 || east >= 180.0 {
            return None;
        }
        let row = |lat: f64| (lat / CELL_DEGREES).floor() as i32;
        let rows = row(south)..=row(north);
        let columns = row(west)..=row(east);
        let count = (rows.end() - rows.start() + 1) as usize
            * (columns.end() - columns.start() + 1) as usize;
        (count < self.cells.len()).then_some((rows, columns))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use signpost_geo::haversine_m;

    proptest! {
        #[test]
        fn cell_bounds_hold_every_point_of_the_cell(
            lat in -89.0..89.0f64, lon in -180.0..180.0f64,
            cell_lat in -89.0..89.0f64, cell_lon in -180.0..180.0f64,
            near_lat in -0.3..0.3f64, near_lon in -0.3..0.3f64,
            fraction_lat in 0.0..1.0f64, fraction_lon in 0.0..1.0f64,
            close in any::<bool>(),
        ) {
            let centre = Point::new(lat, lon);
            let (cell_lat, cell_lon) = if close {
                ((lat + near_lat).clamp(-89.0, 89.0), lon + near_lon)
            } else {
                (cell_lat, cell_lon)
            };
            let corner = key(Point::new(cell_lat, cell_lon));
            let point = Point::new(
                (f64::from(corner.0) + fraction_lat) * CELL_DEGREES,
                (f64::from(corner.1) + fraction_lon) * CELL_DEGREES,
            );
            let (h_min, h_max) = bounds(centre, key(point));
            let h = h_of_distance(haversine_m(centre, point));
            prop_assert!(h_min - H_MARGIN <= h, "{h_min} > {h} for {point:?}");
            prop_assert!(h <= h_max + H_MARGIN, "{h} > {h_max} for {point:?}");
        }
    }
}
