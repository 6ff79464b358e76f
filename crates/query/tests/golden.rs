//! The golden suite: practitioners' queries against the bundled gazetteer, one insta snapshot per
//! group. Each snapshot row is the parse as the API returns it (chips only in the `chips` group).

use signpost_geo::Gazetteer;
use signpost_query::{ParsedQuery, parse};

fn parse_real(input: &str) -> ParsedQuery {
    let places = Gazetteer::bundled().expect("the bundled gazetteer loads");
    parse(input, places)
}

fn row(q: &ParsedQuery) -> serde_json::Value {
    let mut value = serde_json::to_value(q).expect("a parse serialises");
    if let Some(object) = value.as_object_mut() {
        object.remove("understood");
        if q.notes.is_empty() {
            object.remove("notes");
        }
    }
    value
}

fn check(group: &str, queries: &[&str]) {
    let rows: Vec<serde_json::Value> = queries.iter().map(|q| row(&parse_real(q))).collect();
    insta::assert_json_snapshot!(group, rows);
}

#[test]
fn issue_examples() {
    check(
        "issue_examples",
        &[
            "Bengali-speaking mentoring within 3 miles of WS1 1AA",
            "female Punjabi-speaking counsellor in Walsall open Friday evening",
            "bangla mentor nr B6 5RQ",
            "NRPF advice for Somali women within 5km of Luton",
            "gurdwara that helps with jobs",
        ],
    );
}

#[test]
fn languages() {
    check(
        "languages",
        &[
            "Bengali",
            "Bangla speaking",
            "Sylheti mentor",
            "Sylheti and Bengali",
            "Mirpuri",
            "Pahari speaking support",
            "Pothwari",
            "Potwari speaker",
            "Punjabi",
            "Panjabi",
            "Urdu",
            "speaks Urdu",
            "in Polish",
            "Polish speaker",
            "Polish speakers",
            "with an Arabic interpreter",
            "Arabic",
            "Farsi",
            "Persian",
            "Dari",
            "Sorani",
            "Kurmanji",
            "Kurdish",
            "Sorani Kurdish",
            "Patois",
            "Jamaican Patois",
            "Pashto",
            "Albanian",
            "Chinese",
            "Cantonese",
            "Mandarin",
            "Malay",
            "Tigrinya",
            "Amharic",
            "Somali",
            "Gujarati",
            "Tamil",
            "Romanian",
            "Lithuanian",
            "Ukrainian",
            "Welsh",
            "Nepali",
            "BSL",
            "British Sign Language",
            "Yoruba",
            "Twi",
            "Krio",
            "English-speaking",
            "speaks English",
            "বাংলা",
            "ਪੰਜਾਬੀ",
            "اردو",
            "polski",
            "Soomaali",
            "română",
            "Bengali-speaking Sylheti-speaking staff",
        ],
    );
}

#[test]
fn faiths() {
    check(
        "faiths",
        &[
            "mosque",
            "masjid",
            "gurdwara",
            "gurudwara",
            "mandir",
            "synagogue",
            "church-based",
            "church",
            "Muslim",
            "Sikh",
            "Hindu temple",
            "Sikh temple",
            "temple",
            "Buddhist",
            "Jewish",
            "Christian",
            "imam",
            "langar",
            "friday prayers",
            "Rastafarian",
            "humanist",
            "faith-based mentoring",
            "mosque-led youth club",
        ],
    );
}

#[test]
fn categories() {
    check(
        "categories",
        &[
            "ESOL",
            "english classes",
            "learn English",
            "English lessons",
            "English",
            "help with English",
            "DV",
            "domestic violence",
            "NRPF",
            "no recourse to public funds",
            "MH",
            "mental health support",
            "counselling",
            "counsellor",
            "housing",
            "homeless",
            "jobs",
            "CV help",
            "benefits",
            "benefit advice",
            "debt",
            "drugs and alcohol",
            "gambling",
            "mentoring",
            "peer support",
            "befriending",
            "food bank",
            "foodbank",
            "immigration advice",
            "asylum",
            "legal aid",
            "Citizens Advice",
            "parenting",
            "youth club",
            "women's centre",
            "interpreter",
            "LGBTQ",
            "hate crime",
            "anger management",
            "learning disability",
            "autism",
            "community centre",
        ],
    );
}

#[test]
fn gender_age_cost() {
    check(
        "gender_age_cost",
        &[
            "female",
            "for women",
            "women-only",
            "women only",
            "ladies",
            "male mentor",
            "for men",
            "men's group",
            "women and men",
            "17 year old",
            "17-year-old",
            "aged 24",
            "age 30",
            "19yo",
            "17 years in prison",
            "free",
            "no cost",
            "free of charge",
            "alcohol-free",
            "free counselling for women",
        ],
    );
}

#[test]
fn opening() {
    check(
        "opening",
        &[
            "open now",
            "now open",
            "open Friday",
            "Friday evening",
            "open on Saturdays",
            "Saturday morning",
            "Sunday afternoon",
            "weekend",
            "open weekends",
            "weekdays",
            "after 6pm",
            "open after 6:30pm",
            "evening",
            "open evenings",
            "Monday 10am",
            "tues",
            "open sat",
            "sat",
            "open wed",
            "thurs evening",
            "Friday and Saturday",
            "open now on Friday",
            "open at 18:00",
            "lunchtime",
        ],
    );
}

#[test]
fn distances() {
    check(
        "distances",
        &[
            "within 3 miles of WS1 1AA",
            "within 3mi of WS1 1AA",
            "under 2km from Walsall",
            "5 km of Luton",
            "800m of B6 5RQ",
            "within 800 metres of B6 5RQ",
            "5 mins walk from WS1 1AA",
            "10 minute walk of Walsall",
            "15-minute walk",
            "walking distance of WS1 1AA",
            "a mile from Walsall",
            "half a mile of WS1 1AA",
            "two miles",
            "within 2.5 miles",
            "within 0 miles",
            "within 99999 km",
            "3 miles or 5 miles",
            "within 10 miles of Birmingham",
        ],
    );
}

#[test]
fn places() {
    check(
        "places",
        &[
            "WS1 1AA",
            "ws11aa",
            "ws1 1aa",
            "Ws1  1aA",
            "B6",
            "B6 5",
            "b6 5rq",
            "WS1 9ZZ",
            "WS1 1ZZ",
            "B6 5QQ",
            "SW1A 1ZZ",
            "in Walsall",
            "near Luton",
            "Walsall",
            "walsall",
            "Birmingham",
            "Sutton Coldfield",
            "Newport",
            "in Newport",
            "Newport, Isle of Wight",
            "mentoring in Newport, Isle of Wight",
            "Coventry",
            "in Sandwell",
            "near Leicester",
            "Bradford",
            "Tower Hamlets",
            "52.58,-1.98",
            "52.58, -1.98",
            "in Walsal",
            "near me",
            "nearby",
            "in my area",
            "Walsall or Wolverhampton",
            "St Mary's church",
            "near St Mary's",
        ],
    );
}

#[test]
fn spelling() {
    check(
        "spelling",
        &[
            "mentorng",
            "Bengli",
            "Punjabbi",
            "Somalli",
            "counseling",
            "counselling",
            "housng",
            "imigration",
            "gurdwarra",
            "synagoge",
            "mentall health",
            "domestik abuse",
            "Sylhetti",
            "employmnt",
            "acommodation",
            "saturdy",
        ],
    );
}

#[test]
fn negatives() {
    check(
        "negatives",
        &[
            "Temple Street",
            "Church Road",
            "Jordan Well",
            "Jordan Well Coventry",
            "mosque on Church Road",
            "polish my CV",
            "polish up my interview skills",
            "english classes",
            "near me",
            "mentoring near me",
            "Irish Traveller support",
            "sat on a chair",
            "sun",
            "drums",
            "wealth",
            "trains",
            "the hub",
            "St Mary's",
            "",
            "   ",
            "???",
            "help",
            "Reading",
            "in Reading",
            "Street",
            "Church \u{1c}'rett-n mageosque",
            "near \"Church\"",
        ],
    );
}

#[test]
fn combined() {
    check(
        "combined",
        &[
            "female Urdu-speaking counsellor near B6 free",
            "Somali women's group in Luton open Saturday",
            "Sylheti mentor for a 17 year old male within 2 miles of WS1 1AA",
            "Arabic interpreter for immigration advice near Birmingham",
            "mosque that helps with housing in Walsall",
            "free food bank open now near WS1 1AA",
            "Polish speaking DV support for women in Coventry",
            "church-based mentoring for men open Friday evening",
            "Tamil ESOL classes Saturday morning",
            "gurdwara langar Sunday",
            "Bengali speaking mental health support for young people",
            "Kurdish Sorani interpreter",
            "Farsi and Dari speaking asylum advice within 5km of Luton",
            "help with jobs for ex-offenders in Walsall",
            "Jamaican Patois speaking mentor B6 5RQ",
        ],
    );
}

#[test]
fn chips() {
    let rows: Vec<ParsedQuery> = [
        "Bengali-speaking mentoring within 3 miles of WS1 1AA",
        "with an Arabic interpreter",
        "mentorng in Walsall",
        "Friday evening free",
    ]
    .iter()
    .map(|q| parse_real(q))
    .collect();
    insta::assert_json_snapshot!("chips", rows);
}

/// Issue 28: how practitioners type (ages, interpreters, misspelt places, words only ranked).
#[test]
fn practitioners_typing() {
    check(
        "practitioners_typing",
        &[
            "female Punjabi-speaking counsellor in Walsall open Friday evening",
            "Somali housing advice near B11",
            "Muslim mentoring for young men in Tower Hamlets",
            "male worker Punjabi Walsall",
            "open late mentoring",
            "asylum advice Leicester tomorrow",
            "over 50s",
            "under 25s",
            "aged 16-25",
            "he is 24",
            "she's 17",
            "16 to 25 year olds",
            "for under-18s",
            "24 year old",
            "young people",
            "Somali interpreter",
            "Arabic interpreter Manchester",
            "Urdu translator near B11",
            "interpreting in Somali",
            "Wallsall",
            "Birmingam",
            "Leicster",
            "Bradferd",
            "Manchster",
            "asylum advice leicster tomorrow",
            "mentorng in Walsal",
            "Pakistani women's group Bradford",
        ],
    );
}

/// Near-words of different meanings, both ways: the vocabulary word is understood, its
/// look-alike is never corrected into it.
#[test]
fn confusable_words() {
    check(
        "confusable_words",
        &[
            "refugee advice",
            "women's refuge",
            "parish church",
            "near Paris",
            "mosque",
            "Moscow",
            "temple",
            "Temple Street",
            "Roman Catholic church",
            "Romani",
            "prayer group",
            "football players",
            "17 years in prison",
        ],
    );
}
