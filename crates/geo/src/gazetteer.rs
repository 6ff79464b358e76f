//! The offline UK gazetteer: postcodes, districts, sectors, local authorities, towns, wards and
//! MSOA neighbourhoods from the bundled open data, with reverse look-up of a point's areas.

use crate::boundaries::Boundaries;
use crate::codec::decompress;
use crate::grid::SpatialGrid;
use crate::names::{DeletionIndex, MAX_DELETIONS, NameIndex, normalise_name};
use crate::place::{Place, PlaceKind, PlaceLookup};
use crate::postcode::{
    PostcodeQuery, district_of, pack_postcode, parse_postcode_query, sector_of, unpack_postcode,
};
use crate::tables::{Centroid, NO_AREA, NameKind, NamedPlace, Tables, to_degrees};
use crate::{GazetteerError, Point};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

static BUNDLED_POSTCODES: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../fixtures/gazetteer/postcodes.bin.zst"
));
static BUNDLED_PLACES: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../fixtures/gazetteer/places.bin.zst"
));
static BUNDLED_BOUNDARIES: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../fixtures/gazetteer/lad_boundaries.geojson.zst"
));

/// How far from the nearest postcode a point may be for [`Gazetteer::locate`] to answer (metres).
pub const LOCATE_REACH_M: f64 = 5_000.0;
/// How many suggestions [`PlaceLookup::suggest`] gives at most.
const MAX_SUGGESTIONS: usize = 5;
/// Longer phrases get no fuzzy name suggestions (the edit distance is quadratic).
const MAX_SUGGEST_LEN: usize = 60;
/// The fewest people a town, city or authority needs to be corrected towards.
const CORRECTED_PEOPLE: u32 = 10_000;
/// A correction between two names equally far from what was typed takes the more populous only
/// when it has this many times the other's people.
const CLEAR_WINNER: u32 = 10;
/// How many namesakes a note lists besides the one taken.
const MAX_NAMESAKES_NOTED: usize = 3;

/// The small areas a point lies in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Areas {
    /// Current local authority (GSS code) and its name.
    pub lad_code: String,
    pub lad_name: String,
    /// LSOA 2021 and MSOA 2021 (England and Wales only).
    pub lsoa_code: Option<String>,
    pub msoa_code: Option<String>,
    /// The House of Commons Library name of the MSOA ("Sparkbrook North").
    pub msoa_name: Option<String>,
    /// The postcode whose areas these are, and how far it is from the point.
    pub postcode: String,
    pub distance_m: f64,
}

/// The gazetteer. Load once ([`Gazetteer::bundled`]) and share: look-ups take `&self`.
pub struct Gazetteer {
    tables: Tables,
    /// Towns, wards, neighbourhoods and local authorities.
    places: Vec<NamedPlace>,
    /// Normalised name to indices into `places`.
    names: HashMap<String, Vec<usize>>,
    /// Normalised local authority name or lower-case code to indices into `tables.lads`.
    authorities: HashMap<String, Vec<usize>>,
    /// The keys of `names`, by the id `name_index` gives them.
    name_keys: Vec<String>,
    name_index: NameIndex,
    /// The names of towns, cities and authorities of [`CORRECTED_PEOPLE`] or more, which
    /// misspellings are corrected towards.
    town_index: DeletionIndex,
    /// Every name, found one edit away: whether a name is nearer than a corrected town.
    near_name_index: DeletionIndex,
    grid: SpatialGrid,
    boundaries: Boundaries,
}

impl Gazetteer {
    /// Loads the data embedded in the binary (fixtures/gazetteer/ at build time).
    pub fn load_bundled() -> Result<Gazetteer, GazetteerError> {
        Gazetteer::from_bundle(BUNDLED_POSTCODES, BUNDLED_PLACES, BUNDLED_BOUNDARIES)
    }

    /// The embedded gazetteer, loaded on first use and shared by the whole process.
    pub fn bundled() -> Result<&'static Gazetteer, GazetteerError> {
        static BUNDLED: OnceLock<Result<Gazetteer, GazetteerError>> = OnceLock::new();
        BUNDLED
            .get_or_init(Gazetteer::load_bundled)
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Loads a gazetteer from the contents of the bundled folder's files (as
    /// [`crate::build_from_raw`] makes them): `postcodes.bin.zst`, `places.bin.zst` and
    /// `lad_boundaries.geojson.zst`.
    pub fn from_bundle(
        postcodes: &[u8],
        places: &[u8],
        boundaries: &[u8],
    ) -> Result<Gazetteer, GazetteerError> {
        let tables = Tables::decode(&decompress(postcodes)?, &decompress(places)?)?;
        let boundaries = Boundaries::parse(&decompress(boundaries)?, &tables.lads)?;
        let gazetteer = Gazetteer::from_tables(tables, boundaries);
        tracing::debug!(
            postcodes = gazetteer.tables.postcodes.keys.len(),
            places = gazetteer.places.len(),
            "gazetteer loaded"
        );
        Ok(gazetteer)
    }

    pub(crate) fn from_tables(mut tables: Tables, boundaries: Boundaries) -> Gazetteer {
        let mut places = std::mem::take(&mut tables.places);
        let lads = &tables.lads;
        // A former authority whose successor kept its name ("Barnsley") is not a place of its own.
        let named_lads = lads
            .iter()
            .filter(|lad| lad.current || lads[lad.active].name != lad.name);
        places.extend(named_lads.filter_map(|lad| {
            let (lat, lon) = lad.centre?;
            Some(NamedPlace {
                kind: NameKind::LocalAuthority,
                name: lad.name.clone(),
                lat,
                lon,
                lad: Some(lad.active),
                population: lad.population,
            })
        }));
        let mut names: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, place) in places.iter().enumerate() {
            names
                .entry(normalise_name(&place.name))
                .or_default()
                .push(i);
        }
        let mut authorities: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, lad) in tables.lads.iter().enumerate() {
            authorities
                .entry(normalise_name(&lad.name))
                .or_default()
                .push(i);
            authorities
                .entry(lad.code.to_ascii_lowercase())
                .or_default()
                .push(i);
        }
        let grid = SpatialGrid::build(&tables.postcodes.lat, &tables.postcodes.lon);
        let name_keys: Vec<String> = names.keys().cloned().collect();
        let name_index = NameIndex::build(name_keys.iter().cloned().zip(0..).collect());
        let towns = names
            .iter()
            .filter(|(_, indices)| {
                indices.iter().any(|i| {
                    let place = &places[*i];
                    matches!(place.kind, NameKind::Town | NameKind::LocalAuthority)
                        && place.population.unwrap_or(0) >= CORRECTED_PEOPLE
                })
            })
            .map(|(name, _)| name.clone())
            .collect();
        let town_index = DeletionIndex::build(towns, MAX_DELETIONS);
        let near_name_index = DeletionIndex::build(name_keys.clone(), 1);
        Gazetteer {
            tables,
            places,
            names,
            authorities,
            name_keys,
            name_index,
            town_index,
            near_name_index,
            grid,
            boundaries,
        }
    }

    /// How many unit postcodes are loaded.
    pub fn postcode_count(&self) -> usize {
        self.tables.postcodes.keys.len()
    }

    /// The local authority, LSOA and MSOA of a point: those of the nearest postcode within
    /// [`LOCATE_REACH_M`], or `None` (at sea, abroad).
    ///
    /// Why the nearest postcode and not point-in-polygon: every postcode's areas were assigned
    /// by the data builders against the detailed (BGC, ~20 m) LSOA polygons, while the boundaries
    /// small enough to ship are ultra-generalised (BUC, hundreds of metres off near edges) and
    /// have no LSOAs at all. Postcodes sit a few tens of metres apart where people live, so the
    /// nearest one is the finer answer; `distance_m` says how far it was.
    pub fn locate(&self, point: Point) -> Option<Areas> {
        let table = &self.tables.postcodes;
        let (row, distance_m) = self
            .grid
            .nearest(&table.lat, &table.lon, point, LOCATE_REACH_M)?;
        Some(self.areas_of_row(row, distance_m))
    }

    /// The areas of a unit postcode, typed in any spacing or case ("ws11aa").
    pub fn postcode_areas(&self, postcode: &str) -> Option<Areas> {
        let key = pack_postcode(&crate::normalise_postcode(postcode)?)?;
        let row = self.tables.postcodes.keys.binary_search(&key).ok()?;
        Some(self.areas_of_row(row, 0.0))
    }

    fn areas_of_row(&self, row: usize, distance_m: f64) -> Areas {
        let table = &self.tables.postcodes;
        let lad = &self.tables.lads[usize::from(table.lad[row])];
        let msoa = area(table.msoa[row]).map(|i| &table.msoas[i]);
        Areas {
            lad_code: lad.code.clone(),
            lad_name: lad.name.clone(),
            lsoa_code: area(table.lsoa[row]).map(|i| table.lsoa_codes[i].clone()),
            msoa_code: msoa.map(|m| m.code.clone()),
            msoa_name: msoa.filter(|m| !m.name.is_empty()).map(|m| m.name.clone()),
            postcode: unpack_postcode(table.keys[row]),
            distance_m,
        }
    }

    /// The name of a local authority by GSS code (current or former: "E07000163" is Craven).
    pub fn lad_name(&self, code: &str) -> Option<&str> {
        self.lad_index(code)
            .map(|i| self.tables.lads[i].name.as_str())
    }

    /// The current local authorities, as (code, name).
    pub fn local_authorities(&self) -> impl Iterator<Item = (&str, &str)> {
        self.tables
            .lads
            .iter()
            .filter(|lad| lad.current)
            .map(|lad| (lad.code.as_str(), lad.name.as_str()))
    }

    /// A local authority's boundary as a GeoJSON geometry (Polygon or MultiPolygon, WGS84; ONS
    /// May 2023 ultra-generalised, for maps).
    pub fn lad_boundary(&self, code: &str) -> Option<&serde_json::Value> {
        self.boundaries.get(code.trim())
    }

    fn lad_index(&self, code: &str) -> Option<usize> {
        let key = code.trim().to_ascii_lowercase();
        self.authorities
            .get(&key)?
            .iter()
            .copied()
            .find(|i| self.tables.lads[*i].code.eq_ignore_ascii_case(&key))
    }

    fn lad_code(&self, index: Option<usize>) -> Option<String> {
        index.map(|i| self.tables.lads[i].code.clone())
    }

    fn unit_postcode(&self, canonical: &str) -> Option<Place> {
        let table = &self.tables.postcodes;
        let row = table.keys.binary_search(&pack_postcode(canonical)?).ok()?;
        Some(Place {
            kind: PlaceKind::Postcode,
            label: canonical.to_owned(),
            lat: to_degrees(table.lat[row]),
            lon: to_degrees(table.lon[row]),
            lad_code: self.lad_code(Some(usize::from(table.lad[row]))),
            note: None,
        })
    }

    fn centroid_place(&self, kind: PlaceKind, label: &str) -> Option<Place> {
        let list = match kind {
            PlaceKind::District => &self.tables.districts,
            _ => &self.tables.sectors,
        };
        let index = list
            .binary_search_by(|(name, _)| name.as_str().cmp(label))
            .ok()?;
        let Centroid { lat, lon, lad } = list[index].1;
        Some(Place {
            kind,
            label: label.to_owned(),
            lat: to_degrees(lat),
            lon: to_degrees(lon),
            lad_code: self.lad_code(lad),
            note: None,
        })
    }

    fn postcode_place(&self, query: &PostcodeQuery) -> Option<Place> {
        match query {
            PostcodeQuery::Unit(unit) => self.unit_postcode(unit),
            PostcodeQuery::Sector(sector) => self.centroid_place(PlaceKind::Sector, sector),
            PostcodeQuery::District(district) => self.centroid_place(PlaceKind::District, district),
        }
    }

    /// A town, ward, neighbourhood or authority name, optionally followed by the authority
    /// ("Moss Side, Manchester", "Moss Side Manchester").
    fn named_place(&self, phrase: &str) -> Option<Place> {
        let key = normalise_name(phrase);
        if let Some(found) = self.names.get(&key) {
            return self.choose(found, None);
        }
        let words: Vec<&str> = key.split(' ').collect();
        (1..words.len()).rev().find_map(|split| {
            let found = self.names.get(&words[..split].join(" "))?;
            let authorities = self.authorities.get(&words[split..].join(" "))?;
            let active: Vec<usize> = authorities
                .iter()
                .map(|i| self.tables.lads[*i].active)
                .collect();
            let within: Vec<usize> = found
                .iter()
                .copied()
                .filter(|p| self.places[*p].lad.is_some_and(|lad| active.contains(&lad)))
                .collect();
            if within.is_empty() {
                return None;
            }
            let mut lads: Vec<Option<usize>> = found.iter().map(|p| self.places[*p].lad).collect();
            lads.sort_unstable();
            lads.dedup();
            self.choose(&within, Some(lads.len()))
        })
    }

    /// Picks among places sharing a name: they are grouped by authority (a town, its ward and
    /// its authority are one place), and the group with the largest population wins.
    /// `named_among`: the authority was named, choosing among this many authorities using the name.
    fn choose(&self, candidates: &[usize], named_among: Option<usize>) -> Option<Place> {
        let mut groups: Vec<Namesakes> = Vec::new();
        for &index in candidates {
            let place = &self.places[index];
            match groups.iter_mut().find(|g| g.lad == place.lad) {
                Some(group) => group.add(index, place),
                None => groups.push(Namesakes::new(index, place)),
            }
        }
        groups.sort_by(|a, b| {
            b.population
                .cmp(&a.population)
                .then(a.kind.cmp(&b.kind))
                .then(a.lad.cmp(&b.lad))
        });
        let taken = groups.first()?;
        let place = &self.places[taken.shown];
        Some(Place {
            kind: PlaceKind::Place,
            label: place.name.clone(),
            lat: to_degrees(place.lat),
            lon: to_degrees(place.lon),
            lad_code: self.lad_code(place.lad),
            note: self.note(place, &groups, named_among),
        })
    }

    fn note(
        &self,
        place: &NamedPlace,
        groups: &[Namesakes],
        named_among: Option<usize>,
    ) -> Option<String> {
        let lad = place.lad.map(|i| self.tables.lads[i].name.as_str());
        if let Some(authorities) = named_among {
            return (authorities > 1).then(|| {
                format!(
                    "{} in {}, as named (the name is used in {authorities} local authorities)",
                    place.name,
                    lad.unwrap_or("the named authority")
                )
            });
        }
        if groups.len() > 1 {
            let others: Vec<String> = groups[1..]
                .iter()
                .take(MAX_NAMESAKES_NOTED)
                .map(|g| self.describe(&self.places[g.shown]))
                .collect();
            let rule = if groups[0].population.is_some() {
                "most populous"
            } else {
                "first"
            };
            return Some(format!(
                "{rule} of {} places called {}: took {} ({}); others include {}",
                groups.len(),
                place.name,
                self.describe(place),
                place.kind.describe(),
                others.join("; ")
            ));
        }
        match (place.kind, lad) {
            (NameKind::LocalAuthority, Some(active)) if active != place.name => {
                Some(format!("former local authority, now part of {active}"))
            }
            _ => None,
        }
    }

    /// "Moss Side, Manchester": how to ask for this one.
    fn describe(&self, place: &NamedPlace) -> String {
        match place.lad.map(|i| &self.tables.lads[i].name) {
            Some(lad) if *lad != place.name => format!("{}, {lad}", place.name),
            _ => place.name.clone(),
        }
    }

    fn point_place(phrase: &str) -> Option<Place> {
        let (lat, lon) = phrase.split_once(',')?;
        let point = Point::new(lat.trim().parse().ok()?, lon.trim().parse().ok()?);
        point.is_valid().then(|| Place {
            kind: PlaceKind::Point,
            label: format!("{:.5}, {:.5}", point.lat, point.lon),
            lat: point.lat,
            lon: point.lon,
            lad_code: None,
            note: None,
        })
    }

    /// Known postcodes one typing slip away from a unit postcode that is not known: same
    /// sector first, then same district; else the sector or district itself.
    fn postcode_suggestions(&self, unit: &str) -> Vec<String> {
        let compact: Vec<char> = unit.chars().filter(|c| *c != ' ').collect();
        let mut found: Vec<String> = one_edit_variants(&compact)
            .filter_map(|variant| match parse_postcode_query(&variant)? {
                PostcodeQuery::Unit(candidate) if candidate != unit => Some(candidate),
                _ => None,
            })
            .filter(|candidate| self.unit_postcode(candidate).is_some())
            .collect();
        found.sort_by_key(|candidate| {
            (
                sector_of(candidate) != sector_of(unit),
                district_of(candidate) != district_of(unit),
                candidate.clone(),
            )
        });
        found.dedup();
        found.truncate(MAX_SUGGESTIONS);
        if found.is_empty() {
            found.extend(
                [
                    (PlaceKind::Sector, sector_of(unit)),
                    (PlaceKind::District, district_of(unit)),
                ]
                .into_iter()
                .filter_map(|(kind, label)| self.centroid_place(kind, label))
                .map(|place| place.label),
            );
        }
        found
    }

    /// Whether a name of any kind heads the suggestions before a town `distance` edits away: a
    /// nearer one with the same first letter, or one the phrase begins ("Sparkbrook" for
    /// Sparkbrook North, not the village of Sharnbrook).
    /// Corrections are at most [`MAX_DELETIONS`] edits away, so a nearer name is at most one away
    /// and the one-edit index of every name answers.
    fn nearer_name_than(&self, key: &str, distance: usize) -> bool {
        let begun = !self.name_index.starting_with(&format!("{key} ")).is_empty();
        begun
            || (distance > 1
                && !self
                    .near_name_index
                    .within(key, distance - 1, true)
                    .is_empty())
    }

    /// The most populous place of a normalised name.
    fn most_populous_named(&self, key: &str) -> Option<&NamedPlace> {
        self.names
            .get(key)?
            .iter()
            .map(|i| &self.places[*i])
            .max_by_key(|p| p.population)
    }

    /// The most populous town, city or local authority of a normalised name (not a ward or
    /// neighbourhood: those names are too many and too like everyday words to correct towards).
    fn most_populous_town(&self, key: &str) -> Option<&NamedPlace> {
        self.names
            .get(key)?
            .iter()
            .map(|i| &self.places[*i])
            .filter(|p| matches!(p.kind, NameKind::Town | NameKind::LocalAuthority))
            .max_by_key(|p| p.population)
    }

    /// Known districts or sectors one typing slip away.
    fn partial_postcode_suggestions(&self, kind: PlaceKind, label: &str) -> Vec<String> {
        let chars: Vec<char> = label.chars().collect();
        let mut found: Vec<String> = one_edit_variants(&chars)
            .filter(|variant| variant != label)
            .filter(|variant| self.centroid_place(kind, variant).is_some())
            .collect();
        found.sort();
        found.dedup();
        found.truncate(MAX_SUGGESTIONS);
        found
    }

    /// Names within a small edit distance ([`allowed_edits`]), or starting with the phrase's
    /// words (counted as one edit); nearest first, then the most populous.
    fn name_suggestions(&self, phrase: &str) -> Vec<String> {
        let key = normalise_name(phrase);
        let length = key.chars().count();
        if length == 0 || length > MAX_SUGGEST_LEN {
            return Vec::new();
        }
        let mut near: HashMap<u64, usize> = self
            .name_index
            .within(&key, allowed_edits(length), false)
            .into_iter()
            .map(|found| (found.id, found.distance))
            .collect();
        for id in self.name_index.starting_with(&format!("{key} ")) {
            near.insert(id, 1);
        }
        let mut scored: Vec<(usize, std::cmp::Reverse<Option<u32>>, &str)> = near
            .into_iter()
            .filter_map(|(id, distance)| {
                let best =
                    self.most_populous_named(self.name_keys.get(usize::try_from(id).ok()?)?)?;
                Some((
                    distance,
                    std::cmp::Reverse(best.population),
                    best.name.as_str(),
                ))
            })
            .collect();
        scored.sort();
        let mut suggestions: Vec<String> = Vec::new();
        for (_, _, name) in scored {
            if !suggestions.iter().any(|s| s == name) {
                suggestions.push(name.to_owned());
            }
            if suggestions.len() == MAX_SUGGESTIONS {
                break;
            }
        }
        suggestions
    }
}

/// How many edits a name suggestion may be from a phrase of `length` letters.
fn allowed_edits(length: usize) -> usize {
    match length {
        0..=4 => 1,
        5..=9 => 2,
        _ => 3,
    }
}

/// Counts only: the tables hold millions of rows.
impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("postcodes", &self.tables.postcodes.keys.len())
            .field("places", &self.places.len())
            .field("local_authorities", &self.tables.lads.len())
            .finish_non_exhaustive()
    }
}

impl PlaceLookup for Gazetteer {
    fn lookup(&self, phrase: &str) -> Option<Place> {
        let phrase = phrase.trim();
        if phrase.is_empty() {
            return None;
        }
        if let Some(query) = parse_postcode_query(phrase) {
            // A postcode-shaped phrase is a postcode or nothing: never a guessed place.
            return self.postcode_place(&query);
        }
        if let Some(point) = Gazetteer::point_place(phrase) {
            return Some(point);
        }
        if let Some(index) = self.lad_index(phrase) {
            let lad = &self.tables.lads[index];
            let (lat, lon) = lad.centre?;
            return Some(Place {
                kind: PlaceKind::Place,
                label: lad.name.clone(),
                lat: to_degrees(lat),
                lon: to_degrees(lon),
                lad_code: Some(self.tables.lads[lad.active].code.clone()),
                note: None,
            });
        }
        self.named_place(phrase)
    }

    fn correct(&self, phrase: &str, edits: usize, min_population: u32) -> Option<String> {
        let key = normalise_name(phrase);
        let length = key.chars().count();
        if length == 0 || length > MAX_SUGGEST_LEN || self.lookup(phrase).is_some() {
            return None;
        }
        let mut towns: Vec<(usize, Option<u32>, &str)> = self
            .town_index
            // Slips seldom hit the first letter: "brother" is not Rother, "dinner" not Pinner.
            .within(&key, edits.min(allowed_edits(length)), true)
            .into_iter()
            .filter_map(|(name, distance)| {
                let town = self.most_populous_town(name)?;
                let big_enough = town.population.unwrap_or(0) >= min_population;
                big_enough.then_some((distance, town.population, town.name.as_str()))
            })
            .collect();
        towns.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let (best, rest) = towns.split_first()?;
        if self.nearer_name_than(&key, best.0) {
            return None;
        }
        let clear = rest.first().is_none_or(|next| {
            next.0 > best.0
                || best.1.unwrap_or(0) >= CLEAR_WINNER.saturating_mul(next.1.unwrap_or(0)).max(1)
        });
        clear.then(|| best.2.to_owned())
    }

    fn suggest(&self, phrase: &str) -> Vec<String> {
        match parse_postcode_query(phrase.trim()) {
            Some(PostcodeQuery::Unit(unit)) => self.postcode_suggestions(&unit),
            Some(PostcodeQuery::Sector(sector)) => {
                self.partial_postcode_suggestions(PlaceKind::Sector, &sector)
            }
            Some(PostcodeQuery::District(district)) => {
                self.partial_postcode_suggestions(PlaceKind::District, &district)
            }
            None => self.name_suggestions(phrase),
        }
    }
}

/// An index column value as an index, or `None` for [`NO_AREA`].
fn area(value: u16) -> Option<usize> {
    (value != NO_AREA).then_some(usize::from(value))
}

/// Namesakes within one local authority: one place as far as the user is concerned.
struct Namesakes {
    lad: Option<usize>,
    /// The member whose point is shown: a town's centre before a ward's, a ward's before an area's.
    shown: usize,
    kind: NameKind,
    population: Option<u32>,
}

impl Namesakes {
    fn new(index: usize, place: &NamedPlace) -> Namesakes {
        Namesakes {
            lad: place.lad,
            shown: index,
            kind: place.kind,
            population: place.population,
        }
    }

    fn add(&mut self, index: usize, place: &NamedPlace) {
        self.population = self.population.max(place.population);
        if place.kind < self.kind {
            self.kind = place.kind;
            self.shown = index;
        }
    }
}

/// Every string one substitution, insertion, deletion or adjacent swap away (letters and digits).
fn one_edit_variants(chars: &[char]) -> impl Iterator<Item = String> + '_ {
    const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let n = chars.len();
    let substitutions = (0..n).flat_map(move |i| {
        ALPHABET.chars().map(move |c| {
            let mut v = chars.to_vec();
            v[i] = c;
            v
        })
    });
    let insertions = (0..=n).flat_map(move |i| {
        ALPHABET.chars().map(move |c| {
            let mut v = chars.to_vec();
            v.insert(i, c);
            v
        })
    });
    let deletions = (0..n).map(move |i| {
        let mut v = chars.to_vec();
        v.remove(i);
        v
    });
    let swaps = (1..n).map(move |i| {
        let mut v = chars.to_vec();
        v.swap(i - 1, i);
        v
    });
    substitutions
        .chain(insertions)
        .chain(deletions)
        .chain(swaps)
        .map(|v| v.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn gazetteer() -> &'static Gazetteer {
        Gazetteer::bundled().expect("the bundled gazetteer loads")
    }

    fn place(phrase: &str) -> Place {
        gazetteer()
            .lookup(phrase)
            .unwrap_or_else(|| panic!("{phrase:?} should resolve"))
    }

    #[test]
    fn a_unit_postcode_however_typed_has_the_raw_files_coordinates() {
        // postcodes.csv.gz: WS1 1AA,52.58601,-1.98128,E08000030,E01010368,E02002139,E,within
        for typed in ["WS1 1AA", "ws11aa", "WS1  1AA", "ws1 1aa", " Ws1 1Aa "] {
            let found = place(typed);
            assert_eq!(found.kind, PlaceKind::Postcode);
            assert_eq!(found.label, "WS1 1AA");
            assert_eq!((found.lat, found.lon), (52.58601, -1.98128));
            assert_eq!(found.lad_code.as_deref(), Some("E08000030"));
            assert_eq!(found.note, None);
        }
        let areas = gazetteer().postcode_areas("ws11aa").unwrap();
        assert_eq!(areas.lad_name, "Walsall");
        assert_eq!(areas.lsoa_code.as_deref(), Some("E01010368"));
        assert_eq!(areas.msoa_code.as_deref(), Some("E02002139"));
    }

    #[test]
    fn districts_and_sectors_have_their_centroids() {
        // districts.csv: B6,52.50241,-1.88692,875,E08000025; sectors.csv: B6 5,52.50099,-1.88638
        let district = place("b6");
        assert_eq!(
            (district.kind, district.label.as_str()),
            (PlaceKind::District, "B6")
        );
        assert_eq!((district.lat, district.lon), (52.50241, -1.88692));
        assert_eq!(district.lad_code.as_deref(), Some("E08000025"));
        let sector = place("B6 5");
        assert_eq!(
            (sector.kind, sector.label.as_str()),
            (PlaceKind::Sector, "B6 5")
        );
        assert_eq!((sector.lat, sector.lon), (52.50099, -1.88638));
    }

    #[test]
    fn towns_authorities_wards_and_neighbourhoods() {
        // geonames: Walsall,52.58528,-1.98396 (the town centre, not the borough's mean point).
        let walsall = place("in walsall".trim_start_matches("in "));
        assert_eq!(
            (walsall.kind, walsall.label.as_str()),
            (PlaceKind::Place, "Walsall")
        );
        assert_eq!((walsall.lat, walsall.lon), (52.58528, -1.98396));
        assert_eq!(walsall.lad_code.as_deref(), Some("E08000030"));

        let tower_hamlets = place("tower hamlets");
        assert_eq!(tower_hamlets.label, "Tower Hamlets");
        assert_eq!(tower_hamlets.lad_code.as_deref(), Some("E09000030"));
        let inside = gazetteer().locate(tower_hamlets.point()).unwrap();
        assert_eq!(inside.lad_code, "E09000030");

        // wards.csv: Lozells,E08000025,Birmingham,52.50208,-1.90866
        let lozells = place("Lozells");
        assert_eq!((lozells.lat, lozells.lon), (52.50208, -1.90866));
        assert_eq!(lozells.lad_code.as_deref(), Some("E08000025"));

        // msoa21_names.csv: E02001897,Birmingham 071,Sparkbrook North,...,52.46749,-1.87488
        let sparkbrook = place("sparkbrook north");
        assert_eq!(sparkbrook.label, "Sparkbrook North");
        assert_eq!((sparkbrook.lat, sparkbrook.lon), (52.46749, -1.87488));

        assert_eq!(place("E08000030").label, "Walsall");
        let craven = place("Craven");
        assert_eq!(craven.lad_code.as_deref(), Some("E06000065"));
        assert!(craven.note.unwrap().contains("North Yorkshire"));
    }

    #[test]
    fn namesakes_take_the_most_populous_unless_the_authority_is_named() {
        // geonames: Newport (Wales) 161,506 people; Newport (Isle of Wight) 24,884.
        let newport = place("Newport");
        assert_eq!((newport.lat, newport.lon), (51.58774, -2.99835));
        assert_eq!(newport.lad_code.as_deref(), Some("W06000022"));
        let note = newport.note.unwrap();
        assert!(note.starts_with("most populous of"), "{note}");
        assert!(note.contains("Newport, Isle of Wight"), "{note}");

        let wight = place("Newport, Isle of Wight");
        assert_eq!((wight.lat, wight.lon), (50.70146, -1.29124));
        assert_eq!(wight.lad_code.as_deref(), Some("E06000046"));

        // Moss Side wards: Manchester (53.45426,-2.23706) and South Ribble (53.69956,-2.73731).
        let moss_side = place("Moss Side");
        assert_eq!(moss_side.lad_code.as_deref(), Some("E08000003"));
        assert!(moss_side.note.unwrap().contains("Moss Side, South Ribble"));
        for typed in ["Moss Side, Manchester", "moss side manchester"] {
            let found = place(typed);
            assert_eq!((found.lat, found.lon), (53.45426, -2.23706), "{typed}");
            assert!(found.note.unwrap().contains("as named"));
        }
        let ribble = place("Moss Side, South Ribble");
        assert_eq!(ribble.lad_code.as_deref(), Some("E07000126"));
        assert_eq!(gazetteer().lookup("Moss Side, Walsall"), None);
    }

    #[test]
    fn unknown_postcodes_are_not_found_and_near_ones_suggested() {
        let g = gazetteer();
        assert_eq!(g.lookup("WS1 1ZZ"), None);
        assert_eq!(g.lookup("ZZ99 9ZZ"), None);
        let suggestions = g.suggest("WS1 1AZ");
        assert!(!suggestions.is_empty());
        assert!(suggestions.len() <= MAX_SUGGESTIONS);
        for s in &suggestions {
            let found = g.lookup(s).unwrap();
            assert_eq!(found.kind, PlaceKind::Postcode, "{s}");
            assert_eq!(strsim::levenshtein(&s.replace(' ', ""), "WS11AZ"), 1, "{s}");
        }
        assert!(suggestions[0].starts_with("WS1 1"), "{suggestions:?}");
        assert!(g.suggest("B6 5").is_empty() || g.lookup("B6 5").is_some());
        assert!(g.suggest("B99").iter().all(|d| g.lookup(d).is_some()));
    }

    #[test]
    fn misspelt_names_get_suggestions() {
        let g = gazetteer();
        assert_eq!(g.lookup("Walsal"), None);
        assert_eq!(
            g.suggest("Walsal").first().map(String::as_str),
            Some("Walsall")
        );
        assert!(
            g.suggest("Sparkbrook")
                .iter()
                .any(|s| s == "Sparkbrook North")
        );
        assert!(g.suggest("").is_empty());
    }

    /// What suggestions were before the name index: every name compared with the phrase.
    fn scanned_suggestions(g: &Gazetteer, phrase: &str) -> Vec<String> {
        let key = normalise_name(phrase);
        let length = key.chars().count();
        let allowed = allowed_edits(length);
        let prefix = format!("{key} ");
        let mut scored: Vec<_> = g
            .names
            .iter()
            .filter_map(|(name, indices)| {
                let distance = if name.starts_with(&prefix) {
                    1
                } else {
                    strsim::osa_distance(name, &key)
                };
                let best = indices
                    .iter()
                    .map(|i| &g.places[*i])
                    .max_by_key(|p| p.population)?;
                (distance <= allowed).then(|| {
                    (
                        distance,
                        std::cmp::Reverse(best.population),
                        best.name.clone(),
                    )
                })
            })
            .collect();
        scored.sort();
        let mut names: Vec<String> = Vec::new();
        for (_, _, name) in scored {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names.truncate(MAX_SUGGESTIONS);
        names
    }

    #[test]
    fn the_name_index_suggests_what_a_scan_of_every_name_would() {
        let g = gazetteer();
        for phrase in [
            "Walsal",
            "Wallsall",
            "Birmingam",
            "Leicster",
            "Bradferd",
            "Manchster",
            "Sparkbrook",
            "Tower Hamlet",
            "Moss Sde",
            "Lozels",
            "Cov",
            "Newprt",
            "Ynys Mon",
            "Stoke on Trnt",
            "Wolverhamton",
            "Hudersfield",
            "Sandwel",
            "Luton",
            "xq",
        ] {
            assert_eq!(
                g.suggest(phrase),
                scanned_suggestions(g, phrase),
                "{phrase}"
            );
        }
    }

    #[test]
    fn misspelt_towns_are_corrected_and_known_or_far_names_are_not() {
        let g = gazetteer();
        for (typed, meant) in [
            ("Wallsall", "Walsall"),
            ("Walsal", "Walsall"),
            ("Birmingam", "Birmingham"),
            ("Leicster", "Leicester"),
            ("Bradferd", "Bradford"),
            ("Manchster", "Manchester"),
            ("tower hamlet", "Tower Hamlets"),
        ] {
            assert_eq!(g.correct(typed, 2, 0).as_deref(), Some(meant), "{typed}");
        }
        assert_eq!(g.correct("Walsall", 2, 0), None, "already a place");
        assert_eq!(
            g.correct("Sparkbrook", 2, 0),
            None,
            "Sparkbrook North is nearer than the village of Sharnbrook"
        );
        assert_eq!(g.correct("Birmingam", 0, 0), None, "no edits allowed");
        assert_eq!(g.correct("Wolsull", 1, 0), None, "two edits away");
        assert_eq!(g.correct("zzzzzzzz", 3, 0), None);
        assert_eq!(
            g.correct("prison", 1, 0),
            None,
            "the village of Priston is too small"
        );
        assert_eq!(
            g.correct("Birmingam", 1, 2_000_000),
            None,
            "smaller than asked"
        );
    }

    #[test]
    fn points_resolve_to_their_areas() {
        let g = gazetteer();
        let walsall = g.locate(Point::new(52.58601, -1.98128)).unwrap();
        assert_eq!(walsall.postcode, "WS1 1AA");
        assert_eq!(walsall.distance_m, 0.0);
        assert_eq!(
            (walsall.lad_code.as_str(), walsall.lad_name.as_str()),
            ("E08000030", "Walsall")
        );
        let lozells = g.locate(Point::new(52.50208, -1.90866)).unwrap();
        assert_eq!(lozells.lad_name, "Birmingham");
        assert!(lozells.distance_m < 200.0);
        // The MSOA centre of Sparkbrook North lies in Sparkbrook North.
        let sparkbrook = g.locate(Point::new(52.46749, -1.87488)).unwrap();
        assert_eq!(sparkbrook.msoa_code.as_deref(), Some("E02001897"));
        assert_eq!(sparkbrook.msoa_name.as_deref(), Some("Sparkbrook North"));
        // Lerwick has no LSOA/MSOA (Scotland).
        let lerwick = g.locate(Point::new(60.15323, -1.14160)).unwrap();
        assert_eq!(lerwick.lad_name, "Shetland Islands");
        assert_eq!((lerwick.lsoa_code, lerwick.msoa_code), (None, None));
        // The middle of the North Sea and nonsense.
        assert_eq!(g.locate(Point::new(55.0, 3.0)), None);
        assert_eq!(g.locate(Point::new(f64::NAN, 1.0)), None);
    }

    #[test]
    fn authorities_have_names_and_boundaries() {
        let g = gazetteer();
        assert_eq!(g.lad_name("E08000030"), Some("Walsall"));
        assert_eq!(g.lad_name("e07000163"), Some("Craven"));
        assert_eq!(g.lad_name("E99999999"), None);
        for code in [
            "E08000030",
            "E09000030",
            "E08000038",
            "S12000027",
            "N09000003",
        ] {
            let kind = g.lad_boundary(code).and_then(|b| b.get("type")?.as_str());
            assert!(matches!(kind, Some("Polygon" | "MultiPolygon")), "{code}");
        }
        assert!(g.lad_boundary("nope").is_none());
        let current: Vec<_> = g.local_authorities().collect();
        assert!(current.contains(&("E08000030", "Walsall")));
        assert!(!current.iter().any(|(code, _)| *code == "E07000163"));
    }

    #[test]
    fn typed_coordinates_are_points() {
        let point = place("52.5, -1.9");
        assert_eq!(point.kind, PlaceKind::Point);
        assert_eq!((point.lat, point.lon), (52.5, -1.9));
        assert_eq!(gazetteer().lookup("95, 1"), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn any_text_gives_an_answer_or_none(s in "\\PC{0,30}") {
            let g = gazetteer();
            let _ = g.lookup(&s);
            let _ = g.suggest(&s);
        }

        #[test]
        fn postcode_like_text_never_panics(s in "[A-Z0-9a-z ]{0,12}") {
            let g = gazetteer();
            if let Some(found) = g.lookup(&s) {
                prop_assert!(found.point().is_valid());
            }
            let _ = g.suggest(&s);
        }
    }

    #[test]
    fn huge_and_confusable_inputs() {
        let g = gazetteer();
        for text in [
            "x".repeat(10_240),
            "WS1 1AA".repeat(2_000),
            "\u{0412}\u{0405}1 1\u{0410}\u{0410}".to_owned(),
            "\u{FF37}\u{FF33}\u{FF11} \u{FF11}\u{FF21}\u{FF21}".to_owned(),
            "\u{0}\u{202E}".to_owned(),
        ] {
            assert_eq!(g.lookup(&text), None);
            let _ = g.suggest(&text);
        }
    }
}
