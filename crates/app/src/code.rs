//! The stable error codes every Signpost interface reports (contract: add, never rename).

use serde::Serialize;

/// One stable error code, with the HTTP status it is reported with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    InvalidPostcode,
    UnknownPlace,
    InvalidRadius,
    UnknownLanguage,
    UnknownCategory,
    UnknownFaith,
    InvalidParameter,
    NotFound,
    PayloadTooLarge,
    Unauthorized,
    Forbidden,
    RateLimited,
    InvalidBody,
    Conflict,
    Timeout,
    Unavailable,
    Internal,
}

impl Code {
    /// Every code, in the order of the table in the API documentation.
    pub const ALL: [Code; 17] = [
        Code::InvalidPostcode,
        Code::UnknownPlace,
        Code::InvalidRadius,
        Code::UnknownLanguage,
        Code::UnknownCategory,
        Code::UnknownFaith,
        Code::InvalidParameter,
        Code::NotFound,
        Code::PayloadTooLarge,
        Code::Unauthorized,
        Code::Forbidden,
        Code::RateLimited,
        Code::InvalidBody,
        Code::Conflict,
        Code::Timeout,
        Code::Unavailable,
        Code::Internal,
    ];

    /// The code as clients see it (`invalid_radius`).
    pub fn as_str(self) -> &'static str {
        match self {
            Code::InvalidPostcode => "invalid_postcode",
            Code::UnknownPlace => "unknown_place",
            Code::InvalidRadius => "invalid_radius",
            Code::UnknownLanguage => "unknown_language",
            Code::UnknownCategory => "unknown_category",
            Code::UnknownFaith => "unknown_faith",
            Code::InvalidParameter => "invalid_parameter",
            Code::NotFound => "not_found",
            Code::PayloadTooLarge => "payload_too_large",
            Code::Unauthorized => "unauthorized",
            Code::Forbidden => "forbidden",
            Code::RateLimited => "rate_limited",
            Code::InvalidBody => "invalid_body",
            Code::Conflict => "conflict",
            Code::Timeout => "timeout",
            Code::Unavailable => "unavailable",
            Code::Internal => "internal",
        }
    }

    /// The HTTP status the code is sent with.
    pub fn http_status(self) -> u16 {
        match self {
            Code::InvalidPostcode
            | Code::UnknownPlace
            | Code::InvalidRadius
            | Code::UnknownLanguage
            | Code::UnknownCategory
            | Code::UnknownFaith
            | Code::InvalidParameter
            | Code::InvalidBody => 400,
            Code::Unauthorized => 401,
            Code::Forbidden => 403,
            Code::NotFound => 404,
            Code::Conflict => 409,
            Code::PayloadTooLarge => 413,
            Code::RateLimited => 429,
            Code::Internal => 500,
            Code::Unavailable => 503,
            Code::Timeout => 504,
        }
    }

    /// A short human title for the code (the problem's `title`).
    pub fn title(self) -> &'static str {
        match self {
            Code::InvalidPostcode => "The postcode is not a valid UK postcode",
            Code::UnknownPlace => "The place is not known",
            Code::InvalidRadius => "The radius is not valid",
            Code::UnknownLanguage => "The language code is not known",
            Code::UnknownCategory => "The category code is not known",
            Code::UnknownFaith => "The faith code is not known",
            Code::InvalidParameter => "A parameter is not valid",
            Code::NotFound => "Not found",
            Code::PayloadTooLarge => "The request body is too large",
            Code::Unauthorized => "An API key is needed",
            Code::Forbidden => "The API key's role does not allow this",
            Code::RateLimited => "Too many requests",
            Code::InvalidBody => "The request body is not valid",
            Code::Conflict => "The request conflicts with the directory's state",
            Code::Timeout => "The request took too long",
            Code::Unavailable => "The service is not ready",
            Code::Internal => "Internal error",
        }
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
    fn client_errors_are_4xx_and_only_server_faults_are_5xx() {
        let server_side = [Code::Internal, Code::Unavailable, Code::Timeout];
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
