//! A small place table standing in for the gazetteer in property tests.

use signpost_geo::{Place, PlaceKind, PlaceLookup};

pub struct TestPlaces;

/// Squashed name, kind, label, latitude, longitude, ambiguity note.
type Row = (
    &'static str,
    PlaceKind,
    &'static str,
    f64,
    f64,
    Option<&'static str>,
);

const PLACES: &[Row] = &[
    (
        "WS11AA",
        PlaceKind::Postcode,
        "WS1 1AA",
        52.5833,
        -1.9822,
        None,
    ),
    (
        "B65RQ",
        PlaceKind::Postcode,
        "B6 5RQ",
        52.5054,
        -1.8855,
        None,
    ),
    ("WS19ZY", PlaceKind::Postcode, "WS1 9ZY", 52.58, -1.98, None),
    ("B6", PlaceKind::District, "B6", 52.506, -1.886, None),
    ("WS1", PlaceKind::District, "WS1", 52.582, -1.981, None),
    ("B65", PlaceKind::Sector, "B6 5", 52.505, -1.885, None),
    ("WALSALL", PlaceKind::Place, "Walsall", 52.586, -1.982, None),
    ("LUTON", PlaceKind::Place, "Luton", 51.879, -0.417, None),
    (
        "BIRMINGHAM",
        PlaceKind::Place,
        "Birmingham",
        52.48,
        -1.9,
        None,
    ),
    (
        "COVENTRY",
        PlaceKind::Place,
        "Coventry",
        52.407,
        -1.512,
        None,
    ),
    (
        "SUTTONCOLDFIELD",
        PlaceKind::Place,
        "Sutton Coldfield",
        52.563,
        -1.822,
        None,
    ),
    (
        "CHURCHSTRETTON",
        PlaceKind::Place,
        "Church Stretton",
        52.538,
        -2.803,
        None,
    ),
    ("READING", PlaceKind::Place, "Reading", 51.456, -0.971, None),
    (
        "NEWPORT",
        PlaceKind::Place,
        "Newport",
        51.588,
        -2.998,
        Some("took Newport, Wales, the most populous of 3"),
    ),
];

fn squash(phrase: &str) -> String {
    phrase
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

impl PlaceLookup for TestPlaces {
    fn lookup(&self, phrase: &str) -> Option<Place> {
        let key = squash(phrase);
        PLACES
            .iter()
            .find(|p| p.0 == key)
            .map(|&(_, kind, label, lat, lon, note)| Place {
                kind,
                label: label.to_owned(),
                lat,
                lon,
                lad_code: None,
                note: note.map(str::to_owned),
            })
    }

    fn suggest(&self, phrase: &str) -> Vec<String> {
        let key = squash(phrase);
        PLACES
            .iter()
            .filter(|p| {
                p.0.len().abs_diff(key.len()) <= 1
                    && p.0.chars().zip(key.chars()).filter(|(a, b)| a != b).count() <= 1
                    || p.0.starts_with(&key) && key.len() + 1 == p.0.len()
            })
            .map(|p| p.2.to_owned())
            .collect()
    }
}
