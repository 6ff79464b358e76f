//! `signpost harvest` end to end against a stand-in Open Referral UK feed served from this test
//! process: many pages, records with placeholders set aside, a second run changing nothing, a
//! service the feed drops withdrawn (inactive, kept, no longer searched, `check` clean), a server
//! error retried, and a failing page leaving the store unchanged; and `serve --harvest` on a
//! schedule: the feed searchable without a restart, a dropped service out of search, a merge kept,
//! each run in `/metrics` and on the navigator page (docs/oruk.md, "Harvesting"; issue 23).
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

#[path = "cli_support.rs"]
mod support;

#[path = "http_support.rs"]
mod http;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::*;
use tempfile::TempDir;

/// Services a page of the stand-in feed, whatever `per_page` asks.
const PAGE_SIZE: usize = 4;

/// What the stand-in feed serves, changed by the test between harvests.
#[derive(Default)]
struct Feed {
    services: BTreeMap<String, Value>,
    /// This page answers with a body that is not JSON.
    broken_page: Option<usize>,
    /// This many requests answer 503 before the feed answers again.
    unavailable: usize,
    /// Every request's path and User-Agent.
    requests: Vec<(String, String)>,
}

fn service(n: usize, placeholder: bool) -> Value {
    let (latitude, longitude) = if placeholder {
        (json!(100), json!(101))
    } else {
        (json!(52.58 + n as f64 / 1000.0), json!(-1.98))
    };
    json!({"id": format!("feed-{n:02}"), "name": format!("Kestrel befriending {n}"),
        "description": "Weekly befriending visits", "status": "active",
        "service_at_locations": [{"id": format!("sal-{n}"), "location": {"id": format!("loc-{n}"),
            "name": "Civic Centre", "latitude": latitude, "longitude": longitude}}]})
}

/// Serves the feed on a free local port until the test ends.
fn serve(feed: Arc<Mutex<Feed>>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            answer(stream, &feed);
        }
    });
    base
}

fn answer(mut stream: TcpStream, feed: &Mutex<Feed>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    reader.read_line(&mut request_line).unwrap();
    let path = request_line.split(' ').nth(1).unwrap_or("/").to_owned();
    let mut agent = String::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).unwrap();
        if header.trim().is_empty() {
            break;
        }
        if let Some(value) = header.to_ascii_lowercase().strip_prefix("user-agent:") {
            agent = value.trim().to_owned();
        }
    }
    let (status, body) = respond(&path, agent, &mut feed.lock().unwrap());
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body.as_bytes()).unwrap();
}

fn respond(path: &str, agent: String, feed: &mut Feed) -> (&'static str, String) {
    feed.requests.push((path.to_owned(), agent));
    if feed.unavailable > 0 {
        feed.unavailable -= 1;
        return ("503 Service Unavailable", "{}".to_owned());
    }
    if let Some(query) = path.strip_prefix("/services?") {
        let page: usize = query
            .split('&')
            .find_map(|pair| pair.strip_prefix("page="))
            .and_then(|n| n.parse().ok())
            .unwrap_or(1);
        if feed.broken_page == Some(page) {
            return ("200 OK", "<html>maintenance</html>".to_owned());
        }
        let all: Vec<&Value> = feed.services.values().collect();
        let total_pages = all.len().div_ceil(PAGE_SIZE).max(1);
        let contents: Vec<Value> = all
            .iter()
            .skip((page - 1) * PAGE_SIZE)
            .take(PAGE_SIZE)
            .map(|s| json!({"id": s["id"], "name": s["name"], "status": s["status"]}))
            .collect();
        let body = json!({"total_items": all.len(), "total_pages": total_pages,
            "page_number": page, "size": contents.len(), "first_page": page == 1,
            "last_page": page == total_pages, "empty": contents.is_empty(), "contents": contents});
        return ("200 OK", body.to_string());
    }
    match path
        .strip_prefix("/services/")
        .and_then(|id| feed.services.get(id))
    {
        Some(service) => ("200 OK", service.to_string()),
        None => ("404 Not Found", "{}".to_owned()),
    }
}

fn harvest(db: &Path, url: &str) -> std::process::Output {
    run(&[
        "harvest",
        "--db",
        path_str(db),
        url,
        "--source",
        "stand-in",
        "--json",
    ])
}

fn harvested(db: &Path, url: &str) -> Value {
    let output = harvest(db, url);
    assert_success(&output, &["harvest", url]);
    json_stdout(&output.stdout)
}

fn counts(report: &Value) -> [u64; 5] {
    [
        "new",
        "updated",
        "unchanged",
        "withdrawn",
        "set_aside_count",
    ]
    .map(|field| report[field].as_u64().unwrap())
}

fn found_ids(db: &Path, query: &str) -> Vec<String> {
    let out = run_ok(&[
        "search",
        "--db",
        path_str(db),
        query,
        "--limit",
        "50",
        "--json",
    ]);
    json_stdout(&out)["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["service"]["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_feed_is_harvested_then_kept_current_and_a_failing_page_changes_nothing() {
    let mut feed = Feed::default();
    for n in 0..10 {
        let record = service(n, n % 3 == 0);
        feed.services
            .insert(record["id"].as_str().unwrap().to_owned(), record);
    }
    let feed = Arc::new(Mutex::new(feed));
    let url = serve(Arc::clone(&feed));
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");

    let first = harvested(&db, &url);
    assert_eq!(counts(&first), [10, 0, 0, 0, 8], "{first}");
    assert_eq!(first["source"], "stand-in");
    assert_eq!(
        first["set_aside"][0]["path"],
        "/service_at_locations/0/location/latitude"
    );
    assert_eq!(first["set_aside"][0]["value"], 100);
    {
        let feed = feed.lock().unwrap();
        let pages: Vec<&str> = feed
            .requests
            .iter()
            .map(|(path, _)| path.as_str())
            .filter(|path| path.starts_with("/services?"))
            .collect();
        assert_eq!(pages.len(), 3, "{pages:?}");
        assert!(
            feed.requests
                .iter()
                .all(|(_, agent)| agent.starts_with("signpost/") && agent.ends_with("(+harvest)"))
        );
    }
    let exported = exported_services(&db);
    assert_eq!(exported.len(), 10);
    let placeholder = exported.iter().find(|s| s["id"] == "feed-00").unwrap();
    let location = &placeholder["service_at_locations"][0]["location"];
    assert!(location.get("latitude").is_none() && location.get("longitude").is_none());
    assert_eq!(location["name"], "Civic Centre");
    assert!(found_ids(&db, "kestrel").contains(&"feed-04".to_owned()));

    let again = harvested(&db, &url);
    assert_eq!(counts(&again), [0, 0, 10, 0, 0], "{again}");

    {
        let mut feed = feed.lock().unwrap();
        feed.services.remove("feed-04");
        feed.services.get_mut("feed-05").unwrap()["name"] = json!("Kestrel befriending five");
        feed.unavailable = 1;
    }
    let changed = harvested(&db, &url);
    assert_eq!(counts(&changed), [0, 1, 8, 1, 0], "{changed}");
    let exported = exported_services(&db);
    assert_eq!(exported.len(), 10, "a withdrawn service is kept");
    let withdrawn = exported.iter().find(|s| s["id"] == "feed-04").unwrap();
    assert_eq!(withdrawn["status"], "inactive");
    let found = found_ids(&db, "kestrel");
    assert!(found.contains(&"feed-05".to_owned()), "{found:?}");
    assert!(
        !found.contains(&"feed-04".to_owned()),
        "withdrawn: {found:?}"
    );
    let checked = run(&["check", "--db", path_str(&db), "--json"]);
    assert_success(&checked, &["check"]);
    let index = json_stdout(&checked.stdout)["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|line| line["name"] == "index")
        .cloned()
        .unwrap();
    assert!(
        index["detail"].as_str().unwrap().starts_with("9 services"),
        "{index}"
    );

    let before = export(&db, "ndjson");
    {
        let mut feed = feed.lock().unwrap();
        feed.broken_page = Some(2);
        feed.services.get_mut("feed-01").unwrap()["name"] = json!("Not to be written");
    }
    let failed = harvest(&db, &url);
    let message = assert_one_line_error(&failed, "a page that is not JSON");
    assert!(
        message.contains(&format!("{url}/services?page=2")),
        "{message}"
    );
    assert!(message.contains("unchanged"), "{message}");
    assert_eq!(export(&db, "ndjson"), before, "the store is unchanged");
}

/// `signpost serve --db DB --harvest URL --harvest-every 2s` on a free port, ready.
fn serve_harvesting(db: &Path, url: &str) -> (Child, u16) {
    let port = http::free_port();
    let mut child = signpost()
        .env("RUST_LOG", "warn")
        .args(["serve", "--db", path_str(db), "--rate-limit", "0"])
        .args(["--addr", &format!("127.0.0.1:{port}")])
        .args(["--harvest", url, "--harvest-every", "2s"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    eventually("the server is ready", || {
        assert!(child.try_wait().unwrap().is_none(), "the server exited");
        http::http(port, "GET", "/readyz", &[], b"").is_ok_and(|r| r.status == 200)
    });
    (child, port)
}

/// Waits (at most 60 s) until `done` holds.
fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !done() {
        assert!(Instant::now() < deadline, "not within 60 s: {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn searched(port: u16, words: &str) -> Vec<String> {
    let answer = http::get(port, &format!("/api/v1/search?q={words}&per_page=100")).json();
    answer["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["service"]["id"].as_str().unwrap().to_owned())
        .collect()
}

fn oruk_service(port: u16, id: &str) -> Value {
    let response = http::get(port, &format!("/services/{id}"));
    assert_eq!(response.status, 200, "{id}: {}", response.text());
    response.json()
}

#[test]
fn a_server_harvests_on_its_schedule_and_its_index_follows_without_a_restart() {
    let mut feed = Feed::default();
    for n in 0..6 {
        let record = service(n, false);
        feed.services
            .insert(record["id"].as_str().unwrap().to_owned(), record);
    }
    let feed = Arc::new(Mutex::new(feed));
    let url = serve(Arc::clone(&feed));
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    let (mut server, port) = serve_harvesting(&db, &url);

    eventually("the feed is searchable", || {
        searched(port, "kestrel").len() == 6
    });
    let metrics = http::get(port, "/metrics").text();
    assert!(
        metrics.contains("signpost_harvest_last_success{source=\"127.0.0.1\"} 1\n"),
        "{metrics}"
    );
    assert!(metrics.contains("# TYPE signpost_harvest_last_run_timestamp_seconds gauge\n"));

    let key = http::create_key(&db, "editor", "Harvest navigator");
    let merged = http::send_json(
        port,
        "POST",
        "/api/v1/duplicates/decisions",
        Some(&key),
        &json!({"a": "feed-01", "b": "feed-02", "decision": "merge", "keep": "feed-02"}),
    );
    assert_eq!(merged.status, 200, "{}", merged.text());
    {
        let mut feed = feed.lock().unwrap();
        feed.services.remove("feed-04");
        feed.services.get_mut("feed-01").unwrap()["description"] =
            json!("Weekly befriending visits, now on Saturdays too");
    }
    eventually("the dropped service leaves search", || {
        !searched(port, "kestrel").contains(&"feed-04".to_owned())
    });
    let withdrawn = oruk_service(port, "feed-04");
    assert_eq!(withdrawn["status"], "inactive", "still answered by id");
    eventually("the merged-away record takes the source's change", || {
        oruk_service(port, "feed-01")["description"]
            .as_str()
            .is_some_and(|d| d.ends_with("Saturdays too"))
    });
    let merged_away = http::get(port, "/api/v1/services/feed-01").json();
    assert_eq!(merged_away["status"], "inactive", "the merge is kept");
    assert_eq!(merged_away["merged_into"], "feed-02");
    let kept = http::get(port, "/api/v1/services/feed-02").json();
    assert_eq!(kept["merged_from"], json!(["feed-01"]), "{kept}");
    let found = searched(port, "kestrel");
    assert!(
        !found.contains(&"feed-01".to_owned()) && found.contains(&"feed-02".to_owned()),
        "{found:?}"
    );

    let sign_in = http::post_form(port, "/navigator/sign-in", None, &[("key", &key)]);
    assert_eq!(sign_in.status, 303, "{}", sign_in.text());
    let cookie = sign_in.headers_named("set-cookie")[0]
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let page = http::get_page(port, "/navigator", Some(&cookie)).text();
    assert!(
        page.contains("Harvests") && page.contains("127.0.0.1") && page.contains("1 withdrawn"),
        "{page}"
    );
    server.kill().unwrap();
    server.wait().unwrap();

    let checked = run(&["check", "--db", path_str(&db)]);
    assert_success(&checked, &["check"]);
}
