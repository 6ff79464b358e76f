//! Each rule of the matcher, applied to one service: a hard constraint yields an [`Exclusion`],
//! a preference yields a [`Criterion`] with its share of the score.

use crate::calendar::{self, Basis, FestivalDay};
use crate::profile::{AccessNeed, DateWindow, Faith, Languages, Need, Observance, Profile};
use crate::schedule::{DayOfWeek, Session, TimeSlot, shown_session, weekly_sessions};
use chrono::{Datelike, NaiveDate, Weekday};
use signpost_domain::reason::{
    self, AgeRange, DateSpan, FestivalDate, NeedMet, Preference, Reason,
};
use signpost_domain::{Gender, Service, vocab};

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
    /// Why, as a reason the faces put in words (`signpost_i18n::reason_text`).
    pub reason: Reason,
    /// This criterion's share of the score (weight times how far it is met).
    pub points: f64,
}

impl Criterion {
    fn new(criterion: &'static str, status: Status, reason: Reason, points: f64) -> Criterion {
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

impl AccessKind {
    /// The access need as a reason names it.
    pub(crate) fn shown(self) -> reason::AccessNeed {
        match self {
            AccessKind::Wheelchair => reason::AccessNeed::Wheelchair,
            AccessKind::LearningDisability => reason::AccessNeed::LearningDisability,
            AccessKind::Bsl => reason::AccessNeed::Bsl,
        }
    }
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

fn need(needs: &[Need], service: &Service) -> Result<Criterion, Exclusion> {
    let offered = service.category_codes();
    let met: Vec<&Need> = needs
        .iter()
        .filter(|n| offered.contains(&n.category))
        .collect();
    if met.is_empty() {
        return Err(Exclusion::NoNeededCategory);
    }
    let reason = Reason::Needs {
        needs: met
            .iter()
            .map(|n| NeedMet {
                category: n.category.to_owned(),
                essential: n.essential,
            })
            .collect(),
    };
    let points = met.iter().map(|n| need_weight(n)).sum();
    Ok(Criterion::new("need", Status::Met, reason, points))
}

fn distance(distance_m: f64, limit_m: f64) -> Result<Criterion, Exclusion> {
    if !(distance_m.is_finite() && distance_m >= 0.0 && distance_m <= limit_m) {
        return Err(Exclusion::BeyondReach);
    }
    let reason = Reason::WithinLimit {
        metres: distance_m,
        limit_m,
    };
    let points = weight::DISTANCE * (1.0 - distance_m / limit_m);
    Ok(Criterion::new("distance", Status::Met, reason, points))
}

fn language(languages: &Languages, service: &Service) -> Result<Criterion, Exclusion> {
    let listed: Vec<&str> = service
        .language_codes()
        .into_iter()
        .map(|c| vocab::normalise_language_code(c).unwrap_or(c))
        .collect();
    let assumed = listed.is_empty();
    let offered = if assumed { vec!["eng"] } else { listed };
    let shared = languages.speaks.iter().find(|c| offered.contains(c));
    let points = |value: f64| weight::LANGUAGE * value * if assumed { 0.8 } else { 1.0 };
    let speaks = |code: &str, preferred| Reason::SharedLanguage {
        language: code.to_owned(),
        preferred,
        assumed,
    };
    match (shared, languages.preferred) {
        (Some(code), Some(preferred)) if *code == preferred => Ok(Criterion::new(
            "language",
            Status::Met,
            speaks(code, Preference::Preferred),
            points(1.0),
        )),
        (Some(code), preferred) => {
            let preference =
                preferred.map_or(Preference::NoneGiven, |p| Preference::Not(p.to_owned()));
            Ok(Criterion::new(
                "language",
                Status::Met,
                speaks(code, preference),
                points(0.7),
            ))
        }
        (None, _) if languages.interpreter_ok => {
            let interpreting = service.category_codes().contains(&"interpreting");
            let value = if interpreting { 0.5 } else { 0.3 };
            Ok(Criterion::new(
                "language",
                Status::Partly,
                Reason::NoSharedLanguage {
                    interpreting,
                    assumed,
                },
                points(value),
            ))
        }
        (None, _) => Err(Exclusion::NoSharedLanguage),
    }
}

fn gender_served(
    person: Option<Gender>,
    served: Option<Gender>,
) -> Result<Option<Criterion>, Exclusion> {
    let criterion = |status, reason: Reason, value: f64| {
        Some(Criterion::new(
            "gender",
            status,
            reason,
            weight::GENDER_SERVED * value,
        ))
    };
    let only = |gender, person_given| Reason::GenderOnly {
        gender,
        person_given,
    };
    match (person, served) {
        (None, None) => Ok(None),
        (Some(_), None) => Ok(criterion(Status::Met, Reason::OpenToEveryone, 1.0)),
        (Some(p), Some(s)) if p == s => Ok(criterion(Status::Met, only(s, true), 1.0)),
        (Some(_), Some(_)) => Err(Exclusion::GenderServed),
        (None, Some(s)) => Ok(criterion(Status::Partly, only(s, false), 0.0)),
    }
}

fn staff_gender(preference: Gender, served: Option<Gender>) -> Criterion {
    let (status, reason, value) = match served {
        Some(s) if s == preference => (Status::Met, Reason::GenderService { gender: s }, 1.0),
        None => (
            Status::Partly,
            Reason::StaffGenderNotStated {
                preferred: preference,
            },
            0.4,
        ),
        Some(s) => (Status::Unmet, Reason::GenderService { gender: s }, 0.0),
    };
    Criterion::new("staff_gender", status, reason, weight::STAFF_GENDER * value)
}

/// The ages a service takes, when it names any.
fn age_range(service: &Service) -> Option<AgeRange> {
    let ages = AgeRange {
        minimum: service.minimum_age,
        maximum: service.maximum_age,
    };
    (ages.minimum.is_some() || ages.maximum.is_some()).then_some(ages)
}

fn age(person: Option<u8>, service: &Service) -> Result<Option<Criterion>, Exclusion> {
    let range = age_range(service);
    let Some(age) = person.map(f64::from) else {
        return Ok(range.map(|ages| {
            Criterion::new("age", Status::Partly, Reason::AgesAgeNotGiven { ages }, 0.0)
        }));
    };
    let too_young = service.minimum_age.is_some_and(|min| age < min);
    let too_old = service.maximum_age.is_some_and(|max| age > max);
    if too_young || too_old {
        return Err(Exclusion::Age);
    }
    let reason = range.map_or(Reason::NoAgeLimit, |ages| Reason::Ages {
        ages,
        asked: None,
    });
    Ok(Some(Criterion::new(
        "age",
        Status::Met,
        reason,
        weight::AGE,
    )))
}

fn faith(faith: &Faith, service: &Service) -> Option<Criterion> {
    let wanted = faith.code.filter(|_| faith.wants_faith_service)?;
    let offered = service.faith_codes();
    let service_of = |code: &str| Reason::FaithService {
        faith: code.to_owned(),
    };
    let (status, reason, value) = if offered.contains(&wanted) {
        (Status::Met, service_of(wanted), 1.0)
    } else if let Some(other) = offered.first() {
        (Status::Unmet, service_of(other), 0.0)
    } else {
        (Status::Partly, Reason::NotFaithBased, 0.4)
    };
    Some(Criterion::new(
        "faith",
        status,
        reason,
        weight::FAITH * value,
    ))
}

fn availability(available: &[TimeSlot], sessions: &[Session]) -> Criterion {
    let criterion = |status, reason: Reason, value: f64| {
        Criterion::new("availability", status, reason, weight::AVAILABILITY * value)
    };
    if sessions.is_empty() {
        return criterion(Status::Partly, Reason::TimesNotStated, 0.5);
    }
    let fits = |s: &&Session| available.iter().any(|a| a.overlaps(&s.slot));
    let fitting: Vec<&Session> = sessions.iter().filter(fits).collect();
    if let Some(session) = fitting.iter().find(|s| s.times_stated) {
        criterion(
            Status::Met,
            Reason::OpenWhenAvailable {
                session: shown_session(session),
            },
            1.0,
        )
    } else if let Some(session) = fitting.first() {
        criterion(
            Status::Partly,
            Reason::OpenTimesNotStated {
                session: shown_session(session),
            },
            0.6,
        )
    } else {
        let sessions = sessions.iter().take(3).map(shown_session).collect();
        criterion(
            Status::Unmet,
            Reason::OpenNotWhenAvailable { sessions },
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
    let (clashes, shown): (Vec<&Session>, reason::Observance) = match observance {
        Observance::FridayPrayers => (
            sessions
                .iter()
                .filter(|s| s.times_stated && s.slot.overlaps(&JUMMAH))
                .collect(),
            reason::Observance::FridayPrayers,
        ),
        Observance::Shabbat => (
            sessions
                .iter()
                .filter(|s| s.slot.day.0 == Weekday::Sat)
                .collect(),
            reason::Observance::Shabbat,
        ),
    };
    let criterion = |status, reason: Reason, value: f64| {
        Criterion::new("observance", status, reason, weight::OBSERVANCE * value)
    };
    let clash = |session: &Session, others_free| Reason::Clashes {
        session: shown_session(session),
        observance: shown,
        others_free,
    };
    let untimed_friday = sessions
        .iter()
        .find(|s| !s.times_stated && s.slot.day == JUMMAH.day);
    match clashes.first() {
        _ if sessions.is_empty() => criterion(Status::Partly, Reason::TimesNotStated, 0.5),
        None => match untimed_friday.filter(|_| observance == Observance::FridayPrayers) {
            Some(session) => criterion(
                Status::Partly,
                Reason::MayClashWithJummah {
                    session: shown_session(session),
                },
                0.6,
            ),
            None => criterion(Status::Met, Reason::NoSessionAt { observance: shown }, 1.0),
        },
        Some(first) if clashes.len() == sessions.len() => {
            criterion(Status::Unmet, clash(first, false), 0.0)
        }
        Some(first) => criterion(Status::Partly, clash(first, true), 0.6),
    }
}

/// A festival day as a reason shows it; its date is "expected" when it depends on the moon.
fn festival_date(day: &FestivalDay) -> FestivalDate {
    FestivalDate {
        name: day.name.to_owned(),
        date: day.date,
        expected: day.basis == Basis::Expected,
    }
}

fn window_days(window: DateWindow) -> impl Iterator<Item = NaiveDate> {
    window.from.iter_days().take_while(move |d| *d <= window.to)
}

fn festivals(codes: &[&str], window: DateWindow, sessions: &[Session]) -> Criterion {
    let criterion = |status, reason: Reason, value: f64| {
        Criterion::new("festivals", status, reason, weight::FESTIVALS * value)
    };
    let kept: Vec<&FestivalDay> = window_days(window)
        .filter_map(|d| calendar::festival_on(d, codes))
        .collect();
    let outside_calendar =
        window.from.year() < calendar::FIRST_YEAR || window.to.year() > calendar::LAST_YEAR;
    let span = DateSpan {
        from: window.from,
        to: window.to,
    };
    if kept.is_empty() {
        return if outside_calendar {
            criterion(
                Status::Partly,
                Reason::CalendarCovers {
                    first_year: calendar::FIRST_YEAR,
                    last_year: calendar::LAST_YEAR,
                    span,
                },
                0.5,
            )
        } else {
            criterion(Status::Met, Reason::NoFestivalDays { span }, 1.0)
        };
    }
    if sessions.is_empty() {
        return criterion(
            Status::Partly,
            Reason::FestivalOpeningDaysNotStated {
                festival: festival_date(kept[0]),
            },
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
            Reason::NoSessionOnFestival {
                festival: festival_date(kept[0]),
            },
            1.0,
        ),
        Some(first) if on_festivals.len() == session_dates.len() => criterion(
            Status::Unmet,
            Reason::OnlyMeetsOnFestival {
                festival: festival_date(first),
            },
            0.0,
        ),
        Some(first) => criterion(
            Status::Partly,
            Reason::MeetsOnFestival {
                festival: festival_date(first),
            },
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
        },
        AccessNeed::Bsl => AccessPhrases {
            cannot: &["no bsl", "bsl not available", "no sign language"],
            can: &["bsl", "british sign language", "sign language"],
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
    let stated = by_record || mentions(&words, phrases.can);
    let (status, value) = if stated {
        (Status::Met, 1.0)
    } else {
        (Status::Partly, 0.4)
    };
    let reason = Reason::Access {
        need: AccessKind::from(need).shown(),
        stated,
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
        (Status::Partly, Reason::NrpfNotSaid, 0.5)
    } else {
        (Status::Met, Reason::NrpfOpen, 1.0)
    };
    Ok(Criterion::new("nrpf", status, reason, weight::NRPF * value))
}
