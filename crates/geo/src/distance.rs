//! Great-circle distance and radii with units.

use serde::{Deserialize, Serialize};

/// The sphere radius every Signpost distance uses (IUGG mean radius), in metres.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;
/// Metres in a statute mile.
pub const METRES_PER_MILE: f64 = 1_609.344;

/// A WGS84 point in decimal degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub lat: f64,
    pub lon: f64,
}

impl Point {
    pub const fn new(lat: f64, lon: f64) -> Point {
        Point { lat, lon }
    }

    /// Whether the coordinates are real WGS84 degrees.
    pub fn is_valid(self) -> bool {
        self.lat.is_finite()
            && self.lon.is_finite()
            && self.lat.abs() <= 90.0
            && self.lon.abs() <= 180.0
    }
}

/// Haversine distance in metres on the sphere of [`EARTH_RADIUS_M`].
pub fn haversine_m(a: Point, b: Point) -> f64 {
    let (phi1, phi2) = (a.lat.to_radians(), b.lat.to_radians());
    let dphi = (b.lat - a.lat).to_radians();
    let dlambda = (b.lon - a.lon).to_radians();
    let h = (dphi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (dlambda / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
}

/// A radius typed with its unit could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RadiusError {
    #[error("radius {0:?} is not a number with a unit such as 800m, 5km or 3mi")]
    Malformed(String),
    #[error("radius {0:?} must be greater than zero")]
    NotPositive(String),
    #[error("radius {0:?} is larger than the whole country (at most 1500 km)")]
    TooLarge(String),
}

/// The largest radius anyone can mean inside the UK.
pub const MAX_RADIUS_M: f64 = 1_500_000.0;

/// Reads `800m`, `5km`, `3mi`, `3 miles`, `2.5 km`; a bare number is metres.
pub fn parse_radius(text: &str) -> Result<f64, RadiusError> {
    let trimmed = text.trim().to_ascii_lowercase();
    let split = trimmed
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(trimmed.len());
    let (number, unit) = trimmed.split_at(split);
    let value: f64 = number
        .parse()
        .map_err(|_| RadiusError::Malformed(text.to_owned()))?;
    let factor = match unit.trim() {
        "" | "m" | "metre" | "metres" | "meter" | "meters" => 1.0,
        "km" | "kms" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => 1_000.0,
        "mi" | "mile" | "miles" => METRES_PER_MILE,
        _ => return Err(RadiusError::Malformed(text.to_owned())),
    };
    let metres = value * factor;
    if !metres.is_finite() || metres <= 0.0 {
        return Err(RadiusError::NotPositive(text.to_owned()));
    }
    if metres > MAX_RADIUS_M {
        return Err(RadiusError::TooLarge(text.to_owned()));
    }
    Ok(metres)
}

/// Distance in words for people in England: miles to one decimal ("2.1 miles"), "0.3 miles" under one.
pub fn describe_distance(metres: f64) -> String {
    let miles = metres / METRES_PER_MILE;
    if (miles * 10.0).round() == 10.0 {
        "1 mile".to_owned()
    } else {
        format!("{miles:.1} miles")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn matches_the_bench_sample_truth() {
        // shared/spec/bench-sample q0003: query point to service 696b38a8's location is 7614.307437 m.
        let d = haversine_m(
            Point::new(51.54028, -3.37389),
            Point::new(51.603544, -3.416054),
        );
        assert!((d - 7_614.307_437).abs() < 1e-5, "{d}");
    }

    #[test]
    fn radii_in_every_unit() {
        assert_eq!(parse_radius("800m"), Ok(800.0));
        assert_eq!(parse_radius("5km"), Ok(5_000.0));
        assert_eq!(parse_radius("3mi"), Ok(4_828.032));
        assert_eq!(parse_radius(" 3 miles "), Ok(4_828.032));
        assert_eq!(parse_radius("250"), Ok(250.0));
        assert!(matches!(
            parse_radius("-1km"),
            Err(RadiusError::NotPositive(_))
        ));
        assert!(matches!(
            parse_radius("0"),
            Err(RadiusError::NotPositive(_))
        ));
        assert!(matches!(
            parse_radius("5 furlongs"),
            Err(RadiusError::Malformed(_))
        ));
        assert!(matches!(parse_radius(""), Err(RadiusError::Malformed(_))));
        assert!(matches!(
            parse_radius("NaNkm"),
            Err(RadiusError::Malformed(_))
        ));
        assert!(matches!(
            parse_radius("99999km"),
            Err(RadiusError::TooLarge(_))
        ));
    }

    #[test]
    fn distances_read_as_miles() {
        assert_eq!(describe_distance(3_379.6), "2.1 miles");
        assert_eq!(describe_distance(1_609.0), "1 mile");
        assert_eq!(describe_distance(400.0), "0.2 miles");
    }

    proptest! {
        #[test]
        fn haversine_is_a_symmetric_bounded_metric(a in -89.0..89.0f64, b in -179.0..179.0f64, c in -89.0..89.0f64, d in -179.0..179.0f64) {
            let (p, q) = (Point::new(a, b), Point::new(c, d));
            let pq = haversine_m(p, q);
            prop_assert!((pq - haversine_m(q, p)).abs() < 1e-6);
            prop_assert!((0.0..=std::f64::consts::PI * EARTH_RADIUS_M + 1e-6).contains(&pq));
            prop_assert!(haversine_m(p, p) < 1e-6);
        }

        #[test]
        fn parse_radius_never_panics(s in "\\PC{0,20}") {
            let _ = parse_radius(&s);
        }
    }
}
