//! Data problems: the values `import --lenient` and `harvest` set aside from a service's record,
//! as `GET /api/v1/services/{id}/data-problems` answers and `signpost import --lenient --json`
//! and `signpost harvest --json` print them.

use serde::Serialize;
use serde_json::Value;
use signpost_app::DataProblem as AppDataProblem;
use utoipa::ToSchema;

/// The data problems of one service.
#[derive(Debug, Serialize, ToSchema)]
pub struct DataProblemList {
    pub service_id: String,
    pub data_problems: Vec<DataProblem>,
}

/// One value set aside: where it was in the record, what it was and why it was set aside.
#[derive(Debug, Serialize, ToSchema)]
pub struct DataProblem {
    pub service_id: String,
    /// JSON pointer of the value within the service record.
    pub path: String,
    /// The value as the publisher gave it, of any JSON type (`null` when withheld).
    #[schema(value_type = Value)]
    pub value: Value,
    pub reason: String,
    /// When it was set aside (RFC 3339, UTC).
    pub recorded_at: String,
}

impl From<AppDataProblem> for DataProblem {
    fn from(problem: AppDataProblem) -> DataProblem {
        DataProblem {
            value: serde_json::from_str(&problem.value).unwrap_or(Value::String(problem.value)),
            service_id: problem.service_id,
            path: problem.path,
            reason: problem.reason,
            recorded_at: problem.recorded_at,
        }
    }
}
