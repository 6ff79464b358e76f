//! The gazetteer's tables as they live in memory, and their bundled binary form.
//!
//! Coordinates are WGS84 degrees scaled by 100,000 into `i32` (the raw files carry 5 decimals,
//! so this is exact). Postcodes are packed into `u64`s (see `postcode::pack_postcode`) and sorted.

use crate::GazetteerError;
use crate::codec::{Reader, Writer};

/// Scale of the stored coordinates: 5 decimal places, about a metre.
pub(crate) const COORDINATE_SCALE: f64 = 100_000.0;
/// "No LSOA/MSOA" (Scotland and Northern Ireland) in the u16 index columns.
pub(crate) const NO_AREA: u16 = u16::MAX;

const POSTCODES_MAGIC: &[u8] = b"SIGNPOST-POSTCODES-1\n";
const PLACES_MAGIC: &[u8] = b"SIGNPOST-PLACES-1\n";
/// The top five bytes of a packed postcode: outward code and the sector digit.
const SECTOR_MASK: u64 = 0xFFFF_FFFF_FF00_0000;

pub(crate) fn to_degrees(scaled: i32) -> f64 {
    f64::from(scaled) / COORDINATE_SCALE
}

/// Every unit postcode, sorted by packed key, with its areas as indices into the code tables.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct PostcodeTable {
    pub(crate) keys: Vec<u64>,
    pub(crate) lat: Vec<i32>,
    pub(crate) lon: Vec<i32>,
    /// Index into `Tables::lads`.
    pub(crate) lad: Vec<u16>,
    /// Index into `lsoa_codes`, or [`NO_AREA`].
    pub(crate) lsoa: Vec<u16>,
    /// Index into `msoas`, or [`NO_AREA`].
    pub(crate) msoa: Vec<u16>,
    pub(crate) lsoa_codes: Vec<String>,
    pub(crate) msoas: Vec<Msoa>,
}

/// An MSOA 2021 code with its House of Commons Library name ("" when it has none).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Msoa {
    pub(crate) code: String,
    pub(crate) name: String,
}

/// A local authority, current or former.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Lad {
    pub(crate) code: String,
    pub(crate) name: String,
    /// Index of the current authority that covers it (itself when current).
    pub(crate) active: usize,
    pub(crate) current: bool,
    /// Census 2021 usual residents, where the census covers it.
    pub(crate) population: Option<u32>,
    /// Where to centre a search "in" it: `(lat, lon)` scaled.
    pub(crate) centre: Option<(i32, i32)>,
}

/// A postcode district or sector: the mean of its postcodes and the authority holding most of them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Centroid {
    pub(crate) lat: i32,
    pub(crate) lon: i32,
    pub(crate) lad: Option<usize>,
}

/// Which list a named place came from; also the order of preference for the point to show when
/// several lists name the same place in one authority (a town's centre before an area's centre).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum NameKind {
    Town = 0,
    Ward = 1,
    Neighbourhood = 2,
    LocalAuthority = 3,
}

impl NameKind {
    fn from_code(code: u64) -> Result<NameKind, GazetteerError> {
        match code {
            0 => Ok(NameKind::Town),
            1 => Ok(NameKind::Ward),
            2 => Ok(NameKind::Neighbourhood),
            3 => Ok(NameKind::LocalAuthority),
            _ => Err(GazetteerError::Corrupt(format!(
                "unknown place kind {code}"
            ))),
        }
    }

    pub(crate) fn describe(self) -> &'static str {
        match self {
            NameKind::Town => "town",
            NameKind::Ward => "ward",
            NameKind::Neighbourhood => "neighbourhood",
            NameKind::LocalAuthority => "local authority",
        }
    }
}

/// A town, ward, MSOA neighbourhood or local authority name with its point.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NamedPlace {
    pub(crate) kind: NameKind,
    pub(crate) name: String,
    pub(crate) lat: i32,
    pub(crate) lon: i32,
    /// The current authority (index into `Tables::lads`) it lies in.
    pub(crate) lad: Option<usize>,
    /// The place's own population figure (GeoNames or Census 2021), or for a ward the Census 2021
    /// population of the MSOA its centre lies in.
    pub(crate) population: Option<u32>,
}

/// Everything the gazetteer ships.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Tables {
    pub(crate) postcodes: PostcodeTable,
    pub(crate) lads: Vec<Lad>,
    /// Sorted by name.
    pub(crate) districts: Vec<(String, Centroid)>,
    /// Sorted by name.
    pub(crate) sectors: Vec<(String, Centroid)>,
    /// Towns, wards and neighbourhoods (local authorities are made from `lads` on load).
    pub(crate) places: Vec<NamedPlace>,
}

impl Tables {
    pub(crate) fn encode_postcodes(&self) -> Vec<u8> {
        let table = &self.postcodes;
        let mut out = Writer::default();
        out.raw(POSTCODES_MAGIC);
        out.varint(table.lsoa_codes.len() as u64);
        table.lsoa_codes.iter().for_each(|code| out.text(code));
        out.varint(table.msoas.len() as u64);
        for msoa in &table.msoas {
            out.text(&msoa.code);
            out.text(&msoa.name);
        }
        encode_keys(&mut out, &table.keys);
        encode_deltas(&mut out, &table.lat);
        encode_deltas(&mut out, &table.lon);
        encode_runs(&mut out, &table.lad);
        encode_runs(&mut out, &table.lsoa);
        encode_runs(&mut out, &table.msoa);
        out.bytes
    }

    pub(crate) fn encode_places(&self) -> Vec<u8> {
        let mut out = Writer::default();
        out.raw(PLACES_MAGIC);
        out.varint(self.lads.len() as u64);
        for lad in &self.lads {
            out.text(&lad.code);
            out.text(&lad.name);
            out.varint(lad.active as u64);
            out.varint(u64::from(lad.current));
            encode_optional(&mut out, lad.population.map(u64::from));
            out.varint(u64::from(lad.centre.is_some()));
            if let Some((lat, lon)) = lad.centre {
                out.signed(lat.into());
                out.signed(lon.into());
            }
        }
        for centroids in [&self.districts, &self.sectors] {
            out.varint(centroids.len() as u64);
            for (name, centroid) in centroids {
                out.text(name);
                out.signed(centroid.lat.into());
                out.signed(centroid.lon.into());
                encode_optional(&mut out, centroid.lad.map(|i| i as u64));
            }
        }
        out.varint(self.places.len() as u64);
        for place in &self.places {
            out.varint(place.kind as u64);
            out.text(&place.name);
            out.signed(place.lat.into());
            out.signed(place.lon.into());
            encode_optional(&mut out, place.lad.map(|i| i as u64));
            encode_optional(&mut out, place.population.map(u64::from));
        }
        out.bytes
    }

    pub(crate) fn decode(postcodes: &[u8], places: &[u8]) -> Result<Tables, GazetteerError> {
        let mut tables = decode_places(places)?;
        tables.postcodes = decode_postcodes(postcodes, tables.lads.len())?;
        Ok(tables)
    }
}

fn encode_optional(out: &mut Writer, value: Option<u64>) {
    out.varint(value.map_or(0, |v| v + 1));
}

fn decode_optional(input: &mut Reader<'_>) -> Result<Option<u64>, GazetteerError> {
    Ok(input.varint()?.checked_sub(1))
}

fn decode_optional_index(
    input: &mut Reader<'_>,
    limit: usize,
) -> Result<Option<usize>, GazetteerError> {
    match decode_optional(input)? {
        None => Ok(None),
        Some(i) => usize::try_from(i)
            .ok()
            .filter(|i| *i < limit)
            .map(Some)
            .ok_or_else(|| GazetteerError::Corrupt(format!("index {i} out of range"))),
    }
}

fn decode_population(input: &mut Reader<'_>) -> Result<Option<u32>, GazetteerError> {
    decode_optional(input)?
        .map(|p| u32::try_from(p).map_err(|_| GazetteerError::Corrupt(format!("population {p}"))))
        .transpose()
}

/// Keys as sectors (outward code and digit, with a row count) and two unit letters per row.
fn encode_keys(out: &mut Writer, keys: &[u64]) {
    let mut sectors: Vec<(u64, u64)> = Vec::new();
    for key in keys {
        match sectors.last_mut() {
            Some((sector, count)) if *sector == key & SECTOR_MASK => *count += 1,
            _ => sectors.push((key & SECTOR_MASK, 1)),
        }
    }
    out.varint(sectors.len() as u64);
    for (sector, count) in sectors {
        out.raw(&sector.to_be_bytes()[..5]);
        out.varint(count);
    }
    for key in keys {
        out.raw(&key.to_be_bytes()[5..7]);
    }
}

fn decode_keys(input: &mut Reader<'_>) -> Result<Vec<u64>, GazetteerError> {
    let sector_count = input.index(1 << 20)?;
    let mut sectors = Vec::with_capacity(sector_count);
    let mut total = 0usize;
    for _ in 0..sector_count {
        let mut bytes = [0u8; 8];
        bytes[..5].copy_from_slice(input.raw(5)?);
        let count = input.index(1 << 20)?;
        total += count;
        sectors.push((u64::from_be_bytes(bytes), count));
    }
    let mut keys = Vec::with_capacity(total);
    for (sector, count) in sectors {
        for _ in 0..count {
            let letters = input.raw(2)?;
            keys.push(sector | u64::from(letters[0]) << 16 | u64::from(letters[1]) << 8);
        }
    }
    if keys.windows(2).any(|pair| pair[0] >= pair[1]) {
        return Err(GazetteerError::Corrupt("postcodes are not sorted".into()));
    }
    Ok(keys)
}

fn encode_deltas(out: &mut Writer, values: &[i32]) {
    let mut previous = 0i64;
    for value in values {
        out.signed(i64::from(*value) - previous);
        previous = i64::from(*value);
    }
}

fn decode_deltas(input: &mut Reader<'_>, count: usize) -> Result<Vec<i32>, GazetteerError> {
    let mut previous = 0i64;
    let mut values = Vec::with_capacity(count);
    for _ in 0..count {
        previous += input.signed()?;
        let value = i32::try_from(previous)
            .map_err(|_| GazetteerError::Corrupt(format!("coordinate {previous}")))?;
        values.push(value);
    }
    Ok(values)
}

/// Run-length encoding: postcodes in a sector mostly share their authority and areas.
fn encode_runs(out: &mut Writer, values: &[u16]) {
    let mut runs: Vec<(u16, u64)> = Vec::new();
    for value in values {
        match runs.last_mut() {
            Some((last, length)) if last == value => *length += 1,
            _ => runs.push((*value, 1)),
        }
    }
    out.varint(runs.len() as u64);
    for (value, length) in runs {
        out.varint(u64::from(value));
        out.varint(length);
    }
}

/// Decodes runs, checking every value is below `limit` or is [`NO_AREA`].
fn decode_runs(
    input: &mut Reader<'_>,
    count: usize,
    limit: usize,
) -> Result<Vec<u16>, GazetteerError> {
    let runs = input.index(count + 1)?;
    let mut values = Vec::with_capacity(count);
    for _ in 0..runs {
        let value = input.varint()?;
        let value = u16::try_from(value)
            .ok()
            .filter(|v| *v == NO_AREA || usize::from(*v) < limit)
            .ok_or_else(|| GazetteerError::Corrupt(format!("area index {value} out of range")))?;
        let length = input.index(count - values.len() + 1)?;
        values.extend(std::iter::repeat_n(value, length));
    }
    if values.len() != count {
        return Err(GazetteerError::Corrupt(format!(
            "{} area values for {count} postcodes",
            values.len()
        )));
    }
    Ok(values)
}

fn decode_postcodes(bytes: &[u8], lad_count: usize) -> Result<PostcodeTable, GazetteerError> {
    let mut input = Reader::new(bytes);
    input.expect_magic(POSTCODES_MAGIC)?;
    let lsoa_count = input.index(usize::from(NO_AREA))?;
    let lsoa_codes = (0..lsoa_count)
        .map(|_| input.text().map(str::to_owned))
        .collect::<Result<Vec<_>, _>>()?;
    let msoa_count = input.index(usize::from(NO_AREA))?;
    let msoas = (0..msoa_count)
        .map(|_| {
            Ok(Msoa {
                code: input.text()?.to_owned(),
                name: input.text()?.to_owned(),
            })
        })
        .collect::<Result<Vec<_>, GazetteerError>>()?;
    let keys = decode_keys(&mut input)?;
    let count = keys.len();
    let lat = decode_deltas(&mut input, count)?;
    let lon = decode_deltas(&mut input, count)?;
    let lad = decode_runs(&mut input, count, lad_count)?;
    if lad.contains(&NO_AREA) {
        return Err(GazetteerError::Corrupt(
            "a postcode has no local authority".into(),
        ));
    }
    let lsoa = decode_runs(&mut input, count, lsoa_count)?;
    let msoa = decode_runs(&mut input, count, msoa_count)?;
    Ok(PostcodeTable {
        keys,
        lat,
        lon,
        lad,
        lsoa,
        msoa,
        lsoa_codes,
        msoas,
    })
}

fn decode_places(bytes: &[u8]) -> Result<Tables, GazetteerError> {
    let mut input = Reader::new(bytes);
    input.expect_magic(PLACES_MAGIC)?;
    let lad_count = input.index(usize::from(NO_AREA))?;
    let mut lads = Vec::with_capacity(lad_count);
    for _ in 0..lad_count {
        lads.push(decode_lad(&mut input, lad_count)?);
    }
    let districts = decode_centroids(&mut input, lad_count)?;
    let sectors = decode_centroids(&mut input, lad_count)?;
    let place_count = input.index(1 << 24)?;
    let mut places = Vec::with_capacity(place_count);
    for _ in 0..place_count {
        places.push(NamedPlace {
            kind: NameKind::from_code(input.varint()?)?,
            name: input.text()?.to_owned(),
            lat: input.coordinate()?,
            lon: input.coordinate()?,
            lad: decode_optional_index(&mut input, lad_count)?,
            population: decode_population(&mut input)?,
        });
    }
    Ok(Tables {
        postcodes: PostcodeTable::default(),
        lads,
        districts,
        sectors,
        places,
    })
}

fn decode_lad(input: &mut Reader<'_>, lad_count: usize) -> Result<Lad, GazetteerError> {
    let code = input.text()?.to_owned();
    let name = input.text()?.to_owned();
    let active = input.index(lad_count)?;
    let current = input.varint()? == 1;
    let population = decode_population(input)?;
    let centre = match input.varint()? {
        0 => None,
        _ => Some((input.coordinate()?, input.coordinate()?)),
    };
    Ok(Lad {
        code,
        name,
        active,
        current,
        population,
        centre,
    })
}

fn decode_centroids(
    input: &mut Reader<'_>,
    lad_count: usize,
) -> Result<Vec<(String, Centroid)>, GazetteerError> {
    let count = input.index(1 << 24)?;
    (0..count)
        .map(|_| {
            let name = input.text()?.to_owned();
            let centroid = Centroid {
                lat: input.coordinate()?,
                lon: input.coordinate()?,
                lad: decode_optional_index(input, lad_count)?,
            };
            Ok((name, centroid))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::postcode::pack_postcode;

    fn small_tables() -> Tables {
        let keys = ["B6 5RQ", "B6 5RR", "WS1 1AA"]
            .iter()
            .map(|p| pack_postcode(p).unwrap())
            .collect();
        Tables {
            postcodes: PostcodeTable {
                keys,
                lat: vec![5_249_776, 5_249_780, 5_258_601],
                lon: vec![-188_141, -188_100, -198_128],
                lad: vec![0, 0, 1],
                lsoa: vec![0, 0, NO_AREA],
                msoa: vec![0, 0, NO_AREA],
                lsoa_codes: vec!["E01009000".into()],
                msoas: vec![Msoa {
                    code: "E02001866".into(),
                    name: "Lozells West".into(),
                }],
            },
            lads: vec![
                Lad {
                    code: "E08000025".into(),
                    name: "Birmingham".into(),
                    active: 0,
                    current: true,
                    population: Some(1_144_919),
                    centre: Some((5_248_000, -189_000)),
                },
                Lad {
                    code: "E08000030".into(),
                    name: "Walsall".into(),
                    active: 1,
                    current: true,
                    population: None,
                    centre: None,
                },
            ],
            districts: vec![(
                "B6".into(),
                Centroid {
                    lat: 1,
                    lon: -2,
                    lad: Some(0),
                },
            )],
            sectors: vec![(
                "B6 5".into(),
                Centroid {
                    lat: 3,
                    lon: 4,
                    lad: None,
                },
            )],
            places: vec![NamedPlace {
                kind: NameKind::Ward,
                name: "Lozells".into(),
                lat: 5_250_208,
                lon: -190_866,
                lad: Some(0),
                population: Some(12_000),
            }],
        }
    }

    #[test]
    fn tables_round_trip_through_the_binary_form() {
        let tables = small_tables();
        let decoded = Tables::decode(&tables.encode_postcodes(), &tables.encode_places()).unwrap();
        assert_eq!(decoded, tables);
    }

    #[test]
    fn damaged_bytes_are_an_error() {
        let tables = small_tables();
        let postcodes = tables.encode_postcodes();
        let places = tables.encode_places();
        for cut in [0, 5, postcodes.len() / 2, postcodes.len() - 1] {
            assert!(Tables::decode(&postcodes[..cut], &places).is_err(), "{cut}");
        }
        for cut in [0, places.len() / 2, places.len() - 1] {
            assert!(Tables::decode(&postcodes, &places[..cut]).is_err(), "{cut}");
        }
    }
}
