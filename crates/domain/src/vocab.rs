//! Signpost's vocabularies: categories (`taxonomy.csv`), faiths (`faiths.csv`) and ISO 639-3 languages.
//!
//! All three are compiled into the binary and parsed once on first use.

use std::collections::HashMap;
use std::sync::OnceLock;

/// A service category from `taxonomy.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub code: &'static str,
    pub name: &'static str,
    pub pathway: &'static str,
    pub synonyms: Vec<&'static str>,
}

/// A faith from `faiths.csv`, aligned with the Census 2021 religion categories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Faith {
    pub code: &'static str,
    pub census_category: &'static str,
    pub synonyms: Vec<&'static str>,
}

/// An ISO 639-3 language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IsoLanguage {
    pub code: &'static str,
    /// The two-letter ISO 639-1 code, where the language has one.
    pub part1: Option<&'static str>,
    pub name: &'static str,
}

const TAXONOMY_CSV: &str = include_str!("../data/taxonomy.csv");
const FAITHS_CSV: &str = include_str!("../data/faiths.csv");
const ISO639_3_TSV: &str = include_str!("../data/iso639_3.tsv");

fn data_rows(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().skip(1).filter(|line| !line.trim().is_empty())
}

fn synonyms(field: &'static str) -> Vec<&'static str> {
    field
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Every category, in the order of `taxonomy.csv`.
pub fn categories() -> &'static [Category] {
    static CATEGORIES: OnceLock<Vec<Category>> = OnceLock::new();
    CATEGORIES.get_or_init(|| {
        data_rows(TAXONOMY_CSV)
            .map(|line| {
                let mut fields = line.splitn(4, ',');
                let mut next = || fields.next().unwrap_or_default();
                let (code, name, pathway, syn) = (next(), next(), next(), next());
                Category {
                    code,
                    name,
                    pathway,
                    synonyms: synonyms(syn),
                }
            })
            .collect()
    })
}

/// Every faith, in the order of `faiths.csv`.
pub fn faiths() -> &'static [Faith] {
    static FAITHS: OnceLock<Vec<Faith>> = OnceLock::new();
    FAITHS.get_or_init(|| {
        data_rows(FAITHS_CSV)
            .map(|line| {
                let mut fields = line.splitn(3, ',');
                let mut next = || fields.next().unwrap_or_default();
                let (code, census_category, syn) = (next(), next(), next());
                Faith {
                    code,
                    census_category,
                    synonyms: synonyms(syn),
                }
            })
            .collect()
    })
}

/// The category with this code.
pub fn category(code: &str) -> Option<&'static Category> {
    categories().iter().find(|c| c.code == code)
}

/// The faith with this code.
pub fn faith(code: &str) -> Option<&'static Faith> {
    faiths().iter().find(|f| f.code == code)
}

struct LanguageTable {
    all: Vec<IsoLanguage>,
    by_code: HashMap<&'static str, usize>,
    by_part1: HashMap<&'static str, usize>,
}

fn language_table() -> &'static LanguageTable {
    static TABLE: OnceLock<LanguageTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let all: Vec<IsoLanguage> = ISO639_3_TSV
            .lines()
            .filter(|line| !line.starts_with('#') && !line.is_empty())
            .map(|line| {
                let mut fields = line.splitn(3, '\t');
                let mut next = || fields.next().unwrap_or_default();
                let (code, part1, name) = (next(), next(), next());
                IsoLanguage {
                    code,
                    part1: (!part1.is_empty()).then_some(part1),
                    name,
                }
            })
            .collect();
        let by_code = all.iter().enumerate().map(|(i, l)| (l.code, i)).collect();
        let by_part1 = all
            .iter()
            .enumerate()
            .filter_map(|(i, l)| l.part1.map(|p| (p, i)))
            .collect();
        LanguageTable {
            all,
            by_code,
            by_part1,
        }
    })
}

/// Every ISO 639-3 language.
pub fn languages() -> &'static [IsoLanguage] {
    &language_table().all
}

/// The ISO 639-3 language with this three-letter code (lower case).
pub fn language(code: &str) -> Option<&'static IsoLanguage> {
    let table = language_table();
    table.by_code.get(code).map(|&i| &table.all[i])
}

/// Normalises a language code as accepted on import: an ISO 639-3 code as it is, an ISO 639-1
/// code mapped to ISO 639-3 (`ur` → `urd`), either in any case. `None` when neither.
pub fn normalise_language_code(code: &str) -> Option<&'static str> {
    let lower = code.trim().to_ascii_lowercase();
    let table = language_table();
    let index = match lower.len() {
        2 => table.by_part1.get(lower.as_str()),
        3 => table.by_code.get(lower.as_str()),
        _ => None,
    }?;
    Some(table.all[*index].code)
}

/// The closest valid codes to a code that is not one, best first (for "did you mean" hints).
pub fn suggest_codes<'a>(wrong: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let wrong = wrong.to_ascii_lowercase();
    let mut scored: Vec<(usize, &str)> = candidates
        .map(|c| (edit_distance(&wrong, c), c))
        .filter(|(d, c)| *d <= 1.max(c.len() / 3))
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// Levenshtein distance over chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_load_every_row() {
        assert_eq!(categories().len(), 23);
        assert_eq!(faiths().len(), 8);
        assert_eq!(languages().len(), 7910);
        assert_eq!(
            category("mentoring").map(|c| c.name),
            Some("Mentoring and befriending")
        );
        assert!(faith("sikh").is_some_and(|f| f.synonyms.contains(&"gurdwara")));
    }

    #[test]
    fn language_codes_normalise_from_either_iso_part() {
        assert_eq!(normalise_language_code("ur"), Some("urd"));
        assert_eq!(normalise_language_code("BEN"), Some("ben"));
        assert_eq!(normalise_language_code("syl"), Some("syl"));
        assert_eq!(normalise_language_code("ebn"), None);
        assert_eq!(
            normalise_language_code("bng"),
            Some("bng"),
            "Benga is a real code"
        );
        assert_eq!(normalise_language_code(""), None);
    }

    #[test]
    fn suggestions_find_the_near_code() {
        let codes = languages().iter().map(|l| l.code);
        assert!(suggest_codes("beng", codes).contains(&"ben"));
    }

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}
