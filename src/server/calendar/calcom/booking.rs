//! The bookings the client creates and lists, as the rest of the server sees them.

use chrono::{DateTime, Utc};

use crate::{domain::questions::Answer, server::store::kinds::BookingStatus};

/// A booking to create.
#[derive(Clone, Debug)]
pub struct NewBooking {
    /// Cal.com event type id.
    pub event_type_id: u64,
    /// Start instant (sent in UTC).
    pub start: DateTime<Utc>,
    /// Attendee name.
    pub name: String,
    /// Attendee email.
    pub email: String,
    /// Attendee phone, international format.
    pub phone: Option<String>,
    /// Attendee IANA time zone.
    pub time_zone: String,
    /// The language Cal.com writes to the attendee in (the page's: `fr`, `en`).
    pub language: String,
    /// Free message, sent as the `notes` booking field.
    pub notes: Option<String>,
    /// Answers to the event type's own questions, by slug.
    pub answers: Vec<(String, Answer)>,
    /// Source and UTM parameters (at most 50 keys, values up to 500 characters).
    pub metadata: Vec<(String, String)>,
    /// The uid of the reservation that holds the hour for this visitor, if any.
    pub reserved_slot_uid: Option<String>,
    /// Where it happens, when the visitor chose among the event type's places.
    pub place: Option<super::ChosenPlace>,
}

/// What Cal.com answered to a booking.
#[derive(Clone, Debug)]
pub struct BookingCreated {
    /// The booking uid (key for get, cancel, reschedule).
    pub uid: String,
    /// The booked start.
    pub start: DateTime<Utc>,
    /// The booked length, when Cal.com says it (its end, or its duration).
    pub duration_minutes: Option<i64>,
    /// `accepted`, or `pending` when the host must confirm.
    pub status: BookingStatus,
    /// Where the meeting happens (the video link, an address, a phone), when Cal.com says.
    pub location: Option<String>,
}

/// A booking as `GET /v2/bookings` lists it.
#[derive(Clone, Debug)]
pub struct UpcomingBooking {
    /// Cal.com uid.
    pub uid: String,
    /// Start instant.
    pub start: DateTime<Utc>,
    /// `accepted`, `pending`…
    pub status: BookingStatus,
    /// Event type id, when given.
    pub event_type_id: Option<u64>,
    /// First attendee's name.
    pub attendee_name: Option<String>,
    /// First attendee's email.
    pub attendee_email: Option<String>,
}
