//! `signpost keys`, `signpost audit`, `signpost gazetteer` and `signpost serve`.

use crate::args::{AuditArgs, GazetteerCommand, KeysCommand, ServeArgs};
use crate::output::outln;
use crate::store_io::open_store;
use anyhow::Result;
use signpost_app::Access;
use signpost_app::keys::Role;
use signpost_geo::{Gazetteer, PlaceLookup};
use signpost_server::{Limits, ServerConfig};
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
        cors_origins: args.cors_origins.clone(),
    };
    signpost_server::serve(config).await?;
    Ok(ExitCode::SUCCESS)
}

pub async fn keys(command: &KeysCommand) -> Result<ExitCode> {
    match command {
        KeysCommand::Create { store, role, name } => {
            let role = if role == "admin" {
                Role::Admin
            } else {
                Role::Editor
            };
            let store = open_store(store).await?;
            let created = Access::new(&store).create_key(role, name).await?;
            eprintln!(
                "created {} key {:?}; it is shown once, keep it safe:",
                created.role.as_str(),
                created.name
            );
            outln!("{}", created.key);
        }
        KeysCommand::List { store } => {
            let store = open_store(store).await?;
            for key in Access::new(&store).keys().await? {
                let revoked = key
                    .revoked_at
                    .map(|at| format!(" (revoked {at})"))
                    .unwrap_or_default();
                outln!(
                    "{:<30} {:<7} created {}{}",
                    key.name,
                    key.role.as_str(),
                    key.created_at,
                    revoked
                );
            }
        }
        KeysCommand::Revoke { store, name } => {
            let store = open_store(store).await?;
            Access::new(&store).revoke_key(name).await?;
            eprintln!("revoked {name:?}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn audit(args: &AuditArgs) -> Result<ExitCode> {
    let store = open_store(&args.store).await?;
    let entries = Access::new(&store).audit(None, args.limit as u64).await?;
    if args.json {
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
            let report = signpost_geo::build_from_raw(from, out)?;
            eprintln!(
                "wrote {} bytes of gazetteer data to {}",
                report.total_bytes(),
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
