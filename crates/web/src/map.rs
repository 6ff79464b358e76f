//! An inline SVG map of a page of results around the searched place: no tiles, no network. It
//! draws the local authority's outline (from the gazetteer's boundaries), the search radius, the
//! place, and each result's locations numbered as in the list.

use maud::{Markup, html};
use signpost_geo::{EARTH_RADIUS_M, Gazetteer, Point};
use signpost_i18n::Arg;

use crate::service::distance_text;
use crate::ui::{t, t_with};

/// The map is drawn in a square of this many SVG units.
const SIZE: f64 = 400.0;
/// How much wider than the radius the map reaches.
const MARGIN: f64 = 1.15;

/// A flat projection centred on the searched place: metres east and south, scaled to the square.
#[derive(Debug, Clone, Copy)]
pub struct Projection {
    centre: Point,
    half_width_m: f64,
}

impl Projection {
    pub fn new(centre: Point, radius_m: f64) -> Projection {
        Projection {
            centre,
            half_width_m: radius_m.max(100.0) * MARGIN,
        }
    }

    /// SVG coordinates of a point (the centre is at the middle; north is up).
    pub fn project(&self, point: Point) -> (f64, f64) {
        let metres_per_degree = EARTH_RADIUS_M * std::f64::consts::PI / 180.0;
        let east =
            (point.lon - self.centre.lon) * metres_per_degree * self.centre.lat.to_radians().cos();
        let north = (point.lat - self.centre.lat) * metres_per_degree;
        let scale = SIZE / 2.0 / self.half_width_m;
        (SIZE / 2.0 + east * scale, SIZE / 2.0 - north * scale)
    }

    /// The radius in SVG units.
    fn units(&self, metres: f64) -> f64 {
        metres * SIZE / 2.0 / self.half_width_m
    }

    fn inside(&self, (x, y): (f64, f64)) -> bool {
        (0.0..=SIZE).contains(&x) && (0.0..=SIZE).contains(&y)
    }
}

/// One numbered result to draw.
pub struct Pin {
    pub number: usize,
    pub name: String,
    pub points: Vec<Point>,
}

/// What the map shows.
pub struct MapInput<'a> {
    pub centre: Point,
    pub label: &'a str,
    pub radius_m: f64,
    pub pins: &'a [Pin],
}

/// The map as a figure, with a text description for screen readers.
pub fn figure(places: &Gazetteer, input: &MapInput<'_>) -> Markup {
    let projection = Projection::new(input.centre, input.radius_m);
    let area = places.locate(input.centre);
    let outline = area
        .as_ref()
        .and_then(|a| places.lad_boundary(&a.lad_code))
        .map(|geometry| boundary_path(&projection, geometry))
        .filter(|path| !path.is_empty());
    let (cx, cy) = projection.project(input.centre);
    let mut args = vec![
        ("count", Arg::from(input.pins.len())),
        ("distance", Arg::from(distance_text(input.radius_m))),
        ("place", Arg::from(input.label)),
    ];
    let description = match &area {
        Some(area) => {
            args.push(("area", Arg::from(area.lad_name.as_str())));
            t_with("map-description-in-area", &args)
        }
        None => t_with("map-description", &args),
    };
    let key = area.as_ref().map(|area| {
        t_with(
            "map-key",
            &[
                ("area", Arg::from(area.lad_name.as_str())),
                ("place", Arg::from(input.label)),
            ],
        )
    });
    html! {
        figure.map {
            svg viewBox=(format!("0 0 {SIZE} {SIZE}")) role="img" aria-labelledby="map-title map-desc" xmlns="http://www.w3.org/2000/svg" {
                title #map-title { (t("map-title")) }
                desc #map-desc { (description) }
                @if let Some(path) = &outline {
                    path.boundary d=(path) fill-rule="evenodd" {}
                }
                circle.reach cx=(round(cx)) cy=(round(cy)) r=(round(projection.units(input.radius_m))) {}
                circle.centre cx=(round(cx)) cy=(round(cy)) r="6" {}
                @for pin in input.pins {
                    @for (x, y) in pin.points.iter().map(|p| projection.project(*p)).filter(|xy| projection.inside(*xy)) {
                        g {
                            title { (pin.number) ". " (pin.name) }
                            circle.pin cx=(round(x)) cy=(round(y)) r="9" {}
                            text.pin-label x=(round(x)) y=(round(y)) { (pin.number) }
                        }
                    }
                }
            }
            figcaption {
                (description)
                @if let Some(key) = &key { " " (key) }
            }
        }
    }
}

/// An SVG path for a GeoJSON Polygon or MultiPolygon.
fn boundary_path(projection: &Projection, geometry: &serde_json::Value) -> String {
    let polygons: Vec<&serde_json::Value> = match geometry.get("type").and_then(|t| t.as_str()) {
        Some("Polygon") => geometry.get("coordinates").into_iter().collect(),
        Some("MultiPolygon") => geometry
            .get("coordinates")
            .and_then(|c| c.as_array())
            .map(|all| all.iter().collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let mut path = String::new();
    for ring in polygons
        .iter()
        .filter_map(|p| p.as_array())
        .flatten()
        .filter_map(|r| r.as_array())
    {
        for (i, position) in ring.iter().filter_map(position).enumerate() {
            let (x, y) = projection.project(position);
            path.push_str(&format!(
                "{}{} {}",
                if i == 0 { "M" } else { "L" },
                round(x),
                round(y)
            ));
        }
        path.push('Z');
    }
    path
}

fn position(value: &serde_json::Value) -> Option<Point> {
    let pair = value.as_array()?;
    Some(Point::new(pair.get(1)?.as_f64()?, pair.first()?.as_f64()?))
}

fn round(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_centre_is_in_the_middle_and_north_is_up() {
        let projection = Projection::new(Point::new(52.58, -1.98), 1_000.0);
        assert_eq!(projection.project(Point::new(52.58, -1.98)), (200.0, 200.0));
        let (_, y_north) = projection.project(Point::new(52.59, -1.98));
        let (x_east, _) = projection.project(Point::new(52.58, -1.97));
        assert!(y_north < 200.0 && x_east > 200.0);
    }

    #[test]
    fn a_point_at_the_radius_lands_on_the_circle() {
        let centre = Point::new(52.58, -1.98);
        let projection = Projection::new(centre, 5_000.0);
        let north = Point::new(
            centre.lat + 5_000.0 / (EARTH_RADIUS_M * std::f64::consts::PI / 180.0),
            centre.lon,
        );
        let (_, y) = projection.project(north);
        assert!((200.0 - y - projection.units(5_000.0)).abs() < 1e-6);
        assert!(projection.inside((0.0, SIZE)) && !projection.inside((-1.0, 0.0)));
    }

    #[test]
    fn polygons_and_multipolygons_become_closed_paths() {
        let projection = Projection::new(Point::new(0.0, 0.0), 100_000.0);
        let square = serde_json::json!({"type": "Polygon", "coordinates": [[[0.0, 0.0], [0.1, 0.0], [0.1, 0.1], [0.0, 0.0]]]});
        let path = boundary_path(&projection, &square);
        assert!(
            path.starts_with("M200 200L") && path.ends_with('Z'),
            "{path}"
        );
        let multi = serde_json::json!({"type": "MultiPolygon", "coordinates": [[[[0.0, 0.0], [0.1, 0.0], [0.0, 0.0]]], [[[0.2, 0.2], [0.3, 0.2], [0.2, 0.2]]]]});
        assert_eq!(boundary_path(&projection, &multi).matches('Z').count(), 2);
        assert!(boundary_path(&projection, &serde_json::json!({"type": "Point"})).is_empty());
    }
}
