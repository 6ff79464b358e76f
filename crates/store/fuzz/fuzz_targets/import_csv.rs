//! Any bytes imported as CSV (the columns of docs/csv.md) with
//! `--dry-run`: the file is accepted or refused with its problems, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_store::import::Format;

fuzz_target!(|data: &[u8]| {
    let _ = Format::sniff(data);
    let _ = signpost_store_fuzz::dry_run(data, Format::Csv);
});
