//! `signpost equality`: reads the counts (a counts CSV, or the stored referrals with a caseload
//! CSV), and writes the rates CSV and the optional HTML heatmap. The statistics do no IO: the
//! files are opened, read and written here (docs/equality.md).

use crate::args::{EqualityArgs, EqualityBy};
use anyhow::{Context, Result};
use signpost_app::EqualityField;
use signpost_app::equality::{self, CountRow, CsvFile, Flag, RateRow, Tally, Wait};
use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::process::ExitCode;

pub async fn run(args: &EqualityArgs) -> Result<ExitCode> {
    let (counts, waits) = match (&args.counts, &args.caseload) {
        (Some(path), _) => (equality::read_counts(open_csv(path)?)?, Vec::new()),
        (None, Some(caseload)) => stored_counts(args, caseload).await?,
        (None, None) => anyhow::bail!("give --counts FILE or --caseload FILE"),
    };
    let rates = equality::relative_rates(&counts, &args.reference)?;
    let csv = equality::rates_csv(&rates);
    let html = args.html.as_ref().map(|path| {
        (
            path,
            equality::heatmap_html(&rates, &args.reference, &waits),
        )
    });
    write(&args.out, csv.as_bytes())?;
    if let Some((path, html)) = html {
        write(path, html.as_bytes())?;
    }
    if let Some(path) = &args.waits {
        write(path, equality::waits_csv(&waits).as_bytes())?;
    }
    eprintln!("{}", summary(&rates, &args.out));
    Ok(ExitCode::SUCCESS)
}

/// The stored referrals' tallies on the caseload's bases, and each group's median waits; groups
/// with referrals that the caseload does not list are named (they get no `referred` row).
async fn stored_counts(args: &EqualityArgs, caseload: &Path) -> Result<(Vec<CountRow>, Vec<Wait>)> {
    let caseload = equality::read_caseload(open_csv(caseload)?)?;
    let storage = crate::store_io::open_storage(&args.store).await?;
    let tallies: Vec<Tally> = storage
        .equality_tallies(field(args.by), args.from, args.to)
        .await?
        .into_iter()
        .map(Tally::from)
        .collect();
    let counts = equality::counts_from_tallies(&tallies, &caseload)?;
    let waits = storage
        .equality_waits(field(args.by), args.from, args.to)
        .await?;
    if !counts.not_in_caseload.is_empty() {
        eprintln!(
            "note: no caseload row (so no referred rate) for: {}",
            counts.not_in_caseload.join(", ")
        );
    }
    Ok((counts.rows, waits))
}

fn field(by: EqualityBy) -> EqualityField {
    match by {
        EqualityBy::EthnicGroup => EqualityField::EthnicGroup,
        EqualityBy::Religion => EqualityField::Religion,
        EqualityBy::MainLanguage => EqualityField::MainLanguage,
        EqualityBy::Sex => EqualityField::Sex,
        EqualityBy::AgeBand => EqualityField::AgeBand,
    }
}

/// A CSV to read, named by its path in errors.
fn open_csv(path: &Path) -> Result<CsvFile<BufReader<File>>> {
    let name = path.display().to_string();
    let file = File::open(path).with_context(|| name.clone())?;
    Ok(CsvFile {
        name,
        contents: BufReader::new(file),
    })
}

fn write(path: &Path, contents: &[u8]) -> Result<()> {
    std::fs::write(path, contents).with_context(|| path.display().to_string())
}

/// `wrote 14 rows to rri.csv: 2 higher, 1 lower, 5 similar, 4 suppressed`.
fn summary(rates: &[RateRow], out: &Path) -> String {
    let with = |flag: Flag| rates.iter().filter(|r| r.flag == flag).count();
    format!(
        "wrote {} rows to {}: {} higher, {} lower, {} similar, {} suppressed",
        rates.len(),
        out.display(),
        with(Flag::Higher),
        with(Flag::Lower),
        with(Flag::Similar),
        with(Flag::Suppressed)
    )
}
