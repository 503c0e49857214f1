//! The appointment's life at Cal.com after the visitor chose an hour: the hold while they
//! type (slot reservations), then cancelling or moving the booking. None of these needs an
//! API key: a reservation uid and a booking uid are secrets, kept on the server.

use chrono::{DateTime, SecondsFormat, Utc};

use super::{
    answer::{created, instant},
    client::{Budget, CalComClient},
    error::CalComError,
    wire::{
        CancelBooking, CreateBookingResponse, OneOrMany, RescheduleBooking, ReserveSlot,
        ReserveSlotResponse, StatusOnly,
    },
    BookingCreated,
};

/// A slot reservation: the hour leaves everyone else's availability until `until`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reservation {
    /// Cal.com's reservation uid (passed as `reservedSlotUid` when booking).
    pub uid: String,
    /// When Cal.com lets the hour go.
    pub until: DateTime<Utc>,
}

impl CalComClient {
    /// `POST /v2/slots/reservations`: holds `start` of `event_type_id` for `minutes` (with
    /// an API key; without one Cal.com holds it for its default 5 minutes).
    pub async fn reserve(
        &self,
        event_type_id: u64,
        start: DateTime<Utc>,
        minutes: u32,
    ) -> Result<Reservation, CalComError> {
        let request = self
            .http
            .post(format!("{}/v2/slots/reservations", self.base))
            .header("cal-api-version", &self.slots_version)
            .json(&self.reservation_body(event_type_id, start, minutes));
        let body = self.send(request, Budget::Reads, "reservation").await?;
        read_reservation(&body, minutes)
    }

    /// `PATCH /v2/slots/reservations/{uid}`: holds the same hour for `minutes` from now.
    pub async fn extend(
        &self,
        uid: &str,
        event_type_id: u64,
        start: DateTime<Utc>,
        minutes: u32,
    ) -> Result<Reservation, CalComError> {
        let request = self
            .http
            .patch(self.url(&["v2", "slots", "reservations", uid])?)
            .header("cal-api-version", &self.slots_version)
            .json(&self.reservation_body(event_type_id, start, minutes));
        let body = self.send(request, Budget::Reads, "reservation").await?;
        read_reservation(&body, minutes)
    }

    /// `DELETE /v2/slots/reservations/{uid}`: lets the hour go at once.
    pub async fn release(&self, uid: &str) -> Result<(), CalComError> {
        let request = self
            .http
            .delete(self.url(&["v2", "slots", "reservations", uid])?)
            .header("cal-api-version", &self.slots_version);
        self.send(request, Budget::Reads, "reservation").await?;
        Ok(())
    }

    /// `POST /v2/bookings/{uid}/cancel`.
    pub async fn cancel(&self, uid: &str, reason: &str) -> Result<(), CalComError> {
        let request = self
            .http
            .post(self.url(&["v2", "bookings", uid, "cancel"])?)
            .timeout(self.booking_timeout)
            .header("cal-api-version", &self.bookings_version)
            .json(&CancelBooking {
                cancellation_reason: reason,
            });
        self.send_for_success(request, "cancel").await
    }

    /// Sends a booking change whose answer says only whether it succeeded.
    async fn send_for_success(
        &self,
        request: reqwest::RequestBuilder,
        what: &'static str,
    ) -> Result<(), CalComError> {
        let body = self.send(request, Budget::Bookings, what).await?;
        let parsed: StatusOnly = serde_json::from_str(&body)
            .map_err(|e| CalComError::Malformed(format!("{what}: {e}")))?;
        if parsed.status != "success" {
            return Err(CalComError::Malformed(format!("{what}: no success")));
        }
        Ok(())
    }

    /// `POST /v2/bookings/{uid}/mark-absent`: the attendee `email` did not come (Cal.com
    /// refuses it before the booking's start).
    pub async fn mark_absent(&self, uid: &str, email: &str) -> Result<(), CalComError> {
        let request = self
            .http
            .post(self.url(&["v2", "bookings", uid, "mark-absent"])?)
            .timeout(self.booking_timeout)
            .header("cal-api-version", &self.bookings_version)
            .json(&serde_json::json!({ "attendees": [{ "email": email, "absent": true }] }));
        self.send_for_success(request, "mark absent").await
    }

    /// `POST /v2/bookings/{uid}/reschedule`: the booking moved to `start`, under a **new**
    /// uid (the old one is cancelled by Cal.com).
    pub async fn reschedule(
        &self,
        uid: &str,
        start: DateTime<Utc>,
        reason: Option<&str>,
    ) -> Result<BookingCreated, CalComError> {
        let request = self
            .http
            .post(self.url(&["v2", "bookings", uid, "reschedule"])?)
            .timeout(self.booking_timeout)
            .header("cal-api-version", &self.bookings_version)
            .json(&RescheduleBooking {
                start: start.to_rfc3339_opts(SecondsFormat::Secs, true),
                rescheduling_reason: reason,
            });
        let body = self.send(request, Budget::Bookings, "reschedule").await?;
        let parsed: CreateBookingResponse = serde_json::from_str(&body)
            .map_err(|e| CalComError::Malformed(format!("reschedule: {e}")))?;
        let data = match parsed.data {
            OneOrMany::One(d) => Some(d),
            OneOrMany::Many(v) => v.into_iter().next(),
        };
        match data.filter(|_| parsed.status == "success") {
            Some(data) => Ok(created(data, start)),
            None => Err(CalComError::Malformed(
                "reschedule: no booking in answer".into(),
            )),
        }
    }

    fn reservation_body(
        &self,
        event_type_id: u64,
        start: DateTime<Utc>,
        minutes: u32,
    ) -> ReserveSlot {
        ReserveSlot {
            event_type_id,
            slot_start: start.to_rfc3339_opts(SecondsFormat::Secs, true),
            // Cal.com refuses a duration from anonymous callers (401).
            reservation_duration: self.has_key().then_some(minutes),
        }
    }

    /// `base` + the path `segments`, each percent-encoded (a uid comes from Cal.com, but
    /// it is not ours to trust in a path).
    fn url(&self, segments: &[&str]) -> Result<reqwest::Url, CalComError> {
        let mut url = reqwest::Url::parse(&self.base)
            .map_err(|e| CalComError::Unavailable(format!("bad Cal.com URL: {e}")))?;
        url.path_segments_mut()
            .map_err(|()| CalComError::Unavailable("bad Cal.com URL".into()))?
            .pop_if_empty()
            .extend(segments);
        Ok(url)
    }
}

/// A reservation answer; its end is Cal.com's `reservationUntil`, or `minutes` from now.
fn read_reservation(body: &str, minutes: u32) -> Result<Reservation, CalComError> {
    let parsed: ReserveSlotResponse = serde_json::from_str(body)
        .map_err(|e| CalComError::Malformed(format!("reservation: {e}")))?;
    if parsed.status != "success" {
        return Err(CalComError::Malformed("reservation: no success".into()));
    }
    let until = parsed
        .data
        .reservation_until
        .as_deref()
        .and_then(instant)
        .unwrap_or_else(|| Utc::now() + chrono::Duration::minutes(i64::from(minutes)));
    Ok(Reservation {
        uid: parsed.data.reservation_uid,
        until,
    })
}
