//! Weekly times: the person's available slots and a service's sessions from its HSDS
//! `schedules` (docs/formats.md: `freq` WEEKLY, `byday` "MO,FR", `opens_at`/`closes_at`).
//! Both sides are Europe/London wall-clock times, so they compare directly with no conversion.

use chrono::Weekday;
use signpost_domain::Service;
use signpost_domain::reason;

/// Minutes after midnight, 0..=1440.
pub(crate) type Minutes = u16;

const DAY_END: Minutes = 24 * 60;

/// A day of the week as profiles and schedules name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DayOfWeek(pub Weekday);

const DAYS: [(Weekday, &str, &str); 7] = [
    (Weekday::Mon, "mon", "MO"),
    (Weekday::Tue, "tue", "TU"),
    (Weekday::Wed, "wed", "WE"),
    (Weekday::Thu, "thu", "TH"),
    (Weekday::Fri, "fri", "FR"),
    (Weekday::Sat, "sat", "SA"),
    (Weekday::Sun, "sun", "SU"),
];

impl DayOfWeek {
    /// `mon` .. `sun`, as in the profile.
    pub fn from_profile_code(code: &str) -> Option<DayOfWeek> {
        DAYS.iter()
            .find(|(_, c, _)| *c == code)
            .map(|(d, ..)| DayOfWeek(*d))
    }

    /// `MO` .. `SU`, as in an RRULE `byday`; an ordinal prefix ("1MO") is ignored.
    fn from_rrule_code(code: &str) -> Option<DayOfWeek> {
        let letters = code
            .trim()
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '+');
        DAYS.iter()
            .find(|(_, _, c)| c.eq_ignore_ascii_case(letters))
            .map(|(d, ..)| DayOfWeek(*d))
    }
}

/// Reads "09:30" or "09:30:00" (24-hour); "24:00" is the end of the day.
pub(crate) fn parse_clock(text: &str) -> Option<Minutes> {
    let mut parts = text.trim().split(':');
    let hours: u16 = parse_two_digits(parts.next()?)?;
    let minutes: u16 = parse_two_digits(parts.next()?)?;
    if let Some(seconds) = parts.next() {
        parse_two_digits(seconds).filter(|s| *s < 60)?;
    }
    if parts.next().is_some() || minutes >= 60 {
        return None;
    }
    let total = hours * 60 + minutes;
    (total <= DAY_END).then_some(total)
}

fn parse_two_digits(text: &str) -> Option<u16> {
    if text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

/// A stretch of one weekday, `from` inclusive to `to` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TimeSlot {
    pub day: DayOfWeek,
    pub from: Minutes,
    pub to: Minutes,
}

impl TimeSlot {
    pub fn overlaps(&self, other: &TimeSlot) -> bool {
        self.day == other.day && self.from < other.to && other.from < self.to
    }
}

/// A weekly session of a service. When the record gives no times the slot is the whole day and
/// `times_stated` is false.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Session {
    pub slot: TimeSlot,
    pub times_stated: bool,
}

/// The weekly sessions of a service, from its own schedules and its locations' schedules.
/// Schedules that are not weekly, or have no readable `byday`, are skipped.
pub(crate) fn weekly_sessions(service: &Service) -> Vec<Session> {
    let mut sessions: Vec<Session> = Vec::new();
    for schedule in service.all_schedules() {
        let weekly = schedule
            .freq
            .as_deref()
            .is_none_or(|f| f.eq_ignore_ascii_case("WEEKLY"));
        let Some(byday) = schedule.byday.as_deref().filter(|_| weekly) else {
            continue;
        };
        let opens = schedule.opens_at.as_deref().and_then(parse_clock);
        let closes = schedule.closes_at.as_deref().and_then(parse_clock);
        let (from, to, times_stated) = match (opens, closes) {
            (Some(o), Some(c)) if c > o => (o, c, true),
            (Some(o), None) => (o, DAY_END.max(o + 1), false),
            _ => (0, DAY_END, false),
        };
        for day in byday.split(',').filter_map(DayOfWeek::from_rrule_code) {
            let session = Session {
                slot: TimeSlot { day, from, to },
                times_stated,
            };
            if !sessions.contains(&session) {
                sessions.push(session);
            }
        }
    }
    sessions.sort_by_key(|s| (s.slot.day.0.num_days_from_monday(), s.slot.from));
    sessions
}

/// A session as a reason shows it ("Fridays 13:00", or "Fridays" when the record gives no time).
pub(crate) fn shown_session(session: &Session) -> reason::Session {
    reason::Session {
        day: session.slot.day.0,
        starts: session.times_stated.then_some(session.slot.from),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// "13:00".
    fn show_clock(minutes: Minutes) -> String {
        format!("{:02}:{:02}", minutes / 60, minutes % 60)
    }

    fn service_with(schedules: serde_json::Value) -> Service {
        serde_json::from_value(serde_json::json!({
            "id": "s", "name": "n", "schedules": schedules
        }))
        .expect("valid service")
    }

    #[test]
    fn clocks_read_24_hour_times_only() {
        assert_eq!(parse_clock("09:30"), Some(570));
        assert_eq!(parse_clock("18:00:00"), Some(1080));
        assert_eq!(parse_clock("24:00"), Some(1440));
        for bad in ["9:30", "24:01", "12:60", "noon", "", "12:00:00:00", "1a:00"] {
            assert_eq!(parse_clock(bad), None, "{bad}");
        }
    }

    #[test]
    fn sessions_come_from_weekly_schedules() {
        let service = service_with(serde_json::json!([
            {"id": "a", "freq": "WEEKLY", "byday": "MO,FR", "opens_at": "13:00", "closes_at": "15:00"},
            {"id": "b", "freq": "MONTHLY", "byday": "TU", "opens_at": "10:00", "closes_at": "11:00"},
            {"id": "c", "byday": "1WE", "opens_at": "10:00"},
            {"id": "d", "freq": "WEEKLY"}
        ]));
        let shown: Vec<reason::Session> = weekly_sessions(&service)
            .iter()
            .map(shown_session)
            .collect();
        let session = |day, starts| reason::Session { day, starts };
        assert_eq!(
            shown,
            vec![
                session(Weekday::Mon, Some(13 * 60)),
                session(Weekday::Wed, None),
                session(Weekday::Fri, Some(13 * 60)),
            ]
        );
    }

    #[test]
    fn location_schedules_count_too() {
        let service: Service = serde_json::from_value(serde_json::json!({
            "id": "s", "name": "n",
            "service_at_locations": [{"id": "sal", "schedules": [
                {"id": "x", "freq": "WEEKLY", "byday": "SA", "opens_at": "10:00", "closes_at": "12:00"}
            ]}]
        }))
        .expect("valid");
        assert_eq!(weekly_sessions(&service).len(), 1);
    }

    proptest! {
        #[test]
        fn parse_clock_round_trips(m in 0u16..=1440) {
            prop_assert_eq!(parse_clock(&show_clock(m)), Some(m));
        }

        #[test]
        fn overlap_is_symmetric(a in 0u16..1440, b in 0u16..1440, c in 0u16..1440, d in 0u16..1440) {
            let day = DayOfWeek(Weekday::Mon);
            let s = TimeSlot { day, from: a.min(b), to: a.max(b) + 1 };
            let t = TimeSlot { day, from: c.min(d), to: c.max(d) + 1 };
            prop_assert_eq!(s.overlaps(&t), t.overlaps(&s));
        }
    }
}
