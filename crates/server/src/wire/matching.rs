//! The answer to `POST /api/v1/match` and `signpost match --json` (docs/match.md), and the
//! profile's schema for the OpenAPI document.

use serde::Serialize;
use serde_json::json;
use signpost_app::MatchOutcome;
use signpost_domain::Service;
use signpost_i18n::{Lang, reason_text};
use utoipa::ToSchema;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, Type};

/// Ranked services with every criterion explained, and the needs nothing in reach meets.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchAnswer<'a> {
    pub results: Vec<MatchedService<'a>>,
    pub unmet_needs: Vec<UnmetNeed>,
}

/// One ranked service.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchedService<'a> {
    /// The full HSDS 3.0 service record.
    #[schema(value_type = Object)]
    pub service: &'a Service,
    /// Metres from the person's home to the service's nearest location.
    pub distance_m: f64,
    pub score: f64,
    pub criteria: Vec<Criterion>,
}

/// One line of a result's explanation.
#[derive(Debug, Serialize, ToSchema)]
pub struct Criterion {
    /// `need`, `distance`, `language`, `faith`, ...
    pub criterion: &'static str,
    /// `met`, `partly` or `unmet`.
    pub status: &'static str,
    /// Why, in words of the interface language (English unless `ui` or `Accept-Language` asks
    /// for another).
    pub reason: String,
}

/// A need nothing in reach meets.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnmetNeed {
    /// The category code of the need.
    pub category: &'static str,
    /// Why, in words of the interface language.
    pub reason: String,
}

impl<'a> From<&'a MatchOutcome<'a>> for MatchAnswer<'a> {
    /// The answer with its reasons in English.
    fn from(outcome: &'a MatchOutcome<'a>) -> MatchAnswer<'a> {
        MatchAnswer::in_ui(outcome, Lang::En)
    }
}

impl<'a> MatchAnswer<'a> {
    /// The answer with its reasons in the interface language `lang`.
    pub fn in_ui(outcome: &'a MatchOutcome<'a>, lang: Lang) -> MatchAnswer<'a> {
        MatchAnswer {
            results: outcome
                .results
                .iter()
                .map(|result| MatchedService {
                    service: result.service,
                    distance_m: result.distance_m,
                    score: result.score,
                    criteria: result
                        .criteria
                        .iter()
                        .map(|c| Criterion {
                            criterion: c.criterion,
                            status: c.status.as_str(),
                            reason: reason_text(lang, &c.reason),
                        })
                        .collect(),
                })
                .collect(),
            unmet_needs: outcome
                .unmet_needs
                .iter()
                .map(|need| UnmetNeed {
                    category: need.category,
                    reason: reason_text(lang, &need.reason),
                })
                .collect(),
        }
    }
}

/// The request body of `POST /api/v1/match`: one person's needs and circumstances
/// (docs/match.md). A schema only: the server reads the body with `Profile::from_json`, which refuses
/// unknown fields; docs/match-profile.schema.json describes every field.
pub struct MatchProfile;

impl utoipa::PartialSchema for MatchProfile {
    fn schema() -> RefOr<Schema> {
        let need = ObjectBuilder::new()
            .schema_type(Type::Object)
            .property("category", ObjectBuilder::new().schema_type(Type::String))
            .required("category")
            .property("essential", ObjectBuilder::new().schema_type(Type::Boolean))
            .property("priority", ObjectBuilder::new().schema_type(Type::Number));
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some(
                "One person's needs and circumstances. Special-category data: read, never stored or \
                 logged. Unknown fields are an error.",
            ))
            .property("needs", ArrayBuilder::new().items(need))
            .required("needs")
            .property(
                "home",
                ObjectBuilder::new().schema_type(Type::Object).description(Some(
                    "Where the person lives: {\"postcode\"}, {\"place\"} or {\"lat\", \"lon\"}",
                )),
            )
            .required("home")
            .examples([json!({
                "needs": [{"category": "mentoring", "essential": true}],
                "languages": {"speaks": ["syl", "ben"], "interpreter_ok": false},
                "home": {"postcode": "WS1 1AA"},
                "max_distance_m": 8046
            })])
            .into()
    }
}

impl ToSchema for MatchProfile {}
