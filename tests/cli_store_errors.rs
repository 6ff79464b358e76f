//! Opening a store that is not there (issue 25): a mistyped `--db` is a one-line error naming the
//! path and creates nothing, except for `serve` and `import`, which make stores; an unreachable or
//! misnamed PostgreSQL says why at once, once, without the password; and `--help` describes every
//! option and shows only the options a command takes.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

#[path = "cli_support.rs"]
mod support;

use std::path::Path;
use std::time::{Duration, Instant};
use support::*;
use tempfile::TempDir;

/// The message every command that needs a store gives when `--db` holds none.
fn no_store_message(db: &Path) -> String {
    format!(
        "error: no Signpost data directory at {} (signpost import or serve creates one)",
        db.display()
    )
}

/// Every command that reads or writes an existing store, with what it needs besides `--db`.
fn store_commands(work: &Path) -> Vec<Vec<String>> {
    let profile = work.join("person.json");
    std::fs::write(
        &profile,
        r#"{"needs": [{"category": "mentoring"}], "home": {"postcode": "WS1 1AA"}}"#,
    )
    .unwrap();
    let queries = work.join("queries.jsonl");
    std::fs::write(&queries, "").unwrap();
    let out = work.join("report");
    let commands: Vec<Vec<&str>> = vec![
        vec!["search", "food"],
        vec!["match", "--profile", path_str(&profile)],
        vec!["export", "--format", "ndjson"],
        vec!["bench", "--queries", path_str(&queries)],
        vec!["keys", "create", "--role", "admin", "--name", "ops"],
        vec!["keys", "list"],
        vec!["keys", "revoke", "--name", "ops"],
        vec!["audit"],
        vec![
            "gaps",
            "report",
            "--need",
            "language:ben",
            "--out",
            path_str(&out),
        ],
    ];
    commands
        .into_iter()
        .map(|command| command.into_iter().map(str::to_owned).collect())
        .collect()
}

fn run_with_db(command: &[String], db: &Path) -> std::process::Output {
    let mut args: Vec<&str> = command.iter().map(String::as_str).collect();
    args.extend(["--db", path_str(db)]);
    run(&args)
}

#[test]
fn a_missing_data_directory_is_an_error_and_nothing_is_created() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("mistyped/path");
    for command in store_commands(work.path()) {
        let output = run_with_db(&command, &db);
        let line = assert_one_line_error(&output, &command.join(" "));
        assert_eq!(line, no_store_message(&db), "signpost {command:?}");
        assert!(
            !work.path().join("mistyped").exists(),
            "signpost {command:?} created {}",
            db.display()
        );
    }
    assert!(!work.path().join("report").exists());
}

#[test]
fn an_empty_data_directory_is_treated_as_missing_and_left_empty() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("empty");
    std::fs::create_dir(&db).unwrap();
    for command in store_commands(work.path()) {
        let output = run_with_db(&command, &db);
        let line = assert_one_line_error(&output, &command.join(" "));
        assert_eq!(line, no_store_message(&db), "signpost {command:?}");
        assert_eq!(
            std::fs::read_dir(&db).unwrap().count(),
            0,
            "signpost {command:?} wrote into {}",
            db.display()
        );
    }
}

#[test]
fn import_creates_the_data_directory_the_other_commands_then_read() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("new/data");
    import(&db, &[&demo_services()]);
    assert!(db.join("signpost.sqlite").is_file());
    let found = run_ok(&["search", "mentoring", "--db", path_str(&db), "--json"]);
    assert!(json_stdout(&found)["total"].as_u64().unwrap() > 0);
    run_ok(&[
        "keys",
        "create",
        "--role",
        "editor",
        "--name",
        "ops",
        "--db",
        path_str(&db),
    ]);
}

/// The URL of the test PostgreSQL server, with its database replaced by `database`.
fn postgres_url_with_database(database: &str) -> String {
    let url = std::env::var("SIGNPOST_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned());
    let (server, _) = url.rsplit_once('/').unwrap();
    format!("{server}/{database}")
}

/// Runs `command` against PostgreSQL at `url` and returns its one error line, checking that it
/// came quickly (not after the pool's 30 s timeout).
fn postgres_error(command: &[&str], url: &str, db: &Path) -> String {
    let started = Instant::now();
    let mut args = command.to_vec();
    args.extend(["--database-url", url, "--db", path_str(db)]);
    let output = run(&args);
    let took = started.elapsed();
    let line = assert_one_line_error(&output, &command.join(" "));
    assert!(
        took < Duration::from_secs(10),
        "signpost {command:?} took {took:?}"
    );
    line
}

#[test]
fn an_unreachable_postgres_says_connection_refused_once_without_the_password() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("index");
    let url = "postgres://postgres:hunter2secret@127.0.0.1:1/test";
    for command in [vec!["search", "food"], vec!["keys", "list"], vec!["audit"]] {
        let line = postgres_error(&command, url, &db);
        assert_eq!(
            line,
            "error: cannot connect to PostgreSQL at 127.0.0.1:1 (database test, user postgres): \
             connection refused",
            "signpost {command:?}"
        );
        assert!(!line.contains("hunter2secret"), "{line}");
    }
    assert!(!db.exists(), "a failed connection created {}", db.display());
}

#[test]
fn a_postgres_database_that_does_not_exist_is_named() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("index");
    let url = postgres_url_with_database("no_such_db_signpost");
    for command in [vec!["search", "food"], vec!["export", "--format", "ndjson"]] {
        let line = postgres_error(&command, &url, &db);
        assert!(
            line.ends_with(r#"database "no_such_db_signpost" does not exist"#),
            "signpost {command:?}: {line}"
        );
        assert_eq!(
            line.matches("does not exist").count(),
            1,
            "said more than once: {line}"
        );
        assert!(line.contains("cannot connect to PostgreSQL at "), "{line}");
    }
}

#[test]
fn with_postgres_only_search_makes_the_index_folder() {
    let work = TempDir::new().unwrap();
    let url = postgres_url_with_database("test");
    let keys_db = work.path().join("keys");
    let mut args = vec!["keys", "list", "--database-url", &url, "--db"];
    args.push(path_str(&keys_db));
    run_ok(&args);
    assert!(!keys_db.exists(), "keys list created {}", keys_db.display());
    let search_db = work.path().join("search");
    run_ok(&[
        "search",
        "food",
        "--database-url",
        &url,
        "--db",
        path_str(&search_db),
    ]);
    assert!(search_db.join("index").is_dir());
}

/// The subcommands (with their parents) that `signpost PATH -h` lists under "Commands:".
fn subcommands(path: &[String]) -> Vec<Vec<String>> {
    let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
    args.push("-h");
    let help = String::from_utf8(run_ok(&args)).unwrap();
    help.lines()
        .skip_while(|line| line.trim() != "Commands:")
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(|name| {
            let mut sub = path.to_vec();
            sub.push(name.to_owned());
            sub
        })
        .collect()
}

/// Each entry of the "Options:" and "Arguments:" sections of a short help, with its description:
/// clap puts it after the flag on the same line, or on the lines below when the flags are long.
/// The `[default: ...]`, `[env: ...]` and `[possible values: ...]` notes are not a description.
fn option_entries(help: &str) -> Vec<(String, String)> {
    let mut entries: Vec<(String, String)> = Vec::new();
    let mut in_section = false;
    for line in help.lines() {
        let indent = line.len() - line.trim_start().len();
        let text = line.trim();
        if line == "Options:" || line == "Arguments:" {
            in_section = true;
        } else if text.is_empty() || indent == 0 {
            in_section = false;
        } else if in_section && indent <= 6 && text.starts_with(['-', '[', '<']) {
            let (flag, said) = text.split_once("  ").unwrap_or((text, ""));
            entries.push((flag.to_owned(), said.to_owned()));
        } else if in_section && let Some((_, said)) = entries.last_mut() {
            said.push(' ');
            said.push_str(text);
        }
    }
    entries
        .into_iter()
        .map(|(flag, said)| (flag, without_notes(&said)))
        .collect()
}

/// `said` without its bracketed notes, trimmed.
fn without_notes(said: &str) -> String {
    let mut kept = String::new();
    let mut depth = 0usize;
    for c in said.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => kept.push(c),
            _ => {}
        }
    }
    kept.trim().to_owned()
}

#[test]
fn help_describes_every_option_and_shows_verbose_only_at_the_top() {
    let mut pending = vec![Vec::<String>::new()];
    let mut seen = 0;
    while let Some(path) = pending.pop() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("-h");
        let help = String::from_utf8(run_ok(&args)).unwrap();
        let entries = option_entries(&help);
        assert!(
            !entries.is_empty(),
            "signpost {} -h: no options",
            path.join(" ")
        );
        for (flag, said) in entries {
            assert!(
                said.chars().any(char::is_alphabetic),
                "signpost {} -h: {flag} has no description",
                path.join(" ")
            );
        }
        if !path.is_empty() {
            assert!(
                !help.contains("--verbose"),
                "signpost {} -h shows --verbose",
                path.join(" ")
            );
        }
        pending.extend(subcommands(&path));
        seen += 1;
    }
    assert!(seen >= 20, "only {seen} help pages found");
}

#[test]
fn verbose_is_refused_where_it_does_nothing() {
    let line = assert_one_line_error(&run(&["search", "food", "--verbose"]), "search --verbose");
    assert!(line.contains("--verbose"), "{line}");
    let line = assert_one_line_error(&run(&["--verbose"]), "--verbose alone");
    assert!(line.contains("--version"), "{line}");
    let version = String::from_utf8(run_ok(&["--version", "--verbose"])).unwrap();
    assert!(version.contains("licence"), "{version}");
}
