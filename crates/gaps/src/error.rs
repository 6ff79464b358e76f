//! What can go wrong in gap analysis, each error naming the file and row at fault.

use std::path::PathBuf;

use signpost_geo::RadiusError;

use crate::access::UnknownMethod;
use crate::census::AreaLevelError;
use crate::need::NeedError;

#[derive(Debug, thiserror::Error)]
pub enum GapsError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Csv { path: PathBuf, source: csv::Error },
    #[error("{path}: missing column {column:?} (the header must name {expected})")]
    MissingColumn {
        path: PathBuf,
        column: &'static str,
        expected: &'static str,
    },
    #[error("{path} line {line}: {column} {value:?} is not a number")]
    NotANumber {
        path: PathBuf,
        line: u64,
        column: &'static str,
        value: String,
    },
    #[error("{path} line {line}: {column} {value} must not be negative")]
    Negative {
        path: PathBuf,
        line: u64,
        column: &'static str,
        value: f64,
    },
    #[error("{path} line {line}: {column} must be a whole number, not {value}")]
    NotWhole {
        path: PathBuf,
        line: u64,
        column: &'static str,
        value: f64,
    },
    #[error("{path} line {line}: an empty id")]
    EmptyId { path: PathBuf, line: u64 },
    #[error("{path} line {line}: id {id:?} repeats the id of line {first_line}")]
    DuplicateId {
        path: PathBuf,
        line: u64,
        id: String,
        first_line: u64,
    },
    #[error(
        "{path} line {line}: ({lat}, {lon}) is outside the UK (latitude 49.8 to 61.0, longitude -8.7 to 1.8)"
    )]
    OutsideUk {
        path: PathBuf,
        line: u64,
        lat: f64,
        lon: f64,
    },
    #[error("{path} line {line}: unknown {level} area code {code:?}")]
    UnknownArea {
        path: PathBuf,
        line: u64,
        level: &'static str,
        code: String,
    },
    #[error("{path} line {line}: {source}")]
    CaseloadNeed {
        path: PathBuf,
        line: u64,
        source: NeedError,
    },
    #[error("{path} line {line}: area {code:?} and need {need:?} repeat line {first_line}")]
    DuplicateCaseload {
        path: PathBuf,
        line: u64,
        code: String,
        need: String,
        first_line: u64,
    },
    #[error("catchment: {0}")]
    Catchment(#[from] RadiusError),
    #[error(transparent)]
    Method(#[from] UnknownMethod),
    #[error(transparent)]
    Need(#[from] NeedError),
    #[error(transparent)]
    Area(#[from] AreaLevelError),
    #[error("{0}")]
    Report(String),
}

impl GapsError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> GapsError {
        GapsError::Io {
            path: path.into(),
            source,
        }
    }
}
