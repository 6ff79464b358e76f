//! Withdrawn services (HSDS `status` `inactive` or `defunct`: a harvest's source no longer lists
//! them, a navigator merged them into another, an editor closed them) stay in the store and are
//! answered by id, but are not searched. Every place that feeds services to the index goes
//! through here, so the index holds exactly the store's services that are not withdrawn.

use signpost_domain::Service;
use signpost_engine::Engine;

use crate::error::Result;

/// Whether a service belongs in the search index.
pub(crate) fn is_searchable(service: &Service) -> bool {
    !service.is_withdrawn()
}

/// Puts the searchable of `services` in the index (one commit) and takes the withdrawn ones out.
pub(crate) fn index_services(engine: &Engine, services: &[Service]) -> Result<()> {
    if services.is_empty() {
        return Ok(());
    }
    if services.iter().all(is_searchable) {
        engine.upsert_many(services)?;
        return Ok(());
    }
    let searchable: Vec<Service> = services
        .iter()
        .filter(|s| is_searchable(s))
        .cloned()
        .collect();
    if !searchable.is_empty() {
        engine.upsert_many(&searchable)?;
    }
    for withdrawn in services.iter().filter(|s| !is_searchable(s)) {
        engine.remove(&withdrawn.id)?;
    }
    Ok(())
}
