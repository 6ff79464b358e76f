//! The Census 2021 counts and areas bundled in `fixtures/census/` (compiled into the binary):
//! the 331 local authority districts of 2022 and the 7,264 MSOAs of 2021, their population-weighted
//! centres and usual residents (TS001), and the counts of TS021 ethnic group (LAD and MSOA),
//! TS024 main language, TS029 English proficiency and TS030 religion (LAD).

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
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AreaLevelError {
    #[error(
        "no LSOA-level census counts are bundled (the finest are MSOA for population and ethnic group, LAD for the rest): use --area msoa or --area lad"
    )]
    Lsoa,
    #[error("unknown area level {0:?}: expected lad or msoa")]
    Unknown(String),
}

impl FromStr for AreaLevel {
    type Err = AreaLevelError;

    fn from_str(text: &str) -> Result<AreaLevel, AreaLevelError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "lad" => Ok(AreaLevel::Lad),
            "msoa" => Ok(AreaLevel::Msoa),
            "lsoa" => Err(AreaLevelError::Lsoa),
            _ => Err(AreaLevelError::Unknown(text.to_owned())),
        }
    }
}

impl fmt::Display for AreaLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AreaLevel::Lad => "lad",
            AreaLevel::Msoa => "msoa",
        })
    }
}

/// A census area with its population-weighted centre.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    pub code: String,
    pub name: String,
    /// The LAD (2022) the area is in (itself for a LAD).
    pub lad: usize,
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

/// All bundled census data, parsed once.
#[derive(Debug)]
pub struct Census {
    pub lads: Vec<Area>,
    pub msoas: Vec<Area>,
    pub categories: Vec<Category>,
    lad_counts: HashMap<String, Vec<f64>>,
    msoa_ts021: HashMap<String, Vec<f64>>,
    lad_index: HashMap<String, usize>,
    msoa_index: HashMap<String, usize>,
}

/// People with a need in every area of a level.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaCounts {
    pub counts: Vec<f64>,
    /// The census table the counts come from.
    pub table: String,
    /// Whether LAD counts were shared among MSOAs by their population.
    pub apportioned: bool,
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
                centre: Point::new(number(&f, 3), number(&f, 4)),
                population: number(&f, 5),
            })
            .collect();
        let lad_index: HashMap<String, usize> = lads
            .iter()
            .enumerate()
            .map(|(i, a)| (a.code.clone(), i))
            .collect();
        let msoas: Vec<Area> = csv_rows(MSOA_CSV)
            .map(|f| Area {
                code: field(&f, 0),
                name: format!("{} ({})", field(&f, 2), field(&f, 1)),
                lad: lad_index.get(&field(&f, 3)).copied().unwrap_or(0),
                centre: Point::new(number(&f, 4), number(&f, 5)),
                population: number(&f, 6),
            })
            .collect();
        let msoa_index = msoas
            .iter()
            .enumerate()
            .map(|(i, a)| (a.code.clone(), i))
            .collect();
        Census {
            categories: csv_rows(CATEGORIES_CSV).map(|f| category(&f)).collect(),
            lad_counts: counts_by_row(LAD_COUNTS_CSV),
            msoa_ts021: counts_by_column(MSOA_TS021_CSV),
            lads,
            msoas,
            lad_index,
            msoa_index,
        }
    }

    pub fn areas(&self, level: AreaLevel) -> &[Area] {
        match level {
            AreaLevel::Lad => &self.lads,
            AreaLevel::Msoa => &self.msoas,
        }
    }

    /// The index of an area code at a level.
    pub fn area_index(&self, level: AreaLevel, code: &str) -> Option<usize> {
        match level {
            AreaLevel::Lad => self.lad_index.get(code).copied(),
            AreaLevel::Msoa => self.msoa_index.get(code).copied(),
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
    pub fn people(&self, term: Option<&Term>, level: AreaLevel) -> Result<AreaCounts, NeedError> {
        let Some(term) = term else {
            return Ok(AreaCounts {
                counts: self.areas(level).iter().map(|a| a.population).collect(),
                table: "TS001".into(),
                apportioned: false,
            });
        };
        let categories = self.categories_of(term)?;
        let table = categories
            .first()
            .map_or("", |c| c.table.as_str())
            .to_owned();
        if level == AreaLevel::Msoa && table == "TS021" {
            let counts = categories
                .iter()
                .filter_map(|c| self.msoa_ts021.get(&c.code).map(Vec::as_slice))
                .fold(vec![0.0; self.msoas.len()], add);
            return Ok(AreaCounts {
                counts,
                table,
                apportioned: false,
            });
        }
        let lad_counts = categories
            .iter()
            .filter_map(|c| self.lad_counts(&c.code))
            .fold(vec![0.0; self.lads.len()], add);
        Ok(match level {
            AreaLevel::Lad => AreaCounts {
                counts: lad_counts,
                table,
                apportioned: false,
            },
            AreaLevel::Msoa => AreaCounts {
                counts: self.apportion(&lad_counts),
                table,
                apportioned: true,
            },
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

    /// LAD counts shared among the LAD's MSOAs in proportion to their usual residents.
    fn apportion(&self, lad_counts: &[f64]) -> Vec<f64> {
        let mut lad_population = vec![0.0; self.lads.len()];
        for m in &self.msoas {
            lad_population[m.lad] += m.population;
        }
        self.msoas
            .iter()
            .map(|m| {
                let share = if lad_population[m.lad] > 0.0 {
                    m.population / lad_population[m.lad]
                } else {
                    0.0
                };
                lad_counts[m.lad] * share
            })
            .collect()
    }
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
        assert!(!bangladeshi.apportioned);
        assert_eq!(
            bangladeshi.counts[0], 287.0,
            "City of London 001 (E02000001)"
        );
    }

    #[test]
    fn apportioned_msoa_counts_add_up_to_the_lad() {
        let census = Census::bundled();
        let term = Term::Language("pol".into());
        let lad = census.people(Some(&term), AreaLevel::Lad).unwrap();
        let msoa = census.people(Some(&term), AreaLevel::Msoa).unwrap();
        assert!(msoa.apportioned);
        let mut sums = vec![0.0; census.lads.len()];
        for (m, c) in census.msoas.iter().zip(&msoa.counts) {
            sums[m.lad] += c;
        }
        for (a, b) in sums.iter().zip(&lad.counts) {
            assert!((a - b).abs() < 1e-6 * b.max(1.0));
        }
    }

    #[test]
    fn lsoa_is_refused_with_a_reason() {
        assert_eq!("lsoa".parse::<AreaLevel>(), Err(AreaLevelError::Lsoa));
        assert_eq!("MSOA".parse::<AreaLevel>(), Ok(AreaLevel::Msoa));
    }
}
