//! Service reads and single-service writes: by id, pages with the ORUK filters, the walk of
//! every service in id order, taxonomy terms and service_at_locations; audited saves and deletes.

use std::collections::HashMap;

use signpost_domain::{Service, ServiceAtLocation, TaxonomyTerm};
use sqlx::QueryBuilder;

use crate::bulk::{WRITE_BATCH, WriteRows};
use crate::changes::{LogChange, Sequence, Touched};
use crate::error::{Result, StoreError};
use crate::open::{Store, Tuning, now, on_backend, tune};
use crate::records::{Actor, AuditAction};
use crate::rows::{BatchRows, compact_postcode};

/// ORUK `/services` filters; all optional, combined with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceFilter {
    /// Case-insensitive substring of the name or description.
    pub text: Option<String>,
    /// The id of a taxonomy term the service carries.
    pub taxonomy_term_id: Option<String>,
    /// A postcode, sector or district (`WS1 1AA`, `WS1 1`, `WS1`): a location's postcode starts with it.
    pub postcode: Option<String>,
    /// Written at or after this time: an RFC 3339 time in UTC with microseconds and `Z`
    /// (`2025-01-31T09:00:00.000000Z`), the form the store stamps, so the text compares in order.
    pub modified_after: Option<String>,
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

    /// When each of these services was last written (RFC 3339, the store's clock): imports and
    /// API writes alike stamp it. Ids not in the store are left out.
    pub async fn last_modified(&self, ids: &[&str]) -> Result<HashMap<String, String>> {
        let mut times = HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(WRITE_BATCH) {
            let rows: Vec<(String, String)> = on_backend!(self, pool => {
                let mut query =
                    QueryBuilder::new("SELECT id, updated_at FROM services WHERE id IN (");
                let mut list = query.separated(", ");
                for id in chunk {
                    list.push_bind(*id);
                }
                query.push(")");
                query.build_query_as().fetch_all(pool).await?
            });
            times.extend(rows);
        }
        Ok(times)
    }

    /// Deletes a service (and its rows); whether it was there.
    pub async fn delete_service(&self, id: &str) -> Result<bool> {
        Ok(self.delete_service_audited(id, None).await?.is_some())
    }

    /// Writes services (a repeated id counts once, as its last copy) in one transaction, each with
    /// an audit entry by `actor` holding the document before and after, and the change logged;
    /// the change's sequence.
    pub async fn upsert_services_audited(
        &self,
        services: &[Service],
        actor: &Actor,
    ) -> Result<Sequence> {
        Ok(self.write_audited(services, Some(actor)).await?.1)
    }

    /// Inserts or replaces one service, writing its audit entry (when an actor is given) and
    /// logging the change in the same transaction; what it did and the change's sequence.
    pub async fn save_service(
        &self,
        service: &Service,
        actor: Option<&Actor>,
    ) -> Result<(Written, Sequence)> {
        let (written, sequence) = self
            .write_audited(std::slice::from_ref(service), actor)
            .await?;
        Ok((
            written.first().copied().unwrap_or(Written::Created),
            sequence,
        ))
    }

    /// Writes services in one transaction and, when an actor is given, an audit entry for each
    /// with its document before and after; what each write did, in the batch's (id) order, and
    /// the sequence of the change logged with them.
    async fn write_audited(
        &self,
        services: &[Service],
        actor: Option<&Actor>,
    ) -> Result<(Vec<Written>, Sequence)> {
        let rows = BatchRows::of(services)?;
        let at = now();
        on_backend!(self, pool => {
            let mut tx = pool.begin().await?;
            let mut entries = Vec::with_capacity(rows.services.len());
            let touched = Touched::Services(rows.services.iter().map(|row| row.id.clone()).collect());
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
            let sequence = tx.log_change(&touched).await?;
            tx.commit().await?;
            Ok((written, sequence))
        })
    }

    /// Deletes a service, writing its audit entry (when an actor is given) and logging the change
    /// in the same transaction; the change's sequence, or `None` when there was no such service.
    pub async fn delete_service_audited(
        &self,
        id: &str,
        actor: Option<&Actor>,
    ) -> Result<Option<Sequence>> {
        let at = now();
        on_backend!(self, pool => {
            let mut tx = pool.begin().await?;
            let before: Option<String> =
                sqlx::query_scalar("SELECT document FROM services WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
            if before.is_none() {
                return Ok(None);
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
            let sequence = tx.log_change(&Touched::Services(vec![id.to_owned()])).await?;
            tx.commit().await?;
            Ok(Some(sequence))
        })
    }

    /// How many services the store holds.
    pub async fn count(&self) -> Result<u64> {
        let count: i64 = on_backend!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM services").fetch_one(pool).await?
        });
        Ok(u64::try_from(count).unwrap_or_default())
    }

    /// How many services the store holds whose HSDS `status` is `active`.
    pub async fn count_active(&self) -> Result<u64> {
        let count: i64 = match self {
            Store::Sqlite(pool) => sqlx::query_scalar(
                "SELECT COUNT(*) FROM services WHERE json_extract(document, '$.status') = 'active'",
            )
            .fetch_one(pool)
            .await?,
            Store::Postgres(pool) => {
                sqlx::query_scalar(
                    "SELECT COUNT(*) FROM services WHERE document::json ->> 'status' = 'active'",
                )
                .fetch_one(pool)
                .await?
            }
        };
        Ok(u64::try_from(count).unwrap_or_default())
    }

    /// How many services the store holds that are searched: all but the withdrawn ones
    /// (`signpost_domain::WITHDRAWN_STATUSES`), which are kept but left out of the index.
    pub async fn count_searchable(&self) -> Result<u64> {
        let [first, second] = signpost_domain::WITHDRAWN_STATUSES;
        let count: i64 = match self {
            Store::Sqlite(pool) => {
                sqlx::query_scalar(
                    "SELECT COUNT(*) FROM services \
                 WHERE COALESCE(json_extract(document, '$.status'), '') NOT IN ($1, $2)",
                )
                .bind(first)
                .bind(second)
                .fetch_one(pool)
                .await?
            }
            Store::Postgres(pool) => {
                sqlx::query_scalar(
                    "SELECT COUNT(*) FROM services \
                     WHERE COALESCE(document::json ->> 'status', '') NOT IN ($1, $2)",
                )
                .bind(first)
                .bind(second)
                .fetch_one(pool)
                .await?
            }
        };
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
}

/// `limit` services (`$2`) in id order after the id `$1`; from the first when `$1` is "", since
/// ids are never empty.
const SERVICES_AFTER: &str = "SELECT id, document FROM services WHERE id > $1 ORDER BY id LIMIT $2";

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
        clause = " AND ";
    }
    if let Some(since) = &filter.modified_after {
        query.push(clause);
        query.push("s.updated_at >= ");
        query.push_bind(since.clone());
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
