//! Several `signpost serve` processes started at the same moment on one empty PostgreSQL
//! database (a `docker compose up`, a Kubernetes rollout): the migrations run once, under the
//! migrator's advisory lock, the demonstration directory is loaded once, and every process comes
//! up ready. Configured by environment variables alone, as a container is.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

#[path = "cli_support.rs"]
mod support;

#[path = "http_support.rs"]
mod http;

#[path = "pg_support.rs"]
mod pg;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use http::{free_port, get};
use pg::{FreshDatabase, psql};
use support::{repo_root, signpost};
use tempfile::TempDir;

const REPLICAS: usize = 3;

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
    let database = FreshDatabase::new("signpost_replicas");
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
