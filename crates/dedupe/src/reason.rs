//! Why a pair is proposed: structured reasons, each with a stable code and worded in an interface
//! language by the i18n catalogue (`duplicate-<code>` messages of the `api` area). A reason is
//! serialised as its English sentence ("same charity number 1101234"), as the API and
//! `signpost dedupe --json` have always given it.

use serde::{Serialize, Serializer};
use signpost_i18n::{Arg, Lang, text_with};

/// A register that numbers organisations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Registry {
    Charity,
    Company,
}

/// One reason two services are probably one.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// Both organisations carry this number in one register.
    SameRegistration {
        registry: Registry,
        number: String,
    },
    /// Both organisations are registered in one register, under different numbers.
    DifferentRegistrations {
        registry: Registry,
    },
    SameName,
    /// Names alike but not the same: their similarity, 0–1.
    NamesAlike {
        similarity: f64,
    },
    SamePostcode {
        postcode: String,
    },
    /// Locations this many metres apart (within [`crate::NEAR_METRES`]).
    Near {
        metres: f64,
    },
    SamePhone {
        phone: String,
    },
    SameEmail {
        email: String,
    },
    SameWebAddress {
        address: String,
    },
}

impl Reason {
    /// The reason's stable code (`same_charity_number`), the same in every language.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::SameRegistration {
                registry: Registry::Charity,
                ..
            } => "same_charity_number",
            Reason::SameRegistration {
                registry: Registry::Company,
                ..
            } => "same_company_number",
            Reason::DifferentRegistrations {
                registry: Registry::Charity,
            } => "different_charity_numbers",
            Reason::DifferentRegistrations {
                registry: Registry::Company,
            } => "different_company_numbers",
            Reason::SameName => "same_name",
            Reason::NamesAlike { .. } => "names_alike",
            Reason::SamePostcode { .. } => "same_postcode",
            Reason::Near { .. } => "near",
            Reason::SamePhone { .. } => "same_phone",
            Reason::SameEmail { .. } => "same_email",
            Reason::SameWebAddress { .. } => "same_web_address",
        }
    }

    /// The reason as a phrase in `lang` ("yr un rhif elusen 1101234" in Welsh).
    pub fn text(&self, lang: Lang) -> String {
        let key = format!("duplicate-{}", self.code().replace('_', "-"));
        text_with(lang, &key, &self.args())
    }

    /// The values the phrase names, as text (so numbers keep the form they have always had).
    fn args(&self) -> Vec<(&'static str, Arg)> {
        let value: Option<String> = match self {
            Reason::SameRegistration { number, .. } => Some(number.clone()),
            Reason::NamesAlike { similarity } => Some(format!("{similarity:.2}")),
            Reason::SamePostcode { postcode } => Some(postcode.clone()),
            Reason::Near { metres } => Some(format!("{metres:.0}")),
            Reason::SamePhone { phone } => Some(phone.clone()),
            Reason::SameEmail { email } => Some(email.clone()),
            Reason::SameWebAddress { address } => Some(address.clone()),
            Reason::DifferentRegistrations { .. } | Reason::SameName => None,
        };
        value.map(|v| ("value", Arg::from(v))).into_iter().collect()
    }
}

/// The English phrase, for the command line and logs.
impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_kind() -> Vec<Reason> {
        let registries = [Registry::Charity, Registry::Company];
        registries
            .iter()
            .flat_map(|&registry| {
                [
                    Reason::SameRegistration {
                        registry,
                        number: "1101234".to_owned(),
                    },
                    Reason::DifferentRegistrations { registry },
                ]
            })
            .chain([
                Reason::SameName,
                Reason::NamesAlike { similarity: 0.9 },
                Reason::SamePostcode {
                    postcode: "WS1 1AA".to_owned(),
                },
                Reason::Near { metres: 56.4 },
                Reason::SamePhone {
                    phone: "01214960103".to_owned(),
                },
                Reason::SameEmail {
                    email: "a@example.org".to_owned(),
                },
                Reason::SameWebAddress {
                    address: "example.org/food".to_owned(),
                },
            ])
            .collect()
    }

    #[test]
    fn reasons_read_in_english_as_they_always_have() {
        let english: Vec<String> = every_kind().iter().map(|r| r.text(Lang::En)).collect();
        assert_eq!(
            english,
            [
                "same charity number 1101234",
                "different charity numbers",
                "same company number 1101234",
                "different company numbers",
                "same name",
                "names alike (0.90)",
                "same postcode WS1 1AA",
                "locations 56 m apart",
                "same phone 01214960103",
                "same e-mail a@example.org",
                "same web address example.org/food",
            ]
        );
        let json = serde_json::to_value(Reason::SameName).expect("serialises");
        assert_eq!(json, "same name");
    }

    #[test]
    fn every_reason_has_a_welsh_phrase_of_its_own_with_its_value() {
        for reason in every_kind() {
            let welsh = reason.text(Lang::Cy);
            assert_ne!(welsh, reason.text(Lang::En), "{}", reason.code());
            assert!(!welsh.starts_with("duplicate-"), "{}", reason.code());
        }
        let postcode = Reason::SamePostcode {
            postcode: "WS1 1AA".to_owned(),
        };
        assert_eq!(postcode.text(Lang::Cy), "yr un cod post WS1 1AA");
    }
}
