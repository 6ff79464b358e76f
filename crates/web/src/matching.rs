//! "Match a person": a navigator describes one person's needs and gets the services in reach that
//! fit, each criterion explained, and the needs nothing in reach meets.
//!
//! Privacy invariant: the person's details are special-category data. They arrive in a POST body,
//! are turned into a [`Profile`], used and dropped: never stored, logged, put in a URL or a cookie,
//! and every response carries `Cache-Control: no-store`.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde_json::{Map, Value, json};
use signpost_app::{MatchOutcome, Profile, ProfileError};
use signpost_domain::vocab;

use crate::error::WebError;
use crate::form::FormData;
use crate::layout;
use crate::session::Navigator;
use crate::shortlist::encode;
use crate::state::WebState;

const TITLE: &str = "Match a person";
const METRES_PER_MILE: f64 = 1_609.344;

const OBSERVANCES: [(&str, &str); 3] = [
    ("friday_prayers", "Friday midday prayers (Jummah)"),
    ("shabbat", "Shabbat (no Saturday sessions)"),
    ("avoid_festivals", "Avoid the faith's festival days"),
];
const ACCESS_NEEDS: [(&str, &str); 3] = [
    ("wheelchair", "Uses a wheelchair"),
    ("learning_disability", "Learning disability"),
    ("bsl", "British Sign Language"),
];
const GENDERS: [(&str, &str); 3] = [("", "Not given"), ("female", "Female"), ("male", "Male")];

/// `GET /match`
pub async fn form(State(state): State<WebState>, headers: HeaderMap) -> Response {
    let navigator = state.sessions.navigator(&headers);
    let body = match_form(&FormData::parse(b"interpreter_ok=on"), None);
    private(StatusCode::OK, navigator.as_ref(), body)
}

/// `POST /match`
pub async fn submit(
    State(state): State<WebState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    let navigator = state.sessions.navigator(&headers);
    let form = FormData::parse(&body);
    let profile = match profile_from(&form) {
        Ok(profile) => profile,
        Err(problem) => return Ok(rejected(navigator.as_ref(), &form, &problem)),
    };
    match state.directory.match_person(&profile, results).await {
        Ok(found) => {
            let body = html! { (match_form(&form, None)) (found) };
            Ok(private(StatusCode::OK, navigator.as_ref(), body))
        }
        Err(error) => match error.rejection() {
            Some(rejection) => Ok(rejected(
                navigator.as_ref(),
                &form,
                &Problem::from_rejection(&rejection.message),
            )),
            None => Err(WebError::Internal(error)),
        },
    }
}

/// What is wrong with a submitted form: the id of the field to fix and a message that names the
/// field, never the value typed.
#[derive(Debug)]
struct Problem {
    field: &'static str,
    message: String,
}

impl Problem {
    fn new(field: &'static str, message: &str) -> Problem {
        Problem {
            field,
            message: message.to_owned(),
        }
    }

    /// The app's rejection in the page's words (the app never repeats the person's values).
    fn from_rejection(message: &str) -> Problem {
        if message.contains("postcode") {
            Problem::new(
                "postcode",
                "The home postcode was not found: check it and try again",
            )
        } else {
            Problem::new("needs", message)
        }
    }

    /// A profile the matcher refused, pointing at the form field its path names.
    fn from_profile(error: &ProfileError) -> Problem {
        let field = match error {
            ProfileError::Field { path, .. } => field_of_path(path),
            ProfileError::NotJson { .. } => "needs",
        };
        Problem {
            field,
            message: format!("Check the form: {error}"),
        }
    }
}

fn field_of_path(path: &str) -> &'static str {
    let fields = [
        ("languages.preferred", "preferred"),
        ("languages", "speaks"),
        ("faith", "faith"),
        ("gender_preference", "gender_preference"),
        ("gender", "gender"),
        ("age", "age"),
        ("home", "postcode"),
        ("max_distance_m", "miles"),
        ("access_needs", "access-wheelchair"),
    ];
    fields
        .iter()
        .find(|(prefix, _)| path.starts_with(prefix))
        .map_or("needs", |(_, field)| field)
}

fn rejected(navigator: Option<&Navigator>, form: &FormData, problem: &Problem) -> Response {
    private(
        StatusCode::BAD_REQUEST,
        navigator,
        match_form(form, Some(problem)),
    )
}

/// The page, never to be kept by a browser or proxy.
fn private(status: StatusCode, navigator: Option<&Navigator>, body: Markup) -> Response {
    let mut response = (status, layout::page(TITLE, navigator, body)).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The profile a submitted form describes, or a problem to show (naming the field, never the value).
fn profile_from(form: &FormData) -> Result<Profile, Problem> {
    let json = profile_json(form)?;
    Profile::from_json(&json.to_string()).map_err(|e| Problem::from_profile(&e))
}

/// The §6 profile JSON (docs/match.md) built from the form's fields.
fn profile_json(form: &FormData) -> Result<Value, Problem> {
    let needs: Vec<Value> = form
        .all("need")
        .into_iter()
        .map(|code| json!({"category": code, "essential": form.ticked(&format!("essential-{code}"))}))
        .collect();
    if needs.is_empty() {
        return Err(Problem::new(
            "needs",
            "Tick at least one kind of help the person needs",
        ));
    }
    let postcode = form.text("postcode");
    if postcode.is_empty() {
        return Err(Problem::new("postcode", "Enter the person's home postcode"));
    }
    let mut profile = Map::new();
    profile.insert("needs".into(), Value::Array(needs));
    profile.insert("home".into(), json!({ "postcode": postcode }));
    if let Some(languages) = languages(form) {
        profile.insert("languages".into(), languages);
    }
    if let Some(faith) = faith(form) {
        profile.insert("faith".into(), faith);
    }
    for field in ["gender", "gender_preference"] {
        let value = form.text(field);
        if !value.is_empty() {
            profile.insert(field.into(), json!(value));
        }
    }
    if let Some(age) = number(
        form,
        "age",
        "Enter the person's age as a whole number of years",
    )? {
        profile.insert("age".into(), json!(age));
    }
    if let Some(miles) = number(
        form,
        "miles",
        "Enter the furthest distance as a number of miles",
    )? {
        if miles <= 0.0 {
            return Err(Problem::new(
                "miles",
                "The furthest distance must be more than 0 miles",
            ));
        }
        profile.insert("max_distance_m".into(), json!(miles * METRES_PER_MILE));
    }
    profile.insert("access_needs".into(), json!(form.all("access")));
    profile.insert("nrpf".into(), json!(form.ticked("nrpf")));
    Ok(Value::Object(profile))
}

/// The languages, when any is given (with none the matcher assumes nothing about them).
fn languages(form: &FormData) -> Option<Value> {
    let speaks: Vec<&str> = form
        .text("speaks")
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|code| !code.is_empty())
        .collect();
    let preferred = form.text("preferred");
    if speaks.is_empty() && preferred.is_empty() {
        return None;
    }
    let mut languages = json!({
        "speaks": speaks,
        "interpreter_ok": form.ticked("interpreter_ok"),
    });
    if !preferred.is_empty() {
        languages["preferred"] = json!(preferred);
    }
    Some(languages)
}

fn faith(form: &FormData) -> Option<Value> {
    let code = form.text("faith");
    let observance = form.all("observance");
    let wants = form.ticked("wants_faith_service");
    if code.is_empty() && observance.is_empty() && !wants {
        return None;
    }
    let mut faith = json!({ "observance": observance, "wants_faith_service": wants });
    if !code.is_empty() {
        faith["code"] = json!(code);
    }
    Some(faith)
}

fn number(form: &FormData, field: &'static str, problem: &str) -> Result<Option<f64>, Problem> {
    let text = form.text(field);
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .map(Some)
        .ok_or_else(|| Problem::new(field, problem))
}

fn match_form(form: &FormData, error: Option<&Problem>) -> Markup {
    let needs = form.all("need");
    let observances = form.all("observance");
    let access = form.all("access");
    html! {
        @if let Some(error) = error {
            div.error-summary role="alert" tabindex="-1" {
                h2 { "There is a problem" }
                p { a href=(format!("#{}", error.field)) { (error.message) } }
            }
        }
        h1 { (TITLE) }
        p { "Describe the person to find the services in reach that fit them. Nothing you enter here is saved: it is used for this match and then forgotten." }
        form method="post" action="/match" autocomplete="off" {
            fieldset #needs {
                legend { "What help does the person need?" }
                p.hint { "Tick each kind of help, and tick \"essential\" where they cannot do without it." }
                @for category in vocab::categories() {
                    div.checkbox {
                        input id=(format!("need-{}", category.code)) type="checkbox" name="need" value=(category.code) checked[needs.contains(&category.code)];
                        label for=(format!("need-{}", category.code)) { (category.name) }
                        input id=(format!("essential-{}", category.code)) type="checkbox" name=(format!("essential-{}", category.code)) checked[form.ticked(&format!("essential-{}", category.code))];
                        label for=(format!("essential-{}", category.code)) { "essential" span.visually-hidden { " (" (category.name) ")" } }
                    }
                }
            }
            fieldset {
                legend { "Languages" }
                div.field {
                    label for="speaks" { "Languages spoken (ISO 639 codes)" }
                    p.hint #speaks-hint { "Separated by commas, for example: syl, ben, eng" }
                    input #speaks type="text" name="speaks" value=(form.text("speaks")) aria-describedby="speaks-hint";
                }
                div.field {
                    label for="preferred" { "Preferred language (code)" }
                    input #preferred type="text" name="preferred" value=(form.text("preferred"));
                }
                div.checkbox {
                    input #interpreter_ok type="checkbox" name="interpreter_ok" checked[form.ticked("interpreter_ok")];
                    label for="interpreter_ok" { "An interpreter is acceptable" }
                }
            }
            fieldset {
                legend { "Faith" }
                div.field {
                    label for="faith" { "Faith" }
                    select #faith name="faith" {
                        option value="" { "Not given" }
                        @for faith in vocab::faiths() {
                            option value=(faith.code) selected[form.text("faith") == faith.code] { (faith.census_category) }
                        }
                    }
                }
                @for (code, label) in OBSERVANCES {
                    div.checkbox {
                        input id=(format!("observance-{code}")) type="checkbox" name="observance" value=(code) checked[observances.contains(&code)];
                        label for=(format!("observance-{code}")) { (label) }
                    }
                }
                div.checkbox {
                    input #wants_faith_service type="checkbox" name="wants_faith_service" checked[form.ticked("wants_faith_service")];
                    label for="wants_faith_service" { "Would like a service of their faith" }
                }
            }
            fieldset {
                legend { "About the person" }
                (gender_select("gender", "The person's gender", form))
                (gender_select("gender_preference", "Would rather see staff who are", form))
                div.field {
                    label for="age" { "Age in years" }
                    input #age type="number" name="age" min="0" max="120" inputmode="numeric" value=(form.text("age"));
                }
            }
            fieldset {
                legend { "Where they live" }
                div.field {
                    label for="postcode" { "Home postcode" }
                    input #postcode type="text" name="postcode" value=(form.text("postcode")) required;
                }
                div.field {
                    label for="miles" { "Furthest they can travel, in miles" }
                    p.hint #miles-hint { "Straight-line distance. Leave empty for 5 miles." }
                    input #miles type="number" name="miles" min="0" step="0.1" inputmode="decimal" value=(form.text("miles")) aria-describedby="miles-hint";
                }
            }
            fieldset {
                legend { "Access and other needs" }
                @for (code, label) in ACCESS_NEEDS {
                    div.checkbox {
                        input id=(format!("access-{code}")) type="checkbox" name="access" value=(code) checked[access.contains(&code)];
                        label for=(format!("access-{code}")) { (label) }
                    }
                }
                div.checkbox {
                    input #nrpf type="checkbox" name="nrpf" checked[form.ticked("nrpf")];
                    label for="nrpf" { "No recourse to public funds (NRPF)" }
                }
            }
            button type="submit" { "Find services" }
        }
    }
}

fn gender_select(name: &str, label: &str, form: &FormData) -> Markup {
    html! {
        div.field {
            label for=(name) { (label) }
            select id=(name) name=(name) {
                @for (code, text) in GENDERS {
                    option value=(code) selected[form.text(name) == code] { (text) }
                }
            }
        }
    }
}

fn results(outcome: &MatchOutcome<'_>) -> Markup {
    html! {
        section aria-labelledby="matches" {
            h2 #matches { "Services that fit (" (outcome.results.len()) ")" }
            @if outcome.results.is_empty() {
                p { "No service in reach fits. Try a longer distance or fewer essential needs." }
            }
            ol.results {
                @for result in &outcome.results {
                    li.result {
                        h3 { a href=(format!("/services/{}", encode(&result.service.id))) { (result.service.name) } }
                        p { (signpost_geo::describe_distance(result.distance_m)) " away · score " (format!("{:.2}", result.score)) }
                        ul.criteria {
                            @for criterion in &result.criteria {
                                li class=(format!("criterion criterion--{}", criterion.status.as_str())) {
                                    strong { (criterion.criterion) ": " (criterion.status.as_str()) }
                                    " - " (criterion.reason)
                                }
                            }
                        }
                    }
                }
            }
        }
        @if !outcome.unmet_needs.is_empty() {
            section aria-labelledby="gaps" {
                h2 #gaps { "Needs nothing in reach meets" }
                p { "Escalate these: no suitable service was found for them." }
                ul {
                    @for gap in &outcome.unmet_needs {
                        li { strong { (vocab::category(gap.category).map_or(gap.category, |c| c.name)) } ": " (gap.reason) }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_becomes_the_documented_profile() {
        let form = FormData::parse(
            b"need=mentoring&essential-mentoring=on&need=accommodation&speaks=syl%2C+ben&preferred=syl\
              &faith=muslim&observance=friday_prayers&gender_preference=male&age=34\
              &postcode=WS1+1AA&miles=2&access=bsl&nrpf=on",
        );
        let profile = profile_json(&form).expect("profile");
        assert_eq!(
            profile,
            json!({
                "needs": [
                    {"category": "mentoring", "essential": true},
                    {"category": "accommodation", "essential": false},
                ],
                "home": {"postcode": "WS1 1AA"},
                "languages": {"speaks": ["syl", "ben"], "preferred": "syl", "interpreter_ok": false},
                "faith": {"code": "muslim", "observance": ["friday_prayers"], "wants_faith_service": false},
                "gender_preference": "male",
                "age": 34.0,
                "max_distance_m": 2.0 * METRES_PER_MILE,
                "access_needs": ["bsl"],
                "nrpf": true,
            })
        );
        assert!(
            profile_from(&form).is_ok(),
            "{:?}",
            profile_from(&form).err()
        );
    }

    #[test]
    fn missing_needs_postcode_and_bad_numbers_are_named_problems() {
        let cases = [
            ("postcode=WS1+1AA", "needs", "Tick at least one"),
            ("need=mentoring", "postcode", "home postcode"),
            (
                "need=mentoring&postcode=WS1+1AA&age=old",
                "age",
                "whole number",
            ),
            ("need=mentoring&postcode=WS1+1AA&age=200", "age", "`age`"),
            (
                "need=mentoring&postcode=WS1+1AA&miles=0",
                "miles",
                "more than 0",
            ),
            (
                "need=mentoring&postcode=WS1+1AA&miles=NaN",
                "miles",
                "miles",
            ),
            (
                "need=mentoring&postcode=WS1+1AA&speaks=zzzzz",
                "speaks",
                "`languages",
            ),
            (
                "need=mentoring&postcode=WS1+1AA&preferred=zzzzz",
                "preferred",
                "`languages.preferred`",
            ),
        ];
        for (body, field, expected) in cases {
            let problem = profile_from(&FormData::parse(body.as_bytes())).expect_err(body);
            assert!(problem.message.contains(expected), "{body}: {problem:?}");
            assert_eq!(problem.field, field, "{body}");
        }
    }
}
