//! The services in plain byte order of their ids (the §5 order without a point), as a rank per
//! ordinal so a page of hits is picked by comparing numbers, not strings.

use crate::entries::Entries;

/// Invariant: `sorted` holds every live ordinal once, in id order, and `rank[ord]` is the
/// position of `ord` in `sorted`.
#[derive(Debug, Default)]
pub(crate) struct IdOrder {
    sorted: Vec<u32>,
    rank: Vec<u32>,
}

impl IdOrder {
    /// Orders every live entry from scratch.
    pub(crate) fn rebuild(entries: &Entries) -> IdOrder {
        let mut sorted: Vec<u32> = entries.live().map(|(ord, _)| ord).collect();
        sorted.sort_unstable_by(|&a, &b| entries.id(a).cmp(entries.id(b)));
        let mut order = IdOrder {
            sorted,
            rank: vec![u32::MAX; entries.ordinals()],
        };
        order.renumber_from(0);
        order
    }

    fn renumber_from(&mut self, start: usize) {
        for (position, &ord) in self.sorted.iter().enumerate().skip(start) {
            if let Some(slot) = self.rank.get_mut(ord as usize) {
                *slot = u32::try_from(position).unwrap_or(u32::MAX);
            }
        }
    }

    /// Places a newly live ordinal (its entry already in `entries`).
    pub(crate) fn insert(&mut self, ord: u32, entries: &Entries) {
        let id = entries.id(ord);
        let at = self.sorted.partition_point(|&other| entries.id(other) < id);
        self.sorted.insert(at, ord);
        if self.rank.len() <= ord as usize {
            self.rank.resize(ord as usize + 1, u32::MAX);
        }
        self.renumber_from(at);
    }

    /// Forgets an ordinal that is no longer live.
    pub(crate) fn remove(&mut self, ord: u32) {
        let Some(&rank) = self.rank.get(ord as usize) else {
            return;
        };
        let at = rank as usize;
        if self.sorted.get(at) == Some(&ord) {
            self.sorted.remove(at);
            self.rank[ord as usize] = u32::MAX;
            self.renumber_from(at);
        }
    }

    pub(crate) fn rank(&self, ord: u32) -> u32 {
        self.rank.get(ord as usize).copied().unwrap_or(u32::MAX)
    }

    /// Every live ordinal in id order.
    pub(crate) fn sorted(&self) -> &[u32] {
        &self.sorted
    }
}
