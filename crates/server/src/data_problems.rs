//! `GET /api/v1/services/{id}/data-problems` (docs/api.md): the values `import --lenient` and
//! `harvest` set aside from a service's record, for navigators. Open to read, as the service is.

use axum::Json;
use axum::extract::{Path, State};

use crate::error::ApiError;
use crate::state::AppState;
use crate::wire::{DataProblemList, Problem};

/// The values set aside from one service's record (path, value, reason), in the order found.
#[utoipa::path(get, path = "/api/v1/services/{id}/data-problems", tag = "signpost",
    params(("id" = String, Path, description = "The service id")),
    responses(
        (status = 200, description = "The service's data problems (none when its record was clean)", body = DataProblemList),
        (status = 404, description = "No such service", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<DataProblemList>, ApiError> {
    let problems = state.directory().data_problems(&id).await?;
    Ok(Json(DataProblemList {
        service_id: id,
        data_problems: problems.into_iter().map(Into::into).collect(),
    }))
}
