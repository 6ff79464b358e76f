//! How place names are compared: case, spacing and punctuation do not matter.

/// The comparison key of a place name: lower case, words of letters and digits separated by one
/// space, apostrophes and full stops dropped ("King's Lynn" = "kings lynn", "St. Julians" =
/// "st julians"), "&" read as "and", every other symbol a word break ("Stoke-on-Trent").
pub fn normalise_name(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    let mut word_break = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if word_break && !key.is_empty() {
                key.push(' ');
            }
            word_break = false;
            key.push(c);
        } else if c == '&' {
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str("and");
            word_break = true;
        } else if !matches!(c, '\'' | '\u{2019}' | '.') {
            word_break = true;
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn case_spacing_and_punctuation_do_not_matter() {
        assert_eq!(normalise_name("  Tower   HAMLETS "), "tower hamlets");
        assert_eq!(normalise_name("King's Lynn"), "kings lynn");
        assert_eq!(normalise_name("King\u{2019}s Lynn"), "kings lynn");
        assert_eq!(normalise_name("Stoke-on-Trent"), "stoke on trent");
        assert_eq!(normalise_name("St. Julians"), "st julians");
        assert_eq!(
            normalise_name("Sparkbrook & Balsall Heath East"),
            "sparkbrook and balsall heath east"
        );
        assert_eq!(
            normalise_name("Moss Side, Manchester"),
            "moss side manchester"
        );
        assert_eq!(normalise_name("Ynys Môn"), "ynys môn");
        assert_eq!(normalise_name("?!"), "");
    }

    proptest! {
        #[test]
        fn normalising_is_idempotent(s in "\\PC{0,40}") {
            let once = normalise_name(&s);
            prop_assert_eq!(normalise_name(&once), once.clone());
            prop_assert!(!once.starts_with(' ') && !once.ends_with(' ') && !once.contains("  "));
        }
    }
}
