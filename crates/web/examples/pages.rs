//! Serves the web pages alone, for the browser tests before (or without) the full server:
//! `cargo run -p signpost-web --example pages -- --db DIR --addr 127.0.0.1:PORT`.
//! Prints a fresh editor API key on its first line of output, then serves until stopped.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use signpost_app::Directory;
use signpost_app::keys::Role;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (db, addr) = arguments()?;
    let directory = Arc::new(Directory::open(&db, None).await?);
    let key = directory
        .create_key(Role::Editor, &format!("browser tests {addr}"))
        .await?;
    println!("{}", key.key);
    let listener = tokio::net::TcpListener::bind(addr).await?;
    println!("listening on http://{addr}");
    axum::serve(listener, signpost_web::routes::<()>(directory)).await?;
    Ok(())
}

fn arguments() -> Result<(PathBuf, SocketAddr), String> {
    let mut db = None;
    let mut addr = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--db" => db = Some(PathBuf::from(value)),
            "--addr" => {
                addr = Some(
                    value
                        .parse::<SocketAddr>()
                        .map_err(|e| format!("--addr: {e}"))?,
                )
            }
            other => return Err(format!("unknown flag {other}")),
        }
    }
    Ok((
        db.ok_or("--db DIR is needed")?,
        addr.ok_or("--addr HOST:PORT is needed")?,
    ))
}
