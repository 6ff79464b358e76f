//! Records a service holds both itself and through its locations, gathered in one walk each:
//! its weekly schedules and the accessibility of its premises.

use crate::hsds::{Schedule, Service};

impl Service {
    /// Every schedule: the service's own, then each location's (`service_at_locations[].schedules`),
    /// in record order.
    pub fn all_schedules(&self) -> impl Iterator<Item = &Schedule> {
        let at_locations = self
            .service_at_locations
            .iter()
            .flat_map(|sal| sal.schedules.iter());
        self.schedules.iter().chain(at_locations)
    }

    /// The accessibility descriptions of every location, in record order (records without a
    /// description are skipped).
    pub fn accessibility_texts(&self) -> impl Iterator<Item = &str> {
        self.service_at_locations
            .iter()
            .filter_map(|sal| sal.location.as_ref())
            .flat_map(|location| location.accessibility.iter())
            .filter_map(|a| a.description.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Service {
        serde_json::from_value(serde_json::json!({
            "id": "s", "name": "n",
            "schedules": [{"id": "own", "byday": "MO"}],
            "service_at_locations": [
                {"id": "sal1", "schedules": [{"id": "first", "byday": "TU"}, {"id": "second"}],
                 "location": {"id": "l1", "accessibility": [
                     {"id": "a1", "description": "Step-free entrance"},
                     {"id": "a2"},
                     {"id": "a3", "description": "Hearing loop"}]}},
                {"id": "sal2"},
                {"id": "sal3", "schedules": [{"id": "third"}],
                 "location": {"id": "l3", "accessibility": [{"id": "a4", "description": "BSL on request"}]}}
            ]
        }))
        .expect("valid sample")
    }

    #[test]
    fn schedules_come_from_the_service_then_each_location_in_order() {
        let service = sample();
        let ids: Vec<&str> = service.all_schedules().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["own", "first", "second", "third"]);
    }

    #[test]
    fn accessibility_texts_skip_records_without_a_description() {
        let service = sample();
        let texts: Vec<&str> = service.accessibility_texts().collect();
        assert_eq!(
            texts,
            ["Step-free entrance", "Hearing loop", "BSL on request"]
        );
    }

    #[test]
    fn a_bare_service_has_neither() {
        let service = Service::default();
        assert_eq!(service.all_schedules().count(), 0);
        assert_eq!(service.accessibility_texts().count(), 0);
    }
}
