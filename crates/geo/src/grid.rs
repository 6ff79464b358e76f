//! Regular latitude/longitude grids, the one cell geometry behind every grid Signpost keeps: the
//! gazetteer's nearest postcode, the gap analysis's catchments and the engine's exact benchmark
//! queries.
//!
//! A [`CellGrid`] says which [`Cell`] a point falls in, which block of cells can hold a point
//! within a distance of a centre ([`CellGrid::covering`]), and bounds on how far any point of a
//! cell is from a centre ([`CellGrid::hav_bounds`]). [`CellBuckets`] holds fixed points by cell.
//!
//! Distances are compared in haversine space (`h = sin²(d / 2R)`, which grows with `d`), with a
//! margin far wider than floating-point error ([`HAV_MARGIN`]), and each cell's edges are widened
//! a little, so a cell is called within (or beyond) a distance only when every point filed in it
//! surely is by the exact [`haversine_m`](crate::haversine_m) test.

use std::ops::RangeInclusive;

use crate::distance::{EARTH_RADIUS_M, Point, haversine_m};
use crate::tables::to_degrees;

/// Slack on every comparison in haversine space (its rounding error is around 1e-16).
pub const HAV_MARGIN: f64 = 1e-12;
/// Widens each cell's edges so rounding can never leave a point filed in it outside them.
const CELL_MARGIN_DEGREES: f64 = 1e-7;

/// `sin²(x / 2)`, the haversine of an angle in radians.
#[inline]
fn hav(angle: f64) -> f64 {
    (angle / 2.0).sin().powi(2)
}

/// The haversine-space value of a distance in metres; anything past half the sphere is beyond
/// every point.
pub fn hav_of_distance(metres: f64) -> f64 {
    let angle = metres / EARTH_RADIUS_M;
    if angle >= std::f64::consts::PI {
        f64::INFINITY
    } else {
        hav(angle)
    }
}

/// One cell: its row (northwards) and column (eastwards) counted from the grid's origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cell {
    pub row: i32,
    pub column: i32,
}

/// A rectangle of cells: every row in `rows` by every column in `columns`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellBlock {
    pub rows: RangeInclusive<i32>,
    pub columns: RangeInclusive<i32>,
}

impl CellBlock {
    /// How many cells the block holds.
    pub fn len(&self) -> usize {
        let span = |r: &RangeInclusive<i32>| {
            usize::try_from(i64::from(*r.end()) - i64::from(*r.start()) + 1).unwrap_or(0)
        };
        span(&self.rows).saturating_mul(span(&self.columns))
    }

    /// Whether the block holds no cell.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every cell of the block, row by row.
    pub fn cells(&self) -> impl Iterator<Item = Cell> + '_ {
        self.rows
            .clone()
            .flat_map(move |row| self.columns.clone().map(move |column| Cell { row, column }))
    }
}

/// Cells `lat_step` by `lon_step` degrees, counted from `origin` (the south-west corner of
/// cell (0, 0)). Longitudes do not wrap: a block that would cross the 180th meridian is
/// reported as "every cell" instead.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CellGrid {
    origin: Point,
    lat_step: f64,
    lon_step: f64,
}

impl CellGrid {
    /// A grid of `lat_step` by `lon_step` degree cells from `origin`; both steps must be positive.
    pub const fn new(origin: Point, lat_step: f64, lon_step: f64) -> CellGrid {
        CellGrid {
            origin,
            lat_step,
            lon_step,
        }
    }

    /// The cell side in degrees of latitude and of longitude.
    pub fn steps(&self) -> (f64, f64) {
        (self.lat_step, self.lon_step)
    }

    /// The row a latitude falls in.
    #[inline]
    pub fn row(&self, lat: f64) -> i32 {
        ((lat - self.origin.lat) / self.lat_step).floor() as i32
    }

    /// The column a longitude falls in.
    #[inline]
    pub fn column(&self, lon: f64) -> i32 {
        ((lon - self.origin.lon) / self.lon_step).floor() as i32
    }

    /// The cell a point falls in.
    #[inline]
    pub fn cell(&self, point: Point) -> Cell {
        Cell {
            row: self.row(point.lat),
            column: self.column(point.lon),
        }
    }

    /// The latitude of the southern edge of a row (the northern edge of the row below).
    #[inline]
    pub fn south_edge(&self, row: i32) -> f64 {
        self.origin.lat + f64::from(row) * self.lat_step
    }

    /// The longitude of the western edge of a column.
    #[inline]
    pub fn west_edge(&self, column: i32) -> f64 {
        self.origin.lon + f64::from(column) * self.lon_step
    }

    /// Lower and upper bounds on `hav(d / R)` from `centre` to any point filed in `cell`: the
    /// haversine formula `hav(Δφ) + cos φ1 cos φ2 hav(Δλ)` with each term bounded over the cell.
    #[inline]
    pub fn hav_bounds(&self, centre: Point, cell: Cell) -> (f64, f64) {
        let south = self.south_edge(cell.row) - CELL_MARGIN_DEGREES;
        let north = self.south_edge(cell.row + 1) + CELL_MARGIN_DEGREES;
        let west = self.west_edge(cell.column) - CELL_MARGIN_DEGREES;
        let east = self.west_edge(cell.column + 1) + CELL_MARGIN_DEGREES;
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

    /// The block of cells that holds every cell with a point within `hav(d / R) <= h_limit` of
    /// `centre`; `None` when the circle reaches a pole or the 180th meridian (or `h_limit` is
    /// not a number): then only every cell will do.
    pub fn covering(&self, centre: Point, h_limit: f64) -> Option<CellBlock> {
        let h = h_limit + HAV_MARGIN;
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
        Some(CellBlock {
            rows: self.row(south)..=self.row(north),
            columns: self.column(west)..=self.column(east),
        })
    }
}

/// Shortest angle in degrees from `value` to the interval `[low, high]` of longitudes, going
/// either way round (0..=180).
#[inline]
fn longitude_gap(value: f64, low: f64, high: f64) -> f64 {
    if (low..=high).contains(&value) {
        return 0.0;
    }
    let east = (low - value).rem_euclid(360.0);
    let west = (value - high).rem_euclid(360.0);
    east.min(west).min(180.0)
}

/// Farthest angle in degrees from `value` to any longitude in `[low, high]` (0..=180).
#[inline]
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

/// Fixed points bucketed by the cell they fall in, over the block of cells that holds them all:
/// `members[starts[i]..starts[i + 1]]` are the indices (into the points given) of cell `i`, in
/// ascending order, and each row's cells are contiguous. One counting sort to build: 4 bytes a
/// point and 4 a cell.
#[derive(Debug)]
pub struct CellBuckets {
    grid: CellGrid,
    /// The south-west cell of the block held.
    first: Cell,
    rows: usize,
    columns: usize,
    starts: Vec<u32>,
    members: Vec<u32>,
}

impl CellBuckets {
    /// Buckets `points` (at most `u32::MAX` of them) on `grid`.
    pub fn build(grid: CellGrid, points: impl IntoIterator<Item = Point>) -> CellBuckets {
        let cells: Vec<Cell> = points.into_iter().map(|p| grid.cell(p)).collect();
        let (first, last) = cells.iter().fold(
            (
                Cell {
                    row: i32::MAX,
                    column: i32::MAX,
                },
                Cell {
                    row: i32::MIN,
                    column: i32::MIN,
                },
            ),
            |(low, high), c| {
                (
                    Cell {
                        row: low.row.min(c.row),
                        column: low.column.min(c.column),
                    },
                    Cell {
                        row: high.row.max(c.row),
                        column: high.column.max(c.column),
                    },
                )
            },
        );
        let span = |low: i32, high: i32| {
            usize::try_from(i64::from(high) - i64::from(low) + 1).unwrap_or(0)
        };
        let mut buckets = CellBuckets {
            grid,
            first,
            rows: span(first.row, last.row),
            columns: span(first.column, last.column),
            starts: Vec::new(),
            members: Vec::new(),
        };
        buckets.fill(&cells);
        buckets
    }

    fn fill(&mut self, cells: &[Cell]) {
        let slots: Vec<usize> = cells.iter().filter_map(|&c| self.slot(c)).collect();
        let mut starts = vec![0u32; self.rows * self.columns + 1];
        for slot in &slots {
            starts[slot + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut members = vec![0u32; slots.len()];
        for (index, slot) in slots.into_iter().enumerate() {
            members[next[slot] as usize] = u32::try_from(index).unwrap_or(u32::MAX);
            next[slot] += 1;
        }
        self.starts = starts;
        self.members = members;
    }

    /// The position of a cell in `starts`, when the block holds it.
    fn slot(&self, cell: Cell) -> Option<usize> {
        let row = usize::try_from(i64::from(cell.row) - i64::from(self.first.row)).ok()?;
        let column = usize::try_from(i64::from(cell.column) - i64::from(self.first.column)).ok()?;
        (row < self.rows && column < self.columns).then_some(row * self.columns + column)
    }

    pub fn grid(&self) -> &CellGrid {
        &self.grid
    }

    /// The block of cells held (empty when there are no points).
    pub fn extent(&self) -> CellBlock {
        let end = |first: i32, count: usize| {
            i32::try_from(i64::from(first) + i64::try_from(count).unwrap_or(0) - 1)
                .unwrap_or(i32::MAX)
        };
        CellBlock {
            rows: self.first.row..=end(self.first.row, self.rows),
            columns: self.first.column..=end(self.first.column, self.columns),
        }
    }

    /// The indices of the points in one cell, ascending.
    pub fn members(&self, cell: Cell) -> &[u32] {
        match self.slot(cell) {
            Some(slot) => &self.members[self.starts[slot] as usize..self.starts[slot + 1] as usize],
            None => &[],
        }
    }

    /// The indices of the points in a block of cells (the part of it held), row by row.
    pub fn members_in(&self, block: CellBlock) -> impl Iterator<Item = u32> + '_ {
        let extent = self.extent();
        let rows = (*block.rows.start()).max(*extent.rows.start())
            ..=(*block.rows.end()).min(*extent.rows.end());
        let west = (*block.columns.start()).max(*extent.columns.start());
        let east = (*block.columns.end()).min(*extent.columns.end());
        rows.flat_map(move |row| {
            let span = match (
                self.slot(Cell { row, column: west }),
                self.slot(Cell { row, column: east }),
            ) {
                (Some(start), Some(end)) if west <= east => {
                    self.starts[start] as usize..self.starts[end + 1] as usize
                }
                _ => 0..0,
            };
            self.members[span].iter().copied()
        })
    }
}

/// The postcode cells: 0.005° of latitude (556 m) by 0.0075° of longitude (about 500 m) from
/// 49°N 9°W (south of Scilly, west of Ulster).
const POSTCODE_CELLS: CellGrid = CellGrid::new(Point::new(49.0, -9.0), 0.005, 0.0075);

/// The postcode points in [`CellBuckets`], for "which postcode is nearest".
///
/// Why a grid and not an `rstar` R-tree: the points are fixed, dense and bounded (the UK), and an
/// R-tree stores an enum node per point (tens of bytes each, so well over 100 MB for 2.7 million
/// postcodes) and takes a second or more to bulk-load; this grid is one counting sort (4 bytes a
/// point plus 4 for each of 3.8 million cells), builds in milliseconds and answers in a few rings
/// of cells.
#[derive(Debug)]
pub(crate) struct SpatialGrid {
    buckets: CellBuckets,
}

impl SpatialGrid {
    /// Buckets the points of scaled coordinates (`tables::COORDINATE_SCALE`).
    pub(crate) fn build(lat: &[i32], lon: &[i32]) -> SpatialGrid {
        let points = lat
            .iter()
            .zip(lon)
            .map(|(la, lo)| Point::new(to_degrees(*la), to_degrees(*lo)));
        SpatialGrid {
            buckets: CellBuckets::build(POSTCODE_CELLS, points),
        }
    }

    /// The row nearest to `point` within `max_m` metres, with its distance (the first row in
    /// the visiting order when several are equally near).
    pub(crate) fn nearest(
        &self,
        lat: &[i32],
        lon: &[i32],
        point: Point,
        max_m: f64,
    ) -> Option<(usize, f64)> {
        let extent = self.buckets.extent();
        if !point.is_valid() || extent.is_empty() {
            return None;
        }
        let centre = POSTCODE_CELLS.cell(point);
        let narrowest_cell_m = narrowest_cell_m(&extent, point);
        let last_ring = rings_to_reach(centre, &extent);
        let mut best: Option<(usize, f64)> = None;
        for ring in 0..=last_ring {
            // Every point in ring r is at least r - 1 whole cells away.
            let floor_m = (f64::from(ring) - 1.0).max(0.0) * narrowest_cell_m;
            if floor_m > max_m || best.is_some_and(|(_, d)| d <= floor_m) {
                break;
            }
            for cell in ring_cells(centre, ring) {
                for &index in self.buckets.members(cell) {
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

/// The narrowest side in metres of any cell between `point` and the cells of `extent`: the
/// longitude side where it is farthest from the equator.
fn narrowest_cell_m(extent: &CellBlock, point: Point) -> f64 {
    let (lat_step, lon_step) = POSTCODE_CELLS.steps();
    let farthest_lat = [
        POSTCODE_CELLS.south_edge(*extent.rows.start()),
        POSTCODE_CELLS.south_edge(extent.rows.end().saturating_add(1)),
        point.lat.abs() + lat_step,
    ]
    .into_iter()
    .map(f64::abs)
    .fold(0.0, f64::max)
    .min(90.0);
    let metres_per_degree = EARTH_RADIUS_M.to_radians();
    let width = lon_step * metres_per_degree * farthest_lat.to_radians().cos();
    (lat_step * metres_per_degree).min(width)
}

/// The ring around `centre` that reaches the last row or column of `extent`: no point lies
/// beyond it.
fn rings_to_reach(centre: Cell, extent: &CellBlock) -> u32 {
    let reach = |at: i32, range: &RangeInclusive<i32>| {
        (i64::from(at) - i64::from(*range.start()))
            .abs()
            .max((i64::from(*range.end()) - i64::from(at)).abs())
    };
    let rings = reach(centre.row, &extent.rows).max(reach(centre.column, &extent.columns));
    u32::try_from(rings).unwrap_or(u32::MAX)
}

/// The cells whose Chebyshev distance from `centre` is exactly `ring`, row by row.
fn ring_cells(centre: Cell, ring: u32) -> impl Iterator<Item = Cell> {
    let ring = i32::try_from(ring).unwrap_or(i32::MAX);
    let rows = centre.row.saturating_sub(ring)..=centre.row.saturating_add(ring);
    rows.flat_map(move |row| {
        let edge = row.abs_diff(centre.row) == ring.unsigned_abs();
        let step = if edge {
            1
        } else {
            2 * ring.unsigned_abs() as usize
        };
        (centre.column.saturating_sub(ring)..=centre.column.saturating_add(ring))
            .step_by(step)
            .map(move |column| Cell { row, column })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SQUARE: CellGrid = CellGrid::new(Point::new(0.0, 0.0), 0.02, 0.02);

    proptest! {
        #[test]
        fn cell_bounds_hold_every_point_of_the_cell(
            lat in -89.0..89.0f64, lon in -180.0..180.0f64,
            cell_lat in -89.0..89.0f64, cell_lon in -180.0..180.0f64,
            near_lat in -0.3..0.3f64, near_lon in -0.3..0.3f64,
            fraction_lat in 0.0..1.0f64, fraction_lon in 0.0..1.0f64,
            close in any::<bool>(),
            lon_step in 0.005..0.05f64,
        ) {
            let grid = CellGrid::new(Point::new(49.0, -9.0), 0.02, lon_step);
            let centre = Point::new(lat, lon);
            let (cell_lat, cell_lon) = if close {
                ((lat + near_lat).clamp(-89.0, 89.0), lon + near_lon)
            } else {
                (cell_lat, cell_lon)
            };
            let cell = grid.cell(Point::new(cell_lat, cell_lon));
            let point = Point::new(
                grid.south_edge(cell.row) + fraction_lat * 0.02,
                grid.west_edge(cell.column) + fraction_lon * lon_step,
            );
            let (h_min, h_max) = grid.hav_bounds(centre, grid.cell(point));
            let h = hav_of_distance(haversine_m(centre, point));
            prop_assert!(h_min - HAV_MARGIN <= h, "{h_min} > {h} for {point:?}");
            prop_assert!(h <= h_max + HAV_MARGIN, "{h} > {h_max} for {point:?}");
        }

        #[test]
        fn the_covering_block_holds_every_point_within_the_distance(
            lat in -80.0..80.0f64, lon in -170.0..170.0f64,
            bearing in 0.0..std::f64::consts::TAU, fraction in 0.0..1.0f64,
            radius_m in 1.0..200_000.0f64,
        ) {
            let centre = Point::new(lat, lon);
            let angle = radius_m * fraction / EARTH_RADIUS_M;
            let (phi, lambda) = (lat.to_radians(), lon.to_radians());
            let to_lat = (phi.sin() * angle.cos() + phi.cos() * angle.sin() * bearing.cos()).asin();
            let to_lon = lambda
                + (bearing.sin() * angle.sin() * phi.cos())
                    .atan2(angle.cos() - phi.sin() * to_lat.sin());
            let point = Point::new(to_lat.to_degrees(), to_lon.to_degrees());
            prop_assume!(haversine_m(centre, point) <= radius_m);
            let block = SQUARE.covering(centre, hav_of_distance(radius_m));
            prop_assume!(block.is_some());
            let block = block.unwrap();
            let cell = SQUARE.cell(point);
            prop_assert!(block.rows.contains(&cell.row) && block.columns.contains(&cell.column));
        }

        #[test]
        fn buckets_hand_back_each_point_in_its_cell(
            points in proptest::collection::vec((50.0..52.0f64, -3.0..1.0f64), 0..100),
        ) {
            let points: Vec<Point> = points.into_iter().map(|(lat, lon)| Point::new(lat, lon)).collect();
            let buckets = CellBuckets::build(SQUARE, points.iter().copied());
            let mut seen: Vec<u32> = buckets.members_in(buckets.extent()).collect();
            seen.sort_unstable();
            prop_assert_eq!(seen, (0..points.len() as u32).collect::<Vec<_>>());
            for (index, point) in points.iter().enumerate() {
                prop_assert!(buckets.members(SQUARE.cell(*point)).contains(&(index as u32)));
            }
        }
    }

    #[test]
    fn a_block_beyond_the_points_holds_nothing() {
        let buckets = CellBuckets::build(SQUARE, [Point::new(51.0, -1.0), Point::new(51.5, -0.5)]);
        let far = CellBlock {
            rows: 0..=10,
            columns: 0..=10,
        };
        assert_eq!(buckets.members_in(far).count(), 0);
        let empty = CellBuckets::build(SQUARE, []);
        assert!(empty.extent().is_empty());
        assert_eq!(
            empty.members(SQUARE.cell(Point::new(51.0, -1.0))),
            &[] as &[u32]
        );
    }

    #[test]
    fn a_circle_over_the_antimeridian_or_a_pole_covers_every_cell() {
        assert!(
            SQUARE
                .covering(Point::new(51.0, 179.99), hav_of_distance(5_000.0))
                .is_none()
        );
        assert!(
            SQUARE
                .covering(Point::new(89.99, 0.0), hav_of_distance(5_000.0))
                .is_none()
        );
        assert!(
            SQUARE
                .covering(Point::new(51.0, 0.0), f64::INFINITY)
                .is_none()
        );
        let block = SQUARE.covering(Point::new(51.0, 0.0), hav_of_distance(5_000.0));
        assert!(block.is_some_and(|b| b.len() < 100));
    }

    fn brute_force(lat: &[i32], lon: &[i32], point: Point, max_m: f64) -> Option<f64> {
        lat.iter()
            .zip(lon)
            .map(|(la, lo)| haversine_m(point, Point::new(to_degrees(*la), to_degrees(*lo))))
            .filter(|d| *d <= max_m)
            .min_by(f64::total_cmp)
    }

    proptest! {
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
        let empty = SpatialGrid::build(&[], &[]);
        assert!(
            empty
                .nearest(&[], &[], Point::new(52.586, -1.981), 5_000.0)
                .is_none()
        );
    }
}
