//! Helpers shared by the engine's integration tests.
// Each test binary uses only some of these helpers.
#![allow(dead_code)]

use std::path::PathBuf;

use signpost_domain::Service;
use signpost_engine::{BenchQuery, Engine, EngineBuilder};

pub fn bench_sample_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/spec/bench-sample")
}

pub fn read_jsonl<T: serde::de::DeserializeOwned>(name: &str) -> Vec<T> {
    let text = std::fs::read_to_string(bench_sample_dir().join(name)).expect("bench sample file");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid json line"))
        .collect()
}

pub fn build(dir: &std::path::Path, services: &[Service]) -> Engine {
    let mut builder = EngineBuilder::new(dir).expect("builder");
    for service in services {
        builder.add(service).expect("add");
    }
    builder.finish().expect("finish")
}

/// The §5 words of a text, written independently of the engine: Python's `str.lower()` then
/// split on anything that is not a letter or digit.
pub fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The brute-force §5 answer: scan every service.
pub fn oracle(services: &[Service], query: &BenchQuery) -> (Vec<String>, usize) {
    let terms = words(query.text.as_deref().unwrap_or(""));
    let centre = query
        .lat
        .zip(query.lon)
        .map(|(lat, lon)| signpost_geo::Point::new(lat, lon));
    let mut hits: Vec<(Option<f64>, String)> = Vec::new();
    for service in services {
        let mut own = words(&service.name);
        own.extend(words(service.description.as_deref().unwrap_or("")));
        if !terms.iter().all(|t| own.contains(t)) {
            continue;
        }
        if let Some(l) = &query.language
            && !service.language_codes().contains(&l.as_str())
        {
            continue;
        }
        if let Some(c) = &query.category
            && !service.category_codes().contains(&c.as_str())
        {
            continue;
        }
        let nearest = centre.and_then(|c| {
            service
                .points()
                .iter()
                .map(|p| signpost_geo::haversine_m(c, signpost_geo::Point::new(p.lat, p.lon)))
                .min_by(f64::total_cmp)
        });
        if let (Some(_), Some(radius)) = (centre, query.radius_m)
            && !nearest.is_some_and(|d| d <= radius)
        {
            continue;
        }
        hits.push((nearest, service.id.clone()));
    }
    hits.sort_by(|a, b| {
        let by_distance = match (a.0, b.0) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        };
        by_distance.then_with(|| a.1.cmp(&b.1))
    });
    let total = hits.len();
    let k = query.k.unwrap_or(total);
    (hits.into_iter().take(k).map(|h| h.1).collect(), total)
}
