//! `signpost equality` end to end (docs/equality.md): the rates CSV and HTML heatmap of a counts
//! file as golden files, agreement with the independent Python reference
//! (tests/data/equality/reference.py, standard library only) to 1e-9, one-line errors, and the
//! counts taken from stored referrals with a caseload file.
//!
//! tests/data/equality/counts.csv, by hand, against white-british (referred 30 of 200 = 0.15):
//!
//! - asian-bangladeshi referred 52 of 140: rate 0.371428571…, RRI 0.371428571 / 0.15 =
//!   2.476190476…; variance 1/52 − 1/140 + 1/30 − 1/200 = 0.040421245…, se 0.201050355…,
//!   1.959964 × se = 0.394051459…; interval 2.476190476 × exp(∓0.394051459) =
//!   (1.669743166…, 3.672133175…): above 1, so `higher`.
//! - black-caribbean attended 4 of 5: count below 5, `suppressed`.
//! - white-other referred 4 of 60: `suppressed`; every white-other row is (its counts are small).
//! - mixed-other has no attended row: the heatmap says "no data" there.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

#[path = "cli_support.rs"]
mod support;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::*;
use tempfile::TempDir;

const HEADER: &str = "group,metric,count,base,rate,rri,ci_low,ci_high,flag";

fn counts_file() -> PathBuf {
    data_file("equality/counts.csv")
}

/// Runs `signpost equality --counts COUNTS --reference REFERENCE --out ... --html ...` and
/// returns the CSV and HTML it wrote.
fn equality(counts: &Path, reference: &str) -> (String, String) {
    let work = TempDir::new().unwrap();
    let out = work.path().join("rri.csv");
    let html = work.path().join("heatmap.html");
    run_ok(&[
        "equality",
        "--counts",
        path_str(counts),
        "--reference",
        reference,
        "--out",
        path_str(&out),
        "--html",
        path_str(&html),
    ]);
    (
        std::fs::read_to_string(&out).unwrap(),
        std::fs::read_to_string(&html).unwrap(),
    )
}

fn line_of<'a>(csv: &'a str, group: &str, metric: &str) -> Vec<&'a str> {
    csv.lines()
        .map(|line| line.split(',').collect::<Vec<_>>())
        .find(|fields| fields[0] == group && fields[1] == metric)
        .unwrap()
}

fn close(actual: &str, expected: f64) {
    let actual: f64 = actual.parse().unwrap();
    assert!(
        (actual - expected).abs() <= 1e-9 * expected.abs(),
        "{actual} is not {expected}"
    );
}

#[test]
fn the_rates_csv_holds_the_hand_computed_values() {
    let (csv, _) = equality(&counts_file(), "white-british");
    assert_eq!(csv.lines().next(), Some(HEADER));
    assert_eq!(csv.lines().count(), 15, "one line per input row");
    let reference = line_of(&csv, "white-british", "referred");
    assert_eq!(
        reference,
        [
            "white-british",
            "referred",
            "30",
            "200",
            "0.15",
            "1",
            "",
            "",
            "reference"
        ]
    );
    let row = line_of(&csv, "asian-bangladeshi", "referred");
    close(row[4], 0.371_428_571_428_571_4);
    close(row[5], 2.476_190_476_190_476);
    assert!((row[6].parse::<f64>().unwrap() - 1.669_743_166).abs() < 1e-8);
    assert!((row[7].parse::<f64>().unwrap() - 3.672_133_175).abs() < 1e-8);
    assert_eq!(row[8], "higher");
    assert_eq!(
        line_of(&csv, "black-caribbean", "attended"),
        [
            "black-caribbean",
            "attended",
            "4",
            "5",
            "",
            "",
            "",
            "",
            "suppressed"
        ]
    );
}

#[test]
fn csv_and_heatmap_match_their_golden_files() {
    let (csv, html) = equality(&counts_file(), "white-british");
    insta::assert_snapshot!("equality_rri_csv", csv);
    insta::assert_snapshot!("equality_heatmap_html", html);
}

#[test]
fn the_heatmap_is_self_contained_and_readable_without_colour() {
    let (_, html) = equality(&counts_file(), "white-british");
    for outside in ["<script", "<link", "src=", "http://", "https://", "url("] {
        assert!(!html.contains(outside), "the heatmap holds {outside:?}");
    }
    assert!(html.contains("<th scope=\"col\">referred</th>"));
    assert!(
        html.contains(
            "<th scope=\"row\">white-british <span class=\"note\">(reference)</span></th>"
        )
    );
    assert!(html.contains(
        "<strong>2.48</strong><br><span class=\"ci\">95&nbsp;% CI 1.67&ndash;3.67</span><br>higher"
    ));
    assert!(
        html.contains("<td class=\"none\">no data</td>"),
        "mixed-other has no attended row"
    );
    assert_eq!(html.matches("class=\"suppressed\">suppressed").count(), 4);
    assert!(
        html.contains("id=\"suppressed\""),
        "suppression is explained"
    );
    assert!(
        !html.contains(">4 of 5<"),
        "a suppressed cell shows no numbers"
    );
}

/// A small deterministic generator (SplitMix64), so failures reproduce.
struct Generator(u64);

impl Generator {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Counts for 12 groups × 4 metrics: bases from 0 to 2,000, counts from 0 to the base, some near
/// the suppression edge.
fn generated_counts(dir: &Path, rng: &mut Generator) -> PathBuf {
    let mut text = String::from("group,metric,count,base\n");
    for group in 0..12 {
        for metric in ["referred", "accepted", "attended", "closed"] {
            let base = match rng.below(4) {
                0 => 3 + rng.below(5),
                _ => 5 + rng.below(2_000),
            };
            let count = match rng.below(4) {
                0 => (3 + rng.below(4)).min(base),
                _ => rng.below(base + 1),
            };
            writeln!(text, "g{group},{metric},{count},{base}").unwrap();
        }
    }
    let path = dir.join("generated.csv");
    std::fs::write(&path, text).unwrap();
    path
}

fn python_reference(counts: &Path, reference: &str, dir: &Path) -> String {
    let out = dir.join("python.csv");
    let status = Command::new("python3")
        .arg(data_file("equality/reference.py"))
        .args([path_str(counts), reference, path_str(&out)])
        .status()
        .expect("python3 runs");
    assert!(status.success(), "the Python reference failed");
    std::fs::read_to_string(out).unwrap()
}

/// Every text field equal and every number within 1e-9 relative.
fn assert_agree(ours: &str, python: &str) -> usize {
    let ours: Vec<&str> = ours.lines().collect();
    let python: Vec<&str> = python.lines().collect();
    assert_eq!(ours.len(), python.len());
    let mut numbers = 0;
    assert_eq!(ours[0], HEADER);
    assert_eq!(python[0], HEADER);
    for (a, b) in ours.iter().zip(&python).skip(1) {
        for (column, (x, y)) in a.split(',').zip(b.split(',')).enumerate() {
            if (4..8).contains(&column) && !x.is_empty() && !y.is_empty() {
                let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
                assert!((x - y).abs() <= 1e-9 * y.abs(), "{a}\n{b}");
                numbers += 1;
            } else {
                assert_eq!(x, y, "{a}\n{b}");
            }
        }
    }
    numbers
}

#[test]
fn every_value_equals_the_python_reference() {
    let work = TempDir::new().unwrap();
    let (csv, _) = equality(&counts_file(), "white-british");
    assert_agree(
        &csv,
        &python_reference(&counts_file(), "white-british", work.path()),
    );
    let mut rng = Generator(24);
    let mut numbers = 0;
    for _ in 0..5 {
        let counts = generated_counts(work.path(), &mut rng);
        let (csv, _) = equality(&counts, "g0");
        numbers += assert_agree(&csv, &python_reference(&counts, "g0", work.path()));
    }
    assert!(numbers > 200, "only {numbers} numbers compared");
}

fn equality_error(counts: &str, reference: &str) -> String {
    let work = TempDir::new().unwrap();
    let path = work.path().join("counts.csv");
    std::fs::write(&path, counts).unwrap();
    let out = work.path().join("rri.csv");
    let args = [
        "equality",
        "--counts",
        path_str(&path),
        "--reference",
        reference,
        "--out",
        path_str(&out),
    ];
    let line = assert_one_line_error(&run(&args), counts);
    assert!(!out.exists(), "nothing is written on an error");
    line.replace(path_str(&path), "counts.csv")
}

#[test]
fn bad_counts_are_one_line_errors() {
    let good = "group,metric,count,base\nref,referred,30,200\n";
    assert_eq!(
        equality_error(&format!("{good}a,referred,41,40\n"), "ref"),
        "error: counts.csv line 3: count 41 is larger than base 40"
    );
    assert_eq!(
        equality_error(&format!("{good}a,referred,many,40\n"), "ref"),
        "error: counts.csv line 3: count \"many\" is not a whole number (0 or more)"
    );
    assert_eq!(
        equality_error(&format!("{good}ref,referred,3,40\n"), "ref"),
        "error: counts.csv line 3: group \"ref\" and metric \"referred\" repeat line 2"
    );
    assert_eq!(
        equality_error(&format!("{good}a,accepted,3,40\n"), "ref"),
        "error: the reference group \"ref\" has no row for metric \"accepted\""
    );
    assert_eq!(
        equality_error(good, "white-british"),
        "error: the reference group \"white-british\" has no row for metric \"referred\""
    );
}

#[test]
fn counts_and_caseload_are_exclusive_and_one_is_needed() {
    let output = run(&["equality", "--reference", "a", "--out", "x.csv"]);
    assert_eq!(output.status.code(), Some(2));
    let output = run(&[
        "equality",
        "--counts",
        "c.csv",
        "--from",
        "2026-01-01",
        "--reference",
        "a",
        "--out",
        "x.csv",
    ]);
    assert_eq!(output.status.code(), Some(2), "--from needs --caseload");
}

/// A demonstration service that takes mentoring referrals.
const SERVICE: &str = "5f4913e1-d22e-55f0-bb23-cf328de7c9e5";

/// Sends `sent` referrals of one ethnic group (none: not recorded) to the demo directory under
/// `db`, moves `accepted` of them to accepted and `attended` of those to attended.
async fn refer(
    referrals: &signpost_app::referrals::Referrals<'_>,
    ethnic_group: Option<&str>,
    (sent, accepted, attended): (usize, usize, usize),
) {
    let admin = signpost_app::keys::Actor {
        key_id: "test".to_owned(),
        name: "equality-test".to_owned(),
        role: signpost_app::keys::Role::Admin,
    };
    for i in 0..sent {
        let referral = signpost_app::NewReferral {
            service_id: SERVICE.to_owned(),
            case_ref: format!("EQ-{i:04}"),
            needs: vec!["mentoring".to_owned()],
            equality: signpost_app::Equality {
                ethnic_group: ethnic_group.map(str::to_owned),
                ..signpost_app::Equality::default()
            },
        };
        let id = referrals.send(&admin, &referral).await.unwrap().id;
        if i < accepted {
            referrals
                .change_status(&admin, &id, "accepted", None)
                .await
                .unwrap();
        }
        if i < attended {
            referrals
                .change_status(&admin, &id, "attended", None)
                .await
                .unwrap();
        }
    }
}

fn store_referrals(db: &Path) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let directory = signpost_app::Directory::open(db, None).await.unwrap();
        let referrals = directory.referrals();
        refer(&referrals, Some("white-british"), (12, 9, 7)).await;
        refer(&referrals, Some("asian-bangladeshi"), (8, 5, 5)).await;
        refer(&referrals, None, (2, 1, 0)).await;
    });
}

#[test]
fn stored_referrals_give_counts_on_the_caseload_bases() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    store_referrals(&db);
    let caseload = work.path().join("caseload.csv");
    std::fs::write(
        &caseload,
        "group,count\nwhite-british,200\nasian-bangladeshi,60\nblack-african,40\n",
    )
    .unwrap();
    let out = work.path().join("rri.csv");
    let from_store = |extra: &[&str]| {
        let mut args = vec![
            "equality",
            "--db",
            path_str(&db),
            "--caseload",
            path_str(&caseload),
            "--by",
            "ethnic_group",
            "--reference",
            "white-british",
            "--out",
            path_str(&out),
        ];
        args.extend(extra);
        let output = run(&args);
        assert_success(&output, &args);
        (
            std::fs::read_to_string(&out).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        )
    };
    let (csv, stderr) = from_store(&[]);
    assert!(
        stderr.contains("no caseload row (so no referred rate) for: not-recorded"),
        "{stderr}"
    );
    // Bases: referred on the caseload, accepted on referred, attended on accepted.
    let expected_counts = work.path().join("expected.csv");
    std::fs::write(
        &expected_counts,
        "group,metric,count,base\n\
         white-british,referred,12,200\nwhite-british,accepted,9,12\nwhite-british,attended,7,9\n\
         asian-bangladeshi,referred,8,60\nasian-bangladeshi,accepted,5,8\nasian-bangladeshi,attended,5,5\n\
         black-african,referred,0,40\nblack-african,accepted,0,0\nblack-african,attended,0,0\n\
         not-recorded,accepted,1,2\nnot-recorded,attended,0,1\n",
    )
    .unwrap();
    assert_eq!(csv, equality(&expected_counts, "white-british").0);
    // Waits: a median over 5 or more referrals is shown; over fewer (not-recorded) it is not.
    let waits = work.path().join("waits.csv");
    let html = work.path().join("heatmap.html");
    from_store(&["--waits", path_str(&waits), "--html", path_str(&html)]);
    let waits = std::fs::read_to_string(&waits).unwrap();
    let rows: Vec<Vec<&str>> = waits.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(rows[0], ["group", "step", "referrals", "median_days"]);
    let wait = |group: &str, step: &str| {
        rows.iter()
            .find(|r| r[0] == group && r[1] == step)
            .map(|r| (r[2].to_owned(), r[3].parse::<f64>().ok()))
            .unwrap_or_else(|| panic!("{group} {step} in {waits}"))
    };
    let shown =
        |(n, days): (String, Option<f64>)| (n, days.is_some_and(|d| (0.0..0.01).contains(&d)));
    assert_eq!(
        shown(wait("white-british", "accepted")),
        ("9".to_owned(), true)
    );
    assert_eq!(
        shown(wait("white-british", "attended")),
        ("7".to_owned(), true)
    );
    assert_eq!(
        shown(wait("asian-bangladeshi", "accepted")),
        ("5".to_owned(), true)
    );
    assert_eq!(
        wait("not-recorded", "accepted"),
        ("1".to_owned(), None),
        "suppressed"
    );
    let html = std::fs::read_to_string(&html).unwrap();
    assert!(html.contains("median wait to attended"), "{html}");
    let (csv, _) = from_store(&["--from", "2999-01-01"]);
    assert_eq!(
        csv.lines().count(),
        10,
        "no referrals after the date: {csv}"
    );
    assert!(
        csv.lines()
            .skip(1)
            .all(|line| line.ends_with(",,,,,suppressed"))
    );
}
