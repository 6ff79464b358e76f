//! The real listener: a request over TCP, then a graceful shutdown that lets the server return.

mod common;

use std::time::Duration;

use common::TestApp;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[tokio::test]
async fn serves_over_tcp_and_stops_when_told() {
    let test = TestApp::new().await;
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("free port");
    let addr = listener.local_addr().expect("address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(signpost_server::serve_on(listener, test.router(), async {
        let _ = stopped.await;
    }));

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
