//! The Open Referral UK view of Signpost's records: what the ORUK 3.0 schemas require that
//! Signpost's own records do not always carry.
//!
//! - A record's ids (a service's, and those of its organisation, locations and other children) are
//!   served as they were given at import or write, so every id a listing shows answers at its
//!   `{id}` operation (docs/oruk.md, "Ids"). ORUK 3.0 asks for UUIDs: a directory meant for ORUK
//!   clients gives its records UUIDs.
//! - Taxonomy and taxonomy term ids are Signpost's vocabulary keys (`signpost-category:mentoring`):
//!   those that are not UUIDs are shown as a name-based UUID (v5) of themselves, stable across
//!   calls and servers; the `{id}` operations and filters accept either form.
//! - An organisation always has a `description` (empty when the record has none).
//! - Values the schemas give a `format` (`url`, `email`, ...) are left out when they do not have it,
//!   rather than sending a record no ORUK client will accept.

use serde_json::{Map, Value};
use signpost_domain::TaxonomyTerm;
use signpost_domain::facets::taxonomy;
use signpost_domain::validate::{is_date_time, is_email, is_web_uri};
use uuid::Uuid;

/// The namespace of the name-based UUIDs of Signpost's own ids.
const NAMESPACE: Uuid = Uuid::from_u128(0x5d1c_7e8e_2a57_4b7e_9c0b_1f3e_6a2d_4c10);

/// The id as ORUK shows it: itself when it is a UUID, else its name-based UUID.
pub fn oruk_id(id: &str) -> String {
    match Uuid::parse_str(id) {
        Ok(uuid) if id.len() == 36 => uuid.hyphenated().to_string(),
        _ => Uuid::new_v5(&NAMESPACE, id.as_bytes())
            .hyphenated()
            .to_string(),
    }
}

/// Whether `presented` (from a URL) names the record whose own id is `own`.
pub fn names(presented: &str, own: &str) -> bool {
    presented == own || presented.eq_ignore_ascii_case(&oruk_id(own))
}

/// A record (service, taxonomy, term) rewritten for the ORUK schemas.
pub fn to_oruk(mut record: Value) -> Value {
    rewrite(&mut record, Within::Record);
    record
}

/// A taxonomy term rewritten for the ORUK schemas.
fn term_to_oruk(mut term: Value) -> Value {
    rewrite(&mut term, Within::Term);
    term
}

/// Where a value sits: in a taxonomy term (whose ids are vocabulary keys) or elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Within {
    Record,
    Term,
}

fn rewrite(value: &mut Value, within: Within) {
    match value {
        Value::Object(object) => rewrite_object(object, within),
        Value::Array(items) => items.iter_mut().for_each(|item| rewrite(item, within)),
        _ => {}
    }
}

fn rewrite_object(object: &mut Map<String, Value>, within: Within) {
    object.retain(|key, value| has_its_format(key, value));
    for (key, value) in object.iter_mut() {
        if is_vocabulary_id(key, within) {
            if let Value::String(id) = value {
                *id = oruk_id(id);
            }
        } else if key == "organization" {
            if let Value::Object(organization) = value {
                organization
                    .entry("description")
                    .or_insert_with(|| Value::String(String::new()));
            }
            rewrite(value, Within::Record);
        } else if key == "taxonomy_term" {
            rewrite(value, Within::Term);
        } else {
            rewrite(value, within);
        }
    }
}

/// Whether the key holds the id of a taxonomy or taxonomy term.
fn is_vocabulary_id(key: &str, within: Within) -> bool {
    matches!(key, "taxonomy_term_id" | "taxonomy_id")
        || (within == Within::Term && matches!(key, "id" | "parent_id"))
}

/// False for a value of a field the schemas give a format, when it does not have that format.
fn has_its_format(key: &str, value: &Value) -> bool {
    let Value::String(text) = value else {
        return true;
    };
    match key {
        "url" | "website" | "uri" | "term_uri" | "schedule_link" | "profile" => is_web_uri(text),
        "email" | "assurer_email" => is_email(text),
        "last_modified" => is_date_time(text),
        _ => true,
    }
}

/// One of Signpost's own taxonomies, with the words ORUK clients show for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Taxonomy {
    pub id: &'static str,
    pub name: &'static str,
    pub description: &'static str,
}

/// Signpost's taxonomies (docs/formats.md).
pub const TAXONOMIES: [Taxonomy; 4] = [
    Taxonomy {
        id: taxonomy::CATEGORY,
        name: "Signpost categories",
        description: "What a service does, in the words probation practitioners use.",
    },
    Taxonomy {
        id: taxonomy::FAITH,
        name: "Signpost faiths",
        description: "The faith a service is run by or for, aligned with the Census 2021 religion categories.",
    },
    Taxonomy {
        id: taxonomy::GENDER,
        name: "Signpost gender",
        description: "Who a service is for, when it is only for women or only for men.",
    },
    Taxonomy {
        id: taxonomy::COST,
        name: "Signpost cost",
        description: "Whether a service is free of charge.",
    },
];

/// The ORUK `taxonomy` object for a taxonomy named in the directory's terms.
pub fn taxonomy_json(taxonomy_id: &str) -> Value {
    let known = TAXONOMIES.iter().find(|t| t.id == taxonomy_id);
    serde_json::json!({
        "id": oruk_id(taxonomy_id),
        "name": known.map_or(taxonomy_id, |t| t.name),
        "description": known.map_or("", |t| t.description),
    })
}

/// The ORUK `taxonomy_term` object of a term the directory uses.
pub fn term_json(term: &TaxonomyTerm) -> Value {
    let mut json = serde_json::to_value(term).unwrap_or(Value::Null);
    if let (Value::Object(object), Some(taxonomy)) = (&mut json, &term.taxonomy) {
        object.insert("taxonomy_id".to_owned(), Value::String(taxonomy.clone()));
        if let Some(code) = &term.code {
            object
                .entry("term")
                .or_insert_with(|| Value::String(code.clone()));
        }
    }
    term_to_oruk(json)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ids_become_stable_uuids_and_uuids_stay() {
        let uuid = "940eee3c-ba6f-475c-ae84-496e7857dd86";
        assert_eq!(oruk_id(uuid), uuid);
        let made = oruk_id("signpost-category:mentoring");
        assert_eq!(made, oruk_id("signpost-category:mentoring"));
        assert!(Uuid::parse_str(&made).is_ok());
        assert_ne!(made, oruk_id("signpost-category:employment"));
        assert!(names(&made, "signpost-category:mentoring"));
        assert!(names(
            "signpost-category:mentoring",
            "signpost-category:mentoring"
        ));
        assert!(!names(&made, "signpost-category:employment"));
    }

    #[test]
    fn record_ids_stay_as_given_and_vocabulary_ids_become_uuids() {
        let record = json!({
            "id": "s1", "name": "n", "url": "not a url", "email": "a@b.org",
            "organization": {"id": "o1", "name": "Org"},
            "attributes": [{"id": "a1", "taxonomy_term": {"id": "signpost-faith:sikh", "taxonomy_id": "t"}}],
            "contacts": [{"id": "c1", "email": "nobody"}]
        });
        let oruk = to_oruk(record);
        assert_eq!(oruk["id"], json!("s1"));
        assert_eq!(oruk["organization"]["id"], json!("o1"));
        assert_eq!(oruk["attributes"][0]["id"], json!("a1"));
        assert_eq!(oruk["contacts"][0]["id"], json!("c1"));
        assert!(oruk.get("url").is_none());
        assert_eq!(oruk["email"], json!("a@b.org"));
        assert_eq!(oruk["organization"]["description"], json!(""));
        assert_eq!(
            oruk["attributes"][0]["taxonomy_term"]["id"],
            json!(oruk_id("signpost-faith:sikh"))
        );
        assert_eq!(
            oruk["attributes"][0]["taxonomy_term"]["taxonomy_id"],
            json!(oruk_id("t"))
        );
        assert!(oruk["contacts"][0].get("email").is_none());
    }

    #[test]
    fn terms_name_their_taxonomy_by_uuid() {
        let term = TaxonomyTerm {
            id: "signpost-category:mentoring".into(),
            code: Some("mentoring".into()),
            name: "Mentoring".into(),
            description: String::new(),
            taxonomy: Some("signpost-category".into()),
            extra: Default::default(),
        };
        let json = term_json(&term);
        assert_eq!(json["id"], json!(oruk_id("signpost-category:mentoring")));
        assert_eq!(json["taxonomy_id"], json!(oruk_id("signpost-category")));
        assert_eq!(json["term"], json!("mentoring"));
        assert_eq!(
            taxonomy_json("signpost-category")["name"],
            json!("Signpost categories")
        );
        assert_eq!(taxonomy_json("other")["name"], json!("other"));
    }
}
