//! Migration 0015: a store written before confidential locations were coarsened at write time
//! (its location row holding the hidden point and unit postcode) is coarsened when opened, on
//! both backends; open locations and the stored document are left as they were.

use serde_json::json;
use signpost_domain::Service;
use signpost_store::{Store, StoreConfig};
use sqlx::{AssertSqlSafe, Connection, PgConnection};

#[allow(dead_code)] // this file uses only the test database's URL of the shared helpers
mod common;
use common::postgres_url;

fn refuge() -> Service {
    let mark = json!([{"id": "refuge-safe", "taxonomy_term": {
        "id": "signpost-safety:confidential-location", "code": "confidential-location",
        "name": "Confidential location", "taxonomy": "signpost-safety"}}]);
    serde_json::from_value(json!({
        "id": "refuge", "name": "Refuge",
        "service_at_locations": [
            {"id": "sal-hidden", "location": {"id": "loc-hidden", "latitude": 52.56571,
             "longitude": -1.99431, "attributes": mark,
             "addresses": [{"id": "a1", "address_1": "14 Larkspur Grove", "city": "Walsall",
                            "postal_code": "WS1 4NE", "country": "GB"}]}},
            {"id": "sal-open", "location": {"id": "loc-open", "latitude": 52.5862,
             "longitude": -1.9829,
             "addresses": [{"id": "a2", "address_1": "1 Park Street", "city": "Walsall",
                            "postal_code": "WS1 1AA", "country": "GB"}]}}
        ]
    }))
    .expect("service")
}

async fn execute(store: &Store, sql: &str) {
    let sql = AssertSqlSafe(sql.to_owned());
    match store {
        Store::Sqlite(pool) => sqlx::query(sql).execute(pool).await.map(drop),
        Store::Postgres(pool) => sqlx::query(sql).execute(pool).await.map(drop),
    }
    .expect("statement");
}

type Row = (String, Option<f64>, Option<String>);

async fn location_rows(store: &Store) -> Vec<Row> {
    let sql = "SELECT id, latitude, postcode FROM service_at_locations ORDER BY id";
    match store {
        Store::Sqlite(pool) => sqlx::query_as(sql).fetch_all(pool).await,
        Store::Postgres(pool) => sqlx::query_as(sql).fetch_all(pool).await,
    }
    .expect("rows")
}

/// Writes the refuge, puts its row back in the shape an old store left it, forgets migration
/// 15, and opens the store again.
async fn an_old_row_is_coarsened_at_open(config: &StoreConfig) {
    let store = Store::open(config).await.expect("open");
    store.save_service(&refuge(), None).await.expect("save");
    let coarse = location_rows(&store).await;
    assert_eq!(
        coarse[0],
        ("sal-hidden".to_owned(), None, Some("WS1".to_owned()))
    );
    execute(
        &store,
        "UPDATE service_at_locations SET latitude = 52.56571, longitude = -1.99431, \
         postcode = 'WS14NE' WHERE id = 'sal-hidden'",
    )
    .await;
    execute(&store, "DELETE FROM _sqlx_migrations WHERE version = 15").await;
    store.close().await;

    let reopened = Store::open(config).await.expect("reopen");
    assert_eq!(
        location_rows(&reopened).await,
        coarse,
        "the hidden point and unit postcode are gone; the open location keeps its own"
    );
    assert_eq!(coarse[1].2.as_deref(), Some("WS11AA"));
    let stored = reopened
        .service("refuge")
        .await
        .expect("read")
        .expect("stored");
    let hidden = stored.service_at_locations[0]
        .location
        .as_ref()
        .expect("location");
    assert_eq!(
        hidden.latitude,
        Some(52.56571),
        "the document keeps it (export --include-confidential)"
    );
    reopened.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_old_confidential_rows_are_coarsened() {
    let dir = tempfile::tempdir().expect("dir");
    an_old_row_is_coarsened_at_open(&StoreConfig::Sqlite {
        dir: dir.path().to_owned(),
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_old_confidential_rows_are_coarsened() {
    let url = postgres_url();
    let schema = format!("signpost_test_coarsen_{}", std::process::id());
    let mut connection = PgConnection::connect(&url).await.expect("PostgreSQL");
    for sql in [
        format!("DROP SCHEMA IF EXISTS {schema} CASCADE"),
        format!("CREATE SCHEMA {schema}"),
    ] {
        sqlx::query(AssertSqlSafe(sql))
            .execute(&mut connection)
            .await
            .expect("schema");
    }
    an_old_row_is_coarsened_at_open(&StoreConfig::Postgres {
        url: url.clone(),
        schema: Some(schema.clone()),
    })
    .await;
    sqlx::query(AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
        .execute(&mut connection)
        .await
        .expect("drop schema");
}
