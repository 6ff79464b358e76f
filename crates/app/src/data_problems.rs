//! Data problems for navigators: the values `import --lenient` and `harvest` set aside from a
//! service's record, read back from the store. A value set aside from a service that has a
//! confidential location is withheld (`null`) when it was inside its locations, as every
//! location detail of such a service is (`crate::confidential`).

use std::collections::HashMap;

use signpost_domain::Service;
use signpost_store::DataProblem;

use crate::code::Code;
use crate::directory::Directory;
use crate::error::{AppError, Result};

/// Where a service's locations are in its record: values set aside under here may be withheld.
const LOCATIONS: &str = "/service_at_locations/";

impl Directory {
    /// The data problems of one service (`not_found` when there is no such service).
    pub async fn data_problems(&self, id: &str) -> Result<Vec<DataProblem>> {
        let service = self.store.service(id).await?.ok_or_else(|| {
            AppError::rejected(Code::NotFound, format!("no service with id {id:?}"))
        })?;
        let problems = self.store.data_problems(id).await?;
        Ok(problems
            .into_iter()
            .map(|problem| withheld_if_confidential(problem, Some(&service)))
            .collect())
    }

    /// The most recently recorded data problems of every service (at most `limit`), and how
    /// many there are in all.
    pub async fn recent_data_problems(&self, limit: u64) -> Result<(Vec<DataProblem>, u64)> {
        let (problems, total) = self.store.recent_data_problems(limit).await?;
        let mut ids: Vec<&str> = problems.iter().map(|p| p.service_id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        let services: HashMap<String, Service> = self
            .store
            .services_by_ids(&ids)
            .await?
            .into_iter()
            .map(|service| (service.id.clone(), service))
            .collect();
        let problems = problems
            .into_iter()
            .map(|problem| {
                let service = services.get(&problem.service_id);
                withheld_if_confidential(problem, service)
            })
            .collect();
        Ok((problems, total))
    }
}

/// The problem, its value withheld when it came from a location of a service that has a
/// confidential one (or of a service no longer stored).
fn withheld_if_confidential(mut problem: DataProblem, service: Option<&Service>) -> DataProblem {
    let confidential = service.is_none_or(Service::has_confidential_location);
    if confidential && problem.path.starts_with(LOCATIONS) {
        problem.value = "null".to_owned();
    }
    problem
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn problem(path: &str) -> DataProblem {
        DataProblem {
            service_id: "s".into(),
            path: path.into(),
            value: "52.58".into(),
            reason: "set aside with its partner".into(),
            recorded_at: "2026-01-01T00:00:00Z".into(),
        }
    }

    #[test]
    fn location_values_of_a_confidential_service_are_withheld() {
        let refuge: Service = serde_json::from_value(json!({"id": "s", "name": "Refuge",
            "service_at_locations": [{"id": "sal", "location": {"id": "loc",
                "attributes": [{"id": "a", "taxonomy_term": {"id": "t", "name": "Confidential location",
                    "taxonomy": "signpost-safety", "code": "confidential-location"}}]}}]}))
        .expect("service");
        assert!(refuge.has_confidential_location());
        let path = "/service_at_locations/0/location/latitude";
        assert_eq!(
            withheld_if_confidential(problem(path), Some(&refuge)).value,
            "null"
        );
        assert_eq!(
            withheld_if_confidential(problem("/minimum_age"), Some(&refuge)).value,
            "52.58"
        );
        let open: Service =
            serde_json::from_value(json!({"id": "s", "name": "Open"})).expect("service");
        assert_eq!(
            withheld_if_confidential(problem(path), Some(&open)).value,
            "52.58"
        );
        assert_eq!(withheld_if_confidential(problem(path), None).value, "null");
    }
}
