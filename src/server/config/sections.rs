//! Validation of each section of `Leptos.toml` (and of the Cal.com variables), turning the
//! raw values into the typed configuration.

use std::time::Duration;

use chrono_tz::Tz;
use secrecy::SecretString;

use super::{
    error::{is_http_url, ConfigError, Keys},
    raw::{RawBusiness, RawCalcom, RawEventType, RawSecurity},
    Business, CalComSettings, CalendarSource, EventType, TunnelRules, DEFAULT_CALCOM_API_URL,
};
use crate::{
    domain::{checks::is_slug, lang::Lang},
    server::words,
};

/// `[business]`.
pub(super) fn business(file: Keys<'_>, raw: RawBusiness) -> Result<Business, ConfigError> {
    let time_zone: Tz = raw.time_zone.parse().map_err(|_| {
        file.invalid(
            "business.time_zone",
            format!(
                "is not an IANA time zone (got {:?}, e.g. \"Europe/Paris\")",
                raw.time_zone
            ),
        )
    })?;
    let language = match &raw.language {
        None => Lang::french(),
        Some(code) => Lang::parse(code)
            .filter(|l| l.as_str() == code && words::is_known(l))
            .ok_or_else(|| {
                file.invalid(
                    "business.language",
                    format!("has no catalogue in locales/ (got {code:?}, e.g. \"fr\" or \"en\")"),
                )
            })?,
    };
    for (key, url) in [
        ("business.image_url", &raw.image_url),
        ("business.public_url", &raw.public_url),
    ] {
        if let Some(url) = url {
            file.check(
                is_http_url(url),
                key,
                "must be an absolute http(s) URL, e.g. \"https://www.exemple.fr/rdv.png\"",
            )?;
        }
    }
    Ok(Business {
        name: raw.name,
        language,
        time_zone,
        zone_label: raw.zone_label,
        description: raw.description,
        image_url: raw.image_url,
        public_url: raw.public_url.map(|u| u.trim_end_matches('/').to_string()),
        contact: raw
            .contact
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty()),
        translations: Default::default(),
    })
}

/// `[event_types.<slug>]`, in file order.
pub(super) fn event_types(file: Keys<'_>, raw: toml::Table) -> Result<Vec<EventType>, ConfigError> {
    file.check(
        !raw.is_empty(),
        "event_types",
        "must define at least one event type, e.g. [event_types.appel]",
    )?;
    let mut event_types = Vec::with_capacity(raw.len());
    for (slug, value) in raw {
        let key = format!("event_types.{slug}");
        file.check(
            is_slug(&slug),
            &key,
            "must be a lower-case slug (a-z, 0-9, - or _)",
        )?;
        let e: RawEventType = value.try_into().map_err(|e: toml::de::Error| {
            file.invalid(&key, e.to_string().trim().replace('\n', " "))
        })?;
        file.check(
            e.calcom_id > 0,
            &format!("{key}.calcom_id"),
            "must be a positive Cal.com event type id",
        )?;
        file.check(
            (5..=480).contains(&e.duration_minutes),
            &format!("{key}.duration_minutes"),
            "must be between 5 and 480",
        )?;
        let label = e.label.trim().to_string();
        file.check(
            !label.is_empty() && label.chars().count() <= 40,
            &format!("{key}.label"),
            "must be 1 to 40 characters",
        )?;
        let public_page = match (e.calcom_username, e.calcom_slug) {
            (None, None) => None,
            (Some(user), Some(event)) if is_public_name(&user) && is_public_name(&event) => {
                Some((user, event))
            }
            _ => {
                return Err(file.invalid(
                    &format!("{key}.calcom_username"),
                    "and calcom_slug go together: the username and event slug of the event type's public page (cal.com/<username>/<slug>)",
                ))
            }
        };
        if let Some(hours) = e.changes_until_hours_before {
            file.check(
                (1..=720).contains(&hours),
                &format!("{key}.changes_until_hours_before"),
                "must be between 1 and 720 (hours before the appointment)",
            )?;
        }
        event_types.push(EventType {
            changes_until_minutes: e.changes_until_hours_before.map(|h| h * 60),
            public_page,
            phone_required: e.phone_required.unwrap_or(slug == "appel"),
            slug,
            calcom_id: e.calcom_id,
            label,
            duration_minutes: e.duration_minutes,
        });
    }
    Ok(event_types)
}

/// A Cal.com username or event slug, as its public URLs write them.
fn is_public_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 100
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// `[tunnel]`: checks the rules as read.
pub(super) fn tunnel(file: Keys<'_>, t: TunnelRules) -> Result<TunnelRules, ConfigError> {
    let ranges: [(bool, &str, &str); 9] = [
        (
            (1..=7).contains(&t.min_dates_shown),
            "tunnel.min_dates_shown",
            "must be between 1 and 7",
        ),
        (
            (t.min_dates_shown..=7).contains(&t.max_dates_shown),
            "tunnel.max_dates_shown",
            "must be between tunnel.min_dates_shown and 7",
        ),
        (
            (1..=8).contains(&t.hours_per_date),
            "tunnel.hours_per_date",
            "must be between 1 and 8",
        ),
        (
            (1..=366).contains(&t.max_range_days),
            "tunnel.max_range_days",
            "must be between 1 and 366",
        ),
        (
            (1..=t.max_range_days).contains(&t.range_days),
            "tunnel.range_days",
            "must be between 1 and tunnel.max_range_days",
        ),
        (
            (7..=t.max_range_days).contains(&t.page_horizon_days),
            "tunnel.page_horizon_days",
            "must be between 7 and tunnel.max_range_days",
        ),
        (
            (1..=12).contains(&t.weeks_before_fallback),
            "tunnel.weeks_before_fallback",
            "must be between 1 and 12",
        ),
        (
            (1..=3600).contains(&t.cache_ttl.as_secs()),
            "tunnel.cache_ttl_seconds",
            "must be between 1 and 3600",
        ),
        (
            (1..=60).contains(&t.hold_minutes),
            "tunnel.hold_minutes",
            "must be between 1 and 60",
        ),
    ];
    for (ok, key, problem) in ranges {
        file.check(ok, key, problem)?;
    }
    Ok(t)
}

/// True for a `frame_ancestors` entry we accept: `'self'`, `'none'` or an http(s) origin.
fn is_frame_ancestor(entry: &str) -> bool {
    entry == "'self'"
        || entry == "'none'"
        || ((entry.starts_with("https://") || entry.starts_with("http://"))
            && !entry.contains(|c: char| c.is_whitespace() || c == ';' || c == ',' || c == '\''))
}

/// `[security]`: who may embed the page, and how long and how many requests may take.
pub(super) fn security(
    file: Keys<'_>,
    raw: RawSecurity,
) -> Result<(Vec<String>, super::ConnectionLimits), ConfigError> {
    for (i, entry) in raw.frame_ancestors.iter().enumerate() {
        file.check(
            is_frame_ancestor(entry),
            &format!("security.frame_ancestors[{i}]"),
            &format!("must be \"'self'\", \"'none'\" or an origin like \"https://www.exemple.fr\" (got {entry:?})"),
        )?;
    }
    file.check(
        (1..=60).contains(&raw.header_timeout_seconds),
        "security.header_timeout_seconds",
        "must be from 1 to 60",
    )?;
    file.check(
        (10..=600).contains(&raw.request_timeout_seconds),
        "security.request_timeout_seconds",
        "must be from 10 to 600",
    )?;
    file.check(
        (1..=100_000).contains(&raw.max_requests_in_flight),
        "security.max_requests_in_flight",
        "must be from 1 to 100000",
    )?;
    file.check(
        raw.hsts_seconds <= 63_072_000,
        "security.hsts_seconds",
        "must be at most 63072000 (two years), or 0 to send no HSTS header",
    )?;
    Ok((
        raw.frame_ancestors,
        super::ConnectionLimits {
            header_timeout: Duration::from_secs(raw.header_timeout_seconds),
            request_timeout: Duration::from_secs(raw.request_timeout_seconds),
            max_in_flight: raw.max_requests_in_flight,
            hsts: (raw.hsts_seconds > 0).then(|| Duration::from_secs(raw.hsts_seconds)),
        },
    ))
}

/// The `cal-api-version` values Cal.com knows for each endpoint family (an unknown one
/// silently falls back to 2024-04-15, which these calls do not speak).
const SLOTS_VERSIONS: [&str; 1] = ["2024-09-04"];
const BOOKINGS_VERSIONS: [&str; 2] = ["2024-08-13", "2026-02-25"];

/// `[calcom]` and `CAL_COM_TOKEN` / `CAL_COM_API_URL`: the demo calendar when neither is set.
pub(super) fn calendar(
    file: Keys<'_>,
    raw: RawCalcom,
    env: &impl Fn(&str) -> Option<String>,
) -> Result<CalendarSource, ConfigError> {
    file.check(
        SLOTS_VERSIONS.contains(&raw.slots_api_version.as_str()),
        "calcom.slots_api_version",
        "must be \"2024-09-04\" (Cal.com's version of the slots endpoints)",
    )?;
    file.check(
        BOOKINGS_VERSIONS.contains(&raw.bookings_api_version.as_str()),
        "calcom.bookings_api_version",
        "must be \"2024-08-13\" or \"2026-02-25\" (Cal.com's versions of the bookings endpoints)",
    )?;
    file.check(
        (5..=120).contains(&raw.booking_timeout_seconds),
        "calcom.booking_timeout_seconds",
        "must be between 5 and 120",
    )?;
    let token = env("CAL_COM_TOKEN");
    let api_url = env("CAL_COM_API_URL");
    if token.is_none() && api_url.is_none() {
        return Ok(CalendarSource::Demo);
    }
    let api_url = api_url.unwrap_or_else(|| DEFAULT_CALCOM_API_URL.to_string());
    let api_url = api_url.trim_end_matches('/').to_string();
    Keys::ENV.check(
        is_http_url(&api_url),
        "CAL_COM_API_URL",
        "must be an http(s) URL, e.g. https://api.cal.com",
    )?;
    Ok(CalendarSource::CalCom(CalComSettings {
        api_url,
        token: token.map(SecretString::from),
        slots_api_version: raw.slots_api_version,
        bookings_api_version: raw.bookings_api_version,
        booking_timeout: Duration::from_secs(raw.booking_timeout_seconds),
        webhook_secret: super::environment::webhook_secret(env("CAL_COM_WEBHOOK_SECRET"))?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_ancestors() {
        assert!(is_frame_ancestor("'self'"));
        assert!(is_frame_ancestor("https://www.exemple.fr"));
        assert!(!is_frame_ancestor("https://a.fr; script-src *"));
        assert!(!is_frame_ancestor("*"));
    }
}
