//! What every handler shares: the directory and the server's own bookkeeping.

use std::sync::Arc;

use signpost_app::Directory;

use crate::auth::KeyCache;
use crate::config::Limits;
use crate::forwarded::TrustedProxies;
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
    trusted_proxies: TrustedProxies,
}

impl AppState {
    /// A server reached directly: each client counts by its own address.
    pub fn new(directory: Arc<Directory>, limits: Limits) -> AppState {
        AppState::behind_proxies(directory, limits, TrustedProxies::default())
    }

    /// A server behind reverse proxies whose `X-Forwarded-For` names the client.
    pub fn behind_proxies(
        directory: Arc<Directory>,
        limits: Limits,
        trusted_proxies: TrustedProxies,
    ) -> AppState {
        AppState {
            shared: Arc::new(Shared {
                directory,
                metrics: Metrics::new(),
                limiter: RateLimiter::new(limits.rate_per_minute),
                keys: KeyCache::new(),
                limits,
                trusted_proxies,
            }),
        }
    }

    pub fn trusted_proxies(&self) -> &TrustedProxies {
        &self.shared.trusted_proxies
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
