//! The Open Referral UK read API end to end (docs/oruk.md): every `/services` and
//! `/service_at_locations` filter of the ORUK 3.0 definition, on the real server over a fixture of
//! varied services, answers exactly what a plain scan of the same records says; ids are served as
//! they were imported; `last_modified` comes with every service; NDJSON and `minimal` list every
//! match; HSDS enumerations and formats are refused with their path.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

#[path = "cli_support.rs"]
mod support;

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::*;
use tempfile::TempDir;

/// A point in Walsall town centre, a few hundred metres from WS1 1AA's centre.
const TOWN: (f64, f64) = (52.5860, -1.9830);
/// A point in Birmingham, about 13 km from WS1 1AA.
const FAR: (f64, f64) = (52.4800, -1.9000);
/// A rectangle around Walsall (the whole borough and more), as `[min_lon, min_lat, max_lon, max_lat]`.
const WALSALL_BOX: [f64; 4] = [-2.10, 52.52, -1.85, 52.66];
/// WS1 1AA's centre, near enough for the area tests (the box holds it with kilometres to spare).
const WS1_1AA: (f64, f64) = (52.5855, -1.9826);

/// One fixture service, described by what the filters look at.
struct Spec {
    id: &'static str,
    words: &'static str,
    category: Option<&'static str>,
    faith: Option<&'static str>,
    org: &'static str,
    ages: (Option<u32>, Option<u32>),
    /// (byday, opens_at, closes_at), on the service itself.
    schedule: Option<(&'static str, &'static str, &'static str)>,
    /// (point, postcode) of its one location.
    location: Option<((f64, f64), &'static str)>,
    walsall_wide: bool,
    status: &'static str,
}

fn specs() -> Vec<Spec> {
    let base = Spec {
        id: "",
        words: "",
        category: None,
        faith: None,
        org: "11111111-1111-4111-8111-111111111111",
        ages: (None, None),
        schedule: None,
        location: None,
        walsall_wide: false,
        status: "active",
    };
    let uuid = |n: u32| -> &'static str {
        Box::leak(format!("00000000-0000-4000-8000-{n:012}").into_boxed_str())
    };
    vec![
        Spec {
            id: "ws-mentor-1",
            words: "Peer mentoring for men leaving prison",
            category: Some("mentoring"),
            ages: (Some(18), Some(25)),
            schedule: Some(("MO,WE", "09:30", "17:00")),
            location: Some((TOWN, "WS1 1AA")),
            ..base
        },
        Spec {
            id: uuid(2),
            words: "Job club and employment advice",
            category: Some("employment"),
            faith: Some("sikh"),
            ages: (Some(16), None),
            schedule: Some(("TU", "10:00", "12:00")),
            location: Some((FAR, "B6 4AA")),
            ..base
        },
        Spec {
            id: uuid(3),
            words: "Borough-wide mentoring by phone",
            category: Some("mentoring"),
            faith: Some("muslim"),
            org: "22222222-2222-4222-8222-222222222222",
            ages: (None, Some(65)),
            schedule: Some(("FR", "18:00", "21:00")),
            walsall_wide: true,
            ..base
        },
        Spec {
            id: uuid(4),
            words: "Food bank and hot meals",
            category: Some("food"),
            ages: (Some(25), Some(99)),
            schedule: Some(("SA,SU", "08:00", "13:00")),
            location: Some(((52.5870, -1.9850), "WS1 1DN")),
            ..base
        },
        Spec {
            id: uuid(5),
            words: "Housing advice drop-in",
            category: Some("accommodation"),
            org: "22222222-2222-4222-8222-222222222222",
            ages: (Some(18), Some(64)),
            schedule: Some(("MO", "13:00", "16:30")),
            location: Some((FAR, "B6 5BB")),
            walsall_wide: true,
            ..base
        },
        Spec {
            id: uuid(6),
            words: "Gurdwara langar and befriending",
            faith: Some("sikh"),
            location: Some(((52.6100, -2.0100), "WS2 8AA")),
            ..base
        },
        Spec {
            id: uuid(7),
            words: "Closed mentoring scheme",
            category: Some("mentoring"),
            ages: (Some(18), Some(30)),
            location: Some((TOWN, "WS1 1AA")),
            status: "inactive",
            ..base
        },
        Spec {
            id: uuid(8),
            words: "Family support for prisoners' families",
            category: Some("family"),
            org: "33333333-3333-4333-8333-333333333333",
            ages: (Some(0), Some(18)),
            schedule: Some(("WE", "09:00", "15:00")),
            ..base
        },
    ]
}

fn term(taxonomy: &str, code: &str) -> Value {
    json!({"id": format!("{taxonomy}:{code}"), "code": code, "name": code, "description": code,
           "taxonomy": taxonomy})
}

fn record(spec: &Spec) -> Value {
    let id = spec.id;
    let mut attributes = Vec::new();
    if let Some(code) = spec.category {
        attributes.push(
            json!({"id": format!("{id}-cat"), "taxonomy_term": term("signpost-category", code)}),
        );
    }
    if let Some(code) = spec.faith {
        attributes.push(
            json!({"id": format!("{id}-faith"), "taxonomy_term": term("signpost-faith", code)}),
        );
    }
    let mut service = json!({
        "id": id, "name": spec.words, "description": format!("{}.", spec.words),
        "status": spec.status, "organization_id": spec.org,
        "organization": {"id": spec.org, "name": format!("Organisation {}", &spec.org[..4])},
        "attributes": attributes,
    });
    if let Some(age) = spec.ages.0 {
        service["minimum_age"] = json!(age);
    }
    if let Some(age) = spec.ages.1 {
        service["maximum_age"] = json!(age);
    }
    if let Some((byday, opens, closes)) = spec.schedule {
        service["schedules"] = json!([{"id": format!("{id}-sched"), "freq": "WEEKLY",
            "byday": byday, "opens_at": opens, "closes_at": closes}]);
    }
    if let Some(((lat, lon), postcode)) = spec.location {
        service["service_at_locations"] = json!([{"id": format!("{id}-sal"), "location": {
            "id": format!("{id}-loc"), "location_type": "physical", "latitude": lat, "longitude": lon,
            "addresses": [{"id": format!("{id}-addr"), "address_1": "1 High Street",
                "city": "Walsall", "state_province": "West Midlands", "postal_code": postcode,
                "country": "GB", "address_type": "physical"}]}}]);
    }
    if spec.walsall_wide {
        let [w, s, e, n] = WALSALL_BOX;
        let extent = json!({"type": "Polygon",
            "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]});
        service["service_areas"] = json!([{"id": format!("{id}-area"), "name": "Walsall",
            "extent": extent.to_string(), "extent_type": "geojson"}]);
    }
    service
}

/// Metres between two points (haversine).
fn metres(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6_371_008.8 * h.sqrt().asin()
}

fn in_walsall_box(point: (f64, f64)) -> bool {
    let [w, s, e, n] = WALSALL_BOX;
    (s..=n).contains(&point.0) && (w..=e).contains(&point.1)
}

fn day_in(byday: &str, day: &str) -> bool {
    byday.split(',').any(|d| d == day)
}

/// Whether the search index holds the service: withdrawn ones (inactive, defunct) are kept and
/// listed, but not searched.
fn searchable(spec: &Spec) -> bool {
    !matches!(spec.status, "inactive" | "defunct")
}

/// The ids the scan of the fixture says match.
fn scan(keep: impl Fn(&Spec) -> bool) -> BTreeSet<String> {
    specs()
        .iter()
        .filter(|s| keep(s))
        .map(|s| s.id.to_owned())
        .collect()
}

// ---- a server on the fixture ----

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(db: &Path, logs: &Path) -> Server {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = signpost()
        .args([
            "serve",
            "--db",
            path_str(db),
            "--addr",
            &format!("127.0.0.1:{port}"),
        ])
        .args(["--rate-limit", "0"])
        .stdout(Stdio::from(File::create(logs.join("stdout.log")).unwrap()))
        .stderr(Stdio::from(File::create(logs.join("stderr.log")).unwrap()))
        .spawn()
        .unwrap();
    let server = Server { child, port };
    let deadline = Instant::now() + Duration::from_secs(90);
    while get(port, "/readyz").0 != 200 {
        assert!(
            Instant::now() < deadline,
            "the server was not ready in 90 s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    server
}

/// `GET path` over HTTP/1.0: (status, content type, body).
fn get(port: u16, path: &str) -> (u16, String, Vec<u8>) {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return (0, String::new(), Vec::new());
    };
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    if stream.read_to_end(&mut raw).is_err() {
        return (0, String::new(), Vec::new());
    }
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let content_type = head
        .lines()
        .find_map(|l| {
            l.split_once(':')
                .filter(|(n, _)| n.eq_ignore_ascii_case("content-type"))
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_default();
    (
        status,
        content_type,
        raw.get(split + 4..).unwrap_or_default().to_vec(),
    )
}

fn get_json(port: u16, path: &str) -> Value {
    let (status, _, body) = get(port, path);
    assert_eq!(
        status,
        200,
        "GET {path}: {}",
        String::from_utf8_lossy(&body)
    );
    serde_json::from_slice(&body).unwrap()
}

fn ids_of(page: &Value, key: &str) -> BTreeSet<String> {
    page["contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s[key].as_str().unwrap().to_owned())
        .collect()
}

fn listed(port: u16, query: &str) -> BTreeSet<String> {
    let page = get_json(port, &format!("/services?per_page=100&{query}"));
    assert_eq!(
        page["total_items"].as_u64().unwrap() as usize,
        page["contents"].as_array().unwrap().len(),
        "{query}: one page holds every match"
    );
    ids_of(&page, "id")
}

fn listed_at_locations(port: u16, query: &str) -> BTreeSet<String> {
    let page = get_json(port, &format!("/service_at_locations?per_page=100&{query}"));
    ids_of(&page, "service_id")
}

fn fixture_store() -> (TempDir, TempDir) {
    let db = TempDir::new().unwrap();
    let files = TempDir::new().unwrap();
    let (late, early): (Vec<Spec>, Vec<Spec>) =
        specs().into_iter().partition(|s| s.id == "ws-mentor-1");
    let write = |name: &str, specs: &[Spec]| {
        let path = files.path().join(name);
        let mut file = File::create(&path).unwrap();
        for spec in specs {
            writeln!(file, "{}", record(spec)).unwrap();
        }
        path
    };
    let first = write("first.ndjson", &early);
    let second = write("second.ndjson", &late);
    import(db.path(), &[&first]);
    std::thread::sleep(Duration::from_millis(50));
    import(db.path(), &[&second]);
    (db, files)
}

#[test]
fn every_oruk_filter_answers_what_a_scan_of_the_records_says() {
    let (db, logs) = fixture_store();
    let server = start(db.path(), logs.path());
    let port = server.port;
    let all = scan(|_| true);
    assert_eq!(listed(port, ""), all);

    // Record filters, as the ORUK 3.0 definition words them.
    let cases: Vec<(&str, BTreeSet<String>)> = vec![
        (
            "taxonomy_term_id=signpost-category:mentoring",
            scan(|s| s.category == Some("mentoring")),
        ),
        ("taxonomy_id=signpost-faith", scan(|s| s.faith.is_some())),
        (
            "organization_id=22222222-2222-4222-8222-222222222222",
            scan(|s| s.org.starts_with('2')),
        ),
        (
            "minimum_age=18",
            scan(|s| s.ages.0.is_some_and(|a| a >= 18)),
        ),
        (
            "maximum_age=30",
            scan(|s| s.ages.1.is_some_and(|a| a <= 30)),
        ),
        (
            "start_time=10:00",
            scan(|s| s.schedule.is_some_and(|(_, opens, _)| opens >= "10:00")),
        ),
        (
            "end_time=15:00:00",
            scan(|s| s.schedule.is_some_and(|(_, _, closes)| closes <= "15:00")),
        ),
        (
            "day=WE",
            scan(|s| s.schedule.is_some_and(|(d, _, _)| day_in(d, "WE"))),
        ),
        (
            "day=monday",
            scan(|s| s.schedule.is_some_and(|(d, _, _)| day_in(d, "MO"))),
        ),
        (
            "day=MO&start_time=09:00&end_time=17:00",
            scan(|s| {
                s.schedule
                    .is_some_and(|(d, o, c)| day_in(d, "MO") && o >= "09:00" && c <= "17:00")
            }),
        ),
        (
            "taxonomy_id=signpost-category&minimum_age=18&maximum_age=64",
            scan(|s| {
                s.category.is_some()
                    && s.ages.0.is_some_and(|a| a >= 18)
                    && s.ages.1.is_some_and(|a| a <= 64)
            }),
        ),
        ("taxonomy_term_id=no-such-term", BTreeSet::new()),
    ];
    for (query, expected) in &cases {
        assert_eq!(&listed(port, query), expected, "/services?{query}");
    }

    // The engine's filters, full text and places, find searchable services only.
    let mentoring = scan(|s| searchable(s) && s.words.to_lowercase().contains("mentor"));
    assert_eq!(listed(port, "search=mentoring"), mentoring);
    assert_eq!(
        listed(port, "text=mentoring"),
        mentoring,
        "text means search"
    );
    let at_ws1 = |s: &Spec| {
        searchable(s)
            && (s
                .location
                .is_some_and(|(_, postcode)| postcode == "WS1 1AA")
                || (s.walsall_wide && in_walsall_box(WS1_1AA)))
    };
    assert_eq!(listed(port, "postcode=WS1%201AA"), scan(at_ws1));
    let district = listed(port, "postcode=WS1");
    let in_district =
        scan(|s| searchable(s) && s.location.is_some_and(|(_, p)| p.starts_with("WS1 ")));
    assert!(
        district.is_superset(&in_district)
            && district.is_subset(&scan(|s| {
                in_district.contains(s.id) || (searchable(s) && s.walsall_wide)
            })),
        "a district: its locations, and the areas holding its centre: {district:?}"
    );
    let within_2km = |s: &Spec| {
        searchable(s)
            && (s
                .location
                .is_some_and(|(point, _)| metres(point, WS1_1AA) <= 2000.0)
                || s.walsall_wide)
    };
    assert_eq!(
        listed(port, "postcode=WS1%201AA&proximity=2000"),
        scan(within_2km)
    );
    assert_eq!(
        listed(port, "search=mentoring&postcode=WS1%201AA&minimum_age=18"),
        scan(|s| s.words.to_lowercase().contains("mentor")
            && at_ws1(s)
            && s.ages.0.is_some_and(|a| a >= 18)),
    );

    // /service_at_locations: the same filters, each service at each of its locations.
    let located = |keep: &dyn Fn(&Spec) -> bool| scan(|s| s.location.is_some() && keep(s));
    assert_eq!(listed_at_locations(port, ""), located(&|_| true));
    assert_eq!(
        listed_at_locations(port, "search=mentoring"),
        located(&|s| searchable(s) && s.words.to_lowercase().contains("mentor"))
    );
    assert_eq!(
        listed_at_locations(port, "taxonomy_term_id=signpost-faith:sikh"),
        located(&|s| s.faith == Some("sikh"))
    );
    assert_eq!(
        listed_at_locations(port, "postcode=WS1%201AA"),
        located(&at_ws1)
    );
    assert_eq!(
        listed_at_locations(port, "postcode=WS1%201AA&proximity=2000"),
        located(&|s| searchable(s)
            && (s
                .location
                .is_some_and(|(p, _)| metres(p, WS1_1AA) <= 2000.0)
                || s.walsall_wide))
    );
    assert_eq!(
        listed_at_locations(port, "day=SA&minimum_age=20"),
        located(&|s| s.schedule.is_some_and(|(d, _, _)| day_in(d, "SA"))
            && s.ages.0.is_some_and(|a| a >= 20))
    );

    for bad in [
        "day=someday",
        "start_time=noon",
        "modified_after=yesterday",
        "format=xml",
    ] {
        let (status, content_type, _) = get(port, &format!("/services?{bad}"));
        assert_eq!(status, 400, "{bad}");
        assert_eq!(content_type, "application/problem+json", "{bad}");
    }
}

#[test]
fn ids_last_modified_paging_ndjson_and_minimal() {
    let (db, logs) = fixture_store();
    let server = start(db.path(), logs.path());
    let port = server.port;
    let total = specs().len();

    // Ids as imported, nested ones too, and each answers at its {id} operation.
    let one = get_json(port, "/services/ws-mentor-1");
    assert_eq!(one["id"], "ws-mentor-1");
    assert_eq!(one["service_at_locations"][0]["id"], "ws-mentor-1-sal");
    assert_eq!(
        one["service_at_locations"][0]["location"]["id"],
        "ws-mentor-1-loc"
    );
    let sal = get_json(port, "/service_at_locations/ws-mentor-1-sal");
    assert_eq!(sal["service_id"], "ws-mentor-1");
    assert_eq!(sal["location_id"], "ws-mentor-1-loc");

    // Pages: `page` alone (20 a page) and with `per_page`, every service once.
    let first = get_json(port, "/services?page=1");
    assert_eq!(first["total_items"], json!(total));
    assert_eq!(first["contents"].as_array().unwrap().len(), total);
    let mut seen = Vec::new();
    for page in 1..=3 {
        let page = get_json(port, &format!("/services?page={page}&per_page=3"));
        assert_eq!(page["total_pages"], json!(total.div_ceil(3)));
        seen.extend(ids_of(&page, "id"));
    }
    assert_eq!(seen.len(), total);
    assert_eq!(seen.iter().collect::<BTreeSet<_>>().len(), total);

    // last_modified on every service; modified_after is the change feed.
    let times: Vec<(String, String)> = first["contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap().to_owned(),
                s["last_modified"]
                    .as_str()
                    .expect("last_modified")
                    .to_owned(),
            )
        })
        .collect();
    let latest = times
        .iter()
        .find(|(id, _)| id == "ws-mentor-1")
        .unwrap()
        .1
        .clone();
    assert!(
        times
            .iter()
            .all(|(id, t)| id == "ws-mentor-1" || *t < latest)
    );
    assert_eq!(
        listed(port, &format!("modified_after={latest}")),
        BTreeSet::from(["ws-mentor-1".to_owned()])
    );
    assert_eq!(listed(port, "modified_after=2000-01-01").len(), total);
    assert!(listed(port, "modified_after=2999-01-01T00:00:00Z").is_empty());
    assert_eq!(one["last_modified"], json!(latest));

    // NDJSON: every match, not paged, whatever per_page says.
    let (status, content_type, body) = get(port, "/services?format=ndjson&per_page=2");
    assert_eq!(status, 200);
    assert_eq!(content_type, "application/x-ndjson");
    let lines: Vec<Value> = String::from_utf8(body)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), total);
    assert!(
        lines
            .iter()
            .all(|s| s["name"].is_string() && s["last_modified"].is_string())
    );
    let (_, _, mentoring) = get(port, "/services?format=ndjson&search=mentoring");
    assert_eq!(
        String::from_utf8(mentoring).unwrap().lines().count(),
        2,
        "the searchable mentoring services (not the inactive one)"
    );

    // minimal: every match as id and last_modified, in one page.
    let minimal = get_json(port, "/services?minimal=true&per_page=2");
    let contents = minimal["contents"].as_array().unwrap();
    assert_eq!(contents.len(), total);
    for item in contents {
        let keys: BTreeSet<&str> = item
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, BTreeSet::from(["id", "last_modified"]));
    }
}

#[test]
fn hsds_enumerations_and_formats_are_refused_with_their_path() {
    let db = TempDir::new().unwrap();
    let files = TempDir::new().unwrap();
    let path = files.path().join("bad.ndjson");
    let mut bad = record(&specs()[0]);
    bad["status"] = json!("weird");
    bad["email"] = json!("not-an-address");
    std::fs::write(&path, format!("{bad}\n")).unwrap();
    let output = run(&["import", "--db", path_str(db.path()), path_str(&path)]);
    assert!(!output.status.success(), "a bad status is refused");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("/status") && stderr.contains("weird") && stderr.contains("2 problem"),
        "{stderr}"
    );
}
