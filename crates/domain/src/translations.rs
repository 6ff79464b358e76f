//! A service's name and description in other languages (docs/formats.md, "Names and descriptions
//! in other languages"). HSDS 3.0 has no translation fields, so each translation is an entry of
//! `service.attributes` with taxonomy `signpost-translation`, a code `name:<ISO 639-3>` or
//! `description:<ISO 639-3>`, and the text as the attribute's standard `value`.

use crate::facets::taxonomy;
use crate::hsds::{Attribute, Service};
use crate::vocab;

/// Which text of the record a translation gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TranslatedField {
    Name,
    Description,
}

impl TranslatedField {
    pub fn key(self) -> &'static str {
        match self {
            TranslatedField::Name => "name",
            TranslatedField::Description => "description",
        }
    }
}

/// One translation of a record: what it translates, into which language, and the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Translation<'a> {
    pub field: TranslatedField,
    /// ISO 639-3 code.
    pub language: &'a str,
    pub text: &'a str,
}

/// Reads a `signpost-translation` code: `name:cym` is the name in Welsh. `None` when the code
/// has another shape (the language is not checked here: see [`crate::validate`]).
pub fn parse_code(code: &str) -> Option<(TranslatedField, &str)> {
    let (field, language) = code.split_once(':')?;
    let field = match field {
        "name" => TranslatedField::Name,
        "description" => TranslatedField::Description,
        _ => return None,
    };
    (!language.is_empty()).then_some((field, language))
}

/// The text of an attribute: its standard HSDS `value`, when a string.
pub fn attribute_value(attribute: &Attribute) -> Option<&str> {
    attribute.extra.get("value")?.as_str()
}

fn translation(attribute: &Attribute) -> Option<Translation<'_>> {
    let term = attribute.taxonomy_term.as_ref()?;
    if term.taxonomy.as_deref() != Some(taxonomy::TRANSLATION) {
        return None;
    }
    let (field, language) = parse_code(term.code.as_deref()?)?;
    let text = attribute_value(attribute)?.trim();
    (!text.is_empty()).then_some(Translation {
        field,
        language,
        text,
    })
}

impl Service {
    /// Every translation the record carries, in record order.
    pub fn translations(&self) -> Vec<Translation<'_>> {
        self.attributes.iter().filter_map(translation).collect()
    }

    /// The record's own text of `field` in `language` (ISO 639-3, or 639-1), when it has one.
    pub fn translated(&self, field: TranslatedField, language: &str) -> Option<&str> {
        let code = vocab::normalise_language_code(language)?;
        self.attributes
            .iter()
            .filter_map(translation)
            .find(|t| t.field == field && t.language == code)
            .map(|t| t.text)
    }

    /// The name in `language` (ISO 639-3, or 639-1) when the record has it, else its own name.
    pub fn name_in(&self, language: &str) -> &str {
        self.translated(TranslatedField::Name, language)
            .unwrap_or(&self.name)
    }

    /// The description in `language` when the record has it, else its own description.
    pub fn description_in(&self, language: &str) -> Option<&str> {
        self.translated(TranslatedField::Description, language)
            .or(self.description.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bilingual() -> Service {
        serde_json::from_value(serde_json::json!({
            "id": "s1", "name": "Mental health support", "description": "Talking therapies.",
            "attributes": [
                {"id": "t1", "value": "Cymorth iechyd meddwl",
                 "taxonomy_term": {"id": "signpost-translation:name:cym", "code": "name:cym",
                                   "name": "Name in Welsh", "taxonomy": "signpost-translation"}},
                {"id": "t2", "value": "  ",
                 "taxonomy_term": {"id": "signpost-translation:description:cym", "code": "description:cym",
                                   "name": "Description in Welsh", "taxonomy": "signpost-translation"}},
                {"id": "t3", "value": "ذہنی صحت",
                 "taxonomy_term": {"id": "signpost-translation:name:urd", "code": "name:urd",
                                   "name": "Name in Urdu", "taxonomy": "signpost-translation"}},
                {"id": "t4", "value": "not a translation",
                 "taxonomy_term": {"id": "other:name:cym", "code": "name:cym", "name": "x", "taxonomy": "other"}}
            ]
        }))
        .expect("valid sample")
    }

    #[test]
    fn the_name_in_a_language_the_record_has_is_its_translation() {
        let s = bilingual();
        assert_eq!(s.name_in("cym"), "Cymorth iechyd meddwl");
        assert_eq!(
            s.name_in("cy"),
            "Cymorth iechyd meddwl",
            "ISO 639-1 accepted"
        );
        assert_eq!(s.name_in("urd"), "ذہنی صحت");
    }

    #[test]
    fn a_missing_or_blank_translation_falls_back_to_the_records_own_text() {
        let s = bilingual();
        assert_eq!(s.name_in("pol"), "Mental health support");
        assert_eq!(s.name_in("not a language"), "Mental health support");
        assert_eq!(s.description_in("cym"), Some("Talking therapies."));
    }

    #[test]
    fn only_the_translation_taxonomy_counts() {
        let service = bilingual();
        let languages: Vec<(TranslatedField, &str)> = service
            .translations()
            .iter()
            .map(|t| (t.field, t.language))
            .collect();
        assert_eq!(
            languages,
            [
                (TranslatedField::Name, "cym"),
                (TranslatedField::Name, "urd")
            ]
        );
    }

    #[test]
    fn codes_name_a_field_and_a_language() {
        assert_eq!(parse_code("name:cym"), Some((TranslatedField::Name, "cym")));
        assert_eq!(
            parse_code("description:ben"),
            Some((TranslatedField::Description, "ben"))
        );
        assert_eq!(parse_code("title:cym"), None);
        assert_eq!(parse_code("name:"), None);
        assert_eq!(parse_code("name"), None);
    }
}
