//! The contract between the gazetteer and its users (the query parser, the engine, gap analysis).

use crate::distance::Point;
use serde::{Deserialize, Serialize};

/// What sort of place a phrase resolved to (`near.kind` in docs/parsed-query.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    /// A full unit postcode, "WS1 1AA".
    Postcode,
    /// An outward code, "B6".
    District,
    /// A postcode sector, "B6 5".
    Sector,
    /// A town, city, local authority, ward or neighbourhood name.
    Place,
    /// Coordinates typed in as "lat,lon".
    Point,
}

/// A resolved place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub kind: PlaceKind,
    /// How to show it: the canonical postcode ("WS1 1AA") or the place's proper name ("Walsall").
    pub label: String,
    pub lat: f64,
    pub lon: f64,
    /// The local authority (GSS code) the place lies in, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lad_code: Option<String>,
    /// Why this match was taken when the name was ambiguous ("most populous of 3 places called Newport").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Place {
    pub fn point(&self) -> Point {
        Point::new(self.lat, self.lon)
    }
}

/// Resolves place phrases offline. Implemented by the gazetteer; tests may use a small table.
pub trait PlaceLookup {
    /// The place a phrase names exactly, after normalising case, spacing and punctuation:
    /// unit postcodes ("ws11aa"), districts ("B6"), sectors ("B6 5"), towns, local authorities,
    /// wards, MSOA neighbourhoods, and "Name, Authority" to pick among namesakes.
    /// `None` when the phrase is not a known place; never a guess.
    fn lookup(&self, phrase: &str) -> Option<Place>;

    /// Known names or postcodes close to a phrase that was not found, best first ("did you mean").
    fn suggest(&self, phrase: &str) -> Vec<String>;

    /// The one town, city or local authority of at least `min_population` people that a
    /// misspelt phrase most likely names ("Walsall" for "Wallsall"), at most `edits` typing slips
    /// away (never more than [`Self::suggest`] allows) and starting with the same letter: `None`
    /// for a known place, when a name of
    /// another kind is nearer, when nothing is that close, or when two are equally close and
    /// neither has ten times the other's people. Tables without an index say `None`.
    fn correct(&self, _phrase: &str, _edits: usize, _min_population: u32) -> Option<String> {
        None
    }
}
