//! Migration 0012 on both backends: data problems replaced per service inside a writer's
//! transaction (and gone with a rollback), a lenient file import recording what it set aside,
//! and harvest provenance by source.

mod common;

use serde_json::json;
use signpost_domain::Service;
use signpost_store::import::{ImportOptions, import_file};
use signpost_store::{DataProblem, Store};

fn service(id: &str) -> Service {
    serde_json::from_value(json!({"id": id, "name": format!("Service {id}")})).expect("service")
}

fn problem(service_id: &str, path: &str) -> DataProblem {
    DataProblem {
        service_id: service_id.to_owned(),
        path: path.to_owned(),
        value: "100".to_owned(),
        reason: "100 is outside -90..90".to_owned(),
        recorded_at: "2026-12-07T10:00:00.000000Z".to_owned(),
    }
}

fn paths(problems: &[DataProblem]) -> Vec<&str> {
    problems.iter().map(|p| p.path.as_str()).collect()
}

async fn problems_are_replaced_per_service_in_the_transaction(store: &Store) {
    let mut writer = store.writer().await.expect("writer");
    writer
        .write(&[service("a"), service("b")])
        .await
        .expect("write");
    let first = [problem("a", "/x"), problem("a", "/y"), problem("b", "/z")];
    writer
        .replace_data_problems(&["a", "b"], &first)
        .await
        .expect("problems");
    writer
        .record_harvest("feed", &["a", "b"], "2026-12-07T10:00:00.000000Z")
        .await
        .expect("provenance");
    writer.commit().await.expect("commit");
    assert_eq!(
        paths(&store.data_problems("a").await.expect("a")),
        ["/x", "/y"]
    );
    assert_eq!(paths(&store.data_problems("b").await.expect("b")), ["/z"]);
    assert_eq!(store.harvested_from("feed").await.expect("ids"), ["a", "b"]);

    let mut writer = store.writer().await.expect("writer");
    writer
        .replace_data_problems(&["a"], &[problem("a", "/w")])
        .await
        .expect("problems");
    writer.rollback().await.expect("rollback");
    assert_eq!(
        paths(&store.data_problems("a").await.expect("a")),
        ["/x", "/y"]
    );

    let mut writer = store.writer().await.expect("writer");
    writer
        .replace_data_problems(&["a"], &[])
        .await
        .expect("clear");
    writer
        .record_harvest("other", &["b"], "2026-12-08T10:00:00.000000Z")
        .await
        .expect("provenance");
    writer.commit().await.expect("commit");
    assert!(store.data_problems("a").await.expect("a").is_empty());
    let (recent, total) = store.recent_data_problems(10).await.expect("recent");
    assert_eq!((paths(&recent), total), (vec!["/z"], 1));
    assert_eq!(store.harvested_from("feed").await.expect("ids"), ["a"]);
    assert_eq!(
        store.harvest_provenance("b").await.expect("b"),
        Some(("other".to_owned(), "2026-12-08T10:00:00.000000Z".to_owned()))
    );
}

async fn a_lenient_import_records_what_it_set_aside(store: &Store) {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("placeholders.ndjson");
    let record = json!({"id": "p", "name": "Placeholders",
        "service_areas": [{"id": "sa", "extent": "extent", "extent_type": "geojson"}]});
    std::fs::write(&file, format!("{record}\n")).expect("file");
    let options = ImportOptions {
        lenient: true,
        ..ImportOptions::default()
    };
    let summary = import_file(store, &file, &options, &mut |_| {})
        .await
        .expect("lenient import");
    assert_eq!(
        paths(&summary.set_aside),
        ["/service_areas/0/extent", "/service_areas/0/extent_type"]
    );
    let stored = store.data_problems("p").await.expect("stored");
    assert_eq!(stored, summary.set_aside);
    assert_eq!(stored[0].value, "\"extent\"");
    let kept = store.service("p").await.expect("read").expect("kept");
    assert_eq!(kept.service_areas[0].extent, None);

    let strict = import_file(store, &file, &ImportOptions::default(), &mut |_| {}).await;
    assert!(strict.is_err(), "a strict import still refuses it");
    assert_eq!(store.data_problems("p").await.expect("kept").len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_data_problems_and_provenance() {
    let store = common::sqlite().await;
    problems_are_replaced_per_service_in_the_transaction(&store).await;
    a_lenient_import_records_what_it_set_aside(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_data_problems_and_provenance() {
    let store = common::postgres().await;
    problems_are_replaced_per_service_in_the_transaction(&store).await;
    a_lenient_import_records_what_it_set_aside(&store).await;
}
