//! The HSDS 3.0 schema's enumerations and formats (`email`, `uri`, `date`, `date-time`) over a
//! service and its nested records (docs/formats.md, "Validation"). Ids are not held to the
//! schema's `uuid`: Signpost serves ids as they were given.

use serde_json::Value;

use super::Problems;
use crate::hsds::{Schedule, Service};

/// HSDS `service.status`.
pub const STATUSES: [&str; 4] = ["active", "inactive", "defunct", "temporarily closed"];
/// HSDS `location.location_type` and `address.address_type`.
pub const PLACE_TYPES: [&str; 3] = ["physical", "postal", "virtual"];
/// HSDS `schedule.wkst`.
const WEEK_STARTS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// A value's expected format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Email,
    Uri,
    Date,
    DateTime,
}

/// Every enumeration and format of the service's own and nested fields.
pub(super) fn check_hsds(service: &Service, problems: &mut Problems) {
    check_enum("/status", &service.status, &STATUSES, problems);
    check_extras(
        &service.extra,
        "",
        &[
            ("email", Format::Email),
            ("assurer_email", Format::Email),
            ("url", Format::Uri),
            ("last_modified", Format::DateTime),
        ],
        problems,
    );
    if let Some(date) = &service.assured_date {
        check_format("/assured_date", date, Format::Date, problems);
    }
    if let Some(organization) = &service.organization {
        check_extras(
            &organization.extra,
            "/organization",
            &[
                ("email", Format::Email),
                ("website", Format::Uri),
                ("uri", Format::Uri),
            ],
            problems,
        );
    }
    for (i, contact) in service.contacts.iter().enumerate() {
        if let Some(email) = &contact.email {
            check_format(
                &format!("/contacts/{i}/email"),
                email,
                Format::Email,
                problems,
            );
        }
    }
    for (i, option) in service.cost_options.iter().enumerate() {
        check_extras(
            &option.extra,
            &format!("/cost_options/{i}"),
            &[("valid_from", Format::Date), ("valid_to", Format::Date)],
            problems,
        );
    }
    for (i, attribute) in service.attributes.iter().enumerate() {
        if let Some(term) = &attribute.taxonomy_term {
            check_extras(
                &term.extra,
                &format!("/attributes/{i}/taxonomy_term"),
                &[("term_uri", Format::Uri)],
                problems,
            );
        }
    }
    check_required_documents(service, problems);
    check_schedules(&service.schedules, "/schedules", problems);
    check_locations(service, problems);
}

fn check_required_documents(service: &Service, problems: &mut Problems) {
    let Some(Value::Array(documents)) = service.extra.get("required_documents") else {
        return;
    };
    for (i, document) in documents.iter().enumerate() {
        if let Value::Object(fields) = document {
            check_extras(
                fields,
                &format!("/required_documents/{i}"),
                &[("uri", Format::Uri)],
                problems,
            );
        }
    }
}

fn check_locations(service: &Service, problems: &mut Problems) {
    for (i, sal) in service.service_at_locations.iter().enumerate() {
        let at = format!("/service_at_locations/{i}");
        check_schedules(&sal.schedules, &format!("{at}/schedules"), problems);
        let Some(location) = &sal.location else {
            continue;
        };
        let at = format!("{at}/location");
        check_enum(
            &format!("{at}/location_type"),
            &location.location_type,
            &PLACE_TYPES,
            problems,
        );
        check_extras(&location.extra, &at, &[("url", Format::Uri)], problems);
        for (j, address) in location.addresses.iter().enumerate() {
            check_enum(
                &format!("{at}/addresses/{j}/address_type"),
                &address.address_type,
                &PLACE_TYPES,
                problems,
            );
        }
        for (j, accessibility) in location.accessibility.iter().enumerate() {
            check_extras(
                &accessibility.extra,
                &format!("{at}/accessibility/{j}"),
                &[("url", Format::Uri)],
                problems,
            );
        }
    }
}

fn check_schedules(schedules: &[Schedule], at: &str, problems: &mut Problems) {
    for (i, schedule) in schedules.iter().enumerate() {
        let at = format!("{at}/{i}");
        check_extras(
            &schedule.extra,
            &at,
            &[
                ("schedule_link", Format::Uri),
                ("valid_from", Format::Date),
                ("valid_to", Format::Date),
                ("dtstart", Format::Date),
                ("until", Format::Date),
            ],
            problems,
        );
        if let Some(Value::String(wkst)) = schedule.extra.get("wkst") {
            check_enum(&format!("{at}/wkst"), wkst, &WEEK_STARTS, problems);
        }
    }
}

/// The named extension fields (when present and not null) in their formats.
fn check_extras(
    fields: &serde_json::Map<String, Value>,
    at: &str,
    named: &[(&str, Format)],
    problems: &mut Problems,
) {
    for (name, format) in named {
        let path = format!("{at}/{name}");
        match fields.get(*name) {
            None | Some(Value::Null) => {}
            Some(Value::String(text)) => check_format(&path, text, *format, problems),
            Some(_) => problems.push(&path, "must be a string".to_owned()),
        }
    }
}

fn check_enum(path: &str, value: &str, allowed: &[&str], problems: &mut Problems) {
    if allowed.contains(&value) {
        return;
    }
    let folded = value.trim().to_lowercase().replace(['_', '-'], " ");
    let suggestion = allowed
        .iter()
        .find(|a| a.to_lowercase() == folded)
        .map(|a| format!("did you mean {a:?}?"))
        .or_else(|| Some(format!("one of {}", quoted(allowed))));
    problems.push_suggesting(
        path,
        format!("{value:?} is not one of the values HSDS allows"),
        suggestion,
    );
}

fn quoted(values: &[&str]) -> String {
    values
        .iter()
        .map(|v| format!("{v:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn check_format(path: &str, text: &str, format: Format, problems: &mut Problems) {
    let (valid, reason, suggestion) = match format {
        Format::Email => (
            is_email(text),
            "is not an e-mail address",
            "write it like name@example.org".to_owned(),
        ),
        Format::Uri => (
            is_web_uri(text),
            "is not a web address",
            uri_suggestion(text),
        ),
        Format::Date => (
            is_date(text),
            "is not a date",
            "write it as YYYY-MM-DD, such as 2025-01-31".to_owned(),
        ),
        Format::DateTime => (
            is_date_time(text),
            "is not a date and time",
            "write it as RFC 3339, such as 2025-01-31T09:00:00Z".to_owned(),
        ),
    };
    if !valid {
        problems.push_suggesting(path, format!("{text:?} {reason}"), Some(suggestion));
    }
}

fn uri_suggestion(text: &str) -> String {
    let trimmed = text.trim();
    let candidate = format!("https://{trimmed}");
    if !trimmed.contains("://") && is_web_uri(&candidate) {
        format!("did you mean {candidate:?}?")
    } else {
        "write it in full, such as https://example.org/page".to_owned()
    }
}

/// An absolute `http` or `https` address with a host and no characters a URI cannot hold.
pub fn is_web_uri(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
            && text.chars().all(|c| {
                c.is_ascii_graphic()
                    && !matches!(c, '<' | '>' | '"' | '\\' | '^' | '`' | '{' | '|' | '}')
            })
    })
}

/// An e-mail address (RFC 5321 dot-atom local part, a dotted domain).
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
    let domain_ok = domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    local_ok && domain_ok
}

/// RFC 3339 `full-date`: `2025-01-31`, a real day.
pub fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return false;
    };
    let number = |part: &str, len: usize| {
        (part.len() == len && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let (Some(year), Some(month), Some(day)) = (number(year, 4), number(month, 2), number(day, 2))
    else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// RFC 3339 `date-time`: `2025-01-31T09:00:00Z` or with an offset and optional fraction.
pub fn is_date_time(text: &str) -> bool {
    let Some((date, time)) = text.split_once(['T', 't']) else {
        return false;
    };
    is_date(date) && is_full_time(time)
}

/// `HH:MM:SS[.fraction]` then `Z` or `+HH:MM` / `-HH:MM`.
fn is_full_time(time: &str) -> bool {
    let two_digits = |part: Option<&str>, max: u32| {
        part.is_some_and(|p| {
            p.len() == 2
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u32>().is_ok_and(|n| n <= max)
        })
    };
    let clock = time.get(..8);
    let clock_ok = clock.is_some_and(|c| {
        let mut parts = c.split(':');
        two_digits(parts.next(), 23)
            && two_digits(parts.next(), 59)
            && two_digits(parts.next(), 60)
            && parts.next().is_none()
    });
    if !clock_ok {
        return false;
    }
    let mut rest = &time[8..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let end = fraction
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(fraction.len());
        if end == 0 {
            return false;
        }
        rest = &fraction[end..];
    }
    if matches!(rest, "Z" | "z") {
        return true;
    }
    let Some(offset) = rest.strip_prefix(['+', '-']) else {
        return false;
    };
    let mut parts = offset.split(':');
    two_digits(parts.next(), 23) && two_digits(parts.next(), 59) && parts.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_checked_like_the_schema() {
        assert!(is_web_uri("https://example.org/a?b=c"));
        assert!(!is_web_uri("example.org") && !is_web_uri("https://exa mple.org"));
        assert!(is_email("first.last+tag@example.co.uk"));
        assert!(!is_email("a@b") && !is_email("@b.org") && !is_email("a..b@c.org"));
        assert!(is_date("2024-02-29") && !is_date("2025-02-29") && !is_date("2025-13-01"));
        assert!(!is_date("31/01/2025") && !is_date("2025-1-31"));
        assert!(is_date_time("2025-01-31T09:00:00Z"));
        assert!(is_date_time("2025-01-31T09:00:00.123+01:00"));
        assert!(!is_date_time("2025-01-31") && !is_date_time("2025-01-31T09:00:00"));
        assert!(!is_date_time("2025-01-31T25:00:00Z") && !is_date_time("2025-01-31T09:00:00+0100"));
    }
}
