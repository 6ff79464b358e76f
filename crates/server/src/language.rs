//! The API's human text in the request's interface language (docs/api.md, "Languages"): `?ui=`,
//! then `Accept-Language` (the API sets no cookie), else English. Codes and field names never
//! change; a problem's `title` is the code's title in that language (`problem-<code>` in the
//! `api` catalogue), its `detail` is that language's when the response says which catalogue
//! sentence it is (a [`Detail`] extension), else stays as written.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use signpost_i18n::Lang;

use crate::error::Detail;

/// The largest problem body translated; a larger one is passed on as it is.
const MAX_PROBLEM_BYTES: usize = 64 * 1024;

/// The interface language of a request: its `ui` parameter, then `Accept-Language`.
pub fn negotiated(ui: Option<&str>, headers: &HeaderMap) -> Lang {
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok());
    signpost_i18n::negotiate(ui, None, accept)
}

/// The value of the `ui` parameter of a query string (a language tag needs no decoding).
fn ui_parameter(query: Option<&str>) -> Option<&str> {
    query?.split('&').find_map(|pair| {
        pair.strip_prefix(signpost_i18n::QUERY_PARAMETER)?
            .strip_prefix('=')
    })
}

/// The ISO 639-3 code of an interface language, as records name their translations.
pub fn record_language(lang: Lang) -> &'static str {
    signpost_domain::vocab::normalise_language_code(lang.tag()).unwrap_or("eng")
}

/// The catalogue key of a code's title.
pub fn title_key(code: &str) -> String {
    format!("problem-{}", code.replace('_', "-"))
}

/// Gives every problem body the title of its code in the request's language, says the language
/// in `Content-Language`, and marks answers as varying by `Accept-Language`.
pub async fn problems_in_language(request: Request, next: Next) -> Response {
    let lang = negotiated(ui_parameter(request.uri().query()), request.headers());
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .append(header::VARY, HeaderValue::from_static("accept-language"));
    if lang == Lang::En || !is_problem(&response) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_PROBLEM_BYTES).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let said = parts.extensions.get::<Detail>();
    let Some(translated) = translated_problem(&bytes, lang, said) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.tag()),
    );
    Response::from_parts(parts, Body::from(translated))
}

fn is_problem(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/problem+json"))
}

/// The problem body with its title in `lang`, and its detail too when the response says which
/// catalogue sentence it is (`said`); `None` when it is not a problem with a code.
fn translated_problem(bytes: &[u8], lang: Lang, said: Option<&Detail>) -> Option<Vec<u8>> {
    let mut problem: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    let code = problem.get("code")?.as_str()?;
    let title = signpost_i18n::text(lang, &title_key(code));
    problem["title"] = serde_json::Value::String(title);
    if let Some(detail) = said {
        problem["detail"] = serde_json::Value::String(detail.text(lang));
    }
    serde_json::to_vec(&problem).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use signpost_app::Code;

    #[test]
    fn every_code_has_its_title_in_the_english_catalogue_and_in_welsh() {
        for code in Code::ALL {
            let key = title_key(code.as_str());
            assert_eq!(
                signpost_i18n::text(Lang::En, &key),
                code.info().title,
                "{key}"
            );
            let welsh = signpost_i18n::text(Lang::Cy, &key);
            assert_ne!(welsh, code.info().title, "{key} in Welsh");
            assert!(!welsh.is_empty());
        }
    }

    fn translated(body: &[u8], lang: Lang, said: Option<&Detail>) -> serde_json::Value {
        serde_json::from_slice(&translated_problem(body, lang, said).expect("a problem"))
            .expect("json")
    }

    #[test]
    fn a_detail_is_translated_by_what_it_says_never_by_its_text() {
        let body = br#"{"code":"unauthorized","title":"t","detail":"the API key is not valid"}"#;
        let welsh = translated(body, Lang::Cy, Some(&Detail::KeyNotValid));
        assert_eq!(welsh["detail"], "nid yw'r allwedd API yn ddilys");
        assert_eq!(welsh["code"], "unauthorized");
        let unsaid = translated(body, Lang::Cy, None);
        assert_eq!(unsaid["detail"], "the API key is not valid");
        let urdu = translated(body, Lang::Ur, Some(&Detail::KeyNotValid));
        assert_eq!(
            urdu["detail"],
            signpost_i18n::text(Lang::Ur, "detail-key-not-valid")
        );
        assert_ne!(urdu["detail"], "the API key is not valid");
        assert_ne!(urdu["title"], "An API key is needed");
    }

    #[test]
    fn the_ui_parameter_comes_before_accept_language() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("cy-GB, en;q=0.5"),
        );
        let ui = |query| negotiated(ui_parameter(Some(query)), &headers);
        assert_eq!(ui("q=x&ui=en"), Lang::En);
        assert_eq!(ui("q=x&quiet=1"), Lang::Cy);
        assert_eq!(negotiated(Some("cy"), &HeaderMap::new()), Lang::Cy);
        assert_eq!(negotiated(None, &HeaderMap::new()), Lang::En);
    }

    #[test]
    fn a_problem_keeps_its_code_and_detail_and_takes_a_welsh_title() {
        let body = br#"{"type":"/errors/not_found","title":"Not found","status":404,"code":"not_found","detail":"no service with id \"x\""}"#;
        let translated = translated(body, Lang::Cy, None);
        assert_eq!(translated["code"], "not_found");
        assert_eq!(translated["detail"], "no service with id \"x\"");
        assert_eq!(translated["title"], "Heb ei ganfod");
        assert_eq!(record_language(Lang::Cy), "cym");
    }
}
