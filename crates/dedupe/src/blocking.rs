//! Finding the pairs worth scoring without comparing every service with every other: a pair must
//! share a place, phone, e-mail or web address (so blocks are keyed on those), and alike names
//! share a word's first letters (so each key carries one).

use std::collections::{HashMap, HashSet};

use signpost_domain::Service;

use crate::Candidate;
use crate::profile::Profile;
use crate::score::{NEAR_METRES, score_pair};

/// Letters of a name word a block key keeps, so "Walsal" and "Walsall" meet.
const WORD_PREFIX: usize = 4;
/// Degrees of latitude in one cell: about 111 m, so points within [`NEAR_METRES`] are in the
/// same or a neighbouring cell.
const CELL_LAT_DEGREES: f64 = NEAR_METRES / 90_000.0;

/// The services' probable duplicates, highest score first (ties by ids). Each pair once.
pub fn find_duplicates(services: &[Service]) -> Vec<Candidate> {
    let profiles: Vec<Profile> = services.iter().map(Profile::of).collect();
    let mut blocks: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, profile) in profiles.iter().enumerate() {
        for key in keys(profile, Cells::Own) {
            blocks.entry(key).or_default().push(index);
        }
    }
    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    let mut candidates = Vec::new();
    for (index, profile) in profiles.iter().enumerate() {
        for key in keys(profile, Cells::WithNeighbours) {
            for &other in blocks.get(&key).into_iter().flatten() {
                if other > index && seen.insert((index, other)) {
                    candidates.extend(score_pair(profile, &profiles[other]));
                }
            }
        }
    }
    candidates.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| x.a.cmp(&y.a))
            .then_with(|| x.b.cmp(&y.b))
    });
    candidates
}

/// Whether a profile's point keys name only its own cell (when filing it) or also the eight
/// around it (when looking for its neighbours).
#[derive(Clone, Copy)]
enum Cells {
    Own,
    WithNeighbours,
}

fn keys(profile: &Profile, cells: Cells) -> Vec<String> {
    let mut signals: Vec<String> = profile
        .postcodes
        .iter()
        .map(|p| format!("postcode {p}"))
        .chain(profile.phones.iter().map(|p| format!("phone {p}")))
        .chain(profile.emails.iter().map(|e| format!("email {e}")))
        .chain(profile.webs.iter().map(|w| format!("web {w}")))
        .collect();
    for point in &profile.points {
        let (row, column) = cell(point.lat, point.lon);
        let reach = match cells {
            Cells::Own => 0,
            Cells::WithNeighbours => 1,
        };
        for dr in -reach..=reach {
            for dc in -reach..=reach {
                signals.push(format!("cell {} {}", row + dr, column + dc));
            }
        }
    }
    let mut words: Vec<String> = profile
        .tokens
        .iter()
        .map(|t| t.chars().take(WORD_PREFIX).collect())
        .collect();
    words.sort();
    words.dedup();
    signals
        .iter()
        .flat_map(|signal| words.iter().map(move |word| format!("{signal}|{word}")))
        .collect()
}

/// A point's cell: rows of [`CELL_LAT_DEGREES`], columns as wide in metres at that latitude
/// (at least as wide: the column width is taken at the row's pole-ward edge).
fn cell(lat: f64, lon: f64) -> (i64, i64) {
    let row = (lat / CELL_LAT_DEGREES).floor();
    let edge = ((row.abs() + 1.0) * CELL_LAT_DEGREES)
        .min(89.0)
        .to_radians();
    let column_degrees = CELL_LAT_DEGREES / edge.cos();
    (row as i64, (lon / column_degrees).floor() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn service(id: &str, name: &str, phone: &str, lat: f64, lon: f64) -> Service {
        serde_json::from_value(json!({
            "id": id, "name": name,
            "phones": [{"id": format!("{id}-p"), "number": phone}],
            "service_at_locations": [{"id": format!("{id}-s"), "location": {"id": format!("{id}-l"), "latitude": lat, "longitude": lon}}]
        }))
        .unwrap()
    }

    #[test]
    fn pairs_are_found_through_shared_blocks_and_ranked() {
        let services = [
            service("1", "Walsall Food Bank", "0121 496 0001", 52.586, -1.982),
            service("2", "Walsal Foodbank", "0121 496 0001", 52.586, -1.982),
            service("3", "Walsall Food Bank", "0121 496 0999", 52.590, -1.990),
            service("4", "Walsall Food Bank", "0121 496 0002", 52.5864, -1.9822),
            service("5", "Aston Mentoring", "0121 496 0001", 52.586, -1.982),
        ];
        let pairs: Vec<(String, String)> = find_duplicates(&services)
            .into_iter()
            .map(|c| (c.a, c.b))
            .collect();
        assert_eq!(
            pairs,
            [
                ("1".to_owned(), "2".to_owned()),
                ("1".to_owned(), "4".to_owned()),
                ("2".to_owned(), "4".to_owned())
            ]
        );
    }

    #[test]
    fn neighbouring_cells_are_searched() {
        let step = CELL_LAT_DEGREES;
        let a = service("a", "Food Bank", "1", step * 1000.0 - 0.0001, -1.9);
        let b = service("b", "Food Bank", "2", step * 1000.0 + 0.0001, -1.9);
        assert_ne!(cell(a.points()[0].lat, -1.9), cell(b.points()[0].lat, -1.9));
        assert_eq!(find_duplicates(&[a, b]).len(), 1);
    }
}
