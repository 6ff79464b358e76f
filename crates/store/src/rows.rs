//! The columns and child rows the store extracts from a service document.

use std::collections::BTreeMap;

use signpost_domain::{Service, TaxonomyTerm};

use crate::error::{Result, StoreError};

/// The `services` row of one service.
pub(crate) struct ServiceRow {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub organization_name: Option<String>,
    pub assured_date: Option<String>,
    pub provenance_source: Option<String>,
    pub document: String,
}

/// A `service_at_locations` row.
pub(crate) struct LocationRow {
    pub id: String,
    pub service_id: String,
    pub location_id: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub postcode: Option<String>,
}

/// Everything one batch of services writes, with repeated terms and locations removed.
#[derive(Default)]
pub(crate) struct BatchRows {
    pub services: Vec<ServiceRow>,
    pub terms: BTreeMap<String, TaxonomyTerm>,
    pub service_terms: Vec<(String, String)>,
    pub locations: Vec<LocationRow>,
}

impl BatchRows {
    /// The rows of a batch. A service repeated in the batch counts once, as its last copy.
    pub fn of(services: &[Service]) -> Result<BatchRows> {
        let mut latest: BTreeMap<&str, &Service> = BTreeMap::new();
        for service in services {
            latest.insert(service.id.as_str(), service);
        }
        let mut rows = BatchRows::default();
        for service in latest.into_values() {
            rows.push(service.clone(), encode(service)?);
        }
        Ok(rows)
    }

    /// Adds one service whose id is not yet in the batch, with `document`, its JSON text.
    pub fn push(&mut self, service: Service, document: String) {
        let mut own_terms: Vec<&str> = Vec::new();
        for term in service
            .attributes
            .iter()
            .filter_map(|a| a.taxonomy_term.as_ref())
        {
            if !own_terms.contains(&term.id.as_str()) {
                own_terms.push(&term.id);
                self.service_terms
                    .push((service.id.clone(), term.id.clone()));
            }
            if !self.terms.contains_key(&term.id) {
                self.terms.insert(term.id.clone(), bare_term(term));
            }
        }
        location_rows(&service, &mut self.locations);
        self.services.push(service_row(service, document));
    }

    pub fn len(&self) -> usize {
        self.services.len()
    }
}

/// A service's stored JSON document.
pub(crate) fn encode(service: &Service) -> Result<String> {
    serde_json::to_string(service).map_err(|source| StoreError::Encode {
        id: service.id.clone(),
        source,
    })
}

fn service_row(service: Service, document: String) -> ServiceRow {
    ServiceRow {
        organization_name: service.organization_name().map(str::to_owned),
        provenance_source: service.provenance.map(|p| p.source),
        id: service.id,
        name: service.name,
        description: service.description,
        assured_date: service.assured_date,
        document,
    }
}

/// The term as the taxonomy_terms table lists it (without extension fields).
fn bare_term(term: &TaxonomyTerm) -> TaxonomyTerm {
    TaxonomyTerm {
        id: term.id.clone(),
        code: term.code.clone(),
        name: term.name.clone(),
        description: term.description.clone(),
        taxonomy: term.taxonomy.clone(),
        extra: Default::default(),
    }
}

fn location_rows(service: &Service, rows: &mut Vec<LocationRow>) {
    let first_of_each_id = service
        .service_at_locations
        .iter()
        .enumerate()
        .filter(|(i, sal)| {
            !service.service_at_locations[..*i]
                .iter()
                .any(|earlier| earlier.id == sal.id)
        });
    for (_, sal) in first_of_each_id {
        let location = sal.location.as_ref();
        let postcode = location
            .and_then(|l| {
                l.addresses
                    .iter()
                    .find(|a| !a.postal_code.trim().is_empty())
            })
            .map(|a| compact_postcode(&a.postal_code));
        let row = LocationRow {
            id: sal.id.clone(),
            service_id: service.id.clone(),
            location_id: location.map(|l| l.id.clone()),
            latitude: location.and_then(|l| l.latitude),
            longitude: location.and_then(|l| l.longitude),
            postcode,
        };
        rows.push(if service.is_confidential_at(sal) {
            coarsened(row)
        } else {
            row
        });
    }
}

/// The row of a confidential location (docs/formats.md): no coordinates, and of its postcode only
/// the district, so a filter by a unit postcode or sector cannot single it out.
fn coarsened(row: LocationRow) -> LocationRow {
    LocationRow {
        latitude: None,
        longitude: None,
        postcode: row.postcode.as_deref().and_then(district_of),
        ..row
    }
}

/// The outward code of a compact unit postcode ("WS11AA" gives "WS1"): all but its last three
/// characters; `None` when it is too short to be a unit postcode.
fn district_of(compact: &str) -> Option<String> {
    let cut = compact.len().checked_sub(3).filter(|&cut| cut >= 2)?;
    compact.get(..cut).map(str::to_owned)
}

/// A postcode as stored and searched: upper case, no spaces (`ws1 1aa` → `WS11AA`).
pub fn compact_postcode(postcode: &str) -> String {
    postcode
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_confidential_location_row_keeps_only_its_district() {
        let refuge: Service = serde_json::from_value(serde_json::json!({
            "id": "r", "name": "Refuge", "service_at_locations": [{"id": "sal", "location": {
                "id": "l", "latitude": 52.5862, "longitude": -1.9829,
                "attributes": [{"id": "a", "taxonomy_term": {"id": "t", "name": "Confidential",
                    "code": "confidential-location", "taxonomy": "signpost-safety"}}],
                "addresses": [{"id": "ad", "postal_code": "WS1 1AA"}]}}]}))
        .expect("valid");
        let mut rows = Vec::new();
        location_rows(&refuge, &mut rows);
        assert_eq!(rows[0].postcode.as_deref(), Some("WS1"));
        assert_eq!((rows[0].latitude, rows[0].longitude), (None, None));
        assert_eq!(district_of("B65RQ").as_deref(), Some("B6"));
        assert_eq!(district_of("WS1"), None);
    }

    #[test]
    fn postcodes_are_compacted() {
        assert_eq!(compact_postcode(" ws1 1aa"), "WS11AA");
    }

    #[test]
    fn a_batch_keeps_the_last_copy_and_each_term_once() {
        let one: Service = serde_json::from_value(serde_json::json!({
            "id": "s1", "name": "first",
            "attributes": [
                {"id": "a1", "taxonomy_term": {"id": "t1", "name": "T", "taxonomy": "x"}},
                {"id": "a2", "taxonomy_term": {"id": "t1", "name": "T", "taxonomy": "x"}}],
            "service_at_locations": [{"id": "sal", "location": {"id": "l", "addresses": [{"id": "ad", "postal_code": "b6 5aa"}]}},
                                     {"id": "sal"}]
        }))
        .expect("service");
        let mut two = one.clone();
        two.name = "second".to_owned();
        let rows = BatchRows::of(&[one, two]).expect("rows");
        assert_eq!(rows.services.len(), 1);
        assert_eq!(rows.services[0].name, "second");
        assert_eq!(rows.terms.len(), 1);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows.service_terms, vec![("s1".to_owned(), "t1".to_owned())]);
        assert_eq!(rows.locations.len(), 1);
        assert_eq!(rows.locations[0].postcode.as_deref(), Some("B65AA"));
    }
}
