//! Choosing a request's interface language.

use crate::Lang;

/// `?ui=` first, then the cookie, then `Accept-Language` (q-values honoured), else English.
/// A value naming no interface language is passed over, not an error.
pub fn negotiate(ui: Option<&str>, cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
    ui.and_then(Lang::from_tag)
        .or_else(|| cookie.and_then(Lang::from_tag))
        .or_else(|| accept_language.and_then(preferred))
        .unwrap_or(Lang::En)
}

/// The interface language the browser prefers most, from an `Accept-Language` header.
fn preferred(header: &str) -> Option<Lang> {
    let mut ranges: Vec<(f32, Lang)> = header
        .split(',')
        .filter_map(weighted_language)
        .filter(|(q, _)| *q > 0.0)
        .collect();
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranges.first().map(|(_, lang)| *lang)
}

/// One `tag;q=0.8` range: its weight (1 when absent) and language, if Signpost has it.
fn weighted_language(range: &str) -> Option<(f32, Lang)> {
    let mut parts = range.split(';');
    let lang = Lang::from_tag(parts.next()?)?;
    let q = parts
        .filter_map(|p| p.trim().strip_prefix("q="))
        .find_map(|q| q.trim().parse::<f32>().ok())
        .unwrap_or(1.0);
    Some((q, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_beats_the_cookie_which_beats_the_header() {
        assert_eq!(negotiate(Some("cy"), Some("ur"), Some("ar")), Lang::Cy);
        assert_eq!(negotiate(None, Some("ur"), Some("ar")), Lang::Ur);
        assert_eq!(negotiate(None, None, Some("ar")), Lang::Ar);
        assert_eq!(negotiate(None, None, None), Lang::En);
    }

    #[test]
    fn unknown_values_fall_through() {
        assert_eq!(negotiate(Some("xx"), Some("cy"), None), Lang::Cy);
        assert_eq!(negotiate(Some(""), Some("zz"), Some("ur-PK")), Lang::Ur);
        assert_eq!(negotiate(None, None, Some("fr, de;q=0.5")), Lang::En);
    }

    #[test]
    fn accept_language_weights_are_honoured() {
        assert_eq!(
            negotiate(None, None, Some("en;q=0.5, cy-GB;q=0.9")),
            Lang::Cy
        );
        assert_eq!(negotiate(None, None, Some("cy;q=0, ur")), Lang::Ur);
        assert_eq!(
            negotiate(None, None, Some("fr, ar;q=0.1, en;q=0.2")),
            Lang::En
        );
        assert_eq!(negotiate(None, None, Some("cy; q=0.7 ,en;q=0.7")), Lang::Cy);
        assert_eq!(negotiate(None, None, Some("*, cy;q=bad")), Lang::Cy);
    }
}
