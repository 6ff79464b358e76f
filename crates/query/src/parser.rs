//! The passes that claim words of the query for structured fields, in order of confidence:
//! postcodes, numbers with units (coordinates, distances, ages, times), capitalised place names of
//! several words, places after "in"/"near", vocabulary words (with spelling correction), then bare
//! place names. Whatever is left is text.

use crate::lexicon::{Lexicon, Meaning};
use crate::model::{AgeRange, Day};
use crate::numbers::{Numeric, numeric_at};
use crate::tokens::Token;
use signpost_domain::Gender;
use signpost_geo::{Place, PlaceKind, PlaceLookup};

/// Words that only link a structured part to the rest ("within 3 miles of", "help with jobs").
const CONNECTORS: &[&str] = &[
    "in",
    "near",
    "nr",
    "within",
    "for",
    "that",
    "with",
    "of",
    "who",
    "which",
    "at",
    "on",
    "by",
    "a",
    "an",
    "the",
    "and",
    "or",
    "to",
    "from",
    "around",
    "under",
    "less",
    "than",
    "up",
    "is",
    "are",
    "can",
    "does",
    "do",
    "help",
    "helps",
    "helping",
    "offer",
    "offers",
    "offering",
    "provide",
    "provides",
    "providing",
    "where",
    "staff",
    "speak",
    "speaks",
    "speaking",
    "open",
    "based",
    "someone",
    "somebody",
    "services",
    "service",
    "support",
    "any",
    "some",
    "about",
    "approx",
    "max",
    "maximum",
    "radius",
    "please",
    "find",
    "looking",
    "need",
    "needs",
    "i",
    "we",
    "after",
    "between",
    "every",
    "until",
    "till",
    "whose",
    "run",
    "led",
];
/// The fewest people a town needs for a misspelt capitalised word, or one after "in" or "near",
/// to be corrected to it ("in prison" is not the village of Priston).
const NAMED_PLACE_PEOPLE: u32 = 10_000;
/// The same for any other word ("leicster"): only large towns and cities.
const BARE_PLACE_PEOPLE: u32 = 50_000;
const PLACE_PREPOSITIONS: &[&str] = &["in", "near", "nr", "around", "at", "of", "from", "outside"];
/// Words before a language that make it the language spoken ("speaks Urdu", "in Polish").
const SPEAK_BEFORE: &[&str] = &["speaks", "speak", "speaking", "fluent", "in"];
/// Words after a language that belong to it ("Bengali-speaking", "Polish speakers"). "Arabic
/// interpreter" is the language and the interpreting category: the lexicon reads "interpreter".
const SPEAK_AFTER: &[&str] = &[
    "speaking",
    "speaker",
    "speakers",
    "speaks",
    "language",
    "languages",
];
/// Words after a faith that belong to it ("church-based", "mosque-led").
const FAITH_AFTER: &[&str] = &["based", "led", "run"];
/// Words after a category that belong to it ("NRPF advice", "mental health support").
const CATEGORY_AFTER: &[&str] = &[
    "advice", "support", "services", "service", "help", "classes", "class", "lessons", "course",
    "courses", "sessions", "group", "groups",
];
/// Words after lower-case "polish" that make it the verb ("polish my CV").
const POLISH_VERB_OBJECTS: &[&str] = &[
    "my", "your", "his", "her", "their", "our", "up", "the", "a", "cv", "off",
];
/// Words before "sat", "sun" or "wed" that make them days.
const DAY_CONTEXT: &[&str] = &[
    "open", "on", "every", "from", "until", "till", "and", "or", "to",
];

const ENGLISH_AS_ESOL: &str = "\"English\" was read as English classes (ESOL); say \"English-speaking\" to filter by language";

/// What a claimed run of words stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Category(&'static str),
    Language(&'static str),
    Faith { code: &'static str, weak: bool },
    Near(Place),
    Radius { metres: f64, label: String },
    Gender(Gender),
    Age(u32),
    AgeRange(AgeRange),
    OpenNow,
    Day(Day),
    Days(&'static [Day]),
    Time(String),
    Free,
}

/// A structured part and the tokens `[first, last]` it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub value: Value,
    pub first: usize,
    pub last: usize,
}

/// The outcome of the passes, before the fields are assembled.
pub struct Analysis {
    pub tokens: Vec<Token>,
    pub parts: Vec<Part>,
    /// Indices of the tokens that stay as text.
    pub text_tokens: Vec<usize>,
    pub notes: Vec<String>,
    /// The place as typed when it was a misspelling the parser corrected ("Wallsall").
    pub typed_place: Option<String>,
}

struct State<'a> {
    input: &'a str,
    tokens: Vec<Token>,
    claimed: Vec<bool>,
    protected: Vec<bool>,
    parts: Vec<Part>,
    notes: Vec<String>,
    typed_place: Option<String>,
    places: &'a dyn PlaceLookup,
    lexicon: &'static Lexicon,
}

/// Runs every pass over `input`.
pub fn analyse(input: &str, places: &dyn PlaceLookup) -> Analysis {
    let tokens = crate::tokens::tokenise(input);
    let n = tokens.len();
    let mut state = State {
        input,
        tokens,
        claimed: vec![false; n],
        protected: vec![false; n],
        parts: Vec::new(),
        notes: Vec::new(),
        typed_place: None,
        places,
        lexicon: Lexicon::get(),
    };
    state.postcodes();
    state.numbers();
    state.capitalised_places();
    state.places_after_prepositions();
    state.vocabulary();
    state.bare_places();
    state.misspelt_places();
    state.unknown_places();
    let text_tokens = state.text_tokens();
    Analysis {
        tokens: state.tokens,
        parts: state.parts,
        text_tokens,
        notes: state.notes,
        typed_place: state.typed_place,
    }
}

fn is_outward_code(key: &str) -> bool {
    let b = key.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_lowercase()).count();
    (1..=2).contains(&letters)
        && b.len() > letters
        && b[letters].is_ascii_digit()
        && b.len() <= letters + 2
        && b[letters + 1..].iter().all(u8::is_ascii_alphanumeric)
}

fn is_inward_code(key: &str) -> bool {
    let b = key.as_bytes();
    b.len() == 3 && b[0].is_ascii_digit() && b[1].is_ascii_lowercase() && b[2].is_ascii_lowercase()
}

fn is_full_postcode(key: &str) -> bool {
    key.is_ascii()
        && key.len() > 3
        && is_inward_code(&key[key.len() - 3..])
        && is_outward_code(&key[..key.len() - 3])
}

/// "St Mary's" without "in" or "near" is far more often a church, school or charity than the
/// ward of that name, so saints' names are only places after a preposition.
fn is_saint(key: &str) -> bool {
    matches!(key, "st" | "saint")
}

fn is_unit_word(key: &str) -> bool {
    matches!(
        key,
        "mi" | "mile"
            | "miles"
            | "km"
            | "kms"
            | "m"
            | "metres"
            | "meters"
            | "min"
            | "mins"
            | "minute"
            | "minutes"
    )
}

impl State<'_> {
    fn free(&self, i: usize) -> bool {
        i < self.tokens.len() && !self.claimed[i] && !self.protected[i]
    }

    fn key(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.key.as_str())
    }

    fn claim(&mut self, first: usize, last: usize, value: Value) {
        for c in &mut self.claimed[first..=last] {
            *c = true;
        }
        self.parts.push(Part { value, first, last });
    }

    fn has_place(&self) -> bool {
        self.parts.iter().any(|p| matches!(p.value, Value::Near(_)))
    }

    /// Marks words as understood but unused (a second place or distance), so they do not end
    /// up in the full-text search.
    fn discard(&mut self, first: usize, last: usize, note: String) {
        for c in &mut self.claimed[first..=last] {
            *c = true;
        }
        self.notes.push(note);
    }

    /// Takes a place; a second one is noted and left out.
    fn take_place(&mut self, first: usize, last: usize, place: Place) -> bool {
        if self.has_place() {
            let note = format!(
                "{}: only one place can be searched around; kept the first",
                place.label
            );
            self.discard(first, last, note);
            return true;
        }
        if let Some(note) = &place.note {
            self.notes.push(format!("{}: {note}", place.label));
        }
        self.claim(first, last, Value::Near(place));
        true
    }

    fn postcodes(&mut self) {
        for i in 0..self.tokens.len() {
            if !self.free(i) {
                continue;
            }
            let key = self.key(i).to_owned();
            if is_full_postcode(&key) {
                self.postcode(i, i);
            } else if is_outward_code(&key) {
                let next = self.key(i + 1).to_owned();
                if self.free(i + 1) && is_inward_code(&next) && !self.tokens[i + 1].after_break() {
                    self.postcode(i, i + 1);
                } else if self.free(i + 1)
                    && next.len() == 1
                    && next.as_bytes()[0].is_ascii_digit()
                    && !is_unit_word(self.key(i + 2))
                {
                    self.lookup_and_take(i, i + 1);
                } else {
                    self.lookup_and_take(i, i);
                }
            }
        }
    }

    /// The words as typed, punctuation between them included ("Newport, Isle of Wight").
    fn phrase(&self, first: usize, last: usize) -> &str {
        self.input
            .get(self.tokens[first].start..self.tokens[last].end)
            .unwrap_or_default()
    }

    fn lookup_and_take(&mut self, first: usize, last: usize) -> bool {
        match self.places.lookup(self.phrase(first, last)) {
            Some(place) => self.take_place(first, last, place),
            None => false,
        }
    }

    /// A full postcode: taken when known, else left as text with a "did you mean".
    fn postcode(&mut self, first: usize, last: usize) {
        if self.lookup_and_take(first, last) {
            return;
        }
        let phrase = self.phrase(first, last).to_uppercase();
        let suggestions = self.places.suggest(&phrase);
        self.notes.push(match suggestions.first() {
            Some(best) => format!("unknown postcode {phrase} - did you mean {best}?"),
            None => format!("unknown postcode {phrase}"),
        });
    }

    fn numbers(&mut self) {
        let mut i = 0;
        while i < self.tokens.len() {
            let found = if self.free(i) {
                numeric_at(&self.tokens, i)
            } else {
                None
            };
            let Some((used, numeric)) = found else {
                i += 1;
                continue;
            };
            let last = i + used - 1;
            if (i..=last).all(|j| self.free(j)) {
                self.take_numeric(i, last, numeric);
            }
            i = last + 1;
        }
    }

    fn take_numeric(&mut self, first: usize, last: usize, numeric: Numeric) {
        let already = |s: &State, f: fn(&Value) -> bool| s.parts.iter().any(|p| f(&p.value));
        match numeric {
            Numeric::Point(point) => {
                let label = format!("{},{}", point.lat, point.lon);
                let place = Place {
                    kind: PlaceKind::Point,
                    label,
                    lat: point.lat,
                    lon: point.lon,
                    lad_code: None,
                    note: None,
                };
                self.take_place(first, last, place);
            }
            Numeric::Radius { metres, label } => {
                if already(self, |v| matches!(v, Value::Radius { .. })) {
                    let note = format!("{label}: only one distance can be used; kept the first");
                    self.discard(first, last, note);
                } else {
                    self.claim(first, last, Value::Radius { metres, label });
                }
            }
            Numeric::BadRadius(label) => self.discard(
                first,
                last,
                format!("{label}: not a usable distance (it must be more than zero and at most 1,500 km)"),
            ),
            Numeric::Age(age) => {
                if already(self, |v| matches!(v, Value::Age(_))) {
                    self.discard(first, last, format!("age {age}: only one age can be used; kept the first"));
                } else {
                    self.claim(first, last, Value::Age(age));
                }
            }
            Numeric::AgeRange(range) => {
                if already(self, |v| matches!(v, Value::AgeRange(_))) {
                    self.discard(first, last, "only one range of ages can be used; kept the first".to_owned());
                } else {
                    self.claim(first, last, Value::AgeRange(range));
                }
            }
            Numeric::Time(time) => self.claim(first, last, Value::Time(time)),
        }
    }

    /// Whether the words `first..=last` read as vocabulary rather than as a place name.
    fn is_vocabulary(&self, first: usize, last: usize) -> bool {
        let joined: Vec<&str> = (first..=last).map(|i| self.key(i)).collect();
        self.lexicon.meanings(&joined.join(" ")).is_some()
    }

    fn followed_by_street_suffix(&self, last: usize) -> bool {
        self.lexicon.is_street_suffix(self.key(last + 1))
    }

    /// "in Walsall", "near Luton", "of B6": the longest known place after the preposition.
    /// A quoted name ("near \"Church\"") is a place even when it is also a vocabulary word.
    fn places_after_prepositions(&mut self) {
        for i in 0..self.tokens.len() {
            if !self.free(i) || !PLACE_PREPOSITIONS.contains(&self.key(i)) {
                continue;
            }
            let start = i + 1;
            if !self.free(start) || CONNECTORS.contains(&self.key(start)) {
                continue;
            }
            self.place_from(start, 4);
        }
    }

    /// "did you mean" for a capitalised word after "in" or "near" that no pass could read.
    fn unknown_places(&mut self) {
        for i in 1..self.tokens.len() {
            let after_preposition = PLACE_PREPOSITIONS.contains(&self.key(i - 1));
            if after_preposition && self.free(i) && !CONNECTORS.contains(&self.key(i)) {
                self.note_unknown_place(i);
            }
        }
    }

    /// Whether a free word could be a misspelt place name: a word of five letters or more that
    /// is not a vocabulary word, an everyday word, a connector or part of a street name.
    fn could_be_misspelt_place(&self, i: usize) -> bool {
        let token = &self.tokens[i];
        self.free(i)
            && token.is_alphabetic()
            && token.key.chars().count() >= 5
            && !is_saint(&token.key)
            && !self.lexicon.is_common_word(&token.key)
            && !self.lexicon.is_known_word(&token.key)
            && !CONNECTORS.contains(&token.key.as_str())
            && !self.followed_by_street_suffix(i)
    }

    /// "in Wallsall", "Birmingam", "leicster": a misspelt town, city or authority, corrected by the
    /// gazetteer when no place was found yet, as close as a vocabulary correction (one edit, two
    /// from eight letters). A capitalised word or one after "in" or "near" may name a town of
    /// 10,000 people or more, with up to two more capitalised words ("Tower Hamlet"); any other
    /// word only a town of 50,000 or more.
    fn misspelt_places(&mut self) {
        for i in 0..self.tokens.len() {
            if self.has_place() {
                return;
            }
            if !self.could_be_misspelt_place(i) {
                continue;
            }
            let after_preposition = i > 0 && PLACE_PREPOSITIONS.contains(&self.key(i - 1));
            let named = after_preposition || self.tokens[i].is_capitalised();
            let (longest, min_population) = if named {
                (3, NAMED_PLACE_PEOPLE)
            } else {
                (1, BARE_PLACE_PEOPLE)
            };
            let edits = crate::lexicon::correction_edits(self.key(i));
            self.misspelt_place_from(i, longest, edits, min_population);
        }
    }

    fn misspelt_place_from(
        &mut self,
        start: usize,
        longest: usize,
        edits: usize,
        min_population: u32,
    ) {
        let mut end = start;
        while end + 1 < self.tokens.len()
            && end + 1 < start + longest
            && self.free(end + 1)
            && self.tokens[end + 1].is_capitalised()
            && !self.tokens[end + 1].after_break()
        {
            end += 1;
        }
        for last in (start..=end).rev() {
            let typed = self.phrase(start, last);
            let Some(place) = self
                .places
                .correct(typed, edits, min_population)
                .and_then(|name| self.places.lookup(&name))
            else {
                continue;
            };
            let typed = typed.to_owned();
            self.notes
                .push(format!("{} (you typed \"{typed}\")", place.label));
            self.typed_place = Some(typed);
            self.take_place(start, last, place);
            return;
        }
    }

    /// Tries the longest run of up to `longest` free words from `start` as a place name.
    fn place_from(&mut self, start: usize, longest: usize) -> bool {
        let mut end = start;
        while end + 1 < self.tokens.len() && end + 1 < start + longest && self.free(end + 1) {
            end += 1;
        }
        let quoted = self.tokens[start].gap.ends_with('"');
        for last in (start..=end).rev() {
            let vocabulary = !quoted && self.is_vocabulary(start, last);
            if vocabulary || self.followed_by_street_suffix(last) {
                continue;
            }
            if self.lookup_and_take(start, last) {
                return true;
            }
        }
        false
    }

    fn note_unknown_place(&mut self, i: usize) {
        let token = &self.tokens[i];
        if !token.is_capitalised()
            || !token.is_alphabetic()
            || self.lexicon.is_known_word(&token.key)
            || self.lexicon.is_common_word(&token.key)
            || self.followed_by_street_suffix(i)
        {
            return;
        }
        if let Some(best) = self.places.suggest(&token.raw).first() {
            self.notes.push(format!(
                "unknown place {} - did you mean {best}?",
                token.raw
            ));
        }
    }

    /// "Sutton Coldfield", "Church Stretton": capitalised names of two or more words that are
    /// not all vocabulary, before their words can be read as vocabulary.
    fn capitalised_places(&mut self) {
        for i in 0..self.tokens.len() {
            if self.has_place() {
                return;
            }
            let token = &self.tokens[i];
            if !self.free(i) || !token.is_capitalised() || is_saint(&token.key) || !self.free(i + 1)
            {
                continue;
            }
            let mut end = i + 1;
            while end + 1 < self.tokens.len() && end < i + 3 && self.free(end + 1) {
                end += 1;
            }
            for last in (i + 1..=end).rev() {
                let all_known = (i..=last).all(|j| self.lexicon.is_known_word(self.key(j)));
                let wordless = (i..=last).any(|j| !self.key(j).chars().any(char::is_alphabetic));
                if all_known || wordless || self.followed_by_street_suffix(last) {
                    continue;
                }
                if self.lookup_and_take(i, last) {
                    break;
                }
            }
        }
    }

    /// "walsall mentoring": leftover words that name a place, when no place was found yet.
    fn bare_places(&mut self) {
        for i in 0..self.tokens.len() {
            if self.has_place() {
                return;
            }
            let token = &self.tokens[i];
            let plausible = self.free(i)
                && !is_saint(&token.key)
                && token.is_alphabetic()
                && token.key.chars().count() >= 4
                && !self.lexicon.is_common_word(&token.key)
                && !self.lexicon.is_known_word(&token.key)
                && !CONNECTORS.contains(&token.key.as_str());
            if plausible {
                self.place_from(i, 3);
            }
        }
    }

    /// A capitalised word inside the query (not its first word, not in capitals throughout) is
    /// taken for a name: "near Paris", "Leicster".
    fn is_proper_noun(&self, i: usize) -> bool {
        let token = &self.tokens[i];
        i > 0 && token.is_capitalised() && token.raw.chars().skip(1).any(char::is_lowercase)
    }

    /// The key used for matching: the word itself, or its spelling correction.
    fn matching_keys(&self) -> Vec<String> {
        (0..self.tokens.len())
            .map(|i| {
                let token = &self.tokens[i];
                if !self.free(i)
                    || self.lexicon.is_common_word(&token.key)
                    || self.plural_or_singular(&token.key).is_some()
                {
                    return token.key.clone();
                }
                match self.lexicon.correction(&token.key, self.is_proper_noun(i)) {
                    Some(fixed) if self.places.lookup(&token.raw).is_none() => fixed.to_owned(),
                    _ => token.key.clone(),
                }
            })
            .collect()
    }

    fn vocabulary(&mut self) {
        let keys = self.matching_keys();
        let mut i = 0;
        while i < self.tokens.len() {
            i = match self
                .free(i)
                .then(|| self.longest_phrase(&keys, i))
                .flatten()
            {
                Some((last, meanings)) => self.apply(i, last, meanings, &keys),
                None => i + 1,
            };
        }
    }

    /// The longest free phrase starting at `first` that the lexicon knows, with its last index.
    fn longest_phrase(&self, keys: &[String], first: usize) -> Option<(usize, &'static [Meaning])> {
        let mut last = first;
        while last + 1 < self.tokens.len()
            && last + 1 < first + self.lexicon.longest_phrase
            && self.free(last + 1)
            && !self.tokens[last + 1].after_break()
        {
            last += 1;
        }
        for end in (first..=last).rev() {
            let phrase = keys[first..=end].join(" ");
            if let Some(meanings) = self.lexicon.meanings(&phrase) {
                return Some((end, meanings));
            }
            if end == first {
                return self.plural_or_singular(&phrase).map(|m| (end, m));
            }
        }
        None
    }

    /// "benefit" for "benefits", "gurdwaras" for "gurdwara": a word the lexicon knows in the
    /// other number.
    fn plural_or_singular(&self, key: &str) -> Option<&'static [Meaning]> {
        if key.chars().count() < 4 || !key.chars().all(char::is_alphabetic) {
            return None;
        }
        match key.strip_suffix('s') {
            Some(singular) => self.lexicon.meanings(singular),
            None => self.lexicon.meanings(&format!("{key}s")),
        }
    }

    /// Claims `first..=last` for its meanings (or protects it), returning where to go on.
    fn apply(
        &mut self,
        first: usize,
        last: usize,
        meanings: &'static [Meaning],
        keys: &[String],
    ) -> usize {
        if self.followed_by_street_suffix(last) && self.free(last + 1) {
            self.protect(first, last + 1);
            return last + 2;
        }
        let mut values = Vec::new();
        for meaning in meanings {
            match self.value_of(*meaning, first, last) {
                Reading::Value(Value::Category("esol")) if *meaning == Meaning::English => {
                    self.notes.push(ENGLISH_AS_ESOL.to_owned());
                    values.push(Value::Category("esol"));
                }
                Reading::Value(value) => values.push(value),
                Reading::Protect => {
                    self.protect(first, last.max(self.polish_object_end(first)));
                    return last + 1;
                }
                Reading::Skip => {}
            }
        }
        if values.is_empty() {
            return first + 1;
        }
        self.note_corrections(first, last, keys);
        for value in values {
            let (from, to) = self.extend(&value, first, last);
            self.claim(from, to, value);
        }
        last + 1
    }

    fn protect(&mut self, first: usize, last: usize) {
        for p in &mut self.protected[first..=last.min(self.tokens.len() - 1)] {
            *p = true;
        }
    }

    fn polish_object_end(&self, first: usize) -> usize {
        if self.key(first) == "polish" && POLISH_VERB_OBJECTS.contains(&self.key(first + 1)) {
            first + 1
        } else {
            first
        }
    }

    fn note_corrections(&mut self, first: usize, last: usize, keys: &[String]) {
        for (token, key) in self.tokens[first..=last].iter().zip(&keys[first..=last]) {
            if *key != token.key {
                self.notes
                    .push(format!("read \"{}\" as \"{key}\"", token.raw));
            }
        }
    }

    fn value_of(&self, meaning: Meaning, first: usize, last: usize) -> Reading {
        let previous = first.checked_sub(1).map_or("", |p| self.key(p));
        let next = self.key(last + 1);
        match meaning {
            Meaning::Protected => Reading::Protect,
            Meaning::Language("pol")
                if first == last
                    && self.tokens[first].raw == "polish"
                    && POLISH_VERB_OBJECTS.contains(&next) =>
            {
                Reading::Protect
            }
            Meaning::Language(code) => Reading::Value(Value::Language(code)),
            Meaning::English
                if SPEAK_BEFORE.contains(&previous)
                    || matches!(next, "speaking" | "speaker" | "speakers") =>
            {
                Reading::Value(Value::Language("eng"))
            }
            Meaning::English => Reading::Value(Value::Category("esol")),
            Meaning::Faith { code, weak } => Reading::Value(Value::Faith { code, weak }),
            Meaning::Category(code) => Reading::Value(Value::Category(code)),
            Meaning::Gender(gender) => Reading::Value(Value::Gender(gender)),
            Meaning::Free if self.tokens[first].hyphenated() || next == "from" => Reading::Skip,
            Meaning::Free => Reading::Value(Value::Free),
            Meaning::OpenNow => Reading::Value(Value::OpenNow),
            Meaning::Day { day, needs_context } => {
                let time_next = self
                    .lexicon
                    .meanings(next)
                    .is_some_and(|m| m.iter().any(|m| matches!(m, Meaning::TimeOfDay(_))));
                if needs_context && !DAY_CONTEXT.contains(&previous) && !time_next {
                    Reading::Skip
                } else {
                    Reading::Value(Value::Day(day))
                }
            }
            Meaning::Days(days) => Reading::Value(Value::Days(days)),
            Meaning::TimeOfDay(time) => Reading::Value(Value::Time(time.to_owned())),
        }
    }

    /// Widens a part over the words that belong to it ("speaks", "-speaking", "-based", "advice").
    fn extend(&self, value: &Value, first: usize, last: usize) -> (usize, usize) {
        let (before, after): (&[&str], &[&str]) = match value {
            Value::Language(_) => (SPEAK_BEFORE, SPEAK_AFTER),
            Value::Faith { .. } => (&[], FAITH_AFTER),
            Value::Category("faith-support") => (&[], FAITH_AFTER),
            Value::Category(_) => (&[], CATEGORY_AFTER),
            _ => (&[], &[]),
        };
        let mut from = first;
        if from > 0 && self.free(from - 1) && before.contains(&self.key(from - 1)) {
            from -= 1;
        }
        let mut to = last;
        while self.free(to + 1)
            && after.contains(&self.key(to + 1))
            && !self.tokens[to + 1].after_break()
        {
            to += 1;
        }
        (from, to)
    }

    /// The tokens left as text: free words, minus connecting words next to a structured part (a
    /// connecting word hyphenated to another, "drop-in", stays with it).
    fn text_tokens(&self) -> Vec<usize> {
        let n = self.tokens.len();
        let joined = |i: usize| {
            self.tokens[i].hyphenated() || self.tokens.get(i + 1).is_some_and(Token::hyphenated)
        };
        let is_connector =
            |i: usize| self.free(i) && CONNECTORS.contains(&self.key(i)) && !joined(i);
        let mut dropped = vec![false; n];
        let mut i = 0;
        while i < n {
            if !is_connector(i) {
                i += 1;
                continue;
            }
            let start = i;
            while i < n && is_connector(i) {
                i += 1;
            }
            let touches_left = start > 0 && self.claimed[start - 1];
            let touches_right = i < n && self.claimed[i];
            if touches_left || touches_right {
                for d in &mut dropped[start..i] {
                    *d = true;
                }
            }
        }
        (0..n)
            .filter(|&i| !self.claimed[i] && !dropped[i])
            .collect()
    }
}

enum Reading {
    Value(Value),
    Protect,
    Skip,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcode_shapes() {
        for outward in ["b6", "ws1", "sw1a", "m1", "ec1v"] {
            assert!(is_outward_code(outward), "{outward}");
        }
        for not_outward in ["6b", "abc1", "b", "b66666", "dv", "ǅ1"] {
            assert!(!is_outward_code(not_outward), "{not_outward}");
        }
        assert!(is_inward_code("1aa"));
        assert!(!is_inward_code("1a"));
        assert!(is_full_postcode("ws11aa"));
        assert!(is_full_postcode("sw1a1aa"));
        assert!(!is_full_postcode("ws1"));
        assert!(
            !is_full_postcode("ѩ🕴aa"),
            "non-ASCII never slices mid-character"
        );
    }

    #[test]
    fn saints_are_not_bare_places() {
        assert!(is_saint("st"));
        assert!(!is_saint("stoke"));
    }
}
