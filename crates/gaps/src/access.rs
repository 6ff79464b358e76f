//! Floating-catchment access scores (docs/gaps.md): 2SFCA, E2SFCA, G2SFCA, 3SFCA and SPAR.
//!
//! Every score is built from the same pairs: each demand point with every supply point whose
//! haversine distance is at most the catchment `d0`. The pair search looks only in the cells of a
//! `signpost_geo` grid that cover the catchment around each demand point (a cover, never a
//! guess: the exact distance decides); the nearest supply point comes from an R-tree of points on
//! the unit sphere, where chord length grows with great-circle distance, so it is exact too.

use std::fmt;
use std::str::FromStr;

use rayon::prelude::*;
use rstar::RTree;
use rstar::primitives::GeomWithData;
use signpost_geo::{CellBuckets, CellGrid, EARTH_RADIUS_M, Point, hav_of_distance};

/// E2SFCA weights of the three equal distance zones of the catchment, nearest first.
pub const E2SFCA_ZONE_WEIGHTS: [f64; 3] = [1.0, 0.68, 0.22];

/// Where people live and how many of them there are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DemandPoint {
    pub point: Point,
    pub population: f64,
}

/// Where a service is and how much it can offer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SupplyPoint {
    pub point: Point,
    pub capacity: f64,
}

/// The access measure to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// Classic two-step floating catchment: every pair inside the catchment weighs 1.
    TwoStep,
    /// Enhanced 2SFCA: three equal zones weighted 1.0 / 0.68 / 0.22.
    Enhanced,
    /// Gaussian 2SFCA, falling to 0 at the catchment edge.
    Gaussian,
    /// Three-step (Wan, Zou and Sternberg 2012): E2SFCA weights with selection weights.
    ThreeStep,
    /// Spatial access ratio: E2SFCA divided by its population-weighted mean.
    Spar,
}

impl Method {
    pub const ALL: [Method; 5] = [
        Method::TwoStep,
        Method::Enhanced,
        Method::Gaussian,
        Method::ThreeStep,
        Method::Spar,
    ];

    /// The name used on the command line and in files.
    pub fn code(self) -> &'static str {
        match self {
            Method::TwoStep => "2sfca",
            Method::Enhanced => "e2sfca",
            Method::Gaussian => "g2sfca",
            Method::ThreeStep => "3sfca",
            Method::Spar => "spar",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A method name that is not one of `2sfca|e2sfca|g2sfca|3sfca|spar`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown access method {0:?}: expected one of 2sfca, e2sfca, g2sfca, 3sfca, spar")]
pub struct UnknownMethod(pub String);

impl FromStr for Method {
    type Err = UnknownMethod;

    fn from_str(text: &str) -> Result<Method, UnknownMethod> {
        let wanted = text.trim().to_ascii_lowercase();
        Method::ALL
            .into_iter()
            .find(|m| m.code() == wanted)
            .ok_or_else(|| UnknownMethod(text.to_owned()))
    }
}

/// One supply point in reach of a demand point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reach {
    /// Index into the supply slice.
    pub supply: u32,
    /// The method's distance-decay weight W_ij of the pair.
    pub weight: f64,
}

/// The supply point nearest a place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Nearest {
    /// Index into the supply slice.
    pub supply: u32,
    /// Haversine distance in metres.
    pub distance_m: f64,
}

/// A point with what the haversine formula needs of it precomputed.
#[derive(Debug, Clone, Copy)]
struct Located {
    point: Point,
    cos_lat: f64,
    unit: [f64; 3],
}

impl Located {
    fn new(point: Point) -> Located {
        Located {
            point,
            cos_lat: point.lat.to_radians().cos(),
            unit: unit_vector(point),
        }
    }

    /// Exactly `signpost_geo::haversine_m`, operation for operation, with the cosines reused.
    fn haversine_m(&self, other: &Located) -> f64 {
        let dphi = (other.point.lat - self.point.lat).to_radians();
        let dlambda = (other.point.lon - self.point.lon).to_radians();
        let h = (dphi / 2.0).sin().powi(2)
            + self.cos_lat * other.cos_lat * (dlambda / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
    }

    fn chord_squared(&self, other: &Located) -> f64 {
        let [a, b, c] = self.unit;
        let [x, y, z] = other.unit;
        (a - x) * (a - x) + (b - y) * (b - y) + (c - z) * (c - z)
    }
}

type SpherePoint = GeomWithData<[f64; 3], u32>;

/// Searches supply points by great-circle distance: an R-tree on the unit sphere for the nearest
/// point (the catchments' search buckets the same points on a `signpost_geo` cell grid).
pub struct SupplyIndex {
    located: Vec<Located>,
    tree: RTree<SpherePoint>,
}

impl SupplyIndex {
    pub fn new(points: &[Point]) -> SupplyIndex {
        let located: Vec<Located> = points.iter().map(|p| Located::new(*p)).collect();
        let on_sphere = located
            .iter()
            .enumerate()
            .map(|(index, l)| GeomWithData::new(l.unit, index_u32(index)))
            .collect();
        SupplyIndex {
            located,
            tree: RTree::bulk_load(on_sphere),
        }
    }

    /// The nearest supply point to `from` by great-circle distance.
    pub fn nearest(&self, from: Point) -> Option<Nearest> {
        let from = Located::new(from);
        self.tree.nearest_neighbor(from.unit).map(|n| Nearest {
            supply: n.data,
            distance_m: from.haversine_m(&self.located[n.data as usize]),
        })
    }
}

fn index_u32(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

/// The point on the unit sphere.
fn unit_vector(p: Point) -> [f64; 3] {
    let (lat, lon) = (p.lat.to_radians(), p.lon.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

/// At most this many cells per supply point (a tiny catchment gets larger cells, never more).
const CELLS_PER_POINT: f64 = 4.0;

/// The supply points bucketed on a grid whose cells are at least one catchment across (so the
/// few cells covering a catchment around a demand point hold every supply point in reach), made
/// coarser when that would mean more than [`CELLS_PER_POINT`] cells a point.
fn catchment_buckets(supply: &[Located], extent: &[Point], catchment_m: f64) -> CellBuckets {
    let max_abs_lat = extent
        .iter()
        .chain(supply.iter().map(|l| &l.point))
        .map(|p| p.lat.abs())
        .fold(0.0, f64::max);
    let angle = catchment_m / EARTH_RADIUS_M;
    let cell_lat = angle.to_degrees() * (1.0 + 1e-9) + 1e-9;
    let spread = (angle / 2.0).sin() / (max_abs_lat + cell_lat).min(89.9).to_radians().cos();
    let cell_lon = if spread >= 1.0 {
        360.0
    } else {
        (2.0 * spread.asin()).to_degrees() * (1.0 + 1e-9) + 1e-9
    };
    let (lat0, lat1) = bounds(supply.iter().map(|l| l.point.lat));
    let (lon0, lon1) = bounds(supply.iter().map(|l| l.point.lon));
    let cells =
        (((lat1 - lat0) / cell_lat).floor() + 1.0) * (((lon1 - lon0) / cell_lon).floor() + 1.0);
    let coarsen = (cells / (CELLS_PER_POINT * supply.len().max(1) as f64))
        .sqrt()
        .max(1.0);
    let grid = CellGrid::new(
        Point::new(lat0, lon0),
        cell_lat * coarsen,
        cell_lon * coarsen,
    );
    CellBuckets::build(grid, supply.iter().map(|l| l.point))
}

/// The supply indices in the cells covering the catchment around `p` (every cell when the
/// catchment reaches a pole or the 180th meridian).
fn in_reach(buckets: &CellBuckets, p: Point, h_catchment: f64) -> impl Iterator<Item = u32> + '_ {
    let block = buckets
        .grid()
        .covering(p, h_catchment)
        .unwrap_or_else(|| buckets.extent());
    buckets.members_in(block)
}

fn bounds(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (low, high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if low <= high { (low, high) } else { (0.0, 0.0) }
}

/// The pairs of [`CHUNK`] consecutive demand points, as flat rows: the pairs of the chunk's
/// demand point `k` are `offsets[k]..offsets[k + 1]`, in supply index order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PairChunk {
    pub offsets: Vec<usize>,
    pub supply: Vec<u32>,
    /// W_ij of each pair.
    pub weight: Vec<f64>,
}

impl PairChunk {
    fn rows(&self) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
        self.offsets.windows(2).map(|w| w[0]..w[1])
    }
}

/// Every demand point's supply points within the catchment (inclusive), in chunks of
/// [`CHUNK`] demand points (so the search and the scores run in parallel without copying).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pairs {
    pub chunks: Vec<PairChunk>,
}

impl Pairs {
    /// The supply points in reach of demand point `i`.
    pub fn of(&self, i: usize) -> impl Iterator<Item = Reach> + '_ {
        let chunk = &self.chunks[i / CHUNK];
        let span = chunk.offsets[i % CHUNK]..chunk.offsets[i % CHUNK + 1];
        chunk.supply[span.clone()]
            .iter()
            .zip(&chunk.weight[span])
            .map(|(supply, weight)| Reach {
                supply: *supply,
                weight: *weight,
            })
    }

    /// How many pairs there are.
    pub fn len(&self) -> usize {
        self.chunks.iter().map(|c| c.supply.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Demand points handled together by one task of the pair search and the scores.
pub const CHUNK: usize = 512;

/// Relative width of the band around a distance limit inside which a pair's weight is decided
/// by the exact haversine distance rather than by its chord (whose error is far smaller).
const LIMIT_BAND: f64 = 1e-6;

/// Decides each pair's weight. Outside a narrow band around each limit (the catchment, the
/// E2SFCA zone edges) the squared chord decides, with no trigonometry; inside the band, and for
/// the Gaussian weight, the exact haversine distance does. The result is the same as computing
/// every haversine distance and comparing it with the limits.
struct Weigher {
    method: Method,
    catchment_m: f64,
    /// Squared half-chords sin^2(d/2R) of the distance limits, increasing; the last is the catchment.
    limits: Vec<f64>,
}

impl Weigher {
    fn new(method: Method, catchment_m: f64) -> Weigher {
        let half_chord_squared = |metres: f64| {
            let angle = (metres / EARTH_RADIUS_M).min(std::f64::consts::PI);
            (angle / 2.0).sin().powi(2)
        };
        let limits = match method {
            Method::TwoStep | Method::Gaussian => vec![half_chord_squared(catchment_m)],
            Method::Enhanced | Method::ThreeStep | Method::Spar => vec![
                half_chord_squared(catchment_m / 3.0),
                half_chord_squared(2.0 * catchment_m / 3.0),
                half_chord_squared(catchment_m),
            ],
        };
        Weigher {
            method,
            catchment_m,
            limits,
        }
    }

    /// W_ij, or `None` when the pair is beyond the catchment.
    fn weigh(&self, from: &Located, to: &Located) -> Option<f64> {
        let h = from.chord_squared(to) / 4.0;
        let outer = self.limits[self.limits.len() - 1];
        if h > outer * (1.0 + LIMIT_BAND) + f64::MIN_POSITIVE {
            return None;
        }
        let near_a_limit = self
            .limits
            .iter()
            .any(|limit| (h - limit).abs() <= limit * LIMIT_BAND + f64::MIN_POSITIVE);
        if near_a_limit || self.method == Method::Gaussian {
            let d = from.haversine_m(to);
            return (d <= self.catchment_m).then(|| weight(self.method, d, self.catchment_m));
        }
        let zone = self.limits.iter().position(|limit| h < *limit)?;
        Some(match self.method {
            Method::TwoStep => 1.0,
            _ => E2SFCA_ZONE_WEIGHTS[zone],
        })
    }
}

/// Every pair of a demand point and a supply point at most `catchment_m` apart, with the
/// method's weight.
pub fn pairs(demand: &[Point], supply: &SupplyIndex, method: Method, catchment_m: f64) -> Pairs {
    let buckets = catchment_buckets(&supply.located, demand, catchment_m);
    let h_catchment = hav_of_distance(catchment_m);
    let weigher = Weigher::new(method, catchment_m);
    let chunks = demand
        .par_chunks(CHUNK)
        .map(|chunk| {
            let mut found = PairChunk {
                offsets: Vec::with_capacity(chunk.len() + 1),
                ..PairChunk::default()
            };
            found.offsets.push(0);
            let mut row: Vec<(u32, f64)> = Vec::new();
            for p in chunk {
                let from = Located::new(*p);
                row.clear();
                row.extend(in_reach(&buckets, *p, h_catchment).filter_map(|j| {
                    weigher
                        .weigh(&from, &supply.located[j as usize])
                        .map(|w| (j, w))
                }));
                row.sort_unstable_by_key(|(j, _)| *j);
                found.supply.extend(row.iter().map(|(j, _)| *j));
                found.weight.extend(row.iter().map(|(_, w)| *w));
                found.offsets.push(found.supply.len());
            }
            found
        })
        .collect();
    Pairs { chunks }
}

/// The access score of every demand point, in input order (docs/gaps.md).
///
/// Distances are haversine (as `signpost_geo::haversine_m`); the pair search does not wrap
/// around the 180th meridian, which no UK input comes near.
pub fn access(
    demand: &[DemandPoint],
    supply: &[SupplyPoint],
    method: Method,
    catchment_m: f64,
) -> Vec<f64> {
    let supply_points: Vec<Point> = supply.iter().map(|s| s.point).collect();
    let demand_points: Vec<Point> = demand.iter().map(|d| d.point).collect();
    let index = SupplyIndex::new(&supply_points);
    let reach = pairs(&demand_points, &index, method, catchment_m);
    access_from_pairs(demand, supply, &reach, method)
}

/// The access scores from pairs already found (so a report can reuse one pair search).
pub fn access_from_pairs(
    demand: &[DemandPoint],
    supply: &[SupplyPoint],
    reach: &Pairs,
    method: Method,
) -> Vec<f64> {
    let factors: Vec<Vec<f64>> = reach
        .chunks
        .par_iter()
        .map(|chunk| chunk_factors(chunk, method))
        .collect();
    let ratios = supply_ratios(demand, supply, reach, &factors);
    let per_chunk: Vec<Vec<f64>> = reach
        .chunks
        .par_iter()
        .zip(&factors)
        .map(|(chunk, factors)| {
            chunk
                .rows()
                .map(|span| {
                    chunk.supply[span.clone()]
                        .iter()
                        .zip(&factors[span])
                        .fold(0.0, |total, (j, f)| total + f * ratios[*j as usize])
                })
                .collect()
        })
        .collect();
    let scores: Vec<f64> = per_chunk.into_iter().flatten().collect();
    if method == Method::Spar {
        spatial_access_ratio(demand, scores)
    } else {
        scores
    }
}

/// Each pair's full multiplier F_ij: W_ij, or for 3SFCA G_ij W_ij with Wan, Zou and
/// Sternberg's selection weight G_ij = W_ij / sum_k W_ik (0 when those weights sum to 0).
fn chunk_factors(chunk: &PairChunk, method: Method) -> Vec<f64> {
    let mut factors = chunk.weight.clone();
    if method == Method::ThreeStep {
        for span in chunk.rows() {
            let row = &mut factors[span];
            let total: f64 = row.iter().sum();
            for w in row.iter_mut() {
                let selection = if total > 0.0 { *w / total } else { 0.0 };
                *w *= selection;
            }
        }
    }
    factors
}

/// R_j = S_j / sum_i P_i F_ij, or 0 where that denominator is 0.
fn supply_ratios(
    demand: &[DemandPoint],
    supply: &[SupplyPoint],
    reach: &Pairs,
    factors: &[Vec<f64>],
) -> Vec<f64> {
    let mut denominators = vec![0.0f64; supply.len()];
    for ((chunk, factors), people) in reach.chunks.iter().zip(factors).zip(demand.chunks(CHUNK)) {
        for (span, d) in chunk.rows().zip(people) {
            for (j, f) in chunk.supply[span.clone()].iter().zip(&factors[span]) {
                denominators[*j as usize] += d.population * f;
            }
        }
    }
    supply
        .iter()
        .zip(&denominators)
        .map(|(s, den)| if *den > 0.0 { s.capacity / den } else { 0.0 })
        .collect()
}

/// The distance-decay weight of a pair at `distance_m` inside catchment `d0`.
pub fn weight(method: Method, distance_m: f64, d0: f64) -> f64 {
    match method {
        Method::TwoStep => 1.0,
        Method::Enhanced | Method::ThreeStep | Method::Spar => e2sfca_weight(distance_m, d0),
        Method::Gaussian => gaussian_weight(distance_m, d0),
    }
}

/// Zone k is ((k-1)d0/3, k d0/3]; distance 0 is in zone 1.
fn e2sfca_weight(distance_m: f64, d0: f64) -> f64 {
    if distance_m <= d0 / 3.0 {
        E2SFCA_ZONE_WEIGHTS[0]
    } else if distance_m <= 2.0 * d0 / 3.0 {
        E2SFCA_ZONE_WEIGHTS[1]
    } else {
        E2SFCA_ZONE_WEIGHTS[2]
    }
}

fn gaussian_weight(distance_m: f64, d0: f64) -> f64 {
    let edge = (-0.5f64).exp();
    let ratio = distance_m / d0;
    ((-(ratio * ratio) / 2.0).exp() - edge) / (1.0 - edge)
}

/// Scores divided by their population-weighted mean; all 0 when that mean is 0.
fn spatial_access_ratio(demand: &[DemandPoint], scores: Vec<f64>) -> Vec<f64> {
    let population: f64 = demand.iter().map(|d| d.population).sum();
    let weighted: f64 = demand
        .iter()
        .zip(&scores)
        .map(|(d, a)| d.population * a)
        .sum();
    let mean = if population > 0.0 {
        weighted / population
    } else {
        0.0
    };
    if mean > 0.0 {
        scores.into_iter().map(|a| a / mean).collect()
    } else {
        vec![0.0; scores.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use signpost_geo::haversine_m;

    const KM: f64 = 1_000.0;

    /// A point `km` kilometres due north of (52, -1.5).
    fn north(km: f64) -> Point {
        Point::new(52.0 + (km * KM / EARTH_RADIUS_M).to_degrees(), -1.5)
    }

    fn demand_at(km: f64, population: f64) -> DemandPoint {
        DemandPoint {
            point: north(km),
            population,
        }
    }

    fn supply_at(km: f64, capacity: f64) -> SupplyPoint {
        SupplyPoint {
            point: north(km),
            capacity,
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-300)
    }

    #[test]
    fn method_names_round_trip_and_unknown_is_an_error() {
        for m in Method::ALL {
            assert_eq!(m.code().parse::<Method>(), Ok(m));
        }
        assert_eq!("E2SFCA".parse::<Method>(), Ok(Method::Enhanced));
        assert!("4sfca".parse::<Method>().is_err());
    }

    #[test]
    fn e2sfca_zones_are_closed_above() {
        let d0 = 9.0;
        assert_eq!(e2sfca_weight(0.0, d0), 1.0);
        assert_eq!(e2sfca_weight(3.0, d0), 1.0);
        assert_eq!(e2sfca_weight(3.0001, d0), 0.68);
        assert_eq!(e2sfca_weight(6.0, d0), 0.68);
        assert_eq!(e2sfca_weight(6.5, d0), 0.22);
        assert_eq!(e2sfca_weight(9.0, d0), 0.22);
    }

    #[test]
    fn gaussian_is_one_at_the_centre_and_zero_at_the_edge() {
        assert!(close(gaussian_weight(0.0, 10.0), 1.0));
        assert!(gaussian_weight(10.0, 10.0).abs() < 1e-15);
        let half = ((-0.125f64).exp() - (-0.5f64).exp()) / (1.0 - (-0.5f64).exp());
        assert!(close(gaussian_weight(5.0, 10.0), half));
    }

    /// Two towns 0 and 8 km north, one clinic at 2 km with capacity 10, catchment 10 km:
    /// distances 2 km (zone 1) and 6 km (zone 2), populations 100 and 50.
    fn two_towns() -> (Vec<DemandPoint>, Vec<SupplyPoint>) {
        (
            vec![demand_at(0.0, 100.0), demand_at(8.0, 50.0)],
            vec![supply_at(2.0, 10.0)],
        )
    }

    #[test]
    fn hand_computed_two_step() {
        let (demand, supply) = two_towns();
        let a = access(&demand, &supply, Method::TwoStep, 10.0 * KM);
        assert!(
            close(a[0], 10.0 / 150.0) && close(a[1], 10.0 / 150.0),
            "{a:?}"
        );
    }

    #[test]
    fn hand_computed_enhanced_and_spar() {
        let (demand, supply) = two_towns();
        let r = 10.0 / (100.0 * 1.0 + 50.0 * 0.68);
        let a = access(&demand, &supply, Method::Enhanced, 10.0 * KM);
        assert!(close(a[0], r) && close(a[1], 0.68 * r), "{a:?}");
        let mean = (100.0 * r + 50.0 * 0.68 * r) / 150.0;
        let s = access(&demand, &supply, Method::Spar, 10.0 * KM);
        assert!(
            close(s[0], r / mean) && close(s[1], 0.68 * r / mean),
            "{s:?}"
        );
    }

    #[test]
    fn hand_computed_gaussian() {
        let (demand, supply) = two_towns();
        let (w1, w2) = (gaussian_weight(2.0, 10.0), gaussian_weight(6.0, 10.0));
        let r = 10.0 / (100.0 * w1 + 50.0 * w2);
        let a = access(&demand, &supply, Method::Gaussian, 10.0 * KM);
        assert!(close(a[0], w1 * r) && close(a[1], w2 * r), "{a:?}");
    }

    #[test]
    fn hand_computed_three_step() {
        // One town at 0 km with clinics at 1 km (zone 1) and 5 km (zone 2), catchment 9 km.
        let demand = vec![demand_at(0.0, 100.0)];
        let supply = vec![supply_at(1.0, 6.0), supply_at(5.0, 4.0)];
        let (g1, g2) = (1.0 / 1.68, 0.68 / 1.68);
        let r1 = 6.0 / (g1 * 100.0 * 1.0);
        let r2 = 4.0 / (g2 * 100.0 * 0.68);
        let a = access(&demand, &supply, Method::ThreeStep, 9.0 * KM);
        assert!(close(a[0], g1 * r1 * 1.0 + g2 * r2 * 0.68), "{a:?}");
        assert!(close(a[0], 0.1));
    }

    #[test]
    fn nothing_in_reach_scores_zero_and_empty_denominators_give_zero() {
        let demand = vec![demand_at(0.0, 100.0), demand_at(50.0, 0.0)];
        let supply = vec![supply_at(0.5, 3.0), supply_at(51.0, 7.0)];
        for m in Method::ALL {
            let a = access(&demand, &supply, m, 5.0 * KM);
            assert_eq!(
                a[1], 0.0,
                "{m}: zero-population area whose only clinic has no demand"
            );
            assert!(a[0] > 0.0, "{m}");
        }
        let far = access(
            &demand[..1],
            &[supply_at(30.0, 1.0)],
            Method::Enhanced,
            5.0 * KM,
        );
        assert_eq!(far, vec![0.0]);
    }

    #[test]
    fn spar_is_all_zero_when_the_mean_is_zero() {
        let a = access(
            &[demand_at(0.0, 10.0)],
            &[supply_at(40.0, 1.0)],
            Method::Spar,
            5.0 * KM,
        );
        assert_eq!(a, vec![0.0]);
    }

    #[test]
    fn catchment_edge_is_inclusive() {
        let index = SupplyIndex::new(&[north(10.0)]);
        let exact = haversine_m(north(0.0), north(10.0));
        assert_eq!(
            pairs(&[north(0.0)], &index, Method::TwoStep, exact).len(),
            1
        );
        assert!(
            pairs(
                &[north(0.0)],
                &index,
                Method::TwoStep,
                exact * (1.0 - 1e-12)
            )
            .is_empty()
        );
    }

    /// Brute force: every supply point within the catchment by exact haversine, with its weight.
    fn exact_pairs(from: Point, supply: &[Point], method: Method, d0: f64) -> Vec<(u32, f64)> {
        supply
            .iter()
            .enumerate()
            .filter_map(|(j, p)| {
                let d = haversine_m(from, *p);
                (d <= d0).then(|| (j as u32, weight(method, d, d0)))
            })
            .collect()
    }

    #[test]
    fn weights_on_and_beside_the_zone_edges_follow_the_exact_distance() {
        let edge = haversine_m(north(0.0), north(3.0));
        let d0 = 3.0 * edge;
        let places: Vec<Point> = [
            0.0, 2.999_999, 3.0, 3.000_001, 6.0, 6.000_001, 9.0, 9.000_001,
        ]
        .iter()
        .map(|km| north(*km))
        .collect();
        let index = SupplyIndex::new(&places);
        for method in Method::ALL {
            let found: Vec<(u32, f64)> = pairs(&[north(0.0)], &index, method, d0)
                .of(0)
                .map(|r| (r.supply, r.weight))
                .collect();
            assert_eq!(
                found,
                exact_pairs(north(0.0), &places, method, d0),
                "{method}"
            );
        }
    }

    fn uk_point() -> impl Strategy<Value = Point> {
        (50.0f64..58.0, -5.0f64..1.5).prop_map(|(lat, lon)| Point::new(lat, lon))
    }

    proptest! {
        #[test]
        fn fast_haversine_is_bit_identical(a in uk_point(), b in uk_point()) {
            prop_assert_eq!(Located::new(a).haversine_m(&Located::new(b)), haversine_m(a, b));
        }

        #[test]
        fn pairs_match_brute_force(
            supply in prop::collection::vec(uk_point(), 0..80),
            from in uk_point(),
            km in 0.5f64..400.0,
            method in prop::sample::select(Method::ALL.to_vec()),
        ) {
            let index = SupplyIndex::new(&supply);
            let found: Vec<(u32, f64)> = pairs(&[from], &index, method, km * KM)
                .of(0)
                .map(|r| (r.supply, r.weight))
                .collect();
            prop_assert_eq!(found, exact_pairs(from, &supply, method, km * KM));
            if let Some(nearest) = index.nearest(from) {
                let best = supply.iter().map(|s| haversine_m(from, *s)).fold(f64::INFINITY, f64::min);
                prop_assert!((nearest.distance_m - best).abs() <= 1e-6);
            }
        }

        #[test]
        fn two_step_population_weighted_sum_is_reachable_capacity(
            demand in prop::collection::vec((uk_point(), 0.0f64..5_000.0), 1..40),
            supply in prop::collection::vec((uk_point(), 0.0f64..50.0), 1..20),
            km in 5.0f64..150.0,
        ) {
            let demand: Vec<DemandPoint> = demand.into_iter().map(|(point, population)| DemandPoint { point, population }).collect();
            let supply: Vec<SupplyPoint> = supply.into_iter().map(|(point, capacity)| SupplyPoint { point, capacity }).collect();
            let a = access(&demand, &supply, Method::TwoStep, km * KM);
            let served: f64 = demand.iter().zip(&a).map(|(d, a)| d.population * a).sum();
            let reachable: f64 = supply.iter().filter(|s| demand.iter().any(|d| {
                d.population > 0.0 && haversine_m(d.point, s.point) <= km * KM
            })).map(|s| s.capacity).sum();
            prop_assert!((served - reachable).abs() <= 1e-9 * reachable.max(1.0));
        }

        #[test]
        fn spar_has_population_weighted_mean_one(
            demand in prop::collection::vec((uk_point(), 1.0f64..5_000.0), 1..40),
            supply in prop::collection::vec((uk_point(), 1.0f64..50.0), 1..20),
        ) {
            let demand: Vec<DemandPoint> = demand.into_iter().map(|(point, population)| DemandPoint { point, population }).collect();
            let supply: Vec<SupplyPoint> = supply.into_iter().map(|(point, capacity)| SupplyPoint { point, capacity }).collect();
            let s = access(&demand, &supply, Method::Spar, 60.0 * KM);
            let population: f64 = demand.iter().map(|d| d.population).sum();
            let mean: f64 = demand.iter().zip(&s).map(|(d, s)| d.population * s).sum::<f64>() / population;
            prop_assert!(mean == 0.0 || (mean - 1.0).abs() < 1e-9);
            prop_assert!(s.iter().all(|v| *v >= 0.0 && v.is_finite()));
        }
    }
}
