//! The command line, as interfaces.md §1 defines it.

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
    #[arg(long, global = true)]
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
    /// Run benchmark queries (interfaces.md §5) single-threaded and report latency.
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
}

/// Where the directory lives: an embedded SQLite store under a folder, or PostgreSQL.
#[derive(Debug, Clone, Args)]
pub struct StoreArgs {
    /// Folder for the embedded store and the search index.
    #[arg(long, value_name = "DIR", default_value = "signpost-data")]
    pub db: PathBuf,
    /// Use PostgreSQL as the store instead of the embedded SQLite (the index stays under --db).
    #[arg(long, env = "DATABASE_URL", value_name = "URL", hide_env_values = true)]
    pub database_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Requests a minute per client (key, else IP) before 429; 0 turns limits off.
    #[arg(long, default_value_t = 600)]
    pub rate_limit: u32,
    /// Origins allowed to call the API from a browser (repeatable); none by default, `*` for any.
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    pub cors_origins: Vec<String>,
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
    /// Print problems as JSON.
    #[arg(long)]
    pub json: bool,
    /// Write the store only, leaving the search index to be rebuilt from it when it is next
    /// opened. By default a single file imported into an empty store builds the index as it goes.
    #[arg(long)]
    pub defer_index: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    HsdsJson,
    Ndjson,
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write here instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    pub query: String,
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
    #[arg(long)]
    pub open_now: bool,
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MatchArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    #[arg(long, value_name = "FILE.json")]
    pub profile: PathBuf,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    #[arg(long, value_name = "FILE.jsonl")]
    pub queries: PathBuf,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SynthArgs {
    /// How many services.
    #[arg(long, default_value_t = 1000)]
    pub n: u64,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Create a key; it is printed once and only its hash is kept.
    Create {
        #[command(flatten)]
        store: StoreArgs,
        #[arg(long, value_parser = ["editor", "admin"])]
        role: String,
        #[arg(long)]
        name: String,
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
        #[arg(long)]
        name: String,
    },
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
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
        #[arg(long, default_value = "fixtures/gazetteer")]
        out: PathBuf,
    },
    /// Resolve a place as the search does.
    Lookup { place: String },
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
    #[arg(long, value_parser = ["2sfca", "e2sfca", "g2sfca", "3sfca", "spar"])]
    pub method: String,
    /// With a unit: m, km or mi.
    #[arg(long)]
    pub catchment: String,
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
    #[arg(long, value_parser = ["2sfca", "e2sfca", "g2sfca", "3sfca", "spar"], default_value = "e2sfca")]
    pub method: String,
    #[arg(long, default_value = "10km")]
    pub catchment: String,
    /// Language gaps list main languages of at least this many residents of an authority...
    #[arg(long, default_value_t = 500.0)]
    pub language_min: f64,
    /// ...with no service in the language within this distance of its centre (m, km or mi).
    #[arg(long, default_value = "10km")]
    pub language_within: String,
    /// Folder for gaps.csv, gaps.geojson, report.html and summary.json.
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long)]
    pub json: bool,
}
