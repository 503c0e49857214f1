//! Per-client rate limit of form posts and bookings (every POST), with a French 429.
//!
//! The client is the TCP peer, unless that peer is a configured trusted proxy: then it is
//! the last address of `X-Forwarded-For` that is not itself a trusted proxy. A visitor can
//! write anything in that header, so it is never believed from an untrusted peer.

use std::{net::IpAddr, num::NonZeroU32, sync::Arc};

use axum::{
    body::Body,
    extract::{ConnectInfo, Request, State},
    http::{header, HeaderMap, Method},
    middleware::Next,
    response::Response,
};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::error_status::{answer, wants_html};
use crate::error::AppError;

/// The limiter and who may speak for clients.
#[derive(Clone)]
pub struct PostLimiter {
    limiter: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    trusted_proxies: Arc<Vec<IpAddr>>,
}

impl PostLimiter {
    /// At most `per_minute` posts per client per minute (bursts up to that many).
    pub fn new(per_minute: NonZeroU32, trusted_proxies: Vec<IpAddr>) -> Self {
        Self {
            limiter: Arc::new(RateLimiter::keyed(Quota::per_minute(per_minute))),
            trusted_proxies: Arc::new(trusted_proxies),
        }
    }

    /// Takes one unit of `client`'s budget; false when it is spent.
    pub fn try_take(&self, client: IpAddr) -> bool {
        self.limiter.check_key(&client).is_ok()
    }

    /// The client address of a request that came from `peer`.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusted_proxies.contains(&peer) {
            return peer;
        }
        headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|ip| ip.trim().parse::<IpAddr>().ok())
            .rev()
            .find(|ip| !self.trusted_proxies.contains(ip))
            .unwrap_or(peer)
    }
}

/// The middleware: lets GETs through, counts POSTs per client.
pub async fn limit_posts(
    State(limiter): State<PostLimiter>,
    request: Request<Body>,
    next: Next,
) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let peer = request
        .extensions()
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    let Some(peer) = peer else {
        return next.run(request).await;
    };
    let client = limiter.client(peer, request.headers());
    if limiter.limiter.check_key(&client).is_ok() {
        return next.run(request).await;
    }
    tracing::warn!(%client, path = %request.uri().path(), "rate limited");
    let mut response = answer(&AppError::RateLimited, wants_html(request.headers()));
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, header::HeaderValue::from_static("60"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let limiter = PostLimiter::new(NonZeroU32::new(5).unwrap(), vec![proxy]);
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "1.2.3.4, 5.6.7.8, 10.0.0.1".parse().unwrap(),
        );
        let visitor: IpAddr = "9.9.9.9".parse().unwrap();
        assert_eq!(limiter.client(visitor, &headers), visitor, "untrusted peer");
        assert_eq!(
            limiter.client(proxy, &headers),
            "5.6.7.8".parse::<IpAddr>().unwrap()
        );
        assert_eq!(limiter.client(proxy, &HeaderMap::new()), proxy);
    }
}
