//! The bench sample: every query gives exactly truth.jsonl's hits, in order, with the total,
//! under either plan and after reopening the index from disk.

mod common;

use serde::Deserialize;
use signpost_domain::Service;
use signpost_engine::{BenchQuery, Engine, OpenedEngine, Plan};

#[derive(Deserialize)]
struct Truth {
    id: String,
    hits: Vec<String>,
    total: usize,
}

fn check(engine: &Engine, queries: &[BenchQuery], truths: &[Truth], plan: Option<Plan>) {
    let mut wrong = Vec::new();
    for (query, truth) in queries.iter().zip(truths) {
        assert_eq!(query.id, truth.id);
        let answer = engine.bench_with_plan(query, plan).expect("bench query");
        if answer.hits != truth.hits || answer.total != truth.total {
            wrong.push(format!(
                "{}: got {} of {:?}, want {} of {:?}",
                query.id, answer.total, answer.hits, truth.total, truth.hits
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} queries wrong ({plan:?}):\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn every_query_gives_exactly_the_truth_with_either_plan_and_after_reopening() {
    let services: Vec<Service> = common::read_jsonl("services.ndjson");
    let queries: Vec<BenchQuery> = common::read_jsonl("queries.jsonl");
    let truths: Vec<Truth> = common::read_jsonl("truth.jsonl");
    assert_eq!(queries.len(), 300);
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = common::build(dir.path(), &services);
    check(&engine, &queries, &truths, None);
    check(&engine, &queries, &truths, Some(Plan::GeoFirst));
    check(&engine, &queries, &truths, Some(Plan::TextFirst));
    drop(engine);
    let OpenedEngine::Ready(reopened) = Engine::open(dir.path()).expect("open") else {
        panic!("the index just written should open");
    };
    assert_eq!(reopened.len().expect("len"), services.len());
    check(&reopened, &queries, &truths, None);
}

#[test]
fn the_oracle_agrees_with_the_truth() {
    let services: Vec<Service> = common::read_jsonl("services.ndjson");
    let queries: Vec<BenchQuery> = common::read_jsonl("queries.jsonl");
    let truths: Vec<Truth> = common::read_jsonl("truth.jsonl");
    for (query, truth) in queries.iter().zip(&truths) {
        let (hits, total) = common::oracle(&services, query);
        assert_eq!((&hits, total), (&truth.hits, truth.total), "{}", query.id);
    }
}
