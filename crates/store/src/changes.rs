//! The change log that replicas follow (docs/replicas.md): every service write commits one row
//! in its own transaction, naming the services it touched, with a sequence number in commit
//! order; PostgreSQL also announces the number on the [`CHANNEL`] when the transaction commits.
//!
//! Commit order: on PostgreSQL a writer takes `LOCK TABLE change_log IN EXCLUSIVE MODE` as the
//! last step before its commit and numbers its row one past the largest committed, so the lock
//! is held from numbering to commit and numbers become visible in order: a follower that has
//! read N never sees N - 1 appear later. (A sequence or identity column hands numbers out at
//! insert time, and a later number can commit first.) Readers are not blocked by the lock.
//! SQLite has one writer at a time, so the same numbering is in commit order there already.

use std::time::Duration;

use sqlx::postgres::PgListener;

use crate::error::Result;
use crate::open::{Store, now, on_backend};

/// A committed change's place in the log: 1, 2, ... (0 stands for "before the first").
pub type Sequence = u64;

/// The PostgreSQL notification channel a commit announces its sequence on.
pub const CHANNEL: &str = "signpost_changes";

/// Ids one change row lists; a write touching more logs [`Touched::Everything`] instead.
pub const MAX_LISTED_IDS: usize = 50_000;

/// Rows the log keeps: a replica further behind than this rebuilds from the store.
pub const KEPT_CHANGES: u64 = 100_000;

/// The log is trimmed when a sequence is a multiple of this.
const TRIM_EVERY: u64 = 1_000;

/// What one change touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Touched {
    /// These services were written or deleted; read each again to know which.
    Services(Vec<String>),
    /// Too many services to list: read them all again.
    Everything,
}

impl Touched {
    /// The ids as the log stores them (a JSON array), or NULL for everything.
    fn stored(&self) -> Option<String> {
        match self {
            Touched::Services(ids) => serde_json::to_string(ids).ok(),
            Touched::Everything => None,
        }
    }

    /// A row's ids; a row that cannot be read says "everything", which is always safe.
    fn from_stored(ids: Option<String>) -> Touched {
        ids.and_then(|ids| serde_json::from_str(&ids).ok())
            .map_or(Touched::Everything, Touched::Services)
    }
}

/// The ids a write transaction has touched so far, until there are too many to list.
#[derive(Debug, Clone, Default)]
pub(crate) struct TouchedIds {
    ids: Vec<String>,
    too_many: bool,
}

impl TouchedIds {
    pub(crate) fn add<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) {
        if self.too_many {
            return;
        }
        self.ids.extend(ids.into_iter().map(str::to_owned));
        if self.ids.len() > MAX_LISTED_IDS {
            self.too_many = true;
            self.ids = Vec::new();
        }
    }

    pub(crate) fn touched(self) -> Touched {
        if self.too_many {
            Touched::Everything
        } else {
            Touched::Services(self.ids)
        }
    }
}

/// One row of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub sequence: Sequence,
    pub touched: Touched,
}

/// The sequences the log holds now: `first..=last`, both 0 when it is empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogSpan {
    pub first: Sequence,
    pub last: Sequence,
}

impl LogSpan {
    /// Whether a follower that has applied `applied` can go on from the log: nothing after it
    /// was trimmed away, and the log has not been replaced by one that is shorter.
    pub fn continues_from(&self, applied: Sequence) -> bool {
        applied <= self.last && (self.first == 0 || self.first <= applied.saturating_add(1))
    }
}

/// Logs a change inside an open write transaction, as its last step before the commit: the
/// one function every service write goes through. Returns the change's sequence.
pub(crate) trait LogChange {
    fn log_change<'a>(
        &'a mut self,
        touched: &'a Touched,
    ) -> impl Future<Output = Result<Sequence>> + Send + 'a;
}

/// Numbers the row one past the largest committed (under the caller's lock on PostgreSQL).
const INSERT_CHANGE: &str = "INSERT INTO change_log (seq, at, service_ids) \
     SELECT COALESCE(MAX(seq), 0) + 1, $1, $2 FROM change_log RETURNING seq";
const TRIM: &str = "DELETE FROM change_log WHERE seq <= $1";

impl LogChange for sqlx::SqliteConnection {
    async fn log_change(&mut self, touched: &Touched) -> Result<Sequence> {
        let sequence: i64 = sqlx::query_scalar(INSERT_CHANGE)
            .bind(now())
            .bind(touched.stored())
            .fetch_one(&mut *self)
            .await?;
        let sequence = Sequence::try_from(sequence).unwrap_or_default();
        if let Some(below) = trim_below(sequence) {
            sqlx::query(TRIM).bind(below).execute(&mut *self).await?;
        }
        Ok(sequence)
    }
}

impl LogChange for sqlx::PgConnection {
    async fn log_change(&mut self, touched: &Touched) -> Result<Sequence> {
        sqlx::query("LOCK TABLE change_log IN EXCLUSIVE MODE")
            .execute(&mut *self)
            .await?;
        let sequence: i64 = sqlx::query_scalar(INSERT_CHANGE)
            .bind(now())
            .bind(touched.stored())
            .fetch_one(&mut *self)
            .await?;
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(sequence.to_string())
            .execute(&mut *self)
            .await?;
        let sequence = Sequence::try_from(sequence).unwrap_or_default();
        if let Some(below) = trim_below(sequence) {
            sqlx::query(TRIM).bind(below).execute(&mut *self).await?;
        }
        Ok(sequence)
    }
}

/// Every [`TRIM_EVERY`] changes, the sequence at and below which rows are dropped (keeping the
/// last [`KEPT_CHANGES`]).
fn trim_below(sequence: Sequence) -> Option<i64> {
    (sequence.is_multiple_of(TRIM_EVERY) && sequence > KEPT_CHANGES)
        .then(|| i64::try_from(sequence - KEPT_CHANGES).unwrap_or(i64::MAX))
}

impl Store {
    /// The changes after `after`, in sequence order, at most `limit` of them.
    pub async fn changes_after(&self, after: Sequence, limit: u32) -> Result<Vec<Change>> {
        let after = i64::try_from(after).unwrap_or(i64::MAX);
        let rows: Vec<(i64, Option<String>)> = on_backend!(self, pool => {
            sqlx::query_as(
                "SELECT seq, service_ids FROM change_log WHERE seq > $1 ORDER BY seq LIMIT $2",
            )
            .bind(after)
            .bind(i64::from(limit))
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(sequence, ids)| Change {
                sequence: Sequence::try_from(sequence).unwrap_or_default(),
                touched: Touched::from_stored(ids),
            })
            .collect())
    }

    /// The first and last sequence the log holds.
    pub async fn change_span(&self) -> Result<LogSpan> {
        let (first, last): (i64, i64) = on_backend!(self, pool => {
            sqlx::query_as("SELECT COALESCE(MIN(seq), 0), COALESCE(MAX(seq), 0) FROM change_log")
                .fetch_one(pool)
                .await?
        });
        Ok(LogSpan {
            first: Sequence::try_from(first).unwrap_or_default(),
            last: Sequence::try_from(last).unwrap_or_default(),
        })
    }

    /// Listens for the commits of changes (PostgreSQL only; `None` on SQLite).
    pub async fn listen_for_changes(&self) -> Result<Option<ChangeListener>> {
        let Store::Postgres(pool) = self else {
            return Ok(None);
        };
        let mut listener = PgListener::connect_with(pool).await?;
        listener.listen(CHANNEL).await?;
        Ok(Some(ChangeListener { listener }))
    }
}

/// A connection LISTENing on [`CHANNEL`].
#[derive(Debug)]
pub struct ChangeListener {
    listener: PgListener,
}

impl ChangeListener {
    /// Waits until a change is announced or `patience` passes (whichever is first); an error when
    /// the connection was lost (drop the listener and listen again later).
    pub async fn wait(&mut self, patience: Duration) -> Result<()> {
        match tokio::time::timeout(patience, self.listener.try_recv()).await {
            Err(_) | Ok(Ok(Some(_))) => Ok(()),
            Ok(Ok(None)) => Err(sqlx::Error::PoolClosed.into()),
            Ok(Err(lost)) => Err(lost.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_listed_until_there_are_too_many() {
        let mut few = TouchedIds::default();
        few.add(["a", "b"]);
        assert_eq!(
            few.touched(),
            Touched::Services(vec!["a".into(), "b".into()])
        );
        let mut many = TouchedIds::default();
        let ids: Vec<String> = (0..=MAX_LISTED_IDS).map(|i| i.to_string()).collect();
        many.add(ids.iter().map(String::as_str));
        many.add(["late"]);
        assert_eq!(many.touched(), Touched::Everything);
    }

    #[test]
    fn stored_ids_read_back() {
        for touched in [
            Touched::Services(vec!["x".into(), "y\nz".into()]),
            Touched::Everything,
        ] {
            assert_eq!(Touched::from_stored(touched.stored()), touched);
        }
    }

    #[test]
    fn the_log_is_trimmed_every_thousand_changes_keeping_the_last_hundred_thousand() {
        assert_eq!(trim_below(KEPT_CHANGES), None);
        assert_eq!(trim_below(KEPT_CHANGES + 1), None);
        assert_eq!(trim_below(KEPT_CHANGES + TRIM_EVERY), Some(1_000));
    }

    #[test]
    fn a_follower_goes_on_only_when_nothing_it_needs_was_trimmed() {
        let span = LogSpan {
            first: 101,
            last: 500,
        };
        assert!(span.continues_from(100));
        assert!(span.continues_from(500));
        assert!(!span.continues_from(99), "trimmed past");
        assert!(!span.continues_from(501), "a different, shorter log");
        let empty = LogSpan { first: 0, last: 0 };
        assert!(empty.continues_from(0));
        assert!(!empty.continues_from(3));
    }
}
