//! `signpost check`, `backup` and `restore` (issue 25): a clean store checks clean; an index that
//! is not the store's copy is reported and `--repair` rebuilds it; a backup taken while another
//! process keeps writing checks clean and restores; restore refuses a file that is not a Signpost
//! store, a damaged one, and a store a server has open.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

#[path = "cli_support.rs"]
mod support;

#[path = "pg_support.rs"]
mod pg;

use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use pg::FreshDatabase;
use support::*;

/// `signpost check --db DIR [extra]`: (exit code, standard output).
fn check(db: &Path, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["check", "--db", path_str(db)];
    args.extend(extra);
    let output = run(&args);
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

/// A store holding the demonstration directory, with its index built by the import.
fn demo_store(work: &Path) -> std::path::PathBuf {
    let db = work.join("data");
    run_ok(&["import", "--db", path_str(&db), path_str(&demo_services())]);
    db
}

fn one_service(path: &Path, id: &str) {
    let service = serde_json::json!({"id": id, "name": format!("Load test service {id}")});
    std::fs::write(path, service.to_string()).unwrap();
}

#[test]
fn a_clean_store_checks_clean_line_by_line() {
    let work = tempfile::tempdir().unwrap();
    let db = demo_store(work.path());
    let (code, out) = check(&db, &[]);
    assert_eq!(code, 0, "{out}");
    for name in [
        "integrity",
        "migrations",
        "documents",
        "stale mark",
        "index",
    ] {
        assert!(
            out.lines()
                .any(|line| line.starts_with(&format!("ok   {name}: "))),
            "{name} in {out}"
        );
    }
    assert!(
        out.contains("152 services, the same ids as the store"),
        "{out}"
    );

    let (code, json) = check(&db, &["--json"]);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["lines"].as_array().unwrap().len(), 5);
    assert!(report["repaired"].is_null());
}

/// Imports one service with `--defer-index`: the store has it, the index does not yet.
/// Imports one service with `--defer-index` (`store`: more options naming the store).
fn import_into_the_store_only(work: &Path, db: &Path, id: &str, store: &[&str]) {
    let extra = work.join(format!("{id}.json"));
    one_service(&extra, id);
    let mut args = vec!["import", "--db", path_str(db)];
    args.extend(store);
    args.extend(["--defer-index", path_str(&extra)]);
    run_ok(&args);
}

#[test]
fn an_index_out_of_step_is_reported_and_repaired() {
    let work = tempfile::tempdir().unwrap();
    let db = demo_store(work.path());

    // A service written to the store only: the index does not hold it, and the mark says so.
    import_into_the_store_only(work.path(), &db, "behind-the-index", &[]);
    let (code, out) = check(&db, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("FAIL stale mark: present"), "{out}");
    assert!(
        out.contains("FAIL index: holds 152 services, the store 153 searchable ones; 1 not in the index (such as behind-the-index)"),
        "{out}"
    );
    let (code, out) = check(&db, &["--repair"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("repaired: rebuilt the index from the store (153 services)"),
        "{out}"
    );
    assert_eq!(check(&db, &[]).0, 0);

    // No index at all.
    std::fs::remove_dir_all(db.join("index")).unwrap();
    let (code, out) = check(&db, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("FAIL index: no index in"), "{out}");
    assert_eq!(check(&db, &["--repair"]).0, 0);
    let found = run_ok(&[
        "search",
        "--db",
        path_str(&db),
        "Load test service",
        "--json",
    ]);
    assert!(
        String::from_utf8(found)
            .unwrap()
            .contains("behind-the-index")
    );
}

#[test]
fn a_damaged_store_is_reported_and_not_repaired() {
    let work = tempfile::tempdir().unwrap();
    let db = demo_store(work.path());
    let bytes = std::fs::read(db.join("signpost.sqlite")).unwrap();
    let damaged = work.path().join("damaged");
    std::fs::create_dir(&damaged).unwrap();
    std::fs::write(damaged.join("signpost.sqlite"), &bytes[..bytes.len() / 2]).unwrap();
    for extra in [&[][..], &["--repair"][..]] {
        let (code, out) = check(&damaged, extra);
        assert_eq!(code, 1, "{out}");
        assert!(out.starts_with("FAIL integrity: "), "{out}");
        assert!(out.contains("restore a backup (signpost restore)"), "{out}");
        assert!(!out.contains("repaired"), "{out}");
    }
    assert_eq!(
        std::fs::read(damaged.join("signpost.sqlite")).unwrap(),
        &bytes[..bytes.len() / 2],
        "a check never writes a damaged file"
    );
}

#[test]
fn check_needs_an_existing_store() {
    let work = tempfile::tempdir().unwrap();
    let missing = work.path().join("missing");
    let output = run(&["check", "--db", path_str(&missing)]);
    let line = assert_one_line_error(&output, "check of no store");
    assert!(line.contains("no Signpost data directory"), "{line}");
    assert!(!missing.exists());
}

/// Imports one new service at a time, each from its own file, until told to stop.
fn keep_importing(db: &Path, files: &Path, stop: &AtomicBool, done: &AtomicUsize) {
    let mut next = 0;
    while !stop.load(Ordering::SeqCst) {
        let file = files.join(format!("load-{next}.json"));
        one_service(&file, &format!("load-{next:04}"));
        run_ok(&[
            "import",
            "--db",
            path_str(db),
            "--defer-index",
            path_str(&file),
        ]);
        next += 1;
        done.store(next, Ordering::SeqCst);
    }
}

fn wait_for(done: &AtomicUsize, at_least: usize) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while done.load(Ordering::SeqCst) < at_least {
        assert!(Instant::now() < deadline, "the writer stalled");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_backup_under_write_load_checks_clean_and_restores() {
    let work = tempfile::tempdir().unwrap();
    let db = demo_store(work.path());
    let files = work.path().join("files");
    std::fs::create_dir(&files).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicUsize::new(0));
    let writer = {
        let (db, stop, done) = (db.clone(), stop.clone(), done.clone());
        std::thread::spawn(move || keep_importing(&db, &files, &stop, &done))
    };
    let mut backups = Vec::new();
    for round in 0..3 {
        wait_for(&done, 2 * (round + 1));
        let out = work.path().join(format!("backup-{round}.sqlite"));
        let output = run(&["backup", "--db", path_str(&db), "--out", path_str(&out)]);
        assert_success(&output, &["backup"]);
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(said.contains("it checks clean"), "{said}");
        backups.push(out);
    }
    let during = done.load(Ordering::SeqCst);
    stop.store(true, Ordering::SeqCst);
    writer.join().unwrap();
    assert!(
        during >= 6,
        "the backups ran while imports went on ({during})"
    );

    // A backup never overwrites.
    let again = run(&[
        "backup",
        "--db",
        path_str(&db),
        "--out",
        path_str(&backups[0]),
    ]);
    assert!(assert_one_line_error(&again, "overwrite").contains("exists already"));

    for (round, backup) in backups.iter().enumerate() {
        let restored = work.path().join(format!("restored-{round}"));
        run_ok(&[
            "restore",
            "--db",
            path_str(&restored),
            "--from",
            path_str(backup),
        ]);
        let (code, out) = check(&restored, &[]);
        assert_eq!(code, 1, "the index is rebuilt after a restore: {out}");
        assert!(
            out.contains("FAIL stale mark: present (restored from"),
            "{out}"
        );
        let (code, out) = check(&restored, &["--repair"]);
        assert_eq!(code, 0, "{out}");
        let exported = run_ok(&["export", "--db", path_str(&restored), "--format", "ndjson"]);
        let ids: Vec<String> = String::from_utf8(exported)
            .unwrap()
            .lines()
            .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap()["id"].to_string())
            .filter(|id| id.contains("load-"))
            .collect();
        // Each import is one transaction: a backup holds a prefix of them, none cut in half.
        let expected: Vec<String> = (0..ids.len()).map(|i| format!("\"load-{i:04}\"")).collect();
        assert_eq!(ids, expected);
        assert!(ids.len() >= 2 * (round + 1), "{} of the imports", ids.len());
    }

    // Restoring over the live store itself, once nothing has it open.
    run_ok(&[
        "restore",
        "--db",
        path_str(&db),
        "--from",
        path_str(&backups[0]),
    ]);
    assert_eq!(check(&db, &["--repair"]).0, 0);
}

#[test]
fn restore_refuses_what_is_not_a_sound_signpost_store_and_changes_nothing() {
    let work = tempfile::tempdir().unwrap();
    let db = demo_store(work.path());
    let backup = work.path().join("good.sqlite");
    run_ok(&["backup", "--db", path_str(&db), "--out", path_str(&backup)]);
    let before = std::fs::read(db.join("signpost.sqlite")).unwrap();

    let text = work.path().join("notes.sqlite");
    std::fs::write(&text, "these are not the droids").unwrap();
    let bytes = std::fs::read(&backup).unwrap();
    let cut = work.path().join("cut.sqlite");
    std::fs::write(&cut, &bytes[..bytes.len() / 3]).unwrap();
    let foreign = work.path().join("foreign.sqlite");
    let mut renamed = bytes.clone();
    rename_in_place(&mut renamed, b"_sqlx_migrations", b"_other_migration");
    std::fs::write(&foreign, renamed).unwrap();

    for (file, expect) in [
        (&text, "is not a sound SQLite database"),
        (&cut, "SQLite database"),
        (&foreign, "is not a Signpost store"),
    ] {
        let output = run(&["restore", "--db", path_str(&db), "--from", path_str(file)]);
        let line = assert_one_line_error(&output, "a bad restore");
        assert!(line.contains(expect), "{line}");
        assert!(line.contains("nothing was changed"), "{line}");
    }
    let output = run(&[
        "restore",
        "--db",
        path_str(&db),
        "--from",
        path_str(&work.path().join("absent")),
    ]);
    assert!(assert_one_line_error(&output, "absent").contains("is not a file"));
    assert_eq!(std::fs::read(db.join("signpost.sqlite")).unwrap(), before);
    assert_eq!(check(&db, &[]).0, 0, "the store and index are as they were");
}

/// Replaces every occurrence of `from` with `to` (of the same length) in a SQLite file's bytes.
/// Table names live in the schema table as text, so renaming a table everywhere leaves a sound
/// SQLite file: here one without Signpost's migration table, made without a SQLite client.
fn rename_in_place(bytes: &mut [u8], from: &[u8], to: &[u8]) {
    assert_eq!(from.len(), to.len());
    let mut found = false;
    for start in 0..bytes.len().saturating_sub(from.len()) {
        if &bytes[start..start + from.len()] == from {
            bytes[start..start + from.len()].copy_from_slice(to);
            found = true;
        }
    }
    assert!(found, "{} is in the file", String::from_utf8_lossy(from));
}

#[test]
fn restore_refuses_a_store_a_server_has_open() {
    let work = tempfile::tempdir().unwrap();
    let db = demo_store(work.path());
    let backup = work.path().join("good.sqlite");
    run_ok(&["backup", "--db", path_str(&db), "--out", path_str(&backup)]);
    let mut server = serve(&db, &[]);
    let output = run(&[
        "restore",
        "--db",
        path_str(&db),
        "--from",
        path_str(&backup),
    ]);
    let line = assert_one_line_error(&output, "restore beside a server");
    assert!(line.contains("stop it first"), "{line}");
    let (code, out) = check(&db, &[]);
    assert_eq!(code, 0, "a check runs beside the server: {out}");
    let output = run(&["check", "--db", path_str(&db), "--repair"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "nothing to repair, nothing refused"
    );
    // An import beside the server leaves the index out of step; rebuilding it under the server
    // is refused, and the check says what is wrong.
    import_into_the_store_only(work.path(), &db, "beside-the-server", &[]);
    let output = run(&["check", "--db", path_str(&db), "--repair"]);
    let line = assert_one_line_error(&output, "repair beside a server");
    assert!(line.contains("is open in another process"), "{line}");
    server.kill().unwrap();
    server.wait().unwrap();
    assert_eq!(check(&db, &["--repair"]).0, 0);
    run_ok(&[
        "restore",
        "--db",
        path_str(&db),
        "--from",
        path_str(&backup),
    ]);
}

#[test]
fn postgres_repair_sees_an_idle_server_and_rebuilds_once_it_is_gone() {
    let database = FreshDatabase::new("signpost_check");
    let store = ["--database-url", database.url.as_str()];
    let work = tempfile::tempdir().unwrap();
    let db = work.path().join("data");
    let demo = demo_services();
    let mut args = vec!["import", "--db", path_str(&db)];
    args.extend(store);
    args.push(path_str(&demo));
    run_ok(&args);
    let mut server = serve(&db, &store);
    import_into_the_store_only(work.path(), &db, "beside-an-idle-server", &store);
    let mut repair = vec!["check", "--db", path_str(&db), "--repair"];
    repair.extend(store);
    let output = run(&repair);
    let line = assert_one_line_error(&output, "repair beside an idle server on PostgreSQL");
    assert!(line.contains("stop it first"), "{line}");
    server.kill().unwrap();
    server.wait().unwrap();
    let output = run(&repair);
    let out = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{out}");
    assert!(
        out.contains("repaired: rebuilt the index from the store (153 services)"),
        "{out}"
    );
}

/// `signpost serve` on a free port (`store`: more options naming the store), ready (its store
/// open) when this returns.
fn serve(db: &Path, store: &[&str]) -> Child {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = signpost()
        .args([
            "serve",
            "--db",
            path_str(db),
            "--addr",
            &format!("127.0.0.1:{port}"),
        ])
        .args(store)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(90);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(child.try_wait().unwrap().is_none(), "the server exited");
        assert!(Instant::now() < deadline, "the server did not listen");
        std::thread::sleep(Duration::from_millis(100));
    }
    child
}
