//! Per-client rate limits counted in the database (every instance counts together): form
//! posts and bookings (every POST; the middleware is `http::limits`), and failed admin
//! sign-ins.
//!
//! The client is the TCP peer, unless that peer is a configured trusted proxy: then it is
//! the last address of `X-Forwarded-For` that is not itself a trusted proxy. A visitor can
//! write anything in that header, so it is never believed from an untrusted peer.

use std::{net::IpAddr, num::NonZeroU32, sync::Arc};

use ipnet::IpNet;

pub use super::clients::{client_behind, client_key};

use axum::http::HeaderMap;
use chrono::{DateTime, Utc};

use crate::server::store::{Database, WindowHits};

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

    /// True when `path` has its own limit (see [`Self::except`]).
    pub fn leaves_to_its_own(&self, path: &str) -> bool {
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
