//! The Census 2021 counts and areas bundled in `fixtures/census/` (compiled into the binary):
//! the 331 local authority districts of 2022, the 7,264 MSOAs and 35,672 LSOAs of 2021, their
//! population-weighted centres and usual residents (TS001), and the counts of TS021 ethnic group
//! (LAD and MSOA), TS024 main language, TS029 English proficiency and TS030 religion (LAD).

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use signpost_geo::Point;

use crate::need::{NeedError, Term};

const LAD_CSV: &str = include_str!("../../../fixtures/census/lad.csv");
const MSOA_CSV: &str = include_str!("../../../fixtures/census/msoa.csv");
const CATEGORIES_CSV: &str = include_str!("../../../fixtures/census/categories.csv");
const LAD_COUNTS_CSV: &str = include_str!("../../../fixtures/census/lad_counts.csv");
const MSOA_TS021_CSV: &str = include_str!("../../../fixtures/census/msoa_ts021.csv");
const LSOA_CSV: &str = include_str!("../../../fixtures/census/lsoa.csv");
/// The sources and licences of the bundled data, to show with every report.
pub const ATTRIBUTION_MD: &str = include_str!("../../../fixtures/census/ATTRIBUTION.md");

/// The geography a report is made at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AreaLevel {
    /// Local authority districts (2022), as in the census tables.
    Lad,
    /// Middle layer super output areas (2021).
    Msoa,
    /// Lower layer super output areas (2021).
    Lsoa,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AreaLevelError {
    #[error("unknown area level {0:?}: expected lad, msoa or lsoa")]
    Unknown(String),
}

impl FromStr for AreaLevel {
    type Err = AreaLevelError;

    fn from_str(text: &str) -> Result<AreaLevel, AreaLevelError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "lad" => Ok(AreaLevel::Lad),
            "msoa" => Ok(AreaLevel::Msoa),
            "lsoa" => Ok(AreaLevel::Lsoa),
            _ => Err(AreaLevelError::Unknown(text.to_owned())),
        }
    }
}

impl fmt::Display for AreaLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AreaLevel::Lad => "lad",
            AreaLevel::Msoa => "msoa",
            AreaLevel::Lsoa => "lsoa",
        })
    }
}

impl AreaLevel {
    /// The geography with its year, as errors name it: `LSOA (2021)`.
    pub fn title(self) -> &'static str {
        match self {
            AreaLevel::Lad => "LAD (2022)",
            AreaLevel::Msoa => "MSOA (2021)",
            AreaLevel::Lsoa => "LSOA (2021)",
        }
    }

    /// `LAD`, `MSOA` or `LSOA`.
    pub fn acronym(self) -> &'static str {
        match self {
            AreaLevel::Lad => "LAD",
            AreaLevel::Msoa => "MSOA",
            AreaLevel::Lsoa => "LSOA",
        }
    }

    /// The areas in words: `local authorities`, `MSOAs`, `LSOAs`.
    pub fn plural(self) -> &'static str {
        match self {
            AreaLevel::Lad => "local authorities",
            AreaLevel::Msoa => "MSOAs",
            AreaLevel::Lsoa => "LSOAs",
        }
    }
}

/// A census area with its population-weighted centre.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    pub code: String,
    pub name: String,
    /// The LAD (2022) the area is in (itself for a LAD).
    pub lad: usize,
    /// The MSOA (2021) the area is in (itself for an MSOA; none for a LAD).
    pub msoa: Option<usize>,
    pub centre: Point,
    /// TS001 usual residents.
    pub population: f64,
}

/// A category of one of the bundled tables.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub code: String,
    pub table: String,
    pub level: u8,
    pub name: String,
    /// ISO 639-3 codes of a TS024 language category (empty for groups and other tables).
    pub languages: Vec<String>,
    /// The `faiths.csv` code of a TS030 category.
    pub faith: Option<String>,
}

/// All bundled census data, parsed once; the LSOAs only when first asked for.
#[derive(Debug)]
pub struct Census {
    pub lads: Vec<Area>,
    pub msoas: Vec<Area>,
    pub categories: Vec<Category>,
    lad_counts: HashMap<String, Vec<f64>>,
    msoa_ts021: HashMap<String, Vec<f64>>,
    lad_index: HashMap<String, usize>,
    msoa_index: HashMap<String, usize>,
    /// The House of Commons Library name of each MSOA, in MSOA order.
    msoa_neighbourhoods: Vec<String>,
    lsoas: OnceLock<Areas>,
}

/// The areas of one level with an index of their codes.
#[derive(Debug)]
struct Areas {
    areas: Vec<Area>,
    index: HashMap<String, usize>,
}

impl Areas {
    fn new(areas: Vec<Area>) -> Areas {
        let index = code_index(&areas);
        Areas { areas, index }
    }
}

/// People with a need in every area of a level.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaCounts {
    pub counts: Vec<f64>,
    /// The census table the counts come from.
    pub table: String,
    /// The level whose counts were shared among the areas by their usual residents (`None`: the
    /// table is published at the level itself).
    pub apportioned_from: Option<AreaLevel>,
}

impl Census {
    /// The bundled data (parsed on first use).
    pub fn bundled() -> &'static Census {
        static CENSUS: OnceLock<Census> = OnceLock::new();
        CENSUS.get_or_init(Census::parse)
    }

    fn parse() -> Census {
        let lads: Vec<Area> = csv_rows(LAD_CSV)
            .enumerate()
            .map(|(index, f)| Area {
                code: field(&f, 0),
                name: field(&f, 1),
                lad: index,
                msoa: None,
                centre: Point::new(number(&f, 3), number(&f, 4)),
                population: number(&f, 5),
            })
            .collect();
        let lad_index = code_index(&lads);
        let mut msoa_neighbourhoods = Vec::new();
        let msoas: Vec<Area> = csv_rows(MSOA_CSV)
            .enumerate()
            .map(|(index, f)| {
                msoa_neighbourhoods.push(field(&f, 2));
                Area {
                    code: field(&f, 0),
                    name: format!("{} ({})", field(&f, 2), field(&f, 1)),
                    lad: lad_index.get(&field(&f, 3)).copied().unwrap_or(0),
                    msoa: Some(index),
                    centre: Point::new(number(&f, 4), number(&f, 5)),
                    population: number(&f, 6),
                }
            })
            .collect();
        Census {
            categories: csv_rows(CATEGORIES_CSV).map(|f| category(&f)).collect(),
            lad_counts: counts_by_row(LAD_COUNTS_CSV),
            msoa_ts021: counts_by_column(MSOA_TS021_CSV),
            msoa_index: code_index(&msoas),
            lads,
            msoas,
            lad_index,
            msoa_neighbourhoods,
            lsoas: OnceLock::new(),
        }
    }

    /// `lsoa.csv`: each LSOA named after its MSOA's neighbourhood, e.g.
    /// `City of London (City of London 001A)`.
    fn parse_lsoas(&self) -> Areas {
        let areas = csv_rows(LSOA_CSV)
            .map(|f| {
                let msoa = self.msoa_index.get(&field(&f, 2)).copied().unwrap_or(0);
                let neighbourhood = self
                    .msoa_neighbourhoods
                    .get(msoa)
                    .map_or("", String::as_str);
                Area {
                    code: field(&f, 0),
                    name: format!("{neighbourhood} ({})", field(&f, 1)),
                    lad: self.lad_index.get(&field(&f, 3)).copied().unwrap_or(0),
                    msoa: Some(msoa),
                    centre: Point::new(number(&f, 4), number(&f, 5)),
                    population: number(&f, 6),
                }
            })
            .collect();
        Areas::new(areas)
    }

    fn lsoas(&self) -> &Areas {
        self.lsoas.get_or_init(|| self.parse_lsoas())
    }

    /// The areas of a level (the LSOAs are parsed on first use).
    pub fn areas(&self, level: AreaLevel) -> &[Area] {
        match level {
            AreaLevel::Lad => &self.lads,
            AreaLevel::Msoa => &self.msoas,
            AreaLevel::Lsoa => &self.lsoas().areas,
        }
    }

    /// The index of an area code at a level.
    pub fn area_index(&self, level: AreaLevel, code: &str) -> Option<usize> {
        match level {
            AreaLevel::Lad => self.lad_index.get(code).copied(),
            AreaLevel::Msoa => self.msoa_index.get(code).copied(),
            AreaLevel::Lsoa => self.lsoas().index.get(code).copied(),
        }
    }

    pub fn category(&self, code: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.code == code)
    }

    /// TS024 categories that name a language, except English (`TS024_01`).
    pub fn community_languages(&self) -> impl Iterator<Item = &Category> {
        self.categories
            .iter()
            .filter(|c| c.table == "TS024" && !c.languages.is_empty() && c.code != "TS024_01")
    }

    /// LAD counts of one category, in LAD order.
    pub fn lad_counts(&self, category: &str) -> Option<&[f64]> {
        self.lad_counts.get(category).map(Vec::as_slice)
    }

    /// How many people in each area have the need's demographic term (`None`: usual residents).
    ///
    /// Each table is read at the finest level it is bundled at (TS021 per MSOA, the rest per LAD)
    /// and, for finer areas, shared among the areas inside in proportion to their usual residents.
    pub fn people(&self, term: Option<&Term>, level: AreaLevel) -> Result<AreaCounts, NeedError> {
        let Some(term) = term else {
            return Ok(AreaCounts {
                counts: self.areas(level).iter().map(|a| a.population).collect(),
                table: "TS001".into(),
                apportioned_from: None,
            });
        };
        let categories = self.categories_of(term)?;
        let table = categories
            .first()
            .map_or("", |c| c.table.as_str())
            .to_owned();
        let (source, counts) = if level != AreaLevel::Lad && table == "TS021" {
            let msoa_counts = categories
                .iter()
                .filter_map(|c| self.msoa_ts021.get(&c.code).map(Vec::as_slice))
                .fold(vec![0.0; self.msoas.len()], add);
            (AreaLevel::Msoa, msoa_counts)
        } else {
            let lad_counts = categories
                .iter()
                .filter_map(|c| self.lad_counts(&c.code))
                .fold(vec![0.0; self.lads.len()], add);
            (AreaLevel::Lad, lad_counts)
        };
        if source == level {
            return Ok(AreaCounts {
                counts,
                table,
                apportioned_from: None,
            });
        }
        let areas = self.areas(level);
        let counts = match source {
            AreaLevel::Msoa => share(&counts, areas, |a| a.msoa.unwrap_or(0)),
            _ => share(&counts, areas, |a| a.lad),
        };
        Ok(AreaCounts {
            counts,
            table,
            apportioned_from: Some(source),
        })
    }

    fn categories_of(&self, term: &Term) -> Result<Vec<&Category>, NeedError> {
        let found: Vec<&Category> = match term {
            Term::Language(code) => self
                .categories
                .iter()
                .filter(|c| c.languages.iter().any(|l| l == code))
                .collect(),
            Term::Faith(code) => self
                .categories
                .iter()
                .filter(|c| c.faith.as_deref() == Some(code.as_str()))
                .collect(),
            Term::Census(code) => self.category(code).into_iter().collect(),
            Term::Category(_) => Vec::new(),
        };
        if found.is_empty() {
            return Err(match term {
                Term::Census(code) => NeedError::UnknownCensus(code.clone()),
                other => NeedError::NoCensusCount(other.to_string()),
            });
        }
        Ok(found)
    }
}

/// The counts of larger areas (`totals`, indexed by `container`) shared among the areas inside
/// each in proportion to their usual residents, so that they add back up to each total.
fn share(totals: &[f64], areas: &[Area], container: impl Fn(&Area) -> usize) -> Vec<f64> {
    let mut residents = vec![0.0; totals.len()];
    for area in areas {
        residents[container(area)] += area.population;
    }
    areas
        .iter()
        .map(|area| {
            let within = container(area);
            if residents[within] > 0.0 {
                totals[within] * area.population / residents[within]
            } else {
                0.0
            }
        })
        .collect()
}

fn code_index(areas: &[Area]) -> HashMap<String, usize> {
    areas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.code.clone(), i))
        .collect()
}

fn add(mut total: Vec<f64>, counts: &[f64]) -> Vec<f64> {
    for (t, c) in total.iter_mut().zip(counts) {
        *t += c;
    }
    total
}

fn csv_rows(text: &'static str) -> impl Iterator<Item = csv::StringRecord> {
    csv::Reader::from_reader(text.as_bytes())
        .into_records()
        .filter_map(Result::ok)
}

fn field(record: &csv::StringRecord, index: usize) -> String {
    record.get(index).unwrap_or_default().to_owned()
}

fn number(record: &csv::StringRecord, index: usize) -> f64 {
    record
        .get(index)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

fn category(f: &csv::StringRecord) -> Category {
    let faith = field(f, 5);
    Category {
        code: field(f, 0),
        table: field(f, 1),
        level: field(f, 2).parse().unwrap_or(0),
        name: field(f, 3),
        languages: field(f, 4)
            .split(';')
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect(),
        faith: (!faith.is_empty()).then_some(faith),
    }
}

/// `category_code,<area>...`: one row per category.
fn counts_by_row(text: &'static str) -> HashMap<String, Vec<f64>> {
    csv_rows(text)
        .map(|r| {
            let counts = (1..r.len()).map(|i| number(&r, i)).collect();
            (field(&r, 0), counts)
        })
        .collect()
}

/// `<area code>,<category>...`: one row per area; returned per category.
fn counts_by_column(text: &'static str) -> HashMap<String, Vec<f64>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map(|h| h.iter().map(str::to_owned).collect())
        .unwrap_or_default();
    let mut columns: Vec<Vec<f64>> = vec![Vec::new(); headers.len()];
    for record in reader.records().filter_map(Result::ok) {
        for (i, column) in columns.iter_mut().enumerate().skip(1) {
            column.push(number(&record, i));
        }
    }
    headers.into_iter().zip(columns).skip(1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_areas_and_totals_are_complete() {
        let census = Census::bundled();
        assert_eq!(census.lads.len(), 331);
        assert_eq!(census.msoas.len(), 7_264);
        let lad_total: f64 = census.lads.iter().map(|a| a.population).sum();
        assert_eq!(
            lad_total, 59_597_541.0,
            "TS001 England and Wales (SOURCE.md)"
        );
        let msoa_total: f64 = census.msoas.iter().map(|a| a.population).sum();
        assert_eq!(msoa_total, 59_597_664.0);
        let walsall = census.area_index(AreaLevel::Lad, "E08000030").unwrap();
        assert_eq!(census.lads[walsall].name, "Walsall");
    }

    #[test]
    fn language_faith_and_ethnic_counts_come_from_their_tables() {
        let census = Census::bundled();
        let ben = census
            .people(Some(&Term::Language("ben".into())), AreaLevel::Lad)
            .unwrap();
        assert_eq!(ben.table, "TS024");
        let tower_hamlets = census.area_index(AreaLevel::Lad, "E09000030").unwrap();
        assert!(
            ben.counts[tower_hamlets] > 30_000.0,
            "{}",
            ben.counts[tower_hamlets]
        );
        let muslim = census
            .people(Some(&Term::Faith("muslim".into())), AreaLevel::Lad)
            .unwrap();
        let total: f64 = muslim.counts.iter().sum();
        assert!((3_800_000.0..4_000_000.0).contains(&total), "{total}");
        let bangladeshi = census
            .people(Some(&Term::Census("TS021_02".into())), AreaLevel::Msoa)
            .unwrap();
        assert_eq!(bangladeshi.apportioned_from, None);
        assert_eq!(
            bangladeshi.counts[0], 287.0,
            "City of London 001 (E02000001)"
        );
    }

    /// Sums finer counts into the areas that contain them.
    fn sums(counts: &[f64], areas: &[Area], len: usize, container: fn(&Area) -> usize) -> Vec<f64> {
        let mut sums = vec![0.0; len];
        for (area, count) in areas.iter().zip(counts) {
            sums[container(area)] += count;
        }
        sums
    }

    fn assert_add_up(sums: &[f64], totals: &[f64]) {
        assert_eq!(sums.len(), totals.len());
        for (sum, total) in sums.iter().zip(totals) {
            assert!(
                (sum - total).abs() <= 1e-9 * total.max(1.0),
                "{sum} != {total}"
            );
        }
    }

    #[test]
    fn apportioned_msoa_counts_add_up_to_the_lad() {
        let census = Census::bundled();
        let term = Term::Language("pol".into());
        let lad = census.people(Some(&term), AreaLevel::Lad).unwrap();
        let msoa = census.people(Some(&term), AreaLevel::Msoa).unwrap();
        assert_eq!(lad.apportioned_from, None);
        assert_eq!(msoa.apportioned_from, Some(AreaLevel::Lad));
        let sums = sums(&msoa.counts, &census.msoas, census.lads.len(), |a| a.lad);
        assert_add_up(&sums, &lad.counts);
    }

    #[test]
    fn lsoas_are_parsed_only_when_asked_for() {
        let census = Census::parse();
        census
            .people(Some(&Term::Faith("sikh".into())), AreaLevel::Msoa)
            .unwrap();
        assert!(
            census.lsoas.get().is_none(),
            "LAD and MSOA work leaves the LSOAs alone"
        );
        assert_eq!(census.areas(AreaLevel::Lsoa).len(), 35_672);
        assert!(census.lsoas.get().is_some());
    }

    #[test]
    fn lsoas_sit_inside_their_msoa_and_lad() {
        let census = Census::bundled();
        let lsoas = census.areas(AreaLevel::Lsoa);
        let total: f64 = lsoas.iter().map(|a| a.population).sum();
        assert_eq!(total, 59_597_601.0, "TS001 LSOA sum (census2021/SOURCE.md)");
        for lsoa in lsoas {
            let msoa = &census.msoas[lsoa.msoa.unwrap()];
            assert!(
                lsoa.code.starts_with(['E', 'W']) && lsoa.code[1..3] == *"01",
                "{lsoa:?}"
            );
            assert_eq!(msoa.lad, lsoa.lad, "{} in {}", lsoa.code, msoa.code);
            assert!(
                signpost_geo::haversine_m(lsoa.centre, msoa.centre) < 30_000.0,
                "{} is near {}",
                lsoa.code,
                msoa.code
            );
        }
        let first = census.area_index(AreaLevel::Lsoa, "E01000001").unwrap();
        let city = &lsoas[first];
        assert_eq!(city.name, "City of London (City of London 001A)");
        assert_eq!(city.population, 1_475.0);
        assert_eq!(city.centre, Point::new(51.51959, -0.09627));
        assert_eq!(census.msoas[city.msoa.unwrap()].code, "E02000001");
        assert_eq!(census.lads[city.lad].code, "E09000001");
        let bromley = census.area_index(AreaLevel::Lsoa, "E01000760").unwrap();
        assert_eq!(lsoas[bromley].centre.lon, -0.00003, "published as -3e-05");
        assert_eq!(census.area_index(AreaLevel::Lsoa, "E02000001"), None);
    }

    #[test]
    fn lsoa_counts_are_their_own_or_shared_from_msoa_and_lad() {
        let census = Census::bundled();
        let lsoas = census.areas(AreaLevel::Lsoa);
        let residents = census.people(None, AreaLevel::Lsoa).unwrap();
        assert_eq!(residents.apportioned_from, None);
        assert_eq!(residents.table, "TS001");
        assert_eq!(residents.counts[0], lsoas[0].population);

        let bangladeshi = Term::Census("TS021_02".into());
        let msoa = census.people(Some(&bangladeshi), AreaLevel::Msoa).unwrap();
        let lsoa = census.people(Some(&bangladeshi), AreaLevel::Lsoa).unwrap();
        assert_eq!(lsoa.apportioned_from, Some(AreaLevel::Msoa));
        assert_eq!(lsoa.table, "TS021");
        let by_msoa = sums(&lsoa.counts, lsoas, census.msoas.len(), |a| a.msoa.unwrap());
        assert_add_up(&by_msoa, &msoa.counts);
        let city = census.area_index(AreaLevel::Lsoa, "E01000001").unwrap();
        let city_msoa_residents: f64 = lsoas
            .iter()
            .filter(|a| a.msoa == Some(0))
            .map(|a| a.population)
            .sum();
        assert!((lsoa.counts[city] - 287.0 * 1_475.0 / city_msoa_residents).abs() < 1e-9);

        for term in [
            Term::Language("pol".into()),
            Term::Faith("muslim".into()),
            Term::Census("TS029_05".into()),
        ] {
            let lad = census.people(Some(&term), AreaLevel::Lad).unwrap();
            let lsoa = census.people(Some(&term), AreaLevel::Lsoa).unwrap();
            assert_eq!(lsoa.apportioned_from, Some(AreaLevel::Lad), "{term}");
            assert_eq!(lsoa.counts.len(), 35_672);
            let by_lad = sums(&lsoa.counts, lsoas, census.lads.len(), |a| a.lad);
            assert_add_up(&by_lad, &lad.counts);
        }
    }

    #[test]
    fn area_levels_parse_in_any_case() {
        assert_eq!("lsoa".parse::<AreaLevel>(), Ok(AreaLevel::Lsoa));
        assert_eq!("MSOA".parse::<AreaLevel>(), Ok(AreaLevel::Msoa));
        assert_eq!(" lad ".parse::<AreaLevel>(), Ok(AreaLevel::Lad));
        let error = "oa".parse::<AreaLevel>().unwrap_err().to_string();
        assert!(error.contains("lad, msoa or lsoa"), "{error}");
        assert_eq!(AreaLevel::Lsoa.to_string(), "lsoa");
    }
}
