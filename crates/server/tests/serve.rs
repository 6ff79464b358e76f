//! The real listener: a request over TCP, then a graceful shutdown that lets the server return.

mod common;

use std::time::Duration;

use common::TestApp;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The server on a free port: its address, the sender that stops it, and its task.
async fn serve(
    test: &TestApp,
) -> (
    std::net::SocketAddr,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<Result<(), signpost_server::ServeError>>,
) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("free port");
    let addr = listener.local_addr().expect("address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(signpost_server::serve_on(listener, test.router(), async {
        let _ = stopped.await;
    }));
    (addr, stop, server)
}

#[tokio::test]
async fn serves_over_tcp_and_stops_when_told() {
    let test = TestApp::new().await;
    let (addr, stop, server) = serve(&test).await;

    let mut stream = TcpStream::connect(addr).await.expect("connects");
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .expect("request");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).await.expect("reply");
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(reply.contains("{\"status\":\"ok\"}"));

    stop.send(()).expect("server still running");
    let finished = tokio::time::timeout(Duration::from_secs(10), server).await;
    assert!(
        matches!(finished, Ok(Ok(Ok(())))),
        "the server returns after shutdown: {finished:?}"
    );
}

#[tokio::test]
async fn requests_hyper_refuses_get_a_problem_body_too() {
    let test = TestApp::new().await;
    let (addr, stop, server) = serve(&test).await;

    let long = format!(
        "GET /api/v1/search?q={} HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "a".repeat(100 * 1024)
    );
    let malformed = "GET /healthz HTTP/1.1\r\nHost localhost\r\n\r\n".to_owned();
    for (request, status, code) in [
        (long, "414", "uri_too_long"),
        (malformed, "400", "malformed_request"),
    ] {
        let mut stream = TcpStream::connect(addr).await.expect("connects");
        stream.write_all(request.as_bytes()).await.expect("request");
        let mut reply = String::new();
        stream.read_to_string(&mut reply).await.expect("reply");
        let (head, body) = reply.split_once("\r\n\r\n").expect("a head and a body");
        assert!(head.starts_with(&format!("HTTP/1.1 {status}")), "{head}");
        assert!(
            head.contains("content-type: application/problem+json"),
            "{head}"
        );
        let problem: serde_json::Value = serde_json::from_str(body).expect("a problem");
        assert_eq!(problem["code"], code);
        assert_eq!(problem["type"], format!("/errors/{code}"));
    }

    stop.send(()).expect("server still running");
    let finished = tokio::time::timeout(Duration::from_secs(10), server).await;
    assert!(matches!(finished, Ok(Ok(Ok(())))), "{finished:?}");
}
