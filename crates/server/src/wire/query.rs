//! The answer to `GET /api/v1/parse` and `signpost parse --json`: a free-text query understood
//! (docs/parsed-query.md), with the chips and notes Signpost adds.

use serde::Serialize;
use signpost_app::query::{self, UnderstoodKind};
use signpost_geo::PlaceKind;
use utoipa::ToSchema;

/// A free-text query, understood. Fields after `explanation` are additions to §3.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ParsedQuery {
    pub input: String,
    /// The words left for full-text search, in their original order ("" when none).
    pub text: String,
    pub categories: Vec<String>,
    /// ISO 639-3 codes.
    pub languages: Vec<String>,
    pub faiths: Vec<String>,
    pub near: Option<Near>,
    pub radius_m: Option<f64>,
    /// `female` or `male`.
    pub gender: Option<&'static str>,
    pub age: Option<u32>,
    pub open: Option<Open>,
    /// `true` for "free", "no cost"; otherwise null.
    pub free: Option<bool>,
    /// What was understood, in plain English.
    pub explanation: String,
    /// Each structured part with the words it came from, for removable chips.
    pub understood: Vec<Understood>,
    /// Choices the parser made and things it could not resolve ("did you mean ...").
    pub notes: Vec<String>,
}

/// The place a query is centred on.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Near {
    /// `postcode`, `district`, `sector`, `place` or `point`.
    pub kind: &'static str,
    pub label: String,
    pub lat: f64,
    pub lon: f64,
}

/// When a service must be open: `{"now": true}` or `{"day": "fri", "time": "18:00"}`.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[serde(untagged)]
pub enum Open {
    Now {
        now: bool,
    },
    At {
        /// `mon` .. `sun`; null when only a time was given ("open after 6pm").
        #[schema(required = true)]
        day: Option<&'static str>,
        /// "HH:MM", 24-hour clock, Europe/London; null for "open on Saturdays".
        #[schema(required = true)]
        time: Option<String>,
        /// Every acceptable day when more than one was meant ("weekend"); absent for one day.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        days: Vec<&'static str>,
    },
}

/// One structured part of the query and the words it was read from.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Understood {
    /// `category`, `language`, `faith`, `near`, `radius`, `gender`, `age`, `open` or `free`.
    pub kind: &'static str,
    /// The code or value put in the structured field ("ben", "4828.032", "fri 18:00").
    pub value: String,
    /// How to show the chip ("speaks Bengali", "within 3 miles").
    pub label: String,
    /// The words of the input it was read from, as typed ("Bengali-speaking").
    pub matched: String,
    /// UTF-8 byte offsets of `matched` in `input`: `[start, end)`.
    pub span: [usize; 2],
}

impl From<&query::ParsedQuery> for ParsedQuery {
    fn from(q: &query::ParsedQuery) -> ParsedQuery {
        ParsedQuery {
            input: q.input.clone(),
            text: q.text.clone(),
            categories: q.categories.clone(),
            languages: q.languages.clone(),
            faiths: q.faiths.clone(),
            near: q.near.as_ref().map(Near::from),
            radius_m: q.radius_m,
            gender: q.gender.map(|g| g.code()),
            age: q.age,
            open: q.open.as_ref().map(Open::from),
            free: q.free,
            explanation: q.explanation.clone(),
            understood: q.understood.iter().map(Understood::from).collect(),
            notes: q.notes.clone(),
        }
    }
}

impl From<&query::Near> for Near {
    fn from(near: &query::Near) -> Near {
        Near {
            kind: place_kind(near.kind),
            label: near.label.clone(),
            lat: near.lat,
            lon: near.lon,
        }
    }
}

fn place_kind(kind: PlaceKind) -> &'static str {
    match kind {
        PlaceKind::Postcode => "postcode",
        PlaceKind::District => "district",
        PlaceKind::Sector => "sector",
        PlaceKind::Place => "place",
        PlaceKind::Point => "point",
    }
}

impl From<&query::Open> for Open {
    fn from(open: &query::Open) -> Open {
        match open {
            query::Open::Now { now } => Open::Now { now: *now },
            query::Open::At { day, time, days } => Open::At {
                day: day.map(query::Day::code),
                time: time.clone(),
                days: days.iter().map(|d| d.code()).collect(),
            },
        }
    }
}

impl From<&query::Understood> for Understood {
    fn from(part: &query::Understood) -> Understood {
        Understood {
            kind: understood_kind(part.kind),
            value: part.value.clone(),
            label: part.label.clone(),
            matched: part.matched.clone(),
            span: part.span,
        }
    }
}

fn understood_kind(kind: UnderstoodKind) -> &'static str {
    match kind {
        UnderstoodKind::Category => "category",
        UnderstoodKind::Language => "language",
        UnderstoodKind::Faith => "faith",
        UnderstoodKind::Near => "near",
        UnderstoodKind::Radius => "radius",
        UnderstoodKind::Gender => "gender",
        UnderstoodKind::Age => "age",
        UnderstoodKind::AgeRange => "age_range",
        UnderstoodKind::Open => "open",
        UnderstoodKind::Free => "free",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use query::{Day, Open as QueryOpen};
    use signpost_domain::Gender;

    fn parsed(open: Option<QueryOpen>) -> query::ParsedQuery {
        query::ParsedQuery {
            input: "female Bengali mentoring near WS1 1AA at the weekend".to_owned(),
            text: "".to_owned(),
            categories: vec!["mentoring".to_owned()],
            languages: vec!["ben".to_owned()],
            faiths: vec![],
            near: Some(query::Near {
                kind: PlaceKind::Postcode,
                label: "WS1 1AA".to_owned(),
                lat: 52.58601,
                lon: -1.98128,
            }),
            radius_m: Some(8046.72),
            gender: Some(Gender::Female),
            age: Some(30),
            age_range: None,
            open,
            free: Some(true),
            explanation: "Mentoring, speaks Bengali".to_owned(),
            understood: vec![query::Understood {
                kind: UnderstoodKind::Language,
                value: "ben".to_owned(),
                label: "speaks Bengali".to_owned(),
                matched: "Bengali".to_owned(),
                span: [7, 14],
            }],
            notes: vec!["did you mean ...".to_owned()],
        }
    }

    /// The query crate's own serialisation is the §3 contract its golden suite checks; the wire
    /// shape must be byte for byte the same.
    #[test]
    fn the_wire_parse_is_the_query_crates_json() {
        for open in [
            None,
            Some(QueryOpen::Now { now: true }),
            Some(QueryOpen::At {
                day: Some(Day::Sat),
                time: None,
                days: vec![Day::Sat, Day::Sun],
            }),
            Some(QueryOpen::At {
                day: None,
                time: Some("18:00".to_owned()),
                days: vec![],
            }),
        ] {
            let q = parsed(open);
            let wire = serde_json::to_string(&ParsedQuery::from(&q)).expect("serialises");
            let own = serde_json::to_string(&q).expect("serialises");
            assert_eq!(wire, own);
        }
        let mut bare = parsed(None);
        bare.near = None;
        bare.gender = None;
        bare.understood.clear();
        let wire = serde_json::to_string(&ParsedQuery::from(&bare)).expect("serialises");
        assert_eq!(wire, serde_json::to_string(&bare).expect("serialises"));
    }
}
