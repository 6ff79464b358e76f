//! What every handler shares: the directory and the server's own bookkeeping.

use std::sync::Arc;

use signpost_app::Directory;

use crate::auth::KeyCache;
use crate::config::Limits;
use crate::limits::RateLimiter;
use crate::metrics::Metrics;

/// The state of the router; cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    directory: Arc<Directory>,
    metrics: Metrics,
    limiter: RateLimiter,
    keys: KeyCache,
    limits: Limits,
}

impl AppState {
    pub fn new(directory: Arc<Directory>, limits: Limits) -> AppState {
        AppState {
            shared: Arc::new(Shared {
                directory,
                metrics: Metrics::new(),
                limiter: RateLimiter::new(limits.rate_per_minute),
                keys: KeyCache::new(),
                limits,
            }),
        }
    }

    pub fn directory(&self) -> &Arc<Directory> {
        &self.shared.directory
    }

    pub fn metrics(&self) -> &Metrics {
        &self.shared.metrics
    }

    pub fn limiter(&self) -> &RateLimiter {
        &self.shared.limiter
    }

    pub fn keys(&self) -> &KeyCache {
        &self.shared.keys
    }

    pub fn limits(&self) -> &Limits {
        &self.shared.limits
    }
}
