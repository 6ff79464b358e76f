//! The bundled census files (`fixtures/census/`) equal a fresh run of their `BUILD.py` over the
//! open-data pack, when the pack is beside the repository (`../shared/data`, or
//! `SIGNPOST_SHARED_DATA`).
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

use std::path::{Path, PathBuf};
use std::process::Command;

fn shared_data_dir() -> PathBuf {
    std::env::var_os("SIGNPOST_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}

#[test]
fn bundled_census_files_equal_a_rebuild() {
    let data = shared_data_dir();
    if !data.join("geography/lsoa21_centroids.csv").exists() {
        eprintln!("skipped: the open-data pack is not at {}", data.display());
        return;
    }
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/census");
    let out = tempfile::tempdir().unwrap();
    let status = Command::new("python3")
        .arg(fixtures.join("BUILD.py"))
        .arg(&data)
        .arg(out.path())
        .status()
        .expect("python3 runs BUILD.py");
    assert!(status.success(), "BUILD.py failed: {status}");
    let mut built: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    built.sort();
    assert_eq!(
        built,
        [
            "categories.csv",
            "lad.csv",
            "lad22_map.tsv",
            "lad_counts.csv",
            "lsoa.csv",
            "msoa.csv",
            "msoa_ts021.csv"
        ]
    );
    for name in &built {
        let rebuilt = std::fs::read(out.path().join(name)).unwrap();
        let shipped = std::fs::read(fixtures.join(name)).unwrap();
        assert!(
            rebuilt == shipped,
            "fixtures/census/{name} differs from a rebuild"
        );
    }
}
