//! Imports into PostgreSQL: into an empty store the rows are copied in (binary COPY), into a
//! store with services they are upserted. Either way awkward text comes back exactly, a
//! re-imported service's terms and locations are replaced, the change log lists what was
//! written, and a value PostgreSQL cannot hold is refused by name with nothing written.

#[allow(dead_code)] // this file uses only the PostgreSQL store of the shared helpers
mod common;

use std::path::{Path, PathBuf};

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use serde_json::json;
use signpost_store::import::{ImportError, ImportOptions, import_file};
use signpost_store::{Store, Touched};

/// Text that a text-format COPY would have to escape, and text beyond ASCII.
const AWKWARD: [&str; 10] = [
    "tab\there",
    "line\nbreak",
    "carriage\r\nreturn",
    "back\\slash \\N \\t \\. \\\\",
    "\"double\" and 'single' quotes, commas, ; semicolons",
    "\\.",
    "Cymraeg: ŵŷâ, Urdu: اردو, Bengali: বাংলা",
    "emoji 🧭 and \u{7f} and \u{1} and \u{200b}",
    "trailing backslash \\",
    "|pipes|,\"csv\",\n\"quoted\nlines\"",
];

fn service(id: &str, name: &str, text: &str, term: &str, location: &str) -> serde_json::Value {
    json!({
        "id": id, "name": name, "description": text,
        "organization": {"id": format!("{id}-org"), "name": text},
        "attributes": [{"id": format!("{id}-a"), "taxonomy_term": {"id": term, "code": term,
            "name": format!("Term {term}"), "description": text, "taxonomy": "local-needs"}}],
        "service_at_locations": [{"id": location, "location": {"id": format!("{location}-l"),
            "latitude": 52.58, "longitude": -1.98,
            "addresses": [{"id": format!("{location}-ad"), "postal_code": "ws1 1aa"}]}}]
    })
}

fn write_ndjson(dir: &Path, name: &str, services: &[serde_json::Value]) -> PathBuf {
    let path = dir.join(name);
    let lines: Vec<String> = services.iter().map(ToString::to_string).collect();
    std::fs::write(&path, lines.join("\n")).expect("write file");
    path
}

async fn import(store: &Store, path: &Path) -> Result<u64, ImportError> {
    import_file(store, path, &ImportOptions::default(), &mut |_| {})
        .await
        .map(|summary| summary.records)
}

fn pool(store: &Store) -> &sqlx::PgPool {
    match store {
        Store::Postgres(pool) => pool,
        Store::Sqlite(_) => panic!("a PostgreSQL store"),
    }
}

/// The text columns of a service's row: name, description, organization name.
async fn columns(store: &Store, id: &str) -> (String, Option<String>, Option<String>) {
    sqlx::query_as("SELECT name, description, organization_name FROM services WHERE id = $1")
        .bind(id)
        .fetch_one(pool(store))
        .await
        .expect("service row")
}

async fn children(store: &Store, id: &str) -> (Vec<String>, Vec<(String, Option<String>)>) {
    let terms = sqlx::query_scalar(
        "SELECT taxonomy_term_id FROM service_taxonomy_terms WHERE service_id = $1 ORDER BY 1",
    )
    .bind(id)
    .fetch_all(pool(store))
    .await
    .expect("terms");
    let locations = sqlx::query_as(
        "SELECT id, postcode FROM service_at_locations WHERE service_id = $1 ORDER BY 1",
    )
    .bind(id)
    .fetch_all(pool(store))
    .await
    .expect("locations");
    (terms, locations)
}

/// Each service's columns and document hold `text` exactly.
async fn assert_round_trip(store: &Store, texts: &[(String, String)]) {
    for (id, text) in texts {
        let (_, description, organization) = columns(store, id).await;
        assert_eq!(description.as_deref(), Some(text.as_str()), "{id}");
        assert_eq!(organization.as_deref(), Some(text.as_str()), "{id}");
        let service = store.service(id).await.expect("read").expect("stored");
        assert_eq!(service.description.as_deref(), Some(text.as_str()), "{id}");
    }
}

/// Random text (anything but NUL, which PostgreSQL refuses), the same every run.
fn random_texts(count: usize) -> Vec<String> {
    let strategy = proptest::string::string_regex("[^\\x00]{0,40}").expect("regex");
    let mut runner = TestRunner::deterministic();
    (0..count)
        .map(|_| strategy.new_tree(&mut runner).expect("value").current())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn awkward_text_comes_back_exactly_copied_or_upserted() {
    let store = common::postgres().await;
    let dir = tempfile::tempdir().expect("dir");
    let texts: Vec<(String, String)> = AWKWARD
        .iter()
        .map(|t| (*t).to_owned())
        .chain(random_texts(300))
        .enumerate()
        .map(|(i, text)| (format!("s{i:04}"), text))
        .collect();
    let services: Vec<_> = texts
        .iter()
        .map(|(id, text)| service(id, "Name\twith\\tab", text, "t1", &format!("{id}-sal")))
        .collect();
    let path = write_ndjson(dir.path(), "awkward.ndjson", &services);
    assert_eq!(
        import(&store, &path).await.expect("copied in"),
        services.len() as u64
    );
    assert_round_trip(&store, &texts).await;
    assert_eq!(columns(&store, "s0000").await.0, "Name\twith\\tab");
    // Again into the store that now holds them: the upserting path.
    let reversed: Vec<(String, String)> = texts
        .iter()
        .map(|(id, text)| (id.clone(), text.chars().rev().collect()))
        .collect();
    let services: Vec<_> = reversed
        .iter()
        .map(|(id, text)| service(id, "Renamed", text, "t1", &format!("{id}-sal")))
        .collect();
    let path = write_ndjson(dir.path(), "reversed.ndjson", &services);
    assert_eq!(
        import(&store, &path).await.expect("upserted"),
        services.len() as u64
    );
    assert_round_trip(&store, &reversed).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reimport_replaces_rows_and_every_import_is_logged() {
    let store = common::postgres().await;
    let dir = tempfile::tempdir().expect("dir");
    let first = write_ndjson(
        dir.path(),
        "first.ndjson",
        &[
            service("a", "Alpha", "first", "t1", "a-sal1"),
            service("b", "Beta", "first", "t1", "b-sal1"),
        ],
    );
    assert_eq!(import(&store, &first).await.expect("into empty"), 2);
    let second = write_ndjson(
        dir.path(),
        "second.ndjson",
        &[
            service("a", "Alpha again", "second", "t2", "a-sal2"),
            service("c", "Gamma", "second", "t2", "c-sal1"),
        ],
    );
    assert_eq!(import(&store, &second).await.expect("into non-empty"), 2);
    assert_eq!(store.count().await.expect("count"), 3);
    assert_eq!(columns(&store, "a").await.0, "Alpha again");
    assert_eq!(
        children(&store, "a").await,
        (
            vec!["t2".to_owned()],
            vec![("a-sal2".to_owned(), Some("WS11AA".to_owned()))]
        ),
        "the old term and location are gone"
    );
    assert_eq!(
        children(&store, "b").await,
        (
            vec!["t1".to_owned()],
            vec![("b-sal1".to_owned(), Some("WS11AA".to_owned()))]
        ),
        "a service not in the second file is untouched"
    );
    let changes = store.changes_after(0, 10).await.expect("changes");
    let touched: Vec<(u64, Touched)> = changes
        .into_iter()
        .map(|c| (c.sequence, c.touched))
        .collect();
    assert_eq!(
        touched,
        vec![
            (1, Touched::Services(vec!["a".to_owned(), "b".to_owned()])),
            (2, Touched::Services(vec!["a".to_owned(), "c".to_owned()])),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nul_character_is_refused_by_name_and_nothing_is_written() {
    let store = common::postgres().await;
    let dir = tempfile::tempdir().expect("dir");
    let good = service("good", "Good", "fine", "t1", "good-sal");
    let bad = service("bad", "Bad", "before\u{0}after", "t1", "bad-sal");
    let path = write_ndjson(dir.path(), "nul.ndjson", &[good.clone(), bad.clone()]);
    for into in ["an empty store", "a store with services"] {
        let error = import(&store, &path).await.expect_err("NUL refused");
        assert!(
            error.to_string().contains(
                "service bad cannot be stored in PostgreSQL: its description holds the NUL \
                 character (U+0000)"
            ),
            "into {into}: {error}"
        );
        assert_eq!(
            store.changes_after(0, 10).await.expect("log").len(),
            0,
            "into {into}"
        );
        if into == "an empty store" {
            assert_eq!(store.count().await.expect("count"), 0);
            store
                .upsert_services(&[serde_json::from_value(good.clone()).expect("service")])
                .await
                .expect("seed");
            sqlx::query("DELETE FROM change_log")
                .execute(pool(&store))
                .await
                .expect("empty the log");
        }
    }
    assert_eq!(store.count().await.expect("count"), 1);
}
