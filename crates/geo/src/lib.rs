//! Where things are: great-circle distances and radii, the offline UK gazetteer (postcodes,
//! districts, sectors, towns, local authorities, neighbourhoods) and reverse look-ups.
//!
//! ```
//! use signpost_geo::{haversine_m, parse_radius, Point};
//! let metres = parse_radius("3mi").unwrap();
//! assert!(haversine_m(Point::new(52.58, -1.98), Point::new(52.59, -1.98)) < metres);
//! ```

pub mod distance;
pub mod place;

pub use distance::{
    EARTH_RADIUS_M, METRES_PER_MILE, Point, RadiusError, describe_distance, haversine_m,
    parse_radius,
};
pub use place::{Place, PlaceKind, PlaceLookup};
