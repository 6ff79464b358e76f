//! `/`: one search box and examples of what can be typed.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Html;
use maud::{Markup, html};

use crate::layout;
use crate::shortlist::encode;
use crate::state::WebState;
use crate::ui::t;

/// Example searches shown under the box.
pub const EXAMPLES: [&str; 4] = [
    "Bengali-speaking mentoring within 3 miles of WS1 1AA",
    "female Punjabi-speaking counsellor in Walsall open Friday evening",
    "Somali housing advice near B11",
    "free Polish employment support in Bradford",
];

/// The search form, empty or holding the current query.
pub fn search_form(query: &str) -> Markup {
    html! {
        form.search-form action="/search" method="get" role="search" {
            div.field {
                label for="q" { (t("search-label")) }
                p.hint #q-hint { (t("search-hint")) }
                input #q type="search" name="q" value=(query) aria-describedby="q-hint" autocomplete="off" spellcheck="false";
            }
            button type="submit" { (t("search-button")) }
        }
    }
}

pub async fn page(State(state): State<WebState>, headers: HeaderMap) -> Html<String> {
    let navigator = state.sessions.navigator(&headers);
    let body = html! {
        h1 { (t("search-home-heading")) }
        p.lead { (t("search-home-lead")) }
        (search_form(""))
        h2 { (t("search-examples")) }
        ul.examples {
            @for example in EXAMPLES {
                li { a href=(format!("/search?q={}", encode(example))) { (example) } }
            }
        }
    };
    layout::page(&t("search-home-title"), navigator.as_ref(), body)
}
