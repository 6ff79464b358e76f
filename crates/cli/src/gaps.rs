//! `signpost gaps access` and `signpost gaps report`.

use crate::args::{GapsAccessArgs, GapsReportArgs};
use crate::output::outln;
use anyhow::Result;
use signpost_gaps::{AreaLevel, Method, Need, ReportOptions};
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
    let store = crate::store_io::open_store(&args.store).await?;
    let services = all_services(&store).await?;
    let summary =
        signpost_gaps::run_report(&options, args.caseload.as_deref(), &services, &args.out)?;
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        eprintln!("wrote the report to {}", args.out.display());
    }
    Ok(ExitCode::SUCCESS)
}

async fn all_services(store: &signpost_store::Store) -> Result<Vec<signpost_domain::Service>> {
    let mut chunks = store.chunks(5_000);
    let mut services = Vec::new();
    while let Some(chunk) = chunks.next().await? {
        services.extend(chunk);
    }
    Ok(services)
}
