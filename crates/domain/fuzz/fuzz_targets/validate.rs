//! Any JSON read as an HSDS service (an import line, an API write): `normalise` and `validate`
//! never panic, normalising twice changes nothing more, problems name a path under the base, and
//! a service written out and read back is the same service (import → export is lossless).
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_domain::Service;
use signpost_domain::validate::{normalise, normalise_reporting_change, validate};

fuzz_target!(|data: &[u8]| {
    let Ok(mut service) = serde_json::from_slice::<Service>(data) else {
        return;
    };
    let text = serde_json::to_string(&service).expect("a service serialises");
    let again: Service = serde_json::from_str(&text).expect("a written service reads back");
    assert_eq!(again, service);
    normalise(&mut service);
    assert!(!normalise_reporting_change(&mut service.clone()));
    for problem in validate(&service, "/contents/7") {
        assert!(problem.path.starts_with("/contents/7"), "{}", problem.path);
        assert!(!problem.message.is_empty());
    }
});
