//! `signpost import` and `signpost export` end to end: lossless round trips in every format,
//! updates in place, all-or-nothing rejection of bad files, `--dry-run`, and a `kill -9` in the
//! middle of a large import (docs/cli.md, issue 4).
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

#[path = "cli_support.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};
use support::*;
use tempfile::TempDir;

/// The file name an export in `format` is imported back from (import detects by extension).
fn file_name_for(format: &str) -> &'static str {
    match format {
        "ndjson" => "export.ndjson",
        "hsds-json" => "export.json",
        "csv" => "export.csv",
        other => panic!("no file name for {other}"),
    }
}

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("a writable temp folder");
    path
}

#[test]
fn every_export_format_imports_back_to_the_same_export() {
    let Some(sample) = bench_sample() else { return };
    let work = TempDir::new().unwrap();
    let original = work.path().join("original");
    import(&original, &[&sample.join("services.ndjson")]);
    let original_ndjson = export(&original, "ndjson");
    assert_eq!(
        original_ndjson.iter().filter(|&&b| b == b'\n').count(),
        3000,
        "the sample has 3,000 services"
    );

    for format in ["ndjson", "hsds-json", "csv"] {
        let first = export(&original, format);
        let file = write_file(work.path(), file_name_for(format), &first);
        let copy = work.path().join(format!("copy-{format}"));
        import(&copy, &[&file]);
        let second = export(&copy, format);
        assert!(
            first == second,
            "{format}: export, import, export is not the same export"
        );
        if format != "csv" {
            // The CSV carries the documented columns only; both JSON forms carry everything.
            assert!(
                export(&copy, "ndjson") == original_ndjson,
                "{format}: the re-imported store differs"
            );
        }
    }
}

#[test]
fn the_exported_json_forms_hold_the_imported_services() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    import(&db, &[&demo_services()]);
    let source = std::fs::read_to_string(demo_services()).unwrap();
    let mut imported: Vec<serde_json::Value> = source
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    imported.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    let whole = |format: &str| {
        let args = ["export", "--db", path_str(&db), "--format", format];
        run_ok(&[&args[..], &["--include-confidential"]].concat())
    };
    let ndjson = String::from_utf8(whole("ndjson")).unwrap();
    let exported: Vec<serde_json::Value> = ndjson
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(exported.len(), imported.len());
    for (want, got) in imported.iter().zip(&exported) {
        assert_eq!(got["id"], want["id"]);
        assert_eq!(got["name"], want["name"]);
        assert_eq!(
            got["languages"], want["languages"],
            "languages of {}",
            want["id"]
        );
        assert_eq!(
            got["attributes"], want["attributes"],
            "attributes of {}",
            want["id"]
        );
        assert_eq!(
            got["service_at_locations"], want["service_at_locations"],
            "locations of {}",
            want["id"]
        );
    }
    let array = json_stdout(&whole("hsds-json"));
    assert_eq!(array.as_array().expect("hsds-json is an array"), &exported);
}

#[test]
fn reimporting_the_same_ids_updates_in_place() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    import(&db, &[&demo_services()]);
    let before = exported_services(&db);

    let mut changed = before[7].clone();
    changed["name"] = serde_json::json!("Renamed by the end-to-end test");
    let file = write_file(
        work.path(),
        "changed.ndjson",
        format!("{changed}\n").as_bytes(),
    );
    import(&db, &[&file]);

    let after = exported_services(&db);
    assert_eq!(
        after.len(),
        before.len(),
        "re-import must not add a service"
    );
    for (old, new) in before.iter().zip(&after) {
        if old["id"] == changed["id"] {
            assert_eq!(new["name"], "Renamed by the end-to-end test");
        } else {
            assert_eq!(new, old, "a service that was not re-imported changed");
        }
    }
    // The whole demo file again: every name back as it was, still no new services.
    import(&db, &[&demo_services()]);
    assert_eq!(exported_services(&db), before);
}

/// A non-UTF-8 file: a valid first line, then a name with a byte that is not UTF-8.
fn non_utf8_file(dir: &Path) -> PathBuf {
    let good = std::fs::read(data_file("import/duplicate_ids.ndjson")).unwrap();
    let first_line = good.split(|&b| b == b'\n').next().unwrap().to_vec();
    let mut bytes = first_line;
    bytes.extend_from_slice(b"\n{\"id\":\"e2e-bad\",\"name\":\"Caf\xe9 Latin-1\"}\n");
    write_file(dir, "non_utf8.ndjson", &bytes)
}

#[test]
fn each_bad_file_is_one_line_error_and_the_store_is_unchanged() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    import(&db, &[&demo_services()]);
    let before = export(&db, "ndjson");
    let cases: Vec<(PathBuf, &[&str])> = vec![
        (data_file("import/malformed_json.ndjson"), &["line 2"]),
        (data_file("import/wrong_types.ndjson"), &["line 2", "/name"]),
        (
            data_file("import/missing_required.ndjson"),
            &["line 2", "name"],
        ),
        (
            data_file("import/unknown_language.ndjson"),
            &["line 2", "ebn", "ben"],
        ),
        (
            data_file("import/unknown_category.ndjson"),
            &["line 2", "astrology"],
        ),
        (
            data_file("import/latitude_out_of_range.ndjson"),
            &["line 2", "latitude", "91.5"],
        ),
        (
            data_file("import/duplicate_ids.ndjson"),
            &["line 2", "e2e-good-1", "line 1"],
        ),
        (
            data_file("import/unknown_language_in_array.json"),
            &["index 1", "ebn"],
        ),
        (
            data_file("import/duplicate_nested_ids.json"),
            &[
                "index 1",
                "/service_at_locations/1/id",
                "e2e-sal-1",
                "/service_at_locations/0",
            ],
        ),
        (data_file("import/empty.ndjson"), &["no services"]),
        (
            write_file(work.path(), "blank.ndjson", b"\n  \n\t\n"),
            &["no services"],
        ),
        (non_utf8_file(work.path()), &["line 2", "UTF-8"]),
    ];
    for (file, wanted) in &cases {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let output = run(&["import", "--db", path_str(&db), path_str(file)]);
        let line = assert_one_line_error(&output, &name);
        for fragment in *wanted {
            assert!(
                line.contains(fragment),
                "{name}: the error should mention {fragment:?}: {line}"
            );
        }
        assert!(
            export(&db, "ndjson") == before,
            "{name}: the store changed after a rejected import"
        );
    }
}

#[test]
fn a_bad_file_among_good_ones_leaves_the_earlier_good_file_imported_and_rejects_the_rest() {
    // All or nothing is per file: the good file before the bad one is in, nothing of the bad one.
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    let bad = data_file("import/unknown_language.ndjson");
    let output = run(&[
        "import",
        "--db",
        path_str(&db),
        path_str(&demo_services()),
        path_str(&bad),
    ]);
    assert!(
        !output.status.success(),
        "a rejected file fails the command"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    let last = stderr.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("error: ") && last.contains("unknown_language.ndjson"),
        "the last line names the rejected file: {stderr}"
    );
    let ids: Vec<String> = exported_services(&db)
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 152, "the demo file was good and is imported");
    assert!(
        !ids.iter().any(|id| id.starts_with("e2e-")),
        "nothing of the rejected file may be stored"
    );
}

#[test]
fn json_errors_list_every_problem() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    import(&db, &[&demo_services()]);
    let before = export(&db, "ndjson");
    let file = data_file("import/three_problems.ndjson");
    let output = run(&["import", "--db", path_str(&db), "--json", path_str(&file)]);
    assert_one_line_error(&output, "three problems");
    let body = json_stdout(&output.stdout);
    let problems: Vec<&str> = body["problems"]
        .as_array()
        .expect("a problems array")
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(problems.len(), 3, "one problem a line: {problems:?}");
    assert!(
        problems[0].contains("line 1") && problems[0].contains("ebn"),
        "{}",
        problems[0]
    );
    assert!(
        problems[1].contains("line 2") && problems[1].contains("91.5"),
        "{}",
        problems[1]
    );
    assert!(
        problems[2].contains("line 3") && problems[2].contains("e2e-bad-1"),
        "{}",
        problems[2]
    );
    assert!(
        body["error"]
            .as_str()
            .is_some_and(|e| e.contains("3 problem")),
        "{body}"
    );
    assert!(export(&db, "ndjson") == before);
}

#[test]
fn dry_run_checks_and_changes_nothing() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    import(&db, &[&demo_services()]);
    let before = export(&db, "ndjson");
    let mut renamed = exported_services(&db)[0].clone();
    renamed["name"] = serde_json::json!("Renamed in a dry run");
    let mut fresh = renamed.clone();
    fresh["id"] = serde_json::json!("e2e-dry-run-new");
    let file = write_file(
        work.path(),
        "dry.ndjson",
        format!("{renamed}\n{fresh}\n").as_bytes(),
    );

    let output = run(&[
        "import",
        "--db",
        path_str(&db),
        "--dry-run",
        path_str(&file),
    ]);
    assert_success(&output, &["import", "--dry-run"]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("checked 2 services"));
    assert!(
        export(&db, "ndjson") == before,
        "a dry run changed the store"
    );

    let bad = run(&[
        "import",
        "--db",
        path_str(&db),
        "--dry-run",
        path_str(&data_file("import/unknown_language.ndjson")),
    ]);
    assert_one_line_error(&bad, "dry run of a bad file");
    assert!(export(&db, "ndjson") == before);
}

/// A large NDJSON file of services whose ids are all new to the bench sample. 50,000 services
/// (about 90 MB) take seconds to import, so the kill below lands well inside the import.
fn large_synthetic_file(dir: &Path) -> PathBuf {
    let path = dir.join("large.ndjson");
    run_ok(&[
        "synth",
        "--n",
        "50000",
        "--seed",
        "7",
        "--out",
        path_str(&path),
    ]);
    path
}

fn wal_size(db: &Path) -> u64 {
    std::fs::read_dir(db)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().ends_with("-wal"))
        .filter_map(|entry| entry.metadata().ok())
        .map(|metadata| metadata.len())
        .sum()
}

/// How far into its transaction the import is killed: SQLite spills the uncommitted pages of a
/// large transaction into the write-ahead log, so its growth shows how much has been written.
const KILL_AFTER_WAL_BYTES: u64 = 24 * 1024 * 1024;

/// Waits until the import is well into its transaction, then kills it with SIGKILL. Fails if
/// the import ended first.
fn kill_mid_import(mut child: Child, db: &Path) {
    let wal_before = wal_size(db);
    let deadline = Instant::now() + Duration::from_secs(60);
    while wal_size(db) < wal_before + KILL_AFTER_WAL_BYTES {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the import ended ({status}) before it could be killed; make the file larger");
        }
        assert!(
            Instant::now() < deadline,
            "the import wrote nothing in 60 s"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the import must have been killed, not finished"
    );
}

#[test]
fn kill_9_in_the_middle_of_an_import_leaves_the_store_as_it_was() {
    let Some(sample) = bench_sample() else { return };
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    import(&db, &[&sample.join("services.ndjson")]);
    let before = export(&db, "ndjson");
    let large = large_synthetic_file(work.path());

    let child = signpost()
        .args(["import", "--db", path_str(&db), path_str(&large)])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    kill_mid_import(child, &db);

    let after = export(&db, "ndjson");
    assert_eq!(
        after.iter().filter(|&&b| b == b'\n').count(),
        3000,
        "the count changed"
    );
    assert!(
        after == before,
        "the killed import left part of its file in the store"
    );
}
