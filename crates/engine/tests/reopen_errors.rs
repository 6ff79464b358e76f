//! Reopening an index whose stored records cannot be read fails with the reason (the caller
//! then rebuilds from the store) instead of opening an engine that misses services.

use signpost_domain::Service;
use signpost_engine::{Engine, EngineError};
use signpost_index::{Prepared, Stored, TextIndex};

fn service(n: u32) -> Service {
    serde_json::from_value(serde_json::json!({"id": format!("s{n:05}"), "name": "Lantern drop-in"}))
        .expect("service")
}

#[test]
fn unreadable_stored_records_fail_the_open() {
    let dir = tempfile::tempdir().expect("dir");
    let text = TextIndex::create(dir.path()).expect("create");
    for n in 0..2_500 {
        let stored = Stored {
            record: b"not a record",
            document: b"{}",
        };
        text.add_new(n, &Prepared::new(&service(n)), stored)
            .expect("add");
    }
    text.commit().expect("commit");
    drop(text);
    match Engine::open(dir.path()) {
        Err(EngineError::Record(_)) => {}
        Err(other) => panic!("the wrong error: {other}"),
        Ok(_) => panic!("an index of unreadable records opened"),
    }
}
