//! PostgreSQL for the app's store tests: the test server's URL and a fresh, empty schema on it.
//! Each test file that needs it includes this module with `mod common;`.

use sqlx::{AssertSqlSafe, Connection, PgConnection};

/// The test server (`SIGNPOST_TEST_DATABASE_URL`, else `DATABASE_URL`, else the local `test`
/// database), a schema `{prefix}_{process id}` made empty on it, and the connection that made it
/// (for checks and for dropping the schema at the end).
pub async fn fresh_schema(prefix: &str) -> (String, String, PgConnection) {
    let url = std::env::var("SIGNPOST_TEST_DATABASE_URL")
        .or_else(|_| std::env::var("DATABASE_URL"))
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned());
    let schema = format!("{prefix}_{}", std::process::id());
    let mut connection = PgConnection::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL at {url} is unreachable: {e}"));
    for sql in [
        format!("DROP SCHEMA IF EXISTS {schema} CASCADE"),
        format!("CREATE SCHEMA {schema}"),
    ] {
        sqlx::query(AssertSqlSafe(sql))
            .execute(&mut connection)
            .await
            .expect("schema");
    }
    (url, schema, connection)
}
