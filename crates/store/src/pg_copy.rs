//! PostgreSQL's bulk service writes ([`WriteRows`] for `PgConnection`).
//!
//! An import into an empty store (the batch's services are all new, [`import_writer`])
//! streams the services, their terms and their locations into their tables with `COPY ... FROM
//! STDIN` in the binary format: no SQL to parse or plan per row and no escaping, each value sent
//! as its length and its bytes. Any other write upserts: each column is bound as an array and
//! unnested, so every statement is prepared once and sent with a handful of parameters. The
//! taxonomy terms, shared between batches, are always upserted.
//!
//! PostgreSQL text cannot hold the NUL character (U+0000), which a JSON string may spell
//! `\u0000`: a service or term with one in a column is refused, naming it, before anything of
//! its batch is sent. (Its document, JSON text, always has it escaped.)

use sqlx::PgConnection;
use sqlx::postgres::PgPool;

use crate::bulk::{CHILD_TABLES, ServiceWriter, UPSERT_SERVICE, UPSERT_TERM, WriteRows};
use crate::error::{Result, StoreError};
use crate::rows::{BatchRows, LocationRow, ServiceRow};

/// The start of every binary COPY stream: the signature, no flags, no header extension.
const BINARY_HEADER: &[u8; 19] = b"PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0";

/// The field count that ends a binary COPY stream.
const BINARY_TRAILER: i16 = -1;

/// PostgreSQL's largest value (1 GiB less one byte).
const MAX_VALUE_BYTES: usize = (1 << 30) - 1;

const HOLDS_NUL: &str = "holds the NUL character (U+0000), which PostgreSQL text cannot hold";
const TOO_LONG: &str = "is longer than PostgreSQL's 1 GiB limit for a value";

const COPY_SERVICES: &str = "COPY services (id, name, description, organization_name, \
     assured_date, provenance_source, updated_at, document) FROM STDIN (FORMAT binary)";
const COPY_SERVICE_TERMS: &str =
    "COPY service_taxonomy_terms (service_id, taxonomy_term_id) FROM STDIN (FORMAT binary)";
const COPY_LOCATIONS: &str = "COPY service_at_locations \
     (id, service_id, location_id, latitude, longitude, postcode) FROM STDIN (FORMAT binary)";

/// Whether PostgreSQL can store `value` as text; the reason when it cannot.
fn storable(value: &str) -> Result<(), &'static str> {
    if value.contains('\0') {
        Err(HOLDS_NUL)
    } else if value.len() > MAX_VALUE_BYTES {
        Err(TOO_LONG)
    } else {
        Ok(())
    }
}

/// The error for a value of `owner` (a service or term) that PostgreSQL cannot store.
fn refused(owner: &str, id: &str, column: &'static str) -> impl FnOnce(&'static str) -> StoreError {
    let owner = format!("{owner} {id}");
    move |reason| StoreError::NotStorable {
        owner,
        column,
        reason,
    }
}

/// Rows in COPY's binary format: a header, then per row its field count and each field as a
/// length (-1 for NULL) and bytes (text as UTF-8, float8 as big-endian IEEE 754), then a trailer.
struct BinaryRows {
    bytes: Vec<u8>,
}

impl BinaryRows {
    fn new() -> BinaryRows {
        BinaryRows {
            bytes: BINARY_HEADER.to_vec(),
        }
    }

    fn row(&mut self, fields: i16) {
        self.bytes.extend_from_slice(&fields.to_be_bytes());
    }

    fn text(&mut self, value: &str) -> Result<(), &'static str> {
        storable(value)?;
        let length = i32::try_from(value.len()).map_err(|_| TOO_LONG)?;
        self.bytes.extend_from_slice(&length.to_be_bytes());
        self.bytes.extend_from_slice(value.as_bytes());
        Ok(())
    }

    fn optional_text(&mut self, value: Option<&str>) -> Result<(), &'static str> {
        match value {
            Some(value) => self.text(value),
            None => {
                self.null();
                Ok(())
            }
        }
    }

    fn float(&mut self, value: Option<f64>) {
        match value {
            Some(value) => {
                self.bytes.extend_from_slice(&8_i32.to_be_bytes());
                self.bytes.extend_from_slice(&value.to_be_bytes());
            }
            None => self.null(),
        }
    }

    fn null(&mut self) {
        self.bytes.extend_from_slice(&(-1_i32).to_be_bytes());
    }

    fn end(mut self) -> Vec<u8> {
        self.bytes.extend_from_slice(&BINARY_TRAILER.to_be_bytes());
        self.bytes
    }
}

/// The `services` rows of [`COPY_SERVICES`], stamped `now`.
fn service_copy(services: &[ServiceRow], now: &str) -> Result<Vec<u8>> {
    let mut rows = BinaryRows::new();
    for s in services {
        let refused = |column| refused("service", &s.id, column);
        rows.row(8);
        rows.text(&s.id).map_err(refused("id"))?;
        rows.text(&s.name).map_err(refused("name"))?;
        rows.optional_text(s.description.as_deref())
            .map_err(refused("description"))?;
        rows.optional_text(s.organization_name.as_deref())
            .map_err(refused("organization name"))?;
        rows.optional_text(s.assured_date.as_deref())
            .map_err(refused("assured date"))?;
        rows.optional_text(s.provenance_source.as_deref())
            .map_err(refused("provenance source"))?;
        rows.text(now).map_err(refused("updated_at"))?;
        rows.text(&s.document).map_err(refused("document"))?;
    }
    Ok(rows.end())
}

/// The `service_taxonomy_terms` rows of [`COPY_SERVICE_TERMS`].
fn service_term_copy(service_terms: &[(String, String)]) -> Result<Vec<u8>> {
    let mut rows = BinaryRows::new();
    for (service_id, term_id) in service_terms {
        let refused = |column| refused("service", service_id, column);
        rows.row(2);
        rows.text(service_id).map_err(refused("id"))?;
        rows.text(term_id).map_err(refused("taxonomy term id"))?;
    }
    Ok(rows.end())
}

/// The `service_at_locations` rows of [`COPY_LOCATIONS`].
fn location_copy(locations: &[LocationRow]) -> Result<Vec<u8>> {
    let mut rows = BinaryRows::new();
    for l in locations {
        let refused = |column| refused("service", &l.service_id, column);
        rows.row(6);
        rows.text(&l.id)
            .map_err(refused("service_at_location id"))?;
        rows.text(&l.service_id).map_err(refused("id"))?;
        rows.optional_text(l.location_id.as_deref())
            .map_err(refused("location id"))?;
        rows.float(l.latitude);
        rows.float(l.longitude);
        rows.optional_text(l.postcode.as_deref())
            .map_err(refused("postcode"))?;
    }
    Ok(rows.end())
}

/// Sends `data` (binary rows) with one `COPY ... FROM STDIN` statement.
async fn copy_in(connection: &mut PgConnection, statement: &str, data: Vec<u8>) -> Result<()> {
    let mut copy = connection.copy_in_raw(statement).await?;
    copy.send(data).await?;
    copy.finish().await?;
    Ok(())
}

impl WriteRows for PgConnection {
    async fn write_rows(
        &mut self,
        rows: BatchRows,
        now: &str,
        replace_children: bool,
    ) -> Result<()> {
        if rows.services.is_empty() {
            return Ok(());
        }
        check_terms(&rows)?;
        if replace_children {
            check_services(&rows)?;
            upsert_services(self, &rows, now).await?;
            upsert_terms(self, rows.terms).await?;
            upsert_children(self, rows.service_terms, rows.locations).await
        } else {
            let services = service_copy(&rows.services, now)?;
            let service_terms = service_term_copy(&rows.service_terms)?;
            let locations = location_copy(&rows.locations)?;
            copy_in(self, COPY_SERVICES, services).await?;
            upsert_terms(self, rows.terms).await?;
            copy_in(self, COPY_SERVICE_TERMS, service_terms).await?;
            copy_in(self, COPY_LOCATIONS, locations).await
        }
    }
}

/// Refuses a batch whose terms PostgreSQL cannot store.
fn check_terms(rows: &BatchRows) -> Result<()> {
    for term in rows.terms.values() {
        let refused = |column| refused("taxonomy term", &term.id, column);
        storable(&term.id).map_err(refused("id"))?;
        storable(&term.name).map_err(refused("name"))?;
        storable(&term.description).map_err(refused("description"))?;
        storable(term.code.as_deref().unwrap_or_default()).map_err(refused("code"))?;
        storable(term.taxonomy.as_deref().unwrap_or_default()).map_err(refused("taxonomy"))?;
    }
    Ok(())
}

/// Refuses a batch whose services or locations PostgreSQL cannot store (the checks the COPY
/// encoding makes, for the upserting path).
fn check_services(rows: &BatchRows) -> Result<()> {
    service_copy(&rows.services, "")?;
    service_term_copy(&rows.service_terms)?;
    location_copy(&rows.locations)?;
    Ok(())
}

/// Upserts the services of a batch (last writer wins), then deletes their old terms and
/// locations.
async fn upsert_services(connection: &mut PgConnection, rows: &BatchRows, now: &str) -> Result<()> {
    let ids: Vec<&str> = rows.services.iter().map(|s| s.id.as_str()).collect();
    for table in CHILD_TABLES {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE service_id = ANY($1)"
        )))
        .bind(&ids)
        .execute(&mut *connection)
        .await?;
    }
    let columns = ServiceColumns::of(&rows.services);
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
    .execute(&mut *connection)
    .await?;
    Ok(())
}

/// Upserts the taxonomy terms of a batch.
async fn upsert_terms(
    connection: &mut PgConnection,
    terms: std::collections::BTreeMap<String, signpost_domain::TaxonomyTerm>,
) -> Result<()> {
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
    .execute(&mut *connection)
    .await?;
    Ok(())
}

/// Adds the terms and locations of upserted services (their old ones deleted).
async fn upsert_children(
    connection: &mut PgConnection,
    service_terms: Vec<(String, String)>,
    locations: Vec<LocationRow>,
) -> Result<()> {
    let (service_ids, term_ids): (Vec<String>, Vec<String>) = service_terms.into_iter().unzip();
    sqlx::query(
        "INSERT INTO service_taxonomy_terms (service_id, taxonomy_term_id) \
         SELECT * FROM UNNEST($1::text[], $2::text[]) ON CONFLICT DO NOTHING",
    )
    .bind(service_ids)
    .bind(term_ids)
    .execute(&mut *connection)
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
    .execute(&mut *connection)
    .await?;
    Ok(())
}

/// The services columns of a batch as arrays (the ids are bound separately).
struct ServiceColumns<'a> {
    name: Vec<&'a str>,
    description: Vec<Option<&'a str>>,
    organization_name: Vec<Option<&'a str>>,
    assured_date: Vec<Option<&'a str>>,
    provenance_source: Vec<Option<&'a str>>,
    document: Vec<&'a str>,
}

impl<'a> ServiceColumns<'a> {
    fn of(services: &'a [ServiceRow]) -> ServiceColumns<'a> {
        ServiceColumns {
            name: services.iter().map(|s| s.name.as_str()).collect(),
            description: services.iter().map(|s| s.description.as_deref()).collect(),
            organization_name: services
                .iter()
                .map(|s| s.organization_name.as_deref())
                .collect(),
            assured_date: services.iter().map(|s| s.assured_date.as_deref()).collect(),
            provenance_source: services
                .iter()
                .map(|s| s.provenance_source.as_deref())
                .collect(),
            document: services.iter().map(|s| s.document.as_str()).collect(),
        }
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

/// The transaction of one file's import into PostgreSQL: into an empty store, the services
/// table is locked against other writers (`SHARE ROW EXCLUSIVE`: readers go on) until the
/// commit, so it stays empty but for this import and its rows can be copied in directly.
pub(crate) async fn import_writer(pool: &PgPool) -> Result<ServiceWriter> {
    let mut transaction = pool.begin().await?;
    let into_empty = empty(&mut transaction).await? && {
        // A writer that committed between the check and the lock is seen by the second check.
        sqlx::query("LOCK TABLE services IN SHARE ROW EXCLUSIVE MODE")
            .execute(&mut *transaction)
            .await?;
        empty(&mut transaction).await?
    };
    Ok(ServiceWriter::postgres(transaction, into_empty))
}

async fn empty(connection: &mut PgConnection) -> Result<bool> {
    Ok(
        sqlx::query_scalar("SELECT NOT EXISTS (SELECT 1 FROM services)")
            .fetch_one(&mut *connection)
            .await?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_rows_have_header_lengths_nulls_big_endian_floats_and_trailer() {
        let mut rows = BinaryRows::new();
        rows.row(3);
        rows.text("a\tb").expect("text");
        rows.optional_text(None).expect("null");
        rows.float(Some(1.5));
        let mut expected = b"PGCOPY\n\xff\r\n\0".to_vec();
        expected.extend([0, 0, 0, 0, 0, 0, 0, 0]);
        expected.extend([0, 3]);
        expected.extend([0, 0, 0, 3, b'a', b'\t', b'b']);
        expected.extend([0xff, 0xff, 0xff, 0xff]);
        expected.extend([0, 0, 0, 8, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0]);
        expected.extend([0xff, 0xff]);
        assert_eq!(rows.end(), expected);
    }

    #[test]
    fn awkward_text_is_sent_as_its_own_bytes() {
        for value in [
            "tab\there",
            "line\nbreak\r\n",
            "back\\slash",
            "\"quoted\"",
            "Cymraeg ŵŷ",
            "اردو",
            "",
        ] {
            let mut rows = BinaryRows::new();
            rows.text(value).expect("storable");
            let bytes = rows.end();
            let field = &bytes[BINARY_HEADER.len()..bytes.len() - 2];
            let length = i32::from_be_bytes(field[..4].try_into().expect("length"));
            assert_eq!(usize::try_from(length).ok(), Some(value.len()));
            assert_eq!(&field[4..], value.as_bytes());
        }
    }

    #[test]
    fn a_nul_character_is_refused_naming_the_service_and_column() {
        let row = ServiceRow {
            id: "s1".to_owned(),
            name: "Nul\0here".to_owned(),
            description: None,
            organization_name: None,
            assured_date: None,
            provenance_source: None,
            document: "{}".to_owned(),
        };
        let error = service_copy(&[row], "now").expect_err("NUL refused");
        assert_eq!(
            error.to_string(),
            "service s1 cannot be stored in PostgreSQL: its name holds the NUL character \
             (U+0000), which PostgreSQL text cannot hold"
        );
    }
}
