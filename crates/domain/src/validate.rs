//! Validation of HSDS service records against Signpost's rules and the HSDS 3.0 schema's
//! enumerations and formats (docs/formats.md, "Validation").
//!
//! [`normalise`] rewrites what import accepts but does not store (ISO 639-1 language codes become
//! ISO 639-3), then [`findings`] gathers every problem of a record, each with the JSON pointer of
//! the offending value, the value itself, the reason and, where one is clear, a suggestion, so one
//! pass tells the publisher everything to fix (and a lenient reader can set those values aside).
//! [`validate`] gives the same as path and message.

mod nested_ids;
mod schema;

use std::fmt;

use serde_json::Value;

use schema::check_hsds;
pub use schema::{PLACE_TYPES, STATUSES, is_date, is_date_time, is_email, is_web_uri};

use crate::facets::taxonomy;
use crate::hsds::{Attribute, Language, Location, Schedule, Service, ServiceArea};
use crate::{translations, vocab};

/// One thing wrong with a record: where (a JSON pointer) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Rewrites language codes given as ISO 639-1 (or in upper case) to their ISO 639-3 code, on the
/// service and on its locations. Codes that are neither are left for [`validate`] to report.
pub fn normalise(service: &mut Service) {
    normalise_reporting_change(service);
}

/// [`normalise`], saying whether anything changed: when nothing did, the record's original
/// JSON text still describes the normalised service exactly.
pub fn normalise_reporting_change(service: &mut Service) -> bool {
    let mut changed = false;
    let location_languages = service
        .service_at_locations
        .iter_mut()
        .filter_map(|sal| sal.location.as_mut())
        .flat_map(|location| location.languages.iter_mut());
    for language in service.languages.iter_mut().chain(location_languages) {
        if let Some(code) = language.code.as_mut()
            && let Some(iso) = vocab::normalise_language_code(code)
            && iso != code
        {
            *code = iso.to_owned();
            changed = true;
        }
    }
    changed
}

/// One value of a record that fails validation: where, what it is, why, and what to write instead.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// JSON pointer of the value, from the record's `base`.
    pub path: String,
    /// The value as the record has it (`null` when it is missing).
    pub value: Value,
    pub reason: String,
    pub suggestion: Option<String>,
}

impl Finding {
    /// The reason with its suggestion, as one message.
    pub fn message(&self) -> String {
        match &self.suggestion {
            Some(suggestion) => format!("{} ({suggestion})", self.reason),
            None => self.reason.clone(),
        }
    }
}

impl From<Finding> for Problem {
    fn from(finding: Finding) -> Problem {
        Problem {
            message: finding.message(),
            path: finding.path,
        }
    }
}

/// Every problem of a (normalised) service, as path and message. `base` is the JSON pointer of
/// the record itself (`/services/12` inside a file, `""` for a record on its own); each
/// problem's path extends it.
pub fn validate(service: &Service, base: &str) -> Vec<Problem> {
    findings(service, base)
        .into_iter()
        .map(Problem::from)
        .collect()
}

/// Every problem of a (normalised) service with the value at fault ([`validate`] in full).
pub fn findings(service: &Service, base: &str) -> Vec<Finding> {
    let mut problems = Problems {
        list: Vec::new(),
        base,
        record: serde_json::to_value(service).unwrap_or(Value::Null),
    };
    check_hsds(service, &mut problems);
    check_required(service, &mut problems);
    check_languages(&service.languages, "/languages", &mut problems);
    for (i, attribute) in service.attributes.iter().enumerate() {
        check_attribute(attribute, &format!("/attributes/{i}"), &mut problems);
    }
    check_ages(service, &mut problems);
    check_schedules(&service.schedules, "/schedules", &mut problems);
    for (i, sal) in service.service_at_locations.iter().enumerate() {
        let at = format!("/service_at_locations/{i}");
        if sal.id.trim().is_empty() {
            problems.push(&format!("{at}/id"), "must not be empty".to_owned());
        }
        check_schedules(&sal.schedules, &format!("{at}/schedules"), &mut problems);
        if let Some(location) = &sal.location {
            check_location(location, &format!("{at}/location"), &mut problems);
        }
    }
    for (i, area) in service.service_areas.iter().enumerate() {
        check_service_area(area, &format!("/service_areas/{i}"), &mut problems);
    }
    nested_ids::check_nested_ids(&mut problems);
    problems.list
}

struct Problems<'a> {
    list: Vec<Finding>,
    base: &'a str,
    /// The record as JSON, where each finding's value is read from its path.
    record: Value,
}

impl Problems<'_> {
    fn push(&mut self, path: &str, reason: String) {
        self.push_suggesting(path, reason, None);
    }

    fn push_suggesting(&mut self, path: &str, reason: String, suggestion: Option<String>) {
        self.list.push(Finding {
            path: format!("{}{path}", self.base),
            value: self.record.pointer(path).cloned().unwrap_or(Value::Null),
            reason,
            suggestion,
        });
    }
}

fn check_required(service: &Service, problems: &mut Problems) {
    if service.id.trim().is_empty() {
        problems.push("/id", "must not be empty".to_owned());
    }
    if service.name.trim().is_empty() {
        problems.push("/name", "must not be empty".to_owned());
    }
}

fn check_languages(languages: &[Language], at: &str, problems: &mut Problems) {
    for (i, language) in languages.iter().enumerate() {
        let Some(code) = &language.code else { continue };
        if vocab::language(code).is_none() {
            let suggestions = language_suggestions(code);
            problems.push(
                &format!("{at}/{i}/code"),
                format!(
                    "{code:?} is not an ISO 639-3 code{}",
                    did_you_mean(&suggestions)
                ),
            );
        }
    }
}

/// Near codes for a mistyped language code: swapped neighbouring letters first (`ebn` → `ben`),
/// then codes one edit away.
fn language_suggestions(wrong: &str) -> Vec<&'static str> {
    let lower = wrong.to_ascii_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let mut suggestions: Vec<&'static str> = (1..chars.len())
        .filter_map(|i| {
            let mut swapped = chars.clone();
            swapped.swap(i - 1, i);
            vocab::language(&swapped.iter().collect::<String>()).map(|l| l.code)
        })
        .collect();
    let near = vocab::suggest_codes(&lower, vocab::languages().iter().map(|l| l.code));
    for code in near {
        if !suggestions.contains(&code) {
            suggestions.push(code);
        }
    }
    suggestions.truncate(3);
    suggestions
}

fn did_you_mean(suggestions: &[&str]) -> String {
    if suggestions.is_empty() {
        return String::new();
    }
    let quoted: Vec<String> = suggestions.iter().map(|s| format!("{s:?}")).collect();
    format!(" (did you mean {}?)", quoted.join(" or "))
}

fn check_attribute(attribute: &Attribute, at: &str, problems: &mut Problems) {
    let Some(term) = &attribute.taxonomy_term else {
        return;
    };
    let Some(taxonomy_name) = term.taxonomy.as_deref() else {
        return;
    };
    if taxonomy_name == taxonomy::TRANSLATION {
        check_translation(attribute, term.code.as_deref(), at, problems);
        return;
    }
    let valid: Vec<&'static str> = match taxonomy_name {
        taxonomy::CATEGORY => vocab::categories().iter().map(|c| c.code).collect(),
        taxonomy::FAITH => vocab::faiths().iter().map(|f| f.code).collect(),
        taxonomy::GENDER => vec!["female", "male"],
        taxonomy::COST => vec!["free"],
        _ => return,
    };
    let path = format!("{at}/taxonomy_term/code");
    match term.code.as_deref() {
        None => problems.push(&path, format!("a {taxonomy_name} term needs a code")),
        Some(code) if !valid.contains(&code) => {
            let suggestions = vocab::suggest_codes(code, valid.iter().copied());
            problems.push(
                &path,
                format!(
                    "{code:?} is not a {taxonomy_name} code{}",
                    did_you_mean(&suggestions)
                ),
            );
        }
        Some(_) => {}
    }
}

/// A translation's code is `name:` or `description:` and an ISO 639-3 code, and its `value` is
/// the text.
fn check_translation(attribute: &Attribute, code: Option<&str>, at: &str, problems: &mut Problems) {
    let path = format!("{at}/taxonomy_term/code");
    let wanted = "is not \"name:\" or \"description:\" and an ISO 639-3 code";
    match code.map(|c| (c, translations::parse_code(c))) {
        None => problems.push(
            &path,
            format!("a {} term needs a code", taxonomy::TRANSLATION),
        ),
        Some((code, None)) => problems.push(&path, format!("{code:?} {wanted}")),
        Some((code, Some((field, language)))) if vocab::language(language).is_none() => {
            let suggestion = vocab::normalise_language_code(language)
                .map(|iso| format!("did you mean \"{}:{iso}\"?", field.key()));
            problems.push_suggesting(&path, format!("{code:?} {wanted}"), suggestion);
        }
        Some(_) => {}
    }
    let has_text = translations::attribute_value(attribute).is_some_and(|t| !t.trim().is_empty());
    if !has_text {
        problems.push(
            &format!("{at}/value"),
            "a translation needs its text as a string in value".to_owned(),
        );
    }
}

fn check_ages(service: &Service, problems: &mut Problems) {
    for (field, age) in [
        ("/minimum_age", service.minimum_age),
        ("/maximum_age", service.maximum_age),
    ] {
        if let Some(age) = age
            && !(age.is_finite() && age >= 0.0)
        {
            problems.push(field, format!("{age} is not an age (0 or more)"));
        }
    }
    if let (Some(min), Some(max)) = (service.minimum_age, service.maximum_age)
        && min > max
    {
        problems.push(
            "/minimum_age",
            format!("minimum age {min} is above maximum age {max}"),
        );
    }
}

fn check_location(location: &Location, at: &str, problems: &mut Problems) {
    check_languages(&location.languages, &format!("{at}/languages"), problems);
    match (location.latitude, location.longitude) {
        (Some(lat), Some(lon)) => {
            if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
                problems.push(
                    &format!("{at}/latitude"),
                    format!("{lat} is outside -90..90"),
                );
            }
            if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
                problems.push(
                    &format!("{at}/longitude"),
                    format!("{lon} is outside -180..180"),
                );
            }
        }
        (Some(_), None) => problems.push(
            &format!("{at}/longitude"),
            "missing while latitude is given".to_owned(),
        ),
        (None, Some(_)) => problems.push(
            &format!("{at}/latitude"),
            "missing while longitude is given".to_owned(),
        ),
        (None, None) => {}
    }
}

const FREQUENCIES: [&str; 4] = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"];
const WEEKDAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

fn check_schedules(schedules: &[Schedule], at: &str, problems: &mut Problems) {
    for (i, schedule) in schedules.iter().enumerate() {
        let at = format!("{at}/{i}");
        if let Some(freq) = &schedule.freq
            && !FREQUENCIES.contains(&freq.as_str())
        {
            problems.push(
                &format!("{at}/freq"),
                format!("{freq:?} is not one of {}", FREQUENCIES.join(", ")),
            );
        }
        if let Some(byday) = &schedule.byday
            && !is_byday(byday)
        {
            problems.push(
                &format!("{at}/byday"),
                format!("{byday:?} is not a list of days like \"MO,FR\""),
            );
        }
        for (field, time) in [
            ("opens_at", &schedule.opens_at),
            ("closes_at", &schedule.closes_at),
        ] {
            if let Some(time) = time
                && !is_time_of_day(time)
            {
                problems.push(
                    &format!("{at}/{field}"),
                    format!("{time:?} is not a time like \"18:00\""),
                );
            }
        }
    }
}

/// RRULE BYDAY: comma-separated weekdays, each with an optional signed ordinal (`1MO`, `-1FR`).
pub fn is_byday(byday: &str) -> bool {
    byday.split(',').all(|day| {
        let day = day.trim();
        let split = day.len().saturating_sub(2);
        let (ordinal, weekday) = day.split_at_checked(split).unwrap_or(("", day));
        let ordinal = ordinal.strip_prefix(['+', '-']).unwrap_or(ordinal);
        WEEKDAYS.contains(&weekday)
            && ordinal.len() <= 2
            && ordinal.chars().all(|c| c.is_ascii_digit())
    })
}

/// `HH:MM` or `HH:MM:SS`, 24-hour clock.
pub fn is_time_of_day(time: &str) -> bool {
    let parts: Vec<&str> = time.split(':').collect();
    let limits: &[u32] = match parts.len() {
        2 => &[23, 59],
        3 => &[23, 59, 59],
        _ => return false,
    };
    parts.iter().zip(limits).all(|(part, &limit)| {
        part.len() == 2
            && part.chars().all(|c| c.is_ascii_digit())
            && part.parse::<u32>().is_ok_and(|n| n <= limit)
    })
}

fn check_service_area(area: &ServiceArea, at: &str, problems: &mut Problems) {
    let is_geojson = area
        .extent_type
        .as_deref()
        .is_some_and(|t| t.eq_ignore_ascii_case("geojson"));
    if !is_geojson {
        return;
    }
    let path = format!("{at}/extent");
    let Some(extent) = &area.extent else {
        problems.push(&path, "missing while extent_type is geojson".to_owned());
        return;
    };
    if let Err(reason) = check_geojson_area(extent) {
        problems.push(&path, reason);
    }
}

/// Whether text is a GeoJSON Polygon or MultiPolygon (structure only: rings of 4+ positions).
pub fn check_geojson_area(extent: &str) -> Result<(), String> {
    let value: Value = serde_json::from_str(extent).map_err(|e| format!("is not JSON: {e}"))?;
    let coordinates = value.get("coordinates");
    let well_formed = match value.get("type").and_then(Value::as_str) {
        Some("Polygon") => coordinates.is_some_and(is_polygon),
        Some("MultiPolygon") => coordinates
            .and_then(Value::as_array)
            .is_some_and(|polygons| !polygons.is_empty() && polygons.iter().all(is_polygon)),
        _ => return Err("is not a GeoJSON Polygon or MultiPolygon".to_owned()),
    };
    if well_formed {
        Ok(())
    } else {
        Err("has malformed coordinates (rings of 4 or more [lon, lat] positions)".to_owned())
    }
}

fn is_polygon(value: &Value) -> bool {
    value
        .as_array()
        .is_some_and(|rings| !rings.is_empty() && rings.iter().all(is_ring))
}

fn is_ring(value: &Value) -> bool {
    value
        .as_array()
        .is_some_and(|positions| positions.len() >= 4 && positions.iter().all(is_position))
}

fn is_position(value: &Value) -> bool {
    value.as_array().is_some_and(|numbers| {
        numbers.len() >= 2
            && numbers.iter().all(Value::is_number)
            && numbers[0]
                .as_f64()
                .is_some_and(|lon| (-180.0..=180.0).contains(&lon))
            && numbers[1]
                .as_f64()
                .is_some_and(|lat| (-90.0..=90.0).contains(&lat))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn service(value: Value) -> Service {
        serde_json::from_value(value).expect("test service")
    }

    fn check(value: Value) -> Vec<String> {
        let mut s = service(value);
        normalise(&mut s);
        validate(&s, "/services/12")
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    fn term(taxonomy: &str, code: &str) -> Value {
        json!({"id": "a", "taxonomy_term": {"id": format!("{taxonomy}:{code}"), "code": code, "name": code, "taxonomy": taxonomy}})
    }

    fn translation(code: &str, text: Value) -> Value {
        let mut attribute = term("signpost-translation", code);
        attribute["value"] = text;
        attribute
    }

    #[test]
    fn translations_need_a_field_a_language_and_their_text() {
        let problems = check(json!({
            "id": "s1", "name": "Advice",
            "attributes": [translation("name:cym", json!("Cyngor")), translation("description:cy", json!("Cyngor am ddim")),
                           translation("title:cym", json!("x")), translation("name:cym", json!(""))]
        }));
        assert_eq!(
            problems,
            [
                "/services/12/attributes/1/taxonomy_term/code: \"description:cy\" is not \"name:\" or \"description:\" and an ISO 639-3 code (did you mean \"description:cym\"?)",
                "/services/12/attributes/2/taxonomy_term/code: \"title:cym\" is not \"name:\" or \"description:\" and an ISO 639-3 code",
                "/services/12/attributes/3/value: a translation needs its text as a string in value",
            ]
        );
    }

    #[test]
    fn a_good_service_has_no_problems() {
        let problems = check(json!({
            "id": "s1", "name": "Bengali mentoring", "minimum_age": 18, "maximum_age": 25,
            "languages": [{"id": "l1", "code": "ben"}],
            "attributes": [term("signpost-category", "mentoring"), term("signpost-faith", "muslim"),
                           term("signpost-gender", "female"), term("signpost-cost", "free"), term("other", "anything")],
            "schedules": [{"id": "sc", "freq": "WEEKLY", "byday": "MO,-1FR", "opens_at": "09:00", "closes_at": "17:30:00"}],
            "service_at_locations": [{"id": "sal", "location": {"id": "loc", "latitude": 52.58, "longitude": -1.98}}],
            "service_areas": [{"id": "sa", "extent_type": "geojson",
                "extent": "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}"}]
        }));
        assert_eq!(problems, Vec::<String>::new());
    }

    #[test]
    fn hsds_enumerations_and_formats_are_found_with_path_value_and_suggestion() {
        let s = service(json!({
            "id": "s", "name": "n", "status": "Temporarily_Closed", "email": "nobody",
            "url": "example.org/here", "assured_date": "31/01/2025", "last_modified": "yesterday",
            "organization": {"id": "o", "name": "Org", "website": "https://example.org"},
            "contacts": [{"id": "c", "email": "x@example.org"}],
            "schedules": [{"id": "sc", "valid_from": "2025-02-30", "wkst": "XX"}],
            "service_at_locations": [{"id": "sal", "location": {"id": "loc", "location_type": "building",
                "addresses": [{"id": "a", "address_1": "1 High St", "city": "Walsall",
                    "state_province": "", "postal_code": "WS1 1AA", "country": "GB", "address_type": "postal"}]}}]
        }));
        let found = findings(&s, "/services/3");
        let paths: Vec<&str> = found.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            vec![
                "/services/3/status",
                "/services/3/email",
                "/services/3/url",
                "/services/3/last_modified",
                "/services/3/assured_date",
                "/services/3/schedules/0/valid_from",
                "/services/3/schedules/0/wkst",
                "/services/3/service_at_locations/0/location/location_type",
            ]
        );
        assert_eq!(found[0].value, json!("Temporarily_Closed"));
        assert_eq!(
            found[0].suggestion.as_deref(),
            Some("did you mean \"temporarily closed\"?")
        );
        assert_eq!(
            found[2].suggestion.as_deref(),
            Some("did you mean \"https://example.org/here\"?")
        );
        assert_eq!(found[7].value, json!("building"));
        let weird = service(json!({"id": "s", "name": "n", "status": "weird"}));
        assert_eq!(
            check(serde_json::to_value(&weird).expect("json")),
            vec![
                "/services/12/status: \"weird\" is not one of the values HSDS allows \
                 (one of \"active\", \"inactive\", \"defunct\", \"temporarily closed\")"
            ]
        );
    }

    #[test]
    fn language_codes_from_iso_639_1_are_stored_as_639_3() {
        let mut s = service(
            json!({"id": "s", "name": "n", "languages": [{"id": "l", "code": "ur"}],
            "service_at_locations": [{"id": "sal", "location": {"id": "loc", "languages": [{"id": "l2", "code": "PL"}]}}]}),
        );
        normalise(&mut s);
        assert_eq!(s.language_codes(), vec!["urd", "pol"]);
        assert!(validate(&s, "").is_empty());
    }

    #[test]
    fn normalising_says_whether_it_changed_anything() {
        let mut canonical = service(
            json!({"id": "s", "name": "n", "languages": [{"id": "l", "code": "urd"}, {"id": "m", "code": "zzz"}]}),
        );
        assert!(!normalise_reporting_change(&mut canonical));
        let mut short = service(json!({"id": "s", "name": "n",
            "service_at_locations": [{"id": "sal", "location": {"id": "loc", "languages": [{"id": "l", "code": "pl"}]}}]}));
        assert!(normalise_reporting_change(&mut short));
        assert_eq!(short.language_codes(), vec!["pol"]);
    }

    #[test]
    fn every_problem_is_reported_with_its_path() {
        let problems = check(json!({
            "id": " ", "name": "",
            "languages": [{"id": "l1", "code": "ebn"}],
            "attributes": [term("signpost-category", "mentorin"), term("signpost-faith", "jedi"),
                           term("signpost-gender", "women")],
            "minimum_age": 30, "maximum_age": 18,
            "schedules": [{"id": "sc", "freq": "weekly", "byday": "Monday", "opens_at": "25:00", "closes_at": "9am"}],
            "service_at_locations": [{"id": "sal", "location": {"id": "loc", "latitude": 91.0, "longitude": -181.0}}],
            "service_areas": [{"id": "sa", "extent_type": "geojson", "extent": "{\"type\":\"Point\",\"coordinates\":[0,0]}"}]
        }));
        assert_eq!(
            problems,
            vec![
                "/services/12/id: must not be empty",
                "/services/12/name: must not be empty",
                "/services/12/languages/0/code: \"ebn\" is not an ISO 639-3 code (did you mean \"ben\" or \"enb\" or \"abn\"?)",
                "/services/12/attributes/0/taxonomy_term/code: \"mentorin\" is not a signpost-category code (did you mean \"mentoring\"?)",
                "/services/12/attributes/1/taxonomy_term/code: \"jedi\" is not a signpost-faith code",
                "/services/12/attributes/2/taxonomy_term/code: \"women\" is not a signpost-gender code",
                "/services/12/minimum_age: minimum age 30 is above maximum age 18",
                "/services/12/schedules/0/freq: \"weekly\" is not one of DAILY, WEEKLY, MONTHLY, YEARLY",
                "/services/12/schedules/0/byday: \"Monday\" is not a list of days like \"MO,FR\"",
                "/services/12/schedules/0/opens_at: \"25:00\" is not a time like \"18:00\"",
                "/services/12/schedules/0/closes_at: \"9am\" is not a time like \"18:00\"",
                "/services/12/service_at_locations/0/location/latitude: 91 is outside -90..90",
                "/services/12/service_at_locations/0/location/longitude: -181 is outside -180..180",
                "/services/12/service_areas/0/extent: is not a GeoJSON Polygon or MultiPolygon",
            ]
        );
    }

    #[test]
    fn half_a_coordinate_and_negative_ages_are_problems() {
        let problems = check(json!({"id": "s", "name": "n", "minimum_age": -1,
            "service_at_locations": [{"id": "sal", "location": {"id": "loc", "latitude": 52.0}}]}));
        assert_eq!(
            problems,
            vec![
                "/services/12/minimum_age: -1 is not an age (0 or more)",
                "/services/12/service_at_locations/0/location/longitude: missing while latitude is given",
            ]
        );
    }

    #[test]
    fn geojson_areas_are_checked_for_structure() {
        let ring = "[[0,0],[1,0],[1,1],[0,0]]";
        assert!(
            check_geojson_area(&format!(
                r#"{{"type":"MultiPolygon","coordinates":[[{ring}]]}}"#
            ))
            .is_ok()
        );
        assert!(check_geojson_area(r#"{"type":"Polygon","coordinates":[[[0,0],[1,1]]]}"#).is_err());
        assert!(
            check_geojson_area(r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,"x"],[0,0]]]}"#)
                .is_err()
        );
        assert!(check_geojson_area("not json").is_err());
    }

    #[test]
    fn bydays_and_times() {
        assert!(is_byday("MO,TU,WE,TH,FR,SA,SU"));
        assert!(is_byday("1MO,-1FR"));
        assert!(!is_byday("MO,"));
        assert!(!is_byday("mo"));
        assert!(!is_byday("123MO"));
        assert!(is_time_of_day("00:00"));
        assert!(is_time_of_day("23:59:59"));
        assert!(!is_time_of_day("24:00"));
        assert!(!is_time_of_day("9:00"));
    }

    proptest! {
        #[test]
        fn every_valid_time_is_accepted(h in 0u32..24, m in 0u32..60) {
            let time = format!("{h:02}:{m:02}");
            prop_assert!(is_time_of_day(&time));
        }

        #[test]
        fn coordinates_are_accepted_exactly_in_range(lat in -100.0f64..100.0, lon in -200.0f64..200.0) {
            let problems = check(json!({"id": "s", "name": "n",
                "service_at_locations": [{"id": "sal", "location": {"id": "loc", "latitude": lat, "longitude": lon}}]}));
            let in_range = (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon);
            prop_assert_eq!(problems.is_empty(), in_range);
        }
    }
}
