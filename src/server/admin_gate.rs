//! Who may open `/admin`: a Bearer token (scripts) or a session cookie (browsers), with
//! failed attempts limited per client.

use std::{net::IpAddr, sync::Arc};

use axum::http::{header, HeaderMap};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use secrecy::ExposeSecret;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::{
    domain::checks::is_token,
    server::{config::AdminSettings, drafts::new_token, rate_limit::PostLimiter},
};

/// Name of the session cookie (scoped to `/admin`).
pub const COOKIE: &str = "rdv_admin";

/// The outcome of checking a request's credentials.
#[derive(Debug, PartialEq, Eq)]
pub enum Access {
    /// `ADMIN_TOKEN` is unset: the admin does not exist.
    Disabled,
    /// Right token or live session.
    Granted,
    /// No credentials.
    Missing,
    /// Wrong token, or an unknown or expired session.
    Denied,
    /// Too many failures from this client lately.
    Blocked,
}

/// Admin sessions and the failed-login limit.
#[derive(Clone)]
pub struct AdminGate {
    settings: Option<Arc<AdminSettings>>,
    sessions: moka::sync::Cache<String, ()>,
    failures: PostLimiter,
    blocked: moka::sync::Cache<IpAddr, ()>,
}

impl AdminGate {
    /// A gate for `settings` (`None`: disabled).
    pub fn new(settings: Option<AdminSettings>, trusted_proxies: Vec<IpAddr>) -> Self {
        let (session, per_minute) = settings.as_ref().map_or(
            (
                std::time::Duration::from_secs(3600),
                std::num::NonZeroU32::MIN,
            ),
            |s| (s.session, s.failures_per_minute),
        );
        Self {
            sessions: moka::sync::Cache::builder()
                .max_capacity(1_000)
                .time_to_live(session)
                .build(),
            failures: PostLimiter::new(per_minute, trusted_proxies),
            blocked: moka::sync::Cache::builder()
                .max_capacity(10_000)
                .time_to_live(std::time::Duration::from_secs(60))
                .build(),
            settings: settings.map(Arc::new),
        }
    }

    /// True when `ADMIN_TOKEN` is set.
    pub fn enabled(&self) -> bool {
        self.settings.is_some()
    }

    /// How long a session lasts.
    pub fn session_seconds(&self) -> u64 {
        self.settings.as_ref().map_or(0, |s| s.session.as_secs())
    }

    /// The client address behind trusted proxies.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        self.failures.client(peer, headers)
    }

    /// Compares in constant time (hashes first, so the length leaks nothing either).
    fn token_matches(&self, candidate: &str) -> bool {
        let Some(settings) = &self.settings else {
            return false;
        };
        let a = Sha256::digest(candidate.trim().as_bytes());
        let b = Sha256::digest(settings.token.expose_secret().as_bytes());
        a.ct_eq(&b).into()
    }

    /// Checks a token sent by `client` (Bearer header or login form): a wrong one counts as
    /// a failure, and a blocked client is refused before its token is even compared.
    pub fn try_token(&self, candidate: &str, client: IpAddr) -> Access {
        if !self.enabled() {
            return Access::Disabled;
        }
        if self.is_blocked(client) {
            return Access::Blocked;
        }
        if self.token_matches(candidate) {
            return Access::Granted;
        }
        self.record_failure(client);
        Access::Denied
    }

    /// Counts a failure; past the limit the client is refused for a minute.
    fn record_failure(&self, client: IpAddr) {
        tracing::warn!(%client, "admin: wrong credentials");
        if !self.failures.try_take(client) {
            tracing::warn!(%client, "admin: too many failures, blocked for a minute");
            self.blocked.insert(client, ());
        }
    }

    /// True when `client` failed too often lately.
    fn is_blocked(&self, client: IpAddr) -> bool {
        self.blocked.contains_key(&client)
    }

    /// Opens a session and returns its cookie (`Secure` when the visit is HTTPS).
    pub fn open_session(&self, https: bool) -> Cookie<'static> {
        let id = new_token();
        self.sessions.insert(id.clone(), ());
        let max_age = i64::try_from(self.session_seconds()).unwrap_or(i64::MAX);
        Cookie::build((COOKIE, id))
            .path("/admin")
            .http_only(true)
            .same_site(SameSite::Strict)
            .secure(https)
            .max_age(cookie::time::Duration::seconds(max_age))
            .build()
    }

    /// The cookie that tells the browser to forget its session.
    pub fn closed_session() -> Cookie<'static> {
        let mut cookie = Cookie::build((COOKIE, ""))
            .path("/admin")
            .http_only(true)
            .same_site(SameSite::Strict)
            .build();
        cookie.make_removal();
        cookie
    }

    /// Ends the session of these request headers, if any.
    pub fn close_session(&self, headers: &HeaderMap) {
        if let Some(id) = session_cookie(headers) {
            self.sessions.invalidate(&id);
        }
    }

    /// Checks the credentials of a request from `client`.
    pub fn check(&self, headers: &HeaderMap, client: IpAddr) -> Access {
        if !self.enabled() {
            return Access::Disabled;
        }
        if self.is_blocked(client) {
            return Access::Blocked;
        }
        let bearer = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        if let Some(token) = bearer {
            return self.try_token(token, client);
        }
        match session_cookie(headers) {
            // Session ids are 128 random bits: guessing is hopeless, so no failure count.
            Some(id) if self.sessions.contains_key(&id) => Access::Granted,
            Some(_) => Access::Denied,
            None => Access::Missing,
        }
    }
}

/// The value of our session cookie in these headers.
fn session_cookie(headers: &HeaderMap) -> Option<String> {
    CookieJar::from_headers(headers)
        .get(COOKIE)
        .map(|c| c.value().to_string())
        .filter(|v| is_token(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::SecretString;

    fn gate(per_minute: u32) -> AdminGate {
        AdminGate::new(
            Some(AdminSettings {
                token: SecretString::from("0123456789abcdef-admin"),
                failures_per_minute: std::num::NonZeroU32::new(per_minute).unwrap(),
                session: std::time::Duration::from_secs(60),
            }),
            Vec::new(),
        )
    }

    fn headers(name: header::HeaderName, value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(name, value.parse().unwrap());
        h
    }

    #[test]
    fn bearer_and_cookie_are_checked() {
        let gate = gate(5);
        let me: IpAddr = "127.0.0.1".parse().unwrap();
        assert_eq!(gate.check(&HeaderMap::new(), me), Access::Missing);
        let wrong = headers(header::AUTHORIZATION, "Bearer nope");
        assert_eq!(gate.check(&wrong, me), Access::Denied);
        let right = headers(header::AUTHORIZATION, "Bearer 0123456789abcdef-admin");
        assert_eq!(gate.check(&right, me), Access::Granted);
        let id = gate.open_session(false);
        let cookie = headers(header::COOKIE, &format!("a=b; {COOKIE}={}", id.value()));
        assert_eq!(gate.check(&cookie, me), Access::Granted);
        gate.close_session(&cookie);
        assert_eq!(gate.check(&cookie, me), Access::Denied);
    }

    #[test]
    fn repeated_failures_block_the_client_only() {
        let gate = gate(2);
        let me: IpAddr = "10.1.1.1".parse().unwrap();
        let other: IpAddr = "10.1.1.2".parse().unwrap();
        let wrong = headers(header::AUTHORIZATION, "Bearer nope");
        for _ in 0..3 {
            gate.check(&wrong, me);
        }
        let right = headers(header::AUTHORIZATION, "Bearer 0123456789abcdef-admin");
        assert_eq!(gate.check(&right, me), Access::Blocked);
        assert_eq!(gate.check(&right, other), Access::Granted);
    }

    #[test]
    fn disabled_without_settings() {
        let gate = AdminGate::new(None, Vec::new());
        assert_eq!(
            gate.check(&HeaderMap::new(), "127.0.0.1".parse().unwrap()),
            Access::Disabled
        );
        assert!(!gate.token_matches(""));
    }
}
