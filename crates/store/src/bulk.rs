//! Bulk service writes: the [`ServiceWriter`] transaction that imports and API writes go
//! through, and the rows it writes.
//!
//! Only bulk service writes differ between the backends ([`WriteRows`]): multi-row `VALUES` on
//! SQLite, `COPY` or `UNNEST`ed arrays on PostgreSQL ([`crate::pg_copy`]), the same rows either
//! way. An import into an empty SQLite store leaves WAL and defers the locations' indexes
//! ([`Store::import_writer`]).

use signpost_domain::Service;
use sqlx::QueryBuilder;
use sqlx::sqlite::SqlitePool;

use crate::changes::{LogChange, Sequence, TouchedIds};
use crate::error::Result;
use crate::open::{Store, Tuning, now, tune};
use crate::rows::BatchRows;

/// Services per multi-row statement: keeps every statement under SQLite's 32,766 parameters.
pub const WRITE_BATCH: usize = 500;

/// The ON CONFLICT clause of the services upsert (both backends).
pub(crate) const UPSERT_SERVICE: &str = " ON CONFLICT (id) DO UPDATE SET name = excluded.name, \
     description = excluded.description, organization_name = excluded.organization_name, \
     assured_date = excluded.assured_date, provenance_source = excluded.provenance_source, \
     updated_at = excluded.updated_at, document = excluded.document";

/// The ON CONFLICT clause of the taxonomy terms upsert (both backends).
pub(crate) const UPSERT_TERM: &str = " ON CONFLICT (id) DO UPDATE SET code = excluded.code, \
     name = excluded.name, description = excluded.description, taxonomy = excluded.taxonomy";

/// The tables of a service's own rows besides `services`, replaced when the service is.
pub(crate) const CHILD_TABLES: [&str; 2] = ["service_taxonomy_terms", "service_at_locations"];

/// Rows per multi-row SQLite statement for each table, keeping every statement under SQLite's
/// 32,766 parameters: services (8 columns), terms (5), service terms (2), locations (6). A batch
/// of services fills whole statements of the same text, prepared once; the service terms and
/// locations of a batch vary in number, so their statements are short: only the last of each
/// batch has a text of its own, prepared every batch (preparing was 5% of a 100,000-service
/// import's CPU when one statement took all of a batch's locations).
const SQLITE_SERVICE_ROWS: usize = 2000;
const SQLITE_TERM_ROWS: usize = 2000;
const SQLITE_SERVICE_TERM_ROWS: usize = 500;
const SQLITE_LOCATION_ROWS: usize = 250;

/// Writes the rows of one batch inside an open transaction: upsert the services, replace their
/// terms and locations (only add them when `replace_children` is false: the services are new),
/// upsert the terms.
pub(crate) trait WriteRows {
    fn write_rows<'a>(
        &'a mut self,
        rows: BatchRows,
        now: &'a str,
        replace_children: bool,
    ) -> impl Future<Output = Result<()>> + Send + 'a;
}

impl WriteRows for sqlx::SqliteConnection {
    /// Multi-row statements, the same text for every full chunk, so each is prepared once.
    async fn write_rows(
        &mut self,
        rows: BatchRows,
        now: &str,
        replace_children: bool,
    ) -> Result<()> {
        let BatchRows {
            services,
            terms,
            service_terms,
            locations,
        } = rows;
        let replaced: &[&str] = if replace_children { &CHILD_TABLES } else { &[] };
        for chunk in services.chunks(SQLITE_SERVICE_ROWS) {
            for table in replaced {
                let mut delete = QueryBuilder::<sqlx::Sqlite>::new(format!(
                    "DELETE FROM {table} WHERE service_id IN ("
                ));
                let mut list = delete.separated(", ");
                for service in chunk {
                    list.push_bind(service.id.clone());
                }
                delete.push(")");
                delete.build().execute(&mut *self).await?;
            }
        }
        let mut services = services.into_iter().peekable();
        while services.peek().is_some() {
            let mut query = QueryBuilder::<sqlx::Sqlite>::new(
                "INSERT INTO services (id, name, description, organization_name, assured_date, \
                 provenance_source, updated_at, document) ",
            );
            query.push_values(services.by_ref().take(SQLITE_SERVICE_ROWS), |mut row, s| {
                row.push_bind(s.id)
                    .push_bind(s.name)
                    .push_bind(s.description)
                    .push_bind(s.organization_name)
                    .push_bind(s.assured_date)
                    .push_bind(s.provenance_source)
                    .push_bind(now.to_owned())
                    .push_bind(s.document);
            });
            query.push(UPSERT_SERVICE);
            query.build().execute(&mut *self).await?;
        }
        let mut terms = terms.into_values().peekable();
        while terms.peek().is_some() {
            let mut query = QueryBuilder::<sqlx::Sqlite>::new(
                "INSERT INTO taxonomy_terms (id, code, name, description, taxonomy) ",
            );
            query.push_values(terms.by_ref().take(SQLITE_TERM_ROWS), |mut row, t| {
                row.push_bind(t.id)
                    .push_bind(t.code)
                    .push_bind(t.name)
                    .push_bind(t.description)
                    .push_bind(t.taxonomy);
            });
            query.push(UPSERT_TERM);
            query.build().execute(&mut *self).await?;
        }
        let mut service_terms = service_terms.into_iter().peekable();
        while service_terms.peek().is_some() {
            let mut query = QueryBuilder::<sqlx::Sqlite>::new(
                "INSERT INTO service_taxonomy_terms (service_id, taxonomy_term_id) ",
            );
            query.push_values(
                service_terms.by_ref().take(SQLITE_SERVICE_TERM_ROWS),
                |mut row, (service_id, term_id)| {
                    row.push_bind(service_id).push_bind(term_id);
                },
            );
            query.push(" ON CONFLICT DO NOTHING");
            query.build().execute(&mut *self).await?;
        }
        let mut locations = locations.into_iter().peekable();
        while locations.peek().is_some() {
            let mut query = QueryBuilder::<sqlx::Sqlite>::new(
                "INSERT INTO service_at_locations \
                 (id, service_id, location_id, latitude, longitude, postcode) ",
            );
            query.push_values(
                locations.by_ref().take(SQLITE_LOCATION_ROWS),
                |mut row, l| {
                    row.push_bind(l.id)
                        .push_bind(l.service_id)
                        .push_bind(l.location_id)
                        .push_bind(l.latitude)
                        .push_bind(l.longitude)
                        .push_bind(l.postcode);
                },
            );
            query.push(" ON CONFLICT DO NOTHING");
            query.build().execute(&mut *self).await?;
        }
        Ok(())
    }
}

impl Store {
    /// Inserts or replaces services (by id) in one transaction: all are written or none; the
    /// sequence of the change logged with them.
    pub async fn upsert_services(&self, services: &[Service]) -> Result<Sequence> {
        let mut writer = self.writer().await?;
        for batch in services.chunks(WRITE_BATCH) {
            writer.write(batch).await?;
        }
        writer.commit().await
    }

    /// Starts a transaction for writing services in batches (see [`ServiceWriter`]).
    pub async fn writer(&self) -> Result<ServiceWriter> {
        let transaction = match self {
            Store::Sqlite(pool) => {
                WriteTransaction::Sqlite(sqlite_write(pool.begin().await?).await?)
            }
            Store::Postgres(pool) => WriteTransaction::Postgres(pool.begin().await?),
        };
        Ok(ServiceWriter {
            transaction,
            back_to_wal: None,
            into_empty: false,
            deferred_indexes: Vec::new(),
            touched: TouchedIds::default(),
        })
    }

    /// Starts the transaction of one file's import. Into an empty SQLite store that no other
    /// connection has open, the database leaves WAL for the rollback journal until the
    /// transaction ends: SQLite does not journal pages appended past the file's original end, so
    /// the data is written once instead of to the WAL and again at the checkpoint, and a crash
    /// still leaves the store as it was (the next open rolls the hot journal back, truncating
    /// the file). Otherwise the same as [`Store::writer`]. Into an empty PostgreSQL store, the
    /// rows are copied in ([`crate::pg_copy::import_writer`]).
    pub(crate) async fn import_writer(&self) -> Result<ServiceWriter> {
        let pool = match self {
            Store::Sqlite(pool) => pool,
            Store::Postgres(pool) => return crate::pg_copy::import_writer(pool).await,
        };
        // The journal mode changes on the transaction's own connection, just before it begins.
        // Leaving WAL needs the only open connection: while another one (a server, a reader)
        // has the database open, SQLite refuses at once and the import stays in WAL beside it.
        let mut tx = match pool.begin_with("PRAGMA journal_mode = DELETE; BEGIN").await {
            Ok(tx) => tx,
            Err(sqlx::Error::Database(refused)) => {
                tracing::debug!(%refused, "the store is open elsewhere: importing in WAL");
                return self.writer().await;
            }
            Err(e) => return Err(e.into()),
        };
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut *tx)
            .await?;
        let empty: bool = sqlx::query_scalar("SELECT NOT EXISTS (SELECT 1 FROM services)")
            .fetch_one(&mut *tx)
            .await?;
        if mode == "wal" {
            let deferred_indexes = if empty {
                defer_location_indexes(&mut tx).await?
            } else {
                Vec::new()
            };
            return Ok(ServiceWriter {
                transaction: WriteTransaction::Sqlite(sqlite_write(tx).await?),
                back_to_wal: None,
                into_empty: empty,
                deferred_indexes,
                touched: TouchedIds::default(),
            });
        }
        if !empty {
            // Pages of existing services would be journaled anyway: stay in WAL, readers welcome.
            tx.rollback().await?;
            sqlx::query("PRAGMA journal_mode = WAL")
                .execute(pool)
                .await?;
            return self.writer().await;
        }
        let deferred_indexes = defer_location_indexes(&mut tx).await?;
        Ok(ServiceWriter {
            transaction: WriteTransaction::Sqlite(sqlite_write(tx).await?),
            back_to_wal: Some(pool.clone()),
            into_empty: true,
            deferred_indexes,
            touched: TouchedIds::default(),
        })
    }
}

/// An open write transaction for services: [`ServiceWriter::write`] batches, then
/// [`ServiceWriter::commit`]. Dropping it without committing rolls everything back.
#[derive(Debug)]
pub struct ServiceWriter {
    pub(crate) transaction: WriteTransaction,
    /// Set when the SQLite database left WAL for this transaction ([`Store::import_writer`]):
    /// it goes back to WAL when the transaction ends.
    back_to_wal: Option<SqlitePool>,
    /// The store held no service when the transaction began and (as an import guarantees) no id
    /// is written twice: no service written has old terms or locations to delete.
    into_empty: bool,
    /// The SQL of the locations' secondary indexes, dropped for an import into an empty SQLite
    /// store and built again, from sorted keys, just before the commit.
    deferred_indexes: Vec<String>,
    /// The services written so far, for the change logged at the commit.
    touched: TouchedIds,
}

#[derive(Debug)]
pub(crate) enum WriteTransaction {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

impl ServiceWriter {
    /// A writer in a PostgreSQL transaction; `into_empty` as the field says.
    pub(crate) fn postgres(
        transaction: sqlx::Transaction<'static, sqlx::Postgres>,
        into_empty: bool,
    ) -> ServiceWriter {
        ServiceWriter {
            transaction: WriteTransaction::Postgres(transaction),
            back_to_wal: None,
            into_empty,
            deferred_indexes: Vec::new(),
            touched: TouchedIds::default(),
        }
    }

    /// Upserts a batch (at most [`WRITE_BATCH`] services keeps statements small).
    pub async fn write(&mut self, services: &[Service]) -> Result<()> {
        self.write_rows(BatchRows::of(services)?).await
    }

    /// Upserts the rows of a batch.
    pub(crate) async fn write_rows(&mut self, rows: BatchRows) -> Result<()> {
        let at = now();
        self.touched
            .add(rows.services.iter().map(|row| row.id.as_str()));
        match &mut self.transaction {
            WriteTransaction::Sqlite(tx) => tx.write_rows(rows, &at, !self.into_empty).await,
            WriteTransaction::Postgres(tx) => tx.write_rows(rows, &at, !self.into_empty).await,
        }
    }

    /// Makes every batch written so far permanent, logging the change in the same transaction;
    /// the change's sequence.
    pub async fn commit(self) -> Result<Sequence> {
        let touched = self.touched.touched();
        let (committed, sequence) = match self.transaction {
            WriteTransaction::Sqlite(mut tx) => {
                for index in &self.deferred_indexes {
                    sqlx::query(sqlx::AssertSqlSafe(index.as_str()))
                        .execute(&mut *tx)
                        .await?;
                }
                let sequence = tx.log_change(&touched).await?;
                tune(&mut tx, Tuning::Reads).await?;
                (tx.commit().await, sequence)
            }
            WriteTransaction::Postgres(mut tx) => {
                let sequence = tx.log_change(&touched).await?;
                (tx.commit().await, sequence)
            }
        };
        finish(committed, self.back_to_wal).await?;
        Ok(sequence)
    }

    /// Abandons every batch written so far.
    pub async fn rollback(self) -> Result<()> {
        let rolled_back = match self.transaction {
            WriteTransaction::Sqlite(mut tx) => {
                tune(&mut tx, Tuning::Reads).await?;
                tx.rollback().await
            }
            WriteTransaction::Postgres(tx) => tx.rollback().await,
        };
        finish(rolled_back, self.back_to_wal).await
    }
}

/// After a transaction ended: puts a database that left WAL for it back in WAL mode.
async fn finish(ended: sqlx::Result<()>, back_to_wal: Option<SqlitePool>) -> Result<()> {
    ended?;
    if let Some(pool) = back_to_wal {
        sqlx::query("PRAGMA journal_mode = WAL")
            .execute(&pool)
            .await?;
    }
    Ok(())
}

/// Drops the secondary indexes of the locations table inside the transaction of an import into
/// an empty store, returning the SQL that builds each again. Their keys (location ids,
/// postcodes) arrive in random order, and inserting a million of them at random places costs
/// more than sorting them once at the end. (The terms' index stays: its keys arrive in a few
/// hundred runs that each grow at their end, which sorting again took 3 s to do.) A rollback,
/// or the hot journal after a crash, brings the dropped indexes back with the rest.
async fn defer_location_indexes(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
) -> Result<Vec<String>> {
    let indexes: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_schema \
         WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = 'service_at_locations' \
         ORDER BY name",
    )
    .fetch_all(&mut **tx)
    .await?;
    for (name, _) in &indexes {
        sqlx::query(sqlx::AssertSqlSafe(format!("DROP INDEX \"{name}\"")))
            .execute(&mut **tx)
            .await?;
    }
    Ok(indexes.into_iter().map(|(_, sql)| sql).collect())
}

/// A SQLite transaction made ready for bulk writes: a page cache big enough for the indexes a
/// bulk import touches at random.
async fn sqlite_write(
    mut tx: sqlx::Transaction<'static, sqlx::Sqlite>,
) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
    tune(&mut tx, Tuning::BulkWrite).await?;
    Ok(tx)
}
