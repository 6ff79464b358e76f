//! Exporting every service, in id order, streaming to a writer.

use std::io::Write;

use signpost_domain::Service;

use thiserror::Error;

use crate::csv_format;
use crate::error::StoreError;
use crate::import::Format;
use crate::open::Store;

/// Services read from the store at a time.
const EXPORT_CHUNK: usize = 1000;

/// Why an export stopped.
#[derive(Debug, Error)]
pub enum ExportError {
    #[error("cannot write the export: {0}")]
    Write(#[from] std::io::Error),
    #[error("cannot write the export: {0}")]
    Csv(#[from] csv::Error),
    #[error("cannot encode a service: {0}")]
    Encode(#[from] serde_json::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Writes every service in `format`: `hsds-json` is one JSON array, `ndjson` one service per
/// line, `csv` the columns of `docs/csv.md`. Returns how many services were written.
pub async fn export(
    store: &Store,
    format: Format,
    out: &mut dyn Write,
) -> Result<u64, ExportError> {
    export_prepared(store, format, out, &|service| service).await
}

/// [`export`], with each service passed through `prepare` before it is written (the app withholds
/// confidential locations there).
pub async fn export_prepared(
    store: &Store,
    format: Format,
    out: &mut dyn Write,
    prepare: &(dyn Fn(Service) -> Service + Sync),
) -> Result<u64, ExportError> {
    let mut chunks = store.chunks(EXPORT_CHUNK);
    let mut count = 0u64;
    match format {
        Format::HsdsJson => {
            out.write_all(b"[")?;
            while let Some(chunk) = chunks.next().await? {
                for service in chunk.into_iter().map(prepare) {
                    if count > 0 {
                        out.write_all(b",")?;
                    }
                    out.write_all(b"\n")?;
                    serde_json::to_writer(&mut *out, &service)?;
                    count += 1;
                }
            }
            out.write_all(if count > 0 { b"\n]\n" } else { b"]\n" })?;
        }
        Format::Ndjson => {
            while let Some(chunk) = chunks.next().await? {
                for service in chunk.into_iter().map(prepare) {
                    serde_json::to_writer(&mut *out, &service)?;
                    out.write_all(b"\n")?;
                    count += 1;
                }
            }
        }
        Format::Csv => {
            let mut csv = csv::Writer::from_writer(&mut *out);
            csv.write_record(csv_format::header())?;
            while let Some(chunk) = chunks.next().await? {
                for service in chunk.into_iter().map(prepare) {
                    csv.write_record(csv_format::service_to_record(&service))?;
                    count += 1;
                }
            }
            csv.flush()?;
        }
    }
    out.flush()?;
    tracing::info!(format = format.name(), services = count, "exported");
    Ok(count)
}
