//! `/about`: what Signpost is and where its data comes from, with the full attributions.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Html;
use maud::html;

use crate::layout;
use crate::state::WebState;

pub async fn page(State(state): State<WebState>, headers: HeaderMap) -> Html<String> {
    let navigator = state.sessions.navigator(&headers);
    let body = html! {
        h1 { "About Signpost and its data" }
        p { "Signpost is a directory of services run by and for ethnic-minority and faith communities, for probation practitioners in England and Wales. Each service is an Open Referral UK (HSDS 3.0) record." }
        h2 { "Services" }
        p { "Every result says where its record came from and when it was last verified. Records marked "
            strong.demo-tag { "Demonstration data" }
            " describe fictional services placed at real postcodes so that Signpost can be tried out; do not refer anyone to them." }
        p { "If a record is wrong, use \"Report a problem\" on the service's page: a navigator checks each report before anything changes." }
        h2 { "Places, postcodes and boundaries" }
        div.attribution { (signpost_geo::ATTRIBUTION) }
        h2 { "Language names" }
        p { "Languages are named in English and in their own script, from the Unicode Common Locale Data Repository (CLDR), Unicode licence v3." }
    };
    layout::page("About the data", navigator.as_ref(), body)
}
