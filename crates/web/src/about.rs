//! `/about`: what Signpost is and where its data comes from, with the full attributions.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Html;
use maud::html;

use crate::layout;
use crate::state::WebState;
use crate::ui::t;

pub async fn page(State(state): State<WebState>, headers: HeaderMap) -> Html<String> {
    let navigator = state.sessions.navigator(&headers);
    let body = html! {
        h1 { (t("about-heading")) }
        p { (t("about-intro")) }
        h2 { (t("about-services")) }
        p { (t("about-provenance")) " " (t("about-demo-before")) " "
            strong.demo-tag { (t("about-demo-tag")) }
            " " (t("about-demo-after")) }
        p { (t("about-report")) }
        h2 { (t("about-places")) }
        div.attribution { (signpost_geo::ATTRIBUTION) }
        h2 { (t("about-language-names")) }
        p { (t("about-language-names-source")) }
    };
    layout::page(&t("about-title"), navigator.as_ref(), body)
}
