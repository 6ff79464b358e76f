//! Data problems (the values a lenient import or a harvest set aside, per service) and the
//! provenance of harvested services (source, when harvested). Both are written inside a
//! [`ServiceWriter`]'s transaction, so they change together with the services they describe.

use sqlx::QueryBuilder;

use crate::bulk::{ServiceWriter, WRITE_BATCH, WriteTransaction};
use crate::error::Result;
use crate::open::{Store, on_backend};

/// One value set aside from a service's record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataProblem {
    pub service_id: String,
    /// JSON pointer of the value within the record.
    pub path: String,
    /// The value, as JSON text.
    pub value: String,
    pub reason: String,
    /// When it was set aside (RFC 3339).
    pub recorded_at: String,
}

/// Runs the same SQL on the transaction, whichever the backend.
macro_rules! on_transaction {
    ($writer:expr, $tx:ident => $body:expr) => {
        match &mut $writer.transaction {
            WriteTransaction::Sqlite($tx) => $body,
            WriteTransaction::Postgres($tx) => $body,
        }
    };
}

const PROBLEM_COLUMNS: &str = "service_id, path, value, reason, recorded_at";

/// A row of [`PROBLEM_COLUMNS`].
type ProblemRow = (String, String, String, String, String);

impl Store {
    /// The data problems of one service, in the order they were found.
    pub async fn data_problems(&self, service_id: &str) -> Result<Vec<DataProblem>> {
        let rows: Vec<ProblemRow> = on_backend!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {PROBLEM_COLUMNS} FROM data_problems WHERE service_id = $1 ORDER BY position"
            )))
            .bind(service_id)
            .fetch_all(pool)
            .await?
        });
        Ok(rows.into_iter().map(DataProblem::from).collect())
    }

    /// The most recent data problems of every service, newest first, at most `limit`; and how
    /// many there are in all.
    pub async fn recent_data_problems(&self, limit: u64) -> Result<(Vec<DataProblem>, u64)> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let (rows, total): (Vec<ProblemRow>, i64) = on_backend!(self, pool => {
            let rows = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {PROBLEM_COLUMNS} FROM data_problems \
                 ORDER BY recorded_at DESC, service_id, position LIMIT $1"
            )))
            .bind(limit)
            .fetch_all(pool)
            .await?;
            let total = sqlx::query_scalar("SELECT COUNT(*) FROM data_problems")
                .fetch_one(pool)
                .await?;
            (rows, total)
        });
        Ok((
            rows.into_iter().map(DataProblem::from).collect(),
            u64::try_from(total).unwrap_or_default(),
        ))
    }

    /// The ids of the services `source` has supplied, in id order.
    pub async fn harvested_from(&self, source: &str) -> Result<Vec<String>> {
        Ok(on_backend!(self, pool => {
            sqlx::query_scalar(
                "SELECT service_id FROM harvested_services WHERE source = $1 ORDER BY service_id",
            )
            .bind(source)
            .fetch_all(pool)
            .await?
        }))
    }

    /// Where a harvested service came from and when: `(source, harvested_at)`.
    pub async fn harvest_provenance(&self, service_id: &str) -> Result<Option<(String, String)>> {
        Ok(on_backend!(self, pool => {
            sqlx::query_as(
                "SELECT source, harvested_at FROM harvested_services WHERE service_id = $1",
            )
            .bind(service_id)
            .fetch_optional(pool)
            .await?
        }))
    }
}

impl ServiceWriter {
    /// Replaces the data problems of the services `service_ids` with `problems` (each naming
    /// one of them), in this transaction.
    pub async fn replace_data_problems(
        &mut self,
        service_ids: &[&str],
        problems: &[DataProblem],
    ) -> Result<()> {
        for chunk in service_ids.chunks(WRITE_BATCH) {
            on_transaction!(self, tx => {
                let mut delete = QueryBuilder::new("DELETE FROM data_problems WHERE service_id IN (");
                let mut list = delete.separated(", ");
                for id in chunk {
                    list.push_bind(*id);
                }
                delete.push(")");
                delete.build().execute(&mut **tx).await?;
            });
        }
        let numbered = number_per_service(problems);
        for chunk in numbered.chunks(WRITE_BATCH) {
            on_transaction!(self, tx => {
                let mut insert = QueryBuilder::new(format!(
                    "INSERT INTO data_problems (position, {PROBLEM_COLUMNS}) "
                ));
                insert.push_values(chunk, |mut row, (position, problem)| {
                    row.push_bind(*position)
                        .push_bind(&problem.service_id)
                        .push_bind(&problem.path)
                        .push_bind(&problem.value)
                        .push_bind(&problem.reason)
                        .push_bind(&problem.recorded_at);
                });
                insert.build().execute(&mut **tx).await?;
            });
        }
        Ok(())
    }

    /// Records that `source` supplied the services `service_ids` at `harvested_at`, in this
    /// transaction (a service another source supplied before now belongs to this one).
    pub async fn record_harvest(
        &mut self,
        source: &str,
        service_ids: &[&str],
        harvested_at: &str,
    ) -> Result<()> {
        for chunk in service_ids.chunks(WRITE_BATCH) {
            on_transaction!(self, tx => {
                let mut upsert = QueryBuilder::new(
                    "INSERT INTO harvested_services (service_id, source, harvested_at) ",
                );
                upsert.push_values(chunk, |mut row, id| {
                    row.push_bind(*id).push_bind(source).push_bind(harvested_at);
                });
                upsert.push(
                    " ON CONFLICT (service_id) DO UPDATE SET source = excluded.source, \
                     harvested_at = excluded.harvested_at",
                );
                upsert.build().execute(&mut **tx).await?;
            });
        }
        Ok(())
    }
}

/// Each problem with its position among its service's problems.
fn number_per_service(problems: &[DataProblem]) -> Vec<(i32, &DataProblem)> {
    let mut counts: std::collections::HashMap<&str, i32> = std::collections::HashMap::new();
    problems
        .iter()
        .map(|problem| {
            let position = counts.entry(problem.service_id.as_str()).or_insert(0);
            *position += 1;
            (*position, problem)
        })
        .collect()
}

impl From<ProblemRow> for DataProblem {
    fn from((service_id, path, value, reason, recorded_at): ProblemRow) -> DataProblem {
        DataProblem {
            service_id,
            path,
            value,
            reason,
            recorded_at,
        }
    }
}
