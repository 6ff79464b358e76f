//! Replicas (docs/replicas.md): a [`Directory`] whose store is PostgreSQL follows the store's
//! change log, so the writes of every other process reach its own index, in commit order.
//!
//! Applying a change reads its services again from the store and puts what it finds in the index
//! (or takes out what is gone), so applying one twice, or late, does no harm; the last sequence
//! applied is kept in `DIR/index.sequence`. A process's own write is applied at once, before it
//! answers: directly when it is the next change, else by catching up from the log. The follower
//! ([`Directory::follow`]) wakes on each NOTIFY and polls every [`POLL`] besides; while the store
//! cannot be reached it retries with back-off, and the directory reports itself not ready.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use signpost_engine::Engine;
use signpost_store::{Sequence, Store, Touched};
use tracing::{debug, info, warn};

use crate::directory::Directory;
use crate::error::{AppError, Result};
use crate::withdrawn::{index_services, is_searchable};

/// The file in the data directory holding the last sequence the index has applied.
pub const SEQUENCE_FILE: &str = "index.sequence";

/// How often the follower looks at the log when no NOTIFY arrives.
pub const POLL: Duration = Duration::from_millis(500);

/// The longest wait between attempts to reach an unreachable store.
const MOST_BACK_OFF: Duration = Duration::from_secs(5);

/// Changes read from the log at a time; their services (each once, however often changed) are
/// put in the index with one commit.
const CHANGES_AT_A_TIME: u32 = 5_000;

/// Services read from the store at a time when every service is read again.
const RESYNC_CHUNK: usize = 1_000;

/// How the follower finds the store, for `/readyz`.
#[derive(Debug, Default)]
pub(crate) struct FollowerHealth {
    /// A follower runs (PostgreSQL); without one the directory is ready when the store answers.
    following: AtomicBool,
    /// The last look at the log succeeded.
    reachable: AtomicBool,
    /// The last look found nothing left to apply.
    caught_up: AtomicBool,
}

impl Directory {
    /// The last change this process's index has applied (the `Signpost-Sequence` of a write
    /// answered after it: at least the write's own change).
    pub fn sequence(&self) -> Sequence {
        *self.applied.borrow()
    }

    /// Waits at most `patience` until the index has applied `wanted`; the sequence applied then.
    pub async fn wait_for_sequence(&self, wanted: Sequence, patience: Duration) -> Sequence {
        let mut applied = self.applied.subscribe();
        // A timeout (or the sender gone) leaves the replica behind; the caller reports by how much.
        let _ = tokio::time::timeout(patience, applied.wait_for(|done| *done >= wanted)).await;
        *applied.borrow()
    }

    /// Starts following the store's change log in the background (PostgreSQL only: a SQLite
    /// store has a single writer, this process). Call once, from within a Tokio runtime.
    pub fn follow(self: &Arc<Directory>) {
        if !matches!(self.store, Store::Postgres(_)) {
            return;
        }
        self.health.following.store(true, Ordering::SeqCst);
        tokio::spawn(follow_changes(Arc::clone(self)));
    }

    /// Whether a follower runs and the store was reachable and caught up at its last look; `None`
    /// when no follower runs.
    pub(crate) fn follower_ready(&self) -> Option<bool> {
        let health = &self.health;
        health.following.load(Ordering::SeqCst).then(|| {
            health.reachable.load(Ordering::SeqCst) && health.caught_up.load(Ordering::SeqCst)
        })
    }

    /// Applies every change the log holds after the last one applied.
    pub async fn catch_up(&self) -> Result<()> {
        let _turn = self.index_turn.lock().await;
        self.catch_up_locked(None).await
    }

    /// Applies this process's own write, change `sequence`, to the index: `apply` puts it there
    /// when it is the next change; otherwise (another process wrote in between) the log is
    /// followed up to it, reading the services again.
    pub(crate) async fn apply_own(
        &self,
        sequence: Sequence,
        apply: impl FnOnce(&Engine) -> Result<()>,
    ) -> Result<()> {
        let _turn = self.index_turn.lock().await;
        let applied = self.sequence();
        if applied >= sequence {
            return Ok(());
        }
        if applied + 1 == sequence {
            apply(&self.engine)?;
            return self.applied_up_to(sequence);
        }
        self.catch_up_locked(Some(sequence)).await
    }

    /// Follows the log (up to `until`, or to its end), holding the index's turn.
    async fn catch_up_locked(&self, until: Option<Sequence>) -> Result<()> {
        loop {
            let applied = self.sequence();
            if until.is_some_and(|until| applied >= until) {
                return Ok(());
            }
            let changes = self.store.changes_after(applied, CHANGES_AT_A_TIME).await?;
            let (Some(first), Some(last)) = (changes.first(), changes.last()) else {
                return Ok(());
            };
            let last = last.sequence;
            if first.sequence != applied + 1 {
                warn!(
                    applied,
                    first = first.sequence,
                    "the change log was trimmed past this index: reading every service again"
                );
                self.resync_everything(last).await?;
                continue;
            }
            let mut ids = HashSet::new();
            let mut everything = false;
            for change in changes {
                match change.touched {
                    Touched::Services(touched) => ids.extend(touched),
                    Touched::Everything => everything = true,
                }
            }
            if everything {
                self.resync_everything(last).await?;
            } else {
                self.apply_services(ids).await?;
                self.applied_up_to(last)?;
            }
        }
    }

    /// Reads these services again and puts them in the index, taking out those that are gone.
    async fn apply_services(&self, ids: HashSet<String>) -> Result<()> {
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let found = self.store.services_by_ids(&ids).await?;
        let present: HashSet<&str> = found.iter().map(|s| s.id.as_str()).collect();
        let gone: Vec<&str> = ids
            .iter()
            .copied()
            .filter(|id| !present.contains(id))
            .collect();
        index_services(&self.engine, &found)?;
        for id in gone {
            self.engine.remove(id)?;
        }
        debug!(
            services = ids.len(),
            "applied changes from the log to the index"
        );
        Ok(())
    }

    /// Puts every searchable service of the store in the index and takes out the rest, then
    /// records `up_to` (read from the log before starting) as applied.
    async fn resync_everything(&self, up_to: Sequence) -> Result<()> {
        let mut stored = HashSet::new();
        let mut chunks = self.store.chunks(RESYNC_CHUNK);
        while let Some(chunk) = chunks.next().await? {
            index_services(&self.engine, &chunk)?;
            stored.extend(
                chunk
                    .into_iter()
                    .filter(is_searchable)
                    .map(|service| service.id),
            );
        }
        for id in self.engine.ids()? {
            if !stored.contains(&id) {
                self.engine.remove(&id)?;
            }
        }
        info!(
            services = stored.len(),
            "read every service of the store into the index"
        );
        self.applied_up_to(up_to)
    }

    /// Records `sequence` as applied: for waiting readers, and on disk for the next start.
    fn applied_up_to(&self, sequence: Sequence) -> Result<()> {
        SequenceFile::in_dir(self.data_dir()).write(sequence)?;
        self.applied.send_replace(sequence);
        Ok(())
    }
}

/// The follower: catch up, then wait for a NOTIFY (or [`POLL`]), forever; while the store cannot
/// be reached, try again with back-off.
async fn follow_changes(directory: Arc<Directory>) {
    let mut listener = None;
    let mut back_off = POLL;
    loop {
        if listener.is_none() {
            listener = directory.store.listen_for_changes().await.ok().flatten();
        }
        let health = &directory.health;
        if let Err(error) = directory.catch_up().await {
            if health.reachable.swap(false, Ordering::SeqCst) {
                warn!(%error, "cannot follow the store's change log; retrying");
            }
            health.caught_up.store(false, Ordering::SeqCst);
            listener = None;
            tokio::time::sleep(back_off).await;
            back_off = (back_off * 2).min(MOST_BACK_OFF);
            continue;
        }
        if !health.reachable.swap(true, Ordering::SeqCst) {
            info!(
                sequence = directory.sequence(),
                "following the store's change log"
            );
        }
        health.caught_up.store(true, Ordering::SeqCst);
        back_off = POLL;
        match listener.as_mut() {
            Some(waiting) => {
                if waiting.wait(POLL).await.is_err() {
                    listener = None;
                }
            }
            None => tokio::time::sleep(POLL).await,
        }
    }
}

/// [`SEQUENCE_FILE`] in a data directory.
pub(crate) struct SequenceFile {
    path: PathBuf,
}

impl SequenceFile {
    pub(crate) fn in_dir(db_dir: &Path) -> SequenceFile {
        SequenceFile {
            path: db_dir.join(SEQUENCE_FILE),
        }
    }

    /// The sequence recorded, if the file is there and readable.
    pub(crate) fn read(&self) -> Option<Sequence> {
        std::fs::read_to_string(&self.path)
            .ok()?
            .trim()
            .parse()
            .ok()
    }

    /// Records `sequence`, replacing the file whole (written beside it, then renamed), so a
    /// crash leaves the old number or the new one.
    pub(crate) fn write(&self, sequence: Sequence) -> Result<()> {
        let beside = self.path.with_extension("sequence.new");
        std::fs::write(&beside, format!("{sequence}\n"))
            .and_then(|()| std::fs::rename(&beside, &self.path))
            .map_err(|source| AppError::io(format!("cannot write {}", self.path.display()), source))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_file_reads_back_what_was_written() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let file = SequenceFile::in_dir(dir.path());
        assert_eq!(file.read(), None);
        file.write(41).expect("written");
        file.write(42).expect("replaced");
        assert_eq!(file.read(), Some(42));
        std::fs::write(dir.path().join(SEQUENCE_FILE), "garbage").expect("spoilt");
        assert_eq!(file.read(), None, "an unreadable file is as good as none");
    }
}
