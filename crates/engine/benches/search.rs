//! Search engine benchmark (docs/benchmarks.md, "Search"): builds an engine over N synthetic
//! services (the bench sample's 3,000 services copied with jittered locations; N from
//! `SIGNPOST_BENCH_SERVICES`, default 100,000), runs 1,000 mixed §5 queries single-threaded
//! through the planner and through the naive baseline (text only, then filter), prints
//! p50/p95/p99, build time and memory, then lets criterion time both query loops.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::Criterion;
use signpost_domain::Service;
use signpost_engine::{BenchQuery, Engine, EngineBuilder, Plan};

const QUERIES: usize = 1_000;

fn sample(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/spec/bench-sample")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A small deterministic generator (xorshift64*), so every run measures the same directory.
struct Jitter(u64);

impl Jitter {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64 - 0.5
    }
}

fn services(count: usize) -> Vec<Service> {
    let base: Vec<Service> = sample("services.ndjson")
        .lines()
        .map(|l| serde_json::from_str(l).expect("service"))
        .collect();
    let mut jitter = Jitter(0x9E37_79B9_7F4A_7C15);
    (0..count)
        .map(|i| {
            let mut service = base[i % base.len()].clone();
            let copy = i / base.len();
            if copy > 0 {
                service.id = format!("{}-{copy}", service.id);
                for sal in &mut service.service_at_locations {
                    if let Some(location) = &mut sal.location {
                        location.latitude = location.latitude.map(|v| v + 0.2 * jitter.next());
                        location.longitude = location.longitude.map(|v| v + 0.3 * jitter.next());
                    }
                }
            }
            service
        })
        .collect()
}

fn queries() -> Vec<BenchQuery> {
    let base: Vec<BenchQuery> = sample("queries.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("query"))
        .collect();
    (0..QUERIES).map(|i| base[i % base.len()].clone()).collect()
}

fn resident_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1].as_secs_f64() * 1e3
}

fn latencies(engine: &Engine, queries: &[BenchQuery], plan: Option<Plan>) -> Vec<Duration> {
    let mut times: Vec<Duration> = queries
        .iter()
        .map(|q| {
            let start = Instant::now();
            black_box(engine.bench_with_plan(q, plan).expect("query"));
            start.elapsed()
        })
        .collect();
    times.sort();
    times
}

fn report(label: &str, times: &[Duration]) -> f64 {
    let total: f64 = times.iter().map(Duration::as_secs_f64).sum();
    println!(
        "{label}: p50 {:.3} ms, p95 {:.3} ms, p99 {:.3} ms, mean {:.3} ms, {:.0} queries/s",
        percentile(times, 50.0),
        percentile(times, 95.0),
        percentile(times, 99.0),
        total * 1e3 / times.len() as f64,
        times.len() as f64 / total
    );
    total
}

fn main() {
    let count: usize = std::env::var("SIGNPOST_BENCH_SERVICES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let directory = services(count);
    let queries = queries();
    let dir = tempfile::tempdir().expect("temp dir");
    let before = resident_kib("VmRSS:");
    let start = Instant::now();
    let mut builder = EngineBuilder::new(dir.path()).expect("builder");
    for service in &directory {
        builder.add(service).expect("add");
    }
    let engine = builder.finish().expect("finish");
    let built = start.elapsed();
    drop(directory);
    let after = resident_kib("VmRSS:");
    println!(
        "{count} services: build {:.1} s; resident memory {} MiB after build ({} MiB before, peak {} MiB)",
        built.as_secs_f64(),
        after / 1024,
        before / 1024,
        resident_kib("VmHWM:") / 1024
    );
    let start = Instant::now();
    drop(engine);
    let engine = match Engine::open(dir.path()).expect("open") {
        signpost_engine::OpenedEngine::Ready(engine) => engine,
        signpost_engine::OpenedEngine::RebuildNeeded { reason } => panic!("{reason}"),
    };
    println!("reopen from disk: {:.1} s", start.elapsed().as_secs_f64());
    latencies(&engine, &queries, None);
    let planned = report("planner", &latencies(&engine, &queries, None));
    let naive = report(
        "naive (text only, then filter)",
        &latencies(&engine, &queries, Some(Plan::NoPlace)),
    );
    println!("naive / planner total time: {:.1}x", naive / planned);

    let mut criterion = Criterion::default().sample_size(10).configure_from_args();
    criterion.bench_function(&format!("search/{count}/planner/{QUERIES}-queries"), |b| {
        b.iter(|| {
            queries.iter().for_each(|q| {
                black_box(engine.bench(q).expect("query"));
            })
        })
    });
    criterion.bench_function(&format!("search/{count}/naive/{QUERIES}-queries"), |b| {
        b.iter(|| {
            queries.iter().for_each(|q| {
                black_box(
                    engine
                        .bench_with_plan(q, Some(Plan::NoPlace))
                        .expect("query"),
                );
            })
        })
    });
    criterion.final_summary();
}
