//! `signpost gaps access` and `signpost gaps report`, with progress bars for the report on a
//! terminal. The gaps library does no IO: the files are opened, created and written here.

use crate::args::{GapsAccessArgs, GapsReportArgs};
use crate::output::outln;
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressFinish, ProgressStyle};
use signpost_gaps::{
    AccessRun, AreaLevel, Caseload, CsvFile, DeclinedFull, Method, Need, Progress, ReportFile,
    ReportOptions,
};
use std::fs::File;
use std::io::{BufReader, BufWriter, IsTerminal};
use std::path::Path;
use std::process::ExitCode;

/// Buffer size for the CSVs read and written (files of millions of rows).
const CSV_BUFFER: usize = 1 << 20;

/// Loads nothing but the two CSVs: no gazetteer, no store, no index. The output is created only
/// once both files have been read and scored.
pub fn access(args: &GapsAccessArgs) -> Result<ExitCode> {
    let method: Method = args.method.parse()?;
    let catchment_m = signpost_geo::parse_radius(&args.catchment)?;
    let demand = open_csv(&args.demand)?;
    let supply = open_csv(&args.supply)?;
    let run = signpost_gaps::run_access(demand, supply, method, catchment_m)?;
    write_access(&args.out, &run)?;
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&run.summary)?);
    }
    Ok(ExitCode::SUCCESS)
}

/// A CSV to read, named by its path in errors.
fn open_csv(path: &Path) -> Result<CsvFile<BufReader<File>>> {
    let name = path.display().to_string();
    let file = File::open(path).with_context(|| name.clone())?;
    Ok(CsvFile {
        name,
        contents: BufReader::with_capacity(CSV_BUFFER, file),
    })
}

/// Writes `id,access` to `path`.
fn write_access(path: &Path, run: &AccessRun) -> Result<()> {
    let name = path.display().to_string();
    let file = File::create(path).with_context(|| name.clone())?;
    let out = BufWriter::with_capacity(CSV_BUFFER, file);
    signpost_gaps::write_access(&name, out, &run.ids, &run.scores)?;
    Ok(())
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
    let caseload = args
        .caseload
        .as_deref()
        .map(|path| read_caseload(path, level))
        .transpose()?;
    let storage = crate::store_io::open_storage(&args.store).await?;
    let services = all_services(&storage).await?;
    options.declined_full = declined_full(&storage).await?;
    let bar = StepBar(bar(
        "gaps report",
        "{prefix} [{bar:30}] {pos}/{len} {wide_msg}",
    ));
    let run = signpost_gaps::run_report(&options, caseload.as_ref(), &services, &bar)?;
    write_report(&args.out, &run.files)?;
    bar.0.finish_and_clear();
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&run.summary)?);
    } else {
        eprintln!("wrote the report to {}", args.out.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// The team's caseload CSV, with every area code checked against the level.
fn read_caseload(path: &Path, level: AreaLevel) -> Result<Caseload> {
    Ok(signpost_gaps::read_caseload(open_csv(path)?, level)?)
}

/// Writes every file of a report into `dir` (created if missing).
fn write_report(dir: &Path, files: &[ReportFile]) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
    for file in files {
        let path = dir.join(file.name);
        std::fs::write(&path, &file.contents).with_context(|| path.display().to_string())?;
    }
    Ok(())
}

/// The referrals services declined as full, for the report's unmet referral demand.
async fn declined_full(storage: &signpost_app::Storage) -> Result<Vec<DeclinedFull>> {
    Ok(storage
        .declined_full_referrals()
        .await?
        .into_iter()
        .map(|referral| DeclinedFull {
            area: referral.area,
            needs: referral.needs,
        })
        .collect())
}

async fn all_services(storage: &signpost_app::Storage) -> Result<Vec<signpost_domain::Service>> {
    let bar = bar("loading services", "{prefix} [{bar:30}] {pos}/{len}");
    bar.set_length(storage.count().await?);
    let services = storage
        .all_services(&mut |loaded| bar.set_position(loaded))
        .await?;
    bar.finish_and_clear();
    Ok(services)
}

/// A bar on stderr that clears itself when done or dropped, or a hidden one when stderr is not a
/// terminal (docs/cli.md).
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
