//! The fake Cal.com's bookings: `POST /v2/bookings` refuses what Cal.com refuses (a start
//! that is not a free slot now, missing required fields, an invalid phone or language) and
//! records the rest; `GET /v2/bookings` lists every booking with its status, cancelled and
//! moved ones too, filtered by `status`, `attendeeEmail`, `eventTypeIds` and `afterStart`,
//! paged by `take` and `skip`.

use std::{
    collections::{HashMap, HashSet},
    sync::{atomic::Ordering, Arc},
    time::Duration,
};

use axum::{
    extract::{Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Value};

use super::{
    error, generated_starts, keyed_refusal, life, lock, Behaviour, BookingBehaviour, FakeState,
    ATTENDEE_LANGUAGES,
};

/// Cal.com's 400 for a start outside the booking window (the past included).
pub const OUT_OF_BOUNDS: &str = "The event type can't be booked at the \"start\" time provided. \
     This could be because it's too soon (violating the minimum booking notice) or too far in \
     the future (outside the event's scheduling window).";
/// Cal.com's 400 for a start that is not free.
pub const NOT_AVAILABLE: &str = "User either already has booking at this time or is not available";

fn key(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Whether `start` is a free slot of event type `id` now, as Cal.com checks a booking or a
/// move: Cal.com's 400 when it is not. `own` is the start of the booking being moved (free
/// for itself).
pub fn refused_start(
    state: &FakeState,
    id: u64,
    start: DateTime<Utc>,
    own: Option<&str>,
) -> Option<Response> {
    if start <= Utc::now() {
        return Some(error(
            StatusCode::BAD_REQUEST,
            "BadRequestException",
            OUT_OF_BOUNDS,
        ));
    }
    let offered = match lock(&state.behaviour).clone() {
        Behaviour::Fixed { data } => data
            .as_object()
            .into_iter()
            .flat_map(|days| days.values())
            .filter_map(Value::as_array)
            .flatten()
            .filter_map(|slot| slot.get("start").and_then(Value::as_str))
            .filter_map(|s| DateTime::parse_from_rfc3339(s).ok())
            .any(|t| t.with_timezone(&Utc) == start),
        Behaviour::Empty => false,
        _ => generated_starts(id, start, start).contains(&start),
    };
    let k = key(start);
    let taken = own != Some(k.as_str()) && lock(&state.taken).contains(&k);
    (!offered || taken).then(|| {
        error(
            StatusCode::BAD_REQUEST,
            "BadRequestException",
            NOT_AVAILABLE,
        )
    })
}

/// `POST /v2/bookings`.
pub async fn create(State(state): State<Arc<FakeState>>, body: Option<Json<Value>>) -> Response {
    state.booking_calls.fetch_add(1, Ordering::SeqCst);
    let latency = *lock(&state.latency);
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let Some(Json(body)) = body else {
        return error(
            StatusCode::BAD_REQUEST,
            "BadRequestException",
            "invalid JSON body",
        );
    };
    let behaviour = lock(&state.booking).clone();
    match behaviour {
        BookingBehaviour::Status { status } => {
            let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            return error(code, "InternalServerErrorException", "fake booking failure");
        }
        BookingBehaviour::Refuse { ref message } => {
            return error(StatusCode::BAD_REQUEST, "BadRequestException", message);
        }
        _ => {}
    }
    if let Some(refused) = refused_location(&state, &body) {
        return refused;
    }
    if let Some(refused) = refused_fields(&state, &body) {
        return refused;
    }
    let start = body
        .get("start")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let parsed = DateTime::parse_from_rfc3339(&start).ok();
    let attendee = body.get("attendee");
    let name = attendee.and_then(|a| a.get("name")).and_then(Value::as_str);
    let tz = attendee
        .and_then(|a| a.get("timeZone"))
        .and_then(Value::as_str);
    if parsed.is_none() || !start.ends_with('Z') || name.is_none() || tz.is_none() {
        return error(
            StatusCode::BAD_REQUEST,
            "BadRequestException",
            "start (UTC) and attendee {name, timeZone} are required",
        );
    }
    let id = body.get("eventTypeId").and_then(Value::as_u64);
    let Some(id) = id.filter(|id| lock(&state.event_types).contains(id)) else {
        return error(
            StatusCode::NOT_FOUND,
            "NotFoundException",
            "Event type not found",
        );
    };
    let start_utc = parsed.map(|p| p.with_timezone(&Utc)).unwrap_or_default();
    let key = key(start_utc);
    if let Some(refused) = life::reserved_by_someone_else(&state, &key, &body) {
        return refused;
    }
    if let Some(refused) = refused_start(&state, id, start_utc, None) {
        return refused;
    }
    let status = match behaviour {
        BookingBehaviour::Pending => "pending",
        _ => "accepted",
    };
    let uid = record(&state, body, &key, status);
    // Recorded: a slow answer or a late failure comes after the booking exists, as in
    // Cal.com.
    match behaviour {
        BookingBehaviour::Slow { millis } => {
            tokio::time::sleep(Duration::from_millis(millis)).await
        }
        BookingBehaviour::BookedThen { status } => {
            let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            return error(
                code,
                "InternalServerErrorException",
                "fake failure after booking",
            );
        }
        _ => {}
    }
    let data = output(&state, &uid).unwrap_or_default();
    (
        StatusCode::CREATED,
        Json(json!({ "status": "success", "data": data })),
    )
        .into_response()
}

/// The event type's required fields, the attendee's phone and language, as Cal.com checks
/// them: the 400 when one is wrong.
fn refused_fields(state: &FakeState, body: &Value) -> Option<Response> {
    let extra = body
        .get("eventTypeId")
        .and_then(Value::as_u64)
        .and_then(|id| lock(&state.booking_fields).get(&id).cloned())
        .unwrap_or_default();
    for field in extra {
        let required = field["required"].as_bool().unwrap_or(false)
            && !field["hidden"].as_bool().unwrap_or(false);
        let slug = field["slug"].as_str().unwrap_or_default();
        if !required {
            continue;
        }
        let answered = if slug == "attendeePhoneNumber" {
            body.pointer("/attendee/phoneNumber").is_some()
        } else {
            body.get("bookingFieldsResponses")
                .and_then(|r| r.get(slug))
                .is_some_and(|v| v.as_str() != Some("") && !v.is_null())
        };
        if !answered {
            let message = if slug == "attendeePhoneNumber" {
                "Missing attendee phone number - it is required by the event type.".to_string()
            } else {
                format!("Missing required booking field response: {slug}")
            };
            return Some(error(
                StatusCode::BAD_REQUEST,
                "BadRequestException",
                &message,
            ));
        }
    }
    // Cal.com checks the attendee's phone with libphonenumber (class-validator's
    // IsPhoneNumber), in international form.
    if let Some(phone) = body
        .pointer("/attendee/phoneNumber")
        .and_then(Value::as_str)
    {
        let valid = phone.starts_with('+')
            && phonenumber::parse(None, phone).is_ok_and(|n| phonenumber::is_valid(&n));
        if !valid {
            return Some(error(
                StatusCode::BAD_REQUEST,
                "BadRequestException",
                "attendee.phoneNumber must be a valid phone number",
            ));
        }
    }
    // class-validator's IsIn on the attendee's language (43 of Cal.com's locales).
    let language = body.pointer("/attendee/language");
    if language.is_some_and(|l| !l.as_str().is_some_and(|l| ATTENDEE_LANGUAGES.contains(&l))) {
        return Some(error(
            StatusCode::BAD_REQUEST,
            "BadRequestException",
            "attendee.language must be one of the following values: ar, ca, de, …",
        ));
    }
    None
}

/// Records a booking made with `body` at `start` (the key of `taken`): its new uid.
pub fn record(state: &FakeState, body: Value, start: &str, status: &str) -> String {
    lock(&state.taken).insert(start.to_string());
    let n = {
        let mut bookings = lock(&state.bookings);
        bookings.push(body);
        bookings.len()
    };
    let uid = format!("fake-booking-{n}");
    let mut life = lock(&state.life);
    life.starts.insert(uid.clone(), start.to_string());
    life.statuses.insert(uid.clone(), status.to_string());
    life.created.insert(uid.clone(), Utc::now());
    uid
}

/// A recorded booking, as Cal.com's `BookingOutput_2024_08_13` describes it.
pub fn output(state: &FakeState, uid: &str) -> Option<Value> {
    let n = uid
        .strip_prefix("fake-booking-")
        .and_then(|n| n.parse::<usize>().ok())?;
    let body = lock(&state.bookings).get(n.checked_sub(1)?)?.clone();
    let life = lock(&state.life);
    let start = life.starts.get(uid)?.clone();
    let start_utc = DateTime::parse_from_rfc3339(&start)
        .ok()?
        .with_timezone(&Utc);
    let id = body.get("eventTypeId").and_then(Value::as_u64);
    let minutes = id
        .and_then(|id| lock(&state.durations).get(&id).copied())
        .unwrap_or(30);
    let status = if life.cancelled.iter().any(|(u, _)| u == uid) {
        "cancelled".to_string()
    } else {
        life.statuses
            .get(uid)
            .cloned()
            .unwrap_or_else(|| "accepted".into())
    };
    let from = life
        .rescheduled
        .iter()
        .find(|(_, to, _)| to == uid)
        .map(|(from, _, _)| from.clone());
    let to = life
        .rescheduled
        .iter()
        .find(|(from, _, _)| from == uid)
        .map(|(_, to, _)| to.clone());
    let created = life.created.get(uid).copied().unwrap_or_else(Utc::now);
    let mut attendee = body.get("attendee").cloned().unwrap_or_default();
    if let Some(a) = attendee.as_object_mut() {
        let language = a.remove("language").unwrap_or_else(|| json!("en"));
        a.insert("language".into(), language);
        a.insert("absent".into(), json!(false));
    }
    let mut data = json!({
        "id": n,
        "uid": uid,
        "title": "Rendez-vous",
        "status": status,
        "start": start,
        "end": key(start_utc + chrono::Duration::minutes(i64::from(minutes))),
        "duration": minutes,
        "eventTypeId": id,
        "eventType": { "id": id, "slug": format!("rdv-{}", id.unwrap_or(0)) },
        "attendees": [attendee],
        "hosts": [{ "id": 1, "name": "Cabinet Dupont", "email": "cabinet@example.fr",
                    "timeZone": "Europe/Paris" }],
        "location": location(state, &body, uid, &status),
        "bookingFieldsResponses": body.get("bookingFieldsResponses").cloned().unwrap_or(json!({})),
        "metadata": body.get("metadata").cloned().unwrap_or(json!({})),
        "createdAt": created.to_rfc3339_opts(SecondsFormat::Millis, true),
        "updatedAt": created.to_rfc3339_opts(SecondsFormat::Millis, true),
    });
    if let Some(from) = from {
        data["rescheduledFromUid"] = json!(from);
    }
    if let Some(to) = to {
        data["rescheduledToUid"] = json!(to);
    }
    Some(data)
}

/// The places event type `id` offers (Cal.com's default: a Cal Video meeting).
fn places(state: &FakeState, id: Option<u64>) -> Vec<Value> {
    id.and_then(|id| lock(&state.event_type_settings).get(&id).cloned())
        .and_then(|s| s.get("locations").and_then(Value::as_array).cloned())
        .unwrap_or_else(|| vec![json!({ "type": "integration", "integration": "cal-video" })])
}

/// A booking's `location` that the event type does not offer: Cal.com refuses it.
fn refused_location(state: &FakeState, body: &Value) -> Option<Response> {
    let asked = body.get("location")?;
    let id = body.get("eventTypeId").and_then(Value::as_u64);
    let offered = places(state, id).iter().any(|p| {
        p["type"] == asked["type"]
            && (p["type"] != "integration" || p["integration"] == asked["integration"])
    });
    (!offered).then(|| {
        error(
            StatusCode::BAD_REQUEST,
            "BadRequestException",
            "location: the event type does not offer this location",
        )
    })
}

/// Where a booking happens, as Cal.com answers it: the place it asked for (or the event
/// type's first); for a video call its link once confirmed (before, the integration's
/// placeholder), else the address, the phone or the link — the attendee's own for theirs.
fn location(state: &FakeState, body: &Value, uid: &str, status: &str) -> Value {
    let id = body.get("eventTypeId").and_then(Value::as_u64);
    let offered = places(state, id);
    let asked = body.get("location").cloned();
    let place = asked
        .as_ref()
        .and_then(|a| offered.iter().find(|p| p["type"] == a["type"]).cloned())
        .unwrap_or_else(|| offered.first().cloned().unwrap_or_default());
    let own = |key: &str| asked.as_ref().map_or(Value::Null, |a| a[key].clone());
    match place["type"].as_str() {
        Some("integration") if status == "accepted" => {
            json!(format!("https://app.cal.com/video/{uid}"))
        }
        Some("integration") => json!("integrations:daily"),
        Some("address") => place["address"].clone(),
        Some("phone") => place["phone"].clone(),
        Some("link") => place["link"].clone(),
        Some("attendeePhone") => own("phone"),
        Some("attendeeAddress") => own("address"),
        Some("attendeeDefined") => own("location"),
        _ => Value::Null,
    }
}

/// Every recorded booking's uid, in the order made.
pub fn uids(state: &FakeState) -> Vec<String> {
    (1..=lock(&state.bookings).len())
        .map(|n| format!("fake-booking-{n}"))
        .collect()
}

/// `GET /v2/bookings` (`GetBookingsOutput_2024_08_13`). Like Cal.com, it needs the API key.
pub async fn list(
    State(state): State<Arc<FakeState>>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Some(r) = keyed_refusal(&headers) {
        return r;
    }
    if !matches!(
        lock(&state.behaviour).clone(),
        Behaviour::Generated | Behaviour::Fixed { .. } | Behaviour::Empty
    ) {
        return error(
            StatusCode::SERVICE_UNAVAILABLE,
            "ServiceUnavailableException",
            "down",
        );
    }
    let wanted: Option<HashSet<u64>> = query.get("eventTypeIds").map(|ids| {
        ids.split(',')
            .filter_map(|i| i.trim().parse().ok())
            .collect()
    });
    let email = query.get("attendeeEmail");
    let after = query
        .get("afterStart")
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok());
    let statuses: Option<Vec<String>> = query
        .get("status")
        .map(|s| s.split(',').map(|s| s.trim().to_string()).collect());
    let now = Utc::now();
    let mut data: Vec<Value> = uids(&state)
        .iter()
        .filter_map(|uid| output(&state, uid))
        .filter(|b| {
            let id = b["eventType"]["id"].as_u64().unwrap_or(0);
            let start = b["start"]
                .as_str()
                .and_then(|s| DateTime::parse_from_rfc3339(s).ok());
            let end = b["end"]
                .as_str()
                .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
                .map(|t| t.with_timezone(&Utc));
            let attendee = b["attendees"][0]["email"].as_str();
            let status = b["status"].as_str().unwrap_or_default();
            let gone = matches!(status, "cancelled" | "rejected");
            let ended = end.is_none_or(|e| e <= now);
            // Cal.com's status filters: upcoming and past exclude cancelled and rejected
            // bookings; unconfirmed is pending and not ended.
            let status_matches = statuses.as_ref().is_none_or(|wanted| {
                wanted.iter().any(|w| match w.as_str() {
                    "upcoming" => !gone && !ended,
                    "past" => !gone && ended,
                    "cancelled" => gone,
                    "unconfirmed" => status == "pending" && !ended,
                    _ => false,
                })
            });
            wanted.as_ref().is_none_or(|w| w.contains(&id))
                && email.is_none_or(|e| attendee == Some(e.as_str()))
                && after.is_none_or(|a| start.is_some_and(|s| s >= a))
                && status_matches
        })
        .collect();
    if query.get("sortStart").map(String::as_str) == Some("desc") {
        data.reverse();
    } else if query.contains_key("sortStart") {
        data.sort_by(|a, b| a["start"].as_str().cmp(&b["start"].as_str()));
    }
    let total = data.len();
    let take: usize = query
        .get("take")
        .and_then(|t| t.parse().ok())
        .unwrap_or(100);
    let skip: usize = query.get("skip").and_then(|t| t.parse().ok()).unwrap_or(0);
    let page: Vec<Value> = data.into_iter().skip(skip).take(take).collect();
    let returned = page.len();
    let remaining = total.saturating_sub(skip + returned);
    Json(json!({
        "status": "success",
        "data": page,
        "pagination": {
            "totalItems": total, "remainingItems": remaining, "returnedItems": returned,
            "itemsPerPage": take, "currentPage": skip / take.max(1) + 1,
            "totalPages": total.div_ceil(take.max(1)), "hasNextPage": remaining > 0,
            "hasPreviousPage": skip > 0
        }
    }))
    .into_response()
}
