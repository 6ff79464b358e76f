//! Navigator matching: one person's profile against the services within their reach.
//!
//! Architecture invariant: the profile is special-category data. It is read, used and dropped:
//! never stored, never logged (not even its home postcode), never put in an error message.

use signpost_engine::{DateTime, SearchRequest, Utc};
use signpost_geo::Point;
use signpost_match::{Candidate, Home, MatchConfig, MatchOutcome, Profile, match_services};

use crate::code::Code;
use crate::directory::Directory;
use crate::error::{AppError, Result};

/// Candidates are gathered from the engine this many at a time.
const CANDIDATE_PAGE: usize = signpost_engine::MAX_PER_PAGE;
/// The most candidates one match considers.
const MAX_CANDIDATES: usize = 2_000;

impl Directory {
    /// Matches a profile against the services in its reach and hands the outcome to `show`
    /// (which serialises or prints it); nothing about the person outlives this call.
    pub async fn match_person<R>(
        &self,
        profile: &Profile,
        show: impl FnOnce(&MatchOutcome<'_>) -> R,
    ) -> Result<R> {
        self.match_person_at(profile, Utc::now(), show).await
    }

    /// [`Directory::match_person`] on a given day.
    pub async fn match_person_at<R>(
        &self,
        profile: &Profile,
        now: DateTime<Utc>,
        show: impl FnOnce(&MatchOutcome<'_>) -> R,
    ) -> Result<R> {
        let home = self.home_point(profile.home())?;
        let reach = self.services_in_reach(profile, home, now)?;
        let in_reach = self.with_records(reach, |(id, _)| id.as_str()).await?;
        let candidates: Vec<Candidate<'_>> = in_reach
            .iter()
            .map(|((_, distance_m), service)| Candidate {
                service,
                distance_m: *distance_m,
            })
            .collect();
        let today = now.with_timezone(&chrono_tz::Europe::London).date_naive();
        let outcome = match_services(profile, &candidates, &MatchConfig::default(), today);
        Ok(show(&outcome))
    }

    fn home_point(&self, home: &Home) -> Result<Point> {
        match home {
            Home::Point(point) => Ok(*point),
            Home::Postcode(_) | Home::Place(_) => {
                let phrase = home.phrase().unwrap_or_default();
                signpost_geo::PlaceLookup::lookup(self.places, phrase)
                    .map(|place| place.point())
                    .ok_or_else(|| {
                        // The phrase is the person's home: it is not repeated back.
                        let code = if matches!(home, Home::Postcode(_)) {
                            Code::InvalidPostcode
                        } else {
                            Code::UnknownPlace
                        };
                        AppError::rejected(
                            code,
                            "the profile's home is not a known postcode or place",
                        )
                    })
            }
        }
    }

    /// (id, distance) of every service in the needed categories within the profile's reach.
    fn services_in_reach(
        &self,
        profile: &Profile,
        home: Point,
        now: DateTime<Utc>,
    ) -> Result<Vec<(String, f64)>> {
        let mut request = SearchRequest {
            near: Some(signpost_engine::Near {
                point: home,
                label: "home".to_owned(),
            }),
            radius_m: Some(profile.max_distance_m()),
            categories: profile
                .need_categories()
                .into_iter()
                .map(str::to_owned)
                .collect(),
            per_page: CANDIDATE_PAGE,
            ..SearchRequest::default()
        };
        let mut found = Vec::new();
        loop {
            let answer = self.engine.search(&request, now)?;
            let last = answer.hits.len() < CANDIDATE_PAGE;
            found.extend(
                answer
                    .hits
                    .into_iter()
                    .map(|hit| (hit.service_id, hit.distance_m.unwrap_or_default())),
            );
            if last || found.len() >= MAX_CANDIDATES || found.len() >= answer.total {
                return Ok(found);
            }
            request.page += 1;
        }
    }
}
