//! Typed configuration: booking settings from `Leptos.toml`, secrets from the environment.
//!
//! Everything is validated at startup; an error names the key so the owner can fix it.
//! `raw` holds the file as written (and every default), `sections` and `owner` validate it.

mod environment;
mod error;
pub mod home;
mod languages;
mod matching;
mod owner;
mod raw;
mod reminders;
mod sections;
mod spam;

use std::{num::NonZeroU32, path::Path, time::Duration};

use chrono_tz::Tz;

use crate::domain::lang::Lang;
use secrecy::SecretString;

pub use error::ConfigError;
use error::Keys;
pub use languages::Translation;
pub use matching::{MatchingSettings, DEFAULT_HOURS_PER_EMAIL};
pub use owner::{
    AdminSettings, EmailSettings, NotifySettings, WebhookSettings, ADMIN_TOKEN_MIN_LEN,
};

/// Default Cal.com API base URL (the US cloud).
pub const DEFAULT_CALCOM_API_URL: &str = "https://api.cal.com";
/// Default SQLite database, created if missing.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/rdv-tunnel.db";

/// The whole validated configuration.
/// Slow or too many clients (`[security]`): a connection that does not finish its headers
/// within `header_timeout` is closed; a request (or its body) that takes longer than
/// `request_timeout` is answered 408; past `max_in_flight` requests at once, new ones get a
/// quick 503 instead of waiting in a queue.
#[derive(Clone, Copy, Debug)]
pub struct ConnectionLimits {
    /// Time to send the request line and headers.
    pub header_timeout: Duration,
    /// Time for a whole request, body included.
    pub request_timeout: Duration,
    /// Requests handled at once.
    pub max_in_flight: usize,
    /// `Strict-Transport-Security` max-age, when the site is served over HTTPS only.
    pub hsts: Option<Duration>,
}

#[derive(Clone, Debug)]
pub struct Config {
    /// The business.
    pub business: Business,
    /// Event types, in file order (the first is the default).
    pub event_types: Vec<EventType>,
    /// Tunnel rules.
    pub tunnel: TunnelRules,
    /// Where availability comes from.
    pub calendar: CalendarSource,
    /// SQLite or PostgreSQL URL (secret: it may hold a password).
    pub database_url: SecretString,
    /// Days after which proposals (from their sending) and bookings (from their start) are deleted.
    pub retention_days: u32,
    /// Shortest time between showing a form and its submission (faster is a bot).
    pub min_fill: Duration,
    /// Form posts and bookings accepted per client and minute.
    pub posts_per_minute: NonZeroU32,
    /// Page views and slots API reads accepted per client and minute, by each instance.
    pub reads_per_minute: NonZeroU32,
    /// Bookings, and separately proposals, accepted per email address in
    /// 24 hours.
    pub per_email_per_day: NonZeroU32,
    /// Bookings, and separately proposals, accepted per client (address,
    /// or IPv6 /64) in 24 hours.
    pub per_client_per_day: NonZeroU32,
    /// Hours one client may hold at Cal.com at once (while typing its contact details).
    pub holds_per_client: NonZeroU32,
    /// Holds one client may make in an hour (a person switches hours a few times; each
    /// switch costs two Cal.com calls).
    pub holds_per_client_per_hour: NonZeroU32,
    /// Share of an event type's offered hours, in percent, that all visits together may
    /// hold at once: hoarders from many addresses still leave the calendar bookable.
    pub holds_share_percent: NonZeroU32,
    /// `RDV_FORM_KEY`: the form-signing key, when the operator sets it (otherwise one is
    /// made and kept in the database).
    pub form_key: Option<SecretString>,
    /// `RDV_SHUTDOWN_SECONDS`: how long a stopping process lets requests in flight and the
    /// notification worker finish.
    pub shutdown_grace: Duration,
    /// Reverse proxies whose `X-Forwarded-For` names the client: addresses or CIDR ranges.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Who may embed the page in a frame (CSP `frame-ancestors`).
    pub frame_ancestors: Vec<String>,
    /// How long a client may take, and how many requests run at once.
    pub limits: ConnectionLimits,
    /// The admin area; `None` when `ADMIN_TOKEN` is unset (disabled).
    pub admin: Option<AdminSettings>,
    /// Wrong tokens (admin or `/metrics`) accepted per client and minute before 429
    /// (`admin.failures_per_minute`).
    pub failures_per_minute: std::num::NonZeroU32,
    /// Proposals matched with the hours that come free; `None`: off.
    pub matching: Option<MatchingSettings>,
    /// How long before an appointment its visitor is reminded of it, by email (none: off).
    pub reminders: Vec<Duration>,
    /// The bearer token of `/metrics`: `METRICS_TOKEN` (never the admin's); `None`: no page.
    pub metrics_token: Option<SecretString>,
    /// Where new proposals and bookings are announced.
    pub notify: NotifySettings,
}

/// The business whose calendar is shown.
#[derive(Clone, Debug)]
pub struct Business {
    /// Name shown on the page.
    pub name: String,
    /// The language of the owner's side (admin, notifications), and the pages' default.
    pub language: Lang,
    /// Time zone of the calendar; every date and hour is shown in it.
    pub time_zone: Tz,
    /// How hours are qualified, when the owner says it ("heure de Paris"); otherwise the
    /// catalogue's "`<city>` time" in each language (see [`Business::zone_label`]).
    pub zone_label: Option<String>,
    /// What search results and link previews say of the booking page, if the owner says it.
    pub description: Option<String>,
    /// The image of link previews (an absolute http(s) URL), if any.
    pub image_url: Option<String>,
    /// The page's public address (`https://www.exemple.fr/prendre-rendez-vous`), if known.
    pub public_url: Option<String>,
    /// How visitors reach the business when a change is no longer possible online (a phone
    /// number or an email address), if the owner says it.
    pub contact: Option<String>,
    /// What the owner wrote in other languages (`[translations.en]`).
    pub translations: std::collections::BTreeMap<Lang, Translation>,
}

/// A bookable event type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventType {
    /// URL and API slug (`appel`).
    pub slug: String,
    /// Cal.com event type id.
    pub calcom_id: u64,
    /// Visitor-facing label.
    pub label: String,
    /// Length, in minutes.
    pub duration_minutes: u32,
    /// True when the visitor must give a phone number.
    pub phone_required: bool,
    /// Its public address in Cal.com (username, event slug), to read its rules without a key.
    pub public_page: Option<(String, String)>,
    /// No cancel or move from the page within this many minutes of the start
    /// (`changes_until_hours_before`), besides Cal.com's own rules.
    pub changes_until_minutes: Option<u32>,
}

/// Rules of the tunnel (`[tunnel]`, read as it is and checked by `sections::tunnel`).
#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TunnelRules {
    /// Fewest dates offered per week window.
    pub min_dates_shown: usize,
    /// Most dates offered per week window.
    pub max_dates_shown: usize,
    /// Hours offered per date.
    pub hours_per_date: usize,
    /// Default search range of the slots API, in days.
    pub range_days: u32,
    /// Largest range a caller may ask for.
    pub max_range_days: u32,
    /// Days of availability the page reads (enough for every week window).
    pub page_horizon_days: u32,
    /// Week windows offered before the proposal form.
    pub weeks_before_fallback: usize,
    /// How long availability is cached.
    #[serde(rename = "cache_ttl_seconds", deserialize_with = "seconds")]
    pub cache_ttl: Duration,
    /// How long the chosen hour is held at Cal.com while the visitor types (with an API
    /// key; without one Cal.com holds it 5 minutes).
    pub hold_minutes: u32,
}

impl Default for TunnelRules {
    fn default() -> Self {
        Self {
            min_dates_shown: 3,
            max_dates_shown: 4,
            hours_per_date: 2,
            range_days: 14,
            max_range_days: 60,
            page_horizon_days: 35,
            weeks_before_fallback: 3,
            cache_ttl: Duration::from_secs(60),
            hold_minutes: 10,
        }
    }
}

/// A duration written as whole seconds.
fn seconds<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
    <u64 as serde::Deserialize>::deserialize(deserializer).map(Duration::from_secs)
}

/// Where availability comes from.
#[derive(Clone, Debug)]
pub enum CalendarSource {
    /// The built-in demo calendar (no Cal.com configured).
    Demo,
    /// Cal.com API v2.
    CalCom(CalComSettings),
}

/// How to reach Cal.com.
#[derive(Clone, Debug)]
pub struct CalComSettings {
    /// Base URL without trailing slash (`https://api.cal.com`).
    pub api_url: String,
    /// API key; public event types need none.
    pub token: Option<SecretString>,
    /// `cal-api-version` for the slots family.
    pub slots_api_version: String,
    /// `cal-api-version` for the bookings family.
    pub bookings_api_version: String,
    /// How long a booking may take before it is looked up instead.
    pub booking_timeout: Duration,
    /// `CAL_COM_WEBHOOK_SECRET`: the secret Cal.com signs its webhooks with; without it,
    /// `/webhooks/calcom` does not exist.
    pub webhook_secret: Option<SecretString>,
}

impl Config {
    /// The event type for a slug, or the default (first) when `slug` is `None`.
    pub fn event_type(&self, slug: Option<&str>) -> Option<&EventType> {
        match slug {
            None => self.event_types.first(),
            Some(s) => self.event_types.iter().find(|e| e.slug == s),
        }
    }

    /// Loads `path` and the environment (through `env`), and validates both.
    pub fn load(path: &Path, env: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: shown.clone(),
            source,
        })?;
        Self::from_toml(&text, &shown, env)
    }

    /// Parses and validates settings text; `path` is only used in messages.
    pub fn from_toml(
        text: &str,
        path: &str,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let raw: raw::RawFile = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_string(),
            message: e.to_string().trim().replace('\n', " "),
        })?;
        let file = Keys { path };
        let env = |k: &str| {
            env(k)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let retention_days = raw.privacy.retention_days;
        file.check(
            (1..=3650).contains(&retention_days),
            "privacy.retention_days",
            "must be between 1 and 3650",
        )?;
        let (frame_ancestors, limits) = sections::security(file, raw.security)?;
        let (
            min_fill,
            [posts_per_minute, reads_per_minute, per_email_per_day, per_client_per_day, holds_per_client, holds_per_client_per_hour, holds_share_percent],
            trusted_proxies,
        ) = spam::spam(file, raw.spam)?;
        let calendar = sections::calendar(file, raw.calcom, &env)?;
        if let CalendarSource::CalCom(settings) = &calendar {
            // A booking, and the lookup after a silent one, must end before the request does.
            file.check(
                limits.request_timeout >= settings.booking_timeout + Duration::from_secs(10),
                "security.request_timeout_seconds",
                "must be at least calcom.booking_timeout_seconds + 10",
            )?;
        }
        let event_types = sections::event_types(file, raw.event_types)?;
        let failures_per_minute = owner::failures_per_minute(file, &raw.admin)?;
        let admin = owner::admin(file, raw.admin, &env)?;
        let notify = owner::notify(file, raw.notifications, &env)?;
        let business = languages::translated(
            file,
            sections::business(file, raw.business)?,
            raw.translations,
            &event_types,
        )?;
        let matching =
            matching::matching(file, raw.matching, &notify, business.public_url.as_deref())?;
        let reminders =
            reminders::reminders(file, raw.reminders, &notify, business.public_url.as_deref())?;
        Ok(Self {
            business,
            matching,
            reminders,
            event_types,
            tunnel: sections::tunnel(file, raw.tunnel)?,
            frame_ancestors,
            limits,
            metrics_token: environment::metrics_token(env("METRICS_TOKEN"))?,
            admin,
            failures_per_minute,
            notify,
            calendar,
            database_url: environment::database_url(env("DATABASE_URL"))?,
            form_key: environment::form_key(env("RDV_FORM_KEY"))?,
            shutdown_grace: environment::shutdown_grace(env("RDV_SHUTDOWN_SECONDS"))?,
            retention_days,
            min_fill,
            posts_per_minute,
            reads_per_minute,
            per_email_per_day,
            per_client_per_day,
            holds_per_client,
            holds_per_client_per_hour,
            holds_share_percent,
            trusted_proxies,
        })
    }
}

impl Config {
    /// What the privacy page says of this installation.
    pub fn privacy_facts(&self) -> crate::domain::view::PrivacyFacts {
        use crate::domain::view::PrivacyFacts;
        PrivacyFacts {
            retention_days: self.retention_days,
            calendar: match &self.calendar {
                CalendarSource::Demo => None,
                CalendarSource::CalCom(s) => Some(PrivacyFacts::calendar_of(&s.api_url)),
            },
            offers_by_email: self.matching.is_some(),
        }
    }
}

#[cfg(test)]
mod tests;
