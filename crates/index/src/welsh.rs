//! Welsh words found whatever their mutation and number. Snowball has no Welsh stemmer; Welsh
//! changes a word's first sound after certain words ("cymorth" → "ei gymorth", "fy nghymorth",
//! "a chymorth"), so a search for the dictionary form must find the mutated one and back.
//!
//! Each word stands for every dictionary form ("radical") it could be a mutation of, plus itself,
//! each with a common plural ending taken off. The index holds all of a word's forms at its
//! position and a search looks for any of a word's forms, so "gymorth" and "cymorth" meet at
//! "cymorth", and "gwasanaethau" and "wasanaeth" at "gwasanaeth".

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Initial letters a mutation leaves, longest first, with the radicals each can come from:
/// nasal (ngh→c, mh→p, nh→t, ng→g, m→b, n→d), aspirate (ch→c, ph→p, th→t) and soft (g→c, b→p,
/// d→t, dd→d, f→b or m, l→ll, r→rh) mutation. `ff`, `ll` and `rh` are only ever radicals.
const MUTATIONS: &[(&str, &[&str])] = &[
    ("ngh", &["c"]),
    ("mh", &["p"]),
    ("nh", &["t"]),
    ("ng", &["g"]),
    ("ch", &["c"]),
    ("ph", &["p"]),
    ("th", &["t"]),
    ("dd", &["d"]),
    ("ff", &[]),
    ("ll", &[]),
    ("rh", &[]),
    ("b", &["p"]),
    ("d", &["t"]),
    ("g", &["c"]),
    ("f", &["b", "m"]),
    ("l", &["ll"]),
    ("r", &["rh"]),
    ("m", &["b"]),
    ("n", &["d"]),
];

/// Common plural endings, tried in this order: -iau before -au.
const PLURAL_ENDINGS: &[&str] = &["iau", "oedd", "au", "ion", "od"];

/// The fewest letters left once a plural ending is taken off.
const SHORTEST_STEM_CHARS: usize = 3;

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'w' | 'y')
}

/// The word itself and every radical it could be a mutation of (lower-case input).
pub(crate) fn radicals(word: &str) -> Vec<String> {
    let mut forms = vec![word.to_owned()];
    if let Some((prefix, radicals)) = MUTATIONS.iter().find(|(p, _)| word.starts_with(p)) {
        let rest = &word[prefix.len()..];
        forms.extend(radicals.iter().map(|radical| format!("{radical}{rest}")));
    }
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some('h'), Some(second)) if is_vowel(second) => forms.push(word[1..].to_owned()),
        (Some(first), _) if is_vowel(first) || first == 'l' || first == 'r' => {
            forms.push(format!("g{word}"));
        }
        _ => {}
    }
    forms
}

/// The word with common plural endings taken off while enough of it is left. Taking them off
/// until none is left makes a singular that ends like a plural ("aelod") meet its plural
/// ("aelodau").
pub(crate) fn singular(word: &str) -> &str {
    let mut stem = word;
    while let Some(shorter) = PLURAL_ENDINGS
        .iter()
        .filter_map(|ending| stem.strip_suffix(ending))
        .find(|shorter| shorter.chars().count() >= SHORTEST_STEM_CHARS)
    {
        stem = shorter;
    }
    stem
}

/// Every form a (lower-case) word is indexed and searched under, each once.
pub(crate) fn forms(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for radical in radicals(word) {
        let form = singular(&radical).to_owned();
        if !out.contains(&form) {
            out.push(form);
        }
    }
    out
}

/// A token filter giving each token's [`forms`] at its position.
#[derive(Clone, Copy)]
pub(crate) struct WelshForms;

impl TokenFilter for WelshForms {
    type Tokenizer<T: Tokenizer> = WelshFormsFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> WelshFormsFilter<T> {
        WelshFormsFilter {
            inner,
            pending: Vec::new(),
        }
    }
}

#[derive(Clone)]
pub(crate) struct WelshFormsFilter<T> {
    inner: T,
    pending: Vec<String>,
}

impl<T: Tokenizer> Tokenizer for WelshFormsFilter<T> {
    type TokenStream<'a> = WelshFormsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        self.pending.clear();
        WelshFormsStream {
            tail: self.inner.token_stream(text),
            pending: &mut self.pending,
        }
    }
}

pub(crate) struct WelshFormsStream<'a, T> {
    tail: T,
    /// The forms of the current token still to give, at its position.
    pending: &'a mut Vec<String>,
}

impl<T: TokenStream> TokenStream for WelshFormsStream<'_, T> {
    fn advance(&mut self) -> bool {
        if self.pending.is_empty() {
            if !self.tail.advance() {
                return false;
            }
            let mut forms = forms(&self.tail.token().text);
            forms.reverse();
            *self.pending = forms;
        }
        match self.pending.pop() {
            Some(form) => {
                let token = self.tail.token_mut();
                token.text.clear();
                token.text.push_str(&form);
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether two words share a form: what makes one find the other.
    fn meet(a: &str, b: &str) -> bool {
        let b_forms = forms(b);
        forms(a).iter().any(|form| b_forms.contains(form))
    }

    #[test]
    fn soft_mutations_find_their_radical() {
        for (mutated, radical) in [
            ("gymorth", "cymorth"),
            ("bobl", "pobl"),
            ("deulu", "teulu"),
            ("ddysgu", "dysgu"),
            ("fywyd", "bywyd"),
            ("feddwl", "meddwl"),
            ("lety", "llety"),
            ("raglen", "rhaglen"),
            ("wasanaeth", "gwasanaeth"),
            ("ofal", "gofal"),
        ] {
            assert!(meet(mutated, radical), "{mutated} finds {radical}");
            assert!(meet(radical, mutated), "{radical} finds {mutated}");
        }
    }

    #[test]
    fn nasal_and_aspirate_mutations_find_their_radical() {
        for (mutated, radical) in [
            ("nghymorth", "cymorth"),
            ("mhobl", "pobl"),
            ("nhref", "tref"),
            ("ngwasanaeth", "gwasanaeth"),
            ("mywyd", "bywyd"),
            ("nrws", "drws"),
            ("chymorth", "cymorth"),
            ("phlant", "plant"),
            ("thai", "tai"),
        ] {
            assert!(meet(mutated, radical), "{mutated} finds {radical}");
        }
    }

    #[test]
    fn h_before_a_vowel_is_dropped() {
        assert!(meet("hiechyd", "iechyd"), "ei hiechyd: her health");
        assert!(meet("haelodau", "aelod"));
    }

    #[test]
    fn two_mutations_of_one_radical_find_each_other() {
        assert!(meet("gyngor", "nghyngor"));
        assert!(meet("chyngor", "gyngor"));
    }

    #[test]
    fn common_plurals_are_made_singular() {
        assert_eq!(singular("gwasanaethau"), "gwasanaeth");
        assert_eq!(singular("cyrsiau"), "cyrs");
        assert_eq!(singular("teuluoedd"), "teulu");
        assert_eq!(singular("dynion"), "dyn");
        assert_eq!(singular("aelodau"), singular("aelod"));
        assert_eq!(singular("merchod"), "merch");
        assert_eq!(singular("bod"), "bod", "too short to lose -od");
        assert!(meet("gwasanaethau", "gwasanaeth"));
        assert!(meet("cymunedau", "gymuned"));
    }

    #[test]
    fn different_words_stay_apart() {
        assert!(!meet("cymorth", "cyngor"));
        assert!(!meet("iechyd", "meddwl"));
        assert!(!meet("tai", "plant"));
    }

    #[test]
    fn the_filter_stacks_every_form_at_the_words_position() {
        use tantivy::tokenizer::{SimpleTokenizer, TextAnalyzer};
        let mut analyser = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(WelshForms)
            .build();
        let mut stream = analyser.token_stream("gymorth plant");
        let mut tokens = Vec::new();
        while stream.advance() {
            tokens.push((stream.token().position, stream.token().text.clone()));
        }
        assert_eq!(
            tokens,
            [
                (0, "gymorth".to_owned()),
                (0, "cymorth".to_owned()),
                (1, "plant".to_owned())
            ]
        );
    }
}
