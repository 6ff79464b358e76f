//! The directory on both stores: the same suite against SQLite (in a temp dir) and PostgreSQL
//! (a fresh schema of `SIGNPOST_TEST_DATABASE_URL`, `DATABASE_URL` or the local server; the test
//! fails, never skips, when it is unreachable).

use serde_json::json;
use signpost_app::keys::{Actor, Role};
use signpost_app::{
    Code, Confidential, Directory, Format, NewProblemReport, OpenOptions, ReportStatus,
    SearchInput, ServiceListing, Storage,
};
use signpost_domain::Service;
use sqlx::AssertSqlSafe;

mod common;

const MENTORING: &str = "3f1c2a4e-7b5d-4c1a-9e2f-0a1b2c3d4e5f";
const EMPLOYMENT: &str = "c0ffee00-1234-4abc-9def-0123456789ab";

fn service(id: &str, name: &str, language: &str, category: &str, lat: f64, lon: f64) -> Service {
    serde_json::from_value(json!({
        "id": id, "name": name, "status": "active",
        "languages": [{"id": format!("{id}-l"), "code": language}],
        "attributes": [{"id": format!("{id}-a"), "taxonomy_term": {
            "id": format!("signpost-category:{category}"), "code": category, "name": category,
            "description": category, "taxonomy": "signpost-category"}}],
        "service_at_locations": [{"id": format!("{id}-sal"), "location": {
            "id": format!("{id}-loc"), "location_type": "physical", "latitude": lat, "longitude": lon}}]
    }))
    .expect("service")
}

fn seeds() -> Vec<Service> {
    vec![
        service(
            MENTORING,
            "Bengali peer mentoring",
            "ben",
            "mentoring",
            52.5797,
            -1.9860,
        ),
        service(
            EMPLOYMENT,
            "Polish employment support",
            "pol",
            "employment",
            52.4796,
            -1.9026,
        ),
    ]
}

fn editor() -> Actor {
    Actor {
        key_id: "k1".into(),
        name: "Walsall navigator".into(),
        role: Role::Editor,
    }
}

fn ids(output: &signpost_app::SearchOutput) -> Vec<&str> {
    output
        .results
        .iter()
        .map(|r| r.service.id.as_str())
        .collect()
}

async fn search(directory: &Directory, q: &str) -> Vec<String> {
    let input = SearchInput {
        q: q.to_owned(),
        ..SearchInput::default()
    };
    let output = directory.search(&input).await.expect("search");
    ids(&output).into_iter().map(str::to_owned).collect()
}

/// The suite every store runs.
async fn directory_suite(options: OpenOptions) {
    let directory = Directory::open_with(&options).await.expect("opens");
    assert_eq!(directory.import(seeds()).await.expect("import"), 2);
    assert!(directory.is_ready().await);

    let near = SearchInput {
        q: "mentoring".into(),
        near: Some("WS1 1AA".into()),
        radius: Some("3mi".into()),
        ..SearchInput::default()
    };
    let output = directory.search(&near).await.expect("search");
    assert_eq!(ids(&output), vec![MENTORING]);
    assert!(output.results[0].distance_m.is_some_and(|d| d < 4_828.032));

    let rejected = SearchInput {
        languages: vec!["beng".into()],
        ..SearchInput::default()
    };
    let error = directory
        .search(&rejected)
        .await
        .expect_err("unknown language");
    assert_eq!(error.code(), Code::UnknownLanguage);

    let new = service(
        "a1",
        "Somali housing advice",
        "som",
        "accommodation",
        52.58,
        -1.98,
    );
    directory
        .create_service(new.clone(), &editor())
        .await
        .expect("created");
    assert_eq!(
        search(&directory, "housing").await,
        vec!["a1"],
        "searchable at once"
    );
    let conflict = directory
        .create_service(new.clone(), &editor())
        .await
        .expect_err("taken");
    assert_eq!(conflict.code(), Code::Conflict);
    let mut renamed = new.clone();
    renamed.name = "Somali tenancy advice".into();
    directory
        .replace_service("a1", renamed, &editor())
        .await
        .expect("replaced");
    assert_eq!(search(&directory, "tenancy").await, vec!["a1"]);
    let mut closed = directory.service(EMPLOYMENT).await.expect("stored");
    closed.status = "inactive".into();
    directory
        .replace_service(EMPLOYMENT, closed.clone(), &editor())
        .await
        .expect("withdrawn");
    assert_eq!(
        search(&directory, "polish").await,
        Vec::<String>::new(),
        "a withdrawn service leaves search at once"
    );
    assert_eq!(
        directory.service(EMPLOYMENT).await.expect("kept").status,
        "inactive"
    );
    let gauges = directory.gauges().await.expect("gauges");
    assert_eq!(
        (gauges.searchable, gauges.index_lag()),
        (2, 0),
        "{gauges:?}"
    );
    closed.status = "active".into();
    directory
        .replace_service(EMPLOYMENT, closed, &editor())
        .await
        .expect("back");
    assert_eq!(search(&directory, "polish").await, vec![EMPLOYMENT]);
    let audit = directory.audit(Some("a1"), 10).await.expect("audit");
    assert_eq!(
        audit.iter().map(|a| a.action).collect::<Vec<_>>(),
        vec!["update", "create"]
    );
    assert_eq!(audit[0].key_name, "Walsall navigator");
    assert_eq!(
        audit[0].before.as_ref().map(|b| b["name"].clone()),
        Some(json!("Somali housing advice"))
    );

    let bad = service("a2", "Bad", "klingon", "accommodation", 52.58, -1.98);
    let invalid = directory
        .import(vec![service("a3", "Fine", "urd", "food", 52.5, -1.9), bad])
        .await
        .expect_err("rejected");
    assert_eq!(invalid.code(), Code::InvalidBody);
    assert_eq!(
        directory.count().await.expect("count"),
        3,
        "nothing from a rejected import"
    );

    let key = directory
        .create_key(Role::Editor, "Navigator")
        .await
        .expect("key");
    let actor = directory
        .authenticate(&key.key)
        .await
        .expect("checks")
        .expect("valid");
    assert_eq!(
        (actor.name.as_str(), actor.role),
        ("Navigator", Role::Editor)
    );
    let mut wrong = key.key.clone();
    wrong.pop();
    wrong.push(if key.key.ends_with('0') { '1' } else { '0' });
    assert_eq!(directory.authenticate(&wrong).await.expect("checks"), None);
    assert_eq!(
        directory
            .create_key(Role::Admin, "Navigator")
            .await
            .expect_err("dup")
            .code(),
        Code::Conflict
    );
    directory.revoke_key("Navigator").await.expect("revoked");
    assert_eq!(
        directory.authenticate(&key.key).await.expect("checks"),
        None
    );

    listings(&directory).await;
    problem_reports(&directory).await;

    directory
        .delete_service("a1", &editor())
        .await
        .expect("deleted");
    assert!(search(&directory, "tenancy").await.is_empty());
    assert_eq!(
        directory
            .delete_service("a1", &editor())
            .await
            .expect_err("gone")
            .code(),
        Code::NotFound
    );
    drop(directory);

    let reopened = Directory::open_with(&options).await.expect("reopens");
    assert_eq!(
        search(&reopened, "polish").await,
        vec![EMPLOYMENT],
        "the index persists"
    );
    std::fs::write(
        options.db_dir.join(signpost_app::directory::STALE_MARK),
        b"x",
    )
    .expect("mark");
    drop(reopened);
    let rebuilt = Directory::open_with(&options).await.expect("rebuilds");
    assert_eq!(
        search(&rebuilt, "polish").await,
        vec![EMPLOYMENT],
        "rebuilt from the store"
    );
    assert!(
        !options
            .db_dir
            .join(signpost_app::directory::STALE_MARK)
            .exists()
    );
}

/// ORUK listings: `text` is the full-text search with or without `proximity`.
async fn listings(directory: &Directory) {
    let listed = |text: Option<&str>, postcode: Option<&str>, proximity: Option<&str>| {
        let listing = ServiceListing {
            text: text.map(str::to_owned),
            postcode: postcode.map(str::to_owned),
            proximity: proximity.map(str::to_owned),
            page: 1,
            per_page: 10,
            ..ServiceListing::default()
        };
        async move { directory.list_services(&listing).await }
    };
    let all = listed(None, None, None).await.expect("all");
    assert_eq!(all.total, 3);
    let listed_ids =
        |services: &[Service]| services.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
    let page_ids = |listed: &[signpost_app::ListedService]| {
        listed
            .iter()
            .map(|l| l.service.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        page_ids(&all.items),
        vec![
            "3f1c2a4e-7b5d-4c1a-9e2f-0a1b2c3d4e5f",
            "a1",
            "c0ffee00-1234-4abc-9def-0123456789ab"
        ],
        "id order without text"
    );
    let words = listed(Some("mentor"), None, None).await.expect("text");
    let near = listed(Some("mentor"), Some("WS1 1AA"), Some("5000"))
        .await
        .expect("text near");
    assert_eq!(page_ids(&words.items), vec![MENTORING], "stemmed words");
    assert_eq!(
        page_ids(&near.items),
        vec![MENTORING],
        "the same meaning near a postcode"
    );
    let far = listed(Some("employment"), Some("WS1 1AA"), Some("1km"))
        .await
        .expect("too far");
    assert_eq!(far.total, 0);
    let error = listed(None, None, Some("5000"))
        .await
        .expect_err("proximity without a postcode");
    assert_eq!(error.code(), Code::InvalidParameter);
    let ordered = directory
        .services_in_order(&[EMPLOYMENT.into(), "missing".into(), MENTORING.into()])
        .await
        .expect("by ids");
    assert_eq!(listed_ids(&ordered), vec![EMPLOYMENT, MENTORING]);
}

/// Problem reports are sent, listed and closed through the directory, each change audited.
async fn problem_reports(directory: &Directory) {
    let report = |service_id: &str| NewProblemReport {
        service_id: service_id.to_owned(),
        message: "The phone number is wrong".into(),
        contact: Some("reporter@example.org".into()),
    };
    let sent = directory
        .report_problem(&report(MENTORING), None)
        .await
        .expect("sent");
    let missing = directory
        .report_problem(&report("no-such-service"), None)
        .await
        .expect_err("no service");
    assert_eq!(missing.code(), Code::NotFound);
    let open = directory
        .problem_reports(Some(ReportStatus::Open))
        .await
        .expect("open");
    assert_eq!(open.iter().map(|r| r.id).collect::<Vec<_>>(), vec![sent.id]);
    directory
        .close_problem_report(sent.id, &editor())
        .await
        .expect("closed");
    assert_eq!(
        directory
            .close_problem_report(sent.id + 1000, &editor())
            .await
            .expect_err("no report")
            .code(),
        Code::NotFound
    );
    let audit = directory.audit(Some(MENTORING), 10).await.expect("audit");
    let entries: Vec<(&str, &str)> = audit
        .iter()
        .map(|a| (a.action, a.key_name.as_str()))
        .collect();
    assert_eq!(
        entries,
        vec![
            ("report_status", "Walsall navigator"),
            ("report", signpost_app::PUBLIC_REPORTER)
        ]
    );
    let logged =
        serde_json::to_string(&audit.iter().map(|a| &a.after).collect::<Vec<_>>()).expect("json");
    assert!(!logged.contains("phone") && !logged.contains("reporter@"));
}

#[tokio::test]
async fn storage_reads_exports_and_keys_without_the_index() {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = OpenOptions {
        load_demo: false,
        ..OpenOptions::new(dir.path(), None)
    };
    let directory = Directory::open_with(&options).await.expect("opens");
    directory.import(seeds()).await.expect("import");
    let storage = Storage::open(&options)
        .await
        .expect("storage beside the directory");
    assert_eq!(storage.count().await.expect("count"), 2);
    let mut counted = Vec::new();
    let services = storage
        .all_services(&mut |n| counted.push(n))
        .await
        .expect("all");
    assert_eq!(
        services.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        vec![MENTORING, EMPLOYMENT]
    );
    assert_eq!(counted.last(), Some(&2));
    let mut out = Vec::new();
    assert_eq!(
        storage
            .export(Format::Ndjson, Confidential::Withheld, &mut out)
            .await
            .expect("export"),
        2
    );
    assert_eq!(String::from_utf8(out).expect("utf-8").lines().count(), 2);
    storage
        .access()
        .create_key(Role::Admin, "Admin")
        .await
        .expect("key");
    assert_eq!(directory.keys().await.expect("keys").len(), 1, "one store");
}

#[tokio::test]
async fn the_directory_on_sqlite() {
    let dir = tempfile::tempdir().expect("temp dir");
    directory_suite(OpenOptions {
        load_demo: false,
        ..OpenOptions::new(dir.path(), None)
    })
    .await;
}

#[tokio::test]
async fn the_directory_on_postgres() {
    let (url, schema, mut connection) = common::fresh_schema("signpost_app_test").await;
    let dir = tempfile::tempdir().expect("temp dir");
    directory_suite(OpenOptions {
        load_demo: false,
        postgres_schema: Some(schema.clone()),
        ..OpenOptions::new(dir.path(), Some(&url))
    })
    .await;
    sqlx::query(AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
        .execute(&mut connection)
        .await
        .expect("drop schema");
}

#[tokio::test]
async fn an_empty_store_gets_the_demo_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let directory = Directory::open(dir.path(), None).await.expect("opens");
    let count = directory.count().await.expect("count");
    assert!(count >= 20, "{count} demo services");
    let all = directory
        .search(&SearchInput {
            per_page: 5,
            ..SearchInput::default()
        })
        .await
        .expect("search");
    assert_eq!(all.total as u64, count, "every demo service is indexed");
}
