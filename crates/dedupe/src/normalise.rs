//! The forms in which two sources' spellings of one thing compare equal: names as words without
//! stop words, UK phone numbers as national digits, web addresses as host and path, e-mail
//! addresses and postcodes without case or spaces.

/// Words that say nothing about which service a name means.
const STOP_WORDS: [&str; 13] = [
    "the", "and", "of", "a", "an", "ltd", "limited", "cic", "cio", "plc", "llp", "inc", "co",
];

/// A name's words: lower case, "&" read as "and", punctuation dropped, stop words left out.
pub fn name_tokens(name: &str) -> Vec<String> {
    name.to_lowercase()
        .replace('&', " and ")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty() && !STOP_WORDS.contains(word))
        .map(str::to_owned)
        .collect()
}

/// A UK phone number as its national digits (`+44 (0)121 496 0103` → `01214960103`); `None` for
/// text with too few digits to be a number.
pub fn phone_key(number: &str) -> Option<String> {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let national = if let Some(rest) = digits.strip_prefix("0044") {
        national_from_international(rest)
    } else if let Some(rest) = digits.strip_prefix("44").filter(|_| number.contains('+')) {
        national_from_international(rest)
    } else {
        digits
    };
    (national.len() >= 10).then_some(national)
}

fn national_from_international(rest: &str) -> String {
    let rest = rest.strip_prefix('0').unwrap_or(rest);
    format!("0{rest}")
}

/// A web address as lower-case host (without `www.`) and path (without a trailing `/`, query or
/// fragment): `https://www.Example.org/Help/?x=1` → `example.org/help`.
pub fn web_key(url: &str) -> Option<String> {
    let lower = url.trim().to_lowercase();
    let without_scheme = lower
        .split_once("://")
        .map_or(lower.as_str(), |(_, rest)| rest);
    let without_query = without_scheme
        .split(['?', '#'])
        .next()
        .unwrap_or(without_scheme);
    let without_www = without_query.strip_prefix("www.").unwrap_or(without_query);
    let key = without_www.trim_end_matches('/');
    (key.contains('.') && !key.is_empty()).then(|| key.to_owned())
}

/// An e-mail address in lower case; `None` for text that is not one.
pub fn email_key(email: &str) -> Option<String> {
    let key = email.trim().to_lowercase();
    key.split_once('@')
        .filter(|(local, domain)| !local.is_empty() && domain.contains('.'))
        .map(|_| key.clone())
}

/// A postcode in upper case without spaces; `None` for text too short or long to be a full one.
pub fn postcode_key(postcode: &str) -> Option<String> {
    let key: String = postcode
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let well_formed =
        (5..=7).contains(&key.len()) && key.chars().all(|c| c.is_ascii_alphanumeric());
    well_formed.then_some(key)
}

/// A postcode key (ASCII, from [`postcode_key`]) written the usual way, with the space before
/// the inward code.
pub fn postcode_display(key: &str) -> String {
    let split = key.len().saturating_sub(3);
    format!("{} {}", &key[..split], &key[split..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_case_punctuation_ampersands_and_stop_words() {
        assert_eq!(
            name_tokens("The Walsall Food-Bank & Advice Ltd."),
            ["walsall", "food", "bank", "advice"]
        );
        assert_eq!(
            name_tokens("Walsall food bank and advice CIC"),
            name_tokens("the walsall food bank & advice")
        );
    }

    #[test]
    fn phone_numbers_compare_as_national_digits() {
        assert_eq!(phone_key("0121 496 0103").as_deref(), Some("01214960103"));
        assert_eq!(
            phone_key("+44 (0)121 496 0103").as_deref(),
            Some("01214960103")
        );
        assert_eq!(
            phone_key("+44 121 496 0103").as_deref(),
            Some("01214960103")
        );
        assert_eq!(
            phone_key("0044 121 4960103").as_deref(),
            Some("01214960103")
        );
        assert_eq!(phone_key("ext 12"), None);
    }

    #[test]
    fn web_addresses_compare_as_host_and_path() {
        assert_eq!(
            web_key("https://www.Example.org/Help/?x=1").as_deref(),
            Some("example.org/help")
        );
        assert_eq!(
            web_key("http://example.org").as_deref(),
            Some("example.org")
        );
        assert_eq!(web_key("not a url"), None);
    }

    #[test]
    fn emails_and_postcodes_lose_case_and_spaces() {
        assert_eq!(
            email_key(" Help@Example.org ").as_deref(),
            Some("help@example.org")
        );
        assert_eq!(email_key("nobody"), None);
        assert_eq!(postcode_key("ws1 1aa").as_deref(), Some("WS11AA"));
        assert_eq!(postcode_display("WS11AA"), "WS1 1AA");
        assert_eq!(postcode_key("WS1"), None);
    }
}
