//! Search: the free text understood by the query parser, explicit parameters laid over it (as CLI
//! flags and API parameters are), the engine's ranked hits, and the page's records as the index
//! keeps them (so a search needs the store only for freshness, and answers without it).
//! A results page asks for its counts (services within other radii, with a filter added) in the
//! same call: one parse, one engine pass. A search that finds nothing also says what to try
//! instead ([`crate::suggest`]).

use signpost_domain::Service;
use signpost_domain::reason::Reason;
pub use signpost_engine::{Counts, CountsAsked, OpenAt, Toggle};
use signpost_engine::{DateTime, Facets, NaiveTime, SearchRequest, Utc, Weekday};
use signpost_query::{Day, Near, Open, ParsedQuery, UnderstoodKind};

use crate::code::Code;
use crate::confidential;
use crate::directory::Directory;
use crate::error::{AppError, Result};
use crate::freshness::{self, Freshness};
use crate::resolve;
use crate::suggest::{self, Suggestion};

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

/// One ranked result (docs/api.md).
#[derive(Debug, Clone, PartialEq)]
pub struct SearchResult {
    pub service: Service,
    pub distance_m: Option<f64>,
    pub score: f64,
    /// Why it matched, as reasons the faces put in words (`signpost_i18n::reason_text`).
    pub why: Vec<Reason>,
    /// The words of the search ([`SearchOutput::words`]) this service does not match; empty
    /// when it matches them all.
    pub unmatched_words: Vec<String>,
    /// When a person last checked the record and whether that is too long ago.
    pub freshness: Freshness,
}

/// The answer to a search (docs/api.md, plus `radius_m` and `relaxed`).
#[derive(Debug, Clone, PartialEq)]
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
    /// The words of `q` that rank the results (lower-cased, less stop words); they never filter
    /// unless the search has nothing else (docs/api.md, "How words and filters combine").
    pub words: Vec<String>,
    /// True when the search has words and no service found matches every one of them.
    pub relaxed: bool,
    /// When nothing was found: the searches to try instead, with how many each finds; empty
    /// otherwise.
    pub suggestions: Vec<Suggestion>,
    /// The counts the caller asked for (none unless [`Directory::search_counted`] asked): a
    /// results page's filters.
    pub counts: Counts,
}

impl Directory {
    /// How a free-text query is understood (docs/parsed-query.md). Never fails.
    pub fn parse(&self, q: &str) -> ParsedQuery {
        signpost_query::parse(q, self.places)
    }

    /// Runs a search at the present moment.
    pub async fn search(&self, input: &SearchInput) -> Result<SearchOutput> {
        self.search_at(input, Utc::now()).await
    }

    /// Runs a search with "open now" meaning `now`.
    pub async fn search_at(&self, input: &SearchInput, now: DateTime<Utc>) -> Result<SearchOutput> {
        self.search_counted_at(input, now, |_| CountsAsked::default())
            .await
    }

    /// Runs a search and, in the same pass, the counts `ask` wants for the query as understood
    /// (a results page's radius and filter links); see [`SearchOutput::counts`].
    pub async fn search_counted(
        &self,
        input: &SearchInput,
        ask: impl FnOnce(&ParsedQuery) -> CountsAsked,
    ) -> Result<SearchOutput> {
        self.search_counted_at(input, Utc::now(), ask).await
    }

    /// [`Directory::search_counted`] with "open now" meaning `now`.
    pub async fn search_counted_at(
        &self,
        input: &SearchInput,
        now: DateTime<Utc>,
        ask: impl FnOnce(&ParsedQuery) -> CountsAsked,
    ) -> Result<SearchOutput> {
        let query = self.understand(input)?;
        let request = SearchRequest {
            counts: ask(&query),
            ..engine_request(&query, input, now)
        };
        let answer = self.engine.search(&request, now)?;
        let suggestions = if answer.total == 0 {
            self.suggestions(&query, &answer.counts, now)?
        } else {
            Vec::new()
        };
        let found = self.with_indexed_records(answer.hits)?;
        let services: Vec<&Service> = found.iter().map(|(_, s)| s).collect();
        let freshness = self.freshness_even_unreachable(&services).await?;
        let results = found
            .into_iter()
            .zip(freshness)
            .map(|((hit, service), freshness)| SearchResult {
                service,
                distance_m: hit.distance_m,
                score: hit.score,
                why: hit.why,
                unmatched_words: hit.unmatched_words,
                freshness,
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
            words: answer.words,
            relaxed: answer.relaxed,
            suggestions,
            counts: answer.counts,
        })
    }

    /// What to try instead of `query`, which found nothing: counts its own pass already has are
    /// used as they are, every other suggestion is one engine pass that fetches no record.
    fn suggestions(
        &self,
        query: &ParsedQuery,
        counts: &Counts,
        now: DateTime<Utc>,
    ) -> Result<Vec<Suggestion>> {
        suggest::candidates(query, counts)
            .into_iter()
            .map(|candidate| {
                let total = match candidate.counted {
                    Some(total) => total,
                    None => self.count_found(&candidate.query, now)?,
                };
                Ok(Suggestion {
                    drop: candidate.drop,
                    label: candidate.label,
                    query: candidate.query,
                    total,
                })
            })
            .collect()
    }

    /// How many services the search for `query` finds.
    fn count_found(&self, query: &ParsedQuery, now: DateTime<Utc>) -> Result<usize> {
        let one = SearchInput {
            per_page: 1,
            ..SearchInput::default()
        };
        Ok(self
            .engine
            .search(&engine_request(query, &one, now), now)?
            .total)
    }

    /// Each item with the record of the service it names (confidential locations withheld), in
    /// the items' order (the store answers in the order asked); items whose service is no longer
    /// held are left out.
    pub(crate) async fn with_records<T>(
        &self,
        items: Vec<T>,
        id: impl Fn(&T) -> &str,
    ) -> Result<Vec<(T, Service)>> {
        let ids: Vec<&str> = items.iter().map(&id).collect();
        let records = self.store.services_by_ids(&ids).await?;
        let records = records.into_iter().map(confidential::redacted).collect();
        Ok(paired(items, id, records))
    }

    /// Each hit with its served record as the index keeps it (confidential locations withheld, as
    /// [`Directory::with_records`] reads them from the store), in the hits' order; hits whose
    /// service the index no longer holds are left out.
    fn with_indexed_records(
        &self,
        hits: Vec<signpost_engine::SearchHit>,
    ) -> Result<Vec<(signpost_engine::SearchHit, Service)>> {
        let ids: Vec<&str> = hits.iter().map(|hit| hit.service_id.as_str()).collect();
        let records = self.engine.records(&ids)?;
        Ok(paired(hits, |hit| hit.service_id.as_str(), records))
    }

    /// [`Directory::freshness_of`], or, while the store cannot be reached, each record's freshness
    /// by its `assured_date` alone (a record without one is then not called stale).
    async fn freshness_even_unreachable(&self, services: &[&Service]) -> Result<Vec<Freshness>> {
        match self.freshness_of(services).await {
            Err(AppError::Store(error)) if error.is_unreachable() => {
                let (today, months) = (freshness::london_today(), self.stale_after());
                Ok(services
                    .iter()
                    .map(|service| assured_only(service, today, months))
                    .collect())
            }
            answer => answer,
        }
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

/// A record's freshness by its `assured_date` alone: stale only when that date is too old.
fn assured_only(service: &Service, today: chrono::NaiveDate, months: u32) -> Freshness {
    let checked = freshness::last_checked(service.assured_date.as_deref(), None);
    Freshness {
        checked,
        stale: checked.is_some() && freshness::is_stale(checked, today, months),
    }
}

/// Items with their records, given in the items' order with some perhaps missing.
fn paired<T>(items: Vec<T>, id: impl Fn(&T) -> &str, records: Vec<Service>) -> Vec<(T, Service)> {
    let mut records = records.into_iter().peekable();
    items
        .into_iter()
        .filter_map(|item| {
            let record = records.next_if(|record| record.id == id(&item))?;
            Some((item, record))
        })
        .collect()
}

fn engine_request(query: &ParsedQuery, input: &SearchInput, now: DateTime<Utc>) -> SearchRequest {
    SearchRequest {
        text: query.text.clone(),
        rank_words: understood_words(query),
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
        ages: query.age_range.map(|range| signpost_engine::AgeSpan {
            min: range.min.map(f64::from),
            max: range.max.map(f64::from),
        }),
        open: query.open.as_ref().and_then(|open| open_at(open, now)),
        free: query.free,
        page: input.page.max(1),
        per_page: if input.per_page == 0 {
            signpost_engine::DEFAULT_PER_PAGE
        } else {
            input.per_page.min(signpost_engine::MAX_PER_PAGE)
        },
        counts: CountsAsked::default(),
        require_words: false,
    }
}

/// The words typed for the parts that name what a service is for or whom it serves (category,
/// language, faith, gender, ages: "women's refuge", "over 50s"), which rank the services holding
/// them above others their filters let through.
fn understood_words(query: &ParsedQuery) -> String {
    let ranking = query.understood.iter().filter(|part| {
        matches!(
            part.kind,
            UnderstoodKind::Category
                | UnderstoodKind::Language
                | UnderstoodKind::Faith
                | UnderstoodKind::Gender
                | UnderstoodKind::AgeRange
        )
    });
    ranking
        .map(|part| part.matched.as_str())
        .collect::<Vec<_>>()
        .join(" ")
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

#[cfg(test)]
mod tests {
    use super::*;

    fn service(id: &str) -> Service {
        Service {
            id: id.to_owned(),
            ..Service::default()
        }
    }

    #[test]
    fn records_pair_with_their_items_in_order_and_missing_ones_drop_out() {
        let items = vec![("b", 1), ("gone", 2), ("a", 3), ("c", 4)];
        let records = vec![service("b"), service("a"), service("c")];
        let pairs = paired(items, |item| item.0, records);
        let got: Vec<(i32, &str)> = pairs
            .iter()
            .map(|(item, record)| (item.1, record.id.as_str()))
            .collect();
        assert_eq!(got, [(1, "b"), (3, "a"), (4, "c")]);
    }

    #[test]
    fn without_the_store_freshness_is_the_assured_date_and_unknown_is_not_stale() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("date");
        let assured = |date: Option<&str>| Service {
            assured_date: date.map(str::to_owned),
            ..service("s")
        };
        let unknown = assured_only(&assured(None), today, 12);
        assert_eq!((unknown.checked, unknown.stale), (None, false));
        let recent = assured_only(&assured(Some("2026-06-01")), today, 12);
        assert_eq!(recent.checked, chrono::NaiveDate::from_ymd_opt(2026, 6, 1));
        assert!(!recent.stale);
        assert!(assured_only(&assured(Some("2024-06-01")), today, 12).stale);
    }

    #[test]
    fn no_records_pair_nothing() {
        let pairs = paired(vec!["a", "b"], |id| id, Vec::new());
        assert!(pairs.is_empty());
    }
}
