//! Filtering, scoring, diversity and gaps: the whole match of one profile against candidates.

use crate::criteria::{self, Context, Criterion, Exclusion};
use crate::profile::{DateWindow, Profile};
use chrono::{Days, NaiveDate};
use signpost_domain::Service;
use signpost_domain::reason::{Barrier, Reason};
use std::collections::{BTreeMap, HashMap};

/// A service the caller found within the person's reach, with its distance from home (metres,
/// to its nearest location).
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    pub service: &'a Service,
    pub distance_m: f64,
}

/// How many results to give and how to spread them.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchConfig {
    /// Most results returned.
    pub limit: usize,
    /// Most results from one organisation while other services still fit.
    pub per_organisation: usize,
    /// Festival days are checked for this many days from `today` when the profile gives no
    /// `dates`.
    pub window_days: u32,
}

impl Default for MatchConfig {
    fn default() -> MatchConfig {
        MatchConfig {
            limit: 10,
            per_organisation: 2,
            window_days: 14,
        }
    }
}

/// One ranked service with every criterion explained (docs/match.md).
#[derive(Debug, Clone, PartialEq)]
pub struct MatchResult<'a> {
    pub service: &'a Service,
    pub distance_m: f64,
    pub score: f64,
    pub criteria: Vec<Criterion>,
}

/// A need nothing in reach meets.
#[derive(Debug, Clone, PartialEq)]
pub struct UnmetNeed {
    pub category: &'static str,
    /// Why, as a reason the faces put in words (`signpost_i18n::reason_text`).
    pub reason: Reason,
}

/// The response to a match (docs/match.md).
#[derive(Debug, Clone, PartialEq)]
pub struct MatchOutcome<'a> {
    pub results: Vec<MatchResult<'a>>,
    pub unmet_needs: Vec<UnmetNeed>,
}

/// Matches one person against candidate services: hard constraints filter, preferences score,
/// results are spread across organisations, and needs nothing in reach meets are reported.
/// `today` is the date in Europe/London, the start of the festival window by default.
pub fn match_services<'a>(
    profile: &Profile,
    candidates: &[Candidate<'a>],
    config: &MatchConfig,
    today: NaiveDate,
) -> MatchOutcome<'a> {
    let ctx = Context {
        profile,
        window: profile
            .dates
            .unwrap_or_else(|| default_window(today, config.window_days)),
    };
    let mut eligible: Vec<MatchResult<'a>> = Vec::new();
    let mut ruled_out: Vec<(&'a Service, Vec<Exclusion>)> = Vec::new();
    for candidate in candidates {
        match criteria::assess(&ctx, candidate.service, candidate.distance_m) {
            Ok(criteria) => eligible.push(MatchResult {
                service: candidate.service,
                distance_m: candidate.distance_m,
                score: round2(criteria.iter().map(|c| c.points).sum()),
                criteria,
            }),
            Err(exclusions) => ruled_out.push((candidate.service, exclusions)),
        }
    }
    eligible.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.distance_m.total_cmp(&b.distance_m))
            .then_with(|| a.service.id.cmp(&b.service.id))
    });
    let unmet_needs = unmet_needs(profile, &eligible, &ruled_out);
    MatchOutcome {
        results: diversify(eligible, config),
        unmet_needs,
    }
}

fn default_window(today: NaiveDate, days: u32) -> DateWindow {
    let last = today
        .checked_add_days(Days::new(u64::from(days.max(1) - 1)))
        .unwrap_or(today);
    DateWindow {
        from: today,
        to: last,
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn organisation_key(service: &Service) -> &str {
    service
        .organization_id
        .as_deref()
        .or_else(|| service.organization.as_ref().map(|o| o.id.as_str()))
        .unwrap_or(&service.id)
}

/// Takes results in rank order, at most `per_organisation` from one organisation; when that
/// leaves room, the best of the rest fill it ("unless nothing else fits").
fn diversify<'a>(ranked: Vec<MatchResult<'a>>, config: &MatchConfig) -> Vec<MatchResult<'a>> {
    let mut per_org: HashMap<String, usize> = HashMap::new();
    let mut chosen: Vec<MatchResult<'a>> = Vec::new();
    let mut held_back: Vec<MatchResult<'a>> = Vec::new();
    for result in ranked {
        if chosen.len() == config.limit {
            break;
        }
        let count = per_org
            .entry(organisation_key(result.service).to_owned())
            .or_default();
        if *count < config.per_organisation {
            *count += 1;
            chosen.push(result);
        } else {
            held_back.push(result);
        }
    }
    let room = config.limit.saturating_sub(chosen.len());
    chosen.extend(held_back.into_iter().take(room));
    chosen
}

fn unmet_needs(
    profile: &Profile,
    eligible: &[MatchResult<'_>],
    ruled_out: &[(&Service, Vec<Exclusion>)],
) -> Vec<UnmetNeed> {
    profile
        .needs
        .iter()
        .filter(|need| {
            !eligible
                .iter()
                .any(|r| r.service.category_codes().contains(&need.category))
        })
        .map(|need| UnmetNeed {
            category: need.category,
            reason: gap_reason(profile, need.category, ruled_out),
        })
        .collect()
}

/// "no employment service within 5 miles speaks Sylheti or Bengali": the constraints that ruled
/// out every service of the category in reach. Each was ruled out by at least one of them, so no
/// service in reach meets them all.
fn gap_reason(
    profile: &Profile,
    category: &str,
    ruled_out: &[(&Service, Vec<Exclusion>)],
) -> Reason {
    let mut barriers: BTreeMap<Exclusion, usize> = BTreeMap::new();
    for (_, exclusions) in ruled_out
        .iter()
        .filter(|(s, _)| s.category_codes().contains(&category))
        .filter(|(_, e)| !e.contains(&Exclusion::BeyondReach))
    {
        for exclusion in exclusions {
            *barriers.entry(*exclusion).or_default() += 1;
        }
    }
    Reason::NoServiceWithin {
        category: category.to_owned(),
        limit_m: profile.max_distance_m(),
        barriers: barriers
            .keys()
            .filter_map(|e| barrier(profile, *e))
            .collect(),
    }
}

fn barrier(profile: &Profile, exclusion: Exclusion) -> Option<Barrier> {
    Some(match exclusion {
        Exclusion::NoNeededCategory | Exclusion::BeyondReach => return None,
        Exclusion::GenderServed => Barrier::Serves {
            gender: profile.gender?,
        },
        Exclusion::Age => Barrier::TakesAge { age: profile.age? },
        Exclusion::NoSharedLanguage => Barrier::SpeaksAny {
            languages: profile
                .languages
                .as_ref()?
                .speaks
                .iter()
                .map(|c| (*c).to_owned())
                .collect(),
        },
        Exclusion::Access(kind) => Barrier::Access { need: kind.shown() },
        Exclusion::Nrpf => Barrier::Nrpf,
    })
}
