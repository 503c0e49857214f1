//! Who may open `/admin`: a Bearer token (scripts) or a session cookie (browsers), and who
//! may read `/metrics` (its own Bearer token, never the admin's), with failed attempts on
//! either limited per client by one count. Session ids are stored as digests: a copy of the
//! database opens no session.

use std::{net::IpAddr, sync::Arc};

use ipnet::IpNet;

use axum::http::{header, HeaderMap};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::{
    domain::token::Token,
    server::{
        abuse::keys::new_token,
        abuse::rate_limit::RateLimit,
        config::AdminSettings,
        store::{Database, StoreError},
    },
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
    /// `METRICS_TOKEN`: `None`, no `/metrics`.
    metrics: Option<SecretString>,
    /// Sessions live in the database: every instance sees them.
    db: Database,
    /// Failed sign-ins per client, counted in the database (shared by every instance).
    failures: RateLimit,
}

impl AdminGate {
    /// A gate for `settings` (`None`: no admin) and `metrics` (`None`: no `/metrics`).
    pub fn new(
        (settings, metrics): (Option<AdminSettings>, Option<SecretString>),
        per_minute: std::num::NonZeroU32,
        trusted_proxies: Vec<IpNet>,
        db: Database,
    ) -> Self {
        Self {
            failures: RateLimit::new(db.clone(), "admin-failure", per_minute, trusted_proxies),
            db,
            settings: settings.map(Arc::new),
            metrics,
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

    /// Checks the Bearer token of a `/metrics` request from `client`: `METRICS_TOKEN` only,
    /// a wrong one counted as a failure with the admin's, a blocked client refused before its
    /// token is compared.
    pub async fn check_metrics(&self, headers: &HeaderMap, client: IpAddr) -> Access {
        let Some(token) = &self.metrics else {
            return Access::Disabled;
        };
        match bearer(headers) {
            Some(given) => self.limited_compare(given, token, client, "metrics").await,
            None => Access::Missing,
        }
    }

    /// Compares `candidate` with `secret` for `client`: a blocked client is refused before
    /// the comparison, a wrong candidate counts as one failure (of `what`, in the log).
    async fn limited_compare(
        &self,
        candidate: &str,
        secret: &SecretString,
        client: IpAddr,
        what: &str,
    ) -> Access {
        if self.failures.spent(client).await {
            return Access::Blocked;
        }
        if same_secret(candidate, secret) {
            return Access::Granted;
        }
        tracing::warn!(%client, "{what}: wrong credentials");
        if !self.failures.try_take(client).await {
            // Refused until its failures of the last minute fall under the limit.
            tracing::warn!(%client, "{what}: too many failures, blocked");
        }
        Access::Denied
    }

    /// Checks a token sent by `client` (Bearer header or login form): a wrong one counts as
    /// a failure, and a blocked client is refused before its token is even compared.
    pub async fn try_token(&self, candidate: &str, client: IpAddr) -> Access {
        match &self.settings {
            Some(settings) => {
                self.limited_compare(candidate, &settings.token, client, "admin")
                    .await
            }
            None => Access::Disabled,
        }
    }

    /// Opens a session (in the database) and returns its cookie: `Secure` unless
    /// `admin.secure_cookie` is off (development) and the visit is not HTTPS.
    pub async fn open_session(&self, https: bool) -> Result<Cookie<'static>, StoreError> {
        let id = new_token();
        let seconds = i64::try_from(self.session_seconds()).unwrap_or(i64::MAX);
        let expires_at = chrono::Utc::now() + chrono::Duration::seconds(seconds);
        self.db
            .open_admin_session(&session_digest(&id), expires_at)
            .await?;
        Ok(Cookie::build((COOKIE, String::from(id)))
            .path("/admin")
            .http_only(true)
            .same_site(SameSite::Strict)
            .secure(https || self.settings.as_ref().is_none_or(|s| s.secure_cookie))
            .max_age(cookie::time::Duration::seconds(seconds))
            .build())
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

    /// Ends the session of these request headers, if any, on every instance.
    pub async fn close_session(&self, headers: &HeaderMap) -> Result<(), StoreError> {
        match session_cookie(headers) {
            Some(id) => self.db.close_admin_session(&session_digest(&id)).await,
            None => Ok(()),
        }
    }

    /// Checks the credentials of a request from `client`.
    pub async fn check(&self, headers: &HeaderMap, client: IpAddr) -> Access {
        if !self.enabled() {
            return Access::Disabled;
        }
        if let Some(token) = bearer(headers) {
            return self.try_token(token, client).await;
        }
        match session_cookie(headers) {
            // Session ids are 128 random bits: guessing is hopeless, so no failure count.
            Some(id) => match self.db.admin_session_open(&session_digest(&id)).await {
                Ok(true) => Access::Granted,
                Ok(false) => Access::Denied,
                Err(error) => {
                    tracing::error!(%error, "admin: sessions unreadable");
                    Access::Denied
                }
            },
            None => Access::Missing,
        }
    }
}

/// The Bearer token of these headers.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
}

/// `candidate` is `secret`, compared in constant time (hashes first, so the length leaks
/// nothing either).
fn same_secret(candidate: &str, secret: &SecretString) -> bool {
    let a = Sha256::digest(candidate.trim().as_bytes());
    let b = Sha256::digest(secret.expose_secret().as_bytes());
    a.ct_eq(&b).into()
}

/// What the database keeps of a session id: its SHA-256 (the id has 128 random bits, so no
/// key is needed; a copy of the table opens no session).
fn session_digest(id: &Token) -> String {
    hex::encode(Sha256::digest(id.as_str().as_bytes()))
}

/// The session id in our cookie in these headers.
fn session_cookie(headers: &HeaderMap) -> Option<Token> {
    CookieJar::from_headers(headers)
        .get(COOKIE)
        .and_then(|c| Token::parse(c.value()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::SecretString;

    /// A database in a temporary folder (kept as long as the returned guard).
    async fn database() -> (Database, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/gate.db", dir.path().display());
        (Database::connect(&url).await.unwrap(), dir)
    }

    async fn gate(per_minute: u32) -> (AdminGate, tempfile::TempDir) {
        let (db, dir) = database().await;
        let settings = AdminSettings {
            token: SecretString::from("0123456789abcdef-admin"),
            session: std::time::Duration::from_secs(60),
            secure_cookie: true,
        };
        let per_minute = std::num::NonZeroU32::new(per_minute).unwrap();
        (
            AdminGate::new((Some(settings), None), per_minute, Vec::new(), db),
            dir,
        )
    }

    fn headers(name: header::HeaderName, value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(name, value.parse().unwrap());
        h
    }

    #[tokio::test]
    async fn bearer_and_cookie_are_checked() {
        let (gate, _dir) = gate(5).await;
        let me: IpAddr = "127.0.0.1".parse().unwrap();
        assert_eq!(gate.check(&HeaderMap::new(), me).await, Access::Missing);
        let wrong = headers(header::AUTHORIZATION, "Bearer nope");
        assert_eq!(gate.check(&wrong, me).await, Access::Denied);
        let right = headers(header::AUTHORIZATION, "Bearer 0123456789abcdef-admin");
        assert_eq!(gate.check(&right, me).await, Access::Granted);
        let id = gate.open_session(false).await.unwrap();
        let cookie = headers(header::COOKIE, &format!("a=b; {COOKIE}={}", id.value()));
        assert_eq!(gate.check(&cookie, me).await, Access::Granted);
        gate.close_session(&cookie).await.unwrap();
        assert_eq!(gate.check(&cookie, me).await, Access::Denied);
    }

    #[tokio::test]
    async fn repeated_failures_block_the_client_only() {
        let (gate, _dir) = gate(2).await;
        let me: IpAddr = "10.1.1.1".parse().unwrap();
        let other: IpAddr = "10.1.1.2".parse().unwrap();
        let wrong = headers(header::AUTHORIZATION, "Bearer nope");
        for _ in 0..3 {
            gate.check(&wrong, me).await;
        }
        let right = headers(header::AUTHORIZATION, "Bearer 0123456789abcdef-admin");
        assert_eq!(gate.check(&right, me).await, Access::Blocked);
        assert_eq!(gate.check(&right, other).await, Access::Granted);
    }

    #[tokio::test]
    async fn disabled_without_settings() {
        let (db, _dir) = database().await;
        let gate = AdminGate::new((None, None), std::num::NonZeroU32::MIN, Vec::new(), db);
        assert_eq!(
            gate.check(&HeaderMap::new(), "127.0.0.1".parse().unwrap())
                .await,
            Access::Disabled
        );
        assert_eq!(
            gate.try_token("", "127.0.0.1".parse().unwrap()).await,
            Access::Disabled
        );
    }
}
