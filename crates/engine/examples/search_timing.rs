//! Search-mode latency (docs/benchmarks.md, "Search mode: words rank"): builds an engine over N
//! synthetic services (`SIGNPOST_TIMING_SERVICES`, default 100,000) and times practitioner-shaped
//! searches single-threaded: a place with words, a place with a language or category and words
//! (with and without the category's own word ranking, as the app sends it), words alone, and a
//! place alone. Prints p50, p95 and p99 per shape and overall, the index's size on disk, how long
//! reading a page's served records back from the index takes (`Engine::records`, the page of 20
//! hits of each search) and how long reopening the index takes.
//!
//! `cargo run --release -p signpost-engine --example search_timing`
#![allow(clippy::unwrap_used, clippy::print_stdout)] // a measuring tool: a failure is a crash

use std::time::Instant;

use signpost_engine::{Engine, EngineBuilder, Near, Point, SearchRequest, Utc};
use signpost_synth::SynthConfig;

const MILE: f64 = 1_609.344;
const ROUNDS: usize = 5;

fn build(dir: &std::path::Path, count: u64) -> (Engine, Vec<Point>) {
    let mut builder = EngineBuilder::new(dir).unwrap();
    let mut points = Vec::new();
    for service in signpost_synth::services(SynthConfig { count, seed: 42 }) {
        if let Some(p) = service.points().first() {
            points.push(Point::new(p.lat, p.lon));
        }
        builder.add(&service).unwrap();
    }
    (builder.finish().unwrap(), points)
}

fn near(point: Point) -> Option<Near> {
    Some(Near {
        point,
        label: "here".into(),
    })
}

/// Each shape's searches around a few places taken from the directory.
fn shapes(points: &[Point]) -> Vec<(&'static str, Vec<SearchRequest>)> {
    let places: Vec<Point> = points
        .iter()
        .step_by(points.len() / 40 + 1)
        .copied()
        .collect();
    let texts = [
        "mentoring",
        "women's group",
        "advice centre",
        "bengali youth club",
    ];
    let each = |make: &dyn Fn(Point, &str) -> SearchRequest| -> Vec<SearchRequest> {
        places
            .iter()
            .zip(texts.iter().cycle())
            .map(|(&p, &t)| make(p, t))
            .collect()
    };
    vec![
        (
            "place + words",
            each(&|p, t| SearchRequest {
                text: t.into(),
                near: near(p),
                ..SearchRequest::default()
            }),
        ),
        (
            "place + language + words, 3 miles",
            each(&|p, t| SearchRequest {
                text: format!("{t} unknownword"),
                near: near(p),
                radius_m: Some(3.0 * MILE),
                languages: vec!["ben".into()],
                ..SearchRequest::default()
            }),
        ),
        (
            "category + words, no place",
            each(&|_, t| SearchRequest {
                text: t.into(),
                categories: vec!["mentoring".into()],
                ..SearchRequest::default()
            }),
        ),
        (
            "category + words + its word, no place",
            each(&|_, t| SearchRequest {
                text: t.into(),
                rank_words: "mentoring".into(),
                categories: vec!["mentoring".into()],
                ..SearchRequest::default()
            }),
        ),
        (
            "words alone",
            each(&|_, t| SearchRequest {
                text: t.into(),
                ..SearchRequest::default()
            }),
        ),
        (
            "place alone",
            each(&|p, _| SearchRequest {
                near: near(p),
                ..SearchRequest::default()
            }),
        ),
    ]
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at.min(sorted.len() - 1)]
}

fn report(name: &str, mut times: Vec<f64>) {
    times.sort_by(f64::total_cmp);
    println!(
        "{name:<36} n={:>4}  p50 {:>7.3} ms  p95 {:>7.3} ms  p99 {:>7.3} ms",
        times.len(),
        percentile(&times, 0.50),
        percentile(&times, 0.95),
        percentile(&times, 0.99)
    );
}

fn main() {
    let count = std::env::var("SIGNPOST_TIMING_SERVICES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let (engine, points) = build(dir.path(), count);
    println!(
        "built {count} services in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let now = Utc::now();
    let mut all = Vec::new();
    for (name, requests) in shapes(&points) {
        for request in &requests {
            engine.search(request, now).unwrap();
        }
        let mut times = Vec::new();
        for _ in 0..ROUNDS {
            for request in &requests {
                let start = Instant::now();
                std::hint::black_box(engine.search(request, now).unwrap());
                times.push(start.elapsed().as_secs_f64() * 1000.0);
            }
        }
        all.extend(&times);
        report(name, times);
    }
    report("all", all);
    println!(
        "index on disk: {:.1} MiB",
        size_of_dir(dir.path()) / 1_048_576.0
    );
    report(
        "page records (20)",
        page_record_times(&engine, &points, now),
    );
    drop(engine);
    let started = Instant::now();
    Engine::open(dir.path()).unwrap();
    println!("reopened in {:.2} s", started.elapsed().as_secs_f64());
}

/// How long reading each search's page of served records from the index takes, in ms.
fn page_record_times(
    engine: &Engine,
    points: &[Point],
    now: signpost_engine::DateTime<Utc>,
) -> Vec<f64> {
    let mut times = Vec::new();
    for (_, requests) in shapes(points) {
        for request in &requests {
            let answer = engine.search(request, now).unwrap();
            let ids: Vec<&str> = answer.hits.iter().map(|h| h.service_id.as_str()).collect();
            let start = Instant::now();
            let records = std::hint::black_box(engine.records(&ids).unwrap());
            times.push(start.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(records.len(), ids.len());
        }
    }
    times
}

fn size_of_dir(dir: &std::path::Path) -> f64 {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().metadata().unwrap().len() as f64)
        .sum()
}
