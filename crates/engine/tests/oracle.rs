//! Random directories and queries: the engine's hits equal a brute-force scan of every service
//! (words rank but never filter a search with a filter), and the geo-first and text-first plans
//! agree.

mod common;

use proptest::prelude::*;
use serde_json::json;
use signpost_domain::{Gender, Service};
use signpost_engine::{BenchQuery, Near, Plan, Point, SearchRequest, Utc};

const WORDS: &[&str] = &[
    "mentoring",
    "mentors",
    "women",
    "youth",
    "advice",
    "housing",
    "café",
    "Cafe",
    "group",
    "s",
    "2",
    "Мы",
    "employment",
    "employmant",
];
const SEPARATORS: &[&str] = &[" ", "'", "-", ". ", "/"];
const LANGUAGES: &[&str] = &["ben", "urd", "pol"];
const CATEGORIES: &[&str] = &["mentoring", "housing"];
const FAITHS: &[&str] = &["muslim", "sikh"];

#[derive(Debug, Clone)]
struct Shape {
    name: Vec<(usize, usize)>,
    description: Vec<(usize, usize)>,
    points: Vec<(f64, f64)>,
    area: Option<(f64, f64, f64)>,
    languages: Vec<bool>,
    categories: Vec<bool>,
    faiths: Vec<bool>,
    gender: Option<bool>,
    ages: (Option<u8>, Option<u8>),
    free: bool,
}

fn text(parts: &[(usize, usize)]) -> String {
    parts
        .iter()
        .map(|&(w, s)| {
            format!(
                "{}{}",
                WORDS[w % WORDS.len()],
                SEPARATORS[s % SEPARATORS.len()]
            )
        })
        .collect()
}

fn attribute(taxonomy: &str, code: &str) -> serde_json::Value {
    json!({"id": format!("{taxonomy}:{code}"), "taxonomy_term": {"id": format!("{taxonomy}:{code}"),
        "code": code, "name": code, "taxonomy": taxonomy}})
}

fn chosen<'a>(flags: &[bool], codes: &[&'a str]) -> Vec<&'a str> {
    codes
        .iter()
        .zip(flags)
        .filter(|(_, f)| **f)
        .map(|(c, _)| *c)
        .collect()
}

fn service(index: usize, shape: &Shape) -> Service {
    let mut attributes = Vec::new();
    for code in chosen(&shape.categories, CATEGORIES) {
        attributes.push(attribute("signpost-category", code));
    }
    for code in chosen(&shape.faiths, FAITHS) {
        attributes.push(attribute("signpost-faith", code));
    }
    if let Some(female) = shape.gender {
        attributes.push(attribute(
            "signpost-gender",
            if female { "female" } else { "male" },
        ));
    }
    if shape.free {
        attributes.push(attribute("signpost-cost", "free"));
    }
    let locations: Vec<_> = shape.points.iter().enumerate().map(|(i, (lat, lon))| {
        json!({"id": format!("sal{i}"), "location": {"id": format!("loc{i}"), "latitude": lat, "longitude": lon}})
    }).collect();
    let areas: Vec<_> = shape
        .area
        .iter()
        .map(|&(lat, lon, half)| {
            let ring = json!([
                [lon - half, lat - half],
                [lon + half, lat - half],
                [lon + half, lat + half],
                [lon - half, lat + half],
                [lon - half, lat - half]
            ]);
            json!({"id": "area", "extent_type": "geojson",
            "extent": json!({"type": "Polygon", "coordinates": [ring]}).to_string()})
        })
        .collect();
    let languages: Vec<_> = chosen(&shape.languages, LANGUAGES)
        .into_iter()
        .map(|c| json!({"id": c, "code": c}))
        .collect();
    let mut value = json!({
        "id": format!("svc-{index:03}"), "name": text(&shape.name),
        "description": text(&shape.description), "attributes": attributes,
        "service_at_locations": locations, "service_areas": areas, "languages": languages,
    });
    if let Some(min) = shape.ages.0 {
        value["minimum_age"] = json!(min);
    }
    if let Some(max) = shape.ages.1 {
        value["maximum_age"] = json!(max);
    }
    serde_json::from_value(value).expect("valid service")
}

fn coordinate() -> impl Strategy<Value = (f64, f64)> {
    (52.0..52.2f64, -2.0..-1.8f64)
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        prop::collection::vec((0..WORDS.len(), 0..SEPARATORS.len()), 1..4),
        prop::collection::vec((0..WORDS.len(), 0..SEPARATORS.len()), 0..6),
        prop::collection::vec(coordinate(), 0..3),
        prop::option::weighted(
            0.2,
            (coordinate(), 0.005..0.05f64).prop_map(|((a, b), h)| (a, b, h)),
        ),
        prop::collection::vec(any::<bool>(), 3),
        prop::collection::vec(any::<bool>(), 2),
        prop::collection::vec(any::<bool>(), 2),
        prop::option::of(any::<bool>()),
        (prop::option::of(10u8..30), prop::option::of(20u8..70)),
        any::<bool>(),
    )
        .prop_map(
            |(
                name,
                description,
                points,
                area,
                languages,
                categories,
                faiths,
                gender,
                ages,
                free,
            )| Shape {
                name,
                description,
                points,
                area,
                languages,
                categories,
                faiths,
                gender,
                ages,
                free,
            },
        )
}

fn bench_query() -> impl Strategy<Value = BenchQuery> {
    (
        prop::collection::vec(0..WORDS.len() + 1, 0..3),
        prop::option::of(coordinate()),
        prop::option::of(100.0..30_000.0f64),
        prop::option::of(0..LANGUAGES.len() + 1),
        prop::option::of(0..CATEGORIES.len() + 1),
        prop::option::of(1usize..8),
    )
        .prop_map(
            |(words, point, radius_m, language, category, k)| BenchQuery {
                id: "q".into(),
                text: (!words.is_empty()).then(|| {
                    words
                        .iter()
                        .map(|&w| WORDS.get(w).copied().unwrap_or("absent"))
                        .collect::<Vec<_>>()
                        .join(" ")
                }),
                lat: point.map(|p| p.0),
                lon: point.map(|p| p.1),
                radius_m,
                language: language.map(|l| LANGUAGES.get(l).copied().unwrap_or("fra").to_owned()),
                category: category
                    .map(|c| CATEGORIES.get(c).copied().unwrap_or("legal").to_owned()),
                k,
            },
        )
}

/// The search-mode hit set without text, by brute force.
fn search_oracle(services: &[Service], request: &SearchRequest) -> Vec<String> {
    let any = |want: &[String], have: Vec<&str>| {
        want.is_empty() || want.iter().any(|w| have.contains(&w.as_str()))
    };
    let mut ids: Vec<String> = services
        .iter()
        .filter(|s| any(&request.languages, s.language_codes()))
        .filter(|s| any(&request.categories, s.category_codes()))
        .filter(|s| any(&request.faiths, s.faith_codes()))
        .filter(|s| {
            request
                .gender
                .is_none_or(|g| s.gender().is_none_or(|h| h == g))
        })
        .filter(|s| {
            request.age.is_none_or(|a| {
                s.minimum_age.is_none_or(|m| a >= m) && s.maximum_age.is_none_or(|m| a <= m)
            })
        })
        .filter(|s| request.free != Some(true) || s.is_free())
        .filter(|s| {
            let Some(near) = &request.near else {
                return true;
            };
            let radius = request
                .radius_m
                .unwrap_or(signpost_engine::DEFAULT_RADIUS_M);
            let located = s
                .points()
                .iter()
                .any(|p| signpost_geo::haversine_m(near.point, Point::new(p.lat, p.lon)) <= radius);
            located || s.service_areas.iter().any(|a| covers_square(a, near.point))
        })
        .map(|s| s.id.clone())
        .collect();
    ids.sort();
    ids
}

fn covers_square(area: &signpost_domain::ServiceArea, point: Point) -> bool {
    let extent: serde_json::Value =
        serde_json::from_str(area.extent.as_deref().unwrap_or("null")).expect("json");
    let ring = &extent["coordinates"][0];
    let (west, south) = (
        ring[0][0].as_f64().unwrap_or(0.0),
        ring[0][1].as_f64().unwrap_or(0.0),
    );
    let (east, north) = (
        ring[2][0].as_f64().unwrap_or(0.0),
        ring[2][1].as_f64().unwrap_or(0.0),
    );
    (west..=east).contains(&point.lon) && (south..=north).contains(&point.lat)
}

fn search_request() -> impl Strategy<Value = SearchRequest> {
    (
        prop::option::of(coordinate()),
        prop::option::of(200.0..20_000.0f64),
        prop::collection::vec(0..LANGUAGES.len(), 0..2),
        prop::collection::vec(0..CATEGORIES.len(), 0..2),
        prop::collection::vec(0..FAITHS.len(), 0..2),
        prop::option::of(any::<bool>()),
        prop::option::of(5.0..80.0f64),
        prop::option::of(any::<bool>()),
    )
        .prop_map(
            |(point, radius_m, languages, categories, faiths, female, age, free)| SearchRequest {
                near: point.map(|(lat, lon)| Near {
                    point: Point::new(lat, lon),
                    label: "here".into(),
                }),
                radius_m,
                languages: languages.iter().map(|&l| LANGUAGES[l].to_owned()).collect(),
                categories: categories
                    .iter()
                    .map(|&c| CATEGORIES[c].to_owned())
                    .collect(),
                faiths: faiths.iter().map(|&f| FAITHS[f].to_owned()).collect(),
                gender: female.map(|f| if f { Gender::Female } else { Gender::Male }),
                age,
                free,
                per_page: 100,
                ..SearchRequest::default()
            },
        )
}

/// Whether a request filters at all (when it does not, its words decide its hits).
fn has_filter(request: &SearchRequest) -> bool {
    request.near.is_some()
        || !request.languages.is_empty()
        || !request.categories.is_empty()
        || !request.faiths.is_empty()
        || request.gender.is_some()
        || request.age.is_some()
        || request.free == Some(true)
        || request.open.is_some()
}

fn ids(response: &signpost_engine::SearchResponse) -> Vec<String> {
    response.hits.iter().map(|h| h.service_id.clone()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn engine_equals_brute_force_and_plans_agree(
        shapes in prop::collection::vec(shape(), 1..40),
        bench_queries in prop::collection::vec(bench_query(), 12),
        searches in prop::collection::vec(search_request(), 8),
        texts in prop::collection::vec(prop::collection::vec(0..WORDS.len(), 1..3), 4),
    ) {
        let services: Vec<Service> = shapes.iter().enumerate().map(|(i, s)| service(i, s)).collect();
        let dir = tempfile::tempdir().expect("temp dir");
        let engine = common::build(dir.path(), &services);
        for query in &bench_queries {
            let (want, total) = common::oracle(&services, query);
            for plan in [None, Some(Plan::GeoFirst), Some(Plan::TextFirst)] {
                let got = engine.bench_with_plan(query, plan).expect("bench");
                prop_assert_eq!(&got.hits, &want, "{:?} {:?}", plan, query);
                prop_assert_eq!(got.total, total);
            }
        }
        let now = Utc::now();
        for request in &searches {
            let mut got = ids(&engine.search(request, now).expect("search"));
            got.sort();
            prop_assert_eq!(got, search_oracle(&services, request), "{:?}", request);
            for words in &texts {
                let with_text = SearchRequest {
                    text: words.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" "),
                    ..request.clone()
                };
                let geo = engine.search_with_plan(&with_text, now, Some(Plan::GeoFirst)).expect("geo first");
                let text = engine.search_with_plan(&with_text, now, Some(Plan::TextFirst)).expect("text first");
                prop_assert_eq!(ids(&geo), ids(&text), "{:?}", with_text);
                prop_assert_eq!(geo.total, text.total);
                prop_assert_eq!(geo.relaxed, text.relaxed);
                prop_assert_eq!(&geo.facets, &text.facets);
                if has_filter(&with_text) {
                    let mut found = ids(&geo);
                    found.sort();
                    prop_assert_eq!(found, search_oracle(&services, request), "words never filter: {:?}", with_text);
                }
                let unmatched: Vec<usize> = geo.hits.iter().map(|h| h.unmatched_words.len()).collect();
                prop_assert!(unmatched.is_sorted(), "more words first: {:?} {:?}", unmatched, with_text);
            }
        }
    }
}
