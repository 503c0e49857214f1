//! Who the client of a request is: the connection's peer, or, behind trusted reverse
//! proxies (addresses or CIDR ranges), the last `X-Forwarded-For` address that is not one of
//! them; and the key limits count it under (an IPv6 client's /64).

use std::net::IpAddr;

use axum::http::HeaderMap;
use ipnet::IpNet;

/// Who a limit counts: an IPv4 address, or an IPv6 client's /64 (one subscriber usually
/// holds a whole /64, and could otherwise take a fresh budget per address).
pub fn client_key(client: IpAddr) -> String {
    match client {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                let prefix = std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
                format!("{prefix}/64")
            }
        },
    }
}

/// The client address of a request that came from `peer`, behind `trusted_proxies`: the
/// last `X-Forwarded-For` entry that is not a trusted proxy, read from the right; an entry
/// that is not an address ends the chain there (the peer is the client, as nothing before
/// it can be believed).
pub fn client_behind(trusted_proxies: &[IpNet], peer: IpAddr, headers: &HeaderMap) -> IpAddr {
    // A dual-stack listener sees IPv4 clients as `::ffff:a.b.c.d`.
    let peer = peer.to_canonical();
    let trusted = |ip: &IpAddr| trusted_proxies.iter().any(|net| net.contains(ip));
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .map(|v| v.to_str().unwrap_or("?"))
        .flat_map(|v| v.split(','))
        .collect::<Vec<_>>();
    if !trusted(&peer) {
        if peer.is_loopback() && !forwarded.is_empty() {
            warn_untrusted_local_proxy();
        }
        return peer;
    }
    for entry in forwarded.iter().rev() {
        match entry.trim().parse::<IpAddr>().map(|ip| ip.to_canonical()) {
            Ok(ip) if trusted(&ip) => continue,
            Ok(ip) => return ip,
            Err(_) => return peer,
        }
    }
    peer
}

/// A proxy on this host forwards requests but is not in `spam.trusted_proxies`: every
/// visitor then counts as one client (said once per process).
fn warn_untrusted_local_proxy() {
    static SAID: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if !SAID.swap(true, std::sync::atomic::Ordering::Relaxed) {
        tracing::warn!(
            "a local proxy sends X-Forwarded-For but is not in spam.trusted_proxies: \
             all its visitors share one rate limit (add \"127.0.0.1\" to trusted_proxies)"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let proxies = [IpNet::from(proxy)];
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "1.2.3.4, 5.6.7.8, 10.0.0.1".parse().unwrap(),
        );
        let visitor: IpAddr = "9.9.9.9".parse().unwrap();
        assert_eq!(
            client_behind(&proxies, visitor, &headers),
            visitor,
            "untrusted peer"
        );
        assert_eq!(
            client_behind(&proxies, proxy, &headers),
            "5.6.7.8".parse::<IpAddr>().unwrap()
        );
        assert_eq!(client_behind(&proxies, proxy, &HeaderMap::new()), proxy);
        let mut garbled = HeaderMap::new();
        garbled.insert(
            "x-forwarded-for",
            "1.2.3.4, junk, 10.0.0.1".parse().unwrap(),
        );
        assert_eq!(
            client_behind(&proxies, proxy, &garbled),
            proxy,
            "the chain ends at junk"
        );
    }

    #[test]
    fn trusted_proxies_are_ranges() {
        let proxies: Vec<IpNet> = vec!["10.0.0.0/8".parse().unwrap(), "fd00::/8".parse().unwrap()];
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "203.0.113.9, 10.20.30.40".parse().unwrap(),
        );
        // A balancer anywhere in 10/8, behind another one in the same range.
        let balancer: IpAddr = "10.1.2.3".parse().unwrap();
        assert_eq!(
            client_behind(&proxies, balancer, &headers),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
        // An IPv4 peer seen by a dual-stack listener, and an IPv6 proxy.
        let mapped: IpAddr = "::ffff:10.9.9.9".parse().unwrap();
        assert_eq!(
            client_behind(&proxies, mapped, &headers),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
        let v6: IpAddr = "fd12::1".parse().unwrap();
        assert_eq!(
            client_behind(&proxies, v6, &headers),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
        let outside: IpAddr = "11.0.0.1".parse().unwrap();
        assert_eq!(client_behind(&proxies, outside, &headers), outside);
    }

    #[test]
    fn an_ipv6_client_counts_as_its_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        assert_eq!(client_key(a), client_key(b));
        assert_eq!(client_key(a), "2001:db8:1:2::/64");
        assert_ne!(
            client_key(a),
            client_key("2001:db8:1:3::1".parse().unwrap())
        );
        assert_eq!(client_key("::ffff:192.0.2.7".parse().unwrap()), "192.0.2.7");
    }
}
