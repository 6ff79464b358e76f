//! The bundled demonstration directory (`fixtures/demo/services.ndjson`), loaded into an empty
//! store so that a first run shows something real. Every record is labelled as demonstration data.

use signpost_domain::Service;

use crate::error::{AppError, Result};

const DEMO_NDJSON: &str = include_str!("../../../fixtures/demo/services.ndjson");

/// The demonstration services.
pub fn services() -> Result<Vec<Service>> {
    DEMO_NDJSON
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            serde_json::from_str(line)
                .map_err(|e| AppError::Demo(format!("line {}: {e}", index + 1)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_directory_reads_and_is_labelled_as_demonstration() {
        let services = services().expect("demo parses");
        assert!(services.len() >= 20, "{} services", services.len());
        assert!(
            services
                .iter()
                .all(|s| s.provenance.as_ref().is_some_and(|p| p.demonstration))
        );
    }

    /// Every demonstration record as plain JSON, so that checks of fields the domain types keep
    /// as extras (a location's attributes) do not depend on how they are typed.
    fn raw_records() -> Vec<serde_json::Value> {
        DEMO_NDJSON
            .lines()
            .map(|line| serde_json::from_str(line).expect("demo line is JSON"))
            .collect()
    }

    fn is_confidential(location: &serde_json::Value) -> bool {
        location["attributes"].as_array().is_some_and(|attributes| {
            attributes.iter().any(|a| {
                a["taxonomy_term"]["taxonomy"] == "signpost-safety"
                    && a["taxonomy_term"]["code"] == "confidential-location"
            })
        })
    }

    fn attribute_codes<'a>(record: &'a serde_json::Value, taxonomy: &str) -> Vec<&'a str> {
        record["attributes"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|a| &a["taxonomy_term"])
            .filter(|term| term["taxonomy"] == taxonomy)
            .filter_map(|term| term["code"].as_str())
            .collect()
    }

    #[test]
    fn the_demo_directory_covers_england_and_wales() {
        let services = services().expect("demo parses");
        let cities: std::collections::BTreeSet<&str> = services
            .iter()
            .flat_map(|s| &s.service_at_locations)
            .filter_map(|sal| sal.location.as_ref())
            .flat_map(|location| &location.addresses)
            .map(|address| address.city.as_str())
            .collect();
        for city in [
            "Walsall",
            "Birmingham",
            "Leicester",
            "Bradford",
            "London",
            "Manchester",
            "Cardiff",
            "Swansea",
            "Newport",
        ] {
            assert!(
                cities.contains(city),
                "no demo service in {city}: {cities:?}"
            );
        }
    }

    #[test]
    fn a_womens_refuge_has_a_confidential_location_and_serves_a_whole_area() {
        let refuges: Vec<serde_json::Value> = raw_records()
            .into_iter()
            .filter(|service| {
                service["service_at_locations"]
                    .as_array()
                    .is_some_and(|sals| sals.iter().any(|sal| is_confidential(&sal["location"])))
            })
            .collect();
        assert!(!refuges.is_empty(), "no confidential location in the demo");
        for refuge in &refuges {
            let name = refuge["name"].as_str().unwrap_or_default();
            assert!(
                attribute_codes(refuge, "signpost-category").contains(&"domestic-abuse"),
                "{name}"
            );
            assert_eq!(
                attribute_codes(refuge, "signpost-gender"),
                ["female"],
                "{name}"
            );
            let areas = refuge["service_areas"].as_array().expect("service areas");
            assert!(
                areas
                    .iter()
                    .any(|area| area["extent_type"] == "geojson" && area["extent"].is_string()),
                "{name} is found by the area it serves, so it needs one"
            );
        }
    }

    #[test]
    fn only_refuges_have_confidential_locations() {
        for service in raw_records() {
            let confidential = service["service_at_locations"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|sal| is_confidential(&sal["location"]));
            let refuge = service["name"]
                .as_str()
                .is_some_and(|name| name.split_whitespace().any(|word| word == "Refuge"));
            assert_eq!(confidential, refuge, "{}", service["name"]);
        }
    }
}
