//! Any CSV rows read through the full header (`docs/csv.md`): a row becomes a service or its
//! problems, never a panic; a service read from a row and written back as a row reads back as
//! the same service (export → import is lossless); any first row is a header or its problems.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_store::csv_format::{self, Layout};

fuzz_target!(|data: &[u8]| {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(data);
    let full = Layout::from_header(&csv_format::header()).expect("the full header reads");
    for (index, record) in reader.records().enumerate() {
        let Ok(record) = record else {
            return;
        };
        let cells: Vec<&str> = record.iter().collect();
        if index == 0 {
            let _ = Layout::from_header(&cells);
        }
        let Ok(service) = csv_format::service_from_record(&full, &cells) else {
            continue;
        };
        let written = csv_format::service_to_record(&service);
        let written: Vec<&str> = written.iter().map(String::as_str).collect();
        let again =
            csv_format::service_from_record(&full, &written).expect("a written row reads back");
        assert_eq!(again, service);
    }
});
