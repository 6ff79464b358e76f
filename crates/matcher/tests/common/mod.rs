//! Builders shared by the matcher's integration tests.
#![allow(dead_code)] // each test binary uses a different part of it

use chrono::NaiveDate;
use serde_json::{Value, json};
use signpost_domain::Service;
use signpost_domain::reason::Reason;
use signpost_i18n::{Lang, reason_text};
use signpost_match::{Candidate, MatchConfig, MatchOutcome, Profile, match_services};

/// A reason in English, as the API answers it by default.
pub fn english(reason: &Reason) -> String {
    reason_text(Lang::En, reason)
}

/// Monday 2 March 2026.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("valid date")
}

fn term(taxonomy: &str, code: &str) -> Value {
    json!({"id": format!("{taxonomy}:{code}"), "taxonomy_term": {
        "id": format!("{taxonomy}:{code}"), "code": code, "name": code, "description": code,
        "taxonomy": taxonomy}})
}

/// A service of one organisation offering `categories`, with `extra` fields merged in.
/// `extra` may carry `"faiths": [...]` and `"gender": "female"`, turned into attributes.
pub fn service(id: &str, org: &str, categories: &[&str], extra: Value) -> Service {
    let mut record = json!({"id": id, "name": format!("Service {id}"), "organization_id": org,
                            "organization": {"id": org, "name": format!("Organisation {org}")}});
    let mut attributes: Vec<Value> = categories
        .iter()
        .map(|c| term("signpost-category", c))
        .collect();
    let Value::Object(extra) = extra else {
        panic!("extra must be an object")
    };
    let Value::Object(fields) = &mut record else {
        unreachable!()
    };
    for (key, value) in extra {
        match key.as_str() {
            "faiths" => attributes.extend(
                value
                    .as_array()
                    .expect("faiths list")
                    .iter()
                    .map(|f| term("signpost-faith", f.as_str().expect("code"))),
            ),
            "gender" => attributes.push(term("signpost-gender", value.as_str().expect("code"))),
            _ => {
                fields.insert(key, value);
            }
        }
    }
    fields.insert("attributes".to_owned(), Value::Array(attributes));
    serde_json::from_value(record).expect("valid service")
}

/// A profile needing `categories` (the first essential), with `extra` JSON fields appended.
pub fn profile(categories: &[&str], extra: &str) -> Profile {
    let needs: Vec<String> = categories
        .iter()
        .enumerate()
        .map(|(i, c)| format!(r#"{{"category": "{c}", "essential": {}}}"#, i == 0))
        .collect();
    let separator = if extra.trim().is_empty() { "" } else { "," };
    let text = format!(
        r#"{{"needs": [{}], "home": {{"postcode": "WS1 1AA"}}{separator} {extra}}}"#,
        needs.join(", ")
    );
    Profile::from_json(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// Every eligible service, in rank order (no limit).
pub fn run<'a>(profile: &Profile, candidates: &[(&'a Service, f64)]) -> MatchOutcome<'a> {
    let candidates: Vec<Candidate<'a>> = candidates
        .iter()
        .map(|(service, distance_m)| Candidate {
            service,
            distance_m: *distance_m,
        })
        .collect();
    let config = MatchConfig {
        limit: usize::MAX,
        ..MatchConfig::default()
    };
    match_services(profile, &candidates, &config, today())
}
