//! The one rule for confidential locations (refuges, safe houses; docs/formats.md, "Confidential
//! locations"): every record that leaves the directory, whether an API or ORUK answer, a page, a
//! match or an export, goes through [`redacted`], which keeps of each confidential location only
//! what cannot find it: its id, type, languages, accessibility and the mark itself. Its
//! coordinates, addresses, name, description and every other field are withheld.
//!
//! A record read that way and written back (an editor's form, a PUT of what a GET answered) keeps
//! what was withheld: [`restore_withheld`] puts the stored values back where the write left them
//! out.

use serde_json::Value;
use signpost_domain::{Extra, Location, Service};
pub use signpost_engine::{redacted, redacted_at};

/// Whether an export keeps confidential locations whole (`signpost export --include-confidential`,
/// the operator's choice) or withholds them like every other answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Confidential {
    #[default]
    Withheld,
    Included,
}

impl Confidential {
    /// The service as this choice lets it out.
    pub fn apply(self, service: Service) -> Service {
        match self {
            Confidential::Withheld => redacted(service),
            Confidential::Included => service,
        }
    }
}

/// The service as a gap report sees it (docs/gaps.md): each confidential location withheld but
/// standing at the centre of its postcode district, so reports count its supply without placing it.
pub fn placed(service: Service) -> Service {
    if !service.has_confidential_location() {
        return service;
    }
    let centres: Vec<Option<[f64; 2]>> = service
        .service_at_locations
        .iter()
        .map(|at| {
            let location = at.location.as_ref()?;
            service
                .is_confidential_at(at)
                .then(|| signpost_engine::district_centre(location))?
        })
        .collect();
    let mut shown = redacted(service);
    for (at, centre) in shown.service_at_locations.iter_mut().zip(centres) {
        if let (Some(location), Some([lat, lon])) = (at.location.as_mut(), centre) {
            location.latitude = Some(lat);
            location.longitude = Some(lon);
        }
    }
    shown
}

/// Puts back into `incoming` what [`redacted`] withholds of its confidential locations, from the
/// `stored` record, wherever the write left a field out (a field the write gives is kept).
pub fn restore_withheld(incoming: &mut Service, stored: &Service) {
    if !stored.has_confidential_location() {
        return;
    }
    for at in incoming.service_at_locations.iter_mut() {
        let Some(before) = stored
            .service_at_locations
            .iter()
            .find(|s| s.id == at.id && stored.is_confidential_at(s))
        else {
            continue;
        };
        fill_missing(&mut at.extra, &before.extra);
        if let (Some(location), Some(old)) = (at.location.as_mut(), before.location.as_ref())
            && location.id == old.id
        {
            restore_location(location, old);
        }
    }
}

fn restore_location(location: &mut Location, old: &Location) {
    if location.latitude.is_none() && location.longitude.is_none() {
        location.latitude = old.latitude;
        location.longitude = old.longitude;
    }
    if location.name.is_none() {
        location.name.clone_from(&old.name);
    }
    if location.addresses.is_empty() {
        location.addresses.clone_from(&old.addresses);
    }
    fill_missing(&mut location.extra, &old.extra);
}

fn fill_missing(extra: &mut Extra, old: &Extra) {
    for (key, value) in old {
        if !extra.contains_key(key) {
            extra.insert(key.clone(), Value::clone(value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use signpost_geo::PlaceLookup;

    fn refuge() -> Service {
        serde_json::from_value(json!({"id": "r", "name": "Refuge", "service_at_locations": [
            {"id": "hidden", "description": "Behind the library on Acacia Avenue",
             "schedules": [{"id": "s", "byday": "MO"}],
             "location": {"id": "l1", "name": "12 Acacia Avenue", "latitude": 52.5862,
              "longitude": -1.9829, "transportation": "Bus 51 to Acacia Avenue",
              "languages": [{"id": "lang", "code": "urd"}],
              "accessibility": [{"id": "acc", "description": "Step-free"}],
              "attributes": [{"id": "a", "taxonomy_term": {"id": "t", "name": "Confidential",
                 "code": "confidential-location", "taxonomy": "signpost-safety"}}],
              "addresses": [{"id": "ad", "address_1": "12 Acacia Avenue", "postal_code": "WS1 1AA"}]}},
            {"id": "open", "location": {"id": "l2", "name": "Drop-in", "latitude": 52.48,
             "longitude": -1.9}}]}))
        .expect("valid service")
    }

    #[test]
    fn a_redacted_record_has_no_trace_of_the_hidden_place() {
        let text = serde_json::to_string(&redacted(refuge())).expect("json");
        for secret in ["Acacia", "WS1 1AA", "52.586", "-1.982", "Bus 51"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        for kept in [
            "Step-free",
            "urd",
            "confidential-location",
            "\"MO\"",
            "Drop-in",
            "52.48",
        ] {
            assert!(text.contains(kept), "{kept} missing from {text}");
        }
    }

    #[test]
    fn a_service_without_the_mark_is_unchanged() {
        let mut open = refuge();
        open.service_at_locations.remove(0);
        assert_eq!(redacted(open.clone()), open);
    }

    #[test]
    fn a_gap_report_sees_the_location_at_its_district_centre() {
        let placed = placed(refuge());
        let location = placed.service_at_locations[0]
            .location
            .as_ref()
            .expect("location");
        let district = signpost_geo::Gazetteer::bundled()
            .expect("gazetteer")
            .lookup("WS1")
            .expect("WS1");
        assert_eq!(
            (location.latitude, location.longitude),
            (Some(district.lat), Some(district.lon))
        );
        assert!(location.addresses.is_empty() && location.name.is_none());
        assert_eq!(
            placed.service_at_locations[1],
            refuge().service_at_locations[1]
        );
    }

    #[test]
    fn the_export_choice_keeps_or_withholds() {
        assert_eq!(Confidential::Included.apply(refuge()), refuge());
        assert_eq!(Confidential::Withheld.apply(refuge()), redacted(refuge()));
    }

    #[test]
    fn a_redacted_record_written_back_keeps_what_was_withheld() {
        let mut edited = redacted(refuge());
        edited.name = "Refuge (renamed)".into();
        restore_withheld(&mut edited, &refuge());
        let mut expected = refuge();
        expected.name = "Refuge (renamed)".into();
        assert_eq!(edited, expected);
    }

    #[test]
    fn a_field_the_write_gives_wins_over_the_stored_one() {
        let mut moved = redacted(refuge());
        let location = moved.service_at_locations[0]
            .location
            .as_mut()
            .expect("location");
        location.latitude = Some(52.6);
        location.longitude = Some(-2.0);
        restore_withheld(&mut moved, &refuge());
        let location = moved.service_at_locations[0]
            .location
            .as_ref()
            .expect("location");
        assert_eq!(
            (location.latitude, location.longitude),
            (Some(52.6), Some(-2.0))
        );
        assert_eq!(
            location.addresses,
            refuge().service_at_locations[0]
                .location
                .as_ref()
                .expect("l")
                .addresses
        );
    }
}
