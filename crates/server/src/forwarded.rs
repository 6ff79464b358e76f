//! Who a request came from, behind a reverse proxy (docs/deploy.md): every request reaches a
//! replica from the proxy's address, so rate limits by address would be one limit for everybody.
//! The proxies named by `--trusted-proxy` are believed about the client: each appends the
//! address it was reached from to `X-Forwarded-For`, so the client is found by walking that list
//! from its right end while the hop that added the entry is trusted. From any other peer the
//! header is ignored (a client could write anything there).

use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

use axum::http::HeaderMap;

/// The header a proxy names the client (and earlier proxies) in.
pub const X_FORWARDED_FOR: &str = "x-forwarded-for";

/// A block of addresses: `10.0.0.0/8`, `fd00::/8`, or one address (`192.0.2.7`, `::1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpBlock {
    network: IpAddr,
    prefix: u8,
}

/// A `--trusted-proxy` value that is not an address or a CIDR block.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an IP address or CIDR block (such as 10.0.0.0/8 or fd00::/8)")]
pub struct NotABlock(String);

impl FromStr for IpBlock {
    type Err = NotABlock;

    fn from_str(text: &str) -> Result<IpBlock, NotABlock> {
        let not_a_block = || NotABlock(text.to_owned());
        let (address, prefix) = match text.trim().split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text.trim(), None),
        };
        let network = IpAddr::from_str(address).map_err(|_| not_a_block())?;
        let longest = address_bits(network);
        let prefix = match prefix {
            Some(prefix) => prefix.parse::<u8>().map_err(|_| not_a_block())?,
            None => longest,
        };
        if prefix > longest {
            return Err(not_a_block());
        }
        Ok(IpBlock::canonical(network, prefix))
    }
}

impl IpBlock {
    /// A block of IPv4 addresses written as IPv6 (`::ffff:192.0.2.0/120`) as the IPv4 block,
    /// the way [`IpBlock::contains`] reads addresses.
    fn canonical(network: IpAddr, prefix: u8) -> IpBlock {
        match network.to_canonical() {
            IpAddr::V4(v4) if network.is_ipv6() && prefix >= 96 => IpBlock {
                network: IpAddr::V4(v4),
                prefix: prefix - 96,
            },
            _ => IpBlock { network, prefix },
        }
    }

    /// Whether `address` lies in the block (an IPv4 address written as IPv6, `::ffff:a.b.c.d`,
    /// counts as the IPv4 address).
    pub fn contains(&self, address: IpAddr) -> bool {
        match (self.network, address.to_canonical()) {
            (IpAddr::V4(network), IpAddr::V4(address)) => {
                same_leading_bits(network.to_bits(), address.to_bits(), self.prefix)
            }
            (IpAddr::V6(network), IpAddr::V6(address)) => {
                same_leading_bits(network.to_bits(), address.to_bits(), self.prefix)
            }
            _ => false,
        }
    }
}

fn address_bits(address: IpAddr) -> u8 {
    match address {
        IpAddr::V4(_) => 32,
        IpAddr::V6(_) => 128,
    }
}

/// Whether the first `prefix` bits of `a` and `b` agree.
fn same_leading_bits<T>(a: T, b: T, prefix: u8) -> bool
where
    T: std::ops::BitXor<Output = T> + Into<u128>,
{
    let width = u32::try_from(std::mem::size_of::<T>() * 8).unwrap_or(128);
    let differing: u128 = (a ^ b).into();
    let prefix = u32::from(prefix);
    prefix == 0 || differing >> (width - prefix) == 0
}

/// The proxies whose `X-Forwarded-For` is believed; none by default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies {
    blocks: Vec<IpBlock>,
}

impl TrustedProxies {
    pub fn new(blocks: Vec<IpBlock>) -> TrustedProxies {
        TrustedProxies { blocks }
    }

    fn trusts(&self, address: IpAddr) -> bool {
        self.blocks.iter().any(|block| block.contains(address))
    }

    /// The client a request from `peer` came from: `peer` itself unless it is a trusted proxy;
    /// else `X-Forwarded-For` read from its right end, each entry believed only while the hop
    /// that added it (the peer, then the entry to its right) is trusted. An entry that is not
    /// an address stops the walk at the hop that wrote it.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let mut client = peer.to_canonical();
        if self.blocks.is_empty() {
            return client;
        }
        let forwarded: Vec<&str> = headers
            .get_all(X_FORWARDED_FOR)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .collect();
        for entry in forwarded.into_iter().rev() {
            if !self.trusts(client) {
                break;
            }
            match forwarded_address(entry) {
                Some(address) => client = address,
                None => break,
            }
        }
        client
    }
}

/// One `X-Forwarded-For` entry: an address, perhaps with a port (`192.0.2.7:4711`, `[::1]:80`).
fn forwarded_address(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    IpAddr::from_str(entry)
        .or_else(|_| SocketAddr::from_str(entry).map(|socket| socket.ip()))
        .ok()
        .map(|address| address.to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn block(text: &str) -> IpBlock {
        text.parse().expect("a block")
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(
                X_FORWARDED_FOR,
                HeaderValue::from_str(value).expect("value"),
            );
        }
        headers
    }

    #[test]
    fn blocks_hold_the_addresses_of_their_prefix() {
        let private = block("10.0.0.0/8");
        assert!(private.contains(ip("10.200.3.4")));
        assert!(!private.contains(ip("11.0.0.1")));
        assert!(
            private.contains(ip("::ffff:10.1.2.3")),
            "IPv4 written as IPv6"
        );
        assert!(!private.contains(ip("fd00::1")));
        let one = block("192.0.2.7");
        assert!(one.contains(ip("192.0.2.7")));
        assert!(!one.contains(ip("192.0.2.8")));
        let v6 = block("fd00::/8");
        assert!(v6.contains(ip("fd12:3456::1")));
        assert!(!v6.contains(ip("fe80::1")));
        assert!(block("0.0.0.0/0").contains(ip("203.0.113.9")));
        assert!(block("::ffff:192.0.2.0/120").contains(ip("192.0.2.200")));
    }

    #[test]
    fn a_value_that_is_not_a_block_is_refused() {
        for bad in [
            "10.0.0.0/33",
            "::/129",
            "ten/8",
            "10.0.0.0/x",
            "",
            "10.0.0.0/8/8",
        ] {
            assert!(bad.parse::<IpBlock>().is_err(), "{bad:?}");
        }
        let error = "proxy".parse::<IpBlock>().expect_err("refused");
        assert!(error.to_string().contains("\"proxy\""), "{error}");
    }

    #[test]
    fn a_trusted_proxy_is_believed_about_the_client() {
        let proxies = TrustedProxies::new(vec![block("10.0.0.0/8")]);
        let headers = forwarded(&["203.0.113.9"]);
        assert_eq!(proxies.client(ip("10.0.0.2"), &headers), ip("203.0.113.9"));
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_says() {
        let proxies = TrustedProxies::new(vec![block("10.0.0.0/8")]);
        let headers = forwarded(&["203.0.113.9"]);
        assert_eq!(
            proxies.client(ip("198.51.100.1"), &headers),
            ip("198.51.100.1")
        );
        let none = TrustedProxies::default();
        assert_eq!(none.client(ip("10.0.0.2"), &headers), ip("10.0.0.2"));
    }

    #[test]
    fn entries_a_client_wrote_itself_are_not_believed() {
        // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the client's address.
        let proxies = TrustedProxies::new(vec![block("10.0.0.0/8")]);
        let headers = forwarded(&["1.2.3.4, 203.0.113.9"]);
        assert_eq!(proxies.client(ip("10.0.0.2"), &headers), ip("203.0.113.9"));
    }

    #[test]
    fn chains_of_trusted_proxies_are_walked_through() {
        let proxies = TrustedProxies::new(vec![block("10.0.0.0/8"), block("fd00::/8")]);
        let headers = forwarded(&["203.0.113.9, 10.1.1.1", "[fd00::5]:443"]);
        assert_eq!(proxies.client(ip("10.0.0.2"), &headers), ip("203.0.113.9"));
    }

    #[test]
    fn a_missing_or_garbled_header_leaves_the_last_trusted_hop() {
        let proxies = TrustedProxies::new(vec![block("10.0.0.0/8")]);
        assert_eq!(
            proxies.client(ip("10.0.0.2"), &HeaderMap::new()),
            ip("10.0.0.2")
        );
        let garbled = forwarded(&["203.0.113.9, unknown"]);
        assert_eq!(proxies.client(ip("10.0.0.2"), &garbled), ip("10.0.0.2"));
    }
}
