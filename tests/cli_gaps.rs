//! `signpost gaps access` against scores computed by hand, its errors, and `signpost gaps report`
//! on the demonstration directory (docs/gaps.md).
//!
//! tests/data/gaps puts every point on the meridian 1.9° W, so each distance is R·Δφ:
//! 0.01° of latitude is 1,111.95 m (R = 6,371,008.8 m).
//!
//! | pair    | Δφ    | distance  | in a 6 km catchment | in a 1.5 km catchment |
//! |---------|-------|-----------|---------------------|-----------------------|
//! | D1 – S1 | 0.01° |  1,112 m  | yes                 | yes                   |
//! | D1 – S2 | 0.05° |  5,560 m  | yes                 | no                    |
//! | D2 – S1 | 0.09° | 10,008 m  | no                  | no                    |
//! | D2 – S2 | 0.05° |  5,560 m  | yes                 | no                    |
//!
//! D1 has 1,000 people, D2 3,000; S1 has capacity 10, S2 20. Classic 2SFCA (W = 1 in reach):
//!
//! - 6 km: R1 = 10 / 1000 = 0.01; R2 = 20 / (1000 + 3000) = 0.005;
//!   A(D1) = R1 + R2 = 0.015; A(D2) = R2 = 0.005.
//! - 1.5 km: R1 = 10 / 1000 = 0.01; S2 reaches nobody, R2 = 0;
//!   A(D1) = 0.01; A(D2) = 0 (no supply in reach).
//! - SPAR (E2SFCA weights, zones of 2 km at 6 km: D1–S1 in zone 1, weight 1; the 5,560 m pairs in
//!   zone 3, weight 0.22): R1 = 10 / 1000 = 0.01, R2 = 20 / (0.22 · 4000) = 1 / 44;
//!   A(D1) = 0.01 + 0.22 / 44 = 0.015, A(D2) = 0.22 / 44 = 0.005; the population-weighted mean is
//!   (1000 · 0.015 + 3000 · 0.005) / 4000 = 0.0075, so SPAR(D1) = 2 and SPAR(D2) = 2/3.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

#[path = "cli_support.rs"]
mod support;

use std::path::Path;
use support::*;
use tempfile::TempDir;

/// Runs `gaps access` and returns the `id,access` rows.
fn access(method: &str, catchment: &str, demand: &Path, supply: &Path) -> Vec<(String, f64)> {
    let work = TempDir::new().unwrap();
    let out = work.path().join("access.csv");
    run_ok(&[
        "gaps",
        "access",
        "--demand",
        path_str(demand),
        "--supply",
        path_str(supply),
        "--method",
        method,
        "--catchment",
        catchment,
        "--out",
        path_str(&out),
    ]);
    let text = std::fs::read_to_string(&out).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("id,access"), "the header");
    lines
        .map(|line| {
            let (id, score) = line.split_once(',').expect("two columns");
            (id.to_owned(), score.parse().expect("a number"))
        })
        .collect()
}

fn assert_scores(got: &[(String, f64)], want: &[(&str, f64)]) {
    assert_eq!(got.len(), want.len(), "{got:?}");
    for ((id, score), (want_id, want_score)) in got.iter().zip(want) {
        assert_eq!(id, want_id, "rows keep the demand file's order");
        assert!(
            (score - want_score).abs() <= 1e-12 * want_score.abs().max(1.0),
            "{id}: {score}, want {want_score}"
        );
    }
}

#[test]
fn classic_2sfca_gives_the_hand_computed_scores() {
    let (demand, supply) = (data_file("gaps/demand.csv"), data_file("gaps/supply.csv"));
    assert_scores(
        &access("2sfca", "6km", &demand, &supply),
        &[("D1", 0.015), ("D2", 0.005)],
    );
    assert_scores(
        &access("2sfca", "1.5km", &demand, &supply),
        &[("D1", 0.01), ("D2", 0.0)],
    );
}

#[test]
fn spar_gives_the_hand_computed_ratios() {
    let (demand, supply) = (data_file("gaps/demand.csv"), data_file("gaps/supply.csv"));
    assert_scores(
        &access("spar", "6km", &demand, &supply),
        &[("D1", 2.0), ("D2", 2.0 / 3.0)],
    );
}

#[test]
fn access_json_summarises_the_run() {
    let work = TempDir::new().unwrap();
    let out = work.path().join("access.csv");
    let (demand, supply) = (data_file("gaps/demand.csv"), data_file("gaps/supply.csv"));
    let stdout = run_ok(&[
        "gaps",
        "access",
        "--demand",
        path_str(&demand),
        "--supply",
        path_str(&supply),
        "--method",
        "2sfca",
        "--catchment",
        "1.5km",
        "--out",
        path_str(&out),
        "--json",
    ]);
    let summary = json_stdout(&stdout);
    assert_eq!(summary["demand_points"], 2);
    assert_eq!(summary["supply_points"], 2);
    assert_eq!(summary["demand_served"], 1);
    assert_eq!(summary["population"], 4000.0);
    assert_eq!(summary["capacity"], 30.0);
    assert_eq!(summary["catchment_m"], 1500.0);
}

#[test]
fn a_missing_column_is_a_one_line_error_naming_it() {
    let work = TempDir::new().unwrap();
    let out = work.path().join("access.csv");
    let output = run(&[
        "gaps",
        "access",
        "--demand",
        path_str(&data_file("gaps/demand_without_lon.csv")),
        "--supply",
        path_str(&data_file("gaps/supply.csv")),
        "--method",
        "2sfca",
        "--catchment",
        "6km",
        "--out",
        path_str(&out),
    ]);
    let line = assert_one_line_error(&output, "demand without lon");
    assert!(
        line.contains("demand_without_lon.csv") && line.contains("lon"),
        "{line}"
    );
    assert!(!out.exists(), "no output on an error");
}

#[test]
fn a_bad_number_is_a_one_line_error_naming_the_line_and_column() {
    let work = TempDir::new().unwrap();
    let out = work.path().join("access.csv");
    let output = run(&[
        "gaps",
        "access",
        "--demand",
        path_str(&data_file("gaps/demand.csv")),
        "--supply",
        path_str(&data_file("gaps/supply_bad_number.csv")),
        "--method",
        "2sfca",
        "--catchment",
        "6km",
        "--out",
        path_str(&out),
    ]);
    let line = assert_one_line_error(&output, "supply with a word for a number");
    assert!(
        line.contains("line 3") && line.contains("capacity") && line.contains("twenty"),
        "{line}"
    );
}

#[test]
fn a_catchment_without_a_unit_it_knows_is_a_one_line_error() {
    let work = TempDir::new().unwrap();
    let out = work.path().join("access.csv");
    let output = run(&[
        "gaps",
        "access",
        "--demand",
        path_str(&data_file("gaps/demand.csv")),
        "--supply",
        path_str(&data_file("gaps/supply.csv")),
        "--method",
        "2sfca",
        "--catchment",
        "6 furlongs",
        "--out",
        path_str(&out),
    ]);
    assert_one_line_error(&output, "furlongs");
}

#[test]
fn report_on_the_demo_directory_writes_every_file() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    import(&db, &[&demo_services()]);
    let out = work.path().join("report");
    run_ok(&[
        "gaps",
        "report",
        "--db",
        path_str(&db),
        "--need",
        "language:ben",
        "--area",
        "lad",
        "--out",
        path_str(&out),
    ]);

    let csv = std::fs::read_to_string(out.join("gaps.csv")).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|c| *c == name)
            .unwrap_or_else(|| panic!("no {name} column"))
    };
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert!(
        rows.len() > 300,
        "every local authority district: {} rows",
        rows.len()
    );
    assert!(rows.iter().all(|r| r[column("need")] == "language:ben"));
    // Walsall (E08000030) has Bengali-speaking demo services; Cornwall (E06000052) has none near.
    let walsall = rows
        .iter()
        .find(|r| r[column("area_code")] == "E08000030")
        .expect("Walsall has a row");
    assert!(
        walsall[column("services_in_reach")].parse::<u32>().unwrap() > 0,
        "{walsall:?}"
    );
    assert!(
        walsall[column("nearest_service_m")].parse::<f64>().unwrap() < 10_000.0,
        "{walsall:?}"
    );
    let cornwall = rows
        .iter()
        .find(|r| r[column("area_code")] == "E06000052")
        .expect("Cornwall has a row");
    assert_eq!(cornwall[column("services_in_reach")], "0", "{cornwall:?}");

    let geojson = json_stdout(&std::fs::read(out.join("gaps.geojson")).unwrap());
    assert_eq!(geojson["type"], "FeatureCollection");
    assert!(
        geojson["features"]
            .as_array()
            .is_some_and(|f| !f.is_empty())
    );
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        html.to_ascii_lowercase().contains("<html") && html.contains("<svg"),
        "a self-contained map"
    );
    assert!(
        !html.contains("<script src=\"http"),
        "the report must open offline"
    );
    let summary = json_stdout(&std::fs::read(out.join("summary.json")).unwrap());
    assert!(summary.is_object(), "{summary}");
    assert_eq!(summary["unmet_referrals"], serde_json::json!([]));
    let unmet = std::fs::read_to_string(out.join("unmet_referrals.csv")).unwrap();
    assert_eq!(
        unmet,
        "area_code,area_name,category,declined_full,suppressed
",
        "no referral was declined"
    );
    assert!(html.contains("Unmet referral demand"));
}

#[test]
fn lsoa_report_on_the_demo_directory_covers_every_lsoa() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    import(&db, &[&demo_services()]);
    let out = work.path().join("report");
    let args = [
        "gaps",
        "report",
        "--db",
        path_str(&db),
        "--need",
        "language:ben",
        "--area",
        "lsoa",
        "--language-min",
        "2000",
        "--language-within",
        "25km",
        "--out",
        path_str(&out),
        "--json",
    ];
    let output = run(&args);
    assert_success(&output, &args);
    assert!(
        output.stderr.is_empty(),
        "no progress bar when stderr is not a terminal: {:?}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary = json_stdout(&output.stdout);
    assert_eq!(summary["level"], "lsoa");
    assert_eq!(summary["needs"][0]["apportioned"], true);
    assert_eq!(summary["needs"][0]["apportioned_from"], "lad");
    assert_eq!(summary["needs"][0]["demand_source"], "census TS024");
    let gaps = summary["top_language_gaps"].as_array().unwrap();
    assert!(
        gaps.iter()
            .all(|g| g["residents"].as_f64().unwrap() >= 2000.0
                && g["nearest_m"].as_f64().is_none_or(|m| m > 25_000.0)),
        "--language-min and --language-within are used: {gaps:?}"
    );

    let csv = std::fs::read_to_string(out.join("gaps.csv")).unwrap();
    assert_eq!(
        csv.lines().count(),
        1 + 35_672,
        "a header and every LSOA 2021 of England and Wales"
    );
    let geojson = json_stdout(&std::fs::read(out.join("gaps.geojson")).unwrap());
    let areas: Vec<&serde_json::Value> = geojson["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["properties"])
        .collect();
    assert_eq!(areas.len(), 35_672);
    let in_lad = |lad: &str| -> Vec<&serde_json::Value> {
        areas
            .iter()
            .copied()
            .filter(|a| a["lad_code"] == lad)
            .collect()
    };
    let in_reach = |a: &&serde_json::Value| a["services_in_reach"] != 0;
    // Walsall (E08000030) has Bengali-speaking demo services; Cornwall (E06000052) has none near.
    assert!(in_lad("E08000030").iter().any(in_reach));
    let cornwall = in_lad("E06000052");
    assert_eq!(cornwall.len(), 336, "Cornwall's LSOAs");
    assert!(!cornwall.iter().any(in_reach));
    let city = areas
        .iter()
        .find(|a| a["area_code"] == "E01000001")
        .unwrap();
    assert_eq!(city["area_name"], "City of London (City of London 001A)");

    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("LAD counts shared among LSOAs by population"));
    assert!(
        html.len() < 1_500_000,
        "report.html is {} bytes",
        html.len()
    );
}

#[test]
fn lsoa_caseload_with_an_msoa_code_is_a_one_line_error_naming_the_line() {
    let work = TempDir::new().unwrap();
    let caseload = work.path().join("caseload.csv");
    std::fs::write(
        &caseload,
        "area_code,need,count\nE01000001,language:ben,12\nE02000001,language:ben,9\n",
    )
    .unwrap();
    let output = run(&[
        "gaps",
        "report",
        "--db",
        path_str(&work.path().join("db")),
        "--need",
        "language:ben",
        "--area",
        "lsoa",
        "--caseload",
        path_str(&caseload),
        "--out",
        path_str(&work.path().join("report")),
    ]);
    let line = assert_one_line_error(&output, "an MSOA code in an LSOA caseload");
    assert!(
        line.contains("caseload.csv line 3")
            && line.contains("unknown LSOA (2021) area code \"E02000001\""),
        "{line}"
    );
}

#[test]
fn report_with_an_unknown_need_is_a_one_line_error() {
    let work = TempDir::new().unwrap();
    let out = work.path().join("report");
    let db = work.path().join("db");
    let output = run(&[
        "gaps",
        "report",
        "--db",
        path_str(&db),
        "--need",
        "faith:astrology",
        "--out",
        path_str(&out),
    ]);
    let line = assert_one_line_error(&output, "unknown faith");
    assert!(line.contains("astrology"), "{line}");
}

/// The demo's Bengali and Sylheti Peer Mentoring, in Walsall (E08000030).
const WALSALL_MENTORING: &str = "5f4913e1-d22e-55f0-bb23-cf328de7c9e5";

/// Sends `count` referrals for `needs` to the Walsall mentoring service and declines each for
/// `reason`.
async fn declined_referrals(
    referrals: &signpost_app::referrals::Referrals<'_>,
    needs: &[&str],
    count: usize,
    reason: &str,
) {
    let admin = signpost_app::keys::Actor {
        key_id: "test".to_owned(),
        name: "gaps-test".to_owned(),
        role: signpost_app::keys::Role::Admin,
    };
    for i in 0..count {
        let referral = signpost_app::NewReferral {
            service_id: WALSALL_MENTORING.to_owned(),
            case_ref: format!("GAP-{i:04}"),
            needs: needs.iter().map(|n| (*n).to_owned()).collect(),
            equality: signpost_app::Equality::default(),
        };
        let id = referrals.send(&admin, &referral).await.unwrap().id;
        referrals
            .change_status(&admin, &id, "declined", Some(reason))
            .await
            .unwrap();
    }
}

#[test]
fn referrals_declined_as_full_are_unmet_demand_in_the_services_area() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let directory = signpost_app::Directory::open(&db, None).await.unwrap();
        let referrals = directory.referrals();
        declined_referrals(&referrals, &["mentoring"], 5, "full").await;
        declined_referrals(&referrals, &["mentoring", "accommodation"], 2, "full").await;
        declined_referrals(&referrals, &["mentoring"], 3, "not-eligible").await;
    });
    let out = work.path().join("report");
    run_ok(&[
        "gaps",
        "report",
        "--db",
        path_str(&db),
        "--need",
        "category:mentoring",
        "--area",
        "lad",
        "--out",
        path_str(&out),
    ]);
    let unmet = std::fs::read_to_string(out.join("unmet_referrals.csv")).unwrap();
    assert_eq!(
        unmet,
        "area_code,area_name,category,declined_full,suppressed\n\
         E08000030,Walsall,mentoring,7,false\n\
         E08000030,Walsall,accommodation,,true\n",
        "7 declined as full for mentoring; 2 for accommodation is below 5; not-eligible is not unmet demand"
    );
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        html.contains("<td>Walsall</td><td>mentoring</td><td>7</td>"),
        "{html}"
    );
}
