//! The admin's equality heatmap (docs/equality.md): who is referred, accepted and helped, group
//! by group, against a reference group, with each group's median waits. The same rates and
//! suppression as `signpost equality`, coloured with the stylesheet's classes (no inline
//! style). A caseload pasted into the form is read for this page only, never stored.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use signpost_app::equality::{
    Heatmap, HeatmapAsked, NaiveDate, RateRow, WAIT_STEPS, Wait, shade_step,
};
use signpost_app::keys::Role;
use signpost_app::{AppError, Code, EqualityField};

use crate::error::WebError;
use crate::form::FormData;
use crate::layout::{self, csrf_field};
use crate::navigator::{CheckedForm, SignedIn};
use crate::session::Navigator;
use crate::state::WebState;
use crate::ui::{t, t_with};

const DEFAULT_REFERENCE: &str = "white-british";

/// The fields a heatmap may be grouped by, with the catalogue keys of their names on the page.
const GROUPINGS: [(&str, EqualityField, &str); 5] = [
    (
        "ethnic_group",
        EqualityField::EthnicGroup,
        "equality-by-ethnic-group",
    ),
    ("religion", EqualityField::Religion, "equality-by-religion"),
    (
        "main_language",
        EqualityField::MainLanguage,
        "equality-by-main-language",
    ),
    ("sex", EqualityField::Sex, "equality-by-sex"),
    ("age_band", EqualityField::AgeBand, "equality-by-age-band"),
];

/// `GET /navigator/equality[?from=&to=&by=&reference=]`: the heatmap per referral.
pub async fn page(
    State(state): State<WebState>,
    SignedIn(navigator): SignedIn,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let form = FormData::parse(query.unwrap_or_default().as_bytes());
    show(&state, &navigator, &form, None).await
}

/// `POST /navigator/equality`: the heatmap on a pasted caseload.
pub async fn with_caseload(
    State(state): State<WebState>,
    CheckedForm { navigator, form }: CheckedForm,
) -> Result<Response, WebError> {
    let caseload = Some(form.text("caseload")).filter(|text| !text.is_empty());
    show(&state, &navigator, &form, caseload).await
}

async fn show(
    state: &WebState,
    navigator: &Navigator,
    form: &FormData,
    caseload: Option<&str>,
) -> Result<Response, WebError> {
    if navigator.actor.role != Role::Admin {
        return Err(WebError::refused(Code::Forbidden, t("equality-admin-only")));
    }
    let asked = match asked_from(form, caseload) {
        Ok(asked) => asked,
        Err(problem) => return Ok(shown(navigator, form, Err(&problem))),
    };
    match state.directory.equality_heatmap(&asked).await {
        Ok(heatmap) => Ok(shown(navigator, form, Ok((&heatmap, asked.reference)))),
        Err(AppError::Rejected(rejection)) => Ok(shown(navigator, form, Err(&rejection.message))),
        Err(fault) => Err(fault.into()),
    }
}

fn shown(
    navigator: &Navigator,
    form: &FormData,
    outcome: Result<(&Heatmap, &str), &str>,
) -> Response {
    let status = if outcome.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let body = html! {
        h1 { (t("equality-title")) }
        p { (t("equality-intro")) }
        @if let Err(problem) = outcome {
            div.error-summary role="alert" tabindex="-1" {
                h2 { (t("equality-problem")) }
                p { (problem) }
            }
        }
        (filter_form(navigator, form))
        @if let Ok((heatmap, reference)) = outcome {
            (heatmap_table(heatmap, reference))
        }
    };
    (
        status,
        layout::page(&t("equality-title"), Some(navigator), body),
    )
        .into_response()
}

/// What the form asks for; a date that is not a date is a problem to show.
fn asked_from<'a>(
    form: &'a FormData,
    caseload: Option<&'a str>,
) -> Result<HeatmapAsked<'a>, String> {
    let by = GROUPINGS
        .iter()
        .find(|(code, _, _)| *code == form.text("by"))
        .map_or(EqualityField::EthnicGroup, |(_, field, _)| *field);
    let reference = Some(form.text("reference"))
        .filter(|r| !r.is_empty())
        .unwrap_or(DEFAULT_REFERENCE);
    Ok(HeatmapAsked {
        by,
        reference,
        from: date(form, "from", "equality-date-from")?,
        to: date(form, "to", "equality-date-to")?,
        caseload,
    })
}

/// The date in `field`; a problem naming the field by its label (`label_key`) if it is not one.
fn date(form: &FormData, field: &str, label_key: &str) -> Result<Option<NaiveDate>, String> {
    let text = form.text(field);
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| t_with("equality-bad-date", &[("label", t(label_key).into())]))
}

fn filter_form(navigator: &Navigator, form: &FormData) -> Markup {
    let reference = Some(form.text("reference"))
        .filter(|r| !r.is_empty())
        .unwrap_or(DEFAULT_REFERENCE);
    html! {
        form method="post" action="/navigator/equality" {
            (csrf_field(navigator))
            div.field {
                label for="from" { (t("equality-from")) }
                input #from type="date" name="from" value=(form.text("from"));
            }
            div.field {
                label for="to" { (t("equality-to")) }
                input #to type="date" name="to" value=(form.text("to"));
            }
            div.field {
                label for="by" { (t("equality-group-by")) }
                select #by name="by" {
                    @for (code, _, name) in GROUPINGS {
                        option value=(code) selected[form.text("by") == code] { (t(name)) }
                    }
                }
            }
            div.field {
                label for="reference" { (t("equality-reference")) }
                p.hint #reference-hint { (t("equality-reference-hint")) }
                input #reference type="text" name="reference" value=(reference) aria-describedby="reference-hint";
            }
            div.field {
                label for="caseload" { (t("equality-caseload")) }
                p.hint #caseload-hint { (t("equality-caseload-hint")) }
                textarea #caseload name="caseload" rows="5" aria-describedby="caseload-hint" { (form.text("caseload")) }
            }
            button type="submit" { (t("equality-show")) }
        }
    }
}

fn heatmap_table(heatmap: &Heatmap, reference: &str) -> Markup {
    let groups = first_seen(heatmap.rates.iter().map(|r| r.group.as_str()));
    let metrics = first_seen(heatmap.rates.iter().map(|r| r.metric.as_str()));
    html! {
        @if heatmap.rates.is_empty() {
            p { (t("equality-none")) }
        } @else {
            table.table.heatmap {
                caption { (t_with("equality-caption", &[("reference", reference.into())])) }
                thead {
                    tr {
                        th scope="col" { (t("equality-group")) }
                        @for metric in &metrics { th scope="col" { (known_word("equality-metric", metric)) } }
                        @for step in WAIT_STEPS { th scope="col" { (known_word("equality-wait", step)) } }
                    }
                }
                tbody {
                    @for group in &groups {
                        tr {
                            th scope="row" { (group) @if *group == reference { (t("equality-is-reference")) } }
                            @for metric in &metrics {
                                (rate_cell(heatmap.rates.iter().find(|r| r.group == *group && r.metric == *metric)))
                            }
                            @for step in WAIT_STEPS {
                                (wait_cell(heatmap.waits.iter().find(|w| w.group == *group && w.step == step)))
                            }
                        }
                    }
                }
            }
            p { (t("equality-key")) }
            @if !heatmap.not_in_caseload.is_empty() {
                p { (t_with("equality-not-in-caseload", &[("groups", heatmap.not_in_caseload.join(", ").into())])) }
            }
        }
    }
}

fn rate_cell(row: Option<&RateRow>) -> Markup {
    let Some(row) = row else {
        return html! { td.heat-none { (t("equality-no-data")) } };
    };
    let Some(rri) = row.rri else {
        return html! { td.heat-suppressed { (t("equality-suppressed")) } };
    };
    html! {
        td class=(format!("heat-{}", shade_class(rri))) {
            strong { (format!("{rri:.2}")) }
            @if let Some((low, high)) = row.interval {
                br; span.hint { (t_with("equality-interval", &[("low", format!("{low:.2}").into()), ("high", format!("{high:.2}").into())])) }
            }
            br; (known_word("equality-flag", row.flag.as_str()))
            br; span.hint { (t_with("equality-count-of-base", &[("count", row.count.to_string().into()), ("base", row.base.to_string().into())])) }
        }
    }
}

fn wait_cell(wait: Option<&Wait>) -> Markup {
    match wait {
        Some(wait) => match wait.shown_median() {
            Some(days) => {
                html! { td { (days_in_words(days)) br; span.hint { (t_with("equality-referrals", &[("count", wait.referrals.to_string().into())])) } } }
            }
            None => html! { td.heat-suppressed { (t("equality-suppressed")) } },
        },
        None => html! { td.heat-none { (t("equality-no-data")) } },
    }
}

/// A code's word on the page (catalogue key `<prefix>-<code>`), or the code itself if it has none.
fn known_word(prefix: &str, code: &str) -> String {
    let key = format!("{prefix}-{code}");
    let word = t(&key);
    if word == key { code.to_owned() } else { word }
}

/// A median wait in days, to one decimal place, in the page's language.
fn days_in_words(days: f64) -> String {
    t_with("equality-days", &[("days", format!("{days:.1}").into())])
}

/// `m4` (half the reference rate or lower) … `0` … `p4` (double or higher).
fn shade_class(rri: f64) -> String {
    match shade_step(rri) {
        step if step < 0 => format!("m{}", -step),
        step if step > 0 => format!("p{step}"),
        _ => "0".to_owned(),
    }
}

fn first_seen<'a>(names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen: Vec<&str> = Vec::new();
    for name in names {
        if !seen.contains(&name) {
            seen.push(name);
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shades_name_their_side_and_step() {
        assert_eq!(shade_class(1.0), "0");
        assert_eq!(shade_class(2.0), "p4");
        assert_eq!(shade_class(0.5), "m4");
    }

    #[test]
    fn a_bad_date_is_a_problem_to_show() {
        let form = FormData::parse(b"from=31%2F01%2F2026");
        assert!(asked_from(&form, None).is_err());
        let form = FormData::parse(b"from=2026-01-31&by=sex");
        let asked = asked_from(&form, None).unwrap();
        assert_eq!(asked.by, EqualityField::Sex);
        assert_eq!(asked.reference, DEFAULT_REFERENCE);
    }
}
