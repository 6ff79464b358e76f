//! Navigator matching (issue 10): one person's profile against the candidate services the
//! caller found within their reach, giving a short ranked list in which every criterion is
//! explained, and the person's needs that nothing in reach meets. Pure: no IO, no logging (the
//! profile is special-category data and is never written anywhere by this crate). Reasons are
//! data (`signpost_domain::reason::Reason`); the faces put them in words in the interface
//! language.
//!
//! ```
//! use signpost_match::{Candidate, MatchConfig, Profile, match_services};
//! let profile = Profile::from_json(
//!     r#"{"needs": [{"category": "mentoring", "essential": true}], "home": {"postcode": "WS1 1AA"},
//!         "languages": {"speaks": ["syl", "ben"], "preferred": "syl", "interpreter_ok": false}}"#,
//! ).unwrap();
//! let service: signpost_domain::Service = serde_json::from_str(r#"{"id": "s1", "name": "Mentors",
//!     "languages": [{"id": "l1", "code": "syl"}],
//!     "attributes": [{"id": "a1", "taxonomy_term": {"id": "t", "code": "mentoring", "name": "Mentoring",
//!                     "taxonomy": "signpost-category"}}]}"#).unwrap();
//! let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
//! let outcome = match_services(&profile, &[Candidate { service: &service, distance_m: 1200.0 }],
//!                              &MatchConfig::default(), today);
//! let reason = &outcome.results[0].criteria[2].reason;
//! assert_eq!(signpost_i18n::reason_text(signpost_i18n::Lang::En, reason), "speaks Sylheti (preferred)");
//! ```

pub mod calendar;
mod criteria;
mod matching;
mod profile;
mod schedule;

pub use criteria::{Criterion, Status};
pub use matching::{Candidate, MatchConfig, MatchOutcome, MatchResult, UnmetNeed, match_services};
pub use profile::{
    DEFAULT_MAX_DISTANCE_M, Home, MAX_WINDOW_DAYS, PUBLIC_TRANSPORT_M_PER_MIN, Profile,
    ProfileError, WALK_M_PER_MIN,
};
