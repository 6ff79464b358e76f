//! `signpost synth`: synthetic HSDS services as NDJSON.

use crate::args::SynthArgs;
use anyhow::{Context, Result};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

pub fn run(args: &SynthArgs) -> Result<ExitCode> {
    let out: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(out);
    let config = signpost_synth::SynthConfig {
        count: args.n,
        seed: args.seed,
    };
    signpost_synth::write_ndjson(&config, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
