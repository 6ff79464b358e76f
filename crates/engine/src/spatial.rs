//! The R-tree over every location and every service-area envelope.
//!
//! rstar works on plain degrees, which are not metric: every look-up asks for a bounding box that
//! surely holds the whole circle (a spherical cap) and the caller then filters by exact haversine.

use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};
use signpost_geo::{EARTH_RADIUS_M, Point};

use crate::entries::Entry;

/// `[lon, lat]` of one location of service `ord`.
type Located = GeomWithData<[f64; 2], u32>;
/// The bounds of one service area of service `ord`.
type Covered = GeomWithData<Rectangle<[f64; 2]>, u32>;

/// Widens boxes a touch so rounding can never drop a point on the circle's edge.
const MARGIN: f64 = 1.0 + 1e-9;
const MARGIN_DEGREES: f64 = 1e-9;

#[derive(Debug, Default)]
pub(crate) struct SpatialIndex {
    points: RTree<Located>,
    areas: RTree<Covered>,
}

fn located(ord: u32, entry: Entry<'_>) -> impl Iterator<Item = Located> + '_ {
    entry
        .points
        .iter()
        .map(move |p| GeomWithData::new([p.lon, p.lat], ord))
}

fn covered(ord: u32, entry: Entry<'_>) -> impl Iterator<Item = Covered> + '_ {
    entry.areas.iter().map(move |a| {
        let [min_lon, min_lat, max_lon, max_lat] = a.bounds;
        GeomWithData::new(
            Rectangle::from_corners([min_lon, min_lat], [max_lon, max_lat]),
            ord,
        )
    })
}

/// A lon/lat box holding every point within `radius_m` of `centre`.
fn bounding_box(centre: Point, radius_m: f64) -> AABB<[f64; 2]> {
    let angle = radius_m / EARTH_RADIUS_M;
    let dlat = angle.to_degrees() * MARGIN + MARGIN_DEGREES;
    let (south, north) = (centre.lat - dlat, centre.lat + dlat);
    let whole_longitude = AABB::from_corners([-180.0, south.max(-90.0)], [180.0, north.min(90.0)]);
    if north >= 90.0 || south <= -90.0 || angle >= std::f64::consts::FRAC_PI_2 {
        return whole_longitude;
    }
    let ratio = angle.sin() / centre.lat.to_radians().cos();
    if ratio >= 1.0 {
        return whole_longitude;
    }
    let dlon = ratio.asin().to_degrees() * MARGIN + MARGIN_DEGREES;
    let (west, east) = (centre.lon - dlon, centre.lon + dlon);
    if west < -180.0 || east > 180.0 {
        return whole_longitude;
    }
    AABB::from_corners([west, south], [east, north])
}

impl SpatialIndex {
    pub(crate) fn bulk<'a>(entries: impl Iterator<Item = (u32, Entry<'a>)> + Clone) -> Self {
        SpatialIndex {
            points: RTree::bulk_load(entries.clone().flat_map(|(o, e)| located(o, e)).collect()),
            areas: RTree::bulk_load(entries.flat_map(|(o, e)| covered(o, e)).collect()),
        }
    }

    pub(crate) fn insert(&mut self, ord: u32, entry: &Entry) {
        located(ord, *entry).for_each(|p| self.points.insert(p));
        covered(ord, *entry).for_each(|a| self.areas.insert(a));
    }

    pub(crate) fn remove(&mut self, ord: u32, entry: &Entry) {
        for point in located(ord, *entry) {
            self.points.remove(&point);
        }
        for area in covered(ord, *entry) {
            self.areas.remove(&area);
        }
    }

    /// Every service with a location in the box around the circle (a superset of the circle;
    /// a service appears once per location).
    pub(crate) fn near(&self, centre: Point, radius_m: f64) -> impl Iterator<Item = u32> + '_ {
        self.points
            .locate_in_envelope(bounding_box(centre, radius_m))
            .map(|p| p.data)
    }

    /// How many locations lie in the box around the circle, counting no further than `cap`.
    pub(crate) fn count_near(&self, centre: Point, radius_m: f64, cap: usize) -> usize {
        self.near(centre, radius_m).take(cap).count()
    }

    /// Every service with an area whose bounds hold `centre` (the caller checks the polygon).
    pub(crate) fn areas_around(&self, centre: Point) -> impl Iterator<Item = u32> + '_ {
        let at = AABB::from_point([centre.lon, centre.lat]);
        self.areas
            .locate_in_envelope_intersecting(at)
            .map(|a| a.data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstar::Envelope;
    use signpost_geo::haversine_m;

    proptest! {
        #[test]
        fn the_box_holds_every_point_of_the_circle(
            lat in -89.0..89.0f64, lon in -179.0..179.0f64,
            radius in 1.0..2_000_000.0f64, bearing in 0.0..360.0f64, fraction in 0.0..=1.0f64,
        ) {
            let centre = Point::new(lat, lon);
            let target = destination(centre, bearing, radius * fraction);
            prop_assume!(haversine_m(centre, target) <= radius);
            let bbox = bounding_box(centre, radius);
            prop_assert!(bbox.contains_point(&[target.lon, target.lat]),
                "{target:?} outside {bbox:?}");
        }
    }

    /// The point `distance` metres from `start` on the initial bearing (degrees).
    fn destination(start: Point, bearing: f64, distance: f64) -> Point {
        let (phi1, lambda1) = (start.lat.to_radians(), start.lon.to_radians());
        let (theta, delta) = (bearing.to_radians(), distance / EARTH_RADIUS_M);
        let phi2 = (phi1.sin() * delta.cos() + phi1.cos() * delta.sin() * theta.cos()).asin();
        let lambda2 = lambda1
            + (theta.sin() * delta.sin() * phi1.cos()).atan2(delta.cos() - phi1.sin() * phi2.sin());
        let lon = (lambda2.to_degrees() + 540.0) % 360.0 - 180.0;
        Point::new(phi2.to_degrees(), lon)
    }
}
