//! The interface language of a page request: chosen once by [`choose_language`] (`?ui=`, then
//! the `signpost_ui` cookie, then `Accept-Language`) and held for the rest of the request, so every
//! template takes its words from the catalogues with [`t`] without threading the language through.
//! A request whose `?ui=` names a language also gets the cookie, which is how the language switch
//! on every page keeps its choice.

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use maud::{Markup, html};
use signpost_domain::Service;
use signpost_i18n::{Arg, COOKIE, Lang, NameKind, QUERY_PARAMETER};

/// How long the language cookie lasts: a year.
const COOKIE_MAX_AGE_SECONDS: u32 = 365 * 24 * 60 * 60;

/// What a request's templates need to know about its language.
#[derive(Clone, Debug)]
struct Ui {
    lang: Lang,
    path: String,
    query: String,
}

tokio::task_local! {
    static UI: Ui;
}

/// The request's interface language (English outside a request, as in unit tests).
pub fn lang() -> Lang {
    UI.try_with(|ui| ui.lang).unwrap_or(Lang::En)
}

/// The catalogue message `key` in the request's language.
pub fn t(key: &str) -> String {
    signpost_i18n::text(lang(), key)
}

/// [`t`] with Fluent variables.
pub fn t_with(key: &str, args: &[(&str, Arg)]) -> String {
    signpost_i18n::text_with(lang(), key, args)
}

/// The name of a vocabulary code (a category, faith or language) in the request's language.
pub fn code_name(kind: NameKind, code: &str) -> String {
    signpost_i18n::name_of(lang(), kind, code)
}

/// Why a result fits (a search hit's or a match's reason) in the request's language.
pub fn reason(reason: &signpost_domain::reason::Reason) -> String {
    signpost_i18n::reason_text(lang(), reason)
}

/// A record's name in the request's language when the record has one, else its own name.
pub fn record_name(service: &Service) -> &str {
    service.name_in(lang().tag())
}

/// A record's description in the request's language when the record has one, else its own.
pub fn record_description(service: &Service) -> Option<&str> {
    service.description_in(lang().tag())
}

/// Middleware: picks the request's language, runs the page in it, and remembers an explicit
/// `?ui=` choice in the cookie.
pub async fn choose_language(request: Request, next: Next) -> Response {
    let query = request.uri().query().unwrap_or("").to_owned();
    let asked = query_value(&query, QUERY_PARAMETER).and_then(|tag| Lang::from_tag(&tag));
    let headers = request.headers();
    let lang = signpost_i18n::negotiate(
        asked.map(Lang::tag),
        cookie_value(headers, COOKIE),
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let ui = Ui {
        lang,
        path: request.uri().path().to_owned(),
        query,
    };
    let mut response = UI.scope(ui, next.run(request)).await;
    let headers = response.headers_mut();
    headers.append(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    if let Some(lang) = asked {
        headers.append(header::SET_COOKIE, language_cookie(lang));
    }
    response
}

fn language_cookie(lang: Lang) -> HeaderValue {
    let cookie = format!(
        "{COOKIE}={}; Path=/; Max-Age={COOKIE_MAX_AGE_SECONDS}; SameSite=Lax",
        lang.tag()
    );
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn query_value(query: &str, name: &str) -> Option<String> {
    form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// The value of the request's cookie `name` (the first, when several `Cookie` headers name it).
pub fn cookie_value<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// The current page's address in `lang`: its path and query with `ui` replaced.
fn address_in(lang: Lang) -> String {
    let (path, query) = UI
        .try_with(|ui| (ui.path.clone(), ui.query.clone()))
        .unwrap_or_else(|_| ("/".to_owned(), String::new()));
    let mut kept = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        if key != QUERY_PARAMETER {
            kept.append_pair(&key, &value);
        }
    }
    kept.append_pair(QUERY_PARAMETER, lang.tag());
    format!("{path}?{}", kept.finish())
}

/// `?ui=<tag>` (or `&ui=`) to add to a link that must open in the request's language even where
/// the cookie is absent, as a shortlist handed to a person; empty for English.
pub fn keep_ui(separator: char) -> String {
    match lang() {
        Lang::En => String::new(),
        other => format!("{separator}{QUERY_PARAMETER}={}", other.tag()),
    }
}

/// The language switch every page carries: one link per interface language, each named in
/// itself, to the same page in that language.
pub fn language_switch() -> Markup {
    let current = lang();
    html! {
        nav.language-switch aria-label=(t("layout-language-label")) {
            ul {
                @for other in signpost_i18n::Lang::all() {
                    li {
                        @if *other == current {
                            a href=(address_in(*other)) lang=(other.tag()) dir=(other.dir())
                                aria-current="true" { (other.endonym()) }
                        } @else {
                            a href=(address_in(*other)) lang=(other.tag()) dir=(other.dir())
                                hreflang=(other.tag()) data-ui=(other.tag()) { (other.endonym()) }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn in_request<T>(lang: Lang, path: &str, query: &str, f: impl FnOnce() -> T) -> T {
        let ui = Ui {
            lang,
            path: path.to_owned(),
            query: query.to_owned(),
        };
        UI.sync_scope(ui, f)
    }

    #[test]
    fn outside_a_request_the_page_is_english() {
        assert_eq!(lang(), Lang::En);
        assert_eq!(t("layout-skip"), "Skip to main content");
    }

    #[test]
    fn the_switch_links_to_the_same_page_with_ui_replaced() {
        let html = in_request(Lang::Cy, "/search", "q=food&ui=cy&page=2", || {
            language_switch().into_string()
        });
        assert!(
            html.contains(r#"href="/search?q=food&amp;page=2&amp;ui=ur""#),
            "{html}"
        );
        assert!(html.contains(r#"aria-current="true""#));
        assert!(html.contains("Cymraeg") && html.contains("اردو"));
    }

    #[test]
    fn only_a_non_english_page_keeps_ui_in_links() {
        assert_eq!(in_request(Lang::Ur, "/", "", || keep_ui('?')), "?ui=ur");
        assert_eq!(in_request(Lang::En, "/", "", || keep_ui('&')), "");
    }

    #[test]
    fn the_cookie_is_read_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; signpost_ui=cy; b=2"),
        );
        assert_eq!(cookie_value(&headers, COOKIE), Some("cy"));
        assert_eq!(
            language_cookie(Lang::Ur).to_str().ok(),
            Some("signpost_ui=ur; Path=/; Max-Age=31536000; SameSite=Lax")
        );
    }
}
