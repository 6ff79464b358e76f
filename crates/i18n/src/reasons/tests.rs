use chrono::{NaiveDate, Weekday};
use signpost_domain::Gender;
use signpost_domain::reason::{
    AccessNeed, AgeRange, Barrier, DateSpan, FestivalDate, NeedMet, Observance, Preference, Reason,
    Session,
};

use super::*;

fn en(reason: Reason) -> String {
    reason_text(Lang::En, &reason)
}

fn cy(reason: Reason) -> String {
    reason_text(Lang::Cy, &reason)
}

fn both(reason: Reason) -> (String, String) {
    (en(reason.clone()), cy(reason))
}

fn pair(english: &str, welsh: &str) -> (String, String) {
    (english.to_owned(), welsh.to_owned())
}

fn ages(minimum: Option<f64>, maximum: Option<f64>) -> AgeRange {
    AgeRange { minimum, maximum }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

const MONDAY_AT_ONE: Session = Session {
    day: Weekday::Mon,
    starts: Some(13 * 60),
};
const WEDNESDAYS: Session = Session {
    day: Weekday::Wed,
    starts: None,
};

fn holi(expected: bool) -> FestivalDate {
    FestivalDate {
        name: "Holi".to_owned(),
        date: date(2026, 3, 4),
        expected,
    }
}

#[test]
fn search_reasons_name_what_was_asked_for() {
    assert_eq!(
        both(Reason::Speaks {
            language: "ben".into()
        }),
        pair("speaks Bengali", "yn siarad Bengaleg")
    );
    assert_eq!(
        en(Reason::Category {
            category: "mental-health".into()
        }),
        signpost_domain::vocab::category("mental-health")
            .expect("category")
            .name
    );
    assert_eq!(
        both(Reason::Faith {
            faith: "muslim".into()
        }),
        pair("Muslim faith", "ffydd Mwslim")
    );
    assert_eq!(
        both(Reason::ForGender {
            gender: Gender::Female
        }),
        pair("for women", "i fenywod")
    );
    assert_eq!(
        both(Reason::ForGender {
            gender: Gender::Male
        }),
        pair("for men", "i ddynion")
    );
    assert_eq!(both(Reason::Free), pair("free", "am ddim"));
}

#[test]
fn search_reasons_give_ages_in_every_shape() {
    let shown = |range, asked| both(Reason::Ages { ages: range, asked });
    assert_eq!(
        shown(ages(Some(18.0), Some(25.0)), None),
        pair("ages 18-25", "oed 18-25")
    );
    assert_eq!(
        shown(ages(Some(16.5), None), Some(20.0)),
        pair("ages 16.5 and over", "oed 16.5 a throsodd")
    );
    assert_eq!(
        shown(ages(None, Some(25.0)), None),
        pair("ages up to 25", "hyd at 25 oed")
    );
    assert_eq!(
        shown(ages(None, None), Some(24.0)),
        pair("any age (asked 24)", "unrhyw oed (gofynnwyd am 24)")
    );
    assert_eq!(shown(ages(None, None), None), pair("any age", "unrhyw oed"));
}

#[test]
fn opening_reasons_name_days_in_the_language_and_times_on_the_24_hour_clock() {
    assert_eq!(both(Reason::OpenNow), pair("open now", "ar agor nawr"));
    assert_eq!(
        both(Reason::OpenOn {
            day: Weekday::Fri,
            time: Some(18 * 60 + 30),
        }),
        pair("open Friday at 18:30", "ar agor ddydd Gwener am 18:30")
    );
    assert_eq!(
        both(Reason::OpenOn {
            day: Weekday::Mon,
            time: Some(9 * 60),
        }),
        pair("open Monday at 09:00", "ar agor ddydd Llun am 09:00")
    );
    assert_eq!(
        both(Reason::OpenOn {
            day: Weekday::Sat,
            time: None
        }),
        pair("open on Saturday", "ar agor ddydd Sadwrn")
    );
    let days: Vec<String> = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ]
    .into_iter()
    .map(|day| cy(Reason::OpenOn { day, time: None }))
    .collect();
    assert_eq!(
        days,
        [
            "ar agor ddydd Llun",
            "ar agor ddydd Mawrth",
            "ar agor ddydd Mercher",
            "ar agor ddydd Iau",
            "ar agor ddydd Gwener",
            "ar agor ddydd Sadwrn",
            "ar agor ddydd Sul"
        ]
    );
}

#[test]
fn word_reasons_list_the_words_matched() {
    assert_eq!(
        both(Reason::SomeWords {
            words: vec!["pakistani".into(), "group".into()]
        }),
        pair(
            "matches some of your words: pakistani, group",
            "yn cyfateb i rai o'ch geiriau: pakistani, group"
        )
    );
    assert_eq!(
        both(Reason::SomeWords { words: vec![] }),
        pair(
            "matches none of your words",
            "nid yw'n cyfateb i'r un o'ch geiriau"
        )
    );
}

#[test]
fn place_reasons_give_miles_from_the_place() {
    assert_eq!(
        both(Reason::Distance {
            metres: 3_380.0,
            place: "WS1 1AA".into()
        }),
        pair("2.1 miles from WS1 1AA", "2.1 milltir o ardal WS1 1AA")
    );
    assert_eq!(
        both(Reason::Distance {
            metres: 1_600.0,
            place: "Walsall".into()
        }),
        pair("1 mile from Walsall", "1 filltir o ardal Walsall")
    );
    assert_eq!(
        both(Reason::Covers {
            place: "WS1 1AA".into()
        }),
        pair("covers WS1 1AA", "yn gwasanaethu ardal WS1 1AA")
    );
    assert_eq!(
        both(Reason::AboutMiles { miles: 0.0 }),
        pair("less than a mile away", "llai na milltir i ffwrdd")
    );
    assert_eq!(
        both(Reason::AboutMiles { miles: 1.0 }),
        pair("about 1 mile away", "tua 1 filltir i ffwrdd")
    );
    assert_eq!(
        both(Reason::AboutMiles { miles: 4.0 }),
        pair("about 4 miles away", "tua 4 milltir i ffwrdd")
    );
}

#[test]
fn match_reasons_for_needs_distance_and_language() {
    let needs = vec![
        NeedMet {
            category: "mentoring".into(),
            essential: true,
        },
        NeedMet {
            category: "employment".into(),
            essential: false,
        },
    ];
    let (english, welsh) = both(Reason::Needs { needs });
    let mentoring = |lang| name_of(lang, NameKind::Category, "mentoring");
    let employment = |lang| name_of(lang, NameKind::Category, "employment");
    assert_eq!(
        english,
        format!(
            "{} (essential); {}",
            mentoring(Lang::En),
            employment(Lang::En)
        )
    );
    assert_eq!(
        welsh,
        format!(
            "{} (hanfodol); {}",
            mentoring(Lang::Cy),
            employment(Lang::Cy)
        )
    );
    assert_eq!(
        both(Reason::WithinLimit {
            metres: 3_380.0,
            limit_m: 8_046.72
        }),
        pair("2.1 miles, limit 5", "2.1 milltir, terfyn 5")
    );
    assert_eq!(
        both(Reason::SharedLanguage {
            language: "syl".into(),
            preferred: Preference::Preferred,
            assumed: false
        }),
        pair(
            "speaks Sylheti (preferred)",
            &format!(
                "yn siarad {} (yr iaith a ffefrir)",
                name_of(Lang::Cy, NameKind::Language, "syl")
            )
        )
    );
    assert_eq!(
        en(Reason::SharedLanguage {
            language: "ben".into(),
            preferred: Preference::Not("syl".into()),
            assumed: false
        }),
        "speaks Bengali, not Sylheti"
    );
    assert_eq!(
        both(Reason::SharedLanguage {
            language: "eng".into(),
            preferred: Preference::NoneGiven,
            assumed: true
        }),
        pair(
            "speaks English (assumed: no languages listed)",
            &format!(
                "yn siarad {} (tybiwyd: dim ieithoedd wedi'u rhestru)",
                name_of(Lang::Cy, NameKind::Language, "eng")
            )
        )
    );
    assert_eq!(
        both(Reason::NoSharedLanguage {
            interpreting: true,
            assumed: false
        }),
        pair(
            "no shared language; offers interpreting",
            "dim iaith gyffredin; yn cynnig gwasanaeth cyfieithu"
        )
    );
    assert_eq!(
        en(Reason::NoSharedLanguage {
            interpreting: false,
            assumed: true
        }),
        "no shared language; needs an interpreter (assumed: no languages listed)"
    );
}

#[test]
fn match_reasons_for_gender_age_faith_access_and_funds() {
    assert_eq!(
        both(Reason::OpenToEveryone),
        pair("open to everyone", "ar agor i bawb")
    );
    assert_eq!(
        both(Reason::GenderOnly {
            gender: Gender::Male,
            person_given: true
        }),
        pair("for men only", "i ddynion yn unig")
    );
    assert_eq!(
        en(Reason::GenderOnly {
            gender: Gender::Female,
            person_given: false
        }),
        "for women only; the person's gender is not given"
    );
    assert_eq!(
        both(Reason::GenderService {
            gender: Gender::Female
        }),
        pair("a women's service", "gwasanaeth i fenywod")
    );
    assert_eq!(
        en(Reason::StaffGenderNotStated {
            preferred: Gender::Male
        }),
        "staff gender not stated (men's preferred)"
    );
    assert_eq!(
        both(Reason::AgesAgeNotGiven {
            ages: ages(Some(18.0), None)
        }),
        pair(
            "ages 18 and over; age not given",
            "oed 18 a throsodd; oed heb ei roi"
        )
    );
    assert_eq!(
        both(Reason::NoAgeLimit),
        pair("no age limit", "dim terfyn oed")
    );
    assert_eq!(
        both(Reason::FaithService {
            faith: "muslim".into()
        }),
        pair("Muslim faith service", "gwasanaeth ffydd Mwslim")
    );
    assert_eq!(
        both(Reason::NotFaithBased),
        pair("not faith-based", "nid yw'n seiliedig ar ffydd")
    );
    assert_eq!(
        both(Reason::Access {
            need: AccessNeed::Wheelchair,
            stated: true
        }),
        pair(
            "wheelchair access stated",
            "mynediad i gadeiriau olwyn wedi'i nodi"
        )
    );
    assert_eq!(
        en(Reason::Access {
            need: AccessNeed::Bsl,
            stated: false
        }),
        "BSL not stated"
    );
    assert_eq!(
        en(Reason::Access {
            need: AccessNeed::LearningDisability,
            stated: true
        }),
        "learning disability support stated"
    );
    assert_eq!(
        both(Reason::NrpfOpen),
        pair(
            "open to people with no recourse to public funds",
            "ar agor i bobl heb hawl i arian cyhoeddus"
        )
    );
    assert_eq!(
        en(Reason::NrpfNotSaid),
        "does not say whether people with no recourse to public funds can use it"
    );
}

#[test]
fn match_reasons_for_sessions_and_observances() {
    assert_eq!(
        both(Reason::TimesNotStated),
        pair("opening times not stated", "oriau agor heb eu nodi")
    );
    assert_eq!(
        both(Reason::OpenWhenAvailable {
            session: MONDAY_AT_ONE
        }),
        pair(
            "open Mondays 13:00 when available",
            "ar agor ar ddydd Llun am 13:00 pan fo'r unigolyn ar gael"
        )
    );
    assert_eq!(
        both(Reason::OpenTimesNotStated {
            session: WEDNESDAYS
        }),
        pair(
            "open Wednesdays (times not stated)",
            "ar agor ar ddydd Mercher (oriau heb eu nodi)"
        )
    );
    assert_eq!(
        en(Reason::OpenNotWhenAvailable {
            sessions: vec![MONDAY_AT_ONE, WEDNESDAYS]
        }),
        "open Mondays 13:00, Wednesdays; not when available"
    );
    let friday = Session {
        day: Weekday::Fri,
        starts: None,
    };
    assert_eq!(
        en(Reason::MayClashWithJummah { session: friday }),
        "meets Fridays (times not stated) - may clash with Jummah"
    );
    assert_eq!(
        both(Reason::NoSessionAt {
            observance: Observance::FridayPrayers
        }),
        pair(
            "no session at Friday prayers",
            "dim sesiwn adeg gweddïau dydd Gwener"
        )
    );
    assert_eq!(
        en(Reason::NoSessionAt {
            observance: Observance::Shabbat
        }),
        "no session on Shabbat"
    );
    let friday_one = Session {
        day: Weekday::Fri,
        starts: Some(13 * 60),
    };
    assert_eq!(
        both(Reason::Clashes {
            session: friday_one,
            observance: Observance::FridayPrayers,
            others_free: true
        }),
        pair(
            "meets Fridays 13:00 - clashes with Jummah; other sessions are free",
            "yn cwrdd ar ddydd Gwener am 13:00 - yn taro ar draws Jummah; nid yw'r sesiynau eraill yn taro"
        )
    );
    assert_eq!(
        en(Reason::Clashes {
            session: Session {
                day: Weekday::Sat,
                starts: Some(10 * 60)
            },
            observance: Observance::Shabbat,
            others_free: false
        }),
        "meets Saturdays 10:00 - on Shabbat"
    );
}

#[test]
fn match_reasons_for_festivals_give_short_dates_in_the_language() {
    let span = DateSpan {
        from: date(2026, 3, 2),
        to: date(2026, 3, 15),
    };
    assert_eq!(
        both(Reason::NoFestivalDays { span }),
        pair(
            "no festival days Mon 2 Mar - Sun 15 Mar",
            "dim diwrnodau gŵyl Llun 2 Maw - Sul 15 Maw"
        )
    );
    assert_eq!(
        en(Reason::CalendarCovers {
            first_year: 2025,
            last_year: 2030,
            span: DateSpan {
                from: date(2031, 10, 20),
                to: date(2031, 11, 2)
            }
        }),
        "festival calendar covers 2025-2030 only (Mon 20 Oct - Sun 2 Nov)"
    );
    assert_eq!(
        both(Reason::MeetsOnFestival {
            festival: holi(false)
        }),
        pair(
            "meets on Holi, Wed 4 Mar; other dates are free",
            "yn cwrdd ar Holi, Mer 4 Maw; nid yw'r dyddiadau eraill yn taro"
        )
    );
    assert_eq!(
        both(Reason::OnlyMeetsOnFestival {
            festival: holi(true)
        }),
        pair(
            "only meets on Holi, Wed 4 Mar (expected date)",
            "yn cwrdd ar Holi, Mer 4 Maw (dyddiad disgwyliedig) yn unig"
        )
    );
    assert_eq!(
        en(Reason::NoSessionOnFestival {
            festival: holi(false)
        }),
        "no session on Holi, Wed 4 Mar"
    );
    assert_eq!(
        en(Reason::FestivalOpeningDaysNotStated {
            festival: holi(false)
        }),
        "Holi, Wed 4 Mar falls in the dates asked; opening days not stated"
    );
}

#[test]
fn unmet_needs_say_what_ruled_out_each_service_in_reach() {
    let gap = |barriers| Reason::NoServiceWithin {
        category: "employment".into(),
        limit_m: 8_046.72,
        barriers,
    };
    let employment = |lang| name_of(lang, NameKind::Category, "employment").to_lowercase();
    assert_eq!(
        en(gap(vec![])),
        format!("no {} service within 5 miles", employment(Lang::En))
    );
    let languages = Barrier::SpeaksAny {
        languages: vec!["syl".into(), "ben".into()],
    };
    assert_eq!(
        en(gap(vec![languages.clone()])),
        format!(
            "no {} service within 5 miles speaks Sylheti or Bengali",
            employment(Lang::En)
        )
    );
    let all = vec![
        Barrier::Serves {
            gender: Gender::Female,
        },
        Barrier::TakesAge { age: 24 },
        languages,
        Barrier::Access {
            need: AccessNeed::Bsl,
        },
        Barrier::Nrpf,
    ];
    assert_eq!(
        en(gap(all.clone())),
        format!(
            "no {} service within 5 miles serves women, takes people aged 24, speaks Sylheti or \
             Bengali, offers BSL and accepts people with no recourse to public funds",
            employment(Lang::En)
        )
    );
    let welsh = cy(gap(all));
    assert!(
        welsh.starts_with(&format!(
            "dim gwasanaeth {} o fewn 5 milltir sydd yn gwasanaethu menywod, yn derbyn pobl 24 oed",
            employment(Lang::Cy)
        )),
        "{welsh}"
    );
    assert!(
        welsh.ends_with("yn cynnig BSL ac yn derbyn pobl heb hawl i arian cyhoeddus"),
        "{welsh}"
    );
}

#[test]
fn right_to_left_languages_give_a_result_s_reasons_in_their_own_words() {
    let distance = Reason::Distance {
        metres: 3_380.0,
        place: "WS1 1AA".into(),
    };
    assert_eq!(reason_text(Lang::Ur, &distance), "WS1 1AA سے 2.1 میل");
    assert_eq!(reason_text(Lang::Ar, &Reason::OpenNow), "مفتوح الآن");
    let open = Reason::OpenOn {
        day: Weekday::Fri,
        time: Some(18 * 60),
    };
    assert_eq!(reason_text(Lang::Ur, &open), "جمعہ کو 18:00 بجے کھلا ہے");
}

#[test]
fn english_names_are_the_vocabularies_own_whatever_the_names_catalogue_says() {
    let punjabi = Reason::Speaks {
        language: "pan".into(),
    };
    assert_eq!(en(punjabi), "speaks Panjabi", "ISO 639-3's reference name");
    assert_eq!(
        en(Reason::Speaks {
            language: "xx-unknown".into()
        }),
        "speaks xx-unknown"
    );
}

#[test]
fn limits_are_given_to_a_tenth_of_a_mile() {
    assert_eq!(limit_in_miles(8_046.72), "5");
    assert_eq!(limit_in_miles(4_023.36), "2.5");
    assert_eq!(
        reasons_text(Lang::En, &[Reason::Free, Reason::OpenNow]),
        ["free", "open now"]
    );
}
