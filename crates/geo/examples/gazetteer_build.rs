//! Rebuilds fixtures/gazetteer/ from the raw open data:
//! `cargo run -p signpost-geo --example gazetteer_build -- ../shared/data fixtures/gazetteer`.

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let (Some(shared), Some(out)) = (args.next(), args.next()) else {
        return Err("usage: gazetteer_build SHARED_DATA_DIR OUT_DIR".into());
    };
    let started = std::time::Instant::now();
    let report = signpost_geo::build_from_raw(&shared, &out)?;
    println!("{report:#?}");
    println!(
        "total {} bytes in {:.1?}",
        report.total_bytes(),
        started.elapsed()
    );
    Ok(())
}
