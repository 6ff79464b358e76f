//! A §5 query resolved against the engine: its words and codes as interned numbers, and the
//! posting lists a hit must be in.

use signpost_geo::{Point, haversine_m};
use signpost_index::exact_terms;

use super::BenchQuery;
use crate::engine::State;
use crate::entries::Entry;
use crate::postings::Posting;

/// A §5 query resolved against the vocabulary; `None` when something asked for is unknown, so
/// nothing can match.
pub(super) struct Resolved {
    pub(super) words: Vec<String>,
    pub(super) word_ids: Vec<u32>,
    pub(super) language: Option<u32>,
    pub(super) category: Option<u32>,
    pub(super) centre: Option<Point>,
    pub(super) radius_m: Option<f64>,
}

impl Resolved {
    pub(super) fn new(query: &BenchQuery, state: &State) -> Option<Resolved> {
        let words = exact_terms(query.text.as_deref().unwrap_or_default());
        let word_ids = words
            .iter()
            .map(|w| state.vocabulary.words.get(w))
            .collect::<Option<Vec<u32>>>()?;
        let code = |c: &Option<String>| match c {
            Some(code) => state.vocabulary.codes.get(code).map(Some),
            None => Some(None),
        };
        Some(Resolved {
            language: code(&query.language)?,
            category: code(&query.category)?,
            centre: query
                .lat
                .zip(query.lon)
                .map(|(lat, lon)| Point::new(lat, lon)),
            radius_m: query.radius_m,
            words,
            word_ids,
        })
    }

    pub(super) fn passes_filters(&self, entry: &Entry) -> bool {
        self.language.is_none_or(|l| entry.languages.contains(&l))
            && self.category.is_none_or(|c| entry.categories.contains(&c))
    }

    pub(super) fn nearest(&self, entry: &Entry) -> Option<f64> {
        let centre = self.centre?;
        entry
            .points
            .iter()
            .map(|&p| haversine_m(centre, p))
            .min_by(f64::total_cmp)
    }

    fn within(&self, entry: &Entry) -> bool {
        match (self.centre, self.radius_m) {
            (Some(_), Some(radius)) => self.nearest(entry).is_some_and(|d| d <= radius),
            _ => true,
        }
    }

    fn has_words(&self, entry: &Entry) -> bool {
        self.word_ids.iter().all(|&w| entry.has_word(w))
    }

    #[inline]
    pub(super) fn matches(&self, entry: &Entry) -> bool {
        self.has_words(entry) && self.passes_filters(entry) && self.within(entry)
    }
}

/// The posting lists a query's words, language and category ask for, shortest first; a service
/// matches when it is in every one (every live service when there are none).
///
/// Its methods are `#[inline]`: the plans call them in their inner loops from another module,
/// and left as calls (with `found` a call of its own) a query by id ran up to three times slower.
pub(super) struct Constraints<'s> {
    pub(super) lists: Vec<&'s Posting>,
}

impl<'s> Constraints<'s> {
    pub(super) fn new(resolved: &Resolved, state: &'s State) -> Constraints<'s> {
        let mut lists: Vec<&Posting> = resolved
            .word_ids
            .iter()
            .map(|&w| state.bench.word_postings.get(w))
            .collect();
        lists.extend(resolved.language.map(|l| state.language_postings.get(l)));
        lists.extend(resolved.category.map(|c| state.category_postings.get(c)));
        lists.sort_by_key(|l| l.len());
        Constraints { lists }
    }

    #[inline]
    pub(super) fn admits(&self, ord: u32) -> bool {
        self.lists.iter().all(|l| l.contains(ord))
    }

    /// At least as many services as match: the shortest list's length.
    #[inline]
    pub(super) fn estimate(&self, state: &State) -> usize {
        self.lists
            .first()
            .map_or_else(|| state.bench.id_order.sorted().len(), |l| l.len())
    }

    /// Calls `found` with every matching ordinal, in ascending order when there is a list.
    ///
    /// One list gets its own loop with no membership test: left to the optimiser to split out of
    /// the general loop, it was split or not depending on where the caller sits, and a one-word
    /// query by id ran 40% slower when not.
    #[inline]
    pub(super) fn for_each_match(&self, state: &State, mut found: impl FnMut(u32)) {
        match self.lists.split_first() {
            Some((only, [])) => only.ords().iter().for_each(|&ord| found(ord)),
            Some((shortest, rest)) => {
                for &ord in shortest.ords() {
                    if rest.iter().all(|l| l.contains(ord)) {
                        found(ord);
                    }
                }
            }
            None => state
                .bench
                .id_order
                .sorted()
                .iter()
                .for_each(|&ord| found(ord)),
        }
    }

    #[inline]
    pub(super) fn count(&self, state: &State) -> usize {
        match self.lists.as_slice() {
            [] => state.bench.id_order.sorted().len(),
            [only] => only.len(),
            _ => {
                let mut count = 0;
                self.for_each_match(state, |_| count += 1);
                count
            }
        }
    }
}
