//! Measures parse time per query against the bundled gazetteer (place look-ups and spelling
//! corrections included), over a realistic mix: the practitioner golden set (a fair share of it
//! misspelt) and the examples of docs/parsed-query.md.
//! Run: `cargo run --release -p signpost-query --example parse_timing`.

use signpost_geo::Gazetteer;
use std::time::Instant;

const EXAMPLES: &[&str] = &[
    "Bengali-speaking mentoring within 3 miles of WS1 1AA",
    "female Punjabi-speaking counsellor in Walsall open Friday evening",
    "bangla mentor nr B6 5RQ",
    "NRPF advice for Somali women within 5km of Luton",
    "gurdwara that helps with jobs",
    "Polish speaking DV support for women in Coventry",
    "free food bank open now near WS1 1AA",
    "Sylheti mentor for a 17 year old male within 2 miles of WS1 1AA",
    "mentorng in Walsal",
    "help with jobs for ex-offenders in Walsall",
    "Temple Street",
    "english classes near me",
    "Farsi and Dari speaking asylum advice within 5km of Luton",
    "church-based mentoring for men open Friday evening",
    "52.58,-1.98 within 800m",
    "Tamil ESOL classes Saturday morning",
];
const GOLDEN: &str = include_str!("../tests/practitioner_queries.jsonl");
const ROUNDS: usize = 40;
const SLOWEST_SHOWN: usize = 5;

/// The golden set's queries (the text after `"query": "`), then the examples.
fn queries() -> Vec<String> {
    let golden = GOLDEN.lines().filter_map(|line| {
        let value: serde_json::Value = serde_json::from_str(line).ok()?;
        Some(value["query"].as_str()?.to_owned())
    });
    golden
        .chain(EXAMPLES.iter().map(|q| (*q).to_owned()))
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let places = Gazetteer::bundled()?;
    let load = started.elapsed();
    let warm = Instant::now();
    signpost_query::parse("warm up the vocabulary in Wallsall", places);
    let lexicon = warm.elapsed();
    let queries = queries();
    let mut per_query = vec![Vec::with_capacity(ROUNDS); queries.len()];
    for _ in 0..ROUNDS {
        for (query, times) in queries.iter().zip(&mut per_query) {
            let t = Instant::now();
            std::hint::black_box(signpost_query::parse(std::hint::black_box(query), places));
            times.push(t.elapsed().as_secs_f64() * 1e6);
        }
    }
    for (query, times) in queries.iter().zip(&mut per_query) {
        times.sort_by(f64::total_cmp);
        if EXAMPLES.contains(&query.as_str()) {
            println!("{:>10.1} us  {query}", times[times.len() / 2]);
        }
    }
    let mut slowest: Vec<(f64, &String)> = per_query
        .iter()
        .map(|times| times[times.len() / 2])
        .zip(&queries)
        .collect();
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (median, query) in slowest.iter().take(SLOWEST_SHOWN) {
        println!("{median:>10.1} us  (among the slowest) {query}");
    }
    let mut samples: Vec<f64> = per_query.into_iter().flatten().collect();
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q) as usize];
    println!(
        "{} parses of {} queries: median {:.1} us, p95 {:.1} us, p99 {:.1} us, max {:.1} us",
        samples.len(),
        queries.len(),
        at(0.5),
        at(0.95),
        at(0.99),
        at(1.0)
    );
    println!(
        "one-off: gazetteer load {:.0} ms, vocabulary and first correction {:.1} ms",
        load.as_secs_f64() * 1e3,
        lexicon.as_secs_f64() * 1e3
    );
    Ok(())
}
