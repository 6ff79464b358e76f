//! Why a search hit or a match fits, as data: what the engine and the matcher found, with its
//! values (codes, metres, days, times), never its words. The faces render a reason in the
//! interface language with `signpost_i18n::reason_text`; English is what the API answered before
//! reasons could be rendered in other languages, byte for byte.

use chrono::{NaiveDate, Weekday};

use crate::Gender;

/// One reason a service fits (a search hit's `why`, a match criterion's `reason`, an unmet
/// need's `reason`).
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// "speaks Bengali": the service speaks an asked-for language (ISO 639-3 code).
    Speaks { language: String },
    /// "Mentoring": the service is in an asked-for category.
    Category { category: String },
    /// "Muslim faith": the service has an asked-for faith.
    Faith { faith: String },
    /// "for women": the service is for one gender, as the search asked.
    ForGender { gender: Gender },
    /// "ages 18-25": the ages a service takes; "any age (asked 24)" when it names none.
    Ages { ages: AgeRange, asked: Option<f64> },
    /// "open now".
    OpenNow,
    /// "open Friday at 18:00" (`time` in minutes after midnight), "open on Friday" without one.
    OpenOn { day: Weekday, time: Option<u16> },
    /// "free".
    Free,
    /// "matches some of your words: pakistani, group", or none of them when `words` is empty.
    SomeWords { words: Vec<String> },
    /// "covers WS1 1AA": a service area holds the searched place.
    Covers { place: String },
    /// "2.1 miles from WS1 1AA".
    Distance { metres: f64, place: String },
    /// "about 3 miles away": a confidential location's distance, in whole miles.
    AboutMiles { miles: f64 },
    /// "Mentoring (essential); Employment": the person's needs the service meets.
    Needs { needs: Vec<NeedMet> },
    /// "2.1 miles, limit 5": the distance from home against the person's limit.
    WithinLimit { metres: f64, limit_m: f64 },
    /// "speaks Sylheti (preferred)", "speaks Bengali, not Sylheti"; `assumed` when the service
    /// lists no languages and English is taken.
    SharedLanguage {
        language: String,
        preferred: Preference,
        assumed: bool,
    },
    /// "no shared language; offers interpreting" (or "needs an interpreter").
    NoSharedLanguage { interpreting: bool, assumed: bool },
    /// "open to everyone": the service serves any gender.
    OpenToEveryone,
    /// "for women only", with "; the person's gender is not given" when it is not.
    GenderOnly { gender: Gender, person_given: bool },
    /// "a women's service".
    GenderService { gender: Gender },
    /// "staff gender not stated (women's preferred)".
    StaffGenderNotStated { preferred: Gender },
    /// "ages 18-25; age not given".
    AgesAgeNotGiven { ages: AgeRange },
    /// "no age limit".
    NoAgeLimit,
    /// "Muslim faith service".
    FaithService { faith: String },
    /// "not faith-based".
    NotFaithBased,
    /// "opening times not stated".
    TimesNotStated,
    /// "open Mondays 13:00 when available".
    OpenWhenAvailable { session: Session },
    /// "open Wednesdays (times not stated)".
    OpenTimesNotStated { session: Session },
    /// "open Mondays 13:00, Fridays; not when available".
    OpenNotWhenAvailable { sessions: Vec<Session> },
    /// "meets Fridays (times not stated) - may clash with Jummah".
    MayClashWithJummah { session: Session },
    /// "no session at Friday prayers", "no session on Shabbat".
    NoSessionAt { observance: Observance },
    /// "meets Fridays 13:00 - clashes with Jummah", with "; other sessions are free" when
    /// `others_free`.
    Clashes {
        session: Session,
        observance: Observance,
        others_free: bool,
    },
    /// "festival calendar covers 2025-2030 only (Mon 1 Jan - Sun 14 Jan)".
    CalendarCovers {
        first_year: i32,
        last_year: i32,
        span: DateSpan,
    },
    /// "no festival days Mon 2 Mar - Sun 15 Mar".
    NoFestivalDays { span: DateSpan },
    /// "Holi, Wed 4 Mar falls in the dates asked; opening days not stated".
    FestivalOpeningDaysNotStated { festival: FestivalDate },
    /// "no session on Holi, Wed 4 Mar".
    NoSessionOnFestival { festival: FestivalDate },
    /// "only meets on Holi, Wed 4 Mar".
    OnlyMeetsOnFestival { festival: FestivalDate },
    /// "meets on Holi, Wed 4 Mar; other dates are free".
    MeetsOnFestival { festival: FestivalDate },
    /// "wheelchair access stated" / "BSL not stated".
    Access { need: AccessNeed, stated: bool },
    /// "open to people with no recourse to public funds".
    NrpfOpen,
    /// "does not say whether people with no recourse to public funds can use it".
    NrpfNotSaid,
    /// "no employment service within 5 miles speaks Sylheti or Bengali": a need nothing in
    /// reach meets, with what ruled out each service of its category in reach.
    NoServiceWithin {
        category: String,
        limit_m: f64,
        barriers: Vec<Barrier>,
    },
}

/// The ages a service takes; both ends `None` is any age.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AgeRange {
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
}

/// One need a service meets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeedMet {
    pub category: String,
    pub essential: bool,
}

/// How a shared language stands against the person's preferred one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Preference {
    /// The shared language is the preferred one.
    Preferred,
    /// The person prefers this other language (ISO 639-3 code).
    Not(String),
    /// No preference was given.
    NoneGiven,
}

/// A weekly session: its day and, when stated, its start (minutes after midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Session {
    pub day: Weekday,
    pub starts: Option<u16>,
}

/// A religious observance a session may clash with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Observance {
    FridayPrayers,
    Shabbat,
}

/// The dates a match looked at, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateSpan {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// A festival on a date; `expected` when the date depends on the moon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FestivalDate {
    /// The festival's name as the bundled calendar gives it ("Holi", "Eid al-Fitr").
    pub name: String,
    pub date: NaiveDate,
    pub expected: bool,
}

/// An access need a service may meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessNeed {
    Wheelchair,
    LearningDisability,
    Bsl,
}

/// What ruled out a service of a needed category.
#[derive(Debug, Clone, PartialEq)]
pub enum Barrier {
    /// "serves women": the person's gender, which the services in reach do not serve.
    Serves { gender: Gender },
    /// "takes people aged 24".
    TakesAge { age: u8 },
    /// "speaks Sylheti or Bengali" (ISO 639-3 codes).
    SpeaksAny { languages: Vec<String> },
    /// "has wheelchair access", "supports people with a learning disability", "offers BSL".
    Access { need: AccessNeed },
    /// "accepts people with no recourse to public funds".
    Nrpf,
}
