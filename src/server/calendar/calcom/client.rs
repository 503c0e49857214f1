//! The HTTP client: one reqwest client with timeouts, versions per endpoint family, and a
//! classification of every failure.

use std::{
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use chrono::{DateTime, SecondsFormat, Utc};
use reqwest::RequestBuilder;

pub use super::booking::{BookingCreated, NewBooking, UpcomingBooking};
use super::{
    answer::{classify, created, excerpt, masked, retry_after, transport_error},
    error::CalComError,
    wire::{Attendee, CreateBooking, CreateBookingResponse, OneOrMany, SlotsResponse},
};
use secrecy::{ExposeSecret, SecretString};

use crate::{domain::questions::Answer, server::config::CalComSettings};

/// Connection timeout: a Cal.com that does not accept within this is down for us.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
/// Whole-request timeout, so a page never waits on Cal.com for more than this (bookings
/// have their own, longer budget: `calcom.booking_timeout_seconds`).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(4);
/// Wait applied after a 429 that says nothing of its reset: Cal.com's block lasts 60 s.
const DEFAULT_RETRY_AFTER: Duration = Duration::from_secs(60);
/// Longest wait we accept from `Retry-After`.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(300);
/// How much of a raw answer goes to the debug log.
const LOG_EXCERPT: usize = 500;

/// A Cal.com API v2 client.
#[derive(Clone, Debug)]
pub struct CalComClient {
    pub(super) http: reqwest::Client,
    pub(super) base: String,
    token: Option<SecretString>,
    pub(super) slots_version: String,
    pub(super) bookings_version: String,
    pub(super) booking_timeout: Duration,
    /// What Cal.com's rate limit leaves us, shared by every call of this key.
    quota: Arc<Mutex<Quota>>,
}

/// Calls of each rate-limit window that reads never take: they are kept for bookings (and
/// their lookups, cancellations and moves), each one a visitor waiting. Cal.com counts every
/// call of a key against one quota (120 a minute), so without this a burst of availability
/// reads could leave nothing for a booking.
pub const BOOKING_RESERVE: u64 = 10;

/// Cal.com's rate limit as its answers describe it: one quota per API key (per address
/// without one) across every endpoint.
#[derive(Debug, Default)]
struct Quota {
    /// After a 429, Cal.com refuses every call of the key until then: none goes out.
    blocked_until: Option<Instant>,
    /// Calls left in the current window, and when it resets (the last answer's
    /// `X-RateLimit-Remaining-Default` and `X-RateLimit-Reset-Default`).
    left: Option<(u64, Instant)>,
}

/// What a call is for, which decides whether it may spend the last calls of a window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Budget {
    /// Reads that the tunnel can do without (availability, served from the cache when
    /// stale; event types; holds, which are never fatal): they leave `BOOKING_RESERVE`
    /// calls of each window.
    Reads,
    /// Bookings, their lookups, cancellations and moves: may spend the whole quota.
    Bookings,
}

impl CalComClient {
    /// A client for `settings`.
    pub fn new(settings: &CalComSettings) -> Result<Self, CalComError> {
        let http = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .user_agent(concat!("rdv-tunnel/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| CalComError::Unavailable(format!("cannot build the HTTP client: {e}")))?;
        Ok(Self {
            http,
            base: settings.api_url.trim_end_matches('/').to_string(),
            token: settings.token.clone(),
            slots_version: settings.slots_api_version.clone(),
            bookings_version: settings.bookings_api_version.clone(),
            booking_timeout: settings.booking_timeout,
            quota: Arc::default(),
        })
    }

    /// `POST /v2/bookings`: books `booking.start` for the attendee.
    pub async fn create_booking(
        &self,
        booking: &NewBooking,
    ) -> Result<BookingCreated, CalComError> {
        let mut fields = serde_json::Map::new();
        if let Some(notes) = &booking.notes {
            fields.insert("notes".into(), notes.clone().into());
        }
        for (slug, answer) in &booking.answers {
            let value = match answer {
                Answer::Text(text) => text.clone().into(),
                Answer::Number(n) => (*n).into(),
                Answer::Bool(b) => (*b).into(),
            };
            fields.insert(slug.clone(), value);
        }
        let body = CreateBooking {
            start: booking.start.to_rfc3339_opts(SecondsFormat::Secs, true),
            event_type_id: booking.event_type_id,
            attendee: Attendee {
                name: &booking.name,
                email: &booking.email,
                time_zone: &booking.time_zone,
                language: super::wire::LANGUAGES
                    .contains(&booking.language.as_str())
                    .then_some(booking.language.as_str()),
                phone_number: booking.phone.as_deref(),
            },
            booking_fields_responses: fields,
            reserved_slot_uid: booking.reserved_slot_uid.as_deref(),
            metadata: booking
                .metadata
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect(),
            location: booking.place.as_ref().map(location_input),
        };
        let request = self
            .http
            .post(format!("{}/v2/bookings", self.base))
            .timeout(self.booking_timeout)
            .header("cal-api-version", &self.bookings_version)
            .json(&body);
        let text = self.send(request, Budget::Bookings, "bookings").await?;
        let parsed: CreateBookingResponse = serde_json::from_str(&text)
            .map_err(|e| CalComError::Malformed(format!("bookings: {e}")))?;
        let data = match parsed.data {
            OneOrMany::One(d) => Some(d),
            OneOrMany::Many(v) => v.into_iter().next(),
        };
        let Some(data) = data.filter(|_| parsed.status == "success") else {
            return Err(CalComError::Malformed(
                "bookings: no booking in answer".into(),
            ));
        };
        Ok(created(data, booking.start))
    }

    /// True when an API key is configured (`GET /v2/bookings` needs one).
    pub fn has_key(&self) -> bool {
        self.token.is_some()
    }

    /// `GET /v2/slots`: the free slot starts of an event type between `start` and `end`.
    ///
    /// `time_zone` only changes how Cal.com keys the days; the instants are the same. With
    /// `rescheduling` (a booking uid), the hours that booking could move to: its own hour
    /// counts as free.
    pub async fn slots(
        &self,
        event_type_id: u64,
        (start, end): (DateTime<Utc>, DateTime<Utc>),
        time_zone: &str,
        rescheduling: Option<&str>,
    ) -> Result<Vec<DateTime<Utc>>, CalComError> {
        let mut query = vec![
            ("eventTypeId", event_type_id.to_string()),
            ("start", start.to_rfc3339_opts(SecondsFormat::Secs, true)),
            ("end", end.to_rfc3339_opts(SecondsFormat::Secs, true)),
            ("timeZone", time_zone.to_string()),
        ];
        if let Some(uid) = rescheduling {
            query.push(("bookingUidToReschedule", uid.to_string()));
        }
        let request = self
            .http
            .get(format!("{}/v2/slots", self.base))
            .query(&query)
            .header("cal-api-version", &self.slots_version);
        let body = self.send(request, Budget::Reads, "slots").await?;
        let parsed: SlotsResponse = serde_json::from_str(&body)
            .map_err(|e| CalComError::Malformed(format!("slots: {e}")))?;
        if parsed.status != "success" {
            return Err(CalComError::Malformed(format!(
                "slots: status {:?}",
                excerpt(&parsed.status, 40)
            )));
        }
        parsed
            .data
            .values()
            .flatten()
            .map(|slot| {
                DateTime::parse_from_rfc3339(slot.start())
                    .map(|t| t.with_timezone(&Utc))
                    .map_err(|e| {
                        CalComError::Malformed(format!(
                            "slots: bad start {:?}: {e}",
                            excerpt(slot.start(), 40)
                        ))
                    })
            })
            .collect()
    }

    /// Sends a request (with the API key when configured) and returns the body of a 2xx.
    pub(super) async fn send(
        &self,
        request: RequestBuilder,
        budget: Budget,
        what: &str,
    ) -> Result<String, CalComError> {
        self.check_quota(budget)?;
        let request = match &self.token {
            Some(token) => request.bearer_auth(token.expose_secret()),
            None => request,
        };
        let started = Instant::now();
        let response = match request.send().await {
            Ok(response) => response,
            Err(error) => {
                crate::server::ops::metrics::calcom_call(
                    what,
                    started.elapsed(),
                    "transport",
                    None,
                );
                return Err(transport_error(error));
            }
        };
        let status = response.status();
        let retry_after = retry_after(&response);
        let remaining = response
            .headers()
            .get("x-ratelimit-remaining-default")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        self.note_quota(
            remaining.as_deref().and_then(|r| r.trim().parse().ok()),
            retry_after,
        );
        let body = response.text().await.map_err(transport_error)?;
        let outcome = match status.as_u16() {
            200..=299 => "ok",
            429 => "rate_limited",
            400..=499 => "refused",
            _ => "failed",
        };
        crate::server::ops::metrics::calcom_call(
            what,
            started.elapsed(),
            outcome,
            remaining.as_deref().and_then(|r| r.parse().ok()),
        );
        tracing::debug!(
            status = status.as_u16(),
            quota_left = remaining.as_deref().unwrap_or("?"),
            body = %masked(&excerpt(&body, LOG_EXCERPT)),
            "Réponse Cal.com {what}"
        );
        if status.is_success() {
            return Ok(body);
        }
        if status.is_client_error() && status != reqwest::StatusCode::TOO_MANY_REQUESTS {
            tracing::warn!(
                status = status.as_u16(),
                body = %masked(&excerpt(&body, 300)),
                "Cal.com refused {what}"
            );
        }
        let error = classify(status, retry_after, &body, self.token.is_some());
        if let CalComError::RateLimited { retry_after } = &error {
            let wait = retry_after
                .unwrap_or(DEFAULT_RETRY_AFTER)
                .min(MAX_RETRY_AFTER);
            if let Ok(mut quota) = self.quota.lock() {
                quota.blocked_until = Some(Instant::now() + wait);
            }
        }
        Err(error)
    }

    /// Remembers what the answer says is left of the window.
    fn note_quota(&self, remaining: Option<u64>, resets_in: Option<Duration>) {
        if let (Some(left), Some(resets_in), Ok(mut quota)) =
            (remaining, resets_in, self.quota.lock())
        {
            quota.left = Some((left, Instant::now() + resets_in.min(MAX_RETRY_AFTER)));
        }
    }

    /// Honours Cal.com's rate limit before calling: after a 429 nothing goes out until its
    /// reset; reads leave the window's last `BOOKING_RESERVE` calls to bookings.
    fn check_quota(&self, budget: Budget) -> Result<(), CalComError> {
        let Ok(mut quota) = self.quota.lock() else {
            return Ok(());
        };
        let now = Instant::now();
        if let Some(until) = quota.blocked_until {
            if until > now {
                return Err(CalComError::RateLimited {
                    retry_after: Some(until - now),
                });
            }
            quota.blocked_until = None;
        }
        match quota.left {
            Some((left, resets))
                if resets > now && budget == Budget::Reads && left <= BOOKING_RESERVE =>
            {
                return Err(CalComError::RateLimited {
                    retry_after: Some(resets - now),
                });
            }
            Some((_, resets)) if resets <= now => quota.left = None,
            _ => {}
        }
        Ok(())
    }
}

/// The place the visitor chose, as Cal.com's booking input says it (2024-08-13).
fn location_input(place: &super::ChosenPlace) -> serde_json::Value {
    use super::MeetingOption as M;
    let detail = place.detail.as_deref().unwrap_or_default();
    match &place.option {
        M::Video(integration) => {
            serde_json::json!({ "type": "integration", "integration": integration })
        }
        M::Address(_) => serde_json::json!({ "type": "address" }),
        M::Phone(_) => serde_json::json!({ "type": "phone" }),
        M::Link => serde_json::json!({ "type": "link" }),
        M::AttendeePhone => serde_json::json!({ "type": "attendeePhone", "phone": detail }),
        M::AttendeeAddress => serde_json::json!({ "type": "attendeeAddress", "address": detail }),
        M::AttendeeDefined => serde_json::json!({ "type": "attendeeDefined", "location": detail }),
    }
}
