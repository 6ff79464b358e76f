//! Navigators add and edit services, and mark them verified today. The form edits the fields a
//! navigator checks by phone; every other part of the HSDS record is kept as it was.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use rand_core::{OsRng, RngCore};
use signpost_app::freshness::london_today;
use signpost_domain::facets::taxonomy;
use signpost_domain::opening::session_line;
use signpost_domain::{
    Address, Attribute, Gender, Language, Location, Phone, Provenance, Schedule, Service,
    ServiceAtLocation, TaxonomyTerm, vocab,
};
use signpost_geo::{PlaceKind, PlaceLookup};
use signpost_i18n::NameKind;
use tracing::info;

use crate::error::WebError;
use crate::form::FormData;
use crate::language::english_name;
use crate::layout::{self, csrf_field};
use crate::navigator::{CheckedForm, SignedIn};
use crate::session::Navigator;
use crate::shortlist::encode;
use crate::state::WebState;
use crate::ui::{code_name, t, t_with};

/// The form's values as text, whether from a record or from a submission.
#[derive(Debug, Clone, Default, PartialEq)]
struct Fields {
    name: String,
    organisation: String,
    description: String,
    eligibility: String,
    languages: String,
    categories: Vec<String>,
    phone: String,
    email: String,
    postcode: String,
    opening: String,
    free: bool,
    gender: String,
    verified: bool,
}

impl Fields {
    fn of(service: &Service) -> Fields {
        Fields {
            name: service.name.clone(),
            organisation: service.organization_name().unwrap_or_default().to_owned(),
            description: service.description.clone().unwrap_or_default(),
            eligibility: service.eligibility_description.clone().unwrap_or_default(),
            languages: service
                .languages
                .iter()
                .filter_map(|l| l.code.as_deref())
                .collect::<Vec<_>>()
                .join(", "),
            categories: service
                .category_codes()
                .into_iter()
                .map(str::to_owned)
                .collect(),
            phone: service
                .phones
                .first()
                .map(|p| p.number.clone())
                .unwrap_or_default(),
            email: service
                .extra
                .get("email")
                .and_then(|e| e.as_str())
                .unwrap_or_default()
                .to_owned(),
            postcode: first_address(service)
                .map(|a| a.postal_code.clone())
                .unwrap_or_default(),
            opening: opening_text(&service.schedules),
            free: service.is_free(),
            gender: service
                .gender()
                .map(|g| g.code().to_owned())
                .unwrap_or_default(),
            verified: false,
        }
    }

    fn from_form(form: &FormData) -> Fields {
        Fields {
            name: form.text("name").to_owned(),
            organisation: form.text("organisation").to_owned(),
            description: form.text("description").to_owned(),
            eligibility: form.text("eligibility").to_owned(),
            languages: form.text("languages").to_owned(),
            categories: form
                .all("category")
                .into_iter()
                .map(str::to_owned)
                .collect(),
            phone: form.text("phone").to_owned(),
            email: form.text("email").to_owned(),
            postcode: form.text("postcode").to_owned(),
            opening: form.text("opening").to_owned(),
            free: form.ticked("free"),
            gender: form.text("gender").to_owned(),
            verified: form.ticked("verified"),
        }
    }
}

fn first_address(service: &Service) -> Option<&Address> {
    service
        .service_at_locations
        .iter()
        .filter_map(|sal| sal.location.as_ref())
        .flat_map(|l| l.addresses.iter())
        .next()
}

/// A problem with one field, for the error summary.
struct Problem {
    field: &'static str,
    message: String,
}

fn language_codes(text: &str) -> Result<Vec<&'static str>, String> {
    let mut codes: Vec<&'static str> = Vec::new();
    for given in text
        .split([',', ' '])
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        let code = vocab::normalise_language_code(given)
            .ok_or_else(|| t_with("edit-error-language", &[("given", given.into())]))?;
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    Ok(codes)
}

/// Weekly sessions as the form shows them, one a line: "MO,WE 18:00-20:30".
fn opening_text(schedules: &[Schedule]) -> String {
    schedules
        .iter()
        .filter_map(|s| {
            Some(format!(
                "{} {}-{}",
                s.byday.as_deref()?,
                s.opens_at.as_deref()?,
                s.closes_at.as_deref()?
            ))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Weekly schedules from the form's lines, or the first line that is not "DAYS HH:MM-HH:MM".
fn parse_opening(text: &str) -> Result<Vec<Schedule>, String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(parse_session)
        .collect()
}

fn parse_session(line: &str) -> Result<Schedule, String> {
    let session =
        session_line(line).ok_or_else(|| t_with("edit-error-opening", &[("line", line.into())]))?;
    Ok(Schedule {
        id: new_id(),
        freq: Some("WEEKLY".to_owned()),
        byday: Some(session.days),
        opens_at: Some(session.opens),
        closes_at: Some(session.closes),
        ..Default::default()
    })
}

/// The record with the form's values applied, or what is wrong with them.
fn apply(mut service: Service, fields: &Fields, state: &WebState) -> Result<Service, Vec<Problem>> {
    let mut problems = Vec::new();
    if fields.name.is_empty() {
        problems.push(Problem {
            field: "name",
            message: t("edit-error-name"),
        });
    }
    let codes = language_codes(&fields.languages).unwrap_or_else(|message| {
        problems.push(Problem {
            field: "languages",
            message,
        });
        Vec::new()
    });
    let unknown_category = fields
        .categories
        .iter()
        .find(|c| vocab::category(c).is_none());
    if let Some(code) = unknown_category {
        problems.push(Problem {
            field: "categories",
            message: t_with("edit-error-category", &[("code", code.as_str().into())]),
        });
    }
    let schedules = if fields.opening.trim() == opening_text(&service.schedules) {
        None
    } else {
        parse_opening(&fields.opening)
            .map_err(|message| {
                problems.push(Problem {
                    field: "opening",
                    message,
                })
            })
            .ok()
    };
    let gender = match fields.gender.as_str() {
        "" => None,
        code => Gender::from_code(code),
    };
    let place = if fields.postcode.is_empty()
        || Some(fields.postcode.as_str()) == first_address(&service).map(|a| a.postal_code.as_str())
    {
        None
    } else {
        match state
            .directory
            .places()
            .lookup(&fields.postcode)
            .filter(|p| p.kind == PlaceKind::Postcode)
        {
            Some(place) => Some(place),
            None => {
                problems.push(Problem {
                    field: "postcode",
                    message: t_with(
                        "edit-error-postcode",
                        &[("postcode", fields.postcode.as_str().into())],
                    ),
                });
                None
            }
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    service.name = fields.name.clone();
    service.description = non_empty(&fields.description);
    service.eligibility_description = non_empty(&fields.eligibility);
    set_organisation(&mut service, &fields.organisation);
    set_languages(&mut service, &codes);
    set_attributes(
        &mut service,
        taxonomy::CATEGORY,
        &fields
            .categories
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    let cost: &[&str] = if fields.free { &["free"] } else { &[] };
    set_attributes(&mut service, taxonomy::COST, cost);
    let gender_codes: Vec<&str> = gender.map(Gender::code).into_iter().collect();
    set_attributes(&mut service, taxonomy::GENDER, &gender_codes);
    set_phone(&mut service, &fields.phone);
    match non_empty(&fields.email) {
        Some(email) => service.extra.insert("email".into(), email.into()),
        None => service.extra.remove("email"),
    };
    if let Some(place) = place {
        set_place(&mut service, &place.label, place.lat, place.lon);
    }
    if let Some(schedules) = schedules {
        service.schedules = schedules;
    }
    if fields.verified {
        service.assured_date = Some(london_today().format("%Y-%m-%d").to_string());
    }
    Ok(service)
}

fn non_empty(text: &str) -> Option<String> {
    (!text.trim().is_empty()).then(|| text.trim().to_owned())
}

fn new_id() -> String {
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

fn set_organisation(service: &mut Service, name: &str) {
    let Some(name) = non_empty(name) else {
        return;
    };
    if let Some(org) = service.organization.as_mut() {
        org.name = name;
        return;
    }
    let id = new_id();
    service.organization_id = Some(id.clone());
    service.organization = Some(signpost_domain::Organization {
        id,
        name,
        ..Default::default()
    });
}

fn set_languages(service: &mut Service, codes: &[&str]) {
    let kept: Vec<Language> = service
        .languages
        .iter()
        .filter(|l| l.code.as_deref().is_some_and(|c| codes.contains(&c)))
        .cloned()
        .collect();
    let mut languages = kept;
    for code in codes {
        if !languages.iter().any(|l| l.code.as_deref() == Some(code)) {
            languages.push(Language {
                id: new_id(),
                code: Some((*code).to_owned()),
                name: Some(english_name(code)),
                ..Default::default()
            });
        }
    }
    service.languages = languages;
}

fn set_attributes(service: &mut Service, taxonomy: &str, codes: &[&str]) {
    service.attributes.retain(|a| {
        a.taxonomy_term
            .as_ref()
            .is_none_or(|t| t.taxonomy.as_deref() != Some(taxonomy))
    });
    for code in codes {
        let name = match taxonomy {
            taxonomy::CATEGORY => vocab::category(code).map_or(*code, |c| c.name).to_owned(),
            taxonomy::COST => "Free of charge".to_owned(),
            _ => format!("For {code} people only"),
        };
        service.attributes.push(Attribute {
            id: new_id(),
            taxonomy_term: Some(TaxonomyTerm {
                id: format!("{taxonomy}:{code}"),
                code: Some((*code).to_owned()),
                name: name.clone(),
                description: name,
                taxonomy: Some(taxonomy.to_owned()),
                ..Default::default()
            }),
            ..Default::default()
        });
    }
}

fn set_phone(service: &mut Service, number: &str) {
    let Some(number) = non_empty(number) else {
        service.phones.clear();
        return;
    };
    if let Some(phone) = service.phones.first_mut() {
        phone.number = number;
        return;
    }
    service.phones.push(Phone {
        id: new_id(),
        number,
        ..Default::default()
    });
}

/// Moves the first location to a postcode (or adds one).
fn set_place(service: &mut Service, postcode: &str, lat: f64, lon: f64) {
    if let Some(location) = service
        .service_at_locations
        .iter_mut()
        .find_map(|sal| sal.location.as_mut())
    {
        location.latitude = Some(lat);
        location.longitude = Some(lon);
        match location.addresses.first_mut() {
            Some(address) => address.postal_code = postcode.to_owned(),
            None => location.addresses.push(new_address(postcode)),
        }
        return;
    }
    service.service_at_locations.push(ServiceAtLocation {
        id: new_id(),
        location: Some(Location {
            id: new_id(),
            location_type: "physical".into(),
            latitude: Some(lat),
            longitude: Some(lon),
            addresses: vec![new_address(postcode)],
            ..Default::default()
        }),
        ..Default::default()
    });
}

fn new_address(postcode: &str) -> Address {
    Address {
        id: new_id(),
        postal_code: postcode.to_owned(),
        country: "GB".into(),
        address_type: "physical".into(),
        ..Default::default()
    }
}

fn form_body(
    navigator: &Navigator,
    action: &str,
    heading: &str,
    fields: &Fields,
    problems: &[Problem],
) -> Markup {
    let gender_options = [
        ("", t("edit-open-to-everyone")),
        ("female", t("edit-open-to-women")),
        ("male", t("edit-open-to-men")),
    ];
    html! {
        @if !problems.is_empty() {
            div.error-summary role="alert" tabindex="-1" {
                h2 { (t("error-problem")) }
                ul { @for p in problems { li { a href=(format!("#{}", p.field)) { (p.message) } } } }
            }
        }
        h1 { (heading) }
        form method="post" action=(action) {
            (csrf_field(navigator))
            div.field { label for="name" { (t("edit-name")) } input #name type="text" name="name" value=(fields.name) required; }
            div.field { label for="organisation" { (t("edit-organisation")) } input #organisation type="text" name="organisation" value=(fields.organisation); }
            div.field { label for="description" { (t("edit-description")) } textarea #description name="description" rows="4" { (fields.description) } }
            div.field { label for="eligibility" { (t("edit-eligibility")) } textarea #eligibility name="eligibility" rows="3" { (fields.eligibility) } }
            div.field {
                label for="languages" { (t("edit-languages")) }
                p.hint #languages-hint { (t("edit-languages-hint")) }
                input #languages type="text" name="languages" value=(fields.languages) aria-describedby="languages-hint";
            }
            fieldset #categories {
                legend { (t("edit-categories")) }
                @for category in vocab::categories() {
                    div.checkbox {
                        input id=(format!("category-{}", category.code)) type="checkbox" name="category" value=(category.code) checked[fields.categories.iter().any(|c| c == category.code)];
                        label for=(format!("category-{}", category.code)) { (code_name(NameKind::Category, category.code)) }
                    }
                }
            }
            div.field { label for="gender" { (t("edit-open-to")) }
                select #gender name="gender" {
                    @for (code, label) in &gender_options { option value=(code) selected[fields.gender == *code] { (label) } }
                }
            }
            div.checkbox { input #free type="checkbox" name="free" checked[fields.free]; label for="free" { (t("edit-free")) } }
            div.field { label for="phone" { (t("edit-phone")) } input #phone type="tel" name="phone" value=(fields.phone) autocomplete="off"; }
            div.field { label for="email" { (t("edit-email")) } input #email type="email" name="email" value=(fields.email) autocomplete="off"; }
            div.field {
                label for="postcode" { (t("edit-postcode")) }
                p.hint #postcode-hint { (t("edit-postcode-hint")) }
                input #postcode type="text" name="postcode" value=(fields.postcode) aria-describedby="postcode-hint" autocomplete="off";
            }
            div.field {
                label for="opening" { (t("edit-opening")) }
                p.hint #opening-hint { (t("edit-opening-hint")) }
                textarea #opening name="opening" rows="3" aria-describedby="opening-hint" { (fields.opening) }
            }
            div.checkbox { input #verified type="checkbox" name="verified" checked[fields.verified]; label for="verified" { (t("edit-verified")) } }
            button type="submit" { (t("edit-save")) }
        }
    }
}

fn edit_action(id: &str) -> String {
    format!("/navigator/services/{}/edit", encode(id))
}

/// `GET /navigator/services/new`
pub async fn new_form(SignedIn(navigator): SignedIn) -> Response {
    let body = form_body(
        &navigator,
        "/navigator/services/new",
        &t("edit-add-heading"),
        &Fields::default(),
        &[],
    );
    layout::page(&t("edit-add-heading"), Some(&navigator), body).into_response()
}

/// `POST /navigator/services/new`
pub async fn create(
    State(state): State<WebState>,
    CheckedForm { navigator, form }: CheckedForm,
) -> Result<Response, WebError> {
    let fields = Fields::from_form(&form);
    let blank = Service {
        id: new_id(),
        status: "active".into(),
        provenance: Some(Provenance {
            source: format!("Signpost navigator ({})", navigator.actor.name),
            ..Default::default()
        }),
        ..Default::default()
    };
    let service = match apply(blank, &fields, &state) {
        Ok(service) => service,
        Err(problems) => {
            return Ok(refused_form(
                &navigator,
                "/navigator/services/new",
                &t("edit-add-heading"),
                &fields,
                &problems,
            ));
        }
    };
    let saved = state
        .directory
        .create_service(service, &navigator.actor)
        .await?;
    info!(service = %saved.id, key = %navigator.actor.name, "service added from the web page");
    Ok(Redirect::to(&format!("/services/{}", encode(&saved.id))).into_response())
}

fn refused_form(
    navigator: &Navigator,
    action: &str,
    heading: &str,
    fields: &Fields,
    problems: &[Problem],
) -> Response {
    let body = form_body(navigator, action, heading, fields, problems);
    (
        StatusCode::BAD_REQUEST,
        layout::page(heading, Some(navigator), body),
    )
        .into_response()
}

/// `GET /navigator/services/{id}/edit`
pub async fn edit_form(
    State(state): State<WebState>,
    Path(id): Path<String>,
    SignedIn(navigator): SignedIn,
) -> Result<Response, WebError> {
    let service = state.directory.service(&id).await?;
    let heading = t_with("edit-heading", &[("service", service.name.as_str().into())]);
    let body = form_body(
        &navigator,
        &edit_action(&id),
        &heading,
        &Fields::of(&service),
        &[],
    );
    Ok(layout::page(&heading, Some(&navigator), body).into_response())
}

/// `POST /navigator/services/{id}/edit`
pub async fn update(
    State(state): State<WebState>,
    Path(id): Path<String>,
    CheckedForm { navigator, form }: CheckedForm,
) -> Result<Response, WebError> {
    let current = state.directory.service(&id).await?;
    let heading = t_with("edit-heading", &[("service", current.name.as_str().into())]);
    let fields = Fields::from_form(&form);
    let service = match apply(current, &fields, &state) {
        Ok(service) => service,
        Err(problems) => {
            return Ok(refused_form(
                &navigator,
                &edit_action(&id),
                &heading,
                &fields,
                &problems,
            ));
        }
    };
    state
        .directory
        .replace_service(&id, service, &navigator.actor)
        .await?;
    info!(service = %id, key = %navigator.actor.name, "service edited from the web page");
    Ok(Redirect::to(&format!("/services/{}", encode(&id))).into_response())
}

/// `POST /navigator/services/{id}/verified`: sets the last verified date to today.
pub async fn verified_today(
    State(state): State<WebState>,
    Path(id): Path<String>,
    CheckedForm { navigator, .. }: CheckedForm,
) -> Result<Response, WebError> {
    state.directory.mark_checked(&id, &navigator.actor).await?;
    info!(service = %id, key = %navigator.actor.name, "service marked verified today");
    Ok(Redirect::to(&format!("/services/{}", encode(&id))).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_times_round_trip_through_the_form() {
        let schedules = parse_opening("mo,we 18:00 - 20:30\n\nSA 10:00-13:00").expect("valid");
        assert_eq!(
            opening_text(&schedules),
            "MO,WE 18:00-20:30\nSA 10:00-13:00"
        );
        assert_eq!(schedules[0].freq.as_deref(), Some("WEEKLY"));
        for bad in [
            "Mondays 6pm",
            "MO 18:00",
            "XX 10:00-12:00",
            "MO 25:00-26:00",
        ] {
            assert!(parse_opening(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_opening("").expect("none"), vec![]);
    }

    #[test]
    fn language_codes_accept_639_1_and_reject_unknowns() {
        assert_eq!(
            language_codes("ben, SYL ur ben"),
            Ok(vec!["ben", "syl", "urd"])
        );
        assert!(language_codes("bengalish").is_err());
        assert_eq!(language_codes(""), Ok(vec![]));
    }

    #[test]
    fn attributes_of_one_taxonomy_are_replaced_and_others_kept() {
        let mut service: Service = serde_json::from_value(serde_json::json!({"id": "s", "name": "n", "attributes": [
            {"id": "a", "taxonomy_term": {"id": "signpost-category:housing", "code": "housing", "name": "Housing", "description": "", "taxonomy": "signpost-category"}},
            {"id": "b", "taxonomy_term": {"id": "x", "code": "other", "name": "Other", "description": "", "taxonomy": "someone-else"}}
        ]}))
        .expect("service");
        set_attributes(&mut service, taxonomy::CATEGORY, &["mentoring"]);
        assert_eq!(service.category_codes(), ["mentoring"]);
        assert_eq!(service.taxonomy_codes("someone-else"), ["other"]);
        set_attributes(&mut service, taxonomy::COST, &["free"]);
        assert!(service.is_free());
    }

    #[test]
    fn languages_keep_their_ids_when_kept() {
        let mut service: Service =
            serde_json::from_value(serde_json::json!({"id": "s", "name": "n", "languages": [
            {"id": "keep", "code": "ben"}, {"id": "drop", "code": "urd"}]}))
            .expect("service");
        set_languages(&mut service, &["ben", "syl"]);
        assert_eq!(service.language_codes(), ["ben", "syl"]);
        assert_eq!(service.languages[0].id, "keep");
    }
}
