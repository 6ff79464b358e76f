//! Each rule of the matcher, applied to one service: a hard constraint yields an [`Exclusion`],
//! a preference yields a [`Criterion`] with its share of the score.

use crate::calendar::{self, Basis, FestivalDay};
use crate::profile::{AccessNeed, DateWindow, Faith, Languages, Need, Observance, Profile};
use crate::schedule::{DayOfWeek, Session, TimeSlot, describe_session, weekly_sessions};
use chrono::{Datelike, NaiveDate, Weekday};
use signpost_domain::{Gender, Service, vocab};
use signpost_geo::{METRES_PER_MILE, describe_distance};

/// How far one criterion is satisfied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Met,
    Partly,
    Unmet,
}

impl Status {
    /// The word the JSON uses: `met`, `partly` or `unmet`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Partly => "partly",
            Status::Unmet => "unmet",
        }
    }
}

/// One line of a result's explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    pub criterion: &'static str,
    pub status: Status,
    pub reason: String,
    /// This criterion's share of the score (weight times how far it is met).
    pub points: f64,
}

impl Criterion {
    fn new(criterion: &'static str, status: Status, reason: String, points: f64) -> Criterion {
        Criterion {
            criterion,
            status,
            reason,
            points,
        }
    }
}

/// Why a service was ruled out by a hard constraint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Exclusion {
    NoNeededCategory,
    BeyondReach,
    NoSharedLanguage,
    GenderServed,
    Age,
    Access(AccessKind),
    Nrpf,
}

/// [`AccessNeed`] with an order, for grouping exclusions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum AccessKind {
    Wheelchair,
    LearningDisability,
    Bsl,
}

impl From<AccessNeed> for AccessKind {
    fn from(need: AccessNeed) -> AccessKind {
        match need {
            AccessNeed::Wheelchair => AccessKind::Wheelchair,
            AccessNeed::LearningDisability => AccessKind::LearningDisability,
            AccessNeed::Bsl => AccessKind::Bsl,
        }
    }
}

/// Score weights: how much each criterion can add when fully met (docs/match.md).
pub(crate) mod weight {
    pub const ESSENTIAL_NEED: f64 = 2.0;
    pub const WANTED_NEED: f64 = 1.0;
    pub const DISTANCE: f64 = 1.5;
    pub const LANGUAGE: f64 = 2.0;
    pub const FAITH: f64 = 1.0;
    pub const GENDER_SERVED: f64 = 0.5;
    pub const STAFF_GENDER: f64 = 1.0;
    pub const AGE: f64 = 0.5;
    pub const AVAILABILITY: f64 = 1.5;
    pub const OBSERVANCE: f64 = 1.0;
    pub const FESTIVALS: f64 = 0.5;
    pub const ACCESS: f64 = 1.0;
    pub const NRPF: f64 = 1.0;
}

/// What the rules need besides the profile and the service.
pub(crate) struct Context<'p> {
    pub profile: &'p Profile,
    pub window: DateWindow,
}

/// Every criterion for one service, or every hard constraint it fails.
pub(crate) fn assess(
    ctx: &Context<'_>,
    service: &Service,
    distance_m: f64,
) -> Result<Vec<Criterion>, Vec<Exclusion>> {
    let profile = ctx.profile;
    let sessions = weekly_sessions(service);
    let checks: Vec<Result<Option<Criterion>, Exclusion>> = vec![
        need(&profile.needs, service).map(Some),
        distance(distance_m, profile.max_distance_m()).map(Some),
        profile
            .languages
            .as_ref()
            .map(|l| language(l, service))
            .transpose(),
        gender_served(profile.gender, service.gender()),
        Ok(profile
            .gender_preference
            .map(|g| staff_gender(g, service.gender()))),
        age(profile.age, service),
        Ok(profile.faith.as_ref().and_then(|f| faith(f, service))),
        Ok((!profile.available.is_empty()).then(|| availability(&profile.available, &sessions))),
    ];
    let mut criteria = Vec::new();
    let mut exclusions = Vec::new();
    let access_checks = profile
        .access_needs
        .iter()
        .map(|n| access(*n, service).map(Some));
    let nrpf_check = profile.nrpf.then(|| nrpf(service).map(Some));
    for check in checks.into_iter().chain(access_checks).chain(nrpf_check) {
        match check {
            Ok(Some(criterion)) => criteria.push(criterion),
            Ok(None) => {}
            Err(exclusion) => exclusions.push(exclusion),
        }
    }
    if let Some(faith) = &profile.faith {
        criteria.extend(faith.observances.iter().map(|o| observance(*o, &sessions)));
        if !faith.festivals.is_empty() {
            criteria.push(festivals(&faith.festivals, ctx.window, &sessions));
        }
    }
    if exclusions.is_empty() {
        Ok(criteria)
    } else {
        Err(exclusions)
    }
}

pub(crate) fn need_weight(need: &Need) -> f64 {
    let base = if need.essential {
        weight::ESSENTIAL_NEED
    } else {
        weight::WANTED_NEED
    };
    base * f64::from(6 - need.priority) / 5.0
}

fn category_name(code: &str) -> &str {
    vocab::category(code).map_or(code, |c| c.name)
}

fn need(needs: &[Need], service: &Service) -> Result<Criterion, Exclusion> {
    let offered = service.category_codes();
    let met: Vec<&Need> = needs
        .iter()
        .filter(|n| offered.contains(&n.category))
        .collect();
    if met.is_empty() {
        return Err(Exclusion::NoNeededCategory);
    }
    let reason = met
        .iter()
        .map(|n| {
            let name = category_name(n.category);
            if n.essential {
                format!("{name} (essential)")
            } else {
                name.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    let points = met.iter().map(|n| need_weight(n)).sum();
    Ok(Criterion::new("need", Status::Met, reason, points))
}

/// "5" for 5 miles, "2.5" for 2.5 miles.
pub(crate) fn limit_in_miles(metres: f64) -> String {
    let miles = metres / METRES_PER_MILE;
    let tenths = (miles * 10.0).round();
    if tenths % 10.0 == 0.0 {
        format!("{}", tenths / 10.0)
    } else {
        format!("{:.1}", tenths / 10.0)
    }
}

fn distance(distance_m: f64, limit_m: f64) -> Result<Criterion, Exclusion> {
    if !(distance_m.is_finite() && distance_m >= 0.0 && distance_m <= limit_m) {
        return Err(Exclusion::BeyondReach);
    }
    let reason = format!(
        "{}, limit {}",
        describe_distance(distance_m),
        limit_in_miles(limit_m)
    );
    let points = weight::DISTANCE * (1.0 - distance_m / limit_m);
    Ok(Criterion::new("distance", Status::Met, reason, points))
}

pub(crate) fn language_name(code: &str) -> &str {
    vocab::language(code).map_or(code, |l| l.name)
}

/// "Sylheti or Bengali", "Sylheti, Bengali or English".
pub(crate) fn either_of(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn language(languages: &Languages, service: &Service) -> Result<Criterion, Exclusion> {
    let listed: Vec<&str> = service
        .language_codes()
        .into_iter()
        .map(|c| vocab::normalise_language_code(c).unwrap_or(c))
        .collect();
    let assumed = listed.is_empty();
    let offered = if assumed { vec!["eng"] } else { listed };
    let note = if assumed {
        " (assumed: no languages listed)"
    } else {
        ""
    };
    let shared = languages.speaks.iter().find(|c| offered.contains(c));
    let points = |value: f64| weight::LANGUAGE * value * if assumed { 0.8 } else { 1.0 };
    match (shared, languages.preferred) {
        (Some(code), Some(preferred)) if *code == preferred => Ok(Criterion::new(
            "language",
            Status::Met,
            format!("speaks {} (preferred){note}", language_name(code)),
            points(1.0),
        )),
        (Some(code), preferred) => {
            let not_preferred = preferred
                .map(|p| format!(", not {}", language_name(p)))
                .unwrap_or_default();
            Ok(Criterion::new(
                "language",
                Status::Met,
                format!("speaks {}{not_preferred}{note}", language_name(code)),
                points(0.7),
            ))
        }
        (None, _) if languages.interpreter_ok => {
            let offers_interpreting = service.category_codes().contains(&"interpreting");
            let (reason, value) = if offers_interpreting {
                ("no shared language; offers interpreting", 0.5)
            } else {
                ("no shared language; needs an interpreter", 0.3)
            };
            Ok(Criterion::new(
                "language",
                Status::Partly,
                format!("{reason}{note}"),
                points(value),
            ))
        }
        (None, _) => Err(Exclusion::NoSharedLanguage),
    }
}

fn gender_word(gender: Gender) -> &'static str {
    match gender {
        Gender::Female => "women",
        Gender::Male => "men",
    }
}

fn gender_served(
    person: Option<Gender>,
    served: Option<Gender>,
) -> Result<Option<Criterion>, Exclusion> {
    let criterion = |status, reason: String, value: f64| {
        Some(Criterion::new(
            "gender",
            status,
            reason,
            weight::GENDER_SERVED * value,
        ))
    };
    match (person, served) {
        (None, None) => Ok(None),
        (Some(_), None) => Ok(criterion(Status::Met, "open to everyone".to_owned(), 1.0)),
        (Some(p), Some(s)) if p == s => Ok(criterion(
            Status::Met,
            format!("for {} only", gender_word(s)),
            1.0,
        )),
        (Some(_), Some(_)) => Err(Exclusion::GenderServed),
        (None, Some(s)) => Ok(criterion(
            Status::Partly,
            format!(
                "for {} only; the person's gender is not given",
                gender_word(s)
            ),
            0.0,
        )),
    }
}

fn staff_gender(preference: Gender, served: Option<Gender>) -> Criterion {
    let (status, reason, value) = match served {
        Some(s) if s == preference => (
            Status::Met,
            format!("a {} service", singular_gender_word(s)),
            1.0,
        ),
        None => (
            Status::Partly,
            format!(
                "staff gender not stated ({} preferred)",
                singular_gender_word(preference)
            ),
            0.4,
        ),
        Some(s) => (
            Status::Unmet,
            format!("a {} service", singular_gender_word(s)),
            0.0,
        ),
    };
    Criterion::new("staff_gender", status, reason, weight::STAFF_GENDER * value)
}

fn singular_gender_word(gender: Gender) -> &'static str {
    match gender {
        Gender::Female => "women's",
        Gender::Male => "men's",
    }
}

fn age_range(service: &Service) -> Option<String> {
    match (service.minimum_age, service.maximum_age) {
        (None, None) => None,
        (Some(min), None) => Some(format!("ages {min} and over")),
        (None, Some(max)) => Some(format!("ages up to {max}")),
        (Some(min), Some(max)) => Some(format!("ages {min}-{max}")),
    }
}

fn age(person: Option<u8>, service: &Service) -> Result<Option<Criterion>, Exclusion> {
    let range = age_range(service);
    let Some(age) = person.map(f64::from) else {
        return Ok(range
            .map(|r| Criterion::new("age", Status::Partly, format!("{r}; age not given"), 0.0)));
    };
    let too_young = service.minimum_age.is_some_and(|min| age < min);
    let too_old = service.maximum_age.is_some_and(|max| age > max);
    if too_young || too_old {
        return Err(Exclusion::Age);
    }
    let reason = range.unwrap_or_else(|| "no age limit".to_owned());
    Ok(Some(Criterion::new(
        "age",
        Status::Met,
        reason,
        weight::AGE,
    )))
}

fn faith_name(code: &str) -> &str {
    vocab::faith(code).map_or(code, |f| f.census_category)
}

fn faith(faith: &Faith, service: &Service) -> Option<Criterion> {
    let wanted = faith.code.filter(|_| faith.wants_faith_service)?;
    let offered = service.faith_codes();
    let (status, reason, value) = if offered.contains(&wanted) {
        (
            Status::Met,
            format!("{} faith service", faith_name(wanted)),
            1.0,
        )
    } else if let Some(other) = offered.first() {
        (
            Status::Unmet,
            format!("{} faith service", faith_name(other)),
            0.0,
        )
    } else {
        (Status::Partly, "not faith-based".to_owned(), 0.4)
    };
    Some(Criterion::new(
        "faith",
        status,
        reason,
        weight::FAITH * value,
    ))
}

fn availability(available: &[TimeSlot], sessions: &[Session]) -> Criterion {
    let criterion = |status, reason: String, value: f64| {
        Criterion::new("availability", status, reason, weight::AVAILABILITY * value)
    };
    if sessions.is_empty() {
        return criterion(Status::Partly, "opening times not stated".to_owned(), 0.5);
    }
    let fits = |s: &&Session| available.iter().any(|a| a.overlaps(&s.slot));
    let fitting: Vec<&Session> = sessions.iter().filter(fits).collect();
    if let Some(session) = fitting.iter().find(|s| s.times_stated) {
        criterion(
            Status::Met,
            format!("open {} when available", describe_session(session)),
            1.0,
        )
    } else if let Some(session) = fitting.first() {
        criterion(
            Status::Partly,
            format!("open {} (times not stated)", describe_session(session)),
            0.6,
        )
    } else {
        let listed: Vec<String> = sessions.iter().take(3).map(describe_session).collect();
        criterion(
            Status::Unmet,
            format!("open {}; not when available", listed.join(", ")),
            0.0,
        )
    }
}

/// Jummah, Friday midday prayers, taken as 12:30-14:30 to cover the time across the year.
const JUMMAH: TimeSlot = TimeSlot {
    day: DayOfWeek(Weekday::Fri),
    from: 12 * 60 + 30,
    to: 14 * 60 + 30,
};

fn observance(observance: Observance, sessions: &[Session]) -> Criterion {
    let (clashes, clash_note, free_note): (Vec<&Session>, &str, &str) = match observance {
        Observance::FridayPrayers => (
            sessions
                .iter()
                .filter(|s| s.times_stated && s.slot.overlaps(&JUMMAH))
                .collect(),
            "clashes with Jummah",
            "no session at Friday prayers",
        ),
        Observance::Shabbat => (
            sessions
                .iter()
                .filter(|s| s.slot.day.0 == Weekday::Sat)
                .collect(),
            "on Shabbat",
            "no session on Shabbat",
        ),
    };
    let criterion = |status, reason: String, value: f64| {
        Criterion::new("observance", status, reason, weight::OBSERVANCE * value)
    };
    let untimed_friday = sessions
        .iter()
        .find(|s| !s.times_stated && s.slot.day == JUMMAH.day);
    match clashes.first() {
        _ if sessions.is_empty() => {
            criterion(Status::Partly, "opening times not stated".to_owned(), 0.5)
        }
        None => match untimed_friday.filter(|_| observance == Observance::FridayPrayers) {
            Some(session) => criterion(
                Status::Partly,
                format!(
                    "meets {} (times not stated) - may clash with Jummah",
                    describe_session(session)
                ),
                0.6,
            ),
            None => criterion(Status::Met, free_note.to_owned(), 1.0),
        },
        Some(first) if clashes.len() == sessions.len() => criterion(
            Status::Unmet,
            format!("meets {} - {clash_note}", describe_session(first)),
            0.0,
        ),
        Some(first) => criterion(
            Status::Partly,
            format!(
                "meets {} - {clash_note}; other sessions are free",
                describe_session(first)
            ),
            0.6,
        ),
    }
}

/// "Mon 20 Oct".
fn show_date(date: NaiveDate) -> String {
    date.format("%a %-d %b").to_string()
}

/// "Fri 20 Mar (expected date)" for a date that depends on the moon, else "Sun 5 Apr".
fn dated(day: &FestivalDay) -> String {
    match day.basis {
        Basis::Expected => format!("{} (expected date)", show_date(day.date)),
        _ => show_date(day.date),
    }
}

fn window_days(window: DateWindow) -> impl Iterator<Item = NaiveDate> {
    window.from.iter_days().take_while(move |d| *d <= window.to)
}

fn festivals(codes: &[&str], window: DateWindow, sessions: &[Session]) -> Criterion {
    let criterion = |status, reason: String, value: f64| {
        Criterion::new("festivals", status, reason, weight::FESTIVALS * value)
    };
    let kept: Vec<&FestivalDay> = window_days(window)
        .filter_map(|d| calendar::festival_on(d, codes))
        .collect();
    let outside_calendar =
        window.from.year() < calendar::FIRST_YEAR || window.to.year() > calendar::LAST_YEAR;
    let span = format!("{} - {}", show_date(window.from), show_date(window.to));
    if kept.is_empty() {
        return if outside_calendar {
            criterion(
                Status::Partly,
                format!(
                    "festival calendar covers {}-{} only ({span})",
                    calendar::FIRST_YEAR,
                    calendar::LAST_YEAR
                ),
                0.5,
            )
        } else {
            criterion(Status::Met, format!("no festival days {span}"), 1.0)
        };
    }
    let describe = |day: &FestivalDay| format!("{}, {}", day.name, dated(day));
    if sessions.is_empty() {
        return criterion(
            Status::Partly,
            format!(
                "{} falls in the dates asked; opening days not stated",
                describe(kept[0])
            ),
            0.5,
        );
    }
    let meets_on = |date: &NaiveDate| sessions.iter().any(|s| s.slot.day.0 == date.weekday());
    let session_dates: Vec<NaiveDate> = window_days(window).filter(meets_on).collect();
    let on_festivals: Vec<&FestivalDay> = kept
        .iter()
        .copied()
        .filter(|day| session_dates.contains(&day.date))
        .collect();
    match on_festivals.first() {
        None => criterion(
            Status::Met,
            format!("no session on {}", describe(kept[0])),
            1.0,
        ),
        Some(first) if on_festivals.len() == session_dates.len() => criterion(
            Status::Unmet,
            format!("only meets on {}", describe(first)),
            0.0,
        ),
        Some(first) => criterion(
            Status::Partly,
            format!("meets on {}; other dates are free", describe(first)),
            0.6,
        ),
    }
}

/// Lower-cased words padded with spaces, so phrases match whole words only.
fn words_of(texts: &[&str]) -> String {
    let mut words = String::from(" ");
    for text in texts {
        for word in text
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
        {
            words.push_str(&word.to_lowercase());
            words.push(' ');
        }
        words.push_str(". ");
    }
    words
}

fn mentions(words: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| words.contains(&format!(" {p} ")))
}

struct AccessPhrases {
    cannot: &'static [&'static str],
    can: &'static [&'static str],
    name: &'static str,
}

fn access_phrases(need: AccessNeed) -> AccessPhrases {
    match need {
        AccessNeed::Wheelchair => AccessPhrases {
            cannot: &[
                "no wheelchair access",
                "not wheelchair accessible",
                "no step free access",
                "not step free",
                "no disabled access",
                "no level access",
                "stairs only",
                "no lift",
            ],
            can: &[
                "wheelchair accessible",
                "wheelchair access",
                "step free",
                "level access",
                "ramp",
                "lift",
                "disabled access",
            ],
            name: "wheelchair access",
        },
        AccessNeed::LearningDisability => AccessPhrases {
            cannot: &[
                "not suitable for people with learning disabilities",
                "cannot support learning disabilities",
                "no learning disability support",
            ],
            can: &[
                "learning disability",
                "learning disabilities",
                "learning difficulties",
                "easy read",
            ],
            name: "learning disability support",
        },
        AccessNeed::Bsl => AccessPhrases {
            cannot: &["no bsl", "bsl not available", "no sign language"],
            can: &["bsl", "british sign language", "sign language"],
            name: "BSL",
        },
    }
}

fn access_text(service: &Service) -> String {
    let mut texts: Vec<&str> = service.accessibility_texts().collect();
    texts.extend(service.eligibility_description.as_deref());
    texts.extend(service.description.as_deref());
    words_of(&texts)
}

fn access(need: AccessNeed, service: &Service) -> Result<Criterion, Exclusion> {
    let words = access_text(service);
    let phrases = access_phrases(need);
    if mentions(&words, phrases.cannot) {
        return Err(Exclusion::Access(need.into()));
    }
    let by_record = match need {
        AccessNeed::Bsl => service.language_codes().contains(&"bfi"),
        AccessNeed::LearningDisability => service.category_codes().contains(&"disability-support"),
        AccessNeed::Wheelchair => false,
    };
    let (status, reason, value) = if by_record || mentions(&words, phrases.can) {
        (Status::Met, format!("{} stated", phrases.name), 1.0)
    } else {
        (Status::Partly, format!("{} not stated", phrases.name), 0.4)
    };
    Ok(Criterion::new(
        "access",
        status,
        reason,
        weight::ACCESS * value,
    ))
}

const NRPF_TOPIC: &[&str] = &[
    "nrpf",
    "no recourse to public funds",
    "recourse to public funds",
    "public funds",
    "housing benefit",
];
const NRPF_BARRED: &[&str] = &[
    "not eligible",
    "ineligible",
    "are not accepted",
    "cannot accept",
    "can't accept",
    "unable to accept",
    "cannot help",
    "can't help",
    "unable to help",
    "not open to",
    "not available to",
    "excluded",
    "excludes",
    "must be eligible",
    "must have recourse",
    "must be entitled",
    "must be able to claim",
    "must claim",
    "requires recourse",
];

fn nrpf(service: &Service) -> Result<Criterion, Exclusion> {
    let texts = [
        service.eligibility_description.as_deref(),
        service.description.as_deref(),
    ];
    let sentences: Vec<String> = texts
        .into_iter()
        .flatten()
        .flat_map(|t| t.split(['.', ';', '\n']))
        .map(|s| words_of(&[s]))
        .filter(|s| mentions(s, NRPF_TOPIC))
        .collect();
    if sentences.iter().any(|s| mentions(s, NRPF_BARRED)) {
        return Err(Exclusion::Nrpf);
    }
    let (status, reason, value) = if sentences.is_empty() {
        (
            Status::Partly,
            "does not say whether people with no recourse to public funds can use it",
            0.5,
        )
    } else {
        (
            Status::Met,
            "open to people with no recourse to public funds",
            1.0,
        )
    };
    Ok(Criterion::new(
        "nrpf",
        status,
        reason.to_owned(),
        weight::NRPF * value,
    ))
}
