//! Confidential locations (refuges, safe houses): how a record marks one (docs/formats.md,
//! "Confidential locations"). What is withheld, and where, is the app's rule; this module only
//! recognises the mark.

use serde_json::Value;

use crate::hsds::{Attribute, Extra, Location, Service, ServiceAtLocation};

/// The taxonomy of Signpost's safety attributes.
pub const SAFETY_TAXONOMY: &str = "signpost-safety";
/// The code that marks a location as confidential.
pub const CONFIDENTIAL_LOCATION: &str = "confidential-location";

impl Location {
    /// Whether the location itself carries the confidential-location attribute (in its HSDS
    /// `attributes`, which Signpost keeps among the location's other fields).
    pub fn is_confidential(&self) -> bool {
        extra_marks_confidential(&self.extra)
    }
}

impl Service {
    /// Whether this location of the service is confidential: marked on the location, on the
    /// service at that location, or on the service itself (which makes every location of the
    /// service confidential).
    pub fn is_confidential_at(&self, at: &ServiceAtLocation) -> bool {
        self.attributes.iter().any(marks_confidential)
            || extra_marks_confidential(&at.extra)
            || at.location.as_ref().is_some_and(Location::is_confidential)
    }

    /// Whether any location of the service is confidential.
    pub fn has_confidential_location(&self) -> bool {
        self.attributes.iter().any(marks_confidential)
            || self
                .service_at_locations
                .iter()
                .any(|at| self.is_confidential_at(at))
    }
}

fn marks_confidential(attribute: &Attribute) -> bool {
    attribute.taxonomy_term.as_ref().is_some_and(|term| {
        term.taxonomy.as_deref() == Some(SAFETY_TAXONOMY)
            && term.code.as_deref() == Some(CONFIDENTIAL_LOCATION)
    })
}

/// Whether an untyped `attributes` array among `extra` holds the mark.
fn extra_marks_confidential(extra: &Extra) -> bool {
    let Some(Value::Array(attributes)) = extra.get("attributes") else {
        return false;
    };
    attributes
        .iter()
        .filter_map(|value| serde_json::from_value::<Attribute>(value.clone()).ok())
        .any(|attribute| marks_confidential(&attribute))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn mark() -> Value {
        json!({"id": "safe", "taxonomy_term": {"id": "signpost-safety:confidential-location",
            "code": "confidential-location", "name": "Confidential location",
            "taxonomy": "signpost-safety"}})
    }

    fn service(value: Value) -> Service {
        serde_json::from_value(value).expect("valid service")
    }

    #[test]
    fn a_marked_location_is_confidential_and_its_neighbour_is_not() {
        let s = service(json!({"id": "s", "name": "n", "service_at_locations": [
            {"id": "a", "location": {"id": "la", "attributes": [mark()]}},
            {"id": "b", "location": {"id": "lb"}}]}));
        assert!(s.is_confidential_at(&s.service_at_locations[0]));
        assert!(!s.is_confidential_at(&s.service_at_locations[1]));
        assert!(s.has_confidential_location());
    }

    #[test]
    fn a_mark_on_the_service_covers_every_location() {
        let s = service(json!({"id": "s", "name": "n", "attributes": [mark()],
            "service_at_locations": [{"id": "a", "location": {"id": "la"}}]}));
        assert!(s.is_confidential_at(&s.service_at_locations[0]));
    }

    #[test]
    fn a_mark_on_the_service_at_location_counts() {
        let s = service(json!({"id": "s", "name": "n",
            "service_at_locations": [{"id": "a", "attributes": [mark()], "location": {"id": "la"}}]}));
        assert!(s.has_confidential_location());
    }

    #[test]
    fn another_taxonomy_or_code_is_not_the_mark() {
        let other = json!({"id": "x", "taxonomy_term": {"id": "t", "code": "confidential-location",
            "name": "x", "taxonomy": "other"}});
        let wrong_code = json!({"id": "y", "taxonomy_term": {"id": "u", "code": "refuge",
            "name": "x", "taxonomy": "signpost-safety"}});
        let s = service(json!({"id": "s", "name": "n", "attributes": [wrong_code],
            "service_at_locations": [{"id": "a", "location": {"id": "la", "attributes": [other]}}]}));
        assert!(!s.has_confidential_location());
    }
}
