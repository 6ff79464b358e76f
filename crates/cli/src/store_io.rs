//! `signpost import`, `signpost harvest` and `signpost export`.

use crate::args::{ExportArgs, ExportFormat, HarvestArgs, ImportArgs, StoreArgs};
use crate::progress::bytes_bar;
use anyhow::{Context, Result};
use signpost_app::harvest::{HarvestLimits, HarvestOptions};
use signpost_app::import::IndexBuild;
use signpost_app::{
    AppError, Confidential, Format, ImportOptions, ImportSummary, OpenOptions, Storage,
};
use signpost_server::wire;
use std::collections::BTreeSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

/// The store the flags name, which must exist already: only `serve` and `import` make one.
pub fn existing_store(args: &StoreArgs) -> OpenOptions {
    OpenOptions::existing(&args.db, args.database_url.as_deref())
}

/// Opens the existing store the flags name (without the search index); creates nothing.
pub async fn open_storage(args: &StoreArgs) -> Result<Storage> {
    Ok(Storage::open(&existing_store(args)).await?)
}

pub async fn import(args: &ImportArgs) -> Result<ExitCode> {
    let location = OpenOptions::new(&args.store.db, args.store.database_url.as_deref());
    let storage = Storage::open_for_import(&location).await?;
    let options = ImportOptions {
        dry_run: args.dry_run,
        format: None,
        lenient: args.lenient,
    };
    // With several files, an index built alongside the first would be stale after the second.
    let index = if args.defer_index || args.files.len() > 1 {
        IndexBuild::Deferred
    } else {
        IndexBuild::IntoEmptyStore
    };
    for path in &args.files {
        match import_one(&storage, path, &options, index).await {
            Ok(summary) => {
                let verb = if summary.dry_run {
                    "checked"
                } else {
                    "imported"
                };
                eprintln!(
                    "{verb} {} services from {} ({})",
                    summary.records,
                    path.display(),
                    summary.format.name()
                );
                if args.lenient {
                    report_set_aside(path, summary, args.json)?;
                }
            }
            Err(error) => {
                report_import_error(&error, args.json);
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One file into the store, and into the index beside it (`signpost_app::import`).
async fn import_one(
    storage: &Storage,
    path: &Path,
    options: &ImportOptions,
    index: IndexBuild,
) -> Result<ImportSummary, AppError> {
    let total = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let bar = bytes_bar(total, &path.display().to_string());
    let result = storage
        .import_file(path, options, index, &mut |p| {
            bar.set_position(p.bytes_read)
        })
        .await;
    bar.finish_and_clear();
    result
}

pub async fn harvest(args: &HarvestArgs) -> Result<ExitCode> {
    let location = OpenOptions::new(&args.store.db, args.store.database_url.as_deref());
    let storage = Storage::open(&location).await?;
    let options = HarvestOptions {
        url: args.url.clone(),
        source: args.source.clone(),
        limits: HarvestLimits::default(),
    };
    let summary = storage.harvest(&options).await?;
    eprintln!(
        "harvested {}: {} new, {} updated, {} unchanged, {} withdrawn, {} values set aside",
        summary.source,
        summary.new,
        summary.updated,
        summary.unchanged,
        summary.withdrawn,
        summary.set_aside.len()
    );
    if args.json {
        let set_aside: Vec<wire::DataProblem> = summary
            .set_aside
            .into_iter()
            .map(wire::DataProblem::from)
            .collect();
        let body = serde_json::json!({
            "source": summary.source,
            "harvested_at": summary.harvested_at,
            "new": summary.new,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
            "withdrawn": summary.withdrawn,
            "set_aside_count": set_aside.len(),
            "set_aside": set_aside,
        });
        println!("{}", serde_json::to_string_pretty(&body)?);
    }
    Ok(ExitCode::SUCCESS)
}

/// What a lenient import set aside: a count on stderr, and with `--json` the list on stdout.
fn report_set_aside(path: &Path, summary: ImportSummary, json: bool) -> Result<()> {
    let services: BTreeSet<&str> = summary
        .set_aside
        .iter()
        .map(|problem| problem.service_id.as_str())
        .collect();
    eprintln!(
        "set aside {} values from {} services (listed as their data problems)",
        summary.set_aside.len(),
        services.len()
    );
    if json {
        let set_aside: Vec<wire::DataProblem> = summary
            .set_aside
            .into_iter()
            .map(wire::DataProblem::from)
            .collect();
        let body = serde_json::json!({
            "file": path.display().to_string(),
            "records": summary.records,
            "dry_run": summary.dry_run,
            "set_aside_count": set_aside.len(),
            "set_aside": set_aside,
        });
        println!("{}", serde_json::to_string_pretty(&body)?);
    }
    Ok(())
}

fn report_import_error(error: &AppError, json: bool) {
    if json {
        let problems = match error {
            AppError::Import(rejected) => rejected.problems(),
            other => vec![other.to_string()],
        };
        let body = serde_json::json!({ "error": error.to_string(), "problems": problems });
        println!("{body}");
    }
    eprintln!("error: {error}");
}

pub async fn export(args: &ExportArgs) -> Result<ExitCode> {
    let storage = open_storage(&args.store).await?;
    let format = match args.format {
        ExportFormat::HsdsJson => Format::HsdsJson,
        ExportFormat::Ndjson => Format::Ndjson,
        ExportFormat::Csv => Format::Csv,
    };
    let mut out: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut buffered = BufWriter::new(&mut out);
    let confidential = if args.include_confidential {
        Confidential::Included
    } else {
        Confidential::Withheld
    };
    let written = storage.export(format, confidential, &mut buffered).await?;
    buffered.flush()?;
    eprintln!("exported {written} services");
    Ok(ExitCode::SUCCESS)
}
