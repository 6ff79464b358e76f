//! Helpers for the end-to-end tests that drive a real `signpost serve` over HTTP: a few lines of
//! HTTP/1.1 over `TcpStream` (no client crate), the server on a free loopback port with its logs
//! in files, and API keys made with `signpost keys create`. Each test file includes this module
//! with `#[path = "http_support.rs"] mod http;` beside `cli_support.rs`, and uses only some of it.
#![allow(dead_code)]

use std::fs::File;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{path_str, run_ok, signpost};

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a header that may repeat (`Set-Cookie`).
    pub fn headers_named(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

/// One HTTP/1.1 request on its own connection (`Connection: close`).
pub fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes())?;
    stream.write_all(body)?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    parse_response(&raw)
}

/// A raw HTTP/1.x answer read to its end: status, headers and (de-chunked) body.
pub fn parse_response(raw: &[u8]) -> std::io::Result<Response> {
    let incomplete = || std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "no response head");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(incomplete)?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(incomplete)?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let rest = &raw[split + 4..];
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked {
        dechunk(rest)
    } else {
        rest.to_vec()
    };
    Ok(Response {
        status,
        headers,
        body,
    })
}

fn dechunk(mut rest: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    while let Some(line_end) = rest.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&rest[..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16)
            .expect("a hex chunk size");
        if size == 0 {
            break;
        }
        let start = line_end + 2;
        body.extend_from_slice(&rest[start..start + size]);
        rest = &rest[start + size + 2..];
    }
    body
}

/// `GET path` as an API client (no `Accept: text/html`).
pub fn get(port: u16, path: &str) -> Response {
    http(port, "GET", path, &[], b"").unwrap_or_else(|e| panic!("GET {path}: {e}"))
}

/// `GET path` as a browser asking for a page.
pub fn get_page(port: u16, path: &str, cookie: Option<&str>) -> Response {
    let mut headers = vec![("Accept", "text/html,application/xhtml+xml")];
    if let Some(cookie) = cookie {
        headers.push(("Cookie", cookie));
    }
    http(port, "GET", path, &headers, b"").unwrap_or_else(|e| panic!("GET {path}: {e}"))
}

/// A form posted as a browser would, with the session cookie when given.
pub fn post_form(port: u16, path: &str, cookie: Option<&str>, fields: &[(&str, &str)]) -> Response {
    let body = fields
        .iter()
        .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
        .collect::<Vec<_>>()
        .join("&");
    let mut headers = vec![
        ("Accept", "text/html"),
        ("Content-Type", "application/x-www-form-urlencoded"),
    ];
    if let Some(cookie) = cookie {
        headers.push(("Cookie", cookie));
    }
    http(port, "POST", path, &headers, body.as_bytes())
        .unwrap_or_else(|e| panic!("POST {path}: {e}"))
}

/// Percent-encodes a form value.
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A JSON request with an optional bearer key.
pub fn send_json(port: u16, method: &str, path: &str, key: Option<&str>, body: &Value) -> Response {
    try_send_json(port, method, path, key, body).unwrap_or_else(|e| panic!("{method} {path}: {e}"))
}

/// [`send_json`] that gives back a connection failure (a server killed mid-request).
pub fn try_send_json(
    port: u16,
    method: &str,
    path: &str,
    key: Option<&str>,
    body: &Value,
) -> std::io::Result<Response> {
    let auth = key.map(|k| format!("Bearer {k}"));
    let mut headers = vec![("Content-Type", "application/json")];
    if let Some(auth) = &auth {
        headers.push(("Authorization", auth));
    }
    http(
        port,
        method,
        path,
        &headers,
        &serde_json::to_vec(body).unwrap(),
    )
}

/// A loopback port that was free a moment ago.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A running `signpost serve`; killed if a test fails before it is stopped.
pub struct Server {
    child: Option<Child>,
    pub port: u16,
    logs: PathBuf,
}

impl Server {
    /// Starts `signpost serve --db DB` with no rate limit, logging at `log_level` into
    /// `logs/stderr.log` and `logs/stdout.log`, and waits until it is ready.
    pub fn start(db: &Path, logs: &Path, log_level: &str) -> Server {
        let port = free_port();
        let addr = format!("127.0.0.1:{port}");
        let child = signpost()
            .env("RUST_LOG", log_level)
            .args(["serve", "--db", path_str(db), "--addr", &addr])
            .args(["--rate-limit", "0"])
            .stdout(Stdio::from(File::create(logs.join("stdout.log")).unwrap()))
            .stderr(Stdio::from(File::create(logs.join("stderr.log")).unwrap()))
            .spawn()
            .unwrap();
        let mut server = Server {
            child: Some(child),
            port,
            logs: logs.to_owned(),
        };
        server.wait_ready();
        server
    }

    fn wait_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if http(self.port, "GET", "/readyz", &[], b"").is_ok_and(|r| r.status == 200) {
                return;
            }
            if let Some(status) = self.child.as_mut().unwrap().try_wait().unwrap() {
                panic!(
                    "the server exited ({status}) before it was ready: {}",
                    self.log()
                );
            }
            assert!(
                Instant::now() < deadline,
                "the server was not ready within 120 s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Everything the server has written to standard error and output so far.
    pub fn log(&self) -> String {
        let read = |name: &str| std::fs::read_to_string(self.logs.join(name)).unwrap_or_default();
        format!("{}{}", read("stderr.log"), read("stdout.log"))
    }

    /// `kill -9`: no chance to finish anything.
    pub fn kill_hard(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().unwrap();
            child.wait().unwrap();
        }
    }

    /// SIGTERM, then the exit status (within 30 s).
    pub fn terminate(&mut self) -> ExitStatus {
        let mut child = self.child.take().expect("a running server");
        let sent = std::process::Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success(), "kill -TERM failed");
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                return status;
            }
            if Instant::now() > deadline {
                child.kill().unwrap();
                panic!("the server did not stop within 30 s of SIGTERM");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// SIGTERM, then waits (at most 30 s) for it to exit.
    pub fn stop(&mut self) {
        if self.child.is_some() {
            self.terminate();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// `signpost keys create`: the key printed once on standard output.
pub fn create_key(db: &Path, role: &str, name: &str) -> String {
    let stdout = run_ok(&[
        "keys",
        "create",
        "--db",
        path_str(db),
        "--role",
        role,
        "--name",
        name,
    ]);
    String::from_utf8(stdout).unwrap().trim().to_owned()
}
