//! `signpost gaps report`: people with each need per area (Census 2021 or a caseload) against
//! the directory services that meet it, scored with a floating-catchment method, ranked by unmet
//! need; and the local authorities whose community languages have no service within reach.

use std::collections::{HashMap, HashSet};
use std::io::Read;

use serde::Serialize;
use signpost_domain::Service;
use signpost_geo::Point;

use crate::access::{
    DemandPoint, Method, Pairs, SupplyIndex, SupplyPoint, access_from_pairs, pairs,
};
use crate::census::{Area, AreaLevel, Census};
use crate::error::GapsError;
use crate::need::Need;
use crate::points_csv::{CsvFile, in_uk};
use crate::progress::{Progress, Unwatched, step};
use crate::render::{REPORT_FILES, ReportFile, Summary, make_files, summary};
use crate::unmet::{DeclinedFull, UnmetDemand, count_unmet_demand};

/// The service extension field that gives a service's capacity (a positive number; else 1).
pub const CAPACITY_FIELD: &str = "signpost_capacity";
/// Caseload counts below this are suppressed in every output.
pub const SUPPRESS_BELOW: f64 = 5.0;

/// What to report on.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    /// Needs to report (with a caseload and no needs: every need in the caseload).
    pub needs: Vec<Need>,
    pub level: AreaLevel,
    pub method: Method,
    pub catchment_m: f64,
    /// Language gaps list languages spoken by at least this many residents of a LAD...
    pub language_gap_min_residents: f64,
    /// ...with no service in that language within this distance of the LAD's centre.
    pub language_gap_m: f64,
    /// Referrals services declined as full, counted as unmet referral demand.
    pub declined_full: Vec<DeclinedFull>,
}

impl ReportOptions {
    /// The defaults of `signpost gaps report`: E2SFCA within 10 km; language gaps for languages
    /// of at least 500 residents with no service within 10 km.
    pub fn new(needs: Vec<Need>, level: AreaLevel) -> ReportOptions {
        ReportOptions {
            needs,
            level,
            method: Method::Enhanced,
            catchment_m: 10_000.0,
            language_gap_min_residents: 500.0,
            language_gap_m: 10_000.0,
            declined_full: Vec::new(),
        }
    }
}

/// The steps of a report per need: people, services in reach, scores.
const STEPS_PER_NEED: u64 = 3;

/// What `signpost gaps report` writes and prints: the report's files and its `--json` summary.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRun {
    pub files: Vec<ReportFile>,
    pub summary: Summary,
}

/// `signpost gaps report` end to end: builds the report from the services (and the caseload, if
/// given) and makes its files for the caller to write. `progress` is told of every step once the
/// needs to report are known.
pub fn run_report(
    options: &ReportOptions,
    caseload: Option<&Caseload>,
    services: &[Service],
    progress: &dyn Progress,
) -> Result<ReportRun, GapsError> {
    let needs = needs_to_report(options, caseload)?;
    progress.start(needs.len() as u64 * STEPS_PER_NEED + 1 + REPORT_FILES as u64);
    let built = build_report(options, caseload, services, &needs, progress)?;
    let files = make_files(&built, progress);
    tracing::info!(
        needs = built.needs.len(),
        areas = built.needs.first().map_or(0, |n| n.areas.len()),
        files = files.len(),
        "gap report made"
    );
    Ok(ReportRun {
        files,
        summary: summary(&built),
    })
}

/// Counts per area and need from a caseload CSV `area_code,need,count`.
#[derive(Debug, Clone, PartialEq)]
pub struct Caseload {
    pub level: AreaLevel,
    /// Needs in first-seen order, each with a count per area of the level.
    pub needs: Vec<(Need, Vec<f64>)>,
}

/// One area's line for one need.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaRow {
    pub rank: usize,
    pub code: String,
    pub name: String,
    pub lad_code: String,
    pub centre: Point,
    /// People with the need; `None` where a caseload count below 5 is suppressed.
    pub people: Option<f64>,
    pub suppressed: bool,
    /// Distinct matching services with a location within the catchment.
    pub services_in_reach: usize,
    /// Distance to the nearest location of a matching service, anywhere.
    pub nearest_m: Option<f64>,
    /// The access score of the chosen method.
    pub access: f64,
    /// The access score divided by its population-weighted mean over all areas (1 = average).
    pub access_ratio: f64,
    /// people x max(0, 1 - access_ratio): people with the need beyond what average access serves.
    pub unmet: Option<f64>,
}

/// One need across all areas, largest unmet need first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NeedReport {
    pub need: String,
    /// `census TS024` or `caseload`.
    pub demand_source: String,
    /// Whether the counts of larger areas were shared among the areas by usual residents.
    pub apportioned: bool,
    /// Which level's counts were shared (`None` when not apportioned).
    pub apportioned_from: Option<AreaLevel>,
    pub matching_services: usize,
    pub service_locations: usize,
    /// People with the need in areas not suppressed.
    pub people: f64,
    pub people_with_no_service_in_reach: f64,
    pub suppressed_areas: usize,
    pub areas: Vec<AreaRow>,
}

/// A community language with no service in it within reach of a local authority's centre.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LanguageGap {
    pub lad_code: String,
    pub lad_name: String,
    pub census_category: String,
    pub census_name: String,
    pub languages: Vec<String>,
    pub residents: f64,
    /// The nearest service in the language, if any exists.
    pub nearest_m: Option<f64>,
}

/// Everything a report shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub level: AreaLevel,
    pub method: String,
    pub catchment_m: f64,
    pub from_caseload: bool,
    pub services: usize,
    pub services_without_location: usize,
    pub needs: Vec<NeedReport>,
    pub language_gap_min_residents: f64,
    pub language_gap_m: f64,
    pub language_gaps: Vec<LanguageGap>,
    /// Referrals declined as full, per area and category of need.
    pub unmet_referrals: Vec<UnmetDemand>,
}

/// A service with its UK locations and its capacity shared among them.
struct Located<'a> {
    service: &'a Service,
    points: Vec<Point>,
    capacity_each: f64,
}

fn locate(services: &[Service]) -> Vec<Located<'_>> {
    services
        .iter()
        .filter_map(|service| {
            let points: Vec<Point> = service
                .points()
                .into_iter()
                .map(|p| Point::new(p.lat, p.lon))
                .filter(|p| in_uk(*p))
                .collect();
            (!points.is_empty()).then(|| Located {
                capacity_each: capacity(service) / points.len() as f64,
                service,
                points,
            })
        })
        .collect()
}

/// The service's [`CAPACITY_FIELD`] when it is a positive number, else 1.
pub fn capacity(service: &Service) -> f64 {
    service
        .extra
        .get(CAPACITY_FIELD)
        .and_then(serde_json::Value::as_f64)
        .filter(|c| c.is_finite() && *c > 0.0)
        .unwrap_or(1.0)
}

/// Supply points of some services: locations, capacities and which service each belongs to.
struct Supply {
    points: Vec<SupplyPoint>,
    owner: Vec<usize>,
    services: usize,
}

impl Supply {
    fn of<'a>(located: impl Iterator<Item = (usize, &'a Located<'a>)>) -> Supply {
        let mut supply = Supply {
            points: Vec::new(),
            owner: Vec::new(),
            services: 0,
        };
        for (index, service) in located {
            supply.services += 1;
            for point in &service.points {
                supply.points.push(SupplyPoint {
                    point: *point,
                    capacity: service.capacity_each,
                });
                supply.owner.push(index);
            }
        }
        supply
    }

    fn index(&self) -> SupplyIndex {
        let points: Vec<Point> = self.points.iter().map(|s| s.point).collect();
        SupplyIndex::new(&points)
    }
}

/// Builds the report from every service in the directory.
pub fn report(
    options: &ReportOptions,
    caseload: Option<&Caseload>,
    services: &[Service],
) -> Result<Report, GapsError> {
    let needs = needs_to_report(options, caseload)?;
    build_report(options, caseload, services, &needs, &Unwatched)
}

fn build_report(
    options: &ReportOptions,
    caseload: Option<&Caseload>,
    services: &[Service],
    needs: &[Need],
    progress: &dyn Progress,
) -> Result<Report, GapsError> {
    let census = Census::bundled();
    let located = locate(services);
    let mut reports = Vec::with_capacity(needs.len());
    for need in needs {
        reports.push(need_report(
            census, options, caseload, &located, need, progress,
        )?);
    }
    let language_gaps = step(progress, "language gaps", || {
        language_gaps(census, options, &located)
    });
    Ok(Report {
        level: options.level,
        method: options.method.code().to_owned(),
        catchment_m: options.catchment_m,
        from_caseload: caseload.is_some(),
        services: services.len(),
        services_without_location: services.len() - located.len(),
        needs: reports,
        language_gap_min_residents: options.language_gap_min_residents,
        language_gap_m: options.language_gap_m,
        language_gaps,
        unmet_referrals: count_unmet_demand(&options.declined_full),
    })
}

fn needs_to_report(
    options: &ReportOptions,
    caseload: Option<&Caseload>,
) -> Result<Vec<Need>, GapsError> {
    if !options.needs.is_empty() {
        return Ok(options.needs.clone());
    }
    match caseload {
        Some(c) if !c.needs.is_empty() => Ok(c.needs.iter().map(|(n, _)| n.clone()).collect()),
        _ => Err(GapsError::Report(
            "no need to report: give at least one --need (e.g. language:ben) or a caseload".into(),
        )),
    }
}

struct People {
    counts: Vec<f64>,
    suppressed: Vec<bool>,
    source: String,
    apportioned_from: Option<AreaLevel>,
}

fn people(
    census: &Census,
    level: AreaLevel,
    caseload: Option<&Caseload>,
    need: &Need,
) -> Result<People, GapsError> {
    match caseload {
        Some(caseload) => {
            let counts = caseload
                .needs
                .iter()
                .find(|(n, _)| n == need)
                .map(|(_, c)| c.clone())
                .unwrap_or_else(|| vec![0.0; census.areas(level).len()]);
            Ok(People {
                suppressed: counts.iter().map(|c| *c < SUPPRESS_BELOW).collect(),
                counts,
                source: "caseload".into(),
                apportioned_from: None,
            })
        }
        None => {
            let found = census.people(need.demographic(), level)?;
            Ok(People {
                suppressed: vec![false; found.counts.len()],
                counts: found.counts,
                source: format!("census {}", found.table),
                apportioned_from: found.apportioned_from,
            })
        }
    }
}

fn need_report(
    census: &Census,
    options: &ReportOptions,
    caseload: Option<&Caseload>,
    located: &[Located<'_>],
    need: &Need,
    progress: &dyn Progress,
) -> Result<NeedReport, GapsError> {
    let areas = census.areas(options.level);
    let people = step(progress, &format!("{need}: people"), || {
        people(census, options.level, caseload, need)
    })?;
    let reach = step(progress, &format!("{need}: services in reach"), || {
        InReach::of(areas, located, need, options)
    });
    let rows = step(progress, &format!("{need}: access scores"), || {
        area_rows(census, options, &people, &reach)
    });
    Ok(NeedReport {
        need: need.to_string(),
        demand_source: people.source,
        apportioned: people.apportioned_from.is_some(),
        apportioned_from: people.apportioned_from,
        matching_services: reach.supply.services,
        service_locations: reach.supply.points.len(),
        people: rows.iter().filter_map(|r| r.people).sum(),
        people_with_no_service_in_reach: rows
            .iter()
            .filter(|r| r.services_in_reach == 0)
            .filter_map(|r| r.people)
            .sum(),
        suppressed_areas: rows.iter().filter(|r| r.suppressed).count(),
        areas: rows,
    })
}

/// The services that meet a need and the pairs of area centre and service location in reach.
struct InReach {
    supply: Supply,
    index: SupplyIndex,
    centres: Vec<Point>,
    pairs: Pairs,
}

impl InReach {
    fn of(
        areas: &[Area],
        located: &[Located<'_>],
        need: &Need,
        options: &ReportOptions,
    ) -> InReach {
        let supply = Supply::of(
            located
                .iter()
                .enumerate()
                .filter(|(_, l)| need.is_met_by(l.service)),
        );
        let index = supply.index();
        let centres: Vec<Point> = areas.iter().map(|a| a.centre).collect();
        let pairs = pairs(&centres, &index, options.method, options.catchment_m);
        InReach {
            supply,
            index,
            centres,
            pairs,
        }
    }
}

/// Every area's scores and counts for one need, ranked.
fn area_rows(
    census: &Census,
    options: &ReportOptions,
    people: &People,
    reach: &InReach,
) -> Vec<AreaRow> {
    let demand: Vec<DemandPoint> = reach
        .centres
        .iter()
        .zip(people.counts.iter().zip(&people.suppressed))
        .map(|(point, (count, suppressed))| DemandPoint {
            point: *point,
            population: if *suppressed { 0.0 } else { *count },
        })
        .collect();
    let scores = access_from_pairs(&demand, &reach.supply.points, &reach.pairs, options.method);
    let ratios = ratios_to_mean(&demand, &scores, options.method);
    let mut rows: Vec<AreaRow> = census
        .areas(options.level)
        .iter()
        .enumerate()
        .map(|(i, area)| {
            let in_reach: HashSet<usize> = reach
                .pairs
                .of(i)
                .map(|r| reach.supply.owner[r.supply as usize])
                .collect();
            let shown = (!people.suppressed[i]).then_some(demand[i].population);
            AreaRow {
                rank: 0,
                code: area.code.clone(),
                name: area.name.clone(),
                lad_code: census.lads[area.lad].code.clone(),
                centre: area.centre,
                people: shown,
                suppressed: people.suppressed[i],
                services_in_reach: in_reach.len(),
                nearest_m: reach.index.nearest(area.centre).map(|n| n.distance_m),
                access: scores[i],
                access_ratio: ratios[i],
                unmet: shown.map(|p| p * (1.0 - ratios[i]).max(0.0)),
            }
        })
        .collect();
    rank(&mut rows);
    rows
}

/// Scores over their population-weighted mean (SPAR scores already are); 0 when the mean is 0.
fn ratios_to_mean(demand: &[DemandPoint], scores: &[f64], method: Method) -> Vec<f64> {
    if method == Method::Spar {
        return scores.to_vec();
    }
    let population: f64 = demand.iter().map(|d| d.population).sum();
    let weighted: f64 = demand
        .iter()
        .zip(scores)
        .map(|(d, a)| d.population * a)
        .sum();
    if population > 0.0 && weighted > 0.0 {
        let mean = weighted / population;
        scores.iter().map(|a| a / mean).collect()
    } else {
        vec![0.0; scores.len()]
    }
}

/// Largest unmet need first, then most people, then area code; ranks from 1.
fn rank(rows: &mut [AreaRow]) {
    rows.sort_by(|a, b| {
        let key = |r: &AreaRow| (r.unmet.unwrap_or(0.0), r.people.unwrap_or(0.0));
        let (ka, kb) = (key(a), key(b));
        kb.0.total_cmp(&ka.0)
            .then(kb.1.total_cmp(&ka.1))
            .then_with(|| a.code.cmp(&b.code))
    });
    for (i, row) in rows.iter_mut().enumerate() {
        row.rank = i + 1;
    }
}

fn language_gaps(
    census: &Census,
    options: &ReportOptions,
    located: &[Located<'_>],
) -> Vec<LanguageGap> {
    let mut gaps = Vec::new();
    for category in census.community_languages() {
        let Some(counts) = census.lad_counts(&category.code) else {
            continue;
        };
        let supply = Supply::of(located.iter().enumerate().filter(|(_, l)| {
            let spoken = l.service.language_codes();
            category
                .languages
                .iter()
                .any(|c| spoken.contains(&c.as_str()))
        }));
        let index = supply.index();
        for (lad, residents) in census.lads.iter().zip(counts) {
            if *residents < options.language_gap_min_residents {
                continue;
            }
            let nearest_m = index.nearest(lad.centre).map(|n| n.distance_m);
            if nearest_m.is_none_or(|d| d > options.language_gap_m) {
                gaps.push(LanguageGap {
                    lad_code: lad.code.clone(),
                    lad_name: lad.name.clone(),
                    census_category: category.code.clone(),
                    census_name: category.name.clone(),
                    languages: category.languages.clone(),
                    residents: *residents,
                    nearest_m,
                });
            }
        }
    }
    gaps.sort_by(|a, b| {
        b.residents
            .total_cmp(&a.residents)
            .then_with(|| a.lad_code.cmp(&b.lad_code))
            .then_with(|| a.census_category.cmp(&b.census_category))
    });
    gaps
}

/// Reads a caseload CSV `area_code,need,count`: codes of the level, whole counts >= 0, each
/// (area, need) once. Areas not listed count 0.
pub fn read_caseload(file: CsvFile<impl Read>, level: AreaLevel) -> Result<Caseload, GapsError> {
    let census = Census::bundled();
    let areas = census.areas(level).len();
    let name = file.name.as_str();
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(file.contents);
    let headers = reader.headers().map_err(|source| GapsError::Csv {
        file: name.to_owned(),
        source,
    })?;
    let column = |name: &'static str| {
        headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
            .ok_or_else(|| GapsError::MissingColumn {
                file: name.to_owned(),
                column: name,
                expected: "area_code,need,count",
            })
    };
    let (area_col, need_col, count_col) = (column("area_code")?, column("need")?, column("count")?);
    let mut caseload = Caseload {
        level,
        needs: Vec::new(),
    };
    let mut seen: HashMap<(usize, String), u64> = HashMap::new();
    for record in reader.records() {
        let record = record.map_err(|source| GapsError::Csv {
            file: name.to_owned(),
            source,
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let code = record.get(area_col).unwrap_or_default();
        let area = census
            .area_index(level, code)
            .ok_or_else(|| GapsError::UnknownArea {
                file: name.to_owned(),
                line,
                level: level.title(),
                code: code.to_owned(),
            })?;
        let need: Need = record
            .get(need_col)
            .unwrap_or_default()
            .parse()
            .map_err(|source| GapsError::CaseloadNeed {
                file: name.to_owned(),
                line,
                source,
            })?;
        let count = caseload_count(name, line, record.get(count_col).unwrap_or_default())?;
        if let Some(first_line) = seen.insert((area, need.to_string()), line) {
            return Err(GapsError::DuplicateCaseload {
                file: name.to_owned(),
                line,
                code: code.to_owned(),
                need: need.to_string(),
                first_line,
            });
        }
        let slot = match caseload.needs.iter().position(|(n, _)| *n == need) {
            Some(slot) => slot,
            None => {
                caseload.needs.push((need, vec![0.0; areas]));
                caseload.needs.len() - 1
            }
        };
        caseload.needs[slot].1[area] = count;
    }
    Ok(caseload)
}

fn caseload_count(file: &str, line: u64, raw: &str) -> Result<f64, GapsError> {
    let value: f64 = raw
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| GapsError::NotANumber {
            file: file.to_owned(),
            line,
            column: "count",
            value: raw.to_owned(),
        })?;
    if value < 0.0 {
        return Err(GapsError::Negative {
            file: file.to_owned(),
            line,
            column: "count",
            value,
        });
    }
    if value.fract() != 0.0 {
        return Err(GapsError::NotWhole {
            file: file.to_owned(),
            line,
            column: "count",
            value,
        });
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::tests::Recorder;

    fn service(id: &str, lat: f64, lon: f64, language: &str) -> Service {
        serde_json::from_value(serde_json::json!({
            "id": id,
            "name": id,
            "languages": [{"id": format!("{id}-l"), "code": language}],
            "service_at_locations": [{"id": format!("{id}-sal"), "location": {
                "id": format!("{id}-loc"), "latitude": lat, "longitude": lon}}],
        }))
        .unwrap()
    }

    #[test]
    fn progress_hears_of_every_step_of_every_need() {
        let needs = vec![
            "language:ben".parse().unwrap(),
            "faith:sikh".parse().unwrap(),
        ];
        let services = [service("a", 52.48, -1.89, "ben")];
        let recorder = Recorder::default();
        let run = run_report(
            &ReportOptions::new(needs, AreaLevel::Lad),
            None,
            &services,
            &recorder,
        )
        .unwrap();
        let calls = recorder.0.into_inner();
        let steps = 2 * STEPS_PER_NEED + 1 + REPORT_FILES as u64;
        assert_eq!(calls[0], format!("start {steps}"));
        let doing: Vec<&str> = calls
            .iter()
            .filter_map(|c| c.strip_prefix("doing "))
            .collect();
        assert_eq!(doing.len() as u64, steps);
        assert_eq!(calls.iter().filter(|c| *c == "done").count() as u64, steps);
        assert_eq!(
            doing[..4],
            [
                "language:ben: people",
                "language:ben: services in reach",
                "language:ben: access scores",
                "faith:sikh: people"
            ]
        );
        assert_eq!(doing[6], "language gaps");
        assert_eq!(doing.last(), Some(&"making report.html"));
        let names: Vec<&str> = run.files.iter().map(|f| f.name).collect();
        assert_eq!(
            names,
            [
                "gaps.csv",
                "language_gaps.csv",
                "unmet_referrals.csv",
                "gaps.geojson",
                "summary.json",
                "report.html"
            ]
        );
        assert_eq!(run.summary.needs.len(), 2);
    }

    #[test]
    fn progress_does_not_start_without_a_need_to_report() {
        let recorder = Recorder::default();
        let error = run_report(
            &ReportOptions::new(Vec::new(), AreaLevel::Lad),
            None,
            &[],
            &recorder,
        )
        .unwrap_err();
        assert!(error.to_string().contains("no need to report"), "{error}");
        assert!(recorder.0.borrow().is_empty());
    }
}
