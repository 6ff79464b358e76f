//! The bundled demonstration directory (`fixtures/demo/services.ndjson`) is what a first
//! `signpost serve` shows: every line must be a valid Signpost service, clearly marked as
//! demonstration data, and together they must cover the vocabularies and places the product is
//! demonstrated with.

use std::collections::{BTreeSet, HashSet};

use signpost_domain::facets::taxonomy;
use signpost_domain::validate::{check_geojson_area, is_byday, is_time_of_day, validate};
use signpost_domain::{Gender, LatLon, Service, vocab};

const DEMO: &str = include_str!("../../../fixtures/demo/services.ndjson");

/// Great-circle distance with the sphere radius of docs/api.md.
fn haversine_m(a: LatLon, b: LatLon) -> f64 {
    const R: f64 = 6_371_008.8;
    let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
    let dp = p2 - p1;
    let dl = (b.lon - a.lon).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * R * h.sqrt().asin()
}

fn services() -> Vec<Service> {
    DEMO.lines()
        .enumerate()
        .map(|(i, line)| {
            serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("line {} is not a Service: {e}", i + 1))
        })
        .collect()
}

fn within(service: &Service, centre: LatLon, radius_m: f64) -> bool {
    service
        .points()
        .into_iter()
        .any(|p| haversine_m(p, centre) <= radius_m)
}

#[test]
fn every_line_is_a_valid_service() {
    let all = services();
    assert!(
        (100..=160).contains(&all.len()),
        "about 120 services, got {}",
        all.len()
    );
    for (i, service) in all.iter().enumerate() {
        let problems = validate(service, &format!("/{i}"));
        assert!(problems.is_empty(), "{}: {problems:?}", service.name);
    }
}

#[test]
fn every_record_says_it_is_demonstration_data() {
    for service in services() {
        let provenance = service.provenance.as_ref().expect("provenance");
        assert_eq!(provenance.source, "Signpost demonstration data");
        assert_eq!(provenance.licence.as_deref(), Some("CC0-1.0"));
        assert!(provenance.demonstration, "{}", service.name);
        let organization = service.organization.as_ref().expect("organisation");
        assert_eq!(service.organization_id.as_ref(), Some(&organization.id));
        let about = organization.description.as_deref().unwrap_or_default();
        assert!(
            about.starts_with("Demonstration record - not a real organisation."),
            "{}",
            organization.name
        );
    }
}

#[test]
fn ids_are_unique_and_buildings_are_shared_by_id() {
    let all = services();
    let mut service_ids = HashSet::new();
    let mut sal_ids = HashSet::new();
    let mut location_uses = std::collections::HashMap::new();
    for service in &all {
        assert!(service_ids.insert(service.id.as_str()), "{}", service.id);
        for sal in &service.service_at_locations {
            assert!(sal_ids.insert(sal.id.as_str()), "{}", sal.id);
            let location = sal.location.as_ref().expect("location");
            let point = (location.latitude, location.longitude);
            let first = location_uses
                .entry(location.id.as_str())
                .or_insert((point, 0));
            assert_eq!(first.0, point, "one location id, one place");
            first.1 += 1;
        }
    }
    assert!(
        location_uses.values().any(|(_, uses)| *uses > 1),
        "some services share a building"
    );
    assert!(
        all.iter().any(|s| s.service_at_locations.len() > 1),
        "some services have two locations"
    );
}

#[test]
fn covers_every_category_and_faith() {
    let all = services();
    let categories: BTreeSet<&str> = all.iter().flat_map(|s| s.category_codes()).collect();
    for category in vocab::categories() {
        assert!(categories.contains(category.code), "{}", category.code);
    }
    let faiths: BTreeSet<&str> = all.iter().flat_map(|s| s.faith_codes()).collect();
    for faith in vocab::faiths() {
        let optional = matches!(faith.code, "no_religion" | "other");
        assert!(optional || faiths.contains(faith.code), "{}", faith.code);
    }
    for code in categories.iter().chain(&faiths) {
        assert!(
            vocab::category(code).is_some() || vocab::faith(code).is_some(),
            "{code}"
        );
    }
}

#[test]
fn covers_the_community_languages() {
    let all = services();
    let spoken: BTreeSet<&str> = all.iter().flat_map(|s| s.language_codes()).collect();
    for code in &spoken {
        assert!(vocab::language(code).is_some(), "{code} is not ISO 639-3");
    }
    for code in [
        "ben", "syl", "pan", "urd", "guj", "pol", "ron", "som", "ara", "kur", "ckb", "kmr", "tir",
        "pus", "fas", "prs", "phr", "tam", "lit", "ces", "slk", "bfi",
    ] {
        assert!(spoken.contains(code), "{code}");
    }
}

#[test]
fn has_services_in_the_five_named_areas() {
    // Reference points: ONS NSPL May 2025 coordinates of a central postcode in each area.
    let areas = [
        ("Walsall, WS1 1AA", 52.58601, -1.98128),
        ("Birmingham, B19 1QR", 52.50112, -1.91135),
        ("Bradford, BD1 1HY", 53.79232, -1.75329),
        ("Leicester, LE1 5WW", 52.62680, -1.13595),
        ("Tower Hamlets, E1 2JE", 51.5158, -0.05845),
    ];
    let all = services();
    for (label, lat, lon) in areas {
        let near = all
            .iter()
            .filter(|s| within(s, LatLon { lat, lon }, 5_000.0))
            .count();
        assert!(near >= 15, "{label}: only {near} services within 5 km");
    }
}

#[test]
fn bengali_mentoring_within_three_miles_of_ws1_1aa() {
    let ws1_1aa = LatLon {
        lat: 52.58601,
        lon: -1.98128,
    };
    let matches = services()
        .into_iter()
        .filter(|s| s.category_codes().contains(&"mentoring"))
        .filter(|s| s.language_codes().contains(&"ben"))
        .filter(|s| {
            let text = format!(
                "{} {}",
                s.name,
                s.description.as_deref().unwrap_or_default()
            );
            text.to_lowercase().contains("mentoring")
        })
        .filter(|s| within(s, ws1_1aa, 3.0 * 1_609.344))
        .count();
    assert!(matches >= 2, "{matches}");
}

#[test]
fn has_the_facets_a_demonstration_needs() {
    let all = services();
    assert!(all.iter().any(|s| s.gender() == Some(Gender::Female)));
    assert!(all.iter().any(|s| s.gender() == Some(Gender::Male)));
    assert!(all.iter().any(|s| s.is_free()));
    assert!(all.iter().any(|s| !s.is_free()));
    assert!(all.iter().any(|s| s.minimum_age.is_some()));
    assert!(all.iter().any(|s| s.maximum_age.is_some()));
    assert!(
        all.iter()
            .all(|s| !s.taxonomy_codes(taxonomy::CATEGORY).is_empty())
    );
    assert!(all.iter().all(|s| {
        s.assured_date
            .as_deref()
            .is_some_and(|d| d.starts_with("2026-"))
    }));
    assert!(
        all.iter()
            .all(|s| !s.phones.is_empty() && !s.contacts.is_empty())
    );
    let areas: Vec<_> = all.iter().flat_map(|s| &s.service_areas).collect();
    assert!(areas.len() >= 3);
    for area in areas {
        assert_eq!(area.extent_type.as_deref(), Some("geojson"));
        let extent = area.extent.as_deref().expect("extent");
        assert_eq!(check_geojson_area(extent), Ok(()), "{:?}", area.name);
    }
}

#[test]
fn schedules_include_evenings_weekends_and_fridays() {
    let all = services();
    let schedules: Vec<_> = all
        .iter()
        .flat_map(|s| {
            s.schedules
                .iter()
                .chain(s.service_at_locations.iter().flat_map(|sal| &sal.schedules))
        })
        .collect();
    for schedule in &schedules {
        assert_eq!(schedule.freq.as_deref(), Some("WEEKLY"));
        assert!(is_byday(schedule.byday.as_deref().unwrap_or_default()));
        assert!(is_time_of_day(
            schedule.opens_at.as_deref().unwrap_or_default()
        ));
        assert!(is_time_of_day(
            schedule.closes_at.as_deref().unwrap_or_default()
        ));
    }
    let on = |day: &str| {
        schedules.iter().any(|s| {
            s.byday
                .as_deref()
                .unwrap_or_default()
                .split(',')
                .any(|d| d == day)
        })
    };
    assert!(on("FR") && on("SA") && on("SU"));
    assert!(
        schedules
            .iter()
            .any(|s| s.closes_at.as_deref().is_some_and(|t| t >= "20:00"))
    );
    assert!(all.iter().all(|s| {
        !s.schedules.is_empty()
            || s.service_at_locations
                .iter()
                .all(|sal| !sal.schedules.is_empty())
    }));
}

#[test]
fn phones_are_ofcom_drama_numbers_and_emails_example_org() {
    const DRAMA_PREFIXES: [&str; 7] = [
        "0121 496 0",
        "0113 496 0",
        "0116 496 0",
        "020 7946 0",
        "0161 496 0",
        "029 2018 0",
        "01632 960",
    ];
    for service in services() {
        for phone in &service.phones {
            assert!(
                DRAMA_PREFIXES.iter().any(|p| phone.number.starts_with(p)),
                "{}",
                phone.number
            );
        }
        for contact in &service.contacts {
            let email = contact.email.as_deref().unwrap_or_default();
            assert!(email.ends_with("@example.org"), "{email}");
        }
    }
}
