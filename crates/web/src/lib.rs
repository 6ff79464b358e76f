//! Signpost's web search page for practitioners and navigators: server-rendered HTML (maud,
//! escaped by default), one stylesheet and a little progressive-enhancement JavaScript, all shipped
//! inside the binary. Every page works without JavaScript and without any network beyond the server.
//!
//! Pages: `/` (one search box), `/search?q=` (chips, filters with counts, results, SVG map,
//! pagination), `/services/{id}` (detail), `/services/{id}/report` (anyone may report a problem;
//! reports are queued), `/match` (a navigator matches one person's needs; nothing typed is
//! kept), `/shortlist?ids=` (print, share, `/shortlist.csv`), `/about`, and the
//! navigator's pages under `/navigator` (sign in with an API key, add and edit services,
//! "verified today", the report queue), whose forms carry a per-session CSRF token.
//!
//! `/` and `/services/{id}` are also Open Referral UK JSON paths, so the two routers cannot simply
//! be merged: [`with_pages`] puts the pages in front of an API router (its state already applied),
//! sending a browser's GET for HTML to the pages and everything else to the API untouched. Layers
//! added around the result (security headers, rate limits, timeouts) cover pages and API alike.
//!
//! ```no_run
//! # async fn demo(directory: std::sync::Arc<signpost_app::Directory>, api: axum::Router) {
//! let app: axum::Router = signpost_web::with_pages(api, directory);
//! # }
//! ```
//!
//! Architecture invariant: pages never reach the store or the index except through
//! [`signpost_app::Directory`], so a page sees exactly what the API sees; a navigator's write is
//! audited under their key's name like an API write.

mod about;
mod assets;
mod edit;
mod equality;
mod error;
mod form;
mod format;
mod home;
mod language;
mod layout;
mod map;
mod matching;
mod navigator;
mod queue;
mod referrals;
mod report;
mod search;
mod service;
mod session;
mod shortlist;
mod state;
mod ui;

use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::http::{Method, header};
use axum::routing::{get, post};
use signpost_app::Directory;
use tower::ServiceExt;
use tower::service_fn;

pub use error::{WebError, code_index, code_page};
pub use search::query_is_utf8;
pub use state::WebState;
pub use ui::{choose_language, cookie_value};

/// Every page, with its own state built from the directory; mountable in a router of any state.
pub fn routes<S: Clone + Send + Sync + 'static>(directory: Arc<Directory>) -> Router<S> {
    Router::new()
        .route("/", get(home::page))
        .route("/search", get(search::page))
        .route("/services/{id}", get(service::page))
        .route(
            "/services/{id}/report",
            get(report::form).post(report::submit),
        )
        .route("/shortlist", get(shortlist::page))
        .route("/shortlist.csv", get(shortlist::csv))
        .route("/about", get(about::page))
        .route("/match", get(matching::form).post(matching::submit))
        .route("/navigator", get(navigator::dashboard))
        .route(
            "/navigator/sign-in",
            get(navigator::sign_in_form).post(navigator::sign_in),
        )
        .route("/navigator/sign-out", post(navigator::sign_out))
        .route("/navigator/reports", get(navigator::reports))
        .route("/navigator/queue", get(queue::queue))
        .route("/navigator/duplicates", post(queue::decide))
        .route(
            "/navigator/services/{id}/checked",
            post(queue::mark_checked),
        )
        .route(
            "/navigator/referrals",
            get(referrals::list).post(referrals::create),
        )
        .route(
            "/navigator/referrals/new",
            get(referrals::new_form).post(referrals::new_form_with_needs),
        )
        .route("/navigator/referrals/{id}", get(referrals::show))
        .route(
            "/navigator/equality",
            get(equality::page).post(equality::with_caseload),
        )
        .route("/navigator/referrals/{id}/status", post(referrals::change))
        .route(
            "/navigator/reports/{id}/close",
            post(navigator::close_report),
        )
        .route(
            "/navigator/services/new",
            get(edit::new_form).post(edit::create),
        )
        .route(
            "/navigator/services/{id}/edit",
            get(edit::edit_form).post(edit::update),
        )
        .route(
            "/navigator/services/{id}/verified",
            post(edit::verified_today),
        )
        .route("/assets/site.css", get(assets::css))
        .route("/assets/site.js", get(assets::js))
        .layer(axum::middleware::from_fn(ui::choose_language))
        .with_state(WebState::new(directory))
}

/// The pages in front of `api`: a request goes to the pages when [`is_page_request`] says so,
/// else to `api` untouched (its own layers, metrics and errors apply).
pub fn with_pages(api: Router, directory: Arc<Directory>) -> Router {
    with_wrapped_pages(api, directory, |pages| pages)
}

/// [`with_pages`], with the pages' router passed through `wrap` first: the server adds its
/// per-route metrics there (a `route_layer` sees each page's route template).
pub fn with_wrapped_pages(
    api: Router,
    directory: Arc<Directory>,
    wrap: impl FnOnce(Router) -> Router,
) -> Router {
    let pages: Router = wrap(routes(directory));
    Router::new().fallback_service(service_fn(move |request: Request| {
        let target = if is_page_request(
            request.method(),
            request.uri().path(),
            accepts_html(&request),
        ) {
            pages.clone()
        } else {
            api.clone()
        };
        async move { target.oneshot(request).await }
    }))
}

fn accepts_html(request: &Request) -> bool {
    request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

/// Whether a request is for a page: page-only paths always are; the paths shared with the Open
/// Referral UK API (`/` and `/services/{id}`) only for a GET or HEAD that accepts HTML.
pub fn is_page_request(method: &Method, path: &str, accepts_html: bool) -> bool {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match segments.as_slice() {
        [""] | ["services", _] => accepts_html && (method == Method::GET || method == Method::HEAD),
        ["services", _, "report"] => true,
        [first, ..] => matches!(
            *first,
            "search" | "shortlist" | "shortlist.csv" | "about" | "match" | "navigator" | "assets"
        ),
        [] => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_paths_are_pages_only_for_browsers() {
        assert!(is_page_request(&Method::GET, "/", true));
        assert!(!is_page_request(&Method::GET, "/", false));
        assert!(is_page_request(&Method::GET, "/services/abc", true));
        assert!(!is_page_request(&Method::GET, "/services/abc", false));
        assert!(!is_page_request(&Method::POST, "/services/abc", true));
        assert!(!is_page_request(&Method::GET, "/services", true));
    }

    #[test]
    fn page_only_paths_are_always_pages_and_the_api_never_is() {
        for path in [
            "/search",
            "/shortlist",
            "/shortlist.csv",
            "/about",
            "/match",
            "/navigator/sign-in",
            "/assets/site.css",
            "/services/x/report",
        ] {
            assert!(is_page_request(&Method::GET, path, false), "{path}");
        }
        for path in [
            "/api/v1/search",
            "/healthz",
            "/taxonomies",
            "/metrics",
            "/services",
        ] {
            assert!(!is_page_request(&Method::GET, path, true), "{path}");
        }
    }
}
