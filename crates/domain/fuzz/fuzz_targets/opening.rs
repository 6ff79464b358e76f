//! The opening-hours readers: a schedule's `byday`, `opens_at` and `closes_at` as the search
//! engine reads them (`weekly_opening`), and a line of the web edit form's opening hours
//! (`session_line`). Neither panics; an opening has at least one day and times within the day;
//! a form line accepted gives a schedule the engine reads back with the same days and times.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_domain::Schedule;
use signpost_domain::opening::{
    MINUTES_PER_DAY, day_bits, minute_of_day, session_line, weekly_opening,
};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut fields = text.splitn(4, '\n');
    let schedule = Schedule {
        freq: fields.next().filter(|f| !f.is_empty()).map(str::to_owned),
        byday: fields.next().map(str::to_owned),
        opens_at: fields.next().map(str::to_owned),
        closes_at: fields.next().map(str::to_owned),
        ..Default::default()
    };
    if let Some(opening) = weekly_opening(&schedule) {
        assert!(opening.days != 0 && opening.days < 0x80, "{opening:?}");
        assert!(opening.opens < MINUTES_PER_DAY && opening.closes <= MINUTES_PER_DAY);
    }
    for line in text.lines() {
        let Some(session) = session_line(line) else {
            continue;
        };
        let opens = minute_of_day(&session.opens).expect("an accepted time reads");
        let closes = minute_of_day(&session.closes).expect("an accepted time reads");
        if let Some(days) = day_bits(&session.days) {
            let read = weekly_opening(&Schedule {
                freq: Some("WEEKLY".to_owned()),
                byday: Some(session.days.clone()),
                opens_at: Some(session.opens.clone()),
                closes_at: Some(session.closes.clone()),
                ..Default::default()
            })
            .expect("a plain weekly line reads");
            assert_eq!(read.days, days);
            assert_eq!(read.opens, opens);
            if !(closes == 0 && opens > 0) {
                assert_eq!(read.closes, closes);
            }
        }
    }
});
