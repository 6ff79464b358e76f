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

use crate::error::WebError;
use crate::form::FormData;
use crate::format::long_date;
use crate::layout::{self, csrf_field};
use crate::navigator::{CheckedForm, SignedIn};
use crate::session::Navigator;
use crate::shortlist::encode;
use crate::state::WebState;

/// The Census 2021 names of the ethnic groups, by code, under their five high-level groups.
const ETHNIC_GROUP_NAMES: [(&str, &str, &str); 19] = [
    (
        "Asian, Asian British or Asian Welsh",
        "asian-bangladeshi",
        "Bangladeshi",
    ),
    (
        "Asian, Asian British or Asian Welsh",
        "asian-chinese",
        "Chinese",
    ),
    (
        "Asian, Asian British or Asian Welsh",
        "asian-indian",
        "Indian",
    ),
    (
        "Asian, Asian British or Asian Welsh",
        "asian-pakistani",
        "Pakistani",
    ),
    (
        "Asian, Asian British or Asian Welsh",
        "asian-other",
        "Other Asian",
    ),
    (
        "Black, Black British, Black Welsh, Caribbean or African",
        "black-african",
        "African",
    ),
    (
        "Black, Black British, Black Welsh, Caribbean or African",
        "black-caribbean",
        "Caribbean",
    ),
    (
        "Black, Black British, Black Welsh, Caribbean or African",
        "black-other",
        "Other Black",
    ),
    (
        "Mixed or Multiple ethnic groups",
        "mixed-white-asian",
        "White and Asian",
    ),
    (
        "Mixed or Multiple ethnic groups",
        "mixed-white-black-african",
        "White and Black African",
    ),
    (
        "Mixed or Multiple ethnic groups",
        "mixed-white-black-caribbean",
        "White and Black Caribbean",
    ),
    (
        "Mixed or Multiple ethnic groups",
        "mixed-other",
        "Other Mixed or Multiple ethnic groups",
    ),
    (
        "White",
        "white-british",
        "English, Welsh, Scottish, Northern Irish or British",
    ),
    ("White", "white-irish", "Irish"),
    (
        "White",
        "white-gypsy-irish-traveller",
        "Gypsy or Irish Traveller",
    ),
    ("White", "white-roma", "Roma"),
    ("White", "white-other", "Other White"),
    ("Other ethnic group", "other-arab", "Arab"),
    ("Other ethnic group", "other-any", "Any other ethnic group"),
];

/// How each status reads on a page.
fn status_name(status: ReferralStatus) -> &'static str {
    match status {
        ReferralStatus::Sent => "Sent",
        ReferralStatus::Accepted => "Accepted",
        ReferralStatus::Declined => "Declined",
        ReferralStatus::Attended => "Attended",
        ReferralStatus::DidNotAttend => "Did not attend",
        ReferralStatus::Closed => "Closed",
    }
}

/// The button that makes a move.
fn move_name(status: ReferralStatus) -> &'static str {
    match status {
        ReferralStatus::Sent => "Send",
        ReferralStatus::Accepted => "Accept",
        ReferralStatus::Declined => "Decline",
        ReferralStatus::Attended => "Attended",
        ReferralStatus::DidNotAttend => "Did not attend",
        ReferralStatus::Closed => "Close",
    }
}

fn reason_name(reason: &str) -> &str {
    match reason {
        "not-eligible" => "Not eligible",
        "full" => "Service full",
        "no-contact" => "Could not make contact",
        "person-declined" => "The person declined",
        "other" => "Other reason",
        other => other,
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
    Ok(layout::page("Refer", Some(&navigator), body).into_response())
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
            let page = layout::page("Refer", Some(&navigator), body);
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
                h2 { "There is a problem" }
                p { (error) }
            }
        }
        h1 { "Refer someone to " (service.name) }
        p { "Use your team's case reference, never the person's name. The service sees the referral and records what happens." }
        form method="post" action="/navigator/referrals" {
            (csrf_field(navigator))
            input type="hidden" name="service_id" value=(service.id);
            div.field {
                label for="case_ref" { "Case reference" }
                p.hint #case_ref-hint { "Your team's own reference, for example WSL-0042. Not a name." }
                input #case_ref type="text" name="case_ref" value=(given.text("case_ref")) maxlength="64" aria-describedby="case_ref-hint" autocomplete="off" required;
            }
            fieldset.field {
                legend { "What does the person need?" }
                @for category in vocab::categories() {
                    div.checkbox {
                        input type="checkbox" name="needs" value=(category.code) id=(format!("need-{}", category.code)) checked[needs.contains(&category.code)];
                        label for=(format!("need-{}", category.code)) { (category.name) }
                    }
                }
            }
            fieldset.field {
                legend { "Equality monitoring (optional)" }
                p.hint { "Only with the person's agreement. These answers are encrypted, and used only to see whether some groups are referred, accepted or helped less often than others." }
                div.field {
                    label for="ethnic_group" { "Ethnic group (Census 2021)" }
                    select #ethnic_group name="ethnic_group" {
                        option value="" { "Not recorded" }
                        @for heading in high_level_groups() {
                            optgroup label=(heading) {
                                @for (_, code, name) in ETHNIC_GROUP_NAMES.iter().filter(|(h, _, _)| *h == heading) {
                                    option value=(code) selected[given.text("ethnic_group") == *code] { (name) }
                                }
                            }
                        }
                    }
                }
                div.field {
                    label for="religion" { "Religion (Census 2021)" }
                    select #religion name="religion" {
                        option value="" { "Not recorded" }
                        @for faith in vocab::faiths() {
                            option value=(faith.code) selected[given.text("religion") == faith.code] { (faith.census_category) }
                        }
                        option value="not-stated" selected[given.text("religion") == "not-stated"] { "Not stated" }
                    }
                }
                div.field {
                    label for="main_language" { "Main language" }
                    p.hint #main_language-hint { "An ISO 639-3 code, for example syl (Sylheti), ben (Bengali), urd (Urdu), pol (Polish)." }
                    input #main_language type="text" name="main_language" value=(given.text("main_language")) maxlength="3" aria-describedby="main_language-hint" autocomplete="off";
                }
                div.field {
                    label for="sex" { "Sex" }
                    select #sex name="sex" {
                        option value="" { "Not recorded" }
                        option value="female" selected[given.text("sex") == "female"] { "Female" }
                        option value="male" selected[given.text("sex") == "male"] { "Male" }
                    }
                }
                div.field {
                    label for="age_band" { "Age" }
                    select #age_band name="age_band" {
                        option value="" { "Not recorded" }
                        @for band in AGE_BANDS {
                            option value=(band) selected[given.text("age_band") == band] { (band) }
                        }
                    }
                }
            }
            button type="submit" { "Send referral" }
        }
        p { a href=(format!("/services/{}", encode(&service.id))) { "Back to " (service.name) } }
    }
}

fn high_level_groups() -> Vec<&'static str> {
    let mut headings: Vec<&str> = Vec::new();
    for (heading, _, _) in ETHNIC_GROUP_NAMES {
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
        h1 { "Referrals" }
        p { "The referrals your team sent, and those sent to your organisation's services." }
        form method="get" action="/navigator/referrals" {
            div.field {
                label for="status" { "Status" }
                select #status name="status" {
                    option value="" { "Any" }
                    @for status in ReferralStatus::ALL {
                        option value=(status.as_str()) selected[params.status == status.as_str()] { (status_name(status)) }
                    }
                }
            }
            div.field {
                label for="service_id" { "Service id" }
                input #service_id type="text" name="service_id" value=(params.service_id);
            }
            button.button--secondary type="submit" { "Filter" }
        }
        @if referrals.is_empty() {
            p { "No referrals." }
        } @else {
            table.table {
                caption.visually-hidden { "Referrals" }
                thead { tr { th scope="col" { "Case reference" } th scope="col" { "Service" } th scope="col" { "Status" } th scope="col" { "Sent" } th scope="col" { "Actions" } } }
                tbody {
                    @for referral in &referrals {
                        tr {
                            td { a href=(referral_href(&referral.id)) { (referral.case_ref.as_deref().unwrap_or("(removed)")) } }
                            td { a href=(format!("/services/{}", encode(&referral.service_id))) { (referral.service_id) } }
                            td { (status_name(referral.status)) }
                            td { (long_date(&referral.sent_at)) }
                            td { (move_forms(&navigator, referral)) }
                        }
                    }
                }
            }
        }
        p { a href="/navigator" { "Back to the navigator page" } }
    };
    Ok(layout::page("Referrals", Some(&navigator), body).into_response())
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
        ("Sent", Some(&referral.sent_at)),
        ("Accepted", referral.accepted_at.as_ref()),
        ("Declined", referral.declined_at.as_ref()),
        ("Attended", referral.attended_at.as_ref()),
        ("Did not attend", referral.did_not_attend_at.as_ref()),
        ("Closed", referral.closed_at.as_ref()),
    ];
    let body = html! {
        h1 { "Referral " (referral.case_ref.as_deref().unwrap_or(&referral.id)) }
        dl.summary {
            dt { "Status" } dd { (status_name(referral.status)) }
            @if let Some(reason) = &referral.reason { dt { "Reason" } dd { (reason_name(reason)) } }
            dt { "Service" } dd { a href=(format!("/services/{}", encode(&referral.service_id))) { (referral.service_id) } }
            dt { "Sent by" } dd { (referral.sent_by) }
            dt { "Needs" } dd { (needs_text(&referral)) }
            @for (label, at) in times {
                @if let Some(at) = at { dt { (label) } dd { (long_date(at)) } }
            }
        }
        @if !referral.next.is_empty() {
            h2 { "Record what happened" }
            (move_forms(&navigator, &referral))
        }
        p { a href="/navigator/referrals" { "All referrals" } }
    };
    Ok(layout::page("Referral", Some(&navigator), body).into_response())
}

fn needs_text(referral: &Referral) -> String {
    if referral.needs.is_empty() {
        return "None recorded".to_owned();
    }
    referral
        .needs
        .iter()
        .map(|code| vocab::category(code).map_or(code.as_str(), |c| c.name))
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
                    label for=(id) { "Reason" }
                    select id=(id) name="reason" required {
                        @for reason in DECLINE_REASONS { option value=(reason) { (reason_name(reason)) } }
                    }
                }
                button.button--secondary type="submit" {
                    (move_name(*to))
                    span.visually-hidden { ": referral " (referral.case_ref.as_deref().unwrap_or(&referral.id)) }
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
        let codes: Vec<&str> = ETHNIC_GROUP_NAMES
            .iter()
            .map(|(_, code, _)| *code)
            .collect();
        assert_eq!(codes, ETHNIC_GROUPS.to_vec());
        assert_eq!(high_level_groups().len(), 5);
    }

    #[test]
    fn every_status_and_reason_has_words() {
        for status in ReferralStatus::ALL {
            assert!(!status_name(status).contains('_'));
        }
        for reason in DECLINE_REASONS {
            assert_ne!(reason_name(reason), reason);
        }
    }
}
