//! Gap analysis for commissioners: floating-catchment access scores (2SFCA, E2SFCA, G2SFCA,
//! 3SFCA, SPAR) from demand and supply files, and reports of where Census 2021 need (or a
//! caseload) outruns what the directory offers, as CSV, GeoJSON, HTML and JSON.

pub mod access;
pub mod census;
pub mod error;
pub mod need;
pub mod points_csv;
pub mod progress;
pub mod render;
pub mod report;

pub use access::{DemandPoint, Method, SupplyPoint, UnknownMethod, access};
pub use census::{ATTRIBUTION_MD, AreaLevel, AreaLevelError};
pub use error::GapsError;
pub use need::{Need, NeedError, Term};
pub use points_csv::{AccessSummary, run_access};
pub use progress::{Progress, Unwatched};
pub use render::{Summary, summary, write_report};
pub use report::{Caseload, Report, ReportOptions, read_caseload, report, run_report};
