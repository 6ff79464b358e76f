//! A service: the facts block shared by results and the shortlist, and the detail page.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Html;
use maud::{Markup, html};
use signpost_domain::{Service, vocab};
use signpost_geo::describe_distance;

use crate::error::WebError;
use crate::format::{self, Contact};
use crate::language;
use crate::layout::{self, csrf_field};
use crate::state::WebState;

/// "Demonstration data" label for fictional records.
pub fn demo_tag(service: &Service) -> Markup {
    html! {
        @if format::is_demonstration(service) {
            " " strong.demo-tag { "Demonstration data" }
        }
    }
}

/// The facts a practitioner needs, as a description list.
pub fn facts(service: &Service, distance_m: Option<f64>) -> Markup {
    let languages = service.language_codes();
    let opening = format::opening_times(service);
    let contacts = format::contacts(service);
    let categories: Vec<&str> = service
        .category_codes()
        .into_iter()
        .map(|code| vocab::category(code).map_or(code, |c| c.name))
        .collect();
    html! {
        dl.summary-list {
            @if let Some(distance) = distance_m {
                dt { "Distance" } dd { (describe_distance(distance)) }
            }
            @if !categories.is_empty() {
                dt { "Type of help" } dd { (categories.join(", ")) }
            }
            @if !languages.is_empty() {
                dt { "Languages" }
                dd {
                    @for (i, code) in languages.iter().enumerate() {
                        @if i > 0 { ", " }
                        (language::name_markup(code))
                    }
                }
            }
            @if !opening.is_empty() {
                dt { "Opening times" }
                dd { @for (i, line) in opening.iter().enumerate() { @if i > 0 { br; } (line) } }
            }
            @if !contacts.is_empty() {
                dt { "Contact" }
                dd { @for (i, contact) in contacts.iter().enumerate() { @if i > 0 { br; } (contact_link(contact)) } }
            }
            @if let Some(eligibility) = eligibility(service) {
                dt { "Who it is for" } dd { (eligibility) }
            }
            @if service.is_free() {
                dt { "Cost" } dd { "Free" }
            }
            dt { "Last verified" }
            dd { (service.assured_date.as_deref().map_or_else(|| "Not recorded".to_owned(), format::long_date)) }
        }
        @if let Some(source) = format::source_line(service) {
            p.source { (source) }
        }
    }
}

fn contact_link(contact: &Contact) -> Markup {
    html! { a href=(contact.href()) { (contact.text()) } }
}

fn eligibility(service: &Service) -> Option<String> {
    let summary = format::eligibility_summary(service);
    let described = service
        .eligibility_description
        .as_deref()
        .filter(|d| !d.trim().is_empty());
    match (summary, described) {
        (Some(summary), Some(text)) => Some(format!("{}. {text}", capitalised(&summary))),
        (Some(summary), None) => Some(capitalised(&summary)),
        (None, Some(text)) => Some(text.to_owned()),
        (None, None) => None,
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// `/services/{id}`: everything about one service.
pub async fn page(
    State(state): State<WebState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Html<String>, WebError> {
    let service = state.directory.service(&id).await?;
    let navigator = state.sessions.navigator(&headers);
    let addresses = format::addresses(&service);
    let accessibility: Vec<&str> = service.accessibility_texts().collect();
    let body = html! {
        @if let Some(org) = service.organization_name() { p.hint { (org) } }
        h1 { (service.name) (demo_tag(&service)) }
        @if format::is_demonstration(&service) {
            div.notice.notice--warning { p { "This is demonstration data: a fictional service at a real postcode, for trying Signpost out. Do not refer anyone to it." } }
        }
        @if let Some(description) = &service.description { p.lead { (description) } }
        (facts(&service, None))
        @if !addresses.is_empty() {
            h2 { "Where" }
            ul { @for line in &addresses { li { (line) } } }
        }
        @if service.has_confidential_location() {
            div.notice { p { "This service has a confidential address (a refuge or safe house). It is never shown: contact the service to make a referral." } }
        }
        @if !accessibility.is_empty() {
            h2 { "Access" }
            ul { @for line in &accessibility { li { (line) } } }
        }
        h2 { "Shortlist" }
        p { a.button.button--secondary href=(format!("/shortlist?ids={}", crate::shortlist::encode(&service.id))) { "Start a shortlist with this service" } }
        p { a href=(format!("/services/{}/report", crate::shortlist::encode(&service.id))) { "Report a problem with this information" } }
        @if let Some(navigator) = &navigator {
            h2 { "Navigator" }
            p { a.button href=(format!("/navigator/referrals/new?service={}", crate::shortlist::encode(&service.id))) { "Refer someone to this service" } }
            p { a.button href=(format!("/navigator/services/{}/edit", crate::shortlist::encode(&service.id))) { "Edit this service" } }
            form method="post" action=(format!("/navigator/services/{}/verified", crate::shortlist::encode(&service.id))) {
                (csrf_field(navigator))
                button.button--secondary type="submit" { "Mark as verified today" }
            }
        }
    };
    Ok(layout::page(&service.name, navigator.as_ref(), body))
}
