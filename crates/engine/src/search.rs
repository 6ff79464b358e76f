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

use chrono::{DateTime, Timelike, Utc};
use signpost_domain::Gender;
use signpost_domain::reason::{AgeRange, Reason};
use signpost_geo::{Point, haversine_m};
use signpost_index::{CodeFilter, TextIndex, WordHit};

use crate::confidential;
use crate::engine::{Engine, State};
use crate::entries::Entry;
use crate::error::EngineError;
use crate::opening::{OpenAt, WallClock};
use crate::order::by_distance;
use crate::postings::{Postings, bitset_of};
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

    /// Whether the asked language and category lists alone decide which services pass (no place
    /// and no other filter), so a service in them is a match without reading its entry.
    fn decided_by_code_lists(&self) -> bool {
        let request = self.request;
        self.centre.is_none()
            && self.faiths.is_none()
            && request.gender.is_none()
            && request.age.is_none()
            && request.ages.is_none()
            && request.free != Some(true)
            && self.wall_clock.is_none()
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

    /// What the asked codes `ord` has add to its relevance, read from the code lists (one bit
    /// test a code for a long list), so ranking a match does not read its entry.
    fn boost(&self, state: &State, ord: u32) -> f64 {
        let held = |filter: &AnyOf, postings: &Postings| {
            filter.as_ref().map_or(0, |codes| {
                codes
                    .iter()
                    .filter(|&&code| postings.get(code).contains(ord))
                    .count()
            })
        };
        let matched = held(&self.languages, &state.language_postings)
            + held(&self.categories, &state.category_postings)
            + held(&self.faiths, &state.faith_postings);
        EXACT_MATCH_BOOST * matched as f64
    }

    fn score(&self, relevance: f64, boost: f64, distance: Option<f64>) -> f64 {
        let base = relevance + boost;
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
        .filter(|hit| state.entries.is_live(hit.ord))
        .map(|hit| Found {
            ord: hit.ord,
            relevance: f64::from(hit.score),
            distance: None,
            matched: hit.matched,
        })
        .collect()
}

/// Every service passing the filters, without a place: the shorter asked code list tested by
/// bits against the other, or every service. When the code lists decide alone, no entry is read.
fn filter_matches(criteria: &Criteria, state: &State) -> Vec<Found> {
    let admit = |(ord, entry): (u32, Entry)| Some(Found::new(ord, criteria.admit(&entry)?));
    let decided = criteria.decided_by_code_lists();
    match shortest_code_list(criteria, state) {
        Some(ords) => {
            let listed = ords
                .into_iter()
                .filter(|&ord| criteria.in_code_lists(state, ord));
            if decided {
                listed.map(|ord| Found::new(ord, None)).collect()
            } else {
                listed
                    .filter_map(|ord| Some((ord, state.entry(ord)?)))
                    .filter_map(admit)
                    .collect()
            }
        }
        None if decided => state
            .entries
            .live_ordinals()
            .map(|ord| Found::new(ord, None))
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

/// One match ready to rank: its score, distance, which words it matches, its ordinal and its
/// place in id order (small, and compared by numbers alone: ranking reads no entry; the page
/// shown reads its entries).
struct Ranked {
    score: f64,
    distance: Option<f64>,
    matched: u64,
    ord: u32,
    id_rank: u32,
}

/// Services matching more of the words first, then the higher score, the nearer, the lower id.
fn better(a: &Ranked, b: &Ranked) -> std::cmp::Ordering {
    b.matched
        .count_ones()
        .cmp(&a.matched.count_ones())
        .then_with(|| b.score.total_cmp(&a.score))
        .then_with(|| by_distance(a.distance, b.distance))
        .then_with(|| a.id_rank.cmp(&b.id_rank))
}

/// Up to this many hits shown (a page and those before it) are kept in order while the
/// matches stream past; more are picked by selection over all of them.
const KEPT_IN_ORDER: usize = 256;

/// The best `shown` of the matches, in order: a short sorted list that most matches are turned
/// away from with one comparison, or, for deep pages, a selection over all of them.
fn best(matches: impl Iterator<Item = Ranked>, shown: usize) -> Vec<Ranked> {
    if shown > KEPT_IN_ORDER {
        let mut all: Vec<Ranked> = matches.collect();
        if shown < all.len() {
            all.select_nth_unstable_by(shown - 1, better);
            all.truncate(shown);
        }
        all.sort_unstable_by(better);
        return all;
    }
    let mut kept: Vec<Ranked> = Vec::with_capacity(shown + 1);
    for one in matches {
        let full = kept.len() == shown;
        if full && kept.last().is_some_and(|worst| better(&one, worst).is_ge()) {
            continue;
        }
        let at = kept.partition_point(|other| better(other, &one).is_lt());
        kept.insert(at, one);
        kept.truncate(shown);
    }
    kept
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
    let ranked = found.iter().map(|f| Ranked {
        score: criteria.score(f.relevance, criteria.boost(state, f.ord), f.distance),
        distance: f.distance,
        matched: f.matched,
        ord: f.ord,
        id_rank: state.bench.id_rank(f.ord),
    });
    let per_page = request.per_page.clamp(1, MAX_PER_PAGE);
    let page = request.page.max(1);
    let ranked = best(ranked, page.saturating_mul(per_page));
    let relaxed =
        !words.words.is_empty() && !found.is_empty() && !found.iter().any(|f| words.all_matched(f));
    let facets = FacetCounts::of(state, found).named(&state.vocabulary.codes);
    let hits = ranked
        .iter()
        .skip((page - 1).saturating_mul(per_page))
        .take(per_page)
        .filter_map(|one| Some((one, state.entry(one.ord)?)))
        .map(|(one, entry)| SearchHit {
            service_id: entry.id.to_string(),
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
        total: found.len(),
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

/// Matches at least 1/`COUNTED_BY_LISTS` of the ordinals are counted through the code lists.
const COUNTED_BY_LISTS: usize = 32;

impl FacetCounts {
    /// The counts over `found`: for a broad search, each code list intersected with the matches
    /// as bitsets (no entry read); for a narrow one, each match's codes.
    fn of(state: &State, found: &[&Found]) -> FacetCounts {
        let universe = state.entries.ordinals();
        if found.len().saturating_mul(COUNTED_BY_LISTS) < universe {
            let mut tally = FacetCounts::default();
            for entry in found.iter().filter_map(|f| state.entry(f.ord)) {
                tally.add(&entry);
            }
            return tally;
        }
        let matches = bitset_of(found.iter().map(|f| f.ord), universe);
        FacetCounts {
            languages: state.language_postings.counts_in(&matches),
            categories: state.category_postings.counts_in(&matches),
            faiths: state.faith_postings.counts_in(&matches),
        }
    }

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

/// Why a hit matched, as reasons the faces put in words ("speaks Bengali", "2.1 miles from
/// WS1 1AA").
fn reasons(
    criteria: &Criteria,
    state: &State,
    one: &Ranked,
    entry: &Entry,
    words: &Words,
) -> Vec<Reason> {
    let distance = one.distance;
    let codes = &state.vocabulary.codes;
    let request = criteria.request;
    let mut why: Vec<Reason> = Vec::new();
    for code in asked(&criteria.languages, entry.languages).map(|c| codes.name(c)) {
        why.push(Reason::Speaks {
            language: code.to_owned(),
        });
    }
    for code in asked(&criteria.categories, entry.categories).map(|c| codes.name(c)) {
        why.push(Reason::Category {
            category: code.to_owned(),
        });
    }
    for code in asked(&criteria.faiths, entry.faiths).map(|c| codes.name(c)) {
        why.push(Reason::Faith {
            faith: code.to_owned(),
        });
    }
    if let (Some(_), Some(gender)) = (request.gender, entry.gender) {
        why.push(Reason::ForGender { gender });
    }
    if request.age.is_some() || request.ages.is_some() {
        why.push(age_reason(request.age, entry));
    }
    if let Some(open) = request.open {
        why.push(open_reason(open));
    }
    if request.free == Some(true) {
        why.push(Reason::Free);
    }
    if let Some(partly) = words_reason(words, one.matched) {
        why.push(partly);
    }
    if let (Some(d), Some(near)) = (distance, &request.near) {
        let inside_area =
            d == 0.0 && near.point.is_valid() && entry.areas.iter().any(|a| a.covers(near.point));
        why.push(if inside_area {
            Reason::Covers {
                place: near.label.clone(),
            }
        } else if entry.confidential {
            confidential::about(d)
        } else {
            Reason::Distance {
                metres: d,
                place: near.label.clone(),
            }
        });
    }
    why
}

/// For a service matching only some of the words, which ones ("matches some of your words:
/// pakistani, group"), or that it matches none; `None` when it matches them all.
fn words_reason(words: &Words, matched: u64) -> Option<Reason> {
    if matched & words.every == words.every {
        return None;
    }
    Some(Reason::SomeWords {
        words: words.picked(matched, true).map(str::to_owned).collect(),
    })
}

/// The ages a service is for; `asked` is the one age a search named, if it did.
fn age_reason(asked: Option<f64>, entry: &Entry) -> Reason {
    Reason::Ages {
        ages: AgeRange {
            minimum: entry.minimum_age,
            maximum: entry.maximum_age,
        },
        asked,
    }
}

fn open_reason(open: OpenAt) -> Reason {
    match open {
        OpenAt::Now => Reason::OpenNow,
        OpenAt::Day { day, time } => Reason::OpenOn {
            day,
            time: time.map(|t| minutes_after_midnight(t.hour(), t.minute())),
        },
    }
}

/// Minutes after midnight of a wall-clock time (at most 24 * 60).
fn minutes_after_midnight(hour: u32, minute: u32) -> u16 {
    u16::try_from(hour * 60 + minute).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ranked(matched: u64, score: u8, distance: Option<u8>, id_rank: u32) -> Ranked {
        Ranked {
            score: f64::from(score),
            distance: distance.map(f64::from),
            matched,
            ord: id_rank,
            id_rank,
        }
    }

    proptest! {
        /// Few distinct scores and distances, so most of the order is decided by ties.
        #[test]
        fn the_best_are_the_head_of_the_whole_order(
            parts in prop::collection::vec((0u64..4, 0u8..3, prop::option::of(0u8..3)), 0..700),
            shown in 1usize..600,
        ) {
            let all = || {
                (0u32..).zip(&parts).map(|(rank, &(m, s, d))| ranked(m, s, d, rank))
            };
            let mut sorted: Vec<Ranked> = all().collect();
            sorted.sort_by(better);
            let want: Vec<u32> = sorted.iter().take(shown).map(|r| r.id_rank).collect();
            let got: Vec<u32> = best(all(), shown).iter().map(|r| r.id_rank).collect();
            prop_assert_eq!(got, want);
        }
    }
}
