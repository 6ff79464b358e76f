//! Referral pages for signed-in navigators (docs/referrals.md): the "Refer" form from a service's
//! page, the referrals the key may see with filters, and one referral with a button for each move
//! the key may make (a service's inbox). Every form carries the session's CSRF token.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use signpost_app::referrals::{AGE_BANDS, DECLINE_REASONS};
use signpost_app::{AppError, Equality, NewReferral, Referral, ReferralQuery, ReferralStatus};
use signpost_domain::{Service, vocab};
use signpost_i18n::NameKind;

use crate::error::WebError;
use crate::form::FormData;
use crate::format::long_date;
use crate::layout::{self, csrf_field};
use crate::navigator::{CheckedForm, SignedIn};
use crate::session::Navigator;
use crate::shortlist::encode;
use crate::state::WebState;
use crate::ui::{code_name, t, t_with};

/// The Census 2021 ethnic groups, by code, under their five high-level groups (catalogue keys
/// `ethnic-heading-<heading>` and `ethnic-<code>`).
const ETHNIC_GROUP_NAMES: [(&str, &str); 19] = [
    ("asian", "asian-bangladeshi"),
    ("asian", "asian-chinese"),
    ("asian", "asian-indian"),
    ("asian", "asian-pakistani"),
    ("asian", "asian-other"),
    ("black", "black-african"),
    ("black", "black-caribbean"),
    ("black", "black-other"),
    ("mixed", "mixed-white-asian"),
    ("mixed", "mixed-white-black-african"),
    ("mixed", "mixed-white-black-caribbean"),
    ("mixed", "mixed-other"),
    ("white", "white-british"),
    ("white", "white-irish"),
    ("white", "white-gypsy-irish-traveller"),
    ("white", "white-roma"),
    ("white", "white-other"),
    ("other", "other-arab"),
    ("other", "other-any"),
];

/// How each status reads on a page.
fn status_name(status: ReferralStatus) -> String {
    t(&format!("referral-status-{}", status_key(status)))
}

/// The button that makes a move.
fn move_name(status: ReferralStatus) -> String {
    t(&format!("referral-move-{}", status_key(status)))
}

fn status_key(status: ReferralStatus) -> &'static str {
    match status {
        ReferralStatus::Sent => "sent",
        ReferralStatus::Accepted => "accepted",
        ReferralStatus::Declined => "declined",
        ReferralStatus::Attended => "attended",
        ReferralStatus::DidNotAttend => "did-not-attend",
        ReferralStatus::Closed => "closed",
    }
}

fn reason_name(reason: &str) -> String {
    if DECLINE_REASONS.contains(&reason) {
        t(&format!("referral-reason-{reason}"))
    } else {
        reason.to_owned()
    }
}

/// `GET /navigator/referrals/new?service=ID`
#[derive(Debug, Deserialize)]
pub struct NewParams {
    service: String,
}

/// `GET /navigator/referrals/new?service=ID`: the "Refer" form.
pub async fn new_form(
    State(state): State<WebState>,
    SignedIn(navigator): SignedIn,
    Query(params): Query<NewParams>,
) -> Result<Response, WebError> {
    let service = state.directory.service(&params.service).await?;
    let body = refer_form(&navigator, &service, &FormData::default(), None);
    Ok(layout::page(&t("referral-refer"), Some(&navigator), body).into_response())
}

/// `POST /navigator/referrals/new` (from a match result): the "Refer" form for the posted
/// `service_id`, with the posted `needs` ticked. Nothing about the person travels in a URL.
pub async fn new_form_with_needs(
    State(state): State<WebState>,
    CheckedForm { navigator, form }: CheckedForm,
) -> Result<Response, WebError> {
    let service = state.directory.service(form.text("service_id")).await?;
    let body = refer_form(&navigator, &service, &form, None);
    Ok(layout::page(&t("referral-refer"), Some(&navigator), body).into_response())
}

/// The "Refer" link beside a service in search results and the shortlist, for a signed-in
/// navigator only; it carries the service id and nothing else.
pub fn refer_link(navigator: Option<&Navigator>, service: &Service) -> Markup {
    html! {
        @if navigator.is_some() {
            a.button.button--secondary href=(format!("/navigator/referrals/new?service={}", encode(&service.id))) {
                (t("referral-refer")) span.visually-hidden { (t_with("referral-refer-hidden", &[("service", service.name.as_str().into())])) }
            }
        }
    }
}

/// The "Refer" button beside a match result, for a signed-in navigator only: a form posting the
/// service and the profile's needs, so the needs never appear in a URL.
pub fn refer_button(navigator: Option<&Navigator>, service: &Service, needs: &[&str]) -> Markup {
    html! {
        @if let Some(navigator) = navigator {
            form.inline-form method="post" action="/navigator/referrals/new" {
                (csrf_field(navigator))
                input type="hidden" name="service_id" value=(service.id);
                @for need in needs { input type="hidden" name="needs" value=(need); }
                button.button--secondary type="submit" {
                    (t("referral-refer")) span.visually-hidden { (t_with("referral-refer-hidden", &[("service", service.name.as_str().into())])) }
                }
            }
        }
    }
}

/// `POST /navigator/referrals`: sends the referral, then shows it.
pub async fn create(
    State(state): State<WebState>,
    CheckedForm { navigator, form }: CheckedForm,
) -> Result<Response, WebError> {
    let referral = NewReferral {
        service_id: form.text("service_id").to_owned(),
        case_ref: form.text("case_ref").to_owned(),
        needs: form.all("needs").into_iter().map(str::to_owned).collect(),
        equality: equality_from(&form),
    };
    let sent = state
        .directory
        .referrals()
        .send(&navigator.actor, &referral)
        .await;
    match sent {
        Ok(sent) => Ok(Redirect::to(&referral_href(&sent.id)).into_response()),
        Err(AppError::Rejected(rejection)) => {
            let service = state.directory.service(&referral.service_id).await?;
            let body = refer_form(&navigator, &service, &form, Some(&rejection.message));
            let page = layout::page(&t("referral-refer"), Some(&navigator), body);
            Ok((StatusCode::BAD_REQUEST, page).into_response())
        }
        Err(fault) => Err(fault.into()),
    }
}

fn equality_from(form: &FormData) -> Equality {
    let field = |name: &str| Some(form.text(name).to_owned()).filter(|v| !v.is_empty());
    Equality {
        ethnic_group: field("ethnic_group"),
        religion: field("religion"),
        main_language: field("main_language"),
        sex: field("sex"),
        age_band: field("age_band"),
    }
}

fn refer_form(
    navigator: &Navigator,
    service: &Service,
    given: &FormData,
    error: Option<&str>,
) -> Markup {
    let needs = given.all("needs");
    html! {
        @if let Some(error) = error {
            div.error-summary role="alert" tabindex="-1" {
                h2 { (t("referral-problem")) }
                p { (error) }
            }
        }
        h1 { (t_with("referral-refer-heading", &[("service", service.name.as_str().into())])) }
        p { (t("referral-refer-intro")) }
        form method="post" action="/navigator/referrals" {
            (csrf_field(navigator))
            input type="hidden" name="service_id" value=(service.id);
            div.field {
                label for="case_ref" { (t("referral-case-ref")) }
                p.hint #case_ref-hint { (t("referral-case-ref-hint")) }
                input #case_ref type="text" name="case_ref" value=(given.text("case_ref")) maxlength="64" aria-describedby="case_ref-hint" autocomplete="off" required;
            }
            fieldset.field {
                legend { (t("referral-needs-legend")) }
                @for category in vocab::categories() {
                    div.checkbox {
                        input type="checkbox" name="needs" value=(category.code) id=(format!("need-{}", category.code)) checked[needs.contains(&category.code)];
                        label for=(format!("need-{}", category.code)) { (code_name(NameKind::Category, category.code)) }
                    }
                }
            }
            fieldset.field {
                legend { (t("referral-equality-legend")) }
                p.hint { (t("referral-equality-hint")) }
                div.field {
                    label for="ethnic_group" { (t("referral-ethnic-group")) }
                    select #ethnic_group name="ethnic_group" {
                        option value="" { (t("referral-not-recorded")) }
                        @for heading in high_level_groups() {
                            optgroup label=(t(&format!("ethnic-heading-{heading}"))) {
                                @for (_, code) in ETHNIC_GROUP_NAMES.iter().filter(|(h, _)| *h == heading) {
                                    option value=(code) selected[given.text("ethnic_group") == *code] { (t(&format!("ethnic-{code}"))) }
                                }
                            }
                        }
                    }
                }
                div.field {
                    label for="religion" { (t("referral-religion")) }
                    select #religion name="religion" {
                        option value="" { (t("referral-not-recorded")) }
                        @for faith in vocab::faiths() {
                            option value=(faith.code) selected[given.text("religion") == faith.code] { (code_name(NameKind::Faith, faith.code)) }
                        }
                        option value="not-stated" selected[given.text("religion") == "not-stated"] { (t("referral-not-stated")) }
                    }
                }
                div.field {
                    label for="main_language" { (t("referral-main-language")) }
                    p.hint #main_language-hint { (t("referral-main-language-hint")) }
                    input #main_language type="text" name="main_language" value=(given.text("main_language")) maxlength="3" aria-describedby="main_language-hint" autocomplete="off";
                }
                div.field {
                    label for="sex" { (t("referral-sex")) }
                    select #sex name="sex" {
                        option value="" { (t("referral-not-recorded")) }
                        option value="female" selected[given.text("sex") == "female"] { (t("referral-sex-female")) }
                        option value="male" selected[given.text("sex") == "male"] { (t("referral-sex-male")) }
                    }
                }
                div.field {
                    label for="age_band" { (t("referral-age")) }
                    select #age_band name="age_band" {
                        option value="" { (t("referral-not-recorded")) }
                        @for band in AGE_BANDS {
                            option value=(band) selected[given.text("age_band") == band] { (band) }
                        }
                    }
                }
            }
            button type="submit" { (t("referral-send")) }
        }
        p { a href=(format!("/services/{}", encode(&service.id))) { (t_with("referral-back-to", &[("service", service.name.as_str().into())])) } }
    }
}

fn high_level_groups() -> Vec<&'static str> {
    let mut headings: Vec<&str> = Vec::new();
    for (heading, _) in ETHNIC_GROUP_NAMES {
        if !headings.contains(&heading) {
            headings.push(heading);
        }
    }
    headings
}

/// `GET /navigator/referrals` filters.
#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    #[serde(default)]
    status: String,
    #[serde(default)]
    service_id: String,
}

/// `GET /navigator/referrals`: the referrals this key may see, newest first.
pub async fn list(
    State(state): State<WebState>,
    SignedIn(navigator): SignedIn,
    Query(params): Query<ListParams>,
) -> Result<Response, WebError> {
    let query = ReferralQuery {
        status: Some(params.status.clone()).filter(|s| !s.is_empty()),
        service_id: Some(params.service_id.clone()).filter(|s| !s.is_empty()),
    };
    let referrals = state
        .directory
        .referrals()
        .list(&navigator.actor, &query)
        .await?;
    let body = html! {
        h1 { (t("referral-title-list")) }
        p { (t("referral-list-intro")) }
        form method="get" action="/navigator/referrals" {
            div.field {
                label for="status" { (t("referral-status")) }
                select #status name="status" {
                    option value="" { (t("referral-any")) }
                    @for status in ReferralStatus::ALL {
                        option value=(status.as_str()) selected[params.status == status.as_str()] { (status_name(status)) }
                    }
                }
            }
            div.field {
                label for="service_id" { (t("referral-service-id")) }
                input #service_id type="text" name="service_id" value=(params.service_id);
            }
            button.button--secondary type="submit" { (t("referral-filter")) }
        }
        @if referrals.is_empty() {
            p { (t("referral-none")) }
        } @else {
            table.table {
                caption.visually-hidden { (t("referral-title-list")) }
                thead { tr { th scope="col" { (t("referral-case-ref")) } th scope="col" { (t("referral-service")) } th scope="col" { (t("referral-status")) } th scope="col" { (t("referral-sent")) } th scope="col" { (t("referral-actions")) } } }
                tbody {
                    @for referral in &referrals {
                        tr {
                            td { a href=(referral_href(&referral.id)) { (referral.case_ref.clone().unwrap_or_else(|| t("referral-removed"))) } }
                            td { a href=(format!("/services/{}", encode(&referral.service_id))) { (referral.service_id) } }
                            td { (status_name(referral.status)) }
                            td { (long_date(&referral.sent_at)) }
                            td { (move_forms(&navigator, referral)) }
                        }
                    }
                }
            }
        }
        p { a href="/navigator" { (t("navigator-back")) } }
    };
    Ok(layout::page(&t("referral-title-list"), Some(&navigator), body).into_response())
}

/// `GET /navigator/referrals/{id}`
pub async fn show(
    State(state): State<WebState>,
    SignedIn(navigator): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let referral = state
        .directory
        .referrals()
        .get(&navigator.actor, &id)
        .await?;
    let times = [
        (ReferralStatus::Sent, Some(&referral.sent_at)),
        (ReferralStatus::Accepted, referral.accepted_at.as_ref()),
        (ReferralStatus::Declined, referral.declined_at.as_ref()),
        (ReferralStatus::Attended, referral.attended_at.as_ref()),
        (
            ReferralStatus::DidNotAttend,
            referral.did_not_attend_at.as_ref(),
        ),
        (ReferralStatus::Closed, referral.closed_at.as_ref()),
    ];
    let body = html! {
        h1 { (t_with("referral-heading", &[("ref", referral.case_ref.as_deref().unwrap_or(&referral.id).into())])) }
        dl.summary {
            dt { (t("referral-status")) } dd { (status_name(referral.status)) }
            @if let Some(reason) = &referral.reason { dt { (t("referral-reason")) } dd { (reason_name(reason)) } }
            dt { (t("referral-service")) } dd { a href=(format!("/services/{}", encode(&referral.service_id))) { (referral.service_id) } }
            dt { (t("referral-sent-by")) } dd { (referral.sent_by) }
            dt { (t("referral-needs")) } dd { (needs_text(&referral)) }
            @for (status, at) in times {
                @if let Some(at) = at { dt { (status_name(status)) } dd { (long_date(at)) } }
            }
        }
        @if !referral.next.is_empty() {
            h2 { (t("referral-record-heading")) }
            (move_forms(&navigator, &referral))
        }
        p { a href="/navigator/referrals" { (t("referral-all")) } }
    };
    Ok(layout::page(&t("referral-title-one"), Some(&navigator), body).into_response())
}

fn needs_text(referral: &Referral) -> String {
    if referral.needs.is_empty() {
        return t("referral-needs-none");
    }
    referral
        .needs
        .iter()
        .map(|code| code_name(NameKind::Category, code))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One small form per move this key may make; a decline asks for its reason.
fn move_forms(navigator: &Navigator, referral: &Referral) -> Markup {
    let action = format!("{}/status", referral_href(&referral.id));
    html! {
        @for to in &referral.next {
            form.inline-form method="post" action=(action) {
                (csrf_field(navigator))
                input type="hidden" name="status" value=(to.as_str());
                @if *to == ReferralStatus::Declined {
                    @let id = format!("reason-{}", referral.id);
                    label for=(id) { (t("referral-reason")) }
                    select id=(id) name="reason" required {
                        @for reason in DECLINE_REASONS { option value=(reason) { (reason_name(reason)) } }
                    }
                }
                button.button--secondary type="submit" {
                    (move_name(*to))
                    span.visually-hidden { (t_with("referral-move-hidden", &[("ref", referral.case_ref.as_deref().unwrap_or(&referral.id).into())])) }
                }
            }
        }
    }
}

/// `POST /navigator/referrals/{id}/status`: makes the move, then shows the referral.
pub async fn change(
    State(state): State<WebState>,
    Path(id): Path<String>,
    CheckedForm { navigator, form }: CheckedForm,
) -> Result<Response, WebError> {
    let reason = Some(form.text("reason")).filter(|r| !r.is_empty());
    state
        .directory
        .referrals()
        .change_status(&navigator.actor, &id, form.text("status"), reason)
        .await?;
    Ok(Redirect::to(&referral_href(&id)).into_response())
}

fn referral_href(id: &str) -> String {
    format!("/navigator/referrals/{}", encode(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use signpost_app::referrals::ETHNIC_GROUPS;

    #[test]
    fn every_census_ethnic_group_has_its_name_in_the_contract_order() {
        let codes: Vec<&str> = ETHNIC_GROUP_NAMES.iter().map(|(_, code)| *code).collect();
        assert_eq!(codes, ETHNIC_GROUPS.to_vec());
        assert_eq!(high_level_groups().len(), 5);
    }

    #[test]
    fn every_status_and_reason_has_words() {
        for status in ReferralStatus::ALL {
            assert!(!status_name(status).starts_with("referral-"));
            assert!(!move_name(status).starts_with("referral-"));
        }
        for reason in DECLINE_REASONS {
            assert_ne!(reason_name(reason), reason);
        }
    }
}
