//! Weekly opening times read from HSDS schedules, and the web edit form's opening-hours lines
//! ("MO,WE 18:00-20:30"): the text publishers and editors type, read without panicking into
//! days (a bit set) and minutes after midnight.

use chrono::{NaiveTime, Timelike};

use crate::hsds::Schedule;
use crate::validate::{is_byday, is_time_of_day};

/// Minutes in a day: the `closes` of an opening that runs to midnight.
pub const MINUTES_PER_DAY: u16 = 24 * 60;

/// One weekly opening: on the days in `days` (bit 0 Monday .. bit 6 Sunday), from `opens` to
/// `closes` (minutes after midnight). `closes <= opens` runs past midnight into the next day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeeklyOpening {
    pub days: u8,
    pub opens: u16,
    pub closes: u16,
}

/// The weekly opening a schedule gives, or `None` for a `freq` other than WEEKLY or unreadable
/// days or times; no `byday` means every day, and a missing time the whole day.
pub fn weekly_opening(schedule: &Schedule) -> Option<WeeklyOpening> {
    if schedule
        .freq
        .as_deref()
        .is_some_and(|f| !f.eq_ignore_ascii_case("weekly"))
    {
        return None;
    }
    let days = match schedule.byday.as_deref() {
        Some(byday) => day_bits(byday)?,
        None => 0x7f,
    };
    let opens = schedule
        .opens_at
        .as_deref()
        .map_or(Some(0), minute_of_day)?;
    let closes = schedule
        .closes_at
        .as_deref()
        .map_or(Some(MINUTES_PER_DAY), minute_of_day)?;
    let closes = if closes == 0 && opens > 0 {
        MINUTES_PER_DAY
    } else {
        closes
    };
    Some(WeeklyOpening {
        days,
        opens,
        closes,
    })
}

/// Plain weekday codes ("MO,WE") as bits, bit 0 Monday; `None` when any code is not a plain
/// weekday or none is given.
pub fn day_bits(byday: &str) -> Option<u8> {
    let mut days = 0u8;
    for code in byday.split(',').map(str::trim).filter(|c| !c.is_empty()) {
        let bit = match code.to_ascii_uppercase().as_str() {
            "MO" => 0,
            "TU" => 1,
            "WE" => 2,
            "TH" => 3,
            "FR" => 4,
            "SA" => 5,
            "SU" => 6,
            _ => return None,
        };
        days |= 1 << bit;
    }
    (days != 0).then_some(days)
}

/// "HH:MM" or "HH:MM:SS" as minutes after midnight.
pub fn minute_of_day(text: &str) -> Option<u16> {
    let text = text.trim();
    let time = NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
        .ok()?;
    u16::try_from(time.hour() * 60 + time.minute()).ok()
}

/// One line of the web edit form's opening hours: days, opening and closing time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionLine {
    /// `byday`, upper case ("MO,WE").
    pub days: String,
    pub opens: String,
    pub closes: String,
}

/// A form line "DAYS HH:MM-HH:MM" (spaces around the times allowed), or `None` when it is not
/// one.
pub fn session_line(line: &str) -> Option<SessionLine> {
    let (days, hours) = line.trim().split_once(char::is_whitespace)?;
    let days = days.to_ascii_uppercase();
    let hours: String = hours.chars().filter(|c| !c.is_whitespace()).collect();
    let (opens, closes) = hours.split_once('-')?;
    (is_byday(&days) && is_time_of_day(opens) && is_time_of_day(closes)).then(|| SessionLine {
        days,
        opens: opens.to_owned(),
        closes: closes.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_lines_read_days_and_times() {
        assert_eq!(
            session_line("mo,we  18:00 - 20:30"),
            Some(SessionLine {
                days: "MO,WE".to_owned(),
                opens: "18:00".to_owned(),
                closes: "20:30".to_owned(),
            })
        );
        assert_eq!(session_line("MO 18:00"), None);
        assert_eq!(session_line("Monday 18:00-20:00"), None);
        assert_eq!(session_line("MO 24:00-25:00"), None);
    }

    #[test]
    fn schedules_read_as_weekly_openings() {
        let schedule = Schedule {
            byday: Some("MO,fr".to_owned()),
            opens_at: Some("18:00".to_owned()),
            closes_at: Some("00:00".to_owned()),
            ..Default::default()
        };
        assert_eq!(
            weekly_opening(&schedule),
            Some(WeeklyOpening {
                days: 0b1_0001,
                opens: 18 * 60,
                closes: MINUTES_PER_DAY,
            })
        );
        let monthly = Schedule {
            freq: Some("MONTHLY".to_owned()),
            ..schedule
        };
        assert_eq!(weekly_opening(&monthly), None);
        assert_eq!(day_bits("1MO"), None);
        assert_eq!(minute_of_day("7:05:09"), Some(7 * 60 + 5));
    }
}
