//! The baseline of the build benchmark (docs/benchmarks.md, "Build at 1M"): plain tantivy
//! indexing an NDJSON file of HSDS services, with nothing of Signpost's analysis, checks or store.
//! `native_tantivy FILE.ndjson INDEX_DIR`: each line is parsed with serde_json, its name,
//! description and organisation name go into three text fields (tantivy's default tokenizer,
//! the id stored), through tantivy's default writer (one thread a core, 50 MB a thread); one
//! commit at the end. Prints services, seconds and services a second.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::time::Instant;

use serde::Deserialize;
use tantivy::schema::{STORED, STRING, Schema, TEXT};
use tantivy::{Index, TantivyDocument};

/// tantivy's example budget for a writer (split among its threads).
const WRITER_MEMORY_BYTES: usize = 100_000_000;

/// The fields of a service the baseline indexes; serde skips the rest of the record.
#[derive(Deserialize)]
struct Service {
    id: String,
    name: String,
    description: Option<String>,
    organization: Option<Organization>,
}

#[derive(Deserialize)]
struct Organization {
    name: String,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [file, dir] = args.as_slice() else {
        return Err("usage: native_tantivy FILE.ndjson INDEX_DIR".into());
    };
    let started = Instant::now();
    let services = index_file(Path::new(file), Path::new(dir))?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{services} services in {seconds:.1} s: {:.0} services/s",
        services as f64 / seconds
    );
    Ok(())
}

/// Indexes every line of `file` into a new index in `dir`; how many services it holds.
fn index_file(file: &Path, dir: &Path) -> Result<u64, Box<dyn std::error::Error>> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    let mut schema = Schema::builder();
    let id = schema.add_text_field("id", STRING | STORED);
    let name = schema.add_text_field("name", TEXT);
    let description = schema.add_text_field("description", TEXT);
    let organization = schema.add_text_field("organization", TEXT);
    let index = Index::create_in_dir(dir, schema.build())?;
    let mut writer = index.writer::<TantivyDocument>(WRITER_MEMORY_BYTES)?;
    let mut services = 0u64;
    for line in BufReader::with_capacity(1 << 16, File::open(file)?).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let service: Service = serde_json::from_str(&line)?;
        let mut doc = TantivyDocument::default();
        doc.add_text(id, &service.id);
        doc.add_text(name, &service.name);
        if let Some(text) = &service.description {
            doc.add_text(description, text);
        }
        if let Some(org) = &service.organization {
            doc.add_text(organization, &org.name);
        }
        writer.add_document(doc)?;
        services += 1;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(services)
}
