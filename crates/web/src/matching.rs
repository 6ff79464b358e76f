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
use signpost_i18n::NameKind;

use crate::error::WebError;
use crate::form::FormData;
use crate::layout;
use crate::referrals::refer_button;
use crate::service::distance_text;
use crate::session::Navigator;
use crate::shortlist::encode;
use crate::state::WebState;
use crate::ui::{code_name, reason, t, t_with};

/// The catalogue key of the page's title.
const TITLE: &str = "layout-nav-match";
const METRES_PER_MILE: f64 = 1_609.344;

/// Observances with the catalogue keys of their labels.
const OBSERVANCES: [(&str, &str); 3] = [
    ("friday_prayers", "match-observance-friday-prayers"),
    ("shabbat", "match-observance-shabbat"),
    ("avoid_festivals", "match-observance-avoid-festivals"),
];
/// Access needs with the catalogue keys of their labels.
const ACCESS_NEEDS: [(&str, &str); 3] = [
    ("wheelchair", "match-access-wheelchair"),
    ("learning_disability", "match-access-learning-disability"),
    ("bsl", "match-access-bsl"),
];
/// Genders with the catalogue keys of their labels.
const GENDERS: [(&str, &str); 3] = [
    ("", "match-not-given"),
    ("female", "match-gender-female"),
    ("male", "match-gender-male"),
];
/// The days of the profile's `available` slots, with their day key in the catalogue.
const DAYS: [(&str, &str); 7] = [
    ("mon", "format-day-mo"),
    ("tue", "format-day-tu"),
    ("wed", "format-day-we"),
    ("thu", "format-day-th"),
    ("fri", "format-day-fr"),
    ("sat", "format-day-sa"),
    ("sun", "format-day-su"),
];
/// The parts of a day a person may be unable to attend, with the hours each covers.
const DAY_PARTS: [(&str, &str, &str); 3] = [
    ("morning", "00:00", "12:00"),
    ("afternoon", "12:00", "17:00"),
    ("evening", "17:00", "23:59"),
];

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
    let needs = form.all("need");
    let shown = |outcome: &MatchOutcome<'_>| results(outcome, navigator.as_ref(), &needs);
    match state.directory.match_person(&profile, shown).await {
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
            Problem::new("postcode", &t("match-error-postcode-unknown"))
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
            message: t_with("match-error-check", &[("error", error.to_string().into())]),
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
    let mut response = (status, layout::page(&t(TITLE), navigator, body)).into_response();
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
        return Err(Problem::new("needs", &t("match-error-needs")));
    }
    let postcode = form.text("postcode");
    if postcode.is_empty() {
        return Err(Problem::new("postcode", &t("match-error-postcode")));
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
    if let Some(age) = number(form, "age", &t("match-error-age"))? {
        profile.insert("age".into(), json!(age));
    }
    if let Some(miles) = number(form, "miles", &t("match-error-miles"))? {
        if miles <= 0.0 {
            return Err(Problem::new("miles", &t("match-error-miles-zero")));
        }
        profile.insert("max_distance_m".into(), json!(miles * METRES_PER_MILE));
    }
    if let Some(available) = available(form) {
        profile.insert("available".into(), available);
    }
    profile.insert("access_needs".into(), json!(form.all("access")));
    profile.insert("nrpf".into(), json!(form.ticked("nrpf")));
    Ok(Value::Object(profile))
}

/// The week less the times ticked as ones the person cannot attend, as the profile's
/// `available` slots (a day's neighbouring parts joined); `None` when none is ticked.
fn available(form: &FormData) -> Option<Value> {
    let cannot = form.all("cannot");
    if cannot.is_empty() {
        return None;
    }
    let mut slots = Vec::new();
    for (day, _) in DAYS {
        let mut open: Option<(&str, &str)> = None;
        for (part, from, to) in DAY_PARTS {
            if cannot.contains(&format!("{day}-{part}").as_str()) {
                slots.extend(open.take().map(|(from, to)| slot(day, from, to)));
            } else {
                open = Some((open.map_or(from, |(start, _)| start), to));
            }
        }
        slots.extend(open.map(|(from, to)| slot(day, from, to)));
    }
    Some(Value::Array(slots))
}

fn slot(day: &str, from: &str, to: &str) -> Value {
    json!({"day": day, "from": from, "to": to})
}

/// The codes of languages typed as the search box takes them: names, the languages' own names
/// or ISO 639 codes, separated by commas (or, for codes, spaces). What is not understood is
/// kept as typed, for the profile's check to name.
fn language_codes(typed: &str) -> Vec<String> {
    typed
        .split([',', ';', '،'])
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .flat_map(|entry| match language_code(entry) {
            Some(code) => vec![code],
            None => entry
                .split_whitespace()
                .map(|word| language_code(word).unwrap_or_else(|| word.to_owned()))
                .collect(),
        })
        .collect()
}

fn language_code(entry: &str) -> Option<String> {
    vocab::normalise_language_code(entry)
        .map(str::to_owned)
        .or_else(|| signpost_query::language_named(entry))
}

/// The languages, when any is given (with none the matcher assumes nothing about them).
fn languages(form: &FormData) -> Option<Value> {
    let speaks = language_codes(form.text("speaks"));
    let preferred = language_codes(form.text("preferred")).join(" ");
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
                h2 { (t("error-problem")) }
                p { a href=(format!("#{}", error.field)) { (error.message) } }
            }
        }
        h1 { (t(TITLE)) }
        p { (t("match-intro")) }
        form method="post" action="/match" autocomplete="off" {
            fieldset #needs {
                legend { (t("match-needs")) }
                p.hint { (t("match-needs-hint")) }
                @for category in vocab::categories() {
                    @let name = code_name(NameKind::Category, category.code);
                    div.checkbox {
                        input id=(format!("need-{}", category.code)) type="checkbox" name="need" value=(category.code) checked[needs.contains(&category.code)];
                        label for=(format!("need-{}", category.code)) { (name) }
                        input id=(format!("essential-{}", category.code)) type="checkbox" name=(format!("essential-{}", category.code)) checked[form.ticked(&format!("essential-{}", category.code))];
                        label for=(format!("essential-{}", category.code)) { (t("match-essential")) span.visually-hidden { " (" (name) ")" } }
                    }
                }
            }
            fieldset {
                legend { (t("service-languages")) }
                div.field {
                    label for="speaks" { (t("match-languages-spoken")) }
                    p.hint #speaks-hint { (t("match-languages-spoken-hint")) }
                    input #speaks type="text" name="speaks" value=(form.text("speaks")) aria-describedby="speaks-hint";
                }
                div.field {
                    label for="preferred" { (t("match-language-preferred")) }
                    input #preferred type="text" name="preferred" value=(form.text("preferred"));
                }
                div.checkbox {
                    input #interpreter_ok type="checkbox" name="interpreter_ok" checked[form.ticked("interpreter_ok")];
                    label for="interpreter_ok" { (t("match-interpreter")) }
                }
            }
            fieldset {
                legend { (t("results-filter-faith")) }
                div.field {
                    label for="faith" { (t("results-filter-faith")) }
                    select #faith name="faith" {
                        option value="" { (t("match-not-given")) }
                        @for faith in vocab::faiths() {
                            option value=(faith.code) selected[form.text("faith") == faith.code] { (code_name(NameKind::Faith, faith.code)) }
                        }
                    }
                }
                @for (code, label) in OBSERVANCES {
                    div.checkbox {
                        input id=(format!("observance-{code}")) type="checkbox" name="observance" value=(code) checked[observances.contains(&code)];
                        label for=(format!("observance-{code}")) { (t(label)) }
                    }
                }
                div.checkbox {
                    input #wants_faith_service type="checkbox" name="wants_faith_service" checked[form.ticked("wants_faith_service")];
                    label for="wants_faith_service" { (t("match-wants-faith-service")) }
                }
            }
            fieldset {
                legend { (t("match-about")) }
                (gender_select("gender", &t("match-gender"), form))
                (gender_select("gender_preference", &t("match-gender-preference"), form))
                div.field {
                    label for="age" { (t("match-age")) }
                    input #age type="number" name="age" min="0" max="120" inputmode="numeric" value=(form.text("age"));
                }
            }
            fieldset {
                legend { (t("match-where")) }
                div.field {
                    label for="postcode" { (t("match-postcode")) }
                    input #postcode type="text" name="postcode" value=(form.text("postcode")) required;
                }
                div.field {
                    label for="miles" { (t("match-miles")) }
                    p.hint #miles-hint { (t("match-miles-hint")) }
                    input #miles type="number" name="miles" min="0" step="0.1" inputmode="decimal" value=(form.text("miles")) aria-describedby="miles-hint";
                }
            }
            (cannot_attend(form))
            fieldset {
                legend { (t("match-access")) }
                @for (code, label) in ACCESS_NEEDS {
                    div.checkbox {
                        input id=(format!("access-{code}")) type="checkbox" name="access" value=(code) checked[access.contains(&code)];
                        label for=(format!("access-{code}")) { (t(label)) }
                    }
                }
                div.checkbox {
                    input #nrpf type="checkbox" name="nrpf" checked[form.ticked("nrpf")];
                    label for="nrpf" { (t("match-nrpf")) }
                }
            }
            button type="submit" { (t("match-submit")) }
        }
    }
}

/// A day-by-day choice of the times the person cannot attend (morning, afternoon, evening).
fn cannot_attend(form: &FormData) -> Markup {
    let cannot = form.all("cannot");
    html! {
        fieldset #cannot {
            legend { (t("match-cannot-attend")) }
            p.hint { (t("match-cannot-attend-hint")) }
            @for (day, day_key) in DAYS {
                fieldset.inline {
                    legend { (t(day_key)) }
                    @for (part, _, _) in DAY_PARTS {
                        @let value = format!("{day}-{part}");
                        div.checkbox {
                            input id=(format!("cannot-{value}")) type="checkbox" name="cannot" value=(value) checked[cannot.contains(&value.as_str())];
                            label for=(format!("cannot-{value}")) { (t(&format!("match-part-{part}"))) }
                        }
                    }
                }
            }
        }
    }
}

fn gender_select(name: &str, label: &str, form: &FormData) -> Markup {
    html! {
        div.field {
            label for=(name) { (label) }
            select id=(name) name=(name) {
                @for (code, text) in GENDERS {
                    option value=(code) selected[form.text(name) == code] { (t(text)) }
                }
            }
        }
    }
}

fn results(outcome: &MatchOutcome<'_>, navigator: Option<&Navigator>, needs: &[&str]) -> Markup {
    html! {
        section aria-labelledby="matches" {
            h2 #matches { (t_with("match-results", &[("count", outcome.results.len().into())])) }
            @if outcome.results.is_empty() {
                p { (t("match-none")) }
            }
            ol.results {
                @for result in &outcome.results {
                    li.result {
                        h3 { a href=(format!("/services/{}", encode(&result.service.id))) { (result.service.name) } }
                        p { (t_with("match-distance-score", &[("distance", distance_text(result.distance_m).into()), ("score", format!("{:.2}", result.score).into())])) }
                        (refer_button(navigator, result.service, needs))
                        ul.criteria {
                            @for criterion in &result.criteria {
                                li class=(format!("criterion criterion--{}", criterion.status.as_str())) {
                                    strong { (criterion.criterion) ": " (criterion.status.as_str()) }
                                    " - " (reason(&criterion.reason))
                                }
                            }
                        }
                    }
                }
            }
        }
        @if !outcome.unmet_needs.is_empty() {
            section aria-labelledby="gaps" {
                h2 #gaps { (t("match-unmet")) }
                p { (t("match-unmet-hint")) }
                ul {
                    @for gap in &outcome.unmet_needs {
                        li { strong { (code_name(NameKind::Category, gap.category)) } ": " (reason(&gap.reason)) }
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
    fn languages_are_taken_by_name_endonym_or_code() {
        let form = FormData::parse(
            "need=mentoring&postcode=WS1+1AA&speaks=Sylheti%2C+%E0%A6%AC%E0%A6%BE%E0%A6%82%E0%A6%B2%E0%A6%BE%2C+Cymraeg%2C+British+Sign+Language%2C+ur+eng&preferred=Bangla"
                .as_bytes(),
        );
        let profile = profile_json(&form).expect("profile");
        assert_eq!(
            profile["languages"],
            json!({"speaks": ["syl", "ben", "cym", "bfi", "urd", "eng"], "preferred": "ben", "interpreter_ok": false})
        );
        let unknown = FormData::parse(b"need=mentoring&postcode=WS1+1AA&speaks=Klingonese");
        assert_eq!(
            profile_json(&unknown).expect("profile")["languages"]["speaks"],
            json!(["Klingonese"])
        );
    }

    #[test]
    fn times_the_person_cannot_attend_leave_the_rest_of_the_week_available() {
        let none = FormData::parse(b"need=mentoring&postcode=WS1+1AA");
        assert!(
            profile_json(&none)
                .expect("profile")
                .get("available")
                .is_none()
        );
        let form = FormData::parse(
            b"need=mentoring&postcode=WS1+1AA&cannot=mon-morning&cannot=mon-afternoon&cannot=wed-afternoon\
              &cannot=sat-morning&cannot=sat-afternoon&cannot=sat-evening",
        );
        let profile = profile_json(&form).expect("profile");
        let slots = profile["available"].as_array().expect("slots");
        let on = |day: &str| -> Vec<(String, String)> {
            slots
                .iter()
                .filter(|s| s["day"] == day)
                .map(|s| {
                    (
                        s["from"].as_str().unwrap_or_default().to_owned(),
                        s["to"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        };
        let pair = |from: &str, to: &str| (from.to_owned(), to.to_owned());
        assert_eq!(on("mon"), [pair("17:00", "23:59")]);
        assert_eq!(on("tue"), [pair("00:00", "23:59")]);
        assert_eq!(on("wed"), [pair("00:00", "12:00"), pair("17:00", "23:59")]);
        assert!(on("sat").is_empty());
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
