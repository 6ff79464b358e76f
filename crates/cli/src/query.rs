//! `signpost parse`, `signpost search` and `signpost match`.

use crate::args::{MatchArgs, ParseArgs, SearchArgs, StoreArgs};
use crate::output::outln;
use anyhow::{Context, Result};
use signpost_app::{Directory, Profile, SearchInput, SearchOutput};
use signpost_geo::Gazetteer;
use signpost_i18n::{Lang, reason_text, reasons_text};
use signpost_server::wire;
use std::process::ExitCode;

/// Opens the existing directory the flags name, never loading the demo directory into it.
pub async fn open_directory(args: &StoreArgs) -> Result<Directory> {
    Ok(Directory::open_with(&crate::store_io::existing_store(args)).await?)
}

pub fn parse(args: &ParseArgs) -> Result<ExitCode> {
    let places = Gazetteer::bundled()?;
    let parsed = signpost_query::parse(&args.query, places);
    if args.json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&wire::ParsedQuery::from(&parsed))?
        );
    } else {
        outln!("{}", parsed.explanation);
        if !parsed.text.is_empty() {
            outln!("  words searched: {}", parsed.text);
        }
        for note in &parsed.notes {
            outln!("  note: {note}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn search(args: &SearchArgs) -> Result<ExitCode> {
    let directory = open_directory(&args.store).await?;
    let input = SearchInput {
        q: args.query.clone(),
        near: args.near.clone(),
        radius: args.radius.clone(),
        languages: args.lang.iter().cloned().collect(),
        categories: args.category.iter().cloned().collect(),
        faiths: args.faith.iter().cloned().collect(),
        open_now: args.open_now,
        page: 1,
        per_page: args.limit,
        ..SearchInput::default()
    };
    let output = directory.search(&input).await?;
    if args.json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&wire::SearchAnswer::from(&output))?
        );
    } else {
        print_results(&output);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_results(output: &SearchOutput) {
    outln!("{}", output.query.explanation);
    if output.relaxed {
        outln!("(no service matches every word; those matching more of them come first)");
    }
    outln!("{} found\n", output.total);
    if !output.suggestions.is_empty() {
        outln!("Try:");
        for suggestion in &output.suggestions {
            outln!(
                "  {} ({} found): signpost search \"{}\"",
                suggestion.label,
                suggestion.total,
                suggestion.text()
            );
        }
    }
    for (rank, result) in output.results.iter().enumerate() {
        let service = &result.service;
        let organisation = service
            .organization_name()
            .map(|o| format!(" - {o}"))
            .unwrap_or_default();
        outln!("{:>3}. {}{}", rank + 1, service.name, organisation);
        outln!("     {}", reasons_text(Lang::En, &result.why).join(" · "));
        outln!("     id {}", service.id);
    }
}

pub async fn match_person(args: &MatchArgs) -> Result<ExitCode> {
    // The profile is special-category data: read, used, dropped; never logged or stored.
    let text = std::fs::read_to_string(&args.profile)
        .with_context(|| format!("cannot read the profile {}", args.profile.display()))?;
    let profile = Profile::from_json(&text)?;
    drop(text);
    let directory = open_directory(&args.store).await?;
    let json = args.json;
    let shown = directory
        .match_person(&profile, |outcome| -> Result<String> {
            if json {
                return Ok(serde_json::to_string_pretty(&wire::MatchAnswer::from(
                    outcome,
                ))?);
            }
            let mut lines = Vec::new();
            for (rank, result) in outcome.results.iter().enumerate() {
                lines.push(format!(
                    "{:>3}. {}  (score {:.2})",
                    rank + 1,
                    result.service.name,
                    result.score
                ));
                for c in &result.criteria {
                    lines.push(format!(
                        "       {:<7} {:<12} {}",
                        c.status.as_str(),
                        c.criterion,
                        reason_text(Lang::En, &c.reason)
                    ));
                }
            }
            if outcome.results.is_empty() {
                lines.push("No service in reach fits this person's essential needs.".to_owned());
            }
            for gap in &outcome.unmet_needs {
                lines.push(format!(
                    "unmet need: {} - {}",
                    gap.category,
                    reason_text(Lang::En, &gap.reason)
                ));
            }
            Ok(lines.join("\n"))
        })
        .await??;
    outln!("{shown}");
    Ok(ExitCode::SUCCESS)
}
