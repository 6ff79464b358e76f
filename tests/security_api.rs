//! Security of the API, end to end on a real `signpost serve` (docs/security.md): every route the
//! OpenAPI document lists that writes or needs a key refuses a request without one (401), with a
//! wrong one (401) and with a key of too small a role (403), changes nothing when it refuses, and
//! works with the right key; and an API key used in requests never reaches the server's log, even
//! at trace level.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

#[path = "cli_support.rs"]
mod support;

#[path = "http_support.rs"]
mod http;

use std::collections::BTreeSet;

use http::{Server, create_key, get, send_json};
use serde_json::{Value, json};
use tempfile::TempDir;

/// Operations that do not read (or that need a key) and are open to anyone on purpose: matching a
/// person to services writes nothing and keeps nothing (docs/match.md).
const OPEN_WRITES: [(&str, &str); 1] = [("post", "/api/v1/match")];

/// The least role each keyed operation takes. An operation the OpenAPI document marks with
/// `security` that is missing here fails the test: a new keyed route needs a line here and a
/// request in [`request_for`].
const LEAST_ROLE: [(&str, &str, &str); 12] = [
    ("post", "/api/v1/services", "editor"),
    ("post", "/api/v1/services/import", "editor"),
    ("put", "/api/v1/services/{id}", "editor"),
    ("delete", "/api/v1/services/{id}", "editor"),
    ("get", "/api/v1/audit", "admin"),
    ("post", "/api/v1/referrals", "editor"),
    ("get", "/api/v1/referrals", "editor"),
    ("get", "/api/v1/referrals/{id}", "editor"),
    ("patch", "/api/v1/referrals/{id}", "editor"),
    ("get", "/api/v1/duplicates", "editor"),
    ("post", "/api/v1/duplicates/decisions", "editor"),
    ("post", "/api/v1/services/{id}/checked", "editor"),
];

/// A service no other request in this file names, with its own `id`.
fn service(id: &str) -> Value {
    json!({
        "id": id,
        "name": format!("Authorisation probe {id}"),
        "description": "Made by the security tests.",
        "service_at_locations": [{ "id": format!("{id}-sal"), "location": {
            "id": format!("{id}-loc"), "location_type": "physical",
            "latitude": 52.5830, "longitude": -1.9800 } }]
    })
}

fn referral(service_id: &str) -> Value {
    json!({ "service_id": service_id, "case_ref": "SEC-0001", "needs": ["mentoring"] })
}

/// What must exist before a request is tried.
#[derive(Clone, Copy, PartialEq)]
enum Setup {
    Nothing,
    /// The service the request names (made with the admin key).
    Service,
    /// A referral to the probe's service sent with the editor key, whose id goes in the path.
    Referral,
}

/// One try of a keyed operation. Each try gets fresh ids, so a refused try and an allowed one do
/// not meet.
struct Probe {
    template: String,
    id: String,
    body: Value,
    setup: Setup,
    /// Read with the admin key before and after a refused try: it must not change.
    watched: String,
}

fn request_for(method: &str, template: &str, attempt: usize) -> Option<Probe> {
    let id = format!("authz-{method}-{}-{attempt}", template.len());
    let probe = |body: Value, setup: Setup, watched: String| Probe {
        template: template.to_owned(),
        id: id.clone(),
        body,
        setup,
        watched,
    };
    let service_path = format!("/api/v1/services/{id}");
    Some(match (method, template) {
        ("post", "/api/v1/services") => probe(service(&id), Setup::Nothing, service_path),
        ("post", "/api/v1/services/import") => {
            probe(json!([service(&id)]), Setup::Nothing, service_path)
        }
        ("put", "/api/v1/services/{id}") => {
            let mut replaced = service(&id);
            replaced["name"] = json!("Replaced by the authorisation test");
            probe(replaced, Setup::Service, service_path)
        }
        ("delete", "/api/v1/services/{id}") => probe(Value::Null, Setup::Service, service_path),
        ("get", "/api/v1/audit") => probe(Value::Null, Setup::Nothing, service_path),
        ("post", "/api/v1/referrals") => probe(
            referral(&id),
            Setup::Service,
            "/api/v1/referrals".to_owned(),
        ),
        ("get", "/api/v1/referrals") => {
            probe(Value::Null, Setup::Nothing, "/api/v1/referrals".to_owned())
        }
        ("get", "/api/v1/referrals/{id}") => {
            probe(Value::Null, Setup::Referral, "/api/v1/referrals".to_owned())
        }
        ("patch", "/api/v1/referrals/{id}") => probe(
            json!({ "status": "closed" }),
            Setup::Referral,
            "/api/v1/referrals".to_owned(),
        ),
        ("get", "/api/v1/duplicates") => {
            probe(Value::Null, Setup::Nothing, "/api/v1/duplicates".to_owned())
        }
        // Kept apart from a demonstration service (the server loads them into its empty store).
        ("post", "/api/v1/duplicates/decisions") => probe(
            json!({ "a": id, "b": "cb6fe56f-0d61-527e-95d3-6f3939160ba4", "decision": "keep-apart" }),
            Setup::Service,
            service_path,
        ),
        ("post", "/api/v1/services/{id}/checked") => {
            probe(Value::Null, Setup::Service, service_path)
        }
        _ => return None,
    })
}

/// Makes what the probe needs; the path to send it to.
fn prepare(port: u16, probe: &Probe, editor: &str, admin: &str) -> String {
    if probe.setup == Setup::Nothing {
        return probe.template.replace("{id}", &probe.id);
    }
    let made = send_json(
        port,
        "POST",
        "/api/v1/services",
        Some(admin),
        &service(&probe.id),
    );
    assert_eq!(made.status, 201, "{}", made.text());
    if probe.setup == Setup::Service {
        return probe.template.replace("{id}", &probe.id);
    }
    let sent = send_json(
        port,
        "POST",
        "/api/v1/referrals",
        Some(editor),
        &referral(&probe.id),
    );
    assert_eq!(sent.status, 201, "{}", sent.text());
    let referral_id = sent.json()["id"].as_str().unwrap().to_owned();
    probe.template.replace("{id}", &referral_id)
}

/// Every (method, path template) of the OpenAPI document that is not a plain open read, with
/// whether it declares `security`.
fn guarded_operations(openapi: &Value) -> Vec<(String, String, bool)> {
    let mut found = Vec::new();
    for (template, item) in openapi["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let keyed = operation
                .get("security")
                .is_some_and(|s| s.as_array().is_some_and(|a| !a.is_empty()));
            let writes = !matches!(method.as_str(), "get" | "head" | "options");
            if keyed || writes {
                found.push((method.clone(), template.clone(), keyed));
            }
        }
    }
    found
}

fn watched(port: u16, probe: &Probe, admin: &str) -> String {
    send_json(port, "GET", &probe.watched, Some(admin), &Value::Null).text()
}

/// Refused with `status` and a problem body of `code`, and the watched resource untouched.
fn assert_refused(
    port: u16,
    method: &str,
    path: &str,
    probe: &Probe,
    keys: (Option<&str>, &str),
    status: u16,
    code: &str,
) {
    let (key, admin) = keys;
    let before = watched(port, probe, admin);
    let response = send_json(port, &method.to_uppercase(), path, key, &probe.body);
    let what = format!("{method} {path} with key {key:?}");
    assert_eq!(response.status, status, "{what}: {}", response.text());
    assert!(
        response
            .header("content-type")
            .is_some_and(|t| t.starts_with("application/problem+json")),
        "{what}: a problem body"
    );
    assert_eq!(response.json()["code"], code, "{what}");
    assert_eq!(
        watched(port, probe, admin),
        before,
        "{what} changed something"
    );
}

#[test]
fn every_keyed_route_refuses_without_the_right_key_and_changes_nothing() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("data");
    let mut server = Server::start(&db, dir.path(), "info");
    let editor = create_key(&db, "editor", "Walsall navigator");
    let admin = create_key(&db, "admin", "Directory admin");
    let revoked = create_key(&db, "editor", "Former navigator");
    support::run_ok(&[
        "keys",
        "revoke",
        "--db",
        support::path_str(&db),
        "--name",
        "Former navigator",
    ]);
    let port = server.port;
    let openapi = get(port, "/api/openapi.json").json();
    let operations = guarded_operations(&openapi);
    let mut tested = BTreeSet::new();
    for (method, template, keyed) in &operations {
        if !keyed {
            assert!(
                OPEN_WRITES.contains(&(method.as_str(), template.as_str())),
                "{method} {template} writes without asking for a key: declare its security, or \
                 list it in OPEN_WRITES with the reason"
            );
            continue;
        }
        let role = LEAST_ROLE
            .iter()
            .find(|(m, t, _)| m == method && t == template)
            .map(|(_, _, role)| *role)
            .unwrap_or_else(|| panic!("{method} {template} needs a key: add it to LEAST_ROLE"));
        let probe = |attempt| {
            request_for(method, template, attempt)
                .unwrap_or_else(|| panic!("{method} {template}: add a request to request_for"))
        };
        for (attempt, key) in [None, Some("sp_0123456789ab_wrong"), Some(revoked.as_str())]
            .into_iter()
            .enumerate()
        {
            let probe = probe(attempt);
            let path = prepare(port, &probe, &editor, &admin);
            assert_refused(
                port,
                method,
                &path,
                &probe,
                (key, &admin),
                401,
                "unauthorized",
            );
        }
        let allowed = if role == "admin" {
            let probe = probe(3);
            let path = prepare(port, &probe, &editor, &admin);
            assert_refused(
                port,
                method,
                &path,
                &probe,
                (Some(&editor), &admin),
                403,
                "forbidden",
            );
            admin.as_str()
        } else {
            editor.as_str()
        };
        let probe = probe(4);
        let path = prepare(port, &probe, &editor, &admin);
        let response = send_json(
            port,
            &method.to_uppercase(),
            &path,
            Some(allowed),
            &probe.body,
        );
        assert!(
            (200..300).contains(&response.status),
            "{method} {template} with a {role} key: {} {}",
            response.status,
            response.text()
        );
        tested.insert((method.clone(), template.clone()));
    }
    let expected: BTreeSet<_> = LEAST_ROLE
        .iter()
        .map(|(m, t, _)| ((*m).to_owned(), (*t).to_owned()))
        .collect();
    assert_eq!(
        tested, expected,
        "every keyed route of LEAST_ROLE is in the OpenAPI document"
    );
    server.stop();
}

#[test]
fn an_api_key_never_reaches_the_log() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("data");
    let mut server = Server::start(&db, dir.path(), "trace");
    let editor = create_key(&db, "editor", "Logged navigator");
    let port = server.port;
    let made = send_json(
        port,
        "POST",
        "/api/v1/services",
        Some(&editor),
        &service("log-probe"),
    );
    assert_eq!(made.status, 201, "{}", made.text());
    let wrong = format!("{}x", &editor[..editor.len() - 1]);
    let refused = send_json(
        port,
        "DELETE",
        "/api/v1/services/log-probe",
        Some(&wrong),
        &Value::Null,
    );
    assert_eq!(refused.status, 401);
    let signed_in = http::post_form(port, "/navigator/sign-in", None, &[("key", &editor)]);
    assert_eq!(signed_in.status, 303, "{}", signed_in.text());
    let cookie = signed_in.headers_named("set-cookie").join("; ");
    server.stop();
    let log = server.log();
    assert!(
        log.contains("DEBUG") || log.contains("TRACE"),
        "the log is at debug level or finer"
    );
    let secret = editor.rsplit('_').next().unwrap();
    let session = cookie
        .split(';')
        .next()
        .and_then(|pair| pair.split_once('='))
        .map(|(_, value)| value.trim())
        .unwrap();
    for (what, text) in [
        ("the key", editor.as_str()),
        ("the key's secret", secret),
        ("a wrong key", wrong.as_str()),
        ("the session cookie", session),
    ] {
        assert!(!log.contains(text), "{what} is in the server's log");
    }
}
