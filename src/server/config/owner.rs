//! The business owner's side of the configuration: admin access and notifications.
//!
//! Secrets (`ADMIN_TOKEN`, `NOTIFY_WEBHOOK_SECRET`, `SMTP_URL`, which may hold a password)
//! come from the environment only; retry and rate settings from `Leptos.toml`.

use std::{num::NonZeroU32, time::Duration};

use secrecy::SecretString;

use super::{
    error::{is_http_url, ConfigError, Keys},
    raw::{RawAdmin, RawNotifications},
};
use crate::domain::checks::check_email;

/// Shortest accepted `ADMIN_TOKEN`: it is the only thing between the internet and the
/// visitors' personal data, so it must hold at least 128 random bits (32 hex characters).
pub const ADMIN_TOKEN_MIN_LEN: usize = 32;

/// Fewest different characters in `ADMIN_TOKEN` (32 random hex characters hold about 15).
const ADMIN_TOKEN_MIN_DISTINCT: usize = 10;

/// The admin area (`/admin`), enabled by `ADMIN_TOKEN`.
#[derive(Clone, Debug)]
pub struct AdminSettings {
    /// The token scripts send as `Authorization: Bearer …` and people type in the login form.
    pub token: SecretString,
    /// How long a browser session lasts.
    pub session: Duration,
    /// The session cookie is `Secure` (sent over HTTPS only) even when a request does not say
    /// it came over HTTPS; `false` only for development over plain HTTP.
    pub secure_cookie: bool,
}

/// Where new proposals and bookings are announced.
#[derive(Clone, Debug, Default)]
pub struct NotifySettings {
    /// `NOTIFY_WEBHOOK_URL` (and its signing secret).
    pub webhook: Option<WebhookSettings>,
    /// `SMTP_URL` and `NOTIFY_EMAIL_TO`.
    pub email: Option<EmailSettings>,
    /// Wait before the first retry of a failed delivery; doubled at each further failure.
    pub first_retry: Duration,
    /// Longest wait between two attempts.
    pub max_retry: Duration,
    /// Attempts before a delivery is given up (and logged as an error).
    pub max_attempts: u32,
}

/// A webhook receiver.
#[derive(Clone, Debug)]
pub struct WebhookSettings {
    /// The receiver's URL.
    pub url: String,
    /// Key of the `X-Rdv-Signature` HMAC, when set.
    pub secret: Option<SecretString>,
}

/// An email recipient and the SMTP server that delivers to it.
#[derive(Clone, Debug)]
pub struct EmailSettings {
    /// `smtp://…` or `smtps://user:password@host:port` (lettre's URL format).
    pub smtp_url: SecretString,
    /// The owner's address.
    pub to: String,
    /// The sender address.
    pub from: String,
}

/// `admin.failures_per_minute`: wrong tokens (the admin's or `/metrics`'s) accepted per
/// client and minute before answering 429, whether the admin is enabled or not.
pub(super) fn failures_per_minute(
    file: Keys<'_>,
    raw: &RawAdmin,
) -> Result<NonZeroU32, ConfigError> {
    NonZeroU32::new(raw.failures_per_minute)
        .ok_or_else(|| file.invalid("admin.failures_per_minute", "must be at least 1"))
}

/// Reads `[admin]` and `ADMIN_TOKEN`; `None` when the admin is disabled (no token).
pub(super) fn admin(
    file: Keys<'_>,
    raw: RawAdmin,
    env: &impl Fn(&str) -> Option<String>,
) -> Result<Option<AdminSettings>, ConfigError> {
    file.check(
        (1..=720).contains(&raw.session_hours),
        "admin.session_hours",
        "must be between 1 and 720",
    )?;
    let Some(token) = env("ADMIN_TOKEN") else {
        return Ok(None);
    };
    let distinct = token
        .chars()
        .collect::<std::collections::HashSet<_>>()
        .len();
    Keys::ENV.check(
        token.chars().count() >= ADMIN_TOKEN_MIN_LEN && distinct >= ADMIN_TOKEN_MIN_DISTINCT,
        "ADMIN_TOKEN",
        "is too weak: it must hold at least 128 random bits, e.g. the 32 characters of \
         `openssl rand -hex 16`",
    )?;
    Ok(Some(AdminSettings {
        token: SecretString::from(token),
        session: Duration::from_secs(raw.session_hours * 3600),
        secure_cookie: raw.secure_cookie,
    }))
}

/// True when `url`'s host is this machine (`localhost`, 127.0.0.0/8, `::1`): the one place
/// where notifications may travel without TLS.
fn is_loopback_url(url: &str) -> bool {
    let Some((_, rest)) = url.split_once("://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host_port.split(':').next().unwrap_or(""),
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Reads `[notifications]` and the `NOTIFY_*` / `SMTP_URL` variables.
pub(super) fn notify(
    file: Keys<'_>,
    raw: RawNotifications,
    env: &impl Fn(&str) -> Option<String>,
) -> Result<NotifySettings, ConfigError> {
    file.check(
        (10..=3_600_000).contains(&raw.first_retry_ms),
        "notifications.first_retry_ms",
        "must be between 10 and 3600000",
    )?;
    file.check(
        (1..=86_400).contains(&raw.max_retry_seconds),
        "notifications.max_retry_seconds",
        "must be between 1 and 86400",
    )?;
    file.check(
        (1..=100).contains(&raw.max_attempts),
        "notifications.max_attempts",
        "must be between 1 and 100",
    )?;
    let env_keys = Keys::ENV;
    let webhook = match env("NOTIFY_WEBHOOK_URL") {
        Some(url) => {
            env_keys.check(
                is_http_url(&url),
                "NOTIFY_WEBHOOK_URL",
                "must be an http(s) URL, e.g. https://exemple.fr/hooks/rdv",
            )?;
            // Notifications carry visitors' names, emails and phones.
            env_keys.check(
                url.starts_with("https://") || is_loopback_url(&url),
                "NOTIFY_WEBHOOK_URL",
                "must be https:// (plain http only to this machine: localhost, 127.0.0.1, ::1)",
            )?;
            Some(WebhookSettings {
                url,
                secret: env("NOTIFY_WEBHOOK_SECRET").map(SecretString::from),
            })
        }
        None => None,
    };
    let email = match (env("SMTP_URL"), env("NOTIFY_EMAIL_TO")) {
        (None, None) => None,
        (Some(_), None) => {
            return Err(env_keys.invalid(
                "NOTIFY_EMAIL_TO",
                "is required with SMTP_URL: the address that receives the notifications",
            ))
        }
        (None, Some(_)) => {
            return Err(env_keys.invalid(
                "SMTP_URL",
                "is required with NOTIFY_EMAIL_TO, e.g. smtps://user:password@smtp.exemple.fr",
            ))
        }
        (Some(url), Some(to)) => {
            env_keys.check(
                url.starts_with("smtp://") || url.starts_with("smtps://"),
                "SMTP_URL",
                "must start with smtp:// or smtps://, e.g. smtps://user:password@smtp.exemple.fr",
            )?;
            env_keys.check(
                url.starts_with("smtps://")
                    || url.contains("tls=required")
                    || is_loopback_url(&url),
                "SMTP_URL",
                "must use TLS to a remote server: smtps://… or smtp://…?tls=required \
                 (plain smtp:// only to this machine)",
            )?;
            env_keys.check(
                check_email(&to).is_ok(),
                "NOTIFY_EMAIL_TO",
                "is not an email address",
            )?;
            let from = env("NOTIFY_EMAIL_FROM").unwrap_or_else(|| to.clone());
            env_keys.check(
                check_email(&from).is_ok(),
                "NOTIFY_EMAIL_FROM",
                "is not an email address",
            )?;
            Some(EmailSettings {
                smtp_url: SecretString::from(url),
                to,
                from,
            })
        }
    };
    Ok(NotifySettings {
        webhook,
        email,
        first_retry: Duration::from_millis(raw.first_retry_ms),
        max_retry: Duration::from_secs(raw.max_retry_seconds),
        max_attempts: raw.max_attempts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: Keys<'static> = Keys { path: "L" };

    use crate::lookup as env_of;

    #[test]
    fn admin_is_off_without_a_token_and_refuses_a_short_one() {
        let none = admin(FILE, RawAdmin::default(), &env_of(&[])).unwrap();
        assert!(none.is_none());
        let short = admin(
            FILE,
            RawAdmin::default(),
            &env_of(&[("ADMIN_TOKEN", "abc")]),
        );
        assert!(short.unwrap_err().to_string().contains("ADMIN_TOKEN"));
        let ok = admin(
            FILE,
            RawAdmin::default(),
            &env_of(&[("ADMIN_TOKEN", "0123456789abcdef0123456789abcdef")]),
        )
        .unwrap()
        .unwrap();
        assert_eq!(ok.session, Duration::from_secs(12 * 3600));
    }

    #[test]
    fn email_needs_both_url_and_recipient() {
        let only_url = notify(
            FILE,
            RawNotifications::default(),
            &env_of(&[("SMTP_URL", "smtp://127.0.0.1:2525")]),
        );
        assert!(only_url
            .unwrap_err()
            .to_string()
            .contains("NOTIFY_EMAIL_TO"));
        let bad_scheme = notify(
            FILE,
            RawNotifications::default(),
            &env_of(&[("SMTP_URL", "http://x"), ("NOTIFY_EMAIL_TO", "a@b.fr")]),
        );
        assert!(bad_scheme.unwrap_err().to_string().contains("SMTP_URL"));
        let ok = notify(
            FILE,
            RawNotifications::default(),
            &env_of(&[
                ("SMTP_URL", "smtp://127.0.0.1:2525"),
                ("NOTIFY_EMAIL_TO", "owner@exemple.fr"),
                ("NOTIFY_WEBHOOK_URL", "http://127.0.0.1:9/hook"),
            ]),
        )
        .unwrap();
        assert_eq!(ok.email.unwrap().from, "owner@exemple.fr");
        assert!(ok.webhook.unwrap().secret.is_none());
    }

    #[test]
    fn a_webhook_url_must_be_http() {
        let bad = notify(
            FILE,
            RawNotifications::default(),
            &env_of(&[("NOTIFY_WEBHOOK_URL", "ftp://x")]),
        );
        assert!(bad.unwrap_err().to_string().contains("NOTIFY_WEBHOOK_URL"));
    }

    #[test]
    fn notifications_leave_this_machine_only_over_tls() {
        for (url, loopback) in [
            ("http://127.0.0.1:9/hook", true),
            ("http://localhost/hook", true),
            ("http://[::1]:8080/hook", true),
            ("smtp://user:pw@127.0.0.1:2525", true),
            ("http://127.0.0.1.evil.fr/hook", false),
            ("http://exemple.fr/hook", false),
            ("smtp://localhost@evil.fr:25", false),
        ] {
            assert_eq!(is_loopback_url(url), loopback, "{url}");
        }
        let plain = notify(
            FILE,
            RawNotifications::default(),
            &env_of(&[("NOTIFY_WEBHOOK_URL", "http://exemple.fr/hook")]),
        );
        assert!(plain.unwrap_err().to_string().contains("https"));
        let smtp = notify(
            FILE,
            RawNotifications::default(),
            &env_of(&[
                ("SMTP_URL", "smtp://smtp.exemple.fr"),
                ("NOTIFY_EMAIL_TO", "a@b.fr"),
            ]),
        );
        assert!(smtp.unwrap_err().to_string().contains("TLS"));
        for ok in [
            "smtps://u:p@smtp.exemple.fr",
            "smtp://smtp.exemple.fr:587?tls=required",
        ] {
            let settings = notify(
                FILE,
                RawNotifications::default(),
                &env_of(&[("SMTP_URL", ok), ("NOTIFY_EMAIL_TO", "a@b.fr")]),
            );
            assert!(settings.is_ok(), "{ok}");
        }
    }
}
