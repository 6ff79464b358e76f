//! `gaps report` as a standalone process, for measuring a national report:
//! `gaps_report SERVICES.ndjson NEED lad|msoa|lsoa OUT_DIR` (HSDS services, one JSON object a line).

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use signpost_domain::Service;
use signpost_gaps::{Method, ReportOptions, report, report_files};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [services, need, level, out] = args.as_slice() else {
        eprintln!("usage: gaps_report SERVICES.ndjson NEED lad|msoa|lsoa OUT_DIR");
        return ExitCode::from(2);
    };
    let run = || -> Result<(), Box<dyn std::error::Error>> {
        let started = Instant::now();
        let services: Vec<Service> = std::fs::read_to_string(services)?
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(serde_json::from_str)
            .collect::<Result<_, _>>()?;
        let loaded = started.elapsed();
        let options = ReportOptions {
            needs: vec![need.parse()?],
            level: level.parse()?,
            method: Method::Enhanced,
            catchment_m: 10_000.0,
            language_gap_min_residents: 500.0,
            language_gap_m: 10_000.0,
            declined_full: Vec::new(),
        };
        let built = report(&options, None, &services)?;
        let files = report_files(&built);
        std::fs::create_dir_all(out)?;
        for file in &files {
            std::fs::write(Path::new(out).join(file.name), &file.contents)?;
        }
        println!(
            "{} services loaded in {:.3} s; report of {} areas, {} language gaps, {} files in {:.3} s",
            services.len(),
            loaded.as_secs_f64(),
            built.needs.iter().map(|n| n.areas.len()).sum::<usize>(),
            built.language_gaps.len(),
            files.len(),
            started.elapsed().as_secs_f64()
        );
        Ok(())
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
