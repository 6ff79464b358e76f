//! Equality monitoring for the faces: rates, relative rate index, Katz intervals, suppression and
//! the heatmap come from the pure `signpost-equality` crate; the stored referrals' tallies
//! ([`crate::Storage::equality_tallies`]) feed it (docs/equality.md).

pub use chrono::NaiveDate;
pub use signpost_equality::{
    Caseload, CountRow, CsvFile, EqualityError, Flag, RateRow, StoredCounts, Tally, WAIT_STEPS,
    Wait, counts_from_tallies, days_text, heatmap_html, rates_csv, read_caseload, read_counts,
    relative_rates, shade_step, waits_csv,
};

use crate::code::Code;
use crate::directory::Directory;
use crate::error::{AppError, Result};
use crate::referrals::{EqualityField, EqualityTally};

impl From<EqualityTally> for Tally {
    fn from(tally: EqualityTally) -> Tally {
        Tally {
            group: tally.group,
            metric: tally.metric,
            count: tally.count,
        }
    }
}

/// What the admin's heatmap page shows: the rates by group and metric, each group's median
/// waits, and the groups that had referrals but no caseload row.
#[derive(Debug, Clone, PartialEq)]
pub struct Heatmap {
    pub rates: Vec<RateRow>,
    pub waits: Vec<Wait>,
    pub not_in_caseload: Vec<String>,
}

/// What the heatmap is asked for: the field that makes the groups, the reference group, the
/// sending dates (inclusive, UTC) and the caseload CSV text `group,count`, if given (read, never
/// stored). Without a caseload the rates are per referral: `accepted` of those referred,
/// `attended` of those accepted, and no `referred` rate.
#[derive(Debug, Clone)]
pub struct HeatmapAsked<'a> {
    pub by: EqualityField,
    pub reference: &'a str,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub caseload: Option<&'a str>,
}

impl Directory {
    /// The equality heatmap of the stored referrals (docs/equality.md); a caseload or reference
    /// group the rates cannot be computed with is `invalid_parameter`, saying why.
    pub async fn equality_heatmap(&self, asked: &HeatmapAsked<'_>) -> Result<Heatmap> {
        let caseload = match asked.caseload {
            Some(text) => read_caseload(CsvFile {
                name: "the caseload".to_owned(),
                contents: text.as_bytes(),
            })
            .map_err(invalid)?,
            None => Caseload::default(),
        };
        let referrals = self.referrals();
        let tallies: Vec<Tally> = referrals
            .equality_tallies(asked.by, asked.from, asked.to)
            .await?
            .into_iter()
            .map(Tally::from)
            .collect();
        let counts = counts_from_tallies(&tallies, &caseload).map_err(invalid)?;
        let rates = if counts.rows.is_empty() {
            Vec::new()
        } else {
            relative_rates(&counts.rows, asked.reference).map_err(invalid)?
        };
        let waits = referrals
            .equality_waits(asked.by, asked.from, asked.to)
            .await?;
        Ok(Heatmap {
            rates,
            waits,
            not_in_caseload: counts.not_in_caseload,
        })
    }
}

fn invalid(error: EqualityError) -> AppError {
    AppError::rejected(Code::InvalidParameter, error.to_string())
}
