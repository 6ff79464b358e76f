//! UK postcode shapes: normalising what people type ("ws11aa", "WS1  1AA") to the ONS display
//! form, and packing unit postcodes into sortable integers for the bundled table.

/// What a postcode-shaped phrase names, in its canonical display form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostcodeQuery {
    /// A full unit postcode, "WS1 1AA".
    Unit(String),
    /// A postcode sector, "B6 5".
    Sector(String),
    /// An outward code (postcode district), "B6".
    District(String),
}

/// The canonical form of a full unit postcode ("ws11aa" gives "WS1 1AA"), or `None` when the text
/// does not have the shape of one. Shape only: whether the postcode exists is the gazetteer's job.
pub fn normalise_postcode(text: &str) -> Option<String> {
    match parse_postcode_query(text)? {
        PostcodeQuery::Unit(unit) => Some(unit),
        PostcodeQuery::Sector(_) | PostcodeQuery::District(_) => None,
    }
}

/// Whether the text has the shape of a unit postcode ("WS1 1AA"), a sector ("B6 5") or a district
/// ("B6"), ignoring case and spacing.
pub fn looks_like_postcode(text: &str) -> bool {
    parse_postcode_query(text).is_some()
}

/// Reads a unit, sector or district postcode. A sector needs its space ("B6 5"), since "B65" is
/// itself a district; a unit does not ("B65RQ" can only be "B6 5RQ").
pub fn parse_postcode_query(text: &str) -> Option<PostcodeQuery> {
    if text.len() > 16 {
        return None;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let compact: String = words.concat().to_ascii_uppercase();
    if let Some(unit) = unit_from_compact(&compact) {
        return Some(PostcodeQuery::Unit(unit));
    }
    if words.is_empty() || words.len() > 2 {
        return None;
    }
    let outward = words[0].to_ascii_uppercase();
    if !is_outward(&outward) {
        return None;
    }
    match words.get(1) {
        None => Some(PostcodeQuery::District(outward)),
        Some(digit) if digit.len() == 1 && digit.as_bytes()[0].is_ascii_digit() => {
            Some(PostcodeQuery::Sector(format!("{outward} {digit}")))
        }
        Some(_) => None,
    }
}

/// "WS11AA" (upper case, no space) as "WS1 1AA" when it is a unit postcode's shape.
fn unit_from_compact(compact: &str) -> Option<String> {
    if !(5..=7).contains(&compact.len()) || !compact.is_ascii() {
        return None;
    }
    let (outward, inward) = compact.split_at(compact.len() - 3);
    (is_outward(outward) && is_inward(inward)).then(|| format!("{outward} {inward}"))
}

/// An outward code: A9, A99, AA9, AA99, A9A or AA9A (upper-case ASCII).
fn is_outward(code: &str) -> bool {
    let bytes = code.as_bytes();
    let letters = bytes.iter().take_while(|b| b.is_ascii_uppercase()).count();
    if !(1..=2).contains(&letters) {
        return false;
    }
    match &bytes[letters..] {
        [d] => d.is_ascii_digit(),
        [d, e] => d.is_ascii_digit() && (e.is_ascii_digit() || e.is_ascii_uppercase()),
        _ => false,
    }
}

/// An inward code: a digit and two letters.
fn is_inward(code: &str) -> bool {
    matches!(code.as_bytes(), [d, a, b] if d.is_ascii_digit() && a.is_ascii_uppercase() && b.is_ascii_uppercase())
}

/// Packs a canonical unit postcode ("WS1 1AA") into a u64 whose order is the ONS `pcds` order:
/// the outward code left-aligned in four bytes (zero-padded), then the three inward characters.
pub(crate) fn pack_postcode(canonical: &str) -> Option<u64> {
    let (outward, inward) = canonical.split_once(' ')?;
    if outward.len() > 4 || inward.len() != 3 {
        return None;
    }
    let mut bytes = [0u8; 8];
    bytes[..outward.len()].copy_from_slice(outward.as_bytes());
    bytes[4..7].copy_from_slice(inward.as_bytes());
    Some(u64::from_be_bytes(bytes))
}

/// The display form of a packed postcode.
pub(crate) fn unpack_postcode(key: u64) -> String {
    let bytes = key.to_be_bytes();
    let outward: String = bytes[..4]
        .iter()
        .take_while(|b| **b != 0)
        .map(|b| char::from(*b))
        .collect();
    let inward: String = bytes[4..7].iter().map(|b| char::from(*b)).collect();
    format!("{outward} {inward}")
}

/// The sector of a canonical unit postcode: "WS1 1AA" gives "WS1 1".
pub(crate) fn sector_of(unit: &str) -> &str {
    &unit[..unit.len().saturating_sub(2)]
}

/// The district of a canonical unit postcode or sector: "WS1 1AA" gives "WS1".
pub(crate) fn district_of(unit: &str) -> &str {
    unit.split(' ').next().unwrap_or(unit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_way_of_typing_a_unit_gives_the_display_form() {
        for typed in ["ws11aa", "WS1  1AA", "ws1 1aa", " WS11AA ", "Ws1 1aA"] {
            assert_eq!(
                normalise_postcode(typed).as_deref(),
                Some("WS1 1AA"),
                "{typed}"
            );
        }
        assert_eq!(normalise_postcode("sw1a2aa").as_deref(), Some("SW1A 2AA"));
        assert_eq!(normalise_postcode("b65rq").as_deref(), Some("B6 5RQ"));
        assert_eq!(normalise_postcode("EC1A 1BB").as_deref(), Some("EC1A 1BB"));
    }

    #[test]
    fn shapes_that_are_not_units() {
        for typed in [
            "", "B6", "B6 5", "WS1 1A", "WS1 1AAA", "12345", "ABC 1AA", "W1 AAA", "Walsall",
        ] {
            assert_eq!(normalise_postcode(typed), None, "{typed}");
        }
    }

    #[test]
    fn districts_and_sectors() {
        assert_eq!(
            parse_postcode_query("b6"),
            Some(PostcodeQuery::District("B6".into()))
        );
        assert_eq!(
            parse_postcode_query("B65"),
            Some(PostcodeQuery::District("B65".into()))
        );
        assert_eq!(
            parse_postcode_query("b6 5"),
            Some(PostcodeQuery::Sector("B6 5".into()))
        );
        assert_eq!(
            parse_postcode_query("SW1A  2"),
            Some(PostcodeQuery::Sector("SW1A 2".into()))
        );
        assert_eq!(parse_postcode_query("B6 55"), None);
        assert!(looks_like_postcode("E1"));
        assert!(looks_like_postcode("ws1 1aa"));
        assert!(!looks_like_postcode("Lozells"));
        assert!(!looks_like_postcode("near B6"));
    }

    #[test]
    fn packing_keeps_the_ons_order() {
        let mut typed = vec![
            "AB10 1AA", "AB1 0AA", "B6 5RQ", "B65 0AA", "SW1A 2AA", "SW1 1AA",
        ];
        let mut keys: Vec<u64> = typed.iter().map(|p| pack_postcode(p).unwrap()).collect();
        keys.sort_unstable();
        typed.sort_unstable();
        let unpacked: Vec<String> = keys.into_iter().map(unpack_postcode).collect();
        assert_eq!(unpacked, typed);
        assert_eq!(sector_of("WS1 1AA"), "WS1 1");
        assert_eq!(district_of("WS1 1AA"), "WS1");
    }

    proptest! {
        #[test]
        fn normalising_is_idempotent_and_packs_round_trip(s in "[A-Za-z0-9 ]{0,10}") {
            if let Some(unit) = normalise_postcode(&s) {
                prop_assert_eq!(normalise_postcode(&unit), Some(unit.clone()));
                let key = pack_postcode(&unit).unwrap();
                prop_assert_eq!(unpack_postcode(key), unit);
            }
        }

        #[test]
        fn any_text_is_read_without_panicking(s in "\\PC{0,40}") {
            let _ = parse_postcode_query(&s);
            let _ = looks_like_postcode(&s);
        }
    }
}
