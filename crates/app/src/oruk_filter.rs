//! The ORUK 3.0 `/services` filters that test one full record (docs/oruk.md, "Filters"): each
//! as the definition words it, combined with AND.
//!
//! - `taxonomy_term_id`: an attribute carries the term; `taxonomy_id`: an attribute carries a term
//!   of the taxonomy.
//! - `organization_id`: the service's organisation.
//! - `minimum_age`: the service's own minimum age is at least the value; `maximum_age`: its own
//!   maximum age is at most the value (a service that states no such age does not match).
//! - `start_time`, `end_time`, `day`: one schedule (of the service or of one of its locations)
//!   opens at or after `start_time`, closes at or before `end_time` and runs on `day`.
//! - `modified_after`: the service's last modification is at or after the time.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use signpost_domain::{Schedule, Service};

use crate::code::Code;
use crate::error::{AppError, Result};

/// The record filters of one listing, checked and parsed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecordFilter {
    pub taxonomy_term_id: Option<String>,
    pub taxonomy_id: Option<String>,
    pub organization_id: Option<String>,
    pub minimum_age: Option<f64>,
    pub maximum_age: Option<f64>,
    pub start_time: Option<NaiveTime>,
    pub end_time: Option<NaiveTime>,
    /// A two-letter iCalendar day code (`MO` ... `SU`).
    pub day: Option<&'static str>,
    pub modified_after: Option<DateTime<FixedOffset>>,
}

impl RecordFilter {
    /// Whether the filter holds for no record at all (every record passes).
    pub fn is_empty(&self) -> bool {
        *self == RecordFilter::default()
    }

    /// Whether the service passes every filter; `last_modified` is the store's time of its
    /// last write (RFC 3339).
    pub fn matches(&self, service: &Service, last_modified: Option<&str>) -> bool {
        self.matches_terms(service)
            && self.matches_organization(service)
            && self.matches_ages(service)
            && self.matches_schedules(service)
            && self.matches_modified(last_modified)
    }

    fn matches_terms(&self, service: &Service) -> bool {
        let mut terms = service
            .attributes
            .iter()
            .filter_map(|a| a.taxonomy_term.as_ref());
        match (&self.taxonomy_term_id, &self.taxonomy_id) {
            (None, None) => true,
            (term_id, taxonomy_id) => terms.any(|term| {
                term_id.as_ref().is_none_or(|id| *id == term.id)
                    && taxonomy_id
                        .as_ref()
                        .is_none_or(|id| term.taxonomy.as_ref() == Some(id))
            }),
        }
    }

    fn matches_organization(&self, service: &Service) -> bool {
        self.organization_id.as_ref().is_none_or(|wanted| {
            service.organization_id.as_ref() == Some(wanted)
                || service
                    .organization
                    .as_ref()
                    .is_some_and(|o| o.id == *wanted)
        })
    }

    fn matches_ages(&self, service: &Service) -> bool {
        let minimum = self
            .minimum_age
            .is_none_or(|wanted| service.minimum_age.is_some_and(|own| own >= wanted));
        let maximum = self
            .maximum_age
            .is_none_or(|wanted| service.maximum_age.is_some_and(|own| own <= wanted));
        minimum && maximum
    }

    fn matches_schedules(&self, service: &Service) -> bool {
        if self.start_time.is_none() && self.end_time.is_none() && self.day.is_none() {
            return true;
        }
        service
            .schedules
            .iter()
            .chain(
                service
                    .service_at_locations
                    .iter()
                    .flat_map(|sal| &sal.schedules),
            )
            .any(|schedule| self.matches_schedule(schedule))
    }

    fn matches_schedule(&self, schedule: &Schedule) -> bool {
        let opens = schedule.opens_at.as_deref().and_then(time_of_day);
        let closes = schedule.closes_at.as_deref().and_then(time_of_day);
        self.start_time
            .is_none_or(|wanted| opens.is_some_and(|own| own >= wanted))
            && self
                .end_time
                .is_none_or(|wanted| closes.is_some_and(|own| own <= wanted))
            && self.day.is_none_or(|wanted| {
                schedule.byday.as_deref().is_some_and(|days| {
                    days.split(',')
                        .any(|d| day_code(d.trim()).is_some_and(|own| own == wanted))
                })
            })
    }

    fn matches_modified(&self, last_modified: Option<&str>) -> bool {
        self.modified_after.is_none_or(|wanted| {
            last_modified
                .and_then(|own| DateTime::parse_from_rfc3339(own).ok())
                .is_some_and(|own| own >= wanted)
        })
    }
}

/// `HH:MM` or `HH:MM:SS` (an RFC 3339 `time` with an offset is read without it).
pub fn time_of_day(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    let bare = text
        .find(['Z', 'z', '+'])
        .or_else(|| text.get(1..).and_then(|rest| rest.find('-').map(|i| i + 1)))
        .map_or(text, |end| &text[..end]);
    NaiveTime::parse_from_str(bare, "%H:%M:%S%.f")
        .or_else(|_| NaiveTime::parse_from_str(bare, "%H:%M"))
        .ok()
}

/// The iCalendar code of a day given as a code (`MO`), a name (`Monday`) or its first three
/// letters (`mon`), in any case.
pub fn day_code(text: &str) -> Option<&'static str> {
    const DAYS: [(&str, &str); 7] = [
        ("MO", "monday"),
        ("TU", "tuesday"),
        ("WE", "wednesday"),
        ("TH", "thursday"),
        ("FR", "friday"),
        ("SA", "saturday"),
        ("SU", "sunday"),
    ];
    let lower = text.trim().to_ascii_lowercase();
    DAYS.iter()
        .find(|(code, name)| {
            lower.eq_ignore_ascii_case(code)
                || lower == *name
                || (lower.len() == 3 && name.starts_with(&lower))
        })
        .map(|(code, _)| *code)
}

/// A `time` parameter, or a 400 naming it.
pub fn parse_time(parameter: &str, text: &str) -> Result<NaiveTime> {
    time_of_day(text).ok_or_else(|| {
        AppError::rejected(
            Code::InvalidParameter,
            format!("{parameter} must be a time such as 09:30 or 09:30:00, not {text:?}"),
        )
    })
}

/// The `day` parameter, or a 400.
pub fn parse_day(text: &str) -> Result<&'static str> {
    day_code(text).ok_or_else(|| {
        AppError::rejected(
            Code::InvalidParameter,
            format!("day must be a day of the week (MO or Monday), not {text:?}"),
        )
    })
}

/// `modified_after`: an RFC 3339 date-time, or a date (its midnight, UTC); else a 400.
pub fn parse_modified_after(text: &str) -> Result<DateTime<FixedOffset>> {
    let text = text.trim();
    DateTime::parse_from_rfc3339(text)
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .map(|date| date.and_time(NaiveTime::MIN).and_utc().fixed_offset())
        })
        .ok_or_else(|| {
            AppError::rejected(
                Code::InvalidParameter,
                format!(
                    "modified_after must be a date-time such as 2025-01-31T09:00:00Z, not {text:?}"
                ),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn service(value: serde_json::Value) -> Service {
        serde_json::from_value(value).expect("service")
    }

    fn mentors() -> Service {
        service(json!({
            "id": "s1", "name": "Mentors", "status": "active",
            "organization": {"id": "o1", "name": "Org"},
            "minimum_age": 18, "maximum_age": 25,
            "attributes": [{"id": "a1", "taxonomy_term": {"id": "t1", "name": "Mentoring",
                "description": "", "taxonomy": "signpost-category", "code": "mentoring"}}],
            "service_at_locations": [{"id": "sal1", "schedules": [
                {"id": "sc1", "byday": "MO,WE", "opens_at": "09:30", "closes_at": "17:00"}]}]
        }))
    }

    #[test]
    fn ages_follow_the_definition_words() {
        let s = mentors();
        let at_least = |v| RecordFilter {
            minimum_age: Some(v),
            ..RecordFilter::default()
        };
        assert!(at_least(16.0).matches(&s, None));
        assert!(at_least(18.0).matches(&s, None));
        assert!(!at_least(19.0).matches(&s, None));
        let at_most = |v| RecordFilter {
            maximum_age: Some(v),
            ..RecordFilter::default()
        };
        assert!(at_most(25.0).matches(&s, None));
        assert!(!at_most(24.0).matches(&s, None));
        let open_ended = service(json!({"id": "s2", "name": "n", "status": "active"}));
        assert!(!at_least(0.0).matches(&open_ended, None));
    }

    #[test]
    fn one_schedule_must_hold_every_schedule_filter() {
        let s = mentors();
        let filter = RecordFilter {
            day: Some("WE"),
            start_time: time_of_day("09:00"),
            end_time: time_of_day("17:00:00"),
            ..RecordFilter::default()
        };
        assert!(filter.matches(&s, None));
        let late = RecordFilter {
            start_time: time_of_day("10:00"),
            ..filter.clone()
        };
        assert!(!late.matches(&s, None));
        let tuesday = RecordFilter {
            day: Some("TU"),
            ..filter
        };
        assert!(!tuesday.matches(&s, None));
    }

    #[test]
    fn terms_taxonomies_and_organisations() {
        let s = mentors();
        let of = |term: Option<&str>, taxonomy: Option<&str>, org: Option<&str>| RecordFilter {
            taxonomy_term_id: term.map(str::to_owned),
            taxonomy_id: taxonomy.map(str::to_owned),
            organization_id: org.map(str::to_owned),
            ..RecordFilter::default()
        };
        assert!(of(Some("t1"), None, None).matches(&s, None));
        assert!(!of(Some("t2"), None, None).matches(&s, None));
        assert!(of(None, Some("signpost-category"), Some("o1")).matches(&s, None));
        assert!(!of(None, Some("signpost-faith"), None).matches(&s, None));
        assert!(!of(None, None, Some("o2")).matches(&s, None));
    }

    #[test]
    fn modified_after_is_on_or_after() {
        let s = mentors();
        let since = |t: &str| RecordFilter {
            modified_after: Some(parse_modified_after(t).expect("time")),
            ..RecordFilter::default()
        };
        let stamp = Some("2026-12-07T11:00:00.000001Z");
        assert!(since("2026-12-07T11:00:00.000001Z").matches(&s, stamp));
        assert!(since("2026-12-07").matches(&s, stamp));
        assert!(!since("2026-12-07T12:00:00+00:00").matches(&s, stamp));
        assert!(!since("2026-12-07").matches(&s, None));
        assert!(parse_modified_after("yesterday").is_err());
    }

    #[test]
    fn days_and_times_are_read_in_their_usual_forms() {
        assert_eq!(day_code("mo"), Some("MO"));
        assert_eq!(day_code("Friday"), Some("FR"));
        assert_eq!(day_code("sat"), Some("SA"));
        assert_eq!(day_code("someday"), None);
        assert_eq!(time_of_day("09:30:00Z"), time_of_day("09:30"));
        assert_eq!(time_of_day("09:30:00-05:00"), time_of_day("09:30"));
        assert!(time_of_day("half nine").is_none());
    }
}
