//! Equality monitoring: for each group and metric, the rate (count over base), the relative rate
//! index against a reference group with its 95 % Katz interval, a flag, and suppression of small
//! numbers; out as the rates CSV and a self-contained HTML heatmap (docs/equality.md). No IO:
//! files come in as readers and go out as text; the caller opens and writes them.

pub mod counts;
pub mod error;
pub mod render;
pub mod rri;
pub mod waits;

pub use counts::{
    ACCEPTED, ATTENDED, Caseload, CountRow, CsvFile, REFERRED, SMALLEST_SHOWN, StoredCounts, Tally,
    counts_from_tallies, read_caseload, read_counts,
};
pub use error::EqualityError;
pub use render::{CSV_HEADER, heatmap_html, rates_csv, shade_step};
pub use rri::{Flag, RateRow, Z_95, relative_rates};
pub use waits::{WAIT_STEPS, WAITS_CSV_HEADER, Wait, days_text, waits_csv};
