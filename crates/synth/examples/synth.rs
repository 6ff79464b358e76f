//! Writes synthetic services as NDJSON to stdout: `synth N SEED`.

use std::io::{BufWriter, stdout};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [count, seed] = args.as_slice() else {
        return Err("usage: synth N SEED".into());
    };
    let config = signpost_synth::SynthConfig {
        count: count.parse()?,
        seed: seed.parse()?,
    };
    signpost_synth::write_ndjson(&config, &mut BufWriter::new(stdout().lock()))?;
    Ok(())
}
