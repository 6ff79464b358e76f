//! The [`Store`] itself: where it lives, opening a backend and running its migrations, and how
//! each SQLite connection is tuned.
//!
//! Both backends run the same SQL text (`$1` placeholders, `ON CONFLICT`, `RETURNING` work in
//! both); the [`on_backend!`] macro expands each method body once per backend, so the two cannot
//! drift apart. Timestamps are RFC 3339 UTC text, written by Signpost, not by the database.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, SystemTime};

use sqlx::Connection;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use crate::error::{Result, StoreError};

pub(crate) static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../../migrations/sqlite");
pub(crate) static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../../migrations/postgres");

/// The SQLite file inside the `--db DIR` directory.
pub const SQLITE_FILE: &str = "signpost.sqlite";

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
pub(crate) use on_backend;

/// The SQLite page cache of a write transaction (KiB): big enough to hold the indexes a bulk
/// import touches at random, so pages are not spilled and re-read mid-transaction.
const SQLITE_WRITE_CACHE_KIB: u32 = 65_536;
/// The memory map of a connection that reads (bytes). A write transaction maps nothing: the
/// pages a bulk import reads back (to build its indexes) would otherwise stay resident.
const SQLITE_MMAP_BYTES: u64 = 1 << 30;
/// SQLite's default page cache (KiB), restored when a write transaction ends.
const SQLITE_DEFAULT_CACHE_KIB: u32 = 2000;

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
}

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
    first_connection(&options).await?;
    let pool = PgPoolOptions::new()
        .max_connections(8)
        .acquire_timeout(POSTGRES_ACQUIRE_TIMEOUT)
        .connect_with(options)
        .await?;
    // Replicas starting together on one database migrate it once: the migrator holds
    // PostgreSQL's session advisory lock (`pg_advisory_lock`, keyed by the database's name) from
    // before it reads `_sqlx_migrations` until after the last migration, each migration in its
    // own transaction with its row, so the others wait, then find every migration applied.
    POSTGRES_MIGRATIONS.run(&pool).await?;
    tracing::debug!("opened PostgreSQL store");
    Ok(Store::Postgres(pool))
}

/// How long a query waits for a connection: while PostgreSQL is down, a write is answered
/// `store_unavailable` after this instead of hanging.
const POSTGRES_ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// How long opening PostgreSQL waits for its first connection before giving up.
const POSTGRES_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Connects once before the pool is built, so that a server that cannot be reached, refuses the
/// user or has no such database is reported at once with its cause; the pool would retry until
/// its acquire timeout and then say only that it timed out.
pub(crate) async fn first_connection(options: &PgConnectOptions) -> Result<()> {
    let failed = |cause: String| StoreError::Connect {
        target: postgres_target(options),
        cause,
    };
    match tokio::time::timeout(
        POSTGRES_CONNECT_TIMEOUT,
        PgConnection::connect_with(options),
    )
    .await
    {
        Ok(Ok(connection)) => Ok(connection.close().await?),
        Ok(Err(error)) => Err(failed(connect_cause(&error))),
        Err(_) => Err(failed(format!(
            "no answer within {} s",
            POSTGRES_CONNECT_TIMEOUT.as_secs()
        ))),
    }
}

/// Where a connection goes, for messages: host and port (or socket), database and user, never
/// the password.
fn postgres_target(options: &PgConnectOptions) -> String {
    let place = match options.get_socket() {
        Some(socket) => socket.display().to_string(),
        None => format!("{}:{}", options.get_host(), options.get_port()),
    };
    let database = options.get_database().unwrap_or(options.get_username());
    format!(
        "{place} (database {database}, user {})",
        options.get_username()
    )
}

/// Why a connection failed, in the server's words or the operating system's.
fn connect_cause(error: &sqlx::Error) -> String {
    match error {
        sqlx::Error::Database(database) => database.message().to_owned(),
        sqlx::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused".to_owned()
        }
        sqlx::Error::Io(io) => io.to_string(),
        other => other.to_string(),
    }
}

/// The current time as RFC 3339 UTC with microseconds (sorts as text).
pub(crate) fn now() -> String {
    humantime::format_rfc3339_micros(SystemTime::now()).to_string()
}

/// What a SQLite connection is set up for.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Tuning {
    /// A write transaction: a big page cache, no memory map.
    BulkWrite,
    /// A scan of every service: the default cache, no memory map.
    Scan,
    /// Reads (and small writes): the default cache, reads from the mapped file.
    Reads,
}

/// Sets the page cache and memory map of one SQLite connection; allowed inside a transaction.
pub(crate) async fn tune(connection: &mut sqlx::SqliteConnection, tuning: Tuning) -> Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// docs/deploy.md promises that replicas starting at once migrate under the advisory lock.
    #[test]
    fn postgres_migrations_run_under_the_advisory_lock() {
        assert!(POSTGRES_MIGRATIONS.locking);
    }

    #[test]
    fn a_connection_is_named_without_its_password() {
        let options = PgConnectOptions::from_str("postgres://ops:hunter2@db.example:6543/signpost")
            .expect("a URL");
        let target = postgres_target(&options);
        assert_eq!(target, "db.example:6543 (database signpost, user ops)");
        assert!(!target.contains("hunter2"));
    }
}
