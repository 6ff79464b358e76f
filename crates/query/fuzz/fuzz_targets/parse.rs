//! Fuzzes `signpost_query::parse` against the bundled gazetteer: it must never panic, its spans
//! must point into the input, and its canonical query must parse back to the same structure.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_geo::Gazetteer;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(places) = Gazetteer::bundled() else {
        return;
    };
    let parsed = signpost_query::parse(input, places);
    for chip in &parsed.understood {
        assert_eq!(input.get(chip.span[0]..chip.span[1]), Some(chip.matched.as_str()));
    }
    let again = signpost_query::parse(&signpost_query::canonical_query(&parsed), places);
    assert_eq!(again.languages, parsed.languages);
    assert_eq!(again.categories, parsed.categories);
    assert_eq!(again.faiths, parsed.faiths);
});
