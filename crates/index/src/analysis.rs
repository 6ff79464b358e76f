//! How text is cut into terms: the §5 exact words, and the search-mode analysers.

use hashbrown::HashMap;
use tantivy::Index;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, StopWordFilter, TextAnalyzer,
    Token, TokenFilter, TokenStream, Tokenizer,
};

use crate::script::{self, WordTokenizer};
use crate::welsh::{self, WelshForms};

/// The analyser of the stemmed search fields.
pub(crate) const STEMMED: &str = "signpost_stemmed";
/// The analyser of the unstemmed copy used for fuzzy terms.
pub(crate) const FOLDED: &str = "signpost_folded";
/// The analyser of the translations' field: unstemmed, each word with its Welsh forms.
pub(crate) const TRANSLATED: &str = "signpost_translated";
/// The analyser of the exact §5 field, whose text is already cut by [`exact_words`].
pub(crate) const EXACT: &str = "whitespace";

const LONGEST_WORD_BYTES: usize = 64;

/// Cuts text into words exactly as docs/formats.md says: lower-case the whole text (full Unicode
/// case mapping, as Python's `str.lower()`), then split on every character that is not a letter
/// or digit. "Women's" gives `women` and `s`.
fn exact_words(text: &str) -> impl Iterator<Item = &str> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
}

/// The §5 words of `text` ([`exact_words`] of its lower-cased form), as owned strings.
pub fn exact_terms(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    exact_words(&lower).map(str::to_owned).collect()
}

/// The distinct §5 words of `text`, sorted, with one space between each and the next.
pub(crate) fn distinct_exact_words(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut words: Vec<&str> = exact_words(&lower).collect();
    words.sort_unstable();
    words.dedup();
    words.join(" ")
}

fn folded_analyser() -> TextAnalyzer {
    let builder = TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter);
    match StopWordFilter::new(Language::English) {
        Some(stop_words) => builder.filter(stop_words).dynamic().build(),
        None => builder.dynamic().build(),
    }
}

fn stemmed_analyser() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(MemoStemmer)
        .build()
}

fn translated_analyser() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(WelshForms)
        .build()
}

/// The most stems one analyser remembers; past it the memo starts again.
const STEM_MEMO_WORDS: usize = 1 << 16;

/// English Snowball stemming (as tantivy's `Stemmer`) that remembers the stems it has made: a
/// directory repeats a small vocabulary, and stemming every token afresh was an eighth of the
/// CPU of building the index. Each analyser (one per indexing thread) keeps its own memo.
#[derive(Clone, Copy)]
struct MemoStemmer;

impl TokenFilter for MemoStemmer {
    type Tokenizer<T: Tokenizer> = MemoStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> MemoStemmerFilter<T> {
        MemoStemmerFilter {
            inner,
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
            memo: HashMap::new(),
        }
    }
}

#[derive(Clone)]
struct MemoStemmerFilter<T> {
    inner: T,
    stemmer: frostem::Stemmer,
    memo: HashMap<Box<str>, Box<str>>,
}

impl<T: Tokenizer> Tokenizer for MemoStemmerFilter<T> {
    type TokenStream<'a> = MemoStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MemoStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: self.stemmer,
            memo: &mut self.memo,
        }
    }
}

struct MemoStemmerStream<'a, T> {
    tail: T,
    stemmer: frostem::Stemmer,
    memo: &'a mut HashMap<Box<str>, Box<str>>,
}

impl<T: TokenStream> TokenStream for MemoStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if self.memo.len() >= STEM_MEMO_WORDS && !self.memo.contains_key(token.text.as_str()) {
            self.memo.clear();
        }
        let stemmer = self.stemmer;
        let stem = self
            .memo
            .entry_ref(token.text.as_str())
            .or_insert_with(|| stemmer.stem(&token.text).into());
        token.text.clear();
        token.text.push_str(stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Registers Signpost's analysers with an index (needed after every create and open).
pub(crate) fn register(index: &Index) {
    index.tokenizers().register(FOLDED, folded_analyser());
    index.tokenizers().register(STEMMED, stemmed_analyser());
    index
        .tokenizers()
        .register(TRANSLATED, translated_analyser());
}

/// One search term: its folded form (for fuzzy matching), its stem, and its forms in the
/// translations' field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SearchTerm {
    pub folded: String,
    pub stem: String,
    pub forms: Vec<String>,
}

fn first_token(analyser: &mut TextAnalyzer, text: &str) -> Option<String> {
    let mut stream = analyser.token_stream(text);
    stream.advance().then(|| stream.token().text.clone())
}

/// Whether a folded word is a lone ASCII letter: what a possessive leaves ("women's" gives
/// "women" and "s") or an initial, which would match nearly every service.
fn lone_letter(word: &str) -> bool {
    word.len() == 1 && word.bytes().all(|b| b.is_ascii_alphabetic())
}

/// The search terms of free text (its script normalised): folded words less English stop words
/// and lone letters, each with its stem and Welsh forms.
pub(crate) fn search_terms(text: &str) -> Vec<SearchTerm> {
    let mut folded = folded_analyser();
    let mut stemmer = stemmed_analyser();
    let mut words = Vec::new();
    let text = script::normalise(text);
    let mut stream = folded.token_stream(&text);
    while stream.advance() {
        if !lone_letter(&stream.token().text) {
            words.push(stream.token().text.clone());
        }
    }
    let mut terms: Vec<SearchTerm> = Vec::new();
    for word in words {
        let stem = first_token(&mut stemmer, &word).unwrap_or_else(|| word.clone());
        let term = SearchTerm {
            forms: welsh::forms(&word),
            folded: word,
            stem,
        };
        if !terms.contains(&term) {
            terms.push(term);
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn exact_terms_split_on_every_non_alphanumeric() {
        assert_eq!(
            exact_terms("Women's  Café-Group 2"),
            vec!["women", "s", "café", "group", "2"]
        );
        assert_eq!(exact_terms("Мы говорим"), vec!["мы", "говорим"]);
        assert_eq!(exact_terms("我们讲普通话。"), vec!["我们讲普通话"]);
    }

    #[test]
    fn distinct_exact_words_are_sorted_once_each_and_space_separated() {
        assert_eq!(
            distinct_exact_words("Women's group: women\nmeet Café-group"),
            "café group meet s women"
        );
        assert_eq!(distinct_exact_words(" -- "), "");
    }

    #[test]
    fn lower_casing_is_full_unicode_like_python() {
        assert_eq!(exact_terms("ΟΔΟΣ"), vec!["οδος"]);
    }

    #[test]
    fn search_terms_drop_stop_words_fold_and_stem() {
        let terms = search_terms("Help for the Café mentors");
        let stems: Vec<&str> = terms.iter().map(|t| t.stem.as_str()).collect();
        assert_eq!(stems, vec!["help", "cafe", "mentor"]);
        assert_eq!(terms[2].folded, "mentors");
        let folded: Vec<String> = search_terms("Women's group B 2 x")
            .into_iter()
            .map(|t| t.folded)
            .collect();
        assert_eq!(folded, ["women", "group", "2"], "lone letters dropped");
    }

    /// The analyser as tantivy builds it, with its own (unremembering) stemmer.
    fn reference_stemmed_analyser() -> TextAnalyzer {
        TextAnalyzer::builder(tantivy::tokenizer::SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(LONGEST_WORD_BYTES))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(tantivy::tokenizer::Stemmer::new(Language::English))
            .build()
    }

    fn tokens(analyser: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyser.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn remembered_stems_are_tantivys_stems_even_past_the_memo_limit() {
        let mut memo = stemmed_analyser();
        let mut reference = reference_stemmed_analyser();
        let text = "mentoring mentors Mentored counselling generously running";
        for _ in 0..3 {
            assert_eq!(tokens(&mut memo, text), tokens(&mut reference, text));
        }
        let many: String = (0..STEM_MEMO_WORDS + 10)
            .map(|n| format!("helping{n} "))
            .collect();
        assert_eq!(tokens(&mut memo, &many), tokens(&mut reference, &many));
        assert_eq!(tokens(&mut memo, text), tokens(&mut reference, text));
    }

    proptest! {
        #[test]
        fn stems_match_tantivys_stemmer(text in "[a-zA-Zé ]{0,60}") {
            let mut memo = stemmed_analyser();
            let mut reference = reference_stemmed_analyser();
            prop_assert_eq!(tokens(&mut memo, &text), tokens(&mut reference, &text));
            prop_assert_eq!(tokens(&mut memo, &text), tokens(&mut reference, &text));
        }

        #[test]
        fn distinct_exact_words_are_the_exact_terms_as_a_set(text in "\\PC{0,40}") {
            let expected: std::collections::BTreeSet<String> = exact_terms(&text).into_iter().collect();
            let joined = distinct_exact_words(&text);
            let found: Vec<&str> = joined.split(' ').filter(|w| !w.is_empty()).collect();
            prop_assert_eq!(found.len(), expected.len());
            prop_assert!(found.iter().zip(&expected).all(|(f, e)| f == e));
        }

        #[test]
        fn exact_terms_are_lower_case_alphanumeric_words(text in "\\PC{0,40}") {
            for term in exact_terms(&text) {
                prop_assert!(!term.is_empty());
                prop_assert!(term.chars().all(char::is_alphanumeric));
                prop_assert_eq!(term.to_lowercase(), term.clone());
            }
        }
    }
}
