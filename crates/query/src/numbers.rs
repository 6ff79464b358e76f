//! Numeric phrases: coordinates, distances, walking times, ages and clock times.

use crate::model::AgeRange;
use crate::tokens::Token;
use signpost_geo::{Point, parse_radius};

/// Metres walked in a minute (docs/parsed-query.md: "5 mins walk" is 2,000 m).
pub const WALK_METRES_PER_MINUTE: f64 = 400.0;
/// "Walking distance" is taken as a mile: the distance most people will walk to a service.
pub const WALKING_DISTANCE_M: f64 = signpost_geo::METRES_PER_MILE;
const MAX_AGE: u32 = 120;

/// A numeric phrase found at some token, and how many tokens it used.
#[derive(Debug, Clone, PartialEq)]
pub enum Numeric {
    Point(Point),
    Radius {
        metres: f64,
        label: String,
    },
    /// A radius the user typed that cannot be used (zero, or larger than the country).
    BadRadius(String),
    Age(u32),
    AgeRange(AgeRange),
    Time(String),
}

/// Reads the numeric phrase starting at `tokens[i]`, if there is one.
pub fn numeric_at(tokens: &[Token], i: usize) -> Option<(usize, Numeric)> {
    point(tokens, i)
        .or_else(|| walk(tokens, i))
        .or_else(|| radius(tokens, i))
        .or_else(|| age(tokens, i))
        .or_else(|| clock(tokens, i))
}

fn key(tokens: &[Token], i: usize) -> &str {
    tokens.get(i).map_or("", |t| t.key.as_str())
}

fn point(tokens: &[Token], i: usize) -> Option<(usize, Numeric)> {
    let (a, b) = (tokens.get(i)?, tokens.get(i + 1)?);
    if b.gap != "," || !a.key.contains('.') || !b.key.contains('.') {
        return None;
    }
    let p = Point::new(a.key.parse().ok()?, b.key.parse().ok()?);
    p.is_valid().then_some((2, Numeric::Point(p)))
}

/// Splits "2.5km" into ("2.5", "km"); a plain number has an empty unit.
fn split_number(word: &str) -> Option<(&str, &str)> {
    let end = word
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(word.len());
    let (number, unit) = word.split_at(end);
    number.parse::<f64>().ok().filter(|n| n.is_finite())?;
    Some((number, unit))
}

fn number_word(word: &str) -> Option<&'static str> {
    let numbers = [
        ("a", "1"),
        ("one", "1"),
        ("two", "2"),
        ("three", "3"),
        ("four", "4"),
        ("five", "5"),
        ("six", "6"),
        ("seven", "7"),
        ("eight", "8"),
        ("nine", "9"),
        ("ten", "10"),
        ("fifteen", "15"),
        ("twenty", "20"),
    ];
    numbers.iter().find(|(w, _)| *w == word).map(|(_, n)| *n)
}

/// The unit as `parse_radius` reads it, and its name for labels.
fn distance_unit(unit: &str) -> Option<(&'static str, &'static str, &'static str)> {
    match unit {
        "mi" | "mile" | "miles" | "mls" => Some(("mi", "mile", "miles")),
        "km" | "kms" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => {
            Some(("km", "km", "km"))
        }
        "m" | "metre" | "metres" | "meter" | "meters" => Some(("m", "m", "m")),
        _ => None,
    }
}

fn radius_from(number: &str, unit: &str) -> Option<Numeric> {
    let (short, one, many) = distance_unit(unit)?;
    let metres = match parse_radius(&format!("{number}{short}")) {
        Ok(metres) => metres,
        Err(_) => return Some(Numeric::BadRadius(format!("{number} {many}"))),
    };
    let name = if number == "1" { one } else { many };
    Some(Numeric::Radius {
        metres,
        label: format!("{number} {name}"),
    })
}

fn radius(tokens: &[Token], i: usize) -> Option<(usize, Numeric)> {
    let first = key(tokens, i);
    if first == "half" && key(tokens, i + 1) == "a" && key(tokens, i + 2) == "mile" {
        return Some((
            3,
            Numeric::Radius {
                metres: signpost_geo::METRES_PER_MILE / 2.0,
                label: "half a mile".to_owned(),
            },
        ));
    }
    if let Some((number, unit)) = split_number(first) {
        if !unit.is_empty() {
            return radius_from(number, unit).map(|r| (1, r));
        }
        return radius_from(number, key(tokens, i + 1)).map(|r| (2, r));
    }
    let number = number_word(first)?;
    let unit = key(tokens, i + 1);
    if first == "a" && unit != "mile" {
        return None;
    }
    radius_from(number, unit).map(|r| (2, r))
}

fn is_minutes(unit: &str) -> bool {
    matches!(unit, "min" | "mins" | "minute" | "minutes")
}

fn walk(tokens: &[Token], i: usize) -> Option<(usize, Numeric)> {
    if key(tokens, i) == "walking" && key(tokens, i + 1) == "distance" {
        let label = "walking distance (1 mile)".to_owned();
        return Some((
            2,
            Numeric::Radius {
                metres: WALKING_DISTANCE_M,
                label,
            },
        ));
    }
    let first = key(tokens, i);
    let (number, mut used) = match split_number(first) {
        Some((number, unit)) if is_minutes(unit) => (number, 1),
        Some((number, "")) if is_minutes(key(tokens, i + 1)) => (number, 2),
        Some(_) => return None,
        None => match number_word(first) {
            Some(number) if first != "a" && is_minutes(key(tokens, i + 1)) => (number, 2),
            _ => return None,
        },
    };
    if !matches!(key(tokens, i + used), "walk" | "walking" | "walks") {
        return None;
    }
    used += 1;
    if matches!(key(tokens, i + used), "distance" | "away") {
        used += 1;
    }
    let minutes: f64 = number.parse().ok()?;
    if minutes <= 0.0 || minutes > 600.0 {
        return Some((used, Numeric::BadRadius(format!("{number} minutes' walk"))));
    }
    Some((
        used,
        walking_minutes(minutes, &format!("{number} minutes' walk")),
    ))
}

fn walking_minutes(minutes: f64, label: &str) -> Numeric {
    Numeric::Radius {
        metres: minutes * WALK_METRES_PER_MINUTE,
        label: label.to_owned(),
    }
}

fn whole_age(number: &str) -> Option<u32> {
    number.parse::<u32>().ok().filter(|age| *age <= MAX_AGE)
}

/// Words after "over 50" or "under 25" that make the number something other than an age.
const NOT_AGES: &[&str] = &[
    "hours", "hour", "hrs", "days", "day", "weeks", "week", "months", "month", "pounds", "people",
    "percent", "times", "sessions", "services", "places", "beds", "miles", "km", "metres",
];
/// Words before "is 24" or "'s 17" that make the number someone's age.
const PERSON: &[&str] = &[
    "he", "she", "client", "who", "person", "son", "daughter", "they",
];

/// Ages: "17 year old", "aged 24", "he is 24", "she's 17" (one person's age), and the ages a
/// service is for: "over 50s", "under-25s", "aged 16-25", "16 to 25 year olds", "aged 50+"
/// (docs/parsed-query.md).
fn age(tokens: &[Token], i: usize) -> Option<(usize, Numeric)> {
    let first = key(tokens, i);
    match first {
        "aged" | "age" => aged(tokens, i + 1).map(|(used, age)| (used + 1, age)),
        "over" | "under" => over_or_under(tokens, i),
        "hes" | "shes" | "theyre" => someones_age(tokens, i + 1).map(|(used, a)| (used + 1, a)),
        _ if PERSON.contains(&first) && matches!(key(tokens, i + 1), "is" | "are") => {
            someones_age(tokens, i + 2).map(|(used, a)| (used + 2, a))
        }
        _ => ages_of_people(tokens, i),
    }
}

/// How many of the words at `i` say "year(s) old" or "year olds" (0 when none).
fn years_old(tokens: &[Token], i: usize) -> usize {
    match (key(tokens, i), key(tokens, i + 1)) {
        ("yo" | "yos", _) => 1,
        ("year" | "years" | "yr" | "yrs", "old" | "olds") => 2,
        _ => 0,
    }
}

/// "24", "24 years old", after "he is" or "she's".
fn someones_age(tokens: &[Token], i: usize) -> Option<(usize, Numeric)> {
    let age = whole_age(key(tokens, i))?;
    Some((1 + years_old(tokens, i + 1), Numeric::Age(age)))
}

/// After "aged": "24", "16-25", "16 to 25", "over 50", "under 25", "50+".
fn aged(tokens: &[Token], i: usize) -> Option<(usize, Numeric)> {
    if matches!(key(tokens, i), "over" | "under") {
        return over_or_under(tokens, i);
    }
    let (number, unit) = split_number(key(tokens, i))?;
    let age = whole_age(number)?;
    match unit {
        "+" => return Some((1, at_least(age))),
        "" if key(tokens, i + 1) == "plus" => return Some((2, at_least(age))),
        "" => {}
        _ => return None,
    }
    if let Some((used, range)) = range_after(tokens, i, age) {
        return Some((used + years_old(tokens, i + used), range));
    }
    Some((1 + years_old(tokens, i + 1), Numeric::Age(age)))
}

/// "16-25", "16 to 25", "16-25s" from the first number at `i`: the words used and the range.
fn range_after(tokens: &[Token], i: usize, min: u32) -> Option<(usize, Numeric)> {
    let next = tokens.get(i + 1)?;
    let (number_at, used) = if next.gap == "-" && next.key.starts_with(|c: char| c.is_ascii_digit())
    {
        (i + 1, 2)
    } else if matches!(next.key.as_str(), "to" | "and") {
        (i + 2, 3)
    } else {
        return None;
    };
    let (number, unit) = split_number(key(tokens, number_at))?;
    if !matches!(unit, "" | "s") {
        return None;
    }
    let max = whole_age(number).filter(|max| *max >= min)?;
    Some((
        used,
        Numeric::AgeRange(AgeRange {
            min: Some(min),
            max: Some(max),
        }),
    ))
}

fn at_least(min: u32) -> Numeric {
    Numeric::AgeRange(AgeRange {
        min: Some(min),
        max: None,
    })
}

/// "over 50s", "over-50s", "under 25", "under-18s": a service's ages, not a distance.
fn over_or_under(tokens: &[Token], i: usize) -> Option<(usize, Numeric)> {
    let over = key(tokens, i) == "over";
    let (number, unit) = split_number(key(tokens, i + 1))?;
    let age = whole_age(number)?;
    let plural = match unit {
        "s" => true,
        "" => false,
        _ => return None,
    };
    let next = key(tokens, i + 2);
    let measured = NOT_AGES.contains(&next) || radius(tokens, i + 1).is_some();
    if !plural && (age < 10 || measured || walk(tokens, i + 1).is_some()) {
        return None;
    }
    let used = 2 + years_old(tokens, i + 2);
    let range = if over {
        at_least(age)
    } else {
        Numeric::AgeRange(AgeRange {
            min: None,
            max: Some(age.checked_sub(1)?),
        })
    };
    Some((used, range))
}

/// "17 year old", "17yo", "16-25 year olds", "18-25s", "16 to 25 year olds".
fn ages_of_people(tokens: &[Token], i: usize) -> Option<(usize, Numeric)> {
    let (number, unit) = split_number(key(tokens, i))?;
    let age = whole_age(number)?;
    match unit {
        "yo" => return Some((1, Numeric::Age(age))),
        "+" if age >= 12 => return Some((1, at_least(age))),
        "yr" | "yrs" | "year" | "years" if matches!(key(tokens, i + 1), "old" | "olds") => {
            return Some((2, Numeric::Age(age)));
        }
        "" => {}
        _ => return None,
    }
    if let Some((used, range)) = range_after(tokens, i, age) {
        let last = key(tokens, i + used - 1);
        let after = years_old(tokens, i + used);
        return (after > 0 || last.ends_with('s')).then_some((used + after, range));
    }
    let after = years_old(tokens, i + 1);
    (after > 0).then_some((1 + after, Numeric::Age(age)))
}

/// "6pm", "6.30pm", "6:30 pm", "18:00", "noon" as "HH:MM".
fn clock(tokens: &[Token], i: usize) -> Option<(usize, Numeric)> {
    let first = key(tokens, i);
    if matches!(first, "noon" | "midday") {
        return Some((1, Numeric::Time("12:00".to_owned())));
    }
    let digits_end = first
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ':'))
        .unwrap_or(first.len());
    let (clock, suffix) = first.split_at(digits_end);
    let (suffix, used) = match suffix {
        "" if matches!(key(tokens, i + 1), "am" | "pm") => (key(tokens, i + 1), 2),
        _ => (suffix, 1),
    };
    let (hours, minutes) = match clock.split_once([':', '.']) {
        Some((h, m)) if m.len() == 2 => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        None if suffix.is_empty() => return None,
        None => (clock.parse::<u32>().ok()?, 0),
        _ => return None,
    };
    if clock.contains('.') && suffix.is_empty() {
        return None;
    }
    let hours = match suffix {
        "" if clock.contains(':') && hours < 24 => hours,
        "am" if (1..=12).contains(&hours) => hours % 12,
        "pm" if (1..=12).contains(&hours) => hours % 12 + 12,
        _ => return None,
    };
    (minutes < 60).then(|| (used, Numeric::Time(format!("{hours:02}:{minutes:02}"))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenise;

    fn read(text: &str) -> Option<(usize, Numeric)> {
        numeric_at(&tokenise(text), 0)
    }

    fn radius_of(text: &str) -> Option<f64> {
        match read(text) {
            Some((_, Numeric::Radius { metres, .. })) => Some(metres),
            _ => None,
        }
    }

    #[test]
    fn distances_in_every_unit() {
        assert_eq!(radius_of("3 miles"), Some(4_828.032));
        assert_eq!(radius_of("3mi"), Some(4_828.032));
        assert_eq!(radius_of("2.5km"), Some(2_500.0));
        assert_eq!(radius_of("800 metres"), Some(800.0));
        assert_eq!(radius_of("a mile"), Some(1_609.344));
        assert_eq!(radius_of("half a mile"), Some(804.672));
        assert_eq!(radius_of("two miles"), Some(3_218.688));
        assert_eq!(radius_of("5 mins walk"), Some(2_000.0));
        assert_eq!(radius_of("10-minute walk away"), Some(4_000.0));
        assert_eq!(radius_of("walking distance"), Some(1_609.344));
        assert_eq!(radius_of("3 apples"), None);
        assert_eq!(radius_of("a tree"), None);
        assert!(matches!(read("99999 km"), Some((2, Numeric::BadRadius(_)))));
        assert!(matches!(read("0 miles"), Some((2, Numeric::BadRadius(_)))));
    }

    #[test]
    fn ages_need_a_year_word() {
        assert_eq!(read("17 year old"), Some((3, Numeric::Age(17))));
        assert_eq!(read("17-year-old"), Some((3, Numeric::Age(17))));
        assert_eq!(read("aged 24"), Some((2, Numeric::Age(24))));
        assert_eq!(read("17yo"), Some((1, Numeric::Age(17))));
        assert_eq!(read("17 years"), None);
        assert_eq!(read("aged 500"), None);
        assert_eq!(read("he is 24"), Some((3, Numeric::Age(24))));
        assert_eq!(read("she's 17"), Some((2, Numeric::Age(17))));
        assert_eq!(read("he's 19 years old"), Some((4, Numeric::Age(19))));
        assert_eq!(read("24 year olds"), Some((3, Numeric::Age(24))));
        assert_eq!(read("he is tall"), None);
    }

    fn range(min: Option<u32>, max: Option<u32>) -> Numeric {
        Numeric::AgeRange(AgeRange { min, max })
    }

    #[test]
    fn age_ranges_as_practitioners_write_them() {
        assert_eq!(read("over 50s"), Some((2, range(Some(50), None))));
        assert_eq!(read("over-50s"), Some((2, range(Some(50), None))));
        assert_eq!(read("over 50"), Some((2, range(Some(50), None))));
        assert_eq!(read("under 25s"), Some((2, range(None, Some(24)))));
        assert_eq!(read("under-18s"), Some((2, range(None, Some(17)))));
        assert_eq!(read("aged 16-25"), Some((3, range(Some(16), Some(25)))));
        assert_eq!(read("aged 16 to 25"), Some((4, range(Some(16), Some(25)))));
        assert_eq!(
            read("16 to 25 year olds"),
            Some((5, range(Some(16), Some(25))))
        );
        assert_eq!(
            read("16-25 year olds"),
            Some((4, range(Some(16), Some(25))))
        );
        assert_eq!(read("18-25s"), Some((2, range(Some(18), Some(25)))));
        assert_eq!(read("aged 50+"), Some((2, range(Some(50), None))));
        assert_eq!(read("50+"), Some((1, range(Some(50), None))));
        assert_eq!(read("aged 50 plus"), Some((3, range(Some(50), None))));
        assert_eq!(read("aged over 50"), Some((3, range(Some(50), None))));
        assert_eq!(read("over 18 years old"), Some((4, range(Some(18), None))));
    }

    #[test]
    fn numbers_after_over_and_under_that_are_not_ages() {
        assert_eq!(read("under 2km"), None);
        assert_eq!(read("under 5 miles"), None);
        assert_eq!(read("over 50 hours"), None);
        assert_eq!(read("under 5"), None);
        assert_eq!(read("under 0s"), None);
        assert_eq!(read("aged 25-16"), Some((2, Numeric::Age(25))));
        assert_eq!(read("16-25"), None, "a bare range could be anything");
    }

    #[test]
    fn clock_times() {
        let time = |text: &str| match read(text) {
            Some((_, Numeric::Time(t))) => Some(t),
            _ => None,
        };
        assert_eq!(time("6pm").as_deref(), Some("18:00"));
        assert_eq!(time("6.30pm").as_deref(), Some("18:30"));
        assert_eq!(time("6:30 pm").as_deref(), Some("18:30"));
        assert_eq!(time("12am").as_deref(), Some("00:00"));
        assert_eq!(time("12pm").as_deref(), Some("12:00"));
        assert_eq!(time("18:00").as_deref(), Some("18:00"));
        assert_eq!(time("noon").as_deref(), Some("12:00"));
        assert_eq!(time("25:00"), None);
        assert_eq!(time("13pm"), None);
        assert_eq!(time("6"), None);
        assert_eq!(time("2.5"), None);
    }

    #[test]
    fn points_need_decimals_and_a_comma() {
        assert_eq!(
            read("52.58,-1.98"),
            Some((2, Numeric::Point(Point::new(52.58, -1.98))))
        );
        assert_eq!(read("52.58 -1.98"), None);
        assert_eq!(read("95.0,1.0"), None);
    }
}
