//! `signpost dedupe` and navigators' decisions end to end (docs/cli.md, "dedupe"; docs/api.md,
//! "Duplicates"), on two small feeds listing two services twice with decoys
//! (tests/data/dedupe/README.md): the real binary imports both and proposes exactly the two
//! pairs; on the real server a merge makes one record inactive pointing to the kept one and a
//! kept-apart pair is never proposed again. SQLite, and one PostgreSQL case. Also honest
//! freshness: a record not checked for longer than `--stale-after` is flagged in results until a
//! navigator marks it checked.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

#[path = "cli_support.rs"]
mod support;

#[path = "http_support.rs"]
mod http;

#[path = "pg_support.rs"]
mod pg;

use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use http::{Server, create_key, free_port, get, get_page, post_form, send_json};
use pg::FreshDatabase;
use serde_json::{Value, json};
use support::{data_file, path_str, run_ok, signpost};
use tempfile::TempDir;

const FOOD: (&str, &str) = ("council-food", "hub-417");
const MENTORING: (&str, &str) = ("council-mentor", "hub-418");

/// `--db DIR` and, with PostgreSQL, `--database-url URL`.
fn store_args(db: &Path, url: Option<&str>) -> Vec<String> {
    let mut args = vec!["--db".to_owned(), path_str(db).to_owned()];
    if let Some(url) = url {
        args.extend(["--database-url".to_owned(), url.to_owned()]);
    }
    args
}

fn run_with(args: &[&str], store: &[String]) -> Vec<u8> {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(store.iter().map(String::as_str));
    run_ok(&all)
}

fn import_both_feeds(store: &[String]) {
    for feed in ["council.ndjson", "hub.ndjson"] {
        let file = data_file(&format!("dedupe/{feed}"));
        run_with(&["import", path_str(&file)], store);
    }
}

fn proposed(store: &[String]) -> Vec<Value> {
    let out = run_with(&["dedupe", "--json"], store);
    serde_json::from_slice::<Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn pairs(proposals: &[Value]) -> Vec<(String, String)> {
    proposals
        .iter()
        .map(|p| {
            (
                p["a"].as_str().unwrap().to_owned(),
                p["b"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn owned((a, b): (&str, &str)) -> (String, String) {
    (a.to_owned(), b.to_owned())
}

#[test]
fn two_feeds_give_exactly_the_known_duplicates_and_decisions_stick() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("db");
    let store = store_args(&db, None);
    import_both_feeds(&store);

    let proposals = proposed(&store);
    assert_eq!(pairs(&proposals), [owned(FOOD), owned(MENTORING)]);
    let food = &proposals[0];
    let reasons: Vec<&str> = food["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(
        reasons.contains(&"same charity number 1101234"),
        "{reasons:?}"
    );
    assert!(reasons.contains(&"same phone 01214960001"), "{reasons:?}");
    assert!(reasons.contains(&"same postcode WS1 1AA"), "{reasons:?}");
    assert!(
        reasons.contains(&"same web address example.org/foodbank"),
        "{reasons:?}"
    );
    let scores: Vec<f64> = proposals
        .iter()
        .map(|p| p["score"].as_f64().unwrap())
        .collect();
    assert!(scores.iter().all(|s| (0.0..=1.0).contains(s)) && scores[0] >= scores[1]);

    let key = create_key(&db, "editor", "Walsall navigator");
    let logs = TempDir::new().unwrap();
    let mut server = Server::start(&db, logs.path(), "warn");
    let port = server.port;

    let listed = get_with_key(port, "/api/v1/duplicates", &key);
    assert_eq!(listed["pairs"].as_array().unwrap().len(), 2);
    assert_eq!(listed["pairs"][0]["reasons"], food["reasons"]);
    let welsh = get_with_key(port, "/api/v1/duplicates?ui=cy", &key);
    let welsh_reasons = welsh["pairs"][0]["reasons"].to_string();
    assert!(
        welsh_reasons.contains("yr un rhif elusen 1101234")
            && welsh_reasons.contains("yr un cod post WS1 1AA"),
        "{welsh_reasons}"
    );
    assert_eq!(welsh["pairs"][0]["a"], listed["pairs"][0]["a"]);
    assert_eq!(
        send_json(port, "GET", "/api/v1/duplicates", None, &Value::Null).status,
        401
    );

    assert!(searched_ids(port).contains(&FOOD.1.to_owned()));
    let merged = decide(
        port,
        &key,
        json!({"a": FOOD.1, "b": FOOD.0, "decision": "merge", "keep": FOOD.0}),
    );
    assert_eq!(merged.status, 200, "{}", merged.text());
    assert_eq!(merged.json()["kept"], FOOD.0);
    assert_eq!(merged.json()["a"], FOOD.0);
    let kept_apart = decide(
        port,
        &key,
        json!({"a": MENTORING.0, "b": MENTORING.1, "decision": "keep-apart"}),
    );
    assert_eq!(kept_apart.status, 200, "{}", kept_apart.text());

    let gone = get(port, &format!("/api/v1/services/{}", FOOD.1)).json();
    assert_eq!(gone["status"], "inactive");
    assert_eq!(gone["merged_into"], FOOD.0);
    let kept = get(port, &format!("/api/v1/services/{}", FOOD.0)).json();
    assert_eq!(kept["status"], "active");
    assert_eq!(kept["merged_from"], json!([FOOD.1]));
    let found = searched_ids(port);
    assert!(
        found.contains(&FOOD.0.to_owned()) && !found.contains(&FOOD.1.to_owned()),
        "a merged record leaves search, the kept one stays: {found:?}"
    );

    let again = decide(
        port,
        &key,
        json!({"a": FOOD.0, "b": FOOD.1, "decision": "merge"}),
    );
    assert_eq!(again.status, 409, "{}", again.text());
    let same = decide(
        port,
        &key,
        json!({"a": FOOD.0, "b": FOOD.0, "decision": "keep-apart"}),
    );
    assert_eq!(same.status, 400);
    let unknown = decide(
        port,
        &key,
        json!({"a": FOOD.0, "b": "nope", "decision": "keep-apart"}),
    );
    assert_eq!(unknown.status, 404);

    let listed = get_with_key(port, "/api/v1/duplicates", &key);
    assert_eq!(listed["pairs"], json!([]));
    assert_eq!(listed["decisions"].as_array().unwrap().len(), 2);
    let audit = get_with_key(
        port,
        &format!("/api/v1/audit?service_id={}", FOOD.1),
        &create_admin(&db),
    );
    let actions: Vec<&str> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"duplicate_decision") && actions.contains(&"update"),
        "{actions:?}"
    );
    server.stop();

    assert_eq!(proposed(&store), Vec::<Value>::new());
    let text = String::from_utf8(run_with(&["dedupe"], &store)).unwrap();
    assert!(
        text.contains("keep-apart  council-mentor  hub-418"),
        "{text}"
    );
    assert!(
        text.contains("merge  council-food  hub-417, kept council-food"),
        "{text}"
    );
}

#[test]
fn a_record_not_checked_for_longer_than_the_period_is_flagged_until_marked_checked() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("db");
    let store = store_args(&db, None);
    import_both_feeds(&store);
    let key = create_key(&db, "editor", "Walsall navigator");
    let port = free_port();
    let mut server = spawn_serve(&store, port, &["--stale-after", "2mo"]);
    wait_ready(&mut server, port);

    let hit = |port| {
        let found = get(port, "/api/v1/search?q=walsall&per_page=100").json();
        found["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["service"]["id"] == "council-advice")
            .cloned()
            .unwrap()
    };
    let before = hit(port);
    assert_eq!(before["checked"], "2026-09-01");
    assert_eq!(before["stale"], true);

    let results_page = get_page(port, "/search?q=walsall", None).text();
    assert!(
        results_page.contains("Not checked since 1 September 2026"),
        "{results_page}"
    );

    let cookie = sign_in(port, &key);
    let queue = get_page(port, "/navigator/queue", Some(&cookie));
    assert_eq!(queue.status, 200);
    let page = queue.text();
    assert!(
        page.contains("Not checked for 2 months") && page.contains("Citizens Advice"),
        "{page}"
    );
    assert!(
        page.contains(FOOD.1) && page.contains(MENTORING.1),
        "{page}"
    );
    assert!(page.contains("same charity number 1101234"), "{page}");
    let welsh = get_page(port, "/navigator/queue?ui=cy", Some(&cookie)).text();
    assert!(
        welsh.contains("yr un rhif elusen 1101234") && !welsh.contains("same charity number"),
        "{welsh}"
    );
    let fields = [
        ("a", FOOD.0),
        ("b", FOOD.1),
        ("decision", "keep-apart"),
        ("keep", ""),
    ];
    let forged = post_form(port, "/navigator/duplicates", Some(&cookie), &fields);
    assert_eq!(forged.status, 403);
    let csrf = csrf_of(&page);
    let mut signed = fields.to_vec();
    signed.push(("csrf", &csrf));
    let decided = post_form(port, "/navigator/duplicates", Some(&cookie), &signed);
    assert_eq!(decided.status, 303, "{}", decided.text());
    let page = get_page(port, "/navigator/queue", Some(&cookie)).text();
    let pair_field = |id: &str| format!("name=\"b\" value=\"{id}\"");
    assert!(!page.contains(&pair_field(FOOD.1)), "{page}");
    assert!(page.contains(&pair_field(MENTORING.1)), "{page}");

    let checked = send_json(
        port,
        "POST",
        "/api/v1/services/council-advice/checked",
        Some(&key),
        &Value::Null,
    );
    assert_eq!(checked.status, 200, "{}", checked.text());
    let after = hit(port);
    assert_eq!(after["stale"], false);
    assert_ne!(after["checked"], "2026-09-01");
    server.kill().unwrap();
    server.wait().unwrap();
}

#[test]
fn postgres_gives_the_same_pairs_and_keeps_a_kept_apart_pair_apart() {
    let database = FreshDatabase::new("signpost_dedupe");
    let dir = TempDir::new().unwrap();
    let store = store_args(&dir.path().join("db"), Some(&database.url));
    import_both_feeds(&store);
    assert_eq!(pairs(&proposed(&store)), [owned(FOOD), owned(MENTORING)]);

    let mut keys = vec![
        "keys",
        "create",
        "--role",
        "editor",
        "--name",
        "pg navigator",
    ];
    keys.extend(store.iter().map(String::as_str));
    let key = String::from_utf8(run_ok(&keys)).unwrap().trim().to_owned();
    let port = free_port();
    let mut server = spawn_serve(&store, port, &[]);
    wait_ready(&mut server, port);
    let apart = decide(
        port,
        &key,
        json!({"a": FOOD.0, "b": FOOD.1, "decision": "keep-apart"}),
    );
    assert_eq!(apart.status, 200, "{}", apart.text());
    server.kill().unwrap();
    server.wait().unwrap();
    assert_eq!(pairs(&proposed(&store)), [owned(MENTORING)]);
}

fn sign_in(port: u16, key: &str) -> String {
    let response = post_form(port, "/navigator/sign-in", None, &[("key", key)]);
    assert_eq!(response.status, 303, "sign in: {}", response.text());
    let cookie = response.headers_named("set-cookie")[0].to_owned();
    cookie.split(';').next().unwrap().to_owned()
}

/// The CSRF token in a page's first form.
fn csrf_of(page: &str) -> String {
    let (_, rest) = page.split_once("name=\"csrf\" value=\"").unwrap();
    rest.split('"').next().unwrap().to_owned()
}

/// The ids `/api/v1/search?q=walsall` finds (every service of both feeds until one is merged).
fn searched_ids(port: u16) -> Vec<String> {
    get(port, "/api/v1/search?q=walsall&per_page=100").json()["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["service"]["id"].as_str().unwrap().to_owned())
        .collect()
}

fn decide(port: u16, key: &str, body: Value) -> http::Response {
    send_json(
        port,
        "POST",
        "/api/v1/duplicates/decisions",
        Some(key),
        &body,
    )
}

fn get_with_key(port: u16, path: &str, key: &str) -> Value {
    let response = send_json(port, "GET", path, Some(key), &Value::Null);
    assert_eq!(response.status, 200, "{path}: {}", response.text());
    response.json()
}

fn create_admin(db: &Path) -> String {
    create_key(db, "admin", "Auditor")
}

fn spawn_serve(store: &[String], port: u16, extra: &[&str]) -> Child {
    signpost()
        .env("RUST_LOG", "warn")
        .arg("serve")
        .args(store)
        .args(["--addr", &format!("127.0.0.1:{port}"), "--rate-limit", "0"])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn wait_ready(child: &mut Child, port: u16) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while !http::http(port, "GET", "/readyz", &[], b"").is_ok_and(|r| r.status == 200) {
        assert!(child.try_wait().unwrap().is_none(), "the server exited");
        assert!(
            Instant::now() < deadline,
            "the server was not ready in 120 s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
