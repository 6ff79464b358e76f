//! Language names as practitioners say them, with each language's own name in its own script and
//! the BCP 47 tag that goes in the `lang` attribute (so screen readers and fonts get it right).
//!
//! The autonyms are the Unicode CLDR display names of each language in itself (Unicode licence v3,
//! text in crates/query/data/LICENSE-CLDR-Unicode-3.0.txt); Sylheti, Mirpuri and Patois, which CLDR
//! does not name, are written as their speakers write them (Bengali script, Shahmukhi, Latin).

use maud::{Markup, html};
use signpost_domain::vocab;

/// One language as shown: English name, own name (when it differs) and its `lang` tag.
struct Spoken {
    code: &'static str,
    english: &'static str,
    own: Option<(&'static str, &'static str)>,
}

const SPOKEN: &[Spoken] = &[
    Spoken {
        code: "eng",
        english: "English",
        own: None,
    },
    Spoken {
        code: "ben",
        english: "Bengali",
        own: Some(("bn", "বাংলা")),
    },
    Spoken {
        code: "syl",
        english: "Sylheti",
        own: Some(("syl-Beng", "সিলেটি")),
    },
    Spoken {
        code: "urd",
        english: "Urdu",
        own: Some(("ur", "اردو")),
    },
    Spoken {
        code: "pan",
        english: "Punjabi",
        own: Some(("pa", "ਪੰਜਾਬੀ")),
    },
    Spoken {
        code: "phr",
        english: "Mirpuri (Pahari-Pothwari)",
        own: Some(("phr", "پہاڑی")),
    },
    Spoken {
        code: "som",
        english: "Somali",
        own: Some(("so", "Soomaali")),
    },
    Spoken {
        code: "ara",
        english: "Arabic",
        own: Some(("ar", "العربية")),
    },
    Spoken {
        code: "pol",
        english: "Polish",
        own: Some(("pl", "polski")),
    },
    Spoken {
        code: "guj",
        english: "Gujarati",
        own: Some(("gu", "ગુજરાતી")),
    },
    Spoken {
        code: "hin",
        english: "Hindi",
        own: Some(("hi", "हिन्दी")),
    },
    Spoken {
        code: "ron",
        english: "Romanian",
        own: Some(("ro", "română")),
    },
    Spoken {
        code: "tir",
        english: "Tigrinya",
        own: Some(("ti", "ትግርኛ")),
    },
    Spoken {
        code: "slk",
        english: "Slovak",
        own: Some(("sk", "slovenčina")),
    },
    Spoken {
        code: "ces",
        english: "Czech",
        own: Some(("cs", "čeština")),
    },
    Spoken {
        code: "fas",
        english: "Farsi (Persian)",
        own: Some(("fa", "فارسی")),
    },
    Spoken {
        code: "prs",
        english: "Dari",
        own: Some(("fa-AF", "دری")),
    },
    Spoken {
        code: "pus",
        english: "Pashto",
        own: Some(("ps", "پښتو")),
    },
    Spoken {
        code: "kur",
        english: "Kurdish",
        own: Some(("ku", "Kurdî")),
    },
    Spoken {
        code: "kmr",
        english: "Kurmanji Kurdish",
        own: Some(("kmr", "Kurmancî")),
    },
    Spoken {
        code: "ckb",
        english: "Sorani Kurdish",
        own: Some(("ckb", "کوردیی ناوەندی")),
    },
    Spoken {
        code: "jam",
        english: "Patois",
        own: Some(("jam", "Patwa")),
    },
    Spoken {
        code: "rom",
        english: "Romani",
        own: Some(("rom", "romani čhib")),
    },
    Spoken {
        code: "lit",
        english: "Lithuanian",
        own: Some(("lt", "lietuvių")),
    },
    Spoken {
        code: "amh",
        english: "Amharic",
        own: Some(("am", "አማርኛ")),
    },
    Spoken {
        code: "heb",
        english: "Hebrew",
        own: Some(("he", "עברית")),
    },
    Spoken {
        code: "bul",
        english: "Bulgarian",
        own: Some(("bg", "български")),
    },
    Spoken {
        code: "yid",
        english: "Yiddish",
        own: Some(("yi", "ייִדיש")),
    },
    Spoken {
        code: "vie",
        english: "Vietnamese",
        own: Some(("vi", "Tiếng Việt")),
    },
    Spoken {
        code: "tur",
        english: "Turkish",
        own: Some(("tr", "Türkçe")),
    },
    Spoken {
        code: "tam",
        english: "Tamil",
        own: Some(("ta", "தமிழ்")),
    },
    Spoken {
        code: "sin",
        english: "Sinhala",
        own: Some(("si", "සිංහල")),
    },
    Spoken {
        code: "bfi",
        english: "British Sign Language",
        own: None,
    },
    Spoken {
        code: "zho",
        english: "Chinese",
        own: Some(("zh", "中文")),
    },
    Spoken {
        code: "yue",
        english: "Cantonese",
        own: Some(("yue", "粵語")),
    },
    Spoken {
        code: "cmn",
        english: "Mandarin",
        own: Some(("zh-Hans", "普通话")),
    },
    Spoken {
        code: "por",
        english: "Portuguese",
        own: Some(("pt", "português")),
    },
    Spoken {
        code: "spa",
        english: "Spanish",
        own: Some(("es", "español")),
    },
    Spoken {
        code: "rus",
        english: "Russian",
        own: Some(("ru", "русский")),
    },
    Spoken {
        code: "ukr",
        english: "Ukrainian",
        own: Some(("uk", "українська")),
    },
    Spoken {
        code: "lav",
        english: "Latvian",
        own: Some(("lv", "latviešu")),
    },
    Spoken {
        code: "sqi",
        english: "Albanian",
        own: Some(("sq", "shqip")),
    },
    Spoken {
        code: "nep",
        english: "Nepali",
        own: Some(("ne", "नेपाली")),
    },
    Spoken {
        code: "cym",
        english: "Welsh",
        own: Some(("cy", "Cymraeg")),
    },
];

fn spoken(code: &str) -> Option<&'static Spoken> {
    SPOKEN.iter().find(|s| s.code == code)
}

/// The English name of a language code ("Bengali"); the code itself when it is not known.
pub fn english_name(code: &str) -> String {
    spoken(code)
        .map(|s| s.english.to_owned())
        .or_else(|| vocab::language(code).map(|l| l.name.to_owned()))
        .unwrap_or_else(|| code.to_owned())
}

/// The language's name in English followed by its own name in its own script, marked with `lang`.
pub fn name_markup(code: &str) -> Markup {
    let own = spoken(code).and_then(|s| s.own);
    html! {
        (english_name(code))
        @if let Some((tag, name)) = own {
            " (" span lang=(tag) { (name) } ")"
        }
    }
}

/// Plain text for CSV and print: "Bengali (বাংলা)".
pub fn name_text(code: &str) -> String {
    match spoken(code).and_then(|s| s.own) {
        Some((_, own)) => format!("{} ({own})", english_name(code)),
        None => english_name(code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_their_own_script_with_a_lang_tag() {
        let markup = name_markup("ben").into_string();
        assert_eq!(markup, r#"Bengali (<span lang="bn">বাংলা</span>)"#);
        assert_eq!(name_markup("eng").into_string(), "English");
        assert_eq!(name_text("urd"), "Urdu (اردو)");
    }

    #[test]
    fn unknown_codes_fall_back_to_iso_names_then_the_code() {
        assert_eq!(english_name("fra"), "French");
        assert_eq!(english_name("zzz"), "zzz");
    }

    #[test]
    fn every_code_is_listed_once_with_a_valid_iso_code() {
        for (i, s) in SPOKEN.iter().enumerate() {
            assert!(
                vocab::language(s.code).is_some(),
                "{} is not ISO 639-3",
                s.code
            );
            assert!(
                SPOKEN[..i].iter().all(|other| other.code != s.code),
                "{} twice",
                s.code
            );
        }
    }
}
