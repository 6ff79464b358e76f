//! The parsed query: the wire shape of docs/parsed-query.md, plus the chips and notes Signpost adds.

use serde::{Deserialize, Serialize};
use signpost_domain::Gender;
use signpost_geo::{Place, PlaceKind};

/// A free-text query, understood (docs/parsed-query.md). Fields after `explanation` are additions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParsedQuery {
    pub input: String,
    /// The words left for full-text search, in their original order ("" when none).
    pub text: String,
    pub categories: Vec<String>,
    pub languages: Vec<String>,
    pub faiths: Vec<String>,
    pub near: Option<Near>,
    pub radius_m: Option<f64>,
    #[serde(with = "gender_code")]
    pub gender: Option<Gender>,
    pub age: Option<u32>,
    /// The ages a service should be for, from "over 50s", "under 25s", "aged 16-25": bounds in
    /// whole years, both included. An addition: `age` stays the one person's age.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_range: Option<AgeRange>,
    pub open: Option<Open>,
    /// `Some(true)` for "free", "no cost"; `None` otherwise (never `Some(false)`).
    pub free: Option<bool>,
    /// What was understood, in plain English.
    pub explanation: String,
    /// Each structured part with the words it came from, for removable chips.
    #[serde(default)]
    pub understood: Vec<Understood>,
    /// Choices the parser made and things it could not resolve ("did you mean ...").
    #[serde(default)]
    pub notes: Vec<String>,
}

/// The place a query is centred on (`near` in §3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Near {
    pub kind: PlaceKind,
    pub label: String,
    pub lat: f64,
    pub lon: f64,
}

impl From<&Place> for Near {
    fn from(place: &Place) -> Near {
        Near {
            kind: place.kind,
            label: place.label.clone(),
            lat: place.lat,
            lon: place.lon,
        }
    }
}

/// Ages from `min` to `max` years, both included; `None` leaves that end open ("over 50s").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgeRange {
    pub min: Option<u32>,
    pub max: Option<u32>,
}

/// When a service must be open: `{"now": true}` or `{"day": "fri", "time": "18:00"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Open {
    Now {
        now: bool,
    },
    At {
        /// `None` when only a time was given ("open after 6pm").
        day: Option<Day>,
        /// "HH:MM", 24-hour clock, Europe/London; `None` for "open on Saturdays".
        time: Option<String>,
        /// Every acceptable day when more than one was meant ("weekend": sat and sun); `day` is
        /// the first of them. Empty (and absent from JSON) for a single day.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        days: Vec<Day>,
    },
}

/// A day of the week, as HSDS `byday` reads it, lower case in JSON ("fri").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Day {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Day {
    pub const ALL: [Day; 7] = [
        Day::Mon,
        Day::Tue,
        Day::Wed,
        Day::Thu,
        Day::Fri,
        Day::Sat,
        Day::Sun,
    ];

    /// The JSON code ("fri").
    pub fn code(self) -> &'static str {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][self as usize]
    }

    /// The English name ("Friday").
    pub fn name(self) -> &'static str {
        [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][self as usize]
    }
}

/// One structured part of the query and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Understood {
    pub kind: UnderstoodKind,
    /// The code or value put in the structured field ("ben", "mentoring", "4828.032", "fri 18:00").
    pub value: String,
    /// How to show the chip ("speaks Bengali", "within 3 miles").
    pub label: String,
    /// The words of the input it was read from, as typed ("Bengali-speaking").
    pub matched: String,
    /// UTF-8 byte offsets of `matched` in `input`: `[start, end)`.
    pub span: [usize; 2],
}

/// Which field an [`Understood`] part filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnderstoodKind {
    Category,
    Language,
    Faith,
    Near,
    Radius,
    Gender,
    Age,
    AgeRange,
    Open,
    Free,
}

mod gender_code {
    use serde::{Deserialize, Deserializer, Serializer};
    use signpost_domain::Gender;

    pub fn serialize<S: Serializer>(gender: &Option<Gender>, s: S) -> Result<S::Ok, S::Error> {
        match gender {
            Some(g) => s.serialize_some(g.code()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Gender>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(code) => Gender::from_code(&code).map(Some).ok_or_else(|| {
                serde::de::Error::custom(format!("gender {code:?} is not female or male"))
            }),
        }
    }
}
