//! Records in several languages end to end (docs/formats.md, "Names and descriptions in other
//! languages"; docs/api.md, "Languages"): the real server on the demonstration directory finds a
//! Welsh-described service by Welsh words, mutated or plural, and an Urdu-described one by an
//! Urdu word; `?ui=cy` (or `Accept-Language: cy`) adds each hit's Welsh name and the page shows
//! it; problems come with their title in Welsh and their code unchanged.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

#[path = "cli_support.rs"]
mod support;

#[path = "http_support.rs"]
mod http;

use http::{Server, encode, get};
use serde_json::Value;
use tempfile::TempDir;

const WELSH_MENTAL_HEALTH: &str = "Mental Health Support in Welsh and English";
const WELSH_NAME: &str = "Cymorth Iechyd Meddwl yn Gymraeg ac yn Saesneg";
const SWANSEA_ADVICE: &str = "Swansea Advice Services";
const URDU_FAMILY_ADVICE: &str = "Family Advice in Urdu";
const BENGALI_HEALTH: &str = "Health Advice in Bengali";

fn names(answer: &Value) -> Vec<String> {
    answer["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["service"]["name"].as_str().unwrap().to_owned())
        .collect()
}

fn search(port: u16, q: &str, extra: &str) -> Value {
    let response = get(port, &format!("/api/v1/search?q={}{extra}", encode(q)));
    assert_eq!(response.status, 200, "{q}: {}", response.text());
    response.json()
}

fn first_name(port: u16, q: &str) -> String {
    let answer = search(port, q, "");
    names(&answer)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("{q:?} found nothing: {answer}"))
}

#[test]
fn words_in_the_records_languages_find_them_and_the_ui_language_shows_them() {
    let dir = TempDir::new().unwrap();
    let mut server = Server::start(&dir.path().join("data"), dir.path(), "warn");
    let port = server.port;

    assert_eq!(
        first_name(port, "cymorth iechyd meddwl"),
        WELSH_MENTAL_HEALTH
    );
    assert_eq!(first_name(port, "gwasanaethau cyngor"), SWANSEA_ADVICE);
    assert_eq!(
        first_name(port, "gymorth"),
        WELSH_MENTAL_HEALTH,
        "a soft mutation finds the radical"
    );
    assert_eq!(first_name(port, "مشورہ"), URDU_FAMILY_ADVICE);
    assert_eq!(
        first_name(port, "مشوره"),
        URDU_FAMILY_ADVICE,
        "typed with the Arabic heh"
    );
    assert_eq!(first_name(port, "স্বাস্থ্য পরামর্শ"), BENGALI_HEALTH);

    let english = search(port, "cymorth iechyd meddwl", "");
    assert!(
        english["results"][0].get("translation").is_none(),
        "no translation member without a ui language: {}",
        english["results"][0]
    );
    for (extra, how) in [("&ui=cy", "ui"), ("&ui=cy-GB", "ui with a region")] {
        let welsh = search(port, "cymorth iechyd meddwl", extra);
        let hit = &welsh["results"][0];
        assert_eq!(hit["translation"]["lang"], "cym", "{how}");
        assert_eq!(hit["translation"]["name"], WELSH_NAME, "{how}");
        assert!(
            hit["translation"]["description"]
                .as_str()
                .unwrap()
                .starts_with("Cymorth iechyd meddwl yn Gymraeg"),
            "{how}"
        );
        assert_eq!(
            hit["service"]["name"], WELSH_MENTAL_HEALTH,
            "the record's own name kept"
        );
    }
    let by_header = http::http(
        port,
        "GET",
        "/api/v1/search?q=cymorth",
        &[("Accept-Language", "cy, en;q=0.8")],
        b"",
    )
    .unwrap()
    .json();
    assert_eq!(by_header["results"][0]["translation"]["name"], WELSH_NAME);

    let page = get(port, "/search?q=cymorth+iechyd+meddwl&ui=cy").text();
    assert!(page.contains(WELSH_NAME), "the page shows the Welsh name");
    let page = get(port, "/search?q=cymorth+iechyd+meddwl&ui=en").text();
    assert!(page.contains(WELSH_MENTAL_HEALTH) && !page.contains(WELSH_NAME));
    server.stop();
}

#[test]
fn problems_come_with_their_title_in_welsh_and_their_code_unchanged() {
    let dir = TempDir::new().unwrap();
    let mut server = Server::start(&dir.path().join("data"), dir.path(), "warn");
    let port = server.port;

    let unknown = get(port, "/api/v1/search?q=advice&near=Xqzvillebury&ui=cy");
    assert_eq!(unknown.status, 400);
    let problem = unknown.json();
    assert_eq!(problem["code"], "unknown_place");
    assert_eq!(problem["title"], "Nid yw'r lle yn hysbys");
    assert_eq!(problem["type"], "/errors/unknown_place");
    assert_eq!(unknown.header("content-language"), Some("cy"));

    let missing = http::http(
        port,
        "GET",
        "/api/v1/services/no-such-service",
        &[("Accept-Language", "cy-GB")],
        b"",
    )
    .unwrap();
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["code"], "not_found");
    assert_eq!(missing.json()["title"], "Heb ei ganfod");

    let english = get(port, "/api/v1/services/no-such-service");
    assert_eq!(english.json()["title"], "Not found");
    server.stop();
}
