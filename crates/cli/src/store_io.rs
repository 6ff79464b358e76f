//! `signpost import` and `signpost export`.

use crate::args::{ExportArgs, ExportFormat, ImportArgs, StoreArgs};
use crate::progress::bytes_bar;
use anyhow::{Context, Result};
use signpost_store::import::{Format, ImportError, ImportOptions, import_file};
use signpost_store::{Store, StoreConfig};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

/// Opens the store the flags name, creating the data folder for SQLite.
pub async fn open_store(args: &StoreArgs) -> Result<Store> {
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
    Store::open(&config).await.context("cannot open the store")
}

pub async fn import(args: &ImportArgs) -> Result<ExitCode> {
    let store = open_store(&args.store).await?;
    let options = ImportOptions {
        dry_run: args.dry_run,
        format: None,
    };
    for path in &args.files {
        if !args.dry_run {
            mark_index_stale(&args.store.db)?;
        }
        match import_one(&store, path, &options).await {
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

/// The search index is derived from the store: a write made outside the `Directory` leaves the
/// mark that makes the next open rebuild the index.
fn mark_index_stale(db_dir: &Path) -> Result<()> {
    std::fs::create_dir_all(db_dir)
        .with_context(|| format!("cannot create {}", db_dir.display()))?;
    let mark = db_dir.join(signpost_app::directory::STALE_MARK);
    std::fs::write(&mark, b"signpost import changed the store")
        .with_context(|| format!("cannot write {}", mark.display()))
}

async fn import_one(
    store: &Store,
    path: &Path,
    options: &ImportOptions,
) -> Result<signpost_store::import::ImportSummary, ImportError> {
    let total = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let bar = bytes_bar(total, &path.display().to_string());
    let result = import_file(store, path, options, &mut |p| {
        bar.set_position(p.bytes_read)
    })
    .await;
    bar.finish_and_clear();
    result
}

fn report_import_error(error: &ImportError, json: bool) {
    if json {
        let body = serde_json::json!({ "error": error.to_string(), "problems": error.problems() });
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
