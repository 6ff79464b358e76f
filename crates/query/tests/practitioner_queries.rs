//! The practitioner golden set (tests/practitioner_queries.jsonl, made by
//! tests/data/make_practitioner_queries.py): every parsed field of several hundred realistic
//! queries against what they mean. Reports the accuracy of each field and of all fields together,
//! for the tuning part and the held-out third apart, and fails below 97 % all-fields on either.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

use serde_json::{Value, json};
use signpost_geo::Gazetteer;
use signpost_query::{ParsedQuery, parse};

const GOLDEN: &str = include_str!("practitioner_queries.jsonl");
const FIELDS: [&str; 11] = [
    "text",
    "categories",
    "languages",
    "faiths",
    "near",
    "radius_m",
    "gender",
    "age",
    "age_range",
    "open",
    "free",
];
const REQUIRED: f64 = 0.97;

fn sorted(list: &[String]) -> Value {
    let mut list = list.to_vec();
    list.sort();
    json!(list)
}

fn sorted_value(value: &Value) -> Value {
    let mut list: Vec<String> = value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    list.sort();
    json!(list)
}

/// The fields as the golden file states them: lists in any order, `near` by its label.
fn actual(q: &ParsedQuery) -> Value {
    json!({
        "text": q.text,
        "categories": sorted(&q.categories),
        "languages": sorted(&q.languages),
        "faiths": sorted(&q.faiths),
        "near": q.near.as_ref().map(|n| n.label.clone()),
        "radius_m": q.radius_m,
        "gender": q.gender.map(|g| g.code()),
        "age": q.age,
        "age_range": q.age_range,
        "open": q.open,
        "free": q.free,
    })
}

fn expected(expect: &Value) -> Value {
    let mut expect = expect.clone();
    for list in ["categories", "languages", "faiths"] {
        expect[list] = sorted_value(&expect[list]);
    }
    expect
}

#[derive(Default)]
struct Score {
    queries: usize,
    all_right: usize,
    field_right: [usize; FIELDS.len()],
}

impl Score {
    fn report(&self, split: &str) -> f64 {
        let share = |n: usize| n as f64 / self.queries.max(1) as f64;
        let fields: Vec<String> = FIELDS
            .iter()
            .zip(self.field_right)
            .map(|(field, right)| format!("{field} {:.1}%", 100.0 * share(right)))
            .collect();
        let all = share(self.all_right);
        println!(
            "{split}: {} queries, all fields {:.1}%; {}",
            self.queries,
            100.0 * all,
            fields.join(", ")
        );
        all
    }
}

#[test]
fn practitioner_queries_parse_as_meant() {
    let places = Gazetteer::bundled().unwrap();
    let mut tune = Score::default();
    let mut holdout = Score::default();
    for line in GOLDEN.lines().filter(|l| !l.trim().is_empty()) {
        let row: Value = serde_json::from_str(line).unwrap();
        let input = row["query"].as_str().unwrap();
        let held_out = row["split"] == "holdout";
        let got = actual(&parse(input, places));
        let want = expected(&row["expect"]);
        let score = if held_out { &mut holdout } else { &mut tune };
        score.queries += 1;
        let mut wrong = Vec::new();
        for (i, field) in FIELDS.iter().enumerate() {
            if got[field] == want[field] {
                score.field_right[i] += 1;
            } else {
                wrong.push(format!("{field}: got {} want {}", got[field], want[field]));
            }
        }
        if wrong.is_empty() {
            score.all_right += 1;
        } else if !held_out {
            println!("{input:?}: {}", wrong.join("; "));
        }
    }
    let tuned = tune.report("tuning part");
    let held = holdout.report("held-out third");
    assert!(
        tune.queries + holdout.queries >= 300,
        "the golden set is too small"
    );
    assert!(
        tuned >= REQUIRED,
        "tuning part: {:.1}% all fields",
        100.0 * tuned
    );
    assert!(
        held >= REQUIRED,
        "held-out third: {:.1}% all fields",
        100.0 * held
    );
}
