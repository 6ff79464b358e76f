//! The answer to `GET /api/v1/search` and `signpost search --json` (docs/api.md).

use std::collections::BTreeMap;

use serde::Serialize;
use signpost_app::{SearchOutput, SearchResult};
use signpost_domain::Service;
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
    /// True when not every word could be matched and services matching any word are shown.
    pub relaxed: bool,
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
    /// Why it matched, in words ("speaks Bengali", "2.1 miles from WS1 1AA").
    #[schema(value_type = Vec<String>)]
    pub why: &'a [String],
}

/// How many matching services (all pages) have each code.
#[derive(Debug, Serialize, ToSchema)]
pub struct Facets {
    pub languages: BTreeMap<String, usize>,
    pub categories: BTreeMap<String, usize>,
    pub faiths: BTreeMap<String, usize>,
}

impl<'a> From<&'a SearchOutput> for SearchAnswer<'a> {
    fn from(output: &'a SearchOutput) -> SearchAnswer<'a> {
        SearchAnswer {
            query: ParsedQuery::from(&output.query),
            total: output.total,
            page: output.page,
            per_page: output.per_page,
            results: output.results.iter().map(SearchHit::from).collect(),
            facets: Facets {
                languages: output.facets.languages.clone(),
                categories: output.facets.categories.clone(),
                faiths: output.facets.faiths.clone(),
            },
            radius_m: output.radius_m,
            relaxed: output.relaxed,
        }
    }
}

impl<'a> From<&'a SearchResult> for SearchHit<'a> {
    fn from(result: &'a SearchResult) -> SearchHit<'a> {
        SearchHit {
            service: &result.service,
            distance_m: result.distance_m,
            score: result.score,
            why: &result.why,
        }
    }
}
