//! `signpost import` through the app: the index is built in the same pass into an empty store,
//! marked for a rebuild otherwise, and left as it was when a file is rejected.

use std::path::{Path, PathBuf};

use serde_json::json;
use signpost_app::directory::{INDEX_DIR, STALE_MARK};
use signpost_app::import::{BUILDING_DIR, IndexBuild, import_file};
use signpost_app::{AppError, Directory, OpenOptions, SearchInput};
use signpost_engine::{Engine, OpenedEngine};
use signpost_store::import::ImportOptions;
use signpost_store::{Store, StoreConfig};

fn service(id: &str, name: &str, language: &str) -> serde_json::Value {
    json!({
        "id": id, "name": name, "status": "active",
        "languages": [{"id": format!("{id}-l"), "code": language}],
        "service_at_locations": [{"id": format!("{id}-sal"), "location": {
            "id": format!("{id}-loc"), "location_type": "physical",
            "latitude": 52.5797, "longitude": -1.9860}}]
    })
}

fn ndjson(dir: &Path, name: &str, records: &[serde_json::Value]) -> PathBuf {
    let path = dir.join(name);
    let lines: Vec<String> = records.iter().map(ToString::to_string).collect();
    std::fs::write(&path, lines.join("\n") + "\n").expect("write file");
    path
}

async fn open_store(db: &Path) -> Store {
    Store::open_for_import(&StoreConfig::Sqlite { dir: db.to_owned() })
        .await
        .expect("open store")
}

async fn import(store: &Store, db: &Path, file: &Path) -> Result<u64, AppError> {
    import_with(store, db, file, IndexBuild::IntoEmptyStore).await
}

async fn import_with(
    store: &Store,
    db: &Path,
    file: &Path,
    index: IndexBuild,
) -> Result<u64, AppError> {
    import_file(
        store,
        db,
        file,
        &ImportOptions::default(),
        index,
        &mut |_| {},
    )
    .await
    .map(|summary| summary.records)
}

async fn search_ids(db: &Path, text: &str) -> Vec<String> {
    let directory = Directory::open_with(&OpenOptions {
        load_demo: false,
        ..OpenOptions::new(db, None)
    })
    .await
    .expect("open directory");
    let input = SearchInput {
        q: text.to_owned(),
        ..SearchInput::default()
    };
    let found = directory.search(&input).await.expect("search");
    let mut ids: Vec<String> = found.results.into_iter().map(|r| r.service.id).collect();
    ids.sort();
    ids
}

/// A new store under `dir` holding one service "b", "Lantern drop-in"; returns its data directory.
async fn import_one_service(dir: &Path, index: IndexBuild) -> PathBuf {
    let db = dir.join("db");
    let file = ndjson(dir, "one.ndjson", &[service("b", "Lantern drop-in", "pol")]);
    let store = open_store(&db).await;
    let imported = import_with(&store, &db, &file, index).await;
    assert_eq!(imported.expect("import"), 1);
    store.close().await;
    db
}

fn indexed_without_rebuild(db: &Path) -> usize {
    match Engine::open(&db.join(INDEX_DIR)).expect("open index") {
        OpenedEngine::Ready(engine) => engine.len().expect("len"),
        OpenedEngine::RebuildNeeded { reason } => panic!("no index was built: {reason}"),
    }
}

#[tokio::test]
async fn an_import_into_an_empty_store_builds_the_index_in_the_same_pass() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("db");
    let file = ndjson(
        dir.path(),
        "two.ndjson",
        &[
            service("a", "Harbour club", "ben"),
            service("b", "Lantern drop-in", "pol"),
        ],
    );
    let store = open_store(&db).await;
    assert_eq!(import(&store, &db, &file).await.expect("import"), 2);
    store.close().await;
    assert!(!db.join(STALE_MARK).exists(), "the index is current");
    assert!(!db.join(BUILDING_DIR).exists());
    assert_eq!(indexed_without_rebuild(&db), 2);
    assert_eq!(search_ids(&db, "lantern").await, vec!["b"]);
}

#[tokio::test]
async fn a_rejected_file_leaves_the_store_the_index_and_the_mark_as_they_were() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("db");
    let mut bad = service("b", "Lantern drop-in", "pol");
    bad["languages"][0]["code"] = json!("ebn");
    let file = ndjson(
        dir.path(),
        "bad.ndjson",
        &[service("a", "Harbour club", "ben"), bad],
    );
    let store = open_store(&db).await;
    let rejected = import(&store, &db, &file).await.expect_err("rejected");
    assert!(
        matches!(rejected, AppError::Import(_)),
        "a problem with the file: {rejected}"
    );
    assert!(rejected.to_string().contains("line 2"), "{rejected}");
    assert_eq!(store.count().await.expect("count"), 0);
    assert!(
        !db.join(STALE_MARK).exists(),
        "nothing changed, nothing to rebuild"
    );
    assert!(
        !db.join(BUILDING_DIR).exists(),
        "the partial index is removed"
    );

    std::fs::write(db.join(STALE_MARK), b"an earlier write did not finish\n").expect("mark");
    import(&store, &db, &file)
        .await
        .expect_err("rejected again");
    assert!(db.join(STALE_MARK).exists(), "an earlier mark stays");
}

#[tokio::test]
async fn an_import_into_a_store_with_services_leaves_the_index_to_be_rebuilt() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("db");
    let first = ndjson(
        dir.path(),
        "first.ndjson",
        &[service("a", "Harbour club", "ben")],
    );
    let second = ndjson(
        dir.path(),
        "second.ndjson",
        &[service("b", "Lantern drop-in", "pol")],
    );
    let store = open_store(&db).await;
    import(&store, &db, &first).await.expect("first import");
    import(&store, &db, &second).await.expect("second import");
    store.close().await;
    assert!(
        db.join(STALE_MARK).exists(),
        "the index misses the second file"
    );
    assert_eq!(search_ids(&db, "lantern").await, vec!["b"]);
    assert!(!db.join(STALE_MARK).exists(), "rebuilt at the open");
}

#[tokio::test]
async fn a_deferred_index_is_rebuilt_at_the_next_open() {
    let dir = tempfile::tempdir().expect("dir");
    let db = import_one_service(dir.path(), IndexBuild::Deferred).await;
    assert!(
        db.join(STALE_MARK).exists(),
        "the index is left to the next open"
    );
    assert!(!db.join(INDEX_DIR).exists(), "and none was built");
    assert_eq!(search_ids(&db, "lantern").await, vec!["b"]);
    assert!(!db.join(STALE_MARK).exists());
}

#[tokio::test]
async fn an_unreadable_index_is_rebuilt_from_the_store() {
    let dir = tempfile::tempdir().expect("dir");
    let db = import_one_service(dir.path(), IndexBuild::IntoEmptyStore).await;
    std::fs::write(db.join(INDEX_DIR).join("meta.json"), b"not tantivy's").expect("damage");
    assert_eq!(search_ids(&db, "lantern").await, vec!["b"]);
    assert_eq!(indexed_without_rebuild(&db), 1, "the rebuilt index reopens");
}
