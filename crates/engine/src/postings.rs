//! In-memory posting lists: for each word or code, the sorted ordinals of the live services that
//! have it, with a bitset beside the long lists so membership is one bit test.
//!
//! Invariant: a list holds exactly the live ordinals whose entry has the key (no stale ordinals),
//! so its length is an exact count. The bitset, when present, always agrees with the list.

/// A list this long relative to the ordinals in use gets a bitset (the bitset then costs at most
/// twice the list itself).
const DENSE_DIVISOR: usize = 64;

/// The ordinals of the services holding one key.
#[derive(Debug, Default, Clone)]
pub(crate) struct Posting {
    ords: Vec<u32>,
    bits: Option<Vec<u64>>,
}

impl Posting {
    pub(crate) fn len(&self) -> usize {
        self.ords.len()
    }

    pub(crate) fn ords(&self) -> &[u32] {
        &self.ords
    }

    pub(crate) fn contains(&self, ord: u32) -> bool {
        match &self.bits {
            Some(bits) => bit_is_set(bits, ord),
            None => self.ords.binary_search(&ord).is_ok(),
        }
    }

    /// How many of its ordinals are in `set` (a bitset over ordinals): a popcount of the two
    /// bitsets word by word for a long list, one bit test an ordinal for a short one.
    fn count_in(&self, set: &[u64]) -> usize {
        match &self.bits {
            Some(bits) => bits
                .iter()
                .zip(set)
                .map(|(a, b)| (a & b).count_ones() as usize)
                .sum(),
            None => self
                .ords
                .iter()
                .filter(|&&ord| bit_is_set(set, ord))
                .count(),
        }
    }

    fn add(&mut self, ord: u32) {
        match self.ords.last() {
            Some(&last) if last >= ord => match self.ords.binary_search(&ord) {
                Ok(_) => return,
                Err(at) => self.ords.insert(at, ord),
            },
            _ => self.ords.push(ord),
        }
        if let Some(bits) = &mut self.bits {
            let word = ord as usize / 64;
            if bits.len() <= word {
                bits.resize(word + 1, 0);
            }
            bits[word] |= 1 << (ord % 64);
        }
    }

    fn remove(&mut self, ord: u32) {
        if let Ok(at) = self.ords.binary_search(&ord) {
            self.ords.remove(at);
        }
        if let Some(word) = self
            .bits
            .as_mut()
            .and_then(|b| b.get_mut(ord as usize / 64))
        {
            *word &= !(1 << (ord % 64));
        }
    }

    fn densify(&mut self, universe: usize) {
        self.ords.shrink_to_fit();
        if self.ords.len().saturating_mul(DENSE_DIVISOR) < universe {
            self.bits = None;
            return;
        }
        self.bits = Some(bitset_of(self.ords.iter().copied(), universe.max(1)));
    }
}

/// Posting lists keyed by interned number.
#[derive(Debug, Default)]
pub(crate) struct Postings {
    lists: Vec<Posting>,
}

static EMPTY: Posting = Posting {
    ords: Vec::new(),
    bits: None,
};

impl Postings {
    pub(crate) fn get(&self, key: u32) -> &Posting {
        self.lists.get(key as usize).unwrap_or(&EMPTY)
    }

    /// Records that service `ord` has every key in `keys`.
    pub(crate) fn add_all(&mut self, ord: u32, keys: &[u32]) {
        for &key in keys {
            let slot = key as usize;
            if self.lists.len() <= slot {
                self.lists.resize_with(slot + 1, Posting::default);
            }
            self.lists[slot].add(ord);
        }
    }

    /// Forgets that service `ord` has the keys in `keys`.
    pub(crate) fn remove_all(&mut self, ord: u32, keys: &[u32]) {
        for &key in keys {
            if let Some(list) = self.lists.get_mut(key as usize) {
                list.remove(ord);
            }
        }
    }

    /// Gives every long list a bitset over ordinals `0..universe` (and drops the others'), and
    /// returns the slack a bulk load left in the lists.
    pub(crate) fn densify(&mut self, universe: usize) {
        self.lists.iter_mut().for_each(|l| l.densify(universe));
    }

    /// For each key, by number, how many of its ordinals are in `set` (a bitset over ordinals).
    pub(crate) fn counts_in(&self, set: &[u64]) -> Vec<usize> {
        self.lists.iter().map(|list| list.count_in(set)).collect()
    }
}

/// Whether bit `ord` of the bitset `set` is set.
pub(crate) fn bit_is_set(set: &[u64], ord: u32) -> bool {
    set.get(ord as usize / 64)
        .is_some_and(|word| word & (1 << (ord % 64)) != 0)
}

/// A bitset over ordinals `0..universe` with the bits of `ords` set.
pub(crate) fn bitset_of(ords: impl Iterator<Item = u32>, universe: usize) -> Vec<u64> {
    let mut set = vec![0u64; universe.div_ceil(64)];
    for ord in ords {
        if let Some(word) = set.get_mut(ord as usize / 64) {
            *word |= 1 << (ord % 64);
        }
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn lists_match_a_set_after_any_adds_and_removes(
            ops in prop::collection::vec((any::<bool>(), 0u32..300, 0u32..3), 0..200),
            densify_at in 0usize..200,
        ) {
            let mut postings = Postings::default();
            let mut model = std::collections::BTreeSet::new();
            for (i, &(add, ord, key)) in ops.iter().enumerate() {
                if i == densify_at {
                    postings.densify(300);
                }
                if add {
                    postings.add_all(ord, &[key]);
                    model.insert((key, ord));
                } else {
                    postings.remove_all(ord, &[key]);
                    model.remove(&(key, ord));
                }
            }
            for key in 0..4 {
                let want: Vec<u32> = model.iter().filter(|(k, _)| *k == key).map(|(_, o)| *o).collect();
                let list = postings.get(key);
                prop_assert_eq!(list.ords(), &want[..]);
                for ord in 0..310 {
                    prop_assert_eq!(list.contains(ord), want.contains(&ord));
                }
            }
        }

        #[test]
        fn counts_in_a_set_are_the_lists_ordinals_in_it(
            keyed in prop::collection::vec((0u32..300, 0u32..3), 0..200),
            set in prop::collection::btree_set(0u32..300, 0..300),
            dense in any::<bool>(),
        ) {
            let mut postings = Postings::default();
            for &(ord, key) in &keyed {
                postings.add_all(ord, &[key]);
            }
            if dense {
                postings.densify(300);
            }
            let bits = bitset_of(set.iter().copied(), 300);
            let counts = postings.counts_in(&bits);
            for (key, &count) in (0u32..).zip(&counts) {
                let want = postings.get(key).ords().iter().filter(|o| set.contains(o)).count();
                prop_assert_eq!(count, want);
            }
            prop_assert_eq!(counts.len(), keyed.iter().map(|&(_, k)| k as usize + 1).max().unwrap_or(0));
        }
    }
}
