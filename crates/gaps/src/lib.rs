//! Gap analysis for commissioners: floating-catchment access scores (2SFCA, E2SFCA, G2SFCA,
//! 3SFCA, SPAR) from demand and supply files, and reports of where Census 2021 need (or a
//! caseload) outruns what the directory offers, as CSV, GeoJSON, HTML and JSON. No IO: files
//! come in as readers and go out as text or through a writer; the caller opens and writes them.

pub mod access;
pub mod census;
pub mod error;
pub mod need;
pub mod points_csv;
pub mod progress;
pub mod render;
pub mod report;
pub mod unmet;

pub use access::{DemandPoint, Method, SupplyPoint, UnknownMethod, access};
pub use census::{ATTRIBUTION_MD, AreaLevel, AreaLevelError};
pub use error::GapsError;
pub use need::{Need, NeedError, Term};
pub use points_csv::{AccessRun, AccessSummary, CsvFile, run_access, write_access};
pub use progress::{Progress, Unwatched};
pub use render::{ReportFile, Summary, report_files, summary};
pub use report::{Caseload, Report, ReportOptions, ReportRun, read_caseload, report, run_report};
pub use unmet::{DeclinedFull, UnmetDemand, count_unmet_demand, unmet_demand_csv};
