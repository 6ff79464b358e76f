//! Needs as the navigator types them: `language:ben`, `faith:muslim`, `category:mentoring`,
//! `census:TS021_13`, and combinations joined by `+` (`language:ben+category:mentoring`).
//!
//! A need has at most one *demographic* term (language, faith or census category), which says who
//! has the need, and any number of category terms; a service meets the need when it offers every
//! language, faith and category named.

use std::fmt;
use std::str::FromStr;

use signpost_domain::{Service, vocab};

/// One `kind:value` part of a need.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Term {
    /// An ISO 639-3 language (people whose main language it is).
    Language(String),
    /// A `faiths.csv` code (people of that religion).
    Faith(String),
    /// A `taxonomy.csv` category (what the service must offer).
    Category(String),
    /// A bundled Census 2021 category code such as `TS021_13` (people in that category).
    Census(String),
}

impl Term {
    fn is_demographic(&self) -> bool {
        !matches!(self, Term::Category(_))
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Term::Language(c) => write!(f, "language:{c}"),
            Term::Faith(c) => write!(f, "faith:{c}"),
            Term::Category(c) => write!(f, "category:{c}"),
            Term::Census(c) => write!(f, "census:{c}"),
        }
    }
}

/// A need: terms in a canonical order (demographic term first).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Need {
    terms: Vec<Term>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NeedError {
    #[error("need {0:?} is empty: write e.g. language:ben, faith:muslim or category:mentoring")]
    Empty(String),
    #[error("need term {0:?} is not kind:value (kinds: language, faith, category, census)")]
    Malformed(String),
    #[error("unknown language {0:?} in a need: use an ISO 639-3 code such as ben, urd, pol")]
    UnknownLanguage(String),
    #[error("unknown faith {0:?} in a need: use a code from faiths.csv such as muslim, sikh")]
    UnknownFaith(String),
    #[error("unknown category {0:?} in a need: use a code from taxonomy.csv such as mentoring")]
    UnknownCategory(String),
    #[error("unknown census category {0:?}: use a bundled code such as TS021_13")]
    UnknownCensus(String),
    #[error("{0} has no census count at this level")]
    NoCensusCount(String),
    #[error(
        "need {0:?} names more than one group of people; combine one language, faith or census term with categories"
    )]
    TwoGroups(String),
}

impl FromStr for Need {
    type Err = NeedError;

    fn from_str(text: &str) -> Result<Need, NeedError> {
        let mut terms: Vec<Term> = text
            .split('+')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(parse_term)
            .collect::<Result<_, _>>()?;
        if terms.is_empty() {
            return Err(NeedError::Empty(text.to_owned()));
        }
        if terms.iter().filter(|t| t.is_demographic()).count() > 1 {
            return Err(NeedError::TwoGroups(text.to_owned()));
        }
        terms.sort_by_key(|t| (!t.is_demographic(), t.clone()));
        terms.dedup();
        Ok(Need { terms })
    }
}

fn parse_term(text: &str) -> Result<Term, NeedError> {
    let (kind, value) = text
        .split_once(':')
        .ok_or_else(|| NeedError::Malformed(text.to_owned()))?;
    let value = value.trim();
    match kind.trim().to_ascii_lowercase().as_str() {
        "language" | "lang" => vocab::normalise_language_code(value)
            .map(|c| Term::Language(c.to_owned()))
            .ok_or_else(|| NeedError::UnknownLanguage(value.to_owned())),
        "faith" => vocab::faith(&value.to_ascii_lowercase())
            .map(|f| Term::Faith(f.code.to_owned()))
            .ok_or_else(|| NeedError::UnknownFaith(value.to_owned())),
        "category" => vocab::category(&value.to_ascii_lowercase())
            .map(|c| Term::Category(c.code.to_owned()))
            .ok_or_else(|| NeedError::UnknownCategory(value.to_owned())),
        "census" => Ok(Term::Census(value.to_ascii_uppercase())),
        _ => Err(NeedError::Malformed(text.to_owned())),
    }
}

impl fmt::Display for Need {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, term) in self.terms.iter().enumerate() {
            if i > 0 {
                f.write_str("+")?;
            }
            write!(f, "{term}")?;
        }
        Ok(())
    }
}

impl Need {
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// The term that says who has the need; `None` means everyone (all usual residents).
    pub fn demographic(&self) -> Option<&Term> {
        self.terms.iter().find(|t| t.is_demographic())
    }

    /// Whether a service offers every language, faith and category the need names.
    pub fn is_met_by(&self, service: &Service) -> bool {
        self.terms.iter().all(|term| match term {
            Term::Language(code) => service.language_codes().contains(&code.as_str()),
            Term::Faith(code) => service.faith_codes().contains(&code.as_str()),
            Term::Category(code) => service.category_codes().contains(&code.as_str()),
            Term::Census(_) => true,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(json: &str) -> Service {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn parses_and_canonicalises() {
        let need: Need = "category:mentoring + language:bn".parse().unwrap();
        assert_eq!(need.to_string(), "language:ben+category:mentoring");
        assert_eq!(need.demographic(), Some(&Term::Language("ben".into())));
        let need: Need = "faith:Muslim".parse().unwrap();
        assert_eq!(need.to_string(), "faith:muslim");
        let need: Need = "census:ts021_13".parse().unwrap();
        assert_eq!(need.to_string(), "census:TS021_13");
        assert_eq!(
            "category:mentoring".parse::<Need>().unwrap().demographic(),
            None
        );
    }

    #[test]
    fn rejects_bad_needs() {
        assert!(matches!("".parse::<Need>(), Err(NeedError::Empty(_))));
        assert!(matches!(
            "ben".parse::<Need>(),
            Err(NeedError::Malformed(_))
        ));
        assert!(matches!(
            "language:zzzz".parse::<Need>(),
            Err(NeedError::UnknownLanguage(_))
        ));
        assert!(matches!(
            "faith:jedi".parse::<Need>(),
            Err(NeedError::UnknownFaith(_))
        ));
        assert!(matches!(
            "category:x".parse::<Need>(),
            Err(NeedError::UnknownCategory(_))
        ));
        assert!(matches!(
            "language:ben+faith:muslim".parse::<Need>(),
            Err(NeedError::TwoGroups(_))
        ));
    }

    #[test]
    fn a_service_must_offer_every_term() {
        let bengali_mentoring = service(
            r#"{"id": "s", "name": "n", "languages": [{"id": "l", "code": "ben"}],
                "attributes": [{"id": "a", "taxonomy_term": {"id": "t", "code": "mentoring", "name": "Mentoring", "taxonomy": "signpost-category"}}]}"#,
        );
        let bengali_only =
            service(r#"{"id": "s", "name": "n", "languages": [{"id": "l", "code": "ben"}]}"#);
        let need: Need = "language:ben+category:mentoring".parse().unwrap();
        assert!(need.is_met_by(&bengali_mentoring));
        assert!(!need.is_met_by(&bengali_only));
        assert!(
            "language:ben"
                .parse::<Need>()
                .unwrap()
                .is_met_by(&bengali_only)
        );
        assert!(
            !"faith:muslim"
                .parse::<Need>()
                .unwrap()
                .is_met_by(&bengali_only)
        );
    }
}
