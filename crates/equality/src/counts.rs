//! The counts that go in: a counts file `group,metric,count,base`, or the stored referrals'
//! tallies with a caseload file `group,count` (docs/equality.md). Rows keep their file order.

use std::collections::HashMap;
use std::io::Read;

use crate::error::EqualityError;

/// Suppression threshold: a count or base below this is not shown (docs/equality.md).
pub const SMALLEST_SHOWN: u64 = 5;

/// The metrics taken from stored referrals, each based on the one before it.
pub const REFERRED: &str = "referred";
pub const ACCEPTED: &str = "accepted";
pub const ATTENDED: &str = "attended";

/// A CSV file to read: the name errors give it (its path, for the CLI) and its contents.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvFile<R> {
    pub name: String,
    pub contents: R,
}

/// How many of a group's `base` people reached `metric`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountRow {
    pub group: String,
    pub metric: String,
    pub count: u64,
    pub base: u64,
}

/// The number of people on the caseload in each group, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Caseload {
    pub name: String,
    pub groups: Vec<(String, u64)>,
}

/// How many stored referrals of a group reached a metric (`referred`, `accepted`, `attended`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub group: String,
    pub metric: String,
    pub count: u64,
}

/// Counts built from stored referrals, and the groups that had referrals but no caseload row
/// (they have no `referred` row: there is no base for it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCounts {
    pub rows: Vec<CountRow>,
    pub not_in_caseload: Vec<String>,
}

/// Reads `group,metric,count,base` (more columns are allowed, in any order): counts whole and
/// not above their base, each (group, metric) once.
pub fn read_counts(file: CsvFile<impl Read>) -> Result<Vec<CountRow>, EqualityError> {
    let mut table = Table::open(file, "group,metric,count,base")?;
    let mut rows = Vec::new();
    let mut seen: HashMap<(String, String), u64> = HashMap::new();
    while let Some(row) = table.next_row()? {
        let group = row.text(0, "group")?;
        let metric = row.text(1, "metric")?;
        let count = row.count(2, "count")?;
        let base = row.count(3, "base")?;
        if count > base {
            return Err(EqualityError::CountAboveBaseAt {
                file: row.file.to_owned(),
                line: row.line,
                count,
                base,
            });
        }
        let key = (group.clone(), metric.clone());
        if let Some(first_line) = seen.insert(key, row.line) {
            return Err(EqualityError::DuplicateRow {
                file: row.file.to_owned(),
                line: row.line,
                group,
                metric,
                first_line,
            });
        }
        rows.push(CountRow {
            group,
            metric,
            count,
            base,
        });
    }
    table.finish(rows)
}

/// Reads a caseload `group,count` (more columns are allowed, in any order): each group once.
pub fn read_caseload(file: CsvFile<impl Read>) -> Result<Caseload, EqualityError> {
    let name = file.name.clone();
    let mut table = Table::open(file, "group,count")?;
    let mut groups = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    while let Some(row) = table.next_row()? {
        let group = row.text(0, "group")?;
        let count = row.count(1, "count")?;
        if let Some(first_line) = seen.insert(group.clone(), row.line) {
            return Err(EqualityError::DuplicateGroup {
                file: row.file.to_owned(),
                line: row.line,
                group,
                first_line,
            });
        }
        groups.push((group, count));
    }
    Ok(Caseload {
        name,
        groups: table.finish(groups)?,
    })
}

/// The counts of stored referrals: per group, `referred` on the caseload's count, `accepted` on
/// the referred count, `attended` on the accepted count. Groups come in caseload order, then the
/// others by name; a tally that is missing is 0.
pub fn counts_from_tallies(
    tallies: &[Tally],
    caseload: &Caseload,
) -> Result<StoredCounts, EqualityError> {
    let reached: HashMap<(&str, &str), u64> = tallies
        .iter()
        .map(|t| ((t.group.as_str(), t.metric.as_str()), t.count))
        .collect();
    let count_of = |group: &str, metric: &str| reached.get(&(group, metric)).copied().unwrap_or(0);
    let on_caseload: HashMap<&str, u64> = caseload
        .groups
        .iter()
        .map(|(group, people)| (group.as_str(), *people))
        .collect();
    let mut not_in_caseload: Vec<String> = tallies
        .iter()
        .filter(|t| !on_caseload.contains_key(t.group.as_str()))
        .map(|t| t.group.clone())
        .collect();
    not_in_caseload.sort();
    not_in_caseload.dedup();
    let groups = caseload
        .groups
        .iter()
        .map(|(group, _)| group)
        .chain(&not_in_caseload);
    let mut rows = Vec::new();
    for group in groups {
        let referred = count_of(group, REFERRED);
        let accepted = count_of(group, ACCEPTED);
        if let Some(&people) = on_caseload.get(group.as_str()) {
            if referred > people {
                return Err(EqualityError::CaseloadBelowReferred {
                    file: caseload.name.clone(),
                    group: group.clone(),
                    caseload: people,
                    referred,
                });
            }
            rows.push(row(group, REFERRED, referred, people));
        }
        rows.push(row(group, ACCEPTED, accepted, referred));
        rows.push(row(group, ATTENDED, count_of(group, ATTENDED), accepted));
    }
    Ok(StoredCounts {
        rows,
        not_in_caseload,
    })
}

fn row(group: &str, metric: &str, count: u64, base: u64) -> CountRow {
    CountRow {
        group: group.to_owned(),
        metric: metric.to_owned(),
        count,
        base,
    }
}

/// A CSV with named columns, read row by row with each row's line number.
struct Table<R> {
    name: String,
    reader: csv::Reader<R>,
    columns: Vec<usize>,
    record: csv::StringRecord,
}

impl<R: Read> Table<R> {
    /// Opens a CSV whose header must name every column of `expected` (comma-separated).
    fn open(file: CsvFile<R>, expected: &'static str) -> Result<Self, EqualityError> {
        let name = file.name;
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(file.contents);
        let headers = reader
            .headers()
            .map_err(|source| csv_error(&name, source))?
            .clone();
        let columns = expected
            .split(',')
            .map(|column| {
                headers.iter().position(|h| h == column).ok_or_else(|| {
                    EqualityError::MissingColumn {
                        file: name.clone(),
                        column,
                        expected,
                    }
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Table {
            name,
            reader,
            columns,
            record: csv::StringRecord::new(),
        })
    }

    fn next_row(&mut self) -> Result<Option<Row<'_>>, EqualityError> {
        let more = self
            .reader
            .read_record(&mut self.record)
            .map_err(|source| csv_error(&self.name, source))?;
        Ok(more.then(|| Row {
            file: &self.name,
            line: self.record.position().map_or(0, csv::Position::line),
            record: &self.record,
            columns: &self.columns,
        }))
    }

    /// The rows read, or an error if there were none.
    fn finish<T>(self, rows: Vec<T>) -> Result<Vec<T>, EqualityError> {
        if rows.is_empty() {
            return Err(EqualityError::NoRows { file: self.name });
        }
        Ok(rows)
    }
}

fn csv_error(file: &str, source: csv::Error) -> EqualityError {
    EqualityError::Csv {
        file: file.to_owned(),
        source,
    }
}

/// One data row: its fields by the position of the wanted column.
struct Row<'a> {
    file: &'a str,
    line: u64,
    record: &'a csv::StringRecord,
    columns: &'a [usize],
}

impl Row<'_> {
    fn field(&self, wanted: usize) -> &str {
        self.columns
            .get(wanted)
            .and_then(|&at| self.record.get(at))
            .unwrap_or_default()
    }

    fn text(&self, wanted: usize, column: &'static str) -> Result<String, EqualityError> {
        match self.field(wanted) {
            "" => Err(EqualityError::EmptyText {
                file: self.file.to_owned(),
                line: self.line,
                column,
            }),
            text => Ok(text.to_owned()),
        }
    }

    fn count(&self, wanted: usize, column: &'static str) -> Result<u64, EqualityError> {
        let value = self.field(wanted);
        value.parse().map_err(|_| EqualityError::NotACount {
            file: self.file.to_owned(),
            line: self.line,
            column,
            value: value.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(text: &str) -> Result<Vec<CountRow>, EqualityError> {
        read_counts(CsvFile {
            name: "counts.csv".to_owned(),
            contents: text.as_bytes(),
        })
    }

    fn error(text: &str) -> String {
        match counts(text) {
            Ok(rows) => panic!("expected an error, read {rows:?}"),
            Err(error) => error.to_string(),
        }
    }

    #[test]
    fn reads_rows_in_file_order_with_columns_in_any_order() {
        let rows =
            counts("base,count,metric,group,note\n140,52,referred,a,x\n10, 3 ,referred,b,\n")
                .unwrap();
        assert_eq!(
            rows,
            vec![row("a", "referred", 52, 140), row("b", "referred", 3, 10)]
        );
    }

    #[test]
    fn bad_rows_are_errors_naming_the_line() {
        let header = "group,metric,count,base\n";
        let ok = "a,referred,5,10\n";
        assert_eq!(
            error(&format!("{header}{ok}b,referred,7,6\n")),
            "counts.csv line 3: count 7 is larger than base 6"
        );
        assert_eq!(
            error(&format!("{header}{ok}b,referred,2.5,6\n")),
            "counts.csv line 3: count \"2.5\" is not a whole number (0 or more)"
        );
        assert_eq!(
            error(&format!("{header}{ok}b,referred,2,-6\n")),
            "counts.csv line 3: base \"-6\" is not a whole number (0 or more)"
        );
        assert_eq!(
            error(&format!("{header}{ok},referred,2,6\n")),
            "counts.csv line 3: an empty group"
        );
        assert_eq!(
            error(&format!("{header}{ok}a,referred,2,6\n")),
            "counts.csv line 3: group \"a\" and metric \"referred\" repeat line 2"
        );
        assert_eq!(error(header), "counts.csv: no rows below the header");
        assert_eq!(
            error("group,metric,count\na,b,1\n"),
            "counts.csv: missing column \"base\" (the header must name group,metric,count,base)"
        );
    }

    #[test]
    fn a_caseload_names_each_group_once() {
        let read = |text: &str| {
            read_caseload(CsvFile {
                name: "caseload.csv".to_owned(),
                contents: text.as_bytes(),
            })
        };
        let caseload = read("group,count\na,140\nb,60\n").unwrap();
        assert_eq!(
            caseload.groups,
            vec![("a".to_owned(), 140), ("b".to_owned(), 60)]
        );
        assert_eq!(
            read("group,count\na,140\na,60\n").unwrap_err().to_string(),
            "caseload.csv line 3: group \"a\" repeats line 2"
        );
    }

    fn tally(group: &str, metric: &str, count: u64) -> Tally {
        Tally {
            group: group.to_owned(),
            metric: metric.to_owned(),
            count,
        }
    }

    #[test]
    fn tallies_take_their_bases_from_the_step_before() {
        let caseload = Caseload {
            name: "caseload.csv".to_owned(),
            groups: vec![("a".to_owned(), 140), ("b".to_owned(), 60)],
        };
        let tallies = [
            tally("a", REFERRED, 52),
            tally("a", ACCEPTED, 40),
            tally("a", ATTENDED, 31),
            tally("not-recorded", REFERRED, 9),
            tally("not-recorded", ACCEPTED, 6),
        ];
        let counts = counts_from_tallies(&tallies, &caseload).unwrap();
        assert_eq!(
            counts.rows,
            vec![
                row("a", REFERRED, 52, 140),
                row("a", ACCEPTED, 40, 52),
                row("a", ATTENDED, 31, 40),
                row("b", REFERRED, 0, 60),
                row("b", ACCEPTED, 0, 0),
                row("b", ATTENDED, 0, 0),
                row("not-recorded", ACCEPTED, 6, 9),
                row("not-recorded", ATTENDED, 0, 6),
            ]
        );
        assert_eq!(counts.not_in_caseload, vec!["not-recorded".to_owned()]);
    }

    #[test]
    fn a_caseload_smaller_than_its_referrals_is_an_error() {
        let caseload = Caseload {
            name: "caseload.csv".to_owned(),
            groups: vec![("a".to_owned(), 4)],
        };
        assert_eq!(
            counts_from_tallies(&[tally("a", REFERRED, 5)], &caseload)
                .unwrap_err()
                .to_string(),
            "caseload.csv: group \"a\" has 4 people, fewer than its 5 referrals"
        );
    }
}
