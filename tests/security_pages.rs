//! Security of the web pages, end to end on a real `signpost serve` (docs/security.md): a service
//! whose every string is an XSS probe shows escaped on every page, the search query and an
//! unknown id reflected back included; every page carries a CSP that allows no inline script and
//! holds no inline script; every form a navigator posts refuses a missing or wrong CSRF token (and
//! a post without a session) and changes nothing, and the only forms without a token are the
//! public ones that act with no session's authority.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

#[path = "cli_support.rs"]
mod support;

#[path = "http_support.rs"]
mod http;

use std::path::Path;

use http::{Response, Server, create_key, encode, get_page, post_form, send_json};
use serde_json::Value;
use support::{demo_services, path_str, run_ok};
use tempfile::TempDir;

/// What every string of the probe service is.
const PROBE: &str = "<script>alert(1)</script>\"'&";
/// How [`PROBE`]'s start reads once escaped for HTML.
const ESCAPED: &str = "&lt;script&gt;alert(1)&lt;/script&gt;";
const PROBE_ID: &str = "xss-probe";

/// Forms without a CSRF token, each acting with no session's authority: signing in (the key is the
/// authority), matching (writes nothing) and reporting a problem (open to the public by design).
const PUBLIC_FORMS: [&str; 3] = ["/navigator/sign-in", "/match", "/report"];

/// Fields whose strings must stay well-formed for the record to be valid or found (codes, times,
/// and the e-mail addresses and web addresses whose formats import checks).
const KEPT_FIELDS: [&str; 15] = [
    "id",
    "code",
    "taxonomy",
    "status",
    "freq",
    "byday",
    "opens_at",
    "closes_at",
    "location_type",
    "address_type",
    "type",
    "assured_date",
    "country",
    "email",
    "url",
];

/// The first demo service with every other string replaced by [`PROBE`].
fn probe_service() -> Value {
    let text = std::fs::read_to_string(demo_services()).unwrap();
    let mut service: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    poison(&mut service, None);
    service["id"] = Value::from(PROBE_ID);
    service
}

fn poison(value: &mut Value, key: Option<&str>) {
    match value {
        Value::Object(map) => {
            for (name, child) in map.iter_mut() {
                poison(child, Some(name));
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| poison(item, key)),
        Value::String(text) => {
            let kept = key.is_some_and(|k| KEPT_FIELDS.contains(&k) || k.ends_with("_id"));
            if !kept {
                *text = PROBE.to_owned();
            }
        }
        _ => {}
    }
}

/// A store holding the demo directory and the probe, and a server on it.
fn started(dir: &Path) -> (Server, std::path::PathBuf) {
    let db = dir.join("data");
    let file = dir.join("probe.json");
    std::fs::write(&file, serde_json::to_vec(&probe_service()).unwrap()).unwrap();
    run_ok(&["import", "--db", path_str(&db), path_str(&demo_services())]);
    run_ok(&["import", "--db", path_str(&db), path_str(&file)]);
    (Server::start(&db, dir, "info"), db)
}

/// Signs in with a fresh editor key: the session cookie (`name=value`).
fn sign_in(port: u16, db: &Path) -> String {
    let key = create_key(db, "editor", "Security test navigator");
    let response = post_form(port, "/navigator/sign-in", None, &[("key", &key)]);
    assert_eq!(response.status, 303, "sign in: {}", response.text());
    let cookie = response.headers_named("set-cookie");
    let cookie = cookie.first().expect("a session cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    cookie.split(';').next().unwrap().to_owned()
}

/// Every page a visitor or a navigator can reach, with whether it shows the probe's strings.
fn pages() -> Vec<(String, bool)> {
    let probe_query = encode(PROBE);
    vec![
        ("/".to_owned(), false),
        (format!("/search?q={probe_query}"), false),
        ("/search?q=alert".to_owned(), true),
        (format!("/services/{PROBE_ID}"), true),
        (format!("/services/{PROBE_ID}/report"), true),
        (format!("/services/{probe_query}"), false),
        (format!("/shortlist?ids={PROBE_ID}"), true),
        ("/about".to_owned(), false),
        ("/match".to_owned(), false),
        ("/navigator".to_owned(), false),
        ("/navigator/sign-in".to_owned(), false),
        ("/navigator/reports".to_owned(), true),
        ("/navigator/queue".to_owned(), true),
        ("/navigator/services/new".to_owned(), false),
        ("/navigator/referrals".to_owned(), false),
        (
            format!("/navigator/referrals/new?service={PROBE_ID}"),
            false,
        ),
        (format!("/navigator/services/{PROBE_ID}/edit"), true),
        ("/errors".to_owned(), false),
        ("/errors/not_found".to_owned(), false),
    ]
}

fn assert_escaped(path: &str, response: &Response, shows_probe: bool) {
    let body = response.text();
    assert!(
        !body.contains("<script>alert"),
        "{path}: the probe is unescaped"
    );
    assert!(
        !body.contains("</script>\"'&"),
        "{path}: the probe is unescaped"
    );
    if shows_probe {
        assert!(
            body.contains(ESCAPED),
            "{path}: the probe's strings are not on the page"
        );
    }
}

/// The page's Content-Security-Policy allows no inline script, and the page has none: every
/// `<script>` has a `src`, no element has an `on...=` handler, no link is `javascript:`.
fn assert_no_inline_script(path: &str, response: &Response) {
    let csp = response
        .header("content-security-policy")
        .unwrap_or_else(|| panic!("{path}: no Content-Security-Policy"));
    let scripts = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src"))
        .or_else(|| {
            csp.split(';')
                .map(str::trim)
                .find(|d| d.starts_with("default-src"))
        })
        .unwrap_or_else(|| panic!("{path}: the CSP sets no script source: {csp}"));
    assert!(
        !scripts.contains("'unsafe-inline'") && !scripts.contains("'unsafe-eval'"),
        "{path}: {scripts}"
    );
    let body = response.text().to_ascii_lowercase();
    for (start, _) in body.match_indices("<script") {
        let tag_end = body[start..]
            .find('>')
            .map_or(body.len(), |end| start + end);
        assert!(
            body[start..tag_end].contains(" src="),
            "{path}: an inline <script>"
        );
    }
    let handler = regex_free_handler(&body);
    assert!(
        handler.is_none(),
        "{path}: an inline event handler {handler:?}"
    );
    assert!(
        !body.contains("javascript:"),
        "{path}: a javascript: address"
    );
}

/// An ` on<letters>=` attribute inside a tag, if there is one.
fn regex_free_handler(body: &str) -> Option<String> {
    let mut in_tag = false;
    let bytes = body.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            b' ' if in_tag && body[i + 1..].starts_with("on") => {
                let name: String = body[i + 1..]
                    .chars()
                    .take_while(char::is_ascii_alphabetic)
                    .collect();
                if name.len() > 2 && body[i + 1 + name.len()..].starts_with('=') {
                    return Some(name);
                }
            }
            _ => {}
        }
    }
    None
}

#[test]
fn every_page_escapes_stored_strings_and_has_no_inline_script() {
    let dir = TempDir::new().unwrap();
    let (mut server, db) = started(dir.path());
    let port = server.port;
    let report = post_form(
        port,
        &format!("/services/{PROBE_ID}/report"),
        None,
        &[("message", PROBE), ("contact", PROBE)],
    );
    assert!(
        report.status < 400,
        "a public problem report: {}",
        report.text()
    );
    let cookie = sign_in(port, &db);
    for (path, shows_probe) in pages() {
        let signed_in = (!path.ends_with("/sign-in")).then_some(cookie.as_str());
        let response = get_page(port, &path, signed_in);
        assert!(
            response.status == 200 || path.starts_with(&format!("/services/{}", encode(PROBE))),
            "{path}: {} {}",
            response.status,
            response.text()
        );
        assert!(
            response
                .header("content-type")
                .is_some_and(|t| t.starts_with("text/html")),
            "{path}: not a page"
        );
        assert_escaped(&path, &response, shows_probe);
        assert_no_inline_script(&path, &response);
    }
    server.stop();
}

/// A `<form method="post">` of a page: its action and its fields' names and values.
#[derive(Debug)]
struct Form {
    action: String,
    fields: Vec<(String, String)>,
}

impl Form {
    fn csrf(&self) -> Option<&str> {
        self.fields
            .iter()
            .find(|(name, _)| name == "csrf")
            .map(|(_, value)| value.as_str())
    }

    fn without_csrf(&self) -> Vec<(&str, &str)> {
        self.fields
            .iter()
            .filter(|(name, _)| name != "csrf")
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect()
    }
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = tag[start..].find('"')? + start;
    Some(
        tag[start..end]
            .replace("&amp;", "&")
            .replace("&quot;", "\""),
    )
}

fn post_forms(body: &str) -> Vec<Form> {
    let mut forms = Vec::new();
    for (start, _) in body.match_indices("<form") {
        let end = body[start..]
            .find("</form>")
            .map_or(body.len(), |e| start + e);
        let html = &body[start..end];
        let head = &html[..html.find('>').unwrap_or(html.len())];
        if attribute(head, "method").is_none_or(|m| !m.eq_ignore_ascii_case("post")) {
            continue;
        }
        let fields = html
            .match_indices("<input")
            .filter_map(|(at, _)| {
                let tag = &html[at..at + html[at..].find('>').unwrap_or(html.len() - at)];
                Some((
                    attribute(tag, "name")?,
                    attribute(tag, "value").unwrap_or_default(),
                ))
            })
            .collect();
        forms.push(Form {
            action: attribute(head, "action").unwrap_or_default(),
            fields,
        });
    }
    forms
}

fn audit_entries(port: u16, admin: &str) -> usize {
    let response = send_json(
        port,
        "GET",
        "/api/v1/audit?limit=1000",
        Some(admin),
        &Value::Null,
    );
    assert_eq!(response.status, 200, "{}", response.text());
    let page = response.json();
    let entries = page
        .get("entries")
        .or_else(|| page.get("contents"))
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("an audit page: {page}"));
    entries.len()
}

#[test]
fn every_navigator_form_refuses_a_missing_or_wrong_csrf_token() {
    let dir = TempDir::new().unwrap();
    let (mut server, db) = started(dir.path());
    let port = server.port;
    let admin = create_key(&db, "admin", "Security test admin");
    let report = post_form(
        port,
        &format!("/services/{PROBE_ID}/report"),
        None,
        &[("message", "The phone number is out of date.")],
    );
    assert!(report.status < 400, "{}", report.text());
    let cookie = sign_in(port, &db);
    let mut forms = Vec::new();
    for (path, _) in pages() {
        forms.extend(post_forms(&get_page(port, &path, Some(&cookie)).text()));
    }
    let navigator_forms: Vec<&Form> = forms.iter().filter(|f| f.csrf().is_some()).collect();
    for form in forms.iter().filter(|f| f.csrf().is_none()) {
        assert!(
            PUBLIC_FORMS
                .iter()
                .any(|public| form.action.ends_with(public)),
            "the form posting to {} has no CSRF token",
            form.action
        );
    }
    for expected in [
        "/navigator/sign-out",
        "/close",
        "/navigator/services/new",
        "/edit",
        "/verified",
    ] {
        assert!(
            navigator_forms.iter().any(|f| f.action.ends_with(expected)),
            "no navigator form posting to ...{expected} was found: {forms:?}"
        );
    }
    let before = audit_entries(port, &admin);
    for form in &navigator_forms {
        let missing = post_form(port, &form.action, Some(&cookie), &form.without_csrf());
        assert_eq!(
            missing.status,
            403,
            "{} without a token: {}",
            form.action,
            missing.text()
        );
        let mut forged = form.without_csrf();
        forged.push((
            "csrf",
            "0000000000000000000000000000000000000000000000000000000000000000",
        ));
        let wrong = post_form(port, &form.action, Some(&cookie), &forged);
        assert_eq!(
            wrong.status,
            403,
            "{} with a wrong token: {}",
            form.action,
            wrong.text()
        );
        let fields: Vec<(&str, &str)> = form
            .fields
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let anonymous = post_form(port, &form.action, None, &fields);
        assert_eq!(anonymous.status, 303, "{} without a session", form.action);
        assert_eq!(anonymous.header("location"), Some("/navigator/sign-in"));
    }
    assert_eq!(audit_entries(port, &admin), before, "a refused form wrote");
    assert_eq!(
        get_page(port, "/navigator", Some(&cookie)).status,
        200,
        "the session survived"
    );
    let verified = navigator_forms
        .iter()
        .find(|f| f.action.ends_with("/verified"))
        .unwrap();
    let fields: Vec<(&str, &str)> = verified
        .fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let accepted = post_form(port, &verified.action, Some(&cookie), &fields);
    assert!(
        accepted.status < 400,
        "with its token the form works: {}",
        accepted.text()
    );
    assert_eq!(audit_entries(port, &admin), before + 1);
    server.stop();
}
