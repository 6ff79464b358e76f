//! The [`Store`]: one API over the SQLite and PostgreSQL backends.
//!
//! Both backends run the same SQL text (`$1` placeholders, `ON CONFLICT`, `RETURNING` work in
//! both); the [`on_backend!`] macro expands each method body once per backend, so the two cannot
//! drift apart. Only bulk service writes differ ([`WriteRows`]): multi-row `VALUES` on SQLite,
//! `UNNEST`ed arrays on PostgreSQL, the same rows either way. Timestamps are RFC 3339 UTC text,
//! written by Signpost, not by the database.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, SystemTime};

use signpost_domain::{Service, ServiceAtLocation, TaxonomyTerm};
use sqlx::QueryBuilder;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use crate::error::{Result, StoreError};
use crate::records::{
    Actor, ApiKey, AuditAction, AuditEntry, NewApiKey, NewProblemReport, ProblemReport,
    ReportStatus,
};
use crate::rows::{BatchRows, LocationRow, ServiceRow, compact_postcode};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../../migrations/postgres");

/// The SQLite file inside the `--db DIR` directory.
pub const SQLITE_FILE: &str = "signpost.sqlite";

/// Services per multi-row statement: keeps every statement under SQLite's 32,766 parameters.
pub const WRITE_BATCH: usize = 500;

/// Where the store lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreConfig {
    /// The embedded store: `dir/signpost.sqlite` (the directory is created if missing).
    Sqlite { dir: PathBuf },
    /// A PostgreSQL database; `schema`, when given, is put first on the search path (it must exist).
    Postgres { url: String, schema: Option<String> },
}

/// The store. Cheap to clone (it is a connection pool), `Send + Sync`.
#[derive(Debug, Clone)]
pub enum Store {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs the same body against whichever pool the store holds.
macro_rules! on_backend {
    ($store:expr, $pool:ident => $body:expr) => {
        match $store {
            Store::Sqlite($pool) => $body,
            Store::Postgres($pool) => $body,
        }
    };
}

/// The ON CONFLICT clause of the services upsert (both backends).
const UPSERT_SERVICE: &str = " ON CONFLICT (id) DO UPDATE SET name = excluded.name, \
     description = excluded.description, organization_name = excluded.organization_name, \
     assured_date = excluded.assured_date, provenance_source = excluded.provenance_source, \
     updated_at = excluded.updated_at, document = excluded.document";

/// The ON CONFLICT clause of the taxonomy terms upsert (both backends).
const UPSERT_TERM: &str = " ON CONFLICT (id) DO UPDATE SET code = excluded.code, \
     name = excluded.name, description = excluded.description, taxonomy = excluded.taxonomy";

/// The tables of a service's own rows besides `services`, replaced when the service is.
const CHILD_TABLES: [&str; 2] = ["service_taxonomy_terms", "service_at_locations"];

/// Rows per multi-row SQLite statement for each table, keeping every statement under SQLite's
/// 32,766 parameters: services (8 columns), terms (5), service terms (2), locations (6).
const SQLITE_SERVICE_ROWS: usize = 2000;
const SQLITE_TERM_ROWS: usize = 2000;
const SQLITE_SERVICE_TERM_ROWS: usize = 8000;
const SQLITE_LOCATION_ROWS: usize = 4000;

/// The SQLite page cache of a write transaction (KiB): big enough to hold the indexes a bulk
/// import touches at random, so pages are not spilled and re-read mid-transaction.
const SQLITE_WRITE_CACHE_KIB: u32 = 65_536;
/// The memory map of a connection that reads (bytes). A write transaction maps nothing: the
/// pages a bulk import reads back (to build its indexes) would otherwise stay resident.
const SQLITE_MMAP_BYTES: u64 = 1 << 30;
/// SQLite's default page cache (KiB), restored when a write transaction ends.
const SQLITE_DEFAULT_CACHE_KIB: u32 = 2000;

/// Writes the rows of one batch inside an open transaction: upsert the services, replace their
/// terms and locations (only add them when `replace_children` is false: the services are new),
/// upsert the terms.
trait WriteRows {
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

impl WriteRows for sqlx::PgConnection {
    /// One statement per table whatever the batch size: each column is bound as an array and
    /// unnested, so every statement is prepared once and sent with a handful of parameters.
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
        if services.is_empty() {
            return Ok(());
        }
        let ids: Vec<String> = services.iter().map(|s| s.id.clone()).collect();
        let replaced: &[&str] = if replace_children { &CHILD_TABLES } else { &[] };
        for table in replaced {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM {table} WHERE service_id = ANY($1)"
            )))
            .bind(&ids)
            .execute(&mut *self)
            .await?;
        }
        let mut columns = ServiceColumns::default();
        for s in services {
            columns.push(s);
        }
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO services (id, name, description, organization_name, assured_date, \
             provenance_source, updated_at, document) \
             SELECT id, name, description, organization_name, assured_date, provenance_source, \
             $7, document FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], \
             $5::text[], $6::text[], $8::text[]) AS t(id, name, description, \
             organization_name, assured_date, provenance_source, document){UPSERT_SERVICE}"
        )))
        .bind(ids)
        .bind(columns.name)
        .bind(columns.description)
        .bind(columns.organization_name)
        .bind(columns.assured_date)
        .bind(columns.provenance_source)
        .bind(now)
        .bind(columns.document)
        .execute(&mut *self)
        .await?;
        let (mut id, mut code, mut name, mut description, mut taxonomy) =
            (vec![], vec![], vec![], vec![], vec![]);
        for t in terms.into_values() {
            id.push(t.id);
            code.push(t.code);
            name.push(t.name);
            description.push(t.description);
            taxonomy.push(t.taxonomy);
        }
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO taxonomy_terms (id, code, name, description, taxonomy) \
             SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])\
             {UPSERT_TERM}"
        )))
        .bind(id)
        .bind(code)
        .bind(name)
        .bind(description)
        .bind(taxonomy)
        .execute(&mut *self)
        .await?;
        let (service_ids, term_ids): (Vec<String>, Vec<String>) = service_terms.into_iter().unzip();
        sqlx::query(
            "INSERT INTO service_taxonomy_terms (service_id, taxonomy_term_id) \
             SELECT * FROM UNNEST($1::text[], $2::text[]) ON CONFLICT DO NOTHING",
        )
        .bind(service_ids)
        .bind(term_ids)
        .execute(&mut *self)
        .await?;
        let mut columns = LocationColumns::default();
        for l in locations {
            columns.push(l);
        }
        sqlx::query(
            "INSERT INTO service_at_locations \
             (id, service_id, location_id, latitude, longitude, postcode) \
             SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::float8[], \
             $5::float8[], $6::text[]) ON CONFLICT DO NOTHING",
        )
        .bind(columns.id)
        .bind(columns.service_id)
        .bind(columns.location_id)
        .bind(columns.latitude)
        .bind(columns.longitude)
        .bind(columns.postcode)
        .execute(&mut *self)
        .await?;
        Ok(())
    }
}

/// The services columns of a batch as arrays (the ids are bound separately).
#[derive(Default)]
struct ServiceColumns {
    name: Vec<String>,
    description: Vec<Option<String>>,
    organization_name: Vec<Option<String>>,
    assured_date: Vec<Option<String>>,
    provenance_source: Vec<Option<String>>,
    document: Vec<String>,
}

impl ServiceColumns {
    fn push(&mut self, row: ServiceRow) {
        self.name.push(row.name);
        self.description.push(row.description);
        self.organization_name.push(row.organization_name);
        self.assured_date.push(row.assured_date);
        self.provenance_source.push(row.provenance_source);
        self.document.push(row.document);
    }
}

/// The service_at_locations columns of a batch as arrays.
#[derive(Default)]
struct LocationColumns {
    id: Vec<String>,
    service_id: Vec<String>,
    location_id: Vec<Option<String>>,
    latitude: Vec<Option<f64>>,
    longitude: Vec<Option<f64>>,
    postcode: Vec<Option<String>>,
}

impl LocationColumns {
    fn push(&mut self, row: LocationRow) {
        self.id.push(row.id);
        self.service_id.push(row.service_id);
        self.location_id.push(row.location_id);
        self.latitude.push(row.latitude);
        self.longitude.push(row.longitude);
        self.postcode.push(row.postcode);
    }
}

/// ORUK `/services` filters; all optional, combined with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceFilter {
    /// Case-insensitive substring of the name or description.
    pub text: Option<String>,
    /// The id of a taxonomy term the service carries.
    pub taxonomy_term_id: Option<String>,
    /// A postcode, sector or district (`WS1 1AA`, `WS1 1`, `WS1`): a location's postcode starts with it.
    pub postcode: Option<String>,
}

/// One page of services, in id order, and how many match in all.
#[derive(Debug, Clone, PartialEq)]
pub struct ServicePage {
    pub total: u64,
    pub services: Vec<Service>,
}

/// A service_at_location with the id of its service.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceAtLocationRecord {
    pub service_id: String,
    pub service_at_location: ServiceAtLocation,
}

/// What a write did, for the caller's response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Created,
    Updated,
}

impl Store {
    /// Opens (creating if needed) the store and brings its schema up to date.
    pub async fn open(config: &StoreConfig) -> Result<Store> {
        match config {
            StoreConfig::Sqlite { dir } => open_sqlite(dir, SQLITE_CONNECTIONS).await,
            StoreConfig::Postgres { url, schema } => open_postgres(url, schema.as_deref()).await,
        }
    }

    /// Opens the store for file imports ([`crate::import::import_file`]): as [`Store::open`],
    /// but SQLite gets a single connection. Leaving WAL for an import into an empty store needs
    /// the import's connection to be the only one open, and a pool of two opens its second
    /// whenever the first is still on its way back from the previous statement.
    pub async fn open_for_import(config: &StoreConfig) -> Result<Store> {
        match config {
            StoreConfig::Sqlite { dir } => open_sqlite(dir, 1).await,
            StoreConfig::Postgres { .. } => Store::open(config).await,
        }
    }

    /// Closes every connection (waiting for them to be returned).
    pub async fn close(&self) {
        on_backend!(self, pool => pool.close().await)
    }

    /// Inserts or replaces services (by id) in one transaction: all are written or none.
    pub async fn upsert_services(&self, services: &[Service]) -> Result<()> {
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
        })
    }

    /// Starts the transaction of one file's import. Into an empty SQLite store that no other
    /// connection has open, the database leaves WAL for the rollback journal until the
    /// transaction ends: SQLite does not journal pages appended past the file's original end, so
    /// the data is written once instead of to the WAL and again at the checkpoint, and a crash
    /// still leaves the store as it was (the next open rolls the hot journal back, truncating
    /// the file). Otherwise the same as [`Store::writer`].
    pub(crate) async fn import_writer(&self) -> Result<ServiceWriter> {
        let Store::Sqlite(pool) = self else {
            return self.writer().await;
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
        })
    }

    /// One service by id.
    pub async fn service(&self, id: &str) -> Result<Option<Service>> {
        let document: Option<String> = on_backend!(self, pool => {
            sqlx::query_scalar("SELECT document FROM services WHERE id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        document.map(|d| parse_document(id, &d)).transpose()
    }

    /// The services with these ids, in the order of `ids`, each once; ids not in the store are left out.
    pub async fn services_by_ids(&self, ids: &[&str]) -> Result<Vec<Service>> {
        let mut found: HashMap<String, Service> = HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(WRITE_BATCH) {
            let rows: Vec<(String, String)> = on_backend!(self, pool => {
                let mut query = QueryBuilder::new("SELECT id, document FROM services WHERE id IN (");
                let mut list = query.separated(", ");
                for id in chunk {
                    list.push_bind(*id);
                }
                query.push(")");
                query.build_query_as().fetch_all(pool).await?
            });
            for (id, document) in rows {
                let service = parse_document(&id, &document)?;
                found.insert(id, service);
            }
        }
        Ok(ids.iter().filter_map(|id| found.remove(*id)).collect())
    }

    /// Deletes a service (and its rows); whether it was there.
    pub async fn delete_service(&self, id: &str) -> Result<bool> {
        self.delete_service_audited(id, None).await
    }

    /// Writes services (a repeated id counts once, as its last copy) in one transaction, each with
    /// an audit entry by `actor` holding the document before and after.
    pub async fn upsert_services_audited(&self, services: &[Service], actor: &Actor) -> Result<()> {
        self.write_audited(services, Some(actor)).await.map(drop)
    }

    /// Inserts or replaces one service, writing its audit entry (when an actor is given) in the
    /// same transaction.
    pub async fn save_service(&self, service: &Service, actor: Option<&Actor>) -> Result<Written> {
        let written = self
            .write_audited(std::slice::from_ref(service), actor)
            .await?;
        Ok(written.first().copied().unwrap_or(Written::Created))
    }

    /// Writes services in one transaction and, when an actor is given, an audit entry for each
    /// with its document before and after; what each write did, in the batch's (id) order.
    async fn write_audited(
        &self,
        services: &[Service],
        actor: Option<&Actor>,
    ) -> Result<Vec<Written>> {
        let rows = BatchRows::of(services)?;
        let at = now();
        on_backend!(self, pool => {
            let mut tx = pool.begin().await?;
            let mut entries = Vec::with_capacity(rows.services.len());
            for row in &rows.services {
                let before: Option<String> =
                    sqlx::query_scalar("SELECT document FROM services WHERE id = $1")
                        .bind(&row.id)
                        .fetch_optional(&mut *tx)
                        .await?;
                entries.push((row.id.clone(), before, row.document.clone()));
            }
            tx.write_rows(rows, &at, true).await?;
            let mut written = Vec::with_capacity(entries.len());
            for (id, before, after) in entries {
                let action = if before.is_some() { AuditAction::Update } else { AuditAction::Create };
                written.push(if before.is_some() { Written::Updated } else { Written::Created });
                let Some(actor) = actor else { continue };
                sqlx::query(
                    "INSERT INTO audit_log (at, key_name, action, service_id, before, after) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(&at)
                .bind(&actor.key_name)
                .bind(action.as_str())
                .bind(&id)
                .bind(&before)
                .bind(&after)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            Ok(written)
        })
    }

    /// Deletes a service, writing its audit entry (when an actor is given) in the same
    /// transaction; whether it was there.
    pub async fn delete_service_audited(&self, id: &str, actor: Option<&Actor>) -> Result<bool> {
        let at = now();
        on_backend!(self, pool => {
            let mut tx = pool.begin().await?;
            let before: Option<String> =
                sqlx::query_scalar("SELECT document FROM services WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
            if before.is_none() {
                return Ok(false);
            }
            for sql in [
                "DELETE FROM service_taxonomy_terms WHERE service_id = $1",
                "DELETE FROM service_at_locations WHERE service_id = $1",
                "DELETE FROM services WHERE id = $1",
            ] {
                sqlx::query(sql).bind(id).execute(&mut *tx).await?;
            }
            if let Some(actor) = actor {
                sqlx::query(
                    "INSERT INTO audit_log (at, key_name, action, service_id, before, after) \
                     VALUES ($1, $2, $3, $4, $5, NULL)",
                )
                .bind(&at)
                .bind(&actor.key_name)
                .bind(AuditAction::Delete.as_str())
                .bind(id)
                .bind(&before)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            Ok(true)
        })
    }

    /// How many services the store holds.
    pub async fn count(&self) -> Result<u64> {
        let count: i64 = on_backend!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM services").fetch_one(pool).await?
        });
        Ok(u64::try_from(count).unwrap_or_default())
    }

    /// One page (1-based) of the services matching the filter, in id order.
    pub async fn list_services(
        &self,
        filter: &ServiceFilter,
        page: u64,
        per_page: u64,
    ) -> Result<ServicePage> {
        let offset =
            i64::try_from(page.saturating_sub(1).saturating_mul(per_page)).unwrap_or(i64::MAX);
        let limit = i64::try_from(per_page).unwrap_or(i64::MAX);
        let (total, rows): (i64, Vec<(String, String)>) = on_backend!(self, pool => {
            let mut count = QueryBuilder::new("SELECT COUNT(*) FROM services s");
            push_filter(&mut count, filter);
            let total: i64 = count.build_query_scalar().fetch_one(pool).await?;
            let mut select = QueryBuilder::new("SELECT s.id, s.document FROM services s");
            push_filter(&mut select, filter);
            select.push(" ORDER BY s.id LIMIT ");
            select.push_bind(limit);
            select.push(" OFFSET ");
            select.push_bind(offset);
            (total, select.build_query_as().fetch_all(pool).await?)
        });
        let services = rows
            .iter()
            .map(|(id, document)| parse_document(id, document))
            .collect::<Result<Vec<_>>>()?;
        Ok(ServicePage {
            total: u64::try_from(total).unwrap_or_default(),
            services,
        })
    }

    /// Up to `limit` services with ids after `after` (from the start when `None`), in id order.
    /// [`Store::chunks`] walks the whole store with it, so SQLite reads the file without its
    /// memory map: a scan of every service through the map would leave the whole mapped file
    /// resident (a rebuild of a million services showed 1.5 GB resident for a 535 MB heap).
    pub async fn services_after(&self, after: Option<&str>, limit: usize) -> Result<Vec<Service>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let after = after.unwrap_or("");
        let rows: Vec<(String, String)> = match self {
            Store::Sqlite(pool) => {
                let mut connection = pool.acquire().await?;
                tune(&mut connection, Tuning::Scan).await?;
                let rows = sqlx::query_as(SERVICES_AFTER)
                    .bind(after)
                    .bind(limit)
                    .fetch_all(&mut *connection)
                    .await;
                tune(&mut connection, Tuning::Reads).await?;
                rows?
            }
            Store::Postgres(pool) => {
                sqlx::query_as(SERVICES_AFTER)
                    .bind(after)
                    .bind(limit)
                    .fetch_all(pool)
                    .await?
            }
        };
        rows.iter()
            .map(|(id, document)| parse_document(id, document))
            .collect()
    }

    /// Every service in id order, `size` at a time, never holding more than one chunk.
    pub fn chunks(&self, size: usize) -> ServiceChunks {
        ServiceChunks {
            store: self.clone(),
            size: size.max(1),
            after: None,
            done: false,
        }
    }

    /// The taxonomy terms used by at least one service, in id order.
    pub async fn taxonomy_terms(&self) -> Result<Vec<TaxonomyTerm>> {
        let rows: Vec<TermTuple> = on_backend!(self, pool => {
            sqlx::query_as(
                "SELECT t.id, t.code, t.name, t.description, t.taxonomy FROM taxonomy_terms t \
                 WHERE EXISTS (SELECT 1 FROM service_taxonomy_terms st WHERE st.taxonomy_term_id = t.id) \
                 ORDER BY t.id",
            )
            .fetch_all(pool)
            .await?
        });
        Ok(rows.into_iter().map(term_from_tuple).collect())
    }

    /// One taxonomy term by id, if any service uses it.
    pub async fn taxonomy_term(&self, id: &str) -> Result<Option<TaxonomyTerm>> {
        let row: Option<TermTuple> = on_backend!(self, pool => {
            sqlx::query_as(
                "SELECT t.id, t.code, t.name, t.description, t.taxonomy FROM taxonomy_terms t \
                 WHERE t.id = $1 AND EXISTS \
                 (SELECT 1 FROM service_taxonomy_terms st WHERE st.taxonomy_term_id = t.id)",
            )
            .bind(id)
            .fetch_optional(pool)
            .await?
        });
        Ok(row.map(term_from_tuple))
    }

    /// A service_at_location by its id (the first, by service id, if several services reuse it).
    pub async fn service_at_location(&self, id: &str) -> Result<Option<ServiceAtLocationRecord>> {
        let row: Option<(String, String)> = on_backend!(self, pool => {
            sqlx::query_as(
                "SELECT s.id, s.document FROM service_at_locations l \
                 JOIN services s ON s.id = l.service_id WHERE l.id = $1 ORDER BY s.id LIMIT 1",
            )
            .bind(id)
            .fetch_optional(pool)
            .await?
        });
        let Some((service_id, document)) = row else {
            return Ok(None);
        };
        let service = parse_document(&service_id, &document)?;
        Ok(service
            .service_at_locations
            .into_iter()
            .find(|sal| sal.id == id)
            .map(|service_at_location| ServiceAtLocationRecord {
                service_id,
                service_at_location,
            }))
    }

    /// One page (1-based) of every service_at_location, ordered by id then service id.
    pub async fn list_service_at_locations(
        &self,
        page: u64,
        per_page: u64,
    ) -> Result<(u64, Vec<ServiceAtLocationRecord>)> {
        let offset =
            i64::try_from(page.saturating_sub(1).saturating_mul(per_page)).unwrap_or(i64::MAX);
        let limit = i64::try_from(per_page).unwrap_or(i64::MAX);
        let (total, rows): (i64, Vec<(String, String, String)>) = on_backend!(self, pool => {
            let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM service_at_locations")
                .fetch_one(pool)
                .await?;
            let rows = sqlx::query_as(
                "SELECT l.id, s.id, s.document FROM service_at_locations l \
                 JOIN services s ON s.id = l.service_id ORDER BY l.id, s.id LIMIT $1 OFFSET $2",
            )
            .bind(limit)
            .bind(offset)
            .fetch_all(pool)
            .await?;
            (total, rows)
        });
        let mut records = Vec::with_capacity(rows.len());
        for (sal_id, service_id, document) in rows {
            let service = parse_document(&service_id, &document)?;
            if let Some(sal) = service
                .service_at_locations
                .into_iter()
                .find(|s| s.id == sal_id)
            {
                records.push(ServiceAtLocationRecord {
                    service_id,
                    service_at_location: sal,
                });
            }
        }
        Ok((u64::try_from(total).unwrap_or_default(), records))
    }

    /// Stores a new API key (its name must be unique).
    pub async fn create_api_key(&self, key: &NewApiKey) -> Result<ApiKey> {
        let created_at = now();
        let id: i64 = on_backend!(self, pool => {
            sqlx::query_scalar(
                "INSERT INTO api_keys (name, role, hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(&key.name)
            .bind(key.role.as_str())
            .bind(&key.hash)
            .bind(&created_at)
            .fetch_one(pool)
            .await?
        });
        Ok(ApiKey {
            id,
            name: key.name.clone(),
            role: key.role,
            hash: key.hash.clone(),
            created_at,
            revoked_at: None,
        })
    }

    /// Every API key, revoked ones included, in creation order.
    pub async fn api_keys(&self) -> Result<Vec<ApiKey>> {
        let rows: Vec<KeyTuple> = on_backend!(self, pool => {
            sqlx::query_as(
                "SELECT id, name, role, hash, created_at, revoked_at FROM api_keys ORDER BY id",
            )
            .fetch_all(pool)
            .await?
        });
        rows.into_iter().map(key_from_tuple).collect()
    }

    /// The keys that are not revoked, for checking a presented key against their hashes.
    pub async fn active_api_keys(&self) -> Result<Vec<ApiKey>> {
        Ok(self
            .api_keys()
            .await?
            .into_iter()
            .filter(|k| k.revoked_at.is_none())
            .collect())
    }

    /// Revokes the key with this name; whether an active key was revoked.
    pub async fn revoke_api_key(&self, name: &str) -> Result<bool> {
        let at = now();
        let affected = on_backend!(self, pool => {
            sqlx::query("UPDATE api_keys SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL")
                .bind(&at)
                .bind(name)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(affected > 0)
    }

    /// The latest audit entries, newest first, of one service or of all.
    pub async fn audit_log(&self, service_id: Option<&str>, limit: u64) -> Result<Vec<AuditEntry>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows: Vec<AuditTuple> = on_backend!(self, pool => {
            let mut query = QueryBuilder::new(
                "SELECT id, at, key_name, action, service_id, before, after FROM audit_log",
            );
            if let Some(service_id) = service_id {
                query.push(" WHERE service_id = ");
                query.push_bind(service_id);
            }
            query.push(" ORDER BY id DESC LIMIT ");
            query.push_bind(limit);
            query.build_query_as().fetch_all(pool).await?
        });
        rows.into_iter().map(audit_from_tuple).collect()
    }

    /// Stores a new (open) problem report.
    pub async fn create_problem_report(&self, report: &NewProblemReport) -> Result<ProblemReport> {
        let created_at = now();
        let id: i64 = on_backend!(self, pool => {
            sqlx::query_scalar(
                "INSERT INTO problem_reports (service_id, created_at, message, contact, status) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(&report.service_id)
            .bind(&created_at)
            .bind(&report.message)
            .bind(&report.contact)
            .bind(ReportStatus::Open.as_str())
            .fetch_one(pool)
            .await?
        });
        Ok(ProblemReport {
            id,
            service_id: report.service_id.clone(),
            created_at,
            message: report.message.clone(),
            contact: report.contact.clone(),
            status: ReportStatus::Open,
        })
    }

    /// Problem reports, oldest first, all or only those with a status.
    pub async fn problem_reports(
        &self,
        status: Option<ReportStatus>,
    ) -> Result<Vec<ProblemReport>> {
        let rows: Vec<ReportTuple> = on_backend!(self, pool => {
            let mut query = QueryBuilder::new(
                "SELECT id, service_id, created_at, message, contact, status FROM problem_reports",
            );
            if let Some(status) = status {
                query.push(" WHERE status = ");
                query.push_bind(status.as_str());
            }
            query.push(" ORDER BY id");
            query.build_query_as().fetch_all(pool).await?
        });
        rows.into_iter().map(report_from_tuple).collect()
    }

    /// Sets a report's status; whether the report exists.
    pub async fn set_problem_report_status(&self, id: i64, status: ReportStatus) -> Result<bool> {
        let affected = on_backend!(self, pool => {
            sqlx::query("UPDATE problem_reports SET status = $1 WHERE id = $2")
                .bind(status.as_str())
                .bind(id)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(affected > 0)
    }
}

/// `limit` services (`$2`) in id order after the id `$1`; from the first when `$1` is "", since
/// ids are never empty.
const SERVICES_AFTER: &str = "SELECT id, document FROM services WHERE id > $1 ORDER BY id LIMIT $2";

/// SQLite has one writer and each connection its own thread: two connections keep both cores
/// busy without the thread switches of more (4 gave 4,943 searches/s, 2 gave 5,189: benchmarks.md).
const SQLITE_CONNECTIONS: u32 = 2;

async fn open_sqlite(dir: &Path, connections: u32) -> Result<Store> {
    std::fs::create_dir_all(dir).map_err(|source| StoreError::Directory {
        path: dir.display().to_string(),
        source,
    })?;
    let options = SqliteConnectOptions::new()
        .filename(dir.join(SQLITE_FILE))
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        // Set when the file is created: a service document (about 2 KB) fills half a 4 KB page,
        // and 16 KB pages pack seven with little left over.
        .page_size(16_384)
        .busy_timeout(Duration::from_secs(30))
        // Statement journals of multi-row writes stay in memory instead of temporary files.
        .pragma("temp_store", "memory")
        // Reads come straight from the mapped file instead of being copied into SQLite's cache.
        .pragma("mmap_size", SQLITE_MMAP_BYTES.to_string());
    let pool = SqlitePoolOptions::new()
        .max_connections(connections)
        .connect_with(options)
        .await?;
    SQLITE_MIGRATIONS.run(&pool).await?;
    tracing::debug!(dir = %dir.display(), "opened SQLite store");
    Ok(Store::Sqlite(pool))
}

async fn open_postgres(url: &str, schema: Option<&str>) -> Result<Store> {
    let mut options = PgConnectOptions::from_str(url)?;
    if let Some(schema) = schema {
        options = options.options([("search_path", schema)]);
    }
    let pool = PgPoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    POSTGRES_MIGRATIONS.run(&pool).await?;
    tracing::debug!("opened PostgreSQL store");
    Ok(Store::Postgres(pool))
}

/// Appends the WHERE clause of a [`ServiceFilter`] (the services table is aliased `s`).
fn push_filter<DB>(query: &mut QueryBuilder<DB>, filter: &ServiceFilter)
where
    DB: sqlx::Database,
    String: for<'t> sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    let mut clause = " WHERE ";
    if let Some(text) = &filter.text {
        let pattern = format!("%{}%", escape_like(&text.to_lowercase()));
        query.push(clause);
        query.push("(LOWER(s.name) LIKE ");
        query.push_bind(pattern.clone());
        query.push(" ESCAPE '\\' OR LOWER(COALESCE(s.description, '')) LIKE ");
        query.push_bind(pattern);
        query.push(" ESCAPE '\\')");
        clause = " AND ";
    }
    if let Some(term) = &filter.taxonomy_term_id {
        query.push(clause);
        query.push(
            "EXISTS (SELECT 1 FROM service_taxonomy_terms st WHERE st.service_id = s.id AND st.taxonomy_term_id = ",
        );
        query.push_bind(term.clone());
        query.push(")");
        clause = " AND ";
    }
    if let Some(postcode) = &filter.postcode {
        let pattern = format!("{}%", escape_like(&compact_postcode(postcode)));
        query.push(clause);
        query.push(
            "EXISTS (SELECT 1 FROM service_at_locations l WHERE l.service_id = s.id AND l.postcode LIKE ",
        );
        query.push_bind(pattern);
        query.push(" ESCAPE '\\')");
    }
}

fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

fn parse_document(id: &str, document: &str) -> Result<Service> {
    serde_json::from_str(document).map_err(|source| StoreError::CorruptDocument {
        id: id.to_owned(),
        source,
    })
}

/// The current time as RFC 3339 UTC with microseconds (sorts as text).
pub(crate) fn now() -> String {
    humantime::format_rfc3339_micros(SystemTime::now()).to_string()
}

type TermTuple = (String, Option<String>, String, String, Option<String>);

fn term_from_tuple((id, code, name, description, taxonomy): TermTuple) -> TaxonomyTerm {
    TaxonomyTerm {
        id,
        code,
        name,
        description,
        taxonomy,
        extra: Default::default(),
    }
}

type KeyTuple = (i64, String, String, String, String, Option<String>);

fn key_from_tuple((id, name, role, hash, created_at, revoked_at): KeyTuple) -> Result<ApiKey> {
    Ok(ApiKey {
        id,
        name,
        role: role.parse()?,
        hash,
        created_at,
        revoked_at,
    })
}

type AuditTuple = (
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
);

fn audit_from_tuple(
    (id, at, key_name, action, service_id, before, after): AuditTuple,
) -> Result<AuditEntry> {
    Ok(AuditEntry {
        id,
        at,
        key_name,
        action: action.parse()?,
        service_id,
        before,
        after,
    })
}

type ReportTuple = (i64, String, String, String, Option<String>, String);

fn report_from_tuple(
    (id, service_id, created_at, message, contact, status): ReportTuple,
) -> Result<ProblemReport> {
    Ok(ProblemReport {
        id,
        service_id,
        created_at,
        message,
        contact,
        status: status.parse()?,
    })
}

/// Walks every service in id order, one chunk at a time (see [`Store::chunks`]).
#[derive(Debug)]
pub struct ServiceChunks {
    store: Store,
    size: usize,
    after: Option<String>,
    done: bool,
}

impl ServiceChunks {
    /// The next chunk, or `None` when every service has been read.
    pub async fn next(&mut self) -> Result<Option<Vec<Service>>> {
        if self.done {
            return Ok(None);
        }
        let chunk = self
            .store
            .services_after(self.after.as_deref(), self.size)
            .await?;
        self.done = chunk.len() < self.size;
        match chunk.last() {
            Some(last) => {
                self.after = Some(last.id.clone());
                Ok(Some(chunk))
            }
            None => {
                self.done = true;
                Ok(None)
            }
        }
    }
}

/// An open write transaction for services: [`ServiceWriter::write`] batches, then
/// [`ServiceWriter::commit`]. Dropping it without committing rolls everything back.
#[derive(Debug)]
pub struct ServiceWriter {
    transaction: WriteTransaction,
    /// Set when the SQLite database left WAL for this transaction ([`Store::import_writer`]):
    /// it goes back to WAL when the transaction ends.
    back_to_wal: Option<SqlitePool>,
    /// The store held no service when the transaction began and (as an import guarantees) no id
    /// is written twice: no service written has old terms or locations to delete.
    into_empty: bool,
    /// The SQL of the locations' secondary indexes, dropped for an import into an empty SQLite
    /// store and built again, from sorted keys, just before the commit.
    deferred_indexes: Vec<String>,
}

#[derive(Debug)]
enum WriteTransaction {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

impl ServiceWriter {
    /// Upserts a batch (at most [`WRITE_BATCH`] services keeps statements small).
    pub async fn write(&mut self, services: &[Service]) -> Result<()> {
        self.write_rows(BatchRows::of(services)?).await
    }

    /// Upserts the rows of a batch.
    pub(crate) async fn write_rows(&mut self, rows: BatchRows) -> Result<()> {
        let at = now();
        match &mut self.transaction {
            WriteTransaction::Sqlite(tx) => tx.write_rows(rows, &at, !self.into_empty).await,
            WriteTransaction::Postgres(tx) => tx.write_rows(rows, &at, !self.into_empty).await,
        }
    }

    /// Makes every batch written so far permanent.
    pub async fn commit(self) -> Result<()> {
        let committed = match self.transaction {
            WriteTransaction::Sqlite(mut tx) => {
                for index in &self.deferred_indexes {
                    sqlx::query(sqlx::AssertSqlSafe(index.as_str()))
                        .execute(&mut *tx)
                        .await?;
                }
                tune(&mut tx, Tuning::Reads).await?;
                tx.commit().await
            }
            WriteTransaction::Postgres(tx) => tx.commit().await,
        };
        finish(committed, self.back_to_wal).await
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

/// What a SQLite connection is set up for.
#[derive(Debug, Clone, Copy)]
enum Tuning {
    /// A write transaction: a big page cache, no memory map.
    BulkWrite,
    /// A scan of every service: the default cache, no memory map.
    Scan,
    /// Reads (and small writes): the default cache, reads from the mapped file.
    Reads,
}

/// Sets the page cache and memory map of one SQLite connection; allowed inside a transaction.
async fn tune(connection: &mut sqlx::SqliteConnection, tuning: Tuning) -> Result<()> {
    let (cache_kib, mmap_bytes) = match tuning {
        Tuning::BulkWrite => (SQLITE_WRITE_CACHE_KIB, 0),
        Tuning::Scan => (SQLITE_DEFAULT_CACHE_KIB, 0),
        Tuning::Reads => (SQLITE_DEFAULT_CACHE_KIB, SQLITE_MMAP_BYTES),
    };
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "PRAGMA cache_size = -{cache_kib}; PRAGMA mmap_size = {mmap_bytes}"
    )))
    .execute(connection)
    .await?;
    Ok(())
}
