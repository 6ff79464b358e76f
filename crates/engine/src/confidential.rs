//! Services with a confidential location (docs/formats.md, "Confidential locations"): how the
//! engine places and describes them without ever holding the hidden point.
//!
//! A confidential location enters the R-tree as the centre of its postcode district (public: the
//! gazetteer's), or not at all when the service has service areas (it is then found by those).
//! A hit's distance is rounded to whole miles, and ranked and described by that rounded figure, so
//! neither the answer nor the order can be used to close in on the location.
//!
//! The one rule for what of them leaves the directory is here too ([`redacted`]): the engine
//! keeps each service's served record already withheld, and every other answer withholds the same
//! way.

use std::borrow::Cow;

use signpost_domain::reason::Reason;
use signpost_domain::{Extra, Location, Service, ServiceAtLocation};
use signpost_geo::{
    Gazetteer, METRES_PER_MILE, PlaceLookup, Point, PostcodeQuery, parse_postcode_query,
};

/// `[lat, lon]` of every place the service is found at: its open locations' coordinates, and the
/// district centre of each confidential location (none when `has_areas`).
pub(crate) fn search_points(service: &Service, has_areas: bool) -> Vec<[f64; 2]> {
    let mut points: Vec<[f64; 2]> = Vec::new();
    for at in &service.service_at_locations {
        let Some(location) = &at.location else {
            continue;
        };
        let point = if service.is_confidential_at(at) {
            if has_areas {
                None
            } else {
                district_centre(location)
            }
        } else {
            location
                .latitude
                .zip(location.longitude)
                .map(|(lat, lon)| [lat, lon])
        };
        if let Some(point) = point.filter(|p| !points.contains(p)) {
            points.push(point);
        }
    }
    points
}

/// The centre of the postcode district the location lies in (`[lat, lon]`): from its coordinates
/// (the nearest postcode's district), else from its address's postcode; `None` when neither is
/// known. The public stand-in for a confidential location, here and in gap reports.
pub fn district_centre(location: &Location) -> Option<[f64; 2]> {
    let gazetteer = Gazetteer::bundled().ok()?;
    let postcode = match location.latitude.zip(location.longitude) {
        Some((lat, lon)) => gazetteer.locate(Point::new(lat, lon))?.postcode,
        None => location
            .addresses
            .iter()
            .map(|a| a.postal_code.trim())
            .find(|p| !p.is_empty())?
            .to_owned(),
    };
    let district = match parse_postcode_query(&postcode)? {
        PostcodeQuery::Unit(unit) | PostcodeQuery::Sector(unit) => {
            unit.split_whitespace().next()?.to_owned()
        }
        PostcodeQuery::District(district) => district,
    };
    let place = gazetteer.lookup(&district)?;
    Some([place.lat, place.lon])
}

/// The fields of a confidential location (besides the typed ones) that may be shown.
const SHOWN_LOCATION_FIELDS: [&str; 1] = ["attributes"];
/// The fields of a service at a confidential location (besides its id and schedules) that may be shown.
const SHOWN_SERVICE_AT_LOCATION_FIELDS: [&str; 3] = ["attributes", "service_id", "location_id"];

/// The service with every confidential location withheld (unchanged when it has none): of each,
/// only what cannot find it is kept (its id, type, languages, accessibility and the mark itself).
pub fn redacted(mut service: Service) -> Service {
    if !service.has_confidential_location() {
        return service;
    }
    let confidential: Vec<bool> = service
        .service_at_locations
        .iter()
        .map(|at| service.is_confidential_at(at))
        .collect();
    for (at, hidden) in service.service_at_locations.iter_mut().zip(confidential) {
        if hidden {
            withhold_at(at);
        }
    }
    service
}

/// One service at a confidential location, withheld.
pub fn redacted_at(service: &Service, mut at: ServiceAtLocation) -> ServiceAtLocation {
    if service.is_confidential_at(&at) {
        withhold_at(&mut at);
    }
    at
}

fn withhold_at(at: &mut ServiceAtLocation) {
    keep_only(&mut at.extra, &SHOWN_SERVICE_AT_LOCATION_FIELDS);
    if let Some(location) = at.location.as_mut() {
        withhold(location);
    }
}

fn withhold(location: &mut Location) {
    location.name = None;
    location.latitude = None;
    location.longitude = None;
    location.addresses.clear();
    keep_only(&mut location.extra, &SHOWN_LOCATION_FIELDS);
}

fn keep_only(extra: &mut Extra, shown: &[&str]) {
    extra.retain(|key, _| shown.contains(&key.as_str()));
}

/// The JSON a search serves for `service`: its record as [`redacted`] lets it out.
pub(crate) fn served_document(service: &Service) -> Result<Vec<u8>, serde_json::Error> {
    if service.has_confidential_location() {
        serde_json::to_vec(&redacted(service.clone()))
    } else {
        serde_json::to_vec(service)
    }
}

/// The JSON a search serves for `service`, given `json`, its own JSON text: that text itself
/// when nothing is to be withheld (no serialising again), else [`served_document`].
pub(crate) fn served_json<'a>(
    service: &Service,
    json: &'a str,
) -> Result<Cow<'a, [u8]>, serde_json::Error> {
    if service.has_confidential_location() {
        served_document(service).map(Cow::Owned)
    } else {
        Ok(Cow::Borrowed(json.as_bytes()))
    }
}

/// A distance in metres rounded to whole miles.
pub(crate) fn rounded_to_miles(metres: f64) -> f64 {
    (metres / METRES_PER_MILE).round() * METRES_PER_MILE
}

/// A rounded distance as a reason: "about 2 miles away", "about 1 mile away", "less than a mile
/// away".
pub(crate) fn about(metres: f64) -> Reason {
    Reason::AboutMiles {
        miles: (metres / METRES_PER_MILE).round(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use signpost_geo::haversine_m;

    /// A refuge at a known point in Walsall (WS1), and an open office in the same record.
    fn refuge(areas: serde_json::Value) -> Service {
        serde_json::from_value(json!({"id": "r", "name": "Refuge", "service_areas": areas,
            "service_at_locations": [
                {"id": "hidden", "location": {"id": "l1", "latitude": 52.5862, "longitude": -1.9829,
                 "attributes": [{"id": "a", "taxonomy_term": {"id": "t", "name": "Confidential",
                    "code": "confidential-location", "taxonomy": "signpost-safety"}}],
                 "addresses": [{"id": "ad", "postal_code": "WS1 1AA"}]}},
                {"id": "open", "location": {"id": "l2", "latitude": 52.48, "longitude": -1.9}}]}))
        .expect("valid service")
    }

    #[test]
    fn a_confidential_location_is_placed_at_its_district_centre() {
        let points = search_points(&refuge(json!([])), false);
        assert_eq!(points.len(), 2);
        let [lat, lon] = points[0];
        assert!((lat, lon) != (52.5862, -1.9829));
        let district = Gazetteer::bundled()
            .expect("gazetteer")
            .lookup("WS1")
            .expect("WS1");
        assert_eq!([lat, lon], [district.lat, district.lon]);
        assert_eq!(points[1], [52.48, -1.9]);
        let moved = haversine_m(Point::new(lat, lon), Point::new(52.5862, -1.9829));
        assert!(moved > 10.0, "{moved}");
    }

    #[test]
    fn with_service_areas_a_confidential_location_has_no_point() {
        let area = json!([{"id": "sa", "extent_type": "geojson", "extent": "{}"}]);
        assert_eq!(search_points(&refuge(area), true), vec![[52.48, -1.9]]);
    }

    #[test]
    fn the_served_document_withholds_the_confidential_location_only() {
        let served = served_document(&refuge(json!([]))).expect("json");
        let text = String::from_utf8(served).expect("utf-8");
        for secret in ["52.5862", "-1.9829", "WS1 1AA"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert!(text.contains("52.48") && text.contains("confidential-location"));
        let open = Service {
            id: "o".into(),
            name: "Open".into(),
            ..Service::default()
        };
        let served = served_document(&open).expect("json");
        assert_eq!(
            serde_json::from_slice::<Service>(&served).expect("back"),
            open
        );
    }

    #[test]
    fn distances_round_to_whole_miles_and_read_as_about() {
        assert_eq!(rounded_to_miles(3_300.0), 2.0 * METRES_PER_MILE);
        assert_eq!(rounded_to_miles(700.0), 0.0);
        assert_eq!(about(3_300.0), Reason::AboutMiles { miles: 2.0 });
        assert_eq!(about(1_700.0), Reason::AboutMiles { miles: 1.0 });
        assert_eq!(about(500.0), Reason::AboutMiles { miles: 0.0 });
    }
}
