//! Text in Arabic, Urdu and Bengali script made comparable before it is cut into words: the
//! same word typed with or without its optional marks, or with another of the letters writers
//! use interchangeably, gives the same terms.

use std::borrow::Cow;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Unicode NFKC, then: Arabic vowel marks (harakat), the superscript alef, Qur'anic annotation
/// marks and the tatweel stripped; the alef forms أ إ آ ٱ written ا; ى written ي; ة written ه;
/// Urdu ی, ک, ہ, ۃ written as the Arabic ي, ك, ه, ه; the zero-width joiner and non-joiner
/// (Bengali conjuncts) stripped. Repeated until nothing changes, so it is idempotent.
/// ASCII text is returned as it is.
pub fn normalise(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut current = one_pass(text);
    loop {
        let next = one_pass(&current);
        if next == current {
            return Cow::Owned(current);
        }
        current = next;
    }
}

fn one_pass(text: &str) -> String {
    text.nfkc().filter_map(unify).collect()
}

/// The written form a character is compared as; `None` for a character left out.
fn unify(c: char) -> Option<char> {
    match c {
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' => None,
        '\u{0640}' | '\u{200C}' | '\u{200D}' => None,
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' => Some('\u{0627}'),
        '\u{0649}' | '\u{06CC}' => Some('\u{064A}'),
        '\u{0629}' | '\u{06C1}' | '\u{06C3}' => Some('\u{0647}'),
        '\u{06A9}' => Some('\u{0643}'),
        other => Some(other),
    }
}

/// Whether a character belongs to a word: a letter or digit, or a combining mark (a Bengali
/// vowel sign or virama), which must not split the word it sits in.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Splits text into words of letters, digits and combining marks (tantivy's `SimpleTokenizer`
/// splits at every mark that is not alphabetic, such as the Bengali virama).
#[derive(Clone, Default)]
pub(crate) struct WordTokenizer {
    token: Token,
}

pub(crate) struct WordStream<'a> {
    text: &'a str,
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream {
            text,
            chars: text.char_indices().peekable(),
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        self.token.position = self.token.position.wrapping_add(1);
        let Some((from, _)) = self.chars.find(|&(_, c)| is_word_char(c)) else {
            return false;
        };
        let mut to = self.text.len();
        for (offset, c) in self.chars.by_ref() {
            if !is_word_char(c) {
                to = offset;
                break;
            }
        }
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.text.push_str(&self.text[from..to]);
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn words(text: &str) -> Vec<String> {
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn arabic_marks_and_letter_variants_are_unified() {
        assert_eq!(normalise("مُسَاعَدَة"), "مساعده", "harakat stripped, ة as ه");
        assert_eq!(normalise("إسلام أمل آمن"), "اسلام امل امن");
        assert_eq!(normalise("مستشفى"), "مستشفي");
        assert_eq!(normalise("صحـــة"), "صحه", "tatweel stripped");
        assert_eq!(normalise("ﻻ"), "لا", "presentation forms by NFKC");
    }

    #[test]
    fn urdu_letters_are_written_as_their_arabic_twins() {
        assert_eq!(normalise("مدد کی"), normalise("مدد كي"));
        assert_eq!(normalise("صحت مند زندگی"), "صحت مند زندگي");
        assert_eq!(normalise("ذہنی"), "ذهني");
    }

    #[test]
    fn bengali_is_composed_and_loses_its_joiners() {
        let decomposed = "\u{09A1}\u{09BC}"; // ড + nukta
        assert_eq!(normalise(decomposed), normalise("\u{09DC}"));
        assert_eq!(normalise("স্\u{200D}বাস্থ্য"), "স্বাস্থ্য");
    }

    #[test]
    fn ascii_text_is_borrowed_unchanged() {
        assert!(matches!(
            normalise("Mental health"),
            Cow::Borrowed("Mental health")
        ));
    }

    #[test]
    fn marks_do_not_split_words() {
        assert_eq!(words("মানসিক স্বাস্থ্য, সহায়তা"), ["মানসিক", "স্বাস্থ্য", "সহায়তা"]);
        assert_eq!(words("Women's group-2"), ["Women", "s", "group", "2"]);
        assert_eq!(words(" ۔ "), Vec::<String>::new());
    }

    proptest! {
        #[test]
        fn normalise_is_idempotent(text in "\\PC{0,24}") {
            let once = normalise(&text).into_owned();
            prop_assert_eq!(normalise(&once).into_owned(), once);
        }

        #[test]
        fn normalise_is_idempotent_on_arabic_bengali_and_marks(
            text in "[\u{0600}-\u{06FF}\u{0980}-\u{09FF}\u{0300}-\u{036F}\u{200C}\u{200D}a-e ]{0,24}"
        ) {
            let once = normalise(&text).into_owned();
            prop_assert_eq!(normalise(&once).into_owned(), once);
        }
    }
}
