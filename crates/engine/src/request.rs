//! What a search asks and what it answers (docs/api.md, less the full records, which the
//! caller fetches from the store for the page of hits).

use std::collections::BTreeMap;

use signpost_domain::Gender;
use signpost_domain::reason::Reason;
use signpost_geo::{METRES_PER_MILE, Point};

use crate::opening::OpenAt;

/// The radius used when a place is given without one: 5 miles.
pub const DEFAULT_RADIUS_M: f64 = 5.0 * METRES_PER_MILE;
/// Hits a page holds when the caller does not say.
pub const DEFAULT_PER_PAGE: usize = 20;
/// The most hits one page may hold.
pub const MAX_PER_PAGE: usize = 100;

/// A place to search around, with the words to show for it ("WS1 1AA").
#[derive(Debug, Clone, PartialEq)]
pub struct Near {
    pub point: Point,
    pub label: String,
}

/// One search (the parsed query of §3 with CLI/API overrides applied).
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    /// Free text; English stop words are dropped and each other word (stemmed, or a near spelling
    /// for words of five letters or more) ranks the services matching it. Words never filter
    /// when the request has any filter; a request with none finds the services matching every
    /// word, or when none does, at least one (docs/api.md, "How words and filters combine").
    pub text: String,
    /// Words the caller already read as filters (a parsed query's category, language, faith,
    /// gender and age words: "women's refuge"): they add their BM25 to the score of the services
    /// whose name or description holds them, so the service named for what was asked comes
    /// first, but they never filter, never decide a search without filters, and are not among
    /// [`SearchResponse::words`].
    pub rank_words: String,
    pub near: Option<Near>,
    /// With `near`: how far to look; `None` means [`DEFAULT_RADIUS_M`]. Ignored without `near`.
    pub radius_m: Option<f64>,
    /// ISO 639-3 codes; a service must speak at least one (when any are given).
    pub languages: Vec<String>,
    /// Category codes; a service must be in at least one (when any are given).
    pub categories: Vec<String>,
    /// Faith codes; a service must have at least one (when any are given).
    pub faiths: Vec<String>,
    /// Services for the other gender never match; services for everyone always do.
    pub gender: Option<Gender>,
    /// Services whose minimum_age..=maximum_age holds this age (open-ended bounds hold any age).
    pub age: Option<f64>,
    /// Services whose minimum_age..=maximum_age holds some age of this span ("over 50s").
    pub ages: Option<AgeSpan>,
    pub open: Option<OpenAt>,
    /// `Some(true)`: free services only. `Some(false)` and `None` do not filter.
    pub free: Option<bool>,
    /// 1-based.
    pub page: usize,
    /// Capped at [`MAX_PER_PAGE`].
    pub per_page: usize,
    /// Counts to work out beside the hits, from the same matches (a results page's filters).
    pub counts: CountsAsked,
    /// When true, a hit must match at least one word of the text even when the request has
    /// filters (the ORUK listings' `text`, a filter by that standard's meaning). When false,
    /// words only rank a request with filters.
    pub require_words: bool,
}

/// Ages from `min` to `max` years, both included; `None` leaves that end open.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AgeSpan {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            text: String::new(),
            rank_words: String::new(),
            near: None,
            radius_m: None,
            languages: Vec::new(),
            categories: Vec::new(),
            faiths: Vec::new(),
            gender: None,
            age: None,
            ages: None,
            open: None,
            free: None,
            page: 1,
            per_page: DEFAULT_PER_PAGE,
            counts: CountsAsked::default(),
            require_words: false,
        }
    }
}

/// A filter a results page offers to add to the search.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Toggle {
    Open(OpenAt),
    Free,
    Gender(Gender),
}

/// Counts a results page shows beside its hits: each is what a second search would find, worked
/// out in the search's own pass instead.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CountsAsked {
    /// Radii (metres) around the request's place: for each, how many services the search finds
    /// with that radius instead of its own. Ignored without a place.
    pub radii_m: Vec<f64>,
    /// Filters: for each, how many services the search finds with it added. A filter the request
    /// already sets counts the services that pass both.
    pub toggles: Vec<Toggle>,
}

/// The answers to [`CountsAsked`], in the order asked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    /// (radius in metres, services found within it); empty without a place.
    pub radii: Vec<(f64, usize)>,
    /// (filter, services found with it added).
    pub toggles: Vec<(Toggle, usize)>,
}

impl Counts {
    /// How many services a search with this radius finds, when it was asked (to the metre).
    pub fn within(&self, radius_m: f64) -> Option<usize> {
        self.radii
            .iter()
            .find(|(asked, _)| (asked - radius_m).abs() < 1.0)
            .map(|&(_, count)| count)
    }

    /// How many services the search finds with `toggle` added, when it was asked.
    pub fn with(&self, toggle: Toggle) -> Option<usize> {
        self.toggles
            .iter()
            .find(|(asked, _)| *asked == toggle)
            .map(|&(_, count)| count)
    }
}

/// Which side of a search ran first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    /// No place: text (or every service) then filters.
    NoPlace,
    /// No text: R-tree candidates then filters.
    NoText,
    /// R-tree candidates first, then text scoring restricted to them.
    GeoFirst,
    /// Text with filters first, then the exact distance check.
    TextFirst,
}

/// One ranked hit.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub service_id: String,
    /// Great-circle metres from the place to the nearest location; 0 inside a service area;
    /// `None` without a place.
    pub distance_m: Option<f64>,
    pub score: f64,
    /// Why it matched, as reasons the faces put in words ("speaks Bengali", "Mentoring and peer
    /// support", "2.1 miles from WS1 1AA").
    pub why: Vec<Reason>,
    /// The words of the text ([`SearchResponse::words`]) this service does not match, in order;
    /// empty when it matches every word.
    pub unmatched_words: Vec<String>,
}

/// Counts of each code over the whole matching set (not just the page).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub languages: BTreeMap<String, usize>,
    pub categories: BTreeMap<String, usize>,
    pub faiths: BTreeMap<String, usize>,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, PartialEq)]
pub struct SearchResponse {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub hits: Vec<SearchHit>,
    pub facets: Facets,
    /// The counts the request asked for.
    pub counts: Counts,
    /// The radius applied, when a place was given.
    pub radius_m: Option<f64>,
    /// True when no radius was asked for and [`DEFAULT_RADIUS_M`] was applied.
    pub default_radius: bool,
    /// The words of the text that rank the hits: lower-cased and ASCII-folded, less English stop
    /// words, each once, in the order typed.
    pub words: Vec<String>,
    /// True when the text has words and no service found matches every one of them.
    pub relaxed: bool,
    pub plan: Plan,
}
