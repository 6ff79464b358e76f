//! "Report a problem" with a service's record: anyone may report; the report is queued for a
//! navigator and changes nothing by itself.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use maud::{Markup, html};
use signpost_app::NewProblemReport;
use signpost_domain::Service;
use tracing::info;

use crate::error::WebError;
use crate::form::FormData;
use crate::layout;
use crate::shortlist::encode;
use crate::state::WebState;
use crate::ui::{t, t_with};

const MAX_MESSAGE_CHARS: usize = 2_000;
const MAX_CONTACT_CHARS: usize = 200;

fn report_form(service: &Service, message: &str, contact: &str, error: Option<&str>) -> Markup {
    html! {
        @if let Some(error) = error {
            div.error-summary role="alert" tabindex="-1" {
                h2 { (t("error-problem")) }
                p { a href="#message" { (error) } }
            }
        }
        h1 { (t_with("report-heading", &[("service", service.name.as_str().into())])) }
        p { (t("report-intro")) }
        form method="post" action=(format!("/services/{}/report", encode(&service.id))) {
            div.field {
                label for="message" { (t("report-message")) }
                p.hint #message-hint { (t("report-message-hint")) }
                textarea #message name="message" rows="6" aria-describedby="message-hint" required { (message) }
            }
            div.field {
                label for="contact" { (t("report-contact")) }
                p.hint #contact-hint { (t("report-contact-hint")) }
                input #contact type="text" name="contact" value=(contact) aria-describedby="contact-hint" autocomplete="email";
            }
            button type="submit" { (t("report-send")) }
        }
        p { a href=(format!("/services/{}", encode(&service.id))) { (back_to(service)) } }
    }
}

fn back_to(service: &Service) -> String {
    t_with("report-back", &[("service", service.name.as_str().into())])
}

/// `GET /services/{id}/report`
pub async fn form(
    State(state): State<WebState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Html<String>, WebError> {
    let service = state.directory.service(&id).await?;
    let navigator = state.sessions.navigator(&headers);
    Ok(layout::page(
        &t("report-title"),
        navigator.as_ref(),
        report_form(&service, "", "", None),
    ))
}

/// `POST /services/{id}/report`
pub async fn submit(
    State(state): State<WebState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    let service = state.directory.service(&id).await?;
    let navigator = state.sessions.navigator(&headers);
    let form = FormData::parse(&body);
    let (message, contact) = (form.text("message"), form.text("contact"));
    let problem = if message.is_empty() {
        Some(t("report-error-empty"))
    } else if message.chars().count() > MAX_MESSAGE_CHARS {
        Some(t_with(
            "report-error-message-long",
            &[("max", MAX_MESSAGE_CHARS.into())],
        ))
    } else if contact.chars().count() > MAX_CONTACT_CHARS {
        Some(t_with(
            "report-error-contact-long",
            &[("max", MAX_CONTACT_CHARS.into())],
        ))
    } else {
        None
    };
    if let Some(problem) = problem {
        let page = layout::page(
            &t("report-title"),
            navigator.as_ref(),
            report_form(&service, message, contact, Some(&problem)),
        );
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    }
    let report = NewProblemReport {
        service_id: service.id.clone(),
        message: message.to_owned(),
        contact: (!contact.is_empty()).then(|| contact.to_owned()),
    };
    let stored = state
        .directory
        .report_problem(&report, navigator.as_ref().map(|n| &n.actor))
        .await?;
    info!(report = stored.id, "problem report queued");
    let body = html! {
        h1 { (t("report-sent-heading")) }
        p { (t_with("report-sent-body", &[("service", service.name.as_str().into())])) }
        p { a href=(format!("/services/{}", encode(&service.id))) { (back_to(&service)) } }
        p { a href="/" { (t("error-new-search")) } }
    };
    Ok(layout::page(&t("report-sent-title"), navigator.as_ref(), body).into_response())
}
