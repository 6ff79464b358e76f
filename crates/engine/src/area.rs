//! Service areas: GeoJSON Polygon / MultiPolygon extents, tested with point-in-polygon.

use geo::{BoundingRect, Coord, Intersects, LineString, MultiPolygon, Polygon};
use serde_json::Value;
use signpost_geo::Point;

/// One service area, in WGS84 with x = longitude and y = latitude.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Area {
    shape: MultiPolygon<f64>,
    /// `[min_lon, min_lat, max_lon, max_lat]`.
    pub bounds: [f64; 4],
}

impl Area {
    /// Whether the area covers the point (its boundary counts as inside).
    pub(crate) fn covers(&self, point: Point) -> bool {
        let coord = Coord {
            x: point.lon,
            y: point.lat,
        };
        let [min_lon, min_lat, max_lon, max_lat] = self.bounds;
        if coord.x < min_lon || coord.x > max_lon || coord.y < min_lat || coord.y > max_lat {
            return false;
        }
        self.shape.intersects(&coord)
    }
}

/// Reads a GeoJSON Polygon or MultiPolygon (a bare geometry or a Feature holding one); `None` for
/// anything else or anything malformed.
pub(crate) fn parse_area(geojson: &str) -> Option<Area> {
    let value: Value = serde_json::from_str(geojson).ok()?;
    let geometry = if value.get("type")?.as_str()? == "Feature" {
        value.get("geometry")?
    } else {
        &value
    };
    let coordinates = geometry.get("coordinates")?;
    let polygons = match geometry.get("type")?.as_str()? {
        "Polygon" => vec![polygon(coordinates)?],
        "MultiPolygon" => coordinates
            .as_array()?
            .iter()
            .map(polygon)
            .collect::<Option<Vec<_>>>()?,
        _ => return None,
    };
    let shape = MultiPolygon::new(polygons);
    let rect = shape.bounding_rect()?;
    Some(Area {
        bounds: [rect.min().x, rect.min().y, rect.max().x, rect.max().y],
        shape,
    })
}

fn polygon(rings: &Value) -> Option<Polygon<f64>> {
    let mut rings = rings.as_array()?.iter().map(ring);
    let exterior = rings.next()??;
    let interiors = rings.collect::<Option<Vec<_>>>()?;
    Some(Polygon::new(exterior, interiors))
}

fn ring(positions: &Value) -> Option<LineString<f64>> {
    let coords = positions
        .as_array()?
        .iter()
        .map(|position| {
            let pair = position.as_array()?;
            let x = pair.first()?.as_f64()?;
            let y = pair.get(1)?.as_f64()?;
            (x.is_finite() && y.is_finite()).then_some(Coord { x, y })
        })
        .collect::<Option<Vec<_>>>()?;
    (coords.len() >= 3).then(|| LineString::new(coords))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE_WITH_HOLE: &str = r#"{"type":"Polygon","coordinates":[
        [[-2.0,52.0],[-1.0,52.0],[-1.0,53.0],[-2.0,53.0],[-2.0,52.0]],
        [[-1.6,52.4],[-1.4,52.4],[-1.4,52.6],[-1.6,52.6],[-1.6,52.4]]]}"#;

    #[test]
    fn polygon_covers_inside_and_edge_but_not_hole_or_outside() {
        let area = parse_area(SQUARE_WITH_HOLE).expect("valid polygon");
        assert!(area.covers(Point::new(52.2, -1.8)));
        assert!(area.covers(Point::new(52.0, -1.5)));
        assert!(!area.covers(Point::new(52.5, -1.5)));
        assert!(!area.covers(Point::new(53.5, -1.5)));
    }

    #[test]
    fn multipolygon_and_feature_are_read() {
        let multi = r#"{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[
            [[[0,0],[1,0],[1,1],[0,0]]], [[[10,10],[11,10],[11,11],[10,10]]]]}}"#;
        let area = parse_area(multi).expect("valid multipolygon");
        assert!(area.covers(Point::new(10.2, 10.7)));
        assert!(!area.covers(Point::new(5.0, 5.0)));
    }

    #[test]
    fn anything_else_is_ignored() {
        assert!(parse_area(r#"{"type":"Point","coordinates":[0,0]}"#).is_none());
        assert!(parse_area("not json").is_none());
        assert!(parse_area(r#"{"type":"Polygon","coordinates":[[[0,0],[1]]]}"#).is_none());
    }
}
