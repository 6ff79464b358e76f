//! `signpost keys`, `signpost audit`, `signpost gazetteer` and `signpost serve`.

use crate::args::{AuditArgs, GazetteerCommand, KeysCommand, ServeArgs};
use crate::output::outln;
use crate::store_io::open_storage;
use anyhow::{Context, Result};
use signpost_app::keys::Role;
use signpost_geo::{Gazetteer, PlaceLookup, RawData, Rebuilt};
use signpost_server::forwarded::TrustedProxies;
use signpost_server::wire::AuditEntry;
use signpost_server::{Limits, ServerConfig};
use std::path::Path;
use std::process::ExitCode;

pub async fn serve(args: &ServeArgs) -> Result<ExitCode> {
    let config = ServerConfig {
        addr: args.addr,
        db_dir: args.store.db.clone(),
        database_url: args.store.database_url.clone(),
        limits: Limits {
            rate_per_minute: args.rate_limit,
            ..Limits::default()
        },
        trusted_proxies: TrustedProxies::new(args.trusted_proxies.clone()),
        cors_origins: args.cors_origins.clone(),
        referral_retention: args.referral_retention,
        stale_after_months: args.stale_after,
        harvests: signpost_app::harvest::scheduled_feeds(&args.harvests),
        harvest_every: args.harvest_every,
    };
    signpost_server::serve(config).await?;
    Ok(ExitCode::SUCCESS)
}

pub async fn keys(command: &KeysCommand) -> Result<ExitCode> {
    match command {
        KeysCommand::Create {
            store,
            role,
            name,
            organization,
        } => {
            let role = if role == "admin" {
                Role::Admin
            } else {
                Role::Editor
            };
            let storage = open_storage(store).await?;
            let created = storage
                .access()
                .create_key_for(role, name, organization.as_deref())
                .await?;
            eprintln!(
                "created {} key {:?}; it is shown once, keep it safe:",
                created.role.as_str(),
                created.name
            );
            outln!("{}", created.key);
        }
        KeysCommand::List { store } => {
            let storage = open_storage(store).await?;
            for key in storage.access().keys().await? {
                let revoked = key
                    .revoked_at
                    .map(|at| format!(" (revoked {at})"))
                    .unwrap_or_default();
                let organization = key
                    .organization_id
                    .map(|id| format!(" for organization {id}"))
                    .unwrap_or_default();
                outln!(
                    "{:<30} {:<7} created {}{}{}",
                    key.name,
                    key.role.as_str(),
                    key.created_at,
                    organization,
                    revoked
                );
            }
        }
        KeysCommand::Revoke { store, name } => {
            let storage = open_storage(store).await?;
            storage.access().revoke_key(name).await?;
            eprintln!("revoked {name:?}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn audit(args: &AuditArgs) -> Result<ExitCode> {
    let storage = open_storage(&args.store).await?;
    let entries = storage.access().audit(None, args.limit as u64).await?;
    if args.json {
        let entries: Vec<_> = entries.iter().map(AuditEntry::from).collect();
        outln!("{}", serde_json::to_string_pretty(&entries)?);
    } else {
        for entry in entries {
            outln!(
                "{}  {:<20} {:<7} {}",
                entry.at,
                entry.key_name,
                entry.action,
                entry.service_id
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn gazetteer(command: &GazetteerCommand) -> Result<ExitCode> {
    match command {
        GazetteerCommand::Build { from, out } => {
            let rebuilt = rebuild_gazetteer(from)?;
            write_gazetteer(&rebuilt, out)?;
            eprintln!(
                "wrote {} bytes of gazetteer data to {}",
                rebuilt.total_bytes(),
                out.display()
            );
        }
        GazetteerCommand::Lookup { place } => {
            let places = Gazetteer::bundled()?;
            match places.lookup(place) {
                Some(found) => outln!("{}", serde_json::to_string_pretty(&found)?),
                None => {
                    let suggestions = places.suggest(place);
                    if suggestions.is_empty() {
                        eprintln!("error: {place:?} is not a known place or postcode");
                    } else {
                        eprintln!(
                            "error: {place:?} is not a known place or postcode; did you mean {}?",
                            suggestions.join(", ")
                        );
                    }
                    return Ok(ExitCode::FAILURE);
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads the raw open data under `from` (the `shared/data` folder) and builds the gazetteer.
fn rebuild_gazetteer(from: &Path) -> Result<Rebuilt> {
    let raw = RawData::gather(|file| {
        let path = from.join(file.path());
        std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))
    })?;
    signpost_geo::build_from_raw(&raw)
        .with_context(|| format!("rebuilding the gazetteer from {}", from.display()))
}

/// Writes the bundled gazetteer's files into `out` (created if missing).
fn write_gazetteer(rebuilt: &Rebuilt, out: &Path) -> Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    for (name, bytes) in &rebuilt.files {
        let path = out.join(name);
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_open_data_folder_is_an_error_naming_the_file() {
        let error = rebuild_gazetteer(Path::new("/nonexistent/shared")).unwrap_err();
        let message = format!("{error:#}");
        assert!(
            message.starts_with("cannot read /nonexistent/shared/census2021/population.csv: "),
            "{message}"
        );
    }
}
