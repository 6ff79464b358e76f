//! The answer to `GET /api/v1/search` and `signpost search --json` (docs/api.md).

use std::collections::BTreeMap;

use serde::Serialize;
use signpost_app::{SearchOutput, SearchResult, Suggestion};
use signpost_domain::{Service, TranslatedField};
use signpost_i18n::{Lang, reasons_text};
use utoipa::ToSchema;

use super::query::ParsedQuery;

/// One page of ranked results with the query as applied and facet counts.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchAnswer<'a> {
    /// The query as applied: the parse of `q` with the explicit parameters laid over it.
    pub query: ParsedQuery,
    /// Services matching in all (not just this page).
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub results: Vec<SearchHit<'a>>,
    pub facets: Facets,
    /// The radius applied around the place, when there is one (5 miles unless asked).
    pub radius_m: Option<f64>,
    /// The words of `q` that rank the results: lower-cased, less stop words, each once. They never
    /// filter unless the search has nothing else (no place and no filter).
    pub words: Vec<String>,
    /// True when the search has words and no service found matches every one of them.
    pub relaxed: bool,
    /// Present only when the search finds nothing: searches with one understood part taken out,
    /// or the radius widened, and how many services each finds (the ones the page offers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestions: Option<Vec<SearchSuggestion>>,
}

/// A search to try instead of one that found nothing.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchSuggestion {
    /// What it leaves out: an understood part as its chip shows it ("within 1 mile", "speaks
    /// Bengali"), or, for a wider area, the radius it widens.
    pub drop: String,
    /// How the page offers it ("Search a wider area: within 10.0 miles").
    pub label: String,
    /// The search to try, as text for `q`.
    pub query: String,
    /// How many services it finds.
    pub total: usize,
}

impl From<&Suggestion> for SearchSuggestion {
    fn from(suggestion: &Suggestion) -> SearchSuggestion {
        SearchSuggestion {
            drop: suggestion.drop.clone(),
            label: suggestion.label.clone(),
            query: suggestion.text(),
            total: suggestion.total,
        }
    }
}

/// One ranked service and why it matched.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHit<'a> {
    /// The full HSDS 3.0 service record.
    #[schema(value_type = Object)]
    pub service: &'a Service,
    /// Metres from the place to the nearest location (0 inside a service area); null without a place.
    pub distance_m: Option<f64>,
    pub score: f64,
    /// Why it matched, in words of the interface language ("speaks Bengali", "2.1 miles from
    /// WS1 1AA"; English unless `ui` or `Accept-Language` asks for another).
    pub why: Vec<String>,
    /// The search's `words` this service does not match (services matching more words come
    /// first); empty when it matches them all.
    #[schema(value_type = Vec<String>)]
    pub unmatched_words: &'a [String],
    /// The date a person last checked the record (its `assured_date`, else the date it was last
    /// written); null when unknown.
    pub checked: Option<String>,
    /// True when `checked` is longer ago than the server's `--stale-after` (12 months unless set).
    pub stale: bool,
    /// The name and description in the interface language (`ui`, then `Accept-Language`), when
    /// the record gives them in it (docs/formats.md); `service` keeps the record's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translation: Option<ShownTranslation<'a>>,
}

/// A service's name and description in one language other than the record's own.
#[derive(Debug, Serialize, ToSchema)]
pub struct ShownTranslation<'a> {
    /// The language, ISO 639-3 (`cym` for Welsh).
    pub lang: &'static str,
    /// The name in that language, or the record's own name when only the description is given.
    pub name: &'a str,
    /// The description in that language, or the record's own.
    pub description: Option<&'a str>,
}

impl<'a> ShownTranslation<'a> {
    /// The service's text in `language` (ISO 639-3), when it has a name or description in it.
    pub fn of(service: &'a Service, language: &'static str) -> Option<ShownTranslation<'a>> {
        let has_any = [TranslatedField::Name, TranslatedField::Description]
            .into_iter()
            .any(|field| service.translated(field, language).is_some());
        has_any.then(|| ShownTranslation {
            lang: language,
            name: service.name_in(language),
            description: service.description_in(language),
        })
    }
}

impl<'a> SearchAnswer<'a> {
    /// The answer with each hit's [`SearchHit::translation`] in `language` (ISO 639-3).
    pub fn in_language(mut self, language: &'static str) -> SearchAnswer<'a> {
        for hit in &mut self.results {
            hit.translation = ShownTranslation::of(hit.service, language);
        }
        self
    }
}

/// How many matching services (all pages) have each code.
#[derive(Debug, Serialize, ToSchema)]
pub struct Facets {
    pub languages: BTreeMap<String, usize>,
    pub categories: BTreeMap<String, usize>,
    pub faiths: BTreeMap<String, usize>,
}

impl<'a> From<&'a SearchOutput> for SearchAnswer<'a> {
    /// The answer with its reasons in English.
    fn from(output: &'a SearchOutput) -> SearchAnswer<'a> {
        SearchAnswer::in_ui(output, Lang::En)
    }
}

impl<'a> SearchAnswer<'a> {
    /// The answer with each hit's reasons in the interface language `lang`.
    pub fn in_ui(output: &'a SearchOutput, lang: Lang) -> SearchAnswer<'a> {
        SearchAnswer {
            query: ParsedQuery::from(&output.query),
            total: output.total,
            page: output.page,
            per_page: output.per_page,
            results: output
                .results
                .iter()
                .map(|result| SearchHit::in_ui(result, lang))
                .collect(),
            facets: Facets {
                languages: output.facets.languages.clone(),
                categories: output.facets.categories.clone(),
                faiths: output.facets.faiths.clone(),
            },
            radius_m: output.radius_m,
            words: output.words.clone(),
            relaxed: output.relaxed,
            suggestions: (output.total == 0).then(|| {
                output
                    .suggestions
                    .iter()
                    .map(SearchSuggestion::from)
                    .collect()
            }),
        }
    }
}

impl<'a> SearchHit<'a> {
    /// The hit with its reasons in the interface language `lang`.
    fn in_ui(result: &'a SearchResult, lang: Lang) -> SearchHit<'a> {
        SearchHit {
            service: &result.service,
            distance_m: result.distance_m,
            score: result.score,
            why: reasons_text(lang, &result.why),
            unmatched_words: &result.unmatched_words,
            checked: result
                .freshness
                .checked
                .map(|date| date.format("%Y-%m-%d").to_string()),
            stale: result.freshness.stale,
            translation: None,
        }
    }
}
