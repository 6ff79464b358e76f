//! The services' entries packed into shared arenas: one fixed-size head per ordinal and one
//! vector each for ids, codes and words, locations, openings and service areas, so a million
//! services cost a handful of allocations rather than millions of small ones. Ids live once, in
//! the arena, and a hash table of ordinals finds an ordinal by id.

use std::hash::{BuildHasher, RandomState};
use std::ops::Range;

use hashbrown::HashTable;
use signpost_domain::Gender;
use signpost_geo::Point;

use crate::area::{Area, parse_area};
use crate::error::EngineError;
use crate::opening::Opening;
use crate::record::{Record, Vocabulary};

/// A live service in memory, with its codes and words interned: a view into [`Entries`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry<'e> {
    pub id: &'e str,
    pub points: &'e [Point],
    pub areas: &'e [Area],
    pub languages: &'e [u32],
    pub categories: &'e [u32],
    pub faiths: &'e [u32],
    pub gender: Option<Gender>,
    pub minimum_age: Option<f64>,
    pub maximum_age: Option<f64>,
    pub free: bool,
    /// Has a confidential location: distances rounded to whole miles (`crate::confidential`).
    pub confidential: bool,
    pub openings: &'e [Opening],
    /// Sorted word numbers, for exact term checks by binary search.
    pub words: &'e [u32],
}

impl Entry<'_> {
    pub(crate) fn has_word(&self, word: u32) -> bool {
        self.words.binary_search(&word).is_ok()
    }

    pub(crate) fn admits_age(&self, age: f64) -> bool {
        self.minimum_age.is_none_or(|min| age >= min)
            && self.maximum_age.is_none_or(|max| age <= max)
    }
}

/// Where one entry's items start in an arena, and how many there are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Span {
    at: u32,
    len: u32,
}

impl Span {
    fn range(self) -> Range<usize> {
        let at = self.at as usize;
        at..at + self.len as usize
    }
}

/// What one ordinal holds. `codes` runs languages, categories, faiths, then words.
#[derive(Debug, Clone, Copy, Default)]
struct Head {
    id: Span,
    codes: Span,
    languages: u32,
    categories: u32,
    faiths: u32,
    points: Span,
    openings: Span,
    areas: Span,
    minimum_age: Option<f64>,
    maximum_age: Option<f64>,
    gender: Option<Gender>,
    free: bool,
    confidential: bool,
    /// The id is in the table (it keeps its ordinal).
    registered: bool,
    /// The entry is live (put and not removed).
    live: bool,
}

/// Arena items no live entry refers to any more, beyond which a write compacts the arenas.
const COMPACT_ABOVE: usize = 1 << 16;

/// Invariants: `table` holds exactly the registered ordinals, each found by its id; every live
/// head is registered; `garbage` counts arena items no registered or live head refers to.
#[derive(Debug, Default)]
pub(crate) struct Entries {
    heads: Vec<Head>,
    ids: String,
    codes: Vec<u32>,
    points: Vec<Point>,
    openings: Vec<Opening>,
    areas: Vec<Area>,
    table: HashTable<u32>,
    hasher: RandomState,
    live: usize,
    garbage: usize,
}

fn span(at: usize, end: usize) -> Result<Span, EngineError> {
    let at = u32::try_from(at).map_err(|_| EngineError::Full)?;
    let len = u32::try_from(end - at as usize).map_err(|_| EngineError::Full)?;
    Ok(Span { at, len })
}

fn id_in<'a>(heads: &[Head], ids: &'a str, ord: u32) -> &'a str {
    heads
        .get(ord as usize)
        .and_then(|h| ids.get(h.id.range()))
        .unwrap_or("")
}

impl Entries {
    /// Ordinals in use, live or not (the universe of posting-list bitsets).
    pub(crate) fn ordinals(&self) -> usize {
        self.heads.len()
    }

    /// How many entries are live.
    pub(crate) fn live_count(&self) -> usize {
        self.live
    }

    pub(crate) fn get(&self, ord: u32) -> Option<Entry<'_>> {
        let head = self.heads.get(ord as usize).filter(|h| h.live)?;
        let codes = self.codes.get(head.codes.range())?;
        let (languages, rest) = codes.split_at_checked(head.languages as usize)?;
        let (categories, rest) = rest.split_at_checked(head.categories as usize)?;
        let (faiths, words) = rest.split_at_checked(head.faiths as usize)?;
        Some(Entry {
            id: self.ids.get(head.id.range())?,
            points: self.points.get(head.points.range())?,
            areas: self.areas.get(head.areas.range())?,
            languages,
            categories,
            faiths,
            gender: head.gender,
            minimum_age: head.minimum_age,
            maximum_age: head.maximum_age,
            free: head.free,
            confidential: head.confidential,
            openings: self.openings.get(head.openings.range())?,
            words,
        })
    }

    /// The id of a live or registered ordinal ("" for any other).
    pub(crate) fn id(&self, ord: u32) -> &str {
        id_in(&self.heads, &self.ids, ord)
    }

    /// Whether `ord` holds a live entry (without reading it).
    pub(crate) fn is_live(&self, ord: u32) -> bool {
        self.heads.get(ord as usize).is_some_and(|h| h.live)
    }

    /// Every live ordinal, in order (without reading the entries).
    pub(crate) fn live_ordinals(&self) -> impl Iterator<Item = u32> + '_ {
        (0u32..)
            .zip(&self.heads)
            .filter(|(_, head)| head.live)
            .map(|(ord, _)| ord)
    }

    /// Every live entry with its ordinal, in ordinal order.
    pub(crate) fn live(&self) -> impl Iterator<Item = (u32, Entry<'_>)> + Clone {
        (0..self.heads.len())
            .filter_map(|ord| u32::try_from(ord).ok())
            .filter_map(|ord| Some((ord, self.get(ord)?)))
    }

    /// Makes room for `services` more entries (a reopened index knows how many it holds).
    pub(crate) fn reserve(&mut self, services: usize) {
        let Entries {
            heads,
            ids,
            table,
            hasher,
            ..
        } = self;
        heads.reserve(services);
        table.reserve(services, |&ord| hasher.hash_one(id_in(heads, ids, ord)));
    }

    /// The ordinal registered for `id`.
    pub(crate) fn ordinal(&self, id: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(id);
        let (heads, ids) = (&self.heads, &self.ids);
        self.table
            .find(hash, |&ord| id_in(heads, ids, ord) == id)
            .copied()
    }

    /// The ordinal for `id`: its registered one, else the next unused one, registered now.
    pub(crate) fn ordinal_for(&mut self, id: &str) -> Result<u32, EngineError> {
        if let Some(ord) = self.ordinal(id) {
            return Ok(ord);
        }
        let ord = u32::try_from(self.heads.len()).map_err(|_| EngineError::Full)?;
        self.register(ord, id)?;
        Ok(ord)
    }

    /// Gives `id` the ordinal `ord` (as found in a reopened index), growing the heads to hold it.
    pub(crate) fn register(&mut self, ord: u32, id: &str) -> Result<(), EngineError> {
        let slot = ord as usize;
        if self.heads.len() <= slot {
            self.heads.resize(slot + 1, Head::default());
        }
        let at = self.ids.len();
        self.ids.push_str(id);
        let id_span = span(at, self.ids.len())?;
        let Entries {
            heads,
            ids,
            table,
            hasher,
            garbage,
            ..
        } = self;
        let head = &mut heads[slot];
        if head.registered
            && let Ok(found) =
                table.find_entry(hasher.hash_one(id_in_span(ids, head.id)), |&o| o == ord)
        {
            found.remove();
        }
        *garbage += head.id.len as usize;
        head.id = id_span;
        head.registered = true;
        let (heads, ids) = (&*heads, &*ids);
        table.insert_unique(hasher.hash_one(id), ord, |&o| {
            hasher.hash_one(id_in(heads, ids, o))
        });
        Ok(())
    }

    /// Puts the entry of a registered ordinal in place, answering whether it replaced a live one
    /// (whose view the caller read before, to update the other indexes).
    pub(crate) fn put(
        &mut self,
        ord: u32,
        record: &Record,
        vocabulary: &mut Vocabulary,
    ) -> Result<bool, EngineError> {
        let Some(old) = self.heads.get(ord as usize).copied() else {
            return Err(EngineError::Full);
        };
        let mut head = Head {
            id: old.id,
            registered: old.registered,
            live: true,
            gender: record.gender.as_deref().and_then(Gender::from_code),
            minimum_age: record.minimum_age,
            maximum_age: record.maximum_age,
            free: record.free,
            confidential: record.confidential,
            ..Head::default()
        };
        let at = self.codes.len();
        let codes = &mut vocabulary.codes;
        let mut intern = |items: &[String]| -> u32 {
            let before = self.codes.len();
            self.codes.extend(items.iter().map(|c| codes.intern(c)));
            (self.codes.len() - before) as u32
        };
        head.languages = intern(&record.languages);
        head.categories = intern(&record.categories);
        head.faiths = intern(&record.faiths);
        let words_at = self.codes.len();
        self.codes
            .extend(record.words().map(|w| vocabulary.words.intern(w)));
        self.codes[words_at..].sort_unstable();
        let words = dedup_in_place(&mut self.codes[words_at..]);
        self.codes.truncate(words_at + words);
        head.codes = span(at, self.codes.len())?;
        let at = self.points.len();
        self.points
            .extend(record.points.iter().map(|&[lat, lon]| Point::new(lat, lon)));
        head.points = span(at, self.points.len())?;
        let at = self.openings.len();
        self.openings.extend_from_slice(&record.openings);
        head.openings = span(at, self.openings.len())?;
        let at = self.areas.len();
        self.areas
            .extend(record.areas.iter().filter_map(|g| parse_area(g)));
        head.areas = span(at, self.areas.len())?;
        self.heads[ord as usize] = head;
        if old.live {
            self.garbage += data_len(&old);
        } else {
            self.live += 1;
        }
        self.compact_if_wasteful();
        Ok(old.live)
    }

    /// Forgets a service by id, answering its ordinal when it was registered.
    pub(crate) fn remove(&mut self, id: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(id);
        let (heads, ids) = (&self.heads, &self.ids);
        let ord = self
            .table
            .find_entry(hash, |&ord| id_in(heads, ids, ord) == id)
            .ok()?
            .remove()
            .0;
        let head = self.heads.get_mut(ord as usize)?;
        self.garbage += head.id.len as usize;
        if head.live {
            self.garbage += data_len(head);
            self.live -= 1;
        }
        *head = Head::default();
        self.compact_if_wasteful();
        Some(ord)
    }

    /// Gives back the spare capacity a bulk load left in the arenas.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.heads.shrink_to_fit();
        self.ids.shrink_to_fit();
        self.codes.shrink_to_fit();
        self.points.shrink_to_fit();
        self.openings.shrink_to_fit();
        self.areas.shrink_to_fit();
        self.table
            .shrink_to_fit(|&o| self.hasher.hash_one(id_in(&self.heads, &self.ids, o)));
    }

    fn compact_if_wasteful(&mut self) {
        let used = self.ids.len()
            + self.codes.len()
            + self.points.len()
            + self.openings.len()
            + self.areas.len();
        if self.garbage > COMPACT_ABOVE && self.garbage * 2 > used {
            self.compact();
        }
    }

    /// Copies what registered and live heads refer to into fresh arenas, in ordinal order.
    fn compact(&mut self) {
        let mut fresh = Entries {
            heads: Vec::with_capacity(self.heads.len()),
            table: HashTable::new(),
            hasher: self.hasher.clone(),
            live: self.live,
            ..Entries::default()
        };
        for head in &self.heads {
            let mut moved = *head;
            moved.id = copy(&mut fresh.ids, &self.ids, head.id, head.registered);
            moved.codes = copy_vec(&mut fresh.codes, &self.codes, head.codes, head.live);
            moved.points = copy_vec(&mut fresh.points, &self.points, head.points, head.live);
            moved.openings = copy_vec(
                &mut fresh.openings,
                &self.openings,
                head.openings,
                head.live,
            );
            moved.areas = copy_vec(&mut fresh.areas, &self.areas, head.areas, head.live);
            fresh.heads.push(moved);
        }
        fresh.table = std::mem::take(&mut self.table);
        *self = fresh;
    }
}

fn id_in_span(ids: &str, id: Span) -> &str {
    ids.get(id.range()).unwrap_or("")
}

/// Items a live head's data takes in the arenas (its id aside).
fn data_len(head: &Head) -> usize {
    (head.codes.len + head.points.len + head.openings.len + head.areas.len) as usize
}

fn copy(into: &mut String, from: &str, what: Span, keep: bool) -> Span {
    let text = if keep { id_in_span(from, what) } else { "" };
    let at = into.len();
    into.push_str(text);
    Span {
        at: at as u32,
        len: text.len() as u32,
    }
}

fn copy_vec<T: Clone>(into: &mut Vec<T>, from: &[T], what: Span, keep: bool) -> Span {
    let items = if keep {
        from.get(what.range()).unwrap_or_default()
    } else {
        &[]
    };
    let at = into.len();
    into.extend_from_slice(items);
    Span {
        at: at as u32,
        len: items.len() as u32,
    }
}

/// Moves the distinct values of a sorted slice to its front, answering how many there are.
fn dedup_in_place(sorted: &mut [u32]) -> usize {
    let mut kept = 0;
    for i in 0..sorted.len() {
        if kept == 0 || sorted[i] != sorted[kept - 1] {
            sorted[kept] = sorted[i];
            kept += 1;
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn record(id: &str, seed: u8) -> Record<'static> {
        let n = usize::from(seed % 4);
        Record {
            id: id.to_owned().into(),
            points: (0..n).map(|i| [50.0 + f64::from(seed), i as f64]).collect(),
            confidential: seed.is_multiple_of(5),
            areas: Vec::new(),
            languages: (0..n)
                .map(|i| format!("l{}", (usize::from(seed) + i) % 5))
                .collect(),
            categories: (0..n % 3).map(|i| format!("c{i}")).collect(),
            faiths: (0..n % 2).map(|i| format!("f{i}")).collect(),
            gender: seed.is_multiple_of(3).then(|| "female".to_owned()),
            minimum_age: seed.is_multiple_of(2).then_some(f64::from(seed)),
            maximum_age: None,
            free: seed % 2 == 1,
            openings: (0..n)
                .map(|i| Opening {
                    days: seed,
                    opens: i as u16,
                    closes: 60,
                })
                .collect(),
            words: (0..usize::from(seed) % 7)
                .map(|i| format!("w{}", (i * 3) % 5))
                .collect::<Vec<_>>()
                .join(" ")
                .into(),
        }
    }

    fn check(entries: &Entries, vocabulary: &Vocabulary, model: &BTreeMap<String, Record>) {
        assert_eq!(entries.live_count(), model.len());
        assert_eq!(entries.live().count(), model.len());
        for (id, want) in model {
            let ord = entries.ordinal(id).expect("registered");
            let got = entries.get(ord).expect("live");
            let names = |codes: &[u32]| -> Vec<String> {
                codes
                    .iter()
                    .map(|&c| vocabulary.codes.name(c).to_owned())
                    .collect()
            };
            assert_eq!(got.id, id);
            assert_eq!(entries.id(ord), id);
            assert_eq!(got.points.len(), want.points.len());
            assert_eq!(names(got.languages), want.languages);
            assert_eq!(names(got.categories), want.categories);
            assert_eq!(names(got.faiths), want.faiths);
            assert_eq!(got.openings, &want.openings[..]);
            assert_eq!(got.minimum_age, want.minimum_age);
            assert_eq!(got.free, want.free);
            assert_eq!(got.confidential, want.confidential);
            let mut words: Vec<&str> = want.words().collect();
            words.sort_unstable();
            words.dedup();
            let mut got_words: Vec<&str> = got
                .words
                .iter()
                .map(|&w| vocabulary.words.name(w))
                .collect();
            got_words.sort_unstable();
            assert_eq!(got_words, words);
            assert!(
                got.words.windows(2).all(|w| w[0] < w[1]),
                "sorted, distinct"
            );
        }
    }

    proptest! {
        #[test]
        fn entries_match_a_map_after_any_puts_and_removes(
            ops in prop::collection::vec((any::<bool>(), 0u8..12, any::<u8>()), 0..120),
        ) {
            let mut entries = Entries::default();
            let mut vocabulary = Vocabulary::default();
            let mut model = BTreeMap::new();
            for (put, key, seed) in ops {
                let id = format!("service-{key}");
                if put {
                    let record = record(&id, seed);
                    let ord = entries.ordinal_for(&id).expect("room");
                    let replaced = entries.put(ord, &record, &mut vocabulary).expect("put");
                    prop_assert_eq!(replaced, model.insert(id, record).is_some());
                } else {
                    let removed = entries.remove(&id);
                    prop_assert_eq!(removed.is_some(), model.remove(&id).is_some());
                    prop_assert!(entries.ordinal(&id).is_none());
                }
            }
            check(&entries, &vocabulary, &model);
            entries.compact();
            check(&entries, &vocabulary, &model);
            entries.shrink_to_fit();
            check(&entries, &vocabulary, &model);
        }
    }

    #[test]
    fn many_replacements_compact_the_arenas() {
        let mut entries = Entries::default();
        let mut vocabulary = Vocabulary::default();
        let record = record("only", 7);
        for _ in 0..100_000 {
            let ord = entries.ordinal_for("only").expect("room");
            entries.put(ord, &record, &mut vocabulary).expect("put");
        }
        assert!(
            entries.codes.len() < 2 * COMPACT_ABOVE,
            "{}",
            entries.codes.len()
        );
        let model = BTreeMap::from([("only".to_owned(), record)]);
        check(&entries, &vocabulary, &model);
    }
}
