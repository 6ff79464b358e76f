//! What the store's fuzz targets share: a dry-run `signpost import` of bytes as one format, the
//! same code path a real import takes (reading, parsing, normalising, validating, the duplicate
//! check), against an SQLite store that a dry run never writes to.

use std::path::PathBuf;
use std::sync::OnceLock;

use signpost_store::import::{
    Format, ImportError, ImportOptions, ImportSummary, MAX_REPORTED_PROBLEMS, import_file,
};
use signpost_store::{Store, StoreConfig};
use tokio::runtime::Runtime;

struct Fixture {
    runtime: Runtime,
    store: Store,
    file: PathBuf,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("signpost-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let config = StoreConfig::Sqlite {
            dir: dir.join("store"),
        };
        let store = runtime
            .block_on(Store::open(&config))
            .expect("an SQLite store opens");
        Fixture {
            runtime,
            store,
            file: dir.join("input"),
        }
    })
}

/// Imports `data` as `format` with `--dry-run` and checks what every outcome must hold: a file
/// is imported with at least one record, or refused as empty, or refused with its problems
/// listed (at most [`MAX_REPORTED_PROBLEMS`], all counted); never a read or store error, since
/// the bytes are all there and a dry run does not write.
pub fn dry_run(data: &[u8], format: Format) -> Result<ImportSummary, ImportError> {
    let fixture = fixture();
    std::fs::write(&fixture.file, data).expect("the scratch file is written");
    let options = ImportOptions {
        dry_run: true,
        format: Some(format),
        lenient: false,
    };
    let outcome = fixture.runtime.block_on(import_file(
        &fixture.store,
        &fixture.file,
        &options,
        &mut |_| {},
    ));
    match &outcome {
        Ok(summary) => {
            assert!(summary.records > 0);
            assert!(summary.dry_run);
            assert_eq!(summary.format, format);
        }
        Err(ImportError::Empty { .. }) => {}
        Err(ImportError::Invalid {
            problems, count, ..
        }) => {
            assert!(!problems.is_empty());
            assert!(problems.len() <= (*count).min(MAX_REPORTED_PROBLEMS));
        }
        Err(other) => panic!("a dry run of bytes in a file failed: {other}"),
    }
    outcome
}
