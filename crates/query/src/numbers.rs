//! Numeric phrases: coordinates, distances, walking times, ages and clock times.

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

fn age(tokens: &[Token], i: usize) -> Option<(usize, Numeric)> {
    let first = key(tokens, i);
    if matches!(first, "aged" | "age") {
        return whole_age(key(tokens, i + 1)).map(|a| (2, Numeric::Age(a)));
    }
    let (number, unit) = split_number(first)?;
    let age = whole_age(number)?;
    match unit {
        "yo" => Some((1, Numeric::Age(age))),
        "yr" | "yrs" | "year" | "years" if key(tokens, i + 1) == "old" => {
            Some((2, Numeric::Age(age)))
        }
        "" if matches!(key(tokens, i + 1), "year" | "years" | "yr" | "yrs")
            && key(tokens, i + 2) == "old" =>
        {
            Some((3, Numeric::Age(age)))
        }
        _ => None,
    }
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
