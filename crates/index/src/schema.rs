//! The index schema and how a service becomes a document.

use signpost_domain::{Service, vocab};
use tantivy::TantivyDocument;
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::analysis::{self, EXACT, FOLDED, STEMMED, TRANSLATED};
use crate::error::IndexError;
use crate::script;

pub(crate) const ORD: &str = "ord";

/// The fields of the schema, looked up once.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    pub id: Field,
    pub ord: Field,
    pub name: Field,
    pub body: Field,
    pub folded: Field,
    pub translated: Field,
    pub words: Field,
    pub language: Field,
    pub category: Field,
    pub faith: Field,
    pub gender: Field,
    pub free: Field,
    pub record: Field,
    pub document: Field,
}

fn text(analyser: &str, record: IndexRecordOption, fieldnorms: bool) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyser)
            .set_index_option(record)
            .set_fieldnorms(fieldnorms),
    )
}

pub(crate) fn build() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let fields = Fields {
        id: builder.add_text_field("id", STRING),
        ord: builder.add_u64_field(ORD, FAST),
        name: builder.add_text_field("name", text(STEMMED, IndexRecordOption::WithFreqs, true)),
        body: builder.add_text_field("body", text(STEMMED, IndexRecordOption::WithFreqs, true)),
        folded: builder.add_text_field("folded", text(FOLDED, IndexRecordOption::Basic, false)),
        translated: builder.add_text_field(
            "translated",
            text(TRANSLATED, IndexRecordOption::WithFreqs, true),
        ),
        words: builder.add_text_field("words", text(EXACT, IndexRecordOption::Basic, false)),
        language: builder.add_text_field("language", STRING),
        category: builder.add_text_field("category", STRING),
        faith: builder.add_text_field("faith", STRING),
        gender: builder.add_text_field("gender", STRING),
        free: builder.add_bool_field("free", FAST),
        record: builder.add_bytes_field("record", STORED),
        document: builder.add_bytes_field("document", STORED),
    };
    (builder.build(), fields)
}

impl Fields {
    pub(crate) fn from_schema(schema: &Schema) -> Result<Fields, IndexError> {
        let field = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| IndexError::Open(format!("the index has no field {name:?}")))
        };
        Ok(Fields {
            id: field("id")?,
            ord: field(ORD)?,
            name: field("name")?,
            body: field("body")?,
            folded: field("folded")?,
            translated: field("translated")?,
            words: field("words")?,
            language: field("language")?,
            category: field("category")?,
            faith: field("faith")?,
            gender: field("gender")?,
            free: field("free")?,
            record: field("record")?,
            document: field("document")?,
        })
    }
}

/// The searchable body: description, organisation, eligibility, and each category's name and
/// synonyms.
fn body_text(service: &Service) -> String {
    let mut parts: Vec<&str> = Vec::new();
    parts.extend(service.description.as_deref());
    parts.extend(service.organization_name());
    parts.extend(service.eligibility_description.as_deref());
    for code in service.category_codes() {
        if let Some(category) = vocab::category(code) {
            parts.push(category.name);
            parts.extend(category.synonyms.iter().copied());
        }
    }
    parts.join("\n")
}

/// Every name and description the record gives in another language, one a line.
fn translated_text(service: &Service) -> String {
    let texts: Vec<&str> = service.translations().iter().map(|t| t.text).collect();
    texts.join("\n")
}

/// A service ready for the index, with its exact §5 words (of name and description) worked out
/// once: the index needs them for its `words` field and the caller for what it stores beside the
/// document.
#[derive(Debug)]
pub struct Prepared<'s> {
    service: &'s Service,
    words: String,
}

impl<'s> Prepared<'s> {
    pub fn new(service: &'s Service) -> Prepared<'s> {
        let words = match service.description.as_deref() {
            Some(description) => {
                analysis::distinct_exact_words(&format!("{}\n{description}", service.name))
            }
            None => analysis::distinct_exact_words(&service.name),
        };
        Prepared { service, words }
    }

    pub fn service(&self) -> &'s Service {
        self.service
    }

    /// The distinct §5 words of the name and description, sorted, one space between each.
    pub fn words(&self) -> &str {
        &self.words
    }
}

pub(crate) fn document(
    fields: &Fields,
    ord: u32,
    prepared: &Prepared,
    stored: Stored,
) -> TantivyDocument {
    let service = prepared.service;
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, &service.id);
    doc.add_u64(fields.ord, u64::from(ord));
    let name = script::normalise(&service.name);
    let body = body_text(service);
    let body = script::normalise(&body);
    doc.add_text(fields.name, &name);
    doc.add_text(fields.folded, &name);
    doc.add_text(fields.folded, &body);
    doc.add_text(fields.body, &body);
    let translated = translated_text(service);
    if !translated.is_empty() {
        doc.add_text(fields.translated, script::normalise(&translated));
    }
    doc.add_text(fields.words, &prepared.words);
    for code in service.language_codes() {
        doc.add_text(fields.language, code);
    }
    for code in service.category_codes() {
        doc.add_text(fields.category, code);
    }
    for code in service.faith_codes() {
        doc.add_text(fields.faith, code);
    }
    if let Some(gender) = service.gender() {
        doc.add_text(fields.gender, gender.code());
    }
    doc.add_bool(fields.free, service.is_free());
    doc.add_bytes(fields.record, stored.record);
    doc.add_bytes(fields.document, stored.document);
    doc
}

/// What a document keeps besides its indexed text, both opaque to the index: the caller's
/// `record` (handed back by [`crate::TextIndex::each_stored_record`]) and the `document` a search
/// serves (handed back by [`crate::TextIndex::documents`]).
#[derive(Debug, Clone, Copy)]
pub struct Stored<'a> {
    pub record: &'a [u8],
    pub document: &'a [u8],
}
