//! Importing HSDS services from a file: all or nothing, streaming.
//!
//! Every record is parsed, normalised ([`validate::normalise`]) and validated; ids must be
//! unique within the file. Valid records are written in batches inside ONE transaction, which
//! commits only when the whole file is good: a bad record rolls everything back and the error
//! lists every problem with its position (line for NDJSON/CSV, index for JSON). NDJSON and CSV
//! are read a line at a time; only the ids seen so far are kept (for the duplicate check), and
//! an NDJSON line longer than [`MAX_RECORD_BYTES`] is a problem, not a buffer. HSDS JSON is read
//! whole, so files over [`MAX_JSON_FILE_BYTES`] are refused.
//!
//! Reading and checking run on their own thread, a batch ahead of the writer. A record's stored
//! document is its own JSON text when normalising changed nothing (it parses back to exactly the
//! validated service), else the service serialised again.

use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use hashbrown::HashMap;
use hashbrown::hash_map::EntryRef;
use serde::Deserialize;
use serde_json::value::RawValue;
use signpost_domain::Service;
use signpost_domain::lenient::{self, Lenient};
use signpost_domain::validate::{self, Problem};
use thiserror::Error;
use tokio::sync::mpsc;

use crate::bulk::{ServiceWriter, WRITE_BATCH};
use crate::csv_format::{self, Layout};
use crate::data_problems::DataProblem;
use crate::error::StoreError;
use crate::open::{Store, now};
use crate::rows::{self, BatchRows};

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
    /// Keep a service whose id and name are good, setting each bad value aside
    /// ([`signpost_domain::lenient`]) and recording it as a data problem of that service.
    pub lenient: bool,
}

/// How far an import has got, reported after each batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub bytes_read: u64,
    pub total_bytes: u64,
    pub records: u64,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    pub format: Format,
    /// Services read (and, unless a dry run, written).
    pub records: u64,
    pub dry_run: bool,
    /// The values a lenient import set aside, in file order (none when strict).
    pub set_aside: Vec<DataProblem>,
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

/// Sees each service of a file that is to be written, in file order, on the thread that checks
/// them, for as long as the file is still good (never on a dry run). What it builds from them is
/// good only when the import returns `Ok`: a later bad record rejects the whole file, and the
/// store can still fail to commit it.
pub trait Feed: Send {
    /// A good service, about to be written, with `document`, the JSON text the store keeps of
    /// it (which parses back to exactly `service`).
    fn service(&mut self, service: &Service, document: &str);
    /// Every record of the file was good and has been handed over: nothing more is coming. Runs
    /// on the checking thread, which has nothing else to do, while the store writes its last
    /// rows and commits (so it may still be running when the import has returned; the feed is
    /// dropped on that thread once it has).
    fn file_read(&mut self);
}

/// Imports one file into the store (or, with `dry_run`, only checks it).
pub async fn import_file(
    store: &Store,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportSummary, ImportError> {
    import_file_feeding(store, path, options, progress, None).await
}

/// Imports one file into the store as [`import_file`] does, handing each service written to
/// `feed` as well (so that, say, a search index is built in the same pass over the file).
///
/// A thread reads, parses, normalises and validates the records and hands batches of rows over a
/// bounded queue to this task, which writes them in the file's one transaction while the next
/// batch is being checked. The transaction commits only when the whole file was good; on any
/// problem, error, or if this future is dropped midway, it is rolled back.
pub async fn import_file_feeding(
    store: &Store,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
    feed: Option<Box<dyn Feed>>,
) -> Result<ImportSummary, ImportError> {
    let file_name = path.display().to_string();
    let read_error = |source| ImportError::Read {
        file: file_name.clone(),
        source,
    };
    let store_error = |source| ImportError::Store {
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
    let (sender, mut receiver) = mpsc::channel(QUEUE_DEPTH);
    let mode = CheckMode {
        write: !options.dry_run,
        lenient: options.lenient,
    };
    std::thread::Builder::new()
        .name("signpost-import".to_owned())
        .spawn(move || check_file(reader, format, total_bytes, mode, feed, sender))
        .map_err(read_error)?;
    let mut writer: Option<ServiceWriter> = None;
    let checked = loop {
        match receiver.recv().await {
            Some(Message::Batch {
                rows,
                records,
                bytes_read,
            }) => {
                if let Some((rows, set_aside)) = rows {
                    let writer = match &mut writer {
                        Some(writer) => writer,
                        None => writer.insert(store.import_writer().await.map_err(store_error)?),
                    };
                    let ids: Vec<String> = rows.services.iter().map(|row| row.id.clone()).collect();
                    writer.write_rows(rows).await.map_err(store_error)?;
                    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
                    writer
                        .replace_data_problems(&ids, &set_aside)
                        .await
                        .map_err(store_error)?;
                }
                progress(Progress {
                    bytes_read,
                    total_bytes,
                    records,
                });
            }
            Some(Message::Done(checked)) => break checked.map_err(read_error)?,
            None => {
                return Err(read_error(std::io::Error::other(
                    "the thread reading the file stopped unexpectedly",
                )));
            }
        }
    };
    if checked.problem_count > 0 {
        if let Some(writer) = writer {
            writer.rollback().await.map_err(store_error)?;
        }
        return Err(ImportError::Invalid {
            file: file_name,
            problems: checked.problems,
            count: checked.problem_count,
        });
    }
    if checked.records == 0 {
        return Err(ImportError::Empty { file: file_name });
    }
    if let Some(writer) = writer {
        writer.commit().await.map_err(store_error)?;
    }
    progress(Progress {
        bytes_read: total_bytes,
        total_bytes,
        records: checked.records,
    });
    Ok(ImportSummary {
        format,
        records: checked.records,
        dry_run: options.dry_run,
        set_aside: checked.set_aside,
    })
}

/// Services handed to the writer at a time (it splits them into statements).
const IMPORT_BATCH: usize = 4 * WRITE_BATCH;
/// Messages queued between the reading thread and the writer: bounds the memory in flight.
const QUEUE_DEPTH: usize = 4;
/// The longest NDJSON line accepted; a longer one is a problem, and is skipped, not held.
pub const MAX_RECORD_BYTES: usize = 16 << 20;
/// The largest HSDS JSON file accepted: JSON files are read whole (NDJSON is streamed).
pub const MAX_JSON_FILE_BYTES: u64 = 64 << 20;

/// From the reading thread to the writer.
enum Message {
    /// Progress every [`WRITE_BATCH`] records, with rows to write (and the values their services
    /// had set aside) every [`IMPORT_BATCH`] while the file is still good (never on a dry run).
    Batch {
        rows: Option<(BatchRows, Vec<DataProblem>)>,
        records: u64,
        bytes_read: u64,
    },
    /// The file has been read: what was found, or why it could not be read.
    Done(std::io::Result<Checked>),
}

/// The outcome of checking a whole file.
struct Checked {
    records: u64,
    problems: Vec<RecordProblem>,
    problem_count: usize,
    set_aside: Vec<DataProblem>,
}

/// What the reading thread does with good records.
#[derive(Debug, Clone, Copy)]
struct CheckMode {
    /// Hand them to the writer (not a dry run).
    write: bool,
    /// Set bad values aside instead of rejecting the record.
    lenient: bool,
}

/// Why the reading thread stopped early.
enum Stop {
    Io(std::io::Error),
    /// The writer has gone (a store error, or the import was dropped): stop quietly.
    Closed,
}

impl From<std::io::Error> for Stop {
    fn from(e: std::io::Error) -> Self {
        Stop::Io(e)
    }
}

impl From<csv::Error> for Stop {
    fn from(e: csv::Error) -> Self {
        Stop::Io(std::io::Error::other(e))
    }
}

/// The reading thread: checks every record of the file and sends the rows and the outcome.
fn check_file(
    reader: BufReader<File>,
    format: Format,
    total_bytes: u64,
    mode: CheckMode,
    feed: Option<Box<dyn Feed>>,
    sender: mpsc::Sender<Message>,
) {
    let mut check = Check {
        sender,
        write: mode.write,
        lenient: mode.lenient.then(now),
        feed,
        batch: BatchRows::default(),
        batch_set_aside: Vec::new(),
        set_aside: Vec::new(),
        seen: HashMap::new(),
        problems: Vec::new(),
        problem_count: 0,
        records: 0,
    };
    let read = match format {
        Format::Ndjson => read_ndjson(reader, &mut check),
        Format::Csv => read_csv(reader, &mut check),
        Format::HsdsJson => read_json(reader, total_bytes, &mut check),
    };
    let done = match read {
        Ok(()) => check.send(total_bytes, true).map(|()| Ok(())),
        Err(Stop::Io(e)) => Ok(Err(e)),
        Err(Stop::Closed) => Err(Stop::Closed),
    };
    let Ok(done) = done else { return };
    let sender = check.sender.clone();
    let mut finished_feed = done.as_ref().ok().and_then(|()| check.finished_feed());
    // The writer may have gone meanwhile; then nobody is waiting for the outcome.
    let _ = sender.blocking_send(Message::Done(done.map(|()| check.checked())));
    if let Some(feed) = &mut finished_feed {
        feed.file_read();
    }
}

/// Checks records one by one, gathering every problem, and batches the rows of good records
/// while the file is still good.
struct Check {
    sender: mpsc::Sender<Message>,
    write: bool,
    /// When lenient, the time the values set aside are recorded at.
    lenient: Option<String>,
    feed: Option<Box<dyn Feed>>,
    batch: BatchRows,
    /// The values set aside from the services in `batch`.
    batch_set_aside: Vec<DataProblem>,
    /// Every value set aside so far.
    set_aside: Vec<DataProblem>,
    /// Every id seen so far, where it was first seen.
    seen: HashMap<Box<str>, Position>,
    problems: Vec<RecordProblem>,
    problem_count: usize,
    records: u64,
}

impl Check {
    /// Takes one record (or the problems that kept it from being read); `text` is its JSON
    /// text, stored as it is when normalising changes nothing. `bytes_read` is how far into the
    /// file the record ends.
    fn accept(
        &mut self,
        position: Position,
        base: &str,
        record: Result<Service, Vec<Problem>>,
        text: Option<&str>,
        bytes_read: u64,
    ) -> Result<(), Stop> {
        self.records += 1;
        let record = match &self.lenient {
            Some(_) => read_lenient(record, text).map_err(|problems| {
                problems
                    .into_iter()
                    .map(|p| Problem {
                        path: format!("{base}{}", p.path),
                        message: p.message,
                    })
                    .collect()
            }),
            None => record.map(|service| (service, Vec::new())),
        };
        match record {
            Ok((service, set_aside)) => self.check(position, base, service, text, set_aside),
            Err(problems) => self.report(position, problems),
        }
        if self.records.is_multiple_of(WRITE_BATCH as u64) {
            self.send(bytes_read, false)?;
        }
        Ok(())
    }

    fn check(
        &mut self,
        position: Position,
        base: &str,
        mut service: Service,
        text: Option<&str>,
        set_aside: Vec<lenient::SetAside>,
    ) {
        let changed = validate::normalise_reporting_change(&mut service) || !set_aside.is_empty();
        let mut problems = validate::validate(&service, base);
        match self.seen.entry_ref(service.id.as_str()) {
            EntryRef::Occupied(first) => problems.push(Problem {
                path: format!("{base}/id"),
                message: format!("{:?} is already used at {}", service.id, first.get()),
            }),
            EntryRef::Vacant(entry) => {
                entry.insert(position);
            }
        }
        if !problems.is_empty() {
            self.report(position, problems);
            return;
        }
        self.set_aside_from(&service.id, set_aside);
        if !self.writing() {
            return;
        }
        let document = match text {
            Some(text) if !changed => text.to_owned(),
            _ => match rows::encode(&service) {
                Ok(document) => document,
                Err(e) => {
                    let problem = Problem {
                        path: base.to_owned(),
                        message: e.to_string(),
                    };
                    self.report(position, vec![problem]);
                    return;
                }
            },
        };
        if let Some(feed) = &mut self.feed {
            feed.service(&service, &document);
        }
        self.batch.push(service, document);
    }

    /// Records the values set aside from the service `id`.
    fn set_aside_from(&mut self, id: &str, set_aside: Vec<lenient::SetAside>) {
        let Some(recorded_at) = &self.lenient else {
            return;
        };
        for value in set_aside {
            let problem = DataProblem {
                service_id: id.to_owned(),
                path: value.path,
                value: value.value.to_string(),
                reason: value.reason,
                recorded_at: recorded_at.clone(),
            };
            if self.writing() {
                self.batch_set_aside.push(problem.clone());
            }
            self.set_aside.push(problem);
        }
    }

    /// The feed, once the whole file was read and every record of it was good.
    fn finished_feed(&mut self) -> Option<Box<dyn Feed>> {
        if self.writing() {
            self.feed.take()
        } else {
            None
        }
    }

    /// Whether good records are still to be written.
    fn writing(&self) -> bool {
        self.write && self.problem_count == 0
    }

    fn report(&mut self, position: Position, problems: Vec<Problem>) {
        self.problem_count += problems.len();
        self.batch = BatchRows::default();
        self.batch_set_aside = Vec::new();
        let room = MAX_REPORTED_PROBLEMS.saturating_sub(self.problems.len());
        self.problems
            .extend(problems.into_iter().take(room).map(|p| RecordProblem {
                position,
                path: p.path,
                message: p.message,
            }));
    }

    /// Reports progress, handing over the batch when it is full or the file has ended.
    fn send(&mut self, bytes_read: u64, end_of_file: bool) -> Result<(), Stop> {
        let ready = end_of_file || self.batch.len() >= IMPORT_BATCH;
        let rows = (self.writing() && self.batch.len() > 0 && ready).then(|| {
            (
                std::mem::take(&mut self.batch),
                std::mem::take(&mut self.batch_set_aside),
            )
        });
        self.sender
            .blocking_send(Message::Batch {
                rows,
                records: self.records,
                bytes_read,
            })
            .map_err(|_| Stop::Closed)
    }

    fn checked(self) -> Checked {
        Checked {
            records: self.records,
            problems: self.problems,
            problem_count: self.problem_count,
            set_aside: self.set_aside,
        }
    }
}
/// A record read leniently: from its JSON text when it has one (so values of the wrong type
/// are set aside too), else from the service read (CSV); or the fault in its identity.
fn read_lenient(
    record: Result<Service, Vec<Problem>>,
    text: Option<&str>,
) -> Result<(Service, Vec<lenient::SetAside>), Vec<Problem>> {
    let value = match (text, record) {
        (Some(text), record) => match serde_json::from_str(text) {
            Ok(value) => value,
            Err(_) => return record.map(|service| (service, Vec::new())),
        },
        (None, Ok(service)) => serde_json::to_value(&service).map_err(|e| {
            vec![Problem {
                path: String::new(),
                message: e.to_string(),
            }]
        })?,
        (None, Err(problems)) => return Err(problems),
    };
    lenient::read_lenient(value)
        .map(|Lenient { service, set_aside }| (service, set_aside))
        .map_err(|rejected| {
            vec![Problem {
                path: rejected.path,
                message: rejected.reason,
            }]
        })
}

/// Reads one line into `line`, keeping at most `limit` + 1 bytes of it; returns the
/// bytes consumed (0 at the end of the file) and whether the line was longer than `limit`, in
/// which case the rest of it is skipped, not held.
fn read_line_capped(
    reader: &mut impl BufRead,
    line: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<(usize, bool)> {
    line.clear();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let read = reader.by_ref().take(cap).read_until(b'\n', line)?;
    if read > limit && line.last() != Some(&b'\n') {
        let skipped = reader.skip_until(b'\n')?;
        return Ok((read + skipped, true));
    }
    Ok((read, false))
}

fn read_ndjson(mut reader: impl BufRead, check: &mut Check) -> Result<(), Stop> {
    let mut line = Vec::new();
    let (mut number, mut bytes) = (0u64, 0u64);
    loop {
        let (read, too_long) = read_line_capped(&mut reader, &mut line, MAX_RECORD_BYTES)?;
        if read == 0 {
            return Ok(());
        }
        number += 1;
        bytes += read as u64;
        if too_long {
            let problem = Problem {
                path: String::new(),
                message: format!("is longer than {} MiB", MAX_RECORD_BYTES >> 20),
            };
            check.accept(Position::Line(number), "", Err(vec![problem]), None, bytes)?;
            continue;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let text = std::str::from_utf8(line.trim_ascii_end()).map_err(|e| vec![not_utf8(&e)]);
        let record = text.clone().and_then(parse_service);
        check.accept(Position::Line(number), "", record, text.ok(), bytes)?;
    }
}

fn not_utf8(error: &std::str::Utf8Error) -> Problem {
    Problem {
        path: String::new(),
        message: format!("is not UTF-8 (bad byte at offset {})", error.valid_up_to()),
    }
}

/// Parses one service; when it does not parse, parses it again to name the path of the problem
/// (`/languages/0/code: invalid type ...`), which is slower.
fn parse_service(text: &str) -> Result<Service, Vec<Problem>> {
    serde_json::from_str(text).or_else(|_| parse_service_with_path(text))
}

fn parse_service_with_path(text: &str) -> Result<Service, Vec<Problem>> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let service: Service = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = lenient::json_pointer(&e.path().to_string());
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

fn read_csv(reader: impl Read, check: &mut Check) -> Result<(), Stop> {
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let header = csv.byte_headers()?.clone();
    let names: Result<Vec<&str>, _> = header.iter().map(std::str::from_utf8).collect();
    let layout = match names
        .map_err(|e| vec![not_utf8(&e)])
        .and_then(|n| Layout::from_header(&n))
    {
        Ok(layout) => layout,
        Err(problems) => {
            check.report(Position::Line(1), problems);
            return Ok(());
        }
    };
    let mut record = csv::ByteRecord::new();
    while csv.read_byte_record(&mut record)? {
        let (line, bytes) = record.position().map_or((0, 0), |p| (p.line(), p.byte()));
        let cells: Result<Vec<&str>, _> = record.iter().map(std::str::from_utf8).collect();
        let service = cells
            .map_err(|e| vec![not_utf8(&e)])
            .and_then(|cells| csv_format::service_from_record(&layout, &cells));
        check.accept(Position::Line(line), "", service, None, bytes)?;
    }
    Ok(())
}

/// The ORUK paged shape; any other object is a single service.
#[derive(Deserialize)]
struct Paged<'a> {
    #[serde(borrow)]
    contents: Option<Vec<&'a RawValue>>,
}

fn read_json(mut reader: impl Read, total_bytes: u64, check: &mut Check) -> Result<(), Stop> {
    if total_bytes > MAX_JSON_FILE_BYTES {
        let problem = Problem {
            path: String::new(),
            message: format!(
                "is {} MiB; HSDS JSON files are read whole, so at most {} MiB is accepted \
                 (import it as NDJSON, one service per line, which is streamed)",
                total_bytes >> 20,
                MAX_JSON_FILE_BYTES >> 20
            ),
        };
        check.report(Position::File, vec![problem]);
        return Ok(());
    }
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes)?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(e) => {
            check.report(Position::File, vec![not_utf8(&e)]);
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
                check.report(Position::File, whole_file(e));
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
                let end = bytes.len() as u64;
                return check.accept(Position::Index(0), "", record, Some(text.trim()), end);
            }
            Err(e) => {
                check.report(Position::File, whole_file(e));
                return Ok(());
            }
        }
    };
    let start = text.as_ptr() as usize;
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
        let end = (raw.get().as_ptr() as usize + raw.get().len() - start) as u64;
        check.accept(
            Position::Index(index as u64),
            &at,
            record,
            Some(raw.get()),
            end,
        )?;
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
    fn long_lines_are_skipped_not_held() {
        let mut reader = &b"12345\n123456\n1234567890\nend"[..];
        let mut line = Vec::new();
        let mut lines = Vec::new();
        loop {
            let (read, too_long) = read_line_capped(&mut reader, &mut line, 6).expect("read");
            if read == 0 {
                break;
            }
            lines.push((
                read,
                too_long,
                String::from_utf8(line.clone()).expect("utf8"),
            ));
        }
        assert_eq!(
            lines,
            vec![
                (6, false, "12345\n".to_owned()),
                (7, false, "123456\n".to_owned()),
                (11, true, "1234567".to_owned()),
                (3, false, "end".to_owned()),
            ]
        );
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
