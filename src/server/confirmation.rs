//! After a booking: its confirmation page and its `.ics` file, both found by the random
//! public id of the confirmation URL.

use chrono_tz::Tz;

use crate::{
    domain::{checks::is_token, french, hour_minute::HourMinute, view::ConfirmationView},
    error::AppError,
};

use super::{
    ics,
    state::AppState,
    store::{BookingRow, BookingStatus},
};

/// The confirmation page of a booking.
pub fn confirmation_url(public_id: &str) -> String {
    format!("/prendre-rendez-vous/confirmation/{public_id}")
}

/// The booking behind a confirmation id; a malformed or unknown id is "not found".
async fn booking(state: &AppState, public_id: &str) -> Result<BookingRow, AppError> {
    let not_found = || AppError::NotFound("Ce rendez-vous est introuvable.".to_string());
    if !is_token(public_id) {
        return Err(not_found());
    }
    state
        .db
        .find_booking(public_id)
        .await
        .map_err(|error| {
            tracing::error!(%error, "booking lookup");
            AppError::Internal
        })?
        .ok_or_else(not_found)
}

/// The label of an event type slug (the slug itself if it left the configuration).
fn type_label(state: &AppState, slug: &str) -> String {
    state
        .config
        .event_type(Some(slug))
        .map_or_else(|| slug.to_string(), |e| e.label.clone())
}

/// The confirmation page's content for a booking id.
pub async fn view(state: &AppState, public_id: &str) -> Result<ConfirmationView, AppError> {
    let booking = booking(state, public_id).await?;
    let tz: Tz = state.config.business.time_zone;
    let start = booking.start_utc.with_timezone(&tz);
    Ok(ConfirmationView {
        type_label: type_label(state, &booking.event_type),
        date_label: french::date_label_with_year(start.date_naive()),
        time: HourMinute::of(&start),
        zone_label: state.config.business.zone_label.clone(),
        duration_minutes: booking.duration_minutes,
        name: booking.name,
        pending: booking.status == BookingStatus::Pending,
        demo: booking.calcom_uid.is_none(),
        ics_href: format!("{}/rendez-vous.ics", confirmation_url(public_id)),
    })
}

/// The `.ics` file of a booking, if it exists.
pub async fn ics(state: &AppState, public_id: &str) -> Result<String, AppError> {
    let booking = booking(state, public_id).await?;
    let summary = format!(
        "{} – {}",
        type_label(state, &booking.event_type),
        state.config.business.name
    );
    // Not the confirmation token (calendars sync and share their events): Cal.com's own
    // uid when there is one (a calendar that also got Cal.com's invitation merges the two),
    // otherwise a digest of the token.
    let uid = booking.calcom_uid.clone().unwrap_or_else(|| {
        use sha2::{Digest, Sha256};
        hex::encode(&Sha256::digest(public_id.as_bytes())[..16])
    });
    Ok(ics::event(
        &uid,
        booking.start_utc,
        booking.duration_minutes,
        &summary,
    ))
}
