//! Search mode: the planner, filters, ranking, reasons, facets and a results page's counts.
//!
//! The filters (place and radius, languages, categories, faiths, gender, age, opening, cost)
//! decide which services are hits; the words of the text only rank them, services matching more
//! words first, and never make a search empty on their own. Only a request with no filter at all
//! is decided by its words: its hits are the services matching every word, or, when no service
//! does, those matching at least one (docs/api.md, "How words and filters combine").
//!
//! A request that asks for counts (radii, filters to add) is run once over the widest radius it
//! names; its own answer and each count are cuts of those matches, each exactly what a search of
//! its own would find.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc, Weekday};
use signpost_domain::{Gender, vocab};
use signpost_geo::{Point, describe_distance, haversine_m};
use signpost_index::{CodeFilter, TextIndex, WordHit};

use crate::confidential;
use crate::engine::{Engine, State};
use crate::entries::Entry;
use crate::error::EngineError;
use crate::opening::{OpenAt, WallClock};
use crate::order::by_distance;
use crate::postings::Postings;
use crate::record::Interner;
use crate::request::{
    AgeSpan, Counts, DEFAULT_RADIUS_M, Facets, MAX_PER_PAGE, Plan, SearchHit, SearchRequest,
    SearchResponse, Toggle,
};

/// Each asked-for language, category or faith a service has adds this to its relevance.
const EXACT_MATCH_BOOST: f64 = 0.25;
/// The share of a score that distance can take away (Gaussian decay, sigma = half the radius).
const DISTANCE_WEIGHT: f64 = 0.5;

/// A facet filter: `None` asks nothing; `Some(codes)` asks for any of them (an empty list, from
/// codes no service has, admits nothing).
type AnyOf = Option<Vec<u32>>;

/// A request checked and resolved against the engine's vocabulary.
struct Criteria<'r> {
    request: &'r SearchRequest,
    languages: AnyOf,
    categories: AnyOf,
    faiths: AnyOf,
    wall_clock: Option<WallClock>,
    centre: Option<Point>,
    /// The request's radius: the one its hits are cut to and ranked by.
    radius_m: f64,
    /// How far the search looks: the widest of the request's radius and the radii it counts.
    reach_m: f64,
    now: DateTime<Utc>,
}

fn checked_radius(radius_m: f64) -> Result<f64, EngineError> {
    if radius_m.is_finite() && radius_m > 0.0 {
        Ok(radius_m)
    } else {
        Err(EngineError::BadRequest(format!(
            "radius {radius_m} m must be a positive number"
        )))
    }
}

fn any_of(codes: &[String], interner: &Interner) -> AnyOf {
    (!codes.is_empty()).then(|| codes.iter().filter_map(|c| interner.get(c)).collect())
}

fn admits(filter: &AnyOf, have: &[u32]) -> bool {
    filter
        .as_ref()
        .is_none_or(|want| want.iter().any(|w| have.contains(w)))
}

fn count_matching(filter: &AnyOf, have: &[u32]) -> usize {
    filter
        .as_ref()
        .map_or(0, |want| want.iter().filter(|w| have.contains(w)).count())
}

impl<'r> Criteria<'r> {
    fn new(
        request: &'r SearchRequest,
        state: &State,
        now: DateTime<Utc>,
    ) -> Result<Criteria<'r>, EngineError> {
        let radius_m = checked_radius(request.radius_m.unwrap_or(DEFAULT_RADIUS_M))?;
        let mut reach_m = radius_m;
        for &counted in &request.counts.radii_m {
            reach_m = reach_m.max(checked_radius(counted)?);
        }
        if let Some(near) = &request.near
            && !near.point.is_valid()
        {
            return Err(EngineError::BadRequest(format!(
                "{} is not a valid latitude/longitude",
                near.label
            )));
        }
        let codes = &state.vocabulary.codes;
        Ok(Criteria {
            request,
            languages: any_of(&request.languages, codes),
            categories: any_of(&request.categories, codes),
            faiths: any_of(&request.faiths, codes),
            wall_clock: request.open.map(|open| open.wall_clock(now)),
            centre: request.near.as_ref().map(|n| n.point),
            radius_m,
            reach_m,
            now,
        })
    }

    /// Whether the request filters at all: when it does not, its words decide its hits.
    fn filters(&self) -> bool {
        let request = self.request;
        self.languages.is_some()
            || self.categories.is_some()
            || self.faiths.is_some()
            || request.gender.is_some()
            || request.age.is_some()
            || request.ages.is_some()
            || request.free == Some(true)
            || self.wall_clock.is_some()
            || self.centre.is_some()
    }

    fn passes_filters(&self, entry: &Entry) -> bool {
        let request = self.request;
        admits(&self.languages, entry.languages)
            && admits(&self.categories, entry.categories)
            && admits(&self.faiths, entry.faiths)
            && request.gender.is_none_or(|g| serves(entry, g))
            && request.age.is_none_or(|age| entry.admits_age(age))
            && request.ages.is_none_or(|span| admits_some_age(entry, span))
            && (request.free != Some(true) || entry.free)
            && self.wall_clock.is_none_or(|at| is_open(entry, at))
    }

    /// The request's own cut of the matches, then one per counted radius and one per counted
    /// filter, in the order asked.
    fn views(&self) -> (View, Vec<View>, Vec<View>) {
        let own = View {
            radius_m: self.radius_m,
            toggle: None,
        };
        let counts = &self.request.counts;
        let radii = match self.centre {
            Some(_) => counts
                .radii_m
                .iter()
                .map(|&radius_m| View {
                    radius_m,
                    toggle: None,
                })
                .collect(),
            None => Vec::new(),
        };
        let toggles = counts
            .toggles
            .iter()
            .map(|&toggle| View {
                radius_m: self.radius_m,
                toggle: Some(ToggleTest::new(toggle, self.now)),
            })
            .collect();
        (own, radii, toggles)
    }

    fn code_filter(&self) -> CodeFilter<'r> {
        let request = self.request;
        CodeFilter {
            languages: &request.languages,
            categories: &request.categories,
            faiths: &request.faiths,
        }
    }

    /// Metres from the place when the service is within reach (0 when an area covers the
    /// place); `Some(None)` without a place; `None` when out of reach.
    fn reach(&self, entry: &Entry) -> Option<Option<f64>> {
        let Some(centre) = self.centre else {
            return Some(None);
        };
        if entry.areas.iter().any(|a| a.covers(centre)) {
            return Some(Some(0.0));
        }
        let nearest = entry
            .points
            .iter()
            .map(|&p| haversine_m(centre, p))
            .min_by(f64::total_cmp)?;
        let shown = if entry.confidential {
            confidential::rounded_to_miles(nearest)
        } else {
            nearest
        };
        (nearest <= self.reach_m).then_some(Some(shown))
    }

    /// Whether `ord` is in the posting list of an asked language and of an asked category: one
    /// bit test for a long list, so most services a filter turns away are never read.
    fn in_code_lists(&self, state: &State, ord: u32) -> bool {
        let listed = |filter: &AnyOf, postings: &Postings| {
            filter
                .as_ref()
                .is_none_or(|codes| codes.iter().any(|&code| postings.get(code).contains(ord)))
        };
        listed(&self.languages, &state.language_postings)
            && listed(&self.categories, &state.category_postings)
    }

    fn admit(&self, entry: &Entry) -> Option<Option<f64>> {
        if self.passes_filters(entry) {
            self.reach(entry)
        } else {
            None
        }
    }

    fn boost(&self, entry: &Entry) -> f64 {
        let matched = count_matching(&self.languages, entry.languages)
            + count_matching(&self.categories, entry.categories)
            + count_matching(&self.faiths, entry.faiths);
        EXACT_MATCH_BOOST * matched as f64
    }

    fn score(&self, relevance: f64, entry: &Entry, distance: Option<f64>) -> f64 {
        let base = relevance + self.boost(entry);
        match distance {
            Some(d) => {
                let sigma = self.radius_m / 2.0;
                let decay = (-0.5 * (d / sigma).powi(2)).exp();
                base * (1.0 - DISTANCE_WEIGHT + DISTANCE_WEIGHT * decay)
            }
            None => base,
        }
    }
}

/// Whether a service's ages (open bounds hold any age) meet the span anywhere.
fn admits_some_age(entry: &Entry, span: AgeSpan) -> bool {
    let below_max = |min: f64| span.max.is_none_or(|max| min <= max);
    let above_min = |max: f64| span.min.is_none_or(|min| max >= min);
    entry.minimum_age.is_none_or(below_max) && entry.maximum_age.is_none_or(above_min)
}

fn serves(entry: &Entry, gender: Gender) -> bool {
    entry.gender.is_none_or(|served| served == gender)
}

fn is_open(entry: &Entry, at: WallClock) -> bool {
    entry.openings.iter().any(|o| o.is_open(at))
}

/// A [`Toggle`] ready to test entries with.
#[derive(Clone, Copy)]
enum ToggleTest {
    Open(WallClock),
    Free,
    Gender(Gender),
}

impl ToggleTest {
    fn new(toggle: Toggle, now: DateTime<Utc>) -> ToggleTest {
        match toggle {
            Toggle::Open(open) => ToggleTest::Open(open.wall_clock(now)),
            Toggle::Free => ToggleTest::Free,
            Toggle::Gender(gender) => ToggleTest::Gender(gender),
        }
    }

    fn passes(self, entry: &Entry) -> bool {
        match self {
            ToggleTest::Open(at) => is_open(entry, at),
            ToggleTest::Free => entry.free,
            ToggleTest::Gender(gender) => serves(entry, gender),
        }
    }
}

/// One search's cut of the matches within the widest reach: those within `radius_m` that pass
/// `toggle`.
struct View {
    radius_m: f64,
    toggle: Option<ToggleTest>,
}

impl View {
    fn keeps(&self, found: &Found, state: &State) -> bool {
        found.distance.is_none_or(|d| d <= self.radius_m)
            && self.toggle.is_none_or(|test| {
                state
                    .entry(found.ord)
                    .is_some_and(|entry| test.passes(&entry))
            })
    }
}

/// One match before ranking.
struct Found {
    ord: u32,
    relevance: f64,
    distance: Option<f64>,
    /// Bit `i` is set when it matches word `i` of the text.
    matched: u64,
}

impl Found {
    fn new(ord: u32, distance: Option<f64>) -> Found {
        Found {
            ord,
            relevance: 1.0,
            distance,
            matched: 0,
        }
    }
}

/// The words of a search's text that rank its hits, with what matching all of them means.
struct Words {
    words: Vec<String>,
    every: u64,
}

impl Words {
    fn new(words: Vec<String>) -> Words {
        let every = match words.len() {
            0 => 0,
            n if n >= 64 => u64::MAX,
            n => (1u64 << n) - 1,
        };
        Words { words, every }
    }

    fn all_matched(&self, found: &Found) -> bool {
        found.matched & self.every == self.every
    }

    /// The words whose bit is set (`set`) or clear in `matched`, in order.
    fn picked(&self, matched: u64, set: bool) -> impl Iterator<Item = &str> {
        self.words
            .iter()
            .enumerate()
            .filter(move |(bit, _)| (matched >> bit) & 1 == u64::from(set))
            .map(|(_, word)| word.as_str())
    }
}

impl Engine {
    /// Runs a search; `now` is the moment "open now" refers to.
    pub fn search(
        &self,
        request: &SearchRequest,
        now: DateTime<Utc>,
    ) -> Result<SearchResponse, EngineError> {
        self.search_with_plan(request, now, None)
    }

    /// [`Engine::search`] with the plan forced (`Some(Plan::GeoFirst)` or `Some(Plan::TextFirst)`)
    /// when a query has both a place and text; for tests that check both plans agree.
    pub fn search_with_plan(
        &self,
        request: &SearchRequest,
        now: DateTime<Utc>,
        forced: Option<Plan>,
    ) -> Result<SearchResponse, EngineError> {
        let state = self.read()?;
        let criteria = Criteria::new(request, &state, now)?;
        let plan = self.search_plan(&criteria, &state, forced)?;
        let (words, mut found) = self.find(&criteria, &state, plan)?;
        self.score_understood_words(&criteria, &state, plan, &mut found)?;
        let (own, radii, toggles) = criteria.views();
        let count = |view: &View| found.iter().filter(|f| view.keeps(f, &state)).count();
        let toggle_counts = if criteria.filters() || request.require_words || words.words.is_empty()
        {
            toggles.iter().map(count).collect()
        } else {
            passing_anywhere(&state, &toggles)
        };
        let counts = Counts {
            radii: radii.iter().map(|v| (v.radius_m, count(v))).collect(),
            toggles: request
                .counts
                .toggles
                .iter()
                .copied()
                .zip(toggle_counts)
                .collect(),
        };
        let hits: Vec<&Found> = found.iter().filter(|f| own.keeps(f, &state)).collect();
        Ok(respond(&criteria, &state, &hits, &words, plan, counts))
    }

    fn search_plan(
        &self,
        criteria: &Criteria,
        state: &State,
        forced: Option<Plan>,
    ) -> Result<Plan, EngineError> {
        let Some(centre) = criteria.centre else {
            return Ok(Plan::NoPlace);
        };
        let Some(text_estimate) = self.text.estimate(&criteria.request.text)? else {
            return Ok(Plan::NoText);
        };
        if let Some(plan @ (Plan::GeoFirst | Plan::TextFirst)) = forced {
            return Ok(plan);
        }
        let cap = usize::try_from(text_estimate)
            .unwrap_or(usize::MAX)
            .saturating_add(1);
        let geo_estimate = state.spatial.count_near(centre, criteria.reach_m, cap);
        Ok(if geo_estimate < cap {
            Plan::GeoFirst
        } else {
            Plan::TextFirst
        })
    }

    /// The matches within reach with their words' scores: the services passing the filters, or,
    /// when the request has none, the services matching every word, or when none does, at least
    /// one (every service when the text has no words either).
    fn find(
        &self,
        criteria: &Criteria,
        state: &State,
        plan: Plan,
    ) -> Result<(Words, Vec<Found>), EngineError> {
        let text = criteria.request.text.as_str();
        if !criteria.filters() {
            let everything = CodeFilter::default();
            let mut matches = self.text.search_all_words(text, &everything, &|_| true)?;
            if matches.words.is_empty() {
                return Ok((Words::new(Vec::new()), filter_matches(criteria, state)));
            }
            if matches.hits.is_empty() {
                matches = self.text.search_words(text, &everything, &|_| true)?;
            }
            let found = live_word_hits(state, &matches.hits);
            return Ok((Words::new(matches.words), found));
        }
        let mut found = match plan {
            Plan::NoPlace => filter_matches(criteria, state),
            Plan::NoText | Plan::GeoFirst | Plan::TextFirst => {
                geo_matches(criteria, state).collect()
            }
        };
        let words = self.score_words(criteria, plan, state.entries.ordinals(), &mut found)?;
        if criteria.request.require_words && !words.words.is_empty() {
            found.retain(|f| f.matched != 0);
        }
        Ok((words, found))
    }

    /// Scores `found` by the words of the text: each match's relevance becomes the BM25 of the
    /// words it matches (0 for none), and its `matched` says which. Geo-first looks the words up
    /// among the matches alone; the other plans let the index intersect the asked codes too.
    fn score_words(
        &self,
        criteria: &Criteria,
        plan: Plan,
        ordinals: usize,
        found: &mut [Found],
    ) -> Result<Words, EngineError> {
        if plan == Plan::NoText || !TextIndex::has_search_terms(&criteria.request.text) {
            return Ok(Words::new(Vec::new()));
        }
        let at = Positions::new(found, ordinals);
        let codes = match plan {
            Plan::GeoFirst => CodeFilter::default(),
            Plan::NoPlace | Plan::NoText | Plan::TextFirst => criteria.code_filter(),
        };
        let matches = self
            .text
            .search_words(&criteria.request.text, &codes, &|ord| at.get(ord).is_some())?;
        for one in found.iter_mut() {
            one.relevance = 0.0;
        }
        for hit in &matches.hits {
            if let Some(one) = at.get(hit.ord).and_then(|i| found.get_mut(i)) {
                one.relevance = f64::from(hit.score);
                one.matched = hit.matched;
            }
        }
        Ok(Words::new(matches.words))
    }

    /// Adds to each match's relevance the BM25 of the request's `rank_words` it holds: words the
    /// caller read as filters rank what those filters let through, and decide nothing.
    fn score_understood_words(
        &self,
        criteria: &Criteria,
        state: &State,
        plan: Plan,
        found: &mut [Found],
    ) -> Result<(), EngineError> {
        let words = criteria.request.rank_words.as_str();
        if found.is_empty() || !TextIndex::has_search_terms(words) {
            return Ok(());
        }
        let at = Positions::new(found, state.entries.ordinals());
        let codes = match plan {
            Plan::GeoFirst => CodeFilter::default(),
            Plan::NoPlace | Plan::NoText | Plan::TextFirst => criteria.code_filter(),
        };
        let matches = self
            .text
            .search_words(words, &codes, &|ord| at.get(ord).is_some())?;
        for hit in &matches.hits {
            if let Some(one) = at.get(hit.ord).and_then(|i| found.get_mut(i)) {
                one.relevance += f64::from(hit.score);
            }
        }
        Ok(())
    }
}

/// Where each match sits in the found list, by ordinal: a dense table over every ordinal when
/// the matches are a large share of the directory (no hashing, one memset), else a hash map, so
/// a selective search over a large directory does not clear a table of every ordinal.
enum Positions {
    Dense(Vec<u32>),
    Sparse(HashMap<u32, u32>),
}

impl Positions {
    /// Marks an ordinal with no match in the dense table.
    const ABSENT: u32 = u32::MAX;

    /// The dense table pays when the matches are at least 1/`DENSE_SHARE` of the ordinals.
    const DENSE_SHARE: usize = 16;

    fn new(found: &[Found], ordinals: usize) -> Positions {
        let index = |i: usize| u32::try_from(i).unwrap_or(Self::ABSENT);
        if found.len().saturating_mul(Self::DENSE_SHARE) >= ordinals {
            let size = found
                .iter()
                .map(|f| f.ord as usize + 1)
                .max()
                .unwrap_or(0)
                .max(ordinals);
            let mut at = vec![Self::ABSENT; size];
            for (i, f) in found.iter().enumerate() {
                if let Some(slot) = at.get_mut(f.ord as usize) {
                    *slot = index(i);
                }
            }
            Positions::Dense(at)
        } else {
            Positions::Sparse(
                found
                    .iter()
                    .enumerate()
                    .map(|(i, f)| (f.ord, index(i)))
                    .collect(),
            )
        }
    }

    /// Where the match of `ord` sits in the found list, if it is there.
    fn get(&self, ord: u32) -> Option<usize> {
        let i = match self {
            Positions::Dense(at) => *at.get(ord as usize)?,
            Positions::Sparse(at) => *at.get(&ord)?,
        };
        (i != Self::ABSENT).then_some(i as usize)
    }
}

/// Word hits of services still held, as matches (a request without filters has no place).
fn live_word_hits(state: &State, hits: &[WordHit]) -> Vec<Found> {
    hits.iter()
        .filter(|hit| state.entry(hit.ord).is_some())
        .map(|hit| Found {
            ord: hit.ord,
            relevance: f64::from(hit.score),
            distance: None,
            matched: hit.matched,
        })
        .collect()
}

/// Every service passing the filters, without a place: the shorter asked code list tested by
/// bits against the other, or every service.
fn filter_matches(criteria: &Criteria, state: &State) -> Vec<Found> {
    let admit = |(ord, entry): (u32, Entry)| Some(Found::new(ord, criteria.admit(&entry)?));
    match shortest_code_list(criteria, state) {
        Some(ords) => ords
            .into_iter()
            .filter(|&ord| criteria.in_code_lists(state, ord))
            .filter_map(|ord| Some((ord, state.entry(ord)?)))
            .filter_map(admit)
            .collect(),
        None => state.live().filter_map(admit).collect(),
    }
}

/// For a request its words alone decided: how many services each toggle view's own search finds.
/// That search has a filter, so words no longer decide it: every service passing the toggle.
fn passing_anywhere(state: &State, views: &[View]) -> Vec<usize> {
    let mut counts = vec![0; views.len()];
    if views.is_empty() {
        return counts;
    }
    for (_, entry) in state.live() {
        for (count, view) in counts.iter_mut().zip(views) {
            if view.toggle.is_none_or(|test| test.passes(&entry)) {
                *count += 1;
            }
        }
    }
    counts
}

/// The services with any of the asked codes of the language or the category filter, whichever
/// list is shorter (sorted ordinals); `None` when neither is asked.
fn shortest_code_list(criteria: &Criteria, state: &State) -> Option<Vec<u32>> {
    let asked = [
        (&criteria.languages, &state.language_postings),
        (&criteria.categories, &state.category_postings),
    ];
    let (codes, postings) = asked
        .into_iter()
        .filter_map(|(filter, postings)| Some((filter.as_deref()?, postings)))
        .min_by_key(|(codes, postings)| {
            codes
                .iter()
                .map(|&code| postings.get(code).len())
                .sum::<usize>()
        })?;
    let mut ords: Vec<u32> = codes
        .iter()
        .flat_map(|&code| postings.get(code).ords().iter().copied())
        .collect();
    if codes.len() > 1 {
        ords.sort_unstable();
        ords.dedup();
    }
    Some(ords)
}

/// Every service within reach of the place (a location in the circle or an area covering the
/// place) that passes the filters, each once.
fn geo_matches<'a>(criteria: &'a Criteria, state: &'a State) -> impl Iterator<Item = Found> + 'a {
    let mut ords: Vec<u32> = criteria
        .centre
        .map(|centre| {
            state
                .spatial
                .near(centre, criteria.reach_m)
                .chain(state.spatial.areas_around(centre))
                .collect()
        })
        .unwrap_or_default();
    ords.sort_unstable();
    ords.dedup();
    ords.retain(|&ord| criteria.in_code_lists(state, ord));
    ords.into_iter()
        .filter_map(|ord| Some(Found::new(ord, criteria.admit(&state.entry(ord)?)?)))
}

/// One match ready to rank: its score, distance, which words it matches, its ordinal and id
/// (small, so ranking moves little; the page shown reads its entries again).
struct Ranked<'s> {
    score: f64,
    distance: Option<f64>,
    matched: u64,
    ord: u32,
    id: &'s str,
}

/// Services matching more of the words first, then the higher score, the nearer, the lower id.
fn better(a: &Ranked, b: &Ranked) -> std::cmp::Ordering {
    b.matched
        .count_ones()
        .cmp(&a.matched.count_ones())
        .then_with(|| b.score.total_cmp(&a.score))
        .then_with(|| by_distance(a.distance, b.distance))
        .then_with(|| a.id.cmp(b.id))
}

/// Puts the best `shown` matches first, in order (the rest stay unordered behind them).
fn rank(ranked: &mut [Ranked], shown: usize) {
    if shown == 0 {
        return;
    }
    if shown < ranked.len() {
        ranked.select_nth_unstable_by(shown - 1, better);
    }
    let head = shown.min(ranked.len());
    ranked[..head].sort_unstable_by(better);
}

fn respond(
    criteria: &Criteria,
    state: &State,
    found: &[&Found],
    words: &Words,
    plan: Plan,
    counts: Counts,
) -> SearchResponse {
    let request = criteria.request;
    let mut tally = FacetCounts::default();
    let mut ranked: Vec<Ranked> = found
        .iter()
        .filter_map(|f| {
            let entry = state.entry(f.ord)?;
            tally.add(&entry);
            Some(Ranked {
                score: criteria.score(f.relevance, &entry, f.distance),
                distance: f.distance,
                matched: f.matched,
                ord: f.ord,
                id: entry.id,
            })
        })
        .collect();
    let per_page = request.per_page.clamp(1, MAX_PER_PAGE);
    let page = request.page.max(1);
    rank(&mut ranked, page.saturating_mul(per_page));
    let relaxed = !words.words.is_empty()
        && !ranked.is_empty()
        && !found.iter().any(|f| words.all_matched(f));
    let facets = tally.named(&state.vocabulary.codes);
    let hits = ranked
        .iter()
        .skip((page - 1).saturating_mul(per_page))
        .take(per_page)
        .filter_map(|one| Some((one, state.entry(one.ord)?)))
        .map(|(one, entry)| SearchHit {
            service_id: one.id.to_string(),
            distance_m: one.distance,
            score: one.score,
            why: reasons(criteria, state, one, &entry, words),
            unmatched_words: words
                .picked(one.matched, false)
                .map(str::to_owned)
                .collect(),
        })
        .collect();
    SearchResponse {
        total: ranked.len(),
        page,
        per_page,
        hits,
        facets,
        counts,
        radius_m: criteria.centre.map(|_| criteria.radius_m),
        default_radius: criteria.centre.is_some() && request.radius_m.is_none(),
        words: words.words.clone(),
        relaxed,
        plan,
    }
}

/// How many matches have each language, category and faith, by code number (a dense count per
/// code, since code numbers are few and small).
#[derive(Default)]
struct FacetCounts {
    languages: Vec<usize>,
    categories: Vec<usize>,
    faiths: Vec<usize>,
}

impl FacetCounts {
    fn add(&mut self, entry: &Entry) {
        for (count, ids) in [
            (&mut self.languages, entry.languages),
            (&mut self.categories, entry.categories),
            (&mut self.faiths, entry.faiths),
        ] {
            for &id in ids {
                let at = id as usize;
                if at >= count.len() {
                    count.resize(at + 1, 0);
                }
                if let Some(n) = count.get_mut(at) {
                    *n += 1;
                }
            }
        }
    }

    fn named(self, codes: &Interner) -> Facets {
        let named = |count: Vec<usize>| -> BTreeMap<String, usize> {
            (0u32..)
                .zip(count)
                .filter(|&(_, n)| n > 0)
                .map(|(id, n)| (codes.name(id).to_owned(), n))
                .collect()
        };
        Facets {
            languages: named(self.languages),
            categories: named(self.categories),
            faiths: named(self.faiths),
        }
    }
}

fn asked<'a>(filter: &'a AnyOf, have: &'a [u32]) -> impl Iterator<Item = u32> + 'a {
    filter
        .iter()
        .flatten()
        .copied()
        .filter(move |code| have.contains(code))
}

/// Why a hit matched, in the words a practitioner would use.
fn reasons(
    criteria: &Criteria,
    state: &State,
    one: &Ranked,
    entry: &Entry,
    words: &Words,
) -> Vec<String> {
    let distance = one.distance;
    let codes = &state.vocabulary.codes;
    let request = criteria.request;
    let mut why: Vec<String> = Vec::new();
    for code in asked(&criteria.languages, entry.languages).map(|c| codes.name(c)) {
        let name = vocab::language(code).map_or(code, |l| l.name);
        why.push(format!("speaks {name}"));
    }
    for code in asked(&criteria.categories, entry.categories).map(|c| codes.name(c)) {
        why.push(vocab::category(code).map_or(code, |c| c.name).to_owned());
    }
    for code in asked(&criteria.faiths, entry.faiths).map(|c| codes.name(c)) {
        let name = vocab::faith(code).map_or(code, |f| f.census_category);
        why.push(format!("{name} faith"));
    }
    match (request.gender, entry.gender) {
        (Some(_), Some(Gender::Female)) => why.push("for women".to_owned()),
        (Some(_), Some(Gender::Male)) => why.push("for men".to_owned()),
        _ => {}
    }
    if request.age.is_some() || request.ages.is_some() {
        why.push(age_reason(request.age, entry));
    }
    if let Some(open) = request.open {
        why.push(open_reason(open));
    }
    if request.free == Some(true) {
        why.push("free".to_owned());
    }
    if let Some(partly) = words_reason(words, one.matched) {
        why.push(partly);
    }
    if let (Some(d), Some(near)) = (distance, &request.near) {
        let inside_area =
            d == 0.0 && near.point.is_valid() && entry.areas.iter().any(|a| a.covers(near.point));
        why.push(if inside_area {
            format!("covers {}", near.label)
        } else if entry.confidential {
            confidential::about(d)
        } else {
            format!("{} from {}", describe_distance(d), near.label)
        });
    }
    why
}

/// For a service matching only some of the words, which ones ("matches some of your words:
/// pakistani, group"), or that it matches none; `None` when it matches them all.
fn words_reason(words: &Words, matched: u64) -> Option<String> {
    if matched & words.every == words.every {
        return None;
    }
    let some: Vec<&str> = words.picked(matched, true).collect();
    Some(if some.is_empty() {
        "matches none of your words".to_owned()
    } else {
        format!("matches some of your words: {}", some.join(", "))
    })
}

/// The ages a service is for; `asked` is the one age a search named, if it did.
fn age_reason(asked: Option<f64>, entry: &Entry) -> String {
    match (entry.minimum_age, entry.maximum_age, asked) {
        (Some(min), Some(max), _) => format!("ages {min}-{max}"),
        (Some(min), None, _) => format!("ages {min} and over"),
        (None, Some(max), _) => format!("ages up to {max}"),
        (None, None, Some(age)) => format!("any age (asked {age})"),
        (None, None, None) => "any age".to_owned(),
    }
}

fn day_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

fn open_reason(open: OpenAt) -> String {
    match open {
        OpenAt::Now => "open now".to_owned(),
        OpenAt::Day {
            day,
            time: Some(time),
        } => {
            format!("open {} at {}", day_name(day), time.format("%H:%M"))
        }
        OpenAt::Day { day, time: None } => format!("open on {}", day_name(day)),
    }
}
