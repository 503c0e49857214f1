//! Validation of the settings that come from the environment (secrets and per-deployment
//! values), each error naming its variable.

use std::time::Duration;

use secrecy::SecretString;

use super::error::{ConfigError, Keys};

/// `DATABASE_URL`: a SQLite URL (the default when unset) or a PostgreSQL one. Anything
/// else stops startup rather than, as sqlx would, opening a new SQLite file named after the
/// URL. Secret: a PostgreSQL URL usually holds a password.
pub(super) fn database_url(url: Option<String>) -> Result<SecretString, ConfigError> {
    let Some(url) = url else {
        return Ok(SecretString::from(super::DEFAULT_DATABASE_URL));
    };
    Keys::ENV.check(
        crate::server::store::Backend::of(&url).is_some(),
        "DATABASE_URL",
        "must be a SQLite URL (sqlite://data/rdv-tunnel.db) or a PostgreSQL one \
         (postgres://user:password@host:5432/database)",
    )?;
    Ok(SecretString::from(url))
}

/// `RDV_SHUTDOWN_SECONDS`: whole seconds from 1 to 300 (default 20: within the 30 s most
/// orchestrators wait before killing).
pub(super) fn shutdown_grace(value: Option<String>) -> Result<Duration, ConfigError> {
    let Some(value) = value else {
        return Ok(Duration::from_secs(20));
    };
    let seconds = value
        .trim()
        .parse::<u64>()
        .ok()
        .filter(|s| (1..=300).contains(s));
    Keys::ENV.check(
        seconds.is_some(),
        "RDV_SHUTDOWN_SECONDS",
        "must be a whole number of seconds from 1 to 300",
    )?;
    Ok(Duration::from_secs(seconds.unwrap_or(20)))
}

/// An optional secret of the environment: at least `min` characters when set (`key` and `hint`
/// name it and say how to make one in the error).
fn secret(
    value: Option<String>,
    key: &str,
    min: usize,
    hint: &str,
) -> Result<Option<SecretString>, ConfigError> {
    if let Some(value) = &value {
        Keys::ENV.check(
            value.chars().count() >= min,
            key,
            &format!("is too short: it needs {min} random characters or more {hint}"),
        )?;
    }
    Ok(value.map(SecretString::from))
}

/// `RDV_FORM_KEY`: at least 32 characters when set.
pub(super) fn form_key(key: Option<String>) -> Result<Option<SecretString>, ConfigError> {
    let hint = "(e.g. `openssl rand -hex 32`), or leave it unset";
    secret(key, "RDV_FORM_KEY", 32, hint)
}

/// `CAL_COM_WEBHOOK_SECRET`: at least 16 characters when set (Cal.com accepts any text;
/// a short one could be guessed, and then anyone could cancel bookings here).
pub(super) fn webhook_secret(value: Option<String>) -> Result<Option<SecretString>, ConfigError> {
    secret(
        value,
        "CAL_COM_WEBHOOK_SECRET",
        16,
        "(e.g. `openssl rand -hex 24`)",
    )
}

/// `METRICS_TOKEN`: the bearer token of `/metrics` (unset: no `/metrics`).
pub(super) fn metrics_token(token: Option<String>) -> Result<Option<SecretString>, ConfigError> {
    secret(token, "METRICS_TOKEN", 32, "(e.g. `openssl rand -hex 16`)")
}
