//! The searches the product itself suggests (the home page's examples, README.md and docs/), and
//! the ones practitioners type that issue 28 lists, each run through the real `signpost search
//! --json` on the demonstration directory, with the answer a navigator would call sensible.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

#[path = "cli_support.rs"]
mod support;

use serde_json::Value;
use support::*;
use tempfile::TempDir;

/// Five miles in metres: the radius a search with a place and no distance uses
/// (docs/parsed-query.md, `radius_m`).
const FIVE_MILES_M: f64 = 8046.72;

/// `signpost search QUERY --json` on a fresh store holding the demonstration directory.
fn search(query: &str) -> Value {
    let work = TempDir::new().unwrap();
    let db = work.path().join("db");
    import(&db, &[&demo_services()]);
    json_stdout(&run_ok(&[
        "search",
        "--db",
        path_str(&db),
        query,
        "--limit",
        "100",
        "--json",
    ]))
}

fn services(output: &Value) -> Vec<&Value> {
    output["results"]
        .as_array()
        .map(|results| results.iter().map(|r| &r["service"]).collect())
        .unwrap_or_default()
}

fn names(output: &Value) -> Vec<&str> {
    services(output)
        .iter()
        .map(|s| s["name"].as_str().unwrap_or_default())
        .collect()
}

/// The id of the one demonstration service called `name`.
fn demo_id(name: &str) -> String {
    let demo = std::fs::read_to_string(demo_services()).unwrap();
    let ids: Vec<String> = demo
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .filter(|s| s["name"] == name)
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 1, "one demo service is called {name:?}");
    ids[0].clone()
}

fn assert_found(query: &str, output: &Value) {
    assert!(
        !services(output).is_empty(),
        "{query:?} finds nothing; understood as {}",
        output["query"]
    );
}

fn assert_top(query: &str, output: &Value, name: &str) {
    assert_found(query, output);
    let top = services(output)[0];
    assert_eq!(
        top["id"].as_str().unwrap(),
        demo_id(name),
        "{query:?}: expected {name:?} first, got {:?}; understood as {}",
        names(output),
        output["query"]
    );
}

fn assert_finds(query: &str, output: &Value, name: &str) {
    let id = demo_id(name);
    assert!(
        services(output).iter().any(|s| s["id"] == id.as_str()),
        "{query:?}: expected {name:?} among {:?}; understood as {}",
        names(output),
        output["query"]
    );
}

fn assert_every(query: &str, output: &Value, what: &str, holds: impl Fn(&Value) -> bool) {
    for service in services(output) {
        assert!(
            holds(service),
            "{query:?}: {:?} is not {what}; all: {:?}",
            service["name"],
            names(output)
        );
    }
}

fn codes(list: &Value) -> Vec<&str> {
    list.as_array()
        .map(|items| items.iter().filter_map(|i| i["code"].as_str()).collect())
        .unwrap_or_default()
}

fn attribute_codes<'a>(service: &'a Value, taxonomy: &str) -> Vec<&'a str> {
    service["attributes"]
        .as_array()
        .map(|attributes| {
            attributes
                .iter()
                .map(|a| &a["taxonomy_term"])
                .filter(|t| t["taxonomy"] == taxonomy)
                .filter_map(|t| t["code"].as_str())
                .collect()
        })
        .unwrap_or_default()
}

fn has_category(service: &Value, code: &str) -> bool {
    attribute_codes(service, "signpost-category").contains(&code)
}

fn speaks(service: &Value, language: &str) -> bool {
    let at_a_location = service["service_at_locations"]
        .as_array()
        .is_some_and(|sals| {
            sals.iter()
                .any(|sal| codes(&sal["location"]["languages"]).contains(&language))
        });
    codes(&service["languages"]).contains(&language) || at_a_location
}

/// Open to someone of `gender`: not restricted to the other one.
fn open_to(service: &Value, gender: &str) -> bool {
    let genders = attribute_codes(service, "signpost-gender");
    genders.is_empty() || genders.contains(&gender)
}

fn accepts_age(service: &Value, age: u64) -> bool {
    service["minimum_age"].as_u64().is_none_or(|min| min <= age)
        && service["maximum_age"].as_u64().is_none_or(|max| age <= max)
}

fn is_near(output: &Value, place: &str) -> bool {
    output["query"]["near"]["label"]
        .as_str()
        .is_some_and(|label| label.contains(place))
}

/// Every result lies within the search's radius of the place asked for, or serves an area that
/// covers it (no distance then).
fn assert_near(query: &str, output: &Value, place: &str) {
    assert!(
        is_near(output, place),
        "{query:?} should be near {place}; understood as {}",
        output["query"]
    );
    let radius = output["radius_m"].as_f64().unwrap_or(FIVE_MILES_M);
    for result in output["results"].as_array().unwrap() {
        if let Some(distance) = result["distance_m"].as_f64() {
            assert!(
                distance <= radius,
                "{query:?}: {:?} is {distance} m away",
                result["service"]["name"]
            );
        }
    }
}

/// The examples the home page offers, read from the page's source so the test follows it.
fn home_page_examples() -> Vec<String> {
    let home = std::fs::read_to_string(repo_root().join("crates/web/src/home.rs")).unwrap();
    let start = home.find("pub const EXAMPLES").unwrap();
    let block = &home[start..start + home[start..].find("];").unwrap()];
    let examples: Vec<String> = block
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    assert!(examples.len() >= 4, "{examples:?}");
    examples
}

#[test]
fn every_home_page_example_finds_a_service() {
    for example in home_page_examples() {
        assert_found(&example, &search(&example));
    }
}

#[test]
fn bengali_mentoring_within_three_miles_of_ws1_finds_only_that() {
    let query = "Bengali-speaking mentoring within 3 miles of WS1 1AA";
    let output = search(query);
    assert!(services(&output).len() >= 2, "{:?}", names(&output));
    assert_every(query, &output, "Bengali-speaking mentoring", |s| {
        has_category(s, "mentoring") && speaks(s, "ben")
    });
    assert_near(query, &output, "WS1 1AA");
}

#[test]
fn female_punjabi_counsellor_in_walsall_open_friday_evening() {
    for query in [
        "female Punjabi-speaking counsellor in Walsall open Friday evening",
        "female Punjabi counsellor in Walsall open Friday evening",
    ] {
        let output = search(query);
        assert_top(query, &output, "Punjabi and Urdu Women's Counselling");
        assert_every(
            query,
            &output,
            "Punjabi-speaking mental health for women",
            |s| has_category(s, "mental-health") && speaks(s, "pan") && open_to(s, "female"),
        );
        assert_near(query, &output, "Walsall");
    }
}

#[test]
fn somali_housing_advice_near_b11() {
    let query = "Somali housing advice near B11";
    let output = search(query);
    assert_top(query, &output, "Somali Housing Advice and Tenancy Support");
    assert_every(query, &output, "Somali-speaking housing", |s| {
        has_category(s, "accommodation") && speaks(s, "som")
    });
    assert_near(query, &output, "B11");
}

#[test]
fn free_polish_employment_support_in_bradford() {
    let query = "free Polish employment support in Bradford";
    let output = search(query);
    assert_top(query, &output, "Polish and Lithuanian Employment Club");
    assert_every(query, &output, "Polish-speaking employment", |s| {
        has_category(s, "employment") && speaks(s, "pol")
    });
    assert_near(query, &output, "Bradford");
}

#[test]
fn sylheti_mentor_for_a_17_year_old_male_near_b6() {
    let query = "Sylheti mentor for a 17 year old male within 2 miles of B6";
    let output = search(query);
    assert_top(
        query,
        &output,
        "Bengali and Sylheti Mentoring for Young Men",
    );
    assert_every(
        query,
        &output,
        "Sylheti mentoring open to a 17-year-old man",
        |s| {
            has_category(s, "mentoring")
                && speaks(s, "syl")
                && open_to(s, "male")
                && accepts_age(s, 17)
        },
    );
    assert_near(query, &output, "B6");
}

#[test]
fn gurdwara_that_helps_with_jobs_near_b6_5() {
    let query = "gurdwara that helps with jobs near B6 5";
    let output = search(query);
    assert_top(query, &output, "Seva to Work - Employment Support");
    assert_every(query, &output, "Sikh employment support", |s| {
        has_category(s, "employment") && attribute_codes(s, "signpost-faith").contains(&"sikh")
    });
}

#[test]
fn free_food_bank_open_now_near_ws1_is_understood() {
    // What is open now depends on the clock, so only what is asked is checked here.
    let query = "free food bank open now near WS1 1AA";
    let output = search(query);
    assert_eq!(output["query"]["open"]["now"], true, "{}", output["query"]);
    assert_every(query, &output, "food", |s| has_category(s, "food"));
    assert_near(query, &output, "WS1 1AA");
}

#[test]
fn legal_advice_five_minutes_walk_from_a_point_in_birmingham() {
    let query = "legal advice 5 mins walk from 52.48,-1.89";
    let output = search(query);
    assert_top(query, &output, "City Centre Legal Advice Drop-in");
    assert_every(query, &output, "legal advice", |s| {
        has_category(s, "legal-advice")
    });
}

#[test]
fn womens_group_open_at_weekends() {
    let query = "women's group open at weekends";
    let output = search(query);
    assert_found(query, &output);
    assert_every(query, &output, "open to women", |s| open_to(s, "female"));
}

#[test]
fn mentoring_in_newport_finds_the_welsh_city() {
    let query = "mentoring in Newport";
    let output = search(query);
    assert_top(query, &output, "Newport Peer Mentoring");
    assert_every(query, &output, "mentoring", |s| {
        has_category(s, "mentoring")
    });
}

#[test]
fn urdu_speaking_finds_only_urdu_speakers() {
    let query = "Urdu speaking";
    let output = search(query);
    assert_found(query, &output);
    assert_every(query, &output, "Urdu-speaking", |s| speaks(s, "urd"));
}

#[test]
fn temple_street_food_bank_finds_food() {
    let query = "Temple Street food bank";
    let output = search(query);
    assert_found(query, &output);
    assert_every(query, &output, "food", |s| has_category(s, "food"));
}

#[test]
fn food_bank_near_an_unknown_ws9_postcode_uses_its_district() {
    let query = "food bank near WS9 9ZZ";
    let output = search(query);
    assert_top(query, &output, "Aldridge Food Bank");
    assert_every(query, &output, "food", |s| has_category(s, "food"));
    assert_near(query, &output, "WS9");
}

#[test]
fn muslim_mentoring_for_young_men_in_tower_hamlets() {
    let query = "Muslim mentoring for young men in Tower Hamlets";
    let output = search(query);
    assert_top(query, &output, "Young Muslim Men's Mentoring");
    assert_finds(
        query,
        &output,
        "Jummah Welcome and Chaplaincy for Returning Citizens",
    );
    assert_every(query, &output, "Muslim mentoring open to men", |s| {
        has_category(s, "mentoring")
            && attribute_codes(s, "signpost-faith").contains(&"muslim")
            && open_to(s, "male")
    });
    assert_near(query, &output, "Tower Hamlets");
}

#[test]
fn male_worker_punjabi_walsall() {
    let query = "male worker Punjabi Walsall";
    let output = search(query);
    assert_top(query, &output, "Men's Resettlement Support Worker");
    assert_finds(query, &output, "Sikh Men's Alcohol Recovery Circle");
    assert_every(query, &output, "Punjabi-speaking, open to men", |s| {
        speaks(s, "pan") && open_to(s, "male")
    });
    assert_near(query, &output, "Walsall");
}

#[test]
fn open_late_mentoring_finds_mentoring() {
    let query = "open late mentoring";
    let output = search(query);
    assert_found(query, &output);
    assert_every(query, &output, "mentoring", |s| {
        has_category(s, "mentoring")
    });
}

#[test]
fn asylum_advice_leicester_tomorrow() {
    let query = "asylum advice Leicester tomorrow";
    let output = search(query);
    assert_finds(query, &output, "Daily Asylum Advice Drop-in");
    assert_every(query, &output, "immigration and asylum advice", |s| {
        has_category(s, "immigration-advice")
    });
    assert_near(query, &output, "Leicester");
}

#[test]
fn over_50s_lunch_club() {
    let query = "over 50s lunch club";
    let output = search(query);
    assert_top(query, &output, "Over 50s Lunch and Wellbeing Club");
    assert_every(query, &output, "open to some people over 50", |s| {
        s["maximum_age"].as_u64().is_none_or(|max| max >= 50)
    });
}

#[test]
fn over_50s_alone_finds_services_that_take_people_over_50() {
    let query = "over 50s";
    let output = search(query);
    assert_finds(query, &output, "Over 50s Lunch and Wellbeing Club");
    assert_every(query, &output, "open to a 55-year-old", |s| {
        accepts_age(s, 55)
    });
}

#[test]
fn under_25s_mentoring() {
    let query = "mentoring for under 25s";
    let output = search(query);
    assert_finds(query, &output, "Young People's Mentoring (16-25)");
    assert_every(query, &output, "mentoring open to a 20-year-old", |s| {
        has_category(s, "mentoring") && accepts_age(s, 20)
    });
}

#[test]
fn aged_16_to_25_jobs() {
    let query = "jobs aged 16-25";
    let output = search(query);
    assert_finds(
        query,
        &output,
        "Jobs and Apprenticeships for Young Bangladeshis",
    );
    assert_every(query, &output, "employment open to an 18-year-old", |s| {
        has_category(s, "employment") && accepts_age(s, 18)
    });
}

#[test]
fn he_is_24_needs_housing() {
    let query = "housing he is 24";
    let output = search(query);
    assert_found(query, &output);
    assert_every(query, &output, "housing open to a 24-year-old man", |s| {
        has_category(s, "accommodation") && accepts_age(s, 24) && open_to(s, "male")
    });
}

#[test]
fn somali_interpreter_gives_the_language_and_the_need() {
    let query = "Somali interpreter";
    let output = search(query);
    assert_finds(query, &output, "Somali Community Advice and Interpreting");
    assert_every(query, &output, "Somali interpreting", |s| {
        speaks(s, "som") && has_category(s, "interpreting")
    });
}

#[test]
fn arabic_interpreter_manchester() {
    let query = "Arabic interpreter Manchester";
    let output = search(query);
    assert_top(query, &output, "Kurdish Community Advice and Interpreting");
    assert_every(query, &output, "Arabic interpreting", |s| {
        speaks(s, "ara") && has_category(s, "interpreting")
    });
    assert_near(query, &output, "Manchester");
}

#[test]
fn misspelt_demo_cities_are_corrected_in_free_text() {
    for (query, city, category) in [
        ("Wallsall mentoring", "Walsall", "mentoring"),
        ("mentoring Birmingam", "Birmingham", "mentoring"),
        ("Leicster food bank", "Leicester", "food"),
        ("Bradferd housing advice", "Bradford", "accommodation"),
        ("mentorng in Walsal", "Walsall", "mentoring"),
    ] {
        let output = search(query);
        assert_found(query, &output);
        assert_every(query, &output, category, |s| has_category(s, category));
        assert_near(query, &output, city);
    }
}

#[test]
fn womens_refuge_is_a_refuge_not_refugee_advice() {
    let query = "women's refuge";
    let output = search(query);
    assert_top(query, &output, "Women's Refuge and Safe Accommodation");
    let categories = &output["query"]["categories"];
    assert!(
        !categories.to_string().contains("immigration-advice"),
        "{query:?} read as {categories}"
    );
    assert_every(query, &output, "open to women", |s| open_to(s, "female"));
}

#[test]
fn near_paris_is_not_a_christian_parish() {
    let query = "near Paris";
    let output = search(query);
    assert_eq!(
        output["query"]["faiths"],
        serde_json::json!([]),
        "{query:?} understood as {}",
        output["query"]
    );
    let found = services(&output);
    let christian = found
        .iter()
        .filter(|s| attribute_codes(s, "signpost-faith").contains(&"christian"))
        .count();
    assert!(
        found.is_empty() || christian < found.len(),
        "{query:?} finds only Christian services: {:?}",
        names(&output)
    );
}

#[test]
fn pakistani_womens_group_bradford_puts_the_full_match_first() {
    let query = "Pakistani women's group Bradford";
    let output = search(query);
    assert_top(query, &output, "Pakistani Women's Group");
    assert_every(query, &output, "open to women", |s| open_to(s, "female"));
    assert_near(query, &output, "Bradford");
}
