//! §5 answers stay exact through incremental writes: after removing, replacing (with new words,
//! languages and locations) and adding services one by one and in batches, every bench-sample
//! query under every plan equals a brute-force scan of the directory as it now is, and so does
//! the engine reopened from disk.

mod common;

use signpost_domain::Service;
use signpost_engine::{BenchQuery, Engine, OpenedEngine, Plan};

fn check(engine: &Engine, queries: &[BenchQuery], wants: &[(Vec<String>, usize)]) {
    for (query, (want, total)) in queries.iter().zip(wants) {
        let (want, total) = (want.clone(), *total);
        for plan in [None, Some(Plan::GeoFirst), Some(Plan::TextFirst)] {
            let got = engine.bench_with_plan(query, plan).expect("bench");
            assert_eq!(
                (&got.hits, got.total),
                (&want, total),
                "{} {plan:?}",
                query.id
            );
        }
    }
}

/// A changed copy: other words, one more location (or none), the first language dropped.
fn changed(service: &Service, step: usize) -> Service {
    let mut service = service.clone();
    service.name = format!("{} renamed {step}", service.name);
    service.description = None;
    if step.is_multiple_of(3) {
        service.service_at_locations.clear();
    } else if let Some(first) = service.service_at_locations.first().cloned() {
        let mut moved = first;
        if let Some(location) = &mut moved.location {
            location.latitude = location.latitude.map(|v| v + 0.05);
            location.longitude = location.longitude.map(|v| v - 0.07);
        }
        service.service_at_locations.push(moved);
    }
    if !service.languages.is_empty() {
        service.languages.remove(0);
    }
    service
}

#[test]
fn answers_stay_exact_after_removes_replacements_and_additions() {
    let mut services: Vec<Service> = common::read_jsonl("services.ndjson");
    // Every third query keeps every shape of the sample and the test quick.
    let queries: Vec<BenchQuery> = common::read_jsonl::<BenchQuery>("queries.jsonl")
        .into_iter()
        .step_by(3)
        .collect();
    let late: Vec<Service> = services.split_off(2_600);
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = common::build(dir.path(), &services);

    for step in 0..40 {
        let at = step * 61 % services.len();
        if step.is_multiple_of(2) {
            let gone = services.remove(at);
            assert!(engine.remove(&gone.id).expect("remove"));
        } else {
            services[at] = changed(&services[at], step);
            engine.upsert(&services[at]).expect("upsert");
        }
    }
    let (one_by_one, batch) = late.split_at(100);
    for service in one_by_one {
        engine.upsert(service).expect("upsert new");
        services.push(service.clone());
    }
    let mut batch = batch.to_vec();
    batch.extend((0..20).map(|i| changed(&services[i * 7], 100 + i)));
    engine.upsert_many(&batch).expect("upsert batch");
    for service in batch {
        match services.iter_mut().find(|s| s.id == service.id) {
            Some(slot) => *slot = service,
            None => services.push(service),
        }
    }
    assert_eq!(engine.len().expect("len"), services.len());
    let wants: Vec<(Vec<String>, usize)> = queries
        .iter()
        .map(|q| common::oracle(&services, q))
        .collect();
    check(&engine, &queries, &wants);

    drop(engine);
    let OpenedEngine::Ready(reopened) = Engine::open(dir.path()).expect("open") else {
        panic!("the index just written should open");
    };
    check(&reopened, &queries, &wants);
}
