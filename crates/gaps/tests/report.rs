//! `gaps report` end to end on a handful of test services (test fixtures, not real services):
//! golden files for the CSV, JSON summary and HTML (map paths left out) at LAD level and for the
//! CSV and summary at LSOA level, caseload suppression in every output, caseloads of LSOA codes,
//! and caseload errors naming the row.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

use signpost_domain::Service;
use signpost_gaps::{
    AreaLevel, Caseload, CsvFile, GapsError, Need, ReportFile, ReportOptions, Unwatched,
    read_caseload, report, report_files, run_report, summary,
};

fn service(id: &str, lat: f64, lon: f64, languages: &[&str], categories: &[&str]) -> Service {
    let languages: Vec<_> = languages
        .iter()
        .map(|c| serde_json::json!({"id": format!("{id}-{c}"), "code": c}))
        .collect();
    let attributes: Vec<_> = categories
        .iter()
        .map(|c| {
            serde_json::json!({"id": format!("{id}-{c}"), "taxonomy_term": {
                "id": format!("signpost-category:{c}"), "code": c, "name": c, "taxonomy": "signpost-category"}})
        })
        .collect();
    serde_json::from_value(serde_json::json!({
        "id": id,
        "name": format!("Test service {id}"),
        "languages": languages,
        "attributes": attributes,
        "service_at_locations": [{"id": format!("{id}-sal"), "location": {
            "id": format!("{id}-loc"), "name": "test", "latitude": lat, "longitude": lon}}],
    }))
    .expect("a valid test service")
}

fn services() -> Vec<Service> {
    let mut capped = service("s1", 51.5203, -0.0553, &["ben"], &["mentoring"]);
    capped
        .extra
        .insert("signpost_capacity".into(), serde_json::json!(20));
    vec![
        capped,
        service("s2", 52.4797, -1.8931, &["ben", "urd"], &["mentoring"]),
        service("s3", 53.7950, -1.7594, &["urd", "pan"], &["advice"]),
        service("s4", 52.5862, -1.9829, &["pol"], &["mentoring"]),
        serde_json::from_value(serde_json::json!({"id": "s5", "name": "No location"}))
            .expect("a valid test service"),
    ]
}

fn options(needs: &[&str], level: AreaLevel) -> ReportOptions {
    ReportOptions {
        language_gap_min_residents: 5_000.0,
        language_gap_m: 20_000.0,
        ..ReportOptions::new(
            needs
                .iter()
                .map(|n| n.parse::<Need>().expect("a known need"))
                .collect(),
            level,
        )
    }
}

fn head(text: &str, lines: usize) -> String {
    text.lines().take(lines).collect::<Vec<_>>().join("\n")
}

/// The text of one of a report's files.
fn file<'a>(files: &'a [ReportFile], name: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .contents
}

fn caseload(text: &str, level: AreaLevel) -> Result<Caseload, GapsError> {
    let file = CsvFile {
        name: "caseload.csv".into(),
        contents: text.as_bytes(),
    };
    read_caseload(file, level)
}

#[test]
fn golden_lad_report() {
    let built = report(
        &options(&["language:ben+category:mentoring"], AreaLevel::Lad),
        None,
        &services(),
    )
    .unwrap();
    let files = report_files(&built);
    let read = |name: &str| file(&files, name);
    insta::assert_snapshot!("lad_gaps_csv", head(read("gaps.csv"), 16));
    insta::assert_snapshot!("lad_language_gaps_csv", head(read("language_gaps.csv"), 12));
    insta::assert_snapshot!("lad_summary_json", read("summary.json"));
    let html: String = read("report.html")
        .lines()
        .filter(|l| !l.starts_with("<path") && !l.starts_with("<circle"))
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!("lad_report_html", html);
    let geojson: serde_json::Value = serde_json::from_str(read("gaps.geojson")).unwrap();
    assert_eq!(geojson["features"].as_array().unwrap().len(), 331);
    assert_eq!(built.needs[0].matching_services, 2);
    assert_eq!(built.services_without_location, 1);
}

#[test]
fn msoa_report_places_ethnic_group_counts_directly() {
    let built = report(
        &options(&["census:TS021_02+category:mentoring"], AreaLevel::Msoa),
        None,
        &services(),
    )
    .unwrap();
    let need = &built.needs[0];
    assert!(!need.apportioned);
    assert_eq!(need.areas.len(), 7_264);
    assert_eq!(need.areas[0].rank, 1);
    let unmet: Vec<f64> = need.areas.iter().map(|a| a.unmet.unwrap()).collect();
    assert!(
        unmet.windows(2).all(|w| w[0] >= w[1]),
        "largest unmet need first"
    );
    let summary = summary(&built);
    assert_eq!(summary.needs[0].top_areas.len(), 10);
}

#[test]
fn caseload_counts_below_five_appear_in_no_output() {
    // Walsall 3 (suppressed), Tower Hamlets 1234, Birmingham 4 (suppressed), Leeds 0.
    let caseload = caseload(
        "area_code,need,count\nE08000030,language:ben,3\nE09000030,language:ben,1234\nE08000025,language:ben,4\nE08000035,language:ben,0\n",
        AreaLevel::Lad,
    )
    .unwrap();
    let built = report(&options(&[], AreaLevel::Lad), Some(&caseload), &services()).unwrap();
    let run = run_report(
        &options(&[], AreaLevel::Lad),
        Some(&caseload),
        &services(),
        &Unwatched,
    )
    .unwrap();
    assert_eq!(run.summary.needs[0].need, "language:ben");
    let read = |name: &str| file(&run.files, name).to_owned();

    let csv = read("gaps.csv");
    for code in ["E08000030", "E08000025", "E08000035"] {
        let row = csv.lines().find(|l| l.contains(code)).unwrap();
        let fields: Vec<&str> = row.split(',').collect();
        assert_eq!(fields[5], "", "people suppressed: {row}");
        assert_eq!(fields[6], "true", "{row}");
        assert_eq!(fields[11], "", "unmet need suppressed: {row}");
    }
    assert!(
        csv.lines()
            .any(|l| l.contains("E09000030") && l.contains(",1234,"))
    );

    let geojson: serde_json::Value = serde_json::from_str(&read("gaps.geojson")).unwrap();
    for feature in geojson["features"].as_array().unwrap() {
        let p = &feature["properties"];
        if p["suppressed"] == true {
            assert!(p["people"].is_null() && p["unmet_need"].is_null(), "{p}");
        } else {
            assert!(p["people"].as_f64().unwrap() >= 5.0, "{p}");
        }
    }
    let json: serde_json::Value = serde_json::from_str(&read("summary.json")).unwrap();
    assert_eq!(
        json["needs"][0]["people"], 1234.0,
        "totals leave suppressed counts out"
    );
    let html = read("report.html");
    assert!(html.contains("1234"));
    let area_rows: Vec<&str> = html.lines().filter(|l| l.contains("<small>E")).collect();
    assert_eq!(area_rows.len(), 25);
    for row in area_rows.iter().filter(|r| !r.contains("E09000030")) {
        assert!(row.contains("<td>&lt;5</td>"), "{row}");
    }
    assert!(built.needs[0].suppressed_areas >= 3);
}

#[test]
fn caseload_errors_name_the_row() {
    let error = |text: &str| caseload(text, AreaLevel::Lad).unwrap_err().to_string();
    let e = error("area_code,need,count\nE08000030,language:ben,7\nE99999999,language:ben,7\n");
    assert!(
        e.starts_with("caseload.csv line 3: unknown LAD (2022) area code \"E99999999\""),
        "{e}"
    );
    let e = error("area_code,need,count\nE08000030,language:ben,-2\n");
    assert!(
        e.contains("line 2") && e.contains("must not be negative"),
        "{e}"
    );
    let e = error("area_code,need,count\nE08000030,language:ben,7\nE08000030,language:bn,9\n");
    assert!(e.contains("line 3") && e.contains("repeat line 2"), "{e}");
    let e = error("area_code,count\nE08000030,7\n");
    assert!(e.contains("missing column \"need\""), "{e}");
    let e = error("area_code,need,count\nE08000030,language:xx1,7\n");
    assert!(
        e.contains("line 2") && e.contains("unknown language"),
        "{e}"
    );
    let e = error("area_code,need,count\nE08000030,language:ben,2.5\n");
    assert!(e.contains("whole number"), "{e}");
    let e = caseload(
        "area_code,need,count\nE08000030,language:ben,7\n",
        AreaLevel::Msoa,
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("unknown MSOA (2021) area code"), "{e}");
    let e = caseload(
        "area_code,need,count\nE01000001,language:ben,7\nE02000001,language:ben,9\n",
        AreaLevel::Lsoa,
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("line 3") && e.contains("unknown LSOA (2021) area code \"E02000001\""),
        "an MSOA code is not an LSOA code: {e}"
    );
}

#[test]
fn golden_lsoa_report() {
    let built = report(
        &options(&["language:ben+category:mentoring"], AreaLevel::Lsoa),
        None,
        &services(),
    )
    .unwrap();
    let files = report_files(&built);
    let read = |name: &str| file(&files, name);
    insta::assert_snapshot!("lsoa_gaps_csv", head(read("gaps.csv"), 16));
    insta::assert_snapshot!("lsoa_summary_json", read("summary.json"));
    let need = &built.needs[0];
    assert_eq!(need.areas.len(), 35_672);
    assert_eq!(need.apportioned_from, Some(AreaLevel::Lad));
    let lad = report(
        &options(&["language:ben+category:mentoring"], AreaLevel::Lad),
        None,
        &services(),
    )
    .unwrap();
    assert!(
        (need.people - lad.needs[0].people).abs() < 1e-6 * lad.needs[0].people,
        "LAD counts shared among LSOAs add back up: {} vs {}",
        need.people,
        lad.needs[0].people
    );
    let geojson: serde_json::Value = serde_json::from_str(read("gaps.geojson")).unwrap();
    assert_eq!(geojson["features"].as_array().unwrap().len(), 35_672);
    assert_eq!(read("gaps.csv").lines().count(), 35_673);
    let html = read("report.html");
    assert!(html.contains("LAD counts shared among LSOAs by population"));
    assert!(html.contains("The 25 LSOAs with the largest unmet need"));
    assert!(html.contains("MSOA with an LSOA that has a matching service in reach"));
}

#[test]
fn lsoa_map_dots_are_msoas_so_the_html_stays_small() {
    // Every LSOA in reach of a service: a mentoring service at each MSOA centre of 12 cities.
    let cities = [
        (51.5072, -0.1276),
        (52.4862, -1.8904),
        (53.4808, -2.2426),
        (53.8008, -1.5491),
        (53.4084, -2.9916),
        (51.4545, -2.5879),
        (52.9548, -1.1581),
        (52.6369, -1.1398),
        (53.3811, -1.4701),
        (54.9783, -1.6178),
        (51.4816, -3.1791),
        (52.4068, -1.5197),
    ];
    let services: Vec<Service> = cities
        .iter()
        .enumerate()
        .map(|(i, (lat, lon))| service(&format!("c{i}"), *lat, *lon, &[], &["mentoring"]))
        .collect();
    let built = report(
        &options(&["category:mentoring"], AreaLevel::Lsoa),
        None,
        &services,
    )
    .unwrap();
    let need = &built.needs[0];
    assert_eq!(need.apportioned_from, None, "TS001 is published per LSOA");
    let lsoas_in_reach = need
        .areas
        .iter()
        .filter(|a| a.services_in_reach > 0)
        .count();
    let html = signpost_gaps::render::html(&built);
    let dots = html.lines().filter(|l| l.starts_with("<circle")).count();
    assert!(lsoas_in_reach > 5_000, "{lsoas_in_reach}");
    assert!(
        dots > 500 && dots * 3 < lsoas_in_reach,
        "one dot per MSOA: {dots} dots for {lsoas_in_reach} LSOAs"
    );
    assert!(html.len() < 1_000_000, "{} bytes", html.len());
}

#[test]
fn caseload_of_lsoa_codes() {
    // City of London 001A (E01000001) 7 and 001B 2 (suppressed); Tower Hamlets 005B (E01004202) 40.
    let caseload = caseload(
        "area_code,need,count\nE01000001,language:ben,7\nE01000002,language:ben,2\nE01004202,language:ben,40\n",
        AreaLevel::Lsoa,
    )
    .unwrap();
    assert_eq!(caseload.needs.len(), 1);
    assert_eq!(caseload.needs[0].1.len(), 35_672);
    let built = report(&options(&[], AreaLevel::Lsoa), Some(&caseload), &services()).unwrap();
    let need = &built.needs[0];
    assert_eq!(need.people, 47.0, "the suppressed 2 counts nowhere");
    assert_eq!(need.demand_source, "caseload");
    assert!(!need.apportioned);
    let row = |code: &str| need.areas.iter().find(|a| a.code == code).unwrap();
    assert_eq!(row("E01000001").people, Some(7.0));
    assert!(row("E01000002").suppressed && row("E01000002").people.is_none());
    assert_eq!(row("E01004202").people, Some(40.0));
    assert_eq!(row("E01004202").lad_code, "E09000030");
}
