//! The navigators' queue (`/navigator/queue`): what needs a person's eye. Probable duplicates to
//! merge or keep apart, records not checked within the stale period (each with "mark as checked
//! today"), and the open "report a problem" reports. Every button is a form with the session's
//! CSRF token; only editor and admin sessions reach it.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use signpost_app::ReportStatus;
use signpost_app::duplicates::{Candidate, Decision, Verdict};
use signpost_app::freshness::StaleService;
use tracing::info;

use crate::error::WebError;
use crate::format::long_date;
use crate::layout::{self, csrf_field};
use crate::navigator::{CheckedForm, SignedIn};
use crate::session::Navigator;
use crate::shortlist::encode;
use crate::state::WebState;
use crate::ui::{lang, t, t_with};

/// Stale records listed at most.
const STALE_SHOWN: usize = 100;
/// Probable duplicates listed at most.
const PAIRS_SHOWN: usize = 100;

/// `GET /navigator/queue`
pub async fn queue(
    State(state): State<WebState>,
    SignedIn(navigator): SignedIn,
) -> Result<Response, WebError> {
    let directory = &state.directory;
    let pairs = directory.duplicates().await?;
    let stale = directory.stale_services(STALE_SHOWN).await?;
    let reports = directory.problem_reports(Some(ReportStatus::Open)).await?;
    let body = html! {
        h1 { (t("queue-title")) }
        p { (t_with("queue-intro", &[("months", directory.stale_after().to_string().into())])) }
        (duplicates_section(&pairs, &navigator))
        (stale_section(&stale, directory.stale_after(), &navigator))
        h2 { (t("queue-reports")) }
        @if reports.is_empty() {
            p { (t("queue-reports-none")) }
        } @else {
            ul {
                @for report in &reports {
                    li { a href=(format!("/services/{}", encode(&report.service_id))) { (report.service_id) }
                         " (" (long_date(&report.created_at)) "): " (report.message) }
                }
            }
            p { a href="/navigator/reports" { (t("queue-reports-link")) } }
        }
        p { a href="/navigator" { (t("navigator-back")) } }
    };
    Ok(layout::page(&t("queue-title"), Some(&navigator), body).into_response())
}

fn duplicates_section(pairs: &[Candidate], navigator: &Navigator) -> Markup {
    html! {
        h2 { (t("queue-duplicates")) }
        @if pairs.is_empty() {
            p { (t("queue-duplicates-none")) }
        } @else {
            p { (t_with("queue-duplicates-intro", &[("count", pairs.len().to_string().into())])) }
            table.table {
                caption.visually-hidden { (t("queue-duplicates")) }
                thead { tr { th scope="col" { (t("queue-services")) } th scope="col" { (t("queue-score")) } th scope="col" { (t("queue-why")) } th scope="col" { (t("queue-decision")) } } }
                tbody {
                    @for pair in pairs.iter().take(PAIRS_SHOWN) {
                        tr {
                            td { a href=(format!("/services/{}", encode(&pair.a))) { (pair.a) } br; a href=(format!("/services/{}", encode(&pair.b))) { (pair.b) } }
                            td { (format!("{:.2}", pair.score)) }
                            td { ul { @for reason in &pair.reasons { li { (reason.text(lang())) } } } }
                            td { (decision_form(pair, navigator)) }
                        }
                    }
                }
            }
        }
    }
}

fn decision_form(pair: &Candidate, navigator: &Navigator) -> Markup {
    let field = format!("keep-{}-{}", pair.a, pair.b);
    html! {
        form method="post" action="/navigator/duplicates" {
            (csrf_field(navigator))
            input type="hidden" name="a" value=(pair.a);
            input type="hidden" name="b" value=(pair.b);
            label for=(field) { (t("queue-keep")) }
            select id=(field) name="keep" {
                option value="" { (t("queue-keep-more-complete")) }
                option value=(pair.a) { (pair.a) }
                option value=(pair.b) { (pair.b) }
            }
            button type="submit" name="decision" value="merge" { (t("queue-merge")) }
            button.button--secondary type="submit" name="decision" value="keep-apart" { (t("queue-keep-apart")) }
        }
    }
}

fn stale_section(stale: &[StaleService], months: u32, navigator: &Navigator) -> Markup {
    html! {
        h2 { (t_with("queue-stale-heading", &[("months", months.to_string().into())])) }
        @if stale.is_empty() {
            p { (t("queue-stale-none")) }
        } @else {
            p { (t_with("queue-stale-intro", &[("shown", STALE_SHOWN.to_string().into())])) }
            table.table {
                caption.visually-hidden { (t("queue-stale-caption")) }
                thead { tr { th scope="col" { (t("queue-service")) } th scope="col" { (t("queue-last-checked")) } th scope="col" { (t("queue-action")) } } }
                tbody {
                    @for service in stale {
                        tr {
                            td { a href=(format!("/services/{}", encode(&service.id))) { (service.name) } }
                            td { (service.checked.map_or_else(|| t("queue-never"), |d| long_date(&d.to_string()))) }
                            td {
                                form method="post" action=(format!("/navigator/services/{}/checked", encode(&service.id))) {
                                    (csrf_field(navigator))
                                    button.button--secondary type="submit" { (t("queue-mark-checked")) span.visually-hidden { ": " (service.name) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `POST /navigator/duplicates`: a merge or keep-apart decision from the queue.
pub async fn decide(
    State(state): State<WebState>,
    CheckedForm { navigator, form }: CheckedForm,
) -> Result<Response, WebError> {
    let verdict = if form.text("decision") == "merge" {
        Verdict::Merge
    } else {
        Verdict::KeepApart
    };
    let keep = Some(form.text("keep"))
        .filter(|k| !k.is_empty() && verdict == Verdict::Merge)
        .map(str::to_owned);
    let decision = Decision {
        a: form.text("a").to_owned(),
        b: form.text("b").to_owned(),
        verdict,
        keep,
    };
    state
        .directory
        .decide_duplicate(&decision, &navigator.actor)
        .await?;
    info!(decision = %verdict, key = %navigator.actor.name, "duplicate decided");
    Ok(Redirect::to("/navigator/queue").into_response())
}

/// `POST /navigator/services/{id}/checked`: a person checked the record today.
pub async fn mark_checked(
    State(state): State<WebState>,
    Path(id): Path<String>,
    CheckedForm { navigator, .. }: CheckedForm,
) -> Result<Response, WebError> {
    state.directory.mark_checked(&id, &navigator.actor).await?;
    info!(key = %navigator.actor.name, "service marked checked from the queue");
    Ok(Redirect::to("/navigator/queue").into_response())
}
