//! The `signpost` command line: a thin layer that parses flags and calls the library crates.

mod admin;
mod args;
mod bench;
mod dedupe;
mod equality;
mod gaps;
mod maintenance;
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
    eprintln!("error: {} (see --help)", flag_error_line(error));
    ExitCode::from(2)
}

/// The first paragraph of clap's message on one line: what is wrong, with the arguments it names
/// (clap lists missing arguments on the lines after the first).
fn flag_error_line(error: &clap::Error) -> String {
    let rendered = error.render().to_string();
    let said: Vec<&str> = rendered
        .lines()
        .take_while(|line| !line.trim().is_empty())
        .map(str::trim)
        .collect();
    let line = said.join(" ");
    match line.trim_start_matches("error: ") {
        "" => "invalid arguments".to_owned(),
        said => said.to_owned(),
    }
}

/// An error and its causes on one line, as docs/cli.md says. A cause whose words the line
/// already holds (many errors print their source in their own message) is not said again.
fn one_line(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain().map(ToString::to_string) {
        if line.is_empty() {
            line = cause;
        } else if !line.contains(&cause) {
            line = format!("{line}: {cause}");
        }
    }
    line.replace('\n', " ")
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
        Command::Equality(args) => block_on(equality::run(&args)),
        Command::Synth(args) => synth::run(&args),
        Command::Gazetteer(command) => admin::gazetteer(&command),
        Command::Serve(args) => block_on(admin::serve(&args)),
        Command::Import(args) => block_on(store_io::import(&args)),
        Command::Harvest(args) => block_on(store_io::harvest(&args)),
        Command::Export(args) => block_on(store_io::export(&args)),
        Command::Search(args) => block_on(query::search(&args)),
        Command::Match(args) => block_on(query::match_person(&args)),
        Command::Gaps(GapsCommand::Report(args)) => block_on(gaps::report(&args)),
        Command::Bench(args) => block_on(bench::run(&args)),
        Command::Keys(command) => block_on(admin::keys(&command)),
        Command::Audit(args) => block_on(admin::audit(&args)),
        Command::Check(args) => block_on(maintenance::check(&args)),
        Command::Backup(args) => block_on(maintenance::backup(&args)),
        Command::Restore(args) => block_on(maintenance::restore(&args)),
        Command::Dedupe(args) => block_on(dedupe::run(&args)),
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

#[cfg(test)]
mod tests {
    use super::one_line;
    use std::fmt;

    /// An error that prints its source in its own message too, as sqlx's and the store's do.
    #[derive(Debug)]
    struct Wrapping(std::io::Error);

    impl fmt::Display for Wrapping {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "database error: {}", self.0)
        }
    }

    impl std::error::Error for Wrapping {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn a_cause_already_said_is_not_said_again() {
        let cause = std::io::Error::other("connection refused");
        let error = anyhow::Error::new(Wrapping(cause)).context("cannot open the store");
        assert_eq!(
            one_line(&error),
            "cannot open the store: database error: connection refused"
        );
    }
}
