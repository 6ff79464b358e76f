//! What of a service tells whether it is another listing of the same service, in comparable form.

use serde_json::Value;
use signpost_domain::Service;
use signpost_geo::Point;

use crate::normalise::{email_key, name_tokens, phone_key, postcode_key, web_key};
use crate::reason::Registry;

/// A service's comparable signals; build with [`Profile::of`].
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub id: String,
    /// The name's words ([`name_tokens`]).
    pub tokens: Vec<String>,
    /// The organisation's registrations: (register, number).
    pub registrations: Vec<(Registry, String)>,
    /// Postcodes of its locations, upper case without spaces.
    pub postcodes: Vec<String>,
    pub points: Vec<Point>,
    /// Phone numbers as national digits.
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    /// Web addresses as host and path.
    pub webs: Vec<String>,
}

impl Profile {
    /// The signals of one service: its own phones, e-mail addresses (the service's and its
    /// contacts') and web address, its locations, and its organisation's registrations. The
    /// organisation's own phone, e-mail and web address are left out: every service of the
    /// organisation shares them.
    pub fn of(service: &Service) -> Profile {
        Profile {
            id: service.id.clone(),
            tokens: name_tokens(&service.name),
            registrations: registrations(service),
            postcodes: postcodes(service),
            points: service
                .points()
                .into_iter()
                .map(|p| Point::new(p.lat, p.lon))
                .filter(|p| p.is_valid())
                .collect(),
            phones: distinct(service.phones.iter().filter_map(|p| phone_key(&p.number))),
            emails: distinct(
                text_field(&service.extra, "email")
                    .into_iter()
                    .chain(service.contacts.iter().filter_map(|c| c.email.as_deref()))
                    .filter_map(email_key),
            ),
            webs: distinct(
                text_field(&service.extra, "url")
                    .into_iter()
                    .filter_map(web_key),
            ),
        }
    }
}

fn text_field<'a>(extra: &'a signpost_domain::Extra, key: &str) -> Option<&'a str> {
    extra.get(key).and_then(Value::as_str)
}

fn distinct(values: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = values.collect();
    out.sort();
    out.dedup();
    out
}

fn postcodes(service: &Service) -> Vec<String> {
    distinct(
        service
            .service_at_locations
            .iter()
            .filter_map(|sal| sal.location.as_ref())
            .flat_map(|l| l.addresses.iter())
            .filter_map(|a| postcode_key(&a.postal_code)),
    )
}

/// The organisation's charity and company numbers: HSDS 3.0 `organization_identifiers`
/// (scheme `GB-CHC`, `GB-SC`, `GB-NIC` or a type naming a charity; `GB-COH` or a type naming a
/// company), or plain `charity_number` / `company_number` fields.
fn registrations(service: &Service) -> Vec<(Registry, String)> {
    let Some(organization) = &service.organization else {
        return Vec::new();
    };
    let extra = &organization.extra;
    let identifiers = extra
        .get("organization_identifiers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(identifier_registration);
    let plain = [
        (Registry::Charity, "charity_number"),
        (Registry::Company, "company_number"),
    ]
    .into_iter()
    .filter_map(|(registry, key)| Some((registry, number_text(extra.get(key)?)?)));
    let mut all: Vec<(Registry, String)> = identifiers.chain(plain).collect();
    all.sort();
    all.dedup();
    all
}

fn identifier_registration(identifier: &Value) -> Option<(Registry, String)> {
    let field = |key: &str| {
        identifier
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_lowercase()
    };
    let (scheme, kind) = (field("identifier_scheme"), field("identifier_type"));
    let number = number_text(identifier.get("identifier")?)?;
    if ["gb-chc", "gb-sc", "gb-nic"].contains(&scheme.as_str()) || kind.contains("charity") {
        Some((Registry::Charity, number))
    } else if scheme == "gb-coh" || kind.contains("company") {
        Some((Registry::Company, number))
    } else {
        None
    }
}

/// A registration number as text without spaces, upper case (`sc012345` → `SC012345`).
fn number_text(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let key: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    (!key.is_empty()).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn service(value: serde_json::Value) -> Service {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn registrations_come_from_identifiers_or_plain_fields() {
        let s = service(json!({
            "id": "1", "name": "x",
            "organization": {"id": "o", "name": "O",
                "organization_identifiers": [
                    {"id": "i", "identifier_scheme": "GB-CHC", "identifier_type": "Charity Number", "identifier": "1101234"},
                    {"id": "j", "identifier_scheme": "GB-COH", "identifier_type": "", "identifier": "0123 4567"},
                    {"id": "k", "identifier_scheme": "XX", "identifier_type": "VAT", "identifier": "9"}
                ],
                "charity_number": 1101234}
        }));
        assert_eq!(
            Profile::of(&s).registrations,
            vec![
                (Registry::Charity, "1101234".to_owned()),
                (Registry::Company, "01234567".to_owned())
            ]
        );
    }

    #[test]
    fn contact_signals_are_the_services_own() {
        let s = service(json!({
            "id": "1", "name": "The Food Bank", "email": "Food@Example.org", "url": "https://www.example.org/food/",
            "phones": [{"id": "p", "number": "+44 121 496 0103"}],
            "contacts": [{"id": "c", "email": "food@example.org"}],
            "organization": {"id": "o", "name": "O", "email": "office@example.org"},
            "service_at_locations": [{"id": "s", "location": {"id": "l", "latitude": 52.5, "longitude": -1.9,
                "addresses": [{"id": "a", "postal_code": "ws1 1aa"}]}}]
        }));
        let p = Profile::of(&s);
        assert_eq!(p.tokens, ["food", "bank"]);
        assert_eq!(p.emails, ["food@example.org"]);
        assert_eq!(p.webs, ["example.org/food"]);
        assert_eq!(p.phones, ["01214960103"]);
        assert_eq!(p.postcodes, ["WS11AA"]);
        assert_eq!(p.points, [Point::new(52.5, -1.9)]);
    }
}
