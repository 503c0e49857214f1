//! `[matching]`: proposals that turn into appointments. When an hour inside one of a
//! visitor's ranges comes free, the visitor is emailed it once, with a link that books it.

use serde::Deserialize;

use super::{error::Keys, ConfigError, NotifySettings};

/// Hours one email offers unless `matching.hours_per_email` says otherwise (also what the
/// owner's "send these hours" and an offer's page list when matching is off).
pub const DEFAULT_HOURS_PER_EMAIL: usize = 2;

/// How proposals are matched with the hours that come free.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatchingSettings {
    /// Days after it was made that a proposal stays matchable (never past its last proposed
    /// day); `None`: until its last proposed day.
    pub matchable_days: Option<u32>,
    /// Hours one email offers.
    pub hours_per_email: usize,
}

/// `[matching]` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawMatching {
    pub enabled: Option<bool>,
    pub matchable_days: u32,
    pub hours_per_email: u32,
}

impl Default for RawMatching {
    fn default() -> Self {
        Self {
            enabled: None,
            matchable_days: 0,
            hours_per_email: DEFAULT_HOURS_PER_EMAIL as u32,
        }
    }
}

/// Reads `[matching]`: on by default when emails can be sent (`SMTP_URL`) and their links
/// can name the page (`business.public_url`); turned on without either, startup stops
/// naming the key.
pub(super) fn matching(
    file: Keys<'_>,
    raw: RawMatching,
    notify: &NotifySettings,
    public_url: Option<&str>,
) -> Result<Option<MatchingSettings>, ConfigError> {
    file.check(
        (1..=5).contains(&raw.hours_per_email),
        "matching.hours_per_email",
        "must be between 1 and 5",
    )?;
    file.check(
        raw.matchable_days <= 366,
        "matching.matchable_days",
        "must be between 0 (until the last proposed day) and 366",
    )?;
    let can = notify.email.is_some() && public_url.is_some();
    match raw.enabled {
        Some(true) if notify.email.is_none() => Err(file.invalid(
            "matching.enabled",
            "needs SMTP_URL and NOTIFY_EMAIL_TO: the offer is an email",
        )),
        Some(true) if public_url.is_none() => Err(file.invalid(
            "matching.enabled",
            "needs business.public_url: the email's links name the booking page",
        )),
        Some(false) => Ok(None),
        _ if !can => Ok(None),
        _ => Ok(Some(MatchingSettings {
            matchable_days: (raw.matchable_days > 0).then_some(raw.matchable_days),
            hours_per_email: usize::try_from(raw.hours_per_email)
                .unwrap_or(DEFAULT_HOURS_PER_EMAIL),
        })),
    }
}
