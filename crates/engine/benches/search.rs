//! Search engine benchmark (docs/benchmarks.md, "Search"): builds an engine over N synthetic
//! services from `signpost-synth` (N from `SIGNPOST_BENCH_SERVICES`, default 100,000), runs 1,000
//! mixed §5 queries single-threaded through the planner and through the naive baseline (text
//! only, then filter), prints p50/p95/p99 overall and per query class, build time and memory, then
//! lets criterion time both query loops. `SIGNPOST_BENCH_PASSES` (default 3) sets how many passes
//! the best-of figures take; `SIGNPOST_BENCH_SKIP_NAIVE` and `SIGNPOST_BENCH_SKIP_CRITERION` stop
//! before the baseline or before criterion.
//!
//! The queries keep the shapes of the bench sample's 300 queries (points, radii from 1 mile to
//! 50 km, points without a radius, no point at all, language and category filters, k = 20),
//! repeated to 1,000; each query's words are taken from one synthetic service's name and
//! description, so they run from words every service has to words a handful have.
#![allow(unsafe_code)] // the counting allocator that measures the build's memory wraps the system one

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use criterion::Criterion;
use signpost_engine::{BenchQuery, Engine, EngineBuilder, Plan};
use signpost_synth::SynthConfig;

/// The system allocator, counting the bytes the program holds, so the figures can tell the heap
/// the engine uses from what the allocator keeps besides.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn hold(bytes: usize) {
    let held = HELD.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(held, Ordering::Relaxed);
}

// SAFETY: every call is passed on unchanged to the system allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        hold(layout.size());
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        hold(new_size);
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn held_mib() -> usize {
    HELD.load(Ordering::Relaxed) / (1024 * 1024)
}

/// The most the program has held so far, in MiB; starts counting afresh.
fn peak_held_mib() -> usize {
    PEAK.swap(HELD.load(Ordering::Relaxed), Ordering::Relaxed) / (1024 * 1024)
}

/// User + system CPU seconds of the whole process so far (every thread), from /proc/self/stat
/// (in clock ticks of 1/100 s).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

const QUERIES: usize = 1_000;
const SEED: u64 = 42;

fn sample_queries() -> Vec<BenchQuery> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/spec/bench-sample/queries.jsonl");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(|l| serde_json::from_str(l).expect("query"))
        .collect()
}

/// A small deterministic generator (xorshift64*), so every run asks the same queries.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n.max(1)
    }
}

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The sample's query shapes with words drawn from synthetic services.
fn queries(count: usize) -> Vec<BenchQuery> {
    let base = sample_queries();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    (0..QUERIES)
        .map(|i| {
            let mut query = base[i % base.len()].clone();
            query.id = format!("b{i:04}");
            if let Some(text) = &query.text {
                let wanted = words(text).len().clamp(1, 3);
                let service = signpost_synth::service(SEED, rng.below(count) as u64);
                let own = words(&format!(
                    "{} {}",
                    service.name,
                    service.description.unwrap_or_default()
                ));
                let picked: Vec<&str> = (0..wanted)
                    .map(|_| own[rng.below(own.len())].as_str())
                    .collect();
                query.text = Some(picked.join(" "));
            }
            query
        })
        .collect()
}

/// The class a query is reported under: text or not, point with or without a radius or none,
/// and its filters.
fn class(query: &BenchQuery) -> String {
    let text = if query.text.is_some() {
        "text"
    } else {
        "no text"
    };
    let place = match (query.lat, query.radius_m) {
        (None, _) => "no place",
        (Some(_), None) => "point, no radius",
        (Some(_), Some(_)) => "point + radius",
    };
    let filters = match (&query.language, &query.category) {
        (None, None) => "",
        (Some(_), None) => ", language",
        (None, Some(_)) => ", category",
        (Some(_), Some(_)) => ", language + category",
    };
    format!("{text}, {place}{filters}")
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
    queries
        .iter()
        .map(|q| {
            let start = Instant::now();
            black_box(engine.bench_with_plan(q, plan).expect("query"));
            start.elapsed()
        })
        .collect()
}

/// Each query's quickest time over `passes` runs of the whole query list (on a shared machine
/// this drops the pauses when another process holds the core).
fn best_latencies(
    engine: &Engine,
    queries: &[BenchQuery],
    plan: Option<Plan>,
    passes: usize,
) -> Vec<Duration> {
    let mut best = latencies(engine, queries, plan);
    for _ in 1..passes {
        for (b, t) in best.iter_mut().zip(latencies(engine, queries, plan)) {
            *b = (*b).min(t);
        }
    }
    best
}

fn report(label: &str, times: &[Duration]) -> f64 {
    let mut sorted = times.to_vec();
    sorted.sort();
    let total: f64 = sorted.iter().map(Duration::as_secs_f64).sum();
    println!(
        "{label}: n {}, p50 {:.3} ms, p95 {:.3} ms, p99 {:.3} ms, max {:.3} ms, mean {:.3} ms, {:.0} queries/s",
        sorted.len(),
        percentile(&sorted, 50.0),
        percentile(&sorted, 95.0),
        percentile(&sorted, 99.0),
        percentile(&sorted, 100.0),
        total * 1e3 / sorted.len() as f64,
        sorted.len() as f64 / total
    );
    total
}

fn report_by_class(queries: &[BenchQuery], times: &[Duration]) {
    let mut classes: BTreeMap<String, Vec<Duration>> = BTreeMap::new();
    for (query, &time) in queries.iter().zip(times) {
        classes.entry(class(query)).or_default().push(time);
    }
    for (class, times) in &classes {
        report(&format!("  {class}"), times);
    }
}

/// The ten slowest queries of a run, with what they asked and how many services they matched.
fn slowest(engine: &Engine, queries: &[BenchQuery], times: &[Duration]) {
    let mut order: Vec<usize> = (0..queries.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(times[i]));
    for &i in order.iter().take(10) {
        let q = &queries[i];
        let total = engine.bench(q).expect("query").total;
        println!(
            "  slow: {:.3} ms, total {total}, {:?} r={:?} lang={:?} cat={:?} at {:?},{:?}",
            times[i].as_secs_f64() * 1e3,
            q.text,
            q.radius_m,
            q.language,
            q.category,
            q.lat,
            q.lon
        );
    }
}

fn main() {
    let count: usize = std::env::var("SIGNPOST_BENCH_SERVICES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let queries = queries(count);
    let dir = tempfile::tempdir().expect("temp dir");
    let before = resident_kib("VmRSS:");
    let start = Instant::now();
    let cpu_start = cpu_seconds();
    let mut builder = EngineBuilder::new(dir.path()).expect("builder");
    for service in signpost_synth::services(SynthConfig {
        count: count as u64,
        seed: SEED,
    }) {
        builder.add(&service).expect("add");
    }
    let engine = builder.finish().expect("finish");
    let built = start.elapsed();
    let after = resident_kib("VmRSS:");
    println!(
        "{count} services: generate + build {:.1} s ({:.1} CPU s, load {}); resident memory {} MiB after build ({} MiB heap, {} MiB held by the program (at most {} MiB), {} MiB mapped index files; {} MiB before, peak {} MiB)",
        built.as_secs_f64(),
        cpu_seconds() - cpu_start,
        load_average(),
        after / 1024,
        resident_kib("RssAnon:") / 1024,
        held_mib(),
        peak_held_mib(),
        resident_kib("RssFile:") / 1024,
        before / 1024,
        resident_kib("VmHWM:") / 1024
    );
    let start = Instant::now();
    let cpu_start = cpu_seconds();
    drop(engine);
    let engine = match Engine::open(dir.path()).expect("open") {
        signpost_engine::OpenedEngine::Ready(engine) => engine,
        signpost_engine::OpenedEngine::RebuildNeeded { reason } => panic!("{reason}"),
    };
    println!(
        "reopen from disk: {:.1} s ({:.1} CPU s, load {}); resident memory {} MiB ({} MiB heap, {} MiB held by the program (at most {} MiB), {} MiB mapped index files; peak {} MiB)",
        start.elapsed().as_secs_f64(),
        cpu_seconds() - cpu_start,
        load_average(),
        resident_kib("VmRSS:") / 1024,
        resident_kib("RssAnon:") / 1024,
        held_mib(),
        peak_held_mib(),
        resident_kib("RssFile:") / 1024,
        resident_kib("VmHWM:") / 1024
    );
    let passes: usize = std::env::var("SIGNPOST_BENCH_PASSES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    latencies(&engine, &queries, None);
    report("planner, one pass", &latencies(&engine, &queries, None));
    let planned_times = best_latencies(&engine, &queries, None, passes);
    let planned = report(&format!("planner, best of {passes} passes"), &planned_times);
    report_by_class(&queries, &planned_times);
    slowest(&engine, &queries, &planned_times);
    if std::env::var_os("SIGNPOST_BENCH_SKIP_NAIVE").is_some() {
        return;
    }
    report(
        "naive (text only, then filter), one pass",
        &latencies(&engine, &queries, Some(Plan::NoPlace)),
    );
    let naive_times = best_latencies(&engine, &queries, Some(Plan::NoPlace), passes);
    let naive = report(
        &format!("naive (text only, then filter), best of {passes} passes"),
        &naive_times,
    );
    report_by_class(&queries, &naive_times);
    println!("naive / planner total time: {:.1}x", naive / planned);
    if std::env::var_os("SIGNPOST_BENCH_SKIP_CRITERION").is_some() {
        return;
    }
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
