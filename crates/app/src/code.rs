//! The stable error codes every Signpost interface reports (contract: add, never rename), declared
//! once as a table: name, HTTP status, title and a paragraph for the code's documentation page.

use serde::Serialize;

/// One row of the table: what a code is called, sent with and explained by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeInfo {
    /// The code as clients see it (`invalid_radius`).
    pub name: &'static str,
    /// The HTTP status it is sent with.
    pub status: u16,
    /// A short human title (the problem's `title`).
    pub title: &'static str,
    /// One paragraph for users: what it means and what to do about it.
    pub description: &'static str,
}

/// Declares [`Code`], [`Code::ALL`] and the table behind [`Code::info`] from one list of rows.
macro_rules! codes {
    ($($variant:ident => $name:literal, $status:literal, $title:literal, $description:literal;)*) => {
        /// One stable error code, with the HTTP status it is reported with.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            /// Every code, in the order of the table.
            pub const ALL: [Code; [$($name),*].len()] = [$(Code::$variant),*];

            /// The code's row of the table.
            pub fn info(self) -> CodeInfo {
                match self {
                    $(Code::$variant => CodeInfo {
                        name: $name,
                        status: $status,
                        title: $title,
                        description: $description,
                    },)*
                }
            }
        }
    };
}

codes! {
    InvalidPostcode => "invalid_postcode", 400, "The postcode is not a valid UK postcode",
        "The text given is shaped like a UK postcode, but it is not in the ONS postcode directory \
         Signpost carries. Check it for a mistyped letter or digit (the problem's `suggestions` may \
         list near spellings), or search near a town or district name instead.";
    UnknownPlace => "unknown_place", 400, "The place is not known",
        "The place name is not one Signpost knows: it carries UK postcodes, postcode districts and \
         sectors, local authorities, towns, wards and neighbourhood (MSOA) names. The problem's \
         `suggestions` list places with a similar spelling; try one of them, a postcode, or a \
         \"Name, Authority\" form to pick one of several places sharing a name.";
    InvalidRadius => "invalid_radius", 400, "The radius is not valid",
        "A radius is a positive number with an optional unit: `800m`, `5km`, `3mi` (a bare number is \
         metres). Zero, negative numbers, unknown units and radii over 1,500 km are refused.";
    UnknownLanguage => "unknown_language", 400, "The language code is not known",
        "Language parameters take ISO 639-3 codes (`ben` for Bengali, `pan` for Punjabi); two-letter \
         ISO 639-1 codes are accepted too. The code given is neither. Language names (\"Bengali\", \
         \"Urdu\") belong in the search words, which understand them. The problem's `suggestions` \
         list the nearest known codes.";
    UnknownCategory => "unknown_category", 400, "The category code is not known",
        "Categories are the codes of Signpost's service taxonomy (`mentoring`, `housing`, \
         `employment`, ...). The code given is not one of them; the problem's `suggestions` list the \
         nearest known codes.";
    UnknownFaith => "unknown_faith", 400, "The faith code is not known",
        "Faiths are the codes of Signpost's faith vocabulary (`muslim`, `sikh`, `christian`, ...). The \
         code given is not one of them; the problem's `suggestions` list the nearest known codes.";
    InvalidParameter => "invalid_parameter", 400, "A parameter is not valid",
        "A query parameter has the wrong type or an impossible value (a page number below 1, a \
         latitude without a longitude, a query longer than 500 characters, ...). The problem's \
         `detail` names the parameter and what was wrong with it.";
    NotFound => "not_found", 404, "Not found",
        "Nothing exists at this address, or the record asked for (a service, taxonomy term or key) \
         does not exist: it may have been deleted or its id mistyped. The OpenAPI document at \
         `/api/openapi.json` lists every address the API answers.";
    PayloadTooLarge => "payload_too_large", 413, "The request body is too large",
        "The request body is larger than the server accepts. Split a large import into several \
         smaller requests, or import the file with `signpost import` on the server itself.";
    MethodNotAllowed => "method_not_allowed", 405, "The address does not take this method",
        "The address exists, but not for this HTTP method (a `DELETE` of a search, a `GET` of the \
         import address, ...). The `Allow` header lists the methods it takes; the OpenAPI document \
         at `/api/openapi.json` has them all.";
    UriTooLong => "uri_too_long", 414, "The address is too long",
        "The address (path and query string) is longer than the server reads. Shorten the query: \
         free text is limited to 500 characters, and a shortlist to the services it names.";
    HeadersTooLarge => "headers_too_large", 431, "The request headers are too large",
        "The request's headers (cookies included) are larger than the server reads. Clear the \
         site's cookies or send fewer headers, then try again.";
    MalformedRequest => "malformed_request", 400, "The request is not valid HTTP",
        "The server could not read the request as HTTP/1.1: its method, address, version or a \
         header is malformed. This is usually a fault in the client that sent it.";
    Unauthorized => "unauthorized", 401, "An API key is needed",
        "Writes and the audit log need an API key, sent as `Authorization: Bearer <key>`. Either no \
         key was sent or the key is not valid (mistyped, or revoked). An administrator makes keys \
         with `signpost keys create`.";
    Forbidden => "forbidden", 403, "The API key's role does not allow this",
        "The key is valid but its role does not allow this request: writing services needs an \
         editor (or admin) key, and reading the audit log needs an admin key.";
    RateLimited => "rate_limited", 429, "Too many requests",
        "This client sent more requests in the last minute than the server allows. Wait the number \
         of seconds given in the `Retry-After` header, then try again.";
    InvalidBody => "invalid_body", 400, "The request body is not valid",
        "The request body could not be read as what this address expects: it is not JSON, not \
         UTF-8, or not a valid HSDS 3.0 service or match profile. The problem's `detail` says which \
         field or line was wrong; nothing was written.";
    Conflict => "conflict", 409, "The request conflicts with the directory's state",
        "The request cannot be applied to the directory as it is now: for example, a service with \
         this id already exists (replace it with PUT instead), or a key with this name exists.";
    InvalidReferralMove => "invalid_referral_move", 409, "The referral cannot move to that status",
        "A referral moves sent → accepted or declined, accepted → attended or did_not_attend, and \
         any status but closed → closed; the service it was sent to records the outcomes, and the \
         team that sent it may close it. The problem's `detail` says where the referral is now and \
         its `suggestions` list the moves you may make (docs/referrals.md).";
    Timeout => "timeout", 504, "The request took too long",
        "The server stopped working on the request because it took longer than allowed. Try again; \
         if it keeps happening, narrow the search (a smaller radius or fewer words).";
    Unavailable => "unavailable", 503, "The service is not ready",
        "The server is running but its store or search index is not ready yet (it may be starting \
         or rebuilding its index). Try again in a little while.";
    StoreUnavailable => "store_unavailable", 503, "The shared store cannot be reached",
        "This Signpost server keeps its directory in PostgreSQL, which it cannot reach just now. \
         Searches go on from the server's own index, but writes (and reads of records it must \
         fetch from the store) are refused until the connection comes back, which needs no \
         restart. Try again in a few seconds.";
    Internal => "internal", 500, "Internal error",
        "Something went wrong on the server's side. The cause has been logged for the people who \
         run this Signpost; the request may be tried again later.";
}

impl Code {
    /// The code as clients see it (`invalid_radius`).
    pub fn as_str(self) -> &'static str {
        self.info().name
    }

    /// The HTTP status the code is sent with.
    pub fn http_status(self) -> u16 {
        self.info().status
    }

    /// A short human title for the code (the problem's `title`).
    pub fn title(self) -> &'static str {
        self.info().title
    }

    /// One paragraph for users: what the code means and what to do about it.
    pub fn description(self) -> &'static str {
        self.info().description
    }

    /// The code with this name (`invalid_radius`), if there is one.
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|code| code.as_str() == name)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_as_their_names() {
        for code in Code::ALL {
            let json = serde_json::to_value(code).expect("serialises");
            assert_eq!(json, serde_json::Value::from(code.as_str()));
        }
    }

    #[test]
    fn names_are_unique_snake_case_and_read_back() {
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        for (code, name) in Code::ALL.iter().zip(&names) {
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name}"
            );
            assert_eq!(Code::from_name(name), Some(*code));
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
        assert_eq!(Code::from_name("no_such_code"), None);
    }

    #[test]
    fn every_code_has_a_title_and_a_paragraph() {
        for code in Code::ALL {
            assert!(!code.title().is_empty(), "{code}");
            assert!(code.description().len() > 80, "{code}");
            assert!(code.description().ends_with('.'), "{code}");
        }
    }

    #[test]
    fn client_errors_are_4xx_and_only_server_faults_are_5xx() {
        let server_side = [
            Code::Internal,
            Code::Unavailable,
            Code::StoreUnavailable,
            Code::Timeout,
        ];
        for code in Code::ALL {
            let status = code.http_status();
            if server_side.contains(&code) {
                assert!((500..600).contains(&status), "{code}");
            } else {
                assert!((400..500).contains(&status), "{code}");
            }
        }
    }
}
