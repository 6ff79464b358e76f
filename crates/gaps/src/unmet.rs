//! Unmet referral demand: referrals a service declined because it was full, counted per local
//! authority (the service's) and per category of need. The caller reads the referrals and places
//! each service; this only counts (docs/gaps.md, "Unmet referral demand").

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::render::csv_field;
use crate::report::SUPPRESS_BELOW;

/// The area of a service the directory cannot place in the UK.
pub const UNKNOWN_AREA: &str = "unknown";
/// The category of a referral whose needs were not recorded (or were purged).
pub const NEEDS_NOT_RECORDED: &str = "not-recorded";

/// The header of `unmet_referrals.csv`.
pub const UNMET_CSV_HEADER: &str = "area_code,area_name,category,declined_full,suppressed";

/// One referral declined as `full`: the local authority of the service it was sent to (`None`
/// when the service has no UK location) and the needs it was sent for (category codes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclinedFull {
    /// GSS code and name of the local authority.
    pub area: Option<(String, String)>,
    pub needs: Vec<String>,
}

/// How many referrals for one category were declined as full in one area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnmetDemand {
    pub area_code: String,
    pub area_name: String,
    pub category: String,
    /// `None` when fewer than 5 (suppressed, as caseload counts are).
    pub declined_full: Option<u64>,
}

/// Counts per (area, category): a referral for several needs counts once under each; one with
/// no needs under `not-recorded`. Largest first, then by area code and category.
pub fn count_unmet_demand(referrals: &[DeclinedFull]) -> Vec<UnmetDemand> {
    let mut counts: BTreeMap<(String, String, String), u64> = BTreeMap::new();
    for referral in referrals {
        let (code, name) = referral
            .area
            .clone()
            .unwrap_or_else(|| (UNKNOWN_AREA.to_owned(), UNKNOWN_AREA.to_owned()));
        let not_recorded = [NEEDS_NOT_RECORDED.to_owned()];
        let needs = if referral.needs.is_empty() {
            &not_recorded[..]
        } else {
            &referral.needs[..]
        };
        for need in needs {
            *counts
                .entry((code.clone(), name.clone(), need.clone()))
                .or_default() += 1;
        }
    }
    let mut rows: Vec<(u64, UnmetDemand)> = counts
        .into_iter()
        .map(|((area_code, area_name, category), count)| {
            let shown = (count as f64 >= SUPPRESS_BELOW).then_some(count);
            let row = UnmetDemand {
                area_code,
                area_name,
                category,
                declined_full: shown,
            };
            (count, row)
        })
        .collect();
    rows.sort_by(|(a, a_row), (b, b_row)| {
        b.cmp(a)
            .then_with(|| a_row.area_code.cmp(&b_row.area_code))
            .then_with(|| a_row.category.cmp(&b_row.category))
    });
    rows.into_iter().map(|(_, row)| row).collect()
}

/// `area_code,area_name,category,declined_full,suppressed`: a suppressed count is empty.
pub fn unmet_demand_csv(rows: &[UnmetDemand]) -> String {
    let mut out = format!("{UNMET_CSV_HEADER}\n");
    for row in rows {
        let _ = writeln!(
            out,
            "{},{},{},{},{}",
            csv_field(&row.area_code),
            csv_field(&row.area_name),
            csv_field(&row.category),
            row.declined_full.map_or(String::new(), |n| n.to_string()),
            row.declined_full.is_none()
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declined(area: Option<(&str, &str)>, needs: &[&str]) -> DeclinedFull {
        DeclinedFull {
            area: area.map(|(code, name)| (code.to_owned(), name.to_owned())),
            needs: needs.iter().map(|n| (*n).to_owned()).collect(),
        }
    }

    #[test]
    fn declined_referrals_count_per_area_and_need_with_small_counts_suppressed() {
        let walsall = Some(("E08000030", "Walsall"));
        let sandwell = Some(("E08000028", "Sandwell"));
        let mut referrals = Vec::new();
        // Walsall: 6 for mentoring (2 of them also for accommodation).
        for _ in 0..4 {
            referrals.push(declined(walsall, &["mentoring"]));
        }
        for _ in 0..2 {
            referrals.push(declined(walsall, &["mentoring", "accommodation"]));
        }
        // Sandwell: 5 for employment; 1 with its needs purged.
        for _ in 0..5 {
            referrals.push(declined(sandwell, &["employment"]));
        }
        referrals.push(declined(sandwell, &[]));
        // A service with no UK location.
        referrals.push(declined(None, &["mentoring"]));
        let rows = count_unmet_demand(&referrals);
        insta::assert_snapshot!("unmet_referrals_csv", unmet_demand_csv(&rows));
    }
}
