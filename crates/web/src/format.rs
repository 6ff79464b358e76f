//! Words for a service's facts: opening times, contacts, addresses, dates.

use chrono::Datelike;
use signpost_domain::{Schedule, Service};

use crate::ui::{t, t_with};

/// RFC 5545 day codes and the catalogue keys of their short names.
const DAYS: [(&str, &str); 7] = [
    ("MO", "format-day-mo"),
    ("TU", "format-day-tu"),
    ("WE", "format-day-we"),
    ("TH", "format-day-th"),
    ("FR", "format-day-fr"),
    ("SA", "format-day-sa"),
    ("SU", "format-day-su"),
];

/// The catalogue keys of the months' names, January first.
const MONTHS: [&str; 12] = [
    "format-month-1",
    "format-month-2",
    "format-month-3",
    "format-month-4",
    "format-month-5",
    "format-month-6",
    "format-month-7",
    "format-month-8",
    "format-month-9",
    "format-month-10",
    "format-month-11",
    "format-month-12",
];

/// One line per schedule: its own description when it has one, else "Mon, Wed 18:00 to 20:30".
pub fn opening_times(service: &Service) -> Vec<String> {
    service.all_schedules().filter_map(schedule_line).collect()
}

fn schedule_line(schedule: &Schedule) -> Option<String> {
    if let Some(description) = schedule
        .description
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        return Some(description.trim().to_owned());
    }
    let days: Vec<String> = schedule
        .byday
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .filter_map(|code| {
            DAYS.iter()
                .find(|(c, _)| *c == code.trim())
                .map(|(_, key)| t(key))
        })
        .collect();
    let hours = match (schedule.opens_at.as_deref(), schedule.closes_at.as_deref()) {
        (Some(opens), Some(closes)) => t_with(
            "format-hours",
            &[("opens", opens.into()), ("closes", closes.into())],
        ),
        (Some(opens), None) => t_with("format-hours-from", &[("opens", opens.into())]),
        (None, Some(closes)) => t_with("format-hours-until", &[("closes", closes.into())]),
        (None, None) => String::new(),
    };
    let line = format!("{} {hours}", days.join(", "));
    let line = line.trim();
    (!line.is_empty()).then(|| line.to_owned())
}

/// Phone numbers, then email addresses (the service's own, then its contacts'), without repeats.
pub fn contacts(service: &Service) -> Vec<Contact> {
    let mut out: Vec<Contact> = service
        .phones
        .iter()
        .map(|p| Contact::Phone(p.number.clone()))
        .collect();
    let emails = service
        .extra
        .get("email")
        .and_then(|v| v.as_str())
        .into_iter()
        .chain(service.contacts.iter().filter_map(|c| c.email.as_deref()));
    for email in emails {
        let contact = Contact::Email(email.to_owned());
        if !out.contains(&contact) {
            out.push(contact);
        }
    }
    out
}

/// A way to get in touch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contact {
    Phone(String),
    Email(String),
}

impl Contact {
    pub fn text(&self) -> &str {
        match self {
            Contact::Phone(number) | Contact::Email(number) => number,
        }
    }

    /// A `tel:` or `mailto:` link.
    pub fn href(&self) -> String {
        match self {
            Contact::Phone(number) => format!("tel:{}", number.replace(' ', "")),
            Contact::Email(address) => format!("mailto:{address}"),
        }
    }
}

/// Each location's address on one line.
pub fn addresses(service: &Service) -> Vec<String> {
    service
        .service_at_locations
        .iter()
        .filter_map(|sal| sal.location.as_ref())
        .flat_map(|location| location.addresses.iter().map(move |a| (location, a)))
        .map(|(location, address)| {
            [
                location.name.as_deref().unwrap_or_default(),
                address.address_1.as_str(),
                address.city.as_str(),
                address.postal_code.as_str(),
            ]
            .into_iter()
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
        })
        .filter(|line| !line.is_empty())
        .collect()
}

/// "26 April 2026" (in the page's language) for an ISO date; the text as given when it is not one.
pub fn long_date(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso.get(..10).unwrap_or(iso), "%Y-%m-%d")
        .map(|date| {
            let month = MONTHS
                .get(date.month0() as usize)
                .map_or(String::new(), |key| t(key));
            t_with(
                "format-date",
                &[
                    ("day", date.day().into()),
                    ("month", month.into()),
                    ("year", i64::from(date.year()).into()),
                ],
            )
        })
        .unwrap_or_else(|_| iso.to_owned())
}

/// Who the record came from, and under what licence.
pub fn source_line(service: &Service) -> Option<String> {
    let provenance = service.provenance.as_ref()?;
    let mut line = t_with(
        "format-source",
        &[("source", provenance.source.as_str().into())],
    );
    if let Some(attribution) = provenance.attribution.as_deref().filter(|a| !a.is_empty()) {
        line.push_str(&format!(" ({attribution})"));
    }
    if let Some(licence) = provenance.licence.as_deref().filter(|l| !l.is_empty()) {
        line.push_str(&t_with("format-licence", &[("licence", licence.into())]));
    }
    Some(line)
}

/// Whether the record is fictional demonstration data.
pub fn is_demonstration(service: &Service) -> bool {
    service.provenance.as_ref().is_some_and(|p| p.demonstration)
}

/// Who the service is for, in words: gender and ages.
pub fn eligibility_summary(service: &Service) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(gender) = service.gender() {
        parts.push(match gender {
            signpost_domain::Gender::Female => t("format-women-only"),
            signpost_domain::Gender::Male => t("format-men-only"),
        });
    }
    match (service.minimum_age, service.maximum_age) {
        (Some(min), Some(max)) => parts.push(t_with(
            "format-ages",
            &[("min", min.into()), ("max", max.into())],
        )),
        (Some(min), None) => parts.push(t_with("format-aged-over", &[("min", min.into())])),
        (None, Some(max)) => parts.push(t_with("format-aged-up-to", &[("max", max.into())])),
        (None, None) => {}
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(json: serde_json::Value) -> Service {
        serde_json::from_value(json).expect("service")
    }

    #[test]
    fn schedules_read_as_days_and_hours_unless_described() {
        let s = service(serde_json::json!({"id": "s", "name": "n", "schedules": [
            {"id": "a", "freq": "WEEKLY", "byday": "MO,WE", "opens_at": "18:00", "closes_at": "20:30"},
            {"id": "b", "freq": "WEEKLY", "byday": "SA", "opens_at": "10:00", "closes_at": "13:00", "description": "Saturday mornings"},
            {"id": "c"}
        ]}));
        assert_eq!(
            opening_times(&s),
            vec!["Mon, Wed 18:00 to 20:30", "Saturday mornings"]
        );
    }

    #[test]
    fn contacts_list_phones_then_unique_emails() {
        let s = service(
            serde_json::json!({"id": "s", "name": "n", "email": "a@example.org",
            "phones": [{"id": "p", "number": "0121 496 0100"}],
            "contacts": [{"id": "c", "email": "a@example.org"}, {"id": "d", "email": "b@example.org"}]}),
        );
        let contacts = contacts(&s);
        assert_eq!(
            contacts.iter().map(Contact::text).collect::<Vec<_>>(),
            ["0121 496 0100", "a@example.org", "b@example.org"]
        );
        assert_eq!(contacts[0].href(), "tel:01214960100");
        assert_eq!(contacts[1].href(), "mailto:a@example.org");
    }

    #[test]
    fn dates_and_eligibility_in_words() {
        assert_eq!(long_date("2026-04-26"), "26 April 2026");
        assert_eq!(long_date("soon"), "soon");
        let s = service(
            serde_json::json!({"id": "s", "name": "n", "minimum_age": 18,
            "attributes": [{"id": "g", "taxonomy_term": {"id": "t", "code": "female", "name": "Women", "description": "", "taxonomy": "signpost-gender"}}]}),
        );
        assert_eq!(
            eligibility_summary(&s).as_deref(),
            Some("women only, aged 18 or over")
        );
    }
}
