//! Queries over the index and the collector that turns documents into the caller's ordinals.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, FuzzyTermQuery, Occur, Query,
    TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, Term};

use crate::analysis::SearchTerm;
use crate::schema::{Fields, ORD};

/// Words this long or longer also match a spelling one edit away.
const FUZZY_MIN_CHARS: usize = 5;
const NAME_BOOST: Score = 2.0;
const FUZZY_BOOST: Score = 0.2;

/// The most words of a search-mode text that are scored (one bit each in [`WordHit::matched`]);
/// words past it are ignored.
pub const MAX_SCORED_WORDS: usize = 64;

/// One document that matched at least one word of a search-mode text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WordHit {
    pub ord: u32,
    /// The sum of the BM25 scores of the words it matched (plus a small constant for near
    /// spellings); higher is better.
    pub score: f32,
    /// Bit `i` is set when it matched word `i` of [`WordMatches::words`].
    pub matched: u64,
}

impl WordHit {
    /// How many of the words it matched.
    pub fn words_matched(&self) -> u32 {
        self.matched.count_ones()
    }
}

/// What each word of a search-mode text matched.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WordMatches {
    /// The words scored: the text's words less English stop words, lower-cased and ASCII-folded,
    /// each once, in the order typed.
    pub words: Vec<String>,
    /// Every admitted document matching at least one word, in no particular order.
    pub hits: Vec<WordHit>,
}

fn term_query(field: tantivy::schema::Field, text: &str, boost: Score) -> Box<dyn Query> {
    let query = TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    );
    Box::new(BoostQuery::new(Box::new(query), boost))
}

/// One search term as a query: its stem in the name or the body, one of its forms in the
/// translations (scored by the best of them), or (long words) a near spelling.
pub(crate) fn one_term(fields: &Fields, term: &SearchTerm) -> Box<dyn Query> {
    let forms: Vec<Box<dyn Query>> = term
        .forms
        .iter()
        .map(|form| term_query(fields.translated, form, 1.0))
        .collect();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
        (
            Occur::Should,
            term_query(fields.name, &term.stem, NAME_BOOST),
        ),
        (Occur::Should, term_query(fields.body, &term.stem, 1.0)),
        (Occur::Should, Box::new(DisjunctionMaxQuery::new(forms))),
    ];
    if term.folded.chars().count() >= FUZZY_MIN_CHARS {
        let fuzzy =
            FuzzyTermQuery::new(Term::from_field_text(fields.folded, &term.folded), 1, true);
        clauses.push((
            Occur::Should,
            Box::new(BoostQuery::new(Box::new(fuzzy), FUZZY_BOOST)),
        ));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// Every one of the search terms required.
pub(crate) fn all_terms(fields: &Fields, terms: &[SearchTerm]) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        terms
            .iter()
            .map(|term| (Occur::Must, one_term(fields, term)))
            .collect(),
    ))
}

/// Facet codes a search-mode match must have: at least one of each non-empty list.
#[derive(Debug, Clone, Copy, Default)]
pub struct CodeFilter<'a> {
    pub languages: &'a [String],
    pub categories: &'a [String],
    pub faiths: &'a [String],
}

/// `query` restricted to the documents `codes` admits, with every score unchanged: each list is
/// a clause that must match and scores 0, so tantivy intersects the posting lists instead of the
/// caller testing every text match.
pub(crate) fn with_codes(
    fields: &Fields,
    query: Box<dyn Query>,
    codes: &CodeFilter,
) -> Box<dyn Query> {
    let lists = [
        (fields.language, codes.languages),
        (fields.category, codes.categories),
        (fields.faith, codes.faiths),
    ];
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = lists
        .into_iter()
        .filter(|(_, wanted)| !wanted.is_empty())
        .map(|(field, wanted)| (Occur::Must, any_code(field, wanted)))
        .collect();
    if clauses.is_empty() {
        return query;
    }
    clauses.push((Occur::Must, query));
    Box::new(BooleanQuery::new(clauses))
}

fn any_code(field: tantivy::schema::Field, codes: &[String]) -> Box<dyn Query> {
    let any = BooleanQuery::new(
        codes
            .iter()
            .map(|code| {
                let term: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(field, code),
                    IndexRecordOption::Basic,
                ));
                (Occur::Should, term)
            })
            .collect(),
    );
    Box::new(ConstScoreQuery::new(Box::new(any), 0.0))
}

/// Every exact §5 word required.
pub(crate) fn all_exact_words(fields: &Fields, words: &[String]) -> BooleanQuery {
    BooleanQuery::new(
        words
            .iter()
            .map(|word| {
                let query: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(fields.words, word),
                    IndexRecordOption::Basic,
                ));
                (Occur::Must, query)
            })
            .collect(),
    )
}

/// Collects `(ordinal, score)` of the matching documents that `admit` accepts.
pub(crate) struct OrdinalCollector<'a> {
    pub admit: &'a (dyn Fn(u32) -> bool + Sync),
    pub scoring: bool,
}

/// The ordinals matched in one segment (filtered by `admit` when segments are merged, since a
/// segment collector must own everything it holds).
pub(crate) struct OrdinalSegmentCollector {
    ords: Column<u64>,
    hits: Vec<(u32, Score)>,
}

impl Collector for OrdinalCollector<'_> {
    type Fruit = Vec<(u32, Score)>;
    type Child = OrdinalSegmentCollector;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<OrdinalSegmentCollector> {
        Ok(OrdinalSegmentCollector {
            ords: reader.fast_fields().u64(ORD)?,
            hits: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scoring
    }

    fn merge_fruits(&self, segments: Vec<Vec<(u32, Score)>>) -> tantivy::Result<Self::Fruit> {
        Ok(segments
            .into_iter()
            .flatten()
            .filter(|(ord, _)| (self.admit)(*ord))
            .collect())
    }
}

impl SegmentCollector for OrdinalSegmentCollector {
    type Fruit = Vec<(u32, Score)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let Some(ord) = self.ords.first(doc).and_then(|o| u32::try_from(o).ok()) {
            self.hits.push((ord, score));
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.hits
    }
}
