//! A fixed latitude/longitude grid over the postcode points, for "which postcode is nearest".
//!
//! Why a grid and not an `rstar` R-tree: the points are fixed, dense and bounded (the UK), and an
//! R-tree stores an enum node per point (tens of bytes each, so well over 100 MB for 2.7 million
//! postcodes) and takes a second or more to bulk-load; this grid is one counting sort (4 bytes a
//! point plus 4 for each of 3.8 million cells), builds in milliseconds and answers in a few rings of cells.

use crate::distance::{EARTH_RADIUS_M, Point, haversine_m};
use crate::tables::{COORDINATE_SCALE, to_degrees};

/// South-west corner of the grid, scaled degrees (49°N, 9°W: south of Scilly, west of Ulster).
const ORIGIN_LAT: i64 = 4_900_000;
const ORIGIN_LON: i64 = -900_000;
/// Cell size in scaled degrees: 0.005° of latitude (556 m), 0.0075° of longitude (about 500 m).
const CELL_LAT: i64 = 500;
const CELL_LON: i64 = 750;
/// 49°N to 61.5°N, 9°W to 2.5°E.
const ROWS: usize = 2_500;
const COLUMNS: usize = 1_534;
/// The cosine of the grid's northern edge: where a cell is narrowest.
const COS_NORTH_EDGE: f64 = 0.477_158_760_259_608_4;

/// Points bucketed by cell: `order[starts[c]..starts[c + 1]]` are the rows in cell `c`.
#[derive(Debug)]
pub(crate) struct SpatialGrid {
    starts: Vec<u32>,
    order: Vec<u32>,
}

impl SpatialGrid {
    pub(crate) fn build(lat: &[i32], lon: &[i32]) -> SpatialGrid {
        let cells: Vec<usize> = lat
            .iter()
            .zip(lon)
            .map(|(la, lo)| cell_index(i64::from(*la), i64::from(*lo)))
            .collect();
        let mut starts = vec![0u32; ROWS * COLUMNS + 1];
        for cell in &cells {
            starts[cell + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut order = vec![0u32; cells.len()];
        for (row, cell) in cells.into_iter().enumerate() {
            order[next[cell] as usize] = row as u32;
            next[cell] += 1;
        }
        SpatialGrid { starts, order }
    }

    /// The row nearest to `point` within `max_m` metres, with its distance.
    pub(crate) fn nearest(
        &self,
        lat: &[i32],
        lon: &[i32],
        point: Point,
        max_m: f64,
    ) -> Option<(usize, f64)> {
        if !point.is_valid() {
            return None;
        }
        let (row, column) = cell_of(
            (point.lat * COORDINATE_SCALE).round() as i64,
            (point.lon * COORDINATE_SCALE).round() as i64,
        );
        let narrowest_cell_m = narrowest_cell_m();
        let mut best: Option<(usize, f64)> = None;
        for ring in 0.. {
            // Every point in ring r is at least r - 1 whole cells away.
            let floor_m = (ring as f64 - 1.0).max(0.0) * narrowest_cell_m;
            if floor_m > max_m || best.is_some_and(|(_, d)| d <= floor_m) {
                break;
            }
            for cell in ring_cells(row, column, ring) {
                for &index in
                    &self.order[self.starts[cell] as usize..self.starts[cell + 1] as usize]
                {
                    let index = index as usize;
                    let candidate = Point::new(to_degrees(lat[index]), to_degrees(lon[index]));
                    let distance = haversine_m(point, candidate);
                    if distance <= max_m && best.is_none_or(|(_, d)| distance < d) {
                        best = Some((index, distance));
                    }
                }
            }
        }
        best
    }
}

fn narrowest_cell_m() -> f64 {
    let metres_per_degree = EARTH_RADIUS_M.to_radians();
    let height = CELL_LAT as f64 / COORDINATE_SCALE * metres_per_degree;
    let width = CELL_LON as f64 / COORDINATE_SCALE * metres_per_degree * COS_NORTH_EDGE;
    height.min(width)
}

/// Row and column of a scaled point, clamped onto the grid.
fn cell_of(lat: i64, lon: i64) -> (usize, usize) {
    let row = (lat - ORIGIN_LAT)
        .div_euclid(CELL_LAT)
        .clamp(0, ROWS as i64 - 1);
    let column = (lon - ORIGIN_LON)
        .div_euclid(CELL_LON)
        .clamp(0, COLUMNS as i64 - 1);
    (row as usize, column as usize)
}

fn cell_index(lat: i64, lon: i64) -> usize {
    let (row, column) = cell_of(lat, lon);
    row * COLUMNS + column
}

/// Indices of the cells whose Chebyshev distance from (row, column) is exactly `ring`.
fn ring_cells(row: usize, column: usize, ring: usize) -> impl Iterator<Item = usize> {
    let (row, column, ring) = (row as i64, column as i64, ring as i64);
    (row - ring..=row + ring)
        .flat_map(move |r| (column - ring..=column + ring).map(move |c| (r, c)))
        .filter(move |(r, c)| (r - row).abs().max((c - column).abs()) == ring)
        .filter(|(r, c)| (0..ROWS as i64).contains(r) && (0..COLUMNS as i64).contains(c))
        .map(|(r, c)| r as usize * COLUMNS + c as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn brute_force(lat: &[i32], lon: &[i32], point: Point, max_m: f64) -> Option<f64> {
        lat.iter()
            .zip(lon)
            .map(|(la, lo)| haversine_m(point, Point::new(to_degrees(*la), to_degrees(*lo))))
            .filter(|d| *d <= max_m)
            .min_by(f64::total_cmp)
    }

    #[test]
    fn cos_constant_is_the_cosine_of_the_northern_edge() {
        let north = (ORIGIN_LAT + CELL_LAT * ROWS as i64) as f64 / COORDINATE_SCALE;
        assert!((north.to_radians().cos() - COS_NORTH_EDGE).abs() < 1e-12);
    }

    proptest! {
        // Each case builds the full-size grid: keep the count modest for unoptimised runs.
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn nearest_agrees_with_a_full_scan(
            points in proptest::collection::vec((5_000_000..5_300_000i32, -400_000..100_000i32), 1..200),
            query_lat in 49.5..53.5f64,
            query_lon in -4.5..1.5f64,
            max_m in 100.0..20_000.0f64,
        ) {
            let (lat, lon): (Vec<i32>, Vec<i32>) = points.into_iter().unzip();
            let grid = SpatialGrid::build(&lat, &lon);
            let query = Point::new(query_lat, query_lon);
            let found = grid.nearest(&lat, &lon, query, max_m).map(|(_, d)| d);
            prop_assert_eq!(found, brute_force(&lat, &lon, query, max_m));
        }
    }

    #[test]
    fn points_off_the_grid_and_nonsense_are_handled() {
        let (lat, lon) = (vec![5_258_601], vec![-198_128]);
        let grid = SpatialGrid::build(&lat, &lon);
        assert!(
            grid.nearest(&lat, &lon, Point::new(f64::NAN, 0.0), 5_000.0)
                .is_none()
        );
        assert!(
            grid.nearest(&lat, &lon, Point::new(0.0, 0.0), 5_000.0)
                .is_none()
        );
        let found = grid.nearest(&lat, &lon, Point::new(52.586, -1.981), 5_000.0);
        assert_eq!(found.map(|(i, _)| i), Some(0));
    }
}
