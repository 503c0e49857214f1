//! The fake Cal.com's appointment life, as Cal.com's source behaves: slot reservations
//! (`/v2/slots/reservations`, 5 minutes by default, `reservationDuration` only with a key,
//! 422 on a booked or already reserved slot), cancelling and rescheduling bookings (a
//! reschedule is a new booking with a new uid; the old one is cancelled).

use std::{collections::HashMap, sync::Arc};

use axum::{
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Value};

use super::{bookings, error, lock, FakeState};

/// A slot reservation the fake holds.
#[derive(Clone, Debug)]
pub struct Reserved {
    pub event_type_id: u64,
    /// Start, UTC RFC 3339 with Z (the key of `taken`).
    pub start: String,
    pub until: DateTime<Utc>,
    /// The body it was made with (tests read `reservationDuration`).
    pub body: Value,
}

/// What the appointment-life endpoints saw.
#[derive(Default)]
pub struct Life {
    /// Reservations by uid (expired ones included until released).
    pub reservations: HashMap<String, Reserved>,
    /// Reservation uids made so far, in order.
    pub reserved: Vec<String>,
    /// Booking uids cancelled (by cancel or by a reschedule), with the reason given.
    pub cancelled: Vec<(String, Option<String>)>,
    /// Reschedules: (old uid, new uid, body).
    pub rescheduled: Vec<(String, String, Value)>,
    /// Start of each booking, by uid.
    pub starts: HashMap<String, String>,
    /// Status each booking was made with (`accepted`, `pending`), by uid.
    pub statuses: HashMap<String, String>,
    /// When each booking was made, by uid.
    pub created: HashMap<String, DateTime<Utc>>,
    /// Attendees marked absent, by booking uid (their emails).
    pub absent: HashMap<String, Vec<String>>,
}

fn key(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn parse(s: Option<&str>) -> Option<DateTime<Utc>> {
    s.and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc))
}

/// Starts held by a reservation right now, except `except` (the caller's own).
pub fn reserved_starts(state: &FakeState, except: Option<&str>) -> Vec<String> {
    let now = Utc::now();
    lock(&state.life)
        .reservations
        .iter()
        .filter(|(uid, r)| r.until > now && Some(uid.as_str()) != except)
        .map(|(_, r)| r.start.clone())
        .collect()
}

/// `POST /v2/slots/reservations` and `PATCH /v2/slots/reservations/{uid}`.
async fn reserve_or_extend(
    state: &FakeState,
    headers: &HeaderMap,
    body: Option<Json<Value>>,
    uid: Option<String>,
) -> Response {
    let Some(Json(body)) = body else {
        return error(
            StatusCode::BAD_REQUEST,
            "BadRequestException",
            "invalid JSON body",
        );
    };
    let duration = body.get("reservationDuration").and_then(Value::as_u64);
    if duration.is_some() && headers.get("authorization").is_none() {
        return error(
            StatusCode::UNAUTHORIZED,
            "UnauthorizedException",
            "reservationDuration can only be used for authenticated requests - use access token, api key or OAuth credentials",
        );
    }
    let id = body.get("eventTypeId").and_then(Value::as_u64);
    let Some(id) = id.filter(|id| lock(&state.event_types).contains(id)) else {
        return error(
            StatusCode::NOT_FOUND,
            "NotFoundException",
            "Event Type not found",
        );
    };
    let Some(start) = parse(body.get("slotStart").and_then(Value::as_str)) else {
        return error(
            StatusCode::BAD_REQUEST,
            "BadRequestException",
            "Invalid start date",
        );
    };
    let start = key(start);
    if let Some(uid) = &uid {
        if !lock(&state.life).reservations.contains_key(uid) {
            return error(
                StatusCode::NOT_FOUND,
                "NotFoundException",
                &format!("Slot with uid={uid} not found"),
            );
        }
    }
    if lock(&state.taken).contains(&start) {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "UnprocessableEntityException",
            "Can't reserve a slot if the event is already booked.",
        );
    }
    if reserved_starts(state, uid.as_deref()).contains(&start) {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "UnprocessableEntityException",
            "This time slot is already reserved by another user. Please choose a different time.",
        );
    }
    let minutes = duration.unwrap_or(5);
    let until = Utc::now() + chrono::Duration::minutes(minutes as i64);
    let mut life = lock(&state.life);
    let uid = uid.unwrap_or_else(|| format!("fake-reservation-{}", life.reserved.len() + 1));
    life.reserved.push(uid.clone());
    life.reservations.insert(
        uid.clone(),
        Reserved {
            event_type_id: id,
            start: start.clone(),
            until,
            body,
        },
    );
    let length = lock(&state.durations).get(&id).copied().unwrap_or(30);
    (
        StatusCode::CREATED,
        Json(json!({
            "status": "success",
            "data": {
                "eventTypeId": id,
                "slotStart": start,
                "slotEnd": key(parse(Some(&start)).unwrap_or_default() + chrono::Duration::minutes(i64::from(length))),
                "slotDuration": length,
                "reservationUid": uid,
                "reservationDuration": minutes,
                "reservationUntil": until.to_rfc3339_opts(SecondsFormat::Millis, true)
            }
        })),
    )
        .into_response()
}

pub async fn reserve(
    State(state): State<Arc<FakeState>>,
    headers: HeaderMap,
    body: Option<Json<Value>>,
) -> Response {
    reserve_or_extend(&state, &headers, body, None).await
}

pub async fn extend(
    State(state): State<Arc<FakeState>>,
    Path(uid): Path<String>,
    headers: HeaderMap,
    body: Option<Json<Value>>,
) -> Response {
    let mut response = reserve_or_extend(&state, &headers, body, Some(uid)).await;
    if response.status() == StatusCode::CREATED {
        *response.status_mut() = StatusCode::OK;
    }
    response
}

pub async fn release(State(state): State<Arc<FakeState>>, Path(uid): Path<String>) -> Response {
    lock(&state.life).reservations.remove(&uid);
    Json(json!({"status": "success"})).into_response()
}

/// The reservation a booking of `start` must name, if another one holds it: the 400
/// Cal.com answers then (a booking naming its own reservation consumes it).
pub fn reserved_by_someone_else(state: &FakeState, start: &str, body: &Value) -> Option<Response> {
    let own = body.get("reservedSlotUid").and_then(Value::as_str);
    if reserved_starts(state, own).iter().any(|s| s == start) {
        return Some(error(
            StatusCode::BAD_REQUEST,
            "BadRequestException",
            "Someone else reserved this slot before you. Please choose another time.",
        ));
    }
    if let Some(own) = own {
        lock(&state.life).reservations.remove(own);
    }
    None
}

/// The booking `uid` as the fake stored it: (index in `bookings`, start), or Cal.com's 404.
fn booking(state: &FakeState, uid: &str) -> Result<(usize, String), Box<Response>> {
    let start = lock(&state.life).starts.get(uid).cloned();
    let index = uid
        .strip_prefix("fake-booking-")
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|n| *n >= 1 && *n <= lock(&state.bookings).len());
    match (index, start) {
        (Some(n), Some(start)) => Ok((n - 1, start)),
        _ => Err(Box::new(error(
            StatusCode::NOT_FOUND,
            "NotFoundException",
            &format!("Booking with uid={uid} not found"),
        ))),
    }
}

fn is_cancelled(state: &FakeState, uid: &str) -> bool {
    lock(&state.life).cancelled.iter().any(|(u, _)| u == uid)
}

pub async fn cancel(
    State(state): State<Arc<FakeState>>,
    Path(uid): Path<String>,
    body: Option<Json<Value>>,
) -> Response {
    let (_, start) = match booking(&state, &uid) {
        Ok(found) => found,
        Err(r) => return *r,
    };
    if is_cancelled(&state, &uid) {
        return error(
            StatusCode::BAD_REQUEST,
            "BadRequestException",
            "This booking has already been cancelled.",
        );
    }
    let reason = body
        .as_ref()
        .and_then(|b| b.get("cancellationReason"))
        .and_then(Value::as_str)
        .map(str::to_string);
    lock(&state.life).cancelled.push((uid.clone(), reason));
    lock(&state.taken).remove(&start);
    let data = bookings::output(&state, &uid).unwrap_or_default();
    Json(json!({ "status": "success", "data": data })).into_response()
}

/// `POST /v2/bookings/{uid}/mark-absent` (2024-08-13): refused before the booking's start,
/// as Cal.com does; answers the booking.
pub async fn mark_absent(
    State(state): State<Arc<FakeState>>,
    Path(uid): Path<String>,
    body: Option<Json<Value>>,
) -> Response {
    let (_, start) = match booking(&state, &uid) {
        Ok(found) => found,
        Err(r) => return *r,
    };
    let started =
        DateTime::parse_from_rfc3339(&start).is_ok_and(|s| s.with_timezone(&Utc) <= Utc::now());
    if !started {
        return error(
            StatusCode::BAD_REQUEST,
            "BadRequestException",
            "Cannot mark absent a booking that has not started yet.",
        );
    }
    let emails: Vec<String> = body
        .as_ref()
        .and_then(|b| b.get("attendees"))
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter(|a| a.get("absent").and_then(Value::as_bool) == Some(true))
                .filter_map(|a| a.get("email").and_then(Value::as_str).map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    lock(&state.life).absent.insert(uid.clone(), emails);
    let data = bookings::output(&state, &uid).unwrap_or_default();
    Json(json!({ "status": "success", "data": data })).into_response()
}

pub async fn reschedule(
    State(state): State<Arc<FakeState>>,
    Path(uid): Path<String>,
    body: Option<Json<Value>>,
) -> Response {
    let (index, old_start) = match booking(&state, &uid) {
        Ok(found) => found,
        Err(r) => return *r,
    };
    let Some(Json(body)) = body else {
        return error(
            StatusCode::BAD_REQUEST,
            "BadRequestException",
            "invalid JSON body",
        );
    };
    if is_cancelled(&state, &uid) {
        return error(
            StatusCode::BAD_REQUEST,
            "BadRequestException",
            "Can't reschedule a cancelled booking.",
        );
    }
    let Some(start_utc) = parse(body.get("start").and_then(Value::as_str)) else {
        return error(
            StatusCode::BAD_REQUEST,
            "BadRequestException",
            "start is required",
        );
    };
    let start = key(start_utc);
    let mut new_body = lock(&state.bookings)[index].clone();
    let id = new_body
        .get("eventTypeId")
        .and_then(Value::as_u64)
        .unwrap_or_default();
    if reserved_starts(&state, None).contains(&start) && start != old_start {
        return error(
            StatusCode::BAD_REQUEST,
            "BadRequestException",
            bookings::NOT_AVAILABLE,
        );
    }
    if let Some(refused) = bookings::refused_start(&state, id, start_utc, Some(&old_start)) {
        return refused;
    }
    new_body["start"] = json!(start);
    lock(&state.taken).remove(&old_start);
    let status = lock(&state.life)
        .statuses
        .get(&uid)
        .cloned()
        .unwrap_or_else(|| "accepted".into());
    let new_uid = bookings::record(&state, new_body, &start, &status);
    {
        let mut life = lock(&state.life);
        life.cancelled.push((uid.clone(), None));
        life.rescheduled.push((uid.clone(), new_uid.clone(), body));
    }
    let data = bookings::output(&state, &new_uid).unwrap_or_default();
    (
        StatusCode::CREATED,
        Json(json!({ "status": "success", "data": data })),
    )
        .into_response()
}
