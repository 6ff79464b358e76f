//! A service: the facts block shared by results and the shortlist, and the detail page.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Html;
use maud::{Markup, html};
use signpost_domain::Service;
use signpost_geo::{METRES_PER_MILE, describe_distance};
use signpost_i18n::NameKind;

use crate::error::WebError;
use crate::format::{self, Contact};
use crate::language;
use crate::layout::{self, csrf_field};
use crate::state::WebState;
use crate::ui::{code_name, lang, record_description, record_name, t, t_with};

/// "Demonstration data" label for fictional records.
pub fn demo_tag(service: &Service) -> Markup {
    html! {
        @if format::is_demonstration(service) {
            " " strong.demo-tag { (t("service-demo-tag")) }
        }
    }
}

/// The facts a practitioner needs, as a description list.
pub fn facts(service: &Service, distance_m: Option<f64>) -> Markup {
    let languages = service.language_codes();
    let opening = format::opening_times(service);
    let contacts = format::contacts(service);
    let categories: Vec<String> = service
        .category_codes()
        .into_iter()
        .map(|code| code_name(NameKind::Category, code))
        .collect();
    html! {
        dl.summary-list {
            @if let Some(distance) = distance_m {
                dt { (t("service-distance")) } dd { (distance_text(distance)) }
            }
            @if !categories.is_empty() {
                dt { (t("service-categories")) } dd { (categories.join(", ")) }
            }
            @if !languages.is_empty() {
                dt { (t("service-languages")) }
                dd {
                    @for (i, code) in languages.iter().enumerate() {
                        @if i > 0 { ", " }
                        (language::name_markup(code))
                    }
                }
            }
            @if !opening.is_empty() {
                dt { (t("service-opening-times")) }
                dd { @for (i, line) in opening.iter().enumerate() { @if i > 0 { br; } (line) } }
            }
            @if !contacts.is_empty() {
                dt { (t("service-contact")) }
                dd { @for (i, contact) in contacts.iter().enumerate() { @if i > 0 { br; } (contact_link(contact)) } }
            }
            @if let Some(eligibility) = eligibility(service) {
                dt { (t("service-eligibility")) } dd { (eligibility) }
            }
            @if service.is_free() {
                dt { (t("service-cost")) } dd { (t("service-free")) }
            }
            dt { (t("service-last-verified")) }
            dd { (service.assured_date.as_deref().map_or_else(|| t("service-not-recorded"), format::long_date)) }
        }
        @if let Some(source) = format::source_line(service) {
            p.source { (source) }
        }
    }
}

/// "1 mile", "2.4 miles" (as `describe_distance` rounds them) in the page's language.
pub fn distance_text(metres: f64) -> String {
    if lang() == signpost_i18n::Lang::En {
        return describe_distance(metres);
    }
    let miles = format!("{:.1}", metres / METRES_PER_MILE);
    t_with("service-distance-miles", &[("miles", miles.into())])
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
    let data_problems = match navigator {
        Some(_) => state.directory.data_problems(&service.id).await?,
        None => Vec::new(),
    };
    let addresses = format::addresses(&service);
    let accessibility: Vec<&str> = service.accessibility_texts().collect();
    let body = html! {
        @if let Some(org) = service.organization_name() { p.hint { (org) } }
        h1 { bdi { (record_name(&service)) } (demo_tag(&service)) }
        @if format::is_demonstration(&service) {
            div.notice.notice--warning { p { (t("service-demo-warning")) } }
        }
        @if let Some(description) = record_description(&service) { p.lead { (description) } }
        (facts(&service, None))
        @if !addresses.is_empty() {
            h2 { (t("service-where")) }
            ul { @for line in &addresses { li { (line) } } }
        }
        @if service.has_confidential_location() {
            div.notice { p { (t("service-confidential")) } }
        }
        @if !accessibility.is_empty() {
            h2 { (t("service-access")) }
            ul { @for line in &accessibility { li { (line) } } }
        }
        h2 { (t("service-shortlist")) }
        p { a.button.button--secondary href=(format!("/shortlist?ids={}", crate::shortlist::encode(&service.id))) { (t("service-start-shortlist")) } }
        p { a href=(format!("/services/{}/report", crate::shortlist::encode(&service.id))) { (t("service-report")) } }
        @if let Some(navigator) = &navigator {
            h2 { (t("service-navigator")) }
            p { a.button href=(format!("/navigator/referrals/new?service={}", crate::shortlist::encode(&service.id))) { (t("service-refer")) } }
            p { a.button href=(format!("/navigator/services/{}/edit", crate::shortlist::encode(&service.id))) { (t("service-edit")) } }
            form method="post" action=(format!("/navigator/services/{}/verified", crate::shortlist::encode(&service.id))) {
                (csrf_field(navigator))
                button.button--secondary type="submit" { (t("service-verified-today")) }
            }
            @if !data_problems.is_empty() {
                h3 { (t("navigator-data-problems")) }
                p { (t("service-data-problems-intro")) }
                ul {
                    @for problem in &data_problems {
                        li { code { (problem.path) } " = " code { (problem.value) } ": " (problem.reason) }
                    }
                }
            }
        }
    };
    Ok(layout::page(
        record_name(&service),
        navigator.as_ref(),
        body,
    ))
}
