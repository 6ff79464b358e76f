//! The person's profile (docs/match.md): read from JSON, checked against Signpost's
//! vocabularies, and kept only in memory. Special-category data: no Debug output of its
//! contents, no error message that repeats a value the navigator typed.

use crate::calendar;
use crate::schedule::{DayOfWeek, Minutes, TimeSlot, parse_clock};
use chrono::NaiveDate;
use serde::Deserialize;
use serde::de::IgnoredAny;
use signpost_domain::Gender;
use signpost_domain::vocab;
use signpost_geo::distance::MAX_RADIUS_M;
use signpost_geo::{METRES_PER_MILE, Point};
use std::fmt;

/// How far a person is assumed to travel when the profile gives neither a distance nor a time:
/// 5 miles.
pub const DEFAULT_MAX_DISTANCE_M: f64 = 5.0 * METRES_PER_MILE;
/// Assumed straight-line walking pace, metres a minute (3 miles an hour).
pub const WALK_M_PER_MIN: f64 = 80.0;
/// Assumed straight-line pace by bus or train including waiting, metres a minute (an assumption
/// for a first filter, not a journey planner).
pub const PUBLIC_TRANSPORT_M_PER_MIN: f64 = 250.0;
/// The longest date window a profile may ask about.
pub const MAX_WINDOW_DAYS: i64 = 92;

/// A profile could not be read. Messages name the field and what was wrong with it, never the
/// value that was typed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    #[error("profile is not valid JSON (line {line}, column {column})")]
    NotJson { line: usize, column: usize },
    #[error("profile field `{path}`: {problem}")]
    Field { path: String, problem: String },
}

impl ProfileError {
    fn field(path: impl Into<String>, problem: impl Into<String>) -> ProfileError {
        ProfileError::Field {
            path: path.into(),
            problem: problem.into(),
        }
    }
}

/// Where the person lives, to be resolved by the caller's gazetteer.
#[derive(Clone, PartialEq)]
pub enum Home {
    Postcode(String),
    Place(String),
    Point(Point),
}

impl Home {
    /// The phrase to give `PlaceLookup::lookup`, or `None` when coordinates were given.
    pub fn phrase(&self) -> Option<&str> {
        match self {
            Home::Postcode(text) | Home::Place(text) => Some(text),
            Home::Point(_) => None,
        }
    }
}

impl fmt::Debug for Home {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self {
            Home::Postcode(_) => "postcode",
            Home::Place(_) => "place",
            Home::Point(_) => "point",
        };
        write!(f, "Home({kind}, redacted)")
    }
}

/// One of the person's needs.
#[derive(Clone, PartialEq)]
pub(crate) struct Need {
    pub category: &'static str,
    pub essential: bool,
    /// 1 (most pressing) to 5.
    pub priority: u8,
}

/// The languages the person speaks.
#[derive(Clone, PartialEq)]
pub(crate) struct Languages {
    /// ISO 639-3 codes, the preferred one first.
    pub speaks: Vec<&'static str>,
    pub preferred: Option<&'static str>,
    pub interpreter_ok: bool,
}

/// Religious observances that rule out some sessions.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Observance {
    /// Jummah: Friday 12:30-14:30.
    FridayPrayers,
    /// Shabbat: no Saturday sessions.
    Shabbat,
}

#[derive(Clone, PartialEq)]
pub(crate) struct Faith {
    pub code: Option<&'static str>,
    pub wants_faith_service: bool,
    pub observances: Vec<Observance>,
    /// Festival codes from the bundled calendar whose days the person keeps free.
    pub festivals: Vec<&'static str>,
}

/// Access and communication needs a service may state it meets or cannot meet.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum AccessNeed {
    Wheelchair,
    LearningDisability,
    Bsl,
}

impl AccessNeed {
    pub const CODES: [(&'static str, AccessNeed); 3] = [
        ("wheelchair", AccessNeed::Wheelchair),
        ("learning_disability", AccessNeed::LearningDisability),
        ("bsl", AccessNeed::Bsl),
    ];
}

/// The dates the navigator is asking about (for festival days).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateWindow {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// One person's needs and circumstances. Built only by [`Profile::from_json`]; its Debug output
/// never shows the contents, and the navigator's free-text `reference` is discarded on reading.
#[derive(Clone, PartialEq)]
pub struct Profile {
    pub(crate) needs: Vec<Need>,
    pub(crate) languages: Option<Languages>,
    pub(crate) faith: Option<Faith>,
    pub(crate) gender: Option<Gender>,
    pub(crate) gender_preference: Option<Gender>,
    pub(crate) age: Option<u8>,
    pub(crate) home: Home,
    max_distance_m: f64,
    pub(crate) available: Vec<TimeSlot>,
    pub(crate) dates: Option<DateWindow>,
    pub(crate) access_needs: Vec<AccessNeed>,
    pub(crate) nrpf: bool,
}

impl fmt::Debug for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Profile(redacted, {} needs)", self.needs.len())
    }
}

impl Profile {
    /// Reads and checks a profile. Unknown fields are errors, so typos are caught.
    pub fn from_json(text: &str) -> Result<Profile, ProfileError> {
        let raw = parse_raw(text)?;
        Profile::from_raw(raw)
    }

    /// How far from home to look: `max_distance_m`, else `max_travel` minutes at an assumed
    /// pace, the smaller when both are given, else [`DEFAULT_MAX_DISTANCE_M`].
    pub fn max_distance_m(&self) -> f64 {
        self.max_distance_m
    }

    /// Where the person lives.
    pub fn home(&self) -> &Home {
        &self.home
    }

    /// The category codes of the person's needs, in profile order.
    pub fn need_categories(&self) -> Vec<&'static str> {
        self.needs.iter().map(|n| n.category).collect()
    }

    fn from_raw(raw: RawProfile) -> Result<Profile, ProfileError> {
        let faith = raw.faith.map(read_faith).transpose()?;
        let max_distance_m = read_max_distance(raw.max_distance_m, raw.max_travel)?;
        Ok(Profile {
            needs: read_needs(raw.needs)?,
            languages: raw.languages.map(read_languages).transpose()?,
            faith,
            gender: read_gender("gender", raw.gender)?,
            gender_preference: read_gender("gender_preference", raw.gender_preference)?,
            age: raw.age.map(read_age).transpose()?,
            home: read_home(raw.home)?,
            max_distance_m,
            available: read_available(raw.available)?,
            dates: raw.dates.map(read_dates).transpose()?,
            access_needs: read_access_needs(raw.access_needs)?,
            nrpf: raw.nrpf.unwrap_or(false),
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    needs: Vec<RawNeed>,
    languages: Option<RawLanguages>,
    faith: Option<RawFaith>,
    gender: Option<String>,
    gender_preference: Option<String>,
    age: Option<f64>,
    home: RawHome,
    max_distance_m: Option<f64>,
    max_travel: Option<RawTravel>,
    #[serde(default)]
    available: Vec<RawSlot>,
    dates: Option<RawDates>,
    #[serde(default)]
    access_needs: Vec<String>,
    nrpf: Option<bool>,
    #[serde(default, rename = "reference")]
    _reference: Option<IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNeed {
    category: String,
    essential: Option<bool>,
    priority: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguages {
    #[serde(default)]
    speaks: Vec<String>,
    preferred: Option<String>,
    interpreter_ok: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFaith {
    code: Option<String>,
    #[serde(default)]
    observance: Vec<String>,
    wants_faith_service: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHome {
    postcode: Option<String>,
    place: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTravel {
    minutes: f64,
    mode: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSlot {
    day: String,
    from: String,
    to: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDates {
    from: String,
    to: String,
}

fn parse_raw(text: &str) -> Result<RawProfile, ProfileError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let raw: RawProfile = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|e| describe_serde_error(&e.path().to_string(), e.inner()))?;
    deserializer.end().map_err(|e| ProfileError::NotJson {
        line: e.line(),
        column: e.column(),
    })?;
    Ok(raw)
}

/// Turns serde's message into one that keeps the field and the expected shape but drops the
/// value (serde quotes bad strings and numbers).
fn describe_serde_error(path: &str, error: &serde_json::Error) -> ProfileError {
    if !error.is_data() {
        return ProfileError::NotJson {
            line: error.line(),
            column: error.column(),
        };
    }
    let full = error.to_string();
    let message = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(m, _)| m);
    let expected = message.rsplit_once(", expected ").map(|(_, e)| e);
    let problem = if message.starts_with("unknown field")
        || message.starts_with("missing field")
        || message.starts_with("duplicate field")
        || message.starts_with("invalid length")
    {
        message.to_owned()
    } else if let Some(rest) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
    {
        let found = rest
            .split(['"', '`', ','])
            .next()
            .unwrap_or_default()
            .trim();
        format!(
            "found {found}, expected {}",
            expected.unwrap_or("another type")
        )
    } else {
        "invalid value".to_owned()
    };
    let path = if path == "." { "(top level)" } else { path };
    ProfileError::field(path, problem)
}

fn read_needs(raw: Vec<RawNeed>) -> Result<Vec<Need>, ProfileError> {
    if raw.is_empty() {
        return Err(ProfileError::field(
            "needs",
            "at least one need is required",
        ));
    }
    let mut needs: Vec<Need> = Vec::with_capacity(raw.len());
    for (i, need) in raw.into_iter().enumerate() {
        let category = vocab::category(need.category.trim())
            .map(|c| c.code)
            .ok_or_else(|| {
                ProfileError::field(
                    format!("needs[{i}].category"),
                    "not a category code from taxonomy.csv",
                )
            })?;
        if needs.iter().any(|n| n.category == category) {
            return Err(ProfileError::field(
                format!("needs[{i}].category"),
                "the same category is listed twice",
            ));
        }
        let priority = match need.priority {
            None => 1,
            Some(p) if p.fract() == 0.0 && (1.0..=5.0).contains(&p) => p as u8,
            Some(_) => {
                return Err(ProfileError::field(
                    format!("needs[{i}].priority"),
                    "must be a whole number from 1 (most pressing) to 5",
                ));
            }
        };
        needs.push(Need {
            category,
            essential: need.essential.unwrap_or(false),
            priority,
        });
    }
    Ok(needs)
}

fn read_language(path: &str, code: &str) -> Result<&'static str, ProfileError> {
    vocab::normalise_language_code(code)
        .ok_or_else(|| ProfileError::field(path, "not an ISO 639-3 (or 639-1) language code"))
}

fn read_languages(raw: RawLanguages) -> Result<Languages, ProfileError> {
    let mut speaks: Vec<&'static str> = Vec::new();
    let preferred = raw
        .preferred
        .as_deref()
        .map(|code| read_language("languages.preferred", code))
        .transpose()?;
    speaks.extend(preferred);
    for (i, code) in raw.speaks.iter().enumerate() {
        let code = read_language(&format!("languages.speaks[{i}]"), code)?;
        if !speaks.contains(&code) {
            speaks.push(code);
        }
    }
    if speaks.is_empty() {
        return Err(ProfileError::field(
            "languages.speaks",
            "list at least one language the person speaks",
        ));
    }
    Ok(Languages {
        speaks,
        preferred,
        interpreter_ok: raw.interpreter_ok.unwrap_or(true),
    })
}

fn read_faith(raw: RawFaith) -> Result<Faith, ProfileError> {
    let code = raw
        .code
        .as_deref()
        .map(|code| {
            vocab::faith(code.trim()).map(|f| f.code).ok_or_else(|| {
                ProfileError::field("faith.code", "not a faith code from faiths.csv")
            })
        })
        .transpose()?;
    let mut observances = Vec::new();
    let mut festivals: Vec<&'static str> = Vec::new();
    for (i, token) in raw.observance.iter().enumerate() {
        let path = format!("faith.observance[{i}]");
        match token.trim() {
            "friday_prayers" => observances.push(Observance::FridayPrayers),
            "shabbat" => observances.push(Observance::Shabbat),
            "avoid_festivals" => {
                let faith = code.ok_or_else(|| {
                    ProfileError::field(&path, "avoid_festivals needs faith.code")
                })?;
                festivals.extend(calendar::festival_codes_of(faith));
            }
            other => festivals.push(calendar::festival_code(other).ok_or_else(|| {
                ProfileError::field(
                    &path,
                    "expected friday_prayers, shabbat, avoid_festivals or a festival code \
                     (see docs/match.md)",
                )
            })?),
        }
    }
    festivals.sort_unstable();
    festivals.dedup();
    observances.dedup();
    let wants_faith_service = raw.wants_faith_service.unwrap_or(false);
    if wants_faith_service && code.is_none() {
        return Err(ProfileError::field(
            "faith.wants_faith_service",
            "needs faith.code",
        ));
    }
    Ok(Faith {
        code,
        wants_faith_service,
        observances,
        festivals,
    })
}

fn read_gender(path: &str, raw: Option<String>) -> Result<Option<Gender>, ProfileError> {
    raw.map(|g| {
        Gender::from_code(g.trim())
            .ok_or_else(|| ProfileError::field(path, "expected \"female\" or \"male\""))
    })
    .transpose()
}

fn read_age(age: f64) -> Result<u8, ProfileError> {
    if age.fract() == 0.0 && (0.0..=120.0).contains(&age) {
        Ok(age as u8)
    } else {
        Err(ProfileError::field(
            "age",
            "must be a whole number of years from 0 to 120",
        ))
    }
}

fn read_home(raw: RawHome) -> Result<Home, ProfileError> {
    let nonblank = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
    match (
        nonblank(raw.postcode),
        nonblank(raw.place),
        raw.lat,
        raw.lon,
    ) {
        (Some(postcode), None, None, None) => Ok(Home::Postcode(postcode)),
        (None, Some(place), None, None) => Ok(Home::Place(place)),
        (None, None, Some(lat), Some(lon)) if Point::new(lat, lon).is_valid() => {
            Ok(Home::Point(Point::new(lat, lon)))
        }
        (None, None, Some(_), Some(_)) => Err(ProfileError::field(
            "home",
            "lat and lon must be WGS84 decimal degrees",
        )),
        _ => Err(ProfileError::field(
            "home",
            "give exactly one of postcode, place, or lat and lon",
        )),
    }
}

fn read_max_distance(
    distance: Option<f64>,
    travel: Option<RawTravel>,
) -> Result<f64, ProfileError> {
    let in_range = |m: f64| m.is_finite() && m > 0.0 && m <= MAX_RADIUS_M;
    if distance.is_some_and(|d| !in_range(d)) {
        return Err(ProfileError::field(
            "max_distance_m",
            "must be more than 0 and at most 1,500,000 metres",
        ));
    }
    let by_travel = travel.map(read_travel).transpose()?;
    Ok(match (distance, by_travel) {
        (Some(d), Some(t)) => d.min(t),
        (Some(d), None) => d,
        (None, Some(t)) => t,
        (None, None) => DEFAULT_MAX_DISTANCE_M,
    })
}

fn read_travel(raw: RawTravel) -> Result<f64, ProfileError> {
    let pace = match raw.mode.trim() {
        "walk" => WALK_M_PER_MIN,
        "public_transport" => PUBLIC_TRANSPORT_M_PER_MIN,
        _ => {
            return Err(ProfileError::field(
                "max_travel.mode",
                "expected \"walk\" or \"public_transport\"",
            ));
        }
    };
    if !(raw.minutes.is_finite() && raw.minutes > 0.0 && raw.minutes <= 240.0) {
        return Err(ProfileError::field(
            "max_travel.minutes",
            "must be more than 0 and at most 240",
        ));
    }
    Ok((raw.minutes * pace).min(MAX_RADIUS_M))
}

fn read_available(raw: Vec<RawSlot>) -> Result<Vec<TimeSlot>, ProfileError> {
    raw.into_iter()
        .enumerate()
        .map(|(i, slot)| {
            let path = |field: &str| format!("available[{i}].{field}");
            let day = DayOfWeek::from_profile_code(slot.day.trim()).ok_or_else(|| {
                ProfileError::field(path("day"), "expected mon, tue, wed, thu, fri, sat or sun")
            })?;
            let time = |field: &str, text: &str| -> Result<Minutes, ProfileError> {
                parse_clock(text).ok_or_else(|| {
                    ProfileError::field(path(field), "expected a 24-hour time such as 09:30")
                })
            };
            let (from, to) = (time("from", &slot.from)?, time("to", &slot.to)?);
            if to <= from {
                return Err(ProfileError::field(path("to"), "must be later than from"));
            }
            Ok(TimeSlot { day, from, to })
        })
        .collect()
}

fn read_dates(raw: RawDates) -> Result<DateWindow, ProfileError> {
    let date = |field: &str, text: &str| {
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
            ProfileError::field(
                format!("dates.{field}"),
                "expected a date such as 2026-03-28",
            )
        })
    };
    let (from, to) = (date("from", &raw.from)?, date("to", &raw.to)?);
    let days = (to - from).num_days();
    if !(0..MAX_WINDOW_DAYS).contains(&days) {
        return Err(ProfileError::field(
            "dates.to",
            "must be on or after dates.from and within 92 days of it",
        ));
    }
    Ok(DateWindow { from, to })
}

fn read_access_needs(raw: Vec<String>) -> Result<Vec<AccessNeed>, ProfileError> {
    let mut needs = Vec::new();
    for (i, code) in raw.iter().enumerate() {
        let need = AccessNeed::CODES
            .iter()
            .find(|(c, _)| *c == code.trim())
            .map(|(_, n)| *n)
            .ok_or_else(|| {
                ProfileError::field(
                    format!("access_needs[{i}]"),
                    "expected wheelchair, learning_disability or bsl",
                )
            })?;
        if !needs.contains(&need) {
            needs.push(need);
        }
    }
    Ok(needs)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"{ "needs": [ { "category": "mentoring", "essential": true }, { "category": "employment" } ],
      "languages": { "speaks": ["syl", "ben"], "preferred": "syl", "interpreter_ok": true },
      "faith": { "code": "muslim", "observance": ["friday_prayers"] },
      "gender_preference": "male",
      "age": 24,
      "home": { "postcode": "WS1 1AA" },
      "max_distance_m": 8046,
      "available": [ { "day": "mon", "from": "09:00", "to": "17:00" } ],
      "access_needs": ["wheelchair", "learning_disability", "bsl"],
      "nrpf": false,
      "reference": "free text the navigator may use to recognise the person; never stored" }"#;

    fn error_of(text: &str) -> String {
        Profile::from_json(text)
            .expect_err("should be rejected")
            .to_string()
    }

    #[test]
    fn the_interfaces_example_reads() {
        let p = Profile::from_json(EXAMPLE).expect("example is valid");
        assert_eq!(p.need_categories(), vec!["mentoring", "employment"]);
        assert_eq!(p.max_distance_m(), 8046.0);
        assert_eq!(p.home().phrase(), Some("WS1 1AA"));
        let langs = p.languages.as_ref().expect("languages");
        assert_eq!(langs.speaks, vec!["syl", "ben"]);
        assert_eq!(p.age, Some(24));
        assert_eq!(p.access_needs.len(), 3);
    }

    #[test]
    fn debug_output_redacts_everything_but_the_need_count() {
        let p = Profile::from_json(EXAMPLE).expect("valid");
        let shown = format!("{p:?} {:?}", p.home());
        assert_eq!(shown, "Profile(redacted, 2 needs) Home(postcode, redacted)");
    }

    #[test]
    fn unknown_fields_are_named() {
        let text = EXAMPLE.replace("\"nrpf\"", "\"nrfp\"");
        let message = error_of(&text);
        assert!(message.contains("unknown field `nrfp`"), "{message}");
        let nested = EXAMPLE.replace("\"preferred\"", "\"prefered\"");
        let message = error_of(&nested);
        assert!(message.contains("languages"), "{message}");
        assert!(message.contains("`prefered`"), "{message}");
    }

    #[test]
    fn errors_name_the_field_but_never_echo_the_value() {
        let cases = [
            (
                EXAMPLE.replace("\"age\": 24", "\"age\": \"Sylhet-born-1999\""),
                "age",
            ),
            (
                EXAMPLE.replace("\"day\": \"mon\"", "\"day\": \"Sylhet-born-1999\""),
                "available[0].day",
            ),
            (
                EXAMPLE.replace("\"from\": \"09:00\"", "\"from\": \"Sylhet-born-1999\""),
                "available[0].from",
            ),
            (
                EXAMPLE.replace("[\"syl\", \"ben\"]", "[\"syl\", \"Sylhet-born-1999\"]"),
                "languages.speaks[1]",
            ),
            (
                EXAMPLE.replace("\"muslim\"", "\"Sylhet-born-1999\""),
                "faith.code",
            ),
            (
                EXAMPLE.replace("\"nrpf\": false", "\"nrpf\": \"Sylhet-born-1999\""),
                "nrpf",
            ),
            (
                EXAMPLE.replace("\"max_distance_m\": 8046", "\"max_distance_m\": 190001999"),
                "max_distance_m",
            ),
        ];
        for (text, field) in cases {
            let message = error_of(&text);
            assert!(message.contains(field), "{field}: {message}");
            assert!(!message.contains("Sylhet"), "{field} echoed: {message}");
            assert!(!message.contains("1999"), "{field} echoed: {message}");
        }
    }

    #[test]
    fn wrong_types_say_what_was_found_and_expected() {
        let message = error_of(&EXAMPLE.replace("\"age\": 24", "\"age\": \"old\""));
        assert_eq!(message, "profile field `age`: found string, expected f64");
    }

    #[test]
    fn needs_and_home_are_required() {
        assert!(error_of(r#"{"home": {"postcode": "B6 5AA"}}"#).contains("missing field `needs`"));
        assert!(error_of(r#"{"needs": [{"category": "food"}]}"#).contains("missing field `home`"));
        assert!(
            error_of(r#"{"needs": [], "home": {"postcode": "B6 5AA"}}"#)
                .contains("at least one need")
        );
        assert!(
            error_of(
                r#"{"needs": [{"category": "food"}], "home": {"postcode": "B6", "place": "Aston"}}"#
            )
            .contains("exactly one")
        );
    }

    #[test]
    fn syntax_errors_give_the_position_only() {
        assert_eq!(
            error_of("{\"needs\": [\n}"),
            "profile is not valid JSON (line 2, column 1)"
        );
        assert!(error_of(&format!("{EXAMPLE} trailing")).starts_with("profile is not valid JSON"));
    }

    #[test]
    fn each_vocabulary_is_checked() {
        let base = |field: &str| {
            format!(
                r#"{{"needs": [{{"category": "food"}}], "home": {{"postcode": "B6 5AA"}}, {field}}}"#
            )
        };
        let rejected = [
            (base(r#""gender": "woman""#), "gender"),
            (base(r#""access_needs": ["ramp"]"#), "access_needs[0]"),
            (base(r#""faith": {"observance": ["avoid_festivals"]}"#), "faith.observance[0]"),
            (base(r#""faith": {"code": "sikh", "observance": ["lent"]}"#), "faith.observance[0]"),
            (base(r#""available": [{"day": "mon", "from": "17:00", "to": "09:00"}]"#), "available[0].to"),
            (base(r#""available": [{"day": "mon", "from": "25:00", "to": "26:00"}]"#), "available[0].from"),
            (base(r#""dates": {"from": "2026-01-01", "to": "2026-12-31"}"#), "dates.to"),
            (base(r#""max_travel": {"minutes": 30, "mode": "bike"}"#), "max_travel.mode"),
            (base(r#""age": 24.5"#), "age"),
            (r#"{"needs": [{"category": "mentring"}], "home": {"postcode": "B6 5AA"}}"#.to_owned(), "needs[0].category"),
            (r#"{"needs": [{"category": "food", "priority": 9}], "home": {"postcode": "B6 5AA"}}"#.to_owned(), "needs[0].priority"),
        ];
        for (text, field) in rejected {
            let message = error_of(&text);
            assert!(
                message.contains(&format!("`{field}`")),
                "{field}: {message}"
            );
        }
    }

    #[test]
    fn festivals_expand_from_the_persons_faith() {
        let p = Profile::from_json(
            r#"{"needs": [{"category": "food"}], "home": {"place": "Southall"},
                "faith": {"code": "sikh", "observance": ["avoid_festivals", "diwali"]}}"#,
        )
        .expect("valid");
        let faith = p.faith.expect("faith");
        assert_eq!(
            faith.festivals,
            vec![
                "bandi_chhor_divas",
                "diwali",
                "guru_nanak_gurpurab",
                "vaisakhi"
            ]
        );
    }

    #[test]
    fn distance_comes_from_metres_minutes_or_the_default() {
        let with = |extra: &str| {
            Profile::from_json(&format!(
                r#"{{"needs": [{{"category": "food"}}], "home": {{"lat": 52.5, "lon": -1.9}}{extra}}}"#
            ))
            .expect("valid")
            .max_distance_m()
        };
        assert_eq!(with(""), DEFAULT_MAX_DISTANCE_M);
        assert_eq!(
            with(r#", "max_travel": {"minutes": 20, "mode": "walk"}"#),
            1_600.0
        );
        assert_eq!(
            with(r#", "max_distance_m": 1000, "max_travel": {"minutes": 20, "mode": "walk"}"#),
            1_000.0
        );
        assert_eq!(
            with(r#", "max_travel": {"minutes": 30, "mode": "public_transport"}"#),
            7_500.0
        );
    }

    #[test]
    fn preferred_language_is_spoken_and_first() {
        let p = Profile::from_json(
            r#"{"needs": [{"category": "food"}], "home": {"postcode": "E1 6AN"},
                "languages": {"speaks": ["en", "bn"], "preferred": "BN"}}"#,
        )
        .expect("valid");
        let langs = p.languages.expect("languages");
        assert_eq!(langs.speaks, vec!["ben", "eng"]);
        assert!(
            langs.interpreter_ok,
            "interpreters are acceptable unless ruled out"
        );
    }
}
