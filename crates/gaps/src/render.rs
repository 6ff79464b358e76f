//! A report's files: `gaps.csv`, `language_gaps.csv`, `gaps.geojson`, `summary.json` and a
//! self-contained `report.html` (inline SVG choropleth, no external assets), made as text for the
//! caller to write. Suppressed caseload counts appear nowhere: their cells are empty (CSV), `null`
//! (JSON) or "<5" (HTML).
//!
//! The map stays per local authority at every level. Dots mark where a matching service is in
//! reach: each such MSOA's centre in an MSOA report, and in an LSOA report the centre of each MSOA
//! with such an LSOA, so the map has at most 7,264 dots (about 250 kB) even over 35,672 LSOAs.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use serde::Serialize;
use serde_json::{Value, json};

use crate::census::{ATTRIBUTION_MD, AreaLevel, Census};
use crate::progress::{Progress, Unwatched, step};
use crate::report::{AreaRow, CAPACITY_FIELD, LanguageGap, NeedReport, Report, SUPPRESS_BELOW};
use crate::unmet::{UnmetDemand, unmet_demand_csv};

const LAD_MAP_TSV: &str = include_str!("../../../fixtures/census/lad22_map.tsv");
/// The map's projection (as `fixtures/census/BUILD.py` drew the outlines).
const MAP_LON0: f64 = -6.5;
const MAP_LAT1: f64 = 56.0;
const MAP_LAT_REF: f64 = 52.5;
const MAP_SCALE: f64 = 200.0;
/// Light to dark: the five classes of the choropleth.
const PALETTE: [&str; 5] = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"];
const NO_UNMET_NEED: &str = "#e8ecef";
/// How many areas and language gaps the HTML tables show (the CSVs have them all).
const HTML_ROWS: usize = 25;

/// Makes the text of one file of a report.
type MakeFile = fn(&Report) -> String;
/// The files of a report and how each is made.
const FILES: [(&str, MakeFile); 6] = [
    ("gaps.csv", areas_csv),
    ("language_gaps.csv", language_gaps_file),
    ("unmet_referrals.csv", unmet_referrals_file),
    ("gaps.geojson", geojson),
    ("summary.json", summary_file),
    ("report.html", html),
];
/// How many files a report has.
pub const REPORT_FILES: usize = FILES.len();

/// One file of a report: its name in the report's folder, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFile {
    pub name: &'static str,
    pub contents: String,
}

/// Every file of the report, for the caller to write into one folder.
pub fn report_files(report: &Report) -> Vec<ReportFile> {
    make_files(report, &Unwatched)
}

/// [`report_files`], telling `progress` of each file as one step.
pub(crate) fn make_files(report: &Report, progress: &dyn Progress) -> Vec<ReportFile> {
    FILES
        .into_iter()
        .map(|(name, make)| {
            step(progress, &format!("making {name}"), || ReportFile {
                name,
                contents: make(report),
            })
        })
        .collect()
}

fn language_gaps_file(report: &Report) -> String {
    language_gaps_csv(&report.language_gaps)
}

fn unmet_referrals_file(report: &Report) -> String {
    unmet_demand_csv(&report.unmet_referrals)
}

fn summary_file(report: &Report) -> String {
    serde_json::to_string_pretty(&summary(report)).unwrap_or_default() + "\n"
}

/// A number to 6 significant figures, without exponent.
pub fn significant(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return "0".into();
    }
    let magnitude = x.abs().log10().floor() as i32;
    let decimals = (5 - magnitude).clamp(0, 17) as usize;
    let text = format!("{x:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

fn people_text(people: Option<f64>) -> String {
    people.map_or(String::new(), |p| format!("{p:.0}"))
}

fn metres_text(metres: Option<f64>) -> String {
    metres.map_or(String::new(), |m| format!("{m:.0}"))
}

pub(crate) fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// `gaps.csv`: every area for every need, by rank.
pub fn areas_csv(report: &Report) -> String {
    let mut out = String::from(
        "need,rank,area_code,area_name,lad_code,people,suppressed,services_in_reach,nearest_service_m,access,access_ratio,unmet_need\n",
    );
    for need in &report.needs {
        for row in &need.areas {
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},{},{},{}",
                csv_field(&need.need),
                row.rank,
                row.code,
                csv_field(&row.name),
                row.lad_code,
                people_text(row.people),
                row.suppressed,
                row.services_in_reach,
                metres_text(row.nearest_m),
                significant(row.access),
                significant(row.access_ratio),
                people_text(row.unmet),
            );
        }
    }
    out
}

/// `language_gaps.csv`: largest resident counts first.
pub fn language_gaps_csv(gaps: &[LanguageGap]) -> String {
    let mut out = String::from(
        "lad_code,lad_name,census_category,census_name,iso639_3,residents,nearest_service_m\n",
    );
    for gap in gaps {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{:.0},{}",
            gap.lad_code,
            csv_field(&gap.lad_name),
            gap.census_category,
            csv_field(&gap.census_name),
            gap.languages.join(";"),
            gap.residents,
            metres_text(gap.nearest_m),
        );
    }
    out
}

fn area_properties(need: &str, row: &AreaRow) -> Value {
    json!({
        "need": need,
        "rank": row.rank,
        "area_code": row.code,
        "area_name": row.name,
        "lad_code": row.lad_code,
        "people": row.people.map(f64::round),
        "suppressed": row.suppressed,
        "services_in_reach": row.services_in_reach,
        "nearest_service_m": row.nearest_m.map(f64::round),
        "access": row.access,
        "access_ratio": row.access_ratio,
        "unmet_need": row.unmet.map(f64::round),
    })
}

/// `gaps.geojson`: a point at each area's population-weighted centre per need. Written one
/// feature at a time (an LSOA report has 35,672 per need), keys in serde_json's sorted order.
pub fn geojson(report: &Report) -> String {
    let mut out = String::from("{\"features\":[");
    let rows = report
        .needs
        .iter()
        .flat_map(|need| need.areas.iter().map(move |row| (need, row)));
    for (i, (need, row)) in rows.enumerate() {
        if i > 0 {
            out.push(',');
        }
        let feature = json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row.centre.lon, row.centre.lat]},
            "properties": area_properties(&need.need, row),
        });
        out.push_str(&feature.to_string());
    }
    out.push_str("],\"type\":\"FeatureCollection\"}");
    out
}

/// The `--json` summary: settings, totals and the ten largest unmet needs of each need.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub level: AreaLevel,
    pub method: String,
    pub catchment_m: f64,
    pub demand: String,
    pub services: usize,
    pub services_without_location: usize,
    pub needs: Vec<NeedSummary>,
    pub language_gaps: usize,
    pub top_language_gaps: Vec<Value>,
    /// The (area, category) pairs with referrals declined as full, largest first.
    pub unmet_referrals: Vec<UnmetDemand>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NeedSummary {
    pub need: String,
    pub demand_source: String,
    pub apportioned: bool,
    pub apportioned_from: Option<AreaLevel>,
    pub matching_services: usize,
    pub service_locations: usize,
    pub people: f64,
    pub people_with_no_service_in_reach: f64,
    pub suppressed_areas: usize,
    pub top_areas: Vec<Value>,
}

pub fn summary(report: &Report) -> Summary {
    Summary {
        level: report.level,
        method: report.method.clone(),
        catchment_m: report.catchment_m,
        demand: if report.from_caseload {
            "caseload"
        } else {
            "census 2021"
        }
        .into(),
        services: report.services,
        services_without_location: report.services_without_location,
        needs: report.needs.iter().map(need_summary).collect(),
        language_gaps: report.language_gaps.len(),
        top_language_gaps: report
            .language_gaps
            .iter()
            .take(10)
            .map(|g| serde_json::to_value(g).unwrap_or_default())
            .collect(),
        unmet_referrals: report.unmet_referrals.iter().take(10).cloned().collect(),
    }
}

fn need_summary(need: &NeedReport) -> NeedSummary {
    NeedSummary {
        need: need.need.clone(),
        demand_source: need.demand_source.clone(),
        apportioned: need.apportioned,
        apportioned_from: need.apportioned_from,
        matching_services: need.matching_services,
        service_locations: need.service_locations,
        people: need.people.round(),
        people_with_no_service_in_reach: need.people_with_no_service_in_reach.round(),
        suppressed_areas: need.suppressed_areas,
        top_areas: need
            .areas
            .iter()
            .take(10)
            .map(|row| area_properties(&need.need, row))
            .collect(),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn lad_paths() -> Vec<(&'static str, &'static str)> {
    LAD_MAP_TSV
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .collect()
}

fn project(lat: f64, lon: f64) -> (f64, f64) {
    (
        (lon - MAP_LON0) * MAP_LAT_REF.to_radians().cos() * MAP_SCALE,
        (MAP_LAT1 - lat) * MAP_SCALE,
    )
}

/// Unmet need summed per LAD (2022).
fn unmet_by_lad(need: &NeedReport) -> HashMap<&str, f64> {
    let mut totals: HashMap<&str, f64> = HashMap::new();
    for row in &need.areas {
        *totals.entry(row.lad_code.as_str()).or_default() += row.unmet.unwrap_or(0.0);
    }
    totals
}

/// Upper bounds of five classes: quintiles of the positive values.
fn class_breaks(values: &[f64]) -> Vec<f64> {
    let mut positive: Vec<f64> = values.iter().copied().filter(|v| *v > 0.0).collect();
    positive.sort_by(f64::total_cmp);
    if positive.is_empty() {
        return Vec::new();
    }
    (1..=PALETTE.len())
        .map(|k| positive[(k * positive.len()).div_ceil(PALETTE.len()) - 1])
        .collect()
}

fn colour(value: f64, breaks: &[f64]) -> &'static str {
    if value <= 0.0 {
        return NO_UNMET_NEED;
    }
    let class = breaks
        .iter()
        .position(|b| value <= *b)
        .unwrap_or(PALETTE.len() - 1);
    PALETTE[class.min(PALETTE.len() - 1)]
}

fn map_svg(need: &NeedReport, level: AreaLevel) -> String {
    let totals = unmet_by_lad(need);
    let values: Vec<f64> = totals.values().copied().collect();
    let breaks = class_breaks(&values);
    let census = Census::bundled();
    let names: HashMap<&str, &str> = census
        .lads
        .iter()
        .map(|a| (a.code.as_str(), a.name.as_str()))
        .collect();
    let mut svg = String::from(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1010 1230\" role=\"img\" class=\"map\" aria-label=\"unmet need by local authority\">\n",
    );
    for (code, path) in lad_paths() {
        let value = totals.get(code).copied().unwrap_or(0.0);
        let _ = writeln!(
            svg,
            "<path d=\"{path}\" fill=\"{}\"><title>{} ({code}): unmet need {value:.0}</title></path>",
            colour(value, &breaks),
            escape(names.get(code).copied().unwrap_or(code)),
        );
    }
    for msoa in msoas_with_service_in_reach(need, level) {
        let centre = census.msoas[msoa].centre;
        let (x, y) = project(centre.lat, centre.lon);
        let _ = writeln!(svg, "<circle cx=\"{x:.0}\" cy=\"{y:.0}\" r=\"1.5\"/>");
    }
    svg.push_str("</svg>\n");
    svg.push_str(&legend(&breaks, level));
    svg
}

/// The MSOAs (in MSOA order) that are, or hold, an area with a matching service in reach; none
/// for a LAD report.
fn msoas_with_service_in_reach(need: &NeedReport, level: AreaLevel) -> BTreeSet<usize> {
    if level == AreaLevel::Lad {
        return BTreeSet::new();
    }
    let census = Census::bundled();
    need.areas
        .iter()
        .filter(|r| r.services_in_reach > 0)
        .filter_map(|r| census.area_index(level, &r.code))
        .filter_map(|i| census.areas(level)[i].msoa)
        .collect()
}

fn legend(breaks: &[f64], level: AreaLevel) -> String {
    let mut out = String::from("<ul class=\"legend\">\n");
    let _ = writeln!(
        out,
        "<li><span style=\"background:{NO_UNMET_NEED}\"></span>no unmet need</li>"
    );
    let mut low: f64 = 0.0;
    for (b, fill) in breaks.iter().zip(PALETTE) {
        let _ = writeln!(
            out,
            "<li><span style=\"background:{fill}\"></span>{} to {}</li>",
            low.ceil().max(1.0),
            b.round()
        );
        low = *b;
    }
    match level {
        AreaLevel::Lad => {}
        AreaLevel::Msoa => out.push_str(
            "<li><span class=\"dot\"></span>MSOA with a matching service in reach</li>\n",
        ),
        AreaLevel::Lsoa => out.push_str(
            "<li><span class=\"dot\"></span>MSOA with an LSOA that has a matching service in reach</li>\n",
        ),
    }
    out.push_str("</ul>\n");
    out
}

fn area_table(need: &NeedReport, level: AreaLevel) -> String {
    let mut out = format!(
        "<table><caption>The {HTML_ROWS} {} with the largest unmet need</caption>\n<tr><th>rank</th><th>area</th><th>people with the need</th><th>services in reach</th><th>nearest service</th><th>access ratio</th><th>unmet need</th></tr>\n",
        level.plural()
    );
    for row in need.areas.iter().take(HTML_ROWS) {
        let people = if row.suppressed {
            "&lt;5".to_owned()
        } else {
            people_text(row.people)
        };
        let unmet = if row.suppressed {
            "&ndash;".to_owned()
        } else {
            people_text(row.unmet)
        };
        let nearest = row
            .nearest_m
            .map_or("none".to_owned(), |m| format!("{:.1} km", m / 1_000.0));
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{} <small>{}</small></td><td>{people}</td><td>{}</td><td>{nearest}</td><td>{}</td><td>{unmet}</td></tr>",
            row.rank,
            escape(&row.name),
            row.code,
            row.services_in_reach,
            significant(row.access_ratio),
        );
    }
    out.push_str("</table>\n");
    out
}

/// `, LAD counts shared among LSOAs by population` when the counts were apportioned.
fn apportioned_text(need: &NeedReport, level: AreaLevel) -> String {
    need.apportioned_from.map_or(String::new(), |from| {
        format!(
            ", {} counts shared among {} by population",
            from.acronym(),
            level.plural()
        )
    })
}

fn need_section(need: &NeedReport, report: &Report) -> String {
    let mut out = format!("<section>\n<h2>{}</h2>\n", escape(&need.need));
    let _ = writeln!(
        out,
        "<p>{} people with the need ({}{}); {} matching services at {} locations; {} people live where no matching service is within {:.1} km.{}</p>",
        people_text(Some(need.people)),
        escape(&need.demand_source),
        apportioned_text(need, report.level),
        need.matching_services,
        need.service_locations,
        people_text(Some(need.people_with_no_service_in_reach)),
        report.catchment_m / 1_000.0,
        if need.suppressed_areas > 0 {
            format!(
                " {} areas with fewer than {SUPPRESS_BELOW} cases are suppressed.",
                need.suppressed_areas
            )
        } else {
            String::new()
        },
    );
    out.push_str(&map_svg(need, report.level));
    out.push_str(&area_table(need, report.level));
    out.push_str("</section>\n");
    out
}

fn language_gap_section(report: &Report) -> String {
    let mut out = format!(
        "<section>\n<h2>Community languages without a service</h2>\n<p>{} pairs of a local authority and a main language (Census 2021 TS024) spoken by at least {:.0} residents with no service in that language within {:.1} km of the authority's centre.</p>\n<table><tr><th>local authority</th><th>language (census)</th><th>ISO 639-3</th><th>residents</th><th>nearest service in it</th></tr>\n",
        report.language_gaps.len(),
        report.language_gap_min_residents,
        report.language_gap_m / 1_000.0,
    );
    for gap in report.language_gaps.iter().take(HTML_ROWS) {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{:.0}</td><td>{}</td></tr>",
            escape(&gap.lad_name),
            escape(&gap.census_name),
            gap.languages.join(", "),
            gap.residents,
            gap.nearest_m
                .map_or("none".to_owned(), |m| format!("{:.1} km", m / 1_000.0)),
        );
    }
    out.push_str("</table>\n</section>\n");
    out
}

fn unmet_referrals_section(report: &Report) -> String {
    let mut out = String::from(
        "<section>\n<h2>Unmet referral demand</h2>\n<p>Referrals that services declined because they were full, by the local authority of the service and the need the referral was for. Counts below 5 are suppressed.</p>\n",
    );
    if report.unmet_referrals.is_empty() {
        out.push_str("<p>No referral was declined as full.</p>\n</section>\n");
        return out;
    }
    out.push_str("<table><tr><th>local authority</th><th>need</th><th>declined: full</th></tr>\n");
    for row in report.unmet_referrals.iter().take(HTML_ROWS) {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&row.area_name),
            escape(&row.category),
            row.declined_full
                .map_or("fewer than 5".to_owned(), |n| n.to_string()),
        );
    }
    out.push_str("</table>\n</section>\n");
    out
}

fn method_section(report: &Report) -> String {
    format!(
        "<section>\n<h2>Method</h2>\n<ul>\n\
<li>Areas: {level}. People are placed at each area's centre: for an MSOA or LSOA (2021) its ONS population-weighted centroid; for a local authority (2022) the population-weighted mean of its MSOA centroids (weights: Census 2021 TS001 usual residents).</li>\n\
<li>People with the need: {demand}. Languages are Census 2021 TS024 main-language categories mapped to ISO 639-3 codes; faiths are TS030 religion categories mapped to faiths.csv codes; a need with only categories counts all usual residents (TS001). Each table is used at the finest level bundled (TS001 per LSOA, TS021 ethnic group per MSOA, TS024, TS029 and TS030 per local authority); for smaller areas its counts are shared among the areas inside in proportion to their usual residents. TS024 counts people aged 3 and over.</li>\n\
<li>Services: every directory service offering every language, faith and category of the need, at each of its locations in the UK; capacity from the service's <code>{CAPACITY_FIELD}</code> field (else 1), shared equally among its locations.</li>\n\
<li>Access: {method} with a {catchment:.1} km catchment (docs/gaps.md; great-circle distances). The access ratio divides each area's score by the population-weighted mean over all areas. Unmet need = people &times; max(0, 1 &minus; access ratio): everyone where no service is in reach, nobody where access is at or above average.</li>\n\
<li>Caseload counts below {SUPPRESS_BELOW} are suppressed in every output and count as 0 in the scores.</li>\n\
</ul>\n</section>\n",
        level = report.level,
        demand = if report.from_caseload {
            "the caseload file"
        } else {
            "Census 2021 counts bundled with Signpost"
        },
        method = report.method,
        catchment = report.catchment_m / 1_000.0,
    )
}

fn sources_section() -> String {
    let mut out =
        String::from("<section>\n<h2>Data sources and licences</h2>\n<pre class=\"sources\">");
    out.push_str(&escape(ATTRIBUTION_MD));
    out.push_str("</pre>\n</section>\n");
    out
}

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222;padding:0 1em}\
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em}table{border-collapse:collapse;margin:1em 0}\
td,th{border-bottom:1px solid #ccc;padding:.25em .6em;text-align:left}caption{text-align:left;font-weight:600}\
.map{width:100%;max-width:34em;display:block}.map path{stroke:#fff;stroke-width:.6}.map circle{fill:#1a4f8b}\
.legend{list-style:none;padding:0}.legend span{display:inline-block;width:1.2em;height:1em;margin-right:.5em;vertical-align:middle}\
.legend .dot{background:#1a4f8b;border-radius:50%;width:.6em;height:.6em}.sources{white-space:pre-wrap;font-size:.85em}";

/// `report.html`: opens offline; everything inline.
pub fn html(report: &Report) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Signpost gap analysis</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>Where need outruns provision</h1>\n<p>{} services in the directory ({} without a location in the UK); areas: {}; {} within {:.1} km.</p>\n",
        report.services,
        report.services_without_location,
        report.level,
        report.method,
        report.catchment_m / 1_000.0,
    );
    for need in &report.needs {
        out.push_str(&need_section(need, report));
    }
    out.push_str(&language_gap_section(report));
    out.push_str(&unmet_referrals_section(report));
    out.push_str(&method_section(report));
    out.push_str(&sources_section());
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn significant_figures() {
        assert_eq!(significant(0.0), "0");
        assert_eq!(significant(0.000094282504), "0.0000942825");
        assert_eq!(significant(1.0), "1");
        assert_eq!(significant(123456.7), "123457");
        assert_eq!(significant(2.5), "2.5");
    }

    #[test]
    fn classes_cover_the_positive_values() {
        let breaks = class_breaks(&[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 100.0]);
        assert_eq!(breaks.len(), 5);
        assert_eq!(breaks.last(), Some(&100.0));
        assert_eq!(colour(0.0, &breaks), NO_UNMET_NEED);
        assert_eq!(colour(100.0, &breaks), PALETTE[4]);
        assert_eq!(colour(1.0, &breaks), PALETTE[0]);
    }

    #[test]
    fn every_census_lad_has_an_outline() {
        let paths = lad_paths();
        assert_eq!(paths.len(), 331);
        let census = Census::bundled();
        for lad in &census.lads {
            assert!(
                paths
                    .iter()
                    .any(|(code, path)| *code == lad.code && path.starts_with('M'))
            );
        }
    }
}
