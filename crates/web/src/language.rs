//! Language names as the page shows them: the name in the page's language (the i18n `names`
//! catalogue: "Bengali" in English, "Bengaleg" in Welsh) followed by the language's own name in its
//! own script, with the BCP 47 tag that goes in the `lang` attribute (so screen readers and fonts
//! get it right).
//!
//! The autonyms are the Unicode CLDR display names of each language in itself (Unicode licence v3,
//! text in crates/query/data/LICENSE-CLDR-Unicode-3.0.txt); Sylheti, Mirpuri and Patois, which CLDR
//! does not name, are written as their speakers write them (Bengali script, Shahmukhi, Latin).

use maud::{Markup, html};
use signpost_i18n::{Lang, NameKind, name_of};

use crate::ui;

/// A language's own name: its ISO 639-3 code, the `lang` tag of the name and the name.
struct Autonym {
    code: &'static str,
    tag: &'static str,
    name: &'static str,
}

const fn autonym(code: &'static str, tag: &'static str, name: &'static str) -> Autonym {
    Autonym { code, tag, name }
}

const AUTONYMS: &[Autonym] = &[
    autonym("ben", "bn", "বাংলা"),
    autonym("syl", "syl-Beng", "সিলেটি"),
    autonym("urd", "ur", "اردو"),
    autonym("pan", "pa", "ਪੰਜਾਬੀ"),
    autonym("phr", "phr", "پہاڑی"),
    autonym("som", "so", "Soomaali"),
    autonym("ara", "ar", "العربية"),
    autonym("pol", "pl", "polski"),
    autonym("guj", "gu", "ગુજરાતી"),
    autonym("hin", "hi", "हिन्दी"),
    autonym("ron", "ro", "română"),
    autonym("tir", "ti", "ትግርኛ"),
    autonym("slk", "sk", "slovenčina"),
    autonym("ces", "cs", "čeština"),
    autonym("fas", "fa", "فارسی"),
    autonym("prs", "fa-AF", "دری"),
    autonym("pus", "ps", "پښتو"),
    autonym("kur", "ku", "Kurdî"),
    autonym("kmr", "kmr", "Kurmancî"),
    autonym("ckb", "ckb", "کوردیی ناوەندی"),
    autonym("jam", "jam", "Patwa"),
    autonym("rom", "rom", "romani čhib"),
    autonym("lit", "lt", "lietuvių"),
    autonym("amh", "am", "አማርኛ"),
    autonym("heb", "he", "עברית"),
    autonym("bul", "bg", "български"),
    autonym("yid", "yi", "ייִדיש"),
    autonym("vie", "vi", "Tiếng Việt"),
    autonym("tur", "tr", "Türkçe"),
    autonym("tam", "ta", "தமிழ்"),
    autonym("sin", "si", "සිංහල"),
    autonym("zho", "zh", "中文"),
    autonym("yue", "yue", "粵語"),
    autonym("cmn", "zh-Hans", "普通话"),
    autonym("por", "pt", "português"),
    autonym("spa", "es", "español"),
    autonym("rus", "ru", "русский"),
    autonym("ukr", "uk", "українська"),
    autonym("lav", "lv", "latviešu"),
    autonym("sqi", "sq", "shqip"),
    autonym("nep", "ne", "नेपाली"),
    autonym("cym", "cy", "Cymraeg"),
];

/// The language's own name, unless it is the name the page already shows.
fn autonym_beside(code: &str, shown: &str) -> Option<&'static Autonym> {
    AUTONYMS
        .iter()
        .find(|a| a.code == code)
        .filter(|a| a.name != shown)
}

/// The English name of a language code ("Bengali"), for the records Signpost writes; the code
/// itself when it is not known.
pub fn english_name(code: &str) -> String {
    name_of(Lang::En, NameKind::Language, code)
}

/// The language's name in the page's language ("Bengaleg" on a Welsh page).
fn page_name(code: &str) -> String {
    name_of(ui::lang(), NameKind::Language, code)
}

/// The language's name in the page's language followed by its own name in its own script, marked
/// with `lang`.
pub fn name_markup(code: &str) -> Markup {
    let shown = page_name(code);
    let own = autonym_beside(code, &shown);
    html! {
        (shown)
        @if let Some(own) = own {
            " (" span lang=(own.tag) { (own.name) } ")"
        }
    }
}

/// Plain text for CSV and print: "Bengali (বাংলা)".
pub fn name_text(code: &str) -> String {
    let shown = page_name(code);
    match autonym_beside(code, &shown) {
        Some(own) => format!("{shown} ({})", own.name),
        None => shown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use signpost_domain::vocab;

    #[test]
    fn names_carry_their_own_script_with_a_lang_tag() {
        let markup = name_markup("ben").into_string();
        assert_eq!(markup, r#"Bengali (<span lang="bn">বাংলা</span>)"#);
        assert_eq!(name_markup("eng").into_string(), "English");
        assert_eq!(name_text("urd"), "Urdu (اردو)");
        assert_eq!(name_text("cym"), "Welsh (Cymraeg)");
    }

    #[test]
    fn unknown_codes_fall_back_to_iso_names_then_the_code() {
        assert_eq!(english_name("fra"), "French");
        assert_eq!(english_name("aaa"), "Ghotuo");
        assert_eq!(english_name("zzz"), "zzz");
    }

    #[test]
    fn every_autonym_is_listed_once_for_a_named_iso_code() {
        let named = signpost_i18n::keys(Lang::En);
        for (i, a) in AUTONYMS.iter().enumerate() {
            assert!(
                vocab::language(a.code).is_some(),
                "{} is not ISO 639-3",
                a.code
            );
            assert!(
                named.contains(&format!("language-{}", a.code).as_str()),
                "{} has no name in the names catalogue",
                a.code
            );
            assert!(
                AUTONYMS[..i].iter().all(|other| other.code != a.code),
                "{} twice",
                a.code
            );
        }
    }

    #[test]
    fn an_autonym_is_not_repeated_beside_the_same_name() {
        assert!(autonym_beside("cym", "Cymraeg").is_none());
        assert!(autonym_beside("cym", "Welsh").is_some());
    }
}
