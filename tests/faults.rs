//! Faults, end to end on the real binary (docs/security.md, "Crashes and full disks"): `kill -9` of
//! the server during a stream of API writes keeps every acknowledged write whole; `kill -9` of
//! `signpost import` mid-file leaves all of the file or none of it; a full disk (`ulimit -f`) is a
//! one-line error with the store unharmed; a damaged search index is rebuilt at the next start.
//! After each, `signpost check` is clean (once the next open has rebuilt an index a crash left
//! stale, which is what the stale mark is for).
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

#[path = "cli_support.rs"]
mod support;

#[path = "http_support.rs"]
mod http;

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http::{Server, create_key, get, try_send_json};
use serde_json::{Value, json};
use support::{assert_one_line_error, demo_services, path_str, run, run_ok, signpost};
use tempfile::TempDir;

/// `signpost check --json`: the report.
fn check(db: &Path) -> Value {
    let output = run(&["check", "--db", path_str(db), "--json"]);
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "check --json ({e}): {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

fn failing_lines(report: &Value) -> Vec<String> {
    report["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|line| line["ok"] != true)
        .map(|line| format!("{}: {}", line["name"], line["detail"]))
        .collect()
}

/// The store's own lines (integrity, migrations, documents) are clean: what a crash must never
/// break. The index lines may fail until the next open rebuilds the index.
fn assert_store_clean(db: &Path, when: &str) {
    let report = check(db);
    let broken: Vec<String> = failing_lines(&report)
        .into_iter()
        .filter(|line| !line.starts_with("\"index\"") && !line.starts_with("\"stale mark\""))
        .collect();
    assert!(
        broken.is_empty(),
        "{when}: the store is damaged: {broken:?}"
    );
}

/// Opens the directory once (which rebuilds a stale or damaged index), then every check line is ok.
fn assert_clean_after_open(db: &Path, when: &str) {
    run_ok(&["search", "--db", path_str(db), "mentoring"]);
    let failing = failing_lines(&check(db));
    assert!(
        failing.is_empty(),
        "{when}: check is not clean: {failing:?}"
    );
}

/// How many services the store holds, from `signpost export`.
fn stored_count(db: &Path) -> usize {
    let ndjson = run_ok(&["export", "--db", path_str(db), "--format", "ndjson"]);
    String::from_utf8(ndjson).unwrap().lines().count()
}

fn service(id: &str) -> Value {
    json!({
        "id": id,
        "name": format!("Crash probe {id}"),
        "description": "Written while the server was being killed.",
        "languages": [{ "id": format!("{id}-lang"), "code": "pan" }],
        "phones": [{ "id": format!("{id}-phone"), "number": "0121 496 0000" }],
        "service_at_locations": [{ "id": format!("{id}-sal"), "location": {
            "id": format!("{id}-loc"), "location_type": "physical",
            "latitude": 52.58, "longitude": -1.98 } }]
    })
}

/// Whether a stored service is the whole of what was sent.
fn is_whole(stored: &Value, id: &str) -> bool {
    stored["name"] == format!("Crash probe {id}")
        && stored["languages"][0]["code"] == "pan"
        && stored["phones"][0]["number"] == "0121 496 0000"
        && stored["service_at_locations"][0]["location"]["latitude"] == 52.58
}

#[test]
fn killing_the_server_mid_writes_keeps_every_acknowledged_write_whole() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("data");
    let mut server = Server::start(&db, dir.path(), "info");
    let key = create_key(&db, "editor", "Crash writer");
    let port = server.port;
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let attempted = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..2)
        .map(|writer| {
            let (acknowledged, attempted, stop) =
                (acknowledged.clone(), attempted.clone(), stop.clone());
            let key = key.clone();
            std::thread::spawn(move || {
                for n in 0.. {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let id = format!("crash-{writer}-{n}");
                    attempted.lock().unwrap().push(id.clone());
                    match try_send_json(port, "POST", "/api/v1/services", Some(&key), &service(&id))
                    {
                        Ok(response) if response.status == 201 => {
                            acknowledged.lock().unwrap().push(id)
                        }
                        Ok(response) => panic!("{id}: {} {}", response.status, response.text()),
                        Err(_) => return,
                    }
                }
            })
        })
        .collect();
    let started = Instant::now();
    while acknowledged.lock().unwrap().len() < 40 && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(20));
    }
    server.kill_hard();
    stop.store(true, Ordering::Relaxed);
    for writer in writers {
        writer.join().unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() >= 40,
        "the writes were too slow to test anything"
    );
    assert_store_clean(&db, "after kill -9 of the server");

    let mut server = Server::start(&db, dir.path(), "info");
    for id in attempted.lock().unwrap().iter() {
        let response = get(server.port, &format!("/api/v1/services/{id}"));
        if acknowledged.contains(id) {
            assert_eq!(response.status, 200, "the acknowledged write {id} was lost");
        }
        if response.status == 200 {
            assert!(is_whole(&response.json(), id), "{id} was stored in part");
        }
    }
    let found = get(server.port, "/api/v1/search?q=crash%20probe&per_page=100").json();
    assert!(
        found["total"].as_u64().unwrap_or_default() >= acknowledged.len() as u64,
        "the restarted server's index misses acknowledged writes: {found}"
    );
    server.stop();
    assert_clean_after_open(&db, "after the restart");
}

/// A synthetic NDJSON directory big enough that importing it takes a few seconds.
fn big_file(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("big.ndjson");
    run_ok(&[
        "synth",
        "--n",
        "20000",
        "--seed",
        "7",
        "--out",
        path_str(&file),
    ]);
    file
}

/// How long after its start each import is killed: from early in the file to near its end, so
/// that on a fast or a slow machine some of the kills land mid-file.
const KILL_AFTER_MS: [u64; 4] = [150, 400, 800, 1500];

#[test]
fn killing_an_import_mid_file_leaves_all_of_it_or_none() {
    let dir = TempDir::new().unwrap();
    let file = big_file(dir.path());
    for (case, seeded) in [
        ("into an empty store", false),
        ("into a store with services", true),
    ] {
        let mut killed_mid_file = 0;
        for delay in KILL_AFTER_MS {
            let db = dir.path().join(format!("data-{seeded}-{delay}"));
            if seeded {
                run_ok(&["import", "--db", path_str(&db), path_str(&demo_services())]);
            }
            let before = if seeded { stored_count(&db) } else { 0 };
            if killed_while_importing(&db, &file, delay) {
                killed_mid_file += 1;
            }
            let case = format!("{case}, killed after {delay} ms");
            assert_store_clean(&db, &case);
            let after = stored_count(&db);
            assert!(
                after == before || after == before + 20_000,
                "{case}: {after} services after the kill; {before} before, the file has 20000"
            );
            assert_clean_after_open(&db, &case);
        }
        assert!(
            killed_mid_file > 0,
            "{case}: every import finished before its kill; make the file bigger"
        );
    }
}

/// Starts `signpost import` of `file` and kills it with SIGKILL after `delay_ms`: whether it was
/// still running then.
fn killed_while_importing(db: &Path, file: &Path, delay_ms: u64) -> bool {
    let mut import = signpost()
        .args(["import", "--db", path_str(db), path_str(file)])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(delay_ms));
    let still_running = import.try_wait().unwrap().is_none();
    import.kill().unwrap();
    import.wait().unwrap();
    still_running
}

#[test]
fn a_full_disk_is_a_clear_error_and_harms_nothing() {
    let dir = TempDir::new().unwrap();
    let file = big_file(dir.path());
    let db = dir.path().join("data");
    run_ok(&["import", "--db", path_str(&db), path_str(&demo_services())]);
    run_ok(&["search", "--db", path_str(&db), "mentoring"]);
    let before = stored_count(&db);
    // A file may grow to 4 MiB (ulimit -f counts 512-byte blocks in sh): the store's log outgrows
    // it half way through the file. SIGXFSZ is ignored so a write fails with EFBIG, as on a full
    // disk, instead of killing the process.
    let script = "trap '' XFSZ; ulimit -f 8192; exec \"$0\" \"$@\"";
    let output = Command::new("sh")
        .args([
            "-c",
            script,
            env!("CARGO_BIN_EXE_signpost"),
            "import",
            "--db",
        ])
        .args([path_str(&db), path_str(&file)])
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    let line = assert_one_line_error(&output, "import onto a full disk");
    assert!(
        ["too large", "full", "disk", "space"]
            .iter()
            .any(|w| line.to_lowercase().contains(w)),
        "the error does not say the disk is full: {line}"
    );
    assert_store_clean(&db, "after the full disk");
    assert_eq!(
        stored_count(&db),
        before,
        "a failed import left services behind"
    );
    assert_clean_after_open(&db, "after the full disk");
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn a_damaged_index_is_rebuilt_at_start() {
    type Damage = fn(&Path);
    let damages: [(&str, Damage); 3] = [
        ("the index's meta.json deleted", |index| {
            std::fs::remove_file(index.join("meta.json")).unwrap();
        }),
        ("its biggest file deleted", |index| {
            let biggest = files_under(index)
                .into_iter()
                .max_by_key(|f| f.metadata().unwrap().len())
                .unwrap();
            std::fs::remove_file(biggest).unwrap();
        }),
        ("every file garbled", |index| {
            for file in files_under(index) {
                let len = file.metadata().unwrap().len() as usize;
                std::fs::write(&file, vec![0xA5; len.max(16)]).unwrap();
            }
        }),
    ];
    for (what, damage) in damages {
        let dir = TempDir::new().unwrap();
        let db = dir.path().join("data");
        run_ok(&["import", "--db", path_str(&db), path_str(&demo_services())]);
        run_ok(&["search", "--db", path_str(&db), "mentoring"]);
        damage(&db.join("index"));
        let mut server = Server::start(&db, dir.path(), "info");
        let found = get(server.port, "/api/v1/search?q=mentoring").json();
        assert!(
            found["total"].as_u64().unwrap_or_default() > 0,
            "{what}: the restarted server finds nothing: {found}"
        );
        server.stop();
        let failing = failing_lines(&check(&db));
        assert!(
            failing.is_empty(),
            "{what}: check is not clean: {failing:?}"
        );
    }
}
