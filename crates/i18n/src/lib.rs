//! Signpost's interface languages: the Fluent message catalogues (`locales/<tag>/<area>.ftl`,
//! compiled in), the choice of a request's language (`?ui=`, then the `signpost_ui` cookie, then
//! `Accept-Language`) and the text of a message in that language, falling back to English.
//!
//! Messages are formatted without Fluent's Unicode isolation marks: the output goes into HTML and
//! JSON, where invisible U+2068/U+2069 characters would break copying and comparisons; a page in a
//! right-to-left language sets `dir="rtl"` and wraps names that may run the other way in `<bdi>`.

mod catalogue;
mod names;
mod negotiate;
mod reasons;

pub use catalogue::{Arg, keys, text, text_with};
pub use names::{NameKind, name_of};
pub use negotiate::negotiate;
pub use reasons::{limit_in_miles, reason_text, reasons_text};

/// The query parameter that picks the interface language.
pub const QUERY_PARAMETER: &str = "ui";
/// The cookie the page's language switch sets.
pub const COOKIE: &str = "signpost_ui";

/// An interface language with a catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    En,
    Cy,
    Ur,
    Ar,
}

const ALL: [Lang; 4] = [Lang::En, Lang::Cy, Lang::Ur, Lang::Ar];

impl Lang {
    /// The BCP 47 tag: `"en"`, `"cy"`, `"ur"`, `"ar"`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Cy => "cy",
            Lang::Ur => "ur",
            Lang::Ar => "ar",
        }
    }

    /// The language of a tag, by its primary subtag, case-insensitive: `"cy-GB"` is Welsh.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        ALL.into_iter()
            .find(|lang| lang.tag().eq_ignore_ascii_case(primary))
    }

    /// Whether the language is written right to left.
    pub fn is_rtl(self) -> bool {
        matches!(self, Lang::Ur | Lang::Ar)
    }

    /// The value of HTML's `dir` attribute: `"ltr"` or `"rtl"`.
    pub fn dir(self) -> &'static str {
        if self.is_rtl() { "rtl" } else { "ltr" }
    }

    /// Every interface language, English first.
    pub fn all() -> &'static [Lang] {
        &ALL
    }

    /// The language's name in itself (CLDR).
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Cy => "Cymraeg",
            Lang::Ur => "اردو",
            Lang::Ar => "العربية",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_regions_are_ignored() {
        for lang in Lang::all() {
            assert_eq!(Lang::from_tag(lang.tag()), Some(*lang));
        }
        assert_eq!(Lang::from_tag("cy-GB"), Some(Lang::Cy));
        assert_eq!(Lang::from_tag("CY"), Some(Lang::Cy));
        assert_eq!(Lang::from_tag("ur_PK"), Some(Lang::Ur));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn only_urdu_and_arabic_run_right_to_left() {
        let rtl: Vec<_> = Lang::all().iter().filter(|l| l.is_rtl()).collect();
        assert_eq!(rtl, [&Lang::Ur, &Lang::Ar]);
        assert_eq!(Lang::Ar.dir(), "rtl");
        assert_eq!(Lang::Cy.dir(), "ltr");
    }
}
