//! The address a request comes from, for rate limits.

use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use std::net::{IpAddr, SocketAddr};

/// The client as rate limits count it: an IPv4 address, or an IPv6 /64 network (one home or
/// phone gets a whole /64, so single IPv6 addresses would be free to change).
pub fn of(parts: &Parts, trust_forwarded: bool) -> String {
    let address = address(parts, trust_forwarded);
    match address.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Ok(IpAddr::V6(v6)) => v6.to_ipv4_mapped().map(|v4| v4.to_string()).unwrap_or(address),
        _ => address,
    }
}

/// The peer's IP address; behind a trusted reverse proxy, the last hop it appended to
/// `X-Forwarded-For` (the only entry the proxy vouches for).
fn address(parts: &Parts, trust_forwarded: bool) -> String {
    if trust_forwarded {
        if let Some(last) = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .map(str::trim)
            .filter(|v| v.parse::<std::net::IpAddr>().is_ok())
        {
            return last.to_string();
        }
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::of;
    use axum::http::Request;

    fn client(forwarded: &str) -> String {
        let (parts, _) = Request::get("/").header("x-forwarded-for", forwarded).body(()).unwrap().into_parts();
        of(&parts, true)
    }

    #[test]
    fn ipv6_clients_count_by_their_64_network_and_only_the_proxys_hop_is_trusted() {
        assert_eq!(client("2a02:8108:1:2:aaaa::1"), "2a02:8108:1:2::/64");
        assert_eq!(client("2a02:8108:1:2:bbbb:cc::9"), "2a02:8108:1:2::/64");
        assert_eq!(client("1.2.3.4, 10.0.0.7"), "10.0.0.7", "the client cannot choose what the proxy appended");
        assert_eq!(client("::ffff:10.0.0.8"), "10.0.0.8");
        assert_eq!(client("not an address"), "unknown");
    }
}
