//! Importing HSDS services from a file: all or nothing, streaming.
//!
//! Every record is parsed, normalised ([`validate::normalise`]) and validated; ids must be
//! unique within the file. Valid records are written in batches inside ONE transaction, which
//! commits only when the whole file is good: a bad record rolls everything back and the error
//! lists every problem with its position (line for NDJSON/CSV, index for JSON). NDJSON and CSV
//! are read a line at a time; only the ids seen so far are kept (for the duplicate check).

use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde::Deserialize;
use serde_json::value::RawValue;
use signpost_domain::Service;
use signpost_domain::validate::{self, Problem};
use thiserror::Error;

use crate::csv_format::{self, Layout};
use crate::error::StoreError;
use crate::store::{ServiceWriter, Store, WRITE_BATCH};

/// At most this many problems are kept in an error (all are counted).
pub const MAX_REPORTED_PROBLEMS: usize = 1000;

/// The file formats of `signpost import` / `signpost export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// HSDS JSON: one service object, an array of them, or an ORUK page `{"contents": [...]}`.
    HsdsJson,
    /// One HSDS service object per line.
    Ndjson,
    /// The flat columns of `docs/csv.md`.
    Csv,
}

impl Format {
    /// The format named on the command line: `hsds-json`, `ndjson` or `csv`.
    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "hsds-json" | "json" => Some(Format::HsdsJson),
            "ndjson" | "jsonl" => Some(Format::Ndjson),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::HsdsJson => "hsds-json",
            Format::Ndjson => "ndjson",
            Format::Csv => "csv",
        }
    }

    /// The format by file extension (`.json`, `.ndjson`/`.jsonl`, `.csv`).
    pub fn from_extension(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "json" => Some(Format::HsdsJson),
            "ndjson" | "jsonl" => Some(Format::Ndjson),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// The format from the start of a file: `[` is JSON; `{` is NDJSON when the first line is a
    /// whole object and more follows, else JSON; anything else is CSV.
    pub fn sniff(head: &[u8]) -> Format {
        let text = String::from_utf8_lossy(head);
        let trimmed = text.trim_start();
        if trimmed.starts_with('[') {
            return Format::HsdsJson;
        }
        if !trimmed.starts_with('{') {
            return Format::Csv;
        }
        let (first_line, rest) = trimmed.split_once('\n').unwrap_or((trimmed, ""));
        let first_is_object =
            serde_json::from_str::<serde_json::Value>(first_line).is_ok_and(|v| v.is_object());
        if first_is_object && !rest.trim().is_empty() {
            Format::Ndjson
        } else {
            Format::HsdsJson
        }
    }
}

/// How to import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Validate only; the store is not touched.
    pub dry_run: bool,
    /// The format, when not to be detected from the extension and content.
    pub format: Option<Format>,
}

/// How far an import has got, reported after each batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub bytes_read: u64,
    pub total_bytes: u64,
    pub records: u64,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportSummary {
    pub format: Format,
    /// Services read (and, unless a dry run, written).
    pub records: u64,
    pub dry_run: bool,
}

/// Where in a file a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// A line of an NDJSON or CSV file (1-based).
    Line(u64),
    /// The n-th service of a JSON file (0-based).
    Index(u64),
    /// The file as a whole (e.g. JSON that does not parse).
    File,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::Line(n) => write!(f, "line {n}"),
            Position::Index(n) => write!(f, "index {n}"),
            Position::File => f.write_str("file"),
        }
    }
}

/// One problem of an imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordProblem {
    pub position: Position,
    /// JSON pointer inside the record (or a CSV column); empty for the record as a whole.
    pub path: String,
    pub message: String,
}

impl fmt::Display for RecordProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.position, self.message)
        } else {
            write!(f, "{}: {}: {}", self.position, self.path, self.message)
        }
    }
}

/// Why a file was not imported. The store is unchanged in every case.
#[derive(Debug, Error)]
pub enum ImportError {
    #[error("cannot read {file}: {source}")]
    Read {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}: the file has no services")]
    Empty { file: String },
    #[error("{file}: rejected, {count} problem(s); the first: {}", first(.problems))]
    Invalid {
        file: String,
        /// Every problem, up to [`MAX_REPORTED_PROBLEMS`].
        problems: Vec<RecordProblem>,
        /// How many problems there were in all.
        count: usize,
    },
    #[error("{file}: {source}")]
    Store { file: String, source: StoreError },
}

impl ImportError {
    /// Every problem found (one for errors that are not about records), for `--json` output.
    pub fn problems(&self) -> Vec<String> {
        match self {
            ImportError::Invalid { problems, .. } => {
                problems.iter().map(ToString::to_string).collect()
            }
            other => vec![other.to_string()],
        }
    }
}

fn first(problems: &[RecordProblem]) -> String {
    problems
        .first()
        .map(ToString::to_string)
        .unwrap_or_default()
}

/// Imports one file into the store (or, with `dry_run`, only checks it).
pub async fn import_file(
    store: &Store,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportSummary, ImportError> {
    let file_name = path.display().to_string();
    let read_error = |source| ImportError::Read {
        file: file_name.clone(),
        source,
    };
    let file = File::open(path).map_err(read_error)?;
    let total_bytes = file.metadata().map_err(read_error)?.len();
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let head = reader.fill_buf().map_err(read_error)?.to_vec();
    if head.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty { file: file_name });
    }
    let format = options
        .format
        .or_else(|| Format::from_extension(path))
        .unwrap_or_else(|| Format::sniff(&head));
    tracing::info!(file = %file_name, format = format.name(), dry_run = options.dry_run, "importing");
    let mut ingest = Ingest {
        writer: None,
        store,
        batch: Vec::with_capacity(WRITE_BATCH),
        seen: HashMap::new(),
        problems: Vec::new(),
        problem_count: 0,
        records: 0,
        dry_run: options.dry_run,
        total_bytes,
        progress,
    };
    let read = match format {
        Format::Ndjson => read_ndjson(reader, &mut ingest).await,
        Format::Csv => read_csv(reader, &mut ingest).await,
        Format::HsdsJson => read_json(reader, &mut ingest).await,
    };
    let store_error = |source| ImportError::Store {
        file: file_name.clone(),
        source,
    };
    read.map_err(|e| match e {
        ReadError::Io(source) => read_error(source),
        ReadError::Store(source) => store_error(source),
    })?;
    let records = ingest.finish().await.map_err(|e| match e {
        Finish::Invalid { problems, count } => ImportError::Invalid {
            file: file_name.clone(),
            problems,
            count,
        },
        Finish::Empty => ImportError::Empty {
            file: file_name.clone(),
        },
        Finish::Store(source) => store_error(source),
    })?;
    Ok(ImportSummary {
        format,
        records,
        dry_run: options.dry_run,
    })
}

enum ReadError {
    Io(std::io::Error),
    Store(StoreError),
}

impl From<StoreError> for ReadError {
    fn from(e: StoreError) -> Self {
        ReadError::Store(e)
    }
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        ReadError::Io(e)
    }
}

impl From<csv::Error> for ReadError {
    fn from(e: csv::Error) -> Self {
        ReadError::Io(std::io::Error::other(e))
    }
}

enum Finish {
    Invalid {
        problems: Vec<RecordProblem>,
        count: usize,
    },
    Empty,
    Store(StoreError),
}

/// Checks records one by one and writes the good ones in batches while the file is still good.
struct Ingest<'a> {
    store: &'a Store,
    writer: Option<ServiceWriter>,
    batch: Vec<Service>,
    seen: HashMap<String, Position>,
    problems: Vec<RecordProblem>,
    problem_count: usize,
    records: u64,
    dry_run: bool,
    total_bytes: u64,
    progress: &'a mut dyn FnMut(Progress),
}

impl Ingest<'_> {
    /// Takes one record (or the problems that kept it from being read).
    async fn accept(
        &mut self,
        position: Position,
        base: &str,
        record: Result<Service, Vec<Problem>>,
    ) -> Result<(), StoreError> {
        self.records += 1;
        let mut service = match record {
            Ok(service) => service,
            Err(problems) => {
                self.report(position, problems);
                return Ok(());
            }
        };
        validate::normalise(&mut service);
        let mut problems = validate::validate(&service, base);
        if let Some(first) = self.seen.get(&service.id) {
            problems.push(Problem {
                path: format!("{base}/id"),
                message: format!("{:?} is already used at {first}", service.id),
            });
        } else {
            self.seen.insert(service.id.clone(), position);
        }
        if !problems.is_empty() {
            self.report(position, problems);
            return Ok(());
        }
        if self.problem_count == 0 && !self.dry_run {
            self.batch.push(service);
            if self.batch.len() >= WRITE_BATCH {
                self.flush().await?;
            }
        }
        Ok(())
    }

    fn report(&mut self, position: Position, problems: Vec<Problem>) {
        self.problem_count += problems.len();
        self.batch.clear();
        let room = MAX_REPORTED_PROBLEMS.saturating_sub(self.problems.len());
        self.problems
            .extend(problems.into_iter().take(room).map(|p| RecordProblem {
                position,
                path: p.path,
                message: p.message,
            }));
    }

    async fn flush(&mut self) -> Result<(), StoreError> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let writer = match &mut self.writer {
            Some(writer) => writer,
            None => self.writer.insert(self.store.writer().await?),
        };
        writer.write(&self.batch).await?;
        self.batch.clear();
        Ok(())
    }

    fn progress(&mut self, bytes_read: u64) {
        (self.progress)(Progress {
            bytes_read,
            total_bytes: self.total_bytes,
            records: self.records,
        });
    }

    /// Commits when every record was good; otherwise rolls back and returns the problems.
    async fn finish(mut self) -> Result<u64, Finish> {
        if self.problem_count > 0 {
            if let Some(writer) = self.writer.take() {
                writer.rollback().await.map_err(Finish::Store)?;
            }
            return Err(Finish::Invalid {
                problems: self.problems,
                count: self.problem_count,
            });
        }
        if self.records == 0 {
            return Err(Finish::Empty);
        }
        self.flush().await.map_err(Finish::Store)?;
        if let Some(writer) = self.writer.take() {
            writer.commit().await.map_err(Finish::Store)?;
        }
        let (records, total) = (self.records, self.total_bytes);
        self.progress(total);
        Ok(records)
    }
}

async fn read_ndjson(mut reader: impl BufRead, ingest: &mut Ingest<'_>) -> Result<(), ReadError> {
    let mut line = Vec::new();
    let (mut number, mut bytes) = (0u64, 0u64);
    loop {
        line.clear();
        let read = reader.read_until(b'\n', &mut line)?;
        if read == 0 {
            break;
        }
        number += 1;
        bytes += read as u64;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let record = std::str::from_utf8(line.trim_ascii_end())
            .map_err(|e| vec![not_utf8(&e)])
            .and_then(parse_service);
        ingest.accept(Position::Line(number), "", record).await?;
        if ingest.records.is_multiple_of(WRITE_BATCH as u64) {
            ingest.progress(bytes);
        }
    }
    Ok(())
}

fn not_utf8(error: &std::str::Utf8Error) -> Problem {
    Problem {
        path: String::new(),
        message: format!("is not UTF-8 (bad byte at offset {})", error.valid_up_to()),
    }
}

/// Parses one service, naming the path of a wrong type (`/languages/0/code: invalid type ...`).
fn parse_service(text: &str) -> Result<Service, Vec<Problem>> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let service: Service = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = json_pointer(&e.path().to_string());
        vec![Problem {
            path,
            message: e.into_inner().to_string(),
        }]
    })?;
    deserializer.end().map_err(|e| {
        vec![Problem {
            path: String::new(),
            message: e.to_string(),
        }]
    })?;
    Ok(service)
}

/// `languages[0].code` (serde_path_to_error) → `/languages/0/code`; the root and unknown (`?`)
/// segments are left out.
fn json_pointer(path: &str) -> String {
    path.split(['.', '['])
        .map(|segment| segment.trim_end_matches(']'))
        .filter(|segment| !segment.is_empty() && *segment != "?")
        .map(|segment| format!("/{segment}"))
        .collect()
}

async fn read_csv(reader: impl Read, ingest: &mut Ingest<'_>) -> Result<(), ReadError> {
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let header = csv.byte_headers()?.clone();
    let names: Result<Vec<&str>, _> = header.iter().map(std::str::from_utf8).collect();
    let layout = match names
        .map_err(|e| vec![not_utf8(&e)])
        .and_then(|n| Layout::from_header(&n))
    {
        Ok(layout) => layout,
        Err(problems) => {
            ingest.report(Position::Line(1), problems);
            return Ok(());
        }
    };
    let mut record = csv::ByteRecord::new();
    while csv.read_byte_record(&mut record)? {
        let line = record.position().map_or(0, |p| p.line());
        let cells: Result<Vec<&str>, _> = record.iter().map(std::str::from_utf8).collect();
        let service = cells
            .map_err(|e| vec![not_utf8(&e)])
            .and_then(|cells| csv_format::service_from_record(&layout, &cells));
        ingest.accept(Position::Line(line), "", service).await?;
        if ingest.records.is_multiple_of(WRITE_BATCH as u64) {
            ingest.progress(record.position().map_or(0, |p| p.byte()));
        }
    }
    Ok(())
}

/// The ORUK paged shape; any other object is a single service.
#[derive(Deserialize)]
struct Paged<'a> {
    #[serde(borrow)]
    contents: Option<Vec<&'a RawValue>>,
}

async fn read_json(mut reader: impl Read, ingest: &mut Ingest<'_>) -> Result<(), ReadError> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes)?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(e) => {
            ingest.report(Position::File, vec![not_utf8(&e)]);
            return Ok(());
        }
    };
    let whole_file = |e: serde_json::Error| {
        vec![Problem {
            path: String::new(),
            message: format!("is not valid JSON: {e}"),
        }]
    };
    let (records, base) = if text.trim_start().starts_with('[') {
        match serde_json::from_str::<Vec<&RawValue>>(text) {
            Ok(records) => (records, ""),
            Err(e) => {
                ingest.report(Position::File, whole_file(e));
                return Ok(());
            }
        }
    } else {
        match serde_json::from_str::<Paged>(text) {
            Ok(Paged {
                contents: Some(records),
            }) => (records, "/contents"),
            Ok(Paged { contents: None }) => {
                let record = parse_service(text);
                ingest.accept(Position::Index(0), "", record).await?;
                return Ok(());
            }
            Err(e) => {
                ingest.report(Position::File, whole_file(e));
                return Ok(());
            }
        }
    };
    for (index, raw) in records.iter().enumerate() {
        let at = format!("{base}/{index}");
        let record = parse_service(raw.get()).map_err(|problems| {
            problems
                .into_iter()
                .map(|p| Problem {
                    path: format!("{at}{}", p.path),
                    message: p.message,
                })
                .collect()
        });
        ingest
            .accept(Position::Index(index as u64), &at, record)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_sniffed_from_content() {
        assert_eq!(Format::sniff(b"  [{}]"), Format::HsdsJson);
        assert_eq!(
            Format::sniff(b"{\"id\": \"a\"}\n{\"id\": \"b\"}\n"),
            Format::Ndjson
        );
        assert_eq!(Format::sniff(b"{\"contents\": [\n]}"), Format::HsdsJson);
        assert_eq!(Format::sniff(b"{\"id\": \"a\"}\n"), Format::HsdsJson);
        assert_eq!(Format::sniff(b"id,name\n"), Format::Csv);
    }

    #[test]
    fn serde_paths_become_json_pointers() {
        assert_eq!(json_pointer("languages[0].code"), "/languages/0/code");
        assert_eq!(json_pointer("minimum_age"), "/minimum_age");
        assert_eq!(json_pointer("."), "");
        assert_eq!(json_pointer("?"), "");
    }

    #[test]
    fn wrong_types_name_their_path() {
        let problems =
            parse_service(r#"{"id": "s", "name": "n", "languages": [{"id": "l", "code": 7}]}"#)
                .expect_err("wrong type");
        assert_eq!(problems[0].path, "/languages/0/code");
        assert!(
            problems[0].message.starts_with("invalid type: integer `7`"),
            "{}",
            problems[0].message
        );
    }
}
