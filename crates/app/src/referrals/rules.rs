//! The rules of the referral loop: which codes are accepted, which moves are allowed, how long a
//! closed referral keeps its case reference, and how referrals are tallied by group.

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::{DateTime, Days, Months, Utc};
use signpost_domain::vocab;
use signpost_equality::{WAIT_STEPS, Wait};
use signpost_store::{ReferralRow, ReferralStatus};

use super::{Equality, METRICS};
use crate::code::Code;
use crate::error::{AppError, Result};

/// Census 2021 ethnic group (19 groups, England and Wales).
pub const ETHNIC_GROUPS: [&str; 19] = [
    "asian-bangladeshi",
    "asian-chinese",
    "asian-indian",
    "asian-pakistani",
    "asian-other",
    "black-african",
    "black-caribbean",
    "black-other",
    "mixed-white-asian",
    "mixed-white-black-african",
    "mixed-white-black-caribbean",
    "mixed-other",
    "white-british",
    "white-irish",
    "white-gypsy-irish-traveller",
    "white-roma",
    "white-other",
    "other-arab",
    "other-any",
];
/// Religions besides the faiths of the faith vocabulary.
pub const RELIGIONS_BESIDES_FAITHS: [&str; 2] = ["none", "not-stated"];
pub const SEXES: [&str; 2] = ["female", "male"];
pub const AGE_BANDS: [&str; 5] = ["18-24", "25-34", "35-49", "50-64", "65+"];
/// Why a service declined a referral.
pub const DECLINE_REASONS: [&str; 5] = [
    "not-eligible",
    "full",
    "no-contact",
    "person-declined",
    "other",
];
/// The longest case reference (a team's reference, not a name or a note).
const CASE_REF_MAX: usize = 64;

/// Where each status may move next.
pub fn allowed_moves(from: ReferralStatus) -> &'static [ReferralStatus] {
    use ReferralStatus::*;
    match from {
        Sent => &[Accepted, Declined, Closed],
        Accepted => &[Attended, DidNotAttend, Closed],
        Declined | Attended | DidNotAttend => &[Closed],
        Closed => &[],
    }
}

/// The case reference trimmed: 1 to 64 printable characters.
pub(super) fn case_ref(text: &str) -> Result<String> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > CASE_REF_MAX || text.chars().any(char::is_control)
    {
        return Err(AppError::rejected(
            Code::InvalidBody,
            format!(
                "case_ref must be the team's case reference: 1 to {CASE_REF_MAX} characters on one line"
            ),
        ));
    }
    Ok(text.to_owned())
}

/// A status code.
pub(super) fn status(text: &str) -> Result<ReferralStatus> {
    ReferralStatus::from_str(text.trim()).map_err(|_| {
        let all: Vec<&str> = ReferralStatus::ALL.iter().map(|s| s.as_str()).collect();
        not_one_of("status", text, &all)
    })
}

/// The reason a move keeps: a decline needs one of [`DECLINE_REASONS`]; other moves take none.
pub(super) fn reason(to: ReferralStatus, reason: Option<&str>) -> Result<Option<&str>> {
    match (to, reason) {
        (ReferralStatus::Declined, Some(reason)) => {
            let reason = reason.trim();
            if DECLINE_REASONS.contains(&reason) {
                Ok(Some(reason))
            } else {
                Err(not_one_of("reason", reason, &DECLINE_REASONS))
            }
        }
        (ReferralStatus::Declined, None) => Err(AppError::rejected_with(
            Code::InvalidBody,
            format!(
                "a declined referral needs a reason: one of {}",
                DECLINE_REASONS.join(", ")
            ),
            owned(&DECLINE_REASONS),
        )),
        (_, None) => Ok(None),
        (to, Some(_)) => Err(AppError::rejected(
            Code::InvalidBody,
            format!("a reason goes only with declined, not {}", to.as_str()),
        )),
    }
}

/// Refuses a move the loop or the reader's part in it does not allow, naming the allowed ones.
pub(super) fn check_move(
    row: &ReferralRow,
    to: ReferralStatus,
    allowed: &[ReferralStatus],
) -> Result<()> {
    if allowed.contains(&to) {
        return Ok(());
    }
    let names: Vec<String> = allowed.iter().map(|s| s.as_str().to_owned()).collect();
    let allowed_text = if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    };
    Err(AppError::rejected_with(
        Code::InvalidReferralMove,
        format!(
            "referral {} is {}: it cannot move to {}; allowed moves for you: {allowed_text}",
            row.id,
            row.status.as_str(),
            to.as_str()
        ),
        names,
    ))
}

/// The equality fields with each code checked (trimmed; the language as ISO 639-3).
pub fn validate_equality(equality: &Equality) -> Result<Equality> {
    let faiths: Vec<&str> = vocab::faiths()
        .iter()
        .map(|f| f.code)
        .chain(RELIGIONS_BESIDES_FAITHS)
        .collect();
    Ok(Equality {
        ethnic_group: one_of(
            "ethnic_group",
            equality.ethnic_group.as_deref(),
            &ETHNIC_GROUPS,
        )?,
        religion: one_of("religion", equality.religion.as_deref(), &faiths)?,
        main_language: language(equality.main_language.as_deref())?,
        sex: one_of("sex", equality.sex.as_deref(), &SEXES)?,
        age_band: one_of("age_band", equality.age_band.as_deref(), &AGE_BANDS)?,
    })
}

fn one_of(field: &str, value: Option<&str>, allowed: &[&str]) -> Result<Option<String>> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if allowed.contains(&value) {
        Ok(Some(value.to_owned()))
    } else {
        Err(not_one_of(field, value, allowed))
    }
}

fn language(value: Option<&str>) -> Result<Option<String>> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    vocab::normalise_language_code(value)
        .map(|code| Some(code.to_owned()))
        .ok_or_else(|| {
            let suggestions =
                vocab::suggest_codes(value, vocab::languages().iter().map(|l| l.code));
            AppError::rejected_with(
                Code::InvalidBody,
                format!("main_language {value:?} is not an ISO 639-3 language code"),
                suggestions.into_iter().map(str::to_owned).collect(),
            )
        })
}

/// A code not in its list: the message names every allowed value, the suggestions the nearest.
fn not_one_of(field: &str, value: &str, allowed: &[&str]) -> AppError {
    let nearest = vocab::suggest_codes(value, allowed.iter().copied());
    let suggestions = if nearest.is_empty() {
        owned(allowed)
    } else {
        owned(&nearest)
    };
    AppError::rejected_with(
        Code::InvalidBody,
        format!(
            "{field} {value:?} is not allowed: one of {}",
            allowed.join(", ")
        ),
        suggestions,
    )
}

fn owned(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| (*v).to_owned()).collect()
}

/// How long a closed referral keeps its case reference and needs: `18mo`, `90d`, `2y`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retention {
    Days(u32),
    Months(u32),
}

impl Default for Retention {
    /// Eighteen months (docs/referrals.md says why).
    fn default() -> Retention {
        Retention::Months(18)
    }
}

impl Retention {
    /// The time before which a referral closed is past this retention.
    pub fn cutoff(self, now: DateTime<Utc>) -> DateTime<Utc> {
        let back = match self {
            Retention::Days(days) => now.checked_sub_days(Days::new(u64::from(days))),
            Retention::Months(months) => now.checked_sub_months(Months::new(months)),
        };
        back.unwrap_or(DateTime::<Utc>::MIN_UTC)
    }
}

/// A retention that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a retention period: a whole number with d, mo or y (90d, 18mo, 2y)")]
pub struct RetentionError(String);

impl FromStr for Retention {
    type Err = RetentionError;

    fn from_str(text: &str) -> Result<Retention, RetentionError> {
        let wrong = || RetentionError(text.to_owned());
        let trimmed = text.trim();
        let split = trimmed
            .find(|c: char| !c.is_ascii_digit())
            .ok_or_else(wrong)?;
        let (number, unit) = trimmed.split_at(split);
        let number: u32 = number.parse().map_err(|_| wrong())?;
        match unit {
            "d" => Ok(Retention::Days(number)),
            "mo" => Ok(Retention::Months(number)),
            "y" => number
                .checked_mul(12)
                .map(Retention::Months)
                .ok_or_else(wrong),
            _ => Err(wrong()),
        }
    }
}

impl std::fmt::Display for Retention {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Retention::Days(days) => write!(f, "{days}d"),
            Retention::Months(months) => write!(f, "{months}mo"),
        }
    }
}

/// Days from sending to a step's time (`reached`), when the referral reached it.
fn wait_days(sent_at: &str, reached: Option<&String>) -> Option<f64> {
    let sent = DateTime::parse_from_rfc3339(sent_at).ok()?;
    let reached = DateTime::parse_from_rfc3339(reached?).ok()?;
    let seconds = (reached - sent).num_milliseconds() as f64 / 1000.0;
    Some(seconds / 86_400.0)
}

/// Counts of referrals by group and metric, and each group's waits (days) from sending to
/// acceptance and to attendance.
#[derive(Debug, Default)]
pub(super) struct Tally {
    counts: BTreeMap<String, [u64; 3]>,
    waits: BTreeMap<String, [Vec<f64>; 2]>,
}

impl Tally {
    /// Counts one referral under `group`: referred always; accepted when it was accepted (and so
    /// also when it went on to attended or did not attend); attended when it was attended.
    pub(super) fn count(&mut self, group: &str, row: &ReferralRow) {
        let counts = self.counts.entry(group.to_owned()).or_default();
        counts[0] += 1;
        counts[1] += u64::from(row.accepted_at.is_some());
        counts[2] += u64::from(row.attended_at.is_some());
        let [to_accepted, to_attended] = self.waits.entry(group.to_owned()).or_default();
        to_accepted.extend(wait_days(&row.sent_at, row.accepted_at.as_ref()));
        to_attended.extend(wait_days(&row.sent_at, row.attended_at.as_ref()));
    }

    /// Each group's median waits to acceptance and to attendance, groups in code order.
    pub(super) fn into_waits(self) -> Vec<Wait> {
        self.waits
            .into_iter()
            .flat_map(|(group, days)| {
                WAIT_STEPS
                    .iter()
                    .zip(days)
                    .map(move |(step, days)| Wait::from_days(&group, step, days))
            })
            .collect()
    }

    /// One tally per group and metric, groups in code order, metrics in [`METRICS`] order.
    pub(super) fn into_tallies(self) -> Vec<super::EqualityTally> {
        self.counts
            .into_iter()
            .flat_map(|(group, counts)| {
                METRICS
                    .iter()
                    .zip(counts)
                    .map(move |(metric, count)| super::EqualityTally {
                        group: group.clone(),
                        metric: (*metric).to_owned(),
                        count,
                    })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn row(status: ReferralStatus, accepted: bool, attended: bool) -> ReferralRow {
        ReferralRow {
            id: "ref_1".into(),
            service_id: "s".into(),
            organization_id: None,
            team: "key:a".into(),
            sent_by: "a".into(),
            case_ref: Some("C-1".into()),
            needs: Some("[]".into()),
            equality: None,
            status,
            reason: None,
            sent_at: "2026-01-01T00:00:00.000000Z".into(),
            accepted_at: accepted.then(|| "2026-01-02T00:00:00.000000Z".into()),
            declined_at: None,
            attended_at: attended.then(|| "2026-01-03T00:00:00.000000Z".into()),
            did_not_attend_at: None,
            closed_at: None,
            purged_at: None,
        }
    }

    #[test]
    fn the_loop_allows_exactly_the_documented_moves() {
        use ReferralStatus::*;
        let allowed: Vec<(ReferralStatus, ReferralStatus)> = ReferralStatus::ALL
            .iter()
            .flat_map(|from| allowed_moves(*from).iter().map(move |to| (*from, *to)))
            .collect();
        assert_eq!(
            allowed,
            vec![
                (Sent, Accepted),
                (Sent, Declined),
                (Sent, Closed),
                (Accepted, Attended),
                (Accepted, DidNotAttend),
                (Accepted, Closed),
                (Declined, Closed),
                (Attended, Closed),
                (DidNotAttend, Closed),
            ]
        );
    }

    #[test]
    fn a_refused_move_names_the_allowed_ones() {
        let error = check_move(
            &row(ReferralStatus::Sent, false, false),
            ReferralStatus::Attended,
            allowed_moves(ReferralStatus::Sent),
        )
        .expect_err("refused");
        assert_eq!(error.code(), Code::InvalidReferralMove);
        assert!(
            error.to_string().contains("accepted, declined, closed"),
            "{error}"
        );
        let closed = check_move(
            &row(ReferralStatus::Closed, false, false),
            ReferralStatus::Sent,
            allowed_moves(ReferralStatus::Closed),
        )
        .expect_err("refused");
        assert!(closed.to_string().contains("allowed moves for you: none"));
    }

    #[test]
    fn a_decline_needs_a_known_reason_and_nothing_else_takes_one() {
        assert_eq!(
            reason(ReferralStatus::Declined, Some("full")).expect("ok"),
            Some("full")
        );
        assert!(reason(ReferralStatus::Declined, None).is_err());
        let wrong = reason(ReferralStatus::Declined, Some("busy")).expect_err("unknown");
        assert!(wrong.to_string().contains("not-eligible, full, no-contact"));
        assert!(reason(ReferralStatus::Accepted, Some("full")).is_err());
        assert_eq!(reason(ReferralStatus::Accepted, None).expect("ok"), None);
    }

    #[test]
    fn equality_codes_are_checked_and_languages_normalised() {
        let given = Equality {
            ethnic_group: Some("asian-bangladeshi".into()),
            religion: Some("not-stated".into()),
            main_language: Some("bn".into()),
            sex: Some(" male ".into()),
            age_band: Some("65+".into()),
        };
        let checked = validate_equality(&given).expect("valid");
        assert_eq!(checked.main_language.as_deref(), Some("ben"));
        assert_eq!(checked.sex.as_deref(), Some("male"));
        let wrong = Equality {
            ethnic_group: Some("asian-bangladesh".into()),
            ..Equality::default()
        };
        let error = validate_equality(&wrong).expect_err("unknown");
        assert_eq!(error.code(), Code::InvalidBody);
        assert_eq!(
            error.rejection().expect("rejected").suggestions,
            vec!["asian-bangladeshi"]
        );
        assert!(
            validate_equality(&Equality {
                religion: Some("muslim".into()),
                ..Equality::default()
            })
            .is_ok()
        );
        assert!(
            validate_equality(&Equality {
                age_band: Some("17".into()),
                ..Equality::default()
            })
            .is_err()
        );
    }

    #[test]
    fn case_refs_are_short_single_lines() {
        assert_eq!(case_ref("  WSL-0042 ").expect("ok"), "WSL-0042");
        assert!(case_ref("").is_err());
        assert!(case_ref("a\nb").is_err());
        assert!(case_ref(&"x".repeat(65)).is_err());
    }

    #[test]
    fn retention_reads_days_months_and_years() {
        assert_eq!("18mo".parse(), Ok(Retention::Months(18)));
        assert_eq!("2y".parse(), Ok(Retention::Months(24)));
        assert_eq!("90d".parse(), Ok(Retention::Days(90)));
        assert!("18".parse::<Retention>().is_err());
        assert!("mo".parse::<Retention>().is_err());
        assert!("18 months".parse::<Retention>().is_err());
        assert_eq!(Retention::default().to_string(), "18mo");
        let now = Utc
            .with_ymd_and_hms(2026, 12, 7, 12, 0, 0)
            .single()
            .expect("time");
        let cutoff = Retention::Months(18).cutoff(now);
        assert_eq!(
            cutoff,
            Utc.with_ymd_and_hms(2025, 6, 7, 12, 0, 0)
                .single()
                .expect("time")
        );
    }

    #[test]
    fn waits_run_from_sending_to_acceptance_and_to_attendance() {
        let mut tally = Tally::default();
        // Sent 1 January 00:00; accepted 2 January 00:00 (1 day), attended 3 January (2 days).
        tally.count("a", &row(ReferralStatus::Attended, true, true));
        // Accepted after 3.5 days, never attended.
        let mut slow = row(ReferralStatus::DidNotAttend, false, false);
        slow.accepted_at = Some("2026-01-04T12:00:00.000000Z".into());
        tally.count("a", &slow);
        // Declined: no wait to acceptance.
        let mut declined = row(ReferralStatus::Declined, false, false);
        declined.declined_at = Some("2026-01-01T06:00:00.000000Z".into());
        tally.count("a", &declined);
        tally.count("b", &row(ReferralStatus::Sent, false, false));
        let got: Vec<(String, String, u64, Option<f64>)> = tally
            .into_waits()
            .into_iter()
            .map(|w| (w.group, w.step, w.referrals, w.median_days))
            .collect();
        let want = [
            ("a", "accepted", 2, Some((1.0 + 3.5) / 2.0)),
            ("a", "attended", 1, Some(2.0)),
            ("b", "accepted", 0, None),
            ("b", "attended", 0, None),
        ];
        assert_eq!(
            got,
            want.map(|(g, s, n, d)| (g.to_owned(), s.to_owned(), n, d))
                .to_vec()
        );
    }

    #[test]
    fn tallies_count_accepted_and_attended_within_referred() {
        let mut tally = Tally::default();
        tally.count("b", &row(ReferralStatus::Sent, false, false));
        tally.count("a", &row(ReferralStatus::Attended, true, true));
        tally.count("a", &row(ReferralStatus::DidNotAttend, true, false));
        let got: Vec<(String, String, u64)> = tally
            .into_tallies()
            .into_iter()
            .map(|t| (t.group, t.metric, t.count))
            .collect();
        let want = [
            ("a", "referred", 2),
            ("a", "accepted", 2),
            ("a", "attended", 1),
            ("b", "referred", 1),
            ("b", "accepted", 0),
            ("b", "attended", 0),
        ];
        assert_eq!(
            got,
            want.map(|(g, m, c)| (g.to_owned(), m.to_owned(), c))
                .to_vec()
        );
    }
}
