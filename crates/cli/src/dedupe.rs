//! `signpost dedupe`: the store's probable duplicates not yet decided on, then the decisions
//! navigators took (text only; `--json` prints the proposals alone).

use std::process::ExitCode;

use anyhow::Result;

use crate::args::DedupeArgs;
use crate::output::outln;
use crate::store_io::open_storage;

pub async fn run(args: &DedupeArgs) -> Result<ExitCode> {
    let storage = open_storage(&args.store).await?;
    let proposed = storage.duplicates().await?;
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&proposed)?);
        return Ok(ExitCode::SUCCESS);
    }
    if proposed.is_empty() {
        outln!("No probable duplicates to decide on.");
    }
    for pair in &proposed {
        outln!("{:.2}  {}  {}", pair.score, pair.a, pair.b);
        let reasons: Vec<String> = pair.reasons.iter().map(ToString::to_string).collect();
        outln!("      {}", reasons.join("; "));
    }
    let decisions = storage.duplicate_decisions().await?;
    if !decisions.is_empty() {
        outln!("\nDecided ({}):", decisions.len());
    }
    for decision in &decisions {
        let kept = decision
            .kept
            .as_deref()
            .map(|id| format!(", kept {id}"))
            .unwrap_or_default();
        outln!(
            "{}  {}  {}{kept}  by {} at {}",
            decision.verdict,
            decision.a,
            decision.b,
            decision.key_name,
            decision.decided_at
        );
    }
    Ok(ExitCode::SUCCESS)
}
