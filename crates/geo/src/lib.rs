//! Where things are: great-circle distances and radii, the offline UK gazetteer (postcodes,
//! districts, sectors, towns, local authorities, neighbourhoods) and reverse look-ups.
//!
//! ```
//! use signpost_geo::{haversine_m, parse_radius, Point};
//! let metres = parse_radius("3mi").unwrap();
//! assert!(haversine_m(Point::new(52.58, -1.98), Point::new(52.59, -1.98)) < metres);
//! ```
//!
//! The gazetteer is built from open data (ONS, GeoNames, House of Commons Library) shipped in
//! `fixtures/gazetteer/` and embedded in the binary. [`build_from_raw`] makes those files from
//! the raw files' bytes ([`RawData`]); reading and writing files is the caller's (`signpost
//! gazetteer build`), as this crate does no IO:
//!
//! ```
//! use signpost_geo::{Gazetteer, PlaceLookup};
//! let gazetteer = Gazetteer::bundled().unwrap();
//! let place = gazetteer.lookup("ws11aa").unwrap();
//! assert_eq!(place.label, "WS1 1AA");
//! assert_eq!(place.lad_code.as_deref(), Some("E08000030"));
//! ```

mod boundaries;
mod codec;
pub mod distance;
mod gazetteer;
mod grid;
mod names;
pub mod place;
mod postcode;
mod rebuild;
mod tables;

pub use distance::{
    EARTH_RADIUS_M, METRES_PER_MILE, Point, RadiusError, describe_distance, haversine_m,
    parse_radius,
};
pub use gazetteer::{Areas, Gazetteer, LOCATE_REACH_M};
pub use grid::{Cell, CellBlock, CellBuckets, CellGrid, HAV_MARGIN, hav_of_distance};
pub use names::{DeletionMap, KeyHasher, deletion_keys, index_deletions, normalise_name};
pub use place::{Place, PlaceKind, PlaceLookup};
pub use postcode::{PostcodeQuery, looks_like_postcode, normalise_postcode, parse_postcode_query};
pub use rebuild::{BuildReport, RawData, RawFile, Rebuilt, build_from_raw};

/// Attribution for the bundled open data: show it with `--version --verbose` and in page footers.
pub const ATTRIBUTION: &str = include_str!("../../../fixtures/gazetteer/ATTRIBUTION.md");

/// The gazetteer could not be built or loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GazetteerError {
    #[error("{file}: {message}")]
    Raw { file: String, message: String },
    #[error("the gazetteer data is damaged: {0}")]
    Corrupt(String),
}
