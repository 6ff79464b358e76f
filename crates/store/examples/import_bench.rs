//! Measures importing one file into the store alone (no search index, unlike `signpost import`
//! into an empty store): `import_bench FILE (--db DIR | --database-url URL)`.
//! Prints services, seconds and services per second (run under `/usr/bin/time -v` for peak RSS).

use std::path::PathBuf;
use std::time::Instant;

use signpost_store::import::{ImportOptions, import_file};
use signpost_store::{Store, StoreConfig};

/// As in the `signpost` binary.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (file, config) = match args.as_slice() {
        [file, flag, dir] if flag == "--db" => (
            file,
            StoreConfig::Sqlite {
                dir: PathBuf::from(dir),
            },
        ),
        [file, flag, url] if flag == "--database-url" => (
            file,
            StoreConfig::Postgres {
                url: url.clone(),
                schema: None,
            },
        ),
        _ => return Err("usage: import_bench FILE (--db DIR | --database-url URL)".into()),
    };
    let store = Store::open_for_import(&config).await?;
    let started = Instant::now();
    let summary = import_file(
        &store,
        file.as_ref(),
        &ImportOptions::default(),
        &mut |_| {},
    )
    .await?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{} services in {seconds:.1} s: {:.0} services/s",
        summary.records,
        summary.records as f64 / seconds
    );
    store.close().await;
    Ok(())
}
