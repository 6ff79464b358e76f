//! Helpers shared by the end-to-end tests of the real `signpost` binary. Each test file includes
//! this module with `#[path = "cli_support.rs"] mod support;` and uses only some of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The environment variables `signpost` reads its configuration from (docs/deploy.md): the tests
/// start the binary without the runner's own.
pub const CONFIGURATION_VARIABLES: [&str; 12] = [
    "RUST_LOG",
    "DATABASE_URL",
    "SIGNPOST_DB",
    "SIGNPOST_ADDR",
    "SIGNPOST_RATE_LIMIT",
    "SIGNPOST_TRUSTED_PROXIES",
    "SIGNPOST_CORS_ORIGINS",
    "SIGNPOST_REFERRAL_RETENTION",
    "SIGNPOST_STALE_AFTER",
    "SIGNPOST_HARVEST",
    "SIGNPOST_HARVEST_EVERY",
    "SIGNPOST_SECRET_KEY_FILE",
];

/// The `signpost` binary Cargo built for these tests.
pub fn signpost() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_signpost"));
    for variable in CONFIGURATION_VARIABLES {
        command.env_remove(variable);
    }
    command
}

/// Runs `signpost ARGS` to completion.
pub fn run(args: &[&str]) -> Output {
    signpost()
        .args(args)
        .output()
        .expect("the signpost binary runs")
}

/// Runs `signpost ARGS` and insists that it succeeds; returns its standard output.
pub fn run_ok(args: &[&str]) -> Vec<u8> {
    let output = run(args);
    assert_success(&output, args);
    output.stdout
}

pub fn assert_success(output: &Output, args: &[&str]) {
    assert!(
        output.status.success(),
        "signpost {args:?} failed with {}\nstdout: {}\nstderr: {}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Whether a line of stderr is a `tracing` log line (`<time>  WARN target: ...`), which may come
/// before an error (e.g. "rebuilding the search index"); ANSI colours are ignored.
fn is_log_line(line: &str) -> bool {
    let mut plain = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            chars.by_ref().find(|&c| c == 'm');
        } else {
            plain.push(c);
        }
    }
    let level = plain.split_whitespace().nth(1).unwrap_or_default();
    ["TRACE", "DEBUG", "INFO", "WARN", "ERROR"].contains(&level)
}

/// docs/cli.md: bad input exits non-zero with exactly one line `error: ...` on stderr
/// (besides any log lines). Returns that line.
pub fn assert_one_line_error(output: &Output, what: &str) -> String {
    assert!(
        !output.status.success(),
        "{what}: expected a failure, got {}",
        output.status
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|line| !line.trim().is_empty() && !is_log_line(line))
        .collect();
    assert_eq!(
        lines.len(),
        1,
        "{what}: stderr must be one line, got {stderr:?}"
    );
    assert!(
        lines[0].starts_with("error: "),
        "{what}: stderr must start with `error: `, got {stderr:?}"
    );
    lines[0].to_owned()
}

/// The repository root (this crate is crates/cli).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The bundled demonstration directory.
pub fn demo_services() -> PathBuf {
    repo_root().join("fixtures/demo/services.ndjson")
}

/// A small input file under tests/data.
pub fn data_file(name: &str) -> PathBuf {
    repo_root().join("tests/data").join(name)
}

/// The shared benchmark sample (3,000 services, 300 queries, their answers), or `None` with a
/// message when the shared folder beside the repository is absent (a bare clone).
pub fn bench_sample() -> Option<PathBuf> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let sample = shared.join("spec/bench-sample");
    if shared.is_dir() {
        assert!(
            sample.join("services.ndjson").is_file(),
            "{} has no services.ndjson",
            sample.display()
        );
        Some(sample)
    } else {
        eprintln!(
            "SKIPPED: {} is absent, so the bench-sample tests cannot run",
            shared.display()
        );
        None
    }
}

pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

/// `signpost import --db DB FILES...`, which must succeed.
pub fn import(db: &Path, files: &[&Path]) {
    let mut args = vec!["import", "--db", path_str(db)];
    args.extend(files.iter().map(|file| path_str(file)));
    run_ok(&args);
}

/// `signpost export --db DB --format FORMAT` to standard output.
pub fn export(db: &Path, format: &str) -> Vec<u8> {
    run_ok(&["export", "--db", path_str(db), "--format", format])
}

/// The services of the store, one JSON object each, in export (id) order.
pub fn exported_services(db: &Path) -> Vec<serde_json::Value> {
    let ndjson = String::from_utf8(export(db, "ndjson")).expect("export is UTF-8");
    ndjson
        .lines()
        .map(|line| serde_json::from_str(line).expect("export lines are JSON"))
        .collect()
}

/// Parses standard output as one JSON document.
pub fn json_stdout(stdout: &[u8]) -> serde_json::Value {
    serde_json::from_slice(stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(stdout)
        )
    })
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in std::fs::read_dir(&next).expect("a readable folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found
}

/// Whether `haystack` holds `needle` as bytes (in UTF-8 or, for SQLite's text forms, UTF-16LE),
/// ignoring ASCII case.
pub fn contains_text(haystack: &[u8], needle: &str) -> bool {
    let lower_haystack = haystack.to_ascii_lowercase();
    let utf8 = needle.to_ascii_lowercase().into_bytes();
    let utf16: Vec<u8> = needle
        .to_ascii_lowercase()
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    [utf8, utf16].iter().any(|pattern| {
        lower_haystack
            .windows(pattern.len())
            .any(|window| window == pattern.as_slice())
    })
}

/// Fails naming the file if any file under `dir` holds any of `secrets`.
pub fn assert_no_file_holds(dir: &Path, secrets: &[&str]) {
    for file in files_under(dir) {
        let bytes = std::fs::read(&file).expect("a readable file");
        for secret in secrets {
            assert!(
                !contains_text(&bytes, secret),
                "{} holds {secret:?}",
                file.display()
            );
        }
    }
}
