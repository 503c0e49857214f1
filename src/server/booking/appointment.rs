//! The appointment after its booking: the visitor cancels or moves it from its confirmation
//! page (its link is the only key: a random id, mapped here to Cal.com's uid, which never
//! leaves the server). Both call Cal.com, record the change with its notification in one
//! transaction, and give the hour back to everyone at once.

use chrono::Utc;

use crate::{
    domain::{
        calendar::instant_of,
        hour_minute::HourMinute,
        manage::{manage_href, ManageAction, ManageNotice, REASON_MAX},
        offer::find_hour,
        token::Token,
    },
    error::{AppError, OrInternal},
};

use crate::server::{
    abuse::keys::new_token,
    booking::confirmation::{booking, changes_of, confirmation_url, rules_said, standing},
    calendar::availability_sync,
    calendar::calcom::CalComError,
    notify::message::{BookingNotice, Notification},
    state::AppState,
    store::{BookingRow, BookingStatus, NewBookingRow, Outbound},
    words::Visit,
};

/// Said to Cal.com when the visitor gives no reason.
const NO_REASON: &str = "Annulé par la personne depuis sa page de confirmation";

/// What the owner's notification says of `row`.
pub(super) fn notice_of(state: &AppState, row: &BookingRow) -> BookingNotice {
    let config = &state.config;
    let label = config.label_of(&row.event_type);
    BookingNotice {
        reference: crate::server::notify::message::reference_of(&row.public_id),
        event_type: row.event_type.clone(),
        event_type_label: label,
        start: row.start_utc,
        start_label: start_label(state, row),
        duration_minutes: row.duration_minutes,
        status: row.status,
        name: row.name.clone(),
        email: row.email.clone(),
        phone: row.phone.clone(),
    }
}

/// "jeudi 26 novembre 2026 à 10:00 (heure de Paris)".
fn start_label(state: &AppState, row: &BookingRow) -> String {
    let config = &state.config;
    let local = row
        .start_utc
        .with_timezone(&config.business.time_zone)
        .naive_local();
    // The owner's side speaks the business language.
    let words = crate::server::words::words_in(&config.business.language);
    format!(
        "{} ({})",
        words.date_time(local),
        config.business.zone_label_in(&words)
    )
}

/// Refuses `action` on `booking` when the business's rules do not allow it now, in the
/// words the page states them with: a forged post changes nothing at Cal.com (which would
/// let the key's owner do anything).
fn allowed(
    state: &AppState,
    booking: &BookingRow,
    action: ManageAction,
    words: &crate::domain::lang::Words,
) -> Result<(), AppError> {
    let changes = changes_of(state, booking);
    if changes.allows(action, booking.start_utc, Utc::now()) {
        return Ok(());
    }
    tracing::info!(event = %booking.event_type, action = action.param(), "change refused by the business's rules");
    Err(AppError::BadRequest(
        rules_said(state, &changes, booking, words).join(" "),
    ))
}

/// Cancels the appointment `public_id` (with the visitor's `reason`, if any); returns the
/// page to show next.
pub async fn cancel(
    state: &AppState,
    visit: &Visit,
    public_id: &Token,
    reason: &str,
) -> Result<String, AppError> {
    let booking = booking(state, public_id, &visit.words).await?;
    let href = confirmation_url(public_id);
    if !standing(&booking).can_change() {
        return Ok(href);
    }
    allowed(state, &booking, ManageAction::Cancel, &visit.words)?;
    let reason: String = reason.trim().chars().take(REASON_MAX).collect();
    if let (Some(uid), Some(client)) = (&booking.calcom_uid, &state.calcom) {
        let said = if reason.is_empty() {
            NO_REASON
        } else {
            &reason
        };
        match client.cancel(uid, said).await {
            Ok(()) => {}
            // Cancelled in Cal.com already (by the business): so be it here too.
            Err(CalComError::Rejected { message, .. }) if message.contains("already") => {}
            Err(error) => {
                tracing::warn!(%error, "cancellation failed");
                return Ok(manage_href(
                    &href,
                    ManageAction::Cancel,
                    Some(ManageNotice::Failed),
                ));
            }
        }
    }
    let notification = Notification::BookingCancelled {
        booking: notice_of(state, &booking),
        reason: (!reason.is_empty()).then_some(reason),
    };
    let channels = state.notifier.channels();
    let outbound = Outbound {
        channels: &channels,
        event: notification.event(),
        payload: &|_, _| notification.to_json(),
    };
    state
        .db
        .set_booking_status(public_id, BookingStatus::Cancelled, &outbound)
        .await
        .or_internal("cancellation not recorded")?;
    tracing::info!(event = %booking.event_type, "appointment cancelled by the visitor");
    if let Some(event) = state.config.event_type(Some(&booking.event_type)) {
        // Offered again at once, on every instance.
        availability_sync::changed(&state.db, &state.availability, event).await;
    }
    state.notifier.wake();
    Ok(href)
}

/// Moves the appointment `public_id` to `hour` on `date`; returns the page to show next
/// (the new appointment's, or the hours again when that one was taken meanwhile).
pub async fn reschedule(
    state: &AppState,
    visit: &Visit,
    public_id: &Token,
    date: chrono::NaiveDate,
    hour: HourMinute,
) -> Result<String, AppError> {
    let booking = booking(state, public_id, &visit.words).await?;
    let href = confirmation_url(public_id);
    if !standing(&booking).can_change() {
        return Ok(href);
    }
    allowed(state, &booking, ManageAction::Move, &visit.words)?;
    let taken = manage_href(&href, ManageAction::Move, Some(ManageNotice::Taken));
    let event = state
        .config
        .event_type(Some(&booking.event_type))
        .ok_or(AppError::Internal)?;
    let Some(start) =
        instant_of(&state.config.business.time_zone, date, hour).filter(|s| *s > Utc::now())
    else {
        return Ok(taken);
    };
    let created = match (&booking.calcom_uid, &state.calcom) {
        (Some(uid), Some(client)) => match client.reschedule(uid, start, None).await {
            Ok(created) => Some(created),
            Err(CalComError::Rejected { status, message }) => {
                tracing::warn!(status, %message, "move refused by Cal.com");
                return Ok(taken);
            }
            Err(error) => {
                tracing::warn!(%error, "move failed");
                return Ok(manage_href(
                    &href,
                    ManageAction::Move,
                    Some(ManageNotice::Failed),
                ));
            }
        },
        _ => {
            let free = state
                .availability
                .days(event, state.config.tunnel.range_days)
                .await
                .is_ok_and(|av| find_hour(&av.days, date, hour).is_some());
            if !free {
                return Ok(taken);
            }
            None
        }
    };
    let moved = NewBookingRow {
        public_id: new_token(),
        calcom_uid: created.as_ref().map(|c| c.uid.clone()),
        start_utc: created.as_ref().map_or(start, |c| c.start),
        duration_minutes: created
            .as_ref()
            .and_then(|c| c.duration_minutes)
            .unwrap_or(booking.duration_minutes),
        status: created.as_ref().map_or(booking.status, |c| c.status),
        moved_to: None,
        location: created
            .as_ref()
            .and_then(|c| c.location.clone())
            .or_else(|| booking.location.clone()),
        ..booking.clone()
    };
    let notification = Notification::BookingRescheduled {
        booking: notice_of(state, &moved),
        previous_reference: crate::server::notify::message::reference_of(public_id),
        previous_start_label: start_label(state, &booking),
    };
    let channels = state.notifier.channels();
    let outbound = Outbound {
        channels: &channels,
        event: notification.event(),
        payload: &|_, _| notification.to_json(),
    };
    // Moved in Cal.com (which emails the visitor) but not recorded here: an error page.
    state
        .db
        .record_move(
            public_id,
            &moved,
            &outbound,
            &super::reminders::of(state, &moved),
        )
        .await
        .or_internal("move not recorded")?;
    tracing::info!(event = %event.slug, "appointment moved by the visitor");
    availability_sync::changed(&state.db, &state.availability, event).await;
    state.notifier.wake();
    Ok(confirmation_url(&moved.public_id))
}
