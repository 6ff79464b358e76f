//! Major festival days 2025-2030 (`data/festivals.csv`, sources in `data/SOURCE.md`) and Easter
//! Sunday, computed with the anonymous Gregorian Computus.

use chrono::NaiveDate;
use std::sync::OnceLock;

/// The first and last years the bundled calendar covers.
pub const FIRST_YEAR: i32 = 2025;
pub const LAST_YEAR: i32 = 2030;

const FESTIVALS_CSV: &str = include_str!("../data/festivals.csv");
const EASTER: &str = "easter";

/// How sure the date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// Arithmetic calendar (Hebrew calendar, Computus): exact.
    Computed,
    /// A fixed civil date.
    Fixed,
    /// A published solar date.
    Published,
    /// Depends on the moon or a local almanac: may move by a day in the UK.
    Expected,
}

/// One festival day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FestivalDay {
    pub date: NaiveDate,
    pub faith: &'static str,
    pub code: &'static str,
    pub name: &'static str,
    pub basis: Basis,
}

/// Every festival day of the calendar, Easter included, in date order.
pub fn festival_days() -> &'static [FestivalDay] {
    static DAYS: OnceLock<Vec<FestivalDay>> = OnceLock::new();
    DAYS.get_or_init(|| {
        let mut days: Vec<FestivalDay> = FESTIVALS_CSV
            .lines()
            .skip(1)
            .filter_map(read_row)
            .chain((FIRST_YEAR..=LAST_YEAR).filter_map(easter_day))
            .collect();
        days.sort_by_key(|d| (d.date, d.code));
        days
    })
}

fn read_row(line: &'static str) -> Option<FestivalDay> {
    let mut fields = line.splitn(6, ',');
    let date = NaiveDate::parse_from_str(fields.next()?, "%Y-%m-%d").ok()?;
    let (faith, code, name) = (fields.next()?, fields.next()?, fields.next()?);
    let basis = match fields.next()? {
        "computed" => Basis::Computed,
        "fixed" => Basis::Fixed,
        "published" => Basis::Published,
        "expected" => Basis::Expected,
        _ => return None,
    };
    Some(FestivalDay {
        date,
        faith,
        code,
        name,
        basis,
    })
}

fn easter_day(year: i32) -> Option<FestivalDay> {
    Some(FestivalDay {
        date: easter_sunday(year)?,
        faith: "christian",
        code: EASTER,
        name: "Easter Sunday",
        basis: Basis::Computed,
    })
}

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher").
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// The calendar's code for a festival, if it knows it.
pub fn festival_code(code: &str) -> Option<&'static str> {
    festival_days()
        .iter()
        .find(|d| d.code == code)
        .map(|d| d.code)
}

/// Every festival code of one faith.
pub fn festival_codes_of(faith: &str) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = festival_days()
        .iter()
        .filter(|d| d.faith == faith)
        .map(|d| d.code)
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// The festival among `codes` that falls on `date`, if any.
pub fn festival_on(date: NaiveDate, codes: &[&str]) -> Option<&'static FestivalDay> {
    festival_days()
        .iter()
        .find(|d| d.date == date && codes.contains(&d.code))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn computus_matches_published_easter_dates() {
        // Checked against the `holidays` package (dateutil's Easter) for the calendar's years,
        // plus the algorithm's classic edge cases.
        let expected = [
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2028, 4, 16),
            (2029, 4, 1),
            (2030, 4, 21),
            (1818, 3, 22),
            (2038, 4, 25),
        ];
        for (y, m, d) in expected {
            assert_eq!(easter_sunday(y), Some(date(y, m, d)), "{y}");
        }
    }

    #[test]
    fn every_row_reads_and_every_year_has_each_festival() {
        let rows = FESTIVALS_CSV.lines().skip(1).count();
        assert_eq!(festival_days().len(), rows + 6);
        for code in [
            "ramadan_start",
            "eid_al_fitr",
            "eid_al_adha",
            "vaisakhi",
            "guru_nanak_gurpurab",
            "bandi_chhor_divas",
            "diwali",
            "holi",
            "navratri_start",
            "rosh_hashanah",
            "yom_kippur",
            "passover",
            "easter",
            "christmas",
        ] {
            for year in FIRST_YEAR..=LAST_YEAR {
                assert!(
                    festival_days()
                        .iter()
                        .any(|d| d.code == code
                            && d.date.format("%Y").to_string() == year.to_string()),
                    "{code} {year}"
                );
            }
        }
    }

    #[test]
    fn known_dates_are_in_the_calendar() {
        let diwali = festival_on(date(2025, 10, 20), &["diwali"]).expect("Diwali 2025");
        assert_eq!((diwali.name, diwali.basis), ("Diwali", Basis::Expected));
        let yom_kippur = festival_on(date(2025, 10, 2), &["yom_kippur"]).expect("Yom Kippur");
        assert_eq!(yom_kippur.basis, Basis::Computed);
        assert!(festival_on(date(2025, 10, 20), &["holi"]).is_none());
        assert_eq!(
            festival_codes_of("sikh"),
            vec!["bandi_chhor_divas", "guru_nanak_gurpurab", "vaisakhi"]
        );
        assert_eq!(festival_codes_of("christian"), vec!["christmas", "easter"]);
    }
}
