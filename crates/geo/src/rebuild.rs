//! Rebuilds the bundled gazetteer (fixtures/gazetteer/) from the raw open data in shared/data:
//! pure functions over the bytes of each raw file; the caller reads the files and writes the result.

use crate::GazetteerError;
use crate::codec::compress;
use crate::grid::SpatialGrid;
use crate::postcode::{normalise_postcode, pack_postcode};
use crate::tables::{
    COORDINATE_SCALE, Centroid, Lad, Msoa, NO_AREA, NameKind, NamedPlace, PostcodeTable, Tables,
    to_degrees,
};
use crate::{ATTRIBUTION, Point};
use std::collections::HashMap;
use std::io::Read;

/// File names inside the bundled folder.
const POSTCODES_FILE: &str = "postcodes.bin.zst";
const PLACES_FILE: &str = "places.bin.zst";
const BOUNDARIES_FILE: &str = "lad_boundaries.geojson.zst";
const ATTRIBUTION_FILE: &str = "ATTRIBUTION.md";
/// How far a town or ward centre may be from the nearest postcode to take its areas.
const PLACE_AREA_REACH_M: f64 = 5_000.0;

/// The files of the open-data folder (`shared/data`) a rebuild reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RawFile {
    CensusPopulation,
    LadNames,
    MsoaNames,
    MsoaCentroids,
    Towns,
    Wards,
    Districts,
    Sectors,
    /// Gzip-compressed, as published.
    Postcodes,
    Boundaries,
}

impl RawFile {
    /// Every file a rebuild reads.
    pub const ALL: [RawFile; 10] = [
        RawFile::CensusPopulation,
        RawFile::LadNames,
        RawFile::MsoaNames,
        RawFile::MsoaCentroids,
        RawFile::Towns,
        RawFile::Wards,
        RawFile::Districts,
        RawFile::Sectors,
        RawFile::Postcodes,
        RawFile::Boundaries,
    ];

    /// Where the file lies inside the open-data folder.
    pub fn path(self) -> &'static str {
        match self {
            RawFile::CensusPopulation => "census2021/population.csv",
            RawFile::LadNames => "postcodes/lad_names.csv",
            RawFile::MsoaNames => "places/msoa21_names.csv",
            RawFile::MsoaCentroids => "geography/msoa21_centroids.csv",
            RawFile::Towns => "places/geonames_gb_places.csv",
            RawFile::Wards => "places/wards.csv",
            RawFile::Districts => "postcodes/districts.csv",
            RawFile::Sectors => "postcodes/sectors.csv",
            RawFile::Postcodes => "postcodes/postcodes.csv.gz",
            RawFile::Boundaries => "geography/lad_boundaries_2023_buc.geojson",
        }
    }
}

/// The contents of every [`RawFile`], byte for byte as stored.
pub struct RawData {
    files: HashMap<RawFile, Vec<u8>>,
}

impl RawData {
    /// Gathers every [`RawFile`], asking `read` for the bytes of each (the caller does the
    /// reading: this crate does no IO).
    pub fn gather<E>(mut read: impl FnMut(RawFile) -> Result<Vec<u8>, E>) -> Result<RawData, E> {
        let files = RawFile::ALL
            .into_iter()
            .map(|file| Ok((file, read(file)?)))
            .collect::<Result<_, E>>()?;
        Ok(RawData { files })
    }

    fn bytes(&self, file: RawFile) -> &[u8] {
        self.files.get(&file).map_or(&[], Vec::as_slice)
    }
}

/// What a rebuild read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildReport {
    pub postcodes: usize,
    /// Raw rows whose postcode does not have a unit postcode's shape (left out).
    pub skipped_postcodes: usize,
    pub districts: usize,
    pub sectors: usize,
    pub local_authorities: usize,
    /// Towns, wards and MSOA neighbourhoods.
    pub named_places: usize,
}

/// A rebuilt gazetteer: what was read, and the files of the bundled folder to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rebuilt {
    pub report: BuildReport,
    /// Each file of `fixtures/gazetteer/` by name, with its contents: postcodes, places,
    /// boundaries (zstd) and the attribution text.
    pub files: Vec<(&'static str, Vec<u8>)>,
}

impl Rebuilt {
    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|(_, bytes)| bytes.len() as u64).sum()
    }
}

/// Builds the compact bundled gazetteer from the raw open data.
pub fn build_from_raw(raw: &RawData) -> Result<Rebuilt, GazetteerError> {
    let (tables, report) = tables_from_raw(raw)?;
    let boundaries = boundaries_raw(raw)?;
    let files = vec![
        (POSTCODES_FILE, compress(&tables.encode_postcodes())?),
        (PLACES_FILE, compress(&tables.encode_places())?),
        (BOUNDARIES_FILE, compress(boundaries)?),
        (ATTRIBUTION_FILE, ATTRIBUTION.as_bytes().to_vec()),
    ];
    Ok(Rebuilt { report, files })
}

/// The LAD boundary GeoJSON, checked to parse.
pub(crate) fn boundaries_raw(raw: &RawData) -> Result<&[u8], GazetteerError> {
    let bytes = raw.bytes(RawFile::Boundaries);
    crate::boundaries::Boundaries::parse(bytes, &[])?;
    Ok(bytes)
}

/// Every table of the gazetteer, read from the raw files.
pub(crate) fn tables_from_raw(raw: &RawData) -> Result<(Tables, BuildReport), GazetteerError> {
    let census = read_census_population(raw)?;
    let mut lads = read_lads(raw, &census)?;
    let lad_index: HashMap<String, usize> = lads
        .iter()
        .enumerate()
        .map(|(i, lad)| (lad.code.clone(), i))
        .collect();
    let msoa_names = read_msoa_names(raw)?;
    let (postcodes, skipped_postcodes) = read_postcodes(raw, &lad_index, &msoa_names)?;
    set_lad_centres(raw, &mut lads, &postcodes, &lad_index)?;
    let grid = SpatialGrid::build(&postcodes.lat, &postcodes.lon);
    let located = Located {
        postcodes: &postcodes,
        grid: &grid,
        census: &census,
    };
    let mut places = read_towns(raw, &located)?;
    places.extend(read_wards(raw, &lad_index, &lads, &located)?);
    places.extend(read_neighbourhoods(raw, &lad_index, &lads, &census)?);
    let districts = read_centroids(raw, RawFile::Districts, "district", &lad_index)?;
    let sectors = read_centroids(raw, RawFile::Sectors, "sector", &lad_index)?;
    let report = BuildReport {
        postcodes: postcodes.keys.len(),
        skipped_postcodes,
        districts: districts.len(),
        sectors: sectors.len(),
        local_authorities: lads.len(),
        named_places: places.len(),
    };
    let tables = Tables {
        postcodes,
        lads,
        districts,
        sectors,
        places,
    };
    Ok((tables, report))
}

/// The postcode table with a grid, to find which areas a town or ward centre lies in.
struct Located<'a> {
    postcodes: &'a PostcodeTable,
    grid: &'a SpatialGrid,
    census: &'a HashMap<String, u32>,
}

impl Located<'_> {
    fn nearest_row(&self, lat: i32, lon: i32) -> Option<usize> {
        let point = Point::new(to_degrees(lat), to_degrees(lon));
        let table = self.postcodes;
        self.grid
            .nearest(&table.lat, &table.lon, point, PLACE_AREA_REACH_M)
            .map(|(row, _)| row)
    }

    fn lad(&self, lat: i32, lon: i32) -> Option<usize> {
        self.nearest_row(lat, lon)
            .map(|row| usize::from(self.postcodes.lad[row]))
    }

    fn msoa_population(&self, lat: i32, lon: i32) -> Option<u32> {
        let row = self.nearest_row(lat, lon)?;
        let msoa = self
            .postcodes
            .msoas
            .get(usize::from(self.postcodes.msoa[row]))?;
        self.census.get(&msoa.code).copied()
    }
}

fn read_census_population(raw: &RawData) -> Result<HashMap<String, u32>, GazetteerError> {
    let mut population = HashMap::new();
    let columns = ["geography_code", "usual_residents"];
    for_each_row(raw, RawFile::CensusPopulation, &columns, |row| {
        population.insert(row[0].to_owned(), parse_number(row[1])?);
        Ok(())
    })?;
    Ok(population)
}

fn read_lads(raw: &RawData, census: &HashMap<String, u32>) -> Result<Vec<Lad>, GazetteerError> {
    let mut rows = Vec::new();
    let columns = ["lad_code", "lad_name", "lad_code_active", "current"];
    for_each_row(raw, RawFile::LadNames, &columns, |row| {
        rows.push([row[0], row[1], row[2], row[3]].map(str::to_owned));
        Ok(())
    })?;
    let index: HashMap<&str, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| (row[0].as_str(), i))
        .collect();
    rows.iter()
        .map(|[code, name, active, current]| {
            let active = *index.get(active.as_str()).ok_or_else(|| {
                raw_error(
                    RawFile::LadNames,
                    format!("{code}'s successor {active} is not listed"),
                )
            })?;
            Ok(Lad {
                code: code.clone(),
                name: name.clone(),
                active,
                current: current == "1",
                population: lad_population(code, &rows, census),
                centre: None,
            })
        })
        .collect()
}

/// Census 2021 residents of an authority: its own figure, else (for authorities formed since
/// 2022) the sum over the 2022 authorities it replaced.
fn lad_population(code: &str, rows: &[[String; 4]], census: &HashMap<String, u32>) -> Option<u32> {
    if let Some(own) = census.get(code) {
        return Some(*own);
    }
    let predecessors: Vec<u32> = rows
        .iter()
        .filter(|row| row[2] == code && row[0] != code)
        .filter_map(|row| census.get(&row[0]).copied())
        .collect();
    (!predecessors.is_empty()).then(|| predecessors.iter().sum())
}

fn read_msoa_names(raw: &RawData) -> Result<HashMap<String, String>, GazetteerError> {
    let mut names = HashMap::new();
    for_each_row(
        raw,
        RawFile::MsoaNames,
        &["msoa21_code", "hcl_name"],
        |row| {
            names.insert(row[0].to_owned(), row[1].to_owned());
            Ok(())
        },
    )?;
    Ok(names)
}

/// Interns area codes into a table, giving u16 indices.
#[derive(Default)]
struct Interner {
    index: HashMap<String, u16>,
    codes: Vec<String>,
}

impl Interner {
    fn intern(&mut self, code: &str) -> Result<u16, String> {
        if code.is_empty() {
            return Ok(NO_AREA);
        }
        if let Some(i) = self.index.get(code) {
            return Ok(*i);
        }
        let next = u16::try_from(self.codes.len())
            .ok()
            .filter(|n| *n != NO_AREA)
            .ok_or_else(|| "more than 65,534 areas".to_owned())?;
        self.index.insert(code.to_owned(), next);
        self.codes.push(code.to_owned());
        Ok(next)
    }
}

fn read_postcodes(
    raw: &RawData,
    lad_index: &HashMap<String, usize>,
    msoa_names: &HashMap<String, String>,
) -> Result<(PostcodeTable, usize), GazetteerError> {
    let reader = flate2::read::GzDecoder::new(raw.bytes(RawFile::Postcodes));
    let mut rows: Vec<(u64, i32, i32, u16, u16, u16)> = Vec::with_capacity(2_700_000);
    let (mut lsoas, mut msoas) = (Interner::default(), Interner::default());
    let mut skipped = 0;
    let columns = ["pcds", "lat", "long", "lad", "lsoa21", "msoa21"];
    for_each_row_of(RawFile::Postcodes, reader, &columns, |row| {
        let Some(key) = normalise_postcode(row[0]).and_then(|p| pack_postcode(&p)) else {
            skipped += 1;
            return Ok(());
        };
        let lad = lad_index
            .get(row[3])
            .and_then(|i| u16::try_from(*i).ok())
            .ok_or_else(|| format!("unknown local authority {}", row[3]))?;
        rows.push((
            key,
            parse_coordinate(row[1])?,
            parse_coordinate(row[2])?,
            lad,
            lsoas.intern(row[4])?,
            msoas.intern(row[5])?,
        ));
        Ok(())
    })?;
    rows.sort_unstable_by_key(|row| row.0);
    if rows.windows(2).any(|pair| pair[0].0 == pair[1].0) {
        return Err(raw_error(
            RawFile::Postcodes,
            "a postcode is listed twice".into(),
        ));
    }
    let mut table = PostcodeTable {
        lsoa_codes: lsoas.codes,
        msoas: msoas
            .codes
            .into_iter()
            .map(|code| Msoa {
                name: msoa_names.get(&code).cloned().unwrap_or_default(),
                code,
            })
            .collect(),
        ..PostcodeTable::default()
    };
    for (key, lat, lon, lad, lsoa, msoa) in rows {
        table.keys.push(key);
        table.lat.push(lat);
        table.lon.push(lon);
        table.lad.push(lad);
        table.lsoa.push(lsoa);
        table.msoa.push(msoa);
    }
    Ok((table, skipped))
}

/// Current authorities: the mean of their postcodes. Former ones (no postcodes now): the mean of
/// the population-weighted centroids of the MSOAs the census gave them.
fn set_lad_centres(
    raw: &RawData,
    lads: &mut [Lad],
    postcodes: &PostcodeTable,
    lad_index: &HashMap<String, usize>,
) -> Result<(), GazetteerError> {
    let mut sums = vec![(0i64, 0i64, 0i64); lads.len()];
    for row in 0..postcodes.keys.len() {
        let sum = &mut sums[usize::from(postcodes.lad[row])];
        *sum = (
            sum.0 + i64::from(postcodes.lat[row]),
            sum.1 + i64::from(postcodes.lon[row]),
            sum.2 + 1,
        );
    }
    let mut census_sums = vec![(0i64, 0i64, 0i64); lads.len()];
    let columns = ["lat", "lon", "lad22_code"];
    for_each_row(raw, RawFile::MsoaCentroids, &columns, |row| {
        if let Some(i) = lad_index.get(row[2]) {
            let sum = &mut census_sums[*i];
            let (lat, lon) = (parse_coordinate(row[0])?, parse_coordinate(row[1])?);
            *sum = (sum.0 + i64::from(lat), sum.1 + i64::from(lon), sum.2 + 1);
        }
        Ok(())
    })?;
    for (i, lad) in lads.iter_mut().enumerate() {
        let (lat, lon, count) = if sums[i].2 > 0 {
            sums[i]
        } else {
            census_sums[i]
        };
        if count > 0 {
            lad.centre = Some((mean(lat, count), mean(lon, count)));
        }
    }
    Ok(())
}

fn mean(sum: i64, count: i64) -> i32 {
    // Means of i32 coordinates stay within i32.
    (sum as f64 / count as f64).round() as i32
}

fn read_towns(raw: &RawData, located: &Located<'_>) -> Result<Vec<NamedPlace>, GazetteerError> {
    let mut towns = Vec::new();
    let columns = ["name", "lat", "lon", "population"];
    for_each_row(raw, RawFile::Towns, &columns, |row| {
        let (lat, lon) = (parse_coordinate(row[1])?, parse_coordinate(row[2])?);
        towns.push(NamedPlace {
            kind: NameKind::Town,
            name: row[0].to_owned(),
            lat,
            lon,
            lad: located.lad(lat, lon),
            population: Some(parse_number(row[3])?),
        });
        Ok(())
    })?;
    Ok(towns)
}

fn read_wards(
    raw: &RawData,
    lad_index: &HashMap<String, usize>,
    lads: &[Lad],
    located: &Located<'_>,
) -> Result<Vec<NamedPlace>, GazetteerError> {
    let mut wards = Vec::new();
    let columns = ["ward_name", "lad_code", "lat", "lon"];
    for_each_row(raw, RawFile::Wards, &columns, |row| {
        let (lat, lon) = (parse_coordinate(row[2])?, parse_coordinate(row[3])?);
        wards.push(NamedPlace {
            kind: NameKind::Ward,
            name: row[0].to_owned(),
            lat,
            lon,
            lad: active_lad(row[1], lad_index, lads)?,
            population: located.msoa_population(lat, lon),
        });
        Ok(())
    })?;
    Ok(wards)
}

fn read_neighbourhoods(
    raw: &RawData,
    lad_index: &HashMap<String, usize>,
    lads: &[Lad],
    census: &HashMap<String, u32>,
) -> Result<Vec<NamedPlace>, GazetteerError> {
    let mut neighbourhoods = Vec::new();
    let columns = ["msoa21_code", "hcl_name", "lad_code", "lat", "lon"];
    for_each_row(raw, RawFile::MsoaNames, &columns, |row| {
        if row[1].is_empty() {
            return Ok(());
        }
        neighbourhoods.push(NamedPlace {
            kind: NameKind::Neighbourhood,
            name: row[1].to_owned(),
            lat: parse_coordinate(row[3])?,
            lon: parse_coordinate(row[4])?,
            lad: active_lad(row[2], lad_index, lads)?,
            population: census.get(row[0]).copied(),
        });
        Ok(())
    })?;
    Ok(neighbourhoods)
}

fn active_lad(
    code: &str,
    lad_index: &HashMap<String, usize>,
    lads: &[Lad],
) -> Result<Option<usize>, String> {
    if code.is_empty() {
        return Ok(None);
    }
    lad_index
        .get(code)
        .map(|i| Some(lads[*i].active))
        .ok_or_else(|| format!("unknown local authority {code}"))
}

fn read_centroids(
    raw: &RawData,
    file: RawFile,
    name_column: &str,
    lad_index: &HashMap<String, usize>,
) -> Result<Vec<(String, Centroid)>, GazetteerError> {
    let mut centroids = Vec::new();
    let columns = [name_column, "lat", "lon", "main_lad_code"];
    for_each_row(raw, file, &columns, |row| {
        let centroid = Centroid {
            lat: parse_coordinate(row[1])?,
            lon: parse_coordinate(row[2])?,
            lad: lad_index.get(row[3]).copied(),
        };
        centroids.push((row[0].to_owned(), centroid));
        Ok(())
    })?;
    centroids.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(centroids)
}

fn parse_coordinate(text: &str) -> Result<i32, String> {
    let degrees: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a coordinate"))?;
    if !(degrees.is_finite() && degrees.abs() <= 180.0) {
        return Err(format!("{text:?} is not a coordinate"));
    }
    Ok((degrees * COORDINATE_SCALE).round() as i32)
}

fn parse_number(text: &str) -> Result<u32, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a whole number"))
}

fn for_each_row(
    raw: &RawData,
    file: RawFile,
    columns: &[&str],
    on_row: impl FnMut(&[&str]) -> Result<(), String>,
) -> Result<(), GazetteerError> {
    for_each_row_of(file, raw.bytes(file), columns, on_row)
}

/// The most columns [`for_each_row`] hands over at once.
const MAX_COLUMNS: usize = 8;

/// Calls `on_row` with the named columns of every record; errors name the file and line.
fn for_each_row_of(
    file: RawFile,
    input: impl Read,
    columns: &[&str],
    mut on_row: impl FnMut(&[&str]) -> Result<(), String>,
) -> Result<(), GazetteerError> {
    let mut reader = csv::Reader::from_reader(input);
    let headers = reader
        .headers()
        .map_err(|e| raw_error(file, e.to_string()))?
        .clone();
    let positions = columns
        .iter()
        .map(|name| {
            headers
                .iter()
                .position(|h| h == *name)
                .ok_or_else(|| raw_error(file, format!("no column {name:?}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if positions.len() > MAX_COLUMNS {
        return Err(raw_error(
            file,
            format!("more than {MAX_COLUMNS} columns asked for"),
        ));
    }
    let mut record = csv::StringRecord::new();
    let mut line = 1u64;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => line += 1,
            Err(e) => return Err(raw_error(file, e.to_string())),
        }
        let mut fields = [""; MAX_COLUMNS];
        for (field, position) in fields.iter_mut().zip(&positions) {
            *field = record.get(*position).unwrap_or("");
        }
        on_row(&fields[..positions.len()])
            .map_err(|message| raw_error(file, format!("line {line}: {message}")))?;
    }
}

fn raw_error(file: RawFile, message: String) -> GazetteerError {
    GazetteerError::Raw {
        file: file.path().to_owned(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::to_degrees;
    use crate::{Gazetteer, PlaceKind, PlaceLookup};
    use std::path::{Path, PathBuf};

    /// The shared/data folder beside the repository.
    fn shared_data_dir() -> PathBuf {
        std::env::var_os("SIGNPOST_SHARED_DATA")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
    }

    /// The raw files of shared/data, when it is beside the repository.
    fn shared_raw_data() -> Option<RawData> {
        let dir = shared_data_dir();
        RawData::gather(|file| std::fs::read(dir.join(file.path()))).ok()
    }

    /// Every postcode in the raw file resolves to its raw coordinates and areas, except the
    /// terminated `NPT` postcodes, whose outward code is not a modern postcode shape.
    #[test]
    fn shipped_postcodes_equal_the_raw_file() {
        let path = shared_data_dir().join(RawFile::Postcodes.path());
        let Ok(file) = std::fs::File::open(&path) else {
            eprintln!("skipped: {} is not here", path.display());
            return;
        };
        let gazetteer = Gazetteer::bundled().unwrap();
        let reader = flate2::read::GzDecoder::new(std::io::BufReader::new(file));
        let (mut checked, mut skipped) = (0usize, 0usize);
        let columns = ["pcds", "lat", "long", "lad", "lsoa21", "msoa21"];
        for_each_row_of(RawFile::Postcodes, reader, &columns, |row| {
            if row[0].starts_with("NPT ") {
                skipped += 1;
                return Ok(());
            }
            let areas = gazetteer
                .postcode_areas(row[0])
                .ok_or(format!("{} missing", row[0]))?;
            let place = gazetteer
                .lookup(row[0])
                .ok_or(format!("{} missing", row[0]))?;
            let raw_point = (parse_coordinate(row[1])?, parse_coordinate(row[2])?);
            let found = (
                place.label.as_str(),
                (place.lat, place.lon),
                areas.lad_code.as_str(),
                areas.lsoa_code.as_deref().unwrap_or(""),
                areas.msoa_code.as_deref().unwrap_or(""),
            );
            let expected = (
                row[0],
                (to_degrees(raw_point.0), to_degrees(raw_point.1)),
                row[3],
                row[4],
                row[5],
            );
            if found != expected || place.kind != PlaceKind::Postcode {
                return Err(format!("{found:?} != {expected:?}"));
            }
            checked += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!(checked, gazetteer.postcode_count());
        assert_eq!(skipped, 2_417);
    }

    /// The shipped files decode to exactly what a rebuild from the raw files gives.
    #[test]
    fn shipped_data_equals_a_rebuild() {
        let Some(raw) = shared_raw_data() else {
            eprintln!("skipped: {} is not here", shared_data_dir().display());
            return;
        };
        let (rebuilt, report) = tables_from_raw(&raw).unwrap();
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/gazetteer");
        let read = |name: &str| {
            crate::codec::decompress(&std::fs::read(fixtures.join(name)).unwrap()).unwrap()
        };
        let shipped = Tables::decode(&read(POSTCODES_FILE), &read(PLACES_FILE)).unwrap();
        assert_eq!(report.postcodes, shipped.postcodes.keys.len());
        assert!(
            shipped == rebuilt,
            "the shipped gazetteer differs from a rebuild"
        );
        assert_eq!(read(BOUNDARIES_FILE), boundaries_raw(&raw).unwrap());
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    /// A tiny open-data folder: Walsall, two of its postcodes, a town, a ward and a neighbourhood.
    fn tiny_file(file: RawFile) -> Vec<u8> {
        let text = match file {
            RawFile::CensusPopulation => {
                "geography_code,usual_residents\nE08000030,284121\nE02002139,8000\n"
            }
            RawFile::LadNames => {
                "lad_code,lad_name,lad_code_active,current\nE08000030,Walsall,E08000030,1\n"
            }
            RawFile::MsoaNames => {
                "msoa21_code,hcl_name,lad_code,lat,lon\nE02002139,Walsall Town,E08000030,52.58,-1.98\n"
            }
            RawFile::MsoaCentroids => "lat,lon,lad22_code\n52.58,-1.98,E08000030\n",
            RawFile::Towns => "name,lat,lon,population\nWalsall,52.58528,-1.98396,67594\n",
            RawFile::Wards => "ward_name,lad_code,lat,lon\nPleck,E08000030,52.576,-2.0\n",
            RawFile::Districts => "district,lat,lon,main_lad_code\nWS1,52.58,-1.98,E08000030\n",
            RawFile::Sectors => "sector,lat,lon,main_lad_code\nWS1 1,52.586,-1.981,E08000030\n",
            RawFile::Postcodes => {
                return gzip(
                    b"pcds,lat,long,lad,lsoa21,msoa21\n\
WS1 1AB,52.58611,-1.981,E08000030,E01010368,E02002139\n\
WS1 1AA,52.58601,-1.98128,E08000030,E01010368,E02002139\n",
                );
            }
            RawFile::Boundaries => {
                r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"E08000030"},"geometry":{"type":"Polygon","coordinates":[[[-2.1,52.5],[-1.9,52.5],[-1.9,52.7],[-2.1,52.5]]]}}]}"#
            }
        };
        text.as_bytes().to_vec()
    }

    fn tiny_raw_data() -> RawData {
        RawData::gather(|file| Ok::<_, std::convert::Infallible>(tiny_file(file))).unwrap()
    }

    #[test]
    fn a_rebuild_loads_as_a_gazetteer() {
        let rebuilt = build_from_raw(&tiny_raw_data()).unwrap();
        let names: Vec<&str> = rebuilt.files.iter().map(|(name, _)| *name).collect();
        assert_eq!(
            names,
            [
                POSTCODES_FILE,
                PLACES_FILE,
                BOUNDARIES_FILE,
                ATTRIBUTION_FILE
            ]
        );
        assert_eq!(
            (rebuilt.report.postcodes, rebuilt.report.named_places),
            (2, 3)
        );
        let size: usize = rebuilt.files.iter().map(|(_, bytes)| bytes.len()).sum();
        assert_eq!(rebuilt.total_bytes(), size as u64);
        let [postcodes, places, boundaries, _] = &rebuilt.files[..] else {
            panic!("four files");
        };
        let gazetteer = Gazetteer::from_bundle(&postcodes.1, &places.1, &boundaries.1).unwrap();
        assert_eq!(gazetteer.postcode_count(), 2);
        let postcode = gazetteer.lookup("ws11aa").unwrap();
        assert_eq!((postcode.lat, postcode.lon), (52.58601, -1.98128));
        let areas = gazetteer.postcode_areas("WS1 1AB").unwrap();
        assert_eq!(areas.msoa_name.as_deref(), Some("Walsall Town"));
        let town = gazetteer.lookup("Walsall").unwrap();
        assert_eq!((town.lat, town.lon), (52.58528, -1.98396));
        assert_eq!(
            gazetteer.lookup("Pleck").unwrap().lad_code.as_deref(),
            Some("E08000030")
        );
        assert!(gazetteer.lad_boundary("E08000030").is_some());
    }

    #[test]
    fn a_bad_raw_row_names_its_file_and_line() {
        let raw = RawData::gather(|file| {
            Ok::<_, std::convert::Infallible>(match file {
                RawFile::Towns => b"name,lat,lon,population\nWalsall,north,-1.98,1\n".to_vec(),
                other => tiny_file(other),
            })
        })
        .unwrap();
        let error = build_from_raw(&raw).unwrap_err();
        assert_eq!(
            error.to_string(),
            "places/geonames_gb_places.csv: line 2: \"north\" is not a coordinate"
        );
    }

    #[test]
    fn damaged_bundle_files_are_refused() {
        let rebuilt = build_from_raw(&tiny_raw_data()).unwrap();
        let error = Gazetteer::from_bundle(&rebuilt.files[0].1, b"not zstd", &rebuilt.files[2].1)
            .unwrap_err();
        assert!(matches!(error, GazetteerError::Corrupt(_)), "{error}");
    }

    #[test]
    fn coordinates_are_read_exactly() {
        assert_eq!(parse_coordinate("52.58601"), Ok(5_258_601));
        assert_eq!(parse_coordinate("-1.98128"), Ok(-198_128));
        assert_eq!(to_degrees(5_258_601), 52.58601);
        assert!(parse_coordinate("north").is_err());
        assert!(parse_coordinate("NaN").is_err());
        assert!(parse_coordinate("200").is_err());
    }
}
