//! The shortlist: services ticked in results, carried in the address (`/shortlist?ids=a,b`) so it
//! can be printed (the print stylesheet fits A4), shared as a link, or downloaded as CSV. Nothing
//! about the person it is for is sent or stored. A shortlist made from a search carries it
//! (`&q=`), and each service says why it fits that search, in the page's language.

use std::collections::HashMap;

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, header};
use axum::response::{Html, IntoResponse, Response};
use maud::html;
use signpost_app::SearchInput;
use signpost_app::freshness::london_today;
use signpost_domain::Service;
use signpost_domain::reason::Reason;

use crate::error::WebError;
use crate::format;
use crate::language;
use crate::layout;
use crate::referrals::refer_link;
use crate::service::{demo_tag, facts};
use crate::state::WebState;
use crate::ui::{keep_ui, reason, record_description, record_name, t, t_with};

/// The most services one shortlist holds.
pub const MAX_SHORTLIST: usize = 50;

/// A value made safe for a path segment or a query string.
pub fn encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// The ids of `ids=a,b&ids=c`, in order, without repeats or blanks, at most [`MAX_SHORTLIST`].
pub fn ids_from_query(query: Option<&str>) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    let values = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .filter(|(key, _)| key == "ids")
        .map(|(_, value)| value.into_owned());
    for value in values {
        for id in value.split(',').map(str::trim).filter(|id| !id.is_empty()) {
            if !ids.iter().any(|known| known == id) && ids.len() < MAX_SHORTLIST {
                ids.push(id.to_owned());
            }
        }
    }
    ids
}

/// The query string of a shortlist of these ids ("ids=a,b").
pub fn query_of(ids: &[String]) -> String {
    format!(
        "ids={}",
        ids.iter()
            .map(|id| encode(id))
            .collect::<Vec<_>>()
            .join(",")
    )
}

/// `/shortlist?ids=...`
pub async fn page(
    State(state): State<WebState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Html<String>, WebError> {
    let navigator = state.sessions.navigator(&headers);
    let ids = ids_from_query(query.as_deref());
    let services = state.directory.services_in_order(&ids).await?;
    let missing = ids.len() - services.len();
    let kept: Vec<String> = services.iter().map(|s| s.id.clone()).collect();
    let search = search_from_query(query.as_deref());
    let fits = why_each_fits(&state, search.as_deref()).await?;
    let also = and_search(search.as_deref());
    let share = format!("{}{also}", share_link(&headers, &kept));
    let today = london_today().format("%Y-%m-%d").to_string();
    let today = format::long_date(&today);
    let body = html! {
        h1 { (t("shortlist-heading")) }
        p.print-only { (t_with("shortlist-printed-on", &[("date", today.into())])) }
        @if missing > 0 {
            div.notice { p { (t_with("shortlist-missing", &[("count", missing.into())])) } }
        }
        @if services.is_empty() {
            p { (t("shortlist-empty")) }
            p { a href="/" { (t("shortlist-search")) } }
        } @else {
            div.no-print {
                p { (t_with("shortlist-count", &[("count", services.len().into())])) }
                button type="button" data-print hidden { (t("shortlist-print")) }
                a.button.button--secondary href=(format!("/shortlist.csv?{}", query_of(&kept))) download="signpost-shortlist.csv" { (t("shortlist-download")) }
                div.field.share {
                    label for="share-link" { (t("shortlist-link")) }
                    p.hint #share-hint { (t("shortlist-link-hint")) }
                    input #share-link type="text" readonly value=(share) aria-describedby="share-hint";
                }
                button.button--secondary type="button" data-copy="share-link" hidden { (t("shortlist-copy")) }
                p #copy-status role="status" aria-live="polite" data-copied=(t("shortlist-copied")) {}
            }
            ol.results {
                @for service in &services {
                    li.result {
                        h2 { a href=(format!("/services/{}", encode(&service.id))) { bdi { (record_name(service)) } } (demo_tag(service)) }
                        @if let Some(org) = service.organization_name() { p.result__org { (org) } }
                        @if let Some(description) = record_description(service) { p { (description) } }
                        @if let Some(why) = fits.get(&service.id).filter(|why| !why.is_empty()) {
                            p.shortlist__why { strong { (t("hit-why-this-fits")) } }
                            ul.why { @for one in why { li { (reason(one)) } } }
                        }
                        (facts(service, None))
                        @let addresses = format::addresses(service);
                        @if !addresses.is_empty() { p { strong { (t("shortlist-where")) } " " bdi { (addresses.join("; ")) } } }
                        p.no-print {
                            (refer_link(navigator.as_ref(), service))
                            " "
                            a href=(format!("/shortlist?{}{also}", query_of(&without(&kept, &service.id)))) data-remove-id=(service.id) {
                                (t("shortlist-remove")) span.visually-hidden { ": " bdi { (record_name(service)) } }
                            }
                        }
                    }
                }
            }
            p.no-print { a href="/shortlist" data-clear-shortlist { (t("shortlist-clear")) } }
        }
    };
    Ok(layout::page(
        &t("shortlist-heading"),
        navigator.as_ref(),
        body,
    ))
}

/// The search the shortlist was made from (`q=`), when the address carries one.
fn search_from_query(query: Option<&str>) -> Option<String> {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(key, _)| key == "q")
        .map(|(_, value)| value.trim().to_owned())
        .filter(|q| !q.is_empty())
}

/// `&q=...` to keep the search in a shortlist's links, or nothing.
fn and_search(search: Option<&str>) -> String {
    search.map_or(String::new(), |q| format!("&q={}", encode(q)))
}

/// Why each service fits the search the shortlist was made from, by id: the reasons that search
/// gives its first page, as long a page as the app answers. Empty without a search.
async fn why_each_fits(
    state: &WebState,
    search: Option<&str>,
) -> Result<HashMap<String, Vec<Reason>>, WebError> {
    let Some(q) = search else {
        return Ok(HashMap::new());
    };
    let input = SearchInput {
        q: q.to_owned(),
        per_page: usize::MAX,
        ..SearchInput::default()
    };
    let output = state.directory.search(&input).await?;
    Ok(output
        .results
        .into_iter()
        .map(|result| (result.service.id, result.why))
        .collect())
}

fn without(ids: &[String], id: &str) -> Vec<String> {
    ids.iter().filter(|other| *other != id).cloned().collect()
}

fn share_link(headers: &HeaderMap, ids: &[String]) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    format!("http://{host}/shortlist?{}{}", query_of(ids), keep_ui('&'))
}

/// `/shortlist.csv?ids=...`: one row per service, for a spreadsheet.
pub async fn csv(
    State(state): State<WebState>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let ids = ids_from_query(query.as_deref());
    let services = state.directory.services_in_order(&ids).await?;
    let text = csv_text(&services).map_err(|e| {
        WebError::refused(
            signpost_app::Code::Internal,
            format!("could not write the CSV: {e}"),
        )
    })?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"signpost-shortlist.csv\"",
            ),
        ],
        text,
    )
        .into_response())
}

const CSV_COLUMNS: [&str; 12] = [
    "id",
    "name",
    "organisation",
    "languages",
    "opening_times",
    "phones_and_emails",
    "addresses",
    "eligibility",
    "last_verified",
    "source",
    "demonstration_data",
    "link",
];

fn csv_text(services: &[Service]) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CSV_COLUMNS)?;
    for service in services {
        let languages: Vec<String> = service
            .language_codes()
            .into_iter()
            .map(language::name_text)
            .collect();
        let contacts: Vec<String> = format::contacts(service)
            .iter()
            .map(|c| c.text().to_owned())
            .collect();
        writer.write_record([
            service.id.clone(),
            service.name.clone(),
            service.organization_name().unwrap_or_default().to_owned(),
            languages.join("; "),
            format::opening_times(service).join("; "),
            contacts.join("; "),
            format::addresses(service).join("; "),
            service.eligibility_description.clone().unwrap_or_default(),
            service.assured_date.clone().unwrap_or_default(),
            format::source_line(service).unwrap_or_default(),
            if format::is_demonstration(service) {
                "yes"
            } else {
                "no"
            }
            .to_owned(),
            format!("/services/{}", encode(&service.id)),
        ])?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_repeated_and_comma_separated_values_once_each() {
        assert_eq!(
            ids_from_query(Some("ids=a,b&ids=c&ids=a&other=x&ids=")),
            ["a", "b", "c"]
        );
        assert_eq!(ids_from_query(Some("ids=a%20b")), ["a b"]);
        assert!(ids_from_query(None).is_empty());
        let many: String = (0..80).map(|i| format!("ids={i}&")).collect();
        assert_eq!(ids_from_query(Some(&many)).len(), MAX_SHORTLIST);
    }

    #[test]
    fn query_strings_round_trip_ids_with_awkward_characters() {
        let ids = ["a&b".to_owned(), "c d".to_owned()];
        let query = query_of(&ids);
        assert_eq!(ids_from_query(Some(&query)), ["a&b", "c d"]);
    }

    #[test]
    fn csv_quotes_fields_and_labels_demonstration_data() {
        let service: Service = serde_json::from_value(serde_json::json!({
            "id": "s1", "name": "Mentoring, \"peer\" support",
            "languages": [{"id": "l", "code": "ben"}],
            "provenance": {"source": "Signpost demonstration data", "demonstration": true}
        }))
        .expect("service");
        let text = csv_text(&[service]).expect("csv");
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some(CSV_COLUMNS.join(",").as_str()));
        let row = lines.next().expect("row");
        assert!(
            row.starts_with("s1,\"Mentoring, \"\"peer\"\" support\""),
            "{row}"
        );
        assert!(
            row.contains("Bengali (বাংলা)") && row.contains(",yes,/services/s1"),
            "{row}"
        );
    }
}
