//! Search mode: the planner, filters, ranking, reasons, facets and a results page's counts.
//!
//! A request that asks for counts (radii, filters to add) is run once over the widest radius it
//! names; its own answer and each count are cuts of those matches, each exactly what a search of
//! its own would find (see [`Matched::narrowed`]).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Utc, Weekday};
use signpost_domain::{Gender, vocab};
use signpost_geo::{Point, describe_distance, haversine_m};
use signpost_index::{CodeFilter, TextHit, TextIndex};

use crate::engine::{Engine, State};
use crate::entries::Entry;
use crate::error::EngineError;
use crate::opening::{OpenAt, WallClock};
use crate::order::by_distance;
use crate::postings::Postings;
use crate::record::Interner;
use crate::request::{
    Counts, DEFAULT_RADIUS_M, Facets, MAX_PER_PAGE, Plan, SearchHit, SearchRequest, SearchResponse,
    Toggle,
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

    fn passes_filters(&self, entry: &Entry) -> bool {
        let request = self.request;
        admits(&self.languages, entry.languages)
            && admits(&self.categories, entry.categories)
            && admits(&self.faiths, entry.faiths)
            && request.gender.is_none_or(|g| serves(entry, g))
            && request.age.is_none_or(|age| entry.admits_age(age))
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
        (nearest <= self.reach_m).then_some(Some(nearest))
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
}

/// What the text matched within the widest reach.
struct Matched {
    /// Services matching every word, or (`relaxed`) any word because none matched every word.
    found: Vec<Found>,
    relaxed: bool,
    /// When some cut holds none of `found` and the words could be relaxed: the services matching
    /// some words but not all, which that cut's own search falls back to.
    partial: Option<Vec<Found>>,
}

impl Matched {
    /// What a search of its own finds for `view`, and whether it was relaxed. Its strict matches
    /// are `found`'s within the view; when there are none, it relaxes to any word, and since no
    /// service matching every word is in the view, that is `partial`'s within the view. (When
    /// `found` is already relaxed, no service in reach matched every word, so none in the view
    /// does either.)
    fn narrowed<'m>(&'m self, view: &View, state: &State) -> (Vec<&'m Found>, bool) {
        let own: Vec<&Found> = self.found.iter().filter(|f| view.keeps(f, state)).collect();
        if !own.is_empty() || self.relaxed {
            return (own, self.relaxed);
        }
        match &self.partial {
            Some(partial) => (
                partial.iter().filter(|f| view.keeps(f, state)).collect(),
                true,
            ),
            None => (own, false),
        }
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
        let (found, relaxed) = self.find(&criteria, &state, plan)?;
        let (own, radii, toggles) = criteria.views();
        let views = std::iter::once(&own).chain(&radii).chain(&toggles);
        let matched = self.matched(&criteria, &state, found, relaxed, views)?;
        let count = |view: &View| matched.narrowed(view, &state).0.len();
        let counts = Counts {
            radii: radii.iter().map(|v| (v.radius_m, count(v))).collect(),
            toggles: request
                .counts
                .toggles
                .iter()
                .copied()
                .zip(toggles.iter().map(count))
                .collect(),
        };
        let (hits, relaxed) = matched.narrowed(&own, &state);
        Ok(respond(&criteria, &state, &hits, relaxed, plan, counts))
    }

    /// The matches within reach, with the partial matches fetched when a view holds none of them
    /// and its own search would relax the words. (When `found` is empty and not relaxed, the
    /// words could not be relaxed: the text has at most one.)
    fn matched<'v>(
        &self,
        criteria: &Criteria,
        state: &State,
        found: Vec<Found>,
        relaxed: bool,
        mut views: impl Iterator<Item = &'v View>,
    ) -> Result<Matched, EngineError> {
        let relaxable = !relaxed && !found.is_empty();
        let partial = if relaxable && views.any(|v| !found.iter().any(|f| v.keeps(f, state))) {
            self.partial_matches(criteria, state, &found)?
        } else {
            None
        };
        Ok(Matched {
            found,
            relaxed,
            partial,
        })
    }

    /// The services within reach that match some of the words but not all (those in `strict`),
    /// with the relevance the relaxed query gives them; `None` when the text cannot be relaxed
    /// (no words, or one).
    fn partial_matches(
        &self,
        criteria: &Criteria,
        state: &State,
        strict: &[Found],
    ) -> Result<Option<Vec<Found>>, EngineError> {
        if !TextIndex::has_search_terms(&criteria.request.text) {
            return Ok(None);
        }
        let strict: HashSet<u32> = strict.iter().map(|f| f.ord).collect();
        let admitted = |ord: u32| {
            !strict.contains(&ord) && state.entry(ord).and_then(|e| criteria.admit(&e)).is_some()
        };
        let matched =
            self.text
                .search(&criteria.request.text, &criteria.code_filter(), &admitted)?;
        Ok(matched
            .relaxed
            .then(|| admitted_hits(criteria, state, &matched.hits)))
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

    fn find(
        &self,
        criteria: &Criteria,
        state: &State,
        plan: Plan,
    ) -> Result<(Vec<Found>, bool), EngineError> {
        let text = criteria.request.text.as_str();
        match plan {
            Plan::NoText => Ok((geo_matches(criteria, state).collect(), false)),
            Plan::NoPlace if !TextIndex::has_search_terms(text) => {
                let admit = |(ord, entry): (u32, Entry)| {
                    let distance = criteria.admit(&entry)?;
                    Some(Found {
                        ord,
                        relevance: 1.0,
                        distance,
                    })
                };
                let found = match shortest_code_list(criteria, state) {
                    Some(ords) => ords
                        .into_iter()
                        .filter(|&ord| criteria.in_code_lists(state, ord))
                        .filter_map(|ord| Some((ord, state.entry(ord)?)))
                        .filter_map(admit)
                        .collect(),
                    None => state.live().filter_map(admit).collect(),
                };
                Ok((found, false))
            }
            Plan::GeoFirst => {
                let near: HashMap<u32, Option<f64>> = geo_matches(criteria, state)
                    .map(|f| (f.ord, f.distance))
                    .collect();
                let matched = self
                    .text
                    .search(text, &CodeFilter::default(), &|ord: u32| {
                        near.contains_key(&ord)
                    })?;
                let found = matched.hits.iter().map(|hit| Found {
                    ord: hit.ord,
                    relevance: f64::from(hit.score),
                    distance: near.get(&hit.ord).copied().flatten(),
                });
                Ok((found.collect(), matched.relaxed))
            }
            Plan::TextFirst | Plan::NoPlace => {
                let admitted =
                    |ord: u32| state.entry(ord).and_then(|e| criteria.admit(&e)).is_some();
                let matched = self.text.search(text, &criteria.code_filter(), &admitted)?;
                Ok((
                    admitted_hits(criteria, state, &matched.hits),
                    matched.relaxed,
                ))
            }
        }
    }
}

/// Text hits as matches, each with its distance (hits out of reach are dropped).
fn admitted_hits(criteria: &Criteria, state: &State, hits: &[TextHit]) -> Vec<Found> {
    hits.iter()
        .filter_map(|hit| {
            let distance = criteria.admit(&state.entry(hit.ord)?)?;
            Some(Found {
                ord: hit.ord,
                relevance: f64::from(hit.score),
                distance,
            })
        })
        .collect()
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
    ords.into_iter().filter_map(|ord| {
        let distance = criteria.admit(&state.entry(ord)?)?;
        Some(Found {
            ord,
            relevance: 1.0,
            distance,
        })
    })
}

fn respond(
    criteria: &Criteria,
    state: &State,
    found: &[&Found],
    relaxed: bool,
    plan: Plan,
    counts: Counts,
) -> SearchResponse {
    let request = criteria.request;
    let mut ranked: Vec<(f64, Option<f64>, Entry)> = found
        .iter()
        .filter_map(|f| {
            let entry = state.entry(f.ord)?;
            Some((
                criteria.score(f.relevance, &entry, f.distance),
                f.distance,
                entry,
            ))
        })
        .collect();
    ranked.sort_unstable_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| by_distance(a.1, b.1))
            .then_with(|| a.2.id.cmp(b.2.id))
    });
    let facets = facets(ranked.iter().map(|r| r.2), &state.vocabulary.codes);
    let per_page = request.per_page.clamp(1, MAX_PER_PAGE);
    let page = request.page.max(1);
    let hits = ranked
        .iter()
        .skip((page - 1).saturating_mul(per_page))
        .take(per_page)
        .map(|&(score, distance, entry)| SearchHit {
            service_id: entry.id.to_string(),
            distance_m: distance,
            score,
            why: reasons(criteria, state, &entry, distance, relaxed),
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
        relaxed,
        plan,
    }
}

fn facets<'a>(entries: impl Iterator<Item = Entry<'a>>, codes: &Interner) -> Facets {
    let mut counts: [HashMap<u32, usize>; 3] = Default::default();
    for entry in entries {
        let [languages, categories, faiths] = &mut counts;
        for (count, ids) in [
            (languages, entry.languages),
            (categories, entry.categories),
            (faiths, entry.faiths),
        ] {
            for &id in ids {
                *count.entry(id).or_default() += 1;
            }
        }
    }
    let named = |count: HashMap<u32, usize>| -> BTreeMap<String, usize> {
        count
            .into_iter()
            .map(|(id, n)| (codes.name(id).to_owned(), n))
            .collect()
    };
    let [languages, categories, faiths] = counts;
    Facets {
        languages: named(languages),
        categories: named(categories),
        faiths: named(faiths),
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
    entry: &Entry,
    distance: Option<f64>,
    relaxed: bool,
) -> Vec<String> {
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
    if let Some(age) = request.age {
        why.push(age_reason(age, entry));
    }
    if let Some(open) = request.open {
        why.push(open_reason(open));
    }
    if request.free == Some(true) {
        why.push("free".to_owned());
    }
    if relaxed {
        why.push("matches some of your words".to_owned());
    }
    if let (Some(d), Some(near)) = (distance, &request.near) {
        let inside_area =
            d == 0.0 && near.point.is_valid() && entry.areas.iter().any(|a| a.covers(near.point));
        why.push(if inside_area {
            format!("covers {}", near.label)
        } else {
            format!("{} from {}", describe_distance(d), near.label)
        });
    }
    why
}

fn age_reason(age: f64, entry: &Entry) -> String {
    match (entry.minimum_age, entry.maximum_age) {
        (Some(min), Some(max)) => format!("ages {min}-{max}"),
        (Some(min), None) => format!("ages {min} and over"),
        (None, Some(max)) => format!("ages up to {max}"),
        (None, None) => format!("any age (asked {age})"),
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
