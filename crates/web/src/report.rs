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

const MAX_MESSAGE_CHARS: usize = 2_000;
const MAX_CONTACT_CHARS: usize = 200;

fn report_form(service: &Service, message: &str, contact: &str, error: Option<&str>) -> Markup {
    html! {
        @if let Some(error) = error {
            div.error-summary role="alert" tabindex="-1" {
                h2 { "There is a problem" }
                p { a href="#message" { (error) } }
            }
        }
        h1 { "Report a problem with " (service.name) }
        p { "Tell us what is wrong or out of date. A navigator checks every report before the listing changes." }
        form method="post" action=(format!("/services/{}/report", encode(&service.id))) {
            div.field {
                label for="message" { "What is wrong?" }
                p.hint #message-hint { "For example: the phone number has changed, or it no longer runs on Saturdays. Do not include anyone's personal details." }
                textarea #message name="message" rows="6" aria-describedby="message-hint" required { (message) }
            }
            div.field {
                label for="contact" { "Your email or phone (optional)" }
                p.hint #contact-hint { "Only if you are happy for a navigator to contact you about this report." }
                input #contact type="text" name="contact" value=(contact) aria-describedby="contact-hint" autocomplete="email";
            }
            button type="submit" { "Send report" }
        }
        p { a href=(format!("/services/{}", encode(&service.id))) { "Back to " (service.name) } }
    }
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
        "Report a problem",
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
        Some("Say what is wrong with the listing".to_owned())
    } else if message.chars().count() > MAX_MESSAGE_CHARS {
        Some(format!(
            "The report must be {MAX_MESSAGE_CHARS} characters or fewer"
        ))
    } else if contact.chars().count() > MAX_CONTACT_CHARS {
        Some(format!(
            "The contact must be {MAX_CONTACT_CHARS} characters or fewer"
        ))
    } else {
        None
    };
    if let Some(problem) = problem {
        let page = layout::page(
            "Report a problem",
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
        h1 { "Thank you: your report has been sent" }
        p { "A navigator will check it before the listing for " (service.name) " changes." }
        p { a href=(format!("/services/{}", encode(&service.id))) { "Back to " (service.name) } }
        p { a href="/" { "Start a new search" } }
    };
    Ok(layout::page("Report sent", navigator.as_ref(), body).into_response())
}
