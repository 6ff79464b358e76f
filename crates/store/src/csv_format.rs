//! The flat CSV form of a service (documented in `docs/csv.md`).
//!
//! One row per service. Multi-valued cells are `;`-separated (a literal `;` or `\` inside an
//! entry is written `\;` or `\\`). The location columns are parallel lists: the i-th entry of
//! `latitude`, `longitude`, `location_name`, `address`, `city` and `postcode` describe the i-th
//! location. Ids of nested records are derived from the service id, so re-importing a CSV
//! replaces the same records. Fields the CSV does not carry are not exported in it.

use signpost_domain::facets::taxonomy;
use signpost_domain::validate::Problem;
use signpost_domain::{
    Address, Attribute, Contact, Language, Location, Organization, Phone, Provenance, Schedule,
    Service, ServiceAtLocation, TaxonomyTerm, vocab,
};

/// The columns, in the order export writes them. Import accepts any order and any subset that
/// includes `id` and `name`.
pub const COLUMNS: [&str; 26] = [
    "id",
    "name",
    "status",
    "description",
    "organization_id",
    "organization_name",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "assured_date",
    "languages",
    "categories",
    "faiths",
    "gender",
    "free",
    "phones",
    "emails",
    "opening_hours",
    "location_name",
    "latitude",
    "longitude",
    "address",
    "city",
    "postcode",
    "source",
    "licence",
];

/// Provenance columns beyond `source` and `licence`, kept last so a minimal file stays short.
pub const EXTRA_COLUMNS: [&str; 2] = ["attribution", "demonstration"];

/// Every column, in export order.
pub fn header() -> Vec<&'static str> {
    COLUMNS
        .iter()
        .chain(EXTRA_COLUMNS.iter())
        .copied()
        .collect()
}

/// Where each known column is in a file's header.
#[derive(Debug, Clone)]
pub struct Layout {
    positions: Vec<(&'static str, usize)>,
}

impl Layout {
    /// The layout of a header row; every problem with it (unknown or repeated columns, no `id`
    /// or `name`) at once.
    pub fn from_header(names: &[&str]) -> Result<Layout, Vec<Problem>> {
        let known = header();
        let mut positions = Vec::new();
        let mut problems = Vec::new();
        for (index, name) in names.iter().enumerate() {
            let name = name.trim();
            match known.iter().find(|k| **k == name) {
                Some(column) if positions.iter().any(|(c, _)| c == column) => {
                    problems.push(column_problem(name, "appears twice in the header"));
                }
                Some(column) => positions.push((*column, index)),
                None => problems.push(column_problem(
                    name,
                    &format!("is not a column (known: {})", known.join(", ")),
                )),
            }
        }
        for required in ["id", "name"] {
            if !positions.iter().any(|(c, _)| *c == required) {
                problems.push(column_problem(required, "is missing from the header"));
            }
        }
        if problems.is_empty() {
            Ok(Layout { positions })
        } else {
            Err(problems)
        }
    }

    fn cell<'r>(&self, record: &[&'r str], column: &str) -> &'r str {
        self.positions
            .iter()
            .find(|(c, _)| *c == column)
            .and_then(|(_, i)| record.get(*i).copied())
            .unwrap_or_default()
            .trim()
    }
}

/// One CSV record read through its file's layout.
struct Row<'a, 'r> {
    layout: &'a Layout,
    record: &'a [&'r str],
}

impl<'r> Row<'_, 'r> {
    fn cell(&self, column: &str) -> &'r str {
        self.layout.cell(self.record, column)
    }

    fn optional(&self, column: &str) -> Option<String> {
        Some(self.cell(column).to_owned()).filter(|s| !s.is_empty())
    }
}

fn column_problem(column: &str, message: &str) -> Problem {
    Problem {
        path: format!("column {column:?}"),
        message: message.to_owned(),
    }
}

/// The service a CSV row describes, or every problem parsing it (before validation).
pub fn service_from_record(layout: &Layout, record: &[&str]) -> Result<Service, Vec<Problem>> {
    let row = Row { layout, record };
    let cell = |column: &str| row.cell(column);
    let optional = |column: &str| row.optional(column);
    let mut problems = Vec::new();
    let id = cell("id").to_owned();
    let mut service = Service {
        id: id.clone(),
        name: cell("name").to_owned(),
        status: optional("status").unwrap_or_else(|| "active".to_owned()),
        description: optional("description"),
        organization_id: optional("organization_id"),
        eligibility_description: optional("eligibility_description"),
        minimum_age: number(cell("minimum_age"), "minimum_age", &mut problems),
        maximum_age: number(cell("maximum_age"), "maximum_age", &mut problems),
        assured_date: optional("assured_date"),
        ..Service::default()
    };
    service.organization = optional("organization_name").map(|name| Organization {
        id: service
            .organization_id
            .clone()
            .unwrap_or_else(|| format!("{id}:organization")),
        name,
        ..Organization::default()
    });
    service.languages = split_list(cell("languages"))
        .into_iter()
        .enumerate()
        .map(|(i, code)| language(&id, i, code))
        .collect();
    service.attributes = attributes(&id, &row, &mut problems);
    service.phones = split_list(cell("phones"))
        .into_iter()
        .enumerate()
        .map(|(i, number)| Phone {
            id: format!("{id}:phone:{i}"),
            number,
            ..Phone::default()
        })
        .collect();
    service.contacts = split_list(cell("emails"))
        .into_iter()
        .enumerate()
        .map(|(i, email)| Contact {
            id: format!("{id}:contact:{i}"),
            email: Some(email),
            ..Contact::default()
        })
        .collect();
    service.schedules = schedules(&id, cell("opening_hours"), &mut problems);
    service.service_at_locations = locations(&id, &row, &mut problems);
    service.provenance = provenance(&row, &mut problems);
    if problems.is_empty() {
        Ok(service)
    } else {
        Err(problems)
    }
}

fn number(text: &str, column: &str, problems: &mut Vec<Problem>) -> Option<f64> {
    if text.is_empty() {
        return None;
    }
    match text.parse::<f64>() {
        Ok(n) if n.is_finite() => Some(n),
        _ => {
            problems.push(column_problem(column, &format!("{text:?} is not a number")));
            None
        }
    }
}

fn language(service_id: &str, index: usize, code: String) -> Language {
    let name = vocab::normalise_language_code(&code)
        .and_then(vocab::language)
        .map(|l| l.name.to_owned());
    Language {
        id: format!("{service_id}:language:{index}"),
        code: Some(code),
        name,
        ..Language::default()
    }
}

/// The attributes of the `categories`, `faiths`, `gender` and `free` cells. A code repeated in a
/// cell is read once (its attribute id is derived from the code, and ids are unique in a record),
/// and an empty entry (`a;;b`) is none.
fn attributes(id: &str, row: &Row, problems: &mut Vec<Problem>) -> Vec<Attribute> {
    let cell = |column: &str| row.cell(column);
    let mut attributes = Vec::new();
    for code in codes(cell("categories")) {
        let name = vocab::category(&code).map_or_else(|| code.clone(), |c| c.name.to_owned());
        attributes.push(attribute(id, taxonomy::CATEGORY, code, name));
    }
    for code in codes(cell("faiths")) {
        let name =
            vocab::faith(&code).map_or_else(|| code.clone(), |f| f.census_category.to_owned());
        attributes.push(attribute(id, taxonomy::FAITH, code, name));
    }
    match cell("gender") {
        "" => {}
        "female" => attributes.push(attribute(
            id,
            taxonomy::GENDER,
            "female".into(),
            "Women".into(),
        )),
        "male" => attributes.push(attribute(id, taxonomy::GENDER, "male".into(), "Men".into())),
        other => problems.push(column_problem(
            "gender",
            &format!("{other:?} is not female, male or empty"),
        )),
    }
    if boolean(cell("free"), "free", problems) {
        attributes.push(attribute(
            id,
            taxonomy::COST,
            "free".into(),
            "Free of charge".into(),
        ));
    }
    attributes
}

/// The codes of a cell in their order, each the first time it appears, empty entries left out.
fn codes(cell: &str) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for entry in split_list(cell) {
        if !entry.is_empty() && !kept.contains(&entry) {
            kept.push(entry);
        }
    }
    kept
}

fn boolean(text: &str, column: &str, problems: &mut Vec<Problem>) -> bool {
    match text {
        "true" => true,
        "" | "false" => false,
        other => {
            problems.push(column_problem(
                column,
                &format!("{other:?} is not true, false or empty"),
            ));
            false
        }
    }
}

fn attribute(service_id: &str, taxonomy_name: &str, code: String, name: String) -> Attribute {
    Attribute {
        id: format!("{service_id}:{taxonomy_name}:{code}"),
        taxonomy_term: Some(TaxonomyTerm {
            id: format!("{taxonomy_name}:{code}"),
            code: Some(code),
            description: name.clone(),
            name,
            taxonomy: Some(taxonomy_name.to_owned()),
            ..TaxonomyTerm::default()
        }),
        ..Attribute::default()
    }
}

/// `MO,FR 09:00-17:00` entries (times optional).
fn schedules(id: &str, cell: &str, problems: &mut Vec<Problem>) -> Vec<Schedule> {
    let mut schedules = Vec::new();
    for (i, entry) in split_list(cell).into_iter().enumerate() {
        let (byday, hours) = entry.split_once(' ').unwrap_or((entry.as_str(), ""));
        let times = match hours.trim() {
            "" => None,
            hours => match hours.split_once('-') {
                Some((opens, closes)) => Some((opens.to_owned(), closes.to_owned())),
                None => {
                    problems.push(column_problem(
                        "opening_hours",
                        &format!("{entry:?} is not like \"MO,FR 09:00-17:00\""),
                    ));
                    None
                }
            },
        };
        schedules.push(Schedule {
            id: format!("{id}:schedule:{i}"),
            freq: Some("WEEKLY".to_owned()),
            byday: Some(byday.to_owned()),
            opens_at: times.as_ref().map(|(o, _)| o.clone()),
            closes_at: times.map(|(_, c)| c),
            ..Schedule::default()
        });
    }
    schedules
}

fn locations(id: &str, row: &Row, problems: &mut Vec<Problem>) -> Vec<ServiceAtLocation> {
    let cell = |column: &str| row.cell(column);
    let columns = [
        "location_name",
        "latitude",
        "longitude",
        "address",
        "city",
        "postcode",
    ];
    let lists: Vec<Vec<String>> = columns.iter().map(|c| split_list(cell(c))).collect();
    let count = lists.iter().map(Vec::len).max().unwrap_or_default();
    let entry = |column: usize, i: usize| lists[column].get(i).cloned().unwrap_or_default();
    // A position empty in every location column (`;;` in all of them) is no location at all.
    let given = |i: &usize| (0..columns.len()).any(|column| !entry(column, *i).is_empty());
    (0..count)
        .filter(given)
        .enumerate()
        .map(|(n, i)| {
            let (address_1, city, postal_code) = (entry(3, i), entry(4, i), entry(5, i));
            let addresses = if address_1.is_empty() && city.is_empty() && postal_code.is_empty() {
                Vec::new()
            } else {
                vec![Address {
                    id: format!("{id}:address:{n}"),
                    address_1,
                    city,
                    postal_code,
                    country: "GB".to_owned(),
                    address_type: "physical".to_owned(),
                    ..Address::default()
                }]
            };
            ServiceAtLocation {
                id: format!("{id}:sal:{n}"),
                location: Some(Location {
                    id: format!("{id}:location:{n}"),
                    location_type: "physical".to_owned(),
                    name: Some(entry(0, i)).filter(|name| !name.is_empty()),
                    latitude: number(&entry(1, i), "latitude", problems),
                    longitude: number(&entry(2, i), "longitude", problems),
                    addresses,
                    ..Location::default()
                }),
                ..ServiceAtLocation::default()
            }
        })
        .collect()
}

fn provenance(row: &Row, problems: &mut Vec<Problem>) -> Option<Provenance> {
    let cell = |column: &str| row.cell(column);
    let text = |column: &str| row.optional(column);
    let demonstration = boolean(cell("demonstration"), "demonstration", problems);
    let provenance = Provenance {
        source: cell("source").to_owned(),
        licence: text("licence"),
        attribution: text("attribution"),
        demonstration,
    };
    (provenance != Provenance::default()).then_some(provenance)
}

/// The CSV row of a service, in [`header`] order.
pub fn service_to_record(service: &Service) -> Vec<String> {
    let locations: Vec<&Location> = service
        .service_at_locations
        .iter()
        .filter_map(|sal| sal.location.as_ref())
        .collect();
    let first_address = |l: &&Location| l.addresses.first().cloned().unwrap_or_default();
    let location_list = |f: &dyn Fn(&Location) -> String| {
        let entries: Vec<String> = locations.iter().map(|l| f(l)).collect();
        if entries.iter().all(String::is_empty) {
            String::new()
        } else {
            join_list(entries.into_iter())
        }
    };
    let optional_number = |n: Option<f64>| n.map(|n| n.to_string()).unwrap_or_default();
    let provenance = service.provenance.clone().unwrap_or_default();
    vec![
        service.id.clone(),
        service.name.clone(),
        service.status.clone(),
        service.description.clone().unwrap_or_default(),
        service.organization_id.clone().unwrap_or_default(),
        service.organization_name().unwrap_or_default().to_owned(),
        service.eligibility_description.clone().unwrap_or_default(),
        optional_number(service.minimum_age),
        optional_number(service.maximum_age),
        service.assured_date.clone().unwrap_or_default(),
        join_list(service.languages.iter().filter_map(|l| l.code.clone())),
        join_list(service.category_codes().into_iter().map(str::to_owned)),
        join_list(service.faith_codes().into_iter().map(str::to_owned)),
        service
            .gender()
            .map(|g| g.code().to_owned())
            .unwrap_or_default(),
        if service.is_free() {
            "true".to_owned()
        } else {
            String::new()
        },
        join_list(service.phones.iter().map(|p| p.number.clone())),
        join_list(service.contacts.iter().filter_map(|c| c.email.clone())),
        join_list(service.schedules.iter().map(schedule_entry)),
        location_list(&|l| l.name.clone().unwrap_or_default()),
        location_list(&|l| optional_number(l.latitude)),
        location_list(&|l| optional_number(l.longitude)),
        location_list(&|l| first_address(&l).address_1),
        location_list(&|l| first_address(&l).city),
        location_list(&|l| first_address(&l).postal_code),
        provenance.source,
        provenance.licence.unwrap_or_default(),
        provenance.attribution.unwrap_or_default(),
        if provenance.demonstration {
            "true".to_owned()
        } else {
            String::new()
        },
    ]
}

fn schedule_entry(schedule: &Schedule) -> String {
    let byday = schedule.byday.clone().unwrap_or_default();
    match (&schedule.opens_at, &schedule.closes_at) {
        (Some(opens), Some(closes)) => format!("{byday} {opens}-{closes}"),
        _ => byday,
    }
}

/// Splits a multi-valued cell on unescaped `;`. A cell with nothing in its entries (empty, `;;`,
/// a lone `\`) is an empty list, as the export writes one.
pub fn split_list(cell: &str) -> Vec<String> {
    if cell.is_empty() {
        return Vec::new();
    }
    let mut entries = vec![String::new()];
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(next), Some(entry)) = (chars.next(), entries.last_mut()) {
                    entry.push(next);
                }
            }
            ';' => entries.push(String::new()),
            c => {
                if let Some(entry) = entries.last_mut() {
                    entry.push(c);
                }
            }
        }
    }
    let entries: Vec<String> = entries.into_iter().map(|e| e.trim().to_owned()).collect();
    if entries.iter().all(String::is_empty) {
        return Vec::new();
    }
    entries
}

/// Joins entries into a multi-valued cell, escaping `;` and `\`.
pub fn join_list(entries: impl Iterator<Item = String>) -> String {
    entries
        .map(|e| e.replace('\\', "\\\\").replace(';', "\\;"))
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_row_becomes_a_service_and_back() {
        let names = header();
        let layout = Layout::from_header(&names).expect("header");
        let mut row: Vec<String> = vec![String::new(); names.len()];
        let mut set = |column: &str, value: &str| {
            let i = names.iter().position(|c| *c == column).expect("column");
            row[i] = value.to_owned();
        };
        set("id", "s1");
        set("name", "Mentoring");
        set("status", "active");
        set("languages", "ben;syl");
        set("categories", "mentoring");
        set("gender", "female");
        set("free", "true");
        set("opening_hours", "MO,FR 09:00-17:00;SA");
        set("latitude", "52.5;53.1");
        set("longitude", "-1.9;-2.2");
        set("postcode", "WS1 1AA;");
        set("source", "Walsall");
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        let service = service_from_record(&layout, &cells).expect("service");
        assert_eq!(service.language_codes(), vec!["ben", "syl"]);
        assert_eq!(service.category_codes(), vec!["mentoring"]);
        assert!(service.is_free());
        assert_eq!(service.points().len(), 2);
        assert_eq!(service.schedules[1].opens_at, None);
        assert_eq!(service_to_record(&service), row);
    }

    /// Found by the `csv_record` fuzz target: `legal-advice;finance;legal-advice` gave two
    /// attributes with the same id, and `muslim;` an attribute with an empty code; the CSV export
    /// (each code once, no empty ones) did not read back the same.
    #[test]
    fn a_repeated_code_is_one_attribute_and_the_row_reads_back_the_same() {
        let layout = Layout::from_header(&header()).expect("header");
        let mut row = vec![""; header().len()];
        for (column, value) in [
            ("id", "s1"),
            ("name", "Advice"),
            ("categories", "legal-advice;finance;legal-advice;finance"),
            ("faiths", "muslim;;muslim;"),
        ] {
            let i = header().iter().position(|c| *c == column).expect("column");
            row[i] = value;
        }
        let service = service_from_record(&layout, &row).expect("service");
        let ids: Vec<&str> = service.attributes.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "s1:signpost-category:legal-advice",
                "s1:signpost-category:finance",
                "s1:signpost-faith:muslim"
            ]
        );
        let written = service_to_record(&service);
        let written: Vec<&str> = written.iter().map(String::as_str).collect();
        assert_eq!(
            service_from_record(&layout, &written).expect("again"),
            service
        );
    }

    /// Found by the `csv_record` fuzz target: `;;;` in a location column gave four locations with
    /// nothing in them, which the CSV export leaves out, so the row did not read back the same.
    #[test]
    fn positions_empty_in_every_location_column_are_no_location() {
        let layout = Layout::from_header(&["id", "name", "location_name", "latitude", "longitude"])
            .expect("header");
        let empty = service_from_record(&layout, &["s1", "n", ";;;", "", ""]).expect("service");
        assert!(empty.service_at_locations.is_empty());
        let gap = service_from_record(&layout, &["s1", "n", "A;;C", "52.5;;53", "-1.9;;-2"])
            .expect("service");
        let names: Vec<(&str, Option<&str>)> = gap
            .service_at_locations
            .iter()
            .filter_map(|sal| sal.location.as_ref())
            .map(|l| (l.id.as_str(), l.name.as_deref()))
            .collect();
        assert_eq!(
            names,
            [("s1:location:0", Some("A")), ("s1:location:1", Some("C"))]
        );
        let full = Layout::from_header(&header()).expect("header");
        let written = service_to_record(&gap);
        let written: Vec<&str> = written.iter().map(String::as_str).collect();
        assert_eq!(service_from_record(&full, &written).expect("again"), gap);
    }

    /// Found by the `csv_record` fuzz target: an `opening_hours` cell of a lone `\` gave a schedule
    /// with an empty `byday`, which the export writes as an empty cell.
    #[test]
    fn a_cell_with_nothing_in_its_entries_is_an_empty_list() {
        for cell in ["", ";", " ; ;", "\\", ";\\"] {
            assert!(split_list(cell).is_empty(), "{cell:?}");
        }
        assert_eq!(split_list(";x"), ["", "x"]);
        let layout =
            Layout::from_header(&["id", "name", "opening_hours", "phones"]).expect("header");
        let service = service_from_record(&layout, &["s1", "n", "\\", ";"]).expect("service");
        assert!(service.schedules.is_empty());
        assert!(service.phones.is_empty());
    }

    #[test]
    fn header_problems_are_all_reported() {
        let problems = Layout::from_header(&["name", "lattitude", "name"]).expect_err("bad header");
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 3);
        assert!(messages[0].starts_with("column \"lattitude\": is not a column"));
        assert_eq!(messages[1], "column \"name\": appears twice in the header");
        assert_eq!(messages[2], "column \"id\": is missing from the header");
    }

    #[test]
    fn bad_cells_are_problems() {
        let layout =
            Layout::from_header(&["id", "name", "minimum_age", "gender", "free"]).expect("header");
        let problems =
            service_from_record(&layout, &["s", "n", "ten", "women", "yes"]).expect_err("bad");
        assert_eq!(problems.len(), 3);
    }

    proptest! {
        #[test]
        fn lists_survive_join_then_split(entries in proptest::collection::vec("[a-z;\\\\ ]{0,6}", 1..5)) {
            let entries: Vec<String> = entries.iter().map(|e| e.trim().to_owned()).collect();
            let joined = join_list(entries.iter().cloned());
            let expected = if entries.iter().all(String::is_empty) { Vec::new() } else { entries };
            prop_assert_eq!(split_list(&joined), expected);
        }
    }
}
