//! Test stores: SQLite in a temp dir, PostgreSQL in a fresh schema dropped afterwards.

use std::sync::atomic::{AtomicU32, Ordering};

use signpost_store::{Store, StoreConfig};
use sqlx::{AssertSqlSafe, Connection, PgConnection};

/// A store that cleans up after itself.
pub struct TestStore {
    pub store: Store,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir { _dir: tempfile::TempDir },
    Schema { url: String, schema: String },
}

impl std::ops::Deref for TestStore {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.store
    }
}

pub async fn sqlite() -> TestStore {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&StoreConfig::Sqlite {
        dir: dir.path().to_owned(),
    })
    .await
    .expect("open SQLite store");
    TestStore {
        store,
        cleanup: Cleanup::Dir { _dir: dir },
    }
}

/// The test database: `SIGNPOST_TEST_DATABASE_URL`, else `DATABASE_URL`, else the local server.
pub fn postgres_url() -> String {
    std::env::var("SIGNPOST_TEST_DATABASE_URL")
        .or_else(|_| std::env::var("DATABASE_URL"))
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// A store in a new schema of the test database. Panics (failing the test) when PostgreSQL is
/// unreachable: these tests never skip.
pub async fn postgres() -> TestStore {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let url = postgres_url();
    let schema = format!(
        "signpost_test_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    );
    let mut connection = PgConnection::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL at {url} is unreachable: {e}"));
    sqlx::query(AssertSqlSafe(format!(
        "DROP SCHEMA IF EXISTS {schema} CASCADE"
    )))
    .execute(&mut connection)
    .await
    .expect("drop old schema");
    sqlx::query(AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&mut connection)
        .await
        .expect("create schema");
    let store = Store::open(&StoreConfig::Postgres {
        url: url.clone(),
        schema: Some(schema.clone()),
    })
    .await
    .expect("open PostgreSQL store");
    TestStore {
        store,
        cleanup: Cleanup::Schema { url, schema },
    }
}

impl Drop for TestStore {
    fn drop(&mut self) {
        let Cleanup::Schema { url, schema } = &self.cleanup else {
            return;
        };
        let (url, schema) = (url.clone(), schema.clone());
        let store = self.store.clone();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async {
                store.close().await;
                if let Ok(mut connection) = PgConnection::connect(&url).await {
                    let drop = format!("DROP SCHEMA IF EXISTS {schema} CASCADE");
                    let _ = sqlx::query(AssertSqlSafe(drop))
                        .execute(&mut connection)
                        .await;
                }
            });
        })
        .join()
        .expect("schema cleanup");
    }
}
