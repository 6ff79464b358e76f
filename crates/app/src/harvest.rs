//! `signpost harvest`: another directory's Open Referral UK 3.0 API into the store, all or
//! nothing per run.
//!
//! Every page of `URL/services?page=N` is read to the last, then `URL/services/{id}` for each
//! listed service; each record is read leniently (`signpost_domain::lenient`). Only when every
//! page and record has been fetched and read is the store written, in one transaction: new and
//! changed services, their data problems, the source's provenance (source, harvested at), and
//! the services this source supplied before but no longer lists, made `inactive` (never
//! deleted). A record a navigator merged into another (`merged_into`, or a merge among the
//! duplicate decisions) stays inactive and keeps its pointer, whatever the source says of it.
//! Like `signpost import`, [`harvest`] writes the store outside a running [`crate::Directory`]
//! and leaves the stale mark, so the next open rebuilds the search index;
//! [`crate::Directory::harvest`] (a server's schedule) applies the harvest's change to its own
//! index instead. Either way the outcome is kept per source for `/metrics`
//! ([`crate::gauges::record_harvest`]).
//!
//! Polite: a User-Agent naming Signpost, timeouts, a few retries with back-off on server errors
//! and timeouts, a cap on pages, on services a page and on the bytes of each answer.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use signpost_domain::Service;
use signpost_domain::lenient::read_lenient;
use signpost_domain::oruk_page::{PageOfIds, page_of_ids};
use signpost_store::{DataProblem, Store};
use tracing::{info, warn};

use crate::directory::{Directory, StaleMark};
use crate::duplicates::{MERGED_FROM, MERGED_INTO, Verdict};
use crate::error::{AppError, Result};
use crate::gauges::{HarvestOutcome, record_harvest};

/// The status of a service its source no longer lists.
pub const WITHDRAWN_STATUS: &str = "inactive";
/// What the mark says when a harvest left it.
const HARVEST_MARK: &str = "signpost harvest changed the store";

/// How far a harvest may go and how patiently it asks.
#[derive(Debug, Clone)]
pub struct HarvestLimits {
    /// Pages read at most; a list with more is refused.
    pub max_pages: u64,
    /// Services asked for a page (`per_page`), and the most a page may hold.
    pub page_size: u64,
    /// The largest answer read, in bytes.
    pub max_bytes: u64,
    /// The longest one request may take.
    pub timeout: Duration,
    /// Retries after a server error (5xx) or a failed connection, each after twice the wait
    /// of the one before.
    pub retries: u32,
    pub first_backoff: Duration,
}

impl Default for HarvestLimits {
    fn default() -> HarvestLimits {
        HarvestLimits {
            max_pages: 1_000,
            page_size: 100,
            max_bytes: 16 << 20,
            timeout: Duration::from_secs(30),
            retries: 3,
            first_backoff: Duration::from_millis(500),
        }
    }
}

/// One harvest.
#[derive(Debug, Clone)]
pub struct HarvestOptions {
    /// The ORUK API's base URL (what `/services` follows).
    pub url: String,
    /// The source's name in provenance; by default the URL's host.
    pub source: Option<String>,
    pub limits: HarvestLimits,
}

/// What a harvest did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HarvestSummary {
    pub source: String,
    /// When the services were harvested (RFC 3339, UTC).
    pub harvested_at: String,
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// Services the source supplied before and no longer lists, now `inactive`.
    pub withdrawn: u64,
    /// The values set aside from new and changed services.
    pub set_aside: Vec<DataProblem>,
}

/// Harvests the feed at `options.url` into `store` (whose data directory is `db_dir`), leaving
/// the stale mark when services changed.
pub async fn harvest(
    store: &Store,
    db_dir: &Path,
    options: &HarvestOptions,
) -> Result<HarvestSummary> {
    let harvested = async {
        let feed = fetch_and_read(options).await?;
        let plan = plan(store, &feed.source, feed.read).await?;
        write(store, db_dir, &feed.source, &feed.harvested_at, &plan).await?;
        Ok(summarise(feed.source, feed.harvested_at, plan))
    }
    .await;
    recorded(db_dir, options, harvested)
}

impl Directory {
    /// Harvests the feed at `options.url` into the store as [`harvest`] does, then applies the
    /// change to this directory's index (new and changed services searchable, withdrawn ones out
    /// of search) before it returns. The feed is read before the directory's writes are held.
    pub async fn harvest(&self, options: &HarvestOptions) -> Result<HarvestSummary> {
        let harvested = async {
            let feed = fetch_and_read(options).await?;
            let _one_writer = self.writes.lock().await;
            let plan = plan(&self.store, &feed.source, feed.read).await?;
            let mark = StaleMark::in_dir(self.data_dir());
            mark.set(HARVEST_MARK)?;
            write_transaction(&self.store, &feed.source, &feed.harvested_at, &plan).await?;
            self.catch_up().await?;
            mark.clear()?;
            Ok(summarise(feed.source, feed.harvested_at, plan))
        }
        .await;
        recorded(self.data_dir(), options, harvested)
    }

    /// Each source's last harvest into this data directory, by source name.
    pub fn last_harvests(&self) -> Vec<HarvestOutcome> {
        crate::gauges::last_harvests(self.data_dir())
    }
}

/// Harvests each feed in turn, now and then every `every`, into the running directory (a
/// server's `--harvest`): a failed run is logged and kept as its source's outcome, and the next
/// run tries again. Call from within a Tokio runtime.
pub fn schedule(directory: Arc<Directory>, feeds: Vec<HarvestOptions>, every: Duration) {
    if feeds.is_empty() {
        return;
    }
    tokio::spawn(async move {
        let mut runs = tokio::time::interval(every);
        runs.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            runs.tick().await;
            for feed in &feeds {
                if let Err(error) = directory.harvest(feed).await {
                    warn!(url = %feed.url, %error, "a scheduled harvest failed");
                }
            }
        }
    });
}

/// The feeds a server harvests (`serve --harvest URL ...`), each named by its host; feeds that
/// share a host are named by their address without the scheme instead, so that one feed never
/// withdraws another's services.
pub fn scheduled_feeds(urls: &[String]) -> Vec<HarvestOptions> {
    let hosts: Vec<Option<String>> = urls.iter().map(|url| host_of(url).ok()).collect();
    urls.iter()
        .zip(&hosts)
        .map(|(url, host)| {
            let shared = host.is_some() && hosts.iter().filter(|other| *other == host).count() > 1;
            let source = shared.then(|| {
                url.split_once("://")
                    .map_or(url.as_str(), |(_, rest)| rest)
                    .trim_end_matches('/')
                    .to_owned()
            });
            HarvestOptions {
                url: url.clone(),
                source,
                limits: HarvestLimits::default(),
            }
        })
        .collect()
}

/// A `--harvest-every` value that is not a period.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a period: give seconds, minutes, hours or days, such as 30m, 6h or 1d")]
pub struct EveryError(String);

/// `30s`, `30m`, `6h`, `1d` as a duration; at least a second.
pub fn parse_every(text: &str) -> std::result::Result<Duration, EveryError> {
    let text = text.trim();
    let error = || EveryError(text.to_owned());
    let split = text.find(|c: char| !c.is_ascii_digit()).ok_or_else(error)?;
    let (number, unit) = text.split_at(split);
    let seconds_per = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        _ => return Err(error()),
    };
    let seconds = number
        .parse::<u64>()
        .map_err(|_| error())?
        .checked_mul(seconds_per)
        .filter(|seconds| *seconds > 0)
        .ok_or_else(error)?;
    Ok(Duration::from_secs(seconds))
}

/// The feed read and checked, before the store is looked at.
struct ReadFeed {
    source: String,
    harvested_at: String,
    read: Read,
}

async fn fetch_and_read(options: &HarvestOptions) -> Result<ReadFeed> {
    let source = source_name(options)?;
    let fetch = options.clone();
    let records = tokio::task::spawn_blocking(move || fetch_feed(&fetch))
        .await
        .map_err(|e| AppError::Task(e.to_string()))??;
    let harvested_at = now();
    let read = read_records(records, &harvested_at)?;
    Ok(ReadFeed {
        source,
        harvested_at,
        read,
    })
}

/// The source's name in provenance: as given, else the URL's host.
fn source_name(options: &HarvestOptions) -> Result<String> {
    match &options.source {
        Some(source) => Ok(source.clone()),
        None => host_of(&options.url),
    }
}

/// Keeps the harvest's outcome for its source (named by the URL when it has no name).
fn recorded(
    db_dir: &Path,
    options: &HarvestOptions,
    harvested: Result<HarvestSummary>,
) -> Result<HarvestSummary> {
    let source = source_name(options).unwrap_or_else(|_| options.url.clone());
    record_harvest(db_dir, &HarvestOutcome::now(&source, &harvested));
    harvested
}

fn summarise(source: String, harvested_at: String, plan: Plan) -> HarvestSummary {
    let summary = HarvestSummary {
        source,
        harvested_at,
        new: plan.new,
        updated: plan.updated,
        unchanged: plan.unchanged,
        withdrawn: plan.withdrawn,
        set_aside: plan.set_aside,
    };
    info!(
        source = %summary.source,
        new = summary.new,
        updated = summary.updated,
        unchanged = summary.unchanged,
        withdrawn = summary.withdrawn,
        set_aside = summary.set_aside.len(),
        "harvested"
    );
    summary
}

/// A record as fetched: the URL it came from and its JSON.
struct Fetched {
    url: String,
    record: Value,
}

/// Every listed service's full record, in list order (an id listed twice is fetched once).
fn fetch_feed(options: &HarvestOptions) -> Result<Vec<Fetched>> {
    let agent = agent(&options.limits);
    let base = options.url.trim_end_matches('/');
    let mut ids: Vec<String> = Vec::new();
    let mut seen = BTreeSet::new();
    let mut page_number = 1;
    loop {
        let url = format!(
            "{base}/services?page={page_number}&per_page={}",
            options.limits.page_size
        );
        let body = get(&agent, &url, &options.limits)?;
        let page: PageOfIds = page_of_ids(&body).map_err(|why| harvest_error(&url, &why))?;
        if page.ids.len() as u64 > options.limits.page_size {
            return Err(harvest_error(
                &url,
                &format!(
                    "the page lists {} services, more than the {} asked for",
                    page.ids.len(),
                    options.limits.page_size
                ),
            ));
        }
        if page.total_pages > options.limits.max_pages {
            return Err(harvest_error(
                &url,
                &format!(
                    "the list has {} pages, more than the {} a harvest reads",
                    page.total_pages, options.limits.max_pages
                ),
            ));
        }
        ids.extend(page.ids.into_iter().filter(|id| seen.insert(id.clone())));
        if page_number >= page.total_pages {
            break;
        }
        page_number += 1;
    }
    ids.iter()
        .map(|id| {
            let url = format!("{base}/services/{}", encode_segment(id));
            let body = get(&agent, &url, &options.limits)?;
            let record: Value = serde_json::from_slice(&body)
                .map_err(|e| harvest_error(&url, &format!("is not JSON: {e}")))?;
            if record.get("id").and_then(Value::as_str) != Some(id.as_str()) {
                return Err(harvest_error(
                    &url,
                    &format!("the record's id is not {id:?}, the id the list gave"),
                ));
            }
            Ok(Fetched { url, record })
        })
        .collect()
}

fn agent(limits: &HarvestLimits) -> ureq::Agent {
    ureq::Agent::config_builder()
        .user_agent(format!("Signpost/{} (+harvest)", env!("CARGO_PKG_VERSION")))
        .timeout_global(Some(limits.timeout))
        .http_status_as_error(false)
        .build()
        .into()
}

/// The body of a 200 answer to GET `url`, retrying server errors and failed connections.
fn get(agent: &ureq::Agent, url: &str, limits: &HarvestLimits) -> Result<Vec<u8>> {
    let mut backoff = limits.first_backoff;
    let mut attempt = 0;
    loop {
        let outcome = get_once(agent, url, limits.max_bytes);
        match outcome {
            Ok(body) => return Ok(body),
            Err(Attempt::Final(why)) => return Err(harvest_error(url, &why)),
            Err(Attempt::Retry(why)) if attempt >= limits.retries => {
                return Err(harvest_error(
                    url,
                    &format!("{why} (after {} attempts)", attempt + 1),
                ));
            }
            Err(Attempt::Retry(why)) => {
                warn!(%url, %why, "retrying a harvest request");
                std::thread::sleep(backoff);
                backoff *= 2;
                attempt += 1;
            }
        }
    }
}

/// Why one request failed, and whether trying again may help.
enum Attempt {
    Retry(String),
    Final(String),
}

fn get_once(
    agent: &ureq::Agent,
    url: &str,
    max_bytes: u64,
) -> std::result::Result<Vec<u8>, Attempt> {
    let mut response = agent
        .get(url)
        .header("Accept", "application/json")
        .call()
        .map_err(|e| match e {
            ureq::Error::Timeout(_) | ureq::Error::Io(_) | ureq::Error::ConnectionFailed => {
                Attempt::Retry(e.to_string())
            }
            other => Attempt::Final(other.to_string()),
        })?;
    let status = response.status();
    if status.is_server_error() || status.as_u16() == 429 {
        return Err(Attempt::Retry(format!("the server answered {status}")));
    }
    if !status.is_success() {
        return Err(Attempt::Final(format!("the server answered {status}")));
    }
    response
        .body_mut()
        .with_config()
        .limit(max_bytes)
        .read_to_vec()
        .map_err(|e| match e {
            ureq::Error::Timeout(_) | ureq::Error::Io(_) => Attempt::Retry(e.to_string()),
            other => Attempt::Final(other.to_string()),
        })
}

fn harvest_error(url: &str, why: &str) -> AppError {
    AppError::Harvest(format!("{url}: {why}; the store is unchanged"))
}

/// A path segment with everything but unreserved characters percent-encoded.
fn encode_segment(segment: &str) -> String {
    segment
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(byte).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// The host of an http(s) URL, the default name of its source.
fn host_of(url: &str) -> Result<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| AppError::Harvest(format!("{url}: not an http:// or https:// URL")))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_and_port = authority.rsplit('@').next().unwrap_or_default();
    let host = match host_and_port.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => host_and_port.split(':').next().unwrap_or_default(),
    };
    if host.is_empty() {
        return Err(AppError::Harvest(format!("{url}: the URL names no host")));
    }
    Ok(host.to_ascii_lowercase())
}

/// The harvested services, clean, with what was set aside from each.
struct Read {
    services: Vec<Service>,
    set_aside: BTreeMap<String, Vec<DataProblem>>,
}

fn read_records(records: Vec<Fetched>, harvested_at: &str) -> Result<Read> {
    let mut read = Read {
        services: Vec::with_capacity(records.len()),
        set_aside: BTreeMap::new(),
    };
    for Fetched { url, record } in records {
        let lenient = read_lenient(record).map_err(|rejected| {
            harvest_error(&url, &format!("the record is refused: {rejected}"))
        })?;
        let id = lenient.service.id.clone();
        let problems = lenient
            .set_aside
            .into_iter()
            .map(|value| DataProblem {
                service_id: id.clone(),
                path: value.path,
                value: value.value.to_string(),
                reason: value.reason,
                recorded_at: harvested_at.to_owned(),
            })
            .collect();
        read.set_aside.insert(id, problems);
        read.services.push(lenient.service);
    }
    Ok(read)
}

/// What a harvest will write.
struct Plan {
    /// New and changed services, and withdrawn ones made inactive.
    writes: Vec<Service>,
    /// Services whose data problems are replaced (new and changed).
    rewritten: Vec<String>,
    /// Every service the source lists.
    listed: Vec<String>,
    set_aside: Vec<DataProblem>,
    new: u64,
    updated: u64,
    unchanged: u64,
    withdrawn: u64,
}

async fn plan(store: &Store, source: &str, read: Read) -> Result<Plan> {
    let Read {
        services,
        mut set_aside,
    } = read;
    let listed: Vec<String> = services.iter().map(|s| s.id.clone()).collect();
    let ids: Vec<&str> = listed.iter().map(String::as_str).collect();
    let stored: BTreeMap<String, Service> = store
        .services_by_ids(&ids)
        .await?
        .into_iter()
        .map(|s| (s.id.clone(), s))
        .collect();
    let merged = merged_away(store).await?;
    let mut plan = Plan {
        writes: Vec::new(),
        rewritten: Vec::new(),
        listed: listed.clone(),
        set_aside: Vec::new(),
        new: 0,
        updated: 0,
        unchanged: 0,
        withdrawn: 0,
    };
    for mut service in services {
        let old = stored.get(&service.id);
        keep_merge(&mut service, old, &merged);
        match stored.get(&service.id) {
            Some(old) if same_content(old, &service) => plan.unchanged += 1,
            known => {
                if known.is_some() {
                    plan.updated += 1;
                } else {
                    plan.new += 1;
                }
                plan.set_aside
                    .extend(set_aside.remove(&service.id).unwrap_or_default());
                plan.rewritten.push(service.id.clone());
                plan.writes.push(service);
            }
        }
    }
    let listed: BTreeSet<&str> = ids.iter().copied().collect();
    let before = store.harvested_from(source).await?;
    let gone: Vec<&str> = before
        .iter()
        .map(String::as_str)
        .filter(|id| !listed.contains(id))
        .collect();
    for mut service in store.services_by_ids(&gone).await? {
        if !service.is_withdrawn() {
            service.status = WITHDRAWN_STATUS.to_owned();
            plan.withdrawn += 1;
            plan.writes.push(service);
        }
    }
    Ok(plan)
}

/// The services a navigator merged into another, with the one each was merged into.
async fn merged_away(store: &Store) -> Result<BTreeMap<String, String>> {
    Ok(store
        .duplicate_decisions()
        .await?
        .into_iter()
        .filter(|decision| decision.verdict == Verdict::Merge)
        .filter_map(|decision| {
            let kept = decision.kept?;
            let away = if kept == decision.a {
                decision.b
            } else {
                decision.a
            };
            Some((away, kept))
        })
        .collect())
}

/// Keeps a merge the harvest would undo: a record merged into another stays inactive and keeps
/// its `merged_into`, and a record others were merged into keeps its `merged_from` (their other
/// content is the source's).
fn keep_merge(service: &mut Service, stored: Option<&Service>, merged: &BTreeMap<String, String>) {
    if let Some(merged_from) = stored.and_then(|stored| stored.extra.get(MERGED_FROM)) {
        service
            .extra
            .insert(MERGED_FROM.to_owned(), merged_from.clone());
    }
    let pointer = stored
        .and_then(|stored| stored.extra.get(MERGED_INTO).cloned())
        .or_else(|| merged.get(&service.id).cloned().map(Value::from));
    if let Some(pointer) = pointer {
        service.status = WITHDRAWN_STATUS.to_owned();
        service.extra.insert(MERGED_INTO.to_owned(), pointer);
    }
}

/// Whether two records say the same, leaving aside when each was last modified.
fn same_content(stored: &Service, harvested: &Service) -> bool {
    let without_stamp = |service: &Service| {
        let mut service = service.clone();
        service.extra.remove("last_modified");
        service
    };
    without_stamp(stored) == without_stamp(harvested)
}

/// Writes the plan in one transaction, leaving the stale mark when services changed.
async fn write(
    store: &Store,
    db_dir: &Path,
    source: &str,
    harvested_at: &str,
    plan: &Plan,
) -> Result<()> {
    let mark = StaleMark::in_dir(db_dir);
    let was_marked = mark.exists();
    if !plan.writes.is_empty() {
        mark.set(HARVEST_MARK)?;
    }
    let written = write_transaction(store, source, harvested_at, plan).await;
    if written.is_err() && !was_marked && mark.exists() {
        mark.clear()?;
    }
    written
}

async fn write_transaction(
    store: &Store,
    source: &str,
    harvested_at: &str,
    plan: &Plan,
) -> Result<()> {
    let mut writer = store.writer().await?;
    for batch in plan.writes.chunks(signpost_store::WRITE_BATCH) {
        writer.write(batch).await?;
    }
    let rewritten: Vec<&str> = plan.rewritten.iter().map(String::as_str).collect();
    writer
        .replace_data_problems(&rewritten, &plan.set_aside)
        .await?;
    let listed: Vec<&str> = plan.listed.iter().map(String::as_str).collect();
    writer.record_harvest(source, &listed, harvested_at).await?;
    writer.commit().await?;
    Ok(())
}

/// Now, RFC 3339 in UTC with microseconds (the store's own form).
fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_is_named_by_the_host() {
        assert_eq!(
            host_of("https://Directory.Example.org/api/v3").expect("host"),
            "directory.example.org"
        );
        assert_eq!(host_of("http://127.0.0.1:8080").expect("host"), "127.0.0.1");
        assert_eq!(host_of("http://[::1]:80/x").expect("host"), "::1");
        assert!(host_of("ftp://example.org").is_err());
        assert!(host_of("http:///services").is_err());
    }

    #[test]
    fn a_schedule_reads_seconds_minutes_hours_and_days() {
        assert_eq!(parse_every("2s"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_every("30m"), Ok(Duration::from_secs(1_800)));
        assert_eq!(parse_every(" 6h "), Ok(Duration::from_secs(21_600)));
        assert_eq!(parse_every("1d"), Ok(Duration::from_secs(86_400)));
        for bad in [
            "",
            "6",
            "h",
            "0h",
            "6 h",
            "6hours",
            "-1h",
            "99999999999999999999d",
        ] {
            assert!(parse_every(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn feeds_sharing_a_host_are_told_apart() {
        let feeds = scheduled_feeds(&[
            "https://council.example/oruk".to_owned(),
            "http://127.0.0.1:8001/".to_owned(),
            "http://127.0.0.1:8002".to_owned(),
        ]);
        let sources: Vec<Option<&str>> = feeds.iter().map(|f| f.source.as_deref()).collect();
        assert_eq!(
            sources,
            [None, Some("127.0.0.1:8001"), Some("127.0.0.1:8002")]
        );
    }

    #[test]
    fn ids_are_encoded_as_one_path_segment() {
        assert_eq!(encode_segment("ws-mentor-1"), "ws-mentor-1");
        assert_eq!(encode_segment("a/b c?"), "a%2Fb%20c%3F");
    }

    #[test]
    fn a_harvest_keeps_a_navigator_s_merge() {
        let listed = |id: &str| Service {
            id: id.into(),
            name: "n".into(),
            status: "active".into(),
            ..Service::default()
        };
        let mut stored = listed("a");
        stored.status = "inactive".into();
        stored.extra.insert(MERGED_INTO.into(), "b".into());
        let mut a = listed("a");
        keep_merge(&mut a, Some(&stored), &BTreeMap::new());
        assert_eq!(a, stored, "by its pointer");

        let mut c = listed("c");
        keep_merge(&mut c, None, &BTreeMap::from([("c".into(), "d".into())]));
        assert_eq!(c.status, "inactive", "by the decision");
        assert_eq!(c.extra[MERGED_INTO], "d");

        let mut kept = listed("b");
        kept.extra
            .insert(MERGED_FROM.into(), serde_json::json!(["a"]));
        let mut b = listed("b");
        keep_merge(&mut b, Some(&kept), &BTreeMap::new());
        assert_eq!(
            b, kept,
            "the kept record keeps merged_from and stays active"
        );
    }

    #[test]
    fn a_new_last_modified_alone_is_no_change() {
        let mut stored = Service {
            id: "s".into(),
            name: "n".into(),
            ..Service::default()
        };
        let mut harvested = stored.clone();
        stored
            .extra
            .insert("last_modified".into(), "2025-01-01T00:00:00Z".into());
        harvested
            .extra
            .insert("last_modified".into(), "2026-01-01T00:00:00Z".into());
        assert!(same_content(&stored, &harvested));
        harvested.name = "m".into();
        assert!(!same_content(&stored, &harvested));
    }
}
