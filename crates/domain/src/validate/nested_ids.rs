//! Ids repeated among a service's nested records: two schedules, phones, contacts or
//! service-at-locations of one service with the same id are one record given twice or two records
//! confused, and a store keyed by them could keep only one.

use std::collections::HashMap;

use serde_json::Value;

use super::Problems;

/// The kinds of nested record (the property that holds them) whose ids must differ within a
/// service: what a store or a reader looks up by id.
const CHECKED_KINDS: [&str; 5] = [
    "service_at_locations",
    "location",
    "schedules",
    "phones",
    "contacts",
];

/// A location several service-at-locations share may be given twice with one id when it is the
/// same location; two different locations with one id are a problem.
const SHARED_KIND: &str = "location";

/// One finding per nested record whose id an earlier record of the same kind (the property that
/// holds it: `schedules`, `phones`, `location`, ...) already has, naming both paths.
pub(super) fn check_nested_ids(problems: &mut Problems) {
    let mut walk = Walk {
        at: Vec::new(),
        first_of: HashMap::new(),
        repeats: Vec::new(),
    };
    if let Value::Object(fields) = &problems.record {
        for (key, child) in fields {
            walk.at.push(Step::Key(key));
            walk.children(child, key);
            walk.at.pop();
        }
    }
    let repeats: Vec<(String, String)> = walk
        .repeats
        .into_iter()
        .map(|(path, id, first)| {
            let message = format!(
                "id {id:?} is also the id of {}{first}: ids of nested records must differ",
                problems.base
            );
            (format!("{path}/id"), message)
        })
        .collect();
    for (path, message) in repeats {
        problems.push(&path, message);
    }
}

/// One step of a JSON pointer: a property or an array index.
#[derive(Debug, Clone, Copy)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The JSON pointer of `steps`, each property escaped. Made only for the records whose ids are
/// checked: most of a service's values are walked without one.
fn pointer(steps: &[Step]) -> String {
    let mut path = String::new();
    for step in steps {
        path.push('/');
        match step {
            Step::Key(key) => path.push_str(&key.replace('~', "~0").replace('/', "~1")),
            Step::Index(index) => path.push_str(&index.to_string()),
        }
    }
    path
}

/// Where the walk is, the first record (its path and value) of each (kind, id), and each repeat
/// as (path, id, first path).
struct Walk<'a> {
    at: Vec<Step<'a>>,
    first_of: HashMap<(&'a str, &'a str), (String, &'a Value)>,
    repeats: Vec<(String, &'a str, String)>,
}

impl<'a> Walk<'a> {
    /// `value` held by the property `kind` at the walk's place: each object in it (itself, or
    /// each item of an array) is a nested record of that kind.
    fn children(&mut self, value: &'a Value, kind: &'a str) {
        match value {
            Value::Object(_) => self.record(value, kind),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.at.push(Step::Index(i));
                    self.record(item, kind);
                    self.at.pop();
                }
            }
            _ => {}
        }
    }

    fn record(&mut self, value: &'a Value, kind: &'a str) {
        let Value::Object(fields) = value else {
            return;
        };
        if let (true, Some(Value::String(id))) = (CHECKED_KINDS.contains(&kind), fields.get("id")) {
            match self.first_of.get(&(kind, id.as_str())) {
                Some((first, first_value)) => {
                    let same_record = *first_value == value;
                    if kind != SHARED_KIND || !same_record {
                        self.repeats.push((pointer(&self.at), id, first.clone()));
                    }
                }
                None => {
                    self.first_of.insert((kind, id), (pointer(&self.at), value));
                }
            }
        }
        for (key, child) in fields {
            if child.is_object() || child.is_array() {
                self.at.push(Step::Key(key));
                self.children(child, key);
                self.at.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::hsds::Service;
    use crate::validate::validate;

    fn problems_of(json: serde_json::Value) -> Vec<(String, String)> {
        let service: Service = serde_json::from_value(json).expect("a service");
        validate(&service, "/services/3")
            .into_iter()
            .map(|p| (p.path, p.message))
            .collect()
    }

    #[test]
    fn two_service_at_locations_with_one_id_name_both_paths() {
        let problems = problems_of(serde_json::json!({
            "id": "s1", "name": "Drop-in",
            "service_at_locations": [
                {"id": "sal-1", "location": {"id": "loc-1", "name": "Hall"}},
                {"id": "sal-1", "location": {"id": "loc-2", "name": "Library"}}
            ]
        }));
        assert_eq!(
            problems,
            [(
                "/services/3/service_at_locations/1/id".to_owned(),
                "id \"sal-1\" is also the id of /services/3/service_at_locations/0: ids of nested records must differ".to_owned()
            )]
        );
    }

    #[test]
    fn schedules_and_phones_repeated_anywhere_in_the_service_are_problems() {
        let problems = problems_of(serde_json::json!({
            "id": "s1", "name": "Drop-in",
            "schedules": [{"id": "sch-1", "byday": "MO"}],
            "phones": [{"id": "ph-1", "number": "0121 000 0000"}, {"id": "ph-1", "number": "0121 111 1111"}],
            "service_at_locations": [
                {"id": "sal-1", "schedules": [{"id": "sch-1", "byday": "TU"}]}
            ]
        }));
        let paths: Vec<&str> = problems.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/services/3/phones/1/id",
                "/services/3/service_at_locations/0/schedules/0/id"
            ]
        );
        assert!(
            problems[1].1.contains("/services/3/schedules/0"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_shared_location_given_twice_alike_is_fine_but_not_two_different_ones() {
        let hall = serde_json::json!({"id": "loc-1", "name": "Hall"});
        let alike = problems_of(serde_json::json!({
            "id": "s1", "name": "Drop-in",
            "service_at_locations": [
                {"id": "sal-1", "location": hall.clone()},
                {"id": "sal-2", "location": hall}
            ]
        }));
        assert_eq!(alike, []);
        let different = problems_of(serde_json::json!({
            "id": "s1", "name": "Drop-in",
            "service_at_locations": [
                {"id": "sal-1", "location": {"id": "loc-1", "name": "Hall"}},
                {"id": "sal-2", "location": {"id": "loc-1", "name": "Library"}}
            ]
        }));
        assert_eq!(
            different
                .iter()
                .map(|(path, _)| path.as_str())
                .collect::<Vec<_>>(),
            ["/services/3/service_at_locations/1/location/id"]
        );
    }
}
