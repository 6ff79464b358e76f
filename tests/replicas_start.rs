//! Several `signpost serve` processes started at the same moment on one empty PostgreSQL
//! database (a `docker compose up`, a Kubernetes rollout): the migrations run once, under the
//! migrator's advisory lock, the demonstration directory is loaded once, and every process comes
//! up ready. Configured by environment variables alone, as a container is.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

#[path = "cli_support.rs"]
mod support;

#[path = "http_support.rs"]
mod http;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use http::{free_port, get};
use support::{repo_root, signpost};
use tempfile::TempDir;

const REPLICAS: usize = 3;

/// The test server's URL: `SIGNPOST_TEST_DATABASE_URL`, else the local server's `test` database.
fn server_url() -> String {
    std::env::var("SIGNPOST_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// `url` with its database replaced by `database`.
fn url_of(url: &str, database: &str) -> String {
    let (server, _) = url.rsplit_once('/').expect("a URL with a database");
    format!("{server}/{database}")
}

/// One SQL statement through `psql` against `url`; its unaligned, tuples-only output.
fn psql(url: &str, sql: &str) -> String {
    let output = Command::new("psql")
        .args([
            "-X",
            "-q",
            "-A",
            "-t",
            "-v",
            "ON_ERROR_STOP=1",
            url,
            "-c",
            sql,
        ])
        .output()
        .expect("psql runs (postgresql-client)");
    assert!(
        output.status.success(),
        "psql {sql:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

/// A new, empty database on the test server, dropped at the end.
struct FreshDatabase {
    admin: String,
    name: String,
    url: String,
}

impl FreshDatabase {
    fn create() -> FreshDatabase {
        let admin = server_url();
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let name = format!("signpost_replicas_{}_{nanos}", std::process::id());
        psql(&admin, &format!("CREATE DATABASE {name}"));
        let url = url_of(&admin, &name);
        FreshDatabase { admin, name, url }
    }
}

impl Drop for FreshDatabase {
    fn drop(&mut self) {
        let _ = Command::new("psql")
            .args(["-X", "-q", &self.admin, "-c"])
            .arg(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .output();
    }
}

/// A `signpost serve` configured by environment variables only; killed when dropped.
struct Replica {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Replica {
    fn spawn(database_url: &str, dir: &Path, name: &str) -> Replica {
        let port = free_port();
        let log = dir.join(format!("{name}.log"));
        let child = signpost()
            .arg("serve")
            .env("DATABASE_URL", database_url)
            .env("SIGNPOST_DB", dir.join(name))
            .env("SIGNPOST_ADDR", format!("127.0.0.1:{port}"))
            .env("SIGNPOST_RATE_LIMIT", "0")
            .env("SIGNPOST_SECRET_KEY_FILE", dir.join("secret.key"))
            .stdout(Stdio::null())
            .stderr(Stdio::from(File::create(&log).unwrap()))
            .spawn()
            .expect("signpost serve starts");
        Replica { child, port, log }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Whether `/readyz` answers 200; panics with the log when the process has exited.
    fn is_ready(&mut self) -> bool {
        if let Some(status) = self.child.try_wait().unwrap() {
            panic!(
                "a replica exited ({status}) before it was ready:\n{}",
                self.log()
            );
        }
        http::http(self.port, "GET", "/readyz", &[], b"").is_ok_and(|r| r.status == 200)
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The migrations this build bundles for PostgreSQL.
fn bundled_migrations() -> usize {
    std::fs::read_dir(repo_root().join("migrations/postgres"))
        .unwrap()
        .filter(|entry| {
            entry
                .as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "sql"))
        })
        .count()
}

fn demo_count() -> usize {
    std::fs::read_to_string(support::demo_services())
        .unwrap()
        .lines()
        .filter(|line| !line.trim().is_empty())
        .count()
}

fn wait_all_ready(replicas: &mut [Replica]) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !replicas.iter_mut().all(Replica::is_ready) {
        assert!(
            Instant::now() < deadline,
            "not every replica was ready within 60 s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn replicas_started_together_on_an_empty_database_migrate_it_once_and_all_come_up() {
    let database = FreshDatabase::create();
    let work = TempDir::new().unwrap();
    std::fs::write(work.path().join("secret.key"), "ab".repeat(32)).unwrap();
    let mut replicas: Vec<Replica> = (0..REPLICAS)
        .map(|i| Replica::spawn(&database.url, work.path(), &format!("replica-{i}")))
        .collect();
    wait_all_ready(&mut replicas);

    let migrations = psql(
        &database.url,
        "SELECT count(*) || ' ' || count(DISTINCT version) || ' ' || bool_and(success) \
         FROM _sqlx_migrations",
    );
    let n = bundled_migrations();
    assert_eq!(
        migrations,
        format!("{n} {n} true"),
        "every migration once, all applied"
    );
    let services: usize = psql(&database.url, "SELECT count(*) FROM services")
        .parse()
        .unwrap();
    assert_eq!(services, demo_count(), "the demo directory loaded once");

    for replica in &replicas {
        let answer = get(replica.port, "/api/v1/search?q=&limit=1");
        assert_eq!(answer.status, 200, "{}", answer.text());
        assert_eq!(
            answer.json()["total"].as_u64(),
            Some(demo_count() as u64),
            "a replica's index holds the store's services"
        );
        let log = replica.log();
        assert!(!log.contains("ERROR"), "a replica logged an error:\n{log}");
        assert!(
            log.contains("signpost is listening"),
            "a replica said where it listens:\n{log}"
        );
    }
}
