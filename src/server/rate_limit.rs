//! Per-client rate limits counted in the database (every instance counts together): form
//! posts and bookings (every POST, with a French 429), and failed admin sign-ins.
//!
//! The client is the TCP peer, unless that peer is a configured trusted proxy: then it is
//! the last address of `X-Forwarded-For` that is not itself a trusted proxy. A visitor can
//! write anything in that header, so it is never believed from an untrusted peer.

use std::{net::IpAddr, num::NonZeroU32, sync::Arc};

use ipnet::IpNet;

pub use super::clients::{client_behind, client_key};

use axum::{
    body::Body,
    extract::{ConnectInfo, Request, State},
    http::{header, HeaderMap, Method},
    middleware::Next,
    response::Response,
};
use chrono::{DateTime, Utc};

use super::{
    error_status::{answer, page_for},
    store::{Database, WindowHits},
};
use crate::error::AppError;

/// A per-client limit counted in the database, so that every instance shares it: at most
/// `per_minute` hits in any sliding minute (this minute's count plus the previous minute's,
/// weighted by how much of it the sliding minute still covers).
#[derive(Clone)]
pub struct RateLimit {
    db: Database,
    /// What is limited (the first word of each counter's key).
    what: &'static str,
    per_minute: NonZeroU32,
    trusted_proxies: Arc<Vec<IpNet>>,
    /// A path with its own limit, left alone by this one.
    except: Option<&'static str>,
}

/// Hits in the sliding minute that ends at `now`, from the counts of the fixed minutes.
fn sliding(hits: WindowHits, now: DateTime<Utc>) -> f64 {
    let into_window =
        now.timestamp().rem_euclid(60) as f64 + f64::from(now.timestamp_subsec_millis()) / 1000.0;
    hits.current as f64 + hits.previous as f64 * (1.0 - into_window / 60.0)
}

impl RateLimit {
    /// At most `per_minute` hits of `what` per client per minute.
    pub fn new(
        db: Database,
        what: &'static str,
        per_minute: NonZeroU32,
        trusted_proxies: Vec<IpNet>,
    ) -> Self {
        Self {
            db,
            what,
            per_minute,
            trusted_proxies: Arc::new(trusted_proxies),
            except: None,
        }
    }

    async fn hits(&self, client: IpAddr, count: bool) -> f64 {
        let now = Utc::now();
        let window = now.timestamp().div_euclid(60) * 60;
        let bucket = format!("{} {}", self.what, client_key(client));
        match self.db.rate_hits(&bucket, window, count).await {
            Ok(hits) => sliding(hits, now),
            Err(error) => {
                // A database that does not answer fails what needs it anyway; the limit
                // does not add a second refusal.
                tracing::error!(%error, what = self.what, "rate limit unavailable");
                0.0
            }
        }
    }

    /// Counts one hit from `client`; false when that makes it go over the limit.
    pub async fn try_take(&self, client: IpAddr) -> bool {
        self.hits(client, true).await <= f64::from(self.per_minute.get())
    }

    /// True when `client` is over the limit (counts nothing).
    pub async fn spent(&self, client: IpAddr) -> bool {
        self.hits(client, false).await >= f64::from(self.per_minute.get())
    }

    /// The same limit, except for `path`, which has its own (Cal.com's webhooks).
    pub fn except(self, path: &'static str) -> Self {
        Self {
            except: Some(path),
            ..self
        }
    }

    fn leaves_to_its_own(&self, path: &str) -> bool {
        self.except == Some(path)
    }

    /// The client address of a request that came from `peer`.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        client_behind(&self.trusted_proxies, peer, headers)
    }
}

/// The client a POST came from, as the post limit counted it (a request extension: the
/// forms' daily caps count the same client).
#[derive(Clone, Copy, Debug)]
pub struct Client(pub IpAddr);

/// The middleware: lets GETs through, counts POSTs per client (and tells the handlers who
/// that client is, [`Client`]).
pub async fn limit_posts(
    State(limiter): State<RateLimit>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let Some(peer) = peer(&request).filter(|_| {
        request.method() == Method::POST && !limiter.leaves_to_its_own(request.uri().path())
    }) else {
        return next.run(request).await;
    };
    let client = limiter.client(peer, request.headers());
    if limiter.try_take(client).await {
        let mut request = request;
        request.extensions_mut().insert(Client(client));
        return next.run(request).await;
    }
    tracing::warn!(%client, path = %super::access_log::loggable_path(request.uri().path()), "posts rate limited");
    too_many(&request)
}

/// The TCP peer of a request (absent only when a test router skips connect info).
fn peer(request: &Request<Body>) -> Option<IpAddr> {
    request
        .extensions()
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
}

/// The 429 of every limit, with the minute to wait.
fn too_many(request: &Request<Body>) -> Response {
    let mut response = answer(
        &AppError::RateLimited,
        page_for(request.headers(), request.uri().query()),
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, header::HeaderValue::from_static("60"));
    response
}

/// Per-client limit of page views and slots API reads. Reads are far too many to count in
/// the database, so each instance counts its own (in memory, pruned every minute): with N
/// instances a client may read N times `spam.reads_per_minute`.
#[derive(Clone)]
pub struct ReadLimit {
    limiter: Arc<governor::DefaultKeyedRateLimiter<String>>,
    trusted_proxies: Arc<Vec<IpNet>>,
}

impl ReadLimit {
    /// At most `per_minute` reads per client per minute (bursts up to that many); forgets
    /// idle clients every minute.
    pub fn new(per_minute: NonZeroU32, trusted_proxies: Vec<IpNet>) -> Self {
        let limiter = Arc::new(governor::RateLimiter::keyed(governor::Quota::per_minute(
            per_minute,
        )));
        let weak = Arc::downgrade(&limiter);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
            loop {
                tick.tick().await;
                let Some(limiter) = weak.upgrade() else { break };
                limiter.retain_recent();
                limiter.shrink_to_fit();
            }
        });
        Self {
            limiter,
            trusted_proxies: Arc::new(trusted_proxies),
        }
    }
}

/// The reads counted: the booking pages and the slots API (not assets, not health checks).
fn is_read(path: &str) -> bool {
    path.starts_with("/prendre-rendez-vous") || path == "/api/calcom/slots"
}

/// The middleware: counts GETs of pages and of the slots API per client, and HEADs (axum
/// answers them with the GET handler: they cost the same).
pub async fn limit_reads(
    State(limit): State<ReadLimit>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let is_counted =
        matches!(*request.method(), Method::GET | Method::HEAD) && is_read(request.uri().path());
    let Some(peer) = peer(&request).filter(|_| is_counted) else {
        return next.run(request).await;
    };
    let client = client_behind(&limit.trusted_proxies, peer, request.headers());
    if limit.limiter.check_key(&client_key(client)).is_ok() {
        // The contact step counts the hours each client holds.
        let mut request = request;
        request.extensions_mut().insert(Client(client));
        return next.run(request).await;
    }
    tracing::warn!(%client, path = %super::access_log::loggable_path(request.uri().path()), "reads rate limited");
    too_many(&request)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_previous_minute_weighs_what_the_sliding_minute_still_covers() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        let hits = WindowHits {
            current: 2,
            previous: 10,
        };
        assert_eq!(sliding(hits, at("2026-11-26T10:00:00Z")), 12.0);
        assert_eq!(sliding(hits, at("2026-11-26T10:00:15Z")), 9.5);
        assert!((sliding(hits, at("2026-11-26T10:00:59.999Z")) - 2.0).abs() < 0.001);
    }
}
