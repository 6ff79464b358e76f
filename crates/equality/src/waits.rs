//! Median waits by group: how many days referrals took from being sent to a step (`accepted`,
//! `attended`), over the referrals that reached it; a median over fewer than 5 referrals is
//! suppressed like any small number (docs/equality.md).

use crate::counts::SMALLEST_SHOWN;

/// The header of the waits CSV.
pub const WAITS_CSV_HEADER: &str = "group,step,referrals,median_days";

/// The steps a wait runs to, in order.
pub const WAIT_STEPS: [&str; 2] = [crate::counts::ACCEPTED, crate::counts::ATTENDED];

/// One group's wait to one step: the median over the `referrals` that reached it.
#[derive(Debug, Clone, PartialEq)]
pub struct Wait {
    pub group: String,
    pub step: String,
    pub referrals: u64,
    /// `None` when no referral reached the step.
    pub median_days: Option<f64>,
}

impl Wait {
    /// A group's wait to `step` from the days each of its referrals took.
    pub fn from_days(group: &str, step: &str, mut days: Vec<f64>) -> Wait {
        days.sort_by(f64::total_cmp);
        Wait {
            group: group.to_owned(),
            step: step.to_owned(),
            referrals: days.len() as u64,
            median_days: median(&days),
        }
    }

    /// The median as it may be shown: `None` when it rests on fewer than 5 referrals.
    pub fn shown_median(&self) -> Option<f64> {
        self.median_days
            .filter(|_| self.referrals >= SMALLEST_SHOWN)
    }
}

/// The median of sorted values: the middle one, or the mean of the two middle ones.
fn median(sorted: &[f64]) -> Option<f64> {
    let middle = sorted.len() / 2;
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => sorted.get(middle).copied(),
        _ => Some((sorted.get(middle - 1)? + sorted.get(middle)?) / 2.0),
    }
}

/// `group,step,referrals,median_days`, one line per wait in order; the median is empty when it
/// is suppressed (fewer than 5 referrals) or there is none.
pub fn waits_csv(waits: &[Wait]) -> String {
    let mut out = format!("{WAITS_CSV_HEADER}\n");
    for wait in waits {
        let median = wait.shown_median().map_or(String::new(), |d| d.to_string());
        out.push_str(&format!(
            "{},{},{},{median}\n",
            crate::render::csv_field(&wait.group),
            crate::render::csv_field(&wait.step),
            wait.referrals
        ));
    }
    out
}

/// A median in days as a page shows it: one decimal place.
pub fn days_text(days: f64) -> String {
    format!("{days:.1} days")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_is_the_middle_value_or_the_mean_of_the_middle_two() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[1.0, 2.0, 10.0]), Some(2.0));
        assert_eq!(median(&[1.0, 2.0, 4.0, 10.0]), Some(3.0));
        let wait = Wait::from_days("a", "accepted", vec![4.0, 0.5, 2.0, 1.0, 3.0, 9.0]);
        assert_eq!(wait.referrals, 6);
        assert_eq!(wait.median_days, Some((2.0 + 3.0) / 2.0));
    }

    #[test]
    fn medians_over_fewer_than_five_referrals_are_suppressed() {
        let four = Wait::from_days("a", "accepted", vec![1.0, 2.0, 3.0, 4.0]);
        let five = Wait::from_days("b", "attended", vec![1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(four.shown_median(), None);
        assert_eq!(five.shown_median(), Some(3.0));
        assert_eq!(
            waits_csv(&[four, five]),
            "group,step,referrals,median_days\na,accepted,4,\nb,attended,5,3\n"
        );
    }
}
