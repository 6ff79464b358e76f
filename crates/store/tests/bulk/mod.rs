//! SQLite imports into an empty store leave WAL for the rollback journal when they are alone,
//! and stay in WAL beside other connections; a kill -9 midway leaves the store as it was.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use signpost_store::import::{ImportOptions, import_file};
use signpost_store::{SQLITE_FILE, Store, StoreConfig};
use signpost_synth::SynthConfig;

async fn open(dir: &Path) -> Store {
    Store::open(&StoreConfig::Sqlite {
        dir: dir.to_owned(),
    })
    .await
    .expect("open SQLite store")
}

/// The store as `signpost import` opens it: one connection.
async fn open_importer(dir: &Path) -> Store {
    Store::open_for_import(&StoreConfig::Sqlite {
        dir: dir.to_owned(),
    })
    .await
    .expect("open SQLite store for import")
}

fn pool(store: &Store) -> &sqlx::SqlitePool {
    match store {
        Store::Sqlite(pool) => pool,
        Store::Postgres(_) => panic!("a SQLite store"),
    }
}

async fn journal_mode(store: &Store) -> String {
    sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(pool(store))
        .await
        .expect("journal mode")
}

fn synth_file(dir: &Path, count: u64) -> PathBuf {
    let path = dir.join(format!("synth-{count}.ndjson"));
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    signpost_synth::write_ndjson(&SynthConfig { count, seed: 3 }, &mut file).expect("write");
    path
}

async fn import(store: &Store, path: &Path) -> u64 {
    import_file(store, path, &ImportOptions::default(), &mut |_| {})
        .await
        .expect("import")
        .records
}

/// Whether the database file itself is in WAL mode (header bytes 18 and 19 are 2), whatever an
/// idle connection last saw.
fn file_in_wal_mode(db: &Path) -> bool {
    let header = std::fs::read(db.join(SQLITE_FILE)).expect("database file");
    header.get(18..20) == Some(&[2, 2][..])
}

/// Every index of the store with its SQL, in name order.
async fn indexes(store: &Store) -> Vec<(String, String)> {
    sqlx::query_as("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        .fetch_all(pool(store))
        .await
        .expect("indexes")
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// Alone with an empty store, the data bypasses the WAL, and the store is in WAL mode after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_alone_into_an_empty_store_bypasses_the_wal() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("db");
    let store = open_importer(&db).await;
    let indexes_before = indexes(&store).await;
    let file = synth_file(dir.path(), 2000);
    assert_eq!(import(&store, &file).await, 2000);
    assert_eq!(
        indexes(&store).await,
        indexes_before,
        "the location indexes dropped for the import are built again"
    );
    let by_postcode: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM service_at_locations INDEXED BY service_at_locations_by_postcode \
         WHERE postcode >= ''",
    )
    .fetch_one(pool(&store))
    .await
    .expect("read through the rebuilt index");
    let rows: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM service_at_locations WHERE postcode IS NOT NULL")
            .fetch_one(pool(&store))
            .await
            .expect("rows");
    assert_eq!(by_postcode, rows, "the rebuilt index holds every location");
    assert!(file_in_wal_mode(&db));
    let wal = file_size(&db.join(format!("{SQLITE_FILE}-wal")));
    let data = file_size(&db.join(SQLITE_FILE));
    assert!(data > 2 << 20, "the data is in the database file");
    assert!(wal < data / 10, "{wal} bytes went through the WAL");
    assert_eq!(store.count().await.expect("count"), 2000);
    // A second import into the now non-empty store goes through the WAL, and updates in place.
    assert_eq!(import(&store, &file).await, 2000);
    assert!(file_size(&db.join(format!("{SQLITE_FILE}-wal"))) > data / 2);
    assert_eq!(store.count().await.expect("count"), 2000);
}

/// With a reader's transaction open on the same store (as a server has), the import stays in
/// WAL: it neither fails nor waits, and the reader keeps its snapshot.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_beside_a_reader_stays_in_wal() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("db");
    let importer = open_importer(&db).await;
    let reader = open(&db).await;
    let mut snapshot = pool(&reader).begin().await.expect("begin");
    let count = "SELECT COUNT(*) FROM services";
    let before: i64 = sqlx::query_scalar(count)
        .fetch_one(&mut *snapshot)
        .await
        .expect("count");
    assert_eq!(before, 0);
    let file = synth_file(dir.path(), 500);
    let started = Instant::now();
    assert_eq!(import(&importer, &file).await, 500);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "the import waited"
    );
    let during: i64 = sqlx::query_scalar(count)
        .fetch_one(&mut *snapshot)
        .await
        .expect("count");
    assert_eq!(during, 0, "the reader's snapshot changed");
    snapshot.commit().await.expect("end read");
    assert_eq!(reader.count().await.expect("count"), 500);
    assert!(file_in_wal_mode(&db));
}

/// Set in the child process of the kill test: the store directory and the file to import.
const CHILD_DB: &str = "SIGNPOST_STORE_TEST_KILL_DB";
const CHILD_FILE: &str = "SIGNPOST_STORE_TEST_KILL_FILE";

/// The child of [`a_killed_import_into_an_empty_store_leaves_it_empty`]: imports until killed.
/// Does nothing unless that test started it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run as a child process by a_killed_import_into_an_empty_store_leaves_it_empty"]
async fn import_until_killed() {
    let (Ok(db), Ok(file)) = (std::env::var(CHILD_DB), std::env::var(CHILD_FILE)) else {
        return;
    };
    let store = open_importer(Path::new(&db)).await;
    import(&store, Path::new(&file)).await;
}

fn start_child_import(db: &Path, file: &Path) -> Child {
    Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "bulk::import_until_killed",
            "--exact",
            "--ignored",
            "--nocapture",
        ])
        .env(CHILD_DB, db)
        .env(CHILD_FILE, file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the child import")
}

/// Waits until the child import has spilled at least 16 MiB of its transaction into the
/// database file (so a hot rollback journal exists), then kills it with SIGKILL.
fn kill_when_spilled(mut child: Child, db: &Path) {
    let (data, journal) = (
        db.join(SQLITE_FILE),
        db.join(format!("{SQLITE_FILE}-journal")),
    );
    let start = file_size(&data);
    let deadline = Instant::now() + Duration::from_secs(300);
    while !(journal.exists() && file_size(&data) > start + (16 << 20)) {
        if let Some(status) = child.try_wait().expect("child") {
            panic!("the import ended ({status}) before it could be killed");
        }
        assert!(Instant::now() < deadline, "the import spilled nothing");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("kill -9");
    child.wait().expect("reap");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_import_into_an_empty_store_leaves_it_empty() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("db");
    let fresh = open(&db).await;
    let indexes_before = indexes(&fresh).await;
    fresh.close().await;
    let file = synth_file(dir.path(), 60_000);
    kill_when_spilled(start_child_import(&db, &file), &db);

    let store = open_importer(&db).await;
    assert_eq!(store.count().await.expect("count"), 0);
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(pool(&store))
        .await
        .expect("integrity check");
    assert_eq!(check, "ok");
    assert_eq!(
        indexes(&store).await,
        indexes_before,
        "the indexes the import dropped are back"
    );
    assert_eq!(journal_mode(&store).await, "wal");
    assert!(!db.join(format!("{SQLITE_FILE}-journal")).exists());
    let small = synth_file(dir.path(), 10);
    assert_eq!(import(&store, &small).await, 10);
    assert_eq!(store.count().await.expect("count"), 10);
}
