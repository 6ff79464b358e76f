//! What the engine keeps of a service: the compact [`Record`] stored beside its text document
//! (so the engine can be rebuilt from the index alone), and the interners of its in-memory form
//! (`crate::entries`).

use std::borrow::Cow;

use hashbrown::HashMap;
use serde::{Deserialize, Serialize};
use signpost_index::Prepared;

use crate::area::parse_area;
use crate::confidential;
use crate::error::EngineError;
use crate::opening::{Opening, openings};

/// A service reduced to what search reads; serialised (postcard) into the text index's stored
/// field. It borrows what it can: from the service when it is made, and from the stored bytes
/// when it is read back (so reopening a million services allocates no id and no word).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Record<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    /// `[lat, lon]` of every place the service is found at (`crate::confidential`).
    pub points: Vec<[f64; 2]>,
    /// The service has a confidential location: its distances are rounded to whole miles.
    pub confidential: bool,
    /// GeoJSON text of every service area.
    pub areas: Vec<String>,
    pub languages: Vec<String>,
    pub categories: Vec<String>,
    pub faiths: Vec<String>,
    pub gender: Option<String>,
    pub minimum_age: Option<f64>,
    pub maximum_age: Option<f64>,
    pub free: bool,
    pub openings: Vec<Opening>,
    /// The distinct §5 words of name and description, one space between each.
    #[serde(borrow)]
    pub words: Cow<'a, str>,
}

impl<'a> Record<'a> {
    /// The bytes stored beside the service's text document.
    pub(crate) fn encode(&self) -> Result<Vec<u8>, EngineError> {
        Ok(postcard::to_allocvec(self)?)
    }

    /// A record read back from the bytes [`Record::encode`] made, borrowing from them.
    pub(crate) fn decode(stored: &'a [u8]) -> Result<Record<'a>, EngineError> {
        Ok(postcard::from_bytes(stored)?)
    }

    pub(crate) fn from_prepared(prepared: &'a Prepared) -> Record<'a> {
        let service = prepared.service();
        let owned = |codes: Vec<&str>| codes.into_iter().map(str::to_owned).collect();
        let areas: Vec<String> = service
            .service_areas
            .iter()
            .filter(|a| {
                a.extent_type
                    .as_deref()
                    .is_none_or(|t| t.eq_ignore_ascii_case("geojson"))
            })
            .filter_map(|a| a.extent.clone())
            .collect();
        let has_areas = areas.iter().any(|extent| parse_area(extent).is_some());
        Record {
            id: Cow::Borrowed(&service.id),
            points: confidential::search_points(service, has_areas),
            confidential: service.has_confidential_location(),
            areas,
            languages: owned(service.language_codes()),
            categories: owned(service.category_codes()),
            faiths: owned(service.faith_codes()),
            gender: service.gender().map(|g| g.code().to_owned()),
            minimum_age: service.minimum_age,
            maximum_age: service.maximum_age,
            free: service.is_free(),
            openings: openings(service),
            words: Cow::Borrowed(prepared.words()),
        }
    }

    /// Each of the §5 words.
    pub(crate) fn words(&self) -> impl Iterator<Item = &str> {
        self.words.split(' ').filter(|word| !word.is_empty())
    }
}

/// Interns strings as small numbers so a million entries stay compact.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    ids: HashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl Interner {
    pub(crate) fn intern(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.ids.insert(text.into(), id);
        self.names.push(text.into());
        id
    }

    pub(crate) fn get(&self, text: &str) -> Option<u32> {
        self.ids.get(text).copied()
    }

    pub(crate) fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", |n| n)
    }
}

/// The interners an entry refers to.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    pub codes: Interner,
    pub words: Interner,
}
