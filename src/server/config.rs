//! Typed configuration: booking settings from `Leptos.toml`, secrets from the environment.
//!
//! Everything is validated at startup; an error names the key so the owner can fix it.

use std::{fmt, path::Path, time::Duration};

use chrono_tz::Tz;

use super::owner_config::{self, AdminSettings, NotifySettings};
use serde::Deserialize;

/// Default Cal.com API base URL (the US cloud).
pub const DEFAULT_CALCOM_API_URL: &str = "https://api.cal.com";
/// Default SQLite database, created if missing.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/rdv-tunnel.db";

/// A configuration problem, naming the key at fault.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The settings file cannot be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The settings file is not valid TOML or has unknown or mistyped keys.
    #[error("{path}: {message}")]
    Parse {
        /// The file.
        path: String,
        /// The parser's message (it names the key and line).
        message: String,
    },
    /// A key has a value outside what is allowed.
    #[error("{path}: `{key}` {problem}")]
    Invalid {
        /// The file or "environment".
        path: String,
        /// The key, dotted (`tunnel.max_dates_shown`).
        key: String,
        /// What is wrong, and what is expected.
        problem: String,
    },
}

/// A secret string that never prints: `Debug` shows a placeholder and there is no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    /// The value, for the one place that must send it (an HTTP header).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// The whole validated configuration.
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
    /// SQLite URL.
    pub database_url: String,
    /// Days after which proposals (from their sending) and bookings (from their start) are deleted.
    pub retention_days: u32,
    /// Shortest time between showing a form and its submission (faster is a bot).
    pub min_fill: Duration,
    /// Form posts and bookings accepted per client and minute.
    pub posts_per_minute: std::num::NonZeroU32,
    /// Reverse proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Who may embed the page in a frame (CSP `frame-ancestors`).
    pub frame_ancestors: Vec<String>,
    /// The admin area; `None` when `ADMIN_TOKEN` is unset (disabled).
    pub admin: Option<AdminSettings>,
    /// Where new proposals and bookings are announced.
    pub notify: NotifySettings,
}

/// The business whose calendar is shown.
#[derive(Clone, Debug)]
pub struct Business {
    /// Name shown on the page.
    pub name: String,
    /// Time zone of the calendar; every date and hour is shown in it.
    pub time_zone: Tz,
    /// How hours are qualified ("heure de Paris").
    pub zone_label: String,
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
}

/// Rules of the tunnel.
#[derive(Clone, Debug)]
pub struct TunnelRules {
    /// Fewest dates proposed per week window.
    pub min_dates_shown: usize,
    /// Most dates proposed per week window.
    pub max_dates_shown: usize,
    /// Hours proposed per date.
    pub hours_per_date: usize,
    /// Default search range of the slots API, in days.
    pub range_days: u32,
    /// Largest range a caller may ask for.
    pub max_range_days: u32,
    /// Days of availability the page reads (enough for every week window).
    pub page_horizon_days: u32,
    /// Week windows proposed before the fallback form.
    pub weeks_before_fallback: usize,
    /// How long availability is cached.
    pub cache_ttl: Duration,
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
    pub token: Option<Secret>,
    /// `cal-api-version` for the slots family.
    pub slots_api_version: String,
    /// `cal-api-version` for the bookings family.
    pub bookings_api_version: String,
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
        let raw: RawFile = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_string(),
            message: e.to_string().trim().replace('\n', " "),
        })?;
        let invalid = |key: &str, problem: String| ConfigError::Invalid {
            path: path.to_string(),
            key: key.to_string(),
            problem,
        };

        let tz_name = raw.business.time_zone.as_deref().unwrap_or("Europe/Paris");
        let time_zone: Tz = tz_name.parse().map_err(|_| {
            invalid(
                "business.time_zone",
                format!("is not an IANA time zone (got {tz_name:?}, e.g. \"Europe/Paris\")"),
            )
        })?;
        let zone_label = raw.business.zone_label.clone().unwrap_or_else(|| {
            let city = tz_name
                .rsplit('/')
                .next()
                .unwrap_or(tz_name)
                .replace('_', " ");
            format!("heure de {city}")
        });

        if raw.event_types.is_empty() {
            return Err(invalid(
                "event_types",
                "must define at least one event type, e.g. [event_types.appel]".to_string(),
            ));
        }
        let mut event_types = Vec::with_capacity(raw.event_types.len());
        for (slug, value) in raw.event_types {
            let key = format!("event_types.{slug}");
            if !crate::domain::tunnel::is_slug(&slug) {
                return Err(invalid(
                    &key,
                    "must be a lower-case slug (a-z, 0-9, - or _)".to_string(),
                ));
            }
            let e: RawEventType = value.try_into().map_err(|e: toml::de::Error| {
                invalid(&key, e.to_string().trim().replace('\n', " "))
            })?;
            if e.calcom_id == 0 {
                return Err(invalid(
                    &format!("{key}.calcom_id"),
                    "must be a positive Cal.com event type id".to_string(),
                ));
            }
            if !(5..=480).contains(&e.duration_minutes) {
                return Err(invalid(
                    &format!("{key}.duration_minutes"),
                    "must be between 5 and 480".to_string(),
                ));
            }
            let label = e.label.trim().to_string();
            if label.is_empty() || label.chars().count() > 40 {
                return Err(invalid(
                    &format!("{key}.label"),
                    "must be 1 to 40 characters".to_string(),
                ));
            }
            event_types.push(EventType {
                phone_required: e.phone_required.unwrap_or(slug == "appel"),
                slug,
                calcom_id: e.calcom_id,
                label,
                duration_minutes: e.duration_minutes,
            });
        }

        let t = raw.tunnel;
        let tunnel = TunnelRules {
            min_dates_shown: t.min_dates_shown.unwrap_or(3),
            max_dates_shown: t.max_dates_shown.unwrap_or(4),
            hours_per_date: t.hours_per_date.unwrap_or(2),
            range_days: t.range_days.unwrap_or(14),
            max_range_days: t.max_range_days.unwrap_or(60),
            page_horizon_days: t.page_horizon_days.unwrap_or(35),
            weeks_before_fallback: t.weeks_before_fallback.unwrap_or(3),
            cache_ttl: Duration::from_secs(t.cache_ttl_seconds.unwrap_or(60)),
        };
        let check = |ok: bool, key: &str, problem: &str| {
            if ok {
                Ok(())
            } else {
                Err(invalid(key, problem.to_string()))
            }
        };
        check(
            (1..=7).contains(&tunnel.min_dates_shown),
            "tunnel.min_dates_shown",
            "must be between 1 and 7",
        )?;
        check(
            (tunnel.min_dates_shown..=7).contains(&tunnel.max_dates_shown),
            "tunnel.max_dates_shown",
            "must be between tunnel.min_dates_shown and 7",
        )?;
        check(
            (1..=8).contains(&tunnel.hours_per_date),
            "tunnel.hours_per_date",
            "must be between 1 and 8",
        )?;
        check(
            (1..=366).contains(&tunnel.max_range_days),
            "tunnel.max_range_days",
            "must be between 1 and 366",
        )?;
        check(
            (1..=tunnel.max_range_days).contains(&tunnel.range_days),
            "tunnel.range_days",
            "must be between 1 and tunnel.max_range_days",
        )?;
        check(
            (7..=tunnel.max_range_days).contains(&tunnel.page_horizon_days),
            "tunnel.page_horizon_days",
            "must be between 7 and tunnel.max_range_days",
        )?;
        check(
            (1..=12).contains(&tunnel.weeks_before_fallback),
            "tunnel.weeks_before_fallback",
            "must be between 1 and 12",
        )?;
        check(
            (1..=3600).contains(&tunnel.cache_ttl.as_secs()),
            "tunnel.cache_ttl_seconds",
            "must be between 1 and 3600",
        )?;

        let retention_days = raw.privacy.retention_days.unwrap_or(90);
        check(
            (1..=3650).contains(&retention_days),
            "privacy.retention_days",
            "must be between 1 and 3650",
        )?;

        let min_fill_seconds = raw.spam.min_fill_seconds.unwrap_or(3);
        check(
            min_fill_seconds <= 60,
            "spam.min_fill_seconds",
            "must be between 0 and 60",
        )?;

        let posts_per_minute = std::num::NonZeroU32::new(raw.spam.posts_per_minute.unwrap_or(10))
            .filter(|n| n.get() <= 10_000)
            .ok_or_else(|| {
                invalid(
                    "spam.posts_per_minute",
                    "must be between 1 and 10000".to_string(),
                )
            })?;
        let mut trusted_proxies = Vec::new();
        for (i, ip) in raw
            .spam
            .trusted_proxies
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            trusted_proxies.push(ip.trim().parse().map_err(|_| {
                invalid(
                    &format!("spam.trusted_proxies[{i}]"),
                    format!("is not an IP address (got {ip:?})"),
                )
            })?);
        }

        let frame_ancestors = raw.security.frame_ancestors.unwrap_or_default();
        for (i, entry) in frame_ancestors.iter().enumerate() {
            if !super::security::is_frame_ancestor(entry) {
                return Err(invalid(
                    &format!("security.frame_ancestors[{i}]"),
                    format!("must be \"'self'\", \"'none'\" or an origin like \"https://www.exemple.fr\" (got {entry:?})"),
                ));
            }
        }

        let env = |k: &str| {
            env(k)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let admin = owner_config::admin(path, raw.admin, &env)?;
        let notify = owner_config::notify(path, raw.notifications, &env)?;
        let token = env("CAL_COM_TOKEN");
        let api_url = env("CAL_COM_API_URL");
        let calendar = if token.is_none() && api_url.is_none() {
            CalendarSource::Demo
        } else {
            let api_url = api_url.unwrap_or_else(|| DEFAULT_CALCOM_API_URL.to_string());
            let api_url = api_url.trim_end_matches('/').to_string();
            let scheme_ok = api_url.starts_with("https://") || api_url.starts_with("http://");
            if !scheme_ok || reqwest::Url::parse(&api_url).is_err() {
                return Err(ConfigError::Invalid {
                    path: "environment".to_string(),
                    key: "CAL_COM_API_URL".to_string(),
                    problem: "must be an http(s) URL, e.g. https://api.cal.com".to_string(),
                });
            }
            let c = raw.calcom;
            CalendarSource::CalCom(CalComSettings {
                api_url,
                token: token.map(Secret::new),
                slots_api_version: c
                    .slots_api_version
                    .unwrap_or_else(|| "2024-09-04".to_string()),
                bookings_api_version: c
                    .bookings_api_version
                    .unwrap_or_else(|| "2024-08-13".to_string()),
            })
        };

        Ok(Self {
            business: Business {
                name: raw
                    .business
                    .name
                    .unwrap_or_else(|| "Prise de rendez-vous".to_string()),
                time_zone,
                zone_label,
            },
            event_types,
            tunnel,
            calendar,
            database_url: env("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string()),
            retention_days,
            min_fill: Duration::from_secs(min_fill_seconds),
            posts_per_minute,
            trusted_proxies,
            frame_ancestors,
            admin,
            notify,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    business: RawBusiness,
    #[serde(default)]
    event_types: toml::Table,
    #[serde(default)]
    tunnel: RawTunnel,
    #[serde(default)]
    calcom: RawCalcom,
    #[serde(default)]
    privacy: RawPrivacy,
    #[serde(default)]
    spam: RawSpam,
    #[serde(default)]
    security: RawSecurity,
    #[serde(default)]
    admin: owner_config::RawAdmin,
    #[serde(default)]
    notifications: owner_config::RawNotifications,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSecurity {
    frame_ancestors: Option<Vec<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSpam {
    min_fill_seconds: Option<u64>,
    posts_per_minute: Option<u32>,
    trusted_proxies: Option<Vec<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPrivacy {
    retention_days: Option<u32>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawBusiness {
    name: Option<String>,
    time_zone: Option<String>,
    zone_label: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEventType {
    calcom_id: u64,
    label: String,
    duration_minutes: u32,
    phone_required: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawTunnel {
    min_dates_shown: Option<usize>,
    max_dates_shown: Option<usize>,
    hours_per_date: Option<usize>,
    range_days: Option<u32>,
    max_range_days: Option<u32>,
    page_horizon_days: Option<u32>,
    weeks_before_fallback: Option<usize>,
    cache_ttl_seconds: Option<u64>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCalcom {
    slots_api_version: Option<String>,
    bookings_api_version: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[business]
time_zone = "Europe/Paris"

[event_types.appel]
calcom_id = 2283473
label = "Appel"
duration_minutes = 30

[event_types.visio]
calcom_id = 2283474
label = "Visio"
duration_minutes = 45
"#;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn the_shipped_file_is_valid() {
        let text = std::fs::read_to_string("Leptos.toml").unwrap();
        let c = Config::from_toml(&text, "Leptos.toml", no_env).unwrap();
        assert_eq!(c.event_types[0].slug, "appel");
        assert_eq!(c.event_types[0].calcom_id, 2283473);
    }

    #[test]
    fn defaults_and_order() {
        let c = Config::from_toml(GOOD, "t", no_env).unwrap();
        assert_eq!(
            c.event_types
                .iter()
                .map(|e| e.slug.as_str())
                .collect::<Vec<_>>(),
            ["appel", "visio"]
        );
        assert_eq!(c.event_type(None).unwrap().slug, "appel");
        assert!(c.event_types[0].phone_required);
        assert!(!c.event_types[1].phone_required);
        assert_eq!(c.tunnel.range_days, 14);
        assert_eq!(c.business.zone_label, "heure de Paris");
        assert!(matches!(c.calendar, CalendarSource::Demo));
    }

    #[test]
    fn errors_name_the_key() {
        let bad_tz = GOOD.replace("Europe/Paris", "Mars/Olympus");
        let e = Config::from_toml(&bad_tz, "t", no_env)
            .unwrap_err()
            .to_string();
        assert!(e.contains("business.time_zone"), "{e}");

        let bad_rule = format!("{GOOD}\n[tunnel]\nmax_dates_shown = 2\n");
        let e = Config::from_toml(&bad_rule, "t", no_env)
            .unwrap_err()
            .to_string();
        assert!(e.contains("tunnel.max_dates_shown"), "{e}");

        let typo = format!("{GOOD}\n[tunnel]\nrange_dayz = 2\n");
        let e = Config::from_toml(&typo, "t", no_env)
            .unwrap_err()
            .to_string();
        assert!(e.contains("range_dayz"), "{e}");

        let missing = GOOD.replace("duration_minutes = 45", "");
        let e = Config::from_toml(&missing, "t", no_env)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("event_types.visio") && e.contains("duration_minutes"),
            "{e}"
        );

        let env = |k: &str| (k == "CAL_COM_API_URL").then(|| "ftp://x".to_string());
        let e = Config::from_toml(GOOD, "t", env).unwrap_err().to_string();
        assert!(e.contains("CAL_COM_API_URL"), "{e}");
    }

    #[test]
    fn calcom_mode_and_secret_never_prints() {
        let env = |k: &str| (k == "CAL_COM_TOKEN").then(|| "cal_live_sentinel".to_string());
        let c = Config::from_toml(GOOD, "t", env).unwrap();
        let CalendarSource::CalCom(s) = &c.calendar else {
            panic!("expected Cal.com mode")
        };
        assert_eq!(s.api_url, DEFAULT_CALCOM_API_URL);
        assert_eq!(s.token.as_ref().unwrap().expose(), "cal_live_sentinel");
        assert!(!format!("{c:?}").contains("sentinel"));
    }
}
