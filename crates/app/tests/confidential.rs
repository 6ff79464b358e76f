//! Confidential locations through the directory (docs/formats.md, "Confidential locations"): every
//! record that leaves it is withheld, search places the refuge at its district's centre with
//! distances in whole miles, a withheld record written back keeps what was withheld, and only an
//! export that includes them gives them back.

use signpost_app::keys::{Actor, Role};
use signpost_app::{
    Confidential, Directory, Format, OpenOptions, Point, SearchInput, ServiceListing, Storage,
};
use signpost_domain::Service;
use signpost_geo::{METRES_PER_MILE, PlaceLookup, haversine_m};

const REFUGE: &str = "cf-refuge";
const SECRETS: [&str; 5] = ["Larkspur", "WS1 4NE", "52.565", "-1.994", "Bus 529"];

fn fixture() -> Vec<Service> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/confidential.ndjson"
    );
    std::fs::read_to_string(path)
        .expect("the fixture")
        .lines()
        .map(|line| serde_json::from_str(line).expect("a service"))
        .collect()
}

fn assert_withheld(what: &str, service: &Service) {
    let text = serde_json::to_string(service).expect("json");
    for secret in SECRETS {
        assert!(!text.contains(secret), "{what} shows {secret:?}: {text}");
    }
}

async fn directory(dir: &std::path::Path) -> Directory {
    let options = OpenOptions {
        load_demo: false,
        ..OpenOptions::new(dir, None)
    };
    let directory = Directory::open_with(&options).await.expect("opens");
    directory.import(fixture()).await.expect("imports");
    directory
}

fn editor() -> Actor {
    Actor {
        key_id: "k1".into(),
        name: "editor".into(),
        role: Role::Editor,
    }
}

fn search_from(lat: f64, lon: f64) -> SearchInput {
    SearchInput {
        q: "domestic abuse".into(),
        lat: Some(lat),
        lon: Some(lon),
        radius: Some("10mi".into()),
        ..SearchInput::default()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_record_leaving_the_directory_is_withheld() {
    let dir = tempfile::tempdir().expect("temp dir");
    let directory = directory(dir.path()).await;
    assert_withheld("service", &directory.service(REFUGE).await.expect("found"));
    let listed = directory
        .list_services(&ServiceListing {
            page: 1,
            per_page: 10,
            ..ServiceListing::default()
        })
        .await
        .expect("listed");
    assert_eq!(listed.items.len(), 2);
    for listed in &listed.items {
        assert_withheld("listing", &listed.service);
    }
    for service in directory
        .services_in_order(&[REFUGE.to_owned()])
        .await
        .expect("shortlist")
    {
        assert_withheld("shortlist", &service);
    }
    let (record, service) = directory
        .service_at_location("cf-refuge-sal")
        .await
        .expect("found");
    assert_withheld("service at location", &service);
    let row = serde_json::to_string(&record.service_at_location).expect("json");
    assert!(!row.contains("Larkspur") && !row.contains("52.565") && !row.contains("Side door"));
}

#[tokio::test(flavor = "multi_thread")]
async fn search_measures_whole_miles_to_the_district_centre_never_to_the_hidden_point() {
    let dir = tempfile::tempdir().expect("temp dir");
    let directory = directory(dir.path()).await;
    let district = directory.places().lookup("WS1").expect("WS1").point();
    for (lat, lon) in [(52.6, -2.05), (52.55, -1.95), (52.62, -1.97)] {
        let output = directory
            .search(&search_from(lat, lon))
            .await
            .expect("search");
        let hit = output
            .results
            .iter()
            .find(|r| r.service.id == REFUGE)
            .expect("the refuge is found");
        assert_withheld("search", &hit.service);
        let to_district = haversine_m(Point::new(lat, lon), district);
        let expected = (to_district / METRES_PER_MILE).round() * METRES_PER_MILE;
        assert_eq!(hit.distance_m, Some(expected), "from {lat},{lon}");
        let miles = expected / METRES_PER_MILE;
        let reason = signpost_domain::reason::Reason::AboutMiles { miles };
        assert!(hit.why.contains(&reason), "{:?}", hit.why);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_withheld_record_written_back_keeps_the_hidden_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let directory = directory(dir.path()).await;
    let mut edited = directory.service(REFUGE).await.expect("found");
    edited.description = Some("Refuge accommodation, now with a children's worker.".into());
    let answered = directory
        .replace_service(REFUGE, edited, &editor())
        .await
        .expect("replaced");
    assert_withheld("a write's answer", &answered);
    drop(directory);
    let storage = Storage::open(&OpenOptions::existing(dir.path(), None))
        .await
        .expect("storage");
    let mut whole = Vec::new();
    storage
        .export(Format::Ndjson, Confidential::Included, &mut whole)
        .await
        .expect("export");
    let whole = String::from_utf8(whole).expect("utf-8");
    for kept in [
        "14 Larkspur Grove",
        "WS1 4NE",
        "52.56571",
        "children's worker",
    ] {
        assert!(whole.contains(kept), "{kept} kept: {whole}");
    }
    let mut withheld = Vec::new();
    storage
        .export(Format::Ndjson, Confidential::Withheld, &mut withheld)
        .await
        .expect("export");
    let withheld = String::from_utf8(withheld).expect("utf-8");
    assert!(withheld.contains("children's worker"));
    for secret in SECRETS {
        assert!(!withheld.contains(secret), "{secret}");
    }
}

/// The records a search serves (kept in the index) are the store's served records exactly.
async fn assert_search_serves_the_stored_records(directory: &Directory) {
    let output = directory
        .search(&SearchInput {
            per_page: 100,
            ..SearchInput::default()
        })
        .await
        .expect("search");
    assert_eq!(output.results.len(), fixture().len());
    for hit in &output.results {
        let served = directory.service(&hit.service.id).await.expect("stored");
        assert_eq!(hit.service, served, "{}", hit.service.id);
        assert_eq!(
            serde_json::to_string(&hit.service).expect("json"),
            serde_json::to_string(&served).expect("json")
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn search_serves_the_stored_records_from_the_index_after_writes_and_a_reopen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let directory = directory(dir.path()).await;
    assert_search_serves_the_stored_records(&directory).await;
    let mut edited = directory.service(REFUGE).await.expect("found");
    edited.description = Some("Refuge accommodation, now with a children's worker.".into());
    directory
        .replace_service(REFUGE, edited, &editor())
        .await
        .expect("replaced");
    assert_search_serves_the_stored_records(&directory).await;
    drop(directory);
    let options = OpenOptions {
        load_demo: false,
        ..OpenOptions::new(dir.path(), None)
    };
    let reopened = Directory::open_with(&options).await.expect("reopens");
    assert_search_serves_the_stored_records(&reopened).await;
}
