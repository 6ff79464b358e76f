//! The store test suite: every test runs against SQLite and against the real PostgreSQL.

mod bulk;
mod common;
mod props;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde_json::json;
use signpost_domain::Service;
use signpost_store::export::export;
use signpost_store::import::{
    Feed, Format, ImportError, ImportOptions, Progress, import_file, import_file_feeding,
};
use signpost_store::{
    Actor, AuditAction, NewApiKey, NewProblemReport, ReportStatus, Role, ServiceFilter, Store,
    Written,
};

fn service(id: &str, name: &str) -> Service {
    serde_json::from_value(json!({
        "id": id, "name": name, "description": format!("About {name}"),
        "organization": {"id": "org1", "name": "Community Trust"},
        "languages": [{"id": format!("{id}-l"), "code": "ben"}],
        "attributes": [{"id": format!("{id}-a"), "taxonomy_term": {"id": "signpost-category:mentoring",
            "code": "mentoring", "name": "Mentoring", "description": "Mentoring", "taxonomy": "signpost-category"}}],
        "service_at_locations": [{"id": format!("{id}-sal"), "location": {"id": format!("{id}-loc"),
            "latitude": 52.58, "longitude": -1.98,
            "addresses": [{"id": format!("{id}-ad"), "postal_code": "WS1 1AA"}]}}],
        "x-extension": {"kept": [1, 2, 3]}
    }))
    .expect("test service")
}

async fn ndjson_export(store: &Store) -> Vec<u8> {
    let mut out = Vec::new();
    export(store, Format::Ndjson, &mut out)
        .await
        .expect("export");
    out
}

async fn upsert_get_count_delete(store: &Store) {
    assert_eq!(store.count().await.expect("count"), 0);
    let services = vec![service("b", "Beta"), service("a", "Alpha")];
    store.upsert_services(&services).await.expect("upsert");
    assert_eq!(store.count().await.expect("count"), 2);
    assert_eq!(
        store.service("a").await.expect("get"),
        Some(services[1].clone())
    );
    assert_eq!(store.service("zzz").await.expect("get"), None);
    assert!(store.delete_service("a").await.expect("delete"));
    assert!(!store.delete_service("a").await.expect("delete again"));
    assert_eq!(store.count().await.expect("count"), 1);
}

async fn reupsert_updates_in_place(store: &Store) {
    store
        .upsert_services(&[service("a", "Alpha")])
        .await
        .expect("upsert");
    let mut changed = service("a", "Alpha two");
    changed.attributes.clear();
    store
        .upsert_services(&[changed.clone()])
        .await
        .expect("upsert again");
    assert_eq!(store.count().await.expect("count"), 1);
    assert_eq!(store.service("a").await.expect("get"), Some(changed));
    assert!(
        store.taxonomy_terms().await.expect("terms").is_empty(),
        "no service uses the term now"
    );
}

async fn many_by_ids_keep_order(store: &Store) {
    let services: Vec<Service> = ["c", "a", "b"].iter().map(|id| service(id, id)).collect();
    store.upsert_services(&services).await.expect("upsert");
    let found = store
        .services_by_ids(&["b", "missing", "c", "a"])
        .await
        .expect("by ids");
    let ids: Vec<&str> = found.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, vec!["b", "c", "a"]);
}

async fn lists_filter_and_page(store: &Store) {
    let mut other = service("z", "Food bank");
    other.attributes.clear();
    other.service_at_locations[0]
        .location
        .as_mut()
        .expect("location")
        .addresses[0]
        .postal_code = "B6 5AA".into();
    let mut services: Vec<Service> = (0..5)
        .map(|i| service(&format!("s{i}"), &format!("Mentoring {i}")))
        .collect();
    services.push(other);
    store.upsert_services(&services).await.expect("upsert");
    let all = store
        .list_services(&ServiceFilter::default(), 2, 2)
        .await
        .expect("page 2");
    assert_eq!(all.total, 6);
    assert_eq!(
        all.services
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>(),
        vec!["s2", "s3"]
    );
    let text = ServiceFilter {
        text: Some("FOOD".into()),
        ..ServiceFilter::default()
    };
    assert_eq!(
        store.list_services(&text, 1, 10).await.expect("text").total,
        1
    );
    let described = ServiceFilter {
        text: Some("about mentoring 4".into()),
        ..ServiceFilter::default()
    };
    assert_eq!(
        store
            .list_services(&described, 1, 10)
            .await
            .expect("description")
            .total,
        1
    );
    let wildcard = ServiceFilter {
        text: Some("%".into()),
        ..ServiceFilter::default()
    };
    assert_eq!(
        store
            .list_services(&wildcard, 1, 10)
            .await
            .expect("escaped")
            .total,
        0
    );
    let term = ServiceFilter {
        taxonomy_term_id: Some("signpost-category:mentoring".into()),
        ..ServiceFilter::default()
    };
    assert_eq!(
        store.list_services(&term, 1, 10).await.expect("term").total,
        5
    );
    let postcode = ServiceFilter {
        postcode: Some("b6".into()),
        ..ServiceFilter::default()
    };
    let found = store
        .list_services(&postcode, 1, 10)
        .await
        .expect("postcode");
    assert_eq!(
        found
            .services
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>(),
        vec!["z"]
    );
    let both = ServiceFilter {
        postcode: Some("WS1 1".into()),
        text: Some("mentoring 1".into()),
        ..ServiceFilter::default()
    };
    assert_eq!(
        store.list_services(&both, 1, 10).await.expect("both").total,
        1
    );
}

/// Every write stamps the service's last-modified time; `modified_after` lists those written at
/// or after a time (docs/oruk.md, "last_modified").
async fn last_modified_is_stamped_and_filtered(store: &Store) {
    store
        .upsert_services(&[service("a", "Alpha"), service("b", "Beta")])
        .await
        .expect("first write");
    let first = store
        .last_modified(&["a", "b", "zzz"])
        .await
        .expect("times");
    assert_eq!(first.len(), 2, "no time for a service not stored");
    std::thread::sleep(Duration::from_millis(5));
    store
        .save_service(&service("b", "Beta again"), None)
        .await
        .expect("second write");
    let second = store.last_modified(&["a", "b"]).await.expect("times");
    assert_eq!(second["a"], first["a"]);
    assert!(second["b"] > first["b"], "{second:?} after {first:?}");
    let since = |time: &str| ServiceFilter {
        modified_after: Some(time.to_owned()),
        ..ServiceFilter::default()
    };
    let ids = |page: signpost_store::ServicePage| {
        page.services.into_iter().map(|s| s.id).collect::<Vec<_>>()
    };
    let changed = store
        .list_services(&since(&second["b"]), 1, 10)
        .await
        .expect("since b");
    assert_eq!(ids(changed), vec!["b"]);
    let both = store
        .list_services(&since(&first["a"]), 1, 10)
        .await
        .expect("since a");
    assert_eq!(ids(both), vec!["a", "b"]);
}

async fn chunks_walk_everything_in_id_order(store: &Store) {
    let ids = ["b", "a", "B", "c", "a1", "é"];
    let services: Vec<Service> = ids.iter().map(|id| service(id, id)).collect();
    store.upsert_services(&services).await.expect("upsert");
    let mut chunks = store.chunks(4);
    let mut seen = Vec::new();
    while let Some(chunk) = chunks.next().await.expect("chunk") {
        assert!(chunk.len() <= 4);
        seen.extend(chunk.into_iter().map(|s| s.id));
    }
    assert_eq!(
        seen,
        vec!["B", "a", "a1", "b", "c", "é"],
        "byte order on both backends"
    );
}

async fn terms_and_locations(store: &Store) {
    store
        .upsert_services(&[service("a", "Alpha"), service("b", "Beta")])
        .await
        .expect("upsert");
    let terms = store.taxonomy_terms().await.expect("terms");
    assert_eq!(terms.len(), 1);
    assert_eq!(terms[0].code.as_deref(), Some("mentoring"));
    assert!(
        store
            .taxonomy_term("signpost-category:mentoring")
            .await
            .expect("term")
            .is_some()
    );
    assert!(store.taxonomy_term("nope").await.expect("term").is_none());
    let sal = store
        .service_at_location("b-sal")
        .await
        .expect("sal")
        .expect("found");
    assert_eq!(sal.service_id, "b");
    assert_eq!(
        sal.service_at_location.location.expect("location").latitude,
        Some(52.58)
    );
    assert!(
        store
            .service_at_location("nope")
            .await
            .expect("sal")
            .is_none()
    );
    let (total, page) = store.list_service_at_locations(2, 1).await.expect("sals");
    assert_eq!(total, 2);
    assert_eq!(page[0].service_at_location.id, "b-sal");
}

async fn api_keys(store: &Store) {
    let key = NewApiKey {
        name: "alice".into(),
        role: Role::Editor,
        hash: "$argon2id$v=19$...".into(),
        organization_id: None,
    };
    let created = store.create_api_key(&key).await.expect("create");
    assert_eq!(created.role, Role::Editor);
    assert!(
        store.create_api_key(&key).await.is_err(),
        "names are unique"
    );
    store
        .create_api_key(&NewApiKey {
            name: "root".into(),
            role: Role::Admin,
            hash: "h".into(),
            organization_id: Some("org1".into()),
        })
        .await
        .expect("create admin");
    assert_eq!(store.api_keys().await.expect("keys").len(), 2);
    assert!(store.revoke_api_key("alice").await.expect("revoke"));
    assert!(!store.revoke_api_key("alice").await.expect("revoke twice"));
    let active = store.active_api_keys().await.expect("active");
    assert_eq!(
        active.iter().map(|k| k.name.as_str()).collect::<Vec<_>>(),
        vec!["root"]
    );
    let all = store.api_keys().await.expect("keys");
    assert!(all[0].revoked_at.is_some());
}

async fn writes_are_audited_in_the_same_transaction(store: &Store) {
    let actor = Actor {
        key_name: "alice".into(),
    };
    let first = service("a", "Alpha");
    assert_eq!(
        store
            .save_service(&first, Some(&actor))
            .await
            .expect("create")
            .0,
        Written::Created
    );
    let second = service("a", "Alpha two");
    assert_eq!(
        store
            .save_service(&second, Some(&actor))
            .await
            .expect("update")
            .0,
        Written::Updated
    );
    assert!(
        store
            .delete_service_audited("a", Some(&actor))
            .await
            .expect("delete")
            .is_some()
    );
    store
        .save_service(&service("b", "Beta"), None)
        .await
        .expect("unaudited");
    let log = store.audit_log(None, 10).await.expect("log");
    let actions: Vec<AuditAction> = log.iter().map(|e| e.action).collect();
    assert_eq!(
        actions,
        vec![
            AuditAction::Delete,
            AuditAction::Update,
            AuditAction::Create
        ]
    );
    let update = &log[1];
    let before: Service =
        serde_json::from_str(update.before.as_deref().expect("before")).expect("json");
    let after: Service =
        serde_json::from_str(update.after.as_deref().expect("after")).expect("json");
    assert_eq!((before, after), (first, second));
    assert_eq!(store.audit_log(Some("b"), 10).await.expect("log").len(), 0);
    assert_eq!(store.audit_log(Some("a"), 1).await.expect("log").len(), 1);
}

async fn problem_reports(store: &Store) {
    let report = NewProblemReport {
        service_id: "a".into(),
        message: "Closed down".into(),
        contact: Some("reporter@example.org".into()),
    };
    let public = Actor {
        key_name: "public".into(),
    };
    let navigator = Actor {
        key_name: "Walsall navigator".into(),
    };
    let created = store
        .create_problem_report(&report, &public)
        .await
        .expect("report");
    assert_eq!(created.status, ReportStatus::Open);
    assert!(
        store
            .set_problem_report_status(created.id, ReportStatus::Closed, &navigator)
            .await
            .expect("close")
    );
    assert!(
        !store
            .set_problem_report_status(9999, ReportStatus::Closed, &navigator)
            .await
            .expect("missing")
    );
    assert!(
        store
            .problem_reports(Some(ReportStatus::Open))
            .await
            .expect("open")
            .is_empty()
    );
    assert_eq!(store.problem_reports(None).await.expect("all").len(), 1);
    let log = store.audit_log(Some("a"), 10).await.expect("log");
    let entries: Vec<(AuditAction, &str)> = log
        .iter()
        .map(|e| (e.action, e.key_name.as_str()))
        .collect();
    assert_eq!(
        entries,
        [
            (AuditAction::ReportStatus, "Walsall navigator"),
            (AuditAction::Report, "public")
        ]
    );
    let closed = log[0].after.as_deref().expect("after");
    assert!(closed.contains(&format!("\"problem_report\":{}", created.id)));
    assert!(closed.contains("closed"));
    for entry in &log {
        let text = format!("{:?}{:?}", entry.before, entry.after);
        assert!(!text.contains("Closed down") && !text.contains("reporter@"));
    }
}

async fn an_abandoned_writer_changes_nothing(store: &Store) {
    store
        .upsert_services(&[service("keep", "Keep")])
        .await
        .expect("upsert");
    let before = ndjson_export(store).await;
    let mut writer = store.writer().await.expect("writer");
    writer
        .write(&[service("new", "New"), service("keep", "Changed")])
        .await
        .expect("write");
    writer.rollback().await.expect("rollback");
    assert_eq!(ndjson_export(store).await, before);
}

/// The SQLite store's index names, sorted (empty for PostgreSQL).
async fn sqlite_indexes(store: &Store) -> Vec<String> {
    let Store::Sqlite(pool) = store else {
        return Vec::new();
    };
    sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name")
        .fetch_all(pool)
        .await
        .expect("indexes")
}

/// An import into an empty store leaves every index in place, after a rollback and after a
/// commit, and the postcode filter finds what it wrote.
async fn indexes_survive_imports_into_an_empty_store(store: &Store) {
    let indexes = sqlite_indexes(store).await;
    if matches!(*store, Store::Sqlite(_)) {
        assert!(indexes.contains(&"service_at_locations_by_postcode".to_owned()));
    }
    let dir = tempfile::tempdir().expect("dir");
    let good = serde_json::to_string(&service("a", "Alpha")).expect("json");
    let bad = write_file(&dir, "bad.ndjson", format!("{good}\n{{}}\n").as_bytes());
    import(store, &bad).await.expect_err("bad record");
    assert_eq!(sqlite_indexes(store).await, indexes, "after a rollback");
    let path = write_file(&dir, "good.ndjson", good.as_bytes());
    assert_eq!(import(store, &path).await.expect("import"), 1);
    assert_eq!(sqlite_indexes(store).await, indexes, "after a commit");
    let found = store
        .list_services(
            &ServiceFilter {
                postcode: Some("WS1".into()),
                ..ServiceFilter::default()
            },
            1,
            10,
        )
        .await
        .expect("by postcode");
    assert_eq!(found.total, 1);
}

fn write_file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(bytes))
        .expect("write file");
    path
}

async fn import(store: &Store, path: &Path) -> Result<u64, ImportError> {
    import_file(store, path, &ImportOptions::default(), &mut |_| {})
        .await
        .map(|s| s.records)
}

async fn imports_every_format_and_reimports_in_place(store: &Store) {
    let dir = tempfile::tempdir().expect("dir");
    let a = serde_json::to_string(&service("a", "Alpha")).expect("json");
    let b = serde_json::to_string(&service("b", "Beta")).expect("json");
    let ndjson = write_file(&dir, "s.ndjson", format!("{a}\n\n{b}\n").as_bytes());
    assert_eq!(import(store, &ndjson).await.expect("ndjson"), 2);
    let array = write_file(&dir, "s.json", format!("[{a}, {b}]").as_bytes());
    assert_eq!(import(store, &array).await.expect("array"), 2);
    let paged = write_file(
        &dir,
        "paged",
        format!("{{\"total_items\": 1, \"contents\": [{a}]}}").as_bytes(),
    );
    assert_eq!(import(store, &paged).await.expect("paged"), 1);
    let single = write_file(&dir, "one.json", a.as_bytes());
    assert_eq!(import(store, &single).await.expect("single"), 1);
    let csv = write_file(
        &dir,
        "s.csv",
        b"id,name,languages,categories,latitude,longitude\nc,Gamma,ur;pl,mentoring,52.5,-1.9\n",
    );
    assert_eq!(import(store, &csv).await.expect("csv"), 1);
    assert_eq!(store.count().await.expect("count"), 3);
    let gamma = store.service("c").await.expect("get").expect("c");
    assert_eq!(
        gamma.language_codes(),
        vec!["urd", "pol"],
        "ISO 639-1 stored as 639-3"
    );
    let dry = ImportOptions {
        dry_run: true,
        format: None,
        lenient: false,
    };
    let d = write_file(
        &dir,
        "d.ndjson",
        serde_json::to_string(&service("d", "Delta"))
            .expect("json")
            .as_bytes(),
    );
    let summary = import_file(store, &d, &dry, &mut |_| {})
        .await
        .expect("dry run");
    assert_eq!((summary.records, summary.dry_run), (1, true));
    assert_eq!(
        store.count().await.expect("count"),
        3,
        "a dry run writes nothing"
    );
}

/// Each bad file: the error's problems contain `expected`, and the store is byte-for-byte as before.
async fn bad_files_are_rejected_whole(store: &Store) {
    store
        .upsert_services(&[service("existing", "Existing")])
        .await
        .expect("seed");
    let before = ndjson_export(store).await;
    let good = serde_json::to_string(&service("good", "Good")).expect("json");
    let with = |patch: serde_json::Value| {
        let mut value = serde_json::to_value(service("bad", "Bad")).expect("value");
        for (k, v) in patch.as_object().expect("object") {
            value[k] = v.clone();
        }
        value.to_string()
    };
    let dir = tempfile::tempdir().expect("dir");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("malformed.ndjson", format!("{good}\n{{\"id\": \"x\",\n").into_bytes(), "line 2: EOF while parsing a value at line 1 column 11"),
        ("malformed.json", format!("[{good},").into_bytes(), "file: is not valid JSON"),
        ("types.ndjson", format!("{good}\n{}\n", with(json!({"minimum_age": "ten"}))).into_bytes(),
            "line 2: /minimum_age: invalid type: string \"ten\", expected f64"),
        ("missing.json", format!("[{good}, {{\"id\": \"m\"}}]").into_bytes(), "index 1: /1: missing field `name`"),
        ("empty-name.ndjson", format!("{good}\n{}\n", with(json!({"name": ""}))).into_bytes(), "line 2: /name: must not be empty"),
        ("language.json", format!("[{good}, {}]", with(json!({"languages": [{"id": "l", "code": "ebn"}]}))).into_bytes(),
            "index 1: /1/languages/0/code: \"ebn\" is not an ISO 639-3 code (did you mean \"ben\""),
        ("category.ndjson", with(json!({"attributes": [{"id": "a", "taxonomy_term": {"id": "t", "code": "mentorng", "name": "M", "taxonomy": "signpost-category"}}]})).into_bytes(),
            "line 1: /attributes/0/taxonomy_term/code: \"mentorng\" is not a signpost-category code (did you mean \"mentoring\"?)"),
        ("latitude.ndjson", with(json!({"service_at_locations": [{"id": "s", "location": {"id": "l", "latitude": 95.0, "longitude": 200.0}}]})).into_bytes(),
            "line 1: /service_at_locations/0/location/latitude: 95 is outside -90..90"),
        ("duplicate.ndjson", format!("{good}\n{}\n{good}\n", with(json!({}))).into_bytes(), "line 3: /id: \"good\" is already used at line 1"),
        ("latin1.ndjson", [good.as_bytes(), b"\n{\"id\": \"caf\xe9\", \"name\": \"x\"}\n"].concat(), "line 2: is not UTF-8"),
        ("latin1.csv", b"id,name\nok,Fine\ncaf\xe9,x\n".to_vec(), "line 3: is not UTF-8"),
        ("header.csv", b"id,nmae\nok,Fine\n".to_vec(), "line 1: column \"nmae\": is not a column"),
        ("cells.csv", b"id,name,latitude\nok,Fine,north\n".to_vec(), "line 2: column \"latitude\": \"north\" is not a number"),
    ];
    for (name, bytes, expected) in cases {
        let path = write_file(&dir, name, &bytes);
        let error = import(store, &path).await.expect_err(name);
        let problems = error.problems();
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "{name}: {problems:?} lacks {expected:?}"
        );
        assert!(error.to_string().contains("rejected"), "{name}: {error}");
        assert_eq!(
            ndjson_export(store).await,
            before,
            "{name} changed the store"
        );
    }
    for (name, bytes) in [
        ("empty.ndjson", &b""[..]),
        ("blank.json", &b"  \n\n"[..]),
        ("header-only.csv", &b"id,name\n"[..]),
    ] {
        let path = write_file(&dir, name, bytes);
        let error = import(store, &path).await.expect_err(name);
        assert!(
            matches!(error, ImportError::Empty { .. }),
            "{name}: {error}"
        );
        assert_eq!(
            error.to_string(),
            format!("{}: the file has no services", path.display())
        );
    }
    assert_eq!(ndjson_export(store).await, before);
    assert_eq!(store.count().await.expect("count"), 1);
}

/// A bad record after many good batches still leaves the store unchanged.
async fn a_late_bad_record_rolls_back_earlier_batches(store: &Store) {
    let before = ndjson_export(store).await;
    let mut lines: Vec<String> = (0..1200)
        .map(|i| serde_json::to_string(&service(&format!("s{i:05}"), "Fine")).expect("json"))
        .collect();
    lines.push("{\"id\": \"late\", \"name\": 5}".to_owned());
    let dir = tempfile::tempdir().expect("dir");
    let path = write_file(&dir, "late.ndjson", lines.join("\n").as_bytes());
    let mut reports = 0;
    let error = import_file(store, &path, &ImportOptions::default(), &mut |_| {
        reports += 1
    })
    .await
    .expect_err("late bad record");
    assert!(
        error.problems()[0].starts_with("line 1201: /name: invalid type"),
        "{error}"
    );
    assert!(reports >= 2, "progress is reported as batches go");
    assert_eq!(ndjson_export(store).await, before);
}

/// What a feed was told, in order.
#[derive(Clone, Default)]
struct Recorded(Arc<Mutex<Vec<String>>>);

impl Feed for Recorded {
    /// The id, when the document handed over is the service's own; else says it was not.
    fn service(&mut self, service: &Service, document: &str) {
        match serde_json::from_str::<Service>(document) {
            Ok(parsed) if parsed == *service => self.push(&service.id),
            _ => self.push(&format!("{}: another document", service.id)),
        }
    }

    fn file_read(&mut self) {
        self.push("end of file");
    }
}

impl Recorded {
    fn push(&self, event: &str) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(event.to_owned());
    }

    /// Everything told, once the import's checking thread has dropped its copy of the feed.
    fn events(self) -> Vec<String> {
        let waiting = Instant::now();
        while Arc::strong_count(&self.0) > 1 {
            assert!(
                waiting.elapsed() < Duration::from_secs(10),
                "the checking thread kept the feed"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

async fn a_feed_sees_each_good_service_then_the_end_of_a_good_file(store: &Store) {
    let dir = tempfile::tempdir().expect("dir");
    let line = |id: &str| serde_json::to_string(&service(id, id)).expect("json");
    let feed_file = |path: PathBuf| async move {
        let recorded = Recorded::default();
        let feed: Box<dyn Feed> = Box::new(recorded.clone());
        let imported = import_file_feeding(
            store,
            &path,
            &ImportOptions::default(),
            &mut |_| {},
            Some(feed),
        )
        .await;
        (imported.is_ok(), recorded.events())
    };
    let good = [line("a"), line("b"), line("c")].join("\n");
    let good = write_file(&dir, "good.ndjson", good.as_bytes());
    assert_eq!(
        feed_file(good).await,
        (
            true,
            vec!["a".into(), "b".into(), "c".into(), "end of file".into()]
        )
    );
    let bad = [
        line("d"),
        "{\"id\": \"e\", \"name\": 5}".to_owned(),
        line("f"),
    ]
    .join("\n");
    let bad = write_file(&dir, "bad.ndjson", bad.as_bytes());
    assert_eq!(
        feed_file(bad).await,
        (false, vec!["d".to_owned()]),
        "nothing after the first bad record, and no end of a file that is not good"
    );
}

async fn export_then_import_is_lossless(store: &Store) {
    let mut services: Vec<Service> = ["a", "b", "c"].iter().map(|id| service(id, id)).collect();
    services[1].schedules = serde_json::from_value(
        json!([{"id": "sc", "freq": "WEEKLY", "byday": "MO", "opens_at": "09:00"}]),
    )
    .expect("schedule");
    store.upsert_services(&services).await.expect("upsert");
    let dir = tempfile::tempdir().expect("dir");
    for format in [Format::HsdsJson, Format::Ndjson] {
        let mut out = Vec::new();
        assert_eq!(export(store, format, &mut out).await.expect("export"), 3);
        let path = write_file(
            &dir,
            &format!(
                "out.{}",
                if format == Format::Ndjson {
                    "ndjson"
                } else {
                    "json"
                }
            ),
            &out,
        );
        let fresh = common::sqlite().await;
        import(&fresh, &path).await.expect("reimport");
        let back = fresh.services_by_ids(&["a", "b", "c"]).await.expect("read");
        assert_eq!(back, services, "{format:?}");
    }
    let mut csv = Vec::new();
    export(store, Format::Csv, &mut csv)
        .await
        .expect("csv export");
    let text = String::from_utf8(csv).expect("utf8");
    assert!(text.starts_with("id,name,status,"));
    assert_eq!(text.lines().count(), 4);
}

/// A 200 MB file: NDJSON with a 200 MB line, and HSDS JSON (read whole) over the size limit.
/// Both are rejected with a clear problem, without holding the file in memory, and the store is
/// unchanged.
async fn a_200_mb_file_is_rejected_in_bounded_memory(store: &Store) {
    const SIZE: u64 = 200 << 20;
    let before = ndjson_export(store).await;
    let dir = tempfile::tempdir().expect("dir");
    let good = serde_json::to_string(&service("good", "Good")).expect("json");
    let ndjson = write_file(&dir, "huge.ndjson", format!("{good}\n").as_bytes());
    let json = write_file(&dir, "huge.json", b"[");
    for path in [&ndjson, &json] {
        // The rest of the 200 MB is one long line of zero bytes (a sparse file, cheap to make).
        std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|f| f.set_len(SIZE))
            .expect("grow file");
    }
    let error = import(store, &ndjson).await.expect_err("huge line");
    assert_eq!(
        error.problems(),
        vec!["line 2: is longer than 16 MiB".to_owned()]
    );
    let error = import(store, &json).await.expect_err("huge JSON");
    assert!(
        error.to_string().contains(
            "rejected, 1 problem(s); the first: file: is 200 MiB; HSDS JSON files are read whole"
        ),
        "{error}"
    );
    if let Some(peak) = peak_rss_bytes() {
        assert!(
            peak < SIZE,
            "peak RSS {peak} bytes: the file was held in memory"
        );
    }
    assert_eq!(ndjson_export(store).await, before);
}

/// The test process's peak resident memory, where the platform says (Linux).
fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// An import dropped midway, after batches were written (as when the process is stopped), leaves
/// the store as it was: the file's one transaction is rolled back.
async fn an_import_dropped_midway_changes_nothing(store: &Store) {
    store
        .upsert_services(&[service("keep", "Keep")])
        .await
        .expect("seed");
    let before = ndjson_export(store).await;
    let mut lines: Vec<String> = (0..6000)
        .map(|i| serde_json::to_string(&service(&format!("s{i:05}"), "New")).expect("json"))
        .collect();
    lines.push(serde_json::to_string(&service("keep", "Changed")).expect("json"));
    let dir = tempfile::tempdir().expect("dir");
    let path = write_file(&dir, "many.ndjson", lines.join("\n").as_bytes());
    let written = tokio::sync::Notify::new();
    let mut progress = |p: Progress| {
        if p.records >= 2000 {
            written.notify_one();
        }
    };
    let options = ImportOptions::default();
    tokio::select! {
        biased;
        () = written.notified() => {}
        result = import_file(store, &path, &options, &mut progress) => {
            panic!("the import finished before it could be dropped: {result:?}")
        }
    }
    assert_eq!(ndjson_export(store).await, before);
    assert_eq!(store.count().await.expect("count"), 1);
}

macro_rules! store_test_suite {
    ($backend:ident, $open:path) => {
        mod $backend {
            use super::*;
            store_test_suite!(@tests $open;
                upsert_get_count_delete, reupsert_updates_in_place, many_by_ids_keep_order,
                lists_filter_and_page, last_modified_is_stamped_and_filtered,
                chunks_walk_everything_in_id_order, terms_and_locations,
                api_keys, writes_are_audited_in_the_same_transaction, problem_reports,
                an_abandoned_writer_changes_nothing, imports_every_format_and_reimports_in_place,
                bad_files_are_rejected_whole, a_late_bad_record_rolls_back_earlier_batches,
                a_feed_sees_each_good_service_then_the_end_of_a_good_file,
                export_then_import_is_lossless, a_200_mb_file_is_rejected_in_bounded_memory,
                an_import_dropped_midway_changes_nothing,
                indexes_survive_imports_into_an_empty_store);
        }
    };
    (@tests $open:path; $($test:ident),*) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $test() {
                let store = $open().await;
                super::$test(&store).await;
            }
        )*
    };
}

store_test_suite!(sqlite, common::sqlite);
store_test_suite!(postgres, common::postgres);
