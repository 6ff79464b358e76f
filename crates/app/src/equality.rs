//! Equality monitoring for the faces: rates, relative rate index, Katz intervals, suppression and
//! the heatmap come from the pure `signpost-equality` crate; the stored referrals' tallies
//! ([`crate::Storage::equality_tallies`]) feed it (docs/equality.md).

pub use chrono::NaiveDate;
pub use signpost_equality::{
    Caseload, CountRow, CsvFile, EqualityError, Flag, RateRow, StoredCounts, Tally,
    counts_from_tallies, heatmap_html, rates_csv, read_caseload, read_counts, relative_rates,
};

use crate::referrals::EqualityTally;

impl From<EqualityTally> for Tally {
    fn from(tally: EqualityTally) -> Tally {
        Tally {
            group: tally.group,
            metric: tally.metric,
            count: tally.count,
        }
    }
}
