//! Store maintenance for `signpost check`, `backup` and `restore`: the database's own integrity
//! checks, the applied migrations against the bundled ones, a scan of every stored document,
//! an online copy of a SQLite store (`VACUUM INTO`) and the inspection of such a copy.
//!
//! A store opened here with [`Store::open_unmigrated`] runs no migration and creates nothing, so
//! a check reports the store as it is and can run beside a server writing to it.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::Connection;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqliteLockingMode, SqlitePoolOptions};

use crate::error::{Result, StoreError};
use crate::open::{
    POSTGRES_MIGRATIONS, SQLITE_FILE, SQLITE_MIGRATIONS, Store, StoreConfig, first_connection,
};

/// Documents read at a time by [`Store::scan_documents`].
const SCAN_CHUNK: i64 = 5_000;
/// At most this many problems of one kind are kept (the count says how many there were).
const KEPT_PROBLEMS: usize = 20;

/// The applied migrations (sqlx's `_sqlx_migrations` table) against the ones bundled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Migrations {
    /// How many migrations this build bundles.
    pub bundled: usize,
    /// How many the store records as applied.
    pub applied: usize,
    /// Bundled versions the store has not applied yet (the next open applies them).
    pub pending: Vec<i64>,
    /// What is wrong: no migration table, a failed or changed migration, one this build does not
    /// know (the store was made by a newer Signpost).
    pub problems: Vec<String>,
}

impl Migrations {
    /// Every bundled migration applied, and nothing wrong.
    pub fn up_to_date(&self) -> bool {
        self.pending.is_empty() && self.problems.is_empty()
    }
}

/// Every stored service id, and the documents that do not read as an HSDS service.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentScan {
    /// Every service id, in id order (readable or not).
    pub ids: Vec<String>,
    /// The ids of the readable services that are withdrawn (`status` inactive or defunct): kept,
    /// but not searched, so not in the index.
    pub withdrawn: Vec<String>,
    /// How many documents do not read as a service.
    pub unreadable: usize,
    /// The first of them, as `id: why`.
    pub unreadable_examples: Vec<String>,
}

/// What [`inspect_sqlite_file`] found in a SQLite file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileInspection {
    /// `PRAGMA integrity_check` and `foreign_key_check` problems; empty when clean.
    pub integrity: Vec<String>,
    pub migrations: Migrations,
    /// How many services it holds (`None` without a services table).
    pub services: Option<u64>,
    /// How many of them do not read as an HSDS service.
    pub unreadable_documents: usize,
}

impl FileInspection {
    /// A sound Signpost store: clean, with a services table, only migrations this build knows
    /// and every document a service.
    pub fn is_signpost_store(&self) -> bool {
        self.integrity.is_empty()
            && self.services.is_some()
            && self.migrations.problems.is_empty()
            && self.unreadable_documents == 0
    }
}

impl Store {
    /// Opens an existing store without running migrations or creating anything: SQLite needs
    /// `dir/signpost.sqlite` to be there already. One connection is enough for maintenance.
    pub async fn open_unmigrated(config: &StoreConfig) -> Result<Store> {
        match config {
            StoreConfig::Sqlite { dir } => {
                let options = SqliteConnectOptions::new()
                    .filename(dir.join(SQLITE_FILE))
                    .create_if_missing(false)
                    .busy_timeout(Duration::from_secs(30));
                let pool = SqlitePoolOptions::new()
                    .max_connections(1)
                    .connect_with(options)
                    .await?;
                Ok(Store::Sqlite(pool))
            }
            StoreConfig::Postgres { url, schema } => {
                let mut options = PgConnectOptions::from_str(url)?;
                if let Some(schema) = schema {
                    options = options.options([("search_path", schema.as_str())]);
                }
                first_connection(&options).await?;
                let pool = PgPoolOptions::new()
                    .max_connections(1)
                    .connect_with(options)
                    .await?;
                Ok(Store::Postgres(pool))
            }
        }
    }

    /// The database's own consistency checks; empty when clean. SQLite: `PRAGMA integrity_check`
    /// and `PRAGMA foreign_key_check`. PostgreSQL keeps its own pages consistent; it is asked
    /// only that it answers.
    pub async fn integrity(&self) -> Result<Vec<String>> {
        match self {
            Store::Sqlite(pool) => {
                let mut connection = pool.acquire().await?;
                sqlite_integrity(&mut connection).await
            }
            Store::Postgres(pool) => {
                let _: i32 = sqlx::query_scalar("SELECT 1").fetch_one(pool).await?;
                Ok(Vec::new())
            }
        }
    }

    /// The applied migrations against the bundled ones.
    pub async fn migration_state(&self) -> Result<Migrations> {
        let applied = match self {
            Store::Sqlite(pool) => {
                let mut connection = pool.acquire().await?;
                sqlite_applied(&mut connection).await?
            }
            Store::Postgres(pool) => {
                let table: Option<String> =
                    sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations')::text")
                        .fetch_one(pool)
                        .await?;
                match table {
                    Some(_) => Some(
                        sqlx::query_as(
                            "SELECT version, success, checksum FROM _sqlx_migrations ORDER BY version",
                        )
                        .fetch_all(pool)
                        .await?,
                    ),
                    None => None,
                }
            }
        };
        let bundled = match self {
            Store::Sqlite(_) => &SQLITE_MIGRATIONS,
            Store::Postgres(_) => &POSTGRES_MIGRATIONS,
        };
        Ok(compare_migrations(bundled, applied))
    }

    /// Reads every stored document (in id order, a chunk at a time) and tries it as a service.
    pub async fn scan_documents(&self) -> Result<DocumentScan> {
        const PAGE: &str = "SELECT id, document FROM services WHERE id > $1 ORDER BY id LIMIT $2";
        let mut scan = DocumentScan::default();
        let mut after = String::new();
        loop {
            let rows: Vec<(String, String)> = crate::open::on_backend!(self, pool => {
                sqlx::query_as(PAGE)
                    .bind(&after)
                    .bind(SCAN_CHUNK)
                    .fetch_all(pool)
                    .await?
            });
            let full = rows.len() == usize::try_from(SCAN_CHUNK).unwrap_or(usize::MAX);
            for (id, document) in rows {
                match serde_json::from_str::<signpost_domain::Service>(&document) {
                    Ok(service) if service.is_withdrawn() => scan.withdrawn.push(id.clone()),
                    Ok(_) => {}
                    Err(error) => {
                        scan.unreadable += 1;
                        if scan.unreadable_examples.len() < KEPT_PROBLEMS {
                            scan.unreadable_examples.push(format!("{id}: {error}"));
                        }
                    }
                }
                scan.ids.push(id);
            }
            match scan.ids.last() {
                Some(last) if full => after.clone_from(last),
                _ => return Ok(scan),
            }
        }
    }

    /// Writes a consistent copy of a SQLite store to `out` with `VACUUM INTO`: a snapshot taken
    /// in one read transaction, so writers carry on meanwhile. `out` must not exist. PostgreSQL
    /// is backed up with its own tools (`pg_dump`).
    pub async fn backup_into(&self, out: &Path) -> Result<()> {
        match self {
            Store::Sqlite(pool) => {
                let target = out.to_str().ok_or_else(|| {
                    StoreError::Maintenance(format!(
                        "the backup path {} is not valid UTF-8",
                        out.display()
                    ))
                })?;
                sqlx::query("VACUUM INTO $1")
                    .bind(target)
                    .execute(pool)
                    .await?;
                Ok(())
            }
            Store::Postgres(_) => Err(StoreError::Maintenance(
                "a PostgreSQL store is backed up with pg_dump".to_owned(),
            )),
        }
    }
}

/// Whether another connection, of this process or another, has the SQLite store under `dir` open
/// (a server, an import, a search): a connection that asks for the file exclusively is refused
/// while any other is open, even an idle one. `false` when there is no store file.
pub async fn sqlite_in_use(dir: &Path) -> Result<bool> {
    let file = dir.join(SQLITE_FILE);
    if !file.exists() {
        return Ok(false);
    }
    let options = SqliteConnectOptions::new()
        .filename(file)
        .create_if_missing(false)
        .locking_mode(SqliteLockingMode::Exclusive)
        .busy_timeout(Duration::ZERO);
    let mut connection = match SqliteConnection::connect_with(&options).await {
        Ok(connection) => connection,
        Err(error) if is_busy(&error) => return Ok(true),
        Err(error) => return Err(error.into()),
    };
    let taken = sqlx::raw_sql("BEGIN EXCLUSIVE; SELECT COUNT(*) FROM sqlite_master; COMMIT")
        .execute(&mut connection)
        .await;
    connection.close().await?;
    match taken {
        Ok(_) => Ok(false),
        Err(error) if is_busy(&error) => Ok(true),
        Err(error) => Err(error.into()),
    }
}

/// SQLITE_BUSY (5) or SQLITE_LOCKED (6), with or without an extended code.
fn is_busy(error: &sqlx::Error) -> bool {
    let code = match error {
        sqlx::Error::Database(database) => database.code(),
        _ => None,
    };
    code.and_then(|code| code.parse::<u32>().ok())
        .is_some_and(|code| matches!(code & 0xff, 5 | 6))
}

/// Opens a SQLite file read-only (as immutable: nothing else may be writing it, and no `-wal` or
/// `-shm` file is made beside it) and inspects it: integrity, migrations, services.
pub async fn inspect_sqlite_file(path: &Path) -> Result<FileInspection> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false)
        .read_only(true)
        .immutable(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?;
    let mut connection = pool.acquire().await?;
    let integrity = sqlite_integrity(&mut connection).await?;
    let (migrations, services) = if integrity.is_empty() {
        let applied = sqlite_applied(&mut connection).await?;
        let has_services: Option<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'services'",
        )
        .fetch_optional(&mut *connection)
        .await?;
        let services = match has_services {
            Some(_) => Some(
                sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM services")
                    .fetch_one(&mut *connection)
                    .await?,
            ),
            None => None,
        };
        (
            compare_migrations(&SQLITE_MIGRATIONS, applied),
            services.map(|n| u64::try_from(n).unwrap_or(0)),
        )
    } else {
        (Migrations::default(), None)
    };
    drop(connection);
    let store = Store::Sqlite(pool);
    let unreadable_documents = match services {
        Some(_) => store.scan_documents().await?.unreadable,
        None => 0,
    };
    store.close().await;
    Ok(FileInspection {
        integrity,
        migrations,
        services,
        unreadable_documents,
    })
}

async fn sqlite_integrity(connection: &mut sqlx::SqliteConnection) -> Result<Vec<String>> {
    let said: Vec<String> = match sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut *connection)
        .await
    {
        Ok(said) => said,
        // A file damaged where SQLite must read it to check it at all (its schema, say).
        Err(sqlx::Error::Database(error)) => {
            return Ok(vec![format!(
                "SQLite cannot check the file: {}",
                error.message()
            )]);
        }
        Err(error) => return Err(error.into()),
    };
    let mut problems: Vec<String> = said.into_iter().filter(|line| line != "ok").collect();
    let orphans: Vec<(String, Option<i64>, String)> =
        sqlx::query_as("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check")
            .fetch_all(&mut *connection)
            .await?;
    problems.extend(orphans.into_iter().map(|(table, rowid, parent)| {
        let row = rowid.map_or_else(String::new, |rowid| format!(" row {rowid}"));
        format!("foreign key: {table}{row} refers to a missing {parent} row")
    }));
    Ok(problems)
}

type AppliedRow = (i64, bool, Vec<u8>);

/// The rows of `_sqlx_migrations`, or `None` when there is no such table.
async fn sqlite_applied(
    connection: &mut sqlx::SqliteConnection,
) -> Result<Option<Vec<AppliedRow>>> {
    let table: Option<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_optional(&mut *connection)
    .await?;
    if table.is_none() {
        return Ok(None);
    }
    Ok(Some(
        sqlx::query_as("SELECT version, success, checksum FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut *connection)
            .await?,
    ))
}

fn compare_migrations(bundled: &Migrator, applied: Option<Vec<AppliedRow>>) -> Migrations {
    let ups: Vec<_> = bundled
        .iter()
        .filter(|migration| !migration.migration_type.is_down_migration())
        .collect();
    let mut state = Migrations {
        bundled: ups.len(),
        ..Migrations::default()
    };
    let Some(applied) = applied else {
        state.problems.push(
            "no migration table (_sqlx_migrations): not a Signpost store, or never opened"
                .to_owned(),
        );
        return state;
    };
    state.applied = applied.len();
    for (version, success, checksum) in &applied {
        match ups.iter().find(|migration| migration.version == *version) {
            None => state.problems.push(format!(
                "migration {version} is not one this build knows (a newer Signpost made the store)"
            )),
            Some(_) if !success => state
                .problems
                .push(format!("migration {version} failed part way")),
            Some(migration) if migration.checksum.as_ref() != checksum.as_slice() => {
                state.problems.push(format!(
                    "migration {version} was changed after it was applied"
                ))
            }
            Some(_) => {}
        }
    }
    state.pending = ups
        .iter()
        .map(|migration| migration.version)
        .filter(|version| !applied.iter().any(|(applied, _, _)| applied == version))
        .collect();
    state
}
