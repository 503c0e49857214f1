//! The tunnel's state as carried in the URL, and the view the server sends to render it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Path of the booking page.
pub const PAGE_PATH: &str = "/prendre-rendez-vous";

/// Longest value accepted for any query parameter; longer ones are ignored.
const MAX_PARAM_LEN: usize = 64;

/// Where the visitor is in the tunnel, as read from the page URL.
///
/// Parsing is lenient: a missing or malformed value is treated as absent, so a shared or
/// mistyped link still opens the page at its first step.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TunnelQuery {
    /// Event type slug (`appel`, `visio`); the first configured type when absent.
    pub event_type: Option<String>,
    /// Index of the week window (0 = first with availability).
    pub week: usize,
    /// Seed of the random pick, fixed for the visit.
    pub seed: Option<u64>,
    /// The chosen date, once picked.
    pub date: Option<NaiveDate>,
    /// The chosen hour (`HH:MM`), once picked.
    pub hour: Option<String>,
    /// Go straight to the own-availability form (`proposer=1`).
    pub propose: bool,
    /// Opaque token of a refused submission to show again (never personal data).
    pub draft: Option<String>,
    /// Campaign parameters the visitor arrived with (`utm_source`…), carried along the visit.
    pub utm: Vec<(String, String)>,
}

/// The campaign parameters kept from the landing URL.
pub const UTM_KEYS: [&str; 5] = [
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
];

/// Percent-encodes a query value (unreserved characters kept as they are).
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `utm_source=…&utm_medium=…`, encoded, for links and hidden form fields.
pub fn utm_query(utm: &[(String, String)]) -> String {
    utm.iter()
        .map(|(k, v)| format!("{k}={}", encode_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

impl TunnelQuery {
    /// Reads the query from a parameter lookup (the router's query map or axum's).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Self {
        let get = |k: &str| get(k).filter(|v| !v.is_empty() && v.len() <= MAX_PARAM_LEN);
        Self {
            event_type: get("type").filter(|t| is_slug(t)),
            week: get("week")
                .and_then(|w| w.parse::<u8>().ok())
                .map_or(0, usize::from),
            seed: get("seed").and_then(|s| s.parse().ok()),
            date: get("date").and_then(|d| d.parse().ok()),
            hour: get("hour").filter(|h| is_hh_mm(h)),
            propose: get("proposer").is_some_and(|v| v == "1"),
            draft: get("draft").filter(|d| is_token(d)),
            utm: UTM_KEYS
                .iter()
                .filter_map(|k| {
                    get(k)
                        .filter(|v| !v.chars().any(char::is_control))
                        .map(|v| (k.to_string(), v))
                })
                .collect(),
        }
    }

    /// The page URL for this state, parameters in a fixed order.
    pub fn href(&self) -> String {
        let mut params: Vec<(&str, String)> = Vec::new();
        if let Some(t) = &self.event_type {
            params.push(("type", t.clone()));
        }
        if self.week > 0 {
            params.push(("week", self.week.to_string()));
        }
        if let Some(s) = self.seed {
            params.push(("seed", s.to_string()));
        }
        if let Some(d) = self.date {
            params.push(("date", d.to_string()));
        }
        if let Some(h) = &self.hour {
            params.push(("hour", h.clone()));
        }
        if self.propose {
            params.push(("proposer", "1".to_string()));
        }
        if let Some(d) = &self.draft {
            params.push(("draft", d.clone()));
        }
        for (k, v) in &self.utm {
            if let Some(key) = UTM_KEYS.iter().find(|u| *u == k) {
                params.push((key, encode_component(v)));
            }
        }
        if params.is_empty() {
            return PAGE_PATH.to_string();
        }
        let query: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("{PAGE_PATH}?{}", query.join("&"))
    }

    /// The same visit at another step: keeps type and seed, replaces the rest.
    pub fn at(&self, week: usize, date: Option<NaiveDate>, hour: Option<String>) -> Self {
        Self {
            event_type: self.event_type.clone(),
            week,
            seed: self.seed,
            date,
            hour,
            propose: false,
            draft: None,
            utm: self.utm.clone(),
        }
    }

    /// The own-availability step of this visit, optionally showing a draft.
    pub fn fallback(&self, draft: Option<String>) -> Self {
        Self {
            event_type: self.event_type.clone(),
            week: 0,
            seed: self.seed,
            date: None,
            hour: None,
            propose: true,
            draft,
            utm: self.utm.clone(),
        }
    }
}

/// A random token as the server makes them: 32 lower-case hex digits.
pub fn is_token(s: &str) -> bool {
    s.len() == 32
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A lower-case ASCII slug, as used for event types in URLs.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 32
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// `HH:MM` with a valid 24 h time.
pub fn is_hh_mm(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 5
        && b[2] == b':'
        && s[..2].parse::<u8>().is_ok_and(|h| h < 24)
        && s[3..].parse::<u8>().is_ok_and(|m| m < 60)
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 2 || c.is_ascii_digit())
}

/// An event type the visitor can choose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventTypeChoice {
    /// URL slug.
    pub slug: String,
    /// Label shown to the visitor ("Appel").
    pub label: String,
    /// Length of the appointment.
    pub duration_minutes: u32,
}

/// Everything the page needs to render the tunnel for one URL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TunnelView {
    /// The configured event types, in configuration order.
    pub event_types: Vec<EventTypeChoice>,
    /// The selected event type.
    pub current: EventTypeChoice,
    /// True when availability comes from the built-in demo calendar.
    pub demo: bool,
    /// IANA name of the business time zone.
    pub time_zone: String,
    /// How hours are qualified for the visitor ("heure de Paris").
    pub zone_label: String,
    /// The step to show.
    pub step: TunnelStep,
}

/// The tunnel's step for a URL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TunnelStep {
    /// Dates of a week window (and, when one is chosen, its hours).
    Dates(WeekProposal),
    /// An hour is chosen: the visitor's contact details.
    Contact(Box<ContactStep>),
    /// The own-availability form.
    Fallback(FallbackStep),
}

/// Why the visitor reached the own-availability form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FallbackReason {
    /// The calendar has no free hour in the searched range.
    NoAvailability,
    /// The visitor declined every proposed week.
    NothingFits,
    /// Live availability cannot be read right now and nothing is cached.
    Unavailable,
    /// The visitor asked for it directly (or a booking failed).
    Asked,
}

/// The own-availability step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FallbackStep {
    /// Why we are here.
    pub reason: FallbackReason,
    /// What the visitor typed before, with errors, if anything.
    pub draft: super::forms::Draft,
    /// Back to the first proposed dates, when there are any.
    pub back_href: Option<String>,
    /// Campaign parameters of the visit (`utm_source=…`), sent with the form.
    pub utm: String,
    /// Signed time the form was shown (bot defence).
    pub issued: String,
}

/// The contact step for a chosen hour.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactStep {
    /// Hidden fields of the form (type, week, seed, date, hour).
    pub form: super::forms::BookingForm,
    /// "jeudi 26 novembre".
    pub date_label: String,
    /// `HH:MM`.
    pub time: String,
    /// The chosen start, RFC 3339 UTC.
    pub start_utc: String,
    /// True when the hour is still free (otherwise only alternatives are shown).
    pub available: bool,
    /// Whether a phone number is required.
    pub phone_required: bool,
    /// Back to the hours of the chosen date.
    pub back_href: String,
    /// The own-availability form of this visit.
    pub fallback_href: String,
    /// What the visitor typed before, with errors or a notice, if anything.
    pub draft: super::forms::Draft,
    /// Nearest free hours when the chosen one is taken.
    pub alternatives: Vec<ProposedHour>,
}

/// The dates proposed for one week window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekProposal {
    /// Index of the window.
    pub week: usize,
    /// Seed of this visit's pick.
    pub seed: u64,
    /// First available date of the window (`YYYY-MM-DD`).
    pub start: String,
    /// "jeudi 26 novembre".
    pub start_label: String,
    /// True when the window starts later than today (the page says so).
    pub starts_later: bool,
    /// The proposed dates, in order, each with its proposed hours.
    pub dates: Vec<ProposedDate>,
    /// Index in `dates` of the chosen date, if any.
    pub selected: Option<usize>,
    /// Link to "Aucune date ne me convient" (the next window or the fallback).
    pub next_href: String,
    /// Link back to this window's dates, nothing chosen.
    pub dates_href: String,
    /// True when the availability is a cached copy served while Cal.com fails.
    pub stale: bool,
}

/// A proposed date with its proposed hours.
///
/// View types hold display-ready strings, not `chrono` values: they are island props, and
/// parsing dates in the browser would add `chrono`'s parser to every visitor's download.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposedDate {
    /// The date in the business time zone (`YYYY-MM-DD`).
    pub date: String,
    /// "jeudi 26 novembre".
    pub label: String,
    /// The link that selects this date.
    pub href: String,
    /// The proposed hours (usually two), in order.
    pub hours: Vec<ProposedHour>,
}

/// A proposed hour with the link that chooses it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposedHour {
    /// `HH:MM` in the business time zone.
    pub time: String,
    /// The exact start, RFC 3339 in UTC (`2026-11-26T08:00:00Z`).
    pub start_utc: String,
    /// The link to the contact step for this hour.
    pub href: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn parses_valid_query_and_round_trips() {
        let q = TunnelQuery::from_lookup(lookup(&[
            ("type", "visio"),
            ("week", "1"),
            ("seed", "42"),
            ("date", "2026-11-26"),
            ("hour", "09:30"),
        ]));
        assert_eq!(q.event_type.as_deref(), Some("visio"));
        assert_eq!(q.week, 1);
        assert_eq!(q.seed, Some(42));
        assert_eq!(q.hour.as_deref(), Some("09:30"));
        assert_eq!(
            q.href(),
            "/prendre-rendez-vous?type=visio&week=1&seed=42&date=2026-11-26&hour=09:30"
        );
    }

    #[test]
    fn campaign_parameters_are_carried_encoded() {
        let q = TunnelQuery::from_lookup(lookup(&[
            ("type", "appel"),
            ("utm_source", "lettre d’info"),
            ("utm_medium", "e&mail"),
            ("utm_bogus", "x"),
        ]));
        assert_eq!(q.utm.len(), 2);
        let next = q.at(1, None, None).href();
        assert!(
            next.ends_with("&utm_source=lettre%20d%E2%80%99info&utm_medium=e%26mail"),
            "{next}"
        );
        assert_eq!(
            utm_query(&q.utm),
            "utm_source=lettre%20d%E2%80%99info&utm_medium=e%26mail"
        );
    }

    #[test]
    fn ignores_malformed_values() {
        let q = TunnelQuery::from_lookup(lookup(&[
            ("type", "<script>"),
            ("week", "-1"),
            ("seed", "abc"),
            ("date", "2026-13-40"),
            ("hour", "25:00"),
        ]));
        assert_eq!(q, TunnelQuery::default());
        assert_eq!(q.href(), PAGE_PATH);
        let long = "a".repeat(65);
        assert_eq!(
            TunnelQuery::from_lookup(lookup(&[("type", &long)])).event_type,
            None
        );
        assert_eq!(
            TunnelQuery::from_lookup(lookup(&[("week", "99999")])).week,
            0
        );
    }

    #[test]
    fn hh_mm_validation() {
        assert!(is_hh_mm("00:00"));
        assert!(is_hh_mm("23:59"));
        assert!(!is_hh_mm("24:00"));
        assert!(!is_hh_mm("9:00"));
        assert!(!is_hh_mm("09:0a"));
        assert!(!is_hh_mm("+9:00"));
    }
}
