//! `signpost import` and `signpost export`.

use crate::args::{ExportArgs, ExportFormat, ImportArgs, StoreArgs};
use crate::progress::bytes_bar;
use anyhow::{Context, Result};
use signpost_app::AppError;
use signpost_app::import::IndexBuild;
use signpost_store::import::{Format, ImportOptions, ImportSummary};
use signpost_store::{Store, StoreConfig};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

/// Opens the store the flags name, creating the data folder for SQLite.
pub async fn open_store(args: &StoreArgs) -> Result<Store> {
    Store::open(&store_config(args)?)
        .await
        .context("cannot open the store")
}

/// The store the flags name, creating the data folder for SQLite.
fn store_config(args: &StoreArgs) -> Result<StoreConfig> {
    let config = match &args.database_url {
        Some(url) => StoreConfig::Postgres {
            url: url.clone(),
            schema: None,
        },
        None => {
            std::fs::create_dir_all(&args.db)
                .with_context(|| format!("cannot create {}", args.db.display()))?;
            StoreConfig::Sqlite {
                dir: args.db.clone(),
            }
        }
    };
    Ok(config)
}

pub async fn import(args: &ImportArgs) -> Result<ExitCode> {
    let store = Store::open_for_import(&store_config(&args.store)?)
        .await
        .context("cannot open the store")?;
    let options = ImportOptions {
        dry_run: args.dry_run,
        format: None,
    };
    // With several files, an index built alongside the first would be stale after the second.
    let index = if args.defer_index || args.files.len() > 1 {
        IndexBuild::Deferred
    } else {
        IndexBuild::IntoEmptyStore
    };
    for path in &args.files {
        match import_one(&store, &args.store.db, path, &options, index).await {
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
    store: &Store,
    db_dir: &Path,
    path: &Path,
    options: &ImportOptions,
    index: IndexBuild,
) -> Result<ImportSummary, AppError> {
    let total = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let bar = bytes_bar(total, &path.display().to_string());
    let result = signpost_app::import::import_file(store, db_dir, path, options, index, &mut |p| {
        bar.set_position(p.bytes_read)
    })
    .await;
    bar.finish_and_clear();
    result
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
    let store = open_store(&args.store).await?;
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
    let written = signpost_store::export::export(&store, format, &mut buffered).await?;
    buffered.flush()?;
    eprintln!("exported {written} services");
    Ok(ExitCode::SUCCESS)
}
