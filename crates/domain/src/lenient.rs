//! Lenient reading: a record whose identity (`id`, `name`) is good is kept, and each value that
//! fails to parse or validate is set aside (removed from the record) and reported.
//!
//! [`read_lenient`] parses a record, normalises and validates it, removes what is at fault and
//! repeats until the record is clean, so what it returns always passes [`validate::findings`].
//! A value that cannot be removed alone goes with its nearest removable parent: a coordinate with
//! its partner (a location keeps both or neither), a missing value with the object that needs
//! it. A fault in the identity itself rejects the record.

use serde_json::Value;

use crate::hsds::Service;
use crate::validate::{self, normalise};

/// One value taken out of a record, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct SetAside {
    /// JSON pointer of the value within the record.
    pub path: String,
    /// The value as the record had it.
    pub value: Value,
    pub reason: String,
}

/// Why a record cannot be kept even leniently: its identity is at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct Rejected {
    /// JSON pointer of the fault (empty for the record as a whole).
    pub path: String,
    pub reason: String,
}

/// A record kept leniently: the clean service and what was set aside to make it so.
#[derive(Debug, Clone, PartialEq)]
pub struct Lenient {
    pub service: Service,
    pub set_aside: Vec<SetAside>,
}

/// Paths whose fault rejects the record: without them there is no service to keep.
const IDENTITY: [&str; 3] = ["", "/id", "/name"];

/// The service in `record` with every bad value set aside, or why it cannot be kept.
pub fn read_lenient(mut record: Value) -> Result<Lenient, Rejected> {
    let mut set_aside = Vec::new();
    loop {
        let faults = match parse(&record) {
            Ok(mut service) => {
                normalise(&mut service);
                let findings = validate::findings(&service, "");
                if findings.is_empty() {
                    return Ok(Lenient { service, set_aside });
                }
                findings.into_iter().map(|f| (f.path, f.reason)).collect()
            }
            Err(fault) => vec![fault],
        };
        if let Some((path, reason)) = faults.iter().find(|(path, _)| is_identity(path)) {
            return Err(Rejected {
                path: path.clone(),
                reason: reason.clone(),
            });
        }
        let removed = remove_pointers(&mut record, &faults);
        if removed.is_empty() {
            let (path, reason) = faults.into_iter().next().unwrap_or_default();
            return Err(Rejected { path, reason });
        }
        set_aside.extend(removed);
    }
}

/// Removes each pointer's value from `record` (deepest and last first, so no removal moves
/// another's array index), reporting what was removed with the pointer's reason. A pointer to
/// nothing removes its nearest parent instead; a value takes its partner with it. The
/// record itself (the empty pointer) is never removed.
pub fn remove_pointers(record: &mut Value, pointers: &[(String, String)]) -> Vec<SetAside> {
    let mut ordered: Vec<&(String, String)> = pointers.iter().collect();
    ordered.sort_by(|a, b| segments_order(&b.0, &a.0));
    ordered.dedup_by(|a, b| a.0 == b.0);
    let mut removed = Vec::new();
    for (pointer, reason) in ordered {
        if let Some((path, value)) = remove_nearest(record, pointer) {
            removed.push(SetAside {
                path: path.clone(),
                value,
                reason: reason.clone(),
            });
            if let Some(partner) = partner(&path)
                && let Some(value) = remove_at(record, &partner)
            {
                removed.push(SetAside {
                    path: partner,
                    value,
                    reason: format!("set aside with {path}"),
                });
            }
        }
    }
    removed
}

fn parse(record: &Value) -> Result<Service, (String, String)> {
    serde_path_to_error::deserialize(record).map_err(|e| {
        let path = json_pointer(&e.path().to_string());
        (path, e.into_inner().to_string())
    })
}

fn is_identity(path: &str) -> bool {
    IDENTITY.contains(&path)
}

/// `languages[0].code` (serde_path_to_error) → `/languages/0/code`; the root and unknown (`?`)
/// segments are left out.
pub fn json_pointer(path: &str) -> String {
    path.split(['.', '['])
        .map(|segment| segment.trim_end_matches(']'))
        .filter(|segment| !segment.is_empty() && *segment != "?")
        .map(|segment| format!("/{segment}"))
        .collect()
}

/// Orders pointers segment by segment, array indexes as numbers, a parent before its children.
fn segments_order(a: &str, b: &str) -> std::cmp::Ordering {
    let key = |pointer: &str| -> Vec<(u64, String)> {
        pointer
            .split('/')
            .skip(1)
            .map(|segment| match segment.parse::<u64>() {
                Ok(index) => (index, String::new()),
                Err(_) => (u64::MAX, segment.to_owned()),
            })
            .collect()
    };
    key(a).cmp(&key(b))
}

/// Removes the value at `pointer`, or at its nearest parent when there is nothing there; the
/// path actually removed and its value. Never removes the whole record.
fn remove_nearest(record: &mut Value, pointer: &str) -> Option<(String, Value)> {
    let mut path = pointer.to_owned();
    while !path.is_empty() {
        if let Some(value) = remove_at(record, &path) {
            return Some((path, value));
        }
        path.truncate(path.rfind('/').unwrap_or(0));
    }
    None
}

fn remove_at(record: &mut Value, pointer: &str) -> Option<Value> {
    let (parent, last) = pointer.rsplit_once('/')?;
    let last = last.replace("~1", "/").replace("~0", "~");
    match record.pointer_mut(parent)? {
        Value::Object(object) => object.remove(&last),
        Value::Array(array) => {
            let index: usize = last.parse().ok()?;
            (index < array.len()).then(|| array.remove(index))
        }
        _ => None,
    }
}

/// A value that cannot stay once `path` is set aside: a coordinate's partner (a location keeps
/// both or neither), a GeoJSON area's `extent_type` (which promises an extent).
fn partner(path: &str) -> Option<String> {
    if let Some(location) = path.strip_suffix("/location/latitude") {
        Some(format!("{location}/location/longitude"))
    } else if let Some(location) = path.strip_suffix("/location/longitude") {
        Some(format!("{location}/location/latitude"))
    } else {
        path.strip_suffix("/extent")
            .filter(|area| area.starts_with("/service_areas/"))
            .map(|area| format!("{area}/extent_type"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn serde_paths_become_json_pointers() {
        assert_eq!(json_pointer("languages[0].code"), "/languages/0/code");
        assert_eq!(json_pointer("minimum_age"), "/minimum_age");
        assert_eq!(json_pointer("."), "");
        assert_eq!(json_pointer("?"), "");
    }

    fn paths(lenient: &Lenient) -> Vec<&str> {
        lenient.set_aside.iter().map(|s| s.path.as_str()).collect()
    }

    #[test]
    fn placeholder_coordinates_and_extent_are_set_aside() {
        let record = json!({"id": "s", "name": "Counselling",
            "service_at_locations": [{"id": "sal", "location": {"id": "loc", "name": "Civic Centre",
                "latitude": 100, "longitude": 101}}],
            "service_areas": [{"id": "a", "extent": "extent", "extent_type": "geojson", "name": "MyCity"}]});
        let lenient = read_lenient(record).expect("kept");
        assert_eq!(
            paths(&lenient),
            vec![
                "/service_at_locations/0/location/latitude",
                "/service_at_locations/0/location/longitude",
                "/service_areas/0/extent",
                "/service_areas/0/extent_type",
            ]
        );
        assert_eq!(lenient.set_aside[1].value, json!(101));
        assert_eq!(lenient.set_aside[0].reason, "100 is outside -90..90");
        assert_eq!(
            lenient.set_aside[1].reason,
            "set aside with /service_at_locations/0/location/latitude"
        );
        let location = lenient.service.service_at_locations[0]
            .location
            .as_ref()
            .expect("location kept");
        assert_eq!((location.latitude, location.longitude), (None, None));
        assert_eq!(location.name.as_deref(), Some("Civic Centre"));
        assert_eq!(lenient.service.service_areas[0].extent, None);
        assert_eq!(
            lenient.service.service_areas[0].name.as_deref(),
            Some("MyCity")
        );
    }

    #[test]
    fn one_bad_coordinate_takes_its_partner() {
        let record = json!({"id": "s", "name": "n",
            "service_at_locations": [{"id": "sal", "location": {"id": "loc", "latitude": 52.5, "longitude": 500}}]});
        let lenient = read_lenient(record).expect("kept");
        assert_eq!(
            paths(&lenient),
            vec![
                "/service_at_locations/0/location/longitude",
                "/service_at_locations/0/location/latitude",
            ]
        );
        assert!(validate::findings(&lenient.service, "").is_empty());
    }

    #[test]
    fn values_of_the_wrong_type_and_missing_ids_are_set_aside() {
        let record = json!({"id": "s", "name": "n", "minimum_age": "twelve",
            "phones": [{"id": "p1", "number": "01922 000000"}, {"number": "no id"}],
            "status": "weird"});
        let lenient = read_lenient(record).expect("kept");
        assert_eq!(
            paths(&lenient),
            vec!["/minimum_age", "/phones/1", "/status"]
        );
        assert_eq!(lenient.set_aside[1].value, json!({"number": "no id"}));
        assert_eq!(lenient.service.phones.len(), 1);
        assert_eq!(lenient.service.status, "active");
    }

    #[test]
    fn a_bad_identity_rejects_the_record() {
        let rejected = read_lenient(json!({"id": "s", "name": " "})).expect_err("no name");
        assert_eq!(rejected.path, "/name");
        assert_eq!(
            read_lenient(json!({"name": "n"})).expect_err("no id").path,
            ""
        );
        assert!(read_lenient(json!([1])).is_err());
    }

    #[test]
    fn a_good_record_is_kept_whole() {
        let record = json!({"id": "s", "name": "n", "languages": [{"id": "l", "code": "ur"}]});
        let lenient = read_lenient(record).expect("kept");
        assert!(lenient.set_aside.is_empty());
        assert_eq!(lenient.service.language_codes(), vec!["urd"]);
    }

    #[test]
    fn removal_runs_from_the_last_array_item_back() {
        let mut record = json!({"a": [{"x": 1}, {"x": 2}, {"x": 3}]});
        let removed = remove_pointers(
            &mut record,
            &[
                ("/a/0".to_owned(), "r".to_owned()),
                ("/a/2".to_owned(), "r".to_owned()),
            ],
        );
        assert_eq!(record, json!({"a": [{"x": 2}]}));
        let values: Vec<&Value> = removed.iter().map(|s| &s.value).collect();
        assert_eq!(values, vec![&json!({"x": 3}), &json!({"x": 1})]);
        assert!(remove_pointers(&mut record, &[(String::new(), "r".to_owned())]).is_empty());
    }

    fn messy_value() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(json!(null)),
            Just(json!("extent")),
            Just(json!("weird")),
            Just(json!("WEEKLY")),
            Just(json!("09:00")),
            Just(json!("ben")),
            Just(json!([1, 2])),
            (-300.0f64..300.0).prop_map(|n| json!(n)),
        ]
    }

    const FIELDS: [&str; 12] = [
        "/status",
        "/minimum_age",
        "/maximum_age",
        "/email",
        "/languages/0/code",
        "/schedules/0/freq",
        "/schedules/0/opens_at",
        "/service_at_locations/0/location/latitude",
        "/service_at_locations/0/location/longitude",
        "/service_at_locations/0/id",
        "/service_areas/0/extent",
        "/service_areas/0/extent_type",
    ];

    fn base_record() -> Value {
        json!({"id": "s", "name": "n",
            "languages": [{"id": "l", "code": "ben"}],
            "schedules": [{"id": "sc", "freq": "WEEKLY"}],
            "service_at_locations": [{"id": "sal", "location": {"id": "loc", "latitude": 52.5, "longitude": -1.9}}],
            "service_areas": [{"id": "a", "extent_type": "geojson",
                "extent": "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}"}]})
    }

    proptest! {
        #[test]
        fn what_is_kept_always_validates_and_what_is_set_aside_was_there(
            changes in proptest::collection::vec((0..FIELDS.len(), messy_value()), 0..6)
        ) {
            let mut record = base_record();
            for (field, value) in changes {
                if let Some(slot) = record.pointer_mut(FIELDS[field]) {
                    *slot = value;
                }
            }
            let lenient = read_lenient(record.clone()).expect("id and name are good");
            prop_assert!(validate::findings(&lenient.service, "").is_empty());
            prop_assert_eq!(&lenient.service.id, "s");
            for set_aside in &lenient.set_aside {
                prop_assert!(!set_aside.reason.is_empty());
                prop_assert!(!set_aside.path.is_empty());
            }
            let mut strict: Option<Service> = serde_json::from_value(record).ok();
            if let Some(service) = &mut strict {
                normalise(service);
            }
            let clean = strict.is_some_and(|s| validate::findings(&s, "").is_empty());
            prop_assert_eq!(clean, lenient.set_aside.is_empty());
        }
    }
}
