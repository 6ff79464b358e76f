//! A results page's counts (services within each radius, services with each filter added) equal
//! what a separate search with that radius or filter finds, and asking for them leaves the
//! search's own answer unchanged.

mod common;

use std::sync::LazyLock;

use chrono::TimeZone;
use proptest::prelude::*;
use serde_json::json;
use signpost_domain::{Gender, Service};
use signpost_engine::{
    CountsAsked, DateTime, Engine, NaiveTime, Near, OpenAt, Plan, Point, SearchRequest,
    SearchResponse, Toggle, Utc, Weekday,
};
use signpost_synth::SynthConfig;

const MILE: f64 = 1_609.344;
const SYNTH_SERVICES: u64 = 8_000;
/// Words of the synthetic names and descriptions (category and language names, name words), a
/// stop word, and a misspelling.
const WORDS: &[&str] = &[
    "mentoring",
    "housing",
    "advice",
    "Bengali",
    "Urdu",
    "Polish",
    "Noor",
    "Unity",
    "community",
    "the",
    "mentorng",
    "employment",
];
const LANGUAGES: &[&str] = &["ben", "urd", "pol", "pan"];
const CATEGORIES: &[&str] = &["mentoring", "housing", "employment"];

struct Synth {
    engine: Engine,
    points: Vec<Point>,
    _dir: tempfile::TempDir,
}

static SYNTH: LazyLock<Synth> = LazyLock::new(|| {
    let services: Vec<Service> = signpost_synth::services(SynthConfig {
        count: SYNTH_SERVICES,
        seed: 26,
    })
    .collect();
    let points = services
        .iter()
        .filter_map(|s| s.points().first().map(|p| Point::new(p.lat, p.lon)))
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = common::build(dir.path(), &services);
    Synth {
        engine,
        points,
        _dir: dir,
    }
});

fn monday_evening() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 18, 30, 0)
        .single()
        .expect("a real moment")
}

fn open_on_saturday_morning() -> OpenAt {
    OpenAt::Day {
        day: Weekday::Sat,
        time: NaiveTime::from_hms_opt(10, 0, 0),
    }
}

/// The request with `toggle` added as a filter of its own.
fn with_toggle(request: &SearchRequest, toggle: Toggle) -> SearchRequest {
    let mut request = request.clone();
    match toggle {
        Toggle::Open(open) => request.open = Some(open),
        Toggle::Free => request.free = Some(true),
        Toggle::Gender(gender) => request.gender = Some(gender),
    }
    request
}

/// Every toggle the request does not already set.
fn unset_toggles(request: &SearchRequest) -> Vec<Toggle> {
    let mut toggles = Vec::new();
    if request.open.is_none() {
        toggles.extend([
            Toggle::Open(OpenAt::Now),
            Toggle::Open(open_on_saturday_morning()),
        ]);
    }
    if request.free.is_none() {
        toggles.push(Toggle::Free);
    }
    if request.gender.is_none() {
        toggles.extend([Toggle::Gender(Gender::Female), Toggle::Gender(Gender::Male)]);
    }
    toggles
}

fn ids(response: &SearchResponse) -> Vec<&str> {
    response
        .hits
        .iter()
        .map(|h| h.service_id.as_str())
        .collect()
}

/// Checks one request's counts against separate searches; the number of counts checked.
fn check_counts(engine: &Engine, request: &SearchRequest, plan: Option<Plan>) -> usize {
    let now = monday_evening();
    let request = &SearchRequest {
        counts: CountsAsked::default(),
        ..request.clone()
    };
    let plain = engine
        .search_with_plan(request, now, plan)
        .expect("plain search");
    assert!(plain.counts.radii.is_empty() && plain.counts.toggles.is_empty());
    let asked = SearchRequest {
        counts: CountsAsked {
            radii_m: [0.5, 1.0, 3.0, 5.0, 10.0, 25.0]
                .iter()
                .map(|miles| miles * MILE)
                .collect(),
            toggles: unset_toggles(request),
        },
        ..request.clone()
    };
    let counted = engine
        .search_with_plan(&asked, now, plan)
        .expect("counted search");
    assert_eq!(ids(&counted), ids(&plain), "{request:?}");
    assert_eq!(counted.total, plain.total, "{request:?}");
    assert_eq!(counted.relaxed, plain.relaxed, "{request:?}");
    assert_eq!(counted.facets, plain.facets, "{request:?}");
    assert_eq!(counted.radius_m, plain.radius_m, "{request:?}");
    let scores = |r: &SearchResponse| r.hits.iter().map(|h| h.score).collect::<Vec<_>>();
    assert_eq!(scores(&counted), scores(&plain), "{request:?}");
    if request.near.is_none() {
        assert!(counted.counts.radii.is_empty(), "{request:?}");
    } else {
        assert_eq!(counted.counts.radii.len(), asked.counts.radii_m.len());
    }
    for &(radius_m, count) in &counted.counts.radii {
        let alone = SearchRequest {
            radius_m: Some(radius_m),
            ..request.clone()
        };
        let separate = engine.search(&alone, now).expect("radius search");
        assert_eq!(count, separate.total, "within {radius_m} m of {request:?}");
    }
    assert_eq!(counted.counts.toggles.len(), asked.counts.toggles.len());
    for &(toggle, count) in &counted.counts.toggles {
        let separate = engine
            .search(&with_toggle(request, toggle), now)
            .expect("toggle search");
        assert_eq!(count, separate.total, "{toggle:?} added to {request:?}");
    }
    counted.counts.radii.len() + counted.counts.toggles.len()
}

fn synth_request() -> impl Strategy<Value = SearchRequest> {
    (
        prop::option::of((0..SYNTH_SERVICES as usize, -0.05..0.05f64, -0.05..0.05f64)),
        prop::option::of(prop::sample::select(vec![0.3, 2.0, 5.0, 12.0])),
        prop::collection::vec(prop::sample::select(WORDS), 0..4),
        prop::option::weighted(0.2, prop::sample::select(LANGUAGES)),
        prop::option::weighted(0.2, prop::sample::select(CATEGORIES)),
        prop::option::weighted(0.2, any::<bool>()),
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.2),
    )
        .prop_map(
            |(place, miles, words, language, category, female, free, open)| {
                let points = &SYNTH.points;
                SearchRequest {
                    text: words.join(" "),
                    near: place.map(|(i, dlat, dlon)| {
                        let p = points[i % points.len()];
                        Near {
                            point: Point::new(p.lat + dlat, p.lon + dlon),
                            label: "here".into(),
                        }
                    }),
                    radius_m: miles.map(|m| m * MILE),
                    languages: language.map(str::to_owned).into_iter().collect(),
                    categories: category.map(str::to_owned).into_iter().collect(),
                    gender: female.map(|f| if f { Gender::Female } else { Gender::Male }),
                    free: free.then_some(true),
                    open: open.then_some(OpenAt::Day {
                        day: Weekday::Mon,
                        time: None,
                    }),
                    per_page: 15,
                    ..SearchRequest::default()
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn counts_equal_separate_searches_over_a_synthetic_directory(request in synth_request()) {
        check_counts(&SYNTH.engine, &request, None);
    }

    #[test]
    fn both_plans_count_alike(request in synth_request()) {
        prop_assume!(request.near.is_some() && !request.text.trim().is_empty());
        check_counts(&SYNTH.engine, &request, Some(Plan::GeoFirst));
        check_counts(&SYNTH.engine, &request, Some(Plan::TextFirst));
    }
}

fn service(id: &str, name: &str, miles_north: f64, extra: serde_json::Value) -> Service {
    let mut value = json!({
        "id": id, "name": name,
        "service_at_locations": [{"id": "sal", "location": {"id": "loc",
            "latitude": WALSALL.lat + miles_north * MILE / 111_195.0, "longitude": WALSALL.lon}}]
    });
    if let (Some(target), Some(more)) = (value.as_object_mut(), extra.as_object()) {
        for (k, v) in more {
            target.insert(k.clone(), v.clone());
        }
    }
    serde_json::from_value(value).expect("valid service")
}

const WALSALL: Point = Point::new(52.5860, -1.9820);

fn free() -> serde_json::Value {
    json!({"attributes": [{"id": "c", "taxonomy_term": {"id": "c", "code": "free", "name": "Free",
        "taxonomy": "signpost-cost"}}]})
}

/// Two words matched together only 8 miles away; nearer services match one word each; a free
/// service nearby matches neither.
fn words_directory() -> Vec<Service> {
    vec![
        service("mentoring-near", "Mentoring circle", 0.5, json!({})),
        service("bengali-near", "Bengali lunch club", 2.0, free()),
        service("chess-near", "Chess club", 2.5, free()),
        service("both-far", "Bengali mentoring", 8.0, json!({})),
        service("both-farther", "Bengali mentoring hub", 20.0, free()),
    ]
}

#[test]
fn with_a_place_words_rank_every_service_in_reach_and_counts_follow() {
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = common::build(dir.path(), &words_directory());
    let request = SearchRequest {
        text: "Bengali mentoring".into(),
        near: Some(Near {
            point: WALSALL,
            label: "Walsall".into(),
        }),
        radius_m: Some(10.0 * MILE),
        counts: CountsAsked {
            radii_m: vec![1.0 * MILE, 3.0 * MILE, 10.0 * MILE, 30.0 * MILE],
            toggles: vec![Toggle::Free, Toggle::Gender(Gender::Female)],
        },
        ..SearchRequest::default()
    };
    let answer = engine.search(&request, Utc::now()).expect("search");
    assert_eq!(
        ids(&answer)[..1],
        ["both-far"],
        "every word first, though farther"
    );
    assert_eq!(ids(&answer)[3], "chess-near", "no word last");
    assert!(!answer.relaxed);
    assert_eq!(
        answer.counts.radii,
        [
            (1.0 * MILE, 1),
            (3.0 * MILE, 3),
            (10.0 * MILE, 4),
            (30.0 * MILE, 5)
        ]
    );
    assert_eq!(
        answer.counts.toggles,
        [(Toggle::Free, 2), (Toggle::Gender(Gender::Female), 4)]
    );
    let cases = check_counts(&engine, &request, None);
    assert_eq!(cases, 6 + 5);
    let narrow = SearchRequest {
        radius_m: Some(3.0 * MILE),
        ..request.clone()
    };
    let relaxed = engine.search(&narrow, Utc::now()).expect("search");
    assert!(relaxed.relaxed, "no service within 3 miles has both words");
    assert_eq!(relaxed.total, 3);
    check_counts(&engine, &narrow, None);
}

#[test]
fn words_alone_decide_and_a_filter_added_counts_every_service_passing_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = common::build(dir.path(), &words_directory());
    let request = SearchRequest {
        text: "Bengali mentoring".into(),
        counts: CountsAsked {
            radii_m: Vec::new(),
            toggles: vec![Toggle::Free],
        },
        ..SearchRequest::default()
    };
    let answer = engine.search(&request, Utc::now()).expect("search");
    assert_eq!(answer.total, 2, "the services with both words");
    assert_eq!(
        answer.counts.toggles,
        [(Toggle::Free, 3)],
        "with a filter the words no longer decide: the chess club counts"
    );
    check_counts(&engine, &request, None);
}

#[test]
fn a_bad_counted_radius_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = common::build(dir.path(), &words_directory());
    let request = SearchRequest {
        near: Some(Near {
            point: WALSALL,
            label: "Walsall".into(),
        }),
        counts: CountsAsked {
            radii_m: vec![MILE, f64::NAN],
            toggles: Vec::new(),
        },
        ..SearchRequest::default()
    };
    assert!(engine.search(&request, Utc::now()).is_err());
}
