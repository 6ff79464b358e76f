//! The `signpost` command line: a thin layer that parses flags and calls the library crates.

mod admin;
mod args;
mod bench;
mod gaps;
mod output;
mod progress;
mod query;
mod store_io;
mod synth;

use args::{Cli, Command, GapsCommand};
use clap::{CommandFactory, Parser};
use std::io::IsTerminal;
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return flag_error(&error),
    };
    init_logging(matches!(cli.command, Some(Command::Serve(_))));
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {}", one_line(&error));
            ExitCode::FAILURE
        }
    }
}

/// Logs go to stderr; `serve` says what it does at info level, other commands only warn.
/// `RUST_LOG` overrides. Logs never carry query text or profiles (see ARCHITECTURE.md).
fn init_logging(serving: bool) {
    let default = if serving { "info" } else { "warn" };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}

/// Help and version print as clap writes them; a wrong flag is a one-line `error: ...` (exit 2).
fn flag_error(error: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
            return ExitCode::from(2);
        }
        _ => {}
    }
    let rendered = error.render().to_string();
    let first = rendered.lines().next().unwrap_or("invalid arguments");
    eprintln!(
        "error: {} (see --help)",
        first.trim_start_matches("error: ")
    );
    ExitCode::from(2)
}

/// An error and its causes on one line, as interfaces.md §1 asks.
fn one_line(error: &anyhow::Error) -> String {
    error
        .chain()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(": ")
        .replace('\n', " ")
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if cli.version {
        print_version(cli.verbose);
        return Ok(ExitCode::SUCCESS);
    }
    let Some(command) = cli.command else {
        Cli::command().print_help()?;
        return Ok(ExitCode::FAILURE);
    };
    match command {
        Command::Parse(args) => query::parse(&args),
        Command::Gaps(GapsCommand::Access(args)) => gaps::access(&args),
        Command::Synth(args) => synth::run(&args),
        Command::Gazetteer(command) => admin::gazetteer(&command),
        Command::Serve(args) => block_on(admin::serve(&args)),
        Command::Import(args) => block_on(store_io::import(&args)),
        Command::Export(args) => block_on(store_io::export(&args)),
        Command::Search(args) => block_on(query::search(&args)),
        Command::Match(args) => block_on(query::match_person(&args)),
        Command::Gaps(GapsCommand::Report(args)) => block_on(gaps::report(&args)),
        Command::Bench(args) => block_on(bench::run(&args)),
        Command::Keys(command) => block_on(admin::keys(&command)),
        Command::Audit(args) => block_on(admin::audit(&args)),
    }
}

/// Commands that touch the store run on a tokio runtime; the rest need none.
fn block_on(work: impl Future<Output = anyhow::Result<ExitCode>>) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(work)
}

fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
}

fn print_version(verbose: bool) {
    println!("signpost {}", env!("CARGO_PKG_VERSION"));
    if verbose {
        println!("\nData sources and their licences\n");
        println!("{}", signpost_geo::ATTRIBUTION);
        println!("{}", signpost_gaps::ATTRIBUTION_MD);
        println!(
            "Language codes: ISO 639-3 from Debian iso-codes (LGPL 2.1+); endonyms from Unicode CLDR (Unicode License v3)."
        );
    }
}
