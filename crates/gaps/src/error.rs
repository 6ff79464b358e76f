//! What can go wrong in gap analysis, each error naming the file and row at fault (by the name
//! the caller gave the file: its path, for the CLI).

use signpost_geo::RadiusError;

use crate::access::UnknownMethod;
use crate::census::AreaLevelError;
use crate::need::NeedError;

#[derive(Debug, thiserror::Error)]
pub enum GapsError {
    #[error("{file}: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}: {source}")]
    Csv { file: String, source: csv::Error },
    #[error("{file}: missing column {column:?} (the header must name {expected})")]
    MissingColumn {
        file: String,
        column: &'static str,
        expected: &'static str,
    },
    #[error("{file} line {line}: {column} {value:?} is not a number")]
    NotANumber {
        file: String,
        line: u64,
        column: &'static str,
        value: String,
    },
    #[error("{file} line {line}: {column} {value} must not be negative")]
    Negative {
        file: String,
        line: u64,
        column: &'static str,
        value: f64,
    },
    #[error("{file} line {line}: {column} must be a whole number, not {value}")]
    NotWhole {
        file: String,
        line: u64,
        column: &'static str,
        value: f64,
    },
    #[error("{file} line {line}: an empty id")]
    EmptyId { file: String, line: u64 },
    #[error("{file} line {line}: id {id:?} repeats the id of line {first_line}")]
    DuplicateId {
        file: String,
        line: u64,
        id: String,
        first_line: u64,
    },
    #[error(
        "{file} line {line}: ({lat}, {lon}) is outside the UK (latitude 49.8 to 61.0, longitude -8.7 to 1.8)"
    )]
    OutsideUk {
        file: String,
        line: u64,
        lat: f64,
        lon: f64,
    },
    #[error("{file} line {line}: unknown {level} area code {code:?}")]
    UnknownArea {
        file: String,
        line: u64,
        level: &'static str,
        code: String,
    },
    #[error("{file} line {line}: {source}")]
    CaseloadNeed {
        file: String,
        line: u64,
        source: NeedError,
    },
    #[error("{file} line {line}: area {code:?} and need {need:?} repeat line {first_line}")]
    DuplicateCaseload {
        file: String,
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
    pub(crate) fn io(file: &str, source: std::io::Error) -> GapsError {
        GapsError::Io {
            file: file.to_owned(),
            source,
        }
    }
}
