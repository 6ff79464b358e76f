//! A search hit's or a match's reasons (`signpost_domain::reason`) in an interface language, from
//! the `reasons` catalogue area: `hit-*` for a search result's reasons and the pieces they share
//! with a match's (every interface language has them, right-to-left ones included), `fit-*` for a
//! match's criteria and unmet needs. Names of languages, categories and faiths inside a reason are
//! [`name_of`]'s (the vocabularies' own in English); times are 24-hour and distances in miles in
//! every language. English is the text the API has always answered with.

use chrono::{Datelike, NaiveDate, Weekday};
use signpost_domain::reason::{
    AccessNeed, AgeRange, Barrier, DateSpan, FestivalDate, NeedMet, Observance, Preference, Reason,
    Session,
};
use signpost_domain::{Gender, vocab};
use signpost_geo::METRES_PER_MILE;

use crate::Lang;
use crate::catalogue::{Arg, text, text_with};
use crate::names::{NameKind, name_of};

/// One reason in `lang`.
pub fn reason_text(lang: Lang, reason: &Reason) -> String {
    let say = Say(lang);
    say.search_reason(reason)
        .or_else(|| say.match_reason(reason))
        .or_else(|| say.schedule_reason(reason))
        .unwrap_or_default()
}

/// Each reason in `lang`, in order.
pub fn reasons_text(lang: Lang, reasons: &[Reason]) -> Vec<String> {
    reasons.iter().map(|r| reason_text(lang, r)).collect()
}

/// "5" for 5 miles, "2.5" for 2.5 miles: a distance limit as people give it, to a tenth.
pub fn limit_in_miles(metres: f64) -> String {
    let tenths = (metres / METRES_PER_MILE * 10.0).round();
    if tenths % 10.0 == 0.0 {
        format!("{}", tenths / 10.0)
    } else {
        format!("{:.1}", tenths / 10.0)
    }
}

/// The messages of one language.
#[derive(Clone, Copy)]
struct Say(Lang);

impl Say {
    fn text(self, key: &str) -> String {
        text(self.0, key)
    }

    fn with(self, key: &str, args: &[(&str, Arg)]) -> String {
        text_with(self.0, key, args)
    }

    /// A code's name: in English the vocabulary's own (ISO 639-3's reference name, `taxonomy.csv`,
    /// `faiths.csv`), so English reasons read as the API has always answered them; in another
    /// language the names catalogue's.
    fn name(self, kind: NameKind, code: &str) -> String {
        let english = match kind {
            NameKind::Language => vocab::language(code).map(|l| l.name),
            NameKind::Category => vocab::category(code).map(|c| c.name),
            NameKind::Faith => vocab::faith(code).map(|f| f.census_category),
        };
        match (self.0, english) {
            (Lang::En, Some(name)) => name.to_owned(),
            _ => name_of(self.0, kind, code),
        }
    }

    /// The reasons a search hit gives.
    fn search_reason(self, reason: &Reason) -> Option<String> {
        Some(match reason {
            Reason::Speaks { language } => self.with(
                "hit-speaks",
                &[("language", self.name(NameKind::Language, language).into())],
            ),
            Reason::Category { category } => self.name(NameKind::Category, category),
            Reason::Faith { faith } => self.with(
                "hit-faith",
                &[("faith", self.name(NameKind::Faith, faith).into())],
            ),
            Reason::ForGender { gender } => {
                self.with("hit-for-gender", &[("gender", gender.code().into())])
            }
            Reason::Ages { ages, asked } => self.ages_or_any(*ages, *asked),
            Reason::OpenNow => self.text("hit-open-now"),
            Reason::OpenOn {
                day,
                time: Some(time),
            } => self.with(
                "hit-open-day-at",
                &[
                    ("day", self.day_when(*day).into()),
                    ("time", clock(*time).into()),
                ],
            ),
            Reason::OpenOn { day, time: None } => {
                self.with("hit-open-on-day", &[("day", self.day_when(*day).into())])
            }
            Reason::Free => self.text("hit-free"),
            Reason::SomeWords { words } if words.is_empty() => self.text("hit-no-words"),
            Reason::SomeWords { words } => {
                self.with("hit-some-words", &[("words", words.join(", ").into())])
            }
            Reason::Covers { place } => {
                self.with("hit-covers", &[("place", place.as_str().into())])
            }
            Reason::Distance { metres, place } => self.with(
                "hit-distance-from",
                &[
                    ("distance", self.distance(*metres).into()),
                    ("place", place.as_str().into()),
                ],
            ),
            Reason::AboutMiles { miles } if *miles < 1.0 => self.text("hit-under-a-mile-away"),
            Reason::AboutMiles { miles } if *miles == 1.0 => self.text("hit-about-one-mile-away"),
            Reason::AboutMiles { miles } => self.with(
                "hit-about-miles-away",
                &[("miles", format!("{miles}").into())],
            ),
            _ => return None,
        })
    }

    /// The reasons of a match's criteria and unmet needs, but those about opening times.
    fn match_reason(self, reason: &Reason) -> Option<String> {
        Some(match reason {
            Reason::Needs { needs } => self.needs(needs),
            Reason::WithinLimit { metres, limit_m } => self.with(
                "fit-within-limit",
                &[
                    ("distance", self.distance(*metres).into()),
                    ("limit", limit_in_miles(*limit_m).into()),
                ],
            ),
            Reason::SharedLanguage {
                language,
                preferred,
                assumed,
            } => self.assumed(self.shared_language(language, preferred), *assumed),
            Reason::NoSharedLanguage {
                interpreting,
                assumed,
            } => {
                let key = if *interpreting {
                    "fit-no-shared-language-interpreting"
                } else {
                    "fit-no-shared-language-interpreter"
                };
                self.assumed(self.text(key), *assumed)
            }
            Reason::OpenToEveryone => self.text("fit-open-to-everyone"),
            Reason::GenderOnly {
                gender,
                person_given,
            } => {
                let key = if *person_given {
                    "fit-gender-only"
                } else {
                    "fit-gender-only-not-given"
                };
                self.with(key, &[("gender", gender.code().into())])
            }
            Reason::GenderService { gender } => self.gender("fit-gender-service", *gender),
            Reason::StaffGenderNotStated { preferred } => {
                self.gender("fit-staff-gender-not-stated", *preferred)
            }
            Reason::AgesAgeNotGiven { ages } => self.with(
                "fit-age-not-given",
                &[("ages", self.ages(*ages).unwrap_or_default().into())],
            ),
            Reason::NoAgeLimit => self.text("fit-no-age-limit"),
            Reason::FaithService { faith } => self.with(
                "fit-faith-service",
                &[("faith", self.name(NameKind::Faith, faith).into())],
            ),
            Reason::NotFaithBased => self.text("fit-not-faith-based"),
            Reason::Access { need, stated } => {
                let key = if *stated {
                    "fit-access-stated"
                } else {
                    "fit-access-not-stated"
                };
                self.with(key, &[("need", access_code(*need).into())])
            }
            Reason::NrpfOpen => self.text("fit-nrpf-open"),
            Reason::NrpfNotSaid => self.text("fit-nrpf-not-said"),
            Reason::NoServiceWithin {
                category,
                limit_m,
                barriers,
            } => self.no_service_within(category, *limit_m, barriers),
            _ => return None,
        })
    }

    /// A match's reasons about opening times, observances and festivals.
    fn schedule_reason(self, reason: &Reason) -> Option<String> {
        let session = |s: &Session| ("session", Arg::from(self.session(*s)));
        let festival = |f: &FestivalDate| ("festival", Arg::from(self.festival(f)));
        Some(match reason {
            Reason::TimesNotStated => self.text("fit-times-not-stated"),
            Reason::OpenWhenAvailable { session: s } => {
                self.with("fit-open-when-available", &[session(s)])
            }
            Reason::OpenTimesNotStated { session: s } => {
                self.with("fit-open-times-not-stated", &[session(s)])
            }
            Reason::OpenNotWhenAvailable { sessions } => {
                let listed: Vec<String> = sessions.iter().map(|s| self.session(*s)).collect();
                self.with(
                    "fit-open-not-when-available",
                    &[("sessions", listed.join(", ").into())],
                )
            }
            Reason::MayClashWithJummah { session: s } => {
                self.with("fit-may-clash-with-jummah", &[session(s)])
            }
            Reason::NoSessionAt { observance } => self.with(
                "fit-no-session-at",
                &[("observance", observance_code(*observance).into())],
            ),
            Reason::Clashes {
                session: s,
                observance,
                others_free,
            } => self.clashes(*s, *observance, *others_free),
            Reason::CalendarCovers {
                first_year,
                last_year,
                span,
            } => self.with(
                "fit-calendar-covers",
                &[
                    ("first", first_year.to_string().into()),
                    ("last", last_year.to_string().into()),
                    ("span", self.span(*span).into()),
                ],
            ),
            Reason::NoFestivalDays { span } => {
                self.with("fit-no-festival-days", &[("span", self.span(*span).into())])
            }
            Reason::FestivalOpeningDaysNotStated { festival: f } => {
                self.with("fit-festival-days-not-stated", &[festival(f)])
            }
            Reason::NoSessionOnFestival { festival: f } => {
                self.with("fit-no-session-on-festival", &[festival(f)])
            }
            Reason::OnlyMeetsOnFestival { festival: f } => {
                self.with("fit-only-meets-on-festival", &[festival(f)])
            }
            Reason::MeetsOnFestival { festival: f } => {
                self.with("fit-meets-on-festival", &[festival(f)])
            }
            _ => return None,
        })
    }

    /// "ages 18-25", "ages 18 and over", "ages up to 25"; `None` for any age.
    fn ages(self, ages: AgeRange) -> Option<String> {
        let figure = |age: f64| Arg::from(format!("{age}"));
        Some(match (ages.minimum, ages.maximum) {
            (Some(min), Some(max)) => self.with(
                "hit-ages-between",
                &[("minimum", figure(min)), ("maximum", figure(max))],
            ),
            (Some(min), None) => self.with("hit-ages-from", &[("minimum", figure(min))]),
            (None, Some(max)) => self.with("hit-ages-up-to", &[("maximum", figure(max))]),
            (None, None) => return None,
        })
    }

    fn ages_or_any(self, ages: AgeRange, asked: Option<f64>) -> String {
        self.ages(ages).unwrap_or_else(|| match asked {
            Some(age) => self.with("hit-any-age-asked", &[("age", format!("{age}").into())]),
            None => self.text("hit-any-age"),
        })
    }

    /// "2.1 miles", "1 mile" (a distance that rounds to one mile, to a tenth).
    fn distance(self, metres: f64) -> String {
        let miles = metres / METRES_PER_MILE;
        if (miles * 10.0).round() == 10.0 {
            self.text("hit-one-mile")
        } else {
            self.with("hit-miles", &[("miles", format!("{miles:.1}").into())])
        }
    }

    /// "Monday", as in "open Monday at 18:00" (Welsh: "ddydd Llun").
    fn day_when(self, day: Weekday) -> String {
        self.with("hit-day-when", &[("day", day_code(day).into())])
    }

    fn gender(self, key: &str, gender: Gender) -> String {
        self.with(key, &[("gender", gender.code().into())])
    }

    fn needs(self, needs: &[NeedMet]) -> String {
        let one = |need: &NeedMet| {
            let category = self.name(NameKind::Category, &need.category);
            if need.essential {
                self.with("fit-need-essential", &[("category", category.into())])
            } else {
                category
            }
        };
        needs.iter().map(one).collect::<Vec<_>>().join("; ")
    }

    fn shared_language(self, language: &str, preferred: &Preference) -> String {
        let language = Arg::from(self.name(NameKind::Language, language));
        match preferred {
            Preference::Preferred => self.with("fit-speaks-preferred", &[("language", language)]),
            Preference::Not(other) => self.with(
                "fit-speaks-not-preferred",
                &[
                    ("language", language),
                    ("preferred", self.name(NameKind::Language, other).into()),
                ],
            ),
            Preference::NoneGiven => self.with("hit-speaks", &[("language", language)]),
        }
    }

    /// `text`, with "(assumed: no languages listed)" after it when the service lists none.
    fn assumed(self, text: String, assumed: bool) -> String {
        if assumed {
            format!("{text} {}", self.text("fit-languages-assumed"))
        } else {
            text
        }
    }

    /// "Mondays 13:00", "Wednesdays".
    fn session(self, session: Session) -> String {
        let days = self.with("fit-days", &[("day", day_code(session.day).into())]);
        match session.starts {
            Some(starts) => self.with(
                "fit-session-at",
                &[("days", days.into()), ("time", clock(starts).into())],
            ),
            None => days,
        }
    }

    fn clashes(self, session: Session, observance: Observance, others_free: bool) -> String {
        let clash = self.with(
            "fit-clashes",
            &[
                ("session", self.session(session).into()),
                ("observance", observance_code(observance).into()),
            ],
        );
        if others_free {
            self.with("fit-clashes-others-free", &[("clash", clash.into())])
        } else {
            clash
        }
    }

    /// "Mon 20 Oct".
    fn short_date(self, date: NaiveDate) -> String {
        self.with(
            "fit-short-date",
            &[
                ("weekday", day_code(date.weekday()).into()),
                ("day", date.day().to_string().into()),
                ("month", month_code(date).into()),
            ],
        )
    }

    fn span(self, span: DateSpan) -> String {
        format!(
            "{} - {}",
            self.short_date(span.from),
            self.short_date(span.to)
        )
    }

    /// "Holi, Wed 4 Mar", with "(expected date)" for a date that depends on the moon.
    fn festival(self, festival: &FestivalDate) -> String {
        let date = self.short_date(festival.date);
        let date = if festival.expected {
            self.with("fit-expected-date", &[("date", date.into())])
        } else {
            date
        };
        self.with(
            "fit-festival",
            &[
                ("festival", festival.name.as_str().into()),
                ("date", date.into()),
            ],
        )
    }

    /// "no employment service within 5 miles speaks Sylheti or Bengali".
    fn no_service_within(self, category: &str, limit_m: f64, barriers: &[Barrier]) -> String {
        let head = self.with(
            "fit-no-service-within",
            &[
                (
                    "category",
                    self.name(NameKind::Category, category)
                        .to_lowercase()
                        .into(),
                ),
                ("limit", limit_in_miles(limit_m).into()),
            ],
        );
        let phrases: Vec<String> = barriers.iter().map(|b| self.barrier(b)).collect();
        if phrases.is_empty() {
            return head;
        }
        self.with(
            "fit-no-service-because",
            &[
                ("service", head.into()),
                ("barriers", self.list("fit-list-and", &phrases).into()),
            ],
        )
    }

    fn barrier(self, barrier: &Barrier) -> String {
        match barrier {
            Barrier::Serves { gender } => self.gender("fit-barrier-serves", *gender),
            Barrier::TakesAge { age } => {
                self.with("fit-barrier-age", &[("age", age.to_string().into())])
            }
            Barrier::SpeaksAny { languages } => {
                let names: Vec<String> = languages
                    .iter()
                    .map(|code| self.name(NameKind::Language, code))
                    .collect();
                self.with(
                    "fit-barrier-speaks",
                    &[("languages", self.list("fit-list-or", &names).into())],
                )
            }
            Barrier::Access { need } => {
                self.with("fit-barrier-access", &[("need", access_code(*need).into())])
            }
            Barrier::Nrpf => self.text("fit-barrier-nrpf"),
        }
    }

    /// "a, b and c" (`key` is `fit-list-and` or `fit-list-or`).
    fn list(self, key: &str, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => self.with(
                key,
                &[
                    ("rest", rest.join(", ").into()),
                    ("last", last.as_str().into()),
                ],
            ),
        }
    }
}

/// "09:30": 24-hour, in every language.
fn clock(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The selector a catalogue's day variants are keyed by: `mon` .. `sun`.
fn day_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

/// The selector a catalogue's month variants are keyed by: `jan` .. `dec`.
fn month_code(date: NaiveDate) -> &'static str {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    MONTHS.get(date.month0() as usize).copied().unwrap_or("jan")
}

fn access_code(need: AccessNeed) -> &'static str {
    match need {
        AccessNeed::Wheelchair => "wheelchair",
        AccessNeed::LearningDisability => "learning-disability",
        AccessNeed::Bsl => "bsl",
    }
}

fn observance_code(observance: Observance) -> &'static str {
    match observance {
        Observance::FridayPrayers => "friday-prayers",
        Observance::Shabbat => "shabbat",
    }
}

#[cfg(test)]
mod tests;
