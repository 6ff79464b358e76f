//! Any text a user can type into a place box: the gazetteer answers or says "not found", never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_geo::{
    Gazetteer, PlaceLookup, looks_like_postcode, normalise_name, normalise_postcode,
    parse_postcode_query,
};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = normalise_postcode(text);
    let _ = looks_like_postcode(text);
    let _ = parse_postcode_query(text);
    let _ = normalise_name(text);
    let gazetteer = Gazetteer::bundled().expect("the bundled gazetteer loads");
    if let Some(place) = gazetteer.lookup(text) {
        assert!(place.point().is_valid());
    }
    let _ = gazetteer.suggest(text);
});
