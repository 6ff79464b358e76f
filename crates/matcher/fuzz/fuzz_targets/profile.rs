//! Any text posted as a match profile (`POST /api/v1/match`, `signpost match`, the `/match` form):
//! `Profile::from_json` accepts or names the problem, never panics, and an accepted profile has a
//! finite positive reach and matches the test directory without panicking or breaking the limits.
#![no_main]

use std::sync::OnceLock;

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use signpost_domain::Service;
use signpost_match::{Candidate, MatchConfig, Profile, match_services};

fn directory() -> &'static [Service] {
    static SERVICES: OnceLock<Vec<Service>> = OnceLock::new();
    SERVICES.get_or_init(|| {
        serde_json::from_str(include_str!("../../tests/data/directory.json"))
            .expect("the matcher's test directory reads")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let profile = match Profile::from_json(text) {
        Ok(profile) => profile,
        Err(error) => {
            assert!(!error.to_string().is_empty());
            return;
        }
    };
    let reach = profile.max_distance_m();
    assert!(reach.is_finite() && reach > 0.0, "reach {reach}");
    let _ = profile.home().phrase();
    let _ = profile.need_categories();
    let candidates: Vec<Candidate<'_>> = directory()
        .iter()
        .enumerate()
        .map(|(i, service)| Candidate {
            service,
            distance_m: 700.0 * i as f64,
        })
        .collect();
    let config = MatchConfig::default();
    let today = NaiveDate::from_ymd_opt(2026, 3, 2).expect("a date");
    let outcome = match_services(&profile, &candidates, &config, today);
    assert!(outcome.results.len() <= config.limit);
    for result in &outcome.results {
        assert!(result.score.is_finite());
    }
});
