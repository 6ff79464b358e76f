//! The words the parser knows: languages, faiths, categories, who a service is for, cost and
//! opening times, built once from the domain vocabularies and the bundled language tables.

use crate::model::Day;
use crate::tokens::keys;
use signpost_domain::{Gender, vocab};
use signpost_geo::{DeletionMap, deletion_keys, index_deletions};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const LANGUAGE_ALIASES: &str = include_str!("../data/language_aliases.tsv");
const LANGUAGE_NAMES: &str = include_str!("../data/language_names.tsv");

/// What a dictionary phrase means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    Language(&'static str),
    /// A faith; `weak` words ("temple", "orthodox") give way to a faith named outright.
    Faith {
        code: &'static str,
        weak: bool,
    },
    Category(&'static str),
    Gender(Gender),
    Free,
    OpenNow,
    /// A day; `needs_context` for abbreviations that are also words ("sat", "sun", "wed").
    Day {
        day: Day,
        needs_context: bool,
    },
    Days(&'static [Day]),
    /// A part of the day, as the time a service must be open at ("evening": "18:00").
    TimeOfDay(&'static str),
    /// "English": a language after "speaks" or before "speaking", otherwise ESOL.
    English,
    /// Words that must stay as text ("near me", "Irish Traveller").
    Protected,
}

/// Extra category words: abbreviations and job titles practitioners use.
const CATEGORY_EXTRAS: &[(&str, &str)] = &[
    ("mh", "mental-health"),
    ("counsellor", "mental-health"),
    ("counselor", "mental-health"),
    ("therapist", "mental-health"),
    ("psychologist", "mental-health"),
    ("emotional support", "mental-health"),
    ("careers", "employment"),
    ("employability", "employment"),
    ("english language classes", "esol"),
    ("english course", "esol"),
    ("english language", "esol"),
    ("english conversation", "esol"),
    ("asylum seeker", "immigration-advice"),
    ("young person", "youth"),
    ("lawyer", "legal-advice"),
    ("refuge", "domestic-abuse"),
    ("womens centre", "womens-services"),
    ("womens center", "womens-services"),
    ("womens services", "womens-services"),
    ("womens service", "womens-services"),
];

const FAITH_EXTRAS: &[(&str, &str)] = &[
    ("quaker", "christian"),
    ("roman catholic", "christian"),
    ("church based", "christian"),
    ("mosque based", "muslim"),
    ("gurdwara based", "sikh"),
    ("sikh temple", "sikh"),
    ("buddhist temple", "buddhist"),
    ("hindu temple", "hindu"),
    ("jain temple", "other"),
];

/// Faith words that also name other faiths' buildings or branches.
const WEAK_FAITH_WORDS: &[&str] = &["temple", "orthodox"];

const FEMALE: &[&str] = &[
    "female",
    "females",
    "woman",
    "women",
    "womens",
    "lady",
    "ladies",
    "girls",
    "women only",
    "female only",
    "ladies only",
    "womens only",
    "for women",
];
const MALE: &[&str] = &[
    "male",
    "males",
    "men",
    "mens",
    "gents",
    "boys",
    "men only",
    "male only",
    "mens only",
    "for men",
];
const FREE: &[&str] = &[
    "free",
    "no cost",
    "free of charge",
    "no charge",
    "without charge",
    "costs nothing",
    "gratis",
];
const OPEN_NOW: &[&str] = &["open now", "now open", "currently open", "open right now"];
const PROTECTED: &[&str] = &[
    "near me",
    "nearby",
    "near here",
    "close to me",
    "close by",
    "local",
    "locally",
    "in my area",
    "around here",
    "around me",
    "irish traveller",
    "irish travellers",
    "irish traveler",
    "irish travelers",
];
const WEEKDAYS: &[Day] = &[Day::Mon, Day::Tue, Day::Wed, Day::Thu, Day::Fri];
const WEEKEND: &[Day] = &[Day::Sat, Day::Sun];
const DAY_WORDS: &[(Day, &[&str], &[&str])] = &[
    (Day::Mon, &["monday", "mondays", "mon"], &[]),
    (Day::Tue, &["tuesday", "tuesdays", "tue", "tues"], &[]),
    (Day::Wed, &["wednesday", "wednesdays", "weds"], &["wed"]),
    (
        Day::Thu,
        &["thursday", "thursdays", "thu", "thur", "thurs"],
        &[],
    ),
    (Day::Fri, &["friday", "fridays", "fri"], &[]),
    (Day::Sat, &["saturday", "saturdays"], &["sat"]),
    (Day::Sun, &["sunday", "sundays"], &["sun"]),
];
const TIMES_OF_DAY: &[(&str, &str)] = &[
    ("morning", "10:00"),
    ("mornings", "10:00"),
    ("lunchtime", "12:00"),
    ("lunchtimes", "12:00"),
    ("afternoon", "14:00"),
    ("afternoons", "14:00"),
    ("evening", "18:00"),
    ("evenings", "18:00"),
];

/// Everyday words that are never corrected to a vocabulary word nor looked up as a bare place
/// name, although some are near a known word ("drums", "wealth") or a town ("Street", "March").
pub const COMMON_WORDS: &[&str] = &[
    "about",
    "above",
    "access",
    "address",
    "adult",
    "adults",
    "advice",
    "after",
    "again",
    "agency",
    "ages",
    "also",
    "area",
    "around",
    "based",
    "before",
    "being",
    "best",
    "better",
    "between",
    "bridge",
    "can",
    "care",
    "carer",
    "carers",
    "centre",
    "center",
    "centres",
    "charity",
    "check",
    "child",
    "class",
    "classes",
    "close",
    "club",
    "community",
    "contact",
    "could",
    "council",
    "course",
    "cover",
    "crisis",
    "daily",
    "deal",
    "drop",
    "drums",
    "during",
    "each",
    "early",
    "every",
    "family",
    "find",
    "first",
    "from",
    "fund",
    "give",
    "group",
    "groups",
    "guide",
    "have",
    "hello",
    "help",
    "helps",
    "helping",
    "here",
    "home",
    "hope",
    "hours",
    "house",
    "into",
    "just",
    "kind",
    "late",
    "later",
    "less",
    "like",
    "line",
    "list",
    "live",
    "living",
    "local",
    "long",
    "looking",
    "lunch",
    "march",
    "mark",
    "meet",
    "meeting",
    "more",
    "most",
    "must",
    "name",
    "need",
    "needs",
    "network",
    "new",
    "next",
    "night",
    "north",
    "south",
    "east",
    "west",
    "offer",
    "offers",
    "office",
    "only",
    "open",
    "other",
    "over",
    "person",
    "place",
    "please",
    "point",
    "project",
    "provide",
    "provides",
    "reading",
    "record",
    "sale",
    "same",
    "send",
    "service",
    "services",
    "session",
    "sessions",
    "shop",
    "some",
    "someone",
    "staff",
    "start",
    "still",
    "stone",
    "street",
    "support",
    "supports",
    "team",
    "than",
    "that",
    "their",
    "them",
    "there",
    "these",
    "they",
    "thing",
    "this",
    "those",
    "time",
    "times",
    "today",
    "tomorrow",
    "trains",
    "trust",
    "under",
    "until",
    "ware",
    "wealth",
    "week",
    "weekly",
    "well",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "with",
    "within",
    "without",
    "worker",
    "workers",
    "would",
    "your",
    "hub",
    "hall",
    "road",
    "lane",
    "advocate",
    "advocacy",
    "wells",
    "bury",
    "mold",
    "wool",
    "mile",
    "miles",
    "metre",
    "metres",
    "meter",
    "meters",
    "minute",
    "minutes",
    "walk",
    "walking",
    "year",
    "years",
    "aged",
];

/// Words that end a street or building name: a vocabulary word before one of them is part of an
/// address ("Temple Street", "Church Road", "Jordan Well"), not a filter.
pub const STREET_SUFFIXES: &[&str] = &[
    "street", "st", "road", "rd", "lane", "ln", "avenue", "ave", "way", "well", "hill", "close",
    "place", "square", "sq", "green", "terrace", "drive", "crescent", "cres", "gardens", "grove",
    "row", "court", "mews", "wharf", "yard", "parade", "circus", "gate", "fields", "walk", "view",
];

/// Real words that are one slip from a vocabulary word of another meaning: never corrected to
/// it ("women's refuge" is not refugee advice, "near Paris" is not a parish church, "Roman" is not
/// the Romani language). Each is `(word as typed, vocabulary word it must not become)`.
pub const CONFUSABLE: &[(&str, &str)] = &[
    ("refuge", "refugee"),
    ("refuges", "refugee"),
    ("refuges", "refugees"),
    ("paris", "parish"),
    ("moscow", "mosque"),
    ("roman", "romani"),
    ("roman", "romany"),
    ("romans", "romani"),
    ("player", "prayer"),
    ("players", "prayer"),
    ("players", "prayers"),
    ("muslin", "muslim"),
    ("temples", "temple"),
];

/// Faith synonyms that are names (written with a capital), besides the faiths' own names.
const PROPER_FAITH_WORDS: &[&str] = &[
    "islam",
    "islamic",
    "christianity",
    "hinduism",
    "sikhism",
    "judaism",
    "buddhism",
    "catholic",
    "anglican",
    "pentecostal",
    "baptist",
    "methodist",
    "evangelical",
    "rastafari",
    "rastafarian",
    "jain",
    "jainism",
    "bahai",
    "zoroastrian",
    "sunni",
    "shia",
    "khalsa",
    "swaminarayan",
    "vaishnav",
];

/// Longer words are never corrected: no vocabulary word is near that long.
const LONGEST_CORRECTED: usize = 30;

/// How many edits a vocabulary correction may make to a word: one, two from eight letters.
pub fn correction_edits(key: &str) -> usize {
    if key.chars().count() >= 8 { 2 } else { 1 }
}

/// The compiled dictionary.
pub struct Lexicon {
    phrases: HashMap<String, Vec<Meaning>>,
    pub longest_phrase: usize,
    language_names: HashMap<&'static str, &'static str>,
    /// The first alias of each language code in the bundled table.
    language_aliases: HashMap<&'static str, &'static str>,
    /// Latin-letter dictionary words, the targets of spelling correction.
    words: Vec<String>,
    word_set: HashSet<String>,
    /// Words of names written with a capital (languages, faiths, days): the only corrections a
    /// capitalised word inside a query may get, as it is otherwise a proper noun.
    proper: HashSet<String>,
    /// The deletion keys of each word (up to two letters deleted), to the words they came from.
    deletions: DeletionMap,
    common: HashSet<&'static str>,
    street_suffixes: HashSet<&'static str>,
}

impl Lexicon {
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(build)
    }

    /// The meanings of a phrase given as its word keys joined by single spaces.
    pub fn meanings(&self, phrase: &str) -> Option<&[Meaning]> {
        self.phrases.get(phrase).map(Vec::as_slice)
    }

    pub fn is_known_word(&self, key: &str) -> bool {
        self.word_set.contains(key) || self.phrases.contains_key(key)
    }

    pub fn is_common_word(&self, key: &str) -> bool {
        self.common.contains(key)
    }

    pub fn is_street_suffix(&self, key: &str) -> bool {
        self.street_suffixes.contains(key)
    }

    /// The English name of a language code ("pan": "Punjabi").
    pub fn language_name(&self, code: &str) -> String {
        self.language_names
            .get(code)
            .map(|name| (*name).to_owned())
            .or_else(|| vocab::language(code).map(|l| l.name.to_owned()))
            .unwrap_or_else(|| code.to_owned())
    }

    /// A name that the parser reads back as this language code (for canonical queries).
    pub fn language_alias(&self, code: &str) -> String {
        self.language_aliases
            .get(code)
            .map_or_else(|| self.language_name(code), |alias| (*alias).to_owned())
    }

    /// Every language code in the bundled table with its canonical alias, sorted by code.
    pub fn all_language_aliases(&self) -> Vec<(&'static str, &'static str)> {
        let mut all: Vec<_> = self
            .language_aliases
            .iter()
            .map(|(c, a)| (*c, *a))
            .collect();
        all.sort_unstable();
        all
    }

    /// The one dictionary word a misspelt word most likely meant: within edit distance 1 (2 for
    /// words of 8 or more letters), and no other word as close. `None` for known words, short
    /// words, ties, and the [`CONFUSABLE`] real words. `proper_only`: the word was capitalised
    /// inside the query, so it may only become a name (a language, faith or day).
    pub fn correction(&self, key: &str, proper_only: bool) -> Option<&str> {
        let length = key.chars().count();
        if !(5..=LONGEST_CORRECTED).contains(&length)
            || !key.chars().all(|c| c.is_ascii_alphabetic())
            || self.is_known_word(key)
        {
            return None;
        }
        let limit = correction_edits(key);
        let mut best: Option<(usize, u32)> = None;
        let mut tied = false;
        let mut seen = Vec::new();
        for variant in deletion_keys(key, limit) {
            for &index in self.deletions.get(&variant).into_iter().flatten() {
                if seen.contains(&index) {
                    continue;
                }
                seen.push(index);
                let distance = vocab::edit_distance(key, &self.words[index as usize]);
                if distance > limit {
                    continue;
                }
                match best {
                    Some((d, _)) if distance > d => {}
                    Some((d, _)) if distance == d => tied = true,
                    _ => {
                        best = Some((distance, index));
                        tied = false;
                    }
                }
            }
        }
        let word = match best {
            Some((_, index)) if !tied => self.words[index as usize].as_str(),
            _ => return None,
        };
        let confused = CONFUSABLE.contains(&(key, word));
        let improper = proper_only && !self.proper.contains(word);
        (!confused && !improper).then_some(word)
    }
}

fn data_lines(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| line.split('\t').collect())
}

struct Builder {
    phrases: HashMap<String, Vec<Meaning>>,
}

impl Builder {
    fn add(&mut self, phrase: &str, meaning: Meaning) {
        let key = keys(phrase).join(" ");
        if key.is_empty() {
            return;
        }
        let meanings = self.phrases.entry(key).or_default();
        if !meanings.contains(&meaning) {
            meanings.push(meaning);
        }
    }

    fn replace(&mut self, phrase: &str, meaning: Meaning) {
        let key = keys(phrase).join(" ");
        self.phrases.insert(key, vec![meaning]);
    }
}

fn build() -> Lexicon {
    let mut b = Builder {
        phrases: HashMap::new(),
    };
    add_languages(&mut b);
    add_categories(&mut b);
    add_faiths(&mut b);
    add_people_cost_and_times(&mut b);
    let phrases = b.phrases;
    let longest_phrase = phrases
        .keys()
        .map(|k| k.split(' ').count())
        .max()
        .unwrap_or(1);
    let word_set: HashSet<String> = phrases
        .keys()
        .flat_map(|k| k.split(' '))
        .filter(|w| w.len() >= 4 && w.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_owned)
        .collect();
    let mut words: Vec<String> = word_set.iter().cloned().collect();
    words.sort();
    let proper = proper_words(&word_set);
    let mut deletions = DeletionMap::default();
    for (index, word) in (0u32..).zip(&words) {
        let limit = if word.len() >= 7 { 2 } else { 1 };
        index_deletions(&mut deletions, deletion_keys(word, limit), index);
    }
    let language_names = data_lines(LANGUAGE_NAMES)
        .filter_map(|f| Some((*f.first()?, *f.get(1)?)))
        .collect();
    let mut language_aliases = HashMap::new();
    for fields in data_lines(LANGUAGE_ALIASES) {
        if let (Some(alias), Some(code)) = (fields.first(), fields.get(1)) {
            language_aliases.entry(*code).or_insert(*alias);
        }
    }
    Lexicon {
        phrases,
        longest_phrase,
        language_names,
        language_aliases,
        words,
        word_set,
        proper,
        deletions,
        common: COMMON_WORDS.iter().copied().collect(),
        street_suffixes: STREET_SUFFIXES.iter().copied().collect(),
    }
}

/// The dictionary words that come from names written with a capital: language names, faiths and
/// days of the week.
fn proper_words(words: &HashSet<String>) -> HashSet<String> {
    let languages = data_lines(LANGUAGE_ALIASES)
        .filter_map(|fields| fields.first().copied())
        .filter(|alias| alias.starts_with(char::is_uppercase));
    let faiths = vocab::faiths()
        .iter()
        .flat_map(|faith| [faith.code, faith.census_category])
        .chain(PROPER_FAITH_WORDS.iter().copied());
    let days = Day::ALL.iter().map(|day| day.name());
    languages
        .chain(faiths)
        .chain(days)
        .flat_map(keys)
        .filter(|key| words.contains(key))
        .collect()
}

fn add_languages(b: &mut Builder) {
    for fields in data_lines(LANGUAGE_ALIASES) {
        if let (Some(alias), Some(code)) = (fields.first(), fields.get(1)) {
            b.add(alias, Meaning::Language(code));
        }
    }
    b.replace("english", Meaning::English);
}

fn add_categories(b: &mut Builder) {
    for category in vocab::categories() {
        b.add(
            &category.code.replace('-', " "),
            Meaning::Category(category.code),
        );
        b.add(category.name, Meaning::Category(category.code));
        for synonym in &category.synonyms {
            b.add(synonym, Meaning::Category(category.code));
        }
    }
    for (phrase, code) in CATEGORY_EXTRAS {
        b.add(phrase, Meaning::Category(code));
    }
}

fn add_faiths(b: &mut Builder) {
    for faith in vocab::faiths() {
        b.add(faith.code, faith_meaning(faith.code, faith.code));
        for synonym in &faith.synonyms {
            b.add(synonym, faith_meaning(faith.code, synonym));
        }
    }
    for (phrase, code) in FAITH_EXTRAS {
        b.replace(phrase, faith_meaning(code, phrase));
    }
    b.replace("faith", Meaning::Category("faith-support"));
}

fn faith_meaning(code: &'static str, word: &str) -> Meaning {
    Meaning::Faith {
        code,
        weak: WEAK_FAITH_WORDS.contains(&word),
    }
}

fn add_people_cost_and_times(b: &mut Builder) {
    for phrase in FEMALE {
        b.replace(phrase, Meaning::Gender(Gender::Female));
    }
    for phrase in MALE {
        b.replace(phrase, Meaning::Gender(Gender::Male));
    }
    for phrase in FREE {
        b.replace(phrase, Meaning::Free);
    }
    for phrase in OPEN_NOW {
        b.replace(phrase, Meaning::OpenNow);
    }
    for phrase in PROTECTED {
        b.replace(phrase, Meaning::Protected);
    }
    for (day, words, ambiguous) in DAY_WORDS {
        for word in *words {
            b.replace(
                word,
                Meaning::Day {
                    day: *day,
                    needs_context: false,
                },
            );
        }
        for word in *ambiguous {
            b.replace(
                word,
                Meaning::Day {
                    day: *day,
                    needs_context: true,
                },
            );
        }
    }
    for word in ["weekend", "weekends"] {
        b.replace(word, Meaning::Days(WEEKEND));
    }
    for word in ["weekday", "weekdays"] {
        b.replace(word, Meaning::Days(WEEKDAYS));
    }
    for (word, time) in TIMES_OF_DAY {
        b.replace(word, Meaning::TimeOfDay(time));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meaning(phrase: &str) -> Vec<Meaning> {
        Lexicon::get()
            .meanings(&keys(phrase).join(" "))
            .map(<[Meaning]>::to_vec)
            .unwrap_or_default()
    }

    #[test]
    fn languages_follow_the_macrolanguage_rule() {
        for (alias, code) in [
            ("Bangla", "ben"),
            ("Sylheti", "syl"),
            ("Mirpuri", "phr"),
            ("Pothwari", "phr"),
            ("Farsi", "fas"),
            ("Persian", "fas"),
            ("Dari", "prs"),
            ("Sorani", "ckb"),
            ("Kurmanji", "kmr"),
            ("Kurdish", "kur"),
            ("Patois", "jam"),
            ("Arabic", "ara"),
            ("Albanian", "sqi"),
            ("Pashto", "pus"),
            ("Chinese", "zho"),
            ("Malay", "msa"),
            ("Cantonese", "yue"),
            ("Mandarin", "cmn"),
            ("বাংলা", "ben"),
            ("ਪੰਜਾਬੀ", "pan"),
            ("polski", "pol"),
            ("Soomaali", "som"),
        ] {
            assert_eq!(meaning(alias), [Meaning::Language(code)], "{alias}");
        }
    }

    #[test]
    fn shared_words_carry_every_meaning() {
        assert_eq!(
            meaning("imam"),
            [
                Meaning::Category("faith-support"),
                Meaning::Faith {
                    code: "muslim",
                    weak: false
                }
            ]
        );
        assert_eq!(meaning("women"), [Meaning::Gender(Gender::Female)]);
        assert_eq!(
            meaning("Women's centre"),
            [Meaning::Category("womens-services")]
        );
        assert_eq!(meaning("english classes"), [Meaning::Category("esol")]);
    }

    #[test]
    fn corrections_need_one_clear_winner() {
        let lexicon = Lexicon::get();
        assert_eq!(lexicon.correction("mentorng", false), Some("mentoring"));
        assert_eq!(lexicon.correction("bengli", false), Some("bengali"));
        assert_eq!(
            lexicon.correction("counseling", false),
            None,
            "already a known word"
        );
        assert_eq!(lexicon.correction("urdo", false), None, "too short");
        assert_eq!(lexicon.correction("xylophone", false), None);
    }

    #[test]
    fn confusable_words_are_never_corrected_into_each_other() {
        let lexicon = Lexicon::get();
        for (word, not_this) in CONFUSABLE {
            assert_ne!(lexicon.correction(word, false), Some(*not_this), "{word}");
        }
        assert_eq!(
            meaning("refugee"),
            [Meaning::Category("immigration-advice")]
        );
        assert_eq!(meaning("refuge"), [Meaning::Category("domestic-abuse")]);
        assert_eq!(
            meaning("parish")[0],
            Meaning::Faith {
                code: "christian",
                weak: false
            }
        );
        assert_eq!(
            lexicon.correction("parrish", false),
            Some("parish"),
            "a slip still corrects"
        );
        assert_eq!(lexicon.correction("refugeee", false), Some("refugee"));
    }

    #[test]
    fn capitalised_words_only_become_names() {
        let lexicon = Lexicon::get();
        assert_eq!(lexicon.correction("bengli", true), Some("bengali"));
        assert_eq!(lexicon.correction("saturdy", true), Some("saturday"));
        assert_eq!(lexicon.correction("mentorng", true), None);
        assert_eq!(lexicon.correction("mentorng", false), Some("mentoring"));
    }

    /// Scripts in which no community writes its language today (Deseret, Shavian and other
    /// historic or invented alphabets): no name shown or read back may use one.
    fn in_a_historic_script(c: char) -> bool {
        matches!(u32::from(c),
            0x10330..=0x1034F // Gothic
            | 0x10380..=0x103DF // Ugaritic, Old Persian
            | 0x10400..=0x1047F // Deseret, Shavian
            | 0x10000..=0x100FF // Linear B
            | 0x16A0..=0x16FF // Runic
            | 0x1680..=0x169F // Ogham
            | 0x2C00..=0x2C5F // Glagolitic
            | 0x12000..=0x1247F // Cuneiform
            | 0x13000..=0x1342F // Egyptian hieroglyphs
            | 0x10300..=0x1032F // Old Italic
        )
    }

    #[test]
    fn no_language_is_shown_or_read_back_in_a_historic_script() {
        let lexicon = Lexicon::get();
        let codes: HashSet<&str> = data_lines(LANGUAGE_NAMES)
            .chain(data_lines(LANGUAGE_ALIASES).map(|f| f.into_iter().skip(1).collect()))
            .filter_map(|fields| fields.first().copied())
            .collect();
        for code in codes {
            for name in [lexicon.language_name(code), lexicon.language_alias(code)] {
                assert!(!name.chars().any(in_a_historic_script), "{code}: {name}");
            }
        }
        assert_eq!(lexicon.language_name("eng"), "English");
        assert_eq!(lexicon.language_alias("eng"), "English");
    }
}
