//! The field checks that read publishers' text on their own (and that the web edit form's opening
//! hours go through): RRULE `byday`, times of day and GeoJSON service areas never panic, and a
//! time they accept is `HH:MM` or `HH:MM:SS` on a 24-hour clock.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_domain::validate::{check_geojson_area, is_byday, is_time_of_day};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = check_geojson_area(text);
    if is_byday(text) {
        assert!(!text.trim().is_empty());
    }
    if is_time_of_day(text) {
        assert!(text.len() == 5 || text.len() == 8, "{text:?}");
        let hours: u32 = text[..2].parse().expect("two digits");
        assert!(hours <= 23);
    }
});
