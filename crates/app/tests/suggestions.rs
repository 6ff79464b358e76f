//! Words rank and never empty a search with understood parts; a search that finds nothing says
//! what to try instead, each suggestion's count being what its own search finds.

use serde_json::json;
use signpost_app::directory::OpenOptions;
use signpost_app::{Directory, SearchInput, SearchOutput};
use signpost_domain::Service;

/// A place in Walsall town centre (WS1 1AA) and points north of it.
const WALSALL: (f64, f64) = (52.5860, -1.9820);
const MILE_IN_DEGREES: f64 = 1_609.344 / 111_195.0;

fn service(id: &str, name: &str, miles_north: f64, extra: serde_json::Value) -> Service {
    let mut value = json!({
        "id": id, "name": name, "description": format!("{name}, demonstration record for tests"),
        "service_at_locations": [{"id": format!("{id}-sal"), "location": {"id": format!("{id}-loc"),
            "latitude": WALSALL.0 + miles_north * MILE_IN_DEGREES, "longitude": WALSALL.1}}]
    });
    if let (Some(target), Some(more)) = (value.as_object_mut(), extra.as_object()) {
        for (k, v) in more {
            target.insert(k.clone(), v.clone());
        }
    }
    serde_json::from_value(value).expect("valid service")
}

fn attribute(taxonomy: &str, code: &str) -> serde_json::Value {
    json!({"id": format!("{taxonomy}:{code}"), "taxonomy_term": {"id": format!("{taxonomy}:{code}"),
        "code": code, "name": code, "taxonomy": taxonomy}})
}

fn mentoring(languages: &[&str]) -> serde_json::Value {
    let languages: Vec<_> = languages
        .iter()
        .map(|c| json!({"id": format!("lang-{c}"), "code": c}))
        .collect();
    json!({"attributes": [attribute("signpost-category", "mentoring")], "languages": languages})
}

fn services() -> Vec<Service> {
    vec![
        service(
            "young-men",
            "Mentoring for young men",
            0.5,
            mentoring(&["ben"]),
        ),
        service(
            "circle",
            "Bengali mentoring circle",
            2.0,
            mentoring(&["ben"]),
        ),
        service("urdu", "Urdu mentoring", 4.0, mentoring(&["urd"])),
        service(
            "far",
            "Bengali mentoring far away",
            8.0,
            mentoring(&["ben"]),
        ),
    ]
}

async fn directory(dir: &std::path::Path) -> Directory {
    let options = OpenOptions {
        load_demo: false,
        ..OpenOptions::new(dir, None)
    };
    let directory = Directory::open_with(&options).await.expect("opens");
    directory.import(services()).await.expect("imports");
    directory
}

async fn search(directory: &Directory, q: &str) -> SearchOutput {
    let input = SearchInput {
        q: q.to_owned(),
        page: 1,
        per_page: 20,
        ..SearchInput::default()
    };
    directory.search(&input).await.expect("search")
}

fn ids(output: &SearchOutput) -> Vec<&str> {
    output
        .results
        .iter()
        .map(|r| r.service.id.as_str())
        .collect()
}

#[tokio::test]
async fn an_unknown_word_ranks_and_never_empties_an_understood_search() {
    let dir = tempfile::tempdir().expect("temp dir");
    let directory = directory(dir.path()).await;
    let plain = search(&directory, "Bengali mentoring near WS1 1AA").await;
    assert_eq!(plain.total, 2, "{:?}", ids(&plain));
    let with_word = search(&directory, "Bengali mentoring for young men near WS1 1AA").await;
    assert!(with_word.total >= 1, "{:?}", with_word.query);
    assert_eq!(ids(&with_word)[0], "young-men");
    assert!(with_word.suggestions.is_empty());
    let unknown = search(&directory, "Bengali mentoring zebra near WS1 1AA").await;
    assert_eq!(unknown.total, plain.total);
    assert_eq!(unknown.words, ["zebra"]);
    assert!(unknown.relaxed);
    assert!(
        unknown
            .results
            .iter()
            .all(|r| r.unmatched_words == ["zebra"])
    );
}

#[tokio::test]
async fn nothing_found_comes_with_suggestions_whose_totals_are_their_own_searches() {
    let dir = tempfile::tempdir().expect("temp dir");
    let directory = directory(dir.path()).await;
    let output = search(&directory, "Urdu mentoring within 1 mile of WS1 1AA").await;
    assert_eq!(output.total, 0);
    let drops: Vec<&str> = output.suggestions.iter().map(|s| s.drop.as_str()).collect();
    assert_eq!(drops[0], "within 1 mile", "the wider area first");
    assert!(
        output.suggestions[0]
            .label
            .starts_with("Search a wider area"),
        "{:?}",
        output.suggestions[0]
    );
    assert_eq!(
        output.suggestions[0].total, 1,
        "Urdu mentoring 4 miles away"
    );
    let parts = output.query.understood.iter().map(|u| u.label.as_str());
    let expected: Vec<&str> = std::iter::once("within 1 mile").chain(parts).collect();
    assert_eq!(drops, expected, "then each understood part taken out");
    assert_eq!(drops.len(), 5, "language, category, radius, place");
    for suggestion in &output.suggestions {
        let alone = search(&directory, &suggestion.text()).await;
        assert_eq!(alone.total, suggestion.total, "{suggestion:?}");
    }
}
