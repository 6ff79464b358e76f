//! Local authority boundaries (ONS May 2023, ultra-generalised) as GeoJSON geometries, for maps.

use crate::GazetteerError;
use crate::tables::Lad;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize)]
struct FeatureCollection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    properties: Properties,
    geometry: serde_json::Value,
}

#[derive(Deserialize)]
struct Properties {
    code: String,
}

/// GeoJSON geometry (Polygon or MultiPolygon, WGS84) by local authority code.
#[derive(Debug, Default)]
pub(crate) struct Boundaries {
    by_code: HashMap<String, serde_json::Value>,
}

impl Boundaries {
    /// Reads the FeatureCollection. An authority recoded since 2023 (Barnsley E08000016 is now
    /// E08000038) is also filed under its current code, found through `lads`.
    pub(crate) fn parse(bytes: &[u8], lads: &[Lad]) -> Result<Boundaries, GazetteerError> {
        let collection: FeatureCollection = serde_json::from_slice(bytes)
            .map_err(|e| GazetteerError::Corrupt(format!("LAD boundaries: {e}")))?;
        let mut by_code = HashMap::new();
        for feature in collection.features {
            let kind = feature.geometry.get("type").and_then(|t| t.as_str());
            if !matches!(kind, Some("Polygon" | "MultiPolygon")) {
                return Err(GazetteerError::Corrupt(format!(
                    "LAD boundary {} is not a polygon",
                    feature.properties.code
                )));
            }
            by_code.insert(feature.properties.code, feature.geometry);
        }
        for lad in lads {
            let active = &lads[lad.active].code;
            if !by_code.contains_key(active)
                && let Some(geometry) = by_code.get(&lad.code).cloned()
            {
                by_code.insert(active.clone(), geometry);
            }
        }
        Ok(Boundaries { by_code })
    }

    pub(crate) fn get(&self, code: &str) -> Option<&serde_json::Value> {
        self.by_code.get(code)
    }
}
