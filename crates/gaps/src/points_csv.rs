//! The `gaps access` files: demand `id,lat,lon,population`, supply `id,lat,lon,capacity`, and
//! the output `id,access` in input order. Every bad row is an error naming its file and line. The
//! caller opens and creates the files: readers in, a writer out.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::time::Instant;

use signpost_geo::Point;

use crate::access::{DemandPoint, Method, SupplyPoint, access};
use crate::error::GapsError;

/// The box every demand and supply point must fall in: the UK with the Isles of Scilly,
/// Shetland and Northern Ireland (latitude 49.8 to 61.0, longitude -8.7 to 1.8).
pub const UK_LAT: (f64, f64) = (49.8, 61.0);
pub const UK_LON: (f64, f64) = (-8.7, 1.8);

/// Whether a point is inside [`UK_LAT`] x [`UK_LON`].
pub fn in_uk(p: Point) -> bool {
    (UK_LAT.0..=UK_LAT.1).contains(&p.lat) && (UK_LON.0..=UK_LON.1).contains(&p.lon)
}

/// Rows of a points file: ids and the located amounts, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct PointRows {
    pub ids: Vec<String>,
    pub points: Vec<Point>,
    /// Population (demand) or capacity (supply).
    pub amounts: Vec<f64>,
}

/// A CSV file to read: the name errors give it (its path, for the CLI) and its contents.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvFile<R> {
    pub name: String,
    pub contents: R,
}

/// Reads a demand file `id,lat,lon,population` (more columns are allowed, in any order).
pub fn read_demand(file: CsvFile<impl Read>) -> Result<Vec<(String, DemandPoint)>, GapsError> {
    let rows = read_points(file, "population")?;
    Ok(rows
        .ids
        .into_iter()
        .zip(rows.points.into_iter().zip(rows.amounts))
        .map(|(id, (point, population))| (id, DemandPoint { point, population }))
        .collect())
}

/// Reads a supply file `id,lat,lon,capacity` (more columns are allowed, in any order).
pub fn read_supply(file: CsvFile<impl Read>) -> Result<Vec<(String, SupplyPoint)>, GapsError> {
    let rows = read_points(file, "capacity")?;
    Ok(rows
        .ids
        .into_iter()
        .zip(rows.points.into_iter().zip(rows.amounts))
        .map(|(id, (point, capacity))| (id, SupplyPoint { point, capacity }))
        .collect())
}

/// Reads `id,lat,lon,<amount>`: ids unique and non-empty, points in the UK, amounts >= 0.
pub fn read_points(file: CsvFile<impl Read>, amount: &'static str) -> Result<PointRows, GapsError> {
    let name = file.name.as_str();
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(file.contents);
    let csv_error = |source| GapsError::Csv {
        file: name.to_owned(),
        source,
    };
    let headers = reader.byte_headers().map_err(csv_error)?.clone();
    let columns = Columns::find(&headers, amount, name)?;
    let mut rows = PointRows {
        ids: Vec::new(),
        points: Vec::new(),
        amounts: Vec::new(),
    };
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut record = csv::ByteRecord::new();
    while reader.read_byte_record(&mut record).map_err(csv_error)? {
        let line = record.position().map_or(0, |p| p.line());
        let row = Row {
            record: &record,
            file: name,
            line,
        };
        let id = row.text(columns.id);
        if id.is_empty() {
            return Err(GapsError::EmptyId {
                file: name.to_owned(),
                line,
            });
        }
        let point = Point::new(
            row.number(columns.lat, "lat")?,
            row.number(columns.lon, "lon")?,
        );
        if !in_uk(point) {
            return Err(GapsError::OutsideUk {
                file: name.to_owned(),
                line,
                lat: point.lat,
                lon: point.lon,
            });
        }
        let value = row.number(columns.amount, amount)?;
        if value < 0.0 {
            return Err(GapsError::Negative {
                file: name.to_owned(),
                line,
                column: amount,
                value,
            });
        }
        if let Some(first_line) = seen.insert(id.clone(), line) {
            return Err(GapsError::DuplicateId {
                file: name.to_owned(),
                line,
                id,
                first_line,
            });
        }
        rows.ids.push(id);
        rows.points.push(point);
        rows.amounts.push(value);
    }
    Ok(rows)
}

struct Columns {
    id: usize,
    lat: usize,
    lon: usize,
    amount: usize,
}

impl Columns {
    fn find(
        headers: &csv::ByteRecord,
        amount: &'static str,
        name: &str,
    ) -> Result<Columns, GapsError> {
        let expected = if amount == "population" {
            "id,lat,lon,population"
        } else {
            "id,lat,lon,capacity"
        };
        let position = |column: &'static str| {
            headers
                .iter()
                .position(|h| h.eq_ignore_ascii_case(column.as_bytes()))
                .ok_or_else(|| GapsError::MissingColumn {
                    file: name.to_owned(),
                    column,
                    expected,
                })
        };
        Ok(Columns {
            id: position("id")?,
            lat: position("lat")?,
            lon: position("lon")?,
            amount: position(amount)?,
        })
    }
}

struct Row<'a> {
    record: &'a csv::ByteRecord,
    file: &'a str,
    line: u64,
}

impl Row<'_> {
    fn text(&self, column: usize) -> String {
        String::from_utf8_lossy(self.record.get(column).unwrap_or_default()).into_owned()
    }

    fn number(&self, column: usize, name: &'static str) -> Result<f64, GapsError> {
        let raw = self.record.get(column).unwrap_or_default();
        std::str::from_utf8(raw)
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            .filter(|v| v.is_finite())
            .ok_or_else(|| GapsError::NotANumber {
                file: self.file.to_owned(),
                line: self.line,
                column: name,
                value: String::from_utf8_lossy(raw).into_owned(),
            })
    }
}

/// Writes `id,access` in the order given to `out` (called `name` in errors); scores in Rust's
/// shortest round-trip form.
pub fn write_access(
    name: &str,
    out: impl Write,
    ids: &[String],
    scores: &[f64],
) -> Result<(), GapsError> {
    let mut out = csv::Writer::from_writer(out);
    let csv_error = |source| GapsError::Csv {
        file: name.to_owned(),
        source,
    };
    out.write_record(["id", "access"]).map_err(csv_error)?;
    for (id, score) in ids.iter().zip(scores) {
        out.write_record([id.as_str(), score.to_string().as_str()])
            .map_err(csv_error)?;
    }
    out.flush().map_err(|e| GapsError::io(name, e))
}

/// What a `gaps access` run did (for `--json`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AccessSummary {
    pub method: String,
    pub catchment_m: f64,
    pub demand_points: usize,
    pub supply_points: usize,
    /// Demand points with at least one supply point in reach.
    pub demand_served: usize,
    pub population: f64,
    pub capacity: f64,
    /// Reading both files and scoring.
    pub seconds: f64,
}

/// A `gaps access` run: every demand point's score, in the demand file's order.
#[derive(Debug, Clone, PartialEq)]
pub struct AccessRun {
    pub ids: Vec<String>,
    pub scores: Vec<f64>,
    pub summary: AccessSummary,
}

/// `signpost gaps access`: reads both files (side by side) and scores every demand point; the
/// caller writes them with [`write_access`].
pub fn run_access(
    demand: CsvFile<impl Read + Send>,
    supply: CsvFile<impl Read + Send>,
    method: Method,
    catchment_m: f64,
) -> Result<AccessRun, GapsError> {
    let started = Instant::now();
    let (demand, supply) = rayon::join(
        || read_points(demand, "population"),
        || read_points(supply, "capacity"),
    );
    let (demand, supply) = (demand?, supply?);
    let demand_points: Vec<DemandPoint> = demand
        .points
        .iter()
        .zip(&demand.amounts)
        .map(|(point, population)| DemandPoint {
            point: *point,
            population: *population,
        })
        .collect();
    let supply_points: Vec<SupplyPoint> = supply
        .points
        .iter()
        .zip(&supply.amounts)
        .map(|(point, capacity)| SupplyPoint {
            point: *point,
            capacity: *capacity,
        })
        .collect();
    let scores = access(&demand_points, &supply_points, method, catchment_m);
    let summary = AccessSummary {
        method: method.code().to_owned(),
        catchment_m,
        demand_points: demand_points.len(),
        supply_points: supply_points.len(),
        demand_served: scores.iter().filter(|a| **a > 0.0).count(),
        population: demand.amounts.iter().sum(),
        capacity: supply.amounts.iter().sum(),
        seconds: started.elapsed().as_secs_f64(),
    };
    tracing::info!(
        method = %method,
        demand = summary.demand_points,
        supply = summary.supply_points,
        seconds = summary.seconds,
        "access scores computed"
    );
    Ok(AccessRun {
        ids: demand.ids,
        scores,
        summary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> CsvFile<&[u8]> {
        CsvFile {
            name: "d.csv".into(),
            contents: text.as_bytes(),
        }
    }

    fn demand_error(text: &str) -> String {
        read_demand(file(text)).unwrap_err().to_string()
    }

    #[test]
    fn reads_columns_in_any_order_with_extra_columns() {
        let rows = read_demand(file(
            "population,name,lon,lat,id\n10,Walsall,-1.98,52.58,a\n0, \"B\" ,-1.9,52.48,b\n",
        ))
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].0, "a");
        assert_eq!(rows[0].1.point, Point::new(52.58, -1.98));
        assert_eq!(rows[1].1.population, 0.0);
    }

    #[test]
    fn bad_rows_are_named() {
        let head = "id,lat,lon,population\n";
        let err = demand_error("id,lat,population\na,52,1\n");
        assert!(err.starts_with("d.csv: missing column \"lon\""), "{err}");
        let err = demand_error(&format!("{head}a,52.5,-1.9,10\nb,52.5,-1.9,-3\n"));
        assert!(
            err.starts_with("d.csv line 3") && err.contains("must not be negative"),
            "{err}"
        );
        let err = demand_error(&format!("{head}a,52.5,-1.9,10\na,52.4,-1.9,3\n"));
        assert!(
            err.contains("line 3") && err.contains("repeats the id of line 2"),
            "{err}"
        );
        let err = demand_error(&format!("{head}a,52.5,-1.9,ten\n"));
        assert!(
            err.contains("line 2") && err.contains("\"ten\" is not a number"),
            "{err}"
        );
        let err = demand_error(&format!("{head}a,48.85,2.35,10\n"));
        assert!(
            err.contains("line 2") && err.contains("outside the UK"),
            "{err}"
        );
        let err = demand_error(&format!("{head}a,NaN,-1.9,10\n"));
        assert!(err.contains("is not a number"), "{err}");
        let err = demand_error(&format!("{head},52.5,-1.9,10\n"));
        assert!(err.contains("empty id"), "{err}");
    }

    proptest::proptest! {
        #[test]
        fn written_rows_read_back_exactly(
            rows in proptest::collection::vec(
                ("[a-zA-Z0-9 ,\"-]{0,12}", UK_LAT.0..=UK_LAT.1, UK_LON.0..=UK_LON.1, 0.0f64..1e7),
                1..30,
            )
        ) {
            let mut out = csv::Writer::from_writer(Vec::new());
            out.write_record(["id", "lat", "lon", "population"]).unwrap();
            for (i, (name, lat, lon, population)) in rows.iter().enumerate() {
                let id = format!("{i}:{}", name.trim());
                out.write_record([id, lat.to_string(), lon.to_string(), population.to_string()])
                    .unwrap();
            }
            let bytes = out.into_inner().unwrap();
            let read = read_demand(CsvFile { name: "d.csv".into(), contents: &bytes[..] }).unwrap();
            proptest::prop_assert_eq!(read.len(), rows.len());
            for (i, ((id, d), (name, lat, lon, population))) in read.iter().zip(&rows).enumerate() {
                proptest::prop_assert_eq!(id, &format!("{i}:{}", name.trim()));
                proptest::prop_assert_eq!(d.point, Point::new(*lat, *lon));
                proptest::prop_assert_eq!(d.population, *population);
            }
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200)) {
            let mut text = b"id,lat,lon,population\n".to_vec();
            text.extend(bytes);
            let _ = read_demand(CsvFile { name: "d.csv".into(), contents: &text[..] });
        }
    }

    #[test]
    fn run_access_scores_in_input_order() {
        let demand = file("id,lat,lon,population\nfar,55.0,-2.0,5\n\"a,1\",52.50,-1.90,100\n");
        let supply = CsvFile {
            name: "s.csv".into(),
            contents: "id,lat,lon,capacity\nclinic,52.51,-1.90,4\n".as_bytes(),
        };
        let run = run_access(demand, supply, Method::TwoStep, 5_000.0).unwrap();
        assert_eq!(run.summary.demand_served, 1);
        let mut out = Vec::new();
        write_access("out.csv", &mut out, &run.ids, &run.scores).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "id,access\nfar,0\n\"a,1\",0.04\n"
        );
    }

    #[test]
    fn a_failed_write_names_the_output() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk full"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let error = write_access("out.csv", Full, &["a".into()], &[1.0]).unwrap_err();
        assert!(error.to_string().starts_with("out.csv: "), "{error}");
        assert!(error.to_string().contains("disk full"), "{error}");
    }
}
