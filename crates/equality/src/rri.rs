//! Rates, the relative rate index against a reference group, its 95 % Katz interval, flags and
//! suppression, as docs/equality.md defines them.

use std::collections::{HashMap, HashSet};

use crate::counts::{CountRow, SMALLEST_SHOWN};
use crate::error::EqualityError;

/// The normal quantile for a two-sided 95 % interval, as the contract gives it.
pub const Z_95: f64 = 1.959964;

/// What a row says about its group against the reference group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// The reference group's own row.
    Reference,
    /// The whole interval is above 1.
    Higher,
    /// The whole interval is below 1.
    Lower,
    /// The interval holds 1.
    Similar,
    /// A count or base (the row's or the reference's) is below 5: nothing is shown.
    Suppressed,
}

impl Flag {
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Reference => "reference",
            Flag::Higher => "higher",
            Flag::Lower => "lower",
            Flag::Similar => "similar",
            Flag::Suppressed => "suppressed",
        }
    }
}

/// One input row with its rate, relative rate index and interval (each `None` when not shown).
#[derive(Debug, Clone, PartialEq)]
pub struct RateRow {
    pub group: String,
    pub metric: String,
    pub count: u64,
    pub base: u64,
    pub rate: Option<f64>,
    pub rri: Option<f64>,
    /// The 95 % Katz interval (low, high); never given for the reference row.
    pub interval: Option<(f64, f64)>,
    pub flag: Flag,
}

/// Every row against the reference group's row for the same metric, in input order. Each
/// (group, metric) must appear once, no count above its base, and the reference group must have
/// a row for every metric.
pub fn relative_rates(rows: &[CountRow], reference: &str) -> Result<Vec<RateRow>, EqualityError> {
    check_rows(rows)?;
    let references: HashMap<&str, &CountRow> = rows
        .iter()
        .filter(|row| row.group == reference)
        .map(|row| (row.metric.as_str(), row))
        .collect();
    rows.iter()
        .map(|row| {
            let reference_row = references.get(row.metric.as_str()).ok_or_else(|| {
                EqualityError::MissingReference {
                    reference: reference.to_owned(),
                    metric: row.metric.clone(),
                }
            })?;
            Ok(compare(row, reference_row, row.group == reference))
        })
        .collect()
}

fn check_rows(rows: &[CountRow]) -> Result<(), EqualityError> {
    let mut seen = HashSet::new();
    for row in rows {
        if row.count > row.base {
            return Err(EqualityError::CountAboveBase {
                group: row.group.clone(),
                metric: row.metric.clone(),
                count: row.count,
                base: row.base,
            });
        }
        if !seen.insert((row.group.as_str(), row.metric.as_str())) {
            return Err(EqualityError::Duplicate {
                group: row.group.clone(),
                metric: row.metric.clone(),
            });
        }
    }
    Ok(())
}

/// Whether a count and base are both large enough to show.
fn shown(row: &CountRow) -> bool {
    row.count >= SMALLEST_SHOWN && row.base >= SMALLEST_SHOWN
}

fn rate(row: &CountRow) -> f64 {
    row.count as f64 / row.base as f64
}

fn compare(row: &CountRow, reference: &CountRow, is_reference: bool) -> RateRow {
    let mut out = RateRow {
        group: row.group.clone(),
        metric: row.metric.clone(),
        count: row.count,
        base: row.base,
        rate: None,
        rri: None,
        interval: None,
        flag: Flag::Suppressed,
    };
    if !(shown(row) && shown(reference)) {
        return out;
    }
    out.rate = Some(rate(row));
    if is_reference {
        out.rri = Some(1.0);
        out.flag = Flag::Reference;
        return out;
    }
    let rri = rate(row) / rate(reference);
    let interval = katz_interval(rri, row, reference);
    out.rri = Some(rri);
    out.interval = Some(interval);
    out.flag = flag(interval);
    out
}

/// exp(ln RRI ± z·sqrt(1/a − 1/n + 1/a_ref − 1/n_ref)), written as RRI·exp(±z·se) so that the
/// interval always holds RRI exactly. Counts are at least 5 and never above their base.
fn katz_interval(rri: f64, row: &CountRow, reference: &CountRow) -> (f64, f64) {
    let inverse = |n: u64| 1.0 / n as f64;
    let variance =
        inverse(row.count) - inverse(row.base) + inverse(reference.count) - inverse(reference.base);
    let half_width = Z_95 * variance.max(0.0).sqrt();
    (rri * (-half_width).exp(), rri * half_width.exp())
}

fn flag((low, high): (f64, f64)) -> Flag {
    if low > 1.0 {
        Flag::Higher
    } else if high < 1.0 {
        Flag::Lower
    } else {
        Flag::Similar
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn row(group: &str, metric: &str, count: u64, base: u64) -> CountRow {
        CountRow {
            group: group.to_owned(),
            metric: metric.to_owned(),
            count,
            base,
        }
    }

    fn close(actual: f64, expected: f64) {
        assert!(
            (actual - expected).abs() <= 1e-9 * expected.abs(),
            "{actual} is not {expected}"
        );
    }

    /// Hand-computed: group 52 of 140, reference 30 of 200.
    /// rate = 52/140 = 0.371428571428571…; reference rate = 30/200 = 0.15;
    /// RRI = 0.371428571428571 / 0.15 = 2.476190476190476;
    /// variance = 1/52 − 1/140 + 1/30 − 1/200
    ///          = 0.019230769230769 − 0.007142857142857 + 0.033333333333333 − 0.005
    ///          = 0.040421245421245; se = sqrt(0.040421245421245) = 0.201050355…;
    /// z·se = 1.959964 × 0.201050355 = 0.394051459…;
    /// low  = 2.476190476 × exp(−0.394051459) = 2.476190476 × 0.674319356… = 1.669743166…;
    /// high = 2.476190476 × exp(+0.394051459) = 2.476190476 × 1.482976859… = 3.672133175…
    #[test]
    fn rri_and_interval_match_the_hand_computation() {
        let rows = [
            row("ref", "referred", 30, 200),
            row("a", "referred", 52, 140),
        ];
        let out = relative_rates(&rows, "ref").unwrap();
        let a = &out[1];
        close(a.rate.unwrap(), 52.0 / 140.0);
        close(a.rri.unwrap(), 2.476_190_476_190_476);
        let variance: f64 = 1.0 / 52.0 - 1.0 / 140.0 + 1.0 / 30.0 - 1.0 / 200.0;
        close(variance, 0.040_421_245_421_245_42);
        let half = 1.959_964 * variance.sqrt();
        let (low, high) = a.interval.unwrap();
        close(low, (2.476_190_476_190_476_f64.ln() - half).exp());
        close(high, (2.476_190_476_190_476_f64.ln() + half).exp());
        assert!((low - 1.669_743_166).abs() < 1e-8, "{low}");
        assert!((high - 3.672_133_175).abs() < 1e-8, "{high}");
        assert_eq!(a.flag, Flag::Higher);
        assert_eq!(out[0].rri, Some(1.0));
        assert_eq!(out[0].interval, None);
        assert_eq!(out[0].flag, Flag::Reference);
    }

    /// 10 of 100 against 20 of 100: RRI 0.5; variance 1/10 − 1/100 + 1/20 − 1/100 = 0.13;
    /// z·sqrt(0.13) = 1.959964 × 0.360555128 = 0.706675070…; interval 0.5 × exp(∓0.706675070…)
    /// = (0.246640800…, 1.013619805…): it holds 1, so similar. 5 of 100 against 50 of 100: RRI 0.1,
    /// variance 1/5 − 1/100 + 1/50 − 1/100 = 0.2, z·sqrt(0.2) = 0.876522547…,
    /// high 0.1 × exp(0.876522547…) = 0.240253048… < 1.
    #[test]
    fn flags_follow_the_interval() {
        let rows = [
            row("ref", "m", 20, 100),
            row("a", "m", 10, 100),
            row("ref", "n", 50, 100),
            row("a", "n", 5, 100),
        ];
        let out = relative_rates(&rows, "ref").unwrap();
        let (low, high) = out[1].interval.unwrap();
        assert!((low - 0.246_640_800).abs() < 1e-8 && (high - 1.013_619_805).abs() < 1e-8);
        assert_eq!(out[1].flag, Flag::Similar);
        close(out[3].rri.unwrap(), 0.1);
        assert!((out[3].interval.unwrap().1 - 0.240_253_048).abs() < 1e-8);
        assert_eq!(out[3].flag, Flag::Lower);
    }

    fn flag_of(group: (u64, u64), reference: (u64, u64)) -> (Flag, Option<f64>) {
        let rows = [
            row("ref", "m", reference.0, reference.1),
            row("a", "m", group.0, group.1),
        ];
        let out = relative_rates(&rows, "ref").unwrap();
        assert_eq!(out[1].rate.is_some(), out[1].flag != Flag::Suppressed);
        assert_eq!(out[1].interval.is_some(), out[1].flag != Flag::Suppressed);
        (out[1].flag, out[1].rri)
    }

    #[test]
    fn suppression_is_below_five_on_each_count_and_base() {
        assert_eq!(flag_of((4, 50), (10, 50)).0, Flag::Suppressed);
        assert_ne!(flag_of((5, 50), (10, 50)).0, Flag::Suppressed);
        assert_eq!(flag_of((4, 4), (10, 50)).0, Flag::Suppressed);
        assert_eq!(flag_of((5, 5), (10, 50)), (Flag::Higher, Some(5.0)));
        assert_eq!(flag_of((10, 50), (4, 50)).0, Flag::Suppressed);
        assert_ne!(flag_of((10, 50), (5, 50)).0, Flag::Suppressed);
        assert_eq!(flag_of((0, 4), (4, 4)).0, Flag::Suppressed);
        assert_ne!(flag_of((5, 50), (5, 5)).0, Flag::Suppressed);
        assert_eq!(flag_of((0, 50), (10, 50)), (Flag::Suppressed, None));
    }

    #[test]
    fn a_reference_with_a_small_count_suppresses_its_metric() {
        let rows = [
            row("ref", "referred", 3, 200),
            row("a", "referred", 52, 140),
            row("ref", "accepted", 3, 3),
            row("a", "accepted", 40, 52),
        ];
        let out = relative_rates(&rows, "ref").unwrap();
        assert!(
            out.iter()
                .all(|r| r.flag == Flag::Suppressed && r.rri.is_none())
        );
    }

    #[test]
    fn a_missing_reference_or_a_repeated_row_is_an_error() {
        let rows = [row("ref", "referred", 30, 200), row("a", "accepted", 5, 9)];
        assert_eq!(
            relative_rates(&rows, "ref").unwrap_err().to_string(),
            "the reference group \"ref\" has no row for metric \"accepted\""
        );
        let rows = [row("ref", "m", 30, 200), row("ref", "m", 5, 9)];
        assert_eq!(
            relative_rates(&rows, "ref").unwrap_err().to_string(),
            "group \"ref\" and metric \"m\" appear twice"
        );
        let rows = [row("ref", "m", 30, 20)];
        assert_eq!(
            relative_rates(&rows, "ref").unwrap_err().to_string(),
            "group \"ref\", metric \"m\": count 30 is larger than base 20"
        );
    }

    fn counts() -> impl Strategy<Value = Vec<(u64, u64)>> {
        proptest::collection::vec((0u64..2_000, 0u64..2_000), 1..8)
    }

    proptest! {
        #[test]
        fn the_reference_is_1_and_every_interval_holds_its_rri(
            reference in (0u64..5_000, 0u64..5_000),
            others in counts(),
        ) {
            let fix = |(a, b): (u64, u64)| (a.min(b), a.max(b));
            let (rc, rb) = fix(reference);
            let mut rows = vec![row("ref", "m", rc, rb)];
            for (i, pair) in others.into_iter().enumerate() {
                let (c, b) = fix(pair);
                rows.push(row(&format!("g{i}"), "m", c, b));
            }
            let out = relative_rates(&rows, "ref").unwrap();
            if out[0].flag != Flag::Suppressed {
                prop_assert_eq!(out[0].rri, Some(1.0));
                prop_assert_eq!(out[0].flag, Flag::Reference);
            }
            for r in &out[1..] {
                if let (Some(rri), Some((low, high))) = (r.rri, r.interval) {
                    prop_assert!(low <= rri && rri <= high, "{} not in {}..{}", rri, low, high);
                    prop_assert!(low > 0.0 && high.is_finite());
                }
            }
        }

        #[test]
        fn no_counts_panic(
            rows in proptest::collection::vec(
                (0u8..3, 0u8..3, any::<u64>(), any::<u64>()), 0..12),
            reference in 0u8..3,
        ) {
            let rows: Vec<CountRow> = rows
                .into_iter()
                .map(|(g, m, c, b)| row(&format!("g{g}"), &format!("m{m}"), c, b))
                .collect();
            let _ = relative_rates(&rows, &format!("g{reference}"));
        }
    }
}
