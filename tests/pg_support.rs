//! Helpers for the end-to-end tests that need a PostgreSQL database of their own: a fresh,
//! empty database on the test server (`SIGNPOST_TEST_DATABASE_URL`, else the local `test`
//! database's server), dropped at the end, and SQL through `psql`. Each test file includes this
//! module with `#[path = "pg_support.rs"] mod pg;` and uses only some of it.
#![allow(dead_code)]

use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

/// The test server's URL (its `test` database).
pub fn server_url() -> String {
    std::env::var("SIGNPOST_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// `url` with its database replaced by `database`.
pub fn url_of(url: &str, database: &str) -> String {
    let (server, _) = url.rsplit_once('/').expect("a URL with a database");
    format!("{server}/{database}")
}

/// One SQL statement through `psql` against `url`; its unaligned, tuples-only output.
pub fn psql(url: &str, sql: &str) -> String {
    let output = Command::new("psql")
        .args([
            "-X",
            "-q",
            "-A",
            "-t",
            "-v",
            "ON_ERROR_STOP=1",
            url,
            "-c",
            sql,
        ])
        .output()
        .expect("psql runs (postgresql-client)");
    assert!(
        output.status.success(),
        "psql {sql:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

/// A new, empty database on the test server, dropped at the end.
pub struct FreshDatabase {
    admin: String,
    pub name: String,
    pub url: String,
}

impl FreshDatabase {
    /// A database named from `prefix`, this process and the moment, so runs never collide.
    pub fn new(prefix: &str) -> FreshDatabase {
        let admin = server_url();
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("a clock after 1970")
            .subsec_nanos();
        let name = format!("{prefix}_{}_{nanos}", std::process::id());
        psql(&admin, &format!("CREATE DATABASE {name}"));
        let url = url_of(&admin, &name);
        FreshDatabase { admin, name, url }
    }
}

impl Drop for FreshDatabase {
    fn drop(&mut self) {
        let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        let _ = Command::new("psql")
            .args(["-X", "-q", &self.admin, "-c", &sql])
            .output();
    }
}
