//! `gaps access` as a standalone process, for measuring it from CSV in to CSV out:
//! `gaps_access DEMAND.csv SUPPLY.csv METHOD CATCHMENT OUT.csv` (catchment with a unit: `10km`).

use std::path::Path;
use std::process::ExitCode;

use signpost_gaps::{Method, run_access};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [demand, supply, method, catchment, out] = args.as_slice() else {
        eprintln!("usage: gaps_access DEMAND.csv SUPPLY.csv METHOD CATCHMENT OUT.csv");
        return ExitCode::from(2);
    };
    let run = || -> Result<String, Box<dyn std::error::Error>> {
        let method: Method = method.parse()?;
        let catchment_m = signpost_geo::parse_radius(catchment)?;
        let summary = run_access(
            Path::new(demand),
            Path::new(supply),
            method,
            catchment_m,
            Path::new(out),
        )?;
        Ok(serde_json::to_string(&summary)?)
    };
    match run() {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
