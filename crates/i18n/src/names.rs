//! The names of the codes Signpost's vocabularies hold (languages, categories, faiths) in an
//! interface language, from the `names` catalogue area: `language-<ISO 639-3 code>`,
//! `category-<code>` and `faith-<code>`. A name the language's catalogue lacks is the English
//! one; a code the English catalogue lacks is named by the bundled vocabulary (ISO 639-3's
//! reference name, `taxonomy.csv`, `faiths.csv`), and a code no vocabulary knows by itself.

use signpost_domain::vocab;

use crate::Lang;
use crate::catalogue::message;

/// What a code names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NameKind {
    /// An ISO 639-3 language code (`ben`).
    Language,
    /// A category code of `taxonomy.csv` (`mental-health`).
    Category,
    /// A faith code of `faiths.csv` (`no_religion`).
    Faith,
}

impl NameKind {
    /// The key prefix of this kind's names in the `names` catalogue.
    pub fn key_prefix(self) -> &'static str {
        match self {
            NameKind::Language => "language-",
            NameKind::Category => "category-",
            NameKind::Faith => "faith-",
        }
    }

    fn vocabulary_name(self, code: &str) -> Option<&'static str> {
        match self {
            NameKind::Language => vocab::language(code).map(|l| l.name),
            NameKind::Category => vocab::category(code).map(|c| c.name),
            NameKind::Faith => vocab::faith(code).map(|f| f.census_category),
        }
    }
}

/// The name of `code` in `lang`, for labels, facets, chips and sentences: "Bengaleg" for
/// `(Cy, Language, "ben")`, "Iechyd meddwl a lles" for `(Cy, Category, "mental-health")`.
/// Falls back to English, then to the vocabulary's English name, then to the code.
pub fn name_of(lang: Lang, kind: NameKind, code: &str) -> String {
    let key = format!("{}{code}", kind.key_prefix());
    [lang, Lang::En]
        .into_iter()
        .find_map(|l| message(l, &key, None))
        .or_else(|| kind.vocabulary_name(code).map(str::to_owned))
        .unwrap_or_else(|| code.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welsh_names_come_from_the_names_catalogue() {
        assert_eq!(name_of(Lang::Cy, NameKind::Language, "ben"), "Bengaleg");
        assert_eq!(name_of(Lang::Cy, NameKind::Language, "cym"), "Cymraeg");
        assert_eq!(name_of(Lang::En, NameKind::Language, "ben"), "Bengali");
        assert_eq!(
            name_of(Lang::Cy, NameKind::Category, "mental-health"),
            "Iechyd meddwl a lles"
        );
        assert_eq!(name_of(Lang::Cy, NameKind::Faith, "muslim"), "Mwslim");
    }

    #[test]
    fn english_names_are_the_vocabularies_where_the_catalogue_has_none() {
        assert_eq!(
            name_of(Lang::En, NameKind::Category, "mental-health"),
            vocab::category("mental-health").expect("category").name
        );
        assert_eq!(
            name_of(Lang::En, NameKind::Faith, "no_religion"),
            "No religion"
        );
        assert_eq!(name_of(Lang::Cy, NameKind::Language, "aaa"), "Ghotuo");
        assert_eq!(name_of(Lang::Cy, NameKind::Faith, "zzz"), "zzz");
    }

    fn vocabulary_codes() -> impl Iterator<Item = (NameKind, &'static str)> {
        vocab::categories()
            .iter()
            .map(|c| (NameKind::Category, c.code))
            .chain(vocab::faiths().iter().map(|f| (NameKind::Faith, f.code)))
    }

    #[test]
    fn every_category_and_faith_has_a_welsh_name_of_its_own() {
        for (kind, code) in vocabulary_codes() {
            let key = format!("{}{code}", kind.key_prefix());
            assert!(message(Lang::Cy, &key, None).is_some(), "{key}");
        }
        assert_eq!(
            name_of(Lang::Cy, NameKind::Category, "accommodation"),
            "Llety a thai"
        );
    }

    #[test]
    fn the_english_catalogue_names_codes_as_the_vocabularies_do() {
        for (kind, code) in vocabulary_codes() {
            let key = format!("{}{code}", kind.key_prefix());
            let english = message(Lang::En, &key, None);
            assert_eq!(english.as_deref(), kind.vocabulary_name(code), "{key}");
        }
    }

    #[test]
    fn every_named_language_is_an_iso_639_3_code() {
        let languages = crate::keys(Lang::En)
            .into_iter()
            .filter_map(|key| key.strip_prefix(NameKind::Language.key_prefix()));
        for code in languages {
            assert!(vocab::language(code).is_some(), "{code}");
        }
    }
}
