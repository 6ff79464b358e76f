//! What Signpost reads out of an HSDS service (docs/formats.md): its languages, categories,
//! faiths, who it is for, whether it is free, and where it is.

use crate::hsds::{Attribute, Service};

/// The taxonomy names that carry Signpost's own facets inside `service.attributes`.
pub mod taxonomy {
    pub const CATEGORY: &str = "signpost-category";
    pub const FAITH: &str = "signpost-faith";
    pub const GENDER: &str = "signpost-gender";
    pub const COST: &str = "signpost-cost";
    /// A name or description in another language (`crate::translations`).
    pub const TRANSLATION: &str = "signpost-translation";
}

/// Who a service is for, from its `signpost-gender` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Gender {
    Female,
    Male,
}

impl Gender {
    pub fn code(self) -> &'static str {
        match self {
            Gender::Female => "female",
            Gender::Male => "male",
        }
    }

    pub fn from_code(code: &str) -> Option<Gender> {
        match code {
            "female" => Some(Gender::Female),
            "male" => Some(Gender::Male),
            _ => None,
        }
    }
}

/// A WGS84 point of one of a service's locations.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

impl Service {
    /// The codes of the attributes in one taxonomy, in record order, without repeats.
    pub fn taxonomy_codes(&self, taxonomy: &str) -> Vec<&str> {
        let mut codes: Vec<&str> = Vec::new();
        for code in self
            .attributes
            .iter()
            .filter_map(|a| attribute_code(a, taxonomy))
        {
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        codes
    }

    /// Category codes (`taxonomy.csv`).
    pub fn category_codes(&self) -> Vec<&str> {
        self.taxonomy_codes(taxonomy::CATEGORY)
    }

    /// Faith codes (`faiths.csv`).
    pub fn faith_codes(&self) -> Vec<&str> {
        self.taxonomy_codes(taxonomy::FAITH)
    }

    /// Who the service is for; `None` means everyone.
    pub fn gender(&self) -> Option<Gender> {
        self.taxonomy_codes(taxonomy::GENDER)
            .into_iter()
            .find_map(Gender::from_code)
    }

    /// Whether the service says it is free of charge.
    pub fn is_free(&self) -> bool {
        self.taxonomy_codes(taxonomy::COST).contains(&"free")
    }

    /// ISO 639-3 codes spoken, from the service and from any of its locations, without repeats.
    pub fn language_codes(&self) -> Vec<&str> {
        let location_languages = self
            .service_at_locations
            .iter()
            .filter_map(|sal| sal.location.as_ref())
            .flat_map(|l| l.languages.iter());
        let mut codes: Vec<&str> = Vec::new();
        for code in self
            .languages
            .iter()
            .chain(location_languages)
            .filter_map(|l| l.code.as_deref())
        {
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        codes
    }

    /// The coordinates of every location that has them.
    pub fn points(&self) -> Vec<LatLon> {
        self.service_at_locations
            .iter()
            .filter_map(|sal| sal.location.as_ref())
            .filter_map(|l| {
                Some(LatLon {
                    lat: l.latitude?,
                    lon: l.longitude?,
                })
            })
            .collect()
    }

    /// The organisation's name, when the record carries it.
    pub fn organization_name(&self) -> Option<&str> {
        self.organization.as_ref().map(|o| o.name.as_str())
    }
}

fn attribute_code<'a>(attribute: &'a Attribute, taxonomy: &str) -> Option<&'a str> {
    let term = attribute.taxonomy_term.as_ref()?;
    if term.taxonomy.as_deref() != Some(taxonomy) {
        return None;
    }
    term.code.as_deref()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Service {
        serde_json::from_value(serde_json::json!({
            "id": "s1", "name": "Women's mentoring", "status": "active",
            "languages": [{"id": "l1", "code": "ben"}, {"id": "l2", "code": "eng"}],
            "attributes": [
                {"id": "a1", "taxonomy_term": {"id": "signpost-category:mentoring", "code": "mentoring", "name": "Mentoring", "description": "", "taxonomy": "signpost-category"}},
                {"id": "a2", "taxonomy_term": {"id": "signpost-gender:female", "code": "female", "name": "Women", "description": "", "taxonomy": "signpost-gender"}},
                {"id": "a3", "taxonomy_term": {"id": "signpost-cost:free", "code": "free", "name": "Free", "description": "", "taxonomy": "signpost-cost"}},
                {"id": "a4", "taxonomy_term": {"id": "other:1", "code": "mentoring", "name": "x", "description": "", "taxonomy": "other"}}
            ],
            "service_at_locations": [
                {"id": "sal1", "location": {"id": "loc1", "location_type": "physical", "latitude": 52.58, "longitude": -1.98,
                 "languages": [{"id": "l3", "code": "syl"}, {"id": "l4", "code": "ben"}]}},
                {"id": "sal2", "location": {"id": "loc2", "location_type": "virtual"}}
            ]
        }))
        .expect("valid sample")
    }

    #[test]
    fn facets_come_from_signpost_taxonomies_only() {
        let s = sample();
        assert_eq!(s.category_codes(), vec!["mentoring"]);
        assert_eq!(s.gender(), Some(Gender::Female));
        assert!(s.is_free());
        assert!(s.faith_codes().is_empty());
    }

    #[test]
    fn languages_merge_service_and_location_without_repeats() {
        assert_eq!(sample().language_codes(), vec!["ben", "eng", "syl"]);
    }

    #[test]
    fn points_skip_locations_without_coordinates() {
        assert_eq!(
            sample().points(),
            vec![LatLon {
                lat: 52.58,
                lon: -1.98
            }]
        );
    }

    #[test]
    fn unknown_fields_round_trip() {
        let text =
            r#"{"id":"x","name":"n","status":"active","url":"https://example.org","fees":"none"}"#;
        let service: Service = serde_json::from_str(text).expect("parses");
        let back: serde_json::Value = serde_json::to_value(&service).expect("serialises");
        assert_eq!(
            back,
            serde_json::from_str::<serde_json::Value>(text).expect("json")
        );
    }
}
