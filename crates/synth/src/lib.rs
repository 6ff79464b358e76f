//! Deterministic synthetic HSDS services for tests and benchmarks.
//!
//! Service `n` of seed `s` depends only on `(s, n)`, so a million services stream out with constant
//! memory and the same command always writes the same bytes. Places are real postcode district
//! centroids of England and Wales weighted by how many postcodes they hold; languages are the
//! Census 2021 main languages weighted by speakers; categories and faiths come from Signpost's
//! vocabularies. Every record is marked `provenance.demonstration = true` with source
//! "Signpost synthetic data", and every record passes `signpost_domain::validate`.
//!
//! ```
//! let mut out = Vec::new();
//! signpost_synth::write_ndjson(&signpost_synth::SynthConfig { count: 3, seed: 42 }, &mut out).unwrap();
//! assert_eq!(out.iter().filter(|b| **b == b'\n').count(), 3);
//! ```

use std::io::{self, Write};
use std::sync::OnceLock;

use signpost_domain::facets::taxonomy;
use signpost_domain::{
    Address, Attribute, Language, Location, Organization, Provenance, Schedule, Service,
    ServiceAtLocation, TaxonomyTerm, vocab,
};

/// The provenance source of every synthetic record.
pub const SOURCE: &str = "Signpost synthetic data";

const DISTRICTS_CSV: &str = include_str!("../data/districts.csv");
const LANGUAGES_CSV: &str = include_str!("../data/languages.csv");

const NAME_WORDS: [&str; 16] = [
    "Noor",
    "Asha",
    "Ubuntu",
    "Sanctuary",
    "Bridges",
    "Harmony",
    "Unity",
    "New Roots",
    "Khush",
    "Sahara",
    "Amani",
    "Roshni",
    "Umoja",
    "Sangat",
    "Saheli",
    "Pathways",
];
const ORGANISATION_KINDS: [&str; 8] = [
    "Project",
    "Network",
    "Centre",
    "Trust",
    "Collective",
    "Group",
    "Hub",
    "Association",
];
const STREETS: [&str; 8] = [
    "High Street",
    "Station Road",
    "Church Lane",
    "Park Road",
    "Victoria Road",
    "Green Lane",
    "Mill Road",
    "King Street",
];
const WEEKDAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// How many services, from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthConfig {
    pub count: u64,
    pub seed: u64,
}

/// Writes `count` services as NDJSON, one at a time.
pub fn write_ndjson(config: &SynthConfig, out: &mut dyn Write) -> io::Result<()> {
    for index in 0..config.count {
        serde_json::to_writer(&mut *out, &service(config.seed, index))?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// The services of a config, generated lazily.
pub fn services(config: SynthConfig) -> impl Iterator<Item = Service> {
    (0..config.count).map(move |index| service(config.seed, index))
}

/// Service number `index` of `seed`.
pub fn service(seed: u64, index: u64) -> Service {
    let mut rng = SplitMix64::new(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let id = format!("synth-{index:08}");
    let category_count = 1 + rng.below(2);
    let categories = pick_distinct(&mut rng, vocab::categories().len(), category_count);
    let category = &vocab::categories()[categories[0]];
    let languages = pick_languages(&mut rng);
    let location_count = match rng.below(100) {
        0..80 => 1,
        80..95 => 2,
        _ => 3,
    };
    let districts: Vec<&District> = (0..location_count)
        .map(|_| pick_district(&mut rng))
        .collect();
    let word = NAME_WORDS[rng.below(NAME_WORDS.len())];
    let kind = ORGANISATION_KINDS[rng.below(ORGANISATION_KINDS.len())];
    let language_name = vocab::language(languages[0]).map_or("community", |l| l.name);
    let mut service = Service {
        id: id.clone(),
        name: format!("{word} {} {kind}", category.name),
        description: Some(format!(
            "{} for {language_name} speakers around {}, run by and for the community.",
            category.name, districts[0].code
        )),
        organization_id: Some(format!("synth-org-{index:08}")),
        organization: Some(Organization {
            id: format!("synth-org-{index:08}"),
            name: format!("{word} {kind}"),
            ..Organization::default()
        }),
        assured_date: Some(format!(
            "2025-{:02}-{:02}",
            1 + rng.below(12),
            1 + rng.below(28)
        )),
        languages: languages
            .iter()
            .enumerate()
            .map(|(i, code)| Language {
                id: format!("{id}:language:{i}"),
                code: Some((*code).to_owned()),
                name: vocab::language(code).map(|l| l.name.to_owned()),
                ..Language::default()
            })
            .collect(),
        attributes: attributes(&mut rng, &id, &categories),
        schedules: schedules(&mut rng, &id),
        service_at_locations: districts
            .iter()
            .enumerate()
            .map(|(i, district)| location(&mut rng, &id, i, district))
            .collect(),
        provenance: Some(Provenance {
            source: SOURCE.to_owned(),
            licence: None,
            attribution: None,
            demonstration: true,
        }),
        ..Service::default()
    };
    set_ages(&mut rng, &mut service);
    service.status = "active".to_owned();
    service
}

fn attributes(rng: &mut SplitMix64, id: &str, categories: &[usize]) -> Vec<Attribute> {
    let mut attributes: Vec<Attribute> = categories
        .iter()
        .map(|&i| {
            let c = &vocab::categories()[i];
            attribute(id, taxonomy::CATEGORY, c.code, c.name)
        })
        .collect();
    if rng.below(100) < 30 {
        let faith = &vocab::faiths()[rng.below(vocab::faiths().len())];
        attributes.push(attribute(
            id,
            taxonomy::FAITH,
            faith.code,
            faith.census_category,
        ));
    }
    match rng.below(100) {
        0..12 => attributes.push(attribute(id, taxonomy::GENDER, "female", "Women")),
        12..16 => attributes.push(attribute(id, taxonomy::GENDER, "male", "Men")),
        _ => {}
    }
    if rng.below(100) < 70 {
        attributes.push(attribute(id, taxonomy::COST, "free", "Free of charge"));
    }
    attributes
}

fn attribute(service_id: &str, taxonomy_name: &str, code: &str, name: &str) -> Attribute {
    Attribute {
        id: format!("{service_id}:{taxonomy_name}:{code}"),
        taxonomy_term: Some(TaxonomyTerm {
            id: format!("{taxonomy_name}:{code}"),
            code: Some(code.to_owned()),
            name: name.to_owned(),
            description: name.to_owned(),
            taxonomy: Some(taxonomy_name.to_owned()),
            ..TaxonomyTerm::default()
        }),
        ..Attribute::default()
    }
}

fn set_ages(rng: &mut SplitMix64, service: &mut Service) {
    let (min, max) = match rng.below(100) {
        0..6 => (Some(18.0), Some(25.0)),
        6..10 => (Some(16.0), None),
        10..13 => (None, Some(65.0)),
        13..15 => (Some(50.0), None),
        _ => (None, None),
    };
    service.minimum_age = min;
    service.maximum_age = max;
}

fn schedules(rng: &mut SplitMix64, id: &str) -> Vec<Schedule> {
    (0..1 + rng.below(2))
        .map(|i| {
            let day_count = 1 + rng.below(5);
            let mut days = pick_distinct(rng, WEEKDAYS.len(), day_count);
            days.sort_unstable();
            let opens = [9, 10, 13, 18][rng.below(4)];
            let closes = (opens + 2 + rng.below(6)).min(23);
            Schedule {
                id: format!("{id}:schedule:{i}"),
                freq: Some("WEEKLY".to_owned()),
                byday: Some(
                    days.iter()
                        .map(|&d| WEEKDAYS[d])
                        .collect::<Vec<_>>()
                        .join(","),
                ),
                opens_at: Some(format!("{opens:02}:00")),
                closes_at: Some(format!("{closes:02}:{}", ["00", "30"][rng.below(2)])),
                ..Schedule::default()
            }
        })
        .collect()
}

fn location(rng: &mut SplitMix64, id: &str, i: usize, district: &District) -> ServiceAtLocation {
    let jitter = |rng: &mut SplitMix64| (rng.unit() - 0.5) * 0.02;
    let round = |x: f64| (x * 1e5).round() / 1e5;
    ServiceAtLocation {
        id: format!("{id}:sal:{i}"),
        location: Some(Location {
            id: format!("{id}:location:{i}"),
            location_type: "physical".to_owned(),
            latitude: Some(round(district.lat + jitter(rng))),
            longitude: Some(round(district.lon + jitter(rng))),
            addresses: vec![Address {
                id: format!("{id}:address:{i}"),
                address_1: format!(
                    "{} {}",
                    1 + rng.below(200),
                    STREETS[rng.below(STREETS.len())]
                ),
                postal_code: district.code.to_owned(),
                country: "GB".to_owned(),
                address_type: "physical".to_owned(),
                ..Address::default()
            }],
            ..Location::default()
        }),
        ..ServiceAtLocation::default()
    }
}

/// One to three languages by speakers, and English alongside in half of services.
fn pick_languages(rng: &mut SplitMix64) -> Vec<&'static str> {
    let table = languages();
    let mut codes: Vec<&'static str> = Vec::new();
    for _ in 0..1 + rng.below(3) {
        let code = table.codes[table.weights.pick(rng)];
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    if rng.below(2) == 0 {
        codes.push("eng");
    }
    codes
}

fn pick_district(rng: &mut SplitMix64) -> &'static District {
    let table = districts();
    &table.districts[table.weights.pick(rng)]
}

/// `count` distinct indices below `n` (all of them when `count >= n`).
fn pick_distinct(rng: &mut SplitMix64, n: usize, count: usize) -> Vec<usize> {
    let mut picked: Vec<usize> = Vec::with_capacity(count);
    while picked.len() < count.min(n) {
        let i = rng.below(n);
        if !picked.contains(&i) {
            picked.push(i);
        }
    }
    picked
}

struct District {
    code: &'static str,
    lat: f64,
    lon: f64,
}

struct Districts {
    districts: Vec<District>,
    weights: Weights,
}

fn districts() -> &'static Districts {
    static TABLE: OnceLock<Districts> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut districts = Vec::new();
        let mut weights = Vec::new();
        for line in DISTRICTS_CSV.lines().skip(1) {
            let fields: Vec<&str> = line.split(',').collect();
            if let [code, lat, lon, count] = fields[..]
                && let (Ok(lat), Ok(lon), Ok(count)) = (lat.parse(), lon.parse(), count.parse())
            {
                districts.push(District { code, lat, lon });
                weights.push(count);
            }
        }
        Districts {
            districts,
            weights: Weights::new(&weights),
        }
    })
}

struct Languages {
    codes: Vec<&'static str>,
    weights: Weights,
}

fn languages() -> &'static Languages {
    static TABLE: OnceLock<Languages> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut codes = Vec::new();
        let mut weights = Vec::new();
        for line in LANGUAGES_CSV.lines().skip(1) {
            if let Some((code, count)) = line.split_once(',')
                && let Ok(count) = count.parse()
            {
                codes.push(code);
                weights.push(count);
            }
        }
        Languages {
            codes,
            weights: Weights::new(&weights),
        }
    })
}

/// Cumulative weights for picking an index in proportion to its weight.
struct Weights {
    cumulative: Vec<u64>,
}

impl Weights {
    fn new(weights: &[u64]) -> Weights {
        let cumulative = weights
            .iter()
            .scan(0u64, |total, w| {
                *total += w;
                Some(*total)
            })
            .collect();
        Weights { cumulative }
    }

    fn pick(&self, rng: &mut SplitMix64) -> usize {
        let total = self.cumulative.last().copied().unwrap_or_default();
        let target = rng.next_u64() % total.max(1);
        self.cumulative
            .partition_point(|&c| c <= target)
            .min(self.cumulative.len().saturating_sub(1))
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): a few lines, so the output can never change with a
/// dependency upgrade.
struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use signpost_domain::validate;

    #[test]
    fn tables_load() {
        assert_eq!(districts().districts.len(), 2523);
        assert_eq!(languages().codes.len(), 40);
        assert_eq!(languages().codes[0], "pol");
    }

    #[test]
    fn the_same_seed_writes_the_same_bytes() {
        let config = SynthConfig { count: 50, seed: 7 };
        let (mut a, mut b) = (Vec::new(), Vec::new());
        write_ndjson(&config, &mut a).expect("write");
        write_ndjson(&config, &mut b).expect("write");
        assert_eq!(a, b);
        let mut c = Vec::new();
        write_ndjson(&SynthConfig { count: 50, seed: 8 }, &mut c).expect("write");
        assert_ne!(a, c);
    }

    #[test]
    fn every_service_validates_and_is_marked_synthetic() {
        for service in services(SynthConfig {
            count: 2000,
            seed: 42,
        }) {
            let mut normalised = service.clone();
            validate::normalise(&mut normalised);
            assert_eq!(normalised, service, "codes are already ISO 639-3");
            assert_eq!(validate::validate(&service, ""), vec![], "{}", service.id);
            let provenance = service.provenance.as_ref().expect("provenance");
            assert!(provenance.demonstration);
            assert_eq!(provenance.source, SOURCE);
            for point in service.points() {
                assert!((49.8..55.9).contains(&point.lat) && (-6.5..1.9).contains(&point.lon));
            }
        }
    }

    #[test]
    fn the_mix_is_realistic() {
        let all: Vec<Service> = services(SynthConfig {
            count: 5000,
            seed: 1,
        })
        .collect();
        let share = |f: &dyn Fn(&Service) -> bool| {
            all.iter().filter(|s| f(s)).count() as f64 / all.len() as f64
        };
        let polish = share(&|s| s.language_codes().contains(&"pol"));
        let tigrinya = share(&|s| s.language_codes().contains(&"tir"));
        assert!(
            polish > 5.0 * tigrinya,
            "weighted by speakers: {polish} vs {tigrinya}"
        );
        assert!((0.08..0.16).contains(&share(
            &|s| s.gender() == Some(signpost_domain::Gender::Female)
        )));
        assert!((0.10..0.25).contains(&share(&|s| s.service_at_locations.len() > 1)));
        assert!((0.10..0.20).contains(&share(
            &|s| s.minimum_age.is_some() || s.maximum_age.is_some()
        )));
        let ids: Vec<&str> = all.iter().map(|s| s.id.as_str()).collect();
        assert!(
            ids.windows(2).all(|w| w[0] < w[1]),
            "ids sort in generation order"
        );
    }
}
