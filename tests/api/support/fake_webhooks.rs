//! What Cal.com posts to a webhook, built from what the fake recorded, in the shape of
//! Cal.com's `sendPayload` (`{triggerEvent, createdAt, payload}`, the payload a booking's
//! event with `uid`, `bookingId`, `eventTypeId`, `startTime`, `endTime`, `attendees`,
//! `organizer`, an upper-case `status`, and for a move `rescheduleUid`,
//! `rescheduleStartTime`, `rescheduleEndTime`); and the changes made in Cal.com itself (by
//! the business on Cal.com's pages, by phone) that make it post.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Value};

use super::{bookings, lock, FakeState};

/// A Cal.com trigger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trigger {
    Created,
    Requested,
    Cancelled,
    Rejected,
    Rescheduled,
}

impl Trigger {
    fn name(self) -> &'static str {
        match self {
            Self::Created => "BOOKING_CREATED",
            Self::Requested => "BOOKING_REQUESTED",
            Self::Cancelled => "BOOKING_CANCELLED",
            Self::Rejected => "BOOKING_REJECTED",
            Self::Rescheduled => "BOOKING_RESCHEDULED",
        }
    }
}

/// The delivery Cal.com sends for `trigger` on the recorded booking `uid` (for a move, the
/// new booking's uid).
pub fn delivery(state: &FakeState, trigger: Trigger, uid: &str) -> Value {
    let booking = bookings::output(state, uid).unwrap_or_default();
    let attendees: Vec<Value> = booking["attendees"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|a| {
            let name = a["name"].as_str().unwrap_or_default().to_string();
            let (first, last) = name.split_once(' ').unwrap_or((&name, ""));
            json!({
                "email": a["email"], "name": name, "firstName": first, "lastName": last,
                "timeZone": a["timeZone"], "phoneNumber": a.get("phoneNumber"),
                "language": { "locale": a["language"] }
            })
        })
        .collect();
    let status = booking["status"]
        .as_str()
        .unwrap_or("accepted")
        .to_uppercase();
    let mut payload = json!({
        "type": booking["eventType"]["slug"],
        "title": booking["title"],
        "description": "",
        "additionalNotes": booking["bookingFieldsResponses"]["notes"],
        "customInputs": {},
        "startTime": booking["start"],
        "endTime": booking["end"],
        "organizer": {
            "id": 1, "name": "Cabinet Dupont", "email": "cabinet@example.fr",
            "username": "cabinet-dupont", "timeZone": "Europe/Paris",
            "language": { "locale": "fr" }, "timeFormat": "h:mma"
        },
        "responses": booking["bookingFieldsResponses"],
        "attendees": attendees,
        "location": "",
        "eventTypeId": booking["eventType"]["id"],
        "length": booking["duration"],
        "uid": uid,
        "bookingId": booking["id"],
        "iCalUID": format!("{uid}@Cal.com"),
        "metadata": booking["metadata"],
        "status": status,
    });
    if trigger == Trigger::Rescheduled {
        if let Some(from) = booking["rescheduledFromUid"].as_str() {
            let old = bookings::output(state, from).unwrap_or_default();
            payload["rescheduleId"] = old["id"].clone();
            payload["rescheduleUid"] = json!(from);
            payload["rescheduleStartTime"] = old["start"].clone();
            payload["rescheduleEndTime"] = old["end"].clone();
            payload["rescheduledBy"] = json!("cabinet@example.fr");
        }
    }
    if trigger == Trigger::Cancelled {
        payload["cancelledBy"] = json!("cabinet@example.fr");
        payload["cancellationReason"] = json!("");
    }
    json!({
        "triggerEvent": trigger.name(),
        "createdAt": Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true),
        "payload": payload,
    })
}

/// A booking made in Cal.com itself (by phone, on Cal.com's page) for event type `id` at
/// `start`: its uid.
pub fn book_elsewhere(state: &FakeState, id: u64, start: DateTime<Utc>, name: &str) -> String {
    let start = start.to_rfc3339_opts(SecondsFormat::Secs, true);
    let body = json!({
        "start": start, "eventTypeId": id,
        "attendee": { "name": name, "email": "elsewhere@example.fr",
                      "timeZone": "Europe/Paris", "language": "fr" }
    });
    bookings::record(state, body, &start, "accepted")
}

/// The booking `uid` cancelled in Cal.com itself.
pub fn cancel_elsewhere(state: &FakeState, uid: &str) {
    let start = lock(&state.life).starts.get(uid).cloned();
    lock(&state.life).cancelled.push((uid.to_string(), None));
    if let Some(start) = start {
        lock(&state.taken).remove(&start);
    }
}

/// The booking `uid` moved to `start` in Cal.com itself: the new booking's uid (an empty
/// string when the fake has no such booking).
pub fn reschedule_elsewhere(state: &FakeState, uid: &str, start: DateTime<Utc>) -> String {
    let n = uid
        .strip_prefix("fake-booking-")
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(0);
    let Some(mut body) = n
        .checked_sub(1)
        .and_then(|i| lock(&state.bookings).get(i).cloned())
    else {
        return String::new();
    };
    let start = start.to_rfc3339_opts(SecondsFormat::Secs, true);
    body["start"] = json!(start);
    let status = lock(&state.life)
        .statuses
        .get(uid)
        .cloned()
        .unwrap_or_else(|| "accepted".into());
    cancel_elsewhere(state, uid);
    let new_uid = bookings::record(state, body, &start, &status);
    lock(&state.life).rescheduled.push((
        uid.to_string(),
        new_uid.clone(),
        json!({ "start": start }),
    ));
    new_uid
}
