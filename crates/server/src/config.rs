//! How the server is run: address, store, limits and CORS.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::forwarded::TrustedProxies;

/// Everything `signpost serve` can set.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub addr: SocketAddr,
    /// Where the SQLite store (unless `database_url` is given) and the search index live.
    pub db_dir: PathBuf,
    /// `postgres://...` to use PostgreSQL as the store.
    pub database_url: Option<String>,
    pub limits: Limits,
    /// Reverse proxies believed about the client (`X-Forwarded-For`) for rate limits.
    pub trusted_proxies: TrustedProxies,
    /// Origins allowed to call the API from a browser; empty allows none, `*` allows any.
    pub cors_origins: Vec<String>,
    /// How long closed referrals keep their case reference and needs (docs/referrals.md).
    pub referral_retention: signpost_app::Retention,
    /// Months unchecked after which a record is flagged stale (`--stale-after`).
    pub stale_after_months: u32,
    /// Other directories' ORUK APIs harvested on a schedule (`--harvest`), in turn.
    pub harvests: Vec<signpost_app::harvest::HarvestOptions>,
    /// How often the harvests run (`--harvest-every`), the first shortly after start.
    pub harvest_every: Duration,
}

/// The default time between scheduled harvests.
pub const HARVEST_EVERY: Duration = Duration::from_secs(6 * 3_600);

/// The default body limit: a service of the demo directory is 3 to 6 KB of JSON, so 256 KiB leaves
/// room for a service with very long texts or many locations.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// The default bulk import limit: 1,000 services of up to 8 KB each (the demo directory's average
/// is 2.8 KB compact, 3.7 KB pretty-printed).
pub const MAX_IMPORT_BYTES: usize = 8 * 1024 * 1024;

/// Request limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Requests a minute per client (key, else IP address); 0 turns limiting off.
    pub rate_per_minute: u32,
    /// The largest request body accepted, in bytes, by every address but the bulk import: one
    /// service, one match profile, a page's form.
    pub max_body_bytes: usize,
    /// The largest body `POST /api/v1/services/import` accepts, in bytes.
    pub max_import_bytes: usize,
    /// How long one request may take before it is answered with `timeout`.
    pub request_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            rate_per_minute: 600,
            max_body_bytes: MAX_BODY_BYTES,
            max_import_bytes: MAX_IMPORT_BYTES,
            request_timeout: Duration::from_secs(30),
        }
    }
}

impl ServerConfig {
    /// The defaults of `signpost serve` (docs/cli.md): `./signpost-data`, 127.0.0.1:8080.
    pub fn new(db_dir: impl Into<PathBuf>) -> ServerConfig {
        ServerConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            db_dir: db_dir.into(),
            database_url: None,
            limits: Limits::default(),
            trusted_proxies: TrustedProxies::default(),
            cors_origins: Vec::new(),
            referral_retention: signpost_app::Retention::default(),
            stale_after_months: signpost_app::freshness::DEFAULT_STALE_AFTER_MONTHS,
            harvests: Vec::new(),
            harvest_every: HARVEST_EVERY,
        }
    }
}
