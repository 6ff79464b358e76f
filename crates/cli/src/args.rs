//! The command line, as docs/cli.md defines it.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "signpost",
    about = "Find community services for people on probation: directory, search, matching and gap analysis.",
    disable_version_flag = true
)]
pub struct Cli {
    /// Print the version (with --verbose, the data sources and their licences too).
    #[arg(short = 'V', long)]
    pub version: bool,
    /// With --version: also print the data sources and their licences.
    #[arg(long, requires = "version")]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// JSON API and web page. Loads the demo directory on an empty store.
    Serve(ServeArgs),
    /// Load services from HSDS JSON, NDJSON or CSV files: all or nothing per file.
    Import(ImportArgs),
    /// Read another directory's Open Referral UK 3.0 API into the store, all or nothing.
    ///
    /// Pages through URL/services?page=N to the last page, then fetches URL/services/{id} for
    /// each service, under the --lenient rules of import. A page or record that cannot be fetched
    /// or read leaves the store unchanged. A service the source supplied before and no longer
    /// lists becomes inactive (kept, and served by id), never deleted.
    Harvest(HarvestArgs),
    /// Write every service out as HSDS JSON, NDJSON or CSV.
    Export(ExportArgs),
    /// Show how a free-text query is understood. Needs no store.
    Parse(ParseArgs),
    /// Search the directory, as the API and web page do.
    Search(SearchArgs),
    /// Rank services for one person's needs; the profile is read, never stored.
    Match(MatchArgs),
    /// Gap analysis: access scores and reports of unmet need.
    #[command(subcommand)]
    Gaps(GapsCommand),
    /// Equality monitoring: rates by group, relative rate index against a reference group, 95 %
    /// Katz intervals, suppression below 5; a CSV and an optional HTML heatmap.
    ///
    /// The counts come from a counts CSV (--counts) or from the stored referrals on the bases of
    /// a caseload CSV (--caseload). docs/equality.md defines every column and flag.
    Equality(EqualityArgs),
    /// Run benchmark queries single-threaded and report latency.
    Bench(BenchArgs),
    /// Write synthetic HSDS services as NDJSON, for tests and benchmarks.
    Synth(SynthArgs),
    /// Manage API keys for editors and admins.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Read the audit log of writes.
    Audit(AuditArgs),
    /// The bundled UK gazetteer.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
    /// Check the store's integrity and migrations and that the index holds exactly its services.
    ///
    /// One line each: the database's own integrity checks (SQLite integrity_check and
    /// foreign_key_check; PostgreSQL: that it answers), the migrations applied against those this
    /// build bundles, that every stored document reads as a service, the stale mark, and that the
    /// index holds exactly the store's services. Writes nothing unless --repair is given, so it
    /// runs beside a server. Exits 0 when everything is sound, 1 otherwise.
    Check(CheckArgs),
    /// Copy the embedded SQLite store to a file, consistently, while it stays in use.
    ///
    /// SQLite's VACUUM INTO takes one snapshot while a server goes on reading and writing; the
    /// copy is then checked. The search index is not copied: it is rebuilt from the store. With
    /// --database-url it refuses: back PostgreSQL up with pg_dump (docs/cli.md, "Backing up
    /// PostgreSQL").
    Backup(BackupArgs),
    /// Put a backup in place as the store (stop the server first); the index is rebuilt after.
    ///
    /// The file is checked first (a sound SQLite file holding a Signpost store), then written
    /// beside the store file, flushed and renamed over it in one step. Refused while another
    /// process (a server, an import, a search) has the store open or writes its index. The search
    /// index is rebuilt from the restored store when it is next opened. With --database-url it
    /// refuses: restore PostgreSQL with pg_restore (docs/cli.md, "Backing up PostgreSQL").
    Restore(RestoreArgs),
    /// Propose services that are probably one service listed twice, scored with reasons.
    ///
    /// Alike names and something concrete in common (a place within 100 m, a phone, an e-mail or
    /// a web address); a shared charity or company number adds weight but never makes a pair
    /// alone. Nothing is merged: navigators merge or keep apart on the navigator page or through
    /// the API, and decided pairs are not proposed again (they are listed after the proposals).
    Dedupe(DedupeArgs),
}

/// `signpost check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// Rebuild the index from the store when it is not the store's copy (the only repair made:
    /// a damaged store is reported, and the way back is `signpost restore` of a backup). Refused
    /// while another process (a server, an import, a search) has the store open.
    #[arg(long)]
    pub repair: bool,
    /// Print the report as JSON: {"lines": [{"name", "ok", "detail"}], "repaired"}.
    #[arg(long)]
    pub json: bool,
}

/// `signpost backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// The file to write; it must not exist yet.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

/// `signpost restore`.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// The backup file to put in place.
    #[arg(long, value_name = "FILE")]
    pub from: PathBuf,
}

/// `signpost equality`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("counts_from").required(true).args(["counts", "caseload"])))]
pub struct EqualityArgs {
    /// Counts CSV `group,metric,count,base`.
    #[arg(long, value_name = "FILE")]
    pub counts: Option<PathBuf>,
    /// Caseload CSV `group,count`: take the counts from the stored referrals instead.
    #[arg(long, value_name = "FILE")]
    pub caseload: Option<PathBuf>,
    /// With --caseload: referrals sent on or after this date (YYYY-MM-DD, UTC).
    #[arg(long, value_name = "DATE", conflicts_with = "counts")]
    pub from: Option<signpost_app::equality::NaiveDate>,
    /// With --caseload: referrals sent on or before this date (YYYY-MM-DD, UTC).
    #[arg(long, value_name = "DATE", conflicts_with = "counts")]
    pub to: Option<signpost_app::equality::NaiveDate>,
    /// With --caseload: the equality field that makes the groups.
    #[arg(
        long,
        value_enum,
        default_value = "ethnic_group",
        conflicts_with = "counts"
    )]
    pub by: EqualityBy,
    /// The group every other group is compared with, e.g. white-british.
    #[arg(long, value_name = "GROUP")]
    pub reference: String,
    /// The CSV to write: group,metric,count,base,rate,rri,ci_low,ci_high,flag.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Also write a self-contained HTML heatmap here.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// With --caseload: also write each group's median waits (group,step,referrals,median_days).
    #[arg(long, value_name = "FILE", conflicts_with = "counts")]
    pub waits: Option<PathBuf>,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// The equality fields `signpost equality --by` groups referrals by.
#[derive(Debug, Clone, Copy, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum EqualityBy {
    EthnicGroup,
    Religion,
    MainLanguage,
    Sex,
    AgeBand,
}

/// What `signpost serve --help` adds about the settings read only from the environment.
const SERVE_ENVIRONMENT: &str = "Every option above can also be set by the environment variable \
shown with it (a flag wins over its variable). Read from the environment only: \
SIGNPOST_SECRET_KEY_FILE, the file holding the referral key (64 hex digits; without it DIR/secret.key, \
made on first start: every replica must share one key), and RUST_LOG, the log level (info). \
docs/deploy.md lists them all.";

/// Where the directory lives: an embedded SQLite store under a folder, or PostgreSQL.
#[derive(Debug, Clone, Args)]
pub struct StoreArgs {
    /// Folder for the embedded store and the search index.
    #[arg(
        long,
        env = "SIGNPOST_DB",
        value_name = "DIR",
        default_value = "signpost-data"
    )]
    pub db: PathBuf,
    /// Use PostgreSQL as the store instead of the embedded SQLite (the index stays under --db).
    #[arg(long, env = "DATABASE_URL", value_name = "URL", hide_env_values = true)]
    pub database_url: Option<String>,
}

#[derive(Debug, Args)]
#[command(after_help = SERVE_ENVIRONMENT)]
pub struct ServeArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// Address and port to listen on (0.0.0.0:8080 in a container).
    #[arg(long, env = "SIGNPOST_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Requests a minute per client (key, else IP) before 429; 0 turns limits off.
    #[arg(long, env = "SIGNPOST_RATE_LIMIT", default_value_t = 600)]
    pub rate_limit: u32,
    /// A reverse proxy (address or CIDR block, repeatable; the variable takes a comma-separated
    /// list) whose X-Forwarded-For names the client that rate limits count; none by default.
    #[arg(
        long = "trusted-proxy",
        env = "SIGNPOST_TRUSTED_PROXIES",
        value_name = "CIDR",
        value_delimiter = ','
    )]
    pub trusted_proxies: Vec<signpost_server::forwarded::IpBlock>,
    /// Origins allowed to call the API from a browser (repeatable; the variable takes a
    /// comma-separated list); none by default, `*` for any.
    #[arg(
        long = "cors-origin",
        env = "SIGNPOST_CORS_ORIGINS",
        value_name = "ORIGIN",
        value_delimiter = ','
    )]
    pub cors_origins: Vec<String>,
    /// How long closed referrals keep their case reference and needs: 90d, 18mo, 2y
    /// (docs/referrals.md); purged at start and daily.
    #[arg(
        long,
        env = "SIGNPOST_REFERRAL_RETENTION",
        default_value = "18mo",
        value_name = "PERIOD"
    )]
    pub referral_retention: signpost_app::Retention,
    /// A record not checked by a person for this long (its assured_date, else its last write)
    /// is flagged stale in results and listed for navigators: 12mo, 18mo, 2y.
    #[arg(
        long,
        env = "SIGNPOST_STALE_AFTER",
        default_value = "12mo",
        value_name = "PERIOD",
        value_parser = signpost_app::freshness::parse_stale_after
    )]
    pub stale_after: u32,
    /// Another directory's Open Referral UK 3.0 API to harvest on a schedule, as `signpost
    /// harvest URL` does (repeatable; the variable takes a comma-separated list).
    #[arg(
        long = "harvest",
        env = "SIGNPOST_HARVEST",
        value_name = "URL",
        value_delimiter = ','
    )]
    pub harvests: Vec<String>,
    /// How often the --harvest feeds are harvested, the first run just after start: 30m, 6h, 1d.
    #[arg(
        long,
        alias = "every",
        env = "SIGNPOST_HARVEST_EVERY",
        default_value = "6h",
        value_name = "PERIOD",
        value_parser = signpost_app::harvest::parse_every
    )]
    pub harvest_every: std::time::Duration,
}

/// `signpost dedupe`.
#[derive(Debug, Args)]
pub struct DedupeArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// Print the undecided pairs as JSON: [{"a", "b", "score", "reasons"}], highest score first.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// Files to import: .json (HSDS object, array or ORUK page), .ndjson/.jsonl, .csv.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Validate only; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Keep a service whose id and name are good, setting each bad value aside (not served,
    /// searched or mapped) and listing it as a data problem of that service.
    #[arg(long)]
    pub lenient: bool,
    /// Print problems as JSON (and, when lenient, what was set aside).
    #[arg(long)]
    pub json: bool,
    /// Write the store only, leaving the search index to be rebuilt from it when it is next
    /// opened. By default a single file imported into an empty store builds the index as it goes.
    #[arg(long)]
    pub defer_index: bool,
}

#[derive(Debug, Args)]
pub struct HarvestArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// The ORUK API's base URL (the one /services follows), http:// or https://.
    pub url: String,
    /// The source's name in each service's provenance (default: the URL's host).
    #[arg(long)]
    pub source: Option<String>,
    /// Print the counts and what was set aside as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// One JSON array of HSDS 3.0 services.
    HsdsJson,
    /// One HSDS 3.0 service a line.
    Ndjson,
    /// Signpost's CSV columns (docs/csv.md).
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// The file format to write.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write here instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Keep confidential locations whole (coordinates, addresses): an operator's copy, not for
    /// publishing. Without it they are withheld as in every other answer.
    #[arg(long)]
    pub include_confidential: bool,
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The search as a practitioner would type it.
    pub query: String,
    /// Print the parsed query as JSON (docs/parsed-query.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// What to look for, as a practitioner would type it.
    #[arg(default_value = "")]
    pub query: String,
    /// A postcode, district, sector, town, local authority or "lat,lon".
    #[arg(long)]
    pub near: Option<String>,
    /// With a unit: 800m, 5km, 3mi (a bare number is metres).
    #[arg(long, allow_hyphen_values = true)]
    pub radius: Option<String>,
    /// ISO 639-3 language code (ben, pan, urd ...).
    #[arg(long)]
    pub lang: Option<String>,
    /// Category code from taxonomy.csv.
    #[arg(long)]
    pub category: Option<String>,
    /// Faith code from faiths.csv.
    #[arg(long)]
    pub faith: Option<String>,
    /// Only services open now (Europe/London time).
    #[arg(long)]
    pub open_now: bool,
    /// How many results (at most 100).
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Print the whole answer as JSON, as the API gives it.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MatchArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// The person's needs as JSON (docs/match.md); read, used and forgotten.
    #[arg(long, value_name = "FILE.json")]
    pub profile: PathBuf,
    /// Print the answer as JSON, as the API gives it.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// Benchmark queries, one JSON object a line (docs/formats.md).
    #[arg(long, value_name = "FILE.jsonl")]
    pub queries: PathBuf,
    /// Print the latencies and every query's hits as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SynthArgs {
    /// How many services.
    #[arg(long, default_value_t = 1000)]
    pub n: u64,
    /// The same seed always gives the same services.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Write here instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Create a key; it is printed once and only its hash is kept.
    Create {
        #[command(flatten)]
        store: StoreArgs,
        /// editor: write services; admin: also read the audit log.
        #[arg(long, value_parser = ["editor", "admin"])]
        role: String,
        /// A name for the key, unique, recorded with every write made with it.
        #[arg(long)]
        name: String,
        /// The organisation (HSDS organization id) the key acts for: its holders see and
        /// update the referrals sent to that organisation's services (docs/referrals.md).
        #[arg(long, value_name = "ID")]
        organization: Option<String>,
    },
    /// List keys (names, roles, dates; never the keys).
    List {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Revoke a key by name.
    Revoke {
        #[command(flatten)]
        store: StoreArgs,
        /// The name the key was created with.
        #[arg(long)]
        name: String,
    },
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// How many entries, newest first.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// Print the full entries, with each service before and after, as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum GazetteerCommand {
    /// Rebuild the bundled gazetteer data from the raw open data files.
    Build {
        /// The open-data folder (with postcodes/, places/, geography/).
        #[arg(long, default_value = "../shared/data")]
        from: PathBuf,
        /// Folder to write the bundled data files into.
        #[arg(long, default_value = "fixtures/gazetteer")]
        out: PathBuf,
    },
    /// Resolve a place as the search does.
    Lookup {
        /// A postcode, district, sector, town or local authority.
        place: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum GapsCommand {
    /// Access scores (2SFCA family) from demand and supply CSVs.
    Access(GapsAccessArgs),
    /// Where need outruns provision, per area: CSV, GeoJSON, HTML report.
    Report(GapsReportArgs),
}

#[derive(Debug, Args)]
pub struct GapsAccessArgs {
    /// CSV `id,lat,lon,population`.
    #[arg(long)]
    pub demand: PathBuf,
    /// CSV `id,lat,lon,capacity`.
    #[arg(long)]
    pub supply: PathBuf,
    /// How access is scored (docs/gaps.md).
    #[arg(long, value_parser = ["2sfca", "e2sfca", "g2sfca", "3sfca", "spar"])]
    pub method: String,
    /// How far people travel to a service, with a unit: m, km or mi.
    #[arg(long)]
    pub catchment: String,
    /// CSV to write `id,access` to, in the demand file's order.
    #[arg(long)]
    pub out: PathBuf,
    /// Print a JSON summary of the run.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct GapsReportArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// language:ben, faith:muslim, category:mentoring, or combinations joined by +. Repeatable.
    #[arg(long, required = true)]
    pub need: Vec<String>,
    /// Areas: lad (the 331 local authorities of 2022), msoa (7,264) or lsoa (35,672, of 2021).
    #[arg(long, value_parser = ["lad", "msoa", "lsoa"], default_value = "lad")]
    pub area: String,
    /// CSV `area_code,need,count` of the team's own caseload, instead of census counts.
    #[arg(long)]
    pub caseload: Option<PathBuf>,
    /// How access is scored (docs/gaps.md).
    #[arg(long, value_parser = ["2sfca", "e2sfca", "g2sfca", "3sfca", "spar"], default_value = "e2sfca")]
    pub method: String,
    /// How far people travel to a service, with a unit: m, km or mi.
    #[arg(long, default_value = "10km")]
    pub catchment: String,
    /// A language gap is a main language of at least this many residents of an authority...
    #[arg(long, default_value_t = 500.0)]
    pub language_min: f64,
    /// ...with no service in the language within this distance of its centre (m, km or mi).
    #[arg(long, default_value = "10km")]
    pub language_within: String,
    /// Folder for gaps.csv, gaps.geojson, report.html and summary.json.
    #[arg(long)]
    pub out: PathBuf,
    /// Print the summary as JSON on standard output.
    #[arg(long)]
    pub json: bool,
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    /// Every argument of every command says what it is for in `--help`, and `--verbose` (which
    /// only changes `--version`) is offered at the top level alone.
    #[test]
    fn every_argument_is_described_and_verbose_is_only_at_the_top() {
        let mut top = Cli::command();
        top.build();
        let mut pending = vec![("signpost".to_owned(), top)];
        let mut seen = 0;
        while let Some((path, command)) = pending.pop() {
            for arg in command.get_arguments() {
                let id = arg.get_id();
                assert!(
                    arg.get_help()
                        .is_some_and(|help| !help.to_string().is_empty()),
                    "{path}: {id} has no description"
                );
                assert!(
                    id != "verbose" || path == "signpost",
                    "{path} offers --verbose"
                );
            }
            for sub in command.get_subcommands() {
                pending.push((format!("{path} {}", sub.get_name()), sub.clone()));
            }
            seen += 1;
        }
        assert!(seen >= 20, "only {seen} commands walked");
    }

    /// A container or a Kubernetes pod configures `signpost serve` by environment alone: every
    /// option it takes (store options included) has a variable, each named once.
    #[test]
    fn every_serve_option_has_an_environment_variable() {
        let mut top = Cli::command();
        top.build();
        let serve = top
            .find_subcommand("serve")
            .expect("a serve command")
            .clone();
        let mut names = Vec::new();
        for arg in serve.get_arguments().filter(|arg| arg.get_long().is_some()) {
            let long = arg.get_long().unwrap_or_default();
            if long == "help" {
                continue;
            }
            let env = arg
                .get_env()
                .unwrap_or_else(|| panic!("serve --{long} has no environment variable"));
            names.push(env.to_string_lossy().into_owned());
        }
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count, "a variable named twice: {names:?}");
        assert!(names.contains(&"DATABASE_URL".to_owned()));
        assert!(names.contains(&"SIGNPOST_DB".to_owned()));
    }
}
