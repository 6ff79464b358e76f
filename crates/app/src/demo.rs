//! The bundled demonstration directory (`fixtures/demo/services.ndjson`), loaded into an empty
//! store so that a first run shows something real. Every record is labelled as demonstration data.

use signpost_domain::Service;

use crate::error::{AppError, Result};

const DEMO_NDJSON: &str = include_str!("../../../fixtures/demo/services.ndjson");

/// The demonstration services.
pub fn services() -> Result<Vec<Service>> {
    DEMO_NDJSON
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            serde_json::from_str(line)
                .map_err(|e| AppError::Demo(format!("line {}: {e}", index + 1)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_directory_reads_and_is_labelled_as_demonstration() {
        let services = services().expect("demo parses");
        assert!(services.len() >= 20, "{} services", services.len());
        assert!(
            services
                .iter()
                .all(|s| s.provenance.as_ref().is_some_and(|p| p.demonstration))
        );
    }
}
