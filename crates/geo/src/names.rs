//! How place names are compared: case, spacing and punctuation do not matter; and the index that
//! finds the names a few typing slips away from a phrase without reading every name.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use tantivy_fst::{Automaton, IntoStreamer, Map, Streamer};

/// The most edits [`NameIndex::within`] looks across (the gazetteer allows 3 for long names).
pub const MAX_EDITS: usize = 3;
/// The longest phrase, in characters, the index compares (longer ones find nothing).
pub const MAX_PHRASE: usize = 60;

/// The comparison key of a place name: lower case, words of letters and digits separated by one
/// space, apostrophes and full stops dropped ("King's Lynn" = "kings lynn", "St. Julians" =
/// "st julians"), "&" read as "and", every other symbol a word break ("Stoke-on-Trent").
pub fn normalise_name(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    let mut word_break = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if word_break && !key.is_empty() {
                key.push(' ');
            }
            word_break = false;
            key.push(c);
        } else if c == '&' {
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str("and");
            word_break = true;
        } else if !matches!(c, '\'' | '\u{2019}' | '.') {
            word_break = true;
        }
    }
    key
}

/// Normalised names in an fst, walked by an automaton that keeps the optimal string alignment
/// distance (an adjacent swap is one edit) as it goes, so only names that can still be close are
/// read.
pub struct NameIndex {
    /// `None` only when there was nothing to index.
    names: Option<Map<Vec<u8>>>,
}

/// A name the index found: the number it was indexed with, and how many edits away it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub id: u64,
    pub distance: usize,
}

impl NameIndex {
    /// Indexes `(normalised name, id)` pairs; a name given twice keeps its first id.
    pub fn build(mut names: Vec<(String, u64)>) -> NameIndex {
        names.sort_by(|a, b| a.0.cmp(&b.0));
        names.dedup_by(|later, earlier| later.0 == earlier.0);
        let sorted = names.into_iter().map(|(name, id)| (name.into_bytes(), id));
        NameIndex {
            names: Map::from_iter(sorted).ok(),
        }
    }

    /// The names at most `edits` (capped at [`MAX_EDITS`]) away from `key`, with their distance;
    /// with `same_first_letter`, only names that start as `key` does.
    pub fn within(&self, key: &str, edits: usize, same_first_letter: bool) -> Vec<Found> {
        let query: Vec<char> = key.chars().collect();
        let (Some(names), true) = (&self.names, (1..=MAX_PHRASE).contains(&query.len())) else {
            return Vec::new();
        };
        let automaton = Osa {
            first: same_first_letter.then(|| query[0]),
            query: &query,
            most: edits.min(MAX_EDITS) as u8,
        };
        let mut stream = names.search(&automaton).into_stream();
        let mut found = Vec::new();
        while let Some((name, id)) = stream.next() {
            let name = String::from_utf8_lossy(name);
            found.push(Found {
                id,
                distance: strsim::osa_distance(&name, key),
            });
        }
        found
    }

    /// The ids of the names that start with `prefix`.
    pub fn starting_with(&self, prefix: &str) -> Vec<u64> {
        let Some(names) = &self.names else {
            return Vec::new();
        };
        let mut stream = names.range().ge(prefix).into_stream();
        let mut found = Vec::new();
        while let Some((name, id)) = stream.next() {
            if !name.starts_with(prefix.as_bytes()) {
                break;
            }
            found.push(id);
        }
        found
    }
}

/// Names found by their deletions (SymSpell): the start of every name ([`PREFIX`] characters) and
/// each string made by deleting up to [`MAX_DELETIONS`] of its characters, to the names it came
/// from. Looking a phrase up hashes the deletions of its own start only, then measures the whole
/// names found, so it takes microseconds whatever the number of names: for the few thousand
/// names that spelling is corrected towards.
pub struct DeletionIndex {
    names: Vec<String>,
    deletions: DeletionMap,
    /// The most edits this index finds (at most [`MAX_DELETIONS`]).
    most: usize,
}

/// The most edits [`DeletionIndex::within`] finds.
pub const MAX_DELETIONS: usize = 2;
/// How many characters of a name's start its deletions are made from (SymSpell's prefix length:
/// names within two edits have starts within two edits).
pub const PREFIX: usize = 7;

/// The first [`PREFIX`] characters.
fn start_of(word: &str) -> &str {
    word.char_indices()
        .nth(PREFIX)
        .map_or(word, |(at, _)| &word[..at])
}

impl DeletionIndex {
    /// Indexes `names` to be found up to `most` edits away (capped at [`MAX_DELETIONS`]).
    pub fn build(names: Vec<String>, most: usize) -> DeletionIndex {
        let most = most.min(MAX_DELETIONS);
        let mut deletions = DeletionMap::default();
        for (id, name) in (0u32..).zip(&names) {
            index_deletions(&mut deletions, deletion_keys(start_of(name), most), id);
        }
        DeletionIndex {
            names,
            deletions,
            most,
        }
    }

    /// The names at most `edits` (capped at the index's most) optimal-string-alignment edits
    /// from `key`, with their distance; with `same_first_letter`, only names that start as `key`
    /// does.
    pub fn within(&self, key: &str, edits: usize, same_first_letter: bool) -> Vec<(&str, usize)> {
        let edits = edits.min(self.most);
        let length = key.chars().count();
        if length > MAX_PHRASE {
            return Vec::new();
        }
        let first = key.chars().next();
        let mut seen = Vec::new();
        let mut found = Vec::new();
        for variant in deletion_keys(start_of(key), edits) {
            for &id in self.deletions.get(&variant).into_iter().flatten() {
                if seen.contains(&id) {
                    continue;
                }
                seen.push(id);
                let name = self.names[id as usize].as_str();
                let comparable = name.chars().count().abs_diff(length) <= edits
                    && (!same_first_letter || name.chars().next() == first);
                if !comparable {
                    continue;
                }
                let distance = strsim::osa_distance(name, key);
                if distance <= edits {
                    found.push((name, distance));
                }
            }
        }
        found
    }
}

/// The SymSpell keys of a word: one key for the word and one for each string made by deleting up
/// to `limit` of its characters (a string reached by two deletions gives its key twice). Equal
/// strings have equal keys, so an index keyed by them finds every word that shares a deletion
/// with a query; a key is a 64-bit hash, so two strings may very rarely share one, and callers
/// measure every word found. Made without building the strings: this is the spelling
/// corrections' inner loop (the gazetteer's and the query vocabulary's).
pub fn deletion_keys(word: &str, limit: usize) -> Vec<u64> {
    let chars: Vec<char> = word.chars().collect();
    let mut keys = Vec::with_capacity(strings_within_deletions(chars.len(), limit));
    push_deletion_keys(&chars, FNV_OFFSET, limit, &mut keys);
    keys
}

/// How many strings (counted with repeats) up to `limit` deletions make from `length` characters:
/// the sum of the binomial coefficients C(length, 0..=limit).
fn strings_within_deletions(length: usize, limit: usize) -> usize {
    let mut choose = 1usize;
    let mut total = 0;
    for k in 0..=limit.min(length) {
        total += choose;
        choose = choose * (length - k) / (k + 1);
    }
    total
}

/// Given the hash `state` of the characters kept before `rest`, pushes the key of `state`
/// followed by all of `rest`, then of each string made by deleting up to `left` characters of
/// `rest` (the hash of what comes before each deletion is carried forward, not recomputed).
fn push_deletion_keys(rest: &[char], state: u64, left: usize, keys: &mut Vec<u64>) {
    keys.push(finish_key(rest.iter().fold(state, fnv_step)));
    if left == 0 {
        return;
    }
    let mut before = state;
    for (at, c) in rest.iter().enumerate() {
        push_deletion_keys(&rest[at + 1..], before, left - 1, keys);
        before = fnv_step(before, c);
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// One FNV-1a step over a character.
fn fnv_step(hash: u64, c: &char) -> u64 {
    (hash ^ u64::from(u32::from(*c))).wrapping_mul(0x0000_0100_0000_01b3)
}

/// SplitMix64's mixer over an FNV-1a hash, so that every bit of the key is usable as a hash
/// table's hash ([`DeletionMap`] takes it as it is).
fn finish_key(hash: u64) -> u64 {
    let hash = (hash ^ (hash >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    let hash = (hash ^ (hash >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    hash ^ (hash >> 31)
}

/// A deletion key's entries: the words (by number) that have the key among their
/// [`deletion_keys`], each once.
pub type DeletionMap = HashMap<u64, Vec<u32>, BuildHasherDefault<KeyHasher>>;

/// Adds `id` under each of `keys` (the deletion keys of one word), once per key.
pub fn index_deletions(map: &mut DeletionMap, keys: Vec<u64>, id: u32) {
    for key in keys {
        let ids = map.entry(key).or_default();
        if ids.last() != Some(&id) {
            ids.push(id);
        }
    }
}

/// Hashes a [`deletion_keys`] key, already well mixed, as itself.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

/// Matches the names within `most` optimal-string-alignment edits of `query`.
struct Osa<'q> {
    query: &'q [char],
    most: u8,
    /// The first letter a name must have, when one is required.
    first: Option<char>,
}

/// The distance table's last two rows after the characters read so far, and any character whose
/// UTF-8 bytes are still arriving.
#[derive(Clone)]
struct Rows {
    before: [u8; MAX_PHRASE + 1],
    last: [u8; MAX_PHRASE + 1],
    previous_char: Option<char>,
    read: u8,
    partial: u32,
    bytes_to_come: u8,
    dead: bool,
}

impl Osa<'_> {
    fn step(&self, rows: &Rows, c: char) -> Rows {
        let n = self.query.len();
        let read = rows.read.saturating_add(1);
        let mut next = Rows {
            before: rows.last,
            last: [u8::MAX; MAX_PHRASE + 1],
            previous_char: Some(c),
            read,
            partial: 0,
            bytes_to_come: 0,
            dead: rows.read == 0 && self.first.is_some_and(|first| first != c),
        };
        next.last[0] = read;
        // Only cells within `most` of the diagonal can stay within `most` edits.
        let reach = usize::from(self.most);
        let band =
            usize::from(read).saturating_sub(reach).max(1)..=(usize::from(read) + reach).min(n);
        for j in band {
            let substitution = rows.last[j - 1].saturating_add(u8::from(self.query[j - 1] != c));
            let mut best = substitution
                .min(rows.last[j].saturating_add(1))
                .min(next.last[j - 1].saturating_add(1));
            if j > 1 && c == self.query[j - 2] && rows.previous_char == Some(self.query[j - 1]) {
                best = best.min(rows.before[j - 2].saturating_add(1));
            }
            next.last[j] = best;
        }
        next
    }
}

impl Automaton for Osa<'_> {
    type State = Rows;

    fn start(&self) -> Rows {
        let mut last = [u8::MAX; MAX_PHRASE + 1];
        for (j, cell) in last.iter_mut().enumerate().take(self.query.len() + 1) {
            *cell = j as u8;
        }
        Rows {
            before: last,
            last,
            previous_char: None,
            read: 0,
            partial: 0,
            bytes_to_come: 0,
            dead: false,
        }
    }

    fn is_match(&self, rows: &Rows) -> bool {
        !rows.dead && rows.bytes_to_come == 0 && rows.last[self.query.len()] <= self.most
    }

    fn can_match(&self, rows: &Rows) -> bool {
        let (read, reach) = (usize::from(rows.read), usize::from(self.most));
        let band = read.saturating_sub(reach)..=(read + reach).min(self.query.len());
        !rows.dead
            && rows
                .last
                .get(band)
                .is_some_and(|cells| cells.iter().any(|d| *d <= self.most))
    }

    fn accept(&self, rows: &Rows, byte: u8) -> Rows {
        let (partial, to_come) = match (rows.bytes_to_come, byte) {
            (0, 0x00..=0x7F) => (u32::from(byte), 0),
            (0, 0xC0..=0xDF) => (u32::from(byte & 0x1F), 1),
            (0, 0xE0..=0xEF) => (u32::from(byte & 0x0F), 2),
            (0, 0xF0..=0xF7) => (u32::from(byte & 0x07), 3),
            (0, _) => (u32::from(char::REPLACEMENT_CHARACTER), 0),
            (left, _) => ((rows.partial << 6) | u32::from(byte & 0x3F), left - 1),
        };
        if to_come > 0 {
            let mut waiting = rows.clone();
            waiting.partial = partial;
            waiting.bytes_to_come = to_come;
            return waiting;
        }
        let c = char::from_u32(partial).unwrap_or(char::REPLACEMENT_CHARACTER);
        self.step(rows, c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn case_spacing_and_punctuation_do_not_matter() {
        assert_eq!(normalise_name("  Tower   HAMLETS "), "tower hamlets");
        assert_eq!(normalise_name("King's Lynn"), "kings lynn");
        assert_eq!(normalise_name("King\u{2019}s Lynn"), "kings lynn");
        assert_eq!(normalise_name("Stoke-on-Trent"), "stoke on trent");
        assert_eq!(normalise_name("St. Julians"), "st julians");
        assert_eq!(
            normalise_name("Sparkbrook & Balsall Heath East"),
            "sparkbrook and balsall heath east"
        );
        assert_eq!(
            normalise_name("Moss Side, Manchester"),
            "moss side manchester"
        );
        assert_eq!(normalise_name("Ynys Môn"), "ynys môn");
        assert_eq!(normalise_name("?!"), "");
    }

    fn index() -> NameIndex {
        let names = [
            "walsall",
            "walsall wood",
            "wallasey",
            "bradford",
            "leicester",
            "ynys môn",
        ];
        NameIndex::build(
            names
                .iter()
                .zip(0..)
                .map(|(n, i)| ((*n).to_owned(), i))
                .collect(),
        )
    }

    #[test]
    fn the_index_finds_names_within_the_edits_with_their_distance() {
        let index = index();
        assert_eq!(
            index.within("wallsall", 1, false),
            [Found { id: 0, distance: 1 }]
        );
        assert_eq!(
            index.within("walsal", 1, false),
            [Found { id: 0, distance: 1 }]
        );
        assert_eq!(
            index.within("bradfrod", 1, false),
            [Found { id: 3, distance: 1 }],
            "a swap is one edit"
        );
        assert_eq!(index.within("leicster", 0, false), []);
        assert_eq!(
            index.within("ynys mon", 1, false),
            [Found { id: 5, distance: 1 }]
        );
        assert_eq!(
            index.within("walsey", 2, false),
            [Found { id: 2, distance: 2 }]
        );
        let mut three = index.within("walsey", 3, false);
        three.sort_by_key(|f| f.id);
        assert_eq!(
            three,
            [Found { id: 0, distance: 3 }, Found { id: 2, distance: 2 }]
        );
        assert_eq!(index.starting_with("walsall "), [1]);
        assert_eq!(
            index.within("falsall", 1, false),
            [Found { id: 0, distance: 1 }]
        );
        assert_eq!(index.within("falsall", 1, true), []);
        assert_eq!(
            index.within("wallsall", 1, true),
            [Found { id: 0, distance: 1 }]
        );
        assert_eq!(index.within(&"w".repeat(MAX_PHRASE + 1), 3, false), []);
    }

    #[test]
    fn the_deletion_index_finds_what_the_fst_walk_finds() {
        let names = [
            "walsall",
            "walsall wood",
            "wallasey",
            "bradford",
            "leicester",
            "ynys môn",
        ];
        let deletions = DeletionIndex::build(
            names.iter().map(|n| (*n).to_owned()).collect(),
            MAX_DELETIONS,
        );
        let walk = index();
        for typed in [
            "wallsall",
            "walsal",
            "bradfrod",
            "leicster",
            "ynys mon",
            "walsey",
            "wlsal",
            "alsall wod",
            "walsal wood",
            "walsallwood",
            "leicesterr",
            "eicester",
        ] {
            for edits in 0..=MAX_DELETIONS {
                let mut found: Vec<(String, usize)> = deletions
                    .within(typed, edits, false)
                    .into_iter()
                    .map(|(name, d)| (name.to_owned(), d))
                    .collect();
                found.sort();
                let mut walked: Vec<(String, usize)> = walk
                    .within(typed, edits, false)
                    .into_iter()
                    .map(|f| (names[f.id as usize].to_owned(), f.distance))
                    .collect();
                walked.sort();
                assert_eq!(found, walked, "{typed} within {edits}");
            }
        }
        assert!(
            NameIndex::build(Vec::new())
                .within("walsall", 3, false)
                .is_empty()
        );
    }

    proptest! {
        #[test]
        fn normalising_is_idempotent(s in "\\PC{0,40}") {
            let once = normalise_name(&s);
            prop_assert_eq!(normalise_name(&once), once.clone());
            prop_assert!(!once.starts_with(' ') && !once.ends_with(' ') && !once.contains("  "));
        }

        #[test]
        fn deletion_keys_are_the_keys_of_the_deleted_strings(word in "\\PC{0,9}") {
            let chars: Vec<char> = word.chars().collect();
            let mut strings = vec![word.clone()];
            for i in 0..chars.len() {
                let without_i: Vec<char> =
                    chars.iter().enumerate().filter(|(at, _)| *at != i).map(|(_, c)| *c).collect();
                strings.push(without_i.iter().collect());
                for j in i + 1..chars.len() {
                    strings.push(
                        chars
                            .iter()
                            .enumerate()
                            .filter(|(at, _)| *at != i && *at != j)
                            .map(|(_, c)| *c)
                            .collect(),
                    );
                }
            }
            let mut expected: Vec<u64> = strings.iter().map(|s| deletion_keys(s, 0)[0]).collect();
            expected.sort_unstable();
            let mut keys = deletion_keys(&word, 2);
            keys.sort_unstable();
            prop_assert_eq!(keys, expected);
        }
    }
}
