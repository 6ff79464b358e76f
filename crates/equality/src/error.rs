//! What can go wrong in equality monitoring: each error names the file and line at fault (by the
//! name the caller gave the file: its path, for the CLI), or the group and metric.

#[derive(Debug, thiserror::Error)]
pub enum EqualityError {
    #[error("{file}: {source}")]
    Csv { file: String, source: csv::Error },
    #[error("{file}: missing column {column:?} (the header must name {expected})")]
    MissingColumn {
        file: String,
        column: &'static str,
        expected: &'static str,
    },
    #[error("{file}: no rows below the header")]
    NoRows { file: String },
    #[error("{file} line {line}: an empty {column}")]
    EmptyText {
        file: String,
        line: u64,
        column: &'static str,
    },
    #[error("{file} line {line}: {column} {value:?} is not a whole number (0 or more)")]
    NotACount {
        file: String,
        line: u64,
        column: &'static str,
        value: String,
    },
    #[error("{file} line {line}: count {count} is larger than base {base}")]
    CountAboveBaseAt {
        file: String,
        line: u64,
        count: u64,
        base: u64,
    },
    #[error("{file} line {line}: group {group:?} and metric {metric:?} repeat line {first_line}")]
    DuplicateRow {
        file: String,
        line: u64,
        group: String,
        metric: String,
        first_line: u64,
    },
    #[error("{file} line {line}: group {group:?} repeats line {first_line}")]
    DuplicateGroup {
        file: String,
        line: u64,
        group: String,
        first_line: u64,
    },
    #[error("group {group:?}, metric {metric:?}: count {count} is larger than base {base}")]
    CountAboveBase {
        group: String,
        metric: String,
        count: u64,
        base: u64,
    },
    #[error("group {group:?} and metric {metric:?} appear twice")]
    Duplicate { group: String, metric: String },
    #[error("the reference group {reference:?} has no row for metric {metric:?}")]
    MissingReference { reference: String, metric: String },
    #[error("{file}: group {group:?} has {caseload} people, fewer than its {referred} referrals")]
    CaseloadBelowReferred {
        file: String,
        group: String,
        caseload: u64,
        referred: u64,
    },
}
