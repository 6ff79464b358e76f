//! Checking what a person typed into a search's explicit parameters: places, radii and codes.
//! Every rejection carries its stable code and, where one is close, what they may have meant.

use signpost_domain::vocab;
use signpost_geo::{Place, PlaceKind, PlaceLookup, Point, looks_like_postcode, parse_radius};

use crate::code::Code;
use crate::error::{AppError, Result};

/// The place a `near` phrase names.
pub fn place(places: &dyn PlaceLookup, phrase: &str) -> Result<Place> {
    let phrase = phrase.trim();
    if phrase.is_empty() {
        return Err(AppError::rejected(
            Code::InvalidParameter,
            "near must name a place or a postcode",
        ));
    }
    if let Some(place) = places.lookup(phrase) {
        return Ok(place);
    }
    let suggestions = places.suggest(phrase);
    if looks_like_postcode(phrase) {
        Err(AppError::rejected_with(
            Code::InvalidPostcode,
            format!("{phrase:?} is not a known UK postcode"),
            suggestions,
        ))
    } else {
        Err(AppError::rejected_with(
            Code::UnknownPlace,
            format!("{phrase:?} is not a place Signpost knows"),
            suggestions,
        ))
    }
}

/// The point typed as `lat` and `lon` (both or neither).
pub fn point(lat: Option<f64>, lon: Option<f64>) -> Result<Option<Place>> {
    match (lat, lon) {
        (None, None) => Ok(None),
        (Some(lat), Some(lon)) if Point::new(lat, lon).is_valid() => Ok(Some(Place {
            kind: PlaceKind::Point,
            label: format!("{lat:.5},{lon:.5}"),
            lat,
            lon,
            lad_code: None,
            note: None,
        })),
        (Some(_), Some(_)) => Err(AppError::rejected(
            Code::InvalidParameter,
            "lat must be within -90..90 and lon within -180..180",
        )),
        _ => Err(AppError::rejected(
            Code::InvalidParameter,
            "give lat and lon together",
        )),
    }
}

/// A radius with its unit ("800m", "5km", "3mi"; a bare number is metres), in metres.
pub fn radius(text: &str) -> Result<f64> {
    parse_radius(text).map_err(|error| AppError::rejected(Code::InvalidRadius, error.to_string()))
}

/// ISO 639-3 codes (639-1 accepted and mapped), without repeats.
pub fn languages(codes: &[String]) -> Result<Vec<String>> {
    checked(codes, |code| {
        vocab::normalise_language_code(code)
            .map(str::to_owned)
            .ok_or_else(|| {
                let suggestions =
                    vocab::suggest_codes(code, vocab::languages().iter().map(|l| l.code));
                AppError::rejected_with(
                    Code::UnknownLanguage,
                    format!("{code:?} is not an ISO 639-3 language code (e.g. ben, syl, urd, pol)"),
                    owned(suggestions),
                )
            })
    })
}

/// Category codes of `taxonomy.csv`, without repeats.
pub fn categories(codes: &[String]) -> Result<Vec<String>> {
    checked(codes, |code| {
        let code = code.trim().to_ascii_lowercase();
        vocab::category(&code)
            .map(|c| c.code.to_owned())
            .ok_or_else(|| {
                let suggestions =
                    vocab::suggest_codes(&code, vocab::categories().iter().map(|c| c.code));
                AppError::rejected_with(
                    Code::UnknownCategory,
                    format!("{code:?} is not a Signpost category code"),
                    owned(suggestions),
                )
            })
    })
}

/// Faith codes of `faiths.csv`, without repeats.
pub fn faiths(codes: &[String]) -> Result<Vec<String>> {
    checked(codes, |code| {
        let code = code.trim().to_ascii_lowercase();
        vocab::faith(&code)
            .map(|f| f.code.to_owned())
            .ok_or_else(|| {
                let suggestions =
                    vocab::suggest_codes(&code, vocab::faiths().iter().map(|f| f.code));
                AppError::rejected_with(
                    Code::UnknownFaith,
                    format!("{code:?} is not a Signpost faith code"),
                    owned(suggestions),
                )
            })
    })
}

/// Splits comma-separated values and checks each, keeping the first of any repeats.
fn checked(values: &[String], check: impl Fn(&str) -> Result<String>) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for value in values
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        let code = check(value)?;
        if !out.contains(&code) {
            out.push(code);
        }
    }
    Ok(out)
}

fn owned(codes: Vec<&str>) -> Vec<String> {
    codes.into_iter().map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct OnePlace;

    impl PlaceLookup for OnePlace {
        fn lookup(&self, phrase: &str) -> Option<Place> {
            (phrase.eq_ignore_ascii_case("walsall")).then(|| Place {
                kind: PlaceKind::Place,
                label: "Walsall".into(),
                lat: 52.58,
                lon: -1.98,
                lad_code: None,
                note: None,
            })
        }

        fn suggest(&self, _phrase: &str) -> Vec<String> {
            vec!["Walsall".into()]
        }
    }

    fn code_of(result: Result<impl std::fmt::Debug>) -> Code {
        result.expect_err("rejected").code()
    }

    #[test]
    fn places_postcodes_and_points() {
        assert_eq!(
            place(&OnePlace, " Walsall ").expect("known").label,
            "Walsall"
        );
        let unknown = place(&OnePlace, "Walsal").expect_err("unknown");
        assert_eq!(unknown.code(), Code::UnknownPlace);
        assert_eq!(
            unknown.rejection().map(|r| r.suggestions.clone()),
            Some(vec!["Walsall".to_owned()])
        );
        assert_eq!(code_of(place(&OnePlace, "ZZ99 9ZZ")), Code::InvalidPostcode);
        assert_eq!(code_of(place(&OnePlace, "  ")), Code::InvalidParameter);
        assert!(point(Some(52.5), Some(-1.9)).expect("valid").is_some());
        assert_eq!(
            code_of(point(Some(91.0), Some(0.0))),
            Code::InvalidParameter
        );
        assert_eq!(code_of(point(Some(52.0), None)), Code::InvalidParameter);
        assert_eq!(point(None, None).expect("none"), None);
    }

    #[test]
    fn radii_need_a_positive_number() {
        assert_eq!(radius("3mi").expect("ok"), 4_828.032);
        for bad in ["-1km", "0", "far", "", "1e400"] {
            assert_eq!(code_of(radius(bad)), Code::InvalidRadius, "{bad}");
        }
    }

    #[test]
    fn codes_are_checked_and_suggested() {
        assert_eq!(
            languages(&["ur,BEN".into(), "ben".into()]).expect("ok"),
            vec!["urd", "ben"]
        );
        let wrong = languages(&["beng".into()]).expect_err("unknown");
        assert_eq!(wrong.code(), Code::UnknownLanguage);
        assert!(
            wrong
                .rejection()
                .is_some_and(|r| r.suggestions.contains(&"ben".to_owned()))
        );
        assert_eq!(
            categories(&["Mentoring".into()]).expect("ok"),
            vec!["mentoring"]
        );
        let typo = categories(&["mentorin".into()]).expect_err("unknown");
        assert_eq!(typo.code(), Code::UnknownCategory);
        assert!(
            typo.rejection()
                .is_some_and(|r| r.suggestions.contains(&"mentoring".to_owned()))
        );
        assert_eq!(code_of(faiths(&["jedi".into()])), Code::UnknownFaith);
        assert_eq!(faiths(&["sikh".into()]).expect("ok"), vec!["sikh"]);
    }
}
