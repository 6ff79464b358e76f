//! docs/match-profile.schema.json stays in step with what `Profile::from_json` accepts.

use serde_json::Value;
use signpost_match::Profile;
use std::collections::BTreeSet;

fn schema() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/match-profile.schema.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("schema file")).expect("schema JSON")
}

fn strings(value: &Value) -> BTreeSet<String> {
    value
        .as_array()
        .expect("array")
        .iter()
        .map(|v| v.as_str().expect("string").to_owned())
        .collect()
}

#[test]
fn the_schema_example_is_a_valid_profile() {
    for example in schema()["examples"].as_array().expect("examples") {
        Profile::from_json(&example.to_string()).expect("example parses");
    }
}

#[test]
fn every_schema_field_is_known_to_the_reader_and_no_other() {
    let schema = schema();
    assert_eq!(schema["additionalProperties"], false);
    let base = r#""needs": [{"category": "food"}], "home": {"postcode": "B6 5AA"}"#;
    for field in schema["properties"].as_object().expect("properties").keys() {
        // A value of the wrong shape: the error must be about the value, not an unknown field.
        let text = format!(r#"{{{base}, "{field}": {{"surely_not_a_field": 1}}}}"#);
        let message = Profile::from_json(&text)
            .map(|_| String::new())
            .unwrap_or_else(|e| e.to_string());
        assert!(
            !message.contains(&format!("unknown field `{field}`")),
            "{field}: {message}"
        );
    }
    let typo = format!(r#"{{{base}, "max_distance": 5}}"#);
    assert!(Profile::from_json(&typo).is_err());
}

#[test]
fn schema_vocabularies_match_the_code() {
    let schema = schema();
    let faith = &schema["properties"]["faith"]["properties"];
    let faiths: BTreeSet<String> = signpost_domain::vocab::faiths()
        .iter()
        .map(|f| f.code.to_owned())
        .collect();
    assert_eq!(strings(&faith["code"]["enum"]), faiths);
    let mut observances: BTreeSet<String> = signpost_match::calendar::festival_days()
        .iter()
        .map(|d| d.code.to_owned())
        .collect();
    observances.extend(["friday_prayers", "shabbat", "avoid_festivals"].map(str::to_owned));
    assert_eq!(strings(&faith["observance"]["items"]["enum"]), observances);
}
