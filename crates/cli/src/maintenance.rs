//! `signpost check`, `signpost backup` and `signpost restore`: flags in, the app's maintenance
//! calls, the report out.

use crate::args::{BackupArgs, CheckArgs, RestoreArgs};
use crate::output::outln;
use crate::store_io::existing_store;
use anyhow::{Result, bail};
use signpost_app::maintenance;
use std::process::ExitCode;

pub async fn check(args: &CheckArgs) -> Result<ExitCode> {
    let report = maintenance::check(&existing_store(&args.store), args.repair).await?;
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        for line in &report.lines {
            let mark = if line.ok { "ok  " } else { "FAIL" };
            outln!("{mark} {}: {}", line.name, line.detail);
        }
        if let Some(repaired) = &report.repaired {
            outln!("repaired: {repaired}");
        }
    }
    Ok(if report.is_clean() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

pub async fn backup(args: &BackupArgs) -> Result<ExitCode> {
    let summary = maintenance::backup(&existing_store(&args.store), &args.out).await?;
    eprintln!(
        "backed up {} services to {} ({:.1} MB); it checks clean",
        summary.services,
        args.out.display(),
        summary.bytes as f64 / 1e6
    );
    Ok(ExitCode::SUCCESS)
}

pub async fn restore(args: &RestoreArgs) -> Result<ExitCode> {
    if args.store.database_url.is_some() {
        bail!(
            "signpost restore puts back the embedded SQLite store; restore PostgreSQL with pg_restore (see {})",
            maintenance::PG_BACKUP_DOCS
        );
    }
    let summary = maintenance::restore(&args.store.db, &args.from).await?;
    let pending = if summary.pending_migrations > 0 {
        format!(
            "; {} migration(s) are applied when it is next opened",
            summary.pending_migrations
        )
    } else {
        String::new()
    };
    eprintln!(
        "restored {} services from {} into {}; the search index is rebuilt when the store is next opened{pending}",
        summary.services,
        args.from.display(),
        args.store.db.display()
    );
    Ok(ExitCode::SUCCESS)
}
