//! `run_access` against the independent Python reference (`tests/reference.py`, brute force,
//! standard library only) on generated inputs: every score equal to 1e-9 relative error.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use signpost_gaps::{CsvFile, Method, run_access, write_access};

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

    fn uniform(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Points clustered around a few towns so that catchments overlap in every way.
fn points_file(dir: &Path, name: &str, amount: &str, count: usize, rng: &mut Generator) -> PathBuf {
    let towns = [
        (52.48, -1.90),
        (52.58, -1.98),
        (53.48, -2.24),
        (51.51, -0.13),
    ];
    let mut text = format!("id,lat,lon,{amount}\n");
    for i in 0..count {
        let (lat, lon) = towns[(rng.next() % towns.len() as u64) as usize];
        let value = if rng.next().is_multiple_of(10) {
            0.0
        } else {
            rng.uniform(1.0, 2_000.0).round()
        };
        writeln!(
            text,
            "{name}{i},{:.6},{:.6},{value}",
            lat + rng.uniform(-0.12, 0.12),
            lon + rng.uniform(-0.2, 0.2)
        )
        .expect("writing to a String");
    }
    let path = dir.join(format!("{name}.csv"));
    std::fs::write(&path, text).expect("the points file is written");
    path
}

fn read_scores(path: &Path) -> Vec<(String, f64)> {
    std::fs::read_to_string(path)
        .expect("the scores file is read")
        .lines()
        .skip(1)
        .map(|line| {
            let (id, score) = line.rsplit_once(',').expect("two columns");
            (id.to_owned(), score.parse().expect("a score"))
        })
        .collect()
}

fn reference_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference.py")
}

#[test]
fn every_method_equals_the_python_reference() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Generator(20_211);
    let mut compared = 0;
    for round in 0..3 {
        let demand = points_file(
            dir.path(),
            &format!("d{round}_"),
            "population",
            150,
            &mut rng,
        );
        let supply = points_file(dir.path(), &format!("s{round}_"), "capacity", 40, &mut rng);
        for catchment_m in [3_000.0, 10_000.0, 25_000.0] {
            for method in Method::ALL {
                let ours = dir.path().join("ours.csv");
                let theirs = dir.path().join("theirs.csv");
                let open = |path: &Path| CsvFile {
                    name: path.display().to_string(),
                    contents: std::fs::File::open(path).unwrap(),
                };
                let run = run_access(open(&demand), open(&supply), method, catchment_m).unwrap();
                let out = std::fs::File::create(&ours).unwrap();
                write_access("ours.csv", out, &run.ids, &run.scores).unwrap();
                let status = Command::new("python3")
                    .arg(reference_script())
                    .args([&demand, &supply])
                    .arg(method.code())
                    .arg(catchment_m.to_string())
                    .arg(&theirs)
                    .status()
                    .expect("python3 runs");
                assert!(status.success());
                let (ours, theirs) = (read_scores(&ours), read_scores(&theirs));
                assert_eq!(ours.len(), theirs.len());
                for ((id, a), (ref_id, b)) in ours.iter().zip(&theirs) {
                    assert_eq!(id, ref_id);
                    let scale = a.abs().max(b.abs());
                    assert!(
                        (a - b).abs() <= 1e-9 * scale,
                        "{method} {catchment_m} m, {id}: {a} vs reference {b}"
                    );
                    compared += usize::from(*a > 0.0);
                }
            }
        }
    }
    assert!(
        compared > 3_000,
        "too few non-zero scores compared: {compared}"
    );
}
