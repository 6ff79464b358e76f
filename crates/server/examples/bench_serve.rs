//! Serves a directory of synthetic services for load tests (docs/benchmarks.md, "HTTP API"):
//! `cargo run -p signpost-server --example bench_serve -- DIR COUNT [ADDR]`. Fills an empty
//! DIR with COUNT services from `signpost-synth`, then serves with rate limits off until Ctrl-C.

use std::sync::Arc;

use signpost_app::{Directory, OpenOptions};
use signpost_server::{AppState, Limits, app, serve_on, shutdown_signal};
use signpost_synth::{SynthConfig, services};

const IMPORT_CHUNK: usize = 5_000;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().ok_or("usage: bench_serve DIR COUNT [ADDR]")?;
    let count: u64 = args
        .next()
        .ok_or("usage: bench_serve DIR COUNT [ADDR]")?
        .parse()?;
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:8080".to_owned());
    let options = OpenOptions {
        load_demo: false,
        ..OpenOptions::new(&dir, None)
    };
    let directory = Directory::open_with(&options).await?;
    if directory.count().await? == 0 {
        let all: Vec<_> = services(SynthConfig { count, seed: 42 }).collect();
        for chunk in all.chunks(IMPORT_CHUNK) {
            directory.import(chunk.to_vec()).await?;
        }
        eprintln!("imported {count} services");
    }
    let limits = Limits {
        rate_per_minute: 0,
        ..Limits::default()
    };
    let router = app(AppState::new(Arc::new(directory), limits), &[]);
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    eprintln!("listening on {addr}");
    serve_on(listener, router, shutdown_signal()).await?;
    Ok(())
}
