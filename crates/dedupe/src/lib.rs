//! Duplicate detection: pairs of services that are probably the same service listed twice (by
//! several sources under different ids), each scored 0.0–1.0 with the reasons, highest first.
//!
//! A pair needs alike names *and* something concrete in common (a place within
//! [`NEAR_METRES`], a phone number, an e-mail address or a web address): a shared charity or
//! company number raises the score but never makes a pair alone, so two services of one charity
//! are not proposed. Candidates are found by blocking (services sharing a postcode, a ~100 m cell,
//! a phone, an e-mail or a web address, and a name word), never by comparing every pair. Nothing
//! here merges anything: the caller shows the pairs to a person.

mod blocking;
mod normalise;
mod profile;
mod reason;
mod score;

pub use blocking::find_duplicates;
pub use normalise::{name_tokens, phone_key, web_key};
pub use profile::Profile;
pub use reason::{Reason, Registry};
pub use score::{NAME_THRESHOLD, NEAR_METRES, score_pair};

/// Two services proposed as one, `a` < `b` by id.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Candidate {
    pub a: String,
    pub b: String,
    /// 0.0 (unlike) to 1.0 (certainly the same), rounded to two decimals.
    pub score: f64,
    /// Why, most telling first (the same charity number), each serialised as its English phrase.
    pub reasons: Vec<Reason>,
}
