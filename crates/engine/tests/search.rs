//! Search mode end to end: ranking and reasons, facets, words that rank but never empty a filtered
//! search, opening times, a build given an id twice, and incremental writes visible to the next
//! search and after reopening.

mod common;

use chrono::TimeZone;
use serde_json::json;
use signpost_domain::{Gender, Service};
use signpost_engine::{
    DEFAULT_RADIUS_M, Engine, Near, OpenAt, OpenedEngine, Plan, Point, SearchRequest, Utc, Weekday,
};

const WALSALL: Point = Point::new(52.5860, -1.9820);

fn service(id: &str, name: &str, lat: f64, lon: f64, extra: serde_json::Value) -> Service {
    let mut value = json!({
        "id": id, "name": name, "description": format!("{name} for the community"),
        "service_at_locations": [{"id": "sal", "location": {"id": "loc", "latitude": lat, "longitude": lon},
            "schedules": [{"id": "sch", "freq": "WEEKLY", "byday": "SU", "opens_at": "09:00", "closes_at": "10:00"}]}]
    });
    if let (Some(target), Some(more)) = (value.as_object_mut(), extra.as_object()) {
        for (k, v) in more {
            target.insert(k.clone(), v.clone());
        }
    }
    serde_json::from_value(value).expect("valid service")
}

fn category(code: &str) -> serde_json::Value {
    json!({"id": code, "taxonomy_term": {"id": code, "code": code, "name": code, "taxonomy": "signpost-category"}})
}

fn directory() -> Vec<Service> {
    vec![
        service(
            "near-ben",
            "Bengali mentoring circle",
            52.5870,
            -1.9830,
            json!({
            "languages": [{"id": "l", "code": "ben"}], "attributes": [category("mentoring")]}),
        ),
        service(
            "far-ben",
            "Mentoring for young people",
            52.6100,
            -1.9500,
            json!({
            "languages": [{"id": "l", "code": "ben"}, {"id": "m", "code": "syl"}], "attributes": [category("mentoring")]}),
        ),
        service(
            "near-urd",
            "Urdu mentoring",
            52.5865,
            -1.9825,
            json!({
            "languages": [{"id": "l", "code": "urd"}], "attributes": [category("mentoring")]}),
        ),
        service(
            "women-only",
            "Women's housing advice",
            52.5862,
            -1.9822,
            json!({
            "attributes": [{"id": "g", "taxonomy_term": {"id": "g", "code": "female", "name": "Women", "taxonomy": "signpost-gender"}}],
            "minimum_age": 18, "maximum_age": 25}),
        ),
        service(
            "london",
            "Bengali mentoring in London",
            51.5072,
            -0.1276,
            json!({
            "languages": [{"id": "l", "code": "ben"}], "attributes": [category("mentoring")]}),
        ),
        service(
            "area",
            "Countywide housing line",
            50.0,
            0.0,
            json!({
            "service_areas": [{"id": "a", "extent_type": "geojson", "extent":
                "{\"type\":\"Polygon\",\"coordinates\":[[[-2.1,52.5],[-1.9,52.5],[-1.9,52.7],[-2.1,52.7],[-2.1,52.5]]]}"}]}),
        ),
    ]
}

fn near_walsall() -> Option<Near> {
    Some(Near {
        point: WALSALL,
        label: "WS1 1AA".into(),
    })
}

fn engine(dir: &std::path::Path) -> Engine {
    common::build(dir, &directory())
}

fn ids(engine: &Engine, request: &SearchRequest) -> Vec<String> {
    let response = engine.search(request, Utc::now()).expect("search");
    response.hits.iter().map(|h| h.service_id.clone()).collect()
}

/// A hit's reasons in English, as the API answers them by default.
fn english(why: &[signpost_domain::reason::Reason]) -> Vec<String> {
    signpost_i18n::reasons_text(signpost_i18n::Lang::En, why)
}

#[test]
fn bengali_mentoring_near_walsall_is_ranked_and_explained() {
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = engine(dir.path());
    let request = SearchRequest {
        text: "mentoring".into(),
        near: near_walsall(),
        radius_m: Some(3.0 * 1609.344),
        languages: vec!["ben".into()],
        ..SearchRequest::default()
    };
    let response = engine.search(&request, Utc::now()).expect("search");
    let hits: Vec<&str> = response
        .hits
        .iter()
        .map(|h| h.service_id.as_str())
        .collect();
    assert_eq!(hits, vec!["near-ben", "far-ben"]);
    assert_eq!(response.total, 2);
    let first = &response.hits[0];
    assert!(first.distance_m.is_some_and(|d| d < 200.0));
    assert_eq!(
        english(&first.why),
        vec![
            "speaks Bengali".to_owned(),
            "0.1 miles from WS1 1AA".to_owned()
        ]
    );
    assert_eq!(response.facets.languages.get("ben"), Some(&2));
    assert_eq!(response.facets.languages.get("syl"), Some(&1));
    assert_eq!(response.facets.categories.get("mentoring"), Some(&2));
    assert!(!response.default_radius);
}

#[test]
fn a_place_without_a_radius_uses_five_miles_and_areas_cover_the_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = engine(dir.path());
    let request = SearchRequest {
        near: near_walsall(),
        ..SearchRequest::default()
    };
    let response = engine.search(&request, Utc::now()).expect("search");
    assert!(response.default_radius);
    assert_eq!(response.radius_m, Some(DEFAULT_RADIUS_M));
    assert_eq!(response.plan, Plan::NoText);
    assert_eq!(response.total, 5, "everything but London");
    let area = response
        .hits
        .iter()
        .find(|h| h.service_id == "area")
        .expect("area hit");
    assert_eq!(area.distance_m, Some(0.0));
    assert_eq!(english(&area.why), vec!["covers WS1 1AA".to_owned()]);
}

#[test]
fn gender_and_age_filters() {
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = engine(dir.path());
    let housing = |gender, age| SearchRequest {
        text: "housing".into(),
        gender,
        age,
        ..SearchRequest::default()
    };
    let male = ids(&engine, &housing(Some(Gender::Male), None));
    assert_eq!(male[0], "area", "the one housing service for men first");
    assert_eq!(male.len(), 5, "every service but the women's");
    assert!(!male.contains(&"women-only".to_owned()));
    let female = ids(&engine, &housing(Some(Gender::Female), Some(20.0)));
    let mut first_two = female[..2].to_vec();
    first_two.sort();
    assert_eq!(first_two, vec!["area", "women-only"]);
    assert_eq!(female.len(), 6);
    let older = ids(&engine, &housing(Some(Gender::Female), Some(30.0)));
    assert_eq!(older[0], "area");
    assert!(!older.contains(&"women-only".to_owned()), "aged 18 to 25");
}

#[test]
fn stems_typos_and_words_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = engine(dir.path());
    let search = |text: &str| {
        engine
            .search(
                &SearchRequest {
                    text: text.into(),
                    ..SearchRequest::default()
                },
                Utc::now(),
            )
            .expect("search")
    };
    assert_eq!(search("mentors").total, 4, "stemmed");
    let typo = search("mentorng");
    assert_eq!(typo.total, 4, "one edit away");
    assert!(!typo.relaxed);
    let relaxed = search("urdu gardening");
    assert!(relaxed.relaxed, "no service has both words");
    assert_eq!(relaxed.hits[0].service_id, "near-urd");
    assert_eq!(relaxed.hits[0].unmatched_words, ["gardening"]);
    assert_eq!(
        relaxed.total, 1,
        "without a filter, a hit has at least one word"
    );
    assert_eq!(search("xyzzy").total, 0, "a word alone that no service has");
    assert!(
        search("the of and").total > 0,
        "stop words only means no text"
    );
    let both = search("bengali mentoring");
    assert!(!both.relaxed);
    assert_eq!(both.words, ["bengali", "mentoring"]);
    let mut full: Vec<&str> = both.hits.iter().map(|h| h.service_id.as_str()).collect();
    full.sort_unstable();
    assert_eq!(
        full,
        ["london", "near-ben"],
        "every word, when some service has them all"
    );
    assert!(both.hits.iter().all(|h| h.unmatched_words.is_empty()));
    let some = search("bengali gardening");
    assert!(some.relaxed);
    assert_eq!(some.total, 2, "no service has both: those with one");
    for partial in &some.hits {
        assert_eq!(partial.unmatched_words, ["gardening"]);
        assert!(
            english(&partial.why).contains(&"matches some of your words: bengali".to_owned()),
            "{:?}",
            partial.why
        );
    }
}

#[test]
fn a_word_no_service_has_never_empties_a_filtered_search() {
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = engine(dir.path());
    let request = |text: &str| SearchRequest {
        text: text.into(),
        near: near_walsall(),
        languages: vec!["ben".into()],
        ..SearchRequest::default()
    };
    let understood = ids(&engine, &request(""));
    let mut with_unknown = ids(&engine, &request("xyzzy"));
    with_unknown.sort();
    let mut expected = understood.clone();
    expected.sort();
    assert_eq!(with_unknown, expected);
    assert_eq!(expected, ["far-ben", "near-ben"]);
    let answer = engine
        .search(&request("young xyzzy"), Utc::now())
        .expect("search");
    assert_eq!(answer.total, 2);
    assert!(answer.relaxed);
    assert_eq!(
        answer.hits[0].service_id, "far-ben",
        "the service with one of the words first, though farther"
    );
    assert_eq!(answer.hits[0].unmatched_words, ["xyzzy"]);
    assert!(english(&answer.hits[0].why).contains(&"matches some of your words: young".to_owned()));
    assert_eq!(answer.hits[1].unmatched_words, ["young", "xyzzy"]);
    assert!(english(&answer.hits[1].why).contains(&"matches none of your words".to_owned()));
}

/// Services for women around one place, matching more or fewer of "Pakistani women's group".
fn group_directory() -> Vec<Service> {
    let female = json!({"attributes": [{"id": "g", "taxonomy_term": {"id": "g", "code": "female",
        "name": "Women", "taxonomy": "signpost-gender"}}]});
    let at = |id: &str, name: &str, north: f64| {
        service(id, name, 53.7950 + north, -1.7590, female.clone())
    };
    vec![
        at("all-far", "Pakistani women's group", 0.04),
        at("two-near", "Women's group", 0.0),
        at("one-nearest", "Pakistani advice centre", -0.001),
        at("none", "Legal clinic", 0.0005),
        service(
            "men",
            "Pakistani men's group",
            53.7950,
            -1.7590,
            json!({"attributes": [{"id": "g", "taxonomy_term": {"id": "g", "code": "male",
                "name": "Men", "taxonomy": "signpost-gender"}}]}),
        ),
    ]
}

#[test]
fn more_words_rank_higher_and_partial_matches_come_after_full_ones_labelled() {
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = common::build(dir.path(), &group_directory());
    let request = SearchRequest {
        text: "Pakistani women's group".into(),
        near: Some(Near {
            point: Point::new(53.7950, -1.7590),
            label: "Bradford".into(),
        }),
        gender: Some(Gender::Female),
        ..SearchRequest::default()
    };
    for plan in [None, Some(Plan::GeoFirst), Some(Plan::TextFirst)] {
        let answer = engine
            .search_with_plan(&request, Utc::now(), plan)
            .expect("search");
        let order: Vec<&str> = answer.hits.iter().map(|h| h.service_id.as_str()).collect();
        assert_eq!(
            order,
            ["all-far", "two-near", "one-nearest", "none"],
            "{plan:?}"
        );
        assert_eq!(answer.words, ["pakistani", "women", "group"]);
        let unmatched: Vec<&[String]> = answer
            .hits
            .iter()
            .map(|h| h.unmatched_words.as_slice())
            .collect();
        assert!(unmatched[0].is_empty());
        assert_eq!(unmatched[1], ["pakistani"]);
        assert!(
            !english(&answer.hits[0].why)
                .iter()
                .any(|w| w.starts_with("matches some")),
            "a full match is not labelled"
        );
        assert!(
            english(&answer.hits[1].why)
                .contains(&"matches some of your words: women, group".to_owned()),
            "{:?}",
            answer.hits[1].why
        );
        assert!(!answer.relaxed);
    }
}

#[test]
fn open_now_follows_london_time_across_summer_time() {
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = engine(dir.path());
    let request = SearchRequest {
        text: "mentoring".into(),
        open: Some(OpenAt::Now),
        ..SearchRequest::default()
    };
    let at = |y, m, d, h, min| {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .expect("time")
    };
    let total = |now| engine.search(&request, now).expect("search").total;
    assert_eq!(total(at(2026, 3, 29, 8, 30)), 6, "09:30 BST");
    assert_eq!(total(at(2026, 3, 29, 9, 30)), 0, "10:30 BST");
    assert_eq!(total(at(2026, 10, 25, 8, 30)), 0, "08:30 GMT");
    assert_eq!(total(at(2026, 10, 25, 9, 30)), 6, "09:30 GMT");
    let sunday = SearchRequest {
        open: Some(OpenAt::Day {
            day: Weekday::Sun,
            time: None,
        }),
        ..request.clone()
    };
    assert_eq!(
        engine
            .search(&sunday, at(2026, 1, 1, 0, 0))
            .expect("search")
            .total,
        6
    );
}

#[test]
fn writes_are_visible_to_the_next_search_and_after_reopening() {
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = engine(dir.path());
    let text = |t: &str| SearchRequest {
        text: t.into(),
        ..SearchRequest::default()
    };
    engine
        .upsert(&service(
            "new",
            "Polish legal clinic",
            52.58,
            -1.98,
            json!({}),
        ))
        .expect("upsert");
    assert_eq!(ids(&engine, &text("polish")), vec!["new"]);
    engine
        .upsert(&service(
            "new",
            "Somali legal clinic",
            51.0,
            -1.0,
            json!({}),
        ))
        .expect("replace");
    assert!(ids(&engine, &text("polish")).is_empty());
    assert_eq!(ids(&engine, &text("somali")), vec!["new"]);
    let nearby = SearchRequest {
        near: Some(Near {
            point: Point::new(51.0, -1.0),
            label: "x".into(),
        }),
        ..SearchRequest::default()
    };
    assert_eq!(
        ids(&engine, &nearby),
        vec!["new"],
        "the R-tree moved with it"
    );
    assert!(engine.remove("near-urd").expect("remove"));
    assert!(!engine.remove("near-urd").expect("second remove"));
    assert!(ids(&engine, &text("urdu")).is_empty());
    let before: Vec<Vec<String>> = ["mentoring", "somali", "housing", ""]
        .iter()
        .map(|t| ids(&engine, &text(t)))
        .collect();
    drop(engine);
    let OpenedEngine::Ready(reopened) = Engine::open(dir.path()).expect("open") else {
        panic!("should reopen");
    };
    let after: Vec<Vec<String>> = ["mentoring", "somali", "housing", ""]
        .iter()
        .map(|t| ids(&reopened, &text(t)))
        .collect();
    assert_eq!(before, after);
    assert_eq!(ids(&reopened, &nearby), vec!["new"]);
}

#[test]
fn a_build_given_an_id_twice_keeps_the_later_service_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let services = [
        service("twice", "Polish legal clinic", 52.58, -1.98, json!({})),
        service("other", "Housing advice", 52.58, -1.98, json!({})),
        service("twice", "Somali legal clinic", 51.0, -1.0, json!({})),
    ];
    let engine = common::build(dir.path(), &services);
    let text = |t: &str| SearchRequest {
        text: t.into(),
        ..SearchRequest::default()
    };
    let check = |engine: &Engine| {
        assert_eq!(engine.len().expect("len"), 2);
        assert!(ids(engine, &text("polish")).is_empty());
        assert_eq!(ids(engine, &text("somali")), vec!["twice"]);
        assert_eq!(ids(engine, &text("legal")), vec!["twice"]);
    };
    check(&engine);
    drop(engine);
    let OpenedEngine::Ready(reopened) = Engine::open(dir.path()).expect("open") else {
        panic!("should reopen");
    };
    check(&reopened);
}

#[test]
fn a_missing_or_old_index_asks_for_a_rebuild() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert!(matches!(
        Engine::open(&dir.path().join("none")),
        Ok(OpenedEngine::RebuildNeeded { .. })
    ));
    drop(engine(dir.path()));
    std::fs::write(dir.path().join("signpost-index-version"), "0").expect("write");
    assert!(matches!(
        Engine::open(dir.path()),
        Ok(OpenedEngine::RebuildNeeded { .. })
    ));
}

#[test]
fn the_engine_is_send_and_sync() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Engine>();
}

#[test]
fn an_age_span_admits_services_for_any_age_in_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = engine(dir.path());
    let span = |min, max| SearchRequest {
        ages: Some(signpost_engine::AgeSpan { min, max }),
        ..SearchRequest::default()
    };
    let over_50 = ids(&engine, &span(Some(50.0), None));
    assert!(!over_50.contains(&"women-only".to_owned()), "ages 18 to 25");
    assert_eq!(over_50.len(), 5);
    assert!(ids(&engine, &span(Some(16.0), Some(18.0))).contains(&"women-only".to_owned()));
    assert!(ids(&engine, &span(None, Some(17.0))).len() == 5);
}

#[test]
fn required_words_keep_filtering_a_search_with_a_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = engine(dir.path());
    let request = SearchRequest {
        text: "housing".into(),
        near: near_walsall(),
        require_words: true,
        counts: signpost_engine::CountsAsked {
            radii_m: Vec::new(),
            toggles: vec![signpost_engine::Toggle::Free],
        },
        ..SearchRequest::default()
    };
    let mut found = ids(&engine, &request);
    found.sort();
    assert_eq!(found, ["area", "women-only"]);
    let ranked = SearchRequest {
        require_words: false,
        ..request.clone()
    };
    assert_eq!(ids(&engine, &ranked).len(), 5);
}

#[test]
fn understood_words_rank_the_services_holding_them_without_filtering() {
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = engine(dir.path());
    let plain = SearchRequest {
        categories: vec!["mentoring".into()],
        ..SearchRequest::default()
    };
    let ranked = SearchRequest {
        rank_words: "young urdu".into(),
        ..plain.clone()
    };
    let before = engine.search(&plain, Utc::now()).expect("search");
    let after = engine.search(&ranked, Utc::now()).expect("search");
    assert_eq!(after.total, before.total, "rank words never filter");
    let order: Vec<&str> = after.hits.iter().map(|h| h.service_id.as_str()).collect();
    let mut first_two = order[..2].to_vec();
    first_two.sort_unstable();
    assert_eq!(first_two, ["far-ben", "near-urd"], "{order:?}");
    assert!(after.words.is_empty() && !after.relaxed);
    assert!(after.hits.iter().all(|h| h.unmatched_words.is_empty()));
    let mut all = order.clone();
    all.sort_unstable();
    let mut plain_ids: Vec<&str> = before.hits.iter().map(|h| h.service_id.as_str()).collect();
    plain_ids.sort_unstable();
    assert_eq!(all, plain_ids);
}
