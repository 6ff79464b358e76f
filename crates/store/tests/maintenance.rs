//! Store maintenance (`signpost check`, `backup`, `restore`): integrity, the applied migrations
//! against the bundled ones and the document scan on both backends; the SQLite copy and its
//! inspection.

mod common;

use serde_json::json;
use signpost_domain::Service;
use signpost_store::{Store, inspect_sqlite_file, sqlite_in_use};
use sqlx::AssertSqlSafe;

fn service(id: &str) -> Service {
    serde_json::from_value(json!({"id": id, "name": format!("Service {id}")})).expect("service")
}

/// Runs one statement on whichever backend the store is.
async fn execute(store: &Store, sql: &str) {
    let sql = AssertSqlSafe(sql.to_owned());
    match store {
        Store::Sqlite(pool) => sqlx::query(sql).execute(pool).await.map(drop),
        Store::Postgres(pool) => sqlx::query(sql).execute(pool).await.map(drop),
    }
    .expect("statement");
}

async fn a_fresh_store_checks_clean(store: &Store) {
    assert_eq!(
        store.integrity().await.expect("integrity"),
        Vec::<String>::new()
    );
    let migrations = store.migration_state().await.expect("migrations");
    assert!(migrations.up_to_date(), "{migrations:?}");
    assert_eq!(migrations.applied, migrations.bundled);
    assert!(migrations.bundled >= 2);
}

/// The highest migration version applied (numbers may skip: each feature owns its own).
async fn last_version(store: &Store) -> i64 {
    let sql = "SELECT MAX(version) FROM _sqlx_migrations";
    match store {
        Store::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await,
        Store::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await,
    }
    .expect("the last version")
}

async fn missing_failed_changed_and_unknown_migrations_are_reported(store: &Store) {
    let last = last_version(store).await;
    execute(
        store,
        &format!("DELETE FROM _sqlx_migrations WHERE version = {last}"),
    )
    .await;
    let state = store.migration_state().await.expect("state");
    assert_eq!(state.pending, vec![last]);
    assert!(state.problems.is_empty(), "{state:?}");
    assert!(!state.up_to_date());

    let changed = "UPDATE _sqlx_migrations SET checksum = checksum || checksum WHERE version = 1";
    execute(store, changed).await;
    let problems = store.migration_state().await.expect("state").problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("migration 1 was changed"),
        "{problems:?}"
    );
    let failed = "UPDATE _sqlx_migrations SET success = FALSE WHERE version = 1";
    execute(store, failed).await;
    execute(
        store,
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         SELECT 9999, 'from the future', TRUE, checksum, 0 FROM _sqlx_migrations WHERE version = 1",
    )
    .await;
    let problems = store.migration_state().await.expect("state").problems;
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("migration 1 failed"), "{problems:?}");
    assert!(
        problems[1].contains("9999 is not one this build knows"),
        "{problems:?}"
    );

    execute(store, "DROP TABLE _sqlx_migrations").await;
    let problems = store.migration_state().await.expect("state").problems;
    assert!(problems[0].contains("no migration table"), "{problems:?}");
}

async fn the_scan_names_every_id_and_each_unreadable_document(store: &Store) {
    let services: Vec<Service> = ["a", "b", "c"].into_iter().map(service).collect();
    store.upsert_services(&services).await.expect("upsert");
    let scan = store.scan_documents().await.expect("scan");
    assert_eq!(scan.ids, ["a", "b", "c"]);
    assert_eq!(scan.unreadable, 0);
    execute(
        store,
        "UPDATE services SET document = '{\"id\": \"b\", \"name\": 7' WHERE id = 'b'",
    )
    .await;
    let scan = store.scan_documents().await.expect("scan");
    assert_eq!(scan.ids, ["a", "b", "c"]);
    assert_eq!(scan.unreadable, 1);
    assert!(scan.unreadable_examples[0].starts_with("b: "), "{scan:?}");
}

macro_rules! both_backends {
    ($($test:ident),*) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    let store = super::common::sqlite().await;
                    super::$test(&store).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    let store = super::common::postgres().await;
                    super::$test(&store).await;
                }
            )*
        }
    };
}

both_backends!(
    a_fresh_store_checks_clean,
    missing_failed_changed_and_unknown_migrations_are_reported,
    the_scan_names_every_id_and_each_unreadable_document
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_copy_is_a_clean_signpost_store_and_a_cut_one_is_not() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&signpost_store::StoreConfig::Sqlite {
        dir: dir.path().join("data"),
    })
    .await
    .expect("open");
    let services: Vec<Service> = (0..300).map(|i| service(&format!("s{i:03}"))).collect();
    store.upsert_services(&services).await.expect("upsert");
    assert!(
        sqlite_in_use(&dir.path().join("data"))
            .await
            .expect("probe")
    );

    let copy = dir.path().join("copy.sqlite");
    store.backup_into(&copy).await.expect("backup");
    assert!(store.backup_into(&copy).await.is_err(), "never overwrites");
    store.close().await;
    assert!(
        !sqlite_in_use(&dir.path().join("data"))
            .await
            .expect("probe")
    );

    let inspection = inspect_sqlite_file(&copy).await.expect("inspect");
    assert!(inspection.is_signpost_store(), "{inspection:?}");
    assert_eq!(inspection.services, Some(300));
    assert!(inspection.migrations.up_to_date());
    assert!(
        !dir.path().join("copy.sqlite-wal").exists(),
        "inspection leaves nothing beside the file"
    );

    let bytes = std::fs::read(&copy).expect("read copy");
    let cut = dir.path().join("cut.sqlite");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("write");
    let inspection = inspect_sqlite_file(&cut).await.expect("inspect");
    assert!(!inspection.integrity.is_empty(), "{inspection:?}");
    assert!(!inspection.is_signpost_store());

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a database").expect("write");
    let inspection = inspect_sqlite_file(&text).await.expect("inspect");
    assert_eq!(
        inspection.integrity,
        ["SQLite cannot check the file: file is not a database"]
    );
    assert!(!inspection.is_signpost_store());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_is_not_copied_with_vacuum_into() {
    let store = common::postgres().await;
    let out = tempfile::tempdir().expect("dir");
    let error = store
        .backup_into(&out.path().join("pg.sqlite"))
        .await
        .expect_err("refused");
    assert!(error.to_string().contains("pg_dump"), "{error}");
}
