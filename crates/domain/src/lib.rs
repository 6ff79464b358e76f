//! Signpost's domain: HSDS 3.0 service records, the category/faith/language vocabularies, and the
//! facets Signpost reads from a record. Pure data and rules: no IO, no database, no HTTP.
//!
//! ```
//! let service: signpost_domain::Service =
//!     serde_json::from_str(r#"{"id": "s1", "name": "Bengali mentoring", "languages": [{"id": "l1", "code": "ben"}]}"#).unwrap();
//! assert_eq!(service.language_codes(), vec!["ben"]);
//! assert_eq!(service.status, "active");
//! ```

pub mod confidential;
pub mod facets;
pub mod hsds;
pub mod lenient;
mod nested;
pub mod opening;
pub mod oruk_page;
pub mod reason;
pub mod translations;
pub mod validate;
pub mod vocab;

pub use facets::{Gender, LatLon};
pub use hsds::*;
pub use translations::{TranslatedField, Translation};
