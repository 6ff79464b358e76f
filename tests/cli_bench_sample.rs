//! `signpost bench` on the shared benchmark sample: every one of the 300 queries must return
//! exactly the hits of truth.jsonl, in the same order (docs/formats.md), with latency figures.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

#[path = "cli_support.rs"]
mod support;

use serde_json::Value;
use std::collections::HashMap;
use support::*;
use tempfile::TempDir;

fn truth(sample: &std::path::Path) -> Vec<(String, Vec<Value>)> {
    let text = std::fs::read_to_string(sample.join("truth.jsonl")).unwrap();
    text.lines()
        .map(|line| {
            let answer: Value = serde_json::from_str(line).unwrap();
            let id = answer["id"].as_str().unwrap().to_owned();
            (id, answer["hits"].as_array().unwrap().clone())
        })
        .collect()
}

#[test]
fn bench_returns_exactly_the_true_hits_in_order() {
    let Some(sample) = bench_sample() else { return };
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    import(&db, &[&sample.join("services.ndjson")]);
    let queries = sample.join("queries.jsonl");
    let report = json_stdout(&run_ok(&[
        "bench",
        "--db",
        path_str(&db),
        "--queries",
        path_str(&queries),
        "--json",
    ]));

    let answers: HashMap<&str, &Vec<Value>> = report["results"]
        .as_array()
        .expect("a results array")
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["hits"].as_array().unwrap()))
        .collect();
    let truth = truth(&sample);
    assert_eq!(truth.len(), 300);
    assert_eq!(report["queries"], 300);
    assert_eq!(answers.len(), 300, "one result per query");
    let wrong: Vec<String> = truth
        .iter()
        .filter(|(id, hits)| answers.get(id.as_str()) != Some(&hits))
        .map(|(id, hits)| format!("{id}: want {hits:?}, got {:?}", answers.get(id.as_str())))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} of 300 queries differ from truth.jsonl:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(
        truth.iter().filter(|(_, hits)| !hits.is_empty()).count() > 100,
        "the sample should mostly have hits"
    );
}

#[test]
fn bench_reports_latency_percentiles_and_throughput() {
    let Some(sample) = bench_sample() else { return };
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    import(&db, &[&sample.join("services.ndjson")]);
    let queries = sample.join("queries.jsonl");
    let report = json_stdout(&run_ok(&[
        "bench",
        "--db",
        path_str(&db),
        "--queries",
        path_str(&queries),
        "--json",
    ]));
    let figure = |name: &str| {
        report[name]
            .as_f64()
            .unwrap_or_else(|| panic!("{name} is missing: {report}"))
    };
    let (p50, p95, p99, qps) = (
        figure("p50_ms"),
        figure("p95_ms"),
        figure("p99_ms"),
        figure("qps"),
    );
    assert!(
        p50 > 0.0 && p50 <= p95 && p95 <= p99,
        "percentiles out of order: {p50} {p95} {p99}"
    );
    assert!(qps > 0.0);
    let table = String::from_utf8(run_ok(&[
        "bench",
        "--db",
        path_str(&db),
        "--queries",
        path_str(&queries),
    ]))
    .unwrap();
    assert!(
        table.contains("300 queries") && table.contains("p99"),
        "{table}"
    );
}
