//! Prometheus metrics: request counts by method, route and status, latency histograms by
//! method and route, and the directory's gauges (services, index lag, last import, each source's
//! last harvest, labelled by the source's name). Routes are the matched route templates (`/services/{id}`), never the
//! request's path or query text, so a label can never carry what someone searched for.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

use signpost_app::{Gauges, HarvestOutcome, ImportOutcome};

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

/// The route label of a request that matched no route.
pub const UNMATCHED_ROUTE: &str = "unmatched";

#[derive(Debug, Default, Clone)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Debug, Default)]
struct Inner {
    requests: BTreeMap<(String, String, u16), u64>,
    latency: BTreeMap<(String, String), Histogram>,
}

/// The server's request metrics.
#[derive(Debug, Default)]
pub struct Metrics {
    inner: Mutex<Inner>,
}

impl Metrics {
    pub fn new() -> Metrics {
        Metrics::default()
    }

    /// Counts one finished request.
    pub fn record(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        let mut inner = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *inner
            .requests
            .entry((method.to_owned(), route.to_owned(), status))
            .or_default() += 1;
        let histogram = inner
            .latency
            .entry((method.to_owned(), route.to_owned()))
            .or_default();
        let seconds = elapsed.as_secs_f64();
        for (count, bound) in histogram.counts.iter_mut().zip(BUCKETS) {
            if seconds <= bound {
                *count += 1;
            }
        }
        histogram.count += 1;
        histogram.sum += seconds;
    }

    /// The Prometheus text exposition (version 0.0.4).
    pub fn render(&self) -> String {
        let inner = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut out = String::new();
        out.push_str(
            "# HELP signpost_http_requests_total HTTP requests by method, route and status.\n",
        );
        out.push_str("# TYPE signpost_http_requests_total counter\n");
        for ((method, route, status), count) in &inner.requests {
            let _ = writeln!(
                out,
                "signpost_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{status}\"}} {count}",
                escape(method),
                escape(route)
            );
        }
        out.push_str("# HELP signpost_http_request_duration_seconds HTTP request latency by method and route.\n");
        out.push_str("# TYPE signpost_http_request_duration_seconds histogram\n");
        for ((method, route), histogram) in &inner.latency {
            write_histogram(&mut out, &escape(method), &escape(route), histogram);
        }
        out
    }
}

/// The directory's gauges in Prometheus text: services stored, active and indexed, the index's
/// lag behind the store and its stale mark, and the last import (left out when there has been
/// none, rather than reported as a made-up zero).
pub fn render_directory(gauges: &Gauges) -> String {
    let mut out = String::new();
    let mut gauge = |name: &str, help: &str, value: u64| {
        let _ = writeln!(
            out,
            "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}"
        );
    };
    gauge(
        "signpost_services",
        "Services the store holds.",
        gauges.stored,
    );
    gauge(
        "signpost_services_active",
        "Services the store holds whose HSDS status is active.",
        gauges.active,
    );
    gauge(
        "signpost_services_indexed",
        "Services the search index holds.",
        gauges.indexed,
    );
    gauge(
        "signpost_index_lag_services",
        "How many services the search index is away from the store (0 when in step).",
        gauges.index_lag(),
    );
    gauge(
        "signpost_index_stale",
        "1 when a write was left between the store and the index (the next start rebuilds it).",
        u64::from(gauges.index_stale),
    );
    if let Some(import) = &gauges.last_import {
        write_last_import(&mut out, import);
    }
    write_last_harvests(&mut out, &gauges.harvests);
    out
}

/// A gauge of each source's last harvest: its name, help text and reading.
type HarvestGauge = (&'static str, &'static str, fn(&HarvestOutcome) -> u64);

const HARVEST_GAUGES: [HarvestGauge; 7] = [
    (
        "signpost_harvest_last_run_timestamp_seconds",
        "When the source's last harvest ended (Unix time).",
        |h| h.finished_at,
    ),
    (
        "signpost_harvest_last_success",
        "1 when the source's last harvest was taken, 0 when it failed (nothing written).",
        |h| u64::from(h.ok),
    ),
    (
        "signpost_harvest_last_new_services",
        "Services the source's last harvest added.",
        |h| h.new,
    ),
    (
        "signpost_harvest_last_updated_services",
        "Services the source's last harvest changed.",
        |h| h.updated,
    ),
    (
        "signpost_harvest_last_unchanged_services",
        "Services the source's last harvest found unchanged.",
        |h| h.unchanged,
    ),
    (
        "signpost_harvest_last_withdrawn_services",
        "Services the source's last harvest made inactive (no longer listed).",
        |h| h.withdrawn,
    ),
    (
        "signpost_harvest_last_set_aside_values",
        "Values the source's last harvest set aside as data problems.",
        |h| h.set_aside,
    ),
];

fn write_last_harvests(out: &mut String, harvests: &[HarvestOutcome]) {
    if harvests.is_empty() {
        return;
    }
    for (name, help, value) in HARVEST_GAUGES {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge");
        for harvest in harvests {
            let _ = writeln!(
                out,
                "{name}{{source=\"{}\"}} {}",
                escape(&harvest.source),
                value(harvest)
            );
        }
    }
}

fn write_last_import(out: &mut String, import: &ImportOutcome) {
    let source = import.source.as_str();
    let rows: [(&str, &str, u64); 3] = [
        (
            "signpost_last_import_timestamp_seconds",
            "When the last import into this data directory ended (Unix time).",
            import.finished_at,
        ),
        (
            "signpost_last_import_success",
            "1 when the last import was taken, 0 when it was rejected or failed (nothing written).",
            u64::from(import.ok),
        ),
        (
            "signpost_last_import_services",
            "Services the last import wrote.",
            import.services,
        ),
    ];
    for (name, help, value) in rows {
        let _ = writeln!(
            out,
            "# HELP {name} {help}\n# TYPE {name} gauge\n{name}{{source=\"{source}\"}} {value}"
        );
    }
}

fn write_histogram(out: &mut String, method: &str, route: &str, histogram: &Histogram) {
    let name = "signpost_http_request_duration_seconds";
    for (count, bound) in histogram.counts.iter().zip(BUCKETS) {
        let _ = writeln!(
            out,
            "{name}_bucket{{method=\"{method}\",route=\"{route}\",le=\"{bound}\"}} {count}"
        );
    }
    let total = histogram.count;
    let _ = writeln!(
        out,
        "{name}_bucket{{method=\"{method}\",route=\"{route}\",le=\"+Inf\"}} {total}"
    );
    let _ = writeln!(
        out,
        "{name}_sum{{method=\"{method}\",route=\"{route}\"}} {}",
        histogram.sum
    );
    let _ = writeln!(
        out,
        "{name}_count{{method=\"{method}\",route=\"{route}\"}} {total}"
    );
}

fn escape(label: &str) -> String {
    label
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_cumulative_buckets() {
        let metrics = Metrics::new();
        metrics.record("GET", "/api/v1/search", 200, Duration::from_millis(3));
        metrics.record("GET", "/api/v1/search", 200, Duration::from_millis(30));
        metrics.record("GET", "/api/v1/search", 400, Duration::from_micros(500));
        let text = metrics.render();
        assert!(text.contains(
            "signpost_http_requests_total{method=\"GET\",route=\"/api/v1/search\",status=\"200\"} 2"
        ));
        assert!(text.contains(
            "signpost_http_requests_total{method=\"GET\",route=\"/api/v1/search\",status=\"400\"} 1"
        ));
        assert!(text.contains("le=\"0.001\"} 1\n"));
        assert!(text.contains("le=\"0.005\"} 2\n"));
        assert!(text.contains("le=\"0.05\"} 3\n"));
        assert!(text.contains("le=\"+Inf\"} 3\n"));
        assert!(text.contains("signpost_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/search\"} 3"));
    }

    #[test]
    fn directory_gauges_and_the_last_import() {
        let mut gauges = Gauges {
            stored: 12,
            active: 10,
            searchable: 12,
            indexed: 11,
            index_stale: true,
            last_import: None,
            harvests: Vec::new(),
        };
        let text = render_directory(&gauges);
        assert!(text.contains("\nsignpost_services 12\n"));
        assert!(text.contains("\nsignpost_services_active 10\n"));
        assert!(text.contains("\nsignpost_services_indexed 11\n"));
        assert!(text.contains("\nsignpost_index_lag_services 1\n"));
        assert!(text.contains("\nsignpost_index_stale 1\n"));
        assert!(!text.contains("last_import"));
        gauges.last_import = Some(ImportOutcome {
            finished_at: 1_700_000_000,
            source: signpost_app::ImportSource::Cli,
            ok: false,
            services: 0,
        });
        let text = render_directory(&gauges);
        assert!(
            text.contains("signpost_last_import_timestamp_seconds{source=\"cli\"} 1700000000\n")
        );
        assert!(text.contains("signpost_last_import_success{source=\"cli\"} 0\n"));
        assert!(text.contains("# TYPE signpost_last_import_services gauge\n"));
        assert!(!text.contains("signpost_harvest"));
    }

    #[test]
    fn each_source_s_last_harvest_is_labelled_by_its_name() {
        let harvest = |source: &str, ok: bool| HarvestOutcome {
            source: source.to_owned(),
            finished_at: 1_700_000_000,
            ok,
            new: u64::from(ok) * 7,
            updated: 0,
            unchanged: 2,
            withdrawn: 1,
            set_aside: 3,
            error: (!ok).then(|| "http://b.example/services: 503".to_owned()),
        };
        let gauges = Gauges {
            stored: 0,
            active: 0,
            searchable: 0,
            indexed: 0,
            index_stale: false,
            last_import: None,
            harvests: vec![harvest("a.example", true), harvest("b.example", false)],
        };
        let text = render_directory(&gauges);
        assert_eq!(
            text.matches("# TYPE signpost_harvest_last_success gauge\n")
                .count(),
            1
        );
        assert!(text.contains("signpost_harvest_last_success{source=\"a.example\"} 1\n"));
        assert!(text.contains("signpost_harvest_last_success{source=\"b.example\"} 0\n"));
        assert!(text.contains("signpost_harvest_last_new_services{source=\"a.example\"} 7\n"));
        assert!(text.contains(
            "signpost_harvest_last_run_timestamp_seconds{source=\"b.example\"} 1700000000\n"
        ));
        assert!(!text.contains("503"), "no error text in a label: {text}");
    }

    #[test]
    fn label_values_are_escaped() {
        let metrics = Metrics::new();
        metrics.record("GET", "a\"b", 200, Duration::ZERO);
        assert!(metrics.render().contains("route=\"a\\\"b\""));
    }
}
