//! Honest freshness: when a person last checked a record (HSDS `assured_date`, set by a
//! navigator's "mark as checked today"), kept apart from when it was last written
//! (`last_modified`, stamped by every import and write). A record not checked for the
//! `--stale-after` months (by its `assured_date`, else its `last_modified`) is stale: flagged in
//! search results and listed for navigators.

use std::sync::atomic::Ordering;

use chrono::{Months, NaiveDate, Utc};
use signpost_domain::Service;

use crate::code::Code;
use crate::directory::Directory;
use crate::error::{AppError, Result};
use crate::keys::Actor;

/// Months after which an unchecked record is stale, unless `serve --stale-after` says otherwise.
pub const DEFAULT_STALE_AFTER_MONTHS: u32 = 12;
/// Services read from the store at a time when listing the stale ones.
const READ_CHUNK: usize = 5_000;

/// A `--stale-after` value that is not a number of months or years.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a period: give months or years, such as 12mo, 18mo or 2y")]
pub struct PeriodError(String);

/// `12mo`, `18mo`, `2y` (or a bare number of months) as months; at least one.
pub fn parse_stale_after(text: &str) -> std::result::Result<u32, PeriodError> {
    let text = text.trim();
    let error = || PeriodError(text.to_owned());
    let (number, per) = if let Some(n) = text.strip_suffix("mo") {
        (n, 1)
    } else if let Some(n) = text.strip_suffix('y') {
        (n, 12)
    } else {
        (text, 1)
    };
    let months = number
        .trim()
        .parse::<u32>()
        .map_err(|_| error())?
        .checked_mul(per)
        .ok_or_else(error)?;
    if months == 0 {
        Err(error())
    } else {
        Ok(months)
    }
}

/// When a record was last checked: its `assured_date`, else the date of its `last_modified`
/// (RFC 3339); `None` when neither reads as a date.
pub fn last_checked(assured_date: Option<&str>, last_modified: Option<&str>) -> Option<NaiveDate> {
    let date = |text: &str| NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok();
    assured_date
        .and_then(date)
        .or_else(|| last_modified.and_then(date))
}

/// Whether a record last checked on `checked` is stale on `today`: more than `months` months
/// ago, or never.
pub fn is_stale(checked: Option<NaiveDate>, today: NaiveDate, months: u32) -> bool {
    checked
        .and_then(|date| date.checked_add_months(Months::new(months)))
        .is_none_or(|due| due < today)
}

/// Today in London, the directory's calendar.
pub fn london_today() -> NaiveDate {
    Utc::now()
        .with_timezone(&chrono_tz::Europe::London)
        .date_naive()
}

/// When a record was last checked and whether that makes it stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Freshness {
    pub checked: Option<NaiveDate>,
    pub stale: bool,
}

/// A stale service for the navigators' list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleService {
    pub id: String,
    pub name: String,
    pub checked: Option<NaiveDate>,
}

impl Directory {
    /// Sets how many months unchecked make a record stale (`serve --stale-after`).
    pub fn set_stale_after(&self, months: u32) {
        self.stale_after_months.store(months, Ordering::Relaxed);
    }

    /// How many months unchecked make a record stale.
    pub fn stale_after(&self) -> u32 {
        self.stale_after_months.load(Ordering::Relaxed)
    }

    /// The freshness of each service, in order, today.
    pub(crate) async fn freshness_of(&self, services: &[&Service]) -> Result<Vec<Freshness>> {
        let ids: Vec<&str> = services.iter().map(|s| s.id.as_str()).collect();
        let modified = self.store.last_modified(&ids).await?;
        let (today, months) = (london_today(), self.stale_after());
        Ok(services
            .iter()
            .map(|s| {
                let checked = last_checked(
                    s.assured_date.as_deref(),
                    modified.get(&s.id).map(String::as_str),
                );
                Freshness {
                    checked,
                    stale: is_stale(checked, today, months),
                }
            })
            .collect())
    }

    /// Records that a person checked the service today (its `assured_date`), audited; the
    /// saved service.
    pub async fn mark_checked(&self, id: &str, actor: &Actor) -> Result<Service> {
        let _one_writer = self.writes.lock().await;
        let mut service = self.store.service(id).await?.ok_or_else(|| {
            AppError::rejected(Code::NotFound, format!("no service with id {id:?}"))
        })?;
        service.assured_date = Some(london_today().format("%Y-%m-%d").to_string());
        self.write_one(&service, actor).await?;
        Ok(crate::confidential::redacted(service))
    }

    /// The active services not checked within the stale period, least recently checked first
    /// (never checked first of all), at most `limit`.
    pub async fn stale_services(&self, limit: usize) -> Result<Vec<StaleService>> {
        let mut chunks = self.store.chunks(READ_CHUNK);
        let mut stale = Vec::new();
        while let Some(chunk) = chunks.next().await? {
            let active: Vec<Service> = chunk.into_iter().filter(|s| s.status == "active").collect();
            let freshness = self
                .freshness_of(&active.iter().collect::<Vec<_>>())
                .await?;
            stale.extend(
                active
                    .into_iter()
                    .zip(freshness)
                    .filter(|(_, f)| f.stale)
                    .map(|(s, f)| StaleService {
                        id: s.id,
                        name: s.name,
                        checked: f.checked,
                    }),
            );
        }
        stale.sort_by(|x, y| x.checked.cmp(&y.checked).then_with(|| x.id.cmp(&y.id)));
        stale.truncate(limit);
        Ok(stale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_assured_date_counts_before_the_last_write() {
        assert_eq!(
            last_checked(Some("2025-01-31"), Some("2026-06-01T10:00:00.000000Z")),
            Some(day("2025-01-31"))
        );
        assert_eq!(
            last_checked(None, Some("2026-06-01T10:00:00.000000Z")),
            Some(day("2026-06-01"))
        );
        assert_eq!(last_checked(Some("soon"), None), None);
    }

    #[test]
    fn a_record_is_stale_after_the_period_or_when_never_checked() {
        let today = day("2026-12-07");
        assert!(!is_stale(Some(day("2025-12-07")), today, 12));
        assert!(is_stale(Some(day("2025-12-06")), today, 12));
        assert!(!is_stale(Some(day("2026-06-07")), today, 6));
        assert!(is_stale(Some(day("2026-06-06")), today, 6));
        assert!(is_stale(None, today, 12));
    }

    #[test]
    fn periods_read_as_months() {
        assert_eq!(parse_stale_after("12mo"), Ok(12));
        assert_eq!(parse_stale_after("2y"), Ok(24));
        assert_eq!(parse_stale_after("18"), Ok(18));
        assert!(parse_stale_after("0mo").is_err());
        assert!(parse_stale_after("soon").is_err());
    }
}
