//! The TCP listener [`crate::serve_on`] uses: hyper answers a request it cannot parse itself,
//! before any router or layer sees it (`414` for an address over 64 KB, `431` for headers over its
//! buffer, `400` for malformed HTTP), with an empty body. Each connection's writes pass through
//! [`ProblemIo`], which gives exactly those answers a problem+json body like every other error.
//!
//! hyper writes such an answer as one bare head (status line, `content-length: 0`, `date`, no
//! `content-type`) and then closes the connection; a response of the router always has a
//! `content-type` on its errors, so it is never mistaken for one.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use axum::extract::connect_info::Connected;
use axum::serve::{IncomingStream, Listener};
use signpost_app::Code;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

use crate::error::ApiError;

/// A [`TcpListener`] whose connections are [`ProblemIo`]s.
#[derive(Debug)]
pub struct ProblemListener {
    inner: TcpListener,
}

impl ProblemListener {
    pub fn new(inner: TcpListener) -> ProblemListener {
        ProblemListener { inner }
    }
}

impl Listener for ProblemListener {
    type Io = ProblemIo<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        let (stream, addr) = Listener::accept(&mut self.inner).await;
        (ProblemIo::new(stream), addr)
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.inner.local_addr()
    }
}

/// The client's address, as handlers and layers read it (`ConnectInfo<ClientAddr>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub SocketAddr);

impl Connected<IncomingStream<'_, ProblemListener>> for ClientAddr {
    fn connect_info(stream: IncomingStream<'_, ProblemListener>) -> ClientAddr {
        ClientAddr(*stream.remote_addr())
    }
}

/// A connection whose bare hyper error answers are rewritten with a problem body.
#[derive(Debug)]
pub struct ProblemIo<T> {
    inner: T,
    replacing: Option<Replacement>,
}

/// A rewritten answer being written: its bytes, how many are out, and how many bytes of hyper's
/// head to report written once all are.
#[derive(Debug)]
struct Replacement {
    bytes: Vec<u8>,
    written: usize,
    replaces: usize,
}

impl<T> ProblemIo<T> {
    pub fn new(inner: T) -> ProblemIo<T> {
        ProblemIo {
            inner,
            replacing: None,
        }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for ProblemIo<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for ProblemIo<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.replacing.is_some() || this.starts_replacing(buf) {
            this.poll_replacement(cx)
        } else {
            Pin::new(&mut this.inner).poll_write(cx, buf)
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let first = bufs.iter().find(|b| !b.is_empty());
        match first {
            Some(first) if this.replacing.is_some() || this.starts_replacing(first) => {
                this.poll_replacement(cx)
            }
            _ => Pin::new(&mut this.inner).poll_write_vectored(cx, bufs),
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

impl<T: AsyncWrite + Unpin> ProblemIo<T> {
    /// Whether `buf` is hyper's bare answer to a request it could not parse; if so, its rewritten
    /// form becomes the replacement to write in its place.
    fn starts_replacing(&mut self, buf: &[u8]) -> bool {
        let Some(bytes) = with_problem_body(buf) else {
            return false;
        };
        self.replacing = Some(Replacement {
            bytes,
            written: 0,
            replaces: buf.len(),
        });
        true
    }

    /// Writes the rest of the replacement; when it is all out, reports hyper's head written.
    fn poll_replacement(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
        while let Some(replacement) = self.replacing.as_mut() {
            if replacement.written == replacement.bytes.len() {
                let replaces = replacement.replaces;
                self.replacing = None;
                return Poll::Ready(Ok(replaces));
            }
            let rest = &replacement.bytes[replacement.written..];
            match ready!(Pin::new(&mut self.inner).poll_write(cx, rest)) {
                Ok(0) => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                Ok(n) => replacement.written += n,
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
        Poll::Ready(Ok(0))
    }
}

/// hyper's bare answer to a request it could not parse, rewritten with a problem body; `None` for
/// anything else.
fn with_problem_body(written: &[u8]) -> Option<Vec<u8>> {
    // Every write of every answer passes here: bodies are turned away by their first bytes,
    // before the whole buffer is checked as text.
    if !(written.starts_with(b"HTTP/1.") && written.ends_with(b"\r\n\r\n")) {
        return None;
    }
    let text = std::str::from_utf8(written).ok()?;
    let head = text.strip_suffix("\r\n\r\n")?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next()?;
    let rest = status_line
        .strip_prefix("HTTP/1.1 ")
        .or_else(|| status_line.strip_prefix("HTTP/1.0 "))?;
    let (code, detail) = match rest.get(..3)? {
        "414" => (
            Code::UriTooLong,
            "the address is longer than the server reads (64 KB)",
        ),
        "431" => (
            Code::HeadersTooLarge,
            "the request headers are larger than the server reads",
        ),
        "400" => (
            Code::MalformedRequest,
            "the request could not be read as HTTP/1.1",
        ),
        _ => return None,
    };
    let mut bare = false;
    let mut kept = Vec::new();
    for line in lines {
        let (name, value) = line.split_once(':')?;
        if name.eq_ignore_ascii_case("content-type") {
            return None;
        }
        if name.eq_ignore_ascii_case("content-length") {
            bare = value.trim() == "0";
        } else if !name.eq_ignore_ascii_case("connection") {
            kept.push(line);
        }
    }
    if !bare {
        return None;
    }
    let body = serde_json::to_vec(&ApiError::new(code, detail).problem()).ok()?;
    let mut answer = format!(
        "{status_line}\r\ncontent-type: application/problem+json\r\ncontent-length: {}\r\n\
         x-content-type-options: nosniff\r\nconnection: close\r\n",
        body.len()
    );
    for line in kept {
        answer.push_str(line);
        answer.push_str("\r\n");
    }
    answer.push_str("\r\n");
    let mut bytes = answer.into_bytes();
    bytes.extend_from_slice(&body);
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hypers_bare_answers_get_a_problem_body() {
        let bare = b"HTTP/1.1 414 URI Too Long\r\ncontent-length: 0\r\ndate: Mon, 07 Dec 2026 07:46:15 GMT\r\n\r\n";
        let answer = String::from_utf8(with_problem_body(bare).expect("rewritten")).expect("utf-8");
        let (head, body) = answer.split_once("\r\n\r\n").expect("head and body");
        assert!(head.starts_with("HTTP/1.1 414 URI Too Long\r\n"), "{head}");
        assert!(head.contains("content-type: application/problem+json"));
        assert!(head.contains(&format!("content-length: {}", body.len())));
        assert!(head.contains("date: Mon, 07 Dec 2026"));
        let problem: serde_json::Value = serde_json::from_str(body).expect("json");
        assert_eq!(problem["code"], "uri_too_long");
        assert_eq!(problem["status"], 414);
    }

    #[test]
    fn the_routers_answers_are_left_alone() {
        for written in [
            &b"HTTP/1.1 414 URI Too Long\r\ncontent-type: application/problem+json\r\ncontent-length: 0\r\n\r\n"[..],
            b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n",
            b"HTTP/1.1 400 Bad Request\r\ncontent-length: 12\r\n\r\n",
            b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n{}",
            b"{\"HTTP/1.1 414 \": 1}",
        ] {
            assert!(with_problem_body(written).is_none());
        }
    }
}
