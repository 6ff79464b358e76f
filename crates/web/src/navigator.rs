//! Navigators: signing in with an API key (editor or admin), the dashboard, and the queue of
//! "report a problem" submissions.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use signpost_app::ReportStatus;
use signpost_app::keys::Role;
use tracing::info;

use crate::error::WebError;
use crate::form::FormData;
use crate::format::long_date;
use crate::layout::{self, csrf_field};
use crate::session::{Navigator, cookie_for, csrf_matches, expired_cookie};
use crate::shortlist::encode;
use crate::state::WebState;

/// Why a navigator's page was refused.
#[derive(Debug)]
pub enum Refusal {
    /// No live session: go and sign in.
    NotSignedIn,
    /// The form's CSRF token is not the session's.
    ForgedForm,
    /// Whether the session's key is still valid could not be checked.
    Failed(WebError),
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::NotSignedIn => Redirect::to("/navigator/sign-in").into_response(),
            Refusal::ForgedForm => WebError::refused(
                signpost_app::Code::Forbidden,
                "The form has expired. Go back, reload the page and try again.",
            )
            .into_response(),
            Refusal::Failed(error) => error.into_response(),
        }
    }
}

/// The signed-in navigator; a request without a live session, or whose key has been revoked
/// since it signed in, is sent to sign in (and a revoked key's session ends).
pub struct SignedIn(pub Navigator);

impl FromRequestParts<WebState> for SignedIn {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, state: &WebState) -> Result<SignedIn, Refusal> {
        let navigator = state
            .sessions
            .navigator(&parts.headers)
            .ok_or(Refusal::NotSignedIn)?;
        match state.directory.key_is_active(&navigator.actor.key_id).await {
            Ok(true) => Ok(SignedIn(navigator)),
            Ok(false) => {
                state.sessions.end(&parts.headers);
                Err(Refusal::NotSignedIn)
            }
            Err(error) => Err(Refusal::Failed(error.into())),
        }
    }
}

/// A navigator's posted form, taken only when it carries the session's CSRF token.
pub struct CheckedForm {
    pub navigator: Navigator,
    pub form: FormData,
}

impl FromRequest<WebState> for CheckedForm {
    type Rejection = Response;

    async fn from_request(request: Request, state: &WebState) -> Result<CheckedForm, Response> {
        let (mut parts, body) = request.into_parts();
        let SignedIn(navigator) = SignedIn::from_request_parts(&mut parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let bytes = Bytes::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        let form = FormData::parse(&bytes);
        if csrf_matches(&navigator, form.text("csrf")) {
            Ok(CheckedForm { navigator, form })
        } else {
            Err(Refusal::ForgedForm.into_response())
        }
    }
}

fn sign_in_body(error: Option<&str>) -> Markup {
    html! {
        @if let Some(error) = error {
            div.error-summary role="alert" tabindex="-1" {
                h2 { "There is a problem" }
                p { a href="#key" { (error) } }
            }
        }
        h1 { "Navigator sign in" }
        p { "Navigators keep the directory up to date. Sign in with the API key you were given (an editor or admin key)." }
        form method="post" action="/navigator/sign-in" {
            div.field {
                label for="key" { "API key" }
                p.hint #key-hint { "It starts with sp_. It is never stored in your browser." }
                input #key type="password" name="key" autocomplete="off" aria-describedby="key-hint" required;
            }
            button type="submit" { "Sign in" }
        }
    }
}

/// `GET /navigator/sign-in`
pub async fn sign_in_form(State(state): State<WebState>, headers: HeaderMap) -> Response {
    if state.sessions.navigator(&headers).is_some() {
        return Redirect::to("/navigator").into_response();
    }
    layout::page("Navigator sign in", None, sign_in_body(None)).into_response()
}

/// `POST /navigator/sign-in`
pub async fn sign_in(State(state): State<WebState>, body: Bytes) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    let actor = state.directory.authenticate(form.text("key")).await?;
    let Some(actor) = actor.filter(|a| a.role.allows(Role::Editor)) else {
        let page = layout::page(
            "Navigator sign in",
            None,
            sign_in_body(Some("The API key was not recognised")),
        );
        return Ok((StatusCode::UNAUTHORIZED, page).into_response());
    };
    info!(key = %actor.name, "navigator signed in");
    let session = state.sessions.start(actor);
    let mut response = Redirect::to("/navigator").into_response();
    if let Ok(cookie) = HeaderValue::from_str(&cookie_for(&session)) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

/// `POST /navigator/sign-out`
pub async fn sign_out(
    State(state): State<WebState>,
    headers: HeaderMap,
    _: CheckedForm,
) -> Response {
    state.sessions.end(&headers);
    let mut response = Redirect::to("/").into_response();
    if let Ok(cookie) = HeaderValue::from_str(&expired_cookie()) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

/// `GET /navigator`
pub async fn dashboard(
    State(state): State<WebState>,
    SignedIn(navigator): SignedIn,
) -> Result<Response, WebError> {
    let open = state
        .directory
        .problem_reports(Some(ReportStatus::Open))
        .await?
        .len();
    let body = html! {
        h1 { "Navigator" }
        p { "Signed in as " strong { (navigator.actor.name) } " (" (navigator.actor.role.as_str()) ")." }
        ul {
            li { a href="/navigator/services/new" { "Add a service" } }
            li { a href="/navigator/reports" { "Problem reports (" (open) " open)" } }
            li { a href="/navigator/referrals" { "Referrals" } " sent by your team or to your organisation" }
            li { "To edit a service, find it with " a href="/" { "search" } " and choose \"Edit this service\" on its page." }
        }
        form method="post" action="/navigator/sign-out" {
            (csrf_field(&navigator))
            button.button--secondary type="submit" { "Sign out" }
        }
    };
    Ok(layout::page("Navigator", Some(&navigator), body).into_response())
}

/// `GET /navigator/reports`: the open reports, oldest first.
pub async fn reports(
    State(state): State<WebState>,
    SignedIn(navigator): SignedIn,
) -> Result<Response, WebError> {
    let reports = state
        .directory
        .problem_reports(Some(ReportStatus::Open))
        .await?;
    let body = html! {
        h1 { "Problem reports" }
        @if reports.is_empty() {
            p { "There are no open reports." }
        } @else {
            p { (reports.len()) " open, oldest first. Check each one, edit the service if needed, then mark the report as dealt with." }
            table.table {
                caption.visually-hidden { "Open problem reports" }
                thead { tr { th scope="col" { "Service" } th scope="col" { "Received" } th scope="col" { "Report" } th scope="col" { "Contact" } th scope="col" { "Action" } } }
                tbody {
                    @for report in &reports {
                        tr {
                            td { a href=(format!("/services/{}", encode(&report.service_id))) { (report.service_id) } }
                            td { (long_date(&report.created_at)) }
                            td { (report.message) }
                            td { (report.contact.as_deref().unwrap_or("None given")) }
                            td {
                                form method="post" action=(format!("/navigator/reports/{}/close", report.id)) {
                                    (csrf_field(&navigator))
                                    button.button--secondary type="submit" { "Mark as dealt with" span.visually-hidden { ": report " (report.id) } }
                                }
                            }
                        }
                    }
                }
            }
        }
        p { a href="/navigator" { "Back to the navigator page" } }
    };
    Ok(layout::page("Problem reports", Some(&navigator), body).into_response())
}

/// `POST /navigator/reports/{id}/close`
pub async fn close_report(
    State(state): State<WebState>,
    Path(id): Path<i64>,
    CheckedForm { navigator, .. }: CheckedForm,
) -> Result<Response, WebError> {
    state
        .directory
        .close_problem_report(id, &navigator.actor)
        .await?;
    info!(report = id, key = %navigator.actor.name, "problem report closed");
    Ok(Redirect::to("/navigator/reports").into_response())
}
