//! Submitted forms, read from `application/x-www-form-urlencoded` bodies, repeated fields kept
//! (a group of checkboxes sends its name once per ticked box).

/// The fields of one submitted form, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormData(Vec<(String, String)>);

impl FormData {
    pub fn parse(body: &[u8]) -> FormData {
        FormData(
            form_urlencoded::parse(body)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The first value of a field, trimmed ("" when absent).
    pub fn text(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.trim())
    }

    /// Every non-empty value of a field.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// Whether a checkbox was ticked.
    pub fn ticked(&self, name: &str) -> bool {
        !self.text(name).is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_fields_and_escapes_are_kept() {
        let form = FormData::parse(
            b"name=+Caf%C3%A9+mentoring+&category=mentoring&category=housing&category=&free=on",
        );
        assert_eq!(form.text("name"), "Café mentoring");
        assert_eq!(form.all("category"), ["mentoring", "housing"]);
        assert!(form.ticked("free"));
        assert!(!form.ticked("missing"));
        assert_eq!(form.text("missing"), "");
    }
}
