//! Configuration by environment variables (docs/deploy.md): every `signpost serve` option has
//! one, `--help` names it, the binary honours it, and a flag wins over its variable.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test, not a crash

#[path = "cli_support.rs"]
mod support;

#[path = "http_support.rs"]
mod http;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use http::{free_port, get, http};
use support::{CONFIGURATION_VARIABLES, assert_one_line_error, path_str, signpost};
use tempfile::TempDir;

/// A running server, killed when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `command` (a `signpost serve`) and waits until `port` answers `/healthz`.
fn start(mut command: Command, port: u16) -> Running {
    let mut child = Running(
        command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("signpost serve starts"),
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    while !http(port, "GET", "/healthz", &[], b"").is_ok_and(|r| r.status == 200) {
        if let Some(status) = child.0.try_wait().unwrap() {
            panic!("signpost serve exited ({status}) before answering");
        }
        assert!(
            Instant::now() < deadline,
            "no answer on port {port} in 60 s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    child
}

/// `signpost serve` with its store under `db`, configured through the environment.
fn serve_by_environment(db: &Path, port: u16) -> Command {
    let mut command = signpost();
    command
        .arg("serve")
        .env("SIGNPOST_DB", db)
        .env("SIGNPOST_ADDR", format!("127.0.0.1:{port}"));
    command
}

#[test]
fn serve_help_names_every_variable() {
    let output = signpost().args(["serve", "--help"]).output().unwrap();
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    for variable in CONFIGURATION_VARIABLES
        .iter()
        .filter(|v| v.starts_with("SIGNPOST_") || **v == "DATABASE_URL")
    {
        assert!(
            help.contains(variable),
            "serve --help lacks {variable}:\n{help}"
        );
    }
    assert!(help.contains("[env: SIGNPOST_ADDR="), "{help}");
    for shown in help.split("[env: ").skip(1) {
        let variable = shown.split(['=', ']']).next().unwrap_or_default();
        assert!(
            CONFIGURATION_VARIABLES.contains(&variable),
            "{variable} is missing from cli_support's CONFIGURATION_VARIABLES, which the tests clear"
        );
    }
}

#[test]
fn the_store_folder_comes_from_signpost_db_for_every_command() {
    let work = TempDir::new().unwrap();
    let db = work.path().join("from-env");
    let env_only = |args: &[&str]| {
        let output = signpost()
            .args(args)
            .env("SIGNPOST_DB", &db)
            .current_dir(work.path())
            .output()
            .unwrap();
        support::assert_success(&output, args);
        output.stdout
    };
    let file = support::demo_services();
    env_only(&["import", path_str(&file)]);
    assert!(db.join("signpost.sqlite").is_file());
    assert!(!work.path().join("signpost-data").exists());
    let found = support::json_stdout(&env_only(&["search", "", "--json"]));
    assert!(found["total"].as_u64().unwrap() > 0, "{found}");
}

#[test]
fn serve_listens_where_signpost_addr_says_with_the_rate_limit_of_signpost_rate_limit() {
    let work = TempDir::new().unwrap();
    let port = free_port();
    let mut command = serve_by_environment(&work.path().join("db"), port);
    command.env("SIGNPOST_RATE_LIMIT", "2");
    let _server = start(command, port);
    let statuses: Vec<u16> = (0..5)
        .map(|_| get(port, "/api/v1/parse?q=food").status)
        .collect();
    assert!(
        statuses.contains(&429),
        "no 429 with a limit of 2: {statuses:?}"
    );
}

/// Statuses of `/api/v1/parse` asked on `port` as if forwarded for each client address in turn.
fn statuses_forwarded_for(port: u16, clients: &[&str]) -> Vec<u16> {
    clients
        .iter()
        .map(|client| {
            http(
                port,
                "GET",
                "/api/v1/parse?q=food",
                &[("X-Forwarded-For", client)],
                b"",
            )
            .unwrap()
            .status
        })
        .collect()
}

#[test]
fn behind_a_trusted_proxy_the_rate_limit_counts_the_forwarded_client() {
    let work = TempDir::new().unwrap();
    let port = free_port();
    let mut command = serve_by_environment(&work.path().join("db"), port);
    command
        .env("SIGNPOST_RATE_LIMIT", "2")
        .env("SIGNPOST_TRUSTED_PROXIES", "10.0.0.0/8,127.0.0.1");
    let _server = start(command, port);
    let first = "203.0.113.1";
    let second = "203.0.113.2";
    assert_eq!(
        statuses_forwarded_for(port, &[first, first, first, second, second]),
        [200, 200, 429, 200, 200],
        "each forwarded client has its own allowance"
    );
}

#[test]
fn from_an_untrusted_peer_x_forwarded_for_is_ignored() {
    let work = TempDir::new().unwrap();
    let port = free_port();
    let mut command = serve_by_environment(&work.path().join("db"), port);
    command
        .env("SIGNPOST_RATE_LIMIT", "2")
        .env("SIGNPOST_TRUSTED_PROXIES", "10.0.0.0/8");
    let _server = start(command, port);
    assert_eq!(
        statuses_forwarded_for(port, &["203.0.113.1", "203.0.113.2", "203.0.113.3"]),
        [200, 200, 429],
        "the peer's own address is counted, whatever the header says"
    );
}

#[test]
fn a_flag_wins_over_its_variable() {
    let work = TempDir::new().unwrap();
    let port = free_port();
    let mut command = serve_by_environment(&work.path().join("db"), free_port());
    command.env("SIGNPOST_RATE_LIMIT", "1").args([
        "--addr",
        &format!("127.0.0.1:{port}"),
        "--rate-limit",
        "0",
    ]);
    let _server = start(command, port);
    for _ in 0..5 {
        assert_eq!(get(port, "/api/v1/parse?q=food").status, 200);
    }
}

#[test]
fn cors_origins_come_from_a_comma_separated_variable() {
    let work = TempDir::new().unwrap();
    let port = free_port();
    let mut command = serve_by_environment(&work.path().join("db"), port);
    command.env(
        "SIGNPOST_CORS_ORIGINS",
        "https://a.example,https://b.example",
    );
    let _server = start(command, port);
    let allowed = |origin: &str| {
        http(
            port,
            "GET",
            "/api/v1/parse?q=food",
            &[("Origin", origin)],
            b"",
        )
        .unwrap()
        .header("access-control-allow-origin")
        .map(str::to_owned)
    };
    assert_eq!(
        allowed("https://b.example").as_deref(),
        Some("https://b.example")
    );
    assert_eq!(
        allowed("https://a.example").as_deref(),
        Some("https://a.example")
    );
    assert_eq!(allowed("https://c.example"), None);
}

#[test]
fn a_bad_variable_is_a_one_line_error_naming_the_option() {
    let work = TempDir::new().unwrap();
    for (variable, value) in [
        ("SIGNPOST_ADDR", "not-an-address"),
        ("SIGNPOST_RATE_LIMIT", "lots"),
        ("SIGNPOST_TRUSTED_PROXIES", "10.0.0.0/99"),
        ("SIGNPOST_REFERRAL_RETENTION", "forever"),
    ] {
        let output = signpost()
            .arg("serve")
            .env("SIGNPOST_DB", work.path().join("db"))
            .env(variable, value)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{variable}={value}");
        let line = assert_one_line_error(&output, variable);
        assert!(line.contains(value), "{variable}: {line}");
    }
}
