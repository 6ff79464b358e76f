//! `signpost gaps access` and `signpost gaps report`, with progress bars for the report on a
//! terminal.

use crate::args::{GapsAccessArgs, GapsReportArgs};
use crate::output::outln;
use anyhow::Result;
use indicatif::{ProgressBar, ProgressFinish, ProgressStyle};
use signpost_gaps::{AreaLevel, Method, Need, Progress, ReportOptions};
use std::io::IsTerminal;
use std::process::ExitCode;

/// Loads nothing but the two CSVs: no gazetteer, no store, no index.
pub fn access(args: &GapsAccessArgs) -> Result<ExitCode> {
    let method: Method = args.method.parse()?;
    let catchment_m = signpost_geo::parse_radius(&args.catchment)?;
    let summary =
        signpost_gaps::run_access(&args.demand, &args.supply, method, catchment_m, &args.out)?;
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&summary)?);
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn report(args: &GapsReportArgs) -> Result<ExitCode> {
    let needs = args
        .need
        .iter()
        .map(|n| n.parse::<Need>())
        .collect::<Result<Vec<_>, _>>()?;
    let level: AreaLevel = args.area.parse()?;
    let mut options = ReportOptions::new(needs, level);
    options.catchment_m = signpost_geo::parse_radius(&args.catchment)?;
    options.method = args.method.parse()?;
    options.language_gap_min_residents = args.language_min;
    options.language_gap_m = signpost_geo::parse_radius(&args.language_within)?;
    let store = crate::store_io::open_store(&args.store).await?;
    let services = all_services(&store).await?;
    let bar = StepBar(bar(
        "gaps report",
        "{prefix} [{bar:30}] {pos}/{len} {wide_msg}",
    ));
    let summary = signpost_gaps::run_report(
        &options,
        args.caseload.as_deref(),
        &services,
        &args.out,
        &bar,
    )?;
    bar.0.finish_and_clear();
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        eprintln!("wrote the report to {}", args.out.display());
    }
    Ok(ExitCode::SUCCESS)
}

async fn all_services(store: &signpost_store::Store) -> Result<Vec<signpost_domain::Service>> {
    let bar = bar("loading services", "{prefix} [{bar:30}] {pos}/{len}");
    bar.set_length(store.count().await?);
    let mut chunks = store.chunks(5_000);
    let mut services = Vec::new();
    while let Some(chunk) = chunks.next().await? {
        bar.inc(chunk.len() as u64);
        services.extend(chunk);
    }
    bar.finish_and_clear();
    Ok(services)
}

/// A bar on stderr that clears itself when done or dropped, or a hidden one when stderr is not a
/// terminal (interfaces.md §1).
fn bar(prefix: &'static str, template: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let style = ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    ProgressBar::new(0)
        .with_style(style)
        .with_prefix(prefix)
        .with_finish(ProgressFinish::AndClear)
}

/// The report's steps on a bar: its message names the step running.
struct StepBar(ProgressBar);

impl Progress for StepBar {
    fn start(&self, steps: u64) {
        self.0.set_length(steps);
    }

    fn doing(&self, what: &str) {
        self.0.set_message(what.to_owned());
    }

    fn done(&self) {
        self.0.inc(1);
    }
}
