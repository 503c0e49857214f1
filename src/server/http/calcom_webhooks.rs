//! `POST /webhooks/calcom`: Cal.com tells us about bookings made, moved or cancelled
//! elsewhere (by phone, on Cal.com's own pages, by the business), so the tunnel never
//! offers an hour that is gone, and a confirmation page says when its appointment was
//! cancelled or moved in Cal.com.
//!
//! Enabled by `CAL_COM_WEBHOOK_SECRET` (404 otherwise). Each delivery is signed in
//! `X-Cal-Signature-256`: the hex HMAC-SHA256 of the raw body with that secret, checked in
//! constant time before anything is read (401 otherwise). Deliveries are idempotent: a
//! replay changes nothing more; unknown triggers are answered 200 and ignored.

use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use secrecy::ExposeSecret;
use serde::Deserialize;
use sha2::Sha256;

use crate::server::{
    abuse::keys::new_token,
    booking::reminders,
    calendar::availability_sync,
    config::CalendarSource,
    state::AppState,
    store::kinds::{BookingStatus, NotificationEvent},
    store::{NewBookingRow, Outbound},
};

/// Where Cal.com posts.
pub const WEBHOOK_PATH: &str = "/webhooks/calcom";

/// A delivery: `{triggerEvent, createdAt, payload}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Delivery {
    trigger_event: String,
    #[serde(default)]
    payload: Payload,
}

/// The fields of a booking payload the tunnel reads.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Payload {
    uid: Option<String>,
    event_type_id: Option<u64>,
    start_time: Option<DateTime<Utc>>,
    end_time: Option<DateTime<Utc>>,
    status: Option<String>,
    /// The booking a reschedule replaces (Cal.com's `rescheduleUid`; some versions say
    /// `rescheduledFromUid`).
    #[serde(alias = "rescheduledFromUid")]
    reschedule_uid: Option<String>,
    /// Where the meeting happens (the raw location).
    location: Option<String>,
}

/// The triggers the tunnel acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Trigger {
    Created,
    Requested,
    Rescheduled,
    Cancelled,
    Rejected,
}

impl Trigger {
    fn of(name: &str) -> Option<Self> {
        Some(match name {
            "BOOKING_CREATED" => Self::Created,
            "BOOKING_REQUESTED" => Self::Requested,
            "BOOKING_RESCHEDULED" => Self::Rescheduled,
            "BOOKING_CANCELLED" => Self::Cancelled,
            "BOOKING_REJECTED" => Self::Rejected,
            _ => return None,
        })
    }
}

/// The handler.
pub async fn receive(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let secret = match &state.config.calendar {
        CalendarSource::CalCom(settings) => settings.webhook_secret.as_ref(),
        CalendarSource::Demo => None,
    };
    let Some(secret) = secret else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let signature = headers
        .get("x-cal-signature-256")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| hex::decode(v.trim()).ok());
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.expose_secret().as_bytes()) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    mac.update(&body);
    // verify_slice compares in constant time.
    if signature.is_none_or(|s| mac.verify_slice(&s).is_err()) {
        tracing::warn!("Cal.com webhook with a wrong or missing signature");
        return (StatusCode::UNAUTHORIZED, "invalid signature").into_response();
    }
    let delivery: Delivery = match serde_json::from_slice(&body) {
        Ok(d) => d,
        Err(error) => {
            tracing::warn!(%error, "Cal.com webhook unreadable");
            return (StatusCode::BAD_REQUEST, "unreadable").into_response();
        }
    };
    let Some(trigger) = Trigger::of(&delivery.trigger_event) else {
        tracing::debug!(trigger = %delivery.trigger_event, "Cal.com webhook ignored");
        return (StatusCode::OK, "ignored").into_response();
    };
    tracing::info!(?trigger, "Cal.com webhook");
    if let Err(error) = apply(&state, trigger, &delivery.payload).await {
        tracing::error!(%error, "Cal.com webhook not applied");
        // Cal.com does not retry; the availability was refreshed all the same.
        return (StatusCode::INTERNAL_SERVER_ERROR, "not applied").into_response();
    }
    (StatusCode::OK, "ok").into_response()
}

/// What the delivery changes: the availability of its event type (every instance, at
/// once), and the stored booking it names.
async fn apply(
    state: &AppState,
    trigger: Trigger,
    payload: &Payload,
) -> Result<(), crate::server::store::StoreError> {
    let matching: Vec<_> = state
        .config
        .event_types
        .iter()
        .filter(|e| payload.event_type_id.is_none_or(|id| id == e.calcom_id))
        .collect();
    for event in matching {
        availability_sync::changed(&state.db, &state.availability, event).await;
    }
    let Some(uid) = payload.uid.as_deref() else {
        return Ok(());
    };
    // Changed in Cal.com: nothing for the owner to hear about from us.
    let quiet = Outbound {
        channels: &[],
        event: NotificationEvent::BookingCancelled,
        payload: &|_, _| Ok(String::new()),
    };
    match trigger {
        Trigger::Cancelled | Trigger::Rejected => {
            let status = if trigger == Trigger::Rejected {
                BookingStatus::Rejected
            } else {
                BookingStatus::Cancelled
            };
            if let Some(booking) = state.db.find_booking_by_uid(uid).await? {
                state
                    .db
                    .set_booking_status(&booking.public_id, status, &quiet)
                    .await?;
            }
        }
        Trigger::Rescheduled => {
            let Some(from) = payload.reschedule_uid.as_deref() else {
                return Ok(());
            };
            let (Some(old), None, Some(start)) = (
                state.db.find_booking_by_uid(from).await?,
                state.db.find_booking_by_uid(uid).await?,
                payload.start_time,
            ) else {
                // Not ours, already recorded (our own move), or unreadable.
                return Ok(());
            };
            let moved = NewBookingRow {
                public_id: new_token(),
                calcom_uid: Some(uid.to_string()),
                start_utc: start,
                duration_minutes: payload
                    .end_time
                    .map(|end| (end - start).num_minutes())
                    .filter(|m| *m > 0)
                    .unwrap_or(old.duration_minutes),
                status: payload
                    .status
                    .as_deref()
                    .and_then(|s| BookingStatus::from_calcom(&s.to_lowercase()))
                    .unwrap_or(old.status),
                moved_to: None,
                location: payload.location.clone().or_else(|| old.location.clone()),
                ..old.clone()
            };
            let reminders = reminders::of(state, &moved);
            state
                .db
                .record_move(&old.public_id, &moved, &quiet, &reminders)
                .await?;
        }
        Trigger::Created | Trigger::Requested => {}
    }
    Ok(())
}
