//! `signpost check`, `backup` and `restore`: is the store sound and the index its copy; an
//! online, consistent copy of a SQLite store; putting such a copy back.
//!
//! The store is the truth and the index a copy, so the only repair made here is rebuilding the
//! index from the store. A damaged store is reported, never patched: the way back is a backup.

use std::collections::HashSet;
use std::fs::File;
use std::path::{Path, PathBuf};

use signpost_engine::{Engine, OpenedEngine};
use signpost_store::{
    DocumentScan, SQLITE_FILE, Store, StoreError, inspect_sqlite_file, sqlite_in_use,
};

use crate::directory::{INDEX_DIR, OpenOptions, StaleMark, rebuild_engine};
use crate::error::{AppError, Result};
use crate::in_use::held_elsewhere;

/// Ids shown when the index and the store disagree.
const SHOWN_IDS: usize = 5;
/// Where the PostgreSQL backup procedure is described.
pub const PG_BACKUP_DOCS: &str = "docs/cli.md#backing-up-postgresql";

/// One line of a check: what was looked at, whether it is sound, and what was found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CheckLine {
    pub name: &'static str,
    pub ok: bool,
    pub detail: String,
}

/// What `signpost check` found, and what `--repair` did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CheckReport {
    pub lines: Vec<CheckLine>,
    /// What the repair did (`None` when none was asked or none was needed).
    pub repaired: Option<String>,
}

impl CheckReport {
    /// Every line sound.
    pub fn is_clean(&self) -> bool {
        self.lines.iter().all(|line| line.ok)
    }
}

/// What `signpost backup` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    pub services: u64,
    pub bytes: u64,
}

/// What `signpost restore` put in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreSummary {
    pub services: u64,
    /// Migrations the copy lacks, applied when the store is next opened.
    pub pending_migrations: usize,
}

/// Checks the store the options name (which must exist) and the index beside it, without
/// writing anything; with `repair`, rebuilds an index that is not the store's copy.
pub async fn check(location: &OpenOptions, repair: bool) -> Result<CheckReport> {
    let postgres = location.database_url.is_some();
    let config = crate::storage::store_config(location)?;
    let store = match Store::open_unmigrated(&config).await {
        Ok(store) => store,
        Err(StoreError::Database(error)) if !postgres => {
            return Ok(CheckReport {
                lines: vec![CheckLine {
                    name: "integrity",
                    ok: false,
                    detail: format!(
                        "SQLite cannot open {} ({error}); if the file is damaged, restore a backup (signpost restore)",
                        location.db_dir.join(SQLITE_FILE).display()
                    ),
                }],
                repaired: None,
            });
        }
        Err(error) => return Err(error.into()),
    };
    let mut lines = Vec::new();

    let integrity = store.integrity().await?;
    lines.push(CheckLine {
        name: "integrity",
        ok: integrity.is_empty(),
        detail: match (postgres, integrity.first()) {
            (true, _) => "PostgreSQL answers".to_owned(),
            (false, None) => "SQLite integrity_check and foreign_key_check: ok".to_owned(),
            (false, Some(first)) => format!(
                "SQLite reports {} problem(s), the first: {first}; the file is damaged: restore a backup (signpost restore)",
                integrity.len()
            ),
        },
    });

    let migrations = match store.migration_state().await {
        Ok(migrations) => migrations,
        Err(StoreError::Database(error)) if !integrity.is_empty() => {
            lines.push(CheckLine {
                name: "migrations",
                ok: false,
                detail: format!("cannot be read from the damaged file ({error})"),
            });
            store.close().await;
            return Ok(CheckReport {
                lines,
                repaired: None,
            });
        }
        Err(error) => return Err(error.into()),
    };
    lines.push(CheckLine {
        name: "migrations",
        ok: migrations.up_to_date(),
        detail: if let Some(problem) = migrations.problems.first() {
            problem.clone()
        } else if migrations.pending.is_empty() {
            format!("{} of {} applied", migrations.applied, migrations.bundled)
        } else {
            format!(
                "{} of {} applied; {:?} are applied when the store is next opened",
                migrations.applied, migrations.bundled, migrations.pending
            )
        },
    });
    if !integrity.is_empty() || !migrations.problems.is_empty() {
        store.close().await;
        return Ok(CheckReport {
            lines,
            repaired: None,
        });
    }

    let documents = store.scan_documents().await?;
    lines.push(CheckLine {
        name: "documents",
        ok: documents.unreadable == 0,
        detail: match documents.unreadable_examples.first() {
            None => format!(
                "{} services, every document reads as a service",
                documents.ids.len()
            ),
            Some(first) => format!(
                "{} of {} documents do not read as a service, the first: {first}",
                documents.unreadable,
                documents.ids.len()
            ),
        },
    });

    let stale = StaleMark::in_dir(&location.db_dir);
    lines.push(CheckLine {
        name: "stale mark",
        ok: !stale.exists(),
        detail: if stale.exists() {
            format!(
                "present ({}): the index is rebuilt at the next open",
                stale.reason()
            )
        } else {
            "absent".to_owned()
        },
    });
    let index_dir = location.db_dir.join(INDEX_DIR);
    let searchable = searchable_ids(&documents);
    lines.push(index_line(&index_dir, &searchable));

    store.close().await;
    let mut repaired = None;
    let index_sound = lines.iter().rev().take(2).all(|line| line.ok);
    if repair && !index_sound {
        if documents.unreadable > 0 {
            return Err(AppError::Maintenance(
                "the store has unreadable documents, so the index is not rebuilt from it: restore a backup (signpost restore)".to_owned(),
            ));
        }
        let held = Engine::lock_writer(&index_dir)?;
        if held.is_none() {
            return Err(writer_busy(&location.db_dir));
        }
        drop(held);
        let sqlite_open_elsewhere = !postgres && sqlite_in_use(&location.db_dir).await?;
        if sqlite_open_elsewhere || held_elsewhere(&location.db_dir)? {
            return Err(store_in_use(&location.db_dir));
        }
        let store = Store::open_unmigrated(&crate::storage::store_config(location)?).await?;
        let rebuilt = rebuild_engine(&store, &index_dir).await;
        store.close().await;
        let services = rebuilt?.len()?;
        if stale.exists() {
            stale.clear()?;
        }
        lines.truncate(lines.len() - 2);
        lines.push(CheckLine {
            name: "stale mark",
            ok: true,
            detail: "absent".to_owned(),
        });
        lines.push(index_line(&index_dir, &searchable));
        repaired = Some(format!(
            "rebuilt the index from the store ({services} services)"
        ));
    }
    Ok(CheckReport { lines, repaired })
}

/// The ids the index must hold: every stored service but the withdrawn ones
/// (`crate::withdrawn`).
fn searchable_ids(documents: &DocumentScan) -> Vec<String> {
    let withdrawn: HashSet<&str> = documents.withdrawn.iter().map(String::as_str).collect();
    documents
        .ids
        .iter()
        .filter(|id| !withdrawn.contains(id.as_str()))
        .cloned()
        .collect()
}

/// Whether the index in `index_dir` holds exactly the searchable services `stored` names.
fn index_line(index_dir: &Path, stored: &[String]) -> CheckLine {
    let problem = |detail: String| CheckLine {
        name: "index",
        ok: false,
        detail,
    };
    let engine = match Engine::open(index_dir) {
        Ok(OpenedEngine::Ready(engine)) => engine,
        Ok(OpenedEngine::RebuildNeeded { reason }) => {
            return problem(format!(
                "{reason}: rebuilt at the next open, or now with --repair"
            ));
        }
        Err(error) => return problem(format!("cannot be read ({error})")),
    };
    let indexed = match engine.ids() {
        Ok(ids) => ids,
        Err(error) => return problem(format!("cannot be read ({error})")),
    };
    let stored_set: HashSet<&str> = stored.iter().map(String::as_str).collect();
    let indexed_set: HashSet<&str> = indexed.iter().map(String::as_str).collect();
    let mut missing: Vec<&str> = stored_set.difference(&indexed_set).copied().collect();
    let mut extra: Vec<&str> = indexed_set.difference(&stored_set).copied().collect();
    if missing.is_empty() && extra.is_empty() {
        return CheckLine {
            name: "index",
            ok: true,
            detail: format!(
                "{} services, the same ids as the store's searchable services",
                indexed.len()
            ),
        };
    }
    missing.sort_unstable();
    extra.sort_unstable();
    let mut said = vec![format!(
        "holds {} services, the store {} searchable ones",
        indexed.len(),
        stored.len()
    )];
    if !missing.is_empty() {
        said.push(format!(
            "{} not in the index (such as {})",
            missing.len(),
            shown(&missing)
        ));
    }
    if !extra.is_empty() {
        said.push(format!(
            "{} only in the index (such as {})",
            extra.len(),
            shown(&extra)
        ));
    }
    problem(format!("{}; --repair rebuilds it", said.join("; ")))
}

fn shown(ids: &[&str]) -> String {
    ids.iter()
        .take(SHOWN_IDS)
        .copied()
        .collect::<Vec<_>>()
        .join(", ")
}

fn writer_busy(db_dir: &Path) -> AppError {
    AppError::Maintenance(format!(
        "another process (a server or an import) is writing the index in {}: stop it first",
        db_dir.display()
    ))
}

fn store_in_use(db_dir: &Path) -> AppError {
    AppError::Maintenance(format!(
        "the store in {} is open in another process (a server, an import, a search): stop it first",
        db_dir.display()
    ))
}

/// Copies the SQLite store the options name to `out` (which must not exist) while it stays in
/// use, then checks the copy. PostgreSQL is refused: `pg_dump` backs it up ([`PG_BACKUP_DOCS`]).
pub async fn backup(location: &OpenOptions, out: &Path) -> Result<BackupSummary> {
    if location.database_url.is_some() {
        return Err(AppError::Maintenance(format!(
            "signpost backup copies the embedded SQLite store; back up PostgreSQL with pg_dump (see {PG_BACKUP_DOCS})"
        )));
    }
    if out.exists() {
        return Err(AppError::Maintenance(format!(
            "{} exists already; a backup never overwrites a file",
            out.display()
        )));
    }
    let store = Store::open_unmigrated(&crate::storage::store_config(location)?).await?;
    let copied = store.backup_into(out).await;
    store.close().await;
    copied?;
    let inspection = inspect_sqlite_file(out).await?;
    if !inspection.is_signpost_store() {
        return Err(AppError::Maintenance(format!(
            "the copy {} does not check clean ({}): the store itself may be damaged, run signpost check",
            out.display(),
            inspection
                .integrity
                .first()
                .or(inspection.migrations.problems.first())
                .map_or("no services table, or unreadable documents", String::as_str)
        )));
    }
    let bytes = std::fs::metadata(out)
        .map_err(|source| AppError::io(format!("cannot read {}", out.display()), source))?
        .len();
    Ok(BackupSummary {
        services: inspection.services.unwrap_or(0),
        bytes,
    })
}

/// Puts the SQLite copy `from` (a `signpost backup`) in place as the store under `db_dir`,
/// replacing any there: refused when `from` is damaged or no Signpost store, or when another
/// process writes the index there. The index is marked stale, so the next open rebuilds it.
pub async fn restore(db_dir: &Path, from: &Path) -> Result<RestoreSummary> {
    if !from.is_file() {
        return Err(AppError::Maintenance(format!(
            "{} is not a file",
            from.display()
        )));
    }
    let inspection = inspect_sqlite_file(from).await.map_err(|error| {
        AppError::Maintenance(format!(
            "{} is not a readable SQLite database ({error}): nothing was changed",
            from.display()
        ))
    })?;
    if let Some(first) = inspection.integrity.first() {
        return Err(AppError::Maintenance(format!(
            "{} is not a sound SQLite database ({} problem(s), the first: {first}): nothing was changed",
            from.display(),
            inspection.integrity.len()
        )));
    }
    if !inspection.is_signpost_store() {
        let unreadable = format!(
            "{} stored documents do not read as a service",
            inspection.unreadable_documents
        );
        let why = match (inspection.migrations.problems.first(), inspection.services) {
            (Some(problem), _) => problem.as_str(),
            (None, None) => "it has no services table",
            (None, Some(_)) => unreadable.as_str(),
        };
        return Err(AppError::Maintenance(format!(
            "{} is not a Signpost store ({why}): nothing was changed",
            from.display()
        )));
    }
    std::fs::create_dir_all(db_dir)
        .map_err(|source| AppError::io(format!("cannot create {}", db_dir.display()), source))?;
    let Some(_lock) = Engine::lock_writer(&db_dir.join(INDEX_DIR))? else {
        return Err(writer_busy(db_dir));
    };
    if sqlite_in_use(db_dir).await? {
        return Err(store_in_use(db_dir));
    }
    StaleMark::in_dir(db_dir).set(&format!("restored from {}", from.display()))?;
    replace_store_file(db_dir, from)?;
    Ok(RestoreSummary {
        services: inspection.services.unwrap_or(0),
        pending_migrations: inspection.migrations.pending.len(),
    })
}

/// Copies `from` beside the store file, flushes it to disk, takes away the old write-ahead log
/// (it belongs to the old file) and renames the copy over the store in one step.
fn replace_store_file(db_dir: &Path, from: &Path) -> Result<()> {
    let target = db_dir.join(SQLITE_FILE);
    let beside = db_dir.join(format!("{SQLITE_FILE}.restoring"));
    std::fs::copy(from, &beside).map_err(|source| {
        AppError::io(
            format!("cannot copy {} to {}", from.display(), beside.display()),
            source,
        )
    })?;
    File::open(&beside)
        .and_then(|file| file.sync_all())
        .map_err(|source| AppError::io(format!("cannot flush {}", beside.display()), source))?;
    for suffix in ["-wal", "-shm"] {
        let side: PathBuf = db_dir.join(format!("{SQLITE_FILE}{suffix}"));
        match std::fs::remove_file(&side) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => {
                return Err(AppError::io(
                    format!("cannot remove {}", side.display()),
                    source,
                ));
            }
        }
    }
    std::fs::rename(&beside, &target).map_err(|source| {
        AppError::io(
            format!("cannot move {} to {}", beside.display(), target.display()),
            source,
        )
    })?;
    File::open(db_dir)
        .and_then(|dir| dir.sync_all())
        .map_err(|source| AppError::io(format!("cannot flush {}", db_dir.display()), source))
}
