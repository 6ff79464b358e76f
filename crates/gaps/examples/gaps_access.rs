//! `gaps access` as a standalone process, for measuring it from CSV in to CSV out:
//! `gaps_access DEMAND.csv SUPPLY.csv METHOD CATCHMENT OUT.csv` (catchment with a unit: `10km`).

use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::process::ExitCode;

use signpost_gaps::{CsvFile, Method, run_access, write_access};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [demand, supply, method, catchment, out] = args.as_slice() else {
        eprintln!("usage: gaps_access DEMAND.csv SUPPLY.csv METHOD CATCHMENT OUT.csv");
        return ExitCode::from(2);
    };
    let run = || -> Result<String, Box<dyn std::error::Error>> {
        let method: Method = method.parse()?;
        let catchment_m = signpost_geo::parse_radius(catchment)?;
        let open = |path: &String| -> std::io::Result<_> {
            Ok(CsvFile {
                name: path.clone(),
                contents: BufReader::with_capacity(1 << 20, File::open(path)?),
            })
        };
        let run = run_access(open(demand)?, open(supply)?, method, catchment_m)?;
        let file = BufWriter::with_capacity(1 << 20, File::create(out)?);
        write_access(out, file, &run.ids, &run.scores)?;
        Ok(serde_json::to_string(&run.summary)?)
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
