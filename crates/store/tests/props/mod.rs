//! Property: export then import gives back the same services.

use super::common;

use proptest::prelude::*;
use serde_json::{Map, Value};
use signpost_domain::{Service, vocab};
use signpost_store::csv_format::{self, Layout};
use signpost_store::export::export;
use signpost_store::import::{Format, ImportOptions, import_file};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

/// Stores `services`, exports them in `format`, imports the file into a fresh store and reads
/// them back.
async fn through(services: &[Service], format: Format) -> Vec<Service> {
    let first = common::sqlite().await;
    first.upsert_services(services).await.expect("upsert");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join(format!(
        "export.{}",
        match format {
            Format::HsdsJson => "json",
            Format::Ndjson => "ndjson",
            Format::Csv => "csv",
        }
    ));
    let mut file = std::fs::File::create(&path).expect("file");
    export(&first, format, &mut file).await.expect("export");
    let second = common::sqlite().await;
    import_file(&second, &path, &ImportOptions::default(), &mut |_| {})
        .await
        .expect("import");
    let ids: Vec<&str> = services.iter().map(|s| s.id.as_str()).collect();
    second.services_by_ids(&ids).await.expect("read back")
}

fn code_list(codes: Vec<&'static str>) -> impl Strategy<Value = String> {
    proptest::sample::subsequence(codes.clone(), 0..=3.min(codes.len())).prop_map(|c| c.join(";"))
}

fn text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9 ,;\\\\\"'é-]{0,12}".prop_map(|s| s.trim().to_owned())
}

/// A CSV row using every column, with valid codes, as (column, value) pairs.
fn csv_row() -> impl Strategy<Value = Vec<(String, String)>> {
    let languages: Vec<&'static str> = vec!["ben", "syl", "urd", "pol", "som", "bfi", "eng"];
    let categories: Vec<&'static str> = vocab::categories().iter().map(|c| c.code).collect();
    let faiths: Vec<&'static str> = vocab::faiths().iter().map(|f| f.code).collect();
    let age =
        proptest::option::of(0u8..100).prop_map(|a| a.map(|a| a.to_string()).unwrap_or_default());
    let point = (
        -90.0f64..90.0,
        -180.0f64..180.0,
        text(),
        "[A-Z]{1,2}[0-9] [0-9][A-Z]{2}",
    );
    (
        (
            "[a-z0-9-]{1,10}",
            "[A-Za-z][A-Za-z ]{0,15}",
            text(),
            text(),
            age.clone(),
            age,
        ),
        (
            code_list(languages),
            code_list(categories),
            code_list(faiths),
            prop_oneof![Just(""), Just("female"), Just("male")],
            any::<bool>(),
        ),
        (
            proptest::collection::vec(point, 0..3),
            proptest::collection::vec("[0-9 ]{5,12}", 0..2),
            text(),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (id, name, description, org, min, max),
                (langs, cats, faiths, gender, free),
                (points, phones, source, demo),
            )| {
                let (min, max) = match (min.parse::<u8>(), max.parse::<u8>()) {
                    (Ok(a), Ok(b)) if a > b => (max, min),
                    _ => (min, max),
                };
                let join =
                    |f: &dyn Fn(&Point) -> String| csv_format::join_list(points.iter().map(f));
                vec![
                    ("id", id),
                    ("name", name.trim().to_owned() + "x"),
                    ("status", "active".to_owned()),
                    ("description", description),
                    ("organization_name", org),
                    ("minimum_age", min),
                    ("maximum_age", max),
                    ("languages", langs),
                    ("categories", cats),
                    ("faiths", faiths),
                    ("gender", gender.to_owned()),
                    (
                        "free",
                        if free {
                            "true".to_owned()
                        } else {
                            String::new()
                        },
                    ),
                    (
                        "phones",
                        csv_format::join_list(phones.iter().map(|p| p.trim().to_owned())),
                    ),
                    ("opening_hours", "MO,FR 09:00-17:30;SA".to_owned()),
                    ("latitude", join(&|p| p.0.to_string())),
                    ("longitude", join(&|p| p.1.to_string())),
                    ("address", join(&|p| p.2.clone())),
                    ("postcode", join(&|p| p.3.clone())),
                    ("source", source),
                    (
                        "demonstration",
                        if demo {
                            "true".to_owned()
                        } else {
                            String::new()
                        },
                    ),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect()
            },
        )
}

/// A generated location: latitude, longitude, address and postcode.
type Point = (f64, f64, String, String);

fn csv_service(row: &[(String, String)]) -> Service {
    let names: Vec<&str> = row.iter().map(|(k, _)| k.as_str()).collect();
    let cells: Vec<&str> = row.iter().map(|(_, v)| v.as_str()).collect();
    let layout = Layout::from_header(&names).expect("layout");
    csv_format::service_from_record(&layout, &cells).expect("service")
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,8}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            proptest::collection::btree_map("[a-z]{1,5}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<String, Value>>())),
        ]
    })
}

/// Synthetic services with arbitrary extension fields on the service and its first location.
fn hsds_services() -> impl Strategy<Value = Vec<Service>> {
    proptest::collection::vec(
        (
            any::<u64>(),
            0u64..1000,
            proptest::collection::btree_map("x-[a-z]{1,6}", json_value(), 0..3),
        ),
        1..6,
    )
    .prop_map(|specs| {
        let mut services: Vec<Service> = Vec::new();
        for (seed, index, extra) in specs {
            let mut service = signpost_synth::service(seed, index);
            if services.iter().any(|s| s.id == service.id) {
                continue;
            }
            service.extra.extend(extra.clone());
            if let Some(location) = service.service_at_locations[0].location.as_mut() {
                location.extra.extend(extra);
            }
            services.push(service);
        }
        services
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn csv_export_then_import_is_lossless_for_the_csv_fields(rows in proptest::collection::vec(csv_row(), 1..5)) {
        let mut services: Vec<Service> = Vec::new();
        for row in &rows {
            let service = csv_service(row);
            if !services.iter().any(|s| s.id == service.id) {
                services.push(service);
            }
        }
        let back = runtime().block_on(through(&services, Format::Csv));
        prop_assert_eq!(back, services);
    }

    #[test]
    fn json_and_ndjson_export_then_import_is_lossless(services in hsds_services()) {
        for format in [Format::HsdsJson, Format::Ndjson] {
            let back = runtime().block_on(through(&services, format));
            prop_assert_eq!(&back, &services);
        }
    }
}
