//! Search: the free text understood by the query parser, explicit parameters laid over it (as CLI
//! flags and API parameters are), the engine's ranked hits, and the page's records from the store.

use std::collections::HashMap;

use serde::Serialize;
use signpost_domain::Service;
use signpost_engine::{DateTime, Facets, NaiveTime, OpenAt, SearchRequest, Utc, Weekday};
use signpost_query::{Day, Near, Open, ParsedQuery};

use crate::code::Code;
use crate::directory::Directory;
use crate::error::{AppError, Result};
use crate::resolve;

/// The most characters of free text a query may have.
pub const MAX_QUERY_CHARS: usize = 500;

/// One search as asked: `q` plus explicit parameters that override what `q` says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchInput {
    pub q: String,
    /// A place name or postcode.
    pub near: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// "800m", "5km", "3mi"; a bare number is metres.
    pub radius: Option<String>,
    /// Language codes (comma-separated values accepted).
    pub languages: Vec<String>,
    pub categories: Vec<String>,
    pub faiths: Vec<String>,
    pub open_now: bool,
    /// 1-based; 0 is taken as 1.
    pub page: usize,
    /// Capped at the engine's maximum (100).
    pub per_page: usize,
}

/// One ranked result (interfaces.md §2).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResult {
    pub service: Service,
    pub distance_m: Option<f64>,
    pub score: f64,
    pub why: Vec<String>,
}

/// The answer to a search (interfaces.md §2, plus `radius_m` and `relaxed`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchOutput {
    /// The query as applied: the parse of `q` with the explicit parameters laid over it.
    pub query: ParsedQuery,
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub results: Vec<SearchResult>,
    pub facets: Facets,
    /// The radius applied around the place, when there is one (5 miles unless asked).
    pub radius_m: Option<f64>,
    /// True when not every word could be matched and services matching any word are shown.
    pub relaxed: bool,
}

impl Directory {
    /// How a free-text query is understood (interfaces.md §3). Never fails.
    pub fn parse(&self, q: &str) -> ParsedQuery {
        signpost_query::parse(q, self.places)
    }

    /// Runs a search at the present moment.
    pub async fn search(&self, input: &SearchInput) -> Result<SearchOutput> {
        self.search_at(input, Utc::now()).await
    }

    /// Runs a search with "open now" meaning `now`.
    pub async fn search_at(&self, input: &SearchInput, now: DateTime<Utc>) -> Result<SearchOutput> {
        let query = self.understand(input)?;
        let request = engine_request(&query, input, now);
        let answer = self.engine.search(&request, now)?;
        let ids: Vec<&str> = answer.hits.iter().map(|h| h.service_id.as_str()).collect();
        let mut by_id: HashMap<String, Service> = self
            .store
            .services_by_ids(&ids)
            .await?
            .into_iter()
            .map(|s| (s.id.clone(), s))
            .collect();
        let results = answer
            .hits
            .into_iter()
            .filter_map(|hit| {
                Some(SearchResult {
                    service: by_id.remove(&hit.service_id)?,
                    distance_m: hit.distance_m,
                    score: hit.score,
                    why: hit.why,
                })
            })
            .collect();
        Ok(SearchOutput {
            query,
            total: answer.total,
            page: answer.page,
            per_page: answer.per_page,
            results,
            facets: answer.facets,
            radius_m: answer.radius_m,
            relaxed: answer.relaxed,
        })
    }

    /// Runs a structured request as it is (no parsing), for listings such as the ORUK proximity
    /// filter: how many match in all, and this page's services in rank order.
    pub async fn find(&self, request: &SearchRequest) -> Result<(usize, Vec<Service>)> {
        let answer = self.engine.search(request, Utc::now())?;
        let ids: Vec<&str> = answer.hits.iter().map(|h| h.service_id.as_str()).collect();
        Ok((answer.total, self.store.services_by_ids(&ids).await?))
    }

    /// The parse of `q` with every explicit parameter checked and laid over it.
    pub fn understand(&self, input: &SearchInput) -> Result<ParsedQuery> {
        if input.q.chars().count() > MAX_QUERY_CHARS {
            return Err(AppError::rejected(
                Code::InvalidParameter,
                format!("q is longer than {MAX_QUERY_CHARS} characters"),
            ));
        }
        let parsed = self.parse(&input.q);
        let mut query = parsed.clone();
        if let Some(phrase) = &input.near {
            query.near = Some(Near::from(&resolve::place(self.places, phrase)?));
        }
        if let Some(point) = resolve::point(input.lat, input.lon)? {
            query.near = Some(Near::from(&point));
        }
        if let Some(radius) = &input.radius {
            query.radius_m = Some(resolve::radius(radius)?);
        }
        let languages = resolve::languages(&input.languages)?;
        if !languages.is_empty() {
            query.languages = languages;
        }
        let categories = resolve::categories(&input.categories)?;
        if !categories.is_empty() {
            query.categories = categories;
        }
        let faiths = resolve::faiths(&input.faiths)?;
        if !faiths.is_empty() {
            query.faiths = faiths;
        }
        if input.open_now {
            query.open = Some(Open::Now { now: true });
        }
        if query != parsed {
            query.explanation = signpost_query::explain(&query);
        }
        Ok(query)
    }
}

fn engine_request(query: &ParsedQuery, input: &SearchInput, now: DateTime<Utc>) -> SearchRequest {
    SearchRequest {
        text: query.text.clone(),
        near: query.near.as_ref().map(|near| signpost_engine::Near {
            point: signpost_engine::Point::new(near.lat, near.lon),
            label: near.label.clone(),
        }),
        radius_m: query.radius_m,
        languages: query.languages.clone(),
        categories: query.categories.clone(),
        faiths: query.faiths.clone(),
        gender: query.gender,
        age: query.age.map(f64::from),
        open: query.open.as_ref().and_then(|open| open_at(open, now)),
        free: query.free,
        page: input.page.max(1),
        per_page: if input.per_page == 0 {
            signpost_engine::DEFAULT_PER_PAGE
        } else {
            input.per_page.min(signpost_engine::MAX_PER_PAGE)
        },
    }
}

/// The engine's form of an opening filter; a time with no day means today (in London).
fn open_at(open: &Open, now: DateTime<Utc>) -> Option<OpenAt> {
    match open {
        Open::Now { now: true } => Some(OpenAt::Now),
        Open::Now { now: false } => None,
        Open::At { day, time, .. } => {
            let time = time
                .as_deref()
                .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok());
            let day = day.map_or_else(|| london_weekday(now), weekday);
            Some(OpenAt::Day { day, time })
        }
    }
}

fn weekday(day: Day) -> Weekday {
    match day {
        Day::Mon => Weekday::Mon,
        Day::Tue => Weekday::Tue,
        Day::Wed => Weekday::Wed,
        Day::Thu => Weekday::Thu,
        Day::Fri => Weekday::Fri,
        Day::Sat => Weekday::Sat,
        Day::Sun => Weekday::Sun,
    }
}

fn london_weekday(now: DateTime<Utc>) -> Weekday {
    use chrono::Datelike;
    now.with_timezone(&chrono_tz::Europe::London).weekday()
}
