//! Any JSON read as a service, matched against people with available times, prayer times,
//! Shabbat and festival days: the weekly schedules (`byday`, `opens_at`, `closes_at`, `freq`,
//! `valid_from`/`valid_to` ... as publishers write them) are read without panicking, and every
//! score stays finite.
#![no_main]

use std::sync::OnceLock;

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use signpost_domain::Service;
use signpost_i18n::{Lang, reason_text};
use signpost_match::{Candidate, MatchConfig, Profile, match_services};

const PROFILES: [&str; 3] = [
    r#"{"needs": [{"category": "mentoring"}], "home": {"postcode": "WS1 1AA"},
        "available": [{"day": "mon", "from": "09:00", "to": "12:30"},
                      {"day": "sun", "from": "22:00", "to": "23:59"}],
        "faith": {"code": "muslim", "observance": ["friday_prayers", "avoid_festivals"]},
        "dates": {"from": "2026-03-10", "to": "2026-04-30"}}"#,
    r#"{"needs": [{"category": "food", "essential": true}], "home": {"lat": 52.58, "lon": -1.98},
        "available": [{"day": "sat", "from": "00:00", "to": "23:59"}],
        "faith": {"code": "jewish", "observance": ["shabbat"]}}"#,
    r#"{"needs": [{"category": "accommodation"}], "home": {"place": "Walsall"},
        "available": [{"day": "fri", "from": "12:00", "to": "13:00"}],
        "faith": {"code": "hindu", "observance": ["diwali", "holi"]}}"#,
];

fn profiles() -> &'static [Profile] {
    static READ: OnceLock<Vec<Profile>> = OnceLock::new();
    READ.get_or_init(|| {
        PROFILES
            .iter()
            .map(|text| Profile::from_json(text).expect("the fuzz profiles read"))
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(service) = serde_json::from_slice::<Service>(data) else {
        return;
    };
    let candidates = [Candidate {
        service: &service,
        distance_m: 1_000.0,
    }];
    let config = MatchConfig::default();
    let today = NaiveDate::from_ymd_opt(2026, 3, 2).expect("a date");
    for profile in profiles() {
        let outcome = match_services(profile, &candidates, &config, today);
        assert!(outcome.results.len() <= 1);
        for result in &outcome.results {
            assert!(result.score.is_finite());
            for criterion in &result.criteria {
                assert!(!reason_text(Lang::En, &criterion.reason).is_empty());
            }
        }
    }
});
