//! Cal.com v2 wire shapes, written by hand from the documented examples.
//!
//! The OpenAPI schema of `GET /v2/slots` contradicts its own examples (see
//! shared/calcom/CALCOM_API_NOTES.md §0.3); these types follow the examples and also
//! accept bare strings, which the schema's "default" variant describes.

use std::collections::BTreeMap;

use serde::Deserialize;

/// `{status, data: {"YYYY-MM-DD": [{start}]}}`
#[derive(Debug, Deserialize)]
pub(super) struct SlotsResponse {
    pub status: String,
    #[serde(default)]
    pub data: BTreeMap<String, Vec<Slot>>,
}

/// One slot: `{start, end?}` per the examples, or a bare start string.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum Slot {
    Object { start: String },
    Bare(String),
}

impl Slot {
    pub fn start(&self) -> &str {
        match self {
            Self::Object { start } | Self::Bare(start) => start,
        }
    }
}

/// `{status: "error", error: {code, message}}`, as far as it can be read.
#[derive(Debug, Deserialize)]
pub(super) struct ErrorResponse {
    pub error: Option<ErrorBody>,
    pub message: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct ErrorBody {
    pub message: Option<String>,
}

/// `POST /v2/bookings` body (`CreateBookingInput_2024_08_13`).
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct CreateBooking<'a> {
    pub start: String,
    pub event_type_id: u64,
    pub attendee: Attendee<'a>,
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    pub booking_fields_responses: serde_json::Map<String, serde_json::Value>,
    /// The reservation that held the hour while the visitor typed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reserved_slot_uid: Option<&'a str>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<&'a str, &'a str>,
    /// The place chosen (Cal.com's location input object).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<serde_json::Value>,
}

/// The attendee languages Cal.com accepts (`CreateBookingAttendee.language`).
pub(super) const LANGUAGES: [&str; 43] = [
    "ar", "ca", "de", "es", "eu", "he", "id", "ja", "lv", "pl", "ro", "sr", "th", "vi", "az", "cs",
    "el", "es-419", "fi", "hr", "it", "km", "nl", "pt", "ru", "sv", "tr", "zh-CN", "bg", "da",
    "en", "et", "fr", "hu", "iw", "ko", "no", "pt-BR", "sk", "ta", "uk", "zh-TW", "bn",
];

/// `CreateBookingAttendee`.
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Attendee<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub time_zone: &'a str,
    /// Left out for a language Cal.com does not write in (it then writes English).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<&'a str>,
}

/// `CreateBookingOutput_2024_08_13`: one booking, or an array for recurring event types.
#[derive(Debug, Deserialize)]
pub(super) struct CreateBookingResponse {
    pub status: String,
    pub data: OneOrMany<BookingData>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

/// The fields of `BookingOutput_2024_08_13` we keep.
#[derive(Debug, Deserialize)]
pub(super) struct BookingData {
    pub uid: String,
    pub start: String,
    #[serde(default)]
    pub end: Option<String>,
    #[serde(default)]
    pub duration: Option<u32>,
    #[serde(default)]
    pub status: Option<String>,
    /// The video link when there is one, else the raw location.
    #[serde(default)]
    pub location: Option<String>,
    /// The same (deprecated), for the versions that send only it.
    #[serde(default, rename = "meetingUrl")]
    pub meeting_url: Option<String>,
}

/// `GetBookingsOutput_2024_08_13`. Items stay raw JSON: `data` mixes four booking shapes
/// (plain, recurring, seated…), and one odd item must not hide the others.
#[derive(Debug, Deserialize)]
pub(super) struct BookingsResponse {
    pub status: String,
    #[serde(default)]
    pub data: Vec<serde_json::Value>,
}

/// The fields of a listed booking the admin shows.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ListedBooking {
    pub uid: String,
    pub start: String,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub event_type: Option<EventTypeRef>,
    #[serde(default)]
    pub event_type_id: Option<u64>,
    #[serde(default)]
    pub attendees: Vec<ListedAttendee>,
}

#[derive(Debug, Deserialize)]
pub(super) struct EventTypeRef {
    pub id: Option<u64>,
}

#[derive(Debug, Deserialize)]
pub(super) struct ListedAttendee {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

/// `GET /v2/event-types/{id}` (`EventTypeOutput_2024_06_14`), the fields the tunnel reads.
/// Booking fields stay raw: twenty shapes, and one odd field must not hide the others.
#[derive(Debug, Deserialize)]
pub(super) struct EventTypeResponse {
    pub status: String,
    /// One event type by id; a list from the public lookup.
    pub data: OneOrMany<EventTypeData>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct EventTypeData {
    #[serde(default)]
    pub length_in_minutes: Option<u32>,
    #[serde(default)]
    pub booking_fields: Vec<serde_json::Value>,
    /// Where its meetings may happen; several shapes, read one by one.
    #[serde(default)]
    pub locations: Vec<serde_json::Value>,
    /// `{disabled}`: the visitor may not cancel.
    #[serde(default)]
    pub disable_cancelling: Option<Disabled>,
    /// `{disabled, minutesBefore?}`: the visitor may not move, or not that close to the start.
    #[serde(default)]
    pub disable_rescheduling: Option<Disabled>,
}

/// `disableCancelling` / `disableRescheduling`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Disabled {
    #[serde(default)]
    pub disabled: bool,
    #[serde(default)]
    pub minutes_before: Option<u32>,
}

/// One booking field, as far as the tunnel reads it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct BookingField {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub hidden: bool,
    #[serde(default)]
    pub is_default: bool,
    #[serde(default)]
    pub options: Vec<serde_json::Value>,
}

/// `ReserveSlotInput_2024_09_04` (also the body of its `PATCH`).
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ReserveSlot {
    pub event_type_id: u64,
    pub slot_start: String,
    /// Minutes; only with an API key (Cal.com answers 401 otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reservation_duration: Option<u32>,
}

/// `{status, data: ReserveSlotOutput_2024_09_04}`: the fields we keep.
#[derive(Debug, Deserialize)]
pub(super) struct ReserveSlotResponse {
    pub status: String,
    pub data: ReservedSlot,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ReservedSlot {
    pub reservation_uid: String,
    #[serde(default)]
    pub reservation_until: Option<String>,
}

/// `POST /v2/bookings/{uid}/cancel` body.
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct CancelBooking<'a> {
    pub cancellation_reason: &'a str,
}

/// `POST /v2/bookings/{uid}/reschedule` body.
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RescheduleBooking<'a> {
    pub start: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rescheduling_reason: Option<&'a str>,
}

/// `{status, data}` of answers whose data we do not read (cancel, release).
#[derive(Debug, Deserialize)]
pub(super) struct StatusOnly {
    pub status: String,
}
