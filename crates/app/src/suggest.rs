//! What to try when a search finds nothing: the same search with one understood part taken out,
//! or with a wider radius, each with how many services it finds (docs/api.md, "Suggestions").
//! The page, the API and the CLI offer the same ones.
//!
//! The wider radius, and taking out a radius (back to the 5-mile default), are counts of the
//! search's own pass when it asked for them (a results page does); every other suggestion is one
//! more engine pass, run only for a search that found nothing.

use signpost_engine::{Counts, DEFAULT_RADIUS_M};
use signpost_geo::{METRES_PER_MILE, describe_distance};
use signpost_query::{ParsedQuery, Understood, UnderstoodKind, canonical_query};

/// One search to try instead.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// What it leaves out: an understood part as its chip shows it ("within 1 mile", "speaks
    /// Bengali"), or, for a wider area, the radius it widens ("within 5 miles").
    pub drop: String,
    /// How a page offers it: `Search without "speaks Bengali"`, `Search a wider area: within
    /// 10 miles`.
    pub label: String,
    /// The search to try, as understood.
    pub query: ParsedQuery,
    /// How many services it finds.
    pub total: usize,
}

impl Suggestion {
    /// The search to try as text ([`query_text`]).
    pub fn text(&self) -> String {
        query_text(&self.query)
    }
}

/// The text of a search for these structured parts plus the free-text words.
pub fn query_text(query: &ParsedQuery) -> String {
    [canonical_query(query), query.text.clone()]
        .iter()
        .map(|part| part.trim())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The search without one understood part (a place takes its radius with it).
pub fn without_part(query: &ParsedQuery, part: &Understood) -> ParsedQuery {
    let mut q = query.clone();
    match part.kind {
        UnderstoodKind::Category => q.categories.retain(|c| *c != part.value),
        UnderstoodKind::Language => q.languages.retain(|c| *c != part.value),
        UnderstoodKind::Faith => q.faiths.retain(|c| *c != part.value),
        UnderstoodKind::Near => {
            q.near = None;
            q.radius_m = None;
        }
        UnderstoodKind::Radius => q.radius_m = None,
        UnderstoodKind::Gender => q.gender = None,
        UnderstoodKind::Age => q.age = None,
        UnderstoodKind::AgeRange => q.age_range = None,
        UnderstoodKind::Open => q.open = None,
        UnderstoodKind::Free => q.free = None,
    }
    q
}

/// The radius a query applies around its place.
pub fn applied_radius(query: &ParsedQuery) -> f64 {
    query.radius_m.unwrap_or(DEFAULT_RADIUS_M)
}

/// The radius "a wider area" offers: twice the applied one, and at least 10 miles.
pub fn wider_radius(applied_m: f64) -> f64 {
    (applied_m * 2.0).max(10.0 * METRES_PER_MILE)
}

/// A suggestion still to be counted, with its count when the search's own pass has it.
pub(crate) struct Candidate {
    pub drop: String,
    pub label: String,
    pub query: ParsedQuery,
    pub counted: Option<usize>,
}

/// The searches to try instead of `query`, in the order a page offers them: a wider area (with a
/// place), then each understood part taken out.
pub(crate) fn candidates(query: &ParsedQuery, counts: &Counts) -> Vec<Candidate> {
    let mut found = Vec::new();
    if query.near.is_some() {
        let applied = applied_radius(query);
        let wider = wider_radius(applied);
        let mut wider_query = query.clone();
        wider_query.radius_m = Some(wider);
        found.push(Candidate {
            drop: format!("within {}", describe_distance(applied)),
            label: format!("Search a wider area: within {}", describe_distance(wider)),
            query: wider_query,
            counted: counts.within(wider),
        });
    }
    for part in &query.understood {
        let counted = match part.kind {
            UnderstoodKind::Radius => counts.within(DEFAULT_RADIUS_M),
            _ => None,
        };
        found.push(Candidate {
            drop: part.label.clone(),
            label: format!("Search without \"{}\"", part.label),
            query: without_part(query, part),
            counted,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(input: &str) -> ParsedQuery {
        let places = signpost_geo::Gazetteer::bundled().expect("gazetteer");
        signpost_query::parse(input, places)
    }

    #[test]
    fn a_place_offers_a_wider_area_first_then_each_part_taken_out() {
        let query = parsed("Bengali-speaking mentoring within 1 mile of WS1 1AA");
        let counts = Counts {
            radii: vec![(10.0 * METRES_PER_MILE, 7), (DEFAULT_RADIUS_M, 3)],
            toggles: Vec::new(),
        };
        let found = candidates(&query, &counts);
        assert_eq!(found[0].drop, "within 1 mile");
        assert_eq!(found[0].label, "Search a wider area: within 10.0 miles");
        assert_eq!(found[0].counted, Some(7));
        assert_eq!(found.len(), 1 + query.understood.len());
        let radius = found
            .iter()
            .find(|c| c.query.radius_m.is_none() && c.query.near.is_some())
            .expect("the radius taken out");
        assert_eq!(radius.counted, Some(3));
        let language = found
            .iter()
            .find(|c| c.query.languages.is_empty())
            .expect("the language taken out");
        assert_eq!(language.counted, None);
        assert_eq!(language.query.categories, ["mentoring"]);
    }

    #[test]
    fn no_place_offers_no_wider_area() {
        let query = parsed("Bengali mentoring");
        let found = candidates(&query, &Counts::default());
        assert_eq!(found.len(), query.understood.len());
        assert!(found.iter().all(|c| c.label.starts_with("Search without")));
    }

    #[test]
    fn a_wider_area_is_twice_the_radius_and_at_least_ten_miles() {
        assert_eq!(wider_radius(METRES_PER_MILE), 10.0 * METRES_PER_MILE);
        assert_eq!(wider_radius(8.0 * METRES_PER_MILE), 16.0 * METRES_PER_MILE);
    }
}
