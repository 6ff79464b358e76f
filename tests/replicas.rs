//! Replicas (docs/replicas.md), end to end: several `signpost serve --database-url` processes on
//! one fresh PostgreSQL database, each with its own index, follow every write made through any
//! of them. A write is searchable through the others within a second and answers with its
//! sequence, which a read can wait for; a replica killed with `kill -9` during a stream of writes
//! comes back equal to the store (`signpost check`); terminating PostgreSQL's connections
//! mid-run keeps reads answering and writes come back; two writers on one service leave the last
//! committed version everywhere; a replica stopped while 20,000 changes were made catches up.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

#[path = "cli_support.rs"]
mod support;

#[path = "http_support.rs"]
mod http;

#[path = "pg_support.rs"]
mod pg;

use std::fs::File;
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http::{Response, free_port, send_json, try_send_json};
use pg::{FreshDatabase, psql, server_url};
use serde_json::{Value, json};
use support::{path_str, run, run_ok, signpost};
use tempfile::TempDir;

/// A new, empty database on the test server, dropped at the end; and a work folder.
struct Fixture {
    database: FreshDatabase,
    url: String,
    work: TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let database = FreshDatabase::new("signpost_follow");
        let work = TempDir::new().unwrap();
        std::fs::write(work.path().join("secret.key"), "cd".repeat(32)).unwrap();
        Fixture {
            url: database.url.clone(),
            database,
            work,
        }
    }

    fn dir(&self, name: &str) -> PathBuf {
        self.work.path().join(name)
    }

    /// An editor's key, kept in the shared store.
    fn editor_key(&self) -> String {
        let stdout = run_ok(&[
            "keys",
            "create",
            "--db",
            path_str(&self.dir("keys")),
            "--database-url",
            &self.url,
            "--role",
            "editor",
            "--name",
            "replica-tester",
        ]);
        String::from_utf8(stdout).unwrap().trim().to_owned()
    }

    fn start(&self, name: &str) -> Replica {
        let mut replica = Replica::spawn(self, name);
        replica.wait_ready();
        replica
    }

    /// Ends every connection to the database but psql's own.
    fn terminate_connections(&self) -> usize {
        psql(
            &server_url(),
            &format!(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity \
                 WHERE datname = '{}' AND pid <> pg_backend_pid()",
                self.database.name
            ),
        )
        .parse()
        .unwrap()
    }

    /// `signpost check` of a replica's data directory against the store: the report.
    fn check(&self, name: &str) -> Value {
        let output = run(&[
            "check",
            "--db",
            path_str(&self.dir(name)),
            "--database-url",
            &self.url,
            "--json",
        ]);
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!(
                "check --json ({e}): {}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            )
        })
    }
}

/// A running `signpost serve --database-url` with its own data directory; killed when dropped.
struct Replica {
    child: Option<Child>,
    port: u16,
    log: PathBuf,
}

impl Replica {
    fn spawn(fixture: &Fixture, name: &str) -> Replica {
        Replica::spawn_on(fixture, name, &fixture.url)
    }

    /// A replica of `fixture`'s store reached at `url` (through a [`Cuttable`] link).
    fn spawn_on(fixture: &Fixture, name: &str, url: &str) -> Replica {
        let port = free_port();
        let log = fixture.dir(&format!("{name}.log"));
        let child = signpost()
            .env("RUST_LOG", "info")
            .env("SIGNPOST_SECRET_KEY_FILE", fixture.dir("secret.key"))
            .args(["serve", "--db", path_str(&fixture.dir(name))])
            .args(["--database-url", url])
            .args(["--addr", &format!("127.0.0.1:{port}"), "--rate-limit", "0"])
            .stdout(Stdio::null())
            .stderr(Stdio::from(
                File::options()
                    .create(true)
                    .append(true)
                    .open(&log)
                    .unwrap(),
            ))
            .spawn()
            .unwrap();
        Replica {
            child: Some(child),
            port,
            log,
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn is_ready(&mut self) -> bool {
        if let Some(status) = self.child.as_mut().unwrap().try_wait().unwrap() {
            panic!("a replica exited ({status}):\n{}", self.log());
        }
        http::http(self.port, "GET", "/readyz", &[], b"").is_ok_and(|r| r.status == 200)
    }

    fn wait_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !self.is_ready() {
            assert!(
                Instant::now() < deadline,
                "not ready in 60 s:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn kill_hard(&mut self) {
        let mut child = self.child.take().unwrap();
        child.kill().unwrap();
        child.wait().unwrap();
    }

    fn stop(&mut self) {
        let mut child = self.child.take().unwrap();
        let sent = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        child.wait().unwrap();
    }

    fn get(&self, path: &str, headers: &[(&str, &str)]) -> Response {
        http::http(self.port, "GET", path, headers, b"").unwrap()
    }

    /// The ids a search for `words` finds on this replica's index.
    fn found(&self, words: &str) -> Vec<String> {
        let answer = self.get(
            &format!("/api/v1/search?q={}&limit=50", http::encode(words)),
            &[],
        );
        assert_eq!(answer.status, 200, "{}", answer.text());
        answer.json()["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|hit| hit["service"]["id"].as_str().unwrap().to_owned())
            .collect()
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A TCP link to PostgreSQL that the test can cut: while cut, every connection through it is
/// ended and each new one closed at once, as when the database host cannot be reached.
struct Cuttable {
    url: String,
    cut: Arc<AtomicBool>,
    open: Arc<Mutex<Vec<TcpStream>>>,
}

impl Cuttable {
    /// A link to the server of `url` (`scheme://user@host:port/database`); its own URL.
    fn to(url: &str) -> Cuttable {
        let (start, rest) = url.split_once('@').unwrap();
        let (server, database) = rest.split_once('/').unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let linked = format!(
            "{start}@127.0.0.1:{}/{database}",
            listener.local_addr().unwrap().port()
        );
        let cut = Arc::new(AtomicBool::new(false));
        let open = Arc::new(Mutex::new(Vec::new()));
        let (is_cut, streams, server) = (cut.clone(), open.clone(), server.to_owned());
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                if is_cut.load(Ordering::SeqCst) {
                    continue;
                }
                let Ok(upstream) = TcpStream::connect(&server) else {
                    continue;
                };
                streams
                    .lock()
                    .unwrap()
                    .extend([client.try_clone().unwrap(), upstream.try_clone().unwrap()]);
                pipe(client.try_clone().unwrap(), upstream.try_clone().unwrap());
                pipe(upstream, client);
            }
        });
        Cuttable {
            url: linked,
            cut,
            open,
        }
    }

    fn cut(&self) {
        self.cut.store(true, Ordering::SeqCst);
        for stream in self.open.lock().unwrap().drain(..) {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }

    fn mend(&self) {
        self.cut.store(false, Ordering::SeqCst);
    }
}

/// Copies `from` into `to` until either ends, then ends both.
fn pipe(mut from: TcpStream, mut to: TcpStream) {
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut from, &mut to);
        let _ = to.shutdown(Shutdown::Both);
        let _ = from.shutdown(Shutdown::Both);
    });
}

fn service(id: &str, name: &str) -> Value {
    json!({
        "id": id,
        "name": name,
        "description": "Written through one replica, read through another.",
        "languages": [{ "id": format!("{id}-lang"), "code": "pan" }],
        "service_at_locations": [{ "id": format!("{id}-sal"), "location": {
            "id": format!("{id}-loc"), "location_type": "physical",
            "latitude": 52.58, "longitude": -1.98 } }]
    })
}

/// Every line of a `signpost check --json` report is sound (the index equals the store).
fn assert_check_clean(report: &Value) {
    let failing: Vec<&Value> = report["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|line| line["ok"] != true)
        .collect();
    assert!(failing.is_empty(), "check is not clean: {failing:?}");
}

fn sequence_of(response: &Response) -> u64 {
    response
        .header("Signpost-Sequence")
        .unwrap_or_else(|| panic!("no Signpost-Sequence on {}", response.status))
        .parse()
        .unwrap()
}

/// Polls `replica` until a search for `words` gives `expected`; how long it took.
fn until_found(replica: &Replica, words: &str, expected: &[&str]) -> Duration {
    let started = Instant::now();
    loop {
        if replica.found(words) == expected {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{words:?} never gave {expected:?} on port {}",
            replica.port
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Waits (with `Signpost-Min-Sequence`) until `replica` has applied `sequence`.
fn wait_applied(replica: &Replica, sequence: u64) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let wanted = sequence.to_string();
    loop {
        let answer = replica.get("/healthz", &[("Signpost-Min-Sequence", &wanted)]);
        if answer.header("Signpost-Sequence-Behind").is_none() {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "replica never applied {sequence}"
        );
    }
}

#[test]
fn writes_through_any_replica_reach_every_other_and_the_last_commit_wins() {
    let fixture = Fixture::new();
    let replicas: Vec<Replica> = ["a", "b", "c"].iter().map(|n| fixture.start(n)).collect();
    let key = fixture.editor_key();

    let created = send_json(
        replicas[0].port,
        "POST",
        "/api/v1/services",
        Some(&key),
        &service("follow-1", "Quokka mentoring circle"),
    );
    assert_eq!(created.status, 201, "{}", created.text());
    let written = sequence_of(&created);
    // Read-your-writes: waiting for the write's sequence, the next read on another replica sees it.
    let waited = replicas[1].get(
        "/api/v1/search?q=quokka",
        &[("Signpost-Min-Sequence", &written.to_string())],
    );
    assert_eq!(waited.status, 200);
    assert!(sequence_of(&waited) >= written);
    assert_eq!(waited.header("Signpost-Sequence-Behind"), None);
    assert_eq!(waited.json()["results"][0]["service"]["id"], "follow-1");
    for replica in &replicas[1..] {
        let took = until_found(replica, "quokka", &["follow-1"]);
        assert!(took < Duration::from_secs(1), "took {took:?}");
    }
    // A sequence no replica has reached: answered after the wait, saying how far behind.
    let ahead = replicas[2].get(
        "/healthz",
        &[("Signpost-Min-Sequence", &(written + 1000).to_string())],
    );
    assert_eq!(ahead.status, 200);
    assert!(ahead.header("Signpost-Sequence-Behind").is_some());

    // Two writers on one service, at the same moment: whichever committed last is everywhere.
    let writers: Vec<_> = [(0, "Quokka wombat"), (1, "Quokka numbat")]
        .into_iter()
        .map(|(at, name)| {
            let (port, key) = (replicas[at].port, key.clone());
            std::thread::spawn(move || {
                send_json(
                    port,
                    "PUT",
                    "/api/v1/services/follow-1",
                    Some(&key),
                    &service("follow-1", name),
                )
            })
        })
        .collect();
    let answers: Vec<Response> = writers.into_iter().map(|w| w.join().unwrap()).collect();
    assert!(answers.iter().all(|a| a.status == 200));
    let last = psql(
        &fixture.url,
        "SELECT name FROM services WHERE id = 'follow-1'",
    );
    let (winner, loser) = if last == "Quokka wombat" {
        ("wombat", "numbat")
    } else {
        ("numbat", "wombat")
    };
    for replica in &replicas {
        until_found(replica, winner, &["follow-1"]);
        assert!(
            replica.found(loser).is_empty(),
            "the older write is gone from port {}",
            replica.port
        );
    }

    let deleted = http::http(
        replicas[2].port,
        "DELETE",
        "/api/v1/services/follow-1",
        &[("Authorization", &format!("Bearer {key}"))],
        b"",
    )
    .unwrap();
    assert_eq!(deleted.status, 204, "{}", deleted.text());
    for replica in &replicas {
        until_found(replica, "quokka", &[]);
    }

    // `signpost import --database-url` reaches the running replicas through the same log.
    let file = fixture.dir("one.ndjson");
    std::fs::write(
        &file,
        format!("{}\n", service("follow-2", "Pangolin advice desk")),
    )
    .unwrap();
    run_ok(&[
        "import",
        path_str(&file),
        "--db",
        path_str(&fixture.dir("importer")),
        "--database-url",
        &fixture.url,
    ]);
    for replica in &replicas {
        until_found(replica, "pangolin", &["follow-2"]);
    }
}

#[test]
fn a_replica_killed_during_a_stream_of_writes_comes_back_equal_to_the_store() {
    let fixture = Fixture::new();
    let writer = fixture.start("writer");
    let mut victim = fixture.start("victim");
    let key = fixture.editor_key();
    let writes: usize = std::env::var("SIGNPOST_REPLICA_WRITES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000);
    let port = writer.port;
    let stream = std::thread::spawn(move || {
        let mut last = 0;
        for batch in 0..writes / 20 {
            let services: Vec<Value> = (0..20)
                .map(|i| {
                    service(
                        &format!("stream-{batch}-{i}"),
                        &format!("Stream service {batch} {i}"),
                    )
                })
                .collect();
            let answer = send_json(
                port,
                "POST",
                "/api/v1/services/import",
                Some(&key),
                &json!(services),
            );
            assert_eq!(answer.status, 200, "{}", answer.text());
            last = sequence_of(&answer);
            if batch % 10 == 0 {
                let one = send_json(
                    port,
                    "POST",
                    "/api/v1/services",
                    Some(&key),
                    &service(&format!("single-{batch}"), "Single write"),
                );
                assert_eq!(one.status, 201, "{}", one.text());
                last = sequence_of(&one);
            }
        }
        last
    });
    std::thread::sleep(Duration::from_millis(700));
    victim.kill_hard();
    std::thread::sleep(Duration::from_millis(300));
    let mut victim = Replica::spawn(&fixture, "victim");
    victim.wait_ready();
    let last = stream.join().unwrap();
    wait_applied(&victim, last);
    victim.stop();
    drop(writer);
    assert_check_clean(&fixture.check("victim"));
}

#[test]
fn reads_go_on_while_postgres_connections_are_cut_and_writes_come_back() {
    let fixture = Fixture::new();
    let first = fixture.start("first");
    let second = fixture.start("second");
    let key = fixture.editor_key();
    let mut refused = 0;
    for round in 0..6 {
        assert!(fixture.terminate_connections() > 0, "connections to cut");
        let read = first.get("/api/v1/search?q=mentoring", &[]);
        assert_eq!(read.status, 200, "reads answer: {}", read.text());
        let id = format!("cut-{round}");
        match try_send_json(
            second.port,
            "PUT",
            &format!("/api/v1/services/{id}"),
            Some(&key),
            &service(&id, "Aardvark drop-in"),
        ) {
            Ok(answer) if answer.status == 503 => {
                assert_eq!(answer.json()["code"], "store_unavailable");
                refused += 1;
            }
            Ok(answer) => assert!(
                answer.status < 300 || answer.status == 404,
                "{}",
                answer.text()
            ),
            Err(error) => panic!("the write was not answered: {error}"),
        }
    }
    // Without a restart, writes succeed again and reach the other replica.
    let deadline = Instant::now() + Duration::from_secs(20);
    let written = loop {
        let answer = send_json(
            second.port,
            "POST",
            "/api/v1/services",
            Some(&key),
            &service("after-cut", "Tapir welcome"),
        );
        if answer.status == 201 {
            break sequence_of(&answer);
        }
        assert!(
            Instant::now() < deadline,
            "writes never came back: {}",
            answer.text()
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    wait_applied(&first, written);
    assert_eq!(first.found("tapir"), ["after-cut"]);
    let mut first = first;
    first.wait_ready();
    eprintln!("writes refused while connections were cut: {refused}");
}

#[test]
fn searches_answer_from_the_index_while_postgres_cannot_be_reached() {
    let fixture = Fixture::new();
    let link = Cuttable::to(&fixture.url);
    let mut replica = Replica::spawn_on(&fixture, "alone", &link.url);
    replica.wait_ready();
    let key = fixture.editor_key();
    let created = send_json(
        replica.port,
        "POST",
        "/api/v1/services",
        Some(&key),
        &service("lantern", "Quokka lantern"),
    );
    assert_eq!(created.status, 201, "{}", created.text());
    let search = "/api/v1/search?q=quokka";
    let before = replica.get(search, &[]).json();
    assert_eq!(before["results"][0]["service"]["id"], "lantern");

    link.cut();
    for round in 0..3 {
        let read = replica.get(search, &[]);
        assert_eq!(read.status, 200, "round {round}: {}", read.text());
        let read = read.json();
        assert_eq!(read["total"], before["total"]);
        assert_eq!(
            read["results"][0]["service"], before["results"][0]["service"],
            "the same record, from the index"
        );
        let page = replica.get("/search?q=quokka", &[]);
        assert_eq!(page.status, 200, "the page's search: {}", page.text());
        assert!(page.text().contains("Quokka lantern"));
        let started = Instant::now();
        let write = try_send_json(
            replica.port,
            "PUT",
            "/api/v1/services/lantern",
            Some(&key),
            &service("lantern", "Quokka lantern, renamed"),
        )
        .expect("the write is answered");
        assert_eq!(write.status, 503, "{}", write.text());
        assert_eq!(write.json()["code"], "store_unavailable");
        assert!(
            started.elapsed() < Duration::from_secs(6),
            "{:?}",
            started.elapsed()
        );
    }
    assert!(!replica.is_ready(), "not ready while the store is away");

    link.mend();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let write = send_json(
            replica.port,
            "PUT",
            "/api/v1/services/lantern",
            Some(&key),
            &service("lantern", "Quokka lantern, renamed"),
        );
        if write.status < 300 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "writes never came back: {}",
            write.text()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let after = replica.get(search, &[]).json();
    assert_eq!(
        after["results"][0]["service"]["name"],
        "Quokka lantern, renamed"
    );
    replica.wait_ready();
}

#[test]
fn a_replica_stopped_while_20000_changes_were_made_catches_up() {
    let fixture = Fixture::new();
    let mut behind = fixture.start("behind");
    behind.stop();
    let changes: usize = std::env::var("SIGNPOST_REPLICA_CHANGES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let synth = fixture.dir("synth.ndjson");
    run_ok(&["synth", "--n", "2000", "--out", path_str(&synth)]);
    run_ok(&[
        "import",
        path_str(&synth),
        "--db",
        path_str(&fixture.dir("importer")),
        "--database-url",
        &fixture.url,
    ]);
    // Then `changes` changes, one service each, as writes through other replicas leave them.
    psql(
        &fixture.url,
        &format!(
            "WITH ids AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM services), \
             base AS (SELECT max(seq) AS seq FROM change_log) \
             INSERT INTO change_log (seq, at, service_ids) \
             SELECT base.seq + g, '2026-01-01T00:00:00Z', json_build_array(ids.id)::text \
             FROM base, generate_series(1, {changes}) AS g \
             JOIN ids ON ids.n = g % (SELECT count(*) FROM services)"
        ),
    );
    let last: u64 = psql(&fixture.url, "SELECT max(seq) FROM change_log")
        .parse()
        .unwrap();
    assert!(last > changes as u64, "{last} changes logged");
    let logged_before = behind.log().len();
    let started = Instant::now();
    let mut behind = Replica::spawn(&fixture, "behind");
    behind.wait_ready();
    wait_applied(&behind, last);
    let took = started.elapsed();
    eprintln!("caught up {last} changes in {took:?}");
    let restart_log = behind.log().split_off(logged_before);
    assert!(
        !restart_log.contains("rebuilding the search index"),
        "caught up, not rebuilt: {restart_log}"
    );
    behind.stop();
    assert_check_clean(&fixture.check("behind"));
}

/// The propagation figure of docs/benchmarks.md: while one thread streams bulk writes through
/// the first replica, single writes through it are timed until the second has applied them
/// (a read there waiting with `Signpost-Min-Sequence`). Minutes long, so run by hand:
/// `cargo test -p signpost-cli --release --test replicas -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement: run by hand with --ignored --nocapture"]
fn propagation_latency_under_a_write_stream() {
    let fixture = Fixture::new();
    let writer = fixture.start("writer");
    let follower = fixture.start("follower");
    let key = fixture.editor_key();
    let (port, stream_key) = (writer.port, key.clone());
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stopping = stop.clone();
    let stream = std::thread::spawn(move || {
        let mut written = 0;
        while !stopping.load(std::sync::atomic::Ordering::SeqCst) {
            let services: Vec<Value> = (0..10)
                .map(|i| service(&format!("bulk-{written}-{i}"), "Bulk stream"))
                .collect();
            let answer = send_json(
                port,
                "POST",
                "/api/v1/services/import",
                Some(&stream_key),
                &json!(services),
            );
            assert_eq!(answer.status, 200, "{}", answer.text());
            written += 10;
        }
        written
    });
    let mut took = Vec::new();
    let started = Instant::now();
    for i in 0..500 {
        let id = format!("timed-{i}");
        let answer = send_json(
            writer.port,
            "POST",
            "/api/v1/services",
            Some(&key),
            &service(&id, "Timed write"),
        );
        assert_eq!(answer.status, 201, "{}", answer.text());
        let sequence = sequence_of(&answer).to_string();
        let waited = Instant::now();
        let read = follower.get("/healthz", &[("Signpost-Min-Sequence", &sequence)]);
        assert_eq!(read.header("Signpost-Sequence-Behind"), None);
        took.push(waited.elapsed());
    }
    let seconds = started.elapsed().as_secs_f64();
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let bulk = stream.join().unwrap();
    took.sort();
    let at = |q: f64| took[((took.len() - 1) as f64 * q) as usize];
    eprintln!(
        "{} timed writes and {bulk} streamed services in {seconds:.1} s ({:.0} services/s): \
         propagation p50 {:?}, p99 {:?}, max {:?}",
        took.len(),
        (took.len() + bulk) as f64 / seconds,
        at(0.5),
        at(0.99),
        took[took.len() - 1]
    );
}
