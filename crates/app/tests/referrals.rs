//! Referrals on both stores (SQLite in a temp dir, and a fresh schema of the real PostgreSQL):
//! every move and its refusal, who sees what, the audit log, the tallies, the retention purge,
//! and no equality value in the clear in the store.

use serde_json::json;
use signpost_app::keys::{Actor, Role};
use signpost_app::referrals::Referrals;
use signpost_app::{
    Code, Directory, Equality, EqualityField, NewReferral, OpenOptions, ReferralQuery,
    ReferralStatus, Retention,
};
use signpost_domain::Service;
use sqlx::AssertSqlSafe;

mod common;

const AT_A: &str = "svc-a";
const AT_B: &str = "svc-b";

fn service(id: &str, organization: &str) -> Service {
    serde_json::from_value(json!({
        "id": id, "name": format!("Service {id}"), "status": "active",
        "organization_id": organization,
        "languages": [{"id": format!("{id}-l"), "code": "ben"}],
        "attributes": [{"id": format!("{id}-a"), "taxonomy_term": {
            "id": "signpost-category:mentoring", "code": "mentoring", "name": "Mentoring",
            "description": "Mentoring", "taxonomy": "signpost-category"}}],
        "service_at_locations": [{"id": format!("{id}-sal"), "location": {
            "id": format!("{id}-loc"), "location_type": "physical", "latitude": 52.58, "longitude": -1.98}}]
    }))
    .expect("service")
}

fn bangladeshi_muslim() -> Equality {
    Equality {
        ethnic_group: Some("asian-bangladeshi".into()),
        religion: Some("muslim".into()),
        main_language: Some("syl".into()),
        sex: Some("male".into()),
        age_band: Some("25-34".into()),
    }
}

fn referral(service_id: &str, case_ref: &str, equality: Equality) -> NewReferral {
    NewReferral {
        service_id: service_id.into(),
        case_ref: case_ref.into(),
        needs: vec!["mentoring".into()],
        equality,
    }
}

struct Keys {
    practitioner: Actor,
    service_a: Actor,
    service_b: Actor,
    admin: Actor,
}

async fn key(directory: &Directory, role: Role, name: &str, organization: Option<&str>) -> Actor {
    let created = directory
        .access()
        .create_key_for(role, name, organization)
        .await
        .expect("key");
    directory
        .authenticate(&created.key)
        .await
        .expect("authenticates")
        .expect("a valid key")
}

async fn keys(directory: &Directory) -> Keys {
    Keys {
        practitioner: key(
            directory,
            Role::Editor,
            "Walsall probation",
            Some("probation-walsall"),
        )
        .await,
        service_a: key(directory, Role::Editor, "Service A inbox", Some("org-a")).await,
        service_b: key(directory, Role::Editor, "Service B inbox", Some("org-b")).await,
        admin: key(directory, Role::Admin, "Admin", None).await,
    }
}

fn code_of<T: std::fmt::Debug>(result: signpost_app::error::Result<T>) -> Code {
    result.expect_err("refused").code()
}

/// The suite both stores run; returns the directory for the store-specific privacy checks.
async fn referral_suite(options: OpenOptions) -> Directory {
    let directory = Directory::open_with(&options).await.expect("opens");
    directory
        .import(vec![service(AT_A, "org-a"), service(AT_B, "org-b")])
        .await
        .expect("import");
    let keys = keys(&directory).await;
    let referrals = directory.referrals();

    let sent = referrals
        .send(
            &keys.practitioner,
            &referral(AT_A, "WSL-0042", bangladeshi_muslim()),
        )
        .await
        .expect("sent");
    assert_eq!(sent.status, ReferralStatus::Sent);
    assert_eq!(sent.organization_id.as_deref(), Some("org-a"));
    assert_eq!(sent.team, "organization:probation-walsall");
    assert_eq!(sent.equality, bangladeshi_muslim());
    assert_eq!(
        sent.next,
        vec![ReferralStatus::Closed],
        "the sender may only close"
    );
    assert!(sent.id.starts_with("ref_"));

    refusals_when_sending(&referrals, &keys).await;
    who_sees_what(&referrals, &keys, &sent.id).await;
    the_loop(&referrals, &keys, &sent.id).await;
    let declined = a_decline(&referrals, &keys).await;
    listing(&referrals, &keys, &sent.id, &declined).await;
    audit_without_equality(&directory).await;
    tallies_and_purge(&referrals, &keys, &sent.id).await;
    directory
}

async fn refusals_when_sending(referrals: &Referrals<'_>, keys: &Keys) {
    let wrong_group = Equality {
        ethnic_group: Some("bangladeshi".into()),
        ..Equality::default()
    };
    let error = referrals
        .send(&keys.practitioner, &referral(AT_A, "C-1", wrong_group))
        .await
        .expect_err("unknown group");
    assert_eq!(error.code(), Code::InvalidBody);
    assert!(error.to_string().contains("asian-bangladeshi"), "{error}");
    let mut bad_need = referral(AT_A, "C-1", Equality::default());
    bad_need.needs = vec!["mentorin".into()];
    assert_eq!(
        code_of(referrals.send(&keys.practitioner, &bad_need).await),
        Code::UnknownCategory
    );
    assert_eq!(
        code_of(
            referrals
                .send(
                    &keys.practitioner,
                    &referral("nope", "C-1", Equality::default())
                )
                .await
        ),
        Code::NotFound
    );
    assert_eq!(
        code_of(
            referrals
                .send(
                    &keys.practitioner,
                    &referral(AT_A, "  ", Equality::default())
                )
                .await
        ),
        Code::InvalidBody
    );
}

async fn who_sees_what(referrals: &Referrals<'_>, keys: &Keys, id: &str) {
    assert_eq!(
        code_of(referrals.get(&keys.service_b, id).await),
        Code::NotFound,
        "another organisation's editor cannot read it"
    );
    assert!(
        referrals
            .list(&keys.service_b, &ReferralQuery::default())
            .await
            .expect("list")
            .is_empty()
    );
    assert_eq!(
        code_of(
            referrals
                .change_status(&keys.service_b, id, "accepted", None)
                .await
        ),
        Code::NotFound
    );
    let inbox = referrals
        .get(&keys.service_a, id)
        .await
        .expect("the service sees it");
    assert_eq!(inbox.case_ref.as_deref(), Some("WSL-0042"));
    assert_eq!(inbox.equality, bangladeshi_muslim());
    assert_eq!(
        inbox.next,
        vec![
            ReferralStatus::Accepted,
            ReferralStatus::Declined,
            ReferralStatus::Closed
        ]
    );
    assert!(referrals.get(&keys.admin, id).await.is_ok());
    let error = referrals
        .change_status(&keys.practitioner, id, "accepted", None)
        .await
        .expect_err("the sender cannot accept");
    assert_eq!(error.code(), Code::InvalidReferralMove);
    assert!(
        error.to_string().contains("allowed moves for you: closed"),
        "{error}"
    );
}

async fn the_loop(referrals: &Referrals<'_>, keys: &Keys, id: &str) {
    let inbox = &keys.service_a;
    let error = referrals
        .change_status(inbox, id, "attended", None)
        .await
        .expect_err("not yet accepted");
    assert_eq!(error.code(), Code::InvalidReferralMove);
    assert_eq!(
        error.rejection().expect("rejected").suggestions,
        vec!["accepted", "declined", "closed"]
    );
    assert_eq!(
        code_of(referrals.change_status(inbox, id, "acepted", None).await),
        Code::InvalidBody
    );
    assert_eq!(
        code_of(
            referrals
                .change_status(inbox, id, "accepted", Some("full"))
                .await
        ),
        Code::InvalidBody,
        "only a decline takes a reason"
    );
    let accepted = referrals
        .change_status(inbox, id, "accepted", None)
        .await
        .expect("accepted");
    assert_eq!(accepted.status, ReferralStatus::Accepted);
    assert!(accepted.accepted_at.is_some() && accepted.attended_at.is_none());
    assert_eq!(
        code_of(referrals.change_status(inbox, id, "accepted", None).await),
        Code::InvalidReferralMove
    );
    let attended = referrals
        .change_status(inbox, id, "attended", None)
        .await
        .expect("attended");
    assert!(attended.attended_at.is_some());
    assert!(attended.accepted_at <= attended.attended_at);
    let closed = referrals
        .change_status(&keys.practitioner, id, "closed", None)
        .await
        .expect("the sender closes the loop");
    assert_eq!(closed.status, ReferralStatus::Closed);
    assert!(closed.next.is_empty());
    for status in ["sent", "accepted", "closed"] {
        assert_eq!(
            code_of(referrals.change_status(&keys.admin, id, status, None).await),
            Code::InvalidReferralMove,
            "closed is final ({status})"
        );
    }
}

async fn a_decline(referrals: &Referrals<'_>, keys: &Keys) -> String {
    let sent = referrals
        .send(
            &keys.practitioner,
            &referral(
                AT_A,
                "WSL-0043",
                Equality {
                    ethnic_group: Some("white-british".into()),
                    ..Equality::default()
                },
            ),
        )
        .await
        .expect("sent");
    assert_eq!(
        code_of(
            referrals
                .change_status(&keys.service_a, &sent.id, "declined", None)
                .await
        ),
        Code::InvalidBody,
        "a decline needs its reason"
    );
    assert_eq!(
        code_of(
            referrals
                .change_status(&keys.service_a, &sent.id, "declined", Some("busy"))
                .await
        ),
        Code::InvalidBody
    );
    let declined = referrals
        .change_status(&keys.service_a, &sent.id, "declined", Some("full"))
        .await
        .expect("declined");
    assert_eq!(declined.reason.as_deref(), Some("full"));
    assert!(declined.declined_at.is_some());
    assert_eq!(declined.next, vec![ReferralStatus::Closed]);
    let unrecorded = referrals
        .send(&keys.admin, &referral(AT_B, "ADM-1", Equality::default()))
        .await
        .expect("sent by an admin");
    assert_eq!(unrecorded.team, "key:Admin");
    declined.id
}

async fn listing(referrals: &Referrals<'_>, keys: &Keys, closed: &str, declined: &str) {
    let ids = |list: Vec<signpost_app::Referral>| -> Vec<String> {
        let mut ids: Vec<String> = list.into_iter().map(|r| r.id).collect();
        ids.sort();
        ids
    };
    let mut both = vec![closed.to_owned(), declined.to_owned()];
    both.sort();
    let all = ReferralQuery::default();
    assert_eq!(
        ids(referrals
            .list(&keys.practitioner, &all)
            .await
            .expect("list")),
        both
    );
    assert_eq!(
        ids(referrals.list(&keys.service_a, &all).await.expect("list")),
        both
    );
    assert_eq!(
        referrals.list(&keys.admin, &all).await.expect("list").len(),
        3
    );
    let declined_only = ReferralQuery {
        status: Some("declined".into()),
        ..ReferralQuery::default()
    };
    assert_eq!(
        ids(referrals
            .list(&keys.practitioner, &declined_only)
            .await
            .expect("list")),
        vec![declined.to_owned()]
    );
    let at_b = ReferralQuery {
        service_id: Some(AT_B.into()),
        ..ReferralQuery::default()
    };
    assert_eq!(
        referrals
            .list(&keys.admin, &at_b)
            .await
            .expect("list")
            .len(),
        1
    );
    assert!(
        referrals
            .list(&keys.practitioner, &at_b)
            .await
            .expect("list")
            .is_empty()
    );
    let wrong = ReferralQuery {
        status: Some("open".into()),
        ..ReferralQuery::default()
    };
    assert_eq!(
        code_of(referrals.list(&keys.admin, &wrong).await),
        Code::InvalidBody
    );
}

async fn audit_without_equality(directory: &Directory) {
    let entries = directory.audit(None, 100).await.expect("audit");
    let referral_entries: Vec<_> = entries
        .iter()
        .filter(|e| e.action.starts_with("referral"))
        .collect();
    assert_eq!(
        referral_entries.len(),
        3 + 3 + 1,
        "3 sent, 3 moves, 1 decline"
    );
    for entry in referral_entries {
        let text = serde_json::to_string(&entry.after).expect("json");
        assert!(text.contains("\"referral\":\"ref_"), "{text}");
        for secret in [
            "asian-bangladeshi",
            "muslim",
            "syl",
            "25-34",
            "WSL-0042",
            "mentoring",
        ] {
            assert!(!text.contains(secret), "{secret} in the audit log: {text}");
        }
    }
}

async fn tallies_and_purge(referrals: &Referrals<'_>, keys: &Keys, closed: &str) {
    let by_group = |tallies: Vec<signpost_app::EqualityTally>| -> Vec<(String, String, u64)> {
        tallies
            .into_iter()
            .map(|t| (t.group, t.metric, t.count))
            .collect()
    };
    let want: Vec<(String, String, u64)> = [
        ("asian-bangladeshi", "referred", 1),
        ("asian-bangladeshi", "accepted", 1),
        ("asian-bangladeshi", "attended", 1),
        ("not-recorded", "referred", 1),
        ("not-recorded", "accepted", 0),
        ("not-recorded", "attended", 0),
        ("white-british", "referred", 1),
        ("white-british", "accepted", 0),
        ("white-british", "attended", 0),
    ]
    .into_iter()
    .map(|(g, m, c)| (g.to_owned(), m.to_owned(), c))
    .collect();
    let tallies = referrals
        .equality_tallies(EqualityField::EthnicGroup, None, None)
        .await
        .expect("tallies");
    assert_eq!(by_group(tallies), want);
    let today = chrono::Utc::now().date_naive();
    let yesterday = today.pred_opt().expect("a day");
    assert!(
        referrals
            .equality_tallies(EqualityField::Sex, None, Some(yesterday))
            .await
            .expect("tallies")
            .is_empty()
    );
    let sex = referrals
        .equality_tallies(EqualityField::Sex, Some(today), Some(today))
        .await
        .expect("tallies");
    assert_eq!(sex.iter().filter(|t| t.metric == "referred").count(), 2);

    let waits = referrals
        .equality_waits(EqualityField::EthnicGroup, None, None)
        .await
        .expect("waits");
    let reached: Vec<(&str, &str, u64)> = waits
        .iter()
        .map(|w| (w.group.as_str(), w.step.as_str(), w.referrals))
        .collect();
    let reached_want = [
        ("asian-bangladeshi", "accepted", 1),
        ("asian-bangladeshi", "attended", 1),
        ("not-recorded", "accepted", 0),
        ("not-recorded", "attended", 0),
        ("white-british", "accepted", 0),
        ("white-british", "attended", 0),
    ];
    assert_eq!(reached, reached_want, "a decline is no wait to acceptance");
    assert!(
        waits[0]
            .median_days
            .is_some_and(|days| (0.0..1.0).contains(&days))
    );
    assert_eq!(waits[2].median_days, None);

    let declined = referrals.declined_full().await.expect("declined");
    assert_eq!(declined.len(), 1, "{declined:?}");
    let (code, _) = declined[0].area.clone().expect("the service is placed");
    assert_eq!(code, "E08000030", "Walsall");
    assert_eq!(declined[0].needs, ["mentoring"]);

    assert_eq!(
        referrals.purge(Retention::Months(18)).await.expect("purge"),
        0
    );
    assert_eq!(referrals.purge(Retention::Days(0)).await.expect("purge"), 1);
    assert_eq!(referrals.purge(Retention::Days(0)).await.expect("purge"), 0);
    let purged = referrals.get(&keys.admin, closed).await.expect("kept");
    assert_eq!(purged.case_ref, None);
    assert!(purged.needs.is_empty());
    assert!(purged.purged_at.is_some());
    assert_eq!(
        purged.equality,
        bangladeshi_muslim(),
        "kept for the aggregates"
    );
    let after = referrals
        .equality_tallies(EqualityField::EthnicGroup, None, None)
        .await
        .expect("tallies");
    assert_eq!(
        by_group(after),
        want,
        "a purge leaves the tallies as they were"
    );
}

/// Every file of the data directory, searched for the plain-text equality values.
fn assert_no_file_holds_equality_values(dir: &std::path::Path) {
    let mut files = 0;
    for entry in walk(dir) {
        let bytes = std::fs::read(&entry).expect("read");
        files += 1;
        for secret in ["asian-bangladeshi", "white-british"] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "{secret} in {}",
                entry.display()
            );
        }
    }
    assert!(files > 0);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[tokio::test]
async fn referrals_on_sqlite() {
    let dir = tempfile::tempdir().expect("temp dir");
    let directory = referral_suite(OpenOptions {
        load_demo: false,
        ..OpenOptions::new(dir.path(), None)
    })
    .await;
    drop(directory);
    assert!(dir.path().join("signpost.sqlite").is_file());
    assert_no_file_holds_equality_values(dir.path());
}

#[tokio::test]
async fn referrals_on_postgres() {
    let (url, schema, mut connection) = common::fresh_schema("signpost_referrals_test").await;
    let dir = tempfile::tempdir().expect("temp dir");
    referral_suite(OpenOptions {
        load_demo: false,
        postgres_schema: Some(schema.clone()),
        ..OpenOptions::new(dir.path(), Some(&url))
    })
    .await;
    let rows: Vec<String> = sqlx::query_scalar(AssertSqlSafe(format!(
        "SELECT r::text FROM {schema}.referrals r"
    )))
    .fetch_all(&mut connection)
    .await
    .expect("rows as text");
    assert_eq!(rows.len(), 3);
    for row in &rows {
        for secret in ["asian-bangladeshi", "white-british", "muslim", "syl"] {
            assert!(!row.contains(secret), "{secret} in {row}");
        }
    }
    assert!(
        rows.iter().any(|row| row.contains("WSL-0043")),
        "the case ref is kept as given"
    );
    sqlx::query(AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
        .execute(&mut connection)
        .await
        .expect("drop schema");
}
