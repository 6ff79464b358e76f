//! `signpost bench`: docs/formats.md benchmark queries, single-threaded, with latency percentiles.

use crate::args::BenchArgs;
use crate::output::outln;
use crate::query::open_directory;
use anyhow::{Context, Result};
use serde::Serialize;
use signpost_app::BenchQuery;
use std::io::{BufRead, BufReader};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Serialize)]
struct BenchResult {
    id: String,
    hits: Vec<String>,
    total: usize,
}

#[derive(Serialize)]
struct BenchReport {
    queries: usize,
    p50_ms: f64,
    p95_ms: f64,
    p99_ms: f64,
    qps: f64,
    results: Vec<BenchResult>,
}

pub async fn run(args: &BenchArgs) -> Result<ExitCode> {
    let queries = read_queries(&args.queries)?;
    let directory = open_directory(&args.store).await?;
    let mut latencies_ms = Vec::with_capacity(queries.len());
    let mut results = Vec::with_capacity(queries.len());
    let started = Instant::now();
    for query in &queries {
        let one = Instant::now();
        let answer = directory.bench(query)?;
        latencies_ms.push(one.elapsed().as_secs_f64() * 1e3);
        results.push(BenchResult {
            id: query.id.clone(),
            hits: answer.hits,
            total: answer.total,
        });
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies_ms.sort_by(f64::total_cmp);
    let report = BenchReport {
        queries: queries.len(),
        p50_ms: percentile(&latencies_ms, 0.50),
        p95_ms: percentile(&latencies_ms, 0.95),
        p99_ms: percentile(&latencies_ms, 0.99),
        qps: if elapsed > 0.0 {
            queries.len() as f64 / elapsed
        } else {
            0.0
        },
        results,
    };
    if args.json {
        outln!("{}", serde_json::to_string(&report)?);
    } else {
        outln!(
            "{} queries: p50 {:.3} ms, p95 {:.3} ms, p99 {:.3} ms, {:.0} queries/s",
            report.queries,
            report.p50_ms,
            report.p95_ms,
            report.p99_ms,
            report.qps
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn read_queries(path: &std::path::Path) -> Result<Vec<BenchQuery>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut queries = Vec::new();
    for (index, line) in BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{}: line {}", path.display(), index + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let query = serde_json::from_str(&line).with_context(|| {
            format!(
                "{}: line {} is not a benchmark query (docs/formats.md)",
                path.display(),
                index + 1
            )
        })?;
        queries.push(query);
    }
    Ok(queries)
}

/// The nearest-rank percentile of sorted values (0 for none).
fn percentile(sorted: &[f64], fraction: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (fraction * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn nearest_rank_percentiles() {
        let values: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&values, 0.50), 50.0);
        assert_eq!(percentile(&values, 0.95), 95.0);
        assert_eq!(percentile(&values, 0.99), 99.0);
        assert_eq!(percentile(&[], 0.5), 0.0);
        assert_eq!(percentile(&[7.0], 0.99), 7.0);
    }
}
