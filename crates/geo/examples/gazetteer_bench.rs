//! Measures the bundled gazetteer: cold load, memory, look-up latencies (figures for
//! docs/benchmarks.md). Run optimised:
//! `cargo run --release -p signpost-geo --example gazetteer_bench -- ../shared/data`.

use signpost_geo::{Gazetteer, PlaceLookup, Point};
use std::hint::black_box;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Every how many raw postcodes one is taken as a query.
const SAMPLE_EVERY: usize = 10;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let shared = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .ok_or("usage: gazetteer_bench SHARED_DATA_DIR")?;
    let queries = sample_postcodes(&shared)?;

    let rss_before = resident_kib()?;
    let (gazetteer, wall, cpu) = timed(Gazetteer::load_bundled);
    let gazetteer = gazetteer?;
    let rss_after = resident_kib()?;
    println!("postcodes loaded: {}", gazetteer.postcode_count());
    println!("cold load (first, in a fresh process): {cpu:.1?} CPU, {wall:.1?} wall");
    for _ in 0..3 {
        let (_, wall, cpu) = timed(Gazetteer::load_bundled);
        println!("reload: {cpu:.1?} CPU, {wall:.1?} wall");
    }
    println!(
        "resident memory of the loaded gazetteer: {:.1} MiB",
        (rss_after - rss_before) as f64 / 1024.0
    );

    let typed: Vec<String> = queries
        .iter()
        .enumerate()
        .map(|(i, (p, _))| {
            if i % 2 == 0 {
                p.clone()
            } else {
                p.to_lowercase().replace(' ', "")
            }
        })
        .collect();
    per_call("lookup(unit postcode)", &typed, |q| {
        gazetteer.lookup(q).is_some()
    });
    per_call("postcode_areas(unit postcode)", &typed, |q| {
        gazetteer.postcode_areas(q).is_some()
    });
    let points: Vec<Point> = queries.iter().map(|(_, p)| *p).collect();
    per_call("locate(point)", &points[..points.len().min(50_000)], |p| {
        gazetteer.locate(*p).is_some()
    });
    let names = [
        "Walsall",
        "Tower Hamlets",
        "Lozells",
        "Sparkbrook North",
        "Newport",
        "Moss Side, Manchester",
    ];
    let many_names: Vec<&str> = names.iter().copied().cycle().take(60_000).collect();
    per_call("lookup(place name)", &many_names, |q| {
        gazetteer.lookup(q).is_some()
    });
    let unknown: Vec<&str> = ["WS1 1AZ", "B6 5ZZ", "Walsal", "Sparkbruk"]
        .iter()
        .copied()
        .cycle()
        .take(200)
        .collect();
    per_call("suggest(unknown)", &unknown, |q| {
        !gazetteer.suggest(q).is_empty()
    });
    Ok(())
}

fn sample_postcodes(
    shared: &std::path::Path,
) -> Result<Vec<(String, Point)>, Box<dyn std::error::Error>> {
    let file = std::fs::File::open(shared.join("postcodes/postcodes.csv.gz"))?;
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    let mut sample = Vec::new();
    for (i, line) in reader.lines().enumerate().skip(1) {
        let line = line?;
        let fields: Vec<&str> = line.split(',').collect();
        if i % SAMPLE_EVERY == 0 && !fields[0].starts_with("NPT") {
            sample.push((
                fields[0].to_owned(),
                Point::new(fields[1].parse()?, fields[2].parse()?),
            ));
        }
    }
    Ok(sample)
}

/// Wall-clock and on-CPU time of a call (the machine is shared: CPU time is the fairer figure).
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration, Duration) {
    let (cpu_before, started) = (cpu_time(), Instant::now());
    let value = f();
    let wall = started.elapsed();
    (value, wall, cpu_time().saturating_sub(cpu_before))
}

fn per_call<Q>(what: &str, queries: &[Q], f: impl Fn(&Q) -> bool) {
    let (found, wall, cpu) = timed(|| {
        queries
            .iter()
            .filter(|q| black_box(f(black_box(q))))
            .count()
    });
    let per = |d: Duration| d.as_secs_f64() * 1e6 / queries.len() as f64;
    println!(
        "{what}: {:.3} µs CPU ({:.3} µs wall) per call over {} calls ({} answered)",
        per(cpu),
        per(wall),
        queries.len(),
        found
    );
}

/// Time this thread has spent on a CPU, from /proc/thread-self/schedstat (nanoseconds).
fn cpu_time() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}

fn resident_kib() -> Result<i64, Box<dyn std::error::Error>> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let line = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .ok_or("no VmRSS in /proc/self/status")?;
    Ok(line.split_whitespace().nth(1).ok_or("bad VmRSS")?.parse()?)
}
