//! The layering ARCHITECTURE.md promises, checked against `cargo metadata` and the sources: the
//! faces reach the store, engine and index only through the app; the pure crates do no IO and
//! know nothing of databases, search indexes or HTTP; every crate says what it is for.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// Server, web page and CLI: they call the app.
const FACES: [&str; 3] = ["signpost-server", "signpost-web", "signpost-cli"];
/// What only the app may open.
const BEHIND_THE_APP: [&str; 3] = ["signpost-store", "signpost-engine", "signpost-index"];
/// Logic without IO.
const PURE: [&str; 8] = [
    "signpost-domain",
    "signpost-geo",
    "signpost-query",
    "signpost-match",
    "signpost-gaps",
    "signpost-equality",
    "signpost-i18n",
    "signpost-dedupe",
];
/// Crates that bring databases, search indexes, HTTP or an async runtime.
const ADAPTER_CRATES: [&str; 8] = [
    "sqlx",
    "tantivy",
    "axum",
    "hyper",
    "tower",
    "tower-http",
    "tokio",
    "reqwest",
];
/// Source text a pure crate's non-test code must not hold.
const IO_IN_SOURCE: [&str; 8] = [
    "std::fs",
    "std::net",
    "std::env",
    "std::process",
    "File::",
    "OpenOptions",
    "println!",
    "eprintln!",
];

/// One workspace crate: its normal and dev dependencies by name, and where its manifest is.
struct Crate {
    dependencies: Vec<(String, Option<String>)>,
    manifest: PathBuf,
}

fn workspace() -> BTreeMap<String, Crate> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(output.status.success(), "cargo metadata failed");
    let metadata: Value = serde_json::from_slice(&output.stdout).expect("metadata is JSON");
    metadata["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .map(|package| {
            let dependencies = package["dependencies"]
                .as_array()
                .expect("dependencies")
                .iter()
                .map(|d| {
                    let name = d["name"].as_str().expect("name").to_owned();
                    (name, d["kind"].as_str().map(str::to_owned))
                })
                .collect();
            let name = package["name"].as_str().expect("name").to_owned();
            let manifest = PathBuf::from(package["manifest_path"].as_str().expect("path"));
            (
                name,
                Crate {
                    dependencies,
                    manifest,
                },
            )
        })
        .collect()
}

fn normal_dependencies(krate: &Crate) -> impl Iterator<Item = &str> {
    krate
        .dependencies
        .iter()
        .filter(|(_, kind)| kind.is_none())
        .map(|(name, _)| name.as_str())
}

#[test]
fn faces_reach_store_engine_and_index_only_through_the_app() {
    let crates = workspace();
    for face in FACES {
        let krate = &crates[face];
        for (dependency, _) in &krate.dependencies {
            assert!(
                !BEHIND_THE_APP.contains(&dependency.as_str()),
                "{face} depends on {dependency}: faces call signpost-app, which owns store, engine and index"
            );
        }
        assert!(
            krate.dependencies.iter().any(|(d, _)| d == "signpost-app"),
            "{face} does not use signpost-app"
        );
    }
}

#[test]
fn pure_crates_depend_only_on_pure_crates_and_no_adapters() {
    let crates = workspace();
    for pure in PURE {
        for dependency in normal_dependencies(&crates[pure]) {
            assert!(
                !ADAPTER_CRATES.contains(&dependency),
                "{pure} depends on {dependency}: pure crates do no IO and know no adapters"
            );
            if dependency.starts_with("signpost-") {
                assert!(
                    PURE.contains(&dependency),
                    "{pure} depends on {dependency}, which is not pure"
                );
            }
        }
    }
}

#[test]
fn only_server_and_web_know_http() {
    let crates = workspace();
    for (name, krate) in &crates {
        if name == "signpost-server" || name == "signpost-web" {
            continue;
        }
        for dependency in normal_dependencies(krate) {
            assert!(
                !matches!(
                    dependency,
                    "axum" | "hyper" | "tower" | "tower-http" | "maud"
                ),
                "{name} depends on {dependency}: only server and web know HTTP"
            );
        }
    }
}

#[test]
fn the_engine_and_index_never_read_the_database() {
    let crates = workspace();
    for name in ["signpost-engine", "signpost-index"] {
        for dependency in normal_dependencies(&crates[name]) {
            assert!(
                !matches!(dependency, "sqlx" | "signpost-store" | "signpost-app"),
                "{name} depends on {dependency}: the engine is fed services, it never reads the store"
            );
        }
    }
    for dependency in normal_dependencies(&crates["signpost-store"]) {
        assert!(
            !matches!(dependency, "signpost-engine" | "signpost-index" | "tantivy"),
            "signpost-store depends on {dependency}: the store knows nothing of the index"
        );
    }
}

#[test]
fn pure_crates_do_no_io_outside_their_tests() {
    let crates = workspace();
    let mut found = Vec::new();
    for pure in PURE {
        let src = crate_dir(&crates[pure]).join("src");
        for file in rust_files(&src) {
            let text = std::fs::read_to_string(&file).expect("readable source");
            for (number, line) in code_before_tests(&text) {
                for pattern in IO_IN_SOURCE {
                    if holds_token(line, pattern) {
                        found.push(format!("{}:{number}: {}", file.display(), line.trim()));
                    }
                }
            }
        }
    }
    assert!(found.is_empty(), "IO in pure crates:\n{}", found.join("\n"));
}

#[test]
fn every_crate_says_what_it_is_for() {
    for krate in workspace().values() {
        let src = crate_dir(krate).join("src");
        for root in ["lib.rs", "main.rs"] {
            let path = src.join(root);
            if let Ok(text) = std::fs::read_to_string(&path) {
                assert!(
                    text.starts_with("//!"),
                    "{} does not open with a //! line",
                    path.display()
                );
            }
        }
    }
}

fn crate_dir(krate: &Crate) -> &Path {
    krate.manifest.parent().expect("a manifest has a folder")
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("readable folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
}

/// Numbered lines of code up to the file's first `#[cfg(test)]`, comments left out.
fn code_before_tests(text: &str) -> Vec<(usize, &str)> {
    text.lines()
        .enumerate()
        .take_while(|(_, line)| line.trim() != "#[cfg(test)]")
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .map(|(index, line)| (index + 1, line))
        .collect()
}

/// Whether `pattern` stands in `line` as a name of its own (`File::`, not `RawFile::`).
fn holds_token(line: &str, pattern: &str) -> bool {
    line.match_indices(pattern).any(|(at, _)| {
        !line[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

#[test]
fn tokens_are_whole_names() {
    assert!(holds_token("let f = File::open(p)?;", "File::"));
    assert!(holds_token("use std::fs;", "std::fs"));
    assert!(!holds_token("RawFile::Towns", "File::"));
    assert!(!holds_token("my_std::fs", "std::fs"));
}

#[test]
fn code_before_tests_stops_at_the_test_module_and_skips_comments() {
    let text = "use std::fs;\n// std::net in a comment\n#[cfg(test)]\nmod tests { use std::env; }";
    assert_eq!(code_before_tests(text), vec![(1, "use std::fs;")]);
}
