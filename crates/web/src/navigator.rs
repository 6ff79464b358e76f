//! Navigators: signing in with an API key (editor or admin), the dashboard, and the queue of
//! "report a problem" submissions.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use signpost_app::keys::Role;
use signpost_app::{DataProblem, HarvestOutcome, ReportStatus};
use tracing::info;

use crate::error::WebError;
use crate::form::FormData;
use crate::format::long_date;
use crate::layout::{self, csrf_field};
use crate::session::{Navigator, cookie_for, csrf_matches, expired_cookie};
use crate::shortlist::encode;
use crate::state::WebState;
use crate::ui::{t, t_with};

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
            Refusal::ForgedForm => {
                WebError::refused(signpost_app::Code::Forbidden, t("navigator-form-expired"))
                    .into_response()
            }
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
                h2 { (t("error-problem")) }
                p { a href="#key" { (error) } }
            }
        }
        h1 { (t("navigator-sign-in-heading")) }
        p { (t("navigator-sign-in-intro")) }
        form method="post" action="/navigator/sign-in" {
            div.field {
                label for="key" { (t("navigator-key")) }
                p.hint #key-hint { (t("navigator-key-hint")) }
                input #key type="password" name="key" autocomplete="off" aria-describedby="key-hint" required;
            }
            button type="submit" { (t("navigator-sign-in")) }
        }
    }
}

/// `GET /navigator/sign-in`
pub async fn sign_in_form(State(state): State<WebState>, headers: HeaderMap) -> Response {
    if state.sessions.navigator(&headers).is_some() {
        return Redirect::to("/navigator").into_response();
    }
    layout::page(&t("navigator-sign-in-heading"), None, sign_in_body(None)).into_response()
}

/// `POST /navigator/sign-in`
pub async fn sign_in(State(state): State<WebState>, body: Bytes) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    let actor = state.directory.authenticate(form.text("key")).await?;
    let Some(actor) = actor.filter(|a| a.role.allows(Role::Editor)) else {
        let page = layout::page(
            &t("navigator-sign-in-heading"),
            None,
            sign_in_body(Some(&t("navigator-key-not-recognised"))),
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
    let (data_problems, data_problem_total) = state
        .directory
        .recent_data_problems(DATA_PROBLEMS_SHOWN)
        .await?;
    let body = html! {
        h1 { (t("navigator-heading")) }
        p { (t("navigator-signed-in-as")) " " strong { (navigator.actor.name) } " (" (navigator.actor.role.as_str()) ")." }
        ul {
            li { a href="/navigator/services/new" { (t("edit-add-heading")) } }
            li { a href="/navigator/reports" { (t_with("navigator-reports-open", &[("count", open.into())])) } }
            li { a href="/navigator/queue" { (t("navigator-queue-link")) } (t("navigator-queue-what")) }
            li { a href="/navigator/referrals" { (t("navigator-referrals-link")) } (t("navigator-referrals-what")) }
            @if navigator.actor.role == Role::Admin {
                li { a href="/navigator/equality" { (t("navigator-equality-link")) } (t("navigator-equality-what")) }
            }
            li { (t("navigator-edit-before")) a href="/" { (t("navigator-edit-search")) } (t_with("navigator-edit-after", &[("edit", t("service-edit").into())])) }
        }
        (data_problems_section(&data_problems, data_problem_total))
        (harvests_section(&state.directory.last_harvests()))
        form method="post" action="/navigator/sign-out" {
            (csrf_field(&navigator))
            button.button--secondary type="submit" { (t("navigator-sign-out")) }
        }
    };
    Ok(layout::page(&t("navigator-heading"), Some(&navigator), body).into_response())
}

/// Data problems shown on the navigator page, newest first.
const DATA_PROBLEMS_SHOWN: u64 = 50;

/// The values lenient imports and harvests set aside, newest first, each linked to its service.
fn data_problems_section(problems: &[DataProblem], total: u64) -> Markup {
    html! {
        h2 { (t("navigator-data-problems")) }
        @if problems.is_empty() {
            p { (t("navigator-data-problems-none")) }
        } @else {
            p {
                (t_with("navigator-data-problems-total", &[("total", total.to_string().into())]))
                @if total > problems.len() as u64 { (t_with("navigator-data-problems-newest", &[("shown", problems.len().to_string().into())])) }
                (t("navigator-data-problems-ask"))
            }
            table.table {
                caption.visually-hidden { (t("navigator-data-problems-caption")) }
                thead { tr { th scope="col" { (t("navigator-col-service")) } th scope="col" { (t("navigator-col-where")) } th scope="col" { (t("navigator-col-value")) } th scope="col" { (t("navigator-col-why-set-aside")) } } }
                tbody {
                    @for problem in problems {
                        tr {
                            td { a href=(format!("/services/{}", encode(&problem.service_id))) { (problem.service_id) } }
                            td { code { (problem.path) } }
                            td { code { (problem.value) } }
                            td { (problem.reason) }
                        }
                    }
                }
            }
        }
    }
}

/// Each Open Referral UK source's last harvest: when, and what it did or why it failed.
fn harvests_section(harvests: &[HarvestOutcome]) -> Markup {
    html! {
        h2 { (t("navigator-harvests-heading")) }
        @if harvests.is_empty() {
            p { (t("navigator-harvests-none")) }
        } @else {
            p { (t("navigator-harvests-intro")) }
            table.table {
                caption.visually-hidden { (t("navigator-harvests-caption")) }
                thead { tr { th scope="col" { (t("navigator-col-source")) } th scope="col" { (t("navigator-col-finished")) } th scope="col" { (t("navigator-col-outcome")) } } }
                tbody {
                    @for harvest in harvests {
                        tr {
                            td { (harvest.source) }
                            td { (finished_at(harvest.finished_at)) }
                            td { (harvest_outcome(harvest)) }
                        }
                    }
                }
            }
        }
    }
}

/// "7 December 2026, 16:05 UTC" for a time in seconds since the Unix epoch.
fn finished_at(unix_seconds: u64) -> String {
    let Some(at) = i64::try_from(unix_seconds)
        .ok()
        .and_then(|seconds| chrono::DateTime::from_timestamp(seconds, 0))
    else {
        return unix_seconds.to_string();
    };
    t_with(
        "navigator-harvest-finished",
        &[
            ("date", long_date(&at.format("%Y-%m-%d").to_string()).into()),
            ("time", at.format("%H:%M").to_string().into()),
        ],
    )
}

fn harvest_outcome(harvest: &HarvestOutcome) -> String {
    match &harvest.error {
        Some(error) => t_with(
            "navigator-harvest-failed",
            &[("error", error.clone().into())],
        ),
        None => t_with(
            "navigator-harvest-ok",
            &[
                ("new", harvest.new.into()),
                ("updated", harvest.updated.into()),
                ("unchanged", harvest.unchanged.into()),
                ("withdrawn", harvest.withdrawn.into()),
                ("set_aside", harvest.set_aside.into()),
            ],
        ),
    }
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
        h1 { (t("navigator-reports-heading")) }
        @if reports.is_empty() {
            p { (t("navigator-reports-none")) }
        } @else {
            p { (t_with("navigator-reports-intro", &[("count", reports.len().into())])) }
            table.table {
                caption.visually-hidden { (t("navigator-reports-caption")) }
                thead { tr { th scope="col" { (t("navigator-col-service")) } th scope="col" { (t("navigator-col-received")) } th scope="col" { (t("navigator-col-report")) } th scope="col" { (t("navigator-col-contact")) } th scope="col" { (t("navigator-col-action")) } } }
                tbody {
                    @for report in &reports {
                        tr {
                            td { a href=(format!("/services/{}", encode(&report.service_id))) { (report.service_id) } }
                            td { (long_date(&report.created_at)) }
                            td { (report.message) }
                            td { (report.contact.clone().unwrap_or_else(|| t("navigator-none-given"))) }
                            td {
                                form method="post" action=(format!("/navigator/reports/{}/close", report.id)) {
                                    (csrf_field(&navigator))
                                    button.button--secondary type="submit" { (t("navigator-mark-dealt-with")) span.visually-hidden { ": " (t_with("navigator-report-number", &[("id", report.id.into())])) } }
                                }
                            }
                        }
                    }
                }
            }
        }
        p { a href="/navigator" { (t("navigator-back")) } }
    };
    Ok(layout::page(&t("navigator-reports-heading"), Some(&navigator), body).into_response())
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
