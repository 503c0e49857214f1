//! Reading from Cal.com beyond slots: a booking that may exist, the upcoming bookings of
//! the admin, an event type's rules.

use chrono::{DateTime, SecondsFormat, Utc};

use crate::server::config::EventType;

use super::{
    answer::{booking_status, created, excerpt, instant},
    client::{Budget, CalComClient},
    error::CalComError,
    event_types::{self, EventTypeRules},
    wire::{
        BookingData, BookingField, BookingsResponse, EventTypeResponse, ListedBooking, OneOrMany,
    },
    BookingCreated, NewBooking, UpcomingBooking,
};

/// `cal-api-version` of the event types endpoints.
const EVENT_TYPES_VERSION: &str = "2024-06-14";

impl CalComClient {
    /// Looks up the booking `booking` would have made (after a timeout or a dropped
    /// connection, Cal.com may have booked it all the same): `GET /v2/bookings` by attendee
    /// email, event type and start. Needs the API key.
    pub async fn find_booking(
        &self,
        booking: &NewBooking,
    ) -> Result<Option<BookingCreated>, CalComError> {
        let start = booking.start.to_rfc3339_opts(SecondsFormat::Secs, true);
        let request = self
            .http
            .get(format!("{}/v2/bookings", self.base))
            .query(&[
                ("attendeeEmail", booking.email.as_str()),
                ("eventTypeIds", &booking.event_type_id.to_string()),
                ("afterStart", &start),
                ("sortStart", "asc"),
                ("take", "10"),
            ])
            .header("cal-api-version", &self.bookings_version);
        let text = self
            .send(request, Budget::Bookings, "bookings lookup")
            .await?;
        let parsed: BookingsResponse = serde_json::from_str(&text)
            .map_err(|e| CalComError::Malformed(format!("bookings lookup: {e}")))?;
        Ok(parsed
            .data
            .into_iter()
            .filter_map(|item| serde_json::from_value::<BookingData>(item).ok())
            .filter(|b| {
                !matches!(b.status.as_deref(), Some("cancelled" | "rejected"))
                    && instant(&b.start) == Some(booking.start)
            })
            .map(|b| created(b, booking.start))
            .next())
    }

    /// `GET /v2/bookings`: the upcoming bookings of these event types, soonest first.
    pub async fn upcoming_bookings(
        &self,
        event_type_ids: &[u64],
        take: u32,
    ) -> Result<Vec<UpcomingBooking>, CalComError> {
        let ids = event_type_ids
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let request = self
            .http
            .get(format!("{}/v2/bookings", self.base))
            .query(&[
                ("status", "upcoming".to_string()),
                ("eventTypeIds", ids),
                ("sortStart", "asc".to_string()),
                ("take", take.to_string()),
            ])
            .header("cal-api-version", &self.bookings_version);
        let text = self.send(request, Budget::Reads, "bookings list").await?;
        let parsed: BookingsResponse = serde_json::from_str(&text)
            .map_err(|e| CalComError::Malformed(format!("bookings list: {e}")))?;
        if parsed.status != "success" {
            return Err(CalComError::Malformed(format!(
                "bookings list: status {:?}",
                excerpt(&parsed.status, 40)
            )));
        }
        let mut bookings: Vec<UpcomingBooking> = parsed
            .data
            .into_iter()
            .filter_map(|item| {
                serde_json::from_value::<ListedBooking>(item)
                    .map_err(|e| tracing::debug!(error = %e, "bookings list: item skipped"))
                    .ok()
            })
            .filter_map(|b| {
                let start = DateTime::parse_from_rfc3339(&b.start)
                    .ok()?
                    .with_timezone(&Utc);
                let attendee = b.attendees.into_iter().next();
                Some(UpcomingBooking {
                    uid: b.uid,
                    start,
                    status: booking_status(b.status.as_deref()),
                    event_type_id: b.event_type.and_then(|e| e.id).or(b.event_type_id),
                    attendee_name: attendee.as_ref().and_then(|a| a.name.clone()),
                    attendee_email: attendee.and_then(|a| a.email),
                })
            })
            .collect();
        bookings.sort_by_key(|b| b.start);
        Ok(bookings)
    }

    /// The rules of `event` in Cal.com: `GET /v2/event-types/{id}` with the key, or without
    /// one the public lookup `GET /v2/event-types?username=…&eventSlug=…` when its public
    /// page is configured; `None` when neither is possible.
    pub async fn event_type(
        &self,
        event: &EventType,
    ) -> Option<Result<EventTypeRules, CalComError>> {
        let request = if self.has_key() {
            self.http
                .get(format!("{}/v2/event-types/{}", self.base, event.calcom_id))
        } else {
            let (username, slug) = event.public_page.as_ref()?;
            self.http
                .get(format!("{}/v2/event-types", self.base))
                .query(&[("username", username), ("eventSlug", slug)])
        };
        let request = request.header("cal-api-version", EVENT_TYPES_VERSION);
        Some(self.read_event_type(request).await)
    }

    async fn read_event_type(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<EventTypeRules, CalComError> {
        let text = self.send(request, Budget::Reads, "event type").await?;
        let parsed: EventTypeResponse = serde_json::from_str(&text)
            .map_err(|e| CalComError::Malformed(format!("event type: {e}")))?;
        let data = match parsed.data {
            OneOrMany::One(data) => Some(data),
            OneOrMany::Many(list) => list.into_iter().next(),
        };
        let Some(data) = data.filter(|_| parsed.status == "success") else {
            return Err(CalComError::Malformed("event type: none in answer".into()));
        };
        let fields = data
            .booking_fields
            .into_iter()
            .filter_map(|f| serde_json::from_value::<BookingField>(f).ok())
            .collect();
        let mut rules = event_types::rules(data.length_in_minutes, fields);
        rules.places = data
            .locations
            .iter()
            .filter_map(event_types::MeetingOption::read)
            .collect();
        let (cancel, reschedule) = (
            data.disable_cancelling.unwrap_or_default(),
            data.disable_rescheduling.unwrap_or_default(),
        );
        rules.changes = crate::domain::change_rules::ChangeRules {
            cancel_forbidden: cancel.disabled,
            move_forbidden: reschedule.disabled,
            move_notice_minutes: reschedule.minutes_before.filter(|m| *m > 0),
            cutoff_minutes: None,
        };
        Ok(rules)
    }
}
