//! `signpost serve` end to end: the real binary on a free loopback port, the demo directory on an
//! empty store, search, keys and writes, a match that leaves no trace, and a clean SIGTERM
//! (docs/api.md, issues 8 and 10). The HTTP client and the server starter are the shared ones in
//! tests/http_support.rs, so the tests need no client crate.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

#[path = "cli_support.rs"]
mod support;

#[path = "http_support.rs"]
mod http;

use http::{Response, Server, get, http, parse_response, send_json};
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;
use support::*;
use tempfile::TempDir;

const REFERENCE: &str = "Zebedee Quillfeather 7731";
/// A real Walsall postcode that no demo record carries (checked before the match) and that no
/// search in these tests names, so finding it in a log can only mean the match leaked it.
const HOME: &str = "WS2 9AD";

fn post_json(port: u16, path: &str, key: Option<&str>, body: &Value) -> Response {
    send_json(port, "POST", path, key, body)
}

/// `signpost keys create`: the one key printed on standard output.
fn create_key(db: &Path, role: &str, name: &str) -> String {
    let key = http::create_key(db, role, name);
    assert!(
        !key.is_empty() && !key.contains(char::is_whitespace),
        "one key on stdout: {key:?}"
    );
    key
}

const BENGALI_MENTORING: &str =
    "/api/v1/search?q=Bengali-speaking%20mentoring%20within%203%20miles%20of%20WS1%201AA";

fn result_ids(search: &Value) -> Vec<String> {
    search["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["service"]["id"].as_str().unwrap().to_owned())
        .collect()
}

fn new_service() -> Value {
    json!({
        "id": "e2e-created-by-api",
        "name": "Quenzorbi Bengali Mentoring Circle",
        "description": "Mentoring for men on probation, added by the end-to-end test.",
        "languages": [{ "id": "e2e-lang-ben", "code": "ben" }],
        "attributes": [{ "id": "e2e-attr-mentoring", "taxonomy_term": {
            "id": "signpost-category:mentoring", "code": "mentoring", "name": "Mentoring",
            "taxonomy": "signpost-category" } }],
        "service_at_locations": [{ "id": "e2e-sal", "location": {
            "id": "e2e-loc", "location_type": "physical", "latitude": 52.5830, "longitude": -1.9800 } }]
    })
}

fn profile() -> Value {
    json!({
        "needs": [{ "category": "mentoring", "essential": true }, { "category": "employment" }],
        "languages": { "speaks": ["syl", "ben"], "preferred": "syl", "interpreter_ok": true },
        "faith": { "code": "muslim", "observance": ["friday_prayers"] },
        "gender_preference": "male",
        "age": 37,
        "home": { "postcode": HOME },
        "max_distance_m": 8046,
        "reference": REFERENCE
    })
}

#[test]
fn the_server_searches_writes_with_a_key_matches_privately_and_stops_on_sigterm() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    let mut server = Server::start(&db, work.path(), "trace");
    let key = create_key(&db, "editor", "e2e");
    let port = server.port;

    assert_eq!(get(port, "/healthz").status, 200);

    // The demo directory was loaded into the empty store.
    let response = get(port, BENGALI_MENTORING);
    assert_eq!(response.status, 200);
    let search = response.json();
    assert!(search["results"].as_array().unwrap().len() >= 2, "{search}");
    assert_eq!(search["query"]["languages"], json!(["ben"]));
    for result in search["results"].as_array().unwrap() {
        assert!(
            result["distance_m"].as_f64().unwrap() <= 4828.032,
            "{result}"
        );
        assert!(!result["why"].as_array().unwrap().is_empty(), "{result}");
    }
    assert!(!result_ids(&search).contains(&"e2e-created-by-api".to_owned()));

    // Writes need a key: none, or a wrong one, is 401 problem+json and changes nothing.
    for bad_key in [None, Some("not-a-real-key")] {
        let refused = post_json(port, "/api/v1/services", bad_key, &new_service());
        assert_eq!(refused.status, 401, "{bad_key:?}");
        assert!(
            refused
                .header("content-type")
                .is_some_and(|t| t.starts_with("application/problem+json"))
        );
        let problem = refused.json();
        assert_eq!(problem["code"], "unauthorized");
        assert_eq!(problem["status"], 401);
    }
    assert_eq!(get(port, "/api/v1/services/e2e-created-by-api").status, 404);

    // With the editor key the service is created and the very next search finds it.
    let created = post_json(port, "/api/v1/services", Some(&key), &new_service());
    assert_eq!(
        created.status,
        201,
        "{}",
        String::from_utf8_lossy(&created.body)
    );
    assert_eq!(
        created.header("location"),
        Some("/api/v1/services/e2e-created-by-api")
    );
    let search = get(port, BENGALI_MENTORING).json();
    assert!(
        result_ids(&search).contains(&"e2e-created-by-api".to_owned()),
        "{search}"
    );
    let by_name = get(port, "/api/v1/search?q=Quenzorbi").json();
    assert_eq!(result_ids(&by_name), vec!["e2e-created-by-api".to_owned()]);

    // An edit is searchable at once under its new name, and no longer under the old one.
    let mut edited = new_service();
    edited["name"] = json!("Vorblintz Bengali Mentoring Circle");
    let replaced = send_json(
        port,
        "PUT",
        "/api/v1/services/e2e-created-by-api",
        Some(&key),
        &edited,
    );
    assert_eq!(
        replaced.status,
        200,
        "{}",
        String::from_utf8_lossy(&replaced.body)
    );
    assert_eq!(
        result_ids(&get(port, "/api/v1/search?q=Vorblintz").json()),
        vec!["e2e-created-by-api".to_owned()]
    );
    assert!(result_ids(&get(port, "/api/v1/search?q=Quenzorbi").json()).is_empty());

    // A match with a distinctive profile, then no trace of it anywhere.
    assert_no_file_holds(&db, &[REFERENCE, "Quillfeather", HOME]);
    let matched = post_json(port, "/api/v1/match", None, &profile());
    assert_eq!(
        matched.status,
        200,
        "{}",
        String::from_utf8_lossy(&matched.body)
    );
    let outcome = matched.json();
    assert!(
        outcome["results"].as_array().is_some_and(|r| !r.is_empty()),
        "{outcome}"
    );
    assert!(
        !contains_text(&matched.body, "Quillfeather"),
        "the response repeats the reference"
    );

    let status = server.terminate();
    assert_eq!(
        status.code(),
        Some(0),
        "SIGTERM must stop the server cleanly: {status}"
    );
    let stderr = std::fs::read(work.path().join("stderr.log")).unwrap();
    let stdout = std::fs::read(work.path().join("stdout.log")).unwrap();
    assert!(
        contains_text(&stderr, "listening"),
        "the server logs at trace: {}",
        String::from_utf8_lossy(&stderr)
    );
    for secret in [REFERENCE, "Quillfeather", "Zebedee", HOME, "WS29AD"] {
        assert!(
            !contains_text(&stderr, secret),
            "the server's logs hold {secret:?}"
        );
        assert!(
            !contains_text(&stdout, secret),
            "the server's stdout holds {secret:?}"
        );
    }
    assert_no_file_holds(&db, &[REFERENCE, "Quillfeather", "Zebedee", HOME, "WS29AD"]);
}

#[test]
fn bad_requests_are_problems_and_change_nothing() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    let server = Server::start(&db, work.path(), "trace");
    let key = create_key(&db, "editor", "e2e");
    let port = server.port;
    let before = get(port, "/services?per_page=1").json()["total_items"].clone();
    assert_eq!(before, 152, "the demo directory");

    let cases: Vec<(Response, u16, &str)> = vec![
        (
            get(port, "/api/v1/search?q=mentoring&lang=ebn"),
            400,
            "unknown_language",
        ),
        (
            get(
                port,
                "/api/v1/search?q=mentoring&near=WS1%201AA&radius=-3km",
            ),
            400,
            "invalid_radius",
        ),
        (
            get(port, "/api/v1/services/no-such-service"),
            404,
            "not_found",
        ),
        (
            http(
                port,
                "POST",
                "/api/v1/services",
                &[
                    ("Authorization", &format!("Bearer {key}")),
                    ("Content-Type", "application/json"),
                ],
                b"{\"id\": ",
            )
            .unwrap(),
            400,
            "invalid_body",
        ),
        (
            post_json(
                port,
                "/api/v1/match",
                None,
                &json!({ "needs": [], "home": { "postcode": HOME }, "colour": "teal" }),
            ),
            400,
            "invalid_body",
        ),
    ];
    for (response, status, code) in cases {
        assert_eq!(
            response.status,
            status,
            "{}",
            String::from_utf8_lossy(&response.body)
        );
        assert!(
            response
                .header("content-type")
                .is_some_and(|t| t.starts_with("application/problem+json"))
        );
        let problem = response.json();
        assert_eq!(problem["code"], code, "{problem}");
        assert!(
            !String::from_utf8_lossy(&response.body).contains("panicked"),
            "no stack traces"
        );
    }
    assert_eq!(
        get(port, "/services?per_page=1").json()["total_items"],
        before
    );
}

#[test]
fn a_key_created_while_the_server_runs_can_write_at_once() {
    // Issue 8: "start the server, ..., create a key, add and edit a service".
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    let server = Server::start(&db, work.path(), "trace");
    let key = create_key(&db, "editor", "created while serving");
    let created = post_json(server.port, "/api/v1/services", Some(&key), &new_service());
    assert_eq!(
        created.status,
        201,
        "{}",
        String::from_utf8_lossy(&created.body)
    );
    let deleted = http(
        server.port,
        "DELETE",
        "/api/v1/services/e2e-created-by-api",
        &[("Authorization", &format!("Bearer {key}"))],
        b"",
    )
    .unwrap();
    assert_eq!(deleted.status, 204);
    assert_eq!(
        get(server.port, "/api/v1/services/e2e-created-by-api").status,
        404
    );
}

#[test]
fn a_key_revoked_while_the_server_runs_cannot_write_at_once() {
    // Issue 25: "a key revoked with `signpost keys revoke` keeps writing for about a minute".
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    let server = Server::start(&db, work.path(), "trace");
    let key = create_key(&db, "editor", "revoked while serving");
    let created = post_json(server.port, "/api/v1/services", Some(&key), &new_service());
    assert_eq!(created.status, 201, "the key works and is now remembered");
    run_ok(&[
        "keys",
        "revoke",
        "--db",
        path_str(&db),
        "--name",
        "revoked while serving",
    ]);
    let mut changed = new_service();
    changed["name"] = json!("Written with a revoked key");
    let refused = send_json(
        server.port,
        "PUT",
        "/api/v1/services/e2e-created-by-api",
        Some(&key),
        &changed,
    );
    assert_eq!(
        refused.status,
        401,
        "{}",
        String::from_utf8_lossy(&refused.body)
    );
    assert_eq!(refused.json()["code"], "unauthorized");
    assert_eq!(
        get(server.port, "/api/v1/services/e2e-created-by-api").json()["name"],
        new_service()["name"],
        "nothing was written"
    );
}

/// A request whose body the server refuses part way: the body is written from another thread
/// (the server may close before it is all sent) while the answer is read.
fn send_oversized(port: u16, method: &str, path: &str, auth: &str, body: Vec<u8>) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\
         Authorization: {auth}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let mut writer = stream.try_clone().unwrap();
    let sender = std::thread::spawn(move || {
        // The server may stop reading and close: a broken pipe here is expected.
        let _ = writer
            .write_all(head.as_bytes())
            .and_then(|()| writer.write_all(&body));
    });
    let mut raw = Vec::new();
    let mut chunk = [0_u8; 8192];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => raw.extend_from_slice(&chunk[..n]),
        }
    }
    sender.join().unwrap();
    parse_response(&raw).expect("a complete response")
}

#[test]
fn oversized_bodies_and_addresses_are_problems_and_change_nothing() {
    // Issue 25: a 10 MB body was stored; a 100 KB address answered 414 with an empty body.
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    let server = Server::start(&db, work.path(), "trace");
    let key = create_key(&db, "editor", "e2e limits");
    let port = server.port;
    let before = get(port, "/services?per_page=1").json()["total_items"].clone();
    let mut big = new_service();
    big["description"] = json!("x".repeat(10 * 1024 * 1024));
    let auth = format!("Bearer {key}");
    for (method, path, body) in [
        ("POST", "/api/v1/services", big.to_string()),
        (
            "PUT",
            "/api/v1/services/e2e-created-by-api",
            big.to_string(),
        ),
        ("POST", "/api/v1/services/import", json!([big]).to_string()),
        ("POST", "/api/v1/match", big.to_string()),
    ] {
        let response = send_oversized(port, method, path, &auth, body.into_bytes());
        assert_eq!(response.status, 413, "{method} {path}");
        assert_eq!(
            response.json()["code"],
            "payload_too_large",
            "{method} {path}"
        );
    }
    let long = get(port, &format!("/search?q={}", "a".repeat(100 * 1024)));
    assert_eq!(long.status, 414);
    assert!(
        long.header("content-type")
            .is_some_and(|t| t.starts_with("application/problem+json"))
    );
    assert_eq!(long.json()["code"], "uri_too_long");
    assert_eq!(
        get(port, "/services?per_page=1").json()["total_items"],
        before
    );
}

#[test]
fn the_cli_searches_a_store_while_the_server_runs_on_it() {
    // The server holds the text index's writer; `signpost search` only reads, so it needs no lock.
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    let server = Server::start(&db, work.path(), "trace");
    let key = create_key(&db, "editor", "writes while the CLI reads");
    let created = post_json(server.port, "/api/v1/services", Some(&key), &new_service());
    assert_eq!(created.status, 201);
    let stdout = run_ok(&[
        "search",
        "--db",
        path_str(&db),
        "--json",
        "Bengali-speaking mentoring within 3 miles of WS1 1AA",
    ]);
    let cli: Value = serde_json::from_slice(&stdout).unwrap();
    let api: Value = serde_json::from_slice(&get(server.port, BENGALI_MENTORING).body).unwrap();
    assert!(
        !result_ids(&cli).is_empty(),
        "the demo directory has matches"
    );
    assert_eq!(result_ids(&cli), result_ids(&api));
}

/// `signpost keys create --organization`: the key printed once on standard output.
fn create_scoped_key(db: &Path, name: &str, organization: &str) -> String {
    let stdout = run_ok(&[
        "keys",
        "create",
        "--db",
        path_str(db),
        "--role",
        "editor",
        "--name",
        name,
        "--organization",
        organization,
    ]);
    String::from_utf8(stdout).unwrap().trim().to_owned()
}

#[test]
fn a_referral_is_sent_accepted_and_closed_with_nothing_sensitive_in_files_or_logs() {
    // The demo's Bengali and Sylheti Peer Mentoring and the organisation that runs it.
    const SERVICE: &str = "5f4913e1-d22e-55f0-bb23-cf328de7c9e5";
    const ORGANIZATION: &str = "fa6853da-099f-5ea4-a790-01bd04d7c534";
    const CASE_REF: &str = "WSL-E2E-7731";
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    let server = Server::start(&db, work.path(), "trace");
    let practitioner = create_scoped_key(&db, "Walsall probation", "probation-walsall");
    let inbox = create_scoped_key(&db, "Mentoring inbox", ORGANIZATION);
    let elsewhere = create_scoped_key(&db, "Another service", "another-organization");
    let body = json!({"service_id": SERVICE, "case_ref": CASE_REF, "needs": ["mentoring"],
        "equality": {"ethnic_group": "asian-bangladeshi", "religion": "muslim",
                     "main_language": "syl", "sex": "male", "age_band": "25-34"}});
    assert_eq!(
        post_json(server.port, "/api/v1/referrals", None, &body).status,
        401
    );
    let sent = post_json(server.port, "/api/v1/referrals", Some(&practitioner), &body);
    assert_eq!(sent.status, 201, "{}", String::from_utf8_lossy(&sent.body));
    let id = sent.json()["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/referrals/{id}");
    let read = |key: &str| {
        let auth = format!("Bearer {key}");
        http(server.port, "GET", &path, &[("Authorization", &auth)], b"").unwrap()
    };
    assert_eq!(read(&elsewhere).status, 404);
    assert_eq!(read(&inbox).json()["case_ref"], json!(CASE_REF));
    let accept = json!({"status": "accepted"});
    let accepted = send_json(server.port, "PATCH", &path, Some(&inbox), &accept);
    assert_eq!(accepted.status, 200);
    let again = send_json(server.port, "PATCH", &path, Some(&inbox), &accept);
    assert_eq!(again.status, 409);
    assert_eq!(again.json()["code"], json!("invalid_referral_move"));
    let close = json!({"status": "closed"});
    let closed = send_json(server.port, "PATCH", &path, Some(&practitioner), &close);
    assert_eq!(closed.json()["status"], json!("closed"));
    let mut server = server;
    assert!(server.terminate().success());

    let key_file = db.join("secret.key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the key file is its owner's alone");
    }
    let equality_values = ["asian-bangladeshi", "25-34"];
    assert_no_file_holds(&db, &equality_values);
    for log in ["stdout.log", "stderr.log"] {
        let text = std::fs::read(work.path().join(log)).unwrap();
        for secret in equality_values.iter().chain(&[CASE_REF]) {
            assert!(!contains_text(&text, secret), "{log} holds {secret:?}");
        }
    }
}

/// `text` percent-encoded for a query string: every byte but ASCII letters and digits.
fn encoded(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn search_api(port: u16, q: &str) -> Value {
    let response = get(port, &format!("/api/v1/search?q={}", encoded(q)));
    assert_eq!(response.status, 200, "{q}");
    response.json()
}

#[test]
fn words_rank_nothing_found_suggests_and_bytes_that_are_not_utf8_are_refused() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    import(&db, &[&data_file("search_words.ndjson")]);
    let server = Server::start(&db, work.path(), "trace");
    let port = server.port;

    let understood = search_api(port, "Bengali mentoring near WS1 1AA");
    let with_words = search_api(port, "Bengali mentoring for young zebras near WS1 1AA");
    assert_eq!(understood["total"], 2);
    assert_eq!(with_words["total"], 2, "words never empty the search");
    assert_eq!(with_words["words"], json!(["young", "zebras"]));
    assert_eq!(with_words["results"][0]["service"]["id"], "test-young-men");
    assert_eq!(
        with_words["results"][0]["unmatched_words"],
        json!(["zebras"])
    );
    assert!(
        with_words.get("suggestions").is_none(),
        "results, no suggestions"
    );

    let nothing = search_api(port, "Urdu mentoring within 1 mile of WS1 1AA");
    assert_eq!(nothing["total"], 0);
    let suggestions = nothing["suggestions"].as_array().unwrap();
    assert_eq!(suggestions[0]["drop"], "within 1 mile");
    assert_eq!(suggestions[0]["total"], 1, "Urdu mentoring 4 miles away");
    assert!(suggestions.len() >= 4, "{suggestions:?}");
    for suggestion in suggestions {
        let q = suggestion["query"].as_str().unwrap();
        let alone = search_api(port, q);
        assert_eq!(alone["total"], suggestion["total"], "{suggestion}");
    }

    let api = get(port, "/api/v1/search?q=%FF%FE");
    assert_eq!(api.status, 400);
    assert_eq!(api.header("content-type"), Some("application/problem+json"));
    assert_eq!(api.json()["code"], "invalid_parameter");
    let page = get(port, "/search?q=%FF%FE");
    assert_eq!(page.status, 400);
    assert!(
        page.header("content-type")
            .is_some_and(|t| t.starts_with("text/html")),
        "{:?}",
        page.header("content-type")
    );
    assert!(contains_text(&page.body, "invalid_parameter"));
    let page = get(port, "/search?q=Urdu+mentoring+within+1+mile+of+WS1+1AA");
    assert_eq!(page.status, 200);
    assert!(contains_text(&page.body, "Search a wider area"));
}
