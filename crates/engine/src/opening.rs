//! Opening times: weekly schedules of a service and of its locations, in Europe/London time.

use chrono::{DateTime, Datelike, NaiveTime, Timelike, Utc, Weekday};
use chrono_tz::Europe::London;
use serde::{Deserialize, Serialize};
use signpost_domain::opening::weekly_opening;
use signpost_domain::{Schedule, Service};

/// When an "open" filter asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenAt {
    /// At the search's `now`, read as London wall-clock time (GMT or BST).
    Now,
    /// On a weekday, at a London wall-clock time or (`None`) at any time that day.
    Day {
        day: Weekday,
        time: Option<NaiveTime>,
    },
}

/// One weekly opening: on the days in `days` (bit 0 Monday .. bit 6 Sunday), from `opens` to
/// `closes` (minutes after midnight). `closes <= opens` runs past midnight into the next day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Opening {
    pub days: u8,
    pub opens: u16,
    pub closes: u16,
}

/// A London weekday and minute of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WallClock {
    pub day: Weekday,
    /// `None`: any time that day.
    pub minute: Option<u16>,
}

impl OpenAt {
    pub(crate) fn wall_clock(self, now: DateTime<Utc>) -> WallClock {
        match self {
            OpenAt::Now => {
                let local = now.with_timezone(&London);
                WallClock {
                    day: local.weekday(),
                    minute: Some(minute_of(local.time())),
                }
            }
            OpenAt::Day { day, time } => WallClock {
                day,
                minute: time.map(minute_of),
            },
        }
    }
}

fn minute_of(time: NaiveTime) -> u16 {
    u16::try_from(time.hour() * 60 + time.minute()).unwrap_or(0)
}

fn day_bit(day: Weekday) -> u8 {
    1 << day.num_days_from_monday()
}

impl Opening {
    fn on(self, day: Weekday) -> bool {
        self.days & day_bit(day) != 0
    }

    fn overnight(self) -> bool {
        self.closes <= self.opens
    }

    /// Whether this opening covers the wall-clock moment (or any moment of the day).
    pub(crate) fn is_open(self, at: WallClock) -> bool {
        let previous = at.day.pred();
        let Some(minute) = at.minute else {
            return self.on(at.day) || (self.on(previous) && self.overnight() && self.closes > 0);
        };
        if self.overnight() {
            (self.on(at.day) && minute >= self.opens) || (self.on(previous) && minute < self.closes)
        } else {
            self.on(at.day) && minute >= self.opens && minute < self.closes
        }
    }
}

/// The weekly openings of a service and of its locations (read by
/// [`signpost_domain::opening::weekly_opening`]): schedules with a `freq` other than WEEKLY, or
/// with unreadable days or times, are left out; no `byday` means every day, and a missing time
/// means the whole day.
pub(crate) fn openings(service: &Service) -> Vec<Opening> {
    service.all_schedules().filter_map(opening).collect()
}

fn opening(schedule: &Schedule) -> Option<Opening> {
    let weekly = weekly_opening(schedule)?;
    Some(Opening {
        days: weekly.days,
        opens: weekly.opens,
        closes: weekly.closes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn schedule(byday: &str, opens: &str, closes: &str) -> Schedule {
        Schedule {
            id: "s".into(),
            freq: Some("WEEKLY".into()),
            byday: Some(byday.into()),
            opens_at: Some(opens.into()),
            closes_at: Some(closes.into()),
            ..Schedule::default()
        }
    }

    fn open_now(opening: Opening, now: DateTime<Utc>) -> bool {
        opening.is_open(OpenAt::Now.wall_clock(now))
    }

    #[test]
    fn reads_weekly_schedules() {
        let o = opening(&schedule("MO,FR", "09:30", "17:00")).expect("valid");
        assert_eq!(
            o,
            Opening {
                days: 0b1_0001,
                opens: 570,
                closes: 1020
            }
        );
        assert!(opening(&schedule("XX", "09:00", "10:00")).is_none());
        let monthly = Schedule {
            freq: Some("MONTHLY".into()),
            ..schedule("MO", "09:00", "10:00")
        };
        assert!(opening(&monthly).is_none());
    }

    #[test]
    fn summer_time_starts_on_2026_03_29() {
        // Sunday opening 09:00-10:00 London time.
        let o = opening(&schedule("SU", "09:00", "10:00")).expect("valid");
        // Sunday 22 March (GMT): 09:30 UTC is 09:30 London.
        assert!(open_now(
            o,
            Utc.with_ymd_and_hms(2026, 3, 22, 9, 30, 0).unwrap()
        ));
        // Sunday 29 March, after 01:00 UTC clocks go forward: 08:30 UTC is 09:30 BST.
        assert!(open_now(
            o,
            Utc.with_ymd_and_hms(2026, 3, 29, 8, 30, 0).unwrap()
        ));
        assert!(!open_now(
            o,
            Utc.with_ymd_and_hms(2026, 3, 29, 9, 30, 0).unwrap()
        ));
    }

    #[test]
    fn summer_time_ends_on_2026_10_25() {
        let o = opening(&schedule("SU", "09:00", "10:00")).expect("valid");
        // Saturday 24 October (BST): 08:30 UTC is 09:30 London, but it is Saturday.
        assert!(!open_now(
            o,
            Utc.with_ymd_and_hms(2026, 10, 24, 8, 30, 0).unwrap()
        ));
        // Sunday 25 October, back on GMT: 08:30 UTC is 08:30 London (closed), 09:30 UTC open.
        assert!(!open_now(
            o,
            Utc.with_ymd_and_hms(2026, 10, 25, 8, 30, 0).unwrap()
        ));
        assert!(open_now(
            o,
            Utc.with_ymd_and_hms(2026, 10, 25, 9, 30, 0).unwrap()
        ));
    }

    #[test]
    fn late_evening_in_bst_is_the_same_london_day() {
        // Friday 18:00-23:00; 22:30 UTC on Friday 3 July 2026 is 23:30 BST (closed),
        // 21:30 UTC is 22:30 BST (open).
        let o = opening(&schedule("FR", "18:00", "23:00")).expect("valid");
        assert!(open_now(
            o,
            Utc.with_ymd_and_hms(2026, 7, 3, 21, 30, 0).unwrap()
        ));
        assert!(!open_now(
            o,
            Utc.with_ymd_and_hms(2026, 7, 3, 22, 30, 0).unwrap()
        ));
    }

    #[test]
    fn overnight_openings_run_into_the_next_day() {
        let o = opening(&schedule("FR", "22:00", "02:00")).expect("valid");
        let at = |day, h: u16| WallClock {
            day,
            minute: Some(h * 60),
        };
        assert!(o.is_open(at(Weekday::Fri, 23)));
        assert!(o.is_open(at(Weekday::Sat, 1)));
        assert!(!o.is_open(at(Weekday::Sat, 3)));
        assert!(!o.is_open(at(Weekday::Fri, 1)));
    }

    #[test]
    fn a_day_without_a_time_matches_any_opening_that_day() {
        let o = opening(&schedule("SA", "10:00", "12:00")).expect("valid");
        assert!(o.is_open(WallClock {
            day: Weekday::Sat,
            minute: None
        }));
        assert!(!o.is_open(WallClock {
            day: Weekday::Sun,
            minute: None
        }));
    }
}
