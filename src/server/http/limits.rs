//! The rate-limit middleware: every POST counted per client in the database
//! ([`RateLimit`]), page and slots API reads (GET and HEAD) per client in each instance's
//! memory ([`ReadLimit`]); past either, a 429 in the visit's language with `Retry-After`.

use std::{net::IpAddr, num::NonZeroU32, sync::Arc};

use axum::{
    body::Body,
    extract::{ConnectInfo, Request, State},
    http::{header, Method},
    middleware::Next,
    response::Response,
};
use ipnet::IpNet;

use crate::{
    error::AppError,
    server::{
        abuse::rate_limit::{client_behind, client_key, Client, RateLimit},
        http::{
            access_log::loggable_path,
            error_status::{answer, page_for},
        },
    },
};

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
    tracing::warn!(%client, path = %loggable_path(request.uri().path()), "posts rate limited");
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
    tracing::warn!(%client, path = %loggable_path(request.uri().path()), "reads rate limited");
    too_many(&request)
}
