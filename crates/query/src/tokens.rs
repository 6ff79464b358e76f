//! Splits a query into words with their byte spans, keeping what separates them.

/// One word of the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The word as typed.
    pub raw: String,
    /// Lower case, curly apostrophes straightened and apostrophes removed ("women's" is "womens").
    pub key: String,
    pub start: usize,
    pub end: usize,
    /// The characters between the previous word and this one (" ", "-", ", ").
    pub gap: String,
}

impl Token {
    pub fn is_capitalised(&self) -> bool {
        self.raw.chars().next().is_some_and(char::is_uppercase)
    }

    pub fn is_alphabetic(&self) -> bool {
        self.key.chars().all(char::is_alphabetic)
    }

    /// Whether only a hyphen joins this word to the one before ("Bengali-speaking").
    pub fn hyphenated(&self) -> bool {
        self.gap == "-"
    }

    /// Whether a comma, semicolon or similar break comes before this word.
    pub fn after_break(&self) -> bool {
        self.gap
            .chars()
            .any(|c| matches!(c, ',' | ';' | '|' | '/' | '(' | ')' | '!' | '?'))
    }
}

/// Normalises a word for dictionary look-up.
pub fn key_of(word: &str) -> String {
    word.chars()
        .filter(|c| !matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Splits an alias or phrase into its word keys, the same way the input is split.
pub fn keys(phrase: &str) -> Vec<String> {
    tokenise(phrase).into_iter().map(|t| t.key).collect()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

/// Characters that end a word. Anything else (letters, digits, combining marks, symbols) is part
/// of one, so scripts such as Bengali keep their vowel signs.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || (c.is_ascii_punctuation() && c != '\'')
        || matches!(
            c,
            '\u{201C}'
                | '\u{201D}'
                | '\u{00AB}'
                | '\u{00BB}'
                | '\u{060C}'
                | '\u{061B}'
                | '\u{061F}'
                | '\u{0964}'
                | '\u{3001}'
                | '\u{3002}'
                | '\u{FF0C}'
                | '\u{2013}'
                | '\u{2014}'
                | '\u{2026}'
                | '\u{00A0}'
        )
}

/// Whether `c` at byte `i` stays inside a word although it is punctuation: a decimal point or a
/// time's colon between digits ("2.5", "18:00"), an apostrophe inside a word, or a sign
/// starting a number ("-1.98") that does not follow a letter or digit.
fn joins_word(text: &str, i: usize, c: char) -> bool {
    let before = text[..i].chars().next_back();
    let after = text[i + c.len_utf8()..].chars().next();
    let digit_after = after.is_some_and(|a| a.is_ascii_digit());
    match c {
        '.' | ':' => before.is_some_and(|b| b.is_ascii_digit()) && digit_after,
        '+' if before.is_some_and(|b| b.is_ascii_digit()) => {
            !after.is_some_and(char::is_alphanumeric)
        }
        '-' | '+' => digit_after && !before.is_some_and(char::is_alphanumeric),
        _ if is_apostrophe(c) => {
            before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric)
        }
        _ => false,
    }
}

/// Splits `text` into words. Never fails; an empty or all-punctuation text has no words.
pub fn tokenise(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut word_start: Option<usize> = None;
    let mut gap_start = 0;
    for (i, c) in text.char_indices() {
        let inside = !is_separator(c) && !is_apostrophe(c) || joins_word(text, i, c);
        match (inside, word_start) {
            (true, None) => word_start = Some(i),
            (false, Some(start)) => {
                tokens.push(make_token(text, gap_start, start, i));
                word_start = None;
                gap_start = i;
            }
            _ => {}
        }
    }
    if let Some(start) = word_start {
        tokens.push(make_token(text, gap_start, start, text.len()));
    }
    tokens
}

fn make_token(text: &str, gap_start: usize, start: usize, end: usize) -> Token {
    let raw = &text[start..end];
    Token {
        raw: raw.to_owned(),
        key: key_of(raw),
        start,
        end,
        gap: text[gap_start..start].trim().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raws(text: &str) -> Vec<String> {
        tokenise(text).into_iter().map(|t| t.raw).collect()
    }

    #[test]
    fn words_numbers_and_points() {
        assert_eq!(
            raws("Bengali-speaking, within 2.5km of 52.58,-1.98"),
            [
                "Bengali", "speaking", "within", "2.5km", "of", "52.58", "-1.98"
            ]
        );
        assert_eq!(
            raws("17-year-old after 6:30pm"),
            ["17", "year", "old", "after", "6:30pm"]
        );
        assert_eq!(raws("women's   centre"), ["women's", "centre"]);
        assert_eq!(raws("বাংলা ভাষা"), ["বাংলা", "ভাষা"]);
        assert_eq!(raws("aged 50+, or 18+"), ["aged", "50+", "or", "18+"]);
        assert_eq!(raws(""), Vec::<String>::new());
        assert_eq!(raws(" -- ,, "), Vec::<String>::new());
    }

    #[test]
    fn keys_drop_case_and_apostrophes() {
        let tokens = tokenise("Women\u{2019}s Centre");
        assert_eq!(tokens[0].key, "womens");
        assert_eq!(tokens[1].key, "centre");
        assert_eq!(tokens[1].gap, "");
        assert!(tokenise("Bengali-speaking")[1].hyphenated());
    }

    #[test]
    fn spans_point_back_into_the_input() {
        let text = "near  B6 5RQ";
        for token in tokenise(text) {
            assert_eq!(&text[token.start..token.end], token.raw);
        }
    }
}
